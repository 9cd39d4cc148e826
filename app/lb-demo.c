/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-demo"

/* Placeholder: the demo generator is being written. */

#include "config.h"
#include "lb-demo.h"
#include "lb-error.h"

gboolean
lb_demo_fill (LbStore *store, LbInstrument *instrument, guint seed, GError **error)
{
  g_set_error (error, LB_ERROR, LB_ERROR_FAILED, "not implemented");
  return FALSE;
}
