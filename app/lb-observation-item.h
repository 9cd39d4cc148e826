/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "lb-store.h"

G_BEGIN_DECLS

/* One row of the overview as an object a GListModel can hold: an
 * LbSummary, read-only properties to bind to, and what the in-memory
 * filter needs precomputed (a case-folded search text, the school year). */
#define LB_TYPE_OBSERVATION_ITEM (lb_observation_item_get_type ())
G_DECLARE_FINAL_TYPE (LbObservationItem, lb_observation_item, LB, OBSERVATION_ITEM, GObject)

LbObservationItem *lb_observation_item_new            (LbSummary         *summary,
                                                       const char        *school);
const LbSummary   *lb_observation_item_get_summary    (LbObservationItem *self);
const char        *lb_observation_item_get_uuid       (LbObservationItem *self);
const char        *lb_observation_item_get_school     (LbObservationItem *self);
/* The year the school year starts in (1 August – 31 July), 0 without a date. */
int                lb_observation_item_get_school_year (LbObservationItem *self);
/* Whether every word of @folded (already g_utf8_casefold()ed) occurs in
 * the names, subject, school or group. */
gboolean           lb_observation_item_matches        (LbObservationItem *self,
                                                       const char * const *folded_words);
/* "12 nov 2025 · 09:15, Anna de Vries, …": what a screen reader says. */
char              *lb_observation_item_describe       (LbObservationItem *self);

/* Short, translated label of a purpose ("Formatief"), for pills and filters. */
const char        *lb_purpose_short_label             (LbPurpose          purpose);
/* The CSS class that colours a purpose pill. */
const char        *lb_purpose_css_class               (LbPurpose          purpose);
/* "YYYY-MM-DD" as "12 nov 2025" (LB_DATE_SHORT) or "dinsdag 12 november
 * 2025" (LB_DATE_LONG), with month and day names from our own catalogue:
 * the C library's LC_TIME does not follow the app's language setting. */
typedef enum { LB_DATE_SHORT, LB_DATE_LONG } LbDateStyle;
char              *lb_format_date                     (const char        *iso_date,
                                                       LbDateStyle        style);
/* "2025–2026" for the school year starting in @year. */
char              *lb_format_school_year              (int                year);
int                lb_school_year_of                  (const char        *iso_date);

G_END_DECLS
