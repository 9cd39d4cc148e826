/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lesbezoek-server"

/* `lesbezoek-server user …`: one PostgreSQL login role per person, the
 * group roles they hold, and their assignments to starters. Passwords are
 * turned into SCRAM verifiers here, in the client, so the clear text is
 * never sent to the server nor written to its log. */

#include "lbs.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static gboolean
valid_login (const char *login)
{
  if (!g_regex_match_simple ("^[a-z][a-z0-9_.-]{0,62}$", login, 0, 0))
    return FALSE;
  /* never one of ours or of PostgreSQL's */
  return !g_str_has_prefix (login, "lb_") && !g_str_has_prefix (login, "pg_");
}

static char *
read_password (gboolean from_stdin, GError **error)
{
  gboolean tty = !from_stdin && isatty (STDIN_FILENO);
  if (!from_stdin && !tty)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID,
                   "give --password-stdin (the password on standard input) or --no-password");
      return NULL;
    }
  struct termios saved, quiet;
  if (tty)
    {
      fputs ("Password: ", stderr);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  char line[1024];
  char *got = fgets (line, sizeof line, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      fputs ("\n", stderr);
    }
  if (got == NULL || (line[strcspn (line, "\r\n")] = '\0', strlen (line) < 8))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "a password needs at least 8 characters");
      return NULL;
    }
  return g_strdup (line);
}

static char *
scram_clause (PGconn *conn, const char *login, const char *password, GError **error)
{
  char *verifier = PQencryptPasswordConn (conn, password, login, "scram-sha-256");
  if (verifier == NULL)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_SQL, "cannot encrypt the password: %s",
                   PQerrorMessage (conn));
      return NULL;
    }
  char *literal = PQescapeLiteral (conn, verifier, strlen (verifier));
  g_autofree char *clause = g_strdup_printf ("PASSWORD %s", literal);
  PQfreemem (literal);
  PQfreemem (verifier);
  return g_steal_pointer (&clause);
}

typedef struct {
  const char *name, *person, *school, *board;
  GStrv roles;
  const char *password_clause;   /* "PASSWORD '…'" or NULL */
} AddSpec;

/* The person of an existing Lesbezoek login, a new login and person, or an
 * error for a role that is not ours. */
static char *
ensure_login (PGconn *conn, const char *login, const AddSpec *spec, GError **error)
{
  g_autofree char *ident = lbs_quote_ident (conn, login);
  g_autoptr(PGresult) role = lbs_exec (conn, error, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, login);
  if (role == NULL)
    return NULL;
  if (PQntuples (role) > 0)
    {
      g_autoptr(PGresult) acct = lbs_exec (conn, error,
        "SELECT person FROM lesbezoek.account WHERE login = $1", 1, login);
      if (acct == NULL)
        return NULL;
      if (PQntuples (acct) == 0)
        {
          g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID,
                       "the PostgreSQL role %s exists and is not a Lesbezoek user", login);
          return NULL;
        }
      if (spec->password_clause != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("ALTER ROLE %s %s", ident, spec->password_clause);
          if (!lbs_run (conn, error, sql, 0))
            return NULL;
        }
      return g_strdup (PQgetvalue (acct, 0, 0));
    }
  if (spec->name == NULL)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "a new user needs --name");
      return NULL;
    }
  g_autofree char *sql = g_strdup_printf (
    "CREATE ROLE %s LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS %s",
    ident, spec->password_clause ? spec->password_clause : "");
  if (!lbs_run (conn, error, sql, 0))
    return NULL;
  g_autoptr(PGresult) person = lbs_exec (conn, error,
    "INSERT INTO lesbezoek.person (id, name, school, board) "
    "VALUES (coalesce($1::uuid, gen_random_uuid ()), $2, $3, $4) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name RETURNING id",
    4, spec->person, spec->name, spec->school, spec->board);
  if (person == NULL
      || !lbs_run (conn, error, "INSERT INTO lesbezoek.account (login, person) VALUES ($1, $2)",
                   2, login, PQgetvalue (person, 0, 0)))
    return NULL;
  return g_strdup (PQgetvalue (person, 0, 0));
}

static gboolean
user_add_tx (PGconn *conn, const char *login, const AddSpec *spec, GError **error)
{
  g_autofree char *person = ensure_login (conn, login, spec, error);
  if (person == NULL)
    return FALSE;
  g_autofree char *ident = lbs_quote_ident (conn, login);
  for (guint i = 0; spec->roles && spec->roles[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("GRANT %s TO %s", lbs_group_role (spec->roles[i]), ident);
      if (!lbs_run (conn, error, sql, 0))
        return FALSE;
      if (g_str_equal (lbs_group_role (spec->roles[i]), "lb_starter")
          && !lbs_run (conn, error, "UPDATE lesbezoek.person SET is_starter = true WHERE id = $1", 1, person))
        return FALSE;
    }
  g_print ("%s\t%s\n", login, person);
  return TRUE;
}

static gboolean
in_transaction (PGconn *conn, gboolean ok, GError **error)
{
  g_autoptr(PGresult) res = PQexec (conn, ok ? "COMMIT" : "ROLLBACK");
  if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_SQL, "%s", PQresultErrorMessage (res));
      return FALSE;
    }
  return ok;
}

