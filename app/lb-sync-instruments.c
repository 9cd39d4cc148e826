/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync"

/* Instruments travel with the sync (see lb-sync-instruments.h).
 *
 * A school that observes with its own instrument (issue 9) shares dossiers
 * with tablets that never imported it. The server keeps each instrument
 * an observation names, byte for byte, under its SHA-256 (schema step 4);
 * a tablet that pulls such an observation fetches the instrument and
 * loads it with the same strict loader as a file (no DTD, no entities, the
 * schema, the checks), so a damaged or hostile row on the server is
 * refused, for that observation only.
 *
 * An observation whose instrument cannot be had (a server without step 4,
 * an instrument nobody pushed, a refused one) is not imported; it is
 * flagged "unknown" on this tablet with the reason, and every later sync
 * fetches it again by id (lb_sync_instruments_retry) — so the change-feed
 * cursor may move past it without skipping it for good, and the rest of
 * the dossier is never held up by it. Importing the instrument on the
 * tablet (lesbezoek instrument import) is enough for the next sync. */

#include "config.h"
#include "lb-sync-instruments.h"
#include "lb-store-private.h"
#include "lb-instrument-registry.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* The schema step that brought lesbezoek.instrument. */
#define INSTRUMENT_STEP 4

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

struct _LbSyncInstruments {
  LbSyncSession        *session;
  LbStore              *store;
  char                 *where;
  int                   step;        /* the server's schema step; -1: not asked yet */
  GHashTable           *on_server;   /* sha256s the server has (this sync) */
  GHashTable           *here;        /* sha256s this tablet has */
  GHashTable           *refused;     /* sha256 → why it cannot be had (this sync) */
  char                 *default_sha;
  LbInstrumentRegistry *registry;    /* imported on this tablet; loaded when needed */
};

LbSyncInstruments *
lb_sync_instruments_new (LbSyncSession *session, LbStore *store, const char *where)
{
  LbSyncInstruments *si = g_new0 (LbSyncInstruments, 1);
  si->session = session;
  si->store = store;
  si->where = g_strdup (where);
  si->step = -1;
  si->on_server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  si->here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  si->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return si;
}

void
lb_sync_instruments_free (LbSyncInstruments *si)
{
  if (si == NULL)
    return;
  g_free (si->where);
  g_hash_table_unref (si->on_server);
  g_hash_table_unref (si->here);
  g_hash_table_unref (si->refused);
  g_free (si->default_sha);
  g_clear_object (&si->registry);
  g_free (si);
}

/* ---- the server ---- */

static gboolean
result_ok (PGresult *r)
{
  ExecStatusType t = PQresultStatus (r);
  return t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK;
}

/* Does the server keep instruments? Asked once per sync. */
static gboolean
server_step (LbSyncInstruments *si, int *step, GError **error)
{
  if (si->step < 0)
    {
      g_autoptr(PGresult) r = lb_sync_session_query (si->session, error,
        "SELECT coalesce (max (version), 0) FROM lesbezoek.schema_version", 0, NULL);
      if (r == NULL)
        return FALSE;
      si->step = result_ok (r) && PQntuples (r) == 1 ? atoi (PQgetvalue (r, 0, 0)) : 0;
    }
  *step = si->step;
  return TRUE;
}

/* bytea as libpq's text format takes it. */
static char *
bytea_hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (len * 2 + 3);
  hex[0] = '\\';
  hex[1] = 'x';
  for (gsize i = 0; i < len; i++)
    {
      hex[2 + 2 * i] = digits[data[i] >> 4];
      hex[3 + 2 * i] = digits[data[i] & 15];
    }
  hex[len * 2 + 2] = '\0';
  return hex;
}

static gboolean
upload (LbSyncInstruments *si, const char *sha, GError **error)
{
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (si->store, sha, NULL);
  if (inst == NULL)   /* the store keeps every instrument it has observations of */
    return g_message ("instrument %s is not on this tablet; not sent", sha), TRUE;
  g_autofree char *hex = bytea_hex (lb_instrument_get_bytes (inst));
  const char *params[] = { sha, hex, lb_instrument_get_id (inst), lb_instrument_get_version (inst),
                           lb_text_get (lb_instrument_get_title (inst), "nl") };
  g_autoptr(PGresult) r = lb_sync_session_query (si->session, error,
    "INSERT INTO lesbezoek.instrument (sha256, xml, id, version, title) "
    "VALUES ($1, $2::bytea, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING", 5, params);
  if (r == NULL)
    return FALSE;
  /* Not fatal for the observation: a tablet that lacks the instrument
   * says so for that observation when it pulls it. */
  if (!result_ok (r))
    g_message ("the server did not keep instrument %s: %s", sha, PQresultErrorMessage (r));
  return TRUE;
}

