/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-author"

/* Instruments through a spreadsheet and back. The round trip is judged on
 * the loaded models, twice over: a field-by-field comparison
 * (author_compare) and the canonical XML of both (lb_instrument_write_xml),
 * which must be byte for byte the same. Then hostile and broken CSV: each
 * is refused with a problem at the row and column where it is, nothing
 * crashes, and (through the binary) nothing is written. */

#include "config.h"
#include "author-test-util.h"
#include "lb-instrument-csv.h"
#include "lb-instrument-writer.h"
#include "lb-error.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* ---- round trips ---- */

static LbInstrument *
from_csv (const char *csv, gsize len, GPtrArray *problems, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len);
  LbInstrument *inst = NULL;
  g_autoptr(GBytes) xml = lb_instrument_from_csv (bytes, "test.csv", &inst, problems, error);
  g_assert_true ((xml == NULL) == (inst == NULL));
  return inst;
}

static void
assert_same (LbInstrument *a, LbInstrument *b)
{
  g_autofree char *difference = author_compare (a, b);
  g_assert_cmpstr (difference, ==, NULL);
  g_autofree char *xa = lb_instrument_write_xml (a);
  g_autofree char *xb = lb_instrument_write_xml (b);
  g_assert_cmpstr (xa, ==, xb);
}

static void
round_trip (LbInstrument *a)
{
  const char separators[] = { ';', ',', '\t' };
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      gsize len, len2;
      g_autofree char *csv = lb_instrument_to_csv (a, separators[i], &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) b = from_csv (csv, len, NULL, &error);
      g_assert_no_error (error);
      assert_same (a, b);
      /* and the spreadsheet of the result is the spreadsheet we began with */
      g_autofree char *csv2 = lb_instrument_to_csv (b, separators[i], &len2);
      g_assert_cmpstr (csv, ==, csv2);
    }
}

static void
test_round_trip_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  round_trip (inst);
}

static void
test_round_trip_example (gconstpointer file)
{
  g_autofree char *path = author_top_path ("instrument", "examples", file, NULL);
  g_autoptr(LbInstrument) inst = author_load (path);
  round_trip (inst);
}

static void
test_round_trip_good (gconstpointer file)
{
  g_autofree char *path = author_tests_path ("instruments", "good", file, NULL);
  g_autoptr(LbInstrument) inst = author_load (path);
  round_trip (inst);
}

/* The canonical writer loses nothing either: its XML loads as the same
 * instrument, and writing that again gives the same text. */
static void
test_canonical_writer (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (all, lb_instrument_load_default (NULL));
  for (guint i = 0; author_example_files[i]; i++)
    {
      g_autofree char *path = author_top_path ("instrument", "examples", author_example_files[i], NULL);
      g_ptr_array_add (all, author_load (path));
    }
  for (guint i = 0; author_good_files[i]; i++)
    {
      g_autofree char *path = author_tests_path ("instruments", "good", author_good_files[i], NULL);
      g_ptr_array_add (all, author_load (path));
    }
  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *xml = lb_instrument_write_xml (all->pdata[i]);
      g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) again = lb_instrument_load_bytes (bytes, "canonical.xml", NULL, &error);
      g_assert_no_error (error);
      g_autofree char *difference = author_compare (all->pdata[i], again);
      g_assert_cmpstr (difference, ==, NULL);
      g_autofree char *xml2 = lb_instrument_write_xml (again);
      g_assert_cmpstr (xml, ==, xml2);
    }
}

/* The comparison is not blind: different instruments differ, and a
 * changed English text is named. */
