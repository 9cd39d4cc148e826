/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync-status"

/* A sync goes: settings from the window's store → the password from the
 * keyring (asynchronously), or asked for → lb_sync_run in a GTask thread
 * with its own LbStore on the same file → the outcome as a toast or, when
 * observations need a person, a dialog listing them. The UI thread only
 * ever does local, quick work; the thread's progress reaches it through
 * idle callbacks. */

#include "config.h"
#include "lb-sync-status.h"
#include "lb-sync.h"
#include "lb-sync-dialogs.h"
#include "lb-sync-secret.h"
#include "lb-observation-item.h"
#include "lb-window.h"

#include <glib/gi18n.h>
#include <string.h>

struct _LbSyncStatus
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkButton      *status_button;
  GtkImage       *status_icon;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkImage       *compact_icon;  /* the same, where the header bar is narrow */
  GtkLabel       *compact_label;
  GtkButton      *attention_button;
  GtkLabel       *attention_label;
  GtkSpinner     *spinner;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;

  LbStore        *store;
  gboolean        configured;
  gboolean        keyring;       /* the last look-up found a keyring */
  GCancellable   *cancellable;   /* set from the start of a sync to its end */
  guint           pulse_source;  /* the bar moves while the amount of work is unknown */
};

G_DEFINE_FINAL_TYPE (LbSyncStatus, lb_sync_status, ADW_TYPE_BIN)

enum { SYNCED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void run_sync (LbSyncStatus *self, LbSyncConfig *cfg);
static void resolve_requested_cb (const char *uuid, LbSyncChoice choice, gpointer owner);

/* ---- showing the state ---- */

static gboolean
has_text (const char *s)
{
  return s && *s;
}

static gboolean
config_complete (const LbSyncConfig *cfg)
{
  return cfg && has_text (cfg->server) && has_text (cfg->user);
}

/* "14:02" today, "12 nov 2026 14:02" before. */
static char *
format_last_sync (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  if (utc == NULL)
    return NULL;
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  if (g_str_equal (day, today))
    /* Translators: when the last sync was, today */
    return g_strdup_printf (_("today %s"), time);
  g_autofree char *date = lb_format_date (day, LB_DATE_SHORT);
  return g_strdup_printf ("%s %s", date, time);
}

static char *
detail_text (const LbSyncState *state)
{
  g_autofree char *when = format_last_sync (state->last_sync);
  g_autofree char *last = when ? g_strdup_printf (_("Last: %s"), when) : g_strdup (_("Not synced yet"));
  if (state->waiting == 0)
    return g_steal_pointer (&last);
  g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                                           state->waiting), state->waiting);
  return g_strdup_printf ("%s · %s", last, waiting);
}

static void
show_status (LbSyncStatus *self, const char *icon, const char *detail, const char *compact)
{
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_image_set_from_icon_name (self->compact_icon, icon);
  gtk_label_set_text (self->title_label, _("Sync"));
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->compact_label, compact);
}

static void
show_not_configured (LbSyncStatus *self)
{
  self->configured = FALSE;
  show_status (self, "network-offline-symbolic", _("Not set up"), _("Not set up"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button),
                               _("Syncing with the school board is not set up; this tablet works on its own"));
  gtk_widget_set_visible (GTK_WIDGET (self->attention_button), FALSE);
}

void
lb_sync_status_refresh (LbSyncStatus *self)
{
  g_return_if_fail (LB_IS_SYNC_STATUS (self));
  gtk_widget_set_visible (GTK_WIDGET (self), self->store != NULL);
  g_autoptr(LbSyncConfig) cfg = self->store ? lb_sync_config_load (self->store, NULL) : NULL;
  if (!config_complete (cfg))
    {
      show_not_configured (self);
      return;
    }
  self->configured = TRUE;
  LbSyncState state = { 0 };
  g_autoptr(GError) error = NULL;
  if (!lb_store_get_sync_state (self->store, &state, &error))
    g_warning ("sync state: %s", error->message);
  g_autofree char *detail = detail_text (&state);
  g_autofree char *when = format_last_sync (state.last_sync);
  show_status (self, "emblem-synchronizing-symbolic", detail, when ? when : _("Not synced yet"));
  /* Translators: the tooltip of the sync button; the server follows */
  g_autofree char *tip = g_strdup_printf (_("Sync now with %s (Ctrl+Shift+S)"), cfg->server);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), tip);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_button), state.flagged > 0);
  g_autofree char *count = g_strdup_printf ("%u", state.flagged);
  gtk_label_set_text (self->attention_label, count);
  g_autofree char *a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u observation needs you",
                                                        "%u observations need you", state.flagged), state.flagged);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attention_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  lb_sync_state_clear (&state);
}

