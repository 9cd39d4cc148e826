/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

/* people, list, verify, restore and erase, and the exit status of bad
 * arguments everywhere. */

#include "cli-util.h"

#include <glib/gstdio.h>
#include <string.h>

#define STARTER "Fleur van Dijk"
#define OTHER "Daan Visser"
#define COACH "Anouk Peeters"
#define ASSESSOR "Ruud Hendriks"

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

static guint
count_lines (const char *text)
{
  guint n = *text ? 1 : 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_people (void)
{
  g_autofree char *db = cli_db_path ();
  g_autofree char *empty = cli_ok (db, "people", NULL);
  assert_contains (empty, "Nobody yet");
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_free (cli_ok (db, "people", "add", "--name", "Karin de Boer", "--observer", "--role", "school-leader",
                  "--school", "OBS De Linde", NULL));

  g_autofree char *table = cli_ok (db, "people", NULL);
  assert_contains (table, "Name");
  assert_contains (table, "Induction start");
  assert_contains (table, "School leader");
  g_autofree char *tsv = cli_ok (db, "people", "list", "--format", "tsv", NULL);
  g_assert_cmpuint (count_lines (tsv), ==, 4);
  g_autoptr(GRegex) starter_line = g_regex_new ("^[0-9a-f-]{36}\t" STARTER "\tstarter\t1\tOBS De Linde\t"
                                                "Stichting Test\t2026-08-24$", G_REGEX_MULTILINE, 0, NULL);
  g_assert_true (g_regex_match (starter_line, tsv, 0, NULL));
  assert_contains (tsv, "\t" COACH "\tcoach\t\t\t\t");
  g_autofree char *starters = cli_ok (db, "people", "--starters", "--format", "tsv", NULL);
  g_assert_cmpuint (count_lines (starters), ==, 1);

  g_free (cli_ok (db, "people", "update", STARTER, "--year", "2", "--school", "CBS Het Kompas", NULL));
  g_free (tsv), tsv = cli_ok (db, "people", "--format", "tsv", NULL);
  assert_contains (tsv, "\t" STARTER "\tstarter\t2\tCBS Het Kompas\t");
  g_free (cli_ok (db, "people", "update", COACH, "--role", "mentor", NULL));
  g_free (tsv), tsv = cli_ok (db, "people", "--format", "tsv", NULL);
  assert_contains (tsv, "\t" COACH "\tmentor\t");

  cli_fails (2, db, "people", "add", "--name", "Iemand", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--starter", "--observer", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--starter", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--starter", "--year", "4", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--starter", "--year", "1", "--role", "coach", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--starter", "--year", "1", "--induction-start",
             "1 september", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--observer", NULL);
  cli_fails (2, db, "people", "add", "--name", "Iemand", "--observer", "--role", "inspector", NULL);
  cli_fails (2, db, "people", "add", "--observer", "--role", "coach", NULL);
  cli_fails (2, db, "people", "update", COACH, "--year", "1", NULL);
  cli_fails (2, db, "people", "update", NULL);
  cli_fails (1, db, "people", "update", "Niemand", "--school", "X", NULL);
  cli_fails (2, db, "people", "fire", NULL);
  g_free (tsv), tsv = cli_ok (db, "people", "--format", "tsv", NULL);
  g_assert_cmpuint (count_lines (tsv), ==, 4);
}

static char *
observation (const char *db, const char *starter, const char *observer, const char *purpose, const char *date)
{
  if (observer == NULL)
    return cli_ok (db, "observe", "new", "--starter", starter, "--purpose", purpose, "--date", date, NULL);
  return cli_ok (db, "observe", "new", "--starter", starter, "--observer", observer, "--purpose", purpose,
                 "--date", date, NULL);
}

static void
test_list (void)
{
  g_autofree char *db = cli_db_path ();
  g_autofree char *none = cli_ok (db, "list", NULL);
  g_assert_cmpstr (none, ==, "No observations.");
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_free (cli_ok (db, "people", "add", "--name", OTHER, "--starter", "--year", "2", NULL));
  g_autofree char *a = observation (db, STARTER, COACH, "formatief", "2026-09-10");
  g_autofree char *b = observation (db, STARTER, ASSESSOR, "summatief", "2026-11-02");
  g_autofree char *c = observation (db, OTHER, COACH, "formatief", "2026-10-01");
  g_autofree char *d = observation (db, OTHER, NULL, "zelfbeoordeling", "2026-09-20");
  g_free (cli_ok (db, "observe", "score", a, "ph.klimaat.1", "3", NULL));
  g_free (cli_ok (db, "observe", "finalize", a, "--signed-by", COACH, "--yes", NULL));

  /* Newest first. */
  g_autofree char *all = cli_ok (db, "list", "--format", "tsv", NULL);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], b));
  g_assert_true (g_str_has_prefix (lines[1], c));
  g_assert_true (g_str_has_prefix (lines[2], d));
  g_assert_true (g_str_has_prefix (lines[3], a));

  g_autofree char *mine = cli_ok (db, "list", "--person", STARTER, "--format", "tsv", NULL);
  g_assert_cmpuint (count_lines (mine), ==, 2);
  assert_lacks (mine, OTHER);
  g_autofree char *finals = cli_ok (db, "list", "--status", "final", "--format", "tsv", NULL);
  g_assert_true (g_str_has_prefix (finals, a) && count_lines (finals) == 1);
  g_autofree char *selfs = cli_ok (db, "list", "--purpose", "zelfbeoordeling", "--format", "tsv", NULL);
  g_assert_true (g_str_has_prefix (selfs, d) && count_lines (selfs) == 1);
  g_autofree char *drafts = cli_ok (db, "list", "--person", OTHER, "--status", "draft", "--purpose", "formatief", NULL);
  assert_contains (drafts, "2026-10-01");
  assert_contains (drafts, "1 observation");

  /* The table: a header, aligned columns, a count. */
  g_autofree char *table = cli_ok (db, "list", NULL);
  g_auto(GStrv) rows = g_strsplit (table, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 6);
  g_assert_true (g_str_has_prefix (rows[0], "Date        Time  "));
  const char *id_column = strstr (rows[0], "Id");
  g_assert_nonnull (id_column);
  for (guint i = 1; i <= 4; i++)
    g_assert_cmpuint (g_utf8_strlen (rows[i], -1), ==, g_utf8_strlen (rows[0], id_column - rows[0]) + 8);
  assert_contains (table, ASSESSOR " (assessor)");
  assert_contains (table, OTHER " (starter)");
  g_assert_cmpstr (rows[5], ==, "4 observations");

  cli_fails (1, db, "list", "--person", "Niemand", NULL);
  cli_fails (2, db, "list", "--status", "klaar", NULL);
  cli_fails (2, db, "list", "--purpose", "coaching", NULL);
  cli_fails (2, db, "list", "--format", "csv", NULL);
  cli_fails (2, db, "list", "extra", NULL);
}

