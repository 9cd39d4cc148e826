/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-starter-page"

/* One starter's induction at a glance: the growth chart of the dossier,
 * the development plan (POP) with goals that change status in place and
 * goals made from an observation's afspraken, the zone of next
 * development (lb-rasch.h), and the newest self-assessment beside the
 * observer's view of (nearly) the same lesson.
 *
 * This page is on the observer's own tablet, among observations already
 * listed there: the chart and the self-assessment gap use the coach's
 * formative observations too (the gap is exactly the coach's view beside
 * the starter's). Nothing here leaves the device; the dossier and the
 * observer comparison keep formative observations out unless shared. */

#include "config.h"
#include "lb-starter-page.h"
#include "lb-date-button.h"
#include "lb-observation-item.h"
#include "lb-agreement.h"
#include "lb-rasch.h"
#include "lb-report.h"
#include "lb-report-goals.h"
#include "lb-error.h"
#include "lb-window.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define ZONE_SHOWN 5

/* ---- one row's data, for every list on the page ---- */

#define LB_TYPE_STARTER_ENTRY (lb_starter_entry_get_type ())
G_DECLARE_FINAL_TYPE (LbStarterEntry, lb_starter_entry, LB, STARTER_ENTRY, GObject)

struct _LbStarterEntry
{
  GObject   parent_instance;
  char     *title;
  char     *subtitle;
  char     *left;      /* the gap list: the starter's score; else NULL */
  char     *right;     /* the observer's score */
  char     *uuid;      /* an observation's, for its afspraken */
  gboolean  notable;   /* the scores differ by LB_COMPARISON_NOTABLE_SPREAD or more */
  LbGoal   *goal;
};

G_DEFINE_FINAL_TYPE (LbStarterEntry, lb_starter_entry, G_TYPE_OBJECT)

static void
lb_starter_entry_finalize (GObject *object)
{
  LbStarterEntry *e = LB_STARTER_ENTRY (object);
  g_free (e->title), g_free (e->subtitle), g_free (e->left), g_free (e->right), g_free (e->uuid);
  g_clear_pointer (&e->goal, lb_goal_free);
  G_OBJECT_CLASS (lb_starter_entry_parent_class)->finalize (object);
}

static void
lb_starter_entry_class_init (LbStarterEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_starter_entry_finalize;
}

static void
lb_starter_entry_init (LbStarterEntry *e)
{
}

static LbStarterEntry *
entry_new (const char *title, const char *subtitle)
{
  LbStarterEntry *e = g_object_new (LB_TYPE_STARTER_ENTRY, NULL);
  e->title = g_strdup (title);
  e->subtitle = g_strdup (subtitle);
  return e;
}

/* ---- the page ---- */

struct _LbStarterPage
{
  AdwBin             parent_instance;

  AdwWindowTitle    *title;
  GtkButton         *all_button;
  GtkButton         *dossier_button;
  GtkScrolledWindow *scroller;
  GtkDrawingArea    *chart;
  GtkLabel          *chart_empty;
  AdwComboRow       *chart_item_row;
  GtkListBox        *goals_list;
  AdwEntryRow       *goal_text_row;
  AdwExpanderRow    *goal_items_row;
  LbDateButton      *goal_date;
  GtkSwitch         *goal_date_switch;
  AdwPreferencesGroup *agreements_group;
  GtkListBox        *agreements_list;
  AdwActionRow      *zone_estimate_row;
  GtkListBox        *zone_list;
  GtkLabel          *zone_explanation;
  AdwPreferencesGroup *gap_group;
  GtkWidget         *gap_header;
  GtkListBox        *gap_list;

  LbStore           *store;
  LbPerson          *person;
  LbInstrument      *instrument;   /* of the newest observation: the items goals link to */
  LbGrowthChart     *growth;
  GPtrArray         *chart_items;  /* item ids, in the order of chart_item_row after "All domains" */
  GListStore        *goals;        /* LbStarterEntry with a goal */
  GListStore        *agreements;   /* LbStarterEntry with an observation uuid */
  GListStore        *zone;
  GListStore        *gaps;
  GPtrArray         *item_checks;  /* GtkCheckButton, the item id as "item-id" data */
  GPtrArray         *item_rows;    /* the rows in goal_items_row, to remove them */
};

