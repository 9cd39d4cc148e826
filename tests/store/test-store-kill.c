/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* The promise behind "no Save button": a change that was shown as saved
 * survives the process being killed at any moment. store-writer changes
 * an observation as fast as it can; we SIGKILL it after a random delay,
 * hundreds of times, and after every kill the database must open, pass
 * sqlite's integrity check, and hold every acknowledged write. */

#include "config.h"
#include "store-test-util.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_FRESH_RUNS 40    /* a new database each time: kills in creation and migration */
#define N_KILL_RUNS  200   /* one database, killed again and again */

typedef struct {
  char       *obs;       /* the observation's uuid, once the writer said it */
  GHashTable *model;     /* key → value, from the last ACK of each key */
  char       *try_key;   /* the call in flight when the kill came, if any */
  char       *try_value;
  guint       n_acks;
} Model;

static void
model_init (Model *m)
{
  memset (m, 0, sizeof *m);
  m->model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
model_clear (Model *m)
{
  g_clear_pointer (&m->obs, g_free);
  g_clear_pointer (&m->model, g_hash_table_unref);
  g_clear_pointer (&m->try_key, g_free);
  g_clear_pointer (&m->try_value, g_free);
}

static GPid
spawn_writer (const char *db, guint seed, int *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);
  g_autofree char *seed_s = g_strdup_printf ("%u", seed);
  const char *argv[] = { writer, db, seed_s, NULL };
  /* Under AddressSanitizer the full unwinds the leak suppressions need make
   * the writer crawl, and a killed process reports no leaks anyway. */
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  GPid pid;
  g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, out, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_writer (GPid pid, int out, GString *buf, gboolean *exited)
{
  char chunk[4096];
  kill (pid, SIGKILL);
  int status = 0;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  for (ssize_t n; (n = read (out, chunk, sizeof chunk)) > 0;)
    g_string_append_len (buf, chunk, n);
  close (out);
  if (exited)
    *exited = WIFEXITED (status);
}

/* Reads what the writer prints until @until is in it or @deadline passes;
 * keeps the pipe drained so the writer never blocks on it. */
static void
read_until (int out, GString *buf, gint64 deadline, const char *until)
{
  char chunk[4096];
  for (gint64 now; (now = g_get_monotonic_time ()) < deadline;)
    {
      if (until && strstr (buf->str, until))
        return;
      struct pollfd p = { out, POLLIN, 0 };
      int timeout = (int) ((deadline - now + 999) / 1000);
      if (poll (&p, 1, timeout) > 0)
        {
          ssize_t n = read (out, chunk, sizeof chunk);
          if (n <= 0)
            return;
          g_string_append_len (buf, chunk, n);
        }
    }
}

/* Runs the writer and kills it after @delay_us; returns what it printed. */
static char *
run_and_kill (const char *db, guint seed, gulong delay_us, gboolean *exited)
{
  int out = -1;
  GPid pid = spawn_writer (db, seed, &out);
  GString *buf = g_string_new (NULL);
  read_until (out, buf, g_get_monotonic_time () + (gint64) delay_us, NULL);
  kill_writer (pid, out, buf, exited);
  return g_string_free (buf, FALSE);
}

/* How long until the writer has opened @db, and until its first write is
 * acknowledged: the kills are aimed at those windows, however slow this
 * machine or build (a sanitizer) is. */
static void
calibrate (const char *db, gint64 *to_open, gint64 *to_ack)
{
  int out = -1;
  gint64 start = g_get_monotonic_time ();
  GPid pid = spawn_writer (db, 0, &out);
  g_autoptr(GString) buf = g_string_new (NULL);
  read_until (out, buf, start + 30 * G_USEC_PER_SEC, "OPEN ");
  *to_open = g_get_monotonic_time () - start;
  read_until (out, buf, start + 30 * G_USEC_PER_SEC, "ACK ");
  *to_ack = g_get_monotonic_time () - start;
  g_assert_nonnull (strstr (buf->str, "ACK "));
  kill_writer (pid, out, buf, NULL);
}

static void
model_feed (Model *m, const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_clear_pointer (&m->try_key, g_free);
  g_clear_pointer (&m->try_value, g_free);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      if (*line == '\0' || g_str_has_prefix (line, "OPEN "))
        continue;
      if (g_str_has_prefix (line, "ERR "))
        g_error ("the writer failed: %s", line);
      if (g_str_has_prefix (line, "OBS "))
        {
          if (m->obs)
            g_assert_cmpstr (m->obs, ==, line + 4);
          else
            m->obs = g_strdup (line + 4);
          continue;
        }
      g_auto(GStrv) f = g_strsplit (line, " ", 4);
      /* A last line cut off by the kill is not a whole TRY or ACK. */
      if (g_strv_length (f) != 4 || lines[i + 1] == NULL)
        continue;
      if (g_str_equal (f[0], "TRY"))
        {
          g_free (m->try_key), m->try_key = g_strdup (f[2]);
          g_free (m->try_value), m->try_value = g_strdup (f[3]);
        }
      else if (g_str_equal (f[0], "ACK"))
        {
          g_assert_cmpstr (f[2], ==, m->try_key);
          g_hash_table_replace (m->model, g_strdup (f[2]), g_strdup (f[3]));
          g_clear_pointer (&m->try_key, g_free);
          g_clear_pointer (&m->try_value, g_free);
          m->n_acks++;
        }
      else
        g_error ("unexpected output from the writer: %s", line);
    }
}

