/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rasch"

/* The Rasch person estimate (Warm's WLE) and the zone of next development
 * (app/lb-rasch.c), checked against values computed independently of it:
 *
 * - by hand, where the WLE has a closed form. With n indicators of equal
 *   difficulty b and r ticked, P is the same for all, so
 *       Σ(x − P) + J/(2I) = r − nP + nP(1−P)(1−2P) / (2nP(1−P))
 *                         = r − nP + (1 − 2P)/2 = 0
 *   gives P = (r + ½)/(n + 1), θ = b + ln((r + ½)/(n − r + ½)), and the
 *   standard error 1/√(nP(1−P)). One indicator (n = 1) ticked: P = ¾,
 *   θ = b + ln 3, SE = 1/√(3/16) = 4/√3.
 * - by a derivative-free Python maximisation of the weighted likelihood
 *   L(θ)·√I(θ) (no estimating equation, no Newton–Raphson), for patterns
 *   with unequal difficulties, all-ticked and none-ticked included:
 *
 *   import math
 *   def P(t, b): return 1 / (1 + math.exp(b - t))
 *   def wl(t, bs, xs):
 *       s = 0.0
 *       for b, x in zip(bs, xs):
 *           p = P(t, b)
 *           s += math.log(p) if x else math.log(1 - p)
 *       return s + 0.5 * math.log(sum(P(t, b) * (1 - P(t, b)) for b in bs))
 *   def wle(bs, xs):
 *       grid = [-15 + i * 0.01 for i in range(3001)]
 *       g = max(grid, key=lambda t: wl(t, bs, xs))
 *       lo, hi = g - 0.02, g + 0.02
 *       r = (math.sqrt(5) - 1) / 2
 *       for _ in range(200):
 *           a, c = hi - r * (hi - lo), lo + r * (hi - lo)
 *           if wl(a, bs, xs) > wl(c, bs, xs): hi = c
 *           else: lo = a
 *       t = (lo + hi) / 2
 *       return t, 1 / math.sqrt(sum(P(t, b) * (1 - P(t, b)) for b in bs))
 *
 *   The responses of /zone/selection were built in Python from
 *   instrument/lesbezoek-basis.xml exactly as that test builds them (each
 *   dichotomous indicator with a difficulty; newest lesson: ticked when
 *   b ≤ 0.0, item ov.afstemming.2 not observed; older lesson: ticked when
 *   b ≤ −0.5) and passed to wle(). */

#include "lb-error.h"
#include "lb-rasch.h"

#include <math.h>
#include <string.h>

#define STARTER_UUID "11111111-2222-3333-4444-555555555555"

/* ---- the estimate ---- */

