/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observation-list"

/* The overview of observations. The store is read once per reload (one
 * query, however many observations there are); search and filters then
 * work in memory on a GtkFilterListModel, so typing stays instant with
 * thousands of rows, and the GtkListView only makes the rows on screen. */

#include "config.h"
#include "lb-observation-list.h"
#include "lb-observation-item.h"
#include "lb-sync.h"
#include "lb-window.h"

#include <glib/gi18n.h>
#include <string.h>

struct _LbObservationList
{
  AdwBin              parent_instance;

  GtkStack           *page_stack;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *purpose_drop;
  GtkDropDown        *status_drop;
  GtkDropDown        *year_drop;
  GtkStringList      *purpose_model;
  GtkStringList      *status_model;
  GtkStringList      *year_model;
  GtkWidget          *starter_chip_child;
  GtkLabel           *starter_chip_label;
  GtkLabel           *count_label;
  GtkListView        *list_view;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  GtkWidget          *row_menu;       /* one GtkPopoverMenu for all rows */

  LbStore            *store;
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  guint               rest_source;    /* loads the rows beyond the first screenful */
  GArray             *years;          /* int: the year each row of year_model after "all" starts in */
  GHashTable         *sync_issues;    /* uuid → LbSyncIssue: flagged by a sync, shown as a badge */

  /* The filter, read from the widgets once per change rather than per row. */
  char               *search_text;    /* case-folded */
  char              **search_words;
  int                 purpose;        /* -1: any */
  int                 status;         /* -1: any */
  int                 year;           /* 0: any */
  char               *starter_uuid;
  char               *starter_name;
  gboolean            quiet;          /* while the dropdowns are set from code */
};

G_DEFINE_FINAL_TYPE (LbObservationList, lb_observation_list, ADW_TYPE_BIN)

/* ---- filtering ---- */

static gboolean
filter_func (gpointer object, gpointer data)
{
  LbObservationList *self = data;
  LbObservationItem *item = object;
  const LbSummary *s = lb_observation_item_get_summary (item);
  if (self->starter_uuid && g_strcmp0 (s->starter_uuid, self->starter_uuid) != 0)
    return FALSE;
  if (self->purpose >= 0 && (int) s->purpose != self->purpose)
    return FALSE;
  if (self->status >= 0 && (int) s->status != self->status)
    return FALSE;
  if (self->year != 0 && lb_observation_item_get_school_year (item) != self->year)
    return FALSE;
  return lb_observation_item_matches (item, (const char * const *) self->search_words);
}

static void
update_count (LbObservationList *self, guint shown, guint total)
{
  g_autofree char *count = NULL;
  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u observation", "%u observations", total), total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u observation", "%u of %u observations",
                                          total), shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
update_state (LbObservationList *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "error"))
    return;
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gtk_stack_set_visible_child_name (self->page_stack, total == 0 ? "empty" : "list");
  gtk_stack_set_visible_child_name (self->results_stack, shown == 0 ? "no-results" : "results");
  update_count (self, shown, total);

  gboolean only_starter = self->starter_uuid && !self->search_words && self->purpose < 0 &&
                          self->status < 0 && self->year == 0;
  g_autofree char *none = only_starter ? g_strdup_printf (_("%s has not been observed yet."), self->starter_name)
                                       : NULL;
  adw_status_page_set_description (self->no_results_page, none ? none : _("Try other words, or fewer filters."));
}

static void
refilter (LbObservationList *self, GtkFilterChange change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_state (self);
}

static void
search_changed_cb (LbObservationList *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_strstrip (folded);
  /* Typing on only narrows and deleting only widens: GTK then re-checks
   * just the rows that can change. */
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  if (self->search_text && g_str_has_prefix (folded, self->search_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_text && g_str_has_prefix (self->search_text, folded))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->search_text);
  self->search_text = g_strdup (folded);
  g_clear_pointer (&self->search_words, g_strfreev);
  if (*folded)
    self->search_words = g_strsplit_set (folded, " \t", -1);
  gint64 start = g_get_monotonic_time ();
  refilter (self, change);
  g_debug ("search “%s”: %u shown, %.1f ms", folded, g_list_model_get_n_items (G_LIST_MODEL (self->filtered)),
           (g_get_monotonic_time () - start) / 1000.0);
}

