/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-judgement"

#include "config.h"
#include "lb-judgement.h"
#include "lb-scoring.h"

#include <glib/gi18n.h>

static void
result_clear (gpointer data)
{
  g_free (((LbRuleResult *) data)->explanation);
}

void
lb_judgement_free (LbJudgement *j)
{
  if (j == NULL)
    return;
  g_clear_pointer (&j->results, g_array_unref);
  g_clear_pointer (&j->segments, g_ptr_array_unref);
  g_free (j);
}

const char *
lb_verdict_to_string (LbVerdict verdict)
{
  switch (verdict)
    {
    case LB_VERDICT_NONE: return _("no judgement rules");
    case LB_VERDICT_INSUFFICIENT: return _("too few items scored to judge");
    case LB_VERDICT_NOT_MET: return _("not yet basisbekwaam");
    case LB_VERDICT_MET: return _("basisbekwaam");
    default: g_assert_not_reached ();
    }
}

typedef struct {
  GArray *values;  /* double, scored items only */
  guint   n_items;
} Scores;

static double
share_at_least (Scores *s, double threshold)
{
  guint n = 0;
  for (guint i = 0; i < s->values->len; i++)
    if (g_array_index (s->values, double, i) >= threshold - 1e-9)
      n++;
  return s->values->len ? (double) n / s->values->len : 0;
}

static double
minimum (Scores *s)
{
  double min = G_MAXDOUBLE;
  for (guint i = 0; i < s->values->len; i++)
    min = MIN (min, g_array_index (s->values, double, i));
  return min;
}

