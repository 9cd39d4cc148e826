/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agreement"

/* Observer agreement and calibration (app/lb-agreement.c), against
 * published worked examples and independent computations:
 *
 * - Cohen's kappa: the 2×2 example of the Wikipedia article "Cohen's
 *   kappa" (50 grant proposals; p_o = 0.7, p_e = 0.5, κ = 0.4); the 3×3
 *   table {{0,4,1},{0,8,0},{0,1,5}} of a SAS PROC FREQ printout (as used
 *   by statsmodels' tests), κ = 0.4842 and linearly weighted 0.4701, and
 *   by hand: n = 19, rows (5,8,6), columns (0,13,6), p_o = 13/19,
 *   p_e = (8·13 + 6·6)/19² = 140/361, κ = 107/221; linear: Σ|i−j|n_ij = 7,
 *   Σ|i−j|r_i c_j = 251, κ = 1 − 7·19/251 = 118/251; quadratic:
 *   Σ(i−j)²n_ij = 9, Σ(i−j)²r_i c_j = 311, κ = 1 − 9·19/311 = 140/311;
 *   and the `anxiety` data of R's irr package (raters 2 and 3), whose
 *   kappa2() gives −0.006289308, 0.1459075 ("equal") and 0.2520325
 *   ("squared") over the five levels that occur.
 * - Krippendorff's alpha: the reliability data of Krippendorff (2011),
 *   "Computing Krippendorff's Alpha-Reliability" (4 observers, 12 units,
 *   missing values): nominal 0.743, ordinal 0.815, interval 0.849; and the
 *   3 coders × 15 units example of the Wikipedia article "Krippendorff's
 *   alpha": nominal 0.691, interval 0.811.
 * - Independently in Python, where six decimals are compared: kappa from
 *   the list of rating pairs (no contingency table) and alpha from its
 *   pairwise definition (every pair of values within a unit, every pair
 *   of pairable values overall), not from the coincidence matrix:
 *
 *   from itertools import permutations
 *   def kappa(a, b, cats, w=0):
 *       pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
 *       n = len(pairs); idx = {c: i for i, c in enumerate(cats)}
 *       d = lambda x, y: (0 if x == y else 1) if w == 0 else abs(idx[x] - idx[y]) ** w
 *       obs = sum(d(x, y) for x, y in pairs) / n
 *       exp = sum(d(x, y) for x, _ in pairs for _, y in pairs) / n / n
 *       return 1 - obs / exp
 *   def alpha(data, metric, cats):
 *       units = [[r[u] for r in data if r[u] is not None] for u in range(len(data[0]))]
 *       units = [u for u in units if len(u) >= 2]
 *       vals = [v for u in units for v in u]; n = len(vals)
 *       freq = {c: vals.count(c) for c in cats}
 *       def d(c, k):
 *           if metric == 'nominal': return 0 if c == k else 1
 *           if metric == 'interval': return (cats.index(c) - cats.index(k)) ** 2
 *           lo, hi = sorted((cats.index(c), cats.index(k)))
 *           return (sum(freq[cats[g]] for g in range(lo, hi + 1)) - (freq[c] + freq[k]) / 2) ** 2
 *       do = sum(d(x, y) / (len(u) - 1) for u in units for x, y in permutations(u, 2))
 *       de = sum(d(x, y) for x, y in permutations(vals, 2))
 *       return 1 - (n - 1) * do / de
 *
 *   It reproduces every published value above (Krippendorff 2011: 0.743421,
 *   0.815388, 0.849107; irr: −0.0062893, 0.1459075, 0.2520325). */

#include "lb-agreement.h"
#include "lb-error.h"

#include <math.h>
#include <string.h>

#define M LB_AGREEMENT_MISSING

/* ---- kappa ---- */

static void
test_kappa_wikipedia (void)
{
  const guint table[] = { 20, 5, 10, 15 };
  g_assert_cmpfloat_with_epsilon (lb_agreement_kappa (table, 2), 0.4, 1e-12);
}

static void
test_kappa_sas (void)
{
  const guint table[] = { 0, 4, 1, 0, 8, 0, 0, 1, 5 };
  g_assert_cmpfloat_with_epsilon (lb_agreement_kappa (table, 3), 107.0 / 221, 1e-12);
  g_assert_cmpfloat_with_epsilon (lb_agreement_kappa (table, 3), 0.4842, 5e-5);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 3, LB_KAPPA_LINEAR), 118.0 / 251, 1e-12);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 3, LB_KAPPA_LINEAR), 0.4701, 5e-5);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 3, LB_KAPPA_QUADRATIC), 140.0 / 311, 1e-12);
}