/* The observation as the same key/value pairs the writer prints. */
static GHashTable *
actual_state (LbObservation *o)
{
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      g_hash_table_insert (state, g_strdup (s->item_id), g_strdup (s->not_observed ? "n/o" : s->level_id));
    }
  for (guint i = 0; i < o->marks->len; i++)
    {
      LbMark *mk = o->marks->pdata[i];
      g_hash_table_insert (state, g_strconcat ("mark:", mk->indicator_id, NULL), g_strdup (mk->code));
    }
  for (guint i = 0; i < o->notes->len; i++)
    {
      LbNote *n = o->notes->pdata[i];
      g_autofree char *key = g_strconcat ("note:", n->text, NULL);
      g_assert_false (g_hash_table_contains (state, key));  /* no note written twice */
      g_hash_table_insert (state, g_steal_pointer (&key), g_strdup ("+"));
    }
  if (o->tops)
    g_hash_table_insert (state, g_strdup ("field:tops"), g_strdup (o->tops));
  return state;
}

static void
check_key (Model *m, GHashTable *actual, const char *key)
{
  const char *want = g_hash_table_lookup (m->model, key);
  const char *have = g_hash_table_lookup (actual, key);
  want = want ? want : "-";
  have = have ? have : "-";
  if (g_str_equal (want, have))
    return;
  /* The call in flight may or may not have committed; nothing else may differ. */
  if (g_strcmp0 (key, m->try_key) == 0 && g_str_equal (have, m->try_value))
    return;
  g_error ("after a kill, %s is %s but the last acknowledged write made it %s", key, have, want);
}

static void
verify (const char *db, Model *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_STORE_SCHEMA_VERSION);
  if (m->obs)
    {
      g_autoptr(LbObservation) o = lb_store_load (store, m->obs, &error);
      g_assert_no_error (error);
      g_autoptr(GHashTable) actual = actual_state (o);
      GHashTableIter iter;
      gpointer key;
      g_hash_table_iter_init (&iter, m->model);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        check_key (m, actual, key);
      g_hash_table_iter_init (&iter, actual);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        check_key (m, actual, key);
      /* Whatever the in-flight call left is the truth from now on. */
      if (m->try_key)
        {
          const char *have = g_hash_table_lookup (actual, m->try_key);
          if (have)
            g_hash_table_replace (m->model, g_strdup (m->try_key), g_strdup (have));
          else
            g_hash_table_remove (m->model, m->try_key);
        }
    }
  g_clear_object (&store);
  store_assert_integrity (db);
}

