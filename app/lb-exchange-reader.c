/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-exchange"

/* Reading exchange files: the exact inverse of lb-exchange-writer.c. A file
 * may come from anyone, so it is read as safely as an instrument (lb-xml.c:
 * no network, no DTD, no entities, a size cap, strict UTF-8), every value
 * is checked with a message that names the line and column, and only a file
 * without a single problem is returned. Then the RELAX NG schema
 * (instrument/exchange.rng) checks the order and the attributes that the
 * reader did not look at. A final observation whose content no longer
 * matches its content-hash is refused here, with its line. */

#include "config.h"
#include "lb-exchange.h"
#include "lb-error.h"
#include "lb-instrument.h"
#include "lb-xml.h"

#include <glib/gi18n.h>
#include <string.h>

/* The parts of an observation are plain structs; freed here when a part
 * is refused. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbScore, lb_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbMark, lb_mark_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbNote, lb_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDomainJudgement, lb_domain_judgement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSnapshotAnswer, lb_snapshot_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbAddendum, lb_addendum_free)

typedef struct {
  LbXmlSource  src;
  LbExchange  *ex;
  GHashTable  *people;       /* uuid → LbPerson, borrowed from ex->people */
  GHashTable  *instruments;  /* sha256 → LbInstrument */
  GHashTable  *uuids;        /* "observation UUID", "note UUID", … seen */
} R;

static void read_goal (R *r, const char *person_uuid, xmlNode *node);

/* One observation being read. */
typedef struct {
  LbObservation *o;
  GHashTable    *keys;       /* "score 0 item-id" …: what may appear once */
  guint          seen;       /* bits of the required children */
} Obs;

/* ---- enumerations ---- */

/* An enumerated attribute, with the allowed codes taken from their one
 * definition in lb-observation.c. */
static gboolean
get_code (R *r, xmlNode *node, const char *name, const char *(*code) (int), int n, int *out)
{
  g_autofree const char **codes = g_new0 (const char *, n + 1);
  for (int i = 0; i < n; i++)
    codes[i] = code (i);
  return lb_xml_attr_enum (&r->src, node, name, codes, out);
}

static const char *
purpose_code (int i)
{
  return lb_purpose_to_string ((LbPurpose) i);
}

static const char *
role_code (int i)
{
  return lb_role_to_string ((LbRole) i);
}

static const char *
status_code (int i)
{
  return lb_status_to_string ((LbStatus) i);
}

static const char * const verdicts[] = { "met", "not-met", "insufficient", "none", NULL };

static char *
get_verdict (R *r, xmlNode *node, const char *name)
{
  int v;
  return lb_xml_attr_enum (&r->src, node, name, verdicts, &v) ? g_strdup (verdicts[v]) : NULL;
}

static guint
get_session (R *r, xmlNode *node)
{
  int session = 0;
  lb_xml_attr_int (&r->src, node, "session", 0, G_MAXINT, TRUE, &session);
  return (guint) session;
}

/* ---- elements ---- */

static gboolean
is_ours (xmlNode *node)
{
  return node->ns != NULL && xmlStrEqual (node->ns->href, (const xmlChar *) LB_EXCHANGE_NS);
}

static gboolean
named (xmlNode *node, const char *name)
{
  return xmlStrEqual (node->name, (const xmlChar *) name);
}

/* TRUE for an element of ours; stray text and foreign elements are
 * problems; comments and whitespace are nothing. */
static gboolean
element_child (R *r, xmlNode *parent, xmlNode *child)
{
  if (child->type == XML_ELEMENT_NODE)
    {
      if (is_ours (child))
        return TRUE;
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, child, NULL,
                           _("<%s> is not in the exchange namespace"), (const char *) child->name);
      return FALSE;
    }
  if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
      !xmlIsBlankNode (child))
    {
      /* A text node knows the line it starts on; point at its first
       * character that is not a space. */
      guint line = (guint) MAX (xmlGetLineNo (child), 1), column = 1;
      for (const xmlChar *p = child->content; p && g_ascii_isspace (*p); p++)
        column = *p == '\n' ? (line++, 1) : column + 1;
      lb_xml_add_problem (&r->src, LB_ERROR_INVALID, line, column, _("unexpected text inside <%s>"),
                          (const char *) parent->name);
    }
  return FALSE;
}

