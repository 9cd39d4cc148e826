/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* The tablet's side of a sync: what it knows of each observation's state on
 * the server (sync_observation), the change-feed cursor per server and login
 * (sync_account) and how to reach the server (sync_setting, never a
 * password). The sync state lives beside an observation, never in it: the
 * final lock's triggers stay as they are, and flagging a final observation
 * writes no byte of it. */

#include "config.h"
#include "lb-store-private.h"
#include "lb-sync-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- settings ---- */

static const char *setting_keys[] = { "server", "dbname", "user", "ca", "cert", "key" };

static char **
config_field (LbSyncConfig *cfg, guint i)
{
  char **fields[] = { &cfg->server, &cfg->dbname, &cfg->user, &cfg->ca_file, &cfg->cert_file,
                      &cfg->key_file };
  return fields[i];
}

LbSyncConfig *
lb_sync_config_load (LbStore *store, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store, "SELECT value FROM sync_setting WHERE key = ?", error);
  if (st == NULL)
    return NULL;
  g_autoptr(LbSyncConfig) cfg = lb_sync_config_new ();
  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    {
      sqlite3_bind_text (st, 1, setting_keys[i], -1, SQLITE_STATIC);
      if (sqlite3_step (st) == SQLITE_ROW)
        *config_field (cfg, i) = lb_store_column_dup (st, 0);
      sqlite3_reset (st);
    }
  return g_steal_pointer (&cfg);
}

/* Fields that are NULL are left as they were; "" removes a setting. */
gboolean
lb_sync_config_save (LbStore *store, const LbSyncConfig *cfg, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && cfg != NULL, FALSE);
  if (!lb_store_begin (store, error))
    return FALSE;
  g_autoptr(sqlite3_stmt) set = lb_store_prepare (store,
    "INSERT INTO sync_setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  g_autoptr(sqlite3_stmt) del = set ? lb_store_prepare (store, "DELETE FROM sync_setting WHERE key = ?1", error)
                                    : NULL;
  if (del == NULL)
    return lb_store_rollback (store), FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    {
      const char *value = *config_field ((LbSyncConfig *) cfg, i);
      if (value == NULL)
        continue;
      sqlite3_stmt *st = *value ? set : del;
      sqlite3_bind_text (st, 1, setting_keys[i], -1, SQLITE_STATIC);
      if (*value)
        sqlite3_bind_text (st, 2, value, -1, SQLITE_TRANSIENT);
      if (!lb_store_step_done (store, st, error))
        return lb_store_rollback (store), FALSE;
      sqlite3_reset (st);
    }
  return lb_store_commit (store, error);
}

/* ---- per observation ---- */

void
lb_sync_row_clear (LbSyncRow *row)
{
  g_clear_pointer (&row->synced_hash, g_free);
  g_clear_pointer (&row->flag, g_free);
}

gboolean
lb_store_sync_get (LbStore *store, const char *uuid, LbSyncRow *row, GError **error)
{
  memset (row, 0, sizeof *row);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT origin, server_version, synced_hash, ifnull (synced_revision, -1), flag "
    "FROM sync_observation WHERE uuid = ?", error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, uuid);
  if (sqlite3_step (st) != SQLITE_ROW)
    return TRUE;
  row->exists = TRUE;
  row->pulled = g_strcmp0 ((const char *) sqlite3_column_text (st, 0), "pulled") == 0;
  row->server_version = sqlite3_column_int (st, 1);
  row->synced_hash = lb_store_column_dup (st, 2);
  row->synced_revision = sqlite3_column_int (st, 3);
  row->flag = lb_store_column_dup (st, 4);
  return TRUE;
}

