/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

/* The reports of the shipped example instruments (a framework, cycles,
 * segments with snapshots), each observation made headless with the
 * `observe` commands as a script would, finalized, printed with
 * `lesbezoek report` and read back with poppler: the instrument's own
 * scale, a row per cycle or segment, the combined value of the cycles,
 * coded behaviours, the snapshots with their minutes, the evidence under
 * its item, the judgement per domain; and a dossier of a starter observed
 * with two instruments, whose zone of next development appears only once
 * an instrument with Rasch difficulties is among them. */

#include "config.h"
#include "report-test-util.h"
#include "lb-scoring.h"

#include <math.h>
#include <string.h>

#define STARTER "Fleur van Dijk"
#define ASSESSOR "Ruud Hendriks"
#define SECOND "Ilse Mulder"

typedef struct {
  char *dir;
  char *db;
} Shapes;

static void
shapes_setup (Shapes *s, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  s->dir = g_dir_make_tmp ("lb-shapes-XXXXXX", &error);
  g_assert_no_error (error);
  s->db = g_build_filename (s->dir, "lesbezoek.db", NULL);
  /* Imported instruments are kept under the data directory. */
  g_autofree char *data_home = g_build_filename (s->dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_free (run_ok (s->dir, s->db, "people", "add", "--name", STARTER, "--starter", "--year", "1", NULL));
  g_free (run_ok (s->dir, s->db, "people", "add", "--name", ASSESSOR, "--observer", "--role", "assessor", NULL));
  g_free (run_ok (s->dir, s->db, "people", "add", "--name", SECOND, "--observer", "--role", "assessor", NULL));
  const char *examples[] = { "framework.xml", "cycles.xml", "snapshots.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", examples[i],
                                                     NULL);
      g_free (run_ok (s->dir, s->db, "instrument", "import", path, NULL));
    }
}

static void
shapes_teardown (Shapes *s, gconstpointer data)
{
  if (g_getenv ("LB_REPORT_TEST_KEEP"))
    g_printerr ("kept %s\n", s->dir);
  else
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", s->dir);
      g_assert_cmpint (system (cmd), ==, 0);
    }
  g_free (s->dir);
  g_free (s->db);
}

static LbInstrument *
load_example (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", name, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  LbInstrument *inst = lb_instrument_load_file (path, problems, &error);
  g_assert_no_error (error);
  return inst;
}

static char *
new_observation (Shapes *s, const char *instrument, const char *date, const char *goal)
{
  return run_ok (s->dir, s->db, "observe", "new", "--starter", STARTER, "--observer", ASSESSOR, "--purpose",
                 "summatief", "--instrument", instrument, "--date", date, "--start", "09:00", "--goal", goal, NULL);
}

static void
judge_and_finalize (Shapes *s, LbInstrument *inst, const char *uuid)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) > 0)
        g_free (run_ok (s->dir, s->db, "observe", "judge", uuid, lb_node_get_id (d), "--confirm", NULL));
    }
  g_free (run_ok (s->dir, s->db, "observe", "finalize", uuid, "--signed-by", ASSESSOR, "--yes", NULL));
}

/* The report of @uuid in @lang, all its text. */
static char *
report_text (Shapes *s, const char *uuid, const char *lang, const char *name)
{
  g_autofree char *out = g_build_filename (s->dir, name, NULL);
  g_free (run_ok (s->dir, s->db, "report", uuid, "-o", out, "--lang", lang, NULL));
  g_autoptr(PopplerDocument) doc = report_open_pdf (out);
  report_assert_footers (doc, g_str_equal (lang, "en") ? "page %d of %d" : "pagina %d van %d");
  return report_all_text (doc);
}

static char *
dutch_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  return g_strdelimit (g_strdup (buf), ".", ',');
}

static void
assert_no_rasch (const char *text)
{
  g_assert_null (strstr (text, "Rasch"));
  g_assert_null (strstr (text, "Zone van de naaste ontwikkeling"));
  g_assert_null (strstr (text, "Zone of next development"));
}

/* ---- cycles: a seven-point scale with bands, four cycles ---- */

static guint
cycle_level (guint item, guint cycle)
{
  return 2 + (item + 2 * cycle) % 4;  /* levels 2–5, every item differs per cycle */
}

