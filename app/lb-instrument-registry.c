/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-registry"

#include "config.h"
#include "lb-instrument-registry.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

struct _LbInstrumentRegistry
{
  GObject     parent_instance;
  char       *directory;
  GListStore *instruments;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LbInstrumentRegistry, lb_instrument_registry, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return LB_TYPE_INSTRUMENT;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (LB_INSTRUMENT_REGISTRY (model)->instruments));
}

static gpointer
get_item (GListModel *model, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (LB_INSTRUMENT_REGISTRY (model)->instruments), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed_cb (GListModel *store, guint position, guint removed, guint added, gpointer self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
lb_instrument_registry_finalize (GObject *object)
{
  LbInstrumentRegistry *self = LB_INSTRUMENT_REGISTRY (object);
  g_free (self->directory);
  g_clear_object (&self->instruments);
  G_OBJECT_CLASS (lb_instrument_registry_parent_class)->finalize (object);
}

static void
lb_instrument_registry_class_init (LbInstrumentRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_instrument_registry_finalize;
}

static void
lb_instrument_registry_init (LbInstrumentRegistry *self)
{
  self->instruments = g_list_store_new (LB_TYPE_INSTRUMENT);
  g_signal_connect_object (self->instruments, "items-changed", G_CALLBACK (items_changed_cb),
                           self, 0);
}

char *
lb_instrument_registry_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "lesbezoek", "instruments", NULL);
}

LbInstrumentRegistry *
lb_instrument_registry_new (const char *directory)
{
  LbInstrumentRegistry *self = g_object_new (LB_TYPE_INSTRUMENT_REGISTRY, NULL);
  self->directory = directory ? g_strdup (directory) : lb_instrument_registry_default_directory ();
  return self;
}

const char *
lb_instrument_registry_get_directory (LbInstrumentRegistry *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_REGISTRY (self), NULL);
  return self->directory;
}

static int
compare_files (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* Loads the embedded default and every *.xml in the directory. A broken
 * user file does not stop the others: it is reported in @warnings. */
gboolean
lb_instrument_registry_load (LbInstrumentRegistry *self, GPtrArray *warnings, GError **error)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_REGISTRY (self), FALSE);

  g_autoptr(LbInstrument) def = lb_instrument_load_default (error);
  if (def == NULL)
    return FALSE;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (all, g_steal_pointer (&def));

  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_build_filename (self->directory, name, NULL));
  g_ptr_array_sort (names, compare_files);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) local = NULL;
      LbInstrument *inst = lb_instrument_load_file (names->pdata[i], NULL, &local);
      if (inst)
        g_ptr_array_add (all, inst);
      else if (warnings)
        g_ptr_array_add (warnings, g_strdup (local->message));
    }
  g_list_store_splice (self->instruments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->instruments)),
                       all->pdata, all->len);
  return TRUE;
}

LbInstrument *
lb_instrument_registry_find (LbInstrumentRegistry *self, const char *id, const char *version)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_REGISTRY (self), NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instruments));
  LbInstrument *best = NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (self->instruments), i);
      if (g_strcmp0 (lb_instrument_get_id (inst), id) != 0)
        continue;
      if (version && g_strcmp0 (lb_instrument_get_version (inst), version) != 0)
        continue;
      /* Without a version: the newest one. */
      if (best == NULL || strverscmp (lb_instrument_get_version (inst),
                                      lb_instrument_get_version (best)) > 0)
        best = inst;
    }
  return best;
}

LbInstrument *
lb_instrument_registry_find_by_hash (LbInstrumentRegistry *self, const char *sha256)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_REGISTRY (self), NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instruments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (self->instruments), i);
      if (g_strcmp0 (lb_instrument_get_sha256 (inst), sha256) == 0)
        return inst;
    }
  return NULL;
}

/* Validates @path and keeps a private copy named after id and version, so
 * the instrument stays available even if the original file goes away. */
LbInstrument *
lb_instrument_registry_import (LbInstrumentRegistry *self, const char *path,
                               GPtrArray *problems, GError **error)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_REGISTRY (self), NULL);

  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, problems, error);
  if (inst == NULL)
    return NULL;
  LbInstrument *existing = lb_instrument_registry_find (self, lb_instrument_get_id (inst),
                                                        lb_instrument_get_version (inst));
  if (existing && g_strcmp0 (lb_instrument_get_sha256 (existing), lb_instrument_get_sha256 (inst)) == 0)
    return g_object_ref (existing);
  if (existing)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID,
                   _("%s: another instrument “%s” version %s is already present with different "
                     "content; give this one a new version number"),
                   path, lb_instrument_get_id (inst), lb_instrument_get_version (inst));
      return NULL;
    }
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("cannot create the folder %s: %s"),
                   self->directory, g_strerror (errno));
      return NULL;
    }
  g_autofree char *base = g_strdup_printf ("%s-%s.xml", lb_instrument_get_id (inst),
                                           lb_instrument_get_version (inst));
  g_autofree char *dest = g_build_filename (self->directory, base, NULL);
  gsize len;
  const char *data = g_bytes_get_data (lb_instrument_get_bytes (inst), &len);
  g_autoptr(GError) local = NULL;
  if (!g_file_set_contents_full (dest, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("cannot save the instrument: %s"), local->message);
      return NULL;
    }
  g_list_store_append (self->instruments, inst);
  return g_steal_pointer (&inst);
}
