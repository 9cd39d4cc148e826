/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-csv"

/* From the model to a spreadsheet, in the layout from-csv reads: a row
 * per thing, parents named explicitly (so that the author may sort and
 * move rows), every language of the instrument in its own text column,
 * scales written only where they differ from the inherited one. Whatever
 * the model keeps comes out, so that from-csv gives the same instrument
 * back. */

#include "config.h"
#include "lb-instrument-csv-private.h"
#include "lb-instrument-writer.h"

#include <string.h>

typedef struct {
  GString   *out;
  char       separator;
  GStrv      langs;   /* of the text columns: nl, en, then the others */
  guint      n_langs;
  GPtrArray *cells;   /* of the row being made: char *, NULL when empty */
  guint      n_fixed; /* fixed columns written: without format 2's for format 1 */
} Csv;

static guint
index_of (Csv *c, LbCsvColumn column)
{
  if (column <= LB_CSV_PARENT)
    return column;
  return 3 + 2 * c->n_langs + (column - LB_CSV_SCALE);
}

static guint
n_columns (Csv *c)
{
  return 3 + 2 * c->n_langs + (c->n_fixed - LB_CSV_SCALE);
}

static void
begin (Csv *c, const char *type)
{
  g_ptr_array_set_size (c->cells, 0);
  g_ptr_array_set_size (c->cells, n_columns (c));
  c->cells->pdata[LB_CSV_TYPE] = g_strdup (type);
}

static void
set_take (Csv *c, LbCsvColumn column, char *value)
{
  g_assert (column < c->n_fixed);
  guint i = index_of (c, column);
  g_free (c->cells->pdata[i]);
  c->cells->pdata[i] = value;
}

static void
set (Csv *c, LbCsvColumn column, const char *value)
{
  set_take (c, column, g_strdup (value));
}

static void
set_texts (Csv *c, const LbText *text, gboolean description)
{
  for (guint i = 0; i < c->n_langs; i++)
    {
      const char *value = lb_text_get_exact (text, c->langs[i]);
      guint index = 3 + (description ? c->n_langs : 0) + i;
      if (value)
        c->cells->pdata[index] = lb_csv_escape_text (value);
    }
}

static void
write_cell (Csv *c, const char *value, gboolean quote)
{
  if (value == NULL || *value == '\0')
    return;
  if (!quote)
    {
      g_string_append (c->out, value);
      return;
    }
  g_string_append_c (c->out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (c->out, '"');
      g_string_append_c (c->out, *p);
    }
  g_string_append_c (c->out, '"');
}

static void
end (Csv *c)
{
  for (guint i = 0; i < c->cells->len; i++)
    {
      if (i > 0)
        g_string_append_c (c->out, c->separator);
      write_cell (c, c->cells->pdata[i], TRUE);
    }
  g_string_append (c->out, "\r\n");
}

static void
write_header (Csv *c)
{
  for (guint i = 0; i < n_columns (c); i++)
    {
      g_autofree char *name = NULL;
      if (i < 3)
        name = g_strdup (lb_csv_column_names[i]);
      else if (i < 3 + 2 * c->n_langs)
        name = g_strdup_printf ("%s_%s", i < 3 + c->n_langs ? "text" : "description",
                                c->langs[(i - 3) % c->n_langs]);
      else
        name = g_strdup (lb_csv_column_names[LB_CSV_SCALE + i - 3 - 2 * c->n_langs]);
      if (i > 0)
        g_string_append_c (c->out, c->separator);
      write_cell (c, name, FALSE);
    }
  g_string_append (c->out, "\r\n");
}

/* ---- rows ---- */

static void
write_scale (Csv *c, LbScale *scale)
{
  const char *id = lb_scale_get_id (scale);
  begin (c, "scale");
  set (c, LB_CSV_ID, id);
  set_texts (c, lb_scale_get_title (scale), FALSE);
  end (c);
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      const LbLevel *l = lb_scale_get_level (scale, i);
      begin (c, "level");
      set (c, LB_CSV_ID, l->id);
      set (c, LB_CSV_PARENT, id);
      set_take (c, LB_CSV_VALUE, lb_format_decimal (l->value));
      set_texts (c, l->label, FALSE);
      set_texts (c, l->description, TRUE);
      end (c);
    }
  for (guint i = 0; i < lb_scale_get_n_bands (scale); i++)
    {
      const LbBand *b = lb_scale_get_band (scale, i);
      begin (c, "band");
      set (c, LB_CSV_ID, b->id);
      set (c, LB_CSV_PARENT, id);
      set (c, LB_CSV_FROM, lb_scale_get_level (scale, b->from)->id);
      set (c, LB_CSV_TO, lb_scale_get_level (scale, b->to)->id);
      set_texts (c, b->label, FALSE);
      end (c);
    }
  gboolean allowed = lb_scale_get_not_observed_allowed (scale);
  LbText *label = lb_scale_get_not_observed_text (scale);
  if (allowed && lb_text_is_empty (label))
    return;
  begin (c, "not-observed");
  set (c, LB_CSV_PARENT, id);
  set (c, LB_CSV_ALLOWED, allowed ? "yes" : "no");
  set_texts (c, label, FALSE);
  end (c);
}

