/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A person resolves an observation the sync flagged (model layer, no
 * GTK). Every choice keeps both versions somewhere:
 *
 *  - conflict (a draft changed here and on the server):
 *    KEEP_MINE   — this tablet's draft stays; the next sync updates the
 *                  server's draft, on the version the server has now. The
 *                  server's version is first saved as an exchange file.
 *                  Not possible when the server's copy is final.
 *    TAKE_THEIRS — the server's version replaces this tablet's, which is
 *                  first saved as an exchange file.
 *    KEEP_BOTH   — this tablet's draft becomes a new observation (a new
 *                  id, sent as new at the next sync) and the server's
 *                  version comes in under the old id.
 *  - refused (a final here that differs from the server's final): a final
 *    observation cannot change, on the server or here, and keeps its id,
 *    so the only choice is TAKE_THEIRS: this tablet's final is saved as an
 *    exchange file (it can be read, printed or imported elsewhere) and the
 *    server's takes its place. KEEP_MINE and KEEP_BOTH are refused.
 *
 * Blocking (it reads the server's current version): call it from a worker
 * thread with a store of its own, as lb_sync_run. */

#include "lb-sync.h"

G_BEGIN_DECLS

typedef enum {
  LB_SYNC_KEEP_MINE,
  LB_SYNC_TAKE_THEIRS,
  LB_SYNC_KEEP_BOTH,
} LbSyncChoice;

typedef struct {
  char *saved_file;   /* the version set aside as an exchange file, or NULL */
  char *new_uuid;     /* KEEP_BOTH: this tablet's draft's new id */
} LbSyncResolved;

void     lb_sync_resolved_clear  (LbSyncResolved *resolved);

/* Whether @choice is offered for an issue of @kind, the local copy final
 * or not (the GUI's buttons): a final keeps its id, so it is never kept
 * under a new one. */
gboolean lb_sync_choice_offered  (LbSyncIssueKind kind, gboolean local_final, LbSyncChoice choice);

/* Where set-aside versions are saved: the user's data directory. */
char    *lb_sync_resolve_dir     (void);

gboolean lb_sync_resolve         (LbStore            *store,
                                  const LbSyncConfig *cfg,
                                  const char         *uuid,
                                  LbSyncChoice        choice,
                                  LbSyncResolved     *resolved,
                                  GCancellable       *cancellable,
                                  GError            **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LbSyncResolved, lb_sync_resolved_clear)

G_END_DECLS
