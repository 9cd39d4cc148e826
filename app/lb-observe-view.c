/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observe-view"

/* The observing screen. Every tap goes to the store at once; the screen is
 * redrawn from what the store then holds, so what you see is what is saved.
 * A refused change stays on screen, marked, and can be retried. */

#include "config.h"
#include "lb-observe-view-private.h"
#include "lb-scoring.h"
#include "lb-window.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (LbObserveView, lb_observe_view, ADW_TYPE_BIN)

void
lb_pending_free (Pending *p)
{
  g_free (p->id);
  g_free (p->value);
  g_free (p);
}

const char *
lb_observe_view_get_uuid (LbObserveView *self)
{
  g_return_val_if_fail (LB_IS_OBSERVE_VIEW (self), NULL);
  return self->obs ? self->obs->uuid : NULL;
}

static gboolean
editable (LbObserveView *self)
{
  return self->obs && self->obs->status == LB_STATUS_DRAFT;
}

/* ---- the lesson clock ---- */

int
lb_observe_view_lesson_minute (LbObserveView *self)
{
  if (self->obs == NULL)
    return 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  if (self->obs->start_time && g_strcmp0 (self->obs->date, today) == 0)
    {
      int h = 0, m = 0;
      if (sscanf (self->obs->start_time, "%d:%d", &h, &m) == 2)
        {
          int minutes = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now) - (h * 60 + m);
          /* Past four hours this is not the lesson being observed now. */
          if (minutes >= 0 && minutes < 4 * 60)
            return minutes;
        }
    }
  return (int) ((g_get_monotonic_time () - self->opened_at) / G_USEC_PER_SEC / 60);
}

static gboolean
tick_cb (gpointer data)
{
  LbObserveView *self = data;
  g_autofree char *text = g_strdup_printf (_("%d min"), lb_observe_view_lesson_minute (self));
  gtk_label_set_text (self->clock_label, text);
  lb_observe_view_sessions_update (self);
  return G_SOURCE_CONTINUE;
}

/* ---- progress and domains ---- */

/* Scored in the session shown; a score that still needs its evidence does
 * not count yet. */
gboolean
lb_observe_view_item_scored (LbObserveView *self, LbNode *item)
{
  return lb_observation_find_score (self->obs, self->session, lb_node_get_id (item)) &&
         !lb_scoring_item_lacks_evidence (self->instrument, self->obs, self->session, item);
}

static void
count_scored (LbObserveView *self, LbNode *domain, guint *scored, guint *total)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  lb_node_collect_items (domain, items);
  *total = items->len;
  *scored = 0;
  for (guint i = 0; i < items->len; i++)
    if (lb_observe_view_item_scored (self, items->pdata[i]))
      (*scored)++;
}

static GtkWidget *
domain_row (const char *id, const char *title, const char *progress)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (progress);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "domain-progress");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "domain-id", g_strdup (id), g_free);
  g_autofree char *a11y = g_strdup_printf ("%s, %s", title, progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static void
update_progress (LbObserveView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->domain_list))))
    gtk_list_box_remove (self->domain_list, child);
  guint all = 0, all_scored = 0;
  if (self->obs->focus_items && self->obs->focus_items[0])
    {
      guint n = g_strv_length (self->obs->focus_items), s = 0;
      for (guint i = 0; i < n; i++)
        {
          LbNode *item = lb_instrument_find_node (self->instrument, self->obs->focus_items[i]);
          s += item && lb_observe_view_item_scored (self, item);
        }
      g_autofree char *p = g_strdup_printf ("%u/%u", s, n);
      gtk_list_box_append (self->domain_list, domain_row ("", _("Focus of this lesson"), p));
    }
  GListModel *domains = lb_instrument_get_domains (self->instrument);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      guint scored, total;
      count_scored (self, d, &scored, &total);
      all += total, all_scored += scored;
      g_autofree char *p = g_strdup_printf ("%u/%u", scored, total);
      gtk_list_box_append (self->domain_list, domain_row (lb_node_get_id (d), lb_text_get_ui (lb_node_get_text (d)), p));
    }
  gtk_progress_bar_set_fraction (self->progress_bar, all ? (double) all_scored / all : 0);
  g_autofree char *text = self->session == 0
    ? g_strdup_printf (_("%u of %u items scored"), all_scored, all)
    : g_strdup_printf (self->sessions_kind == LB_SESSIONS_CYCLES ? _("%u of %u items scored in cycle %u")
                                                                 : _("%u of %u items scored in segment %u"),
                       all_scored, all, self->session);
  gtk_label_set_text (self->progress_label, text);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->domain_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "domain-id"), self->domain_id) == 0)
      gtk_list_box_select_row (self->domain_list, GTK_LIST_BOX_ROW (row));
}

