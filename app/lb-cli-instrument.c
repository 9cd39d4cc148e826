/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

#include "config.h"
#include "lb-cli-private.h"
#include "lb-cli-author.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

/* lesbezoek validate FILE… */
int
lb_cli_validate (LbCliGlobals *g, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — check instrument files"));
  if (!lb_cli_parse (context, &argc, &argv, "validate"))
    return LB_EXIT_USAGE;
  if (argc < 2)
    return lb_cli_usage_error ("validate", _("name at least one instrument file"));

  int status = LB_EXIT_OK;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_load_file (argv[i], problems, &error);
      if (inst)
        {
          g_print (_("OK %s %s (%u items)\n"), lb_instrument_get_id (inst),
                   lb_instrument_get_version (inst), lb_instrument_get_n_items (inst));
          continue;
        }
      status = LB_EXIT_FAILED;
      if (problems->len == 0)
        g_print ("%s\n", error->message);
      for (guint p = 0; p < problems->len; p++)
        {
          g_autofree char *line = lb_problem_format (problems->pdata[p], argv[i]);
          g_print ("%s\n", line);
        }
    }
  return status;
}

/* ---- instrument show ---- */

static void
print_line (guint depth, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
print_line (guint depth, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("%*s%s\n", (int) depth * 2, "", text);
}

static void
print_scale (LbScale *scale, const char *lang)
{
  print_line (1, _("Scale %s: %s"), lb_scale_get_id (scale), lb_text_get (lb_scale_get_title (scale), lang));
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      const LbLevel *l = lb_scale_get_level (scale, i);
      print_line (2, "%g = %s", l->value, lb_text_get (l->label, lang));
    }
  for (guint i = 0; i < lb_scale_get_n_bands (scale); i++)
    {
      const LbBand *b = lb_scale_get_band (scale, i);
      print_line (2, _("band %s: %s–%s"), lb_text_get (b->label, lang),
                  lb_scale_get_level (scale, b->from)->id, lb_scale_get_level (scale, b->to)->id);
    }
  if (lb_scale_get_not_observed_allowed (scale))
    print_line (2, "– = %s", lb_scale_get_not_observed_label (scale, lang));
}

