/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-loader"

/* Reading an instrument file safely. The file may come from anyone, so:
 * no network, no DTD, no entities (a DOCTYPE stops the parser the moment it
 * is seen, before any entity can be declared, let alone expanded), a size
 * cap, strict UTF-8, and then the RELAX NG schema compiled into the binary.
 * Every problem carries a line and column, and all of them are reported. */

#include "config.h"
#include "lb-instrument-loader-private.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <stdarg.h>
#include <string.h>

#define LB_MAX_FILE_SIZE (16 * 1024 * 1024)

void
lb_loader_add_problem (LbLoader *L, LbErrorCode code, guint line, guint column,
                       const char *format, ...)
{
  va_list args;

  if (L->problems->len == 0)
    L->code = code;
  if (L->problems->len >= LB_MAX_PROBLEMS)
    return;
  LbProblem *p = g_new0 (LbProblem, 1);
  p->line = MAX (line, 1);
  p->column = MAX (column, 1);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (L->problems, p);
}

static void
build_line_starts (LbLoader *L)
{
  L->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (L->line_starts, zero);
  for (gsize i = 0; i < L->len; i++)
    if (L->data[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (L->line_starts, next);
      }
}

/* libxml2 2.9 records only the line of an element; find the column by
 * looking for @needle ("<item", "level=") on that line of the source. */
guint
lb_loader_column_of (LbLoader *L, guint line, const char *needle)
{
  if (L->data == NULL || line == 0 || needle == NULL)
    return 1;
  if (L->line_starts == NULL)
    build_line_starts (L);
  if (line > L->line_starts->len)
    return 1;
  gsize start = g_array_index (L->line_starts, gsize, line - 1);
  gsize end = line < L->line_starts->len ? g_array_index (L->line_starts, gsize, line) : L->len;
  g_autofree char *text = g_strndup (L->data + start, end - start);
  const char *hit = strstr (text, needle);
  if (hit == NULL)
    return 1;
  if (!g_utf8_validate (text, hit - text, NULL))
    return (guint) (hit - text) + 1;
  return (guint) g_utf8_strlen (text, hit - text) + 1;
}

void
lb_loader_node_problem (LbLoader *L, xmlNode *node, const char *attr,
                        const char *format, ...)
{
  va_list args;
  guint line = node ? (guint) xmlGetLineNo (node) : 1;
  g_autofree char *needle = NULL;
  guint column = 1;

  if (attr)
    {
      needle = g_strdup_printf ("%s=", attr);
      column = lb_loader_column_of (L, line, needle);
      g_clear_pointer (&needle, g_free);
    }
  if (column == 1 && node)
    {
      if (node->ns && node->ns->prefix)
        needle = g_strdup_printf ("<%s:%s", (const char *) node->ns->prefix,
                                  (const char *) node->name);
      else
        needle = g_strdup_printf ("<%s", (const char *) node->name);
      column = lb_loader_column_of (L, line, needle);
    }
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  lb_loader_add_problem (L, LB_ERROR_INVALID, line, column, "%s", message);
}

/* ---- safety: input checks before libxml2 sees a byte ---- */

static gboolean
check_bytes (LbLoader *L)
{
  if (L->len == 0)
    {
      lb_loader_add_problem (L, LB_ERROR_PARSE, 1, 1, _("the file is empty"));
      return FALSE;
    }
  if (L->len > LB_MAX_FILE_SIZE)
    {
      lb_loader_add_problem (L, LB_ERROR_TOO_LARGE, 1, 1,
                             _("the file is too large (%.1f MB); an instrument may be at most %d MB"),
                             L->len / 1e6, LB_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  const char *end = NULL;
  if (!g_utf8_validate_len (L->data, L->len, &end))
    {
      guint line = 1;
      const char *line_start = L->data;
      for (const char *p = L->data; p < end; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      guint column = (guint) g_utf8_strlen (line_start, end - line_start) + 1;
      lb_loader_add_problem (L, LB_ERROR_PARSE, line, column,
                             _("the file is not valid UTF-8 text (byte 0x%02X); save it as UTF-8"),
                             (guint) (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

/* ---- parsing ---- */

static const char *
parse_error_message (const xmlError *err)
{
  switch (err->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      return _("the file contains no XML");
    case XML_ERR_DOCUMENT_END:
      return _("there is text after the end of the root element");
    case XML_ERR_TAG_NAME_MISMATCH:
      return _("a closing tag does not match the element that is open");
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
      return _("the file ends before all elements are closed (is it truncated?)");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
      return _("unknown entity reference; write & as &amp; and < as &lt;");
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
      return _("a character that XML does not allow");
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_LT_IN_ATTRIBUTE:
    case XML_ERR_STRING_NOT_CLOSED:
    case XML_ERR_STRING_NOT_STARTED:
      return _("an attribute value is not properly quoted");
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return _("an attribute appears twice on the same element");
    case XML_ERR_NAME_REQUIRED:
      /* A bare "&" in a text: libxml2 calls it a missing entity name. */
      if (err->message && strstr (err->message, "EntityRef"))
        return _("unknown entity reference; write & as &amp; and < as &lt;");
      return _("a tag is not properly written");
    case XML_ERR_GT_REQUIRED:
      return _("a tag is not properly written");
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PROCESSING:
      return _("entities are not allowed in an instrument");
    case XML_ERR_COMMENT_NOT_FINISHED:
      return _("a comment that starts here with <!-- is never closed with -->");
    default:
      break;
    }
  if (err->message && strstr (err->message, "Excessive depth"))
    return _("elements are nested far too deeply");
  /* "huge text node", "Huge input lookup", "xmlParseComment: huge …" */
  if (err->message && (strstr (err->message, "huge") || strstr (err->message, "Huge")))
    return _("a text in the file is too long");
  return NULL;
}

/* libxml2's own text, for errors we have no words for: its first line only,
 * since some messages go on to quote the file, cut at a byte count that can
 * split a character in two. */
static char *
raw_message (const xmlError *err)
{
  const char *message = err->message ? err->message : "?";
  g_autofree char *first = g_strndup (message, strcspn (message, "\n"));
  return g_utf8_make_valid (g_strstrip (first), -1);
}

/* libxml2 reports an unclosed comment at the end of the file, but it needs
 * fixing where it opens: at the first "<!--" after the last "-->". */
static guint
unclosed_comment_line (LbLoader *L, guint fallback)
{
  const char *closed = g_strrstr_len (L->data, (gssize) L->len, "-->");
  const char *from = closed ? closed + 3 : L->data;
  const char *open = g_strstr_len (from, (gssize) (L->data + L->len - from), "<!--");
  guint line = 1;

  if (open == NULL)
    return fallback;
  for (const char *p = L->data; p < open; p++)
    line += *p == '\n';
  return line;
}

static void
parse_error_cb (void *ctx, xmlErrorPtr err)
{
  xmlParserCtxtPtr ctxt = ctx;
  LbLoader *L = ctxt->_private;
  guint line = err->line > 0 ? (guint) err->line : 1;
  guint column = err->int2 > 0 ? (guint) err->int2 : 1;

  if (err->level == XML_ERR_WARNING)
    return;
  /* After the first error libxml2 keeps going only to resynchronise, and
   * what it reports then ("closing tag does not match" far below a broken
   * attribute) points people at lines that are fine. Stopping the parser
   * from inside its error handler is not safe, so ignore the rest. */
  if (L->problems->len > 0)
    return;
  if (err->code == XML_ERR_COMMENT_NOT_FINISHED)
    {
      line = unclosed_comment_line (L, line);
      column = lb_loader_column_of (L, line, "<!--");
    }
  const char *nice = parse_error_message (err);
  g_autofree char *raw = raw_message (err);
  if (nice)
    lb_loader_add_problem (L, LB_ERROR_PARSE, line, column, "%s", nice);
  else
    lb_loader_add_problem (L, LB_ERROR_PARSE, line, column,
                           _("the file is not well-formed XML: %s"), raw);
}

/* The parser calls this as soon as it has read "<!DOCTYPE name ...", before
 * the internal subset (where entities would be declared) is parsed. */
static void
doctype_cb (void *ctx, const xmlChar *name, const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  LbLoader *L = ctxt->_private;
  guint line = ctxt->input ? (guint) ctxt->input->line : 1;

  lb_loader_add_problem (L, LB_ERROR_FORBIDDEN, line,
                         lb_loader_column_of (L, line, "<!DOCTYPE"),
                         _("the file contains a document type declaration (<!DOCTYPE>); "
                           "instruments may not use DTDs or entities"));
  xmlStopParser (ctxt);
}

static void
entity_decl_cb (void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                const xmlChar *system_id, xmlChar *content)
{
  xmlStopParser ((xmlParserCtxtPtr) ctx);
}

static xmlParserInputPtr
refuse_external_cb (const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
  /* Nothing an instrument needs lives outside the file. */
  return NULL;
}

static void
silent_generic_cb (void *ctx, const char *msg, ...)
{
}

static void
init_libxml_once (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_cb);
      xmlSetGenericErrorFunc (NULL, silent_generic_cb);
      g_once_init_leave (&done, 1);
    }
}

static xmlDoc *
parse (LbLoader *L)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      lb_loader_add_problem (L, LB_ERROR_FAILED, 1, 1, _("out of memory"));
      return NULL;
    }
  ctxt->_private = L;
  ctxt->sax->serror = parse_error_cb;
  ctxt->sax->internalSubset = doctype_cb;
  ctxt->sax->externalSubset = doctype_cb;
  ctxt->sax->entityDecl = entity_decl_cb;

  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS;
  xmlDoc *doc = xmlCtxtReadMemory (ctxt, L->data, (int) L->len, L->filename, "UTF-8", options);
  gboolean ok = doc != NULL && ctxt->wellFormed && L->problems->len == 0;
  if (!ok && L->problems->len == 0)
    lb_loader_add_problem (L, LB_ERROR_PARSE, 1, 1, _("the file is not well-formed XML"));
  xmlFreeParserCtxt (ctxt);
  if (!ok)
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}

/* ---- schema ---- */

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize once = 0;
  static xmlRelaxNGPtr schema;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes =
        g_resources_lookup_data (LB_INSTRUMENT_RESOURCE_DIR "/instrument.rng", 0, NULL);
      g_assert (bytes != NULL); /* compiled in: missing means a broken build */
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);
      xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);
      schema = xmlRelaxNGParse (pctxt);
      xmlRelaxNGFreeParserCtxt (pctxt);
      g_assert (schema != NULL);
      g_once_init_leave (&once, 1);
    }
  return schema;
}

