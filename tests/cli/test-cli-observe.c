/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

/* A whole observation made headless with `lesbezoek observe …`, and what
 * `show` and `list` then say about it; the rules a lesson's record keeps
 * (a summative is signed only when complete, coaching never judges, a
 * final observation never changes) and the answers to wrong ids. */

#include "cli-util.h"

#include <string.h>

#define STARTER "Fleur van Dijk"
#define COACH "Anouk Peeters"
#define ASSESSOR "Ruud Hendriks"

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

static char *
new_formative (const char *db)
{
  return cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", COACH, "--purpose", "formatief",
                 "--date", "2026-10-06", "--start", "09:00", "--end", "09:45", "--group", "groep 4",
                 "--pupils", "24", "--subject", "rekenen", "--goal", "Ik kan optellen tot 100.",
                 "--question", "Hoe houd ik overzicht tijdens het zelfstandig werken?",
                 "--focus", "ph.organisatie.1", "--focus", "ph.activeren.4", NULL);
}

/* Every item of the default instrument. */
static const char * const items[] = {
  "ph.klimaat.1", "ph.klimaat.2", "ph.klimaat.3", "ph.klimaat.4", "ph.organisatie.1", "ph.organisatie.2",
  "ph.organisatie.3", "ph.organisatie.4", "ph.activeren.1", "ph.activeren.2", "ph.activeren.3",
  "ph.activeren.4", "ov.begrip.1", "ov.begrip.2", "ov.begrip.3", "ov.begrip.4", "ov.afstemming.1",
  "ov.afstemming.2", "ov.afstemming.3", "ov.afstemming.4", "ov.strategieen.1", "ov.strategieen.2",
  "ov.strategieen.3", "ov.strategieen.4",
};

static void
test_formative (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, NULL);
  g_autofree char *uuid = new_formative (db);
  g_assert_cmpuint (strlen (uuid), ==, 36);

  /* Notes first, during the lesson; one linked at once, one afterwards. */
  g_autofree char *n1 = cli_ok (db, "observe", "note", uuid, "--minute", "3",
                                "Wacht met de uitleg tot het stil is.", "--item", "ph.organisatie.1", NULL);
  g_autofree char *n2 = cli_ok (db, "observe", "note", uuid, "--minute", "24",
                                "Loopt", "een", "vaste", "ronde", "langs", "de", "groepjes.", NULL);
  g_assert_cmpuint (strlen (n1), ==, 36);
  g_free (cli_ok (db, "observe", "link", n2, "ph.activeren.4", NULL));
  g_free (cli_ok (db, "observe", "score", uuid, "ph.organisatie.1", "3", NULL));
  g_free (cli_ok (db, "observe", "score", uuid, "ph.activeren.4", "2", NULL));
  g_free (cli_ok (db, "observe", "score", uuid, "ov.afstemming.2", "--not-observed", "--reason",
                  "Geen instructietafel vandaag", NULL));
  g_free (cli_ok (db, "observe", "mark", uuid, "ph.organisatie.1.a", NULL));
  g_free (cli_ok (db, "observe", "mark", uuid, "ph.organisatie.1.b", NULL));
  g_free (cli_ok (db, "observe", "set", uuid, "tops", "Je wacht tot het stil is.", NULL));
  g_free (cli_ok (db, "observe", "set", uuid, "tips", "Loop vaker rond.", NULL));
  g_free (cli_ok (db, "observe", "set", uuid, "afspraken", "Vaste ronde na de instructie.", NULL));
  g_autofree char *signed_out = cli_ok (db, "observe", "finalize", uuid, "--signed-by", COACH, "--yes", NULL);
  assert_contains (signed_out, "content hash");

  g_autofree char *show = cli_ok (db, "show", uuid, NULL);
  const char *expected[] = {
    uuid, STARTER " (induction year 1)", COACH " (Coach)", "Formative (coaching)", "2026-10-06, 09:00–09:45",
    "OBS De Linde", "groep 4", "24", "rekenen", "Ik kan optellen tot 100.",
    "Hoe houd ik overzicht tijdens het zelfstandig werken?", "ph.organisatie.1 ★",
    "Score: 3 — more strong than weak", "Score: 2 — more weak than strong",
    "not observed: Geen instructietafel vandaag", "✓ Explains at the start how the lesson will run.",
    "✓ Waits until it is quiet before starting the explanation.",
    "[ 3 min] Wacht met de uitleg tot het stil is.\n         → ph.organisatie.1",
    "[24 min] Loopt een vaste ronde langs de groepjes.\n         → ph.activeren.4",
    "Je wacht tot het stil is.", "Loop vaker rond.", "Vaste ronde na de instructie.",
    "Signed by " COACH, "intact",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_contains (show, expected[i]);
  assert_lacks (show, "Judgement");
  assert_lacks (show, "✓ Keeps an overview of the whole class.");  /* not ticked */

  g_autofree char *tsv = cli_ok (db, "list", "--format", "tsv", NULL);
  g_autofree char *line = g_strdup_printf ("%s\t2026-10-06\t09:00\t%s\t%s\tcoach\tformatief\tfinal\t2\t"
                                           "lesbezoek-basis\t1.0\trekenen\tgroep 4", uuid, STARTER, COACH);
  g_assert_cmpstr (tsv, ==, line);
  g_autofree char *table = cli_ok (db, "list", NULL);
  g_autofree char *short_id = g_strndup (uuid, 8);
  assert_contains (table, short_id);
  assert_contains (table, "Final");
  assert_contains (table, COACH " (coach)");
  assert_contains (table, "1 observation");
}

