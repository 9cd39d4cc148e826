/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync"

/* The sync client (see lb-sync.h): libpq to the board's PostgreSQL, whose
 * schema (server/migrations) decides who may see and write what; this file
 * only follows its rules and tells the user what happened.
 *
 * Every query is sent asynchronously and waited for with poll() against a
 * deadline of our own: a frozen server (kill -STOP) still ACKs TCP from the
 * kernel, so neither keepalives nor tcp_user_timeout would ever fire, and
 * the server's statement_timeout cannot help when the server is not
 * running. The same wait checks the GCancellable. */

#include "config.h"
#include "lb-sync.h"
#include "lb-sync-private.h"
#include "lb-sync-instruments.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <errno.h>
#include <poll.h>
#include <string.h>

G_DEFINE_QUARK (lb-sync-error-quark, lb_sync_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define PULL_BATCH 500

/* Rows per pulled batch; a test may make it small to see batches. */
static int
pull_batch_size (void)
{
  const char *test = g_getenv ("LESBEZOEK_SYNC_TEST_BATCH");
  int n = test ? atoi (test) : 0;
  return n > 0 ? n : PULL_BATCH;
}

typedef struct {
  LbStore            *store;
  const LbSyncConfig *cfg;
  PGconn             *conn;
  GCancellable       *cancellable;
  LbSyncProgressFunc  progress;
  gpointer            data;
  char               *where;        /* the server, for messages */
  char               *account;      /* the server as the local db keys it */
  char               *me;           /* the login's person */
  gboolean            starter_role; /* holds lb_starter */
  gboolean            register_only;
  GHashTable         *assignments;  /* "starter role" → GINT_TO_POINTER (active) */
  guint               writes;       /* for the lost-acknowledgement test hook */
  GPtrArray          *records;      /* pushed, not yet recorded locally: LbSyncRecord */
  LbSyncInstruments  *instruments;  /* lb-sync-instruments.c */
  LbSyncAddenda      *addenda;      /* lb-sync-addenda.c */
  LbSyncReport       *report;
} Sync;

/* ---- config, report ---- */

LbSyncConfig *
lb_sync_config_new (void)
{
  return g_new0 (LbSyncConfig, 1);
}

LbSyncConfig *
lb_sync_config_copy (const LbSyncConfig *cfg)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  LbSyncConfig *copy = g_new0 (LbSyncConfig, 1);
  copy->server = g_strdup (cfg->server);
  copy->dbname = g_strdup (cfg->dbname);
  copy->user = g_strdup (cfg->user);
  copy->password = g_strdup (cfg->password);
  copy->ca_file = g_strdup (cfg->ca_file);
  copy->cert_file = g_strdup (cfg->cert_file);
  copy->key_file = g_strdup (cfg->key_file);
  copy->connect_timeout_s = cfg->connect_timeout_s;
  copy->statement_timeout_ms = cfg->statement_timeout_ms;
  return copy;
}

void
lb_sync_config_free (LbSyncConfig *cfg)
{
  if (cfg == NULL)
    return;
  g_free (cfg->server);
  g_free (cfg->dbname);
  g_free (cfg->user);
  if (cfg->password)
    memset (cfg->password, 0, strlen (cfg->password));
  g_free (cfg->password);
  g_free (cfg->ca_file);
  g_free (cfg->cert_file);
  g_free (cfg->key_file);
  g_free (cfg);
}

void
lb_sync_issue_free (LbSyncIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->uuid);
  g_free (issue->reason);
  g_free (issue);
}

void
lb_sync_report_free (LbSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->person_uuid);
  g_clear_pointer (&report->issues, g_ptr_array_unref);
  g_free (report);
}

gboolean
lb_sync_report_needs_attention (const LbSyncReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  if (report->refused + report->conflicts + report->revoked > 0)
    return TRUE;
  /* not sent for another reason: an unknown starter, a role the server lacks */
  for (guint i = 0; report->issues && i < report->issues->len; i++)
    if (((LbSyncIssue *) report->issues->pdata[i])->kind == LB_SYNC_ISSUE_UNKNOWN)
      return TRUE;
  return FALSE;
}

void
lb_sync_report_add_issue (LbSyncReport *report, const char *uuid, LbSyncIssueKind kind,
                          const char *reason)
{
  LbSyncIssue *issue = g_new0 (LbSyncIssue, 1);
  issue->uuid = g_strdup (uuid);
  issue->kind = kind;
  issue->reason = g_strdup (reason);
  g_ptr_array_add (report->issues, issue);
}

void
lb_sync_state_clear (LbSyncState *state)
{
  g_clear_pointer (&state->last_sync, g_free);
  g_clear_pointer (&state->person_uuid, g_free);
}

/* ---- talking to the server ---- */

static guint
statement_timeout_ms (const LbSyncConfig *cfg)
{
  return cfg->statement_timeout_ms ? cfg->statement_timeout_ms : 15000;
}

/* libpq's messages end in a newline, and may span lines. */
static char *
one_line (const char *message)
{
  char *line = g_strstrip (g_strdup (message));
  return g_strdelimit (line, "\n\t", ' ');
}

static void
set_offline (Sync *s, GError **error, const char *detail)
{
  g_autofree char *line = one_line (detail);
  g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_OFFLINE,
               _("The shared dossier at %s does not answer (%s). Nothing was lost: what was not "
                 "sent stays on this tablet. Sync again when the network is back."),
               s->where, line);
}

