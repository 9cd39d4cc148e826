/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* One observation as a section of blocks, in the order a coach and a
 * starter read it together: who, when and why; per domain every item
 * with its score, the ticked indicators and the evidence noted in the
 * lesson; the rest of the notes; for a summative observation the
 * judgement; the tops, tips and agreements; the sign-off.
 *
 * Only a summative observation is judged on paper. Coaching, class visits
 * and self-assessments carry no verdict anywhere in their report, whatever
 * is stored. */

#include "config.h"
#include "lb-report-private.h"
#include "lb-scoring.h"

#include <string.h>

#define NOTE_GUTTER 46.0
#define LABEL_GUTTER 92.0

static const char *
or_dash (const char *s)
{
  return s && *s ? s : "—";
}

static int
induction_year_then (LbObservation *o)
{
  if (o->starter == NULL || o->starter->induction_year <= 0)
    return 0;
  int y1, m1, d1, y2, m2, d2;
  if (o->starter->induction_start == NULL || o->date == NULL ||
      sscanf (o->starter->induction_start, "%d-%d-%d", &y1, &m1, &d1) != 3 ||
      sscanf (o->date, "%d-%d-%d", &y2, &m2, &d2) != 3 ||
      !g_date_valid_dmy (d1, m1, y1) || !g_date_valid_dmy (d2, m2, y2))
    return o->starter->induction_year;
  GDate a, b;
  g_date_clear (&a, 1), g_date_clear (&b, 1);
  g_date_set_dmy (&a, d1, m1, y1), g_date_set_dmy (&b, d2, m2, y2);
  return CLAMP (1 + g_date_days_between (&a, &b) / 365, 1, 3);
}

char *
lb_report_observation_title (LbReportCtx *ctx, LbObservation *obs)
{
  g_autofree char *date = lb_report_format_date (ctx, obs->date, FALSE);
  return g_strdup_printf (TR (ctx, N_("Observation report %s, %s")),
                          obs->starter ? obs->starter->name : "", date);
}

static LbBlock *
labelled (LbReportCtx *ctx, const char *label, const char *text, LbFont font)
{
  LbBlock *b = lb_block_paragraph_new (ctx, text, font, &lb_color_text, LB_PARA_HYPHENATE);
  lb_block_paragraph_set_gutter (b, label, LB_FONT_SMALL_BOLD, &lb_color_muted, LABEL_GUTTER);
  b->space_before = 6;
  return b;
}

static void
field_row (LbBlock *table, const char *l1, const char *v1, const char *l2, const char *v2)
{
  lb_block_table_add_row (table);
  lb_block_table_cell (table, l1, LB_FONT_SMALL_BOLD, &lb_color_muted, 0, 0);
  lb_block_table_cell (table, or_dash (v1), LB_FONT_SMALL, &lb_color_text, 0, 0);
  lb_block_table_cell (table, l2, LB_FONT_SMALL_BOLD, &lb_color_muted, 0, 0);
  lb_block_table_cell (table, or_dash (v2), LB_FONT_SMALL, &lb_color_text, 0, 0);
}

/* Short values go in the table; a long one would make a row taller than
 * a page could hold, so it flows below instead. */
static const char *
short_or (const char *value, const char *instead)
{
  return value && strlen (value) > LB_REPORT_SHORT_TEXT ? instead : value;
}

