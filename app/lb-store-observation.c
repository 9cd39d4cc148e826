/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Changing observations. Every public function here is one transaction:
 * look the observation up, refuse if it is final, make the change, bump
 * its revision, append to the audit log, commit. */

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef gboolean (*ChangeFunc) (LbStore *self, gint64 obs_id, gpointer data, GError **error);

gint64
lb_store_observation_id (LbStore *self, const char *uuid, gboolean for_change, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT id, status FROM observation WHERE uuid = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid ? uuid : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No observation with id %s"), uuid);
      return -1;
    }
  if (for_change && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "final") == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FINAL,
                   _("This observation is final and cannot be changed; add an addendum instead."));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
lb_store_touch (LbStore *self, gint64 obs_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "UPDATE observation SET revision = revision + 1, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, obs_id);
  return lb_store_step_done (self, stmt, error);
}

static gboolean
change (LbStore *self, const char *uuid, gboolean allow_final, const char *action,
        const char *detail, ChangeFunc func, gpointer data, GError **error)
{
  if (!lb_store_begin (self, error))
    return FALSE;
  gint64 id = lb_store_observation_id (self, uuid, !allow_final, error);
  if (id < 0 || !func (self, id, data, error) || !lb_store_touch (self, id, error) ||
      !lb_store_audit_log (self, uuid, action, detail, error) || !lb_store_commit (self, error))
    {
      lb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Runs a statement whose first parameter is the observation id and whose
 * further parameters are the given texts (NULL allowed). */
static gboolean
run (LbStore *self, gint64 obs_id, const char *sql, GError **error, guint n, ...)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, obs_id);
  va_list args;
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    lb_store_bind_text (stmt, (int) i + 2, va_arg (args, const char *));
  va_end (args);
  return lb_store_step_done (self, stmt, error);
}

/* ---- creation ---- */

gboolean
lb_store_keep_instrument (LbStore *self, LbInstrument *instrument, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "INSERT OR IGNORE INTO instrument (sha256, id, version, xml) VALUES (?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  gsize len;
  const void *data = g_bytes_get_data (lb_instrument_get_bytes (instrument), &len);
  sqlite3_bind_text (stmt, 1, lb_instrument_get_sha256 (instrument), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lb_instrument_get_id (instrument), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lb_instrument_get_version (instrument), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 4, data, len, SQLITE_TRANSIENT);
  return lb_store_step_done (self, stmt, error);
}

static gboolean
insert_observation (LbStore *self, LbObservation *o, gint64 starter, gint64 observer, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "INSERT INTO observation (uuid, instrument_sha256, instrument_id, instrument_version, "
    "starter_id, starter_name, observer_id, observer_name, observer_role, purpose, date, "
    "start_time, end_time, school, grp, pupils, subject, lesson_goal, question, "
    "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?20)", error);
  if (stmt == NULL)
    return FALSE;
  const char *texts[] = { o->uuid, o->instrument_sha256, o->instrument_id, o->instrument_version };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    lb_store_bind_text (stmt, (int) i + 1, texts[i]);
  sqlite3_bind_int64 (stmt, 5, starter);
  lb_store_bind_text (stmt, 6, o->starter->name);
  sqlite3_bind_int64 (stmt, 7, observer);
  lb_store_bind_text (stmt, 8, o->observer->name);
  lb_store_bind_text (stmt, 9, lb_role_to_string (o->observer_role));
  lb_store_bind_text (stmt, 10, lb_purpose_to_string (o->purpose));
  const char *lesson[] = { o->date, o->start_time, o->end_time, o->school, o->group };
  for (guint i = 0; i < G_N_ELEMENTS (lesson); i++)
    lb_store_bind_text (stmt, (int) i + 11, lesson[i]);
  if (o->pupils >= 0)
    sqlite3_bind_int (stmt, 16, o->pupils);
  lb_store_bind_text (stmt, 17, o->subject);
  lb_store_bind_text (stmt, 18, o->lesson_goal);
  lb_store_bind_text (stmt, 19, o->question);
  lb_store_bind_text (stmt, 20, o->created_at);
  return lb_store_step_done (self, stmt, error);
}

static gboolean
check_new (LbObservation *o, GError **error)
{
  if (o->starter == NULL || o->starter->uuid == NULL)
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("Choose the starter who is observed"));
  else if (o->observer == NULL || o->observer->uuid == NULL)
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("Choose who observes"));
  else if (o->purpose == LB_PURPOSE_ZELFBEOORDELING && g_strcmp0 (o->starter->uuid, o->observer->uuid) != 0)
    g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("In a self-assessment the starter observes themself"));
  else
    return TRUE;
  return FALSE;
}

