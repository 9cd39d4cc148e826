/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format2"

/* Instrument format 2 beside format 1: a format 2 file loads with every
 * field format 1 could not express, the canonical writer keeps each of
 * them (so the spreadsheet round trip and the exchange can rely on it),
 * and every format 1 file — the default instrument, the test instruments,
 * the shipped examples that stay in format 1 — loads exactly as before and
 * is written back as format 1. The refusals of broken format 2 files are
 * in the table of bad instruments (bad-instruments.h). */

#include "config.h"
#include "lb-instrument.h"
#include "lb-instrument-writer.h"
#include "lb-exchange.h"
#include "lb-error.h"

#include <string.h>

static LbInstrument *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  LbInstrument *inst = lb_instrument_load_file (path, problems, &error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", lb_problem_format (problems->pdata[i], path));
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

static LbInstrument *
load_good (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "instruments", "good", file, NULL);
  return load_path (path);
}

static LbInstrument *
load_xml (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_bytes (bytes, "canonical.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

static LbNode *
find (LbInstrument *inst, const char *id)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  g_assert_nonnull (node);
  return node;
}

static void
test_format2_items (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_assert_cmpuint (lb_instrument_get_format (inst), ==, 2);

  LbNode *steunend = find (inst, "klimaat.steunend");
  gboolean declared = FALSE;
  g_assert_cmpfloat (lb_node_get_anchor_tolerance (steunend, &declared), ==, 1.5);
  g_assert_true (declared);
  g_assert_cmpint (lb_node_get_rollup_rule (steunend), ==, LB_ROLLUP_MEDIAN);
  g_assert_cmpint (lb_node_get_rounding (steunend), ==, LB_ROUND_DOWN);

  LbNode *orde = find (inst, "klimaat.orde");
  g_assert_cmpint (lb_node_get_rollup_rule (orde), ==, LB_ROLLUP_MIN);
  g_assert_cmpint (lb_node_get_rounding (orde), ==, LB_ROUND_NEAREST);

  /* without declarations: the defaults the app applies */
  LbNode *warmte = find (inst, "klimaat.warmte");
  g_assert_cmpfloat (lb_node_get_anchor_tolerance (warmte, &declared), ==, LB_DEFAULT_ANCHOR_TOLERANCE);
  g_assert_false (declared);
  g_assert_cmpint (lb_node_get_rollup_rule (warmte), ==, LB_ROLLUP_MEAN);
}

/* A band descriptor describes every level of its band that has no
 * descriptor of its own. */
static void
test_format2_band_descriptors (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  LbNode *item = find (inst, "klimaat.steunend");
  LbScale *scale = lb_node_get_scale (item);
  int band = 0;

  g_assert_cmpuint (lb_node_get_n_band_descriptors (item), ==, 2);
  const LbBandDescriptor *d = lb_node_get_band_descriptor (item, 1);
  g_assert_cmpstr (lb_scale_get_band (scale, d->band)->id, ==, "hoog");
  g_assert_cmpstr (lb_text_get_exact (d->text, "en"), ==, "All pupils are supported throughout the lesson.");

  const LbText *t = lb_node_describe_level (item, lb_scale_find_level (scale, "2"), &band);
  g_assert_cmpstr (lb_text_get_exact (t, "nl"), ==, "Leerlingen krijgen weinig steun.");
  g_assert_cmpstr (lb_scale_get_band (scale, band)->id, ==, "laag");
  t = lb_node_describe_level (item, lb_scale_find_level (scale, "3"), &band);
  g_assert_cmpstr (lb_text_get_exact (t, "nl"), ==, "Steun is er, maar niet voor iedereen.");
  g_assert_cmpint (band, ==, -1);
  t = lb_node_describe_level (item, lb_scale_find_level (scale, "5"), &band);
  g_assert_cmpstr (lb_text_get_exact (t, "nl"), ==, "Alle leerlingen krijgen de hele les steun.");
  g_assert_null (lb_node_describe_level (find (inst, "klimaat.orde"), 0, &band));
  g_assert_cmpint (band, ==, -1);
}

static void
test_format2_sessions (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  guint count = 0, observe = 0, score = 0;

  g_assert_cmpint (lb_instrument_get_sessions (inst, &count, &observe, &score, NULL), ==,
                   LB_SESSIONS_SEGMENTS);
  g_assert_cmpuint (count, ==, 3);
  /* segment 1 only has a title, segment 2 nothing, segment 3 its own length */
  g_assert_true (lb_instrument_get_session_minutes (inst, 1, &observe, &score));
  g_assert_cmpuint (observe, ==, 15);
  g_assert_cmpuint (score, ==, 0);
  g_assert_true (lb_instrument_get_session_minutes (inst, 2, &observe, &score));
  g_assert_cmpuint (observe, ==, 15);
  g_assert_true (lb_instrument_get_session_minutes (inst, 3, &observe, &score));
  g_assert_cmpuint (observe, ==, 10);
  g_assert_cmpuint (score, ==, 5);
  g_assert_false (lb_instrument_get_session_minutes (inst, 4, &observe, &score));
  g_assert_false (lb_instrument_get_session_minutes (inst, 0, &observe, &score));

  g_assert_cmpstr (lb_text_get_exact (lb_instrument_get_session_title (inst, 1), "en"), ==, "Instruction");
  g_assert_null (lb_instrument_get_session_title (inst, 2));
  g_assert_null (lb_instrument_get_session_title (inst, 3));
}

static void
test_format2_snapshots (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");

  const LbSnapshot *activity = lb_instrument_find_snapshot (inst, "activiteit");
  const LbSnapshot *off_task = lb_instrument_find_snapshot (inst, "afgeleid");
  const LbSnapshot *closing = lb_instrument_find_snapshot (inst, "slot");
  g_assert_nonnull (activity);
  g_assert_null (activity->applies_when);
  g_assert_cmpuint (activity->n_sessions, ==, 0);
  for (guint s = 1; s <= 3; s++)
    g_assert_true (lb_snapshot_in_session (activity, s));

  g_assert_cmpstr (off_task->applies_when, ==, "activiteit");
  const char * const ja[] = { "ja", NULL };
  g_assert_true (g_strv_equal ((const char * const *) off_task->applies_codes, ja));

  g_assert_cmpuint (closing->n_sessions, ==, 2);
  g_assert_true (lb_snapshot_in_session (closing, 1));
  g_assert_true (lb_snapshot_in_session (closing, 2));
  g_assert_false (lb_snapshot_in_session (closing, 3));
  g_assert_null (lb_instrument_find_snapshot (inst, "bestaat-niet"));
}

static void
test_format2_calibration (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  guint within = 0, references = 0;
  double share = 0, exact = 0;
  gboolean each = FALSE;

  g_assert_true (lb_instrument_get_calibration (inst, &within, &share, &exact));
  g_assert_cmpuint (within, ==, 1);
  g_assert_cmpfloat (share, ==, 0.8);
  g_assert_cmpfloat (exact, ==, 0.66);
  g_assert_true (lb_instrument_get_calibration_references (inst, &references, &each));
  g_assert_cmpuint (references, ==, 3);
  g_assert_true (each);  /* the default: the standard holds in each video */
}

/* The canonical writer keeps every format 2 field: written, loaded and
 * written again gives the same text, with the fields in it. */
static void
test_format2_canonical (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autofree char *xml = lb_instrument_write_xml (inst);
  g_autoptr(LbInstrument) again = load_xml (xml);
  g_autofree char *xml2 = lb_instrument_write_xml (again);

  g_assert_cmpstr (xml, ==, xml2);
  const char *expected[] = {
    "format=\"2\"", "rollup=\"median\"", "round=\"down\"", "anchor-tolerance=\"1.5\"",
    "rollup=\"min\"", "<descriptor band=\"laag\">", "<descriptor band=\"hoog\">",
    "<session number=\"1\">", "<session number=\"3\" observe-minutes=\"10\" score-minutes=\"5\"/>",
    "applies-when=\"activiteit\" answer=\"ja\"", "sessions=\"1 2\"", "references=\"3\"",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (xml, expected[i]) == NULL)
      g_error ("the canonical XML lacks %s:\n%s", expected[i], xml);
  g_assert_null (strstr (xml, "in-each"));
  g_assert_null (strstr (xml, "<session number=\"2\""));
}

static void
assert_format1_kept (LbInstrument *inst, const char *what)
{
  g_test_message ("%s", what);
  g_assert_cmpuint (lb_instrument_get_format (inst), ==, 1);
  g_autofree char *xml = lb_instrument_write_xml (inst);
  g_assert_nonnull (strstr (xml, "format=\"1\""));
  /* nothing of format 2 creeps into a format 1 instrument */
  const char *v2[] = { "rollup=", "round=", "anchor-tolerance=", "band=\"", "<session ",
                       "applies-when=", "sessions=\"", "references=", "in-each=" };
  for (guint i = 0; i < G_N_ELEMENTS (v2); i++)
    g_assert_null (strstr (xml, v2[i]));
  g_autoptr(LbInstrument) again = load_xml (xml);
  g_autofree char *xml2 = lb_instrument_write_xml (again);
  g_assert_cmpstr (xml, ==, xml2);
  guint references = 0;
  gboolean each = FALSE;
  lb_instrument_get_calibration_references (inst, &references, &each);
  g_assert_cmpuint (references, ==, 1);
  for (guint i = 0; i < lb_instrument_get_n_items (inst); i++)
    {
      LbNode *item = g_ptr_array_index (lb_instrument_get_items (inst), i);
      gboolean declared = TRUE;
      lb_node_get_anchor_tolerance (item, &declared);
      g_assert_false (declared);
      g_assert_cmpuint (lb_node_get_n_band_descriptors (item), ==, 0);
      g_assert_cmpint (lb_node_get_rollup_rule (item), ==, LB_ROLLUP_MEAN);
    }
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LbSnapshot *s = snapshots->pdata[i];
      g_assert_null (s->applies_when);
      g_assert_cmpuint (s->n_sessions, ==, 0);
    }
}