static char *
make_cycles (Shapes *s, LbInstrument *inst, const char *date, const char *goal)
{
  g_autofree char *uuid = new_observation (s, "voorbeeld-cycli", date, goal);
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint c = 1; c <= 4; c++)
    for (guint i = 0; i < items->len; i++)
      {
        g_autofree char *level = g_strdup_printf ("%u", cycle_level (i, c));
        g_autofree char *session = g_strdup_printf ("%u", c);
        g_free (run_ok (s->dir, s->db, "observe", "score", uuid, lb_node_get_id (items->pdata[i]), level,
                        "--session", session, NULL));
      }
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, "steun.warmte.lachen", "--session", "2", NULL));
  g_free (run_ok (s->dir, s->db, "observe", "note", uuid, "--minute", "7", "--session", "1", "--item", "steun.warmte",
                  "Lacht samen met de klas om een verspreking.", NULL));
  judge_and_finalize (s, inst, uuid);
  return g_steal_pointer (&uuid);
}

static void
test_cycles (Shapes *s, gconstpointer data)
{
  g_autoptr(LbInstrument) inst = load_example ("cycles.xml");
  g_autofree char *uuid = make_cycles (s, inst, "2026-03-02", "cycli");
  g_autofree char *text = report_text (s, uuid, "nl", "cycli.pdf");

  /* The item's combined value, computed here from the levels scored. */
  double sum = 0;
  for (guint c = 1; c <= 4; c++)
    sum += cycle_level (0, c);
  g_autofree char *mean = dutch_number (sum / 4);
  g_autofree char *combined = g_strdup_printf ("gemiddeld over 4 cycli: %s", mean);
  const char *order[] = {
    "Emotionele steun", "Schaal: Zevenpuntsschaal", "laag", "midden", "hoog",
    "zeer laag", "eerder laag", "eerder hoog", "zeer hoog",
    "steun.warmte", "Warmte, respect en plezier",
    "cyclus 1", "cyclus 2", "cyclus 3", "cyclus 4", combined,
    "7 min", "Lacht samen met de klas",
    "steun.oog", "Organisatie van de klas", "Steun bij het leren",
    "Oordeel per domein", "EMOTIONELE STEUN", "Voldoende: alle dimensies gescoord", NULL,
  };
  report_assert_in_order (text, order);
  /* A tick in the second cycle says so. */
  g_assert_nonnull (strstr (text, "✓ (2) Leerkracht en leerlingen lachen samen."));
  g_assert_null (strstr (text, "Oordeel per kritische handeling"));
  assert_no_rasch (text);

  g_autofree char *english = report_text (s, uuid, "en", "cycles.pdf");
  g_autofree char *en_mean = g_strdelimit (g_strdup (mean), ",", '.');
  g_autofree char *en_combined = g_strdup_printf ("mean over 4 cycles: %s", en_mean);
  const char *en_order[] = { "Seven-point scale", "very low", "rather low", "very high", "cycle 1", "cycle 4",
                             en_combined, "Judgement per domain", NULL };
  report_assert_in_order (english, en_order);
}

/* ---- segments and snapshots: coded behaviours, a 1–5 element score ---- */

static const char *segment_items[] = {
  "klimaat.steunend", "klimaat.gedrag", "instructie.uitleg", "instructie.begrip", "instructie.feedback",
  "zelfstandig.keuzes", "zelfstandig.samenwerken",
};

static void
answer_snapshots (Shapes *s, LbInstrument *inst, const char *uuid, guint segment)
{
  g_autofree char *session = g_strdup_printf ("%u", segment);
  GPtrArray *snaps = lb_instrument_get_snapshots (inst);
  for (guint i = 0; i < snaps->len; i++)
    {
      LbSnapshot *snap = snaps->pdata[i];
      /* Answered a minute late, so the minute shown is the answer's. */
      g_autofree char *minute = g_strdup_printf ("%u", snap->minute + 1);
      const char *code = g_str_has_suffix (snap->id, "activiteit") ? (segment == 1 ? "ja" : "nee")
                       : segment == 1 ? "2-5" : LB_CODE_NOT_APPLICABLE;
      g_free (run_ok (s->dir, s->db, "observe", "snapshot", uuid, snap->id, code, "--session", session,
                      "--minute", minute, NULL));
    }
}

