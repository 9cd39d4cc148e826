/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-instrument"

/* The instrument loader and model: the embedded default has the shape the
 * app relies on, the good test instruments load with what they declare,
 * and every broken or hostile file is refused with a located message that
 * a teacher can act on, without crashing, hanging or using the network. */

#include "config.h"
#include "lb-instrument.h"
#include "lb-error.h"
#include "bad-instruments.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Loading anything that names a server would take far longer (libxml2 waits
 * a minute for a connection), so a refusal within this is a refusal on sight;
 * generous enough for a loaded machine under AddressSanitizer. */
#define FAST_USEC (5 * G_USEC_PER_SEC)

static char *
instrument_path (const char *kind, const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "instruments", kind, file, NULL);
}

static LbInstrument *
load_good (const char *file)
{
  g_autofree char *path = instrument_path ("good", file);
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

/* Asserts that a load failed in LB_ERROR and that one of its problems is
 * on @line and says @message. */
static void
assert_refused (LbInstrument *inst, GError *error, GPtrArray *problems,
                guint line, const char *message)
{
  g_assert_null (inst);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LB_ERROR);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      if (p->line == line && strstr (p->message, message))
        return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_test_message ("problem %u: %u:%u: %s", i, p->line, p->column, p->message);
    }
  g_error ("expected a problem on line %u saying “%s”", line, message);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
}

/* ---- the embedded default instrument ---- */

static LbInstrument *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

static LbNode *
find (LbInstrument *inst, const char *id)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  g_assert_nonnull (node);
  g_assert_cmpstr (lb_node_get_id (node), ==, id);
  return node;
}

static void
test_default_identity (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  const char * const langs[] = { "nl", "en", NULL };

  g_assert_cmpstr (lb_instrument_get_id (inst), ==, LB_DEFAULT_INSTRUMENT_ID);
  g_assert_cmpstr (lb_instrument_get_version (inst), ==, "1.0");
  g_assert_true (g_strv_equal (lb_instrument_get_languages (inst), langs));
  g_assert_nonnull (lb_instrument_get_authors (inst));
  g_assert_cmpuint (g_strv_length ((GStrv) lb_instrument_get_authors (inst)), >=, 1);
  g_assert_false (lb_text_is_empty (lb_instrument_get_validation (inst)));

  GPtrArray *scales = lb_instrument_get_scales (inst);
  g_assert_cmpuint (scales->len, ==, 1);
  LbScale *scale = lb_instrument_find_scale (inst, "vier");
  g_assert_true (scale == scales->pdata[0]);
  g_assert_cmpuint (lb_scale_get_n_levels (scale), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (lb_scale_get_level (scale, i)->value, ==, i + 1);
  g_assert_true (lb_scale_get_not_observed_allowed (scale));
  g_assert_null (lb_instrument_find_scale (inst, "vijf"));
  g_assert_null (lb_instrument_find_node (inst, "bestaat.niet"));
}

static void
test_default_shape (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  const char *domain_ids[] = { "ph", "ov" };
  const char *group_ids[][3] = {
    { "ph.klimaat", "ph.organisatie", "ph.activeren" },
    { "ov.begrip", "ov.afstemming", "ov.strategieen" },
  };
  GListModel *domains = lb_instrument_get_domains (inst);
  guint n_groups = 0, n_items = 0, n_indicators = 0;

  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 2);
  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      g_assert_cmpstr (lb_node_get_id (domain), ==, domain_ids[d]);
      g_assert_cmpint (lb_node_get_kind (domain), ==, LB_NODE_DOMAIN);
      g_assert_true (lb_node_get_scale (domain) == lb_instrument_find_scale (inst, "vier"));
      g_assert_cmpuint (lb_node_get_n_children (domain), ==, 3);
      for (guint g = 0; g < 3; g++)
        {
          LbNode *group = lb_node_get_child (domain, g);
          g_assert_cmpstr (lb_node_get_id (group), ==, group_ids[d][g]);
          g_assert_cmpint (lb_node_get_kind (group), ==, LB_NODE_GROUP);
          g_assert_true (lb_node_get_parent (group) == domain);
          g_assert_true (lb_node_get_domain (group) == domain);
          g_assert_cmpuint (lb_node_get_n_children (group), ==, 4);
          n_groups++;
          n_items += lb_node_get_n_children (group);
        }
    }
  g_assert_cmpuint (n_groups, ==, 6);
  g_assert_cmpuint (n_items, ==, 24);
  g_assert_cmpuint (lb_instrument_get_n_items (inst), ==, 24);

  GPtrArray *items = lb_instrument_get_items (inst);
  g_assert_cmpuint (items->len, ==, 24);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      g_assert_cmpint (lb_node_get_kind (item), ==, LB_NODE_ITEM);
      g_assert_true (lb_instrument_find_node (inst, lb_node_get_id (item)) == item);
      g_assert_cmpuint (lb_node_get_n_children (item), >=, 3);
      g_assert_cmpuint (lb_node_get_n_children (item), <=, 5);
      g_assert_cmpint (lb_node_get_scoring (item), ==, LB_SCORING_HOLISTIC);
      n_indicators += lb_node_get_n_children (item);
      for (guint c = 0; c < lb_node_get_n_children (item); c++)
        {
          LbNode *ind = lb_node_get_child (item, c);
          g_assert_cmpint (lb_node_get_kind (ind), ==, LB_NODE_INDICATOR);
          g_assert_true (lb_node_get_parent (ind) == item);
          g_assert_true (lb_node_has_difficulty (ind));
          g_assert_true (lb_instrument_find_node (inst, lb_node_get_id (ind)) == ind);
        }
      /* one descriptor for each of the four levels */
      g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 4);
      for (guint level = 0; level < 4; level++)
        g_assert_nonnull (lb_node_get_descriptor_for_level (item, level));
    }
  g_assert_cmpuint (lb_instrument_get_n_indicators (inst), ==, n_indicators);
  g_assert_cmpint (lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL), ==, LB_SESSIONS_NONE);
}

