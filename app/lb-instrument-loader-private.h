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
} LbLoader;

/* A problem with something the schema allows but an instrument does not,
 * at @attr of @node (or at @node itself when @attr is NULL). */
#define lb_loader_node_problem(L, node, attr, ...) \
  lb_xml_node_problem (&(L)->src, LB_ERROR_INVALID, (node), (attr), __VA_ARGS__)

gboolean lb_loader_build        (LbLoader    *L,
                                 xmlNode     *root);

G_END_DECLS
