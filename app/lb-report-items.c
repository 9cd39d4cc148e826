/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The drawings that make an observation readable at a glance: every item
 * with its score on the instrument's own scale (as many levels as the
 * scale has, the chosen one filled, "not observed" shown as such), the
 * scale's legend above each domain aligned with those bars, a summary of
 * each domain, the judgement of a summative observation and the sign-off. */

#include "config.h"
#include "lb-report-private.h"
#include "lb-scoring.h"

#include <math.h>
#include <string.h>

#define GAP 14.0       /* between an item's text and its scale */
#define LEFT_SHARE 0.58
#define BAR_HEIGHT 13.0
#define SESSION_LABEL 38.0

static double
right_x (double width)
{
  return width * LEFT_SHARE + GAP;
}

static double
right_width (double width)
{
  return width - right_x (width);
}

/* ---- values ---- */

gboolean
lb_report_item_value (LbInstrument *inst, LbObservation *obs, LbNode *item, double *value)
{
  /* One rule for every page: the instrument's own way of combining
   * cycles or segments (lb-scoring.c), as the app and the CLI use it. */
  return lb_node_find_scale (item) != NULL && lb_scoring_combined (inst, obs, item, value, NULL);
}

/* The judgement the CLI and the wrap-up screen show: cycles combined,
 * segments judged each on their own. */
LbJudgement *
lb_report_evaluate (LbInstrument *inst, LbObservation *obs, LbNode *domain)
{
  return lb_judgement_evaluate_observation (domain, inst, obs);
}

/* ---- shared drawing ---- */

static char *
level_number (LbReportCtx *ctx, const LbLevel *level)
{
  double v = level->value;
  return lb_report_format_number (ctx, v, fabs (v - round (v)) < 1e-9 ? 0 : 1);
}

/* The scale's levels as cells: the chosen one filled, those below it
 * tinted, so a score reads as a bar. */
static void
draw_scale_cells (LbReportCtx *ctx, cairo_t *cr, PangoLayout **numbers, guint n,
                  double x, double y, double width, int chosen, gboolean not_observed)
{
  double gap = 2, cw = (width - gap * (n - 1)) / n;
  for (guint i = 0; i < n; i++)
    {
      double cx = x + i * (cw + gap);
      const LbColor *fill = NULL, *ink = &lb_color_muted;
      lb_report_rounded_rect (cr, cx, y, cw, BAR_HEIGHT, 2);
      if (not_observed)
        fill = &lb_color_box;
      else if ((int) i == chosen)
        fill = &lb_color_accent, ink = &lb_color_white;
      else if ((int) i < chosen)
        fill = &lb_color_accent_light, ink = &lb_color_accent;
      if (fill)
        {
          lb_report_set_color (cr, fill);
          cairo_fill_preserve (cr);
        }
      lb_report_set_color (cr, (int) i <= chosen && !not_observed ? &lb_color_accent : &lb_color_rule);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      if (numbers && cw >= 9)
        {
          double tw = lb_report_layout_width (numbers[i]), th = lb_report_layout_height (numbers[i]);
          lb_report_show_layout (cr, numbers[i], cx + (cw - tw) / 2, y + (BAR_HEIGHT - th) / 2,
                                 not_observed ? &lb_color_rule : ink);
        }
    }
}

/* The levels' numbers, laid out once per scale for the whole document:
 * every item of a report shows them. */
static PangoLayout **
number_layouts (LbReportCtx *ctx, LbScale *scale)
{
  PangoLayout **numbers = g_hash_table_lookup (ctx->numbers, scale);
  if (numbers)
    return numbers;
  guint n = lb_scale_get_n_levels (scale);
  numbers = g_new0 (PangoLayout *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = level_number (ctx, lb_scale_get_level (scale, i));
      numbers[i] = lb_report_layout_new (ctx, text, LB_FONT_TINY_BOLD, -1);
    }
  g_hash_table_insert (ctx->numbers, g_object_ref (scale), numbers);
  return numbers;
}

static void
free_layouts (PangoLayout **layouts)
{
  for (guint i = 0; layouts && layouts[i]; i++)
    g_object_unref (layouts[i]);
  g_free (layouts);
}

/* ---- the title ---- */

typedef struct {
  LbBlock      parent;
  char        *kicker, *title, *subtitle;
  PangoLayout *kl, *tl, *sl;
} Title;

