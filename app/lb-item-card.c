/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-item-card"

#include "config.h"
#include "lb-item-card.h"
#include "lb-scoring.h"

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
  GtkBox      *evidence_box;
  GtkLabel    *evidence_label;
  GtkMenuButton *evidence_button;
  GtkLabel    *anchor_label;

  LbInstrument *instrument;
  LbNode      *item;
  guint        number;
  GPtrArray   *level_buttons;      /* GtkToggleButton, one per level, then "not observed" */
  GPtrArray   *indicator_buttons;  /* GtkToggleButton: one per ticked indicator, one per code of a coded one */
  gboolean     updating;           /* set while showing stored state: no signals */
  gboolean     scored;
  LbObservation *obs;              /* what is shown, for the evidence popover */
  gboolean     editable;
  guint        session;
};

enum { SCORE_CHOSEN, MARK_SET, LINK_NOTE, ADD_EVIDENCE, FOCUSED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LbItemCard, lb_item_card, GTK_TYPE_BOX)

/* "3 · at level"; a scale labelled with its own numbers ("1" … "5")
 * needs no "1 · 1". */
static char *
level_text (LbScale *scale, guint level)
{
  const LbLevel *l = lb_scale_get_level (scale, level);
  g_autofree char *value = g_strdup_printf ("%g", l->value);
  const char *label = lb_text_get_ui (l->label);
  return g_str_equal (value, label) ? g_strdup (label) : g_strdup_printf ("%s · %s", value, label);
}

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
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  gboolean active = gtk_toggle_button_get_active (button);
  /* The codes of one indicator exclude each other, but a second tap on the
   * chosen one clears it: no radio group, which could not be emptied. */
  self->updating = TRUE;
  for (guint i = 0; active && i < self->indicator_buttons->len; i++)
    {
      GtkToggleButton *other = self->indicator_buttons->pdata[i];
      if (other != button && g_object_get_data (G_OBJECT (other), "indicator") == ind)
        gtk_toggle_button_set_active (other, FALSE);
    }
  self->updating = FALSE;
  g_signal_emit (self, signals[MARK_SET], 0, lb_node_get_id (ind), active ? code : NULL);
}

static GtkWidget *
level_button (LbItemCard *self, LbScale *scale, int index, GtkToggleButton *group)
{
  guint n = lb_scale_get_n_levels (scale);
  const char *label = index < 0 ? lb_scale_get_not_observed_label (scale, lb_text_ui_language ())
                                : lb_text_get_ui (lb_scale_get_level (scale, (guint) index)->label);
  g_autofree char *text = index < 0 ? g_strdup (label) : level_text (scale, (guint) index);
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

static GtkWidget *
ticked_chip (LbItemCard *self, LbNode *ind)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *l = gtk_label_new (lb_text_get_ui (lb_node_get_text (ind)));
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  /* A modest natural width lets two chips share a line on a tablet. */
  gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
  gtk_button_set_child (GTK_BUTTON (button), l);
  gtk_widget_add_css_class (button, "indicator-chip");
  g_object_set_data (G_OBJECT (button), "indicator", ind);
  g_object_set_data (G_OBJECT (button), "code", (gpointer) "yes");
  g_signal_connect (button, "toggled", G_CALLBACK (indicator_toggled_cb), self);
  g_ptr_array_add (self->indicator_buttons, button);
  return button;
}

static GtkWidget *
code_button (LbItemCard *self, LbNode *ind, const char *code, const char *label)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);
  gtk_widget_add_css_class (button, "indicator-code");
  g_object_set_data (G_OBJECT (button), "indicator", ind);
  g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
  /* "Speaks to pupils with respect: high" rather than a bare "high". */
  g_autofree char *a11y = g_strdup_printf (_("%s: %s"), lb_text_get_ui (lb_node_get_text (ind)), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (button, "toggled", G_CALLBACK (indicator_toggled_cb), self);
  g_ptr_array_add (self->indicator_buttons, button);
  return button;
}

/* A coded indicator: its text over its own small scale as a linked row of
 * toggle buttons (low / medium / high, and n/a where the scale allows it). */
static GtkWidget *
coded_chip (LbItemCard *self, LbNode *ind)
{
  LbScale *coding = lb_node_get_scale (ind);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "coded-indicator");
  GtkWidget *l = gtk_label_new (lb_text_get_ui (lb_node_get_text (ind)));
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
  gtk_box_append (GTK_BOX (box), l);
  GtkWidget *codes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (codes, "linked");
  gtk_box_set_homogeneous (GTK_BOX (codes), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (codes), GTK_ACCESSIBLE_RELATION_LABELLED_BY, l, NULL, -1);
  for (guint i = 0; i < lb_scale_get_n_levels (coding); i++)
    {
      const LbLevel *level = lb_scale_get_level (coding, i);
      GtkWidget *b = code_button (self, ind, level->id, lb_text_get_ui (level->label));
      gtk_widget_set_hexpand (b, TRUE);
      gtk_box_append (GTK_BOX (codes), b);
    }
  if (lb_scale_get_not_observed_allowed (coding))
    gtk_box_append (GTK_BOX (codes), code_button (self, ind, LB_CODE_NOT_APPLICABLE,
                                                  lb_scale_get_not_observed_label (coding, lb_text_ui_language ())));
  gtk_box_append (GTK_BOX (box), codes);
  return box;
}