LbObservation *
lb_store_create_observation (LbStore *self, LbObservation *draft, LbInstrument *instrument,
                             GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && draft && LB_IS_INSTRUMENT (instrument), NULL);
  if (!check_new (draft, error))
    return NULL;
  g_autofree char *uuid = draft->uuid ? g_strdup (draft->uuid) : lb_uuid_new ();
  g_autofree char *now = lb_timestamp_now ();
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  g_free (draft->uuid), draft->uuid = g_strdup (uuid);
  g_free (draft->instrument_id), draft->instrument_id = g_strdup (lb_instrument_get_id (instrument));
  g_free (draft->instrument_version), draft->instrument_version = g_strdup (lb_instrument_get_version (instrument));
  g_free (draft->instrument_sha256), draft->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (instrument));
  if (draft->date == NULL)
    draft->date = g_date_time_format (today, "%Y-%m-%d");
  if (draft->created_at == NULL)
    draft->created_at = g_strdup (now);

  if (!lb_store_begin (self, error))
    return NULL;
  gint64 starter = lb_store_person_id (self, draft->starter->uuid, error);
  gint64 observer = starter < 0 ? -1 : lb_store_person_id (self, draft->observer->uuid, error);
  gboolean ok = observer >= 0 && lb_store_keep_instrument (self, instrument, error) &&
                insert_observation (self, draft, starter, observer, error);
  gint64 id = sqlite3_last_insert_rowid (self->db);
  for (guint i = 0; ok && draft->focus_items && draft->focus_items[i]; i++)
    ok = run (self, id, "INSERT OR IGNORE INTO focus_item (observation_id, item_id) VALUES (?1, ?2)",
              error, 1, draft->focus_items[i]);
  if (!ok || !lb_store_audit_log (self, uuid, "create", lb_purpose_to_string (draft->purpose), error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), NULL;
  return lb_store_load (self, uuid, error);
}

/* ---- fields ---- */

static const char *field_columns[LB_N_FIELDS] = {
  "date", "start_time", "end_time", "school", "grp", "pupils", "subject", "lesson_goal",
  "question", "tops", "tips", "agreements",
};

typedef struct { LbField field; const char *value; } FieldData;

static gboolean
set_field_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  FieldData *f = data;
  g_autofree char *sql = g_strdup_printf ("UPDATE observation SET %s = ?2 WHERE id = ?1",
                                          field_columns[f->field]);
  return run (self, id, sql, error, 1, f->value);
}

static gboolean
valid_field (LbField field, const char *value, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      if (field == LB_FIELD_DATE)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("An observation needs a date")), FALSE;
      return TRUE;
    }
  if (field == LB_FIELD_PUPILS)
    {
      char *end;
      gint64 n = g_ascii_strtoll (value, &end, 10);
      if (*end != '\0' || n < 0 || n > 200)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("The number of pupils must be a number from 0 to 200")), FALSE;
    }
  if (field == LB_FIELD_START_TIME || field == LB_FIELD_END_TIME)
    {
      int h = -1, m = -1;
      char tail = 0;
      if (strlen (value) != 5 || sscanf (value, "%2d:%2d%c", &h, &m, &tail) != 2 ||
          h < 0 || h > 23 || m < 0 || m > 59)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("“%s” is not a time; write it as HH:MM, for example 09:30"), value), FALSE;
    }
  if (field == LB_FIELD_DATE)
    {
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *iso = g_strconcat (value, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (iso, NULL);
      if (dt == NULL || strlen (value) != 10)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("“%s” is not a date; write it as YYYY-MM-DD"), value), FALSE;
    }
  return TRUE;
}

gboolean
lb_store_set_field (LbStore *self, const char *uuid, LbField field, const char *value, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && field < LB_N_FIELDS, FALSE);
  if (!valid_field (field, value, error))
    return FALSE;
  FieldData f = { field, value };
  return change (self, uuid, FALSE, "field", field_columns[field], set_field_cb, &f, error);
}

typedef struct { const char *item; gboolean on; } FocusData;

