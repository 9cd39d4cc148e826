/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* lesbezoek show UUID: one observation in full, as a reader would want
 * it on paper: the lesson, every item with its score and ticked
 * indicators in the words of the instrument it was made with, the notes
 * in lesson order, the wrap-up, the judgement (summative only), and the
 * sign-off with the state of its seal. */

#include "config.h"
#include "lb-cli-store-private.h"
#include "lb-scoring.h"

#include <glib/gi18n.h>

/* Label: value lines with the values aligned, empty values left out. */
static void
print_fields (const char * const *pairs)
{
  guint width = 0;
  for (guint i = 0; pairs[i]; i += 2)
    if (pairs[i + 1] && *pairs[i + 1])
      width = MAX (width, (guint) g_utf8_strlen (pairs[i], -1));
  for (guint i = 0; pairs[i]; i += 2)
    {
      if (pairs[i + 1] == NULL || *pairs[i + 1] == '\0')
        continue;
      g_autoptr(GString) line = g_string_new (pairs[i]);
      g_string_append_c (line, ':');
      for (guint pad = (guint) g_utf8_strlen (pairs[i], -1); pad < width + 2; pad++)
        g_string_append_c (line, ' ');
      g_print ("%s%s\n", line->str, pairs[i + 1]);
    }
}

/* A text of several lines, every line indented. */
static void
print_block (guint indent, const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_print ("%*s%s\n", (int) indent, "", lines[i]);
}

static GDateTime *
parse_date (const char *date)
{
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
  return g_date_time_new_from_iso8601 (iso, NULL);
}

/* The starter's induction year when the lesson was given: an old
 * observation of a year-3 starter is one of their first year. Without a
 * start date, the year as it is now. */
static int
induction_year_then (LbObservation *o)
{
  if (o->starter->induction_year <= 0)
    return 0;
  if (o->starter->induction_start == NULL || o->date == NULL ||
      !lb_cli_valid_date (o->starter->induction_start) || !lb_cli_valid_date (o->date))
    return o->starter->induction_year;
  g_autoptr(GDateTime) start = parse_date (o->starter->induction_start);
  g_autoptr(GDateTime) lesson = parse_date (o->date);
  int days = (int) (g_date_time_difference (lesson, start) / G_TIME_SPAN_DAY);
  return CLAMP (1 + days / 365, 1, 3);
}

static void
show_header (LbObservation *o, LbInstrument *inst)
{
  int year = induction_year_then (o);
  g_autofree char *starter = year > 0
    ? g_strdup_printf (_("%s (induction year %d)"), o->starter->name, year)
    : g_strdup (o->starter->name);
  g_autofree char *observer = g_strdup_printf ("%s (%s)", o->observer->name, lb_role_to_label (o->observer_role));
  g_autofree char *when = g_strdup_printf ("%s%s%s%s%s", o->date, o->start_time ? ", " : "",
                                           o->start_time ? o->start_time : "",
                                           o->end_time ? "–" : "", o->end_time ? o->end_time : "");
  g_autofree char *pupils = o->pupils >= 0 ? g_strdup_printf ("%d", o->pupils) : NULL;
  g_autofree char *instrument = g_strdup_printf ("%s %s", o->instrument_id, o->instrument_version);
  const char *pairs[] = {
    _("Observation"), o->uuid, _("Starter"), starter, _("Observer"), observer,
    _("Purpose"), lb_purpose_to_label (o->purpose), _("Date"), when, _("School"), o->school,
    _("Group"), o->group, _("Pupils"), pupils, _("Subject"), o->subject, _("Lesson goal"), o->lesson_goal,
    _("Question"), o->question, _("Instrument"), instrument, _("Status"), lb_status_to_label (o->status),
    NULL,
  };
  print_fields (pairs);
  if (o->focus_items && o->focus_items[0])
    {
      g_print (_("Focus items:\n"));
      for (guint i = 0; o->focus_items[i]; i++)
        {
          LbNode *item = inst ? lb_instrument_find_node (inst, o->focus_items[i]) : NULL;
          g_print ("  %-18s %s\n", o->focus_items[i], item ? lb_text_get_ui (lb_node_get_text (item)) : "");
        }
    }
}

