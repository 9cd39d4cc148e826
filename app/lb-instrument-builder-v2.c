/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-builder"

/* What format 2 adds to the model, and the checks that go with it:
 * descriptors per band, an item's roll-up rule and anchor tolerance,
 * per-session timing and titles, snapshots asked in some sessions or only
 * after a given answer to an earlier one, and calibration over several
 * references. A format 1 file that uses any of it is told, at the spot, to
 * say format="2" — rather than getting the schema's terse complaint. */

#include "config.h"
#include "lb-instrument-loader-private.h"
#include "lb-scoring.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

gboolean
lb_loader_needs_format_2 (LbLoader *L, xmlNode *node, const char *attr)
{
  if (L->format >= 2)
    return TRUE;
  if (attr)
    lb_loader_node_problem (L, node, attr,
                            _("%s=\"…\" on <%s> exists only in format 2: write format=\"2\" on "
                              "<instrument>"), attr, (const char *) node->name);
  else
    lb_loader_node_problem (L, node, NULL,
                            _("<%s> exists only in format 2: write format=\"2\" on <instrument>"),
                            (const char *) node->name);
  return FALSE;
}

/* The attribute's value when present and allowed in this format. */
static char *
v2_attr (LbLoader *L, xmlNode *node, const char *name)
{
  char *v = lb_loader_attr (node, name);
  if (v && !lb_loader_needs_format_2 (L, node, name))
    g_clear_pointer (&v, g_free);
  return v;
}

/* ---- items ---- */

void
lb_loader_item_v2 (LbLoader *L, xmlNode *node, LbNode *item)
{
  g_autofree char *rollup = v2_attr (L, node, "rollup");
  g_autofree char *round = v2_attr (L, node, "round");
  g_autofree char *tolerance = v2_attr (L, node, "anchor-tolerance");
  LbRollupRule rule = g_strcmp0 (rollup, "median") == 0 ? LB_ROLLUP_MEDIAN
                      : g_strcmp0 (rollup, "min") == 0 ? LB_ROLLUP_MIN : LB_ROLLUP_MEAN;
  LbRounding rounding = g_strcmp0 (round, "down") == 0 ? LB_ROUND_DOWN
                        : g_strcmp0 (round, "up") == 0 ? LB_ROUND_UP : LB_ROUND_NEAREST;
  lb_node_set_rollup (item, rule, rounding);

  LbScale *scale = lb_node_get_scale (item);
  double t = 0;
  if (tolerance && scale && lb_scale_get_n_levels (scale) > 0
      && lb_loader_parse_number (L, node, "anchor-tolerance", 0,
                                 lb_scale_get_max (scale) - lb_scale_get_min (scale), &t))
    lb_node_set_anchor_tolerance (item, t);
}

/* Called once the item's anchors are known: the roll-up rule and tolerance
 * only mean something through anchors, and a tolerance only for a score the
 * observer chooses. */
void
lb_loader_item_v2_check (LbLoader *L, xmlNode *node, LbNode *item)
{
  static const char *const attrs[] = { "rollup", "round", "anchor-tolerance" };
  gboolean declared = FALSE;

  if (L->format < 2)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    if (lb_node_get_n_anchors (item) == 0 && xmlHasProp (node, (const xmlChar *) attrs[i]))
      {
        lb_loader_node_problem (L, node, attrs[i],
                                _("item “%s” has %s=\"…\" but declares no <anchor> for it to "
                                  "work on"), lb_node_get_id (item), attrs[i]);
        return;
      }
  lb_node_get_anchor_tolerance (item, &declared);
  if (declared && lb_node_get_scoring (item) == LB_SCORING_ROLLUP)
    lb_loader_node_problem (L, node, "anchor-tolerance",
                            _("item “%s” is scored by roll-up, so its score is never far from its "
                              "anchors: anchor-tolerance is for holistic items"),
                            lb_node_get_id (item));
}

static int
find_band (LbScale *scale, const char *id)
{
  guint n = scale ? lb_scale_get_n_bands (scale) : 0;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (lb_scale_get_band (scale, i)->id, id))
      return (int) i;
  return -1;
}

