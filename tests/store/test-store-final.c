/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* The final lock and the audit log. A final observation cannot change,
 * through the store's functions or behind its back with raw SQL; only the
 * starter's acknowledgement (once) and addenda may be added, and neither
 * changes the hash. Verification names exactly the observation that was
 * tampered with. Every change appends to an audit log that itself cannot
 * be changed. */

#include "config.h"
#include "store-test-util.h"

#include <string.h>

typedef struct {
  char  *canonical;
  int    revision;
  char  *updated_at;
  gint64 rows;         /* all rows of all tables */
} Snapshot;

static gint64
all_rows (const char *path)
{
  sqlite3 *db = store_raw_open (path);
  sqlite3_stmt *st;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st, NULL),
                   ==, SQLITE_OK);
  gint64 n = 0;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", sqlite3_column_text (st, 0));
      n += store_raw_int (db, sql);
    }
  sqlite3_finalize (st);
  sqlite3_close (db);
  return n;
}

static void
snapshot_take (Snapshot *s, LbStore *store, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) o = lb_store_load (store, uuid, &error);
  g_assert_no_error (error);
  s->canonical = lb_observation_canonical (o);
  s->revision = o->revision;
  s->updated_at = g_strdup (o->updated_at);
  s->rows = all_rows (lb_store_get_path (store));
}

static void
snapshot_assert_same (Snapshot *s, LbStore *store, const char *uuid)
{
  Snapshot now;
  snapshot_take (&now, store, uuid);
  g_assert_cmpstr (now.canonical, ==, s->canonical);
  g_assert_cmpint (now.revision, ==, s->revision);
  g_assert_cmpstr (now.updated_at, ==, s->updated_at);
  g_assert_cmpint (now.rows, ==, s->rows);
  g_free (now.canonical);
  g_free (now.updated_at);
}

static LbObservation *
make_final (LbStore *store, const char *starter, const char *assessor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = store_test_new_draft (store, starter, assessor, LB_PURPOSE_SUMMATIEF);
  store_test_fill (store, obs);
  g_assert_true (lb_store_set_focus (store, obs->uuid, store_test_item (2), TRUE, &error));
  LbDomainJudgement j = { (char *) "ph", (char *) "met", TRUE, NULL, NULL };
  g_assert_true (lb_store_set_judgement (store, obs->uuid, &j, &error));
  g_assert_no_error (error);
  g_assert_true (lb_store_finalize (store, obs->uuid, assessor, &error));
  g_assert_no_error (error);
  LbObservation *final = lb_store_load (store, obs->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (final->status, ==, LB_STATUS_FINAL);
  g_assert_nonnull (final->content_hash);
  g_autofree char *hash = lb_observation_compute_hash (final);
  g_assert_cmpstr (hash, ==, final->content_hash);
  return final;
}

static void
assert_final_error (gboolean ok, GError **error)
{
  g_assert_false (ok);
  g_assert_error (*error, LB_ERROR, LB_ERROR_FINAL);
  g_clear_error (error);
}

static void
test_mutations_refused (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) o = make_final (store, "Sem de Boer", "Henk Visser");
  const char *uuid = o->uuid;
  const char *note = ((LbNote *) o->notes->pdata[0])->uuid;
  const char *item = store_test_item (0);
  Snapshot s;
  snapshot_take (&s, store, uuid);

  assert_final_error (lb_store_set_score (store, uuid, 0, item, store_test_level (item, 0), FALSE, NULL, &error), &error);
  snapshot_assert_same (&s, store, uuid);
  assert_final_error (lb_store_set_score (store, uuid, 0, item, NULL, FALSE, NULL, &error), &error);
  assert_final_error (lb_store_set_score (store, uuid, 0, store_test_item (9), NULL, TRUE, "x", &error), &error);
  assert_final_error (lb_store_set_mark (store, uuid, 0, store_test_indicator (0), NULL, &error), &error);
  assert_final_error (lb_store_set_mark (store, uuid, 0, store_test_indicator (7), "yes", &error), &error);
  snapshot_assert_same (&s, store, uuid);
  g_autofree char *added = lb_store_add_note (store, uuid, 0, 5, "Achteraf nog iets", &error);
  assert_final_error (added != NULL, &error);
  assert_final_error (lb_store_update_note (store, note, "Anders verwoord", &error), &error);
  assert_final_error (lb_store_link_note (store, note, store_test_item (5), TRUE, &error), &error);
  assert_final_error (lb_store_link_note (store, note, store_test_item (0), FALSE, &error), &error);
  snapshot_assert_same (&s, store, uuid);
  for (LbField field = 0; field < LB_N_FIELDS; field++)
    assert_final_error (lb_store_set_field (store, uuid, field, field == LB_FIELD_DATE ? "2025-01-01" :
                                            field == LB_FIELD_PUPILS ? "12" :
                                            (field == LB_FIELD_START_TIME || field == LB_FIELD_END_TIME) ? "10:15" : "gewijzigd", &error), &error);
  snapshot_assert_same (&s, store, uuid);
  assert_final_error (lb_store_set_focus (store, uuid, store_test_item (4), TRUE, &error), &error);
  assert_final_error (lb_store_set_focus (store, uuid, store_test_item (2), FALSE, &error), &error);
  assert_final_error (lb_store_set_snapshot (store, uuid, 0, "s1", "3", 10, &error), &error);
  LbDomainJudgement j = { (char *) "ph", (char *) "met", FALSE, (char *) "not-met", (char *) "Toch niet" };
  assert_final_error (lb_store_set_judgement (store, uuid, &j, &error), &error);
  assert_final_error (lb_store_delete_draft (store, uuid, &error), &error);
  assert_final_error (lb_store_finalize (store, uuid, "Henk Visser", &error), &error);
  snapshot_assert_same (&s, store, uuid);
  g_assert_cmpuint (lb_store_count (store), ==, 1);
  g_free (s.canonical);
  g_free (s.updated_at);
}

