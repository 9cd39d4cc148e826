/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync-dialogs"

/* Plain AdwMessageDialogs: a sync is something a teacher does between
 * lessons, and what it has to say fits in a heading, a sentence of what
 * to do and, when observations are concerned, a list of them. */

#include "config.h"
#include "lb-sync-dialogs.h"
#include "lb-observation-item.h"
#include "lb-sync.h"
#include "lb-sync-resolve.h"
#include "lb-sync-secret.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- the password ---- */

typedef struct {
  LbSyncPasswordFunc  done;
  gpointer            data;
  GDestroyNotify      destroy;
  GtkEditable        *entry;
  GtkCheckButton     *remember;
} Ask;

static void
ask_free (gpointer data, GClosure *closure)
{
  Ask *ask = data;
  if (ask->destroy)
    ask->destroy (ask->data);
  g_free (ask);
}

static void
ask_response_cb (AdwMessageDialog *dialog, const char *response, Ask *ask)
{
  const char *text = gtk_editable_get_text (ask->entry);
  gboolean ok = g_str_equal (response, "sync") && text && *text;
  g_autofree char *password = ok ? g_strdup (text) : NULL;
  gboolean remember = ask->remember && gtk_check_button_get_active (ask->remember);
  gtk_editable_set_text (ask->entry, "");
  ask->done (password, remember, ask->data);
  if (password)
    memset (password, 0, strlen (password));
}

void
lb_sync_ask_password (GtkWindow *parent, const char *server, const char *user, gboolean offer_keyring,
                      const char *problem, LbSyncPasswordFunc done, gpointer data, GDestroyNotify destroy)
{
  /* Translators: the login name and the server */
  g_autofree char *body = g_strdup_printf (_("The password of %s on %s."), user, server);
  if (problem)
    {
      g_autofree char *first = g_steal_pointer (&body);
      body = g_strdup_printf ("%s\n\n%s", problem, first);
    }
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Password for the Shared Dossier"), body);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "sync", _("_Sync"), NULL);
  adw_message_dialog_set_response_appearance (d, "sync", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d, "sync");
  adw_message_dialog_set_close_response (d, "cancel");

  Ask *ask = g_new0 (Ask, 1);
  ask->done = done;
  ask->data = data;
  ask->destroy = destroy;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  /* A GtkEntry rather than a GtkPasswordEntry: GTK 4.8's password entry
   * can outlive its caps-lock handler when its dialog closes, and warns
   * about an invalid cast then. */
  GtkWidget *entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  ask->entry = GTK_EDITABLE (entry);
  if (offer_keyring)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_Keep in the keyring of this device"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_box_append (GTK_BOX (box), check);
      ask->remember = GTK_CHECK_BUTTON (check);
    }
  else
    {
      GtkWidget *note = gtk_label_new (_("This device has no keyring: the password is asked at each sync and kept nowhere."));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
    }
  adw_message_dialog_set_extra_child (d, box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response_cb), ask, ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- observations that need a person ---- */

static const char *
issue_kind_label (LbSyncIssueKind kind)
{
  switch (kind)
    {
    case LB_SYNC_ISSUE_REFUSED:
      return _("Refused: the server has another final version");
    case LB_SYNC_ISSUE_CONFLICT:
      return _("Conflict: changed here and on the server");
    case LB_SYNC_ISSUE_REVOKED:
      return _("Not sent: you are no longer assigned");
    case LB_SYNC_ISSUE_REMOVED:
      return _("Removed from this tablet: no longer shared with you");
    case LB_SYNC_ISSUE_UNKNOWN:
    default:
      return _("Not accepted by the server");
    }
}

/* "Anna de Vries · 12 nov 2026 · Summatief", or the start of the uuid for
 * an observation that is no longer on this tablet. */
static char *
issue_title (LbStore *store, const char *uuid)
{
  g_autoptr(LbObservation) obs = store ? lb_store_load (store, uuid, NULL) : NULL;
  if (obs == NULL)
    /* Translators: an observation known only by the start of its uuid */
    return g_strdup_printf (_("Observation %.8s"), uuid);
  g_autofree char *date = lb_format_date (obs->date, LB_DATE_SHORT);
  return g_strdup_printf ("%s · %s · %s", obs->starter ? obs->starter->name : "?", date,
                          lb_purpose_to_label (obs->purpose));
}

/* ---- resolving one of them ---- */

typedef struct {
  GtkWidget        *dialog;   /* the list, closed once a choice is made */
  LbSyncResolveFunc resolve;
  GWeakRef          owner;    /* the list may outlive whoever asked for it */
} Resolver;

static void
resolver_free (Resolver *r)
{
  g_weak_ref_clear (&r->owner);
  g_free (r);
}

typedef struct {
  Resolver     *resolver;     /* owned by the list dialog */
  char         *uuid;
  LbSyncChoice  choice;
} Choice;

static void
choice_free (gpointer data, GClosure *closure)
{
  Choice *c = data;
  g_free (c->uuid);
  g_free (c);
}

static void
choose (Choice *c)
{
  Resolver *r = c->resolver;
  g_autoptr(GObject) owner = g_weak_ref_get (&r->owner);
  if (owner)
    r->resolve (c->uuid, c->choice, owner);
  gtk_window_destroy (GTK_WINDOW (r->dialog));
}

static void
replace_response_cb (AdwMessageDialog *dialog, const char *response, Choice *c)
{
  if (g_str_equal (response, "replace"))
    choose (c);
}

