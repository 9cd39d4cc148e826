/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-schema"

/* The shared dossier's schema against a real PostgreSQL: init and the
 * documented psql sequence, the catalogue rules (no view without
 * security_invoker, no SECURITY DEFINER, no BYPASSRLS, no LEAKPROOF, FORCE
 * row security everywhere, an owner nobody can become), final observations
 * that stay final, append-only tables, and the user commands. */

#include "server-test-util.h"

#include <stdlib.h>
#include <string.h>

static ServerCluster *cluster;
static char *starter, *coach;    /* person uuids */

static int
tool (char **err, const char *a0, const char *a1, const char *a2, const char *a3,
      const char *a4, const char *a5)
{
  return server_tool (cluster, NULL, NULL, err, a0, a1, a2, a3, a4, a5, NULL);
}

static void
test_init (void)
{
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autofree char *versions = server_column (admin, "SELECT version FROM lesbezoek.schema_version", 0);
  g_assert_cmpstr (versions, ==, "1,2,3,4,5");

  /* again: nothing to do, nothing changes */
  g_autofree char *out = NULL;
  g_assert_cmpint (server_tool (cluster, NULL, &out, NULL, "init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "up to date"));
  g_autofree char *again = server_column (admin, "SELECT version FROM lesbezoek.schema_version", 0);
  g_assert_cmpstr (again, ==, "1,2,3,4,5");
  g_assert_cmpint (server_tool (cluster, NULL, NULL, NULL, "status", NULL), ==, 0);

  /* a database from a newer lesbezoek-server is left alone */
  g_autoptr(PGresult) newer = server_ok (admin, "INSERT INTO lesbezoek.schema_version VALUES (99)", 0);
  g_autofree char *err = NULL;
  g_assert_cmpint (server_tool (cluster, NULL, NULL, &err, "init", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "newer"));
  g_autoptr(PGresult) back = server_ok (admin, "DELETE FROM lesbezoek.schema_version WHERE version = 99", 0);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* server/README.md's alternative to init: the same files through psql,
 * in the order of their numbers, one transaction each. */
static void
test_psql_sequence (void)
{
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autoptr(PGresult) db = server_ok (admin, "CREATE DATABASE by_psql", 0);
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "server", "migrations", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  for (const char *name; (name = g_dir_read_name (d)) != NULL;)
    if (g_str_has_suffix (name, ".sql"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_strings);
  g_assert_cmpuint (files->len, >=, 2);
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%d user=lb_super dbname=by_psql",
                                               cluster->dir, cluster->port);
  for (guint i = 0; i < files->len; i++)
    {
      const char *argv[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", conninfo,
                             "-f", files->pdata[i], NULL };
      int status = 0;
      g_autofree char *err = NULL;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, &err, &status, NULL);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("psql -f %s: %s", (char *) files->pdata[i], err);
    }
  g_autoptr(PGconn) by_psql = PQconnectdb (conninfo);
  g_autofree char *versions = server_column (by_psql, "SELECT version FROM lesbezoek.schema_version", 0);
  g_autofree char *expected = server_column (admin, "SELECT version FROM lesbezoek.schema_version", 0);
  g_assert_cmpstr (versions, ==, expected);
  /* and lesbezoek-server agrees that it is complete */
  g_autofree char *url = g_strdup_printf ("--db=%s", conninfo);
  const char *argv[] = { g_getenv ("LESBEZOEK_SERVER_BIN"), url, "status", NULL };
  int status = 0;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Every rule of the catalogue, checked on the live catalogue after the
 * schema and its users exist. Each query lists offenders; all must be empty. */
static const struct { const char *rule, *sql; } catalogue_rules[] = {
  { "views and materialized views without security_invoker",
    "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "   AND (c.relkind = 'm' OR NOT EXISTS (SELECT 1 FROM unnest (coalesce (c.reloptions, '{}')) o "
    "        WHERE lower (o) IN ('security_invoker=true', 'security_invoker=on', 'security_invoker=1', "
    "                            'security_invoker=yes')))" },
  { "SECURITY DEFINER functions",
    "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    " WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')" },
  { "LEAKPROOF functions",
    "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    " WHERE p.proleakproof AND n.nspname NOT IN ('pg_catalog', 'information_schema')" },
  { "roles with BYPASSRLS or SUPERUSER besides the bootstrap superuser",
    "SELECT rolname FROM pg_roles WHERE (rolbypassrls OR rolsuper) AND oid <> 10" },
  { "tables of the schema without FORCE ROW LEVEL SECURITY",
    "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE n.nspname = 'lesbezoek' AND c.relkind IN ('r', 'p') "
    "   AND NOT (c.relrowsecurity AND c.relforcerowsecurity)" },
  { "objects of the schema not owned by lb_owner",
    "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE n.nspname = 'lesbezoek' AND c.relowner <> 'lb_owner'::regrole "
    "UNION ALL SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    " WHERE n.nspname = 'lesbezoek' AND p.proowner <> 'lb_owner'::regrole "
    "UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = 'lesbezoek' AND nspowner <> 'lb_owner'::regrole" },
  { "an owner that can log in, or that anyone is or inherits",
    "SELECT rolname FROM pg_roles WHERE rolname = 'lb_owner' AND (rolcanlogin OR rolsuper OR rolbypassrls) "
    "UNION ALL SELECT member::regrole::text FROM pg_auth_members WHERE roleid = 'lb_owner'::regrole "
    "UNION ALL SELECT roleid::regrole::text FROM pg_auth_members WHERE member = 'lb_owner'::regrole" },
  { "group roles that can log in or hold more than their own",
    "SELECT rolname FROM pg_roles WHERE rolname IN ('lb_assessor', 'lb_coach', 'lb_school_leader', "
    "  'lb_starter', 'lb_board_admin') AND (rolcanlogin OR rolcreaterole OR rolcreatedb OR rolreplication) "
    "UNION ALL SELECT member::regrole::text FROM pg_auth_members WHERE member IN ('lb_assessor'::regrole, "
    "  'lb_coach'::regrole, 'lb_school_leader'::regrole, 'lb_starter'::regrole, 'lb_board_admin'::regrole)" },
  { "Lesbezoek logins with powers beyond their group roles",
    "SELECT r.rolname FROM pg_roles r JOIN lesbezoek.account a ON a.login = r.rolname "
    " WHERE r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR NOT r.rolinherit "
    "    OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
    "                WHERE m.member = r.oid AND g.rolname NOT IN ('lb_assessor', 'lb_coach', "
    "                      'lb_school_leader', 'lb_starter', 'lb_board_admin'))" },
  { "tables without a policy",
    "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE n.nspname = 'lesbezoek' AND c.relkind = 'r' "
    "   AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)" },
  { "UPDATE or DELETE granted on append-only or final data",
    "SELECT table_name || ':' || privilege_type FROM information_schema.role_table_grants "
    " WHERE table_schema = 'lesbezoek' AND grantee LIKE 'lb\\_%' AND grantee <> 'lb_owner' "
    "   AND (privilege_type IN ('DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES') "
    "        OR (privilege_type = 'UPDATE' AND table_name IN ('share', 'change_feed', 'person', "
    "            'account', 'assignment', 'schema_version', 'addendum', 'acknowledgement')))" },
};

static void
test_catalogue (void)
{
  g_autoptr(PGconn) admin = server_admin (cluster);
  for (guint i = 0; i < G_N_ELEMENTS (catalogue_rules); i++)
    {
      g_autofree char *offenders = server_column (admin, catalogue_rules[i].sql, 0);
      if (*offenders != '\0')
        g_error ("catalogue: %s: %s", catalogue_rules[i].rule, offenders);
    }
  /* the rules are not vacuous: the schema has what they look at */
  g_autofree char *views = server_column (admin,
    "SELECT count (*) FROM pg_views WHERE schemaname = 'lesbezoek'", 0);
  g_assert_cmpstr (views, !=, "0");
  g_autofree char *tables = server_column (admin,
    "SELECT count (*) FROM pg_tables WHERE schemaname = 'lesbezoek' AND rowsecurity", 0);
  g_assert_cmpint (atoi (tables), >=, 7);
}

static char *
insert_formative (PGconn *conn, const char *status, const char *body, const char *hash)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(PGresult) res = server_ok (conn,
    "INSERT INTO lesbezoek.observation (uuid, starter, observer, role, purpose, status, date, content_hash, body) "
    "VALUES ($1, $2, $3, 'coach', 'formatief', $4, '2026-11-20', $5, $6)", 6,
    uuid, starter, coach, status, hash, body);
  return g_steal_pointer (&uuid);
}

static void
test_final (void)
{
  g_autoptr(PGconn) c = server_login (cluster, "coach1");
  g_autoptr(PGconn) admin = server_admin (cluster);
  const char *body = "<observation>één les</observation>\n";
  g_autofree char *hash = server_sha256 (body);

  /* the hash must be SHA-256 of the body's UTF-8, or the row is refused */
  g_autofree char *wrong = server_sha256 ("something else");
  const char *insert =
    "INSERT INTO lesbezoek.observation (uuid, starter, observer, role, purpose, status, date, content_hash, body) "
    "VALUES (gen_random_uuid (), $1, $2, 'coach', 'formatief', 'final', '2026-11-20', $3, $4)";
  g_assert_cmpstr (server_fails (c, insert, 4, starter, coach, wrong, body), ==, "LBH01");
  g_assert_cmpstr (server_fails (c, insert, 4, starter, coach, NULL, body), ==, "LBH01");
  g_assert_cmpstr (server_fails (admin, insert, 4, starter, coach, wrong, body), ==, "LBH01");

  /* a draft changes with the version it was based on, never past a newer one */
  g_autofree char *draft = insert_formative (c, "draft", "<observation/>", NULL);
  const char *update = "UPDATE lesbezoek.observation SET body = $2, base_version = $3 WHERE uuid = $1";
  g_autoptr(PGresult) r1 = server_ok (c, update, 3, draft, "<observation>v2</observation>", "1");
  g_assert_cmpstr (server_fails (c, update, 3, draft, "<observation>stale</observation>", "1"), ==, "LBC01");
  /* finalizing checks the hash too */
  const char *finalize = "UPDATE lesbezoek.observation SET status = 'final', content_hash = $2, body = $3, "
                         "base_version = $4 WHERE uuid = $1";
  g_assert_cmpstr (server_fails (c, finalize, 4, draft, wrong, body, "2"), ==, "LBH01");
  g_autoptr(PGresult) r2 = server_ok (c, finalize, 4, draft, hash, body, "2");
  g_autofree char *version = server_column (c, "SELECT version FROM lesbezoek.observation WHERE uuid = $1", 1, draft);
  g_assert_cmpstr (version, ==, "3");

  /* final: its author cannot even find it to change, and the superuser is refused */
  g_autoptr(PGresult) r3 = server_ok (c, update, 3, draft, "<observation>changed</observation>", "3");
  g_assert_cmpstr (PQcmdTuples (r3), ==, "0");
  g_assert_cmpstr (server_fails (c, "DELETE FROM lesbezoek.observation WHERE uuid = $1", 1, draft), ==, "42501");
  g_assert_cmpstr (server_fails (admin, update, 3, draft, "<observation>changed</observation>", "3"), ==, "LBF01");
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.observation SET status = 'draft', base_version = 3 "
                                 "WHERE uuid = $1", 1, draft), ==, "LBF01");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.observation WHERE uuid = $1", 1, draft), ==, "LBF01");
  g_assert_cmpstr (server_fails (admin, "TRUNCATE lesbezoek.observation CASCADE", 0), ==, "LBA01");
  g_autofree char *kept = server_column (admin,
    "SELECT content_hash = encode (sha256 (convert_to (body, 'UTF8')), 'hex') AND body = $2 "
    "  FROM lesbezoek.observation WHERE uuid = $1", 2, draft, body);
  g_assert_cmpstr (kept, ==, "t");

  /* a draft's identity is fixed too */
  g_autofree char *other = insert_formative (c, "draft", "<observation/>", NULL);
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.observation SET purpose = 'summatief', role = 'assessor', "
                                 "base_version = 1 WHERE uuid = $1", 1, other), ==, "LBI01");
}

static void
test_append_only (void)
{
  g_autoptr(PGconn) s = server_login (cluster, "starter1");
  g_autoptr(PGconn) c = server_login (cluster, "coach1");
  g_autoptr(PGconn) admin = server_admin (cluster);
  const char *body = "<observation>gedeeld</observation>";
  g_autofree char *hash = server_sha256 (body);
  g_autofree char *final = insert_formative (c, "final", body, hash);
  g_autoptr(PGresult) shared = server_ok (s,
    "INSERT INTO lesbezoek.share (observation, starter, observer) VALUES ($1, $2, $3)", 3, final, starter, coach);
  /* shared once is shared: no second record, no taking it back */
  g_assert_cmpstr (server_fails (s,
    "INSERT INTO lesbezoek.share (observation, starter, observer) VALUES ($1, $2, $3)", 3, final, starter, coach),
    ==, "23505");
  g_assert_cmpstr (server_fails (s, "DELETE FROM lesbezoek.share", 0), ==, "42501");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.share", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.share SET shared_by = 'x'", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "TRUNCATE lesbezoek.share", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.change_feed", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.change_feed SET kind = 'updated'", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "TRUNCATE lesbezoek.change_feed", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (c, "DELETE FROM lesbezoek.change_feed", 0), ==, "42501");

  /* the feed numbers every change in order: created, then shared */
  g_autofree char *kinds = server_column (s,
    "SELECT seq || ':' || kind FROM lesbezoek.change_feed WHERE observation = $1 ORDER BY seq", 1, final);
  g_auto(GStrv) parts = g_strsplit (kinds, ",", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_nonnull (strstr (kinds, ":created"));
  g_assert_nonnull (strstr (kinds, ":shared"));
}

static void
test_users (void)
{
  g_autofree char *err = NULL;
  /* only Lesbezoek's own roles, only valid names */
  g_assert_cmpint (tool (&err, "user", "add", "lb_owner", "--name", "x", "--no-password"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tool (&err, "user", "add", "Bad Name", "--name", "x", "--no-password"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tool (&err, "user", "add", "lb_super", "--role", "coach", "--no-password"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tool (&err, "user", "add", "nieuw", "--role", "janitor", "--no-password"), ==, 2);
  g_clear_pointer (&err, g_free);
  /* a role PostgreSQL has but Lesbezoek does not know is not taken over */
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autoptr(PGresult) r = server_ok (admin, "CREATE ROLE someone_else LOGIN", 0);
  g_assert_cmpint (tool (&err, "user", "add", "someone_else", "--role", "coach", "--no-password"), ==, 1);
  g_assert_nonnull (strstr (err, "not a Lesbezoek user"));
  g_clear_pointer (&err, g_free);
  /* an assignment needs the role: the starter is no coach */
  g_assert_cmpint (tool (&err, "user", "assign", "starter1", "coach1", "--as", "coach"), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (tool (&err, "user", "revoke", "coach1", "starter1", "--as", "assessor"), ==, 1);
  g_clear_pointer (&err, g_free);

  /* the password is stored as a SCRAM verifier, never as given */
  g_autofree char *secret = server_column (admin, "SELECT rolpassword FROM pg_authid WHERE rolname = 'coach1'", 0);
  g_assert_true (g_str_has_prefix (secret, "SCRAM-SHA-256$"));
  g_assert_null (strstr (secret, server_password ("coach1")));
  /* and a wrong one does not get in */
  g_autofree char *conninfo = g_strdup_printf ("host=localhost hostaddr=127.0.0.1 port=%d user=coach1 "
    "password=wrong dbname=lesbezoek sslmode=verify-full sslrootcert=%s", cluster->port, cluster->ca);
  g_autoptr(PGconn) wrong = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (wrong), ==, CONNECTION_BAD);
  /* nor does anyone over plain TCP */
  g_autofree char *plain = g_strdup_printf ("host=127.0.0.1 port=%d user=coach1 password='%s' dbname=lesbezoek "
    "sslmode=disable", cluster->port, server_password ("coach1"));
  g_autoptr(PGconn) nossl = PQconnectdb (plain);
  g_assert_cmpint (PQstatus (nossl), ==, CONNECTION_BAD);

  g_autofree char *out = NULL;
  g_assert_cmpint (server_tool (cluster, NULL, &out, NULL, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "coach1"));
  g_assert_nonnull (strstr (out, "coach:starter1"));
}

int
main (int argc, char **argv)
{
  server_test_init (&argc, &argv);
  cluster = server_cluster_start ();
  g_autofree char *err = NULL;
  if (server_tool (cluster, NULL, NULL, &err, "init", NULL) != 0)
    g_error ("init: %s", err);
  starter = server_add_user (cluster, "starter1", "starter", NULL);
  coach = server_add_user (cluster, "coach1", "coach", NULL);
  g_free (server_add_user (cluster, "admin1", "board-admin", NULL));
  g_assert_cmpint (server_tool (cluster, NULL, NULL, NULL, "user", "assign", "coach1", "starter1",
                                "--as", "coach", NULL), ==, 0);

  g_test_add_func ("/server/schema/init", test_init);
  g_test_add_func ("/server/schema/psql-sequence", test_psql_sequence);
  g_test_add_func ("/server/schema/catalogue", test_catalogue);
  g_test_add_func ("/server/schema/final", test_final);
  g_test_add_func ("/server/schema/append-only", test_append_only);
  g_test_add_func ("/server/schema/users", test_users);
  int status = g_test_run ();

  server_cluster_stop (cluster);
  g_free (starter);
  g_free (coach);
  return status;
}