static void
title_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Title *t = (Title *) block;
  g_clear_object (&t->kl);
  g_clear_object (&t->tl);
  g_clear_object (&t->sl);
  t->kl = lb_report_layout_new (ctx, t->kicker, LB_FONT_SMALL_BOLD, width);
  t->tl = lb_report_layout_new (ctx, t->title, LB_FONT_TITLE, width);
  t->sl = lb_report_layout_new (ctx, t->subtitle, LB_FONT_BODY, width);
  lb_block_add_slice (block, lb_report_layout_height (t->kl) + 2 + lb_report_layout_height (t->tl) + 2 +
                             lb_report_layout_height (t->sl) + 10);
}

static void
title_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
            guint from, guint to)
{
  Title *t = (Title *) block;
  lb_report_show_layout (cr, t->kl, x, y, &lb_color_accent);
  y += lb_report_layout_height (t->kl) + 2;
  lb_report_show_layout (cr, t->tl, x, y, &lb_color_text);
  y += lb_report_layout_height (t->tl) + 2;
  lb_report_show_layout (cr, t->sl, x, y, &lb_color_muted);
}

static void
title_finalize (LbBlock *block)
{
  Title *t = (Title *) block;
  g_free (t->kicker), g_free (t->title), g_free (t->subtitle);
  g_clear_object (&t->kl);
  g_clear_object (&t->tl);
  g_clear_object (&t->sl);
}

static const LbBlockClass title_class = { title_layout, title_draw, title_finalize };

LbBlock *
lb_block_title_new (LbReportCtx *ctx, const char *kicker, const char *title, const char *subtitle)
{
  Title *t = lb_block_alloc (&title_class, sizeof (Title));
  t->kicker = g_utf8_strup (kicker ? kicker : "", -1);
  t->title = g_strdup (title ? title : "");
  t->subtitle = g_strdup (subtitle ? subtitle : "");
  return &t->parent;
}

/* ---- the scale's legend ---- */

typedef struct {
  LbBlock       parent;
  LbScale      *scale;
  PangoLayout  *caption;
  PangoLayout **numbers;       /* shared, see number_layouts () */
  PangoLayout **labels;
  PangoLayout **bands;
  double        inset;         /* the items' session labels, left of their cells */
  double        cells_x, cells_width;
} Legend;

static void
legend_free_layouts (Legend *l)
{
  g_clear_object (&l->caption);
  l->numbers = NULL;
  g_clear_pointer (&l->labels, free_layouts);
  g_clear_pointer (&l->bands, free_layouts);
}

/* A 1–5 scale whose labels are its numbers needs them only once. */
static gboolean
labels_are_numbers (LbReportCtx *ctx, LbScale *scale)
{
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      g_autofree char *number = level_number (ctx, lb_scale_get_level (scale, i));
      if (g_strcmp0 (number, lb_report_text (ctx, lb_scale_get_level (scale, i)->label)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
legend_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Legend *l = (Legend *) block;
  guint n = lb_scale_get_n_levels (l->scale), n_bands = lb_scale_get_n_bands (l->scale);
  legend_free_layouts (l);
  /* Aligned with the items' bars below, unless the labels need the room. */
  gboolean wide = n > 5;
  l->cells_x = wide ? 0 : right_x (width) + l->inset;
  l->cells_width = wide ? width : right_width (width) - l->inset;
  double cw = (l->cells_width - 2 * (n - 1)) / n;
  const char *title = lb_report_text (ctx, lb_scale_get_title (l->scale));
  g_autofree char *caption = g_strdup_printf (TR (ctx, N_("Scale: %s")), *title ? title : lb_scale_get_id (l->scale));
  l->caption = lb_report_layout_new (ctx, caption, LB_FONT_TINY_BOLD, wide ? width : l->cells_x - GAP);
  l->numbers = number_layouts (ctx, l->scale);
  l->labels = g_new0 (PangoLayout *, n + 1);
  double label_h = 0;
  for (guint i = 0; i < n && !labels_are_numbers (ctx, l->scale); i++)
    {
      l->labels[i] = lb_report_layout_shared (ctx, lb_report_text (ctx, lb_scale_get_level (l->scale, i)->label),
                                              LB_FONT_TINY, cw, PANGO_ALIGN_CENTER, FALSE);
      label_h = MAX (label_h, lb_report_layout_height (l->labels[i]));
    }
  l->bands = g_new0 (PangoLayout *, n_bands + 1);
  double band_h = 0;
  for (guint i = 0; i < n_bands; i++)
    {
      const LbBand *b = lb_scale_get_band (l->scale, i);
      l->bands[i] = lb_report_layout_shared (ctx, lb_report_text (ctx, b->label), LB_FONT_TINY,
                                             (cw + 2) * (b->to - b->from + 1) - 2, PANGO_ALIGN_CENTER, FALSE);
      band_h = MAX (band_h, lb_report_layout_height (l->bands[i]) + 4);
    }
  double top = wide ? lb_report_layout_height (l->caption) + 3 : 0;
  double cells = band_h + BAR_HEIGHT + 2 + label_h;
  lb_block_add_slice (block, MAX (top + cells, lb_report_layout_height (l->caption)) + 4);
}

static void
legend_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
             guint from, guint to)
{
  Legend *l = (Legend *) block;
  guint n = lb_scale_get_n_levels (l->scale), n_bands = lb_scale_get_n_bands (l->scale);
  double cw = (l->cells_width - 2 * (n - 1)) / n;
  lb_report_show_layout (cr, l->caption, x, y, &lb_color_muted);
  if (l->cells_x == 0)
    y += lb_report_layout_height (l->caption) + 3;
  double band_h = 0;
  for (guint i = 0; i < n_bands; i++)
    band_h = MAX (band_h, lb_report_layout_height (l->bands[i]) + 4);
  for (guint i = 0; i < n_bands; i++)
    {
      const LbBand *b = lb_scale_get_band (l->scale, i);
      double bx = x + l->cells_x + b->from * (cw + 2), bw = (cw + 2) * (b->to - b->from + 1) - 2;
      lb_report_show_layout (cr, l->bands[i], bx, y, &lb_color_muted);
      lb_report_set_color (cr, &lb_color_rule);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, bx + 1, y + band_h - 1);
      cairo_line_to (cr, bx + bw - 1, y + band_h - 1);
      cairo_stroke (cr);
    }
  y += band_h;
  draw_scale_cells (ctx, cr, l->numbers, n, x + l->cells_x, y, l->cells_width, -1, FALSE);
  for (guint i = 0; i < n && l->labels[i]; i++)
    lb_report_show_layout (cr, l->labels[i], x + l->cells_x + i * (cw + 2), y + BAR_HEIGHT + 2, &lb_color_muted);
}