static char *
score_text (LbNode *item, const LbScore *s)
{
  LbScale *scale = lb_node_get_scale (item);
  if (s->not_observed)
    {
      const char *label = lb_scale_get_not_observed_label (scale, lb_text_ui_language ());
      return s->reason ? g_strdup_printf ("%s: %s", label, s->reason) : g_strdup (label);
    }
  int level = lb_scale_find_level (scale, s->level_id);
  if (level < 0)
    return g_strdup_printf (_("%s (not a level of this item's scale)"), s->level_id);
  return g_strdup_printf ("%s — %s", s->level_id,
                          lb_text_get_ui (lb_scale_get_level (scale, (guint) level)->label));
}

/* "Cycle 2", "Segment 2", or "" without sessions. */
static char *
session_label (LbInstrument *inst, guint session)
{
  if (session == 0)
    return g_strdup (_("Score:"));
  return lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL) == LB_SESSIONS_CYCLES
         ? g_strdup_printf (_("cycle %u:"), session) : g_strdup_printf (_("segment %u:"), session);
}

static char *
mark_code_text (LbNode *ind, const char *code)
{
  LbScale *coding = lb_node_get_scale (ind);
  if (g_str_equal (code, "yes") && coding == NULL)
    return g_strdup ("✓");
  if (coding && g_str_equal (code, LB_CODE_NOT_APPLICABLE))
    return g_strdup_printf ("[%s]", lb_scale_get_not_observed_label (coding, lb_text_ui_language ()));
  int level = coding ? lb_scale_find_level (coding, code) : -1;
  return level >= 0 ? g_strdup_printf ("[%s]", lb_text_get_ui (lb_scale_get_level (coding, (guint) level)->label))
                    : g_strdup_printf ("[%s]", code);
}

static void
show_marks (LbObservation *o, LbNode *item, guint session, guint indent)
{
  for (guint i = 0; i < lb_node_get_n_children (item); i++)
    {
      LbNode *ind = lb_node_get_child (item, i);
      for (guint k = 0; k < o->marks->len; k++)
        {
          LbMark *m = o->marks->pdata[k];
          if (m->session != session || g_strcmp0 (m->indicator_id, lb_node_get_id (ind)) != 0)
            continue;
          g_autofree char *code = mark_code_text (ind, m->code);
          g_print ("%*s%s %s\n", (int) indent, "", code, lb_text_get_ui (lb_node_get_text (ind)));
        }
    }
}

/* The warnings a reader of a score needs: evidence the instrument requires
 * but nobody linked, and a holistic score far from what the coded
 * behaviours suggest through the anchors. */
static void
show_score_flags (LbObservation *o, LbInstrument *inst, LbNode *item, guint session, guint indent)
{
  if (lb_scoring_item_lacks_evidence (inst, o, session, item))
    g_print ("%*s! %s\n", (int) indent, "", _("no linked note, but the instrument requires evidence for this score"));
  LbAnchorCheck check = lb_scoring_check_anchors (inst, o, session, item);
  if (!check.far)
    return;
  LbScale *scale = lb_node_get_scale (item);
  g_print ("%*s! ", (int) indent, "");
  g_print (_("far from the anchors: the coded behaviours suggest %s (%.2f), %.2f points from the score "
             "(more than %g)\n"), lb_scale_get_level (scale, check.suggested_level)->id,
           check.suggested_value, check.distance, check.tolerance);
}