/* ---- cards ---- */

static void set_current (LbObserveView *self, int index, gboolean focus);

/* A change on its way to the disk: the queue runs it on the writer
 * connection and reports back here. */
typedef struct {
  LbObserveView *view;   /* weak: the screen may be gone when it lands */
  char          *uuid;
  Pending        p;
  LbInstrument  *instrument;  /* set for a code of a roll-up item … */
  LbNode        *indicator;   /* … and its indicator (owned by instrument) */
} Change;

static void
change_free (gpointer data)
{
  Change *c = data;
  g_clear_weak_pointer (&c->view);
  g_free (c->uuid);
  g_free (c->p.id);
  g_free (c->p.value);
  g_clear_object (&c->instrument);
  g_free (c);
}

static gboolean
run_change (LbStore *writer, gpointer data, GError **error)
{
  Change *c = data;
  if (c->p.kind == PENDING_SCORE)
    return lb_store_set_score (writer, c->uuid, c->p.session, c->p.id, c->p.value, c->p.flag, NULL, error);
  /* A roll-up item's score follows its codes (lb_scoring_set_code). */
  if (c->indicator)
    return lb_scoring_set_code (writer, c->instrument, c->uuid, c->p.session, c->indicator, c->p.value, error);
  return lb_store_set_mark (writer, c->uuid, c->p.session, c->p.id, c->p.value, error);
}

static LbItemCard *
card_for (LbObserveView *self, const Pending *p)
{
  LbNode *node = lb_instrument_find_node (self->instrument, p->id);
  if (node && lb_node_get_kind (node) == LB_NODE_INDICATOR)
    node = lb_node_get_parent (node);
  for (guint i = 0; node && i < self->cards->len; i++)
    if (lb_item_card_get_item (self->cards->pdata[i]) == node)
      return self->cards->pdata[i];
  return NULL;
}

static void
change_done_cb (gboolean ok, GError *error, gpointer data)
{
  Change *c = data;
  LbObserveView *self = c->view;
  if (self == NULL || self->obs == NULL || g_strcmp0 (self->obs->uuid, c->uuid) != 0)
    {
      if (!ok)
        g_warning ("A change to observation %s was not saved: %s", c->uuid, error->message);
      return;
    }
  LbItemCard *card = card_for (self, &c->p);
  if (!ok)
    {
      lb_observe_view_report (self, error, &c->p);
      if (card)
        lb_item_card_set_unsaved (card, TRUE);
      return;
    }
  /* Redraw from the store once the last change has landed, so a screen
   * never shows an older state over a newer tap. */
  if (lb_store_queue_get_pending (self->queue) == 0)
    lb_observe_view_reload (self);
}

static void
send_change (LbObserveView *self, PendingKind kind, const char *id, const char *value, gboolean flag)
{
  Change *c = g_new0 (Change, 1);
  g_set_weak_pointer (&c->view, self);
  c->uuid = g_strdup (self->obs->uuid);
  c->p.kind = kind;
  c->p.id = g_strdup (id);
  c->p.value = g_strdup (value);
  c->p.flag = flag;
  c->p.session = self->session;
  if (kind == PENDING_MARK)
    {
      LbNode *ind = lb_instrument_find_node (self->instrument, id);
      LbNode *item = ind ? lb_node_get_parent (ind) : NULL;
      if (item && lb_node_get_scoring (item) == LB_SCORING_ROLLUP)
        {
          c->instrument = g_object_ref (self->instrument);
          c->indicator = ind;
        }
    }
  lb_store_queue_push (self->queue, run_change, c, change_free, change_done_cb, c);
}

