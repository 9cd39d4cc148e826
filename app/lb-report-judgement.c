/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The end of a report: the judgement of a summative observation per
 * kritische handeling, with every rule, the one that decided it and the
 * assessor's motivated deviation; and the sign-off of observer and
 * starter. Only summative observations get a judgement block: the
 * observation builder never asks for one otherwise. */

#include "config.h"
#include "lb-report-private.h"

/* ---- the judgement of one domain ---- */

typedef struct {
  LbBlock      parent;
  char        *kicker;     /* the domain, when the title is the rule's */
  char        *title;
  char        *verdict;
  LbColor      color;
  GPtrArray   *rules;      /* char *, "✓ …" or "✗ …" */
  char        *deciding;
  char        *status;
  PangoLayout *kl, *tl, *vl, *rl, *dl, *sl;
} Judgement;

static void
judgement_free_layouts (Judgement *j)
{
  g_clear_object (&j->kl);
  g_clear_object (&j->tl);
  g_clear_object (&j->vl);
  g_clear_object (&j->rl);
  g_clear_object (&j->dl);
  g_clear_object (&j->sl);
}

static void
judgement_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Judgement *j = (Judgement *) block;
  judgement_free_layouts (j);
  j->vl = lb_report_layout_new (ctx, j->verdict, LB_FONT_SMALL_BOLD, -1);
  double vw = lb_report_layout_width (j->vl) + 14, inner = width - 22;
  j->tl = lb_report_layout_new (ctx, j->title, LB_FONT_H3, inner - vw - 10);
  j->kl = j->kicker ? lb_report_layout_new (ctx, j->kicker, LB_FONT_TINY_BOLD, inner - vw - 10) : NULL;
  double kh = j->kl ? lb_report_layout_height (j->kl) + 1 : 0;
  g_autofree char *rules = g_strjoinv ("\n", (char **) j->rules->pdata);
  j->rl = lb_report_layout_new (ctx, rules, LB_FONT_SMALL, inner);
  j->dl = lb_report_layout_new (ctx, j->deciding, LB_FONT_SMALL_BOLD, inner);
  j->sl = lb_report_layout_new (ctx, j->status, LB_FONT_SMALL_ITALIC, inner);
  double h = 8 + MAX (kh + lb_report_layout_height (j->tl), lb_report_layout_height (j->vl) + 6) + 4 +
             lb_report_layout_height (j->rl) + 4 + lb_report_layout_height (j->dl) + 2 +
             lb_report_layout_height (j->sl) + 8;
  lb_block_add_slice (block, h);
}

static void
judgement_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
                guint from, guint to)
{
  Judgement *j = (Judgement *) block;
  double h = g_array_index (block->slices, double, 0);
  lb_report_set_color (cr, &lb_color_box);
  lb_report_rounded_rect (cr, x, y, width, h, 4);
  cairo_fill (cr);
  lb_report_set_color (cr, &j->color);
  cairo_rectangle (cr, x, y, 4, h);
  cairo_fill (cr);

  double ix = x + 14, iy = y + 8, kh = j->kl ? lb_report_layout_height (j->kl) + 1 : 0;
  if (j->kl)
    lb_report_show_layout (cr, j->kl, ix, iy, &lb_color_muted);
  lb_report_show_layout (cr, j->tl, ix, iy + kh, &lb_color_text);
  double vw = lb_report_layout_width (j->vl) + 14, vh = lb_report_layout_height (j->vl) + 6;
  lb_report_set_color (cr, &j->color);
  lb_report_rounded_rect (cr, x + width - 8 - vw, iy - 1, vw, vh, vh / 2);
  cairo_fill (cr);
  lb_report_show_layout (cr, j->vl, x + width - 8 - vw + 7, iy + 2, &lb_color_white);
  iy += MAX (kh + lb_report_layout_height (j->tl), vh) + 4;
  lb_report_show_layout (cr, j->rl, ix, iy, &lb_color_text);
  iy += lb_report_layout_height (j->rl) + 4;
  lb_report_show_layout (cr, j->dl, ix, iy, &lb_color_text);
  iy += lb_report_layout_height (j->dl) + 2;
  lb_report_show_layout (cr, j->sl, ix, iy, &lb_color_muted);
}

static void
judgement_finalize (LbBlock *block)
{
  Judgement *j = (Judgement *) block;
  judgement_free_layouts (j);
  g_free (j->kicker), g_free (j->title), g_free (j->verdict), g_free (j->deciding), g_free (j->status);
  g_ptr_array_unref (j->rules);
}

static const LbBlockClass judgement_class = { judgement_layout, judgement_draw, judgement_finalize };