G_DEFINE_FINAL_TYPE (LbStarterPage, lb_starter_page, ADW_TYPE_BIN)

static void
toast (LbStarterPage *self, const char *message)
{
  lb_window_toast_for (GTK_WIDGET (self), message);
}

static const char *
item_text (LbInstrument *inst, const char *id)
{
  LbNode *node = inst ? lb_instrument_find_node (inst, id) : NULL;
  return node ? lb_text_get_ui (lb_node_get_text (node)) : id;
}

/* ---- the growth chart ---- */

static void
draw_chart_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  LbStarterPage *self = data;
  if (self->growth == NULL)
    return;
  /* Paper colours on a paper-white card, also in dark mode: the drawing is
   * the dossier's. Points are scaled up to read at arm's length. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  double s = CLAMP (width / 560.0, 1.0, 1.6);
  cairo_translate (cr, 12, 12);
  cairo_scale (cr, s, s);
  lb_growth_chart_draw (self->growth, cr, (width - 24) / s, (height - 16) / s);
}

static void
show_chart (LbStarterPage *self)
{
  gboolean some = self->growth && lb_growth_chart_get_n_points (self->growth) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->chart), some);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_empty), !some);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
chart_item_changed_cb (AdwComboRow *row, GParamSpec *pspec, LbStarterPage *self)
{
  if (self->growth == NULL || self->chart_items == NULL)
    return;
  guint selected = adw_combo_row_get_selected (row);
  const char *item = selected > 0 && selected <= self->chart_items->len ? self->chart_items->pdata[selected - 1] : NULL;
  g_autoptr(GError) error = NULL;
  if (!lb_growth_chart_set_item (self->growth, item, &error))
    {
      toast (self, error->message);
      lb_growth_chart_set_item (self->growth, NULL, NULL);
    }
  show_chart (self);
}

/* "All domains", then every item of the instrument of the newest
 * observation. */
static void
fill_chart_items (LbStarterPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All domains"));
  g_clear_pointer (&self->chart_items, g_ptr_array_unref);
  self->chart_items = g_ptr_array_new_with_free_func (g_free);
  GListModel *domains = self->instrument ? lb_instrument_get_domains (self->instrument) : NULL;
  for (guint i = 0; domains && i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) node = g_list_model_get_item (domains, i);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();
      lb_node_collect_items (node, items);
      for (guint k = 0; k < items->len; k++)
        {
          g_ptr_array_add (self->chart_items, g_strdup (lb_node_get_id (items->pdata[k])));
          gtk_string_list_append (names, lb_text_get_ui (lb_node_get_text (items->pdata[k])));
        }
    }
  adw_combo_row_set_model (self->chart_item_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->chart_item_row, 0);
}

static void
load_chart (LbStarterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_clear_pointer (&self->growth, lb_growth_chart_free);
  self->growth = lb_growth_chart_new (self->store, self->person->uuid, TRUE, lb_report_ui_language (), &error);
  if (self->growth == NULL)
    g_message ("growth chart: %s", error->message);
  fill_chart_items (self);
  show_chart (self);
}

/* ---- the development plan ---- */

