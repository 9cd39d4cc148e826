/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shapes-cli"

/* Every shipped instrument shape, headless, end to end, as an assessor
 * with a script would: `instrument import` the example, `observe new`
 * with it, score every item in every cycle or segment, code or tick
 * indicators (a coded "not applicable" where the coding scale allows it),
 * answer every snapshot that applies, link notes to the items that need
 * evidence, judge, `finalize`; check `show`; a second assessor observes
 * the same lesson and `compare` runs per session; `export` → `import` into
 * a fresh database gives the same content hash and the same `show`;
 * `report` writes a PDF. Then the rules a user relies on, one by one: the
 * evidence rule blocks signing and names the items; a score far from the
 * anchors is flagged; hostile input to the new commands is refused with a
 * Dutch message, exit status 2 and nothing written; instrument texts follow
 * the language, else Dutch.
 *
 * The test reads the instrument files itself (the model library) only to
 * know what to ask the CLI for: the ids, sessions and scales. Every
 * observation is made and read through the built binary. */

#include "cli-util.h"
#include "lb-instrument.h"
#include "lb-scoring.h"

#include <string.h>
#include <sys/wait.h>

#define STARTER "Fleur van Dijk"
#define ASSESSOR "Ruud Hendriks"
#define SECOND "Ilse Mulder"
#define DATE "2026-11-20"

/* GLib isolates this process's directories without exporting them; the
 * spawned lesbezoek must see them too (it keeps imported instruments in
 * its data directory). */
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
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", name, NULL);
}

/* Imports examples/@file (NULL: the built-in instrument) and returns it as
 * loaded here, to enumerate its ids. */
static LbInstrument *
import_example (const char *file)
{
  g_autoptr(GError) error = NULL;
  if (file == NULL)
    {
      LbInstrument *inst = lb_instrument_load_default (&error);
      g_assert_no_error (error);
      return inst;
    }
  g_autofree char *path = example_path (file);
  g_autofree char *out = cli_ok (NULL, "instrument", "import", path, NULL);
  g_assert_true (g_str_has_prefix (out, "Imported "));
  LbInstrument *inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  return inst;
}

static char *
setup_db (void)
{
  export_isolated_dirs ();
  char *db = cli_db_path ();
  cli_add_people (db, STARTER, NULL, ASSESSOR);
  g_free (cli_ok (db, "people", "add", "--name", SECOND, "--observer", "--role", "assessor", NULL));
  return db;
}

static char *
uint_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* Sessions to score: 1 … count, or just 0 without sessions. */
static void
session_range (LbInstrument *inst, guint *first, guint *last)
{
  guint count = 0;
  gboolean none = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL) == LB_SESSIONS_NONE;
  *first = none ? 0 : 1;
  *last = none ? 0 : count;
}

/* ---- observing one item ---- */

typedef struct {
  const char   *db;
  const char   *uuid;
  LbInstrument *inst;
  guint         variant;  /* 0 for the first observer, 1 for the second */
  gboolean      skip_evidence_of_first;  /* leave one required note out */
  gboolean      skipped;  /* … and it was */
  char         *skipped_item;
} Observing;

static void
observing_clear (Observing *o)
{
  g_free (o->skipped_item);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Observing, observing_clear)

/* With anchors, every coded indicator gets the same anchored code, and
 * the score is that anchor's level: a score the anchors agree with. One
 * indicator per item whose scale allows it is coded "not applicable"
 * (which the anchors leave out). Returns the level id to score. */
static const char *
code_indicators (Observing *o, LbNode *item, guint session, guint index)
{
  LbScale *scale = lb_node_get_scale (item);
  guint n_levels = lb_scale_get_n_levels (scale);
  const char *level = lb_scale_get_level (scale, (index + session + o->variant) % n_levels)->id;
  const LbAnchor *anchor = lb_node_get_n_anchors (item) > 0
    ? lb_node_get_anchor (item, (index + session + o->variant) % lb_node_get_n_anchors (item)) : NULL;
  if (anchor)
    level = lb_scale_get_level (scale, anchor->level)->id;
  g_autofree char *s = uint_text (session);
  for (guint k = 0; k < lb_node_get_n_children (item); k++)
    {
      LbNode *ind = lb_node_get_child (item, k);
      LbScale *coding = lb_node_get_scale (ind);
      const char *code = NULL;
      if (coding && lb_scale_get_not_observed_allowed (coding))
        code = LB_CODE_NOT_APPLICABLE;
      else if (coding)
        code = anchor ? anchor->code : lb_scale_get_level (coding, 0)->id;
      else if (k != 0)
        continue;  /* tick the first of the ticked ones */
      if (session)
        g_free (cli_ok (o->db, "observe", "mark", o->uuid, lb_node_get_id (ind), "--code", code ? code : "yes",
                        "--session", s, NULL));
      else
        g_free (cli_ok (o->db, "observe", "mark", o->uuid, lb_node_get_id (ind), "--code", code ? code : "yes",
                        NULL));
    }
  return level;
}