static void
score_chosen_cb (LbItemCard *card, const char *level_id, gboolean not_observed, LbObserveView *self)
{
  guint index;
  if (g_ptr_array_find (self->cards, card, &index) && (int) index != self->current)
    set_current (self, (int) index, FALSE);
  send_change (self, PENDING_SCORE, lb_node_get_id (lb_item_card_get_item (card)), level_id, not_observed);
}

static void
mark_set_cb (LbItemCard *card, const char *indicator, const char *code, LbObserveView *self)
{
  send_change (self, PENDING_MARK, indicator, code, FALSE);
}

static void
link_note_cb (LbItemCard *card, const char *note, gboolean linked, LbObserveView *self)
{
  g_autoptr(GError) error = NULL;
  const char *item = lb_node_get_id (lb_item_card_get_item (card));
  lb_store_queue_flush (self->queue);
  if (!lb_store_link_note (self->store, note, item, linked, &error))
    {
      Pending p = { PENDING_LINK, (char *) note, (char *) item, linked, 0, self->session };
      lb_observe_view_report (self, error, &p);
      return;
    }
  lb_observe_view_reload (self);
}

/* Evidence written on the card: a note of this session, linked at once. */
static void
add_evidence_cb (LbItemCard *card, const char *text, LbObserveView *self)
{
  g_autoptr(GError) error = NULL;
  lb_store_queue_flush (self->queue);
  g_autofree char *note = lb_store_add_note (self->store, self->obs->uuid, self->session,
                                             lb_observe_view_lesson_minute (self), text, &error);
  if (note == NULL || !lb_store_link_note (self->store, note, lb_node_get_id (lb_item_card_get_item (card)), TRUE, &error))
    {
      lb_observe_view_report (self, error, NULL);
      return;
    }
  lb_observe_view_reload (self);
}

static void
card_focused_cb (LbItemCard *card, LbObserveView *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    if (self->cards->pdata[i] == card && self->current != (int) i)
      set_current (self, (int) i, FALSE);
}

/* Brings the current card into view once it has been laid out. */
static gboolean
scroll_to_current_cb (gpointer data)
{
  LbObserveView *self = data;
  graphene_rect_t bounds;
  if (self->current >= 0 && self->current < (int) self->cards->len &&
      gtk_widget_compute_bounds (self->cards->pdata[self->current], GTK_WIDGET (self->cards_box), &bounds))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->score_scroller);
      double top = gtk_adjustment_get_value (adj), page = gtk_adjustment_get_page_size (adj);
      double y = bounds.origin.y, h = bounds.size.height;
      if (y < top || y + MIN (h, page) > top + page)
        gtk_adjustment_set_value (adj, MAX (0, y - 12));
    }
  return G_SOURCE_REMOVE;
}

static void
set_current (LbObserveView *self, int index, gboolean focus)
{
  if (self->current >= 0 && self->current < (int) self->cards->len)
    lb_item_card_set_current (self->cards->pdata[self->current], FALSE);
  self->current = index;
  if (index < 0 || index >= (int) self->cards->len)
    return;
  lb_item_card_set_current (self->cards->pdata[index], TRUE);
  if (focus)
    {
      lb_item_card_focus (self->cards->pdata[index]);
      g_idle_add_full (G_PRIORITY_LOW, scroll_to_current_cb, g_object_ref (self), g_object_unref);
    }
}

static void
add_card (LbObserveView *self, LbNode *item, guint number)
{
  LbItemCard *card = lb_item_card_new (self->instrument, item, number);
  g_signal_connect (card, "score-chosen", G_CALLBACK (score_chosen_cb), self);
  g_signal_connect (card, "mark-set", G_CALLBACK (mark_set_cb), self);
  g_signal_connect (card, "link-note", G_CALLBACK (link_note_cb), self);
  g_signal_connect (card, "add-evidence", G_CALLBACK (add_evidence_cb), self);
  g_signal_connect (card, "focused", G_CALLBACK (card_focused_cb), self);
  lb_item_card_set_editable (card, editable (self));
  lb_item_card_show (card, self->obs, self->session);
  gtk_box_append (self->cards_box, GTK_WIDGET (card));
  g_ptr_array_add (self->cards, card);
}

