/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-goals"

/* The development plan in the store (app/lb-store-goals.c): adding,
 * listing, updating and deleting goals, each change audited; goals made
 * from an observation's afspraken; erasure of the starter taking their
 * goals and every audit line about them; and goals travelling in the
 * exchange format, round trip and merge. */

#include "lb-error.h"
#include "lb-exchange.h"
#include "lb-store.h"

#include <sqlite3.h>
#include <string.h>

static LbStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  LbStore *store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), >=, 5);   /* goals came with step 5 */
  return store;
}

static LbPerson *
add_person (LbStore *store, const char *name, gboolean starter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : LB_ROLE_COACH;
  p->induction_year = starter ? 2 : 0;
  LbPerson *added = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
  return added;
}

static LbGoal *
add_goal (LbStore *store, const LbPerson *who, const char *text, const char *target, const char * const *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbGoal) draft = lb_goal_new ();
  draft->person_uuid = g_strdup (who->uuid);
  draft->text = g_strdup (text);
  draft->target_date = g_strdup (target);
  draft->item_ids = g_strdupv ((char **) items);
  LbGoal *goal = lb_store_add_goal (store, draft, &error);
  g_assert_no_error (error);
  return goal;
}

static guint
count_audit (LbStore *store, const char *needle)
{
  g_autoptr(GPtrArray) lines = lb_store_audit (store, NULL, NULL);
  guint n = 0;
  for (guint i = 0; i < lines->len; i++)
    n += strstr (lines->pdata[i], needle) != NULL;
  return n;
}

