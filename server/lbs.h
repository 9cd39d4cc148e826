/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* lesbezoek-server: the shared dossier's administration tool. It connects
 * as a PostgreSQL superuser (on the server itself, `sudo -u postgres`),
 * applies the schema steps and manages login roles and assignments. It is
 * deliberately small: all the rules about who may see what live in the
 * database (migrations/002-row-security.sql), not here. */

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define LBS_ERROR (lbs_error_quark ())
GQuark lbs_error_quark (void);

typedef enum {
  LBS_ERROR_CONNECT,
  LBS_ERROR_NOT_SUPERUSER,
  LBS_ERROR_SQL,
  LBS_ERROR_TOO_NEW,
  LBS_ERROR_NOT_INITIALIZED,
  LBS_ERROR_INVALID,
  LBS_ERROR_NOT_FOUND,
} LbsError;

enum { LBS_EXIT_OK = 0, LBS_EXIT_FAILURE = 1, LBS_EXIT_USAGE = 2 };

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* lbs-db.c */
PGconn    *lbs_connect_admin   (const char  *conninfo,
                                GError     **error);
PGresult  *lbs_exec            (PGconn      *conn,
                                GError     **error,
                                const char  *sql,
                                int          n_params,
                                ...);
gboolean   lbs_run             (PGconn      *conn,
                                GError     **error,
                                const char  *sql,
                                int          n_params,
                                ...);
char      *lbs_quote_ident     (PGconn      *conn,
                                const char  *ident);
const char *lbs_group_role     (const char  *role);

/* lbs-migrate.c */
int        lbs_schema_version  (PGconn      *conn,
                                GError     **error);
int        lbs_latest_version  (void);
gboolean   lbs_migrate         (PGconn      *conn,
                                int         *from,
                                int         *to,
                                GError     **error);

/* lbs-user.c */
int        lbs_cmd_user        (const char  *conninfo,
                                int          argc,
                                char       **argv);

G_END_DECLS
