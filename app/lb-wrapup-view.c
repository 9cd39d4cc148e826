/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-wrapup-view"

/* The end of an observation: the scores per domain, the judgement for a
 * summative observation (lb-wrapup-view-domains.c), what it still lacks
 * (lb-wrapup-view-todo.c), tops, tips and afspraken
 * (lb-wrapup-view-texts.c), and here: signing, the locked state, and what
 * may still happen afterwards — the starter's "seen" and addenda.
 *
 * As on the observing screen, every change goes to the store at once and
 * the screen is then redrawn from what the store holds; whatever the
 * store refuses stays where it was typed. */

#include "config.h"
#include "lb-wrapup-view-private.h"
#include "lb-error.h"
#include "lb-settings.h"
#include "lb-window.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (LbWrapupView, lb_wrapup_view, ADW_TYPE_BIN)

/* ---- helpers shared by the parts ---- */

gboolean
lb_wrapup_view_editable (LbWrapupView *self)
{
  return self->obs && self->obs->status == LB_STATUS_DRAFT;
}

/* Items are numbered through the whole instrument, as on the observing
 * screen and in the report. */
guint
lb_wrapup_view_item_number (LbWrapupView *self, LbNode *item)
{
  guint index = 0;
  g_ptr_array_find (lb_instrument_get_items (self->instrument), item, &index);
  return index + 1;
}

const char *
lb_wrapup_view_verdict_code (LbVerdict verdict)
{
  switch (verdict)
    {
    case LB_VERDICT_MET: return "met";
    case LB_VERDICT_NOT_MET: return "not-met";
    case LB_VERDICT_INSUFFICIENT: return "insufficient";
    case LB_VERDICT_NONE: return "none";
    default: g_assert_not_reached ();
    }
}

const char *
lb_wrapup_view_verdict_label (const char *code)
{
  const LbVerdict all[] = { LB_VERDICT_MET, LB_VERDICT_NOT_MET, LB_VERDICT_INSUFFICIENT, LB_VERDICT_NONE };
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (code, lb_wrapup_view_verdict_code (all[i])) == 0)
      return lb_verdict_to_string (all[i]);
  return code ? code : "";
}

static void
toast_button_cb (AdwToast *toast, LbWrapupView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), g_object_get_data (G_OBJECT (toast), "retry"), NULL);
}

/* A toast on the window; with @retry_action a "Try Again" button that runs
 * that action of this view, and the toast stays until it is used or
 * dismissed. (The toast's own action-name would be looked up from the
 * toast overlay upwards, where the view's actions are not.) */
void
lb_wrapup_view_report (LbWrapupView *self, const char *message, const char *retry_action)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LB_TYPE_WINDOW);
  if (window == NULL)
    {
      g_message ("%s", message);
      return;
    }
  AdwToast *toast = adw_toast_new (message);
  if (retry_action)
    {
      adw_toast_set_button_label (toast, _("_Try Again"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      g_object_set_data_full (G_OBJECT (toast), "retry", g_strdup (retry_action), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_button_cb), self, 0);
    }
  lb_window_toast (LB_WINDOW (window), toast);
}

static char *
format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  if (utc == NULL)
    return g_strdup (iso ? iso : "");
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d-%m-%Y %H:%M");
}

/* The name to sign or write with: the one in the preferences, else the
 * observer of this observation. */
static char *
default_name (LbWrapupView *self)
{
  GSettings *settings = lb_settings_get ();
  g_autofree char *name = settings ? g_settings_get_string (settings, "observer-name") : NULL;
  if (name && *g_strstrip (name))
    return g_steal_pointer (&name);
  return g_strdup (self->obs->observer ? self->obs->observer->name : "");
}

/* ---- showing the stored state ---- */

static void
show_header (LbWrapupView *self)
{
  LbObservation *o = self->obs;
  adw_window_title_set_title (self->window_title, o->starter ? o->starter->name : "");
  g_autofree char *sub = o->status == LB_STATUS_FINAL
    ? g_strdup_printf (_("%s · %s · final"), lb_purpose_to_label (o->purpose), o->date)
    : g_strdup_printf ("%s · %s", lb_purpose_to_label (o->purpose), o->date);
  adw_window_title_set_subtitle (self->window_title, sub);
}

