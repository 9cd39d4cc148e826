/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-store.h"

G_BEGIN_DECLS

/* The sync status in the overview's header bar, and the sync itself
 * (win.sync calls lb_sync_status_sync). Shows "not set up" when there is
 * no server in the settings, otherwise the last sync and how many
 * observations wait or need attention; while syncing, the progress and a
 * stop button. The sync runs in a thread on a connection of its own, so
 * the window keeps working whatever the network does. Emits "synced"
 * after every sync that ran, so the lists can be reloaded. */
#define LB_TYPE_SYNC_STATUS (lb_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (LbSyncStatus, lb_sync_status, LB, SYNC_STATUS, AdwBin)

/* The window's store: its settings and state are shown, and its path is
 * opened again by the syncing thread. NULL: nothing to sync. */
void     lb_sync_status_set_store  (LbSyncStatus *self,
                                    LbStore      *store);
/* Reads the settings and state again (after Preferences changed them). */
void     lb_sync_status_refresh    (LbSyncStatus *self);
/* Starts a sync; explains instead when sync is not set up. Nothing
 * happens while one runs. */
void     lb_sync_status_sync       (LbSyncStatus *self);
gboolean lb_sync_status_is_busy    (LbSyncStatus *self);
gboolean lb_sync_status_is_configured (LbSyncStatus *self);
void     lb_sync_status_cancel     (LbSyncStatus *self);

G_END_DECLS
