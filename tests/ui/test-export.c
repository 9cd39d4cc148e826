/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

/* The printed feedback, from the app: an observation's report saved as a
 * PDF from its wrap-up screen, the same report printed, and a starter's
 * dossier. The window's actions take a path here (as a script could), so
 * no file chooser is needed; printing runs the app's own print operation
 * with GTK_PRINT_OPERATION_ACTION_EXPORT to a PDF instead of a printer.
 * Every PDF is read back with poppler: the starter's name and the footer
 * are in it, and the printed pages are the document's pages, page by
 * page the same text as the saved PDF. */

#include "config.h"
#include "lb-application.h"
#include "lb-report-export.h"
#include "lb-window.h"
#include "lb-wrapup-view.h"
#include "ui-util.h"

#include <locale.h>
#include <poppler.h>
#include <sys/stat.h>

#define STARTER "Sanne de Vries"

static LbApplication *app;

typedef struct {
  char      *home;
  LbWindow  *window;
  LbStore   *store;
  LbPerson  *starter;
  char      *uuid;
} Fixture;

/* A coach's formative observation, final, made with the store API as the
 * observing and wrap-up screens would have left it. */
static void
make_observation (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (STARTER);
  p->is_starter = TRUE;
  p->induction_year = 1;
  p->school = g_strdup ("OBS De Regenboog");
  f->starter = lb_store_add_person (f->store, p, &error);
  g_assert_no_error (error);
  g_autoptr(LbPerson) c = lb_person_new ();
  c->name = g_strdup ("Karin Jansen");
  c->role = LB_ROLE_COACH;
  g_autoptr(LbPerson) coach = lb_store_add_person (f->store, c, &error);
  g_assert_no_error (error);
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (f->starter);
  draft->observer = lb_person_copy (coach);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = LB_PURPOSE_FORMATIEF;
  draft->start_time = g_strdup ("09:00");
  draft->subject = g_strdup ("Rekenen");
  g_autoptr(LbObservation) obs = lb_store_create_observation (f->store, draft, inst, &error);
  g_assert_no_error (error);
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      lb_store_set_score (f->store, obs->uuid, 0, lb_node_get_id (items->pdata[i]), i % 2 ? "3" : "4", FALSE, NULL,
                          &error);
      g_assert_no_error (error);
    }
  lb_store_set_field (f->store, obs->uuid, LB_FIELD_TOPS, "Rustige start, iedereen zit klaar.", &error);
  g_assert_no_error (error);
  lb_store_finalize (f->store, obs->uuid, "Karin Jansen", &error);
  g_assert_no_error (error);
  f->uuid = g_strdup (obs->uuid);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->home = ui_private_home ();
  g_autofree char *db = g_build_filename (f->home, "export.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  f->window = lb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (ui_is_mapped, f->window, "the window"));
  f->store = g_object_ref (lb_window_get_store (f->window));
  make_observation (f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_run_briefly (50);
  g_clear_object (&f->store);
  g_clear_pointer (&f->starter, lb_person_free);
  g_free (f->uuid);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->home);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->home);
}

/* ---- reading PDFs back ---- */

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static char *
page_text (PopplerDocument *doc, int i)
{
  PopplerPage *page = poppler_document_get_page (doc, i);
  char *text = poppler_page_get_text (page);
  g_object_unref (page);
  return text;
}

/* The first page: the starter's name and the footer in @page_of. */
static void
assert_report_in (const char *path, const char *page_of)
{
  PopplerDocument *doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 1);
  g_autofree char *first = page_text (doc, 0);
  g_object_unref (doc);
  g_assert_nonnull (strstr (first, STARTER));
  g_assert_nonnull (strstr (first, page_of));
}

/* What the app saves is in the app's language (the tests run in English). */
static void
assert_report (const char *path)
{
  assert_report_in (path, "page 1 of");
}

static char *
all_text (const char *path)
{
  PopplerDocument *doc = open_pdf (path);
  g_autoptr(GString) s = g_string_new (NULL);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *t = page_text (doc, i);
      g_string_append (s, t);
    }
  g_object_unref (doc);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
