/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

/* How fast is the store where a user waits for it?
 *
 * 1. A score change until it is durably committed: lb_store_set_score ()
 *    (look the observation up, upsert the score, bump the revision, append
 *    to the audit log, COMMIT) against a bare sqlite INSERT in its own
 *    transaction with the same durability settings (WAL,
 *    synchronous=FULL), in a database next to ours on the same file
 *    system. Both end in one fsync of the WAL, so the ratio is what our
 *    bookkeeping costs on top of the disk. Median and p99.
 * 2. The overview and one observation with 50,000 observations in the
 *    database against the same with 100: lb_store_list () without a
 *    filter (every row: grows with the data by nature) and with a limit of
 *    50 (one screen: should not), lb_store_load (), and lb_store_open ()
 *    (which checks the file with PRAGMA quick_check).
 *
 * Rounds are interleaved (ours, baseline, baseline, ours, …) so a noisy
 * machine slows both alike; ratios are per round, then the median. The
 * databases are made in --dir (default: $TMPDIR), which should be on the
 * kind of disk you care about: on tmpfs an fsync costs nothing. */

#include "config.h"
#include "bench-util.h"
#include "bench-db.h"
#include "lb-error.h"
#include "lb-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#define N_BIG   50000
#define N_SMALL 100

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The nearest-rank percentile: with 400 samples, p99 is the 4th slowest. */
static double
percentile (GArray *values, double q)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  guint rank = (guint) MIN (sorted->len - 1, (guint) (q * sorted->len + 0.999999) - 1);
  return g_array_index (sorted, double, rank);
}

/* ---- 1. a score change until durable ---- */

static void
bench_commit (const char *dir, LbInstrument *inst, guint n, LbBenchTable *table, GString *notes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ours_path = g_build_filename (dir, "commit-lesbezoek.db", NULL);
  g_autofree char *bare_path = g_build_filename (dir, "commit-bare.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (ours_path, &error);
  lb_bench_check (store != NULL, error, "opening");
  g_autoptr(LbPerson) starter = lb_bench_add_person (store, "Sanne de Vries", TRUE, 1);
  g_autoptr(LbPerson) coach = lb_bench_add_person (store, "Jeroen Bakker", FALSE, 0);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (coach);
  draft->purpose = LB_PURPOSE_FORMATIEF;
  draft->observer_role = LB_ROLE_COACH;
  g_autoptr(LbObservation) o = lb_store_create_observation (store, draft, inst, &error);
  lb_bench_check (o != NULL, error, "creating");

  sqlite3 *bare;
  sqlite3_open (bare_path, &bare);
  lb_bench_exec (bare, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
              "CREATE TABLE score (observation_id INTEGER, session INTEGER, item_id TEXT, level_id TEXT, "
              "updated_at TEXT)");
  sqlite3_stmt *insert;
  sqlite3_prepare_v2 (bare, "INSERT INTO score VALUES (1, 0, ?1, ?2, ?3)", -1, &insert, NULL);

  GPtrArray *items = lb_instrument_get_items (inst);
  g_autoptr(GArray) ours = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_autoptr(GArray) base = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  for (guint r = 0; r < n + 5; r++)
    for (guint k = 0; k < 2; k++)
      {
        LbNode *item = items->pdata[r % items->len];
        const char *level = lb_scale_get_level (lb_bench_scale_of (item), r % 4)->id;
        gboolean do_ours = (r + k) % 2 == 0;
        gint64 t0 = lb_bench_now_ns ();
        if (do_ours)
          lb_bench_check (lb_store_set_score (store, o->uuid, 0, lb_node_get_id (item), level, FALSE, NULL, &error),
                 error, "scoring");
        else
          {
            g_autofree char *now = lb_timestamp_now ();
            sqlite3_bind_text (insert, 1, lb_node_get_id (item), -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 2, level, -1, SQLITE_STATIC);
            sqlite3_bind_text (insert, 3, now, -1, SQLITE_TRANSIENT);
            if (sqlite3_step (insert) != SQLITE_DONE)
              g_error ("insert: %s", sqlite3_errmsg (bare));
            sqlite3_reset (insert);
          }
        double ms = (lb_bench_now_ns () - t0) / 1e6;
        if (r >= 5)  /* warm-up */
          g_array_append_val (do_ours ? ours : base, ms);
      }
  sqlite3_finalize (insert);
  sqlite3_close (bare);
  lb_bench_table_add_row (table, "score change until durable", 0, ours, base, NULL);
  g_string_append_printf (notes, "  score change p99: lesbezoek %.2f ms, bare INSERT %.2f ms (%.2fx); "
                          "%u changes each\n", percentile (ours, 0.99), percentile (base, 0.99),
                          percentile (ours, 0.99) / MAX (percentile (base, 0.99), 1e-9), n);
}

/* ---- 2. 50,000 observations against 100 ---- */

typedef enum { LIST_ALL, LIST_50, LOAD, OPEN, N_OPS } Op;

static const char *op_labels[N_OPS] = {
  "list, no filter (all rows)",
  "list, limit 50 (one screen)",
  "load one observation",
  "open (with quick_check)",
};

typedef struct {
  char      *path;
  LbStore   *store;
  GPtrArray *uuids;  /* some observations to load, spread over the file */
} Db;

static double
run_op (Db *db, Op op, guint round)
{
  g_autoptr(GError) error = NULL;
  LbListFilter filter = LB_LIST_FILTER_INIT;
  gint64 t0 = lb_bench_now_ns ();
  switch (op)
    {
    case LIST_ALL:
    case LIST_50:
      {
        filter.limit = op == LIST_50 ? 50 : 0;
        g_autoptr(GPtrArray) rows = lb_store_list (db->store, &filter, &error);
        lb_bench_check (rows != NULL, error, "listing");
        break;
      }
    case LOAD:
      {
        g_autoptr(LbObservation) o = lb_store_load (db->store, db->uuids->pdata[round % db->uuids->len], &error);
        lb_bench_check (o != NULL && o->scores->len > 0, error, "loading");
        break;
      }
    case OPEN:
      {
        g_autoptr(LbStore) other = lb_store_open (db->path, &error);
        lb_bench_check (other != NULL, error, "opening");
        break;
      }
    case N_OPS:
      g_assert_not_reached ();
    }
  return (lb_bench_now_ns () - t0) / 1e6;
}

static void
db_open (Db *db, const char *path)
{
  g_autoptr(GError) error = NULL;
  db->path = g_strdup (path);
  db->store = lb_store_open (path, &error);
  lb_bench_check (db->store != NULL, error, "opening");
  g_autoptr(GPtrArray) all = lb_store_list (db->store, NULL, &error);
  lb_bench_check (all != NULL, error, "listing");
  db->uuids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 16; i++)
    g_ptr_array_add (db->uuids, g_strdup (((LbSummary *) all->pdata[(i * 7919) % all->len])->uuid));
}

