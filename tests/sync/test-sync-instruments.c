/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sync-instruments"

/* Instruments travel with the sync (issue 9: a school's own instrument
 * must work with every feature, sync included). A coach observes with an
 * imported instrument through the command line and syncs; the starter's
 * fresh tablet, which never saw that instrument, pulls the observation,
 * shows it and prints its report, and holds the instrument byte for byte.
 * The server keeps instruments append-only under their true SHA-256, even
 * against its superuser; a damaged or hostile instrument on the server is
 * refused for its observation only, the rest of the dossier comes in; and
 * an observation left on the server for want of its instrument comes in by
 * itself once the instrument is there, although the feed moved on; and a
 * server without the instrument table (before step 4) still syncs. */

#include "sync-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

/* Each tablet its own data directory: instruments imported on one tablet
 * (kept in XDG_DATA_HOME) must not be found by another. */
static void
use_tablet_dirs (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "home", name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("HOME", dir, TRUE);
}

/* Under LeakSanitizer, `lesbezoek report` ends with the fontconfig
 * patterns pango's and cairo's font caches keep for the life of the
 * process (never freed by design, as in tests/shapes/lsan.supp). */
static const char *
lsan_options (void)
{
  static char *options;
  if (options == NULL)
    {
      g_autofree char *supp = g_build_filename (sync_cluster ()->dir, "lsan-report.supp", NULL);
      g_autoptr(GError) error = NULL;
      g_assert_true (g_file_set_contents (supp, "leak:g_set_user_dirs\nleak:libfontconfig.so\n", -1, &error));
      options = g_strdup_printf ("suppressions=%s:print_suppressions=0", supp);
    }
  return options;
}

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
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", lsan_options (), TRUE);
  g_autoptr(GSubprocess) proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                              &error);
  g_assert_no_error (error);
  char *out = NULL;
  g_autofree char *err = NULL;
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("lesbezoek %s %s failed:\n%s%s", (char *) argv->pdata[3], (char *) argv->pdata[4], out, err);
  return out;
}

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", name, NULL);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* The coach's tablet: the instrument imported, a final formative
 * observation of the starter with it, every item scored (in cycles or
 * segments 1 and 2 where it has them) (with a note as evidence where the instrument asks
 * for one), made through the command line. Returns its uuid. */
static char *
observe_with (const char *db, const char *example, const char *starter, const char *coach, const char *tops)
{
  g_autofree char *path = g_path_is_absolute (example) ? g_strdup (example) : example_path (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_free (cli (db, "instrument", "import", path, NULL));
  g_autofree char *out = cli (db, "observe", "new", "--starter", starter, "--observer", coach,
                              "--purpose", "formatief", "--instrument", lb_instrument_get_id (inst),
                              "--date", "2026-11-20", "--subject", "rekenen", NULL);
  char *uuid = g_strdup (g_strstrip (out));
  GPtrArray *items = lb_instrument_get_items (inst);
  guint count = 0;
  gboolean sessions = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL) != LB_SESSIONS_NONE;
  for (guint session = sessions ? 1 : 0; session <= (sessions ? 2 : 0); session++)
    for (guint i = 0; i < items->len; i++)
      {
        LbNode *item = items->pdata[i];
        LbNode *n = item;
        while (lb_node_get_scale (n) == NULL)
          n = lb_node_get_parent (n);
        LbScale *scale = lb_node_get_scale (n);
        const char *level = lb_scale_get_level (scale, (i + session) % lb_scale_get_n_levels (scale))->id;
        const char *id = lb_node_get_id (item);
        g_autofree char *s = g_strdup_printf ("%u", session);
        if (sessions)
          g_free (cli (db, "observe", "score", uuid, id, level, "--session", s, NULL));
        else
          g_free (cli (db, "observe", "score", uuid, id, level, NULL));
        if (lb_node_get_evidence_required (item))
          g_free (cli (db, "observe", "note", uuid, "--minute", "5", "--session", s, "--item", id,
                       "Gezien in de les.", NULL));
      }
  g_free (cli (db, "observe", "set", uuid, "tops", tops, NULL));
  g_free (cli (db, "observe", "finalize", uuid, "--signed-by", coach, "--yes", NULL));
  return uuid;
}

