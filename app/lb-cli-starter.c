/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* The starter's side and intersubjectivity, headless: `zone` (the zone of
 * next development, lb-rasch.c), `compare` and `calibrate` (observer
 * agreement and normering, lb-agreement.c) and `goals` (the development
 * plan, lb-store-goals.c). These only print what the model computes; the
 * starter's page and the comparison screen call the same functions.
 *
 * Exit statuses as elsewhere: 2 for malformed arguments, 1 for what the
 * database or the model refuses or lacks. */

#include "config.h"
#include "lb-agreement.h"
#include "lb-cli-private.h"
#include "lb-error.h"
#include "lb-rasch.h"
#include "lb-report.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers ---- */

static gboolean
parse_command (GOptionContext *context, int *argc, char ***argv, const char *command)
{
  g_autofree char *name = g_strconcat ("lesbezoek ", command, NULL);
  g_set_prgname (name);
  return lb_cli_parse (context, argc, argv, command);
}

static int
fail (const char *command, const GError *error)
{
  g_printerr ("lesbezoek %s: %s\n", command, error->message);
  return LB_EXIT_FAILED;
}

static LbStore *
open_store (LbCliGlobals *g, const char *command)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_cli_open_store (g, &error);
  if (store == NULL)
    fail (command, error);
  return store;
}

static gboolean
parse_format (const char *format, gboolean *tsv, const char *command)
{
  *tsv = format != NULL && g_str_equal (format, "tsv");
  if (format == NULL || *tsv || g_str_equal (format, "table"))
    return TRUE;
  lb_cli_usage_error (command, _("unknown format “%s”; use table or tsv"), format);
  return FALSE;
}

/* The starter called @name, or NULL after saying why not. */
static LbPerson *
find_starter (LbStore *store, const char *name, const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_store_find_person (store, name, &error);
  if (p == NULL)
    return fail (command, error), NULL;
  if (!p->is_starter)
    {
      g_printerr (_("lesbezoek %s: %s is not a starter\n"), command, p->name);
      return NULL;
    }
  return g_steal_pointer (&p);
}

static void
print_tsv (const char * const *fields, guint n)
{
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (line, '\t');
      for (const char *p = fields[i] ? fields[i] : ""; *p; p++)
        g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
    }
  g_print ("%s\n", line->str);
}

/* Columns padded to their widest cell (in characters, not bytes). */
static void
print_table (GPtrArray *rows, const char *indent)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      for (guint c = 0; row[c]; c++)
        {
          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          glong *w = &g_array_index (widths, glong, c);
          *w = MAX (*w, g_utf8_strlen (row[c], -1));
        }
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      g_autoptr(GString) line = g_string_new (indent);
      for (guint c = 0; row[c]; c++)
        {
          g_string_append (line, row[c]);
          if (row[c + 1])
            for (glong pad = g_array_index (widths, glong, c) - g_utf8_strlen (row[c], -1) + 2; pad > 0; pad--)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

/* "ph.klimaat.1" or, in an instrument with cycles, "ph.klimaat.1 (2)". */
static char *
unit_label (LbNode *item, guint session)
{
  return session ? g_strdup_printf ("%s (%u)", lb_node_get_id (item), session)
                 : g_strdup (lb_node_get_id (item));
}

static const char *
level_id (LbNode *item, int level)
{
  if (level == LB_AGREEMENT_NOT_OBSERVED)
    return "–";
  if (level < 0)
    return "";
  return lb_scale_get_level (lb_node_get_scale (item), (guint) level)->id;
}

/* ---- zone ---- */

static void
print_zone (LbZone *z, const LbPerson *who, const char *lang)
{
  LbObservation *newest = z->observations->pdata[0];
  LbObservation *oldest = z->observations->pdata[z->observations->len - 1];
  g_print (_("Zone of next development of %s\n"), who->name);
  g_print (_("Skill estimate: %.2f logits (standard error %.2f)\n"), z->estimate.theta, z->estimate.se);
  g_print (g_dngettext (GETTEXT_PACKAGE, "From %u final observation (%s – %s): %u indicators seen, %u ticked\n",
                        "From %u final observations (%s – %s): %u indicators seen, %u ticked\n",
                        z->observations->len),
           z->observations->len, oldest->date, newest->date, z->estimate.n_responses, z->estimate.n_ticked);
  g_print ("\n");
  if (z->entries->len == 0)
    g_print (_("No indicator lies in the zone that was not yet ticked in the latest lesson.\n"));
  else
    g_print (_("Most likely to master next (difficulty in logits, chance of showing it now):\n"));
  for (guint i = 0; i < z->entries->len; i++)
    {
      LbZoneEntry *e = z->entries->pdata[i];
      g_print ("  %5.2f  %3.0f%%  %s  %s\n", e->difficulty, 100 * e->probability, lb_node_get_id (e->indicator),
               lb_text_get (lb_node_get_text (e->indicator), lang));
    }
  if (z->n_below_unseen > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "\n%u easier indicator was not ticked in the latest lesson in which it could be seen.\n",
                          "\n%u easier indicators were not ticked in the latest lesson in which they could be seen.\n",
                          z->n_below_unseen), z->n_below_unseen);
  g_print ("\n%s\n%s\n", _("How this was computed:"), z->explanation);
}

