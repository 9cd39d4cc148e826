/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_APPLICATION (lb_application_get_type ())
G_DECLARE_FINAL_TYPE (LbApplication, lb_application, LB, APPLICATION, AdwApplication)

LbApplication *lb_application_new            (void);
/* Sets LANGUAGE from the "language" preference; call before the first
 * gettext, and only when whoever started the app did not set LANGUAGE. */
void           lb_application_apply_language (void);

G_END_DECLS
