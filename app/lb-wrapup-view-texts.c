/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-wrapup-view"

/* Tops, tips and afspraken. There is no Save button: a field is written to
 * the store a short pause after the last keystroke and when focus leaves
 * it. What the store refuses stays in the field, marked "Not saved", and
 * is written again on "Try Again", on the next pause or on leaving. */

#include "config.h"
#include "lb-wrapup-view-private.h"

#include <glib/gi18n.h>

#define SAVE_DELAY_MS 800

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_dirty (WrapupText *t)
{
  g_autofree char *text = text_of (t->view);
  return g_strcmp0 (text, t->saved ? t->saved : "") != 0;
}

/* TRUE when the field is saved, now or before. A failure is reported once
 * per run of failures unless @loud, so a full disk does not bring a toast
 * after every pause in typing. */
static gboolean
save_text (WrapupText *t, gboolean loud)
{
  LbWrapupView *self = t->self;
  g_clear_handle_id (&t->timeout, g_source_remove);
  if (self->obs == NULL || self->store == NULL || !is_dirty (t))
    return TRUE;
  g_autofree char *text = text_of (t->view);
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_field (self->store, self->obs->uuid, t->field, text, &error))
    {
      if (loud || !gtk_widget_get_visible (GTK_WIDGET (t->unsaved)))
        lb_wrapup_view_report (self, error->message, "wrapup.retry-texts");
      gtk_widget_set_visible (GTK_WIDGET (t->unsaved), TRUE);
      return FALSE;
    }
  g_free (t->saved);
  t->saved = g_steal_pointer (&text);
  gtk_widget_set_visible (GTK_WIDGET (t->unsaved), FALSE);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer data)
{
  WrapupText *t = data;
  t->timeout = 0;
  save_text (t, FALSE);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (GtkTextBuffer *buffer, WrapupText *t)
{
  if (t->self->updating)
    return;
  g_clear_handle_id (&t->timeout, g_source_remove);
  t->timeout = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, t);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller, WrapupText *t)
{
  save_text (t, FALSE);
}

/* Saves every field that differs from the store; FALSE (and a toast) when
 * one could not be saved. Called before anything that leaves the screen
 * or locks the observation. */
gboolean
lb_wrapup_view_texts_flush (LbWrapupView *self)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < WRAPUP_N_TEXTS; i++)
    ok = save_text (&self->texts[i], ok) && ok;
  return ok;
}

static void
retry_texts_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWrapupView *self = LB_WRAPUP_VIEW (widget);
  if (lb_wrapup_view_texts_flush (self))
    lb_wrapup_view_report (self, _("Everything is saved now"), NULL);
}

static void
text_init (LbWrapupView *self, WrapupText *t, LbField field, GtkTextView *view, GtkLabel *unsaved)
{
  t->self = self;
  t->field = field;
  t->view = view;
  t->unsaved = unsaved;
  t->changed_id = g_signal_connect (gtk_text_view_get_buffer (view), "changed",
                                    G_CALLBACK (buffer_changed_cb), t);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), t);
  gtk_widget_add_controller (GTK_WIDGET (view), focus);
}

void
lb_wrapup_view_texts_init (LbWrapupView *self)
{
  text_init (self, &self->texts[0], LB_FIELD_TOPS, self->tops_view, self->tops_unsaved);
  text_init (self, &self->texts[1], LB_FIELD_TIPS, self->tips_view, self->tips_unsaved);
  text_init (self, &self->texts[2], LB_FIELD_AGREEMENTS, self->agreements_view, self->agreements_unsaved);
}

void
lb_wrapup_view_install_text_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wrapup.retry-texts", NULL, retry_texts_action);
}

/* Shows what the store holds; called when an observation is opened, never
 * on a reload, so what is being typed is not overwritten. With
 * @keep_unsaved (the same observation opened again) a field the store
 * refused keeps its text. */
void
lb_wrapup_view_texts_show (LbWrapupView *self, gboolean keep_unsaved)
{
  const char *values[WRAPUP_N_TEXTS] = { self->obs->tops, self->obs->tips, self->obs->agreements };
  gboolean editable = lb_wrapup_view_editable (self);
  self->updating = TRUE;
  for (guint i = 0; i < WRAPUP_N_TEXTS; i++)
    {
      WrapupText *t = &self->texts[i];
      gtk_widget_set_sensitive (GTK_WIDGET (t->view), editable);
      if (keep_unsaved && is_dirty (t))
        continue;
      g_clear_handle_id (&t->timeout, g_source_remove);
      g_free (t->saved);
      t->saved = g_strdup (values[i] ? values[i] : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (t->view), t->saved, -1);
      gtk_widget_set_visible (GTK_WIDGET (t->unsaved), FALSE);
    }
  self->updating = FALSE;
}

void
lb_wrapup_view_texts_clear (LbWrapupView *self)
{
  for (guint i = 0; i < WRAPUP_N_TEXTS; i++)
    {
      g_clear_handle_id (&self->texts[i].timeout, g_source_remove);
      g_clear_pointer (&self->texts[i].saved, g_free);
    }
}
