/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "lb-instrument-registry.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* Exit statuses of the headless commands. */
enum {
  LB_EXIT_OK = 0,
  LB_EXIT_FAILED = 1,   /* the command ran and found problems / failed */
  LB_EXIT_USAGE = 2,    /* bad arguments */
};

typedef struct {
  char *db_path;        /* --db or LESBEZOEK_DB, else NULL for the default */
} LbCliGlobals;

typedef int (*LbCliFunc) (LbCliGlobals *globals, int argc, char **argv);

typedef struct {
  const char *name;
  const char *args;     /* shown in --help */
  const char *summary;  /* translatable, shown in --help */
  LbCliFunc   func;
} LbCliCommand;

int                   lb_cli_validate   (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_instrument (LbCliGlobals *g, int argc, char **argv);

/* lb-cli-store.c: the observations */
int                   lb_cli_list       (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_show       (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_people     (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_observe    (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_export     (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_import     (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_verify     (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_restore    (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_erase      (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_demo       (LbCliGlobals *g, int argc, char **argv);

/* lb-cli-report.c: PDF reports */
int                   lb_cli_report     (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_dossier    (LbCliGlobals *g, int argc, char **argv);

/* lb-cli-starter.c: the starter's side and observer agreement */
int                   lb_cli_zone       (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_goals      (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_compare    (LbCliGlobals *g, int argc, char **argv);
int                   lb_cli_calibrate  (LbCliGlobals *g, int argc, char **argv);

/* lb-cli-sync.c: the board's shared dossier */
int                   lb_cli_sync       (LbCliGlobals *g, int argc, char **argv);

int                   lb_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean              lb_cli_parse       (GOptionContext *context, int *argc, char ***argv,
                                          const char *command);
LbInstrumentRegistry *lb_cli_open_registry (GError **error);
/* Opens --db / LESBEZOEK_DB / the default database and takes the daily
 * backup; prints nothing. */
LbStore              *lb_cli_open_store  (LbCliGlobals *g, GError **error);

G_END_DECLS
