/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats-cli"

/* `lesbezoek zone`, `compare`, `calibrate` and `goals` of the built
 * binary (LESBEZOEK_BIN), driven as a script would, each test against its
 * own database in its own temporary XDG directories. The numbers are the
 * independent ones of test-rasch.c and test-agreement.c, for data made
 * here through `lesbezoek observe`:
 *
 * - zone: one final lesson in which exactly the twelve indicators of
 *   ph.klimaat.1–3 are ticked, out of the 98 with a difficulty. The
 *   Python WLE of test-rasch.c gives θ = −2.473815, SE = 0.334072; the
 *   zone (θ, θ + 1] without ticked ones has 11 indicators, from
 *   ph.organisatie.1.a (−2.2) to ph.organisatie.3.b (−1.5).
 * - compare: two assessors on six items, A = 3 3 2 4 1 2 and
 *   B = 3 2 2 3 1 4 (levels of the four-point scale). By hand: p_o = 3/6,
 *   both margins (1, 2, 2, 1)/6, p_e = 10/36, κ = (1/2 − 10/36)/(26/36) =
 *   4/13 = 0.307692; quadratic: Σ(i−j)²n_ij/n = 6/6 = 1,
 *   Σ(i−j)²r_i c_j/n² = 66/36, κ_w = 1 − 36/66 = 5/11 = 0.454545; exact
 *   50%, within one point 5/6. Krippendorff's α ordinal 0.486111 (the
 *   Python of test-agreement.c). */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#define STARTER "Fleur van Dijk"