/* Waits for the socket, the deadline or a cancellation. */
static gboolean
wait_readable (Sync *s, gint64 deadline, GError **error)
{
  while (PQisBusy (s->conn))
    {
      if (g_cancellable_set_error_if_cancelled (s->cancellable, error))
        return FALSE;
      gint64 left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        return set_offline (s, error, _("no answer within the time limit")), FALSE;
      struct pollfd p = { PQsocket (s->conn), POLLIN, 0 };
      if (poll (&p, 1, (int) MIN (left / 1000 + 1, 200)) < 0 && errno != EINTR)
        return set_offline (s, error, g_strerror (errno)), FALSE;
      if (!PQconsumeInput (s->conn))
        return set_offline (s, error, PQerrorMessage (s->conn)), FALSE;
    }
  return TRUE;
}

/* Runs one statement. NULL (error set) only when the connection is gone or
 * the wait was cancelled; a statement the server refused returns its
 * result, for the caller to look at its SQLSTATE. */
static PGresult *
query (Sync *s, GError **error, const char *sql, int n, const char * const *params)
{
  if (s->conn == NULL)   /* dropped after an earlier failure */
    return set_offline (s, error, _("no answer within the time limit")), NULL;
  if (!PQsendQueryParams (s->conn, sql, n, NULL, params, NULL, NULL, 0))
    return set_offline (s, error, PQerrorMessage (s->conn)), NULL;
  gint64 deadline = g_get_monotonic_time () + (statement_timeout_ms (s->cfg) + 5000) * G_TIME_SPAN_MILLISECOND;
  PGresult *last = NULL;
  for (;;)
    {
      if (!wait_readable (s, deadline, error))
        {
          g_clear_pointer (&last, PQclear);
          /* The connection is in an unknown state: do not reuse it. */
          g_clear_pointer (&s->conn, PQfinish);
          return NULL;
        }
      PGresult *r = PQgetResult (s->conn);
      if (r == NULL)
        break;
      g_clear_pointer (&last, PQclear);
      last = r;
    }
  if (PQstatus (s->conn) == CONNECTION_BAD)
    {
      set_offline (s, error, last ? PQresultErrorMessage (last) : PQerrorMessage (s->conn));
      g_clear_pointer (&last, PQclear);
      return NULL;
    }
  return last;
}

static const char *
sqlstate (PGresult *r)
{
  const char *state = PQresultErrorField (r, PG_DIAG_SQLSTATE);
  return state ? state : "";
}

static gboolean
result_ok (PGresult *r)
{
  ExecStatusType t = PQresultStatus (r);
  return t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK;
}

/* A failure of a statement every sync needs. Operator intervention and
 * timeouts mean the server is going away or stuck: offline. */
static void
set_server_error (Sync *s, PGresult *r, GError **error)
{
  const char *state = sqlstate (r);
  if (g_str_has_prefix (state, "57") || g_str_has_prefix (state, "08") || g_str_equal (state, "55P03"))
    return set_offline (s, error, PQresultErrorMessage (r));
  g_autofree char *line = one_line (PQresultErrorMessage (r));
  g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER,
               _("The shared dossier at %s answered with an error: %s. Ask the board's administrator."),
               s->where, line);
}

static PGresult *
query_ok (Sync *s, GError **error, const char *sql, int n, const char * const *params)
{
  PGresult *r = query (s, error, sql, n, params);
  if (r && !result_ok (r))
    {
      set_server_error (s, r, error);
      g_clear_pointer (&r, PQclear);
    }
  return r;
}

/* ---- connecting ---- */

static gboolean
is_url (const char *server)
{
  return g_str_has_prefix (server, "postgresql://") || g_str_has_prefix (server, "postgres://");
}

static void
connect_error (Sync *s, GError **error)
{
  g_autofree char *msg = one_line (PQerrorMessage (s->conn));
  if (strstr (msg, "does not match host name"))
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REFUSED,
                 _("The server %s shows a certificate made for another name, so it may not be the "
                   "board's server. Nothing was sent. Check the server address with the board's "
                   "administrator (%s)."), s->where, msg);
  else if (strstr (msg, "certificate"))
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REFUSED,
                 _("The certificate of the server %s could not be verified with the CA file %s. "
                   "Nothing was sent. Ask the board's administrator for the right CA file (%s)."),
                 s->where, s->cfg->ca_file, msg);
  else if (PQconnectionNeedsPassword (s->conn) || strstr (msg, "authentication failed") ||
           strstr (msg, "pg_hba.conf") || strstr (msg, "role \""))
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REFUSED,
                 _("The shared dossier at %s refused the login “%s”: the user name or password is "
                   "wrong, or the login was removed. Nothing was sent (%s)."),
                 s->where, s->cfg->user, msg);
  else if (strstr (msg, "database \""))
    g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER,
                 _("The server %s has no such database; check the address (%s)."), s->where, msg);
  else
    set_offline (s, error, msg);
}

