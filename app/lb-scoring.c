/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-scoring"

/* The scoring rules of an instrument applied to an observation; see
 * lb-scoring.h. Everything here reads the observation's arrays directly:
 * they are small (an observation has tens of scores and marks), so a scan
 * is cheaper than keeping indexes in step with the store. */

#include "lb-scoring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Shares and means are compared with this much slack, as in lb-judgement.c,
 * so that 1/3 + 2/3 meets a 1. */
#define EPSILON 1e-9

/* ---- evidence ---- */

static gboolean
note_links (const LbNote *note, const char *item_id)
{
  for (guint i = 0; note->item_ids && note->item_ids[i]; i++)
    if (g_str_equal (note->item_ids[i], item_id))
      return TRUE;
  return FALSE;
}

gboolean
lb_scoring_item_has_evidence (LbObservation *obs, guint session, LbNode *item)
{
  g_return_val_if_fail (obs != NULL && LB_IS_NODE (item), FALSE);
  const char *id = lb_node_get_id (item);
  for (guint i = 0; obs->notes && i < obs->notes->len; i++)
    {
      const LbNote *n = g_ptr_array_index (obs->notes, i);
      if (n->session == session && note_links (n, id))
        return TRUE;
    }
  return FALSE;
}

static const LbScore *
level_score (LbObservation *obs, guint session, LbNode *item)
{
  const LbScore *sc = lb_observation_find_score (obs, session, lb_node_get_id (item));
  return sc && !sc->not_observed && sc->level_id ? sc : NULL;
}

gboolean
lb_scoring_item_lacks_evidence (LbInstrument *inst, LbObservation *obs, guint session,
                                LbNode *item)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), FALSE);
  return lb_node_get_evidence_required (item)
         && level_score (obs, session, item) != NULL
         && !lb_scoring_item_has_evidence (obs, session, item);
}

static gboolean
has_text (const char *s)
{
  for (; s && *s; s++)
    if (!g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
}

gboolean
lb_scoring_item_counts (LbInstrument *inst, LbObservation *obs, guint session, LbNode *item)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), FALSE);
  const LbScore *sc = lb_observation_find_score (obs, session, lb_node_get_id (item));
  if (sc == NULL)
    return FALSE;
  if (sc->not_observed)
    return has_text (sc->reason);
  return sc->level_id != NULL && !lb_scoring_item_lacks_evidence (inst, obs, session, item);
}

/* ---- anchors and roll-up ---- */

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
lb_scoring_combine_values (const double *values, guint n, LbRollupRule rule)
{
  g_return_val_if_fail (values != NULL && n > 0, 0);
  if (rule == LB_ROLLUP_MIN)
    {
      double m = values[0];
      for (guint i = 1; i < n; i++)
        m = MIN (m, values[i]);
      return m;
    }
  if (rule == LB_ROLLUP_MEDIAN)
    {
      g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));
      qsort (sorted, n, sizeof (double), compare_double);
      return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  double sum = 0;
  for (guint i = 0; i < n; i++)
    sum += values[i];
  return sum / n;
}

guint
lb_scoring_round_to_level (LbScale *scale, double value, LbRounding rounding)
{
  g_return_val_if_fail (LB_IS_SCALE (scale) && lb_scale_get_n_levels (scale) > 0, 0);
  guint n = lb_scale_get_n_levels (scale);
  if (rounding == LB_ROUND_DOWN)
    {
      guint best = 0;
      for (guint i = 0; i < n; i++)
        if (lb_scale_get_level (scale, i)->value <= value + EPSILON)
          best = i;
      return best;
    }
  if (rounding == LB_ROUND_UP)
    {
      for (guint i = 0; i < n; i++)
        if (lb_scale_get_level (scale, i)->value >= value - EPSILON)
          return i;
      return n - 1;
    }
  /* nearest; on a tie the higher level, as in ordinary rounding of 2.5 */
  guint best = 0;
  double best_d = INFINITY;
  for (guint i = 0; i < n; i++)
    {
      double d = fabs (lb_scale_get_level (scale, i)->value - value);
      if (d <= best_d + EPSILON)
        {
          best = i;
          best_d = MIN (d, best_d);
        }
    }
  return best;
}

static const LbMark *
find_mark (LbObservation *obs, guint session, const char *indicator_id)
{
  for (guint i = 0; obs->marks && i < obs->marks->len; i++)
    {
      const LbMark *m = g_ptr_array_index (obs->marks, i);
      if (m->session == session && g_str_equal (m->indicator_id, indicator_id))
        return m;
    }
  return NULL;
}

static int
anchor_level (LbNode *item, const char *code)
{
  guint n = lb_node_get_n_anchors (item);
  for (guint i = 0; i < n; i++)
    {
      const LbAnchor *a = lb_node_get_anchor (item, i);
      if (g_str_equal (a->code, code))
        return (int) a->level;
    }
  return -1;
}

/* The values of the anchored levels of the item's coded indicators in
 * @session; "not observed" and codes without an anchor left out. */
