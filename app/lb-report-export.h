/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-report.h"

G_BEGIN_DECLS

/* The app side of the printed feedback: an observation's report saved as
 * a PDF or printed, and a starter's dossier saved as a PDF. The pages are
 * those of lb-report.h; this only chooses the file, runs the work off the
 * main thread and tells the coach how it went.
 *
 * The window's actions (installed on LbWindow's class):
 *   win.export-report        s      observation uuid → file chooser
 *   win.export-report-file   (ss)   observation uuid, path
 *   win.print-report         s      observation uuid → print dialog
 *   win.export-dossier       s      starter uuid → options, file chooser
 *   win.export-dossier-file  (ssb)  starter uuid, path, include formatief
 * The *-file variants skip every dialog (for tests and scripts). */

void               lb_report_export_install_actions (GtkWidgetClass   *window_class);

/* A print operation that draws @doc's pages with the same code as the
 * PDF: full page, in points, the page size taken from the page setup
 * when printing begins. */
GtkPrintOperation *lb_report_print_operation_new    (LbReportDocument *doc);

G_END_DECLS