static void
schema_error_cb (void *data, xmlErrorPtr err)
{
  LbLoader *L = data;
  g_autofree char *raw = raw_message (err);
  xmlNode *node = err->node;
  gboolean attributes = err->code == XML_RELAXNG_ERR_ATTRVALID && err->str1 != NULL;

  /* libxml2 reports a failed attribute at the element's first child, so
   * climb back to the element it names. */
  while (attributes && node && node->parent && node->parent->type == XML_ELEMENT_NODE &&
         !(node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) err->str1)))
    node = node->parent;
  long node_line = node ? xmlGetLineNo (node) : -1;
  guint line = node_line > 0 ? (guint) node_line : err->line > 0 ? (guint) err->line : 1;
  guint column = 1;

  if (node && node->type == XML_ELEMENT_NODE)
    {
      g_autofree char *needle = g_strdup_printf ("<%s", (const char *) node->name);
      column = lb_loader_column_of (L, line, needle);
    }
  if (attributes)
    lb_loader_add_problem (L, LB_ERROR_SCHEMA, line, column,
                           _("<%s> lacks a required attribute or has an attribute with a value "
                             "that is not allowed"), err->str1);
  else
    lb_loader_add_problem (L, LB_ERROR_SCHEMA, line, column,
                           _("does not follow the instrument schema: %s"), raw);
}