/* Taking the server's version replaces this tablet's: only when confirmed. */
static void
choice_clicked_cb (GtkButton *button, Choice *c)
{
  if (c->choice != LB_SYNC_TAKE_THEIRS)
    {
      choose (c);
      return;
    }
  g_autofree char *dir = lb_sync_resolve_dir ();
  g_autofree char *body = g_strdup_printf (
    _("The shared dossier's version takes the place of this tablet's. This tablet's version is saved "
      "first as an exchange file in %s, so it can still be read or imported."), dir);
  /* over the window, not the list: the list closes when the choice is made,
   * and a dialog must not outlive the one it is transient for */
  GtkWindow *list = GTK_WINDOW (c->resolver->dialog);
  GtkWidget *confirm = adw_message_dialog_new (gtk_window_get_transient_for (list),
                                               _("Replace This Tablet's Version?"), body);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (confirm);
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (d, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (d, "cancel");
  adw_message_dialog_set_close_response (d, "cancel");
  Choice *copy = g_new0 (Choice, 1);
  *copy = *c;
  copy->uuid = g_strdup (c->uuid);
  g_signal_connect_data (confirm, "response", G_CALLBACK (replace_response_cb), copy, choice_free, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

static const struct {
  LbSyncChoice choice;
  const char  *label;
  const char  *tooltip;
} choices[] = {
  { LB_SYNC_KEEP_MINE, N_("Keep _Mine"),
    N_("Keep this tablet's draft; the next sync puts it in the shared dossier (the server's version is "
       "saved as a file first)") },
  { LB_SYNC_TAKE_THEIRS, N_("_Take the Server's"),
    N_("Take the shared dossier's version; this tablet's is saved as a file first") },
  { LB_SYNC_KEEP_BOTH, N_("Keep _Both"),
    N_("This tablet's draft becomes a new observation beside the shared dossier's") },
};

static GtkWidget *
choice_buttons (Resolver *resolver, const LbSyncIssue *issue, gboolean local_final)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      if (!lb_sync_choice_offered (issue->kind, local_final, choices[i].choice))
        continue;
      GtkWidget *button = gtk_button_new_with_mnemonic (_(choices[i].label));
      gtk_widget_set_tooltip_text (button, _(choices[i].tooltip));
      Choice *c = g_new0 (Choice, 1);
      c->resolver = resolver;
      c->uuid = g_strdup (issue->uuid);
      c->choice = choices[i].choice;
      g_signal_connect_data (button, "clicked", G_CALLBACK (choice_clicked_cb), c, choice_free, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static GtkWidget *
issue_row (LbStore *store, const LbSyncIssue *issue, Resolver *resolver)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = issue_title (store, issue->uuid);
  g_autofree char *subtitle = issue->reason && *issue->reason
                              ? g_strdup_printf ("%s. %s", issue_kind_label (issue->kind), issue->reason)
                              : g_strdup (issue_kind_label (issue->kind));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  const char *icon = issue->kind == LB_SYNC_ISSUE_REMOVED ? "user-trash-symbolic" : "dialog-warning-symbolic";
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  if (resolver->resolve && (issue->kind == LB_SYNC_ISSUE_CONFLICT || issue->kind == LB_SYNC_ISSUE_REFUSED))
    {
      g_autoptr(LbObservation) obs = store ? lb_store_load (store, issue->uuid, NULL) : NULL;
      if (obs)   /* (one no longer on this tablet has nothing to resolve) */
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   choice_buttons (resolver, issue, obs->status == LB_STATUS_FINAL));
    }
  return row;
}

void
lb_sync_show_issues (GtkWindow *parent, LbStore *store, GPtrArray *issues, LbSyncResolveFunc resolve,
                     GObject *owner)
{
  g_return_if_fail (issues != NULL);
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Observation Needs You",
                                                           "%u Observations Need You", issues->len), issues->len);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading,
    _("Nothing was lost: each observation below stays on this tablet as it was, and is not merged or "
      "overwritten. Sort it out with the other observer or the board's administrator; a correction "
      "of a final observation is made as an addendum."));
  if (resolve)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
      adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
      _("For a draft in conflict or a refused final, you can choose here which version counts on this "
        "tablet; the other one is kept too, as a file or as an observation of its own."));
  Resolver *resolver = g_new0 (Resolver, 1);
  resolver->dialog = dialog;
  resolver->resolve = resolve;
  g_weak_ref_init (&resolver->owner, owner);
  g_object_set_data_full (G_OBJECT (dialog), "lb-resolver", resolver, (GDestroyNotify) resolver_free);
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < issues->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), issue_row (store, issues->pdata[i], resolver));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), resolve ? 680 : 520, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a sync that could not run ---- */

AdwMessageDialog *
lb_sync_show_failure (GtkWindow *parent, const GError *error)
{
  const char *heading = _("Syncing Did Not Work");
  const char *advice = _("Your work stays safe on this tablet. Try again later, or ask the board's "
                         "administrator if this keeps happening.");
  gboolean password = FALSE;
  if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REFUSED))
    {
      heading = _("The Server Refused the Connection");
      advice = _("Check the user name and the certificates in Preferences, or type the password again. "
                 "Your work stays safe on this tablet.");
      password = TRUE;
    }
  else if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REVOKED))
    {
      heading = _("No Longer Access to the Shared Dossier");
      advice = _("Nothing more is sent from this tablet for you. Your work stays here; ask the board's "
                 "administrator whether your role or assignments were ended on purpose.");
    }
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, advice);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);
  adw_message_dialog_add_response (d, "close", _("_Close"));
  if (password)
    adw_message_dialog_add_response (d, "password", _("Type the _Password Again"));
  adw_message_dialog_set_default_response (d, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return d;
}