static void
legend_finalize (LbBlock *block)
{
  Legend *l = (Legend *) block;
  legend_free_layouts (l);
  g_object_unref (l->scale);
}

static const LbBlockClass legend_class = { legend_layout, legend_draw, legend_finalize };

LbBlock *
lb_block_scale_legend_new (LbReportCtx *ctx, LbScale *scale, gboolean sessions)
{
  Legend *l = lb_block_alloc (&legend_class, sizeof (Legend));
  l->scale = g_object_ref (scale);
  l->inset = sessions ? SESSION_LABEL : 0;
  l->parent.flags = LB_BLOCK_KEEP_WITH_NEXT;
  l->parent.space_before = 4;
  return &l->parent;
}

/* ---- an item ---- */

static const char *
session_word (LbReportCtx *ctx, LbSessionsKind sessions)
{
  return sessions == LB_SESSIONS_SEGMENTS ? TR (ctx, N_("segment %u")) : TR (ctx, N_("cycle %u"));
}


typedef struct {
  LbBlock       parent;
  LbScale      *scale;
  char         *head;         /* id, focus */
  char         *text;
  char         *indicators;   /* one per line, or NULL */
  char         *outcome;      /* the level's label, or "not observed" */
  char         *detail;       /* the level's descriptor, or why not observed */
  GArray       *scores;       /* LbReportScore, one per session */
  LbSessionsKind sessions;
  PangoLayout  *hl, *tl, *il, *ol, *dl;
  PangoLayout **numbers;       /* shared, see number_layouts () */
  PangoLayout **session_labels;
  double        left_height;
} ItemRow;

static void
item_free_layouts (ItemRow *r)
{
  g_clear_object (&r->hl);
  g_clear_object (&r->tl);
  g_clear_object (&r->il);
  g_clear_object (&r->ol);
  g_clear_object (&r->dl);
  r->numbers = NULL;
  g_clear_pointer (&r->session_labels, free_layouts);
}

