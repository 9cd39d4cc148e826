/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-application"

#include "config.h"
#include "lb-application.h"
#include "lb-preferences-window.h"
#include "lb-settings.h"
#include "lb-text.h"
#include "lb-window.h"

#include <glib/gi18n.h>

struct _LbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LbApplication, lb_application, ADW_TYPE_APPLICATION)

static void
lb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (lb_window_new (LB_APPLICATION (app)));
      /* On a tablet-sized screen the app takes the whole screen. */
      GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle geometry = { 0 };
      if (monitor)
        gdk_monitor_get_geometry (monitor, &geometry);
      if (monitor && (geometry.width <= 1366 || geometry.height <= 900))
        {
          /* Without a window manager (kiosk tablets) maximize is a no-op. */
          gtk_window_set_default_size (window, geometry.width, geometry.height);
          gtk_window_maximize (window);
        }
    }
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Lesbezoek developers"), NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", gtk_application_get_active_window (app),
                                   "application-name", _("Lesbezoek"),
                                   "application-icon", APP_ID,
                                   "version", PACKAGE_VERSION,
                                   "comments", _("Record lesson observations of starting teachers and turn them into feedback"),
                                   "developers", developers,
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (app);
  if (LB_IS_PREFERENCES_WINDOW (active))
    {
      gtk_window_present (active);
      return;
    }
  LbPreferencesWindow *prefs = lb_preferences_window_new (active);
  gtk_window_set_application (GTK_WINDOW (prefs), app);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static gboolean
settings_has_key (GSettings *settings, const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

/* Light, dark or the system's: applied at start-up and whenever the
 * preference changes, so the preferences window shows it at once. */
static void
color_scheme_changed_cb (GSettings *settings, const char *key, gpointer data)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), lb_preferences_color_scheme (scheme));
}

void
lb_application_apply_language (void)
{
  GSettings *settings = lb_settings_get ();
  if (settings == NULL || !settings_has_key (settings, "language"))
    return;
  g_autofree char *language = g_settings_get_string (settings, "language");
  if (*language == '\0')
    return;
  g_setenv ("LANGUAGE", language, TRUE);
  lb_text_set_ui_language (language);
}

static void
lb_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (lb_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  const char *quit_accels[] = { "<Control>q", NULL };
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  const char *preferences_accels[] = { "<Control>comma", NULL };
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);

  GSettings *settings = lb_settings_get ();
  if (settings && settings_has_key (settings, "color-scheme"))
    {
      g_signal_connect_object (settings, "changed::color-scheme", G_CALLBACK (color_scheme_changed_cb), app, 0);
      color_scheme_changed_cb (settings, "color-scheme", NULL);
    }
}

static void
lb_application_class_init (LbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  app_class->activate = lb_application_activate;
  app_class->startup = lb_application_startup;
}

static void
lb_application_init (LbApplication *self)
{
}

LbApplication *
lb_application_new (void)
{
  /* NON_UNIQUE: tests start several instances side by side, each with its
   * own database; a tablet has one user, so uniqueness buys nothing. */
  return g_object_new (LB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/nl/lesbezoek/Lesbezoek",
                       NULL);
}