static void
build_indicators (LbItemCard *self)
{
  guint n = lb_node_get_n_children (self->item);
  for (guint i = 0; i < n; i++)
    {
      LbNode *ind = lb_node_get_child (self->item, i);
      GtkWidget *chip = lb_node_get_scale (ind) ? coded_chip (self, ind) : ticked_chip (self, ind);
      gtk_flow_box_append (self->indicator_box, chip);
      /* The chips themselves take the focus, not the flow box's cells. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
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
      g_autofree char *title = level_text (scale, i);
      g_autofree char *line = g_markup_printf_escaped ("<b>%s</b>\n%s\n", title, lb_text_get_ui (d));
      g_string_append (text, line);
    }
  /* Cycle-shaped instruments describe bands (low 1–2, middle 3–5, …). */
  for (guint i = 0; scale && i < lb_node_get_n_band_descriptors (self->item); i++)
    {
      const LbBandDescriptor *bd = lb_node_get_band_descriptor (self->item, i);
      const LbBand *band = lb_scale_get_band (scale, bd->band);
      g_autofree char *line = g_markup_printf_escaped ("<b>%g–%g · %s</b>\n%s\n",
                                                       lb_scale_get_level (scale, band->from)->value,
                                                       lb_scale_get_level (scale, band->to)->value,
                                                       lb_text_get_ui (band->label), lb_text_get_ui (bd->text));
      g_string_append (text, line);
    }
  gtk_label_set_markup (self->descriptors_label, g_strchomp (text->str));
  gtk_widget_set_visible (GTK_WIDGET (self->descriptors_expander), text->len > 0);
}

LbItemCard *
lb_item_card_new (LbInstrument *instrument, LbNode *item, guint number)
{
  LbItemCard *self = g_object_new (LB_TYPE_ITEM_CARD, NULL);
  self->instrument = g_object_ref (instrument);
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

static gboolean
note_is_linked (LbNote *n, LbNode *item)
{
  return n->item_ids && g_strv_contains ((const char * const *) n->item_ids, lb_node_get_id (item));
}

static void
show_notes (LbItemCard *self, LbObservation *obs, guint session)
{
  g_autoptr(GString) text = g_string_new (NULL);
  for (guint i = 0; i < obs->notes->len; i++)
    {
      LbNote *n = obs->notes->pdata[i];
      if (n->session == session && note_is_linked (n, self->item))
        g_string_append_printf (text, _("%s[min %d] %s"), text->len ? "\n" : "", n->minute, n->text);
    }
  gtk_label_set_text (self->notes_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), text->len > 0);
}


/* What the coded behaviours say: the computed level of a roll-up item, or
 * a calm note when a holistic score is far from the anchors. */
static void
show_anchors (LbItemCard *self, LbObservation *obs, guint session)
{
  LbScale *scale = lb_node_get_scale (self->item);
  g_autofree char *text = NULL;
  guint level;
  double value;
  if (lb_node_get_scoring (self->item) == LB_SCORING_ROLLUP)
    {
      if (lb_scoring_rollup (self->instrument, obs, session, self->item, &level, &value))
        {
          g_autofree char *l = level_text (scale, level);
          text = g_strdup_printf (_("Computed from the coded behaviours: %s"), l);
        }
    }
  else if (lb_node_get_n_anchors (self->item) > 0)
    {
      LbAnchorCheck check = lb_scoring_check_anchors (self->instrument, obs, session, self->item);
      if (check.far)
        {
          g_autofree char *l = level_text (scale, check.suggested_level);
          text = g_strdup_printf (_("The coded behaviours suggest about %s. Check your score, or explain it in a note."), l);
        }
    }
  gtk_label_set_text (self->anchor_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_label), text != NULL);
}

static void
show_evidence (LbItemCard *self, LbObservation *obs, guint session, gboolean scored, gboolean lacks)
{
  /* A locked observation has no use for "link a note" under an item it never scored. */
  gboolean required = lb_node_get_evidence_required (self->item) && (self->editable || scored);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_box), required);
  if (!required)
    return;
  gboolean has = lb_scoring_item_has_evidence (obs, session, self->item);
  gtk_label_set_text (self->evidence_label,
                      lacks ? _("Evidence needed: the score counts once a note of this session is linked to it")
                      : has ? _("Evidence linked") : _("Evidence needed: link a note to the score"));
  if (lacks)
    gtk_widget_add_css_class (GTK_WIDGET (self->evidence_box), "lacking");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->evidence_box), "lacking");
}