static gboolean
connect_server (Sync *s, GError **error)
{
  const LbSyncConfig *cfg = s->cfg;
  guint timeout = cfg->connect_timeout_s ? cfg->connect_timeout_s : 5;
  guint stmt = statement_timeout_ms (cfg);
  g_autofree char *connect_timeout = g_strdup_printf ("%u", timeout);
  g_autofree char *tcp_timeout = g_strdup_printf ("%u", timeout * 2000);
  g_autofree char *options = g_strdup_printf ("-c statement_timeout=%u -c lock_timeout=%u "
                                              "-c idle_in_transaction_session_timeout=%u",
                                              stmt, MIN (stmt, 5000u), stmt * 2);
  g_auto(GStrv) hostport = is_url (cfg->server) ? NULL : g_strsplit (cfg->server, ":", 2);
  const char *keys[24], *values[24];
  int n = 0;
#define KV(k, v) G_STMT_START { if ((v) != NULL) { keys[n] = (k); values[n] = (v); n++; } } G_STMT_END
  /* A URL first: what follows overrides it, sslmode above all. */
  KV ("dbname", is_url (cfg->server) ? cfg->server : (cfg->dbname ? cfg->dbname : "lesbezoek"));
  if (is_url (cfg->server))
    KV ("dbname", cfg->dbname);
  KV ("host", hostport ? hostport[0] : NULL);
  KV ("port", hostport ? hostport[1] : NULL);
  KV ("user", cfg->user);
  KV ("password", cfg->password);
  KV ("sslmode", "verify-full");
  KV ("sslrootcert", cfg->ca_file);
  KV ("sslcert", cfg->cert_file);
  KV ("sslkey", cfg->key_file);
  KV ("connect_timeout", connect_timeout);
  KV ("tcp_user_timeout", tcp_timeout);
  KV ("keepalives", "1");
  KV ("keepalives_idle", "10");
  KV ("keepalives_interval", "3");
  KV ("keepalives_count", "3");
  KV ("application_name", "lesbezoek");
  KV ("client_encoding", "UTF8");
  KV ("options", options);
#undef KV
  keys[n] = values[n] = NULL;
  s->conn = PQconnectdbParams (keys, values, 1);
  if (PQstatus (s->conn) != CONNECTION_OK)
    {
      connect_error (s, error);
      g_clear_pointer (&s->conn, PQfinish);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_config (const LbSyncConfig *cfg, GError **error)
{
  if (cfg->server && *cfg->server && cfg->user && *cfg->user && cfg->ca_file && *cfg->ca_file)
    return TRUE;
  g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_CONFIG,
               _("Syncing is not set up: give the server, the user name and the board's CA file "
                 "(lesbezoek sync --server HOST --user LOGIN --ca FILE, or in Preferences)."));
  return FALSE;
}

/* Who the login is, and what it may still do. */
static gboolean
load_identity (Sync *s, GError **error)
{
  g_autoptr(PGresult) r = query (s, error,
    "SELECT lesbezoek.me ()::text, lesbezoek.holds ('starter'), lesbezoek.register_only (), "
    "lesbezoek.holds ('assessor') OR lesbezoek.holds ('coach') OR lesbezoek.holds ('school-leader') "
    "OR lesbezoek.holds ('starter') OR lesbezoek.holds ('board-admin')", 0, NULL);
  if (r == NULL)
    return FALSE;
  if (!result_ok (r))
    {
      g_autofree char *line = one_line (PQresultErrorMessage (r));
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_SERVER,
                   _("The server %s holds no Lesbezoek shared dossier, or one of another version "
                     "(%s). Ask the board's administrator."), s->where, line);
      return FALSE;
    }
  if (PQgetisnull (r, 0, 0) || strcmp (PQgetvalue (r, 0, 3), "t") != 0)
    {
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REVOKED,
                   _("The login “%s” no longer has a person or a role in the shared dossier: nothing "
                     "was sent, and your observations stay on this tablet. Ask the board's "
                     "administrator."), s->cfg->user);
      return FALSE;
    }
  s->me = g_strdup (PQgetvalue (r, 0, 0));
  s->starter_role = strcmp (PQgetvalue (r, 0, 1), "t") == 0;
  s->register_only = strcmp (PQgetvalue (r, 0, 2), "t") == 0;
  return TRUE;
}

/* A new tablet learns who its user is from the server, so the user can
 * be chosen as observer (or found as the starter) right after the first
 * sync. A person already on the tablet is left as it is. */
static gboolean
ensure_me (Sync *s, GError **error)
{
  g_autoptr(LbPerson) known = lb_store_find_person (s->store, s->me, NULL);
  if (known)
    return TRUE;
  g_autoptr(PGresult) r = query_ok (s, error,
    "SELECT p.name, p.school, p.board, CASE WHEN lesbezoek.holds ('assessor') THEN 'assessor' "
    "WHEN lesbezoek.holds ('coach') THEN 'coach' WHEN lesbezoek.holds ('school-leader') THEN "
    "'school-leader' ELSE 'starter' END FROM lesbezoek.person p WHERE p.id = lesbezoek.me ()", 0, NULL);
  if (r == NULL)
    return FALSE;
  if (PQntuples (r) != 1)
    return TRUE;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->uuid = g_strdup (s->me);
  p->name = g_strdup (PQgetvalue (r, 0, 0));
  p->school = PQgetisnull (r, 0, 1) ? NULL : g_strdup (PQgetvalue (r, 0, 1));
  p->board = PQgetisnull (r, 0, 2) ? NULL : g_strdup (PQgetvalue (r, 0, 2));
  p->is_starter = s->starter_role;
  p->induction_year = s->starter_role ? 1 : 0;
  if (!lb_role_from_string (PQgetvalue (r, 0, 3), &p->role))
    p->role = LB_ROLE_ASSESSOR;
  g_autoptr(LbPerson) added = lb_store_add_person (s->store, p, error);
  return added != NULL;
}

