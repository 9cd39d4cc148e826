/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-exchange"

/* Writing observations as XML. One writer serves two purposes: the
 * exchange file (indented, complete) and the canonical form that a final
 * observation's hash is computed over (compact, content only). Attributes
 * and children are always written in the same order, empty values are
 * left out, and text is escaped the same way, so equal content gives
 * equal bytes on every tablet. */

#include "config.h"
#include "lb-exchange.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

typedef struct {
  GString *out;
  gboolean canonical;
  guint    depth;
} W;

static void
indent (W *w)
{
  if (!w->canonical)
    for (guint i = 0; i < w->depth; i++)
      g_string_append (w->out, "  ");
}

static void
escape (GString *out, const char *s, gboolean attribute)
{
  for (const char *p = s; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, attribute ? "&quot;" : "\""); break;
      /* Attribute values lose raw newlines and tabs on reading; keep them. */
      case '\n': g_string_append (out, attribute ? "&#10;" : "\n"); break;
      case '\t': g_string_append (out, attribute ? "&#9;" : "\t"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      default: g_string_append_c (out, *p);
      }
}

/* open ("score", "item", id, "level", lvl, NULL): attributes with a NULL or
 * empty value are skipped. */
static void
open_va (W *w, const char *name, gboolean empty, va_list args)
{
  indent (w);
  g_string_append_printf (w->out, "<%s", name);
  const char *key;
  while ((key = va_arg (args, const char *)))
    {
      const char *value = va_arg (args, const char *);
      if (value == NULL || *value == '\0')
        continue;
      g_string_append_printf (w->out, " %s=\"", key);
      escape (w->out, value, TRUE);
      g_string_append_c (w->out, '"');
    }
  g_string_append (w->out, empty ? "/>\n" : ">\n");
  if (!empty)
    w->depth++;
}

static void
open_element (W *w, const char *name, ...) G_GNUC_NULL_TERMINATED;
static void
open_element (W *w, const char *name, ...)
{
  va_list args;
  va_start (args, name);
  open_va (w, name, FALSE, args);
  va_end (args);
}

static void
empty (W *w, const char *name, ...) G_GNUC_NULL_TERMINATED;
static void
empty (W *w, const char *name, ...)
{
  va_list args;
  va_start (args, name);
  open_va (w, name, TRUE, args);
  va_end (args);
}

static void
close_element (W *w, const char *name)
{
  w->depth--;
  indent (w);
  g_string_append_printf (w->out, "</%s>\n", name);
}

static void
text_element (W *w, const char *name, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  indent (w);
  g_string_append_printf (w->out, "<%s>", name);
  escape (w->out, value, FALSE);
  g_string_append_printf (w->out, "</%s>\n", name);
}

static char *
num (int v)
{
  return g_strdup_printf ("%d", v);
}

static void
write_lesson (W *w, LbObservation *o)
{
  g_autofree char *pupils = o->pupils >= 0 ? num (o->pupils) : NULL;
  open_element (w, "lesson", "purpose", lb_purpose_to_string (o->purpose), "date", o->date,
        "start", o->start_time, "end", o->end_time, "pupils", pupils, NULL);
  text_element (w, "school", o->school);
  text_element (w, "group", o->group);
  text_element (w, "subject", o->subject);
  text_element (w, "goal", o->lesson_goal);
  text_element (w, "question", o->question);
  for (guint i = 0; o->focus_items && o->focus_items[i]; i++)
    empty (w, "focus", "item", o->focus_items[i], NULL);
  close_element (w, "lesson");
}

static void
write_scores (W *w, LbObservation *o)
{
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      g_autofree char *session = num ((int) s->session);
      if (!s->not_observed)
        {
          empty (w, "score", "session", session, "item", s->item_id, "level", s->level_id, NULL);
          continue;
        }
      if (s->reason == NULL || *s->reason == '\0')
        {
          empty (w, "score", "session", session, "item", s->item_id, "not-observed", "true", NULL);
          continue;
        }
      open_element (w, "score", "session", session, "item", s->item_id, "not-observed", "true", NULL);
      text_element (w, "reason", s->reason);
      close_element (w, "score");
    }
  for (guint i = 0; i < o->marks->len; i++)
    {
      LbMark *m = o->marks->pdata[i];
      g_autofree char *session = num ((int) m->session);
      empty (w, "mark", "session", session, "indicator", m->indicator_id, "code", m->code, NULL);
    }
}

