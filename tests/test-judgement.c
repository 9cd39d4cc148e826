/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-judgement"

/* Judgements computed from the rules an instrument declares, checked
 * against verdicts worked out by hand. The default instrument's domains
 * have 12 items each and the same four rules:
 *   at least 80% of the items scored, mean ≥ 2.5,
 *   at least 75% of the scored items at level 3 or higher, none below 2. */

#include "config.h"
#include "lb-instrument.h"
#include "lb-judgement.h"

#include <math.h>
#include <string.h>

#define UNSCORED (-1.0)  /* nothing entered for the item */
#define NOT_OBSERVED NAN /* "not observed / not applicable" was chosen */

enum { RULE_MIN_SCORED, RULE_MEAN, RULE_SHARE, RULE_NONE_BELOW };

typedef struct {
  LbInstrument *inst;
  GHashTable   *scores;  /* item id → double*, NAN for not observed */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  f->inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  f->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->inst);
  g_clear_pointer (&f->scores, g_hash_table_unref);
}

static gboolean
lookup (const char *item_id, double *value, gpointer user_data)
{
  GHashTable *scores = user_data;
  const double *v = g_hash_table_lookup (scores, item_id);
  if (v == NULL || isnan (*v))
    return FALSE;
  *value = *v;
  return TRUE;
}

/* Gives the domain's items, in document order, the scores in @values. */
static LbNode *
score (Fixture *f, const char *domain_id, const double *values, guint n_values)
{
  LbNode *domain = lb_instrument_find_node (f->inst, domain_id);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_assert_nonnull (domain);
  lb_node_collect_items (domain, items);
  g_assert_cmpuint (items->len, ==, n_values);
  for (guint i = 0; i < items->len; i++)
    if (values[i] != UNSCORED)
      g_hash_table_insert (f->scores, g_strdup (lb_node_get_id (items->pdata[i])),
                           g_memdup2 (&values[i], sizeof (double)));
  return domain;
}

static const LbRuleResult *
result (LbJudgement *j, guint index)
{
  g_assert_cmpuint (index, <, j->results->len);
  const LbRuleResult *r = &g_array_index (j->results, LbRuleResult, index);
  g_assert_nonnull (r->explanation);
  g_assert_cmpstr (r->explanation, !=, "");
  return r;
}

static void
assert_default_rules (LbJudgement *j)
{
  g_assert_cmpuint (j->results->len, ==, 4);
  g_assert_cmpint (result (j, RULE_MIN_SCORED)->rule->kind, ==, LB_RULE_MIN_SCORED);
  g_assert_cmpint (result (j, RULE_MEAN)->rule->kind, ==, LB_RULE_MEAN_AT_LEAST);
  g_assert_cmpint (result (j, RULE_SHARE)->rule->kind, ==, LB_RULE_SHARE_AT_LEAST);
  g_assert_cmpint (result (j, RULE_NONE_BELOW)->rule->kind, ==, LB_RULE_NONE_BELOW);
}

static LbJudgement *
judge (Fixture *f, LbNode *domain)
{
  LbJudgement *j = lb_judgement_evaluate (domain, lookup, f->scores);
  g_assert_nonnull (j);
  g_assert_true (j->domain == domain);
  g_assert_cmpuint (j->n_items, ==, 12);
  assert_default_rules (j);
  return j;
}