/* The starters the user is assigned to come onto the tablet with the id
 * the server knows them by, so an observer can choose them for a new
 * observation right after a sync, and what they push names the starter
 * the server expects. People already on the tablet (by id) are left as
 * they are. */
static gboolean
ensure_my_starters (Sync *s, GError **error)
{
  g_autoptr(PGresult) r = query_ok (s, error,
    "SELECT DISTINCT p.id::text, p.name, p.school, p.board FROM lesbezoek.person p "
    "JOIN lesbezoek.assignment a ON a.starter = p.id "
    "WHERE a.observer = lesbezoek.me () AND a.revoked_at IS NULL AND lesbezoek.holds (a.role)", 0, NULL);
  if (r == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (r); i++)
    {
      g_autoptr(LbPerson) known = lb_store_find_person (s->store, PQgetvalue (r, i, 0), NULL);
      if (known)
        continue;
      g_autoptr(LbPerson) p = lb_person_new ();
      p->uuid = g_strdup (PQgetvalue (r, i, 0));
      p->name = g_strdup (PQgetvalue (r, i, 1));
      p->school = PQgetisnull (r, i, 2) ? NULL : g_strdup (PQgetvalue (r, i, 2));
      p->board = PQgetisnull (r, i, 3) ? NULL : g_strdup (PQgetvalue (r, i, 3));
      p->is_starter = TRUE;
      p->induction_year = 1;  /* the server does not keep it; the tablet's people update sets it */
      g_autoptr(LbPerson) added = lb_store_add_person (s->store, p, error);
      if (added == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_assignments (Sync *s, GError **error)
{
  g_autoptr(PGresult) r = query_ok (s, error,
    "SELECT starter::text, role, bool_or (revoked_at IS NULL AND lesbezoek.holds (role)) "
    "FROM lesbezoek.assignment WHERE observer = lesbezoek.me () GROUP BY starter, role", 0, NULL);
  if (r == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (r); i++)
    g_hash_table_insert (s->assignments, g_strdup_printf ("%s %s", PQgetvalue (r, i, 0), PQgetvalue (r, i, 1)),
                         GINT_TO_POINTER (strcmp (PQgetvalue (r, i, 2), "t") == 0));
  return TRUE;
}

/* ---- push ---- */

/* "assessor" → "assessor" in the user's language, as the app names roles. */
static char *
role_label (const char *role)
{
  LbRole r;
  if (!lb_role_from_string (role, &r))
    return g_strdup (role);
  return g_utf8_strdown (lb_role_to_label (r), -1);
}

static gboolean
flag (Sync *s, LbObservation *obs, const char *flag, LbSyncIssueKind kind, const char *reason,
      GError **error)
{
  lb_sync_report_add_issue (s->report, obs->uuid, kind, reason);
  return lb_store_sync_flag (s->store, obs->uuid, flag, reason, error);
}

static gboolean
flag_revoked (Sync *s, LbObservation *obs, const char *role, GError **error)
{
  g_autofree char *label = role_label (role);
  g_autofree char *reason = g_strdup_printf (
    _("You may no longer write as %s for %s (the assignment or the role was revoked): this "
      "observation was not sent and stays on this tablet. Ask the board's administrator."),
    label, obs->starter->name);
  s->report->revoked++;
  return flag (s, obs, "revoked", LB_SYNC_ISSUE_REVOKED, reason, error);
}

static gboolean
flag_unknown (Sync *s, LbObservation *obs, const char *reason, GError **error)
{
  return flag (s, obs, "unknown", LB_SYNC_ISSUE_UNKNOWN, reason, error);
}

/* May this login write this observation, as far as it knows? FALSE with
 * the observation flagged when not (no error), FALSE with error on
 * failure: tell them apart by *error. */
static gboolean
may_push (Sync *s, LbObservation *obs, const char *role, GError **error)
{
  if (!g_strv_contains ((const char *[]) { "assessor", "coach", "school-leader", "starter", NULL }, role))
    {
      g_autofree char *reason = g_strdup_printf (
        _("The shared dossier has no role “%s”: this observation was not sent."), role);
      return flag_unknown (s, obs, reason, error), FALSE;
    }
  if (g_str_equal (role, "starter"))
    return s->starter_role && g_strcmp0 (obs->starter->uuid, s->me) == 0
             ? TRUE : (flag_revoked (s, obs, role, error), FALSE);
  g_autofree char *key = g_strdup_printf ("%s %s", obs->starter->uuid, role);
  gpointer active;
  if (g_hash_table_lookup_extended (s->assignments, key, NULL, &active))
    return GPOINTER_TO_INT (active) ? TRUE : (flag_revoked (s, obs, role, error), FALSE);
  g_autofree char *label = role_label (role);
  g_autofree char *reason = g_strdup_printf (
    _("%s is not known in the shared dossier, or you were never assigned to them as %s: this "
      "observation was not sent. Ask the board's administrator to add them (lesbezoek-server "
      "user add … --person %s) and to assign you."), obs->starter->name, label, obs->starter->uuid);
  return flag_unknown (s, obs, reason, error), FALSE;
}

/* The test hook for a lost acknowledgement: after the Nth write has
 * committed on the server, drop the connection before recording it. */
static gboolean
lose_ack (Sync *s, GError **error)
{
  const char *hook = g_getenv ("LESBEZOEK_SYNC_TEST_LOSE_ACK");
  if (hook == NULL || ++s->writes != (guint) g_ascii_strtoull (hook, NULL, 10))
    return FALSE;
  g_clear_pointer (&s->conn, PQfinish);
  set_offline (s, error, "LESBEZOEK_SYNC_TEST_LOSE_ACK");
  return TRUE;
}

typedef struct {
  LbObservation *obs;
  const char    *role;
  char          *body;
  char          *hash;
  LbSyncRow      row;
} Push;

static gboolean
push_failed (Sync *s, Push *p, PGresult *r, GError **error)
{
  const char *state = sqlstate (r);
  if (g_str_equal (state, "LBC01"))
    {
      s->report->conflicts++;
      return flag (s, p->obs, "conflict", LB_SYNC_ISSUE_CONFLICT,
                   _("This draft was changed on this tablet and elsewhere. Both versions were kept; "
                     "decide which one counts before the next sync."), error);
    }
  if (g_str_equal (state, "42501"))
    return flag_revoked (s, p->obs, p->role, error);
  if (g_str_has_prefix (state, "57") || g_str_has_prefix (state, "08"))
    return set_offline (s, error, PQresultErrorMessage (r)), FALSE;
  g_autofree char *line = one_line (PQresultErrorMessage (r));
  g_autofree char *reason = g_strdup_printf (_("The shared dossier refused this observation: %s"), line);
  return flag_unknown (s, p->obs, reason, error);
}

#define RECORD_BATCH 100

static gboolean
flush_records (Sync *s, GError **error)
{
  gboolean ok = lb_store_sync_record_all (s->store, s->records, error);
  g_ptr_array_set_size (s->records, 0);
  return ok;
}

static gboolean
pushed (Sync *s, Push *p, const char *version, guint *counter, GError **error)
{
  if (lose_ack (s, error))
    return FALSE;
  (*counter)++;
  LbSyncRecord *r = g_new0 (LbSyncRecord, 1);
  r->uuid = g_strdup (p->obs->uuid);
  r->server_version = atoi (version);
  r->hash = g_strdup (p->hash);
  r->revision = p->obs->revision;
  g_ptr_array_add (s->records, r);
  return s->records->len < RECORD_BATCH || flush_records (s, error);
}

static gboolean
push_insert (Sync *s, Push *p, gboolean *exists, GError **error)
{
  const char *params[] = { p->obs->uuid, p->obs->starter->uuid, p->obs->observer->uuid, p->role,
                           lb_purpose_to_string (p->obs->purpose), lb_status_to_string (p->obs->status),
                           p->obs->date, p->hash, p->body };
  g_autoptr(PGresult) r = query (s, error,
    "INSERT INTO lesbezoek.observation (uuid, starter, observer, role, purpose, status, date, "
    "content_hash, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING version", 9, params);
  if (r == NULL)
    return FALSE;
  /* Another tablet of this user pushed it at the same moment. */
  if (g_str_equal (sqlstate (r), "23505"))
    return *exists = TRUE, TRUE;
  if (!result_ok (r))
    return push_failed (s, p, r, error);
  return pushed (s, p, PQgetvalue (r, 0, 0), &s->report->created, error);
}

static gboolean
push_update (Sync *s, Push *p, GError **error)
{
  g_autofree char *base = g_strdup_printf ("%d", p->row.server_version);
  const char *params[] = { p->obs->uuid, lb_status_to_string (p->obs->status), p->obs->date, p->hash,
                           p->body, base };
  g_autoptr(PGresult) r = query (s, error,
    "UPDATE lesbezoek.observation SET status = $2, date = $3, content_hash = $4, body = $5, "
    "base_version = $6 WHERE uuid = $1 RETURNING version", 6, params);
  if (r == NULL)
    return FALSE;
  if (!result_ok (r))
    return push_failed (s, p, r, error);
  if (PQntuples (r) == 0)   /* no longer ours to change */
    return flag_revoked (s, p->obs, p->role, error);
  return pushed (s, p, PQgetvalue (r, 0, 0), &s->report->updated, error);
}

/* The server has it: the same content is a duplicate (a retry after a
 * lost acknowledgement); another final is refused; a draft is updated on
 * the version we last saw, and the server says whether that is stale. */
static gboolean
push_existing (Sync *s, Push *p, GError **error)
{
  const char *params[] = { p->obs->uuid };
  g_autoptr(PGresult) r = query_ok (s, error,
    "SELECT status, encode (sha256 (convert_to (body, 'UTF8')), 'hex'), version "
    "FROM lesbezoek.observation WHERE uuid = $1", 1, params);
  if (r == NULL)
    return FALSE;
  if (PQntuples (r) == 0)
    return flag_revoked (s, p->obs, p->role, error);
  gboolean server_final = g_str_equal (PQgetvalue (r, 0, 0), "final");
  gboolean same = g_str_equal (PQgetvalue (r, 0, 1), p->hash);
  if (same && (server_final || p->obs->status == LB_STATUS_DRAFT))
    return pushed (s, p, PQgetvalue (r, 0, 2), &s->report->duplicate, error);
  if (server_final && p->obs->status == LB_STATUS_DRAFT)
    {
      /* finalized elsewhere while this draft was changed here */
      s->report->conflicts++;
      return flag (s, p->obs, "conflict", LB_SYNC_ISSUE_CONFLICT,
                   _("This draft was changed on this tablet and elsewhere. Both versions were kept; "
                     "decide which one counts before the next sync."), error);
    }
  if (server_final)
    {
      s->report->refused++;
      return flag (s, p->obs, "refused", LB_SYNC_ISSUE_REFUSED,
                   _("The shared dossier already holds a final version of this observation with "
                     "other content. This tablet's copy was kept untouched; ask the board's "
                     "administrator which one is right."), error);
    }
  return push_update (s, p, error);
}

static gboolean
push_one (Sync *s, const char *uuid, GError **error)
{
  g_autoptr(LbObservation) obs = lb_store_load (s->store, uuid, error);
  if (obs == NULL)
    return FALSE;
  Push p = { obs, lb_role_to_string (obs->observer_role), NULL, NULL, { 0 } };
  g_autofree char *body = p.body = lb_observation_canonical (obs);
  g_autofree char *hash = p.hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);
  g_auto(LbSyncRow) row = { 0 };
  g_autoptr(GError) local = NULL;
  if (!lb_store_sync_get (s->store, uuid, &row, error))
    return FALSE;
  p.row = row;
  if (!may_push (s, obs, p.role, &local))
    return local ? (g_propagate_error (error, g_steal_pointer (&local)), FALSE) : TRUE;
  gboolean exists = row.server_version > 0;
  if (!exists && !push_insert (s, &p, &exists, error))
    return FALSE;
  return exists ? push_existing (s, &p, error) : TRUE;
}

static gboolean
push_all (Sync *s, GError **error)
{
  g_autoptr(GPtrArray) pending = lb_store_sync_pending (s->store, s->me, error);
  if (pending == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      if (s->progress)
        s->progress (LB_SYNC_PHASE_PUSH, i, pending->len, s->data);
      if (g_cancellable_set_error_if_cancelled (s->cancellable, error) ||
          !push_one (s, pending->pdata[i], error))
        {
          /* what the server acknowledged is recorded even when the push stops */
          g_autoptr(GError) local = NULL;
          if (!flush_records (s, &local))
            g_message ("recording the pushed observations: %s", local->message);
          return FALSE;
        }
    }
  if (s->progress)
    s->progress (LB_SYNC_PHASE_PUSH, pending->len, pending->len, s->data);
  return flush_records (s, error);
}

/* ---- pull ---- */

/* The body is the canonical <observation> (what the hash covers); the
 * exchange reader wants it in a file with its bookkeeping, so it gets one:
 * the reader then checks it as it checks any import, hash included. */
static LbObservation *
read_body (const char *uuid, const char *status, const char *version, const char *hash,
           const char *created, const char *updated, const char *body, GError **error)
{
  g_autofree char *head = g_strdup_printf ("<observation uuid=\"%s\">\n", uuid);
  if (!g_str_has_prefix (body, head))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("the body does not start with its <observation>"));
      return NULL;
    }
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<exchange xmlns=\"%s\" format=\"1\">\n"
    "<observation uuid=\"%s\" status=\"%s\" revision=\"%s\" created=\"%s\" updated=\"%s\"%s%s%s>\n%s"
    "</exchange>\n", LB_EXCHANGE_NS, uuid, status, version, created, updated,
    g_str_equal (status, "final") ? " content-hash=\"" : "", g_str_equal (status, "final") ? hash : "",
    g_str_equal (status, "final") ? "\"" : "", body + strlen (head));
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&xml), strlen (xml));
  g_autoptr(LbExchange) ex = lb_exchange_read_bytes (bytes, uuid, NULL, error);
  if (ex == NULL)
    return NULL;
  if (ex->observations->len != 1)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("the body holds no single observation"));
      return NULL;
    }
  return lb_observation_ref (ex->observations->pdata[0]);
}

