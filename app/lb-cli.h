/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returned by lb_cli_run() when no subcommand was given: start the GUI. */
#define LB_CLI_RUN_GUI (-1)

int  lb_cli_run       (int    argc,
                       char **argv);
void lb_i18n_init     (void);

G_END_DECLS
