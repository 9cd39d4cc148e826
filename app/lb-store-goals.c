/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

/* The starter's development plan (POP): goals, each linked to items, with
 * a target date and a status. Unlike observations, goals keep changing,
 * so there is no final lock; every change is in the audit log instead.
 * The audit detail names the starter and the goal ("person P goal G: …")
 * but never the goal's text, and lb_store_erase_person() removes those
 * lines with the goals. */

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define GOAL_COLUMNS \
  "g.id, g.uuid, p.uuid, g.text, g.target_date, g.status, g.source_observation_uuid, " \
  "g.created_at, g.updated_at"

/* ---- reading ---- */

static GStrv
read_items (LbStore *self, gint64 goal_id, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT item_id FROM goal_item WHERE goal_id = ? ORDER BY item_id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, goal_id);
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  while (sqlite3_step (st) == SQLITE_ROW)
    g_strv_builder_add (items, (const char *) sqlite3_column_text (st, 0));
  return g_strv_builder_end (items);
}

static LbGoal *
read_goal (LbStore *self, sqlite3_stmt *st, GError **error)
{
  g_autoptr(LbGoal) goal = lb_goal_new ();
  goal->uuid = lb_store_column_dup (st, 1);
  goal->person_uuid = lb_store_column_dup (st, 2);
  goal->text = lb_store_column_dup (st, 3);
  goal->target_date = lb_store_column_dup (st, 4);
  lb_goal_status_from_string ((const char *) sqlite3_column_text (st, 5), &goal->status);
  goal->source_observation_uuid = lb_store_column_dup (st, 6);
  goal->created_at = lb_store_column_dup (st, 7);
  goal->updated_at = lb_store_column_dup (st, 8);
  goal->item_ids = read_items (self, sqlite3_column_int64 (st, 0), error);
  return goal->item_ids ? g_steal_pointer (&goal) : NULL;
}

/* Unreached goals first, the nearest target date first, then the oldest. */
GPtrArray *
lb_store_list_goals (LbStore *self, const char *person_uuid, gboolean unreached_only, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT " GOAL_COLUMNS " FROM goal g JOIN person p ON p.id = g.person_id "
    "WHERE (?1 IS NULL OR p.uuid = ?1) AND (?2 = 0 OR g.status <> 'reached') "
    "ORDER BY p.name COLLATE NOCASE, p.uuid, g.status = 'reached', g.target_date IS NULL, g.target_date, "
    "g.created_at, g.uuid", error);
  if (st == NULL)
    return NULL;
  lb_store_bind_text (st, 1, person_uuid);
  sqlite3_bind_int (st, 2, unreached_only);
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_goal_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LbGoal *goal = read_goal (self, st, error);
      if (goal == NULL)
        return NULL;
      g_ptr_array_add (goals, goal);
    }
  return g_steal_pointer (&goals);
}

/* By uuid or a unique prefix of at least four characters, as observations. */
LbGoal *
lb_store_get_goal (LbStore *self, const char *uuid_or_prefix, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT " GOAL_COLUMNS " FROM goal g JOIN person p ON p.id = g.person_id "
    "WHERE substr (g.uuid, 1, length (?1)) = ?1 ORDER BY g.uuid = ?1 DESC LIMIT 2", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, uuid_or_prefix ? uuid_or_prefix : "", -1, SQLITE_TRANSIENT);
  if (uuid_or_prefix == NULL || strlen (uuid_or_prefix) < 4 || sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No goal with id %s"),
                   uuid_or_prefix ? uuid_or_prefix : "");
      return NULL;
    }
  g_autoptr(LbGoal) goal = read_goal (self, st, error);
  if (goal && !g_str_equal (goal->uuid, uuid_or_prefix) && sqlite3_step (st) == SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_AMBIGUOUS,
                   _("“%s” matches more than one goal; give more characters"), uuid_or_prefix);
      return NULL;
    }
  return g_steal_pointer (&goal);
}

/* ---- checking ---- */

