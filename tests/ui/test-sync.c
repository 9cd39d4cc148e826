/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync"

/* The sync side of the window against a real PostgreSQL server (a
 * throw-away cluster, as in the server suite). A starter sets up sync in
 * Preferences, presses Sync, types the password (the test's session bus
 * has no keyring), and then: her self-assessment is on the server, the
 * header bar shows the last sync, and her coach's observation, pushed from
 * the coach's own tablet, is in her list. With the server frozen (SIGSTOP)
 * a sync ends with the offline message while the main loop keeps turning.
 * Without a server configured the status says so and win.sync explains. */

#include "config.h"
#include "lb-application.h"
#include "lb-preferences-window.h"
#include "lb-sync.h"
#include "lb-sync-resolve.h"
#include "lb-sync-status.h"
#include "lb-window.h"
#include "server-test-util.h"
#include "ui-util.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>

static LbApplication *app;
static ServerCluster *cluster;
static char          *home;
static char          *anna_uuid, *cees_uuid;
static LbInstrument  *inst;
static char          *conflict_draft;   /* left in conflict by /sync/conflict, for /sync/resolve */

/* ---- the people and their observations ---- */

static LbPerson *
person (const char *uuid, const char *name, gboolean starter, LbRole role)
{
  LbPerson *p = g_new0 (LbPerson, 1);
  p->uuid = g_strdup (uuid);
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = role;
  p->school = g_strdup ("De Regenboog");
  if (starter)
    {
      p->induction_year = 1;
      p->induction_start = g_strdup ("2026-08-01");
    }
  return p;
}

/* Anna (starter) and Cees (her coach), with the uuids the server knows. */
static void
add_people (LbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) anna = person (anna_uuid, "Anna de Vries", TRUE, LB_ROLE_STARTER);
  g_autoptr(LbPerson) cees = person (cees_uuid, "Cees Jansen", FALSE, LB_ROLE_COACH);
  g_autoptr(LbPerson) a = lb_store_add_person (store, anna, &error);
  g_assert_no_error (error);
  g_autoptr(LbPerson) c = lb_store_add_person (store, cees, &error);
  g_assert_no_error (error);
}

/* An observation of Anna by @observer, one item scored; final when
 * @signer is given. */
static char *
add_observation (LbStore *store, const char *observer_uuid, LbRole role, LbPurpose purpose, const char *signer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_store_find_person (store, anna_uuid, &error);
  g_assert_no_error (error);
  draft->observer = lb_store_find_person (store, observer_uuid, &error);
  g_assert_no_error (error);
  draft->observer_role = role;
  draft->purpose = purpose;
  draft->date = g_strdup ("2026-11-20");
  draft->subject = g_strdup ("rekenen");
  g_autoptr(LbObservation) created = lb_store_create_observation (store, draft, inst, &error);
  g_assert_no_error (error);
  LbNode *item = lb_instrument_get_items (inst)->pdata[0];
  LbScale *scale = lb_node_get_scale (item);
  g_assert_true (lb_store_set_score (store, created->uuid, 0, lb_node_get_id (item),
                                     lb_scale_get_level (scale, 2)->id, FALSE, NULL, &error));
  g_assert_no_error (error);
  if (signer)
    g_assert_true (lb_store_finalize (store, created->uuid, signer, &error));
  g_assert_no_error (error);
  return g_strdup (created->uuid);
}

static LbSyncConfig *
config_for (const char *login)
{
  LbSyncConfig *cfg = lb_sync_config_new ();
  cfg->server = g_strdup_printf ("localhost:%d", cluster->port);
  cfg->user = g_strdup (login);
  cfg->password = g_strdup (server_password (login));
  cfg->ca_file = g_strdup (cluster->ca);
  return cfg;
}

/* Cees's own tablet: his formative observation of Anna goes to the
 * server, through the same sync the app uses. */
