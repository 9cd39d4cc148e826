/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-scale"

#include "config.h"
#include "lb-scale.h"

#include <glib/gi18n.h>
#include <math.h>

struct _LbScale
{
  GObject  parent_instance;
  char    *id;
  LbText  *title;
  GArray  *levels;  /* LbLevel */
  GArray  *bands;   /* LbBand */
  gboolean not_observed_allowed;
  LbText  *not_observed_label;
};

G_DEFINE_FINAL_TYPE (LbScale, lb_scale, G_TYPE_OBJECT)

static void
level_clear (gpointer data)
{
  LbLevel *l = data;
  g_free (l->id);
  g_clear_pointer (&l->label, lb_text_unref);
  g_clear_pointer (&l->description, lb_text_unref);
}

static void
band_clear (gpointer data)
{
  LbBand *b = data;
  g_free (b->id);
  g_clear_pointer (&b->label, lb_text_unref);
}

static void
lb_scale_finalize (GObject *object)
{
  LbScale *self = LB_SCALE (object);

  g_free (self->id);
  g_clear_pointer (&self->title, lb_text_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->not_observed_label, lb_text_unref);
  G_OBJECT_CLASS (lb_scale_parent_class)->finalize (object);
}

static void
lb_scale_class_init (LbScaleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_scale_finalize;
}

static void
lb_scale_init (LbScale *self)
{
  self->levels = g_array_new (FALSE, TRUE, sizeof (LbLevel));
  g_array_set_clear_func (self->levels, level_clear);
  self->bands = g_array_new (FALSE, TRUE, sizeof (LbBand));
  g_array_set_clear_func (self->bands, band_clear);
  self->title = lb_text_new ();
  self->not_observed_label = lb_text_new ();
  self->not_observed_allowed = TRUE;
}

LbScale *
lb_scale_new (const char *id)
{
  LbScale *self = g_object_new (LB_TYPE_SCALE, NULL);
  self->id = g_strdup (id);
  return self;
}

const char *
lb_scale_get_id (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  return self->id;
}

LbText *
lb_scale_get_title (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  return self->title;
}

guint
lb_scale_get_n_levels (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), 0);
  return self->levels->len;
}

const LbLevel *
lb_scale_get_level (LbScale *self, guint index)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  g_return_val_if_fail (index < self->levels->len, NULL);
  return &g_array_index (self->levels, LbLevel, index);
}

int
lb_scale_find_level (LbScale *self, const char *level_id)
{
  g_return_val_if_fail (LB_IS_SCALE (self), -1);
  for (guint i = 0; i < self->levels->len; i++)
    if (g_strcmp0 (g_array_index (self->levels, LbLevel, i).id, level_id) == 0)
      return (int) i;
  return -1;
}

int
lb_scale_find_value (LbScale *self, double value)
{
  g_return_val_if_fail (LB_IS_SCALE (self), -1);
  for (guint i = 0; i < self->levels->len; i++)
    if (fabs (g_array_index (self->levels, LbLevel, i).value - value) < 1e-9)
      return (int) i;
  return -1;
}

guint
lb_scale_get_n_bands (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), 0);
  return self->bands->len;
}

const LbBand *
lb_scale_get_band (LbScale *self, guint index)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  g_return_val_if_fail (index < self->bands->len, NULL);
  return &g_array_index (self->bands, LbBand, index);
}

gboolean
lb_scale_get_not_observed_allowed (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), TRUE);
  return self->not_observed_allowed;
}

/* The instrument may name the "not observed" choice itself; otherwise the
 * app's own translated label is used. */
const char *
lb_scale_get_not_observed_label (LbScale *self, const char *lang)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  if (!lb_text_is_empty (self->not_observed_label))
    return lb_text_get (self->not_observed_label, lang);
  return _("not observed");
}

/* The instrument's own label, in every language it has; empty when the
 * instrument names none (for writing the instrument back out). */
LbText *
lb_scale_get_not_observed_text (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self), NULL);
  return self->not_observed_label;
}

double
lb_scale_get_min (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self) && self->levels->len > 0, 0);
  return g_array_index (self->levels, LbLevel, 0).value;
}

double
lb_scale_get_max (LbScale *self)
{
  g_return_val_if_fail (LB_IS_SCALE (self) && self->levels->len > 0, 0);
  return g_array_index (self->levels, LbLevel, self->levels->len - 1).value;
}

void
lb_scale_add_level (LbScale *self, const char *id, double value,
                    LbText *label, LbText *description)
{
  LbLevel l = {
    g_strdup (id), value,
    label ? lb_text_ref (label) : lb_text_new (),
    description ? lb_text_ref (description) : lb_text_new (),
  };
  g_array_append_val (self->levels, l);
}

void
lb_scale_add_band (LbScale *self, const char *id, guint from, guint to,
                   LbText *label)
{
  LbBand b = { g_strdup (id), from, to, label ? lb_text_ref (label) : lb_text_new () };
  g_array_append_val (self->bands, b);
}

void
lb_scale_set_not_observed (LbScale *self, gboolean allowed, LbText *label)
{
  self->not_observed_allowed = allowed;
  if (label)
    {
      g_clear_pointer (&self->not_observed_label, lb_text_unref);
      self->not_observed_label = lb_text_ref (label);
    }
}
