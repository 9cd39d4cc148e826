/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* lesbezoek sync: the tablet and the board's shared dossier. The settings
 * given are remembered in the local database (never the password), so a
 * tablet is set up once and afterwards syncs with a bare `lesbezoek sync`. */

#include "config.h"
#include "lb-cli-private.h"
#include "lb-sync.h"
#include "lb-sync-resolve.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* Exit status when the server cannot be reached: a script retries later. */
#define EXIT_OFFLINE 3

typedef struct {
  char    *server, *dbname, *user, *ca, *cert, *key;
  char    *share;
  gboolean password_stdin;
  gboolean status;
  int      timeout;
  gboolean keep_mine, take_theirs, keep_both;
} SyncArgs;

static void
sync_args_clear (SyncArgs *a)
{
  g_free (a->server);
  g_free (a->dbname);
  g_free (a->user);
  g_free (a->ca);
  g_free (a->cert);
  g_free (a->key);
  g_free (a->share);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncArgs, sync_args_clear)

static char *
read_password (GError **error)
{
  char line[1024];
  if (fgets (line, sizeof line, stdin) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("no password on standard input"));
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  char *password = g_strdup (line);
  memset (line, 0, sizeof line);
  return password;
}

/* What was given on the command line replaces what was remembered. */
static LbSyncConfig *
merge_config (LbStore *store, SyncArgs *a, GError **error)
{
  g_autoptr(LbSyncConfig) given = lb_sync_config_new ();
  char *fields[] = { a->server, a->dbname, a->user, a->ca, a->cert, a->key };
  char **into[] = { &given->server, &given->dbname, &given->user, &given->ca_file, &given->cert_file,
                    &given->key_file };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    /* files are remembered by absolute path: the next sync may run elsewhere */
    *into[i] = fields[i] == NULL ? NULL
             : (i >= 3 && *fields[i]) ? g_canonicalize_filename (fields[i], NULL) : g_strdup (fields[i]);
  if (!lb_sync_config_save (store, given, error))
    return NULL;
  return lb_sync_config_load (store, error);
}

static void
print_issues (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    {
      LbSyncIssue *issue = issues->pdata[i];
      g_print ("  %s: %s\n", issue->uuid, issue->reason);
    }
}

static int
print_status (LbStore *store, const LbSyncConfig *cfg)
{
  g_autoptr(GError) error = NULL;
  LbSyncState state;
  g_autoptr(GPtrArray) issues = NULL;
  if (!lb_store_get_sync_state (store, &state, &error) ||
      (issues = lb_store_list_sync_issues (store, &error)) == NULL)
    {
      g_printerr ("lesbezoek sync: %s\n", error->message);
      return LB_EXIT_FAILED;
    }
  g_print (_("Server: %s, user %s\n"), cfg->server ? cfg->server : "-", cfg->user ? cfg->user : "-");
  if (state.last_sync)
    g_print (_("Last successful sync: %s\n"), state.last_sync);
  else
    g_print (_("Last successful sync: never\n"));
  g_print (_("Waiting to be sent: %u\n"), state.waiting);
  g_print (_("Needing attention: %u\n"), state.flagged);
  print_issues (issues);
  int status = state.flagged > 0 ? LB_EXIT_FAILED : LB_EXIT_OK;
  lb_sync_state_clear (&state);
  return status;
}

static int
print_report (LbSyncReport *r)
{
  g_print (_("Sent: %u new, %u already there, %u updated\n"), r->created, r->duplicate, r->updated);
  g_print (_("Received: %u, removed from this tablet: %u\n"), r->pulled, r->removed);
  if (r->additions_sent || r->additions_received)
    g_print (_("Addenda and acknowledgements: %u sent, %u received\n"), r->additions_sent,
             r->additions_received);
  g_print (_("Needing attention: %u refused, %u in conflict, %u not sent (revoked)\n"),
           r->refused, r->conflicts, r->revoked);
  print_issues (r->issues);
  return lb_sync_report_needs_attention (r) ? LB_EXIT_FAILED : LB_EXIT_OK;
}

static int
exit_status (GError *error)
{
  g_printerr ("lesbezoek sync: %s\n", error->message);
  if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE))
    return EXIT_OFFLINE;
  if (g_error_matches (error, LB_SYNC_ERROR, LB_SYNC_ERROR_CONFIG))
    return LB_EXIT_USAGE;
  return LB_EXIT_FAILED;
}

static int
run_sync (LbStore *store, LbSyncConfig *cfg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, NULL, NULL, NULL, &error);
  if (report)
    return print_report (report);
  return exit_status (error);
}

static int
run_share (LbStore *store, LbSyncConfig *cfg, const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = lb_store_resolve_uuid (store, prefix, &error);
  if (uuid == NULL || !lb_sync_share (cfg, uuid, NULL, &error))
    return exit_status (error);
  g_print (_("Shared %s with the people assigned to you\n"), uuid);
  return LB_EXIT_OK;
}