static void
assert_wle (const double *b, const guint8 *x, guint n, double theta, double se, double tolerance)
{
  g_autoptr(GError) error = NULL;
  LbRaschEstimate e;
  g_assert_true (lb_rasch_wle (b, x, n, &e, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (e.theta, theta, tolerance);
  g_assert_cmpfloat_with_epsilon (e.se, se, tolerance);
  g_assert_cmpuint (e.n_responses, ==, n);
  g_assert_cmpuint (e.iterations, <, 200);
}

static void
test_probability (void)
{
  g_assert_cmpfloat_with_epsilon (lb_rasch_probability (0.7, 0.7), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (lb_rasch_probability (1, 0), M_E / (1 + M_E), 1e-15);
  g_assert_cmpfloat_with_epsilon (lb_rasch_probability (-2, 1), 1 / (1 + exp (3)), 1e-15);
}

static void
test_single (void)
{
  const double b[] = { 0.5 };
  const guint8 ticked[] = { 1 }, not_ticked[] = { 0 };
  /* By hand (see the top): b ± ln 3, SE 4/√3. */
  assert_wle (b, ticked, 1, 0.5 + log (3), 4 / sqrt (3), 1e-9);
  assert_wle (b, not_ticked, 1, 0.5 - log (3), 4 / sqrt (3), 1e-9);
}

/* n = 10 indicators of difficulty −0.3, every raw score 0 … 10: all
 * ticked and none ticked give finite values (±(b + ln 21)). */
static void
test_equal_difficulties (void)
{
  double b[10];
  for (guint i = 0; i < 10; i++)
    b[i] = -0.3;
  for (guint r = 0; r <= 10; r++)
    {
      guint8 x[10] = { 0 };
      for (guint i = 0; i < r; i++)
        x[(i * 7) % 10] = 1;   /* which ones does not matter */
      double p = (r + 0.5) / 11;
      assert_wle (b, x, 10, -0.3 + log ((r + 0.5) / (10 - r + 0.5)), 1 / sqrt (10 * p * (1 - p)), 1e-9);
    }
}

static const double basis[] = { -2.5, -2.2, -1.9, -1.5, -2.3, -2.0, -1.7, -1.3, -0.4, 0.2, 0.8, 1.5, 2.1, 2.9 };

/* Values from the Python script at the top (6 decimals). */
static void
test_python (void)
{
  static const struct {
    guint8 x[14];
    double theta, se;
  } cases[] = {
    { { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 4.403842, 1.704325 },    /* all ticked */
    { { 0 }, -4.880800, 1.544332 },                                          /* none ticked */
    { { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, 0.141809, 0.734346 },    /* 9, easiest first */
    { { 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1 }, -0.828641, 0.673050 },   /* 7, mixed */
    { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, -3.651273, 0.944745 },   /* only the hardest */
    { { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, 2.956300, 1.079471 },    /* all but the hardest */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_wle (basis, cases[i].x, 14, cases[i].theta, cases[i].se, 2e-6);

  /* Two lessons stacked: 9 and then 11 of the 14 ticked. */
  double b[28];
  guint8 x[28];
  for (guint i = 0; i < 28; i++)
    b[i] = basis[i % 14], x[i] = i < 14 ? i < 9 : i - 14 < 11;
  assert_wle (b, x, 28, 0.740803, 0.550936, 2e-6);
}

/* In the Rasch model the raw score is sufficient: patterns with the same
 * number ticked give the same estimate. */
static void
test_sufficiency (void)
{
  const guint8 easy[] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  const guint8 hard[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
  LbRaschEstimate a, b;
  g_assert_true (lb_rasch_wle (basis, easy, 14, &a, NULL));
  g_assert_true (lb_rasch_wle (basis, hard, 14, &b, NULL));
  g_assert_cmpfloat_with_epsilon (a.theta, b.theta, 1e-9);
  g_assert_cmpuint (a.n_ticked, ==, 5);
}

/* Far-apart difficulties and a lone extreme indicator: still finite, and
 * a maximum of the weighted log-likelihood, checked numerically. */
static double
weighted_loglik (const double *b, const guint8 *x, guint n, double t)
{
  double l = 0, info = 0;
  for (guint i = 0; i < n; i++)
    {
      double p = 1 / (1 + exp (b[i] - t));
      l += x[i] ? log (p) : log (1 - p);
      info += p * (1 - p);
    }
  return l + 0.5 * log (info);
}

static void
test_extreme (void)
{
  const double b[] = { -8, -6, -1, 0, 7.5, 9.9 };
  const guint8 x[] = { 1, 1, 0, 1, 0, 1 };
  const double lone[] = { 9.5 };
  const guint8 none[] = { 0 };
  LbRaschEstimate e;
  g_assert_true (lb_rasch_wle (b, x, 6, &e, NULL));
  g_assert_true (isfinite (e.theta) && isfinite (e.se));
  g_assert_cmpfloat (weighted_loglik (b, x, 6, e.theta), >=, weighted_loglik (b, x, 6, e.theta + 1e-4));
  g_assert_cmpfloat (weighted_loglik (b, x, 6, e.theta), >=, weighted_loglik (b, x, 6, e.theta - 1e-4));
  assert_wle (lone, none, 1, 9.5 - log (3), 4 / sqrt (3), 1e-9);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  LbRaschEstimate e;
  g_assert_false (lb_rasch_wle (NULL, NULL, 0, &e, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

/* ---- the zone ---- */

static LbInstrument *
load_test_instrument (const char *name)
{
  g_autoptr(GError) error = NULL;
  if (name == NULL)
    {
      LbInstrument *inst = lb_instrument_load_default (&error);
      g_assert_no_error (error);
      return inst;
    }
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instruments", "good", name, NULL);
  LbInstrument *inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  return inst;
}

/* An observation of the one test starter: every dichotomous indicator
 * with a difficulty up to @cutoff ticked (in @session), and @not_observed
 * scored "not observed" when given. */
static LbObservation *
make_obs (LbInstrument *inst, const char *uuid, const char *date, LbPurpose purpose, LbStatus status,
          double cutoff, guint session, const char *not_observed)
{
  LbObservation *o = lb_observation_new ();
  o->uuid = g_strdup (uuid);
  o->instrument_id = g_strdup (lb_instrument_get_id (inst));
  o->instrument_version = g_strdup (lb_instrument_get_version (inst));
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (inst));
  o->starter = lb_person_new ();
  o->starter->uuid = g_strdup (STARTER_UUID);
  o->starter->name = g_strdup ("Test Starter");
  o->observer = lb_person_new ();
  o->observer->uuid = g_strdup ("observer");
  o->observer->name = g_strdup ("Test Observer");
  o->purpose = purpose;
  o->status = status;
  o->date = g_strdup (date);
  o->created_at = g_strdup ("2025-01-01T00:00:00.000Z");
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    for (guint k = 0; k < lb_node_get_n_children (items->pdata[i]); k++)
      {
        LbNode *ind = lb_node_get_child (items->pdata[i], k);
        if (!lb_node_has_difficulty (ind) || lb_node_get_scale (ind) || lb_node_get_difficulty (ind) > cutoff)
          continue;
        LbMark *m = g_new0 (LbMark, 1);
        m->session = session;
        m->indicator_id = g_strdup (lb_node_get_id (ind));
        m->code = g_strdup ("yes");
        g_ptr_array_add (o->marks, m);
      }
  if (not_observed)
    {
      LbScore *s = g_new0 (LbScore, 1);
      s->item_id = g_strdup (not_observed);
      s->not_observed = TRUE;
      g_ptr_array_add (o->scores, s);
    }
  return o;
}

static GHashTable *
instruments_of (LbInstrument *inst)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_insert (t, g_strdup (lb_instrument_get_sha256 (inst)), g_object_ref (inst));
  return t;
}

static void
test_zone_selection (void)
{
  g_autoptr(LbInstrument) inst = load_test_instrument (NULL);
  g_autoptr(GHashTable) instruments = instruments_of (inst);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  /* Only "new" and "old" count: the rest is too old, a self-assessment,
   * a draft, or has no tick at all. */
  g_ptr_array_add (all, make_obs (inst, "ancient", "2024-03-31", LB_PURPOSE_SUMMATIEF, LB_STATUS_FINAL, 2, 0, NULL));
  g_ptr_array_add (all, make_obs (inst, "new", "2025-04-01", LB_PURPOSE_KLASSENBEZOEK, LB_STATUS_FINAL, 0.0, 0,
                                  "ov.afstemming.2"));
  g_ptr_array_add (all, make_obs (inst, "self", "2025-05-01", LB_PURPOSE_ZELFBEOORDELING, LB_STATUS_FINAL, 3, 0, NULL));
  g_ptr_array_add (all, make_obs (inst, "draft", "2025-06-01", LB_PURPOSE_FORMATIEF, LB_STATUS_DRAFT, 3, 0, NULL));
  g_ptr_array_add (all, make_obs (inst, "unticked", "2025-06-10", LB_PURPOSE_FORMATIEF, LB_STATUS_FINAL, -99, 0,
                                  NULL));
  g_ptr_array_add (all, make_obs (inst, "old", "2025-03-01", LB_PURPOSE_FORMATIEF, LB_STATUS_FINAL, -0.5, 0, NULL));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbZone) z = lb_zone_compute (all, instruments, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (z->observations->len, ==, 2);
  g_assert_cmpstr (((LbObservation *) z->observations->pdata[0])->uuid, ==, "new");
  g_assert_cmpstr (((LbObservation *) z->observations->pdata[1])->uuid, ==, "old");
  /* From zone_ref (see the top): 98 + 93 responses, 76 ticked. */
  g_assert_cmpuint (z->n_indicators, ==, 98);
  g_assert_cmpuint (z->estimate.n_responses, ==, 191);
  g_assert_cmpuint (z->estimate.n_ticked, ==, 76);
  g_assert_cmpfloat_with_epsilon (z->estimate.theta, -0.477648, 2e-6);
  g_assert_cmpfloat_with_epsilon (z->estimate.se, 0.176452, 2e-6);
  /* θ < b ≤ θ + 1 and not ticked in "new": the 12 the script lists. */
  static const char * const expected[] = {
    "ph.activeren.4.b", "ov.begrip.2.b", "ph.activeren.1.c", "ph.activeren.3.b", "ov.begrip.1.c",
    "ov.begrip.3.b", "ov.begrip.4.b", "ph.activeren.2.c", "ov.begrip.2.c", "ph.activeren.1.d",
    "ph.activeren.3.c", "ph.activeren.4.c",
  };
  g_assert_cmpuint (z->entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < z->entries->len; i++)
    {
      LbZoneEntry *e = z->entries->pdata[i];
      g_assert_cmpstr (lb_node_get_id (e->indicator), ==, expected[i]);
      g_assert_cmpfloat_with_epsilon (e->probability, 1 / (1 + exp (e->difficulty - z->estimate.theta)), 1e-12);
      g_assert_cmpuint (e->n_observed, ==, 2);
      g_assert_cmpuint (e->n_ticked, ==, 0);
    }
  g_assert_cmpuint (z->n_below_unseen, ==, 0);
  g_assert_nonnull (strstr (z->explanation, "Warm"));
  g_assert_nonnull (strstr (z->explanation, "2025-03-01 – 2025-04-01"));
}

/* Asked for, the starter's own ticks count too; and the window is the
 * newest N. */
static void
test_zone_options (void)
{
  g_autoptr(LbInstrument) inst = load_test_instrument (NULL);
  g_autoptr(GHashTable) instruments = instruments_of (inst);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_ptr_array_add (all, make_obs (inst, "a", "2025-01-10", LB_PURPOSE_FORMATIEF, LB_STATUS_FINAL, -1, 0, NULL));
  g_ptr_array_add (all, make_obs (inst, "b", "2025-02-10", LB_PURPOSE_FORMATIEF, LB_STATUS_FINAL, -1, 0, NULL));
  g_ptr_array_add (all, make_obs (inst, "self", "2025-03-10", LB_PURPOSE_ZELFBEOORDELING, LB_STATUS_FINAL, 1, 0, NULL));
  LbZoneOptions options = LB_ZONE_OPTIONS_INIT;
  options.include_self_assessment = TRUE;
  options.max_observations = 2;
  g_autoptr(LbZone) z = lb_zone_compute (all, instruments, &options, NULL);
  g_assert_nonnull (z);
  g_assert_cmpuint (z->observations->len, ==, 2);
  g_assert_cmpstr (((LbObservation *) z->observations->pdata[0])->uuid, ==, "self");
  g_assert_cmpstr (((LbObservation *) z->observations->pdata[1])->uuid, ==, "b");
}

/* Ticks in any cycle count once per observation; indicators without a
 * difficulty are left out. θ from the Python script: 1.031856. */
static void
test_zone_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_test_instrument ("cycles.xml");
  g_autoptr(GHashTable) instruments = instruments_of (inst);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  LbObservation *o = make_obs (inst, "c", "2025-01-10", LB_PURPOSE_SUMMATIEF, LB_STATUS_FINAL, 0.0, 2, NULL);
  LbMark *m = g_new0 (LbMark, 1);
  m->session = 3;
  m->indicator_id = g_strdup ("steun.sfeer.warmte.nabijheid");
  m->code = g_strdup ("yes");
  g_ptr_array_add (o->marks, m);
  g_ptr_array_add (all, o);
  g_autoptr(LbZone) z = lb_zone_compute (all, instruments, NULL, NULL);
  g_assert_nonnull (z);
  g_assert_cmpuint (z->estimate.n_responses, ==, 3);
  g_assert_cmpuint (z->estimate.n_ticked, ==, 2);
  g_assert_cmpfloat_with_epsilon (z->estimate.theta, 1.031856, 2e-6);
  g_assert_cmpfloat_with_epsilon (z->estimate.se, 1.263589, 2e-6);
  g_assert_cmpuint (z->entries->len, ==, 1);   /* 1.25 lies in (1.03, 2.03] */
  g_assert_cmpstr (lb_node_get_id (((LbZoneEntry *) z->entries->pdata[0])->indicator), ==,
                   "steun.sfeer.warmte.taal");
}

static void
test_zone_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);

  /* No difficulties at all; only coded indicators with one. */
  const char *names[] = { "framework.xml", "snapshots.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LbInstrument) inst = load_test_instrument (names[i]);
      g_autoptr(GHashTable) instruments = instruments_of (inst);
      g_ptr_array_set_size (all, 0);
      LbObservation *o = make_obs (inst, "x", "2025-01-10", LB_PURPOSE_SUMMATIEF, LB_STATUS_FINAL, 0, 0, NULL);
      LbMark *m = g_new0 (LbMark, 1);
      m->indicator_id = g_strdup ("whatever");
      m->code = g_strdup ("yes");
      g_ptr_array_add (o->marks, m);
      g_ptr_array_add (all, o);
      g_autoptr(LbZone) z = lb_zone_compute (all, instruments, NULL, &error);
      g_assert_null (z);
      g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Nothing that counts. */
  g_autoptr(LbInstrument) inst = load_test_instrument (NULL);
  g_autoptr(GHashTable) instruments = instruments_of (inst);
  g_ptr_array_set_size (all, 0);
  g_ptr_array_add (all, make_obs (inst, "d", "2025-01-10", LB_PURPOSE_FORMATIEF, LB_STATUS_DRAFT, 1, 0, NULL));
  g_autoptr(LbZone) z = lb_zone_compute (all, instruments, NULL, &error);
  g_assert_null (z);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/rasch/probability", test_probability);
  g_test_add_func ("/rasch/wle/single", test_single);
  g_test_add_func ("/rasch/wle/equal-difficulties", test_equal_difficulties);
  g_test_add_func ("/rasch/wle/python", test_python);
  g_test_add_func ("/rasch/wle/sufficiency", test_sufficiency);
  g_test_add_func ("/rasch/wle/extreme", test_extreme);
  g_test_add_func ("/rasch/wle/empty", test_empty);
  g_test_add_func ("/zone/selection", test_zone_selection);
  g_test_add_func ("/zone/options", test_zone_options);
  g_test_add_func ("/zone/cycles", test_zone_cycles);
  g_test_add_func ("/zone/refused", test_zone_refused);
  return g_test_run ();
}
