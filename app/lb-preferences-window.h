/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The preferences: who observes (name, usual role), the language and the
 * style. Everything is stored in GSettings at once; without the settings
 * schema (an uninstalled build) the rows are shown insensitive, with why. */
#define LB_TYPE_PREFERENCES_WINDOW (lb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LbPreferencesWindow, lb_preferences_window, LB, PREFERENCES_WINDOW, AdwPreferencesWindow)

LbPreferencesWindow *lb_preferences_window_new (GtkWindow *parent);

/* The style the "color-scheme" setting asks for ("system", "light",
 * "dark"), as AdwStyleManager understands it. */
AdwColorScheme       lb_preferences_color_scheme (const char *setting);

G_END_DECLS