static void
unexpected (R *r, xmlNode *parent, xmlNode *child)
{
  lb_xml_node_problem (&r->src, LB_ERROR_INVALID, child, NULL, _("unexpected element <%s> inside <%s>"),
                       (const char *) child->name, (const char *) parent->name);
}

/* Sets a field that a repeated element (refused by the schema later) may
 * already have set. */
static void
replace (char **field, char *value)
{
  g_free (*field);
  *field = value;
}

/* The text of an element, exactly, spaces and newlines included; an
 * empty text is no text, as the writer leaves empty values out. */
static void
set_text (char **field, xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_free (*field);
  *field = content && *content ? g_strdup ((const char *) content) : NULL;
  xmlFree (content);
}

static void
require_text (R *r, xmlNode *node, const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));
  if (*trimmed == '\0')
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("<%s> may not be empty"),
                         (const char *) node->name);
}

/* "score 2 ph.klimaat.1": what must appear once; NULL when @id is missing
 * (that problem is reported already). */
static char *
key_of (const char *kind, guint session, const char *id)
{
  return id ? g_strdup_printf ("%s %u %s", kind, session, id) : NULL;
}

/* Records @key; FALSE (and a problem built from @format) if seen before. */
static gboolean
once (R *r, GHashTable *keys, const char *key, xmlNode *node, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
once (R *r, GHashTable *keys, const char *key, xmlNode *node, const char *format, ...)
{
  if (key == NULL)
    return FALSE;
  if (g_hash_table_add (keys, g_strdup (key)))
    return TRUE;
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, "%s", message);
  return FALSE;
}

/* ---- people ---- */

static void
read_person (R *r, xmlNode *node)
{
  g_autoptr(LbPerson) p = lb_person_new ();
  int role = LB_ROLE_STARTER, year = 0;
  xmlNode *name = NULL;

  p->uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  lb_xml_attr_bool (&r->src, node, "starter", TRUE, &p->is_starter);
  if (!p->is_starter)
    get_code (r, node, "role", role_code, LB_N_ROLES, &role);
  p->role = (LbRole) role;
  p->induction_start = lb_xml_attr (&r->src, node, "induction-start", LB_XML_DATE, FALSE);
  if (lb_xml_attr_int (&r->src, node, "induction-year", 1, 3, FALSE, &year))
    p->induction_year = year;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      if (named (c, "name"))
        set_text (&p->name, name = c);
      else if (named (c, "school"))
        set_text (&p->school, c);
      else if (named (c, "board"))
        set_text (&p->board, c);
      else if (named (c, "goal"))
        read_goal (r, p->uuid, c);
      else
        unexpected (r, node, c);
    }
  if (name == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("<person> lacks the element <name>"));
  else
    require_text (r, name, p->name);
  if (p->uuid == NULL)
    return;
  if (g_hash_table_contains (r->people, p->uuid))
    {
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("person %s appears twice in the file"),
                           p->uuid);
      return;
    }
  g_hash_table_insert (r->people, p->uuid, p);
  g_ptr_array_add (r->ex->people, g_steal_pointer (&p));
}

/* A goal of the starter's development plan, inside their <person>. */
static void
read_goal (R *r, const char *person_uuid, xmlNode *node)
{
  g_autoptr(LbGoal) g = lb_goal_new ();
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const statuses[] = { "open", "working", "reached", NULL };
  int status = LB_GOAL_OPEN;
  xmlNode *text = NULL;

  g->person_uuid = g_strdup (person_uuid);
  g->uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  lb_xml_attr_enum (&r->src, node, "status", statuses, &status);
  g->status = (LbGoalStatus) status;
  g->target_date = lb_xml_attr (&r->src, node, "target", LB_XML_DATE, FALSE);
  g->source_observation_uuid = lb_xml_attr (&r->src, node, "source", LB_XML_UUID, FALSE);
  g->created_at = lb_xml_attr (&r->src, node, "created", LB_XML_TIMESTAMP, TRUE);
  g->updated_at = lb_xml_attr (&r->src, node, "updated", LB_XML_TIMESTAMP, TRUE);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      if (named (c, "text"))
        set_text (&g->text, text = c);
      else if (named (c, "link"))
        {
          g_autofree char *item = lb_xml_attr (&r->src, c, "item", LB_XML_ID, TRUE);
          if (item && once (r, linked, item, c, _("the goal links item %s twice"), item))
            g_strv_builder_add (links, item);
        }
      else
        unexpected (r, node, c);
    }
  g->item_ids = g_strv_builder_end (links);
  if (text == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("<goal> lacks the element <text>"));
  else
    require_text (r, text, g->text);
  g_autofree char *key = key_of ("goal", 0, g->uuid);
  if (g->uuid && person_uuid && once (r, r->uuids, key, node, _("goal %s appears twice in the file"), g->uuid))
    g_ptr_array_add (r->ex->goals, g_steal_pointer (&g));
}

