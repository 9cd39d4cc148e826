/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-sync-secret"

/* Each call is a GTask around libsecret's own asynchronous call, so that
 * the caller sees one error for "there is no keyring here", whatever D-Bus
 * said (no session bus, no org.freedesktop.secrets, a service that failed
 * to start), and a password that is wiped when it is freed. */

#include "config.h"
#include "lb-sync-secret.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

G_DEFINE_QUARK (lb-sync-secret-error-quark, lb_sync_secret_error)

static const SecretSchema *
sync_schema (void)
{
  static const SecretSchema schema = {
    "nl.lesbezoek.Lesbezoek.Sync", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

void
lb_sync_secret_free (char *password)
{
  if (password)
    secret_password_free (password);
}

/* libsecret's errors all mean, to the user, that the keyring cannot be
 * used; the detail goes to the log for whoever looks into it. */
static void
return_unavailable (GTask *task, GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("keyring: %s", error->message);
  g_error_free (error);
  g_task_return_new_error (task, LB_SYNC_SECRET_ERROR, LB_SYNC_SECRET_ERROR_UNAVAILABLE,
                           _("This device has no keyring to keep the password in"));
}

static void
lookup_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);
  if (error)
    return_unavailable (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) lb_sync_secret_free);
}

void
lb_sync_secret_lookup (const char *server, const char *user, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer data)
{
  g_return_if_fail (server != NULL && user != NULL);
  GTask *task = g_task_new (NULL, cancellable, callback, data);
  g_task_set_source_tag (task, lb_sync_secret_lookup);
  secret_password_lookup (sync_schema (), cancellable, lookup_done_cb, task,
                          "server", server, "user", user, NULL);
}

char *
lb_sync_secret_lookup_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
boolean_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  /* Clearing returns FALSE when nothing was kept: no failure to us. */
  if (g_task_get_source_tag (task) == lb_sync_secret_store)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);
  if (error)
    return_unavailable (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_sync_secret_store (const char *server, const char *user, const char *password,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  g_return_if_fail (server != NULL && user != NULL && password != NULL);
  GTask *task = g_task_new (NULL, cancellable, callback, data);
  g_task_set_source_tag (task, lb_sync_secret_store);
  /* Translators: the keyring entry's label, as a keyring manager lists it */
  g_autofree char *label = g_strdup_printf (_("Lesbezoek: %s on %s"), user, server);
  secret_password_store (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         boolean_done_cb, task, "server", server, "user", user, NULL);
}

gboolean
lb_sync_secret_store_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lb_sync_secret_clear (const char *server, const char *user, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer data)
{
  g_return_if_fail (server != NULL && user != NULL);
  GTask *task = g_task_new (NULL, cancellable, callback, data);
  g_task_set_source_tag (task, lb_sync_secret_clear);
  secret_password_clear (sync_schema (), cancellable, boolean_done_cb, task,
                         "server", server, "user", user, NULL);
}

gboolean
lb_sync_secret_clear_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