static double
mean_difficulty (LbInstrument *inst, const char *group_id)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  double sum = 0;
  guint n = 0;

  lb_node_collect_items (find (inst, group_id), items);
  for (guint i = 0; i < items->len; i++)
    for (guint c = 0; c < lb_node_get_n_children (items->pdata[i]); c++)
      {
        sum += lb_node_get_difficulty (lb_node_get_child (items->pdata[i], c));
        n++;
      }
  g_assert_cmpuint (n, >, 0);
  return sum / n;
}

/* Indicators are ordered cumulatively: the basics (climate, order) are
 * easier than adapting to differences and teaching learning strategies. */
static void
test_default_difficulty (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  const char *basic[] = { "ph.klimaat", "ph.organisatie" };
  const char *advanced[] = { "ov.afstemming", "ov.strategieen" };

  for (guint a = 0; a < G_N_ELEMENTS (advanced); a++)
    for (guint b = 0; b < G_N_ELEMENTS (basic); b++)
      {
        double hard = mean_difficulty (inst, advanced[a]);
        double easy = mean_difficulty (inst, basic[b]);
        g_test_message ("%s %.2f > %s %.2f", advanced[a], hard, basic[b], easy);
        g_assert_cmpfloat (hard, >, easy);
      }
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    for (guint c = 0; c < lb_node_get_n_children (items->pdata[i]); c++)
      {
        double d = lb_node_get_difficulty (lb_node_get_child (items->pdata[i], c));
        g_assert_cmpfloat (d, >=, -10);
        g_assert_cmpfloat (d, <=, 10);
      }
}

static void
test_default_judgement_rules (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  GListModel *domains = lb_instrument_get_domains (inst);

  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      LbScale *scale = lb_node_get_scale (domain);
      gboolean has_min_scored = FALSE;
      g_assert_cmpuint (lb_node_get_n_rules (domain), >=, 2);
      for (guint r = 0; r < lb_node_get_n_rules (domain); r++)
        {
          const LbRule *rule = lb_node_get_rule (domain, r);
          if (rule->kind == LB_RULE_MIN_SCORED)
            has_min_scored = TRUE;
          if (rule->kind == LB_RULE_SHARE_AT_LEAST || rule->kind == LB_RULE_NONE_BELOW)
            g_assert_cmpuint (rule->level, <, lb_scale_get_n_levels (scale));
          if (rule->kind == LB_RULE_MEAN_AT_LEAST)
            {
              g_assert_cmpfloat (rule->value, >=, lb_scale_get_min (scale));
              g_assert_cmpfloat (rule->value, <=, lb_scale_get_max (scale));
            }
          g_assert_cmpfloat (rule->share, >=, 0);
          g_assert_cmpfloat (rule->share, <=, 1);
        }
      g_assert_true (has_min_scored);
    }
}

