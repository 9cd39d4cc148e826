/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Reading observations back: one in full, or many as summaries. */

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define OBS_COLUMNS \
  "o.id, o.uuid, o.instrument_id, o.instrument_version, o.instrument_sha256, " \
  "o.observer_role, o.purpose, o.date, o.start_time, o.end_time, o.school, o.grp, o.pupils, " \
  "o.subject, o.lesson_goal, o.question, o.status, o.tops, o.tips, o.agreements, " \
  "o.signed_by, o.signed_at, o.acknowledged_at, o.reaction, o.content_hash, o.created_at, " \
  "o.updated_at, o.revision, o.starter_name, o.observer_name, " \
  "s.uuid, s.name, s.is_starter, s.role, s.school, s.board, s.induction_start, s.induction_year, " \
  "b.uuid, b.name, b.is_starter, b.role, b.school, b.board, b.induction_start, b.induction_year"

static void
read_header (LbObservation *o, sqlite3_stmt *st)
{
  char **fields[] = {
    &o->uuid, &o->instrument_id, &o->instrument_version, &o->instrument_sha256,
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = lb_store_column_dup (st, (int) i + 1);
  LbRole role = LB_ROLE_ASSESSOR;
  lb_role_from_string ((const char *) sqlite3_column_text (st, 5), &role);
  o->observer_role = role;
  LbPurpose purpose = LB_PURPOSE_FORMATIEF;
  lb_purpose_from_string ((const char *) sqlite3_column_text (st, 6), &purpose);
  o->purpose = purpose;
  char **lesson[] = { &o->date, &o->start_time, &o->end_time, &o->school, &o->group };
  for (guint i = 0; i < G_N_ELEMENTS (lesson); i++)
    *lesson[i] = lb_store_column_dup (st, (int) i + 7);
  o->pupils = sqlite3_column_type (st, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (st, 12);
  o->subject = lb_store_column_dup (st, 13);
  o->lesson_goal = lb_store_column_dup (st, 14);
  o->question = lb_store_column_dup (st, 15);
  LbStatus status = LB_STATUS_DRAFT;
  lb_status_from_string ((const char *) sqlite3_column_text (st, 16), &status);
  o->status = status;
  char **rest[] = { &o->tops, &o->tips, &o->agreements, &o->signed_by, &o->signed_at,
                    &o->acknowledged_at, &o->reaction, &o->content_hash, &o->created_at,
                    &o->updated_at };
  for (guint i = 0; i < G_N_ELEMENTS (rest); i++)
    *rest[i] = lb_store_column_dup (st, (int) i + 17);
  o->revision = sqlite3_column_int (st, 27);
  o->starter = lb_store_read_person (st, 30);
  o->observer = lb_store_read_person (st, 38);
  /* The names as they were when observed: what the hash covers. */
  g_free (o->starter->name), o->starter->name = lb_store_column_dup (st, 28);
  g_free (o->observer->name), o->observer->name = lb_store_column_dup (st, 29);
}

static sqlite3_stmt *
children_query (LbStore *self, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = lb_store_prepare (self, sql, error);
  if (stmt)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

static gboolean
read_scores (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = children_query (self,
    "SELECT session, item_id, level_id, not_observed, reason FROM score WHERE observation_id = ?", id, error);
  if (st == NULL)
    return FALSE;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbScore *s = g_new0 (LbScore, 1);
      s->session = (guint) sqlite3_column_int (st, 0);
      s->item_id = lb_store_column_dup (st, 1);
      s->level_id = lb_store_column_dup (st, 2);
      s->not_observed = sqlite3_column_int (st, 3);
      s->reason = lb_store_column_dup (st, 4);
      g_ptr_array_add (o->scores, s);
    }
  g_autoptr(sqlite3_stmt) mk = children_query (self,
    "SELECT session, indicator_id, code FROM mark WHERE observation_id = ?", id, error);
  if (mk == NULL)
    return FALSE;
  while (sqlite3_step (mk) == SQLITE_ROW)
    {
      LbMark *m = g_new0 (LbMark, 1);
      m->session = (guint) sqlite3_column_int (mk, 0);
      m->indicator_id = lb_store_column_dup (mk, 1);
      m->code = lb_store_column_dup (mk, 2);
      g_ptr_array_add (o->marks, m);
    }
  return TRUE;
}

static gboolean
read_notes (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = children_query (self,
    "SELECT n.uuid, n.session, n.minute, n.created_at, n.text, "
    "(SELECT group_concat (item_id, ' ') FROM note_item WHERE note_id = n.id) "
    "FROM note n WHERE n.observation_id = ?", id, error);
  if (st == NULL)
    return FALSE;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbNote *n = g_new0 (LbNote, 1);
      n->uuid = lb_store_column_dup (st, 0);
      n->session = (guint) sqlite3_column_int (st, 1);
      n->minute = sqlite3_column_int (st, 2);
      n->created_at = lb_store_column_dup (st, 3);
      n->text = lb_store_column_dup (st, 4);
      const char *links = (const char *) sqlite3_column_text (st, 5);
      n->item_ids = links ? g_strsplit (links, " ", -1) : g_new0 (char *, 1);
      g_ptr_array_add (o->notes, n);
    }
  g_autoptr(sqlite3_stmt) sn = children_query (self,
    "SELECT session, snapshot_id, code, minute FROM snapshot_answer WHERE observation_id = ?", id, error);
  if (sn == NULL)
    return FALSE;
  while (sqlite3_step (sn) == SQLITE_ROW)
    {
      LbSnapshotAnswer *a = g_new0 (LbSnapshotAnswer, 1);
      a->session = (guint) sqlite3_column_int (sn, 0);
      a->snapshot_id = lb_store_column_dup (sn, 1);
      a->code = lb_store_column_dup (sn, 2);
      a->minute = sqlite3_column_int (sn, 3);
      g_ptr_array_add (o->snapshots, a);
    }
  return TRUE;
}

static gboolean
read_wrapup (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = children_query (self,
    "SELECT domain_id, computed, confirmed, decided, motivation FROM judgement WHERE observation_id = ?",
    id, error);
  if (st == NULL)
    return FALSE;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbDomainJudgement *j = g_new0 (LbDomainJudgement, 1);
      j->domain_id = lb_store_column_dup (st, 0);
      j->computed = lb_store_column_dup (st, 1);
      j->confirmed = sqlite3_column_int (st, 2);
      j->decided = lb_store_column_dup (st, 3);
      j->motivation = lb_store_column_dup (st, 4);
      g_ptr_array_add (o->judgements, j);
    }
  g_autoptr(sqlite3_stmt) ad = children_query (self,
    "SELECT uuid, author, created_at, text FROM addendum WHERE observation_id = ?", id, error);
  if (ad == NULL)
    return FALSE;
  while (sqlite3_step (ad) == SQLITE_ROW)
    {
      LbAddendum *a = g_new0 (LbAddendum, 1);
      a->uuid = lb_store_column_dup (ad, 0);
      a->author = lb_store_column_dup (ad, 1);
      a->created_at = lb_store_column_dup (ad, 2);
      a->text = lb_store_column_dup (ad, 3);
      g_ptr_array_add (o->addenda, a);
    }
  g_autoptr(sqlite3_stmt) fi = children_query (self,
    "SELECT item_id FROM focus_item WHERE observation_id = ? ORDER BY item_id", id, error);
  if (fi == NULL)
    return FALSE;
  g_autoptr(GStrvBuilder) focus = g_strv_builder_new ();
  while (sqlite3_step (fi) == SQLITE_ROW)
    g_strv_builder_add (focus, (const char *) sqlite3_column_text (fi, 0));
  o->focus_items = g_strv_builder_end (focus);
  return TRUE;
}

