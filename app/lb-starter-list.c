/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-starter-list"

/* Placeholder: being written. */

#include "config.h"
#include "lb-starter-list.h"

#include <glib/gi18n.h>

struct _LbStarterList
{
  AdwBin   parent_instance;
  LbStore *store;
};

G_DEFINE_FINAL_TYPE (LbStarterList, lb_starter_list, ADW_TYPE_BIN)

static void
lb_starter_list_dispose (GObject *object)
{
  LbStarterList *self = LB_STARTER_LIST (object);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_starter_list_parent_class)->dispose (object);
}

static void
lb_starter_list_class_init (LbStarterListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_starter_list_dispose;
}

static void
lb_starter_list_init (LbStarterList *self)
{
  adw_bin_set_child (ADW_BIN (self), adw_status_page_new ());
}

void
lb_starter_list_set_store (LbStarterList *self, LbStore *store)
{
  g_set_object (&self->store, store);
}

void
lb_starter_list_reload (LbStarterList *self)
{
}