static void
assert_nl_en (const LbText *text, const char *what)
{
  if (lb_text_get_exact (text, "nl") == NULL || *lb_text_get_exact (text, "nl") == '\0' ||
      lb_text_get_exact (text, "en") == NULL || *lb_text_get_exact (text, "en") == '\0')
    g_error ("%s lacks a Dutch or English text", what);
}

static void
assert_node_languages (LbNode *node)
{
  const char *id = lb_node_get_id (node);

  assert_nl_en (lb_node_get_text (node), id);
  if (!lb_text_is_empty (lb_node_get_description (node)))
    assert_nl_en (lb_node_get_description (node), id);
  if (!lb_text_is_empty (lb_node_get_judgement_title (node)))
    assert_nl_en (lb_node_get_judgement_title (node), id);
  for (guint i = 0; i < lb_node_get_n_descriptors (node); i++)
    assert_nl_en (lb_node_get_descriptor (node, i)->text, id);
  for (guint i = 0; i < lb_node_get_n_children (node); i++)
    assert_node_languages (lb_node_get_child (node, i));
}

static void
test_default_languages (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  GPtrArray *scales = lb_instrument_get_scales (inst);
  GListModel *domains = lb_instrument_get_domains (inst);

  assert_nl_en (lb_instrument_get_title (inst), "title");
  assert_nl_en (lb_instrument_get_description (inst), "description");
  assert_nl_en (lb_instrument_get_source (inst), "source");
  assert_nl_en (lb_instrument_get_validation (inst), "validation");
  assert_nl_en (lb_instrument_get_calibration_description (inst), "calibration");
  for (guint s = 0; s < scales->len; s++)
    {
      LbScale *scale = scales->pdata[s];
      assert_nl_en (lb_scale_get_title (scale), lb_scale_get_id (scale));
      for (guint l = 0; l < lb_scale_get_n_levels (scale); l++)
        {
          assert_nl_en (lb_scale_get_level (scale, l)->label, lb_scale_get_level (scale, l)->id);
          assert_nl_en (lb_scale_get_level (scale, l)->description, lb_scale_get_level (scale, l)->id);
        }
      g_assert_nonnull (lb_scale_get_not_observed_label (scale, "en"));
    }
  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      g_assert_false (lb_text_is_empty (lb_node_get_judgement_title (domain)));
      assert_node_languages (domain);
    }
}

static void
test_default_sha256 (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  g_autoptr(GBytes) embedded =
    g_resources_lookup_data (LB_INSTRUMENT_RESOURCE_DIR "/" LB_DEFAULT_INSTRUMENT_ID ".xml", 0, NULL);
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, embedded);

  g_assert_nonnull (embedded);
  g_assert_true (g_bytes_equal (lb_instrument_get_bytes (inst), embedded));
  g_assert_cmpstr (lb_instrument_get_sha256 (inst), ==, expected);
  g_assert_cmpuint (strlen (lb_instrument_get_sha256 (inst)), ==, 64);

  /* The same bytes under another name are the same instrument. */
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) again = lb_instrument_load_bytes (embedded, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_instrument_get_sha256 (again), ==, expected);
  g_assert_cmpstr (lb_instrument_get_filename (again), ==, "-");
}

/* The file that people read and edit is the one the app embeds. */
static void
test_default_on_disk (void)
{
  g_autoptr(LbInstrument) inst = load_default ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instrument",
                                                 LB_DEFAULT_INSTRUMENT_ID ".xml", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_autoptr(GBytes) on_disk = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_assert_true (g_bytes_equal (on_disk, lb_instrument_get_bytes (inst)));

  g_autoptr(LbInstrument) from_file = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_instrument_get_sha256 (from_file), ==, lb_instrument_get_sha256 (inst));
  g_assert_cmpstr (lb_instrument_get_filename (from_file), ==, path);
}

/* ---- good instruments ---- */