static void
test_all_fours (Fixture *f, gconstpointer data)
{
  const double v[12] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpuint (j->n_scored, ==, 12);
  g_assert_cmpfloat (j->mean, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (result (j, i)->passed);
  g_assert_cmpfloat (result (j, RULE_MIN_SCORED)->actual, ==, 1);
  g_assert_cmpfloat (result (j, RULE_SHARE)->actual, ==, 1);
  g_assert_cmpfloat (result (j, RULE_NONE_BELOW)->actual, ==, 4);
}

/* One item at 1 sinks the domain, however good the rest: the mean (3.75)
 * and the share (11/12) are fine, "none below 2" is not. */
static void
test_one_at_one (Fixture *f, gconstpointer data)
{
  const double v[12] = { 4, 4, 4, 4, 4, 4, 4, 1, 4, 4, 4, 4 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_NOT_MET);
  g_assert_cmpfloat (j->mean, ==, 3.75);
  g_assert_true (result (j, RULE_MIN_SCORED)->passed);
  g_assert_true (result (j, RULE_MEAN)->passed);
  g_assert_true (result (j, RULE_SHARE)->passed);
  g_assert_cmpfloat_with_epsilon (result (j, RULE_SHARE)->actual, 11.0 / 12, 1e-12);
  g_assert_false (result (j, RULE_NONE_BELOW)->passed);
  g_assert_cmpfloat (result (j, RULE_NONE_BELOW)->actual, ==, 1);
}

/* 9 of 12 scored is 75%, under the 80% needed: no verdict either way. */
static void
test_too_few_scored (Fixture *f, gconstpointer data)
{
  const double v[12] = { 4, 4, 4, UNSCORED, 4, 4, 4, UNSCORED, 4, 4, 4, UNSCORED };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_INSUFFICIENT);
  g_assert_cmpuint (j->n_scored, ==, 9);
  g_assert_false (result (j, RULE_MIN_SCORED)->passed);
  g_assert_cmpfloat (result (j, RULE_MIN_SCORED)->actual, ==, 0.75);
  g_assert_true (result (j, RULE_MEAN)->passed);
}

/* Too few scored wins over a failing score: a judgement on too little
 * evidence is not given, not even a negative one. */
static void
test_too_few_and_failing (Fixture *f, gconstpointer data)
{
  const double v[12] = { 1, 1, 1, 1, 1, 1, UNSCORED, UNSCORED, UNSCORED, UNSCORED, UNSCORED, UNSCORED };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ov", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_INSUFFICIENT);
  g_assert_false (result (j, RULE_NONE_BELOW)->passed);
}

static void
test_nothing_scored (Fixture *f, gconstpointer data)
{
  const double v[12] = { UNSCORED, UNSCORED, UNSCORED, UNSCORED, UNSCORED, UNSCORED,
                         NOT_OBSERVED, NOT_OBSERVED, NOT_OBSERVED, NOT_OBSERVED, NOT_OBSERVED, NOT_OBSERVED };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_INSUFFICIENT);
  g_assert_cmpuint (j->n_scored, ==, 0);
  g_assert_cmpfloat (j->mean, ==, 0);
  g_assert_false (result (j, RULE_MEAN)->passed);
  g_assert_false (result (j, RULE_SHARE)->passed);
}

/* "Not observed" is neither a score nor a zero: 10 × 3 with two not
 * observed is 10 of 12 scored (83%) with a mean of 3, not 2.5. */
