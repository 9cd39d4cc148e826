/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-roles"

/* The role matrix of the shared dossier, against a real PostgreSQL: for
 * every user, which observations they can list, read by known id, find
 * through every view of the schema and follow in the change feed; that a
 * coach's formative observation reaches an assessor only once the starter
 * shares it; and that nobody writes as someone else, for a starter they
 * are not assigned to, or in a role they do not hold.
 *
 * The test cases form one scenario and run in order on one cluster:
 * before sharing, sharing, writes, revoking. */

#include "server-test-util.h"

#include <string.h>

static ServerCluster *cluster;
static GHashTable *people;        /* login → person uuid */
static GHashTable *label_of;      /* observation uuid → label */
static GHashTable *uuid_of;       /* label → observation uuid */

static const char *logins[] = { "s1", "s2", "c1", "c2", "a1", "a2", "l1", "b1", "x1" };

static const char *
person (const char *login)
{
  const char *id = g_hash_table_lookup (people, login);
  g_assert_nonnull (id);
  return id;
}

static const char *
obs (const char *label)
{
  const char *id = g_hash_table_lookup (uuid_of, label);
  g_assert_nonnull (id);
  return id;
}

#define INSERT_SQL \
  "INSERT INTO lesbezoek.observation (uuid, starter, observer, role, purpose, status, date, content_hash, body) " \
  "VALUES ($1, $2, $3, $4, $5, $6, '2026-11-20', $7, $8)"

/* Write an observation as login; NULL and the SQLSTATE in state when refused. */
static char *
write_observation (const char *login, const char *label, const char *starter, const char *observer,
                   const char *role, const char *purpose, const char *status, const char **state)
{
  g_autoptr(PGconn) conn = server_login (cluster, login);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("<observation uuid=\"%s\" purpose=\"%s\">%s</observation>\n",
                                           uuid, purpose, label);
  g_autofree char *hash = server_sha256 (body);
  const char *params[] = { uuid, person (starter), person (observer), role, purpose, status, hash, body };
  g_autoptr(PGresult) res = PQexecParams (conn, INSERT_SQL, 8, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      if (state == NULL)
        g_error ("%s writing %s: %s", login, label, PQresultErrorMessage (res));
      *state = g_intern_string (PQresultErrorField (res, PG_DIAG_SQLSTATE));
      return NULL;
    }
  g_hash_table_insert (label_of, g_strdup (uuid), g_strdup (label));
  g_hash_table_insert (uuid_of, g_strdup (label), g_strdup (uuid));
  return g_steal_pointer (&uuid);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The labels of a comma-joined list of uuids, sorted and joined. */
static char *
labels (const char *uuids)
{
  g_auto(GStrv) ids = g_strsplit (uuids, ",", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  for (guint i = 0; ids[i] && *ids[i]; i++)
    {
      const char *label = g_hash_table_lookup (label_of, ids[i]);
      g_ptr_array_add (out, (char *) (label ? label : ids[i]));
    }
  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);
  return g_strjoinv (",", (char **) out->pdata);
}

static gboolean
in_list (const char *list, const char *label)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);
  return g_strv_contains ((const char *const *) items, label);
}

/* The views of the schema, from the catalogue, so a view added later is
 * checked without anyone remembering to add it here. */
static GStrv
schema_views (void)
{
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_autofree char *views = server_column (admin,
    "SELECT quote_ident (n.nspname) || '.' || quote_ident (c.relname) FROM pg_class c "
    "  JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE c.relkind IN ('v', 'm') AND n.nspname = 'lesbezoek'", 0);
  g_assert_cmpstr (views, !=, "");
  return g_strsplit (views, ",", -1);
}

/* What login can see. body: the observations whose body they can read, by
 * listing and by known id; listed: the observations they know exist, in
 * the table, every view and the change feed (differs from body only for a
 * board administrator). */
