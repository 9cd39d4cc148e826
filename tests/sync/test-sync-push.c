/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-push"

/* Pushing observations to the board's server, as `lesbezoek sync` does:
 * idempotent (created, then duplicate; two tablets at once give one row),
 * safe against a server killed mid-push and a lost acknowledgement, and
 * conflict-refusing (a changed final is refused, a draft changed on two
 * tablets is a conflict; neither side is overwritten). Each test case has
 * its own users on one shared cluster. */

#include "sync-test-util.h"

#include <sqlite3.h>
#include <string.h>

typedef struct {
  char *starter, *assessor;   /* person uuids */
  char *s_login, *a_login;
  char *db;
} Board;

/* An assessor assigned to a starter, and the assessor's tablet knowing both. */
static void
board_setup (Board *b, const char *prefix)
{
  b->s_login = g_strdup_printf ("%s-s", prefix);
  b->a_login = g_strdup_printf ("%s-a", prefix);
  b->starter = sync_user (b->s_login, "starter");
  b->assessor = sync_user (b->a_login, "assessor");
  sync_assign (b->a_login, b->s_login, "assessor");
  b->db = sync_tablet (prefix);
  sync_tablet_person (b->db, b->starter, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (b->db, b->assessor, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
}

static void
board_clear (Board *b)
{
  g_free (b->starter);
  g_free (b->assessor);
  g_free (b->s_login);
  g_free (b->a_login);
  g_free (b->db);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Board, board_clear)

static char *
observe (Board *b, const char *db, gboolean final, const char *tops)
{
  return sync_tablet_observe (db, b->starter, b->assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, final, tops);
}

/* Every row on the server is whole: its hash is the SHA-256 of its body. */
static void
assert_server_whole (void)
{
  g_assert_cmpint (sync_admin_count (
    "SELECT count(*) FROM lesbezoek.observation WHERE status = 'final' AND "
    "content_hash IS DISTINCT FROM encode (sha256 (convert_to (body, 'UTF8')), 'hex')", NULL), ==, 0);
}

static gint64
server_rows (const char *observer)
{
  return sync_admin_count ("SELECT count(*) FROM lesbezoek.observation WHERE observer = $1", observer);
}

/* New → created; the same final from the user's second tablet → duplicate. */
static void
test_created_duplicate (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "cd");
  g_autofree char *f1 = observe (&b, b.db, TRUE, "Rustige instructie");
  g_autofree char *f2 = observe (&b, b.db, TRUE, "Goede afsluiting");
  g_autofree char *d1 = observe (&b, b.db, FALSE, "Nog bezig");
  g_autofree char *second = sync_tablet ("cd-second");
  sync_tablet_copy (b.db, second);

  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 3 new, 0 already there, 0 updated");
  g_assert_cmpint (server_rows (b.assessor), ==, 3);
  g_autofree char *body_hash = sync_admin_value (
    "SELECT encode (sha256 (convert_to (body, 'UTF8')), 'hex') FROM lesbezoek.observation WHERE uuid = $1", f1);
  g_autofree char *local_hash = sync_tablet_hash (b.db, f1);
  g_assert_cmpstr (body_hash, ==, local_hash);
  g_autofree char *status = sync_admin_value ("SELECT status FROM lesbezoek.observation WHERE uuid = $1", d1);
  g_assert_cmpstr (status, ==, "draft");
  assert_server_whole ();

  /* Nothing changed: nothing is sent again. */
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 0 updated");

  /* The second tablet holds the same observations, never synced. */
  sync_run_clear (&r);
  sync_first (&r, second, b.a_login);
  sync_expect (&r, 0, "Sent: 0 new, 3 already there, 0 updated");
  g_assert_cmpint (server_rows (b.assessor), ==, 3);
  g_assert_cmpint (sync_admin_count ("SELECT max (version) FROM lesbezoek.observation WHERE observer = $1",
                                     b.assessor), ==, 1);
}

/* Two tablets push the same final at the same moment: one row. */
static void
test_concurrent (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "cc");
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *tops = g_strdup_printf ("Les %d", i);
      g_ptr_array_add (uuids, observe (&b, b.db, TRUE, tops));
    }
  g_autofree char *second = sync_tablet ("cc-second");
  sync_tablet_copy (b.db, second);

  g_autoptr(GSubprocess) one = sync_cli_spawn (b.db, b.a_login, NULL);
  g_autoptr(GSubprocess) two = sync_cli_spawn (second, b.a_login, NULL);
  g_autofree char *out1 = NULL, *out2 = NULL, *err1 = NULL, *err2 = NULL;
  g_assert_true (g_subprocess_communicate_utf8 (one, NULL, NULL, &out1, &err1, NULL));
  g_assert_true (g_subprocess_communicate_utf8 (two, NULL, NULL, &out2, &err2, NULL));
  if (g_test_verbose ()) g_printerr ("%s%s%s%s", out1, err1, out2, err2);
  g_assert_cmpint (g_subprocess_get_exit_status (one), ==, 0);
  g_assert_cmpint (g_subprocess_get_exit_status (two), ==, 0);
  g_assert_cmpint (server_rows (b.assessor), ==, 20);
  /* Every observation was created once, and counted once as duplicate by the other. */
  guint created = 0, duplicate = 0;
  const char *outs[] = { out1, out2 };
  for (guint i = 0; i < 2; i++)
    {
      guint c, d, u;
      const char *line = strstr (outs[i], "Sent: ");
      g_assert_nonnull (line);
      g_assert_cmpint (sscanf (line, "Sent: %u new, %u already there, %u updated", &c, &d, &u), ==, 3);
      created += c;
      duplicate += d;
    }
  g_assert_cmpuint (created, ==, 20);
  g_assert_cmpuint (duplicate, ==, 20);
  assert_server_whole ();
}