static char *
coach_pushes_from_his_tablet (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (home, "cees.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_assert_no_error (error);
  add_people (store);
  char *uuid = add_observation (store, cees_uuid, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, "Cees Jansen");
  g_autoptr(LbSyncConfig) cfg = config_for ("cees");
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  return uuid;
}

/* ---- the window ---- */

typedef struct {
  GtkWidget  *root;
  const char *text;
} Shown;

static gboolean
text_shown (gpointer data)
{
  Shown *s = data;
  return ui_shows (s->root, s->text);
}

/* Waits (as long as a slow machine needs) until @text is on screen in @root. */
static gboolean
wait_shows (gpointer root, const char *text)
{
  Shown s = { root, text };
  return ui_wait_for (text_shown, &s, text);
}

/* ui_run_briefly drains the main context, which never runs dry while a
 * spinner turns (software rendering is slow): this waits for a timeout. */
static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  ui_wait_for (ui_time_has_come, &until, "time to pass");
}

static LbWindow *
open_window (void)
{
  LbWindow *window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (ui_is_mapped, window, "the window"));
  ui_run_briefly (300);
  return window;
}

static LbSyncStatus *
status_of (LbWindow *window)
{
  return LB_SYNC_STATUS (ui_find (GTK_WIDGET (window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_SYNC_STATUS)));
}

static gboolean
sync_ended (gpointer status)
{
  return !lb_sync_status_is_busy (status);
}

static gboolean
is_password_entry (GtkWidget *widget, gpointer data)
{
  return GTK_IS_ENTRY (widget) && !gtk_entry_get_visibility (GTK_ENTRY (widget)) && gtk_widget_get_mapped (widget);
}

/* Waiting condition: the message dialog with a password entry, stored in
 * *@data. */
static gboolean
find_password_prompt (gpointer data)
{
  AdwMessageDialog **found = data;
  *found = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *found == NULL; i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w) && ui_find (w, is_password_entry, NULL))
        *found = ADW_MESSAGE_DIALOG (w);
    }
  return *found != NULL;
}

/* Answers the password prompt like a person: types and presses Sync. */
static void
answer_password (const char *password)
{
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (find_password_prompt, &dialog, "the password prompt"));
  run_for (200);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "anna"));
  GtkWidget *entry = ui_find (GTK_WIDGET (dialog), is_password_entry, NULL);
  g_assert_nonnull (entry);
  /* no keyring on the test's session bus: the prompt says it keeps nothing */
  g_assert_true (wait_shows (GTK_WIDGET (dialog), "no keyring"));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  GtkWidget *button = ui_button (GTK_WIDGET (dialog), "_Sync");
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (ui_wait_for (ui_no_message_dialog, NULL, "the prompt gone"));
}

/* win.sync as the keyboard shortcut or the header bar's button starts it,
 * with the password typed when asked; returns when it has ended. */
static void
sync_in_window (LbWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  answer_password (server_password ("anna"));
  g_assert_true (ui_wait_for (sync_ended, status_of (window), "the sync"));
  run_for (200);
}

static void
set_entry_row (GtkWidget *root, const char *title, const char *text)
{
  GtkWidget *row = ui_find (root, ui_is_row_titled, (gpointer) title);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static LbPreferencesWindow *
preferences_on_screen (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (LB_IS_PREFERENCES_WINDOW (w) && gtk_widget_get_mapped (w))
        return LB_PREFERENCES_WINDOW (w);
    }
  return NULL;
}

static gboolean
has_preferences (gpointer data)
{
  return preferences_on_screen () != NULL;
}

static gboolean
shows_no_keyring (gpointer prefs)
{
  return ui_shows (prefs, "asks for the password at each sync");
}

