/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-cli-private.h"
#include "lb-judgement.h"

G_BEGIN_DECLS

/* Shared by the observation commands (lb-cli-store.c, lb-cli-observe.c).
 *
 * Exit statuses follow one rule: an argument that is malformed or not one
 * of a fixed set of choices (an option value, an item id of the
 * instrument, a missing --yes without a terminal) is a usage error (2);
 * something looked up in the database that is not there, or a change the
 * store refuses (a final observation, a coach's judgement), is a failure
 * (1). Every message names the command, so scripts' logs say who spoke. */

/* lb_cli_parse(), with the help's usage line naming the whole command
 * ("lesbezoek observe score [OPTION…] …"). */
gboolean      lb_cli_parse_command   (GOptionContext *context,
                                      int           *argc,
                                      char        ***argv,
                                      const char    *command);
/* Prints "lesbezoek COMMAND: message" and returns LB_EXIT_FAILED. */
int           lb_cli_fail            (const char    *command,
                                      const GError  *error);
/* Opens the store, or prints why not and returns NULL. */
LbStore      *lb_cli_store_or_fail   (LbCliGlobals  *g,
                                      const char    *command);
/* A full uuid for a unique prefix, or prints why not and returns NULL. */
char         *lb_cli_resolve         (LbStore       *store,
                                      const char    *prefix,
                                      const char    *command);
/* The instrument an observation was made with: the copy in the store. */
LbInstrument *lb_cli_instrument_of   (LbStore       *store,
                                      LbObservation *obs,
                                      GError       **error);
/* "met", "not-met", "insufficient", "none": as stored in a judgement. */
const char   *lb_cli_verdict_code    (LbVerdict      verdict);
const char   *lb_cli_verdict_label   (const char    *code);
/* Asks on the terminal. With @expected, the answer must be that text;
 * else y/yes. Returns LB_EXIT_OK to go on, LB_EXIT_USAGE when there is no
 * terminal to ask on (and no --yes), LB_EXIT_FAILED when declined. */
int           lb_cli_confirm         (const char    *command,
                                      gboolean       yes,
                                      const char    *question,
                                      const char    *expected);
/* A real date written as YYYY-MM-DD. */
gboolean      lb_cli_valid_date      (const char    *date);
/* "2026-11-26T09:15:02.123Z" → local "2026-11-26 10:15". */
char         *lb_cli_format_timestamp (const char   *timestamp);

G_END_DECLS
