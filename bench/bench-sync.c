/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-sync"

/* How fast is a sync with the board's shared dossier (issue 8)?
 *
 * A throw-away PostgreSQL 15 cluster with TLS (the server tests' helper,
 * tests/server/server-test-util.c) holds two databases with the schema of
 * lesbezoek-server init: one with 100,000 final observations, one with
 * 10,000 of them. One assessor may see 2,000 in both (the summative
 * observations and class visits of the 40 starters assigned to them); the
 * rest belong to 960 other starters, coached, assessed and visited by
 * others. Every body is the canonical XML of a generated observation (every
 * item scored, ticks, notes, a wrap-up), written by the exchange writer and
 * hashed; the rows are loaded with COPY as the superuser, with their change
 * feed, in an order that spreads the assessor's rows over the whole feed.
 *
 * 1. The first sync of a fresh tablet (lb_sync_run: push nothing, pull
 *    2,000) against the floor: the same login over the same kind of
 *    connection (TLS, verify-full) running PostgreSQL's own SELECT of the
 *    observations it may see — the row-level security policies filter —
 *    and fetching all of them to the client.
 * 2. Growth: the same first sync, and the same floor, at 100,000 server
 *    rows against 10,000. The user's share is the same 2,000, so the ratio
 *    should be near 1.00x.
 * 3. Pushing 1,000 new final observations from a tablet that is otherwise
 *    up to date (lb_sync_run until its push phase is done) against the
 *    floor: a COPY of 1,000 rows of the same kind into the observation
 *    table over the same kind of connection, so that the same triggers
 *    (hash check, change feed) run once per row. PostgreSQL allows COPY
 *    into a table with row-level security only to the superuser, so the
 *    floor skips the policies' checks that a push pays for.
 *
 * Each measurement runs in a child process of its own (this program,
 * executed again with --child), which times itself from before it connects
 * to the end; its peak memory is its RSS high-water mark (ru_maxrss from
 * wait4). Rounds are interleaved, ratios are per round, then the median. */

#include "config.h"
#include "bench-util.h"
#include "bench-db.h"
#include "server-test-util.h"
#include "lb-exchange.h"
#include "lb-store.h"
#include "lb-sync.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_STARTERS      1000
#define N_PER_STARTER   100     /* a quarter of each purpose */
#define N_SMALL_STARTERS 100    /* the 10,000-row database holds these starters' rows */
#define N_ASSIGNED      40      /* the assessor's starters: 40 × 50 visible = 2,000 */
#define N_COACHES       100
#define N_ASSESSORS     100
#define N_LEADERS       50
#define N_PUSH          1000
#define LOGIN           "bench-assessor"
#define SUPERUSER       "lb_super"   /* the test cluster's, see server-test-util.c */
#define DB_BIG          "lesbezoek"
#define DB_SMALL        "lesbezoek_10k"

#define N_ROWS    (N_STARTERS * N_PER_STARTER)
#define N_VISIBLE (N_ASSIGNED * N_PER_STARTER / 2)

typedef struct {
  char uuid[37];
  char name[40];
} Person;

typedef struct {
  LbInstrument *inst;
  GPtrArray    *items;      /* LbNode, borrowed from inst */
  Person        me;
  Person        starters[N_STARTERS];
  Person        coaches[N_COACHES];
  Person        assessors[N_ASSESSORS];
  Person        leaders[N_LEADERS];
} Board;

/* ---- generated observations ---- */

static void
person_init (Person *p, const char *uuid, const char *fmt, guint i)
{
  g_strlcpy (p->uuid, uuid, sizeof p->uuid);
  g_snprintf (p->name, sizeof p->name, fmt, i);
}

static LbPerson *
lb_person_of (const Person *p, gboolean starter)
{
  LbPerson *lp = lb_person_new ();
  lp->uuid = g_strdup (p->uuid);
  lp->name = g_strdup (p->name);
  lp->is_starter = starter;
  return lp;
}

static char *
timestamp (gint64 unix_s, guint ms)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (unix_s);
  g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03uZ", s, ms % 1000);
}

static void
add_scores (LbObservation *o, Board *b, guint seed)
{
  for (guint i = 0; i < b->items->len; i++)
    {
      LbScale *scale = lb_bench_scale_of (b->items->pdata[i]);
      LbScore *s = g_new0 (LbScore, 1);
      s->item_id = g_strdup (lb_node_get_id (b->items->pdata[i]));
      s->level_id = g_strdup (lb_scale_get_level (scale, (seed + i * 7) % lb_scale_get_n_levels (scale))->id);
      g_ptr_array_add (o->scores, s);
      LbNode *ind = lb_node_get_n_children (b->items->pdata[i]) ? lb_node_get_child (b->items->pdata[i], 0) : NULL;
      if (ind != NULL && (seed + i) % 3 == 0)
        {
          LbMark *m = g_new0 (LbMark, 1);
          m->indicator_id = g_strdup (lb_node_get_id (ind));
          m->code = g_strdup ("yes");
          g_ptr_array_add (o->marks, m);
        }
    }
}