static void
add_heading (LbObserveView *self, const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (self->cards_box, label);
}

/* Items are numbered through the whole instrument, so "item 7" means the
 * same on every screen and in the report. */
static guint
item_number (LbObserveView *self, LbNode *item)
{
  guint index = 0;
  GPtrArray *items = lb_instrument_get_items (self->instrument);
  g_ptr_array_find (items, item, &index);
  return index + 1;
}

static void
show_domain (LbObserveView *self, const char *domain_id)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))))
    gtk_box_remove (self->cards_box, child);
  g_ptr_array_set_size (self->cards, 0);
  self->current = -1;
  g_free (self->domain_id);
  self->domain_id = g_strdup (domain_id);

  if (*domain_id == '\0')
    {
      GPtrArray *items = lb_instrument_get_items (self->instrument);
      add_heading (self, _("Focus of this lesson"), "title-2");
      for (guint i = 0; i < items->len && self->obs->focus_items; i++)
        if (g_strv_contains ((const char * const *) self->obs->focus_items, lb_node_get_id (items->pdata[i])))
          add_card (self, items->pdata[i], i + 1);
      return;
    }
  LbNode *domain = lb_instrument_find_node (self->instrument, domain_id);
  if (domain == NULL)
    return;
  add_heading (self, lb_text_get_ui (lb_node_get_text (domain)), "title-2");
  for (guint i = 0; i < lb_node_get_n_children (domain); i++)
    {
      LbNode *child_node = lb_node_get_child (domain, i);
      if (lb_node_get_kind (child_node) == LB_NODE_ITEM)
        {
          add_card (self, child_node, item_number (self, child_node));
          continue;
        }
      add_heading (self, lb_text_get_ui (lb_node_get_text (child_node)), "heading");
      for (guint j = 0; j < lb_node_get_n_children (child_node); j++)
        add_card (self, lb_node_get_child (child_node, j), item_number (self, lb_node_get_child (child_node, j)));
    }
}

static void
domain_activated_cb (LbObserveView *self, GtkListBoxRow *row)
{
  show_domain (self, g_object_get_data (G_OBJECT (row), "domain-id"));
  adw_view_stack_set_visible_child_name (self->mode_stack, "score");
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  set_current (self, 0, TRUE);
}

/* ---- loading ---- */

gboolean
lb_observe_view_reload (LbObserveView *self)
{
  g_autoptr(GError) error = NULL;
  LbObservation *fresh = lb_store_load (self->store, self->obs->uuid, &error);
  if (fresh == NULL)
    {
      lb_window_toast_for (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  g_clear_pointer (&self->obs, lb_observation_unref);
  self->obs = fresh;
  lb_observe_view_show_session (self);
  return TRUE;
}

/* Redraws what is shown for the session on screen, from self->obs. */
void
lb_observe_view_show_session (LbObserveView *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    lb_item_card_show (self->cards->pdata[i], self->obs, self->session);
  update_progress (self);
  lb_observe_view_show_notes (self);
  lb_observe_view_sessions_update (self);
}

static void
show_header (LbObserveView *self)
{
  g_autoptr(GString) context = g_string_new (lb_purpose_to_label (self->obs->purpose));
  const char *parts[] = { self->obs->group, self->obs->subject, self->obs->school };
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] && *parts[i])
      g_string_append_printf (context, " · %s", parts[i]);
  gtk_label_set_text (self->starter_label, self->obs->starter->name);
  gtk_label_set_text (self->context_label, context->str);
  gtk_label_set_text (self->question_label, self->obs->question ? self->obs->question : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_label), self->obs->question != NULL);
  adw_view_switcher_title_set_title (self->switcher_title, self->obs->starter->name);
  g_autofree char *sub = g_strdup_printf ("%s · %s", lb_purpose_to_label (self->obs->purpose), self->obs->date);
  adw_view_switcher_title_set_subtitle (self->switcher_title, sub);
  gtk_button_set_label (self->wrapup_button, editable (self) ? _("_Wrap Up") : _("_Summary"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_view), editable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observe.add-note", editable (self));
  /* A lesson clock only means something while the lesson can be recorded. */
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), editable (self));
  tick_cb (self);
}

