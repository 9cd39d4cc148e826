/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-comparison-view"

/* The comparison screen: observers of one lesson side by side. The
 * numbers are lb_comparison_load's (app/lb-agreement.c documents the
 * formulas); this only lays them out: over the whole lesson, then per
 * cycle or segment where the instrument has them, each on the
 * instrument's own scale. */

#include "config.h"
#include "lb-comparison-view.h"
#include "lb-agreement.h"

#include <glib/gi18n.h>
#include <math.h>

struct _LbComparisonView
{
  AdwBin          parent_instance;
  AdwWindowTitle *title;
  GtkBox         *content;
};

G_DEFINE_FINAL_TYPE (LbComparisonView, lb_comparison_view, ADW_TYPE_BIN)

/* In the interface's language: "83,3%" in Dutch, "83.3%" in English,
 * whatever the C locale says. */
static char *
ui_number (double value, const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (g_str_equal (lb_text_ui_language (), "nl"))
    g_strdelimit (buf, ".", ',');
  return g_strdup (buf);
}

char *
lb_comparison_format_share (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  g_autofree char *number = ui_number (100 * share, "%.1f");
  return g_strdup_printf ("%s%%", number);
}

char *
lb_comparison_format_stat (double value)
{
  return isnan (value) ? g_strdup ("—") : ui_number (value, "%.3f");
}

static const char *
session_word (LbSessionsKind kind)
{
  return kind == LB_SESSIONS_SEGMENTS ? _("Segment %u") : _("Cycle %u");
}

static GtkWidget *
cell (GtkGrid *grid, const char *text, int column, int row, gboolean expand, const char *css)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), expand ? 0 : 0.5);
  gtk_label_set_wrap (GTK_LABEL (label), expand);
  gtk_widget_set_hexpand (label, expand);
  if (css)
    gtk_widget_add_css_class (label, css);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

static const char *
level_text (LbNode *item, int level)
{
  if (level == LB_AGREEMENT_NOT_OBSERVED)
    return "–";
  LbScale *scale = lb_node_find_scale (item);
  if (level < 0 || scale == NULL || (guint) level >= lb_scale_get_n_levels (scale))
    return "";
  return lb_scale_get_level (scale, (guint) level)->id;
}

static void
clear (LbComparisonView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))))
    gtk_box_remove (self->content, child);
}

static GtkWidget *
group (LbComparisonView *self, const char *title, const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (self->content, g);
  return g;
}

/* The five numbers of one set of statistics as rows, their value labels
 * named "stat-KEY-SUFFIX". */
