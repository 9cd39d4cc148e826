/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "lb-node.h"

G_BEGIN_DECLS

/* Where in a file something is wrong, and what. Loaders fill a GPtrArray
 * of these so that a user sees every problem at once, not one per try. */
typedef struct {
  guint  line;
  guint  column;
  char  *message;
} LbProblem;

void       lb_problem_free   (LbProblem  *problem);
char      *lb_problem_format (const LbProblem *problem,
                              const char *filename);

typedef enum {
  LB_SESSIONS_NONE,
  LB_SESSIONS_CYCLES,    /* every item scored per cycle, combined */
  LB_SESSIONS_SEGMENTS,  /* lesson split into independently scored segments */
} LbSessionsKind;

typedef struct {
  char    *id;
  guint    minute;
  LbScale *scale;
  LbText  *text;
  /* format 2: asked only when the earlier snapshot applies_when was
   * answered with one of applies_codes (level ids of its scale) */
  char    *applies_when;
  GStrv    applies_codes;
  /* format 2: the sessions (1-based) it is asked in; NULL/0: every one */
  guint   *sessions;
  guint    n_sessions;
} LbSnapshot;

gboolean      lb_snapshot_in_session      (const LbSnapshot *snapshot,
                                           guint         session);

#define LB_INSTRUMENT_RESOURCE_DIR "/nl/lesbezoek/Lesbezoek/instrument"
#define LB_DEFAULT_INSTRUMENT_ID "lesbezoek-basis"

#define LB_TYPE_INSTRUMENT (lb_instrument_get_type ())
G_DECLARE_FINAL_TYPE (LbInstrument, lb_instrument, LB, INSTRUMENT, GObject)

LbInstrument *lb_instrument_load_file     (const char   *path,
                                           GPtrArray    *problems,
                                           GError      **error);
LbInstrument *lb_instrument_load_bytes    (GBytes       *bytes,
                                           const char   *filename,
                                           GPtrArray    *problems,
                                           GError      **error);
LbInstrument *lb_instrument_load_default  (GError      **error);

const char   *lb_instrument_get_id        (LbInstrument *self);
const char   *lb_instrument_get_version   (LbInstrument *self);
const char   *lb_instrument_get_filename  (LbInstrument *self);
const char   *lb_instrument_get_sha256    (LbInstrument *self);
GBytes       *lb_instrument_get_bytes     (LbInstrument *self);
const char * const *lb_instrument_get_languages (LbInstrument *self);
LbText       *lb_instrument_get_title     (LbInstrument *self);
LbText       *lb_instrument_get_description (LbInstrument *self);
LbText       *lb_instrument_get_source    (LbInstrument *self);
LbText       *lb_instrument_get_validation (LbInstrument *self);
const char * const *lb_instrument_get_authors (LbInstrument *self);
GListModel   *lb_instrument_get_domains   (LbInstrument *self);
GPtrArray    *lb_instrument_get_scales    (LbInstrument *self);
LbScale      *lb_instrument_find_scale    (LbInstrument *self,
                                           const char   *id);
LbNode       *lb_instrument_find_node     (LbInstrument *self,
                                           const char   *id);
GPtrArray    *lb_instrument_get_items     (LbInstrument *self);
guint         lb_instrument_get_n_items   (LbInstrument *self);
guint         lb_instrument_get_n_indicators (LbInstrument *self);
LbSessionsKind lb_instrument_get_sessions (LbInstrument *self,
                                           guint        *count,
                                           guint        *observe_minutes,
                                           guint        *score_minutes,
                                           gboolean     *combine_mean);
GPtrArray    *lb_instrument_get_snapshots (LbInstrument *self);
/* The sessions a snapshot is asked in, as written in the format and the
 * spreadsheet ("1 2"); NULL when it is asked in every one. */
char         *lb_snapshot_format_sessions (const LbSnapshot *snapshot);
const LbSnapshot *lb_instrument_find_snapshot (LbInstrument *self,
                                           const char   *id);
guint         lb_instrument_get_format    (LbInstrument *self);
gboolean      lb_instrument_get_session_minutes (LbInstrument *self,
                                           guint         session,
                                           guint        *observe_minutes,
                                           guint        *score_minutes);
LbText       *lb_instrument_get_session_title (LbInstrument *self,
                                           guint         session);
gboolean      lb_instrument_get_calibration (LbInstrument *self,
                                           guint        *within,
                                           double       *share,
                                           double       *snapshots_exact);
LbText       *lb_instrument_get_calibration_description (LbInstrument *self);
gboolean      lb_instrument_get_calibration_references (LbInstrument *self,
                                           guint        *references,
                                           gboolean     *each);

G_END_DECLS
