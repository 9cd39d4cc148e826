/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* The headless face of the one `lesbezoek` binary. Everything the GUI does
 * that makes sense without a screen is here too, so tests and scripts can
 * drive it. The dispatcher only routes; each command lives in its own file. */

#include "config.h"
#include "lb-cli.h"
#include "lb-cli-private.h"
#include "lb-store.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const LbCliCommand commands[] = {
  { "validate", N_("FILE…"), N_("Check instrument files and report every problem"), lb_cli_validate },
  { "instrument", N_("show|list|import …"), N_("Show an instrument as an outline, list or import instruments"), lb_cli_instrument },
  { "list", N_("[--person NAME] [--status S]"), N_("List the observations"), lb_cli_list },
  { "show", N_("UUID"), N_("Show one observation in full"), lb_cli_show },
  { "people", N_("[list|add|update …]"), N_("List or add starters and observers"), lb_cli_people },
  { "observe", N_("new|score|mark|note|…"), N_("Record an observation without the app"), lb_cli_observe },
  { "export", N_("--person NAME|--observation UUID|--all -o FILE"), N_("Write observations to an exchange file"), lb_cli_export },
  { "import", N_("FILE…"), N_("Read observations from exchange files"), lb_cli_import },
  { "verify", "", N_("Check the database and the hash of every final observation"), lb_cli_verify },
  { "restore", N_("[BACKUP]"), N_("List the backups, or restore one"), lb_cli_restore },
  { "erase", N_("--person NAME [--yes]"), N_("Erase every trace of a person"), lb_cli_erase },
  { "demo", "", N_("Fill the database with realistic demo data"), lb_cli_demo },
  { "report", N_("UUID [-o FILE.pdf] [--lang nl|en]"), N_("The report of one observation as a PDF"), lb_cli_report },
  { "dossier", N_("--person NAME [--include-formatief] [-o FILE.pdf]"), N_("A starter's bekwaamheidsdossier as a PDF"), lb_cli_dossier },
  { "zone", N_("--person NAME [--lang LANG]"), N_("The zone of next development of a starter"), lb_cli_zone },
  { "goals", N_("[list|add|update …] --person NAME"), N_("A starter's development plan"), lb_cli_goals },
  { "compare", N_("UUID UUID… [--format table|tsv]"), N_("How alike observers scored one lesson"), lb_cli_compare },
  { "calibrate", N_("UUID --reference UUID"), N_("Does an assessor meet the calibration standard"), lb_cli_calibrate },
  { "sync", N_("[--server URL --user LOGIN --ca FILE]"), N_("Sync with the board's shared dossier"), lb_cli_sync },
};

/* Dutch is the default language of Lesbezoek, whatever the system locale;
 * LANGUAGE=en (or the preference) switches to English. gettext ignores
 * LANGUAGE in the "C" locale, so we move to C.UTF-8 there. */
