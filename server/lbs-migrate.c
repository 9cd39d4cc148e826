/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lesbezoek-server"

/* Forward-only schema steps, like the tablets' local store: each step is
 * one SQL file, applied in its own transaction, that records its number
 * in lesbezoek.schema_version as its last statement. The files are
 * compiled into the binary, so the tool and its schema cannot drift apart;
 * they are the same files a DBA may feed to `psql -1 -f` instead. */

#include "lbs.h"

#include <stdlib.h>
#include <string.h>

#define MIGRATIONS "/nl/lesbezoek/server/migrations"

/* A session lock so that two `init`s at once apply each step once. */
#define MIGRATE_LOCK "SELECT pg_advisory_lock(8, 0)"
#define MIGRATE_UNLOCK "SELECT pg_advisory_unlock(8, 0)"

static int
step_number (const char *name)
{
  char *end = NULL;
  long n = strtol (name, &end, 10);
  return end != name && *end == '-' && n > 0 && n < 10000 ? (int) n : 0;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return step_number (*(char **) a) - step_number (*(char **) b);
}

static GStrv
list_steps (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS, 0, NULL);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  for (guint i = 0; names && names[i]; i++)
    if (step_number (names[i]) > 0 && g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (steps, g_strdup (names[i]));
  g_ptr_array_sort (steps, compare_names);
  g_ptr_array_add (steps, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&steps), FALSE);
}

int
lbs_latest_version (void)
{
  g_auto(GStrv) steps = list_steps ();
  guint n = g_strv_length (steps);
  return n ? step_number (steps[n - 1]) : 0;
}

/* 0 for a database without the schema, -1 and error when it cannot be read. */
int
lbs_schema_version (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) exists = lbs_exec (conn, error,
    "SELECT to_regclass('lesbezoek.schema_version') IS NOT NULL", 0);
  if (exists == NULL)
    return -1;
  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return 0;
  g_autoptr(PGresult) res = lbs_exec (conn, error,
    "SELECT coalesce(max(version), 0) FROM lesbezoek.schema_version", 0);
  return res ? atoi (PQgetvalue (res, 0, 0)) : -1;
}

static gboolean
apply_step (PGconn *conn, const char *name, GError **error)
{
  g_autofree char *path = g_build_path ("/", MIGRATIONS, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  if (bytes == NULL)
    return FALSE;
  g_autofree char *sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!lbs_run (conn, error, "BEGIN", 0))
    return FALSE;
  /* the simple protocol: a step is many statements */
  g_autoptr(PGresult) res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (PQresultErrorMessage (res)));
      g_set_error (error, LBS_ERROR, LBS_ERROR_SQL, "schema step %s failed: %s", name, msg);
      g_autoptr(PGresult) rollback = PQexec (conn, "ROLLBACK");
      return FALSE;
    }
  g_autoptr(GError) local = NULL;
  int now = lbs_schema_version (conn, &local);
  if (now != step_number (name))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_SQL,
                   "schema step %s did not record itself in schema_version", name);
      g_autoptr(PGresult) rollback = PQexec (conn, "ROLLBACK");
      return FALSE;
    }
  return lbs_run (conn, error, "COMMIT", 0);
}

static gboolean
migrate_locked (PGconn *conn, int *from, int *to, GError **error)
{
  int version = lbs_schema_version (conn, error);
  if (version < 0)
    return FALSE;
  *from = *to = version;
  int latest = lbs_latest_version ();
  if (version > latest)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_TOO_NEW,
                   "the database has schema version %d; this lesbezoek-server knows only up to %d "
                   "(install a newer one)", version, latest);
      return FALSE;
    }
  g_auto(GStrv) steps = list_steps ();
  for (guint i = 0; steps[i]; i++)
    {
      if (step_number (steps[i]) <= version)
        continue;
      if (!apply_step (conn, steps[i], error))
        return FALSE;
      *to = step_number (steps[i]);
    }
  return TRUE;
}

/* Bring the database up to the latest step. from and to tell what was done. */
gboolean
lbs_migrate (PGconn *conn, int *from, int *to, GError **error)
{
  g_return_val_if_fail (conn != NULL, FALSE);
  int dummy_from, dummy_to;
  from = from ? from : &dummy_from;
  to = to ? to : &dummy_to;
  if (!lbs_run (conn, error, MIGRATE_LOCK, 0))
    return FALSE;
  gboolean ok = migrate_locked (conn, from, to, error);
  g_autoptr(PGresult) unlock = PQexec (conn, MIGRATE_UNLOCK);
  return ok;
}
