/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync"

/* The sync client: see lb-sync.h. (Skeleton: the API, so that the GUI can
 * be built against it; push and pull follow.) */

#include "config.h"
#include "lb-sync.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_QUARK (lb-sync-error-quark, lb_sync_error)

LbSyncConfig *
lb_sync_config_new (void)
{
  return g_new0 (LbSyncConfig, 1);
}

LbSyncConfig *
lb_sync_config_copy (const LbSyncConfig *cfg)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  LbSyncConfig *copy = g_new0 (LbSyncConfig, 1);
  copy->server = g_strdup (cfg->server);
  copy->dbname = g_strdup (cfg->dbname);
  copy->user = g_strdup (cfg->user);
  copy->password = g_strdup (cfg->password);
  copy->ca_file = g_strdup (cfg->ca_file);
  copy->cert_file = g_strdup (cfg->cert_file);
  copy->key_file = g_strdup (cfg->key_file);
  copy->connect_timeout_s = cfg->connect_timeout_s;
  copy->statement_timeout_ms = cfg->statement_timeout_ms;
  return copy;
}

void
lb_sync_config_free (LbSyncConfig *cfg)
{
  if (cfg == NULL)
    return;
  g_free (cfg->server);
  g_free (cfg->dbname);
  g_free (cfg->user);
  if (cfg->password)
    memset (cfg->password, 0, strlen (cfg->password));
  g_free (cfg->password);
  g_free (cfg->ca_file);
  g_free (cfg->cert_file);
  g_free (cfg->key_file);
  g_free (cfg);
}

LbSyncConfig *
lb_sync_config_load (LbStore *store, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  return lb_sync_config_new ();
}

gboolean
lb_sync_config_save (LbStore *store, const LbSyncConfig *cfg, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  return TRUE;
}

void
lb_sync_issue_free (LbSyncIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->uuid);
  g_free (issue->reason);
  g_free (issue);
}

void
lb_sync_report_free (LbSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->person_uuid);
  g_clear_pointer (&report->issues, g_ptr_array_unref);
  g_free (report);
}

gboolean
lb_sync_report_needs_attention (const LbSyncReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return report->refused + report->conflicts + report->revoked > 0;
}

void
lb_sync_state_clear (LbSyncState *state)
{
  g_clear_pointer (&state->last_sync, g_free);
  g_clear_pointer (&state->person_uuid, g_free);
}

gboolean
lb_store_get_sync_state (LbStore *store, LbSyncState *state, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  memset (state, 0, sizeof *state);
  return TRUE;
}

GPtrArray *
lb_store_list_sync_issues (LbStore *store, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_issue_free);
}

LbSyncReport *
lb_sync_run (LbStore *store, const LbSyncConfig *cfg, LbSyncProgressFunc progress,
             gpointer data, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (cfg != NULL, NULL);
  g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER, "not yet implemented");
  return NULL;
}
