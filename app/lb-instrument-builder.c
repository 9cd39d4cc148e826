/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-builder"

/* Turns a parsed instrument document into the immutable model, checking
 * what the schema cannot: ids that are unique and references that resolve,
 * scales that ascend without gaps, and Dutch text on everything. Messages
 * are written for the person who will have to fix the file. */

#include "config.h"
#include "lb-instrument-loader-private.h"
#include "lb-scoring.h"  /* LB_CODE_NOT_APPLICABLE */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static xmlNode *
skip_to_element (xmlNode *n)
{
  while (n && n->type != XML_ELEMENT_NODE)
    n = n->next;
  return n;
}

#define FOREACH_ELEMENT(child, parent) \
  for (xmlNode *child = skip_to_element ((parent)->children); child; \
       child = skip_to_element (child->next))

static gboolean
is_ours (xmlNode *node)
{
  return node->ns && g_strcmp0 ((const char *) node->ns->href, LB_INSTRUMENT_NS) == 0;
}

static gboolean
is (xmlNode *node, const char *name)
{
  return is_ours (node) && g_str_equal ((const char *) node->name, name);
}

static char *
attr (xmlNode *node, const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = v ? g_strdup ((const char *) v) : NULL;
  xmlFree (v);
  return copy;
}

static gboolean
has_attr (xmlNode *node, const char *name)
{
  return xmlHasNsProp (node, (const xmlChar *) name, NULL) != NULL;
}

static char *
required_attr (LbLoader *L, xmlNode *node, const char *name)
{
  char *v = attr (node, name);
  if (v == NULL)
    lb_loader_node_problem (L, node, NULL, _("<%s> lacks the required attribute %s=\"…\""),
                            (const char *) node->name, name);
  return v;
}

static gboolean
parse_number (LbLoader *L, xmlNode *node, const char *name, double min, double max,
              double *out)
{
  g_autofree char *v = attr (node, name);
  if (v == NULL)
    return FALSE;
  char *end = NULL;
  double d = g_ascii_strtod (g_strstrip (v), &end);
  if (*v == '\0' || end == NULL || *end != '\0' || !isfinite (d))
    {
      lb_loader_node_problem (L, node, name, _("%s=\"%s\" is not a number (use a point: 2.5)"),
                              name, v);
      return FALSE;
    }
  if (d < min || d > max)
    {
      lb_loader_node_problem (L, node, name, _("%s=\"%s\" must lie between %g and %g"),
                              name, v, min, max);
      return FALSE;
    }
  *out = d;
  return TRUE;
}

static void
unexpected (LbLoader *L, xmlNode *child, xmlNode *parent)
{
  if (!is_ours (child))
    lb_loader_node_problem (L, child, NULL,
                            _("element <%s> is not in the instrument namespace (inside <%s>)"),
                            (const char *) child->name, (const char *) parent->name);
  else
    lb_loader_node_problem (L, child, NULL, _("unexpected element <%s> inside <%s>"),
                            (const char *) child->name, (const char *) parent->name);
}

static void
claim_id (LbLoader *L, xmlNode *node, const char *id)
{
  gpointer first = g_hash_table_lookup (L->ids, id);
  if (first)
    lb_loader_node_problem (L, node, "id", _("duplicate id “%s” (already used on line %u)"),
                            id, GPOINTER_TO_UINT (first));
  else
    g_hash_table_insert (L->ids, g_strdup (id), GUINT_TO_POINTER ((guint) xmlGetLineNo (node)));
}

/* ---- texts ---- */