/* Both sides agree on this content now: clears any flag. */
static gboolean
record (LbStore *store, const char *uuid, const char *origin, int server_version, const char *hash,
        int revision, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "INSERT INTO sync_observation (uuid, origin, server_version, synced_hash, synced_revision, updated_at) "
    "VALUES (?1, ifnull (?2, 'local'), ?3, ?4, ?5, ?6) ON CONFLICT (uuid) DO UPDATE SET "
    "origin = ifnull (?2, origin), server_version = ?3, synced_hash = ?4, synced_revision = ?5, "
    "flag = NULL, reason = NULL, flagged_at = NULL, updated_at = ?6", error);
  if (st == NULL)
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  lb_store_bind_text (st, 1, uuid);
  lb_store_bind_text (st, 2, origin);
  sqlite3_bind_int (st, 3, server_version);
  lb_store_bind_text (st, 4, hash);
  sqlite3_bind_int (st, 5, revision);
  lb_store_bind_text (st, 6, now);
  return lb_store_step_done (store, st, error);
}

void
lb_sync_record_free (LbSyncRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->uuid);
  g_free (record->hash);
  g_free (record);
}

gboolean
lb_store_sync_record_all (LbStore *store, GPtrArray *records, GError **error)
{
  if (records->len == 0)
    return TRUE;
  if (!lb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      LbSyncRecord *r = records->pdata[i];
      if (!record (store, r->uuid, NULL, r->server_version, r->hash, r->revision, error))
        return lb_store_rollback (store), FALSE;
    }
  return lb_store_commit (store, error);
}

gboolean
lb_store_sync_flag (LbStore *store, const char *uuid, const char *flag, const char *reason,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "INSERT INTO sync_observation (uuid, flag, reason, flagged_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) "
    "ON CONFLICT (uuid) DO UPDATE SET flag = ?2, reason = ?3, flagged_at = ?4, updated_at = ?4", error);
  if (st == NULL)
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  lb_store_bind_text (st, 1, uuid);
  lb_store_bind_text (st, 2, flag);
  lb_store_bind_text (st, 3, reason);
  lb_store_bind_text (st, 4, now);
  return lb_store_step_done (store, st, error);
}

/* ---- per account ---- */

gboolean
lb_store_sync_account (LbStore *store, const char *server, const char *login, gint64 *feed_seq,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) add = lb_store_prepare (store,
    "INSERT OR IGNORE INTO sync_account (server, login) VALUES (?, ?)", error);
  if (add == NULL)
    return FALSE;
  lb_store_bind_text (add, 1, server);
  lb_store_bind_text (add, 2, login);
  if (!lb_store_step_done (store, add, error))
    return FALSE;
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT feed_seq FROM sync_account WHERE server = ? AND login = ?", error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, server);
  lb_store_bind_text (st, 2, login);
  *feed_seq = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  return TRUE;
}

static gboolean
account_update (LbStore *store, const char *sql, const char *server, const char *login,
                const char *value, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, server);
  lb_store_bind_text (st, 2, login);
  lb_store_bind_text (st, 3, value);
  return lb_store_step_done (store, st, error);
}

gboolean
lb_store_sync_set_person (LbStore *store, const char *server, const char *login,
                          const char *person_uuid, GError **error)
{
  return account_update (store, "UPDATE sync_account SET person_uuid = ?3 WHERE server = ?1 AND login = ?2",
                         server, login, person_uuid, error);
}

gboolean
lb_store_sync_finished (LbStore *store, const char *server, const char *login, GError **error)
{
  g_autofree char *now = lb_timestamp_now ();
  return account_update (store, "UPDATE sync_account SET last_sync = ?3 WHERE server = ?1 AND login = ?2",
                         server, login, now, error);
}

static GPtrArray *
column_list (LbStore *store, const char *sql, const char *param, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store, sql, error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, param);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (list, lb_store_column_dup (st, 0));
  return list;
}

#define PENDING_SQL \
  "FROM observation o JOIN person b ON b.id = o.observer_id " \
  "LEFT JOIN sync_observation s ON s.uuid = o.uuid " \
  "WHERE o.deleted_at IS NULL AND (?1 IS NULL OR b.uuid = ?1) " \
  "AND (?1 IS NOT NULL OR s.origin IS NOT 'pulled') " \
  "AND (s.uuid IS NULL OR s.synced_revision IS NOT o.revision OR s.flag IN ('revoked', 'unknown')) " \
  "AND (s.flag IS NULL OR s.flag NOT IN ('refused', 'conflict')) "