static void
add_header (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst)
{
  const char *starter = o->starter ? o->starter->name : "";
  const char *observer = o->observer ? o->observer->name : "";
  g_autofree char *date = lb_report_format_date (ctx, o->date, TRUE);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s (%s)", lb_report_purpose_label (ctx, o->purpose),
                                               date, observer, lb_report_role_label (ctx, o->observer_role));
  lb_section_add (sec, lb_block_title_new (ctx, TR (ctx, N_("Observation report")), starter, subtitle));

  int year = induction_year_then (o);
  g_autofree char *who = year > 0 ? g_strdup_printf (TR (ctx, N_("%s, induction year %d")), starter, year)
                                  : g_strdup (starter);
  g_autofree char *by = g_strdup_printf ("%s, %s", observer, lb_report_role_label (ctx, o->observer_role));
  g_autofree char *when = g_strdup_printf ("%s%s%s", or_dash (o->start_time), o->end_time ? "–" : "",
                                           o->end_time ? o->end_time : "");
  g_autofree char *pupils = o->pupils >= 0 ? g_strdup_printf ("%d", o->pupils) : NULL;
  g_autofree char *instrument = g_strdup_printf ("%s (%s %s)", lb_report_text (ctx, lb_instrument_get_title (inst)),
                                                 o->instrument_id, o->instrument_version);
  const double shares[] = { 0.12, 0.38, 0.14, 0.36 };
  LbBlock *t = lb_block_table_new (4, shares);
  lb_block_table_set_boxed (t, TRUE);
  field_row (t, TR (ctx, N_("Starter")), who, TR (ctx, N_("Observer")), by);
  field_row (t, TR (ctx, N_("Purpose")), lb_report_purpose_label (ctx, o->purpose), TR (ctx, N_("Date")), date);
  field_row (t, TR (ctx, N_("School")), short_or (o->school, "…"), TR (ctx, N_("Time")), when);
  field_row (t, TR (ctx, N_("Group")), short_or (o->group, "…"), TR (ctx, N_("Pupils")), pupils);
  field_row (t, TR (ctx, N_("Subject")), short_or (o->subject, "…"), TR (ctx, N_("Instrument")), instrument);
  t->space_before = 0;
  lb_section_add (sec, t);

  const struct { const char *label, *value; gboolean always; } flows[] = {
    { TR (ctx, N_("School")), o->school, FALSE },
    { TR (ctx, N_("Group")), o->group, FALSE },
    { TR (ctx, N_("Subject")), o->subject, FALSE },
    { TR (ctx, N_("Lesson goal")), o->lesson_goal, TRUE },
    { TR (ctx, N_("The starter's question")), o->question, TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    if (flows[i].value && *flows[i].value && (flows[i].always || strlen (flows[i].value) > LB_REPORT_SHORT_TEXT))
      lb_section_add (sec, labelled (ctx, flows[i].label, flows[i].value, LB_FONT_BODY));

  if (o->focus_items && o->focus_items[0])
    {
      g_autoptr(GString) focus = g_string_new (NULL);
      for (guint i = 0; o->focus_items[i]; i++)
        {
          LbNode *item = lb_instrument_find_node (inst, o->focus_items[i]);
          g_string_append_printf (focus, "%s★ %s", i ? "\n" : "",
                                  item ? lb_report_text (ctx, lb_node_get_text (item)) : o->focus_items[i]);
        }
      lb_section_add (sec, labelled (ctx, TR (ctx, N_("Focus")), focus->str, LB_FONT_BODY));
    }
}

/* ---- notes ---- */

static int
cmp_note (gconstpointer a, gconstpointer b)
{
  const LbNote *x = *(LbNote **) a, *y = *(LbNote **) b;
  if (x->session != y->session)
    return x->session < y->session ? -1 : 1;
  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  int c = g_strcmp0 (x->created_at, y->created_at);
  return c ? c : g_strcmp0 (x->text, y->text);
}

static char *
note_stamp (LbReportCtx *ctx, const LbNote *n)
{
  g_autofree char *minute = n->minute >= 0 ? g_strdup_printf (TR (ctx, N_("%d min")), n->minute) : g_strdup ("");
  return n->session > 0 ? g_strdup_printf ("%u · %s", n->session, minute) : g_steal_pointer (&minute);
}

static LbBlock *
note_block (LbReportCtx *ctx, const LbNote *n, LbFont font, double indent)
{
  g_autofree char *stamp = note_stamp (ctx, n);
  LbBlock *b = lb_block_paragraph_new (ctx, n->text, font, &lb_color_text, LB_PARA_HYPHENATE | LB_PARA_JUSTIFY);
  lb_block_paragraph_set_gutter (b, stamp, LB_FONT_SMALL_BOLD, &lb_color_accent, NOTE_GUTTER);
  b->indent = indent;
  b->space_before = 3;
  return b;
}

typedef struct {
  GPtrArray  *notes;       /* LbNote, in lesson order (not owned) */
  GHashTable *first_item;  /* note → the first of its items in the instrument */
  GHashTable *items;       /* item id → LbNode, of this instrument */
} Notes;

static void
notes_init (Notes *n, LbObservation *o, LbInstrument *inst)
{
  n->notes = g_ptr_array_sized_new (o->notes->len);
  for (guint i = 0; i < o->notes->len; i++)
    g_ptr_array_add (n->notes, o->notes->pdata[i]);
  g_ptr_array_sort (n->notes, cmp_note);
  n->items = g_hash_table_new (g_str_hash, g_str_equal);
  n->first_item = g_hash_table_new (NULL, NULL);
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (n->items, (gpointer) lb_node_get_id (items->pdata[i]), items->pdata[i]);
  /* A note linked to several items is printed in full once, under the
   * first of them; the others refer to it. */
  for (guint i = 0; i < items->len; i++)
    for (guint k = 0; k < n->notes->len; k++)
      {
        LbNote *note = n->notes->pdata[k];
        if (note->item_ids && g_strv_contains ((const char * const *) note->item_ids, lb_node_get_id (items->pdata[i])) &&
            !g_hash_table_contains (n->first_item, note))
          g_hash_table_insert (n->first_item, note, items->pdata[i]);
      }
}

static void
notes_clear (Notes *n)
{
  g_ptr_array_unref (n->notes);
  g_hash_table_unref (n->items);
  g_hash_table_unref (n->first_item);
}

static void
add_item (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst, LbNode *item, Notes *notes)
{
  LbBlock *row = lb_block_item_new (ctx, o, inst, item);
  lb_section_add (sec, row);
  const char *id = lb_node_get_id (item);
  for (guint k = 0; k < o->scores->len; k++)
    {
      LbScore *s = o->scores->pdata[k];
      if (s->not_observed && s->reason && strlen (s->reason) > LB_REPORT_SHORT_TEXT && g_str_equal (s->item_id, id))
        {
          row->flags |= LB_BLOCK_KEEP_WITH_NEXT;
          LbBlock *b = lb_block_paragraph_new (ctx, s->reason, LB_FONT_SMALL_ITALIC, &lb_color_muted, LB_PARA_HYPHENATE);
          lb_block_paragraph_set_gutter (b, TR (ctx, N_("Why not observed")), LB_FONT_TINY_BOLD, &lb_color_muted,
                                         LABEL_GUTTER);
          b->indent = 12;
          lb_section_add (sec, b);
          break;
        }
    }
  /* Evidence stays with its item: the row keeps with the first lines of
   * its first note. */
  for (guint k = 0; k < notes->notes->len; k++)
    {
      LbNote *n = notes->notes->pdata[k];
      if (!n->item_ids || !g_strv_contains ((const char * const *) n->item_ids, id))
        continue;
      row->flags |= LB_BLOCK_KEEP_WITH_NEXT;
      LbNode *first = g_hash_table_lookup (notes->first_item, n);
      if (first == item)
        lb_section_add (sec, note_block (ctx, n, LB_FONT_SMALL, 12));
      else
        {
          g_autofree char *stamp = note_stamp (ctx, n);
          g_autofree char *ref = g_strdup_printf (TR (ctx, N_("See the note of %s at item %s.")), stamp,
                                                  lb_node_get_id (first));
          LbBlock *b = lb_block_paragraph_new (ctx, ref, LB_FONT_SMALL_ITALIC, &lb_color_muted, 0);
          b->indent = 12 + NOTE_GUTTER;
          b->space_before = 3;
          lb_section_add (sec, b);
        }
    }
}

static void
add_node (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst, LbNode *node, Notes *notes)
{
  switch (lb_node_get_kind (node))
    {
    case LB_NODE_ITEM:
      add_item (sec, ctx, o, inst, node, notes);
      break;
    case LB_NODE_GROUP:
      lb_section_add (sec, lb_block_heading_new (ctx, 2, lb_report_text (ctx, lb_node_get_text (node))));
      for (guint i = 0; i < lb_node_get_n_children (node); i++)
        add_node (sec, ctx, o, inst, lb_node_get_child (node, i), notes);
      break;
    default:
      break;
    }
}

static void
add_domains (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst, Notes *notes)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      lb_section_add (sec, lb_block_heading_new (ctx, 1, lb_report_text (ctx, lb_node_get_text (d))));
      const char *description = lb_report_text (ctx, lb_node_get_description (d));
      if (*description)
        {
          LbBlock *b = lb_block_paragraph_new (ctx, description, LB_FONT_SMALL_ITALIC, &lb_color_muted, LB_PARA_HYPHENATE);
          b->flags |= LB_BLOCK_KEEP_WITH_NEXT;
          b->space_before = 0;
          lb_section_add (sec, b);
        }
      if (lb_node_get_scale (d))
        lb_section_add (sec, lb_block_scale_legend_new (ctx, lb_node_get_scale (d),
                                                        lb_instrument_get_sessions (inst, NULL, NULL, NULL, NULL)
                                                        != LB_SESSIONS_NONE));
      for (guint k = 0; k < lb_node_get_n_children (d); k++)
        add_node (sec, ctx, o, inst, lb_node_get_child (d, k), notes);
      if (lb_node_get_scale (d))
        lb_section_add (sec, lb_block_domain_summary_new (ctx, o, inst, d));
    }
}