static void
set_busy (LbSyncStatus *self, gboolean busy)
{
  gtk_stack_set_visible_child_name (self->stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    {
      gtk_label_set_text (self->progress_label, _("Connecting…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
    }
  else
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      g_clear_object (&self->cancellable);
      lb_sync_status_refresh (self);
    }
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (LB_SYNC_STATUS (data)->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* ---- telling the outcome ---- */

static void
toast (LbSyncStatus *self, const char *message)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)))
    lb_window_toast_for (GTK_WIDGET (self), message);
}

static GtkWindow *
parent_window (LbSyncStatus *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
attention_clicked_cb (LbSyncStatus *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = self->store ? lb_store_list_sync_issues (self->store, &error) : NULL;
  if (issues == NULL)
    {
      toast (self, error ? error->message : _("There is no database to work in"));
      return;
    }
  lb_sync_show_issues (parent_window (self), self->store, issues, resolve_requested_cb, G_OBJECT (self));
}

static void
report_success (LbSyncStatus *self, LbSyncReport *report)
{
  if (lb_sync_report_needs_attention (report) && report->issues)
    {
      lb_sync_show_issues (parent_window (self), self->store, report->issues, resolve_requested_cb,
                           G_OBJECT (self));
      return;
    }
  guint sent = report->created + report->updated + report->duplicate;
  g_autofree char *message = NULL;
  if (report->removed > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "Synced; %u observation no longer shared with you was removed from this tablet",
      "Synced; %u observations no longer shared with you were removed from this tablet", report->removed),
      report->removed);
  else if (sent == 0 && report->pulled == 0)
    message = g_strdup (_("Synced: nothing new"));
  else
    /* Translators: observations sent to and received from the server */
    message = g_strdup_printf (_("Synced: %u sent, %u received"), sent, report->pulled);
  toast (self, message);
}

static void ask_password (LbSyncStatus *self, LbSyncConfig *cfg, gboolean offer_keyring, const char *problem);

static void
failure_response_cb (AdwMessageDialog *dialog, const char *response, LbSyncStatus *self)
{
  if (!g_str_equal (response, "password") || self->cancellable)
    return;
  g_autoptr(LbSyncConfig) cfg = self->store ? lb_sync_config_load (self->store, NULL) : NULL;
  if (!config_complete (cfg))
    return;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  ask_password (self, cfg, self->keyring, NULL);
}

static void
report_failure (LbSyncStatus *self, const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, _("Syncing stopped; what was already sent or received is kept"));
  else if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE))
    toast (self, _("No connection to the server; your work stays safe on this tablet."));
  else if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_CONFIG))
    toast (self, error->message);
  else if (parent_window (self))
    {
      AdwMessageDialog *dialog = lb_sync_show_failure (parent_window (self), error);
      g_signal_connect_object (dialog, "response", G_CALLBACK (failure_response_cb), self, 0);
    }
}

/* ---- the thread ---- */

typedef struct {
  char         *path;
  LbSyncConfig *cfg;
  LbSyncStatus *self;       /* for progress only; the task holds a reference */
  gint64        last_progress;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  if (job->cfg && job->cfg->password)
    memset (job->cfg->password, 0, strlen (job->cfg->password));
  g_clear_pointer (&job->cfg, lb_sync_config_free);
  g_free (job->path);
  g_free (job);
}

