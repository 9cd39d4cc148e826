/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-browser"

/* The instrument browser, driven through real widgets in a real window
 * (under Xvfb in CI): the list of instruments, the outline, an item in
 * full, and importing a broken and a good instrument file.
 *
 * Widgets are found the way a user finds them, by what they show: the list
 * whose rows are instruments, the list whose rows are outline nodes, the
 * labels on screen. Nothing depends on how the window's templates nest
 * their boxes, so the window can be reorganised without breaking this.
 *
 * LB_UI_SCREENSHOTS=DIR saves a PNG of the window at each checked state. */

#include "config.h"
#include "lb-application.h"
#include "lb-item-detail.h"
#include "lb-window.h"
#include "ui-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static LbApplication *app;
static char *home;

typedef struct {
  LbWindow *window;
} Fixture;

/* ---- finding widgets by what they show ---- */

static gboolean
is_list_of (GtkWidget *widget, gpointer type)
{
  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
  g_autoptr(GObject) first = model ? g_list_model_get_item (model, 0) : NULL;
  if (first && GTK_IS_TREE_LIST_ROW (first))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (first));
      return G_TYPE_CHECK_INSTANCE_TYPE (inner, GPOINTER_TO_SIZE (type));
    }
  return first && G_TYPE_CHECK_INSTANCE_TYPE (first, GPOINTER_TO_SIZE (type));
}

static GtkListView *
find_instrument_list (LbWindow *window)
{
  return GTK_LIST_VIEW (ui_find (GTK_WIDGET (window), is_list_of,
                                 GSIZE_TO_POINTER (LB_TYPE_INSTRUMENT)));
}

static GtkListView *
find_outline_list (LbWindow *window)
{
  return GTK_LIST_VIEW (ui_find (GTK_WIDGET (window), is_list_of,
                                 GSIZE_TO_POINTER (LB_TYPE_NODE)));
}

/* TRUE when some label on screen reads exactly @text. */
static gboolean
shows_text (GtkWidget *root, const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  ui_collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (labels->pdata[i], text))
      return TRUE;
  return FALSE;
}

static gboolean
is_moving (GtkWidget *widget, gpointer data)
{
  return (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget))) ||
         (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)));
}

/* While a stack or leaflet slides, both its old and its new page are
 * mapped, and the old one is what is drawn at first. */
static gboolean
is_settled (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  return root == NULL || ui_find (GTK_WIDGET (root), is_moving, NULL) == NULL;
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} ShowsText;

static gboolean
shows_text_cond (gpointer data)
{
  ShowsText *s = data;
  return is_settled (s->root) && shows_text (s->root, s->text);
}

static gboolean
wait_for_text (GtkWidget *root, const char *text)
{
  ShowsText s = { root, text };
  g_autofree char *what = g_strdup_printf ("“%s” on screen", text);
  return ui_wait_for (shows_text_cond, &s, what);
}

/* Brings @widget on screen the way a user would by choosing its tab, page
 * or pane: every stack or leaflet above it shows the branch it is in. */
static void
reveal (GtkWidget *widget)
{
  for (GtkWidget *w = widget, *p; (p = gtk_widget_get_parent (w)); w = p)
    {
      if (GTK_IS_STACK (p))
        gtk_stack_set_visible_child (GTK_STACK (p), w);
      else if (ADW_IS_VIEW_STACK (p))
        adw_view_stack_set_visible_child (ADW_VIEW_STACK (p), w);
      else if (ADW_IS_LEAFLET (p))
        adw_leaflet_set_visible_child (ADW_LEAFLET (p), w);
    }
}

/* Saves what @window (any toplevel) shows now, if LB_UI_SCREENSHOTS says
 * where: for looking at, not for comparing. */