static void
add_other_notes (LbSection *sec, LbReportCtx *ctx, Notes *notes)
{
  gboolean header = FALSE;
  for (guint k = 0; k < notes->notes->len; k++)
    {
      LbNote *n = notes->notes->pdata[k];
      if (g_hash_table_contains (notes->first_item, n))
        continue;
      if (!header)
        {
          lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Notes on the course of the lesson"))));
          header = TRUE;
        }
      lb_section_add (sec, note_block (ctx, n, LB_FONT_BODY, 0));
    }
}

/* The answer to one snapshot prompt in its words: the level's label, the
 * scale's not-applicable words, or why there is none. */
static const char *
snapshot_answer_text (LbReportCtx *ctx, LbInstrument *inst, LbObservation *o, guint session,
                      const LbSnapshot *def, const LbSnapshotAnswer *a)
{
  if (a == NULL)
    return lb_scoring_snapshot_state (inst, o, session, def) == LB_SNAPSHOT_NOT_APPLICABLE
           ? TR (ctx, N_("does not apply")) : TR (ctx, N_("not answered"));
  if (def->scale && g_strcmp0 (a->code, LB_CODE_NOT_APPLICABLE) == 0)
    return lb_scale_get_not_observed_label (def->scale, ctx->lang);
  int level = def->scale ? lb_scale_find_level (def->scale, a->code) : -1;
  return level >= 0 ? lb_report_text (ctx, lb_scale_get_level (def->scale, (guint) level)->label) : a->code;
}

