/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* Authoring instruments without hand-editing XML: a commented template
 * per shape to start from, and a spreadsheet round trip (to-csv, edit in
 * LibreOffice, from-csv). Nothing is written unless it is complete and
 * valid, and then atomically: a half-written instrument never exists. */

#include "config.h"
#include "lb-cli-author.h"
#include "lb-error.h"
#include "lb-instrument-csv.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static const char * const shapes[] = { "ours", "framework", "cycles", "snapshots", NULL };

gboolean
lb_cli_author_handles (const char *action)
{
  return action && (g_str_equal (action, "new") || g_str_equal (action, "to-csv") ||
                    g_str_equal (action, "from-csv"));
}

/* @path "-" is standard output. A file is replaced atomically (written
 * next to it, then renamed over it). */
static gboolean
write_output (const char *path, const char *data, gsize len, GError **error)
{
  if (g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        return g_set_error (error, LB_ERROR, LB_ERROR_IO, _("cannot write to standard output")), FALSE;
      return TRUE;
    }
  g_autoptr(GError) local = NULL;
  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("%s: cannot write the file: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse (GOptionContext *context, GOptionEntry *entries, int *argc, char ***argv, const char *command)
{
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return lb_cli_parse (context, argc, argv, command);
}

/* ---- new ---- */

static int
author_new (int argc, char **argv)
{
  g_autofree char *shape = NULL, *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "shape", 's', 0, G_OPTION_ARG_STRING, &shape, N_("ours, framework, cycles or snapshots"), "SHAPE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the template to FILE (- for standard output)"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("--shape SHAPE -o FILE — write a commented template that validates as it is"));
  if (!parse (context, entries, &argc, &argv, "instrument new"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("instrument new", _("unexpected argument “%s”"), argv[1]);
  if (shape == NULL || !g_strv_contains (shapes, shape))
    return lb_cli_usage_error ("instrument new", _("--shape must be ours, framework, cycles or snapshots"));
  if (output == NULL)
    return lb_cli_usage_error ("instrument new", _("name the file to write with -o FILE"));
  if (!force && !g_str_equal (output, "-") && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s already exists; choose another name, or add --force to replace it\n"), output);
      return LB_EXIT_FAILED;
    }
  g_autofree char *resource = g_strdup_printf ("%s/templates/%s.xml", LB_INSTRUMENT_RESOURCE_DIR, shape);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);  /* compiled in */
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  if (!write_output (output, data, len, &error))
    return g_printerr ("%s\n", error->message), LB_EXIT_FAILED;
  if (!g_str_equal (output, "-"))
    g_print (_("Wrote a template of shape “%s” to %s; check your changes with “lesbezoek validate %s”\n"),
             shape, output, output);
  return LB_EXIT_OK;
}

/* ---- to-csv ---- */

static LbInstrument *
load_instrument (const char *what, GError **error)
{
  if (g_file_test (what, G_FILE_TEST_EXISTS) || strchr (what, '/') || g_str_has_suffix (what, ".xml"))
    return lb_instrument_load_file (what, NULL, error);
  g_autoptr(LbInstrumentRegistry) registry = lb_cli_open_registry (error);
  if (registry == NULL)
    return NULL;
  LbInstrument *inst = lb_instrument_registry_find (registry, what, NULL);
  if (inst == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("no instrument with id “%s”; “lesbezoek instrument list” shows the known ones"), what);
      return NULL;
    }
  return g_object_ref (inst);
}

static gboolean
separator_from_name (const char *name, char *out)
{
  if (name == NULL || g_str_equal (name, "semicolon") || g_str_equal (name, ";"))
    return *out = ';', TRUE;
  if (g_str_equal (name, "comma") || g_str_equal (name, ","))
    return *out = ',', TRUE;
  if (g_str_equal (name, "tab"))
    return *out = '\t', TRUE;
  return FALSE;
}

static int
author_to_csv (int argc, char **argv)
{
  g_autofree char *output = NULL, *sep_name = NULL;
  char separator;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the spreadsheet to FILE (- for standard output)"), "FILE" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &sep_name, N_("semicolon (the default), comma or tab"), "SEP" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.xml|ID -o FILE.csv — write an instrument as a spreadsheet"));
  if (!parse (context, entries, &argc, &argv, "instrument to-csv"))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error ("instrument to-csv", _("name one instrument file or id"));
  if (output == NULL)
    return lb_cli_usage_error ("instrument to-csv", _("name the file to write with -o FILE"));
  if (!separator_from_name (sep_name, &separator))
    return lb_cli_usage_error ("instrument to-csv", _("--separator must be semicolon, comma or tab"));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = load_instrument (argv[1], &error);
  if (inst == NULL)
    return g_printerr ("%s\n", error->message), LB_EXIT_FAILED;
  gsize len;
  g_autofree char *csv = lb_instrument_to_csv (inst, separator, &len);
  if (!write_output (output, csv, len, &error))
    return g_printerr ("%s\n", error->message), LB_EXIT_FAILED;
  if (!g_str_equal (output, "-"))
    g_print (_("Wrote %s %s (%u items) to %s\n"), lb_instrument_get_id (inst),
             lb_instrument_get_version (inst), lb_instrument_get_n_items (inst), output);
  return LB_EXIT_OK;
}

/* ---- from-csv ---- */

static int
author_from_csv (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the instrument to FILE (- for standard output)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.csv -o FILE.xml — turn a spreadsheet into a valid instrument"));
  if (!parse (context, entries, &argc, &argv, "instrument from-csv"))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error ("instrument from-csv", _("name one CSV file"));
  if (output == NULL)
    return lb_cli_usage_error ("instrument from-csv", _("name the file to write with -o FILE"));

  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = lb_instrument_csv_read_file (argv[1], problems, &error);
  g_autoptr(LbInstrument) inst = NULL;
  g_autoptr(GBytes) xml = csv ? lb_instrument_from_csv (csv, argv[1], &inst, problems, &error) : NULL;
  if (xml == NULL)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = lb_problem_format (problems->pdata[i], argv[1]);
          g_printerr ("%s\n", line);
        }
      if (problems->len == 0)
        g_printerr ("%s\n", error->message);
      return LB_EXIT_FAILED;
    }
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);
  if (!write_output (output, data, len, &error))
    return g_printerr ("%s\n", error->message), LB_EXIT_FAILED;
  if (!g_str_equal (output, "-"))
    g_print (_("OK %s %s (%u items) written to %s\n"), lb_instrument_get_id (inst),
             lb_instrument_get_version (inst), lb_instrument_get_n_items (inst), output);
  return LB_EXIT_OK;
}

/* lesbezoek instrument new|to-csv|from-csv …; @argv[0] is the action. */
int
lb_cli_author (LbCliGlobals *g, int argc, char **argv)
{
  g_return_val_if_fail (argc >= 1 && lb_cli_author_handles (argv[0]), LB_EXIT_USAGE);
  if (g_str_equal (argv[0], "new"))
    return author_new (argc, argv);
  if (g_str_equal (argv[0], "to-csv"))
    return author_to_csv (argc, argv);
  return author_from_csv (argc, argv);
}
