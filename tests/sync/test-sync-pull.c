/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-pull"

/* Pulling from the board's server: in batches, each applied with its
 * cursor, so a sync broken off halfway resumes without losing or
 * repeating anything; the author's drafts reach their other tablet, but
 * nothing already on a tablet is overwritten by a pull; and what a sync
 * records beside a final observation never touches its content. */

#include "sync-test-util.h"
#include "lb-sync-private.h"

#include <sqlite3.h>
#include <string.h>

static gint64
local_count (const char *db, const char *sql)
{
  sqlite3 *raw = NULL;
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (raw);
  return n;
}

typedef struct {
  GCancellable *cancellable;
  guint         batches;
} Stopper;

/* Cancels the sync when the second batch is about to be pulled. */
static void
stop_after_first_batch_cb (LbSyncPhase phase, guint done, guint total, gpointer data)
{
  Stopper *s = data;
  if (phase == LB_SYNC_PHASE_PULL && ++s->batches == 2)
    g_cancellable_cancel (s->cancellable);
}

static void
test_resume (void)
{
  g_autofree char *s = sync_user ("rs-s", "starter");
  g_autofree char *a = sync_user ("rs-a", "assessor");
  sync_assign ("rs-a", "rs-s", "assessor");
  g_autofree char *adb = sync_tablet ("rs-assessor");
  sync_tablet_person (adb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *tops = g_strdup_printf ("Les %d", i);
      g_free (sync_tablet_observe (adb, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, TRUE, tops));
    }
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "rs-a");
  sync_expect (&r, 0, "Sent: 12 new");

  g_setenv ("LESBEZOEK_SYNC_TEST_BATCH", "5", TRUE);
  g_autofree char *sdb = sync_tablet ("rs-starter");
  g_autoptr(GError) error = NULL;
  {
    g_autoptr(LbStore) store = lb_store_open (sdb, &error);
    g_autoptr(LbSyncConfig) cfg = sync_config ("rs-s");
    Stopper stopper = { g_cancellable_new (), 0 };
    g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, stop_after_first_batch_cb, &stopper,
                                                  stopper.cancellable, &error);
    g_assert_null (report);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_object_unref (stopper.cancellable);
  }
  /* The first batch is here, with its cursor; nothing of the rest. */
  g_assert_cmpint (local_count (sdb, "SELECT count(*) FROM observation"), ==, 5);
  g_assert_cmpint (local_count (sdb, "SELECT feed_seq FROM sync_account"), >, 0);

  g_autoptr(LbStore) store = lb_store_open (sdb, &error);
  g_autoptr(LbSyncConfig) cfg = sync_config ("rs-s");
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pulled, ==, 7);
  g_assert_cmpint (local_count (sdb, "SELECT count(*) FROM observation"), ==, 12);
  g_assert_cmpint (local_count (sdb, "SELECT count(*) FROM observation WHERE status = 'final'"), ==, 12);
  guint n_checked = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (store, &n_checked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 12);
  g_assert_cmpuint (bad->len, ==, 0);
  g_unsetenv ("LESBEZOEK_SYNC_TEST_BATCH");
}

/* The author's draft reaches their other tablet and follows it while
 * that tablet leaves it alone; once changed there too, the pull keeps the
 * local version and flags it. */
static void
test_own_drafts (void)
{
  g_autofree char *s = sync_user ("od-s", "starter");
  g_autofree char *c = sync_user ("od-c", "coach");
  sync_assign ("od-c", "od-s", "coach");
  g_autofree char *one = sync_tablet ("od-one");
  g_autofree char *two = sync_tablet ("od-two");
  sync_tablet_person (one, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (one, c, "Marloes Jansen", FALSE, LB_ROLE_COACH);
  g_autofree char *draft = sync_tablet_observe (one, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, FALSE, "Begin");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, one, "od-c");
  sync_expect (&r, 0, "Sent: 1 new");

  sync_run_clear (&r);
  sync_first (&r, two, "od-c");
  sync_expect (&r, 0, "Received: 1");
  g_autofree char *got = sync_tablet_tops (two, draft);
  g_assert_cmpstr (got, ==, "Begin");

  sync_tablet_set_tops (one, draft, "Verder op tablet een");
  sync_run_clear (&r);
  sync_cli (&r, one, "od-c", NULL);
  sync_expect (&r, 0, "1 updated");
  sync_run_clear (&r);
  sync_cli (&r, two, "od-c", NULL);
  sync_expect (&r, 0, "Received: 1");
  g_autofree char *followed = sync_tablet_tops (two, draft);
  g_assert_cmpstr (followed, ==, "Verder op tablet een");

  /* Both change it; one pushes first. The other's pull keeps its own. */
  sync_tablet_set_tops (one, draft, "Derde versie, tablet een");
  sync_run_clear (&r);
  sync_cli (&r, one, "od-c", NULL);
  sync_expect (&r, 0, "1 updated");
  sync_tablet_set_tops (two, draft, "Eigen versie, tablet twee");
  sync_run_clear (&r);
  sync_cli (&r, two, "od-c", NULL);
  sync_expect (&r, 1, "1 in conflict");
  g_autofree char *kept = sync_tablet_tops (two, draft);
  g_assert_cmpstr (kept, ==, "Eigen versie, tablet twee");
  /* not "in conflict" twice: the pull does not report it again */
  g_assert_null (strstr (strstr (r.out, draft) + 1, draft));
}

