/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-writer"

/* Instrument XML out of the model. The canonical form walks the model in
 * the schema's order and writes every field it keeps, so two instruments
 * with the same content give the same text: that is how the tests tell
 * whether a round trip through a spreadsheet lost anything. */

#include "config.h"
#include "lb-instrument-writer.h"
#include "lb-instrument-loader-private.h"  /* LB_INSTRUMENT_NS */

#include <math.h>
#include <stdarg.h>
#include <string.h>

/* ---- the emitter ---- */

void
lb_xml_emitter_init (LbXmlEmitter *e, gboolean track_lines)
{
  g_return_if_fail (e != NULL);
  e->out = g_string_new (NULL);
  e->depth = 0;
  e->tag = 0;
  e->line_tags = track_lines ? g_array_new (FALSE, FALSE, sizeof (guint)) : NULL;
}

char *
lb_xml_emitter_finish (LbXmlEmitter *e, GArray **line_tags)
{
  g_return_val_if_fail (e != NULL && e->out != NULL, NULL);
  if (line_tags)
    *line_tags = g_steal_pointer (&e->line_tags);
  g_clear_pointer (&e->line_tags, g_array_unref);
  return g_string_free (g_steal_pointer (&e->out), FALSE);
}

static void
end_line (LbXmlEmitter *e)
{
  g_string_append_c (e->out, '\n');
  if (e->line_tags)
    g_array_append_val (e->line_tags, e->tag);
}

static void
indent (LbXmlEmitter *e)
{
  for (guint i = 0; i < e->depth; i++)
    g_string_append (e->out, "  ");
}

/* Newlines and tabs become character references, so that an element
 * never spans lines (the loader folds white space in texts anyway). */
static void
escape (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\n': g_string_append (out, "&#10;"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      case '\t': g_string_append (out, "&#9;"); break;
      default: g_string_append_c (out, *p);
      }
}

