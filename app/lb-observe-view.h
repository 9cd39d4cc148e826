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

G_END_DECLS
