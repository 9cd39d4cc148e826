/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-item-card"

#include "config.h"
#include "lb-item-card.h"

#include <glib/gi18n.h>

struct _LbItemCard
{
  GtkBox       parent_instance;

  GtkLabel    *number_label;
  GtkLabel    *text_label;
  GtkBox      *scale_box;
  GtkFlowBox  *indicator_box;
  GtkLabel    *descriptors_label;
  GtkExpander *descriptors_expander;
  GtkLabel    *notes_label;
  GtkImage    *unsaved_icon;

  LbNode      *item;
  guint        number;
  GPtrArray   *level_buttons;      /* GtkToggleButton, one per level, then "not observed" */
  GPtrArray   *indicator_buttons;  /* GtkToggleButton, one per indicator */
  gboolean     updating;           /* set while showing stored state: no signals */
  gboolean     scored;
};

enum { SCORE_CHOSEN, MARK_TOGGLED, FOCUSED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LbItemCard, lb_item_card, GTK_TYPE_BOX)

static void
level_toggled_cb (GtkToggleButton *button, LbItemCard *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "level-index"));
  LbScale *scale = lb_node_get_scale (self->item);
  if (index < 0)
    g_signal_emit (self, signals[SCORE_CHOSEN], 0, NULL, TRUE);
  else
    g_signal_emit (self, signals[SCORE_CHOSEN], 0, lb_scale_get_level (scale, (guint) index)->id, FALSE);
}

static void
indicator_toggled_cb (GtkToggleButton *button, LbItemCard *self)
{
  if (self->updating)
    return;
  LbNode *ind = g_object_get_data (G_OBJECT (button), "indicator");
  g_signal_emit (self, signals[MARK_TOGGLED], 0, lb_node_get_id (ind),
                 gtk_toggle_button_get_active (button));
}

static GtkWidget *
level_button (LbItemCard *self, LbScale *scale, int index, GtkToggleButton *group)
{
  guint n = lb_scale_get_n_levels (scale);
  const char *label = index < 0 ? lb_scale_get_not_observed_label (scale, lb_text_ui_language ())
                                : lb_text_get_ui (lb_scale_get_level (scale, (guint) index)->label);
  g_autofree char *text = index < 0 ? g_strdup (label)
                                    : g_strdup_printf ("%g · %s", lb_scale_get_level (scale, (guint) index)->value, label);
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *l = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_justify (GTK_LABEL (l), GTK_JUSTIFY_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), l);
  gtk_widget_add_css_class (button, index < 0 ? "level-not-observed" : "level");
  gtk_widget_set_hexpand (button, index >= 0);
  if (group)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  g_object_set_data (G_OBJECT (button), "level-index", GINT_TO_POINTER (index));
  /* What a screen reader says: "Item 3, score 2 of 4, more weak than strong". */
  g_autofree char *a11y = index < 0 ? g_strdup_printf (_("Item %u, %s"), self->number, label)
                                    : g_strdup_printf (_("Item %u, score %g of %u, %s"), self->number,
                                                       lb_scale_get_level (scale, (guint) index)->value, n, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_tooltip_text (button, label);
  g_signal_connect (button, "toggled", G_CALLBACK (level_toggled_cb), self);
  return button;
}

static void
build_scale (LbItemCard *self)
{
  LbScale *scale = lb_node_get_scale (self->item);
  GtkToggleButton *group = NULL;
  for (guint i = 0; scale && i < lb_scale_get_n_levels (scale); i++)
    {
      GtkWidget *b = level_button (self, scale, (int) i, group);
      group = group ? group : GTK_TOGGLE_BUTTON (b);
      gtk_box_append (self->scale_box, b);
      g_ptr_array_add (self->level_buttons, b);
    }
  if (scale && lb_scale_get_not_observed_allowed (scale))
    {
      GtkWidget *b = level_button (self, scale, -1, group);
      gtk_box_append (self->scale_box, b);
      g_ptr_array_add (self->level_buttons, b);
    }
}

static void
build_indicators (LbItemCard *self)
{
  guint n = lb_node_get_n_children (self->item);
  for (guint i = 0; i < n; i++)
    {
      LbNode *ind = lb_node_get_child (self->item, i);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *l = gtk_label_new (lb_text_get_ui (lb_node_get_text (ind)));
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      /* A modest natural width lets two chips share a line on a tablet. */
      gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
      gtk_button_set_child (GTK_BUTTON (button), l);
      gtk_widget_add_css_class (button, "indicator-chip");
      g_object_set_data (G_OBJECT (button), "indicator", ind);
      g_signal_connect (button, "toggled", G_CALLBACK (indicator_toggled_cb), self);
      gtk_flow_box_append (self->indicator_box, button);
      g_ptr_array_add (self->indicator_buttons, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->indicator_box), n > 0);
}