/* The value over the cycles, with its band where the scale has them. */
static void
show_combined (LbObservation *o, LbInstrument *inst, LbNode *item, guint indent)
{
  double value;
  guint n = 0;
  if (!lb_scoring_combined (inst, o, item, &value, &n))
    return;
  LbScale *scale = lb_node_get_scale (item);
  guint level = lb_scoring_round_to_level (scale, value, LB_ROUND_NEAREST);
  const char *band = NULL;
  for (guint b = 0; b < lb_scale_get_n_bands (scale); b++)
    if (level >= lb_scale_get_band (scale, b)->from && level <= lb_scale_get_band (scale, b)->to)
      band = lb_text_get_ui (lb_scale_get_band (scale, b)->label);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean over %u cycle: %.2f",
                                                        "Mean over %u cycles: %.2f", n), n, value);
  if (band)
    g_print ("%*s%s (%s)\n", (int) indent, "", text, band);
  else
    g_print ("%*s%s\n", (int) indent, "", text);
}

/* A roll-up item says what its codes give, before anyone scores it. */
static char *
unscored_text (LbObservation *o, LbInstrument *inst, LbNode *item, guint session)
{
  guint level;
  double value;
  if (lb_node_get_scoring (item) != LB_SCORING_ROLLUP || !lb_scoring_rollup (inst, o, session, item, &level, &value))
    return g_strdup (_("not scored"));
  const LbLevel *l = lb_scale_get_level (lb_node_get_scale (item), level);
  return g_strdup_printf (_("not scored; the coded indicators give %s — %s (observe score … --computed)"), l->id,
                          lb_text_get_ui (l->label));
}

static void
show_item (LbObservation *o, LbInstrument *inst, LbNode *item, guint indent)
{
  const char *id = lb_node_get_id (item);
  gboolean focus = o->focus_items && g_strv_contains ((const char * const *) o->focus_items, id);
  g_print ("%*s%s%s  %s\n", (int) indent, "", id, focus ? " ★" : "", lb_text_get_ui (lb_node_get_text (item)));
  guint count = 0;
  gboolean mean = FALSE;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, &mean);
  guint first = kind == LB_SESSIONS_NONE ? 0 : 1, last = kind == LB_SESSIONS_NONE ? 0 : count;
  for (guint s = first; s <= last; s++)
    {
      const LbScore *score = lb_observation_find_score (o, s, id);
      g_autofree char *label = session_label (inst, s);
      g_autofree char *text = score ? score_text (item, score) : unscored_text (o, inst, item, s);
      g_print ("%*s%s %s\n", (int) indent + 4, "", label, text);
      show_score_flags (o, inst, item, s, indent + 6);
      show_marks (o, item, s, indent + 6);
    }
  if (kind == LB_SESSIONS_CYCLES || (kind == LB_SESSIONS_SEGMENTS && mean))
    show_combined (o, inst, item, indent + 4);
}

static void
show_node (LbObservation *o, LbInstrument *inst, LbNode *node, guint indent)
{
  if (lb_node_get_kind (node) == LB_NODE_ITEM)
    return show_item (o, inst, node, indent);
  g_print ("%*s%s\n", (int) indent, "", lb_text_get_ui (lb_node_get_text (node)));
  for (guint i = 0; i < lb_node_get_n_children (node); i++)
    show_node (o, inst, lb_node_get_child (node, i), indent + 2);
}

static char *
snapshot_answer_text (LbInstrument *inst, LbObservation *o, guint session, const LbSnapshot *snap)
{
  const LbSnapshotAnswer *a = lb_scoring_find_snapshot_answer (o, session, snap->id);
  if (a == NULL)
    return g_strdup (lb_scoring_snapshot_state (inst, o, session, snap) == LB_SNAPSHOT_NOT_APPLICABLE
                     ? _("does not apply") : _("not answered"));
  int level = lb_scale_find_level (snap->scale, a->code);
  const char *answer = level >= 0 ? lb_text_get_ui (lb_scale_get_level (snap->scale, (guint) level)->label)
                       : g_str_equal (a->code, LB_CODE_NOT_APPLICABLE)
                       ? lb_scale_get_not_observed_label (snap->scale, lb_text_ui_language ()) : a->code;
  return g_strdup_printf (_("%s (answered at minute %d)"), answer, a->minute);
}

