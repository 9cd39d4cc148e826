/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scoring"

/* The scoring rules (lb-scoring.c) on real instruments and hand-made
 * observations: the evidence rule, what anchors suggest and when a score is
 * far from it, the roll-up with each rule and rounding, an item's value over
 * cycles, and which snapshots are due and applicable. Every expected number
 * is worked out by hand in the comment next to it. */

#include "config.h"
#include "lb-scoring.h"

#include <string.h>

static LbInstrument *
load_good (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "instruments", "good", file, NULL);
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

static LbNode *
find (LbInstrument *inst, const char *id)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  g_assert_nonnull (node);
  return node;
}

/* ---- building observations ---- */

static void
score (LbObservation *obs, guint session, const char *item, const char *level)
{
  LbScore *s = g_new0 (LbScore, 1);
  s->session = session;
  s->item_id = g_strdup (item);
  s->level_id = g_strdup (level);
  g_ptr_array_add (obs->scores, s);
}

static void
not_observed (LbObservation *obs, guint session, const char *item, const char *reason)
{
  LbScore *s = g_new0 (LbScore, 1);
  s->session = session;
  s->item_id = g_strdup (item);
  s->not_observed = TRUE;
  s->reason = g_strdup (reason);
  g_ptr_array_add (obs->scores, s);
}

static void
mark (LbObservation *obs, guint session, const char *indicator, const char *code)
{
  LbMark *m = g_new0 (LbMark, 1);
  m->session = session;
  m->indicator_id = g_strdup (indicator);
  m->code = g_strdup (code);
  g_ptr_array_add (obs->marks, m);
}

static void
note (LbObservation *obs, guint session, const char *item)
{
  LbNote *n = g_new0 (LbNote, 1);
  n->uuid = lb_uuid_new ();
  n->session = session;
  n->text = g_strdup ("Zegt: goed zo, Sam.");
  const char *ids[] = { item, NULL };
  n->item_ids = item ? g_strdupv ((char **) ids) : g_new0 (char *, 1);
  g_ptr_array_add (obs->notes, n);
}

static void
answer (LbObservation *obs, guint session, const char *snapshot, const char *code, int minute)
{
  LbSnapshotAnswer *a = g_new0 (LbSnapshotAnswer, 1);
  a->session = session;
  a->snapshot_id = g_strdup (snapshot);
  a->code = g_strdup (code);
  a->minute = minute;
  g_ptr_array_add (obs->snapshots, a);
}

/* ---- evidence ---- */

static void
test_evidence_rule (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *steunend = find (inst, "klimaat.steunend");  /* evidence="required" */
  LbNode *warmte = find (inst, "klimaat.warmte");      /* evidence optional */

  g_assert_true (lb_node_get_evidence_required (steunend));
  g_assert_false (lb_scoring_item_counts (inst, obs, 1, steunend));
  g_assert_false (lb_scoring_item_lacks_evidence (inst, obs, 1, steunend));

  score (obs, 1, "klimaat.steunend", "4");
  score (obs, 1, "klimaat.warmte", "4");
  g_assert_false (lb_scoring_item_counts (inst, obs, 1, steunend));
  g_assert_true (lb_scoring_item_lacks_evidence (inst, obs, 1, steunend));
  g_assert_true (lb_scoring_item_counts (inst, obs, 1, warmte));

  /* a note in another segment, or linked to nothing, or to another item,
   * is no evidence for this score */
  note (obs, 2, "klimaat.steunend");
  note (obs, 1, NULL);
  note (obs, 1, "klimaat.warmte");
  g_assert_false (lb_scoring_item_has_evidence (obs, 1, steunend));
  g_assert_false (lb_scoring_item_counts (inst, obs, 1, steunend));

  note (obs, 1, "klimaat.steunend");
  g_assert_true (lb_scoring_item_has_evidence (obs, 1, steunend));
  g_assert_true (lb_scoring_item_counts (inst, obs, 1, steunend));
  g_assert_false (lb_scoring_item_lacks_evidence (inst, obs, 1, steunend));
}

/* "Not observed" counts only with a reason, and needs no note. */
static void
test_evidence_not_observed (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *steunend = find (inst, "klimaat.steunend");

  not_observed (obs, 1, "klimaat.steunend", NULL);
  not_observed (obs, 2, "klimaat.steunend", "  \t ");
  not_observed (obs, 3, "klimaat.steunend", "Geen groepswerk in dit segment.");
  g_assert_false (lb_scoring_item_counts (inst, obs, 1, steunend));
  g_assert_false (lb_scoring_item_counts (inst, obs, 2, steunend));
  g_assert_true (lb_scoring_item_counts (inst, obs, 3, steunend));
  g_assert_false (lb_scoring_item_lacks_evidence (inst, obs, 3, steunend));
}

