/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-comparison-view"

/* The comparison screen: observers of one lesson side by side. The
 * numbers are lb_comparison_load's (app/lb-agreement.c documents the
 * formulas); this only lays them out. */

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

char *
lb_comparison_format_share (double share)
{
  return isnan (share) ? g_strdup ("—") : g_strdup_printf ("%.1f%%", 100 * share);
}

char *
lb_comparison_format_stat (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.3f", value);
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
  if (level < 0)
    return "";
  return lb_scale_get_level (lb_node_get_scale (item), (guint) level)->id;
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

static void
add_stats (LbComparisonView *self, LbComparison *c)
{
  for (guint s = 0; s < c->stats->len; s++)
    {
      LbAgreementStats *st = c->stats->pdata[s];
      g_autofree char *desc = g_strdup_printf (_("Scale “%s”: %u items, %u scored by two observers or more"),
                                               lb_scale_get_id (st->scale), st->n_items,
                                               st->n_units);
      GtkWidget *g = group (self, _("Agreement"), desc);
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
          g_autofree char *name = g_strdup_printf ("stat-%s-%u", rows[i].key, s);
          gtk_widget_set_name (value, name);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
          g_free (rows[i].value);
        }
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
  for (guint r = 0; r < c->rows->len; r++)
    {
      LbComparisonRow *row = c->rows->pdata[r];
      gboolean notable = row->spread >= LB_COMPARISON_NOTABLE_SPREAD;
      const char *css = notable ? "error" : NULL;
      g_autofree char *text = row->session
        ? g_strdup_printf ("%s (%u) %s", lb_node_get_id (row->item), row->session,
                           lb_text_get_ui (lb_node_get_text (row->item)))
        : g_strdup_printf ("%s %s", lb_node_get_id (row->item), lb_text_get_ui (lb_node_get_text (row->item)));
      GtkWidget *label = cell (grid, text, 0, 1 + r, TRUE, css);
      if (notable)
        gtk_widget_add_css_class (label, "lb-notable");
      for (guint o = 0; o < n; o++)
        cell (grid, level_text (row->item, row->levels[o]), 1 + o, 1 + r, FALSE, css);
      g_autofree char *spread = row->spread >= 0 ? g_strdup_printf ("%d", row->spread) : g_strdup ("");
      cell (grid, spread, 1 + n, 1 + r, FALSE, css);
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
