/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"
#include "lb-node.h"
#include "lb-observation.h"

G_BEGIN_DECLS

/* The verdict on one domain, computed from its declared rules. Every rule
 * is reported with whether it held and why, so the app can show the
 * reasoning, not only the outcome. */
typedef struct {
  const LbRule *rule;
  gboolean      passed;
  double        actual;       /* the measured mean or share */
  char         *explanation;  /* translated, for people */
} LbRuleResult;

typedef enum {
  LB_VERDICT_NONE,            /* the domain declares no rules */
  LB_VERDICT_INSUFFICIENT,    /* too few items scored to judge */
  LB_VERDICT_NOT_MET,
  LB_VERDICT_MET,
} LbVerdict;

typedef struct {
  LbNode    *domain;
  LbVerdict  verdict;
  guint      n_items;
  guint      n_scored;
  double     mean;
  GArray    *results;         /* LbRuleResult */
  guint      session;         /* the segment judged; 0 when judged over the whole lesson */
  GPtrArray *segments;        /* LbJudgement per segment when the instrument judges its
                               * segments on their own (combine="independent"); else NULL */
} LbJudgement;

/* Looks up an item's score: TRUE with *value set when scored; FALSE when
 * unscored or "not observed" (which never counts as a score). */
typedef gboolean (*LbScoreLookup) (const char *item_id,
                                   double     *value,
                                   gpointer    user_data);

LbJudgement *lb_judgement_evaluate (LbNode        *domain,
                                    LbScoreLookup  lookup,
                                    gpointer       user_data);
/* The verdict on @domain from @observation's scores as @instrument
 * combines its sessions. Without sessions, the one score per item. With
 * cycles (or segments combined by their mean) the rules apply to each
 * item's mean over the sessions in which it has a value
 * (lb_scoring_combined). With segments scored independently the rules
 * apply within each segment (@segments), and the domain is met only when
 * it is met in every segment: a good segment does not make up for a poor
 * one, and an unscored segment leaves the domain insufficiently observed. Then results holds every segment's rule
 * results, each explanation naming its segment. */
LbJudgement *lb_judgement_evaluate_observation (LbNode        *domain,
                                    LbInstrument  *instrument,
                                    LbObservation *observation);
void         lb_judgement_free     (LbJudgement   *judgement);
const char  *lb_verdict_to_string  (LbVerdict      verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbJudgement, lb_judgement_free)

G_END_DECLS