/* ---- combining and rounding ---- */

static void
test_combine_values (void)
{
  const double one[] = { 3 };
  const double odd[] = { 5, 1, 3 };
  const double even[] = { 5, 1, 3, 3, 1, 5 };
  const double pair[] = { 1, 5 };

  g_assert_cmpfloat (lb_scoring_combine_values (one, 1, LB_ROLLUP_MEAN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (one, 1, LB_ROLLUP_MEDIAN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (one, 1, LB_ROLLUP_MIN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (odd, 3, LB_ROLLUP_MEAN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (odd, 3, LB_ROLLUP_MEDIAN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (odd, 3, LB_ROLLUP_MIN), ==, 1);
  /* 1 1 3 3 5 5: middle two are 3 and 3 */
  g_assert_cmpfloat (lb_scoring_combine_values (even, 6, LB_ROLLUP_MEDIAN), ==, 3);
  g_assert_cmpfloat (lb_scoring_combine_values (pair, 2, LB_ROLLUP_MEDIAN), ==, 3);
  g_assert_cmpfloat_with_epsilon (lb_scoring_combine_values (pair, 2, LB_ROLLUP_MEAN), 3, 1e-12);
}

static void
test_round_to_level (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  LbScale *five = lb_instrument_find_scale (inst, "vijf");     /* values 1…5 */
  LbScale *yes_no = lb_instrument_find_scale (inst, "ja-nee"); /* values 0, 1 */

  /* nearest, a tie goes up as in ordinary rounding */
  g_assert_cmpuint (lb_scoring_round_to_level (five, 2.49, LB_ROUND_NEAREST), ==, 1);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 2.5, LB_ROUND_NEAREST), ==, 2);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 3.0, LB_ROUND_NEAREST), ==, 2);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 2.5, LB_ROUND_DOWN), ==, 1);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 2.01, LB_ROUND_UP), ==, 2);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 3.0, LB_ROUND_UP), ==, 2);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 3.0, LB_ROUND_DOWN), ==, 2);
  /* beyond the ends: the end levels */
  g_assert_cmpuint (lb_scoring_round_to_level (five, 0.2, LB_ROUND_DOWN), ==, 0);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 9, LB_ROUND_UP), ==, 4);
  g_assert_cmpuint (lb_scoring_round_to_level (five, 9, LB_ROUND_NEAREST), ==, 4);
  g_assert_cmpuint (lb_scoring_round_to_level (yes_no, 0.5, LB_ROUND_NEAREST), ==, 1);
  g_assert_cmpuint (lb_scoring_round_to_level (yes_no, 0.5, LB_ROUND_DOWN), ==, 0);
}

/* ---- anchors ---- */

/* klimaat.warmte: holistic, mean, nearest, default tolerance 1; one coded
 * indicator (toon) and one ticked (naam), anchors laag=1 midden=3 hoog=5. */
static void
test_anchors_default_tolerance (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *warmte = find (inst, "klimaat.warmte");

  LbAnchorCheck c = lb_scoring_check_anchors (inst, obs, 1, warmte);
  g_assert_true (c.has_anchors);
  g_assert_false (c.suggests);
  g_assert_false (c.scored);
  g_assert_false (c.far);
  g_assert_cmpfloat (c.tolerance, ==, LB_DEFAULT_ANCHOR_TOLERANCE);

  mark (obs, 1, "klimaat.warmte.naam", "yes");  /* ticked: no anchor */
  score (obs, 1, "klimaat.warmte", "1");
  c = lb_scoring_check_anchors (inst, obs, 1, warmte);
  g_assert_false (c.suggests);
  g_assert_true (c.scored);
  g_assert_false (c.far);  /* nothing to be far from */

  mark (obs, 1, "klimaat.warmte.toon", "midden");  /* suggests 3 */
  c = lb_scoring_check_anchors (inst, obs, 1, warmte);
  g_assert_true (c.suggests);
  g_assert_cmpuint (c.n_coded, ==, 1);
  g_assert_cmpfloat (c.suggested_value, ==, 3);
  g_assert_cmpuint (c.suggested_level, ==, 2);
  g_assert_cmpuint (c.score_level, ==, 0);
  g_assert_cmpfloat (c.distance, ==, 2);
  g_assert_true (c.far);  /* 2 > 1 */

  /* exactly the tolerance away is not far */
  score (obs, 2, "klimaat.warmte", "4");
  mark (obs, 2, "klimaat.warmte.toon", "midden");
  c = lb_scoring_check_anchors (inst, obs, 2, warmte);
  g_assert_cmpfloat (c.distance, ==, 1);
  g_assert_false (c.far);

  /* the items of another session do not count */
  c = lb_scoring_check_anchors (inst, obs, 3, warmte);
  g_assert_false (c.suggests);
  g_assert_false (c.scored);
}

