/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

/* `lesbezoek demo`: three starters, four purposes each, Dutch notes,
 * judgements only where they belong, growth over the years, the same
 * data for the same seed; and `verify` on it, before and after someone
 * changes a final observation behind the app's back. */

#include "cli-util.h"

#include <stdlib.h>
#include <string.h>

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* The tsv listing as rows of fields. */
static GPtrArray *
list_rows (const char *db)
{
  g_autofree char *tsv = cli_ok (db, "list", "--format", "tsv", NULL);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i]; i++)
    {
      char **fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 13);
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

enum { F_UUID, F_DATE, F_TIME, F_STARTER, F_OBSERVER, F_ROLE, F_PURPOSE, F_STATUS, F_SCORED };

static const char *
find_row (GPtrArray *rows, const char *purpose, const char *status)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      if (g_str_equal (f[F_PURPOSE], purpose) && g_str_equal (f[F_STATUS], status))
        return f[F_UUID];
    }
  g_error ("no %s %s observation in the demo", status, purpose);
}

static void
check_coverage (GPtrArray *rows)
{
  const char *purposes[] = { "formatief", "summatief", "klassenbezoek", "zelfbeoordeling" };
  g_autoptr(GHashTable) starters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint finals = 0, drafts = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      g_hash_table_add (starters, f[F_STARTER]);
      g_hash_table_add (pairs, g_strconcat (f[F_STARTER], "/", f[F_PURPOSE], NULL));
      finals += g_str_equal (f[F_STATUS], "final");
      drafts += g_str_equal (f[F_STATUS], "draft");
      if (g_str_equal (f[F_PURPOSE], "zelfbeoordeling"))
        g_assert_cmpstr (f[F_ROLE], ==, "starter");
      if (i > 0)
        g_assert_cmpstr (((char **) rows->pdata[i - 1])[F_DATE], >=, f[F_DATE]);   /* newest first */
    }
  g_assert_cmpuint (g_hash_table_size (starters), >=, 3);
  GHashTableIter iter;
  gpointer starter;
  g_hash_table_iter_init (&iter, starters);
  while (g_hash_table_iter_next (&iter, &starter, NULL))
    for (guint p = 0; p < G_N_ELEMENTS (purposes); p++)
      {
        g_autofree char *key = g_strconcat (starter, "/", purposes[p], NULL);
        if (!g_hash_table_contains (pairs, key))
          g_error ("%s has no %s observation", (char *) starter, purposes[p]);
      }
  g_assert_cmpuint (finals, >, drafts);
  g_assert_cmpuint (drafts, >=, 1);
}