/* irr::anxiety, columns rater2 and rater3 (20 subjects, levels 1–6). */
static const int rater2[] = { 3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4 };
static const int rater3[] = { 2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2 };

static void
anxiety_table (guint *table, guint k, const int *category_of_level)
{
  memset (table, 0, sizeof (guint) * k * k);
  for (guint i = 0; i < G_N_ELEMENTS (rater2); i++)
    table[category_of_level[rater2[i]] * k + category_of_level[rater3[i]]]++;
}

static void
test_kappa_irr (void)
{
  /* irr uses the levels that occur, 1 2 3 4 6, as five categories … */
  const int five[] = { -1, 0, 1, 2, 3, -1, 4 };
  guint table[36];
  anxiety_table (table, 5, five);
  g_assert_cmpfloat_with_epsilon (lb_agreement_kappa (table, 5), -0.006289308, 1e-9);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 5, LB_KAPPA_LINEAR), 0.1459075, 1e-7);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 5, LB_KAPPA_QUADRATIC), 0.2520325, 1e-7);
  /* … Lesbezoek all six levels of the scale, unused 5 included, which
   * changes the weighted values (Python: 0.1262136, 0.2297980) but not the
   * unweighted one. */
  const int six[] = { -1, 0, 1, 2, 3, 4, 5 };
  anxiety_table (table, 6, six);
  g_assert_cmpfloat_with_epsilon (lb_agreement_kappa (table, 6), -0.006289308, 1e-9);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 6, LB_KAPPA_LINEAR), 0.1262136, 1e-7);
  g_assert_cmpfloat_with_epsilon (lb_agreement_weighted_kappa (table, 6, LB_KAPPA_QUADRATIC), 0.2297980, 1e-7);
}

static void
test_kappa_undefined (void)
{
  const guint empty[4] = { 0 };
  const guint one_category[] = { 7, 0, 0, 0 };
  g_assert_true (isnan (lb_agreement_kappa (empty, 2)));
  g_assert_true (isnan (lb_agreement_weighted_kappa (empty, 2, LB_KAPPA_QUADRATIC)));
  g_assert_true (isnan (lb_agreement_kappa (one_category, 2)));
  g_assert_true (isnan (lb_agreement_weighted_kappa (one_category, 2, LB_KAPPA_QUADRATIC)));
}

/* ---- alpha ---- */

/* Krippendorff (2011), values 1–5 as categories 0–4. */
static const int kripp2011[4 * 12] = {
  0, 1, 2, 2, 1, 0, 3, 0, 1, M, M, M,
  0, 1, 2, 2, 1, 1, 3, 0, 1, 4, M, 2,
  M, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, M,
  0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, M,
};

static void
test_alpha_krippendorff (void)
{
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_NOMINAL), 0.743, 5e-4);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_ORDINAL), 0.815, 5e-4);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_INTERVAL), 0.849, 5e-4);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_NOMINAL), 0.743421, 1e-6);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_ORDINAL), 0.815388, 1e-6);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 5, LB_ALPHA_INTERVAL), 0.849107, 1e-6);
  /* A sixth category nobody used changes no distance for alpha. */
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (kripp2011, 4, 12, 6, LB_ALPHA_ORDINAL), 0.815388, 1e-6);
}

static void
test_alpha_wikipedia (void)
{
  /* Values 1–4 as categories 0–3. */
  static const int data[3 * 15] = {
    M, M, M, M, M, 2, 3, 0, 1, 0, 0, 2, 2, M, 2,
    0, M, 1, 0, 2, 2, 3, 2, M, M, M, M, M, M, M,
    M, M, 1, 0, 2, 3, 3, M, 1, 0, 0, 2, 2, M, 3,
  };
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (data, 3, 15, 4, LB_ALPHA_NOMINAL), 0.691358, 1e-6);
  g_assert_cmpfloat_with_epsilon (lb_agreement_alpha (data, 3, 15, 4, LB_ALPHA_INTERVAL), 0.810845, 1e-6);
}