GPtrArray *
lb_store_sync_pending (LbStore *store, const char *person_uuid, GError **error)
{
  return column_list (store, "SELECT o.uuid " PENDING_SQL "ORDER BY o.date, o.created_at, o.uuid",
                      person_uuid, error);
}

GPtrArray *
lb_store_sync_pulled_of_others (LbStore *store, const char *person_uuid, GError **error)
{
  return column_list (store,
    "SELECT s.uuid FROM sync_observation s JOIN observation o ON o.uuid = s.uuid "
    "JOIN person b ON b.id = o.observer_id WHERE s.origin = 'pulled' AND b.uuid IS NOT ?1 "
    "ORDER BY s.uuid", person_uuid, error);
}

/* ---- pulling ---- */

void
lb_sync_pulled_free (LbSyncPulled *pulled)
{
  if (pulled == NULL)
    return;
  g_free (pulled->uuid);
  g_clear_pointer (&pulled->obs, lb_observation_unref);
  g_free (pulled);
}

typedef struct {
  gboolean exists, final;
  int      revision;
  char    *hash;      /* of its canonical content, now */
} Local;

static gboolean
read_local (LbStore *store, const char *uuid, Local *local, GError **error)
{
  memset (local, 0, sizeof *local);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT status, revision FROM observation WHERE uuid = ?", error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, uuid);
  if (sqlite3_step (st) != SQLITE_ROW)
    return TRUE;
  local->exists = TRUE;
  local->final = g_strcmp0 ((const char *) sqlite3_column_text (st, 0), "final") == 0;
  local->revision = sqlite3_column_int (st, 1);
  g_autoptr(LbObservation) obs = lb_store_load (store, uuid, error);
  if (obs == NULL)
    return FALSE;
  local->hash = lb_observation_compute_hash (obs);
  return TRUE;
}

static gboolean
flag_issue (LbStore *store, LbSyncReport *report, const char *uuid, const char *flag,
            LbSyncIssueKind kind, const char *reason, GError **error)
{
  lb_sync_report_add_issue (report, uuid, kind, reason);
  return lb_store_sync_flag (store, uuid, flag, reason, error);
}

static gboolean
run (LbStore *store, const char *sql, const char *param, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, param);
  return lb_store_step_done (store, st, error);
}

static gboolean
insert_pulled (LbStore *store, LbSyncPulled *p, const char *hash, gboolean was_here, LbSyncReport *report,
               GError **error)
{
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_ptr_array_add (ex->observations, lb_observation_ref (p->obs));
  LbImportReport imported = { 0 };
  g_autoptr(GError) local_error = NULL;
  if (!run (store, "SAVEPOINT pull_one", NULL, error))
    return FALSE;
  if (!lb_store_import_locked (store, ex, _("the shared dossier"), &imported, &local_error))
    {
      /* One unreadable observation (an instrument this tablet lacks) must
       * not stop the rest of the dossier. */
      if (!run (store, "ROLLBACK TO pull_one", NULL, error) || !run (store, "RELEASE pull_one", NULL, error))
        return FALSE;
      g_autofree char *reason = g_strdup_printf (_("Not brought to this tablet: %s"), local_error->message);
      lb_sync_report_add_issue (report, p->uuid, LB_SYNC_ISSUE_UNKNOWN, reason);
      return TRUE;
    }
  Local now;
  if (!run (store, "RELEASE pull_one", NULL, error) || !read_local (store, p->uuid, &now, error))
    return FALSE;
  g_free (now.hash);
  report->pulled++;
  return record (store, p->uuid, was_here ? NULL : "pulled", p->version, hash, now.revision, error);
}

/* Nothing on the tablet is lost: a final here stays as it is, and a draft
 * changed here since the last sync is kept and flagged, never replaced. */