static const LbColor *
verdict_color (LbVerdict v)
{
  return v == LB_VERDICT_MET ? &lb_color_met : v == LB_VERDICT_NOT_MET ? &lb_color_not_met : &lb_color_neutral;
}

/* Which rule decided: all held, or the first that did not (enough scored
 * items come first: without them the others say nothing). */
static char *
deciding_rule (LbReportCtx *ctx, const LbJudgement *jd, GPtrArray *explanations)
{
  if (jd->verdict == LB_VERDICT_MET)
    return g_strdup (TR (ctx, N_("Decided by: every rule was met.")));
  guint failed = 0, first = G_MAXUINT, too_few = G_MAXUINT;
  for (guint i = 0; i < jd->results->len; i++)
    {
      const LbRuleResult *r = &g_array_index (jd->results, LbRuleResult, i);
      if (r->passed)
        continue;
      failed++;
      if (first == G_MAXUINT)
        first = i;
      if (r->rule->kind == LB_RULE_MIN_SCORED)
        too_few = i;
    }
  if (too_few != G_MAXUINT)
    first = too_few;
  if (first == G_MAXUINT)
    return g_strdup (TR (ctx, N_("Decided by: no rule applies.")));
  const char *what = explanations->pdata[first];
  if (failed > 1)
    return g_strdup_printf (TR (ctx, N_("Decided by: %s (and %u more rules not met).")), what, failed - 1);
  return g_strdup_printf (TR (ctx, N_("Decided by: %s.")), what);
}

/* Every rule with whether it held; a segment judged on its own says which
 * segment. */
static void
add_rules (Judgement *j, GPtrArray *explanations, LbReportCtx *ctx, LbNode *domain, const LbJudgement *jd)
{
  for (guint i = 0; i < jd->results->len; i++)
    {
      const LbRuleResult *r = &g_array_index (jd->results, LbRuleResult, i);
      g_autofree char *e = lb_report_rule_explanation (ctx, r, lb_node_get_scale (domain), jd->n_scored, jd->n_items);
      char *full = jd->session ? g_strdup_printf (TR (ctx, N_("segment %u: %s")), jd->session, e) : g_strdup (e);
      g_ptr_array_add (explanations, full);
      g_ptr_array_add (j->rules, g_strdup_printf ("%s  %s", r->passed ? "✓" : "✗", full));
    }
}

LbBlock *
lb_block_judgement_new (LbReportCtx *ctx, LbNode *domain, const LbJudgement *jd,
                        const LbDomainJudgement *stored, gboolean draft)
{
  Judgement *j = lb_block_alloc (&judgement_class, sizeof (Judgement));
  LbText *title = lb_node_get_judgement_title (domain);
  j->title = g_strdup (title && !lb_text_is_empty (title) ? lb_report_text (ctx, title)
                                                          : lb_report_text (ctx, lb_node_get_text (domain)));
  /* Instruments often give every domain the same rule title: which
   * domain it is comes first. */
  const char *domain_title = lb_report_text (ctx, lb_node_get_text (domain));
  if (g_strcmp0 (domain_title, j->title) != 0)
    j->kicker = g_utf8_strup (domain_title, -1);
  g_autoptr(GPtrArray) explanations = g_ptr_array_new_with_free_func (g_free);
  j->rules = g_ptr_array_new_with_free_func (g_free);
  if (jd->segments)
    for (guint k = 0; k < jd->segments->len; k++)
      add_rules (j, explanations, ctx, domain, jd->segments->pdata[k]);
  else
    add_rules (j, explanations, ctx, domain, jd);
  g_ptr_array_add (j->rules, NULL);
  /* What the assessor decided is the verdict; the rules only advise. */
  LbVerdict verdict = jd->verdict;
  j->deciding = stored && stored->decided ? g_strdup (TR (ctx, N_("Decided by: the assessor's motivated judgement.")))
                                          : deciding_rule (ctx, jd, explanations);
  if (stored && stored->decided)
    {
      verdict = lb_report_verdict_from_code (stored->decided);
      j->status = g_strdup_printf (TR (ctx, N_("The assessor deviated from the rules (they gave: %s); "
                                               "the motivation follows.")),
                                   lb_report_verdict_label (ctx, lb_report_verdict_from_code (stored->computed)));
    }
  else if (stored && stored->confirmed)
    {
      verdict = lb_report_verdict_from_code (stored->computed);
      j->status = g_strdup (TR (ctx, N_("Confirmed by the assessor.")));
    }
  else
    j->status = g_strdup (draft ? TR (ctx, N_("Not yet confirmed by the assessor."))
                                : TR (ctx, N_("Computed by the rules; the assessor recorded no judgement.")));
  j->verdict = g_strdup (lb_report_verdict_label (ctx, verdict));
  j->color = *verdict_color (verdict);
  j->parent.space_before = 8;
  return &j->parent;
}

