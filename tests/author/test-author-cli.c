/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-author"

/* Authoring through the built binary (LESBEZOEK_BIN, LANGUAGE=en): the
 * templates of `instrument new`, the shipped examples (not embedded, but
 * importable), and to-csv / from-csv as an author would run them. */

#include "config.h"
#include "author-test-util.h"
#include "lb-instrument-registry.h"

#include <string.h>

static GBytes *
template_bytes (const char *shape)
{
  g_autofree char *path = g_strdup_printf ("%s/templates/%s.xml", LB_INSTRUMENT_RESOURCE_DIR, shape);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return bytes;
}

static LbInstrument *
load_template (const char *shape)
{
  g_autoptr(GBytes) bytes = template_bytes (shape);
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_bytes (bytes, shape, NULL, &error);
  g_assert_no_error (error);
  return inst;
}

static LbNode *
first_item (LbInstrument *inst)
{
  return lb_instrument_get_items (inst)->pdata[0];
}

/* ---- templates ---- */

/* Each template validates as it is and has its shape. */
static void
test_templates_validate (void)
{
  g_autoptr(LbInstrument) ours = load_template ("ours");
  g_autoptr(LbInstrument) framework = load_template ("framework");
  g_autoptr(LbInstrument) cycles = load_template ("cycles");
  g_autoptr(LbInstrument) snapshots = load_template ("snapshots");
  g_autoptr(LbNode) domain = g_list_model_get_item (lb_instrument_get_domains (ours), 0);
  guint count, observe, score;
  gboolean mean;
  double exact;

  g_assert_cmpint (lb_node_get_kind (lb_node_get_child (domain, 0)), ==, LB_NODE_GROUP);
  g_assert_true (lb_node_has_difficulty (lb_node_get_child (first_item (ours), 0)));
  g_assert_cmpuint (lb_node_get_n_descriptors (first_item (ours)), ==, 4);
  g_assert_cmpuint (lb_node_get_n_rules (domain), ==, 4);

  g_assert_cmpuint (lb_node_get_n_descriptors (first_item (framework)), ==, 4);
  g_assert_false (lb_node_has_difficulty (lb_node_get_child (first_item (framework), 0)));
  g_assert_true (lb_node_get_evidence_required (first_item (framework)));

  g_assert_cmpint (lb_instrument_get_sessions (cycles, &count, &observe, &score, &mean), ==, LB_SESSIONS_CYCLES);
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpuint (observe, ==, 20);
  g_assert_cmpuint (score, ==, 10);
  g_assert_true (mean);
  g_assert_cmpuint (lb_scale_get_n_levels (lb_node_get_scale (first_item (cycles))), ==, 7);
  g_assert_cmpuint (lb_scale_get_n_bands (lb_node_get_scale (first_item (cycles))), ==, 3);

  g_assert_cmpint (lb_instrument_get_sessions (snapshots, NULL, NULL, NULL, &mean), ==, LB_SESSIONS_SEGMENTS);
  g_assert_false (mean);
  g_assert_cmpuint (lb_instrument_get_snapshots (snapshots)->len, >, 0);
  g_assert_cmpuint (lb_node_get_n_anchors (first_item (snapshots)), ==, 3);
  g_assert_nonnull (lb_node_get_scale (lb_node_get_child (first_item (snapshots), 0)));
  g_assert_true (lb_instrument_get_calibration (snapshots, NULL, NULL, &exact));
  g_assert_cmpfloat (exact, ==, 0.66);
}

static void
test_new (gconstpointer data)
{
  const char *shape = data;
  g_autofree char *dir = author_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "mine.xml", NULL);
  g_autoptr(GBytes) expected = template_bytes (shape);
  g_auto(AuthorRun) r = { 0 };
  g_autofree char *written = NULL;
  gsize len;

  author_run (&r, "instrument", "new", "--shape", shape, "-o", path, NULL);
  author_assert_status (&r, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, path));
  g_assert_true (g_file_get_contents (path, &written, &len, NULL));
  g_assert_cmpmem (written, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_nonnull (strstr (written, "<!--"));  /* commented */

  author_run (&r, "validate", path, NULL);
  author_assert_status (&r, 0);
  g_assert_true (g_str_has_prefix (r.out, "OK mijn-"));

  /* an existing file is kept unless --force */
  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  author_run (&r, "instrument", "new", "--shape", shape, "-o", path, NULL);
  author_assert_status (&r, 1);
  g_assert_nonnull (strstr (r.err, "already exists"));
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, "mine");
  author_run (&r, "instrument", "new", "--shape", shape, "-o", path, "--force", NULL);
  author_assert_status (&r, 0);
  author_run (&r, "validate", path, NULL);
  author_assert_status (&r, 0);

  /* - is standard output */
  author_run (&r, "instrument", "new", "-s", shape, "-o", "-", NULL);
  author_assert_status (&r, 0);
  g_assert_cmpmem (r.out, strlen (r.out), g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  author_rmdir (dir);
}