/* Old files keep loading: the default instrument and every format 1 test
 * instrument, with nothing of format 2 in their model. */
static void
test_format1_still_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) def = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  assert_format1_kept (def, "the default instrument");

  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "instruments", "good", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (!g_str_has_suffix (name, ".xml") || strstr (contents, "format=\"1\"") == NULL)
        continue;
      g_autoptr(LbInstrument) inst = load_path (path);
      assert_format1_kept (inst, name);
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
}

/* The shipped framework example needs nothing of format 2 and stays in
 * format 1, so both formats are shipped. */
static void
test_format1_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instrument", "examples",
                                                 "framework.xml", NULL);
  g_autoptr(LbInstrument) inst = load_path (path);
  assert_format1_kept (inst, "framework.xml");
}

static LbInstrument *
load_example (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instrument", "examples", file, NULL);
  return load_path (path);
}

/* The cycle example describes low, middle and high per dimension. */
static void
test_example_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_example ("cycles.xml");
  GPtrArray *items = lb_instrument_get_items (inst);

  g_assert_cmpuint (lb_instrument_get_format (inst), ==, 2);
  g_assert_cmpuint (items->len, ==, 9);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      LbScale *scale = lb_node_get_scale (item);
      g_assert_cmpuint (lb_node_get_n_band_descriptors (item), ==, 3);
      g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 0);
      /* every level of the 1–7 scale has a description, through its band */
      for (guint l = 0; l < lb_scale_get_n_levels (scale); l++)
        {
          int band = -1;
          const LbText *t = lb_node_describe_level (item, l, &band);
          g_assert_nonnull (t);
          g_assert_true (lb_text_has (t, "nl") && lb_text_has (t, "en"));
          g_assert_cmpint (band, ==, l < 2 ? 0 : l < 5 ? 1 : 2);
        }
    }
}