static void
link_evidence (Observing *o, LbNode *item, guint session)
{
  const char *id = lb_node_get_id (item);
  if (!lb_node_get_evidence_required (item))
    return;
  if (o->skip_evidence_of_first && !o->skipped)
    {
      o->skipped = TRUE;
      o->skipped_item = g_strdup (id);
      return;
    }
  g_autofree char *s = uint_text (session);
  g_autofree char *text = g_strdup_printf ("Gezien bij %s in sessie %u.", id, session);
  g_free (cli_ok (o->db, "observe", "note", o->uuid, "--minute", "5", "--session", session ? s : "0",
                  "--item", id, text, NULL));
}

static void
observe_item (Observing *o, LbNode *item, guint session, guint index)
{
  const char *level = code_indicators (o, item, session, index);
  g_autofree char *s = uint_text (session);
  LbScale *scale = lb_node_get_scale (item);
  /* One item of an instrument that allows it is not observed, with a reason. */
  if (index == 1 && lb_scale_get_not_observed_allowed (scale) && lb_node_get_n_anchors (item) == 0 &&
      !lb_node_get_evidence_required (item))
    g_free (cli_ok (o->db, "observe", "score", o->uuid, lb_node_get_id (item), "--not-observed", "--reason",
                    "Kwam in deze les niet aan bod.", "--session", s, NULL));
  else
    {
      g_free (cli_ok (o->db, "observe", "score", o->uuid, lb_node_get_id (item), level, "--session", s, NULL));
      link_evidence (o, item, session);
    }
}

/* ---- snapshots ---- */

static void
answer_snapshots (Observing *o, guint session)
{
  GPtrArray *snapshots = lb_instrument_get_snapshots (o->inst);
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *s = uint_text (session);
  for (guint i = 0; snapshots && i < snapshots->len; i++)
    {
      const LbSnapshot *snap = snapshots->pdata[i];
      if (!lb_snapshot_in_session (snap, session))
        continue;
      guint n = lb_scale_get_n_levels (snap->scale);
      const char *code = lb_scale_get_level (snap->scale, (i + session + o->variant) % n)->id;
      if (snap->applies_when)
        {
          const char *earlier = g_hash_table_lookup (answers, snap->applies_when);
          if (earlier == NULL || !g_strv_contains ((const char * const *) snap->applies_codes, earlier))
            {
              if (!lb_scale_get_not_observed_allowed (snap->scale))
                continue;
              code = LB_CODE_NOT_APPLICABLE;
            }
        }
      /* Snapshots whose scale allows it get "not applicable" once, in session 2. */
      else if (session == 2 && lb_scale_get_not_observed_allowed (snap->scale))
        code = LB_CODE_NOT_APPLICABLE;
      g_free (cli_ok (o->db, "observe", "snapshot", o->uuid, snap->id, code, "--session", s, NULL));
      g_hash_table_insert (answers, (gpointer) snap->id, g_strdup (code));
    }
}

static void
judge_all (Observing *o)
{
  GListModel *domains = lb_instrument_get_domains (o->inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) > 0)
        g_free (cli_ok (o->db, "observe", "judge", o->uuid, lb_node_get_id (d), "--confirm", NULL));
    }
}

/* A whole summative observation of the lesson, everything scored, judged;
 * not yet signed. */
static char *
observe_lesson (Observing *o, const char *observer)
{
  char *uuid = cli_ok (o->db, "observe", "new", "--starter", STARTER, "--observer", observer, "--purpose",
                       "summatief", "--instrument", lb_instrument_get_id (o->inst), "--date", DATE,
                       "--subject", "rekenen", NULL);
  o->uuid = uuid;
  guint first, last;
  session_range (o->inst, &first, &last);
  GPtrArray *items = lb_instrument_get_items (o->inst);
  for (guint s = first; s <= last; s++)
    {
      for (guint i = 0; i < items->len; i++)
        observe_item (o, items->pdata[i], s, i);
      answer_snapshots (o, s);
    }
  judge_all (o);
  return uuid;
}

/* ---- reading the output ---- */

