/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-csv"

/* From the rows of a spreadsheet to instrument XML. Each row is checked
 * against what its type allows (which columns, which texts, which parent)
 * and everything the loader would refuse is looked for here first, so
 * that the author hears about it at the row and column they typed it in,
 * not at a line of XML they never saw. Rows may come in any order; a row
 * whose parent column is empty belongs to the nearest row above it that
 * can be its parent. Siblings keep the order of their rows. */

#include "config.h"
#include "lb-instrument-csv-import-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

const Spec specs[N_TYPES] = {
  [T_INSTRUMENT] = { "instrument", C (ID) | C (VERSION) | C (LANGUAGES) | C (FORMAT), C (ID) | C (VERSION),
                     TX_DUTCH, TX_OPTIONAL, 0, NULL },
  [T_AUTHOR] = { "author", C (NAME), C (NAME), TX_NONE, TX_NONE, 0, NULL },
  [T_SOURCE] = { "source", 0, 0, TX_ANY, TX_NONE, 0, NULL },
  [T_VALIDATION] = { "validation", 0, 0, TX_ANY, TX_NONE, 0, NULL },
  [T_SCALE] = { "scale", C (ID), C (ID), TX_OPTIONAL, TX_NONE, 0, NULL },
  [T_LEVEL] = { "level", C (ID) | C (PARENT) | C (VALUE), C (ID) | C (VALUE),
                TX_DUTCH, TX_OPTIONAL, P (T_SCALE), "scale" },
  [T_BAND] = { "band", C (ID) | C (PARENT) | C (FROM) | C (TO), C (ID) | C (FROM) | C (TO),
               TX_DUTCH, TX_NONE, P (T_SCALE), "scale" },
  [T_NOT_OBSERVED] = { "not-observed", C (PARENT) | C (ALLOWED), 0, TX_NL_IF_ANY, TX_NONE,
                       P (T_SCALE), "scale" },
  [T_SESSIONS] = { "sessions",
                   C (KIND) | C (COUNT) | C (OBSERVE_MINUTES) | C (SCORE_MINUTES) | C (COMBINE),
                   C (KIND) | C (COUNT) | C (OBSERVE_MINUTES) | C (COMBINE),
                   TX_OPTIONAL, TX_NONE, 0, NULL },
  [T_SNAPSHOT] = { "snapshot", C (ID) | C (MINUTE) | C (SCALE) | C (SESSIONS) | C (APPLIES_WHEN) | C (ANSWER),
                   C (ID) | C (MINUTE) | C (SCALE),
                   TX_DUTCH, TX_NONE, 0, NULL },
  [T_DOMAIN] = { "domain", C (ID) | C (SCALE), C (ID) | C (SCALE), TX_DUTCH, TX_OPTIONAL, 0, NULL },
  [T_GROUP] = { "group", C (ID) | C (PARENT) | C (SCALE), C (ID), TX_DUTCH, TX_OPTIONAL,
                P (T_DOMAIN), "domain" },
  [T_ITEM] = { "item", C (ID) | C (PARENT) | C (SCALE) | C (EVIDENCE) | C (SCORING) | C (ROLLUP) |
               C (ROUND) | C (ANCHOR_TOLERANCE), C (ID),
               TX_DUTCH, TX_OPTIONAL, P (T_DOMAIN) | P (T_GROUP), "domain or group" },
  [T_INDICATOR] = { "indicator", C (ID) | C (PARENT) | C (SCALE) | C (DIFFICULTY), C (ID),
                    TX_DUTCH, TX_NONE, P (T_ITEM), "item" },
  /* a level or (format 2) a band: checked in lb-instrument-csv-checks.c */
  [T_DESCRIPTOR] = { "descriptor", C (PARENT) | C (LEVEL) | C (BAND), 0, TX_DUTCH, TX_NONE,
                     P (T_ITEM), "item" },
  [T_ANCHOR] = { "anchor", C (PARENT) | C (CODE) | C (LEVEL), C (CODE) | C (LEVEL), TX_NONE, TX_NONE,
                 P (T_ITEM), "item" },
  [T_JUDGEMENT] = { "judgement", C (PARENT), 0, TX_OPTIONAL, TX_NONE, P (T_DOMAIN), "domain" },
  [T_RULE] = { "rule", C (PARENT) | C (KIND) | C (LEVEL) | C (VALUE) | C (SHARE), C (KIND),
               TX_NONE, TX_NONE, P (T_DOMAIN), "domain" },
  [T_CALIBRATION] = { "calibration", C (WITHIN) | C (SHARE) | C (SNAPSHOTS_EXACT) | C (REFERENCES) |
                      C (IN_EACH), C (WITHIN) | C (SHARE), TX_NONE, TX_OPTIONAL, 0, NULL },
  [T_SESSION] = { "session", C (NUMBER) | C (OBSERVE_MINUTES) | C (SCORE_MINUTES), C (NUMBER),
                  TX_NL_IF_ANY, TX_NONE, 0, NULL },
};