static void
write_notes (W *w, LbObservation *o)
{
  for (guint i = 0; i < o->notes->len; i++)
    {
      LbNote *n = o->notes->pdata[i];
      g_autofree char *session = num ((int) n->session);
      g_autofree char *minute = num (n->minute);
      open_element (w, "note", "uuid", n->uuid, "session", session, "minute", minute,
            "created", n->created_at, NULL);
      text_element (w, "text", n->text);
      for (guint j = 0; n->item_ids && n->item_ids[j]; j++)
        empty (w, "link", "item", n->item_ids[j], NULL);
      close_element (w, "note");
    }
  for (guint i = 0; i < o->snapshots->len; i++)
    {
      LbSnapshotAnswer *a = o->snapshots->pdata[i];
      g_autofree char *session = num ((int) a->session);
      g_autofree char *minute = num (a->minute);
      empty (w, "snapshot", "session", session, "id", a->snapshot_id, "code", a->code,
             "minute", minute, NULL);
    }
}

/* Empty is absent, here too: "" and NULL must give the same bytes. */
static gboolean
has (const char *value)
{
  return value != NULL && *value != '\0';
}

static void
write_wrapup (W *w, LbObservation *o)
{
  if (has (o->tops) || has (o->tips) || has (o->agreements))
    {
      open_element (w, "wrapup", NULL);
      text_element (w, "tops", o->tops);
      text_element (w, "tips", o->tips);
      text_element (w, "agreements", o->agreements);
      close_element (w, "wrapup");
    }
  for (guint i = 0; i < o->judgements->len; i++)
    {
      LbDomainJudgement *j = o->judgements->pdata[i];
      open_element (w, "judgement", "domain", j->domain_id, "computed", j->computed,
            "confirmed", j->confirmed ? "true" : "false", "decided", j->decided, NULL);
      text_element (w, "motivation", j->motivation);
      close_element (w, "judgement");
    }
  if (has (o->signed_by))
    empty (w, "signed", "by", o->signed_by, "at", o->signed_at, NULL);
}

static void
write_afterwards (W *w, LbObservation *o)
{
  if (has (o->acknowledged_at))
    {
      open_element (w, "acknowledged", "at", o->acknowledged_at, NULL);
      text_element (w, "reaction", o->reaction);
      close_element (w, "acknowledged");
    }
  for (guint i = 0; i < o->addenda->len; i++)
    {
      LbAddendum *a = o->addenda->pdata[i];
      open_element (w, "addendum", "uuid", a->uuid, "author", a->author, "created", a->created_at, NULL);
      text_element (w, "text", a->text);
      close_element (w, "addendum");
    }
}

static void
write_observation (W *w, LbObservation *o)
{
  lb_observation_sort (o);
  if (w->canonical)
    open_element (w, "observation", "uuid", o->uuid, NULL);
  else
    {
      g_autofree char *rev = num (o->revision);
      open_element (w, "observation", "uuid", o->uuid, "status", lb_status_to_string (o->status),
            "revision", rev, "created", o->created_at, "updated", o->updated_at,
            "content-hash", o->status == LB_STATUS_FINAL ? o->content_hash : NULL, NULL);
    }
  empty (w, "instrument-ref", "id", o->instrument_id, "version", o->instrument_version,
         "sha256", o->instrument_sha256, NULL);
  empty (w, "starter", "uuid", o->starter ? o->starter->uuid : NULL,
         "name", o->starter ? o->starter->name : NULL, NULL);
  empty (w, "observer", "uuid", o->observer ? o->observer->uuid : NULL,
         "name", o->observer ? o->observer->name : NULL,
         "role", lb_role_to_string (o->observer_role), NULL);
  write_lesson (w, o);
  write_scores (w, o);
  write_notes (w, o);
  write_wrapup (w, o);
  if (!w->canonical)
    write_afterwards (w, o);
  close_element (w, "observation");
}