/* The instruments of the person's own observations (NULL: of all on this
 * tablet): every one they observed with must be on the server. */
static GPtrArray *
own_instruments (LbSyncInstruments *si, const char *me, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (si->store,
    "SELECT DISTINCT o.instrument_sha256 FROM observation o JOIN person b ON b.id = o.observer_id "
    "WHERE ?1 IS NULL OR b.uuid = ?1 ORDER BY 1", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, me);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (list, lb_store_column_dup (st, 0));
  return list;
}

static char *
pg_array (GPtrArray *strings)
{
  GString *array = g_string_new ("{");
  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (array, "%s%s", i ? "," : "", (char *) strings->pdata[i]);
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}

gboolean
lb_sync_instruments_push (LbSyncInstruments *si, const char *me, GError **error)
{
  int step;
  if (!server_step (si, &step, error))
    return FALSE;
  if (step < INSTRUMENT_STEP)
    return TRUE;
  g_autoptr(GPtrArray) own = own_instruments (si, me, error);
  if (own == NULL)
    return FALSE;
  if (own->len == 0)
    return TRUE;
  g_autofree char *array = pg_array (own);
  const char *params[] = { array };
  g_autoptr(PGresult) r = lb_sync_session_query (si->session, error,
    "SELECT sha256 FROM lesbezoek.instrument WHERE sha256 = ANY ($1::text[])", 1, params);
  if (r == NULL)
    return FALSE;
  for (int i = 0; result_ok (r) && i < PQntuples (r); i++)
    g_hash_table_add (si->on_server, g_strdup (PQgetvalue (r, i, 0)));
  for (guint i = 0; i < own->len; i++)
    if (!g_hash_table_contains (si->on_server, own->pdata[i]) && !upload (si, own->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* ---- the tablet ---- */

/* Asked for every pulled observation: remembered, so a pull of thousands
 * does not read the same instrument from the store thousands of times. */
static gboolean
have_instrument (LbSyncInstruments *si, const char *sha)
{
  if (g_hash_table_contains (si->here, sha))
    return TRUE;
  g_autoptr(GBytes) bytes = lb_store_get_instrument_bytes (si->store, sha, NULL);
  if (bytes == NULL && si->default_sha == NULL)
    {
      g_autoptr(LbInstrument) def = lb_instrument_load_default (NULL);
      si->default_sha = g_strdup (def ? lb_instrument_get_sha256 (def) : "");
    }
  /* the built-in one is kept by the import when needed */
  if (bytes == NULL && !g_str_equal (si->default_sha, sha))
    return FALSE;
  g_hash_table_add (si->here, g_strdup (sha));
  return TRUE;
}

/* One imported on this tablet (lesbezoek instrument import) but not yet
 * used for an observation, so not in the store. */
static gboolean
keep_from_registry (LbSyncInstruments *si, const char *sha, GError **error)
{
  if (si->registry == NULL)
    {
      si->registry = lb_instrument_registry_new (NULL);
      g_autoptr(GError) local = NULL;
      if (!lb_instrument_registry_load (si->registry, NULL, &local))
        g_message ("the instruments of this tablet: %s", local->message);
    }
  LbInstrument *inst = lb_instrument_registry_find_by_hash (si->registry, sha);
  if (inst == NULL)
    return FALSE;
  return lb_store_keep_instrument (si->store, inst, error);
}

static void
refuse (LbSyncInstruments *si, const char *sha, char *why)
{
  g_hash_table_replace (si->refused, g_strdup (sha), why);
}

/* One row of lesbezoek.instrument: checked, loaded strictly, kept. */
static gboolean
keep_fetched (LbSyncInstruments *si, const char *sha, const char *escaped, GError **error)
{
  size_t len = 0;
  guchar *raw = PQunescapeBytea ((const guchar *) escaped, &len);
  if (raw == NULL)
    return refuse (si, sha, g_strdup (_("its bytes could not be read"))), TRUE;
  g_autoptr(GBytes) bytes = g_bytes_new (raw, len);
  PQfreemem (raw);
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, sha) != 0)
    return refuse (si, sha, g_strdup (_("its content does not match its SHA-256"))), TRUE;
  g_autofree char *label = g_strdup_printf (_("instrument %.12s… from the shared dossier"), sha);
  g_autoptr(GError) bad = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, label, NULL, &bad);
  if (inst == NULL)
    return refuse (si, sha, g_strdup (bad->message)), TRUE;
  if (g_strcmp0 (lb_instrument_get_sha256 (inst), sha) != 0)
    return refuse (si, sha, g_strdup (_("its content does not match its SHA-256"))), TRUE;
  return lb_store_keep_instrument (si->store, inst, error);
}

