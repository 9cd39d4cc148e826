/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-db"

/* Databases for the benchmarks: a complete observation made through the
 * store, then copied with raw SQL into as many as a benchmark needs. */

#include "config.h"
#include "bench-db.h"
#include "lb-error.h"

#include <sqlite3.h>

#define N_BIG   50000

void
lb_bench_check (gboolean ok, GError *error, const char *doing)
{
  if (!ok)
    g_error ("%s: %s", doing, error ? error->message : "failed");
}

void
lb_bench_exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
lb_bench_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step (st) != SQLITE_ROW)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  gint64 v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* ---- test data ---- */

LbScale *
lb_bench_scale_of (LbNode *node)
{
  for (; node; node = lb_node_get_parent (node))
    if (lb_node_get_scale (node))
      return lb_node_get_scale (node);
  g_assert_not_reached ();
}

LbPerson *
lb_bench_add_person (LbStore *store, const char *name, gboolean starter, int year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : LB_ROLE_COACH;
  p->induction_year = year;
  p->school = g_strdup ("OBS De Regenboog");
  LbPerson *added = lb_store_add_person (store, p, &error);
  lb_bench_check (added != NULL, error, "adding a person");
  return added;
}

/* A complete observation made through the store: every item scored, marks,
 * linked notes and a wrap-up. It is the template for the rest. */
static char *
make_template (LbStore *store, LbInstrument *inst)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_bench_add_person (store, "Sanne de Vries", TRUE, 1);
  draft->observer = lb_bench_add_person (store, "Jeroen Bakker", FALSE, 0);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = LB_PURPOSE_FORMATIEF;
  draft->date = g_strdup ("2024-09-16");
  draft->start_time = g_strdup ("09:00");
  draft->group = g_strdup ("groep 5");
  draft->subject = g_strdup ("rekenen");
  g_autoptr(LbObservation) o = lb_store_create_observation (store, draft, inst, &error);
  lb_bench_check (o != NULL, error, "creating the template");
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbScale *scale = lb_bench_scale_of (items->pdata[i]);
      const char *level = lb_scale_get_level (scale, i % lb_scale_get_n_levels (scale))->id;
      lb_bench_check (lb_store_set_score (store, o->uuid, 0, lb_node_get_id (items->pdata[i]), level, FALSE, NULL,
                                 &error), error, "scoring");
      if (i % 3 == 0)
        {
          LbNode *ind = lb_node_get_child (items->pdata[i], 0);
          lb_bench_check (lb_store_set_mark (store, o->uuid, 0, lb_node_get_id (ind), "yes", &error), error, "marking");
        }
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Notitie %u: de leerkracht geeft instructie aan de "
                                               "instructietafel en loopt daarna een ronde.", i);
      g_autofree char *note = lb_store_add_note (store, o->uuid, 0, (int) i * 8, text, &error);
      lb_bench_check (note != NULL, error, "adding a note");
      lb_bench_check (lb_store_link_note (store, note, lb_node_get_id (items->pdata[i]), TRUE, &error), error, "linking");
    }
  lb_bench_check (lb_store_set_field (store, o->uuid, LB_FIELD_TOPS, "Duidelijke uitleg", &error), error, "tops");
  lb_bench_check (lb_store_set_field (store, o->uuid, LB_FIELD_TIPS, "Meer wachttijd", &error), error, "tips");
  return g_strdup (o->uuid);
}

/* The other observations, copied from the template with raw SQL in one
 * transaction: dates over three years, 40 starters, 12 observers, four
 * in five final. */