/* lb-sync-instruments.c talks to the server with the same deadlines, and
 * reads what it fetches again as a pull does. */
PGresult *
lb_sync_session_query (LbSyncSession *session, GError **error, const char *sql, int n,
                       const char * const *params)
{
  return query ((Sync *) session, error, sql, n, params);
}

LbObservation *
lb_sync_session_read_body (const char *uuid, const char *status, const char *version, const char *hash,
                           const char *created, const char *updated, const char *body, GError **error)
{
  return read_body (uuid, status, version, hash, created, updated, body, error);
}

/* A pulled batch, with the addenda and acknowledgements of the
 * observations it names, in one local transaction with the cursor. */
static gboolean
apply_batch (Sync *s, GPtrArray *uuids, GPtrArray *pulled, gint64 cursor, GError **error)
{
  g_autoptr(LbSyncAdditions) extra = lb_sync_addenda_fetch (s->addenda, uuids, error);
  return extra != NULL &&
         lb_store_sync_apply_with (s->store, s->account, s->cfg->user, pulled, extra, cursor, s->report, error);
}

#define TS(col) "to_char (o." col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

static gboolean
pull_batch (Sync *s, gint64 *cursor, gboolean *more, GError **error)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, *cursor);
  int batch = pull_batch_size ();
  g_autofree char *limit = g_strdup_printf ("%d", batch);
  const char *params[] = { after, limit };
  /* The batch's feed entries first, the bodies only for them: joined
   * before the LIMIT, every batch read the body of every observation the
   * user may see (bench/bench-sync.c). */
  g_autoptr(PGresult) r = query_ok (s, error,
    "SELECT f.seq, f.observation::text, o.status, o.version, o.content_hash, " TS ("created_at") ", "
    TS ("updated_at") ", o.body FROM (SELECT seq, observation FROM lesbezoek.change_feed "
    "WHERE seq > $1 ORDER BY seq LIMIT $2) f JOIN lesbezoek.observation o ON o.uuid = f.observation "
    "ORDER BY f.seq", 2, params);
  if (r == NULL)
    return FALSE;
  int n = PQntuples (r);
  *more = n == batch;
  if (n == 0)
    return TRUE;
  g_autoptr(GPtrArray) pulled = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_pulled_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();   /* also those only corrected or acknowledged */
  for (int i = n - 1; i >= 0; i--)   /* every row shows the current version: one per observation */
    {
      const char *uuid = PQgetvalue (r, i, 1);
      if (!g_hash_table_add (seen, (gpointer) uuid))
        continue;
      g_ptr_array_add (uuids, (gpointer) uuid);
      /* What lb_store_sync_apply would pass over (our own push coming
       * back), without parsing its body. */
      g_auto(LbSyncRow) known = { 0 };
      if (!lb_store_sync_get (s->store, uuid, &known, error))
        return FALSE;
      if (known.exists && (known.server_version >= atoi (PQgetvalue (r, i, 3)) ||
                           g_strcmp0 (known.flag, "refused") == 0 || g_strcmp0 (known.flag, "conflict") == 0))
        continue;
      g_autoptr(GError) bad = NULL;
      LbObservation *obs = read_body (uuid, PQgetvalue (r, i, 2), PQgetvalue (r, i, 3), PQgetvalue (r, i, 4),
                                      PQgetvalue (r, i, 5), PQgetvalue (r, i, 6), PQgetvalue (r, i, 7), &bad);
      if (obs == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("Not brought to this tablet: %s"), bad->message);
          lb_sync_report_add_issue (s->report, uuid, LB_SYNC_ISSUE_UNKNOWN, reason);
          continue;
        }
      LbSyncPulled *p = g_new0 (LbSyncPulled, 1);
      p->uuid = g_strdup (uuid);
      p->version = atoi (PQgetvalue (r, i, 3));
      p->obs = obs;
      g_ptr_array_insert (pulled, 0, p);
    }
  gint64 last = g_ascii_strtoll (PQgetvalue (r, n - 1, 0), NULL, 10);
  /* an instrument this tablet lacks is fetched first, or the observation waits */
  if (!lb_sync_instruments_pull (s->instruments, pulled, s->report, error))
    return FALSE;
  if (!apply_batch (s, uuids, pulled, last, error))
    return FALSE;
  *cursor = last;
  return TRUE;
}

