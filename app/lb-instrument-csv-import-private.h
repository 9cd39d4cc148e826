/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument-csv-private.h"

G_BEGIN_DECLS

/* Shared by lb-instrument-csv-import.c (reading the rows, ids, parents)
 * and lb-instrument-csv-checks.c (checking each type, writing the XML). */

typedef enum {
  T_INSTRUMENT, T_AUTHOR, T_SOURCE, T_VALIDATION, T_SCALE, T_LEVEL, T_BAND,
  T_NOT_OBSERVED, T_SESSIONS, T_SNAPSHOT, T_DOMAIN, T_GROUP, T_ITEM, T_INDICATOR,
  T_DESCRIPTOR, T_ANCHOR, T_JUDGEMENT, T_RULE, T_CALIBRATION,
  T_SESSION,  /* format 2: one cycle or segment's own timing and title */
  N_TYPES
} Type;

typedef enum {
  TX_NONE,      /* the row has no such text */
  TX_OPTIONAL,  /* in any language */
  TX_NL_IF_ANY, /* optional, but with Dutch when given at all */
  TX_ANY,       /* at least one language */
  TX_DUTCH,     /* required in Dutch */
} TextUse;

/* more columns than 32 since format 2: the masks are 64 bits */
#define C(col) (G_GUINT64_CONSTANT (1) << LB_CSV_##col)
#define COLUMN_BIT(c) (G_GUINT64_CONSTANT (1) << (c))
#define P(type) (1u << (type))

typedef struct {
  const char *name;
  guint64     allowed;    /* fixed columns besides type that may be filled */
  guint64     required;
  TextUse     text;
  TextUse     description;
  guint32     parents;    /* the types its parent may have; 0: top level */
  const char *parent_names;
} Spec;

extern const Spec lb_csv_specs[N_TYPES];

typedef struct _Row Row;
struct _Row {
  guint       row;
  Type        type;
  const char *cell[LB_CSV_N_COLUMNS];  /* trimmed; "" when empty */
  guint64     bad;                     /* columns whose cell was unreadable */
  gboolean    bad_text;                /* a text cell was unreadable */
  char       *number[LB_CSV_N_COLUMNS]; /* checked numbers, as written to XML */
  LbText     *text;
  LbText     *description;
  Row        *parent;
  GPtrArray  *children;                /* Row, in row order */
  Row        *scale;                   /* effective scale (for levels: their own) */
  double      value;                   /* a level's value */
  gboolean    value_ok;
};

typedef enum { COL_UNNAMED, COL_IGNORED, COL_FIXED, COL_TEXT, COL_DESCRIPTION } ColKind;

typedef struct {
  ColKind kind;
  guint   fixed;  /* LbCsvColumn for COL_FIXED */
  char   *lang;   /* for COL_TEXT and COL_DESCRIPTION */
} Col;

typedef struct {
  LbCsvTable *t;
  guint       pos[LB_CSV_N_COLUMNS];  /* 1-based file column, 0 when the file lacks it */
  GArray     *cols;                   /* Col per header cell */
  GPtrArray  *rows;                   /* Row, owned */
  GHashTable *scales;                 /* id → Row */
  GHashTable *ids;                    /* node and snapshot ids → Row */
  Row        *single[N_TYPES];
  GStrv       languages;
  guint       format;                 /* 1 or 2: written, or 2 when format 2 is used */
} Import;

static inline const char *
cell (Row *r, LbCsvColumn c)
{
  return r->cell[c];
}

static inline gboolean
has (Row *r, LbCsvColumn c)
{
  return r->cell[c][0] != '\0';
}

void     lb_csv_row_problem (Import      *im,
                             Row         *r,
                             LbCsvColumn  c,
                             const char  *format,
                             ...) G_GNUC_PRINTF (4, 5);
gboolean lb_csv_get_decimal (Import      *im,
                             Row         *r,
                             LbCsvColumn  c,
                             double       min,
                             double       max,
                             double      *out);
gboolean lb_csv_get_count   (Import      *im,
                             Row         *r,
                             LbCsvColumn  c,
                             guint        min,
                             guint        max,
                             guint       *out);
int      lb_csv_get_choice  (Import      *im,
                             Row         *r,
                             LbCsvColumn  c,
                             const char * const *choices);
Row     *lb_csv_find_scale  (Import      *im,
                             Row         *r,
                             LbCsvColumn  c);
int      lb_csv_find_level  (Row         *scale,
                             const char  *id);
int      lb_csv_level_on    (Import      *im,
                             Row         *r,
                             LbCsvColumn  c,
                             Row         *scale);
void     lb_csv_check_text  (Import      *im,
                             Row         *r,
                             LbText      *text,
                             gboolean     description);
void     lb_csv_check_all   (Import      *im);
char    *lb_csv_emit        (Import      *im,
                             GArray     **line_rows);

/* The checks call these on nearly every line. */
#define specs       lb_csv_specs
#define problem_at  lb_csv_row_problem
#define get_decimal lb_csv_get_decimal
#define get_count   lb_csv_get_count
#define get_choice  lb_csv_get_choice
#define find_scale  lb_csv_find_scale
#define find_level  lb_csv_find_level
#define level_on    lb_csv_level_on
#define check_text  lb_csv_check_text

G_END_DECLS
