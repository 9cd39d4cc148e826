/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "lb-observation.h"

G_BEGIN_DECLS

/* A person (usually a starter) as an object for a GListModel, with the
 * number of observations they are in. A person item without a person
 * stands for "add a new one" at the end of a choice list. */
#define LB_TYPE_PERSON_ITEM (lb_person_item_get_type ())
G_DECLARE_FINAL_TYPE (LbPersonItem, lb_person_item, LB, PERSON_ITEM, GObject)

LbPersonItem   *lb_person_item_new              (LbPerson     *person,
                                                 guint         n_observations);
LbPersonItem   *lb_person_item_new_placeholder  (const char   *label);
const LbPerson *lb_person_item_get_person       (LbPersonItem *self);
const char     *lb_person_item_get_name         (LbPersonItem *self);
guint           lb_person_item_get_n_observations (LbPersonItem *self);

G_END_DECLS
