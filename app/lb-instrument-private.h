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
  guint          format;      /* 1 or 2 */
  /* format 2 <session>s: per-session timing and title, index session - 1;
   * NULL when the file declares none (every session then has the timing
   * of <sessions>) */
  guint         *session_observe;
  guint         *session_score;
  GPtrArray     *session_titles; /* LbText, one per session */
  guint          cal_references; /* format 2: reference observations (videos) */
  gboolean       cal_each;       /* the standard holds in each, not pooled */
  gboolean       has_calibration;
  guint          cal_within;
  double         cal_share;
  double         cal_snapshots_exact;
  LbText        *cal_description;
};

LbInstrument *lb_instrument_new_empty (void);
void          lb_instrument_finish    (LbInstrument *self);

G_END_DECLS