static void
item_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  ItemRow *r = (ItemRow *) block;
  double lw = width * LEFT_SHARE, rw = right_width (width);
  item_free_layouts (r);
  r->hl = lb_report_layout_shared (ctx, r->head, LB_FONT_TINY, lw, PANGO_ALIGN_LEFT, FALSE);
  r->tl = lb_report_layout_shared (ctx, r->text, LB_FONT_BODY, lw, PANGO_ALIGN_LEFT, FALSE);
  double left = lb_report_layout_height (r->hl) + 1 + lb_report_layout_height (r->tl);
  if (r->indicators)
    {
      r->il = lb_report_layout_shared (ctx, r->indicators, LB_FONT_SMALL, lw - 8, PANGO_ALIGN_LEFT, FALSE);
      left += 3 + lb_report_layout_height (r->il);
    }
  r->left_height = left;

  r->numbers = number_layouts (ctx, r->scale);
  gboolean multi = r->sessions != LB_SESSIONS_NONE;
  r->session_labels = g_new0 (PangoLayout *, r->scores->len + 1);
  for (guint i = 0; multi && i < r->scores->len; i++)
    {
      guint session = g_array_index (r->scores, LbReportScore, i).session;
      g_autofree char *label = g_strdup_printf (session_word (ctx, r->sessions), session);
      r->session_labels[i] = lb_report_layout_shared (ctx, label, LB_FONT_TINY, SESSION_LABEL - 4, PANGO_ALIGN_LEFT, FALSE);
    }
  double right = r->scores->len * (BAR_HEIGHT + 3);
  r->ol = lb_report_layout_shared (ctx, r->outcome, LB_FONT_SMALL_BOLD, rw, PANGO_ALIGN_LEFT, FALSE);
  right += lb_report_layout_height (r->ol);
  if (r->detail)
    {
      r->dl = lb_report_layout_shared (ctx, r->detail, LB_FONT_TINY, rw, PANGO_ALIGN_LEFT, FALSE);
      right += 1 + lb_report_layout_height (r->dl);
    }
  lb_block_add_slice (block, MAX (left, right) + 11);
}

static void
item_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
           guint from, guint to)
{
  ItemRow *r = (ItemRow *) block;
  double top = y + 5;
  lb_report_show_layout (cr, r->hl, x, top, &lb_color_muted);
  double ty = top + lb_report_layout_height (r->hl) + 1;
  lb_report_show_layout (cr, r->tl, x, ty, &lb_color_text);
  if (r->il)
    lb_report_show_layout (cr, r->il, x + 8, ty + lb_report_layout_height (r->tl) + 3, &lb_color_muted);

  double rx = x + right_x (width), rw = right_width (width), ry = top + 1;
  guint n = lb_scale_get_n_levels (r->scale);
  for (guint i = 0; i < r->scores->len; i++)
    {
      const LbReportScore *s = &g_array_index (r->scores, LbReportScore, i);
      double bx = rx, bw = rw;
      if (r->session_labels[i])
        {
          lb_report_show_layout (cr, r->session_labels[i], rx, ry + 2, &lb_color_muted);
          bx += SESSION_LABEL, bw -= SESSION_LABEL;
        }
      draw_scale_cells (ctx, cr, r->numbers, n, bx, ry, bw, s->level, s->not_observed);
      ry += BAR_HEIGHT + 3;
    }
  gboolean scored = FALSE;
  for (guint i = 0; i < r->scores->len; i++)
    scored = scored || g_array_index (r->scores, LbReportScore, i).level >= 0;
  lb_report_show_layout (cr, r->ol, rx, ry, scored ? &lb_color_accent : &lb_color_muted);
  if (r->dl)
    lb_report_show_layout (cr, r->dl, rx, ry + lb_report_layout_height (r->ol) + 1, &lb_color_muted);

  /* The rule above: the evidence noted below an item stays with it. */
  lb_report_set_color (cr, &lb_color_rule);
  cairo_rectangle (cr, x, y, width, 0.3);
  cairo_fill (cr);
}

static void
item_finalize (LbBlock *block)
{
  ItemRow *r = (ItemRow *) block;
  item_free_layouts (r);
  g_object_unref (r->scale);
  g_free (r->head), g_free (r->text), g_free (r->indicators), g_free (r->outcome), g_free (r->detail);
  g_array_unref (r->scores);
}

static const LbBlockClass item_class = { item_layout, item_draw, item_finalize };

/* "hoog" for a coded mark, on the indicator's own small scale; the
 * not-applicable code in the scale's own words. */
static const char *
code_label (LbReportCtx *ctx, LbNode *ind, const char *code)
{
  LbScale *scale = lb_node_get_scale (ind);
  if (scale && g_strcmp0 (code, LB_CODE_NOT_APPLICABLE) == 0)
    return lb_scale_get_not_observed_label (scale, ctx->lang);
  int level = scale ? lb_scale_find_level (scale, code) : -1;
  return level >= 0 ? lb_report_text (ctx, lb_scale_get_level (scale, (guint) level)->label) : code;
}

/* One line per indicator that was ticked or coded: "✓ text" or
 * "[hoog] text"; with sessions, in which ones: "✓ (1, 2) text",
 * "[1: hoog · 2: midden] text". */
