/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-addenda"

/* Corrections and the starter's acknowledgement travel with the sync
 * (server step 5): an assessor's addendum to a final observation reaches
 * the starter's dossier on another tablet, and the starter's "gezien" with
 * their reaction reaches the assessor's; pushing one twice makes one row;
 * a coach's addendum on a formative observation is no more visible to an
 * assessor than the observation itself, until the starter shares it; and
 * nobody adds to someone else's observation, whatever their tablet holds.
 * Through `lesbezoek observe …`, `lesbezoek sync` and `lesbezoek show`,
 * as a user does it. */

#include "sync-test-util.h"

#include <string.h>

/* lesbezoek --db DB ARG…; asserts exit status 0, returns stdout. */
static char *
cli (const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) g_getenv ("LESBEZOEK_BIN"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_list args;
  va_start (args, db);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv ((const char * const *) argv->pdata,
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  char *out = NULL;
  g_autofree char *err = NULL;
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("lesbezoek %s %s failed:\n%s%s", (char *) argv->pdata[3], (char *) argv->pdata[4], out, err);
  return out;
}

static void
sync_ok (const char *db, const char *login, const char *needle)
{
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, db, login, NULL);
  sync_expect (&r, 0, needle);
}

static void
first_sync (const char *db, const char *login, const char *needle)
{
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, db, login);
  sync_expect (&r, 0, needle);
}

static gboolean
shows (const char *db, const char *uuid, const char *text)
{
  g_autofree char *out = cli (db, "show", uuid, NULL);
  return strstr (out, text) != NULL;
}

/* As login, over TLS: what the server lets them see, or do. */
static gint64
count_as (const char *login, const char *sql, const char *param)
{
  g_autoptr(PGconn) conn = server_login (sync_cluster (), login);
  g_autofree char *n = server_column (conn, sql, 1, param);
  return g_ascii_strtoll (n, NULL, 10);
}

#define ADDENDA_OF "SELECT count (*) FROM lesbezoek.addendum WHERE observation = $1"

static void
test_correction_and_acknowledgement (void)
{
  g_autofree char *s = sync_user ("ca-s", "starter");
  g_autofree char *a = sync_user ("ca-a", "assessor");
  sync_assign ("ca-a", "ca-s", "assessor");
  g_autofree char *adb = sync_tablet ("ca-assessor");
  g_autofree char *sdb = sync_tablet ("ca-starter");
  sync_tablet_person (adb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *obs = sync_tablet_observe (adb, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, TRUE,
                                              "Heldere instructie");
  g_autofree char *hash = sync_tablet_hash (adb, obs);
  first_sync (adb, "ca-a", "Sent: 1 new");
  first_sync (sdb, "ca-s", "Received: 1");
  g_assert_false (shows (sdb, obs, "Addendum by"));

  /* the assessor corrects the final observation, and a second tablet of
   * theirs has the same addendum: both push it, the server keeps one */
  g_free (cli (adb, "observe", "addendum", obs, "--author", "Henk Visser",
               "Domein 2 moet voldoende zijn, niet onvoldoende.", NULL));
  g_autofree char *adb2 = g_strconcat (adb, ".second", NULL);
  sync_tablet_copy (adb, adb2);
  sync_ok (adb, "ca-a", "Addenda and acknowledgements: 1 sent, 0 received");
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, obs), ==, 1);
  g_assert_cmpint (sync_admin_count ("SELECT count (*) FROM lesbezoek.addendum WHERE author = $1", a), ==, 1);
  sync_ok (adb2, "ca-a", NULL);
  sync_ok (adb, "ca-a", NULL);
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, obs), ==, 1);

  /* the starter's tablet had the observation already: the addendum comes
   * after it, beside it, the sealed content untouched */
  sync_ok (sdb, "ca-s", "Addenda and acknowledgements: 0 sent, 1 received");
  g_assert_true (shows (sdb, obs, "Addendum by Henk Visser on"));
  g_assert_true (shows (sdb, obs, "Domein 2 moet voldoende zijn, niet onvoldoende."));
  g_assert_true (shows (sdb, obs, "intact: the content is unchanged since it was signed"));
  g_autofree char *pulled_hash = sync_tablet_hash (sdb, obs);
  g_assert_cmpstr (pulled_hash, ==, hash);
  /* again: nothing doubles */
  sync_ok (sdb, "ca-s", NULL);
  g_autofree char *out = cli (sdb, "show", obs, NULL);
  g_assert_true (strstr (out, "Addendum by") == g_strrstr (out, "Addendum by"));

  /* the starter has seen it, and says so */
  g_assert_false (shows (adb, obs, "Seen by the starter"));
  g_free (cli (sdb, "observe", "acknowledge", obs, "--reaction", "Dank, ik werk aan de rust in de klas.", NULL));
  sync_ok (sdb, "ca-s", "Addenda and acknowledgements: 1 sent, 0 received");
  g_assert_cmpint (sync_admin_count ("SELECT count (*) FROM lesbezoek.acknowledgement WHERE observation = $1", obs),
                   ==, 1);
  sync_ok (sdb, "ca-s", NULL);
  g_assert_cmpint (sync_admin_count ("SELECT count (*) FROM lesbezoek.acknowledgement WHERE starter = $1", s),
                   ==, 1);
  sync_ok (adb, "ca-a", "Addenda and acknowledgements: 0 sent, 1 received");
  g_assert_true (shows (adb, obs, "Seen by the starter on"));
  g_assert_true (shows (adb, obs, "Dank, ik werk aan de rust in de klas."));
  g_assert_true (shows (adb, obs, "intact: the content is unchanged since it was signed"));

  /* someone else's observation: the starter's tablet lets them write an
   * addendum there, but it never leaves it, and the server refuses it */
  g_free (cli (sdb, "observe", "addendum", obs, "--author", "Fatima el Amrani", "Ik ben het oneens.", NULL));
  sync_ok (sdb, "ca-s", NULL);
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, obs), ==, 1);
  g_autoptr(PGconn) starter = server_login (sync_cluster (), "ca-s");
  g_autofree char *id = g_uuid_string_random ();
  g_assert_cmpstr (server_fails (starter, "INSERT INTO lesbezoek.addendum (uuid, observation, author, text, "
                                 "created_at) VALUES ($1, $2, $3, 'Ik ben het oneens.', now ())", 3, id, obs, s),
                   ==, "42501");
  sync_ok (adb, "ca-a", NULL);
  g_assert_false (shows (adb, obs, "Ik ben het oneens."));
}