static void
test_compare_sees_differences (void)
{
  g_autoptr(LbInstrument) a = lb_instrument_load_default (NULL);
  g_autofree char *path = author_tests_path ("instruments", "good", "minimal.xml", NULL);
  g_autoptr(LbInstrument) b = author_load (path);
  g_autofree char *d1 = author_compare (a, b);
  g_assert_nonnull (d1);

  gsize len;
  g_autofree char *csv = lb_instrument_to_csv (b, ';', &len);
  g_autoptr(GString) changed = g_string_new (csv);
  g_assert_cmpuint (g_string_replace (changed, "Addresses pupils respectfully.", "Addresses pupils kindly.", 0), ==, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) c = from_csv (changed->str, changed->len, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *d2 = author_compare (b, c);
  g_assert_nonnull (d2);
  g_assert_nonnull (strstr (d2, "item ped.klimaat.1 [en]"));
}

/* ---- hand-written spreadsheets ---- */

/* Rows: 1 header, 2 instrument, 3 scale, 4–5 levels, 6 domain, 7 item,
 * 8 descriptor. Columns: 1 type, 2 id, 3 parent, 4 text_nl, 5 text_en,
 * 6 scale, 7 level, 8 value, 9 version. */
#define HEADER "type;id;parent;text_nl;text_en;scale;level;value;version\n"
#define R2 "instrument;t;;Test;Test;;;;1.0\n"
#define R3 "scale;vier;;;;;;;\n"
#define R4 "level;1;;een;one;;;1;\n"
#define R5 "level;2;;twee;two;;;2;\n"
#define R6 "domain;d;;Domein;Domain;vier;;;\n"
#define R7 "item;d.1;;Item een;Item one;;;;\n"
#define R8 "descriptor;;;Zwak;Weak;;1;;\n"
#define BASE HEADER R2 R3 R4 R5 R6 R7 R8
/* Format 2 adds columns 10 band, 11 rollup, 12 format, 13 number and 14
 * anchor_tolerance; F2 is an instrument row that leaves the format open. */
#define HEADER2 "type;id;parent;text_nl;text_en;scale;level;value;version;band;rollup;format;number;anchor_tolerance\n"
#define F2 R2

static LbInstrument *
accept (const char *csv, gsize len)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = from_csv (csv, len, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return inst;
}

static void
test_minimal_sheet (void)
{
  g_autoptr(LbInstrument) inst = accept (BASE, strlen (BASE));
  g_assert_cmpstr (lb_instrument_get_id (inst), ==, "t");
  g_assert_cmpuint (lb_instrument_get_n_items (inst), ==, 1);
  LbNode *item = lb_instrument_find_node (inst, "d.1");
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (item), "en"), ==, "Item one");
  g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 1);
  /* languages, not given, are those with texts */
  g_assert_cmpstrv (lb_instrument_get_languages (inst), ((const char *[]) { "nl", "en", NULL }));
}

/* Comma-separated, decimal points; semicolons with decimal commas (a
 * Dutch LibreOffice); notes, blank rows, a byte-order mark, columns in
 * another order, a column of the author's own, implicit parents. */
static void
test_separators_and_freedom (void)
{
  const char *comma =
    "type,id,text_nl,value,scale,version,level,kind\n"
    "instrument,t,Test,,,1,,\n"
    "scale,s,,,,,,\n"
    "level,a,A,1.5,,,,\n"
    "level,b,B,2.5,,,,\n"
    "domain,d,D,,s,,,\n"
    "item,d.1,I,,,,,\n"
    "rule,,,2.25,,,,mean-at-least\n";
  const char *semicolon =
    "\xEF\xBB\xBFType;ID;Text_NL;Value;Scale;Version;# mine;Kind\n"
    "# rows that start with # are notes;;;;;;;\n"
    "instrument;t;Test;;;1;whatever;\n"
    ";;;;;;;\n"
    "scale;s;;;;;;\n"
    "level;a;A;1,5;;;;\n"
    "level;b;B;\"2,5\";;;;\n"
    "domain;d;D;;s;;;\n"
    "item;d.1;I;;;;;\n"
    "rule;;;2,25;;;;mean-at-least\n";
  g_autoptr(LbInstrument) a = accept (comma, strlen (comma));
  g_autoptr(LbInstrument) b = accept (semicolon, strlen (semicolon));
  assert_same (a, b);
  g_assert_cmpfloat (lb_node_get_rule (lb_instrument_find_node (b, "d"), 0)->value, ==, 2.25);
}

/* An author's =HYPERLINK(…) is kept as the text it is; to-csv guards it
 * (and other texts that start like a formula) with an apostrophe, which
 * from-csv takes off again. */