/* lesbezoek zone --person NAME [--lang LANG] */
int
lb_cli_zone (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *person = NULL, *lang = NULL;
  GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The starter"), N_("NAME") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("Language of the instrument texts (nl, en)"), "LANG" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the zone of next development of a starter"));
  g_option_context_set_description (context,
    _("Estimates the starter's skill on the instrument's Rasch scale from the ticked indicators of their "
      "most recent final observations, and lists the indicators just above it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command (context, &argc, &argv, "zone"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("zone", _("unexpected argument “%s”"), argv[1]);
  if (person == NULL)
    return lb_cli_usage_error ("zone", _("say whose zone with --person NAME"));
  g_autoptr(LbStore) store = open_store (g, "zone");
  g_autoptr(LbPerson) who = store ? find_starter (store, person, "zone") : NULL;
  if (who == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbZone) zone = lb_zone_for_person (store, who->uuid, NULL, &error);
  if (zone == NULL)
    return fail ("zone", error);
  print_zone (zone, who, lang ? lang : lb_text_ui_language ());
  return LB_EXIT_OK;
}

/* ---- compare ---- */

static void
print_observers (LbComparison *c)
{
  LbObservation *first = c->observations->pdata[0];
  g_print (_("Comparison of %u observations of %s on %s (%s %s)\n"), c->observations->len,
           first->starter->name, first->date, lb_instrument_get_id (c->instrument),
           lb_instrument_get_version (c->instrument));
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < c->observations->len; i++)
    {
      LbObservation *o = c->observations->pdata[i];
      g_autofree char *role = g_utf8_strdown (lb_role_to_label (o->observer_role), -1);
      char **row = g_new0 (char *, 5);
      row[0] = g_strdup_printf ("%c", 'A' + (int) MIN (i, 25));
      row[1] = g_strndup (o->uuid, 8);
      row[2] = g_strdup_printf ("%s (%s)", o->observer->name, role);
      row[3] = g_strdup (lb_purpose_to_label (o->purpose));
      g_ptr_array_add (table, row);
    }
  print_table (table, "  ");
}

static void
print_rows (LbComparison *c)
{
  guint n = c->observations->len;
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **head = g_new0 (char *, n + 3);
  head[0] = g_strdup (_("Item"));
  for (guint i = 0; i < n; i++)
    head[i + 1] = g_strdup_printf ("%c", 'A' + (int) MIN (i, 25));
  head[n + 1] = g_strdup (_("Spread"));
  g_ptr_array_add (table, head);
  for (guint r = 0; r < c->rows->len; r++)
    {
      LbComparisonRow *row = c->rows->pdata[r];
      char **line = g_new0 (char *, n + 3);
      line[0] = unit_label (row->item, row->session);
      for (guint i = 0; i < n; i++)
        line[i + 1] = g_strdup (level_id (row->item, row->levels[i]));
      line[n + 1] = row->spread >= 0 ? g_strdup_printf ("%d%s", row->spread,
                                                        row->spread >= LB_COMPARISON_NOTABLE_SPREAD ? " !" : "")
                                     : g_strdup ("");
      g_ptr_array_add (table, line);
    }
  print_table (table, "");
  g_print (_("– = not observed; ! = two points or more apart\n"));
}