/* ---- instruments ---- */

static GBytes *
decode_base64 (const char *text)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (clean, *p);
  gsize pad = 0;
  while (pad < clean->len && pad < 3 && clean->str[clean->len - 1 - pad] == '=')
    pad++;
  /* g_base64_decode() skips what is not base64; a damaged file must not
   * turn into a different instrument, so check every character first. */
  if (clean->len == 0 || clean->len % 4 != 0 || pad > 2)
    return NULL;
  for (gsize i = 0; i < clean->len - pad; i++)
    if (!g_ascii_isalnum (clean->str[i]) && clean->str[i] != '+' && clean->str[i] != '/')
      return NULL;
  gsize len;
  guchar *data = g_base64_decode (clean->str, &len);
  return g_bytes_new_take (data, len);
}

static void
check_instrument (R *r, xmlNode *node, GBytes *bytes, const char *sha256)
{
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (actual, sha256))
    {
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, "sha256",
                           _("the instrument in this file does not match its sha256=; it was changed"));
      return;
    }
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf ("%s#%.12s", r->src.filename, sha256);
  LbInstrument *inst = lb_instrument_load_bytes (bytes, label, problems, &error);
  if (inst == NULL)
    {
      const LbProblem *first = problems->len ? problems->pdata[0] : NULL;
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL,
                           _("the instrument in this file is not valid (its line %u: %s)"),
                           first ? first->line : 1, first ? first->message : error->message);
      return;
    }
  g_hash_table_insert (r->instruments, g_strdup (sha256), inst);
  g_ptr_array_add (r->ex->instruments, g_bytes_ref (bytes));
}

static void
read_instrument (R *r, xmlNode *node)
{
  g_autofree char *sha256 = lb_xml_attr (&r->src, node, "sha256", LB_XML_SHA256, TRUE);
  g_autofree char *text = NULL;
  xmlNode *data = NULL;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      if (named (c, "data"))
        set_text (&text, data = c);
      else
        unexpected (r, node, c);
    }
  if (data == NULL)
    {
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("<instrument> lacks the element <data>"));
      return;
    }
  g_autoptr(GBytes) bytes = decode_base64 (text ? text : "");
  if (bytes == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, data, NULL, _("the instrument data is not valid base64"));
  else if (sha256 && g_hash_table_contains (r->instruments, sha256))
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL,
                         _("instrument %.12s… appears twice in the file"), sha256);
  else if (sha256)
    check_instrument (r, node, bytes, sha256);
}

/* ---- the parts of an observation ---- */

enum { SEEN_REF = 1 << 0, SEEN_STARTER = 1 << 1, SEEN_OBSERVER = 1 << 2, SEEN_LESSON = 1 << 3 };

static void
read_instrument_ref (R *r, Obs *ob, xmlNode *node)
{
  LbObservation *o = ob->o;
  ob->seen |= SEEN_REF;
  replace (&o->instrument_id, lb_xml_attr (&r->src, node, "id", LB_XML_ID, TRUE));
  replace (&o->instrument_version, lb_xml_attr (&r->src, node, "version", LB_XML_VERSION, TRUE));
  replace (&o->instrument_sha256, lb_xml_attr (&r->src, node, "sha256", LB_XML_SHA256, TRUE));
  LbInstrument *inst = o->instrument_sha256 ? g_hash_table_lookup (r->instruments, o->instrument_sha256) : NULL;
  if (inst && o->instrument_id && o->instrument_version &&
      (g_strcmp0 (lb_instrument_get_id (inst), o->instrument_id) != 0 ||
       g_strcmp0 (lb_instrument_get_version (inst), o->instrument_version) != 0))
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL,
                         _("this refers to instrument %s %s, but the instrument in this file with that "
                           "sha256 is %s %s"), o->instrument_id, o->instrument_version,
                         lb_instrument_get_id (inst), lb_instrument_get_version (inst));
}

/* The observation names its people as they were when it was made; the
 * rest of what is known of them comes from their <person>. */
