/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the UI tests: wait for the main loop, find widgets by what
 * they show, press them the way a user does. Header-only, so each test
 * program stays one file. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* A test may define its own (shorter) UI_TIMEOUT_S before including this. */
#ifndef UI_TIMEOUT_S
#define UI_TIMEOUT_S 30  /* generous: CI machines are shared and slow */
#endif

typedef gboolean (*UiCondition) (gpointer data);
typedef gboolean (*UiMatch) (GtkWidget *widget, gpointer data);

static gboolean
ui_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static inline gboolean
ui_wait_for (UiCondition cond, gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + UI_TIMEOUT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, ui_tick_cb, NULL);
  gboolean ok;
  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!ok)
    g_test_message ("timed out after %d s waiting for %s", UI_TIMEOUT_S, what);
  return ok;
}

static inline void
ui_run_briefly (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static inline gboolean
ui_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static inline gboolean
ui_has_size (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static inline gboolean
ui_time_has_come (gpointer until)
{
  return g_get_monotonic_time () >= *(gint64 *) until;
}

static inline GtkWidget *
ui_find (GtkWidget *root, UiMatch match, gpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_find (c, match, data);
      if (found)
        return found;
    }
  return NULL;
}

static inline void
ui_find_all (GtkWidget *root, UiMatch match, gpointer data, GPtrArray *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    ui_find_all (c, match, data, out);
}

static inline gboolean
ui_is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* A mapped button (of any kind) whose label, or whose child label, reads @text. */
static inline gboolean
ui_is_button_labelled (GtkWidget *widget, gpointer text)
{
  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label && g_str_equal (label, text))
    return TRUE;
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
  return child && GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text);
}

/* A mapped preferences row (action row, expander row, …) titled @title. */
static inline gboolean
ui_is_row_titled (GtkWidget *widget, gpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The button labelled @label under @root; the test stops when there is none. */
static inline GtkWidget *
ui_button (GtkWidget *root, const char *label)
{
  GtkWidget *w = ui_find (root, ui_is_button_labelled, (gpointer) label);
  if (w == NULL)
    g_error ("no button “%s” on screen", label);
  return w;
}

/* The message dialog on screen, if any. */
static inline AdwMessageDialog *
ui_dialog_on_screen (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static inline gboolean
ui_has_dialog (gpointer data)
{
  return ui_dialog_on_screen () != NULL;
}

static inline gboolean
ui_no_dialog (gpointer data)
{
  return ui_dialog_on_screen () == NULL;
}

/* Waiting condition: stores the mapped message dialog in *@data (an
 * AdwMessageDialog ** that starts out NULL). */
static inline gboolean
ui_find_message_dialog (gpointer data)
{
  AdwMessageDialog **found = data;
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *found == NULL; i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        *found = ADW_MESSAGE_DIALOG (w);
    }
  return *found != NULL;
}

static inline gboolean
ui_no_message_dialog (gpointer data)
{
  AdwMessageDialog *found = NULL;
  return !ui_find_message_dialog (&found);
}

static inline void
ui_collect_labels (GtkWidget *root, GPtrArray *out)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root) && gtk_widget_get_width (root) > 0)
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    ui_collect_labels (c, out);
}

/* TRUE when some label on screen contains @text. */
static inline gboolean
ui_shows (GtkWidget *root, const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  ui_collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (labels->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* Presses @widget like a finger would: it must be visible and sensitive. */
static inline void
ui_press (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_widget_activate (widget);
  /* A button shows it is pressed for a moment before it clicks. */
  ui_run_briefly (400);
}

/* Not G_TEST_OPTION_ISOLATE_DIRS: it also empties XDG_DATA_DIRS, where
 * libadwaita finds its GSettings schemas. Only the user's own directories
 * go to a temporary home. Returns the home, to be removed at the end. */
static inline char *
ui_private_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("lb-ui-home-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  const char *xdg[] = { "XDG_CONFIG_HOME", ".config", "XDG_DATA_HOME", ".local/share",
                        "XDG_CACHE_HOME", ".cache", "XDG_STATE_HOME", ".local/state" };
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i += 2)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i + 1], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }
  return home;
}

/* Removes @path and everything below it, without following links. */
static inline void
ui_remove_tree (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          ui_remove_tree (child);
        }
    }
  g_remove (path);
}