static void
show_locked (LbWrapupView *self)
{
  LbObservation *o = self->obs;
  gboolean final = o->status == LB_STATUS_FINAL;
  gtk_widget_set_visible (GTK_WIDGET (self->locked_group), final);
  if (!final)
    return;
  g_autofree char *at = format_timestamp (o->signed_at);
  g_autofree char *signed_text = g_strdup_printf (_("%s, on %s"), o->signed_by ? o->signed_by : "", at);
  adw_action_row_set_subtitle (self->signed_row, signed_text);
  const char *hash = o->content_hash ? o->content_hash : "";
  g_autofree char *prefix = g_strndup (hash, 16);
  g_autofree char *shown = strlen (hash) > 16 ? g_strconcat (prefix, "…", NULL) : g_strdup (prefix);
  adw_action_row_set_subtitle (self->hash_row, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hash_row), hash);
}

static GtkWidget *
acknowledgement_row (LbWrapupView *self)
{
  LbObservation *o = self->obs;
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (o->acknowledged_at == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not yet seen by the starter"));
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Seen by the Starter…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (button, 48, 48);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wrapup.acknowledge");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      return row;
    }
  g_autofree char *at = format_timestamp (o->acknowledged_at);
  g_autofree char *sub = o->reaction && *o->reaction
    ? g_strdup_printf (_("On %s. Reaction: “%s”"), at, o->reaction) : g_strdup_printf (_("On %s"), at);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Seen by the starter"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  return row;
}

static GtkWidget *
addenda_group (LbWrapupView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Addenda"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), self->obs->addenda->len
    ? _("Corrections and additions after signing; the signed observation itself does not change.")
    : _("None yet. Corrections and additions after signing are added here; the signed observation itself does not change."));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Addendum…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "wrapup.add-addendum");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (add, 48, 48);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; i < self->obs->addenda->len; i++)
    {
      LbAddendum *a = self->obs->addenda->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *at = format_timestamp (a->created_at);
      g_autofree char *sub = g_strdup_printf ("%s · %s", a->author, at);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
show_after (LbWrapupView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->after_box))))
    gtk_box_remove (self->after_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->after_box), self->obs->status == LB_STATUS_FINAL);
  if (self->obs->status != LB_STATUS_FINAL)
    return;
  GtkWidget *seen = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (seen), _("The Starter"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (seen), acknowledgement_row (self));
  gtk_box_append (self->after_box, seen);
  gtk_box_append (self->after_box, addenda_group (self));
}

static void
update_actions (LbWrapupView *self, gboolean complete)
{
  GtkWidget *w = GTK_WIDGET (self);
  LbObservation *o = self->obs;
  gboolean draft = lb_wrapup_view_editable (self);
  gboolean final = o && o->status == LB_STATUS_FINAL;
  gtk_widget_action_set_enabled (w, "wrapup.back", o != NULL);
  gtk_widget_action_set_enabled (w, "wrapup.finalize", draft && complete);
  gtk_widget_set_visible (GTK_WIDGET (self->finalize_button), draft);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->finalize_button), complete
                               ? _("Sign and lock this observation")
                               : _("First complete the list “Before You Can Finalize”"));
  gtk_widget_action_set_enabled (w, "wrapup.acknowledge", final && o->acknowledged_at == NULL);
  gtk_widget_action_set_enabled (w, "wrapup.add-addendum", final);
  gtk_widget_action_set_enabled (w, "wrapup.copy-hash", final && o->content_hash != NULL);
  gtk_widget_action_set_enabled (w, "wrapup.export-pdf", o != NULL);
  gtk_widget_action_set_enabled (w, "wrapup.print", o != NULL);
}