static char *
normalized_content (xmlNode *node)
{
  xmlChar *raw = xmlNodeGetContent (node);
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;
  for (const char *p = raw ? (const char *) raw : ""; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  xmlFree (raw);
  return g_string_free (s, FALSE);
}

/* Reads one <title>/<text>/<label>… into @text. */
static void
read_text (LbLoader *L, xmlNode *node, LbText *text)
{
  xmlChar *lang_raw = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  g_autofree char *lang = lang_raw ? g_strdup ((const char *) lang_raw) : NULL;
  xmlFree (lang_raw);
  g_autofree char *value = normalized_content (node);

  if (lang == NULL)
    {
      lb_loader_node_problem (L, node, NULL, _("<%s> has no language: add xml:lang=\"nl\""),
                              (const char *) node->name);
      return;
    }
  if (!g_strv_contains ((const char * const *) L->languages, lang))
    lb_loader_node_problem (L, node, "xml:lang",
                            _("text in language “%s”, which the instrument does not list in "
                              "languages=\"…\""), lang);
  else if (lb_text_has (text, lang))
    lb_loader_node_problem (L, node, "xml:lang", _("a second <%s> in language “%s”"),
                            (const char *) node->name, lang);
  else if (*value == '\0')
    lb_loader_node_problem (L, node, NULL, _("<%s> is empty"), (const char *) node->name);
  else if (g_utf8_strlen (value, -1) > LB_MAX_TEXT_CHARS)
    lb_loader_node_problem (L, node, NULL, _("<%s> is too long (%ld characters; at most %d)"),
                            (const char *) node->name, g_utf8_strlen (value, -1),
                            LB_MAX_TEXT_CHARS);
  else
    lb_text_set (text, lang, value);
}

static void
require_dutch (LbLoader *L, xmlNode *owner, LbText *text, const char *element, gboolean present)
{
  if (!present)
    lb_loader_node_problem (L, owner, NULL, _("<%s> needs a <%s xml:lang=\"nl\">"),
                            (const char *) owner->name, element);
  else if (!lb_text_has (text, "nl") && lb_text_get_n (text) > 0)
    lb_loader_node_problem (L, owner, NULL, _("<%s> has no Dutch <%s> (xml:lang=\"nl\")"),
                            (const char *) owner->name, element);
}

/* ---- scales ---- */

static void
check_level_order (LbLoader *L, xmlNode *node, LbScale *scale, double value, const char *scale_id)
{
  guint n = lb_scale_get_n_levels (scale);
  if (n == 0)
    return;
  double prev = lb_scale_get_level (scale, n - 1)->value;
  if (value <= prev)
    lb_loader_node_problem (L, node, "value",
                            _("scale “%s”: the values must go up, but %g follows %g"),
                            scale_id, value, prev);
  else if (floor (prev) == prev && floor (value) == value && value - prev > 1)
    lb_loader_node_problem (L, node, "value",
                            _("scale “%s” has a gap: %g follows %g (add a level %g)"),
                            scale_id, value, prev, prev + 1);
}

static void
build_level (LbLoader *L, xmlNode *node, LbScale *scale)
{
  g_autofree char *id = required_attr (L, node, "id");
  double value = 0;
  gboolean has_value = parse_number (L, node, "value", -1e6, 1e6, &value);
  g_autoptr(LbText) label = lb_text_new ();
  g_autoptr(LbText) description = lb_text_new ();
  gboolean has_label = FALSE;

  if (!has_value && !has_attr (node, "value"))
    g_free (required_attr (L, node, "value"));
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "label"))
        has_label = TRUE, read_text (L, c, label);
      else if (is (c, "description"))
        read_text (L, c, description);
      else
        unexpected (L, c, node);
    }
  require_dutch (L, node, label, "label", has_label);
  if (id == NULL || !has_value)
    return;
  if (lb_scale_find_level (scale, id) >= 0)
    lb_loader_node_problem (L, node, "id", _("scale “%s” has two levels with id “%s”"),
                            lb_scale_get_id (scale), id);
  /* observations store "not applicable" as this code: a level may not be
   * called so, or the two could not be told apart */
  if (g_str_equal (id, LB_CODE_NOT_APPLICABLE))
    lb_loader_node_problem (L, node, "id",
                            _("a level may not have the id “%s”: Lesbezoek uses it for “not "
                              "applicable”; use <not-observed> for that"), id);
  check_level_order (L, node, scale, value, lb_scale_get_id (scale));
  lb_scale_add_level (scale, id, value, label, description);
}

