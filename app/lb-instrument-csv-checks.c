/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-csv"

/* The checks of each type of row that need the whole tree (levels on
 * their scale, descriptors and anchors on their item's scale, rules on
 * their domain's), then the XML written from the checked rows, every line
 * tagged with the row it came from. */

#include "config.h"
#include "lb-instrument-csv-import-private.h"
#include "lb-instrument-writer.h"
#include "lb-instrument-loader-private.h"  /* LB_INSTRUMENT_NS */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* ---- checks per type ---- */

static void
check_level (Import *im, Row *l, Row **prev, GHashTable *seen)
{
  const char *id = cell (l, LB_CSV_ID);
  Row *first = has (l, LB_CSV_ID) ? g_hash_table_lookup (seen, id) : NULL;

  if (has (l, LB_CSV_ID) && !lb_csv_is_valid_id (id))
    problem_at (im, l, LB_CSV_ID, _("level id “%s” may contain only lower-case letters a–z, digits "
                                    "and “.”, “_” or “-”"), id);
  else if (first)
    problem_at (im, l, LB_CSV_ID, _("scale “%s” has two levels with id “%s” (the first on row %u)"),
                cell (l->parent, LB_CSV_ID), id, first->row);
  else if (has (l, LB_CSV_ID))
    g_hash_table_insert (seen, (gpointer) id, l);
  l->value_ok = get_decimal (im, l, LB_CSV_VALUE, -1e6, 1e6, &l->value);
  if (!l->value_ok || *prev == NULL)
    {
      *prev = l->value_ok ? l : *prev;
      return;
    }
  double before = (*prev)->value;
  if (l->value <= before)
    problem_at (im, l, LB_CSV_VALUE, _("scale “%s”: the values must go up, but %g follows %g (row %u)"),
                cell (l->parent, LB_CSV_ID), l->value, before, (*prev)->row);
  else if (floor (before) == before && floor (l->value) == l->value && l->value - before > 1)
    problem_at (im, l, LB_CSV_VALUE, _("scale “%s” has a gap: %g follows %g (add a level %g)"),
                cell (l->parent, LB_CSV_ID), l->value, before, before + 1);
  *prev = l;
}

static void
check_band (Import *im, Row *b)
{
  int from = level_on (im, b, LB_CSV_FROM, b->parent);
  int to = level_on (im, b, LB_CSV_TO, b->parent);
  if (has (b, LB_CSV_ID) && !lb_csv_is_valid_id (cell (b, LB_CSV_ID)))
    problem_at (im, b, LB_CSV_ID, _("band id “%s” may contain only lower-case letters a–z, digits "
                                    "and “.”, “_” or “-”"), cell (b, LB_CSV_ID));
  if (from >= 0 && to >= 0 && from > to)
    problem_at (im, b, LB_CSV_FROM, _("band “%s” runs backwards (from “%s” to “%s”)"),
                cell (b, LB_CSV_ID), cell (b, LB_CSV_FROM), cell (b, LB_CSV_TO));
}

static const char * const yes_no[] = { "yes", "no", "true", "false", "ja", "nee", "1", "0", NULL };

static void
check_scale (Import *im, Row *s)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Row *prev = NULL, *not_observed = NULL;
  guint n_levels = 0;

  for (guint i = 0; i < s->children->len; i++)
    {
      Row *c = s->children->pdata[i];
      if (c->type == T_LEVEL)
        n_levels++, check_level (im, c, &prev, seen);
      else if (c->type == T_BAND)
        check_band (im, c);
      else if (not_observed)
        problem_at (im, c, LB_CSV_TYPE, _("a second not-observed row for scale “%s” (the first is "
                                          "on row %u)"), cell (s, LB_CSV_ID), not_observed->row);
      else
        not_observed = c, get_choice (im, c, LB_CSV_ALLOWED, yes_no);
    }
  if (n_levels < 2)
    problem_at (im, s, LB_CSV_ID, _("scale “%s” needs at least two levels: rows of type level "
                                    "below it"), cell (s, LB_CSV_ID));
}

