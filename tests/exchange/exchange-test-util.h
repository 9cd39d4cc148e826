/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A database with every kind of content an observation can hold, for the
 * store and command-line tests of the exchange format; and the checks
 * that two databases hold the same observations. Header-only: each test
 * program includes it once. */

#include "lb-exchange.h"
#include "lb-store.h"
#include "lb-error.h"

#include <glib/gstdio.h>
#include <string.h>

/* Text that must travel unchanged: quotes, markup, entities, tabs, blank
 * lines, a carriage return, emoji, and spaces at either end. */
#define HOSTILE "  Zin met \"quotes\", 'enkele', <tags> & &amp; ]]> —\n\n\tingesprongen\r\n🙂👩‍🏫 ë  "
/* Notes are trimmed when written; what is inside them must survive. */
#define NOTE_TEXT "eerste regel\n\n\tingesprongen   met   spaties\ttab <b>&amp;</b> \"x\" 🙂 einde"

typedef struct {
  LbStore      *store;
  LbInstrument *inst;
  LbPerson     *anna, *jan, *kees, *bea, *sanne;
  char         *draft;      /* a draft with everything in it */
  char         *empty;      /* a draft with only its header */
  char         *final;      /* final, acknowledged, with addenda */
  char         *summative;  /* final, with judgements and a deviation */
  char         *self;       /* a self-assessment, final */
  char         *hostile;    /* a class visit, draft, hostile text everywhere */
} Db;

static char *
util_tmp_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static LbStore *
util_open (const char *name)
{
  g_autofree char *path = util_tmp_path (name);
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static LbPerson *
util_person (LbStore *store, const char *name, gboolean starter, LbRole role, int year)
{
  g_autoptr(GError) error = NULL;
  LbPerson p = { .name = (char *) name, .is_starter = starter, .role = role,
                 .school = (char *) "OBS De Regenboog", .board = (char *) "Stichting \"Samen\" & <Co>",
                 .induction_start = starter ? (char *) "2025-08-25" : NULL, .induction_year = year };
  LbPerson *added = lb_store_add_person (store, &p, &error);
  g_assert_no_error (error);
  return added;
}

static char *
util_observation (Db *db, LbPerson *starter, LbPerson *observer, LbRole role, LbPurpose purpose,
                  const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = role;
  draft->purpose = purpose;
  draft->date = g_strdup (date);
  draft->start_time = g_strdup ("08:30");
  draft->end_time = g_strdup ("09:15");
  draft->school = g_strdup ("OBS De Regenboog");
  draft->group = g_strdup ("groep 5/6");
  draft->pupils = 27;
  draft->subject = g_strdup ("rekenen");
  draft->lesson_goal = g_strdup ("breuken vergelijken");
  draft->question = g_strdup ("Hoe houd ik iedereen bij de les?");
  draft->focus_items = g_strdupv ((char *[]) { "ph.klimaat.1", "ov.begrip.2", NULL });
  g_autoptr(LbObservation) obs = lb_store_create_observation (db->store, draft, db->inst, &error);
  g_assert_no_error (error);
  return g_strdup (obs->uuid);
}

#define OK(call) G_STMT_START { g_autoptr(GError) e_ = NULL; gboolean ok_ = (call); \
  g_assert_no_error (e_); g_assert_true (ok_); } G_STMT_END
#define E (&e_)

static void
util_fill_content (Db *db, const char *uuid, const char *tops)
{
  LbStore *s = db->store;
  OK (lb_store_set_field (s, uuid, LB_FIELD_TOPS, tops, E));
  OK (lb_store_set_field (s, uuid, LB_FIELD_TIPS, HOSTILE, E));
  OK (lb_store_set_field (s, uuid, LB_FIELD_AGREEMENTS, "Volgende keer: rekenen in groepjes", E));
  OK (lb_store_set_score (s, uuid, 0, "ph.klimaat.1", "3", FALSE, NULL, E));
  OK (lb_store_set_score (s, uuid, 0, "ph.klimaat.2", "4", FALSE, NULL, E));
  OK (lb_store_set_score (s, uuid, 0, "ph.klimaat.3", NULL, TRUE, "kwam niet aan bod: " HOSTILE, E));
  OK (lb_store_set_score (s, uuid, 0, "ph.klimaat.4", NULL, TRUE, NULL, E));
  OK (lb_store_set_score (s, uuid, 0, "ov.begrip.2", "1", FALSE, NULL, E));
  OK (lb_store_set_mark (s, uuid, 0, "ph.klimaat.1.a", "yes", E));
  OK (lb_store_set_mark (s, uuid, 0, "ph.klimaat.2.c", "yes", E));
  OK (lb_store_set_snapshot (s, uuid, 0, "moment.10", "2", 10, E));
  g_autoptr(GError) error = NULL;
  g_autofree char *n1 = lb_store_add_note (s, uuid, 0, 3, "Voor de les: " NOTE_TEXT, &error);
  g_assert_no_error (error);
  g_autofree char *n2 = lb_store_add_note (s, uuid, 0, 17, HOSTILE, &error);
  g_assert_no_error (error);
  g_autofree char *n3 = lb_store_add_note (s, uuid, 0, 25, "nog niet gekoppeld", &error);
  g_assert_no_error (error);
  OK (lb_store_link_note (s, n1, "ph.klimaat.1", TRUE, E));
  OK (lb_store_link_note (s, n1, "ov.begrip.2", TRUE, E));
  OK (lb_store_link_note (s, n2, "ph.klimaat.3", TRUE, E));
}