static char *
percent (double share)
{
  return isnan (share) ? g_strdup (_("not defined")) : g_strdup_printf ("%.1f%%", 100 * share);
}

static char *
coefficient (double value)
{
  return isnan (value) ? g_strdup (_("not defined")) : g_strdup_printf ("%.3f", value);
}

/* A two-cell row that owns @value. */
static char **
stat_row (const char *label, char *value)
{
  char **row = g_new0 (char *, 3);
  row[0] = g_strdup (label);
  row[1] = value;
  return row;
}

static void
print_stat_table (LbComparison *c, LbAgreementStats *st)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table, stat_row (_("Exact agreement"), percent (st->exact)));
  g_ptr_array_add (table, stat_row (_("Within one point"), percent (st->within_one)));
  if (c->observations->len == 2)
    {
      g_ptr_array_add (table, stat_row (_("Cohen's kappa"), coefficient (st->kappa)));
      g_ptr_array_add (table, stat_row (_("Cohen's kappa, quadratic weights"),
                                        coefficient (st->kappa_quadratic)));
    }
  g_ptr_array_add (table, stat_row (_("Krippendorff's alpha, ordinal"), coefficient (st->alpha_ordinal)));
  print_table (table, "  ");
}

/* "Cycle 2" or "Segment 2": what the instrument calls its sessions. */
static char *
session_name (LbInstrument *inst, guint session)
{
  return lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL) == LB_SESSIONS_CYCLES
         ? g_strdup_printf (_("Cycle %u"), session) : g_strdup_printf (_("Segment %u"), session);
}

static void
print_stats (LbComparison *c)
{
  for (guint s = 0; s < c->stats->len; s++)
    {
      LbAgreementStats *st = c->stats->pdata[s];
      g_print ("\n");
      g_print (_("Scale “%s” (%u levels): %u units, %u of them scored by two observers or more\n"),
               lb_text_get_ui (lb_scale_get_title (st->scale)), lb_scale_get_n_levels (st->scale),
               st->n_items, st->n_units);
      print_stat_table (c, st);
    }
  for (guint s = 0; s < c->session_stats->len; s++)
    {
      LbAgreementStats *st = c->session_stats->pdata[s];
      g_autofree char *name = session_name (c->instrument, st->session);
      g_print ("\n");
      g_print (_("%s, scale “%s”: %u units, %u of them scored by two observers or more\n"), name,
               lb_text_get_ui (lb_scale_get_title (st->scale)), st->n_items, st->n_units);
      print_stat_table (c, st);
    }
}

static char *
tsv_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return isnan (value) ? g_strdup ("NA") : g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6f", value));
}

/* "session-stat, session, scale id, name, value": the same per cycle or segment. */
static void
print_session_stats_tsv (LbComparison *c)
{
  for (guint s = 0; s < c->session_stats->len; s++)
    {
      LbAgreementStats *st = c->session_stats->pdata[s];
      const char *id = lb_scale_get_id (st->scale);
      g_autofree char *session = g_strdup_printf ("%u", st->session);
      g_autofree char *units = g_strdup_printf ("%u", st->n_units), *pairs = g_strdup_printf ("%u", st->n_pairs);
      char *v[] = { units, pairs, tsv_number (st->exact), tsv_number (st->within_one), tsv_number (st->kappa),
                    tsv_number (st->kappa_quadratic), tsv_number (st->alpha_ordinal) };
      const char *names[] = { "units", "pairs", "exact", "within-one", "kappa", "kappa-quadratic", "alpha-ordinal" };
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        print_tsv ((const char *[]) { "session-stat", session, id, names[i], v[i] }, 5);
      for (guint i = 2; i < G_N_ELEMENTS (v); i++)
        g_free (v[i]);
    }
}