static void
row_free (gpointer data)
{
  Row *r = data;
  for (guint i = 0; i < LB_CSV_N_COLUMNS; i++)
    g_free (r->number[i]);
  g_clear_pointer (&r->text, lb_text_unref);
  g_clear_pointer (&r->description, lb_text_unref);
  g_clear_pointer (&r->children, g_ptr_array_unref);
  g_free (r);
}

static void
col_clear (gpointer data)
{
  g_free (((Col *) data)->lang);
}

/* ---- locating problems ---- */

static guint
column_of (Import *im, LbCsvColumn c)
{
  return im->pos[c] ? im->pos[c] : MAX (im->pos[LB_CSV_TYPE], 1);
}

void
lb_csv_row_problem (Import *im, Row *r, LbCsvColumn c, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  lb_csv_problem (im->t, r->row, column_of (im, c), "%s", message);
}

/* The file column of text_LANG (or description_LANG); 0 when none. */
static guint
find_text_column (Import *im, const char *lang, gboolean description)
{
  for (guint i = 0; i < im->cols->len; i++)
    {
      Col *col = &g_array_index (im->cols, Col, i);
      if (col->kind == (description ? COL_DESCRIPTION : COL_TEXT) && g_str_equal (col->lang, lang))
        return i + 1;
    }
  return 0;
}

static guint
text_column_of (Import *im, const char *lang, gboolean description)
{
  guint column = find_text_column (im, lang, description);
  return column ? column : column_of (im, LB_CSV_TYPE);
}

/* ---- the header ---- */

