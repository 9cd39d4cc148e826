/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-wrapup-view"

/* Per domain: the scores at a glance and, for a summative observation
 * only, the judgement the instrument's rules give, with every rule and
 * whether it held, which the assessor confirms or deviates from.
 *
 * Coaching and assessment stay separate: for any other purpose than
 * summatief no judgement is computed, let alone shown. The functions that
 * compute one assert this, so a wrong path fails loudly in the tests
 * instead of showing a coach a verdict. */

#include "config.h"
#include "lb-scoring.h"
#include "lb-wrapup-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
is_summative (LbWrapupView *self)
{
  return self->obs && self->obs->purpose == LB_PURPOSE_SUMMATIEF;
}

/* ---- scores ---- */

/* The item's value over its sessions, as the instrument combines them (a
 * roll-up item's computed level where it has no score); FALSE when it has
 * none, "not observed" never counting as a score. */
static gboolean
item_value (LbWrapupView *self, LbNode *item, double *value)
{
  return lb_scoring_combined (self->instrument, self->obs, item, value, NULL);
}

typedef struct {
  guint  n_items;
  guint  n_scored;
  double mean;
  guint  levels[16];     /* scores at each level of the domain's scale */
  guint  not_observed;   /* scores marked not observed */
} Tally;

static void
tally (WrapupDomain *d, Tally *t)
{
  LbWrapupView *self = d->self;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (d->domain, items);
  memset (t, 0, sizeof *t);
  t->n_items = items->len;
  double sum = 0, v;
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      if (item_value (self, item, &v))
        t->n_scored++, sum += v;
      for (guint k = 0; k < self->obs->scores->len; k++)
        {
          LbScore *s = self->obs->scores->pdata[k];
          if (g_strcmp0 (s->item_id, lb_node_get_id (item)) != 0)
            continue;
          int level = s->not_observed ? -1 : lb_scale_find_level (lb_node_get_scale (item), s->level_id);
          if (s->not_observed)
            t->not_observed++;
          else if (level >= 0 && level < (int) G_N_ELEMENTS (t->levels))
            t->levels[level]++;
        }
    }
  t->mean = t->n_scored ? sum / t->n_scored : 0;
}

static GtkWidget *
tally_cell (guint count, guint max, const char *label)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (number);
  gtk_widget_add_css_class (count_label, "title-2");
  gtk_widget_add_css_class (count_label, "tally-count");
  if (count == 0)
    gtk_widget_add_css_class (count_label, "dim-label");
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  GtkWidget *text = gtk_label_new (label);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (text, "caption");
  gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (cell), count_label);
  gtk_box_append (GTK_BOX (cell), bar);
  gtk_box_append (GTK_BOX (cell), text);
  return cell;
}

/* How many scores there are at each level, labelled with the scale's own
 * words: the shape of the lesson at a glance. */
static GtkWidget *
distribution_row (WrapupDomain *d, const Tally *t)
{
  LbScale *scale = lb_node_get_scale (d->domain);
  guint n_levels = MIN (lb_scale_get_n_levels (scale), G_N_ELEMENTS (t->levels));
  guint max = t->not_observed;
  for (guint i = 0; i < n_levels; i++)
    max = MAX (max, t->levels[i]);
  GtkWidget *row = adw_preferences_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Distribution"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_margin_top (box, 12), gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12), gtk_widget_set_margin_end (box, 12);
  g_autoptr(GString) a11y = g_string_new (_("Scores per level:"));
  for (guint i = 0; i < n_levels; i++)
    {
      const char *label = lb_text_get_ui (lb_scale_get_level (scale, i)->label);
      gtk_box_append (GTK_BOX (box), tally_cell (t->levels[i], max, label));
      g_string_append_printf (a11y, " %s %u,", label, t->levels[i]);
    }
  /* A scale without "not observed" (a cycle's 1–7) gets no empty column for it. */
  if (lb_scale_get_not_observed_allowed (scale) || t->not_observed > 0)
    {
      const char *no = lb_scale_get_not_observed_label (scale, lb_text_ui_language ());
      gtk_box_append (GTK_BOX (box), tally_cell (t->not_observed, max, no));
      g_string_append_printf (a11y, " %s %u", no, t->not_observed);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y->str, -1);
  return row;
}

static void
expanded_cb (AdwExpanderRow *row, GParamSpec *pspec, WrapupDomain *d)
{
  d->expanded = adw_expander_row_get_expanded (row);
}

