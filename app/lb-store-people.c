/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store"

#include "config.h"
#include "lb-store-private.h"

#include <glib/gi18n.h>

#define PERSON_COLUMNS "uuid, name, is_starter, role, school, board, induction_start, induction_year"

LbPerson *
lb_store_read_person (sqlite3_stmt *stmt, int c)
{
  LbPerson *p = lb_person_new ();
  p->uuid = lb_store_column_dup (stmt, c);
  p->name = lb_store_column_dup (stmt, c + 1);
  p->is_starter = sqlite3_column_int (stmt, c + 2);
  LbRole role = LB_ROLE_ASSESSOR;
  lb_role_from_string ((const char *) sqlite3_column_text (stmt, c + 3), &role);
  p->role = role;
  p->school = lb_store_column_dup (stmt, c + 4);
  p->board = lb_store_column_dup (stmt, c + 5);
  p->induction_start = lb_store_column_dup (stmt, c + 6);
  p->induction_year = sqlite3_column_int (stmt, c + 7);
  return p;
}

gint64
lb_store_person_id (LbStore *self, const char *uuid, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self, "SELECT id FROM person WHERE uuid = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No person with id %s"), uuid);
  return -1;
}

static gboolean
check_person (const LbPerson *p, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (p->name ? p->name : ""));
  if (*name == '\0')
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("A person needs a name"));
      return FALSE;
    }
  if (p->is_starter && (p->induction_year < 1 || p->induction_year > 3))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                   _("The induction year of a starter is 1, 2 or 3, not %d"), p->induction_year);
      return FALSE;
    }
  return TRUE;
}

static void
bind_person (sqlite3_stmt *stmt, const LbPerson *p, const char *now)
{
  g_autofree char *name = g_strstrip (g_strdup (p->name));
  lb_store_bind_text (stmt, 1, p->uuid);
  lb_store_bind_text (stmt, 2, name);
  sqlite3_bind_int (stmt, 3, p->is_starter);
  sqlite3_bind_text (stmt, 4, lb_role_to_string (p->is_starter ? LB_ROLE_STARTER : p->role), -1, SQLITE_STATIC);
  lb_store_bind_text (stmt, 5, p->school);
  lb_store_bind_text (stmt, 6, p->board);
  lb_store_bind_text (stmt, 7, p->induction_start);
  if (p->is_starter)
    sqlite3_bind_int (stmt, 8, p->induction_year);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
}

LbPerson *
lb_store_add_person (LbStore *self, const LbPerson *person, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && person != NULL, NULL);
  if (!check_person (person, error))
    return NULL;
  g_autoptr(LbPerson) copy = lb_person_copy (person);
  if (copy->uuid == NULL)
    copy->uuid = lb_uuid_new ();
  if (!copy->is_starter)
    copy->induction_year = 0;
  g_autofree char *now = lb_timestamp_now ();
  if (!lb_store_begin (self, error))
    return NULL;
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "INSERT INTO person (" PERSON_COLUMNS ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?9)", error);
  if (stmt == NULL)
    return lb_store_rollback (self), NULL;
  bind_person (stmt, copy, now);
  g_autofree char *detail = g_strdup_printf ("person %s", copy->uuid);
  if (!lb_store_step_done (self, stmt, error) ||
      !lb_store_audit_log (self, NULL, "person-add", detail, error) ||
      !lb_store_commit (self, error))
    return lb_store_rollback (self), NULL;
  return g_steal_pointer (&copy);
}

gboolean
lb_store_update_person (LbStore *self, const LbPerson *person, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && person != NULL && person->uuid, FALSE);
  if (!check_person (person, error))
    return FALSE;
  g_autofree char *now = lb_timestamp_now ();
  if (!lb_store_begin (self, error))
    return FALSE;
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "UPDATE person SET name = ?2, is_starter = ?3, role = ?4, school = ?5, board = ?6, "
    "induction_start = ?7, induction_year = ?8, updated_at = ?9 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return lb_store_rollback (self), FALSE;
  bind_person (stmt, person, now);
  g_autofree char *detail = g_strdup_printf ("person %s", person->uuid);
  if (!lb_store_step_done (self, stmt, error))
    return lb_store_rollback (self), FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No person with id %s"), person->uuid);
      return lb_store_rollback (self), FALSE;
    }
  if (!lb_store_audit_log (self, NULL, "person-update", detail, error) || !lb_store_commit (self, error))
    return lb_store_rollback (self), FALSE;
  return TRUE;
}

GPtrArray *
lb_store_list_people (LbStore *self, gboolean starters_only, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    starters_only ? "SELECT " PERSON_COLUMNS " FROM person WHERE is_starter ORDER BY name COLLATE NOCASE, uuid"
                  : "SELECT " PERSON_COLUMNS " FROM person ORDER BY name COLLATE NOCASE, uuid", error);
  if (stmt == NULL)
    return NULL;
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_person_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (people, lb_store_read_person (stmt, 0));
  return people;
}

/* By uuid, else by exact name (case-insensitive); a name shared by two
 * people is refused rather than guessed. */
LbPerson *
lb_store_find_person (LbStore *self, const char *name_or_uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (self) && name_or_uuid, NULL);
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT " PERSON_COLUMNS " FROM person WHERE uuid = ?1 OR name = ?1 COLLATE NOCASE "
    "ORDER BY uuid = ?1 DESC LIMIT 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name_or_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No person called “%s”"), name_or_uuid);
      return NULL;
    }
  g_autoptr(LbPerson) first = lb_store_read_person (stmt, 0);
  if (g_strcmp0 (first->uuid, name_or_uuid) != 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_AMBIGUOUS,
                   _("More than one person is called “%s”; use their id instead "
                     "(see “lesbezoek people”)"), name_or_uuid);
      return NULL;
    }
  return g_steal_pointer (&first);
}

guint
lb_store_count_observations_of (LbStore *self, const char *person_uuid)
{
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT count(*) FROM observation o JOIN person p ON p.id = o.starter_id OR p.id = o.observer_id "
    "WHERE p.uuid = ? AND o.deleted_at IS NULL", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, person_uuid, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
}

/* Every person's count at once (as lb_store_count_observations_of): the
 * starters' overview needs them all, and one pass over the observations
 * beats one query per person once there are thousands. */
GHashTable *
lb_store_count_observations_per_person (LbStore *self)
{
  g_return_val_if_fail (LB_IS_STORE (self), NULL);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = lb_store_prepare (self,
    "SELECT p.uuid, n FROM (SELECT starter_id AS id, count (*) AS n FROM observation "
    "  WHERE deleted_at IS NULL GROUP BY starter_id "
    "UNION ALL SELECT observer_id, count (*) FROM observation "
    "  WHERE deleted_at IS NULL AND observer_id != starter_id GROUP BY observer_id) c "
    "JOIN person p ON p.id = c.id", NULL);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, uuid)) + (guint) sqlite3_column_int (stmt, 1);
      g_hash_table_insert (counts, g_strdup (uuid), GUINT_TO_POINTER (n));
    }
  return counts;
}