static void
build_band (LbLoader *L, xmlNode *node, LbScale *scale)
{
  g_autofree char *id = required_attr (L, node, "id");
  g_autofree char *from = required_attr (L, node, "from");
  g_autofree char *to = required_attr (L, node, "to");
  g_autoptr(LbText) label = lb_text_new ();
  gboolean has_label = FALSE;

  FOREACH_ELEMENT (c, node)
    if (is (c, "label"))
      has_label = TRUE, read_text (L, c, label);
    else
      unexpected (L, c, node);
  require_dutch (L, node, label, "label", has_label);
  int f = from ? lb_scale_find_level (scale, from) : -1;
  int t = to ? lb_scale_find_level (scale, to) : -1;
  if (from && f < 0)
    lb_loader_node_problem (L, node, "from", _("band “%s” starts at level “%s”, which the scale does not have"),
                            id ? id : "", from);
  if (to && t < 0)
    lb_loader_node_problem (L, node, "to", _("band “%s” ends at level “%s”, which the scale does not have"),
                            id ? id : "", to);
  if (f >= 0 && t >= 0 && f > t)
    lb_loader_node_problem (L, node, "from", _("band “%s” runs backwards (from “%s” to “%s”)"),
                            id ? id : "", from, to);
  if (id && f >= 0 && t >= 0 && f <= t)
    lb_scale_add_band (scale, id, (guint) f, (guint) t, label);
}

static void
build_not_observed (LbLoader *L, xmlNode *node, LbScale *scale)
{
  g_autofree char *allowed = attr (node, "allowed");
  g_autoptr(LbText) label = lb_text_new ();
  FOREACH_ELEMENT (c, node)
    if (is (c, "label"))
      read_text (L, c, label);
    else
      unexpected (L, c, node);
  if (lb_text_get_n (label) > 0 && !lb_text_has (label, "nl"))
    require_dutch (L, node, label, "label", TRUE);
  gboolean is_allowed = allowed == NULL || g_str_equal (allowed, "true") || g_str_equal (allowed, "1");
  lb_scale_set_not_observed (scale, is_allowed, label);
}

static void
build_scale (LbLoader *L, xmlNode *node)
{
  g_autofree char *id = required_attr (L, node, "id");
  if (id == NULL)
    return;
  if (lb_instrument_find_scale (L->inst, id))
    lb_loader_node_problem (L, node, "id", _("two scales with id “%s”"), id);
  g_autoptr(LbScale) scale = lb_scale_new (id);
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "title"))
        read_text (L, c, lb_scale_get_title (scale));
      else if (is (c, "level"))
        build_level (L, c, scale);
      else if (is (c, "band"))
        build_band (L, c, scale);
      else if (is (c, "not-observed"))
        build_not_observed (L, c, scale);
      else
        unexpected (L, c, node);
    }
  if (lb_scale_get_n_levels (scale) < 2)
    lb_loader_node_problem (L, node, NULL, _("scale “%s” needs at least two levels"), id);
  g_ptr_array_add (L->inst->scales, g_steal_pointer (&scale));
}

static LbScale *
resolve_scale (LbLoader *L, xmlNode *node, LbScale *inherited)
{
  g_autofree char *id = attr (node, "scale");
  if (id == NULL)
    return inherited;
  LbScale *scale = lb_instrument_find_scale (L->inst, id);
  if (scale == NULL)
    lb_loader_node_problem (L, node, "scale", _("scale “%s” does not exist; declare it with <scale id=\"%s\">"),
                            id, id);
  return scale ? scale : inherited;
}

static int
resolve_level (LbLoader *L, xmlNode *node, const char *name, LbScale *scale)
{
  g_autofree char *level = required_attr (L, node, name);
  if (level == NULL || scale == NULL)
    return -1;
  int index = lb_scale_find_level (scale, level);
  if (index < 0)
    lb_loader_node_problem (L, node, name, _("level “%s” does not exist on scale “%s”"),
                            level, lb_scale_get_id (scale));
  return index;
}

/* ---- hierarchy ---- */

static void
read_titles (LbLoader *L, xmlNode *node, LbNode *target, xmlNode *c, gboolean *has_title)
{
  if (is (c, "title") || is (c, "text"))
    {
      *has_title = TRUE;
      read_text (L, c, lb_node_get_text (target));
    }
  else
    read_text (L, c, lb_node_get_description (target));
}

/* The schema's id.type, checked here so that the message can name the id. */
static LbNode *
new_node (LbLoader *L, xmlNode *node, LbNodeKind kind)
{
  g_autofree char *id = required_attr (L, node, "id");
  if (id == NULL)
    return NULL;
  if (!lb_xml_is_valid (LB_XML_ID, id))
    lb_loader_node_problem (L, node, "id",
                            _("id “%s” may contain only lower-case letters a–z, digits and “.”, “_” "
                              "or “-”, and must start with a letter or digit"), id);
  claim_id (L, node, id);
  return lb_node_new (kind, id, (guint) xmlGetLineNo (node));
}