/* Preferences, as Anna fills them in from what the board gave her. */
static void
set_up_sync (LbWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (ui_wait_for (has_preferences, NULL, "Preferences"));
  GtkWidget *prefs = GTK_WIDGET (preferences_on_screen ());
  /* no keyring here: the password row says it is asked at each sync */
  g_assert_true (ui_wait_for (shows_no_keyring, prefs, "the keyring looked up"));
  g_autofree char *server = g_strdup_printf ("localhost:%d", cluster->port);
  set_entry_row (prefs, "Server (host name or address)", server);
  set_entry_row (prefs, "User name", "anna");
  gtk_widget_activate_action (prefs, "prefs.set-file", "(ss)", "ca", cluster->ca);
  g_assert_true (wait_shows (prefs, "ca.crt"));
  gtk_window_close (GTK_WINDOW (prefs));
  ui_run_briefly (100);

  /* kept in the database, where `lesbezoek sync` finds them too */
  g_autoptr(LbSyncConfig) cfg = lb_sync_config_load (lb_window_get_store (window), NULL);
  g_assert_cmpstr (cfg->server, ==, server);
  g_assert_cmpstr (cfg->user, ==, "anna");
  g_assert_cmpstr (cfg->ca_file, ==, cluster->ca);
  g_assert_null (cfg->password);
}

/* ---- the tests ---- */

