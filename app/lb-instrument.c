/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument"

#include "config.h"
#include "lb-instrument-private.h"
#include "lb-error.h"
#include "lb-xml.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (LbInstrument, lb_instrument, G_TYPE_OBJECT)

void
lb_problem_free (LbProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* The compiler-style "FILE:LINE:COLUMN: message" that editors and people
 * both understand. */
char *
lb_problem_format (const LbProblem *problem, const char *filename)
{
  return g_strdup_printf ("%s:%u:%u: %s", filename ? filename : "-",
                          problem->line, problem->column, problem->message);
}

static void
snapshot_free (gpointer data)
{
  LbSnapshot *s = data;
  g_free (s->id);
  g_clear_object (&s->scale);
  g_clear_pointer (&s->text, lb_text_unref);
  g_free (s->applies_when);
  g_strfreev (s->applies_codes);
  g_free (s->sessions);
  g_free (s);
}

static void
lb_instrument_finalize (GObject *object)
{
  LbInstrument *self = LB_INSTRUMENT (object);

  g_free (self->id);
  g_free (self->version);
  g_free (self->filename);
  g_free (self->sha256);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->authors, g_strfreev);
  g_clear_pointer (&self->title, lb_text_unref);
  g_clear_pointer (&self->description, lb_text_unref);
  g_clear_pointer (&self->source, lb_text_unref);
  g_clear_pointer (&self->validation, lb_text_unref);
  g_clear_pointer (&self->scales, g_ptr_array_unref);
  g_clear_object (&self->domains);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->snapshots, g_ptr_array_unref);
  g_clear_pointer (&self->cal_description, lb_text_unref);
  g_free (self->session_observe);
  g_free (self->session_score);
  g_clear_pointer (&self->session_titles, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_instrument_parent_class)->finalize (object);
}

static void
lb_instrument_class_init (LbInstrumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_instrument_finalize;
}

static void
lb_instrument_init (LbInstrument *self)
{
  self->title = lb_text_new ();
  self->description = lb_text_new ();
  self->source = lb_text_new ();
  self->validation = lb_text_new ();
  self->cal_description = lb_text_new ();
  self->scales = g_ptr_array_new_with_free_func (g_object_unref);
  self->domains = g_list_store_new (LB_TYPE_NODE);
  self->nodes = g_hash_table_new (g_str_hash, g_str_equal);
  self->items = g_ptr_array_new ();
  self->snapshots = g_ptr_array_new_with_free_func (snapshot_free);
  self->format = 1;
  self->cal_references = 1;
}

LbInstrument *
lb_instrument_new_empty (void)
{
  return g_object_new (LB_TYPE_INSTRUMENT, NULL);
}

static void
index_node (LbInstrument *self, LbNode *node)
{
  g_hash_table_insert (self->nodes, (gpointer) lb_node_get_id (node), node);
  if (lb_node_get_kind (node) == LB_NODE_ITEM)
    g_ptr_array_add (self->items, node);
  if (lb_node_get_kind (node) == LB_NODE_INDICATOR)
    self->n_indicators++;
  guint n = lb_node_get_n_children (node);
  for (guint i = 0; i < n; i++)
    index_node (self, lb_node_get_child (node, i));
}

/* Called by the loader once the tree is complete: builds the lookup
 * tables, which are then never changed again. */
void
lb_instrument_finish (LbInstrument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->domains));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (G_LIST_MODEL (self->domains), i);
      index_node (self, d);
    }
}

LbInstrument *
lb_instrument_load_file (const char *path, GPtrArray *problems, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 too_large = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Only regular files, refused before reading when absurdly large: a FIFO
   * or /dev/zero must not hang the app. The loader's own, lower size limit
   * then speaks for files that are merely too large. */
  g_autoptr(GBytes) bytes = lb_xml_read_regular_file (path, 256 * 1024 * 1024, &too_large, &local_error);
  if (bytes == NULL && too_large)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%.1f MB) to be an instrument"), path, too_large / 1e6);
      return NULL;
    }
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return lb_instrument_load_bytes (bytes, path, problems, error);
}

LbInstrument *
lb_instrument_load_default (GError **error)
{
  g_autoptr(GBytes) bytes =
    g_resources_lookup_data (LB_INSTRUMENT_RESOURCE_DIR "/" LB_DEFAULT_INSTRUMENT_ID ".xml",
                             G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return lb_instrument_load_bytes (bytes, "resource:///" LB_DEFAULT_INSTRUMENT_ID ".xml",
                                   NULL, error);
}

const char *
lb_instrument_get_id (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->id;
}

const char *
lb_instrument_get_version (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->version;
}

const char *
lb_instrument_get_filename (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->filename;
}

const char *
lb_instrument_get_sha256 (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->sha256;
}

GBytes *
lb_instrument_get_bytes (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->bytes;
}

const char * const *
lb_instrument_get_languages (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return (const char * const *) self->languages;
}

LbText *
lb_instrument_get_title (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->title;
}

LbText *
lb_instrument_get_description (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->description;
}

LbText *
lb_instrument_get_source (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->source;
}

LbText *
lb_instrument_get_validation (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->validation;
}

const char * const *
lb_instrument_get_authors (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return (const char * const *) self->authors;
}

GListModel *
lb_instrument_get_domains (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return G_LIST_MODEL (self->domains);
}

GPtrArray *
lb_instrument_get_scales (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->scales;
}

LbScale *
lb_instrument_find_scale (LbInstrument *self, const char *id)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  for (guint i = 0; i < self->scales->len; i++)
    if (g_strcmp0 (lb_scale_get_id (self->scales->pdata[i]), id) == 0)
      return self->scales->pdata[i];
  return NULL;
}