static void
test_alpha_undefined (void)
{
  const int lonely[] = { 0, M, M, 1 };
  const int same[] = { 1, 1, 1, 1 };
  g_assert_true (isnan (lb_agreement_alpha (lonely, 2, 2, 3, LB_ALPHA_ORDINAL)));
  g_assert_true (isnan (lb_agreement_alpha (same, 2, 2, 3, LB_ALPHA_ORDINAL)));
}

/* ---- observations ---- */

static LbInstrument *
load_instrument (const char *name)
{
  g_autoptr(GError) error = NULL;
  LbInstrument *inst;
  if (name == NULL)
    inst = lb_instrument_load_default (&error);
  else
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instruments", "good", name, NULL);
      inst = lb_instrument_load_file (path, NULL, &error);
    }
  g_assert_no_error (error);
  return inst;
}

static LbPerson *
person (const char *uuid, const char *name)
{
  LbPerson *p = lb_person_new ();
  p->uuid = g_strdup (uuid);
  p->name = g_strdup (name);
  return p;
}

static void
add_score (LbObservation *o, guint session, const char *item, const char *level)
{
  if (level == NULL || g_str_equal (level, "-"))
    return;
  LbScore *s = g_new0 (LbScore, 1);
  s->session = session;
  s->item_id = g_strdup (item);
  s->not_observed = g_str_equal (level, "n");
  s->level_id = s->not_observed ? NULL : g_strdup (level);
  g_ptr_array_add (o->scores, s);
}

/* An observation of the test starter's lesson of 2026-03-02 by
 * @observer, scoring @inst's items in order with the space-separated
 * @levels ("-" not scored, "n" not observed). */
static LbObservation *
make_obs (LbInstrument *inst, const char *uuid, const char *observer, LbPurpose purpose, const char *levels)
{
  LbObservation *o = lb_observation_new ();
  o->uuid = g_strdup (uuid);
  o->instrument_id = g_strdup (lb_instrument_get_id (inst));
  o->instrument_version = g_strdup (lb_instrument_get_version (inst));
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (inst));
  o->starter = person ("starter-uuid", "Test Starter");
  o->observer = person (observer, observer);
  o->purpose = purpose;
  o->status = LB_STATUS_FINAL;
  o->date = g_strdup ("2026-03-02");
  g_auto(GStrv) v = g_strsplit (levels, " ", -1);
  GPtrArray *items = lb_instrument_get_items (inst);
  g_assert_cmpuint (g_strv_length (v), ==, items->len);
  for (guint i = 0; i < items->len; i++)
    add_score (o, 0, lb_node_get_id (items->pdata[i]), v[i]);
  return o;
}

/* The data of compare_ref.py (see the top): levels 1, 2 and 4 only. */
static const char *A = "4 4 2 1 2 4 4 1 2 2 4 1 2 4 n 2 1 1 4 2 2 4 1 -";
static const char *B = "4 2 2 1 4 4 1 1 2 2 4 2 1 4 2 n 2 1 4 4 2 4 - 1";
static const char *C = "4 4 1 1 2 2 4 2 2 - 4 1 2 4 4 2 1 2 4 2 1 4 1 4";

static void
test_compare_two (void)
{
  g_autoptr(LbInstrument) inst = load_instrument (NULL);
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_ptr_array_add (obs, make_obs (inst, "a", "Observer A", LB_PURPOSE_SUMMATIEF, A));
  g_ptr_array_add (obs, make_obs (inst, "b", "Observer B", LB_PURPOSE_KLASSENBEZOEK, B));
  g_autoptr(GError) error = NULL;
  g_autoptr(LbComparison) c = lb_comparison_new (obs, inst, LB_COMPARE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->rows->len, ==, 24);
  g_assert_cmpuint (c->stats->len, ==, 1);

  LbComparisonRow *r1 = c->rows->pdata[1], *r14 = c->rows->pdata[14], *r23 = c->rows->pdata[23];
  g_assert_cmpstr (lb_node_get_id (r1->item), ==, "ph.klimaat.2");
  g_assert_cmpint (r1->levels[0], ==, 3);       /* level "4" is index 3 */
  g_assert_cmpint (r1->levels[1], ==, 1);
  g_assert_cmpint (r1->spread, ==, 2);
  g_assert_cmpint (r14->levels[0], ==, LB_AGREEMENT_NOT_OBSERVED);
  g_assert_cmpint (r14->spread, ==, -1);
  g_assert_cmpint (r23->levels[0], ==, LB_AGREEMENT_MISSING);

  /* compare_ref.py: 20 pairs, 0.65 exact, 0.80 within one; κ 0.465649,
   * quadratic 0.612278 over all four levels (0.601594 over the three
   * used: so the unused level "3" must count), α ordinal 0.617500. */
  LbAgreementStats *st = c->stats->pdata[0];
  g_assert_cmpuint (st->n_items, ==, 24);
  g_assert_cmpuint (st->n_units, ==, 20);
  g_assert_cmpuint (st->n_pairs, ==, 20);
  g_assert_cmpfloat_with_epsilon (st->exact, 0.65, 1e-12);
  g_assert_cmpfloat_with_epsilon (st->within_one, 0.80, 1e-12);
  g_assert_cmpfloat_with_epsilon (st->kappa, 0.465649, 1e-6);
  g_assert_cmpfloat_with_epsilon (st->kappa_quadratic, 0.612278, 1e-6);
  g_assert_cmpfloat_with_epsilon (st->alpha_ordinal, 0.617500, 1e-6);
}