/* The server commits, the acknowledgement never arrives: the retry
 * finds the same content there and reports a duplicate. */
static void
test_lost_ack (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "ack");
  g_autofree char *f1 = observe (&b, b.db, TRUE, "Eerste");
  g_autofree char *f2 = observe (&b, b.db, TRUE, "Tweede");
  const char *env[] = { "LESBEZOEK_SYNC_TEST_LOSE_ACK", "1", NULL };
  g_autoptr(GSubprocess) proc = sync_cli_spawn (b.db, b.a_login, env);
  g_autofree char *out = NULL, *err = NULL;
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, NULL));
  if (g_test_verbose ()) g_printerr ("%s%s", out, err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 3);
  g_assert_cmpint (server_rows (b.assessor), ==, 1);

  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 1 new, 1 already there, 0 updated");
  g_assert_cmpint (server_rows (b.assessor), ==, 2);
  assert_server_whole ();
}

/* pg_ctl stop -m immediate while a long push runs: nothing half-written,
 * the client says it is offline, the retry sends the rest. */
static void
test_killed (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "kill");
  const guint n = 150;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tops = g_strdup_printf ("Les %u", i);
      g_free (observe (&b, b.db, TRUE, tops));
    }
  g_autoptr(GSubprocess) proc = sync_cli_spawn (b.db, b.a_login, NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (server_rows (b.assessor) < 10 && g_get_monotonic_time () < deadline)
    g_usleep (5000);
  g_assert_true (server_cluster_pg_ctl (sync_cluster (), "stop", "immediate"));
  g_autofree char *out = NULL, *err = NULL;
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, NULL));
  if (g_test_verbose ()) g_printerr ("%s%s", out, err);
  g_assert_true (server_cluster_pg_ctl (sync_cluster (), "start", NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 3);
  g_assert_nonnull (strstr (err, "does not answer"));
  gint64 before = server_rows (b.assessor);
  g_assert_cmpint (before, <, n);
  g_assert_cmpint (before, >=, 10);
  assert_server_whole ();

  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, b.db, b.a_login, NULL);
  g_assert_cmpint (r.status, ==, 0);
  guint c, d, u;
  const char *line = strstr (r.out, "Sent: ");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Sent: %u new, %u already there, %u updated", &c, &d, &u), ==, 3);
  /* At most one was committed but not acknowledged when the server died. */
  g_assert_cmpuint (c + d, ==, n - before + d);
  g_assert_cmpuint (d, <=, 1);
  g_assert_cmpint (server_rows (b.assessor), ==, n);
  assert_server_whole ();

  /* A copy of the tablet from before the sync: everything is a duplicate. */
  g_autofree char *second = sync_tablet ("kill-second");
  g_auto(SyncRun) r2 = { 0 };
  sync_tablet_copy (b.db, second);
  /* forget what the first tablet learnt: as a tablet that never synced */
  sqlite3 *raw = NULL;
  g_assert_cmpint (sqlite3_open (second, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM sync_observation; DELETE FROM sync_account", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);
  sync_cli (&r2, second, b.a_login, NULL);
  g_autofree char *want = g_strdup_printf ("Sent: 0 new, %u already there, 0 updated", n);
  sync_expect (&r2, 0, want);
}

/* The same uuid finalized with other content on another tablet: refused,
 * that tablet's copy untouched and flagged; the server's unchanged. */
static void
test_refused (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "ref");
  g_autofree char *uuid = observe (&b, b.db, FALSE, "Begin");
  g_autofree char *other = sync_tablet ("ref-other");
  sync_tablet_copy (b.db, other);
  sync_tablet_set_tops (b.db, uuid, "Zo ging het");
  sync_tablet_finalize (b.db, uuid);
  sync_tablet_set_tops (other, uuid, "Anders opgeschreven");
  sync_tablet_finalize (other, uuid);
  g_autofree char *other_hash = sync_tablet_hash (other, uuid);

  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  g_autofree char *server_body = sync_admin_value ("SELECT body FROM lesbezoek.observation WHERE uuid = $1", uuid);
  g_assert_nonnull (strstr (server_body, "Zo ging het"));

  sync_run_clear (&r);
  sync_first (&r, other, b.a_login);
  sync_expect (&r, 1, "1 refused");
  g_assert_nonnull (strstr (r.out, uuid));
  g_autofree char *after = sync_tablet_hash (other, uuid);
  g_assert_cmpstr (after, ==, other_hash);
  g_autofree char *tops = sync_tablet_tops (other, uuid);
  g_assert_cmpstr (tops, ==, "Anders opgeschreven");
  g_autofree char *server_after = sync_admin_value ("SELECT body FROM lesbezoek.observation WHERE uuid = $1", uuid);
  g_assert_cmpstr (server_after, ==, server_body);

  /* It stays flagged, and is not sent again. */
  sync_run_clear (&r);
  sync_cli (&r, other, b.a_login, "--status", NULL);
  sync_expect (&r, 1, "Needing attention: 1");
  g_assert_nonnull (strstr (r.out, uuid));
  sync_run_clear (&r);
  sync_cli (&r, other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 0 updated");
}

/* A draft changed on two tablets after both saw version 1: the second to
 * push gets a conflict, and neither version is lost. */
static void
test_conflict (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "con");
  g_autofree char *uuid = observe (&b, b.db, FALSE, "Eerste versie");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  g_autofree char *other = sync_tablet ("con-other");
  sync_tablet_copy (b.db, other);

  sync_tablet_set_tops (b.db, uuid, "Van tablet een");
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 1 updated");

  sync_tablet_set_tops (other, uuid, "Van tablet twee");
  sync_run_clear (&r);
  sync_cli (&r, other, b.a_login, NULL);
  sync_expect (&r, 1, "1 in conflict");
  g_assert_nonnull (strstr (r.out, uuid));
  g_autofree char *mine = sync_tablet_tops (other, uuid);
  g_assert_cmpstr (mine, ==, "Van tablet twee");
  g_autofree char *body = sync_admin_value ("SELECT body FROM lesbezoek.observation WHERE uuid = $1", uuid);
  g_assert_nonnull (strstr (body, "Van tablet een"));
  g_assert_cmpint (sync_admin_count ("SELECT version FROM lesbezoek.observation WHERE uuid = $1", uuid), ==, 2);
  /* the first tablet's own copy is what it wrote */
  g_autofree char *first = sync_tablet_tops (b.db, uuid);
  g_assert_cmpstr (first, ==, "Van tablet een");
}

/* Without settings: a usage error that says what to give. */
static void
test_not_configured (void)
{
  g_autofree char *db = sync_tablet ("none");
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, db, NULL, NULL);
  sync_expect (&r, 2, "--server");
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/push/created-duplicate", test_created_duplicate);
  g_test_add_func ("/sync/push/concurrent", test_concurrent);
  g_test_add_func ("/sync/push/lost-ack", test_lost_ack);
  g_test_add_func ("/sync/push/killed", test_killed);
  g_test_add_func ("/sync/push/refused", test_refused);
  g_test_add_func ("/sync/push/conflict", test_conflict);
  g_test_add_func ("/sync/push/not-configured", test_not_configured);
  return sync_test_run ();
}
