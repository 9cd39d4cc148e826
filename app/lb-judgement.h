/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-node.h"

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
} LbJudgement;

/* Looks up an item's score: TRUE with *value set when scored; FALSE when
 * unscored or "not observed" (which never counts as a score). */
typedef gboolean (*LbScoreLookup) (const char *item_id,
                                   double     *value,
                                   gpointer    user_data);

LbJudgement *lb_judgement_evaluate (LbNode        *domain,
                                    LbScoreLookup  lookup,
                                    gpointer       user_data);
void         lb_judgement_free     (LbJudgement   *judgement);
const char  *lb_verdict_to_string  (LbVerdict      verdict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbJudgement, lb_judgement_free)

G_END_DECLS