static void
clone_observations (const char *path, guint n)
{
  sqlite3 *db;
  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("cannot open %s", path);
  lb_bench_exec (db, "BEGIN");
  gint64 t = lb_bench_query_int (db, "SELECT id FROM observation");
  lb_bench_exec (db, "CREATE TEMP TABLE st AS SELECT row_number () OVER (ORDER BY id) - 1 AS k, id, name "
            "FROM person WHERE is_starter");
  lb_bench_exec (db, "CREATE TEMP TABLE ob AS SELECT row_number () OVER (ORDER BY id) - 1 AS k, id, name "
            "FROM person WHERE NOT is_starter");
  g_autofree char *obs = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
    "INSERT INTO observation (uuid, instrument_sha256, instrument_id, instrument_version, starter_id, "
    "  starter_name, observer_id, observer_name, observer_role, purpose, date, start_time, end_time, school, "
    "  grp, pupils, subject, lesson_goal, question, tops, tips, agreements, revision, created_at, updated_at) "
    "SELECT printf ('%%08x-%%04x-4000-8000-%%012x', i * 2654435761 %% 4294967296, i %% 65536, i), "
    "  t.instrument_sha256, t.instrument_id, t.instrument_version, st.id, st.name, ob.id, ob.name, "
    "  t.observer_role, CASE i %% 4 WHEN 0 THEN 'formatief' WHEN 1 THEN 'summatief' "
    "  WHEN 2 THEN 'klassenbezoek' ELSE 'zelfbeoordeling' END, "
    "  date ('2023-08-28', '+' || (i %% 1000) || ' days'), printf ('%%02d:%%02d', 8 + i %% 6, i * 7 %% 60), "
    "  NULL, t.school, printf ('groep %%d', 1 + i %% 8), 20 + i %% 12, t.subject, t.lesson_goal, t.question, "
    "  t.tops, t.tips, t.agreements, 30, t.created_at, t.updated_at "
    "FROM n, observation t, st, ob WHERE t.id = %" G_GINT64_FORMAT " AND st.k = i %% 40 AND ob.k = i %% 12",
    n - 1, t);
  lb_bench_exec (db, obs);
  g_autofree char *children = g_strdup_printf (
    "INSERT INTO score SELECT o.id, s.session, s.item_id, s.level_id, s.not_observed, s.reason, s.updated_at "
    "  FROM observation o, score s WHERE s.observation_id = %1$" G_GINT64_FORMAT " AND o.id != %1$" G_GINT64_FORMAT ";"
    "INSERT INTO mark SELECT o.id, m.session, m.indicator_id, m.code "
    "  FROM observation o, mark m WHERE m.observation_id = %1$" G_GINT64_FORMAT " AND o.id != %1$" G_GINT64_FORMAT ";"
    "INSERT INTO audit (at, observation_uuid, action, detail) SELECT o.created_at, o.uuid, 'create', o.purpose "
    "  FROM observation o WHERE o.id != %1$" G_GINT64_FORMAT ";", t);
  lb_bench_exec (db, children);
  /* Notes one template note at a time, so their new ids form a range. */
  sqlite3_stmt *notes;
  g_autofree char *nq = g_strdup_printf ("SELECT n.id, n.minute, n.text, i.item_id FROM note n "
                                         "JOIN note_item i ON i.note_id = n.id WHERE n.observation_id = %"
                                         G_GINT64_FORMAT, t);
  sqlite3_prepare_v2 (db, nq, -1, &notes, NULL);
  while (sqlite3_step (notes) == SQLITE_ROW)
    {
      gint64 nid = sqlite3_column_int64 (notes, 0);
      g_autofree char *ins = g_strdup_printf (
        "INSERT INTO note (uuid, observation_id, session, minute, created_at, text) "
        "SELECT o.uuid || '-n%1$" G_GINT64_FORMAT "', o.id, 0, n.minute, o.created_at, n.text "
        "FROM observation o, note n WHERE n.id = %1$" G_GINT64_FORMAT " AND o.id != %2$" G_GINT64_FORMAT,
        nid, t);
      lb_bench_exec (db, ins);
      gint64 last = sqlite3_last_insert_rowid (db), first = last - sqlite3_changes (db) + 1;
      sqlite3_stmt *link;
      sqlite3_prepare_v2 (db, "INSERT INTO note_item SELECT id, observation_id, ?3 FROM note "
                              "WHERE id BETWEEN ?1 AND ?2", -1, &link, NULL);
      sqlite3_bind_int64 (link, 1, first);
      sqlite3_bind_int64 (link, 2, last);
      sqlite3_bind_text (link, 3, (const char *) sqlite3_column_text (notes, 3), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (link) != SQLITE_DONE)
        g_error ("linking notes: %s", sqlite3_errmsg (db));
      sqlite3_finalize (link);
    }
  sqlite3_finalize (notes);
  g_autofree char *finals = g_strdup_printf (
    "UPDATE observation SET status = 'final', content_hash = 'bench', signed_by = observer_name, "
    "signed_at = updated_at WHERE id %% 5 != 0 AND id != %" G_GINT64_FORMAT, t);
  lb_bench_exec (db, finals);
  lb_bench_exec (db, "COMMIT");
  lb_bench_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
}

char *
lb_bench_make_db (const char *dir, guint n, LbInstrument *inst)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("bench-%u.db", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  lb_bench_check (store != NULL, error, "opening");
  for (guint i = 1; i < 40; i++)
    {
      g_autofree char *starter = g_strdup_printf ("Starter %02u", i);
      g_autoptr(LbPerson) p = lb_bench_add_person (store, starter, TRUE, 1 + i % 3);
    }
  for (guint i = 1; i < 12; i++)
    {
      g_autofree char *observer = g_strdup_printf ("Observator %02u", i);
      g_autoptr(LbPerson) p = lb_bench_add_person (store, observer, FALSE, 0);
    }
  g_autofree char *uuid = make_template (store, inst);
  g_clear_object (&store);
  clone_observations (path, n);
  return path;
}