static void
screenshot (gpointer window, const char *name)
{
  const char *dir = g_getenv ("LB_UI_SCREENSHOTS");
  if (dir == NULL || *dir == '\0')
    return;
  /* Let CSS transitions (a button turning "checked") finish first. */
  gint64 until = g_get_monotonic_time () + 400 * 1000;
  ui_wait_for (ui_time_has_come, &until, "CSS transitions");
  GtkWidget *widget = GTK_WIDGET (window);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_autoptr(GdkTexture) texture =
    gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* ---- instruments written by the tests ---- */

/* A small valid instrument; with @duplicate the second item repeats the
 * first one's id, which only the semantic checks catch. */
static char *
small_instrument (const char *id, const char *title, gboolean duplicate)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<instrument xmlns=\"https://lesbezoek.nl/ns/instrument/1\" format=\"1\"\n"
    "            id=\"%s\" version=\"1.0\" languages=\"nl en\">\n"
    "  <meta>\n"
    "    <title xml:lang=\"nl\">%s</title>\n"
    "  </meta>\n"
    "  <scale id=\"twee\">\n"
    "    <level id=\"1\" value=\"1\"><label xml:lang=\"nl\">zwak</label></level>\n"
    "    <level id=\"2\" value=\"2\"><label xml:lang=\"nl\">sterk</label></level>\n"
    "  </scale>\n"
    "  <domain id=\"d\" scale=\"twee\">\n"
    "    <title xml:lang=\"nl\">Domein</title>\n", id, title);
  for (guint i = 1; i <= 2; i++)
    g_string_append_printf (s,
      "    <item id=\"d.%u\">\n"
      "      <text xml:lang=\"nl\">Item %u</text>\n"
      "      <indicator id=\"d.%u.a\"><text xml:lang=\"nl\">Indicator %u</text></indicator>\n"
      "    </item>\n", duplicate ? 1 : i, i, i, i);
  g_string_append (s, "  </domain>\n</instrument>\n");
  return g_string_free (s, FALSE);
}

static guint
line_of_nth (const char *text, const char *needle, guint nth)
{
  const char *hit = text;
  for (guint i = 0; i < nth; i++)
    {
      hit = strstr (i == 0 ? hit : hit + 1, needle);
      g_assert_nonnull (hit);
    }
  guint line = 1;
  for (const char *p = text; p < hit; p++)
    line += *p == '\n';
  return line;
}

static char *
write_temp_file (const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lb-ui-XXXXXX", &error);
  g_assert_no_error (error);
  char *path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_unlink (path);
  g_rmdir (dir);
}

/* The window's own import path, as after choosing a file in its dialog. */
static gboolean
import (LbWindow *window, const char *path)
{
  return gtk_widget_activate_action (GTK_WIDGET (window), "win.import-instrument-file", "s", path);
}

/* ---- fixture ---- */

static void
window_up (Fixture *f, int width, int height)
{
  /* A fresh start: no imported instruments, no database. */
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "lesbezoek", NULL);
  ui_remove_tree (data);
  f->window = lb_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (ui_is_mapped, f->window, "the window to be mapped"));
  g_assert_true (ui_wait_for (ui_has_size, f->window, "the window to get its size"));
}

static void
setup (Fixture *f, gconstpointer data)
{
  window_up (f, 0, 0);
}

static void
setup_portrait (Fixture *f, gconstpointer data)
{
  window_up (f, 800, 1280);
}

static void
setup_narrow (Fixture *f, gconstpointer data)
{
  window_up (f, 400, 800);
}

static gboolean
is_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

static void
teardown (Fixture *f, gconstpointer data)
{
  /* Dialogs first: they hold the window as their transient parent. */
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != GTK_WINDOW (f->window))
        gtk_window_destroy (w);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (is_gone, f, "the window to be finalized"));
}

/* ---- the tests ---- */

static void
test_instrument_list (Fixture *f, gconstpointer data)
{
  GtkListView *list = find_instrument_list (f->window);
  g_assert_nonnull (list);
  LbInstrumentRegistry *registry = lb_window_get_registry (f->window);
  g_autoptr(LbInstrument) first = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  g_assert_cmpstr (lb_instrument_get_id (first), ==, LB_DEFAULT_INSTRUMENT_ID);

  reveal (GTK_WIDGET (list));
  g_assert_true (wait_for_text (GTK_WIDGET (list), lb_text_get_ui (lb_instrument_get_title (first))));
  screenshot (f->window, "instrument-list");
}