static void
test_compare_three (void)
{
  g_autoptr(LbInstrument) inst = load_instrument (NULL);
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_ptr_array_add (obs, make_obs (inst, "a", "Observer A", LB_PURPOSE_SUMMATIEF, A));
  g_ptr_array_add (obs, make_obs (inst, "b", "Observer B", LB_PURPOSE_SUMMATIEF, B));
  g_ptr_array_add (obs, make_obs (inst, "c", "Observer C", LB_PURPOSE_ZELFBEOORDELING, C));
  g_autoptr(LbComparison) c = lb_comparison_new (obs, inst, LB_COMPARE_DEFAULT, NULL);
  g_assert_nonnull (c);
  LbAgreementStats *st = c->stats->pdata[0];
  /* compare_ref.py: 62 pairs, 0.580645 exact, 0.806452 within one, α 0.544553. */
  g_assert_cmpuint (st->n_pairs, ==, 62);
  g_assert_cmpfloat_with_epsilon (st->exact, 0.580645, 1e-6);
  g_assert_cmpfloat_with_epsilon (st->within_one, 0.806452, 1e-6);
  g_assert_cmpfloat_with_epsilon (st->alpha_ordinal, 0.544553, 1e-6);
  g_assert_true (isnan (st->kappa) && isnan (st->kappa_quadratic));
  g_assert_cmpint (((LbComparisonRow *) c->rows->pdata[23])->spread, ==, 3);  /* "-", "1", "4" */
}

static void
assert_refused (GPtrArray *obs, LbInstrument *inst, LbCompareFlags flags, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbComparison) c = lb_comparison_new (obs, inst, flags, &error);
  g_assert_null (c);
  g_assert_error (error, LB_ERROR, code);
}

static void
test_compare_refused (void)
{
  g_autoptr(LbInstrument) inst = load_instrument (NULL);
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_ptr_array_add (obs, make_obs (inst, "a", "Observer A", LB_PURPOSE_SUMMATIEF, A));
  assert_refused (obs, inst, LB_COMPARE_DEFAULT, LB_ERROR_USAGE);

  /* A coach's formative observation only when the starter shared it. */
  g_ptr_array_add (obs, make_obs (inst, "f", "Coach", LB_PURPOSE_FORMATIEF, B));
  assert_refused (obs, inst, LB_COMPARE_DEFAULT, LB_ERROR_FORBIDDEN);
  g_autoptr(LbComparison) shared = lb_comparison_new (obs, inst, LB_COMPARE_INCLUDE_FORMATIEF, NULL);
  g_assert_nonnull (shared);

  LbObservation *second = obs->pdata[1];
  second->purpose = LB_PURPOSE_SUMMATIEF;
  g_free (second->date), second->date = g_strdup ("2026-03-03");
  assert_refused (obs, inst, LB_COMPARE_DEFAULT, LB_ERROR_INVALID);
  g_free (second->date), second->date = g_strdup ("2026-03-02");
  g_free (second->instrument_id), second->instrument_id = g_strdup ("another-instrument");
  assert_refused (obs, inst, LB_COMPARE_DEFAULT, LB_ERROR_INVALID);
  g_ptr_array_index (obs, 1) = lb_observation_ref (obs->pdata[0]);
  lb_observation_unref (second);
  assert_refused (obs, inst, LB_COMPARE_DEFAULT, LB_ERROR_USAGE);
}