static gboolean
valid_date (const char *date)
{
  guint y, m, d;
  char end;
  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
valid_item_id (const char *id)
{
  if (id == NULL || (!g_ascii_islower (*id) && !g_ascii_isdigit (*id)))
    return FALSE;
  gsize n = 0;
  for (const char *p = id; *p; p++, n++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return n <= 64;
}

static gboolean
check_goal (const LbGoal *goal, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (goal->text ? goal->text : ""));
  if (*text == '\0')
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("A goal needs a text")), FALSE;
  if (goal->target_date && *goal->target_date && !valid_date (goal->target_date))
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("The target date “%s” is not a date written as YYYY-MM-DD"), goal->target_date), FALSE;
  if (goal->status >= LB_N_GOAL_STATUSES)
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("Unknown goal status")), FALSE;
  for (guint i = 0; goal->item_ids && goal->item_ids[i]; i++)
    if (!valid_item_id (goal->item_ids[i]))
      return g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("“%s” is not an item id"),
                          goal->item_ids[i]), FALSE;
  return TRUE;
}

/* The id of a starter; anyone else has no development plan. */
static gint64
starter_id (LbStore *self, const char *person_uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self, "SELECT id, is_starter, name FROM person WHERE uuid = ?",
                                                 error);
  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, person_uuid ? person_uuid : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    return g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No person with id %s"), person_uuid), -1;
  if (!sqlite3_column_int (st, 1))
    return g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                        _("%s is not a starter; only a starter has a development plan"),
                        sqlite3_column_text (st, 2)), -1;
  return sqlite3_column_int64 (st, 0);
}

/* ---- writing ---- */

static gboolean
write_items (LbStore *self, gint64 goal_id, const char * const *items, GError **error)
{
  g_autoptr(sqlite3_stmt) del = lb_store_prepare (self, "DELETE FROM goal_item WHERE goal_id = ?", error);
  g_autoptr(sqlite3_stmt) add = del ? lb_store_prepare (self,
    "INSERT OR IGNORE INTO goal_item (goal_id, item_id) VALUES (?, ?)", error) : NULL;
  if (add == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, goal_id);
  if (!lb_store_step_done (self, del, error))
    return FALSE;
  for (guint i = 0; items && items[i]; i++)
    {
      sqlite3_bind_int64 (add, 1, goal_id);
      sqlite3_bind_text (add, 2, items[i], -1, SQLITE_TRANSIENT);
      if (!lb_store_step_done (self, add, error))
        return FALSE;
      sqlite3_reset (add);
    }
  return TRUE;
}

/* Not tied to an observation (observation_uuid stays NULL), so erasing
 * the coach whose afspraken a goal came from leaves the starter's log. */
static gboolean
audit_goal (LbStore *self, const char *action, const char *person_uuid, const char *goal_uuid,
            const char *what, GError **error)
{
  g_autofree char *detail = what ? g_strdup_printf ("person %s goal %s: %s", person_uuid, goal_uuid, what)
                                 : g_strdup_printf ("person %s goal %s", person_uuid, goal_uuid);
  return lb_store_audit_log (self, NULL, action, detail, error);
}

/* Inserts @goal as it is (uuid and timestamps set), inside the caller's
 * transaction. */
static gboolean
insert_goal (LbStore *self, gint64 person_id, const LbGoal *goal, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "INSERT INTO goal (uuid, person_id, text, target_date, status, source_observation_uuid, created_at, "
    "updated_at) VALUES (?,?,?,?,?,?,?,?)", error);
  if (st == NULL)
    return FALSE;
  g_autofree char *text = g_strstrip (g_strdup (goal->text));
  lb_store_bind_text (st, 1, goal->uuid);
  sqlite3_bind_int64 (st, 2, person_id);
  lb_store_bind_text (st, 3, text);
  lb_store_bind_text (st, 4, goal->target_date);
  sqlite3_bind_text (st, 5, lb_goal_status_to_string (goal->status), -1, SQLITE_STATIC);
  lb_store_bind_text (st, 6, goal->source_observation_uuid);
  lb_store_bind_text (st, 7, goal->created_at);
  lb_store_bind_text (st, 8, goal->updated_at);
  return lb_store_step_done (self, st, error) &&
         write_items (self, sqlite3_last_insert_rowid (self->db), (const char * const *) goal->item_ids, error);
}

