/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lesbezoek-server"

/* lesbezoek-server [--db URL] init|status|user …
 * --db is a libpq connection string or URL; without it libpq's usual
 * environment (PGHOST, PGDATABASE, …) decides. */

#include "config.h"
#include "lbs.h"

#include <locale.h>
#include <string.h>

static int
cmd_init (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = lbs_connect_admin (conninfo, &error);
  int from = 0, to = 0;
  if (conn == NULL || !lbs_migrate (conn, &from, &to, &error))
    {
      g_printerr ("lesbezoek-server init: %s\n", error->message);
      return LBS_EXIT_FAILURE;
    }
  if (from == to)
    g_print ("schema version %d, up to date\n", to);
  else
    g_print ("schema version %d → %d\n", from, to);
  return LBS_EXIT_OK;
}

static int
cmd_status (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = lbs_connect_admin (conninfo, &error);
  int version = conn ? lbs_schema_version (conn, &error) : -1;
  if (version < 0)
    {
      g_printerr ("lesbezoek-server status: %s\n", error->message);
      return LBS_EXIT_FAILURE;
    }
  g_print ("schema version %d (this lesbezoek-server: %d)\n", version, lbs_latest_version ());
  return version == lbs_latest_version () ? LBS_EXIT_OK : LBS_EXIT_FAILURE;
}

static void
usage (void)
{
  g_printerr ("usage: lesbezoek-server [--db URL] COMMAND …\n"
              "  init                          create or bring up to date the schema\n"
              "  status                        show the schema version\n"
              "  user add LOGIN --name NAME --role ROLE… [--person UUID] [--school S] [--board B]\n"
              "           [--password-stdin | --no-password]\n"
              "  user assign OBSERVER STARTER --as assessor|coach|school-leader\n"
              "  user revoke OBSERVER STARTER --as ROLE   end an assignment\n"
              "  user revoke LOGIN --role ROLE            take a group role\n"
              "  user list\n"
              "ROLE: assessor, coach, school-leader, starter, board-admin.\n"
              "Run it as the database superuser, e.g. sudo -u postgres lesbezoek-server --db lesbezoek init\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  const char *conninfo = NULL;
  /* --db may come before or after the command */
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        conninfo = argv[++i];
      else if (g_str_has_prefix (argv[i], "--db="))
        conninfo = argv[i] + strlen ("--db=");
      else
        g_ptr_array_add (args, argv[i]);
    }
  g_ptr_array_add (args, NULL);
  char **av = (char **) args->pdata;
  int ac = (int) args->len - 1;
  if (ac < 2 || g_str_equal (av[1], "--help") || g_str_equal (av[1], "-h"))
    {
      usage ();
      return ac < 2 ? LBS_EXIT_USAGE : LBS_EXIT_OK;
    }
  if (g_str_equal (av[1], "--version"))
    {
      g_print ("lesbezoek-server %s (schema %d)\n", PACKAGE_VERSION, lbs_latest_version ());
      return LBS_EXIT_OK;
    }
  if (g_str_equal (av[1], "init"))
    return cmd_init (conninfo);
  if (g_str_equal (av[1], "status"))
    return cmd_status (conninfo);
  if (g_str_equal (av[1], "user"))
    return lbs_cmd_user (conninfo, ac - 1, av + 1);
  g_printerr ("lesbezoek-server: unknown command “%s”\n", av[1]);
  usage ();
  return LBS_EXIT_USAGE;
}