static void
print_compare_tsv (LbComparison *c)
{
  guint n = c->observations->len;
  for (guint r = 0; r < c->rows->len; r++)
    {
      LbComparisonRow *row = c->rows->pdata[r];
      g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (f, g_strdup ("item"));
      g_ptr_array_add (f, g_strdup_printf ("%u", row->session));
      g_ptr_array_add (f, g_strdup (lb_node_get_id (row->item)));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (f, g_strdup (row->levels[i] == LB_AGREEMENT_NOT_OBSERVED ? "-"
                                      : level_id (row->item, row->levels[i])));
      g_ptr_array_add (f, row->spread >= 0 ? g_strdup_printf ("%d", row->spread) : g_strdup (""));
      print_tsv ((const char * const *) f->pdata, f->len);
    }
  for (guint s = 0; s < c->stats->len; s++)
    {
      LbAgreementStats *st = c->stats->pdata[s];
      const char *id = lb_scale_get_id (st->scale);
      g_autofree char *units = g_strdup_printf ("%u", st->n_units), *pairs = g_strdup_printf ("%u", st->n_pairs);
      char *v[] = { tsv_number (st->exact), tsv_number (st->within_one), tsv_number (st->kappa),
                               tsv_number (st->kappa_quadratic), tsv_number (st->alpha_ordinal) };
      const char *names[] = { "exact", "within-one", "kappa", "kappa-quadratic", "alpha-ordinal" };
      print_tsv ((const char *[]) { "stat", id, "units", units }, 4);
      print_tsv ((const char *[]) { "stat", id, "pairs", pairs }, 4);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          print_tsv ((const char *[]) { "stat", id, names[i], v[i] }, 4);
          g_free (v[i]);
        }
    }
  print_session_stats_tsv (c);
}

/* lesbezoek compare UUID UUID… [--format table|tsv] [--include-formatief] */
int
lb_cli_compare (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *format = NULL;
  gboolean formatief = FALSE, tsv;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("table (the default) or tsv"), "table|tsv" },
    { "include-formatief", 0, 0, G_OPTION_ARG_NONE, &formatief,
      N_("Also compare formative observations that the starter chose to share"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID UUID… — how alike observers scored one lesson"));
  g_option_context_set_description (context,
    _("With --format tsv, a line “item, session, item id, each observer's level (- for not observed), spread” "
      "per item, then lines “stat, scale id, name, value” for units, pairs, exact, within-one, kappa, "
      "kappa-quadratic and alpha-ordinal (NA when not defined); for an instrument with cycles or segments "
      "then lines “session-stat, session, scale id, name, value” with the same per session."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command (context, &argc, &argv, "compare") || !parse_format (format, &tsv, "compare"))
    return LB_EXIT_USAGE;
  if (argc < 3)
    return lb_cli_usage_error ("compare", _("give two or more observations to compare"));
  g_autoptr(LbStore) store = open_store (g, "compare");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbComparison) c = lb_comparison_load (store, (const char * const *) argv + 1,
                                                  formatief ? LB_COMPARE_INCLUDE_FORMATIEF : 0, &error);
  if (c == NULL && g_error_matches (error, LB_ERROR, LB_ERROR_FORBIDDEN))
    {
      g_printerr (_("lesbezoek compare: %s If the starter did, add --include-formatief.\n"), error->message);
      return LB_EXIT_FAILED;
    }
  if (c == NULL)
    return fail ("compare", error);
  if (tsv)
    return print_compare_tsv (c), LB_EXIT_OK;
  print_observers (c);
  g_print ("\n");
  print_rows (c);
  print_stats (c);
  return LB_EXIT_OK;
}

/* ---- calibrate ---- */

/* Per cycle or segment; on a cycle instrument the standard must hold in each. */
static void
print_calibration_sessions (LbCalibration *cal)
{
  if (cal->sessions->len == 0)
    return;
  g_print ("%s\n", cal->per_session ? _("The standard applies to every cycle:")
                                    : _("Per segment (the standard applies to all together):"));
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cal->sessions->len; i++)
    {
      LbCalibrationSession *cs = &g_array_index (cal->sessions, LbCalibrationSession, i);
      /* Cells left out rather than left empty: no trailing blanks. */
      GStrvBuilder *cells = g_strv_builder_new ();
      g_autofree char *name = session_name (cal->instrument, cs->session);
      g_autofree char *within = g_strdup_printf (_("%u of %u items within (%.1f%%)"), cs->n_within, cs->n_items,
                                                 cs->n_items ? 100 * cs->share : 0.0);
      g_autofree char *snapshots = cs->n_snapshots ? g_strdup_printf (_("snapshots %u of %u exact"),
                                                                      cs->n_snapshots_exact, cs->n_snapshots) : NULL;
      g_strv_builder_add_many (cells, name, within, NULL);
      if (snapshots)
        g_strv_builder_add (cells, snapshots);
      if (cal->per_session)
        g_strv_builder_add (cells, cs->meets ? _("meets") : _("does not meet"));
      g_ptr_array_add (table, g_strv_builder_end (cells));
      g_strv_builder_unref (cells);
    }
  print_table (table, "  ");
}

