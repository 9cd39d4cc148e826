/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-agreement"

/* Observer agreement and calibration.
 *
 * Data. A unit is one item in one session (cycle) of the lesson; each
 * observer gives it a level of the item's scale, counted by its index
 * c = 0 … k − 1 among all k levels the scale declares, or nothing (not
 * scored, or "not observed": both are missing). Units are pooled per
 * scale: levels of different scales are not comparable.
 *
 * Percent agreement. Over every unit scored by at least two observers and
 * every pair of those observers: the share of pairs with the same level
 * (exact), and with levels at most one apart (within one point). With two
 * observers that is simply the share of units.
 *
 * Cohen's kappa (two observers; Cohen 1960). With n_ij the number of
 * units observer A scored i and observer B scored j, n = Σ n_ij, and the
 * margins n_i· and n_·j:
 *     p_o = Σ_i n_ii / n,   p_e = Σ_i n_i· n_·i / n²,
 *     κ = (p_o − p_e) / (1 − p_e).
 * Weighted kappa (Cohen 1968) with disagreement weights d_ij = |i − j|
 * (linear) or (i − j)² (quadratic; Fleiss & Cohen 1973):
 *     κ_w = 1 − (Σ d_ij n_ij / n) / (Σ d_ij n_i· n_·j / n²).
 * The tables are k × k over all levels, so a level nobody used still
 * counts in the distances i − j.
 *
 * Krippendorff's alpha (two or more observers, missing data allowed;
 * Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). For
 * each unit u with m_u ≥ 2 values, every ordered pair of values (c, k) of
 * different observers adds 1/(m_u − 1) to the coincidence o_ck; then
 * n_c = Σ_k o_ck (the pairable values c) and n = Σ_c n_c, and
 *     α = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 * with the difference functions
 *     nominal  δ²_ck = 0 if c = k, else 1
 *     ordinal  δ²_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)²
 *     interval δ²_ck = (c − k)².
 *
 * Calibration. Against the reference scoring, each unit the reference
 * scored is within the standard when the assessor's level is at most
 * `within` levels away; the assessor meets the standard when at least
 * `share` of those units are (lb_instrument_get_calibration), and, when
 * the instrument asks for it, the given share of the reference's snapshot
 * answers is matched exactly. */

#include "config.h"
#include "lb-agreement.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- kappa ---- */

static void
margins (const guint *table, guint k, double *rows, double *cols, double *n)
{
  *n = 0;
  for (guint i = 0; i < k; i++)
    rows[i] = cols[i] = 0;
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      {
        rows[i] += table[i * k + j];
        cols[j] += table[i * k + j];
        *n += table[i * k + j];
      }
}

double
lb_agreement_kappa (const guint *table, guint k)
{
  g_return_val_if_fail (table != NULL && k > 0, NAN);
  g_autofree double *rows = g_new (double, k), *cols = g_new (double, k);
  double n, po = 0, pe = 0;
  margins (table, k, rows, cols, &n);
  if (n == 0)
    return NAN;
  for (guint i = 0; i < k; i++)
    {
      po += table[i * k + i] / n;
      pe += rows[i] * cols[i] / (n * n);
    }
  return pe >= 1 ? NAN : (po - pe) / (1 - pe);
}

double
lb_agreement_weighted_kappa (const guint *table, guint k, LbKappaWeights weights)
{
  g_return_val_if_fail (table != NULL && k > 0, NAN);
  g_autofree double *rows = g_new (double, k), *cols = g_new (double, k);
  double n, observed = 0, expected = 0;
  margins (table, k, rows, cols, &n);
  if (n == 0)
    return NAN;
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      {
        double d = abs ((int) i - (int) j);
        if (weights == LB_KAPPA_QUADRATIC)
          d *= d;
        observed += d * table[i * k + j] / n;
        expected += d * rows[i] * cols[j] / (n * n);
      }
  return expected == 0 ? NAN : 1 - observed / expected;
}

/* ---- Krippendorff's alpha ---- */