void
lb_loader_band_descriptor (LbLoader *L, xmlNode *node, LbNode *item)
{
  g_autofree char *band_id = v2_attr (L, node, "band");
  g_autoptr(LbText) text = lb_text_new ();
  gboolean has_text = FALSE;
  LbScale *scale = lb_node_get_scale (item);

  LB_LOADER_FOREACH_ELEMENT (c, node)
    if (lb_loader_is (c, "text"))
      has_text = TRUE, lb_loader_read_text (L, c, text);
    else
      lb_loader_unexpected (L, c, node);
  lb_loader_require_dutch (L, node, text, "text", has_text);
  if (band_id == NULL || scale == NULL)
    return;
  int band = find_band (scale, band_id);
  if (band < 0)
    lb_loader_node_problem (L, node, "band",
                            _("band “%s” does not exist on scale “%s”; declare it there with "
                              "<band id=\"%s\" from=\"…\" to=\"…\">"),
                            band_id, lb_scale_get_id (scale), band_id);
  else if (lb_node_get_descriptor_for_band (item, (guint) band))
    lb_loader_node_problem (L, node, "band", _("item “%s” has two descriptors for band “%s”"),
                            lb_node_get_id (item), band_id);
  else
    lb_node_add_band_descriptor (item, (guint) band, text);
}

/* ---- sessions ---- */

static void
ensure_session_arrays (LbInstrument *inst)
{
  if (inst->session_observe != NULL)
    return;
  inst->session_observe = g_new0 (guint, MAX (inst->session_count, 1));
  inst->session_score = g_new0 (guint, MAX (inst->session_count, 1));
  inst->session_titles = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_text_unref);
  for (guint i = 0; i < inst->session_count; i++)
    {
      inst->session_observe[i] = inst->observe_minutes;
      inst->session_score[i] = inst->score_minutes;
      g_ptr_array_add (inst->session_titles, lb_text_new ());
    }
}

void
lb_loader_session (LbLoader *L, xmlNode *node)
{
  LbInstrument *inst = L->inst;
  double number = 0, observe = 0, score = 0;

  if (!lb_loader_needs_format_2 (L, node, NULL))
    return;
  if (!lb_loader_parse_number (L, node, "number", 1, inst->session_count, &number))
    return;
  if (number != floor (number))
    {
      lb_loader_node_problem (L, node, "number", _("number=\"%g\" must be a whole number"), number);
      return;
    }
  guint i = (guint) number - 1;
  ensure_session_arrays (inst);
  if (L->sessions_seen[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64)))
    {
      lb_loader_node_problem (L, node, "number", _("a second <session number=\"%u\">"), i + 1);
      return;
    }
  L->sessions_seen[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
  if (lb_loader_parse_number (L, node, "observe-minutes", 1, 600, &observe))
    inst->session_observe[i] = (guint) observe;
  if (lb_loader_parse_number (L, node, "score-minutes", 0, 600, &score))
    inst->session_score[i] = (guint) score;
  gboolean has_title = FALSE;
  LbText *title = g_ptr_array_index (inst->session_titles, i);
  LB_LOADER_FOREACH_ELEMENT (c, node)
    if (lb_loader_is (c, "title"))
      has_title = TRUE, lb_loader_read_text (L, c, title);
    else
      lb_loader_unexpected (L, c, node);
  if (has_title)
    lb_loader_require_dutch (L, node, title, "title", TRUE);
}

/* Reads sessions="1 3" (format 2), and returns the last minute the snapshot
 * may come at: within the shortest of the sessions it is asked in. */
guint
lb_loader_snapshot_sessions (LbLoader *L, xmlNode *node, LbSnapshot *snapshot)
{
  LbInstrument *inst = L->inst;
  g_autofree char *list = v2_attr (L, node, "sessions");
  g_auto(GStrv) parts = list ? g_strsplit_set (g_strstrip (list), " \t\n", -1) : NULL;
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts && parts[i]; i++)
    {
      if (*parts[i] == '\0')
        continue;
      guint64 n = 0;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, MAX (inst->session_count, 1), &n, NULL))
        lb_loader_node_problem (L, node, "sessions",
                                _("sessions=\"%s\": “%s” is not a session; the sessions are "
                                  "numbered 1 to %u"), list, parts[i], inst->session_count);
      else
        {
          guint number = (guint) n;
          g_array_append_val (numbers, number);
        }
    }
  snapshot->n_sessions = numbers->len;
  snapshot->sessions = (guint *) g_array_free (numbers, snapshot->n_sessions == 0);

  guint last = inst->observe_minutes;
  for (guint s = 1; s <= inst->session_count; s++)
    {
      guint observe = 0;
      if (lb_snapshot_in_session (snapshot, s)
          && lb_instrument_get_session_minutes (inst, s, &observe, NULL))
        last = MIN (last, observe);
    }
  return last;
}

