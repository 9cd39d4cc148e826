/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-starter-list"

/* The starters, with their induction year and how often they have been
 * observed; activating one shows their observations. Starters are added
 * here through a small form in a message dialog. */

#include "config.h"
#include "lb-starter-list.h"
#include "lb-date-button.h"
#include "lb-observation-item.h"
#include "lb-person-item.h"
#include "lb-window.h"

#include <glib/gi18n.h>

struct _LbStarterList
{
  AdwBin         parent_instance;
  GtkStack      *page_stack;
  GtkLabel      *count_label;
  GtkListView   *list_view;
  AdwStatusPage *error_page;
  guint          reload_source;

  LbStore       *store;
  GListStore    *items;
};

G_DEFINE_FINAL_TYPE (LbStarterList, lb_starter_list, ADW_TYPE_BIN)

/* ---- rows ---- */

typedef struct {
  GtkWidget *avatar, *name, *school, *year, *count, *more;
} Row;

static GtkWidget *
label_new (const char *css1, const char *css2)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css1)
    gtk_widget_add_css_class (label, css1);
  if (css2)
    gtk_widget_add_css_class (label, css2);
  return label;
}

static void
setup_cb (GtkListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  g_object_set_data_full (G_OBJECT (box), "lb-row", row, g_free);

  row->avatar = adw_avatar_new (40, NULL, TRUE);
  gtk_widget_set_valign (row->avatar, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), row->avatar);

  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  row->name = label_new ("heading", NULL);
  row->school = label_new ("dim-label", NULL);
  gtk_box_append (GTK_BOX (text), row->name);
  gtk_box_append (GTK_BOX (text), row->school);
  gtk_box_append (GTK_BOX (box), text);

  GtkWidget *facts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (facts, GTK_ALIGN_CENTER);
  row->year = label_new ("purpose-pill", "purpose-formative");
  gtk_widget_set_halign (row->year, GTK_ALIGN_END);
  row->count = label_new ("dim-label", "caption");
  gtk_widget_add_css_class (row->count, "starter-row-count");
  gtk_widget_set_halign (row->count, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (facts), row->year);
  gtk_box_append (GTK_BOX (facts), row->count);
  gtk_box_append (GTK_BOX (box), facts);

  /* What can be done with a starter besides opening them: a menu on the
   * row, so the row itself still opens their observations. */
  row->more = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (row->more), "view-more-symbolic");
  gtk_widget_set_valign (row->more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->more, "flat");
  gtk_widget_add_css_class (row->more, "circular");
  gtk_widget_set_tooltip_text (row->more, _("More"));
  gtk_box_append (GTK_BOX (box), row->more);

  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  LbPersonItem *item = gtk_list_item_get_item (list_item);
  const LbPerson *p = lb_person_item_get_person (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "lb-row");
  guint n = lb_person_item_get_n_observations (item);

  adw_avatar_set_text (ADW_AVATAR (row->avatar), p->name);
  gtk_label_set_text (GTK_LABEL (row->name), p->name);
  const char *parts[3] = { NULL };
  guint k = 0;
  if (p->school && *p->school)
    parts[k++] = p->school;
  if (p->board && *p->board)
    parts[k++] = p->board;
  g_autofree char *school = k ? g_strjoinv (" · ", (char **) parts) : g_strdup (_("No school given"));
  gtk_label_set_text (GTK_LABEL (row->school), school);
  g_autofree char *year = g_strdup_printf (_("Induction year %d"), p->induction_year);
  gtk_label_set_text (GTK_LABEL (row->year), year);
  g_autofree char *count = n ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u observation", "%u observations", n), n)
                             : g_strdup (_("Not observed yet"));
  gtk_label_set_text (GTK_LABEL (row->count), count);

  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) dossier = g_menu_item_new (_("Export _Dossier…"), NULL);
  g_menu_item_set_action_and_target_value (dossier, "win.export-dossier", g_variant_new_string (p->uuid));
  g_menu_append_item (menu, dossier);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (row->more), G_MENU_MODEL (menu));

  g_autofree char *a11y = g_strdup_printf ("%s, %s, %s, %s", p->name, school, year, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
row_activated_cb (LbStarterList *self, guint position)
{
  g_autoptr(LbPersonItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  if (item && lb_person_item_get_person (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-starter", "s",
                                lb_person_item_get_person (item)->uuid);
}

/* ---- adding a starter ---- */

typedef struct {
  AdwEntryRow  *name;
  AdwEntryRow  *school;
  AdwEntryRow  *board;
  LbDateButton *start;
  AdwComboRow  *year;
} AddForm;

static void show_add_form (LbStarterList *self, const LbPerson *prefill);

static AdwEntryRow *
entry_row_new (AdwPreferencesGroup *group, const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static char *
start_of_school_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  return g_strdup_printf ("%d-08-01", lb_school_year_of (today));
}

static GtkWidget *
form_new (AddForm *form, const LbPerson *prefill)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  form->name = entry_row_new (group, _("_Name"), prefill ? prefill->name : NULL);
  form->school = entry_row_new (group, _("_School"), prefill ? prefill->school : NULL);
  form->board = entry_row_new (group, _("School _board"), prefill ? prefill->board : NULL);

  GtkWidget *start_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (start_row), _("Start of induction"));
  form->start = LB_DATE_BUTTON (lb_date_button_new ());
  g_autofree char *start = start_of_school_year ();
  lb_date_button_set_date (form->start, prefill && prefill->induction_start ? prefill->induction_start : start);
  lb_date_button_set_accessible_name (form->start, _("Start of induction"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (start_row), GTK_WIDGET (form->start));
  adw_preferences_group_add (group, start_row);

  const char *years[] = { _("Year 1"), _("Year 2"), _("Year 3"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (years);
  form->year = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->year), _("Induction year"));
  adw_combo_row_set_model (form->year, G_LIST_MODEL (model));
  int year = prefill ? CLAMP (prefill->induction_year, 1, 3) : 1;
  adw_combo_row_set_selected (form->year, (guint) year - 1);
  adw_preferences_group_add (group, GTK_WIDGET (form->year));
  return GTK_WIDGET (group);
}

static void
name_changed_cb (AdwEntryRow *row, GParamSpec *pspec, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  adw_message_dialog_set_response_enabled (dialog, "add", *name != '\0');
}

static LbPerson *
form_to_person (AddForm *form)
{
  LbPerson *p = lb_person_new ();
  p->is_starter = TRUE;
  p->role = LB_ROLE_STARTER;
  p->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name))));
  p->school = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->school))));
  p->board = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->board))));
  p->induction_start = g_strdup (lb_date_button_get_date (form->start));
  p->induction_year = (int) adw_combo_row_get_selected (form->year) + 1;
  if (*p->school == '\0')
    g_clear_pointer (&p->school, g_free);
  if (*p->board == '\0')
    g_clear_pointer (&p->board, g_free);
  return p;
}