void
lb_xml_emitter_start (LbXmlEmitter *e, const char *comment)
{
  g_string_append (e->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  end_line (e);
  if (comment == NULL)
    return;
  /* "--" may not occur inside a comment, nor may it end in "-". */
  g_autoptr(GString) safe = g_string_new (comment);
  while (g_string_replace (safe, "--", "- -", 0) > 0)
    ;
  g_string_append_printf (e->out, "<!-- %s -->", safe->str);
  end_line (e);
}

static void
open_va (LbXmlEmitter *e, const char *name, gboolean empty, va_list args)
{
  indent (e);
  g_string_append_printf (e->out, "<%s", name);
  for (const char *key; (key = va_arg (args, const char *)) != NULL;)
    {
      const char *value = va_arg (args, const char *);
      if (value == NULL)
        continue;
      g_string_append_printf (e->out, " %s=\"", key);
      escape (e->out, value);
      g_string_append_c (e->out, '"');
    }
  g_string_append (e->out, empty ? "/>" : ">");
  end_line (e);
  if (!empty)
    e->depth++;
}

/* open (e, "item", "id", id, "scale", NULL, NULL): pairs of name and
 * value; a NULL value leaves the attribute out. */
void
lb_xml_emitter_open (LbXmlEmitter *e, const char *name, ...)
{
  va_list args;
  va_start (args, name);
  open_va (e, name, FALSE, args);
  va_end (args);
}

void
lb_xml_emitter_empty (LbXmlEmitter *e, const char *name, ...)
{
  va_list args;
  va_start (args, name);
  open_va (e, name, TRUE, args);
  va_end (args);
}

void
lb_xml_emitter_close (LbXmlEmitter *e, const char *name)
{
  g_return_if_fail (e->depth > 0);
  e->depth--;
  indent (e);
  g_string_append_printf (e->out, "</%s>", name);
  end_line (e);
}

void
lb_xml_emitter_text (LbXmlEmitter *e, const char *name, const char *lang, const char *text)
{
  indent (e);
  if (lang)
    g_string_append_printf (e->out, "<%s xml:lang=\"%s\">", name, lang);
  else
    g_string_append_printf (e->out, "<%s>", name);
  escape (e->out, text);
  g_string_append_printf (e->out, "</%s>", name);
  end_line (e);
}

/* Writes @text in the order of the instrument's languages. */
void
lb_xml_emitter_texts (LbXmlEmitter *e, const char *name, const LbText *text,
                      const char * const *languages)
{
  for (guint i = 0; languages && languages[i]; i++)
    if (lb_text_has (text, languages[i]))
      lb_xml_emitter_text (e, name, languages[i], lb_text_get_exact (text, languages[i]));
}

char *
lb_format_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup ("0"));
  for (int precision = 0; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%df", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* ---- the canonical instrument ---- */

typedef struct {
  LbXmlEmitter        e;
  const char * const *langs;
} Writer;

static void
write_scale (Writer *w, LbScale *scale)
{
  lb_xml_emitter_open (&w->e, "scale", "id", lb_scale_get_id (scale), NULL);
  lb_xml_emitter_texts (&w->e, "title", lb_scale_get_title (scale), w->langs);
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      const LbLevel *l = lb_scale_get_level (scale, i);
      g_autofree char *value = lb_format_decimal (l->value);
      lb_xml_emitter_open (&w->e, "level", "id", l->id, "value", value, NULL);
      lb_xml_emitter_texts (&w->e, "label", l->label, w->langs);
      lb_xml_emitter_texts (&w->e, "description", l->description, w->langs);
      lb_xml_emitter_close (&w->e, "level");
    }
  for (guint i = 0; i < lb_scale_get_n_bands (scale); i++)
    {
      const LbBand *b = lb_scale_get_band (scale, i);
      lb_xml_emitter_open (&w->e, "band", "id", b->id, "from", lb_scale_get_level (scale, b->from)->id,
                           "to", lb_scale_get_level (scale, b->to)->id, NULL);
      lb_xml_emitter_texts (&w->e, "label", b->label, w->langs);
      lb_xml_emitter_close (&w->e, "band");
    }
  /* The model cannot tell an absent <not-observed> from an allowed one
   * without a label; both are written as nothing. */
  gboolean allowed = lb_scale_get_not_observed_allowed (scale);
  LbText *label = lb_scale_get_not_observed_text (scale);
  if (!allowed || !lb_text_is_empty (label))
    {
      lb_xml_emitter_open (&w->e, "not-observed", "allowed", allowed ? "true" : "false", NULL);
      lb_xml_emitter_texts (&w->e, "label", label, w->langs);
      lb_xml_emitter_close (&w->e, "not-observed");
    }
  lb_xml_emitter_close (&w->e, "scale");
}

static const char *
rule_name (LbRuleKind kind)
{
  switch (kind)
    {
    case LB_RULE_MIN_SCORED: return "min-scored";
    case LB_RULE_MEAN_AT_LEAST: return "mean-at-least";
    case LB_RULE_SHARE_AT_LEAST: return "share-at-least";
    case LB_RULE_NONE_BELOW: return "none-below";
    default: g_assert_not_reached ();
    }
}

