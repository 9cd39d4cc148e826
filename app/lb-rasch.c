/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-rasch"

/* The starter's skill on the Rasch scale of indicators, and the zone of
 * next development above it.
 *
 * Which data. The starter's final observations, newest first: at most
 * LbZoneOptions.max_observations of them (3), none more than max_months
 * (12) older than the newest, all made with the instrument of the newest
 * (same id; each observation's own version supplies its difficulties).
 * Self-assessments are left out unless asked for: they say how the
 * starter sees the lesson, not what an observer saw. A coach's formative
 * observations count: the zone is itself formative, for the starter and
 * the coach, and never a verdict. An observation without a single tick is
 * left out, since it means the observer did not use the indicators.
 *
 * Responses. Every indicator with a declared difficulty and no coding
 * scale gives one response per observation: 1 when ticked in any of its
 * sessions (cycles), else 0. An item marked "not observed" (in every
 * session it was scored) gives no responses: its behaviour had no chance
 * to show. Responses of different lessons are treated as independent,
 * the usual assumption when lessons are the unit of observation.
 *
 * Estimate. Warm's weighted likelihood estimate solves
 *     f(θ) = Σ (x_i − P_i) + J / (2 I) = 0,
 *     I = Σ P_i (1 − P_i),   J = Σ P_i (1 − P_i)(1 − 2 P_i),
 * i.e. it maximises L(θ)·√I(θ). Since f(θ) → r + ½ > 0 as θ → −∞ and
 * f(θ) → r − n − ½ < 0 as θ → +∞ (r ticked of n), a root exists for every
 * response pattern, all-ticked and none-ticked included. It is found by
 * Newton–Raphson inside a bracket [lo, hi] with f(lo) > 0 > f(hi); a step
 * that leaves the bracket, or a derivative that is not negative, is
 * replaced by bisection, so the iteration always converges. With equal
 * difficulties b the root has the closed form θ = b + ln((r + ½)/(n − r + ½)),
 * which is the starting point. The standard error is 1/√I(θ̂), the
 * asymptotic one that Warm gives for the WLE.
 *
 * Zone. The indicators of the newest observation's instrument with
 * θ < b ≤ θ + width (1 logit: a chance of ticking between 27% and 50%)
 * that were not ticked in the newest observation in which they could be
 * seen, by difficulty. */

#include "config.h"
#include "lb-rasch.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define WLE_MAX_ITERATIONS 200
#define WLE_TOLERANCE 1e-10

double
lb_rasch_probability (double theta, double difficulty)
{
  return 1.0 / (1.0 + exp (difficulty - theta));
}

typedef struct {
  double f;      /* the estimating function */
  double df;     /* its derivative */
  double info;   /* I(θ), the test information */
} WleTerms;

/* d/dθ P(1−P) = P(1−P)(1−2P) and d/dθ P(1−P)(1−2P) = P(1−P)(1 − 6P(1−P)),
 * so f'(θ) = −I + (K·I − J²) / (2 I²) with K = Σ P(1−P)(1 − 6 P(1−P)). */
static WleTerms
wle_terms (const double *b, const guint8 *x, guint n, double theta)
{
  double r = 0, expected = 0, info = 0, j = 0, k = 0;
  for (guint i = 0; i < n; i++)
    {
      double p = lb_rasch_probability (theta, b[i]);
      double w = p * (1 - p);
      r += x[i] ? 1 : 0;
      expected += p;
      info += w;
      j += w * (1 - 2 * p);
      k += w * (1 - 6 * w);
    }
  WleTerms t = { r - expected + j / (2 * info), -info + (k * info - j * j) / (2 * info * info), info };
  return t;
}

/* A bracket [lo, hi] with f(lo) > 0 > f(hi), widened from the range of
 * the difficulties (f has its limits within a few logits of it). */
static void
wle_bracket (const double *b, const guint8 *x, guint n, double *lo, double *hi)
{
  double min = b[0], max = b[0];
  for (guint i = 1; i < n; i++)
    min = MIN (min, b[i]), max = MAX (max, b[i]);
  *lo = min - 5;
  *hi = max + 5;
  for (guint i = 0; i < 20 && wle_terms (b, x, n, *lo).f <= 0; i++)
    *lo -= 5;
  for (guint i = 0; i < 20 && wle_terms (b, x, n, *hi).f >= 0; i++)
    *hi += 5;
}

static double
wle_start (const double *b, const guint8 *x, guint n)
{
  double sum = 0, r = 0;
  for (guint i = 0; i < n; i++)
    sum += b[i], r += x[i] ? 1 : 0;
  return sum / n + log ((r + 0.5) / (n - r + 0.5));
}

