/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's GSettings, or NULL when the schema is not installed (running
 * from a build tree without GSETTINGS_SCHEMA_DIR): then defaults apply and
 * nothing is remembered, instead of GLib aborting. */
GSettings *lb_settings_get (void);

G_END_DECLS
