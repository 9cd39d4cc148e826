/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include "lb-store.h"
#include "lb-agreement.h"
#include "lb-rasch.h"

G_BEGIN_DECLS

/* Printed feedback: the report of one observation and a starter's
 * bekwaamheidsdossier, drawn page by page with cairo and pango.
 *
 * A document is laid out in two passes. lb_report_document_paginate()
 * measures everything once and remembers only where each page starts, so
 * that "page X of Y" is known; lb_report_document_draw_page() then lays
 * out and draws one page from that point onwards, on any cairo_t: a PDF
 * surface (lb_report_write_pdf) or the context of a GtkPrintOperation,
 * with exactly the same code. Only one section (the cover, the overview,
 * one observation) is held in memory at a time, so a dossier of hundreds
 * of pages needs no more memory than its largest observation. Sizes are
 * in points (1/72 inch); the default page is A4.
 *
 * For GtkPrintOperation: set_use_full_page (TRUE) and set_unit (POINTS);
 * in "begin-print", lb_report_document_set_page_size () with the context's
 * width and height, then set_n_pages (lb_report_document_get_n_pages ());
 * in "draw-page", lb_report_document_draw_page () on the context's cairo_t.
 * Pages may be asked for in any order. */

#define LB_REPORT_A4_WIDTH  595.2756
#define LB_REPORT_A4_HEIGHT 841.8898

/* One development goal of the starter (their POP). Goals are stored by a
 * later part of Lesbezoek; until then the dossier shows the agreements
 * (afspraken) of the observations only. */
typedef struct {
  char *title;
  char *description;  /* may be NULL */
  char *set_on;       /* "YYYY-MM-DD", may be NULL */
  char *status;       /* free text ("behaald", "loopt"), may be NULL */
} LbReportGoal;

void lb_report_goal_free (LbReportGoal *goal);

/* The hook through which the dossier asks for the starter's goals: returns
 * a GPtrArray of LbReportGoal (owned by the caller, free func set), or NULL
 * when there are none. */
typedef GPtrArray *(*LbReportGoalsFunc) (LbStore        *store,
                                         const LbPerson *starter,
                                         gpointer        user_data);

/* The hook through which the dossier asks for the starter's zone of next
 * development: returns an LbZone (owned by the caller), or NULL when it
 * cannot be estimated; the dossier then leaves the section out. */
typedef LbZone *(*LbReportZoneFunc) (LbStore        *store,
                                     const LbPerson *starter,
                                     gpointer        user_data);

typedef struct {
  const char        *lang;               /* "nl" (NULL) or "en" */
  gboolean           include_formatief;  /* the starter's choice */
  LbReportGoalsFunc  goals_func;         /* NULL until goals exist */
  gpointer           goals_data;
  LbReportZoneFunc   zone_func;          /* NULL: no zone section */
  gpointer           zone_data;
} LbDossierOptions;

#define LB_DOSSIER_OPTIONS_INIT { NULL, FALSE, NULL, NULL, NULL, NULL }

#define LB_TYPE_REPORT_DOCUMENT (lb_report_document_get_type ())
G_DECLARE_FINAL_TYPE (LbReportDocument, lb_report_document, LB, REPORT_DOCUMENT, GObject)

/* The report of one observation in @lang ("nl" when NULL). @instrument is
 * the one the observation was made with (lb_store_get_instrument). */
LbReportDocument *lb_report_document_new_observation (LbObservation    *observation,
                                                      LbInstrument     *instrument,
                                                      const char       *lang);
/* The dossier of the starter @person (a name or uuid): their final
 * observations, formative coaching only when @options says so. */
LbReportDocument *lb_report_document_new_dossier     (LbStore          *store,
                                                      const char       *person,
                                                      const LbDossierOptions *options,
                                                      GError          **error);

/* An assessor's calibration against a reference scoring, for their
 * certification file. Takes ownership of @calibration. */
LbReportDocument *lb_report_document_new_calibration (LbCalibration    *calibration,
                                                      const char       *lang);

void              lb_report_document_set_page_size   (LbReportDocument *self,
                                                      double            width,
                                                      double            height);
gboolean          lb_report_document_paginate        (LbReportDocument *self,
                                                      GError          **error);
/* Paginates first when needed; 0 when that failed. */
guint             lb_report_document_get_n_pages     (LbReportDocument *self);
gboolean          lb_report_document_draw_page       (LbReportDocument *self,
                                                      cairo_t          *cr,
                                                      guint             page,
                                                      GError          **error);

/* For the PDF's metadata and a print job's name. */
const char       *lb_report_document_get_title       (LbReportDocument *self);
const char       *lb_report_document_get_author      (LbReportDocument *self);
const char       *lb_report_document_get_subject     (LbReportDocument *self);

/* The language of the reports the app makes: the interface's, "nl" or
 * "en" (English where the interface has no catalog of ours and so speaks
 * English). The instrument's texts follow it where the instrument has
 * them, else they are Dutch. */
const char       *lb_report_ui_language              (void);

/* Writes the whole document to @path, replacing it only when complete. */
gboolean          lb_report_write_pdf                (LbReportDocument *self,
                                                      const char       *path,
                                                      GError          **error);

/* The dossier's growth chart (one line per domain over the starter's
 * final observations, the basisbekwaam threshold dashed), for the
 * starter's page in the app: the same drawing as on paper. Sizes are in
 * the chart's points; scale @cr to draw it larger. */
typedef struct _LbGrowthChart LbGrowthChart;

LbGrowthChart    *lb_growth_chart_new                (LbStore          *store,
                                                      const char       *person,
                                                      gboolean          include_formatief,
                                                      const char       *lang,
                                                      GError          **error);
/* Observations on the chart; 0 when there is nothing to draw. */
guint             lb_growth_chart_get_n_points       (LbGrowthChart    *chart);
/* Draws one item's level instead of the domains (same entries and dates,
 * no threshold line); %NULL goes back to all domains. */
gboolean          lb_growth_chart_set_item           (LbGrowthChart    *chart,
                                                      const char       *item_id,
                                                      GError          **error);
/* Lines on the chart: the domains, or 1 for an item. */
guint             lb_growth_chart_get_n_series       (LbGrowthChart    *chart);
/* The value of @series at observation @point (oldest first); NAN when
 * it was not scored there. */
double            lb_growth_chart_get_value          (LbGrowthChart    *chart,
                                                      guint             series,
                                                      guint             point);
void              lb_growth_chart_draw               (LbGrowthChart    *chart,
                                                      cairo_t          *cr,
                                                      double            width,
                                                      double            height);
void              lb_growth_chart_free               (LbGrowthChart    *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbGrowthChart, lb_growth_chart_free)

G_END_DECLS
