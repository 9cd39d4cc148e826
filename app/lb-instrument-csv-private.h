/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument-csv.h"
#include "lb-error.h"

G_BEGIN_DECLS

/* Shared by lb-instrument-csv.c (reading the table), -import.c (table →
 * XML) and -export.c (model → table). */

/* The columns with a fixed name, in the order to-csv writes them (after
 * type, id and parent come the text columns: text_nl, text_en, …,
 * description_nl, description_en, …). */
typedef enum {
  LB_CSV_TYPE,
  LB_CSV_ID,
  LB_CSV_PARENT,
  LB_CSV_SCALE,
  LB_CSV_LEVEL,
  LB_CSV_FROM,
  LB_CSV_TO,
  LB_CSV_VALUE,
  LB_CSV_SHARE,
  LB_CSV_DIFFICULTY,
  LB_CSV_CODE,
  LB_CSV_EVIDENCE,
  LB_CSV_SCORING,
  LB_CSV_KIND,
  LB_CSV_COUNT,
  LB_CSV_MINUTE,
  LB_CSV_OBSERVE_MINUTES,
  LB_CSV_SCORE_MINUTES,
  LB_CSV_COMBINE,
  LB_CSV_WITHIN,
  LB_CSV_SNAPSHOTS_EXACT,
  LB_CSV_ALLOWED,
  LB_CSV_VERSION,
  LB_CSV_LANGUAGES,
  LB_CSV_NAME,
  /* format 2; to-csv writes these columns only for a format 2 instrument */
  LB_CSV_FORMAT,
  LB_CSV_ROLLUP,
  LB_CSV_ROUND,
  LB_CSV_ANCHOR_TOLERANCE,
  LB_CSV_BAND,
  LB_CSV_SESSIONS,
  LB_CSV_APPLIES_WHEN,
  LB_CSV_ANSWER,
  LB_CSV_NUMBER,
  LB_CSV_REFERENCES,
  LB_CSV_IN_EACH,
  LB_CSV_N_COLUMNS
} LbCsvColumn;

#define LB_CSV_FIRST_FORMAT_2 LB_CSV_FORMAT

extern const char * const lb_csv_column_names[LB_CSV_N_COLUMNS];

/* One record of the file; row 1 is the header. */
typedef struct {
  guint      row;
  GPtrArray *cells;  /* char *: "" when empty, NULL when unreadable (reported) */
} LbCsvRecord;

typedef struct {
  const char *filename;
  GPtrArray  *problems;  /* LbProblem; line = row */
  GPtrArray  *records;   /* LbCsvRecord, the header first */
  char        separator;
} LbCsvTable;

void     lb_csv_table_init    (LbCsvTable  *t,
                               const char  *filename);
void     lb_csv_table_clear   (LbCsvTable  *t);
/* Splits @data into records; FALSE when nothing more can be checked. */
gboolean lb_csv_table_parse   (LbCsvTable  *t,
                               const char  *data,
                               gsize        len);
void     lb_csv_problem       (LbCsvTable  *t,
                               guint        row,
                               guint        column,
                               const char  *format,
                               ...) G_GNUC_PRINTF (4, 5);
gboolean lb_csv_too_many      (LbCsvTable  *t);

/* Ids and language codes as the schema has them. */
gboolean lb_csv_is_valid_id   (const char  *id);
gboolean lb_csv_is_language   (const char  *code);

/* Spreadsheets run a cell that starts with = + - or @ as a formula. to-csv
 * puts an apostrophe before such a text, and before a text that already
 * starts with an apostrophe followed by one of those (or by another
 * apostrophe); from-csv takes exactly that apostrophe off again. Any other
 * text, "=HYPERLINK(…)" typed by an author included, stays as it is:
 * Lesbezoek never evaluates anything. */
char    *lb_csv_escape_text   (const char  *text);
const char *lb_csv_unescape_text (const char *cell);

/* The XML of the rows of @t, or NULL after adding problems to @t. */
char    *lb_csv_build_xml     (LbCsvTable  *t,
                               GArray     **line_rows,
                               guint       *type_column);

G_END_DECLS