static char *
tablet_instrument_sha256 (const char *db, const char *sha)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_assert_no_error (error);
  g_autoptr(GBytes) bytes = lb_store_get_instrument_bytes (store, sha, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
test_travel (void)
{
  g_autofree char *s = sync_user ("tr-s", "starter");
  g_autofree char *c = sync_user ("tr-c", "coach");
  sync_assign ("tr-c", "tr-s", "coach");

  use_tablet_dirs ("tr-coach");
  g_autofree char *adb = sync_tablet ("tr-coach");
  sync_tablet_person (adb, s, "tr-s", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, c, "tr-c", FALSE, LB_ROLE_COACH);
  g_autofree char *uuid = observe_with (adb, "cycles.xml", "tr-s", "tr-c", "Rustig begin");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "tr-c");
  sync_expect (&r, 0, "Sent: 1 new");

  /* the server keeps the instrument's very bytes, as the coach's */
  g_autofree char *path = example_path ("cycles.xml");
  g_autofree char *sha = file_sha256 (path);
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.instrument WHERE sha256 = $1 "
                                     "AND encode (sha256 (xml), 'hex') = $1 AND id = 'voorbeeld-cycli' "
                                     "AND pushed_by = 'tr-c'", sha), ==, 1);

  /* the starter's new tablet has never seen it */
  use_tablet_dirs ("tr-starter");
  g_autofree char *cdb = sync_tablet ("tr-starter");
  g_auto(SyncRun) pull = { 0 };
  sync_first (&pull, cdb, "tr-s");
  sync_expect (&pull, 0, "Received: 1");
  g_assert_true (sync_tablet_has (cdb, uuid));
  g_autofree char *here = sync_tablet_hash (cdb, uuid);
  g_autofree char *there = sync_tablet_hash (adb, uuid);
  g_assert_cmpstr (here, ==, there);
  g_autofree char *kept = tablet_instrument_sha256 (cdb, sha);
  g_assert_cmpstr (kept, ==, sha);

  g_autofree char *show = cli (cdb, "show", uuid, NULL);
  g_assert_nonnull (strstr (show, "Rustig begin"));
  g_assert_nonnull (strstr (show, "cycle 2: "));
  g_assert_nonnull (strstr (show, "intact: the content is unchanged since it was signed"));
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "tr-report.pdf", NULL);
  g_free (cli (cdb, "report", uuid, "-o", pdf, NULL));
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));

  /* again: nothing new, nothing to report */
  g_auto(SyncRun) again = { 0 };
  sync_cli (&again, cdb, "tr-s", NULL);
  sync_expect (&again, 0, "Received: 0");
}

/* As the superuser: a copy of a final observation under a new id that
 * names instrument @sha instead (its content hash made to fit). */
static char *
forge_observation (const char *from, const char *old_sha, const char *sha)
{
  char *uuid = g_uuid_string_random ();
  g_autoptr(PGconn) admin = server_admin (sync_cluster ());
  g_autoptr(PGresult) r = server_ok (admin,
    "WITH b AS (SELECT replace (replace (body, $1, $2), $3::text, $4::text) AS body, starter, observer, role, "
    "purpose, date FROM lesbezoek.observation WHERE uuid = $3::uuid) "
    "INSERT INTO lesbezoek.observation (uuid, starter, observer, role, purpose, status, date, content_hash, body) "
    "SELECT $4::uuid, starter, observer, role, purpose, 'final', date, "
    "encode (sha256 (convert_to (body, 'UTF8')), 'hex'), body FROM b", 4, old_sha, sha, from, uuid);
  g_assert_cmpstr (PQcmdTuples (r), ==, "1");
  return uuid;
}

