/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-preferences-window"

/* Every row is bound to its GSettings key, so a change is stored the moment
 * it is made and there is nothing to save or cancel. Combo rows hold an
 * index; the tables below translate it to the key's value and back. */

#include "config.h"
#include "lb-preferences-window.h"
#include "lb-settings.h"
#include "lb-sync.h"
#include "lb-sync-secret.h"
#include "lb-window.h"

#include <glib/gi18n.h>

struct _LbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *observer_group;
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwComboRow          *language_row;
  AdwComboRow          *style_row;

  /* Sync: the settings live in the local database, beside the sync state,
   * so that `lesbezoek sync` and the app share them; the password only in
   * the keyring. */
  AdwPreferencesGroup  *sync_group;
  AdwEntryRow          *server_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *keyring_row;
  GtkWidget            *forget_button;
  AdwActionRow         *ca_row;
  AdwActionRow         *cert_row;
  AdwActionRow         *key_row;
  GtkWidget            *cert_clear;
  GtkWidget            *key_clear;
  LbWindow             *parent;
  LbStore              *store;
  LbSyncConfig         *sync;
  guint                 save_source;   /* typing is saved a moment after it stops */
  gboolean              loading;
  GCancellable         *keyring_cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LbPreferencesWindow, lb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the rows' models. */
static const char * const role_codes[] = { "assessor", "coach", "school-leader", "mentor", NULL };
static const char * const language_codes[] = { "nl", "en", NULL };
static const char * const style_codes[] = { "system", "light", "dark", NULL };

AdwColorScheme
lb_preferences_color_scheme (const char *setting)
{
  if (g_strcmp0 (setting, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (setting, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

/* An unknown value (an old "starter" role) falls back to the key's default;
 * an empty language means the default, Dutch. */
static gboolean
get_index_cb (GValue *value, GVariant *variant, gpointer user_data)
{
  const char * const *codes = user_data;
  const char *s = g_variant_get_string (variant, NULL);
  for (guint i = 0; codes[i]; i++)
    if (g_str_equal (s, codes[i]) || (i == 0 && *s == '\0'))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
set_index_cb (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char * const *codes = user_data;
  guint index = g_value_get_uint (value);
  return index < g_strv_length ((char **) codes) ? g_variant_new_string (codes[index]) : NULL;
}

static gboolean
has_key (GSettings *settings, const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

static void
bind_combo (GSettings *settings, const char *key, AdwComboRow *row, const char * const *codes)
{
  if (!has_key (settings, key))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
      return;
    }
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_index_cb, set_index_cb, (gpointer) codes, NULL);
}

static void
language_changed_cb (AdwComboRow *row, GParamSpec *pspec, LbPreferencesWindow *self)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Restart Lesbezoek to use the new language")));
}

/* ---- sync with the school board ---- */

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  return *text ? g_steal_pointer (&text) : NULL;
}

static char **
file_field (LbPreferencesWindow *self, const char *which)
{
  if (g_str_equal (which, "ca"))
    return &self->sync->ca_file;
  if (g_str_equal (which, "cert"))
    return &self->sync->cert_file;
  if (g_str_equal (which, "key"))
    return &self->sync->key_file;
  return NULL;
}

static void
show_file (AdwActionRow *row, const char *path, GtkWidget *clear, const char *none)
{
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;
  adw_action_row_set_subtitle (row, base ? base : none);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), path);
  if (clear)
    gtk_widget_set_visible (clear, path != NULL);
}

static void
show_files (LbPreferencesWindow *self)
{
  show_file (self->ca_row, self->sync->ca_file, NULL, _("Not chosen yet: needed to sync"));
  show_file (self->cert_row, self->sync->cert_file, self->cert_clear, _("None"));
  show_file (self->key_row, self->sync->key_file, self->key_clear, _("None"));
}

static void
save_sync (LbPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->store == NULL)
    return;
  g_autoptr(GError) error = NULL;
  if (!lb_sync_config_save (self->store, self->sync, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  LbSyncStatus *status = self->parent ? lb_window_get_sync_status (self->parent) : NULL;
  if (status)
    lb_sync_status_refresh (status);
}

static void look_up_keyring (LbPreferencesWindow *self);

static gboolean
save_sync_cb (gpointer data)
{
  LbPreferencesWindow *self = data;
  self->save_source = 0;
  save_sync (self);
  look_up_keyring (self);   /* is a password kept for this server and user? */
  return G_SOURCE_REMOVE;
}

/* ---- the keyring row ---- */

static void
show_keyring (LbPreferencesWindow *self, gboolean available, gboolean stored)
{
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), available);
  gtk_widget_set_visible (self->forget_button, available && stored);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keyring_row), available ? _("Keyring") : _("Password"));
  const char *text;
  if (!available)
    text = _("This device has no keyring: Lesbezoek asks for the password at each sync and keeps it nowhere.");
  else if (stored)
    text = _("The password is kept in the keyring of this device.");
  else
    text = _("No password kept: it is asked at the next sync, or type it above.");
  adw_action_row_set_subtitle (self->keyring_row, text);
}

static void
keyring_looked_up_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  char *password = lb_sync_secret_lookup_finish (result, &error);
  gboolean stored = password != NULL;
  lb_sync_secret_free (password);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the window is gone, or a newer look-up runs */
  show_keyring (LB_PREFERENCES_WINDOW (data), error == NULL, stored);
}

static GCancellable *
new_keyring_call (LbPreferencesWindow *self)
{
  if (self->keyring_cancellable)
    g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);
  self->keyring_cancellable = g_cancellable_new ();
  return self->keyring_cancellable;
}

/* Whether a password is kept for this server and user; without either,
 * whether there is a keyring at all. */
