/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observation-list"

/* Placeholder: being written. */

#include "config.h"
#include "lb-observation-list.h"

#include <glib/gi18n.h>

struct _LbObservationList
{
  AdwBin   parent_instance;
  LbStore *store;
};

G_DEFINE_FINAL_TYPE (LbObservationList, lb_observation_list, ADW_TYPE_BIN)

static void
lb_observation_list_dispose (GObject *object)
{
  LbObservationList *self = LB_OBSERVATION_LIST (object);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_observation_list_parent_class)->dispose (object);
}

static void
lb_observation_list_class_init (LbObservationListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_observation_list_dispose;
}

static void
lb_observation_list_init (LbObservationList *self)
{
  adw_bin_set_child (ADW_BIN (self), adw_status_page_new ());
}

void
lb_observation_list_set_store (LbObservationList *self, LbStore *store)
{
  g_set_object (&self->store, store);
}

void
lb_observation_list_reload (LbObservationList *self)
{
}

void
lb_observation_list_set_starter (LbObservationList *self, const char *starter_uuid)
{
}