static void
test_refused (void)
{
  g_autofree char *s = sync_user ("rf-s", "starter");
  g_autofree char *c = sync_user ("rf-c", "coach");
  sync_assign ("rf-c", "rf-s", "coach");
  use_tablet_dirs ("rf-coach");
  g_autofree char *adb = sync_tablet ("rf-coach");
  sync_tablet_person (adb, s, "rf-s", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, c, "rf-c", FALSE, LB_ROLE_COACH);
  g_autofree char *good = observe_with (adb, "snapshots.xml", "rf-s", "rf-c", "Goed");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "rf-c");
  sync_expect (&r, 0, "Sent: 1 new");
  g_autofree char *path = example_path ("snapshots.xml");
  g_autofree char *sha = file_sha256 (path);

  /* Not even the superuser changes or removes an instrument, or adds
   * one under another hash. */
  g_autoptr(PGconn) admin = server_admin (sync_cluster ());
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.instrument SET xml = xml || '\\x20'::bytea "
                                 "WHERE sha256 = $1", 1, sha), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.instrument WHERE sha256 = $1", 1, sha), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "INSERT INTO lesbezoek.instrument (sha256, xml, id, version) "
                                 "VALUES (repeat ('a', 64), 'x'::bytea, 'x', '1')", 0), ==, "LBH02");

  /* A hostile instrument (an entity in a DOCTYPE) under its true hash,
   * and one whose bytes are not what its hash says (the guard switched
   * off by the superuser), each named by a forged observation. */
  const char *hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE instrument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                        "<instrument xmlns=\"https://lesbezoek.nl/ns/instrument/1\" format=\"1\">&x;</instrument>\n";
  g_autofree char *hostile_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hostile, -1);
  g_autoptr(PGresult) h = server_ok (admin, "INSERT INTO lesbezoek.instrument (sha256, xml, id, version) "
                                     "VALUES ($1, convert_to ($2, 'UTF8'), 'kwaad', '1')", 2, hostile_sha, hostile);
  g_autofree char *damaged_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "damaged", -1);
  g_autoptr(PGresult) off = server_ok (admin, "ALTER TABLE lesbezoek.instrument DISABLE TRIGGER instrument_guard", 0);
  g_autofree char *damage = g_strdup_printf (
    "INSERT INTO lesbezoek.instrument (sha256, xml, id, version) SELECT '%s', "
    "xml || '\\x20'::bytea, id, version FROM lesbezoek.instrument WHERE sha256 = $1", damaged_sha);
  g_autoptr(PGresult) d2 = server_ok (admin, damage, 1, sha);
  g_autoptr(PGresult) on = server_ok (admin, "ALTER TABLE lesbezoek.instrument ENABLE TRIGGER instrument_guard", 0);
  g_autofree char *bad1 = forge_observation (good, sha, hostile_sha);
  g_autofree char *bad2 = forge_observation (good, sha, damaged_sha);

  /* The starter's tablet: both refused, clearly, each for itself; the
   * good one comes in. */
  use_tablet_dirs ("rf-starter");
  g_autofree char *cdb = sync_tablet ("rf-starter");
  g_auto(SyncRun) pull = { 0 };
  sync_first (&pull, cdb, "rf-s");
  sync_expect (&pull, 1, "Received: 1");
  g_assert_true (sync_tablet_has (cdb, good));
  g_assert_false (sync_tablet_has (cdb, bad1));
  g_assert_false (sync_tablet_has (cdb, bad2));
  g_autofree char *line1 = g_strdup_printf ("%s: Not brought to this tablet: the shared dossier's copy of its "
                                            "instrument", bad1);
  g_autofree char *line2 = g_strdup_printf ("%s: Not brought to this tablet: the shared dossier's copy of its "
                                            "instrument", bad2);
  sync_expect (&pull, 1, line1);
  sync_expect (&pull, 1, line2);
  sync_expect (&pull, 1, "does not match its SHA-256");
  sync_expect (&pull, 1, "DTD");
  g_autofree char *kept = tablet_instrument_sha256 (cdb, sha);
  g_assert_cmpstr (kept, ==, sha);

  /* They wait, told on every sync; what came in stays. */
  g_auto(SyncRun) status = { 0 };
  sync_cli (&status, cdb, "rf-s", "--status", NULL);
  sync_expect (&status, 1, "Needing attention: 2");
  g_auto(SyncRun) again = { 0 };
  sync_cli (&again, cdb, "rf-s", NULL);
  sync_expect (&again, 1, line1);
  sync_expect (&again, 1, "Received: 0");
}

/* An observation pushed before its instrument was on the server (a server
 * from before step 4): the pull leaves it there, the feed moves on; the
 * author's next sync sends the instrument, and the next pull brings the
 * observation in without a new entry in the feed. */
