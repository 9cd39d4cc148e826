/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument.h"

G_BEGIN_DECLS

/* Shows an instrument's overview, or one domain/group/item in full:
 * its indicators with their difficulty and its level descriptors. */
#define LB_TYPE_ITEM_DETAIL (lb_item_detail_get_type ())
G_DECLARE_FINAL_TYPE (LbItemDetail, lb_item_detail, LB, ITEM_DETAIL, AdwBin)

void lb_item_detail_set_instrument (LbItemDetail *self,
                                    LbInstrument *instrument);
void lb_item_detail_set_node       (LbItemDetail *self,
                                    LbNode       *node);

G_END_DECLS