/* ---- verify ---- */

static void
test_verify_damaged (void)
{
  g_autofree char *db = cli_db_path ();
  g_autofree char *fresh = cli_ok (db, "verify", NULL);
  g_assert_cmpstr (fresh, ==, "0 final observations checked, all intact");

  g_autofree char *foreign = cli_db_path ();
  g_assert_true (g_file_set_contents (foreign, "Dit is een boodschappenlijstje, geen database.\n", -1, NULL));
  g_auto(Run) r = { 0 };
  cli_run (&r, foreign, "verify", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "not a Lesbezoek database");
  assert_contains (r.err, "lesbezoek restore");
}

/* ---- restore ---- */

static void
test_restore (void)
{
  g_autofree char *db = cli_db_path ();
  g_auto(Run) r = { 0 };
  cli_run (&r, db, "restore", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "There are no backups");

  /* The first opening of the day takes the backup, before the change. */
  cli_add_people (db, STARTER, NULL, NULL);
  g_autofree char *list = cli_ok (db, "restore", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  assert_contains (list, "newest first");
  assert_contains (list, today);
  assert_contains (list, ".backup");

  cli_fails (2, db, "restore", today, NULL);            /* no terminal to ask on */
  cli_fails (1, db, "restore", "1999-01-01", "--yes", NULL);
  cli_fails (2, db, "restore", "a", "b", NULL);
  g_autofree char *restored = cli_ok (db, "restore", today, "--yes", NULL);
  assert_contains (restored, "The database as it was is kept as ");
  const char *kept = strstr (restored, "kept as ") + strlen ("kept as ");
  g_autofree char *aside = g_strndup (kept, strlen (kept) - 1);   /* without the full stop */
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));

  /* The restored database is the one from before; the other one is kept. */
  g_autofree char *people = cli_ok (db, "people", "--format", "tsv", NULL);
  g_assert_cmpstr (people, ==, "");
  g_autoptr(sqlite3) old = cli_sqlite (aside);
  g_assert_cmpint (cli_count (old, "SELECT count(*) FROM person WHERE name = '" STARTER "'"), ==, 1);

  /* A second restore within the same second keeps both old copies. */
  g_autofree char *again = cli_ok (db, "restore", today, "--yes", NULL);
  g_autofree char *same = g_strdup_printf ("kept as %s.", aside);
  assert_contains (again, "kept as ");
  assert_lacks (again, same);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
}