/* Every snapshot of every session, answered or not, in the order asked. */
static void
show_snapshots (LbObservation *o, LbInstrument *inst)
{
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  guint count = 0;
  if (snapshots == NULL || snapshots->len == 0)
    return;
  lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  g_print ("\n%s\n", _("Snapshots"));
  for (guint s = 1; s <= count; s++)
    {
      g_autofree char *label = session_label (inst, s);
      g_print ("  %s\n", label);
      for (guint i = 0; i < snapshots->len; i++)
        {
          const LbSnapshot *snap = snapshots->pdata[i];
          if (!lb_snapshot_in_session (snap, s))
            continue;
          g_autofree char *answer = snapshot_answer_text (inst, o, s, snap);
          g_print ("    %2u' %s  %s: %s\n", snap->minute, snap->id, lb_text_get_ui (snap->text), answer);
        }
    }
}

static int
cmp_note_minute (gconstpointer a, gconstpointer b)
{
  const LbNote *x = *(LbNote **) a, *y = *(LbNote **) b;
  if (x->session != y->session)
    return x->session < y->session ? -1 : 1;
  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  /* Notes written within one millisecond (by a script) have no order of
   * their own; the text gives them one, so the output is reproducible. */
  int c = g_strcmp0 (x->created_at, y->created_at);
  return c ? c : g_strcmp0 (x->text, y->text);
}

static void
show_notes (LbObservation *o)
{
  if (o->notes->len == 0)
    return;
  g_print ("\n%s\n", _("Notes"));
  /* A copy without the free function: the notes stay owned by @o. */
  g_autoptr(GPtrArray) notes = g_ptr_array_sized_new (o->notes->len);
  for (guint i = 0; i < o->notes->len; i++)
    g_ptr_array_add (notes, o->notes->pdata[i]);
  g_ptr_array_sort (notes, cmp_note_minute);
  for (guint i = 0; i < notes->len; i++)
    {
      LbNote *n = notes->pdata[i];
      g_autofree char *minute = n->session ? g_strdup_printf (_("%u · %2d min"), n->session, n->minute)
                                           : g_strdup_printf (_("%2d min"), n->minute);
      g_print ("  [%s] %s\n", minute, n->text);
      if (n->item_ids && n->item_ids[0])
        {
          g_autofree char *items = g_strjoinv (", ", n->item_ids);
          g_print ("         → %s\n", items);
        }
    }
}

static void
show_wrapup (LbObservation *o)
{
  const char *parts[][2] = {
    { _("Tops (strengths)"), o->tops }, { _("Tips (to work on)"), o->tips },
    { _("Agreements (afspraken)"), o->agreements },
  };
  gboolean header = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i][1] == NULL)
        continue;
      if (!header)
        g_print ("\n%s\n", _("Wrap-up")), header = TRUE;
      g_print ("  %s:\n", parts[i][0]);
      print_block (4, parts[i][1]);
    }
}

static const LbDomainJudgement *
find_judgement (LbObservation *o, const char *domain_id)
{
  for (guint i = 0; i < o->judgements->len; i++)
    if (g_strcmp0 (((LbDomainJudgement *) o->judgements->pdata[i])->domain_id, domain_id) == 0)
      return o->judgements->pdata[i];
  return NULL;
}

/* Only for summative observations: coaching, visits and self-assessments
 * never carry a verdict, whatever is stored. */