static int
cmp_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The item ids sorted, without duplicates: one order everywhere, so
 * exports and comparisons of goals agree. */
static GStrv
sorted_items (const char * const *items)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  for (guint i = 0; items && items[i]; i++)
    g_ptr_array_add (all, (gpointer) items[i]);
  g_ptr_array_sort (all, cmp_strings);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  for (guint i = 0; i < all->len; i++)
    if (i == 0 || strcmp (all->pdata[i - 1], all->pdata[i]) != 0)
      g_strv_builder_add (out, all->pdata[i]);
  return g_strv_builder_end (out);
}

/* A copy of @goal ready to insert: a uuid if it has none, the timestamps,
 * the text trimmed, the items sorted. */
static LbGoal *
prepare_new (const LbGoal *goal)
{
  LbGoal *copy = lb_goal_copy (goal);
  if (copy->uuid == NULL)
    copy->uuid = lb_uuid_new ();
  g_free (copy->created_at);
  g_free (copy->updated_at);
  copy->created_at = lb_timestamp_now ();
  copy->updated_at = g_strdup (copy->created_at);
  g_strstrip (copy->text);
  if (copy->target_date && *copy->target_date == '\0')
    g_clear_pointer (&copy->target_date, g_free);
  GStrv items = sorted_items ((const char * const *) copy->item_ids);
  g_strfreev (copy->item_ids);
  copy->item_ids = items;
  return copy;
}

LbGoal *
lb_store_add_goal (LbStore *self, const LbGoal *goal, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && goal != NULL, NULL);
  if (!check_goal (goal, error))
    return NULL;
  g_autoptr(LbGoal) copy = prepare_new (goal);
  if (!lb_store_begin (self, error))
    return NULL;
  gint64 person = starter_id (self, copy->person_uuid, error);
  if (person < 0 || !insert_goal (self, person, copy, error) ||
      !audit_goal (self, "goal-add", copy->person_uuid, copy->uuid, NULL, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), NULL;
  return g_steal_pointer (&copy);
}

/* The texts of the goals already made from @obs_uuid, so that turning the
 * same afspraken into goals twice adds nothing the second time. */
static GHashTable *
texts_from (LbStore *self, gint64 person, const char *obs_uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "SELECT text FROM goal WHERE person_id = ? AND source_observation_uuid = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, person);
  sqlite3_bind_text (st, 2, obs_uuid, -1, SQLITE_TRANSIENT);
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_hash_table_add (texts, lb_store_column_dup (st, 0));
  return texts;
}

