/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-loader"

/* Reading an instrument file safely with lb-xml.c (no network, no DTD, no
 * entities, a size cap, strict UTF-8, the RELAX NG schema compiled into the
 * binary), then building the model (lb-instrument-builder.c). Every problem
 * carries a line and column, and all of them are reported. */

#include "config.h"
#include "lb-instrument-loader-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define LB_MAX_FILE_SIZE (16 * 1024 * 1024)

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
  if (format != NULL && g_str_equal ((const char *) format, "1"))
    L->format = 1;
  else if (format != NULL && g_str_equal ((const char *) format, "2"))
    L->format = 2;
  if (format == NULL)
    lb_loader_node_problem (L, root, NULL,
                            _("<instrument> lacks the required attribute format=\"1\" or "
                              "format=\"2\""));
  else if (L->format == 0)
    lb_loader_node_problem (L, root, "format",
                            _("format version “%s” is not supported; this version of Lesbezoek "
                              "reads format=\"1\" and format=\"2\""),
                            (const char *) format);
  xmlFree (format);
  return L->format != 0;
}

static char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

LbInstrument *
lb_instrument_load_bytes (GBytes *bytes, const char *filename, GPtrArray *problems,
                          GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LbLoader L = { 0 };
  lb_xml_source_init (&L.src, bytes, filename);
  L.src.dialect = LB_XML_INSTRUMENT;
  L.src.drop_blanks = TRUE;
  L.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  L.inst = lb_instrument_new_empty ();

  xmlDoc *doc = NULL;
  if (lb_xml_check_bytes (&L.src, LB_MAX_FILE_SIZE) && (doc = lb_xml_parse (&L.src)) != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      if (root == NULL)
        lb_xml_add_problem (&L.src, LB_ERROR_PARSE, 1, 1, _("the file contains no XML"));
      else if (check_root (&L, root) && lb_loader_build (&L, root))
        lb_xml_validate (&L.src, doc, L.format == 2
                                      ? LB_INSTRUMENT_RESOURCE_DIR "/instrument-2.rng"
                                      : LB_INSTRUMENT_RESOURCE_DIR "/instrument.rng");
    }
  g_clear_pointer (&doc, xmlFreeDoc);

  LbInstrument *result = NULL;
  if (L.src.problems->len == 0)
    {
      result = g_steal_pointer (&L.inst);
      result->bytes = g_bytes_ref (bytes);
      result->sha256 = sha256_hex (bytes);
      result->filename = g_strdup (L.src.filename);
      result->format = L.format;
      lb_instrument_finish (result);
    }
  else
    lb_xml_fail (&L.src, problems, error);

  g_clear_object (&L.inst);
  g_clear_pointer (&L.ids, g_hash_table_unref);
  g_clear_pointer (&L.languages, g_strfreev);
  lb_xml_source_clear (&L.src);
  return result;
}
