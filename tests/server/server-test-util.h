/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A throw-away PostgreSQL 15 cluster for the server tests: initdb in a
 * temporary directory, on 127.0.0.1 at a random port, with TLS from a CA
 * made for the test; as an unprivileged user when the tests run as root
 * (PostgreSQL refuses to run as root). The database "lesbezoek" gets the
 * schema from lesbezoek-server init. */

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;          /* everything lives here; removed by stop */
  char *data;
  char *ca;           /* the CA that signed the server's certificate */
  char *run_as;       /* the user postgres runs as, NULL when not root */
  int   port;
  char *admin_url;    /* the superuser, over the socket */
  GPid  watchdog;     /* stops the cluster when this process ends */
  int   watchdog_stdin;
} ServerCluster;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Why the tests cannot run here (no PostgreSQL 15 server installed), or NULL. */
const char    *server_test_skip_reason (void);
/* Call from main() before g_test_run(): prints a TAP skip and exits when
 * there is no PostgreSQL to test with. */
void           server_test_init        (int *argc, char ***argv);

ServerCluster *server_cluster_start    (void);
void           server_cluster_stop     (ServerCluster *c);
gboolean       server_cluster_pg_ctl   (ServerCluster *c, const char *action, const char *mode);

/* lesbezoek-server with --db admin_url; stdin_text is fed to it. Returns
 * the exit status; out and err may be NULL. */
int            server_tool             (ServerCluster *c, const char *stdin_text,
                                        char **out, char **err, ...) G_GNUC_NULL_TERMINATED;
/* lesbezoek-server user add LOGIN --name LOGIN --password-stdin --role ROLE…;
 * returns the person's uuid. */
char          *server_add_user         (ServerCluster *c, const char *login, ...) G_GNUC_NULL_TERMINATED;

PGconn        *server_admin            (ServerCluster *c);
/* A login over TCP with sslmode=verify-full against the test CA. */
PGconn        *server_login            (ServerCluster *c, const char *login);
const char    *server_password         (const char *login);

/* Run sql; assert success. */
PGresult      *server_ok               (PGconn *conn, const char *sql, int n, ...);
/* Run sql; assert it fails, return its SQLSTATE (static storage). */
const char    *server_fails            (PGconn *conn, const char *sql, int n, ...);
/* The first column of every row, sorted and joined by ",". */
char          *server_column           (PGconn *conn, const char *sql, int n, ...);

char          *server_sha256           (const char *body);

G_END_DECLS