typedef struct {
  LbSyncStatus *self;
  LbSyncPhase   phase;
  guint         done, total;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *p = data;
  LbSyncStatus *self = p->self;
  if (self->cancellable == NULL)
    return G_SOURCE_REMOVE;
  const char *what = p->phase == LB_SYNC_PHASE_PUSH ? _("Sending")
                   : p->phase == LB_SYNC_PHASE_PULL ? _("Receiving") : NULL;
  g_autofree char *text = NULL;
  if (what == NULL)
    text = g_strdup (_("Connecting…"));
  else if (p->total > 0)
    /* Translators: "Sending 3 of 10" */
    text = g_strdup_printf (_("%s %u of %u"), what, p->done, p->total);
  else
    text = g_strdup_printf ("%s…", what);
  gtk_label_set_text (self->progress_label, text);
  if (p->total > 0)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) p->done / p->total);
    }
  else if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (150, pulse_cb, self);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *p)
{
  g_object_unref (p->self);
  g_free (p);
}

/* On the syncing thread: at most about twenty updates a second reach the
 * window, however fast the observations go by. */
static void
progress_cb (LbSyncPhase phase, guint done, guint total, gpointer data)
{
  SyncJob *job = data;
  gint64 now = g_get_monotonic_time ();
  if (done != 0 && done != total && now - job->last_progress < G_USEC_PER_SEC / 20)
    return;
  job->last_progress = now;
  Progress *p = g_new0 (Progress, 1);
  p->self = g_object_ref (job->self);
  p->phase = phase;
  p->done = done;
  p->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb, p, (GDestroyNotify) progress_free);
}

static void
sync_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SyncJob *job = data;
  GError *error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->path, &error);
  LbSyncReport *report = store ? lb_sync_run (store, job->cfg, progress_cb, job, cancellable, &error) : NULL;
  if (report)
    g_task_return_pointer (task, report, (GDestroyNotify) lb_sync_report_free);
  else
    g_task_return_error (task, error);
}

static void
sync_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  LbSyncStatus *self = LB_SYNC_STATUS (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSyncReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  set_busy (self, FALSE);
  if (report)
    report_success (self, report);
  else
    report_failure (self, error);
  g_signal_emit (self, signals[SYNCED], 0);
}

/* Takes @cfg, with its password. */
static void
run_sync (LbSyncStatus *self, LbSyncConfig *cfg)
{
  SyncJob *job = g_new0 (SyncJob, 1);
  job->path = g_strdup (lb_store_get_path (self->store));
  job->cfg = cfg;
  job->self = self;
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (150, pulse_cb, self);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, sync_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, sync_thread);
}

/* ---- resolving a flagged observation ---- */

typedef struct {
  char         *path;
  LbSyncConfig *cfg;
  char         *uuid;
  LbSyncChoice  choice;
} ResolveJob;

static void
resolve_job_free (ResolveJob *job)
{
  if (job->cfg && job->cfg->password)
    memset (job->cfg->password, 0, strlen (job->cfg->password));
  g_clear_pointer (&job->cfg, lb_sync_config_free);
  g_free (job->path);
  g_free (job->uuid);
  g_free (job);
}

static void
resolved_free (LbSyncResolved *done)
{
  lb_sync_resolved_clear (done);
  g_free (done);
}

static void
resolve_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ResolveJob *job = data;
  GError *error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->path, &error);
  LbSyncResolved *done = g_new0 (LbSyncResolved, 1);
  if (store && lb_sync_resolve (store, job->cfg, job->uuid, job->choice, done, cancellable, &error))
    g_task_return_pointer (task, done, (GDestroyNotify) resolved_free);
  else
    {
      resolved_free (done);
      g_task_return_error (task, error);
    }
}