/* Type-to-search forwards keys without moving the focus: move it, so a
 * space goes into the search rather than pressing the focused button. */
static void
text_changed_cb (LbObservationList *self)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry)));
  if (GTK_IS_TEXT (text) && !gtk_widget_has_focus (text) && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
stop_search_cb (LbObservationList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static int
selected_or_any (GtkDropDown *drop)
{
  guint pos = gtk_drop_down_get_selected (drop);
  return pos == 0 || pos == GTK_INVALID_LIST_POSITION ? -1 : (int) pos - 1;
}

static void
filter_changed_cb (LbObservationList *self)
{
  if (self->quiet)
    return;
  self->purpose = selected_or_any (self->purpose_drop);
  self->status = selected_or_any (self->status_drop);
  int year = selected_or_any (self->year_drop);
  self->year = year >= 0 && (guint) year < self->years->len ? g_array_index (self->years, int, year) : 0;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
clear_filters_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObservationList *self = LB_OBSERVATION_LIST (widget);
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->purpose_drop, 0);
  gtk_drop_down_set_selected (self->status_drop, 0);
  gtk_drop_down_set_selected (self->year_drop, 0);
  g_clear_pointer (&self->starter_uuid, g_free);
  gtk_widget_set_visible (self->starter_chip_child, FALSE);
  self->quiet = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  filter_changed_cb (self);
}

static void
clear_starter_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObservationList *self = LB_OBSERVATION_LIST (widget);
  lb_observation_list_set_starter (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_action (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LB_OBSERVATION_LIST (widget)->search_entry));
}

static int
compare_desc (gconstpointer a, gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* The school years that occur, newest first; a chosen year stays chosen. */
static void
rebuild_years (LbObservationList *self)
{
  int chosen = self->year;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_array_set_size (self->years, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      int y = lb_observation_item_get_school_year (item);
      if (y && g_hash_table_add (seen, GINT_TO_POINTER (y)))
        g_array_append_val (self->years, y);
    }
  g_array_sort (self->years, compare_desc);

  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (labels, g_strdup (_("All school years")));
  guint select = 0;
  for (guint i = 0; i < self->years->len; i++)
    {
      int y = g_array_index (self->years, int, i);
      g_ptr_array_add (labels, lb_format_school_year (y));
      if (y == chosen)
        select = i + 1;
    }
  g_ptr_array_add (labels, NULL);
  self->quiet = TRUE;
  gtk_string_list_splice (self->year_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_model)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->year_drop, select);
  self->quiet = FALSE;
  self->year = select ? chosen : 0;
}

/* ---- rows ---- */

/* Widgets of one row, kept on the row's box. Rows are made only for what
 * is on screen (and recycled), but with every change of the search GTK 4.8
 * may make up to a few hundred: a row is kept to plain boxes and labels,
 * and the one menu is shared by all rows. */
typedef struct {
  GtkWidget *date, *time, *name, *context, *meta, *purpose, *status, *more, *lock, *sync;
  char      *uuid;
  gboolean   draft;
} Row;

static void
row_free (Row *row)
{
  g_free (row->uuid);
  g_free (row);
}

static GtkWidget *
label_new (GtkWidget *box, const char *css1, const char *css2, gboolean ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css1)
    gtk_widget_add_css_class (label, css1);
  if (css2)
    gtk_widget_add_css_class (label, css2);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
column_new (GtkWidget *row_box, gboolean expand)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (box, expand);
  gtk_box_append (GTK_BOX (row_box), box);
  return box;
}

static const LbSummary *
find_summary (LbObservationList *self, const char *uuid)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (g_strcmp0 (lb_observation_item_get_uuid (item), uuid) == 0)
        return lb_observation_item_get_summary (item);  /* the store keeps the item */
    }
  return NULL;
}