static void
test_formula_kept_as_text (void)
{
  const char *hyperlink = "=HYPERLINK(\"http://evil.example/\";\"klik\")";
  g_autoptr(GString) csv = g_string_new (HEADER R2 R3 R4 R5 R6);
  g_string_append (csv, "item;d.1;;\"=HYPERLINK(\"\"http://evil.example/\"\";\"\"klik\"\")\";"
                        "'@SUM(1);;;;\n");
  g_string_append (csv, "indicator;d.1.a;;-1 punt;+1;;;;\n");
  g_string_append (csv, "indicator;d.1.b;;'t Is goed;''=x;;;;\n");
  g_autoptr(LbInstrument) a = accept (csv->str, csv->len);
  LbNode *item = lb_instrument_find_node (a, "d.1");
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (item), "nl"), ==, hyperlink);
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (item), "en"), ==, "@SUM(1)");
  LbNode *b = lb_instrument_find_node (a, "d.1.b");
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (b), "nl"), ==, "'t Is goed");
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (b), "en"), ==, "'=x");

  gsize len;
  g_autofree char *out = lb_instrument_to_csv (a, ';', &len);
  g_assert_nonnull (strstr (out, "\"'=HYPERLINK(\"\"http://evil.example/\"\";\"\"klik\"\")\""));
  g_assert_nonnull (strstr (out, "\"'-1 punt\";\"'+1\""));
  g_assert_nonnull (strstr (out, "\"'t Is goed\";\"''=x\""));
  g_assert_null (strstr (out, ";\"=")); /* no cell starts a formula */
  round_trip (a);
}

/* Line ends of every kind, and quoted cells with line breaks in them,
 * still count rows as the spreadsheet shows them. */
static void
test_line_ends (void)
{
  const char *mixed =
    "type;id;parent;text_nl;text_en;scale;level;value;version\r\n"
    "instrument;t;;\"Test\r\nmet\nregels\";Test;;;;1.0\n"
    "scale;vier;;;;;;;\r"
    "level;1;;een;one;;;1;\r\n"
    "level;2;;\"twee\r\r\n\";two;;;2;\n"
    "domain;d;;Domein;Domain;vier;;;\r"
    "item;d.1;;Item een;Item one;;;;";
  g_autoptr(LbInstrument) inst = accept (mixed, strlen (mixed));
  g_assert_cmpstr (lb_text_get_exact (lb_instrument_get_title (inst), "nl"), ==, "Test met regels");

  g_autofree char *broken = g_strconcat (mixed, "\r\niten;x;;X;;;;;\n", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_assert_null (from_csv (broken, strlen (broken), problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((LbProblem *) problems->pdata[0])->line, ==, 8);
  g_assert_cmpuint (((LbProblem *) problems->pdata[0])->column, ==, 1);
}

/* The spreadsheet in the format reference converts. */
static void
test_doc_example (void)
{
  g_autoptr(GPtrArray) blocks = author_doc_blocks ("", "type;id;text_nl");
  g_assert_cmpuint (blocks->len, ==, 1);
  const char *csv = blocks->pdata[0];
  g_autoptr(LbInstrument) inst = accept (csv, strlen (csv));
  g_assert_cmpstr (lb_instrument_get_id (inst), ==, "mijn-instrument");
  LbNode *ind = lb_instrument_find_node (inst, "ph.klimaat.1.a");
  g_assert_nonnull (ind);
  g_assert_cmpstr (lb_node_get_id (lb_node_get_parent (ind)), ==, "ph.klimaat.1");
  g_assert_cmpuint (lb_node_get_n_descriptors (lb_node_get_parent (ind)), ==, 1);
}

/* ---- refused ---- */

typedef struct {
  const char *name;
  guint       row;
  guint       column;
  const char *message;
  char *    (*make) (gsize *len);  /* or: */
  const char *csv;
} Bad;

static char *
make_binary (gsize *len)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a";
  *len = sizeof png - 1;
  return g_memdup2 (png, *len);
}

static char *
make_huge_cell (gsize *len)
{
  GString *s = g_string_new (HEADER R2 R3 R4 R5 R6 "item;d.1;;Item een;");
  gsize n = 20 * 1024 * 1024;
  g_string_set_size (s, s->len + n);
  memset (s->str + s->len - n, 'a', n);
  g_string_append (s, ";;;;\n");
  *len = s->len;
  return g_string_free (s, FALSE);
}

static char *
make_many_rows (gsize *len)
{
  GString *s = g_string_new (BASE);
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, "indicator;d.1.i%u;d.1;Indicator %u;;;;;\n", i, i);
  *len = s->len;
  return g_string_free (s, FALSE);
}

static char *
make_nul (gsize *len)
{
  static const char csv[] = HEADER R2 R3 R4 R5 R6 "item;d.1;;Item een;Item\0one;;;;\n";
  *len = sizeof csv - 1;
  return g_memdup2 (csv, *len);
}