static gboolean
fetch (LbSyncInstruments *si, GHashTable *missing, GError **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer sha;
  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &sha, NULL))
    g_ptr_array_add (shas, sha);
  g_autofree char *array = pg_array (shas);
  const char *params[] = { array };
  g_autoptr(PGresult) r = lb_sync_session_query (si->session, error,
    "SELECT sha256, xml FROM lesbezoek.instrument WHERE sha256 = ANY ($1::text[])", 1, params);
  if (r == NULL)
    return FALSE;
  if (!result_ok (r))   /* the server said no: as if it had none */
    return TRUE;
  for (int i = 0; i < PQntuples (r); i++)
    if (g_hash_table_contains (missing, PQgetvalue (r, i, 0)) &&
        !keep_fetched (si, PQgetvalue (r, i, 0), PQgetvalue (r, i, 1), error))
      return FALSE;
  return TRUE;
}

/* Brings the instruments in @missing here, from this tablet's imported
 * instruments or the server; what stays missing gets its reason in
 * si->refused. */
static gboolean
bring_here (LbSyncInstruments *si, GHashTable *missing, GError **error)
{
  GHashTableIter iter;
  gpointer sha;
  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &sha, NULL))
    {
      g_autoptr(GError) local = NULL;
      gboolean kept = keep_from_registry (si, sha, &local);
      if (local)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      if (kept)
        g_hash_table_iter_remove (&iter);
    }
  if (g_hash_table_size (missing) == 0)
    return TRUE;
  int step;
  if (!server_step (si, &step, error) || (step >= INSTRUMENT_STEP && !fetch (si, missing, error)))
    return FALSE;
  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &sha, NULL))
    if (!have_instrument (si, sha) && !g_hash_table_contains (si->refused, sha))
      refuse (si, sha, NULL);   /* not there at all */
  return TRUE;
}

static char *
why_not (LbSyncInstruments *si, LbObservation *obs)
{
  const char *sha = obs->instrument_sha256;
  const char *id = obs->instrument_id ? obs->instrument_id : "?";
  const char *version = obs->instrument_version ? obs->instrument_version : "?";
  const char *refused = g_hash_table_lookup (si->refused, sha);
  if (refused)
    return g_strdup_printf (
      _("Not brought to this tablet: the shared dossier's copy of its instrument “%s” version %s "
        "(SHA-256 %.12s…) was refused: %s. Ask the board's administrator; the next sync tries again."),
      id, version, sha, refused);
  if (si->step < INSTRUMENT_STEP)
    return g_strdup_printf (
      _("Not brought to this tablet: it was made with the instrument “%s” version %s (SHA-256 "
        "%.12s…), which this tablet does not have, and the server at %s does not keep instruments "
        "yet. Import that instrument on this tablet, or ask the board's administrator to update the "
        "server (lesbezoek-server init); the next sync tries again."), id, version, sha, si->where);
  return g_strdup_printf (
    _("Not brought to this tablet: it was made with the instrument “%s” version %s (SHA-256 %.12s…), "
      "which neither this tablet nor the shared dossier has. Import that instrument on this tablet, "
      "or ask whoever made the observation to sync; the next sync tries again."), id, version, sha);
}

static gboolean
exists_here (LbSyncInstruments *si, const char *uuid, gboolean *exists, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (si->store, "SELECT 1 FROM observation WHERE uuid = ?", error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, uuid);
  *exists = sqlite3_step (st) == SQLITE_ROW;
  return TRUE;
}

/* Told in the report; remembered (flag "unknown") for the retry when the
 * observation is not on this tablet at all — a flag on one that is would
 * make it look like an own observation waiting to be sent. */
static gboolean
leave_on_server (LbSyncInstruments *si, LbSyncPulled *p, LbSyncReport *report, GError **error)
{
  g_autofree char *reason = why_not (si, p->obs);
  gboolean here, told = FALSE;
  /* the retry and the feed may both bring it in one sync: told once */
  for (guint i = 0; i < report->issues->len && !told; i++)
    told = g_str_equal (((LbSyncIssue *) report->issues->pdata[i])->uuid, p->uuid);
  if (!told)
    lb_sync_report_add_issue (report, p->uuid, LB_SYNC_ISSUE_UNKNOWN, reason);
  if (!exists_here (si, p->uuid, &here, error))
    return FALSE;
  return here || lb_store_sync_flag (si->store, p->uuid, "unknown", reason, error);
}