LbNode *
lb_instrument_find_node (LbInstrument *self, const char *id)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->nodes, id) : NULL;
}

GPtrArray *
lb_instrument_get_items (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->items;
}

guint
lb_instrument_get_n_items (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), 0);
  return self->items->len;
}

guint
lb_instrument_get_n_indicators (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), 0);
  return self->n_indicators;
}

LbSessionsKind
lb_instrument_get_sessions (LbInstrument *self, guint *count, guint *observe_minutes,
                            guint *score_minutes, gboolean *combine_mean)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), LB_SESSIONS_NONE);
  if (count) *count = self->session_count;
  if (observe_minutes) *observe_minutes = self->observe_minutes;
  if (score_minutes) *score_minutes = self->score_minutes;
  if (combine_mean) *combine_mean = self->combine_mean;
  return self->sessions;
}

GPtrArray *
lb_instrument_get_snapshots (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->snapshots;
}

gboolean
lb_instrument_get_calibration (LbInstrument *self, guint *within, double *share,
                               double *snapshots_exact)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), FALSE);
  if (within) *within = self->cal_within;
  if (share) *share = self->cal_share;
  if (snapshots_exact) *snapshots_exact = self->cal_snapshots_exact;
  return self->has_calibration;
}

LbText *
lb_instrument_get_calibration_description (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  return self->cal_description;
}

/* Which format the file was written in: 1 or 2. Writers keep it, so a
 * format 1 instrument round-trips as format 1. */
guint
lb_instrument_get_format (LbInstrument *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), 1);
  return self->format;
}

gboolean
lb_snapshot_in_session (const LbSnapshot *snapshot, guint session)
{
  g_return_val_if_fail (snapshot != NULL, FALSE);
  if (snapshot->n_sessions == 0)
    return TRUE;
  for (guint i = 0; i < snapshot->n_sessions; i++)
    if (snapshot->sessions[i] == session)
      return TRUE;
  return FALSE;
}

const LbSnapshot *
lb_instrument_find_snapshot (LbInstrument *self, const char *id)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < self->snapshots->len; i++)
    {
      const LbSnapshot *s = g_ptr_array_index (self->snapshots, i);
      if (g_str_equal (s->id, id))
        return s;
    }
  return NULL;
}

/* The timing of one session (1-based): its own when format 2 declares a
 * <session> for it, else that of <sessions>. FALSE when the instrument has
 * no sessions or @session is out of range. */
gboolean
lb_instrument_get_session_minutes (LbInstrument *self, guint session,
                                   guint *observe_minutes, guint *score_minutes)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), FALSE);
  if (self->sessions == LB_SESSIONS_NONE || session < 1 || session > self->session_count)
    return FALSE;
  guint observe = self->observe_minutes, score = self->score_minutes;
  if (self->session_observe != NULL && self->session_observe[session - 1] > 0)
    {
      observe = self->session_observe[session - 1];
      score = self->session_score[session - 1];
    }
  if (observe_minutes) *observe_minutes = observe;
  if (score_minutes) *score_minutes = score;
  return TRUE;
}

/* The title format 2 gives one session ("Instructie"), or NULL. */
LbText *
lb_instrument_get_session_title (LbInstrument *self, guint session)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), NULL);
  if (self->session_titles == NULL || session < 1 || session > self->session_titles->len)
    return NULL;
  LbText *t = g_ptr_array_index (self->session_titles, session - 1);
  return lb_text_is_empty (t) ? NULL : t;
}

/* Format 2's calibration over several reference observations ("in each of
 * 3 videos"): how many, and whether the standard must hold in each of them
 * (TRUE) or over all of them together. Format 1: one reference. */
gboolean
lb_instrument_get_calibration_references (LbInstrument *self, guint *references, gboolean *each)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT (self), FALSE);
  if (references) *references = self->cal_references;
  if (each) *each = self->cal_each;
  return self->has_calibration;
}

char *
lb_snapshot_format_sessions (const LbSnapshot *snap)
{
  g_return_val_if_fail (snap != NULL, NULL);
  if (snap->n_sessions == 0)
    return NULL;
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < snap->n_sessions; i++)
    g_string_append_printf (s, "%s%u", i ? " " : "", snap->sessions[i]);
  return g_string_free (s, FALSE);
}
