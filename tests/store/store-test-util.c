/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"
#include "store-test-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
store_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);
}

void
store_fixture_setup (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  f->dir = g_dir_make_tmp ("lb-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "data", "lesbezoek.db", NULL);
}

void
store_fixture_teardown (StoreFixture *f, gconstpointer data)
{
  store_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- the default instrument ---- */

static LbInstrument *instrument;
static GPtrArray *indicators;

LbInstrument *
store_test_instrument (void)
{
  if (instrument == NULL)
    {
      g_autoptr(GError) error = NULL;
      instrument = lb_instrument_load_default (&error);
      g_assert_no_error (error);
      indicators = g_ptr_array_new ();
      GPtrArray *items = lb_instrument_get_items (instrument);
      for (guint i = 0; i < items->len; i++)
        for (guint j = 0; j < lb_node_get_n_children (items->pdata[i]); j++)
          {
            LbNode *child = lb_node_get_child (items->pdata[i], j);
            if (lb_node_get_kind (child) == LB_NODE_INDICATOR)
              g_ptr_array_add (indicators, (gpointer) lb_node_get_id (child));
          }
      g_assert_cmpuint (lb_instrument_get_n_items (instrument), >, 3);
      g_assert_cmpuint (indicators->len, >, 3);
    }
  return instrument;
}

guint
store_test_n_items (void)
{
  return lb_instrument_get_n_items (store_test_instrument ());
}

const char *
store_test_item (guint index)
{
  GPtrArray *items = lb_instrument_get_items (store_test_instrument ());
  g_assert_cmpuint (index, <, items->len);
  return lb_node_get_id (items->pdata[index]);
}

static LbScale *
item_scale (const char *item_id)
{
  LbNode *node = lb_instrument_find_node (store_test_instrument (), item_id);
  g_assert_nonnull (node);
  /* A scale is inherited from the group or domain when the item has none. */
  for (; node; node = lb_node_get_parent (node))
    if (lb_node_get_scale (node))
      return lb_node_get_scale (node);
  g_assert_not_reached ();
}

guint
store_test_n_levels (const char *item_id)
{
  return lb_scale_get_n_levels (item_scale (item_id));
}

const char *
store_test_level (const char *item_id, guint index)
{
  return lb_scale_get_level (item_scale (item_id), index)->id;
}

guint
store_test_n_indicators (void)
{
  store_test_instrument ();
  return indicators->len;
}

const char *
store_test_indicator (guint index)
{
  store_test_instrument ();
  g_assert_cmpuint (index, <, indicators->len);
  return indicators->pdata[index];
}

/* ---- realistic content ---- */

LbPerson *
store_test_add_person (LbStore *store, const char *name, gboolean starter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : LB_ROLE_COACH;
  if (starter)
    {
      p->school = g_strdup ("OBS De Regenboog");
      p->board = g_strdup ("Stichting Primair Onderwijs Rivierenland");
      p->induction_start = g_strdup ("2025-08-25");
      p->induction_year = 1;
    }
  LbPerson *added = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  return added;
}

LbObservation *
store_test_new_draft (LbStore *store, const char *starter, const char *observer, LbPurpose purpose)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = store_test_add_person (store, starter, TRUE);
  draft->observer = store_test_add_person (store, observer, FALSE);
  draft->observer_role = purpose == LB_PURPOSE_SUMMATIEF ? LB_ROLE_ASSESSOR : LB_ROLE_COACH;
  draft->purpose = purpose;
  draft->date = g_strdup ("2025-11-26");
  draft->start_time = g_strdup ("09:15");
  draft->end_time = g_strdup ("10:00");
  draft->school = g_strdup ("OBS De Regenboog");
  draft->group = g_strdup ("groep 5/6");
  draft->pupils = 27;
  draft->subject = g_strdup ("rekenen");
  draft->lesson_goal = g_strdup ("Breuken vergelijken met een getallenlijn");
  draft->question = g_strdup ("Let op hoe ik de instructie afsluit.");
  LbObservation *obs = lb_store_create_observation (store, draft, store_test_instrument (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (obs);
  return obs;
}

/* Scores, a not-observed, marks, linked notes and a wrap-up: what a coach
 * leaves behind after one lesson. */
void
store_test_fill (LbStore *store, LbObservation *obs)
{
  g_autoptr(GError) error = NULL;
  for (guint i = 0; i < 6; i++)
    {
      const char *item = store_test_item (i);
      gboolean ok = i == 5 ? lb_store_set_score (store, obs->uuid, 0, item, NULL, TRUE,
                                                 "Geen groepswerk in deze les", &error)
                           : lb_store_set_score (store, obs->uuid, 0, item,
                                                 store_test_level (item, i % store_test_n_levels (item)),
                                                 FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (lb_store_set_mark (store, obs->uuid, 0, store_test_indicator (i), "yes", &error));
      g_assert_no_error (error);
    }
  const char *notes[] = {
    "Start om 9.15: kinderen komen rustig binnen, dagritme op het bord.",
    "Instructie aan de instructietafel voor vijf leerlingen; de rest werkt zelfstandig.",
    "Sluit af met een korte terugblik: \"wat weet je nu over breuken?\"",
  };
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *note = lb_store_add_note (store, obs->uuid, 0, (int) i * 10, notes[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (note);
      g_assert_true (lb_store_link_note (store, note, store_test_item (i), TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_TOPS, "Heldere instructie", &error));
  g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_TIPS, "Meer wachttijd na een vraag", &error));
  g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_AGREEMENTS,
                                     "Volgende keer let ik op de afsluiting", &error));
  g_assert_no_error (error);
}

/* ---- raw sqlite ---- */

sqlite3 *
store_raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

gint64
store_raw_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  gint64 v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

char *
store_raw_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  char *v = NULL;
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_text (st, 0))
    v = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return v;
}