static void
refresh (LbWrapupView *self)
{
  show_header (self);
  show_locked (self);
  lb_wrapup_view_domains_update (self);
  gboolean check = lb_wrapup_view_editable (self) && self->obs->purpose == LB_PURPOSE_SUMMATIEF;
  g_autoptr(GArray) missing = check ? lb_wrapup_view_missing (self) : NULL;
  lb_wrapup_view_todo_update (self, missing);
  show_after (self);
  for (guint i = 0; i < WRAPUP_N_TEXTS; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->texts[i].view), lb_wrapup_view_editable (self));
  update_actions (self, missing == NULL || missing->len == 0);
}

gboolean
lb_wrapup_view_reload (LbWrapupView *self)
{
  g_autoptr(GError) error = NULL;
  LbObservation *fresh = lb_store_load (self->store, self->obs->uuid, &error);
  if (fresh == NULL)
    {
      lb_wrapup_view_report (self, error->message, NULL);
      return FALSE;
    }
  g_clear_pointer (&self->obs, lb_observation_unref);
  self->obs = fresh;
  refresh (self);
  return TRUE;
}

gboolean
lb_wrapup_view_load (LbWrapupView *self, LbStore *store, const char *uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_WRAPUP_VIEW (self) && LB_IS_STORE (store) && uuid, FALSE);
  gboolean same = self->obs && g_strcmp0 (self->obs->uuid, uuid) == 0;
  /* Text typed for another observation that the store keeps refusing
   * must not be replaced by this one's. */
  if (self->obs && !same && !lb_wrapup_view_texts_flush (self))
    return g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                        _("The wrap-up of the previous observation is not saved yet; try again first")), FALSE;
  g_autoptr(LbObservation) obs = lb_store_load (store, uuid, error);
  if (obs == NULL)
    return FALSE;
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (store, obs->instrument_sha256, error);
  if (inst == NULL)
    return FALSE;
  g_set_object (&self->store, store);
  g_set_object (&self->instrument, inst);
  g_clear_pointer (&self->obs, lb_observation_unref);
  self->obs = g_steal_pointer (&obs);
  if (!same)
    {
      g_hash_table_remove_all (self->reason_drafts);
      g_hash_table_remove_all (self->motivation_drafts);
      g_clear_pointer (&self->ack_draft, g_free);
      g_clear_pointer (&self->addendum_draft, g_free);
      g_clear_pointer (&self->signer_draft, g_free);
    }
  lb_wrapup_view_domains_build (self);
  lb_wrapup_view_texts_show (self, same);
  refresh (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

/* ---- actions ---- */

static void
back_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  if (self->obs == NULL || !lb_wrapup_view_texts_flush (self))
    return;
  gtk_widget_activate_action (widget, "win.open-observation", "s", self->obs->uuid);
}

static void
copy_hash_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  if (self->obs == NULL || self->obs->content_hash == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->obs->content_hash);
  lb_wrapup_view_report (self, _("Hash copied"), NULL);
}

/* The report shows what is typed here: save it first. A draft's report
 * says "CONCEPT" on every page. */
static void
report_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  if (self->obs == NULL || !lb_wrapup_view_texts_flush (self))
    return;
  gtk_widget_activate_action (widget, g_str_equal (action, "wrapup.print") ? "win.print-report" : "win.export-report",
                              "s", self->obs->uuid);
}

static GtkWidget *
boxed_list (GtkWidget *row)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return list;
}

static GtkWidget *
text_field (const char *mnemonic, const char *text, GtkTextView **view_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  GtkWidget *view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  g_object_set (view, "top-margin", 10, "bottom-margin", 10, "left-margin", 10, "right-margin", 10, NULL);
  gtk_widget_set_size_request (view, 260, 100);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  GtkWidget *frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  *view_out = GTK_TEXT_VIEW (view);
  return box;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE));
}

static AdwMessageDialog *
message_dialog (LbWrapupView *self, const char *heading, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
name_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = g_object_get_data (G_OBJECT (entry), "response");
  adw_message_dialog_set_response_enabled (dialog, response, *name != '\0');
}

static GtkWidget *
name_row (AdwMessageDialog *dialog, const char *title, const char *name, const char *response)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), name ? name : "");
  g_object_set_data (G_OBJECT (row), "response", (gpointer) response);
  g_signal_connect (row, "changed", G_CALLBACK (name_changed_cb), dialog);
  name_changed_cb (GTK_EDITABLE (row), dialog);
  return row;
}

