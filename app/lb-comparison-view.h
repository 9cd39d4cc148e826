/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-store.h"

G_BEGIN_DECLS

/* Observers side by side: two or more final observations of one lesson
 * (lb_comparison_load), per item every observer's level and the spread,
 * the items LB_COMPARISON_NOTABLE_SPREAD or more apart highlighted, and
 * per scale the agreement: exact %, within one %, Cohen's kappa (plain
 * and quadratically weighted) and Krippendorff's alpha (ordinal). */
#define LB_TYPE_COMPARISON_VIEW (lb_comparison_view_get_type ())
G_DECLARE_FINAL_TYPE (LbComparisonView, lb_comparison_view, LB, COMPARISON_VIEW, AdwBin)

gboolean lb_comparison_view_load (LbComparisonView   *self,
                                  LbStore            *store,
                                  const char * const *uuids,
                                  GError            **error);

/* How the screen writes a share ("83.3%", "83,3%" in Dutch) and a
 * statistic ("0.308"), "—" where it is undefined (NaN). The value labels
 * are named "stat-KEY-N" (KEY exact, within-one, kappa, kappa-quadratic,
 * alpha; N the scale's index in the comparison's stats) and, per cycle or
 * segment, "stat-KEY-sSESSION-N". */
char    *lb_comparison_format_share (double share);
char    *lb_comparison_format_stat  (double value);

G_END_DECLS