static gboolean
validate_schema (LbLoader *L, xmlDoc *doc)
{
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (get_schema ());
  xmlRelaxNGSetValidStructuredErrors (vctxt, schema_error_cb, L);
  int rc = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (rc != 0 && L->problems->len == 0)
    lb_loader_add_problem (L, LB_ERROR_SCHEMA, 1, 1, _("does not follow the instrument schema"));
  return rc == 0;
}

/* ---- the whole load ---- */

static gboolean
check_root (LbLoader *L, xmlNode *root)
{
  if (root->ns == NULL || g_strcmp0 ((const char *) root->ns->href, LB_INSTRUMENT_NS) != 0)
    {
      lb_loader_node_problem (L, root, NULL,
                              _("this is not a Lesbezoek instrument: the root element <%s> must be "
                                "<instrument xmlns=\"%s\">"),
                              (const char *) root->name, LB_INSTRUMENT_NS);
      return FALSE;
    }
  if (!g_str_equal ((const char *) root->name, "instrument"))
    {
      lb_loader_node_problem (L, root, NULL,
                              _("the root element is <%s>; an instrument starts with <instrument>"),
                              (const char *) root->name);
      return FALSE;
    }
  xmlChar *format = xmlGetNoNsProp (root, (const xmlChar *) "format");
  gboolean ok = format != NULL && g_str_equal ((const char *) format, "1");
  if (format == NULL)
    lb_loader_node_problem (L, root, NULL,
                            _("<instrument> lacks the required attribute format=\"1\""));
  else if (!ok)
    lb_loader_node_problem (L, root, "format",
                            _("format version “%s” is not supported; this version of Lesbezoek "
                              "reads format=\"1\""),
                            format ? (const char *) format : "");
  xmlFree (format);
  return ok;
}

