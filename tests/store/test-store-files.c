/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* The files the store leaves on the device: private permissions on all of
 * them, rotating daily backups that restore, and an erasure that leaves
 * no trace of a person in any table, backup or byte of the file. */

#include "config.h"
#include "store-test-util.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static char *
sibling (const char *path, const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
assert_mode (const char *path, guint mode)
{
  guint have = store_file_mode (path);
  if (have != mode)
    g_error ("%s has mode %04o, not %04o", path, have, mode);
}

/* umask 0, so that only what the store asks for counts. */
static void
test_permissions (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *shm = sibling (f->path, "-shm");

  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Eva Koster", "Ruud Meijer", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, obs);
  assert_mode (dir, 0700);
  assert_mode (f->path, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_assert_no_error (error);
  g_autofree char *backup_dir = lb_store_backup_dir (f->path);
  assert_mode (backup_dir, 0700);
  g_autoptr(GPtrArray) backups = lb_store_list_backups (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  assert_mode (backups->pdata[0], 0600);
  g_autoptr(GDir) d = g_dir_open (backup_dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (d));)
    g_assert_true (g_str_has_suffix (name, ".backup"));  /* no .part or journal left */

  g_autoptr(LbExchange) ex = lb_store_export (store, NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_autofree char *export = g_build_filename (f->dir, "observaties.xml", NULL);
  g_assert_true (lb_exchange_write (ex, export, &error));
  g_assert_no_error (error);
  assert_mode (export, 0600);

  g_clear_object (&store);
  assert_mode (f->path, 0600);
  g_autofree char *aside = NULL;
  g_assert_true (lb_store_restore (f->path, backups->pdata[0], &aside, &error));
  g_assert_no_error (error);
  assert_mode (f->path, 0600);
  assert_mode (aside, 0600);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) after = lb_store_load (store, obs->uuid, &error);
  g_assert_no_error (error);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);
  umask (old_umask);
}

/* ---- backups ---- */

static char *
dated_backup (const char *db_path, const char *day)
{
  g_autofree char *dir = lb_store_backup_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *name = g_strdup_printf ("%s.%s.backup", base, day);
  return g_build_filename (dir, name, NULL);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
test_backups (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Eva Koster", "Ruud Meijer", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, obs);

  /* One a day: the second call of the day keeps the first backup. */
  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_autofree char *day = today ();
  g_autofree char *todays = dated_backup (f->path, day);
  g_assert_true (g_file_test (todays, G_FILE_TEST_EXISTS));
  g_autoptr(GBytes) first = store_read_file (todays);
  g_autofree char *late = lb_store_add_note (store, obs->uuid, 0, 44, "Na de backup geschreven.", &error);
  g_assert_no_error (error);
  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_autoptr(GBytes) second = store_read_file (todays);
  g_assert_true (g_bytes_equal (first, second));
  g_autoptr(GPtrArray) one = lb_store_list_backups (f->path);
  g_assert_cmpuint (one->len, ==, 1);

  /* Ten earlier days and today's not yet made: today's plus the six newest stay. */
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *old_day = g_strdup_printf ("2025-01-%02u", i);
      g_autofree char *old = dated_backup (f->path, old_day);
      store_write_file (old, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
    }
  g_autofree char *backup_dir = lb_store_backup_dir (f->path);
  g_autofree char *stranger = g_build_filename (backup_dir, "andere.db.2024-01-01.backup", NULL);
  store_write_file (stranger, "x", 1);
  g_assert_cmpint (g_unlink (todays), ==, 0);
  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_assert_no_error (error);
  g_autoptr(GPtrArray) kept = lb_store_list_backups (f->path);
  g_assert_cmpuint (kept->len, ==, 7);
  g_assert_cmpstr (kept->pdata[0], ==, todays);
  for (guint i = 1; i < 7; i++)
    {
      g_autofree char *old_day = g_strdup_printf ("2025-01-%02u", 11 - i);
      g_autofree char *want = dated_backup (f->path, old_day);
      g_assert_cmpstr (kept->pdata[i], ==, want);
    }
  g_assert_true (g_file_test (stranger, G_FILE_TEST_EXISTS));

  /* Restore today's: the note written after it is gone from the database,
   * and kept in the copy that was moved aside. */
  g_autoptr(LbObservation) before = lb_store_load (store, obs->uuid, &error);
  g_clear_object (&store);
  g_autofree char *aside = NULL;
  g_assert_true (lb_store_restore (f->path, todays, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) restored = lb_store_load (store, obs->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->notes->len, ==, before->notes->len);  /* taken after the note */
  g_assert_cmpuint (restored->scores->len, ==, 6);
  g_clear_object (&store);
  store_assert_integrity (f->path);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM note WHERE uuid = '%s'", late);
  g_assert_cmpint (store_count_rows (aside, sql), ==, 1);

  /* An older one, taken before the note. */
  g_autofree char *aside2 = NULL;
  g_autoptr(GPtrArray) all = lb_store_list_backups (f->path);
  g_assert_true (lb_store_restore (f->path, all->pdata[1], &aside2, &error));
  g_assert_no_error (error);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) older = lb_store_load (store, obs->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (older->notes->len, ==, before->notes->len - 1);
  g_clear_object (&store);

  /* Not a backup: refused, and the database stays. */
  g_autoptr(GBytes) current = store_read_file (f->path);
  g_autofree char *aside3 = NULL;
  g_assert_false (lb_store_restore (f->path, stranger, &aside3, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_CORRUPT);
  g_assert_null (aside3);
  g_autoptr(GBytes) still = store_read_file (f->path);
  g_assert_true (g_bytes_equal (current, still));
}

/* ---- erasure ---- */

#define ERASED "Xander Quist"

/* Every column of every table, for any of the given strings. */
static void
assert_no_trace (const char *path, GPtrArray *needles)
{
  sqlite3 *db = store_raw_open (path);
  sqlite3_stmt *tables;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1,
                                       &tables, NULL), ==, SQLITE_OK);
  guint n_tables = 0;
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
      sqlite3_stmt *cols;
      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &cols, NULL), ==, SQLITE_OK);
      while (sqlite3_step (cols) == SQLITE_ROW)
        for (guint i = 0; i < needles->len; i++)
          {
            g_autofree char *sql = g_strdup_printf (
              "SELECT count(*) FROM \"%s\" WHERE instr (CAST (\"%s\" AS BLOB), CAST ('%s' AS BLOB)) > 0",
              table, sqlite3_column_text (cols, 0), (char *) needles->pdata[i]);
            if (store_raw_int (db, sql) != 0)
              g_error ("%s.%s still holds %s", table, sqlite3_column_text (cols, 0), (char *) needles->pdata[i]);
          }
      sqlite3_finalize (cols);
      n_tables++;
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  g_assert_cmpuint (n_tables, >=, 13);
}