static const Bad bad_sheets[] = {
  { "empty", 1, 1, "the file is empty", NULL, "" },
  { "blank", 1, 1, "the file is empty", NULL, " \r\n\n\t\n" },
  { "binary", 1, 1, "no column “type”", make_binary, NULL },
  { "no-type-column", 1, 1, "no column “type”", NULL, "soort;id;text_nl\ninstrument;t;T\n" },
  { "note-above-header", 1, 1, "no column “type”", NULL, "# my notes;;\n" BASE },
  { "invalid-utf8", 7, 4, "not valid UTF-8 text (byte 0xE9)", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;Item \xe9\xe9n;Item one;;;;\n" R8 },
  { "latin1-file", 4, 4, "not valid UTF-8", NULL, HEADER R2 R3 "level;1;;\xe9\xe9n;one;;;1;\n" R5 R6 R7 },
  { "nul-byte", 7, 5, "NUL byte", make_nul, NULL },
  { "unbalanced-quote", 7, 4, "never closed", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;\"Item een;Item one;;;;\n" R8 },
  { "text-after-quote", 7, 4, "text after the closing quotation mark", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;\"Item\" een;Item one;;;;\n" R8 },
  { "huge-cell", 7, 5, "this cell is too long (20971520 characters", make_huge_cell, NULL },
  { "100000-rows", 50001, 1, "more than 50000 rows", make_many_rows, NULL },
  { "extra-cells", 7, 10, "more cells (10) than the first row has column names (9)", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;;;extra\n" R8 },
  { "unknown-type", 7, 1, "unknown type “iten”", NULL,
    HEADER R2 R3 R4 R5 R6 "iten;d.1;;Item een;Item one;;;;\n" R8 },
  { "no-type", 7, 1, "this row has no type", NULL,
    HEADER R2 R3 R4 R5 R6 ";d.1;;Item een;Item one;;;;\n" R8 },
  { "duplicate-id", 8, 2, "duplicate id “d.1” (already used on row 7)", NULL,
    HEADER R2 R3 R4 R5 R6 R7 "item;d.1;;Nog een;;;;;\n" },
  { "duplicate-scale", 4, 2, "duplicate id “vier” (already used on row 3)", NULL,
    HEADER R2 R3 "scale;vier;;;;;;;\n" R4 R5 R6 R7 },
  { "duplicate-level", 5, 2, "two levels with id “1”", NULL, HEADER R2 R3 R4 "level;1;;twee;two;;;2;\n" R6 R7 },
  { "missing-dutch", 7, 4, "a row of type item needs a Dutch text in column “text_nl”", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;;Item one;;;;\n" R8 },
  { "missing-level", 8, 7, "level “7” does not exist on scale “vier”", NULL,
    HEADER R2 R3 R4 R5 R6 R7 "descriptor;;;Zwak;Weak;;7;;\n" },
  { "missing-parent", 7, 3, "parent “d.x” does not exist", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;d.x;Item een;Item one;;;;\n" R8 },
  { "wrong-parent", 8, 3, "parent “d” is of type domain; a row of type descriptor belongs to a row of type item", NULL,
    HEADER R2 R3 R4 R5 R6 R7 "descriptor;;d;Zwak;Weak;;1;;\n" },
  { "orphan", 3, 3, "a row of type level belongs to a row of type scale", NULL,
    HEADER R2 R4 R3 R5 R6 R7 },
  { "missing-scale", 6, 6, "scale “vijf” does not exist", NULL,
    HEADER R2 R3 R4 R5 "domain;d;;Domein;Domain;vijf;;;\n" R7 },
  { "unknown-column", 1, 5, "unknown column “tekst_en”", NULL,
    "type;id;parent;text_nl;tekst_en;scale;level;value;version\n" R2 R3 R4 R5 R6 R7 },
  { "duplicate-column", 1, 4, "a second column “text_nl”", NULL,
    "text_nl;type;id;Text NL\n" R2 R3 R4 R5 R6 R7 },
  { "bad-language-column", 1, 5, "“english” is not a language code", NULL,
    "type;id;parent;text_nl;text_english;scale;level;value;version\n" R2 R3 R4 R5 R6 R7 },
  { "unlisted-language", 7, 10, "in “fy”, a language the instrument does not list", NULL,
    "type;id;parent;text_nl;text_en;scale;level;value;version;text_fy;languages\n"
    "instrument;t;;Test;Test;;;;1.0;;nl en\n" R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;;;Item ien\n" },
  { "control-character", 7, 4, "control character (U+0007)", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;Item\aeen;Item one;;;;\n" },
  { "not-applicable", 7, 8, "a row of type item has no “value”; leave this cell empty", NULL,
    HEADER R2 R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;3;\n" },
  { "needs-value", 5, 8, "a row of type level needs a value in column “value”", NULL,
    HEADER R2 R3 R4 "level;2;;twee;two;;;;\n" R6 R7 },
  { "not-a-number", 5, 8, "“twee” is not a number", NULL, HEADER R2 R3 R4 "level;2;;twee;two;;;twee;\n" R6 R7 },
  { "values-go-down", 5, 8, "the values must go up, but 0 follows 1", NULL,
    HEADER R2 R3 R4 "level;2;;twee;two;;;0;\n" R6 R7 },
  { "scale-gap", 5, 8, "has a gap: 3 follows 1 (add a level 2)", NULL,
    HEADER R2 R3 R4 "level;3;;drie;three;;;3;\n" R6 R7 },
  { "bad-id", 7, 2, "id “D.1” may contain only lower-case letters", NULL,
    HEADER R2 R3 R4 R5 R6 "item;D.1;;Item een;Item one;;;;\n" },
  { "bad-version", 2, 9, "version “v1” must be one to three numbers", NULL,
    HEADER "instrument;t;;Test;Test;;;;v1\n" R3 R4 R5 R6 R7 },
  { "second-instrument", 3, 1, "a second row of type instrument", NULL, HEADER R2 R2 R3 R4 R5 R6 R7 },
  { "no-instrument", 1, 1, "there is no row of type instrument", NULL, HEADER R3 R4 R5 R6 R7 },
  { "header-only", 1, 1, "there is no row of type domain", NULL, HEADER },
  { "empty-domain", 6, 2, "domain “d” has no groups or items", NULL, HEADER R2 R3 R4 R5 R6 },
  { "one-level", 3, 2, "scale “vier” needs at least two levels", NULL, HEADER R2 R3 R4 R6 R7 },
  /* format 2: used where the sheet says format 1, or used wrongly */
  { "format-1-with-rollup", 7, 11, "column “rollup” exists only in format 2", NULL,
    HEADER2 "instrument;t;;Test;Test;;;;1.0;;;1\n" R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;;;;median\n" },
  { "format-1-with-session", 7, 1, "a row of type session exists only in format 2", NULL,
    HEADER2 "instrument;t;;Test;Test;;;;1.0;;;1\n" R3 R4 R5 R6
    "session;;;Eerste;;;;;;;;;1\n" "item;d.1;;Item een;Item one\n" },
  { "bad-rollup", 7, 11, "column “rollup”: “average” is not one of mean, median, min", NULL,
    HEADER2 F2 R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;;;;average\n" },
  { "descriptor-level-and-band", 8, 10, "a descriptor describes a level or a band, not both", NULL,
    HEADER2 F2 R3 R4 R5 R6 R7 "descriptor;;;Zwak;Weak;;1;;;laag\n" },
  { "descriptor-unknown-band", 8, 10, "band “laag” does not exist on scale “vier”", NULL,
    HEADER2 F2 R3 R4 R5 R6 R7 "descriptor;;;Zwak;Weak;;;;;laag\n" },
  { "descriptor-neither", 8, 7, "needs a value in column “level” (or, in format 2, in column “band”)", NULL,
    HEADER2 F2 R3 R4 R5 R6 R7 "descriptor;;;Zwak;Weak\n" },
  { "session-without-sessions", 7, 1, "a row of type session describes one of the segments", NULL,
    HEADER2 F2 R3 R4 R5 R6 "session;;;Eerste;;;;;;;;;1\n" R7 },
  { "tolerance-without-anchors", 7, 1, "item “d.1” has anchor-tolerance=\"…\" but declares no <anchor>", NULL,
    HEADER2 F2 R3 R4 R5 R6 "item;d.1;;Item een;Item one;;;;;;;;;1\n" },
};

static char *
bad_contents (const Bad *bad, gsize *len)
{
  if (bad->make)
    return bad->make (len);
  *len = strlen (bad->csv);
  return g_strdup (bad->csv);
}

static void
assert_problem (GPtrArray *problems, const Bad *bad)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      if (p->line == bad->row && p->column == bad->column && strstr (p->message, bad->message))
        return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_test_message ("problem %u: %u:%u: %s", i, p->line, p->column, p->message);
    }
  g_error ("%s: expected %u:%u: …%s…", bad->name, bad->row, bad->column, bad->message);
}

static void
test_bad_sheet (gconstpointer data)
{
  const Bad *bad = data;
  gsize len;
  g_autofree char *csv = bad_contents (bad, &len);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = from_csv (csv, len, problems, &error);

  g_assert_null (inst);
  g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
  assert_problem (problems, bad);
  /* the message lists them all, as FILE:ROW:COLUMN: message */
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, problems->len);
  g_autofree char *expected = g_strdup_printf ("test.csv:%u:%u: ", bad->row, bad->column);
  gboolean found = FALSE;
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "test.csv:"));
      found = found || (g_str_has_prefix (lines[i], expected) && strstr (lines[i], bad->message));
    }
  g_assert_true (found);
}

/* The same through the binary: exit status 1, every problem on standard
 * error as FILE:ROW:COLUMN: message, and no file written: an existing
 * one is left as it was, a new one is not made, no temporary is left. */
static void
test_bad_sheet_cli (gconstpointer data)
{
  const Bad *bad = data;
  g_autofree char *dir = author_mkdtemp ();
  g_autofree char *csv_path = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.xml", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.xml", NULL);
  gsize len;
  g_autofree char *csv = bad_contents (bad, &len);
  g_auto(AuthorRun) r = { 0 };

  g_assert_true (g_file_set_contents (csv_path, csv, len, NULL));
  g_assert_true (g_file_set_contents (kept, "keep", -1, NULL));
  const char *outputs[] = { kept, fresh };
  for (guint o = 0; o < G_N_ELEMENTS (outputs); o++)
    {
      author_run (&r, "instrument", "from-csv", csv_path, "-o", outputs[o], NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_true (g_utf8_validate (r.err, -1, NULL));
      g_autofree char *escaped = g_regex_escape_string (csv_path, -1);
      g_autofree char *pattern = g_strdup_printf ("^%s:[1-9][0-9]*:[1-9][0-9]*: \\S.*$", escaped);
      g_auto(GStrv) lines = g_strsplit (g_strchomp (r.err), "\n", -1);
      g_autofree char *expected = g_strdup_printf ("%s:%u:%u: ", csv_path, bad->row, bad->column);
      gboolean found = FALSE;
      for (guint i = 0; lines[i]; i++)
        {
          if (!g_regex_match_simple (pattern, lines[i], 0, 0))
            g_error ("not FILE:ROW:COLUMN: message: %s", lines[i]);
          found = found || (g_str_has_prefix (lines[i], expected) && strstr (lines[i], bad->message));
        }
      if (!found)
        g_error ("%s: expected %s…%s… in:\n%s", bad->name, expected, bad->message, r.err);
    }
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep");
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d))
    n++;
  g_assert_cmpuint (n, ==, 2);
  author_rmdir (dir);
}

/* Every problem of a file at once, in the order of the rows. */
static void
test_every_problem (void)
{
  const char *csv = HEADER R2 R3 R4 R5 R6
                    "item;d.1;;;Item one;;;;\n"
                    "descriptor;;;Zwak;Weak;;7;;\n"
                    "iten;x;;X;;;;;\n"
                    "item;d.1;;Nog een;;;;;\n"
                    "item;d.2;;\xff;;;;;\n";
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_assert_null (from_csv (csv, strlen (csv), problems, &error));
  const guint rows[] = { 7, 8, 9, 10, 11 };
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpuint (((LbProblem *) problems->pdata[i])->line, ==, rows[i]);
}

/* Rules, anchors, sessions and snapshots are checked at their cells too. */
static void
test_structure_problems (void)
{
  const char *csv =
    "type;id;parent;text_nl;scale;level;value;share;kind;code;minute;count;observe_minutes;combine;version;scoring\n"
    "instrument;t;;T;;;;;;;;;;;1;\n"
    "scale;s;;;;;;;;;;;;;;\n"
    "level;1;;een;;;1;;;;;;;;;\n"
    "level;2;;twee;;;2;;;;;;;;;\n"
    "scale;c;;;;;;;;;;;;;;\n"
    "level;laag;;laag;;;1;;;;;;;;;\n"
    "level;hoog;;hoog;;;2;;;;;;;;;\n"
    "sessions;;;;;;;;segments;;;2;10;independent;;\n"
    "snapshot;m1;;Vraag;c;;;;;;11;;;;;\n"                      /* 10: minute after the segment */
    "domain;d;;D;s;;;;;;;;;;;\n"
    "item;d.1;;I;;;;;;;;;;;;rollup\n"                           /* 12: roll-up without anchors */
    "item;d.2;;J;;;;;;;;;;;;\n"
    "indicator;d.2.a;;A;c;;;;;;;;;;;\n"
    "anchor;;;;;1;;;;middel;;;;;;\n"                           /* 15: no such code */
    "rule;;d;;;;9;;mean-at-least;;;;;;;\n"                     /* 16: beyond the scale */
    "rule;;d;;;;;1.5;min-scored;;;;;;;\n"                      /* 17: share above 1 */
    "rule;;d;;;2;;;share-at-least;;;;;;;\n"                    /* 18: share missing */
    "rule;;d;;;;;;most;;;;;;;\n";                              /* 19: unknown kind */
  const struct { guint row, column; const char *message; } expected[] = {
    { 10, 11, "“minute”: 11 must lie between 0 and 10" },
    { 12, 16, "scored by roll-up but has no anchors" },
    { 15, 10, "anchor code “middel” is not a level" },
    { 16, 7, "9 must lie between 1 and 2" },
    { 17, 8, "1.5 must lie between 0 and 1" },
    { 18, 8, "a rule share-at-least needs a value in column “share”" },
    { 19, 9, "“most” is not one of min-scored, mean-at-least, share-at-least, none-below" },
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_assert_null (from_csv (csv, strlen (csv), problems, &error));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      Bad bad = { "structure", expected[i].row, expected[i].column, expected[i].message, NULL, NULL };
      assert_problem (problems, &bad);
    }
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
}

/* Reading files: too large is refused before reading, and only regular
 * files are read. */
static void
test_read_file (void)
{
  g_autofree char *dir = author_mkdtemp ();
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  int fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, LB_CSV_MAX_FILE_SIZE + 1), ==, 0);  /* sparse */
  close (fd);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_assert_null (lb_instrument_csv_read_file (big, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((LbProblem *) problems->pdata[0])->message, "too large"));
  g_clear_error (&error);
  g_assert_null (lb_instrument_csv_read_file (dir, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_IO);
  author_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/author/csv/round-trip/default", test_round_trip_default);
  for (guint i = 0; author_example_files[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("/author/csv/round-trip/example/%s", author_example_files[i]);
      g_test_add_data_func (path, author_example_files[i], test_round_trip_example);
    }
  for (guint i = 0; author_good_files[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("/author/csv/round-trip/good/%s", author_good_files[i]);
      g_test_add_data_func (path, author_good_files[i], test_round_trip_good);
    }
  g_test_add_func ("/author/csv/canonical-writer", test_canonical_writer);
  g_test_add_func ("/author/csv/compare-sees-differences", test_compare_sees_differences);
  g_test_add_func ("/author/csv/minimal-sheet", test_minimal_sheet);
  g_test_add_func ("/author/csv/separators-and-freedom", test_separators_and_freedom);
  g_test_add_func ("/author/csv/formula-kept-as-text", test_formula_kept_as_text);
  g_test_add_func ("/author/csv/line-ends", test_line_ends);
  g_test_add_func ("/author/csv/docs-example", test_doc_example);
  for (guint i = 0; i < G_N_ELEMENTS (bad_sheets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/author/csv/bad/%s", bad_sheets[i].name);
      g_test_add_data_func (path, &bad_sheets[i], test_bad_sheet);
      g_autofree char *cli_path = g_strdup_printf ("/author/csv/bad-cli/%s", bad_sheets[i].name);
      g_test_add_data_func (cli_path, &bad_sheets[i], test_bad_sheet_cli);
    }
  g_test_add_func ("/author/csv/every-problem", test_every_problem);
  g_test_add_func ("/author/csv/structure-problems", test_structure_problems);
  g_test_add_func ("/author/csv/read-file", test_read_file);
  return g_test_run ();
}
