/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-window"

#include "config.h"
#include "lb-window.h"
#include "lb-item-detail.h"

#include <glib/gi18n.h>

struct _LbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListView          *instrument_list;
  GtkListView          *outline_list;
  AdwWindowTitle       *outline_title;
  LbItemDetail         *detail;

  LbInstrumentRegistry *registry;
  GtkSingleSelection   *instrument_selection;
  GtkSingleSelection   *outline_selection;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LbWindow, lb_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- rows ---- */

static GtkWidget *
two_line_row (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
set_two_lines (GtkWidget *box, const char *title, const char *subtitle)
{
  GtkWidget *t = gtk_widget_get_first_child (box);
  gtk_label_set_text (GTK_LABEL (t), title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (t)), subtitle);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (t), subtitle && *subtitle);
}

static void
instrument_setup_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  gtk_list_item_set_child (item, two_line_row ());
}

static void
instrument_bind_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  LbInstrument *inst = gtk_list_item_get_item (item);
  g_autofree char *sub = g_strdup_printf (_("Version %s · %u items"),
                                          lb_instrument_get_version (inst),
                                          lb_instrument_get_n_items (inst));
  set_two_lines (gtk_list_item_get_child (item),
                 lb_text_get_ui (lb_instrument_get_title (inst)), sub);
}

static void
outline_setup_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), two_line_row ());
  gtk_list_item_set_child (item, expander);
}

static void
outline_bind_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  LbNode *node = gtk_tree_list_row_get_item (row);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  const char *text = lb_text_get_ui (lb_node_get_text (node));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  set_two_lines (box, text, lb_node_get_kind (node) == LB_NODE_ITEM ? lb_node_get_id (node) : NULL);
  GtkWidget *title = gtk_widget_get_first_child (box);
  if (lb_node_get_kind (node) == LB_NODE_DOMAIN)
    gtk_widget_add_css_class (title, "outline-domain");
  else
    gtk_widget_remove_css_class (title, "outline-domain");
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_unref (node);
}

static GListModel *
outline_children_cb (gpointer item, gpointer data)
{
  LbNode *node = item;
  /* Indicators are shown with their item, not as tree rows. */
  if (lb_node_get_kind (node) == LB_NODE_ITEM || lb_node_get_kind (node) == LB_NODE_INDICATOR)
    return NULL;
  return g_object_ref (lb_node_get_children (node));
}

/* ---- navigation ---- */

void
lb_window_show_instrument (LbWindow *self, guint position)
{
  g_return_if_fail (LB_IS_WINDOW (self));
  g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (self->registry), position);
  if (inst == NULL)
    return;
  gtk_single_selection_set_selected (self->instrument_selection, position);
  GtkTreeListModel *tree =
    gtk_tree_list_model_new (g_object_ref (lb_instrument_get_domains (inst)), FALSE, TRUE,
                             outline_children_cb, NULL, NULL);
  gtk_single_selection_set_model (self->outline_selection, G_LIST_MODEL (tree));
  gtk_single_selection_set_selected (self->outline_selection, GTK_INVALID_LIST_POSITION);
  g_object_unref (tree);
  adw_window_title_set_title (self->outline_title, lb_text_get_ui (lb_instrument_get_title (inst)));
  adw_window_title_set_subtitle (self->outline_title, lb_instrument_get_version (inst));
  lb_item_detail_set_instrument (self->detail, inst);
}

static void
instrument_activate_cb (LbWindow *self, guint position)
{
  lb_window_show_instrument (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "outline");
}

static void
outline_activate_cb (LbWindow *self, guint position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->outline_selection), position);
  if (row == NULL)
    return;
  g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
  lb_item_detail_set_node (self->detail, node);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* Selects and shows the node with @node_id in the current outline. */
gboolean
lb_window_select_node (LbWindow *self, const char *node_id)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), FALSE);
  GListModel *model = G_LIST_MODEL (self->outline_selection);
  guint n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
      if (g_strcmp0 (lb_node_get_id (node), node_id) == 0)
        {
          gtk_single_selection_set_selected (self->outline_selection, i);
          outline_activate_cb (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
back_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- import ---- */

static void
show_import_problems (LbWindow *self, const char *path, GPtrArray *problems, GError *error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (path);
  if (problems->len == 0)
    g_string_append (body, error->message);
  for (guint i = 0; i < problems->len && i < 20; i++)
    {
      LbProblem *p = problems->pdata[i];
      g_string_append_printf (body, _("Line %u, column %u: %s\n"), p->line, p->column, p->message);
    }
  if (problems->len > 20)
    g_string_append_printf (body, _("… and %u more problems"), problems->len - 20);
  g_autofree char *heading = g_strdup_printf (_("“%s” cannot be used"), base);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, g_strchomp (body->str));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (LbWindow *self, const char *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_registry_import (self->registry, path, problems, &error);
  if (inst == NULL)
    {
      show_import_problems (self, path, problems, error);
      return;
    }
  g_autofree char *msg = g_strdup_printf (_("“%s” imported"), lb_text_get_ui (lb_instrument_get_title (inst)));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbInstrument) it = g_list_model_get_item (G_LIST_MODEL (self->registry), i);
      if (it == inst)
        lb_window_show_instrument (self, i);
    }
}

static void
chooser_response_cb (LbWindow *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path)
        import_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  self->chooser = gtk_file_chooser_native_new (_("Import Instrument"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Instrument files (XML)"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- life cycle ---- */

static GtkListItemFactory *
factory_new (GCallback setup, GCallback bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  return factory;
}

static void
load_registry (LbWindow *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  self->registry = lb_instrument_registry_new (NULL);
  if (!lb_instrument_registry_load (self->registry, warnings, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < warnings->len; i++)
    g_warning ("%s", (char *) warnings->pdata[i]);
  if (warnings->len > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Some imported instruments could not be read")));
}

static void
lb_window_init (LbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_registry (self);

  self->instrument_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->registry)));
  gtk_list_view_set_model (self->instrument_list, GTK_SELECTION_MODEL (self->instrument_selection));
  g_autoptr(GtkListItemFactory) f1 = factory_new (G_CALLBACK (instrument_setup_cb), G_CALLBACK (instrument_bind_cb));
  gtk_list_view_set_factory (self->instrument_list, f1);

  self->outline_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->outline_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->outline_selection, TRUE);
  gtk_list_view_set_model (self->outline_list, GTK_SELECTION_MODEL (self->outline_selection));
  g_autoptr(GtkListItemFactory) f2 = factory_new (G_CALLBACK (outline_setup_cb), G_CALLBACK (outline_bind_cb));
  gtk_list_view_set_factory (self->outline_list, f2);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->registry)) > 0)
    lb_window_show_instrument (self, 0);
}

static void
lb_window_dispose (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_WINDOW);
  g_clear_object (&self->instrument_selection);
  g_clear_object (&self->outline_selection);
  g_clear_object (&self->registry);
  G_OBJECT_CLASS (lb_window_parent_class)->dispose (object);
}

static void
lb_window_class_init (LbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_window_dispose;

  g_type_ensure (LB_TYPE_ITEM_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, instrument_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, outline_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, outline_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, detail);
  gtk_widget_class_bind_template_callback (widget_class, instrument_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, outline_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.import-instrument", NULL, import_action);
}

LbWindow *
lb_window_new (LbApplication *app)
{
  return g_object_new (LB_TYPE_WINDOW, "application", app, NULL);
}

LbInstrumentRegistry *
lb_window_get_registry (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->registry;
}
