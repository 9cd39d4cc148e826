/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* A damaged or foreign file where the database should be: opening fails
 * with LB_ERROR_CORRUPT and a message that says where the file went; the
 * file is kept byte for byte; the next open starts with an empty
 * database; and restoring the backup brings the observations back. */

#include "config.h"
#include "store-test-util.h"

#include <string.h>

typedef enum {
  CASE_TEXT,
  CASE_PNG,
  CASE_RANDOM,
  CASE_TRUNCATED,
  CASE_GARBAGE_PAGES,
  CASE_GARBAGE_AFTER_PAGE_1,
  CASE_GARBAGE_DATA_PAGES,
  CASE_OTHER_APP,
} Case;

static void
random_bytes (guint8 *data, gsize len, guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
}

/* A database in use by another program: valid sqlite, not ours. */
static GBytes *
other_app_db (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "places.sqlite", NULL);
  sqlite3 *db = store_raw_open (path);
  g_assert_cmpint (store_raw_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                   "INSERT INTO moz_places (url) VALUES ('https://example.org/');", NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return store_read_file (path);
}

static GBytes *
make_bad_file (Case c, GBytes *good, const char *dir)
{
  gsize len;
  const guint8 *db = g_bytes_get_data (good, &len);
  g_assert_cmpuint (len, >, 8 * 4096);
  guint8 *out;
  switch (c)
    {
    case CASE_TEXT:
      {
        const char *text = "Boodschappen:\n- melk\n- brood\n- 3 schriften voor groep 5\n";
        return g_bytes_new (text, strlen (text));
      }
    case CASE_PNG:
      out = g_malloc (4096);
      random_bytes (out, 4096, 1);
      memcpy (out, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
      return g_bytes_new_take (out, 4096);
    case CASE_RANDOM:
      out = g_malloc (65536);
      random_bytes (out, 65536, 2);
      return g_bytes_new_take (out, 65536);
    case CASE_TRUNCATED:
      /* a copy that stopped halfway */
      return g_bytes_new (db, len / 2);
    case CASE_GARBAGE_PAGES:
      /* the 100-byte header intact, everything after it overwritten */
      out = g_malloc (len);
      random_bytes (out, len, 3);
      memcpy (out, db, 100);
      return g_bytes_new_take (out, len);
    case CASE_GARBAGE_AFTER_PAGE_1:
      out = g_memdup2 (db, len);
      random_bytes (out + 4096, len - 4096, 4);
      return g_bytes_new_take (out, len);
    case CASE_GARBAGE_DATA_PAGES:
      /* the schema readable, the last pages (the latest rows) overwritten */
      out = g_memdup2 (db, len);
      random_bytes (out + len - 4 * 4096, 4 * 4096, 5);
      return g_bytes_new_take (out, len);
    case CASE_OTHER_APP:
      return other_app_db (dir);
    }
  g_assert_not_reached ();
}

static void
test_damaged (StoreFixture *f, gconstpointer data)
{
  Case c = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  /* A day's work, a backup of it, and the file closed cleanly. */
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Daan Smit", "Ingrid Mulder", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, obs);
  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_autoptr(GBytes) good = store_read_file (f->path);

  g_autoptr(GBytes) bad = make_bad_file (c, good, f->dir);
  store_write_file (f->path, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));

  store = lb_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  gboolean foreign = c <= CASE_RANDOM || c == CASE_OTHER_APP;
  g_autofree char *aside = store_find_aside (f->path, foreign ? "foreign" : "damaged");
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_nonnull (strstr (error->message, "lesbezoek restore"));
  g_clear_error (&error);

  /* Kept exactly as it was; nothing left in its place. */
  g_autoptr(GBytes) kept = store_read_file (aside);
  g_assert_true (g_bytes_equal (kept, bad));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* Start again: an empty database. */
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lb_store_count (store), ==, 0);
  g_clear_object (&store);

  /* Restore the backup: the observation is back, the damaged file still kept. */
  g_autoptr(GPtrArray) backups = lb_store_list_backups (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_autofree char *moved = NULL;
  g_assert_true (lb_store_restore (f->path, backups->pdata[0], &moved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lb_store_count (store), ==, 1);
  g_autoptr(LbObservation) back = lb_store_load (store, obs->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->scores->len, ==, 6);
  g_assert_cmpuint (back->notes->len, ==, 3);
  g_clear_object (&store);
  store_assert_integrity (f->path);
  g_autoptr(GBytes) still = store_read_file (aside);
  g_assert_true (g_bytes_equal (still, bad));
}

/* What a crash right after creating the file leaves: not damage. */
static void
test_empty_file (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  store_write_file (f->path, "", 0);
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_STORE_SCHEMA_VERSION);
  g_autofree char *aside = store_find_aside (f->path, "damaged");
  g_assert_null (aside);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  const char *names[] = {
    "text", "png", "random", "truncated", "garbage-pages", "garbage-after-page-1",
    "garbage-data-pages", "other-app",
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/damaged/%s", names[i]);
      g_test_add (path, StoreFixture, GINT_TO_POINTER (i), store_fixture_setup, test_damaged,
                  store_fixture_teardown);
    }
  g_test_add ("/store/damaged/empty-file", StoreFixture, NULL, store_fixture_setup, test_empty_file,
              store_fixture_teardown);
  return g_test_run ();
}