static double
delta2 (LbAlphaMetric metric, const double *nc, guint c, guint k)
{
  switch (metric)
    {
    case LB_ALPHA_NOMINAL:
      return c == k ? 0 : 1;
    case LB_ALPHA_INTERVAL:
      return ((double) c - k) * ((double) c - k);
    case LB_ALPHA_ORDINAL:
      {
        guint lo = MIN (c, k), hi = MAX (c, k);
        double sum = 0;
        for (guint g = lo; g <= hi; g++)
          sum += nc[g];
        sum -= (nc[c] + nc[k]) / 2;
        return sum * sum;
      }
    default:
      g_return_val_if_reached (NAN);
    }
}

/* o_ck: the coincidence matrix of the units with at least two values. */
static void
coincidences (const int *ratings, guint n_obs, guint n_units, guint k, double *o)
{
  for (guint u = 0; u < n_units; u++)
    {
      guint m = 0;
      for (guint a = 0; a < n_obs; a++)
        m += ratings[a * n_units + u] >= 0 && ratings[a * n_units + u] < (int) k;
      if (m < 2)
        continue;
      for (guint a = 0; a < n_obs; a++)
        for (guint b = 0; b < n_obs; b++)
          {
            int c = ratings[a * n_units + u], d = ratings[b * n_units + u];
            if (a != b && c >= 0 && d >= 0 && c < (int) k && d < (int) k)
              o[c * k + d] += 1.0 / (m - 1);
          }
    }
}

double
lb_agreement_alpha (const int *ratings, guint n_obs, guint n_units, guint k, LbAlphaMetric metric)
{
  g_return_val_if_fail (ratings != NULL && k > 0, NAN);
  g_autofree double *o = g_new0 (double, k * k), *nc = g_new0 (double, k);
  coincidences (ratings, n_obs, n_units, k, o);
  double n = 0, observed = 0, expected = 0;
  for (guint c = 0; c < k; c++)
    for (guint d = 0; d < k; d++)
      nc[c] += o[c * k + d], n += o[c * k + d];
  for (guint c = 0; c < k; c++)
    for (guint d = 0; d < k; d++)
      {
        double delta = delta2 (metric, nc, c, d);
        observed += o[c * k + d] * delta;
        expected += nc[c] * nc[d] * delta;
      }
  if (n == 0 || expected == 0)
    return NAN;
  return 1 - (n - 1) * observed / expected;
}

/* ---- scores as level indices ---- */

static int
level_of (LbObservation *o, guint session, LbNode *item)
{
  const LbScore *s = lb_observation_find_score (o, session, lb_node_get_id (item));
  if (s == NULL)
    return LB_AGREEMENT_MISSING;
  if (s->not_observed)
    return LB_AGREEMENT_NOT_OBSERVED;
  int level = lb_scale_find_level (lb_node_get_scale (item), s->level_id);
  return level >= 0 ? level : LB_AGREEMENT_MISSING;
}

static int
cmp_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* The sessions any of @observations scored, ascending. */
static GArray *
sessions_of (GPtrArray *observations)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *sessions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < observations->len; i++)
    {
      LbObservation *o = observations->pdata[i];
      for (guint k = 0; k < o->scores->len; k++)
        {
          guint s = ((LbScore *) o->scores->pdata[k])->session;
          if (g_hash_table_add (seen, GUINT_TO_POINTER (s + 1)))
            g_array_append_val (sessions, s);
        }
    }
  g_array_sort (sessions, cmp_guint);
  return sessions;
}

/* ---- comparison ---- */

/* A GCopyFunc for g_ptr_array_copy(). */
static gpointer
copy_observation (gconstpointer observation, gpointer data)
{
  return lb_observation_ref ((LbObservation *) observation);
}

static void
row_free (LbComparisonRow *row)
{
  g_object_unref (row->item);
  g_free (row->levels);
  g_free (row);
}

static LbComparisonRow *
row_new (GPtrArray *observations, guint session, LbNode *item)
{
  LbComparisonRow *row = g_new0 (LbComparisonRow, 1);
  int lo = G_MAXINT, hi = -1;
  guint n = 0;
  row->session = session;
  row->item = g_object_ref (item);
  row->levels = g_new (int, observations->len);
  for (guint i = 0; i < observations->len; i++)
    {
      int level = level_of (observations->pdata[i], session, item);
      row->levels[i] = level;
      if (level >= 0)
        lo = MIN (lo, level), hi = MAX (hi, level), n++;
    }
  row->spread = n >= 2 ? hi - lo : -1;
  return row;
}