static void
test_good_all (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "instruments", "good", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_autoptr(LbInstrument) inst = load_good (name);
      g_autofree char *path = instrument_path ("good", name);
      g_autofree char *contents = NULL;
      gsize len;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
      g_assert_cmpstr (lb_instrument_get_sha256 (inst), ==, sha);
      g_assert_cmpuint (lb_instrument_get_n_items (inst), >, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 4);
}

static void
test_good_minimal (void)
{
  g_autoptr(LbInstrument) inst = load_good ("minimal.xml");
  LbNode *item = find (inst, "ped.klimaat.1");

  g_assert_cmpstr (lb_instrument_get_id (inst), ==, "voorbeeld-minimaal");
  g_assert_cmpuint (lb_instrument_get_n_items (inst), ==, 1);
  g_assert_cmpuint (lb_instrument_get_n_indicators (inst), ==, 1);
  g_assert_cmpfloat (lb_node_get_difficulty (find (inst, "ped.klimaat.1.a")), ==, -1.5);
  g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 2);
  g_assert_nonnull (lb_node_get_descriptor_for_level (item, 0));
  g_assert_null (lb_node_get_descriptor_for_level (item, 1));
  g_assert_nonnull (lb_node_get_descriptor_for_level (item, 3));
  /* English is optional: Dutch stands in. */
  g_assert_cmpstr (lb_text_get (lb_node_get_text (find (inst, "ped.klimaat.1.a")), "en"), ==,
                   "Noemt leerlingen bij naam.");
  g_assert_false (lb_instrument_get_calibration (inst, NULL, NULL, NULL));
}

static void
test_good_framework (void)
{
  g_autoptr(LbInstrument) inst = load_good ("framework.xml");
  LbNode *domain = find (inst, "omgeving");
  const char * const authors[] = { "Lesbezoek-tests", "Tweede auteur", NULL };

  g_assert_true (g_strv_equal (lb_instrument_get_authors (inst), authors));
  g_assert_cmpuint (lb_instrument_get_n_items (inst), ==, 3);
  g_assert_cmpuint (lb_instrument_get_n_indicators (inst), ==, 9);
  /* items hang directly under their domain */
  g_assert_cmpuint (lb_node_get_n_children (domain), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      LbNode *item = lb_node_get_child (domain, i);
      g_assert_cmpint (lb_node_get_kind (item), ==, LB_NODE_ITEM);
      g_assert_true (lb_node_get_parent (item) == domain);
      for (guint c = 0; c < lb_node_get_n_children (item); c++)
        {
          g_assert_false (lb_node_has_difficulty (lb_node_get_child (item, c)));
          g_assert_null (lb_node_get_scale (lb_node_get_child (item, c)));
        }
    }
  g_assert_true (lb_node_get_evidence_required (find (inst, "omgeving.routines")));
  g_assert_false (lb_node_get_evidence_required (find (inst, "omgeving.relaties")));
  g_assert_cmpuint (lb_node_get_n_descriptors (find (inst, "omgeving.relaties")), ==, 4);
  g_assert_false (lb_scale_get_not_observed_allowed (lb_instrument_find_scale (inst, "niveau")));
  g_assert_cmpuint (lb_node_get_n_rules (domain), ==, 1);
  g_assert_cmpuint (lb_node_get_rule (domain, 0)->level, ==, 2);
  g_assert_cmpuint (lb_node_get_n_rules (find (inst, "instructie")), ==, 0);
}

static void
test_good_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_good ("cycles.xml");
  LbScale *scale = lb_instrument_find_scale (inst, "zeven");
  guint count = 0, observe = 0, score = 0;
  gboolean mean = FALSE;
  const guint from[] = { 0, 2, 5 }, to[] = { 1, 4, 6 };
  const char *bands[] = { "laag", "midden", "hoog" };

  g_assert_cmpint (lb_instrument_get_sessions (inst, &count, &observe, &score, &mean), ==,
                   LB_SESSIONS_CYCLES);
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpuint (observe, ==, 20);
  g_assert_cmpuint (score, ==, 10);
  g_assert_true (mean);
  g_assert_cmpuint (lb_scale_get_n_levels (scale), ==, 7);
  g_assert_cmpfloat (lb_scale_get_min (scale), ==, 1);
  g_assert_cmpfloat (lb_scale_get_max (scale), ==, 7);
  g_assert_cmpint (lb_scale_find_value (scale, 5), ==, 4);
  g_assert_cmpuint (lb_scale_get_n_bands (scale), ==, 3);
  for (guint b = 0; b < 3; b++)
    {
      const LbBand *band = lb_scale_get_band (scale, b);
      g_assert_cmpstr (band->id, ==, bands[b]);
      g_assert_cmpuint (band->from, ==, from[b]);
      g_assert_cmpuint (band->to, ==, to[b]);
      assert_nl_en (band->label, band->id);
    }
  g_assert_cmpstr (lb_scale_get_not_observed_label (scale, "en"), ==, "not seen");
  g_assert_cmpfloat (lb_node_get_difficulty (find (inst, "steun.sfeer.warmte.taal")), ==, 1.25);
  g_assert_cmpuint (lb_node_get_n_rules (find (inst, "steun")), ==, 2);
}

