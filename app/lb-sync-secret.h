/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The sync password in the system keyring (the Secret Service, through
 * libsecret), keyed by server and user name. Only ever asynchronous: a
 * keyring may have to be unlocked, or may not answer, and the window must
 * not wait for it. Where there is no keyring (no Secret Service on the
 * session bus, or no session bus) every call fails with
 * LB_SYNC_SECRET_ERROR_UNAVAILABLE and the app asks for the password at
 * each sync instead: the password is never written to the database,
 * GSettings or a file. No GTK here. */

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_SYNC_SECRET_ERROR (lb_sync_secret_error_quark ())

typedef enum {
  LB_SYNC_SECRET_ERROR_UNAVAILABLE,  /* no keyring on this device */
} LbSyncSecretError;

GQuark   lb_sync_secret_error_quark   (void);

/* The stored password, or NULL without an error when none is stored. */
void     lb_sync_secret_lookup        (const char          *server,
                                       const char          *user,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data);
char    *lb_sync_secret_lookup_finish (GAsyncResult        *result,
                                       GError             **error);
void     lb_sync_secret_store         (const char          *server,
                                       const char          *user,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data);
gboolean lb_sync_secret_store_finish  (GAsyncResult        *result,
                                       GError             **error);
void     lb_sync_secret_clear         (const char          *server,
                                       const char          *user,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             data);
gboolean lb_sync_secret_clear_finish  (GAsyncResult        *result,
                                       GError             **error);
/* Wipes and frees a password (NULL is fine). */
void     lb_sync_secret_free          (char                *password);

G_END_DECLS