static LbPerson *
read_person_ref (R *r, xmlNode *node, gboolean starter, LbRole role)
{
  g_autofree char *uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  g_autofree char *name = lb_xml_attr (&r->src, node, "name", LB_XML_TEXT, TRUE);
  if (name)
    require_text (r, node, name);
  LbPerson *known = uuid ? g_hash_table_lookup (r->people, uuid) : NULL;
  LbPerson *p = known ? lb_person_copy (known) : lb_person_new ();
  if (known == NULL)
    {
      p->uuid = g_steal_pointer (&uuid);
      p->is_starter = starter;
      p->role = starter ? LB_ROLE_STARTER : role;
    }
  g_free (p->name);
  p->name = g_steal_pointer (&name);
  return p;
}

static void
read_starter (R *r, Obs *ob, xmlNode *node)
{
  ob->seen |= SEEN_STARTER;
  g_clear_pointer (&ob->o->starter, lb_person_free);
  ob->o->starter = read_person_ref (r, node, TRUE, LB_ROLE_STARTER);
}

static void
read_observer (R *r, Obs *ob, xmlNode *node)
{
  int role = LB_ROLE_ASSESSOR;
  ob->seen |= SEEN_OBSERVER;
  get_code (r, node, "role", role_code, LB_N_ROLES, &role);
  ob->o->observer_role = (LbRole) role;
  g_clear_pointer (&ob->o->observer, lb_person_free);
  ob->o->observer = read_person_ref (r, node, FALSE, (LbRole) role);
}

static void
read_lesson (R *r, Obs *ob, xmlNode *node)
{
  LbObservation *o = ob->o;
  int purpose = LB_PURPOSE_FORMATIEF;
  g_autoptr(GStrvBuilder) focus = g_strv_builder_new ();

  ob->seen |= SEEN_LESSON;
  get_code (r, node, "purpose", purpose_code, LB_N_PURPOSES, &purpose);
  o->purpose = (LbPurpose) purpose;
  replace (&o->date, lb_xml_attr (&r->src, node, "date", LB_XML_DATE, TRUE));
  replace (&o->start_time, lb_xml_attr (&r->src, node, "start", LB_XML_TIME, FALSE));
  replace (&o->end_time, lb_xml_attr (&r->src, node, "end", LB_XML_TIME, FALSE));
  lb_xml_attr_int (&r->src, node, "pupils", 0, 200, FALSE, &o->pupils);
  struct { const char *name; char **field; } texts[] = {
    { "school", &o->school }, { "group", &o->group }, { "subject", &o->subject },
    { "goal", &o->lesson_goal }, { "question", &o->question },
  };
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      guint i = 0;
      while (i < G_N_ELEMENTS (texts) && !named (c, texts[i].name))
        i++;
      if (i < G_N_ELEMENTS (texts))
        set_text (texts[i].field, c);
      else if (named (c, "focus"))
        {
          g_autofree char *item = lb_xml_attr (&r->src, c, "item", LB_XML_ID, TRUE);
          g_autofree char *key = key_of ("focus", 0, item);
          if (item && once (r, ob->keys, key, c, _("focus item %s is listed twice"), item))
            g_strv_builder_add (focus, item);
        }
      else
        unexpected (r, node, c);
    }
  g_strfreev (o->focus_items);
  o->focus_items = g_strv_builder_end (focus);
}

static void
read_score (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbScore) s = g_new0 (LbScore, 1);
  s->session = get_session (r, node);
  s->item_id = lb_xml_attr (&r->src, node, "item", LB_XML_ID, TRUE);
  s->level_id = lb_xml_attr (&r->src, node, "level", LB_XML_ID, FALSE);
  g_autofree char *not_observed = lb_xml_attr (&r->src, node, "not-observed", LB_XML_TEXT, FALSE);
  gboolean has_level = xmlHasNsProp (node, (const xmlChar *) "level", NULL) != NULL;
  s->not_observed = g_strcmp0 (not_observed, "true") == 0;
  if (!has_level && !s->not_observed)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL,
                         _("<score> needs either level= or not-observed=\"true\""));
  else if (has_level && s->not_observed)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, "not-observed",
                         _("a score has a level or is not observed, not both"));
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      {
        if (named (c, "reason"))
          set_text (&s->reason, c);
        else
          unexpected (r, node, c);
      }
  g_autofree char *key = key_of ("score", s->session, s->item_id);
  if (s->item_id &&
      once (r, ob->keys, key, node, _("item %s has a second score in session %u"), s->item_id, s->session))
    g_ptr_array_add (ob->o->scores, g_steal_pointer (&s));
}