static char *
normalize_name (const char *raw)
{
  char *name = g_ascii_strdown (raw, -1);
  g_strstrip (name);
  for (char *p = name; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return name;
}

static gboolean
name_column (Import *im, Col *col, const char *name, guint column)
{
  for (guint c = 0; c < LB_CSV_N_COLUMNS; c++)
    if (g_str_equal (name, lb_csv_column_names[c]))
      {
        if (im->pos[c])
          return lb_csv_problem (im->t, 1, column, _("a second column “%s” (the first is column %u)"),
                                 name, im->pos[c]), FALSE;
        im->pos[c] = column, col->kind = COL_FIXED, col->fixed = c;
        return TRUE;
      }
  gboolean text = g_str_has_prefix (name, "text_");
  if (!text && !g_str_has_prefix (name, "description_"))
    return lb_csv_problem (im->t, 1, column,
                           _("unknown column “%s”; see “Authoring in a spreadsheet” in the format "
                             "reference for the columns, or start the name with # for a column "
                             "of your own notes"), name), FALSE;
  const char *lang = strchr (name, '_') + 1;
  if (!lb_csv_is_language (lang))
    return lb_csv_problem (im->t, 1, column,
                           _("column “%s”: “%s” is not a language code; use codes such as nl and en"),
                           name, lang), FALSE;
  if (find_text_column (im, lang, !text))
    return lb_csv_problem (im->t, 1, column, _("a second column “%s”"), name), FALSE;
  col->kind = text ? COL_TEXT : COL_DESCRIPTION;
  col->lang = g_strdup (lang);
  return TRUE;
}

static gboolean
read_header (Import *im, LbCsvRecord *header)
{
  guint before = im->t->problems->len;

  for (guint i = 0; i < header->cells->len; i++)
    {
      Col col = { COL_UNNAMED, 0, NULL };
      g_autofree char *name = normalize_name (header->cells->pdata[i] ? header->cells->pdata[i] : "");
      if (name[0] == '#')
        col.kind = COL_IGNORED;
      else if (name[0] != '\0')
        name_column (im, &col, name, i + 1);
      g_array_append_val (im->cols, col);
    }
  if (!im->pos[LB_CSV_ID])
    lb_csv_problem (im->t, 1, 1, _("the first row names no column “id”"));
  if (!find_text_column (im, "nl", FALSE))
    lb_csv_problem (im->t, 1, 1, _("the first row names no column “text_nl” for the Dutch texts"));
  return im->t->problems->len == before;
}

/* ---- rows ---- */

static gboolean
find_type (const char *name, Type *out)
{
  for (guint i = 0; i < N_TYPES; i++)
    if (g_str_equal (specs[i].name, name))
      return *out = i, TRUE;
  return FALSE;
}

static gboolean
is_empty_record (LbCsvRecord *rec)
{
  for (guint i = 0; i < rec->cells->len; i++)
    {
      const char *c = rec->cells->pdata[i];
      if (c == NULL)
        return FALSE;
      for (const char *p = c; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/* XML 1.0 has no room for most control characters. */
static gunichar
control_character (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        return c;
    }
  return 0;
}

static void
read_text_cell (Import *im, Row *r, Col *col, guint column, char *value)
{
  gboolean description = col->kind == COL_DESCRIPTION;
  TextUse use = description ? specs[r->type].description : specs[r->type].text;
  const char *text = lb_csv_unescape_text (g_strstrip (value));

  if (*text == '\0')
    return;
  if (use == TX_NONE)
    {
      if (description)
        lb_csv_problem (im->t, r->row, column, _("a row of type %s has no description; leave this "
                                                 "cell empty"), specs[r->type].name);
      else
        lb_csv_problem (im->t, r->row, column, _("a row of type %s has no text; leave this cell "
                                                 "empty"), specs[r->type].name);
      return;
    }
  lb_text_set (description ? r->description : r->text, col->lang, text);
}

static void
read_fixed_cell (Import *im, Row *r, guint c, guint column, char *value)
{
  if (value == NULL)
    {
      r->bad |= COLUMN_BIT (c);
      return;
    }
  r->cell[c] = g_strstrip (value);
  if (c == LB_CSV_TYPE || !has (r, c) || (specs[r->type].allowed & COLUMN_BIT (c)))
    return;
  lb_csv_problem (im->t, r->row, column, _("a row of type %s has no “%s”; leave this cell empty"),
                  specs[r->type].name, lb_csv_column_names[c]);
}

static void
read_cells (Import *im, Row *r, LbCsvRecord *rec)
{
  for (guint i = 0; i < rec->cells->len; i++)
    {
      char *value = rec->cells->pdata[i];
      Col *col = i < im->cols->len ? &g_array_index (im->cols, Col, i) : NULL;
      gunichar bad = value ? control_character (value) : 0;

      if (bad && (col == NULL || col->kind != COL_IGNORED))
        {
          lb_csv_problem (im->t, r->row, i + 1,
                          _("this cell holds a control character (U+%04X), which an instrument "
                            "cannot contain"), bad);
          continue;
        }
      if (col && col->kind == COL_FIXED)
        read_fixed_cell (im, r, col->fixed, i + 1, value);
      else if (col && (col->kind == COL_TEXT || col->kind == COL_DESCRIPTION) && value)
        read_text_cell (im, r, col, i + 1, value);
      else if (col && (col->kind == COL_TEXT || col->kind == COL_DESCRIPTION))
        r->bad_text = TRUE;
      else if (col == NULL && value && *g_strstrip (value))
        lb_csv_problem (im->t, r->row, i + 1,
                        _("this row has more cells (%u) than the first row has column names (%u)"),
                        rec->cells->len, im->cols->len);
      else if (col && col->kind == COL_UNNAMED && value && *g_strstrip (value))
        lb_csv_problem (im->t, r->row, i + 1,
                        _("this cell is in a column without a name in the first row; name the "
                          "column or leave the cell empty"));
    }
}

static void
check_required (Import *im, Row *r)
{
  for (guint c = 1; c < LB_CSV_N_COLUMNS; c++)
    if ((specs[r->type].required & COLUMN_BIT (c)) && !has (r, c) && !(r->bad & COLUMN_BIT (c)))
      {
        const char *type = specs[r->type].name, *column = lb_csv_column_names[c];
        if (im->pos[c])
          problem_at (im, r, c, _("a row of type %s needs a value in column “%s”"), type, column);
        else
          problem_at (im, r, c, _("a row of type %s needs a value in column “%s”, which the "
                                          "first row does not name"), type, column);
      }
}

static Row *
read_row (Import *im, LbCsvRecord *rec)
{
  guint type_index = im->pos[LB_CSV_TYPE] - 1;
  const char *raw = type_index < rec->cells->len ? rec->cells->pdata[type_index] : "";
  g_autofree char *name = g_strstrip (g_ascii_strdown (raw ? raw : "", -1));
  Type type;

  if (is_empty_record (rec) || name[0] == '#')
    return NULL;
  if (raw == NULL)
    return NULL;  /* already reported */
  if (!find_type (name, &type))
    {
      if (name[0] == '\0')
        lb_csv_problem (im->t, rec->row, type_index + 1, _("this row has no type; fill in the column "
                                                           "“type”, or start it with # for a note"));
      else
        lb_csv_problem (im->t, rec->row, type_index + 1,
                        _("unknown type “%s”; the types are instrument, author, source, validation, "
                          "scale, level, band, not-observed, sessions, session, snapshot, domain, "
                          "group, item, indicator, descriptor, anchor, judgement, rule and "
                          "calibration"), raw);
      return NULL;
    }
  Row *r = g_new0 (Row, 1);
  r->row = rec->row;
  r->type = type;
  for (guint c = 0; c < LB_CSV_N_COLUMNS; c++)
    r->cell[c] = "";
  r->text = lb_text_new ();
  r->description = lb_text_new ();
  r->children = g_ptr_array_new ();
  read_cells (im, r, rec);
  check_required (im, r);
  return r;
}

/* ---- numbers ---- */

/* "2.5", "2,5" (a Dutch spreadsheet), "-1", ".5": xsd:decimal, no exponent. */
static char *
decimal_text (const char *cell)
{
  g_autofree char *s = g_strdup (cell);
  if (!strchr (s, '.'))
    for (char *p = s; *p; p++)
      if (*p == ',')
        {
          *p = '.';
          break;
        }
  const char *p = s;
  guint digits = 0;
  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits++;
  return digits > 0 && *p == '\0' ? g_steal_pointer (&s) : NULL;
}

gboolean
lb_csv_get_decimal (Import *im, Row *r, LbCsvColumn c, double min, double max, double *out)
{
  if (!has (r, c))
    return FALSE;
  g_autofree char *text = decimal_text (cell (r, c));
  if (text == NULL)
    return problem_at (im, r, c, _("“%s” is not a number (write 2.5 or 2,5)"), cell (r, c)), FALSE;
  double d = g_ascii_strtod (text, NULL);
  if (!isfinite (d) || d < min || d > max)
    return problem_at (im, r, c, _("column “%s”: %s must lie between %g and %g"),
                       lb_csv_column_names[c], cell (r, c), min, max), FALSE;
  g_free (r->number[c]);
  r->number[c] = g_steal_pointer (&text);
  *out = d;
  return TRUE;
}

gboolean
lb_csv_get_count (Import *im, Row *r, LbCsvColumn c, guint min, guint max, guint *out)
{
  if (!has (r, c))
    return FALSE;
  const char *s = cell (r, c);
  guint64 n = 0;
  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32, &n, NULL))
    return problem_at (im, r, c, _("column “%s”: “%s” is not a whole number"),
                       lb_csv_column_names[c], s), FALSE;
  if (n < min || n > max)
    return problem_at (im, r, c, _("column “%s”: %s must lie between %u and %u"),
                       lb_csv_column_names[c], s, min, max), FALSE;
  g_free (r->number[c]);
  r->number[c] = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  *out = (guint) n;
  return TRUE;
}

/* One of @choices (case does not matter); its index, or -1 after a problem. */
int
lb_csv_get_choice (Import *im, Row *r, LbCsvColumn c, const char * const *choices)
{
  if (!has (r, c))
    return -1;
  g_autofree char *lower = g_ascii_strdown (cell (r, c), -1);
  for (int i = 0; choices[i]; i++)
    if (g_str_equal (lower, choices[i]))
      return i;
  g_autofree char *list = g_strjoinv (", ", (char **) choices);
  problem_at (im, r, c, _("column “%s”: “%s” is not one of %s"), lb_csv_column_names[c],
              cell (r, c), list);
  return -1;
}

/* ---- languages and texts ---- */

static void
read_languages (Import *im)
{
  Row *inst = im->single[T_INSTRUMENT];
  if (inst && has (inst, LB_CSV_LANGUAGES))
    {
      g_auto(GStrv) parts = g_strsplit_set (cell (inst, LB_CSV_LANGUAGES), " ,;", -1);
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      for (guint i = 0; parts[i]; i++)
        if (*parts[i] && !lb_csv_is_language (parts[i]))
          problem_at (im, inst, LB_CSV_LANGUAGES, _("“%s” is not a language code; use codes such "
                                                    "as nl and en, separated by spaces"), parts[i]);
        else if (*parts[i])
          g_strv_builder_add (b, parts[i]);
      im->languages = g_strv_builder_end (b);
      if (!g_strv_contains ((const char * const *) im->languages, "nl"))
        problem_at (im, inst, LB_CSV_LANGUAGES, _("the languages must include Dutch (nl)"));
      return;
    }
  /* Not given: Dutch, then every language that has a text somewhere. */
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_strv_builder_add (b, "nl");
  g_hash_table_add (seen, "nl");
  for (guint i = 0; i < im->cols->len; i++)
    {
      Col *col = &g_array_index (im->cols, Col, i);
      if ((col->kind != COL_TEXT && col->kind != COL_DESCRIPTION) || g_hash_table_contains (seen, col->lang))
        continue;
      for (guint j = 0; j < im->rows->len; j++)
        {
          Row *r = im->rows->pdata[j];
          if (lb_text_has (col->kind == COL_TEXT ? r->text : r->description, col->lang))
            {
              g_strv_builder_add (b, col->lang);
              g_hash_table_add (seen, col->lang);
              break;
            }
        }
    }
  im->languages = g_strv_builder_end (b);
}

void
lb_csv_check_text (Import *im, Row *r, LbText *text, gboolean description)
{
  TextUse use = description ? specs[r->type].description : specs[r->type].text;
  const char *column = description ? "description_nl" : "text_nl";
  guint nl_column = text_column_of (im, "nl", description);

  for (guint i = 0; i < lb_text_get_n (text); i++)
    {
      const char *lang = lb_text_lang_at (text, i);
      if (!g_strv_contains ((const char * const *) im->languages, lang))
        {
          g_autofree char *list = g_strjoinv (" ", im->languages);
          lb_csv_problem (im->t, r->row, text_column_of (im, lang, description),
                          _("this text is in “%s”, a language the instrument does not list "
                            "(languages: %s)"), lang, list);
        }
    }
  /* An unreadable cell has been reported; it may well have been the Dutch. */
  if (lb_text_has (text, "nl") || r->bad_text)
    return;
  if (use == TX_DUTCH || (use == TX_NL_IF_ANY && lb_text_get_n (text) > 0))
    lb_csv_problem (im->t, r->row, nl_column, _("a row of type %s needs a Dutch text in column “%s”"),
                    specs[r->type].name, column);
  else if (use == TX_ANY && lb_text_get_n (text) == 0)
    lb_csv_problem (im->t, r->row, nl_column, _("a row of type %s needs a text"), specs[r->type].name);
}

/* ---- ids and parents ---- */

static void
claim (Import *im, GHashTable *table, Row *r)
{
  const char *id = cell (r, LB_CSV_ID);
  if (!has (r, LB_CSV_ID))
    return;
  if (!lb_csv_is_valid_id (id))
    {
      problem_at (im, r, LB_CSV_ID, _("id “%s” may contain only lower-case letters a–z, digits "
                                      "and “.”, “_” or “-”, and must start with a letter or digit"), id);
      return;
    }
  Row *first = g_hash_table_lookup (table, id);
  if (first)
    problem_at (im, r, LB_CSV_ID, _("duplicate id “%s” (already used on row %u)"), id, first->row);
  else
    g_hash_table_insert (table, (gpointer) id, r);
}

static void
register_ids (Import *im)
{
  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *r = im->rows->pdata[i];
      if (r->type == T_SCALE)
        claim (im, im->scales, r);
      else if (r->type == T_DOMAIN || r->type == T_GROUP || r->type == T_ITEM ||
               r->type == T_INDICATOR || r->type == T_SNAPSHOT)
        claim (im, im->ids, r);
      else if (r->type == T_INSTRUMENT && has (r, LB_CSV_ID) && !lb_csv_is_valid_id (cell (r, LB_CSV_ID)))
        problem_at (im, r, LB_CSV_ID, _("id “%s” may contain only lower-case letters a–z, digits "
                                        "and “.”, “_” or “-”, and must start with a letter or digit"),
                    cell (r, LB_CSV_ID));
    }
}