static gboolean
apply_one (LbStore *store, LbSyncPulled *p, LbSyncReport *report, GError **error)
{
  g_auto(LbSyncRow) r = { 0 };
  Local local;
  if (!lb_store_sync_get (store, p->uuid, &r, error))
    return FALSE;
  /* Already here, or already waiting for a person: nothing new to say. */
  if (r.exists && (r.server_version >= p->version || g_strcmp0 (r.flag, "refused") == 0 ||
                   g_strcmp0 (r.flag, "conflict") == 0))
    return TRUE;
  if (!read_local (store, p->uuid, &local, error))
    return FALSE;
  g_autofree char *local_hash = local.hash;
  g_autofree char *hash = lb_observation_compute_hash (p->obs);
  if (local.exists && g_strcmp0 (local_hash, hash) == 0 &&
      (local.final || p->obs->status == LB_STATUS_DRAFT))
    return record (store, p->uuid, NULL, p->version, hash, local.revision, error);
  if (local.exists && local.final)
    {
      report->refused++;
      return flag_issue (store, report, p->uuid, "refused", LB_SYNC_ISSUE_REFUSED,
                         _("This observation is final on this tablet, but the shared dossier holds other "
                           "content under the same id. Nothing was changed; ask the board's administrator "
                           "which one is right."), error);
    }
  if (local.exists && !(r.exists && r.synced_revision == local.revision))
    {
      report->conflicts++;
      return flag_issue (store, report, p->uuid, "conflict", LB_SYNC_ISSUE_CONFLICT,
                         _("This draft was changed on this tablet and elsewhere. Both versions were kept; "
                           "decide which one counts before the next sync."), error);
    }
  if (local.exists && !run (store, "DELETE FROM observation WHERE uuid = ?1 AND status = 'draft'", p->uuid, error))
    return FALSE;
  return insert_pulled (store, p, hash, local.exists, report, error);
}

/* ---- resolving (lb-sync-resolve.c) ---- */

static gboolean run_texts (LbStore *store, const char *sql, gboolean *changed, GError **error, guint n, ...);
static gboolean apply_additions (LbStore *store, LbSyncAdditions *extra, LbSyncReport *report, GError **error);

/* Keep mine: a person chose this tablet's draft over the server's version
 * @server_version; the next push updates that version (not the one this
 * tablet last saw, which the server calls stale). Only a conflict. */
gboolean
lb_store_sync_rebase (LbStore *store, const char *uuid, int server_version, const char *server_hash,
                      GError **error)
{
  if (!lb_store_begin (store, error))
    return FALSE;
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "UPDATE sync_observation SET server_version = ?2, synced_hash = ?3, synced_revision = NULL, "
    "flag = NULL, reason = NULL, flagged_at = NULL, updated_at = ?4 WHERE uuid = ?1 AND flag = 'conflict'",
    error);
  if (st == NULL)
    return lb_store_rollback (store), FALSE;
  g_autofree char *now = lb_timestamp_now ();
  lb_store_bind_text (st, 1, uuid);
  sqlite3_bind_int (st, 2, server_version);
  lb_store_bind_text (st, 3, server_hash);
  lb_store_bind_text (st, 4, now);
  if (!lb_store_step_done (store, st, error) ||
      !lb_store_audit_log (store, uuid, "sync-resolved", "keep-mine", error))
    return lb_store_rollback (store), FALSE;
  return lb_store_commit (store, error);
}

/* The local copy moves aside: under @new_uuid (a draft, kept both), or out
 * of the store (the caller saved it to a file first; a final needs the
 * erasure guard, as lb_store_sync_remove). */
static gboolean
move_local_aside (LbStore *store, const char *uuid, const char *new_uuid, GError **error)
{
  if (new_uuid == NULL)
    return run (store, "UPDATE guard SET erasing = 1", NULL, error) &&
           run (store, "DELETE FROM observation WHERE uuid = ?1", uuid, error) &&
           run (store, "UPDATE guard SET erasing = 0", NULL, error);
  gboolean changed;
  if (!run_texts (store, "UPDATE observation SET uuid = ?2 WHERE uuid = ?1 AND status = 'draft'", &changed,
                  error, 2, uuid, new_uuid))
    return FALSE;
  if (!changed)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FINAL,
                   _("Observation %s is final on this tablet: a final observation keeps its id."), uuid);
      return FALSE;
    }
  return run_texts (store, "UPDATE goal SET source_observation_uuid = ?2 WHERE source_observation_uuid = ?1",
                    &changed, error, 2, uuid, new_uuid) &&
         lb_store_audit_log (store, new_uuid, "sync-kept-both", uuid, error);
}