static void
test_snapshots (Shapes *s, gconstpointer data)
{
  g_autoptr(LbInstrument) inst = load_example ("snapshots.xml");
  g_autofree char *uuid = new_observation (s, "voorbeeld-momenten", "2026-03-09", "segmenten");
  for (guint seg = 1; seg <= 2; seg++)
    {
      g_autofree char *session = g_strdup_printf ("%u", seg);
      for (guint i = 0; i < G_N_ELEMENTS (segment_items); i++)
        {
          g_autofree char *level = g_strdup_printf ("%u", 2 + seg);
          g_free (run_ok (s->dir, s->db, "observe", "score", uuid, segment_items[i], level, "--session", session,
                          NULL));
          g_autofree char *note = g_strdup_printf ("Onderbouwing %s in segment %u.", segment_items[i], seg);
          g_free (run_ok (s->dir, s->db, "observe", "note", uuid, "--minute", "6", "--session", session, "--item",
                          segment_items[i], note, NULL));
        }
      answer_snapshots (s, inst, uuid, seg);
    }
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, "klimaat.steunend.respect", "--code", "hoog", "--session",
                  "1", NULL));
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, "klimaat.steunend.respect", "--code", "midden",
                  "--session", "2", NULL));
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, "klimaat.gedrag.bijsturen", "--code",
                  LB_CODE_NOT_APPLICABLE, "--session", "1", NULL));
  judge_and_finalize (s, inst, uuid);

  g_autofree char *text = report_text (s, uuid, "nl", "segmenten.pdf");
  const char *order[] = {
    "Klassenklimaat", "Schaal: Elementscore 1–5",
    "klimaat.steunend", "Een leeromgeving waarin leerlingen zich gesteund voelen.",
    "[1: hoog · 2: midden] Spreekt leerlingen met respect aan.",
    "segment 1", "segment 2", "segment 1: 3 · segment 2: 4",
    "Onderbouwing klimaat.steunend in segment 1.", "Onderbouwing klimaat.steunend in segment 2.",
    "klimaat.gedrag", "[1: n.v.t.] Stuurt ongewenst gedrag bij zonder te kleineren.",
    "Samenvatting van dit domein", "segment 1: 3,00", "segment 2: 4,00",
    "Instructie", "Zelfstandigheid en samenwerking",
    "Momentopnamen", "Segment 1", "Minuut", "Vraag", "Antwoord",
    "5 min", "Krijgt het grootste deel van de klas een leeractiviteit?", "ja",
    "5 min", "Hoeveel leerlingen zijn niet met de taak bezig?", "2–5 leerlingen",
    "15 min", "Segment 2", "5 min", "nee", "n.v.t.: er is geen leeractiviteit",
    "Oordeel per domein", "KLASSENKLIMAAT", "Voldoende klassenklimaat",
    /* each segment judged on its own */
    "segment 1: gemiddelde 3,00", "segment 2: gemiddelde 4,00", NULL,
  };
  report_assert_in_order (text, order);
  /* Segments stand on their own: no mean over them per item, and every
   * score here has its evidence. */
  g_assert_null (strstr (text, "gemiddeld over"));
  g_assert_null (strstr (text, "telt nog niet mee"));
  assert_no_rasch (text);
}

/* A score without the note the item requires is shown, and said not to
 * count yet (a draft: such an observation cannot be finalized). */
static void
test_evidence (Shapes *s, gconstpointer data)
{
  g_autofree char *uuid = new_observation (s, "voorbeeld-momenten", "2026-03-10", "bewijs");
  g_free (run_ok (s->dir, s->db, "observe", "score", uuid, "klimaat.steunend", "5", "--session", "1", NULL));
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, "klimaat.steunend.respect", "--code", "laag", "--session",
                  "1", NULL));
  g_autofree char *text = report_text (s, uuid, "en", "evidence.pdf");
  const char *order[] = { "klimaat.steunend", "[1: low]", "segment 1: 5",
                          "segment 1: no note linked as evidence, so this score does not count yet",
                          "segment 1: the coded behaviours suggest 1", "Summary of this domain", NULL };
  report_assert_in_order (text, order);
}

/* ---- a framework: four levels with a descriptor per level ---- */