static char *
goal_subtitle (LbStarterPage *self, const LbGoal *goal)
{
  g_autoptr(GString) s = g_string_new (NULL);
  if (goal->target_date)
    {
      g_autofree char *date = lb_format_date (goal->target_date, LB_DATE_SHORT);
      g_string_append_printf (s, _("Target: %s"), date);
    }
  for (guint i = 0; goal->item_ids && goal->item_ids[i]; i++)
    {
      if (s->len)
        g_string_append (s, i ? "; " : " · ");
      g_string_append (s, item_text (self->instrument, goal->item_ids[i]));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
load_goals (LbStarterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = lb_store_list_goals (self->store, self->person->uuid, FALSE, &error);
  if (goals == NULL)
    toast (self, error->message);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; goals && i < goals->len; i++)
    {
      LbGoal *goal = goals->pdata[i];
      g_autofree char *sub = goal_subtitle (self, goal);
      LbStarterEntry *e = entry_new (goal->text, sub);
      e->goal = lb_goal_copy (goal);
      g_ptr_array_add (entries, e);
    }
  g_list_store_splice (self->goals, 0, g_list_model_get_n_items (G_LIST_MODEL (self->goals)),
                       entries->pdata, entries->len);
}

static void
status_changed_cb (GtkDropDown *dropdown, GParamSpec *pspec, LbStarterPage *self)
{
  LbStarterEntry *e = g_object_get_data (G_OBJECT (dropdown), "entry");
  guint status = gtk_drop_down_get_selected (dropdown);
  if (e == NULL || status >= LB_N_GOAL_STATUSES || status == e->goal->status)
    return;
  g_autoptr(LbGoal) changed = lb_goal_copy (e->goal);
  changed->status = status;
  g_autoptr(GError) error = NULL;
  if (!lb_store_update_goal (self->store, changed, &error))
    {
      toast (self, error->message);
      gtk_drop_down_set_selected (dropdown, e->goal->status);
      return;
    }
  e->goal->status = status;
}

static GtkWidget *
create_goal_row (gpointer item, gpointer data)
{
  LbStarterEntry *e = item;
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  const char *labels[LB_N_GOAL_STATUSES + 1] = { NULL };
  for (guint s = 0; s < LB_N_GOAL_STATUSES; s++)
    labels[s] = lb_goal_status_to_label (s);
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), e->goal->status);
  g_autofree char *a11y = g_strdup_printf (_("Status of “%s”"), e->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (dropdown), "entry", g_object_ref (e), g_object_unref);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (status_changed_cb), data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  return row;
}

static void
clear_item_rows (LbStarterPage *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    adw_expander_row_remove (self->goal_items_row, self->item_rows->pdata[i]);
  g_ptr_array_set_size (self->item_rows, 0);
  g_ptr_array_set_size (self->item_checks, 0);
}

/* The items a goal may be linked to: those of the instrument the starter
 * was last observed with. */
static void
fill_item_rows (LbStarterPage *self)
{
  clear_item_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->goal_items_row), self->instrument != NULL);
  if (self->instrument == NULL)
    return;
  GPtrArray *items = lb_instrument_get_items (self->instrument);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lb_text_get_ui (lb_node_get_text (item)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "item-id", g_strdup (lb_node_get_id (item)), g_free);
      adw_expander_row_add_row (self->goal_items_row, row);
      g_ptr_array_add (self->item_rows, row);
      g_ptr_array_add (self->item_checks, check);
    }
}

static void
update_actions (LbStarterPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->goal_text_row))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "starter.add-goal", self->store && *text != '\0');
}

static void
goal_form_changed_cb (LbStarterPage *self)
{
  update_actions (self);
}

static void
reset_goal_form (LbStarterPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->goal_text_row), "");
  for (guint i = 0; i < self->item_checks->len; i++)
    gtk_check_button_set_active (self->item_checks->pdata[i], FALSE);
  gtk_switch_set_active (self->goal_date_switch, FALSE);
  adw_expander_row_set_expanded (self->goal_items_row, FALSE);
  update_actions (self);
}

static int
cmp_item_id (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static void
add_goal_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbStarterPage *self = LB_STARTER_PAGE (widget);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  for (guint i = 0; i < self->item_checks->len; i++)
    if (gtk_check_button_get_active (self->item_checks->pdata[i]))
      g_strv_builder_add (ids, g_object_get_data (self->item_checks->pdata[i], "item-id"));
  g_autoptr(LbGoal) goal = lb_goal_new ();
  goal->person_uuid = g_strdup (self->person->uuid);
  goal->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->goal_text_row))));
  goal->item_ids = g_strv_builder_end (ids);
  qsort (goal->item_ids, g_strv_length (goal->item_ids), sizeof (char *), cmp_item_id);
  if (gtk_switch_get_active (self->goal_date_switch))
    goal->target_date = g_strdup (lb_date_button_get_date (self->goal_date));
  goal->status = LB_GOAL_OPEN;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbGoal) added = lb_store_add_goal (self->store, goal, &error);
  if (added == NULL)
    {
      toast (self, error->message);
      return;
    }
  reset_goal_form (self);
  load_goals (self);
  toast (self, _("Goal added"));
}