/* Percent agreement over the pairs of observers within each unit. */
static void
pairwise (LbAgreementStats *st, GPtrArray *rows, guint n_obs)
{
  guint exact = 0, within = 0;
  for (guint r = 0; r < rows->len; r++)
    {
      LbComparisonRow *row = rows->pdata[r];
      st->n_units += row->spread >= 0;
      for (guint a = 0; a < n_obs; a++)
        for (guint b = a + 1; b < n_obs; b++)
          if (row->levels[a] >= 0 && row->levels[b] >= 0)
            {
              int d = abs (row->levels[a] - row->levels[b]);
              st->n_pairs++;
              exact += d == 0;
              within += d <= 1;
            }
    }
  st->exact = st->n_pairs ? (double) exact / st->n_pairs : NAN;
  st->within_one = st->n_pairs ? (double) within / st->n_pairs : NAN;
}

static LbAgreementStats *
stats_for (LbScale *scale, GPtrArray *rows, guint n_obs)
{
  LbAgreementStats *st = g_new0 (LbAgreementStats, 1);
  guint k = lb_scale_get_n_levels (scale);
  st->scale = g_object_ref (scale);
  st->n_items = rows->len;
  st->kappa = st->kappa_quadratic = NAN;
  pairwise (st, rows, n_obs);
  g_autofree int *ratings = g_new (int, (gsize) n_obs * MAX (rows->len, 1));
  for (guint r = 0; r < rows->len; r++)
    for (guint o = 0; o < n_obs; o++)
      ratings[o * rows->len + r] = ((LbComparisonRow *) rows->pdata[r])->levels[o];
  st->alpha_ordinal = lb_agreement_alpha (ratings, n_obs, rows->len, k, LB_ALPHA_ORDINAL);
  if (n_obs != 2)
    return st;
  g_autofree guint *table = g_new0 (guint, k * k);
  for (guint r = 0; r < rows->len; r++)
    if (ratings[r] >= 0 && ratings[rows->len + r] >= 0)
      table[ratings[r] * k + ratings[rows->len + r]]++;
  st->kappa = lb_agreement_kappa (table, k);
  st->kappa_quadratic = lb_agreement_weighted_kappa (table, k, LB_KAPPA_QUADRATIC);
  return st;
}

static void
stats_free (LbAgreementStats *st)
{
  g_object_unref (st->scale);
  g_free (st);
}

static gboolean
check_comparable (GPtrArray *observations, LbCompareFlags flags, GError **error)
{
  if (observations->len < 2)
    return g_set_error (error, LB_ERROR, LB_ERROR_USAGE, _("Compare at least two observations")), FALSE;
  LbObservation *first = observations->pdata[0];
  for (guint i = 0; i < observations->len; i++)
    {
      LbObservation *o = observations->pdata[i];
      if (o->purpose == LB_PURPOSE_FORMATIEF && !(flags & LB_COMPARE_INCLUDE_FORMATIEF))
        return g_set_error (error, LB_ERROR, LB_ERROR_FORBIDDEN,
                            _("Observation %.8s (%s, %s) is a coach's formative observation. Formative "
                              "observations stay between the coach and the starter; they are only compared "
                              "when the starter has chosen to share them."),
                            o->uuid, o->observer->name, o->date), FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (o->uuid, ((LbObservation *) observations->pdata[j])->uuid))
          return g_set_error (error, LB_ERROR, LB_ERROR_USAGE, _("Observation %.8s is named twice"),
                              o->uuid), FALSE;
      if (g_strcmp0 (o->instrument_id, first->instrument_id) != 0)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("Observation %.8s was made with instrument %s and observation %.8s with %s; "
                              "only observations made with the same instrument can be compared"),
                            first->uuid, first->instrument_id, o->uuid, o->instrument_id), FALSE;
      if (g_strcmp0 (o->starter->uuid, first->starter->uuid) != 0 || g_strcmp0 (o->date, first->date) != 0)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("Observations %.8s (%s, %s) and %.8s (%s, %s) are not of the same lesson"),
                            first->uuid, first->starter->name, first->date,
                            o->uuid, o->starter->name, o->date), FALSE;
    }
  return TRUE;
}