static char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
fail_with_problems (LbLoader *L, GError **error)
{
  GString *all = g_string_new (NULL);
  for (guint i = 0; i < L->problems->len; i++)
    {
      g_autofree char *line = lb_problem_format (L->problems->pdata[i], L->filename);
      if (i > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, line);
    }
  g_set_error_literal (error, LB_ERROR, L->code, all->str);
  g_string_free (all, TRUE);
}

LbInstrument *
lb_instrument_load_bytes (GBytes *bytes, const char *filename, GPtrArray *problems,
                          GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  init_libxml_once ();

  LbLoader L = { 0 };
  L.filename = filename ? filename : "-";
  L.data = g_bytes_get_data (bytes, &L.len);
  L.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  L.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  L.inst = lb_instrument_new_empty ();

  xmlDoc *doc = NULL;
  if (check_bytes (&L) && (doc = parse (&L)) != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      if (root == NULL)
        lb_loader_add_problem (&L, LB_ERROR_PARSE, 1, 1, _("the file contains no XML"));
      else if (check_root (&L, root) && lb_loader_build (&L, root))
        validate_schema (&L, doc);
    }
  g_clear_pointer (&doc, xmlFreeDoc);

  LbInstrument *result = NULL;
  if (L.problems->len == 0)
    {
      result = g_steal_pointer (&L.inst);
      result->bytes = g_bytes_ref (bytes);
      result->sha256 = sha256_hex (bytes);
      result->filename = g_strdup (L.filename);
      lb_instrument_finish (result);
    }
  else
    {
      fail_with_problems (&L, error);
      if (problems)
        for (guint i = 0; i < L.problems->len; i++)
          g_ptr_array_add (problems, g_steal_pointer (&L.problems->pdata[i]));
    }

  g_clear_object (&L.inst);
  g_clear_pointer (&L.line_starts, g_array_unref);
  g_clear_pointer (&L.ids, g_hash_table_unref);
  g_clear_pointer (&L.languages, g_strfreev);
  g_ptr_array_unref (L.problems);
  return result;
}