static char *
content_hash (const char *db, const char *uuid)
{
  g_autofree char *out = cli_ok (db, "show", uuid, NULL);
  const char *at = strstr (out, "Content hash (SHA-256): ");
  g_assert_nonnull (at);
  g_assert_nonnull (strstr (out, "intact: the content is unchanged since it was signed"));
  return g_strndup (at + strlen ("Content hash (SHA-256): "), 64);
}

static guint
count_lines_with (const char *text, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What `show` must say for every shape: a line per item per session, the
 * mean over the cycles, the snapshots, and no warning left after a
 * complete observation. */
static void
check_show (const char *db, const char *uuid, LbInstrument *inst)
{
  g_autofree char *out = cli_ok (db, "show", uuid, NULL);
  guint count = 0, n_items = lb_instrument_get_n_items (inst);
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  g_assert_null (strstr (out, "not scored"));
  g_assert_null (strstr (out, "no linked note"));
  g_assert_null (strstr (out, "far from the anchors"));
  g_assert_nonnull (strstr (out, "Status:       Final"));
  if (kind == LB_SESSIONS_NONE)
    g_assert_cmpuint (count_lines_with (out, "    Score: "), ==, n_items);
  for (guint s = 1; kind != LB_SESSIONS_NONE && s <= count; s++)
    {
      g_autofree char *label = g_strdup_printf (kind == LB_SESSIONS_CYCLES ? "    cycle %u: " : "    segment %u: ", s);
      g_assert_cmpuint (count_lines_with (out, label), ==, n_items);
    }
  if (kind == LB_SESSIONS_CYCLES)
    {
      g_autofree char *mean = g_strdup_printf ("Mean over %u cycles: ", count);
      g_assert_cmpuint (count_lines_with (out, mean), ==, n_items);
    }
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  if (snapshots && snapshots->len > 0)
    {
      g_assert_nonnull (strstr (out, "\nSnapshots\n"));
      g_assert_null (strstr (out, ": not answered"));
      g_assert_nonnull (strstr (out, "(answered at minute "));
    }
  g_assert_null (strstr (out, "The assessor has not judged this domain yet."));
}

static void
check_compare (const char *db, const char *a, const char *b, LbInstrument *inst)
{
  g_autofree char *out = cli_ok (db, "compare", a, b, NULL);
  g_autofree char *tsv = cli_ok (db, "compare", a, b, "--format", "tsv", NULL);
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  g_assert_nonnull (strstr (out, "Cohen's kappa, quadratic weights"));
  g_assert_cmpuint (count_lines_with (tsv, "\nstat\t"), >, 0);
  if (kind == LB_SESSIONS_NONE)
    {
      g_assert_null (strstr (tsv, "session-stat"));
      return;
    }
  for (guint s = 1; s <= count; s++)
    {
      g_autofree char *head = g_strdup_printf ("%s %u, scale ", kind == LB_SESSIONS_CYCLES ? "Cycle" : "Segment", s);
      g_autofree char *line = g_strdup_printf ("session-stat\t%u\t", s);
      g_assert_nonnull (strstr (out, head));
      g_assert_nonnull (strstr (tsv, line));
    }
}

/* Exported with its instrument and read into a fresh database, the
 * observation is the same: the same sealed hash, the same `show`. */
static void
check_exchange (const char *db, const char *uuid)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *file = g_build_filename (dir, "uitwisseling.xml", NULL);
  g_autofree char *fresh = g_build_filename (dir, "vers.db", NULL);
  g_free (cli_ok (db, "export", "--observation", uuid, "--with-instruments", "-o", file, NULL));
  g_free (cli_ok (fresh, "import", file, NULL));
  g_autofree char *before = content_hash (db, uuid);
  g_autofree char *after = content_hash (fresh, uuid);
  g_assert_cmpstr (before, ==, after);
  g_autofree char *shown = cli_ok (db, "show", uuid, NULL);
  g_autofree char *shown_fresh = cli_ok (fresh, "show", uuid, NULL);
  g_assert_cmpstr (shown, ==, shown_fresh);
  g_free (cli_ok (fresh, "verify", NULL));
}