/* The snapshot example: off-task only after an activity, a declared
 * tolerance, and calibration in each of three videos. */
static void
test_example_snapshots (void)
{
  g_autoptr(LbInstrument) inst = load_example ("snapshots.xml");
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  guint references = 0;
  gboolean each = FALSE;

  g_assert_cmpuint (lb_instrument_get_format (inst), ==, 2);
  g_assert_cmpuint (snapshots->len, ==, 6);
  for (guint i = 0; i < snapshots->len; i += 2)
    {
      const LbSnapshot *activity = snapshots->pdata[i], *off_task = snapshots->pdata[i + 1];
      g_assert_null (activity->applies_when);
      g_assert_cmpstr (off_task->applies_when, ==, activity->id);
      g_assert_cmpstr (off_task->applies_codes[0], ==, "ja");
      g_assert_null (off_task->applies_codes[1]);
    }
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      gboolean declared = FALSE;
      g_assert_cmpfloat (lb_node_get_anchor_tolerance (items->pdata[i], &declared), ==, 1);
      g_assert_true (declared);
    }
  g_assert_true (lb_instrument_get_calibration_references (inst, &references, &each));
  g_assert_cmpuint (references, ==, 3);
  g_assert_true (each);
  g_assert_nonnull (lb_instrument_get_session_title (inst, 1));
  g_assert_nonnull (lb_instrument_get_session_title (inst, 2));
}

