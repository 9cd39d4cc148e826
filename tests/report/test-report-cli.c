/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

/* lesbezoek report and lesbezoek dossier, run as a user runs them: the
 * arguments, the exit statuses, the files they write; and every
 * observation of the demo data, in both languages. */

#include "config.h"
#include "report-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static void
test_report (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_SUMMATIEF, "2026-10-16", TRUE, 800, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_autofree char *prefix = g_strndup (obs->uuid, 8);
  g_autofree char *out = report_path (f, "verslag.pdf");
  g_auto(Run) r = { 0 };

  run_in (&r, f->dir, f->db, "report", prefix, "-o", out, "--lang", "en", NULL);
  OK (&r);
  g_assert_nonnull (strstr (r.out, out));
  g_autoptr(PopplerDocument) doc = report_open_pdf (out);
  report_assert_footers (doc, "page %d of %d");
  g_autofree char *text = report_all_text (doc);
  g_assert_nonnull (strstr (text, "Pedagogical practice in classroom situations"));
  g_assert_nonnull (strstr (text, obs->content_hash));

  /* Without -o: a name of its own, in the current directory, in Dutch. */
  run_in (&r, f->dir, f->db, "report", obs->uuid, NULL);
  OK (&r);
  g_autofree char *named = report_path (f, "verslag-2026-10-16-sanne-de-vries.pdf");
  g_assert_true (g_file_test (named, G_FILE_TEST_IS_REGULAR));
  g_autoptr(PopplerDocument) dutch = report_open_pdf (named);
  report_assert_footers (dutch, "pagina %d van %d");

  /* Nothing is left behind next to the file. */
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir));)
    g_assert_false (strstr (name, ".pdf.") != NULL);
}