static LbBlock *
snapshot_table (LbReportCtx *ctx)
{
  const double shares[] = { 0.12, 0.58, 0.30 };
  LbBlock *t = lb_block_table_new (3, shares);
  const char *head[] = { TR (ctx, N_("Minute")), TR (ctx, N_("Question")), TR (ctx, N_("Answer")) };
  lb_block_table_set_header (t, head);
  lb_block_table_set_striped (t, TRUE);
  return t;
}

/* Every prompt of one session in order, answered or not, with the minute
 * the answer was given (or the minute it was due). */
static void
add_snapshot_session (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst, guint session,
                      LbSessionsKind kind)
{
  GPtrArray *defs = lb_instrument_get_snapshots (inst);
  LbBlock *t = NULL;
  for (guint k = 0; k < defs->len; k++)
    {
      const LbSnapshot *def = defs->pdata[k];
      if (!lb_snapshot_in_session (def, session))
        continue;
      if (t == NULL)
        {
          if (kind != LB_SESSIONS_NONE)
            {
              g_autofree char *title = g_strdup_printf (kind == LB_SESSIONS_SEGMENTS ? TR (ctx, N_("Segment %u"))
                                                                                     : TR (ctx, N_("Cycle %u")), session);
              lb_section_add (sec, lb_block_heading_new (ctx, 3, title));
            }
          t = snapshot_table (ctx);
        }
      const LbSnapshotAnswer *a = lb_scoring_find_snapshot_answer (o, session, def->id);
      g_autofree char *minute = g_strdup_printf (TR (ctx, N_("%d min")), a ? a->minute : (int) def->minute);
      lb_block_table_add_row (t);
      lb_block_table_cell (t, minute, LB_FONT_SMALL, a ? NULL : &lb_color_muted, 0, 0);
      lb_block_table_cell (t, lb_report_text (ctx, def->text), LB_FONT_SMALL, NULL, 0, 0);
      lb_block_table_cell (t, snapshot_answer_text (ctx, inst, o, session, def, a),
                           a ? LB_FONT_SMALL_BOLD : LB_FONT_SMALL_ITALIC, a ? NULL : &lb_color_muted, 0, 0);
    }
  if (t)
    lb_section_add (sec, t);
}

