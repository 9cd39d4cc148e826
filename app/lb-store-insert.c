/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Writing a whole observation at once, as an import does. Runs inside the
 * caller's transaction. A final observation is written as a draft first
 * and locked last, so the triggers that guard final content stay on. */

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>

static gint64
ensure_person (LbStore *self, LbPerson *p, gboolean starter, GError **error)
{
  gint64 id = lb_store_person_id (self, p->uuid, NULL);
  if (id >= 0)
    return id;
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "INSERT INTO person (uuid, name, is_starter, role, induction_year, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?6, ?6)", error);
  if (st == NULL)
    return -1;
  g_autofree char *now = lb_timestamp_now ();
  lb_store_bind_text (st, 1, p->uuid);
  lb_store_bind_text (st, 2, p->name);
  sqlite3_bind_int (st, 3, starter);
  sqlite3_bind_text (st, 4, lb_role_to_string (starter ? LB_ROLE_STARTER : p->role), -1, SQLITE_STATIC);
  if (starter)
    sqlite3_bind_int (st, 5, CLAMP (p->induction_year, 1, 3));
  sqlite3_bind_text (st, 6, now, -1, SQLITE_TRANSIENT);
  if (!lb_store_step_done (self, st, error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
insert_header (LbStore *self, LbObservation *o, gint64 starter, gint64 observer, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "INSERT INTO observation (uuid, instrument_sha256, instrument_id, instrument_version, "
    "starter_id, starter_name, observer_id, observer_name, observer_role, purpose, date, "
    "start_time, end_time, school, grp, pupils, subject, lesson_goal, question, tops, tips, "
    "agreements, signed_by, signed_at, revision, created_at, updated_at) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);
  if (st == NULL)
    return FALSE;
  const char *head[] = { o->uuid, o->instrument_sha256, o->instrument_id, o->instrument_version };
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    lb_store_bind_text (st, (int) i + 1, head[i]);
  sqlite3_bind_int64 (st, 5, starter);
  lb_store_bind_text (st, 6, o->starter->name);
  sqlite3_bind_int64 (st, 7, observer);
  lb_store_bind_text (st, 8, o->observer->name);
  lb_store_bind_text (st, 9, lb_role_to_string (o->observer_role));
  lb_store_bind_text (st, 10, lb_purpose_to_string (o->purpose));
  const char *lesson[] = { o->date, o->start_time, o->end_time, o->school, o->group };
  for (guint i = 0; i < G_N_ELEMENTS (lesson); i++)
    lb_store_bind_text (st, (int) i + 11, lesson[i]);
  if (o->pupils >= 0)
    sqlite3_bind_int (st, 16, o->pupils);
  const char *rest[] = { o->subject, o->lesson_goal, o->question, o->tops, o->tips, o->agreements,
                         o->signed_by, o->signed_at };
  for (guint i = 0; i < G_N_ELEMENTS (rest); i++)
    lb_store_bind_text (st, (int) i + 17, rest[i]);
  sqlite3_bind_int (st, 25, o->revision);
  lb_store_bind_text (st, 26, o->created_at);
  lb_store_bind_text (st, 27, o->updated_at ? o->updated_at : o->created_at);
  return lb_store_step_done (self, st, error);
}

static sqlite3_stmt *
prep (LbStore *self, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *st = lb_store_prepare (self, sql, error);
  if (st)
    sqlite3_bind_int64 (st, 1, id);
  return st;
}

static gboolean
step_reset (LbStore *self, sqlite3_stmt *st, GError **error)
{
  gboolean ok = lb_store_step_done (self, st, error);
  sqlite3_reset (st);
  return ok;
}

static gboolean
insert_scores (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = prep (self,
    "INSERT INTO score (observation_id, session, item_id, level_id, not_observed, reason, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?4 IS NULL, ?5, ?6)", id, error);
  g_autoptr(sqlite3_stmt) mk = prep (self,
    "INSERT INTO mark (observation_id, session, indicator_id, code) VALUES (?1, ?2, ?3, ?4)", id, error);
  g_autoptr(sqlite3_stmt) fi = prep (self,
    "INSERT OR IGNORE INTO focus_item (observation_id, item_id) VALUES (?1, ?2)", id, error);
  if (!st || !mk || !fi)
    return FALSE;
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      sqlite3_bind_int (st, 2, (int) s->session);
      lb_store_bind_text (st, 3, s->item_id);
      lb_store_bind_text (st, 4, s->not_observed ? NULL : s->level_id);
      lb_store_bind_text (st, 5, s->reason);
      lb_store_bind_text (st, 6, o->updated_at ? o->updated_at : o->created_at);
      if (!step_reset (self, st, error))
        return FALSE;
    }
  for (guint i = 0; i < o->marks->len; i++)
    {
      LbMark *m = o->marks->pdata[i];
      sqlite3_bind_int (mk, 2, (int) m->session);
      lb_store_bind_text (mk, 3, m->indicator_id);
      lb_store_bind_text (mk, 4, m->code);
      if (!step_reset (self, mk, error))
        return FALSE;
    }
  for (guint i = 0; o->focus_items && o->focus_items[i]; i++)
    {
      lb_store_bind_text (fi, 2, o->focus_items[i]);
      if (!step_reset (self, fi, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_notes (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = prep (self,
    "INSERT INTO note (observation_id, uuid, session, minute, created_at, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    id, error);
  g_autoptr(sqlite3_stmt) ln = prep (self,
    "INSERT OR IGNORE INTO note_item (note_id, observation_id, item_id) VALUES (?2, ?1, ?3)", id, error);
  g_autoptr(sqlite3_stmt) sn = prep (self,
    "INSERT INTO snapshot_answer (observation_id, session, snapshot_id, code, minute) VALUES (?1, ?2, ?3, ?4, ?5)",
    id, error);
  if (!st || !ln || !sn)
    return FALSE;
  for (guint i = 0; i < o->notes->len; i++)
    {
      LbNote *n = o->notes->pdata[i];
      lb_store_bind_text (st, 2, n->uuid);
      sqlite3_bind_int (st, 3, (int) n->session);
      sqlite3_bind_int (st, 4, n->minute);
      lb_store_bind_text (st, 5, n->created_at);
      sqlite3_bind_text (st, 6, n->text ? n->text : "", -1, SQLITE_TRANSIENT);
      if (!step_reset (self, st, error))
        return FALSE;
      gint64 note_id = sqlite3_last_insert_rowid (self->db);
      for (guint j = 0; n->item_ids && n->item_ids[j]; j++)
        {
          sqlite3_bind_int64 (ln, 2, note_id);
          lb_store_bind_text (ln, 3, n->item_ids[j]);
          if (!step_reset (self, ln, error))
            return FALSE;
        }
    }
  for (guint i = 0; i < o->snapshots->len; i++)
    {
      LbSnapshotAnswer *a = o->snapshots->pdata[i];
      sqlite3_bind_int (sn, 2, (int) a->session);
      lb_store_bind_text (sn, 3, a->snapshot_id);
      lb_store_bind_text (sn, 4, a->code);
      sqlite3_bind_int (sn, 5, a->minute);
      if (!step_reset (self, sn, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_wrapup (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = prep (self,
    "INSERT INTO judgement (observation_id, domain_id, computed, confirmed, decided, motivation) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", id, error);
  g_autoptr(sqlite3_stmt) ad = prep (self,
    "INSERT OR IGNORE INTO addendum (observation_id, uuid, author, created_at, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    id, error);
  if (!st || !ad)
    return FALSE;
  for (guint i = 0; i < o->judgements->len; i++)
    {
      LbDomainJudgement *j = o->judgements->pdata[i];
      lb_store_bind_text (st, 2, j->domain_id);
      lb_store_bind_text (st, 3, j->computed);
      sqlite3_bind_int (st, 4, j->confirmed);
      lb_store_bind_text (st, 5, j->decided);
      lb_store_bind_text (st, 6, j->motivation);
      if (!step_reset (self, st, error))
        return FALSE;
    }
  for (guint i = 0; i < o->addenda->len; i++)
    {
      LbAddendum *a = o->addenda->pdata[i];
      const char *v[] = { a->uuid, a->author, a->created_at, a->text };
      for (guint k = 0; k < G_N_ELEMENTS (v); k++)
        lb_store_bind_text (ad, (int) k + 2, v[k]);
      if (!step_reset (self, ad, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
lock (LbStore *self, LbObservation *o, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = prep (self,
    "UPDATE observation SET status = 'final', content_hash = ?2, acknowledged_at = ?3, reaction = ?4 "
    "WHERE id = ?1", id, error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 2, o->content_hash);
  lb_store_bind_text (st, 3, o->acknowledged_at);
  lb_store_bind_text (st, 4, o->reaction);
  return lb_store_step_done (self, st, error);
}

gboolean lb_store_insert_full (LbStore *self, LbObservation *o, GError **error);

gboolean
lb_store_insert_full (LbStore *self, LbObservation *o, GError **error)
{
  if (o->starter == NULL || o->observer == NULL)
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("An observation lacks its starter or observer")), FALSE;
  gint64 starter = ensure_person (self, o->starter, TRUE, error);
  gint64 observer = starter < 0 ? -1 : ensure_person (self, o->observer, FALSE, error);
  if (observer < 0 || !insert_header (self, o, starter, observer, error))
    return FALSE;
  gint64 id = sqlite3_last_insert_rowid (self->db);
  if (!insert_scores (self, o, id, error) || !insert_notes (self, o, id, error) ||
      !insert_wrapup (self, o, id, error))
    return FALSE;
  return o->status == LB_STATUS_FINAL ? lock (self, o, id, error) : TRUE;
}