/* Behind the store's back: every statement on a final's rows is refused. */
static void
test_raw_sql_refused (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) o = make_final (store, "Sem de Boer", "Henk Visser");
  g_assert_true (lb_store_add_addendum (store, o->uuid, "Henk Visser", "Aanvulling bij de tips", &error));
  g_assert_true (lb_store_acknowledge (store, o->uuid, "Gezien.", &error));
  g_assert_no_error (error);
  Snapshot s;
  snapshot_take (&s, store, o->uuid);

  const char *statements[] = {
    "UPDATE score SET level_id = '1' WHERE observation_id = 1",
    "UPDATE score SET updated_at = 'x' WHERE observation_id = 1",
    "DELETE FROM score WHERE observation_id = 1",
    "INSERT INTO score (observation_id, session, item_id, level_id, updated_at) VALUES (1, 0, 'nieuw', '2', 'x')",
    "UPDATE mark SET code = 'no' WHERE observation_id = 1",
    "DELETE FROM mark WHERE observation_id = 1",
    "UPDATE note SET text = 'anders' WHERE observation_id = 1",
    "UPDATE note SET created_at = '2020-01-01T00:00:00.000Z' WHERE observation_id = 1",
    "DELETE FROM note WHERE observation_id = 1",
    "DELETE FROM note_item WHERE observation_id = 1",
    "INSERT INTO note_item (note_id, observation_id, item_id) SELECT id, 1, 'x' FROM note WHERE observation_id = 1",
    "DELETE FROM focus_item WHERE observation_id = 1",
    "INSERT INTO focus_item (observation_id, item_id) VALUES (1, 'x')",
    "UPDATE judgement SET computed = 'not-met'",
    "DELETE FROM judgement",
    "INSERT INTO snapshot_answer (observation_id, snapshot_id, code) VALUES (1, 's', 'c')",
    "UPDATE addendum SET text = 'herschreven'",
    "DELETE FROM addendum",
    "DELETE FROM observation WHERE id = 1",
    "UPDATE observation SET status = 'draft' WHERE id = 1",
    "UPDATE observation SET tops = 'anders' WHERE id = 1",
    "UPDATE observation SET date = '2020-01-01' WHERE id = 1",
    "UPDATE observation SET pupils = 3 WHERE id = 1",
    "UPDATE observation SET content_hash = 'abc' WHERE id = 1",
    "UPDATE observation SET signed_by = 'iemand anders' WHERE id = 1",
    "UPDATE observation SET starter_id = (SELECT id FROM person WHERE name = 'Henk Visser') WHERE id = 1",
    "UPDATE observation SET instrument_id = 'ander', instrument_version = '9' WHERE id = 1",
    "UPDATE observation SET deleted_at = '2025-01-01T00:00:00.000Z' WHERE id = 1",
    "UPDATE observation SET uuid = 'ander' WHERE id = 1",
    "UPDATE observation SET acknowledged_at = NULL WHERE id = 1",
    "UPDATE observation SET reaction = 'Niet mee eens.' WHERE id = 1",
  };
  sqlite3 *db = store_raw_open (f->path);
  store_raw_exec (db, "PRAGMA foreign_keys = ON", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *message = NULL;
      int rc = store_raw_exec (db, statements[i], &message);
      if (rc != SQLITE_CONSTRAINT || strstr (message, "final observation") == NULL)
        g_error ("“%s” was not refused: %d %s", statements[i], rc, message);
    }
  sqlite3_close (db);
  snapshot_assert_same (&s, store, o->uuid);
  g_autoptr(LbObservation) again = lb_store_load (store, o->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->addenda->len, ==, 1);
  g_assert_cmpstr (((LbAddendum *) again->addenda->pdata[0])->text, ==, "Aanvulling bij de tips");
  g_free (s.canonical);
  g_free (s.updated_at);
}

