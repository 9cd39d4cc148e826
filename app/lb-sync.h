/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Syncing this tablet with a school board's shared dossier (a PostgreSQL
 * server with the schema in server/). Model layer: no GTK. lb_sync_run()
 * blocks (network and disk); call it from a worker thread (GTask) with an
 * LbStore of its own (lb_store_open on the same path), never on the UI
 * thread. Everything else here is quick and local.
 *
 * A sync pushes, then pulls:
 *  - push: each observation of the logged-in person (observer = the
 *    person the login is on the server) whose content changed since it was
 *    last pushed, in its own short transaction. Drafts are pushed too, so
 *    the author's other tablet has them; others cannot see drafts (the
 *    server's policies). New → created; the same final again → duplicate;
 *    a final with other content → refused; a draft changed on both sides →
 *    conflict. Refused and conflicting observations are flagged locally
 *    and never merged or overwritten.
 *  - pull: the change feed in batches, each applied in one local
 *    transaction with the cursor, so a broken-off pull resumes. Nothing on
 *    the tablet is lost or overwritten; a local draft stays local.
 *
 * The password is never stored by this module: LbSyncConfig.password is
 * given by the caller (keyring, --password-stdin); NULL lets libpq use
 * PGPASSWORD or ~/.pgpass. */

#include <gio/gio.h>
#include "lb-store.h"

G_BEGIN_DECLS

#define LB_SYNC_ERROR (lb_sync_error_quark ())

typedef enum {
  LB_SYNC_ERROR_OFFLINE,   /* cannot connect, or the server stopped answering */
  LB_SYNC_ERROR_REFUSED,   /* wrong password, unknown login, TLS: wrong CA or host name */
  LB_SYNC_ERROR_REVOKED,   /* the login no longer has a person or any role */
  LB_SYNC_ERROR_CONFLICT,  /* (per observation; reported in LbSyncReport.issues) */
  LB_SYNC_ERROR_SERVER,    /* anything else the server said, or no Lesbezoek schema */
  LB_SYNC_ERROR_CONFIG,    /* the settings are incomplete (no server, user or CA) */
} LbSyncErrorCode;

GQuark lb_sync_error_quark (void);

/* How to reach the server. Strings are owned (g_free'd by
 * lb_sync_config_free). */
typedef struct {
  char  *server;               /* "host", "host:port", or a postgresql:// URL */
  char  *dbname;               /* NULL: "lesbezoek" (or the URL's) */
  char  *user;                 /* the PostgreSQL login */
  char  *password;             /* NULL: PGPASSWORD / ~/.pgpass; never stored */
  char  *ca_file;              /* sslrootcert: the board's CA (required) */
  char  *cert_file;            /* optional client certificate … */
  char  *key_file;             /* … and its key */
  guint  connect_timeout_s;    /* 0: 5 s */
  guint  statement_timeout_ms; /* 0: 15000 ms */
} LbSyncConfig;

LbSyncConfig *lb_sync_config_new   (void);
LbSyncConfig *lb_sync_config_copy  (const LbSyncConfig *cfg);
void          lb_sync_config_free  (LbSyncConfig *cfg);
/* The settings kept in the local database (server, dbname, user, CA,
 * certificate, key — never the password). Fields not set stay NULL. */
LbSyncConfig *lb_sync_config_load  (LbStore *store, GError **error);
gboolean      lb_sync_config_save  (LbStore *store, const LbSyncConfig *cfg, GError **error);

typedef enum {
  LB_SYNC_PHASE_CONNECT,
  LB_SYNC_PHASE_PUSH,
  LB_SYNC_PHASE_PULL,
} LbSyncPhase;

/* Called on the syncing thread; total is 0 when not yet known. */
typedef void (*LbSyncProgressFunc) (LbSyncPhase phase, guint done, guint total, gpointer data);

typedef enum {
  LB_SYNC_ISSUE_REFUSED,   /* a final whose content differs from the server's */
  LB_SYNC_ISSUE_CONFLICT,  /* a draft changed here and on the server */
  LB_SYNC_ISSUE_REVOKED,   /* no longer assigned to the starter, or the role was revoked */
  LB_SYNC_ISSUE_UNKNOWN,   /* a person the server does not know, or the server said no */
  LB_SYNC_ISSUE_REMOVED,   /* pulled earlier, no longer visible: removed from this tablet */
} LbSyncIssueKind;

/* An observation that needs a person (or, REMOVED, that a person should
 * know of). */
typedef struct {
  char            *uuid;
  LbSyncIssueKind  kind;
  char            *reason;   /* Dutch (translated), says what to do */
} LbSyncIssue;

typedef struct {
  char      *person_uuid;    /* who the login is */
  guint      created;        /* pushed, new on the server */
  guint      duplicate;      /* a final the server already had, identical */
  guint      updated;        /* a draft brought up to date on the server */
  guint      refused;        /* final differs from the server's: flagged */
  guint      conflicts;      /* draft changed on both sides: flagged */
  guint      revoked;        /* not pushed: assignment or role revoked */
  guint      pulled;         /* new or newer observations brought to this tablet */
  guint      removed;        /* pulled earlier, no longer visible: removed */
  guint      additions_sent;     /* addenda and acknowledgements new on the server (step 5) */
  guint      additions_received; /* addenda and acknowledgements new on this tablet */
  GPtrArray *issues;         /* LbSyncIssue */
} LbSyncReport;

void          lb_sync_report_free  (LbSyncReport *report);
/* TRUE when something needs a person: refused, conflict, revoked, or not
 * sent for another reason (LB_SYNC_ISSUE_UNKNOWN). */
gboolean      lb_sync_report_needs_attention (const LbSyncReport *report);

/* Push, then pull. NULL and error set when the sync could not run or
 * stopped (OFFLINE, REFUSED, REVOKED, SERVER, G_IO_ERROR_CANCELLED); what
 * was pushed or pulled before that is kept and recorded, so running it
 * again continues. Cancellable between observations and batches. */
LbSyncReport *lb_sync_run          (LbStore            *store,
                                    const LbSyncConfig *cfg,
                                    LbSyncProgressFunc  progress,
                                    gpointer            data,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* A starter shares one of their own final formative observations (or a
 * self-assessment) with the people assigned to them; the server keeps the
 * share append-only. Sharing one already shared is no error. Blocking:
 * call from a worker thread. */
gboolean      lb_sync_share        (const LbSyncConfig *cfg,
                                    const char         *observation_uuid,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* The app's status line: local and quick. */
typedef struct {
  char  *last_sync;          /* ISO 8601 UTC of the last successful sync, NULL: never */
  char  *person_uuid;        /* who the configured login was last time, or NULL */
  guint  waiting;            /* own observations not yet pushed in their current form */
  guint  flagged;            /* refused, in conflict, revoked or not sent for another reason */
} LbSyncState;

gboolean      lb_store_get_sync_state (LbStore *store, LbSyncState *state, GError **error);
void          lb_sync_state_clear     (LbSyncState *state);
/* The flagged observations, LbSyncIssue. */
GPtrArray    *lb_store_list_sync_issues (LbStore *store, GError **error);
void          lb_sync_issue_free      (LbSyncIssue *issue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncConfig, lb_sync_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSyncReport, lb_sync_report_free)

G_END_DECLS