/* Where the kill left the migration, read before the store finishes it. */
static guint
schema_version_left (const char *db)
{
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    return 0;
  sqlite3 *raw = store_raw_open (db);
  gint64 v = store_raw_int (raw, "PRAGMA user_version");
  sqlite3_close (raw);
  g_assert_cmpint (v, >=, 0);
  g_assert_cmpint (v, <=, LB_STORE_SCHEMA_VERSION);
  return (guint) v;
}

static void
test_kill (StoreFixture *f, gconstpointer data)
{
  /* From GTest's seed (printed at the top), so --seed repeats the delays. */
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n_acks = 0, n_in_flight = 0, n_during_open = 0, n_created = 0;
  guint versions[LB_STORE_SCHEMA_VERSION + 1] = { 0 };
  gint64 start = g_get_monotonic_time ();
  g_autofree char *calibration = g_build_filename (f->dir, "calibration.db", NULL);
  gint64 fresh_open, fresh_ack, open, ack;
  calibrate (calibration, &fresh_open, &fresh_ack);
  calibrate (calibration, &open, &ack);
  g_test_message ("new database: opened after %.1f ms, first write after %.1f ms; existing: %.1f ms, "
                  "%.1f ms", fresh_open / 1e3, fresh_ack / 1e3, open / 1e3, ack / 1e3);

  for (guint run = 0; run < N_FRESH_RUNS; run++)
    {
      g_autofree char *name = g_strdup_printf ("fresh-%u.db", run);
      g_autofree char *db = g_build_filename (f->dir, name, NULL);
      Model m;
      model_init (&m);
      gboolean exited;
      /* Half of the kills aimed at creating and migrating the database, the
       * other half also at creating the observation and the first writes. */
      gint64 max_delay = run % 2 ? fresh_open * 5 / 4 : MAX (150000, fresh_ack * 3 / 2);
      gulong delay = (gulong) g_rand_double_range (rand, 0, (double) max_delay);
      g_autofree char *out = run_and_kill (db, run, delay, &exited);
      g_assert_false (exited);
      if (strstr (out, "OPEN ") == NULL)
        n_during_open++;
      if (strstr (out, "OBS ") != NULL)
        n_created++;
      versions[schema_version_left (db)]++;
      model_feed (&m, out);
      verify (db, &m);
      n_acks += m.n_acks;
      model_clear (&m);
    }

  g_autofree char *db = g_build_filename (f->dir, "kill.db", NULL);
  Model m;
  model_init (&m);
  for (guint run = 0; run < N_KILL_RUNS; run++)
    {
      gboolean exited;
      /* 0–50 ms here; longer only where the writer needs longer to start. */
      gint64 max_delay = MAX (50000, ack * 2);
      gulong delay = (gulong) g_rand_double_range (rand, 0, (double) max_delay);
      g_autofree char *out = run_and_kill (db, 1000 + run, delay, &exited);
      g_assert_false (exited);
      model_feed (&m, out);
      n_in_flight += m.try_key != NULL;
      verify (db, &m);
    }
  n_acks += m.n_acks;
  g_assert_nonnull (m.obs);
  g_assert_cmpuint (g_hash_table_size (m.model), >, 20);
  model_clear (&m);
  g_rand_free (rand);

  g_autoptr(GString) left = g_string_new (NULL);
  for (guint v = 0; v <= LB_STORE_SCHEMA_VERSION; v++)
    g_string_append_printf (left, " %u at version %u;", versions[v], v);
  g_test_message ("%u kills. New databases:%s %u killed while opening, %u after the observation "
                  "was created. Same database: %u with a write in flight. %u acknowledged writes "
                  "checked in %.1f s",
                  N_FRESH_RUNS + N_KILL_RUNS, left->str, n_during_open, n_created, n_in_flight,
                  n_acks, (g_get_monotonic_time () - start) / 1e6);
  /* The kills must have landed in both places, or the test proves little. */
  g_assert_cmpuint (n_during_open, >, 0);
  g_assert_cmpuint (n_in_flight, >, 0);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  g_test_add ("/store/kill/random", StoreFixture, NULL, store_fixture_setup, test_kill,
              store_fixture_teardown);
  return g_test_run ();
}