static Row *
explicit_parent (Import *im, Row *r)
{
  const Spec *spec = &specs[r->type];
  const char *id = cell (r, LB_CSV_PARENT);
  Row *parent = g_hash_table_lookup (spec->parents == P (T_SCALE) ? im->scales : im->ids, id);

  if (parent == NULL)
    problem_at (im, r, LB_CSV_PARENT, _("parent “%s” does not exist; a row of type %s belongs to "
                                        "a row of type %s"), id, spec->name, spec->parent_names);
  else if (!(spec->parents & P (parent->type)))
    problem_at (im, r, LB_CSV_PARENT, _("parent “%s” is of type %s; a row of type %s belongs to a "
                                        "row of type %s"),
                id, specs[parent->type].name, spec->name, spec->parent_names);
  else
    return parent;
  return NULL;
}

static void
resolve_parents (Import *im)
{
  Row *last[N_TYPES] = { NULL };

  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *r = im->rows->pdata[i];
      const Spec *spec = &specs[r->type];
      Row *parent = NULL;

      if (spec->parents && has (r, LB_CSV_PARENT))
        parent = explicit_parent (im, r);
      else if (spec->parents && !(r->bad & C (PARENT)))
        {
          /* The nearest row above that can be the parent. */
          for (guint t = 0; t < N_TYPES; t++)
            if ((spec->parents & P (t)) && last[t] && (parent == NULL || last[t]->row > parent->row))
              parent = last[t];
          if (parent == NULL)
            problem_at (im, r, LB_CSV_PARENT, _("a row of type %s belongs to a row of type %s: name "
                                                "its id in column “parent”, or put this row below it"),
                        spec->name, spec->parent_names);
        }
      if (parent)
        {
          r->parent = parent;
          g_ptr_array_add (parent->children, r);
        }
      last[r->type] = r;
    }
}