static void
test_summative_needs_every_item (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", NULL);
  /* Everything but the last item. */
  for (guint i = 0; i + 1 < G_N_ELEMENTS (items); i++)
    g_free (cli_ok (db, "observe", "score", uuid, items[i], i % 4 == 0 ? "4" : "3", NULL));
  g_free (cli_ok (db, "observe", "judge", uuid, "ph", "--confirm", NULL));
  g_free (cli_ok (db, "observe", "judge", uuid, "ov", "--confirm", NULL));

  g_auto(Run) r = { 0 };
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "item ov.strategieen.4 is neither scored nor marked not observed with a reason");

  /* "Not observed" needs its reason. */
  g_free (cli_ok (db, "observe", "score", uuid, "ov.strategieen.4", "--not-observed", NULL));
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "ov.strategieen.4");
  g_free (cli_ok (db, "observe", "score", uuid, "ov.strategieen.4", "--not-observed", "--reason",
                  "Geen aansluiting bij voorkennis nodig in deze toetsles", NULL));

  /* A score changed after judging: judge again first. */
  g_free (cli_ok (db, "observe", "score", uuid, "ph.klimaat.2", "1", NULL));
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "domain ph changed after it was judged");
  g_autofree char *judged = cli_ok (db, "observe", "judge", uuid, "ph", "--confirm", NULL);
  assert_contains (judged, "Computed by the rules: not yet basisbekwaam");
  assert_contains (judged, "✗ lowest score 1");

  g_free (cli_ok (db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL));
  g_autofree char *show = cli_ok (db, "show", uuid, NULL);
  assert_contains (show, "Judgement");
  assert_contains (show, "Confirmed by the assessor: not yet basisbekwaam");
  assert_contains (show, "Confirmed by the assessor: basisbekwaam");
  assert_contains (show, "not observed: Geen aansluiting bij voorkennis nodig in deze toetsles");
}

static void
test_deviation (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, NULL, ASSESSOR);
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_free (cli_ok (db, "observe", "score", uuid, items[i], "3", NULL));
  cli_fails (2, db, "observe", "judge", uuid, "ov", "--deviate", "not-met", NULL);
  cli_fails (2, db, "observe", "judge", uuid, "ov", "--deviate", "maybe", "--motivation", "x", NULL);
  cli_fails (2, db, "observe", "judge", uuid, "ov", "--deviate", "met", "--motivation", "x", NULL);
  cli_fails (2, db, "observe", "judge", uuid, "ov", "--confirm", "--deviate", "not-met", NULL);
  g_free (cli_ok (db, "observe", "judge", uuid, "ov", "--deviate", "not-met", "--motivation",
                  "In de vorige twee lessen was de differentiatie niet zichtbaar.", NULL));
  g_free (cli_ok (db, "observe", "judge", uuid, "ph", "--confirm", NULL));
  g_autofree char *show = cli_ok (db, "show", uuid, NULL);
  assert_contains (show, "The assessor deviated: not yet basisbekwaam");
  assert_contains (show, "In de vorige twee lessen was de differentiatie niet zichtbaar.");
}