/* ---- erase ---- */

/* Every text in every table of the database, to look for a person. */
static gboolean
database_mentions (sqlite3 *db, const char *what)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);
  gboolean found = FALSE;
  for (guint i = 0; i < tables->len && !found; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
      while (!found && sqlite3_step (st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (st) && !found; c++)
          {
            const char *v = (const char *) sqlite3_column_text (st, c);
            if (v && strstr (v, what))
              {
                g_test_message ("%s mentions “%s”: %s", (char *) tables->pdata[i], what, v);
                found = TRUE;
              }
          }
      sqlite3_finalize (st);
    }
  return found;
}

static gboolean
file_mentions (const char *path, const char *what)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, what, strlen (what)) != NULL;
}

static char *
person_uuid (const char *db, const char *name)
{
  g_autofree char *tsv = cli_ok (db, "people", "--format", "tsv", NULL);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) > 1 && g_str_equal (f[1], name))
        return g_strdup (f[0]);
    }
  g_assert_not_reached ();
}

static void
test_erase (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_free (cli_ok (db, "people", "add", "--name", OTHER, "--starter", "--year", "2", NULL));
  g_autofree char *id = person_uuid (db, STARTER);
  g_autofree char *a = observation (db, STARTER, COACH, "formatief", "2026-09-10");
  g_autofree char *b = observation (db, STARTER, NULL, "zelfbeoordeling", "2026-09-12");
  g_autofree char *c = observation (db, STARTER, ASSESSOR, "summatief", "2026-11-02");
  g_autofree char *keep = observation (db, OTHER, COACH, "formatief", "2026-10-01");
  g_autofree char *note = cli_ok (db, "observe", "note", a, "--minute", "4", "Noemt iedereen bij naam.",
                                  "--item", "ph.klimaat.1", NULL);
  g_free (cli_ok (db, "observe", "score", a, "ph.klimaat.1", "3", NULL));
  g_free (cli_ok (db, "observe", "mark", a, "ph.klimaat.1.a", NULL));
  g_free (cli_ok (db, "observe", "set", a, "tops", "Rustige start.", NULL));
  g_free (cli_ok (db, "observe", "finalize", a, "--signed-by", COACH, "--yes", NULL));
  g_free (cli_ok (db, "observe", "acknowledge", a, "--reaction", "Dank je!", NULL));
  g_free (cli_ok (db, "observe", "addendum", a, "--author", COACH, "Aanvulling.", NULL));
  g_free (cli_ok (db, "observe", "score", c, "ph.klimaat.2", "2", NULL));
  g_free (cli_ok (db, "observe", "score", keep, "ph.klimaat.2", "4", NULL));

  cli_fails (2, db, "erase", NULL);
  cli_fails (2, db, "erase", "--person", STARTER, NULL);   /* no terminal, no --yes: nothing happens */
  cli_fails (1, db, "erase", "--person", "Niemand", "--yes", NULL);
  g_autofree char *tsv = cli_ok (db, "list", "--person", STARTER, "--format", "tsv", NULL);
  g_assert_cmpuint (count_lines (tsv), ==, 3);

  g_autofree char *out = cli_ok (db, "erase", "--person", STARTER, "--yes", NULL);
  assert_contains (out, "This erases " STARTER " (starter) and 3 observations");
  assert_contains (out, "Erased " STARTER ".");

  const char *gone[] = { STARTER, id, a, b, c, note, "Noemt iedereen bij naam.", "Dank je!", "Aanvulling." };
  g_autoptr(sqlite3) s = cli_sqlite (db);
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    g_assert_false (database_mentions (s, gone[i]));
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM observation"), ==, 1);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM person"), ==, 3);
  g_assert_true (database_mentions (s, keep));
  g_clear_pointer (&s, sqlite3_close);

  /* Nor in the file's free pages, nor in a backup. */
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_assert_false (file_mentions (db, STARTER));
  g_assert_false (file_mentions (wal, STARTER));
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
  guint n_backups = 0;
  for (const char *name; d && (name = g_dir_read_name (d));)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      g_assert_false (file_mentions (path, STARTER));
      n_backups++;
    }
  g_assert_cmpuint (n_backups, >=, 1);

  g_autofree char *left = cli_ok (db, "list", "--format", "tsv", NULL);
  g_assert_true (g_str_has_prefix (left, keep));
  g_autofree char *verify = cli_ok (db, "verify", NULL);
  g_assert_cmpstr (verify, ==, "0 final observations checked, all intact");
}