static void
test_good_snapshots (void)
{
  g_autoptr(LbInstrument) inst = load_good ("snapshots.xml");
  LbScale *lmh = lb_instrument_find_scale (inst, "lmh");
  LbNode *item = find (inst, "leren.denken");
  const char * const langs[] = { "nl", "en", "fy", NULL };
  const char *codes[] = { "laag", "middel", "hoog" };
  const guint levels[] = { 0, 2, 4 };
  guint count = 0, observe = 0, within = 99;
  double share = 0, exact = 0;

  g_assert_true (g_strv_equal (lb_instrument_get_languages (inst), langs));
  g_assert_cmpint (lb_instrument_get_sessions (inst, &count, &observe, NULL, NULL), ==,
                   LB_SESSIONS_SEGMENTS);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (observe, ==, 15);
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  g_assert_cmpuint (snapshots->len, ==, 2);
  const LbSnapshot *last = snapshots->pdata[1];
  g_assert_cmpstr (last->id, ==, "moment.eind");
  g_assert_cmpuint (last->minute, ==, 14);
  g_assert_true (last->scale == lmh);

  g_assert_cmpint (lb_node_get_scoring (item), ==, LB_SCORING_ROLLUP);
  for (guint c = 0; c < lb_node_get_n_children (item); c++)
    g_assert_true (lb_node_get_scale (lb_node_get_child (item, c)) == lmh);
  g_assert_cmpuint (lb_node_get_n_anchors (item), ==, 3);
  for (guint a = 0; a < 3; a++)
    {
      g_assert_cmpstr (lb_node_get_anchor (item, a)->code, ==, codes[a]);
      g_assert_cmpuint (lb_node_get_anchor (item, a)->level, ==, levels[a]);
    }
  g_assert_cmpstr (lb_text_get_exact (lb_node_get_text (item), "fy"), ==,
                   "Learlingen tinke lûdop nei oer de stof.");
  g_assert_true (lb_instrument_get_calibration (inst, &within, &share, &exact));
  g_assert_cmpuint (within, ==, 0);
  g_assert_cmpfloat_with_epsilon (share, 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (exact, 0.8, 1e-12);
}

/* ---- bad instruments ---- */

static void
test_bad (gconstpointer data)
{
  const BadInstrument *bad = data;
  g_autofree char *path = instrument_path ("bad", bad->file);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;

  gint64 start = g_get_monotonic_time ();
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, problems, &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  assert_refused (inst, error, problems, bad->line, bad->message);
  g_assert_error (error, LB_ERROR, (gint) bad->code);
  /* the GError carries every problem as FILE:LINE:COLUMN: message */
  g_autofree char *first = lb_problem_format (problems->pdata[0], path);
  g_assert_true (g_str_has_prefix (error->message, first));
  g_assert_true (g_str_has_prefix (error->message, path));
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_assert_cmpuint (p->line, >=, 1);
      g_assert_cmpuint (p->column, >=, 1);
      g_assert_true (g_utf8_validate (p->message, -1, NULL));
    }
  /* A file that names a server would hang here if anything were fetched. */
  g_assert_cmpint (elapsed, <, FAST_USEC);
}

/* Each file in bad/ has an expectation, so none is silently skipped. */
static void
test_bad_table_complete (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "instruments", "bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; n++)
    {
      gboolean listed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (bad_instruments); i++)
        listed = listed || g_str_equal (bad_instruments[i].file, name);
      if (!listed)
        g_error ("instruments/bad/%s has no entry in bad-instruments.h", name);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_instruments));
  g_assert_cmpuint (n, >=, 30);
}