static void
add_notes (LbObservation *o, Board *b, guint seed, gint64 at)
{
  for (guint i = 0; i < 5; i++)
    {
      LbNote *n = g_new0 (LbNote, 1);
      n->uuid = g_uuid_string_random ();
      n->minute = (int) (i * 8 + seed % 5);
      n->created_at = timestamp (at + n->minute * 60, seed + i);
      n->text = g_strdup_printf ("Notitie %u: de leerkracht geeft instructie aan de instructietafel, "
                                 "loopt daarna een ronde en geeft %u leerlingen feedback.", i, 2 + seed % 9);
      const char *linked[] = { lb_node_get_id (b->items->pdata[(seed + i) % b->items->len]), NULL };
      n->item_ids = g_strdupv ((char **) linked);
      g_ptr_array_add (o->notes, n);
    }
}

/* A complete final observation, as a tablet would have made it. */
static LbObservation *
generate (Board *b, const Person *starter, const Person *observer, LbRole role, LbPurpose purpose,
          guint seed)
{
  LbObservation *o = lb_observation_new ();
  gint64 day = 1693180800 + (gint64) (seed % 1000) * 86400;   /* from 2023-08-28 */
  gint64 at = day + (8 + seed % 6) * 3600 + (seed * 7 % 60) * 60;
  o->uuid = g_uuid_string_random ();
  o->instrument_id = g_strdup (lb_instrument_get_id (b->inst));
  o->instrument_version = g_strdup (lb_instrument_get_version (b->inst));
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (b->inst));
  o->starter = lb_person_of (starter, TRUE);
  o->observer = lb_person_of (observer, role == LB_ROLE_STARTER);
  o->observer_role = role;
  o->purpose = purpose;
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (at);
  o->date = g_date_time_format (t, "%Y-%m-%d");
  o->start_time = g_date_time_format (t, "%H:%M");
  o->school = g_strdup_printf ("Basisschool %u", seed % 60);
  o->group = g_strdup_printf ("groep %u", 1 + seed % 8);
  o->pupils = 20 + (int) (seed % 12);
  o->subject = g_strdup (seed % 2 ? "rekenen" : "begrijpend lezen");
  o->lesson_goal = g_strdup ("De leerlingen kunnen uitleggen hoe zij tot hun antwoord kwamen.");
  o->tops = g_strdup ("Duidelijke uitleg met een goed voorbeeld; rustige overgangen.");
  o->tips = g_strdup ("Meer wachttijd na een vraag; laat leerlingen elkaar aanvullen.");
  o->agreements = g_strdup ("Volgende les: coöperatieve werkvorm bij de verwerking.");
  add_scores (o, b, seed);
  add_notes (o, b, seed, at);
  o->status = LB_STATUS_FINAL;
  o->signed_by = g_strdup (observer->name);
  o->signed_at = timestamp (at + 3600, seed);
  o->created_at = timestamp (at, seed);
  o->updated_at = g_strdup (o->signed_at);
  o->content_hash = lb_observation_compute_hash (o);
  o->revision = 30;
  return o;
}

/* Who observes starter s in slot k: a quarter of each purpose; the
 * assessor of the assigned starters does half of their assessments. */
static LbObservation *
generate_slot (Board *b, guint s, guint k)
{
  const Person *st = &b->starters[s];
  guint seed = s * N_PER_STARTER + k;
  switch (k % 4)
    {
    case 0:
      return generate (b, st, &b->coaches[s % N_COACHES], LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, seed);
    case 1:
      return generate (b, st, s < N_ASSIGNED && k % 8 == 1 ? &b->me : &b->assessors[s % N_ASSESSORS],
                       LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, seed);
    case 2:
      return generate (b, st, &b->leaders[s % N_LEADERS], LB_ROLE_SCHOOL_LEADER, LB_PURPOSE_KLASSENBEZOEK, seed);
    default:
      return generate (b, st, st, LB_ROLE_STARTER, LB_PURPOSE_ZELFBEOORDELING, seed);
    }
}

/* ---- COPY ---- */

