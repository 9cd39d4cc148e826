/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-csv"

/* Reading a spreadsheet saved as CSV, from anyone: the file is read as
 * bytes and split by hand (no library guesses for us), with the rules of
 * RFC 4180 as LibreOffice and Excel write them: cells in double quotes may
 * hold separators, doubled quotes and line breaks; a record ends at CRLF,
 * LF or a lone CR. Every cell must be UTF-8 without NUL bytes, no longer
 * than a text may be; the number of rows is capped. Problems name the
 * spreadsheet's row and column, so the author finds them where they typed. */

#include "config.h"
#include "lb-instrument-csv-private.h"
#include "lb-xml.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#define MAX_PROBLEMS 100

const char * const lb_csv_column_names[LB_CSV_N_COLUMNS] = {
  "type", "id", "parent", "scale", "level", "from", "to", "value", "share",
  "difficulty", "code", "evidence", "scoring", "kind", "count", "minute",
  "observe_minutes", "score_minutes", "combine", "within", "snapshots_exact",
  "allowed", "version", "languages", "name",
  "format", "rollup", "round", "anchor_tolerance", "band", "sessions", "applies_when",
  "answer", "number", "references", "in_each",
};

/* ---- problems ---- */

void
lb_csv_problem (LbCsvTable *t, guint row, guint column, const char *format, ...)
{
  va_list args;

  if (t->problems->len >= MAX_PROBLEMS)
    return;
  LbProblem *p = g_new0 (LbProblem, 1);
  p->line = MAX (row, 1);
  p->column = MAX (column, 1);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (t->problems, p);
}

/* Past this many problems the rest is noise: the file is not what we
 * think it is, or one mistake repeats on every row. */
gboolean
lb_csv_too_many (LbCsvTable *t)
{
  return t->problems->len >= MAX_PROBLEMS;
}

static void
record_free (gpointer data)
{
  LbCsvRecord *r = data;
  g_ptr_array_unref (r->cells);
  g_free (r);
}

void
lb_csv_table_init (LbCsvTable *t, const char *filename)
{
  t->filename = filename ? filename : "-";
  t->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  t->records = g_ptr_array_new_with_free_func (record_free);
  t->separator = ';';
}

void
lb_csv_table_clear (LbCsvTable *t)
{
  g_clear_pointer (&t->problems, g_ptr_array_unref);
  g_clear_pointer (&t->records, g_ptr_array_unref);
}

/* ---- helpers ---- */

gboolean
lb_csv_is_valid_id (const char *id)
{
  return lb_xml_is_valid (LB_XML_ID, id);
}

/* "nl", "en", "fy", "nl-BE" */
gboolean
lb_csv_is_language (const char *code)
{
  return lb_xml_is_language (code);
}

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@';
}