/* lesbezoek sync resolve UUID --keep-mine|--take-theirs|--keep-both */
static int
run_resolve (LbStore *store, LbSyncConfig *cfg, const char *prefix, LbSyncChoice choice)
{
  g_autoptr(GError) error = NULL;
  g_auto(LbSyncResolved) done = { 0 };
  g_autofree char *uuid = lb_store_resolve_uuid (store, prefix, &error);
  if (uuid == NULL || !lb_sync_resolve (store, cfg, uuid, choice, &done, NULL, &error))
    return exit_status (error);
  if (choice == LB_SYNC_KEEP_MINE)
    g_print (_("Kept this tablet's version of %s; the next sync sends it to the shared dossier\n"), uuid);
  else if (choice == LB_SYNC_TAKE_THEIRS)
    g_print (_("Took the shared dossier's version of %s\n"), uuid);
  else
    g_print (_("Kept both: this tablet's version is now observation %s (sent as new at the next sync), "
               "the shared dossier's is %s\n"), done.new_uuid, uuid);
  if (done.saved_file)
    g_print (_("The other version was saved as %s\n"), done.saved_file);
  return LB_EXIT_OK;
}

static int
resolve_choice (SyncArgs *a, int argc, char **argv, LbSyncChoice *choice)
{
  if (argc != 3)
    return lb_cli_usage_error ("sync", _("sync resolve takes one observation id"));
  if (a->keep_mine + a->take_theirs + a->keep_both != 1)
    return lb_cli_usage_error ("sync", _("sync resolve needs one of --keep-mine, --take-theirs, --keep-both"));
  *choice = a->keep_mine ? LB_SYNC_KEEP_MINE : a->take_theirs ? LB_SYNC_TAKE_THEIRS : LB_SYNC_KEEP_BOTH;
  return LB_EXIT_OK;
}

/* lesbezoek sync [--server URL] [--user LOGIN] [--ca FILE] … [--status] */
int
lb_cli_sync (LbCliGlobals *g, int argc, char **argv)
{
  g_auto(SyncArgs) a = { 0 };
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &a.server, N_("The board's server: HOST, HOST:PORT or a postgresql:// URL"), N_("URL") },
    { "dbname", 0, 0, G_OPTION_ARG_STRING, &a.dbname, N_("The database on the server (default lesbezoek)"), N_("NAME") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &a.user, N_("Your login on the server"), N_("LOGIN") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &a.ca, N_("The board's CA certificate, to check the server with"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &a.cert, N_("This tablet's client certificate (optional)"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &a.key, N_("The key of the client certificate"), N_("FILE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &a.password_stdin, N_("Read the password from standard input (else PGPASSWORD or ~/.pgpass)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &a.timeout, N_("Seconds to wait for the server to answer a connection (default 5)"), N_("SECONDS") },
    { "status", 0, 0, G_OPTION_ARG_NONE, &a.status, N_("Only show what waits and what needs attention; do not connect"), NULL },
    { "share", 0, 0, G_OPTION_ARG_STRING, &a.share, N_("Starters: share this final formative observation with the people assigned to you"), N_("UUID") },
    { "keep-mine", 0, 0, G_OPTION_ARG_NONE, &a.keep_mine, N_("With resolve: keep this tablet's draft; the next sync updates the shared dossier's"), NULL },
    { "take-theirs", 0, 0, G_OPTION_ARG_NONE, &a.take_theirs, N_("With resolve: take the shared dossier's version; this tablet's is saved as a file first"), NULL },
    { "keep-both", 0, 0, G_OPTION_ARG_NONE, &a.keep_both, N_("With resolve: this tablet's draft becomes a new observation beside the shared dossier's"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— sync with the board's shared dossier"));
  g_option_context_set_summary (context,
    _("Sends your own observations and brings in what you may see. The settings given are "
      "remembered in this tablet's database, never the password. Exit status: 0 done, 1 something "
      "needs attention, 2 wrong arguments or not set up, 3 the server cannot be reached."));
  g_option_context_set_description (context,
    _("lesbezoek sync resolve UUID --keep-mine|--take-theirs|--keep-both decides, for an observation that "
      "was refused or is in conflict, which version counts on this tablet; the other one is kept too "
      "(as a file in the data folder, or as an observation of its own). It reads the server's version."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse (context, &argc, &argv, "sync"))
    return LB_EXIT_USAGE;
  gboolean resolve = argc > 1 && g_str_equal (argv[1], "resolve");
  LbSyncChoice choice = LB_SYNC_KEEP_MINE;
  if (resolve && resolve_choice (&a, argc, argv, &choice) != LB_EXIT_OK)
    return LB_EXIT_USAGE;
  if (argc > 1 && !resolve)
    return lb_cli_usage_error ("sync", _("unexpected argument “%s”"), argv[1]);
  if ((a.cert == NULL) != (a.key == NULL))
    return lb_cli_usage_error ("sync", _("--cert and --key go together"));
  if (a.timeout < 0 || a.timeout > 600)
    return lb_cli_usage_error ("sync", _("--timeout must be between 1 and 600 seconds"));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_cli_open_store (g, &error);
  g_autoptr(LbSyncConfig) cfg = store ? merge_config (store, &a, &error) : NULL;
  if (cfg == NULL)
    {
      g_printerr ("lesbezoek sync: %s\n", error->message);
      return LB_EXIT_FAILED;
    }
  if (a.status)
    return print_status (store, cfg);
  if (a.password_stdin && (cfg->password = read_password (&error)) == NULL)
    return lb_cli_usage_error ("sync", "%s", error->message);
  cfg->connect_timeout_s = (guint) a.timeout;
  if (a.share)
    return run_share (store, cfg, a.share);
  if (resolve)
    return run_resolve (store, cfg, argv[2], choice);
  return run_sync (store, cfg);
}