static gboolean
pull_all (Sync *s, GError **error)
{
  gint64 cursor = 0;
  gboolean more = TRUE;
  if (s->register_only)   /* the register has no bodies to pull */
    return TRUE;
  if (!lb_store_sync_account (s->store, s->account, s->cfg->user, &cursor, error))
    return FALSE;
  /* those an earlier pull left on the server for want of their instrument */
  g_autoptr(GPtrArray) retried = lb_sync_instruments_retry (s->instruments, s->report, error);
  if (retried == NULL)
    return FALSE;
  g_autoptr(GPtrArray) retried_uuids = g_ptr_array_new ();
  for (guint i = 0; i < retried->len; i++)
    g_ptr_array_add (retried_uuids, ((LbSyncPulled *) retried->pdata[i])->uuid);
  if (retried->len > 0 && !apply_batch (s, retried_uuids, retried, cursor, error))
    return FALSE;
  while (more)
    {
      if (s->progress)
        s->progress (LB_SYNC_PHASE_PULL, s->report->pulled, 0, s->data);
      if (g_cancellable_set_error_if_cancelled (s->cancellable, error) ||
          !pull_batch (s, &cursor, &more, error))
        return FALSE;
    }
  return TRUE;
}

/* What was pulled from others and the server no longer shows: removed. */
static gboolean
remove_invisible (Sync *s, GError **error)
{
  g_autoptr(GPtrArray) local = lb_store_sync_pulled_of_others (s->store, s->me, error);
  if (local == NULL)
    return FALSE;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  for (guint start = 0; start < local->len; start += PULL_BATCH)
    {
      g_autoptr(GString) array = g_string_new ("{");
      for (guint i = start; i < MIN (local->len, start + PULL_BATCH); i++)
        g_string_append_printf (array, "%s%s", i > start ? "," : "", (char *) local->pdata[i]);
      g_string_append_c (array, '}');
      const char *params[] = { array->str };
      g_autoptr(PGresult) r = query_ok (s, error,
        "SELECT u::text FROM unnest ($1::uuid[]) u WHERE u IN (SELECT uuid FROM lesbezoek.observation)",
        1, params);
      if (r == NULL)
        return FALSE;
      g_autoptr(GHashTable) visible = g_hash_table_new (g_str_hash, g_str_equal);
      for (int i = 0; i < PQntuples (r); i++)
        g_hash_table_add (visible, PQgetvalue (r, i, 0));
      for (guint i = start; i < MIN (local->len, start + PULL_BATCH); i++)
        if (!g_hash_table_contains (visible, local->pdata[i]))
          g_ptr_array_add (gone, g_strdup (local->pdata[i]));
    }
  for (guint i = 0; i < gone->len; i++)
    lb_sync_report_add_issue (s->report, gone->pdata[i], LB_SYNC_ISSUE_REMOVED,
                              _("You may no longer see this observation in the shared dossier (an "
                                "assignment ended): it was removed from this tablet."));
  s->report->removed = gone->len;
  return lb_store_sync_remove (s->store, gone, error);
}

