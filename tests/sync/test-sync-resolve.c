/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-resolve"

/* A person resolves what the sync flagged, with `lesbezoek sync resolve`:
 * a draft in conflict kept as this tablet has it (the next sync updates
 * the server's draft, no longer stale), the server's taken (this tablet's
 * saved as a file first), or both kept (this tablet's under a new id); a
 * refused final can only be set aside for the server's. Each way the test
 * syncs again and checks the server's and the tablets' content, and that
 * the version not chosen is still somewhere. */

#include "sync-test-util.h"

#include <sqlite3.h>
#include <string.h>

typedef struct {
  char *starter, *assessor;
  char *s_login, *a_login;
  char *db, *other;     /* the assessor's two tablets */
  char *uuid;
} Board;

static void
board_clear (Board *b)
{
  g_free (b->starter);
  g_free (b->assessor);
  g_free (b->s_login);
  g_free (b->a_login);
  g_free (b->db);
  g_free (b->other);
  g_free (b->uuid);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Board, board_clear)

static void
board_setup (Board *b, const char *prefix)
{
  /* the CLI sets versions aside in the user's data directory: the test's own */
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  b->s_login = g_strdup_printf ("%s-s", prefix);
  b->a_login = g_strdup_printf ("%s-a", prefix);
  b->starter = sync_user (b->s_login, "starter");
  b->assessor = sync_user (b->a_login, "assessor");
  sync_assign (b->a_login, b->s_login, "assessor");
  b->db = sync_tablet (prefix);
  sync_tablet_person (b->db, b->starter, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (b->db, b->assessor, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *other = g_strdup_printf ("%s-other", prefix);
  b->other = sync_tablet (other);
}

/* As tests/sync/test-sync-push.c makes one: the draft changed on both
 * tablets after both saw version 1; the other tablet's push is stale. */
static void
make_conflict (Board *b, const char *prefix)
{
  board_setup (b, prefix);
  b->uuid = sync_tablet_observe (b->db, b->starter, b->assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF,
                                 FALSE, "Eerste versie");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b->db, b->a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  sync_tablet_copy (b->db, b->other);
  sync_tablet_set_tops (b->db, b->uuid, "Van tablet een");
  sync_run_clear (&r);
  sync_cli (&r, b->db, b->a_login, NULL);
  sync_expect (&r, 0, "1 updated");
  sync_tablet_set_tops (b->other, b->uuid, "Van tablet twee");
  sync_run_clear (&r);
  sync_cli (&r, b->other, b->a_login, NULL);
  sync_expect (&r, 1, "1 in conflict");
}

static char *
server_body (const char *uuid)
{
  return sync_admin_value ("SELECT body FROM lesbezoek.observation WHERE uuid = $1", uuid);
}

/* The file the CLI says it saved the other version in, and that it holds @text. */
static void
assert_saved (SyncRun *r, const char *text)
{
  const char *at = strstr (r->out, "saved as ");
  g_assert_nonnull (at);
  g_autofree char *path = g_strndup (at + strlen ("saved as "), strcspn (at + strlen ("saved as "), "\n"));
  g_autofree char *xml = NULL;
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, text));
  g_assert_nonnull (strstr (xml, "<exchange"));
}

static void
assert_nothing_flagged (const char *db, const char *login)
{
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, db, login, "--status", NULL);
  sync_expect (&r, 0, "Needing attention: 0");
}

static void
test_keep_mine (void)
{
  g_auto(Board) b = { 0 };
  make_conflict (&b, "rmine");
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-mine", NULL);
  sync_expect (&r, 0, "Kept this tablet's version");
  assert_saved (&r, "Van tablet een");   /* the server's draft, before it is replaced */
  assert_nothing_flagged (b.other, b.a_login);

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 1 updated");
  g_autofree char *body = server_body (b.uuid);
  g_assert_nonnull (strstr (body, "Van tablet twee"));
  g_assert_cmpint (sync_admin_count ("SELECT version FROM lesbezoek.observation WHERE uuid = $1", b.uuid), ==, 3);
  g_autofree char *mine = sync_tablet_tops (b.other, b.uuid);
  g_assert_cmpstr (mine, ==, "Van tablet twee");

  /* the first tablet had not changed it since: it takes the chosen version */
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "Received: 1");
  g_autofree char *first = sync_tablet_tops (b.db, b.uuid);
  g_assert_cmpstr (first, ==, "Van tablet twee");
}

