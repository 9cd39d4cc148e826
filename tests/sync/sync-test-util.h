/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The sync tests: a real PostgreSQL (tests/server/server-test-util.h), the
 * board's users made with lesbezoek-server, tablets (local databases) made
 * with the store API, and `lesbezoek --db TABLET sync …` run as a user
 * would. */

#include "server-test-util.h"
#include "lb-store.h"
#include "lb-sync.h"

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} SyncRun;

void        sync_run_clear     (SyncRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncRun, sync_run_clear)

/* The cluster every test of the program shares (started by sync_test_init). */
ServerCluster *sync_cluster    (void);
void        sync_test_init     (int *argc, char ***argv);
int         sync_test_run      (void);
/* "localhost:PORT" */
const char *sync_server        (void);

/* lesbezoek-server user add LOGIN --role ROLE; returns the person's uuid. */
char       *sync_user          (const char *login, const char *role);
void        sync_assign        (const char *observer, const char *starter, const char *role);
void        sync_revoke        (const char *observer, const char *starter, const char *role);

/* A tablet: a database in the test's own data directory. */
char       *sync_tablet        (const char *name);
void        sync_tablet_person (const char *db, const char *uuid, const char *name, gboolean starter,
                                LbRole role);
/* An observation on the tablet, with one score and @tops; final or draft. */
char       *sync_tablet_observe (const char *db, const char *starter, const char *observer, LbRole role,
                                 LbPurpose purpose, gboolean final, const char *tops);
void        sync_tablet_set_tops (const char *db, const char *uuid, const char *tops);
void        sync_tablet_finalize (const char *db, const char *uuid);
/* A consistent copy of a tablet's database (as a second tablet of the user). */
void        sync_tablet_copy   (const char *from, const char *to);
gboolean    sync_tablet_has    (const char *db, const char *uuid);
char       *sync_tablet_hash   (const char *db, const char *uuid);
char       *sync_tablet_tops   (const char *db, const char *uuid);
LbSyncConfig *sync_config      (const char *login);

/* lesbezoek --db DB sync ARG…, the login's password on stdin. */
void        sync_cli           (SyncRun *run, const char *db, const char *login, ...) G_GNUC_NULL_TERMINATED;
/* The first sync of a tablet: --server, --user, --ca, --password-stdin. */
void        sync_first         (SyncRun *run, const char *db, const char *login);
GSubprocess *sync_cli_spawn    (const char *db, const char *login, const char * const *env);
void        sync_expect        (SyncRun *run, int status, const char *needle);

/* On the server, as the superuser. */
char       *sync_admin_value   (const char *sql, const char *param);
gint64      sync_admin_count   (const char *sql, const char *param);

G_END_DECLS