/* ---- goals from afspraken ---- */

static void
goals_from_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbStarterPage *self = LB_STARTER_PAGE (widget);
  guint n_existing = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = lb_store_add_goals_from_observation (self->store, g_variant_get_string (param, NULL),
                                                                    &n_existing, &error);
  if (added == NULL)
    {
      toast (self, error->message);
      return;
    }
  load_goals (self);
  if (added->len == 0)
    toast (self, _("These agreements are goals already"));
  else
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u goal added", "%u goals added",
                                                           added->len), added->len);
      toast (self, msg);
    }
}

static GtkWidget *
create_agreements_row (gpointer item, gpointer data)
{
  LbStarterEntry *e = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12), gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12), gtk_widget_set_margin_end (box, 12);
  GtkWidget *heading = gtk_label_new (e->title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  GtkWidget *text = gtk_label_new (e->subtitle);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_selectable (GTK_LABEL (text), FALSE);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Make _Goals from the Agreements"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "starter.goals-from");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (e->uuid));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), button);
  GtkWidget *row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
load_agreements (LbStarterPage *self, GPtrArray *observations)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < observations->len; i++)
    {
      LbObservation *o = observations->pdata[i];
      g_auto(GStrv) lines = lb_goal_lines_from_agreements (o->agreements);
      if (lines[0] == NULL)
        continue;
      g_autofree char *date = lb_format_date (o->date, LB_DATE_SHORT);
      g_autofree char *title = g_strdup_printf ("%s · %s · %s", date, lb_purpose_to_label (o->purpose),
                                                o->observer ? o->observer->name : "");
      LbStarterEntry *e = entry_new (title, g_strstrip (o->agreements));
      e->uuid = g_strdup (o->uuid);
      g_ptr_array_add (entries, e);
    }
  g_list_store_splice (self->agreements, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agreements)),
                       entries->pdata, entries->len);
  gtk_widget_set_visible (GTK_WIDGET (self->agreements_group), entries->len > 0);
}

/* ---- the zone of next development ---- */

static GtkWidget *
create_plain_row (gpointer item, gpointer data)
{
  LbStarterEntry *e = item;
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

/* "0,53" in Dutch, "0.53" in English: the interface's language, not the
 * C locale the numbers would otherwise follow. */
static char *
ui_number (double value, int digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE], format[8];
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 6));
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (g_str_equal (lb_text_ui_language (), "nl"))
    g_strdelimit (buf, ".", ',');
  return g_strdup (buf);
}

static void
show_zone_estimate (LbStarterPage *self, LbZone *zone)
{
  const LbRaschEstimate *est = &zone->estimate;
  g_autofree char *theta = ui_number (est->theta, 2);
  g_autofree char *se = ui_number (est->se, 2);
  g_autofree char *lo = ui_number (est->theta - 2 * est->se, 2);
  g_autofree char *hi = ui_number (est->theta + 2 * est->se, 2);
  g_autofree char *title = g_strdup_printf (_("Estimated skill: %s logits"), theta);
  /* Translators: %s are numbers in logits; two standard errors either side. */
  g_autofree char *sub = g_strdup_printf (_("Give or take %s (the standard error): most likely between %s and %s "
                                            "logits, from %u indicators of which %u were ticked"),
                                          se, lo, hi, est->n_responses, est->n_ticked);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_estimate_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->zone_estimate_row), sub);
}