static gboolean
add_lines (LbStore *self, gint64 person, LbObservation *obs, GStrv lines, GPtrArray *added,
           guint *n_existing, GError **error)
{
  g_autoptr(GHashTable) have = texts_from (self, person, obs->uuid, error);
  if (have == NULL)
    return FALSE;
  for (guint i = 0; lines[i]; i++)
    {
      if (g_hash_table_contains (have, lines[i]))
        {
          (*n_existing)++;
          continue;
        }
      g_autoptr(LbGoal) draft = lb_goal_new ();
      draft->person_uuid = g_strdup (obs->starter->uuid);
      draft->text = g_strdup (lines[i]);
      draft->source_observation_uuid = g_strdup (obs->uuid);
      LbGoal *goal = prepare_new (draft);
      g_ptr_array_add (added, goal);
      g_hash_table_add (have, g_strdup (lines[i]));
      if (!insert_goal (self, person, goal, error) ||
          !audit_goal (self, "goal-add", goal->person_uuid, goal->uuid, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* One goal per line of the observation's afspraken, for its starter, in
 * one transaction. Lines that are goals from this observation already
 * are skipped and counted in @n_existing. */
GPtrArray *
lb_store_add_goals_from_observation (LbStore *self, const char *observation_uuid, guint *n_existing,
                                     GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && observation_uuid != NULL, NULL);
  guint existing = 0;
  g_autoptr(LbObservation) obs = lb_store_load (self, observation_uuid, error);
  if (obs == NULL)
    return NULL;
  g_auto(GStrv) lines = lb_goal_lines_from_agreements (obs->agreements);
  if (lines[0] == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("The observation of %s on %s has no agreements (afspraken) to turn into goals"),
                   obs->starter->name, obs->date);
      return NULL;
    }
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_goal_free);
  if (!lb_store_begin (self, error))
    return NULL;
  gint64 person = starter_id (self, obs->starter->uuid, error);
  if (person < 0 || !add_lines (self, person, obs, lines, added, &existing, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), NULL;
  if (n_existing)
    *n_existing = existing;
  return g_steal_pointer (&added);
}

static gint64
goal_id (LbStore *self, const char *uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self, "SELECT id FROM goal WHERE uuid = ?", error);
  if (st == NULL)
    return -1;
  sqlite3_bind_text (st, 1, uuid ? uuid : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    return g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No goal with id %s"), uuid), -1;
  return sqlite3_column_int64 (st, 0);
}

/* What an update changes, for the audit log: field names and the new
 * status, never the text itself. NULL when nothing changes. */
static char *
describe_changes (const LbGoal *old, const LbGoal *new, gboolean *items_changed)
{
  g_autoptr(GPtrArray) what = g_ptr_array_new_with_free_func (g_free);
  if (g_strcmp0 (old->text, new->text) != 0)
    g_ptr_array_add (what, g_strdup ("text"));
  if (g_strcmp0 (old->target_date, new->target_date) != 0)
    g_ptr_array_add (what, g_strdup ("target"));
  if (old->status != new->status)
    g_ptr_array_add (what, g_strdup_printf ("status %s", lb_goal_status_to_string (new->status)));
  *items_changed = !g_strv_equal ((const char * const *) old->item_ids, (const char * const *) new->item_ids);
  if (*items_changed)
    g_ptr_array_add (what, g_strdup ("items"));
  if (what->len == 0)
    return NULL;
  g_ptr_array_add (what, NULL);
  return g_strjoinv (", ", (char **) what->pdata);
}

static gboolean
write_update (LbStore *self, gint64 id, const LbGoal *goal, gboolean items_changed, GError **error)
{
  g_autoptr(sqlite3_stmt) st = lb_store_prepare (self,
    "UPDATE goal SET text = ?2, target_date = ?3, status = ?4, updated_at = ?5 WHERE id = ?1", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  lb_store_bind_text (st, 2, goal->text);
  lb_store_bind_text (st, 3, goal->target_date);
  sqlite3_bind_text (st, 4, lb_goal_status_to_string (goal->status), -1, SQLITE_STATIC);
  lb_store_bind_text (st, 5, goal->updated_at);
  return lb_store_step_done (self, st, error) &&
         (!items_changed || write_items (self, id, (const char * const *) goal->item_ids, error));
}

/* Now, or a millisecond after @previous if the clock has not moved on
 * (or went back): an exchange decides by updated_at which change is the
 * latest, so every change must have a later one than the one before. */
static char *
later_than (const char *previous)
{
  char *now = lb_timestamp_now ();
  g_autoptr(GDateTime) before = previous ? g_date_time_new_from_iso8601 (previous, NULL) : NULL;
  if (before == NULL || g_strcmp0 (now, previous) > 0)
    return now;
  g_free (now);
  g_autoptr(GDateTime) next = g_date_time_add (before, 1000);
  g_autofree char *base = g_date_time_format (next, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (next) / 1000);
}

/* Sets the text, target date, status and items of the goal @goal->uuid;
 * its starter and source stay. Changing nothing writes nothing. */
gboolean
lb_store_update_goal (LbStore *self, const LbGoal *goal, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && goal != NULL && goal->uuid != NULL, FALSE);
  if (!check_goal (goal, error) || !lb_store_begin (self, error))
    return FALSE;
  gint64 id = goal_id (self, goal->uuid, error);
  g_autoptr(LbGoal) old = id < 0 ? NULL : lb_store_get_goal (self, goal->uuid, error);
  if (old == NULL)
    return lb_store_rollback (self), FALSE;
  g_autoptr(LbGoal) new = prepare_new (goal);
  g_free (new->updated_at);
  new->updated_at = later_than (old->updated_at);
  gboolean items_changed;
  g_autofree char *what = describe_changes (old, new, &items_changed);
  if (what == NULL)
    return lb_store_rollback (self), TRUE;
  if (!write_update (self, id, new, items_changed, error) ||
      !audit_goal (self, "goal-update", old->person_uuid, old->uuid, what, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), FALSE;
  return TRUE;
}

gboolean
lb_store_delete_goal (LbStore *self, const char *uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && uuid != NULL, FALSE);
  if (!lb_store_begin (self, error))
    return FALSE;
  g_autoptr(LbGoal) old = goal_id (self, uuid, error) < 0 ? NULL : lb_store_get_goal (self, uuid, error);
  g_autoptr(sqlite3_stmt) st = old ? lb_store_prepare (self, "DELETE FROM goal WHERE uuid = ?", error) : NULL;
  if (st == NULL)
    return lb_store_rollback (self), FALSE;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!lb_store_step_done (self, st, error) ||
      !audit_goal (self, "goal-delete", old->person_uuid, old->uuid, NULL, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), FALSE;
  return TRUE;
}

/* ---- import (called by lb_store_import(), inside its transaction) ---- */

/* A goal from an exchange file: new here, newer than ours (the last
 * change wins, as goals have no revisions), or nothing to do. A uuid that
 * belongs to another starter here is a conflict: the file is refused. */
gboolean lb_store_import_goal (LbStore *self, const LbGoal *goal, LbImportReport *report, GError **error);

gboolean
lb_store_import_goal (LbStore *self, const LbGoal *goal, LbImportReport *report, GError **error)
{
  if (!check_goal (goal, error))
    return FALSE;
  gint64 person = starter_id (self, goal->person_uuid, error);
  if (person < 0)
    return FALSE;
  g_autoptr(LbGoal) ours = lb_store_get_goal (self, goal->uuid, NULL);
  if (ours && !g_str_equal (ours->uuid, goal->uuid))
    g_clear_pointer (&ours, lb_goal_free);  /* only a prefix matched */
  if (ours && !g_str_equal (ours->person_uuid, goal->person_uuid))
    return g_set_error (error, LB_ERROR, LB_ERROR_CONFLICT,
                        _("Goal %s in the import file belongs to another person here; nothing from this "
                          "file was imported"), goal->uuid), FALSE;
  if (ours && g_strcmp0 (goal->updated_at, ours->updated_at) <= 0)
    return TRUE;
  g_autoptr(LbGoal) copy = lb_goal_copy (goal);
  if (copy->created_at == NULL)
    copy->created_at = lb_timestamp_now ();
  if (copy->updated_at == NULL)
    copy->updated_at = g_strdup (copy->created_at);
  GStrv items = sorted_items ((const char * const *) copy->item_ids);
  g_strfreev (copy->item_ids);
  copy->item_ids = items;
  gboolean ok;
  if (ours)
    {
      gint64 id = goal_id (self, goal->uuid, error);
      ok = id >= 0 && write_update (self, id, copy, TRUE, error);
    }
  else
    ok = insert_goal (self, person, copy, error);
  if (!ok || !audit_goal (self, "goal-import", copy->person_uuid, copy->uuid, NULL, error))
    return FALSE;
  report->goals++;
  return TRUE;
}