static void
print_calibration (LbCalibration *cal)
{
  g_print (_("Calibration of %s against the reference scoring by %s (lesson of %s, %s)\n"),
           cal->assessor->observer->name, cal->reference->observer->name, cal->reference->starter->name,
           cal->reference->date);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Standard of %s %s: at least %.0f%% of the items within %u point of the reference\n",
                        "Standard of %s %s: at least %.0f%% of the items within %u points of the reference\n",
                        cal->within),
           lb_instrument_get_id (cal->instrument), lb_instrument_get_version (cal->instrument),
           100 * cal->required_share, cal->within);
  LbText *description = lb_instrument_get_calibration_description (cal->instrument);
  if (description && !lb_text_is_empty (description))
    g_print ("%s\n", lb_text_get_ui (description));
  g_print (_("Within the standard: %u of %u items (%.1f%%)\n"), cal->n_within, cal->n_items,
           cal->n_items ? 100 * cal->share : 0.0);
  if (!isnan (cal->required_snapshots) && cal->n_snapshots > 0)
    g_print (_("Snapshots answered exactly as the reference: %u of %u (%.1f%%; at least %.0f%% needed)\n"),
             cal->n_snapshots_exact, cal->n_snapshots, 100 * cal->snapshot_share, 100 * cal->required_snapshots);
  print_calibration_sessions (cal);
  g_print ("%s\n", cal->meets ? _("Result: meets the standard") : _("Result: does not meet the standard"));
  if (cal->off->len == 0)
    return;
  g_print ("\n%s\n", _("Items outside the standard:"));
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cal->off->len; i++)
    {
      LbCalibrationRow *row = cal->off->pdata[i];
      char **line = g_new0 (char *, 4);
      line[0] = unit_label (row->item, row->session);
      line[1] = g_strdup_printf (_("reference %s"), level_id (row->item, row->reference));
      line[2] = row->assessor >= 0 ? g_strdup_printf (_("assessor %s"), level_id (row->item, row->assessor))
                : g_strdup (row->assessor == LB_AGREEMENT_NOT_OBSERVED ? _("assessor: not observed")
                                                                       : _("assessor: not scored"));
      g_ptr_array_add (table, line);
    }
  print_table (table, "  ");
}

/* Several reference lessons ("in each of 3 videos"): each one as above,
 * then the standard over all of them. */
static void
print_calibration_set (LbCalibrationSet *set)
{
  for (guint i = 0; i < set->calibrations->len; i++)
    {
      g_print (_("— Reference %u of %u —\n"), i + 1, MAX (set->required, set->calibrations->len));
      print_calibration (set->calibrations->pdata[i]);
      g_print ("\n");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "The standard asks for %u reference observation, %s; %u given.\n",
                        "The standard asks for %u reference observations, %s; %u given.\n", set->required),
           set->required, set->in_each ? _("and must be met in each of them") : _("and is met over all of them together"),
           set->calibrations->len);
  g_print (_("Over all references: %u of %u items within the standard (%.1f%%)\n"), set->n_within, set->n_items,
           set->n_items ? 100 * set->share : 0.0);
  if (set->n_snapshots > 0)
    g_print (_("Snapshots answered exactly as the references: %u of %u\n"), set->n_snapshots_exact,
             set->n_snapshots);
  g_print ("%s\n", set->meets ? _("Overall result: meets the standard") : _("Overall result: does not meet the standard"));
}