static void
scale_range (Row *scale, double *min, double *max)
{
  *min = G_MAXDOUBLE, *max = -G_MAXDOUBLE;
  for (guint i = 0; scale && i < scale->children->len; i++)
    {
      Row *l = scale->children->pdata[i];
      if (l->type == T_LEVEL && l->value_ok)
        *min = MIN (*min, l->value), *max = MAX (*max, l->value);
    }
}

static void
check_rule (Import *im, Row *r, Row *scale)
{
  static const char * const kinds[] = { "min-scored", "mean-at-least", "share-at-least", "none-below", NULL };
  /* per kind: the columns it needs; the others must stay empty */
  static const guint64 needs[] = { C (SHARE), C (VALUE), C (LEVEL) | C (SHARE), C (LEVEL) };
  int kind = get_choice (im, r, LB_CSV_KIND, kinds);
  double d, min, max;

  if (kind < 0)
    return;
  for (guint c = LB_CSV_LEVEL; c <= LB_CSV_SHARE; c++)
    if (c == LB_CSV_LEVEL || c == LB_CSV_VALUE || c == LB_CSV_SHARE)
      {
        if ((needs[kind] & COLUMN_BIT (c)) && !has (r, c) && !(r->bad & COLUMN_BIT (c)))
          problem_at (im, r, c, _("a rule %s needs a value in column “%s”"), kinds[kind],
                      lb_csv_column_names[c]);
        else if (!(needs[kind] & COLUMN_BIT (c)) && has (r, c))
          problem_at (im, r, c, _("a rule %s has no “%s”; leave this cell empty"), kinds[kind],
                      lb_csv_column_names[c]);
      }
  if (needs[kind] & C (SHARE))
    get_decimal (im, r, LB_CSV_SHARE, 0, 1, &d);
  if (needs[kind] & C (LEVEL))
    level_on (im, r, LB_CSV_LEVEL, scale);
  scale_range (scale, &min, &max);
  if ((needs[kind] & C (VALUE)) && min <= max)
    get_decimal (im, r, LB_CSV_VALUE, min, max, &d);
}

static void
check_indicator (Import *im, Row *ind)
{
  double d;
  ind->scale = find_scale (im, ind, LB_CSV_SCALE);
  get_decimal (im, ind, LB_CSV_DIFFICULTY, -10, 10, &d);
}

static gboolean
is_code (Row *item, const char *code)
{
  for (guint i = 0; i < item->children->len; i++)
    {
      Row *c = item->children->pdata[i];
      if (c->type == T_INDICATOR && c->scale && find_level (c->scale, code) >= 0)
        return TRUE;
    }
  return FALSE;
}

static Row *
find_band (Row *scale, const char *id)
{
  for (guint i = 0; scale && i < scale->children->len; i++)
    {
      Row *b = scale->children->pdata[i];
      if (b->type == T_BAND && g_str_equal (cell (b, LB_CSV_ID), id))
        return b;
    }
  return NULL;
}

/* Format 2: a descriptor of a band of the item's scale, at most one each. */
static void
check_band_descriptor (Import *im, Row *item, Row *c, GHashTable *described)
{
  Row *band = find_band (item->scale, cell (c, LB_CSV_BAND));
  Row *first = band ? g_hash_table_lookup (described, band) : NULL;
  if (has (c, LB_CSV_LEVEL))
    problem_at (im, c, LB_CSV_BAND, _("a descriptor describes a level or a band, not both; leave "
                                      "one of the columns “level” and “band” empty"));
  else if (band == NULL && item->scale)
    problem_at (im, c, LB_CSV_BAND, _("band “%s” does not exist on scale “%s”"),
                cell (c, LB_CSV_BAND), cell (item->scale, LB_CSV_ID));
  else if (first)
    problem_at (im, c, LB_CSV_BAND, _("item “%s” has two descriptors for band “%s” (the first on "
                                      "row %u)"), cell (item, LB_CSV_ID), cell (c, LB_CSV_BAND),
                first->row);
  else if (band)
    g_hash_table_insert (described, band, c);
}

