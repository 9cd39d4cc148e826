/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-report.h"

G_BEGIN_DECLS

/* The LbReportGoalsFunc that reads the starter's development plan from the
 * store: all their goals, whatever their status, as LbReportGoal. The
 * status is the English label (msgctxt "goal"), which the dossier
 * translates into its own language. @user_data is unused. */
GPtrArray *lb_report_store_goals (LbStore        *store,
                                  const LbPerson *starter,
                                  gpointer        user_data);

/* The LbReportZoneFunc that estimates the starter's zone of next
 * development from their final observations in the store
 * (lb_zone_for_person with the default options). NULL when the instrument
 * declares no difficulties or there is nothing to estimate from.
 * @user_data is unused. */
LbZone    *lb_report_store_zone  (LbStore        *store,
                                  const LbPerson *starter,
                                  gpointer        user_data);

G_END_DECLS