/* The statistics of @rows (of one session, or all), one per scale, in
 * the order the scales first appear among all rows of @c: the categories
 * are always every level of the scale, whatever the rows contain. */
static void
stats_per_scale (LbComparison *c, GPtrArray *rows, guint session, GPtrArray *out)
{
  g_autoptr(GPtrArray) scales = g_ptr_array_new ();
  for (guint r = 0; r < c->rows->len; r++)
    {
      LbScale *scale = lb_node_get_scale (((LbComparisonRow *) c->rows->pdata[r])->item);
      if (!g_ptr_array_find (scales, scale, NULL))
        g_ptr_array_add (scales, scale);
    }
  for (guint s = 0; s < scales->len; s++)
    {
      g_autoptr(GPtrArray) subset = g_ptr_array_new ();
      for (guint r = 0; r < rows->len; r++)
        if (lb_node_get_scale (((LbComparisonRow *) rows->pdata[r])->item) == scales->pdata[s])
          g_ptr_array_add (subset, rows->pdata[r]);
      if (subset->len == 0)
        continue;
      LbAgreementStats *st = stats_for (scales->pdata[s], subset, c->observations->len);
      st->session = session;
      g_ptr_array_add (out, st);
    }
}

static void
fill_stats (LbComparison *c, GArray *sessions)
{
  stats_per_scale (c, c->rows, 0, c->stats);
  guint count = 0;
  if (lb_instrument_get_sessions (c->instrument, &count, NULL, NULL, NULL) == LB_SESSIONS_NONE)
    return;
  for (guint s = 0; s < sessions->len; s++)
    {
      guint session = g_array_index (sessions, guint, s);
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      for (guint r = 0; r < c->rows->len; r++)
        if (((LbComparisonRow *) c->rows->pdata[r])->session == session)
          g_ptr_array_add (rows, c->rows->pdata[r]);
      stats_per_scale (c, rows, session, c->session_stats);
    }
}

LbComparison *
lb_comparison_new (GPtrArray *observations, LbInstrument *instrument, LbCompareFlags flags, GError **error)
{
  g_return_val_if_fail (observations != NULL && LB_IS_INSTRUMENT (instrument), NULL);
  if (!check_comparable (observations, flags, error))
    return NULL;
  LbComparison *c = g_new0 (LbComparison, 1);
  c->instrument = g_object_ref (instrument);
  c->observations = g_ptr_array_copy (observations, copy_observation, NULL);
  g_ptr_array_set_free_func (c->observations, (GDestroyNotify) lb_observation_unref);
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  c->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_free);
  c->session_stats = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_free);
  g_autoptr(GArray) sessions = sessions_of (observations);
  GPtrArray *items = lb_instrument_get_items (instrument);
  for (guint s = 0; s < sessions->len; s++)
    for (guint i = 0; i < items->len; i++)
      g_ptr_array_add (c->rows, row_new (observations, g_array_index (sessions, guint, s), items->pdata[i]));
  fill_stats (c, sessions);
  return c;
}

/* Each uuid (or unique prefix) loaded once; the instrument of the first. */
static GPtrArray *
load_all (LbStore *store, const char * const *uuids, LbInstrument **instrument, GError **error)
{
  g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  for (guint i = 0; uuids && uuids[i]; i++)
    {
      g_autofree char *uuid = lb_store_resolve_uuid (store, uuids[i], error);
      LbObservation *o = uuid ? lb_store_load (store, uuid, error) : NULL;
      if (o == NULL)
        return NULL;
      g_ptr_array_add (observations, o);
    }
  if (observations->len > 0)
    {
      *instrument = lb_store_get_instrument (store, ((LbObservation *) observations->pdata[0])->instrument_sha256,
                                             error);
      if (*instrument == NULL)
        return NULL;
    }
  return g_steal_pointer (&observations);
}