LbObservation *
lb_store_load (LbStore *self, const char *uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT " OBS_COLUMNS " FROM observation o JOIN person s ON s.id = o.starter_id "
    "JOIN person b ON b.id = o.observer_id WHERE o.uuid = ? AND o.deleted_at IS NULL", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, uuid ? uuid : "", -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No observation with id %s"), uuid);
      else
        lb_store_set_error (self, error, rc, _("reading the observation"));
      return NULL;
    }
  g_autoptr(LbObservation) o = lb_observation_new ();
  gint64 id = sqlite3_column_int64 (st, 0);
  read_header (o, st);
  if (!read_scores (self, o, id, error) || !read_notes (self, o, id, error) ||
      !read_wrapup (self, o, id, error))
    return NULL;
  lb_observation_sort (o);
  return g_steal_pointer (&o);
}

/* ---- listing ---- */

void
lb_summary_free (LbSummary *s)
{
  if (s == NULL)
    return;
  char *fields[] = { s->uuid, s->date, s->start_time, s->starter_name, s->starter_uuid,
                     s->observer_name, s->instrument_id, s->instrument_version, s->subject,
                     s->group, s->updated_at };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (fields[i]);
  g_free (s);
}

static LbSummary *
read_summary (sqlite3_stmt *st)
{
  LbSummary *s = g_new0 (LbSummary, 1);
  s->uuid = lb_store_column_dup (st, 0);
  s->date = lb_store_column_dup (st, 1);
  s->start_time = lb_store_column_dup (st, 2);
  s->starter_name = lb_store_column_dup (st, 3);
  s->starter_uuid = lb_store_column_dup (st, 4);
  s->observer_name = lb_store_column_dup (st, 5);
  LbRole role = LB_ROLE_ASSESSOR;
  lb_role_from_string ((const char *) sqlite3_column_text (st, 6), &role);
  s->observer_role = role;
  LbPurpose purpose = LB_PURPOSE_FORMATIEF;
  lb_purpose_from_string ((const char *) sqlite3_column_text (st, 7), &purpose);
  s->purpose = purpose;
  s->status = g_strcmp0 ((const char *) sqlite3_column_text (st, 8), "final") == 0 ? LB_STATUS_FINAL
                                                                                  : LB_STATUS_DRAFT;
  s->instrument_id = lb_store_column_dup (st, 9);
  s->instrument_version = lb_store_column_dup (st, 10);
  s->subject = lb_store_column_dup (st, 11);
  s->group = lb_store_column_dup (st, 12);
  s->n_scored = (guint) sqlite3_column_int (st, 13);
  s->updated_at = lb_store_column_dup (st, 14);
  return s;
}