static void
test_retry (void)
{
  g_autofree char *s = sync_user ("rt-s", "starter");
  g_autofree char *c = sync_user ("rt-c", "coach");
  sync_assign ("rt-c", "rt-s", "coach");
  use_tablet_dirs ("rt-coach");
  g_autofree char *adb = sync_tablet ("rt-coach");
  sync_tablet_person (adb, s, "rt-s", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, c, "rt-c", FALSE, LB_ROLE_COACH);
  g_autofree char *uuid = observe_with (adb, "framework.xml", "rt-s", "rt-c", "Later");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "rt-c");
  sync_expect (&r, 0, "Sent: 1 new");
  g_autofree char *path = example_path ("framework.xml");
  g_autofree char *sha = file_sha256 (path);
  g_autoptr(PGconn) admin = server_admin (sync_cluster ());
  g_autoptr(PGresult) off = server_ok (admin,
    "ALTER TABLE lesbezoek.instrument DISABLE TRIGGER instrument_append_only", 0);
  g_autoptr(PGresult) gone = server_ok (admin, "DELETE FROM lesbezoek.instrument WHERE sha256 = $1", 1, sha);
  g_autoptr(PGresult) on = server_ok (admin,
    "ALTER TABLE lesbezoek.instrument ENABLE TRIGGER instrument_append_only", 0);
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.instrument WHERE sha256 = $1", sha), ==, 0);

  use_tablet_dirs ("rt-starter");
  g_autofree char *cdb = sync_tablet ("rt-starter");
  g_auto(SyncRun) pull = { 0 };
  sync_first (&pull, cdb, "rt-s");
  sync_expect (&pull, 1, "which neither this tablet nor the shared dossier has");
  g_assert_false (sync_tablet_has (cdb, uuid));

  /* the coach syncs: nothing to send but the instrument */
  use_tablet_dirs ("rt-coach");
  g_auto(SyncRun) resend = { 0 };
  sync_cli (&resend, adb, "rt-c", NULL);
  sync_expect (&resend, 0, "Sent: 0 new");
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.instrument WHERE sha256 = $1", sha), ==, 1);

  use_tablet_dirs ("rt-starter");
  g_auto(SyncRun) again = { 0 };
  sync_cli (&again, cdb, "rt-s", NULL);
  sync_expect (&again, 0, "Received: 1");
  g_assert_true (sync_tablet_has (cdb, uuid));
  g_autofree char *here = sync_tablet_hash (cdb, uuid);
  g_autofree char *there = sync_tablet_hash (adb, uuid);
  g_assert_cmpstr (here, ==, there);
  g_auto(SyncRun) status = { 0 };
  sync_cli (&status, cdb, "rt-s", "--status", NULL);
  sync_expect (&status, 0, "Needing attention: 0");
}

/* A server that has not run step 4 yet: the sync works as before, and
 * says for each observation it cannot bring in why and what to do;
 * importing the instrument on the tablet is enough for the next sync. */
static void
test_old_server (void)
{
  g_autofree char *s = sync_user ("os-s", "starter");
  g_autofree char *c = sync_user ("os-c", "coach");
  sync_assign ("os-c", "os-s", "coach");
  g_autoptr(PGconn) admin = server_admin (sync_cluster ());
  g_autoptr(PGresult) old = server_ok (admin, "DELETE FROM lesbezoek.schema_version WHERE version >= 4", 0);

  use_tablet_dirs ("os-coach");
  g_autofree char *adb = sync_tablet ("os-coach");
  sync_tablet_person (adb, s, "os-s", TRUE, LB_ROLE_STARTER);
  sync_tablet_person (adb, c, "os-c", FALSE, LB_ROLE_COACH);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "eigen-kader.xml", NULL);
  g_free (cli (adb, "instrument", "new", "--shape", "framework", "-o", path, NULL));
  g_autofree char *sha = file_sha256 (path);
  g_autofree char *uuid = observe_with (adb, path, "os-s", "os-c", "Oud");
  g_auto(SyncRun) r = { 0 };
  sync_first (&r, adb, "os-c");
  sync_expect (&r, 0, "Sent: 1 new");
  g_assert_cmpint (sync_admin_count ("SELECT count(*) FROM lesbezoek.instrument WHERE sha256 = $1", sha), ==, 0);

  use_tablet_dirs ("os-starter");
  g_autofree char *cdb = sync_tablet ("os-starter");
  g_auto(SyncRun) pull = { 0 };
  sync_first (&pull, cdb, "os-s");
  sync_expect (&pull, 1, "does not keep instruments yet");
  sync_expect (&pull, 1, "lesbezoek-server init");
  g_assert_false (sync_tablet_has (cdb, uuid));

  g_free (cli (cdb, "instrument", "import", path, NULL));
  g_auto(SyncRun) again = { 0 };
  sync_cli (&again, cdb, "os-s", NULL);
  sync_expect (&again, 0, "Received: 1");
  g_assert_true (sync_tablet_has (cdb, uuid));
  g_autofree char *kept = tablet_instrument_sha256 (cdb, sha);
  g_assert_cmpstr (kept, ==, sha);

  g_autoptr(PGresult) back = server_ok (admin, "INSERT INTO lesbezoek.schema_version (version) VALUES (4)", 0);
}

int
main (int argc, char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/instruments/travel", test_travel);
  g_test_add_func ("/sync/instruments/refused", test_refused);
  g_test_add_func ("/sync/instruments/retry", test_retry);
  g_test_add_func ("/sync/instruments/old-server", test_old_server);
  return sync_test_run ();
}