static void
load_zone (LbStarterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbZone) zone = lb_report_zone_for_person (self->store, self->person->uuid, &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  /* The zone lives on a Rasch scale: where none of the starter's
   * instruments declares difficulties, there is no zone to speak of. */
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->zone_estimate_row), ADW_TYPE_PREFERENCES_GROUP);
  if (group)
    gtk_widget_set_visible (group, !g_error_matches (error, LB_ERROR, LB_ERROR_INVALID));
  if (zone == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_estimate_row), _("No estimate yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->zone_estimate_row), error->message);
      gtk_label_set_text (self->zone_explanation, "");
    }
  else
    {
      show_zone_estimate (self, zone);
      for (guint i = 0; i < zone->entries->len && i < ZONE_SHOWN; i++)
        {
          LbZoneEntry *z = zone->entries->pdata[i];
          g_autofree char *difficulty = ui_number (z->difficulty, 1);
          /* Translators: an item; a difficulty in logits; the chance in percent. */
          g_autofree char *sub = g_strdup_printf (_("%s · difficulty %s · %.0f%% likely now"),
                                                  lb_text_get_ui (lb_node_get_text (z->item)), difficulty,
                                                  100 * z->probability);
          g_ptr_array_add (entries, entry_new (lb_text_get_ui (lb_node_get_text (z->indicator)), sub));
        }
      gtk_label_set_text (self->zone_explanation, zone->explanation);
    }
  g_list_store_splice (self->zone, 0, g_list_model_get_n_items (G_LIST_MODEL (self->zone)),
                       entries->pdata, entries->len);
  gtk_widget_set_visible (GTK_WIDGET (self->zone_list), entries->len > 0);
}

/* ---- self-assessment beside the observer ---- */

static double
julian (const char *date)
{
  int y, m, d;
  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  GDate g;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_julian (&g);
}

/* The observer's observation of the same lesson as @self_obs: the same
 * date, or else the nearest, made with the same instrument. */
static LbObservation *
nearest_observer (GPtrArray *observations, LbObservation *self_obs)
{
  LbObservation *best = NULL;
  double best_gap = G_MAXDOUBLE;
  for (guint i = 0; i < observations->len; i++)
    {
      LbObservation *o = observations->pdata[i];
      if (o->purpose == LB_PURPOSE_ZELFBEOORDELING || g_strcmp0 (o->instrument_id, self_obs->instrument_id) != 0)
        continue;
      double gap = fabs (julian (o->date) - julian (self_obs->date));
      if (gap < best_gap)
        best = o, best_gap = gap;
    }
  return best;
}

/* An item's level index in @obs (the mean over sessions, rounded), or
 * -1 when it was not scored or not observed. */
static int
level_of (LbObservation *obs, LbNode *item)
{
  LbScale *scale = lb_node_find_scale (item);
  double sum = 0;
  guint n = 0;
  for (guint i = 0; scale && i < obs->scores->len; i++)
    {
      const LbScore *s = obs->scores->pdata[i];
      if (s->not_observed || s->level_id == NULL || !g_str_equal (s->item_id, lb_node_get_id (item)))
        continue;
      int level = lb_scale_find_level (scale, s->level_id);
      if (level >= 0)
        sum += level, n++;
    }
  return n ? (int) floor (sum / n + 0.5) : -1;
}

static char *
level_text (LbNode *item, int level)
{
  if (level < 0)
    return g_strdup ("–");
  return g_strdup_printf ("%g", lb_scale_get_level (lb_node_find_scale (item), level)->value);
}

static GtkWidget *
create_gap_row (gpointer item, gpointer data)
{
  LbStarterEntry *e = item;
  GtkWidget *row = create_plain_row (item, data);
  for (guint k = 0; k < 2; k++)
    {
      GtkWidget *label = gtk_label_new (k ? e->right : e->left);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "title-4");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (e->notable)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (icon, _("The scores differ by two points or more"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "lb-gap");
    }
  g_autofree char *a11y = g_strdup_printf (_("%s: starter %s, observer %s"), e->title, e->left, e->right);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static void
fill_gaps (LbStarterPage *self, LbObservation *self_obs, LbObservation *other, LbInstrument *inst,
           GPtrArray *entries)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      int a = level_of (self_obs, item), b = level_of (other, item);
      if (a < 0 && b < 0)
        continue;
      LbStarterEntry *e = entry_new (lb_text_get_ui (lb_node_get_text (item)), NULL);
      e->left = level_text (item, a);
      e->right = level_text (item, b);
      e->notable = a >= 0 && b >= 0 && ABS (a - b) >= LB_COMPARISON_NOTABLE_SPREAD;
      if (e->notable)
        e->subtitle = g_strdup (_("Differs by two points or more: worth talking about"));
      g_ptr_array_add (entries, e);
    }
}

