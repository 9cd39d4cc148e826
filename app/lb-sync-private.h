/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Between the sync client (lb-sync.c, libpq) and its local side
 * (lb-store-sync.c, sqlite). Nothing else uses these. */

#include "lb-sync.h"

G_BEGIN_DECLS

/* What this tablet knows of one observation's sync. */
typedef struct {
  gboolean exists;
  gboolean pulled;           /* origin 'pulled' */
  int      server_version;   /* 0: never seen on the server */
  char    *synced_hash;
  int      synced_revision;
  char    *flag;             /* NULL, "refused", "conflict", "revoked", "unknown" */
} LbSyncRow;

void       lb_sync_row_clear        (LbSyncRow *row);
gboolean   lb_store_sync_get        (LbStore *store, const char *uuid, LbSyncRow *row, GError **error);
/* Many at once, in one transaction: a push records what it sent in
 * batches, so a long push does not wait for the disk after every
 * observation. (A record lost in a crash only makes the next push find
 * a duplicate.) */
typedef struct {
  char *uuid;
  int   server_version;
  char *hash;
  int   revision;
} LbSyncRecord;

void       lb_sync_record_free      (LbSyncRecord *record);
gboolean   lb_store_sync_record_all (LbStore *store, GPtrArray *records, GError **error);
gboolean   lb_store_sync_flag       (LbStore *store, const char *uuid, const char *flag,
                                     const char *reason, GError **error);

/* The login's account on a server: feed cursor and person. */
gboolean   lb_store_sync_account    (LbStore *store, const char *server, const char *login,
                                     gint64 *feed_seq, GError **error);
gboolean   lb_store_sync_set_person (LbStore *store, const char *server, const char *login,
                                     const char *person_uuid, GError **error);
gboolean   lb_store_sync_finished   (LbStore *store, const char *server, const char *login,
                                     GError **error);

/* Own observations (observer = person_uuid) to push: changed since the
 * last sync, not deleted, not waiting for a person (refused, conflict). */
GPtrArray *lb_store_sync_pending    (LbStore *store, const char *person_uuid, GError **error);

/* One observation from the change feed, read from its body. */
typedef struct {
  char          *uuid;
  int            version;
  LbObservation *obs;
} LbSyncPulled;

void       lb_sync_pulled_free      (LbSyncPulled *pulled);
/* Applies a batch and moves the cursor to feed_seq, in one transaction. */
gboolean   lb_store_sync_apply      (LbStore *store, const char *server, const char *login,
                                     GPtrArray *pulled, gint64 feed_seq, LbSyncReport *report,
                                     GError **error);
/* Observations pulled from others (origin 'pulled', observer ≠ me). */
GPtrArray *lb_store_sync_pulled_of_others (LbStore *store, const char *person_uuid, GError **error);
/* Removes them from this tablet (the server no longer lets the user see them). */
gboolean   lb_store_sync_remove     (LbStore *store, GPtrArray *uuids, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LbSyncRow, lb_sync_row_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncPulled, lb_sync_pulled_free)

void       lb_sync_report_add_issue (LbSyncReport *report, const char *uuid, LbSyncIssueKind kind,
                                     const char *reason);

G_END_DECLS
