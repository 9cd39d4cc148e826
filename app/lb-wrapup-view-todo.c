/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-wrapup-view"

/* "Before you can finalize": what a summative observation still lacks,
 * each with a way to fix it. An unscored item has a button back to
 * observing; an item marked not observed gets its reason typed right
 * here; an unjudged domain moves focus to its judgement. */

#include "config.h"
#include "lb-scoring.h"
#include "lb-wrapup-view-private.h"

#include <glib/gi18n.h>

static char *
draft_key (guint session, LbNode *item)
{
  return g_strdup_printf ("%u:%s", session, lb_node_get_id (item));
}

static char *
item_title (LbWrapupView *self, LbNode *item)
{
  return g_strdup_printf ("%u. %s", lb_wrapup_view_item_number (self, item),
                          lb_text_get_ui (lb_node_get_text (item)));
}

static GtkWidget *
back_button (LbWrapupView *self, LbNode *item)
{
  GtkWidget *button = gtk_button_new_with_label (item ? _("Score Item") : _("Answer"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, 48, 48);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-observation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", self->obs->uuid);
  g_autofree char *tip = item ? g_strdup_printf (_("Back to observing to score item %u"),
                                                 lb_wrapup_view_item_number (self, item))
                              : g_strdup (_("Back to observing to answer the snapshots"));
  gtk_widget_set_tooltip_text (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  return button;
}

static GtkWidget *
item_row (LbWrapupView *self, const Missing *m)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  if (m->kind == MISSING_SNAPSHOTS)
    {
      guint n = lb_scoring_snapshots_missing (self->instrument, self->obs, m->session);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u snapshot not answered", "%u snapshots not answered", n), n);
    }
  else
    title = item_title (self, m->node);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  const char *what = m->kind == MISSING_SCORE ? _("Not scored yet")
                     : m->kind == MISSING_EVIDENCE ? _("Scored, but no note of this session is linked as evidence")
                     : m->kind == MISSING_SNAPSHOTS ? _("Snapshots")
                     : _("Marked not observed, without a reason");
  g_autofree char *subtitle = m->session ? g_strdup_printf (_("%s (session %u)"), what, m->session) : g_strdup (what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name ("radio-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  GtkWidget *button = back_button (self, m->node);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reason_changed_cb (GtkEditable *editable, LbWrapupView *self)
{
  g_hash_table_insert (self->reason_drafts, g_strdup (g_object_get_data (G_OBJECT (editable), "key")),
                       g_strdup (gtk_editable_get_text (editable)));
}

static void
reason_apply_cb (AdwEntryRow *row, LbWrapupView *self)
{
  LbNode *item = g_object_get_data (G_OBJECT (row), "item");
  guint session = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "session"));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*reason == '\0')
    {
      lb_wrapup_view_report (self, _("Write the reason first"), NULL);
      return;
    }
  /* Enter and the apply button may both get here; the first one saves. */
  const LbScore *sc = lb_observation_find_score (self->obs, session, lb_node_get_id (item));
  if (sc == NULL || !sc->not_observed || (sc->reason && *sc->reason))
    return;
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_score (self->store, self->obs->uuid, session, lb_node_get_id (item), NULL, TRUE,
                           reason, &error))
    {
      lb_wrapup_view_report (self, error->message, NULL);
      return;
    }
  g_hash_table_remove (self->reason_drafts, g_object_get_data (G_OBJECT (row), "key"));
  lb_wrapup_view_reload (self);
}

static GtkWidget *
reason_row (LbWrapupView *self, const Missing *m)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = g_strdup_printf (_("Why was item %u not observed?"),
                                            lb_wrapup_view_item_number (self, m->node));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "reason");
  char *key = draft_key (m->session, m->node);
  const char *draft = g_hash_table_lookup (self->reason_drafts, key);
  if (draft)
    gtk_editable_set_text (GTK_EDITABLE (row), draft);
  g_object_set_data_full (G_OBJECT (row), "key", key, g_free);
  g_object_set_data (G_OBJECT (row), "item", m->node);
  g_object_set_data (G_OBJECT (row), "session", GUINT_TO_POINTER (m->session));
  g_signal_connect (row, "changed", G_CALLBACK (reason_changed_cb), self);
  g_signal_connect (row, "apply", G_CALLBACK (reason_apply_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (reason_apply_cb), self);
  return row;
}

static void
judge_activated_cb (AdwActionRow *row, LbWrapupView *self)
{
  lb_wrapup_view_focus_domain (self, g_object_get_data (G_OBJECT (row), "domain"));
}

static GtkWidget *
judgement_row (LbWrapupView *self, const Missing *m)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_autofree char *title = g_strdup_printf (_("Judge: %s"), lb_text_get_ui (lb_node_get_text (m->node)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  const LbDomainJudgement *dj = lb_wrapup_view_find_judgement (self, lb_node_get_id (m->node));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dj && (dj->confirmed || dj->decided)
                               ? _("The scores changed after you judged; judge again")
                               : _("Agree with the computed judgement below, or deviate from it"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("radio-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "domain", m->node);
  g_signal_connect (row, "activated", G_CALLBACK (judge_activated_cb), self);
  return row;
}

static gboolean
focus_is_inside (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  return focus && gtk_widget_is_ancestor (focus, widget);
}

/* Rebuilds the list from @missing (empty, or NULL, hides it). Focus that
 * was in the list stays in it, or moves on to "Finalize" once the list is
 * done, so a keyboard user is not thrown back to the top. */
void
lb_wrapup_view_todo_update (LbWrapupView *self, GArray *missing)
{
  gboolean had_focus = focus_is_inside (GTK_WIDGET (self->todo_box));
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->todo_box))))
    gtk_box_remove (self->todo_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->todo_box), missing && missing->len > 0);
  if (missing && missing->len > 0)
    {
      GtkWidget *group = adw_preferences_group_new ();
      gtk_widget_add_css_class (group, "todo");
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Before You Can Finalize"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
        lb_instrument_get_snapshots (self->instrument) && lb_instrument_get_snapshots (self->instrument)->len
        ? _("A summative observation can be finalized once every item has a score (with its evidence where the "
            "instrument asks for it) or is marked not observed with a reason, every snapshot is answered, and "
            "every domain is judged.")
        : _("A summative observation can be finalized once every item has a score (with its evidence where the "
            "instrument asks for it) or is marked not observed with a reason, and every domain is judged."));
      g_autofree char *left = g_strdup_printf (_("%u to go"), missing->len);
      GtkWidget *count = gtk_label_new (left);
      gtk_widget_add_css_class (count, "dim-label");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), count);
      for (guint i = 0; i < missing->len; i++)
        {
          const Missing *m = &g_array_index (missing, Missing, i);
          if (m->kind == MISSING_JUDGEMENT)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), judgement_row (self, m));
          else
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item_row (self, m));
          if (m->kind == MISSING_REASON)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reason_row (self, m));
        }
      gtk_box_append (self->todo_box, group);
    }
  if (!had_focus)
    return;
  if (!gtk_widget_child_focus (GTK_WIDGET (self->todo_box), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->finalize_button));
}