/* ---- sharing ---- */

static gboolean
share_steps (Sync *s, const char *uuid, GError **error)
{
  if (!connect_server (s, error) || !load_identity (s, error))
    return FALSE;
  const char *params[] = { uuid };
  g_autoptr(PGresult) r = query (s, error,
    "INSERT INTO lesbezoek.share (observation, starter, observer) "
    "SELECT o.uuid, o.starter, o.observer FROM lesbezoek.observation o WHERE o.uuid = $1", 1, params);
  if (r == NULL)
    return FALSE;
  if (g_str_equal (sqlstate (r), "23505"))   /* shared before */
    return TRUE;
  if (result_ok (r) && g_str_equal (PQcmdTuples (r), "1"))
    return TRUE;
  if (result_ok (r) || g_str_equal (sqlstate (r), "42501"))
    {
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_REFUSED,
                   _("Observation %s cannot be shared: only a starter shares, and only their own final "
                     "formative observations and self-assessments that are in the shared dossier "
                     "(sync first)."), uuid);
      return FALSE;
    }
  set_server_error (s, r, error);
  return FALSE;
}

gboolean
lb_sync_share (const LbSyncConfig *cfg, const char *observation_uuid, GCancellable *cancellable,
               GError **error)
{
  g_return_val_if_fail (cfg != NULL && observation_uuid != NULL, FALSE);
  if (!check_config (cfg, error))
    return FALSE;
  if (!g_uuid_string_is_valid (observation_uuid))
    {
      g_set_error (error, LB_SYNC_ERROR, LB_SYNC_ERROR_CONFIG, _("“%s” is not an observation id"),
                   observation_uuid);
      return FALSE;
    }
  Sync s = { NULL, cfg, NULL, cancellable, NULL, NULL };
  s.where = g_strdup (cfg->server);
  gboolean ok = share_steps (&s, observation_uuid, error);
  g_clear_pointer (&s.conn, PQfinish);
  g_free (s.where);
  g_free (s.me);
  return ok;
}

