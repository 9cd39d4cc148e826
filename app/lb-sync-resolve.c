/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync"

/* Resolving a flagged observation (see lb-sync-resolve.h): read the
 * server's current version on a connection of its own, set one version
 * aside as an exchange file where the choice replaces it, then change the
 * local side in one transaction. The server is never written here: what a
 * person chose travels with the next sync, through the same conflict-
 * refusing push as everything else. */

#include "config.h"
#include "lb-sync-resolve.h"
#include "lb-sync-instruments.h"
#include "lb-exchange.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncSession, lb_sync_session_close)

void
lb_sync_resolved_clear (LbSyncResolved *resolved)
{
  g_clear_pointer (&resolved->saved_file, g_free);
  g_clear_pointer (&resolved->new_uuid, g_free);
}

gboolean
lb_sync_choice_offered (LbSyncIssueKind kind, gboolean local_final, LbSyncChoice choice)
{
  if (kind == LB_SYNC_ISSUE_CONFLICT)
    return !(local_final && choice == LB_SYNC_KEEP_BOTH);
  return kind == LB_SYNC_ISSUE_REFUSED && choice == LB_SYNC_TAKE_THEIRS;
}

char *
lb_sync_resolve_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "lesbezoek", "sync-resolved", NULL);
}

/* The server's version, as a pull reads it. */
typedef struct {
  LbObservation *obs;
  int            version;
  char          *hash;
} Theirs;

static void
theirs_clear (Theirs *t)
{
  g_clear_pointer (&t->obs, lb_observation_unref);
  g_clear_pointer (&t->hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Theirs, theirs_clear)

#define TS(col) "to_char (" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

static gboolean
fetch_theirs (LbSyncSession *session, const char *where, const char *uuid, Theirs *t, GError **error)
{
  const char *params[] = { uuid };
  g_autoptr(PGresult) r = lb_sync_session_query (session, error,
    "SELECT status, version, content_hash, " TS ("created_at") ", " TS ("updated_at") ", body "
    "FROM lesbezoek.observation WHERE uuid = $1", 1, params);
  if (r == NULL)
    return FALSE;
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQresultErrorMessage (r)));
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER, _("The shared dossier at %s said: %s"),
                   where, message);
      return FALSE;
    }
  if (PQntuples (r) == 0)
    {
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REVOKED,
                   _("The shared dossier at %s no longer shows you observation %s, so there is no "
                     "version of the server's to choose. Nothing was changed."), where, uuid);
      return FALSE;
    }
  t->version = atoi (PQgetvalue (r, 0, 1));
  t->hash = g_strdup (PQgetvalue (r, 0, 2));
  t->obs = lb_sync_session_read_body (uuid, PQgetvalue (r, 0, 0), PQgetvalue (r, 0, 1), PQgetvalue (r, 0, 2),
                                      PQgetvalue (r, 0, 3), PQgetvalue (r, 0, 4), PQgetvalue (r, 0, 5), error);
  return t->obs != NULL;
}

/* The local copy as an exchange file (its people and instrument with it,
 * so it can be imported anywhere), with @instead in place of the local
 * observation when the server's version is the one set aside. */
static char *
save_aside (LbStore *store, const char *uuid, LbObservation *instead, const char *which, GError **error)
{
  g_autoptr(LbExchange) ex = lb_store_export (store, NULL, uuid, TRUE, error);
  if (ex == NULL)
    return NULL;
  if (instead != NULL)
    {
      g_ptr_array_set_size (ex->observations, 0);
      g_ptr_array_add (ex->observations, lb_observation_ref (instead));
    }
  g_autofree char *dir = lb_sync_resolve_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot make the folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.xml", uuid, which, stamp);
  char *path = g_build_filename (dir, name, NULL);
  if (!lb_exchange_write (ex, path, error))
    return g_free (path), NULL;
  return path;
}

static gboolean
refuse (GError **error, const char *message, const char *uuid)
{
  g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_CONFLICT, message, uuid);
  return FALSE;
}

/* Only what the sync flagged as refused or in conflict, and only a choice
 * that keeps both versions. */
