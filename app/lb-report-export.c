/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report-export"

/* "Export as PDF…", "Print…" and "Export Dossier…" in the app. The pages
 * come from lb-report.c, the same ones `lesbezoek report` and `lesbezoek
 * dossier` write: this file only asks where to, runs the work, and tells
 * the coach how it went.
 *
 * Writing runs in a GTask thread with its own connection to the database
 * (as LbStoreQueue does): a dossier of hundreds of pages takes seconds,
 * and the tablet must stay usable meanwhile. The application is held
 * until the file is complete, so closing the window does not cut a PDF
 * short. Printing draws the very same pages on the print context. */

#include "config.h"
#include "lb-report-export.h"
#include "lb-report-goals.h"
#include "lb-error.h"
#include "lb-window.h"

#include <glib/gi18n.h>

/* ---- telling how it went ---- */

static void
show_failure (GtkWindow *window, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* AdwToast titles are markup on libadwaita 1.2; a path may hold a "&". */
static AdwToast *
toast_new (const char *format, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *title = g_strdup_printf (format, escaped);
  return adw_toast_new (title);
}

/* "Sanne de Vries" → "sanne-de-vries": a file name without surprises
 * (the same names `lesbezoek report` chooses). */
static char *
slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name ? name : "", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
    else if (s->len && s->str[s->len - 1] != '-')
      g_string_append_c (s, '-');
  while (s->len && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- writing a PDF off the main thread ---- */

typedef struct {
  char           *db_path;
  char           *uuid;               /* the observation; NULL for a dossier */
  char           *person;             /* the starter of a dossier */
  gboolean        include_formatief;
  const char     *lang;               /* static: "nl" or "en" */
  char           *path;
  AdwToast       *progress;
  gint64          progress_shown;     /* monotonic µs */
  GApplication   *app;
} ExportJob;

static ExportJob *
export_job_new (LbStore *store)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (lb_store_get_path (store));
  /* In the app's language, asked here on the main thread. */
  job->lang = lb_report_ui_language ();
  return job;
}

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->uuid);
  g_free (job->person);
  g_free (job->path);
  g_clear_object (&job->progress);
  if (job->app)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static LbReportDocument *
export_document (ExportJob *job, GError **error)
{
  g_autoptr(LbStore) store = lb_store_open (job->db_path, error);
  if (store == NULL)
    return NULL;
  if (job->person)
    {
      LbDossierOptions options = LB_DOSSIER_OPTIONS_INIT;
      options.include_formatief = job->include_formatief;
      options.lang = job->lang;
      options.goals_func = lb_report_store_goals;
      options.zone_func = lb_report_store_zone;
      return lb_report_document_new_dossier (store, job->person, &options, error);
    }
  g_autoptr(LbObservation) obs = lb_store_load (store, job->uuid, error);
  if (obs == NULL)
    return NULL;
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (store, obs->instrument_sha256, error);
  if (inst == NULL)
    return NULL;
  return lb_report_document_new_observation (obs, inst, job->lang);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;
  g_autoptr(LbReportDocument) doc = export_document (job, &error);
  if (doc && lb_report_write_pdf (doc, job->path, &error))
    g_task_return_int (task, lb_report_document_get_n_pages (doc));
  else
    g_task_return_error (task, error);
}

/* libadwaita 1.2's toast overlay frees a toast's bookkeeping when its hide
 * animation ends, even while its show animation (300 ms, 500 ms when it
 * replaces another toast) is still running; that one then ends on freed
 * memory and the app crashes. A quick export (or a quick failure) would
 * dismiss its progress toast that soon, so the dismissal waits until the
 * toast has settled. */
#define TOAST_SETTLED_MS 600

static gboolean
dismiss_cb (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

static void
dismiss_settled (AdwToast *toast, gint64 shown)
{
  gint64 age_ms = (g_get_monotonic_time () - shown) / 1000;
  if (age_ms >= TOAST_SETTLED_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_SETTLED_MS - age_ms), dismiss_cb,
                        g_object_ref (toast), g_object_unref);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GtkWindow *window = GTK_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n_pages = g_task_propagate_int (G_TASK (result), &error);
  dismiss_settled (job->progress, job->progress_shown);
  if (n_pages < 0)
    {
      show_failure (window, job->person ? _("The dossier could not be saved") : _("The PDF could not be saved"),
                    error->message);
      return;
    }
  g_debug ("%s: %" G_GSSIZE_FORMAT " pages", job->path, n_pages);
  lb_window_toast (LB_WINDOW (window), toast_new (_("PDF saved: %s"), job->path));
}

