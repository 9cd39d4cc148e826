/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* Placeholder: the store commands are being written. */

#include "config.h"
#include "lb-cli-private.h"

#include <glib/gi18n.h>

#define TODO(name) \
  int name (LbCliGlobals *g, int argc, char **argv) \
  { g_printerr ("lesbezoek %s: not available yet\n", argv[0]); return LB_EXIT_FAILED; }

TODO (lb_cli_list)
TODO (lb_cli_show)
TODO (lb_cli_people)
TODO (lb_cli_observe)
TODO (lb_cli_verify)
TODO (lb_cli_restore)
TODO (lb_cli_erase)
TODO (lb_cli_demo)