static void
write_rule (Writer *w, LbNode *domain, const LbRule *r)
{
  LbScale *scale = lb_node_get_scale (domain);
  g_autofree char *share = lb_format_decimal (r->share);
  g_autofree char *value = lb_format_decimal (r->value);
  const char *level = lb_scale_get_level (scale, r->level)->id;

  switch (r->kind)
    {
    case LB_RULE_MIN_SCORED:
      lb_xml_emitter_empty (&w->e, rule_name (r->kind), "share", share, NULL);
      break;
    case LB_RULE_MEAN_AT_LEAST:
      lb_xml_emitter_empty (&w->e, rule_name (r->kind), "value", value, NULL);
      break;
    case LB_RULE_SHARE_AT_LEAST:
      lb_xml_emitter_empty (&w->e, rule_name (r->kind), "level", level, "share", share, NULL);
      break;
    case LB_RULE_NONE_BELOW:
      lb_xml_emitter_empty (&w->e, rule_name (r->kind), "level", level, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The scale attribute only where the node does not inherit it. */
static const char *
own_scale (LbNode *node, LbScale *inherited)
{
  LbScale *scale = lb_node_get_scale (node);
  return scale && scale != inherited ? lb_scale_get_id (scale) : NULL;
}

static void
write_indicator (Writer *w, LbNode *ind)
{
  g_autofree char *difficulty = lb_node_has_difficulty (ind)
                                  ? lb_format_decimal (lb_node_get_difficulty (ind)) : NULL;
  lb_xml_emitter_open (&w->e, "indicator", "id", lb_node_get_id (ind),
                       "difficulty", difficulty, "scale", own_scale (ind, NULL), NULL);
  lb_xml_emitter_texts (&w->e, "text", lb_node_get_text (ind), w->langs);
  lb_xml_emitter_close (&w->e, "indicator");
}

/* Format 2's roll-up rule, rounding and anchor tolerance; the defaults
 * (mean, nearest, no tolerance of its own) are left out. */
static const char *
rollup_name (LbNode *item)
{
  switch (lb_node_get_rollup_rule (item))
    {
    case LB_ROLLUP_MEDIAN: return "median";
    case LB_ROLLUP_MIN: return "min";
    default: return NULL;
    }
}

static const char *
round_name (LbNode *item)
{
  switch (lb_node_get_rounding (item))
    {
    case LB_ROUND_DOWN: return "down";
    case LB_ROUND_UP: return "up";
    default: return NULL;
    }
}

static char *
tolerance_text (LbNode *item)
{
  gboolean declared = FALSE;
  double t = lb_node_get_anchor_tolerance (item, &declared);
  return declared ? lb_format_decimal (t) : NULL;
}

static void
write_band_descriptors (Writer *w, LbNode *item)
{
  LbScale *scale = lb_node_get_scale (item);
  for (guint i = 0; i < lb_node_get_n_band_descriptors (item); i++)
    {
      const LbBandDescriptor *d = lb_node_get_band_descriptor (item, i);
      lb_xml_emitter_open (&w->e, "descriptor", "band", lb_scale_get_band (scale, d->band)->id, NULL);
      lb_xml_emitter_texts (&w->e, "text", d->text, w->langs);
      lb_xml_emitter_close (&w->e, "descriptor");
    }
}

static void
write_item (Writer *w, LbNode *item, LbScale *inherited)
{
  LbScale *scale = lb_node_get_scale (item);
  g_autofree char *tolerance = tolerance_text (item);
  lb_xml_emitter_open (&w->e, "item", "id", lb_node_get_id (item),
                       "scale", own_scale (item, inherited),
                       "evidence", lb_node_get_evidence_required (item) ? "required" : NULL,
                       "scoring", lb_node_get_scoring (item) == LB_SCORING_ROLLUP ? "rollup" : NULL,
                       "rollup", rollup_name (item), "round", round_name (item),
                       "anchor-tolerance", tolerance, NULL);
  lb_xml_emitter_texts (&w->e, "text", lb_node_get_text (item), w->langs);
  lb_xml_emitter_texts (&w->e, "description", lb_node_get_description (item), w->langs);
  for (guint i = 0; i < lb_node_get_n_children (item); i++)
    write_indicator (w, lb_node_get_child (item, i));
  for (guint i = 0; i < lb_node_get_n_descriptors (item); i++)
    {
      const LbDescriptor *d = lb_node_get_descriptor (item, i);
      lb_xml_emitter_open (&w->e, "descriptor", "level", lb_scale_get_level (scale, d->level)->id, NULL);
      lb_xml_emitter_texts (&w->e, "text", d->text, w->langs);
      lb_xml_emitter_close (&w->e, "descriptor");
    }
  write_band_descriptors (w, item);
  for (guint i = 0; i < lb_node_get_n_anchors (item); i++)
    {
      const LbAnchor *a = lb_node_get_anchor (item, i);
      lb_xml_emitter_empty (&w->e, "anchor", "code", a->code,
                            "level", lb_scale_get_level (scale, a->level)->id, NULL);
    }
  lb_xml_emitter_close (&w->e, "item");
}

static void
write_group (Writer *w, LbNode *group, LbScale *inherited)
{
  lb_xml_emitter_open (&w->e, "group", "id", lb_node_get_id (group),
                       "scale", own_scale (group, inherited), NULL);
  lb_xml_emitter_texts (&w->e, "title", lb_node_get_text (group), w->langs);
  lb_xml_emitter_texts (&w->e, "description", lb_node_get_description (group), w->langs);
  for (guint i = 0; i < lb_node_get_n_children (group); i++)
    write_item (w, lb_node_get_child (group, i), lb_node_get_scale (group));
  lb_xml_emitter_close (&w->e, "group");
}

static void
write_domain (Writer *w, LbNode *domain)
{
  LbScale *scale = lb_node_get_scale (domain);
  lb_xml_emitter_open (&w->e, "domain", "id", lb_node_get_id (domain),
                       "scale", lb_scale_get_id (scale), NULL);
  lb_xml_emitter_texts (&w->e, "title", lb_node_get_text (domain), w->langs);
  lb_xml_emitter_texts (&w->e, "description", lb_node_get_description (domain), w->langs);
  for (guint i = 0; i < lb_node_get_n_children (domain); i++)
    {
      LbNode *child = lb_node_get_child (domain, i);
      if (lb_node_get_kind (child) == LB_NODE_GROUP)
        write_group (w, child, scale);
      else
        write_item (w, child, scale);
    }
  if (lb_node_get_n_rules (domain) > 0)
    {
      lb_xml_emitter_open (&w->e, "judgement", NULL);
      lb_xml_emitter_texts (&w->e, "title", lb_node_get_judgement_title (domain), w->langs);
      for (guint i = 0; i < lb_node_get_n_rules (domain); i++)
        write_rule (w, domain, lb_node_get_rule (domain, i));
      lb_xml_emitter_close (&w->e, "judgement");
    }
  lb_xml_emitter_close (&w->e, "domain");
}

/* A format 2 <session> only where one differs from <sessions>. */
static void
write_session (Writer *w, LbInstrument *inst, guint n, guint observe, guint score)
{
  guint o = observe, s = score;
  lb_instrument_get_session_minutes (inst, n, &o, &s);
  LbText *title = lb_instrument_get_session_title (inst, n);
  if (o == observe && s == score && title == NULL)
    return;
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_autofree char *om = o != observe ? g_strdup_printf ("%u", o) : NULL;
  g_autofree char *sm = s != score ? g_strdup_printf ("%u", s) : NULL;
  if (title == NULL)
    {
      lb_xml_emitter_empty (&w->e, "session", "number", number, "observe-minutes", om,
                            "score-minutes", sm, NULL);
      return;
    }
  lb_xml_emitter_open (&w->e, "session", "number", number, "observe-minutes", om,
                       "score-minutes", sm, NULL);
  lb_xml_emitter_texts (&w->e, "title", title, w->langs);
  lb_xml_emitter_close (&w->e, "session");
}

static void
write_sessions (Writer *w, LbInstrument *inst)
{
  guint count, observe, score;
  gboolean mean;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, &observe, &score, &mean);
  if (kind == LB_SESSIONS_NONE)
    return;
  g_autofree char *c = g_strdup_printf ("%u", count);
  g_autofree char *o = g_strdup_printf ("%u", observe);
  g_autofree char *s = score ? g_strdup_printf ("%u", score) : NULL;
  lb_xml_emitter_open (&w->e, "sessions", "kind", kind == LB_SESSIONS_CYCLES ? "cycles" : "segments",
                       "count", c, "observe-minutes", o, "score-minutes", s,
                       "combine", mean ? "mean" : "independent", NULL);
  for (guint n = 1; n <= count; n++)
    write_session (w, inst, n, observe, score);
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const LbSnapshot *snap = snapshots->pdata[i];
      g_autofree char *minute = g_strdup_printf ("%u", snap->minute);
      g_autofree char *sessions = lb_snapshot_format_sessions (snap);
      g_autofree char *answer = snap->applies_codes
                                  ? g_strjoinv (" ", snap->applies_codes) : NULL;
      lb_xml_emitter_open (&w->e, "snapshot", "id", snap->id, "minute", minute,
                           "scale", lb_scale_get_id (snap->scale), "sessions", sessions,
                           "applies-when", snap->applies_when, "answer", answer, NULL);
      lb_xml_emitter_texts (&w->e, "text", snap->text, w->langs);
      lb_xml_emitter_close (&w->e, "snapshot");
    }
  lb_xml_emitter_close (&w->e, "sessions");
}

static void
write_calibration (Writer *w, LbInstrument *inst)
{
  guint within;
  double share, exact;
  if (!lb_instrument_get_calibration (inst, &within, &share, &exact))
    return;
  g_autofree char *wi = g_strdup_printf ("%u", within);
  g_autofree char *sh = lb_format_decimal (share);
  /* 0 and absent mean the same to the app: no snapshot standard. */
  g_autofree char *ex = exact > 0 ? lb_format_decimal (exact) : NULL;
  guint references = 1;
  gboolean each = TRUE;
  lb_instrument_get_calibration_references (inst, &references, &each);
  g_autofree char *refs = references > 1 ? g_strdup_printf ("%u", references) : NULL;
  lb_xml_emitter_open (&w->e, "calibration", "within", wi, "share", sh, "snapshots-exact", ex,
                       "references", refs, "in-each", refs && !each ? "false" : NULL, NULL);
  lb_xml_emitter_texts (&w->e, "description", lb_instrument_get_calibration_description (inst), w->langs);
  lb_xml_emitter_close (&w->e, "calibration");
}

static void
write_meta (Writer *w, LbInstrument *inst)
{
  const char * const *authors = lb_instrument_get_authors (inst);
  lb_xml_emitter_open (&w->e, "meta", NULL);
  lb_xml_emitter_texts (&w->e, "title", lb_instrument_get_title (inst), w->langs);
  lb_xml_emitter_texts (&w->e, "description", lb_instrument_get_description (inst), w->langs);
  for (guint i = 0; authors && authors[i]; i++)
    lb_xml_emitter_text (&w->e, "author", NULL, authors[i]);
  lb_xml_emitter_texts (&w->e, "source", lb_instrument_get_source (inst), w->langs);
  lb_xml_emitter_texts (&w->e, "validation", lb_instrument_get_validation (inst), w->langs);
  lb_xml_emitter_close (&w->e, "meta");
}

char *
lb_instrument_write_xml (LbInstrument *inst)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (inst), NULL);

  Writer w = { .langs = lb_instrument_get_languages (inst) };
  lb_xml_emitter_init (&w.e, FALSE);
  lb_xml_emitter_start (&w.e, NULL);
  g_autofree char *languages = g_strjoinv (" ", (char **) w.langs);
  g_autofree char *format = g_strdup_printf ("%u", lb_instrument_get_format (inst));
  lb_xml_emitter_open (&w.e, "instrument", "xmlns", LB_INSTRUMENT_NS, "format", format,
                       "id", lb_instrument_get_id (inst), "version", lb_instrument_get_version (inst),
                       "languages", languages, NULL);
  write_meta (&w, inst);
  GPtrArray *scales = lb_instrument_get_scales (inst);
  for (guint i = 0; i < scales->len; i++)
    write_scale (&w, scales->pdata[i]);
  write_sessions (&w, inst);
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      write_domain (&w, d);
    }
  write_calibration (&w, inst);
  lb_xml_emitter_close (&w.e, "instrument");
  return lb_xml_emitter_finish (&w.e, NULL);
}
