/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-application.h"
#include "lb-instrument-registry.h"
#include "lb-store.h"
#include "lb-sync-status.h"

G_BEGIN_DECLS

#define LB_TYPE_WINDOW (lb_window_get_type ())
G_DECLARE_FINAL_TYPE (LbWindow, lb_window, LB, WINDOW, AdwApplicationWindow)

LbWindow             *lb_window_new             (LbApplication *app);
LbInstrumentRegistry *lb_window_get_registry    (LbWindow      *self);
LbStore              *lb_window_get_store       (LbWindow      *self);
void                  lb_window_show_instrument (LbWindow      *self,
                                                 guint          position);
gboolean              lb_window_select_node     (LbWindow      *self,
                                                 const char    *node_id);
void                  lb_window_toast           (LbWindow      *self,
                                                 AdwToast      *toast);
/* Shows @message as a toast on the window that holds @widget. */
void                  lb_window_toast_for       (GtkWidget     *widget,
                                                 const char    *message);
const char           *lb_window_get_page        (LbWindow      *self);
LbSyncStatus         *lb_window_get_sync_status (LbWindow      *self);

G_END_DECLS
