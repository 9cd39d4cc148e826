/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* lesbezoek report UUID and lesbezoek dossier --person NAME: the PDFs a
 * coach hands a starter and a starter files, made without the app. */

#include "config.h"
#include "lb-cli-store-private.h"
#include "lb-report.h"
#include "lb-report-goals.h"

#include <glib/gi18n.h>

static gboolean
check_lang (const char *lang, const char *command)
{
  if (lang == NULL || g_str_equal (lang, "nl") || g_str_equal (lang, "en"))
    return TRUE;
  lb_cli_usage_error (command, _("unknown language “%s”: use nl or en"), lang);
  return FALSE;
}

/* "Sanne de Vries" → "sanne-de-vries": a file name without surprises. */
static char *
slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
    else if (s->len && s->str[s->len - 1] != '-')
      g_string_append_c (s, '-');
  while (s->len && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static int
write_document (LbReportDocument *doc, const char *path, const char *command)
{
  g_autoptr(GError) error = NULL;
  if (!lb_report_write_pdf (doc, path, &error))
    return lb_cli_fail (command, error);
  guint n = lb_report_document_get_n_pages (doc);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", n), path, n);
  return LB_EXIT_OK;
}

/* lesbezoek report UUID [-o FILE.pdf] [--lang nl|en] */
int
lb_cli_report (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *output = NULL, *lang = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the report: nl (default) or en"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID — the report of one observation as a PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _("Without -o the file is called "
                                                "verslag-DATE-STARTER.pdf, in the current directory."));
  if (!lb_cli_parse_command (context, &argc, &argv, "report") || !check_lang (lang, "report"))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error ("report", _("name one observation by its id"));

  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "report");
  g_autofree char *uuid = store ? lb_cli_resolve (store, argv[1], "report") : NULL;
  if (uuid == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = lb_store_load (store, uuid, &error);
  if (obs == NULL)
    return lb_cli_fail ("report", error);
  g_autoptr(LbInstrument) inst = lb_cli_instrument_of (store, obs, &error);
  if (inst == NULL)
    return lb_cli_fail ("report", error);
  if (output == NULL)
    {
      g_autofree char *who = slug (obs->starter ? obs->starter->name : "");
      output = g_strdup_printf ("verslag-%s-%s.pdf", obs->date ? obs->date : "", who);
    }
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, inst, lang);
  return write_document (doc, output, "report");
}

/* lesbezoek dossier --person NAME [--include-formatief] [-o FILE.pdf] [--lang nl|en] */
int
lb_cli_dossier (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *output = NULL, *lang = NULL, *person = NULL;
  gboolean formatief = FALSE;
  const GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("The starter, by name or id"), N_("NAME") },
    { "include-formatief", 0, 0, G_OPTION_ARG_NONE, &formatief,
      N_("Include the formative coaching observations (the starter's choice)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the dossier: nl (default) or en"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— a starter's bekwaamheidsdossier as a PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _("The dossier holds the starter's final observations; formative "
                                                "coaching only with --include-formatief. Without -o the file is "
                                                "called dossier-STARTER.pdf, in the current directory."));
  if (!lb_cli_parse_command (context, &argc, &argv, "dossier") || !check_lang (lang, "dossier"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("dossier", _("unexpected argument “%s”"), argv[1]);
  if (person == NULL)
    return lb_cli_usage_error ("dossier", _("name the starter with --person"));

  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "dossier");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  LbDossierOptions options = LB_DOSSIER_OPTIONS_INIT;
  options.lang = lang;
  options.include_formatief = formatief;
  options.goals_func = lb_report_store_goals;
  options.zone_func = lb_report_store_zone;
  g_autoptr(LbReportDocument) doc = lb_report_document_new_dossier (store, person, &options, &error);
  if (doc == NULL)
    return lb_cli_fail ("dossier", error);
  if (output == NULL)
    {
      g_autoptr(LbPerson) p = lb_store_find_person (store, person, NULL);
      g_autofree char *who = slug (p ? p->name : person);
      output = g_strdup_printf ("dossier-%s.pdf", who);
    }
  return write_document (doc, output, "dossier");
}
