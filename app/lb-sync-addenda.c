/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync"

/* Addenda and the starter's acknowledgement travel with the sync (server
 * step 5, see lb-sync-private.h).
 *
 * A final observation never changes, here or on the server; an observer
 * corrects it with an addendum, and the starter says "gezien" once, with a
 * reaction if they like. Both were stuck on the tablet they were written
 * on, so an assessor's correction never reached the starter's dossier on
 * another tablet. Now a push sends the addenda of the user's own final
 * observations, and the acknowledgements the user gave as a starter, that
 * the server lacks (asked once per sync, inserted with ON CONFLICT DO
 * NOTHING, so a retry after a lost answer is harmless); a pull brings in
 * those of every observation in a batch, in the batch's own local
 * transaction, so a broken-off pull resumes without skipping any. The
 * server's policies decide who may write and read them. */

#include "config.h"
#include "lb-sync-private.h"
#include "lb-sync-instruments.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* The schema step that brought lesbezoek.addendum and .acknowledgement. */
#define ADDENDA_STEP 5
#define ASK_BATCH 500

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

struct _LbSyncAddenda {
  LbSyncSession *session;
  LbStore       *store;
  char          *where;
  int            step;     /* the server's schema step; -1: not asked yet */
};

LbSyncAddenda *
lb_sync_addenda_new (LbSyncSession *session, LbStore *store, const char *where)
{
  LbSyncAddenda *sa = g_new0 (LbSyncAddenda, 1);
  sa->session = session;
  sa->store = store;
  sa->where = g_strdup (where);
  sa->step = -1;
  return sa;
}

void
lb_sync_addenda_free (LbSyncAddenda *sa)
{
  if (sa == NULL)
    return;
  g_free (sa->where);
  g_free (sa);
}

static gboolean
result_ok (PGresult *r)
{
  ExecStatusType t = PQresultStatus (r);
  return t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK;
}

static const char *
sqlstate (PGresult *r)
{
  const char *state = PQresultErrorField (r, PG_DIAG_SQLSTATE);
  return state ? state : "";
}

/* The same messages as lb-sync.c's for a statement every sync needs. */
static void
set_server_error (LbSyncAddenda *sa, PGresult *r, GError **error)
{
  const char *state = sqlstate (r);
  g_autofree char *line = g_strdelimit (g_strstrip (g_strdup (PQresultErrorMessage (r))), "\n\t", ' ');
  if (g_str_has_prefix (state, "57") || g_str_has_prefix (state, "08") || g_str_equal (state, "55P03"))
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE,
                 _("The shared dossier at %s does not answer (%s). Nothing was lost: what was not "
                   "sent stays on this tablet. Sync again when the network is back."),
                 sa->where, line);
  else
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER,
                 _("The shared dossier at %s answered with an error: %s. Ask the board's administrator."),
                 sa->where, line);
}

static PGresult *
query_ok (LbSyncAddenda *sa, GError **error, const char *sql, int n, const char * const *params)
{
  PGresult *r = lb_sync_session_query (sa->session, error, sql, n, params);
  if (r && !result_ok (r))
    {
      set_server_error (sa, r, error);
      g_clear_pointer (&r, PQclear);
    }
  return r;
}

/* Does the server keep addenda? Asked once per sync; a server before
 * step 5 syncs as it did. */
static gboolean
server_has_addenda (LbSyncAddenda *sa, gboolean *has, GError **error)
{
  if (sa->step < 0)
    {
      g_autoptr(PGresult) r = lb_sync_session_query (sa->session, error,
        "SELECT coalesce (max (version), 0) FROM lesbezoek.schema_version", 0, NULL);
      if (r == NULL)
        return FALSE;
      sa->step = result_ok (r) && PQntuples (r) == 1 ? atoi (PQgetvalue (r, 0, 0)) : 0;
    }
  *has = sa->step >= ADDENDA_STEP;
  return TRUE;
}