static void
check_report (const char *db, const char *uuid)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *pdf = g_build_filename (dir, "verslag.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_free (cli_ok (db, "report", uuid, "-o", pdf, NULL));
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* ---- the shapes end to end ---- */

static void
test_end_to_end (gconstpointer data)
{
  const char *file = data;
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example (file);
  g_auto(Observing) first = { .db = db, .inst = inst };
  g_autofree char *a = observe_lesson (&first, ASSESSOR);
  g_autofree char *out = cli_ok (db, "observe", "finalize", a, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_nonnull (strstr (out, "Signed and locked"));
  check_show (db, a, inst);

  g_auto(Observing) second = { .db = db, .inst = inst, .variant = 1 };
  g_autofree char *b = observe_lesson (&second, SECOND);
  g_free (cli_ok (db, "observe", "finalize", b, "--signed-by", SECOND, "--yes", NULL));
  check_compare (db, a, b, inst);
  check_exchange (db, a);
  check_report (db, a);
}

/* ---- the rules, one by one ---- */

/* Signing is refused while a score the instrument requires evidence for
 * has no linked note of its session; the refusal names the item, and a
 * linked note lifts it. */
static void
test_evidence_rule (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("snapshots.xml");
  g_auto(Observing) o = { .db = db, .inst = inst, .skip_evidence_of_first = TRUE };
  g_autofree char *uuid = observe_lesson (&o, ASSESSOR);
  g_assert_cmpstr (o.skipped_item, ==, "klimaat.steunend");
  g_autofree char *shown = cli_ok (db, "show", uuid, NULL);
  g_assert_cmpuint (count_lines_with (shown, "no linked note, but the instrument requires evidence"), ==, 1);

  g_auto(Run) r = { 0 };
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "session 1: the instrument requires evidence for klimaat.steunend"));
  g_assert_null (strstr (r.err, "klimaat.gedrag"));
  g_autofree char *draft = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (draft, "Status:       Draft"));

  /* A note of another session is no evidence for session 1. */
  g_free (cli_ok (db, "observe", "note", uuid, "--minute", "20", "--session", "2", "--item", "klimaat.steunend",
                  "Nog een keer gezien.", NULL));
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_free (cli_ok (db, "observe", "note", uuid, "--minute", "3", "--session", "1", "--item", "klimaat.steunend",
                  "Spreekt elke leerling bij naam aan.", NULL));
  g_free (cli_ok (db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL));
}

/* The evidence rule holds for any purpose: signing confirms the scores. */
static void
test_evidence_rule_formative (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("framework.xml");
  g_free (cli_ok (db, "people", "add", "--name", "Anouk Peeters", "--observer", "--role", "coach", NULL));
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", "Anouk Peeters",
                                  "--purpose", "formatief", "--instrument", "voorbeeld-kader", NULL);
  g_free (cli_ok (db, "observe", "score", uuid, "lesgeven.uitleg", "op-niveau", NULL));
  g_auto(Run) r = { 0 };
  cli_run (&r, db, "observe", "finalize", uuid, "--signed-by", "Anouk Peeters", "--yes", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "the instrument requires evidence for lesgeven.uitleg"));
  g_free (cli_ok (db, "observe", "note", uuid, "--minute", "12", "--item", "lesgeven.uitleg",
                  "Doet de eerste som hardop voor.", NULL));
  g_free (cli_ok (db, "observe", "finalize", uuid, "--signed-by", "Anouk Peeters", "--yes", NULL));
}

/* A holistic score far from what the coded behaviours suggest through the
 * anchors (laag ≈ 1, midden ≈ 3, hoog ≈ 5) is marked; one within the
 * tolerance (one point) is not. */
static void
test_anchor_flag (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("snapshots.xml");
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "voorbeeld-momenten", NULL);
  const char *codes[][2] = { { "klimaat.steunend.respect", "laag" }, { "klimaat.steunend.behoeften", "laag" },
                             { "klimaat.steunend.kansen", "midden" } };
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_free (cli_ok (db, "observe", "mark", uuid, codes[i][0], "--code", codes[i][1], "--session", "1", NULL));
  /* mean of 1, 1, 3 = 1.67: a 5 is 3.33 points away, a 2 only 0.33 */
  g_free (cli_ok (db, "observe", "score", uuid, "klimaat.steunend", "5", "--session", "1", NULL));
  g_autofree char *far = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (far, "far from the anchors: the coded behaviours suggest 2 (1.67), 3.33 points"));
  g_free (cli_ok (db, "observe", "score", uuid, "klimaat.steunend", "2", "--session", "1", NULL));
  g_autofree char *near = cli_ok (db, "show", uuid, NULL);
  g_assert_null (strstr (near, "far from the anchors"));
  g_assert_nonnull (strstr (near, "[low] Addresses pupils with respect."));
  g_assert_nonnull (strstr (near, "[medium] Gives all pupils an equal chance to take part."));
}