gboolean
lb_rasch_wle (const double *b, const guint8 *x, guint n, LbRaschEstimate *out, GError **error)
{
  g_return_val_if_fail (out != NULL && (n == 0 || (b != NULL && x != NULL)), FALSE);
  if (n == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("There are no ticked or unticked indicators to "
                                                          "estimate from"));
      return FALSE;
    }
  double lo, hi;
  wle_bracket (b, x, n, &lo, &hi);
  double theta = CLAMP (wle_start (b, x, n), lo, hi);
  guint it = 0;
  for (; it < WLE_MAX_ITERATIONS; it++)
    {
      WleTerms t = wle_terms (b, x, n, theta);
      if (t.f == 0)
        break;
      if (t.f > 0)
        lo = theta;
      else
        hi = theta;
      /* Inclusive bounds: next to the root, the Newton step is tiny and
       * may land on the end of the bracket that θ just became. */
      double next = theta - t.f / t.df;
      if (!(t.df < 0) || !(next >= lo && next <= hi))
        next = (lo + hi) / 2;  /* also catches NaN */
      gboolean done = fabs (next - theta) < WLE_TOLERANCE;
      theta = next;
      if (done)
        break;
    }
  memset (out, 0, sizeof *out);
  out->theta = theta;
  out->se = 1 / sqrt (wle_terms (b, x, n, theta).info);
  out->iterations = it + 1;
  out->n_responses = n;
  for (guint i = 0; i < n; i++)
    out->n_ticked += x[i] ? 1 : 0;
  return TRUE;
}

/* ---- which observations count ---- */

static int
cmp_newest_first (gconstpointer a, gconstpointer b)
{
  const LbObservation *x = *(LbObservation * const *) a, *y = *(LbObservation * const *) b;
  int c = g_strcmp0 (y->date, x->date);
  if (c == 0)
    c = g_strcmp0 (y->start_time, x->start_time);
  return c != 0 ? c : g_strcmp0 (y->created_at, x->created_at);
}

static gboolean
is_tick (const LbMark *m)
{
  return g_strcmp0 (m->code, "yes") == 0;
}

static gboolean
counts (LbObservation *o, const LbZoneOptions *options)
{
  if (o->status != LB_STATUS_FINAL ||
      (o->purpose == LB_PURPOSE_ZELFBEOORDELING && !options->include_self_assessment))
    return FALSE;
  for (guint i = 0; i < o->marks->len; i++)
    if (is_tick (o->marks->pdata[i]))
      return TRUE;
  return FALSE;
}

/* The first day of the window: @months before @newest ("YYYY-MM-DD"). */
static char *
window_start (const char *newest, guint months)
{
  guint y, m, d;
  if (newest == NULL || sscanf (newest, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup ("0000-00-00");
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_months (&date, months);
  char buf[16];
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  return g_strdup (buf);
}

/* A GCopyFunc for g_ptr_array_copy(). */
static gpointer
copy_observation (gconstpointer observation, gpointer data)
{
  return lb_observation_ref ((LbObservation *) observation);
}

static GPtrArray *
select_observations (GPtrArray *all, GHashTable *instruments, const LbZoneOptions *options)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (all, copy_observation, NULL);
  g_ptr_array_set_free_func (sorted, (GDestroyNotify) lb_observation_unref);
  g_ptr_array_sort (sorted, cmp_newest_first);
  GPtrArray *chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_autofree char *from = NULL;
  const char *instrument_id = NULL;
  for (guint i = 0; i < sorted->len && chosen->len < options->max_observations; i++)
    {
      LbObservation *o = sorted->pdata[i];
      if (!counts (o, options) || !g_hash_table_contains (instruments, o->instrument_sha256))
        continue;
      if (instrument_id == NULL)
        {
          instrument_id = o->instrument_id;
          from = window_start (o->date, options->max_months);
        }
      if (g_strcmp0 (o->instrument_id, instrument_id) == 0 && g_strcmp0 (o->date, from) >= 0)
        g_ptr_array_add (chosen, lb_observation_ref (o));
    }
  return chosen;
}

/* ---- responses ---- */

typedef struct {
  guint n_observed;
  guint n_ticked;
  int   last;       /* the response in the newest observation that had one */
} Tally;

/* Dichotomous indicators with a difficulty: the ones the model covers. */
static gboolean
is_rasch_indicator (LbNode *node)
{
  return lb_node_get_kind (node) == LB_NODE_INDICATOR && lb_node_has_difficulty (node) &&
         lb_node_get_scale (node) == NULL;
}

static gboolean
item_not_observed (LbObservation *o, const char *item_id)
{
  gboolean scored = FALSE;
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      if (g_strcmp0 (s->item_id, item_id) != 0)
        continue;
      if (!s->not_observed)
        return FALSE;
      scored = TRUE;
    }
  return scored;
}