static void
check_user (const char *login, const char *body, const char *listed)
{
  g_autoptr(PGconn) conn = server_login (cluster, login);
  listed = listed ? listed : body;
  g_test_message ("%s: body %s, listed %s", login, body, listed);

  g_autofree char *ids = server_column (conn, "SELECT uuid FROM lesbezoek.observation", 0);
  g_autofree char *got = labels (ids);
  g_assert_cmpstr (got, ==, listed);
  g_autofree char *feed_ids = server_column (conn, "SELECT DISTINCT observation FROM lesbezoek.change_feed", 0);
  g_autofree char *feed = labels (feed_ids);
  g_assert_cmpstr (feed, ==, listed);

  g_auto(GStrv) views = schema_views ();
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, uuid_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *label = key, *uuid = value;
      g_autoptr(PGresult) res = PQexecParams (conn,
        "SELECT body, content_hash FROM lesbezoek.observation WHERE uuid = $1", 1, NULL, &uuid, NULL, NULL, 0);
      if (PQresultStatus (res) == PGRES_TUPLES_OK)
        g_assert_cmpint (PQntuples (res), ==, in_list (body, label) ? 1 : 0);
      else    /* the board administrator's grant has no body column */
        {
          g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
          g_assert_false (in_list (body, label));
        }
      for (guint v = 0; views[v]; v++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s WHERE uuid = $1", views[v]);
          g_autofree char *found = server_column (conn, sql, 1, uuid);
          g_assert_cmpint (*found != '\0', ==, in_list (listed, label));
        }
    }
}

#define ALL "F1,F2,F3,K1,L2,S1,S2,S3,Z1"

static void
test_before_share (void)
{
  check_user ("s1", "F1,K1,L2,S1,Z1", NULL);
  check_user ("s2", "F3,S3", NULL);
  check_user ("c1", "F1,F2", NULL);
  check_user ("c2", "F3", NULL);
  check_user ("a1", "K1,S1,S2", NULL);
  check_user ("a2", "S3", NULL);
  check_user ("l1", "K1,L2,S1", NULL);
  check_user ("b1", "", ALL);
  check_user ("x1", "K1,S1", NULL);
}

static void
share (const char *login, const char *label, const char *starter, const char *observer)
{
  g_autoptr(PGconn) conn = server_login (cluster, login);
  g_autoptr(PGresult) res = server_ok (conn,
    "INSERT INTO lesbezoek.share (observation, starter, observer) VALUES ($1, $2, $3)", 3,
    obs (label), person (starter), person (observer));
}

static void
test_share (void)
{
  g_autoptr(PGconn) a1 = server_login (cluster, "a1");
  g_autofree char *before = server_column (a1,
    "SELECT lesbezoek.shareable ($1, $2, $3)::text", 3, obs ("F1"), person ("s1"), person ("c1"));
  g_assert_cmpstr (before, ==, "false");

  share ("s1", "F1", "s1", "c1");
  share ("s1", "Z1", "s1", "s1");

  check_user ("a1", "F1,K1,S1,S2,Z1", NULL);
  check_user ("l1", "F1,K1,L2,S1,Z1", NULL);
  check_user ("x1", "F1,K1,S1,Z1", NULL);
  check_user ("c1", "F1,F2,Z1", NULL);
  /* not assigned to s1: sharing does not reach them */
  check_user ("a2", "S3", NULL);
  check_user ("c2", "F3", NULL);
  check_user ("s2", "F3,S3", NULL);
  check_user ("b1", "", ALL);
  /* the shares themselves are in the feed of those who now see them */
  g_autofree char *kinds = server_column (a1,
    "SELECT kind FROM lesbezoek.change_feed WHERE observation = $1", 1, obs ("F1"));
  g_assert_cmpstr (kinds, ==, "created,shared");
}

static void
refused (const char *login, const char *starter, const char *observer, const char *role, const char *purpose)
{
  const char *state = NULL;
  g_autofree char *uuid = write_observation (login, "refused", starter, observer, role, purpose, "final", &state);
  g_assert_null (uuid);
  g_test_message ("%s writing %s/%s for %s as %s: refused with %s", login, role, purpose, starter, observer, state);
  g_assert_true (g_str_equal (state, "42501") || g_str_equal (state, "23514"));
}

