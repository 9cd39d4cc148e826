/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The observations on this device, newest first, with search and filters. Activating one runs win.open-observation with its uuid. */
#define LB_TYPE_OBSERVATION_LIST (lb_observation_list_get_type ())
G_DECLARE_FINAL_TYPE (LbObservationList, lb_observation_list, LB, OBSERVATION_LIST, AdwBin)

void lb_observation_list_set_store (LbObservationList *self,
                                    LbStore           *store);
/* Re-reads the store: after an observation changed elsewhere. */
void lb_observation_list_reload    (LbObservationList *self);
/* Shows only this starter's observations (NULL: everyone). */
void lb_observation_list_set_starter (LbObservationList *self,
                                      const char        *starter_uuid);

/* A final row's menu: "Compare With…" the other final observations of
 * the same starter and date (never formative ones), each activating
 * win.compare with both uuids; NULL when there are none. */
GMenu *lb_observation_list_compare_menu (LbObservationList *self,
                                         const char        *uuid);

G_END_DECLS