static void
test_take_theirs (void)
{
  g_auto(Board) b = { 0 };
  make_conflict (&b, "rtheirs");
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--take-theirs", NULL);
  sync_expect (&r, 0, "Took the shared dossier's version");
  assert_saved (&r, "Van tablet twee");  /* this tablet's, before it was replaced */
  g_autofree char *now = sync_tablet_tops (b.other, b.uuid);
  g_assert_cmpstr (now, ==, "Van tablet een");
  assert_nothing_flagged (b.other, b.a_login);

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 0 updated");
  g_autofree char *body = server_body (b.uuid);
  g_assert_nonnull (strstr (body, "Van tablet een"));
  g_assert_cmpint (sync_admin_count ("SELECT version FROM lesbezoek.observation WHERE uuid = $1", b.uuid), ==, 2);
}

static char *
other_uuid (const char *db, const char *uuid)
{
  sqlite3 *sql = NULL;
  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT uuid FROM observation WHERE uuid != ?", -1, &st, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  char *found = g_strdup ((const char *) sqlite3_column_text (st, 0));
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  sqlite3_close (sql);
  return found;
}

static void
test_keep_both (void)
{
  g_auto(Board) b = { 0 };
  make_conflict (&b, "rboth");
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-both", NULL);
  sync_expect (&r, 0, "Kept both");
  g_autofree char *copy = other_uuid (b.other, b.uuid);
  g_assert_nonnull (strstr (r.out, copy));
  g_autofree char *theirs = sync_tablet_tops (b.other, b.uuid);
  g_assert_cmpstr (theirs, ==, "Van tablet een");
  g_autofree char *mine = sync_tablet_tops (b.other, copy);
  g_assert_cmpstr (mine, ==, "Van tablet twee");
  assert_nothing_flagged (b.other, b.a_login);

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 1 new, 0 already there, 0 updated");
  g_autofree char *body = server_body (b.uuid);
  g_assert_nonnull (strstr (body, "Van tablet een"));
  g_autofree char *copy_body = server_body (copy);
  g_assert_nonnull (strstr (copy_body, "Van tablet twee"));
  /* and the first tablet gets the copy as well */
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "Received: 1");
  g_autofree char *first = sync_tablet_tops (b.db, copy);
  g_assert_cmpstr (first, ==, "Van tablet twee");
}

static gint64
addenda_on (const char *db, const char *uuid)
{
  sqlite3 *sql = NULL;
  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT count(*) FROM addendum a JOIN observation o "
                                       "ON o.id = a.observation_id WHERE o.uuid = ?", -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (sql);
  return n;
}

/* A final refused: it keeps its id and cannot change, so it is only set
 * aside (saved as a file) for the server's final, which comes in with its
 * addendum. */
static void
test_refused (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "rref");
  b.uuid = sync_tablet_observe (b.db, b.starter, b.assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, FALSE, "Begin");
  sync_tablet_copy (b.db, b.other);
  sync_tablet_set_tops (b.db, b.uuid, "Zo ging het");
  sync_tablet_finalize (b.db, b.uuid);
  sync_tablet_set_tops (b.other, b.uuid, "Anders opgeschreven");
  sync_tablet_finalize (b.other, b.uuid);
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LbStore) store = lb_store_open (b.db, &error);
    g_assert_no_error (error);
    g_assert_true (lb_store_add_addendum (store, b.uuid, "Henk Visser", "Later aangevuld", &error));
    g_assert_no_error (error);
  }
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "1 sent");
  sync_run_clear (&r);
  sync_first (&r, b.other, b.a_login);
  sync_expect (&r, 1, "1 refused");
  g_autofree char *before = sync_tablet_hash (b.other, b.uuid);

  const char *refused[] = { "--keep-mine", "--keep-both" };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      sync_run_clear (&r);
      sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, refused[i], NULL);
      sync_expect (&r, 1, "cannot change");
      g_autofree char *still = sync_tablet_hash (b.other, b.uuid);
      g_assert_cmpstr (still, ==, before);
    }

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--take-theirs", NULL);
  sync_expect (&r, 0, "Took the shared dossier's version");
  assert_saved (&r, "Anders opgeschreven");
  g_autofree char *tops = sync_tablet_tops (b.other, b.uuid);
  g_assert_cmpstr (tops, ==, "Zo ging het");
  g_assert_cmpint (addenda_on (b.other, b.uuid), ==, 1);
  g_autofree char *hash = sync_tablet_hash (b.other, b.uuid);
  g_autofree char *server_hash = sync_admin_value (
    "SELECT content_hash FROM lesbezoek.observation WHERE uuid = $1", b.uuid);
  g_assert_cmpstr (hash, ==, server_hash);
  assert_nothing_flagged (b.other, b.a_login);
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 0 updated");
}

/* The draft was made final on the other tablet while this one changed it:
 * this draft cannot overwrite a final, but both can be kept — the final
 * under its id, this draft as a new observation. */