static void
assert_verifies (LbStore *store, guint n_final, const char *bad_uuid)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (store, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_final);
  if (bad_uuid == NULL)
    g_assert_cmpuint (bad->len, ==, 0);
  else
    {
      g_assert_cmpuint (bad->len, ==, 1);
      g_assert_cmpstr (bad->pdata[0], ==, bad_uuid);
    }
}

static void
test_acknowledge_addenda_verify (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) a = make_final (store, "Sem de Boer", "Henk Visser");
  g_autoptr(LbObservation) b = make_final (store, "Julia Peters", "Anouk Smits");
  g_autoptr(LbObservation) draft = store_test_new_draft (store, "Julia Peters", "Bram Vos", LB_PURPOSE_FORMATIEF);
  store_test_fill (store, draft);
  assert_verifies (store, 2, NULL);

  /* The starter's "gezien": once. */
  g_assert_true (lb_store_acknowledge (store, a->uuid, "Gezien, ik herken de tips.", &error));
  g_assert_no_error (error);
  g_assert_false (lb_store_acknowledge (store, a->uuid, "Nog een keer", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lb_store_acknowledge (store, draft->uuid, "Te vroeg", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Addenda: added, not hashed. */
  g_assert_true (lb_store_add_addendum (store, a->uuid, "Henk Visser", "Bij item 3 bedoelde ik de tweede les.", &error));
  g_assert_true (lb_store_add_addendum (store, a->uuid, "Sem de Boer", "Reactie op de aanvulling.", &error));
  g_assert_no_error (error);
  g_assert_false (lb_store_add_addendum (store, a->uuid, "", "zonder auteur", &error));
  g_clear_error (&error);
  g_autoptr(LbObservation) got = lb_store_load (store, a->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->addenda->len, ==, 2);
  g_assert_cmpstr (got->reaction, ==, "Gezien, ik herken de tips.");
  g_assert_nonnull (got->acknowledged_at);
  g_assert_cmpstr (got->content_hash, ==, a->content_hash);
  g_autofree char *hash = lb_observation_compute_hash (got);
  g_assert_cmpstr (hash, ==, a->content_hash);
  assert_verifies (store, 2, NULL);

  /* Tampering, with the guard switched off as only an erasure may: named. */
  sqlite3 *db = store_raw_open (f->path);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE guard SET erasing = 1;"
    "UPDATE score SET level_id = CASE level_id WHEN '1' THEN '2' ELSE '1' END "
    "  WHERE observation_id = (SELECT id FROM observation WHERE uuid = '%s') AND item_id = '%s';"
    "UPDATE guard SET erasing = 0;", b->uuid, store_test_item (0));
  g_assert_cmpint (store_raw_exec (db, sql, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_total_changes (db), ==, 3);  /* guard, one score, guard */
  sqlite3_close (db);
  assert_verifies (store, 2, b->uuid);
}

/* ---- the audit log ---- */

static gint64
audit_rows (const char *path)
{
  return store_count_rows (path, "SELECT count(*) FROM audit");
}

static void
assert_one_more (const char *path, gint64 *before, const char *action)
{
  sqlite3 *db = store_raw_open (path);
  gint64 n = store_raw_int (db, "SELECT count(*) FROM audit");
  g_autofree char *last_action = store_raw_text (db, "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
  g_autofree char *at = store_raw_text (db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1");
  g_autofree char *prev = store_raw_text (db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1 OFFSET 1");
  sqlite3_close (db);
  if (n != *before + 1)
    g_error ("%s appended %" G_GINT64_FORMAT " audit rows, not 1", action, n - *before);
  g_assert_cmpstr (last_action, ==, action);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$", at, 0, 0));
  if (prev)
    g_assert_cmpstr (prev, <=, at);
  *before = n;
}

static void
test_audit (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  const char *path = f->path;
  gint64 n = audit_rows (path);
  g_assert_cmpint (n, ==, 0);

  g_autoptr(LbPerson) starter = store_test_add_person (store, "Iris Willems", TRUE);
  assert_one_more (path, &n, "person-add");
  g_autoptr(LbPerson) coach = store_test_add_person (store, "Tom Verbeek", FALSE);
  assert_one_more (path, &n, "person-add");
  g_free (starter->school), starter->school = g_strdup ("De Vlieger");
  g_assert_true (lb_store_update_person (store, starter, &error));
  assert_one_more (path, &n, "person-update");

  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (coach);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = LB_PURPOSE_FORMATIEF;
  g_autoptr(LbObservation) o = lb_store_create_observation (store, draft, store_test_instrument (), &error);
  g_assert_no_error (error);
  assert_one_more (path, &n, "create");
  const char *uuid = o->uuid;
  const char *item = store_test_item (0);

  g_assert_true (lb_store_set_field (store, uuid, LB_FIELD_SUBJECT, "wereldoriëntatie", &error));
  assert_one_more (path, &n, "field");
  g_assert_true (lb_store_set_focus (store, uuid, item, TRUE, &error));
  assert_one_more (path, &n, "focus-add");
  g_assert_true (lb_store_set_focus (store, uuid, item, FALSE, &error));
  assert_one_more (path, &n, "focus-remove");
  g_assert_true (lb_store_set_score (store, uuid, 0, item, store_test_level (item, 1), FALSE, NULL, &error));
  assert_one_more (path, &n, "score");
  g_assert_true (lb_store_set_score (store, uuid, 0, item, NULL, FALSE, NULL, &error));
  assert_one_more (path, &n, "score");
  g_assert_true (lb_store_set_mark (store, uuid, 0, store_test_indicator (0), "yes", &error));
  assert_one_more (path, &n, "mark");
  g_assert_true (lb_store_set_snapshot (store, uuid, 0, "s1", "2", 12, &error));
  assert_one_more (path, &n, "snapshot");
  g_autofree char *note = lb_store_add_note (store, uuid, 0, 3, "Kinderen werken in groepjes van vier.", &error);
  g_assert_no_error (error);
  assert_one_more (path, &n, "note-add");
  g_assert_true (lb_store_update_note (store, note, "Kinderen werken in groepjes van drie.", &error));
  assert_one_more (path, &n, "note-edit");
  g_assert_true (lb_store_link_note (store, note, item, TRUE, &error));
  assert_one_more (path, &n, "note-link");
  g_assert_true (lb_store_link_note (store, note, item, FALSE, &error));
  assert_one_more (path, &n, "note-unlink");
  LbDomainJudgement j = { (char *) "ph", (char *) "met", TRUE, NULL, NULL };
  g_assert_true (lb_store_set_judgement (store, uuid, &j, &error));
  assert_one_more (path, &n, "judgement");
  g_assert_true (lb_store_delete_draft (store, uuid, &error));
  assert_one_more (path, &n, "delete");
  g_assert_true (lb_store_undelete_draft (store, uuid, &error));
  assert_one_more (path, &n, "undelete");
  g_assert_true (lb_store_finalize (store, uuid, "Tom Verbeek", &error));
  assert_one_more (path, &n, "finalize");
  g_assert_true (lb_store_acknowledge (store, uuid, NULL, &error));
  assert_one_more (path, &n, "acknowledge");
  g_assert_true (lb_store_add_addendum (store, uuid, "Tom Verbeek", "Aanvulling", &error));
  assert_one_more (path, &n, "addendum");
  g_assert_no_error (error);

  /* A refused change leaves no trace in the log either. */
  g_assert_false (lb_store_set_score (store, uuid, 0, item, NULL, TRUE, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (audit_rows (path), ==, n);

  /* Append-only, also for raw SQL. */
  sqlite3 *db = store_raw_open (path);
  const char *statements[] = {
    "UPDATE audit SET action = 'niets'",
    "UPDATE audit SET at = '2000-01-01T00:00:00.000Z' WHERE id = 1",
    "DELETE FROM audit",
    "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
  };
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *message = NULL;
      g_assert_cmpint (store_raw_exec (db, statements[i], &message), ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (message, "append-only"));
    }
  sqlite3_close (db);
  g_assert_cmpint (audit_rows (path), ==, n);
  g_autoptr(GPtrArray) lines = lb_store_audit (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 18);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  g_test_add ("/store/final/mutations-refused", StoreFixture, NULL, store_fixture_setup,
              test_mutations_refused, store_fixture_teardown);
  g_test_add ("/store/final/raw-sql-refused", StoreFixture, NULL, store_fixture_setup,
              test_raw_sql_refused, store_fixture_teardown);
  g_test_add ("/store/final/acknowledge-addenda-verify", StoreFixture, NULL, store_fixture_setup,
              test_acknowledge_addenda_verify, store_fixture_teardown);
  g_test_add ("/store/audit/every-change", StoreFixture, NULL, store_fixture_setup,
              test_audit, store_fixture_teardown);
  return g_test_run ();
}