static GArray *
anchored_values (LbObservation *obs, guint session, LbNode *item)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  LbScale *scale = lb_node_get_scale (item);
  guint n = lb_node_get_n_children (item);
  for (guint i = 0; i < n && scale; i++)
    {
      LbNode *ind = lb_node_get_child (item, i);
      if (lb_node_get_scale (ind) == NULL)
        continue; /* ticked, not coded */
      const LbMark *m = find_mark (obs, session, lb_node_get_id (ind));
      if (m == NULL || m->code == NULL || g_str_equal (m->code, LB_CODE_NOT_APPLICABLE))
        continue;
      int level = anchor_level (item, m->code);
      if (level < 0 || (guint) level >= lb_scale_get_n_levels (scale))
        continue;
      double v = lb_scale_get_level (scale, level)->value;
      g_array_append_val (values, v);
    }
  return values;
}

static gboolean
suggest (LbObservation *obs, guint session, LbNode *item, double *value, guint *level,
         guint *n_coded)
{
  g_autoptr(GArray) values = anchored_values (obs, session, item);
  *n_coded = values->len;
  if (values->len == 0)
    return FALSE;
  *value = lb_scoring_combine_values ((double *) values->data, values->len,
                                      lb_node_get_rollup_rule (item));
  *level = lb_scoring_round_to_level (lb_node_get_scale (item), *value,
                                      lb_node_get_rounding (item));
  return TRUE;
}

gboolean
lb_scoring_rollup (LbInstrument *inst, LbObservation *obs, guint session, LbNode *item,
                   guint *level, double *value)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), FALSE);
  double v = 0;
  guint l = 0, n = 0;
  if (!suggest (obs, session, item, &v, &l, &n))
    return FALSE;
  if (level) *level = l;
  if (value) *value = lb_scale_get_level (lb_node_get_scale (item), l)->value;
  return TRUE;
}

LbAnchorCheck
lb_scoring_check_anchors (LbInstrument *inst, LbObservation *obs, guint session, LbNode *item)
{
  LbAnchorCheck c = { 0 };
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), c);
  LbScale *scale = lb_node_get_scale (item);
  c.tolerance = lb_node_get_anchor_tolerance (item, NULL);
  c.has_anchors = lb_node_get_n_anchors (item) > 0;
  if (!c.has_anchors || scale == NULL)
    return c;
  c.suggests = suggest (obs, session, item, &c.suggested_value, &c.suggested_level, &c.n_coded);
  const LbScore *sc = level_score (obs, session, item);
  int idx = sc ? lb_scale_find_level (scale, sc->level_id) : -1;
  c.scored = idx >= 0;
  if (c.scored)
    c.score_level = (guint) idx;
  if (c.scored && c.suggests)
    {
      c.distance = fabs (lb_scale_get_level (scale, idx)->value - c.suggested_value);
      c.far = c.distance > c.tolerance + EPSILON;
    }
  return c;
}

/* ---- values over sessions ---- */

gboolean
lb_scoring_session_value (LbInstrument *inst, LbObservation *obs, guint session, LbNode *item,
                          double *value)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), FALSE);
  LbScale *scale = lb_node_get_scale (item);
  const LbScore *sc = lb_observation_find_score (obs, session, lb_node_get_id (item));
  if (sc != NULL && !sc->not_observed && sc->level_id != NULL)
    {
      int idx = lb_scale_find_level (scale, sc->level_id);
      if (idx < 0)
        return FALSE;
      if (value) *value = lb_scale_get_level (scale, idx)->value;
      return TRUE;
    }
  if (sc == NULL && lb_node_get_scoring (item) == LB_SCORING_ROLLUP)
    return lb_scoring_rollup (inst, obs, session, item, NULL, value);
  return FALSE;
}

gboolean
lb_scoring_combined (LbInstrument *inst, LbObservation *obs, LbNode *item, double *value,
                     guint *n_sessions)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && obs != NULL && LB_IS_NODE (item), FALSE);
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  guint first = kind == LB_SESSIONS_NONE ? 0 : 1;
  guint last = kind == LB_SESSIONS_NONE ? 0 : count;
  double sum = 0;
  guint n = 0;
  for (guint s = first; s <= last; s++)
    {
      double v;
      if (lb_scoring_session_value (inst, obs, s, item, &v))
        {
          sum += v;
          n++;
        }
    }
  if (n_sessions) *n_sessions = n;
  if (n == 0)
    return FALSE;
  if (value) *value = sum / n;
  return TRUE;
}

/* ---- snapshots ---- */

const LbSnapshotAnswer *
lb_scoring_find_snapshot_answer (LbObservation *obs, guint session, const char *snapshot_id)
{
  g_return_val_if_fail (snapshot_id != NULL, NULL);
  for (guint i = 0; obs && obs->snapshots && i < obs->snapshots->len; i++)
    {
      const LbSnapshotAnswer *a = g_ptr_array_index (obs->snapshots, i);
      if (a->session == session && g_str_equal (a->snapshot_id, snapshot_id))
        return a;
    }
  return NULL;
}

