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


/* Addenda and the starter's acknowledgement (server step 5;
 * lb-sync-addenda.c, and their local side in lb-store-sync.c). They live
 * beside a final observation, never in its hashed content. */
typedef struct {
  char *uuid;          /* the addendum's own id, the same on every tablet */
  char *observation;
  char *author;        /* pushed: the name written here; pulled: the author's person uuid */
  char *created_at;    /* ISO 8601 UTC, as the tablet wrote it */
  char *text;
} LbSyncAddendum;

typedef struct {
  char *observation;
  char *acknowledged_at;
  char *reaction;      /* NULL: none */
} LbSyncAck;

/* What a pull brings in beside the observations of a batch. */
typedef struct {
  GPtrArray *addenda;  /* LbSyncAddendum */
  GPtrArray *acks;     /* LbSyncAck */
} LbSyncAdditions;

void       lb_sync_addendum_free    (LbSyncAddendum *a);
void       lb_sync_ack_free         (LbSyncAck *a);
LbSyncAdditions *lb_sync_additions_new  (void);
void       lb_sync_additions_free   (LbSyncAdditions *extra);
/* The addenda of @me's own final observations that the server has, and
 * the acknowledgements @me gave as the starter of one the server has. */
GPtrArray *lb_store_sync_own_addenda (LbStore *store, const char *me, GError **error);
GPtrArray *lb_store_sync_own_acks   (LbStore *store, const char *me, GError **error);
/* lb_store_sync_apply, and in the same transaction the additions (NULL:
 * none) of observations this tablet has: an addendum is known by its uuid,
 * an acknowledgement already given here stays. */
gboolean   lb_store_sync_apply_with (LbStore *store, const char *server, const char *login,
                                     GPtrArray *pulled, LbSyncAdditions *extra, gint64 feed_seq,
                                     LbSyncReport *report, GError **error);

typedef struct _LbSyncSession LbSyncSession;
typedef struct _LbSyncAddenda LbSyncAddenda;

LbSyncAddenda *lb_sync_addenda_new   (LbSyncSession *session, LbStore *store, const char *where);
void       lb_sync_addenda_free     (LbSyncAddenda *sa);
/* After the push: @me's addenda and acknowledgements the server lacks.
 * A server without step 5 is left alone. FALSE (error set) only when the
 * connection or the local store fails. */
gboolean   lb_sync_addenda_push     (LbSyncAddenda *sa, const char *me, gboolean starter_role,
                                     LbSyncReport *report, GError **error);
/* Before a pulled batch is applied: the addenda and acknowledgements of
 * the observations @uuids (char *) names, as the user may see them. */
LbSyncAdditions *lb_sync_addenda_fetch (LbSyncAddenda *sa, GPtrArray *uuids, GError **error);

/* A connection of its own (lb-sync-resolve.c); query it with
 * lb_sync_session_query (lb-sync-instruments.h). */
LbSyncSession *lb_sync_session_open  (const LbSyncConfig *cfg, GCancellable *cancellable, GError **error);
void       lb_sync_session_close    (LbSyncSession *session);
/* Resolving (lb-sync-resolve.c): the local side, each in one transaction.
 * Keep mine: the next push updates the server's draft on @server_version.
 * Replace: the server's @theirs (version @version) takes the place of the
 * local copy; with @new_uuid the local copy (a draft) stays, under it;
 * @extra (NULL: none): the server's addenda and acknowledgement of it. */
gboolean   lb_store_sync_rebase     (LbStore *store, const char *uuid, int server_version,
                                     const char *server_hash, GError **error);
gboolean   lb_store_sync_replace    (LbStore *store, LbObservation *theirs, int version,
                                     const char *new_uuid, LbSyncAdditions *extra, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LbSyncRow, lb_sync_row_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncAdditions, lb_sync_additions_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncPulled, lb_sync_pulled_free)

void       lb_sync_report_add_issue (LbSyncReport *report, const char *uuid, LbSyncIssueKind kind,
                                     const char *reason);

G_END_DECLS