void
lb_i18n_init (void)
{
  static gboolean done;
  if (done)
    return;
  done = TRUE;
  const char *current = setlocale (LC_ALL, "");
  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  const char *language = g_getenv ("LANGUAGE");
  if (language == NULL || *language == '\0')
    g_setenv ("LANGUAGE", "nl", TRUE);

  const char *dir = g_getenv ("LESBEZOEK_LOCALEDIR");
  g_autofree char *installed = g_build_filename (LOCALEDIR, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (dir == NULL)
    dir = g_file_test (installed, G_FILE_TEST_EXISTS) ? LOCALEDIR : BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
lb_cli_usage_error (const char *command, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command)
    g_printerr ("lesbezoek %s: %s\n", command, message);
  else
    g_printerr ("lesbezoek: %s\n", message);
  g_printerr (_("Run “lesbezoek --help” for the list of commands.\n"));
  return LB_EXIT_USAGE;
}

gboolean
lb_cli_parse (GOptionContext *context, int *argc, char ***argv, const char *command)
{
  g_autoptr(GError) error = NULL;
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      lb_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

LbStore *
lb_cli_open_store (LbCliGlobals *g, GError **error)
{
  g_autoptr(LbStore) store = lb_store_open (g->db_path, error);
  if (store == NULL)
    return NULL;
  g_autoptr(GError) local = NULL;
  /* A failed backup must not stop the work; it is reported, not fatal. */
  if (!lb_store_backup_daily (store, 7, &local))
    g_printerr (_("warning: no backup was made: %s\n"), local->message);
  return g_steal_pointer (&store);
}

LbInstrumentRegistry *
lb_cli_open_registry (GError **error)
{
  g_autoptr(LbInstrumentRegistry) registry = lb_instrument_registry_new (NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  if (!lb_instrument_registry_load (registry, warnings, error))
    return NULL;
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("warning: skipped a broken instrument: %s\n"), (char *) warnings->pdata[i]);
  return g_steal_pointer (&registry);
}

static void
print_help (void)
{
  g_print (_("Usage:\n  lesbezoek [--db PATH]                 open the app\n"
             "  lesbezoek [--db PATH] COMMAND [ARG…]  work without a window\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* _("") would return the translation's header, not an empty string. */
      const char *args = commands[i].args[0] ? _(commands[i].args) : "";
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, args);
      /* Pad by characters, not bytes: "…" and Dutch words are multi-byte. */
      glong width = g_utf8_strlen (head, -1);
      g_print ("  %s%*s %s\n", head, (int) MAX (0, 50 - width), "", _(commands[i].summary));
    }
  g_print (_("\nOptions:\n"
             "  --db PATH       use this database instead of the default (also LESBEZOEK_DB)\n"
             "  --open UUID     open the app on this observation\n"
             "  --help          show this help\n"
             "  --version       show the version\n\n"
             "Use “lesbezoek COMMAND --help” for a command's own options.\n"));
}

/* Global options come before the subcommand; they are few, so a small
 * hand-written loop keeps the subcommand's own arguments untouched. */
static int
parse_globals (LbCliGlobals *g, int argc, char **argv, int *consumed)
{
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *a = argv[i];
      if (g_str_equal (a, "--help") || g_str_equal (a, "-h"))
        return print_help (), LB_EXIT_OK;
      if (g_str_equal (a, "--version"))
        return g_print ("lesbezoek %s\n", PACKAGE_VERSION), LB_EXIT_OK;
      if (g_str_equal (a, "--db") && i + 1 < argc)
        g_free (g->db_path), g->db_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (a, "--db="))
        g_free (g->db_path), g->db_path = g_strdup (a + 5);
      else if (g_str_equal (a, "--db"))
        return lb_cli_usage_error (NULL, _("--db needs a path"));
      else if (g_str_equal (a, "--open") && i + 1 < argc)
        g_setenv ("LESBEZOEK_OPEN", argv[++i], TRUE); /* the GUI opens it on start */
      else
        return lb_cli_usage_error (NULL, _("unknown option “%s”"), a);
    }
  *consumed = i;
  return LB_CLI_RUN_GUI;
}

int
lb_cli_run (int argc, char **argv)
{
  LbCliGlobals g = { 0 };
  int first = 1;

  lb_i18n_init ();
  if (g_getenv ("LESBEZOEK_DB") && *g_getenv ("LESBEZOEK_DB"))
    g.db_path = g_strdup (g_getenv ("LESBEZOEK_DB"));
  int status = parse_globals (&g, argc, argv, &first);
  if (status == LB_CLI_RUN_GUI && first < argc)
    {
      const char *name = argv[first];
      status = -2;
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (commands[i].name, name))
          status = commands[i].func (&g, argc - first, argv + first);
      if (status == -2)
        status = lb_cli_usage_error (NULL, _("unknown command “%s”"), name);
    }
  else if (status == LB_CLI_RUN_GUI && g.db_path)
    g_setenv ("LESBEZOEK_DB", g.db_path, TRUE); /* hand --db over to the GUI */
  g_free (g.db_path);
  return status;
}