static gboolean
set_focus_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  FocusData *f = data;
  return run (self, id, f->on ? "INSERT OR IGNORE INTO focus_item (observation_id, item_id) VALUES (?1, ?2)"
                              : "DELETE FROM focus_item WHERE observation_id = ?1 AND item_id = ?2",
              error, 1, f->item);
}

gboolean
lb_store_set_focus (LbStore *self, const char *uuid, const char *item_id, gboolean focus, GError **error)
{
  FocusData f = { item_id, focus };
  return change (self, uuid, FALSE, focus ? "focus-add" : "focus-remove", item_id, set_focus_cb, &f, error);
}

/* ---- scores, marks, snapshots ---- */

typedef struct {
  guint session;
  const char *item, *level, *reason;
  gboolean not_observed;
} ScoreData;

static gboolean
set_score_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  ScoreData *s = data;
  g_autofree char *session = g_strdup_printf ("%u", s->session);
  g_autofree char *now = lb_timestamp_now ();
  if (s->level == NULL && !s->not_observed)
    return run (self, id, "DELETE FROM score WHERE observation_id = ?1 AND session = ?2 AND item_id = ?3",
                error, 2, session, s->item);
  return run (self, id,
              "INSERT INTO score (observation_id, session, item_id, level_id, not_observed, reason, updated_at) "
              "VALUES (?1, ?2, ?3, ?4, ?4 IS NULL, ?5, ?6) ON CONFLICT DO UPDATE SET "
              "level_id = excluded.level_id, not_observed = excluded.not_observed, "
              "reason = excluded.reason, updated_at = excluded.updated_at",
              error, 5, session, s->item, s->not_observed ? NULL : s->level, s->reason, now);
}

gboolean
lb_store_set_score (LbStore *self, const char *uuid, guint session, const char *item_id,
                    const char *level_id, gboolean not_observed, const char *reason, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && item_id, FALSE);
  ScoreData s = { session, item_id, level_id, reason, not_observed };
  g_autofree char *detail = g_strdup_printf ("%u %s %s", session, item_id,
                                             not_observed ? "not-observed" : level_id ? level_id : "cleared");
  return change (self, uuid, FALSE, "score", detail, set_score_cb, &s, error);
}

typedef struct { guint session; const char *id, *code; int minute; } MarkData;

static gboolean
set_mark_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  MarkData *m = data;
  g_autofree char *session = g_strdup_printf ("%u", m->session);
  if (m->code == NULL)
    return run (self, id, "DELETE FROM mark WHERE observation_id = ?1 AND session = ?2 AND indicator_id = ?3",
                error, 2, session, m->id);
  return run (self, id,
              "INSERT INTO mark (observation_id, session, indicator_id, code) VALUES (?1, ?2, ?3, ?4) "
              "ON CONFLICT DO UPDATE SET code = excluded.code", error, 3, session, m->id, m->code);
}

gboolean
lb_store_set_mark (LbStore *self, const char *uuid, guint session, const char *indicator_id,
                   const char *code, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && indicator_id, FALSE);
  MarkData m = { session, indicator_id, code, 0 };
  g_autofree char *detail = g_strdup_printf ("%u %s %s", session, indicator_id, code ? code : "cleared");
  return change (self, uuid, FALSE, "mark", detail, set_mark_cb, &m, error);
}

static gboolean
set_snapshot_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  MarkData *m = data;
  g_autofree char *session = g_strdup_printf ("%u", m->session);
  g_autofree char *minute = g_strdup_printf ("%d", m->minute);
  if (m->code == NULL)
    return run (self, id, "DELETE FROM snapshot_answer WHERE observation_id = ?1 AND session = ?2 "
                "AND snapshot_id = ?3", error, 2, session, m->id);
  return run (self, id,
              "INSERT INTO snapshot_answer (observation_id, session, snapshot_id, code, minute) "
              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET code = excluded.code, "
              "minute = excluded.minute", error, 4, session, m->id, m->code, minute);
}

gboolean
lb_store_set_snapshot (LbStore *self, const char *uuid, guint session, const char *snapshot_id,
                       const char *code, int minute, GError **error)
{
  MarkData m = { session, snapshot_id, code, minute };
  return change (self, uuid, FALSE, "snapshot", snapshot_id, set_snapshot_cb, &m, error);
}

/* ---- notes ---- */

typedef struct { guint session; int minute; const char *text; char *note_uuid; } NoteData;