static void
add_stat_rows (GtkWidget *parent, LbAgreementStats *st, const char *suffix)
{
  struct { const char *key, *title; char *value; } rows[] = {
    { "exact", _("Exact agreement"), lb_comparison_format_share (st->exact) },
    { "within-one", _("Agreement within one point"), lb_comparison_format_share (st->within_one) },
    { "kappa", _("Cohen's kappa"), lb_comparison_format_stat (st->kappa) },
    { "kappa-quadratic", _("Cohen's kappa, quadratically weighted"),
      lb_comparison_format_stat (st->kappa_quadratic) },
    { "alpha", _("Krippendorff's alpha, ordinal"), lb_comparison_format_stat (st->alpha_ordinal) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rows[i].title);
      GtkWidget *value = gtk_label_new (rows[i].value);
      gtk_widget_add_css_class (value, "numeric");
      g_autofree char *name = g_strdup_printf ("stat-%s-%s", rows[i].key, suffix);
      gtk_widget_set_name (value, name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      if (ADW_IS_EXPANDER_ROW (parent))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
      g_free (rows[i].value);
    }
}

/* The scale the statistics are on, in its own words: the categories are
 * all its levels, also those nobody chose. */
static char *
scale_words (LbScale *scale)
{
  const char *title = lb_text_get_ui (lb_scale_get_title (scale));
  return g_strdup (*title ? title : lb_scale_get_id (scale));
}

static void
add_stats (LbComparisonView *self, LbComparison *c)
{
  for (guint s = 0; s < c->stats->len; s++)
    {
      LbAgreementStats *st = c->stats->pdata[s];
      g_autofree char *scale = scale_words (st->scale);
      /* With cycles an item is scored once per cycle: scores, not items. */
      g_autofree char *desc = g_strdup_printf (_("Scale “%s” (%u levels): %u scores per observer, %u of them by two "
                                                 "observers or more"),
                                               scale, lb_scale_get_n_levels (st->scale), st->n_items, st->n_units);
      GtkWidget *g = group (self, _("Agreement"), desc);
      g_autofree char *suffix = g_strdup_printf ("%u", s);
      add_stat_rows (g, st, suffix);
    }
}

/* Where the instrument has cycles or segments: the same numbers within
 * each, since agreement on a cycle instrument is judged per cycle. Value
 * labels are named "stat-KEY-sSESSION-N" (N the scale's index in the
 * comparison's stats). */
static void
add_session_stats (LbComparisonView *self, LbComparison *c)
{
  if (c->session_stats == NULL || c->session_stats->len == 0)
    return;
  LbSessionsKind kind = lb_instrument_get_sessions (c->instrument, NULL, NULL, NULL, NULL);
  GtkWidget *g = group (self, kind == LB_SESSIONS_SEGMENTS ? _("Agreement per segment") : _("Agreement per cycle"),
                        kind == LB_SESSIONS_SEGMENTS ? _("Each segment is scored on its own.")
                                                     : _("Each cycle on its own: a good cycle does not make up for a "
                                                         "poor one."));
  for (guint i = 0; i < c->session_stats->len; i++)
    {
      LbAgreementStats *st = c->session_stats->pdata[i];
      guint index = 0;
      for (guint k = 0; k < c->stats->len; k++)
        if (((LbAgreementStats *) c->stats->pdata[k])->scale == st->scale)
          index = k;
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *title = g_strdup_printf (session_word (kind), st->session);
      g_autofree char *exact = lb_comparison_format_share (st->exact);
      g_autofree char *within = lb_comparison_format_share (st->within_one);
      g_autofree char *scale = scale_words (st->scale);
      /* Translators: a scale's name; the exact and within-one agreement */
      g_autofree char *summary = c->stats->len > 1
        ? g_strdup_printf (_("%s: exact %s, within one point %s"), scale, exact, within)
        : g_strdup_printf (_("Exact %s, within one point %s"), exact, within);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
      g_autofree char *suffix = g_strdup_printf ("s%u-%u", st->session, index);
      add_stat_rows (row, st, suffix);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
}

static void
add_rows (LbComparisonView *self, LbComparison *c)
{
  GtkWidget *g = group (self, _("Per item"),
                        _("Highlighted: the observers are two points or more apart. – is not observed."));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (grid));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), frame);

  guint n = c->observations->len;
  cell (grid, _("Item"), 0, 0, TRUE, "heading");
  for (guint o = 0; o < n; o++)
    {
      LbObservation *obs = c->observations->pdata[o];
      cell (grid, obs->observer ? obs->observer->name : "", 1 + o, 0, FALSE, "heading");
    }
  cell (grid, _("Spread"), 1 + n, 0, FALSE, "heading");
  LbSessionsKind kind = lb_instrument_get_sessions (c->instrument, NULL, NULL, NULL, NULL);
  guint line = 1, session = 0;
  for (guint r = 0; r < c->rows->len; r++)
    {
      LbComparisonRow *row = c->rows->pdata[r];
      /* The rows come by session: a heading where a new one starts. */
      if (row->session != session && kind != LB_SESSIONS_NONE)
        {
          session = row->session;
          g_autofree char *title = g_strdup_printf (session_word (kind), session);
          GtkWidget *h = cell (grid, title, 0, line++, TRUE, "heading");
          gtk_widget_set_margin_top (h, 6);
        }
      gboolean notable = row->spread >= LB_COMPARISON_NOTABLE_SPREAD;
      const char *css = notable ? "error" : NULL;
      g_autofree char *text = g_strdup_printf ("%s %s", lb_node_get_id (row->item),
                                               lb_text_get_ui (lb_node_get_text (row->item)));
      GtkWidget *label = cell (grid, text, 0, line, TRUE, css);
      if (notable)
        gtk_widget_add_css_class (label, "lb-notable");
      for (guint o = 0; o < n; o++)
        cell (grid, level_text (row->item, row->levels[o]), 1 + o, line, FALSE, css);
      g_autofree char *spread = row->spread >= 0 ? g_strdup_printf ("%d", row->spread) : g_strdup ("");
      cell (grid, spread, 1 + n, line, FALSE, css);
      line++;
    }
}

gboolean
lb_comparison_view_load (LbComparisonView *self, LbStore *store, const char * const *uuids, GError **error)
{
  g_return_val_if_fail (LB_IS_COMPARISON_VIEW (self), FALSE);
  g_autoptr(LbComparison) c = lb_comparison_load (store, uuids, LB_COMPARE_DEFAULT, error);
  if (c == NULL)
    return FALSE;
  clear (self);
  LbObservation *first = c->observations->pdata[0];
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", first->starter ? first->starter->name : "",
                                               first->date ? first->date : "");
  adw_window_title_set_subtitle (self->title, subtitle);
  add_stats (self, c);
  add_session_stats (self, c);
  add_rows (self, c);
  return TRUE;
}

static void
lb_comparison_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_COMPARISON_VIEW);
  G_OBJECT_CLASS (lb_comparison_view_parent_class)->dispose (object);
}

static void
lb_comparison_view_class_init (LbComparisonViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_comparison_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbComparisonView, title);
  gtk_widget_class_bind_template_child (widget_class, LbComparisonView, content);
}

static void
lb_comparison_view_init (LbComparisonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