static void
read_mark (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbMark) m = g_new0 (LbMark, 1);
  m->session = get_session (r, node);
  m->indicator_id = lb_xml_attr (&r->src, node, "indicator", LB_XML_ID, TRUE);
  m->code = lb_xml_attr (&r->src, node, "code", LB_XML_ID, TRUE);
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      unexpected (r, node, c);
  g_autofree char *key = key_of ("mark", m->session, m->indicator_id);
  if (m->indicator_id && m->code &&
      once (r, ob->keys, key, node, _("indicator %s is marked twice in session %u"), m->indicator_id,
            m->session))
    g_ptr_array_add (ob->o->marks, g_steal_pointer (&m));
}

static void
read_note (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbNote) n = g_new0 (LbNote, 1);
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  n->uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  n->session = get_session (r, node);
  lb_xml_attr_int (&r->src, node, "minute", G_MININT, G_MAXINT, TRUE, &n->minute);
  n->created_at = lb_xml_attr (&r->src, node, "created", LB_XML_TIMESTAMP, TRUE);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      if (named (c, "text"))
        set_text (&n->text, c);
      else if (named (c, "link"))
        {
          g_autofree char *item = lb_xml_attr (&r->src, c, "item", LB_XML_ID, TRUE);
          if (item && once (r, linked, item, c, _("the note links item %s twice"), item))
            g_strv_builder_add (links, item);
        }
      else
        unexpected (r, node, c);
    }
  n->item_ids = g_strv_builder_end (links);
  g_autofree char *key = key_of ("note", 0, n->uuid);
  if (n->uuid && once (r, r->uuids, key, node, _("note %s appears twice in the file"), n->uuid))
    g_ptr_array_add (ob->o->notes, g_steal_pointer (&n));
}

static void
read_snapshot (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbSnapshotAnswer) a = g_new0 (LbSnapshotAnswer, 1);
  a->session = get_session (r, node);
  a->snapshot_id = lb_xml_attr (&r->src, node, "id", LB_XML_ID, TRUE);
  a->code = lb_xml_attr (&r->src, node, "code", LB_XML_ID, TRUE);
  lb_xml_attr_int (&r->src, node, "minute", G_MININT, G_MAXINT, TRUE, &a->minute);
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      unexpected (r, node, c);
  g_autofree char *key = key_of ("snapshot", a->session, a->snapshot_id);
  if (a->snapshot_id && a->code &&
      once (r, ob->keys, key, node, _("snapshot %s is answered twice in session %u"), a->snapshot_id,
            a->session))
    g_ptr_array_add (ob->o->snapshots, g_steal_pointer (&a));
}

static void
read_wrapup (R *r, Obs *ob, xmlNode *node)
{
  LbObservation *o = ob->o;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      if (named (c, "tops"))
        set_text (&o->tops, c);
      else if (named (c, "tips"))
        set_text (&o->tips, c);
      else if (named (c, "agreements"))
        set_text (&o->agreements, c);
      else
        unexpected (r, node, c);
    }
}

static void
read_judgement (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbDomainJudgement) j = g_new0 (LbDomainJudgement, 1);
  j->domain_id = lb_xml_attr (&r->src, node, "domain", LB_XML_ID, TRUE);
  j->computed = get_verdict (r, node, "computed");
  lb_xml_attr_bool (&r->src, node, "confirmed", TRUE, &j->confirmed);
  if (xmlHasNsProp (node, (const xmlChar *) "decided", NULL))
    j->decided = get_verdict (r, node, "decided");
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      {
        if (named (c, "motivation"))
          set_text (&j->motivation, c);
        else
          unexpected (r, node, c);
      }
  /* The store refuses a deviation without a motivation; so does this. */
  if (j->decided && j->motivation == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, "decided",
                         _("the judgement of domain %s deviates from the computed verdict without "
                           "a <motivation>"), j->domain_id ? j->domain_id : "?");
  g_autofree char *key = key_of ("judgement", 0, j->domain_id);
  if (j->domain_id && j->computed &&
      once (r, ob->keys, key, node, _("domain %s has a second judgement"), j->domain_id))
    g_ptr_array_add (ob->o->judgements, g_steal_pointer (&j));
}