/* Scales: the row named in @c, or NULL after a problem (or when empty). */
Row *
lb_csv_find_scale (Import *im, Row *r, LbCsvColumn c)
{
  if (!has (r, c))
    return NULL;
  Row *scale = g_hash_table_lookup (im->scales, cell (r, c));
  if (scale == NULL)
    problem_at (im, r, c, _("scale “%s” does not exist; add a row of type scale with that id"),
                cell (r, c));
  return scale;
}

int
lb_csv_find_level (Row *scale, const char *id)
{
  int n = 0;
  for (guint i = 0; scale && i < scale->children->len; i++)
    {
      Row *child = scale->children->pdata[i];
      if (child->type != T_LEVEL)
        continue;
      if (g_str_equal (cell (child, LB_CSV_ID), id))
        return n;
      n++;
    }
  return -1;
}

/* The level named in column @c on @scale: its index, or -1 after a problem. */
int
lb_csv_level_on (Import *im, Row *r, LbCsvColumn c, Row *scale)
{
  if (!has (r, c) || scale == NULL)
    return -1;
  int index = find_level (scale, cell (r, c));
  if (index < 0)
    problem_at (im, r, c, _("level “%s” does not exist on scale “%s”"), cell (r, c),
                cell (scale, LB_CSV_ID));
  return index;
}


