/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"

G_BEGIN_DECLS

/* Instruments as a spreadsheet: one row per instrument, scale, level,
 * domain, group, item, indicator, descriptor, rule …, with a "type" column
 * and named columns (docs/instrument-format.md, "Authoring in a
 * spreadsheet"). from-csv turns such a CSV into instrument XML and then
 * validates that with the normal loader; every problem is located as
 * FILE:ROW:COLUMN, where ROW is the spreadsheet's row (1 is the row of
 * column names) and COLUMN its column (A = 1). */

#define LB_CSV_MAX_FILE_SIZE (64 * 1024 * 1024)
#define LB_CSV_MAX_ROWS      50000
#define LB_CSV_MAX_CELL_CHARS 20000

/* UTF-8 with a byte-order mark (so that Excel, too, reads it as UTF-8),
 * CRLF line ends, every non-empty cell but the header in quotes.
 * @separator is ';' (what LibreOffice and Excel expect in a Dutch
 * locale), ',' or '\t'. */
char         *lb_instrument_to_csv       (LbInstrument *inst,
                                          char          separator,
                                          gsize        *length);

/* Reads a CSV file of at most LB_CSV_MAX_FILE_SIZE bytes; refuses
 * anything that is not a regular file before reading a byte. */
GBytes       *lb_instrument_csv_read_file (const char  *path,
                                          GPtrArray   *problems,
                                          GError     **error);

/* Returns the XML of a valid instrument (and the loaded instrument in
 * @instrument when not NULL), or NULL with every problem in @problems
 * (LbProblem, line = row) and all of them, one per line, in @error. The
 * separator (semicolon, comma or tab) is found from the first row. */
GBytes       *lb_instrument_from_csv     (GBytes        *csv,
                                          const char    *filename,
                                          LbInstrument **instrument,
                                          GPtrArray     *problems,
                                          GError       **error);

G_END_DECLS
