/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-text.h"

G_BEGIN_DECLS

/* One point of a rating scale. Owned by its LbScale. */
typedef struct {
  char   *id;
  double  value;
  LbText *label;
  LbText *description; /* may be empty */
} LbLevel;

/* A named range of levels (e.g. CLASS's low/middle/high). */
typedef struct {
  char   *id;
  guint   from;  /* index of the first level */
  guint   to;    /* index of the last level, inclusive */
  LbText *label;
} LbBand;

#define LB_TYPE_SCALE (lb_scale_get_type ())
G_DECLARE_FINAL_TYPE (LbScale, lb_scale, LB, SCALE, GObject)

LbScale       *lb_scale_new                   (const char *id);
const char    *lb_scale_get_id                (LbScale    *self);
LbText        *lb_scale_get_title             (LbScale    *self);
guint          lb_scale_get_n_levels          (LbScale    *self);
const LbLevel *lb_scale_get_level             (LbScale    *self,
                                               guint       index);
int            lb_scale_find_level            (LbScale    *self,
                                               const char *level_id);
int            lb_scale_find_value            (LbScale    *self,
                                               double      value);
guint          lb_scale_get_n_bands           (LbScale    *self);
const LbBand  *lb_scale_get_band              (LbScale    *self,
                                               guint       index);
gboolean       lb_scale_get_not_observed_allowed (LbScale *self);
const char    *lb_scale_get_not_observed_label (LbScale   *self,
                                               const char *lang);
LbText        *lb_scale_get_not_observed_text (LbScale    *self);
double         lb_scale_get_min               (LbScale    *self);
double         lb_scale_get_max               (LbScale    *self);

/* For the loader only: a scale is immutable once its instrument is built. */
void           lb_scale_add_level             (LbScale    *self,
                                               const char *id,
                                               double      value,
                                               LbText     *label,
                                               LbText     *description);
void           lb_scale_add_band              (LbScale    *self,
                                               const char *id,
                                               guint       from,
                                               guint       to,
                                               LbText     *label);
void           lb_scale_set_not_observed      (LbScale    *self,
                                               gboolean    allowed,
                                               LbText     *label);

G_END_DECLS
