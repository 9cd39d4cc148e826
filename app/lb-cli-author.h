/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-cli-private.h"

G_BEGIN_DECLS

/* lesbezoek instrument new | to-csv | from-csv: writing instruments.
 * lb_cli_instrument() hands these actions over before parsing its own
 * options, since they have options of their own. */
gboolean lb_cli_author_handles (const char   *action);
int      lb_cli_author         (LbCliGlobals *g,
                                int           argc,
                                char        **argv);

G_END_DECLS