static void
check_item_part (Import *im, Row *item, Row *c, GHashTable *described, guint *n_anchors)
{
  if (c->type == T_DESCRIPTOR && has (c, LB_CSV_BAND))
    check_band_descriptor (im, item, c, described);
  else if (c->type == T_DESCRIPTOR && !has (c, LB_CSV_LEVEL) && !(c->bad & C (LEVEL)))
    problem_at (im, c, LB_CSV_LEVEL, _("a row of type descriptor needs a value in column “level” "
                                       "(or, in format 2, in column “band”)"));
  else if (c->type == T_DESCRIPTOR)
    {
      int level = level_on (im, c, LB_CSV_LEVEL, item->scale);
      Row *first = level >= 0 ? g_hash_table_lookup (described, GINT_TO_POINTER (level + 1)) : NULL;
      if (first)
        problem_at (im, c, LB_CSV_LEVEL, _("item “%s” has two descriptors for level “%s” (the first "
                                           "on row %u)"), cell (item, LB_CSV_ID), cell (c, LB_CSV_LEVEL),
                    first->row);
      else if (level >= 0)
        g_hash_table_insert (described, GINT_TO_POINTER (level + 1), c);
    }
  else if (c->type == T_ANCHOR)
    {
      (*n_anchors)++;
      level_on (im, c, LB_CSV_LEVEL, item->scale);
      if (has (c, LB_CSV_CODE) && !is_code (item, cell (c, LB_CSV_CODE)))
        problem_at (im, c, LB_CSV_CODE, _("anchor code “%s” is not a level of the scale of any "
                                          "indicator of item “%s”"), cell (c, LB_CSV_CODE),
                    cell (item, LB_CSV_ID));
    }
}

static void
check_item (Import *im, Row *item, Row *inherited)
{
  static const char * const evidence[] = { "required", "optional", NULL };
  static const char * const scoring[] = { "holistic", "rollup", NULL };
  static const char * const rollup[] = { "mean", "median", "min", NULL };
  static const char * const round[] = { "nearest", "down", "up", NULL };
  g_autoptr(GHashTable) described = g_hash_table_new (NULL, NULL);
  guint n_anchors = 0;
  double tolerance;

  item->scale = has (item, LB_CSV_SCALE) ? find_scale (im, item, LB_CSV_SCALE) : inherited;
  if (item->scale == NULL)
    item->scale = inherited;
  get_choice (im, item, LB_CSV_EVIDENCE, evidence);
  int scored = get_choice (im, item, LB_CSV_SCORING, scoring);
  get_choice (im, item, LB_CSV_ROLLUP, rollup);
  get_choice (im, item, LB_CSV_ROUND, round);
  get_decimal (im, item, LB_CSV_ANCHOR_TOLERANCE, 0, 1e6, &tolerance);
  for (guint i = 0; i < item->children->len; i++)
    if (((Row *) item->children->pdata[i])->type == T_INDICATOR)
      check_indicator (im, item->children->pdata[i]);
  for (guint i = 0; i < item->children->len; i++)
    check_item_part (im, item, item->children->pdata[i], described, &n_anchors);
  if (scored == 1 && n_anchors == 0)
    problem_at (im, item, LB_CSV_SCORING, _("item “%s” is scored by roll-up but has no anchors: "
                                            "rows of type anchor below it"), cell (item, LB_CSV_ID));
}

static void
check_group (Import *im, Row *group, Row *inherited)
{
  group->scale = has (group, LB_CSV_SCALE) ? find_scale (im, group, LB_CSV_SCALE) : inherited;
  if (group->scale == NULL)
    group->scale = inherited;
  for (guint i = 0; i < group->children->len; i++)
    check_item (im, group->children->pdata[i], group->scale);
  if (group->children->len == 0)
    problem_at (im, group, LB_CSV_ID, _("group “%s” has no items"), cell (group, LB_CSV_ID));
}