static GtkWidget *
not_observed_row (WrapupDomain *d)
{
  LbWrapupView *self = d->self;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (d->domain, items);
  GtkWidget *expander = adw_expander_row_new ();
  guint n = 0;
  for (guint i = 0; i < items->len; i++)
    for (guint k = 0; k < self->obs->scores->len; k++)
      {
        LbScore *s = self->obs->scores->pdata[k];
        if (!s->not_observed || g_strcmp0 (s->item_id, lb_node_get_id (items->pdata[i])) != 0)
          continue;
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *title = g_strdup_printf ("%u. %s", lb_wrapup_view_item_number (self, items->pdata[i]),
                                                  lb_text_get_ui (lb_node_get_text (items->pdata[i])));
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s->reason && *s->reason ? s->reason : _("No reason given"));
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        n++;
      }
  if (n == 0)
    {
      g_object_ref_sink (expander), g_object_unref (expander);
      return NULL;
    }
  g_autofree char *title = g_strdup_printf (_("Not observed: %u"), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Items without a score, with the reason"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), d->expanded);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_cb), d);
  return expander;
}

static GtkWidget *
summary_group (WrapupDomain *d)
{
  Tally t;
  tally (d, &t);
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), lb_text_get_ui (lb_node_get_text (d->domain)));
  g_autofree char *description = t.n_scored
    ? g_strdup_printf (_("%u of %u items scored · mean %.2f"), t.n_scored, t.n_items, t.mean)
    : g_strdup_printf (_("%u of %u items scored"), t.n_scored, t.n_items);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), distribution_row (d, &t));
  GtkWidget *not_observed = not_observed_row (d);
  if (not_observed)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), not_observed);
  return group;
}

/* ---- the judgement (summative only) ---- */

const LbDomainJudgement *
lb_wrapup_view_find_judgement (LbWrapupView *self, const char *domain_id)
{
  for (guint i = 0; self->obs && i < self->obs->judgements->len; i++)
    {
      const LbDomainJudgement *dj = self->obs->judgements->pdata[i];
      if (g_strcmp0 (dj->domain_id, domain_id) == 0)
        return dj;
    }
  return NULL;
}

static LbJudgement *
evaluate (LbWrapupView *self, LbNode *domain)
{
  g_assert (is_summative (self));
  /* The same verdict as the report and the command line: independent
   * segments are each judged on their own. */
  return lb_judgement_evaluate_observation (domain, self->instrument, self->obs);
}

static GtkWidget *
rule_row (const LbRuleResult *r)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->explanation);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  GtkWidget *mark = gtk_image_new_from_icon_name (r->passed ? "object-select-symbolic" : "window-close-symbolic");
  gtk_widget_add_css_class (mark, r->passed ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  r->passed ? _("Rule met") : _("Rule not met"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark);
  g_autofree char *a11y = g_strdup_printf (r->passed ? _("Rule met: %s") : _("Rule not met: %s"), r->explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static GtkWidget *
verdict_row (LbJudgement *j)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", lb_verdict_to_string (j->verdict));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Computed by the instrument's rules"));
  gboolean met = j->verdict == LB_VERDICT_MET;
  GtkWidget *icon = gtk_image_new_from_icon_name (met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, met ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Computed judgement"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "verdict-row");
  return row;
}

static void update_decision (WrapupDomain *d);

static gboolean
store_judgement (WrapupDomain *d, gboolean confirmed, const char *decided, const char *motivation)
{
  LbWrapupView *self = d->self;
  g_assert (is_summative (self));
  LbDomainJudgement dj = {
    (char *) lb_node_get_id (d->domain),
    (char *) lb_wrapup_view_verdict_code (d->judgement->verdict),
    confirmed, (char *) decided, (char *) motivation,
  };
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_judgement (self->store, self->obs->uuid, &dj, &error))
    {
      lb_wrapup_view_report (self, error->message, NULL);
      update_decision (d);
      return FALSE;
    }
  lb_wrapup_view_reload (self);
  return TRUE;
}

static void
confirm_toggled_cb (GtkToggleButton *button, WrapupDomain *d)
{
  if (d->self->updating || !gtk_toggle_button_get_active (button))
    return;
  gtk_revealer_set_reveal_child (d->deviation, FALSE);
  store_judgement (d, TRUE, NULL, NULL);
}

