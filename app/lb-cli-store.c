/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* The observation commands that read and look after the store: list,
 * show, people, verify, restore, erase and demo; and the helpers shared
 * with `observe` (lb-cli-observe.c). */

#include "config.h"
#include "lb-cli-store-private.h"
#include "lb-demo.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- shared helpers ---- */

gboolean
lb_cli_parse_command (GOptionContext *context, int *argc, char ***argv, const char *command)
{
  g_autofree char *name = g_strconcat ("lesbezoek ", command, NULL);
  g_set_prgname (name);
  return lb_cli_parse (context, argc, argv, command);
}

int
lb_cli_fail (const char *command, const GError *error)
{
  g_printerr ("lesbezoek %s: %s\n", command, error->message);
  return LB_EXIT_FAILED;
}

LbStore *
lb_cli_store_or_fail (LbCliGlobals *g, const char *command)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_cli_open_store (g, &error);
  if (store == NULL)
    lb_cli_fail (command, error);
  return store;
}

char *
lb_cli_resolve (LbStore *store, const char *prefix, const char *command)
{
  g_autoptr(GError) error = NULL;
  char *uuid = lb_store_resolve_uuid (store, prefix, &error);
  if (uuid == NULL)
    lb_cli_fail (command, error);
  return uuid;
}

LbInstrument *
lb_cli_instrument_of (LbStore *store, LbObservation *obs, GError **error)
{
  return lb_store_get_instrument (store, obs->instrument_sha256, error);
}

const char *
lb_cli_verdict_code (LbVerdict verdict)
{
  switch (verdict)
    {
    case LB_VERDICT_MET: return "met";
    case LB_VERDICT_NOT_MET: return "not-met";
    case LB_VERDICT_INSUFFICIENT: return "insufficient";
    case LB_VERDICT_NONE: return "none";
    default: g_assert_not_reached ();
    }
}

const char *
lb_cli_verdict_label (const char *code)
{
  const LbVerdict all[] = { LB_VERDICT_MET, LB_VERDICT_NOT_MET, LB_VERDICT_INSUFFICIENT, LB_VERDICT_NONE };
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (code, lb_cli_verdict_code (all[i])) == 0)
      return lb_verdict_to_string (all[i]);
  return code ? code : "";
}

int
lb_cli_confirm (const char *command, gboolean yes, const char *question, const char *expected)
{
  if (yes)
    return LB_EXIT_OK;
  if (!isatty (STDIN_FILENO))
    {
      g_printerr (_("lesbezoek %s: this needs a confirmation, and there is no terminal to ask on; "
                    "add --yes to go ahead without asking\n"), command);
      return LB_EXIT_USAGE;
    }
  g_print ("%s ", question);
  fflush (stdout);
  char line[512];
  if (fgets (line, sizeof line, stdin) == NULL)
    line[0] = '\0';
  g_strstrip (line);
  gboolean ok = expected ? g_str_equal (line, expected)
                         : (g_ascii_strcasecmp (line, "y") == 0 || g_ascii_strcasecmp (line, "yes") == 0 ||
                            g_utf8_collate (line, C_("answer", "y")) == 0 ||
                            g_utf8_collate (line, C_("answer", "yes")) == 0);
  if (!ok)
    g_print (_("Nothing was changed.\n"));
  return ok ? LB_EXIT_OK : LB_EXIT_FAILED;
}