/* Rules speak in the domain's scale, so its items must use that scale. */
static void
check_rule_scales (Import *im, Row *domain)
{
  for (guint i = 0; i < domain->children->len; i++)
    {
      Row *c = domain->children->pdata[i];
      GPtrArray *items = c->type == T_GROUP ? c->children : NULL;
      for (guint j = 0; items ? j < items->len : j < 1; j++)
        {
          Row *item = items ? items->pdata[j] : c;
          if (item->type == T_ITEM && item->scale && domain->scale && item->scale != domain->scale)
            problem_at (im, item, LB_CSV_SCALE, _("item “%s” uses scale “%s”, but the judgement rules "
                                                  "of domain “%s” need all its items on its scale “%s”"),
                        cell (item, LB_CSV_ID), cell (item->scale, LB_CSV_ID), cell (domain, LB_CSV_ID),
                        cell (domain->scale, LB_CSV_ID));
        }
    }
}

static void
check_domain (Import *im, Row *d)
{
  guint n[N_TYPES] = { 0 };
  Row *judgement = NULL;

  d->scale = find_scale (im, d, LB_CSV_SCALE);
  for (guint i = 0; i < d->children->len; i++)
    {
      Row *c = d->children->pdata[i];
      n[c->type]++;
      if (c->type == T_GROUP)
        check_group (im, c, d->scale);
      else if (c->type == T_ITEM)
        check_item (im, c, d->scale);
      else if (c->type == T_RULE)
        check_rule (im, c, d->scale);
      else if (judgement)
        problem_at (im, c, LB_CSV_TYPE, _("a second judgement row for domain “%s” (the first is on "
                                          "row %u)"), cell (d, LB_CSV_ID), judgement->row);
      else
        judgement = c;
      if (c->type == T_ITEM && n[T_GROUP] > 0)
        problem_at (im, c, LB_CSV_PARENT, _("domain “%s” has groups, so item “%s” must belong to "
                                            "one of them"), cell (d, LB_CSV_ID), cell (c, LB_CSV_ID));
    }
  for (guint i = 0; n[T_ITEM] > 0 && i < d->children->len; i++)
    {
      Row *c = d->children->pdata[i];
      if (c->type == T_GROUP)
        problem_at (im, c, LB_CSV_PARENT, _("domain “%s” has items of its own, so it cannot also "
                                            "have groups; put its items in groups"), cell (d, LB_CSV_ID));
      if (c->type == T_GROUP)
        break;
    }
  if (n[T_GROUP] + n[T_ITEM] == 0)
    problem_at (im, d, LB_CSV_ID, _("domain “%s” has no groups or items"), cell (d, LB_CSV_ID));
  if (judgement && n[T_RULE] == 0)
    problem_at (im, judgement, LB_CSV_TYPE, _("the judgement of domain “%s” has no rules: rows of "
                                              "type rule"), cell (d, LB_CSV_ID));
  if (n[T_RULE] > 0)
    check_rule_scales (im, d);
}

static gboolean
is_version (const char *v)
{
  guint parts = 0;
  for (const char *p = v;; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (p[1]))
        p++;
      parts++;
      if (p[1] == '\0')
        return parts <= 3;
      if (p[1] != '.')
        return FALSE;
      p++;
    }
}

static const char * const formats[] = { "1", "2", NULL };

/* Format 2's session rows; returns the longest observe_minutes among them. */
static guint
check_session_rows (Import *im, Row *sessions, guint count)
{
  guint longest = 0, u;
  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *r = im->rows->pdata[i];
      if (r->type != T_SESSION)
        continue;
      if (sessions == NULL)
        problem_at (im, r, LB_CSV_TYPE, _("a row of type session describes one of the segments or "
                                          "cycles of a row of type sessions, and there is none"));
      get_count (im, r, LB_CSV_NUMBER, 1, count, &u);
      if (get_count (im, r, LB_CSV_OBSERVE_MINUTES, 1, 600, &u))
        longest = MAX (longest, u);
      get_count (im, r, LB_CSV_SCORE_MINUTES, 0, 600, &u);
    }
  return longest;
}

/* Format 2 when the instrument row says so, or when anything of format 2
 * is used and it says nothing; a sheet that says 1 and uses format 2 is
 * told where. */
