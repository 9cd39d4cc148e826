/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "cli-util.h"

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

char *
cli_db_path (void)
{
  static guint n;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cli", NULL);
  g_mkdir_with_parents (dir, 0700);
  g_autofree char *name = g_strdup_printf ("test-%u.db", ++n);
  return g_build_filename (dir, name, NULL);
}

static void
runv (Run *run, const char *db, va_list args)
{
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  g_ptr_array_add (argv, (char *) bin);
  if (db)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (const char *a; (a = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("lesbezoek did not exit normally (wait status %d); stderr:\n%s", wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
}

void
cli_run (Run *run, const char *db, ...)
{
  va_list args;
  va_start (args, db);
  runv (run, db, args);
  va_end (args);
}

char *
cli_ok (const char *db, ...)
{
  g_auto(Run) r = { 0 };
  va_list args;
  va_start (args, db);
  runv (&r, db, args);
  va_end (args);
  if (r.status != 0)
    g_error ("lesbezoek exited with %d; stderr:\n%s", r.status, r.err);
  char *out = g_steal_pointer (&r.out);
  gsize len = strlen (out);
  if (len > 0 && out[len - 1] == '\n')
    out[len - 1] = '\0';
  return out;
}

void
cli_fails (int status, const char *db, ...)
{
  g_auto(Run) r = { 0 };
  va_list args;
  va_start (args, db);
  runv (&r, db, args);
  va_end (args);
  if (r.status != status)
    g_error ("lesbezoek exited with %d, not %d; stdout:\n%s\nstderr:\n%s", r.status, status, r.out, r.err);
  g_assert_cmpstr (r.err, !=, "");
}

sqlite3 *
cli_sqlite (const char *db)
{
  sqlite3 *s = NULL;
  g_assert_cmpint (sqlite3_open_v2 (db, &s, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (s, 5000);
  return s;
}

gint64
cli_count (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

void
cli_tamper (sqlite3 *db, const char *sql)
{
  g_autofree char *all = g_strdup_printf ("UPDATE guard SET erasing = 1; %s; UPDATE guard SET erasing = 0;", sql);
  char *message = NULL;
  int before = sqlite3_total_changes (db);
  if (sqlite3_exec (db, all, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  /* The guard twice, and at least one row of the tampering itself. */
  g_assert_cmpint (sqlite3_total_changes (db) - before, >=, 3);
}

void
cli_add_people (const char *db, const char *starter, const char *coach, const char *assessor)
{
  g_autofree char *a = cli_ok (db, "people", "add", "--name", starter, "--starter", "--year", "1",
                               "--school", "OBS De Linde", "--board", "Stichting Test",
                               "--induction-start", "2026-08-24", NULL);
  g_assert_cmpuint (strlen (a), ==, 36);
  if (coach)
    g_free (cli_ok (db, "people", "add", "--name", coach, "--observer", "--role", "coach", NULL));
  if (assessor)
    g_free (cli_ok (db, "people", "add", "--name", assessor, "--observer", "--role", "assessor", NULL));
}