/* COPY's text format: backslash escapes for what would end a field or row. */
static void
copy_field (GString *row, const char *value, gboolean last)
{
  if (value == NULL)
    g_string_append (row, "\\N");
  for (const char *c = value; c && *c; c++)
    switch (*c)
      {
      case '\\': g_string_append (row, "\\\\"); break;
      case '\n': g_string_append (row, "\\n"); break;
      case '\r': g_string_append (row, "\\r"); break;
      case '\t': g_string_append (row, "\\t"); break;
      default: g_string_append_c (row, *c);
      }
  g_string_append_c (row, last ? '\n' : '\t');
}

#define OBS_COLUMNS "uuid, starter, observer, role, purpose, status, date, content_hash, body"

/* One observation row for COPY … (OBS_COLUMNS [, created_at, updated_at]). */
static void
copy_observation (GString *row, LbObservation *o, gboolean with_times)
{
  g_autofree char *body = lb_observation_canonical (o);
  copy_field (row, o->uuid, FALSE);
  copy_field (row, o->starter->uuid, FALSE);
  copy_field (row, o->observer->uuid, FALSE);
  copy_field (row, lb_role_to_string (o->observer_role), FALSE);
  copy_field (row, lb_purpose_to_string (o->purpose), FALSE);
  copy_field (row, "final", FALSE);
  copy_field (row, o->date, FALSE);
  copy_field (row, o->content_hash, FALSE);
  copy_field (row, body, !with_times);
  if (with_times)
    {
      copy_field (row, o->created_at, FALSE);
      copy_field (row, o->updated_at, TRUE);
    }
}

static void
copy_begin (PGconn *conn, const char *sql)
{
  g_autoptr(PGresult) r = PQexec (conn, sql);
  if (PQresultStatus (r) != PGRES_COPY_IN)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
}

static void
copy_put (PGconn *conn, GString *data)
{
  if (PQputCopyData (conn, data->str, (int) data->len) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  g_string_truncate (data, 0);
}

static void
copy_end (PGconn *conn)
{
  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  g_autoptr(PGresult) r = PQgetResult (conn);
  if (PQresultStatus (r) != PGRES_COMMAND_OK)
    g_error ("COPY: %s", PQresultErrorMessage (r));
  for (PGresult *more; (more = PQgetResult (conn)) != NULL;)
    PQclear (more);
}

/* ---- the board on the server ---- */

static PGconn *
admin_of (ServerCluster *c, const char *db)
{
  g_autofree char *url = g_strdup_printf ("%s dbname=%s", c->admin_url, db);
  PGconn *conn = PQconnectdb (url);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("admin connection to %s: %s", db, PQerrorMessage (conn));
  g_autoptr(PGresult) r = server_ok (conn, "SET client_min_messages = error", 0);
  return conn;
}

/* lesbezoek-server init on another database of the cluster. */
static void
init_database (ServerCluster *c, const char *db)
{
  g_autofree char *saved = c->admin_url;
  c->admin_url = g_strdup_printf ("%s dbname=%s", saved, db);
  g_autofree char *err = NULL;
  if (server_tool (c, NULL, NULL, &err, "init", NULL) != 0)
    g_error ("lesbezoek-server init %s: %s", db, err);
  g_free (c->admin_url);
  c->admin_url = g_steal_pointer (&saved);
}

static void
make_people (Board *b)
{
  for (guint i = 0; i < N_STARTERS; i++)
    {
      g_autofree char *u = g_uuid_string_random ();
      person_init (&b->starters[i], u, "Starter %04u", i);
    }
  Person *groups[] = { b->coaches, b->assessors, b->leaders };
  guint counts[] = { N_COACHES, N_ASSESSORS, N_LEADERS };
  const char *names[] = { "Coach %03u", "Beoordelaar %03u", "Schoolleider %03u" };
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < counts[g]; i++)
      {
        g_autofree char *u = g_uuid_string_random ();
        person_init (&groups[g][i], u, names[g], i);
      }
}

static void
put_person (GString *data, const Person *p, gboolean starter)
{
  copy_field (data, p->uuid, FALSE);
  copy_field (data, p->name, FALSE);
  copy_field (data, "Stichting Bench", FALSE);
  copy_field (data, starter ? "t" : "f", TRUE);
}

static void
put_assignment (GString *data, const Person *observer, const Person *starter, const char *role)
{
  copy_field (data, observer->uuid, FALSE);
  copy_field (data, starter->uuid, FALSE);
  copy_field (data, role, TRUE);
}

/* The people and assignments of the starters a database holds; in the
 * small one the assessor exists as a person and account only (the login
 * is the cluster's, made in the big one). */
