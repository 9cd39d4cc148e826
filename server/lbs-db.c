/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lesbezoek-server"

#include "lbs.h"

#include <string.h>

G_DEFINE_QUARK (lbs-error-quark, lbs_error)

static const char *group_roles[][2] = {
  { "assessor", "lb_assessor" },
  { "coach", "lb_coach" },
  { "school-leader", "lb_school_leader" },
  { "starter", "lb_starter" },
  { "board-admin", "lb_board_admin" },
};

/* The group role of a role name as the app writes it ("school-leader");
 * underscores are accepted too. NULL when there is no such role. */
const char *
lbs_group_role (const char *role)
{
  g_return_val_if_fail (role != NULL, NULL);
  g_autofree char *dashed = g_strdelimit (g_strdup (role), "_", '-');
  for (guint i = 0; i < G_N_ELEMENTS (group_roles); i++)
    if (g_str_equal (dashed, group_roles[i][0]))
      return group_roles[i][1];
  return NULL;
}

/* A superuser connection: only a superuser may create the roles and see
 * past the policies it has to manage. */
PGconn *
lbs_connect_admin (const char *conninfo, GError **error)
{
  const char *keys[] = { "dbname", "connect_timeout", "application_name", NULL };
  const char *values[] = { conninfo ? conninfo : "", "10", "lesbezoek-server", NULL };
  g_autoptr(PGconn) conn = PQconnectdbParams (keys, values, TRUE);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (PQerrorMessage (conn)));
      g_set_error (error, LBS_ERROR, LBS_ERROR_CONNECT, "cannot connect to the database: %s", msg);
      return NULL;
    }
  const char *super = PQparameterStatus (conn, "is_superuser");
  if (super == NULL || !g_str_equal (super, "on"))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_NOT_SUPERUSER,
                   "%s is not a superuser; run lesbezoek-server as the database superuser "
                   "(on the server: sudo -u postgres lesbezoek-server …)", PQuser (conn));
      return NULL;
    }
  g_autoptr(PGresult) res = PQexec (conn, "SET client_min_messages = warning");
  return g_steal_pointer (&conn);
}

static PGresult *
exec_va (PGconn *conn, GError **error, const char *sql, int n_params, va_list args)
{
  const char *params[16];
  g_assert (n_params >= 0 && n_params <= (int) G_N_ELEMENTS (params));
  for (int i = 0; i < n_params; i++)
    params[i] = va_arg (args, const char *);
  g_autoptr(PGresult) res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType st = PQresultStatus (res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (PQresultErrorMessage (res)));
      g_set_error (error, LBS_ERROR, LBS_ERROR_SQL, "%s", msg);
      return NULL;
    }
  return g_steal_pointer (&res);
}

/* PQexecParams with the parameters as the variadic strings (NULL = SQL
 * NULL); NULL and a GError when the statement failed. */
PGresult *
lbs_exec (PGconn *conn, GError **error, const char *sql, int n_params, ...)
{
  va_list args;
  va_start (args, n_params);
  PGresult *res = exec_va (conn, error, sql, n_params, args);
  va_end (args);
  return res;
}

gboolean
lbs_run (PGconn *conn, GError **error, const char *sql, int n_params, ...)
{
  va_list args;
  va_start (args, n_params);
  g_autoptr(PGresult) res = exec_va (conn, error, sql, n_params, args);
  va_end (args);
  return res != NULL;
}

char *
lbs_quote_ident (PGconn *conn, const char *ident)
{
  char *q = PQescapeIdentifier (conn, ident, strlen (ident));
  char *copy = g_strdup (q);
  PQfreemem (q);
  return copy;
}