/* "{uuid,uuid,…}" of @n ids from @start, for $1::uuid[]; ids that are no
 * uuid (an old exchange file's) are left out rather than sent. */
static char *
uuid_array (GPtrArray *ids, guint start, guint n)
{
  GString *array = g_string_new ("{");
  for (guint i = start; i < MIN (ids->len, start + n); i++)
    if (g_uuid_string_is_valid (ids->pdata[i]))
      g_string_append_printf (array, "%s%s", array->len > 1 ? "," : "", (char *) ids->pdata[i]);
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}

/* Of @ids, those the server already has (@sql selects them from $1). */
static GHashTable *
on_server (LbSyncAddenda *sa, const char *sql, GPtrArray *ids, GError **error)
{
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint start = 0; start < ids->len; start += ASK_BATCH)
    {
      g_autofree char *array = uuid_array (ids, start, ASK_BATCH);
      const char *params[] = { array };
      g_autoptr(PGresult) r = query_ok (sa, error, sql, 1, params);
      if (r == NULL)
        return NULL;
      for (int i = 0; i < PQntuples (r); i++)
        g_hash_table_add (have, g_strdup (PQgetvalue (r, i, 0)));
    }
  return g_steal_pointer (&have);
}

/* One insert; a refusal is told to the user for that observation only. */
static gboolean
insert_one (LbSyncAddenda *sa, const char *observation, LbSyncReport *report, const char *sql, int n,
            const char * const *params, GError **error)
{
  g_autoptr(PGresult) r = lb_sync_session_query (sa->session, error, sql, n, params);
  if (r == NULL)
    return FALSE;
  if (result_ok (r))
    {
      /* 0: another tablet of the user sent it at the same moment */
      if (g_str_equal (PQcmdTuples (r), "1"))
        report->additions_sent++;
      return TRUE;
    }
  const char *state = sqlstate (r);
  if (g_str_has_prefix (state, "57") || g_str_has_prefix (state, "08"))
    return set_server_error (sa, r, error), FALSE;
  if (g_str_equal (state, "42501"))
    {
      report->revoked++;
      lb_sync_report_add_issue (report, observation, LB_SYNC_ISSUE_REVOKED,
                                _("You may no longer add to this observation in the shared dossier (the "
                                  "assignment or the role was revoked): the addendum or acknowledgement stays "
                                  "on this tablet. Ask the board's administrator."));
      return TRUE;
    }
  g_autofree char *line = g_strdelimit (g_strstrip (g_strdup (PQresultErrorMessage (r))), "\n\t", ' ');
  g_autofree char *reason = g_strdup_printf (
    _("The shared dossier refused an addendum or acknowledgement of this observation: %s"), line);
  lb_sync_report_add_issue (report, observation, LB_SYNC_ISSUE_UNKNOWN, reason);
  return TRUE;
}