/* Shows what is stored for @session; never emits. */
void
lb_item_card_show (LbItemCard *self, LbObservation *obs, guint session)
{
  g_return_if_fail (LB_IS_ITEM_CARD (self));
  if (self->obs != obs)
    {
      g_clear_pointer (&self->obs, lb_observation_unref);
      self->obs = lb_observation_ref (obs);
    }
  self->session = session;
  const LbScore *score = lb_observation_find_score (obs, session, lb_node_get_id (self->item));
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
      const char *id = lb_node_get_id (g_object_get_data (G_OBJECT (b), "indicator"));
      const char *code = g_object_get_data (G_OBJECT (b), "code");
      const char *stored = NULL;
      for (guint m = 0; m < obs->marks->len && stored == NULL; m++)
        {
          LbMark *mark = obs->marks->pdata[m];
          if (mark->session == session && g_str_equal (mark->indicator_id, id))
            stored = mark->code;
        }
      gtk_toggle_button_set_active (b, g_strcmp0 (stored, code) == 0);
    }
  self->updating = FALSE;
  gboolean lacks = lb_scoring_item_lacks_evidence (self->instrument, obs, session, self->item);
  /* A score without its required evidence does not count yet. */
  self->scored = active != -2 && !lacks;
  if (self->scored)
    gtk_widget_add_css_class (GTK_WIDGET (self), "scored");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "scored");
  show_notes (self, obs, session);
  show_evidence (self, obs, session, active >= 0, lacks);
  show_anchors (self, obs, session);
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
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_button), editable);
  self->editable = editable;
}

/* ---- evidence: link a note of this session, or write one here ---- */

static void
evidence_link_toggled_cb (GtkCheckButton *check, LbItemCard *self)
{
  g_signal_emit (self, signals[LINK_NOTE], 0, g_object_get_data (G_OBJECT (check), "note-uuid"),
                 gtk_check_button_get_active (check));
}

static void
evidence_add_cb (GtkWidget *widget, LbItemCard *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (widget), "entry");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*text == '\0')
    return;
  GtkWidget *popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);
  g_signal_emit (self, signals[ADD_EVIDENCE], 0, text);
  gtk_editable_set_text (entry, "");
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
evidence_note_check (LbItemCard *self, LbNote *n)
{
  g_autofree char *label = g_strdup_printf (_("min %d · %s"), n->minute, n->text);
  GtkWidget *check = gtk_check_button_new_with_label (label);
  GtkWidget *l = gtk_widget_get_last_child (check);
  if (GTK_IS_LABEL (l))
    {
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (l), 40);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), note_is_linked (n, self->item));
  g_object_set_data_full (G_OBJECT (check), "note-uuid", g_strdup (n->uuid), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (evidence_link_toggled_cb), self);
  return check;
}

/* Built when opened, from the notes of the session shown. */
static void
evidence_popup_cb (GtkMenuButton *button, gpointer data)
{
  LbItemCard *self = data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  guint n = 0;
  for (guint i = 0; self->obs && i < self->obs->notes->len; i++)
    {
      LbNote *note = self->obs->notes->pdata[i];
      if (note->session != self->session)
        continue;
      gtk_box_append (GTK_BOX (box), evidence_note_check (self, note));
      n++;
    }
  if (n == 0)
    {
      GtkWidget *none = gtk_label_new (_("No notes in this session yet. Write one:"));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What you saw"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New note as evidence for this item"), -1);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add and Link"));
  g_object_set_data (G_OBJECT (add), "entry", entry);
  g_object_set_data (G_OBJECT (entry), "entry", entry);
  g_signal_connect (add, "clicked", G_CALLBACK (evidence_add_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (evidence_add_cb), self);
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (GTK_BOX (row), add);
  gtk_box_append (GTK_BOX (box), row);
  gtk_widget_set_size_request (box, 360, -1);
  GtkWidget *popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
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
  g_clear_object (&self->instrument);
  g_clear_pointer (&self->obs, lb_observation_unref);
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
  signals[MARK_SET] = g_signal_new ("mark-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[LINK_NOTE] = g_signal_new ("link-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[ADD_EVIDENCE] = g_signal_new ("add-evidence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, evidence_button);
  gtk_widget_class_bind_template_child (widget_class, LbItemCard, anchor_label);
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
  gtk_menu_button_set_create_popup_func (self->evidence_button, evidence_popup_cb, self, NULL);
}