static void
test_not_observed_does_not_count (Fixture *f, gconstpointer data)
{
  const double v[12] = { 3, 3, NOT_OBSERVED, 3, 3, 3, 3, 3, NOT_OBSERVED, 3, 3, 3 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ov", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpuint (j->n_items, ==, 12);
  g_assert_cmpuint (j->n_scored, ==, 10);
  g_assert_cmpfloat (j->mean, ==, 3);
  g_assert_cmpfloat_with_epsilon (result (j, RULE_MIN_SCORED)->actual, 10.0 / 12, 1e-12);
  g_assert_cmpfloat (result (j, RULE_NONE_BELOW)->actual, ==, 3);
}

/* Exactly 75% at level 3 or higher (9 × 3, 3 × 2), and the lowest score
 * exactly at the floor of 2: both thresholds are inclusive. */
static void
test_boundary_share_and_floor (Fixture *f, gconstpointer data)
{
  const double v[12] = { 3, 2, 3, 3, 3, 2, 3, 3, 3, 2, 3, 3 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpfloat (j->mean, ==, 2.75);
  g_assert_true (result (j, RULE_SHARE)->passed);
  g_assert_cmpfloat (result (j, RULE_SHARE)->actual, ==, 0.75);
  g_assert_true (result (j, RULE_NONE_BELOW)->passed);
  g_assert_cmpfloat (result (j, RULE_NONE_BELOW)->actual, ==, 2);
}

/* One item less at 3 (8 of 12, 67%) and the share rule fails. */
static void
test_boundary_share_below (Fixture *f, gconstpointer data)
{
  const double v[12] = { 3, 2, 3, 3, 3, 2, 3, 2, 3, 2, 3, 3 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", v, 12));

  g_assert_cmpint (j->verdict, ==, LB_VERDICT_NOT_MET);
  g_assert_false (result (j, RULE_SHARE)->passed);
  g_assert_true (result (j, RULE_MEAN)->passed);
  g_assert_true (result (j, RULE_NONE_BELOW)->passed);
}

/* A mean of exactly 2.5 (6 × 3, 6 × 2) meets "mean ≥ 2.5"; 29/12 does not. */
static void
test_boundary_mean (Fixture *f, gconstpointer data)
{
  const double at[12] = { 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2 };
  const double below[12] = { 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2 };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", at, 12));

  g_assert_cmpfloat (j->mean, ==, 2.5);
  g_assert_true (result (j, RULE_MEAN)->passed);
  g_assert_cmpfloat (result (j, RULE_MEAN)->actual, ==, 2.5);
  g_assert_cmpint (j->verdict, ==, LB_VERDICT_NOT_MET); /* only 50% at 3 */

  g_autoptr(LbJudgement) k = judge (f, score (f, "ov", below, 12));
  g_assert_false (result (k, RULE_MEAN)->passed);
  g_assert_cmpfloat_with_epsilon (k->mean, 29.0 / 12, 1e-12);
}

/* 10 of 12 scored (83%) is enough; with an 11th not observed, 9 of 12
 * (75%) is not — the boundary falls between them. */
static void
test_boundary_min_scored (Fixture *f, gconstpointer data)
{
  const double enough[12] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, UNSCORED, NOT_OBSERVED };
  g_autoptr(LbJudgement) j = judge (f, score (f, "ph", enough, 12));
  g_assert_cmpint (j->verdict, ==, LB_VERDICT_MET);

  const double short_[12] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, NOT_OBSERVED, UNSCORED, NOT_OBSERVED };
  g_autoptr(LbJudgement) k = judge (f, score (f, "ov", short_, 12));
  g_assert_cmpint (k->verdict, ==, LB_VERDICT_INSUFFICIENT);
}

/* The two domains are judged independently. */
static void
test_domains_independent (Fixture *f, gconstpointer data)
{
  const double v[12] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
  LbNode *ov = score (f, "ov", v, 12);
  LbNode *ph = lb_instrument_find_node (f->inst, "ph");
  g_autoptr(LbJudgement) jo = judge (f, ov);
  g_autoptr(LbJudgement) jp = judge (f, ph);

  g_assert_cmpint (jo->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpint (jp->verdict, ==, LB_VERDICT_INSUFFICIENT);
  g_assert_cmpuint (jp->n_scored, ==, 0);
}

/* ---- other instruments: exact share boundaries, no rules ---- */

/* An instrument with one domain of @n items and the given rules. */
static LbInstrument *
generated_instrument (guint n, const char *rules)
{
  g_autoptr(GString) s = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<instrument xmlns=\"https://lesbezoek.nl/ns/instrument/1\" format=\"1\" id=\"t\" version=\"1\" languages=\"nl\">\n"
    "<meta><title xml:lang=\"nl\">T</title></meta>\n<scale id=\"s\">\n");
  for (guint v = 1; v <= 4; v++)
    g_string_append_printf (s, "<level id=\"%u\" value=\"%u\"><label xml:lang=\"nl\">%u</label></level>\n", v, v, v);
  g_string_append (s, "</scale>\n<domain id=\"d\" scale=\"s\"><title xml:lang=\"nl\">D</title>\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "<item id=\"i%u\"><text xml:lang=\"nl\">Item %u</text></item>\n", i, i);
  g_string_append_printf (s, "<judgement>%s</judgement></domain>\n</instrument>\n", rules);

  g_autoptr(GBytes) bytes = g_bytes_new (s->str, s->len);
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_bytes (bytes, "generated.xml", NULL, &error);
  g_assert_no_error (error);
  return inst;
}

static LbJudgement *
judge_first (LbInstrument *inst, const double *values, guint n)
{
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n; i++)
    if (values[i] != UNSCORED)
      g_hash_table_insert (scores, g_strdup_printf ("i%u", i), g_memdup2 (&values[i], sizeof (double)));
  g_autoptr(LbNode) domain = g_list_model_get_item (lb_instrument_get_domains (inst), 0);
  return lb_judgement_evaluate (domain, lookup, scores);
}

