/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observe-view"

/* Note-first observing: write during the lesson, each note stamped with
 * the lesson minute; tag it to items with one tap, then or afterwards. */

#include "config.h"
#include "lb-observe-view-private.h"
#include "lb-window.h"

#include <glib/gi18n.h>

static void
link_toggled_cb (GtkCheckButton *button, LbObserveView *self)
{
  const char *note = g_object_get_data (G_OBJECT (button), "note-uuid");
  const char *item = g_object_get_data (G_OBJECT (button), "item-id");
  gboolean linked = gtk_check_button_get_active (button);
  g_autoptr(GError) error = NULL;
  if (!lb_store_link_note (self->store, note, item, linked, &error))
    {
      Pending p = { PENDING_LINK, (char *) note, (char *) item, linked, 0 };
      lb_observe_view_report (self, error, &p);
      return;
    }
  /* Redraw once the popover is closed: it would vanish under the finger. */
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  g_object_set_data (G_OBJECT (popover), "dirty", GINT_TO_POINTER (1));
}

static void
popover_closed_cb (GtkPopover *popover, LbObserveView *self)
{
  if (g_object_get_data (G_OBJECT (popover), "dirty"))
    lb_observe_view_reload (self);
}

static GtkWidget *
link_popover (LbObserveView *self, LbNote *note)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GPtrArray *items = lb_instrument_get_items (self->instrument);
  LbNode *domain = NULL;
  gboolean editable = self->obs->status == LB_STATUS_DRAFT;
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      if (lb_node_get_domain (item) != domain)
        {
          domain = lb_node_get_domain (item);
          GtkWidget *h = gtk_label_new (lb_text_get_ui (lb_node_get_text (domain)));
          gtk_label_set_xalign (GTK_LABEL (h), 0);
          gtk_widget_add_css_class (h, "heading");
          gtk_widget_set_margin_top (h, 8);
          gtk_box_append (GTK_BOX (box), h);
        }
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, lb_text_get_ui (lb_node_get_text (item)));
      GtkWidget *check = gtk_check_button_new_with_label (label);
      gboolean on = note->item_ids && g_strv_contains ((const char * const *) note->item_ids, lb_node_get_id (item));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      gtk_widget_set_sensitive (check, editable);
      g_object_set_data_full (G_OBJECT (check), "note-uuid", g_strdup (note->uuid), g_free);
      g_object_set_data_full (G_OBJECT (check), "item-id", g_strdup (lb_node_get_id (item)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (link_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 460);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_size_request (scroller, 420, -1);
  GtkWidget *popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), self);
  return popover;
}

static char *
linked_items_text (LbObserveView *self, LbNote *note)
{
  g_autoptr(GString) s = g_string_new (NULL);
  GPtrArray *items = lb_instrument_get_items (self->instrument);
  for (guint i = 0; note->item_ids && note->item_ids[i]; i++)
    {
      LbNode *item = lb_instrument_find_node (self->instrument, note->item_ids[i]);
      guint index = 0;
      if (item && g_ptr_array_find (items, item, &index))
        g_string_append_printf (s, "%s%u. %s", s->len ? " · " : "", index + 1,
                                lb_text_get_ui (lb_node_get_text (item)));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
note_row (LbObserveView *self, LbNote *note)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *minute = g_strdup_printf (_("min %d"), note->minute);
  GtkWidget *m = gtk_label_new (minute);
  gtk_widget_add_css_class (m, "note-minute");
  gtk_widget_set_valign (m, GTK_ALIGN_START);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (texts, TRUE);
  GtkWidget *t = gtk_label_new (note->text);
  gtk_label_set_wrap (GTK_LABEL (t), TRUE);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_label_set_selectable (GTK_LABEL (t), TRUE);
  gtk_box_append (GTK_BOX (texts), t);
  g_autofree char *links = linked_items_text (self, note);
  GtkWidget *l = gtk_label_new (*links ? links : _("Not linked to an item yet"));
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "caption");
  gtk_widget_add_css_class (l, "dim-label");
  gtk_box_append (GTK_BOX (texts), l);
  GtkWidget *tag = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (tag), "tag-symbolic");
  gtk_widget_set_tooltip_text (tag, _("Link to items"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (tag), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Link to items"), -1);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (tag), link_popover (self, note));
  gtk_box_append (GTK_BOX (box), m);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  GtkWidget *row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
lb_observe_view_show_notes (LbObserveView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_list))))
    gtk_list_box_remove (self->notes_list, child);
  /* Newest first: the one just written is where the eye is. Only the
   * session on screen: its notes are the evidence for its scores. */
  guint n = 0;
  for (guint i = self->obs->notes->len; i > 0; i--)
    {
      LbNote *note = self->obs->notes->pdata[i - 1];
      if (note->session != self->session)
        continue;
      gtk_list_box_append (self->notes_list, note_row (self, note));
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), n > 0);
  g_autofree char *hint = self->session == 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note. Write what you see; link it to items now or later.",
                                    "%u notes. Write what you see; link them to items now or later.", n), n)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note in this session. Write what you see; link it to items now or later.",
                                    "%u notes in this session. Write what you see; link them to items now or later.", n), n);
  gtk_label_set_text (self->note_hint, hint);
}

void
lb_observe_view_add_note (LbObserveView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_autoptr(GError) error = NULL;
  if (g_strstrip (text)[0] == '\0' || self->obs == NULL)
    return;
  int minute = lb_observe_view_lesson_minute (self);
  g_autofree char *note = lb_store_add_note (self->store, self->obs->uuid, self->session, minute, text, &error);
  if (note == NULL)
    {
      /* Keep the text in the field: nothing typed is lost. */
      lb_observe_view_report (self, error, NULL);
      return;
    }
  gtk_text_buffer_set_text (buffer, "", 0);
  lb_observe_view_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

void
lb_observe_view_notes_init (LbObserveView *self)
{
}