/* Take theirs / keep both: the server's version takes the local copy's
 * place under its uuid, with its addenda and acknowledgement (@extra: a
 * pull brought them once, onto the copy that moved aside), and both sides
 * agree on it again. */
gboolean
lb_store_sync_replace (LbStore *store, LbObservation *theirs, int version, const char *new_uuid,
                       LbSyncAdditions *extra, GError **error)
{
  if (!lb_store_begin (store, error))
    return FALSE;
  if (!move_local_aside (store, theirs->uuid, new_uuid, error))
    return lb_store_rollback (store), FALSE;
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_ptr_array_add (ex->observations, lb_observation_ref (theirs));
  LbImportReport imported = { 0 };
  LbSyncReport counted = { 0 };   /* a resolution reports no counts */
  Local now;
  if (!lb_store_import_locked (store, ex, _("the shared dossier"), &imported, error) ||
      (extra && !apply_additions (store, extra, &counted, error)) ||
      !read_local (store, theirs->uuid, &now, error))
    return lb_store_rollback (store), FALSE;
  g_free (now.hash);
  g_autofree char *hash = lb_observation_compute_hash (theirs);
  if (!record (store, theirs->uuid, NULL, version, hash, now.revision, error) ||
      !lb_store_audit_log (store, theirs->uuid, "sync-resolved", new_uuid ? "keep-both" : "take-theirs",
                           error))
    return lb_store_rollback (store), FALSE;
  return lb_store_commit (store, error);
}

/* ---- addenda and acknowledgements ---- */

void
lb_sync_addendum_free (LbSyncAddendum *a)
{
  if (a == NULL)
    return;
  g_free (a->uuid);
  g_free (a->observation);
  g_free (a->author);
  g_free (a->created_at);
  g_free (a->text);
  g_free (a);
}

void
lb_sync_ack_free (LbSyncAck *a)
{
  if (a == NULL)
    return;
  g_free (a->observation);
  g_free (a->acknowledged_at);
  g_free (a->reaction);
  g_free (a);
}

LbSyncAdditions *
lb_sync_additions_new (void)
{
  LbSyncAdditions *extra = g_new0 (LbSyncAdditions, 1);
  extra->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_addendum_free);
  extra->acks = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_ack_free);
  return extra;
}

void
lb_sync_additions_free (LbSyncAdditions *extra)
{
  if (extra == NULL)
    return;
  g_ptr_array_unref (extra->addenda);
  g_ptr_array_unref (extra->acks);
  g_free (extra);
}

/* Only what hangs on an observation the server has (and has not refused):
 * the server takes an addendum or acknowledgement of nothing else. */
#define ON_SERVER \
  "JOIN sync_observation s ON s.uuid = o.uuid AND s.server_version > 0 " \
  "AND (s.flag IS NULL OR s.flag NOT IN ('refused', 'conflict')) " \
  "WHERE o.status = 'final' AND o.deleted_at IS NULL "

GPtrArray *
lb_store_sync_own_addenda (LbStore *store, const char *me, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT a.uuid, o.uuid, a.author, a.created_at, a.text FROM addendum a "
    "JOIN observation o ON o.id = a.observation_id JOIN person b ON b.id = o.observer_id " ON_SERVER
    "AND b.uuid = ?1 ORDER BY a.created_at, a.uuid", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, me);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_addendum_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbSyncAddendum *a = g_new0 (LbSyncAddendum, 1);
      a->uuid = lb_store_column_dup (st, 0);
      a->observation = lb_store_column_dup (st, 1);
      a->author = lb_store_column_dup (st, 2);
      a->created_at = lb_store_column_dup (st, 3);
      a->text = lb_store_column_dup (st, 4);
      g_ptr_array_add (list, a);
    }
  return list;
}

