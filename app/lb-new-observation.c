/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-new-observation"

/* Placeholder: being written. */

#include "config.h"
#include "lb-new-observation.h"

#include <glib/gi18n.h>

struct _LbNewObservation
{
  AdwBin   parent_instance;
  LbStore *store;
};

G_DEFINE_FINAL_TYPE (LbNewObservation, lb_new_observation, ADW_TYPE_BIN)

static void
lb_new_observation_dispose (GObject *object)
{
  LbNewObservation *self = LB_NEW_OBSERVATION (object);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_new_observation_parent_class)->dispose (object);
}

static void
lb_new_observation_class_init (LbNewObservationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_new_observation_dispose;
}

static void
lb_new_observation_init (LbNewObservation *self)
{
  adw_bin_set_child (ADW_BIN (self), adw_status_page_new ());
}

void
lb_new_observation_reset (LbNewObservation *self, LbStore *store, LbInstrumentRegistry *registry)
{
  g_set_object (&self->store, store);
}
