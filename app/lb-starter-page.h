/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-store.h"

G_BEGIN_DECLS

#define LB_TYPE_STARTER_PAGE (lb_starter_page_get_type ())
G_DECLARE_FINAL_TYPE (LbStarterPage, lb_starter_page, LB, STARTER_PAGE, AdwBin)

/* Shows the starter @person_uuid from @store: growth, development plan,
 * zone of next development, self-assessment beside the observer. FALSE
 * with @error when the starter cannot be read. */
gboolean    lb_starter_page_load            (LbStarterPage *self,
                                             LbStore       *store,
                                             const char    *person_uuid,
                                             GError       **error);
const char *lb_starter_page_get_person_uuid (LbStarterPage *self);
/* The growth chart on the page, for tests; NULL when none was made. */
struct _LbGrowthChart *lb_starter_page_get_growth_chart (LbStarterPage *self);

G_END_DECLS