GPtrArray *
lb_store_sync_own_acks (LbStore *store, const char *me, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT o.uuid, o.acknowledged_at, o.reaction FROM observation o "
    "JOIN person p ON p.id = o.starter_id " ON_SERVER
    "AND p.uuid = ?1 AND o.acknowledged_at IS NOT NULL ORDER BY o.acknowledged_at, o.uuid", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, me);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_ack_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbSyncAck *a = g_new0 (LbSyncAck, 1);
      a->observation = lb_store_column_dup (st, 0);
      a->acknowledged_at = lb_store_column_dup (st, 1);
      a->reaction = lb_store_column_dup (st, 2);
      g_ptr_array_add (list, a);
    }
  return list;
}

/* Runs a statement of text parameters; *changed: did it change a row. */
static gboolean
run_texts (LbStore *store, const char *sql, gboolean *changed, GError **error, guint n, ...)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store, sql, error);
  if (st == NULL)
    return FALSE;
  va_list args;
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    lb_store_bind_text (st, (int) i + 1, va_arg (args, const char *));
  va_end (args);
  if (!lb_store_step_done (store, st, error))
    return FALSE;
  *changed = sqlite3_changes (store->db) > 0;
  return TRUE;
}

/* Added beside the final observation, never into it: the final lock lets
 * an addendum in and an acknowledgement be given once, and the revision
 * stays, so nothing here is pushed back as a change of the observation.
 * The server lets only an observation's observer add to it; an addendum
 * is taken only when that holds here too, under the observer's name as
 * this tablet shows it. */
static gboolean
apply_additions (LbStore *store, LbSyncAdditions *extra, LbSyncReport *report, GError **error)
{
  gboolean changed = FALSE;
  for (guint i = 0; i < extra->addenda->len; i++)
    {
      LbSyncAddendum *a = extra->addenda->pdata[i];
      if (!run_texts (store,
                      "INSERT OR IGNORE INTO addendum (observation_id, uuid, author, created_at, text) "
                      "SELECT o.id, ?2, o.observer_name, ?4, ?5 FROM observation o "
                      "JOIN person b ON b.id = o.observer_id WHERE o.uuid = ?1 AND b.uuid = ?3 "
                      "AND o.status = 'final' AND o.deleted_at IS NULL", &changed, error, 5,
                      a->observation, a->uuid, a->author, a->created_at, a->text) ||
          (changed && !lb_store_audit_log (store, a->observation, "sync-addendum", a->uuid, error)))
        return FALSE;
      report->additions_received += changed;
    }
  for (guint i = 0; i < extra->acks->len; i++)
    {
      LbSyncAck *a = extra->acks->pdata[i];
      if (!run_texts (store,
                      "UPDATE observation SET acknowledged_at = ?2, reaction = ?3 WHERE uuid = ?1 "
                      "AND status = 'final' AND acknowledged_at IS NULL", &changed, error, 3,
                      a->observation, a->acknowledged_at, a->reaction) ||
          (changed && !lb_store_audit_log (store, a->observation, "sync-acknowledged", NULL, error)))
        return FALSE;
      report->additions_received += changed;
    }
  return TRUE;
}

gboolean
lb_store_sync_apply_with (LbStore *store, const char *server, const char *login, GPtrArray *pulled,
                          LbSyncAdditions *extra, gint64 feed_seq, LbSyncReport *report, GError **error)
{
  if (!lb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < pulled->len; i++)
    if (!apply_one (store, pulled->pdata[i], report, error))
      return lb_store_rollback (store), FALSE;
  if (extra && !apply_additions (store, extra, report, error))
    return lb_store_rollback (store), FALSE;
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "UPDATE sync_account SET feed_seq = ?3 WHERE server = ?1 AND login = ?2", error);
  if (st == NULL)
    return lb_store_rollback (store), FALSE;
  lb_store_bind_text (st, 1, server);
  lb_store_bind_text (st, 2, login);
  sqlite3_bind_int64 (st, 3, feed_seq);
  if (!lb_store_step_done (store, st, error))
    return lb_store_rollback (store), FALSE;
  return lb_store_commit (store, error);
}