static void
show_judgements (LbObservation *o, LbInstrument *inst)
{
  if (o->purpose != LB_PURPOSE_SUMMATIEF || inst == NULL)
    return;
  g_print ("\n%s\n", _("Judgement"));
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) == 0)
        continue;
      g_autoptr(LbJudgement) j = lb_judgement_evaluate_observation (d, inst, o);
      const char *title = lb_node_get_judgement_title (d) && !lb_text_is_empty (lb_node_get_judgement_title (d))
                          ? lb_text_get_ui (lb_node_get_judgement_title (d)) : lb_text_get_ui (lb_node_get_text (d));
      g_print ("  %s\n", title);
      g_print ("    %s %s\n", _("Computed by the rules:"), lb_verdict_to_string (j->verdict));
      for (guint r = 0; r < j->results->len; r++)
        {
          const LbRuleResult *res = &g_array_index (j->results, LbRuleResult, r);
          g_print ("      %s %s\n", res->passed ? "✓" : "✗", res->explanation);
        }
      const LbDomainJudgement *stored = find_judgement (o, lb_node_get_id (d));
      if (stored == NULL)
        g_print ("    %s\n", _("The assessor has not judged this domain yet."));
      else if (stored->decided)
        {
          g_print ("    %s %s\n", _("The assessor deviated:"), lb_cli_verdict_label (stored->decided));
          g_print ("    %s\n", _("Motivation:"));
          print_block (6, stored->motivation);
        }
      else if (stored->confirmed)
        g_print ("    %s %s\n", _("Confirmed by the assessor:"), lb_cli_verdict_label (stored->computed));
      else
        g_print ("    %s\n", _("Not yet confirmed by the assessor."));
      if (stored && g_strcmp0 (stored->computed, lb_cli_verdict_code (j->verdict)) != 0)
        g_print ("    %s %s\n", _("Note: when judged, the rules gave"), lb_cli_verdict_label (stored->computed));
    }
}

static void
show_signoff (LbObservation *o)
{
  g_print ("\n");
  if (o->signed_by)
    {
      g_autofree char *at = lb_cli_format_timestamp (o->signed_at);
      g_print (_("Signed by %s on %s\n"), o->signed_by, at);
    }
  else
    g_print (_("Not signed yet: this is a draft.\n"));
  if (o->acknowledged_at)
    {
      g_autofree char *at = lb_cli_format_timestamp (o->acknowledged_at);
      g_print (_("Seen by the starter on %s\n"), at);
      if (o->reaction)
        {
          g_print ("  %s\n", _("Reaction:"));
          print_block (4, o->reaction);
        }
    }
  for (guint i = 0; i < o->addenda->len; i++)
    {
      LbAddendum *a = o->addenda->pdata[i];
      g_autofree char *at = lb_cli_format_timestamp (a->created_at);
      g_print (_("Addendum by %s on %s:\n"), a->author, at);
      print_block (2, a->text);
    }
  if (o->content_hash)
    {
      g_autofree char *hash = lb_observation_compute_hash (o);
      g_print (_("Content hash (SHA-256): %s\n"), o->content_hash);
      g_print ("  %s\n", g_strcmp0 (hash, o->content_hash) == 0
                         ? _("intact: the content is unchanged since it was signed")
                         : _("DOES NOT MATCH: the content was changed after signing; run “lesbezoek verify”"));
    }
}

static void
show_scores_without_instrument (LbObservation *o)
{
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      g_print ("  %s: %s\n", s->item_id, s->not_observed ? "-" : s->level_id);
    }
}

/* lesbezoek show UUID */
int
lb_cli_show (LbCliGlobals *g, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID — show one observation in full"));
  g_option_context_set_description (context, _("The first characters of the id are enough when they "
                                                "are unique (see “lesbezoek list”)."));
  if (!lb_cli_parse_command (context, &argc, &argv, "show"))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error ("show", _("name one observation by its id"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, "show");
  g_autofree char *uuid = store ? lb_cli_resolve (store, argv[1], "show") : NULL;
  if (uuid == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) o = lb_store_load (store, uuid, &error);
  if (o == NULL)
    return lb_cli_fail ("show", error);
  g_autoptr(LbInstrument) inst = lb_cli_instrument_of (store, o, &error);
  if (inst == NULL)
    g_printerr (_("lesbezoek show: warning: the instrument of this observation cannot be read (%s); "
                  "showing the bare scores\n"), error->message);

  show_header (o, inst);
  g_print ("\n");
  if (inst)
    {
      GListModel *domains = lb_instrument_get_domains (inst);
      for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
        {
          g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
          show_node (o, inst, d, 0);
        }
    }
  else
    show_scores_without_instrument (o);
  if (inst)
    show_snapshots (o, inst);
  show_notes (o);
  show_wrapup (o);
  show_judgements (o, inst);
  show_signoff (o);
  return LB_EXIT_OK;
}