static void
test_new_usage (void)
{
  g_auto(AuthorRun) r = { 0 };

  author_run (&r, "instrument", "new", "-o", "x.xml", NULL);
  author_assert_status (&r, 2);
  g_assert_nonnull (strstr (r.err, "--shape must be ours, framework, cycles or snapshots"));
  author_run (&r, "instrument", "new", "--shape", "class", "-o", "x.xml", NULL);
  author_assert_status (&r, 2);
  author_run (&r, "instrument", "new", "--shape", "ours", NULL);
  author_assert_status (&r, 2);
  g_assert_nonnull (strstr (r.err, "-o FILE"));
  author_run (&r, "instrument", "new", "--shape", "ours", "-o", "x.xml", "extra", NULL);
  author_assert_status (&r, 2);
  author_run (&r, "instrument", "new", "--bogus", NULL);
  author_assert_status (&r, 2);
  g_assert_false (g_file_test ("x.xml", G_FILE_TEST_EXISTS));
}

/* ---- the shipped examples ---- */

static LbInstrument *
load_example (const char *file)
{
  g_autofree char *path = author_top_path ("instrument", "examples", file, NULL);
  return author_load (path);
}

static void
assert_dutch_and_english (LbText *text)
{
  g_assert_true (lb_text_has (text, "nl"));
  g_assert_true (lb_text_has (text, "en"));
}

static void
test_example_framework (void)
{
  g_autoptr(LbInstrument) inst = load_example ("framework.xml");
  GListModel *domains = lb_instrument_get_domains (inst);
  GPtrArray *items = lb_instrument_get_items (inst);

  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 4);
  g_assert_cmpuint (items->len, ==, 22);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      g_assert_cmpint (lb_node_get_kind (lb_node_get_parent (item)), ==, LB_NODE_DOMAIN);
      g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 4);
      g_assert_cmpuint (lb_node_get_n_children (item), >=, 2);
      g_assert_false (lb_node_has_difficulty (lb_node_get_child (item, 0)));
      assert_dutch_and_english (lb_node_get_text (item));
      for (guint d = 0; d < 4; d++)
        assert_dutch_and_english (lb_node_get_descriptor (item, d)->text);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      gboolean none_below = FALSE, mean = FALSE;
      for (guint r = 0; r < lb_node_get_n_rules (d); r++)
        {
          const LbRule *rule = lb_node_get_rule (d, r);
          none_below |= rule->kind == LB_RULE_NONE_BELOW && rule->level == 1;
          mean |= rule->kind == LB_RULE_MEAN_AT_LEAST && rule->value == 3;
        }
      g_assert_true (none_below && mean);
    }
}

static void
test_example_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_example ("cycles.xml");
  guint count, observe, score;
  gboolean mean;
  LbScale *scale = lb_node_get_scale (first_item (inst));

  g_assert_cmpint (lb_instrument_get_sessions (inst, &count, &observe, &score, &mean), ==, LB_SESSIONS_CYCLES);
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpuint (observe, ==, 20);
  g_assert_cmpuint (score, ==, 10);
  g_assert_true (mean);
  g_assert_cmpuint (lb_scale_get_n_levels (scale), ==, 7);
  g_assert_cmpfloat (lb_scale_get_min (scale), ==, 1);
  g_assert_cmpfloat (lb_scale_get_max (scale), ==, 7);
  g_assert_cmpuint (lb_scale_get_n_bands (scale), ==, 3);
  g_assert_cmpuint (lb_scale_get_band (scale, 1)->from, ==, 2);
  g_assert_cmpuint (lb_scale_get_band (scale, 1)->to, ==, 4);
  g_assert_false (lb_scale_get_not_observed_allowed (scale));
  g_assert_cmpuint (lb_instrument_get_n_items (inst), ==, 9);
  g_assert_true (lb_instrument_get_calibration (inst, NULL, NULL, NULL));
}