static void
print_rule (LbNode *domain, const LbRule *r, guint depth)
{
  LbScale *s = lb_node_get_scale (domain);
  switch (r->kind)
    {
    case LB_RULE_MIN_SCORED:
      print_line (depth, _("at least %.0f%% of the items scored"), r->share * 100);
      break;
    case LB_RULE_MEAN_AT_LEAST:
      print_line (depth, _("mean score at least %g"), r->value);
      break;
    case LB_RULE_SHARE_AT_LEAST:
      print_line (depth, _("at least %.0f%% of the scored items at level %s or higher"),
                  r->share * 100, lb_scale_get_level (s, r->level)->id);
      break;
    case LB_RULE_NONE_BELOW:
      print_line (depth, _("no item below level %s"), lb_scale_get_level (s, r->level)->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* How an item's coded indicators lead to a score: the anchors, and (in
 * format 2 terms) how they combine and when a score is flagged. */
static void
print_anchors (LbNode *item, guint depth)
{
  static const char *const rules[] = { N_("the mean"), N_("the median"), N_("the lowest") };
  static const char *const rounding[] = { N_("to the nearest level"), N_("down"), N_("up") };
  LbScale *scale = lb_node_get_scale (item);
  g_autoptr(GString) list = g_string_new (NULL);

  if (lb_node_get_n_anchors (item) == 0)
    return;
  for (guint i = 0; i < lb_node_get_n_anchors (item); i++)
    {
      const LbAnchor *a = lb_node_get_anchor (item, i);
      g_string_append_printf (list, "%s%s → %s", i ? ", " : "", a->code,
                              lb_scale_get_level (scale, a->level)->id);
    }
  print_line (depth, _("Anchors %s: %s of the coded levels, rounded %s"), list->str,
              _(rules[lb_node_get_rollup_rule (item)]), _(rounding[lb_node_get_rounding (item)]));
  if (lb_node_get_scoring (item) == LB_SCORING_ROLLUP)
    print_line (depth + 1, _("the score is computed from the codes"));
  else
    print_line (depth + 1, _("a score more than %g from that is flagged"),
                lb_node_get_anchor_tolerance (item, NULL));
}

static void
print_node (LbNode *node, guint depth, const char *lang)
{
  const char *text = lb_text_get (lb_node_get_text (node), lang);
  switch (lb_node_get_kind (node))
    {
    case LB_NODE_DOMAIN:
      print_line (depth, _("Domain %s: %s"), lb_node_get_id (node), text);
      break;
    case LB_NODE_GROUP:
      print_line (depth, _("Group %s: %s"), lb_node_get_id (node), text);
      break;
    case LB_NODE_ITEM:
      print_line (depth, _("Item %s: %s"), lb_node_get_id (node), text);
      break;
    case LB_NODE_INDICATOR:
      if (lb_node_has_difficulty (node))
        print_line (depth, _("Indicator %s (%+.2f): %s"), lb_node_get_id (node),
                    lb_node_get_difficulty (node), text);
      else
        print_line (depth, _("Indicator %s: %s"), lb_node_get_id (node), text);
      break;
    default:
      g_assert_not_reached ();
    }
  for (guint i = 0; i < lb_node_get_n_children (node); i++)
    print_node (lb_node_get_child (node, i), depth + 1, lang);
  for (guint i = 0; i < lb_node_get_n_descriptors (node); i++)
    {
      const LbDescriptor *d = lb_node_get_descriptor (node, i);
      print_line (depth + 1, _("Level %s: %s"), lb_scale_get_level (lb_node_get_scale (node), d->level)->id,
                  lb_text_get (d->text, lang));
    }
  for (guint i = 0; i < lb_node_get_n_band_descriptors (node); i++)
    {
      const LbBandDescriptor *d = lb_node_get_band_descriptor (node, i);
      const LbBand *band = lb_scale_get_band (lb_node_get_scale (node), d->band);
      print_line (depth + 1, _("Band %s: %s"), lb_text_get (band->label, lang), lb_text_get (d->text, lang));
    }
  if (lb_node_get_kind (node) == LB_NODE_ITEM)
    print_anchors (node, depth + 1);
  if (lb_node_get_n_rules (node) > 0)
    {
      print_line (depth + 1, _("Judgement — basisbekwaam when:"));
      for (guint i = 0; i < lb_node_get_n_rules (node); i++)
        print_rule (node, lb_node_get_rule (node, i), depth + 2);
    }
}

static void
print_snapshot (LbInstrument *inst, const LbSnapshot *snap, const char *lang)
{
  print_line (2, _("Snapshot %s, minute %u (%s): %s"), snap->id, snap->minute,
              lb_scale_get_id (snap->scale), lb_text_get (snap->text, lang));
  if (snap->n_sessions > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < snap->n_sessions; i++)
        g_string_append_printf (list, "%s%u", i ? ", " : "", snap->sessions[i]);
      print_line (3, _("only in sessions %s"), list->str);
    }
  if (snap->applies_when)
    {
      g_autofree char *answers = g_strjoinv (", ", snap->applies_codes);
      print_line (3, _("only when %s was answered %s"), snap->applies_when, answers);
    }
}

static void
print_sessions (LbInstrument *inst, const char *lang)
{
  guint count = 0, observe = 0, score = 0;
  gboolean mean = FALSE;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, &observe, &score, &mean);
  if (kind == LB_SESSIONS_NONE)
    return;
  if (kind == LB_SESSIONS_CYCLES)
    print_line (1, _("%u cycles of %u minutes observing and %u scoring; %s"), count, observe, score,
                mean ? _("an item's score is the mean over the cycles") : _("the cycles stand on their own"));
  else
    print_line (1, _("%u segments of %u minutes observing and %u scoring; %s"), count, observe, score,
                mean ? _("an item's score is the mean over the segments") : _("each segment is scored on its own"));
  for (guint n = 1; n <= count; n++)
    {
      guint o = observe, sc = score;
      lb_instrument_get_session_minutes (inst, n, &o, &sc);
      LbText *title = lb_instrument_get_session_title (inst, n);
      if (o != observe || sc != score || title)
        print_line (2, _("session %u: %u minutes observing and %u scoring%s%s"), n, o, sc,
                    title ? " — " : "", title ? lb_text_get (title, lang) : "");
    }
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < snapshots->len; i++)
    print_snapshot (inst, snapshots->pdata[i], lang);
}

