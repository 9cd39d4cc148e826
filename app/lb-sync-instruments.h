/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Instruments travel with the sync (lb-sync-instruments.c): an
 * observation's body names its instrument only by SHA-256, so a push
 * first makes sure the server keeps that instrument (lesbezoek.instrument,
 * schema step 4), and a pull brings it to a tablet that lacks it before
 * the observation is imported. Between lb-sync.c and
 * lb-sync-instruments.c only. */

#include <libpq-fe.h>
#include "lb-sync-private.h"

G_BEGIN_DECLS

/* The sync in progress (lb-sync.c's own state, opaque here). */
typedef struct _LbSyncSession LbSyncSession;

/* lb-sync.c: one statement on the sync's connection, under its deadline
 * and cancellable. NULL with error set only when the connection is gone
 * or the wait was cancelled; otherwise the result, failed or not. */
PGresult      *lb_sync_session_query     (LbSyncSession *session, GError **error, const char *sql,
                                          int n, const char * const *params);
/* lb-sync.c: an observation from the columns of a pull (the canonical
 * body and its bookkeeping), read and checked as an import is. */
LbObservation *lb_sync_session_read_body (const char *uuid, const char *status, const char *version,
                                          const char *hash, const char *created, const char *updated,
                                          const char *body, GError **error);

typedef struct _LbSyncInstruments LbSyncInstruments;

LbSyncInstruments *lb_sync_instruments_new  (LbSyncSession *session, LbStore *store, const char *where);
void               lb_sync_instruments_free (LbSyncInstruments *si);

/* Before the push: every instrument the person (@me) observed with onto
 * the server, those it lacks only — also for observations pushed before
 * the server had step 4. A server without step 4 is left as it is. FALSE
 * (error set) only when the connection or the local store fails. */
gboolean   lb_sync_instruments_push  (LbSyncInstruments *si, const char *me, GError **error);

/* Before a pulled batch (LbSyncPulled) is applied: each observation whose
 * instrument this tablet lacks gets it from the server (or from the
 * instruments imported on this tablet), loaded as strictly as a file.
 * What cannot be had is taken out of the batch and flagged "unknown" with
 * the reason, so that lb_sync_instruments_retry tries it again in every
 * later sync: the feed cursor may move on, nothing is skipped for good.
 * FALSE (error set) only when the connection or the local store fails. */
gboolean   lb_sync_instruments_pull  (LbSyncInstruments *si, GPtrArray *pulled, LbSyncReport *report,
                                      GError **error);

/* The observations an earlier pull had to leave on the server for want of
 * their instrument, fetched again by id and passed through
 * lb_sync_instruments_pull: LbSyncPulled, for lb_store_sync_apply. Those
 * the user may no longer see are forgotten. NULL (error set) on failure. */
GPtrArray *lb_sync_instruments_retry (LbSyncInstruments *si, LbSyncReport *report, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncInstruments, lb_sync_instruments_free)

G_END_DECLS