static void
deviate_toggled_cb (GtkToggleButton *button, WrapupDomain *d)
{
  gboolean active = gtk_toggle_button_get_active (button);
  gtk_revealer_set_reveal_child (d->deviation, active);
  if (!d->self->updating && active)
    gtk_widget_grab_focus (GTK_WIDGET (d->motivation));
}

static char *
motivation_text (WrapupDomain *d)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->motivation);
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
motivation_changed_cb (GtkTextBuffer *buffer, WrapupDomain *d)
{
  g_autofree char *text = motivation_text (d);
  gtk_widget_set_sensitive (GTK_WIDGET (d->save_deviation), *text != '\0' && lb_wrapup_view_editable (d->self));
  if (d->self->updating)
    return;
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_hash_table_insert (d->self->motivation_drafts, g_strdup (lb_node_get_id (d->domain)),
                       gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
save_deviation_cb (GtkButton *button, WrapupDomain *d)
{
  g_autofree char *motivation = motivation_text (d);
  guint selected = adw_combo_row_get_selected (d->decided_row);
  if (*motivation == '\0' || selected >= G_N_ELEMENTS (d->options) || d->options[selected] == NULL)
    return;
  /* No toast: the row above now says "Deviating from the rules: …". */
  if (store_judgement (d, FALSE, d->options[selected], motivation))
    g_hash_table_remove (d->self->motivation_drafts, lb_node_get_id (d->domain));
}

static GtkWidget *
decision_row (WrapupDomain *d)
{
  GtkWidget *row = adw_action_row_new ();
  d->decision_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Your judgement"));
  d->decision_icon = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (d->decision_icon));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  d->confirm = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Agree")));
  d->deviate = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Deviate…")));
  gtk_toggle_button_set_group (d->deviate, d->confirm);
  gtk_widget_add_css_class (GTK_WIDGET (d->confirm), "agree");
  gtk_widget_add_css_class (GTK_WIDGET (d->deviate), "deviate");
  g_autofree char *domain = g_strdup (lb_text_get_ui (lb_node_get_text (d->domain)));
  g_autofree char *agree = g_strdup_printf (_("Agree with the computed judgement on %s"), domain);
  g_autofree char *deviate = g_strdup_printf (_("Deviate from the computed judgement on %s"), domain);
  gtk_widget_set_tooltip_text (GTK_WIDGET (d->confirm), agree);
  gtk_widget_set_tooltip_text (GTK_WIDGET (d->deviate), deviate);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->confirm), GTK_ACCESSIBLE_PROPERTY_LABEL, agree, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->deviate), GTK_ACCESSIBLE_PROPERTY_LABEL, deviate, -1);
  g_signal_connect (d->confirm, "toggled", G_CALLBACK (confirm_toggled_cb), d);
  g_signal_connect (d->deviate, "toggled", G_CALLBACK (deviate_toggled_cb), d);
  /* Touch-sized, like the score buttons on the observing screen. */
  gtk_widget_set_size_request (GTK_WIDGET (d->confirm), 48, 48);
  gtk_widget_set_size_request (GTK_WIDGET (d->deviate), 48, 48);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->confirm));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->deviate));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

/* Deviating means choosing the other verdict and saying why. */
static GtkWidget *
deviation_editor (WrapupDomain *d)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  const char *computed = lb_wrapup_view_verdict_code (d->judgement->verdict);
  const char *all[] = { "met", "not-met" };
  GtkStringList *labels = gtk_string_list_new (NULL);
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (!g_str_equal (all[i], computed))
      {
        d->options[n++] = all[i];
        gtk_string_list_append (labels, lb_wrapup_view_verdict_label (all[i]));
      }
  d->decided_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->decided_row), _("Your verdict"));
  adw_combo_row_set_model (d->decided_row, G_LIST_MODEL (labels));
  g_object_unref (labels);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->decided_row));
  gtk_box_append (GTK_BOX (box), list);

  GtkWidget *heading = gtk_label_new_with_mnemonic (_("_Motivation (required)"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  d->motivation = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (d->motivation), "motivation");
  gtk_text_view_set_wrap_mode (d->motivation, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (d->motivation, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (d->motivation), -1, 90);
  g_object_set (d->motivation, "top-margin", 12, "bottom-margin", 12, "left-margin", 12, "right-margin", 12, NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (heading), GTK_WIDGET (d->motivation));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (d->motivation), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  GtkWidget *frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (d->motivation));
  gtk_box_append (GTK_BOX (box), frame);
  g_signal_connect (gtk_text_view_get_buffer (d->motivation), "changed", G_CALLBACK (motivation_changed_cb), d);

  d->save_deviation = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save Deviation")));
  gtk_widget_set_halign (GTK_WIDGET (d->save_deviation), GTK_ALIGN_END);
  gtk_widget_set_size_request (GTK_WIDGET (d->save_deviation), 48, 48);
  gtk_widget_add_css_class (GTK_WIDGET (d->save_deviation), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (d->save_deviation), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (d->save_deviation), "save-deviation");
  gtk_widget_set_sensitive (GTK_WIDGET (d->save_deviation), FALSE);
  g_signal_connect (d->save_deviation, "clicked", G_CALLBACK (save_deviation_cb), d);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->save_deviation));

  d->deviation = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (d->deviation, box);
  return GTK_WIDGET (d->deviation);
}

