/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

/* The PDF reports, made with the library and read back with poppler:
 * what is on the pages, in which order, on how many pages; the metadata;
 * the seal in the footer; no judgement in coaching; the watermark of a
 * draft; the language; the dossier's contents and its page references. */

#include "config.h"
#include "report-test-util.h"
#include "lb-report.h"
#include "lb-report-goals.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

static char *
write_report (ReportFixture *f, LbObservation *obs, const char *lang, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = report_path (f, name);
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (f->store, obs->instrument_sha256, &error);
  g_assert_no_error (error);
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, inst, lang);
  g_assert_true (lb_report_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lb_report_document_get_n_pages (doc), >, 0);
  return g_steal_pointer (&path);
}

/* The verdicts, the judgement's headings and the wording of its rules. */
static const char *judgement_words_en[] = {
  "Judgement", "judgement", "basisbekwaam", "Decided by", "Confirmed by the assessor", "deviated", "needed)", NULL,
};
static const char *judgement_words_nl[] = {
  "Oordeel", "oordeel", "basisbekwaam", "Beslissend", "Bevestigd door de beoordelaar", "afgeweken", "nodig)", NULL,
};

/* The instrument's own title may name basic competence; that is its name,
 * not a verdict, so it is taken out before looking. */
static char *
without (const char *text, const char *title)
{
  g_autoptr(GString) s = g_string_new (text);
  g_string_replace (s, title, "", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- one observation ---- */

static void
test_sections (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 0, 0, "zoeklicht" };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *path = write_report (f, obs, "en", "summative-en.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *text = report_all_text (doc);
  const char *order[] = {
    "OBSERVATION REPORT", "Sanne de Vries", "Summative (assessment)", "Friday 16 October 2026",
    "Hans Kuipers, Assessor", "OBS De Regenboog", "groep 4", "technisch lezen", "zoeklicht",
    "Wil je letten op hoe ik de zwakke lezers betrek?", "Focus",
    "Pedagogical practice in classroom situations", "Scale: Four-point scale", "predominantly weak",
    "Safe and stimulating learning climate",
    "ph.klimaat.1", "focus of this lesson", "The teacher treats pupils with respect.", "✓ Calls pupils by their name.",
    "3 min", "Begint op tijd; het lesdoel staat op het bord",
    "ph.klimaat.2", "12 min", "Sem loopt vast op een lange opdracht",
    "ph.klimaat.3", "See the note of 12 min at item ph.klimaat.2.",
    "not observed", "Toetsles: de kinderen werkten individueel.",
    "Summary of this domain", "Mean", "items scored",
    "Dealing with differences between pupils",
    "Notes on the course of the lesson", "30 min", "Overgang naar zelfstandig werken", "44 min",
    "Judgement per critical practice", "Basic competence judgement: pedagogical practice", "Decided by",
    "Confirmed by the assessor", "Basic competence judgement: dealing with differences",
    "The assessor deviated", "In het nagesprek liet de starter zien",
    "Tops, tips and agreements", "Tops: what went well", "Je spreekt de kinderen rustig",
    "Tips: what to work on", "Agreements", "Kan dat kloppen?",
    "Sign-off", "Hans Kuipers", "Signed on", "Seen on", "Eens met de punten.",
    NULL,
  };
  report_assert_in_order (text, order);
  /* A label beside its text: which comes first in the text is poppler's
   * choice. */
  g_assert_nonnull (strstr (text, "Motivation"));
  g_assert_nonnull (strstr (text, "Reaction of the starter"));
  report_assert_footers (doc, "page %d of %d");
}

static void
test_dutch (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  /* Dutch unless asked otherwise, whatever the language of the app (the
   * tests run with LANGUAGE=en). */
  g_autofree char *path = write_report (f, obs, NULL, "summative-nl.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *text = report_all_text (doc);
  const char *order[] = {
    "OBSERVATIEVERSLAG", "vrijdag 16 oktober 2026", "Beoordelaar", "Lesdoel", "Vraag van de starter",
    "Pedagogisch handelen in klassensituaties", "Veilig en stimulerend leerklimaat",
    "De leerkracht gaat respectvol met leerlingen om.", "Noemt leerlingen bij hun naam.",
    "niet geobserveerd", "Samenvatting van dit domein", "Gemiddelde",
    "Omgaan met verschillen tussen leerlingen", "Oordeel per kritische handeling", "Ondertekening",
    NULL,
  };
  report_assert_in_order (text, order);
  report_assert_footers (doc, "pagina %d van %d");
  g_assert_null (strstr (text, "Pedagogical practice"));
}

static void
test_english (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_KLASSENBEZOEK, "2026-10-16", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *path = write_report (f, obs, "en", "visit-en.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *text = report_all_text (doc);
  const char *order[] = {
    "Class visit", "School leader", "Pedagogical practice in classroom situations",
    "The teacher creates a relaxed atmosphere.", "more strong than weak", "Dealing with differences between pupils",
    NULL,
  };
  report_assert_in_order (text, order);
  /* The instrument's Dutch is nowhere, and a class visit is not judged. */
  g_assert_null (strstr (text, "Pedagogisch handelen"));
  g_assert_null (strstr (text, "De leerkracht"));
  g_assert_null (strstr (text, "Judgement per critical practice"));
  g_assert_null (strstr (text, "Decided by"));
}

static void
assert_no_judgement (const char *text, const char *instrument_title, const char * const *words)
{
  g_autofree char *rest = without (text, instrument_title);
  for (guint i = 0; words[i]; i++)
    if (strstr (rest, words[i]))
      g_error ("a formative report speaks of “%s”", words[i]);
}

static void
test_formative (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_FORMATIEF, "2026-10-02", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  LbText *title = lb_instrument_get_title (f->instrument);
  g_autofree char *en = write_report (f, obs, "en", "formative-en.pdf");
  g_autofree char *nl = write_report (f, obs, "nl", "formative-nl.pdf");
  g_autoptr(PopplerDocument) den = report_open_pdf (en);
  g_autoptr(PopplerDocument) dnl = report_open_pdf (nl);
  g_autofree char *ten = report_all_text (den);
  g_autofree char *tnl = report_all_text (dnl);
  assert_no_judgement (ten, lb_text_get (title, "en"), judgement_words_en);
  assert_no_judgement (tnl, lb_text_get (title, "nl"), judgement_words_nl);
  /* Tops, tips and agreements instead. */
  const char *order[] = { "Tops, tips and agreements", "Tops: what went well", "Tips: what to work on", "Agreements", NULL };
  report_assert_in_order (ten, order);
  /* The test itself would catch a verdict: a summative report has them. */
  ObsSpec sum = { LB_PURPOSE_SUMMATIEF, "2026-10-03", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) judged = report_make_observation (f, &sum);
  g_autofree char *sen = write_report (f, judged, "en", "summative.pdf");
  g_autoptr(PopplerDocument) dsen = report_open_pdf (sen);
  g_autofree char *tsen = report_all_text (dsen);
  g_autofree char *rest = without (tsen, lb_text_get (title, "en"));
  g_assert_nonnull (strstr (rest, "basisbekwaam"));
  g_assert_nonnull (strstr (rest, "Decided by"));
}

static void
check_pages (ReportFixture *f, guint words)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, words, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *path = write_report (f, obs, "nl", "pages.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  int n = poppler_document_get_n_pages (doc);
  g_test_message ("%u words of notes: %d pages", words, n);
  if (words == 0)
    g_assert_cmpint (n, <=, 6);
  else
    g_assert_cmpint (n, >=, 2 + (int) words / 900);
  report_assert_footers (doc, "pagina %d van %d");

  /* Every word of the long notes is there, in order, and nothing is drawn
   * outside the page or over the footer. */
  g_autofree char *text = report_all_text (doc);
  for (const char *prefix = "we"; *prefix; prefix++)
    {
      /* The free note has @words words, the one linked to an item half. */
      guint n_markers = (prefix[0] == 'w' ? words : words / 2) / 10;
      g_autofree const char **needles = g_new0 (const char *, n_markers + 1);
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_markers; i++)
        g_ptr_array_add (keep, (gpointer) (needles[i] = g_strdup_printf ("[%c%04u]", prefix[0], i)));
      report_assert_in_order (text, needles);
    }
  for (int p = 0; p < n; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, p);
      double pw, ph;
      poppler_page_get_size (page, &pw, &ph);
      g_assert_cmpfloat (fabs (pw - 595.28), <, 1);
      g_assert_cmpfloat (fabs (ph - 841.89), <, 1);
      PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint r = 0; r < n_rects; r++)
        {
          g_assert_cmpfloat (rects[r].x1, >=, 0);
          g_assert_cmpfloat (rects[r].x2, <=, pw);
          g_assert_cmpfloat (rects[r].y1, >=, 0);
          g_assert_cmpfloat (rects[r].y2, <=, ph);
        }
      g_free (rects);
    }
  /* A row is never cut: every item's id is on the page of its text. */
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      g_autofree char *start = g_strndup (lb_text_get (lb_node_get_text (item), "nl"), 12);
      gboolean together = FALSE;
      for (guint p = 0; p < pages->len && !together; p++)
        {
          const char *at = strstr (pages->pdata[p], lb_node_get_id (item));
          together = at && strstr (at, start);
        }
      g_assert_true (together);
    }
}