static void
decide_format (Import *im)
{
  Row *inst = im->single[T_INSTRUMENT];
  const char *written = inst && has (inst, LB_CSV_FORMAT) ? cell (inst, LB_CSV_FORMAT) : NULL;
  Row *first = NULL;
  LbCsvColumn column = LB_CSV_TYPE;

  for (guint i = 0; i < im->rows->len && first == NULL; i++)
    {
      Row *r = im->rows->pdata[i];
      if (r->type == T_SESSION)
        first = r;
      for (guint c = LB_CSV_FIRST_FORMAT_2 + 1; c < LB_CSV_N_COLUMNS && first == NULL; c++)
        if (has (r, c))
          first = r, column = c;
    }
  im->format = written ? (g_str_equal (written, "2") ? 2 : 1) : (first ? 2 : 1);
  if (im->format == 2 || first == NULL)
    return;
  if (column == LB_CSV_TYPE)
    problem_at (im, first, column, _("a row of type session exists only in format 2: write 2 in "
                                     "column “format” of the instrument row, or leave it empty"));
  else
    problem_at (im, first, column, _("column “%s” exists only in format 2: write 2 in column "
                                     "“format” of the instrument row, or leave it empty"),
                lb_csv_column_names[column]);
}

static void
check_top (Import *im)
{
  static const char * const kinds[] = { "cycles", "segments", NULL };
  static const char * const combine[] = { "mean", "independent", NULL };
  Row *inst = im->single[T_INSTRUMENT], *sessions = im->single[T_SESSIONS];
  Row *calibration = im->single[T_CALIBRATION];
  guint u, observe = 600, count = 100;
  double d;

  if (inst && has (inst, LB_CSV_VERSION) && !is_version (cell (inst, LB_CSV_VERSION)))
    problem_at (im, inst, LB_CSV_VERSION, _("version “%s” must be one to three numbers separated "
                                            "by points, such as 1, 1.0 or 2.1.3"), cell (inst, LB_CSV_VERSION));
  if (sessions)
    {
      get_choice (im, sessions, LB_CSV_KIND, kinds);
      get_choice (im, sessions, LB_CSV_COMBINE, combine);
      if (!get_count (im, sessions, LB_CSV_COUNT, 1, 100, &count))
        count = 100;
      if (!get_count (im, sessions, LB_CSV_OBSERVE_MINUTES, 1, 600, &observe))
        observe = 600;
      get_count (im, sessions, LB_CSV_SCORE_MINUTES, 0, 600, &u);
    }
  /* a snapshot may come as late as the longest session; the loader then
   * checks it against each session it is asked in */
  observe = MAX (observe, check_session_rows (im, sessions, count));
  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *r = im->rows->pdata[i];
      if (r->type != T_SNAPSHOT)
        continue;
      if (sessions == NULL)
        problem_at (im, r, LB_CSV_TYPE, _("a snapshot belongs to the segments or cycles of a row "
                                          "of type sessions, and there is none"));
      get_count (im, r, LB_CSV_MINUTE, 0, observe, &u);
      r->scale = find_scale (im, r, LB_CSV_SCALE);
    }
  if (calibration)
    {
      get_count (im, calibration, LB_CSV_WITHIN, 0, 100, &u);
      get_decimal (im, calibration, LB_CSV_SHARE, 0, 1, &d);
      get_decimal (im, calibration, LB_CSV_SNAPSHOTS_EXACT, 0, 1, &d);
      get_count (im, calibration, LB_CSV_REFERENCES, 1, 100, &u);
      get_choice (im, calibration, LB_CSV_IN_EACH, yes_no);
    }
  if (inst)
    get_choice (im, inst, LB_CSV_FORMAT, formats);
}