/* Coaching never judges; nor does a class visit or a self-assessment. */
static void
test_no_judgement_without_assessment (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, NULL);
  g_free (cli_ok (db, "people", "add", "--name", "Karin de Boer", "--observer", "--role", "school-leader", NULL));
  g_autofree char *formative = new_formative (db);
  g_autofree char *visit = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", "Karin de Boer",
                                   "--purpose", "klassenbezoek", NULL);
  g_autofree char *self = cli_ok (db, "observe", "new", "--starter", STARTER, "--purpose", "zelfbeoordeling", NULL);
  const char *all[] = { formative, visit, self };
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_free (cli_ok (db, "observe", "score", all[i], "ph.klimaat.1", "4", NULL));
      g_auto(Run) r = { 0 };
      cli_run (&r, db, "observe", "judge", all[i], "ph", "--confirm", NULL);
      g_assert_cmpint (r.status, ==, 1);
      assert_contains (r.err, "coaching never judges");
    }
  sqlite3 *s = cli_sqlite (db);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM judgement"), ==, 0);
  sqlite3_close (s);

  /* Nor does a coach assess: a summative by a coach is refused. */
  cli_fails (2, db, "observe", "new", "--starter", STARTER, "--observer", COACH, "--purpose", "summatief", NULL);
  cli_fails (2, db, "observe", "new", "--starter", STARTER, "--observer", COACH, "--purpose", "zelfbeoordeling", NULL);
}

static void
test_final_is_locked (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, NULL);
  g_autofree char *uuid = new_formative (db);
  g_autofree char *note = cli_ok (db, "observe", "note", uuid, "--minute", "5", "Start.", NULL);
  g_free (cli_ok (db, "observe", "score", uuid, "ph.klimaat.1", "3", NULL));
  cli_fails (2, db, "observe", "finalize", uuid, "--signed-by", COACH, NULL);   /* no terminal, no --yes */
  cli_fails (2, db, "observe", "finalize", uuid, "--yes", NULL);               /* who signs? */
  g_free (cli_ok (db, "observe", "finalize", uuid, "--signed-by", COACH, "--yes", NULL));

  cli_fails (1, db, "observe", "finalize", uuid, "--signed-by", COACH, "--yes", NULL);
  cli_fails (1, db, "observe", "score", uuid, "ph.klimaat.1", "4", NULL);
  cli_fails (1, db, "observe", "mark", uuid, "ph.klimaat.1.a", NULL);
  cli_fails (1, db, "observe", "note", uuid, "--minute", "9", "Later.", NULL);
  cli_fails (1, db, "observe", "link", note, "ph.klimaat.1", NULL);
  cli_fails (1, db, "observe", "set", uuid, "tops", "Anders", NULL);
  cli_fails (1, db, "observe", "delete", uuid, NULL);

  g_free (cli_ok (db, "observe", "acknowledge", uuid, "--reaction", "Herkenbaar, dank je.", NULL));
  cli_fails (1, db, "observe", "acknowledge", uuid, NULL);
  g_free (cli_ok (db, "observe", "addendum", uuid, "--author", COACH, "De", "les", "begon", "om", "9.05", "uur.", NULL));
  cli_fails (2, db, "observe", "addendum", uuid, "Zonder auteur", NULL);
  g_autofree char *show = cli_ok (db, "show", uuid, NULL);
  assert_contains (show, "Seen by the starter on");
  assert_contains (show, "Herkenbaar, dank je.");
  assert_contains (show, "Addendum by " COACH " on ");
  assert_contains (show, "De les begon om 9.05 uur.");
  assert_contains (show, "intact");
  g_autofree char *verify = cli_ok (db, "verify", NULL);
  g_assert_cmpstr (verify, ==, "1 final observation checked, all intact");
}