static int
user_add (PGconn *conn, int argc, char **argv, GError **error)
{
  g_auto(GStrv) roles = NULL;
  g_autofree char *name = NULL, *person = NULL, *school = NULL, *board = NULL;
  gboolean password_stdin = FALSE, no_password = FALSE;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, "assessor, coach, school-leader, starter or board-admin (repeatable)", "ROLE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "The person's name", "NAME" },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, "The person's uuid on the tablets", "UUID" },
    { "school", 0, 0, G_OPTION_ARG_STRING, &school, "School", "SCHOOL" },
    { "board", 0, 0, G_OPTION_ARG_STRING, &board, "School board", "BOARD" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, "Read the password from standard input", NULL },
    { "no-password", 0, 0, G_OPTION_ARG_NONE, &no_password, "No password (client certificates only)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("LOGIN");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, error))
    return LBS_EXIT_USAGE;
  if (argc != 2 || !valid_login (argv[1]))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID,
                   "give one login name: lower case letters, digits, . _ -, not starting with lb_ or pg_");
      return LBS_EXIT_USAGE;
    }
  for (guint i = 0; roles && roles[i]; i++)
    if (lbs_group_role (roles[i]) == NULL)
      {
        g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "unknown role “%s”", roles[i]);
        return LBS_EXIT_USAGE;
      }
  if (person && !g_uuid_string_is_valid (person))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "--person needs a uuid");
      return LBS_EXIT_USAGE;
    }
  g_autofree char *password = no_password ? NULL : read_password (password_stdin, error);
  if (!no_password && password == NULL)
    return LBS_EXIT_USAGE;
  g_autofree char *clause = password ? scram_clause (conn, argv[1], password, error) : NULL;
  if (password && clause == NULL)
    return LBS_EXIT_FAILURE;
  AddSpec spec = { name, person, school, board, roles, clause };
  if (!lbs_run (conn, error, "BEGIN", 0))
    return LBS_EXIT_FAILURE;
  gboolean ok = user_add_tx (conn, argv[1], &spec, error);
  return in_transaction (conn, ok, error) ? LBS_EXIT_OK : LBS_EXIT_FAILURE;
}

/* The persons of an observer and a starter login, checking that each
 * holds the role the assignment is about. */
static gboolean
lookup_pair (PGconn *conn, const char *observer, const char *starter, const char *role,
             char **observer_id, char **starter_id, GError **error)
{
  g_autoptr(PGresult) res = lbs_exec (conn, error,
    "SELECT o.person, s.person, pg_has_role (o.login, $3, 'MEMBER'), "
    "       pg_has_role (s.login, 'lb_starter', 'MEMBER') "
    "  FROM lesbezoek.account o, lesbezoek.account s WHERE o.login = $1 AND s.login = $2",
    3, observer, starter, lbs_group_role (role));
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_NOT_FOUND,
                   "%s or %s is not a Lesbezoek user (add them with “user add”)", observer, starter);
      return FALSE;
    }
  if (!g_str_equal (PQgetvalue (res, 0, 2), "t") || !g_str_equal (PQgetvalue (res, 0, 3), "t"))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID,
                   "%s must hold the role %s and %s the role starter (see “user add --role”)",
                   observer, role, starter);
      return FALSE;
    }
  *observer_id = g_strdup (PQgetvalue (res, 0, 0));
  *starter_id = g_strdup (PQgetvalue (res, 0, 1));
  return TRUE;
}

static gboolean
assignment_role_valid (const char *role, GError **error)
{
  const char *group = role ? lbs_group_role (role) : NULL;
  if (group && (g_str_equal (group, "lb_assessor") || g_str_equal (group, "lb_coach")
                || g_str_equal (group, "lb_school_leader")))
    return TRUE;
  g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID,
               "--as needs assessor, coach or school-leader");
  return FALSE;
}

static char *
dashed_role (const char *role)
{
  return g_strdelimit (g_strdup (role), "_", '-');
}