/* Whether an observation may be set beside others: final, and not a
 * coach's formative one (those stay between coach and starter unless the
 * starter shares them, which cannot be done on this device). */
static gboolean
comparable (const LbSummary *s)
{
  return s->status == LB_STATUS_FINAL && s->purpose != LB_PURPOSE_FORMATIEF;
}

/* "Compare With…": the other final observations of the same lesson (same
 * starter, same date), each opening win.compare with the two uuids. NULL
 * when there is none. */
GMenu *
lb_observation_list_compare_menu (LbObservationList *self, const char *uuid)
{
  const LbSummary *mine = find_summary (self, uuid);
  if (mine == NULL || !comparable (mine))
    return NULL;
  g_autoptr(GMenu) others = g_menu_new ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const LbSummary *s = lb_observation_item_get_summary (item);
      if (g_strcmp0 (s->uuid, uuid) == 0 || !comparable (s) || g_strcmp0 (s->starter_uuid, mine->starter_uuid) != 0 ||
          g_strcmp0 (s->date, mine->date) != 0)
        continue;
      /* Translators: observer (purpose) */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), s->observer_name, lb_purpose_short_label (s->purpose));
      const char *uuids[] = { uuid, s->uuid, NULL };
      g_autoptr(GMenuItem) entry = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (entry, "win.compare", g_variant_new_strv (uuids, -1));
      g_menu_append_item (others, entry);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (others)) == 0)
    return NULL;
  GMenu *menu = g_menu_new ();
  g_menu_append_submenu (menu, _("_Compare With…"), G_MENU_MODEL (others));
  return menu;
}

/* Opens the menu of the row in @box (a draft's, or a final one's "Compare With…"), pointing at @x, @y in @from
 * (or at the whole of @from when @x is negative). */
