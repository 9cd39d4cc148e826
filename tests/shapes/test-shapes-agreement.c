/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shapes-agreement"

/* Observer agreement and calibration on a cycle instrument with a
 * seven-point scale (instrument/examples/cycles.xml: nine dimensions,
 * levels 1–7, four cycles, calibration within one point on 80%), built
 * through the headless commands and read back from `lesbezoek compare
 * --format tsv` and `lesbezoek calibrate`. Every expected number is
 * computed by hand below, not taken from the program.
 *
 * Two assessors, A and B, score the same lesson in cycles 1 and 2, the
 * nine dimensions in instrument order (steun.warmte, steun.oog,
 * steun.inbreng, organisatie.afspraken, organisatie.leertijd,
 * organisatie.werkvormen, leren.denken, leren.terugkoppeling, leren.taal):
 *
 *   cycle 1  A: 6 5 3 6 5 5 3 2 3      B: 6 6 3 5 5 3 3 2 2
 *   cycle 2  A: 6 6 5 6 6 5 3 3 2      B: 5 6 5 6 6 6 2 3 3
 *
 * Only the levels 2, 3, 5 and 6 occur; 1, 4 and 7 never do. The categories
 * must still be all seven levels: with only the four that occur, level 5
 * would sit next to 3, and the quadratic kappa would be 97/121 = 0.8017
 * and within-one 18/18 instead of the values below.
 *
 * All 18 units (both cycles). Contingency table, rows A, columns B (the
 * rows and columns of 1, 4 and 7 are all zero):
 *
 *        B=2  B=3  B=5  B=6 | row
 *   A=2    1    1    0    0 |  2
 *   A=3    2    3    0    0 |  5
 *   A=5    0    1    2    2 |  5
 *   A=6    0    0    2    4 |  6
 *   col    3    5    4    6 | 18
 *
 *   exact: the diagonal 1 + 3 + 2 + 4 = 10 of 18 = 0.555556
 *   within one: every pair but (A=5, B=3), two levels apart: 17/18 = 0.944444
 *   p_o = 10/18 = 5/9
 *   p_e = (2·3 + 5·5 + 5·4 + 6·6)/18² = 87/324 = 29/108
 *   κ = (5/9 − 29/108)/(1 − 29/108) = (31/108)/(79/108) = 31/79 = 0.392405
 *   quadratic weights (i − j)² on the level positions:
 *     observed Σ d n_ij = (2,3)·1·1 + (3,2)·1·2 + (5,3)·4·1 + (5,6)·1·2 + (6,5)·1·2 = 11, /18
 *     expected Σ d r_i c_j = A=2: 2(1·5 + 9·4 + 16·6) = 274; A=3: 5(1·3 + 4·4 + 9·6) = 365;
 *              A=5: 5(9·3 + 4·5 + 1·6) = 265; A=6: 6(16·3 + 9·5 + 1·4) = 582;
 *              total 1486, /18² = 743/162
 *     κ_q = 1 − (11/18)/(1486/324) = 1 − 198/1486 = 644/743 = 0.866756
 *   Krippendorff's α, ordinal: two values per unit, so the coincidences are
 *   o = T + Tᵀ: o_23 = 3, o_35 = 1, o_56 = 4 (and their mirrors), the
 *   value counts n_2 = 5, n_3 = 10, n_5 = 9, n_6 = 12, n = 36, and
 *   δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
 *     δ²_23 = 7.5² = 56.25   δ²_25 = 17² = 289      δ²_26 = 27.5² = 756.25
 *     δ²_35 = 9.5² = 90.25   δ²_36 = 20² = 400      δ²_56 = 10.5² = 110.25
 *     Σ o δ² = 2(3·56.25 + 1·90.25 + 4·110.25) = 1400
 *     Σ n_c n_k δ² = 2(5·10·56.25 + 5·9·289 + 5·12·756.25 + 10·9·90.25 + 10·12·400
 *                      + 9·12·110.25) = 258444
 *     α = 1 − 35·1400/258444 = 52361/64611 = 0.810404
 *
 * Cycle 1 alone (9 units): pairs (6,6) (5,6) (3,3) (6,5) (5,5) (5,3)
 * (3,3) (2,2) (3,2); rows A: n_2 = 1, n_3 = 3, n_5 = 3, n_6 = 2; columns
 * B: 2, 3, 2, 2.
 *   exact 5/9 = 0.555556; within one 8/9 = 0.888889 (not (5,3))
 *   p_e = (1·2 + 3·3 + 3·2 + 2·2)/81 = 21/81; κ = (45/81 − 21/81)/(60/81) = 2/5 = 0.4
 *   quadratic: observed (3,2) 1 + (5,3) 4 + (5,6) 1 + (6,5) 1 = 7, /9;
 *   expected A=2: 1(1·3 + 9·2 + 16·2) = 53; A=3: 3(1·2 + 4·2 + 9·2) = 84;
 *   A=5: 3(9·2 + 4·3 + 1·2) = 96; A=6: 2(16·2 + 9·3 + 1·2) = 122; 355/81;
 *   κ_q = 1 − 63/355 = 292/355 = 0.822535
 *   α: counts n_2 = 3, n_3 = 6, n_5 = 5, n_6 = 4, n = 18; o_23 = 1, o_35 = 1,
 *   o_56 = 2; δ²_23 = 4.5², δ²_35 = 5.5², δ²_56 = 4.5², δ²_25 = 10², δ²_26 = 14.5²,
 *   δ²_36 = 10²; Σ o δ² = 2(20.25 + 30.25 + 2·20.25) = 182; Σ n n δ² =
 *   2(3·6·20.25 + 3·5·100 + 3·4·210.25 + 6·5·30.25 + 6·4·100 + 5·4·20.25) = 16200;
 *   α = 1 − 17·182/16200 = 6553/8100 = 0.809012
 *
 * Cycle 2 alone: pairs (6,5) (6,6) (5,5) (6,6) (6,6) (5,6) (3,2) (3,3)
 * (2,3); both margins n_2 = 1, n_3 = 2, n_5 = 2, n_6 = 4.
 *   exact 5/9; within one 9/9 = 1
 *   p_e = (1 + 4 + 4 + 16)/81 = 25/81; κ = (45/81 − 25/81)/(56/81) = 5/14 = 0.357143
 *   quadratic: observed 4 pairs one apart = 4, /9; expected
 *   2(1·2·1 + 1·2·9 + 1·4·16 + 2·2·4 + 2·4·9 + 2·4·1) = 360, /81;
 *   κ_q = 1 − (4/9)/(360/81) = 1 − 36/360 = 9/10
 *   α: counts n_2 = 2, n_3 = 4, n_5 = 4, n_6 = 8, n = 18; o_23 = 2, o_56 = 2;
 *   δ²_23 = 3², δ²_56 = 6², δ²_25 = 7², δ²_26 = 13², δ²_35 = 4², δ²_36 = 10²;
 *   Σ o δ² = 2(2·9 + 2·36) = 180; Σ n n δ² = 2(2·4·9 + 2·4·49 + 2·8·169 + 4·4·16
 *   + 4·8·100 + 4·8·36) = 15552; α = 1 − 17·180/15552 = 347/432 = 0.803241
 *
 * Calibration (standard: within one point on at least 80% of the units,
 * per cycle): assessor C against reference B, C scoring cycle 1 exactly as
 * B and cycle 2 with two dimensions two points off:
 *   cycle 2  C: 5 6 5 6 6 6 4 5 3   (leren.denken 4 vs 2, leren.terugkoppeling 5 vs 3)
 * Pooled 16 of 18 units within (88.9% ≥ 80%), but cycle 2 has only 7 of 9
 * (77.8% < 80%): C does not meet the standard. A against B: cycle 1 8/9
 * (88.9%), cycle 2 9/9: meets. */

