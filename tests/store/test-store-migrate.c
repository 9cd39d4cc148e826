/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* Migrations: a database made by an earlier version of Lesbezoek is
 * brought forward step by step with everything in it intact, and a
 * database from a newer version is refused without touching a byte.
 *
 * The old databases are written here with raw SQL, as those versions
 * wrote them, and the hash of the final observation is computed from the
 * values written, not read back, so a migration that changes any of them
 * fails. */

#include "config.h"
#include "store-test-util.h"
#include "lb-store-private.h"
#include "lb-sync-private.h"

#include <string.h>

#define STARTER  "0b8f4c52-6a3e-4b8e-9d21-5f0e7a1c3d01"
#define COACH    "0b8f4c52-6a3e-4b8e-9d21-5f0e7a1c3d02"
#define ASSESSOR "0b8f4c52-6a3e-4b8e-9d21-5f0e7a1c3d03"
#define DRAFT    "7d2e9a10-1c4b-4f6a-8e3d-2b9c0f4a5e01"
#define FINAL    "7d2e9a10-1c4b-4f6a-8e3d-2b9c0f4a5e02"

static LbPerson *
person (const char *uuid, const char *name, gboolean starter, LbRole role)
{
  LbPerson *p = lb_person_new ();
  p->uuid = g_strdup (uuid);
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : role;
  if (starter)
    {
      p->school = g_strdup ("CBS De Wegwijzer");
      p->board = g_strdup ("Stichting Fluenta");
      p->induction_start = g_strdup ("2024-08-26");
      p->induction_year = 2;
    }
  return p;
}

static void
add_score (LbObservation *o, const char *item, const char *level, const char *reason)
{
  LbScore *s = g_new0 (LbScore, 1);
  s->item_id = g_strdup (item);
  s->level_id = g_strdup (level);
  s->not_observed = level == NULL;
  s->reason = g_strdup (reason);
  g_ptr_array_add (o->scores, s);
}

static void
add_note (LbObservation *o, const char *uuid, int minute, const char *at, const char *text,
          const char *item)
{
  LbNote *n = g_new0 (LbNote, 1);
  n->uuid = g_strdup (uuid);
  n->minute = minute;
  n->created_at = g_strdup (at);
  n->text = g_strdup (text);
  n->item_ids = g_new0 (char *, 2);
  n->item_ids[0] = g_strdup (item);
  g_ptr_array_add (o->notes, n);
}

