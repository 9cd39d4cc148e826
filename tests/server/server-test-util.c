/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "server-test"

#include "server-test-util.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_USER "lesbezoek-test"
#define PASSWORD "a long test password"

static const char *
pg_bindir (void)
{
  const char *dir = g_getenv ("LESBEZOEK_PG_BINDIR");
  return dir && *dir ? dir : "/usr/lib/postgresql/15/bin";
}

const char *
server_test_skip_reason (void)
{
  static char *reason;
  g_autofree char *initdb = g_build_filename (pg_bindir (), "initdb", NULL);
  if (!g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (reason);
      reason = g_strdup_printf ("PostgreSQL 15 is not installed (no %s); "
                                "`make check` installs it (apt-get install postgresql)", initdb);
      return reason;
    }
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  if (openssl == NULL)
    return "openssl is not installed (apt-get install openssl)";
  return NULL;
}

void
server_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  const char *reason = server_test_skip_reason ();
  if (reason != NULL)
    {
      /* TAP: a plan of nothing, skipped with its reason */
      printf ("1..0 # SKIP %s\n", reason);
      exit (0);
    }
}

const char *
server_password (const char *login)
{
  return PASSWORD;
}

/* ---- running programs ---------------------------------------------------- */

/* The unprivileged user PostgreSQL runs as when we are root: a system user
 * made for the purpose (two test programs may race to create it). */
static char *
ensure_run_user (void)
{
  if (geteuid () != 0)
    return NULL;
  if (getpwnam (TEST_USER) == NULL)
    {
      const char *argv[] = { "useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                             "--shell", "/usr/sbin/nologin", TEST_USER, NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                    | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      g_assert_nonnull (getpwnam (TEST_USER));
    }
  return g_strdup (TEST_USER);
}

static void
run (ServerCluster *c, gboolean as_postgres, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  if (as_postgres && c->run_as)
    {
      g_ptr_array_add (argv, (char *) "setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=" TEST_USER);
      g_ptr_array_add (argv, (char *) "--regid=" TEST_USER);
      g_ptr_array_add (argv, (char *) "--clear-groups");
      g_ptr_array_add (argv, (char *) "--");
    }
  va_list args;
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;
  g_spawn_sync (c->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first, err);
}

static void
give_to_run_user (ServerCluster *c, const char *path, int mode)
{
  g_assert_cmpint (chmod (path, mode), ==, 0);
  if (c->run_as)
    {
      struct passwd *pw = getpwnam (c->run_as);
      g_assert_cmpint (chown (path, pw->pw_uid, pw->pw_gid), ==, 0);
    }
}

static int
free_port (void)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  return ntohs (addr.sin_port);
}

/* A CA and a server certificate for localhost and 127.0.0.1 signed by it
 * (EC keys: quick to make). */