assert_private (const char *path)
{
  struct stat st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static gboolean
shows_saved (gpointer window)
{
  return ui_shows (window, "PDF saved");
}

/* ---- the tests ---- */


static void
test_export_pdf (Fixture *f, gconstpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.wrap-up", "s", f->uuid);
  GtkWidget *wrapup = ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_WRAPUP_VIEW));
  g_assert_true (ui_wait_for (ui_is_mapped, wrapup, "the wrap-up screen"));
  /* Where nothing can be written: a clear message, and nothing else. */
  g_autofree char *nowhere = g_build_filename (f->home, "no such folder", "verslag.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (wrapup, "win.export-report-file", "(ss)", f->uuid, nowhere));
  g_assert_true (ui_wait_for (ui_has_dialog, NULL, "the message that saving failed"));
  AdwMessageDialog *failed = ui_dialog_on_screen ();
  g_assert_cmpstr (adw_message_dialog_get_heading (failed), ==, "The PDF could not be saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failed), "no such folder"));
  adw_message_dialog_response (failed, "close");
  ui_run_briefly (300);

  g_autofree char *path = g_build_filename (f->home, "observatie & verslag.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (wrapup, "win.export-report-file", "(ss)", f->uuid, path));
  g_assert_true (ui_wait_for (file_exists, path, "the PDF"));
  g_assert_true (ui_wait_for (shows_saved, f->window, "the toast “PDF saved”"));
  assert_private (path);
  assert_report (path);
  /* The instrument's own English, and English numbers. */
  g_autofree char *text = all_text (path);
  g_assert_nonnull (strstr (text, "Pedagogical practice in classroom situations"));
  g_assert_nonnull (strstr (text, "Mean 3.50"));
  g_assert_null (strstr (text, "Gemiddelde"));
}

/* A Dutch interface saves a Dutch report, with decimal commas. */
static void
test_export_dutch (Fixture *f, gconstpointer data)
{
  lb_text_set_ui_language ("nl");
  g_autofree char *path = g_build_filename (f->home, "verslag.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report-file", "(ss)", f->uuid, path));
  g_assert_true (ui_wait_for (file_exists, path, "the PDF"));
  g_autofree char *text = all_text (path);
  lb_text_set_ui_language ("en");
  assert_report_in (path, "pagina 1 van");
  g_assert_nonnull (strstr (text, "Pedagogisch handelen in klassensituaties"));
  g_assert_nonnull (strstr (text, "Gemiddelde 3,50"));
  g_assert_null (strstr (text, "Mean 3.50"));
}

static void
test_print (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = lb_store_load (f->store, f->uuid, &error);
  g_assert_no_error (error);
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (f->store, obs->instrument_sha256, &error);
  g_assert_no_error (error);
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, inst, NULL);

  g_autofree char *printed = g_build_filename (f->home, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) op = lb_report_print_operation_new (doc);
  gtk_print_operation_set_export_filename (op, printed);
  GtkPrintOperationResult result =
    gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (ui_wait_for (file_exists, printed, "the printed PDF"));
  assert_report_in (printed, "pagina 1 van");

  /* The same pages as the saved PDF: as many, each with the same text. */
  g_autofree char *saved = g_build_filename (f->home, "saved.pdf", NULL);
  g_assert_true (lb_report_write_pdf (doc, saved, &error));
  PopplerDocument *a = open_pdf (printed);
  PopplerDocument *b = open_pdf (saved);
  guint n = lb_report_document_get_n_pages (doc);
  g_assert_cmpint (poppler_document_get_n_pages (a), ==, n);
  g_assert_cmpint (poppler_document_get_n_pages (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ta = page_text (a, i);
      g_autofree char *tb = page_text (b, i);
      g_assert_cmpstr (ta, ==, tb);
    }
  g_object_unref (a);
  g_object_unref (b);
}

static gboolean
explains_choice (gpointer dialog)
{
  return ui_shows (dialog, "the dossier belongs to the starter");
}

static int
dossier_pages (Fixture *f, gboolean formatief)
{
  g_autofree char *path = g_strdup_printf ("%s/dossier-%d.pdf", f->home, formatief);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-dossier-file", "(ssb)",
                                             f->starter->uuid, path, formatief));
  g_assert_true (ui_wait_for (file_exists, path, "the dossier"));
  assert_private (path);
  assert_report (path);
  PopplerDocument *doc = open_pdf (path);
  int n = poppler_document_get_n_pages (doc);
  g_object_unref (doc);
  return n;
}

static void
test_dossier (Fixture *f, gconstpointer data)
{
  /* Asked from the starters list: formative coaching stays out unless
   * the starter chooses otherwise. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-dossier", "s", f->starter->uuid));
  g_assert_true (ui_wait_for (ui_has_dialog, NULL, "the dossier's options"));
  AdwMessageDialog *dialog = ui_dialog_on_screen ();
  GtkWidget *toggle = ui_find (GTK_WIDGET (dialog), ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (ui_wait_for (explains_choice, dialog, "why formative coaching stays out"));
  adw_message_dialog_response (dialog, "cancel");
  ui_run_briefly (300);

  /* The coach's formative observation is in only when chosen. */
  int without = dossier_pages (f, FALSE);
  int with = dossier_pages (f, TRUE);
  g_assert_cmpint (with, >, without);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add ("/export/pdf", Fixture, NULL, setup, test_export_pdf, teardown);
  g_test_add ("/export/dutch", Fixture, NULL, setup, test_export_dutch, teardown);
  g_test_add ("/export/print", Fixture, NULL, setup, test_print, teardown);
  g_test_add ("/export/dossier", Fixture, NULL, setup, test_dossier, teardown);
  int status = g_test_run ();
  g_object_unref (app);
  return status;
}