static gboolean
check_flagged (LbStore *store, const char *uuid, LbSyncChoice choice, LbSyncIssueKind *kind, GError **error)
{
  g_autoptr(GPtrArray) issues = lb_store_list_sync_issues (store, error);
  if (issues == NULL)
    return FALSE;
  LbSyncIssue *issue = NULL;
  for (guint i = 0; i < issues->len && issue == NULL; i++)
    if (g_str_equal (((LbSyncIssue *) issues->pdata[i])->uuid, uuid))
      issue = issues->pdata[i];
  if (issue == NULL || (issue->kind != LB_SYNC_ISSUE_CONFLICT && issue->kind != LB_SYNC_ISSUE_REFUSED))
    return refuse (error, _("Observation %s is not refused or in conflict: there is nothing to resolve. "
                            "“lesbezoek sync --status” lists what needs attention."), uuid);
  *kind = issue->kind;
  g_autoptr(LbObservation) local = lb_store_load (store, uuid, error);
  if (local == NULL)
    return FALSE;
  gboolean local_final = local->status == LB_STATUS_FINAL;
  if (issue->kind == LB_SYNC_ISSUE_CONFLICT && !lb_sync_choice_offered (issue->kind, local_final, choice))
    return refuse (error, _("Observation %s is final on this tablet: a final observation keeps its id."), uuid);
  if (!lb_sync_choice_offered (issue->kind, local_final, choice))
    return refuse (error, _("Observation %s is final here and on the shared dossier, with other content. A "
                            "final observation cannot change and keeps its id, so it can only be set aside: "
                            "choose to take the shared dossier's version (this tablet's is saved as a file "
                            "first)."), uuid);
  return TRUE;
}

/* The server's addenda and acknowledgement of the version coming in: an
 * earlier pull hung them on the local copy, which moves aside. */
static LbSyncAdditions *
fetch_additions (LbSyncSession *session, LbStore *store, const char *where, const char *uuid, GError **error)
{
  LbSyncAddenda *sa = lb_sync_addenda_new (session, store, where);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_ptr_array_add (uuids, (gpointer) uuid);
  LbSyncAdditions *extra = lb_sync_addenda_fetch (sa, uuids, error);
  lb_sync_addenda_free (sa);
  return extra;
}

static gboolean
apply_choice (LbStore *store, const char *uuid, LbSyncChoice choice, Theirs *t, LbSyncAdditions *extra,
              LbSyncResolved *resolved, GError **error)
{
  switch (choice)
    {
    case LB_SYNC_KEEP_MINE:
      if (t->obs->status == LB_STATUS_FINAL)
        return refuse (error, _("Observation %s has been made final in the shared dossier, and a final "
                                "observation cannot change: keep both versions, or take the shared "
                                "dossier's."), uuid);
      resolved->saved_file = save_aside (store, uuid, t->obs, "server", error);
      return resolved->saved_file != NULL &&
             lb_store_sync_rebase (store, uuid, t->version, t->hash, error);
    case LB_SYNC_TAKE_THEIRS:
      resolved->saved_file = save_aside (store, uuid, NULL, "tablet", error);
      return resolved->saved_file != NULL &&
             lb_store_sync_replace (store, t->obs, t->version, NULL, extra, error);
    case LB_SYNC_KEEP_BOTH:
      resolved->new_uuid = g_uuid_string_random ();
      return lb_store_sync_replace (store, t->obs, t->version, resolved->new_uuid, extra, error);
    }
  g_assert_not_reached ();
}

gboolean
lb_sync_resolve (LbStore *store, const LbSyncConfig *cfg, const char *uuid, LbSyncChoice choice,
                 LbSyncResolved *resolved, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && cfg != NULL && uuid != NULL && resolved != NULL, FALSE);
  memset (resolved, 0, sizeof *resolved);
  LbSyncIssueKind kind;
  if (!check_flagged (store, uuid, choice, &kind, error))
    return FALSE;
  g_autoptr(LbSyncSession) session = lb_sync_session_open (cfg, cancellable, error);
  if (session == NULL)
    return FALSE;
  g_auto(Theirs) t = { 0 };
  if (!fetch_theirs (session, cfg->server, uuid, &t, error))
    return FALSE;
  g_autoptr(LbSyncAdditions) extra = choice == LB_SYNC_KEEP_MINE ? NULL
                                   : fetch_additions (session, store, cfg->server, uuid, error);
  if (choice != LB_SYNC_KEEP_MINE && extra == NULL)
    return FALSE;
  if (!apply_choice (store, uuid, choice, &t, extra, resolved, error))
    {
      /* a file set aside for a choice that did not happen would only confuse */
      if (resolved->saved_file)
        g_unlink (resolved->saved_file);
      lb_sync_resolved_clear (resolved);
      return FALSE;
    }
  return TRUE;
}