#define OTHER "Daan Smit"
#define COACH "Anouk Peeters"
#define ASSESSOR "Ruud Hendriks"
#define SECOND "Ilse Mulder"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
runv (Run *run, const char *db, va_list args)
{
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (const char *a; (a = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);
  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("lesbezoek did not exit normally (wait status %d); stderr:\n%s", wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
}

/* lesbezoek --db DB ARG…, asserting success; stdout without its last newline. */
static char *
ok (const char *db, ...) G_GNUC_NULL_TERMINATED;
static char *
ok (const char *db, ...)
{
  g_auto(Run) r = { 0 };
  va_list args;
  va_start (args, db);
  runv (&r, db, args);
  va_end (args);
  if (r.status != 0)
    g_error ("lesbezoek exited with %d; stderr:\n%s", r.status, r.err);
  char *out = g_steal_pointer (&r.out);
  gsize len = strlen (out);
  if (len > 0 && out[len - 1] == '\n')
    out[len - 1] = '\0';
  return out;
}

/* The same, asserting exit @status; returns stderr, which says something. */
static char *
fails (int status, const char *db, ...) G_GNUC_NULL_TERMINATED;
static char *
fails (int status, const char *db, ...)
{
  g_auto(Run) r = { 0 };
  va_list args;
  va_start (args, db);
  runv (&r, db, args);
  va_end (args);
  if (r.status != status)
    g_error ("lesbezoek exited with %d, not %d; stdout:\n%s\nstderr:\n%s", r.status, status, r.out, r.err);
  g_assert_cmpstr (r.err, !=, "");
  return g_steal_pointer (&r.err);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static char *
new_db (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("stats-%u.db", ++n);
  char *db = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_free (ok (db, "people", "add", "--name", STARTER, "--starter", "--year", "2", NULL));
  g_free (ok (db, "people", "add", "--name", OTHER, "--starter", "--year", "1", NULL));
  g_free (ok (db, "people", "add", "--name", COACH, "--observer", "--role", "coach", NULL));
  g_free (ok (db, "people", "add", "--name", ASSESSOR, "--observer", "--role", "assessor", NULL));
  g_free (ok (db, "people", "add", "--name", SECOND, "--observer", "--role", "assessor", NULL));
  return db;
}

static char *
new_observation (const char *db, const char *observer, const char *purpose, const char *date)
{
  return ok (db, "observe", "new", "--starter", STARTER, "--observer", observer, "--purpose", purpose,
             "--date", date, "--start", "09:00", NULL);
}

static void
score (const char *db, const char *uuid, const char *levels)
{
  static const char * const items[] = { "ph.klimaat.1", "ph.klimaat.2", "ph.klimaat.3", "ph.klimaat.4",
                                        "ph.organisatie.1", "ph.organisatie.2" };
  g_auto(GStrv) v = g_strsplit (levels, " ", -1);
  for (guint i = 0; v[i] && i < G_N_ELEMENTS (items); i++)
    g_free (ok (db, "observe", "score", uuid, items[i], v[i], NULL));
}

/* ---- zone ---- */

static void
test_zone (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *none = fails (1, db, "zone", "--person", STARTER, NULL);
  assert_contains (none, "no final observation with ticked indicators");
  g_autofree char *usage = fails (2, db, "zone", NULL);
  g_autofree char *coach = fails (1, db, "zone", "--person", COACH, NULL);
  assert_contains (coach, "not a starter");

  g_autofree char *uuid = new_observation (db, COACH, "formatief", "2026-03-02");
  const char *letters[] = { "a", "b", "c", "d" };
  for (guint item = 1; item <= 3; item++)
    for (guint k = 0; k < G_N_ELEMENTS (letters); k++)
      {
        g_autofree char *id = g_strdup_printf ("ph.klimaat.%u.%s", item, letters[k]);
        g_free (ok (db, "observe", "mark", uuid, id, NULL));
      }
  /* A draft does not count yet. */
  g_free (fails (1, db, "zone", "--person", STARTER, NULL));
  g_free (ok (db, "observe", "finalize", uuid, "--signed-by", COACH, "--yes", NULL));

  g_autofree char *out = ok (db, "zone", "--person", STARTER, NULL);
  assert_contains (out, "Zone of next development of " STARTER);
  assert_contains (out, "Skill estimate: -2.47 logits (standard error 0.33)");
  assert_contains (out, "From 1 final observation (2026-03-02 – 2026-03-02): 98 indicators seen, 12 ticked");
  assert_contains (out, "-2.20   43%  ph.organisatie.1.a  Explains at the start how the lesson will run");
  assert_contains (out, "ph.organisatie.3.b");
  g_assert_null (strstr (out, "ph.klimaat.1.b"));     /* ticked */
  g_assert_null (strstr (out, "ph.organisatie.1.d"));  /* −1.1: above the zone */
  assert_contains (out, "Warm's weighted likelihood estimate");
  g_autofree char *dutch = ok (db, "zone", "--person", STARTER, "--lang", "nl", NULL);
  assert_contains (dutch, "Vertelt aan het begin hoe de les eruitziet.");
}

/* ---- compare and calibrate ---- */

static void
test_compare (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *a = new_observation (db, ASSESSOR, "summatief", "2026-03-02");
  g_autofree char *b = new_observation (db, SECOND, "summatief", "2026-03-02");
  score (db, a, "3 3 2 4 1 2");
  score (db, b, "3 2 2 3 1 4");

  g_autofree char *tsv = ok (db, "compare", a, b, "--format", "tsv", NULL);
  assert_contains (tsv, "item\t0\tph.klimaat.1\t3\t3\t0\n");
  assert_contains (tsv, "item\t0\tph.organisatie.2\t2\t4\t2\n");
  assert_contains (tsv, "item\t0\tph.activeren.1\t\t\t\n");
  assert_contains (tsv, "stat\tvier\tunits\t6\n");
  assert_contains (tsv, "stat\tvier\texact\t0.500000\n");
  assert_contains (tsv, "stat\tvier\twithin-one\t0.833333\n");
  assert_contains (tsv, "stat\tvier\tkappa\t0.307692\n");
  assert_contains (tsv, "stat\tvier\tkappa-quadratic\t0.454545\n");
  assert_contains (tsv, "stat\tvier\talpha-ordinal\t0.486111");

  g_autofree char *table = ok (db, "compare", a, b, NULL);
  assert_contains (table, "Comparison of 2 observations of " STARTER " on 2026-03-02");
  assert_contains (table, ASSESSOR " (assessor)");
  assert_contains (table, "ph.organisatie.2  2  4  2 !");
  assert_contains (table, "Exact agreement");
  assert_contains (table, "50.0%");
  assert_contains (table, "0.308");

  /* A coach's formative observation only when the starter shared it. */
  g_autofree char *coach = new_observation (db, COACH, "formatief", "2026-03-02");
  score (db, coach, "3 3 3 3 3 3");
  g_autofree char *refused = fails (1, db, "compare", a, coach, NULL);
  assert_contains (refused, "formative");
  assert_contains (refused, "--include-formatief");
  g_autofree char *three = ok (db, "compare", a, b, coach, "--include-formatief", NULL);
  assert_contains (three, "Krippendorff's alpha, ordinal");
  g_assert_null (strstr (three, "Cohen's kappa"));

  g_autofree char *other_day = new_observation (db, SECOND, "summatief", "2026-03-09");
  g_autofree char *not_same = fails (1, db, "compare", a, other_day, NULL);
  assert_contains (not_same, "not of the same lesson");
  g_free (fails (2, db, "compare", a, NULL));
  g_free (fails (2, db, "compare", a, b, "--format", "xml", NULL));
  g_free (fails (1, db, "compare", a, "ffffffff", NULL));
}

static void
test_calibrate (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *ref = new_observation (db, ASSESSOR, "summatief", "2026-03-02");
  g_autofree char *mine = new_observation (db, SECOND, "summatief", "2026-03-02");
  score (db, ref, "3 3 2 4 1 2");
  score (db, mine, "3 2 2 3 1 4");   /* 5 of 6 within one point: 83% ≥ 80% */
  g_autofree char *out = ok (db, "calibrate", mine, "--reference", ref, NULL);
  assert_contains (out, "Calibration of " SECOND " against the reference scoring by " ASSESSOR);
  assert_contains (out, "at least 80% of the items within 1 point");
  assert_contains (out, "Within the standard: 5 of 6 items (83.3%)");
  assert_contains (out, "Result: meets the standard");
  assert_contains (out, "ph.organisatie.2  reference 2  assessor 4");

  g_free (ok (db, "observe", "score", mine, "ph.klimaat.1", "1", NULL));
  g_autofree char *worse = ok (db, "calibrate", mine, "--reference", ref, NULL);
  assert_contains (worse, "Within the standard: 4 of 6 items (66.7%)");
  assert_contains (worse, "Result: does not meet the standard");
  g_free (fails (2, db, "calibrate", mine, NULL));
  g_free (fails (1, db, "calibrate", mine, "--reference", mine, NULL));
}

/* ---- goals ---- */

static void
test_goals (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *empty = ok (db, "goals", "--person", STARTER, NULL);
  assert_contains (empty, "No goals yet");
  g_autofree char *added = ok (db, "goals", "add", "--person", STARTER, "--text", "Vaker open vragen stellen",
                               "--item", "ph.activeren.2", "--item", "ov.begrip.2", "--target", "2026-06-01", NULL);
  assert_contains (added, "Added goal ");

  g_autofree char *obs = new_observation (db, COACH, "formatief", "2026-03-02");
  g_free (ok (db, "observe", "set", obs, "afspraken", "1. Lesdoel op het bord\n2. Vaste ronde na de instructie",
              NULL));
  g_autofree char *from = ok (db, "goals", "add", "--person", STARTER, "--from-observation", obs, NULL);
  assert_contains (from, "Added 2 goals from the agreements of 2026-03-02.");
  g_autofree char *again = ok (db, "goals", "add", "--person", STARTER, "--from-observation", obs, NULL);
  assert_contains (again, "2 agreements were goals already.");
  g_autofree char *wrong = fails (1, db, "goals", "add", "--person", OTHER, "--from-observation", obs, NULL);
  assert_contains (wrong, "not of " OTHER);

  g_autofree char *tsv = ok (db, "goals", "list", "--person", STARTER, "--format", "tsv", NULL);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_auto(GStrv) first = g_strsplit (lines[0], "\t", -1);   /* the one with a target date */
  g_assert_cmpuint (g_strv_length (first), ==, 8);
  g_assert_cmpstr (first[1], ==, "open");
  g_assert_cmpstr (first[2], ==, "2026-06-01");
  g_assert_cmpstr (first[3], ==, "Vaker open vragen stellen");
  g_assert_cmpstr (first[4], ==, "ov.begrip.2,ph.activeren.2");
  g_assert_cmpstr (first[5], ==, "");
  assert_contains (tsv, obs);

  g_autofree char *prefix = g_strndup (first[0], 8);
  g_autofree char *updated = ok (db, "goals", "update", prefix, "--status", "working", NULL);
  assert_contains (updated, "working on it");
  g_free (ok (db, "goals", "update", prefix, "--status", "reached", "--text", "Open vragen, ook aan stille kinderen",
              "--target", "", NULL));
  g_autofree char *open = ok (db, "goals", "--person", STARTER, "--open", "--format", "tsv", NULL);
  g_assert_null (strstr (open, prefix));
  g_autofree char *all = ok (db, "goals", "--person", STARTER, NULL);
  assert_contains (all, "Development plan of " STARTER);
  assert_contains (all, "reached");
  assert_contains (all, "Open vragen, ook aan stille kinderen");

  g_free (fails (2, db, "goals", "update", prefix, "--status", "done", NULL));
  g_free (fails (2, db, "goals", "update", prefix, "--target", "1-6-2026", NULL));
  g_free (fails (2, db, "goals", "update", prefix, NULL));
  g_free (fails (2, db, "goals", "add", "--person", STARTER, "--text", "x", "--item", "no.such.item", NULL));
  g_free (fails (2, db, "goals", "add", "--person", STARTER, NULL));
  g_free (fails (2, db, "goals", NULL));
  g_free (fails (1, db, "goals", "update", "ffffffff", "--status", "open", NULL));
  g_autofree char *coach = fails (1, db, "goals", "add", "--person", COACH, "--text", "x", NULL);
  assert_contains (coach, "not a starter");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/stats-cli/zone", test_zone);
  g_test_add_func ("/stats-cli/compare", test_compare);
  g_test_add_func ("/stats-cli/calibrate", test_calibrate);
  g_test_add_func ("/stats-cli/goals", test_goals);
  return g_test_run ();
}