static void
append_indicator (GString *s, LbReportCtx *ctx, LbObservation *obs, LbNode *ind, gboolean sessions)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  gboolean coded = FALSE, any = FALSE;
  for (guint k = 0; k < obs->marks->len; k++)
    {
      LbMark *m = obs->marks->pdata[k];
      if (g_strcmp0 (m->indicator_id, lb_node_get_id (ind)) != 0)
        continue;
      gboolean tick = g_strcmp0 (m->code, "yes") == 0;
      const char *sep = !any ? "" : tick ? ", " : " · ";
      any = TRUE;
      coded = coded || !tick;
      if (sessions && tick)
        g_string_append_printf (codes, "%s%u", sep, m->session);
      else if (sessions)
        g_string_append_printf (codes, "%s%u: %s", sep, m->session, code_label (ctx, ind, m->code));
      else if (!tick)
        g_string_append_printf (codes, "%s%s", sep, code_label (ctx, ind, m->code));
    }
  if (!any)
    return;
  if (s->len)
    g_string_append_c (s, '\n');
  if (coded)
    g_string_append_printf (s, "[%s] ", codes->str);
  else if (sessions)
    g_string_append_printf (s, "✓ (%s) ", codes->str);
  else
    g_string_append (s, "✓ ");
  g_string_append (s, lb_report_text (ctx, lb_node_get_text (ind)));
}

static char *
ticked_indicators (LbReportCtx *ctx, LbObservation *obs, LbNode *item, gboolean sessions)
{
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint i = 0; i < lb_node_get_n_children (item); i++)
    {
      LbNode *ind = lb_node_get_child (item, i);
      if (lb_node_get_kind (ind) == LB_NODE_INDICATOR)
        append_indicator (s, ctx, obs, ind, sessions);
    }
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

static const char *
not_observed_words (LbReportCtx *ctx, LbScale *scale)
{
  const char *label = lb_scale_get_not_observed_label (scale, ctx->lang);
  /* The scale's own words, else ours in the report's language. */
  return g_strcmp0 (label, g_dgettext (GETTEXT_PACKAGE, "not observed")) == 0 ? TR (ctx, N_("not observed")) : label;
}

/* "midden" for a value on a scale with bands: the band of the level
 * nearest to it; NULL without bands. */
static guint
nearest_level (LbScale *scale, double value)
{
  guint nearest = 0;
  for (guint i = 1; i < lb_scale_get_n_levels (scale); i++)
    if (fabs (lb_scale_get_level (scale, i)->value - value) <
        fabs (lb_scale_get_level (scale, nearest)->value - value) - 1e-9)
      nearest = i;
  return nearest;
}

static const char *
band_of_value (LbReportCtx *ctx, LbScale *scale, double value)
{
  guint nearest = nearest_level (scale, value);
  for (guint b = 0; b < lb_scale_get_n_bands (scale); b++)
    {
      const LbBand *band = lb_scale_get_band (scale, b);
      if (nearest >= band->from && nearest <= band->to)
        return lb_report_text (ctx, band->label);
    }
  return NULL;
}

/* Cycles combine into one value (the mean over the cycles that have
 * one); segments each stand on their own, so each gets its own word. */
static char *
sessions_outcome (ItemRow *r, LbReportCtx *ctx, LbInstrument *inst, LbObservation *obs, LbNode *item)
{
  double value;
  guint n = 0;
  if (r->sessions == LB_SESSIONS_CYCLES)
    {
      if (!lb_scoring_combined (inst, obs, item, &value, &n))
        return NULL;
      g_autofree char *v = lb_report_format_number (ctx, value, 2);
      const char *band = band_of_value (ctx, r->scale, value);
      g_autofree char *mean = g_strdup_printf (TR (ctx, N_("mean over %u cycles: %s")), n, v);
      guint nearest = nearest_level (r->scale, value);
      const LbText *descriptor = lb_node_describe_level (item, nearest, NULL);
      if (descriptor && !lb_text_is_empty (descriptor))
        r->detail = g_strdup (lb_report_text (ctx, descriptor));
      return band ? g_strdup_printf ("%s (%s)", mean, band) : g_steal_pointer (&mean);
    }
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint i = 0; i < r->scores->len; i++)
    {
      const LbReportScore *sc = &g_array_index (r->scores, LbReportScore, i);
      if (sc->level < 0 && !sc->not_observed)
        continue;
      g_autofree char *which = g_strdup_printf (session_word (ctx, r->sessions), sc->session);
      g_string_append_printf (s, "%s%s: %s", s->len ? " · " : "", which,
                              sc->level >= 0 ? lb_report_text (ctx, lb_scale_get_level (r->scale, (guint) sc->level)->label)
                                             : not_observed_words (ctx, r->scale));
    }
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* What keeps a score from counting, or makes it doubtful: a score that
 * needs a linked note and has none; a holistic score far from what the
 * item's coded behaviours suggest through its anchors. */