static void
score_sessions (const char *db, const char *uuid, const char *item, const char * const *levels)
{
  for (guint s = 0; levels[s]; s++)
    {
      g_autofree char *session = uint_text (s + 1);
      g_free (cli_ok (db, "observe", "score", uuid, item, levels[s], "--session", session, NULL));
    }
}

/* On a cycle instrument the domain rules apply to each dimension's mean
 * over the cycles. Domain steun (rules: every dimension scored, a mean of
 * at least 4, none below level 2):
 *   steun.warmte   2 6 6 6 → 5
 *   steun.oog      3 4 5 4 → 4
 *   steun.inbreng  1 5 5 5 → 4
 * The means 5, 4, 4 give a domain mean of 13/3 = 4.33 and a lowest value
 * of 4: met. On the single cycle values the 1 of steun.inbreng in cycle 1
 * would fail "none below 2". */
static void
test_judgement_cycles (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("cycles.xml");
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "voorbeeld-cycli", NULL);
  score_sessions (db, uuid, "steun.warmte", (const char *[]) { "2", "6", "6", "6", NULL });
  score_sessions (db, uuid, "steun.oog", (const char *[]) { "3", "4", "5", "4", NULL });
  score_sessions (db, uuid, "steun.inbreng", (const char *[]) { "1", "5", "5", "5", NULL });
  g_autofree char *out = cli_ok (db, "observe", "judge", uuid, "steun", NULL);
  g_assert_nonnull (strstr (out, "Computed by the rules: basisbekwaam"));
  g_assert_nonnull (strstr (out, "✓ 3 of 3 items scored"));
  g_assert_nonnull (strstr (out, "✓ mean 4.33 (at least 4 needed)"));
  g_assert_nonnull (strstr (out, "✓ lowest score 4 (none below “low” allowed)"));
  g_autofree char *shown = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (shown, "Mean over 4 cycles: 5.00 (middle)"));
  g_assert_nonnull (strstr (shown, "Mean over 4 cycles: 4.00 (middle)"));

  /* One dimension drops to a mean below 2 (1 1 2 3 → 1.75): not met. */
  score_sessions (db, uuid, "steun.oog", (const char *[]) { "1", "1", "2", "3", NULL });
  g_autofree char *worse = cli_ok (db, "observe", "judge", uuid, "steun", NULL);
  g_assert_nonnull (strstr (worse, "Computed by the rules: not yet basisbekwaam"));
  g_assert_nonnull (strstr (worse, "✗ lowest score 1.75 (none below “low” allowed)"));
}

/* Segments scored independently are judged each on their own: domain
 * klimaat (mean at least 3, none below 2) with
 *   klimaat.steunend  segment 1: 4, segment 2: 1
 *   klimaat.gedrag    segment 1: 4, segment 2: 5
 * is met in segment 1 (mean 4, lowest 4) but not in segment 2 (mean 3,
 * lowest 1): not met. Over the segments' means (2.5 and 4.5: mean 3.5,
 * lowest 2.5) it would have been met. */
static void
test_judgement_segments (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("snapshots.xml");
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "voorbeeld-momenten", NULL);
  score_sessions (db, uuid, "klimaat.steunend", (const char *[]) { "4", "1", NULL });
  score_sessions (db, uuid, "klimaat.gedrag", (const char *[]) { "4", "5", NULL });
  g_autofree char *out = cli_ok (db, "observe", "judge", uuid, "klimaat", NULL);
  g_assert_nonnull (strstr (out, "Computed by the rules: not yet basisbekwaam"));
  g_assert_nonnull (strstr (out, "✓ segment 1: mean 4.00 (at least 3 needed)"));
  g_assert_nonnull (strstr (out, "✓ segment 1: lowest score 4 (none below “2” allowed)"));
  g_assert_nonnull (strstr (out, "✓ segment 2: mean 3.00 (at least 3 needed)"));
  g_assert_nonnull (strstr (out, "✗ segment 2: lowest score 1 (none below “2” allowed)"));

  score_sessions (db, uuid, "klimaat.steunend", (const char *[]) { "4", "3", NULL });
  g_autofree char *met = cli_ok (db, "observe", "judge", uuid, "klimaat", "--confirm", NULL);
  g_assert_nonnull (strstr (met, "Computed by the rules: basisbekwaam"));
  /* A segment without scores leaves the domain insufficiently observed. */
  g_autofree char *other = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                   "--purpose", "summatief", "--instrument", "voorbeeld-momenten", NULL);
  score_sessions (db, other, "klimaat.steunend", (const char *[]) { "4", NULL });
  score_sessions (db, other, "klimaat.gedrag", (const char *[]) { "4", NULL });
  g_autofree char *half = cli_ok (db, "observe", "judge", other, "klimaat", NULL);
  g_assert_nonnull (strstr (half, "Computed by the rules: too few items scored to judge"));
}