static void
load_people (PGconn *conn, Board *b, guint n_starters, gboolean add_me)
{
  g_autoptr(GString) data = g_string_new (NULL);
  if (add_me)
    {
      g_autoptr(PGresult) p = server_ok (conn, "INSERT INTO lesbezoek.person (id, name) VALUES ($1, $2)", 2,
                                         b->me.uuid, b->me.name);
      g_autoptr(PGresult) a = server_ok (conn, "INSERT INTO lesbezoek.account (login, person) VALUES ($1, $2)",
                                         2, LOGIN, b->me.uuid);
    }
  copy_begin (conn, "COPY lesbezoek.person (id, name, board, is_starter) FROM STDIN");
  for (guint i = 0; i < n_starters; i++)
    put_person (data, &b->starters[i], TRUE);
  for (guint i = 0; i < N_COACHES; i++)
    put_person (data, &b->coaches[i], FALSE);
  for (guint i = 0; i < N_ASSESSORS; i++)
    put_person (data, &b->assessors[i], FALSE);
  for (guint i = 0; i < N_LEADERS; i++)
    put_person (data, &b->leaders[i], FALSE);
  copy_put (conn, data);
  copy_end (conn);
  copy_begin (conn, "COPY lesbezoek.assignment (observer, starter, role) FROM STDIN");
  for (guint s = 0; s < n_starters; s++)
    {
      put_assignment (data, &b->coaches[s % N_COACHES], &b->starters[s], "coach");
      put_assignment (data, &b->assessors[s % N_ASSESSORS], &b->starters[s], "assessor");
      put_assignment (data, &b->leaders[s % N_LEADERS], &b->starters[s], "school-leader");
      if (s < N_ASSIGNED)
        put_assignment (data, &b->me, &b->starters[s], "assessor");
    }
  copy_put (conn, data);
  copy_end (conn);
}

/* The observations, in an order that spreads every starter's rows over the
 * feed; the small database gets the rows of its starters in the same
 * order. Triggers are off for the load (session_replication_role), so the
 * feed rows are written here, in the same order, as the triggers would. */
static void
load_observations (PGconn *big, PGconn *small, Board *b)
{
  const char *copy = "COPY lesbezoek.observation (" OBS_COLUMNS ", created_at, updated_at) FROM STDIN";
  PGconn *conns[] = { big, small };
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PGresult) r = server_ok (conns[i], "SET session_replication_role = replica", 0);
      copy_begin (conns[i], copy);
    }
  g_autoptr(GString) data = g_string_new (NULL);
  for (guint j = 0; j < N_ROWS; j++)
    {
      guint i = (guint) (((guint64) j * 7919) % N_ROWS);   /* 7919 is prime: a permutation */
      guint s = i / N_PER_STARTER;
      g_autoptr(LbObservation) o = generate_slot (b, s, i % N_PER_STARTER);
      copy_observation (data, o, TRUE);
      if (s < N_SMALL_STARTERS)
        PQputCopyData (small, data->str, (int) data->len);
      copy_put (big, data);
    }
  for (guint i = 0; i < 2; i++)
    {
      copy_end (conns[i]);
      g_autoptr(PGresult) feed = server_ok (conns[i],
        "INSERT INTO lesbezoek.change_feed (observation, starter, kind, version, changed_by, changed_at) "
        "SELECT uuid, starter, 'created', 1, pushed_by, created_at FROM lesbezoek.observation "
        "ORDER BY created_at, uuid", 0);
      g_autoptr(PGresult) reset = server_ok (conns[i], "RESET session_replication_role", 0);
      g_autoptr(PGresult) analyze = server_ok (conns[i], "VACUUM ANALYZE", 0);
    }
}

static gint64
count_as (PGconn *conn, const char *sql)
{
  g_autoptr(PGresult) r = server_ok (conn, sql, 0);
  return g_ascii_strtoll (PQgetvalue (r, 0, 0), NULL, 10);
}