static void
append_warnings (GString *s, ItemRow *r, LbReportCtx *ctx, LbInstrument *inst, LbObservation *obs, LbNode *item)
{
  for (guint i = 0; i < r->scores->len; i++)
    {
      guint session = g_array_index (r->scores, LbReportScore, i).session;
      g_autofree char *which = r->sessions == LB_SESSIONS_NONE ? g_strdup ("")
                             : g_strdup_printf (session_word (ctx, r->sessions), session);
      const char *sep = *which ? ": " : "";
      if (lb_scoring_item_lacks_evidence (inst, obs, session, item))
        g_string_append_printf (s, "%s%s%s%s", s->len ? "\n" : "", which, sep,
                                TR (ctx, N_("no note linked as evidence, so this score does not count yet")));
      LbAnchorCheck check = lb_scoring_check_anchors (inst, obs, session, item);
      if (check.far)
        {
          const char *suggested = lb_report_text (ctx, lb_scale_get_level (r->scale, check.suggested_level)->label);
          g_string_append_printf (s, "%s%s%s", s->len ? "\n" : "", which, sep);
          g_string_append_printf (s, TR (ctx, N_("the coded behaviours suggest %s; the score is further from that than "
                                                 "the instrument expects")), suggested);
        }
    }
}

/* The outcome line and its detail: the level with its descriptor, the
 * combined value of the cycles or each segment's level, or why the item
 * was not observed; then anything that keeps a score from counting. */
static void
describe_outcome (ItemRow *r, LbReportCtx *ctx, LbInstrument *inst, LbObservation *obs, LbNode *item)
{
  guint n_scored = 0, n_not = 0, last = 0;
  const char *reason = NULL;
  for (guint i = 0; i < r->scores->len; i++)
    {
      const LbReportScore *s = &g_array_index (r->scores, LbReportScore, i);
      if (s->level >= 0)
        n_scored++, last = (guint) s->level;
      else if (s->not_observed)
        n_not++;
    }
  for (guint k = 0; k < obs->scores->len && !reason; k++)
    {
      LbScore *s = obs->scores->pdata[k];
      if (s->not_observed && s->reason && g_strcmp0 (s->item_id, lb_node_get_id (item)) == 0)
        reason = s->reason;
    }
  g_autoptr(GString) detail = g_string_new (NULL);
  if (r->sessions != LB_SESSIONS_NONE && (n_scored > 0 || n_not > 0))
    {
      r->outcome = sessions_outcome (r, ctx, inst, obs, item);
      if (r->detail)
        g_string_append (detail, r->detail);
      g_clear_pointer (&r->detail, g_free);
    }
  else if (n_scored == 1)
    {
      const LbLevel *level = lb_scale_get_level (r->scale, last);
      r->outcome = g_strdup (lb_report_text (ctx, level->label));
      /* The level's own descriptor, else that of its band. */
      const LbText *descriptor = lb_node_describe_level (item, last, NULL);
      if (descriptor && !lb_text_is_empty (descriptor))
        g_string_append (detail, lb_report_text (ctx, descriptor));
    }
  else if (n_not > 0)
    r->outcome = g_strdup (not_observed_words (ctx, r->scale));
  if (r->outcome == NULL)
    r->outcome = g_strdup (n_not > 0 ? not_observed_words (ctx, r->scale) : TR (ctx, N_("not scored")));
  /* A long reason flows below the item instead (see the builder). */
  if (n_scored == 0 && n_not > 0 && reason && strlen (reason) <= LB_REPORT_SHORT_TEXT)
    g_string_append (detail, reason);
  append_warnings (detail, r, ctx, inst, obs, item);
  r->detail = detail->len ? g_string_free (g_steal_pointer (&detail), FALSE) : NULL;
}

/* One row per session the instrument declares (an empty one for a cycle
 * not scored yet), and any other session the observation holds. */