char *
lb_csv_escape_text (const char *text)
{
  if (is_formula_start (text[0]) ||
      (text[0] == '\'' && (is_formula_start (text[1]) || text[1] == '\'')))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

const char *
lb_csv_unescape_text (const char *cell)
{
  if (cell[0] == '\'' && (is_formula_start (cell[1]) || cell[1] == '\''))
    return cell + 1;
  return cell;
}

/* ---- splitting ---- */

typedef struct {
  LbCsvTable *t;
  const char *p;
  const char *end;
  char        sep;
  guint       row;
  gboolean    stop;
} Lexer;

static gboolean
is_end_of_cell (Lexer *lx)
{
  return lx->p >= lx->end || *lx->p == lx->sep || *lx->p == '\r' || *lx->p == '\n';
}

/* Appends bytes up to LB_CSV_MAX_CELL_CHARS characters' worth and counts
 * the characters of the rest, so that a 20 MB cell costs no memory. */
static void
take_byte (GString *cell, guint *chars, char c)
{
  if (((guchar) c & 0xC0) != 0x80)
    (*chars)++;
  if (*chars <= LB_CSV_MAX_CELL_CHARS)
    g_string_append_c (cell, c);
}

/* FALSE (after a problem) when the cell cannot be used. */
static gboolean
check_cell (Lexer *lx, GString *cell, guint chars, guint column)
{
  const char *bad = NULL;

  if (chars > LB_CSV_MAX_CELL_CHARS)
    {
      lb_csv_problem (lx->t, lx->row, column,
                      _("this cell is too long (%u characters; a text may have at most %d)"),
                      chars, LB_CSV_MAX_CELL_CHARS);
      return FALSE;
    }
  else if (memchr (cell->str, '\0', cell->len))
    {
      lb_csv_problem (lx->t, lx->row, column,
                      _("this cell contains a NUL byte: the file is not text saved as CSV"));
      return FALSE;
    }
  else if (!g_utf8_validate_len (cell->str, cell->len, &bad))
    {
      lb_csv_problem (lx->t, lx->row, column,
                      _("this cell is not valid UTF-8 text (byte 0x%02X); save the file as CSV "
                        "with the character set “Unicode (UTF-8)”"), (guint) (guchar) *bad);
      return FALSE;
    }
  return TRUE;
}

static void
read_quoted (Lexer *lx, GString *cell, guint *chars, guint column)
{
  guint start_row = lx->row;

  lx->p++;
  for (;;)
    {
      if (lx->p >= lx->end)
        {
          lb_csv_problem (lx->t, start_row, column,
                          _("the quotation mark that opens this cell is never closed, so the rest "
                            "of the file was read as part of it"));
          lx->stop = TRUE;
          return;
        }
      if (*lx->p == '"')
        {
          if (lx->p + 1 < lx->end && lx->p[1] == '"')
            take_byte (cell, chars, '"'), lx->p += 2;
          else
            break;
        }
      else
        take_byte (cell, chars, *lx->p++);
    }
  lx->p++;
  if (is_end_of_cell (lx))
    return;
  lb_csv_problem (lx->t, lx->row, column,
                  _("text after the closing quotation mark; put the whole cell in quotes and "
                    "write a quotation mark inside it twice (\"\")"));
  while (!is_end_of_cell (lx))
    take_byte (cell, chars, *lx->p++);
}

/* One record into @cells; FALSE at the end of the input. */
static gboolean
read_record (Lexer *lx, GPtrArray *cells)
{
  if (lx->p >= lx->end)
    return FALSE;
  for (guint column = 1;; column++)
    {
      g_autoptr(GString) cell = g_string_new (NULL);
      guint chars = 0;
      if (lx->p < lx->end && *lx->p == '"')
        read_quoted (lx, cell, &chars, column);
      else
        while (!is_end_of_cell (lx))
          take_byte (cell, &chars, *lx->p++);
      if (lx->stop)
        return TRUE;
      if (check_cell (lx, cell, chars, column))
        g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));
      else
        g_ptr_array_add (cells, NULL);
      if (lx->p >= lx->end)
        break;
      if (*lx->p == lx->sep)
        {
          lx->p++;
          continue;
        }
      if (*lx->p++ == '\r' && lx->p < lx->end && *lx->p == '\n')
        lx->p++;
      break;
    }
  return TRUE;
}

static gboolean
has_type_cell (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      if (cells->pdata[i] == NULL)
        continue;
      g_autofree char *name = g_ascii_strdown (cells->pdata[i], -1);
      if (g_str_equal (g_strstrip (name), "type"))
        return cells->len > 1;
    }
  return FALSE;
}

/* The separator is the one that makes "type" a cell of the first row:
 * LibreOffice in a Dutch locale suggests ";", elsewhere ",". */
static gboolean
detect_separator (LbCsvTable *t, const char *data, gsize len)
{
  static const char candidates[] = { ';', ',', '\t' };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      LbCsvTable probe;
      lb_csv_table_init (&probe, t->filename);
      Lexer lx = { &probe, data, data + len, candidates[i], 1, FALSE };
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      gboolean found = read_record (&lx, cells) && probe.problems->len == 0 && has_type_cell (cells);
      lb_csv_table_clear (&probe);
      if (found)
        {
          t->separator = candidates[i];
          return TRUE;
        }
    }
  lb_csv_problem (t, 1, 1,
                  _("the first row must name the columns (type, id, parent, text_nl, …), "
                    "separated by semicolons or commas; this file has no column “type”"));
  return FALSE;
}