/* klimaat.steunend: median, round down, tolerance 1.5; three coded
 * indicators; "not applicable" leaves an indicator out. */
static void
test_anchors_declared (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *steunend = find (inst, "klimaat.steunend");

  mark (obs, 1, "klimaat.steunend.respect", "hoog");      /* 5 */
  mark (obs, 1, "klimaat.steunend.bijsturen", "laag");    /* 1 */
  mark (obs, 1, "klimaat.steunend.ruimte", LB_CODE_NOT_APPLICABLE);
  score (obs, 1, "klimaat.steunend", "5");
  LbAnchorCheck c = lb_scoring_check_anchors (inst, obs, 1, steunend);
  g_assert_cmpuint (c.n_coded, ==, 2);
  g_assert_cmpfloat (c.suggested_value, ==, 3);     /* median of 1 and 5 */
  g_assert_cmpuint (c.suggested_level, ==, 2);      /* level "3" */
  g_assert_cmpfloat (c.tolerance, ==, 1.5);
  g_assert_cmpfloat (c.distance, ==, 2);
  g_assert_true (c.far);                            /* 2 > 1.5 */

  /* a "not observed" score is not compared with anything */
  g_autoptr(LbObservation) obs2 = lb_observation_new ();
  mark (obs2, 1, "klimaat.steunend.respect", "hoog");
  not_observed (obs2, 1, "klimaat.steunend", "Geen gelegenheid.");
  c = lb_scoring_check_anchors (inst, obs2, 1, steunend);
  g_assert_true (c.suggests);
  g_assert_false (c.scored);
  g_assert_false (c.far);

  /* every indicator not applicable: no suggestion */
  g_autoptr(LbObservation) obs3 = lb_observation_new ();
  mark (obs3, 1, "klimaat.steunend.respect", LB_CODE_NOT_APPLICABLE);
  score (obs3, 1, "klimaat.steunend", "5");
  c = lb_scoring_check_anchors (inst, obs3, 1, steunend);
  g_assert_false (c.suggests);
  g_assert_false (c.far);
}