static void
collect_scores (ItemRow *r, LbInstrument *inst, LbObservation *obs, const char *id)
{
  guint count = 0;
  if (lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL) == LB_SESSIONS_NONE)
    count = 0;
  for (guint s = count ? 1 : 0; s <= count; s++)
    {
      LbReportScore rs = { s, -1, FALSE };
      g_array_append_val (r->scores, rs);
    }
  for (guint k = 0; k < obs->scores->len; k++)
    {
      LbScore *s = obs->scores->pdata[k];
      if (g_strcmp0 (s->item_id, id) != 0)
        continue;
      LbReportScore *rs = NULL;
      for (guint i = 0; i < r->scores->len && !rs; i++)
        if (g_array_index (r->scores, LbReportScore, i).session == s->session)
          rs = &g_array_index (r->scores, LbReportScore, i);
      if (rs == NULL)
        {
          LbReportScore extra = { s->session, -1, FALSE };
          g_array_append_val (r->scores, extra);
          rs = &g_array_index (r->scores, LbReportScore, r->scores->len - 1);
        }
      rs->level = s->not_observed ? -1 : lb_scale_find_level (r->scale, s->level_id);
      rs->not_observed = s->not_observed;
    }
}

LbBlock *
lb_block_item_new (LbReportCtx *ctx, LbObservation *obs, LbInstrument *inst, LbNode *item)
{
  ItemRow *r = lb_block_alloc (&item_class, sizeof (ItemRow));
  const char *id = lb_node_get_id (item);
  r->scale = g_object_ref (lb_node_find_scale (item));
  r->sessions = lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL);
  gboolean focus = obs->focus_items && g_strv_contains ((const char * const *) obs->focus_items, id);
  r->head = focus ? g_strdup_printf ("%s   ★ %s", id, TR (ctx, N_("focus of this lesson"))) : g_strdup (id);
  r->text = lb_report_hyphenate (ctx, lb_report_text (ctx, lb_node_get_text (item)));
  r->indicators = ticked_indicators (ctx, obs, item, r->sessions != LB_SESSIONS_NONE);
  r->scores = g_array_new (FALSE, FALSE, sizeof (LbReportScore));
  collect_scores (r, inst, obs, id);
  describe_outcome (r, ctx, inst, obs, item);
  return &r->parent;
}

/* ---- a domain's summary ---- */

typedef struct {
  LbBlock       parent;
  LbScale      *scale;
  char         *headline, *detail;
  guint        *counts;       /* per level */
  PangoLayout  *cl, *hl, *dl;
  PangoLayout **numbers;       /* shared, see number_layouts () */
  PangoLayout **count_labels;
  double        inset;         /* as the items' cells above */
} Summary;

#define HIST_HEIGHT 30.0

static void
summary_free_layouts (Summary *s)
{
  g_clear_object (&s->cl);
  g_clear_object (&s->hl);
  g_clear_object (&s->dl);
  s->numbers = NULL;
  g_clear_pointer (&s->count_labels, free_layouts);
}

static void
summary_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Summary *s = (Summary *) block;
  double lw = width * LEFT_SHARE - 10;
  guint n = lb_scale_get_n_levels (s->scale);
  summary_free_layouts (s);
  s->cl = lb_report_layout_shared (ctx, TR (ctx, N_("Summary of this domain")), LB_FONT_TINY_BOLD, lw, PANGO_ALIGN_LEFT, FALSE);
  s->hl = lb_report_layout_new (ctx, s->headline, LB_FONT_H2, lw);
  s->dl = lb_report_layout_new (ctx, s->detail, LB_FONT_SMALL, lw);
  s->numbers = number_layouts (ctx, s->scale);
  s->count_labels = g_new0 (PangoLayout *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *c = g_strdup_printf ("%u×", s->counts[i]);
      s->count_labels[i] = lb_report_layout_shared (ctx, c, LB_FONT_TINY, -1, PANGO_ALIGN_LEFT, FALSE);
    }
  double left = lb_report_layout_height (s->cl) + lb_report_layout_height (s->hl) + lb_report_layout_height (s->dl);
  double right = 9 + HIST_HEIGHT + 2 + BAR_HEIGHT;
  lb_block_add_slice (block, MAX (left, right) + 16);
}