static void
build_indicator (LbLoader *L, xmlNode *node, LbNode *item)
{
  g_autoptr(LbNode) ind = new_node (L, node, LB_NODE_INDICATOR);
  gboolean has_text = FALSE;
  double difficulty;

  if (ind == NULL)
    return;
  if (parse_number (L, node, "difficulty", -10, 10, &difficulty))
    lb_node_set_difficulty (ind, difficulty);
  lb_node_set_scale (ind, resolve_scale (L, node, NULL));
  FOREACH_ELEMENT (c, node)
    if (is (c, "text"))
      read_titles (L, node, ind, c, &has_text);
    else
      unexpected (L, c, node);
  require_dutch (L, node, lb_node_get_text (ind), "text", has_text);
  lb_node_append_child (item, ind);
}

static void
build_descriptor (LbLoader *L, xmlNode *node, LbNode *item)
{
  if (has_attr (node, "band"))
    {
      lb_loader_band_descriptor (L, node, item);
      return;
    }
  int level = resolve_level (L, node, "level", lb_node_get_scale (item));
  g_autoptr(LbText) text = lb_text_new ();
  gboolean has_text = FALSE;

  FOREACH_ELEMENT (c, node)
    if (is (c, "text"))
      has_text = TRUE, read_text (L, c, text);
    else
      unexpected (L, c, node);
  require_dutch (L, node, text, "text", has_text);
  if (level < 0)
    return;
  if (lb_node_get_descriptor_for_level (item, (guint) level))
    lb_loader_node_problem (L, node, "level", _("item “%s” has two descriptors for level “%s”"),
                            lb_node_get_id (item),
                            lb_scale_get_level (lb_node_get_scale (item), level)->id);
  else
    lb_node_add_descriptor (item, (guint) level, text);
}

static gboolean
code_exists (LbNode *item, const char *code)
{
  guint n = lb_node_get_n_children (item);
  for (guint i = 0; i < n; i++)
    {
      LbScale *s = lb_node_get_scale (lb_node_get_child (item, i));
      if (s && lb_scale_find_level (s, code) >= 0)
        return TRUE;
    }
  return FALSE;
}

static void
build_anchor (LbLoader *L, xmlNode *node, LbNode *item)
{
  g_autofree char *code = required_attr (L, node, "code");
  int level = resolve_level (L, node, "level", lb_node_get_scale (item));
  if (code && !code_exists (item, code))
    lb_loader_node_problem (L, node, "code",
                            _("anchor code “%s” is not a level of any indicator scale of item “%s”"),
                            code, lb_node_get_id (item));
  else if (code && level >= 0)
    lb_node_add_anchor (item, code, (guint) level);
}

static void
read_item_attributes (LbLoader *L, xmlNode *node, LbNode *item, LbScale *inherited)
{
  g_autofree char *evidence = attr (node, "evidence");
  g_autofree char *scoring = attr (node, "scoring");
  lb_node_set_scale (item, resolve_scale (L, node, inherited));
  lb_node_set_evidence_required (item, g_strcmp0 (evidence, "required") == 0);
  lb_node_set_scoring (item, g_strcmp0 (scoring, "rollup") == 0 ? LB_SCORING_ROLLUP
                                                               : LB_SCORING_HOLISTIC);
}

static void
build_item (LbLoader *L, xmlNode *node, LbNode *parent, LbScale *inherited)
{
  g_autoptr(LbNode) item = new_node (L, node, LB_NODE_ITEM);
  gboolean has_text = FALSE;

  if (item == NULL)
    return;
  read_item_attributes (L, node, item, inherited);
  lb_loader_item_v2 (L, node, item);
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "text") || is (c, "description"))
        read_titles (L, node, item, c, &has_text);
      else if (is (c, "indicator"))
        build_indicator (L, c, item);
      else if (is (c, "descriptor"))
        build_descriptor (L, c, item);
      else if (is (c, "anchor"))
        build_anchor (L, c, item);
      else
        unexpected (L, c, node);
    }
  require_dutch (L, node, lb_node_get_text (item), "text", has_text);
  if (lb_node_get_scoring (item) == LB_SCORING_ROLLUP && lb_node_get_n_anchors (item) == 0)
    lb_loader_node_problem (L, node, "scoring",
                            _("item “%s” is scored by roll-up but declares no <anchor>"),
                            lb_node_get_id (item));
  lb_loader_item_v2_check (L, node, item);
  lb_node_append_child (parent, item);
}

