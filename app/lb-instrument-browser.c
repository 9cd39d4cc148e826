/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-instrument-browser"

#include "config.h"
#include "lb-instrument-browser.h"
#include "lb-item-detail.h"

#include <glib/gi18n.h>

struct _LbInstrumentBrowser
{
  AdwBin              parent_instance;
  AdwLeaflet         *leaflet;
  GtkListView        *outline_list;
  AdwWindowTitle     *outline_title;
  LbItemDetail       *detail;
  GtkSingleSelection *selection;
  LbInstrument       *instrument;
};

G_DEFINE_FINAL_TYPE (LbInstrumentBrowser, lb_instrument_browser, ADW_TYPE_BIN)

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
  /* Take the row's whole width: otherwise the expander gives the box only
   * its natural width, measured for a height, and a long text wraps at
   * half the pane with empty space beside it. */
  gtk_widget_set_hexpand (box, TRUE);
  return box;
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
  g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *text = lb_text_get_ui (lb_node_get_text (node));
  gboolean is_item = lb_node_get_kind (node) == LB_NODE_ITEM;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (title), text);
  gtk_label_set_text (GTK_LABEL (subtitle), is_item ? lb_node_get_id (node) : "");
  gtk_widget_set_visible (subtitle, is_item);
  if (lb_node_get_kind (node) == LB_NODE_DOMAIN)
    gtk_widget_add_css_class (title, "outline-domain");
  else
    gtk_widget_remove_css_class (title, "outline-domain");
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static GListModel *
outline_children_cb (gpointer item, gpointer data)
{
  LbNodeKind kind = lb_node_get_kind (LB_NODE (item));
  /* Indicators are shown with their item, not as tree rows. */
  if (kind == LB_NODE_ITEM || kind == LB_NODE_INDICATOR)
    return NULL;
  return g_object_ref (lb_node_get_children (LB_NODE (item)));
}

static void
outline_activate_cb (LbInstrumentBrowser *self, guint position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row == NULL)
    return;
  g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
  lb_item_detail_set_node (self->detail, node);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

gboolean
lb_instrument_browser_select_node (LbInstrumentBrowser *self, const char *node_id)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_BROWSER (self), FALSE);
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
      if (g_strcmp0 (lb_node_get_id (node), node_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          outline_activate_cb (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
lb_instrument_browser_set_instrument (LbInstrumentBrowser *self, LbInstrument *inst)
{
  g_return_if_fail (LB_IS_INSTRUMENT_BROWSER (self));
  if (!g_set_object (&self->instrument, inst))
    return;
  GtkTreeListModel *tree = NULL;
  if (inst)
    tree = gtk_tree_list_model_new (g_object_ref (lb_instrument_get_domains (inst)), FALSE, TRUE,
                                    outline_children_cb, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_clear_object (&tree);
  adw_window_title_set_title (self->outline_title, inst ? lb_text_get_ui (lb_instrument_get_title (inst)) : "");
  adw_window_title_set_subtitle (self->outline_title, inst ? lb_instrument_get_version (inst) : "");
  lb_item_detail_set_instrument (self->detail, inst);
  adw_leaflet_set_visible_child_name (self->leaflet, "outline");
}

LbInstrument *
lb_instrument_browser_get_instrument (LbInstrumentBrowser *self)
{
  g_return_val_if_fail (LB_IS_INSTRUMENT_BROWSER (self), NULL);
  return self->instrument;
}

static void
back_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbInstrumentBrowser *self = LB_INSTRUMENT_BROWSER (widget);
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  else
    gtk_widget_activate_action (widget, "win.go-home", NULL);
}

static void
lb_instrument_browser_dispose (GObject *object)
{
  LbInstrumentBrowser *self = LB_INSTRUMENT_BROWSER (object);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_INSTRUMENT_BROWSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->instrument);
  G_OBJECT_CLASS (lb_instrument_browser_parent_class)->dispose (object);
}

static void
lb_instrument_browser_class_init (LbInstrumentBrowserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_instrument_browser_dispose;
  g_type_ensure (LB_TYPE_ITEM_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/lesbezoek/Lesbezoek/lb-instrument-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, LbInstrumentBrowser, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LbInstrumentBrowser, outline_list);
  gtk_widget_class_bind_template_child (widget_class, LbInstrumentBrowser, outline_title);
  gtk_widget_class_bind_template_child (widget_class, LbInstrumentBrowser, detail);
  gtk_widget_class_bind_template_callback (widget_class, outline_activate_cb);
  gtk_widget_class_install_action (widget_class, "browser.back", NULL, back_action);
}

static void
lb_instrument_browser_init (LbInstrumentBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->outline_list, GTK_SELECTION_MODEL (self->selection));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (outline_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (outline_bind_cb), NULL);
  gtk_list_view_set_factory (self->outline_list, factory);
  g_object_unref (factory);
}