static void
build_server (ServerCluster *c, Board *b, GString *notes)
{
  gint64 t0 = lb_bench_now_ns ();
  g_autofree char *err = NULL;
  if (server_tool (c, NULL, NULL, &err, "init", NULL) != 0)
    g_error ("lesbezoek-server init: %s", err);
  g_autofree char *me = server_add_user (c, LOGIN, "assessor", NULL);
  g_strlcpy (b->me.uuid, me, sizeof b->me.uuid);
  g_strlcpy (b->me.name, LOGIN, sizeof b->me.name);
  {
    g_autoptr(PGconn) postgres = admin_of (c, "postgres");
    g_autoptr(PGresult) r = server_ok (postgres, "CREATE DATABASE " DB_SMALL, 0);
  }
  init_database (c, DB_SMALL);
  g_autoptr(PGconn) big = admin_of (c, DB_BIG);
  g_autoptr(PGconn) small = admin_of (c, DB_SMALL);
  make_people (b);
  load_people (big, b, N_STARTERS, FALSE);
  load_people (small, b, N_SMALL_STARTERS, TRUE);
  load_observations (big, small, b);
  /* The push floor's COPY logs in as the superuser over TLS, as the
   * assessor does. */
  char *password = PQescapeLiteral (big, server_password (SUPERUSER), strlen (server_password (SUPERUSER)));
  g_autofree char *alter = g_strdup_printf ("ALTER ROLE " SUPERUSER " PASSWORD %s", password);
  PQfreemem (password);
  g_autoptr(PGresult) altered = server_ok (big, alter, 0);
  g_autoptr(PGconn) as_me = server_login (c, LOGIN);
  gint64 visible = count_as (as_me, "SELECT count(*) FROM lesbezoek.observation");
  if (visible != N_VISIBLE)
    g_error ("the assessor sees %" G_GINT64_FORMAT " observations, not %d", visible, N_VISIBLE);
  g_autofree char *size = server_column (big, "SELECT pg_size_pretty (pg_database_size (current_database ()))", 0);
  g_string_append_printf (notes, "  server: %d and %d final observations (%s), %d visible to the assessor, "
                          "made in %.1f s\n", N_ROWS, N_SMALL_STARTERS * N_PER_STARTER, size, N_VISIBLE,
                          (lb_bench_now_ns () - t0) / 1e9);
}

/* ---- the measured children ---- */

typedef struct {
  const char *mode;
  const char *db;       /* tablet database, or the COPY file */
  const char *dbname;   /* the server's database */
  int         port;
  const char *ca;
} ChildArgs;

static LbSyncConfig *
child_config (const ChildArgs *a)
{
  LbSyncConfig *cfg = lb_sync_config_new ();
  cfg->server = g_strdup_printf ("localhost:%d", a->port);
  cfg->dbname = g_strdup (a->dbname);
  cfg->user = g_strdup (LOGIN);
  cfg->password = g_strdup (server_password (LOGIN));
  cfg->ca_file = g_strdup (a->ca);
  cfg->statement_timeout_ms = 120000;
  return cfg;
}

/* The floor's connection: what lb-sync.c asks of libpq, TLS included. */
static PGconn *
child_connect (const ChildArgs *a, const char *login)
{
  g_autofree char *port = g_strdup_printf ("%d", a->port);
  const char *keys[] = { "host", "port", "user", "password", "dbname", "sslmode", "sslrootcert",
                         "application_name", "client_encoding", NULL };
  const char *values[] = { "localhost", port, login, server_password (login), a->dbname, "verify-full",
                           a->ca, "bench", "UTF8", NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 0);
  if (PQstatus (conn) != CONNECTION_OK || !PQsslInUse (conn))
    g_error ("connecting: %s", PQerrorMessage (conn));
  return conn;
}

typedef struct {
  gint64 start;
  gint64 pushed;   /* when the push phase ended */
} PushClock;

static void
push_clock_cb (LbSyncPhase phase, guint done, guint total, gpointer data)
{
  PushClock *clock = data;
  if (g_getenv ("LB_BENCH_SYNC_TRACE"))   /* where a sync spends its time */
    g_printerr ("  %8.1f ms  phase %d  %u/%u\n", (lb_bench_now_ns () - clock->start) / 1e6, phase, done, total);
  if (clock->pushed == 0 && (phase == LB_SYNC_PHASE_PULL || (phase == LB_SYNC_PHASE_PUSH && done == total)))
    clock->pushed = lb_bench_now_ns ();
}

/* lb_sync_run on the tablet; prints "ms push_ms pulled created". */
static int
child_sync (const ChildArgs *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (a->db, &error);
  lb_bench_check (store != NULL, error, "opening the tablet");
  g_autoptr(LbSyncConfig) cfg = child_config (a);
  PushClock clock = { lb_bench_now_ns (), 0 };
  g_autoptr(LbSyncReport) report = lb_sync_run (store, cfg, push_clock_cb, &clock, NULL, &error);
  gint64 end = lb_bench_now_ns ();
  lb_bench_check (report != NULL, error, "syncing");
  g_print ("%.3f %.3f %u %u\n", (end - clock.start) / 1e6, (clock.pushed - clock.start) / 1e6,
           report->pulled, report->created);
  return 0;
}

/* The floor of a first sync: the rows the login may see, fetched. */
static int
child_select (const ChildArgs *a)
{
  gint64 t0 = lb_bench_now_ns ();
  g_autoptr(PGconn) conn = child_connect (a, LOGIN);
  g_autoptr(PGresult) r = PQexec (conn, "SELECT uuid, status, version, content_hash, created_at, updated_at, body "
                                        "FROM lesbezoek.observation");
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    g_error ("SELECT: %s", PQresultErrorMessage (r));
  gint64 t1 = lb_bench_now_ns ();
  g_print ("%.3f %.3f %d 0\n", (t1 - t0) / 1e6, (t1 - t0) / 1e6, PQntuples (r));
  return 0;
}

