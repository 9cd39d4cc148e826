/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>
#include "lb-instrument-private.h"
#include "lb-error.h"
#include "lb-xml.h"

G_BEGIN_DECLS

#define LB_INSTRUMENT_NS "https://lesbezoek.nl/ns/instrument/1"
#define LB_MAX_TEXT_CHARS 20000

/* State of one load: the source with the problems found so far (lb-xml.h),
 * and the instrument under construction. */
typedef struct {
  LbXmlSource   src;
  GHashTable   *ids;          /* node id → GUINT_TO_POINTER (line) */
  GStrv         languages;
  LbInstrument *inst;
  guint         format;       /* 1 or 2, from <instrument format="…"> */
  guint64       sessions_seen[2]; /* <session number>s read (count ≤ 100) */
} LbLoader;

/* A problem with something the schema allows but an instrument does not,
 * at @attr of @node (or at @node itself when @attr is NULL). */
#define lb_loader_node_problem(L, node, attr, ...) \
  lb_xml_node_problem (&(L)->src, LB_ERROR_INVALID, (node), (attr), __VA_ARGS__)

gboolean lb_loader_build        (LbLoader    *L,
                                 xmlNode     *root);

/* The builder's helpers, for lb-instrument-builder-v2.c. */
xmlNode *lb_loader_skip_to_element (xmlNode *n);
#define LB_LOADER_FOREACH_ELEMENT(child, parent) \
  for (xmlNode *child = lb_loader_skip_to_element ((parent)->children); child; \
       child = lb_loader_skip_to_element (child->next))
gboolean lb_loader_is           (xmlNode     *node,
                                 const char  *name);
char    *lb_loader_attr         (xmlNode     *node,
                                 const char  *name);
gboolean lb_loader_parse_number (LbLoader    *L,
                                 xmlNode     *node,
                                 const char  *name,
                                 double       min,
                                 double       max,
                                 double      *out);
void     lb_loader_read_text    (LbLoader    *L,
                                 xmlNode     *node,
                                 LbText      *text);
void     lb_loader_require_dutch (LbLoader   *L,
                                 xmlNode     *owner,
                                 LbText      *text,
                                 const char  *element,
                                 gboolean     present);
void     lb_loader_unexpected   (LbLoader    *L,
                                 xmlNode     *child,
                                 xmlNode     *parent);

/* Format 2 (lb-instrument-builder-v2.c). Each reports a located problem
 * when a format 1 file uses what only format 2 has. */
gboolean lb_loader_needs_format_2 (LbLoader  *L,
                                 xmlNode     *node,
                                 const char  *attr);
void     lb_loader_item_v2      (LbLoader    *L,
                                 xmlNode     *node,
                                 LbNode      *item);
void     lb_loader_item_v2_check (LbLoader   *L,
                                 xmlNode     *node,
                                 LbNode      *item);
void     lb_loader_band_descriptor (LbLoader *L,
                                 xmlNode     *node,
                                 LbNode      *item);
void     lb_loader_session      (LbLoader    *L,
                                 xmlNode     *node);
guint    lb_loader_snapshot_sessions (LbLoader *L,
                                 xmlNode     *node,
                                 LbSnapshot  *snapshot);
void     lb_loader_snapshot_condition (LbLoader *L,
                                 xmlNode     *node,
                                 LbSnapshot  *snapshot);
void     lb_loader_calibration_v2 (LbLoader  *L,
                                 xmlNode     *node);

G_END_DECLS