static int
calibrate_pdf (LbCalibrationSet *set, const char *output)
{
  g_autoptr(GError) error = NULL;
  LbCalibration *cal = g_ptr_array_steal_index (set->calibrations, 0);
  g_autoptr(LbReportDocument) doc = lb_report_document_new_calibration (cal, NULL);
  if (!lb_report_write_pdf (doc, output, &error))
    return fail ("calibrate", error);
  g_print (_("Wrote %s\n"), output);
  return LB_EXIT_OK;
}

/* lesbezoek calibrate UUID --reference UUID [UUID --reference UUID …] */
int
lb_cli_calibrate (LbCliGlobals *g, int argc, char **argv)
{
  g_auto(GStrv) references = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "reference", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &references,
      N_("The reference scoring of the same lesson (once per observation, in the same order)"), N_("UUID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Also write the comparison as a PDF for the certification file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("UUID --reference UUID [UUID --reference UUID …] — does an assessor meet the "
                            "calibration standard"));
  g_option_context_set_description (context, _("Where the instrument asks for several reference lessons (videos), "
                                                "give the assessor's observation of each with the reference scoring "
                                                "of that lesson, in the same order."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command (context, &argc, &argv, "calibrate"))
    return LB_EXIT_USAGE;
  if (argc < 2 || references == NULL)
    return lb_cli_usage_error ("calibrate", _("give the assessor's observation and --reference UUID"));
  if ((guint) argc - 1 != g_strv_length (references))
    return lb_cli_usage_error ("calibrate", _("give one --reference for each of the assessor's observations "
                                              "(%d observations, %u references)"), argc - 1,
                               g_strv_length (references));
  if (output && argc > 2)
    return lb_cli_usage_error ("calibrate", _("-o writes the PDF of one reference lesson; give one pair"));
  g_autoptr(LbStore) store = open_store (g, "calibrate");
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbCalibrationSet) set = lb_calibration_set_load (store, (const char * const *) argv + 1,
                                                             (const char * const *) references, &error);
  if (set == NULL)
    return fail ("calibrate", error);
  if (set->calibrations->len == 1 && set->required <= 1)
    print_calibration (set->calibrations->pdata[0]);
  else
    print_calibration_set (set);
  return output ? calibrate_pdf (set, output) : LB_EXIT_OK;
}

/* ---- goals ---- */

static gboolean
valid_date (const char *date)
{
  guint y, m, d;
  char end;
  return strlen (date) == 10 && date[4] == '-' && date[7] == '-' &&
         sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* Every item id must name an item of an instrument this device knows. */
static gboolean
check_items (char **items, const char *command)
{
  if (items == NULL)
    return TRUE;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrumentRegistry) registry = lb_cli_open_registry (&error);
  if (registry == NULL)
    return fail (command, error), FALSE;
  for (guint i = 0; items[i]; i++)
    {
      gboolean known = FALSE;
      for (guint k = 0; !known && k < g_list_model_get_n_items (G_LIST_MODEL (registry)); k++)
        {
          g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (registry), k);
          LbNode *node = lb_instrument_find_node (inst, items[i]);
          known = node && lb_node_get_kind (node) == LB_NODE_ITEM;
        }
      if (!known)
        return lb_cli_usage_error (command, _("“%s” is not an item of any instrument on this device"), items[i]),
               FALSE;
    }
  return TRUE;
}

static gboolean
check_goal_options (const char *status, const char *target, char **items, LbGoalStatus *out,
                    const char *command)
{
  if (status && !lb_goal_status_from_string (status, out))
    return lb_cli_usage_error (command, _("unknown status “%s”; use open, working or reached"), status), FALSE;
  if (target && *target && !valid_date (target))
    return lb_cli_usage_error (command, _("“%s” is not a date written as YYYY-MM-DD"), target), FALSE;
  return check_items (items, command);
}

