/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"
#include "lb-observation.h"
#include "lb-store.h"

G_BEGIN_DECLS

/* The scoring rules an instrument declares, applied to one observation:
 * when an item counts as scored (the evidence rule), what the anchors of
 * its coded indicators suggest and whether a holistic score is far from
 * that, the computed roll-up score, an item's value over the cycles, and
 * which snapshot prompts are due and applicable. One place for these rules,
 * so the CLI, the observing screen and the reports never disagree. No GTK,
 * no store: plain functions of (instrument, observation). Sessions are
 * numbered 1 … count, or 0 when the instrument has none (as in
 * LbScore.session). */

/* The code of a coded mark or a snapshot answer whose scale allows "not
 * observed" and where the observer chose it (n.v.t., not applicable). The
 * loader refuses a level with this id, so it never means a level. */
#define LB_CODE_NOT_APPLICABLE "not-applicable"

/* An item counts as scored in @session when it has a level score, or "not
 * observed" with a reason; and, when the item is evidence="required" and
 * scored with a level, at least one note of that session is linked to it.
 * (A "not observed" needs no note: its reason is the justification.) */
gboolean  lb_scoring_item_counts      (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       LbNode        *item);
/* Whether a note of @session is linked to @item. */
gboolean  lb_scoring_item_has_evidence (LbObservation *observation,
                                       guint          session,
                                       LbNode        *item);
/* TRUE when @item is evidence="required", scored with a level in @session,
 * and no note of that session is linked to it: the score is there but does
 * not count yet. */
gboolean  lb_scoring_item_lacks_evidence (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       LbNode        *item);

/* What the coded indicators of an item say through its anchors. */
typedef struct {
  gboolean has_anchors;     /* the item declares anchors at all */
  guint    n_coded;         /* coded indicators in this session with an anchored
                             * code; "not observed" and unanchored codes excluded */
  gboolean suggests;        /* n_coded > 0: the fields below mean something */
  double   suggested_value; /* the item's roll-up rule (mean/median/min) over the
                             * values of the anchored levels, unrounded */
  guint    suggested_level; /* index into the item's scale: suggested_value
                             * rounded as the item declares */
  gboolean scored;          /* the item has a level score in this session */
  guint    score_level;     /* its index, when scored */
  double   distance;        /* |score value − suggested_value|, when both exist */
  double   tolerance;       /* the item's anchor-tolerance, or the default */
  gboolean far;             /* scored, suggests, and distance > tolerance */
} LbAnchorCheck;

LbAnchorCheck lb_scoring_check_anchors (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       LbNode        *item);

/* The computed score of a roll-up item (or the suggestion for any item with
 * anchors) in @session: FALSE when no coded indicator has an anchored code
 * yet. @level is an index into the item's scale, @value its value. */
gboolean  lb_scoring_rollup           (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       LbNode        *item,
                                       guint         *level,
                                       double        *value);

/* Records @code (NULL: clears the mark) for @indicator in @session of
 * observation @uuid, and keeps a roll-up item's score in step with its
 * codes: when the item has no score yet, or the score is what the codes
 * gave before this change, it becomes what they give now (or goes when
 * they give nothing). A score the observer chose over the computed one
 * stays: it overrides the roll-up. */
gboolean  lb_scoring_set_code         (LbStore       *store,
                                       LbInstrument  *instrument,
                                       const char    *uuid,
                                       guint          session,
                                       LbNode        *indicator,
                                       const char    *code,
                                       GError       **error);

/* Combines @values (the anchored level values of coded indicators) by @rule
 * and snaps the result to a level of @scale by @rounding. Exposed for the
 * tests and for anyone who has the values already. */
double    lb_scoring_combine_values   (const double  *values,
                                       guint          n_values,
                                       LbRollupRule   rule);
guint     lb_scoring_round_to_level   (LbScale       *scale,
                                       double         value,
                                       LbRounding     rounding);

/* The item's value in one session: the value of its level score; for a
 * roll-up item without a score, the computed roll-up. FALSE when neither
 * (unscored, or "not observed"). */
gboolean  lb_scoring_session_value    (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       LbNode        *item,
                                       double        *value);
/* The item's value over the whole observation, on the scale's values: with
 * cycles combine="mean", the mean over the cycles in which it has a value;
 * with segments (combine="independent") each segment stands on its own for
 * reports, and where one number is needed (the judgement rules) it is the
 * same mean over the segments. Without sessions, the one score. @n_sessions
 * (may be NULL) gets how many sessions had a value. FALSE when none had. */
gboolean  lb_scoring_combined         (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       LbNode        *item,
                                       double        *value,
                                       guint         *n_sessions);

/* Snapshots. */
typedef enum {
  LB_SNAPSHOT_APPLIES,         /* ask it */
  LB_SNAPSHOT_WAITING,         /* depends on a snapshot not answered yet */
  LB_SNAPSHOT_NOT_APPLICABLE,  /* the earlier answer rules it out, or it is not
                                * asked in this session */
} LbSnapshotState;

LbSnapshotState lb_scoring_snapshot_state (LbInstrument     *instrument,
                                       LbObservation    *observation,
                                       guint             session,
                                       const LbSnapshot *snapshot);
/* The answer given to @snapshot_id in @session, or NULL. */
const LbSnapshotAnswer *lb_scoring_find_snapshot_answer (LbObservation *observation,
                                       guint          session,
                                       const char    *snapshot_id);
/* The snapshot prompts due at @minute (minutes since the start of @session,
 * as its own clock shows): asked in this session, minute reached, not yet
 * answered in @observation (may be NULL: then only time counts), and
 * applicable (a dependent one appears once its condition is answered and
 * met). Borrowed LbSnapshot pointers in instrument order; free the array. */
GPtrArray *lb_scoring_snapshots_due   (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session,
                                       guint          minute);
/* Whether @session still owes an answer to an applicable snapshot (for the
 * "what keeps this observation from being final" list). */
guint     lb_scoring_snapshots_missing (LbInstrument  *instrument,
                                       LbObservation *observation,
                                       guint          session);

G_END_DECLS