void
lb_csv_check_all (Import *im)
{
  guint n[N_TYPES] = { 0 };

  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *r = im->rows->pdata[i];
      n[r->type]++;
      check_text (im, r, r->text, FALSE);
      check_text (im, r, r->description, TRUE);
      if (r->type == T_SCALE)
        check_scale (im, r);
    }
  for (guint i = 0; i < im->rows->len; i++)
    if (((Row *) im->rows->pdata[i])->type == T_DOMAIN)
      check_domain (im, im->rows->pdata[i]);
  check_top (im);
  decide_format (im);
  if (n[T_INSTRUMENT] == 0)
    lb_csv_problem (im->t, 1, 1, _("there is no row of type instrument, with the id, version and "
                                   "Dutch title of the instrument"));
  if (n[T_SCALE] == 0)
    lb_csv_problem (im->t, 1, 1, _("there is no row of type scale"));
  if (n[T_DOMAIN] == 0)
    lb_csv_problem (im->t, 1, 1, _("there is no row of type domain"));
}

/* ---- writing the XML ---- */

typedef struct {
  Import       *im;
  LbXmlEmitter  e;
  const char * const *langs;
} Out;

static void
texts (Out *o, const char *name, LbText *text)
{
  lb_xml_emitter_texts (&o->e, name, text, o->langs);
}

static const char *
opt (Row *r, LbCsvColumn c)
{
  return has (r, c) ? cell (r, c) : NULL;
}

static char *
lower (Row *r, LbCsvColumn c)
{
  return has (r, c) ? g_ascii_strdown (cell (r, c), -1) : NULL;
}

static void
emit_scale (Out *o, Row *s)
{
  o->e.tag = s->row;
  lb_xml_emitter_open (&o->e, "scale", "id", cell (s, LB_CSV_ID), NULL);
  texts (o, "title", s->text);
  for (Type type = T_LEVEL; type <= T_NOT_OBSERVED; type++)
    for (guint i = 0; i < s->children->len; i++)
      {
        Row *c = s->children->pdata[i];
        if (c->type != type)
          continue;
        o->e.tag = c->row;
        if (type == T_LEVEL)
          lb_xml_emitter_open (&o->e, "level", "id", cell (c, LB_CSV_ID),
                               "value", c->number[LB_CSV_VALUE], NULL);
        else if (type == T_BAND)
          lb_xml_emitter_open (&o->e, "band", "id", cell (c, LB_CSV_ID), "from", cell (c, LB_CSV_FROM),
                               "to", cell (c, LB_CSV_TO), NULL);
        else
          {
            g_autofree char *allowed = lower (c, LB_CSV_ALLOWED);
            gboolean no = allowed && strchr ("nf0", allowed[0]);  /* no, nee, false, 0 */
            lb_xml_emitter_open (&o->e, "not-observed", "allowed", no ? "false" : "true", NULL);
          }
        texts (o, "label", c->text);
        texts (o, "description", c->description);
        lb_xml_emitter_close (&o->e, specs[type].name);
      }
  o->e.tag = s->row;
  lb_xml_emitter_close (&o->e, "scale");
}

static void
emit_sessions (Out *o, Row *s)
{
  g_autofree char *kind = lower (s, LB_CSV_KIND);
  g_autofree char *combine = lower (s, LB_CSV_COMBINE);

  o->e.tag = s->row;
  lb_xml_emitter_open (&o->e, "sessions", "kind", kind, "count", s->number[LB_CSV_COUNT],
                       "observe-minutes", s->number[LB_CSV_OBSERVE_MINUTES],
                       "score-minutes", s->number[LB_CSV_SCORE_MINUTES], "combine", combine, NULL);
  texts (o, "title", s->text);
  for (guint i = 0; i < o->im->rows->len; i++)
    {
      Row *r = o->im->rows->pdata[i];
      if (r->type != T_SESSION)
        continue;
      o->e.tag = r->row;
      lb_xml_emitter_open (&o->e, "session", "number", r->number[LB_CSV_NUMBER],
                           "observe-minutes", r->number[LB_CSV_OBSERVE_MINUTES],
                           "score-minutes", r->number[LB_CSV_SCORE_MINUTES], NULL);
      texts (o, "title", r->text);
      lb_xml_emitter_close (&o->e, "session");
    }
  for (guint i = 0; i < o->im->rows->len; i++)
    {
      Row *r = o->im->rows->pdata[i];
      if (r->type != T_SNAPSHOT)
        continue;
      o->e.tag = r->row;
      lb_xml_emitter_open (&o->e, "snapshot", "id", cell (r, LB_CSV_ID),
                           "minute", r->number[LB_CSV_MINUTE], "scale", cell (r, LB_CSV_SCALE),
                           "sessions", opt (r, LB_CSV_SESSIONS),
                           "applies-when", opt (r, LB_CSV_APPLIES_WHEN),
                           "answer", opt (r, LB_CSV_ANSWER), NULL);
      texts (o, "text", r->text);
      lb_xml_emitter_close (&o->e, "snapshot");
    }
  o->e.tag = s->row;
  lb_xml_emitter_close (&o->e, "sessions");
}