static void
util_judge (Db *db, const char *uuid)
{
  LbDomainJudgement confirmed = { .domain_id = (char *) "ph", .computed = (char *) "met", .confirmed = TRUE };
  LbDomainJudgement deviation = { .domain_id = (char *) "ov", .computed = (char *) "insufficient",
                                  .decided = (char *) "not-met", .motivation = (char *) "Te weinig gezien; " HOSTILE };
  OK (lb_store_set_judgement (db->store, uuid, &confirmed, E));
  OK (lb_store_set_judgement (db->store, uuid, &deviation, E));
}

/* Three starters, two observers, and six observations covering every
 * kind of content, drafts and finals. */
static void
util_fill (Db *db, const char *name)
{
  g_autoptr(GError) error = NULL;
  db->store = util_open (name);
  db->inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  db->anna = util_person (db->store, "Anna de Vries", TRUE, LB_ROLE_STARTER, 1);
  db->jan = util_person (db->store, "Jan \"de <Baas>\" & Zn. 🙂", TRUE, LB_ROLE_STARTER, 2);
  db->sanne = util_person (db->store, "Sanne Bakker", TRUE, LB_ROLE_STARTER, 3);
  db->kees = util_person (db->store, "Kees Smit", FALSE, LB_ROLE_COACH, 0);
  db->bea = util_person (db->store, "Bea Beoordelaar", FALSE, LB_ROLE_ASSESSOR, 0);

  db->draft = util_observation (db, db->anna, db->kees, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, "2026-03-02");
  util_fill_content (db, db->draft, "Rustig begin");
  db->empty = util_observation (db, db->sanne, db->kees, LB_ROLE_MENTOR, LB_PURPOSE_FORMATIEF, "2026-03-09");

  db->final = util_observation (db, db->anna, db->kees, LB_ROLE_COACH, LB_PURPOSE_FORMATIEF, "2026-04-14");
  util_fill_content (db, db->final, "Sterk begin van de les");
  OK (lb_store_finalize (db->store, db->final, "Kees Smit", E));
  OK (lb_store_acknowledge (db->store, db->final, "Gezien; " HOSTILE, E));
  OK (lb_store_add_addendum (db->store, db->final, "Kees Smit", "Correctie: het was groep 6. " HOSTILE, E));
  OK (lb_store_add_addendum (db->store, db->final, "Anna de Vries", "Akkoord", E));

  db->summative = util_observation (db, db->jan, db->bea, LB_ROLE_ASSESSOR, LB_PURPOSE_SUMMATIEF, "2026-05-20");
  util_fill_content (db, db->summative, "Goede afstemming");
  util_judge (db, db->summative);
  OK (lb_store_finalize (db->store, db->summative, "Bea Beoordelaar", E));

  db->self = util_observation (db, db->sanne, db->sanne, LB_ROLE_STARTER, LB_PURPOSE_ZELFBEOORDELING,
                               "2026-06-01");
  util_fill_content (db, db->self, "Zelf tevreden");
  OK (lb_store_finalize (db->store, db->self, "Sanne Bakker", E));

  db->hostile = util_observation (db, db->jan, db->kees, LB_ROLE_SCHOOL_LEADER, LB_PURPOSE_KLASSENBEZOEK,
                                  "2026-06-15");
  util_fill_content (db, db->hostile, HOSTILE);
  LbField fields[] = { LB_FIELD_SCHOOL, LB_FIELD_GROUP, LB_FIELD_SUBJECT, LB_FIELD_LESSON_GOAL,
                       LB_FIELD_QUESTION };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    OK (lb_store_set_field (db->store, db->hostile, fields[i], HOSTILE, E));
  OK (lb_store_set_field (db->store, db->hostile, LB_FIELD_PUPILS, "0", E));
}