static void
test_report_errors (ReportFixture *f, gconstpointer data)
{
  ObsSpec spec = { LB_PURPOSE_FORMATIEF, "2026-10-16", FALSE, 0, 0, NULL };
  g_autoptr(LbObservation) obs = report_make_observation (f, &spec);
  g_auto(Run) r = { 0 };
  run_in (&r, f->dir, f->db, "report", obs->uuid, "--lang", "fr", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_in (&r, f->dir, f->db, "report", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_in (&r, f->dir, f->db, "report", "00000000", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "dir", "x.pdf", NULL);
  run_in (&r, f->dir, f->db, "report", obs->uuid, "-o", nowhere, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "x.pdf"));
  run_in (&r, f->dir, f->db, "dossier", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_in (&r, f->dir, f->db, "dossier", "--person", "Hans Kuipers", NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_in (&r, f->dir, f->db, "dossier", "--person", "Niemand", NULL);
  g_assert_cmpint (r.status, ==, 1);
}

static void
test_dossier (ReportFixture *f, gconstpointer data)
{
  const ObsSpec specs[] = {
    { LB_PURPOSE_FORMATIEF, "2025-10-01", TRUE, 0, 0, "coachgesprek" },
    { LB_PURPOSE_SUMMATIEF, "2026-02-10", TRUE, 0, 1, "tussentoets" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    lb_observation_unref (report_make_observation (f, &specs[i]));
  g_auto(Run) r = { 0 };
  g_autofree char *mine = report_path (f, "mine.pdf");
  g_autofree char *all = report_path (f, "all.pdf");
  run_in (&r, f->dir, f->db, "dossier", "--person", "Sanne de Vries", "-o", mine, NULL);
  OK (&r);
  run_in (&r, f->dir, f->db, "dossier", "--person", "sanne de vries", "--include-formatief", "-o", all,
          "--lang", "en", NULL);
  OK (&r);
  g_autoptr(PopplerDocument) dmine = report_open_pdf (mine);
  g_autoptr(PopplerDocument) dall = report_open_pdf (all);
  g_autofree char *tmine = report_all_text (dmine);
  g_autofree char *tall = report_all_text (dall);
  g_assert_null (strstr (tmine, "coachgesprek"));
  g_assert_nonnull (strstr (tmine, "tussentoets"));
  g_assert_nonnull (strstr (tall, "coachgesprek"));
  g_assert_nonnull (strstr (tall, "tussentoets"));
  g_assert_cmpint (poppler_document_get_n_pages (dall), >, poppler_document_get_n_pages (dmine));
  run_in (&r, f->dir, f->db, "dossier", "--person", "Sanne de Vries", NULL);
  OK (&r);
  g_autofree char *named = report_path (f, "dossier-sanne-de-vries.pdf");
  g_assert_true (g_file_test (named, G_FILE_TEST_IS_REGULAR));
}

/* Every observation the demo holds makes a good report, in both
 * languages, and every starter a dossier. */
static void
test_demo (ReportFixture *f, gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *db = report_path (f, "demo.db");
  run_in (&r, f->dir, db, "demo", NULL);
  OK (&r);
  run_in (&r, f->dir, db, "list", "--format", "tsv", NULL);
  OK (&r);
  g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cols) < 8)
        continue;
      const char *lang = i % 2 ? "en" : "nl";
      g_autofree char *out = report_path (f, "demo.pdf");
      run_in (&r, f->dir, db, "report", cols[0], "-o", out, "--lang", lang, NULL);
      OK (&r);
      g_autoptr(PopplerDocument) doc = report_open_pdf (out);
      report_assert_footers (doc, g_str_equal (lang, "en") ? "page %d of %d" : "pagina %d van %d");
      g_autofree char *text = report_all_text (doc);
      const char *mark = g_str_equal (lang, "en") ? "DRAFT" : "CONCEPT";
      g_assert_cmpint (g_str_equal (cols[7], "draft"), ==, strstr (text, mark) != NULL);
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
  const char *starters[] = { "Sanne de Vries", "Youssef El Amrani", "Lotte Bakker" };
  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    {
      g_autofree char *out = report_path (f, "demo-dossier.pdf");
      run_in (&r, f->dir, db, "dossier", "--person", starters[i], "--include-formatief", "-o", out, NULL);
      OK (&r);
      g_autoptr(PopplerDocument) doc = report_open_pdf (out);
      report_assert_footers (doc, "pagina %d van %d");
    }
}

/* lesbezoek calibrate … -o FILE.pdf: the assessor's comparison with the
 * reference scoring for their certification file. Six items of the
 * four-point scale, reference 3 3 2 4 1 2 and assessor 3 2 2 3 1 4: five
 * of six within one point (83% ≥ 80%), ph.organisatie.2 off by two. */
static void
score_one (Run *r, ReportFixture *f, const char *db, const char *uuid, const char *item, const char *level)
{
  run_in (r, f->dir, db, "observe", "score", uuid, item, level, NULL);
  OK (r);
}

static void
test_calibrate (ReportFixture *f, gconstpointer data)
{
  g_autofree char *db = report_path (f, "calibration.db");
  g_auto(Run) r = { 0 };
  run_in (&r, f->dir, db, "people", "add", "--name", "Fleur van Dijk", "--starter", "--year", "2", NULL);
  OK (&r);
  run_in (&r, f->dir, db, "people", "add", "--name", "Ruud Hendriks", "--observer", "--role", "assessor", NULL);
  OK (&r);
  run_in (&r, f->dir, db, "people", "add", "--name", "Ilse Mulder", "--observer", "--role", "assessor", NULL);
  OK (&r);
  const char *observers[] = { "Ruud Hendriks", "Ilse Mulder" };
  const char *levels[][6] = { { "3", "3", "2", "4", "1", "2" }, { "3", "2", "2", "3", "1", "4" } };
  static const char * const items[] = { "ph.klimaat.1", "ph.klimaat.2", "ph.klimaat.3", "ph.klimaat.4",
                                        "ph.organisatie.1", "ph.organisatie.2" };
  char *uuids[2];
  for (guint o = 0; o < 2; o++)
    {
      run_in (&r, f->dir, db, "observe", "new", "--starter", "Fleur van Dijk", "--observer", observers[o],
              "--purpose", "summatief", "--date", "2026-03-02", "--start", "09:00", NULL);
      OK (&r);
      uuids[o] = g_strstrip (g_strdup (r.out));
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        score_one (&r, f, db, uuids[o], items[i], levels[o][i]);
    }
  g_autofree char *out = report_path (f, "normering.pdf");
  run_in (&r, f->dir, db, "calibrate", uuids[1], "--reference", uuids[0], "-o", out, NULL);
  OK (&r);
  g_assert_nonnull (strstr (r.out, "Result: meets the standard"));
  GStatBuf st;
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_autoptr(PopplerDocument) doc = report_open_pdf (out);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_autofree char *text = report_all_text (doc);
  const char * const order[] = { "Ilse Mulder", "Ruud Hendriks", "Fleur van Dijk", "Voldoet aan de norm",
                                 "ph.klimaat.1", "ph.organisatie.2", "Items buiten de norm",
                                 "ph.organisatie.2", "pagina 1 van 1", NULL };
  report_assert_in_order (text, order);
  g_assert_null (strstr (text, "Voldoet niet aan de norm"));

  /* One more item off: 4 of 6, below the standard. */
  score_one (&r, f, db, uuids[1], "ph.klimaat.1", "1");
  run_in (&r, f->dir, db, "calibrate", uuids[1], "--reference", uuids[0], "-o", out, NULL);
  OK (&r);
  g_autoptr(PopplerDocument) worse = report_open_pdf (out);
  g_autofree char *worse_text = report_all_text (worse);
  const char * const worse_order[] = { "Voldoet niet aan de norm", "Items buiten de norm",
                                       "ph.klimaat.1", "ph.organisatie.2", "pagina 1 van 1", NULL };
  report_assert_in_order (worse_text, worse_order);
  for (guint o = 0; o < 2; o++)
    g_free (uuids[o]);
}

int
main (int argc, char **argv)
{
  report_test_init (&argc, &argv);
  g_test_add ("/report-cli/report", ReportFixture, NULL, report_fixture_setup, test_report, report_fixture_teardown);
  g_test_add ("/report-cli/errors", ReportFixture, NULL, report_fixture_setup, test_report_errors,
              report_fixture_teardown);
  g_test_add ("/report-cli/dossier", ReportFixture, NULL, report_fixture_setup, test_dossier,
              report_fixture_teardown);
  g_test_add ("/report-cli/demo", ReportFixture, NULL, report_fixture_setup, test_demo, report_fixture_teardown);
  g_test_add ("/report-cli/calibrate", ReportFixture, NULL, report_fixture_setup, test_calibrate,
              report_fixture_teardown);
  return g_test_run ();
}