/* What an old version held: a coach's draft and an assessor's final observation. */
static LbObservation *
expected (gboolean final)
{
  LbInstrument *inst = store_test_instrument ();
  LbObservation *o = lb_observation_new ();
  o->uuid = g_strdup (final ? FINAL : DRAFT);
  o->instrument_id = g_strdup (lb_instrument_get_id (inst));
  o->instrument_version = g_strdup (lb_instrument_get_version (inst));
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (inst));
  o->starter = person (STARTER, "Fatima el Amrani", TRUE, 0);
  o->observer = final ? person (ASSESSOR, "Henk Visser", FALSE, LB_ROLE_ASSESSOR)
                      : person (COACH, "Marloes Jansen", FALSE, LB_ROLE_COACH);
  o->observer_role = final ? LB_ROLE_ASSESSOR : LB_ROLE_COACH;
  o->purpose = final ? LB_PURPOSE_SUMMATIEF : LB_PURPOSE_FORMATIEF;
  o->date = g_strdup (final ? "2025-03-12" : "2025-10-01");
  o->start_time = g_strdup ("10:30");
  o->end_time = g_strdup ("11:15");
  o->school = g_strdup ("CBS De Wegwijzer");
  o->group = g_strdup (final ? "groep 7" : "groep 3/4");
  o->pupils = final ? 29 : 24;
  o->subject = g_strdup (final ? "begrijpend lezen" : "rekenen");
  o->lesson_goal = g_strdup ("De leerlingen kunnen de hoofdgedachte van een tekst benoemen.");
  o->question = g_strdup ("Hoe activeer ik de stille leerlingen?");
  const char *focus[] = { store_test_item (1), store_test_item (3), NULL };
  o->focus_items = g_strdupv ((char **) focus);
  add_score (o, store_test_item (0), store_test_level (store_test_item (0), 2), NULL);
  add_score (o, store_test_item (1), store_test_level (store_test_item (1), 3), NULL);
  add_score (o, store_test_item (2), NULL, "Geen zelfstandige verwerking in deze les");
  LbMark *m = g_new0 (LbMark, 1);
  m->indicator_id = g_strdup (store_test_indicator (0));
  m->code = g_strdup ("yes");
  g_ptr_array_add (o->marks, m);
  add_note (o, final ? "5e0a7c3b-0000-4000-8000-000000000011" : "5e0a7c3b-0000-4000-8000-000000000001",
            4, "2025-03-12T09:34:10.120Z", "Kinderen lezen in tweetallen; “wat denk jij?” <goed>",
            store_test_item (0));
  add_note (o, final ? "5e0a7c3b-0000-4000-8000-000000000012" : "5e0a7c3b-0000-4000-8000-000000000002",
            21, "2025-03-12T09:51:44.007Z", "Afsluiting is kort & krachtig.\nTwee regels.",
            store_test_item (1));
  o->status = final ? LB_STATUS_FINAL : LB_STATUS_DRAFT;
  o->tops = g_strdup ("Rustige, duidelijke instructie");
  o->tips = g_strdup ("Laat meer leerlingen hardop denken");
  o->agreements = final ? g_strdup ("Volgend bezoek in mei") : NULL;
  if (final)
    {
      LbDomainJudgement *j = g_new0 (LbDomainJudgement, 1);
      j->domain_id = g_strdup ("ph");
      j->computed = g_strdup ("met");
      j->confirmed = TRUE;
      g_ptr_array_add (o->judgements, j);
      o->signed_by = g_strdup ("Henk Visser");
      o->signed_at = g_strdup ("2025-03-12T11:40:00.000Z");
      o->acknowledged_at = g_strdup ("2025-03-14T15:02:31.500Z");
      o->reaction = g_strdup ("Gezien, dank je wel.");
      o->content_hash = lb_observation_compute_hash (o);
    }
  o->revision = final ? 17 : 9;
  o->created_at = g_strdup ("2025-03-12T09:30:00.000Z");
  o->updated_at = g_strdup ("2025-03-12T11:40:00.000Z");
  return o;
}