/* ---- one connection for lb-sync-resolve.c ---- */

/* Resolving a flagged observation reads the server's current version, as
 * sharing does, on a connection of its own with the same deadlines. */
LbSyncSession *
lb_sync_session_open (const LbSyncConfig *cfg, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  if (!check_config (cfg, error))
    return NULL;
  Sync *s = g_new0 (Sync, 1);
  s->cfg = cfg;
  s->cancellable = cancellable;
  s->where = g_strdup (cfg->server);
  if (!connect_server (s, error) || !load_identity (s, error))
    return lb_sync_session_close ((LbSyncSession *) s), NULL;
  return (LbSyncSession *) s;
}

void
lb_sync_session_close (LbSyncSession *session)
{
  Sync *s = (Sync *) session;
  if (s == NULL)
    return;
  g_clear_pointer (&s->conn, PQfinish);
  g_free (s->where);
  g_free (s->me);
  g_free (s);
}

/* ---- the whole sync ---- */

static gboolean
sync_steps (Sync *s, GError **error)
{
  gint64 cursor;
  if (s->progress)
    s->progress (LB_SYNC_PHASE_CONNECT, 0, 0, s->data);
  if (!connect_server (s, error) || !load_identity (s, error) || !load_assignments (s, error) ||
      !ensure_me (s, error) || !ensure_my_starters (s, error))
    return FALSE;
  s->report->person_uuid = g_strdup (s->me);
  if (!lb_store_sync_account (s->store, s->account, s->cfg->user, &cursor, error) ||
      !lb_store_sync_set_person (s->store, s->account, s->cfg->user, s->me, error))
    return FALSE;
  return lb_sync_instruments_push (s->instruments, s->me, error) &&
         push_all (s, error) &&
         lb_sync_addenda_push (s->addenda, s->me, s->starter_role, s->report, error) &&
         pull_all (s, error) && remove_invisible (s, error) &&
         lb_store_sync_finished (s->store, s->account, s->cfg->user, error);
}

LbSyncReport *
lb_sync_run (LbStore *store, const LbSyncConfig *cfg, LbSyncProgressFunc progress,
             gpointer data, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (cfg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_config (cfg, error))
    return NULL;
  Sync s = { store, cfg, NULL, cancellable, progress, data };
  s.where = g_strdup (cfg->server);
  s.account = g_strdup_printf ("%s/%s", cfg->server, cfg->dbname ? cfg->dbname : "");
  s.assignments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.records = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_record_free);
  s.report = g_new0 (LbSyncReport, 1);
  s.report->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_issue_free);
  s.instruments = lb_sync_instruments_new ((LbSyncSession *) &s, store, s.where);
  s.addenda = lb_sync_addenda_new ((LbSyncSession *) &s, store, s.where);
  gboolean ok = sync_steps (&s, error);
  lb_sync_instruments_free (s.instruments);
  lb_sync_addenda_free (s.addenda);
  g_clear_pointer (&s.conn, PQfinish);
  g_free (s.where);
  g_free (s.account);
  g_free (s.me);
  g_hash_table_unref (s.assignments);
  g_ptr_array_unref (s.records);
  if (!ok)
    g_clear_pointer (&s.report, lb_sync_report_free);
  return s.report;
}