static void
test_framework (Shapes *s, gconstpointer data)
{
  g_autoptr(LbInstrument) inst = load_example ("framework.xml");
  g_autofree char *uuid = new_observation (s, "voorbeeld-kader", "2026-03-16", "kader");
  GPtrArray *items = lb_instrument_get_items (inst);
  LbScale *scale = lb_instrument_find_scale (inst, "niveau");
  for (guint i = 0; i < items->len; i++)
    {
      const char *level = lb_scale_get_level (scale, 1 + i % 3)->id;
      g_free (run_ok (s->dir, s->db, "observe", "score", uuid, lb_node_get_id (items->pdata[i]), level, NULL));
      if (lb_node_get_evidence_required (items->pdata[i]))
        g_free (run_ok (s->dir, s->db, "observe", "note", uuid, "--minute", "20", "--item",
                        lb_node_get_id (items->pdata[i]), "Gezien tijdens de instructie.", NULL));
    }
  LbNode *first = items->pdata[0];
  g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, lb_node_get_id (lb_node_get_child (first, 0)), NULL));
  g_free (run_ok (s->dir, s->db, "observe", "note", uuid, "--minute", "4", "--item", lb_node_get_id (first),
                  "Het lesplan noemt de valkuil bij het lenen.", NULL));
  judge_and_finalize (s, inst, uuid);

  g_autofree char *text = report_text (s, uuid, "nl", "kader.pdf");
  /* The first item scored at level 2, with that level's own descriptor. */
  const char *descriptor = lb_text_get (lb_node_get_descriptor_for_level (first, 1), "nl");
  const char *second_descriptor = lb_text_get (lb_node_get_descriptor_for_level (items->pdata[1], 2), "nl");
  const char *order[] = {
    "Voorbereiding en planning", "Schaal: Vier prestatieniveaus", "zwak", "in ontwikkeling", "op niveau", "sterk",
    lb_node_get_id (first), lb_text_get (lb_node_get_text (first), "nl"),
    "✓ ", lb_text_get (lb_node_get_text (lb_node_get_child (first, 0)), "nl"),
    "in ontwikkeling", descriptor, "Het lesplan noemt de valkuil bij het lenen.",
    lb_node_get_id (items->pdata[1]), "op niveau", second_descriptor,
    "Oordeel per domein", "VOORBEREIDING EN PLANNING", NULL,
  };
  report_assert_in_order (text, order);
  /* The note's minute sits beside it, which poppler may read first. */
  g_assert_nonnull (strstr (text, "4 min"));
  g_assert_null (strstr (text, "cyclus"));
  g_assert_null (strstr (text, "segment"));
  assert_no_rasch (text);
}

/* ---- calibration per cycle ---- */

/* The reference scores two cycles; the assessor agrees within one point
 * on every dimension of cycle 1, and is two points off on three of the
 * nine in cycle 2: 9 of 9 and 6 of 9, so cycle 2 fails the standard of
 * 80% and so does the whole, whatever the pooled 15 of 18 (83%) says. */
static void
test_calibration (Shapes *s, gconstpointer data)
{
  g_autoptr(LbInstrument) inst = load_example ("cycles.xml");
  GPtrArray *items = lb_instrument_get_items (inst);
  char *uuids[2];
  const char *observers[] = { ASSESSOR, SECOND };
  for (guint o = 0; o < 2; o++)
    {
      uuids[o] = run_ok (s->dir, s->db, "observe", "new", "--starter", STARTER, "--observer", observers[o],
                         "--purpose", "summatief", "--instrument", "voorbeeld-cycli", "--date", "2026-04-01", NULL);
      for (guint c = 1; c <= 2; c++)
        for (guint i = 0; i < items->len; i++)
          {
            guint level = 3 + (o == 1 && c == 1 && i % 2 ? 1 : 0) + (o == 1 && c == 2 && i < 3 ? 2 : 0);
            g_autofree char *l = g_strdup_printf ("%u", level);
            g_autofree char *session = g_strdup_printf ("%u", c);
            g_free (run_ok (s->dir, s->db, "observe", "score", uuids[o], lb_node_get_id (items->pdata[i]), l,
                            "--session", session, NULL));
          }
    }
  g_autofree char *out = g_build_filename (s->dir, "normering.pdf", NULL);
  g_auto(Run) r = { 0 };
  run_in (&r, s->dir, s->db, "calibrate", uuids[1], "--reference", uuids[0], "-o", out, NULL);
  g_autoptr(PopplerDocument) doc = report_open_pdf (out);
  g_autofree char *text = report_all_text (doc);
  const char *order[] = { "Voldoet niet aan de norm", "Per cyclus", "In elke cyclus moet aan de norm worden voldaan.",
                          "cyclus 1", "9 / 9 (100%)", "ja", "cyclus 2", "6 / 9 (67%)", "nee",
                          "Items buiten de norm", "steun.warmte", NULL };
  report_assert_in_order (text, order);
  for (guint o = 0; o < 2; o++)
    g_free (uuids[o]);
}

