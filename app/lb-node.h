/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "lb-scale.h"

G_BEGIN_DECLS

/* One element of an instrument's hierarchy: domain → group → item →
 * indicator. A single class for all four keeps the browser's tree model
 * (GtkTreeListModel over lb_node_get_children()) trivial; the kind says
 * which fields are meaningful. Immutable once the instrument is built. */
typedef enum {
  LB_NODE_DOMAIN,
  LB_NODE_GROUP,
  LB_NODE_ITEM,
  LB_NODE_INDICATOR,
} LbNodeKind;

typedef enum {
  LB_SCORING_HOLISTIC,
  LB_SCORING_ROLLUP,
} LbScoring;

typedef struct {
  guint   level;  /* index into the item's scale */
  LbText *text;
} LbDescriptor;

typedef struct {
  char  *code;    /* a level id of the indicators' coding scale */
  guint  level;   /* index into the item's scale */
} LbAnchor;

/* Format 2: what one band of the item's scale looks like for this item
 * (CLASS-like low / middle / high descriptions of a dimension). */
typedef struct {
  guint   band;   /* index into the item's scale's bands */
  LbText *text;
} LbBandDescriptor;

/* Format 2: how the anchored levels of an item's coded indicators combine
 * into one level (the roll-up score, and the suggestion a holistic score is
 * checked against). Format 1 items get MEAN and NEAREST. */
typedef enum {
  LB_ROLLUP_MEAN,
  LB_ROLLUP_MEDIAN,
  LB_ROLLUP_MIN,
} LbRollupRule;

typedef enum {
  LB_ROUND_NEAREST,  /* the level nearest the value; halfway goes up */
  LB_ROUND_DOWN,     /* the highest level at or below the value */
  LB_ROUND_UP,       /* the lowest level at or above the value */
} LbRounding;

/* When an instrument declares no anchor-tolerance: a holistic score more
 * than one scale point from what the anchors suggest is flagged. */
#define LB_DEFAULT_ANCHOR_TOLERANCE 1.0

typedef enum {
  LB_RULE_MIN_SCORED,     /* share of items scored ≥ share */
  LB_RULE_MEAN_AT_LEAST,  /* mean of scored values ≥ value */
  LB_RULE_SHARE_AT_LEAST, /* share of scored items at ≥ level is ≥ share */
  LB_RULE_NONE_BELOW,     /* no scored item below level */
} LbRuleKind;

typedef struct {
  LbRuleKind kind;
  double     value;  /* mean threshold */
  double     share;  /* 0..1 */
  guint      level;  /* index into the domain's scale */
} LbRule;

#define LB_TYPE_NODE (lb_node_get_type ())
G_DECLARE_FINAL_TYPE (LbNode, lb_node, LB, NODE, GObject)

LbNode             *lb_node_new               (LbNodeKind  kind,
                                               const char *id,
                                               guint       line);
LbNodeKind          lb_node_get_kind          (LbNode     *self);
const char         *lb_node_get_id            (LbNode     *self);
guint               lb_node_get_line          (LbNode     *self);
LbNode             *lb_node_get_parent        (LbNode     *self);
LbNode             *lb_node_get_domain        (LbNode     *self);
GListModel         *lb_node_get_children      (LbNode     *self);
guint               lb_node_get_n_children    (LbNode     *self);
LbNode             *lb_node_get_child         (LbNode     *self,
                                               guint       index);
LbText             *lb_node_get_text          (LbNode     *self);
LbText             *lb_node_get_description   (LbNode     *self);
LbScale            *lb_node_get_scale         (LbNode     *self);
/* The scale the node is scored on: its own, or its nearest ancestor's
 * (an item may use its group's or domain's). */
LbScale            *lb_node_find_scale        (LbNode     *self);
gboolean            lb_node_has_difficulty    (LbNode     *self);
double              lb_node_get_difficulty    (LbNode     *self);
gboolean            lb_node_get_evidence_required (LbNode *self);
LbScoring           lb_node_get_scoring       (LbNode     *self);
guint               lb_node_get_n_descriptors (LbNode     *self);
const LbDescriptor *lb_node_get_descriptor    (LbNode     *self,
                                               guint       index);
const LbText       *lb_node_get_descriptor_for_level (LbNode *self,
                                               guint       level);
guint               lb_node_get_n_anchors     (LbNode     *self);
const LbAnchor     *lb_node_get_anchor        (LbNode     *self,
                                               guint       index);
double              lb_node_get_anchor_tolerance (LbNode  *self,
                                               gboolean   *declared);
LbRollupRule        lb_node_get_rollup_rule   (LbNode     *self);
LbRounding          lb_node_get_rounding      (LbNode     *self);
guint               lb_node_get_n_band_descriptors (LbNode *self);
const LbBandDescriptor *lb_node_get_band_descriptor (LbNode *self,
                                               guint       index);
const LbText       *lb_node_get_descriptor_for_band (LbNode *self,
                                               guint       band);
const LbText       *lb_node_describe_level    (LbNode     *self,
                                               guint       level,
                                               int        *band);
guint               lb_node_get_n_rules       (LbNode     *self);
const LbRule       *lb_node_get_rule          (LbNode     *self,
                                               guint       index);
LbText             *lb_node_get_judgement_title (LbNode   *self);
void                lb_node_collect_items     (LbNode     *self,
                                               GPtrArray  *out);
const char         *lb_node_kind_to_string    (LbNodeKind  kind);

/* Builder API, used by the loader while the instrument is being made. */
void                lb_node_append_child      (LbNode     *self,
                                               LbNode     *child);
void                lb_node_set_scale         (LbNode     *self,
                                               LbScale    *scale);
void                lb_node_set_difficulty    (LbNode     *self,
                                               double      logits);
void                lb_node_set_evidence_required (LbNode *self,
                                               gboolean    required);
void                lb_node_set_scoring       (LbNode     *self,
                                               LbScoring   scoring);
void                lb_node_add_descriptor    (LbNode     *self,
                                               guint       level,
                                               LbText     *text);
void                lb_node_add_anchor        (LbNode     *self,
                                               const char *code,
                                               guint       level);
void                lb_node_add_rule          (LbNode     *self,
                                               const LbRule *rule);
void                lb_node_set_anchor_tolerance (LbNode  *self,
                                               double      tolerance);
void                lb_node_set_rollup        (LbNode     *self,
                                               LbRollupRule rule,
                                               LbRounding  rounding);
void                lb_node_add_band_descriptor (LbNode   *self,
                                               guint       band,
                                               LbText     *text);

G_END_DECLS