/* The latest year-3 lessons score higher than the year-1 starter's. */
static void
check_growth (sqlite3 *s)
{
  const char *sql =
    "SELECT avg (CAST (level_id AS REAL)) FROM score s JOIN observation o ON o.id = s.observation_id "
    "JOIN person p ON p.id = o.starter_id WHERE p.induction_year = %d AND s.level_id IS NOT NULL "
    "AND o.date >= date ('now', '-120 days')";
  double mean[4];
  for (int y = 1; y <= 3; y++)
    {
      g_autofree char *q = g_strdup_printf (sql, y);
      sqlite3_stmt *st = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (s, q, -1, &st, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
      mean[y] = sqlite3_column_double (st, 0);
      sqlite3_finalize (st);
    }
  g_test_message ("recent mean scores: year 1 %.2f, year 2 %.2f, year 3 %.2f", mean[1], mean[2], mean[3]);
  g_assert_cmpfloat (mean[1], >=, 2.0);
  g_assert_cmpfloat (mean[1], <=, 3.0);
  g_assert_cmpfloat (mean[3], >=, 3.0);
  g_assert_cmpfloat (mean[3], >, mean[1] + 0.4);
}

static void
check_show (const char *db, GPtrArray *rows)
{
  g_autofree char *coached = cli_ok (db, "show", find_row (rows, "formatief", "final"), NULL);
  assert_contains (coached, "Question:");
  assert_contains (coached, "Notes\n  [");
  assert_contains (coached, "Tops (strengths):\n    - Je ");
  assert_contains (coached, "Signed by ");
  /* Dutch, written as people write during a lesson. */
  g_autoptr(GRegex) dutch = g_regex_new ("\\[\\s*\\d+ min\\] .*\\b(de|het|een|kinderen|leerkracht)\\b",
                                         0, 0, NULL);
  g_assert_true (g_regex_match (dutch, coached, 0, NULL));
  g_assert_null (strstr (coached, "Judgement"));

  g_autofree char *assessed = cli_ok (db, "show", find_row (rows, "summatief", "final"), NULL);
  assert_contains (assessed, "Judgement\n");
  assert_contains (assessed, "Computed by the rules:");
  g_assert_true (strstr (assessed, "Confirmed by the assessor:") || strstr (assessed, "The assessor deviated:"));
  g_autofree char *visit = cli_ok (db, "show", find_row (rows, "klassenbezoek", "final"), NULL);
  g_assert_null (strstr (visit, "Judgement"));
  g_autofree char *self = cli_ok (db, "show", find_row (rows, "zelfbeoordeling", "final"), NULL);
  assert_contains (self, "    - Ik ");
}

static void
check_judgements (sqlite3 *s)
{
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM judgement j JOIN observation o ON o.id = j.observation_id "
                                 "WHERE o.purpose != 'summatief'"), ==, 0);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM judgement"), >=, 4);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM judgement WHERE decided IS NOT NULL "
                                 "AND length (motivation) > 40"), ==, 1);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM observation WHERE acknowledged_at IS NOT NULL "
                                 "AND reaction IS NOT NULL"), >=, 3);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM addendum"), >=, 1);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM score WHERE not_observed AND reason IS NOT NULL"), >=, 1);
  /* Indicators are ticked easiest first: in the default instrument an
   * item's indicators a, b, c… are in order of difficulty, so a ticked
   * one has all the letters before it ticked too. */
  g_assert_cmpint (cli_count (s,
    "SELECT count(*) FROM mark m WHERE (SELECT count(*) FROM mark e WHERE e.observation_id = m.observation_id "
    "AND substr (e.indicator_id, 1, length (e.indicator_id) - 2) = substr (m.indicator_id, 1, length (m.indicator_id) - 2) "
    "AND e.indicator_id < m.indicator_id) != unicode (substr (m.indicator_id, -1)) - unicode ('a')"), ==, 0);
  /* …and as many as the score warrants. */
  g_assert_cmpint (cli_count (s,
    "WITH t AS (SELECT s.level_id AS level, (SELECT count(*) FROM mark m WHERE m.observation_id = s.observation_id "
    "AND substr (m.indicator_id, 1, length (m.indicator_id) - 2) = s.item_id) AS n FROM score s "
    "WHERE s.level_id IS NOT NULL) "
    "SELECT (SELECT avg (n) FROM t WHERE level = '4') > (SELECT avg (n) FROM t WHERE level = '2') + 1"), ==, 1);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM mark m WHERE NOT EXISTS (SELECT 1 FROM score s "
                                 "WHERE s.observation_id = m.observation_id AND s.level_id IS NOT NULL AND "
                                 "s.item_id = substr (m.indicator_id, 1, length (m.indicator_id) - 2))"), ==, 0);
}