/* The low-inference snapshots: a small table per segment or cycle. */
static void
add_snapshots (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst)
{
  GPtrArray *defs = lb_instrument_get_snapshots (inst);
  if (defs == NULL || defs->len == 0)
    return;
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  if (kind == LB_SESSIONS_NONE)
    count = 0;
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Snapshots"))));
  for (guint session = count ? 1 : 0; session <= count; session++)
    add_snapshot_session (sec, ctx, o, inst, session, kind);
}

static const LbDomainJudgement *
stored_judgement (LbObservation *o, const char *domain_id)
{
  for (guint i = 0; i < o->judgements->len; i++)
    if (g_strcmp0 (((LbDomainJudgement *) o->judgements->pdata[i])->domain_id, domain_id) == 0)
      return o->judgements->pdata[i];
  return NULL;
}

static void
add_judgements (LbSection *sec, LbReportCtx *ctx, LbObservation *o, LbInstrument *inst)
{
  g_assert (o->purpose == LB_PURPOSE_SUMMATIEF);
  GListModel *domains = lb_instrument_get_domains (inst);
  gboolean header = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) == 0)
        continue;
      if (!header)
        {
          /* The default instrument's domains are the kritische handelingen. */
          gboolean ours = g_strcmp0 (lb_instrument_get_id (inst), LB_DEFAULT_INSTRUMENT_ID) == 0;
          lb_section_add (sec, lb_block_heading_new (ctx, 1, ours ? TR (ctx, N_("Judgement per critical practice"))
                                                                  : TR (ctx, N_("Judgement per domain"))));
          header = TRUE;
        }
      g_autoptr(LbJudgement) jd = lb_report_evaluate (inst, o, d);
      const LbDomainJudgement *stored = stored_judgement (o, lb_node_get_id (d));
      LbBlock *b = lb_block_judgement_new (ctx, d, jd, stored, o->status == LB_STATUS_DRAFT);
      lb_section_add (sec, b);
      if (stored && stored->decided && stored->motivation && *stored->motivation)
        {
          b->flags |= LB_BLOCK_KEEP_WITH_NEXT;
          LbBlock *m = labelled (ctx, TR (ctx, N_("Motivation")), stored->motivation, LB_FONT_BODY);
          m->indent = 14;
          lb_section_add (sec, m);
        }
    }
}

/* Lines starting with "- " or "• " are bullets; other lines paragraphs. */
void
lb_report_add_text_lines (LbSection *sec, LbReportCtx *ctx, const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strstrip (lines[i]);
      if (*line == '\0')
        continue;
      gboolean bullet = g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* ") || g_str_has_prefix (line, "• ");
      LbBlock *b = lb_block_paragraph_new (ctx, bullet ? g_utf8_next_char (line) + 1 : line, LB_FONT_BODY,
                                           &lb_color_text, LB_PARA_HYPHENATE);
      if (bullet)
        lb_block_paragraph_set_gutter (b, "•", LB_FONT_BODY_BOLD, &lb_color_accent, 12);
      b->space_before = 3;
      lb_section_add (sec, b);
    }
}

