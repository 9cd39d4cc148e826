/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A text that an instrument carries in one or more languages. Dutch ("nl")
 * is always present in a loaded instrument; lookups fall back to it. */
typedef struct _LbText LbText;

#define LB_TYPE_TEXT (lb_text_get_type ())

GType        lb_text_get_type   (void) G_GNUC_CONST;
LbText      *lb_text_new        (void);
LbText      *lb_text_ref        (LbText     *text);
void         lb_text_unref      (LbText     *text);
void         lb_text_set        (LbText     *text,
                                 const char *lang,
                                 const char *value);
gboolean     lb_text_has        (const LbText *text,
                                 const char   *lang);
const char  *lb_text_get_exact  (const LbText *text,
                                 const char   *lang);
const char  *lb_text_get        (const LbText *text,
                                 const char   *lang);
const char  *lb_text_get_ui     (const LbText *text);
guint        lb_text_get_n      (const LbText *text);
const char  *lb_text_lang_at    (const LbText *text,
                                 guint         i);
gboolean     lb_text_is_empty   (const LbText *text);

const char  *lb_text_ui_language (void);
void         lb_text_set_ui_language (const char *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbText, lb_text_unref)

G_END_DECLS