static void
load_gaps (LbStarterPage *self, GPtrArray *observations)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  LbObservation *self_obs = NULL, *other = NULL;
  for (guint i = 0; i < observations->len && self_obs == NULL; i++)  /* newest first */
    if (((LbObservation *) observations->pdata[i])->purpose == LB_PURPOSE_ZELFBEOORDELING)
      self_obs = observations->pdata[i];
  if (self_obs)
    other = nearest_observer (observations, self_obs);
  g_autoptr(LbInstrument) inst = other ? lb_store_get_instrument (self->store, self_obs->instrument_sha256, NULL) : NULL;
  if (inst)
    {
      fill_gaps (self, self_obs, other, inst, entries);
      g_autofree char *d1 = lb_format_date (self_obs->date, LB_DATE_SHORT);
      g_autofree char *d2 = lb_format_date (other->date, LB_DATE_SHORT);
      g_autofree char *desc = g_strdup_printf (_("The starter's self-assessment of %s beside the observation by %s "
                                                 "(%s) of %s. Items where the two differ by two points or more are "
                                                 "marked."), d1, other->observer ? other->observer->name : "",
                                               lb_purpose_to_label (other->purpose), d2);
      adw_preferences_group_set_description (self->gap_group, desc);
    }
  else
    adw_preferences_group_set_description (self->gap_group, self_obs ? _("There is no observation by someone else to "
                                                                          "set the self-assessment beside.")
                                                                      : _("The starter has not assessed a lesson of "
                                                                          "their own yet."));
  gtk_widget_set_visible (self->gap_header, entries->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->gap_list), entries->len > 0);
  g_list_store_splice (self->gaps, 0, g_list_model_get_n_items (G_LIST_MODEL (self->gaps)),
                       entries->pdata, entries->len);
}

/* ---- loading ---- */

static GPtrArray *
load_observations (LbStarterPage *self, GError **error)
{
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.person = self->person->uuid;
  filter.status = LB_STATUS_FINAL;
  g_autoptr(GPtrArray) rows = lb_store_list (self->store, &filter, error);
  if (rows == NULL)
    return NULL;
  g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      LbSummary *s = rows->pdata[i];
      if (g_strcmp0 (s->starter_uuid, self->person->uuid) != 0)
        continue;
      LbObservation *o = lb_store_load (self->store, s->uuid, error);
      if (o == NULL)
        return NULL;
      g_ptr_array_add (observations, o);
    }
  return g_steal_pointer (&observations);
}

static void
show_person (LbStarterPage *self)
{
  const LbPerson *p = self->person;
  g_autofree char *year = g_strdup_printf (_("Induction year %d"), p->induction_year);
  g_autofree char *sub = p->school && *p->school ? g_strdup_printf ("%s · %s", p->school, year) : g_strdup (year);
  adw_window_title_set_title (self->title, p->name);
  adw_window_title_set_subtitle (self->title, sub);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->all_button), g_variant_new_string (p->uuid));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->dossier_button), g_variant_new_string (p->uuid));
}