/* The fuzzer's seed corpus starts from every good and bad file, as they
 * are now: tests/fuzz-corpus/instrument/{good,bad}-NAME. */
static void
test_fuzz_corpus_complete (void)
{
  const char *kinds[] = { "good", "bad" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "instruments", kinds[k], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_assert_nonnull (dir);
      for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
        {
          g_autofree char *seed_name = g_strdup_printf ("%s-%s", kinds[k], name);
          g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "fuzz-corpus", "instrument",
                                                         seed_name, NULL);
          g_autofree char *original = instrument_path (kinds[k], name);
          g_autofree char *a = NULL, *b = NULL;
          gsize a_len = 0, b_len = 0;
          if (!g_file_get_contents (seed, &a, &a_len, NULL))
            g_error ("%s is not in the fuzz corpus; copy it to %s", original, seed);
          g_assert_true (g_file_get_contents (original, &b, &b_len, NULL));
          if (a_len != b_len || memcmp (a, b, a_len) != 0)
            g_error ("%s differs from %s; copy it again", seed, original);
        }
    }
}

/* ---- hostile input generated at test time ---- */

static const char hostile_head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<instrument xmlns=\"https://lesbezoek.nl/ns/instrument/1\" format=\"1\" id=\"groot\" "
  "version=\"1\" languages=\"nl\">\n";

static void
load_string (GString *s, GPtrArray *problems, GError **error, LbInstrument **inst)
{
  g_autoptr(GBytes) bytes = g_bytes_new (s->str, s->len);
  *inst = lb_instrument_load_bytes (bytes, "generated.xml", problems, error);
}

/* Bigger than any instrument may be: refused before libxml2 sees it. */
static void
test_hostile_huge_text (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "huge-text.xml", NULL);
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_string_append (s, "  <meta><title xml:lang=\"nl\">");
  for (guint i = 0; i < 20 * 1024 * 1024 / 64; i++)
    g_string_append (s, "Lesbezoek lesbezoek lesbezoek lesbezoek lesbezoek lesbezoek les ");
  g_string_append (s, "</title></meta>\n</instrument>\n");
  g_assert_cmpuint (s->len, >, 20 * 1024 * 1024);
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));

  gint64 start = g_get_monotonic_time ();
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, problems, &error);
  assert_refused (inst, error, problems, 1, "the file is too large");
  g_assert_error (error, LB_ERROR, LB_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, FAST_USEC);
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* Within the file size cap, over libxml2's own limit for one text node. */
static void
test_hostile_big_text_node (void)
{
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = NULL;

  g_string_append (s, "  <meta>\n<title xml:lang=\"nl\">");
  for (guint i = 0; i < 12 * 1000 * 1000 / 8; i++)
    g_string_append (s, "abcdefg ");
  g_string_append (s, "</title></meta>\n</instrument>\n");
  load_string (s, problems, &error, &inst);
  assert_refused (inst, error, problems, 4, "too long");
}

/* Parsed fine, but no teacher writes a 30,000-character indicator. */
static void
test_hostile_long_text (void)
{
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = NULL;

  g_string_append (s, "  <meta>\n    <title xml:lang=\"nl\">");
  for (guint i = 0; i < 3000; i++)
    g_string_append (s, "Lesbezoek ");
  g_string_append (s, "</title>\n  </meta>\n</instrument>\n");
  load_string (s, problems, &error, &inst);
  assert_refused (inst, error, problems, 4, "<title> is too long (29999 characters; at most 20000)");
}

static void
test_hostile_deep_nesting (void)
{
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "<group>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (s, "</group>");
  g_string_append (s, "\n</instrument>\n");

  gint64 start = g_get_monotonic_time ();
  load_string (s, problems, &error, &inst);
  assert_refused (inst, error, problems, 3, "nested far too deeply");
  g_assert_error (error, LB_ERROR, LB_ERROR_PARSE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, FAST_USEC);
}

