/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The starters with their induction year and number of observations. Activating one runs win.show-starter with the starter's uuid. */
#define LB_TYPE_STARTER_LIST (lb_starter_list_get_type ())
G_DECLARE_FINAL_TYPE (LbStarterList, lb_starter_list, LB, STARTER_LIST, AdwBin)

void lb_starter_list_set_store (LbStarterList *self,
                                LbStore       *store);
void lb_starter_list_reload    (LbStarterList *self);

G_END_DECLS
