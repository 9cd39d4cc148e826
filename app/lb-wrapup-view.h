/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The end of an observation: scores per domain, the judgement (summative only), tops, tips and afspraken, finalizing and the starter's acknowledgement. */
#define LB_TYPE_WRAPUP_VIEW (lb_wrapup_view_get_type ())
G_DECLARE_FINAL_TYPE (LbWrapupView, lb_wrapup_view, LB, WRAPUP_VIEW, AdwBin)

gboolean lb_wrapup_view_load (LbWrapupView *self,
                              LbStore      *store,
                              const char   *uuid,
                              GError      **error);

G_END_DECLS