/* Opens the default instrument, then the first item of its outline, and
 * returns that item; the detail pane must show it. */
static LbNode *
open_first_item (Fixture *f)
{
  GtkListView *instruments = find_instrument_list (f->window);
  reveal (GTK_WIDGET (instruments));
  g_assert_true (ui_wait_for (ui_is_mapped, instruments, "the instrument list"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (instruments), "list.activate-item", "u", 0));

  GtkListView *outline = find_outline_list (f->window);
  g_assert_nonnull (outline);
  g_assert_true (ui_wait_for (ui_is_mapped, outline, "the outline"));

  /* The first row that is an item (not a domain or group). */
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (outline));
  LbNode *item = NULL;
  guint position = 0;
  for (; position < g_list_model_get_n_items (rows); position++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, position);
      g_autoptr(LbNode) node = gtk_tree_list_row_get_item (row);
      if (lb_node_get_kind (node) == LB_NODE_ITEM)
        {
          item = g_steal_pointer (&node);
          break;
        }
    }
  g_assert_nonnull (item);
  g_assert_true (wait_for_text (GTK_WIDGET (outline), lb_text_get_ui (lb_node_get_text (item))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "list.activate-item", "u", position));
  return item;
}

static void
assert_detail_shows_item (Fixture *f, LbNode *item)
{
  GtkWidget *detail = ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_ITEM_DETAIL));
  g_assert_nonnull (detail);
  g_assert_true (wait_for_text (detail, lb_text_get_ui (lb_node_get_text (item))));

  guint n = lb_node_get_n_children (item);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      LbNode *indicator = lb_node_get_child (item, i);
      g_assert_true (shows_text (detail, lb_text_get_ui (lb_node_get_text (indicator))));
    }
  g_assert_cmpuint (lb_node_get_n_descriptors (item), ==, 4);
  for (guint level = 0; level < 4; level++)
    {
      const LbText *descriptor = lb_node_get_descriptor_for_level (item, level);
      g_assert_nonnull (descriptor);
      g_assert_true (shows_text (detail, lb_text_get_ui (descriptor)));
    }
}

static void
test_item_detail (Fixture *f, gconstpointer data)
{
  g_autoptr(LbNode) item = open_first_item (f);
  assert_detail_shows_item (f, item);
  screenshot (f->window, "item-detail");
}

/* On a portrait tablet the item must get room to be read: either the
 * panes fold and the item replaces the outline, or both fit. */
static void
test_item_detail_portrait (Fixture *f, gconstpointer data)
{
  g_autoptr(LbNode) item = open_first_item (f);
  assert_detail_shows_item (f, item);
  GtkWidget *detail = ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_ITEM_DETAIL));
  g_assert_cmpint (gtk_widget_get_width (detail), >=, 360);
  GtkListView *outline = find_outline_list (f->window);
  GtkWidget *leaflet = gtk_widget_get_ancestor (GTK_WIDGET (outline), ADW_TYPE_LEAFLET);
  if (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)))
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (outline)));
  screenshot (f->window, "item-detail-portrait");
}

static gboolean
is_back_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_settled_and_mapped (gpointer widget)
{
  return is_settled (widget) && gtk_widget_get_mapped (widget);
}

/* On a phone-sized window the panes must fold: the item replaces the
 * outline, and the back button in its header brings the outline back. */
static void
test_item_detail_narrow (Fixture *f, gconstpointer data)
{
  g_autoptr(LbNode) item = open_first_item (f);
  assert_detail_shows_item (f, item);
  GtkListView *outline = find_outline_list (f->window);
  GtkWidget *leaflet = gtk_widget_get_ancestor (GTK_WIDGET (outline), ADW_TYPE_LEAFLET);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (outline)));
  screenshot (f->window, "item-detail-narrow");

  GtkWidget *back = ui_find (GTK_WIDGET (f->window), is_back_button, NULL);
  g_assert_nonnull (back);
  gtk_widget_activate (back);
  g_assert_true (ui_wait_for (is_settled_and_mapped, outline, "the outline to come back"));
  GtkWidget *detail = ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_ITEM_DETAIL));
  g_assert_false (gtk_widget_get_mapped (detail));
}

