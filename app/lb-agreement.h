/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"
#include "lb-observation.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* Intersubjectivity: how alike observers score the same lesson, and
 * whether an assessor meets the instrument's calibration standard
 * (normering). The formulas are written out in lb-agreement.c.
 *
 * Scores are compared as level indices of the item's scale (0 = lowest),
 * over all the levels the scale declares, also those nobody used. "Not
 * observed" is missing data, never a score. */

#define LB_AGREEMENT_MISSING       (-1)  /* not scored */
#define LB_AGREEMENT_NOT_OBSERVED  (-2)  /* scored as "not observed": missing too */

/* ---- the statistics, on plain data ---- */

/* Cohen's kappa from a k×k table of counts, rows the first observer's
 * category and columns the second's. NaN when undefined (no pairs, or
 * chance agreement is already perfect). */
double lb_agreement_kappa          (const guint *table,
                                    guint        k);

typedef enum {
  LB_KAPPA_LINEAR = 1,     /* disagreement weight |i − j| */
  LB_KAPPA_QUADRATIC = 2,  /* (i − j)² */
} LbKappaWeights;

double lb_agreement_weighted_kappa (const guint *table,
                                    guint        k,
                                    LbKappaWeights weights);

typedef enum {
  LB_ALPHA_NOMINAL,
  LB_ALPHA_ORDINAL,
  LB_ALPHA_INTERVAL,       /* on the category index: equal steps */
} LbAlphaMetric;

/* Krippendorff's alpha. @ratings[o * n_units + u] is observer o's
 * category (0 … k − 1) for unit u, or negative when missing. NaN when
 * undefined (no unit with two values, or no variation at all). */
double lb_agreement_alpha          (const int   *ratings,
                                    guint        n_observers,
                                    guint        n_units,
                                    guint        k,
                                    LbAlphaMetric metric);

/* ---- comparing observations of one lesson ---- */

typedef struct {
  guint    session;       /* 0 when the instrument has no cycles */
  LbNode  *item;
  int     *levels;        /* one per observation: a level index or LB_AGREEMENT_* */
  int      spread;        /* highest − lowest level scored; −1 with fewer than two */
} LbComparisonRow;

/* Agreement over the items that share one scale. Shares are 0…1; every
 * statistic is NaN where it is undefined (kappa with other than two
 * observers, no unit scored twice, …). */
typedef struct {
  LbScale *scale;
  guint    n_items;          /* rows on this scale */
  guint    n_units;          /* rows scored by at least two observers */
  guint    n_pairs;          /* pairs of observers' scores on those rows */
  double   exact;            /* share of those pairs that agree exactly */
  double   within_one;       /* … that differ by at most one level */
  double   kappa;            /* Cohen, two observers */
  double   kappa_quadratic;  /* Cohen, quadratic weights, two observers */
  double   alpha_ordinal;    /* Krippendorff, two or more observers */
  guint    session;          /* the cycle or segment; 0 for the statistics over all of them */
} LbAgreementStats;

typedef struct {
  LbInstrument *instrument;
  GPtrArray    *observations;  /* LbObservation, in the order given */
  GPtrArray    *rows;          /* LbComparisonRow: by session, then instrument order */
  GPtrArray    *stats;         /* LbAgreementStats, one per scale used, over all sessions */
  /* Only when the instrument has cycles or segments: the same statistics
   * within each session, by session, then scale (in the order of stats).
   * Agreement on a cycle instrument is judged per cycle, not only pooled. */
  GPtrArray    *session_stats; /* LbAgreementStats */
} LbComparison;

/* Where two scores of one item are far enough apart to talk about, in
 * levels (the starter's page highlights them). */
#define LB_COMPARISON_NOTABLE_SPREAD 2

typedef enum {
  LB_COMPARE_DEFAULT = 0,
  /* A coach's formative observations stay between coach and starter;
   * only when the starter chose to share one may it be compared. */
  LB_COMPARE_INCLUDE_FORMATIEF = 1 << 0,
} LbCompareFlags;

/* Two or more observations of the same lesson (same starter, same date)
 * made with the same instrument (by id; items and levels are matched by
 * id), compared with @instrument's scales. LB_ERROR_FORBIDDEN for a
 * formative observation without LB_COMPARE_INCLUDE_FORMATIEF,
 * LB_ERROR_INVALID when they are not of one lesson or instrument. */