#include "cli-util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STARTER "Fleur van Dijk"
#define ASSESSOR_A "Ruud Hendriks"
#define ASSESSOR_B "Ilse Mulder"
#define ASSESSOR_C "Bram Visser"
#define DATE "2026-11-20"

static const char * const dimensions[] = {
  "steun.warmte", "steun.oog", "steun.inbreng", "organisatie.afspraken", "organisatie.leertijd",
  "organisatie.werkvormen", "leren.denken", "leren.terugkoppeling", "leren.taal",
};

static const int scores_a[2][9] = { { 6, 5, 3, 6, 5, 5, 3, 2, 3 }, { 6, 6, 5, 6, 6, 5, 3, 3, 2 } };
static const int scores_b[2][9] = { { 6, 6, 3, 5, 5, 3, 3, 2, 2 }, { 5, 6, 5, 6, 6, 6, 2, 3, 3 } };
static const int scores_c[2][9] = { { 6, 6, 3, 5, 5, 3, 3, 2, 2 }, { 5, 6, 5, 6, 6, 6, 4, 5, 3 } };

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", name, NULL);
}

static void
import_cycles (void)
{
  g_autofree char *path = example_path ("cycles.xml");
  g_autofree char *out = cli_ok (NULL, "instrument", "import", path, NULL);
  g_assert_nonnull (strstr (out, "voorbeeld-cycli"));
}