static gboolean
sessions_cover (const LbSnapshot *outer, const LbSnapshot *inner, guint count)
{
  for (guint s = 1; s <= count; s++)
    if (lb_snapshot_in_session (inner, s) && !lb_snapshot_in_session (outer, s))
      return FALSE;
  return TRUE;
}

static gboolean
check_answers (LbLoader *L, xmlNode *node, const LbSnapshot *cond, GStrv answers)
{
  for (guint i = 0; answers[i]; i++)
    if (*answers[i] && cond->scale && lb_scale_find_level (cond->scale, answers[i]) < 0)
      {
        lb_loader_node_problem (L, node, "answer",
                                _("answer “%s” is not a level of scale “%s”, on which snapshot "
                                  "“%s” is answered"),
                                answers[i], lb_scale_get_id (cond->scale), cond->id);
        return FALSE;
      }
  return TRUE;
}

/* applies-when="ID" answer="LEVEL …": the snapshot is asked only after an
 * earlier snapshot, at the same or an earlier minute and in every session
 * this one is asked in, was answered with one of those levels. */
void
lb_loader_snapshot_condition (LbLoader *L, xmlNode *node, LbSnapshot *snapshot)
{
  g_autofree char *when = v2_attr (L, node, "applies-when");
  g_autofree char *answer = v2_attr (L, node, "answer");
  if ((when == NULL) != (answer == NULL))
    lb_loader_node_problem (L, node, when ? "applies-when" : "answer",
                            _("applies-when=\"…\" and answer=\"…\" go together: the snapshot is "
                              "asked when that snapshot got one of those answers"));
  if (when == NULL || answer == NULL)
    return;
  const LbSnapshot *cond = lb_instrument_find_snapshot (L->inst, when);
  if (cond == NULL)
    {
      lb_loader_node_problem (L, node, "applies-when",
                              _("applies-when=\"%s\" must name a snapshot declared before this "
                                "one"), when);
      return;
    }
  if (cond->minute > snapshot->minute)
    {
      lb_loader_node_problem (L, node, "applies-when",
                              _("snapshot “%s” depends on “%s”, which comes later (minute %u "
                                "after minute %u)"),
                              snapshot->id, when, cond->minute, snapshot->minute);
      return;
    }
  if (!sessions_cover (cond, snapshot, L->inst->session_count))
    {
      lb_loader_node_problem (L, node, "sessions",
                              _("snapshot “%s” is asked in a session where “%s”, on which it "
                                "depends, is not"), snapshot->id, when);
      return;
    }
  g_auto(GStrv) answers = g_strsplit_set (g_strstrip (answer), " \t\n", -1);
  if (!check_answers (L, node, cond, answers))
    return;
  snapshot->applies_when = g_strdup (when);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; answers[i]; i++)
    if (*answers[i])
      g_strv_builder_add (b, answers[i]);
  snapshot->applies_codes = g_strv_builder_end (b);
}

/* ---- calibration ---- */

void
lb_loader_calibration_v2 (LbLoader *L, xmlNode *node)
{
  LbInstrument *inst = L->inst;
  g_autofree char *references = v2_attr (L, node, "references");
  g_autofree char *in_each = v2_attr (L, node, "in-each");
  double n = 1;

  if (references && lb_loader_parse_number (L, node, "references", 1, 100, &n))
    inst->cal_references = (guint) n;
  inst->cal_each = in_each == NULL || g_str_equal (in_each, "true") || g_str_equal (in_each, "1");
  if (in_each && inst->cal_references < 2)
    lb_loader_node_problem (L, node, "in-each",
                            _("in-each=\"%s\" needs references=\"…\" of 2 or more"), in_each);
}