/* finalizing */

static void
finalize_response_cb (AdwMessageDialog *dialog, const char *response, LbWrapupView *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (!g_str_equal (response, "finalize") || self->obs == NULL)
    return;
  g_autoptr(GError) error = NULL;
  if (!lb_store_finalize (self->store, self->obs->uuid, name, &error))
    {
      g_free (self->signer_draft);
      self->signer_draft = g_steal_pointer (&name);
      lb_wrapup_view_report (self, error->message, "wrapup.finalize");
      return;
    }
  g_clear_pointer (&self->signer_draft, g_free);
  if (lb_wrapup_view_reload (self))
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      lb_wrapup_view_report (self, _("The observation is final and locked"), NULL);
    }
}

static void
finalize_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  if (!lb_wrapup_view_editable (self) || !lb_wrapup_view_texts_flush (self))
    return;
  if (self->obs->purpose == LB_PURPOSE_SUMMATIEF)
    {
      g_autoptr(GArray) missing = lb_wrapup_view_missing (self);
      if (missing->len > 0)
        {
          refresh (self);
          lb_wrapup_view_report (self, _("Not complete yet: see “Before You Can Finalize”"), NULL);
          return;
        }
    }
  AdwMessageDialog *dialog = message_dialog (self, _("Finalize This Observation?"),
    _("After finalizing nothing can change any more; corrections become addenda."));
  adw_message_dialog_add_response (dialog, "finalize", _("_Finalize"));
  adw_message_dialog_set_response_appearance (dialog, "finalize", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_autofree char *name = self->signer_draft ? g_strdup (self->signer_draft) : default_name (self);
  GtkWidget *row = name_row (dialog, _("Signed by"), name, "finalize");
  g_object_set_data (G_OBJECT (dialog), "name", row);
  adw_message_dialog_set_extra_child (dialog, boxed_list (row));
  g_signal_connect_object (dialog, "response", G_CALLBACK (finalize_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* the starter has seen it */

static void
acknowledge_response_cb (AdwMessageDialog *dialog, const char *response, LbWrapupView *self)
{
  g_autofree char *reaction = buffer_text (g_object_get_data (G_OBJECT (dialog), "text"));
  if (!g_str_equal (response, "acknowledge") || self->obs == NULL)
    {
      g_free (self->ack_draft), self->ack_draft = *reaction ? g_steal_pointer (&reaction) : NULL;
      return;
    }
  g_autoptr(GError) error = NULL;
  if (!lb_store_acknowledge (self->store, self->obs->uuid, *reaction ? reaction : NULL, &error))
    {
      g_free (self->ack_draft), self->ack_draft = g_steal_pointer (&reaction);
      lb_wrapup_view_report (self, error->message, "wrapup.acknowledge");
      return;
    }
  g_clear_pointer (&self->ack_draft, g_free);
  lb_wrapup_view_reload (self);
}

static void
acknowledge_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  AdwMessageDialog *dialog = message_dialog (self, _("Seen by the Starter"),
    _("Record that the starter has seen this observation, with their reaction if they want to give one. "
      "This is done once."));
  adw_message_dialog_add_response (dialog, "acknowledge", _("_Record"));
  adw_message_dialog_set_response_appearance (dialog, "acknowledge", ADW_RESPONSE_SUGGESTED);
  GtkTextView *view;
  adw_message_dialog_set_extra_child (dialog, text_field (_("The starter's _reaction (optional)"),
                                                          self->ack_draft, &view));
  g_object_set_data (G_OBJECT (dialog), "text", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (acknowledge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* addenda */

static void
addendum_text_changed_cb (GtkTextBuffer *buffer, AdwMessageDialog *dialog)
{
  GtkEditable *author = g_object_get_data (G_OBJECT (dialog), "author");
  g_autofree char *text = buffer_text (g_object_get_data (G_OBJECT (dialog), "text"));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (author)));
  adw_message_dialog_set_response_enabled (dialog, "add", *text && *name);
}

static void
addendum_author_changed_cb (GtkEditable *author, AdwMessageDialog *dialog)
{
  addendum_text_changed_cb (NULL, dialog);
}

static void
addendum_response_cb (AdwMessageDialog *dialog, const char *response, LbWrapupView *self)
{
  GtkEditable *author = g_object_get_data (G_OBJECT (dialog), "author");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (author)));
  g_autofree char *text = buffer_text (g_object_get_data (G_OBJECT (dialog), "text"));
  g_free (self->addendum_draft), self->addendum_draft = *text ? g_strdup (text) : NULL;
  if (!g_str_equal (response, "add") || self->obs == NULL)
    return;
  g_autoptr(GError) error = NULL;
  if (!lb_store_add_addendum (self->store, self->obs->uuid, name, text, &error))
    {
      lb_wrapup_view_report (self, error->message, "wrapup.add-addendum");
      return;
    }
  g_clear_pointer (&self->addendum_draft, g_free);
  lb_wrapup_view_reload (self);
}

static void
add_addendum_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  AdwMessageDialog *dialog = message_dialog (self, _("Add an Addendum"),
    _("The addendum is kept with the observation, with your name and the time. What was signed stays "
      "as it was."));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *name = default_name (self);
  GtkWidget *author = name_row (dialog, _("Author"), name, "add");
  GtkTextView *view;
  gtk_box_append (GTK_BOX (box), boxed_list (author));
  gtk_box_append (GTK_BOX (box), text_field (_("_Addendum"), self->addendum_draft, &view));
  g_object_set_data (G_OBJECT (dialog), "author", author);
  g_object_set_data (G_OBJECT (dialog), "text", view);
  g_signal_connect (gtk_text_view_get_buffer (view), "changed", G_CALLBACK (addendum_text_changed_cb), dialog);
  g_signal_connect_after (author, "changed", G_CALLBACK (addendum_author_changed_cb), dialog);
  addendum_text_changed_cb (NULL, dialog);
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (addendum_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- life cycle ---- */

static void
lb_wrapup_view_dispose (GObject *object)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (object);
  /* Closing the window must not lose a pause's worth of typing. */
  if (self->obs && self->store)
    lb_wrapup_view_texts_flush (self);
  /* Without an observation, a late focus-out saves nothing. */
  g_clear_pointer (&self->obs, lb_observation_unref);
  lb_wrapup_view_texts_clear (self);
  lb_wrapup_view_domains_clear (self);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_WRAPUP_VIEW);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->reason_drafts, g_hash_table_unref);
  g_clear_pointer (&self->motivation_drafts, g_hash_table_unref);
  g_clear_pointer (&self->ack_draft, g_free);
  g_clear_pointer (&self->addendum_draft, g_free);
  g_clear_pointer (&self->signer_draft, g_free);
  g_clear_object (&self->instrument);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_wrapup_view_parent_class)->dispose (object);
}

static void
lb_wrapup_view_class_init (LbWrapupViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_wrapup_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-wrapup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, window_title);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, finalize_button);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, locked_group);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, signed_row);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, hash_row);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, todo_box);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, domains_box);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, after_box);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, tops_view);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, tips_view);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, agreements_view);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, tops_unsaved);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, tips_unsaved);
  gtk_widget_class_bind_template_child (widget_class, LbWrapupView, agreements_unsaved);

  gtk_widget_class_install_action (widget_class, "wrapup.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wrapup.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "wrapup.copy-hash", NULL, copy_hash_action);
  gtk_widget_class_install_action (widget_class, "wrapup.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "wrapup.add-addendum", NULL, add_addendum_action);
  gtk_widget_class_install_action (widget_class, "wrapup.export-pdf", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "wrapup.print", NULL, report_action);
  lb_wrapup_view_install_text_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wrapup.back", NULL);
}

static void
lb_wrapup_view_init (LbWrapupView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reason_drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->motivation_drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lb_wrapup_view_texts_init (self);
  update_actions (self, FALSE);
}