static void
test_example_snapshots (void)
{
  g_autoptr(LbInstrument) inst = load_example ("snapshots.xml");
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  GPtrArray *items = lb_instrument_get_items (inst);
  guint count, observe, within;
  gboolean mean, coded_na = FALSE, coded_strict = FALSE;
  double share, exact;

  g_assert_cmpint (lb_instrument_get_sessions (inst, &count, &observe, NULL, &mean), ==, LB_SESSIONS_SEGMENTS);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (observe, ==, 15);
  g_assert_false (mean);
  g_assert_cmpuint (snapshots->len, ==, 6);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LbSnapshot *s = snapshots->pdata[i];
      g_assert_cmpuint (s->minute, <=, observe);
      /* yes/no without n/a; how many off task with n/a */
      g_assert_cmpint (lb_scale_get_not_observed_allowed (s->scale), ==, i % 2 == 1);
    }
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      g_assert_true (lb_node_get_evidence_required (item));
      g_assert_cmpint (lb_node_get_scoring (item), ==, LB_SCORING_HOLISTIC);
      g_assert_cmpuint (lb_node_get_n_anchors (item), ==, 3);
      g_assert_cmpuint (lb_node_get_anchor (item, 0)->level, ==, 0);  /* low ≈ 1 */
      g_assert_cmpuint (lb_node_get_anchor (item, 1)->level, ==, 2);  /* medium ≈ 3 */
      g_assert_cmpuint (lb_node_get_anchor (item, 2)->level, ==, 4);  /* high ≈ 5 */
      for (guint j = 0; j < lb_node_get_n_children (item); j++)
        {
          LbScale *coding = lb_node_get_scale (lb_node_get_child (item, j));
          g_assert_nonnull (coding);
          g_assert_cmpuint (lb_scale_get_n_levels (coding), ==, 3);
          coded_na |= lb_scale_get_not_observed_allowed (coding);
          coded_strict |= !lb_scale_get_not_observed_allowed (coding);
        }
    }
  g_assert_true (coded_na && coded_strict);
  g_assert_true (lb_instrument_get_calibration (inst, &within, &share, &exact));
  g_assert_cmpuint (within, ==, 1);
  g_assert_cmpfloat (share, ==, 0.8);
  g_assert_cmpfloat (2.0 / 3.0, >=, exact);
}