/* Format 2: a session row only where a session has its own timing or title. */
static void
write_session (Csv *c, LbInstrument *inst, guint n, guint observe, guint score)
{
  guint o = observe, s = score;
  lb_instrument_get_session_minutes (inst, n, &o, &s);
  LbText *title = lb_instrument_get_session_title (inst, n);
  if (o == observe && s == score && title == NULL)
    return;
  begin (c, "session");
  set_take (c, LB_CSV_NUMBER, g_strdup_printf ("%u", n));
  if (o != observe)
    set_take (c, LB_CSV_OBSERVE_MINUTES, g_strdup_printf ("%u", o));
  if (s != score)
    set_take (c, LB_CSV_SCORE_MINUTES, g_strdup_printf ("%u", s));
  if (title)
    set_texts (c, title, FALSE);
  end (c);
}

static void
write_sessions (Csv *c, LbInstrument *inst)
{
  guint count, observe, score;
  gboolean mean;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, &observe, &score, &mean);
  if (kind == LB_SESSIONS_NONE)
    return;
  begin (c, "sessions");
  set (c, LB_CSV_KIND, kind == LB_SESSIONS_CYCLES ? "cycles" : "segments");
  set_take (c, LB_CSV_COUNT, g_strdup_printf ("%u", count));
  set_take (c, LB_CSV_OBSERVE_MINUTES, g_strdup_printf ("%u", observe));
  if (score > 0)
    set_take (c, LB_CSV_SCORE_MINUTES, g_strdup_printf ("%u", score));
  set (c, LB_CSV_COMBINE, mean ? "mean" : "independent");
  end (c);
  for (guint n = 1; n <= count; n++)
    write_session (c, inst, n, observe, score);
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LbSnapshot *s = snapshots->pdata[i];
      begin (c, "snapshot");
      set (c, LB_CSV_ID, s->id);
      set_take (c, LB_CSV_MINUTE, g_strdup_printf ("%u", s->minute));
      set (c, LB_CSV_SCALE, lb_scale_get_id (s->scale));
      if (s->n_sessions > 0)
        set_take (c, LB_CSV_SESSIONS, lb_snapshot_format_sessions (s));
      if (s->applies_when)
        {
          set (c, LB_CSV_APPLIES_WHEN, s->applies_when);
          set_take (c, LB_CSV_ANSWER, g_strjoinv (" ", s->applies_codes));
        }
      set_texts (c, s->text, FALSE);
      end (c);
    }
}

static const char *
own_scale (LbNode *node, LbScale *inherited)
{
  LbScale *scale = lb_node_get_scale (node);
  return scale && scale != inherited ? lb_scale_get_id (scale) : NULL;
}

/* Format 2: descriptors per band, after those per level, as the canonical
 * XML has them. */
static void
write_band_descriptors (Csv *c, LbNode *item)
{
  LbScale *scale = lb_node_get_scale (item);
  for (guint i = 0; i < lb_node_get_n_band_descriptors (item); i++)
    {
      const LbBandDescriptor *d = lb_node_get_band_descriptor (item, i);
      begin (c, "descriptor");
      set (c, LB_CSV_PARENT, lb_node_get_id (item));
      set (c, LB_CSV_BAND, lb_scale_get_band (scale, d->band)->id);
      set_texts (c, d->text, FALSE);
      end (c);
    }
}

