/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"

G_BEGIN_DECLS

/* Shared between lb-instrument.c (accessors) and lb-instrument-loader.c
 * (which builds the object); nothing else sees the struct. */
struct _LbInstrument
{
  GObject        parent_instance;
  char          *id;
  char          *version;
  char          *filename;
  char          *sha256;
  GBytes        *bytes;
  GStrv          languages;
  GStrv          authors;
  LbText        *title;
  LbText        *description;
  LbText        *source;
  LbText        *validation;
  GPtrArray     *scales;      /* LbScale */
  GListStore    *domains;     /* LbNode */
  GHashTable    *nodes;       /* id → LbNode (borrowed) */
  GPtrArray     *items;       /* LbNode (borrowed), document order */
  guint          n_indicators;
  LbSessionsKind sessions;
  guint          session_count;
  guint          observe_minutes;
  guint          score_minutes;
  gboolean       combine_mean;
  GPtrArray     *snapshots;   /* LbSnapshot */
  gboolean       has_calibration;
  guint          cal_within;
  double         cal_share;
  double         cal_snapshots_exact;
  LbText        *cal_description;
};

LbInstrument *lb_instrument_new_empty (void);
void          lb_instrument_finish    (LbInstrument *self);

G_END_DECLS