static void
report_resolve_failure (LbSyncStatus *self, const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, _("Stopped; nothing was changed"));
  else if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE))
    toast (self, _("No connection to the server; nothing was changed. Try again when online."));
  else if (parent_window (self))
    {
      GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Could Not Resolve"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
resolve_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  LbSyncStatus *self = LB_SYNC_STATUS (source);
  ResolveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LbSyncResolved *done = g_task_propagate_pointer (G_TASK (result), &error);
  LbSyncChoice choice = job->choice;
  set_busy (self, FALSE);
  if (done == NULL)
    {
      report_resolve_failure (self, error);
      return;
    }
  if (choice == LB_SYNC_KEEP_MINE)
    toast (self, _("Kept this tablet's version; the next sync sends it to the shared dossier"));
  else if (choice == LB_SYNC_TAKE_THEIRS)
    toast (self, _("Took the shared dossier's version; this tablet's was saved as a file"));
  else
    toast (self, _("Kept both: this tablet's version is now an observation of its own"));
  resolved_free (done);
  g_signal_emit (self, signals[SYNCED], 0);
}

/* Takes @cfg, with its password. */
static void
run_resolve (LbSyncStatus *self, LbSyncConfig *cfg, const char *uuid, LbSyncChoice choice)
{
  ResolveJob *job = g_new0 (ResolveJob, 1);
  job->path = g_strdup (lb_store_get_path (self->store));
  job->cfg = cfg;
  job->uuid = g_strdup (uuid);
  job->choice = choice;
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, resolve_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) resolve_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, resolve_thread);
}

/* ---- the password ---- */

typedef struct {
  LbSyncStatus *self;
  LbSyncConfig *cfg;
  gboolean      offer_keyring;
  char         *resolve_uuid;   /* NULL: a sync; else the observation to resolve … */
  LbSyncChoice  choice;         /* … and how */
} PasswordWait;

static void
password_wait_free (PasswordWait *w)
{
  g_free (w->resolve_uuid);
  g_clear_object (&w->self);
  g_clear_pointer (&w->cfg, lb_sync_config_free);
  g_free (w);
}

/* The password is there: for a sync, or for the resolution it was looked up for. */
static void
run_job (LbSyncStatus *self, PasswordWait *w, LbSyncConfig *cfg)
{
  if (w->resolve_uuid)
    run_resolve (self, cfg, w->resolve_uuid, w->choice);
  else
    run_sync (self, cfg);
}

static void
stored_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(LbSyncStatus) self = data;
  g_autoptr(GError) error = NULL;
  if (!lb_sync_secret_store_finish (result, &error))
    toast (self, _("The password could not be kept in the keyring; it will be asked again next time"));
}

static void
password_given_cb (const char *password, gboolean remember, gpointer data)
{
  PasswordWait *w = data;
  LbSyncStatus *self = w->self;
  if (password == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      set_busy (self, FALSE);
      return;
    }
  if (remember)
    lb_sync_secret_store (w->cfg->server, w->cfg->user, password, NULL, stored_cb, g_object_ref (self));
  LbSyncConfig *cfg = g_steal_pointer (&w->cfg);
  g_free (cfg->password);
  cfg->password = g_strdup (password);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_label_set_text (self->progress_label, _("Connecting…"));
  run_job (self, w, cfg);
}

/* … keeping what the password is for: a sync, or resolving @resolve_uuid */
static void
ask_password_for (LbSyncStatus *self, LbSyncConfig *cfg, gboolean offer_keyring, const char *problem,
                  const char *resolve_uuid, LbSyncChoice choice)
{
  PasswordWait *w = g_new0 (PasswordWait, 1);
  w->self = g_object_ref (self);
  w->cfg = lb_sync_config_copy (cfg);
  w->resolve_uuid = g_strdup (resolve_uuid);
  w->choice = choice;
  gtk_label_set_text (self->progress_label, _("Waiting for the password…"));
  gtk_spinner_set_spinning (self->spinner, FALSE);   /* nothing goes on until it is typed */
  lb_sync_ask_password (parent_window (self), cfg->server, cfg->user, offer_keyring, problem,
                        password_given_cb, w, (GDestroyNotify) password_wait_free);
}