char *
lb_observation_canonical (LbObservation *obs)
{
  g_return_val_if_fail (obs != NULL, NULL);
  W w = { g_string_new (NULL), TRUE, 0 };
  write_observation (&w, obs);
  return g_string_free (w.out, FALSE);
}

char *
lb_observation_compute_hash (LbObservation *obs)
{
  g_autofree char *canonical = lb_observation_canonical (obs);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

static void
write_goal (W *w, LbGoal *g)
{
  open_element (w, "goal", "uuid", g->uuid, "status", lb_goal_status_to_string (g->status),
        "target", g->target_date, "source", g->source_observation_uuid, "created", g->created_at,
        "updated", g->updated_at, NULL);
  text_element (w, "text", g->text);
  for (guint i = 0; g->item_ids && g->item_ids[i]; i++)
    empty (w, "link", "item", g->item_ids[i], NULL);
  close_element (w, "goal");
}

static void
write_person (W *w, LbPerson *p, GPtrArray *goals)
{
  g_autofree char *year = p->induction_year > 0 ? num (p->induction_year) : NULL;
  open_element (w, "person", "uuid", p->uuid, "starter", p->is_starter ? "true" : "false",
        "role", p->is_starter ? NULL : lb_role_to_string (p->role),
        "induction-start", p->induction_start, "induction-year", year, NULL);
  text_element (w, "name", p->name);
  text_element (w, "school", p->school);
  text_element (w, "board", p->board);
  for (guint i = 0; i < goals->len; i++)
    if (g_strcmp0 (((LbGoal *) goals->pdata[i])->person_uuid, p->uuid) == 0)
      write_goal (w, goals->pdata[i]);
  close_element (w, "person");
}

static void
write_instrument (W *w, GBytes *bytes)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *b64 = g_base64_encode (data, len);
  /* Base64 keeps the instrument's exact bytes, so its hash survives. */
  open_element (w, "instrument", "sha256", sha, NULL);
  text_element (w, "data", b64);
  close_element (w, "instrument");
}

char *
lb_exchange_to_xml (LbExchange *ex)
{
  W w = { g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), FALSE, 0 };
  g_autofree char *now = lb_timestamp_now ();
  open_element (&w, "exchange", "xmlns", LB_EXCHANGE_NS, "format", "1", "created", now,
        "generator", "lesbezoek " PACKAGE_VERSION, NULL);
  for (guint i = 0; i < ex->people->len; i++)
    write_person (&w, ex->people->pdata[i], ex->goals);
  for (guint i = 0; i < ex->instruments->len; i++)
    write_instrument (&w, ex->instruments->pdata[i]);
  for (guint i = 0; i < ex->observations->len; i++)
    write_observation (&w, ex->observations->pdata[i]);
  close_element (&w, "exchange");
  return g_string_free (w.out, FALSE);
}

/* Exports hold assessments of named people: readable by the user alone. */
gboolean
lb_exchange_write (LbExchange *ex, const char *path, GError **error)
{
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GError) local = NULL;
  if (!g_file_set_contents_full (path, xml, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("cannot write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

LbExchange *
lb_exchange_new (void)
{
  LbExchange *ex = g_new0 (LbExchange, 1);
  ex->people = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_person_free);
  ex->instruments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  ex->observations = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  ex->goals = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_goal_free);
  return ex;
}

void
lb_exchange_free (LbExchange *ex)
{
  if (ex == NULL)
    return;
  g_ptr_array_unref (ex->people);
  g_ptr_array_unref (ex->instruments);
  g_ptr_array_unref (ex->observations);
  g_ptr_array_unref (ex->goals);
  g_free (ex);
}