static void
add_response_cb (AdwMessageDialog *dialog, const char *response, LbStarterList *self)
{
  if (!g_str_equal (response, "add"))
    return;
  AddForm *form = g_object_get_data (G_OBJECT (dialog), "lb-form");
  g_autoptr(LbPerson) person = form_to_person (form);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) added = self->store ? lb_store_add_person (self->store, person, &error) : NULL;
  if (added == NULL)
    {
      /* The dialog closes on any response: open it again, filled in, so
       * nothing typed is lost. */
      lb_window_toast_for (GTK_WIDGET (self), error ? error->message : _("There is no database to work in"));
      show_add_form (self, person);
      return;
    }
  g_autofree char *msg = g_strdup_printf (_("%s added"), added->name);
  lb_window_toast_for (GTK_WIDGET (self), msg);
  lb_starter_list_reload (self);
}

static void
show_add_form (LbStarterList *self, const LbPerson *prefill)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Add Starter"),
                                              _("A starting teacher you will observe."));
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);
  AddForm *form = g_new0 (AddForm, 1);
  adw_message_dialog_set_extra_child (d, form_new (form, prefill));
  g_object_set_data_full (G_OBJECT (dialog), "lb-form", form, g_free);
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (d, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d, "add");
  adw_message_dialog_set_close_response (d, "cancel");
  g_signal_connect (form->name, "notify::text", G_CALLBACK (name_changed_cb), dialog);
  name_changed_cb (form->name, NULL, d);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->name));
}

static void
add_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbStarterList *self = LB_STARTER_LIST (widget);
  if (self->store == NULL)
    {
      lb_window_toast_for (widget, _("There is no database to work in"));
      return;
    }
  show_add_form (self, NULL);
}

/* ---- life cycle ---- */

static void
lb_starter_list_init (LbStarterList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (LB_TYPE_PERSON_ITEM);
  GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_stack_set_visible_child_name (self->page_stack, "empty");
}

static void
lb_starter_list_dispose (GObject *object)
{
  LbStarterList *self = LB_STARTER_LIST (object);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_STARTER_LIST);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_starter_list_parent_class)->dispose (object);
}

static void
lb_starter_list_class_init (LbStarterListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_starter_list_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-starter-list.ui");
  gtk_widget_class_bind_template_child (widget_class, LbStarterList, page_stack);
  gtk_widget_class_bind_template_child (widget_class, LbStarterList, count_label);
  gtk_widget_class_bind_template_child (widget_class, LbStarterList, list_view);
  gtk_widget_class_bind_template_child (widget_class, LbStarterList, error_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "starters.add", NULL, add_action);
}

static gboolean
reload_cb (gpointer data)
{
  LbStarterList *self = data;
  self->reload_source = 0;
  lb_starter_list_reload (self);
  return G_SOURCE_REMOVE;
}

/* The starters tab is not what the app opens on: fill it once the first
 * frame is on screen, so counting thousands of observations never delays
 * the start. */
void
lb_starter_list_set_store (LbStarterList *self, LbStore *store)
{
  g_return_if_fail (LB_IS_STARTER_LIST (self));
  g_set_object (&self->store, store);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add_full (G_PRIORITY_LOW, 100, reload_cb, self, NULL);
}

static void
show_error (LbStarterList *self, const char *message)
{
  g_list_store_remove_all (self->items);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->page_stack, "error");
}

void
lb_starter_list_reload (LbStarterList *self)
{
  g_return_if_fail (LB_IS_STARTER_LIST (self));
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store == NULL)
    {
      show_error (self, _("There is no database to work in; see the message at start-up."));
      return;
    }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lb_store_list_people (self->store, TRUE, &error);
  if (people == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_autoptr(GHashTable) counts = lb_store_count_observations_per_person (self->store);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (people->len, g_object_unref);
  for (guint i = 0; i < people->len; i++)
    {
      LbPerson *p = people->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->uuid));
      g_ptr_array_add (items, lb_person_item_new (lb_person_copy (p), n));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u starter", "%u starters", items->len),
                                            items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->page_stack, items->len ? "list" : "empty");
}