/* 4 of 5 is exactly 80%, 7 of 10 exactly 70%: inclusive, despite 0.8 and
 * 0.7 having no exact binary form. */
static void
test_exact_shares (void)
{
  g_autoptr(LbInstrument) five = generated_instrument (5, "<min-scored share=\"0.8\"/>");
  const double four_of_five[5] = { 2, 2, 2, 2, UNSCORED };
  const double three_of_five[5] = { 2, 2, 2, NOT_OBSERVED, UNSCORED };
  g_autoptr(LbJudgement) a = judge_first (five, four_of_five, 5);
  g_autoptr(LbJudgement) b = judge_first (five, three_of_five, 5);
  g_assert_cmpint (a->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpint (b->verdict, ==, LB_VERDICT_INSUFFICIENT);

  g_autoptr(LbInstrument) ten = generated_instrument (10, "<share-at-least level=\"3\" share=\"0.7\"/>");
  const double seven[10] = { 3, 4, 3, 4, 3, 4, 3, 1, 2, 1 };
  const double six[10] = { 3, 4, 3, 4, 3, 4, 2, 1, 2, 1 };
  g_autoptr(LbJudgement) c = judge_first (ten, seven, 10);
  g_autoptr(LbJudgement) d = judge_first (ten, six, 10);
  g_assert_cmpint (c->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpint (d->verdict, ==, LB_VERDICT_NOT_MET);
}

/* Scores need not be whole: combined cycles give means such as 4.5. */
static void
test_fractional_scores (void)
{
  g_autoptr(LbInstrument) inst = generated_instrument (2, "<mean-at-least value=\"3.25\"/>");
  const double at[2] = { 3.5, 3.0 };
  const double below[2] = { 3.5, 2.99 };
  g_autoptr(LbJudgement) a = judge_first (inst, at, 2);
  g_autoptr(LbJudgement) b = judge_first (inst, below, 2);

  g_assert_cmpint (a->verdict, ==, LB_VERDICT_MET);
  g_assert_cmpfloat (a->mean, ==, 3.25);
  g_assert_cmpint (b->verdict, ==, LB_VERDICT_NOT_MET);
}

static void
test_no_rules (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "instruments", "good", "framework.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(GHashTable) scores = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LbJudgement) j = lb_judgement_evaluate (lb_instrument_find_node (inst, "instructie"),
                                                    lookup, scores);
  g_assert_cmpint (j->verdict, ==, LB_VERDICT_NONE);
  g_assert_cmpuint (j->results->len, ==, 0);
}

static void
test_verdict_strings (void)
{
  const LbVerdict verdicts[] = { LB_VERDICT_NONE, LB_VERDICT_INSUFFICIENT, LB_VERDICT_NOT_MET, LB_VERDICT_MET };
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      g_assert_nonnull (lb_verdict_to_string (verdicts[i]));
      for (guint k = 0; k < i; k++)
        g_assert_cmpstr (lb_verdict_to_string (verdicts[i]), !=, lb_verdict_to_string (verdicts[k]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/judgement/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("all-fours", test_all_fours);
  ADD ("one-at-one", test_one_at_one);
  ADD ("too-few-scored", test_too_few_scored);
  ADD ("too-few-and-failing", test_too_few_and_failing);
  ADD ("nothing-scored", test_nothing_scored);
  ADD ("not-observed", test_not_observed_does_not_count);
  ADD ("boundary/share-and-floor", test_boundary_share_and_floor);
  ADD ("boundary/share-below", test_boundary_share_below);
  ADD ("boundary/mean", test_boundary_mean);
  ADD ("boundary/min-scored", test_boundary_min_scored);
  ADD ("domains-independent", test_domains_independent);
#undef ADD
  g_test_add_func ("/judgement/exact-shares", test_exact_shares);
  g_test_add_func ("/judgement/fractional-scores", test_fractional_scores);
  g_test_add_func ("/judgement/no-rules", test_no_rules);
  g_test_add_func ("/judgement/verdict-strings", test_verdict_strings);

  return g_test_run ();
}
