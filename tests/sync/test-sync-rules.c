/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-rules"

/* What the board's rules mean for a tablet: an assignment or role revoked
 * stops pushing for it (between syncs and during one); a frozen server
 * makes the client give up instead of hanging; a server that cannot prove
 * it is the board's is refused; and three tablets share one starter's
 * dossier exactly as the server's policies allow, a coach's formative
 * observation reaching the assessor only once the starter shares it. */

#include "sync-test-util.h"

#include <signal.h>
#include <string.h>

static char *
observe (const char *db, const char *starter, const char *observer, LbRole role, LbPurpose purpose,
         const char *tops)
{
  return sync_tablet_observe (db, starter, observer, role, purpose, TRUE, tops);
}

static gboolean
on_server (const char *uuid)
{
  return sync_admin_count ("SELECT count(*) FROM lesbezoek.observation WHERE uuid = $1", uuid) == 1;
}

/* ---- revocation ---- */

static void
test_revoked_between (void)
{
  g_autofree char *s = sync_user ("rv-s", "starter");
  g_autofree char *a = sync_user ("rv-a", "assessor");
  g_autofree char *s2 = sync_user ("rv-s2", "starter");
  sync_assign ("rv-a", "rv-s", "assessor");
  sync_assign ("rv-a", "rv-s2", "assessor");
  g_autofree char *db = sync_tablet ("rv");
  sync_tablet_person (db, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, s2, "Joris de Boer", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *first = observe (db, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Voor het intrekken");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, db, "rv-a");
  sync_expect (&r, 0, "Sent: 1 new");

  sync_revoke ("rv-a", "rv-s", "assessor");
  g_autofree char *later = observe (db, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Na het intrekken");
  g_autofree char *other = observe (db, s2, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Andere starter");
  sync_run_clear (&r);
  sync_cli (&r, db, "rv-a", NULL);
  sync_expect (&r, 1, "1 not sent (revoked)");
  g_assert_nonnull (strstr (r.out, "Fatima el Amrani"));
  g_assert_nonnull (strstr (r.out, later));
  g_assert_false (on_server (later));
  g_assert_true (on_server (other));
  g_assert_true (sync_tablet_has (db, later));   /* kept on the tablet */

  /* A starter the board never added: not sent, and the reason says how to fix it. */
  g_autofree char *stranger = g_uuid_string_random ();
  sync_tablet_person (db, stranger, "Onbekende Starter", TRUE, LB_ROLE_STARTER);
  g_autofree char *unknown = observe (db, stranger, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Onbekend");
  sync_run_clear (&r);
  sync_cli (&r, db, "rv-a", NULL);
  sync_expect (&r, 1, "Onbekende Starter is not known in the shared dossier");
  g_assert_nonnull (strstr (r.out, stranger));
  g_assert_false (on_server (unknown));

  /* The role itself revoked: nothing more is sent for anyone. */
  sync_revoke ("rv-a", NULL, "assessor");
  g_autofree char *third = observe (db, s2, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Zonder rol");
  sync_run_clear (&r);
  sync_cli (&r, db, "rv-a", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (on_server (third));
  g_assert_true (sync_tablet_has (db, third));
}

/* ---- a new tablet learns its starters ---- */

/* An observer's brand-new tablet: the first sync brings the user and the
 * starters they are assigned to (with the server's ids, so what they
 * observe next is accepted), but not a starter whose assignment ended. */
static void
test_starters_arrive (void)
{
  g_autofree char *s = sync_user ("na-s", "starter");
  g_autofree char *gone = sync_user ("na-gone", "starter");
  g_autofree char *c = sync_user ("na-c", "coach");
  sync_assign ("na-c", "na-s", "coach");
  sync_assign ("na-c", "na-gone", "coach");
  sync_revoke ("na-c", "na-gone", "coach");
  g_autofree char *db = sync_tablet ("na");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, db, "na-c");
  sync_expect (&r, 0, NULL);

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_assert_no_error (error);
  g_autoptr(LbPerson) starter = lb_store_find_person (store, s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (starter);
  g_assert_cmpstr (starter->name, ==, "na-s");
  g_assert_true (starter->is_starter);
  g_autoptr(LbPerson) me = lb_store_find_person (store, c, NULL);
  g_assert_nonnull (me);
  g_autoptr(LbPerson) ended = lb_store_find_person (store, gone, NULL);
  g_assert_null (ended);
  g_clear_object (&store);

  /* Observed with what the sync brought: accepted by the server. */
  g_autofree char *obs = observe (db, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, "Eerste les");
  sync_run_clear (&r);
  sync_cli (&r, db, "na-c", NULL);
  sync_expect (&r, 0, "Sent: 1 new");
  g_assert_true (on_server (obs));
}

typedef struct {
  gboolean done;
} Revoker;

/* Revokes the assignment once the first observation has been pushed. */
static void
revoke_during_cb (LbSyncPhase phase, guint done, guint total, gpointer data)
{
  Revoker *r = data;
  if (phase == LB_SYNC_PHASE_PUSH && done == 1 && !r->done)
    {
      r->done = TRUE;
      sync_revoke ("rd-a", "rd-s", "assessor");
    }
}

static void
test_revoked_during (void)
{
  g_autofree char *s = sync_user ("rd-s", "starter");
  g_autofree char *a = sync_user ("rd-a", "assessor");
  sync_assign ("rd-a", "rd-s", "assessor");
  g_autofree char *db = sync_tablet ("rd");
  sync_tablet_person (db, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  for (int i = 0; i < 5; i++)
    g_free (observe (db, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Les"));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_autoptr(LbSyncConfig) cfg = sync_config ("rd-a");
  Revoker revoker = { FALSE };
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, revoke_during_cb, &revoker, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (revoker.done);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->revoked, ==, 4);
  g_assert_true (lb_sync_report_needs_attention (report));
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.observation WHERE observer = $1", a), ==, 1);
  LbSyncState state;
  g_assert_true (lb_store_get_sync_state (store, &state, &error));
  g_assert_cmpuint (state.flagged, ==, 4);
  lb_sync_state_clear (&state);
}

/* ---- a frozen server ---- */

/* The postmaster and its backends, stopped or continued. */
static void
signal_server (int sig)
{
  g_autofree char *pidfile = g_build_filename (sync_cluster ()->data, "postmaster.pid", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (pidfile, &text, NULL, NULL));
  int postmaster = atoi (text);
  g_assert_cmpint (postmaster, >, 0);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (proc)))
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      const char *after = strrchr (stat, ')');
      int ppid = 0;
      if (after && sscanf (after + 2, "%*c %d", &ppid) == 1 && ppid == postmaster)
        kill (atoi (name), sig);
    }
  kill (postmaster, sig);
}

typedef struct {
  gboolean stopped;
} Freezer;

static void
freeze_cb (LbSyncPhase phase, guint done, guint total, gpointer data)
{
  Freezer *f = data;
  if (phase == LB_SYNC_PHASE_PUSH && !f->stopped)
    {
      f->stopped = TRUE;
      signal_server (SIGSTOP);
    }
}

static void
test_frozen (void)
{
  g_autofree char *s = sync_user ("fz-s", "starter");
  g_autofree char *a = sync_user ("fz-a", "assessor");
  sync_assign ("fz-a", "fz-s", "assessor");
  g_autofree char *db = sync_tablet ("fz");
  sync_tablet_person (db, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *uuid = observe (db, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Bevroren");

  /* Frozen before the sync: the connection attempt gives up. */
  signal_server (SIGSTOP);
  gint64 start = g_get_monotonic_time ();
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, db, "fz-a", "--server", sync_server (), "--user", "fz-a", "--ca", sync_cluster ()->ca,
            "--timeout", "2", NULL);
  gint64 took = g_get_monotonic_time () - start;
  signal_server (SIGCONT);
  sync_expect (&r, 3, "does not answer");
  g_assert_cmpint (took, <, 60 * G_TIME_SPAN_SECOND);

  /* Frozen in the middle of a sync: the statement's own deadline. */
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_autoptr(LbSyncConfig) cfg = sync_config ("fz-a");
  cfg->statement_timeout_ms = 1000;
  Freezer freezer = { FALSE };
  start = g_get_monotonic_time ();
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, freeze_cb, &freezer, NULL, &error);
  took = g_get_monotonic_time () - start;
  signal_server (SIGCONT);
  g_assert_true (freezer.stopped);
  g_assert_null (report);
  g_assert_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (took, <, 60 * G_TIME_SPAN_SECOND);
  g_clear_error (&error);

  /* Back again: the sync completes. The server may have run the insert
   * it received while frozen; then it is a duplicate now. */
  sync_run_clear (&r);
  sync_cli (&r, db, "fz-a", NULL);
  sync_expect (&r, 0, NULL);
  g_assert_true (strstr (r.out, "Sent: 1 new, 0 already there") || strstr (r.out, "Sent: 0 new, 1 already there"));
  g_assert_true (on_server (uuid));
}

/* ---- TLS ---- */

static char *
other_ca (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "other-ca", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  char *crt = g_build_filename (dir, "ca.crt", NULL);
  g_autofree char *key = g_build_filename (dir, "ca.key", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", crt, "-days", "2",
                         "-subj", "/CN=Another CA", NULL };
  int status = 0;
  g_autoptr(GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return crt;
}

static void
test_tls (void)
{
  g_autofree char *a = sync_user ("tls-a", "assessor");
  g_autofree char *db = sync_tablet ("tls");
  g_autofree char *ca = other_ca ();
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, db, "tls-a", "--server", sync_server (), "--user", "tls-a", "--ca", ca, NULL);
  sync_expect (&r, 1, "could not be verified with the CA file");

  /* The right CA, but a name the server's certificate was not made for. */
  g_autofree char *url = g_strdup_printf ("postgresql://lesbezoek.example:%d/lesbezoek?hostaddr=127.0.0.1",
                                          sync_cluster ()->port);
  sync_run_clear (&r);
  sync_cli (&r, db, "tls-a", "--server", url, "--ca", sync_cluster ()->ca, NULL);
  sync_expect (&r, 1, "certificate made for another name");

  /* A wrong password is refused too, and says so. */
  sync_run_clear (&r);
  sync_cli (&r, db, NULL, "--server", sync_server (), NULL);
  sync_expect (&r, 1, "refused the login");

  sync_run_clear (&r);
  sync_cli (&r, db, "tls-a", NULL);
  sync_expect (&r, 0, "Sent: 0 new");
}

/* ---- three tablets, one dossier ---- */

static void
test_dossier (void)
{
  g_autofree char *s = sync_user ("ds-s", "starter");
  g_autofree char *a = sync_user ("ds-a", "assessor");
  g_autofree char *c = sync_user ("ds-c", "coach");
  sync_assign ("ds-a", "ds-s", "assessor");
  sync_assign ("ds-c", "ds-s", "coach");
  g_autofree char *adb = sync_tablet ("ds-assessor");
  g_autofree char *cdb = sync_tablet ("ds-coach");
  g_autofree char *sdb = sync_tablet ("ds-starter");
  sync_tablet_person (adb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  sync_tablet_person (cdb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (cdb, c, "Marloes Jansen", FALSE, LB_ROLE_COACH);
  g_autofree char *summative = observe (adb, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "Beoordeling");
  g_autofree char *formative = observe (cdb, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, "Begeleiding");
  g_autofree char *coach_draft = sync_tablet_observe (cdb, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, FALSE,
                                                      "Nog niet af");
  g_autofree char *summative_hash = sync_tablet_hash (adb, summative);

  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "ds-a");
  sync_expect (&r, 0, "Sent: 1 new");
  sync_run_clear (&r);
  sync_first (&r, cdb, "ds-c");
  sync_expect (&r, 0, "Sent: 2 new");

  /* The starter's new tablet: the whole dossier, but no one's drafts. */
  sync_run_clear (&r);
  sync_first (&r, sdb, "ds-s");
  sync_expect (&r, 0, "Received: 2");
  g_assert_true (sync_tablet_has (sdb, summative));
  g_assert_true (sync_tablet_has (sdb, formative));
  g_assert_false (sync_tablet_has (sdb, coach_draft));
  g_autofree char *pulled_hash = sync_tablet_hash (sdb, summative);
  g_assert_cmpstr (pulled_hash, ==, summative_hash);
  {
    /* the new tablet knows its user now, as the server names them */
    g_autoptr(LbStore) store = lb_store_open (sdb, NULL);
    g_autoptr(LbPerson) me = lb_store_find_person (store, s, NULL);
    g_assert_nonnull (me);
    g_assert_true (me->is_starter);
  }

  /* The assessor does not get the coach's formative observation … */
  sync_run_clear (&r);
  sync_cli (&r, adb, "ds-a", NULL);
  sync_expect (&r, 0, "Received: 0");
  g_assert_false (sync_tablet_has (adb, formative));

  /* … until the starter shares it (only the starter can). */
  sync_run_clear (&r);
  sync_cli (&r, cdb, "ds-c", "--share", formative, NULL);
  sync_expect (&r, 1, "cannot be shared");
  sync_run_clear (&r);
  sync_cli (&r, sdb, "ds-s", "--share", formative, NULL);
  sync_expect (&r, 0, "Shared");
  sync_run_clear (&r);
  sync_cli (&r, sdb, "ds-s", "--share", formative, NULL);
  sync_expect (&r, 0, "Shared");
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.share WHERE observation = $1", formative),
                   ==, 1);
  sync_run_clear (&r);
  sync_cli (&r, adb, "ds-a", NULL);
  sync_expect (&r, 0, "Received: 1");
  g_assert_true (sync_tablet_has (adb, formative));
  /* someone else's observation on the tablet is never pushed */
  sync_run_clear (&r);
  sync_cli (&r, adb, "ds-a", NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 0 updated");

  /* The coach's tablet has the assessor's summative one? Never: not shared, not the coach's. */
  sync_run_clear (&r);
  sync_cli (&r, cdb, "ds-c", NULL);
  sync_expect (&r, 0, NULL);
  g_assert_false (sync_tablet_has (cdb, summative));

  /* The assignment ends: what was never the assessor's leaves their
   * tablet; their own summative observation stays. */
  sync_revoke ("ds-a", "ds-s", "assessor");
  sync_run_clear (&r);
  sync_cli (&r, adb, "ds-a", NULL);
  sync_expect (&r, 0, "removed from this tablet: 1");
  g_assert_false (sync_tablet_has (adb, formative));
  g_assert_true (sync_tablet_has (adb, summative));
  g_autofree char *kept_hash = sync_tablet_hash (adb, summative);
  g_assert_cmpstr (kept_hash, ==, summative_hash);
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/rules/revoked-between", test_revoked_between);
  g_test_add_func ("/sync/rules/revoked-during", test_revoked_during);
  g_test_add_func ("/sync/rules/frozen", test_frozen);
  g_test_add_func ("/sync/rules/tls", test_tls);
  g_test_add_func ("/sync/rules/dossier", test_dossier);
  g_test_add_func ("/sync/rules/starters-arrive", test_starters_arrive);
  return sync_test_run ();
}