LbComparison *
lb_comparison_load (LbStore *store, const char * const *uuids, LbCompareFlags flags, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_autoptr(LbInstrument) instrument = NULL;
  g_autoptr(GPtrArray) observations = load_all (store, uuids, &instrument, error);
  if (observations == NULL)
    return NULL;
  if (instrument == NULL)
    return g_set_error (error, LB_ERROR, LB_ERROR_USAGE, _("Compare at least two observations")), NULL;
  return lb_comparison_new (observations, instrument, flags, error);
}

void
lb_comparison_free (LbComparison *c)
{
  if (c == NULL)
    return;
  g_object_unref (c->instrument);
  g_ptr_array_unref (c->observations);
  g_ptr_array_unref (c->rows);
  g_ptr_array_unref (c->stats);
  g_ptr_array_unref (c->session_stats);
  g_free (c);
}

/* ---- calibration ---- */

static void
calibration_row_free (LbCalibrationRow *row)
{
  g_object_unref (row->item);
  g_free (row);
}

static void
compare_items (LbCalibration *cal)
{
  g_autoptr(GPtrArray) just_reference = g_ptr_array_new ();
  g_ptr_array_add (just_reference, cal->reference);
  g_autoptr(GArray) sessions = sessions_of (just_reference);
  GPtrArray *items = lb_instrument_get_items (cal->instrument);
  for (guint s = 0; s < sessions->len; s++)
    for (guint i = 0; i < items->len; i++)
      {
        guint session = g_array_index (sessions, guint, s);
        int reference = level_of (cal->reference, session, items->pdata[i]);
        if (reference < 0)
          continue;
        LbCalibrationRow *row = g_new0 (LbCalibrationRow, 1);
        row->session = session;
        row->item = g_object_ref (items->pdata[i]);
        row->reference = reference;
        row->assessor = level_of (cal->assessor, session, items->pdata[i]);
        row->within = row->assessor >= 0 && (guint) abs (row->assessor - reference) <= cal->within;
        g_ptr_array_add (cal->rows, row);
        cal->n_within += row->within;
        if (!row->within)
          g_ptr_array_add (cal->off, row);
      }
  cal->n_items = cal->rows->len;
  cal->share = cal->n_items ? (double) cal->n_within / cal->n_items : NAN;
}

static void
compare_snapshots (LbCalibration *cal)
{
  GPtrArray *ref = cal->reference->snapshots, *mine = cal->assessor->snapshots;
  for (guint i = 0; i < ref->len; i++)
    {
      LbSnapshotAnswer *a = ref->pdata[i];
      cal->n_snapshots++;
      for (guint j = 0; j < mine->len; j++)
        {
          LbSnapshotAnswer *b = mine->pdata[j];
          if (a->session == b->session && g_strcmp0 (a->snapshot_id, b->snapshot_id) == 0 &&
              g_strcmp0 (a->code, b->code) == 0)
            cal->n_snapshots_exact++;
        }
    }
  cal->snapshot_share = cal->n_snapshots ? (double) cal->n_snapshots_exact / cal->n_snapshots : NAN;
}

/* Whether the standard holds per cycle or segment. Cycles are scored
 * alike and repeatedly, so an assessor calibrates on each of them;
 * segments are parts of one lesson and calibrate pooled. */
static gboolean
calibration_per_session (LbInstrument *instrument)
{
  return lb_instrument_get_sessions (instrument, NULL, NULL, NULL, NULL) == LB_SESSIONS_CYCLES;
}

