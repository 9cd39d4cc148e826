/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The observing screen: lesson clock and notes, and the items to score, domain by domain. */
#define LB_TYPE_OBSERVE_VIEW (lb_observe_view_get_type ())
G_DECLARE_FINAL_TYPE (LbObserveView, lb_observe_view, LB, OBSERVE_VIEW, AdwBin)

gboolean    lb_observe_view_load     (LbObserveView *self,
                                      LbStore       *store,
                                      const char    *uuid,
                                      GError       **error);
const char *lb_observe_view_get_uuid (LbObserveView *self);
/* The cycle or segment being observed: 1 … count, 0 when the instrument
 * has none. Switched with the observe.session action (Alt+1 … Alt+9). */
guint       lb_observe_view_get_session (LbObserveView *self);
/* Sets how many minutes the clock of @session has run (it keeps running if
 * it was): to correct a clock started late, and for the tests, which cannot
 * wait for a snapshot's minute to come. */
void        lb_observe_view_set_session_minutes (LbObserveView *self,
                                      guint          session,
                                      guint          minutes);

G_END_DECLS