/* Whether @parent has a child <name>, even one that failed to build: an item
 * without id is one problem, not also an empty group. */
static gboolean
has_child (xmlNode *parent, const char *name)
{
  FOREACH_ELEMENT (c, parent)
    if (is (c, name))
      return TRUE;
  return FALSE;
}

static void
build_group (LbLoader *L, xmlNode *node, LbNode *domain)
{
  g_autoptr(LbNode) group = new_node (L, node, LB_NODE_GROUP);
  gboolean has_title = FALSE;

  if (group == NULL)
    return;
  LbScale *scale = resolve_scale (L, node, lb_node_get_scale (domain));
  lb_node_set_scale (group, scale);
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "title") || is (c, "description"))
        read_titles (L, node, group, c, &has_title);
      else if (is (c, "item"))
        build_item (L, c, group, scale);
      else
        unexpected (L, c, node);
    }
  require_dutch (L, node, lb_node_get_text (group), "title", has_title);
  if (!has_child (node, "item"))
    lb_loader_node_problem (L, node, NULL, _("group “%s” has no items"), lb_node_get_id (group));
  lb_node_append_child (domain, group);
}

static void
build_rule (LbLoader *L, xmlNode *node, LbNode *domain)
{
  LbScale *scale = lb_node_get_scale (domain);
  LbRule rule = { 0 };
  gboolean ok = TRUE;
  const char *name = (const char *) node->name;

  if (g_str_equal (name, "min-scored"))
    rule.kind = LB_RULE_MIN_SCORED, ok = parse_number (L, node, "share", 0, 1, &rule.share);
  else if (g_str_equal (name, "mean-at-least"))
    {
      rule.kind = LB_RULE_MEAN_AT_LEAST;
      /* A scale with no levels, or out of order, has been reported already. */
      ok = scale && lb_scale_get_n_levels (scale) > 0;
      double lo = ok ? MIN (lb_scale_get_min (scale), lb_scale_get_max (scale)) : 0;
      double hi = ok ? MAX (lb_scale_get_min (scale), lb_scale_get_max (scale)) : 0;
      ok = ok && parse_number (L, node, "value", lo, hi, &rule.value);
    }
  else if (g_str_equal (name, "share-at-least"))
    {
      int level = resolve_level (L, node, "level", scale);
      rule.kind = LB_RULE_SHARE_AT_LEAST;
      ok = parse_number (L, node, "share", 0, 1, &rule.share) && level >= 0;
      rule.level = MAX (level, 0);
    }
  else if (g_str_equal (name, "none-below"))
    {
      int level = resolve_level (L, node, "level", scale);
      rule.kind = LB_RULE_NONE_BELOW, ok = level >= 0, rule.level = MAX (level, 0);
    }
  else
    ok = FALSE;
  if (ok)
    lb_node_add_rule (domain, &rule);
}

static void
build_judgement (LbLoader *L, xmlNode *node, LbNode *domain)
{
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "title"))
        read_text (L, c, lb_node_get_judgement_title (domain));
      else if (is (c, "min-scored") || is (c, "mean-at-least") ||
               is (c, "share-at-least") || is (c, "none-below"))
        build_rule (L, c, domain);
      else
        unexpected (L, c, node);
    }
  /* Rules speak in the domain's scale, so its items must use that scale. */
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (domain, items);
  for (guint i = 0; i < items->len; i++)
    if (lb_node_get_scale (items->pdata[i]) != lb_node_get_scale (domain))
      lb_xml_add_problem (&L->src, LB_ERROR_INVALID, lb_node_get_line (items->pdata[i]),
                          lb_xml_column_of (&L->src, lb_node_get_line (items->pdata[i]), "<item"),
                          _("item “%s” uses another scale than its domain “%s”, whose judgement "
                            "rules need one scale"),
                          lb_node_get_id (items->pdata[i]), lb_node_get_id (domain));
}

