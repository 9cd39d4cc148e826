/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* Moving observations in and out: export, import (all or nothing,
 * idempotent, conflict-refusing), verification of final observations,
 * and erasure of a person. */

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

GPtrArray *
lb_store_verify (LbStore *self, guint *n_checked, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) qc = lb_store_prepare (self, "PRAGMA quick_check", error);
  if (qc == NULL)
    return NULL;
  if (sqlite3_step (qc) != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (qc, 0), "ok") != 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_CORRUPT,
                   _("The database is damaged; restore a backup with “lesbezoek restore”"));
      return NULL;
    }
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT uuid, content_hash FROM observation WHERE status = 'final' ORDER BY date, uuid", error);
  if (st == NULL)
    return NULL;
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (st, 0);
      const char *stored = (const char *) sqlite3_column_text (st, 1);
      g_autoptr(LbObservation) obs = lb_store_load (self, uuid, NULL);
      g_autofree char *hash = obs ? lb_observation_compute_hash (obs) : NULL;
      n++;
      if (g_strcmp0 (hash, stored) != 0)
        g_ptr_array_add (bad, g_strdup (uuid));
    }
  if (n_checked)
    *n_checked = n;
  return g_steal_pointer (&bad);
}

/* ---- export ---- */

static gboolean
add_person_once (LbExchange *ex, GHashTable *seen, LbStore *self, const char *uuid, GError **error)
{
  if (g_hash_table_contains (seen, uuid))
    return TRUE;
  LbPerson *p = lb_store_find_person (self, uuid, error);
  if (p == NULL)
    return FALSE;
  g_hash_table_add (seen, g_strdup (uuid));
  g_ptr_array_add (ex->people, p);
  return TRUE;
}

/* A starter's goals travel with an export of that starter, or of
 * everything; never with a single observation, which may go to someone
 * who has no business with the whole development plan. */
static gboolean
export_goals (LbStore *self, LbExchange *ex, GHashTable *people, const char *person_uuid, GError **error)
{
  g_autoptr(GPtrArray) goals = lb_store_list_goals (self, person_uuid, FALSE, error);
  if (goals == NULL)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      LbGoal *goal = goals->pdata[i];
      if (!add_person_once (ex, people, self, goal->person_uuid, error))
        return FALSE;
      g_ptr_array_add (ex->goals, lb_goal_copy (goal));
    }
  return TRUE;
}

LbExchange *
lb_store_export (LbStore *self, const char *person_uuid, const char *observation_uuid,
                 gboolean with_instruments, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT o.uuid FROM observation o JOIN person s ON s.id = o.starter_id "
    "JOIN person b ON b.id = o.observer_id WHERE o.deleted_at IS NULL "
    "AND (?1 IS NULL OR s.uuid = ?1 OR b.uuid = ?1) AND (?2 IS NULL OR o.uuid = ?2) "
    "ORDER BY o.date, o.start_time, o.uuid", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, person_uuid);
  lb_store_bind_text (st, 2, observation_uuid);
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (person_uuid && !add_person_once (ex, people, self, person_uuid, error))
    return NULL;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbObservation *obs = lb_store_load (self, (const char *) sqlite3_column_text (st, 0), error);
      if (obs == NULL)
        return NULL;
      g_ptr_array_add (ex->observations, obs);
      if (!add_person_once (ex, people, self, obs->starter->uuid, error) ||
          !add_person_once (ex, people, self, obs->observer->uuid, error))
        return NULL;
      if (with_instruments && !g_hash_table_contains (instruments, obs->instrument_sha256))
        {
          GBytes *bytes = lb_store_get_instrument_bytes (self, obs->instrument_sha256, error);
          if (bytes == NULL)
            return NULL;
          g_hash_table_add (instruments, g_strdup (obs->instrument_sha256));
          g_ptr_array_add (ex->instruments, bytes);
        }
    }
  if (observation_uuid && ex->observations->len == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No observation with id %s"), observation_uuid);
      return NULL;
    }
  if (observation_uuid == NULL && !export_goals (self, ex, people, person_uuid, error))
    return NULL;
  return g_steal_pointer (&ex);
}

/* ---- import ---- */