gboolean
lb_store_sync_apply (LbStore *store, const char *server, const char *login, GPtrArray *pulled,
                     gint64 feed_seq, LbSyncReport *report, GError **error)
{
  return lb_store_sync_apply_with (store, server, login, pulled, NULL, feed_seq, report, error);
}

/* The final lock lets only an erasure remove a final observation; this is
 * one, of a copy that was never this user's. */
gboolean
lb_store_sync_remove (LbStore *store, GPtrArray *uuids, GError **error)
{
  if (uuids->len == 0)
    return TRUE;
  if (!lb_store_begin (store, error) || !run (store, "UPDATE guard SET erasing = 1", NULL, error))
    return lb_store_rollback (store), FALSE;
  for (guint i = 0; i < uuids->len; i++)
    if (!run (store, "UPDATE goal SET source_observation_uuid = NULL WHERE source_observation_uuid = ?1",
              uuids->pdata[i], error) ||
        !run (store, "DELETE FROM observation WHERE uuid = ?1", uuids->pdata[i], error) ||
        !run (store, "DELETE FROM sync_observation WHERE uuid = ?1", uuids->pdata[i], error) ||
        !lb_store_audit_log (store, uuids->pdata[i], "sync-removed", NULL, error))
      return lb_store_rollback (store), FALSE;
  if (!run (store, "UPDATE guard SET erasing = 0", NULL, error))
    return lb_store_rollback (store), FALSE;
  return lb_store_commit (store, error);
}

/* ---- status ---- */

gboolean
lb_store_get_sync_state (LbStore *store, LbSyncState *state, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && state != NULL, FALSE);
  memset (state, 0, sizeof *state);
  g_autoptr(sqlite3_stmt) acc = lb_store_prepare (store,
    "SELECT last_sync, person_uuid FROM sync_account WHERE last_sync IS NOT NULL "
    "ORDER BY last_sync DESC LIMIT 1", error);
  if (acc == NULL)
    return FALSE;
  if (sqlite3_step (acc) == SQLITE_ROW)
    {
      state->last_sync = lb_store_column_dup (acc, 0);
      state->person_uuid = lb_store_column_dup (acc, 1);
    }
  g_autoptr(sqlite3_stmt) waiting = lb_store_prepare (store, "SELECT count(*) " PENDING_SQL, error);
  g_autoptr(sqlite3_stmt) flagged = waiting == NULL ? NULL : lb_store_prepare (store,
    "SELECT count(*) FROM sync_observation WHERE flag IS NOT NULL", error);
  if (flagged == NULL)
    return lb_sync_state_clear (state), FALSE;
  lb_store_bind_text (waiting, 1, state->person_uuid);
  if (sqlite3_step (waiting) == SQLITE_ROW)
    state->waiting = (guint) sqlite3_column_int (waiting, 0);
  if (sqlite3_step (flagged) == SQLITE_ROW)
    state->flagged = (guint) sqlite3_column_int (flagged, 0);
  return TRUE;
}

static LbSyncIssueKind
issue_kind (const char *flag)
{
  if (g_strcmp0 (flag, "refused") == 0)
    return LB_SYNC_ISSUE_REFUSED;
  if (g_strcmp0 (flag, "conflict") == 0)
    return LB_SYNC_ISSUE_CONFLICT;
  if (g_strcmp0 (flag, "revoked") == 0)
    return LB_SYNC_ISSUE_REVOKED;
  return LB_SYNC_ISSUE_UNKNOWN;
}

GPtrArray *
lb_store_list_sync_issues (LbStore *store, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (store,
    "SELECT uuid, flag, reason FROM sync_observation WHERE flag IS NOT NULL ORDER BY flagged_at, uuid", error);
  if (st == NULL)
    return NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_issue_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbSyncIssue *issue = g_new0 (LbSyncIssue, 1);
      issue->uuid = lb_store_column_dup (st, 0);
      issue->kind = issue_kind ((const char *) sqlite3_column_text (st, 1));
      issue->reason = lb_store_column_dup (st, 2);
      g_ptr_array_add (list, issue);
    }
  return list;
}
