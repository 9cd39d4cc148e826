/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Opening the database safely: private permissions, a damaged or foreign
 * file moved aside untouched, the schema migrated forward one step at a
 * time, and failures of the device (full, read-only) explained in words
 * a teacher can act on. */

#include "config.h"
#include "lb-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (LbStore, lb_store, G_TYPE_OBJECT)

#define LB_STORE_CHECK_ON_OPEN_BYTES (16 * 1024 * 1024)

static void
lb_store_object_finalize (GObject *object)
{
  LbStore *self = LB_STORE (object);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (lb_store_parent_class)->finalize (object);
}

static void
lb_store_class_init (LbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_store_object_finalize;
}

static void
lb_store_init (LbStore *self)
{
}

char *
lb_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lesbezoek", "lesbezoek.db", NULL);
}

const char *
lb_store_get_path (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  return self->path;
}

int
lb_store_get_schema_version (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), 0);
  return self->schema_version;
}

/* ---- errors ---- */

void
lb_store_set_error (LbStore *self, GError **error, int rc, const char *doing)
{
  int saved_errno = errno;
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  /* sqlite reports only ENOSPC as SQLITE_FULL; a file-size limit (EFBIG,
   * also FAT32's 4 GiB) or a quota (EDQUOT) arrives as a plain I/O error.
   * sqlite3_system_errno() stays 0 for a failed write to the WAL at
   * COMMIT, so fall back to errno, which still holds that write's error:
   * we are called straight after the failing sqlite call. */
  int sys = self && self->db ? sqlite3_system_errno (self->db) : 0;
  if (sys == 0)
    sys = saved_errno;
  if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG || sys == EDQUOT))
    rc = SQLITE_FULL;
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LB_ERROR, LB_ERROR_FULL,
                   _("The device is full, so this change was not saved (%s). Everything saved "
                     "before is safe. Free some space and try again."), doing);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, LB_ERROR, LB_ERROR_READ_ONLY,
                   _("The database cannot be written (%s: %s). Everything saved before is safe."),
                   doing, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT,
                   _("The database is damaged (%s: %s). Restore a backup with “lesbezoek restore”."),
                   doing, detail);
      break;
    case SQLITE_CONSTRAINT:
      if (detail && strstr (detail, "final observation"))
        g_set_error (error, LB_ERROR, LB_ERROR_FINAL,
                     _("This observation is final and cannot be changed; add an addendum instead."));
      else
        g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("%s is not possible: %s"), doing, detail);
      break;
    case SQLITE_IOERR:
      g_set_error (error, LB_ERROR, LB_ERROR_IO,
                   _("The device reported an error (%s: %s). Everything saved before is safe; try again."),
                   doing, detail);
      break;
    default:
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s failed: %s"), doing, detail);
    }
}

/* ---- small helpers ---- */

gboolean
lb_store_exec (LbStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      lb_store_set_error (self, error, rc, _("saving"));
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
lb_store_prepare (LbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      lb_store_set_error (self, error, rc, _("reading the database"));
      return NULL;
    }
  return stmt;
}

gboolean
lb_store_step_done (LbStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      lb_store_set_error (self, error, sqlite3_extended_errcode (self->db), _("saving"));
      return FALSE;
    }
  return TRUE;
}

/* XML 1.0 cannot carry C0 control characters other than tab, newline and
 * carriage return; a pasted form feed would make an observation
 * unexportable. They are turned into spaces on the way in. */