static gboolean
import_person (LbStore *self, LbPerson *p, LbImportReport *report, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "INSERT OR IGNORE INTO person (uuid, name, is_starter, role, school, board, induction_start, "
    "induction_year, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?9)", error);
  if (st == NULL)
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  lb_store_bind_text (st, 1, p->uuid);
  lb_store_bind_text (st, 2, p->name);
  sqlite3_bind_int (st, 3, p->is_starter);
  sqlite3_bind_text (st, 4, lb_role_to_string (p->is_starter ? LB_ROLE_STARTER : p->role), -1, SQLITE_STATIC);
  lb_store_bind_text (st, 5, p->school);
  lb_store_bind_text (st, 6, p->board);
  lb_store_bind_text (st, 7, p->induction_start);
  if (p->is_starter && p->induction_year > 0)
    sqlite3_bind_int (st, 8, p->induction_year);
  sqlite3_bind_text (st, 9, now, -1, SQLITE_TRANSIENT);
  if (!lb_store_step_done (self, st, error))
    return FALSE;
  report->people += sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
import_instrument (LbStore *self, GBytes *bytes, LbImportReport *report, GError **error)
{
  g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, _("instrument in the import file"), NULL, error);
  if (inst == NULL)
    return FALSE;
  if (!lb_store_keep_instrument (self, inst, error))
    return FALSE;
  report->instruments += sqlite3_changes (self->db);
  return TRUE;
}

/* The instrument must be known: from the file, from the database, or the
 * embedded default. An observation without its instrument is unreadable. */
static gboolean
ensure_instrument (LbStore *self, const char *sha256, GError **error)
{
  g_autoptr(GBytes) have = lb_store_get_instrument_bytes (self, sha256, NULL);
  if (have)
    return TRUE;
  g_autoptr(LbInstrument) def = lb_instrument_load_default (NULL);
  if (def && g_strcmp0 (lb_instrument_get_sha256 (def), sha256) == 0)
    return lb_store_keep_instrument (self, def, error);
  g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
               _("The instrument of an observation (SHA-256 %.12s…) is neither in the file nor on "
                 "this device; export it again with its instruments"), sha256);
  return FALSE;
}

typedef struct {
  gboolean exists;
  gboolean final;
  int      revision;
  char    *updated_at;
  char    *hash;
} Existing;

static gboolean
find_existing (LbStore *self, const char *uuid, Existing *e, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT status, revision, updated_at, content_hash FROM observation WHERE uuid = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  memset (e, 0, sizeof *e);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      e->exists = TRUE;
      e->final = g_strcmp0 ((const char *) sqlite3_column_text (st, 0), "final") == 0;
      e->revision = sqlite3_column_int (st, 1);
      e->updated_at = lb_store_column_dup (st, 2);
      e->hash = lb_store_column_dup (st, 3);
    }
  return TRUE;
}

gboolean lb_store_insert_full (LbStore *self, LbObservation *o, GError **error);

static gboolean
remove_draft (LbStore *self, const char *uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "DELETE FROM observation WHERE uuid = ? AND status = 'draft'", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  return lb_store_step_done (self, st, error);
}

static gboolean
merge_step (LbStore *self, sqlite3_stmt *st, gboolean *changed, GError **error)
{
  if (!lb_store_step_done (self, st, error))
    return FALSE;
  *changed = *changed || sqlite3_changes (self->db) > 0;
  sqlite3_reset (st);
  return TRUE;
}

/* A final observation never changes, but what may follow it travels too:
 * the starter's acknowledgement, given on their own tablet, and addenda.
 * Both are only added, never changed: an acknowledgement already given
 * here stays, and an addendum is known by its uuid. Counted as replaced
 * when something was added, so a second import changes nothing. */