/* The templates of `instrument new`: cycles and snapshots show format 2,
 * ours and framework need nothing of it and stay format 1. */
static void
test_templates (void)
{
  const char *shapes[] = { "ours", "framework", "cycles", "snapshots" };
  const guint formats[] = { 1, 1, 2, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/templates/%s.xml", LB_INSTRUMENT_RESOURCE_DIR, shapes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lb_instrument_get_format (inst), ==, formats[i]);
    }
}

/* An exchange file carries a format 2 instrument byte for byte, so the
 * receiving device keeps it under the same SHA-256 and reads it the same. */
static void
test_exchange_keeps_bytes (void)
{
  const char *files[] = { "snapshots.xml", "cycles.xml", "framework.xml" };
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_autoptr(GPtrArray) insts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      LbInstrument *inst = load_example (files[i]);
      g_ptr_array_add (insts, inst);
      g_ptr_array_add (ex->instruments, g_bytes_ref (lb_instrument_get_bytes (inst)));
    }
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) back = lb_exchange_read_bytes (bytes, "exchange.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->instruments->len, ==, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      LbInstrument *inst = insts->pdata[i];
      g_assert_true (g_bytes_equal (back->instruments->pdata[i], lb_instrument_get_bytes (inst)));
      g_autoptr(LbInstrument) again = lb_instrument_load_bytes (back->instruments->pdata[i], files[i],
                                                                NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lb_instrument_get_sha256 (again), ==, lb_instrument_get_sha256 (inst));
      g_assert_cmpuint (lb_instrument_get_format (again), ==, lb_instrument_get_format (inst));
    }
}

/* `instrument show` lets an author see what format 2 made of the file. */
static void
test_show_outline (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "instruments", "good", "format2.xml", NULL);
  const char *argv[] = { g_getenv ("LESBEZOEK_BIN"), "instrument", "show", path, "--lang", "en", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = -1;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  const char *expected[] = {
    "  3 segments of 15 minutes observing and 0 scoring; each segment is scored on its own\n",
    "    session 1: 15 minutes observing and 0 scoring — Instruction\n",
    "    session 3: 10 minutes observing and 5 scoring\n",
    "      only when activiteit was answered ja\n",
    "      only in sessions 1, 2\n",
    /* band labels and one text have no English: Dutch stands in */
    "      Band laag: Leerlingen krijgen weinig steun.\n"
    "      Band hoog: All pupils are supported throughout the lesson.\n",
    "      Anchors laag → 1, midden → 3, hoog → 5: the median of the coded levels, rounded down\n"
    "        a score more than 1.5 from that is flagged\n",
    "the lowest of the coded levels, rounded to the nearest level\n"
    "        the score is computed from the codes\n",
    "    in each of 3 reference observations\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (out, expected[i]) == NULL)
      g_error ("instrument show lacks “%s”:\n%s", expected[i], out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format2/items", test_format2_items);
  g_test_add_func ("/format2/band-descriptors", test_format2_band_descriptors);
  g_test_add_func ("/format2/sessions", test_format2_sessions);
  g_test_add_func ("/format2/snapshots", test_format2_snapshots);
  g_test_add_func ("/format2/calibration", test_format2_calibration);
  g_test_add_func ("/format2/canonical", test_format2_canonical);
  g_test_add_func ("/format2/format1-still-loads", test_format1_still_loads);
  g_test_add_func ("/format2/format1-example", test_format1_example);
  g_test_add_func ("/format2/example/cycles", test_example_cycles);
  g_test_add_func ("/format2/example/snapshots", test_example_snapshots);
  g_test_add_func ("/format2/templates", test_templates);
  g_test_add_func ("/format2/exchange-keeps-bytes", test_exchange_keeps_bytes);
  g_test_add_func ("/format2/show-outline", test_show_outline);
  return g_test_run ();
}