static void
write_item_parts (Csv *c, LbNode *item)
{
  const char *id = lb_node_get_id (item);
  LbScale *scale = lb_node_get_scale (item);

  for (guint i = 0; i < lb_node_get_n_children (item); i++)
    {
      LbNode *ind = lb_node_get_child (item, i);
      begin (c, "indicator");
      set (c, LB_CSV_ID, lb_node_get_id (ind));
      set (c, LB_CSV_PARENT, id);
      set (c, LB_CSV_SCALE, own_scale (ind, NULL));
      if (lb_node_has_difficulty (ind))
        set_take (c, LB_CSV_DIFFICULTY, lb_format_decimal (lb_node_get_difficulty (ind)));
      set_texts (c, lb_node_get_text (ind), FALSE);
      end (c);
    }
  for (guint i = 0; i < lb_node_get_n_descriptors (item); i++)
    {
      const LbDescriptor *d = lb_node_get_descriptor (item, i);
      begin (c, "descriptor");
      set (c, LB_CSV_PARENT, id);
      set (c, LB_CSV_LEVEL, lb_scale_get_level (scale, d->level)->id);
      set_texts (c, d->text, FALSE);
      end (c);
    }
  if (c->n_fixed > LB_CSV_FIRST_FORMAT_2)
    write_band_descriptors (c, item);
  for (guint i = 0; i < lb_node_get_n_anchors (item); i++)
    {
      const LbAnchor *a = lb_node_get_anchor (item, i);
      begin (c, "anchor");
      set (c, LB_CSV_PARENT, id);
      set (c, LB_CSV_CODE, a->code);
      set (c, LB_CSV_LEVEL, lb_scale_get_level (scale, a->level)->id);
      end (c);
    }
}

static void
set_item_format2 (Csv *c, LbNode *item)
{
  static const char * const rollup[] = { NULL, "median", "min" };
  static const char * const round[] = { NULL, "down", "up" };
  gboolean declared = FALSE;
  double tolerance = lb_node_get_anchor_tolerance (item, &declared);
  set (c, LB_CSV_ROLLUP, rollup[lb_node_get_rollup_rule (item)]);
  set (c, LB_CSV_ROUND, round[lb_node_get_rounding (item)]);
  if (declared)
    set_take (c, LB_CSV_ANCHOR_TOLERANCE, lb_format_decimal (tolerance));
}

/* A group or item and everything below it. */
static void
write_node (Csv *c, LbNode *node, LbNode *parent)
{
  gboolean item = lb_node_get_kind (node) == LB_NODE_ITEM;
  begin (c, item ? "item" : "group");
  set (c, LB_CSV_ID, lb_node_get_id (node));
  set (c, LB_CSV_PARENT, lb_node_get_id (parent));
  set (c, LB_CSV_SCALE, own_scale (node, lb_node_get_scale (parent)));
  if (item && lb_node_get_evidence_required (node))
    set (c, LB_CSV_EVIDENCE, "required");
  if (item && lb_node_get_scoring (node) == LB_SCORING_ROLLUP)
    set (c, LB_CSV_SCORING, "rollup");
  if (item && c->n_fixed > LB_CSV_FIRST_FORMAT_2)
    set_item_format2 (c, node);
  set_texts (c, lb_node_get_text (node), FALSE);
  set_texts (c, lb_node_get_description (node), TRUE);
  end (c);
  if (item)
    write_item_parts (c, node);
  else
    for (guint i = 0; i < lb_node_get_n_children (node); i++)
      write_node (c, lb_node_get_child (node, i), node);
}

static void
write_rule (Csv *c, LbNode *domain, const LbRule *r)
{
  static const char * const kinds[] = { "min-scored", "mean-at-least", "share-at-least", "none-below" };
  LbScale *scale = lb_node_get_scale (domain);

  begin (c, "rule");
  set (c, LB_CSV_PARENT, lb_node_get_id (domain));
  set (c, LB_CSV_KIND, kinds[r->kind]);
  if (r->kind == LB_RULE_SHARE_AT_LEAST || r->kind == LB_RULE_NONE_BELOW)
    set (c, LB_CSV_LEVEL, lb_scale_get_level (scale, r->level)->id);
  if (r->kind == LB_RULE_MEAN_AT_LEAST)
    set_take (c, LB_CSV_VALUE, lb_format_decimal (r->value));
  if (r->kind == LB_RULE_MIN_SCORED || r->kind == LB_RULE_SHARE_AT_LEAST)
    set_take (c, LB_CSV_SHARE, lb_format_decimal (r->share));
  end (c);
}