static gboolean
merge_afterwards (LbStore *self, LbObservation *o, const char *filename, LbImportReport *report,
                  GError **error)
{
  gint64 id = lb_store_observation_id (self, o->uuid, FALSE, error);
  if (id < 0)
    return FALSE;
  g_autoptr(sqlite3_stmt) ack = lb_store_prepare (self,
    "UPDATE observation SET acknowledged_at = ?2, reaction = ?3 WHERE id = ?1 AND acknowledged_at IS NULL",
    error);
  g_autoptr(sqlite3_stmt) add = ack == NULL ? NULL : lb_store_prepare (self,
    "INSERT OR IGNORE INTO addendum (observation_id, uuid, author, created_at, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    error);
  g_autoptr(sqlite3_stmt) touch = add == NULL ? NULL : lb_store_prepare (self,
    "UPDATE observation SET revision = max (revision, ?2), "
    "updated_at = max (updated_at, ifnull (?3, updated_at)) WHERE id = ?1",
    error);
  gboolean changed = FALSE;
  if (touch == NULL)
    return FALSE;
  sqlite3_bind_int64 (ack, 1, id);
  lb_store_bind_text (ack, 2, o->acknowledged_at);
  lb_store_bind_text (ack, 3, o->reaction);
  if (o->acknowledged_at && !merge_step (self, ack, &changed, error))
    return FALSE;
  for (guint i = 0; i < o->addenda->len; i++)
    {
      LbAddendum *a = o->addenda->pdata[i];
      const char *v[] = { a->uuid, a->author, a->created_at, a->text };
      sqlite3_bind_int64 (add, 1, id);
      for (guint k = 0; k < G_N_ELEMENTS (v); k++)
        lb_store_bind_text (add, (int) k + 2, v[k]);
      if (!merge_step (self, add, &changed, error))
        return FALSE;
    }
  if (!changed)
    return report->unchanged++, TRUE;
  sqlite3_bind_int64 (touch, 1, id);
  sqlite3_bind_int (touch, 2, o->revision);
  lb_store_bind_text (touch, 3, o->updated_at);
  report->replaced++;
  return merge_step (self, touch, &changed, error) &&
         lb_store_audit_log (self, o->uuid, "import-afterwards", filename, error);
}

static gboolean
import_observation (LbStore *self, LbObservation *o, const char *filename,
                    LbImportReport *report, GError **error)
{
  Existing e;
  if (o->status == LB_STATUS_FINAL)
    {
      g_autofree char *hash = lb_observation_compute_hash (o);
      if (g_strcmp0 (hash, o->content_hash) != 0)
        return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                            _("%s: observation %s does not match its content hash; the file was "
                              "changed after it was finalized"), filename, o->uuid), FALSE;
    }
  if (!find_existing (self, o->uuid, &e, error) || !ensure_instrument (self, o->instrument_sha256, error))
    return FALSE;
  g_autofree char *updated = e.updated_at, *hash = e.hash;
  if (e.exists && e.final)
    {
      if (o->status == LB_STATUS_FINAL && g_strcmp0 (hash, o->content_hash) == 0)
        return merge_afterwards (self, o, filename, report, error);
      if (o->status == LB_STATUS_DRAFT)
        return report->unchanged++, TRUE;   /* the final one here is newer */
      return g_set_error (error, LB_ERROR, LB_ERROR_CONFLICT,
                          _("%s: observation %s (%s, %s) is final here with different content; "
                            "nothing from this file was imported"),
                          filename, o->uuid, o->starter ? o->starter->name : "?", o->date), FALSE;
    }
  if (e.exists)
    {
      gboolean newer = o->status == LB_STATUS_FINAL || g_strcmp0 (o->updated_at, updated) > 0 ||
                       (g_strcmp0 (o->updated_at, updated) == 0 && o->revision > e.revision);
      if (!newer)
        return report->unchanged++, TRUE;
      if (!remove_draft (self, o->uuid, error))
        return FALSE;
      report->replaced++;
    }
  else
    report->created++;
  return lb_store_insert_full (self, o, error) &&
         lb_store_audit_log (self, o->uuid, "import", filename, error);
}

gboolean lb_store_import_goal (LbStore *self, const LbGoal *goal, LbImportReport *report, GError **error);

/* The import inside the caller's transaction: a sync applies a batch of
 * pulled observations and its feed cursor together. */
