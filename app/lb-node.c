/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-node"

#include "lb-node.h"

struct _LbNode
{
  GObject     parent_instance;
  LbNodeKind  kind;
  char       *id;
  guint       line;
  LbNode     *parent;      /* not owned: the parent owns us */
  GListStore *children;
  LbText     *text;        /* title (domain, group) or text (item, indicator) */
  LbText     *description;
  LbText     *judgement_title;
  LbScale    *scale;       /* effective scale; for indicators: coding scale or NULL */
  double      difficulty;
  gboolean    has_difficulty;
  gboolean    evidence_required;
  LbScoring   scoring;
  GArray     *descriptors; /* LbDescriptor */
  GArray     *anchors;     /* LbAnchor */
  GArray     *rules;       /* LbRule */
  GArray     *band_descriptors; /* LbBandDescriptor (format 2) */
  double      tolerance;
  gboolean    has_tolerance;
  LbRollupRule rollup;
  LbRounding  rounding;
};

G_DEFINE_FINAL_TYPE (LbNode, lb_node, G_TYPE_OBJECT)

static void
descriptor_clear (gpointer data)
{
  g_clear_pointer (&((LbDescriptor *) data)->text, lb_text_unref);
}

static void
band_descriptor_clear (gpointer data)
{
  g_clear_pointer (&((LbBandDescriptor *) data)->text, lb_text_unref);
}

static void
anchor_clear (gpointer data)
{
  g_clear_pointer (&((LbAnchor *) data)->code, g_free);
}

static void
lb_node_finalize (GObject *object)
{
  LbNode *self = LB_NODE (object);

  g_free (self->id);
  g_clear_object (&self->children);
  g_clear_pointer (&self->text, lb_text_unref);
  g_clear_pointer (&self->description, lb_text_unref);
  g_clear_pointer (&self->judgement_title, lb_text_unref);
  g_clear_object (&self->scale);
  g_clear_pointer (&self->descriptors, g_array_unref);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->band_descriptors, g_array_unref);
  G_OBJECT_CLASS (lb_node_parent_class)->finalize (object);
}

static void
lb_node_class_init (LbNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_node_finalize;
}

static void
lb_node_init (LbNode *self)
{
  self->children = g_list_store_new (LB_TYPE_NODE);
  self->text = lb_text_new ();
  self->description = lb_text_new ();
  self->judgement_title = lb_text_new ();
  self->descriptors = g_array_new (FALSE, TRUE, sizeof (LbDescriptor));
  g_array_set_clear_func (self->descriptors, descriptor_clear);
  self->anchors = g_array_new (FALSE, TRUE, sizeof (LbAnchor));
  g_array_set_clear_func (self->anchors, anchor_clear);
  self->rules = g_array_new (FALSE, TRUE, sizeof (LbRule));
  self->band_descriptors = g_array_new (FALSE, TRUE, sizeof (LbBandDescriptor));
  g_array_set_clear_func (self->band_descriptors, band_descriptor_clear);
  self->tolerance = LB_DEFAULT_ANCHOR_TOLERANCE;
}

LbNode *
lb_node_new (LbNodeKind kind, const char *id, guint line)
{
  LbNode *self = g_object_new (LB_TYPE_NODE, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->line = line;
  return self;
}

LbNodeKind
lb_node_get_kind (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), LB_NODE_ITEM);
  return self->kind;
}

const char *
lb_node_get_id (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->id;
}

guint
lb_node_get_line (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->line;
}

LbNode *
lb_node_get_parent (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->parent;
}

LbNode *
lb_node_get_domain (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  while (self && self->kind != LB_NODE_DOMAIN)
    self = self->parent;
  return self;
}

GListModel *
lb_node_get_children (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return G_LIST_MODEL (self->children);
}

guint
lb_node_get_n_children (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->children));
}

/* Returns a borrowed reference: the parent keeps its children alive. */
LbNode *
lb_node_get_child (LbNode *self, guint index)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  g_autoptr(LbNode) child = g_list_model_get_item (G_LIST_MODEL (self->children), index);
  return child;
}

LbText *
lb_node_get_text (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->text;
}

LbText *
lb_node_get_description (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->description;
}

LbText *
lb_node_get_judgement_title (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->judgement_title;
}

LbScale *
lb_node_get_scale (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  return self->scale;
}

LbScale *
lb_node_find_scale (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  for (LbNode *n = self; n; n = lb_node_get_parent (n))
    if (n->scale)
      return n->scale;
  return NULL;
}

gboolean
lb_node_has_difficulty (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), FALSE);
  return self->has_difficulty;
}

double
lb_node_get_difficulty (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->difficulty;
}

gboolean
lb_node_get_evidence_required (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), FALSE);
  return self->evidence_required;
}

LbScoring
lb_node_get_scoring (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), LB_SCORING_HOLISTIC);
  return self->scoring;
}

guint
lb_node_get_n_descriptors (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->descriptors->len;
}

const LbDescriptor *
lb_node_get_descriptor (LbNode *self, guint index)
{
  g_return_val_if_fail (LB_IS_NODE (self) && index < self->descriptors->len, NULL);
  return &g_array_index (self->descriptors, LbDescriptor, index);
}

const LbText *
lb_node_get_descriptor_for_level (LbNode *self, guint level)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  for (guint i = 0; i < self->descriptors->len; i++)
    {
      const LbDescriptor *d = &g_array_index (self->descriptors, LbDescriptor, i);
      if (d->level == level)
        return d->text;
    }
  return NULL;
}

guint
lb_node_get_n_anchors (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->anchors->len;
}