static void
export_start (LbWindow *window, ExportJob *job)
{
  /* A long dossier takes a while: say so until it is done. */
  job->progress = g_object_ref_sink (adw_toast_new (job->person ? _("Writing the dossier…")
                                                               : _("Writing the PDF…")));
  adw_toast_set_timeout (job->progress, 0);
  lb_window_toast (window, g_object_ref (job->progress));
  job->progress_shown = g_get_monotonic_time ();
  job->app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  if (job->app)
    g_application_hold (g_object_ref (job->app));
  g_autoptr(GTask) task = g_task_new (window, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, export_start);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* ---- choosing the file ---- */

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, ExportJob *data)
{
  g_autoptr(ExportJob) job = data;
  GtkWindow *window = gtk_native_dialog_get_transient_for (chooser);
  if (response == GTK_RESPONSE_ACCEPT && window)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      job->path = file ? g_file_get_path (file) : NULL;
      if (job->path)
        export_start (LB_WINDOW (window), g_steal_pointer (&job));
      else if (file)
        show_failure (window, _("The PDF could not be saved"), _("Choose a folder on this device."));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Takes @job; the dialog keeps itself alive until it is answered. */
static void
choose_file (LbWindow *window, const char *title, const char *suggested, ExportJob *job)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static LbStore *
require_store (LbWindow *window)
{
  LbStore *store = lb_window_get_store (window);
  if (store == NULL)
    lb_window_toast (window, adw_toast_new (_("There is no database to work in; see the message at start-up")));
  return store;
}

/* ---- one observation ---- */

/* win.export-report (s) and win.export-report-file (ss) */
static void
export_report_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  const char *uuid = NULL, *path = NULL;
  if (g_variant_is_of_type (param, G_VARIANT_TYPE ("(ss)")))
    g_variant_get (param, "(&s&s)", &uuid, &path);
  else
    uuid = g_variant_get_string (param, NULL);
  LbStore *store = require_store (self);
  if (store == NULL)
    return;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = lb_store_load (store, uuid, &error);
  if (obs == NULL)
    {
      show_failure (GTK_WINDOW (self), _("The PDF could not be saved"), error->message);
      return;
    }
  ExportJob *job = export_job_new (store);
  job->uuid = g_strdup (obs->uuid);
  if (path)
    {
      job->path = g_strdup (path);
      export_start (self, job);
      return;
    }
  g_autofree char *who = slug (obs->starter ? obs->starter->name : NULL);
  g_autofree char *name = g_strdup_printf ("observatie-%s-%s.pdf", who, obs->date ? obs->date : "");
  choose_file (self, _("Export as PDF"), name, job);
}

/* ---- printing ---- */

static void
set_print_error (GtkPrintOperation *op, GError *error)
{
  if (g_object_get_data (G_OBJECT (op), "lb-error") == NULL)
    g_object_set_data_full (G_OBJECT (op), "lb-error", error, (GDestroyNotify) g_error_free);
  else
    g_error_free (error);
  gtk_print_operation_cancel (op);
}

static void
begin_print_cb (GtkPrintOperation *op, GtkPrintContext *context, LbReportDocument *doc)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  double width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  double height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  GtkPageOrientation o = gtk_page_setup_get_orientation (setup);
  if (o == GTK_PAGE_ORIENTATION_LANDSCAPE || o == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE)
    {
      double swap = width;
      width = height;
      height = swap;
    }
  lb_report_document_set_page_size (doc, width, height);
  GError *error = NULL;
  if (!lb_report_document_paginate (doc, &error))
    {
      set_print_error (op, error);
      return;
    }
  gtk_print_operation_set_n_pages (op, (int) lb_report_document_get_n_pages (doc));
}

static void
draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, LbReportDocument *doc)
{
  GError *error = NULL;
  if (!lb_report_document_draw_page (doc, gtk_print_context_get_cairo_context (context), (guint) page, &error))
    set_print_error (op, error);
}

GtkPrintOperation *
lb_report_print_operation_new (LbReportDocument *doc)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (doc), NULL);
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_job_name (op, lb_report_document_get_title (doc));
  g_object_set_data_full (G_OBJECT (op), "lb-document", g_object_ref (doc), g_object_unref);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), doc);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), doc);
  return op;
}

