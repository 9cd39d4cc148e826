/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"
#include "lb-observation.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The zone of next development: where a starter stands on the
 * instrument's Rasch scale of indicators, and which indicators lie just
 * above that — the behaviours they are most likely to master next.
 *
 * The model is the dichotomous Rasch model: an indicator i with
 * difficulty b_i (in logits, declared by the instrument) is ticked in a
 * lesson by a starter of skill θ with probability
 *     P_i(θ) = exp(θ − b_i) / (1 + exp(θ − b_i)).
 * θ is estimated with Warm's (1989) weighted likelihood estimate (WLE),
 * which, unlike maximum likelihood, is finite when every indicator or no
 * indicator is ticked; see lb-rasch.c for the equation and its solution. */

typedef struct {
  double theta;        /* the WLE, in logits */
  double se;           /* its standard error, 1 / √I(θ) */
  guint  n_responses;  /* indicator observations used */
  guint  n_ticked;
  guint  iterations;   /* of the safeguarded Newton–Raphson */
} LbRaschEstimate;

/* P(tick | θ, b). */
double   lb_rasch_probability (double           theta,
                               double           difficulty);
/* The WLE from @n responses (1 = ticked, 0 = not) to indicators of the
 * given difficulties. FALSE with @error when n is 0. */
gboolean lb_rasch_wle         (const double    *difficulties,
                               const guint8    *responses,
                               guint            n,
                               LbRaschEstimate *estimate,
                               GError         **error);

/* Which observations count, and how wide the zone is. */
typedef struct {
  guint    max_observations;         /* the newest N final observations */
  guint    max_months;               /* none older than this before the newest */
  double   width;                    /* the zone: θ < b ≤ θ + width */
  gboolean include_self_assessment;  /* the starter's own ticks; off by default */
} LbZoneOptions;

#define LB_ZONE_OPTIONS_INIT { 3, 12, 1.0, FALSE }

typedef struct {
  LbNode *indicator;    /* of the newest observation's instrument */
  LbNode *item;
  double  difficulty;
  double  probability;  /* P(tick) at the estimate */
  guint   n_observed;   /* observations in which it could be ticked */
  guint   n_ticked;
} LbZoneEntry;

typedef struct {
  LbRaschEstimate  estimate;
  LbInstrument    *instrument;      /* the newest observation's */
  GPtrArray       *observations;    /* LbObservation used, newest first */
  GPtrArray       *entries;         /* LbZoneEntry, by difficulty */
  guint            n_indicators;    /* with a difficulty, in the instrument */
  guint            n_below_unseen;  /* easier than θ, yet not ticked last time */
  double           width;
  char            *explanation;     /* how it was computed, translated */
} LbZone;

/* From @observations (LbObservation, any order) whose instruments are in
 * @instruments (sha256 → LbInstrument): picks the ones that count, newest
 * first, estimates θ and lists the zone. LB_ERROR_NOT_FOUND when no
 * observation counts; LB_ERROR_INVALID when the instrument declares no
 * indicator difficulties. */
LbZone  *lb_zone_compute      (GPtrArray           *observations,
                               GHashTable          *instruments,
                               const LbZoneOptions *options,
                               GError             **error);
/* The same for a starter's final observations in @store: what the
 * starter's page, the dossier and `lesbezoek zone` show. Synchronous; it
 * reads at most a few dozen observations. */
LbZone  *lb_zone_for_person   (LbStore             *store,
                               const char          *person_uuid,
                               const LbZoneOptions *options,
                               GError             **error);
void     lb_zone_free         (LbZone              *zone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbZone, lb_zone_free)

G_END_DECLS
