/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-goal"

#include "config.h"
#include "lb-goal.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (LbGoal, lb_goal, lb_goal_copy, lb_goal_free)

LbGoal *
lb_goal_new (void)
{
  LbGoal *goal = g_new0 (LbGoal, 1);
  goal->status = LB_GOAL_OPEN;
  return goal;
}

LbGoal *
lb_goal_copy (const LbGoal *goal)
{
  g_return_val_if_fail (goal != NULL, NULL);
  LbGoal *copy = lb_goal_new ();
  copy->uuid = g_strdup (goal->uuid);
  copy->person_uuid = g_strdup (goal->person_uuid);
  copy->text = g_strdup (goal->text);
  copy->target_date = g_strdup (goal->target_date);
  copy->status = goal->status;
  copy->item_ids = g_strdupv (goal->item_ids);
  copy->source_observation_uuid = g_strdup (goal->source_observation_uuid);
  copy->created_at = g_strdup (goal->created_at);
  copy->updated_at = g_strdup (goal->updated_at);
  return copy;
}

void
lb_goal_free (LbGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->uuid);
  g_free (goal->person_uuid);
  g_free (goal->text);
  g_free (goal->target_date);
  g_strfreev (goal->item_ids);
  g_free (goal->source_observation_uuid);
  g_free (goal->created_at);
  g_free (goal->updated_at);
  g_free (goal);
}

static const char * const status_codes[] = { "open", "working", "reached" };

const char *
lb_goal_status_to_string (LbGoalStatus status)
{
  g_return_val_if_fail (status < LB_N_GOAL_STATUSES, "open");
  return status_codes[status];
}

gboolean
lb_goal_status_from_string (const char *s, LbGoalStatus *out)
{
  for (guint i = 0; s && i < G_N_ELEMENTS (status_codes); i++)
    if (g_str_equal (s, status_codes[i]))
      {
        *out = (LbGoalStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lb_goal_status_to_label (LbGoalStatus status)
{
  switch (status)
    {
    case LB_GOAL_OPEN: return C_("goal", "open");
    case LB_GOAL_WORKING: return C_("goal", "working on it");
    case LB_GOAL_REACHED: return C_("goal", "reached");
    default: g_return_val_if_reached ("?");
    }
}

/* "- ", "* ", "• ", "– ", "1. ", "12) ": what people and the demo put in
 * front of a line of afspraken. */
static const char *
skip_bullet (const char *line)
{
  static const char * const bullets[] = { "- ", "* ", "• ", "– ", "· " };
  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (g_str_has_prefix (line, bullets[i]))
      return line + strlen (bullets[i]);
  const char *p = line;
  while (g_ascii_isdigit (*p))
    p++;
  if (p > line && p - line <= 2 && (*p == '.' || *p == ')') && p[1] == ' ')
    return p + 2;
  return line;
}

GStrv
lb_goal_lines_from_agreements (const char *agreements)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (agreements ? agreements : "", "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      g_autofree char *text = g_strstrip (g_strdup (skip_bullet (lines[i])));
      if (*text)
        g_strv_builder_add (out, text);
    }
  return g_strv_builder_end (out);
}