/* ---- the whole ---- */

static void
add_row (Import *im, Row *r)
{
  gboolean single = r->type == T_INSTRUMENT || r->type == T_SOURCE || r->type == T_VALIDATION ||
                    r->type == T_SESSIONS || r->type == T_CALIBRATION;
  if (single && im->single[r->type])
    {
      problem_at (im, r, LB_CSV_TYPE, _("a second row of type %s; an instrument has only one (the "
                                        "first is on row %u)"), specs[r->type].name, im->single[r->type]->row);
      row_free (r);
      return;
    }
  if (single)
    im->single[r->type] = r;
  g_ptr_array_add (im->rows, r);
}

char *
lb_csv_build_xml (LbCsvTable *t, GArray **line_rows, guint *type_column)
{
  Import im = { .t = t };
  char *xml = NULL;

  g_return_val_if_fail (t->records->len > 0, NULL);
  im.cols = g_array_new (FALSE, TRUE, sizeof (Col));
  g_array_set_clear_func (im.cols, col_clear);
  im.rows = g_ptr_array_new_with_free_func (row_free);
  im.scales = g_hash_table_new (g_str_hash, g_str_equal);
  im.ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (read_header (&im, t->records->pdata[0]))
    {
      *type_column = im.pos[LB_CSV_TYPE];
      for (guint i = 1; i < t->records->len && !lb_csv_too_many (t); i++)
        {
          Row *r = read_row (&im, t->records->pdata[i]);
          if (r)
            add_row (&im, r);
        }
      read_languages (&im);
      register_ids (&im);
      resolve_parents (&im);
      lb_csv_check_all (&im);
      if (t->problems->len == 0)
        xml = lb_csv_emit (&im, line_rows);
    }
  g_strfreev (im.languages);
  g_hash_table_unref (im.ids);
  g_hash_table_unref (im.scales);
  g_ptr_array_unref (im.rows);
  g_array_unref (im.cols);
  return xml;
}
