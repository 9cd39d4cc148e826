/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One goal of a starter's development plan (POP, persoonlijk
 * ontwikkelingsplan): written by the starter, linked to items of the
 * instrument, with a target date and a status. A plain value type, like
 * LbPerson: the store fills it (lb_store_*_goal), the exchange format
 * carries it inside its <person>. Dates are "YYYY-MM-DD", timestamps UTC
 * ISO 8601 with milliseconds. */

typedef enum {
  LB_GOAL_OPEN,
  LB_GOAL_WORKING,   /* "working on it" */
  LB_GOAL_REACHED,
  LB_N_GOAL_STATUSES
} LbGoalStatus;

typedef struct {
  char         *uuid;
  char         *person_uuid;              /* the starter whose goal it is */
  char         *text;
  char         *target_date;              /* may be NULL */
  LbGoalStatus  status;
  GStrv         item_ids;                 /* sorted; never NULL once read from the store */
  char         *source_observation_uuid;  /* the observation whose afspraken it came from, or NULL */
  char         *created_at;
  char         *updated_at;
} LbGoal;

#define LB_TYPE_GOAL (lb_goal_get_type ())
GType         lb_goal_get_type             (void) G_GNUC_CONST;
LbGoal       *lb_goal_new                  (void);
LbGoal       *lb_goal_copy                 (const LbGoal  *goal);
void          lb_goal_free                 (LbGoal        *goal);

const char   *lb_goal_status_to_string     (LbGoalStatus   status);
gboolean      lb_goal_status_from_string   (const char    *s,
                                            LbGoalStatus  *out);
const char   *lb_goal_status_to_label      (LbGoalStatus   status);

/* The goals an observation's afspraken hold: one per non-empty line, with
 * a leading bullet ("- ", "• ", "* ", "1. ", "2) ") and surrounding space
 * removed. Never NULL. */
GStrv         lb_goal_lines_from_agreements (const char   *agreements);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbGoal, lb_goal_free)

G_END_DECLS