static void
test_writes (void)
{
  /* as someone else */
  refused ("c1", "s1", "c2", "coach", "formatief");
  refused ("s1", "s1", "c1", "coach", "formatief");
  /* for a starter they are not assigned to */
  refused ("c1", "s2", "c1", "coach", "formatief");
  refused ("a1", "s2", "a1", "assessor", "summatief");
  refused ("s1", "s2", "s1", "starter", "zelfbeoordeling");
  refused ("s1", "s2", "s2", "starter", "zelfbeoordeling");
  /* in a role they do not hold, or are not assigned in */
  refused ("c1", "s1", "c1", "assessor", "summatief");
  refused ("a1", "s1", "a1", "coach", "formatief");
  refused ("a1", "s1", "a1", "school-leader", "klassenbezoek");
  refused ("b1", "s1", "b1", "assessor", "summatief");
  refused ("x1", "s1", "x1", "school-leader", "klassenbezoek");

  /* the same writes, correctly attributed, are allowed */
  g_autofree char *ok1 = write_observation ("c1", "F4", "s1", "c1", "coach", "formatief", "draft", NULL);
  g_autofree char *ok2 = write_observation ("x1", "S4", "s1", "x1", "assessor", "summatief", "final", NULL);

  g_autoptr(PGconn) c1 = server_login (cluster, "c1");
  g_autoptr(PGconn) s1 = server_login (cluster, "s1");
  g_autoptr(PGconn) s2 = server_login (cluster, "s2");
  /* pushed_by and the feed's changed_by are the writer, whatever is claimed */
  g_autoptr(PGresult) upd = server_ok (c1,
    "UPDATE lesbezoek.observation SET body = '<x/>', base_version = 1 WHERE uuid = $1", 1, ok1);
  g_assert_cmpstr (PQcmdTuples (upd), ==, "1");
  g_autofree char *by = server_column (c1, "SELECT pushed_by FROM lesbezoek.observation WHERE uuid = $1", 1, ok1);
  g_assert_cmpstr (by, ==, "c1");
  g_assert_cmpstr (server_fails (c1, "UPDATE lesbezoek.observation SET pushed_by = 'a1' WHERE uuid = $1", 1, ok1),
                   ==, "42501");
  g_assert_cmpstr (server_fails (c1,
    "INSERT INTO lesbezoek.change_feed (observation, starter, kind, version, changed_by) "
    "VALUES ($1, $2, 'updated', 9, 'a1')", 2, ok1, person ("s1")), ==, "42501");
  /* someone else's draft cannot be touched, not even found */
  g_autoptr(PGresult) other = server_ok (c1,
    "UPDATE lesbezoek.observation SET body = '<x/>', base_version = 1 WHERE uuid = $1", 1, obs ("S2"));
  g_assert_cmpstr (PQcmdTuples (other), ==, "0");
  /* nobody hands out assignments or edits people but the administrator */
  g_assert_cmpstr (server_fails (c1, "INSERT INTO lesbezoek.assignment (observer, starter, role) VALUES ($1, $2, 'coach')",
                                 2, person ("c1"), person ("s2")), ==, "42501");
  g_assert_cmpstr (server_fails (c1, "UPDATE lesbezoek.person SET name = 'x'", 0), ==, "42501");
  g_assert_cmpstr (server_fails (c1, "UPDATE lesbezoek.assignment SET revoked_at = NULL", 0), ==, "42501");
  /* only the starter shares, only their own final formative or self-assessment */
  const char *share_sql = "INSERT INTO lesbezoek.share (observation, starter, observer) VALUES ($1, $2, $3)";
  g_assert_cmpstr (server_fails (c1, share_sql, 3, obs ("F2"), person ("s1"), person ("c1")), ==, "42501");
  g_assert_cmpstr (server_fails (s1, share_sql, 3, obs ("F2"), person ("s1"), person ("c1")), ==, "42501");
  g_assert_cmpstr (server_fails (s1, share_sql, 3, obs ("S1"), person ("s1"), person ("a1")), ==, "42501");
  g_assert_cmpstr (server_fails (s1, share_sql, 3, obs ("F3"), person ("s2"), person ("c2")), ==, "42501");
  g_assert_cmpstr (server_fails (s2, share_sql, 3, obs ("F1"), person ("s1"), person ("c1")), ==, "42501");
  g_assert_cmpstr (server_fails (s2, share_sql, 3, obs ("F3"), person ("s2"), person ("c1")), ==, "42501");
}