static void
emit_item (Out *o, Row *item)
{
  g_autofree char *evidence = lower (item, LB_CSV_EVIDENCE);
  g_autofree char *scoring = lower (item, LB_CSV_SCORING);
  g_autofree char *rollup = lower (item, LB_CSV_ROLLUP);
  g_autofree char *round = lower (item, LB_CSV_ROUND);

  o->e.tag = item->row;
  lb_xml_emitter_open (&o->e, "item", "id", cell (item, LB_CSV_ID), "scale", opt (item, LB_CSV_SCALE),
                       "evidence", evidence, "scoring", scoring, "rollup", rollup, "round", round,
                       "anchor-tolerance", item->number[LB_CSV_ANCHOR_TOLERANCE], NULL);
  texts (o, "text", item->text);
  texts (o, "description", item->description);
  for (Type type = T_INDICATOR; type <= T_ANCHOR; type++)
    for (guint i = 0; i < item->children->len; i++)
      {
        Row *c = item->children->pdata[i];
        if (c->type != type)
          continue;
        o->e.tag = c->row;
        if (type == T_INDICATOR)
          lb_xml_emitter_open (&o->e, "indicator", "id", cell (c, LB_CSV_ID),
                               "difficulty", c->number[LB_CSV_DIFFICULTY], "scale", opt (c, LB_CSV_SCALE), NULL);
        else if (type == T_DESCRIPTOR)
          lb_xml_emitter_open (&o->e, "descriptor", "level", opt (c, LB_CSV_LEVEL),
                               "band", opt (c, LB_CSV_BAND), NULL);
        else
          {
            lb_xml_emitter_empty (&o->e, "anchor", "code", cell (c, LB_CSV_CODE),
                                  "level", cell (c, LB_CSV_LEVEL), NULL);
            continue;
          }
        texts (o, "text", c->text);
        lb_xml_emitter_close (&o->e, specs[type].name);
      }
  o->e.tag = item->row;
  lb_xml_emitter_close (&o->e, "item");
}

static void
emit_judgement (Out *o, Row *domain)
{
  Row *judgement = NULL;
  guint n_rules = 0;

  for (guint i = 0; i < domain->children->len; i++)
    {
      Row *c = domain->children->pdata[i];
      judgement = c->type == T_JUDGEMENT ? c : judgement;
      n_rules += c->type == T_RULE;
    }
  if (n_rules == 0)
    return;
  o->e.tag = judgement ? judgement->row : domain->row;
  lb_xml_emitter_open (&o->e, "judgement", NULL);
  if (judgement)
    texts (o, "title", judgement->text);
  for (guint i = 0; i < domain->children->len; i++)
    {
      Row *r = domain->children->pdata[i];
      g_autofree char *kind = r->type == T_RULE ? lower (r, LB_CSV_KIND) : NULL;
      if (kind == NULL)
        continue;
      o->e.tag = r->row;
      lb_xml_emitter_empty (&o->e, kind, "level", opt (r, LB_CSV_LEVEL), "value", r->number[LB_CSV_VALUE],
                            "share", r->number[LB_CSV_SHARE], NULL);
    }
  lb_xml_emitter_close (&o->e, "judgement");
}