const LbAnchor *
lb_node_get_anchor (LbNode *self, guint index)
{
  g_return_val_if_fail (LB_IS_NODE (self) && index < self->anchors->len, NULL);
  return &g_array_index (self->anchors, LbAnchor, index);
}

/* How far (in values of the item's scale) a holistic score may lie from
 * what its anchors suggest before it is flagged; @declared says whether the
 * instrument said so or LB_DEFAULT_ANCHOR_TOLERANCE applies. */
double
lb_node_get_anchor_tolerance (LbNode *self, gboolean *declared)
{
  g_return_val_if_fail (LB_IS_NODE (self), LB_DEFAULT_ANCHOR_TOLERANCE);
  if (declared)
    *declared = self->has_tolerance;
  return self->tolerance;
}

LbRollupRule
lb_node_get_rollup_rule (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), LB_ROLLUP_MEAN);
  return self->rollup;
}

LbRounding
lb_node_get_rounding (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), LB_ROUND_NEAREST);
  return self->rounding;
}

guint
lb_node_get_n_band_descriptors (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->band_descriptors->len;
}

const LbBandDescriptor *
lb_node_get_band_descriptor (LbNode *self, guint index)
{
  g_return_val_if_fail (LB_IS_NODE (self) && index < self->band_descriptors->len, NULL);
  return &g_array_index (self->band_descriptors, LbBandDescriptor, index);
}

const LbText *
lb_node_get_descriptor_for_band (LbNode *self, guint band)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  for (guint i = 0; i < self->band_descriptors->len; i++)
    {
      const LbBandDescriptor *d = &g_array_index (self->band_descriptors, LbBandDescriptor, i);
      if (d->band == band)
        return d->text;
    }
  return NULL;
}

/* What level @level looks like for this item: its own descriptor, else the
 * descriptor of the first band of the item's scale that contains it (then
 * *@band is that band's index, else -1). NULL when neither exists. */
const LbText *
lb_node_describe_level (LbNode *self, guint level, int *band)
{
  g_return_val_if_fail (LB_IS_NODE (self), NULL);
  if (band)
    *band = -1;
  const LbText *own = lb_node_get_descriptor_for_level (self, level);
  if (own != NULL || self->scale == NULL)
    return own;
  guint n = lb_scale_get_n_bands (self->scale);
  for (guint b = 0; b < n; b++)
    {
      const LbBand *sb = lb_scale_get_band (self->scale, b);
      const LbText *t = lb_node_get_descriptor_for_band (self, b);
      if (t != NULL && level >= sb->from && level <= sb->to)
        {
          if (band)
            *band = (int) b;
          return t;
        }
    }
  return NULL;
}

guint
lb_node_get_n_rules (LbNode *self)
{
  g_return_val_if_fail (LB_IS_NODE (self), 0);
  return self->rules->len;
}

const LbRule *
lb_node_get_rule (LbNode *self, guint index)
{
  g_return_val_if_fail (LB_IS_NODE (self) && index < self->rules->len, NULL);
  return &g_array_index (self->rules, LbRule, index);
}

/* Appends every item below @self (or @self itself) in document order. */
void
lb_node_collect_items (LbNode *self, GPtrArray *out)
{
  g_return_if_fail (LB_IS_NODE (self));
  if (self->kind == LB_NODE_ITEM)
    {
      g_ptr_array_add (out, self);
      return;
    }
  if (self->kind == LB_NODE_INDICATOR)
    return;
  guint n = lb_node_get_n_children (self);
  for (guint i = 0; i < n; i++)
    lb_node_collect_items (lb_node_get_child (self, i), out);
}

const char *
lb_node_kind_to_string (LbNodeKind kind)
{
  switch (kind)
    {
    case LB_NODE_DOMAIN: return "domain";
    case LB_NODE_GROUP: return "group";
    case LB_NODE_ITEM: return "item";
    case LB_NODE_INDICATOR: return "indicator";
    default: g_assert_not_reached ();
    }
}

void
lb_node_append_child (LbNode *self, LbNode *child)
{
  g_return_if_fail (LB_IS_NODE (self) && LB_IS_NODE (child));
  child->parent = self;
  g_list_store_append (self->children, child);
}

void
lb_node_set_scale (LbNode *self, LbScale *scale)
{
  g_set_object (&self->scale, scale);
}

void
lb_node_set_difficulty (LbNode *self, double logits)
{
  self->difficulty = logits;
  self->has_difficulty = TRUE;
}

void
lb_node_set_evidence_required (LbNode *self, gboolean required)
{
  self->evidence_required = required;
}

void
lb_node_set_scoring (LbNode *self, LbScoring scoring)
{
  self->scoring = scoring;
}

void
lb_node_add_descriptor (LbNode *self, guint level, LbText *text)
{
  LbDescriptor d = { level, lb_text_ref (text) };
  g_array_append_val (self->descriptors, d);
}

void
lb_node_add_anchor (LbNode *self, const char *code, guint level)
{
  LbAnchor a = { g_strdup (code), level };
  g_array_append_val (self->anchors, a);
}

void
lb_node_add_rule (LbNode *self, const LbRule *rule)
{
  g_array_append_vals (self->rules, rule, 1);
}

void
lb_node_set_anchor_tolerance (LbNode *self, double tolerance)
{
  self->tolerance = tolerance;
  self->has_tolerance = TRUE;
}

void
lb_node_set_rollup (LbNode *self, LbRollupRule rule, LbRounding rounding)
{
  self->rollup = rule;
  self->rounding = rounding;
}

void
lb_node_add_band_descriptor (LbNode *self, guint band, LbText *text)
{
  LbBandDescriptor d = { band, lb_text_ref (text) };
  g_array_append_val (self->band_descriptors, d);
}