static void
test_pages_short (ReportFixture *f, gconstpointer data)
{
  check_pages (f, 0);
}

/* Thousands of words of notes: a note under an item and one on its own. */
static void
test_pages_long (ReportFixture *f, gconstpointer data)
{
  check_pages (f, 6000);
}

static void
test_metadata (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *path = write_report (f, obs, "nl", "meta.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *title = poppler_document_get_title (doc);
  g_autofree char *author = poppler_document_get_author (doc);
  g_autofree char *subject = poppler_document_get_subject (doc);
  g_autofree char *creator = poppler_document_get_creator (doc);
  g_assert_cmpstr (title, ==, "Observatieverslag Sanne de Vries, 16 oktober 2026");
  g_assert_cmpstr (author, ==, "Hans Kuipers");
  g_assert_nonnull (strstr (subject, "Summatief"));
  g_assert_nonnull (strstr (subject, "lesbezoek-basis"));
  g_assert_true (g_str_has_prefix (creator, "Lesbezoek"));
  g_autoptr(GDateTime) created = poppler_document_get_creation_date_time (doc);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_to_unix (created), ==, 1795680000);

  /* Every font is embedded: the report looks the same on any computer. */
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;
  while (poppler_font_info_scan (info, 20, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_hash (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 1500, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_assert_nonnull (obs->content_hash);
  g_autofree char *computed = lb_observation_compute_hash (obs);
  g_assert_cmpstr (computed, ==, obs->content_hash);
  g_autofree char *path = write_report (f, obs, "nl", "hash.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  g_assert_cmpuint (pages->len, >, 1);
  for (guint p = 0; p < pages->len; p++)
    {
      g_assert_nonnull (strstr (pages->pdata[p], obs->content_hash));
      g_assert_nonnull (strstr (pages->pdata[p], "lesbezoek-basis 1.0"));
      g_assert_null (strstr (pages->pdata[p], "CONCEPT"));
    }
}

static void
test_draft (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", FALSE, 1500, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_assert_null (obs->content_hash);
  g_autofree char *path = write_report (f, obs, "nl", "draft.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  for (guint p = 0; p < pages->len; p++)
    {
      g_assert_nonnull (strstr (pages->pdata[p], "CONCEPT"));
      g_assert_nonnull (strstr (pages->pdata[p], "concept: nog niet ondertekend"));
    }
  g_autofree char *text = report_all_text (doc);
  g_assert_nonnull (strstr (text, "Nog niet ondertekend"));
  /* In English the watermark says so in English. */
  g_autofree char *en = write_report (f, obs, "en", "draft-en.pdf");
  g_autoptr(PopplerDocument) den = report_open_pdf (en);
  g_autofree char *ten = report_all_text (den);
  g_assert_nonnull (strstr (ten, "DRAFT"));
  g_assert_null (strstr (ten, "CONCEPT"));
  g_assert_nonnull (strstr (text, "Nog niet bevestigd door de beoordelaar"));
}

/* Print preview asks for pages in any order; a printer may have another
 * paper size. */
static void
test_draw_pages (ReportFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 3000, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, f->instrument, "nl");
  guint a4 = lb_report_document_get_n_pages (doc);
  g_assert_cmpuint (a4, >, 3);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  for (guint p = a4; p-- > 0;)
    {
      g_assert_true (lb_report_document_draw_page (doc, cr, p, &error));
      g_assert_no_error (error);
    }
  lb_report_document_set_page_size (doc, 612, 792);  /* US Letter */
  guint letter = lb_report_document_get_n_pages (doc);
  g_assert_cmpuint (letter, >=, a4);
  g_assert_true (lb_report_document_draw_page (doc, cr, letter - 1, &error));
  g_assert_true (lb_report_document_draw_page (doc, cr, 0, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Without the hyphenation patterns the report is still made, unhyphenated. */
static void
test_no_hyphenation (ReportFixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LESBEZOEK_HYPHEN_DIC", "/nonexistent/hyph_nl_NL.dic", TRUE);
      ObsSpec spec = { LB_PURPOSE_FORMATIEF, "2026-10-16", TRUE, 2000, 0, NULL };
      g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
      g_autofree char *path = write_report (f, obs, "nl", "plain.pdf");
      g_autoptr(PopplerDocument) doc = report_open_pdf (path);
      report_assert_footers (doc, "pagina %d van %d");
      g_autofree char *text = report_all_text (doc);
      g_assert_nonnull (strstr (text, "[w0199]"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_cycles (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *path = write_report (f, obs, "en", "cycles.pdf");
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *text = report_all_text (doc);
  const char *order[] = { "Emotional support", "cycle 1", "cycle 2", "mean over 2 cycles", "Judgement per domain", NULL };
  report_assert_in_order (text, order);
}

/* ---- the dossier ---- */

static void
make_induction (ReportFixture *f)
{
  const ObsSpec specs[] = {
    { LB_PURPOSE_ZELFBEOORDELING, "2025-09-15", TRUE, 0, 0, "eigenblik" },
    { LB_PURPOSE_FORMATIEF, "2025-10-01", TRUE, 0, 0, "coachgesprek" },
    { LB_PURPOSE_KLASSENBEZOEK, "2025-11-20", TRUE, 0, 1, "directiebezoek" },
    { LB_PURPOSE_SUMMATIEF, "2026-02-10", TRUE, 0, 1, "tussentoets" },
    { LB_PURPOSE_SUMMATIEF, "2026-06-20", TRUE, 0, 2, "eindtoets" },
    { LB_PURPOSE_SUMMATIEF, "2026-07-01", FALSE, 0, 2, "conceptversie" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    lb_observation_unref (report_make_observation (f, &specs[i]));
}

static char *
write_dossier (ReportFixture *f, gboolean formatief, const char *lang, guint *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = report_path (f, formatief ? "dossier-all.pdf" : "dossier.pdf");
  LbDossierOptions options = LB_DOSSIER_OPTIONS_INIT;
  options.include_formatief = formatief;
  options.lang = lang;
  options.goals_func = lb_report_store_goals;
  options.zone_func = lb_report_store_zone;
  g_autoptr(LbReportDocument) doc = lb_report_document_new_dossier (f->store, "Sanne de Vries", &options, &error);
  g_assert_no_error (error);
  g_assert_true (lb_report_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  *n_pages = lb_report_document_get_n_pages (doc);
  return g_steal_pointer (&path);
}

static void
test_dossier (ReportFixture *f, gconstpointer data)
{
  make_induction (f);
  /* Two goals of the starter's development plan, whatever their status. */
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) starter = lb_store_find_person (f->store, "Sanne de Vries", &error);
  g_assert_no_error (error);
  const char *goal_texts[] = { "Meer wachttijd na een vraag", "Heldere instructie bij de start" };
  for (guint i = 0; i < G_N_ELEMENTS (goal_texts); i++)
    {
      g_autoptr(LbGoal) goal = lb_goal_new ();
      goal->person_uuid = g_strdup (starter->uuid);
      goal->text = g_strdup (goal_texts[i]);
      goal->status = i == 0 ? LB_GOAL_WORKING : LB_GOAL_REACHED;
      g_autoptr(LbGoal) added = lb_store_add_goal (f->store, goal, &error);
      g_assert_no_error (error);
    }
  guint n;
  g_autofree char *path = write_dossier (f, FALSE, "nl", &n);
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n);
  report_assert_footers (doc, "pagina %d van %d");
  g_autofree char *text = report_all_text (doc);
  const char *order[] = {
    "BEKWAAMHEIDSDOSSIER", "Sanne de Vries", "OBS De Regenboog", "Stichting Rivierland Onderwijs",
    "niet opgenomen", "Groei per domein", "basisbekwaam vanaf 2,5",
    "Observaties in dit dossier", "15-09-2025", "20-11-2025", "10-02-2026", "20-06-2026",
    "Sterkste en zwakste items", "Sterkste", "Zwakste",
    "Ontwikkeldoelen en afspraken", "Meer wachttijd na een vraag", "mee bezig",
    "Heldere instructie bij de start", "bereikt", "Kan dat kloppen?",
    "eigenblik", "directiebezoek", "tussentoets", "eindtoets", NULL,
  };
  report_assert_in_order (text, order);
  /* The zone of next development follows the goals: its title and the
   * first indicator of the zone. */
  g_autoptr(LbZone) zone = lb_zone_for_person (f->store, starter->uuid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zone->entries->len, >, 0);
  const char *first = lb_text_get (lb_node_get_text (((LbZoneEntry *) zone->entries->pdata[0])->indicator), "nl");
  const char *zone_order[] = { "Ontwikkeldoelen en afspraken", "Zone van de naaste ontwikkeling", first,
                               "eigenblik", NULL };
  report_assert_in_order (text, zone_order);
  /* Only what belongs in the dossier: no coaching, no draft. */
  g_assert_null (strstr (text, "coachgesprek"));
  g_assert_null (strstr (text, "conceptversie"));
  g_assert_null (strstr (text, "CONCEPT"));

  /* The page column points at each observation's own first page. */
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  const char *markers[] = { "eigenblik", "directiebezoek", "tussentoets", "eindtoets" };
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      guint first = 0;
      while (first < pages->len && !strstr (pages->pdata[first], markers[i]))
        first++;
      g_assert_cmpuint (first, <, pages->len);
      g_assert_nonnull (strstr (pages->pdata[first], "OBSERVATIEVERSLAG"));
      g_test_message ("%s starts on page %u", markers[i], first + 1);
    }

  g_autofree char *all = write_dossier (f, TRUE, "en", &n);
  g_autoptr(PopplerDocument) dall = report_open_pdf (all);
  g_autofree char *tall = report_all_text (dall);
  const char *with[] = { "COMPETENCE DOSSIER", "included, at the starter's choice", "Development goals and agreements",
                         "Meer wachttijd na een vraag", "working on it", "Heldere instructie bij de start", "reached",
                         "eigenblik", "coachgesprek", "directiebezoek", NULL };
  report_assert_in_order (tall, with);
  g_assert_null (strstr (tall, "conceptversie"));
  report_assert_footers (dall, "page %d of %d");
}

static void
test_dossier_empty (ReportFixture *f, gconstpointer data)
{
  guint n;
  g_autofree char *path = write_dossier (f, FALSE, "en", &n);
  g_assert_cmpuint (n, ==, 2);
  g_autoptr(PopplerDocument) doc = report_open_pdf (path);
  g_autofree char *text = report_all_text (doc);
  g_assert_nonnull (strstr (text, "There are no final observations in this dossier yet."));
}

static void
test_dossier_not_starter (ReportFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbReportDocument *doc = lb_report_document_new_dossier (f->store, "Hans Kuipers", NULL, &error);
  g_assert_null (doc);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  report_test_init (&argc, &argv);
#define ADD(path, fn, data) \
  g_test_add (path, ReportFixture, data, report_fixture_setup, fn, report_fixture_teardown)
  ADD ("/report/sections", test_sections, NULL);
  ADD ("/report/dutch", test_dutch, NULL);
  ADD ("/report/english", test_english, NULL);
  ADD ("/report/formative-no-judgement", test_formative, NULL);
  ADD ("/report/pages/short", test_pages_short, NULL);
  ADD ("/report/pages/long", test_pages_long, NULL);
  ADD ("/report/metadata", test_metadata, NULL);
  ADD ("/report/hash", test_hash, NULL);
  ADD ("/report/draft", test_draft, NULL);
  ADD ("/report/draw-pages", test_draw_pages, NULL);
  ADD ("/report/no-hyphenation", test_no_hyphenation, NULL);
  ADD ("/report/cycles", test_cycles, "cycles.xml");
  ADD ("/report/dossier", test_dossier, NULL);
  ADD ("/report/dossier/empty", test_dossier_empty, NULL);
  ADD ("/report/dossier/not-a-starter", test_dossier_not_starter, NULL);
  return g_test_run ();
}
