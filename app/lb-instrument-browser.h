/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "lb-instrument.h"

G_BEGIN_DECLS

/* One instrument to read through: its outline (domains → groups → items)
 * beside the chosen item in full. Folds to one pane on a portrait tablet. */
#define LB_TYPE_INSTRUMENT_BROWSER (lb_instrument_browser_get_type ())
G_DECLARE_FINAL_TYPE (LbInstrumentBrowser, lb_instrument_browser, LB, INSTRUMENT_BROWSER, AdwBin)

void          lb_instrument_browser_set_instrument (LbInstrumentBrowser *self,
                                                    LbInstrument        *instrument);
LbInstrument *lb_instrument_browser_get_instrument (LbInstrumentBrowser *self);
gboolean      lb_instrument_browser_select_node    (LbInstrumentBrowser *self,
                                                    const char          *node_id);

G_END_DECLS