/* The default stays the only embedded instrument; the examples import. */
static void
test_examples_import (void)
{
  g_auto(AuthorRun) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *resource = g_strdup_printf ("%s/examples/framework.xml", LB_INSTRUMENT_RESOURCE_DIR);

  g_assert_null (g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error));
  author_run (&r, "instrument", "list", NULL);
  author_assert_status (&r, 0);
  g_auto(GStrv) listed = g_strsplit (g_strchomp (r.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  g_assert_true (g_str_has_prefix (listed[0], "lesbezoek-basis\t"));

  const char *ids[] = { "voorbeeld-kader", "voorbeeld-cycli", "voorbeeld-momenten" };
  for (guint i = 0; author_example_files[i]; i++)
    {
      g_autofree char *path = author_top_path ("instrument", "examples", author_example_files[i], NULL);
      g_autofree char *expected = g_strdup_printf ("Imported %s 1.0\n", ids[i]);
      author_run (&r, "instrument", "import", path, NULL);
      author_assert_status (&r, 0);
      g_assert_cmpstr (r.out, ==, expected);
      author_run (&r, "validate", path, NULL);
      author_assert_status (&r, 0);
    }
  author_run (&r, "instrument", "list", NULL);
  author_assert_status (&r, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (strstr (r.out, ids[i]));
  author_run (&r, "instrument", "show", "voorbeeld-momenten", NULL);
  author_assert_status (&r, 0);
}

/* Every complete instrument in the format reference is valid. */
static void
test_doc_examples (void)
{
  g_autoptr(GPtrArray) blocks = author_doc_blocks ("xml", "</instrument>");
  g_assert_cmpuint (blocks->len, >=, 5);
  for (guint i = 0; i < blocks->len; i++)
    {
      const char *xml = blocks->pdata[i];
      g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, "docs", NULL, &error);
      g_assert_no_error (error);
    }
}

/* ---- to-csv and from-csv ---- */

static void
test_csv_commands (void)
{
  g_autofree char *dir = author_mkdtemp ();
  g_autofree char *csv = g_build_filename (dir, "basis.csv", NULL);
  g_autofree char *xml = g_build_filename (dir, "basis.xml", NULL);
  g_auto(AuthorRun) r = { 0 };
  g_autofree char *contents = NULL;

  author_run (&r, "instrument", "to-csv", "lesbezoek-basis", "-o", csv, NULL);
  author_assert_status (&r, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFtype;id;parent;text_nl;text_en;description_nl;"));

  author_run (&r, "instrument", "from-csv", csv, "-o", xml, NULL);
  author_assert_status (&r, 0);
  g_assert_true (g_str_has_prefix (r.out, "OK lesbezoek-basis 1.0 (24 items) written to "));
  author_run (&r, "validate", xml, NULL);
  g_assert_cmpstr (r.out, ==, "OK lesbezoek-basis 1.0 (24 items)\n");
  g_autoptr(LbInstrument) a = lb_instrument_load_default (NULL);
  g_autoptr(LbInstrument) b = author_load (xml);
  g_autofree char *difference = author_compare (a, b);
  g_assert_cmpstr (difference, ==, NULL);

  /* a file, a comma, standard output */
  g_autofree char *example = author_top_path ("instrument", "examples", "snapshots.xml", NULL);
  author_run (&r, "instrument", "to-csv", example, "--separator", "comma", "-o", "-", NULL);
  author_assert_status (&r, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBFtype,id,parent,text_nl,text_en,"));
  g_assert_true (g_file_set_contents (csv, r.out, -1, NULL));
  author_run (&r, "instrument", "from-csv", csv, "-o", "-", NULL);
  author_assert_status (&r, 0);
  g_assert_true (g_str_has_prefix (r.out, "<?xml"));

  author_rmdir (dir);
}

static void
test_csv_usage (void)
{
  g_auto(AuthorRun) r = { 0 };

  author_run (&r, "instrument", "to-csv", "lesbezoek-basis", NULL);
  author_assert_status (&r, 2);
  author_run (&r, "instrument", "to-csv", "lesbezoek-basis", "-o", "x.csv", "--separator", "pipe", NULL);
  author_assert_status (&r, 2);
  author_run (&r, "instrument", "to-csv", "geen-instrument", "-o", "x.csv", NULL);
  author_assert_status (&r, 1);
  g_assert_nonnull (strstr (r.err, "no instrument with id “geen-instrument”"));
  author_run (&r, "instrument", "from-csv", "x.csv", NULL);
  author_assert_status (&r, 2);
  author_run (&r, "instrument", "from-csv", "does-not-exist.csv", "-o", "x.xml", NULL);
  author_assert_status (&r, 1);
  g_assert_nonnull (strstr (r.err, "does-not-exist.csv: cannot read the file"));
  g_assert_false (g_file_test ("x.csv", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("x.xml", G_FILE_TEST_EXISTS));
  /* the other actions still work as before */
  author_run (&r, "instrument", "bogus", NULL);
  author_assert_status (&r, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/author/templates/validate", test_templates_validate);
  for (guint i = 0; author_shapes[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("/author/new/%s", author_shapes[i]);
      g_test_add_data_func (path, author_shapes[i], test_new);
    }
  g_test_add_func ("/author/new/usage", test_new_usage);
  g_test_add_func ("/author/examples/framework", test_example_framework);
  g_test_add_func ("/author/examples/cycles", test_example_cycles);
  g_test_add_func ("/author/examples/snapshots", test_example_snapshots);
  g_test_add_func ("/author/examples/import", test_examples_import);
  g_test_add_func ("/author/docs/examples", test_doc_examples);
  g_test_add_func ("/author/csv-commands/round-trip", test_csv_commands);
  g_test_add_func ("/author/csv-commands/usage", test_csv_usage);
  return g_test_run ();
}
