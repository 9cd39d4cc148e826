/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-settings"

#include "config.h"
#include "lb-settings.h"

GSettings *
lb_settings_get (void)
{
  static GSettings *settings;
  static gboolean looked;
  if (looked)
    return settings;
  looked = TRUE;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema == NULL)
    {
      /* From the build tree: data/ holds the compiled schema. */
      g_autoptr(GSettingsSchemaSource) build =
        g_settings_schema_source_new_from_directory (BUILD_DATADIR, source, FALSE, NULL);
      if (build)
        schema = g_settings_schema_source_lookup (build, APP_ID, FALSE);
    }
  if (schema)
    settings = g_settings_new_full (schema, NULL, NULL);
  return settings;
}