static void
summary_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
              guint from, guint to)
{
  Summary *s = (Summary *) block;
  double h = g_array_index (block->slices, double, 0);
  lb_report_set_color (cr, &lb_color_box);
  lb_report_rounded_rect (cr, x, y + 4, width, h - 4, 4);
  cairo_fill (cr);
  double ty = y + 10;
  lb_report_show_layout (cr, s->cl, x + 8, ty, &lb_color_muted);
  ty += lb_report_layout_height (s->cl);
  lb_report_show_layout (cr, s->hl, x + 8, ty, &lb_color_text);
  ty += lb_report_layout_height (s->hl);
  lb_report_show_layout (cr, s->dl, x + 8, ty, &lb_color_muted);

  /* The distribution, in the columns of the scale's cells above. */
  guint n = lb_scale_get_n_levels (s->scale), max = 1;
  for (guint i = 0; i < n; i++)
    max = MAX (max, s->counts[i]);
  double rx = x + right_x (width) + s->inset, rw = right_width (width) - 8 - s->inset;
  double cw = (rw - 2 * (n - 1)) / n, base = y + 10 + 9 + HIST_HEIGHT;
  for (guint i = 0; i < n; i++)
    {
      double cx = rx + i * (cw + 2), bh = HIST_HEIGHT * s->counts[i] / max;
      double bar = MIN (cw * 0.6, 22);
      lb_report_set_color (cr, s->counts[i] ? &lb_color_accent : &lb_color_rule);
      cairo_rectangle (cr, cx + (cw - bar) / 2, base - MAX (bh, 0.6), bar, MAX (bh, 0.6));
      cairo_fill (cr);
      double lw = lb_report_layout_width (s->count_labels[i]);
      lb_report_show_layout (cr, s->count_labels[i], cx + (cw - lw) / 2, base - bh - 9, &lb_color_muted);
      double nw = lb_report_layout_width (s->numbers[i]);
      lb_report_show_layout (cr, s->numbers[i], cx + (cw - nw) / 2, base + 2, &lb_color_muted);
    }
}

static void
summary_finalize (LbBlock *block)
{
  Summary *s = (Summary *) block;
  summary_free_layouts (s);
  g_object_unref (s->scale);
  g_free (s->headline), g_free (s->detail), g_free (s->counts);
}

static const LbBlockClass summary_class = { summary_layout, summary_draw, summary_finalize };

/* Segments are scored on their own: the mean of each, beside the mean
 * over the whole lesson. */
static void
append_segment_means (GString *detail, LbReportCtx *ctx, LbInstrument *inst, LbObservation *obs, GPtrArray *items)
{
  guint count = 0;
  if (lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL) != LB_SESSIONS_SEGMENTS)
    return;
  for (guint session = 1; session <= count; session++)
    {
      double sum = 0, v;
      guint n = 0;
      for (guint i = 0; i < items->len; i++)
        if (lb_scoring_session_value (inst, obs, session, items->pdata[i], &v))
          sum += v, n++;
      g_autofree char *which = g_strdup_printf (TR (ctx, N_("segment %u")), session);
      g_autofree char *mean = n ? lb_report_format_number (ctx, sum / n, 2) : g_strdup ("—");
      g_string_append_printf (detail, "\n%s: %s", which, mean);
    }
}

LbBlock *
lb_block_domain_summary_new (LbReportCtx *ctx, LbObservation *obs, LbInstrument *inst, LbNode *domain)
{
  Summary *s = lb_block_alloc (&summary_class, sizeof (Summary));
  s->scale = g_object_ref (lb_node_get_scale (domain));
  s->inset = lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL) != LB_SESSIONS_NONE ? SESSION_LABEL : 0;
  guint n = lb_scale_get_n_levels (s->scale);
  s->counts = g_new0 (guint, n);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (domain, items);
  guint n_scored = 0, n_not = 0;
  double sum = 0;
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      double v;
      gboolean any_not = FALSE;
      if (lb_report_item_value (inst, obs, item, &v))
        n_scored++, sum += v;
      for (guint k = 0; k < obs->scores->len; k++)
        {
          LbScore *sc = obs->scores->pdata[k];
          if (g_strcmp0 (sc->item_id, lb_node_get_id (item)) != 0)
            continue;
          int level = sc->not_observed ? -1 : lb_scale_find_level (lb_node_find_scale (item), sc->level_id);
          /* Counted on the domain's scale: items with a scale of their own
           * count where their value falls on it. */
          if (level >= 0 && lb_node_find_scale (item) != s->scale)
            level = lb_scale_find_value (s->scale, lb_scale_get_level (lb_node_find_scale (item), (guint) level)->value);
          if (level >= 0 && (guint) level < n)
            s->counts[level]++;
          any_not = any_not || sc->not_observed;
        }
      if (any_not && !lb_report_item_value (inst, obs, item, &v))
        n_not++;
    }
  if (n_scored)
    {
      g_autofree char *mean = lb_report_format_number (ctx, sum / n_scored, 2);
      s->headline = g_strdup_printf (TR (ctx, N_("Mean %s")), mean);
    }
  else
    s->headline = g_strdup (TR (ctx, N_("No items scored")));
  g_autoptr(GString) detail = g_string_new (NULL);
  g_string_append_printf (detail, TR (ctx, N_("%u of %u items scored")), n_scored, items->len);
  if (n_not)
    g_string_append_printf (detail, TR (ctx, N_(", %u not observed")), n_not);
  append_segment_means (detail, ctx, inst, obs, items);
  s->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  s->parent.space_before = 4;
  return &s->parent;
}
