/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-node.h"
#include "lb-observation.h"

G_BEGIN_DECLS

/* One item while observing: the scale as large toggle buttons, "not
 * observed", the indicators as chips, the level descriptions one tap away,
 * and the notes linked to it. It only shows and reports; the observe view
 * stores each change and tells the card what was stored. */
#define LB_TYPE_ITEM_CARD (lb_item_card_get_type ())
G_DECLARE_FINAL_TYPE (LbItemCard, lb_item_card, LB, ITEM_CARD, GtkBox)

LbItemCard *lb_item_card_new          (LbNode        *item,
                                       guint          number);
LbNode     *lb_item_card_get_item     (LbItemCard    *self);
void        lb_item_card_show         (LbItemCard    *self,
                                       LbObservation *obs);
gboolean    lb_item_card_is_scored    (LbItemCard    *self);
void        lb_item_card_set_current  (LbItemCard    *self,
                                       gboolean       current);
void        lb_item_card_set_unsaved  (LbItemCard    *self,
                                       gboolean       unsaved);
/* Activates the level at @index (0-based) as if tapped; -1 = not observed. */
gboolean    lb_item_card_activate_level (LbItemCard  *self,
                                       int            index);
void        lb_item_card_focus        (LbItemCard    *self);
void        lb_item_card_set_editable (LbItemCard    *self,
                                       gboolean       editable);

G_END_DECLS
