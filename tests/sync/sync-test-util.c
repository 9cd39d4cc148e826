/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sync-test"

#include "sync-test-util.h"

#include <gio/gio.h>
#include <string.h>

static ServerCluster *cluster;
static char *server_arg;

ServerCluster *
sync_cluster (void)
{
  return cluster;
}

const char *
sync_server (void)
{
  return server_arg;
}

void
sync_test_init (int *argc, char ***argv)
{
  server_test_init (argc, argv);
  cluster = server_cluster_start ();
  server_arg = g_strdup_printf ("localhost:%d", cluster->port);
  g_autofree char *err = NULL;
  int status = server_tool (cluster, NULL, NULL, &err, "init", NULL);
  if (status != 0)
    g_error ("lesbezoek-server init: %s", err);
}

int
sync_test_run (void)
{
  int status = g_test_run ();
  server_cluster_stop (cluster);
  g_free (server_arg);
  return status;
}

void
sync_run_clear (SyncRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* ---- the board's users ---- */

static void
tool_ok (const char *stdin_text, const char *a, const char *b, const char *c, const char *d,
         const char *e, const char *f, const char *g, const char *h, const char *i, char **out)
{
  g_autofree char *err = NULL;
  int status = server_tool (cluster, stdin_text, out, &err, a, b, c, d, e, f, g, h, i, NULL);
  if (status != 0)
    g_error ("lesbezoek-server %s %s %s: %s", a, b, c, err);
}

char *
sync_user (const char *login, const char *role)
{
  g_autofree char *out = NULL;
  g_autofree char *password = g_strdup_printf ("%s\n", server_password (login));
  tool_ok (password, "user", "add", login, "--name", login, "--password-stdin", "--role", role, NULL, &out);
  g_auto(GStrv) fields = g_strsplit (g_strstrip (out), "\t", 2);
  g_assert_cmpstr (fields[0], ==, login);
  return g_strdup (fields[1]);
}

void
sync_assign (const char *observer, const char *starter, const char *role)
{
  tool_ok (NULL, "user", "assign", observer, starter, "--as", role, NULL, NULL, NULL, NULL);
}

void
sync_revoke (const char *observer, const char *starter, const char *role)
{
  if (starter)
    tool_ok (NULL, "user", "revoke", observer, starter, "--as", role, NULL, NULL, NULL, NULL);
  else
    tool_ok (NULL, "user", "revoke", observer, "--role", role, NULL, NULL, NULL, NULL, NULL);
}

/* ---- tablets ---- */

char *
sync_tablet (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  return g_build_filename (g_get_user_data_dir (), file, NULL);
}

static LbStore *
open_tablet (const char *db)
{
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (db, &error);
  g_assert_no_error (error);
  return store;
}

void
sync_tablet_person (const char *db, const char *uuid, const char *name, gboolean starter, LbRole role)
{
  g_autoptr(LbStore) store = open_tablet (db);
  g_autoptr(LbPerson) p = lb_person_new ();
  p->uuid = g_strdup (uuid);
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : role;
  p->induction_year = starter ? 1 : 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) added = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
}

static const char *
first_level (LbInstrument *inst, const char **item)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  LbNode *node = items->pdata[0];
  *item = lb_node_get_id (node);
  for (; node; node = lb_node_get_parent (node))
    if (lb_node_get_scale (node))
      return lb_scale_get_level (lb_node_get_scale (node), 1)->id;
  g_assert_not_reached ();
}

char *
sync_tablet_observe (const char *db, const char *starter, const char *observer, LbRole role,
                     LbPurpose purpose, gboolean final, const char *tops)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = open_tablet (db);
  /* loaded once: reading and validating it is most of the work here */
  static LbInstrument *inst;
  if (inst == NULL)
    inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_store_find_person (store, starter, &error);
  g_assert_no_error (error);
  draft->observer = lb_store_find_person (store, observer, &error);
  g_assert_no_error (error);
  draft->observer_role = role;
  draft->purpose = purpose;
  draft->date = g_strdup ("2026-11-20");
  draft->subject = g_strdup ("rekenen");
  g_autoptr(LbObservation) obs = lb_store_create_observation (store, draft, inst, &error);
  g_assert_no_error (error);
  const char *item;
  const char *level = first_level (inst, &item);
  g_assert_true (lb_store_set_score (store, obs->uuid, 0, item, level, FALSE, NULL, &error));
  g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_TOPS, tops, &error));
  g_assert_no_error (error);
  if (final)
    {
      g_assert_true (lb_store_finalize (store, obs->uuid, draft->observer->name, &error));
      g_assert_no_error (error);
    }
  return g_strdup (obs->uuid);
}

void
sync_tablet_set_tops (const char *db, const char *uuid, const char *tops)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = open_tablet (db);
  g_assert_true (lb_store_set_field (store, uuid, LB_FIELD_TOPS, tops, &error));
  g_assert_no_error (error);
}