/* A roll-up item (tests/instruments/good/snapshots.xml: leren.denken,
 * anchors laag ≈ 1, middel ≈ 3, hoog ≈ 5, combined by their mean, rounded
 * to the nearest level) coded middel and hoog gives (3 + 5)/2 = 4. Its
 * score follows every code (as on the observing screen), and --computed
 * stores it again explicitly. */
static void
test_rollup (void)
{
  g_autofree char *db = setup_db ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instruments", "good", "snapshots.xml", NULL);
  g_free (cli_ok (NULL, "instrument", "import", path, NULL));
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "test-momenten", NULL);
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.uitleggen", "--code", "middel", NULL));
  g_autofree char *one = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (one, "segment 1: 3 — 3\n"));
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.redeneren", "--code", "hoog", NULL));
  g_autofree char *two = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (two, "segment 1: 4 — 4\n"));
  g_autofree char *out = cli_ok (db, "observe", "score", uuid, "leren.denken", "--computed", NULL);
  g_assert_cmpstr (out, ==, "Scored 4 (computed from the coded indicators: 4.00)");
  g_autofree char *after = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (after, "segment 1: 4 — 4\n"));
  /* Codes taken back: the score goes with them. */
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.redeneren", "--clear", NULL));
  g_autofree char *back = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (back, "segment 1: 3 — 3\n"));
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.uitleggen", "--clear", NULL));
  g_autofree char *none = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (none, "segment 1: not scored\n"));
  /* A score the observer chose over the codes overrides them: later codes
   * leave it alone. */
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.uitleggen", "--code", "middel", NULL));
  g_free (cli_ok (db, "observe", "score", uuid, "leren.denken", "2", NULL));
  g_free (cli_ok (db, "observe", "mark", uuid, "leren.denken.redeneren", "--code", "hoog", NULL));
  g_autofree char *chosen = cli_ok (db, "show", uuid, NULL);
  g_assert_nonnull (strstr (chosen, "segment 1: 2 — 2\n"));
  /* Nothing coded in segment 2 yet: nothing to compute. */
  cli_fails (1, db, "observe", "score", uuid, "leren.denken", "--computed", "--session", "2", NULL);
  cli_fails (2, db, "observe", "score", uuid, "leren.denken", "--computed", "--clear", NULL);
}

static gint64
changes (const char *db)
{
  g_autoptr(sqlite3) s = cli_sqlite (db);
  return cli_count (s, "SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM snapshot_answer) + "
                       "(SELECT count(*) FROM mark) + (SELECT sum(revision) FROM observation)");
}

/* Refused with exit status 2, a Dutch message that contains @dutch, and
 * nothing written. */
static void
refused (const char *db, const char *dutch, ...) G_GNUC_NULL_TERMINATED;
static void
refused (const char *db, const char *dutch, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  va_list ap;
  g_ptr_array_add (args, (char *) bin);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  va_start (ap, dutch);
  for (const char *a; (a = va_arg (ap, const char *)) != NULL;)
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "nl", TRUE);
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  gint64 before = changes (db);
  g_autoptr(GError) error = NULL;
  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != 2 || strstr (err, dutch) == NULL)
    g_error ("expected exit 2 and “%s”; got %d:\n%s", dutch, WEXITSTATUS (status), err);
  g_assert_cmpint (changes (db), ==, before);
}