static void
test_finalized_elsewhere (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "rfin");
  b.uuid = sync_tablet_observe (b.db, b.starter, b.assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, FALSE, "Begin");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  sync_tablet_copy (b.db, b.other);
  sync_tablet_set_tops (b.db, b.uuid, "Definitief hier");
  sync_tablet_finalize (b.db, b.uuid);
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "1 updated");
  sync_tablet_set_tops (b.other, b.uuid, "Nog een concept");
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 1, "1 in conflict");

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-mine", NULL);
  sync_expect (&r, 1, "cannot change");
  g_autofree char *still = sync_tablet_tops (b.other, b.uuid);
  g_assert_cmpstr (still, ==, "Nog een concept");

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-both", NULL);
  sync_expect (&r, 0, "Kept both");
  g_autofree char *copy = other_uuid (b.other, b.uuid);
  g_autofree char *final_hash = sync_tablet_hash (b.other, b.uuid);
  g_autofree char *server_hash = sync_admin_value (
    "SELECT content_hash FROM lesbezoek.observation WHERE uuid = $1", b.uuid);
  g_assert_cmpstr (final_hash, ==, server_hash);
  g_autofree char *mine = sync_tablet_tops (b.other, copy);
  g_assert_cmpstr (mine, ==, "Nog een concept");
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 1 new, 0 already there, 0 updated");
  g_autofree char *copy_body = server_body (copy);
  g_assert_nonnull (strstr (copy_body, "Nog een concept"));
}

/* This tablet made the draft final while the other changed it: the final
 * is not re-identified (keep both refused), but it may update the server's
 * draft (keep mine), and is final there after the next sync. */
static void
test_final_here (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "rhere");
  b.uuid = sync_tablet_observe (b.db, b.starter, b.assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, FALSE, "Begin");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  sync_tablet_copy (b.db, b.other);
  sync_tablet_set_tops (b.db, b.uuid, "Concept daar");
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, NULL);
  sync_expect (&r, 0, "1 updated");
  sync_tablet_set_tops (b.other, b.uuid, "Definitief hier");
  sync_tablet_finalize (b.other, b.uuid);
  g_autofree char *hash = sync_tablet_hash (b.other, b.uuid);
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 1, "1 in conflict");

  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-both", NULL);
  sync_expect (&r, 1, "keeps its id");
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, "resolve", b.uuid, "--keep-mine", NULL);
  sync_expect (&r, 0, "Kept this tablet's version");
  sync_run_clear (&r);
  sync_cli (&r, b.other, b.a_login, NULL);
  sync_expect (&r, 0, "Sent: 0 new, 0 already there, 1 updated");
  g_autofree char *status = sync_admin_value ("SELECT status FROM lesbezoek.observation WHERE uuid = $1", b.uuid);
  g_assert_cmpstr (status, ==, "final");
  g_autofree char *server_hash = sync_admin_value (
    "SELECT content_hash FROM lesbezoek.observation WHERE uuid = $1", b.uuid);
  g_assert_cmpstr (server_hash, ==, hash);
  g_autofree char *after = sync_tablet_hash (b.other, b.uuid);
  g_assert_cmpstr (after, ==, hash);
}

/* Only what is flagged, with exactly one choice. */
static void
test_not_flagged (void)
{
  g_auto(Board) b = { 0 };
  board_setup (&b, "rnone");
  b.uuid = sync_tablet_observe (b.db, b.starter, b.assessor, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, FALSE, "Rustig");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, b.db, b.a_login);
  sync_expect (&r, 0, "Sent: 1 new");
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, "resolve", b.uuid, "--take-theirs", NULL);
  sync_expect (&r, 1, "nothing to resolve");
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, "resolve", b.uuid, NULL);
  sync_expect (&r, 2, "--keep-mine");
  sync_run_clear (&r);
  sync_cli (&r, b.db, b.a_login, "resolve", b.uuid, "--keep-mine", "--keep-both", NULL);
  sync_expect (&r, 2, "--keep-mine");
  g_autofree char *tops = sync_tablet_tops (b.db, b.uuid);
  g_assert_cmpstr (tops, ==, "Rustig");
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/resolve/keep-mine", test_keep_mine);
  g_test_add_func ("/sync/resolve/take-theirs", test_take_theirs);
  g_test_add_func ("/sync/resolve/keep-both", test_keep_both);
  g_test_add_func ("/sync/resolve/refused", test_refused);
  g_test_add_func ("/sync/resolve/finalized-elsewhere", test_finalized_elsewhere);
  g_test_add_func ("/sync/resolve/final-here", test_final_here);
  g_test_add_func ("/sync/resolve/not-flagged", test_not_flagged);
  return sync_test_run ();
}