static LbRuleResult
evaluate_rule (const LbRule *r, LbScale *scale, Scores *s, double mean)
{
  LbRuleResult res = { r, FALSE, 0, NULL };
  double scored_share = s->n_items ? (double) s->values->len / s->n_items : 0;

  switch (r->kind)
    {
    case LB_RULE_MIN_SCORED:
      res.actual = scored_share;
      res.passed = scored_share >= r->share - 1e-9;
      res.explanation = g_strdup_printf (_("%u of %u items scored (%.0f%%; at least %.0f%% needed)"),
                                         s->values->len, s->n_items, scored_share * 100, r->share * 100);
      break;
    case LB_RULE_MEAN_AT_LEAST:
      res.actual = mean;
      res.passed = s->values->len > 0 && mean >= r->value - 1e-9;
      res.explanation = g_strdup_printf (_("mean %.2f (at least %g needed)"), mean, r->value);
      break;
    case LB_RULE_SHARE_AT_LEAST:
      {
        const LbLevel *l = lb_scale_get_level (scale, r->level);
        res.actual = share_at_least (s, l->value);
        res.passed = s->values->len > 0 && res.actual >= r->share - 1e-9;
        res.explanation = g_strdup_printf (_("%.0f%% of scored items at “%s” or higher (at least %.0f%% needed)"),
                                           res.actual * 100, lb_text_get_ui (l->label), r->share * 100);
      }
      break;
    case LB_RULE_NONE_BELOW:
      {
        const LbLevel *l = lb_scale_get_level (scale, r->level);
        res.actual = s->values->len ? minimum (s) : 0;
        res.passed = s->values->len == 0 || res.actual >= l->value - 1e-9;
        res.explanation = g_strdup_printf (_("lowest score %g (none below “%s” allowed)"),
                                           res.actual, lb_text_get_ui (l->label));
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return res;
}

LbJudgement *
lb_judgement_evaluate (LbNode *domain, LbScoreLookup lookup, gpointer user_data)
{
  g_return_val_if_fail (LB_IS_NODE (domain), NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (domain, items);
  Scores s = { g_array_new (FALSE, FALSE, sizeof (double)), items->len };
  double sum = 0;
  for (guint i = 0; i < items->len; i++)
    {
      double v;
      if (lookup (lb_node_get_id (items->pdata[i]), &v, user_data))
        g_array_append_val (s.values, v), sum += v;
    }

  LbJudgement *j = g_new0 (LbJudgement, 1);
  j->domain = domain;
  j->n_items = items->len;
  j->n_scored = s.values->len;
  j->mean = s.values->len ? sum / s.values->len : 0;
  j->results = g_array_new (FALSE, TRUE, sizeof (LbRuleResult));
  g_array_set_clear_func (j->results, result_clear);

  gboolean all = TRUE, enough = TRUE;
  for (guint i = 0; i < lb_node_get_n_rules (domain); i++)
    {
      LbRuleResult r = evaluate_rule (lb_node_get_rule (domain, i), lb_node_get_scale (domain), &s, j->mean);
      all = all && r.passed;
      if (r.rule->kind == LB_RULE_MIN_SCORED && !r.passed)
        enough = FALSE;
      g_array_append_val (j->results, r);
    }
  if (lb_node_get_n_rules (domain) == 0)
    j->verdict = LB_VERDICT_NONE;
  else if (!enough || s.values->len == 0)
    j->verdict = LB_VERDICT_INSUFFICIENT;
  else
    j->verdict = all ? LB_VERDICT_MET : LB_VERDICT_NOT_MET;
  g_array_unref (s.values);
  return j;
}

/* ---- from an observation ---- */

typedef struct {
  LbInstrument  *instrument;
  LbObservation *observation;
  guint          session;  /* 0: combined over the sessions */
} ObservationLookup;

static gboolean
observation_lookup (const char *item_id, double *value, gpointer user_data)
{
  ObservationLookup *l = user_data;
  LbNode *item = lb_instrument_find_node (l->instrument, item_id);
  if (item == NULL)
    return FALSE;
  if (l->session == 0)
    return lb_scoring_combined (l->instrument, l->observation, item, value, NULL);
  return lb_scoring_session_value (l->instrument, l->observation, l->session, item, value);
}

/* As within one segment: too few scores anywhere → insufficient (there is
 * not enough to judge on); else not met in any segment → not met. */
static LbVerdict
combine_verdicts (GPtrArray *segments)
{
  gboolean not_met = FALSE;
  for (guint i = 0; i < segments->len; i++)
    {
      LbJudgement *seg = segments->pdata[i];
      if (seg->verdict == LB_VERDICT_INSUFFICIENT)
        return LB_VERDICT_INSUFFICIENT;
      not_met = not_met || seg->verdict == LB_VERDICT_NOT_MET;
    }
  if (segments->len == 0)
    return LB_VERDICT_INSUFFICIENT;
  return not_met ? LB_VERDICT_NOT_MET : LB_VERDICT_MET;
}

static LbJudgement *
evaluate_segments (LbNode *domain, LbInstrument *instrument, LbObservation *observation, guint count)
{
  ObservationLookup all = { instrument, observation, 0 };
  LbJudgement *j = lb_judgement_evaluate (domain, observation_lookup, &all);
  if (j->verdict == LB_VERDICT_NONE)
    return j;
  g_array_set_size (j->results, 0);
  j->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_judgement_free);
  /* Every segment, scored or not: an unscored one leaves the domain
   * insufficiently observed, it is not skipped. */
  for (guint segment = 1; segment <= count; segment++)
    {
      ObservationLookup l = { instrument, observation, segment };
      LbJudgement *seg = lb_judgement_evaluate (domain, observation_lookup, &l);
      seg->session = l.session;
      for (guint r = 0; r < seg->results->len; r++)
        {
          LbRuleResult res = g_array_index (seg->results, LbRuleResult, r);
          res.explanation = g_strdup_printf (_("segment %u: %s"), l.session, res.explanation);
          g_array_append_val (j->results, res);
        }
      g_ptr_array_add (j->segments, seg);
    }
  j->verdict = combine_verdicts (j->segments);
  return j;
}

LbJudgement *
lb_judgement_evaluate_observation (LbNode *domain, LbInstrument *instrument, LbObservation *observation)
{
  g_return_val_if_fail (LB_IS_NODE (domain) && LB_IS_INSTRUMENT (instrument) && observation, NULL);
  guint count = 0;
  gboolean mean = TRUE;
  LbSessionsKind kind = lb_instrument_get_sessions (instrument, &count, NULL, NULL, &mean);
  if (kind == LB_SESSIONS_SEGMENTS && !mean)
    return evaluate_segments (domain, instrument, observation, count);
  ObservationLookup l = { instrument, observation, 0 };
  return lb_judgement_evaluate (domain, observation_lookup, &l);
}