static void
look_up_keyring (LbPreferencesWindow *self)
{
  adw_action_row_set_subtitle (self->keyring_row, _("Looking in the keyring…"));
  lb_sync_secret_lookup (self->sync->server ? self->sync->server : "", self->sync->user ? self->sync->user : "",
                         new_keyring_call (self), keyring_looked_up_cb, self);
}

static void
keyring_changed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_get_source_tag (G_TASK (result)) == lb_sync_secret_store
                ? lb_sync_secret_store_finish (result, &error) : lb_sync_secret_clear_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  LbPreferencesWindow *self = data;
  if (!ok)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  look_up_keyring (self);
}

static void
password_apply_cb (LbPreferencesWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (self->sync->server == NULL || self->sync->user == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Fill in the server and your user name first")));
      return;
    }
  if (password && *password)
    lb_sync_secret_store (self->sync->server, self->sync->user, password, new_keyring_call (self),
                          keyring_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

static void
forget_clicked_cb (LbPreferencesWindow *self)
{
  if (self->sync->server && self->sync->user)
    lb_sync_secret_clear (self->sync->server, self->sync->user, new_keyring_call (self), keyring_changed_cb, self);
}

static void
sync_entry_changed_cb (LbPreferencesWindow *self)
{
  if (self->loading || self->sync == NULL)
    return;
  g_free (self->sync->server);
  self->sync->server = text_or_null (self->server_row);
  g_free (self->sync->user);
  self->sync->user = text_or_null (self->user_row);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (400, save_sync_cb, self);
}

/* ---- certificate files ---- */

static void
set_file (LbPreferencesWindow *self, const char *which, const char *path)
{
  char **field = self->sync ? file_field (self, which) : NULL;
  if (field == NULL)
    return;
  g_free (*field);
  *field = path && *path ? g_strdup (path) : NULL;
  show_files (self);
  save_sync (self);
}

static void
set_file_action (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *which, *path;
  g_variant_get (param, "(&s&s)", &which, &path);
  set_file (LB_PREFERENCES_WINDOW (widget), which, path);
}

static void
chooser_response_cb (LbPreferencesWindow *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        set_file (self, g_object_get_data (G_OBJECT (chooser), "lb-which"), path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbPreferencesWindow *self = LB_PREFERENCES_WINDOW (widget);
  const char *which = g_variant_get_string (param, NULL);
  if (self->chooser || self->sync == NULL || file_field (self, which) == NULL)
    return;
  const char *title = g_str_equal (which, "key") ? _("Choose the Key") : _("Choose the Certificate");
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (self->chooser), "lb-which", g_strdup (which), g_free);
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Certificates and keys (PEM)"));
  const char *patterns[] = { "*.crt", "*.pem", "*.cer", "*.key", NULL };
  for (guint i = 0; patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The settings of @parent's database, when there is one. */
static void
setup_sync (LbPreferencesWindow *self, GtkWindow *parent)
{
  g_set_weak_pointer (&self->parent, LB_IS_WINDOW (parent) ? LB_WINDOW (parent) : NULL);
  self->store = self->parent ? lb_window_get_store (self->parent) : NULL;
  g_autoptr(GError) error = NULL;
  self->sync = self->store ? lb_sync_config_load (self->store, &error) : NULL;
  if (self->sync == NULL)
    {
      adw_preferences_group_set_description (self->sync_group, error ? error->message
        : _("There is no database to keep these settings in; see the message at start-up."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_group), FALSE);
      self->sync = lb_sync_config_new ();
      return;
    }
  g_object_ref (self->store);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), self->sync->server ? self->sync->server : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), self->sync->user ? self->sync->user : "");
  self->loading = FALSE;
  show_files (self);
  look_up_keyring (self);
}

static void
lb_preferences_window_dispose (GObject *object)
{
  LbPreferencesWindow *self = LB_PREFERENCES_WINDOW (object);
  if (self->save_source)
    save_sync (self);   /* what was typed last is kept when the window closes at once */
  if (self->keyring_cancellable)
    g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->sync, lb_sync_config_free);
  G_OBJECT_CLASS (lb_preferences_window_parent_class)->dispose (object);
}

static void
lb_preferences_window_class_init (LbPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, observer_group);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, style_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, cert_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, cert_clear);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, key_clear);
  gtk_widget_class_bind_template_callback (widget_class, sync_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_clicked_cb);
  gtk_widget_class_install_action (widget_class, "prefs.choose-file", "s", choose_file_action);
  gtk_widget_class_install_action (widget_class, "prefs.set-file", "(ss)", set_file_action);
}

static void
lb_preferences_window_init (LbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  GSettings *settings = lb_settings_get ();
  if (settings == NULL)
    {
      adw_preferences_group_set_description (self->observer_group,
        _("These preferences cannot be kept: the app's settings are not installed on this device, so "
          "Lesbezoek uses its defaults. Installing Lesbezoek fixes this."));
      GtkWidget *rows[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->role_row),
                            GTK_WIDGET (self->language_row), GTK_WIDGET (self->style_row) };
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_widget_set_sensitive (rows[i], FALSE);
      return;
    }
  g_settings_bind (settings, "observer-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  bind_combo (settings, "default-role", self->role_row, role_codes);
  bind_combo (settings, "language", self->language_row, language_codes);
  bind_combo (settings, "color-scheme", self->style_row, style_codes);
  g_signal_connect (self->language_row, "notify::selected", G_CALLBACK (language_changed_cb), self);
}

LbPreferencesWindow *
lb_preferences_window_new (GtkWindow *parent)
{
  LbPreferencesWindow *self = g_object_new (LB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  setup_sync (self, parent);
  return self;
}
