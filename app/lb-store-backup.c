/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Rotating backups with sqlite's online backup API, and restoring one. A
 * restore never overwrites: the current database is moved aside first. */

#include "config.h"
#include "lb-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

char *
lb_store_backup_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

gboolean
lb_store_backup (LbStore *self, const char *dest, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && dest, FALSE);
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  sqlite3 *out = NULL;
  g_remove (tmp);
  int fd = g_open (tmp, O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot create the backup %s: %s"),
                        dest, g_strerror (errno)), FALSE;
  close (fd);
  int rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init (out, "main", self->db, "main") : NULL;
  if (b)
    {
      rc = sqlite3_backup_step (b, -1);
      sqlite3_backup_finish (b);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  else if (rc == SQLITE_OK)
    rc = sqlite3_errcode (out);
  sqlite3_close_v2 (out);
  if (rc != SQLITE_OK || g_rename (tmp, dest) != 0)
    {
      g_remove (tmp);
      lb_store_set_error (self, error, rc ? rc : SQLITE_IOERR, _("making a backup"));
      return FALSE;
    }
  return TRUE;
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  return -g_strcmp0 (*(char **) a, *(char **) b);
}

GPtrArray *
lb_store_list_backups (const char *db_path)
{
  g_autofree char *dir = lb_store_backup_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".backup"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, newest_first);
  return files;
}

/* One backup a day, taken at the first opening of that day; @keep kept. */
gboolean
lb_store_backup_daily (LbStore *self, guint keep, GError **error)
{
  g_autofree char *dir = lb_store_backup_dir (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s.%s.backup", base, day);
  g_autofree char *dest = g_build_filename (dir, name, NULL);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot create the folder %s: %s"),
                        dir, g_strerror (errno)), FALSE;
  /* Never rotate a good backup out for a copy of a damaged database. */
  if (!lb_store_check_pages (self, NULL))
    return g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT,
                        _("The database is damaged, so no backup was made. Restore a backup with "
                          "“lesbezoek restore”.")), FALSE;
  if (!lb_store_backup (self, dest, error))
    return FALSE;
  g_autoptr(GPtrArray) all = lb_store_list_backups (self->path);
  for (guint i = keep; i < all->len; i++)
    g_remove (all->pdata[i]);
  return TRUE;
}

gboolean
lb_store_restore (const char *db_path, const char *backup, char **moved_aside, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents (backup, &contents, &len, &local))
    return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot read the backup: %s"), local->message), FALSE;
  if (len < 16 || memcmp (contents, "SQLite format 3", 16) != 0)
    return g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT, _("%s is not a Lesbezoek backup"), backup), FALSE;
  g_autofree char *aside = NULL;
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      aside = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
      /* Two restores within a second must not let rename() replace the
       * first copy kept aside. */
      for (guint i = 1; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
        {
          g_free (aside);
          aside = g_strdup_printf ("%s.before-restore-%s-%u", db_path, stamp, i);
        }
      if (g_rename (db_path, aside) != 0)
        return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot move the current database aside: %s"),
                            g_strerror (errno)), FALSE;
      const char *suffixes[] = { "-wal", "-shm" };
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
          if (g_file_test (from, G_FILE_TEST_EXISTS))
            g_rename (from, to);
        }
    }
  if (!g_file_set_contents_full (db_path, contents, len, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, &local))
    {
      /* Say where the database went, or the user would think it lost. */
      if (aside)
        g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot restore the backup: %s. The database as it "
                                                     "was is kept as %s."), local->message, aside);
      else
        g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot restore the backup: %s"), local->message);
      return FALSE;
    }
  if (moved_aside)
    *moved_aside = g_steal_pointer (&aside);
  return TRUE;
}