static void
read_signed (R *r, Obs *ob, xmlNode *node)
{
  replace (&ob->o->signed_by, lb_xml_attr (&r->src, node, "by", LB_XML_TEXT, TRUE));
  if (ob->o->signed_by)
    require_text (r, node, ob->o->signed_by);
  replace (&ob->o->signed_at, lb_xml_attr (&r->src, node, "at", LB_XML_TIMESTAMP, FALSE));
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      unexpected (r, node, c);
}

static void
read_acknowledged (R *r, Obs *ob, xmlNode *node)
{
  replace (&ob->o->acknowledged_at, lb_xml_attr (&r->src, node, "at", LB_XML_TIMESTAMP, TRUE));
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      {
        if (named (c, "reaction"))
          set_text (&ob->o->reaction, c);
        else
          unexpected (r, node, c);
      }
}

static void
read_addendum (R *r, Obs *ob, xmlNode *node)
{
  g_autoptr(LbAddendum) a = g_new0 (LbAddendum, 1);
  xmlNode *text = NULL;
  a->uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  a->author = lb_xml_attr (&r->src, node, "author", LB_XML_TEXT, TRUE);
  if (a->author)
    require_text (r, node, a->author);
  a->created_at = lb_xml_attr (&r->src, node, "created", LB_XML_TIMESTAMP, TRUE);
  for (xmlNode *c = node->children; c; c = c->next)
    if (element_child (r, node, c))
      {
        if (named (c, "text"))
          set_text (&a->text, text = c);
        else
          unexpected (r, node, c);
      }
  if (text == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL, _("<addendum> lacks the element <text>"));
  else
    require_text (r, text, a->text);
  g_autofree char *key = key_of ("addendum", 0, a->uuid);
  if (a->uuid && once (r, r->uuids, key, node, _("addendum %s appears twice in the file"), a->uuid))
    g_ptr_array_add (ob->o->addenda, g_steal_pointer (&a));
}

/* ---- observations ---- */

typedef void (*PartFunc) (R *r, Obs *ob, xmlNode *node);

static const struct {
  const char *name;
  PartFunc    func;
} parts[] = {
  { "instrument-ref", read_instrument_ref },
  { "starter", read_starter },
  { "observer", read_observer },
  { "lesson", read_lesson },
  { "score", read_score },
  { "mark", read_mark },
  { "note", read_note },
  { "snapshot", read_snapshot },
  { "wrapup", read_wrapup },
  { "judgement", read_judgement },
  { "signed", read_signed },
  { "acknowledged", read_acknowledged },
  { "addendum", read_addendum },
};

static void
read_observation_header (R *r, LbObservation *o, xmlNode *node)
{
  int status = LB_STATUS_DRAFT;
  o->uuid = lb_xml_attr (&r->src, node, "uuid", LB_XML_UUID, TRUE);
  get_code (r, node, "status", status_code, LB_STATUS_FINAL + 1, &status);
  o->status = (LbStatus) status;
  lb_xml_attr_int (&r->src, node, "revision", 0, G_MAXINT, TRUE, &o->revision);
  o->created_at = lb_xml_attr (&r->src, node, "created", LB_XML_TIMESTAMP, TRUE);
  o->updated_at = lb_xml_attr (&r->src, node, "updated", LB_XML_TIMESTAMP, FALSE);
  if (o->status == LB_STATUS_FINAL)
    o->content_hash = lb_xml_attr (&r->src, node, "content-hash", LB_XML_SHA256, TRUE);
}

/* What the schema cannot say: the parts that must be there, and that a
 * final observation is still what was finalized. */
static void
check_observation (R *r, Obs *ob, xmlNode *node, guint problems_before)
{
  static const char *required[] = { "instrument-ref", "starter", "observer", "lesson" };
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!(ob->seen & (1u << i)))
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, NULL,
                           _("<observation> lacks the element <%s>"), required[i]);
  LbObservation *o = ob->o;
  if (o->status == LB_STATUS_DRAFT && o->acknowledged_at)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, "status",
                         _("a draft cannot be acknowledged; only a final observation can"));
  if (o->status != LB_STATUS_FINAL || o->content_hash == NULL || r->src.problems->len > problems_before)
    return;
  g_autofree char *hash = lb_observation_compute_hash (o);
  if (!g_str_equal (hash, o->content_hash))
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, node, "content-hash",
                         _("observation %s is final, but its content does not match its content-hash: "
                           "it was changed after it was finalized"), o->uuid);
}