/* A summative observation of the lesson by @observer, scored in cycles 1 and 2. */
static char *
observe (const char *db, const char *observer, const int scores[2][9])
{
  char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", observer, "--purpose",
                       "summatief", "--instrument", "voorbeeld-cycli", "--date", DATE, NULL);
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
      {
        g_autofree char *session = g_strdup_printf ("%u", s + 1), *level = g_strdup_printf ("%d", scores[s][i]);
        g_free (cli_ok (db, "observe", "score", uuid, dimensions[i], level, "--session", session, NULL));
      }
  return uuid;
}

/* GLib isolates this process's directories without exporting them; the
 * spawned lesbezoek must see them too, or it imports its instruments
 * into the real home. */
static void
export_isolated_dirs (void)
{
  g_setenv ("HOME", g_get_home_dir (), TRUE);
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_setenv ("XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
}

static char *
setup (char **a, char **b, char **c)
{
  export_isolated_dirs ();
  char *db = cli_db_path ();
  import_cycles ();
  cli_add_people (db, STARTER, NULL, ASSESSOR_A);
  g_free (cli_ok (db, "people", "add", "--name", ASSESSOR_B, "--observer", "--role", "assessor", NULL));
  g_free (cli_ok (db, "people", "add", "--name", ASSESSOR_C, "--observer", "--role", "assessor", NULL));
  *a = observe (db, ASSESSOR_A, scores_a);
  *b = observe (db, ASSESSOR_B, scores_b);
  if (c)
    *c = observe (db, ASSESSOR_C, scores_c);
  return db;
}

/* The value of "stat SCALE NAME VALUE" (@session 0) or "session-stat
 * SESSION SCALE NAME VALUE" in compare's tsv. */
static double
tsv_stat (const char *tsv, guint session, const char *name)
{
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  double found = NAN;
  guint hits = 0;
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      guint n = g_strv_length (f);
      gboolean match = session == 0
        ? n == 4 && g_str_equal (f[0], "stat") && g_str_equal (f[1], "zeven") && g_str_equal (f[2], name)
        : n == 5 && g_str_equal (f[0], "session-stat") && (guint) atoi (f[1]) == session &&
          g_str_equal (f[2], "zeven") && g_str_equal (f[3], name);
      if (match)
        found = g_ascii_strtod (f[n - 1], NULL), hits++;
    }
  if (hits != 1)
    g_error ("%u lines for %s in session %u of:\n%s", hits, name, session, tsv);
  return found;
}

#define ASSERT_STAT(tsv, session, name, value) \
  g_assert_cmpfloat_with_epsilon (tsv_stat (tsv, session, name), value, 5e-7)

static void
test_compare_overall (void)
{
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *db = setup (&a, &b, NULL);
  g_autofree char *tsv = cli_ok (db, "compare", a, b, "--format", "tsv", NULL);
  ASSERT_STAT (tsv, 0, "units", 18);
  ASSERT_STAT (tsv, 0, "pairs", 18);
  ASSERT_STAT (tsv, 0, "exact", 10.0 / 18);
  ASSERT_STAT (tsv, 0, "within-one", 17.0 / 18);
  ASSERT_STAT (tsv, 0, "kappa", 31.0 / 79);
  ASSERT_STAT (tsv, 0, "kappa-quadratic", 644.0 / 743);
  ASSERT_STAT (tsv, 0, "alpha-ordinal", 52361.0 / 64611);
}