static void
test_hostile (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("snapshots.xml");
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "voorbeeld-momenten", NULL);
  g_free (cli_ok (db, "observe", "snapshot", uuid, "moment1.activiteit", "ja", "--session", "1", NULL));
  refused (db, "“moment9” is geen momentopname van voorbeeld-momenten; de momentopnamen zijn: moment1.activiteit",
           "observe", "snapshot", uuid, "moment9", "ja", NULL);
  refused (db, "“misschien” is geen antwoord op momentopname moment1.activiteit; de antwoorden zijn nee (nee), ja (ja)",
           "observe", "snapshot", uuid, "moment1.activiteit", "misschien", NULL);
  refused (db, "momentopname moment1.activiteit wordt altijd beantwoord", "observe", "snapshot", uuid,
           "moment1.activiteit", LB_CODE_NOT_APPLICABLE, NULL);
  refused (db, "--session is 1 tot", "observe", "snapshot", uuid, "moment1.afgeleid", "0-1", "--session", "3", NULL);
  refused (db, "--session is 1 tot", "observe", "snapshot", uuid, "moment1.afgeleid", "0-1", "--session", "-1", NULL);
  refused (db, "--minute is 0 tot en met 600", "observe", "snapshot", uuid, "moment1.afgeleid", "0-1",
           "--minute", "900", NULL);
  refused (db, "geef de observatie, de momentopname en het antwoord", "observe", "snapshot", uuid,
           "moment1.afgeleid", NULL);
  refused (db, "indicator klimaat.gedrag.bijsturen wordt gecodeerd: geef --code met een van laag (laag), midden "
           "(midden), hoog (hoog), of not-applicable (n.v.t.)", "observe", "mark", uuid, "klimaat.gedrag.bijsturen",
           "--code", "heel-hoog", "--session", "1", NULL);
  refused (db, "indicator klimaat.gedrag.verwachting kan niet “niet van toepassing” zijn", "observe", "mark", uuid,
           "klimaat.gedrag.verwachting", "--code", LB_CODE_NOT_APPLICABLE, NULL);
  refused (db, "--session is 1 tot", "observe", "mark", uuid, "klimaat.gedrag.verwachting", "--code", "laag",
           "--session", "7", NULL);
  /* How many pupils are off task is asked only once there is a learning
   * activity: not before that question is answered, and after a "no"
   * only as not applicable. */
  g_assert_nonnull (lb_instrument_find_snapshot (inst, "moment2.afgeleid")->applies_when);
  refused (db, "momentopname moment2.afgeleid hangt af van het antwoord op moment2.activiteit in sessie 2",
           "observe", "snapshot", uuid, "moment2.afgeleid", "0-1", "--session", "2", NULL);
  refused (db, "of momentopname moment2.afgeleid van toepassing is, hangt af van het antwoord op moment2.activiteit",
           "observe", "snapshot", uuid, "moment2.afgeleid", LB_CODE_NOT_APPLICABLE, "--session", "2", NULL);
  g_free (cli_ok (db, "observe", "snapshot", uuid, "moment2.activiteit", "nee", "--session", "2", NULL));
  refused (db, "momentopname moment2.afgeleid is niet van toepassing na het antwoord op moment2.activiteit in "
           "sessie 2; leg hem vast als not-applicable of helemaal niet", "observe", "snapshot", uuid,
           "moment2.afgeleid", "0-1", "--session", "2", NULL);
  /* What is allowed is stored with its session and minute. */
  g_free (cli_ok (db, "observe", "snapshot", uuid, "moment2.afgeleid", LB_CODE_NOT_APPLICABLE, "--session", "2",
                  "--minute", "10", NULL));
  g_free (cli_ok (db, "observe", "mark", uuid, "klimaat.gedrag.bijsturen", "--code", LB_CODE_NOT_APPLICABLE, NULL));
  g_autoptr(sqlite3) s = cli_sqlite (db);
  g_assert_cmpint (cli_count (s, "SELECT count(*) FROM snapshot_answer WHERE session = 2 AND minute = 10 AND "
                                 "snapshot_id = 'moment2.afgeleid' AND code = 'not-applicable'"), ==, 1);
  /* Without --minute, the minute it was due on the segment's own clock
   * (as the observing screen stores it): 4 in segment 1, 9 in segment 2. */
  g_assert_cmpint (cli_count (s, "SELECT minute FROM snapshot_answer WHERE snapshot_id = 'moment1.activiteit'"),
                   ==, 4);
  g_assert_cmpint (cli_count (s, "SELECT minute FROM snapshot_answer WHERE snapshot_id = 'moment2.activiteit' "
                                 "AND session = 2"), ==, 9);
}

/* A final observation takes no more answers. */
static void
test_snapshot_final (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("snapshots.xml");
  g_auto(Observing) o = { .db = db, .inst = inst };
  g_autofree char *uuid = observe_lesson (&o, ASSESSOR);
  g_free (cli_ok (db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL));
  g_autofree char *hash = content_hash (db, uuid);
  cli_fails (1, db, "observe", "snapshot", uuid, "moment1.activiteit", "nee", NULL);
  g_autofree char *after = content_hash (db, uuid);
  g_assert_cmpstr (hash, ==, after);
}

static char *
show_in (const char *db, const char *uuid, const char *language)
{
  const char *before = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (before);
  g_setenv ("LANGUAGE", language, TRUE);
  char *out = cli_ok (db, "show", uuid, NULL);
  g_setenv ("LANGUAGE", saved ? saved : "en", TRUE);
  return out;
}