static void
show_row_menu (LbObservationList *self, GtkWidget *box, GtkWidget *from, double x, double y)
{
  Row *row = g_object_get_data (G_OBJECT (box), "lb-row");
  graphene_rect_t bounds;
  if (row == NULL || !gtk_widget_compute_bounds (from, GTK_WIDGET (self), &bounds))
    return;
  g_autoptr(GMenu) menu = row->draft ? g_menu_new () : lb_observation_list_compare_menu (self, row->uuid);
  if (menu == NULL)
    return;
  if (row->draft)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete Draft"), NULL);
      g_menu_item_set_action_and_target_value (item, "list.delete-draft", g_variant_new_string (row->uuid));
      g_menu_append_item (menu, item);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), G_MENU_MODEL (menu));
  GdkRectangle rect = { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
  if (x >= 0)
    rect = (GdkRectangle) { bounds.origin.x + x, bounds.origin.y + y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
more_clicked_cb (GtkButton *button, LbObservationList *self)
{
  show_row_menu (self, gtk_widget_get_parent (GTK_WIDGET (button)), GTK_WIDGET (button), -1, -1);
}

static void
row_pressed_cb (GtkGesture *gesture, int n_press, double x, double y, LbObservationList *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  show_row_menu (self, box, box, x, y);
}

static void
row_long_pressed_cb (GtkGesture *gesture, double x, double y, LbObservationList *self)
{
  row_pressed_cb (gesture, 1, x, y, self);
}

static void
add_menu_gestures (LbObservationList *self, GtkWidget *box)
{
  /* Right-click with a mouse, long-press with a finger: the same menu. */
  GtkGesture *click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  GtkGesture *press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (row_long_pressed_cb), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (press));
}

static void
setup_cb (GtkListItemFactory *factory, GtkListItem *list_item, LbObservationList *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  g_object_set_data_full (G_OBJECT (box), "lb-row", row, (GDestroyNotify) row_free);

  GtkWidget *when = column_new (box, FALSE);
  gtk_widget_add_css_class (when, "observation-when");
  row->date = label_new (when, "observation-date", NULL, FALSE);
  row->time = label_new (when, "dim-label", "numeric", FALSE);
  GtkWidget *text = column_new (box, TRUE);
  row->name = label_new (text, "heading", NULL, TRUE);
  row->context = label_new (text, NULL, NULL, TRUE);
  row->meta = label_new (text, "dim-label", "caption", TRUE);
  GtkWidget *badges = column_new (box, FALSE);
  gtk_box_set_spacing (GTK_BOX (badges), 6);
  row->purpose = label_new (badges, "purpose-pill", NULL, FALSE);
  row->status = label_new (badges, "status-label", "caption", FALSE);
  gtk_widget_set_halign (row->purpose, GTK_ALIGN_END);
  gtk_widget_set_halign (row->status, GTK_ALIGN_END);
  row->sync = label_new (badges, "error", "caption-heading", FALSE);
  gtk_widget_set_halign (row->sync, GTK_ALIGN_END);

  /* Drafts have a menu; final observations a lock in the same place, so
   * the columns of all rows line up. */
  row->more = gtk_button_new_from_icon_name ("view-more-symbolic");
  gtk_widget_set_valign (row->more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->more, "flat");
  gtk_widget_add_css_class (row->more, "circular");
  gtk_widget_set_tooltip_text (row->more, _("More"));
  g_signal_connect (row->more, "clicked", G_CALLBACK (more_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), row->more);
  row->lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_set_size_request (row->lock, 34, -1);
  gtk_widget_add_css_class (row->lock, "dim-label");
  gtk_widget_set_tooltip_text (row->lock, _("Final: can no longer be changed"));
  gtk_box_append (GTK_BOX (box), row->lock);

  add_menu_gestures (self, box);
  gtk_list_item_set_child (list_item, box);
}

static void
set_purpose_class (GtkWidget *pill, LbPurpose purpose)
{
  for (LbPurpose p = 0; p < LB_N_PURPOSES; p++)
    if (p != purpose)
      gtk_widget_remove_css_class (pill, lb_purpose_css_class (p));
  gtk_widget_add_css_class (pill, lb_purpose_css_class (purpose));
}

static char *
context_text (LbObservationItem *item)
{
  const LbSummary *s = lb_observation_item_get_summary (item);
  const char *fields[] = { s->subject, s->group, lb_observation_item_get_school (item) };
  const char *parts[G_N_ELEMENTS (fields) + 1] = { NULL };
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] && *fields[i])
      parts[n++] = fields[i];
  return g_strjoinv (" · ", (char **) parts);
}

/* Refused, in conflict or not sent after a sync: the observation is kept
 * as it is here, and the badge says it needs someone. */
static void
bind_sync_flag (LbObservationList *self, Row *row, const char *uuid)
{
  const LbSyncIssue *issue = self->sync_issues ? g_hash_table_lookup (self->sync_issues, uuid) : NULL;
  const char *label = NULL;
  if (issue && issue->kind == LB_SYNC_ISSUE_CONFLICT)
    label = _("Sync conflict");
  else if (issue && issue->kind == LB_SYNC_ISSUE_REFUSED)
    label = _("Refused by the server");
  else if (issue && issue->kind != LB_SYNC_ISSUE_REMOVED)
    label = _("Not synced");
  gtk_widget_set_visible (row->sync, label != NULL);
  gtk_label_set_text (GTK_LABEL (row->sync), label ? label : "");
  gtk_widget_set_tooltip_text (row->sync, label ? issue->reason : NULL);
}