gboolean
lb_sync_instruments_pull (LbSyncInstruments *si, GPtrArray *pulled, LbSyncReport *report, GError **error)
{
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < pulled->len; i++)
    {
      const char *sha = ((LbSyncPulled *) pulled->pdata[i])->obs->instrument_sha256;
      if (sha && !g_hash_table_contains (si->refused, sha) && !have_instrument (si, sha))
        g_hash_table_add (missing, g_strdup (sha));
    }
  if (g_hash_table_size (missing) > 0 && !bring_here (si, missing, error))
    return FALSE;
  for (guint i = pulled->len; i-- > 0;)
    {
      LbSyncPulled *p = pulled->pdata[i];
      const char *sha = p->obs->instrument_sha256;
      if (sha == NULL || !g_hash_table_contains (si->refused, sha))
        continue;
      if (!leave_on_server (si, p, report, error))
        return FALSE;
      g_ptr_array_remove_index (pulled, i);
    }
  return TRUE;
}

/* ---- trying again ---- */

static GPtrArray *
left_on_server (LbSyncInstruments *si, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (si->store,
    "SELECT s.uuid FROM sync_observation s WHERE s.flag = 'unknown' "
    "AND NOT EXISTS (SELECT 1 FROM observation o WHERE o.uuid = s.uuid) ORDER BY s.uuid", error);
  if (st == NULL)
    return NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (list, lb_store_column_dup (st, 0));
  return list;
}

/* No longer visible to the user: it was never on this tablet, so only
 * the note that it is waiting goes. */
static gboolean
forget (LbSyncInstruments *si, const char *uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (si->store,
    "DELETE FROM sync_observation WHERE uuid = ?1 AND flag = 'unknown' "
    "AND NOT EXISTS (SELECT 1 FROM observation o WHERE o.uuid = ?1)", error);
  if (st == NULL)
    return FALSE;
  lb_store_bind_text (st, 1, uuid);
  return lb_store_step_done (si->store, st, error);
}

#define TS(col) "to_char (o." col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

static LbSyncPulled *
read_row (PGresult *r, int i, LbSyncReport *report)
{
  const char *uuid = PQgetvalue (r, i, 0);
  g_autoptr(GError) bad = NULL;
  LbObservation *obs = lb_sync_session_read_body (uuid, PQgetvalue (r, i, 1), PQgetvalue (r, i, 2),
                                                  PQgetvalue (r, i, 3), PQgetvalue (r, i, 4),
                                                  PQgetvalue (r, i, 5), PQgetvalue (r, i, 6), &bad);
  if (obs == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Not brought to this tablet: %s"), bad->message);
      lb_sync_report_add_issue (report, uuid, LB_SYNC_ISSUE_UNKNOWN, reason);
      return NULL;
    }
  LbSyncPulled *p = g_new0 (LbSyncPulled, 1);
  p->uuid = g_strdup (uuid);
  p->version = atoi (PQgetvalue (r, i, 2));
  p->obs = obs;
  return p;
}

GPtrArray *
lb_sync_instruments_retry (LbSyncInstruments *si, LbSyncReport *report, GError **error)
{
  g_autoptr(GPtrArray) waiting = left_on_server (si, error);
  if (waiting == NULL)
    return NULL;
  g_autoptr(GPtrArray) pulled = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_sync_pulled_free);
  if (waiting->len == 0)
    return g_steal_pointer (&pulled);
  g_autofree char *array = pg_array (waiting);
  const char *params[] = { array };
  g_autoptr(PGresult) r = lb_sync_session_query (si->session, error,
    "SELECT o.uuid::text, o.status, o.version, o.content_hash, " TS ("created_at") ", " TS ("updated_at")
    ", o.body FROM lesbezoek.observation o WHERE o.uuid = ANY ($1::uuid[])", 1, params);
  if (r == NULL)
    return NULL;
  if (!result_ok (r))   /* try again next time */
    return g_steal_pointer (&pulled);
  g_autoptr(GHashTable) visible = g_hash_table_new (g_str_hash, g_str_equal);
  for (int i = 0; i < PQntuples (r); i++)
    {
      g_hash_table_add (visible, PQgetvalue (r, i, 0));
      LbSyncPulled *p = read_row (r, i, report);
      if (p)
        g_ptr_array_add (pulled, p);
    }
  for (guint i = 0; i < waiting->len; i++)
    if (!g_hash_table_contains (visible, waiting->pdata[i]) && !forget (si, waiting->pdata[i], error))
      return NULL;
  if (!lb_sync_instruments_pull (si, pulled, report, error))
    return NULL;
  return g_steal_pointer (&pulled);
}