static void
test_erase (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) x1 = store_test_new_draft (store, ERASED, "Olga Prins", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, x1);
  g_autoptr(LbPerson) xander = lb_person_copy (x1->starter);
  g_free (xander->board), xander->board = g_strdup ("Bestuur Quist-Erasmus");
  g_assert_true (lb_store_update_person (store, xander, &error));
  g_autoptr(LbObservation) m1 = store_test_new_draft (store, "Mila Jansen", "Olga Prins", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, m1);

  /* A final one of each, and a self-assessment of the one to be erased. */
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (xander);
  draft->observer = lb_person_copy (xander);
  draft->observer_role = LB_ROLE_STARTER;
  draft->purpose = LB_PURPOSE_ZELFBEOORDELING;
  g_autoptr(LbObservation) x2 = lb_store_create_observation (store, draft, store_test_instrument (), &error);
  g_assert_no_error (error);
  g_autofree char *x2_note = lb_store_add_note (store, x2->uuid, 0, 1, "Ik, " ERASED ", vond het spannend.", &error);
  g_assert_true (lb_store_finalize (store, x2->uuid, ERASED, &error));
  g_assert_true (lb_store_acknowledge (store, x2->uuid, "Gezien", &error));
  g_assert_true (lb_store_add_addendum (store, x2->uuid, ERASED, "Aanvulling van " ERASED, &error));
  g_assert_true (lb_store_finalize (store, m1->uuid, "Olga Prins", &error));
  g_assert_no_error (error);

  /* What lesbezoek sync keeps beside them: a flag whose reason names the
   * person, and the account of a tablet the person synced as. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO sync_observation (uuid, flag, reason, updated_at) VALUES ('%s', 'unknown', "
      "'Quist is not known in the shared dossier', '2026-11-26T10:00:00.000Z');"
      "INSERT INTO sync_account (server, login, person_uuid) VALUES ('db.bestuur.nl', 'xq', '%s');",
      x1->uuid, xander->uuid);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  /* Backups that hold the person, today's and an older one. */
  g_assert_true (lb_store_backup_daily (store, 7, &error));
  g_assert_no_error (error);
  g_autoptr(GPtrArray) backups = lb_store_list_backups (f->path);
  g_autofree char *old = dated_backup (f->path, "2025-01-01");
  g_autoptr(GBytes) copy = store_read_file (backups->pdata[0]);
  store_write_file (old, g_bytes_get_data (copy, NULL), g_bytes_get_size (copy));
  g_assert_true (store_file_contains (old, ERASED));

  /* Everything that identifies the person or their observations. */
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (needles, g_strdup (ERASED));
  g_ptr_array_add (needles, g_strdup ("Quist"));
  g_ptr_array_add (needles, g_strdup (xander->uuid));
  g_ptr_array_add (needles, g_strdup (x1->uuid));
  g_ptr_array_add (needles, g_strdup (x2->uuid));
  g_ptr_array_add (needles, g_strdup (x2_note));
  g_autoptr(LbObservation) x1_full = lb_store_load (store, x1->uuid, &error);
  for (guint i = 0; i < x1_full->notes->len; i++)
    g_ptr_array_add (needles, g_strdup (((LbNote *) x1_full->notes->pdata[i])->uuid));

  g_assert_true (lb_store_erase_person (store, xander->uuid, &error));
  g_assert_no_error (error);

  assert_no_trace (f->path, needles);
  g_autofree char *wal = sibling (f->path, "-wal");
  g_autofree char *shm = sibling (f->path, "-shm");
  const char *files[] = { f->path, wal, shm };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint j = 0; j < 2; j++)
      if (store_file_contains (files[i], needles->pdata[j]))
        g_error ("%s still contains the bytes “%s”", files[i], (char *) needles->pdata[j]);

  /* The backups: the old ones gone, a new one without the person. */
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_autoptr(GPtrArray) now = lb_store_list_backups (f->path);
  g_assert_cmpuint (now->len, ==, 1);
  g_assert_false (store_file_contains (now->pdata[0], ERASED));
  g_assert_false (store_file_contains (now->pdata[0], "Quist"));
  assert_no_trace (now->pdata[0], needles);

  /* The others untouched, their final observation still verifying. */
  g_assert_cmpuint (lb_store_count (store), ==, 1);
  g_autoptr(LbObservation) mila = lb_store_load (store, m1->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mila->scores->len, ==, 6);
  guint n = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (store, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (bad->len, ==, 0);
  g_autoptr(GPtrArray) people = lb_store_list_people (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 3);  /* Mila, and the coach twice (added per draft) */
  g_autoptr(LbPerson) gone = lb_store_find_person (store, ERASED, &error);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* and the guard is back on */
  g_assert_false (lb_store_set_score (store, m1->uuid, 0, store_test_item (0), NULL, TRUE, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FINAL);
  g_clear_error (&error);

  g_clear_object (&store);
  for (guint j = 0; j < 2; j++)
    g_assert_false (store_file_contains (f->path, needles->pdata[j]));
  store_assert_integrity (f->path);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  g_test_add ("/store/files/permissions", StoreFixture, NULL, store_fixture_setup, test_permissions,
              store_fixture_teardown);
  g_test_add ("/store/files/backups", StoreFixture, NULL, store_fixture_setup, test_backups,
              store_fixture_teardown);
  g_test_add ("/store/files/erase-person", StoreFixture, NULL, store_fixture_setup, test_erase,
              store_fixture_teardown);
  return g_test_run ();
}