static void
read_observation (R *r, xmlNode *node)
{
  guint problems_before = r->src.problems->len;
  Obs ob = { lb_observation_new (), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };

  read_observation_header (r, ob.o, node);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (!element_child (r, node, c))
        continue;
      guint i = 0;
      while (i < G_N_ELEMENTS (parts) && !named (c, parts[i].name))
        i++;
      if (i < G_N_ELEMENTS (parts))
        parts[i].func (r, &ob, c);
      else
        unexpected (r, node, c);
    }
  check_observation (r, &ob, node, problems_before);
  g_autofree char *key = key_of ("observation", 0, ob.o->uuid);
  if (ob.o->uuid &&
      once (r, r->uuids, key, node, _("observation %s appears twice in the file"), ob.o->uuid))
    g_ptr_array_add (r->ex->observations, g_steal_pointer (&ob.o));
  g_clear_pointer (&ob.o, lb_observation_unref);
  g_hash_table_unref (ob.keys);
}

/* ---- the file ---- */

static gboolean
check_root (R *r, xmlNode *root)
{
  if (!is_ours (root))
    {
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, root, NULL,
                           _("this is not a Lesbezoek exchange file: the root element <%s> must be "
                             "<exchange xmlns=\"%s\">"), (const char *) root->name, LB_EXCHANGE_NS);
      return FALSE;
    }
  if (!named (root, "exchange"))
    {
      lb_xml_node_problem (&r->src, LB_ERROR_INVALID, root, NULL,
                           _("the root element is <%s>; an exchange file starts with <exchange>"),
                           (const char *) root->name);
      return FALSE;
    }
  g_autofree char *format = lb_xml_attr (&r->src, root, "format", LB_XML_TEXT, FALSE);
  if (format == NULL)
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, root, NULL,
                         _("<exchange> lacks the required attribute format=\"1\""));
  else if (!g_str_equal (format, "1"))
    lb_xml_node_problem (&r->src, LB_ERROR_INVALID, root, "format",
                         _("exchange format version “%s” is not supported; this version of Lesbezoek "
                           "reads format=\"1\""), format);
  return g_strcmp0 (format, "1") == 0;
}

static gboolean
read_exchange (R *r, xmlNode *root)
{
  for (xmlNode *c = root->children; c; c = c->next)
    {
      if (!element_child (r, root, c))
        continue;
      if (named (c, "person"))
        read_person (r, c);
      else if (named (c, "instrument"))
        read_instrument (r, c);
      else if (named (c, "observation"))
        read_observation (r, c);
      else
        unexpected (r, root, c);
    }
  return r->src.problems->len == 0;
}

LbExchange *
lb_exchange_read_bytes (GBytes *bytes, const char *filename, GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  R r = { 0 };
  lb_xml_source_init (&r.src, bytes, filename);
  r.ex = lb_exchange_new ();
  r.people = g_hash_table_new (g_str_hash, g_str_equal);
  r.instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  r.uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  xmlDoc *doc = NULL;
  if (lb_xml_check_bytes (&r.src, LB_XML_MAX_EXCHANGE_SIZE) && (doc = lb_xml_parse (&r.src)) != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      if (root == NULL)
        lb_xml_add_problem (&r.src, LB_ERROR_PARSE, 1, 1, _("the file contains no XML"));
      else if (check_root (&r, root) && read_exchange (&r, root))
        lb_xml_validate (&r.src, doc, LB_INSTRUMENT_RESOURCE_DIR "/exchange.rng");
    }
  g_clear_pointer (&doc, xmlFreeDoc);

  LbExchange *result = NULL;
  if (r.src.problems->len == 0)
    result = g_steal_pointer (&r.ex);
  else
    lb_xml_fail (&r.src, problems, error);
  g_clear_pointer (&r.ex, lb_exchange_free);
  g_hash_table_unref (r.people);
  g_hash_table_unref (r.instruments);
  g_hash_table_unref (r.uuids);
  lb_xml_source_clear (&r.src);
  return result;
}

LbExchange *
lb_exchange_read (const char *path, GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr(GBytes) bytes = lb_xml_read_file (path, LB_XML_MAX_EXCHANGE_SIZE, problems, error);
  if (bytes == NULL)
    return NULL;
  return lb_exchange_read_bytes (bytes, path, problems, error);
}
