/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-report-private.h"

G_BEGIN_DECLS

/* The dossier's data, shared by the dossier (lb-report-dossier.c) and its
 * growth chart (lb-report-growth.c). */

typedef struct {
  char      *uuid;
  int        revision;
  char      *date;
  LbPurpose  purpose;
  LbRole     role;
  char      *observer;
  double    *means;        /* per dossier domain; NAN when none scored */
  guint      n_means;
  char      *agreements;
  char      *instrument;   /* sha256 */
  char      *instrument_id;
} Entry;

/* Domains and items are told apart by their instrument too: two
 * instruments may both have a domain "klimaat", on different scales. */
typedef struct {
  char    *id;
  char    *instrument_id;
  LbText  *instrument_title;
  LbText  *title;
  LbScale *scale;
  double   threshold;      /* of the mean-at-least rule; NAN when none */
} Domain;

typedef struct {
  char    *key;            /* instrument id, item id */
  char    *id;
  LbText  *text;
  LbScale *scale;
  double   sum;
  guint    n;
} ItemStat;

typedef struct {
  LbStore    *store;
  LbPerson   *starter;
  gboolean    include_formatief;
  GPtrArray  *entries;      /* Entry, oldest first */
  GPtrArray  *domains;      /* Domain */
  GHashTable *items;        /* "instrument id\nitem id" → ItemStat */
  GPtrArray  *goals;        /* LbReportGoal, or NULL */
  LbZone     *zone;         /* or NULL: no zone section */
  GHashTable *instruments;  /* sha256 → LbInstrument */
  guint       n_by_purpose[LB_N_PURPOSES];
  char       *made_on;
} Dossier;

#define CHART_HEIGHT 250.0

Dossier       *lb_dossier_new            (LbStore      *store,
                                          const char   *person,
                                          gboolean      include_formatief,
                                          GError      **error);
void           lb_dossier_free           (gpointer      data);
void           lb_dossier_entry_grow     (Entry        *e,
                                          guint         n);
void           lb_dossier_entry_free     (Entry        *e);
void           lb_dossier_domain_free    (Domain       *d);
void           lb_dossier_item_stat_free (ItemStat     *s);
LbInstrument  *lb_dossier_instrument_of  (Dossier      *d,
                                          LbObservation *obs,
                                          GError      **error);
LbObservation *lb_dossier_load_entry     (Dossier      *d,
                                          Entry        *e,
                                          GError      **error);
gboolean       lb_dossier_several_instruments (Dossier *d);
char          *lb_dossier_domain_label   (LbReportCtx  *ctx,
                                          Dossier      *d,
                                          guint         k);

/* lb-report-growth.c */
gboolean       lb_dossier_chart_uniform  (Dossier      *d);
double         lb_dossier_chart_legend_height (Dossier *d,
                                          LbReportCtx  *ctx,
                                          double        width);
void           lb_dossier_draw_chart     (LbReportCtx  *ctx,
                                          cairo_t      *cr,
                                          double        x,
                                          double        y,
                                          double        width,
                                          double        height,
                                          gpointer      data);

G_END_DECLS
