/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exchange"

/* `lesbezoek export` and `lesbezoek import`, run as the built binary
 * (LESBEZOEK_BIN) on databases in the test's own directory, as a user or
 * a script would: what they print, their exit status (0, 1 on failure,
 * 2 on bad arguments) and what ends up in the databases. */

#include "config.h"
#include "exchange-test-util.h"

#include <sys/wait.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* lesbezoek --db DB ARGS…; fails the test if it did not exit by itself. */
static void
run (Run *r, const char *db, ...)
{
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  run_clear (r);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, util_tmp_path (db));
  va_start (args, db);
  for (const char *a; (a = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("lesbezoek did not exit normally (wait status %d); stderr:\n%s", wait_status, r->err);
  r->status = WEXITSTATUS (wait_status);
}

#define assert_contains(haystack, needle) \
  G_STMT_START { if (strstr ((haystack), (needle)) == NULL) \
    g_error ("expected “%s” in:\n%s", (needle), (haystack)); } G_STMT_END

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A database a.db made through the store API, closed, so only the
 * binary has it open. */
static void
make_db (Db *db)
{
  util_fill (db, "a.db");
  g_clear_object (&db->store);
}

static LbStore *
reopen (const char *name)
{
  return util_open (name);
}

/* export --all, import into an empty database, import again. */
static void
test_cli_roundtrip (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  make_db (&a);
  g_autofree char *out = util_tmp_path ("alles.xml");

  run (&r, "a.db", "export", "--all", "-o", out, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *wrote = g_strdup_printf ("Wrote 6 observations to %s\n", out);
  g_assert_cmpstr (r.out, ==, wrote);
  assert_mode_0600 (out);

  run (&r, "b.db", "import", out, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *first = g_strdup_printf ("%s: 6 new, 0 replaced, 0 unchanged\n", out);
  g_assert_cmpstr (r.out, ==, first);

  g_autoptr(LbStore) sa = reopen ("a.db");
  g_autoptr(LbStore) sb = reopen ("b.db");
  util_assert_same_stores (sa, sb);
  g_autofree char *before = util_state (sb);
  g_clear_object (&sb);

  run (&r, "b.db", "import", out, out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *again = g_strdup_printf ("%s: 0 new, 0 replaced, 6 unchanged\n"
                                            "%s: 0 new, 0 replaced, 6 unchanged\n", out, out);
  g_assert_cmpstr (r.out, ==, again);
  sb = reopen ("b.db");
  g_autofree char *after = util_state (sb);
  g_assert_cmpstr (before, ==, after);
}

/* --observation takes a unique prefix; --person a name; --with-instruments
 * carries the instrument; an existing file ends up private too. */
static void
test_cli_selectors (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  make_db (&a);
  g_autofree char *one = util_tmp_path ("een.xml");
  g_autofree char *anna = util_tmp_path ("anna.xml");
  g_autofree char *prefix = g_strndup (a.summative, 8);

  g_assert_true (g_file_set_contents (one, "oud", -1, NULL));
  g_assert_cmpint (g_chmod (one, 0644), ==, 0);
  run (&r, "a.db", "export", "--observation", prefix, "-o", one, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *wrote = g_strdup_printf ("Wrote 1 observation to %s\n", one);
  g_assert_cmpstr (r.out, ==, wrote);
  assert_mode_0600 (one);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LbObservation *) ex->observations->pdata[0])->uuid, ==, a.summative);
  g_assert_cmpuint (ex->people->len, ==, 2);
  g_assert_cmpuint (ex->instruments->len, ==, 0);

  run (&r, "a.db", "export", "--person", "anna de vries", "--with-instruments", "-o", anna, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autoptr(LbExchange) annas = lb_exchange_read (anna, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annas->observations->len, ==, 2);
  g_assert_cmpuint (annas->instruments->len, ==, 1);

  /* into a database that has never seen the instrument or the people */
  run (&r, "c.db", "import", anna, one, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *expected = g_strdup_printf ("%s: 2 new, 0 replaced, 0 unchanged\n"
                                               "%s: 1 new, 0 replaced, 0 unchanged\n", anna, one);
  g_assert_cmpstr (r.out, ==, expected);
}

/* Bad arguments: exit status 2 and a message, nothing done. */
static void
test_cli_usage (void)
{
  g_auto(Run) r = { 0 };
  g_autofree char *out = util_tmp_path ("x.xml");
  struct { const char *args[6]; const char *message; } cases[] = {
    { { "export", "-o", out }, "exactly one of --person NAME, --observation UUID or --all" },
    { { "export", "--all", "--person", "Anna", "-o", out }, "exactly one of" },
    { { "export", "--all" }, "name the file to write with -o FILE" },
    { { "export", "--all", "-o", out, "extra" }, "unexpected argument “extra”" },
    { { "export", "--colour", "--all", "-o", out }, "Unknown option --colour" },
    { { "import" }, "name at least one exchange file" },
    { { "import", "--force", out }, "Unknown option --force" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char **a = cases[i].args;
      run (&r, "a.db", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      assert_contains (r.err, cases[i].message);
      assert_contains (r.err, "lesbezoek --help");
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Failures: exit status 1, a message that says what is wrong, and no
 * file written or database changed. */
static void
test_cli_errors (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbPerson) twin1 = util_person (a.store, "Sam Jansen", FALSE, LB_ROLE_COACH, 0);
  g_autoptr(LbPerson) twin2 = util_person (a.store, "Sam Jansen", TRUE, LB_ROLE_STARTER, 1);
  g_clear_object (&a.store);
  g_autofree char *out = util_tmp_path ("x.xml");
  g_autofree char *nowhere = util_tmp_path ("geen/map/x.xml");

  run (&r, "a.db", "export", "--person", "Niemand", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "No person called “Niemand”");
  run (&r, "a.db", "export", "--person", "Sam Jansen", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "More than one person is called “Sam Jansen”");
  run (&r, "a.db", "export", "--observation", "zzzzzzzz", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "No observation with id zzzzzzzz");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run (&r, "a.db", "export", "--all", "-o", nowhere, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "cannot write");
}

/* A bad file is refused with FILE:LINE:COLUMN lines; the good file given
 * with it is imported; the exit status says not everything went well. */
static void
test_cli_bad_file (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  make_db (&a);
  g_autofree char *good = util_tmp_path ("goed.xml");
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "bad", "xxe.xml", NULL);
  run (&r, "a.db", "export", "--all", "-o", good, NULL);
  g_assert_cmpint (r.status, ==, 0);

  run (&r, "b.db", "import", bad, good, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_autofree char *located = g_strdup_printf ("%s:2:1: the file contains a document type declaration", bad);
  g_assert_true (g_str_has_prefix (r.err, located));
  g_autofree char *nothing = g_strdup_printf ("%s: nothing was imported\n", bad);
  assert_contains (r.err, nothing);
  g_autofree char *imported = g_strdup_printf ("%s: 6 new, 0 replaced, 0 unchanged\n", good);
  g_assert_cmpstr (r.out, ==, imported);
}

/* A file with another version of a final observation: refused as a
 * whole with a clear message; the database does not change. */
static void
test_cli_conflict (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  make_db (&a);
  g_autofree char *first = util_tmp_path ("eerste.xml");
  g_autofree char *other = util_tmp_path ("andere.xml");
  g_autofree char *tampered = util_tmp_path ("veranderd.xml");
  run (&r, "a.db", "export", "--all", "-o", first, NULL);
  run (&r, "b.db", "import", first, NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* a new draft in a.db, and another version of the final one */
  a.store = reopen ("a.db");
  g_autofree char *early = util_observation (&a, a.sanne, a.kees, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF,
                                             "2026-01-02");
  g_autoptr(LbExchange) ex = util_export (a.store, NULL, NULL, FALSE);
  LbObservation *o = util_find (ex, a.final);
  g_free (o->tips);
  o->tips = g_strdup ("Een andere versie");
  g_free (o->content_hash);
  o->content_hash = lb_observation_compute_hash (o);
  OK (lb_exchange_write (ex, other, E));
  g_clear_object (&a.store);

  g_autoptr(LbStore) sb = reopen ("b.db");
  g_autofree char *before = util_state (sb);
  g_clear_object (&sb);
  run (&r, "b.db", "import", other, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  assert_contains (r.err, a.final);
  assert_contains (r.err, "is final here with different content; nothing from this file was imported");

  /* the same file changed by hand after finalizing */
  g_autofree char *xml = NULL;
  g_assert_true (g_file_get_contents (first, &xml, NULL, NULL));
  g_autoptr(GString) changed = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (changed, "Sterk begin van de les", "Zwak begin van de les", 1), ==, 1);
  g_assert_true (g_file_set_contents (tampered, changed->str, -1, NULL));
  run (&r, "b.db", "import", tampered, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "does not match its content-hash: it was changed after it was finalized");
  g_autofree char *prefix = g_strdup_printf ("%s:", tampered);
  g_assert_true (g_str_has_prefix (r.err, prefix));

  sb = reopen ("b.db");
  g_autofree char *after = util_state (sb);
  g_assert_cmpstr (before, ==, after);
  g_autoptr(LbObservation) none = lb_store_load (sb, early, NULL);
  g_assert_null (none);
}

/* What export writes, import can read: a character that XML cannot carry
 * (a form feed pasted from a word processor) is turned into a space when
 * it is stored, so the observation still travels. */
static void
test_cli_unexportable (void)
{
  g_auto(Db) a = { 0 };
  g_auto(Run) r = { 0 };
  util_fill (&a, "a.db");
  OK (lb_store_set_field (a.store, a.draft, LB_FIELD_TOPS, "geplakt uit Word:\f einde", E));
  g_autoptr(LbObservation) stored = lb_store_load (a.store, a.draft, NULL);
  g_assert_cmpstr (stored->tops, ==, "geplakt uit Word:  einde");
  g_clear_object (&a.store);
  g_autofree char *out = util_tmp_path ("x.xml");
  run (&r, "a.db", "export", "--all", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run (&r, "b.db", "import", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/exchange/cli/roundtrip", test_cli_roundtrip);
  g_test_add_func ("/exchange/cli/selectors", test_cli_selectors);
  g_test_add_func ("/exchange/cli/usage", test_cli_usage);
  g_test_add_func ("/exchange/cli/errors", test_cli_errors);
  g_test_add_func ("/exchange/cli/bad-file", test_cli_bad_file);
  g_test_add_func ("/exchange/cli/conflict", test_cli_conflict);
  g_test_add_func ("/exchange/cli/unexportable", test_cli_unexportable);
  return g_test_run ();
}