static void
build_domain (LbLoader *L, xmlNode *node)
{
  g_autoptr(LbNode) domain = new_node (L, node, LB_NODE_DOMAIN);
  gboolean has_title = FALSE;

  if (domain == NULL)
    return;
  g_autofree char *scale_id = required_attr (L, node, "scale");
  LbScale *scale = scale_id ? resolve_scale (L, node, NULL) : NULL;
  lb_node_set_scale (domain, scale);
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "title") || is (c, "description"))
        read_titles (L, node, domain, c, &has_title);
      else if (is (c, "group"))
        build_group (L, c, domain);
      else if (is (c, "item"))
        build_item (L, c, domain, scale);
      else if (is (c, "judgement"))
        build_judgement (L, c, domain);
      else
        unexpected (L, c, node);
    }
  require_dutch (L, node, lb_node_get_text (domain), "title", has_title);
  if (!has_child (node, "group") && !has_child (node, "item"))
    lb_loader_node_problem (L, node, NULL, _("domain “%s” has no groups or items"),
                            lb_node_get_id (domain));
  g_list_store_append (L->inst->domains, domain);
}

/* ---- sessions, calibration, meta ---- */

static void
build_snapshot (LbLoader *L, xmlNode *node)
{
  g_autofree char *id = required_attr (L, node, "id");
  double minute = 0;
  LbSnapshot *s = g_new0 (LbSnapshot, 1);
  gboolean has_text = FALSE;

  s->text = lb_text_new ();
  if (id)
    claim_id (L, node, id);
  guint last_minute = lb_loader_snapshot_sessions (L, node, s);
  if (!parse_number (L, node, "minute", 0, last_minute, &minute) && !has_attr (node, "minute"))
    g_free (required_attr (L, node, "minute"));
  s->id = g_strdup (id ? id : "");
  s->minute = (guint) minute;
  s->scale = resolve_scale (L, node, NULL);
  if (s->scale == NULL && !has_attr (node, "scale"))
    g_free (required_attr (L, node, "scale"));
  if (s->scale)
    g_object_ref (s->scale);
  FOREACH_ELEMENT (c, node)
    if (is (c, "text"))
      has_text = TRUE, read_text (L, c, s->text);
    else
      unexpected (L, c, node);
  require_dutch (L, node, s->text, "text", has_text);
  lb_loader_snapshot_condition (L, node, s);
  g_ptr_array_add (L->inst->snapshots, s);
}

static void
build_sessions (LbLoader *L, xmlNode *node)
{
  LbInstrument *inst = L->inst;
  g_autofree char *kind = required_attr (L, node, "kind");
  g_autofree char *combine = attr (node, "combine");
  double count = 1, observe = 1, score = 0;

  parse_number (L, node, "count", 1, 100, &count);
  parse_number (L, node, "observe-minutes", 1, 600, &observe);
  parse_number (L, node, "score-minutes", 0, 600, &score);
  inst->sessions = g_strcmp0 (kind, "cycles") == 0 ? LB_SESSIONS_CYCLES : LB_SESSIONS_SEGMENTS;
  inst->session_count = (guint) count;
  inst->observe_minutes = (guint) observe;
  inst->score_minutes = (guint) score;
  inst->combine_mean = g_strcmp0 (combine, "mean") == 0;
  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "snapshot"))
        build_snapshot (L, c);
      else if (is (c, "session"))
        lb_loader_session (L, c);
      else if (!is (c, "title"))
        unexpected (L, c, node);
    }
}

static void
build_calibration (LbLoader *L, xmlNode *node)
{
  LbInstrument *inst = L->inst;
  double within = 0, share = 0, exact = 0;

  inst->has_calibration = TRUE;
  parse_number (L, node, "within", 0, 100, &within);
  parse_number (L, node, "share", 0, 1, &share);
  parse_number (L, node, "snapshots-exact", 0, 1, &exact);
  inst->cal_within = (guint) within;
  inst->cal_share = share;
  inst->cal_snapshots_exact = exact;
  lb_loader_calibration_v2 (L, node);
  FOREACH_ELEMENT (c, node)
    if (is (c, "description"))
      read_text (L, c, inst->cal_description);
    else
      unexpected (L, c, node);
}

