/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The dialogs around a sync: asking for the password, listing the
 * observations that need a person after a sync, and explaining why a sync
 * could not run. Used by LbSyncStatus. */

#include <adwaita.h>
#include "lb-store.h"
#include "lb-sync-resolve.h"

G_BEGIN_DECLS

/* @password is NULL when the person cancelled; it is wiped after the call. */
typedef void (*LbSyncPasswordFunc) (const char *password, gboolean remember, gpointer data);

/* Asks for @user's password on @server. @offer_keyring: a keyring exists,
 * so offer to keep the password there; @problem: why we ask again (NULL the
 * first time). @done is called once; @destroy frees @data after it. */
void lb_sync_ask_password  (GtkWindow          *parent,
                            const char         *server,
                            const char         *user,
                            gboolean            offer_keyring,
                            const char         *problem,
                            LbSyncPasswordFunc  done,
                            gpointer            data,
                            GDestroyNotify      destroy);

/* A person chose how to resolve a flagged observation (a choice that
 * replaces this tablet's version was confirmed first). */
typedef void (*LbSyncResolveFunc) (const char *uuid, LbSyncChoice choice, gpointer owner);

/* The observations of @issues (LbSyncIssue), each with what went wrong and
 * what to do; @store gives their starter, date and purpose. Refused and
 * conflicting ones get a button per choice, which closes the list and
 * calls @resolve with @owner, if it still exists (NULL: no buttons). */
void lb_sync_show_issues   (GtkWindow          *parent,
                            LbStore            *store,
                            GPtrArray          *issues,
                            LbSyncResolveFunc   resolve,
                            GObject            *owner);

/* Why the sync stopped (refused, revoked, a server problem). Returns the
 * dialog; it answers "password" when the person wants to type the
 * password again. */
AdwMessageDialog *lb_sync_show_failure (GtkWindow *parent,
                                        const GError *error);

G_END_DECLS