/* The standard within each session the reference scored. */
static void
calibrate_sessions (LbCalibration *cal)
{
  for (guint r = 0; r < cal->rows->len; r++)
    {
      LbCalibrationRow *row = cal->rows->pdata[r];
      if (row->session == 0)
        continue;
      LbCalibrationSession *cs = NULL;
      for (guint i = 0; i < cal->sessions->len && cs == NULL; i++)
        if (g_array_index (cal->sessions, LbCalibrationSession, i).session == row->session)
          cs = &g_array_index (cal->sessions, LbCalibrationSession, i);
      if (cs == NULL)
        {
          LbCalibrationSession empty = { .session = row->session };
          g_array_append_val (cal->sessions, empty);
          cs = &g_array_index (cal->sessions, LbCalibrationSession, cal->sessions->len - 1);
        }
      cs->n_items++;
      cs->n_within += row->within;
    }
  for (guint i = 0; i < cal->sessions->len; i++)
    {
      LbCalibrationSession *cs = &g_array_index (cal->sessions, LbCalibrationSession, i);
      for (guint k = 0; k < cal->reference->snapshots->len; k++)
        {
          LbSnapshotAnswer *a = cal->reference->snapshots->pdata[k];
          if (a->session != cs->session)
            continue;
          cs->n_snapshots++;
          for (guint j = 0; j < cal->assessor->snapshots->len; j++)
            {
              LbSnapshotAnswer *b = cal->assessor->snapshots->pdata[j];
              cs->n_snapshots_exact += b->session == a->session && g_strcmp0 (a->snapshot_id, b->snapshot_id) == 0 &&
                                       g_strcmp0 (a->code, b->code) == 0;
            }
        }
      cs->share = cs->n_items ? (double) cs->n_within / cs->n_items : NAN;
      cs->snapshot_share = cs->n_snapshots ? (double) cs->n_snapshots_exact / cs->n_snapshots : NAN;
      cs->meets = cs->n_items > 0 && cs->share >= cal->required_share - 1e-9 &&
                  (isnan (cal->required_snapshots) || cs->n_snapshots == 0 ||
                   cs->snapshot_share >= cal->required_snapshots - 1e-9);
    }
}

static gboolean
check_calibration (LbObservation *assessor, LbObservation *reference, LbInstrument *instrument,
                   GError **error)
{
  if (g_strcmp0 (assessor->uuid, reference->uuid) == 0)
    return g_set_error (error, LB_ERROR, LB_ERROR_USAGE,
                        _("An observation cannot be its own reference scoring")), FALSE;
  if (g_strcmp0 (assessor->instrument_id, reference->instrument_id) != 0)
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("The assessor used instrument %s and the reference scoring %s; calibration "
                          "needs the same instrument"), assessor->instrument_id, reference->instrument_id), FALSE;
  if (!lb_instrument_get_calibration (instrument, NULL, NULL, NULL))
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("The instrument %s declares no calibration standard"),
                        lb_instrument_get_id (instrument)), FALSE;
  return TRUE;
}

LbCalibration *
lb_calibration_new (LbObservation *assessor, LbObservation *reference, LbInstrument *instrument,
                    GError **error)
{
  g_return_val_if_fail (assessor && reference && LB_IS_INSTRUMENT (instrument), NULL);
  if (!check_calibration (assessor, reference, instrument, error))
    return NULL;
  LbCalibration *cal = g_new0 (LbCalibration, 1);
  cal->instrument = g_object_ref (instrument);
  cal->assessor = lb_observation_ref (assessor);
  cal->reference = lb_observation_ref (reference);
  cal->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) calibration_row_free);
  cal->off = g_ptr_array_new ();
  double snapshots;
  lb_instrument_get_calibration (instrument, &cal->within, &cal->required_share, &snapshots);
  cal->required_snapshots = snapshots > 0 ? snapshots : NAN;
  cal->sessions = g_array_new (FALSE, TRUE, sizeof (LbCalibrationSession));
  compare_items (cal);
  compare_snapshots (cal);
  calibrate_sessions (cal);
  /* A share computed from counts may miss the standard by a rounding
   * error (0.8 of 10 items is 8/10 exactly, but not in binary). */
  cal->meets = cal->n_items > 0 && cal->share >= cal->required_share - 1e-9 &&
               (isnan (cal->required_snapshots) || cal->n_snapshots == 0 ||
                cal->snapshot_share >= cal->required_snapshots - 1e-9);
  cal->per_session = calibration_per_session (instrument);
  for (guint i = 0; cal->per_session && i < cal->sessions->len; i++)
    cal->meets = cal->meets && g_array_index (cal->sessions, LbCalibrationSession, i).meets;
  return cal;
}

