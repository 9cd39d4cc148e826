/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-exchange"

/* Placeholder: the exchange reader is being written. */

#include "config.h"
#include "lb-exchange.h"
#include "lb-error.h"

LbExchange *
lb_exchange_read_bytes (GBytes *bytes, const char *filename, GPtrArray *problems, GError **error)
{
  g_set_error (error, LB_ERROR, LB_ERROR_FAILED, "not implemented");
  return NULL;
}

LbExchange *
lb_exchange_read (const char *path, GPtrArray *problems, GError **error)
{
  g_set_error (error, LB_ERROR, LB_ERROR_FAILED, "not implemented");
  return NULL;
}