/* Units are items per cycle, sessions in order, each its own unit. */
static void
test_compare_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_instrument ("cycles.xml");
  g_autoptr(GPtrArray) obs = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_ptr_array_add (obs, make_obs (inst, "a", "Observer A", LB_PURPOSE_SUMMATIEF, "- -"));
  g_ptr_array_add (obs, make_obs (inst, "b", "Observer B", LB_PURPOSE_SUMMATIEF, "- -"));
  add_score (obs->pdata[0], 2, "steun.sfeer.warmte", "5");
  add_score (obs->pdata[1], 2, "steun.sfeer.warmte", "7");
  add_score (obs->pdata[0], 1, "steun.sfeer.gevoelig", "3");
  add_score (obs->pdata[1], 1, "steun.sfeer.gevoelig", "3");
  g_autoptr(LbComparison) c = lb_comparison_new (obs, inst, LB_COMPARE_DEFAULT, NULL);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->rows->len, ==, 4);
  LbComparisonRow *first = c->rows->pdata[0], *third = c->rows->pdata[2];
  g_assert_cmpuint (first->session, ==, 1);
  g_assert_cmpstr (lb_node_get_id (first->item), ==, "steun.sfeer.warmte");
  g_assert_cmpint (first->spread, ==, -1);
  g_assert_cmpuint (third->session, ==, 2);
  g_assert_cmpint (third->spread, ==, 2);
  LbAgreementStats *st = c->stats->pdata[0];
  g_assert_cmpuint (lb_scale_get_n_levels (st->scale), ==, 7);
  g_assert_cmpuint (st->n_units, ==, 2);
  g_assert_cmpfloat_with_epsilon (st->exact, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (st->within_one, 0.5, 1e-12);
}

/* ---- calibration ---- */

static void
test_calibration (void)
{
  g_autoptr(LbInstrument) inst = load_instrument (NULL);   /* within 1 on at least 80% */
  g_autoptr(LbObservation) ref = make_obs (inst, "ref", "Reference", LB_PURPOSE_SUMMATIEF,
    "1 2 3 4 1 2 3 4 1 2 n - - - - - - - - - - - - -");
  /* 8 of 10 within one point: exactly the standard. Off: 1 → 3 and a
   * score the assessor could not give. */
  g_autoptr(LbObservation) eight = make_obs (inst, "eight", "Assessor", LB_PURPOSE_SUMMATIEF,
    "2 2 3 3 3 2 3 4 2 n 4 4 - - - - - - - - - - - -");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbCalibration) cal = lb_calibration_new (eight, ref, inst, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cal->within, ==, 1);
  g_assert_cmpfloat_with_epsilon (cal->required_share, 0.8, 1e-12);
  g_assert_true (isnan (cal->required_snapshots));
  g_assert_cmpuint (cal->n_items, ==, 10);
  g_assert_cmpuint (cal->n_within, ==, 8);
  g_assert_true (cal->meets);
  g_assert_cmpuint (cal->off->len, ==, 2);
  LbCalibrationRow *off0 = cal->off->pdata[0], *off1 = cal->off->pdata[1];
  g_assert_cmpstr (lb_node_get_id (off0->item), ==, "ph.organisatie.1");
  g_assert_cmpint (off0->reference, ==, 0);
  g_assert_cmpint (off0->assessor, ==, 2);
  g_assert_cmpstr (lb_node_get_id (off1->item), ==, "ph.activeren.2");
  g_assert_cmpint (off1->assessor, ==, LB_AGREEMENT_NOT_OBSERVED);

  g_autoptr(LbObservation) seven = make_obs (inst, "seven", "Assessor", LB_PURPOSE_SUMMATIEF,
    "2 2 3 1 3 2 3 4 2 n - - - - - - - - - - - - - -");
  g_autoptr(LbCalibration) not_met = lb_calibration_new (seven, ref, inst, NULL);
  g_assert_cmpuint (not_met->n_within, ==, 7);
  g_assert_false (not_met->meets);
}