/* An observer's erasure takes the observations they made with them. */
static void
test_erase_observer (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_autofree char *a = observation (db, STARTER, COACH, "formatief", "2026-09-10");
  g_autofree char *b = observation (db, STARTER, ASSESSOR, "summatief", "2026-09-11");
  g_autofree char *out = cli_ok (db, "erase", "--person", COACH, "--yes", NULL);
  assert_contains (out, "This erases " COACH " (coach) and 1 observation ");
  g_autofree char *left = cli_ok (db, "list", "--format", "tsv", NULL);
  g_assert_true (g_str_has_prefix (left, b));
  g_autoptr(sqlite3) s = cli_sqlite (db);
  g_assert_false (database_mentions (s, COACH));
}

/* ---- bad arguments: a usage error (2) everywhere ---- */

static void
test_bad_arguments (void)
{
  g_autofree char *db = cli_db_path ();
  const char *cases[][12] = {
    { "list", "--bogus" }, { "list", "--status" }, { "show" }, { "show", "a", "b" },
    { "people", "frobnicate" }, { "people", "add", "--year", "x" }, { "observe" }, { "observe", "frob" },
    { "observe", "new" }, { "observe", "new", "--starter", "X", "--observer", "Y", "--purpose", "les" },
    { "observe", "new", "--starter", "X", "--observer", "Y", "--purpose", "formatief", "--start", "9:00" },
    { "observe", "new", "--starter", "X", "--observer", "Y", "--purpose", "formatief", "--date", "gisteren" },
    { "observe", "new", "--starter", "X", "--observer", "Y", "--purpose", "formatief", "--pupils", "900" },
    { "observe", "score", "x" }, { "observe", "score", "x", "y", "--not-observed", "--clear" },
    { "observe", "mark", "x" }, { "observe", "note", "x" }, { "observe", "link", "x" },
    { "observe", "set", "x", "tops" }, { "observe", "judge", "x" }, { "observe", "finalize" },
    { "observe", "acknowledge" }, { "observe", "addendum", "x" }, { "observe", "delete" },
    { "verify", "extra" }, { "restore", "a", "b" }, { "erase" }, { "erase", "--person" },
    { "demo", "--seed", "-1" }, { "demo", "--seed", "veel" }, { "demo", "extra" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };
      const char **c = cases[i];
      cli_run (&r, db, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], NULL);
      if (r.status != 2)
        g_error ("“%s %s %s…” exited with %d, not 2; stderr:\n%s", cases[i][0],
                 cases[i][1] ? cases[i][1] : "", cases[i][2] ? cases[i][2] : "", r.status, r.err);
      g_assert_cmpstr (r.err, !=, "");
      g_assert_null (strstr (r.err, "CRITICAL"));
    }
  /* Nothing of that touched the database. */
  g_autofree char *people = cli_ok (db, "people", "--format", "tsv", NULL);
  g_assert_cmpstr (people, ==, "");
}

static void
test_help (void)
{
  const char *commands[][2] = {
    { "list", "--format" }, { "show", "UUID" }, { "people", "people add" }, { "observe", "finalize" },
    { "verify", "final observation" }, { "restore", "BACKUP" }, { "erase", "--person" }, { "demo", "--seed" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = cli_ok (NULL, commands[i][0], "--help", NULL);
      assert_contains (out, commands[i][1]);
    }
  g_autofree char *score = cli_ok (NULL, "observe", "score", "--help", NULL);
  assert_contains (score, "lesbezoek observe score [OPTION…] UUID ITEM LEVEL");
  assert_contains (score, "--not-observed");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/people", test_people);
  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/verify/damaged", test_verify_damaged);
  g_test_add_func ("/cli/restore", test_restore);
  g_test_add_func ("/cli/erase/starter", test_erase);
  g_test_add_func ("/cli/erase/observer", test_erase_observer);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/help", test_help);
  return g_test_run ();
}