static LbSnapshotState
state_at_depth (LbInstrument *inst, LbObservation *obs, guint session, const LbSnapshot *snap,
                guint depth)
{
  if (!lb_snapshot_in_session (snap, session))
    return LB_SNAPSHOT_NOT_APPLICABLE;
  if (snap->applies_when == NULL)
    return LB_SNAPSHOT_APPLIES;
  const LbSnapshot *cond = lb_instrument_find_snapshot (inst, snap->applies_when);
  /* the loader allows only earlier snapshots, so there is no cycle; the
   * depth guard keeps a hand-built instrument from looping all the same */
  if (cond == NULL || depth > 100)
    return LB_SNAPSHOT_APPLIES;
  LbSnapshotState cs = state_at_depth (inst, obs, session, cond, depth + 1);
  if (cs != LB_SNAPSHOT_APPLIES)
    return cs;
  const LbSnapshotAnswer *a = lb_scoring_find_snapshot_answer (obs, session, cond->id);
  if (a == NULL || a->code == NULL)
    return LB_SNAPSHOT_WAITING;
  return snap->applies_codes && g_strv_contains ((const char * const *) snap->applies_codes, a->code)
         ? LB_SNAPSHOT_APPLIES : LB_SNAPSHOT_NOT_APPLICABLE;
}

LbSnapshotState
lb_scoring_snapshot_state (LbInstrument *inst, LbObservation *obs, guint session,
                           const LbSnapshot *snap)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst) && snap != NULL, LB_SNAPSHOT_NOT_APPLICABLE);
  return state_at_depth (inst, obs, session, snap, 0);
}

GPtrArray *
lb_scoring_snapshots_due (LbInstrument *inst, LbObservation *obs, guint session, guint minute)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst), NULL);
  GPtrArray *due = g_ptr_array_new ();
  GPtrArray *all = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < all->len; i++)
    {
      const LbSnapshot *s = g_ptr_array_index (all, i);
      if (s->minute > minute || lb_scoring_find_snapshot_answer (obs, session, s->id))
        continue;
      if (lb_scoring_snapshot_state (inst, obs, session, s) == LB_SNAPSHOT_APPLIES)
        g_ptr_array_add (due, (gpointer) s);
    }
  return due;
}

guint
lb_scoring_snapshots_missing (LbInstrument *inst, LbObservation *obs, guint session)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst), 0);
  GPtrArray *all = lb_instrument_get_snapshots (inst);
  guint missing = 0;
  for (guint i = 0; i < all->len; i++)
    {
      const LbSnapshot *s = g_ptr_array_index (all, i);
      if (lb_scoring_find_snapshot_answer (obs, session, s->id) == NULL
          && lb_scoring_snapshot_state (inst, obs, session, s) == LB_SNAPSHOT_APPLIES)
        missing++;
    }
  return missing;
}

/* ---- keeping a roll-up item's score in step ---- */

/* The level id the codes give in @session, or NULL. */
static const char *
rollup_level_id (LbInstrument *instrument, LbObservation *obs, guint session, LbNode *item)
{
  guint level;
  double value;
  if (!lb_scoring_rollup (instrument, obs, session, item, &level, &value))
    return NULL;
  return lb_scale_get_level (lb_node_get_scale (item), level)->id;
}

gboolean
lb_scoring_set_code (LbStore *store, LbInstrument *instrument, const char *uuid, guint session,
                     LbNode *indicator, const char *code, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && LB_IS_INSTRUMENT (instrument) && LB_IS_NODE (indicator), FALSE);
  const char *indicator_id = lb_node_get_id (indicator);
  LbNode *item = lb_node_get_parent (indicator);
  if (item == NULL || lb_node_get_scoring (item) != LB_SCORING_ROLLUP)
    return lb_store_set_mark (store, uuid, session, indicator_id, code, error);

  g_autoptr(LbObservation) before = lb_store_load (store, uuid, error);
  if (before == NULL)
    return FALSE;
  const char *item_id = lb_node_get_id (item);
  const LbScore *sc = lb_observation_find_score (before, session, item_id);
  /* Chosen by the observer over what the codes gave: theirs to change. */
  gboolean follows = sc == NULL ||
                     (!sc->not_observed && g_strcmp0 (sc->level_id, rollup_level_id (instrument, before, session, item)) == 0);
  if (!lb_store_set_mark (store, uuid, session, indicator_id, code, error))
    return FALSE;
  if (!follows)
    return TRUE;
  g_autoptr(LbObservation) after = lb_store_load (store, uuid, error);
  if (after == NULL)
    return FALSE;
  const char *now = rollup_level_id (instrument, after, session, item);
  if (now == NULL && sc == NULL)
    return TRUE;
  if (sc && g_strcmp0 (sc->level_id, now) == 0)
    return TRUE;
  return lb_store_set_score (store, uuid, session, item_id, now, FALSE, NULL, error);
}