int
store_raw_exec (sqlite3 *db, const char *sql, char **message)
{
  char *err = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &err);
  if (message)
    *message = g_strdup (err);
  sqlite3_free (err);
  return rc;
}

/* The full check, not the quick one: every index agrees with its table. */
void
store_assert_integrity (const char *path)
{
  sqlite3 *db = store_raw_open (path);
  g_autofree char *result = store_raw_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (result, ==, "ok");
  g_autofree char *fk = store_raw_text (db, "PRAGMA foreign_key_check");
  g_assert_null (fk);
  sqlite3_close (db);
}

gint64
store_count_rows (const char *path, const char *sql)
{
  sqlite3 *db = store_raw_open (path);
  gint64 n = store_raw_int (db, sql);
  sqlite3_close (db);
  return n;
}

/* ---- files ---- */

GBytes *
store_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

void
store_write_file (const char *path, const void *data, gsize len)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* Not g_file_set_contents_full (…, G_FILE_SET_CONTENTS_NONE, …): GLib 2.74
   * writes over an existing file in place without truncating it. */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data, len), ==, (gssize) len);
  g_assert_cmpint (close (fd), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      /* what sqlite kept beside the old file does not belong to the new one */
      g_autofree char *side = g_strconcat (path, i ? "-shm" : "-wal", NULL);
      g_unlink (side);
    }
}

guint
store_file_mode (const char *path)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  return st.st_mode & 07777;
}

gboolean
store_file_contains (const char *path, const char *needle)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  g_autoptr(GBytes) bytes = store_read_file (path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  return data && memmem (data, len, needle, strlen (needle)) != NULL;
}

void
store_rm_rf (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_chmod (path, 0700);  /* a test may have made it read-only */
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          store_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The file a damaged database was moved to: "<db>.<kind>-<stamp>". */
char *
store_find_aside (const char *db_path, const char *kind)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strdup_printf ("%s.%s-", base, kind);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (found);  /* exactly one */
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}