static gboolean
push_addenda (LbSyncAddenda *sa, const char *me, LbSyncReport *report, GError **error)
{
  g_autoptr(GPtrArray) own = lb_store_sync_own_addenda (sa->store, me, error);
  if (own == NULL)
    return FALSE;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (ids, ((LbSyncAddendum *) own->pdata[i])->uuid);
  g_autoptr(GHashTable) have = on_server (sa,
    "SELECT uuid::text FROM lesbezoek.addendum WHERE uuid = ANY ($1::uuid[])", ids, error);
  if (have == NULL)
    return FALSE;
  for (guint i = 0; i < own->len; i++)
    {
      LbSyncAddendum *a = own->pdata[i];
      if (g_hash_table_contains (have, a->uuid) || !g_uuid_string_is_valid (a->uuid))
        continue;
      const char *params[] = { a->uuid, a->observation, me, a->text, a->created_at };
      if (!insert_one (sa, a->observation, report,
                       "INSERT INTO lesbezoek.addendum (uuid, observation, author, text, created_at) "
                       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (uuid) DO NOTHING", 5, params, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
push_acks (LbSyncAddenda *sa, const char *me, LbSyncReport *report, GError **error)
{
  g_autoptr(GPtrArray) own = lb_store_sync_own_acks (sa->store, me, error);
  if (own == NULL)
    return FALSE;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (ids, ((LbSyncAck *) own->pdata[i])->observation);
  g_autoptr(GHashTable) have = on_server (sa,
    "SELECT observation::text FROM lesbezoek.acknowledgement WHERE observation = ANY ($1::uuid[])", ids, error);
  if (have == NULL)
    return FALSE;
  for (guint i = 0; i < own->len; i++)
    {
      LbSyncAck *a = own->pdata[i];
      if (g_hash_table_contains (have, a->observation))
        continue;
      const char *params[] = { a->observation, me, a->acknowledged_at, a->reaction };
      if (!insert_one (sa, a->observation, report,
                       "INSERT INTO lesbezoek.acknowledgement (observation, starter, acknowledged_at, reaction) "
                       "VALUES ($1, $2, $3, $4) ON CONFLICT (observation) DO NOTHING", 4, params, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lb_sync_addenda_push (LbSyncAddenda *sa, const char *me, gboolean starter_role, LbSyncReport *report,
                      GError **error)
{
  gboolean has;
  if (!server_has_addenda (sa, &has, error))
    return FALSE;
  if (!has)
    return TRUE;
  return push_addenda (sa, me, report, error) && (!starter_role || push_acks (sa, me, report, error));
}

#define UTC(col) "to_char (" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

static gboolean
fetch_some (LbSyncAddenda *sa, const char *array, LbSyncAdditions *extra, GError **error)
{
  const char *params[] = { array };
  g_autoptr(PGresult) a = query_ok (sa, error,
    "SELECT a.uuid::text, a.observation::text, a.author::text, " UTC ("a.created_at") ", a.text "
    "FROM lesbezoek.addendum a WHERE a.observation = ANY ($1::uuid[]) ORDER BY a.created_at, a.uuid", 1, params);
  if (a == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (a); i++)
    {
      LbSyncAddendum *add = g_new0 (LbSyncAddendum, 1);
      add->uuid = g_strdup (PQgetvalue (a, i, 0));
      add->observation = g_strdup (PQgetvalue (a, i, 1));
      add->author = g_strdup (PQgetvalue (a, i, 2));
      add->created_at = g_strdup (PQgetvalue (a, i, 3));
      add->text = g_strdup (PQgetvalue (a, i, 4));
      g_ptr_array_add (extra->addenda, add);
    }
  g_autoptr(PGresult) k = query_ok (sa, error,
    "SELECT k.observation::text, " UTC ("k.acknowledged_at") ", k.reaction FROM lesbezoek.acknowledgement k "
    "WHERE k.observation = ANY ($1::uuid[])", 1, params);
  if (k == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (k); i++)
    {
      LbSyncAck *ack = g_new0 (LbSyncAck, 1);
      ack->observation = g_strdup (PQgetvalue (k, i, 0));
      ack->acknowledged_at = g_strdup (PQgetvalue (k, i, 1));
      ack->reaction = PQgetisnull (k, i, 2) ? NULL : g_strdup (PQgetvalue (k, i, 2));
      g_ptr_array_add (extra->acks, ack);
    }
  return TRUE;
}

LbSyncAdditions *
lb_sync_addenda_fetch (LbSyncAddenda *sa, GPtrArray *uuids, GError **error)
{
  g_autoptr(LbSyncAdditions) extra = lb_sync_additions_new ();
  gboolean has;
  if (!server_has_addenda (sa, &has, error))
    return NULL;
  for (guint start = 0; has && start < uuids->len; start += ASK_BATCH)
    {
      g_autofree char *array = uuid_array (uuids, start, ASK_BATCH);
      if (!fetch_some (sa, array, extra, error))
        return NULL;
    }
  return g_steal_pointer (&extra);
}