static void
test_crud (void)
{
  g_autoptr(LbStore) store = open_store ("crud.db");
  g_autoptr(LbPerson) anna = add_person (store, "Anna Starter", TRUE);
  const char *items[] = { "ph.klimaat.2", "ph.activeren.1", "ph.klimaat.2", NULL };
  g_autoptr(LbGoal) goal = add_goal (store, anna, "  Vaker open vragen stellen \n", "2026-05-01", items);
  g_assert_cmpuint (strlen (goal->uuid), ==, 36);
  g_assert_cmpstr (goal->text, ==, "Vaker open vragen stellen");
  g_assert_cmpuint (g_strv_length (goal->item_ids), ==, 2);
  g_assert_cmpstr (goal->item_ids[0], ==, "ph.activeren.1");
  g_assert_cmpint (goal->status, ==, LB_GOAL_OPEN);
  g_autoptr(LbGoal) later = add_goal (store, anna, "Rust in de overgangen", NULL, NULL);

  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strndup (goal->uuid, 8);
  g_autoptr(LbGoal) found = lb_store_get_goal (store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->uuid, ==, goal->uuid);
  g_assert_cmpstr (found->person_uuid, ==, anna->uuid);
  g_assert_cmpstr (found->target_date, ==, "2026-05-01");
  g_assert_true (g_strv_equal ((const char * const *) found->item_ids, (const char * const *) goal->item_ids));

  /* Update: status, text, items; the audit names fields, not the text. */
  found->status = LB_GOAL_WORKING;
  g_free (found->text), found->text = g_strdup ("Vaker open vragen stellen, ook aan stille kinderen");
  g_strfreev (found->item_ids), found->item_ids = g_strsplit ("ov.begrip.2", ",", -1);
  g_assert_true (lb_store_update_goal (store, found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (store, "status working"), ==, 1);
  g_assert_cmpuint (count_audit (store, "stille kinderen"), ==, 0);
  guint lines_before = count_audit (store, "goal");
  g_assert_true (lb_store_update_goal (store, found, &error));   /* nothing changes: nothing logged */
  g_assert_cmpuint (count_audit (store, "goal"), ==, lines_before);

  g_autoptr(GPtrArray) goals = lb_store_list_goals (store, anna->uuid, FALSE, &error);
  g_assert_cmpuint (goals->len, ==, 2);
  g_assert_cmpstr (((LbGoal *) goals->pdata[0])->uuid, ==, goal->uuid);  /* a target date first */
  LbGoal *listed = goals->pdata[0];
  g_assert_cmpint (listed->status, ==, LB_GOAL_WORKING);
  g_assert_cmpstr (listed->item_ids[0], ==, "ov.begrip.2");
  g_assert_cmpstr (listed->created_at, ==, goal->created_at);
  g_assert_cmpstr (listed->updated_at, >, goal->updated_at);

  listed->status = LB_GOAL_REACHED;
  g_assert_true (lb_store_update_goal (store, listed, &error));
  g_autoptr(GPtrArray) open = lb_store_list_goals (store, anna->uuid, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((LbGoal *) open->pdata[0])->uuid, ==, later->uuid);

  g_assert_true (lb_store_delete_goal (store, later->uuid, &error));
  g_assert_no_error (error);
  g_autoptr(GPtrArray) left = lb_store_list_goals (store, NULL, FALSE, &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpuint (count_audit (store, "goal-add"), ==, 2);
  g_assert_cmpuint (count_audit (store, "goal-delete"), ==, 1);
  g_assert_false (lb_store_delete_goal (store, later->uuid, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

static void
assert_refused (LbStore *store, const char *person, const char *text, const char *target, const char *item,
                int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbGoal) draft = lb_goal_new ();
  draft->person_uuid = g_strdup (person);
  draft->text = g_strdup (text);
  draft->target_date = g_strdup (target);
  if (item)
    draft->item_ids = g_strsplit (item, ",", -1);
  g_autoptr(LbGoal) goal = lb_store_add_goal (store, draft, &error);
  g_assert_null (goal);
  g_assert_error (error, LB_ERROR, code);
}

static void
test_refused (void)
{
  g_autoptr(LbStore) store = open_store ("refused.db");
  g_autoptr(LbPerson) anna = add_person (store, "Anna Starter", TRUE);
  g_autoptr(LbPerson) coach = add_person (store, "Carla Coach", FALSE);
  assert_refused (store, anna->uuid, " \n ", NULL, NULL, LB_ERROR_INVALID);
  assert_refused (store, anna->uuid, "Doel", "2026-02-30", NULL, LB_ERROR_INVALID);
  assert_refused (store, anna->uuid, "Doel", "1 mei", NULL, LB_ERROR_INVALID);
  assert_refused (store, anna->uuid, "Doel", NULL, "Ph Klimaat", LB_ERROR_INVALID);
  assert_refused (store, coach->uuid, "Doel", NULL, NULL, LB_ERROR_INVALID);
  assert_refused (store, "no-such-person", "Doel", NULL, NULL, LB_ERROR_NOT_FOUND);
  g_autoptr(GPtrArray) goals = lb_store_list_goals (store, NULL, FALSE, NULL);
  g_assert_cmpuint (goals->len, ==, 0);
}

static void
test_lines (void)
{
  g_auto(GStrv) lines = lb_goal_lines_from_agreements ("- Eerste afspraak\n\n  • Tweede  \n3. Derde\n12) Vierde\n"
                                                       "2026 wordt een goed jaar\n-\n");
  const char *expected[] = { "Eerste afspraak", "Tweede", "Derde", "Vierde", "2026 wordt een goed jaar", "-", NULL };
  g_assert_cmpstrv (lines, expected);
  g_auto(GStrv) none = lb_goal_lines_from_agreements (NULL);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static LbObservation *
new_observation (LbStore *store, LbPerson *starter, LbPerson *observer, const char *agreements)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = LB_PURPOSE_FORMATIEF;
  draft->date = g_strdup ("2026-03-02");
  LbObservation *obs = lb_store_create_observation (store, draft, inst, &error);
  g_assert_no_error (error);
  if (agreements)
    g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_AGREEMENTS, agreements, &error));
  g_assert_no_error (error);
  return obs;
}

static void
test_from_observation (void)
{
  g_autoptr(LbStore) store = open_store ("from.db");
  g_autoptr(LbPerson) anna = add_person (store, "Anna Starter", TRUE);
  g_autoptr(LbPerson) coach = add_person (store, "Carla Coach", FALSE);
  g_autoptr(LbObservation) obs = new_observation (store, anna, coach,
    "- Start elke les met het lesdoel op het bord\n- Loop een vaste ronde na de instructie\n");
  g_autoptr(GError) error = NULL;
  guint existing = 99;
  g_autoptr(GPtrArray) goals = lb_store_add_goals_from_observation (store, obs->uuid, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 2);
  g_assert_cmpuint (existing, ==, 0);
  LbGoal *first = goals->pdata[0];
  g_assert_cmpstr (first->text, ==, "Start elke les met het lesdoel op het bord");
  g_assert_cmpstr (first->source_observation_uuid, ==, obs->uuid);
  g_assert_cmpstr (first->person_uuid, ==, anna->uuid);

  /* One tap twice adds nothing the second time; a new line is added. */
  g_autoptr(GPtrArray) again = lb_store_add_goals_from_observation (store, obs->uuid, &existing, &error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (existing, ==, 2);
  g_assert_true (lb_store_set_field (store, obs->uuid, LB_FIELD_AGREEMENTS,
                                     "- Start elke les met het lesdoel op het bord\n- Nieuw: samen nakijken", &error));
  g_autoptr(GPtrArray) more = lb_store_add_goals_from_observation (store, obs->uuid, &existing, &error);
  g_assert_cmpuint (more->len, ==, 1);
  g_assert_cmpuint (existing, ==, 1);

  g_autoptr(LbObservation) bare = new_observation (store, anna, coach, NULL);
  g_autoptr(GPtrArray) none = lb_store_add_goals_from_observation (store, bare->uuid, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

/* Every text column of every table, for @needle (as tests/store does). */
static gboolean
database_holds (const char *path, const char *needle)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_stmt *tables = NULL;
  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables, NULL);
  gboolean found = FALSE;
  while (!found && sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *st = NULL;
      sqlite3_prepare_v2 (db, sql, -1, &st, NULL);
      while (!found && sqlite3_step (st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (st) && !found; c++)
          found = sqlite3_column_text (st, c) && strstr ((const char *) sqlite3_column_text (st, c), needle);
      sqlite3_finalize (st);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return found;
}

static void
test_erase (void)
{
  g_autoptr(LbStore) store = open_store ("erase.db");
  g_autoptr(LbPerson) anna = add_person (store, "Anna Starter", TRUE);
  g_autoptr(LbPerson) bert = add_person (store, "Bert Starter", TRUE);
  g_autoptr(LbPerson) coach = add_person (store, "Carla Coach", FALSE);
  g_autoptr(LbGoal) own = add_goal (store, anna, "Annas eigen doel", NULL, NULL);
  g_autoptr(LbObservation) obs = new_observation (store, bert, coach, "- Berts afspraak");
  g_autoptr(GPtrArray) berts = lb_store_add_goals_from_observation (store, obs->uuid, NULL, NULL);
  g_assert_cmpuint (berts->len, ==, 1);
  own->status = LB_GOAL_REACHED;
  g_assert_true (lb_store_update_goal (store, own, NULL));

  g_autoptr(GError) error = NULL;
  g_assert_true (lb_store_erase_person (store, anna->uuid, &error));
  g_assert_no_error (error);
  const char *path = lb_store_get_path (store);
  g_assert_false (database_holds (path, anna->uuid));
  g_assert_false (database_holds (path, own->uuid));
  g_assert_false (database_holds (path, "Annas eigen doel"));

  /* Erasing the coach leaves Bert's goal, without its link to the
   * coach's (erased) observation. */
  g_assert_true (lb_store_erase_person (store, coach->uuid, &error));
  g_assert_no_error (error);
  g_assert_false (database_holds (path, obs->uuid));
  g_autoptr(GPtrArray) left = lb_store_list_goals (store, NULL, FALSE, &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_null (((LbGoal *) left->pdata[0])->source_observation_uuid);
  g_assert_true (database_holds (path, ((LbGoal *) left->pdata[0])->uuid));
}

/* ---- exchange ---- */

static LbExchange *
round_trip (LbExchange *ex)
{
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  LbExchange *back = lb_exchange_read_bytes (bytes, "goals.xml", NULL, &error);   /* schema-validated */
  g_assert_no_error (error);
  return back;
}

static void
assert_same_goals (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      LbGoal *x = a->pdata[i], *y = b->pdata[i];
      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpstr (x->person_uuid, ==, y->person_uuid);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->target_date, ==, y->target_date);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->source_observation_uuid, ==, y->source_observation_uuid);
      g_assert_cmpstr (x->created_at, ==, y->created_at);
      g_assert_cmpstr (x->updated_at, ==, y->updated_at);
      g_assert_true (g_strv_equal ((const char * const *) x->item_ids, (const char * const *) y->item_ids));
    }
}

static void
test_exchange (void)
{
  g_autoptr(LbStore) here = open_store ("here.db");
  g_autoptr(LbPerson) anna = add_person (here, "Anna Starter", TRUE);
  g_autoptr(LbPerson) bert = add_person (here, "Bert Starter", TRUE);
  g_autoptr(LbPerson) coach = add_person (here, "Carla Coach", FALSE);
  g_autoptr(LbObservation) obs = new_observation (here, anna, coach, "- Rust bij de start\n- Tempo & <uitleg>");
  g_autoptr(GPtrArray) from = lb_store_add_goals_from_observation (here, obs->uuid, NULL, NULL);
  const char *items[] = { "ov.begrip.1", "ph.klimaat.3", NULL };
  g_autoptr(LbGoal) extra = add_goal (here, anna, "Meer \"coöperatief\" werken\nen evalueren", "2026-06-30", items);
  g_autoptr(LbGoal) berts = add_goal (here, bert, "Berts doel zonder observaties", NULL, NULL);

  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_store_export (here, anna->uuid, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ex->goals->len, ==, 3);   /* Anna's only */
  g_autoptr(LbExchange) back = round_trip (ex);
  assert_same_goals (ex->goals, back->goals);

  /* A single observation carries no development plan. */
  g_autoptr(LbExchange) one = lb_store_export (here, NULL, obs->uuid, TRUE, &error);
  g_assert_cmpuint (one->goals->len, ==, 0);
  /* Everything: Bert too, who has goals but no observation. */
  g_autoptr(LbExchange) all = lb_store_export (here, NULL, NULL, TRUE, &error);
  g_assert_cmpuint (all->goals->len, ==, 4);

  g_autoptr(LbStore) there = open_store ("there.db");
  LbImportReport report = { 0 };
  g_autoptr(LbExchange) all_back = round_trip (all);
  g_assert_true (lb_store_import (there, all_back, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.goals, ==, 4);
  g_autoptr(GPtrArray) mine = lb_store_list_goals (here, NULL, FALSE, NULL);
  g_autoptr(GPtrArray) theirs = lb_store_list_goals (there, NULL, FALSE, NULL);
  assert_same_goals (mine, theirs);
  g_assert_cmpuint (count_audit (there, "goal-import"), ==, 4);

  /* Again: nothing changes. Then a newer status travels, an older does not. */
  g_assert_true (lb_store_import (there, all_back, &report, &error));
  g_assert_cmpuint (report.goals, ==, 0);
  extra->status = LB_GOAL_REACHED;
  g_assert_true (lb_store_update_goal (here, extra, &error));
  g_autoptr(LbExchange) newer = lb_store_export (here, anna->uuid, NULL, FALSE, &error);
  g_assert_true (lb_store_import (there, newer, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.goals, ==, 1);
  g_autoptr(LbGoal) updated = lb_store_get_goal (there, extra->uuid, &error);
  g_assert_cmpint (updated->status, ==, LB_GOAL_REACHED);
  g_assert_true (lb_store_import (there, all_back, &report, &error));
  g_assert_cmpuint (report.goals, ==, 0);
  g_autoptr(LbGoal) still = lb_store_get_goal (there, extra->uuid, &error);
  g_assert_cmpint (still->status, ==, LB_GOAL_REACHED);
}

/* A goal whose uuid belongs to another starter here: the whole file is
 * refused. */
static void
test_exchange_conflict (void)
{
  g_autoptr(LbStore) store = open_store ("conflict.db");
  g_autoptr(LbPerson) anna = add_person (store, "Anna Starter", TRUE);
  g_autoptr(LbPerson) bert = add_person (store, "Bert Starter", TRUE);
  g_autoptr(LbGoal) goal = add_goal (store, anna, "Annas doel", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_store_export (store, bert->uuid, NULL, FALSE, &error);
  g_assert_cmpuint (ex->goals->len, ==, 0);
  LbGoal *stolen = lb_goal_copy (goal);
  g_free (stolen->person_uuid), stolen->person_uuid = g_strdup (bert->uuid);
  g_free (stolen->updated_at), stolen->updated_at = g_strdup ("2099-01-01T00:00:00.000Z");
  g_ptr_array_add (ex->goals, stolen);
  LbImportReport report = { 0 };
  g_assert_false (lb_store_import (store, ex, &report, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_CONFLICT);
  g_autoptr(LbGoal) same = lb_store_get_goal (store, goal->uuid, NULL);
  g_assert_cmpstr (same->person_uuid, ==, anna->uuid);
}

/* Files from before goals existed are still read: the test exchange file
 * of tests/exchange has none. */
static void
test_exchange_old_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "exchange", "good", "basic.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ex->goals->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/goals/crud", test_crud);
  g_test_add_func ("/goals/refused", test_refused);
  g_test_add_func ("/goals/lines", test_lines);
  g_test_add_func ("/goals/from-observation", test_from_observation);
  g_test_add_func ("/goals/erase", test_erase);
  g_test_add_func ("/goals/exchange", test_exchange);
  g_test_add_func ("/goals/exchange/conflict", test_exchange_conflict);
  g_test_add_func ("/goals/exchange/old-file", test_exchange_old_file);
  return g_test_run ();
}