GPtrArray *
lb_store_list (LbStore *self, const LbListFilter *filter, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  LbListFilter none = LB_LIST_FILTER_INIT;
  if (filter == NULL)
    filter = &none;
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT o.uuid, o.date, o.start_time, o.starter_name, s.uuid, o.observer_name, o.observer_role, "
    "o.purpose, o.status, o.instrument_id, o.instrument_version, o.subject, o.grp, "
    "(SELECT count(*) FROM score WHERE observation_id = o.id AND not_observed = 0), o.updated_at "
    "FROM observation o JOIN person s ON s.id = o.starter_id "
    "WHERE o.deleted_at IS NULL "
    "AND (?1 IS NULL OR s.uuid = ?1 OR s.name = ?1 COLLATE NOCASE) "
    "AND (?2 IS NULL OR o.status = ?2) AND (?3 IS NULL OR o.purpose = ?3) "
    "AND (?4 IS NULL OR instr (lower (o.starter_name || ' ' || o.observer_name || ' ' || "
    "     ifnull (o.subject, '') || ' ' || ifnull (o.school, '') || ' ' || ifnull (o.grp, '')), lower (?4)) > 0) "
    "AND (?5 IS NULL OR o.date >= ?5) AND (?6 IS NULL OR o.date <= ?6) "
    "ORDER BY o.date DESC, o.start_time DESC, o.created_at DESC LIMIT ?7 OFFSET ?8", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, filter->person);
  if (filter->status >= 0)
    sqlite3_bind_text (st, 2, lb_status_to_string (filter->status), -1, SQLITE_STATIC);
  if (filter->purpose >= 0)
    sqlite3_bind_text (st, 3, lb_purpose_to_string (filter->purpose), -1, SQLITE_STATIC);
  lb_store_bind_text (st, 4, filter->search);
  lb_store_bind_text (st, 5, filter->from_date);
  lb_store_bind_text (st, 6, filter->to_date);
  sqlite3_bind_int64 (st, 7, filter->limit ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (st, 8, filter->offset);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_summary_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_summary (st));
  if (rc != SQLITE_DONE)
    {
      lb_store_set_error (self, error, rc, _("reading the observations"));
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

guint
lb_store_count (LbStore *self)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT count(*) FROM observation WHERE deleted_at IS NULL", NULL);
  return st && sqlite3_step (st) == SQLITE_ROW ? (guint) sqlite3_column_int (st, 0) : 0;
}

/* Lets people type the first characters of a uuid, as with git. */
char *
lb_store_resolve_uuid (LbStore *self, const char *prefix, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT uuid FROM observation WHERE deleted_at IS NULL AND substr (uuid, 1, length (?1)) = ?1 LIMIT 2",
    error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
  if (prefix == NULL || strlen (prefix) < 4 || sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No observation with id %s"), prefix ? prefix : "");
      return NULL;
    }
  char *uuid = lb_store_column_dup (st, 0);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_AMBIGUOUS,
                   _("“%s” matches more than one observation; give more characters"), prefix);
      g_free (uuid);
      return NULL;
    }
  return uuid;
}

GPtrArray *
lb_store_audit (LbStore *self, const char *uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT at, action, ifnull (detail, '') FROM audit WHERE ?1 IS NULL OR observation_uuid = ?1 ORDER BY id",
    error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, uuid);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\t%s", sqlite3_column_text (st, 0),
                                             sqlite3_column_text (st, 1), sqlite3_column_text (st, 2)));
  return lines;
}

GBytes *
lb_store_get_instrument_bytes (LbStore *self, const char *sha256, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self, "SELECT xml FROM instrument WHERE sha256 = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, sha256 ? sha256 : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("The instrument %s is not in the database"), sha256);
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (st, 0), (gsize) sqlite3_column_bytes (st, 0));
}

LbInstrument *
lb_store_get_instrument (LbStore *self, const char *sha256, GError **error)
{
  g_autoptr(GBytes) bytes = lb_store_get_instrument_bytes (self, sha256, error);
  if (bytes == NULL)
    return NULL;
  return lb_instrument_load_bytes (bytes, sha256, NULL, error);
}
