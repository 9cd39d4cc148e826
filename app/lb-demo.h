/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-store.h"

G_BEGIN_DECLS

/* Fills @store with a realistic induction: three starters in years 1–3,
 * each with coach, assessor, school leader and self-assessment
 * observations over their years, with notes and wrap-ups in Dutch. */
gboolean lb_demo_fill (LbStore      *store,
                       LbInstrument *instrument,
                       guint         seed,
                       GError      **error);

G_END_DECLS
