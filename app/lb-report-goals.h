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

/* The starter's zone of next development from their final observations
 * made with instruments that declare indicator difficulties (others say
 * nothing on the Rasch scale, so they are left out); the default options.
 * LB_ERROR_INVALID when none of their instruments declares difficulties,
 * LB_ERROR_NOT_FOUND when there is nothing to estimate from. */
LbZone    *lb_report_zone_for_person (LbStore    *store,
                                  const char     *person_uuid,
                                  GError        **error);

/* The LbReportZoneFunc for the dossier: lb_report_zone_for_person, NULL
 * when there is no zone to show. @user_data is unused. */
LbZone    *lb_report_store_zone  (LbStore        *store,
                                  const LbPerson *starter,
                                  gpointer        user_data);

G_END_DECLS