static gboolean
add_note_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  NoteData *n = data;
  g_autofree char *session = g_strdup_printf ("%u", n->session);
  g_autofree char *minute = g_strdup_printf ("%d", MAX (n->minute, 0));
  g_autofree char *now = lb_timestamp_now ();
  return run (self, id, "INSERT INTO note (observation_id, uuid, session, minute, created_at, text) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error, 5, n->note_uuid, session, minute, now, n->text);
}

char *
lb_store_add_note (LbStore *self, const char *uuid, guint session, int minute, const char *text,
                   GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (*trimmed == '\0')
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("A note needs some text")), NULL;
  NoteData n = { session, minute, trimmed, lb_uuid_new () };
  if (!change (self, uuid, FALSE, "note-add", n.note_uuid, add_note_cb, &n, error))
    return g_free (n.note_uuid), NULL;
  return n.note_uuid;
}

/* Notes are changed through their own uuid; find their observation. */
static char *
note_observation (LbStore *self, const char *note_uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT o.uuid FROM note n JOIN observation o ON o.id = n.observation_id WHERE n.uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, note_uuid ? note_uuid : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return lb_store_column_dup (stmt, 0);
  g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No note with id %s"), note_uuid);
  return NULL;
}

typedef struct { const char *note, *item, *text; gboolean linked; } NoteChange;

static gboolean
update_note_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  NoteChange *c = data;
  return run (self, id, "UPDATE note SET text = ?3 WHERE observation_id = ?1 AND uuid = ?2",
              error, 2, c->note, c->text);
}

gboolean
lb_store_update_note (LbStore *self, const char *note_uuid, const char *text, GError **error)
{
  g_autofree char *obs = note_observation (self, note_uuid, error);
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (obs == NULL)
    return FALSE;
  if (*trimmed == '\0')
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("A note needs some text")), FALSE;
  NoteChange c = { note_uuid, NULL, trimmed, FALSE };
  return change (self, obs, FALSE, "note-edit", note_uuid, update_note_cb, &c, error);
}

static gboolean
link_note_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  NoteChange *c = data;
  if (!c->linked)
    return run (self, id, "DELETE FROM note_item WHERE observation_id = ?1 AND item_id = ?3 AND "
                "note_id = (SELECT id FROM note WHERE uuid = ?2)", error, 2, c->note, c->item);
  return run (self, id, "INSERT OR IGNORE INTO note_item (note_id, observation_id, item_id) "
              "SELECT id, ?1, ?3 FROM note WHERE uuid = ?2", error, 2, c->note, c->item);
}

gboolean
lb_store_link_note (LbStore *self, const char *note_uuid, const char *item_id, gboolean linked,
                    GError **error)
{
  g_autofree char *obs = note_observation (self, note_uuid, error);
  if (obs == NULL)
    return FALSE;
  NoteChange c = { note_uuid, item_id, NULL, linked };
  g_autofree char *detail = g_strdup_printf ("%s %s", note_uuid, item_id);
  return change (self, obs, FALSE, linked ? "note-link" : "note-unlink", detail, link_note_cb, &c, error);
}

/* ---- wrap-up and sign-off ---- */

static gboolean
set_judgement_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  const LbDomainJudgement *j = data;
  return run (self, id,
              "INSERT INTO judgement (observation_id, domain_id, computed, confirmed, decided, motivation) "
              "VALUES (?1, ?2, ?3, ?4 = 'true', ?5, ?6) ON CONFLICT DO UPDATE SET "
              "computed = excluded.computed, confirmed = excluded.confirmed, "
              "decided = excluded.decided, motivation = excluded.motivation",
              error, 5, j->domain_id, j->computed, j->confirmed ? "true" : "false", j->decided,
              j->motivation);
}

gboolean
lb_store_set_judgement (LbStore *self, const char *uuid, const LbDomainJudgement *j, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && j && j->domain_id && j->computed, FALSE);
  if (j->decided && (j->motivation == NULL || *j->motivation == '\0'))
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("Deviating from the computed judgement needs a written motivation")), FALSE;
  return change (self, uuid, FALSE, "judgement", j->domain_id, set_judgement_cb, (gpointer) j, error);
}

typedef struct { const char *who; const char *hash; const char *at; int revision; } SignData;

static gboolean
finalize_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  SignData *s = data;
  g_autofree char *revision = g_strdup_printf ("%d", s->revision);
  if (!run (self, id, "UPDATE observation SET status = 'final', signed_by = ?2, signed_at = ?3, "
            "content_hash = ?4 WHERE id = ?1 AND revision = ?5", error, 4, s->who, s->at, s->hash, revision))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    return g_set_error (error, LB_ERROR, LB_ERROR_CONFLICT,
                        _("The observation changed while it was being finalized; try again")), FALSE;
  return TRUE;
}

