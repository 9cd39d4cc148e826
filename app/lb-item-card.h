/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument.h"
#include "lb-observation.h"

G_BEGIN_DECLS

/* One item while observing: the scale as large toggle buttons, "not
 * observed", the indicators as chips (ticked, or coded on their own small
 * scale), the level descriptions one tap away, and the notes linked to it;
 * for instruments that ask for them, "evidence needed" and how far the score
 * is from what the coded behaviours suggest. It shows one session at a time.
 * It only shows and reports; the observe view stores each change and tells
 * the card what was stored.
 *
 * Signals: score-chosen (level id or NULL, not observed), mark-set
 * (indicator id, code or NULL to clear), link-note (note uuid, linked),
 * add-evidence (text of a new note to link). */
#define LB_TYPE_ITEM_CARD (lb_item_card_get_type ())
G_DECLARE_FINAL_TYPE (LbItemCard, lb_item_card, LB, ITEM_CARD, GtkBox)

LbItemCard *lb_item_card_new          (LbInstrument  *instrument,
                                       LbNode        *item,
                                       guint          number);
LbNode     *lb_item_card_get_item     (LbItemCard    *self);
void        lb_item_card_show         (LbItemCard    *self,
                                       LbObservation *obs,
                                       guint          session);
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