static void
test_import_broken (Fixture *f, gconstpointer data)
{
  LbInstrumentRegistry *registry = lb_window_get_registry (f->window);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (registry));
  g_autofree char *xml = small_instrument ("kapot", "Kapot instrument", TRUE);
  guint line = line_of_nth (xml, "<item id=\"d.1\"", 2);
  g_autofree char *path = write_temp_file ("kapot.xml", xml);

  if (!import (f->window, path))
    {
      remove_temp_file (path);
      g_test_skip ("the window has no win.import-instrument-file action");
      return;
    }
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "an error dialog"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_autofree char *expected = g_strdup_printf ("Line %u,", line);
  const char *body = adw_message_dialog_get_body (dialog);
  if (strstr (body, expected) == NULL || strstr (body, "d.1") == NULL)
    g_error ("the dialog does not name line %u and id d.1:\n%s", line, body);
  g_assert_true (wait_for_text (GTK_WIDGET (dialog), body));
  screenshot (dialog, "import-broken");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, before);

  /* Click its button, as a user would: a response alone leaves it open. */
  GtkWidget *close = ui_find (GTK_WIDGET (dialog), is_button_labelled, (gpointer) "_Close");
  g_assert_nonnull (close);
  gtk_widget_activate (close);
  g_assert_true (ui_wait_for (ui_no_message_dialog, NULL, "the dialog to close"));
  remove_temp_file (path);
}

static void
test_import_valid (Fixture *f, gconstpointer data)
{
  LbInstrumentRegistry *registry = lb_window_get_registry (f->window);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (registry));
  g_autofree char *xml = small_instrument ("ui-test", "UI-testinstrument", FALSE);
  g_autofree char *path = write_temp_file ("ui-test.xml", xml);

  if (!import (f->window, path))
    {
      remove_temp_file (path);
      g_test_skip ("the window has no win.import-instrument-file action");
      return;
    }
  remove_temp_file (path);  /* the registry keeps its own copy */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, before + 1);
  g_assert_nonnull (lb_instrument_registry_find (registry, "ui-test", "1.0"));

  GtkListView *list = find_instrument_list (f->window);
  reveal (GTK_WIDGET (list));
  g_assert_true (wait_for_text (GTK_WIDGET (list), "UI-testinstrument"));
  g_autoptr(LbInstrument) first = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  g_assert_true (wait_for_text (GTK_WIDGET (list), lb_text_get_ui (lb_instrument_get_title (first))));
  screenshot (f->window, "import-valid");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it also empties XDG_DATA_DIRS, where
   * GTK and libadwaita find their icons and settings schemas. Only the
   * user's own directories go to a temporary home, emptied before each
   * test (see setup). */
  g_autoptr(GError) error = NULL;
  home = g_dir_make_tmp ("lb-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  const char *xdg[] = { "XDG_CONFIG_HOME", ".config", "XDG_DATA_HOME", ".local/share",
                        "XDG_CACHE_HOME", ".cache", "XDG_STATE_HOME", ".local/state" };
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i += 2)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i + 1], NULL);
      g_setenv (xdg[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  app = lb_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

#define ADD(path, setup, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/ui/browser/instrument-list", setup, test_instrument_list);
  ADD ("/ui/browser/item-detail", setup, test_item_detail);
  ADD ("/ui/browser/item-detail-portrait", setup_portrait, test_item_detail_portrait);
  ADD ("/ui/browser/item-detail-narrow", setup_narrow, test_item_detail_narrow);
  ADD ("/ui/browser/import-broken", setup, test_import_broken);
  ADD ("/ui/browser/import-valid", setup, test_import_valid);
#undef ADD

  int status = g_test_run ();
  g_object_unref (app);
  ui_remove_tree (home);
  g_free (home);
  return status;
}