static void
exec_ok (sqlite3 *db, const char *sql)
{
  g_autofree char *message = NULL;
  int rc = store_raw_exec (db, sql, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert (sqlite3 *db, const char *sql, const char * const *values, guint n)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  for (guint i = 0; i < n; i++)
    if (values[i])
      sqlite3_bind_text (st, (int) i + 1, values[i], -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (st);
}

#define INSERT(db, sql, ...) \
  G_STMT_START { const char *v_[] = { __VA_ARGS__ }; insert (db, sql, v_, G_N_ELEMENTS (v_)); } G_STMT_END

static void
insert_person (sqlite3 *db, LbPerson *p)
{
  g_autofree char *year = p->is_starter ? g_strdup_printf ("%d", p->induction_year) : NULL;
  INSERT (db, "INSERT INTO person (uuid, name, is_starter, role, school, board, induction_start, "
          "induction_year, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
          "'2024-09-01T08:00:00.000Z', '2024-09-01T08:00:00.000Z')",
          p->uuid, p->name, p->is_starter ? "1" : "0", lb_role_to_string (p->role), p->school,
          p->board, p->induction_start, year);
}

/* The rows exactly as versions 1 and 2 of the store wrote them. */
static void
insert_v1 (sqlite3 *db, LbObservation *o)
{
  g_autofree char *pupils = g_strdup_printf ("%d", o->pupils);
  g_autofree char *revision = g_strdup_printf ("%d", o->revision);
  INSERT (db, "INSERT INTO observation (uuid, instrument_sha256, instrument_id, instrument_version, "
          "starter_id, starter_name, observer_id, observer_name, observer_role, purpose, date, "
          "start_time, end_time, school, grp, pupils, subject, lesson_goal, question, tops, tips, "
          "agreements, revision, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
          "(SELECT id FROM person WHERE uuid = ?5), ?6, (SELECT id FROM person WHERE uuid = ?7), ?8, "
          "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
          o->uuid, o->instrument_sha256, o->instrument_id, o->instrument_version,
          o->starter->uuid, o->starter->name, o->observer->uuid, o->observer->name,
          lb_role_to_string (o->observer_role), lb_purpose_to_string (o->purpose), o->date,
          o->start_time, o->end_time, o->school, o->group, pupils, o->subject, o->lesson_goal,
          o->question, o->tops, o->tips, o->agreements, revision, o->created_at, o->updated_at);
#define OBS_ID "(SELECT id FROM observation WHERE uuid = ?1)"
  for (guint i = 0; o->focus_items[i]; i++)
    INSERT (db, "INSERT INTO focus_item (observation_id, item_id) VALUES (" OBS_ID ", ?2)",
            o->uuid, o->focus_items[i]);
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      INSERT (db, "INSERT INTO score (observation_id, session, item_id, level_id, not_observed, reason, "
              "updated_at) VALUES (" OBS_ID ", 0, ?2, ?3, ?3 IS NULL, ?4, '2025-03-12T10:00:00.000Z')",
              o->uuid, s->item_id, s->level_id, s->reason);
    }
  for (guint i = 0; i < o->marks->len; i++)
    {
      LbMark *m = o->marks->pdata[i];
      INSERT (db, "INSERT INTO mark (observation_id, session, indicator_id, code) VALUES (" OBS_ID ", 0, ?2, ?3)",
              o->uuid, m->indicator_id, m->code);
    }
  for (guint i = 0; i < o->notes->len; i++)
    {
      LbNote *n = o->notes->pdata[i];
      g_autofree char *minute = g_strdup_printf ("%d", n->minute);
      INSERT (db, "INSERT INTO note (uuid, observation_id, session, minute, created_at, text) "
              "VALUES (?2, " OBS_ID ", 0, ?3, ?4, ?5)", o->uuid, n->uuid, minute, n->created_at, n->text);
      INSERT (db, "INSERT INTO note_item (note_id, observation_id, item_id) VALUES "
              "((SELECT id FROM note WHERE uuid = ?2), " OBS_ID ", ?3)", o->uuid, n->uuid, n->item_ids[0]);
    }
  for (guint i = 0; i < o->judgements->len; i++)
    {
      LbDomainJudgement *j = o->judgements->pdata[i];
      INSERT (db, "INSERT INTO judgement (observation_id, domain_id, computed, confirmed) VALUES "
              "(" OBS_ID ", ?2, ?3, ?4)", o->uuid, j->domain_id, j->computed, j->confirmed ? "1" : "0");
    }
  if (o->status == LB_STATUS_FINAL)
    INSERT (db, "UPDATE observation SET status = 'final', signed_by = ?2, signed_at = ?3, content_hash = ?4, "
            "acknowledged_at = ?5, reaction = ?6 WHERE uuid = ?1", o->uuid, o->signed_by, o->signed_at,
            o->content_hash, o->acknowledged_at, o->reaction);
  INSERT (db, "INSERT INTO audit (at, observation_uuid, action, detail) VALUES "
          "('2025-03-12T09:30:00.000Z', ?1, 'create', ?2)", o->uuid, lb_purpose_to_string (o->purpose));
#undef OBS_ID
}

/* An empty database at @version, made with the steps of that time. */
static sqlite3 *
make_db_at (const char *path, int version)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sqlite3 *db = store_raw_open (path);
  exec_ok (db, "PRAGMA journal_mode = WAL");
  for (int v = 0; v < version; v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN;\n%sPRAGMA user_version = %d;\nCOMMIT;",
                                              lb_store_migrations[v], v + 1);
      exec_ok (db, sql);
    }
  return db;
}