static void
test_not_configured (void)
{
  LbWindow *window = open_window ();
  LbSyncStatus *status = status_of (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_false (lb_sync_status_is_configured (status));
  g_assert_true (wait_shows (GTK_WIDGET (status), "Not set up"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  ui_run_briefly (300);
  g_assert_false (lb_sync_status_is_busy (status));
  g_assert_true (wait_shows (GTK_WIDGET (window), "Syncing is not set up"));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

static void
test_push_pull (void)
{
  g_autofree char *coach_obs = coach_pushes_from_his_tablet ();
  LbWindow *window = open_window ();
  LbStore *store = lb_window_get_store (window);
  add_people (store);
  g_autofree char *own = add_observation (store, anna_uuid, LB_ROLE_STARTER, LB_PURPOSE_ZELFBEOORDELING, "Anna de Vries");
  set_up_sync (window);
  LbSyncStatus *status = status_of (window);
  g_assert_true (lb_sync_status_is_configured (status));
  g_assert_true (wait_shows (GTK_WIDGET (status), "Not synced yet"));

  sync_in_window (window);

  /* the self-assessment is on the server, as Anna's */
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autofree char *observer = server_column (admin, "SELECT observer::text FROM lesbezoek.observation WHERE uuid = $1",
                                             1, own);
  g_assert_cmpstr (observer, ==, anna_uuid);
  /* the status shows when */
  g_assert_true (wait_shows (GTK_WIDGET (status), "Last: today"));
  /* the coach's observation came in, and the list shows it */
  g_autoptr(LbObservation) pulled = lb_store_load (store, coach_obs, NULL);
  g_assert_nonnull (pulled);
  g_assert_cmpstr (pulled->observer->uuid, ==, cees_uuid);
  g_assert_true (wait_shows (GTK_WIDGET (window), "Cees Jansen (Coach)"));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

/* A mistyped password: the server refuses, the dialog says so and offers to
 * type it again, and the second try syncs. */
static void
test_wrong_password (void)
{
  LbWindow *window = open_window ();
  LbSyncStatus *status = status_of (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  answer_password ("not the password");
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the refusal"));
  run_for (200);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Server Refused the Connection");
  g_assert_false (lb_sync_status_is_busy (status));
  gtk_widget_activate (ui_button (GTK_WIDGET (dialog), "Type the _Password Again"));
  answer_password (server_password ("anna"));
  g_assert_true (ui_wait_for (sync_ended, status, "the second try"));
  run_for (200);
  g_assert_true (wait_shows (GTK_WIDGET (window), "Synced:"));
  g_assert_null (ui_dialog_on_screen ());
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

/* The postmaster and its backends (its children), from postmaster.pid. */
static GArray *
server_processes (void)
{
  g_autofree char *pidfile = g_build_filename (cluster->data, "postmaster.pid", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (pidfile, &text, NULL, NULL));
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));
  int postmaster = atoi (text);
  g_assert_cmpint (postmaster, >, 1);
  g_array_append_val (pids, postmaster);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (proc)))
    {
      g_autofree char *stat = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *line = NULL;
      if (!g_ascii_isdigit (*name) || !g_file_get_contents (stat, &line, NULL, NULL))
        continue;
      const char *end = strrchr (line, ')');   /* the command may hold spaces */
      int pid = atoi (name), ppid = 0;
      char state;
      if (end && sscanf (end + 1, " %c %d", &state, &ppid) == 2 && ppid == postmaster)
        g_array_append_val (pids, pid);
    }
  return pids;
}

static void
signal_server (GArray *pids, int sig)
{
  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, int, i), sig);
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
shows_connecting (gpointer window)
{
  return ui_shows (window, "Connecting");
}

static void
test_frozen_server (void)
{
  LbWindow *window = open_window ();
  LbSyncStatus *status = status_of (window);
  g_assert_true (lb_sync_status_is_configured (status));
  g_autoptr(GArray) pids = server_processes ();
  signal_server (pids, SIGSTOP);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  answer_password (server_password ("anna"));
  guint ticks = 0;
  guint source = g_timeout_add (100, tick_cb, &ticks);
  gint64 start = g_get_monotonic_time ();
  g_assert_true (ui_wait_for (shows_connecting, window, "the progress in the header bar"));
  g_assert_true (ui_wait_for (sync_ended, status, "the sync to give up"));
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_source_remove (source);
  signal_server (pids, SIGCONT);
  run_for (200);

  /* The sync waited for the server (the client's connect timeout), and
   * all that time the window went on: ticks kept coming. */
  g_test_message ("sync gave up after %.1f s, %u ticks", seconds, ticks);
  g_assert_cmpfloat (seconds, >=, 1.0);
  g_assert_cmpuint (ticks, >=, (guint) (seconds * 10 * 0.3));
  g_assert_true (wait_shows (GTK_WIDGET (window), "No connection to the server"));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

/* The header bar's count of observations that need a person. */
static gboolean
is_attention_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Observations that need you after syncing") == 0;
}

/* A draft changed on Anna's laptop and on this tablet after both had the
 * same version: the sync lists it as a conflict, keeps this tablet's
 * version and marks it in the list and the header bar. */
static void
test_conflict (void)
{
  g_autoptr(GError) error = NULL;
  LbWindow *window = open_window ();
  LbStore *store = lb_window_get_store (window);
  g_autofree char *draft = add_observation (store, anna_uuid, LB_ROLE_STARTER, LB_PURPOSE_ZELFBEOORDELING, NULL);
  sync_in_window (window);

  /* her laptop gets the draft, changes it and sends it first */
  g_autofree char *path = g_build_filename (home, "anna-laptop.db", NULL);
  g_autoptr(LbStore) laptop = lb_store_open (path, &error);
  g_assert_no_error (error);
  add_people (laptop);
  g_autoptr(LbSyncConfig) cfg = config_for ("anna");
  g_autoptr(LbSyncReport) first = lb_sync_run (laptop, cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lb_store_set_field (laptop, draft, LB_FIELD_SUBJECT, "taal", &error));
  g_autoptr(LbSyncReport) second = lb_sync_run (laptop, cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->updated, ==, 1);

  /* this tablet changed it too */
  g_assert_true (lb_store_set_field (store, draft, LB_FIELD_SUBJECT, "begrijpend lezen", &error));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  answer_password (server_password ("anna"));
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the list of what needs Anna"));
  run_for (300);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "1 Observation Needs You");
  g_assert_true (wait_shows (GTK_WIDGET (dialog), "Conflict: changed here and on the server"));
  g_assert_true (wait_shows (GTK_WIDGET (dialog), "Anna de Vries"));
  gtk_widget_activate (ui_button (GTK_WIDGET (dialog), "_Close"));
  g_assert_true (ui_wait_for (ui_no_message_dialog, NULL, "the list closed"));
  run_for (200);

  /* nothing merged or overwritten here */
  g_autoptr(LbObservation) mine = lb_store_load (store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mine->subject, ==, "begrijpend lezen");
  /* the list marks it, and the header bar counts it */
  g_assert_true (wait_shows (GTK_WIDGET (window), "Sync conflict"));
  GtkWidget *attention = ui_find (GTK_WIDGET (status_of (window)), is_attention_button, NULL);
  g_assert_nonnull (attention);
  g_assert_true (wait_shows (attention, "1"));
  conflict_draft = g_strdup (draft);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

/* Waiting condition: the message dialog headed @data is on screen. */
static gboolean
dialog_headed (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
dialog_on_screen (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return w;
    }
  return NULL;
}

static gboolean
attention_hidden (gpointer window)
{
  return ui_find (GTK_WIDGET (window), is_attention_button, NULL) == NULL;
}

/* The conflict /sync/conflict left: Anna opens the list from the header
 * bar's badge and takes the server's version; it asks first, then this
 * tablet holds the laptop's version, her own is saved as a file, and the
 * badge is gone. */
static void
test_resolve (void)
{
  g_assert_nonnull (conflict_draft);
  g_autoptr(GError) error = NULL;
  LbWindow *window = open_window ();
  LbStore *store = lb_window_get_store (window);
  GtkWidget *attention = ui_find (GTK_WIDGET (status_of (window)), is_attention_button, NULL);
  g_assert_nonnull (attention);
  gtk_widget_activate (attention);
  g_assert_true (ui_wait_for (dialog_headed, (gpointer) "1 Observation Needs You", "the list"));
  run_for (300);
  GtkWidget *list = dialog_on_screen ("1 Observation Needs You");
  /* a conflict offers all three choices */
  ui_button (list, "Keep _Mine");
  ui_button (list, "Keep _Both");
  gtk_widget_activate (ui_button (list, "_Take the Server's"));
  g_assert_true (ui_wait_for (dialog_headed, (gpointer) "Replace This Tablet's Version?", "the question"));
  run_for (300);
  /* not yet: only a confirmed choice replaces anything */
  g_autoptr(LbObservation) before = lb_store_load (store, conflict_draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before->subject, ==, "begrijpend lezen");
  gtk_widget_activate (ui_button (dialog_on_screen ("Replace This Tablet's Version?"), "_Replace"));
  answer_password (server_password ("anna"));
  g_assert_true (ui_wait_for (sync_ended, status_of (window), "the resolution"));
  g_assert_true (ui_wait_for (attention_hidden, window, "the badge gone"));

  g_autoptr(LbObservation) now = lb_store_load (store, conflict_draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->subject, ==, "taal");
  g_autofree char *dir = lb_sync_resolve_dir ();
  g_autoptr(GDir) saved = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  const char *name = g_dir_read_name (saved);
  g_assert_nonnull (name);
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autofree char *xml = NULL;
  g_assert_true (g_file_get_contents (file, &xml, NULL, &error));
  g_assert_nonnull (strstr (xml, "begrijpend lezen"));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  home = ui_private_home ();
  g_autofree char *db = g_build_filename (home, "anna.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  g_test_init (&argc, &argv, NULL);
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/sync/not-configured", test_not_configured);
  const char *reason = server_test_skip_reason ();
  if (reason)
    {
      g_test_message ("without a server: %s", reason);
      return g_test_run ();
    }
  cluster = server_cluster_start ();
  g_assert_cmpint (server_tool (cluster, NULL, NULL, NULL, "init", NULL), ==, 0);
  anna_uuid = server_add_user (cluster, "anna", "starter", NULL);
  cees_uuid = server_add_user (cluster, "cees", "coach", NULL);
  g_assert_cmpint (server_tool (cluster, NULL, NULL, NULL, "user", "assign", "cees", "anna", "--as", "coach", NULL), ==, 0);
  g_autoptr(GError) error = NULL;
  inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/push-pull", test_push_pull);
  g_test_add_func ("/sync/wrong-password", test_wrong_password);
  g_test_add_func ("/sync/frozen-server", test_frozen_server);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/resolve", test_resolve);
  int status = g_test_run ();

  g_object_unref (app);
  g_object_unref (inst);
  server_cluster_stop (cluster);
  if (g_getenv ("LB_TEST_KEEP_HOME"))   /* to look at the databases afterwards */
    g_printerr ("kept %s\n", home);
  else
    ui_remove_tree (home);
  g_free (home);
  g_free (anna_uuid);
  g_free (cees_uuid);
  g_free (conflict_draft);
  return status;
}