static void
bind_cb (GtkListItemFactory *factory, GtkListItem *list_item, LbObservationList *self)
{
  LbObservationItem *item = gtk_list_item_get_item (list_item);
  const LbSummary *s = lb_observation_item_get_summary (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "lb-row");

  g_autofree char *date = lb_format_date (s->date, LB_DATE_SHORT);
  gtk_label_set_text (GTK_LABEL (row->date), date);
  gtk_label_set_text (GTK_LABEL (row->time), s->start_time ? s->start_time : "");
  gtk_label_set_text (GTK_LABEL (row->name), s->starter_name);
  g_autofree char *context = context_text (item);
  gtk_label_set_text (GTK_LABEL (row->context), *context ? context : _("No lesson details"));
  gtk_widget_set_opacity (row->context, *context ? 1.0 : 0.55);
  g_autofree char *scored = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item scored",
                                                          "%u items scored", s->n_scored), s->n_scored);
  /* Translators: observer (role) · n items scored */
  g_autofree char *meta = g_strdup_printf (_("%s (%s) · %s"), s->observer_name,
                                           lb_role_to_label (s->observer_role), scored);
  gtk_label_set_text (GTK_LABEL (row->meta), meta);

  gtk_label_set_text (GTK_LABEL (row->purpose), lb_purpose_short_label (s->purpose));
  set_purpose_class (row->purpose, s->purpose);
  row->draft = s->status == LB_STATUS_DRAFT;
  gtk_label_set_text (GTK_LABEL (row->status), lb_status_to_label (s->status));
  if (row->draft)
    gtk_widget_add_css_class (row->status, "draft");
  else
    gtk_widget_remove_css_class (row->status, "draft");
  gtk_widget_set_visible (row->more, row->draft);
  gtk_widget_set_visible (row->lock, !row->draft);
  bind_sync_flag (self, row, s->uuid);
  g_free (row->uuid);
  row->uuid = g_strdup (s->uuid);

  g_autofree char *description = lb_observation_item_describe (item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  g_autofree char *more = g_strdup_printf (_("Actions for the observation of %s"), s->starter_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->more), GTK_ACCESSIBLE_PROPERTY_LABEL, more, -1);
}

/* The row whose item has the keyboard focus, if any. */
static GtkWidget *
focused_row (LbObservationList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self->list_view); w = gtk_widget_get_parent (w))
    {
      if (g_object_get_data (G_OBJECT (w), "lb-row"))
        return w;
      GtkWidget *child = gtk_widget_get_first_child (w);
      if (child && g_object_get_data (G_OBJECT (child), "lb-row"))
        return child;
    }
  return NULL;
}

/* The menu key or Shift+F10 opens a row's menu; Delete deletes it (undoably). */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                     GdkModifierType state, LbObservationList *self)
{
  gboolean menu = keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK));
  gboolean delete = keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete;
  GtkWidget *box = menu || delete ? focused_row (self) : NULL;
  Row *row = box ? g_object_get_data (G_OBJECT (box), "lb-row") : NULL;
  if (row == NULL || (!row->draft && !menu))
    return FALSE;
  if (menu)
    show_row_menu (self, box, row->draft ? row->more : box, -1, -1);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "list.delete-draft", "s", row->uuid);
  return TRUE;
}

static void
row_activated_cb (LbObservationList *self, guint position)
{
  g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-observation", "s",
                                lb_observation_item_get_uuid (item));
}

/* ---- deleting drafts, with undo ---- */