static void
test_compare_per_cycle (void)
{
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *db = setup (&a, &b, NULL);
  g_autofree char *tsv = cli_ok (db, "compare", a, b, "--format", "tsv", NULL);
  ASSERT_STAT (tsv, 1, "units", 9);
  ASSERT_STAT (tsv, 1, "exact", 5.0 / 9);
  ASSERT_STAT (tsv, 1, "within-one", 8.0 / 9);
  ASSERT_STAT (tsv, 1, "kappa", 2.0 / 5);
  ASSERT_STAT (tsv, 1, "kappa-quadratic", 292.0 / 355);
  ASSERT_STAT (tsv, 1, "alpha-ordinal", 6553.0 / 8100);
  ASSERT_STAT (tsv, 2, "units", 9);
  ASSERT_STAT (tsv, 2, "exact", 5.0 / 9);
  ASSERT_STAT (tsv, 2, "within-one", 1.0);
  ASSERT_STAT (tsv, 2, "kappa", 5.0 / 14);
  ASSERT_STAT (tsv, 2, "kappa-quadratic", 9.0 / 10);
  ASSERT_STAT (tsv, 2, "alpha-ordinal", 347.0 / 432);
  /* Cycles 3 and 4 were not scored: no statistics pretend otherwise. */
  g_assert_null (strstr (tsv, "session-stat\t3\t"));

  /* The table names the seven-level scale and prints each cycle. */
  g_autofree char *table = cli_ok (db, "compare", a, b, NULL);
  g_assert_nonnull (strstr (table, "(7 levels): 18 units, 18 of them scored by two observers or more"));
  g_assert_nonnull (strstr (table, "Cycle 1, scale “Seven-point scale”: 9 units"));
  g_assert_nonnull (strstr (table, "Cycle 2, scale “Seven-point scale”: 9 units"));
  g_assert_nonnull (strstr (table, "0.392"));
  g_assert_nonnull (strstr (table, "0.357"));
}

/* Within one point on 80% in every cycle, not only pooled. */
static void
test_calibrate_per_cycle (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *db = setup (&a, &b, &c);
  g_autofree char *good = cli_ok (db, "calibrate", a, "--reference", b, NULL);
  g_assert_nonnull (strstr (good, "Within the standard: 17 of 18 items (94.4%)"));
  g_assert_nonnull (strstr (good, "Result: meets the standard"));

  g_autofree char *out = cli_ok (db, "calibrate", c, "--reference", b, NULL);
  g_assert_nonnull (strstr (out, "Within the standard: 16 of 18 items (88.9%)"));
  g_assert_nonnull (strstr (out, "The standard applies to every cycle:"));
  g_assert_nonnull (strstr (out, "9 of 9 items within (100.0%)"));
  g_assert_nonnull (strstr (out, "7 of 9 items within (77.8%)"));
  g_assert_nonnull (strstr (out, "Result: does not meet the standard"));
  g_assert_nonnull (strstr (out, "leren.denken (2)"));
  g_assert_nonnull (strstr (out, "leren.terugkoppeling (2)"));
}

/* ---- several reference lessons ---- */

static const char * const elements[] = {
  "klimaat.steunend", "klimaat.gedrag", "instructie.uitleg", "instructie.begrip", "instructie.feedback",
  "zelfstandig.keuzes", "zelfstandig.samenwerken",
};

/* A summative observation of @date's lesson with every element scored
 * @level in both segments, except @off elements scored two points lower
 * in segment 2. */
static char *
observe_segments (const char *db, const char *observer, const char *date, int level, guint off)
{
  char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", observer, "--purpose",
                       "summatief", "--instrument", "voorbeeld-momenten", "--date", date, NULL);
  for (guint s = 1; s <= 2; s++)
    for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
      {
        g_autofree char *session = g_strdup_printf ("%u", s);
        g_autofree char *value = g_strdup_printf ("%d", s == 2 && i < off ? level - 2 : level);
        g_free (cli_ok (db, "observe", "score", uuid, elements[i], value, "--session", session, NULL));
      }
  return uuid;
}

