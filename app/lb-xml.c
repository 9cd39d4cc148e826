/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-xml"

/* Safe reading of XML that may come from anyone; see lb-xml.h. libxml2
 * never sees a byte that is not valid UTF-8, never reads a DTD, never
 * expands an entity and never opens anything but the bytes it is given. */

#include "config.h"
#include "lb-xml.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
lb_xml_source_init (LbXmlSource *src, GBytes *bytes, const char *filename)
{
  memset (src, 0, sizeof *src);
  src->filename = filename ? filename : "-";
  src->data = g_bytes_get_data (bytes, &src->len);
  src->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
}

void
lb_xml_source_clear (LbXmlSource *src)
{
  g_clear_pointer (&src->line_starts, g_array_unref);
  g_clear_pointer (&src->problems, g_ptr_array_unref);
}

void
lb_xml_add_problem (LbXmlSource *src, LbErrorCode code, guint line, guint column,
                    const char *format, ...)
{
  va_list args;

  if (src->problems->len == 0)
    src->code = code;
  if (src->problems->len >= LB_XML_MAX_PROBLEMS)
    return;
  LbProblem *p = g_new0 (LbProblem, 1);
  p->line = MAX (line, 1);
  p->column = MAX (column, 1);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (src->problems, p);
}

static void
build_line_starts (LbXmlSource *src)
{
  src->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (src->line_starts, zero);
  for (gsize i = 0; i < src->len; i++)
    if (src->data[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (src->line_starts, next);
      }
}

/* Line @line of the source (1-based), or NULL when there is no such line. */
static char *
line_text (LbXmlSource *src, guint line)
{
  if (src->data == NULL || line == 0)
    return NULL;
  if (src->line_starts == NULL)
    build_line_starts (src);
  if (line > src->line_starts->len)
    return NULL;
  gsize start = g_array_index (src->line_starts, gsize, line - 1);
  gsize end = line < src->line_starts->len ? g_array_index (src->line_starts, gsize, line) : src->len;
  return g_strndup (src->data + start, end - start);
}

static guint
column_at (const char *text, const char *hit)
{
  if (!g_utf8_validate (text, hit - text, NULL))
    return (guint) (hit - text) + 1;
  return (guint) g_utf8_strlen (text, hit - text) + 1;
}

/* libxml2 2.9 records only the line of an element; find the column by
 * looking for @needle ("<score", "<!--") on that line of the source. */
guint
lb_xml_column_of (LbXmlSource *src, guint line, const char *needle)
{
  g_autofree char *text = needle ? line_text (src, line) : NULL;
  const char *hit = text ? strstr (text, needle) : NULL;
  return hit ? column_at (text, hit) : 1;
}

/* The column of attribute @name= on @line, or 0. Only after whitespace, so
 * that "lang=" is not found inside "xml:lang=" nor "to=" inside "auto=". */
static guint
attr_column (LbXmlSource *src, guint line, const char *name)
{
  g_autofree char *text = line_text (src, line);
  g_autofree char *needle = g_strconcat (name, "=", NULL);
  for (const char *hit = text ? strstr (text, needle) : NULL; hit; hit = strstr (hit + 1, needle))
    if (hit == text || strchr (" \t\r\n", hit[-1]))
      return column_at (text, hit);
  return 0;
}

void
lb_xml_node_problem (LbXmlSource *src, LbErrorCode code, xmlNode *node, const char *attr,
                     const char *format, ...)
{
  va_list args;
  long node_line = node ? xmlGetLineNo (node) : -1;
  guint line = node_line > 0 ? (guint) node_line : 1;
  guint column = attr ? attr_column (src, line, attr) : 0;

  if (column == 0 && node && node->type == XML_ELEMENT_NODE)
    {
      g_autofree char *needle = node->ns && node->ns->prefix
        ? g_strdup_printf ("<%s:%s", (const char *) node->ns->prefix, (const char *) node->name)
        : g_strdup_printf ("<%s", (const char *) node->name);
      column = lb_xml_column_of (src, line, needle);
    }
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  lb_xml_add_problem (src, code, line, column, "%s", message);
}

/* ---- input checks before libxml2 sees a byte ---- */

static void
too_large (LbXmlSource *src, guint64 size, gsize max_size)
{
  guint mb = (guint) (max_size / (1024 * 1024));

  if (src->dialect == LB_XML_INSTRUMENT)
    lb_xml_add_problem (src, LB_ERROR_TOO_LARGE, 1, 1,
                        _("the file is too large (%.1f MB); an instrument may be at most %d MB"),
                        size / 1e6, (int) mb);
  else
    lb_xml_add_problem (src, LB_ERROR_TOO_LARGE, 1, 1,
                        _("the file is too large (%.1f MB); Lesbezoek reads files of at most %u MB"),
                        size / 1e6, mb);
}

gboolean
lb_xml_check_bytes (LbXmlSource *src, gsize max_size)
{
  if (src->len == 0)
    {
      lb_xml_add_problem (src, LB_ERROR_PARSE, 1, 1, _("the file is empty"));
      return FALSE;
    }
  if (src->len > max_size)
    {
      too_large (src, src->len, max_size);
      return FALSE;
    }
  const char *end = NULL;
  if (!g_utf8_validate_len (src->data, src->len, &end))
    {
      guint line = 1;
      const char *line_start = src->data;
      for (const char *p = src->data; p < end; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      guint column = (guint) g_utf8_strlen (line_start, end - line_start) + 1;
      lb_xml_add_problem (src, LB_ERROR_PARSE, line, column,
                          _("the file is not valid UTF-8 text (byte 0x%02X); save it as UTF-8"),
                          (guint) (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

/* ---- parsing ---- */

static const char *
parse_error_message (LbXmlSource *src, const xmlError *err)
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
      if (src->dialect == LB_XML_INSTRUMENT)
        return _("entities are not allowed in an instrument");
      return _("entities are not allowed in Lesbezoek files");
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
unclosed_comment_line (LbXmlSource *src, guint fallback)
{
  const char *closed = g_strrstr_len (src->data, (gssize) src->len, "-->");
  const char *from = closed ? closed + 3 : src->data;
  const char *open = g_strstr_len (from, (gssize) (src->data + src->len - from), "<!--");
  guint line = 1;

  if (open == NULL)
    return fallback;
  for (const char *p = src->data; p < open; p++)
    line += *p == '\n';
  return line;
}

/* Whatever libxml2 calls it, an error at the very end of the input of a
 * document that has begun means the file was cut off. An unclosed comment
 * is the exception: that message already points at where to fix it. */
static gboolean
cut_off (xmlParserCtxtPtr ctxt, const xmlError *err)
{
  return err->code != XML_ERR_DOCUMENT_EMPTY && err->code != XML_ERR_DOCUMENT_END &&
         err->code != XML_ERR_COMMENT_NOT_FINISHED && ctxt->input && ctxt->input->cur &&
         ctxt->input->end && ctxt->input->cur >= ctxt->input->end && ctxt->nameNr > 0;
}

static void
parse_error_cb (void *ctx, xmlErrorPtr err)
{
  xmlParserCtxtPtr ctxt = ctx;
  LbXmlSource *src = ctxt->_private;
  guint line = err->line > 0 ? (guint) err->line : 1;
  guint column = err->int2 > 0 ? (guint) err->int2 : 1;

  if (err->level == XML_ERR_WARNING)
    return;
  /* After the first error libxml2 keeps going only to resynchronise, and
   * what it reports then ("closing tag does not match" far below a broken
   * attribute) points people at lines that are fine. Stopping the parser
   * from inside its error handler is not safe, so ignore the rest. */
  if (src->problems->len > 0)
    return;
  if (err->code == XML_ERR_COMMENT_NOT_FINISHED)
    {
      line = unclosed_comment_line (src, line);
      column = lb_xml_column_of (src, line, "<!--");
    }
  const char *nice = cut_off (ctxt, err)
    ? _("the file ends before all elements are closed (is it truncated?)")
    : parse_error_message (src, err);
  g_autofree char *raw = raw_message (err);
  if (nice)
    lb_xml_add_problem (src, LB_ERROR_PARSE, line, column, "%s", nice);
  else
    lb_xml_add_problem (src, LB_ERROR_PARSE, line, column,
                        _("the file is not well-formed XML: %s"), raw);
}

/* Called as soon as "<!DOCTYPE name ..." has been read, before the
 * internal subset (where entities would be declared) is parsed. */
static void
doctype_cb (void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  LbXmlSource *src = ctxt->_private;
  guint line = ctxt->input ? (guint) ctxt->input->line : 1;

  guint column = lb_xml_column_of (src, line, "<!DOCTYPE");

  /* Only the first problem of a parse is kept, as in parse_error_cb(). */
  if (src->problems->len == 0 && src->dialect == LB_XML_INSTRUMENT)
    lb_xml_add_problem (src, LB_ERROR_FORBIDDEN, line, column,
                        _("the file contains a document type declaration (<!DOCTYPE>); "
                          "instruments may not use DTDs or entities"));
  else if (src->problems->len == 0)
    lb_xml_add_problem (src, LB_ERROR_FORBIDDEN, line, column,
                        _("the file contains a document type declaration (<!DOCTYPE>); "
                          "Lesbezoek files may not use DTDs or entities"));
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
  return NULL;  /* nothing a Lesbezoek file needs lives outside it */
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

/* Keeps whitespace as it is unless @src->drop_blanks: in an exchange file
 * the spaces and newlines of a note are content. */
xmlDoc *
lb_xml_parse (LbXmlSource *src)
{
  init_libxml_once ();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      lb_xml_add_problem (src, LB_ERROR_FAILED, 1, 1, _("out of memory"));
      return NULL;
    }
  ctxt->_private = src;
  ctxt->sax->serror = parse_error_cb;
  ctxt->sax->internalSubset = doctype_cb;
  ctxt->sax->externalSubset = doctype_cb;
  ctxt->sax->entityDecl = entity_decl_cb;

  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  if (src->drop_blanks)
    options |= XML_PARSE_NOBLANKS;
  xmlDoc *doc = xmlCtxtReadMemory (ctxt, src->data, (int) src->len, src->filename, "UTF-8", options);
  gboolean ok = doc != NULL && ctxt->wellFormed && src->problems->len == 0;
  if (!ok && src->problems->len == 0)
    lb_xml_add_problem (src, LB_ERROR_PARSE, 1, 1, _("the file is not well-formed XML"));
  xmlFreeParserCtxt (ctxt);
  if (!ok)
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}

/* ---- schema ---- */

static xmlRelaxNGPtr
compile_schema (const char *resource_path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource_path, 0, NULL);
  g_assert (bytes != NULL);  /* compiled in: missing means a broken build */
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert (schema != NULL);
  return schema;
}

/* A compiled schema is only read while validating, so one per resource
 * serves every thread; they live as long as the process. */
static xmlRelaxNGPtr
get_schema (const char *resource_path)
{
  static GMutex lock;
  static GHashTable *schemas;  /* resource path → xmlRelaxNGPtr */

  init_libxml_once ();
  g_mutex_lock (&lock);
  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlRelaxNGPtr schema = g_hash_table_lookup (schemas, resource_path);
  if (schema == NULL)
    {
      schema = compile_schema (resource_path);
      g_hash_table_insert (schemas, g_strdup (resource_path), schema);
    }
  g_mutex_unlock (&lock);
  return schema;
}

static void
schema_error_cb (void *data, xmlErrorPtr err)
{
  LbXmlSource *src = data;
  g_autofree char *raw = raw_message (err);
  xmlNode *node = err->node;
  gboolean attributes = err->code == XML_RELAXNG_ERR_ATTRVALID && err->str1 != NULL;

  /* libxml2 reports a failed attribute at the element's first child (a
   * text, when blanks are kept), so climb back to the element it names. */
  while (attributes && node && node->parent && node->parent->type == XML_ELEMENT_NODE &&
         !(node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) err->str1)))
    node = node->parent;
  long node_line = node ? xmlGetLineNo (node) : -1;
  guint line = node_line > 0 ? (guint) node_line : err->line > 0 ? (guint) err->line : 1;
  guint column = 1;

  if (node && node->type == XML_ELEMENT_NODE)
    {
      g_autofree char *needle = g_strdup_printf ("<%s", (const char *) node->name);
      column = lb_xml_column_of (src, line, needle);
    }
  if (attributes)
    lb_xml_add_problem (src, LB_ERROR_SCHEMA, line, column,
                        _("<%s> lacks a required attribute or has an attribute with a value "
                          "that is not allowed"), err->str1);
  else if (src->dialect == LB_XML_INSTRUMENT)
    lb_xml_add_problem (src, LB_ERROR_SCHEMA, line, column,
                        _("does not follow the instrument schema: %s"), raw);
  else
    lb_xml_add_problem (src, LB_ERROR_SCHEMA, line, column,
                        _("does not follow the schema: %s"), raw);
}

gboolean
lb_xml_validate (LbXmlSource *src, xmlDoc *doc, const char *schema_resource)
{
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (get_schema (schema_resource));
  xmlRelaxNGSetValidStructuredErrors (vctxt, schema_error_cb, src);
  int rc = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (rc != 0 && src->problems->len == 0 && src->dialect == LB_XML_INSTRUMENT)
    lb_xml_add_problem (src, LB_ERROR_SCHEMA, 1, 1, _("does not follow the instrument schema"));
  else if (rc != 0 && src->problems->len == 0)
    lb_xml_add_problem (src, LB_ERROR_SCHEMA, 1, 1, _("does not follow the schema"));
  return rc == 0;
}

/* ---- attribute values, checked, with located messages ---- */

static gboolean
all_of (const char *s, gsize from, gsize to, const char *allowed)
{
  for (gsize i = from; i < to; i++)
    if (s[i] == '\0' || strchr (allowed, s[i]) == NULL)
      return FALSE;
  return TRUE;
}

#define DIGITS "0123456789"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static gboolean
valid_date (const char *s)
{
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-' || !all_of (s, 0, 4, DIGITS) ||
      !all_of (s, 5, 7, DIGITS) || !all_of (s, 8, 10, DIGITS))
    return FALSE;
  int y = atoi (s), m = atoi (s + 5), d = atoi (s + 8);
  return y >= 1 && m >= 1 && m <= 12 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
valid_time (const char *s)
{
  return strlen (s) == 5 && s[2] == ':' && all_of (s, 0, 2, DIGITS) && all_of (s, 3, 5, DIGITS) &&
         atoi (s) < 24 && atoi (s + 3) < 60;
}

/* "2026-11-26T09:15:02.123Z": UTC, as lb_timestamp_now() writes them. */
static gboolean
valid_timestamp (const char *s)
{
  gsize len = strlen (s);
  if (len < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[len - 1] != 'Z')
    return FALSE;
  g_autofree char *date = g_strndup (s, 10);
  if (!valid_date (date) || !all_of (s, 11, 13, DIGITS) || !all_of (s, 14, 16, DIGITS) ||
      !all_of (s, 17, 19, DIGITS) || atoi (s + 11) > 23 || atoi (s + 14) > 59 || atoi (s + 17) > 59)
    return FALSE;
  if (len == 20)
    return TRUE;
  return s[19] == '.' && len >= 22 && len <= 27 && all_of (s, 20, len - 1, DIGITS);
}

static gboolean
valid_version (const char *s)
{
  guint parts = 0;
  for (const char *p = s;; p++)
    {
      const char *start = p;
      while (g_ascii_isdigit (*p))
        p++;
      if (p == start)
        return FALSE;
      parts++;
      if (*p == '\0')
        return parts <= 3;
      if (*p != '.')
        return FALSE;
    }
}

gboolean
lb_xml_is_valid (LbXmlKind kind, const char *s)
{
  g_return_val_if_fail (s != NULL, FALSE);
  gsize len = strlen (s);
  switch (kind)
    {
    case LB_XML_TEXT:
      return TRUE;
    case LB_XML_ID:
      return len >= 1 && len <= 64 && all_of (s, 0, 1, LOWER DIGITS) && all_of (s, 1, len, LOWER DIGITS "._-");
    case LB_XML_UUID:
      return len >= 1 && len <= 100 && all_of (s, 0, 1, LOWER UPPER DIGITS) &&
             all_of (s, 1, len, LOWER UPPER DIGITS "._:-");
    case LB_XML_SHA256:
      return len == 64 && all_of (s, 0, len, DIGITS "abcdef");
    case LB_XML_VERSION:
      return valid_version (s);
    case LB_XML_DATE:
      return valid_date (s);
    case LB_XML_TIME:
      return valid_time (s);
    case LB_XML_TIMESTAMP:
      return valid_timestamp (s);
    default:
      g_assert_not_reached ();
    }
}

gboolean
lb_xml_is_language (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);
  gsize n = 0;
  while (g_ascii_islower (code[n]))
    n++;
  if (n < 2 || n > 3)
    return FALSE;
  if (code[n] == '\0')
    return TRUE;
  if (code[n] != '-')
    return FALSE;
  gsize m = 0;
  while (g_ascii_isalnum (code[n + 1 + m]))
    m++;
  return m >= 2 && m <= 8 && code[n + 1 + m] == '\0';
}

static const char *
invalid_message (LbXmlKind kind)
{
  switch (kind)
    {
    case LB_XML_ID:
      return _("%s=\"%s\" is not a valid id: use a–z, 0–9, “.”, “_” and “-”, at most 64 characters");
    case LB_XML_UUID:
      return _("%s=\"%s\" is not a valid identifier");
    case LB_XML_SHA256:
      return _("%s=\"%s\" is not a SHA-256 hash (64 hexadecimal digits)");
    case LB_XML_VERSION:
      return _("%s=\"%s\" is not a version number like 1.0");
    case LB_XML_DATE:
      return _("%s=\"%s\" is not a date; write it as YYYY-MM-DD");
    case LB_XML_TIME:
      return _("%s=\"%s\" is not a time; write it as HH:MM");
    case LB_XML_TIMESTAMP:
      return _("%s=\"%s\" is not a time stamp like 2026-11-26T09:15:02.123Z");
    case LB_XML_TEXT:
    default:
      g_assert_not_reached ();
    }
}

/* A value quoted in a message: one line, not too long. */
static char *
shorten (const char *value)
{
  g_autoptr(GString) s = g_string_new (NULL);
  for (const char *p = value; *p && s->len < 40; p = g_utf8_next_char (p))
    {
      if (*p == '\n' || *p == '\t' || *p == '\r')
        g_string_append_c (s, ' ');
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  if (strlen (value) > s->len)
    g_string_append (s, "…");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
lb_xml_attr (LbXmlSource *src, xmlNode *node, const char *name, LbXmlKind kind, gboolean required)
{
  xmlChar *raw = xmlGetNoNsProp (node, (const xmlChar *) name);
  if (raw == NULL)
    {
      if (required)
        lb_xml_node_problem (src, LB_ERROR_INVALID, node, NULL,
                             _("<%s> lacks the required attribute %s="), (const char *) node->name, name);
      return NULL;
    }
  char *value = g_strdup ((const char *) raw);
  xmlFree (raw);
  if (kind == LB_XML_TEXT || lb_xml_is_valid (kind, value))
    return value;
  g_autofree char *quoted = shorten (value);
  lb_xml_node_problem (src, LB_ERROR_INVALID, node, name, invalid_message (kind), name, quoted);
  g_free (value);
  return NULL;
}

gboolean
lb_xml_attr_int (LbXmlSource *src, xmlNode *node, const char *name, int min, int max, gboolean required,
                 int *out)
{
  g_autofree char *value = lb_xml_attr (src, node, name, LB_XML_TEXT, required);
  if (value == NULL)
    return FALSE;
  gint64 n;
  /* Plain decimal digits only: no "+5", " 5" or "0x5". */
  gboolean ok = (g_ascii_isdigit (value[0]) || (value[0] == '-' && g_ascii_isdigit (value[1]))) &&
                g_ascii_string_to_signed (value, 10, min, max, &n, NULL);
  if (!ok)
    {
      g_autofree char *quoted = shorten (value);
      lb_xml_node_problem (src, LB_ERROR_INVALID, node, name,
                           _("%s=\"%s\" is not a whole number from %d to %d"), name, quoted, min, max);
      return FALSE;
    }
  *out = (int) n;
  return TRUE;
}

gboolean
lb_xml_attr_bool (LbXmlSource *src, xmlNode *node, const char *name, gboolean required, gboolean *out)
{
  g_autofree char *value = lb_xml_attr (src, node, name, LB_XML_TEXT, required);
  if (value == NULL)
    return FALSE;
  if (g_str_equal (value, "true") || g_str_equal (value, "false"))
    return *out = g_str_equal (value, "true"), TRUE;
  g_autofree char *quoted = shorten (value);
  lb_xml_node_problem (src, LB_ERROR_INVALID, node, name, _("%s=\"%s\" must be true or false"),
                       name, quoted);
  return FALSE;
}

/* One of @codes (NULL-terminated); *out is its index. */
gboolean
lb_xml_attr_enum (LbXmlSource *src, xmlNode *node, const char *name, const char * const *codes, int *out)
{
  g_autofree char *value = lb_xml_attr (src, node, name, LB_XML_TEXT, TRUE);
  if (value == NULL)
    return FALSE;
  for (int i = 0; codes[i]; i++)
    if (g_str_equal (codes[i], value))
      return *out = i, TRUE;
  g_autofree char *quoted = shorten (value);
  g_autofree char *allowed = g_strjoinv (", ", (char **) codes);
  lb_xml_node_problem (src, LB_ERROR_INVALID, node, name, _("%s=\"%s\" is not one of: %s"),
                       name, quoted, allowed);
  return FALSE;
}

/* ---- results ---- */

void
lb_xml_fail (LbXmlSource *src, GPtrArray *problems, GError **error)
{
  g_autoptr(GString) all = g_string_new (NULL);
  for (guint i = 0; i < src->problems->len; i++)
    {
      g_autofree char *line = lb_problem_format (src->problems->pdata[i], src->filename);
      if (i > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, line);
    }
  g_set_error_literal (error, LB_ERROR, src->code, all->str);
  if (problems)
    for (guint i = 0; i < src->problems->len; i++)
      g_ptr_array_add (problems, g_steal_pointer (&src->problems->pdata[i]));
}

GBytes *
lb_xml_read_regular_file (const char *path, gsize max_size, guint64 *too_large, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (too_large != NULL, NULL);
  *too_large = 0;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  struct stat st;
  int saved = errno;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      saved = fd < 0 ? saved : errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("%s: cannot read the file: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("%s: cannot read the file: it is not a regular file"), path);
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      *too_large = (guint64) st.st_size;
      return NULL;
    }
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("%s: cannot read the file: %s"), path, local->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

GBytes *
lb_xml_read_file (const char *path, gsize max_size, GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  guint64 size = 0;
  GBytes *bytes = lb_xml_read_regular_file (path, max_size, &size, error);
  if (bytes == NULL && size > 0)
    {
      LbXmlSource src = { .filename = path };
      src.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
      too_large (&src, size, max_size);
      lb_xml_fail (&src, problems, error);
      lb_xml_source_clear (&src);
    }
  return bytes;
}