/* The floor of a push: the same number of rows of the same kind, COPYed
 * over the same kind of connection. As the superuser: PostgreSQL refuses
 * COPY FROM into a table with row-level security for everyone else. The
 * triggers (hash check, change feed) still run for every row. */
static int
child_copy (const ChildArgs *a)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  lb_bench_check (g_file_get_contents (a->db, &data, &len, &error), error, "reading the rows");
  gint64 t0 = lb_bench_now_ns ();
  g_autoptr(PGconn) conn = child_connect (a, SUPERUSER);
  copy_begin (conn, "COPY lesbezoek.observation (" OBS_COLUMNS ") FROM STDIN");
  if (PQputCopyData (conn, data, (int) len) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  copy_end (conn);
  gint64 t1 = lb_bench_now_ns ();
  g_print ("%.3f %.3f 0 %d\n", (t1 - t0) / 1e6, (t1 - t0) / 1e6, N_PUSH);
  return 0;
}

static int
child_main (const ChildArgs *a)
{
  if (g_str_equal (a->mode, "sync"))
    return child_sync (a);
  if (g_str_equal (a->mode, "select"))
    return child_select (a);
  if (g_str_equal (a->mode, "copy"))
    return child_copy (a);
  g_printerr ("bench-sync: unknown child mode %s\n", a->mode);
  return 2;
}

typedef struct {
  double ms;        /* all of it */
  double push_ms;   /* until the push phase ended */
  guint  pulled;
  guint  created;
  double peak_mb;   /* RSS high-water mark */
} Result;

/* Runs this program again as a child; its own clock, wait4's memory. */
static Result
run_child (ServerCluster *c, const char *mode, const char *db, const char *dbname)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *port = g_strdup_printf ("%d", c->port);
  const char *argv[] = { self, "--child", mode, "--tablet", db, "--server-db", dbname, "--port", port,
                         "--ca", c->ca, NULL };
  int out[2];
  if (pipe (out) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  pid_t pid = fork ();
  if (pid == 0)
    {
      dup2 (out[1], STDOUT_FILENO);
      close (out[0]);
      close (out[1]);
      execv (self, (char **) argv);
      _exit (127);
    }
  close (out[1]);
  g_autoptr(GString) text = g_string_new (NULL);
  char buf[256];
  for (ssize_t n; (n = read (out[0], buf, sizeof buf)) != 0;)
    if (n > 0)
      g_string_append_len (text, buf, n);
    else if (errno != EINTR)
      break;
  close (out[0]);
  int status;
  struct rusage ru;
  while (wait4 (pid, &status, 0, &ru) < 0 && errno == EINTR)
    ;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the %s child failed", mode);
  Result r = { 0 };
  if (sscanf (text->str, "%lf %lf %u %u", &r.ms, &r.push_ms, &r.pulled, &r.created) != 4)
    g_error ("the %s child said: %s", mode, text->str);
  r.peak_mb = ru.ru_maxrss / 1024.0;
  return r;
}

/* ---- 1 and 2: the first sync ---- */

typedef struct {
  GArray *ms;
  GArray *mb;
} Series;

static void
series_add (Series *s, double ms, double mb)
{
  if (s->ms == NULL)
    {
      s->ms = g_array_new (FALSE, FALSE, sizeof (double));
      s->mb = g_array_new (FALSE, FALSE, sizeof (double));
    }
  g_array_append_val (s->ms, ms);
  g_array_append_val (s->mb, mb);
}

static void
series_clear (Series *s)
{
  g_clear_pointer (&s->ms, g_array_unref);
  g_clear_pointer (&s->mb, g_array_unref);
}

enum { OURS_BIG, FLOOR_BIG, OURS_SMALL, FLOOR_SMALL, N_SERIES };

/* A fresh tablet for each first sync; the first one of the big database
 * is kept as the tablet that later pushes. */
static void
bench_first_sync (ServerCluster *c, const char *dir, guint rounds, Series *series, char **kept)
{
  for (guint r = 0; r < rounds + 1; r++)
    for (guint k = 0; k < N_SERIES; k++)
      {
        guint which = (r % 2) ? N_SERIES - 1 - k : k;   /* alternate the order */
        gboolean ours = which == OURS_BIG || which == OURS_SMALL;
        const char *dbname = which == OURS_BIG || which == FLOOR_BIG ? DB_BIG : DB_SMALL;
        g_autofree char *name = g_strdup_printf ("first-%u-%u.db", r, which);
        g_autofree char *tablet = g_build_filename (dir, name, NULL);
        Result res = run_child (c, ours ? "sync" : "select", tablet, dbname);
        if (res.pulled != N_VISIBLE)
          g_error ("a first sync brought %u observations, not %d", res.pulled, N_VISIBLE);
        if (r > 0)   /* warm-up */
          series_add (&series[which], res.ms, res.peak_mb);
        if (ours && *kept == NULL && which == OURS_BIG)
          *kept = g_steal_pointer (&tablet);
      }
}