static gboolean
is_ticked (LbObservation *o, const char *indicator_id)
{
  for (guint i = 0; i < o->marks->len; i++)
    {
      LbMark *m = o->marks->pdata[i];
      if (is_tick (m) && g_strcmp0 (m->indicator_id, indicator_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends @o's responses; @tallies (indicator id → Tally) is filled
 * newest observation first, so Tally.last is the newest response. */
static void
collect (LbObservation *o, LbInstrument *inst, GArray *b, GByteArray *x, GHashTable *tallies)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      if (item_not_observed (o, lb_node_get_id (item)))
        continue;
      for (guint k = 0; k < lb_node_get_n_children (item); k++)
        {
          LbNode *ind = lb_node_get_child (item, k);
          if (!is_rasch_indicator (ind))
            continue;
          double difficulty = lb_node_get_difficulty (ind);
          guint8 ticked = is_ticked (o, lb_node_get_id (ind));
          g_array_append_val (b, difficulty);
          g_byte_array_append (x, &ticked, 1);
          Tally *t = g_hash_table_lookup (tallies, lb_node_get_id (ind));
          if (t == NULL)
            {
              t = g_new0 (Tally, 1);
              t->last = ticked;
              g_hash_table_insert (tallies, g_strdup (lb_node_get_id (ind)), t);
            }
          t->n_observed++;
          t->n_ticked += ticked;
        }
    }
}

/* ---- the zone ---- */

static int
cmp_entry (gconstpointer a, gconstpointer b)
{
  const LbZoneEntry *x = *(LbZoneEntry * const *) a, *y = *(LbZoneEntry * const *) b;
  if (x->difficulty != y->difficulty)
    return x->difficulty < y->difficulty ? -1 : 1;
  return strcmp (lb_node_get_id (x->indicator), lb_node_get_id (y->indicator));
}

static void
zone_entry_free (LbZoneEntry *e)
{
  g_object_unref (e->indicator);
  g_object_unref (e->item);
  g_free (e);
}

static void
fill_zone (LbZone *z, GHashTable *tallies)
{
  GPtrArray *items = lb_instrument_get_items (z->instrument);
  double theta = z->estimate.theta;
  for (guint i = 0; i < items->len; i++)
    for (guint k = 0; k < lb_node_get_n_children (items->pdata[i]); k++)
      {
        LbNode *ind = lb_node_get_child (items->pdata[i], k);
        if (!is_rasch_indicator (ind))
          continue;
        z->n_indicators++;
        double b = lb_node_get_difficulty (ind);
        Tally *t = g_hash_table_lookup (tallies, lb_node_get_id (ind));
        if (b <= theta && t && t->last == 0)
          z->n_below_unseen++;
        if (b <= theta || b > theta + z->width || (t && t->last == 1))
          continue;
        LbZoneEntry *e = g_new0 (LbZoneEntry, 1);
        e->indicator = g_object_ref (ind);
        e->item = g_object_ref (items->pdata[i]);
        e->difficulty = b;
        e->probability = lb_rasch_probability (theta, b);
        e->n_observed = t ? t->n_observed : 0;
        e->n_ticked = t ? t->n_ticked : 0;
        g_ptr_array_add (z->entries, e);
      }
  g_ptr_array_sort (z->entries, cmp_entry);
}

static char *
explain (LbZone *z)
{
  LbObservation *newest = z->observations->pdata[0];
  LbObservation *oldest = z->observations->pdata[z->observations->len - 1];
  guint n = z->observations->len;
  g_autofree char *period = g_strcmp0 (oldest->date, newest->date) == 0
    ? g_strdup (newest->date) : g_strdup_printf ("%s – %s", oldest->date, newest->date);
  g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u final observation",
                                                        "the %u most recent final observations", n), n);
  GString *s = g_string_new (_("Each indicator has a difficulty on the instrument's Rasch scale, in logits."));
  g_string_append_c (s, ' ');
  g_string_append_printf (s, _("The starter's skill is estimated on the same scale from %u indicators that "
                               "could be seen in %s (%s), %u of them ticked: %.2f logits, with a standard "
                               "error of %.2f. This is Warm's weighted likelihood estimate, which also gives "
                               "a sound value when all or none of the indicators are ticked."),
                          z->estimate.n_responses, what, period, z->estimate.n_ticked, z->estimate.theta,
                          z->estimate.se);
  g_string_append_c (s, ' ');
  g_string_append_printf (s, _("The zone of next development holds the indicators not ticked in the latest "
                               "lesson in which they could be seen, whose difficulty lies above the estimate "
                               "by at most %.1f logit: behaviours the starter now shows with a chance between "
                               "%.0f%% and 50%%."),
                          z->width, 100 * lb_rasch_probability (0, z->width));
  return g_string_free (s, FALSE);
}

