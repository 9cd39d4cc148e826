/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The form that starts an observation. Its Begin button creates it in the store and runs win.open-observation with the new uuid. */
#define LB_TYPE_NEW_OBSERVATION (lb_new_observation_get_type ())
G_DECLARE_FINAL_TYPE (LbNewObservation, lb_new_observation, LB, NEW_OBSERVATION, AdwBin)

/* Empties the form for a new observation, date and time set to now. */
void lb_new_observation_reset (LbNewObservation     *self,
                               LbStore              *store,
                               LbInstrumentRegistry *registry);

G_END_DECLS