LbCalibration *
lb_calibration_load (LbStore *store, const char *assessor_uuid, const char *reference_uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && assessor_uuid && reference_uuid, NULL);
  const char *uuids[] = { reference_uuid, assessor_uuid, NULL };
  g_autoptr(LbInstrument) instrument = NULL;
  g_autoptr(GPtrArray) observations = load_all (store, uuids, &instrument, error);
  if (observations == NULL)
    return NULL;
  return lb_calibration_new (observations->pdata[1], observations->pdata[0], instrument, error);
}

void
lb_calibration_free (LbCalibration *cal)
{
  if (cal == NULL)
    return;
  g_object_unref (cal->instrument);
  lb_observation_unref (cal->assessor);
  lb_observation_unref (cal->reference);
  g_ptr_array_unref (cal->off);
  g_ptr_array_unref (cal->rows);
  g_array_unref (cal->sessions);
  g_free (cal);
}

/* ---- calibration over several references ---- */

static void
pool_calibrations (LbCalibrationSet *set)
{
  gboolean each_meets = TRUE;
  for (guint i = 0; i < set->calibrations->len; i++)
    {
      LbCalibration *cal = set->calibrations->pdata[i];
      set->n_items += cal->n_items;
      set->n_within += cal->n_within;
      set->n_snapshots += cal->n_snapshots;
      set->n_snapshots_exact += cal->n_snapshots_exact;
      each_meets = each_meets && cal->meets;
    }
  LbCalibration *first = set->calibrations->pdata[0];
  set->share = set->n_items ? (double) set->n_within / set->n_items : NAN;
  set->snapshot_share = set->n_snapshots ? (double) set->n_snapshots_exact / set->n_snapshots : NAN;
  gboolean pooled = set->n_items > 0 && set->share >= first->required_share - 1e-9 &&
                    (isnan (first->required_snapshots) || set->n_snapshots == 0 ||
                     set->snapshot_share >= first->required_snapshots - 1e-9);
  /* Per cycle counts in the pooled verdict too: each reference's own
   * per-cycle verdict is part of it. */
  for (guint i = 0; first->per_session && i < set->calibrations->len; i++)
    for (guint k = 0; k < ((LbCalibration *) set->calibrations->pdata[i])->sessions->len; k++)
      pooled = pooled && g_array_index (((LbCalibration *) set->calibrations->pdata[i])->sessions,
                                        LbCalibrationSession, k).meets;
  set->meets = set->calibrations->len >= set->required && (set->in_each ? each_meets : pooled);
}

LbCalibrationSet *
lb_calibration_set_load (LbStore *store, const char * const *assessor_uuids, const char * const *reference_uuids,
                         GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  guint n = assessor_uuids ? g_strv_length ((char **) assessor_uuids) : 0;
  if (n == 0 || reference_uuids == NULL || g_strv_length ((char **) reference_uuids) != n)
    return g_set_error (error, LB_ERROR, LB_ERROR_USAGE,
                        _("Give one reference scoring for each of the assessor's observations")), NULL;
  g_autoptr(LbCalibrationSet) set = g_new0 (LbCalibrationSet, 1);
  set->calibrations = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_calibration_free);
  for (guint i = 0; i < n; i++)
    {
      LbCalibration *cal = lb_calibration_load (store, assessor_uuids[i], reference_uuids[i], error);
      if (cal == NULL)
        return NULL;
      if (set->instrument && g_strcmp0 (lb_instrument_get_sha256 (set->instrument),
                                        lb_instrument_get_sha256 (cal->instrument)) != 0)
        {
          lb_calibration_free (cal);
          return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                              _("The reference scorings were made with different instruments; a calibration "
                                "uses one")), NULL;
        }
      if (set->instrument == NULL)
        set->instrument = g_object_ref (cal->instrument);
      g_ptr_array_add (set->calibrations, cal);
    }
  set->required = 1;
  set->in_each = TRUE;
  lb_instrument_get_calibration_references (set->instrument, &set->required, &set->in_each);
  set->required = MAX (set->required, 1);
  pool_calibrations (set);
  return g_steal_pointer (&set);
}

void
lb_calibration_set_free (LbCalibrationSet *set)
{
  if (set == NULL)
    return;
  g_clear_object (&set->instrument);
  g_clear_pointer (&set->calibrations, g_ptr_array_unref);
  g_free (set);
}