LbZone *
lb_zone_compute (GPtrArray *observations, GHashTable *instruments, const LbZoneOptions *options,
                 GError **error)
{
  static const LbZoneOptions defaults = LB_ZONE_OPTIONS_INIT;
  g_return_val_if_fail (observations != NULL && instruments != NULL, NULL);
  if (options == NULL)
    options = &defaults;
  g_autoptr(GPtrArray) chosen = select_observations (observations, instruments, options);
  if (chosen->len == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("There is no final observation with ticked indicators yet; the zone of next "
                     "development is computed from those"));
      return NULL;
    }
  LbObservation *newest = chosen->pdata[0];
  LbInstrument *inst = g_hash_table_lookup (instruments, newest->instrument_sha256);
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GByteArray) x = g_byte_array_new ();
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < chosen->len; i++)
    {
      LbObservation *o = chosen->pdata[i];
      collect (o, g_hash_table_lookup (instruments, o->instrument_sha256), b, x, tallies);
    }
  if (b->len == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                   _("The instrument %s declares no difficulties for its indicators, so no zone of next "
                     "development can be computed with it"), lb_instrument_get_id (inst));
      return NULL;
    }
  g_autoptr(LbZone) z = g_new0 (LbZone, 1);
  z->instrument = g_object_ref (inst);
  z->observations = g_steal_pointer (&chosen);
  z->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) zone_entry_free);
  z->width = options->width;
  if (!lb_rasch_wle ((double *) b->data, x->data, b->len, &z->estimate, error))
    return NULL;
  fill_zone (z, tallies);
  z->explanation = explain (z);
  return g_steal_pointer (&z);
}

static gboolean
declares_difficulties (LbInstrument *inst)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    for (guint k = 0; k < lb_node_get_n_children (items->pdata[i]); k++)
      if (lb_node_has_difficulty (lb_node_get_child (items->pdata[i], k)))
        return TRUE;
  return FALSE;
}

LbZone *
lb_zone_for_person (LbStore *store, const char *person_uuid, const LbZoneOptions *options, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && person_uuid != NULL, NULL);
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.person = person_uuid;
  filter.status = LB_STATUS_FINAL;
  g_autoptr(GPtrArray) rows = lb_store_list (store, &filter, error);
  if (rows == NULL)
    return NULL;
  /* Only instruments with a Rasch scale say anything about the zone: the
   * lessons observed with a framework or in cycles are left out, rather
   * than hiding the zone the default instrument's lessons show. */
  g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  g_autoptr(GHashTable) instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) without = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      LbObservation *o = lb_store_load (store, ((LbSummary *) rows->pdata[i])->uuid, error);
      if (o == NULL)
        return NULL;
      g_ptr_array_add (observations, o);
      if (g_hash_table_contains (instruments, o->instrument_sha256) || g_hash_table_contains (without, o->instrument_sha256))
        continue;
      LbInstrument *inst = lb_store_get_instrument (store, o->instrument_sha256, error);
      if (inst == NULL)
        return NULL;
      if (declares_difficulties (inst))
        g_hash_table_insert (instruments, g_strdup (o->instrument_sha256), inst);
      else
        {
          g_hash_table_add (without, g_strdup (o->instrument_sha256));
          g_object_unref (inst);
        }
    }
  if (g_hash_table_size (instruments) == 0 && g_hash_table_size (without) > 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                   _("The instruments of these observations declare no difficulties for their indicators, so no zone "
                     "of next development can be estimated"));
      return NULL;
    }
  return lb_zone_compute (observations, instruments, options, error);
}

void
lb_zone_free (LbZone *zone)
{
  if (zone == NULL)
    return;
  g_clear_object (&zone->instrument);
  g_clear_pointer (&zone->observations, g_ptr_array_unref);
  g_clear_pointer (&zone->entries, g_ptr_array_unref);
  g_free (zone->explanation);
  g_free (zone);
}
