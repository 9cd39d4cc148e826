/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>
#include "lb-instrument-private.h"
#include "lb-error.h"

G_BEGIN_DECLS

#define LB_INSTRUMENT_NS "https://lesbezoek.nl/ns/instrument/1"
#define LB_MAX_PROBLEMS 100
#define LB_MAX_TEXT_CHARS 20000

/* State of one load: the source (for locating columns), the problems
 * found so far, and the instrument under construction. */
typedef struct {
  const char   *filename;
  const char   *data;
  gsize         len;
  GArray       *line_starts;  /* byte offset of each line, built on demand */
  GPtrArray    *problems;     /* LbProblem */
  LbErrorCode   code;         /* of the first problem */
  GHashTable   *ids;          /* node id → GUINT_TO_POINTER (line) */
  GStrv         languages;
  LbInstrument *inst;
} LbLoader;

void     lb_loader_add_problem  (LbLoader    *L,
                                 LbErrorCode  code,
                                 guint        line,
                                 guint        column,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (5, 6);
void     lb_loader_node_problem (LbLoader    *L,
                                 xmlNode     *node,
                                 const char  *attr,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (4, 5);
guint    lb_loader_column_of    (LbLoader    *L,
                                 guint        line,
                                 const char  *needle);
gboolean lb_loader_build        (LbLoader    *L,
                                 xmlNode     *root);

G_END_DECLS