static void
test_formative_until_shared (void)
{
  g_autofree char *s = sync_user ("fs-s", "starter");
  g_autofree char *a = sync_user ("fs-a", "assessor");
  g_autofree char *c = sync_user ("fs-c", "coach");
  sync_assign ("fs-a", "fs-s", "assessor");
  sync_assign ("fs-c", "fs-s", "coach");
  g_autofree char *adb = sync_tablet ("fs-assessor");
  g_autofree char *cdb = sync_tablet ("fs-coach");
  g_autofree char *sdb = sync_tablet ("fs-starter");
  sync_tablet_person (cdb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (cdb, c, "Marloes Jansen", FALSE, LB_ROLE_COACH);
  g_autofree char *formative = sync_tablet_observe (cdb, s, c, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, TRUE,
                                                    "Begeleiding");
  first_sync (cdb, "fs-c", "Sent: 1 new");
  g_free (cli (cdb, "observe", "addendum", formative, "--author", "Marloes Jansen",
               "Afspraak verschoven naar maart.", NULL));
  sync_ok (cdb, "fs-c", NULL);
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, formative), ==, 1);

  /* the assessor: neither the observation nor its addendum */
  first_sync (adb, "fs-a", "Received: 0");
  g_assert_false (sync_tablet_has (adb, formative));
  g_assert_cmpint (count_as ("fs-a", ADDENDA_OF, formative), ==, 0);
  /* the assessor cannot add to it either, even as the coach */
  g_autoptr(PGconn) assessor = server_login (sync_cluster (), "fs-a");
  g_autofree char *id = g_uuid_string_random ();
  const char *insert = "INSERT INTO lesbezoek.addendum (uuid, observation, author, text, created_at) "
                       "VALUES ($1, $2, $3, 'x', now ())";
  g_assert_cmpstr (server_fails (assessor, insert, 3, id, formative, a), ==, "42501");
  g_assert_cmpstr (server_fails (assessor, insert, 3, id, formative, c), ==, "42501");

  /* the starter sees both, and shares the observation */
  first_sync (sdb, "fs-s", "Received: 1");
  g_assert_true (shows (sdb, formative, "Afspraak verschoven naar maart."));
  g_auto(SyncRun) r = { 0 };
  sync_cli (&r, sdb, "fs-s", "--share", formative, NULL);
  sync_expect (&r, 0, "Shared");

  /* now the assessor has it, correction included */
  sync_ok (adb, "fs-a", "Received: 1");
  g_assert_true (shows (adb, formative, "Addendum by Marloes Jansen on"));
  g_assert_true (shows (adb, formative, "Afspraak verschoven naar maart."));
  g_assert_cmpint (count_as ("fs-a", ADDENDA_OF, formative), ==, 1);
  /* and still cannot add to it */
  g_assert_cmpstr (server_fails (assessor, insert, 3, id, formative, a), ==, "42501");
}

/* A server that has not run step 5: the sync works as before, and the
 * addendum waits on the tablet until the server has the step. */
static void
test_old_server (void)
{
  g_autofree char *s = sync_user ("os-s", "starter");
  g_autofree char *a = sync_user ("os-a", "assessor");
  sync_assign ("os-a", "os-s", "assessor");
  g_autofree char *adb = sync_tablet ("os-assessor");
  sync_tablet_person (adb, s, "Fatima el Amrani", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, a, "Henk Visser", FALSE, LB_ROLE_ASSESSOR);
  g_autofree char *obs = sync_tablet_observe (adb, s, a, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, TRUE, "Les");
  g_free (cli (adb, "observe", "addendum", obs, "--author", "Henk Visser", "Later toegevoegd.", NULL));
  g_autoptr(PGconn) admin = server_admin (sync_cluster ());
  g_autoptr(PGresult) old = server_ok (admin, "DELETE FROM lesbezoek.schema_version WHERE version = 5", 0);
  first_sync (adb, "os-a", "Sent: 1 new");
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, obs), ==, 0);
  g_autoptr(PGresult) back = server_ok (admin, "INSERT INTO lesbezoek.schema_version (version) VALUES (5)", 0);
  sync_ok (adb, "os-a", NULL);
  g_assert_cmpint (sync_admin_count (ADDENDA_OF, obs), ==, 1);
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/addenda/correction-and-acknowledgement", test_correction_and_acknowledgement);
  g_test_add_func ("/sync/addenda/formative-until-shared", test_formative_until_shared);
  g_test_add_func ("/sync/addenda/old-server", test_old_server);
  return sync_test_run ();
}
