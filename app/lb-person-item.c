/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-person-item"

#include "config.h"
#include "lb-person-item.h"

struct _LbPersonItem
{
  GObject   parent_instance;
  LbPerson *person;      /* NULL for a placeholder */
  char     *label;       /* a placeholder's text */
  guint     n_observations;
};

G_DEFINE_FINAL_TYPE (LbPersonItem, lb_person_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SCHOOL,
  PROP_INDUCTION_YEAR,
  PROP_N_OBSERVATIONS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
lb_person_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LbPersonItem *self = LB_PERSON_ITEM (object);
  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, lb_person_item_get_name (self)); break;
    case PROP_SCHOOL: g_value_set_string (value, self->person ? self->person->school : NULL); break;
    case PROP_INDUCTION_YEAR: g_value_set_int (value, self->person ? self->person->induction_year : 0); break;
    case PROP_N_OBSERVATIONS: g_value_set_uint (value, self->n_observations); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_person_item_finalize (GObject *object)
{
  LbPersonItem *self = LB_PERSON_ITEM (object);
  g_clear_pointer (&self->person, lb_person_free);
  g_free (self->label);
  G_OBJECT_CLASS (lb_person_item_parent_class)->finalize (object);
}

static void
lb_person_item_class_init (LbPersonItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = lb_person_item_get_property;
  object_class->finalize = lb_person_item_finalize;
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  props[PROP_SCHOOL] = g_param_spec_string ("school", NULL, NULL, NULL, flags);
  props[PROP_INDUCTION_YEAR] = g_param_spec_int ("induction-year", NULL, NULL, 0, 3, 0, flags);
  props[PROP_N_OBSERVATIONS] = g_param_spec_uint ("n-observations", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
lb_person_item_init (LbPersonItem *self)
{
}

/* Takes @person. */
LbPersonItem *
lb_person_item_new (LbPerson *person, guint n_observations)
{
  g_return_val_if_fail (person != NULL, NULL);
  LbPersonItem *self = g_object_new (LB_TYPE_PERSON_ITEM, NULL);
  self->person = person;
  self->n_observations = n_observations;
  return self;
}

LbPersonItem *
lb_person_item_new_placeholder (const char *label)
{
  LbPersonItem *self = g_object_new (LB_TYPE_PERSON_ITEM, NULL);
  self->label = g_strdup (label);
  return self;
}

const LbPerson *
lb_person_item_get_person (LbPersonItem *self)
{
  g_return_val_if_fail (LB_IS_PERSON_ITEM (self), NULL);
  return self->person;
}

const char *
lb_person_item_get_name (LbPersonItem *self)
{
  g_return_val_if_fail (LB_IS_PERSON_ITEM (self), NULL);
  return self->person ? self->person->name : self->label;
}

guint
lb_person_item_get_n_observations (LbPersonItem *self)
{
  g_return_val_if_fail (LB_IS_PERSON_ITEM (self), 0);
  return self->n_observations;
}