void
sync_tablet_finalize (const char *db, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = open_tablet (db);
  g_assert_true (lb_store_finalize (store, uuid, "Test", &error));
  g_assert_no_error (error);
}

void
sync_tablet_copy (const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = open_tablet (from);
  g_assert_true (lb_store_backup (store, to, &error));
  g_assert_no_error (error);
}

static LbObservation *
load (const char *db, const char *uuid)
{
  g_autoptr(LbStore) store = open_tablet (db);
  return lb_store_load (store, uuid, NULL);
}

gboolean
sync_tablet_has (const char *db, const char *uuid)
{
  g_autoptr(LbObservation) obs = load (db, uuid);
  return obs != NULL;
}

char *
sync_tablet_hash (const char *db, const char *uuid)
{
  g_autoptr(LbObservation) obs = load (db, uuid);
  g_assert_nonnull (obs);
  return lb_observation_compute_hash (obs);
}

char *
sync_tablet_tops (const char *db, const char *uuid)
{
  g_autoptr(LbObservation) obs = load (db, uuid);
  g_assert_nonnull (obs);
  return g_strdup (obs->tops);
}

LbSyncConfig *
sync_config (const char *login)
{
  LbSyncConfig *cfg = lb_sync_config_new ();
  cfg->server = g_strdup (server_arg);
  cfg->user = g_strdup (login);
  cfg->password = g_strdup (server_password (login));
  cfg->ca_file = g_strdup (cluster->ca);
  return cfg;
}

/* ---- the command line ---- */

static GSubprocess *
spawn (GPtrArray *argv, const char * const *env, GSubprocessFlags stdin_flag)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    stdin_flag | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env && env[i]; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

static GPtrArray *
sync_argv (const char *db, gboolean password_stdin)
{
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) g_getenv ("LESBEZOEK_BIN"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, (char *) "sync");
  if (password_stdin)
    g_ptr_array_add (argv, (char *) "--password-stdin");
  return argv;
}

static void
finish (SyncRun *run, GSubprocess *proc, const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = g_strdup_printf ("%s\n", login ? server_password (login) : "");
  g_subprocess_communicate_utf8 (proc, password, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (proc))
    g_error ("lesbezoek sync crashed (signal %d): %s", g_subprocess_get_term_sig (proc), run->err);
  run->status = g_subprocess_get_exit_status (proc);
  if (g_test_verbose ())
    g_printerr ("[sync %d]\n%s%s", run->status, run->out, run->err);
}

void
sync_cli (SyncRun *run, const char *db, const char *login, ...)
{
  g_autoptr(GPtrArray) argv = sync_argv (db, TRUE);
  va_list args;
  va_start (args, login);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_autoptr(GSubprocess) proc = spawn (argv, NULL, G_SUBPROCESS_FLAGS_STDIN_PIPE);
  finish (run, proc, login);
}

void
sync_first (SyncRun *run, const char *db, const char *login)
{
  sync_cli (run, db, login, "--server", server_arg, "--user", login, "--ca", cluster->ca, NULL);
}

/* Runs in the background, the password in PGPASSWORD (libpq reads it);
 * collect with g_subprocess_communicate_utf8 (proc, NULL, …). */
GSubprocess *
sync_cli_spawn (const char *db, const char *login, const char * const *env)
{
  g_autoptr(GPtrArray) argv = sync_argv (db, FALSE);
  const char *more[] = { "--server", server_arg, "--user", login, "--ca", cluster->ca, NULL };
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    g_ptr_array_add (argv, (char *) more[i]);
  g_autoptr(GPtrArray) vars = g_ptr_array_new ();
  g_ptr_array_add (vars, (char *) "PGPASSWORD");
  g_ptr_array_add (vars, (char *) server_password (login));
  for (guint i = 0; env && env[i]; i++)
    g_ptr_array_add (vars, (char *) env[i]);
  g_ptr_array_add (vars, NULL);
  return spawn (argv, (const char * const *) vars->pdata, G_SUBPROCESS_FLAGS_STDIN_INHERIT);
}

void
sync_expect (SyncRun *run, int status, const char *needle)
{
  if (run->status != status)
    g_error ("lesbezoek sync exited with %d, not %d; stdout:\n%s\nstderr:\n%s", run->status, status,
             run->out, run->err);
  if (needle && !strstr (run->out, needle) && !strstr (run->err, needle))
    g_error ("lesbezoek sync did not say “%s”; stdout:\n%s\nstderr:\n%s", needle, run->out, run->err);
}

/* ---- the server ---- */

char *
sync_admin_value (const char *sql, const char *param)
{
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autoptr(PGresult) res = server_ok (admin, sql, param ? 1 : 0, param);
  g_assert_cmpint (PQntuples (res), ==, 1);
  return g_strdup (PQgetvalue (res, 0, 0));
}

gint64
sync_admin_count (const char *sql, const char *param)
{
  g_autofree char *v = sync_admin_value (sql, param);
  return g_ascii_strtoll (v, NULL, 10);
}