LbComparison *lb_comparison_new    (GPtrArray      *observations,
                                    LbInstrument   *instrument,
                                    LbCompareFlags  flags,
                                    GError        **error);
/* The same for observations in @store, by uuid (or unique prefix),
 * compared with the first one's instrument. */
LbComparison *lb_comparison_load   (LbStore        *store,
                                    const char * const *uuids,
                                    LbCompareFlags  flags,
                                    GError        **error);
void          lb_comparison_free   (LbComparison   *comparison);

/* ---- calibration against a reference scoring ---- */

typedef struct {
  guint    session;
  LbNode  *item;
  int      reference;   /* level index */
  int      assessor;    /* level index or LB_AGREEMENT_* */
  gboolean within;      /* within the standard's distance */
} LbCalibrationRow;

/* The standard applied to the units of one cycle or segment. */
typedef struct {
  guint    session;
  guint    n_items;             /* items the reference scored in this session */
  guint    n_within;
  double   share;               /* NaN without items */
  guint    n_snapshots;         /* the reference's snapshot answers in this session */
  guint    n_snapshots_exact;
  double   snapshot_share;      /* NaN without snapshots */
  gboolean meets;
} LbCalibrationSession;

typedef struct {
  LbInstrument  *instrument;
  LbObservation *assessor;
  LbObservation *reference;
  guint          within;              /* the standard: within this many levels … */
  double         required_share;      /* … on at least this share of the items */
  double         required_snapshots;  /* exact snapshot answers; NaN when not required */
  guint          n_items;             /* items the reference scored */
  guint          n_within;
  double         share;
  guint          n_snapshots;         /* snapshot answers in the reference */
  guint          n_snapshots_exact;
  double         snapshot_share;      /* NaN without snapshots */
  gboolean       meets;
  GPtrArray     *rows;                /* LbCalibrationRow, every item the reference scored */
  /* Per cycle: on a cycle instrument the standard must be met in every
   * cycle the reference scored (meets says so), not only over all units
   * pooled; a good cycle must not hide a bad one. */
  gboolean       per_session;
  GArray        *sessions;            /* LbCalibrationSession, one per session the reference
                                       * scored; empty without sessions */
  GPtrArray     *off;                 /* the rows outside the standard (borrowed from rows) */
} LbCalibration;

/* The assessor's scoring against the reference scoring of the same
 * lesson, on the standard @instrument declares (lb_instrument_get_calibration).
 * An item the reference scored and the assessor did not counts as off.
 * LB_ERROR_INVALID when the instrument declares no standard or the two
 * were made with different instruments. */
LbCalibration *lb_calibration_new  (LbObservation  *assessor,
                                    LbObservation  *reference,
                                    LbInstrument   *instrument,
                                    GError        **error);
LbCalibration *lb_calibration_load (LbStore        *store,
                                    const char     *assessor_uuid,
                                    const char     *reference_uuid,
                                    GError        **error);
void           lb_calibration_free (LbCalibration  *calibration);

/* ---- calibration over several reference observations ---- */

/* "8 of 10 elements within one point in each of 3 videos": the assessor
 * scores several reference lessons, each against its own reference
 * scoring. The instrument says how many (lb_instrument_get_calibration_references)
 * and whether the standard must hold in each of them or over all their
 * units together. */
typedef struct {
  LbInstrument *instrument;
  GPtrArray    *calibrations;   /* LbCalibration, one per reference, in the order given */
  guint         required;       /* reference observations the standard asks for */
  gboolean      in_each;        /* the standard must hold in each of them */
  guint         n_items;        /* units over all references */
  guint         n_within;
  double        share;
  guint         n_snapshots;
  guint         n_snapshots_exact;
  double        snapshot_share; /* NaN without snapshots */
  gboolean      meets;          /* enough references, and the standard holds as declared */
} LbCalibrationSet;

/* @assessor_uuids[i] is scored against @reference_uuids[i]; both arrays
 * NULL-terminated and of the same length (LB_ERROR_USAGE otherwise). The
 * instrument is the first reference's; every pair must use it. */
LbCalibrationSet *lb_calibration_set_load (LbStore            *store,
                                           const char * const *assessor_uuids,
                                           const char * const *reference_uuids,
                                           GError            **error);
void              lb_calibration_set_free (LbCalibrationSet   *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbComparison, lb_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCalibration, lb_calibration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCalibrationSet, lb_calibration_set_free)

G_END_DECLS