static void
tool_ok (const char *first, ...)
{
  va_list args;
  const char *a[8] = { first };
  va_start (args, first);
  for (int i = 1; i < 7 && (a[i] = va_arg (args, const char *)) != NULL; i++)
    ;
  va_end (args);
  g_autofree char *err = NULL;
  int status = server_tool (cluster, NULL, NULL, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
  if (status != 0)
    g_error ("lesbezoek-server %s %s: %s", a[0], a[1], err);
}

static void
test_revoke (void)
{
  /* ending an assignment: what was written under it stays its author's */
  tool_ok ("user", "revoke", "a1", "s1", "--as", "assessor", NULL);
  check_user ("a1", "S1,S2", NULL);
  refused ("a1", "s1", "a1", "assessor", "summatief");
  g_autoptr(PGconn) a1 = server_login (cluster, "a1");
  g_assert_cmpstr (server_fails (a1,
    "UPDATE lesbezoek.observation SET body = '<y/>', base_version = 1 WHERE uuid = $1", 1, obs ("S2")), ==, "42501");

  /* taking the group role ends what the assignment gave, too */
  tool_ok ("user", "revoke", "l1", "--role", "school-leader", NULL);
  check_user ("l1", "K1,L2", NULL);
  refused ("l1", "s1", "l1", "school-leader", "klassenbezoek");

  /* a login left without any group role reads nothing at all */
  tool_ok ("user", "revoke", "a2", "--role", "assessor", NULL);
  g_autoptr(PGconn) a2 = server_login (cluster, "a2");
  g_assert_cmpstr (server_fails (a2, "SELECT uuid FROM lesbezoek.observation", 0), ==, "42501");
  g_assert_cmpstr (server_fails (a2, "SELECT uuid FROM lesbezoek.observation_register", 0), ==, "42501");

  /* and assigning again gives it back */
  tool_ok ("user", "assign", "a1", "s1", "--as", "assessor", NULL);
  check_user ("a1", "F1,K1,S1,S2,S4,Z1", NULL);
}

/* Instruments (step 4) are no personal data: everyone reads them; those
 * who write observations add them, as themselves, under their true
 * SHA-256; nobody changes or removes one, not even the superuser. */
static void
test_instruments (void)
{
  const char *xml = "<instrument id=\"eigen\" version=\"1\"/>\n";
  g_autofree char *sha = server_sha256 (xml);
  const char *insert = "INSERT INTO lesbezoek.instrument (sha256, xml, id, version, title) "
                       "VALUES ($1, convert_to ($2, 'UTF8'), 'eigen', '1', 'Eigen')";
  g_autoptr(PGconn) c1 = server_login (cluster, "c1");
  g_autoptr(PGresult) added = server_ok (c1, insert, 2, sha, xml);
  /* again, as a sync does it: harmless */
  g_autofree char *again = g_strdup_printf ("%s ON CONFLICT (sha256) DO NOTHING", insert);
  g_autoptr(PGconn) a1 = server_login (cluster, "a1");
  g_autoptr(PGresult) a1_again = server_ok (a1, again, 2, sha, xml);
  g_assert_cmpstr (PQcmdTuples (a1_again), ==, "0");
  g_assert_cmpstr (server_fails (c1, insert, 2, sha, xml), ==, "23505");
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(PGconn) conn = server_login (cluster, logins[i]);
      g_autofree char *who = server_column (conn, "SELECT pushed_by FROM lesbezoek.instrument "
                                            "WHERE sha256 = $1 AND xml = convert_to ($2, 'UTF8')", 2, sha, xml);
      g_assert_cmpstr (who, ==, "c1");
    }
  /* not under another hash, not as someone else, not by a mere administrator */
  g_autofree char *other = server_sha256 ("other");
  g_assert_cmpstr (server_fails (c1, insert, 2, other, xml), ==, "LBH02");
  g_autofree char *xml2 = g_strdup_printf ("%s<!-- 2 -->", xml);
  g_autofree char *sha2 = server_sha256 (xml2);
  g_assert_cmpstr (server_fails (c1, "INSERT INTO lesbezoek.instrument (sha256, xml, id, version, pushed_by) "
                                 "VALUES ($1, convert_to ($2, 'UTF8'), 'eigen', '2', 'a1')", 2, sha2, xml2), ==, "42501");
  g_autoptr(PGconn) b1 = server_login (cluster, "b1");
  g_assert_cmpstr (server_fails (b1, insert, 2, sha2, xml2), ==, "42501");
  /* never changed, never removed */
  g_assert_cmpstr (server_fails (c1, "UPDATE lesbezoek.instrument SET title = 'x'", 0), ==, "42501");
  g_assert_cmpstr (server_fails (c1, "DELETE FROM lesbezoek.instrument", 0), ==, "42501");
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.instrument SET xml = convert_to ('x', 'UTF8')", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.instrument", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "TRUNCATE lesbezoek.instrument", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, insert, 2, other, xml), ==, "LBH02");
}