static void
print_done_cb (GtkPrintOperation *op, GtkPrintOperationResult result, GtkWindow *window)
{
  g_autoptr(GError) failed = NULL;
  const GError *error = g_object_get_data (G_OBJECT (op), "lb-error");
  if (error == NULL && result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (op, &failed);
  if (error == NULL)
    error = failed;
  if (error)
    show_failure (window, _("The report could not be printed"), error->message);
}

/* win.print-report (s) */
static void
print_report_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  LbStore *store = require_store (self);
  if (store == NULL)
    return;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = lb_store_load (store, g_variant_get_string (param, NULL), &error);
  g_autoptr(LbInstrument) inst = obs ? lb_store_get_instrument (store, obs->instrument_sha256, &error) : NULL;
  if (inst == NULL)
    {
      show_failure (GTK_WINDOW (self), _("The report could not be printed"), error->message);
      return;
    }
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, inst, lb_report_ui_language ());
  g_autoptr(GtkPrintOperation) op = lb_report_print_operation_new (doc);
  gtk_print_operation_set_allow_async (op, TRUE);
  g_signal_connect_object (op, "done", G_CALLBACK (print_done_cb), self, 0);
  gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), NULL);
}

/* ---- a starter's dossier ---- */

static void
dossier_response_cb (AdwMessageDialog *dialog, const char *response, LbWindow *self)
{
  ExportJob *job = g_object_steal_data (G_OBJECT (dialog), "lb-job");
  if (!g_str_equal (response, "export"))
    {
      export_job_free (job);
      return;
    }
  GtkSwitch *formatief = g_object_get_data (G_OBJECT (dialog), "lb-formatief");
  job->include_formatief = gtk_switch_get_active (formatief);
  const char *name = g_object_get_data (G_OBJECT (dialog), "lb-name");
  g_autofree char *who = slug (name);
  g_autofree char *suggested = g_strdup_printf ("dossier-%s.pdf", who);
  choose_file (self, _("Export Dossier"), suggested, job);
}

/* The one choice a dossier has: whether formative coaching goes in. Off
 * unless the starter says so, and the dialog says why. */
static GtkWidget *
formatief_choice (GtkSwitch **switch_out)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Include _formative observations"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Only when the starter chooses so: the dossier belongs to the starter."));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  GtkWidget *toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  *switch_out = GTK_SWITCH (toggle);
  return list;
}

static void
ask_dossier_options (LbWindow *self, const LbPerson *starter, ExportJob *job)
{
  g_autofree char *body = g_strdup_printf (_("The bekwaamheidsdossier of %s: their final observations, "
                                             "their growth per domain and each observation's report."),
                                           starter->name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Dossier"), body);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);
  GtkSwitch *formatief = NULL;
  adw_message_dialog_set_extra_child (d, formatief_choice (&formatief));
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (d, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d, "export");
  adw_message_dialog_set_close_response (d, "cancel");
  g_object_set_data (G_OBJECT (dialog), "lb-formatief", formatief);
  g_object_set_data_full (G_OBJECT (dialog), "lb-name", g_strdup (starter->name), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "lb-job", job, (GDestroyNotify) export_job_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dossier_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.export-dossier (s) and win.export-dossier-file (ssb) */
static void
export_dossier_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  const char *person = NULL, *path = NULL;
  gboolean formatief = FALSE;
  if (g_variant_is_of_type (param, G_VARIANT_TYPE ("(ssb)")))
    g_variant_get (param, "(&s&sb)", &person, &path, &formatief);
  else
    person = g_variant_get_string (param, NULL);
  LbStore *store = require_store (self);
  if (store == NULL)
    return;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) starter = lb_store_find_person (store, person, &error);
  if (starter == NULL)
    {
      show_failure (GTK_WINDOW (self), _("The dossier could not be saved"), error->message);
      return;
    }
  ExportJob *job = export_job_new (store);
  job->person = g_strdup (starter->uuid);
  job->include_formatief = formatief;
  if (path)
    {
      job->path = g_strdup (path);
      export_start (self, job);
      return;
    }
  ask_dossier_options (self, starter, job);
}

void
lb_report_export_install_actions (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.export-report", "s", export_report_action);
  gtk_widget_class_install_action (window_class, "win.export-report-file", "(ss)", export_report_action);
  gtk_widget_class_install_action (window_class, "win.print-report", "s", print_report_action);
  gtk_widget_class_install_action (window_class, "win.export-dossier", "s", export_dossier_action);
  gtk_widget_class_install_action (window_class, "win.export-dossier-file", "(ssb)", export_dossier_action);
}
