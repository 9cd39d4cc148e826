/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>
#include "lb-error.h"
#include "lb-instrument.h"   /* LbProblem */

G_BEGIN_DECLS

/* Reading XML that may come from anyone, safely: no network, no DTD, no
 * entities (a DOCTYPE stops the parser the moment it is seen, before any
 * entity can be declared), a size cap, strict UTF-8, a RELAX NG schema
 * compiled into the binary, and every problem located as FILE:LINE:COLUMN.
 * The one reader behind instruments (lb-instrument-loader.c) and exchange
 * files (lb-exchange-reader.c). */

#define LB_XML_MAX_PROBLEMS 100

/* An exchange file holds observations and, optionally, instruments in
 * base64: room for thousands of observations, yet small enough to parse
 * on a tablet. `export` refuses to write a file larger than this, so that
 * nothing is exported that could not be imported again. */
#define LB_XML_MAX_EXCHANGE_SIZE (64 * 1024 * 1024)

/* Whom a problem speaks to: the checks are the same for every file, but
 * the author of an instrument reads about "an instrument", where an
 * exchange file is one of "Lesbezoek files". */
typedef enum {
  LB_XML_LESBEZOEK_FILE,  /* the default: exchange files */
  LB_XML_INSTRUMENT,
} LbXmlDialect;

typedef struct {
  const char   *filename;
  const char   *data;
  gsize         len;
  GArray       *line_starts;  /* byte offset of each line, built on demand */
  GPtrArray    *problems;     /* LbProblem */
  LbErrorCode   code;         /* of the first problem */
  LbXmlDialect  dialect;      /* set after lb_xml_source_init() */
  gboolean      drop_blanks;  /* whitespace between elements is layout, not content */
} LbXmlSource;

void          lb_xml_source_init  (LbXmlSource *src,
                                   GBytes      *bytes,
                                   const char  *filename);
void          lb_xml_source_clear (LbXmlSource *src);

void          lb_xml_add_problem  (LbXmlSource *src,
                                   LbErrorCode  code,
                                   guint        line,
                                   guint        column,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (5, 6);
void          lb_xml_node_problem (LbXmlSource *src,
                                   LbErrorCode  code,
                                   xmlNode     *node,
                                   const char  *attr,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (5, 6);
guint         lb_xml_column_of    (LbXmlSource *src,
                                   guint        line,
                                   const char  *needle);

gboolean      lb_xml_check_bytes  (LbXmlSource *src,
                                   gsize        max_size);
xmlDoc       *lb_xml_parse        (LbXmlSource *src);
/* @schema_resource: a RELAX NG schema in a GResource, compiled on first
 * use and kept for the life of the process. */
gboolean      lb_xml_validate     (LbXmlSource *src,
                                   xmlDoc      *doc,
                                   const char  *schema_resource);

/* Attribute values, checked: a problem located at the attribute when a
 * value does not fit its kind, or when a required one is missing. */
typedef enum {
  LB_XML_TEXT,        /* anything */
  LB_XML_ID,          /* an instrument id: a–z 0–9 . _ -, at most 64 */
  LB_XML_UUID,        /* letters, digits . _ : -, at most 100 */
  LB_XML_SHA256,      /* 64 lowercase hexadecimal digits */
  LB_XML_VERSION,     /* 1, 1.0 or 1.0.2 */
  LB_XML_DATE,        /* YYYY-MM-DD, a day that exists */
  LB_XML_TIME,        /* HH:MM */
  LB_XML_TIMESTAMP,   /* 2026-11-26T09:15:02.123Z, UTC */
} LbXmlKind;

gboolean      lb_xml_is_valid     (LbXmlKind    kind,
                                   const char  *value);
/* A language code as the schemas allow it: "nl", "en", "fy", "nl-BE". */
gboolean      lb_xml_is_language  (const char  *code);

char         *lb_xml_attr         (LbXmlSource *src,
                                   xmlNode     *node,
                                   const char  *name,
                                   LbXmlKind    kind,
                                   gboolean     required);
gboolean      lb_xml_attr_int     (LbXmlSource *src,
                                   xmlNode     *node,
                                   const char  *name,
                                   int          min,
                                   int          max,
                                   gboolean     required,
                                   int         *out);
gboolean      lb_xml_attr_bool    (LbXmlSource *src,
                                   xmlNode     *node,
                                   const char  *name,
                                   gboolean     required,
                                   gboolean    *out);
gboolean      lb_xml_attr_enum    (LbXmlSource *src,
                                   xmlNode     *node,
                                   const char  *name,
                                   const char * const *codes,
                                   int         *out);

/* Sets @error to all problems, one FILE:LINE:COLUMN line each, and moves
 * them into @problems when that is not NULL. */
void          lb_xml_fail         (LbXmlSource *src,
                                   GPtrArray   *problems,
                                   GError     **error);

/* Reads a regular file of at most @max_size bytes; anything else (a
 * directory, a FIFO, /dev/zero, a file too large) is refused before a
 * byte is read. Too large is a located problem, like the rest. */
GBytes       *lb_xml_read_file    (const char  *path,
                                   gsize        max_size,
                                   GPtrArray   *problems,
                                   GError     **error);
/* The same refusals for any file (a CSV, too), but a file larger than
 * @max_size is left for the caller to say in its own words: then NULL is
 * returned without an error and its size is put in @too_large. */
GBytes       *lb_xml_read_regular_file (const char *path,
                                        gsize       max_size,
                                        guint64    *too_large,
                                        GError    **error);

G_END_DECLS