/* "Instruments carry their own translations: the app shows the one
 * matching its language, else Dutch." */
static void
test_languages (void)
{
  g_autofree char *db = setup_db ();
  g_autoptr(LbInstrument) inst = import_example ("cycles.xml");
  g_autofree char *uuid = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                  "--purpose", "summatief", "--instrument", "voorbeeld-cycli", NULL);
  g_free (cli_ok (db, "observe", "score", uuid, "steun.warmte", "6", "--session", "1", NULL));
  g_autofree char *en = show_in (db, uuid, "en");
  g_assert_nonnull (strstr (en, "Warmth, respect and enjoyment in the interaction between teacher and pupils."));
  g_assert_nonnull (strstr (en, "cycle 1: 6 — high"));
  g_autofree char *nl = show_in (db, uuid, "nl");
  g_assert_nonnull (strstr (nl, "Warmte, respect en plezier in de omgang tussen leerkracht en leerlingen."));
  g_assert_nonnull (strstr (nl, "cyclus 1: 6 — hoog"));
  g_autofree char *outline_en = cli_ok (NULL, "instrument", "show", "voorbeeld-cycli", "--lang", "en", NULL);
  g_assert_nonnull (strstr (outline_en, "Noticing what pupils need, and responding to it."));
  g_autofree char *outline_nl = cli_ok (NULL, "instrument", "show", "voorbeeld-cycli", "--lang", "nl", NULL);
  g_assert_nonnull (strstr (outline_nl, "Oog voor wat leerlingen nodig hebben, en daarop reageren."));

  /* The same instrument with only Dutch texts: shown in Dutch in English too. */
  g_autofree char *path = example_path ("cycles.xml"), *xml = NULL;
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_auto(GStrv) lines = g_strsplit (xml, "\n", -1);
  g_autoptr(GString) dutch = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], "xml:lang=\"en\"") == NULL)
      g_string_append_printf (dutch, "%s\n", lines[i]);
  g_autofree char *renamed = NULL;
  {
    g_auto(GStrv) parts = g_strsplit (dutch->str, "id=\"voorbeeld-cycli\" version=\"1.0\" languages=\"nl en\"", 2);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    renamed = g_strjoinv ("id=\"alleen-nl\" version=\"1.0\" languages=\"nl\"", parts);
  }
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "alleen-nl.xml", NULL);
  g_assert_true (g_file_set_contents (file, renamed, -1, NULL));
  g_free (cli_ok (NULL, "instrument", "import", file, NULL));
  g_autofree char *uuid2 = cli_ok (db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR,
                                   "--purpose", "summatief", "--instrument", "alleen-nl", NULL);
  g_free (cli_ok (db, "observe", "score", uuid2, "steun.warmte", "2", "--session", "1", NULL));
  g_autofree char *fallback = show_in (db, uuid2, "en");
  g_assert_nonnull (strstr (fallback, "Warmte, respect en plezier in de omgang tussen leerkracht en leerlingen."));
  g_assert_nonnull (strstr (fallback, "cycle 1: 2 — laag"));
  g_assert_null (strstr (fallback, "Warmth"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* meson.build runs these in groups, one -p each (end-to-end/SHAPE,
   * signing, judgement, input): a new case goes into one of them. */
  g_test_add_data_func ("/shapes/cli/end-to-end/framework", "framework.xml", test_end_to_end);
  g_test_add_data_func ("/shapes/cli/end-to-end/cycles", "cycles.xml", test_end_to_end);
  g_test_add_data_func ("/shapes/cli/end-to-end/snapshots", "snapshots.xml", test_end_to_end);
  g_test_add_data_func ("/shapes/cli/end-to-end/default", NULL, test_end_to_end);
  g_test_add_func ("/shapes/cli/signing/evidence-summative", test_evidence_rule);
  g_test_add_func ("/shapes/cli/signing/evidence-formative", test_evidence_rule_formative);
  g_test_add_func ("/shapes/cli/signing/anchors-far", test_anchor_flag);
  g_test_add_func ("/shapes/cli/judgement/cycles", test_judgement_cycles);
  g_test_add_func ("/shapes/cli/input/rollup", test_rollup);
  g_test_add_func ("/shapes/cli/judgement/segments", test_judgement_segments);
  g_test_add_func ("/shapes/cli/input/hostile", test_hostile);
  g_test_add_func ("/shapes/cli/signing/snapshot-final", test_snapshot_final);
  g_test_add_func ("/shapes/cli/input/languages", test_languages);
  return g_test_run ();
}