static void
print_goals (GPtrArray *goals, const LbPerson *who, gboolean tsv)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table, g_strdupv ((char *[]) { _("Status"), _("Target"), _("Goal"), _("Items"), _("Id"), NULL }));
  for (guint i = 0; i < goals->len; i++)
    {
      LbGoal *goal = goals->pdata[i];
      g_autofree char *items = g_strjoinv (tsv ? "," : ", ", goal->item_ids);
      if (tsv)
        {
          const char *fields[] = { goal->uuid, lb_goal_status_to_string (goal->status), goal->target_date,
                                   goal->text, items, goal->source_observation_uuid, goal->created_at,
                                   goal->updated_at };
          print_tsv (fields, G_N_ELEMENTS (fields));
          continue;
        }
      char **row = g_new0 (char *, 6);
      row[0] = g_strdup (lb_goal_status_to_label (goal->status));
      row[1] = g_strdup (goal->target_date ? goal->target_date : "");
      row[2] = g_strdup (goal->text);
      row[3] = g_strdup (items);
      row[4] = g_strndup (goal->uuid, 8);
      g_ptr_array_add (table, row);
    }
  if (tsv)
    return;
  g_print (_("Development plan of %s\n"), who->name);
  if (goals->len == 0)
    g_print (_("No goals yet; add one with “lesbezoek goals add”.\n"));
  else
    print_table (table, "  ");
}

static int
goals_list (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *person = NULL, *format = NULL;
  gboolean open = FALSE, tsv;
  GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The starter"), N_("NAME") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, N_("Only the goals not yet reached"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("table (the default) or tsv"), "table|tsv" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the goals of a starter's development plan"));
  g_option_context_set_description (context, _("With --format tsv, each line holds: id, status, target date, "
                                               "goal, items (comma-separated), source observation, created, "
                                               "updated.\n\nAlso:\n"
                                               "  lesbezoek goals add --person NAME --text TEXT [--item ID]… "
                                               "[--target DATE] [--from-observation UUID]\n"
                                               "  lesbezoek goals add --person NAME --from-observation UUID\n"
                                               "  lesbezoek goals update ID [--status open|working|reached] "
                                               "[--text TEXT] [--target DATE] [--item ID]…"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command (context, &argc, &argv, "goals") || !parse_format (format, &tsv, "goals"))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error ("goals", _("unexpected argument “%s”"), argv[1]);
  if (person == NULL)
    return lb_cli_usage_error ("goals", _("say whose goals with --person NAME"));
  g_autoptr(LbStore) store = open_store (g, "goals");
  g_autoptr(LbPerson) who = store ? find_starter (store, person, "goals") : NULL;
  if (who == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = lb_store_list_goals (store, who->uuid, open, &error);
  if (goals == NULL)
    return fail ("goals", error);
  print_goals (goals, who, tsv);
  return LB_EXIT_OK;
}

/* Sets the target date and items given on the command line on goals that
 * were made from an observation's afspraken. */
static gboolean
complete_goals (LbStore *store, GPtrArray *goals, const char *target, char **items, GError **error)
{
  for (guint i = 0; (target || items) && i < goals->len; i++)
    {
      LbGoal *goal = goals->pdata[i];
      if (target)
        g_free (goal->target_date), goal->target_date = g_strdup (target);
      if (items)
        g_strfreev (goal->item_ids), goal->item_ids = g_strdupv (items);
      if (!lb_store_update_goal (store, goal, error))
        return FALSE;
    }
  return TRUE;
}

static int
goals_from_observation (LbStore *store, const LbPerson *who, const char *obs, const char *target, char **items)
{
  const char *cmd = "goals add";
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = lb_store_resolve_uuid (store, obs, &error);
  g_autoptr(LbObservation) o = uuid ? lb_store_load (store, uuid, &error) : NULL;
  if (o == NULL)
    return fail (cmd, error);
  if (g_strcmp0 (o->starter->uuid, who->uuid) != 0)
    {
      g_printerr (_("lesbezoek goals add: observation %.8s is of %s, not of %s\n"), o->uuid, o->starter->name,
                  who->name);
      return LB_EXIT_FAILED;
    }
  guint existing = 0;
  g_autoptr(GPtrArray) goals = lb_store_add_goals_from_observation (store, o->uuid, &existing, &error);
  if (goals == NULL || !complete_goals (store, goals, target, items, &error))
    return fail (cmd, error);
  for (guint i = 0; i < goals->len; i++)
    g_print ("%.8s  %s\n", ((LbGoal *) goals->pdata[i])->uuid, ((LbGoal *) goals->pdata[i])->text);
  if (goals->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u goal from the agreements of %s.\n",
                          "Added %u goals from the agreements of %s.\n", goals->len), goals->len, o->date);
  if (existing)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u agreement was a goal already.\n",
                          "%u agreements were goals already.\n", existing), existing);
  return LB_EXIT_OK;
}

