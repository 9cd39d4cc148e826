/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-application"

#include "config.h"
#include "lb-application.h"
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
    window = GTK_WINDOW (lb_window_new (LB_APPLICATION (app)));
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
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
lb_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (lb_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  const char *quit_accels[] = { "<Control>q", NULL };
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
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
