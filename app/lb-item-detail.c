/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-item-detail"

#include "config.h"
#include "lb-item-detail.h"

#include <glib/gi18n.h>

struct _LbItemDetail
{
  AdwBin        parent_instance;
  GtkStack     *stack;
  GtkBox       *box;
  LbInstrument *instrument;
};

G_DEFINE_FINAL_TYPE (LbItemDetail, lb_item_detail, ADW_TYPE_BIN)

static void
clear_box (LbItemDetail *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))))
    gtk_box_remove (self->box, child);
}

static GtkWidget *
add_label (LbItemDetail *self, const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Not selectable: a selectable label that gets focus when an item opens
   * shows all its text selected. */
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->box, label);
  return label;
}

static GtkWidget *
add_group (LbItemDetail *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->box, group);
  return group;
}

static GtkWidget *
add_row (GtkWidget *group, const char *title, const char *subtitle, const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  /* Instrument texts are plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (suffix)
    {
      GtkWidget *label = gtk_label_new (suffix);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
show_overview (LbItemDetail *self)
{
  LbInstrument *inst = self->instrument;
  add_label (self, lb_text_get_ui (lb_instrument_get_title (inst)), "title-1");
  g_autofree char *sub = g_strdup_printf (_("Version %s · %u items · %u indicators"),
                                          lb_instrument_get_version (inst),
                                          lb_instrument_get_n_items (inst),
                                          lb_instrument_get_n_indicators (inst));
  add_label (self, sub, "dim-label");
  if (!lb_text_is_empty (lb_instrument_get_description (inst)))
    add_label (self, lb_text_get_ui (lb_instrument_get_description (inst)), "body");

  GtkWidget *about = add_group (self, _("About this instrument"), NULL);
  const char * const *authors = lb_instrument_get_authors (inst);
  if (authors && authors[0])
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) authors);
      add_row (about, _("Authors"), joined, NULL);
    }
  if (!lb_text_is_empty (lb_instrument_get_source (inst)))
    add_row (about, _("Source"), lb_text_get_ui (lb_instrument_get_source (inst)), NULL);
  if (!lb_text_is_empty (lb_instrument_get_validation (inst)))
    add_row (about, _("Validation"), lb_text_get_ui (lb_instrument_get_validation (inst)), NULL);
  g_autofree char *langs = g_strjoinv (", ", (char **) lb_instrument_get_languages (inst));
  add_row (about, _("Languages"), langs, NULL);

  GPtrArray *scales = lb_instrument_get_scales (inst);
  for (guint s = 0; s < scales->len; s++)
    {
      LbScale *scale = scales->pdata[s];
      const char *title = lb_text_get_ui (lb_scale_get_title (scale));
      GtkWidget *group = add_group (self, *title ? title : _("Scale"), NULL);
      for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
        {
          const LbLevel *l = lb_scale_get_level (scale, i);
          g_autofree char *t = g_strdup_printf ("%g · %s", l->value, lb_text_get_ui (l->label));
          add_row (group, t, lb_text_is_empty (l->description) ? NULL : lb_text_get_ui (l->description), NULL);
        }
    }
}

static char *
breadcrumb (LbNode *node)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  for (LbNode *p = lb_node_get_parent (node); p; p = lb_node_get_parent (p))
    g_ptr_array_insert (parts, 0, (gpointer) lb_text_get_ui (lb_node_get_text (p)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" › ", (char **) parts->pdata);
}

static void
show_indicators (LbItemDetail *self, LbNode *node)
{
  guint n = lb_node_get_n_children (node);
  if (n == 0)
    return;
  GtkWidget *group = add_group (self, _("Indicators"),
                                _("Concrete behaviours an observer can tick, from easier to harder"));
  for (guint i = 0; i < n; i++)
    {
      LbNode *ind = lb_node_get_child (node, i);
      g_autofree char *suffix = NULL;
      if (lb_node_has_difficulty (ind))
        suffix = g_strdup_printf (_("%+.1f logit"), lb_node_get_difficulty (ind));
      add_row (group, lb_text_get_ui (lb_node_get_text (ind)), NULL, suffix);
    }
}

static void
show_descriptors (LbItemDetail *self, LbNode *node)
{
  LbScale *scale = lb_node_get_scale (node);
  if (lb_node_get_n_descriptors (node) == 0 || scale == NULL)
    return;
  GtkWidget *group = add_group (self, _("Level descriptions"), NULL);
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      const LbText *d = lb_node_get_descriptor_for_level (node, i);
      if (d == NULL)
        continue;
      const LbLevel *l = lb_scale_get_level (scale, i);
      g_autofree char *t = g_strdup_printf ("%g · %s", l->value, lb_text_get_ui (l->label));
      add_row (group, t, lb_text_get_ui (d), NULL);
    }
}

static void
show_children (LbItemDetail *self, LbNode *node)
{
  GtkWidget *group = add_group (self, _("Contents"), NULL);
  for (guint i = 0; i < lb_node_get_n_children (node); i++)
    {
      LbNode *c = lb_node_get_child (node, i);
      add_row (group, lb_text_get_ui (lb_node_get_text (c)), lb_node_get_id (c), NULL);
    }
}

static void
show_node (LbItemDetail *self, LbNode *node)
{
  g_autofree char *crumbs = breadcrumb (node);
  if (*crumbs)
    add_label (self, crumbs, "dim-label");
  add_label (self, lb_text_get_ui (lb_node_get_text (node)), "title-2");
  add_label (self, lb_node_get_id (node), "caption")
    ;
  if (!lb_text_is_empty (lb_node_get_description (node)))
    add_label (self, lb_text_get_ui (lb_node_get_description (node)), "body");
  if (lb_node_get_kind (node) == LB_NODE_ITEM)
    {
      show_indicators (self, node);
      show_descriptors (self, node);
    }
  else
    show_children (self, node);
}

void
lb_item_detail_set_instrument (LbItemDetail *self, LbInstrument *instrument)
{
  g_return_if_fail (LB_IS_ITEM_DETAIL (self));
  g_set_object (&self->instrument, instrument);
  lb_item_detail_set_node (self, NULL);
}

void
lb_item_detail_set_node (LbItemDetail *self, LbNode *node)
{
  g_return_if_fail (LB_IS_ITEM_DETAIL (self));
  clear_box (self);
  if (node)
    show_node (self, node);
  else if (self->instrument)
    show_overview (self);
  gtk_stack_set_visible_child_name (self->stack, node || self->instrument ? "content" : "empty");
}

static void
lb_item_detail_dispose (GObject *object)
{
  LbItemDetail *self = LB_ITEM_DETAIL (object);
  g_clear_object (&self->instrument);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_ITEM_DETAIL);
  G_OBJECT_CLASS (lb_item_detail_parent_class)->dispose (object);
}

static void
lb_item_detail_class_init (LbItemDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_item_detail_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-item-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LbItemDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LbItemDetail, box);
}

static void
lb_item_detail_init (LbItemDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