/* Hundreds of mistakes are reported, but not without end. */
static void
test_hostile_many_problems (void)
{
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = NULL;

  g_string_append (s, "<meta><title xml:lang=\"nl\">Veel fouten</title></meta>\n"
                      "<scale id=\"s\"><level id=\"1\" value=\"1\"><label xml:lang=\"nl\">1</label></level>"
                      "<level id=\"2\" value=\"2\"><label xml:lang=\"nl\">2</label></level></scale>\n"
                      "<domain id=\"d\" scale=\"s\"><title xml:lang=\"nl\">D</title>\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "<item id=\"x\"><text xml:lang=\"nl\">Dubbel</text></item>\n");
  g_string_append (s, "</domain>\n</instrument>\n");
  load_string (s, problems, &error, &inst);
  assert_refused (inst, error, problems, 7, "duplicate id “x” (already used on line 6)");
  g_assert_cmpuint (problems->len, >=, 10);
  g_assert_cmpuint (problems->len, <=, 100);
}

/* Whatever an entity or DTD points at, the loader never goes there: a
 * local server that would see the request sees nothing. */
static void
test_hostile_no_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  if (!g_socket_bind (server, address, TRUE, &error) || !g_socket_listen (server, &error))
    {
      /* The timing checks in /instrument/bad/ still cover this. */
      g_test_skip_printf ("no loopback network: %s", error->message);
      return;
    }
  g_socket_set_blocking (server, FALSE);
  g_autoptr(GSocketAddress) bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  guint port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  const char *prologues[] = {
    "<!DOCTYPE instrument SYSTEM \"http://127.0.0.1:%u/instrument.dtd\">\n",
    "<!DOCTYPE instrument PUBLIC \"-//Lesbezoek//X//NL\" \"http://127.0.0.1:%u/x.dtd\">\n",
    "<!DOCTYPE instrument [\n<!ENTITY x SYSTEM \"http://127.0.0.1:%u/x\">\n]>\n",
    "<!DOCTYPE instrument [\n<!ENTITY %% p SYSTEM \"http://127.0.0.1:%u/p.dtd\">\n%%p;\n]>\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (prologues); i++)
    {
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) load_error = NULL;
      g_autoptr(LbInstrument) inst = NULL;
      g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n");
      g_string_append_printf (s, prologues[i], port);
      g_string_append (s, hostile_head + strlen ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
      g_string_append (s, "<meta><title xml:lang=\"nl\">&x;</title></meta>\n</instrument>\n");
      load_string (s, problems, &load_error, &inst);
      assert_refused (inst, load_error, problems, 2, "may not use DTDs or entities");
      g_assert_error (load_error, LB_ERROR, LB_ERROR_FORBIDDEN);
    }

  /* XInclude and a stylesheet processing instruction are not followed
   * either; the include is also not part of the format. */
  g_autoptr(GString) s = g_string_new (hostile_head);
  g_string_append_printf (s, "<?xml-stylesheet type=\"text/xsl\" href=\"http://127.0.0.1:%u/s.xsl\"?>\n"
                          "<meta><title xml:lang=\"nl\">T</title>"
                          "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                          "href=\"http://127.0.0.1:%u/i.xml\"/></meta>\n</instrument>\n", port, port);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) load_error = NULL;
  g_autoptr(LbInstrument) inst = NULL;
  load_string (s, problems, &load_error, &inst);
  assert_refused (inst, load_error, problems, 4, "<include> is not in the instrument namespace");

  g_autoptr(GSocket) client = g_socket_accept (server, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* A local file named by an external entity is never read into a message. */
static void
test_hostile_xxe_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  int fd = g_file_open_tmp ("lesbezoek-geheim-XXXXXX", &secret, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (secret, "GEHEIM-7f3a", -1, &error));

  const char *forms[] = { "file://%s", "%s" };
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *uri = g_strdup_printf (forms[i], secret);
      g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n");
      g_string_append_printf (s, "<!DOCTYPE instrument [\n<!ENTITY g SYSTEM \"%s\">\n]>\n", uri);
      g_string_append (s, hostile_head + strlen ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
      g_string_append (s, "<meta><title xml:lang=\"nl\">&g;</title></meta>\n</instrument>\n");
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) load_error = NULL;
      g_autoptr(LbInstrument) inst = NULL;
      load_string (s, problems, &load_error, &inst);
      assert_refused (inst, load_error, problems, 2, "may not use DTDs or entities");
      g_assert_null (strstr (load_error->message, "GEHEIM"));
    }
  g_assert_cmpint (g_remove (secret), ==, 0);
}