static gboolean
remove_item (LbObservationList *self, const char *uuid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (g_strcmp0 (lb_observation_item_get_uuid (item), uuid) == 0)
        {
          g_list_store_remove (self->items, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
undo_clicked_cb (AdwToast *toast, LbObservationList *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "list.undo-delete", "s",
                              g_object_get_data (G_OBJECT (toast), "lb-uuid"));
}

static void
delete_draft_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObservationList *self = LB_OBSERVATION_LIST (widget);
  const char *uuid = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  if (self->store == NULL || !lb_store_delete_draft (self->store, uuid, &error))
    {
      lb_window_toast_for (widget, error ? error->message : _("There is no database to work in"));
      return;
    }
  remove_item (self, uuid);
  update_state (self);

  /* The toast lives in the window's overlay, outside this widget, where
   * list.* actions cannot be found: its button reaches back through a
   * signal instead. */
  AdwToast *toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "lb-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  GtkWidget *window = gtk_widget_get_ancestor (widget, LB_TYPE_WINDOW);
  if (window)
    lb_window_toast (LB_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
undo_delete_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObservationList *self = LB_OBSERVATION_LIST (widget);
  g_autoptr(GError) error = NULL;
  if (self->store == NULL || !lb_store_undelete_draft (self->store, g_variant_get_string (param, NULL), &error))
    {
      lb_window_toast_for (widget, error ? error->message : _("There is no database to work in"));
      return;
    }
  lb_observation_list_reload (self);
}

/* ---- life cycle ---- */

static void
fill_string_list (GtkStringList *list, const char *all, const char *(*label) (int), int n)
{
  gtk_string_list_append (list, all);
  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
}

static const char *
purpose_label (int i)
{
  return lb_purpose_short_label ((LbPurpose) i);
}

static const char *
status_label (int i)
{
  return lb_status_to_label ((LbStatus) i);
}

static void
lb_observation_list_init (LbObservationList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->purpose = self->status = -1;
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->quiet = TRUE;
  fill_string_list (self->purpose_model, _("All purposes"), purpose_label, LB_N_PURPOSES);
  fill_string_list (self->status_model, _("Drafts and final"), status_label, LB_STATUS_FINAL + 1);
  gtk_string_list_append (self->year_model, _("All school years"));
  self->quiet = FALSE;

  self->items = g_list_store_new (LB_TYPE_OBSERVATION_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->row_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  update_state (self);
}

/* Typing anywhere in the window while the list is shown searches it. */
static void
lb_observation_list_map (GtkWidget *widget)
{
  LbObservationList *self = LB_OBSERVATION_LIST (widget);
  GTK_WIDGET_CLASS (lb_observation_list_parent_class)->map (widget);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
lb_observation_list_unmap (GtkWidget *widget)
{
  gtk_search_entry_set_key_capture_widget (LB_OBSERVATION_LIST (widget)->search_entry, NULL);
  GTK_WIDGET_CLASS (lb_observation_list_parent_class)->unmap (widget);
}

static void
lb_observation_list_dispose (GObject *object)
{
  LbObservationList *self = LB_OBSERVATION_LIST (object);
  g_clear_handle_id (&self->rest_source, g_source_remove);
  g_clear_pointer (&self->sync_issues, g_hash_table_unref);
  if (self->list_view)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_OBSERVATION_LIST);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_observation_list_parent_class)->dispose (object);
}

static void
lb_observation_list_finalize (GObject *object)
{
  LbObservationList *self = LB_OBSERVATION_LIST (object);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_free (self->search_text);
  g_free (self->starter_uuid);
  g_free (self->starter_name);
  G_OBJECT_CLASS (lb_observation_list_parent_class)->finalize (object);
}

static void
lb_observation_list_class_init (LbObservationListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_observation_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = lb_observation_list_finalize;
  widget_class->map = lb_observation_list_map;
  widget_class->unmap = lb_observation_list_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-observation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, page_stack);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, purpose_drop);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, status_drop);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, year_drop);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, purpose_model);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, status_model);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, year_model);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, starter_chip_child);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, starter_chip_label);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, count_label);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, list_view);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, LbObservationList, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "list.delete-draft", "s", delete_draft_action);
  gtk_widget_class_install_action (widget_class, "list.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "list.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "list.clear-starter", NULL, clear_starter_action);
  gtk_widget_class_install_action (widget_class, "list.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "list.search", NULL);
}

/* ---- public ---- */

void
lb_observation_list_set_store (LbObservationList *self, LbStore *store)
{
  g_return_if_fail (LB_IS_OBSERVATION_LIST (self));
  g_set_object (&self->store, store);
  lb_observation_list_reload (self);
}

static void
show_error (LbObservationList *self, const char *message)
{
  g_list_store_remove_all (self->items);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->page_stack, "error");
}

/* The observation's own school is not in a summary; the starter's school
 * is what people search for, so that is what the search sees. */
static GHashTable *
schools_of_starters (LbStore *store)
{
  GHashTable *schools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) people = lb_store_list_people (store, TRUE, NULL);
  for (guint i = 0; people && i < people->len; i++)
    {
      LbPerson *p = people->pdata[i];
      if (p->school)
        g_hash_table_insert (schools, g_strdup (p->uuid), g_strdup (p->school));
    }
  return schools;
}