static void
make_certificates (ServerCluster *c)
{
  g_autofree char *ext = g_build_filename (c->dir, "server.ext", NULL);
  g_file_set_contents (ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n", -1, NULL);
  run (c, FALSE, "openssl", "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Lesbezoek test CA",
       "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL);
  run (c, FALSE, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", NULL);
  run (c, FALSE, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
       "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext", NULL);
  g_autofree char *key = g_build_filename (c->dir, "server.key", NULL);
  g_autofree char *crt = g_build_filename (c->dir, "server.crt", NULL);
  give_to_run_user (c, key, 0600);
  give_to_run_user (c, crt, 0644);
  c->ca = g_build_filename (c->dir, "ca.crt", NULL);
}

static void
configure (ServerCluster *c)
{
  g_autofree char *hba = g_build_filename (c->data, "pg_hba.conf", NULL);
  g_assert_true (g_file_set_contents (hba,
    "local all lb_super trust\n"
    "hostssl all all 127.0.0.1/32 scram-sha-256\n", -1, NULL));
  g_autofree char *conf = g_build_filename (c->data, "postgresql.conf", NULL);
  g_autofree char *old = NULL;
  g_assert_true (g_file_get_contents (conf, &old, NULL, NULL));
  g_autofree char *extra = g_strdup_printf (
    "%s\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"
    "ssl = on\nssl_cert_file = '%s/server.crt'\nssl_key_file = '%s/server.key'\n"
    "fsync = off\nfull_page_writes = off\nshared_buffers = 16MB\nmax_connections = 60\n"
    "log_min_messages = warning\npassword_encryption = 'scram-sha-256'\n",
    old, c->port, c->dir, c->dir, c->dir);
  g_assert_true (g_file_set_contents (conf, extra, -1, NULL));
  give_to_run_user (c, hba, 0600);
  give_to_run_user (c, conf, 0600);
}

gboolean
server_cluster_pg_ctl (ServerCluster *c, const char *action, const char *mode)
{
  g_autofree char *pg_ctl = g_build_filename (pg_bindir (), "pg_ctl", NULL);
  g_autofree char *log = g_build_filename (c->dir, "postgres.log", NULL);
  const char *argv[20];   /* setpriv (5) + pg_ctl (8) + -m MODE (2) + action + NULL */
  int n = 0;
  if (c->run_as)
    {
      argv[n++] = "setpriv"; argv[n++] = "--reuid=" TEST_USER;
      argv[n++] = "--regid=" TEST_USER; argv[n++] = "--clear-groups"; argv[n++] = "--";
    }
  argv[n++] = pg_ctl; argv[n++] = "-D"; argv[n++] = c->data; argv[n++] = "-l"; argv[n++] = log;
  argv[n++] = "-w"; argv[n++] = "-t"; argv[n++] = "30";
  if (mode) { argv[n++] = "-m"; argv[n++] = mode; }
  argv[n++] = action; argv[n] = NULL;
  int status = 0;
  g_spawn_sync (c->dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  return g_spawn_check_wait_status (status, NULL);
}

static void
show_log (ServerCluster *c)
{
  g_autofree char *log = g_build_filename (c->dir, "postgres.log", NULL);
  g_autofree char *text = NULL;
  if (g_file_get_contents (log, &text, NULL, NULL))
    g_printerr ("%s", text);
}

/* A crashed or aborted test must not leave a postgres behind: a small
 * shell waits for its stdin, a pipe only this process holds, to close,
 * then stops the cluster and removes the directory. On a normal stop we
 * just close the pipe and wait for it. */
static void
start_watchdog (ServerCluster *c)
{
  g_autofree char *pg_ctl = g_build_filename (pg_bindir (), "pg_ctl", NULL);
  g_autofree char *q_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (c->data);
  g_autofree char *q_dir = g_shell_quote (c->dir);
  g_autofree char *script = g_strdup_printf (
    "read x; %s %s -D %s -m immediate stop >/dev/null 2>&1; rm -rf %s",
    c->run_as ? "setpriv --reuid=" TEST_USER " --regid=" TEST_USER " --clear-groups --" : "",
    q_ctl, q_data, q_dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(GError) error = NULL;
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &c->watchdog, &c->watchdog_stdin, NULL, NULL, &error);
  g_assert_no_error (error);
}

ServerCluster *
server_cluster_start (void)
{
  ServerCluster *c = g_new0 (ServerCluster, 1);
  c->run_as = ensure_run_user ();
  c->dir = g_dir_make_tmp ("lbs-XXXXXX", NULL);
  g_assert_nonnull (c->dir);
  give_to_run_user (c, c->dir, 0700);
  c->data = g_build_filename (c->dir, "data", NULL);
  g_autofree char *initdb = g_build_filename (pg_bindir (), "initdb", NULL);
  start_watchdog (c);
  run (c, TRUE, initdb, "-D", c->data, "-U", "lb_super", "-A", "trust", "-E", "UTF8",
       "--locale=C.UTF-8", "-N", NULL);
  make_certificates (c);
  gboolean started = FALSE;
  for (int attempt = 0; attempt < 5 && !started; attempt++)
    {
      c->port = free_port ();   /* another program may take it before us: retry */
      configure (c);
      started = server_cluster_pg_ctl (c, "start", NULL);
    }
  if (!started)
    {
      show_log (c);
      g_error ("PostgreSQL did not start in %s", c->dir);
    }
  g_autofree char *postgres = g_strdup_printf ("host=%s port=%d user=lb_super dbname=postgres",
                                               c->dir, c->port);
  g_autoptr(PGconn) conn = PQconnectdb (postgres);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_autoptr(PGresult) res = server_ok (conn, "CREATE DATABASE lesbezoek", 0);
  c->admin_url = g_strdup_printf ("host=%s port=%d user=lb_super dbname=lesbezoek", c->dir, c->port);
  return c;
}

void
server_cluster_stop (ServerCluster *c)
{
  if (c == NULL)
    return;
  close (c->watchdog_stdin);
  int status;
  waitpid (c->watchdog, &status, 0);
  g_spawn_close_pid (c->watchdog);
  g_free (c->dir);
  g_free (c->data);
  g_free (c->ca);
  g_free (c->run_as);
  g_free (c->admin_url);
  g_free (c);
}

PGconn *
server_admin (ServerCluster *c)
{
  PGconn *conn = PQconnectdb (c->admin_url);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("admin connection: %s", PQerrorMessage (conn));
  g_autoptr(PGresult) res = PQexec (conn, "SET client_min_messages = error");
  return conn;
}

PGconn *
server_login (ServerCluster *c, const char *login)
{
  g_autofree char *port = g_strdup_printf ("%d", c->port);
  const char *keys[] = { "host", "hostaddr", "port", "user", "password", "dbname", "sslmode",
                         "sslrootcert", "connect_timeout", NULL };
  const char *values[] = { "localhost", "127.0.0.1", port, login, server_password (login), "lesbezoek",
                           "verify-full", c->ca, "10", NULL };
  PGconn *conn = PQconnectdbParams (keys, values, FALSE);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("login as %s: %s", login, PQerrorMessage (conn));
  g_assert_true (PQsslInUse (conn));
  g_autoptr(PGresult) res = PQexec (conn, "SET client_min_messages = error");
  return conn;
}

int
server_tool (ServerCluster *c, const char *stdin_text, char **out, char **err, ...)
{
  const char *bin = g_getenv ("LESBEZOEK_SERVER_BIN");
  g_assert_nonnull (bin);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, c->admin_url);
  va_list args;
  va_start (args, err);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv ((const char *const *) argv->pdata,
    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_autofree char *o = NULL, *e = NULL;
  g_subprocess_communicate_utf8 (proc, stdin_text ? stdin_text : "", NULL, &o, &e, &error);
  g_assert_no_error (error);
  if (g_test_verbose () && e && *e)
    g_printerr ("%s", e);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return g_subprocess_get_exit_status (proc);
}

char *
server_add_user (ServerCluster *c, const char *login, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *fixed[] = { "user", "add", login, "--name", login, "--password-stdin" };
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (char *) fixed[i]);
  va_list args;
  va_start (args, login);
  for (const char *r = va_arg (args, const char *); r; r = va_arg (args, const char *))
    {
      g_ptr_array_add (argv, (char *) "--role");
      g_ptr_array_add (argv, (char *) r);
    }
  va_end (args);
  while (argv->len < 20)
    g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL, *err = NULL;
  char **a = (char **) argv->pdata;
  int status = server_tool (c, PASSWORD "\n", &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                            a[7], a[8], a[9], a[10], a[11], a[12], a[13], NULL);
  if (status != 0)
    g_error ("user add %s: %s", login, err);
  g_auto(GStrv) fields = g_strsplit (g_strstrip (out), "\t", 2);
  g_assert_cmpstr (fields[0], ==, login);
  return g_strdup (fields[1]);
}

/* ---- SQL --------------------------------------------------------------- */

static PGresult *
exec_va (PGconn *conn, const char *sql, int n, va_list args)
{
  const char *params[16];
  g_assert (n <= 16);
  for (int i = 0; i < n; i++)
    params[i] = va_arg (args, const char *);
  return PQexecParams (conn, sql, n, NULL, params, NULL, NULL, 0);
}

static gboolean
succeeded (PGresult *res)
{
  ExecStatusType st = PQresultStatus (res);
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

PGresult *
server_ok (PGconn *conn, const char *sql, int n, ...)
{
  va_list args;
  va_start (args, n);
  PGresult *res = exec_va (conn, sql, n, args);
  va_end (args);
  if (!succeeded (res))
    g_error ("%s (as %s): %s", sql, PQuser (conn), PQresultErrorMessage (res));
  return res;
}

const char *
server_fails (PGconn *conn, const char *sql, int n, ...)
{
  static char state[6];
  va_list args;
  va_start (args, n);
  g_autoptr(PGresult) res = exec_va (conn, sql, n, args);
  va_end (args);
  if (succeeded (res))
    g_error ("%s (as %s) succeeded, but should have been refused", sql, PQuser (conn));
  g_strlcpy (state, PQresultErrorField (res, PG_DIAG_SQLSTATE), sizeof state);
  return state;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

char *
server_column (PGconn *conn, const char *sql, int n, ...)
{
  va_list args;
  va_start (args, n);
  g_autoptr(PGresult) res = exec_va (conn, sql, n, args);
  va_end (args);
  if (!succeeded (res))
    g_error ("%s (as %s): %s", sql, PQuser (conn), PQresultErrorMessage (res));
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (values, PQgetvalue (res, i, 0));
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  return g_strjoinv (",", (char **) values->pdata);
}

char *
server_sha256 (const char *body)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);
}