static int
goals_add (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "goals add";
  g_autofree char *person = NULL, *text = NULL, *target = NULL, *obs = NULL;
  g_auto(GStrv) items = NULL;
  GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The starter"), N_("NAME") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("The goal, in the starter's words"), N_("TEXT") },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &items, N_("An item the goal is about (repeatable)"), N_("ID") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("The target date"), N_("YYYY-MM-DD") },
    { "from-observation", 0, 0, G_OPTION_ARG_STRING, &obs,
      N_("Without --text: one goal per line of this observation's agreements; with --text: the goal's source"),
      N_("UUID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— add goals to a starter's development plan"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error (cmd, _("unexpected argument “%s”"), argv[1]);
  if (person == NULL || (text == NULL && obs == NULL))
    return lb_cli_usage_error (cmd, _("give --person NAME and --text TEXT or --from-observation UUID"));
  if (!check_goal_options (NULL, target, items, NULL, cmd))
    return LB_EXIT_USAGE;
  g_autoptr(LbStore) store = open_store (g, cmd);
  g_autoptr(LbPerson) who = store ? find_starter (store, person, cmd) : NULL;
  if (who == NULL)
    return LB_EXIT_FAILED;
  if (text == NULL)
    return goals_from_observation (store, who, obs, target, items);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = obs ? lb_store_resolve_uuid (store, obs, &error) : NULL;
  if (obs && source == NULL)
    return fail (cmd, error);
  g_autoptr(LbGoal) draft = lb_goal_new ();
  draft->person_uuid = g_strdup (who->uuid);
  draft->text = g_strdup (text);
  draft->target_date = g_strdup (target);
  draft->item_ids = g_strdupv (items);
  draft->source_observation_uuid = g_steal_pointer (&source);
  g_autoptr(LbGoal) goal = lb_store_add_goal (store, draft, &error);
  if (goal == NULL)
    return fail (cmd, error);
  g_print (_("Added goal %.8s for %s.\n"), goal->uuid, who->name);
  return LB_EXIT_OK;
}

static int
goals_update (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "goals update";
  g_autofree char *status = NULL, *text = NULL, *target = NULL;
  g_auto(GStrv) items = NULL;
  GOptionEntry entries[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("open, working or reached"), N_("STATUS") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("The new text"), N_("TEXT") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("The target date; empty to remove it"), N_("YYYY-MM-DD") },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &items, N_("The items the goal is about (replaces them)"),
      N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — change a goal"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  LbGoalStatus new_status = LB_GOAL_OPEN;
  if (!parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error (cmd, _("give the id of one goal (see “lesbezoek goals --person NAME”)"));
  if (!status && !text && !target && !items)
    return lb_cli_usage_error (cmd, _("say what to change: --status, --text, --target or --item"));
  if (!check_goal_options (status, target, items, &new_status, cmd))
    return LB_EXIT_USAGE;
  g_autoptr(LbStore) store = open_store (g, cmd);
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbGoal) goal = lb_store_get_goal (store, argv[1], &error);
  if (goal == NULL)
    return fail (cmd, error);
  if (status)
    goal->status = new_status;
  if (text)
    g_free (goal->text), goal->text = g_strdup (text);
  if (target)
    g_free (goal->target_date), goal->target_date = g_strdup (target);
  if (items)
    g_strfreev (goal->item_ids), goal->item_ids = g_strdupv (items);
  if (!lb_store_update_goal (store, goal, &error))
    return fail (cmd, error);
  g_print (_("Goal %.8s: %s\n"), goal->uuid, lb_goal_status_to_label (goal->status));
  return LB_EXIT_OK;
}

/* lesbezoek goals [list] --person NAME | add … | update ID … */
int
lb_cli_goals (LbCliGlobals *g, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return goals_add (g, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "update"))
    return goals_update (g, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return goals_list (g, argc - 1, argv + 1);
  return goals_list (g, argc, argv);
}