gboolean
lb_store_import_locked (LbStore *self, LbExchange *ex, const char *source, LbImportReport *report,
                        GError **error)
{
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < ex->people->len; i++)
    ok = import_person (self, ex->people->pdata[i], report, error);
  for (guint i = 0; ok && i < ex->instruments->len; i++)
    ok = import_instrument (self, ex->instruments->pdata[i], report, error);
  for (guint i = 0; ok && i < ex->observations->len; i++)
    ok = import_observation (self, ex->observations->pdata[i], source, report, error);
  for (guint i = 0; ok && i < ex->goals->len; i++)
    ok = lb_store_import_goal (self, ex->goals->pdata[i], report, error);
  return ok;
}

gboolean
lb_store_import (LbStore *self, LbExchange *ex, LbImportReport *report, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && ex, FALSE);
  LbImportReport local = { 0 };
  if (!lb_store_begin (self, error))
    return FALSE;
  gboolean ok = lb_store_import_locked (self, ex, _("the import file"), &local, error);
  if (!ok || !lb_store_commit (self, error))
    {
      lb_store_rollback (self);
      return FALSE;
    }
  if (report)
    *report = local;
  return TRUE;
}

/* ---- erasure ---- */

static gboolean
erase_rows (LbStore *self, gint64 person, guint *n_obs, GError **error)
{
  const char *steps[] = {
    "UPDATE guard SET erasing = 1",
    "UPDATE goal SET source_observation_uuid = NULL WHERE source_observation_uuid IN (SELECT uuid "
    "  FROM observation WHERE starter_id = ?1 OR observer_id = ?1)",
    "DELETE FROM audit WHERE observation_uuid IN (SELECT uuid FROM observation "
    "  WHERE starter_id = ?1 OR observer_id = ?1)",
    /* what lesbezoek sync keeps about them: flags whose reasons name the
     * person, and an account the person synced as */
    "DELETE FROM sync_observation WHERE uuid IN (SELECT uuid FROM observation "
    "  WHERE starter_id = ?1 OR observer_id = ?1)",
    "UPDATE sync_account SET person_uuid = NULL WHERE person_uuid = (SELECT uuid FROM person WHERE id = ?1)",
    "DELETE FROM observation WHERE starter_id = ?1 OR observer_id = ?1",
    "DELETE FROM audit WHERE detail = 'person ' || (SELECT uuid FROM person WHERE id = ?1)",
    /* the person's goals and the audit lines naming them; other
     * starters' goals lost their link to the erased observations above */
    "DELETE FROM audit WHERE substr (detail, 1, length ('person ' || (SELECT uuid FROM person WHERE id = ?1) "
    "  || ' goal ')) = 'person ' || (SELECT uuid FROM person WHERE id = ?1) || ' goal '",
    "DELETE FROM goal WHERE person_id = ?1",
    "DELETE FROM person WHERE id = ?1",
    "UPDATE guard SET erasing = 0",
  };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) st = lb_store_prepare (self, steps[i], error);
      if (st == NULL)
        return FALSE;
      if (sqlite3_bind_parameter_count (st) > 0)
        sqlite3_bind_int64 (st, 1, person);
      if (!lb_store_step_done (self, st, error))
        return FALSE;
      if (g_str_has_prefix (steps[i], "DELETE FROM observation"))
        *n_obs = (guint) sqlite3_changes (self->db);
    }
  return TRUE;
}

/* The right to erasure: every row about the person, then VACUUM so the
 * deleted pages do not linger in the file, and the backups, which hold
 * copies, are replaced by one made after the erasure. */
gboolean
lb_store_erase_person (LbStore *self, const char *person_uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), FALSE);
  guint n_obs = 0;
  if (!lb_store_begin (self, error))
    return FALSE;
  gint64 id = lb_store_person_id (self, person_uuid, error);
  g_autofree char *detail = NULL;
  if (id < 0 || !erase_rows (self, id, &n_obs, error))
    return lb_store_rollback (self), FALSE;
  detail = g_strdup_printf ("%u observations", n_obs);
  if (!lb_store_audit_log (self, NULL, "erase-person", detail, error) || !lb_store_commit (self, error))
    return lb_store_rollback (self), FALSE;
  if (!lb_store_exec (self, "VACUUM", error) ||
      !lb_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  g_autoptr(GPtrArray) backups = lb_store_list_backups (self->path);
  for (guint i = 0; i < backups->len; i++)
    g_remove (backups->pdata[i]);
  return lb_store_backup_daily (self, 7, error);
}