gboolean
lb_starter_page_load (LbStarterPage *self, LbStore *store, const char *person_uuid, GError **error)
{
  g_return_val_if_fail (LB_IS_STARTER_PAGE (self), FALSE);
  g_return_val_if_fail (LB_IS_STORE (store) && person_uuid != NULL, FALSE);
  g_autoptr(LbPerson) person = lb_store_find_person (store, person_uuid, error);
  if (person == NULL)
    return FALSE;
  g_set_object (&self->store, store);
  g_clear_pointer (&self->person, lb_person_free);
  self->person = g_steal_pointer (&person);
  g_autoptr(GPtrArray) observations = load_observations (self, error);
  if (observations == NULL)
    return FALSE;
  g_clear_object (&self->instrument);
  if (observations->len > 0)
    self->instrument = lb_store_get_instrument (store, ((LbObservation *) observations->pdata[0])->instrument_sha256,
                                                NULL);
  show_person (self);
  load_chart (self);
  load_goals (self);
  fill_item_rows (self);
  reset_goal_form (self);
  load_agreements (self, observations);
  load_zone (self);
  load_gaps (self, observations);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

const char *
lb_starter_page_get_person_uuid (LbStarterPage *self)
{
  g_return_val_if_fail (LB_IS_STARTER_PAGE (self), NULL);
  return self->person ? self->person->uuid : NULL;
}

/* ---- life cycle ---- */

static void
lb_starter_page_init (LbStarterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->goals = g_list_store_new (LB_TYPE_STARTER_ENTRY);
  self->agreements = g_list_store_new (LB_TYPE_STARTER_ENTRY);
  self->zone = g_list_store_new (LB_TYPE_STARTER_ENTRY);
  self->gaps = g_list_store_new (LB_TYPE_STARTER_ENTRY);
  self->item_checks = g_ptr_array_new ();
  self->item_rows = g_ptr_array_new ();
  gtk_list_box_bind_model (self->goals_list, G_LIST_MODEL (self->goals), create_goal_row, self, NULL);
  GtkWidget *none = gtk_label_new (_("No goals yet"));
  gtk_widget_set_margin_top (none, 12), gtk_widget_set_margin_bottom (none, 12);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_list_box_set_placeholder (self->goals_list, none);
  gtk_list_box_bind_model (self->agreements_list, G_LIST_MODEL (self->agreements), create_agreements_row, self, NULL);
  gtk_list_box_bind_model (self->zone_list, G_LIST_MODEL (self->zone), create_plain_row, self, NULL);
  gtk_list_box_bind_model (self->gap_list, G_LIST_MODEL (self->gaps), create_gap_row, self, NULL);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
  lb_date_button_set_accessible_name (self->goal_date, _("Target date"));
  update_actions (self);
}

static void
lb_starter_page_dispose (GObject *object)
{
  LbStarterPage *self = LB_STARTER_PAGE (object);
  if (self->goals_list)
    {
      gtk_list_box_bind_model (self->goals_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->agreements_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->zone_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->gap_list, NULL, NULL, NULL, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_STARTER_PAGE);
  g_clear_object (&self->goals);
  g_clear_object (&self->agreements);
  g_clear_object (&self->zone);
  g_clear_object (&self->gaps);
  g_clear_pointer (&self->item_checks, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->growth, lb_growth_chart_free);
  g_clear_pointer (&self->chart_items, g_ptr_array_unref);
  g_clear_pointer (&self->person, lb_person_free);
  g_clear_object (&self->instrument);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_starter_page_parent_class)->dispose (object);
}

static void
lb_starter_page_class_init (LbStarterPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_starter_page_dispose;
  g_type_ensure (LB_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-starter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, title);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, dossier_button);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, chart);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, chart_empty);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, chart_item_row);
  gtk_widget_class_bind_template_callback (widget_class, chart_item_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, goals_list);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, goal_text_row);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, goal_items_row);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, goal_date);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, goal_date_switch);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, agreements_group);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, agreements_list);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, zone_estimate_row);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, zone_list);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, zone_explanation);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, gap_group);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, gap_header);
  gtk_widget_class_bind_template_child (widget_class, LbStarterPage, gap_list);
  gtk_widget_class_bind_template_callback (widget_class, goal_form_changed_cb);
  gtk_widget_class_install_action (widget_class, "starter.add-goal", NULL, add_goal_action);
  gtk_widget_class_install_action (widget_class, "starter.goals-from", "s", goals_from_action);
}

struct _LbGrowthChart *
lb_starter_page_get_growth_chart (LbStarterPage *self)
{
  g_return_val_if_fail (LB_IS_STARTER_PAGE (self), NULL);
  return self->growth;
}