static void
util_clear (Db *db)
{
  g_clear_object (&db->store);
  g_clear_object (&db->inst);
  LbPerson **people[] = { &db->anna, &db->jan, &db->kees, &db->bea, &db->sanne };
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_clear_pointer (people[i], lb_person_free);
  char **uuids[] = { &db->draft, &db->empty, &db->final, &db->summative, &db->self, &db->hostile };
  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    g_clear_pointer (uuids[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Db, util_clear)

/* ---- comparing ---- */

static void
util_assert_same (LbObservation *a, LbObservation *b)
{
  g_autofree char *ca = lb_observation_canonical (a);
  g_autofree char *cb = lb_observation_canonical (b);
  g_assert_cmpstr (ca, ==, cb);
  g_assert_cmpstr (a->content_hash, ==, b->content_hash);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->revision, ==, b->revision);
  g_assert_cmpstr (a->created_at, ==, b->created_at);
  g_assert_cmpstr (a->updated_at, ==, b->updated_at);
  g_assert_cmpstr (a->acknowledged_at, ==, b->acknowledged_at);
  g_assert_cmpstr (a->reaction, ==, b->reaction);
  g_assert_cmpuint (a->addenda->len, ==, b->addenda->len);
  for (guint i = 0; i < a->addenda->len; i++)
    {
      LbAddendum *x = a->addenda->pdata[i], *y = b->addenda->pdata[i];
      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpstr (x->author, ==, y->author);
      g_assert_cmpstr (x->created_at, ==, y->created_at);
      g_assert_cmpstr (x->text, ==, y->text);
    }
}

static LbObservation *
util_load (LbStore *store, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  LbObservation *o = lb_store_load (store, uuid, &error);
  g_assert_no_error (error);
  return o;
}

/* Every observation of @a is in @b, exactly; @b holds no others; and
 * every final one in @b passes `verify`. */
static void
util_assert_same_stores (LbStore *a, LbStore *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lb_store_list (a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, ==, lb_store_count (b));
  guint finals = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *s = rows->pdata[i];
      g_autoptr(LbObservation) x = util_load (a, s->uuid);
      g_autoptr(LbObservation) y = util_load (b, s->uuid);
      util_assert_same (x, y);
      finals += x->status == LB_STATUS_FINAL;
    }
  guint checked = 0;
  g_autoptr(GPtrArray) bad = lb_store_verify (b, &checked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->len, ==, 0);
  g_assert_cmpuint (checked, ==, finals);
}

/* What a database shows: the overview, every observation's canonical
 * form and bookkeeping, the people and the audit log. Equal before and
 * after means the database did not change. */
static char *
util_state (LbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = lb_store_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *row = rows->pdata[i];
      g_autoptr(LbObservation) o = util_load (store, row->uuid);
      g_autofree char *canonical = lb_observation_canonical (o);
      g_string_append_printf (s, "%s %s %d %s %s\n%s", row->uuid, lb_status_to_string (o->status),
                              o->revision, o->updated_at, o->acknowledged_at ? o->acknowledged_at : "-",
                              canonical);
    }
  g_autoptr(GPtrArray) people = lb_store_list_people (store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    g_string_append_printf (s, "person %s %s\n", ((LbPerson *) people->pdata[i])->uuid,
                            ((LbPerson *) people->pdata[i])->name);
  g_autoptr(GPtrArray) audit = lb_store_audit (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    g_string_append_printf (s, "audit %s\n", (char *) audit->pdata[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Through XML, as between two tablets. */
static LbExchange *
util_through_xml (LbExchange *ex)
{
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  LbExchange *back = lb_exchange_read_bytes (bytes, "transfer.xml", NULL, &error);
  g_assert_no_error (error);
  return back;
}

static LbExchange *
util_export (LbStore *store, const char *person, const char *uuid, gboolean with_instruments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_store_export (store, person, uuid, with_instruments, &error);
  g_assert_no_error (error);
  return util_through_xml (ex);
}

static LbObservation *
util_find (LbExchange *ex, const char *uuid)
{
  for (guint i = 0; i < ex->observations->len; i++)
    if (g_str_equal (((LbObservation *) ex->observations->pdata[i])->uuid, uuid))
      return ex->observations->pdata[i];
  g_assert_not_reached ();
}
