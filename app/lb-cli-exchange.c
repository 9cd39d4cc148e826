/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* lesbezoek export / import: observations to and from exchange files, the
 * way they travel from a coach's tablet to a starter's, or from an
 * assessor to the school board. */

#include "config.h"
#include "lb-cli-private.h"
#include "lb-exchange.h"
#include "lb-xml.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- export ---- */

typedef struct {
  char    *person;
  char    *observation;
  gboolean all;
  gboolean with_instruments;
  char    *output;
} ExportArgs;

static void
export_args_clear (ExportArgs *a)
{
  g_clear_pointer (&a->person, g_free);
  g_clear_pointer (&a->observation, g_free);
  g_clear_pointer (&a->output, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

static int
export_check_args (ExportArgs *a, int argc, char **argv)
{
  int selectors = (a->person != NULL) + (a->observation != NULL) + (a->all ? 1 : 0);
  if (argc > 1)
    return lb_cli_usage_error ("export", _("unexpected argument “%s”"), argv[1]);
  if (selectors != 1)
    return lb_cli_usage_error ("export", _("choose what to export: exactly one of --person NAME, "
                                           "--observation UUID or --all"));
  if (a->output == NULL || *a->output == '\0')
    return lb_cli_usage_error ("export", _("name the file to write with -o FILE"));
  return LB_EXIT_OK;
}

static LbExchange *
export_select (LbStore *store, ExportArgs *a, GError **error)
{
  g_autofree char *person_uuid = NULL;
  g_autofree char *observation_uuid = NULL;
  if (a->person)
    {
      g_autoptr(LbPerson) p = lb_store_find_person (store, a->person, error);
      if (p == NULL)
        return NULL;
      person_uuid = g_strdup (p->uuid);
    }
  if (a->observation && !(observation_uuid = lb_store_resolve_uuid (store, a->observation, error)))
    return NULL;
  return lb_store_export (store, person_uuid, observation_uuid, a->with_instruments, error);
}

/* XML 1.0 cannot carry most control characters (a form feed pasted from a
 * word processor, say), not even as &#12;. Finds the first one, or bytes
 * that are not UTF-8, and says which observation holds it. */
static gboolean
check_characters (const char *xml, gsize len, GError **error)
{
  const char *end = NULL;
  gunichar bad = 0;
  if (g_utf8_validate_len (xml, len, &end))
    for (end = xml; *end; end = g_utf8_next_char (end))
      {
        gunichar c = g_utf8_get_char (end);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
          {
            bad = c;
            break;
          }
      }
  if (*end == '\0')
    return TRUE;
  const char *obs = g_strrstr_len (xml, end - xml, "<observation uuid=\"");
  g_autofree char *uuid = obs ? g_strndup (obs + 19, strcspn (obs + 19, "\"")) : NULL;
  if (bad == 0)
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                 _("observation %s holds text that is not valid UTF-8, so it cannot be exported"),
                 uuid ? uuid : "?");
  else if (uuid)
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                 _("observation %s holds a character that an exchange file cannot carry (U+%04X), so it "
                   "cannot be exported; export the other observations one at a time"), uuid, bad);
  else
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                 _("the details of a person hold a character that an exchange file cannot carry (U+%04X)"),
                 bad);
  return FALSE;
}

/* Whatever export writes, import must be able to read: the XML is read
 * back before a byte reaches the disk, so a file that could not be
 * imported again (too large, a character XML cannot hold, a final
 * observation whose stored content no longer matches its hash) is never
 * handed to anyone as if it were fine. */
static gboolean
export_write (LbExchange *ex, const char *path, GError **error)
{
  g_autofree char *xml = lb_exchange_to_xml (ex);
  gsize len = strlen (xml);
  if (len > LB_XML_MAX_EXCHANGE_SIZE)
    return g_set_error (error, LB_ERROR, LB_ERROR_TOO_LARGE,
                        _("the export would be %.1f MB, more than an import accepts (%u MB); "
                          "export one person at a time instead"),
                        len / 1e6, (guint) (LB_XML_MAX_EXCHANGE_SIZE / (1024 * 1024))), FALSE;
  if (!check_characters (xml, len, error))
    return FALSE;
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, len);
  g_autoptr(GError) local = NULL;
  g_autoptr(LbExchange) back = lb_exchange_read_bytes (bytes, path, NULL, &local);
  if (back == NULL)
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("the export could not be read back, so %s was not written:\n%s"),
                        path, local->message), FALSE;
  /* Exports hold assessments of named people: readable by the user alone. */
  if (!g_file_set_contents_full (path, xml, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, &local))
    return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("cannot write %s: %s"), path, local->message), FALSE;
  return TRUE;
}

/* lesbezoek export (--person NAME | --observation UUID | --all) [--with-instruments] -o FILE */
int
lb_cli_export (LbCliGlobals *g, int argc, char **argv)
{
  g_auto(ExportArgs) a = { 0 };
  const GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &a.person,
      N_("Export the observations of this starter or observer (name or id)"), N_("NAME") },
    { "observation", 0, 0, G_OPTION_ARG_STRING, &a.observation,
      N_("Export one observation (its id, or the first characters of it)"), N_("UUID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &a.all, N_("Export every observation"), NULL },
    { "with-instruments", 0, 0, G_OPTION_ARG_NONE, &a.with_instruments,
      N_("Include the instruments, so a device that lacks them can read the observations"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output, N_("Write to FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write observations to an exchange file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse (context, &argc, &argv, "export"))
    return LB_EXIT_USAGE;
  int status = export_check_args (&a, argc, argv);
  if (status != LB_EXIT_OK)
    return status;

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_cli_open_store (g, &error);
  g_autoptr(LbExchange) ex = store ? export_select (store, &a, &error) : NULL;
  if (ex == NULL || !export_write (ex, a.output, &error))
    {
      g_printerr ("lesbezoek export: %s\n", error->message);
      return LB_EXIT_FAILED;
    }
  guint n = ex->observations->len;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u observation to %s\n", "Wrote %u observations to %s\n", n),
           n, a.output);
  return LB_EXIT_OK;
}

/* ---- import ---- */

/* One file, all or nothing: lb_store_import() is one transaction. */
static gboolean
import_file (LbStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (path, NULL, &error);
  if (ex == NULL)
    {
      /* FILE:LINE:COLUMN: message, one line per problem */
      g_printerr ("%s\n", error->message);
      g_printerr (_("%s: nothing was imported\n"), path);
      return FALSE;
    }
  LbImportReport report = { 0 };
  if (!lb_store_import (store, ex, &report, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  g_print (_("%s: %u new, %u replaced, %u unchanged\n"), path, report.created, report.replaced,
           report.unchanged);
  return TRUE;
}

/* lesbezoek import FILE… */
int
lb_cli_import (LbCliGlobals *g, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — read observations from exchange files"));
  g_option_context_set_summary (context,
    _("Importing the same file again changes nothing. A draft is replaced by a newer draft of the "
      "same observation; a final observation is never changed: a file that holds a different "
      "version of one is refused as a whole."));
  if (!lb_cli_parse (context, &argc, &argv, "import"))
    return LB_EXIT_USAGE;
  if (argc < 2)
    return lb_cli_usage_error ("import", _("name at least one exchange file"));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_cli_open_store (g, &error);
  if (store == NULL)
    {
      g_printerr ("lesbezoek import: %s\n", error->message);
      return LB_EXIT_FAILED;
    }
  int status = LB_EXIT_OK;
  for (int i = 1; i < argc; i++)
    if (!import_file (store, argv[i]))
      status = LB_EXIT_FAILED;
  return status;
}