/* Locks the observation: the hash covers its canonical form including the
 * signature, so any later change to the stored content is detectable. */
gboolean
lb_store_finalize (LbStore *self, const char *uuid, const char *signed_by, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  if (signed_by == NULL || *signed_by == '\0')
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("Signing needs the observer's name")), FALSE;
  g_autoptr(LbObservation) obs = lb_store_load (self, uuid, error);
  if (obs == NULL)
    return FALSE;
  if (obs->status == LB_STATUS_FINAL)
    return g_set_error (error, LB_ERROR, LB_ERROR_FINAL, _("This observation is already final")), FALSE;
  g_autofree char *at = lb_timestamp_now ();
  g_free (obs->signed_by), obs->signed_by = g_strdup (signed_by);
  g_free (obs->signed_at), obs->signed_at = g_strdup (at);
  g_autofree char *hash = lb_observation_compute_hash (obs);
  SignData s = { signed_by, hash, at, obs->revision };
  /* The revision check makes sure nothing changed between load and lock. */
  return change (self, uuid, FALSE, "finalize", hash, finalize_cb, &s, error);
}

static gboolean
acknowledge_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  g_autofree char *now = lb_timestamp_now ();
  return run (self, id, "UPDATE observation SET acknowledged_at = ?2, reaction = ?3 "
              "WHERE id = ?1 AND status = 'final' AND acknowledged_at IS NULL", error, 2, now, (const char *) data) &&
         (sqlite3_changes (self->db) == 1 ||
          (g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("Only a final observation can be acknowledged, and only once")), FALSE));
}

gboolean
lb_store_acknowledge (LbStore *self, const char *uuid, const char *reaction, GError **error)
{
  return change (self, uuid, TRUE, "acknowledge", NULL, acknowledge_cb, (gpointer) reaction, error);
}

typedef struct { const char *author, *text; } AddendumData;

static gboolean
addendum_cb (LbStore *self, gint64 id, gpointer data, GError **error)
{
  AddendumData *a = data;
  g_autofree char *now = lb_timestamp_now ();
  g_autofree char *uuid = lb_uuid_new ();
  return run (self, id, "INSERT INTO addendum (observation_id, uuid, author, created_at, text) "
              "VALUES (?1, ?2, ?3, ?4, ?5)", error, 4, uuid, a->author, now, a->text);
}

gboolean
lb_store_add_addendum (LbStore *self, const char *uuid, const char *author, const char *text, GError **error)
{
  if (author == NULL || *author == '\0' || text == NULL || *text == '\0')
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("An addendum needs an author and a text")), FALSE;
  AddendumData a = { author, text };
  return change (self, uuid, TRUE, "addendum", NULL, addendum_cb, &a, error);
}

/* ---- deleting drafts (with undo) ---- */

static gboolean
soft_delete (LbStore *self, const char *uuid, gboolean deleted, GError **error)
{
  if (!lb_store_begin (self, error))
    return FALSE;
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self, deleted
    ? "UPDATE observation SET deleted_at = ?2 WHERE uuid = ?1 AND status = 'draft' AND deleted_at IS NULL"
    : "UPDATE observation SET deleted_at = NULL WHERE uuid = ?1 AND deleted_at IS NOT NULL", error);
  if (stmt == NULL)
    return lb_store_rollback (self), FALSE;
  g_autofree char *now = lb_timestamp_now ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (deleted)
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!lb_store_step_done (self, stmt, error))
    return lb_store_rollback (self), FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, LB_ERROR, deleted ? LB_ERROR_FINAL : LB_ERROR_NOT_FOUND,
                   deleted ? _("Only a draft can be deleted; a final observation stays") :
                             _("There is nothing to restore"));
      return lb_store_rollback (self), FALSE;
    }
  if (!lb_store_audit_log (self, uuid, deleted ? "delete" : "undelete", NULL, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), FALSE;
  return TRUE;
}

gboolean
lb_store_delete_draft (LbStore *self, const char *uuid, GError **error)
{
  return soft_delete (self, uuid, TRUE, error);
}

gboolean
lb_store_undelete_draft (LbStore *self, const char *uuid, GError **error)
{
  return soft_delete (self, uuid, FALSE, error);
}