/* Addenda and acknowledgements (step 5): only the observation's own
 * observer corrects a final observation, as themselves; only its starter
 * acknowledges it, once; each is read exactly by those who read the
 * observation, never by a mere administrator; nothing changes afterwards. */
#define ADDENDUM_SQL \
  "INSERT INTO lesbezoek.addendum (uuid, observation, author, text, created_at) " \
  "VALUES ($1, $2, $3, $4, '2026-11-21T10:00:00.000Z')"
#define ACK_SQL \
  "INSERT INTO lesbezoek.acknowledgement (observation, starter, acknowledged_at, reaction) " \
  "VALUES ($1, $2, '2026-11-22T09:00:00.000Z', $3)"

static void
check_addenda (const char *login, const char *expected)
{
  g_autoptr(PGconn) conn = server_login (cluster, login);
  g_autofree char *ids = server_column (conn, "SELECT observation FROM lesbezoek.addendum", 0);
  g_autofree char *got = labels (ids);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_addenda (void)
{
  g_autoptr(PGconn) a1 = server_login (cluster, "a1");
  g_autoptr(PGconn) c1 = server_login (cluster, "c1");
  g_autoptr(PGconn) s1 = server_login (cluster, "s1");
  g_autoptr(PGconn) s2 = server_login (cluster, "s2");
  g_autofree char *on_s1 = g_uuid_string_random ();
  g_autofree char *on_f1 = g_uuid_string_random ();
  g_autofree char *bad = g_uuid_string_random ();

  g_autoptr(PGresult) r1 = server_ok (a1, ADDENDUM_SQL, 4, on_s1, obs ("S1"), person ("a1"), "correctie");
  g_autoptr(PGresult) r2 = server_ok (c1, ADDENDUM_SQL, 4, on_f1, obs ("F1"), person ("c1"), "aanvulling");
  /* pushed again, as a sync retries: one row */
  g_autofree char *again = g_strdup_printf ("%s ON CONFLICT (uuid) DO NOTHING", ADDENDUM_SQL);
  g_autoptr(PGresult) r3 = server_ok (a1, again, 4, on_s1, obs ("S1"), person ("a1"), "correctie");
  g_assert_cmpstr (PQcmdTuples (r3), ==, "0");

  /* someone else's observation, as someone else, a draft, by its starter */
  g_assert_cmpstr (server_fails (c1, ADDENDUM_SQL, 4, bad, obs ("S1"), person ("c1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (a1, ADDENDUM_SQL, 4, bad, obs ("F1"), person ("a1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (c1, ADDENDUM_SQL, 4, bad, obs ("S1"), person ("a1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (a1, ADDENDUM_SQL, 4, bad, obs ("S2"), person ("a1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (s1, ADDENDUM_SQL, 4, bad, obs ("S1"), person ("s1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (a1, "INSERT INTO lesbezoek.addendum (uuid, observation, author, text, "
                                 "created_at, pushed_by) VALUES ($1, $2, $3, 'x', now (), 'c1')", 3,
                                 bad, obs ("S1"), person ("a1")), ==, "42501");

  /* read exactly where the observation is read (F1 is shared with s1's assessors) */
  check_addenda ("a1", "F1,S1");
  check_addenda ("x1", "F1,S1");
  check_addenda ("c1", "F1");
  check_addenda ("s1", "F1,S1");
  check_addenda ("s2", "");
  check_addenda ("a2", "");
  g_autoptr(PGconn) b1 = server_login (cluster, "b1");
  g_assert_cmpstr (server_fails (b1, "SELECT uuid FROM lesbezoek.addendum", 0), ==, "42501");
  g_assert_cmpstr (server_fails (b1, "SELECT reaction FROM lesbezoek.acknowledgement", 0), ==, "42501");

  /* the starter acknowledges their own observation, once; nobody else can */
  g_autoptr(PGresult) ack = server_ok (s1, ACK_SQL, 3, obs ("S1"), person ("s1"), "gezien, dank");
  g_assert_cmpstr (server_fails (s1, ACK_SQL, 3, obs ("S1"), person ("s1"), "nog eens"), ==, "23505");
  g_assert_cmpstr (server_fails (a1, ACK_SQL, 3, obs ("K1"), person ("s1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (s2, ACK_SQL, 3, obs ("K1"), person ("s1"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (s2, ACK_SQL, 3, obs ("K1"), person ("s2"), "x"), ==, "42501");
  g_assert_cmpstr (server_fails (s1, ACK_SQL, 3, obs ("S2"), person ("s1"), "x"), ==, "42501");
  g_autofree char *reaction = server_column (a1, "SELECT reaction FROM lesbezoek.acknowledgement", 0);
  g_assert_cmpstr (reaction, ==, "gezien, dank");
  g_autofree char *c1_sees = server_column (c1, "SELECT reaction FROM lesbezoek.acknowledgement", 0);
  g_assert_cmpstr (c1_sees, ==, "");

  /* both are in the feed, in order, for those who see the observation */
  g_autofree char *kinds = server_column (a1,
    "SELECT string_agg (kind, ' ' ORDER BY seq) FROM lesbezoek.change_feed WHERE observation = $1", 1, obs ("S1"));
  g_assert_cmpstr (kinds, ==, "created addendum acknowledged");

  /* never changed, never removed, not even by the superuser */
  g_assert_cmpstr (server_fails (a1, "UPDATE lesbezoek.addendum SET text = 'x'", 0), ==, "42501");
  g_assert_cmpstr (server_fails (s1, "DELETE FROM lesbezoek.acknowledgement", 0), ==, "42501");
  g_autoptr(PGconn) admin = server_admin (cluster);
  g_assert_cmpstr (server_fails (admin, "UPDATE lesbezoek.addendum SET text = 'x'", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "DELETE FROM lesbezoek.acknowledgement", 0), ==, "LBA01");
  g_assert_cmpstr (server_fails (admin, "TRUNCATE lesbezoek.addendum", 0), ==, "LBA01");
}

static void
add_observations (void)
{
  g_autofree char *f1 = write_observation ("c1", "F1", "s1", "c1", "coach", "formatief", "final", NULL);
  g_autofree char *f2 = write_observation ("c1", "F2", "s1", "c1", "coach", "formatief", "draft", NULL);
  g_autofree char *s1 = write_observation ("a1", "S1", "s1", "a1", "assessor", "summatief", "final", NULL);
  g_autofree char *s2 = write_observation ("a1", "S2", "s1", "a1", "assessor", "summatief", "draft", NULL);
  g_autofree char *k1 = write_observation ("l1", "K1", "s1", "l1", "school-leader", "klassenbezoek", "final", NULL);
  g_autofree char *l2 = write_observation ("l1", "L2", "s1", "l1", "school-leader", "formatief", "final", NULL);
  g_autofree char *z1 = write_observation ("s1", "Z1", "s1", "s1", "starter", "zelfbeoordeling", "final", NULL);
  g_autofree char *f3 = write_observation ("c2", "F3", "s2", "c2", "coach", "formatief", "final", NULL);
  g_autofree char *s3 = write_observation ("a2", "S3", "s2", "a2", "assessor", "summatief", "final", NULL);
}

static void
setup_people (void)
{
  people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  label_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  uuid_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *roles[][2] = {
    { "starter", NULL }, { "starter", NULL }, { "coach", NULL }, { "coach", NULL },
    { "assessor", NULL }, { "assessor", NULL }, { "school-leader", "coach" }, { "board-admin", NULL },
    { "board-admin", "assessor" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    g_hash_table_insert (people, (char *) logins[i],
                         server_add_user (cluster, logins[i], roles[i][0], roles[i][1], NULL));
  const char *assign[][3] = {
    { "c1", "s1", "coach" }, { "c2", "s2", "coach" }, { "a1", "s1", "assessor" },
    { "a2", "s2", "assessor" }, { "l1", "s1", "school-leader" }, { "x1", "s1", "assessor" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (assign); i++)
    tool_ok ("user", "assign", assign[i][0], assign[i][1], "--as", assign[i][2], NULL);
}

int
main (int argc, char **argv)
{
  server_test_init (&argc, &argv);
  cluster = server_cluster_start ();
  tool_ok ("init", NULL);
  setup_people ();
  add_observations ();

  g_test_add_func ("/server/roles/before-share", test_before_share);
  g_test_add_func ("/server/roles/share", test_share);
  g_test_add_func ("/server/roles/writes", test_writes);
  g_test_add_func ("/server/roles/instruments", test_instruments);
  g_test_add_func ("/server/roles/addenda", test_addenda);
  g_test_add_func ("/server/roles/revoke", test_revoke);
  int status = g_test_run ();

  server_cluster_stop (cluster);
  g_hash_table_unref (people);
  g_hash_table_unref (label_of);
  g_hash_table_unref (uuid_of);
  return status;
}