static LbObservation *
segment_obs (LbInstrument *inst, const char *uuid, const char * const *levels, const char * const *codes)
{
  LbObservation *o = make_obs (inst, uuid, uuid, LB_PURPOSE_SUMMATIEF, "-");
  const char *ids[] = { "moment.begin", "moment.eind" };
  for (guint s = 1; s <= 3; s++)
    {
      add_score (o, s, "leren.denken", levels[s - 1]);
      for (guint k = 0; k < 2; k++)
        {
          LbSnapshotAnswer *a = g_new0 (LbSnapshotAnswer, 1);
          a->session = s;
          a->snapshot_id = g_strdup (ids[k]);
          a->code = g_strdup (codes[(s - 1) * 2 + k]);
          g_ptr_array_add (o->snapshots, a);
        }
    }
  return o;
}

/* snapshots.xml: exact scores (within 0) on 70% of the items, and 80% of
 * the snapshot answers exactly as the reference. */
static void
test_calibration_snapshots (void)
{
  g_autoptr(LbInstrument) inst = load_instrument ("snapshots.xml");
  const char *levels[] = { "3", "4", "2" };
  const char *ref_codes[] = { "laag", "middel", "hoog", "hoog", "middel", "laag" };
  const char *four[] = { "laag", "middel", "hoog", "middel", "laag", "laag" };   /* 4 of 6 */
  const char *five[] = { "laag", "middel", "hoog", "hoog", "laag", "laag" };     /* 5 of 6 */
  g_autoptr(LbObservation) ref = segment_obs (inst, "ref", levels, ref_codes);
  g_autoptr(LbObservation) a4 = segment_obs (inst, "a4", levels, four);
  g_autoptr(LbObservation) a5 = segment_obs (inst, "a5", levels, five);
  g_autoptr(LbCalibration) c4 = lb_calibration_new (a4, ref, inst, NULL);
  g_autoptr(LbCalibration) c5 = lb_calibration_new (a5, ref, inst, NULL);
  g_assert_cmpuint (c4->n_items, ==, 3);
  g_assert_cmpuint (c4->n_within, ==, 3);
  g_assert_cmpfloat_with_epsilon (c4->required_snapshots, 0.8, 1e-12);
  g_assert_cmpuint (c4->n_snapshots, ==, 6);
  g_assert_cmpuint (c4->n_snapshots_exact, ==, 4);
  g_assert_false (c4->meets);
  g_assert_cmpuint (c5->n_snapshots_exact, ==, 5);
  g_assert_true (c5->meets);
}

static void
test_calibration_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) cycles = load_instrument ("cycles.xml");
  g_autoptr(LbObservation) a = make_obs (cycles, "a", "A", LB_PURPOSE_SUMMATIEF, "1 2");
  g_autoptr(LbObservation) b = make_obs (cycles, "b", "B", LB_PURPOSE_SUMMATIEF, "1 2");
  g_autoptr(LbCalibration) none = lb_calibration_new (a, b, cycles, &error);
  g_assert_null (none);
  g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
  g_clear_error (&error);
  g_autoptr(LbInstrument) inst = load_instrument (NULL);
  g_autoptr(LbObservation) ref = make_obs (inst, "ref", "R", LB_PURPOSE_SUMMATIEF,
    "1 2 3 4 1 2 3 4 1 2 n - - - - - - - - - - - - -");
  g_autoptr(LbCalibration) self = lb_calibration_new (ref, ref, inst, &error);
  g_assert_null (self);
  g_assert_error (error, LB_ERROR, LB_ERROR_USAGE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/agreement/kappa/wikipedia", test_kappa_wikipedia);
  g_test_add_func ("/agreement/kappa/sas", test_kappa_sas);
  g_test_add_func ("/agreement/kappa/irr-anxiety", test_kappa_irr);
  g_test_add_func ("/agreement/kappa/undefined", test_kappa_undefined);
  g_test_add_func ("/agreement/alpha/krippendorff-2011", test_alpha_krippendorff);
  g_test_add_func ("/agreement/alpha/wikipedia", test_alpha_wikipedia);
  g_test_add_func ("/agreement/alpha/undefined", test_alpha_undefined);
  g_test_add_func ("/agreement/compare/two", test_compare_two);
  g_test_add_func ("/agreement/compare/three", test_compare_three);
  g_test_add_func ("/agreement/compare/refused", test_compare_refused);
  g_test_add_func ("/agreement/compare/cycles", test_compare_cycles);
  g_test_add_func ("/agreement/calibration", test_calibration);
  g_test_add_func ("/agreement/calibration/snapshots", test_calibration_snapshots);
  g_test_add_func ("/agreement/calibration/refused", test_calibration_refused);
  return g_test_run ();
}