/* ---- the sign-off ---- */

typedef struct {
  LbBlock      parent;
  char        *who[2];     /* "Observer", "Starter" */
  char        *name[2];
  char        *when[2];
  gboolean     done[2];
  guint        n;          /* a self-assessment has no second party */
  PangoLayout *wl[2], *nl[2], *tl[2];
} Signoff;

static void
signoff_free_layouts (Signoff *s)
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&s->wl[i]);
      g_clear_object (&s->nl[i]);
      g_clear_object (&s->tl[i]);
    }
}

static void
signoff_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Signoff *s = (Signoff *) block;
  double bw = (width - 12) / 2 - 20, h = 0;
  signoff_free_layouts (s);
  for (guint i = 0; i < s->n; i++)
    {
      s->wl[i] = lb_report_layout_new (ctx, s->who[i], LB_FONT_TINY_BOLD, bw);
      s->nl[i] = lb_report_layout_new (ctx, s->name[i], LB_FONT_BODY_BOLD, bw);
      s->tl[i] = lb_report_layout_new (ctx, s->when[i], s->done[i] ? LB_FONT_SMALL : LB_FONT_SMALL_ITALIC, bw);
      h = MAX (h, lb_report_layout_height (s->wl[i]) + 2 + lb_report_layout_height (s->nl[i]) + 3 +
                  lb_report_layout_height (s->tl[i]));
    }
  lb_block_add_slice (block, h + 20);
}

static void
signoff_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
              guint from, guint to)
{
  Signoff *s = (Signoff *) block;
  double h = g_array_index (block->slices, double, 0), bw = (width - 12) / 2;
  for (guint i = 0; i < s->n; i++)
    {
      double bx = x + i * (bw + 12);
      lb_report_rounded_rect (cr, bx + 0.5, y + 0.5, bw - 1, h - 1, 4);
      lb_report_set_color (cr, s->done[i] ? &lb_color_met : &lb_color_rule);
      cairo_set_line_width (cr, s->done[i] ? 1.0 : 0.7);
      cairo_stroke (cr);
      double iy = y + 10;
      lb_report_show_layout (cr, s->wl[i], bx + 10, iy, &lb_color_muted);
      iy += lb_report_layout_height (s->wl[i]) + 2;
      lb_report_show_layout (cr, s->nl[i], bx + 10, iy, &lb_color_text);
      iy += lb_report_layout_height (s->nl[i]) + 3;
      lb_report_show_layout (cr, s->tl[i], bx + 10, iy, s->done[i] ? &lb_color_text : &lb_color_not_met);
    }
}

static void
signoff_finalize (LbBlock *block)
{
  Signoff *s = (Signoff *) block;
  signoff_free_layouts (s);
  for (guint i = 0; i < 2; i++)
    g_free (s->who[i]), g_free (s->name[i]), g_free (s->when[i]);
}

static const LbBlockClass signoff_class = { signoff_layout, signoff_draw, signoff_finalize };

LbBlock *
lb_block_signoff_new (LbReportCtx *ctx, LbObservation *obs)
{
  Signoff *s = lb_block_alloc (&signoff_class, sizeof (Signoff));
  s->parent.space_before = 6;
  s->who[0] = g_utf8_strup (lb_report_role_label (ctx, obs->observer_role), -1);
  s->name[0] = g_strdup (obs->signed_by ? obs->signed_by : obs->observer ? obs->observer->name : "");
  s->done[0] = obs->signed_at != NULL;
  if (s->done[0])
    {
      g_autofree char *at = lb_report_format_timestamp (ctx, obs->signed_at);
      s->when[0] = g_strdup_printf (TR (ctx, N_("Signed on %s")), at);
    }
  else
    s->when[0] = g_strdup (TR (ctx, N_("Not signed yet: this is a draft")));
  s->n = obs->purpose == LB_PURPOSE_ZELFBEOORDELING ? 1 : 2;
  if (s->n == 1)
    return &s->parent;

  s->who[1] = g_utf8_strup (TR (ctx, N_("Starter")), -1);
  s->name[1] = g_strdup (obs->starter ? obs->starter->name : "");
  s->done[1] = obs->acknowledged_at != NULL;
  if (s->done[1])
    {
      g_autofree char *at = lb_report_format_timestamp (ctx, obs->acknowledged_at);
      s->when[1] = g_strdup_printf (TR (ctx, N_("Seen on %s")), at);
    }
  else
    s->when[1] = g_strdup (TR (ctx, N_("Not yet seen by the starter")));
  return &s->parent;
}