static gboolean
is_blank (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

gboolean
lb_csv_table_parse (LbCsvTable *t, const char *data, gsize len)
{
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;
  if (is_blank (data, len))
    {
      lb_csv_problem (t, 1, 1, _("the file is empty"));
      return FALSE;
    }
  if (!detect_separator (t, data, len))
    return FALSE;

  Lexer lx = { t, data, data + len, t->separator, 1, FALSE };
  for (;;)
    {
      if (lx.row > LB_CSV_MAX_ROWS && lx.p < lx.end)
        {
          lb_csv_problem (t, lx.row, 1,
                          _("the file has more than %d rows; an instrument has far fewer. Is this "
                            "the right file?"), LB_CSV_MAX_ROWS);
          return FALSE;
        }
      LbCsvRecord *r = g_new0 (LbCsvRecord, 1);
      r->row = lx.row;
      r->cells = g_ptr_array_new_with_free_func (g_free);
      if (!read_record (&lx, r->cells))
        {
          record_free (r);
          break;
        }
      g_ptr_array_add (t->records, r);
      /* A broken first row means the rest cannot be read by its names. */
      if (lx.stop || lb_csv_too_many (t) || (lx.row == 1 && t->problems->len > 0))
        return FALSE;
      lx.row++;
    }
  return t->problems->len == 0 || !lb_csv_too_many (t);
}

/* ---- files and the whole conversion ---- */

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const LbProblem *x = *(LbProblem **) a, *y = *(LbProblem **) b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

/* All problems, in the order of the rows (a stable sort: those of one
 * cell stay in the order they were found). */
static void
fail (LbCsvTable *t, GPtrArray *problems, GError **error)
{
  GString *all = g_string_new (NULL);
  g_ptr_array_sort (t->problems, compare_problems);
  for (guint i = 0; i < t->problems->len; i++)
    {
      g_autofree char *line = lb_problem_format (t->problems->pdata[i], t->filename);
      if (i > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, line);
    }
  g_set_error_literal (error, LB_ERROR, LB_ERROR_INVALID, all->str);
  g_string_free (all, TRUE);
  if (problems)
    for (guint i = 0; i < t->problems->len; i++)
      g_ptr_array_add (problems, g_steal_pointer (&t->problems->pdata[i]));
}

GBytes *
lb_instrument_csv_read_file (const char *path, GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  guint64 size = 0;
  GBytes *bytes = lb_xml_read_regular_file (path, LB_CSV_MAX_FILE_SIZE, &size, error);
  if (bytes == NULL && size > 0)
    {
      LbCsvTable t;
      lb_csv_table_init (&t, path);
      lb_csv_problem (&t, 1, 1, _("the file is too large (%.1f MB); a spreadsheet of an instrument "
                                  "may be at most %d MB"), size / 1e6,
                      LB_CSV_MAX_FILE_SIZE / (1024 * 1024));
      fail (&t, problems, error);
      lb_csv_table_clear (&t);
    }
  return bytes;
}

/* What the loader found in the XML we wrote, said at the row it came
 * from. Rare: the rows are checked before any XML is written. */
static void
map_loader_problems (LbCsvTable *t, GPtrArray *loader_problems, GArray *line_rows, guint type_column)
{
  for (guint i = 0; i < loader_problems->len; i++)
    {
      const LbProblem *p = loader_problems->pdata[i];
      guint row = p->line >= 1 && p->line <= line_rows->len
                    ? g_array_index (line_rows, guint, p->line - 1) : 1;
      lb_csv_problem (t, row, type_column, "%s", p->message);
    }
}

GBytes *
lb_instrument_from_csv (GBytes *csv, const char *filename, LbInstrument **instrument,
                        GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LbCsvTable t;
  lb_csv_table_init (&t, filename);
  gsize len;
  const char *data = g_bytes_get_data (csv, &len);
  g_autoptr(GArray) line_rows = NULL;
  guint type_column = 1;
  g_autofree char *xml = NULL;
  GBytes *result = NULL;

  if (len > LB_CSV_MAX_FILE_SIZE)
    lb_csv_problem (&t, 1, 1, _("the file is too large (%.1f MB); a spreadsheet of an instrument "
                                "may be at most %d MB"), len / 1e6, LB_CSV_MAX_FILE_SIZE / (1024 * 1024));
  else if (lb_csv_table_parse (&t, data, len))
    xml = lb_csv_build_xml (&t, &line_rows, &type_column);

  if (xml && t.problems->len == 0)
    {
      gsize xml_len = strlen (xml);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&xml), xml_len);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
      g_autoptr(GError) local = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, t.filename, found, &local);
      if (inst)
        {
          result = g_bytes_ref (bytes);
          if (instrument)
            *instrument = g_steal_pointer (&inst);
        }
      else if (found->len > 0)
        map_loader_problems (&t, found, line_rows, type_column);
      else
        lb_csv_problem (&t, 1, 1, "%s", local->message);
    }
  if (result == NULL)
    {
      if (t.problems->len == 0)
        lb_csv_problem (&t, 1, 1, _("the file could not be turned into an instrument"));
      fail (&t, problems, error);
    }
  lb_csv_table_clear (&t);
  return result;
}