static char *
without_controls (const char *value)
{
  gboolean dirty = FALSE;
  for (const char *p = value; *p && !dirty; p++)
    dirty = ((guchar) *p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f;
  if (!dirty)
    return NULL;
  char *clean = g_strdup (value);
  for (char *p = clean; *p; p++)
    if (((guchar) *p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
      *p = *p == '\r' ? '\n' : ' ';
  return clean;
}

void
lb_store_bind_text (sqlite3_stmt *stmt, int index, const char *value)
{
  /* Empty means absent: one representation, so hashes agree everywhere. */
  if (value == NULL || *value == '\0')
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  char *clean = without_controls (value);
  if (clean)
    sqlite3_bind_text (stmt, index, clean, -1, g_free);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

char *
lb_store_column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *v = sqlite3_column_text (stmt, column);
  return v ? g_strdup ((const char *) v) : NULL;
}

gboolean
lb_store_begin (LbStore *self, GError **error)
{
  /* IMMEDIATE takes the write lock now, not halfway through. */
  return lb_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
lb_store_commit (LbStore *self, GError **error)
{
  int rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      lb_store_set_error (self, error, sqlite3_extended_errcode (self->db), _("saving"));
      lb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
lb_store_rollback (LbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
lb_store_audit_log (LbStore *self, const char *obs_uuid, const char *action,
                    const char *detail, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    lb_store_prepare (self, "INSERT INTO audit (at, observation_uuid, action, detail) VALUES (?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  lb_store_bind_text (stmt, 2, obs_uuid);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  lb_store_bind_text (stmt, 4, detail);
  return lb_store_step_done (self, stmt, error);
}

/* ---- opening ---- */

static gboolean
looks_like_sqlite (const char *path, gboolean *exists)
{
  char header[16] = { 0 };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  *exists = fd >= 0;
  if (fd < 0)
    return TRUE;
  ssize_t n = read (fd, header, sizeof header);
  close (fd);
  /* An empty file is what a crash right after creation leaves: fine. */
  return n == 0 || (n == 16 && memcmp (header, "SQLite format 3", 16) == 0);
}

/* Moves a damaged database (and its WAL) aside, never overwriting it. */
static char *
move_aside (const char *path, const char *why)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.%s-%s", path, why, stamp);
  for (guint i = 1; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.%s-%s-%u", path, why, stamp, i);
    }
  if (g_rename (path, aside) != 0)
    return g_free (aside), NULL;
  const char *suffixes[] = { "-wal", "-shm" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return aside;
}

static gboolean
set_corrupt_error (const char *path, gboolean foreign, GError **error)
{
  g_autofree char *aside = move_aside (path, foreign ? "foreign" : "damaged");
  if (aside == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT,
                   _("%s is not a readable Lesbezoek database, and it could not be moved aside: %s"),
                   path, g_strerror (errno));
      return FALSE;
    }
  g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT,
               foreign ? _("%s was not a Lesbezoek database. It has been kept, untouched, as %s. "
                           "Start again to begin with an empty database, or restore a backup with "
                           "“lesbezoek restore”.")
                       : _("The database %s is damaged. It has been kept, untouched, as %s. Start "
                           "again to begin with an empty database, or restore a backup with "
                           "“lesbezoek restore”."),
               path, aside);
  return FALSE;
}

static gboolean
prepare_location (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_READ_ONLY, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (errno));
      return FALSE;
    }
  /* Create the file ourselves so it is private from its first byte; sqlite
   * gives the WAL and shared-memory files the same permissions. */
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_READ_ONLY, _("Cannot open the database %s: %s"),
                   path, g_strerror (errno));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

static gboolean
migrate (LbStore *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lb_store_set_error (self, error, sqlite3_errcode (self->db), _("reading the database")), FALSE;
  int version = sqlite3_column_int (stmt, 0);
  /* A statement still open would lock the tables a step drops. */
  sqlite3_reset (stmt);
  for (; version < LB_STORE_SCHEMA_VERSION; version++)
    {
      /* Each step and its version number commit together, or not at all. */
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE;\n%sPRAGMA user_version = %d;\nCOMMIT;",
                                              lb_store_migrations[version], version + 1);
      int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          lb_store_set_error (self, error, rc, _("updating the database"));
          lb_store_rollback (self);
          return FALSE;
        }
    }
  self->schema_version = version;
  return TRUE;
}

/* Looks before writing anything: a database from a newer Lesbezoek, or
 * another program's sqlite file, must stay exactly as it is, and even
 * switching it to WAL would rewrite its header. */
static gboolean
check_version (LbStore *self, gboolean *foreign, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT user_version, (SELECT count(*) FROM sqlite_master) FROM pragma_user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lb_store_set_error (self, error, sqlite3_extended_errcode (self->db),
                               _("reading the database")), FALSE;
  int version = sqlite3_column_int (stmt, 0);
  if (version > LB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("This database was made by a newer version of Lesbezoek (schema %d); "
                     "update Lesbezoek to open it."), version);
      return FALSE;
    }
  /* Every step sets user_version in its own transaction, so tables at
   * version 0 were made by some other program. */
  if (version == 0 && sqlite3_column_int (stmt, 1) > 0)
    {
      *foreign = TRUE;
      g_set_error_literal (error, LB_ERROR, LB_ERROR_CORRUPT, "foreign");
      return FALSE;
    }
  /* Damaged pages are otherwise found only when a list or a save reaches
   * them; better to say so now, before anything is written. The check
   * reads every page (about 2 ms per MB), so a big database is checked by
   * the daily backup instead, which must not copy a damaged file anyway. */
  GStatBuf st;
  if (g_stat (self->path, &st) == 0 && st.st_size > LB_STORE_CHECK_ON_OPEN_BYTES)
    return TRUE;
  return lb_store_check_pages (self, error);
}

gboolean
lb_store_check_pages (LbStore *self, GError **error)
{
  g_autoptr(sqlite3_stmt) check = lb_store_prepare (self, "PRAGMA quick_check(1)", error);
  if (check == NULL)
    return FALSE;
  int rc = sqlite3_step (check);
  if (rc != SQLITE_ROW)
    return lb_store_set_error (self, error, sqlite3_extended_errcode (self->db),
                               _("reading the database")), FALSE;
  if (g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_CORRUPT, "damaged");
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure (LbStore *self, GError **error)
{
  /* WAL + synchronous=FULL: a commit is on disk when it returns. */
  return lb_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         lb_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         lb_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         lb_store_exec (self, "PRAGMA secure_delete = ON", error);
}

LbStore *
lb_store_open (const char *path, GError **error)
{
  g_autofree char *default_path = path ? NULL : lb_store_default_path ();
  gboolean exists;

  if (path == NULL)
    path = default_path;
  if (!looks_like_sqlite (path, &exists))
    return set_corrupt_error (path, TRUE, error), NULL;
  if (!prepare_location (path, error))
    return NULL;

  g_autoptr(LbStore) self = g_object_new (LB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  int rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      lb_store_set_error (self, error, rc, _("opening the database"));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  g_autoptr(GError) local = NULL;
  gboolean foreign = FALSE;
  if (!check_version (self, &foreign, &local) || !configure (self, &local) || !migrate (self, &local))
    {
      if (g_error_matches (local, LB_ERROR, LB_ERROR_CORRUPT))
        {
          sqlite3_close_v2 (self->db);
          self->db = NULL;
          return set_corrupt_error (path, foreign, error), NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&self);
}