static void
ask_password (LbSyncStatus *self, LbSyncConfig *cfg, gboolean offer_keyring, const char *problem)
{
  ask_password_for (self, cfg, offer_keyring, problem, NULL, LB_SYNC_KEEP_MINE);
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  PasswordWait *w = data;
  LbSyncStatus *self = w->self;
  g_autoptr(GError) error = NULL;
  char *password = lb_sync_secret_lookup_finish (result, &error);
  self->keyring = error == NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_cancellable_is_cancelled (self->cancellable))
    set_busy (self, FALSE);
  else if (password)
    {
      LbSyncConfig *cfg = g_steal_pointer (&w->cfg);
      g_free (cfg->password);
      cfg->password = g_strdup (password);
      run_job (self, w, cfg);
    }
  else
    ask_password_for (self, w->cfg, error == NULL, NULL, w->resolve_uuid, w->choice);
  lb_sync_secret_free (password);
  password_wait_free (w);
}

/* ---- starting ---- */

static void
set_up_clicked_cb (AdwToast *toast, LbSyncStatus *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

static void
explain_not_configured (LbSyncStatus *self)
{
  AdwToast *t = adw_toast_new (_("Syncing is not set up: fill in the school board's server in Preferences"));
  adw_toast_set_button_label (t, _("_Set Up…"));
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (set_up_clicked_cb), self, 0);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LB_TYPE_WINDOW);
  if (window)
    lb_window_toast (LB_WINDOW (window), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

/* A sync, or (@resolve_uuid) the resolution of a flagged observation:
 * both need the password first. */
static void
start (LbSyncStatus *self, const char *resolve_uuid, LbSyncChoice choice)
{
  if (self->cancellable)
    return;
  g_autoptr(LbSyncConfig) cfg = self->store ? lb_sync_config_load (self->store, NULL) : NULL;
  lb_sync_status_refresh (self);
  if (!config_complete (cfg))
    {
      explain_not_configured (self);
      return;
    }
  if (!has_text (cfg->ca_file))
    {
      toast (self, _("Choose the school board's CA certificate in Preferences first"));
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  PasswordWait *w = g_new0 (PasswordWait, 1);
  w->self = g_object_ref (self);
  w->cfg = g_steal_pointer (&cfg);
  w->resolve_uuid = g_strdup (resolve_uuid);
  w->choice = choice;
  gtk_label_set_text (self->progress_label, _("Looking up the password…"));
  lb_sync_secret_lookup (w->cfg->server, w->cfg->user, self->cancellable, lookup_cb, w);
}

void
lb_sync_status_sync (LbSyncStatus *self)
{
  g_return_if_fail (LB_IS_SYNC_STATUS (self));
  start (self, NULL, LB_SYNC_KEEP_MINE);
}

static void
resolve_requested_cb (const char *uuid, LbSyncChoice choice, gpointer owner)
{
  start (LB_SYNC_STATUS (owner), uuid, choice);
}

void
lb_sync_status_cancel (LbSyncStatus *self)
{
  g_return_if_fail (LB_IS_SYNC_STATUS (self));
  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Stopping…"));
    }
}

static void
cancel_clicked_cb (LbSyncStatus *self)
{
  lb_sync_status_cancel (self);
}

gboolean
lb_sync_status_is_busy (LbSyncStatus *self)
{
  g_return_val_if_fail (LB_IS_SYNC_STATUS (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
lb_sync_status_is_configured (LbSyncStatus *self)
{
  g_return_val_if_fail (LB_IS_SYNC_STATUS (self), FALSE);
  return self->configured;
}

void
lb_sync_status_set_store (LbSyncStatus *self, LbStore *store)
{
  g_return_if_fail (LB_IS_SYNC_STATUS (self));
  g_set_object (&self->store, store);
  lb_sync_status_refresh (self);
}

/* ---- life cycle ---- */

static void
lb_sync_status_init (LbSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_not_configured (self);
}

static void
lb_sync_status_dispose (GObject *object)
{
  LbSyncStatus *self = LB_SYNC_STATUS (object);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_object (&self->store);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_SYNC_STATUS);
  G_OBJECT_CLASS (lb_sync_status_parent_class)->dispose (object);
}

static void
lb_sync_status_class_init (LbSyncStatusClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_sync_status_dispose;
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, stack);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, status_button);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, compact_icon);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, compact_label);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, attention_button);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, attention_label);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LbSyncStatus, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, attention_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "syncstatus");
}