/* ---- 3. pushing ---- */

static Board *board;

/* N_PUSH new final assessments by the assessor, for their starters. */
static GPtrArray *
new_assessments (guint round)
{
  GPtrArray *obs = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  for (guint i = 0; i < N_PUSH; i++)
    g_ptr_array_add (obs, generate (board, &board->starters[i % N_ASSIGNED], &board->me, LB_ROLE_ASSESSOR,
                                    LB_PURPOSE_SUMMATIEF, round * N_PUSH + i));
  return obs;
}

/* A copy of the synced tablet, up to date with the feed, plus N_PUSH new
 * final observations (imported in one transaction: quicker than making
 * each through the store, and the same rows in the end). */
static char *
push_tablet (const char *dir, const char *synced, guint round)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("push-%u.db", round);
  char *path = g_build_filename (dir, name, NULL);
  {
    g_autoptr(LbStore) from = lb_store_open (synced, &error);
    lb_bench_check (from != NULL && lb_store_backup (from, path, &error), error, "copying the tablet");
  }
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  lb_bench_check (store != NULL, error, "opening the tablet");
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_autoptr(GPtrArray) obs = new_assessments (round);
  for (guint i = 0; i < obs->len; i++)
    g_ptr_array_add (ex->observations, lb_observation_ref (obs->pdata[i]));
  LbImportReport report = { 0 };
  lb_bench_check (lb_store_import (store, ex, &report, &error), error, "importing");
  return path;
}

/* What earlier pushes and floors wrote is on the server, and the assessor
 * may see it: the tablet has it already, as if it had synced just now. */
static void
catch_up (ServerCluster *c, const char *tablet)
{
  g_autoptr(PGconn) admin = admin_of (c, DB_BIG);
  g_autofree char *seq = server_column (admin, "SELECT max (seq) FROM lesbezoek.change_feed", 0);
  sqlite3 *db;
  if (sqlite3_open (tablet, &db) != SQLITE_OK)
    g_error ("cannot open %s", tablet);
  g_autofree char *sql = g_strdup_printf ("UPDATE sync_account SET feed_seq = %s", seq);
  lb_bench_exec (db, sql);
  sqlite3_close (db);
}

static char *
push_copy_file (const char *dir, guint round)
{
  g_autoptr(GPtrArray) obs = new_assessments (round + 1000);
  g_autoptr(GString) data = g_string_new (NULL);
  for (guint i = 0; i < obs->len; i++)
    copy_observation (data, obs->pdata[i], FALSE);
  g_autofree char *name = g_strdup_printf ("push-%u.copy", round);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  lb_bench_check (g_file_set_contents (path, data->str, (gssize) data->len, &error), error, "writing");
  return path;
}

static void
bench_push (ServerCluster *c, const char *dir, const char *synced, guint rounds, Series *ours,
            Series *floor, Series *whole)
{
  for (guint r = 0; r < rounds + 1; r++)
    {
      g_autofree char *tablet = push_tablet (dir, synced, r);
      g_autofree char *copy = push_copy_file (dir, r);
      for (guint k = 0; k < 2; k++)
        {
          gboolean do_ours = (r + k) % 2 == 0;
          if (do_ours)
            catch_up (c, tablet);
          Result res = run_child (c, do_ours ? "sync" : "copy", do_ours ? tablet : copy, DB_BIG);
          if (res.created != N_PUSH)
            g_error ("a push created %u observations, not %d", res.created, N_PUSH);
          if (r == 0)
            continue;
          series_add (do_ours ? ours : floor, do_ours ? res.push_ms : res.ms, res.peak_mb);
          if (do_ours)
            series_add (whole, res.ms, res.peak_mb);
        }
    }
}

/* ---- main ---- */

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  for (const char *name; d && (name = g_dir_read_name (d));)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
memory_note (GString *notes, const char *what, Series *ours, Series *floor)
{
  g_string_append_printf (notes, "  peak memory (RSS high-water mark), %s: lesbezoek %.1f MB, floor %.1f MB\n",
                          what, lb_bench_median (ours->mb), lb_bench_median (floor->mb));
}

/* --hold: the server is left running for a look with psql (EXPLAIN
 * ANALYZE as the assessor: SET ROLE "bench-assessor") until stdin ends. */