static void
print_calibration (LbInstrument *inst)
{
  guint within = 0, references = 1;
  double share = 0, exact = 0;
  gboolean each = TRUE;
  if (!lb_instrument_get_calibration (inst, &within, &share, &exact))
    return;
  lb_instrument_get_calibration_references (inst, &references, &each);
  print_line (1, _("Calibration: within %u of the reference on at least %.0f%% of the units"),
              within, share * 100);
  if (exact > 0)
    print_line (2, _("snapshots exact: at least %.0f%%"), exact * 100);
  if (references > 1)
    print_line (2, each ? _("in each of %u reference observations") : _("over %u reference observations together"),
                references);
}

static void
print_outline (LbInstrument *inst, const char *lang)
{
  print_line (0, "%s %s — %s", lb_instrument_get_id (inst), lb_instrument_get_version (inst),
              lb_text_get (lb_instrument_get_title (inst), lang));
  if (!lb_text_is_empty (lb_instrument_get_validation (inst)))
    print_line (1, _("Validation: %s"), lb_text_get (lb_instrument_get_validation (inst), lang));
  print_line (1, _("%u items, %u indicators; SHA-256 %s"), lb_instrument_get_n_items (inst),
              lb_instrument_get_n_indicators (inst), lb_instrument_get_sha256 (inst));
  GPtrArray *scales = lb_instrument_get_scales (inst);
  for (guint i = 0; i < scales->len; i++)
    print_scale (scales->pdata[i], lang);
  print_sessions (inst, lang);
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      print_node (d, 1, lang);
    }
  print_calibration (inst);
}

static LbInstrument *
resolve_instrument (const char *what, GError **error)
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
                   _("no instrument with id “%s”; “lesbezoek instrument list” shows the known ones"),
                   what);
      return NULL;
    }
  return g_object_ref (inst);
}

static int
instrument_show (int argc, char **argv, const char *lang)
{
  if (argc != 2)
    return lb_cli_usage_error ("instrument show", _("name one instrument file or id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = resolve_instrument (argv[1], &error);
  if (inst == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LB_EXIT_FAILED;
    }
  print_outline (inst, lang ? lang : lb_text_ui_language ());
  return LB_EXIT_OK;
}

static int
instrument_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrumentRegistry) registry = lb_cli_open_registry (&error);
  if (registry == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LB_EXIT_FAILED;
    }
  guint n = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (registry), i);
      g_print ("%s\t%s\t%u\t%s\n", lb_instrument_get_id (inst), lb_instrument_get_version (inst),
               lb_instrument_get_n_items (inst), lb_text_get_ui (lb_instrument_get_title (inst)));
    }
  return LB_EXIT_OK;
}

static int
instrument_import (int argc, char **argv)
{
  if (argc < 2)
    return lb_cli_usage_error ("instrument import", _("name at least one instrument file"));
  g_autoptr(LbInstrumentRegistry) registry = lb_instrument_registry_new (NULL);
  g_autoptr(GError) error = NULL;
  if (!lb_instrument_registry_load (registry, NULL, &error))
    return g_printerr ("%s\n", error->message), LB_EXIT_FAILED;
  int status = LB_EXIT_OK;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(LbInstrument) inst = lb_instrument_registry_import (registry, argv[i], NULL, &local);
      if (inst)
        g_print (_("Imported %s %s\n"), lb_instrument_get_id (inst), lb_instrument_get_version (inst));
      else
        g_printerr ("%s\n", local->message), status = LB_EXIT_FAILED;
    }
  return status;
}

/* lesbezoek instrument show|list|import … */
int
lb_cli_instrument (LbCliGlobals *g, int argc, char **argv)
{
  g_autofree char *lang = NULL;
  GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("Language of the instrument texts (nl, en)"), "LANG" },
    { NULL }
  };
  /* new, to-csv and from-csv parse options of their own. */
  if (argc >= 2 && lb_cli_author_handles (argv[1]))
    return lb_cli_author (g, argc - 1, argv + 1);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("show FILE|ID | list | import FILE… — work with instruments"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse (context, &argc, &argv, "instrument"))
    return LB_EXIT_USAGE;
  if (argc < 2)
    return lb_cli_usage_error ("instrument", _("say what to do: show, list or import"));
  if (g_str_equal (argv[1], "show"))
    return instrument_show (argc - 1, argv + 1, lang);
  if (g_str_equal (argv[1], "list"))
    return instrument_list ();
  if (g_str_equal (argv[1], "import"))
    return instrument_import (argc - 1, argv + 1);
  return lb_cli_usage_error ("instrument", _("unknown action “%s”; use show, list or import"), argv[1]);
}