/* A wrong id is answered with the ids that exist, and nothing is written. */
static void
test_wrong_ids (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, ASSESSOR);
  g_autofree char *uuid = new_formative (db);
  g_auto(Run) r = { 0 };

  cli_run (&r, db, "observe", "score", uuid, "ph.klimaat.9", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "“ph.klimaat.9” is not an item of lesbezoek-basis 1.0; the items are: ph.klimaat.1, ");
  assert_contains (r.err, "ov.strategieen.4");
  cli_run (&r, db, "observe", "score", uuid, "ph.klimaat.1", "5", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "the levels are 1 (predominantly weak), 2 (more weak than strong), "
                          "3 (more strong than weak), 4 (predominantly strong), or --not-observed");
  cli_run (&r, db, "observe", "mark", uuid, "ph.klimaat.1.x", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "the indicators of item ph.klimaat.1 are: ph.klimaat.1.a, ph.klimaat.1.b, "
                          "ph.klimaat.1.c, ph.klimaat.1.d");
  cli_run (&r, db, "observe", "mark", uuid, "ph.klimaat.1.a", "--code", "2", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_run (&r, db, "observe", "note", uuid, "--minute", "4", "Tekst", "--item", "geen.item", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_run (&r, db, "observe", "new", "--starter", STARTER, "--observer", COACH, "--purpose", "formatief",
           "--focus", "geen.item", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_autofree char *assessed = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                      "--purpose", "summatief", NULL);
  cli_run (&r, db, "observe", "judge", assessed, "ph.klimaat", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "the domains to judge are: ph, ov");
  cli_run (&r, db, "observe", "set", uuid, "mood", "goed", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_run (&r, db, "observe", "set", uuid, "start", "9 uur", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_run (&r, db, "observe", "set", uuid, "date", "2026-02-30", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_run (&r, db, "observe", "note", uuid, "Zonder minuut", NULL);
  g_assert_cmpint (r.status, ==, 2);

  sqlite3 *s = cli_sqlite (db);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM note"), ==, 0);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM score"), ==, 0);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM mark"), ==, 0);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM observation"), ==, 2);
  sqlite3_close (s);

  /* Unknown people and observations are failures, not usage errors. */
  cli_fails (1, db, "observe", "new", "--starter", "Niemand", "--observer", COACH, "--purpose", "formatief", NULL);
  cli_fails (1, db, "observe", "score", "ffffffff", "ph.klimaat.1", "3", NULL);
  cli_fails (1, db, "show", "abc", NULL);   /* too short to be a prefix */
}

static void
test_prefix_link_delete (void)
{
  g_autofree char *db = cli_db_path ();
  cli_add_people (db, STARTER, COACH, NULL);
  g_autofree char *uuid = new_formative (db);
  g_autofree char *prefix = g_strndup (uuid, 6);
  g_autofree char *note = cli_ok (db, "observe", "note", prefix, "--minute", "12", "Kijkt de klas rond.", NULL);
  g_autofree char *note_prefix = g_strndup (note, 8);
  g_free (cli_ok (db, "observe", "link", note_prefix, "ph.activeren.1", NULL));
  g_free (cli_ok (db, "observe", "link", note_prefix, "ph.activeren.4", NULL));
  g_free (cli_ok (db, "observe", "link", note_prefix, "ph.activeren.1", "--unlink", NULL));
  cli_fails (2, db, "observe", "link", note_prefix, "ph.niets", NULL);
  cli_fails (1, db, "observe", "link", "00000000", "ph.activeren.1", NULL);
  g_autofree char *show = cli_ok (db, "show", prefix, NULL);
  assert_contains (show, "[12 min] Kijkt de klas rond.\n         → ph.activeren.4\n");

  g_free (cli_ok (db, "observe", "focus", uuid, "ov.begrip.1", NULL));
  g_free (cli_ok (db, "observe", "focus", uuid, "ph.activeren.4", "--remove", NULL));
  g_free (show), show = cli_ok (db, "show", prefix, NULL);
  assert_contains (show, "ov.begrip.1 ★");
  assert_lacks (show, "ph.activeren.4 ★");

  g_autofree char *deleted = cli_ok (db, "observe", "delete", prefix, NULL);
  assert_contains (deleted, uuid);
  g_autofree char *empty = cli_ok (db, "list", "--format", "tsv", NULL);
  g_assert_cmpstr (empty, ==, "");
  cli_fails (1, db, "show", prefix, NULL);
  g_free (cli_ok (db, "observe", "undelete", uuid, NULL));
  g_autofree char *back = cli_ok (db, "list", "--format", "tsv", NULL);
  g_assert_true (g_str_has_prefix (back, uuid));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/observe/formative", test_formative);
  g_test_add_func ("/cli/observe/summative-needs-every-item", test_summative_needs_every_item);
  g_test_add_func ("/cli/observe/deviation", test_deviation);
  g_test_add_func ("/cli/observe/no-judgement-without-assessment", test_no_judgement_without_assessment);
  g_test_add_func ("/cli/observe/final-is-locked", test_final_is_locked);
  g_test_add_func ("/cli/observe/wrong-ids", test_wrong_ids);
  g_test_add_func ("/cli/observe/prefix-link-delete", test_prefix_link_delete);
  return g_test_run ();
}