char *
lb_cli_format_timestamp (const char *timestamp)
{
  if (timestamp == NULL)
    return g_strdup ("");
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* ---- tables ---- */

/* Rows of cells, printed with every column as wide as its widest cell.
 * Widths count characters, not bytes: Dutch names have diacritics. */
static void
print_table (GPtrArray *rows)
{
  if (rows->len == 0)
    return;
  guint n_cols = g_strv_length (rows->pdata[0]);
  g_autofree guint *widths = g_new0 (guint, n_cols);
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      char **cells = rows->pdata[r];
      for (guint c = 0; c < n_cols; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < n_cols)
            for (guint pad = (guint) g_utf8_strlen (cells[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

/* One field of a tab-separated line: tabs and line breaks would split it. */
static char *
tsv_field (const char *value)
{
  char *s = g_strdup (value ? value : "");
  for (char *p = s; *p; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return s;
}

/* @n fields, any of them NULL (printed empty). */
static void
print_tsv (const char * const *fields, guint n)
{
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *f = tsv_field (fields[i]);
      if (i > 0)
        g_string_append_c (line, '\t');
      g_string_append (line, f);
    }
  g_print ("%s\n", line->str);
}

static gboolean
parse_format (const char *format, gboolean *tsv, const char *command)
{
  *tsv = FALSE;
  if (format == NULL || g_str_equal (format, "table"))
    return TRUE;
  if (g_str_equal (format, "tsv"))
    return *tsv = TRUE, TRUE;
  lb_cli_usage_error (command, _("unknown format “%s”; use table or tsv"), format);
  return FALSE;
}

/* ---- list ---- */

static gboolean
parse_list_filter (const char *status, const char *purpose, LbListFilter *filter)
{
  LbStatus s;
  LbPurpose p;
  if (status && !lb_status_from_string (status, &s))
    return lb_cli_usage_error ("list", _("unknown status “%s”; use draft or final"), status), FALSE;
  if (purpose && !lb_purpose_from_string (purpose, &p))
    return lb_cli_usage_error ("list", _("unknown purpose “%s”; use formatief, summatief, klassenbezoek "
                                         "or zelfbeoordeling"), purpose), FALSE;
  filter->status = status ? (int) s : -1;
  filter->purpose = purpose ? (int) p : -1;
  return TRUE;
}

static void
list_table (GPtrArray *rows)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table, g_strdupv ((char *[]) { _("Date"), _("Time"), _("Starter"), _("Observer"),
                                                  _("Purpose"), _("Status"), _("Scored"), _("Id"), NULL }));
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *s = rows->pdata[i];
      g_autofree char *role = g_utf8_strdown (lb_role_to_label (s->observer_role), -1);
      char **row = g_new0 (char *, 9);
      row[0] = g_strdup (s->date);
      row[1] = g_strdup (s->start_time ? s->start_time : "");
      row[2] = g_strdup (s->starter_name);
      row[3] = g_strdup_printf ("%s (%s)", s->observer_name, role);
      row[4] = g_strdup (lb_purpose_to_label (s->purpose));
      row[5] = g_strdup (lb_status_to_label (s->status));
      row[6] = g_strdup_printf ("%u", s->n_scored);
      row[7] = g_strndup (s->uuid, 8);
      g_ptr_array_add (table, row);
    }
  print_table (table);
}

static void
list_tsv (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *s = rows->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", s->n_scored);
      const char *fields[] = { s->uuid, s->date, s->start_time, s->starter_name, s->observer_name,
                               lb_role_to_string (s->observer_role), lb_purpose_to_string (s->purpose),
                               lb_status_to_string (s->status), n, s->instrument_id,
                               s->instrument_version, s->subject, s->group };
      print_tsv (fields, G_N_ELEMENTS (fields));
    }
}

/* lesbezoek list [--person NAME] [--status S] [--purpose P] [--format F] */
int
lb_cli_list (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *person = NULL, *status = NULL, *purpose = NULL, *format = NULL;
  GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("Only the observations of this starter"), N_("NAME") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("Only drafts or only final observations"), "draft|final" },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose,
      N_("Only this purpose: formatief, summatief, klassenbezoek or zelfbeoordeling"), N_("PURPOSE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("table (the default) or tsv"), "table|tsv" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the observations, newest first"));
  g_option_context_set_description (context,
    _("With --format tsv, each line holds: uuid, date, start time, starter, observer, role, purpose, "
      "status, number of items scored, instrument id, instrument version, subject, group."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  LbListFilter filter = LB_LIST_FILTER_INIT;
  gboolean tsv;
  if (!lb_cli_parse_command (context, &argc, &argv, "list"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("list", _("unexpected argument “%s”"), argv[1]);
  if (!parse_format (format, &tsv, "list") || !parse_list_filter (status, purpose, &filter))
    return LB_EXIT_USAGE;

  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "list");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) who = person ? lb_store_find_person (store, person, &error) : NULL;
  if (person && who == NULL)
    return lb_cli_fail ("list", error);
  if (who && !who->is_starter)
    {
      g_printerr (_("lesbezoek list: %s is not a starter; --person lists a starter's observations\n"), who->name);
      return LB_EXIT_FAILED;
    }
  filter.person = who ? who->uuid : NULL;
  g_autoptr(GPtrArray) rows = lb_store_list (store, &filter, &error);
  if (rows == NULL)
    return lb_cli_fail ("list", error);
  if (tsv)
    list_tsv (rows);
  else if (rows->len == 0)
    g_print (_("No observations.\n"));
  else
    {
      list_table (rows);
      g_print (ngettext ("%u observation\n", "%u observations\n", rows->len), rows->len);
    }
  return LB_EXIT_OK;
}

/* ---- people ---- */

typedef struct {
  char    *name, *school, *board, *induction_start, *role;
  gboolean starter, observer;
  int      year;
} PersonArgs;

static void
person_args_clear (PersonArgs *a)
{
  g_free (a->name), g_free (a->school), g_free (a->board);
  g_free (a->induction_start), g_free (a->role);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PersonArgs, person_args_clear)

static GOptionContext *
person_context (PersonArgs *a, gboolean add)
{
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &a->name, add ? N_("Full name") : N_("New full name"), N_("NAME") },
    { "starter", 0, 0, G_OPTION_ARG_NONE, &a->starter, N_("A starting teacher"), NULL },
    { "observer", 0, 0, G_OPTION_ARG_NONE, &a->observer, N_("Someone who observes"), NULL },
    { "school", 0, 0, G_OPTION_ARG_STRING, &a->school, N_("School"), N_("SCHOOL") },
    { "board", 0, 0, G_OPTION_ARG_STRING, &a->board, N_("School board"), N_("BOARD") },
    { "induction-start", 0, 0, G_OPTION_ARG_STRING, &a->induction_start,
      N_("Start of the induction, YYYY-MM-DD (starters)"), N_("DATE") },
    { "year", 0, 0, G_OPTION_ARG_INT, &a->year, N_("Induction year 1, 2 or 3 (starters)"), "1|2|3" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &a->role,
      N_("Usual role of an observer: coach, assessor, school-leader or mentor"), N_("ROLE") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (add ? _("— add a starter or an observer")
                                                      : _("NAME|ID — change a person's details"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
lb_cli_valid_date (const char *date)
{
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  return dt != NULL && strlen (date) == 10;
}

/* Checks and applies the options to @p; prints the problem and returns
 * FALSE on a bad one. */
static gboolean
apply_person_args (PersonArgs *a, LbPerson *p, const char *command)
{
  if (a->year != 0 && (a->year < 1 || a->year > 3))
    return lb_cli_usage_error (command, _("the induction year is 1, 2 or 3, not %d"), a->year), FALSE;
  if (a->induction_start && *a->induction_start && !lb_cli_valid_date (a->induction_start))
    return lb_cli_usage_error (command, _("“%s” is not a date; write it as YYYY-MM-DD"), a->induction_start), FALSE;
  if (a->role)
    {
      LbRole role;
      if (!lb_role_from_string (a->role, &role) || role == LB_ROLE_STARTER)
        return lb_cli_usage_error (command, _("unknown role “%s”; use coach, assessor, school-leader or mentor"),
                                   a->role), FALSE;
      if (p->is_starter)
        return lb_cli_usage_error (command, _("a starter has no observer role; --role is for observers")), FALSE;
      p->role = role;
    }
  if (p->is_starter && a->year == 0 && p->induction_year == 0)
    return lb_cli_usage_error (command, _("a starter needs --year (1, 2 or 3)")), FALSE;
  if (!p->is_starter && (a->year || a->induction_start))
    return lb_cli_usage_error (command, _("--year and --induction-start are for starters")), FALSE;
#define SET(field, value) if (value) g_free (p->field), p->field = g_strdup (*(value) ? (value) : NULL)
  SET (name, a->name);
  SET (school, a->school);
  SET (board, a->board);
  SET (induction_start, a->induction_start);
#undef SET
  if (a->year)
    p->induction_year = a->year;
  return TRUE;
}

static int
people_add (LbCliGlobals *g, int argc, char **argv)
{
  g_auto(PersonArgs) a = { 0 };
  g_autoptr(GOptionContext) context = person_context (&a, TRUE);
  if (!lb_cli_parse_command (context, &argc, &argv, "people add"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("people add", _("unexpected argument “%s”"), argv[1]);
  if (a.name == NULL || *g_strstrip (a.name) == '\0')
    return lb_cli_usage_error ("people add", _("give the person's name with --name"));
  if (a.starter == a.observer)
    return lb_cli_usage_error ("people add", _("say whether this is a --starter or an --observer"));
  if (a.observer && a.role == NULL)
    return lb_cli_usage_error ("people add", _("an observer needs --role (coach, assessor, school-leader or mentor)"));
  g_autoptr(LbPerson) p = lb_person_new ();
  p->is_starter = a.starter;
  if (!apply_person_args (&a, p, "people add"))
    return LB_EXIT_USAGE;

  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "people add");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) same = lb_store_find_person (store, p->name, NULL);
  if (same)
    g_printerr (_("lesbezoek people add: note: someone called “%s” already exists; use ids to tell "
                  "them apart\n"), p->name);
  g_autoptr(LbPerson) added = lb_store_add_person (store, p, &error);
  if (added == NULL)
    return lb_cli_fail ("people add", error);
  g_print ("%s\n", added->uuid);
  return LB_EXIT_OK;
}

static int
people_update (LbCliGlobals *g, int argc, char **argv)
{
  g_auto(PersonArgs) a = { 0 };
  g_autoptr(GOptionContext) context = person_context (&a, FALSE);
  if (!lb_cli_parse_command (context, &argc, &argv, "people update"))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error ("people update", _("name one person by name or id"));
  if (a.starter || a.observer)
    return lb_cli_usage_error ("people update", _("a starter stays a starter and an observer an observer"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "people update");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_store_find_person (store, argv[1], &error);
  if (p == NULL)
    return lb_cli_fail ("people update", error);
  if (!apply_person_args (&a, p, "people update"))
    return LB_EXIT_USAGE;
  if (!lb_store_update_person (store, p, &error))
    return lb_cli_fail ("people update", error);
  g_print (_("Updated %s\n"), p->name);
  return LB_EXIT_OK;
}

static int
people_list (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *format = NULL;
  gboolean starters = FALSE, tsv;
  GOptionEntry entries[] = {
    { "starters", 0, 0, G_OPTION_ARG_NONE, &starters, N_("Only the starters"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("table (the default) or tsv"), "table|tsv" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the starters and observers"));
  g_option_context_set_description (context, _("With --format tsv, each line holds: id, name, role, "
                                               "induction year, school, board, induction start."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, "people list"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("people list", _("unexpected argument “%s”"), argv[1]);
  if (!parse_format (format, &tsv, "people list"))
    return LB_EXIT_USAGE;
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "people");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = store ? lb_store_list_people (store, starters, &error) : NULL;
  if (people == NULL)
    return store ? lb_cli_fail ("people", error) : LB_EXIT_FAILED;

  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table, g_strdupv ((char *[]) { _("Name"), _("Role"), _("Year"), _("School"), _("Board"),
                                                  _("Induction start"), _("Observations"), _("Id"), NULL }));
  for (guint i = 0; i < people->len; i++)
    {
      LbPerson *p = people->pdata[i];
      LbRole role = p->is_starter ? LB_ROLE_STARTER : p->role;
      g_autofree char *year = p->induction_year ? g_strdup_printf ("%d", p->induction_year) : g_strdup ("");
      if (tsv)
        {
          const char *fields[] = { p->uuid, p->name, lb_role_to_string (role), year, p->school, p->board,
                                   p->induction_start };
          print_tsv (fields, G_N_ELEMENTS (fields));
          continue;
        }
      char **row = g_new0 (char *, 9);
      row[0] = g_strdup (p->name);
      row[1] = g_strdup (lb_role_to_label (role));
      row[2] = g_strdup (year);
      row[3] = g_strdup (p->school ? p->school : "");
      row[4] = g_strdup (p->board ? p->board : "");
      row[5] = g_strdup (p->induction_start ? p->induction_start : "");
      row[6] = g_strdup_printf ("%u", lb_store_count_observations_of (store, p->uuid));
      row[7] = g_strndup (p->uuid, 8);
      g_ptr_array_add (table, row);
    }
  if (!tsv && people->len == 0)
    g_print (_("Nobody yet; add people with “lesbezoek people add”.\n"));
  else if (!tsv)
    print_table (table);
  return LB_EXIT_OK;
}

/* lesbezoek people [list|add|update …] */
int
lb_cli_people (LbCliGlobals *g, int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "list") || argv[1][0] == '-')
    {
      gboolean named = argc >= 2 && g_str_equal (argv[1], "list");
      if (!named && argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
        {
          g_print (_("Usage:\n  lesbezoek people [list] [--starters] [--format table|tsv]\n"
                     "  lesbezoek people add --name NAME --starter --year 1|2|3 [--school S] [--board B] "
                     "[--induction-start DATE]\n"
                     "  lesbezoek people add --name NAME --observer --role coach|assessor|school-leader|mentor "
                     "[--school S]\n"
                     "  lesbezoek people update NAME|ID [--name N] [--school S] [--board B] "
                     "[--induction-start DATE] [--year Y] [--role R]\n\n"
                     "“lesbezoek people add --help” shows the options in full.\n"));
          return LB_EXIT_OK;
        }
      return named ? people_list (g, argc - 1, argv + 1) : people_list (g, argc, argv);
    }
  if (g_str_equal (argv[1], "add"))
    return people_add (g, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "update"))
    return people_update (g, argc - 1, argv + 1);
  return lb_cli_usage_error ("people", _("unknown action “%s”; use list, add or update"), argv[1]);
}

/* ---- verify ---- */

/* lesbezoek verify */
int
lb_cli_verify (LbCliGlobals *g, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— check the database and the hash of every final observation"));
  if (!lb_cli_parse_command (context, &argc, &argv, "verify"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("verify", _("unexpected argument “%s”"), argv[1]);
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "verify");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (store, &n, &error);
  if (bad == NULL)
    return lb_cli_fail ("verify", error);
  if (bad->len == 0)
    {
      g_print (ngettext ("%u final observation checked, all intact\n",
                         "%u final observations checked, all intact\n", n), n);
      return LB_EXIT_OK;
    }
  g_print (ngettext ("%u of %u final observations does not match its hash: it was changed after signing.\n",
                     "%u of %u final observations do not match their hash: they were changed after signing.\n",
                     bad->len), bad->len, n);
  for (guint i = 0; i < bad->len; i++)
    {
      g_autoptr(LbObservation) o = lb_store_load (store, bad->pdata[i], NULL);
      g_print ("  %s  %s  %s\n", (char *) bad->pdata[i], o ? o->starter->name : "?", o ? o->date : "?");
    }
  g_print (_("Restore a backup with “lesbezoek restore”, or keep these observations only as evidence "
             "of what happened.\n"));
  return LB_EXIT_FAILED;
}

/* ---- restore ---- */

static char *
db_path_of (LbCliGlobals *g)
{
  return g->db_path ? g_strdup (g->db_path) : lb_store_default_path ();
}

static void
list_backups (GPtrArray *backups, const char *db_path)
{
  if (backups->len == 0)
    {
      g_autofree char *dir = lb_store_backup_dir (db_path);
      g_print (_("There are no backups in %s yet.\n"), dir);
      return;
    }
  g_print (_("Backups of %s, newest first:\n"), db_path);
  for (guint i = 0; i < backups->len; i++)
    {
      GStatBuf st;
      const char *path = backups->pdata[i];
      if (g_stat (path, &st) != 0)
        continue;
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (st.st_mtime);
      g_autofree char *when = g_date_time_format (t, "%Y-%m-%d %H:%M");
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_print ("  %s  %9s  %s\n", when, size, path);
    }
  g_print (_("Restore one with “lesbezoek restore BACKUP” (a path, a file name or a date).\n"));
}

/* A backup named by its path, its file name or the date in its name. */
static char *
find_backup (GPtrArray *backups, const char *what)
{
  if (g_file_test (what, G_FILE_TEST_IS_REGULAR))
    return g_strdup (what);
  for (guint i = 0; i < backups->len; i++)
    {
      g_autofree char *base = g_path_get_basename (backups->pdata[i]);
      g_autofree char *dated = g_strdup_printf (".%s.backup", what);
      if (g_str_equal (base, what) || g_str_has_suffix (base, dated))
        return g_strdup (backups->pdata[i]);
    }
  return NULL;
}

/* lesbezoek restore [BACKUP] [--yes]. The store is not opened: opening
 * would take a new backup and hold the file that is about to move. */
int
lb_cli_restore (LbCliGlobals *g, int argc, char **argv)
{
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[BACKUP] — list the backups, or restore one"));
  g_option_context_set_description (context, _("The current database is never overwritten: it is kept "
                                               "beside the restored one, and its new name is shown."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, "restore"))
    return LB_EXIT_USAGE;
  if (argc > 2)
    return lb_cli_usage_error ("restore", _("name at most one backup"));
  g_autofree char *db_path = db_path_of (g);
  g_autoptr(GPtrArray) backups = lb_store_list_backups (db_path);
  if (argc == 1)
    return list_backups (backups, db_path), LB_EXIT_OK;

  g_autofree char *backup = find_backup (backups, argv[1]);
  if (backup == NULL)
    {
      g_printerr (_("lesbezoek restore: no backup “%s”; “lesbezoek restore” lists them\n"), argv[1]);
      return LB_EXIT_FAILED;
    }
  g_autofree char *question = g_strdup_printf (_("Replace the database %s by the backup %s? The current "
                                                 "database is kept beside it. [y/N]"), db_path, backup);
  int status = lb_cli_confirm ("restore", yes, question, NULL);
  if (status != LB_EXIT_OK)
    return status;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  if (!lb_store_restore (db_path, backup, &aside, &error))
    return lb_cli_fail ("restore", error);
  g_print (_("Restored %s from %s.\n"), db_path, backup);
  if (aside)
    g_print (_("The database as it was is kept as %s.\n"), aside);
  return LB_EXIT_OK;
}

/* ---- erase ---- */

/* Copies kept beside the database (moved aside by a restore or because
 * they were damaged) may still hold the person; erase does not touch the
 * user's files, so it names them. */
static void
warn_about_copies (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gboolean header = FALSE;
  while (d && (name = g_dir_read_name (d)))
    {
      if (!g_str_has_prefix (name, prefix) || g_str_has_suffix (name, "-wal") || g_str_has_suffix (name, "-shm"))
        continue;
      if (!header)
        g_print (_("These older copies of the database were not touched and may still hold this person; "
                   "delete them if they are no longer needed:\n")), header = TRUE;
      g_print ("  %s%s%s\n", dir, G_DIR_SEPARATOR_S, name);
    }
}

/* lesbezoek erase --person NAME [--yes] */
int
lb_cli_erase (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *person = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The person to erase (name or id)"), N_("NAME") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— erase every trace of a person"));
  g_option_context_set_description (context,
    _("Removes the person, every observation they were observed in or made, and the audit log about "
      "them; the file is vacuumed and the backups are replaced by one made afterwards. This cannot be "
      "undone."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, "erase"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("erase", _("unexpected argument “%s”"), argv[1]);
  if (person == NULL)
    return lb_cli_usage_error ("erase", _("name the person with --person"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "erase");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_store_find_person (store, person, &error);
  if (p == NULL)
    return lb_cli_fail ("erase", error);

  guint n = lb_store_count_observations_of (store, p->uuid);
  g_autofree char *role = g_utf8_strdown (lb_role_to_label (p->is_starter ? LB_ROLE_STARTER : p->role), -1);
  g_print (ngettext ("This erases %s (%s) and %u observation in which they were observed or observed "
                     "someone, with its notes, scores and audit log.\n",
                     "This erases %s (%s) and %u observations in which they were observed or observed "
                     "someone, with their notes, scores and audit log.\n", n), p->name, role, n);
  g_autofree char *question = g_strdup_printf (_("Type the person's name to confirm (%s):"), p->name);
  int status = lb_cli_confirm ("erase", yes, question, p->name);
  if (status != LB_EXIT_OK)
    return status;
  if (!lb_store_erase_person (store, p->uuid, &error))
    return lb_cli_fail ("erase", error);
  g_print (_("Erased %s. The database was vacuumed and its backups were replaced.\n"), p->name);
  warn_about_copies (lb_store_get_path (store));
  return LB_EXIT_OK;
}

/* ---- demo ---- */

/* lesbezoek demo [--seed N] */
int
lb_cli_demo (LbCliGlobals *g, int argc, char **argv)
{
  gint64 seed = 2026;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Another seed gives other (but as realistic) data"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— fill an empty database with demo data"));
  g_option_context_set_description (context,
    _("Three starters in induction years 1, 2 and 3 at three schools of one board, with their coaches, "
      "an assessor and their school leaders, and observations spread over their induction so far. "
      "The same seed gives the same data."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, "demo"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("demo", _("unexpected argument “%s”"), argv[1]);
  if (seed < 0 || seed > G_MAXUINT)
    return lb_cli_usage_error ("demo", _("the seed is a number from 0 to %u"), G_MAXUINT);
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "demo");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lb_store_list_people (store, FALSE, &error);
  if (people == NULL)
    return lb_cli_fail ("demo", error);
  if (people->len > 0 || lb_store_count (store) > 0)
    {
      g_printerr (_("lesbezoek demo: %s already holds data; demo data only goes into an empty database "
                    "(choose another file with --db)\n"), lb_store_get_path (store));
      return LB_EXIT_FAILED;
    }
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  if (inst == NULL || !lb_demo_fill (store, inst, (guint) seed, &error))
    return lb_cli_fail ("demo", error);

  g_autoptr(GPtrArray) all = lb_store_list (store, NULL, &error);
  guint n_final = 0;
  for (guint i = 0; all && i < all->len; i++)
    n_final += ((LbSummary *) all->pdata[i])->status == LB_STATUS_FINAL;
  g_autoptr(GPtrArray) starters = lb_store_list_people (store, TRUE, NULL);
  g_autoptr(GPtrArray) everyone = lb_store_list_people (store, FALSE, NULL);
  g_print (_("Demo data in %s: %u starters, %u observers, %u observations (%u final, %u drafts).\n"),
           lb_store_get_path (store), starters ? starters->len : 0,
           everyone && starters ? everyone->len - starters->len : 0, all ? all->len : 0, n_final,
           all ? all->len - n_final : 0);
  g_print (_("See them with “lesbezoek list” and “lesbezoek show ID”.\n"));
  return LB_EXIT_OK;
}