static void
write_domain (Csv *c, LbNode *domain)
{
  const char *id = lb_node_get_id (domain);
  begin (c, "domain");
  set (c, LB_CSV_ID, id);
  set (c, LB_CSV_SCALE, lb_scale_get_id (lb_node_get_scale (domain)));
  set_texts (c, lb_node_get_text (domain), FALSE);
  set_texts (c, lb_node_get_description (domain), TRUE);
  end (c);
  for (guint i = 0; i < lb_node_get_n_children (domain); i++)
    write_node (c, lb_node_get_child (domain, i), domain);
  if (!lb_text_is_empty (lb_node_get_judgement_title (domain)) && lb_node_get_n_rules (domain) > 0)
    {
      begin (c, "judgement");
      set (c, LB_CSV_PARENT, id);
      set_texts (c, lb_node_get_judgement_title (domain), FALSE);
      end (c);
    }
  for (guint i = 0; i < lb_node_get_n_rules (domain); i++)
    write_rule (c, domain, lb_node_get_rule (domain, i));
}

static void
write_meta (Csv *c, LbInstrument *inst)
{
  const char * const *authors = lb_instrument_get_authors (inst);
  begin (c, "instrument");
  set (c, LB_CSV_ID, lb_instrument_get_id (inst));
  set (c, LB_CSV_VERSION, lb_instrument_get_version (inst));
  set_take (c, LB_CSV_LANGUAGES, g_strjoinv (" ", (char **) lb_instrument_get_languages (inst)));
  if (lb_instrument_get_format (inst) >= 2)
    set (c, LB_CSV_FORMAT, "2");
  set_texts (c, lb_instrument_get_title (inst), FALSE);
  set_texts (c, lb_instrument_get_description (inst), TRUE);
  end (c);
  for (guint i = 0; authors && authors[i]; i++)
    {
      begin (c, "author");
      set_take (c, LB_CSV_NAME, lb_csv_escape_text (authors[i]));
      end (c);
    }
  const char *names[] = { "source", "validation" };
  LbText *texts[] = { lb_instrument_get_source (inst), lb_instrument_get_validation (inst) };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!lb_text_is_empty (texts[i]))
      {
        begin (c, names[i]);
        set_texts (c, texts[i], FALSE);
        end (c);
      }
}

static void
write_calibration (Csv *c, LbInstrument *inst)
{
  guint within;
  double share, exact;
  if (!lb_instrument_get_calibration (inst, &within, &share, &exact))
    return;
  begin (c, "calibration");
  set_take (c, LB_CSV_WITHIN, g_strdup_printf ("%u", within));
  set_take (c, LB_CSV_SHARE, lb_format_decimal (share));
  if (exact > 0)
    set_take (c, LB_CSV_SNAPSHOTS_EXACT, lb_format_decimal (exact));
  guint references = 1;
  gboolean each = TRUE;
  lb_instrument_get_calibration_references (inst, &references, &each);
  if (references > 1)
    set_take (c, LB_CSV_REFERENCES, g_strdup_printf ("%u", references));
  if (references > 1 && !each)
    set (c, LB_CSV_IN_EACH, "no");
  set_texts (c, lb_instrument_get_calibration_description (inst), TRUE);
  end (c);
}

/* Dutch and English always have their columns, for the author to fill. */
static GStrv
text_languages (LbInstrument *inst)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char * const *langs = lb_instrument_get_languages (inst);
  g_strv_builder_add_many (b, "nl", "en", NULL);
  for (guint i = 0; langs[i]; i++)
    if (!g_str_equal (langs[i], "nl") && !g_str_equal (langs[i], "en"))
      g_strv_builder_add (b, langs[i]);
  return g_strv_builder_end (b);
}

char *
lb_instrument_to_csv (LbInstrument *inst, char separator, gsize *length)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst), NULL);
  g_return_val_if_fail (separator == ';' || separator == ',' || separator == '\t', NULL);

  Csv c = { g_string_new ("\xEF\xBB\xBF"), separator, text_languages (inst), 0,
            g_ptr_array_new_with_free_func (g_free) };
  c.n_langs = g_strv_length (c.langs);
  /* a format 1 instrument gets the columns format 1 has, and no more */
  c.n_fixed = lb_instrument_get_format (inst) >= 2 ? LB_CSV_N_COLUMNS : LB_CSV_FIRST_FORMAT_2;
  write_header (&c);
  write_meta (&c, inst);
  GPtrArray *scales = lb_instrument_get_scales (inst);
  for (guint i = 0; i < scales->len; i++)
    write_scale (&c, scales->pdata[i]);
  write_sessions (&c, inst);
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      write_domain (&c, d);
    }
  write_calibration (&c, inst);
  g_ptr_array_unref (c.cells);
  g_strfreev (c.langs);
  if (length)
    *length = c.out->len;
  return g_string_free (c.out, FALSE);
}