static void
build_descriptors (LbItemCard *self)
{
  LbScale *scale = lb_node_get_scale (self->item);
  g_autoptr(GString) text = g_string_new (NULL);
  for (guint i = 0; scale && i < lb_scale_get_n_levels (scale); i++)
    {
      const LbText *d = lb_node_get_descriptor_for_level (self->item, i);
      if (d == NULL)
        continue;
      const LbLevel *l = lb_scale_get_level (scale, i);
      g_autofree char *line = g_markup_printf_escaped ("<b>%g · %s</b>\n%s\n", l->value,
                                                       lb_text_get_ui (l->label), lb_text_get_ui (d));
      g_string_append (text, line);
    }
  gtk_label_set_markup (self->descriptors_label, g_strchomp (text->str));
  gtk_widget_set_visible (GTK_WIDGET (self->descriptors_expander), text->len > 0);
}

LbItemCard *
lb_item_card_new (LbNode *item, guint number)
{
  LbItemCard *self = g_object_new (LB_TYPE_ITEM_CARD, NULL);
  self->item = g_object_ref (item);
  self->number = number;
  g_autofree char *num = g_strdup_printf ("%u", number);
  gtk_label_set_text (self->number_label, num);
  gtk_label_set_text (self->text_label, lb_text_get_ui (lb_node_get_text (item)));
  build_scale (self);
  build_indicators (self);
  build_descriptors (self);
  return self;
}

LbNode *
lb_item_card_get_item (LbItemCard *self)
{
  g_return_val_if_fail (LB_IS_ITEM_CARD (self), NULL);
  return self->item;
}

static void
show_notes (LbItemCard *self, LbObservation *obs)
{
  g_autoptr(GString) text = g_string_new (NULL);
  for (guint i = 0; i < obs->notes->len; i++)
    {
      LbNote *n = obs->notes->pdata[i];
      if (n->item_ids && g_strv_contains ((const char * const *) n->item_ids, lb_node_get_id (self->item)))
        g_string_append_printf (text, _("%s[min %d] %s"), text->len ? "\n" : "", n->minute, n->text);
    }
  gtk_label_set_text (self->notes_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), text->len > 0);
}

/* Shows what is stored; never emits. */
void
lb_item_card_show (LbItemCard *self, LbObservation *obs)
{
  g_return_if_fail (LB_IS_ITEM_CARD (self));
  const LbScore *score = lb_observation_find_score (obs, 0, lb_node_get_id (self->item));
  LbScale *scale = lb_node_get_scale (self->item);
  int active = -2;
  if (score && score->not_observed)
    active = -1;
  else if (score && scale)
    active = lb_scale_find_level (scale, score->level_id);
  self->updating = TRUE;
  for (guint i = 0; i < self->level_buttons->len; i++)
    {
      GtkToggleButton *b = self->level_buttons->pdata[i];
      int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "level-index"));
      gtk_toggle_button_set_active (b, index == active);
    }
  for (guint i = 0; i < self->indicator_buttons->len; i++)
    {
      GtkToggleButton *b = self->indicator_buttons->pdata[i];
      LbNode *ind = g_object_get_data (G_OBJECT (b), "indicator");
      gtk_toggle_button_set_active (b, lb_observation_has_mark (obs, 0, lb_node_get_id (ind)));
    }
  self->updating = FALSE;
  self->scored = active != -2;
  if (self->scored)
    gtk_widget_add_css_class (GTK_WIDGET (self), "scored");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "scored");
  show_notes (self, obs);
}

gboolean
lb_item_card_is_scored (LbItemCard *self)
{
  return self->scored;
}

void
lb_item_card_set_current (LbItemCard *self, gboolean current)
{
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "current");
}

void
lb_item_card_set_unsaved (LbItemCard *self, gboolean unsaved)
{
  gtk_widget_set_visible (GTK_WIDGET (self->unsaved_icon), unsaved);
}

gboolean
lb_item_card_activate_level (LbItemCard *self, int index)
{
  for (guint i = 0; i < self->level_buttons->len; i++)
    {
      GtkToggleButton *b = self->level_buttons->pdata[i];
      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "level-index")) == index &&
          gtk_widget_is_sensitive (GTK_WIDGET (b)))
        {
          if (gtk_toggle_button_get_active (b))
            return TRUE;
          gtk_toggle_button_set_active (b, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

void
lb_item_card_focus (LbItemCard *self)
{
  if (self->level_buttons->len > 0)
    gtk_widget_grab_focus (self->level_buttons->pdata[0]);
}

void
lb_item_card_set_editable (LbItemCard *self, gboolean editable)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_box), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->indicator_box), editable);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller, LbItemCard *self)
{
  g_signal_emit (self, signals[FOCUSED], 0);
}

static void
lb_item_card_dispose (GObject *object)
{
  LbItemCard *self = LB_ITEM_CARD (object);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_ITEM_CARD);
  g_clear_object (&self->item);
  g_clear_pointer (&self->level_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->indicator_buttons, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_item_card_parent_class)->dispose (object);
}

static void
lb_item_card_class_init (LbItemCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_item_card_dispose;

  signals[SCORE_CHOSEN] = g_signal_new ("score-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[MARK_TOGGLED] = g_signal_new ("mark-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[FOCUSED] = g_signal_new ("focused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-item-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, number_label);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, text_label);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, scale_box);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, indicator_box);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, descriptors_label);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, descriptors_expander);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, notes_label);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, unsaved_icon);
}

static void
lb_item_card_init (LbItemCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->level_buttons = g_ptr_array_new ();
  self->indicator_buttons = g_ptr_array_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
