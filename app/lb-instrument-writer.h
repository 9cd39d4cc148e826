/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"

G_BEGIN_DECLS

/* Writing instrument XML. The emitter puts one element per line, with its
 * attributes in the order given and its text escaped so that it stays on
 * that line; every output line can be tagged with where it came from (a
 * CSV row), so that a problem the loader finds in the output can be traced
 * back to what the author wrote. */
typedef struct {
  GString *out;
  guint    depth;
  guint    tag;        /* recorded for each line written from now on */
  GArray  *line_tags;  /* guint per output line; NULL when not tracking */
} LbXmlEmitter;

void   lb_xml_emitter_init    (LbXmlEmitter *e,
                               gboolean      track_lines);
char  *lb_xml_emitter_finish  (LbXmlEmitter *e,
                               GArray      **line_tags);
void   lb_xml_emitter_start   (LbXmlEmitter *e,
                               const char   *comment);
void   lb_xml_emitter_open    (LbXmlEmitter *e,
                               const char   *name,
                               ...) G_GNUC_NULL_TERMINATED;
void   lb_xml_emitter_empty   (LbXmlEmitter *e,
                               const char   *name,
                               ...) G_GNUC_NULL_TERMINATED;
void   lb_xml_emitter_close   (LbXmlEmitter *e,
                               const char   *name);
void   lb_xml_emitter_text    (LbXmlEmitter *e,
                               const char   *name,
                               const char   *lang,
                               const char   *text);
void   lb_xml_emitter_texts   (LbXmlEmitter *e,
                               const char   *name,
                               const LbText *text,
                               const char * const *languages);

/* The shortest plain decimal ("2.5", "-1", never "1e-07", which the
 * schema's xsd:decimal refuses) that reads back as exactly @value. */
char  *lb_format_decimal      (double        value);

/* The instrument's content as XML in a canonical form: the same content
 * gives the same bytes, whatever the file it was loaded from looked like
 * (comments, spacing, attribute order, texts in any order, scales repeated
 * where they could be inherited). What the model does not keep (comments,
 * the title of <sessions>) is not written. The result loads as an
 * instrument with the same content; tests compare instruments with it. */
char  *lb_instrument_write_xml (LbInstrument *inst);

G_END_DECLS