static void
add_feedback (LbSection *sec, LbReportCtx *ctx, LbObservation *o)
{
  const struct { const char *title, *text; } parts[] = {
    { TR (ctx, N_("Tops: what went well")), o->tops },
    { TR (ctx, N_("Tips: what to work on")), o->tips },
    { TR (ctx, N_("Agreements")), o->agreements },
  };
  gboolean any = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    any = any || (parts[i].text && *parts[i].text);
  if (!any && o->purpose != LB_PURPOSE_FORMATIEF)
    return;
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Tops, tips and agreements"))));
  if (!any)
    lb_section_add (sec, lb_block_paragraph_new (ctx, TR (ctx, N_("No tops, tips or agreements were recorded.")),
                                                 LB_FONT_BODY_ITALIC, &lb_color_muted, 0));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].text && *parts[i].text)
      {
        lb_section_add (sec, lb_block_heading_new (ctx, 3, parts[i].title));
        lb_report_add_text_lines (sec, ctx, parts[i].text);
      }
}

static void
add_signoff (LbSection *sec, LbReportCtx *ctx, LbObservation *o)
{
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Sign-off"))));
  lb_section_add (sec, lb_block_signoff_new (ctx, o));
  if (o->reaction && *o->reaction)
    lb_section_add (sec, labelled (ctx, TR (ctx, N_("Reaction of the starter")), o->reaction, LB_FONT_BODY));
  for (guint i = 0; i < o->addenda->len; i++)
    {
      LbAddendum *a = o->addenda->pdata[i];
      g_autofree char *at = lb_report_format_timestamp (ctx, a->created_at);
      g_autofree char *label = g_strdup_printf (TR (ctx, N_("Addendum by %s, %s")), a->author, at);
      LbBlock *head = lb_block_paragraph_new (ctx, label, LB_FONT_SMALL_BOLD, &lb_color_muted, 0);
      head->flags |= LB_BLOCK_KEEP_WITH_NEXT;
      head->space_before = 8;
      lb_section_add (sec, head);
      LbBlock *text = lb_block_paragraph_new (ctx, a->text, LB_FONT_BODY, &lb_color_text, LB_PARA_HYPHENATE);
      text->space_before = 1;
      lb_section_add (sec, text);
    }
}

static void
set_decorations (LbSection *sec, LbReportCtx *ctx, LbObservation *o, gboolean in_dossier)
{
  const char *starter = o->starter ? o->starter->name : "";
  g_autofree char *date = lb_report_format_date (ctx, o->date, FALSE);
  sec->draft = o->status == LB_STATUS_DRAFT;
  sec->head_left = in_dossier ? g_strdup_printf ("%s · %s", TR (ctx, N_("Competence dossier")), starter)
                              : g_strdup_printf ("%s · %s", TR (ctx, N_("Observation report")), starter);
  sec->head_right = g_strdup_printf ("%s · %s", date, lb_report_purpose_label (ctx, o->purpose));
  if (o->content_hash && o->status == LB_STATUS_FINAL)
    sec->foot_left = g_strdup_printf (TR (ctx, N_("%s %s · content hash (SHA-256) %s")), o->instrument_id,
                                      o->instrument_version, o->content_hash);
  else
    sec->foot_left = g_strdup_printf (TR (ctx, N_("%s %s · draft: not signed or sealed yet")), o->instrument_id,
                                      o->instrument_version);
  g_autofree char *short_date = lb_report_format_date_short (ctx, o->date);
  sec->outline = g_strdup_printf ("%s %s — %s", short_date, lb_report_purpose_label (ctx, o->purpose),
                                  o->observer ? o->observer->name : "");
}

LbSection *
lb_report_observation_section (LbReportCtx *ctx, LbObservation *o, LbInstrument *inst, gboolean in_dossier)
{
  LbSection *sec = lb_section_new ();
  set_decorations (sec, ctx, o, in_dossier);
  add_header (sec, ctx, o, inst);
  Notes notes;
  notes_init (&notes, o, inst);
  add_domains (sec, ctx, o, inst, &notes);
  add_other_notes (sec, ctx, &notes);
  notes_clear (&notes);
  add_snapshots (sec, ctx, o, inst);
  if (o->purpose == LB_PURPOSE_SUMMATIEF)
    add_judgements (sec, ctx, o, inst);
  add_feedback (sec, ctx, o);
  add_signoff (sec, ctx, o);
  return sec;
}