/* Every prefix of a real instrument is refused cleanly, on a real line. */
static void
test_hostile_truncations (void)
{
  g_autoptr(LbInstrument) def = load_default ();
  gsize len = 0;
  const char *data = g_bytes_get_data (lb_instrument_get_bytes (def), &len);
  guint n_lines = 1;

  for (gsize i = 0; i < len; i++)
    n_lines += data[i] == '\n';
  for (gsize cut = 0; cut < len - 16; cut += 331)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, cut);
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, "cut.xml", problems, &error);
      g_assert_null (inst);
      g_assert_true (error->domain == LB_ERROR);
      g_assert_cmpuint (problems->len, >=, 1);
      for (guint p = 0; p < problems->len; p++)
        g_assert_cmpuint (((LbProblem *) problems->pdata[p])->line, <=, n_lines);
    }
}

/* Deleting any one line of a good instrument either still loads or is
 * refused with problems; never anything in between. */
static void
test_hostile_line_deletions (void)
{
  g_autofree char *path = instrument_path ("good", "snapshots.xml");
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n = g_strv_length (lines), refused = 0;

  for (guint skip = 0; skip < n; skip++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        if (i != skip)
          g_string_append_printf (s, "%s\n", lines[i]);
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) inst = NULL;
      load_string (s, problems, &error, &inst);
      g_assert_true ((inst == NULL) == (error != NULL));
      g_assert_true ((inst == NULL) == (problems->len > 0));
      refused += inst == NULL;
    }
  g_assert_cmpuint (refused, >, n / 2);
}

/* A FIFO (or /dev/zero) where a file is expected must be refused at once,
 * not read until the app hangs. */
static void
test_not_a_regular_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-fifo-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "instrument.xml", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  const char *paths[] = { fifo, "/dev/zero" };
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_load_file (paths[i], NULL, &error);
      g_assert_null (inst);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, paths[i]));
    }
  g_unlink (fifo);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/instrument/default/identity", test_default_identity);
  g_test_add_func ("/instrument/not-a-regular-file", test_not_a_regular_file);
  g_test_add_func ("/instrument/default/shape", test_default_shape);
  g_test_add_func ("/instrument/default/difficulty", test_default_difficulty);
  g_test_add_func ("/instrument/default/judgement-rules", test_default_judgement_rules);
  g_test_add_func ("/instrument/default/languages", test_default_languages);
  g_test_add_func ("/instrument/default/sha256", test_default_sha256);
  g_test_add_func ("/instrument/default/on-disk", test_default_on_disk);

  g_test_add_func ("/instrument/good/all", test_good_all);
  g_test_add_func ("/instrument/good/minimal", test_good_minimal);
  g_test_add_func ("/instrument/good/framework", test_good_framework);
  g_test_add_func ("/instrument/good/cycles", test_good_cycles);
  g_test_add_func ("/instrument/good/snapshots", test_good_snapshots);

  g_test_add_func ("/instrument/bad/table-complete", test_bad_table_complete);
  for (guint i = 0; i < G_N_ELEMENTS (bad_instruments); i++)
    {
      g_autofree char *name = g_strndup (bad_instruments[i].file,
                                         strlen (bad_instruments[i].file) - strlen (".xml"));
      g_autofree char *test_path = g_strdup_printf ("/instrument/bad/%s", name);
      g_test_add_data_func (test_path, &bad_instruments[i], test_bad);
    }

  g_test_add_func ("/instrument/fuzz-corpus/complete", test_fuzz_corpus_complete);

  g_test_add_func ("/instrument/hostile/huge-text", test_hostile_huge_text);
  g_test_add_func ("/instrument/hostile/big-text-node", test_hostile_big_text_node);
  g_test_add_func ("/instrument/hostile/long-text", test_hostile_long_text);
  g_test_add_func ("/instrument/hostile/deep-nesting", test_hostile_deep_nesting);
  g_test_add_func ("/instrument/hostile/many-problems", test_hostile_many_problems);
  g_test_add_func ("/instrument/hostile/no-network", test_hostile_no_network);
  g_test_add_func ("/instrument/hostile/xxe-secret", test_hostile_xxe_secret);
  g_test_add_func ("/instrument/hostile/truncations", test_hostile_truncations);
  g_test_add_func ("/instrument/hostile/line-deletions", test_hostile_line_deletions);

  return g_test_run ();
}