static void
load_sync_issues (LbObservationList *self)
{
  g_clear_pointer (&self->sync_issues, g_hash_table_unref);
  g_autoptr(GPtrArray) issues = lb_store_list_sync_issues (self->store, NULL);
  if (issues == NULL)
    return;
  self->sync_issues = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lb_sync_issue_free);
  g_ptr_array_set_free_func (issues, NULL);   /* the table takes them */
  for (guint i = 0; i < issues->len; i++)
    {
      LbSyncIssue *issue = issues->pdata[i];
      g_hash_table_replace (self->sync_issues, issue->uuid, issue);   /* key and value go together */
    }
}

/* Reads up to @limit observations (0: all) into the list. */
static gboolean
load_rows (LbObservationList *self, guint limit)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.limit = limit;
  g_autoptr(GPtrArray) rows = lb_store_list (self->store, &filter, &error);
  if (rows == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_autoptr(GHashTable) schools = schools_of_starters (self->store);
  load_sync_issues (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (rows->len, g_object_unref);
  g_ptr_array_set_free_func (rows, NULL);   /* the items take the summaries */
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *s = rows->pdata[i];
      g_ptr_array_add (items, lb_observation_item_new (s, g_hash_table_lookup (schools, s->starter_uuid ? s->starter_uuid : "")));
    }
  if (g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "error"))
    gtk_stack_set_visible_child_name (self->page_stack, "list");
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  rebuild_years (self);
  update_state (self);
  g_debug ("%u observations loaded in %.1f ms", items->len, (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

static gboolean
load_rest_cb (gpointer data)
{
  LbObservationList *self = data;
  self->rest_source = 0;
  if (self->store)
    load_rows (self, 0);
  return G_SOURCE_REMOVE;
}

/* The first screenful is read at once, so the overview appears without
 * waiting; the rest follows as soon as the first frame is on screen. */
#define FIRST_SCREENFUL 60

void
lb_observation_list_reload (LbObservationList *self)
{
  g_return_if_fail (LB_IS_OBSERVATION_LIST (self));
  if (self->store == NULL)
    {
      show_error (self, _("There is no database to work in; see the message at start-up."));
      return;
    }
  g_clear_handle_id (&self->rest_source, g_source_remove);
  if (!load_rows (self, FIRST_SCREENFUL))
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == FIRST_SCREENFUL)
    self->rest_source = g_timeout_add_full (G_PRIORITY_LOW, 50, load_rest_cb, self, NULL);
}

static char *
name_of_starter (LbObservationList *self, const char *uuid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbObservationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const LbSummary *s = lb_observation_item_get_summary (item);
      if (g_strcmp0 (s->starter_uuid, uuid) == 0)
        return g_strdup (s->starter_name);
    }
  g_autoptr(LbPerson) person = self->store ? lb_store_find_person (self->store, uuid, NULL) : NULL;
  return g_strdup (person ? person->name : uuid);
}

void
lb_observation_list_set_starter (LbObservationList *self, const char *starter_uuid)
{
  g_return_if_fail (LB_IS_OBSERVATION_LIST (self));
  if (starter_uuid && !*starter_uuid)
    starter_uuid = NULL;
  g_free (self->starter_uuid);
  self->starter_uuid = g_strdup (starter_uuid);
  g_clear_pointer (&self->starter_name, g_free);
  if (starter_uuid)
    {
      self->starter_name = name_of_starter (self, starter_uuid);
      /* Translators: the filter chip for one starter; pressing it removes the filter. */
      g_autofree char *label = g_strdup_printf (_("Only: %s"), self->starter_name);
      gtk_label_set_text (self->starter_chip_label, label);
      g_autofree char *a11y = g_strdup_printf (_("Showing only %s; press to show everyone"), self->starter_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (self->starter_chip_child)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
  gtk_widget_set_visible (self->starter_chip_child, starter_uuid != NULL);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}