static void
emit_domain (Out *o, Row *d)
{
  o->e.tag = d->row;
  lb_xml_emitter_open (&o->e, "domain", "id", cell (d, LB_CSV_ID), "scale", cell (d, LB_CSV_SCALE), NULL);
  texts (o, "title", d->text);
  texts (o, "description", d->description);
  for (guint i = 0; i < d->children->len; i++)
    {
      Row *c = d->children->pdata[i];
      if (c->type == T_ITEM)
        emit_item (o, c);
      if (c->type != T_GROUP)
        continue;
      o->e.tag = c->row;
      lb_xml_emitter_open (&o->e, "group", "id", cell (c, LB_CSV_ID), "scale", opt (c, LB_CSV_SCALE), NULL);
      texts (o, "title", c->text);
      texts (o, "description", c->description);
      for (guint j = 0; j < c->children->len; j++)
        emit_item (o, c->children->pdata[j]);
      o->e.tag = c->row;
      lb_xml_emitter_close (&o->e, "group");
    }
  emit_judgement (o, d);
  o->e.tag = d->row;
  lb_xml_emitter_close (&o->e, "domain");
}

static void
emit_meta (Out *o, Row *inst)
{
  lb_xml_emitter_open (&o->e, "meta", NULL);
  texts (o, "title", inst->text);
  texts (o, "description", inst->description);
  for (guint i = 0; i < o->im->rows->len; i++)
    {
      Row *r = o->im->rows->pdata[i];
      if (r->type != T_AUTHOR)
        continue;
      o->e.tag = r->row;
      lb_xml_emitter_text (&o->e, "author", NULL, lb_csv_unescape_text (cell (r, LB_CSV_NAME)));
    }
  for (Type type = T_SOURCE; type <= T_VALIDATION; type++)
    if (o->im->single[type])
      {
        o->e.tag = o->im->single[type]->row;
        texts (o, specs[type].name, o->im->single[type]->text);
      }
  o->e.tag = inst->row;
  lb_xml_emitter_close (&o->e, "meta");
}

char *
lb_csv_emit (Import *im, GArray **line_rows)
{
  Out o = { im, { 0 }, (const char * const *) im->languages };
  Row *inst = im->single[T_INSTRUMENT], *cal = im->single[T_CALIBRATION];
  g_autofree char *languages = g_strjoinv (" ", im->languages);

  lb_xml_emitter_init (&o.e, TRUE);
  o.e.tag = inst->row;
  lb_xml_emitter_start (&o.e, "Made with “lesbezoek instrument from-csv”. The spreadsheet is the "
                              "source: change that and convert it again.");
  lb_xml_emitter_open (&o.e, "instrument", "xmlns", LB_INSTRUMENT_NS, "format", im->format == 2 ? "2" : "1",
                       "id", cell (inst, LB_CSV_ID), "version", cell (inst, LB_CSV_VERSION),
                       "languages", languages, NULL);
  emit_meta (&o, inst);
  for (guint i = 0; i < im->rows->len; i++)
    if (((Row *) im->rows->pdata[i])->type == T_SCALE)
      emit_scale (&o, im->rows->pdata[i]);
  if (im->single[T_SESSIONS])
    emit_sessions (&o, im->single[T_SESSIONS]);
  for (guint i = 0; i < im->rows->len; i++)
    if (((Row *) im->rows->pdata[i])->type == T_DOMAIN)
      emit_domain (&o, im->rows->pdata[i]);
  if (cal)
    {
      o.e.tag = cal->row;
      g_autofree char *each = lower (cal, LB_CSV_IN_EACH);
      gboolean no = each && strchr ("nf0", each[0]);  /* no, nee, false, 0 */
      lb_xml_emitter_open (&o.e, "calibration", "within", cal->number[LB_CSV_WITHIN],
                           "share", cal->number[LB_CSV_SHARE],
                           "snapshots-exact", cal->number[LB_CSV_SNAPSHOTS_EXACT],
                           "references", cal->number[LB_CSV_REFERENCES],
                           "in-each", each ? (no ? "false" : "true") : NULL, NULL);
      texts (&o, "description", cal->description);
      lb_xml_emitter_close (&o.e, "calibration");
    }
  o.e.tag = inst->row;
  lb_xml_emitter_close (&o.e, "instrument");
  return lb_xml_emitter_finish (&o.e, line_rows);
}