/* An item without anchors has nothing to check. */
static void
test_anchors_none (void)
{
  g_autoptr(LbInstrument) inst = load_good ("cycles.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *item = find (inst, "steun.sfeer.warmte");

  score (obs, 1, "steun.sfeer.warmte", "7");
  LbAnchorCheck c = lb_scoring_check_anchors (inst, obs, 1, item);
  g_assert_false (c.has_anchors);
  g_assert_false (c.suggests);
  g_assert_false (c.far);
}

/* ---- roll-up ---- */

/* klimaat.orde: scoring="rollup" rollup="min", nearest. */
static void
test_rollup (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *orde = find (inst, "klimaat.orde");
  guint level = 99;
  double value = -1;

  g_assert_cmpint (lb_node_get_scoring (orde), ==, LB_SCORING_ROLLUP);
  g_assert_false (lb_scoring_rollup (inst, obs, 1, orde, &level, &value));
  g_assert_false (lb_scoring_session_value (inst, obs, 1, orde, &value));

  mark (obs, 1, "klimaat.orde.regels", "hoog");   /* 5 */
  g_assert_true (lb_scoring_rollup (inst, obs, 1, orde, &level, &value));
  g_assert_cmpuint (level, ==, 4);
  g_assert_cmpfloat (value, ==, 5);

  mark (obs, 1, "klimaat.orde.tijd", "midden");   /* 3: the minimum */
  g_assert_true (lb_scoring_rollup (inst, obs, 1, orde, &level, &value));
  g_assert_cmpuint (level, ==, 2);
  g_assert_cmpfloat (value, ==, 3);

  /* unscored roll-up item: its value is the computed one */
  g_assert_true (lb_scoring_session_value (inst, obs, 1, orde, &value));
  g_assert_cmpfloat (value, ==, 3);
  /* a stored score wins (the observer confirmed or corrected it) */
  score (obs, 1, "klimaat.orde", "4");
  g_assert_true (lb_scoring_session_value (inst, obs, 1, orde, &value));
  g_assert_cmpfloat (value, ==, 4);
}

/* The mean of one code, and the median of an even and an odd number of
 * codes, rounded down. */
static void
test_rollup_mean_rounding (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *warmte = find (inst, "klimaat.warmte");  /* mean, nearest */
  guint level = 0;
  double value = 0;

  mark (obs, 1, "klimaat.warmte.toon", "laag");
  g_assert_true (lb_scoring_rollup (inst, obs, 1, warmte, &level, &value));
  g_assert_cmpfloat (value, ==, 1);

  /* the median of steunend with an even count: 1, 3 → 2, rounded down → 2 */
  LbNode *steunend = find (inst, "klimaat.steunend");
  mark (obs, 2, "klimaat.steunend.respect", "laag");
  mark (obs, 2, "klimaat.steunend.ruimte", "midden");
  g_assert_true (lb_scoring_rollup (inst, obs, 2, steunend, &level, &value));
  g_assert_cmpuint (level, ==, 1);
  g_assert_cmpfloat (value, ==, 2);
  /* 1, 3, 5 → median 3 */
  mark (obs, 2, "klimaat.steunend.bijsturen", "hoog");
  g_assert_true (lb_scoring_rollup (inst, obs, 2, steunend, &level, &value));
  g_assert_cmpuint (level, ==, 2);
  g_assert_cmpfloat (value, ==, 3);
}

/* ---- values over sessions ---- */

static void
test_combined_cycles (void)
{
  g_autoptr(LbInstrument) inst = load_good ("cycles.xml");  /* 4 cycles, mean */
  g_autoptr(LbObservation) obs = lb_observation_new ();
  LbNode *item = find (inst, "steun.sfeer.warmte");
  double value = 0;
  guint n = 99;

  g_assert_false (lb_scoring_combined (inst, obs, item, &value, &n));
  g_assert_cmpuint (n, ==, 0);

  score (obs, 1, "steun.sfeer.warmte", "5");
  score (obs, 2, "steun.sfeer.warmte", "6");
  not_observed (obs, 3, "steun.sfeer.warmte", "Toets.");
  score (obs, 4, "steun.sfeer.warmte", "6");
  score (obs, 0, "steun.sfeer.warmte", "1");  /* no session 0 in a cycle instrument */
  g_assert_true (lb_scoring_combined (inst, obs, item, &value, &n));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (value, 17.0 / 3, 1e-12);  /* (5 + 6 + 6) / 3 */
}

static void
test_combined_segments_and_none (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");  /* 3 segments */
  g_autoptr(LbObservation) obs = lb_observation_new ();
  double value = 0;
  guint n = 0;

  /* a roll-up item's unscored segments count with their computed value */
  score (obs, 1, "klimaat.orde", "2");
  mark (obs, 3, "klimaat.orde.regels", "hoog");
  g_assert_true (lb_scoring_combined (inst, obs, find (inst, "klimaat.orde"), &value, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (value, ==, 3.5);  /* (2 + 5) / 2 */

  g_autoptr(LbInstrument) minimal = load_good ("minimal.xml");  /* no sessions */
  g_autoptr(LbObservation) one = lb_observation_new ();
  score (one, 0, "ped.klimaat.1", "3");
  g_assert_true (lb_scoring_combined (minimal, one, find (minimal, "ped.klimaat.1"), &value, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (value, ==, 3);
}

/* ---- snapshots ---- */

static guint
n_due (LbInstrument *inst, LbObservation *obs, guint session, guint minute, const char *first)
{
  g_autoptr(GPtrArray) due = lb_scoring_snapshots_due (inst, obs, session, minute);
  if (first)
    {
      g_assert_cmpuint (due->len, >, 0);
      g_assert_cmpstr (((LbSnapshot *) due->pdata[0])->id, ==, first);
    }
  return due->len;
}

static void
test_snapshots_due (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();

  /* before minute 4 nothing; at 4 the activity question, not yet the
   * dependent one (it waits for that answer) */
  g_assert_cmpuint (n_due (inst, obs, 1, 3, NULL), ==, 0);
  g_assert_cmpuint (n_due (inst, NULL, 1, 4, "activiteit"), ==, 1);
  g_assert_cmpuint (n_due (inst, obs, 1, 4, "activiteit"), ==, 1);
  /* "slot" at minute 12 in segments 1 and 2, never in 3 */
  g_assert_cmpuint (n_due (inst, obs, 1, 12, "activiteit"), ==, 2);
  g_assert_cmpuint (n_due (inst, obs, 3, 12, "activiteit"), ==, 1);

  answer (obs, 1, "activiteit", "ja", 4);
  g_assert_cmpuint (n_due (inst, obs, 1, 4, "afgeleid"), ==, 1);
  answer (obs, 1, "afgeleid", "2-5", 5);
  g_assert_cmpuint (n_due (inst, obs, 1, 11, NULL), ==, 0);
  g_assert_cmpuint (n_due (inst, obs, 1, 15, "slot"), ==, 1);
  /* answers in segment 1 do not answer segment 2 */
  g_assert_cmpuint (n_due (inst, obs, 2, 4, "activiteit"), ==, 1);
}

static void
test_snapshots_dependent (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();
  const LbSnapshot *off_task = lb_instrument_find_snapshot (inst, "afgeleid");
  const LbSnapshot *closing = lb_instrument_find_snapshot (inst, "slot");

  g_assert_cmpint (lb_scoring_snapshot_state (inst, obs, 1, off_task), ==, LB_SNAPSHOT_WAITING);
  g_assert_cmpint (lb_scoring_snapshot_state (inst, NULL, 1, off_task), ==, LB_SNAPSHOT_WAITING);
  answer (obs, 1, "activiteit", "nee", 4);
  g_assert_cmpint (lb_scoring_snapshot_state (inst, obs, 1, off_task), ==, LB_SNAPSHOT_NOT_APPLICABLE);
  g_assert_cmpuint (n_due (inst, obs, 1, 4, NULL), ==, 0);
  answer (obs, 2, "activiteit", "ja", 4);
  g_assert_cmpint (lb_scoring_snapshot_state (inst, obs, 2, off_task), ==, LB_SNAPSHOT_APPLIES);

  g_assert_cmpint (lb_scoring_snapshot_state (inst, obs, 3, closing), ==, LB_SNAPSHOT_NOT_APPLICABLE);
  g_assert_cmpint (lb_scoring_snapshot_state (inst, obs, 2, closing), ==, LB_SNAPSHOT_APPLIES);

  g_assert_nonnull (lb_scoring_find_snapshot_answer (obs, 2, "activiteit"));
  g_assert_null (lb_scoring_find_snapshot_answer (obs, 3, "activiteit"));
}

/* What a finished segment still owes: an applicable, unanswered snapshot. */
static void
test_snapshots_missing (void)
{
  g_autoptr(LbInstrument) inst = load_good ("format2.xml");
  g_autoptr(LbObservation) obs = lb_observation_new ();

  g_assert_cmpuint (lb_scoring_snapshots_missing (inst, obs, 1), ==, 2);  /* activiteit, slot */
  g_assert_cmpuint (lb_scoring_snapshots_missing (inst, obs, 3), ==, 1);  /* activiteit */
  answer (obs, 1, "activiteit", "ja", 4);
  g_assert_cmpuint (lb_scoring_snapshots_missing (inst, obs, 1), ==, 2);  /* afgeleid, slot */
  answer (obs, 1, "afgeleid", LB_CODE_NOT_APPLICABLE, 4);
  answer (obs, 1, "slot", "ja", 12);
  g_assert_cmpuint (lb_scoring_snapshots_missing (inst, obs, 1), ==, 0);
  answer (obs, 3, "activiteit", "nee", 4);
  g_assert_cmpuint (lb_scoring_snapshots_missing (inst, obs, 3), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scoring/evidence/rule", test_evidence_rule);
  g_test_add_func ("/scoring/evidence/not-observed", test_evidence_not_observed);
  g_test_add_func ("/scoring/combine-values", test_combine_values);
  g_test_add_func ("/scoring/round-to-level", test_round_to_level);
  g_test_add_func ("/scoring/anchors/default-tolerance", test_anchors_default_tolerance);
  g_test_add_func ("/scoring/anchors/declared", test_anchors_declared);
  g_test_add_func ("/scoring/anchors/none", test_anchors_none);
  g_test_add_func ("/scoring/rollup/min", test_rollup);
  g_test_add_func ("/scoring/rollup/mean-median", test_rollup_mean_rounding);
  g_test_add_func ("/scoring/combined/cycles", test_combined_cycles);
  g_test_add_func ("/scoring/combined/segments-and-none", test_combined_segments_and_none);
  g_test_add_func ("/scoring/snapshots/due", test_snapshots_due);
  g_test_add_func ("/scoring/snapshots/dependent", test_snapshots_dependent);
  g_test_add_func ("/scoring/snapshots/missing", test_snapshots_missing);
  return g_test_run ();
}