static void
build_meta (LbLoader *L, xmlNode *node)
{
  LbInstrument *inst = L->inst;
  g_autoptr(GStrvBuilder) authors = g_strv_builder_new ();
  gboolean has_title = FALSE;

  FOREACH_ELEMENT (c, node)
    {
      if (is (c, "title"))
        has_title = TRUE, read_text (L, c, inst->title);
      else if (is (c, "description"))
        read_text (L, c, inst->description);
      else if (is (c, "source"))
        read_text (L, c, inst->source);
      else if (is (c, "validation"))
        read_text (L, c, inst->validation);
      else if (is (c, "author"))
        {
          g_autofree char *author = normalized_content (c);
          g_strv_builder_add (authors, author);
        }
      else
        unexpected (L, c, node);
    }
  require_dutch (L, node, inst->title, "title", has_title);
  inst->authors = g_strv_builder_end (authors);
}

static gboolean
read_identity (LbLoader *L, xmlNode *root)
{
  g_autofree char *languages = required_attr (L, root, "languages");
  L->inst->id = required_attr (L, root, "id");
  L->inst->version = required_attr (L, root, "version");
  if (languages == NULL || L->inst->id == NULL || L->inst->version == NULL)
    return FALSE;
  L->languages = g_strsplit_set (g_strstrip (languages), " \t\n", -1);
  for (guint i = 0; L->languages[i]; i++)
    if (!lb_xml_is_language (L->languages[i]))
      {
        lb_loader_node_problem (L, root, "languages",
                                _("languages=\"%s\": “%s” is not a language code; use codes "
                                  "such as nl and en"), languages, L->languages[i]);
        return FALSE;
      }
  if (!g_strv_contains ((const char * const *) L->languages, "nl"))
    {
      lb_loader_node_problem (L, root, "languages",
                              _("languages=\"%s\" must include Dutch (nl)"), languages);
      return FALSE;
    }
  L->inst->languages = g_strdupv (L->languages);
  return TRUE;
}

static void
build_top_level (LbLoader *L, xmlNode *root, guint *n_meta, guint *n_scales, guint *n_domains)
{
  guint n_sessions = 0, n_calibrations = 0;

  FOREACH_ELEMENT (c, root)
    {
      /* The singletons are built once: a second one is reported, not merged. */
      if ((is (c, "meta") && *n_meta > 0) || (is (c, "sessions") && n_sessions > 0) ||
          (is (c, "calibration") && n_calibrations > 0))
        lb_loader_node_problem (L, c, NULL, _("a second <%s>; an instrument has only one"),
                                (const char *) c->name);
      else if (is (c, "meta"))
        (*n_meta)++, build_meta (L, c);
      else if (is (c, "scale"))
        (*n_scales)++, build_scale (L, c);
      else if (is (c, "sessions"))
        n_sessions++, build_sessions (L, c);
      else if (is (c, "domain"))
        (*n_domains)++, build_domain (L, c);
      else if (is (c, "calibration"))
        n_calibrations++, build_calibration (L, c);
      else
        unexpected (L, c, root);
    }
}

gboolean
lb_loader_build (LbLoader *L, xmlNode *root)
{
  guint n_meta = 0, n_scales = 0, n_domains = 0;

  if (!read_identity (L, root))
    return FALSE;
  build_top_level (L, root, &n_meta, &n_scales, &n_domains);
  if (n_meta == 0)
    lb_loader_node_problem (L, root, NULL, _("the instrument has no <meta> with its title"));
  if (n_scales == 0)
    lb_loader_node_problem (L, root, NULL, _("the instrument declares no <scale>"));
  if (n_domains == 0)
    lb_loader_node_problem (L, root, NULL, _("the instrument has no <domain>"));
  return L->src.problems->len == 0;
}

/* ---- for lb-instrument-builder-v2.c ---- */

xmlNode *
lb_loader_skip_to_element (xmlNode *n)
{
  return skip_to_element (n);
}

gboolean
lb_loader_is (xmlNode *node, const char *name)
{
  return is (node, name);
}

char *
lb_loader_attr (xmlNode *node, const char *name)
{
  return attr (node, name);
}

gboolean
lb_loader_parse_number (LbLoader *L, xmlNode *node, const char *name, double min, double max,
                        double *out)
{
  return parse_number (L, node, name, min, max, out);
}

void
lb_loader_read_text (LbLoader *L, xmlNode *node, LbText *text)
{
  read_text (L, node, text);
}

void
lb_loader_require_dutch (LbLoader *L, xmlNode *owner, LbText *text, const char *element,
                         gboolean present)
{
  require_dutch (L, owner, text, element, present);
}

void
lb_loader_unexpected (LbLoader *L, xmlNode *child, xmlNode *parent)
{
  unexpected (L, child, parent);
}