static void
db_close (Db *db)
{
  g_clear_object (&db->store);
  g_clear_pointer (&db->uuids, g_ptr_array_unref);
  g_clear_pointer (&db->path, g_free);
}

static void
bench_size (const char *dir, LbInstrument *inst, guint rounds, LbBenchTable *table, GString *notes)
{
  gint64 t0 = lb_bench_now_ns ();
  g_autofree char *big_path = lb_bench_make_db (dir, N_BIG, inst);
  double made = (lb_bench_now_ns () - t0) / 1e9;
  g_autofree char *small_path = lb_bench_make_db (dir, N_SMALL, inst);
  Db big = { 0 }, small = { 0 };
  db_open (&big, big_path);
  db_open (&small, small_path);
  g_assert_cmpuint (lb_store_count (big.store), ==, N_BIG);
  g_assert_cmpuint (lb_store_count (small.store), ==, N_SMALL);
  GStatBuf st;
  g_stat (small_path, &st);
  double small_size = (double) st.st_size;
  g_stat (big_path, &st);
  g_string_append_printf (notes, "  %u observations (complete, 4 in 5 final) made in %.1f s: %.1f MB; "
                          "the 100: %.1f MB\n", N_BIG, made, st.st_size / 1e6, small_size / 1e6);

  for (Op op = 0; op < N_OPS; op++)
    {
      g_autoptr(GArray) ours = g_array_sized_new (FALSE, FALSE, sizeof (double), rounds);
      g_autoptr(GArray) base = g_array_sized_new (FALSE, FALSE, sizeof (double), rounds);
      for (guint r = 0; r < rounds + 1; r++)
        for (guint k = 0; k < 2; k++)
          {
            gboolean do_big = (r + k) % 2 == 0;
            double ms = run_op (do_big ? &big : &small, op, r);
            if (r > 0)  /* warm-up */
              g_array_append_val (do_big ? ours : base, ms);
          }
      lb_bench_table_add_row (table, op_labels[op], (guint64) st.st_size, ours, base, NULL);
    }
  db_close (&big);
  db_close (&small);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  for (const char *name; d && (name = g_dir_read_name (d));)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  int rounds = 21;
  g_autofree char *parent = NULL;
  GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds,
      "Interleaved rounds (default 21; score changes: 20 per round)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &parent, "Where to make the databases (default: $TMPDIR)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the observation store");
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("bench-store: %s\n", error ? error->message : "--rounds must be at least 1");
      return 2;
    }
  g_autofree char *template = g_build_filename (parent ? parent : g_get_tmp_dir (), "lb-bench-store-XXXXXX", NULL);
  g_autofree char *dir = g_mkdtemp (g_steal_pointer (&template));
  if (dir == NULL)
    g_error ("cannot make a directory for the databases: %s", g_strerror (errno));
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  lb_bench_check (inst != NULL, error, "loading the default instrument");

  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(LbBenchTable) commit = lb_bench_table_new ("store: durable commit (WAL, synchronous=FULL)",
                                                       "INSERT", NULL, (guint) rounds * 20);
  bench_commit (dir, inst, (guint) rounds * 20, commit, notes);
  g_autoptr(LbBenchTable) size = lb_bench_table_new ("store: 50,000 observations (lesbezoek) vs 100 (baseline)",
                                                     "100 obs", NULL, (guint) rounds);
  bench_size (dir, inst, (guint) rounds, size, notes);

  lb_bench_table_print (commit);
  lb_bench_table_print (size);
  g_print ("%s  (databases made in %s, now removed)\n", notes->str, dir);
  remove_dir (dir);
  return 0;
}