gboolean
lb_observe_view_load (LbObserveView *self, LbStore *store, const char *uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_OBSERVE_VIEW (self) && LB_IS_STORE (store), FALSE);
  g_autoptr(LbObservation) obs = lb_store_load (store, uuid, error);
  if (obs == NULL)
    return FALSE;
  g_autoptr(LbInstrument) inst = lb_store_get_instrument (store, obs->instrument_sha256, error);
  if (inst == NULL)
    return FALSE;
  gboolean same = self->obs && g_strcmp0 (self->obs->uuid, uuid) == 0;
  if (self->store != store || self->queue == NULL)
    {
      LbStoreQueue *queue = lb_store_queue_new (store, error);
      if (queue == NULL)
        return FALSE;
      if (self->queue)
        lb_store_queue_flush (self->queue);
      g_set_object (&self->queue, queue);
      g_object_unref (queue);
    }
  g_set_object (&self->store, store);
  g_set_object (&self->instrument, inst);
  g_clear_pointer (&self->obs, lb_observation_unref);
  self->obs = g_steal_pointer (&obs);
  if (!same)
    {
      self->opened_at = g_get_monotonic_time ();
      g_ptr_array_set_size (self->pending, 0);
    }
  lb_observe_view_sessions_load (self, same);
  show_header (self);
  gboolean has_focus = self->obs->focus_items && self->obs->focus_items[0];
  g_autoptr(LbNode) first = g_list_model_get_item (lb_instrument_get_domains (inst), 0);
  /* Coaches start with what the starter asked to be watched. */
  show_domain (self, same && self->domain_id ? self->domain_id : has_focus ? "" : lb_node_get_id (first));
  update_progress (self);
  set_current (self, 0, TRUE);
  lb_observe_view_show_notes (self);
  return TRUE;
}

/* ---- keyboard ---- */

static void
next_unscored_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  for (guint k = 1; k <= self->cards->len; k++)
    {
      int i = (self->current + (int) k) % (int) self->cards->len;
      if (!lb_item_card_is_scored (self->cards->pdata[i]))
        return set_current (self, i, TRUE);
    }
  /* Nothing left here: the next domain with an unscored item. */
  GListModel *domains = lb_instrument_get_domains (self->instrument);
  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      guint scored, total;
      count_scored (self, domain, &scored, &total);
      if (scored < total)
        {
          show_domain (self, lb_node_get_id (domain));
          update_progress (self);
          return next_unscored_action (widget, action, param);
        }
    }
  lb_window_toast_for (widget, _("Every item has a score"));
}

static gboolean
in_text (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  return focus && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                LbObserveView *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || in_text (GTK_WIDGET (self)) ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->mode_stack), "score") != 0 ||
      self->cards->len == 0)
    return FALSE;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9 && editable (self))
    {
      if (self->current < 0)
        set_current (self, 0, TRUE);
      return lb_item_card_activate_level (self->cards->pdata[self->current], (int) (keyval - GDK_KEY_1));
    }
  if ((keyval == GDK_KEY_0 || keyval == GDK_KEY_minus) && editable (self) && self->current >= 0)
    return lb_item_card_activate_level (self->cards->pdata[self->current], -1);
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_Up)
    {
      int step = keyval == GDK_KEY_Down ? 1 : -1;
      set_current (self, CLAMP (self->current + step, 0, (int) self->cards->len - 1), TRUE);
      return TRUE;
    }
  if (keyval == GDK_KEY_n)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "observe.next-unscored", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
wrap_up_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  if (self->obs)
    gtk_widget_activate_action (widget, "win.wrap-up", "s", self->obs->uuid);
}

static void
toggle_flap_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ---- failures ---- */

static void
retry_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  lb_store_queue_flush (self->queue);
  while (self->pending->len > 0)
    {
      if (!lb_observe_view_run_pending (self, self->pending->pdata[0], &error))
        {
          lb_observe_view_report (self, error, NULL);
          return;
        }
      g_ptr_array_remove_index (self->pending, 0);
    }
  for (guint i = 0; i < self->cards->len; i++)
    lb_item_card_set_unsaved (self->cards->pdata[i], FALSE);
  lb_observe_view_reload (self);
  lb_window_toast_for (widget, _("Everything is saved now"));
}