static void
test_demo (void)
{
  g_autofree char *db = cli_db_path ();
  g_autofree char *out = cli_ok (db, "demo", NULL);
  assert_contains (out, "3 starters");

  g_autoptr(GPtrArray) rows = list_rows (db);
  check_coverage (rows);
  check_show (db, rows);
  g_autoptr(sqlite3) s = cli_sqlite (db);
  check_growth (s);
  check_judgements (s);

  /* Two assessors scored one lesson on their own tablets: the demo can
   * show observer agreement. */
  const char *pair[2] = { NULL, NULL };
  for (guint i = 0; i < rows->len; i++)
    {
      const char **f = (const char **) rows->pdata[i];
      if (!g_str_equal (f[F_PURPOSE], "summatief") || !g_str_equal (f[F_STARTER], "Youssef El Amrani"))
        continue;
      for (guint j = i + 1; j < rows->len && pair[0] == NULL; j++)
        {
          const char **g = (const char **) rows->pdata[j];
          if (g_str_equal (g[F_PURPOSE], "summatief") && g_str_equal (g[F_STARTER], f[F_STARTER]) &&
              g_str_equal (g[F_DATE], f[F_DATE]))
            pair[0] = f[F_UUID], pair[1] = g[F_UUID];
        }
    }
  g_assert_nonnull (pair[0]);
  g_autofree char *compared = cli_ok (db, "compare", pair[0], pair[1], NULL);
  assert_contains (compared, "Krippendorff's alpha, ordinal");
  assert_contains (compared, "Cohen's kappa, quadratic weights");

  /* Each starter has a development plan: open goals from their coach's
   * latest afspraken. */
  const char *names[] = { "Sanne de Vries", "Youssef El Amrani", "Lotte Bakker" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *goals = cli_ok (db, "goals", "--person", names[i], NULL);
      assert_contains (goals, "  open  ");
    }

  /* Demo data goes only into an empty database. */
  cli_fails (1, db, "demo", NULL);

  /* verify: intact, then not after a final score is changed in sqlite. */
  guint finals = 0;
  for (guint i = 0; i < rows->len; i++)
    finals += g_str_equal (((char **) rows->pdata[i])[F_STATUS], "final");
  g_autofree char *verified = cli_ok (db, "verify", NULL);
  g_autofree char *expected = g_strdup_printf ("%u final observations checked, all intact", finals);
  g_assert_cmpstr (verified, ==, expected);

  const char **victim = NULL;
  for (guint i = rows->len / 2; victim == NULL && i < rows->len; i++)
    {
      const char **f = (const char **) rows->pdata[i];
      if (g_str_equal (f[F_STATUS], "final") && atoi (f[F_SCORED]) > 0)
        victim = f;
    }
  g_assert_nonnull (victim);
  g_autofree char *tamper = g_strdup_printf (
    "UPDATE score SET level_id = CASE level_id WHEN '4' THEN '1' ELSE '4' END "
    "WHERE rowid = (SELECT s.rowid FROM score s JOIN observation o ON o.id = s.observation_id "
    "WHERE o.uuid = '%s' AND s.level_id IS NOT NULL LIMIT 1)", victim[F_UUID]);
  cli_tamper (s, tamper);
  g_auto(Run) r = { 0 };
  cli_run (&r, db, "verify", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_autofree char *named = g_strdup_printf ("  %s  %s  %s\n", victim[F_UUID], victim[F_STARTER], victim[F_DATE]);
  assert_contains (r.out, named);
  g_autofree char *count = g_strdup_printf ("1 of %u final observations does not match its hash", finals);
  assert_contains (r.out, count);
  g_autofree char *shown = cli_ok (db, "show", victim[F_UUID], NULL);
  assert_contains (shown, "DOES NOT MATCH");
}

/* Same seed, same day: the same induction, to the letter. */
static void
test_demo_deterministic (void)
{
  g_autofree char *a = cli_db_path ();
  g_autofree char *b = cli_db_path ();
  g_autofree char *c = cli_db_path ();
  g_free (cli_ok (a, "demo", "--seed", "7", NULL));
  g_free (cli_ok (b, "demo", "--seed", "7", NULL));
  g_free (cli_ok (c, "demo", "--seed", "8", NULL));
  g_autofree char *list_a = cli_ok (a, "list", "--format", "tsv", NULL);
  g_autofree char *list_b = cli_ok (b, "list", "--format", "tsv", NULL);
  g_autofree char *list_c = cli_ok (c, "list", "--format", "tsv", NULL);
  g_assert_cmpstr (list_a, ==, list_b);
  g_assert_cmpstr (list_a, !=, list_c);

  /* The observations read the same (every third compared, to keep the
   * test quick), apart from when they were signed. */
  g_autoptr(GPtrArray) rows = list_rows (a);
  g_autoptr(GRegex) when = g_regex_new ("^(Signed by|Seen by|Addendum by|Content hash).*$|"
                                        "^  intact.*$", G_REGEX_MULTILINE, 0, NULL);
  for (guint i = 0; i < rows->len; i += 3)
    {
      const char *uuid = ((char **) rows->pdata[i])[F_UUID];
      g_autofree char *show_a = cli_ok (a, "show", uuid, NULL);
      g_autofree char *show_b = cli_ok (b, "show", uuid, NULL);
      g_autofree char *bare_a = g_regex_replace_literal (when, show_a, -1, 0, "", 0, NULL);
      g_autofree char *bare_b = g_regex_replace_literal (when, show_b, -1, 0, "", 0, NULL);
      g_assert_cmpstr (bare_a, ==, bare_b);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/demo/induction", test_demo);
  g_test_add_func ("/cli/demo/deterministic", test_demo_deterministic);
  return g_test_run ();
}
