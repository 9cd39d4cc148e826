/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-wrapup-view"

/* Placeholder: being written. */

#include "config.h"
#include "lb-wrapup-view.h"

#include <glib/gi18n.h>

struct _LbWrapupView
{
  AdwBin   parent_instance;
  LbStore *store;
};

G_DEFINE_FINAL_TYPE (LbWrapupView, lb_wrapup_view, ADW_TYPE_BIN)

static void
lb_wrapup_view_dispose (GObject *object)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (object);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_wrapup_view_parent_class)->dispose (object);
}

static void
lb_wrapup_view_class_init (LbWrapupViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_wrapup_view_dispose;
}

static void
lb_wrapup_view_init (LbWrapupView *self)
{
  adw_bin_set_child (ADW_BIN (self), adw_status_page_new ());
}

gboolean
lb_wrapup_view_load (LbWrapupView *self, LbStore *store, const char *uuid, GError **error)
{
  g_set_object (&self->store, store);
  return TRUE;
}