static int
user_assign (PGconn *conn, int argc, char **argv, gboolean revoke, GError **error)
{
  g_autofree char *as = NULL, *role = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, "assessor, coach or school-leader", "ROLE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "revoke: take this group role from LOGIN", "ROLE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (revoke ? "OBSERVER STARTER --as ROLE | LOGIN --role ROLE"
                                                                : "OBSERVER STARTER --as ROLE");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, error))
    return LBS_EXIT_USAGE;
  if (revoke && role != NULL && argc == 2)
    {
      if (lbs_group_role (role) == NULL)
        {
          g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "unknown role “%s”", role);
          return LBS_EXIT_USAGE;
        }
      g_autofree char *ident = lbs_quote_ident (conn, argv[1]);
      g_autofree char *sql = g_strdup_printf ("REVOKE %s FROM %s", lbs_group_role (role), ident);
      return lbs_run (conn, error, sql, 0) ? LBS_EXIT_OK : LBS_EXIT_FAILURE;
    }
  if (argc != 3 || !assignment_role_valid (as, error))
    {
      if (error && *error == NULL)
        g_set_error (error, LBS_ERROR, LBS_ERROR_INVALID, "give OBSERVER STARTER --as ROLE");
      return LBS_EXIT_USAGE;
    }
  g_autofree char *kind = dashed_role (as);
  g_autofree char *observer = NULL, *starter = NULL;
  if (!revoke)
    {
      if (!lookup_pair (conn, argv[1], argv[2], kind, &observer, &starter, error))
        return LBS_EXIT_FAILURE;
      return lbs_run (conn, error,
                      "INSERT INTO lesbezoek.assignment (observer, starter, role) VALUES ($1, $2, $3) "
                      "ON CONFLICT (observer, starter, role) WHERE revoked_at IS NULL DO NOTHING",
                      3, observer, starter, kind) ? LBS_EXIT_OK : LBS_EXIT_FAILURE;
    }
  g_autoptr(PGresult) res = lbs_exec (conn, error,
    "UPDATE lesbezoek.assignment a SET revoked_at = now () "
    "  FROM lesbezoek.account o, lesbezoek.account s "
    " WHERE o.login = $1 AND s.login = $2 AND a.observer = o.person AND a.starter = s.person "
    "   AND a.role = $3 AND a.revoked_at IS NULL", 3, argv[1], argv[2], kind);
  if (res == NULL)
    return LBS_EXIT_FAILURE;
  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      g_set_error (error, LBS_ERROR, LBS_ERROR_NOT_FOUND, "%s is not assigned to %s as %s",
                   argv[1], argv[2], kind);
      return LBS_EXIT_FAILURE;
    }
  return LBS_EXIT_OK;
}

static int
user_list (PGconn *conn, GError **error)
{
  g_autoptr(PGresult) res = lbs_exec (conn, error,
    "SELECT a.login, p.id, p.name, "
    "       coalesce ((SELECT string_agg (replace (substr (g.rolname, 4), '_', '-'), ',' ORDER BY g.rolname) "
    "                   FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
    "                  WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = a.login) "
    "                    AND g.rolname LIKE 'lb\\_%'), ''), "
    "       coalesce ((SELECT string_agg (x.role || ':' || sa.login, ',' ORDER BY sa.login, x.role) "
    "                   FROM lesbezoek.assignment x JOIN lesbezoek.account sa ON sa.person = x.starter "
    "                  WHERE x.observer = p.id AND x.revoked_at IS NULL), '') "
    "  FROM lesbezoek.account a JOIN lesbezoek.person p ON p.id = a.person ORDER BY a.login", 0);
  if (res == NULL)
    return LBS_EXIT_FAILURE;
  for (int i = 0; i < PQntuples (res); i++)
    g_print ("%s\t%s\t%s\t%s\t%s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1),
             PQgetvalue (res, i, 2), PQgetvalue (res, i, 3), PQgetvalue (res, i, 4));
  return LBS_EXIT_OK;
}

int
lbs_cmd_user (const char *conninfo, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  if (argc < 2)
    {
      g_printerr ("usage: lesbezoek-server user add|assign|revoke|list …\n");
      return LBS_EXIT_USAGE;
    }
  const char *sub = argv[1];
  if (!g_str_equal (sub, "add") && !g_str_equal (sub, "assign")
      && !g_str_equal (sub, "revoke") && !g_str_equal (sub, "list"))
    {
      g_printerr ("lesbezoek-server user: unknown command “%s” (add, assign, revoke, list)\n", sub);
      return LBS_EXIT_USAGE;
    }
  g_autoptr(PGconn) conn = lbs_connect_admin (conninfo, &error);
  int status = LBS_EXIT_FAILURE;
  if (conn != NULL && lbs_schema_version (conn, &error) <= 0 && error == NULL)
    g_set_error (&error, LBS_ERROR, LBS_ERROR_NOT_INITIALIZED,
                 "the database has no Lesbezoek schema yet; run “lesbezoek-server init” first");
  else if (conn != NULL && error == NULL)
    {
      if (g_str_equal (sub, "add"))
        status = user_add (conn, argc - 1, argv + 1, &error);
      else if (g_str_equal (sub, "list"))
        status = user_list (conn, &error);
      else
        status = user_assign (conn, argc - 1, argv + 1, g_str_equal (sub, "revoke"), &error);
    }
  if (error != NULL)
    g_printerr ("lesbezoek-server user %s: %s\n", sub, error->message);
  return error ? (status == LBS_EXIT_OK ? LBS_EXIT_FAILURE : status) : status;
}