/* The pull on its own (without the push before it, which would already
 * have found the conflict): a newer server version of a draft changed
 * here is not applied; the local draft stays, flagged. */
static void
test_keeps_local_draft (void)
{
  g_autofree char *s = sync_user ("kl-s", "starter");
  g_autofree char *c = sync_user ("kl-c", "coach");
  sync_assign ("kl-c", "kl-s", "coach");
  g_autofree char *db = sync_tablet ("kl");
  sync_tablet_person (db, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, c, "Marloes Jansen", FALSE, LB_ROLE_COACH);
  g_autofree char *draft = sync_tablet_observe (db, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, FALSE, "Begin");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, db, "kl-c");
  sync_expect (&r, 0, "Sent: 1 new");
  g_autofree char *server = sync_tablet ("kl-server");
  sync_tablet_copy (db, server);
  sync_tablet_set_tops (server, draft, "Op de server");
  sync_tablet_set_tops (db, draft, "Hier gewijzigd");

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) theirs = lb_store_open (server, &error);
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_assert_no_error (error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_pulled_free);
  LbSyncPulled *p = g_new0 (LbSyncPulled, 1);
  p->uuid = g_strdup (draft);
  p->version = 2;
  p->obs = lb_store_load (theirs, draft, &error);
  g_ptr_array_add (batch, p);
  LbSyncReport report = { .issues = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_issue_free) };
  g_autofree char *account = g_strdup_printf ("%s/", sync_server ());
  g_assert_true (lb_store_sync_apply (store, account, "kl-c", batch, 99, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpuint (report.pulled, ==, 0);
  g_ptr_array_unref (report.issues);
  g_clear_object (&store);
  g_autofree char *tops = sync_tablet_tops (db, draft);
  g_assert_cmpstr (tops, ==, "Hier gewijzigd");
  g_assert_cmpint (local_count (db, "SELECT count(*) FROM sync_observation WHERE flag = 'conflict'"), ==, 1);
}

/* What sync records beside a final observation leaves its content, hash
 * and the final lock as they were. */
static void
test_final_untouched (void)
{
  g_autofree char *s = sync_user ("fu-s", "starter");
  g_autofree char *a = sync_user ("fu-a", "assessor");
  sync_assign ("fu-a", "fu-s", "assessor");
  g_autofree char *db = sync_tablet ("fu");
  sync_tablet_person (db, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (db, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *uuid = sync_tablet_observe (db, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, TRUE, "Slot");
  g_autofree char *hash = sync_tablet_hash (db, uuid);
  gint64 revision = local_count (db, "SELECT revision FROM observation");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, db, "fu-a");
  sync_expect (&r, 0, "Sent: 1 new");

  g_autofree char *after = sync_tablet_hash (db, uuid);
  g_assert_cmpstr (after, ==, hash);
  g_assert_cmpint (local_count (db, "SELECT revision FROM observation"), ==, revision);
  g_assert_cmpint (local_count (db, "SELECT count(*) FROM sync_observation WHERE synced_hash = "
                                    "(SELECT content_hash FROM observation)"), ==, 1);
  /* the lock still holds */
  sqlite3 *raw = NULL;
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE observation SET tops = 'x'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (raw);
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/pull/resume", test_resume);
  g_test_add_func ("/sync/pull/own-drafts", test_own_drafts);
  g_test_add_func ("/sync/pull/keeps-local-draft", test_keeps_local_draft);
  g_test_add_func ("/sync/pull/final-untouched", test_final_untouched);
  return sync_test_run ();
}
