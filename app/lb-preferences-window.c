/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-preferences-window"

/* Every row is bound to its GSettings key, so a change is stored the moment
 * it is made and there is nothing to save or cancel. Combo rows hold an
 * index; the tables below translate it to the key's value and back. */

#include "config.h"
#include "lb-preferences-window.h"
#include "lb-settings.h"

#include <glib/gi18n.h>

struct _LbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *observer_group;
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwComboRow          *language_row;
  AdwComboRow          *style_row;
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

static void
lb_preferences_window_class_init (LbPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, observer_group);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferencesWindow, style_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
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
  return g_object_new (LB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