static void
hold (ServerCluster *c, GString *notes)
{
  g_print ("%s  psql -h %s -p %d -U " SUPERUSER " -d " DB_BIG "   (Enter ends)\n", notes->str, c->dir, c->port);
  char line[16];
  if (fgets (line, sizeof line, stdin) == NULL)
    return;
}

static void
run_benchmarks (ServerCluster *c, const char *dir, guint rounds, gboolean hold_server)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  build_server (c, board, notes);
  if (hold_server)
    return hold (c, notes);

  Series first[N_SERIES] = { { 0 } };
  g_autofree char *synced = NULL;
  bench_first_sync (c, dir, rounds, first, &synced);
  Series push = { 0 }, copy = { 0 }, whole = { 0 };
  bench_push (c, dir, synced, rounds, &push, &copy, &whole);

  g_autoptr(LbBenchTable) t1 = lb_bench_table_new ("sync: first sync of a fresh tablet, 2,000 of 100,000 "
                                                   "observations visible", "SELECT", NULL, rounds);
  lb_bench_table_add_row (t1, "first sync (pull 2,000)", 0, first[OURS_BIG].ms, first[FLOOR_BIG].ms, NULL);
  g_autoptr(LbBenchTable) t2 = lb_bench_table_new ("sync: the same first sync at 100,000 server rows "
                                                   "(lesbezoek) vs 10,000 (baseline)", "10k rows", NULL, rounds);
  lb_bench_table_add_row (t2, "first sync (lb_sync_run)", 0, first[OURS_BIG].ms, first[OURS_SMALL].ms, NULL);
  lb_bench_table_add_row (t2, "floor (the user's SELECT)", 0, first[FLOOR_BIG].ms, first[FLOOR_SMALL].ms, NULL);
  g_autoptr(LbBenchTable) t3 = lb_bench_table_new ("sync: pushing 1,000 final observations "
                                                   "(server: 100,000+)", "COPY", NULL, rounds);
  lb_bench_table_add_row (t3, "push (connect .. pushed)", 0, push.ms, copy.ms, NULL);
  lb_bench_table_add_row (t3, "whole sync (push, pull back)", 0, whole.ms, copy.ms, NULL);

  lb_bench_table_print (t1);
  lb_bench_table_print (t2);
  lb_bench_table_print (t3);
  memory_note (notes, "first sync", &first[OURS_BIG], &first[FLOOR_BIG]);
  memory_note (notes, "push", &whole, &copy);
  g_print ("%s", notes->str);
  for (guint i = 0; i < N_SERIES; i++)
    series_clear (&first[i]);
  series_clear (&push);
  series_clear (&copy);
  series_clear (&whole);
}

int
main (int argc, char *argv[])
{
  int rounds = 5;
  g_autofree char *parent = NULL;
  ChildArgs child = { 0 };
  gboolean hold_server = FALSE;
  GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Interleaved rounds (default 5)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &parent, "Where to make the tablets (default: $TMPDIR)", "DIR" },
    { "hold", 0, 0, G_OPTION_ARG_NONE, &hold_server, "Only make the server, and keep it for psql until Enter", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child.mode, NULL, NULL },
    { "tablet", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child.db, NULL, NULL },
    { "server-db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child.dbname, NULL, NULL },
    { "port", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &child.port, NULL, NULL },
    { "ca", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child.ca, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time syncing with the shared dossier");
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("bench-sync: %s\n", error ? error->message : "--rounds must be at least 1");
      return 2;
    }
  if (child.mode != NULL)
    return child_main (&child);
  const char *skip = server_test_skip_reason ();
  if (skip != NULL)
    {
      g_print ("\nsync: skipped: %s\n", skip);
      return 0;
    }
  if (g_getenv ("LESBEZOEK_SERVER_BIN") == NULL)
    g_setenv ("LESBEZOEK_SERVER_BIN", LB_SERVER_BIN, TRUE);

  g_autofree char *template = g_build_filename (parent ? parent : g_get_tmp_dir (), "lb-bench-sync-XXXXXX", NULL);
  g_autofree char *dir = g_mkdtemp (g_steal_pointer (&template));
  if (dir == NULL)
    g_error ("cannot make a directory for the tablets: %s", g_strerror (errno));
  board = g_new0 (Board, 1);
  board->inst = lb_instrument_load_default (&error);
  lb_bench_check (board->inst != NULL, error, "loading the default instrument");
  board->items = lb_instrument_get_items (board->inst);
  ServerCluster *c = server_cluster_start ();
  run_benchmarks (c, dir, (guint) rounds, hold_server);
  server_cluster_stop (c);
  remove_dir (dir);
  g_object_unref (board->inst);
  g_free (board);
  return 0;
}
