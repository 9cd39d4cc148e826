/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"

G_BEGIN_DECLS

/* The instruments this device knows: the embedded default plus those the
 * user imported, which live as validated copies in
 * $XDG_DATA_HOME/lesbezoek/instruments/. A GListModel of LbInstrument. */
#define LB_TYPE_INSTRUMENT_REGISTRY (lb_instrument_registry_get_type ())
G_DECLARE_FINAL_TYPE (LbInstrumentRegistry, lb_instrument_registry, LB, INSTRUMENT_REGISTRY, GObject)

LbInstrumentRegistry *lb_instrument_registry_new      (const char *directory);
const char           *lb_instrument_registry_get_directory (LbInstrumentRegistry *self);
gboolean              lb_instrument_registry_load     (LbInstrumentRegistry  *self,
                                                       GPtrArray             *warnings,
                                                       GError               **error);
LbInstrument         *lb_instrument_registry_find     (LbInstrumentRegistry  *self,
                                                       const char            *id,
                                                       const char            *version);
LbInstrument         *lb_instrument_registry_find_by_hash (LbInstrumentRegistry *self,
                                                       const char            *sha256);
LbInstrument         *lb_instrument_registry_import   (LbInstrumentRegistry  *self,
                                                       const char            *path,
                                                       GPtrArray             *problems,
                                                       GError               **error);
char                 *lb_instrument_registry_default_directory (void);

G_END_DECLS