static void
retry_clicked_cb (AdwToast *toast, LbObserveView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "observe.retry", NULL);
}

void
lb_observe_view_report (LbObserveView *self, GError *error, Pending *p)
{
  if (p)
    {
      Pending *copy = g_new0 (Pending, 1);
      *copy = *p;
      copy->id = g_strdup (p->id);
      copy->value = g_strdup (p->value);
      g_ptr_array_add (self->pending, copy);
    }
  AdwToast *toast = adw_toast_new (error->message);
  adw_toast_set_button_label (toast, _("_Retry"));
  /* The toast lives in the window's overlay, outside this view, so an
   * action name would not reach observe.retry: call it directly. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (retry_clicked_cb), self, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LB_TYPE_WINDOW);
  if (window)
    lb_window_toast (LB_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

gboolean
lb_observe_view_run_pending (LbObserveView *self, Pending *p, GError **error)
{
  switch (p->kind)
    {
    case PENDING_SCORE:
      return lb_store_set_score (self->store, self->obs->uuid, p->session, p->id, p->value, p->flag, NULL, error);
    case PENDING_MARK:
      return lb_store_set_mark (self->store, self->obs->uuid, p->session, p->id, p->value, error);
    case PENDING_NOTE:
      {
        g_autofree char *note = lb_store_add_note (self->store, self->obs->uuid, p->session, p->minute, p->value, error);
        return note != NULL;
      }
    case PENDING_LINK:
      return lb_store_link_note (self->store, p->id, p->value, p->flag, error);
    default:
      g_assert_not_reached ();
    }
}

/* ---- life cycle ---- */

static void
lb_observe_view_dispose (GObject *object)
{
  LbObserveView *self = LB_OBSERVE_VIEW (object);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  /* Leaving (or quitting) waits for every tap to be on disk. */
  if (self->queue)
    lb_store_queue_flush (self->queue);
  g_clear_object (&self->queue);
  /* libadwaita 1.2 trips over switchers that outlive their stack. */
  if (self->switcher_bar)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->flap)
    {
      adw_flap_set_separator (self->flap, NULL);
      adw_flap_set_flap (self->flap, NULL);
      adw_flap_set_content (self->flap, NULL);
    }
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_OBSERVE_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->instrument);
  g_clear_pointer (&self->obs, lb_observation_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->domain_id, g_free);
  lb_observe_view_sessions_dispose (self);
  G_OBJECT_CLASS (lb_observe_view_parent_class)->dispose (object);
}

/* The report is made from the store: every tap is on disk first. */
static void
report_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  if (self->obs == NULL)
    return;
  if (self->queue)
    lb_store_queue_flush (self->queue);
  gtk_widget_activate_action (widget, g_str_equal (action, "observe.print") ? "win.print-report" : "win.export-report",
                              "s", self->obs->uuid);
}

static void
add_note_action (GtkWidget *widget, const char *action, GVariant *param)
{
  lb_observe_view_add_note (LB_OBSERVE_VIEW (widget));
}

static void
lb_observe_view_class_init (LbObserveViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_observe_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-observe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, flap);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, starter_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, context_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, question_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, domain_list);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, score_scroller);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, clock_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, wrapup_button);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, note_view);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, note_hint);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, notes_list);
  gtk_widget_class_bind_template_callback (widget_class, domain_activated_cb);
  lb_observe_view_sessions_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "observe.next-unscored", NULL, next_unscored_action);
  gtk_widget_class_install_action (widget_class, "observe.wrap-up", NULL, wrap_up_action);
  gtk_widget_class_install_action (widget_class, "observe.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "observe.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "observe.toggle-flap", NULL, toggle_flap_action);
  gtk_widget_class_install_action (widget_class, "observe.export-pdf", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "observe.print", NULL, report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "observe.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "observe.toggle-flap", NULL);
}

static void
lb_observe_view_init (LbObserveView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_pending_free);
  self->current = -1;
  GtkEventController *keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Often enough for a snapshot prompt to come up within seconds of its minute. */
  self->clock_source = g_timeout_add_seconds (5, tick_cb, self);
  lb_observe_view_notes_init (self);
  lb_observe_view_sessions_init (self);
}