static void
assert_same_content (LbObservation *have, LbObservation *want)
{
  g_autofree char *a = lb_observation_canonical (have);
  g_autofree char *b = lb_observation_canonical (want);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (have->status, ==, want->status);
  g_assert_cmpstr (have->content_hash, ==, want->content_hash);
  g_assert_cmpstr (have->acknowledged_at, ==, want->acknowledged_at);
  g_assert_cmpstr (have->reaction, ==, want->reaction);
  g_assert_cmpint (have->revision, ==, want->revision);
  g_assert_cmpstr (have->created_at, ==, want->created_at);
  g_assert_cmpstr (have->updated_at, ==, want->updated_at);
  g_assert_cmpstr (have->starter->school, ==, want->starter->school);
  g_assert_cmpint (have->starter->induction_year, ==, want->starter->induction_year);
}

#define DELETED "7d2e9a10-1c4b-4f6a-8e3d-2b9c0f4a5e03"

/* Realistic rows written by version @data, then opened by this one. */
static void
test_from_version (StoreFixture *f, gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = expected (FALSE);
  g_autoptr(LbObservation) final = expected (TRUE);
  LbInstrument *inst = store_test_instrument ();

  sqlite3 *db = make_db_at (f->path, version);
  exec_ok (db, "PRAGMA foreign_keys = ON; BEGIN");
  insert_person (db, draft->starter);
  insert_person (db, draft->observer);
  insert_person (db, final->observer);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (db, "INSERT INTO instrument (sha256, id, version, xml) VALUES (?, ?, ?, ?)", -1, &st, NULL);
  gsize len;
  const void *xml = g_bytes_get_data (lb_instrument_get_bytes (inst), &len);
  sqlite3_bind_text (st, 1, lb_instrument_get_sha256 (inst), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, lb_instrument_get_id (inst), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, lb_instrument_get_version (inst), -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 4, xml, (int) len, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  insert_v1 (db, draft);
  insert_v1 (db, final);
  if (version >= 2)
    {
      /* version 2 deleted drafts softly */
      g_autoptr(LbObservation) deleted = expected (FALSE);
      g_free (deleted->uuid), deleted->uuid = g_strdup (DELETED);
      for (guint i = 0; i < deleted->notes->len; i++)
        {
          LbNote *n = deleted->notes->pdata[i];
          n->uuid[0] = 'f';
        }
      insert_v1 (db, deleted);
      exec_ok (db, "UPDATE observation SET deleted_at = '2025-10-02T08:00:00.000Z' WHERE uuid = '" DELETED "'");
    }
  exec_ok (db, "COMMIT");
  /* Version 1's own triggers already guard the final one. */
  g_assert_cmpint (store_raw_exec (db, "UPDATE score SET level_id = '1' WHERE observation_id = 2", NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (store_count_rows (f->path, "PRAGMA user_version"), ==, LB_STORE_SCHEMA_VERSION);

  g_autoptr(LbObservation) got_draft = lb_store_load (store, DRAFT, &error);
  g_assert_no_error (error);
  assert_same_content (got_draft, draft);
  g_autoptr(LbObservation) got_final = lb_store_load (store, FINAL, &error);
  g_assert_no_error (error);
  assert_same_content (got_final, final);

  /* Version 6: nothing synced yet, and flagging the final observation for
   * a person (beside it, in sync_observation) leaves it as it was. */
  LbSyncState state;
  g_assert_true (lb_store_get_sync_state (store, &state, &error));
  g_assert_null (state.last_sync);
  g_assert_cmpuint (state.waiting, ==, 2);
  lb_sync_state_clear (&state);
  g_assert_true (lb_store_sync_flag (store, FINAL, "refused", "test", &error));
  g_assert_no_error (error);
  g_assert_true (lb_store_get_sync_state (store, &state, &error));
  g_assert_cmpuint (state.flagged, ==, 1);
  lb_sync_state_clear (&state);
  g_clear_pointer (&got_final, lb_observation_unref);
  got_final = lb_store_load (store, FINAL, &error);
  assert_same_content (got_final, final);

  guint n_checked = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (store, &n_checked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 1);
  g_assert_cmpuint (bad->len, ==, 0);

  g_autoptr(GPtrArray) people = lb_store_list_people (store, FALSE, &error);
  g_assert_cmpuint (people->len, ==, 3);
  g_autoptr(GPtrArray) list = lb_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (((LbSummary *) list->pdata[0])->n_scored, ==, 2);
  g_autoptr(GPtrArray) audit = lb_store_audit (store, FINAL, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_autoptr(LbInstrument) kept = lb_store_get_instrument (store, final->instrument_sha256, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_instrument_get_sha256 (kept), ==, lb_instrument_get_sha256 (inst));

  /* Still locked after the migration; and what version 2 added works on old rows. */
  g_assert_false (lb_store_set_score (store, FINAL, 0, store_test_item (0), NULL, TRUE, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FINAL);
  g_clear_error (&error);
  g_assert_true (lb_store_delete_draft (store, DRAFT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lb_store_count (store), ==, 1);
  g_assert_true (lb_store_undelete_draft (store, DRAFT, &error));
  g_assert_true (lb_store_set_score (store, DRAFT, 0, store_test_item (2), store_test_level (store_test_item (2), 0),
                                     FALSE, NULL, &error));
  g_assert_no_error (error);
  if (version >= 2)
    {
      g_assert_true (lb_store_undelete_draft (store, DELETED, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (lb_store_count (store), ==, 3);
    }
  g_clear_object (&store);
  store_assert_integrity (f->path);

  /* The lock of the newest version holds for the migrated rows too. */
  db = store_raw_open (f->path);
  g_assert_cmpint (store_raw_exec (db, "UPDATE observation SET deleted_at = 'x' WHERE uuid = '" FINAL "'", NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (store_raw_exec (db, "UPDATE observation SET reaction = 'x' WHERE uuid = '" FINAL "'", NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

/* The schema of a database as text, for comparing two of them. */
static char *
schema_of (const char *path)
{
  sqlite3 *db = store_raw_open (path);
  char *sql = store_raw_text (db, "SELECT group_concat (sql, ';\n') FROM "
                              "(SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name)");
  sqlite3_close (db);
  return sql;
}

/* From every earlier version, empty: the same schema as a new database. */
static void
test_each_step (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (fresh, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_autofree char *want = schema_of (fresh);

  for (int v = 0; v < LB_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", v);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      sqlite3_close (make_db_at (path, v));
      store = lb_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lb_store_get_schema_version (store), ==, LB_STORE_SCHEMA_VERSION);
      g_clear_object (&store);
      g_autofree char *have = schema_of (path);
      g_assert_cmpstr (have, ==, want);
      store_assert_integrity (path);
    }
  g_assert_null (lb_store_migrations[LB_STORE_SCHEMA_VERSION]);
}

static GStrv
dir_listing (const char *dir)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    g_strv_builder_add (b, name);
  GStrv names = g_strv_builder_end (b);
  qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) g_strcmp0);
  return names;
}

/* A database from a newer Lesbezoek: refused, not a byte changed. */
static void
test_newer (StoreFixture *f, gconstpointer wal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sqlite3 *db = store_raw_open (f->path);
  exec_ok (db, wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
  exec_ok (db, "CREATE TABLE observation (id INTEGER PRIMARY KEY, uuid TEXT, future TEXT);"
               "INSERT INTO observation (uuid, future) VALUES ('x', 'y');"
               "PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_autoptr(GBytes) before = store_read_file (f->path);
  g_auto(GStrv) files_before = dir_listing (dir);

  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer version of Lesbezoek"));
  g_assert_nonnull (strstr (error->message, "99"));
  g_test_message ("%s", error->message);

  g_autoptr(GBytes) after = store_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_auto(GStrv) files_after = dir_listing (dir);
  g_assert_cmpstrv (files_after, files_before);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  for (int v = 1; v < LB_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/from-v%d", v);
      g_test_add (path, StoreFixture, GINT_TO_POINTER (v), store_fixture_setup, test_from_version,
                  store_fixture_teardown);
    }
  g_test_add ("/store/migrate/each-step", StoreFixture, NULL, store_fixture_setup, test_each_step,
              store_fixture_teardown);
  g_test_add ("/store/migrate/newer-wal", StoreFixture, GINT_TO_POINTER (TRUE), store_fixture_setup,
              test_newer, store_fixture_teardown);
  g_test_add ("/store/migrate/newer-rollback-journal", StoreFixture, NULL, store_fixture_setup,
              test_newer, store_fixture_teardown);
  return g_test_run ();
}