/* ---- a dossier of two instruments ---- */

static void
score_default (Shapes *s, const char *uuid, LbInstrument *inst)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *level = g_strdup_printf ("%u", 2 + i % 3);
      g_free (run_ok (s->dir, s->db, "observe", "score", uuid, lb_node_get_id (items->pdata[i]), level, NULL));
      LbNode *ind = lb_node_get_child (items->pdata[i], 0);
      if (i % 2 == 0)
        g_free (run_ok (s->dir, s->db, "observe", "mark", uuid, lb_node_get_id (ind), NULL));
    }
}

static char *
dossier_text (Shapes *s, const char *name)
{
  g_autofree char *out = g_build_filename (s->dir, name, NULL);
  g_free (run_ok (s->dir, s->db, "dossier", "--person", STARTER, "-o", out, NULL));
  g_autoptr(PopplerDocument) doc = report_open_pdf (out);
  report_assert_footers (doc, "pagina %d van %d");
  return report_all_text (doc);
}

static void
test_dossier_mixed (Shapes *s, gconstpointer data)
{
  g_autoptr(LbInstrument) cycles = load_example ("cycles.xml");
  g_autofree char *first = make_cycles (s, cycles, "2026-01-12", "eerstecyclusles");
  /* Only an instrument without difficulties: no zone, no Rasch. */
  g_autofree char *only = dossier_text (s, "alleen-cycli.pdf");
  assert_no_rasch (only);
  g_assert_nonnull (strstr (only, "eerstecyclusles"));
  g_auto(Run) none = { 0 };
  run_in (&none, s->dir, s->db, "zone", "--person", STARTER, NULL);
  g_assert_cmpint (none.status, !=, 0);
  g_assert_nonnull (strstr (none.err, "difficulties"));

  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) ours = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  /* An earlier lesson, observed with the default instrument: the zone
   * comes from it even though the newest lesson's instrument has none. */
  g_autofree char *second = new_observation (s, LB_DEFAULT_INSTRUMENT_ID, "2025-12-01", "basisles");
  score_default (s, second, ours);
  judge_and_finalize (s, ours, second);

  /* `lesbezoek zone` agrees with the dossier: from the default lesson,
   * though the newest was observed in cycles. */
  g_autofree char *zone = run_ok (s->dir, s->db, "zone", "--person", STARTER, NULL);
  g_assert_nonnull (strstr (zone, "Zone of next development"));

  g_autofree char *text = dossier_text (s, "gemengd.pdf");
  const char *cycles_title = lb_text_get (lb_instrument_get_title (cycles), "nl");
  const char *ours_title = lb_text_get (lb_instrument_get_title (ours), "nl");
  /* The chart on a shared footing, a table per instrument (in the order
   * the starter met them) with its own domains, the zone from the
   * instrument that has one, then both reports, oldest first. */
  const char *order[] = {
    "Groei per domein", "als deel van de eigen schaal",
    "Observaties in dit dossier", ours_title, "Pedagogisch handelen in klassensituaties",
    cycles_title, "Emotionele steun",
    "Sterkste en zwakste items", "Zone van de naaste ontwikkeling",
    "basisles", "eerstecyclusles", "cyclus 4", NULL,
  };
  report_assert_in_order (text, order);
  g_assert_nonnull (strstr (text, "12-01-2026"));
  g_assert_nonnull (strstr (text, "01-12-2025"));
  /* Means of the two scales side by side say which scale they are on. */
  g_assert_true (strstr (text, "(1–7)") || strstr (text, "(1–4)"));
}

int
main (int argc, char **argv)
{
  report_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Shapes, NULL, shapes_setup, fn, shapes_teardown)
  ADD ("/report-shapes/cycles", test_cycles);
  ADD ("/report-shapes/snapshots", test_snapshots);
  ADD ("/report-shapes/evidence", test_evidence);
  ADD ("/report-shapes/framework", test_framework);
  ADD ("/report-shapes/calibration-per-cycle", test_calibration);
  ADD ("/report-shapes/dossier-two-instruments", test_dossier_mixed);
  return g_test_run ();
}