static GtkWidget *
judgement_group (WrapupDomain *d)
{
  LbWrapupView *self = d->self;
  g_assert (is_summative (self));
  d->judgement = evaluate (self, d->domain);
  GtkWidget *group = adw_preferences_group_new ();
  gtk_widget_add_css_class (group, "judgement");
  LbText *title = lb_node_get_judgement_title (d->domain);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   title && !lb_text_is_empty (title) ? lb_text_get_ui (title) : _("Judgement"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("What the instrument's rules conclude from the scores, and why. Agree with it, or deviate with a written motivation."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), verdict_row (d->judgement));
  for (guint i = 0; i < d->judgement->results->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               rule_row (&g_array_index (d->judgement->results, LbRuleResult, i)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), decision_row (d));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), deviation_editor (d));
  return group;
}

/* Shows the stored decision. A deviation being written (the toggle on,
 * nothing stored yet) is left as it is. */
static void
update_decision (WrapupDomain *d)
{
  LbWrapupView *self = d->self;
  const LbDomainJudgement *dj = lb_wrapup_view_find_judgement (self, lb_node_get_id (d->domain));
  gboolean stale = dj && g_strcmp0 (dj->computed, lb_wrapup_view_verdict_code (d->judgement->verdict)) != 0;
  gboolean confirmed = dj && !stale && dj->confirmed;
  gboolean deviated = dj && !stale && !dj->confirmed && dj->decided;
  gboolean writing = !deviated && gtk_toggle_button_get_active (d->deviate);
  gboolean editable = lb_wrapup_view_editable (self);

  self->updating = TRUE;
  gtk_toggle_button_set_active (d->confirm, confirmed && !writing);
  gtk_toggle_button_set_active (d->deviate, deviated || writing);
  const char *draft = g_hash_table_lookup (self->motivation_drafts, lb_node_get_id (d->domain));
  if (deviated)
    {
      for (guint i = 0; i < G_N_ELEMENTS (d->options); i++)
        if (g_strcmp0 (d->options[i], dj->decided) == 0)
          adw_combo_row_set_selected (d->decided_row, i);
    }
  if (deviated || draft)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (d->motivation), draft ? draft : dj->motivation, -1);
  self->updating = FALSE;

  g_autofree char *subtitle = stale ? g_strdup (_("The scores changed after you judged; judge again"))
    : confirmed ? g_strdup_printf (_("Agreed: %s"), lb_verdict_to_string (d->judgement->verdict))
    : deviated ? g_strdup_printf (_("Deviating from the rules: %s"), lb_wrapup_view_verdict_label (dj->decided))
    : g_strdup (_("Not judged yet"));
  adw_action_row_set_subtitle (d->decision_row, subtitle);
  gboolean judged = confirmed || deviated;
  gtk_image_set_from_icon_name (d->decision_icon, judged ? "emblem-ok-symbolic" : "radio-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->decision_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  judged ? _("Judged") : _("Not judged yet"), -1);
  if (judged)
    gtk_widget_add_css_class (GTK_WIDGET (d->decision_icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (d->decision_icon), "success");
  gtk_widget_set_visible (GTK_WIDGET (d->save_deviation), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (d->confirm), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (d->deviate), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (d->decided_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (d->motivation), editable);
  g_autofree char *text = motivation_text (d);
  gtk_widget_set_sensitive (GTK_WIDGET (d->save_deviation), editable && *text != '\0');
}

/* ---- the domains together ---- */

static void
domain_free (gpointer data)
{
  WrapupDomain *d = data;
  g_clear_pointer (&d->judgement, lb_judgement_free);
  g_clear_object (&d->domain);
  g_free (d);
}

void
lb_wrapup_view_domains_clear (LbWrapupView *self)
{
  GtkWidget *child;
  /* Widgets first: their handlers point into the structs. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->domains_box))))
    gtk_box_remove (self->domains_box, child);
  if (self->domains)
    g_ptr_array_set_size (self->domains, 0);
}

/* Builds a section per domain; lb_wrapup_view_domains_update() fills it. */
void
lb_wrapup_view_domains_build (LbWrapupView *self)
{
  lb_wrapup_view_domains_clear (self);
  if (self->domains == NULL)
    self->domains = g_ptr_array_new_with_free_func (domain_free);
  GListModel *domains = lb_instrument_get_domains (self->instrument);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      WrapupDomain *d = g_new0 (WrapupDomain, 1);
      d->self = self;
      d->domain = g_list_model_get_item (domains, i);
      d->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
      /* The one place a judgement is made: summative observations only. */
      if (is_summative (self) && lb_node_get_n_rules (d->domain) > 0)
        gtk_box_append (GTK_BOX (d->box), judgement_group (d));
      gtk_box_append (self->domains_box, d->box);
      g_ptr_array_add (self->domains, d);
    }
}

void
lb_wrapup_view_domains_update (LbWrapupView *self)
{
  for (guint i = 0; self->domains && i < self->domains->len; i++)
    {
      WrapupDomain *d = self->domains->pdata[i];
      /* The summary holds nothing to type in: rebuilding it loses nothing. */
      GtkWidget *summary = summary_group (d);
      gtk_box_insert_child_after (GTK_BOX (d->box), summary, d->summary);
      if (d->summary)
        gtk_box_remove (GTK_BOX (d->box), d->summary);
      d->summary = summary;
      if (d->judgement)
        update_decision (d);
    }
}

void
lb_wrapup_view_focus_domain (LbWrapupView *self, LbNode *domain)
{
  for (guint i = 0; self->domains && i < self->domains->len; i++)
    {
      WrapupDomain *d = self->domains->pdata[i];
      if (d->domain == domain && d->confirm)
        gtk_widget_grab_focus (GTK_WIDGET (d->confirm));
    }
}

/* ---- completeness ---- */

static void
add_missing (GArray *out, MissingKind kind, LbNode *node, guint session)
{
  Missing m = { kind, node, session };
  g_array_append_val (out, m);
}

/* What keeps a summative observation from being signed, the same as the
 * CLI's "observe finalize" checks: every item scored or "not observed"
 * with a reason, in every session; every domain with rules judged on the
 * scores as they are now. */
GArray *
lb_wrapup_view_missing (LbWrapupView *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Missing));
  g_assert (is_summative (self));
  guint count = 0;
  guint first = lb_instrument_get_sessions (self->instrument, &count, NULL, NULL, NULL) == LB_SESSIONS_NONE ? 0 : 1;
  guint last = first == 0 ? 0 : count;
  GPtrArray *items = lb_instrument_get_items (self->instrument);
  for (guint s = first; s <= last; s++)
    for (guint i = 0; i < items->len; i++)
      {
        const LbScore *sc = lb_observation_find_score (self->obs, s, lb_node_get_id (items->pdata[i]));
        if (sc == NULL || (!sc->not_observed && sc->level_id == NULL))
          add_missing (out, MISSING_SCORE, items->pdata[i], s);
        else if (sc->not_observed && (sc->reason == NULL || *sc->reason == '\0'))
          add_missing (out, MISSING_REASON, items->pdata[i], s);
        else if (lb_scoring_item_lacks_evidence (self->instrument, self->obs, s, items->pdata[i]))
          add_missing (out, MISSING_EVIDENCE, items->pdata[i], s);
      }
  for (guint s = first; s <= last && first > 0; s++)
    if (lb_scoring_snapshots_missing (self->instrument, self->obs, s) > 0)
      add_missing (out, MISSING_SNAPSHOTS, NULL, s);
  for (guint i = 0; self->domains && i < self->domains->len; i++)
    {
      WrapupDomain *d = self->domains->pdata[i];
      if (d->judgement == NULL)
        continue;
      const LbDomainJudgement *dj = lb_wrapup_view_find_judgement (self, lb_node_get_id (d->domain));
      if (dj == NULL || (!dj->confirmed && dj->decided == NULL) ||
          g_strcmp0 (dj->computed, lb_wrapup_view_verdict_code (d->judgement->verdict)) != 0)
        add_missing (out, MISSING_JUDGEMENT, d->domain, 0);
    }
  return out;
}