/* instrument/examples/snapshots.xml asks for three reference videos, the
 * standard (within one point on 80% of the element scores) in each of
 * them. Assessor A matches the reference exactly in lessons 1 and 2 (14 of
 * 14 units each) and is two points off on 3 elements of segment 2 in
 * lesson 3: 11 of 14 = 78.6%, below 80%. Over all three together that is
 * 39 of 42 = 92.9%, which would pass if the standard were pooled; in each,
 * it does not. With only two of the three lessons, the standard is not
 * met either, though both of those are. */
static void
test_calibrate_references (void)
{
  export_isolated_dirs ();
  g_autofree char *db = cli_db_path ();
  g_autofree char *path = example_path ("snapshots.xml");
  g_free (cli_ok (NULL, "instrument", "import", path, NULL));
  cli_add_people (db, STARTER, NULL, ASSESSOR_A);
  g_free (cli_ok (db, "people", "add", "--name", ASSESSOR_B, "--observer", "--role", "assessor", NULL));
  const char *dates[] = { "2026-09-01", "2026-09-08", "2026-09-15" };
  g_autofree char *r1 = observe_segments (db, ASSESSOR_B, dates[0], 4, 0);
  g_autofree char *r2 = observe_segments (db, ASSESSOR_B, dates[1], 3, 0);
  g_autofree char *r3 = observe_segments (db, ASSESSOR_B, dates[2], 4, 0);
  g_autofree char *a1 = observe_segments (db, ASSESSOR_A, dates[0], 4, 0);
  g_autofree char *a2 = observe_segments (db, ASSESSOR_A, dates[1], 3, 0);
  g_autofree char *a3 = observe_segments (db, ASSESSOR_A, dates[2], 4, 3);

  g_autofree char *all = cli_ok (db, "calibrate", a1, "--reference", r1, a2, "--reference", r2, a3,
                                 "--reference", r3, NULL);
  g_assert_nonnull (strstr (all, "— Reference 3 of 3 —"));
  g_assert_nonnull (strstr (all, "Within the standard: 11 of 14 items (78.6%)"));
  g_assert_nonnull (strstr (all, "The standard asks for 3 reference observations, and must be met in each of them; 3 given."));
  g_assert_nonnull (strstr (all, "Over all references: 39 of 42 items within the standard (92.9%)"));
  g_assert_nonnull (strstr (all, "Overall result: does not meet the standard"));

  g_autofree char *two = cli_ok (db, "calibrate", a1, "--reference", r1, a2, "--reference", r2, NULL);
  g_assert_nonnull (strstr (two, "Over all references: 28 of 28 items within the standard (100.0%)"));
  g_assert_nonnull (strstr (two, "3 reference observations, and must be met in each of them; 2 given."));
  g_assert_nonnull (strstr (two, "Overall result: does not meet the standard"));

  /* The three good lessons meet it. */
  g_autofree char *a3_good = observe_segments (db, ASSESSOR_A, dates[2], 4, 0);
  g_autofree char *good = cli_ok (db, "calibrate", a1, "--reference", r1, a2, "--reference", r2, a3_good,
                                  "--reference", r3, NULL);
  g_assert_nonnull (strstr (good, "Overall result: meets the standard"));

  cli_fails (2, db, "calibrate", a1, a2, "--reference", r1, NULL);
  cli_fails (2, db, "calibrate", a1, "--reference", r1, a2, "--reference", r2, "-o", "x.pdf", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/shapes/agreement/cycles/overall", test_compare_overall);
  g_test_add_func ("/shapes/agreement/cycles/per-cycle", test_compare_per_cycle);
  g_test_add_func ("/shapes/agreement/cycles/calibrate", test_calibrate_per_cycle);
  g_test_add_func ("/shapes/agreement/calibrate/references", test_calibrate_references);
  return g_test_run ();
}
