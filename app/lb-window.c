/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-window"

/* The main window: an overview (observations, starters, instruments) and
 * the screens an observation passes through (new → observe → wrap-up).
 * Navigation goes through win.* actions so every screen, button and
 * keyboard shortcut uses the same paths. */

#include "config.h"
#include "lb-window.h"
#include "lb-instrument-browser.h"
#include "lb-new-observation.h"
#include "lb-observation-list.h"
#include "lb-observe-view.h"
#include "lb-report-export.h"
#include "lb-starter-list.h"
#include "lb-starter-page.h"
#include "lb-sync-status.h"
#include "lb-comparison-view.h"
#include "lb-wrapup-view.h"

#include <glib/gi18n.h>

struct _LbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkListView          *instrument_list;
  LbInstrumentBrowser  *browser;
  LbObservationList    *observation_list;
  LbStarterList        *starter_list;
  LbStarterPage        *starter_page;
  LbComparisonView     *comparison_view;
  LbNewObservation     *new_observation;
  LbObserveView        *observe_view;
  LbWrapupView         *wrapup_view;
  LbSyncStatus         *sync_status;

  LbInstrumentRegistry *registry;
  LbStore              *store;
  GError               *store_error;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LbWindow, lb_window, ADW_TYPE_APPLICATION_WINDOW)

void
lb_window_toast (LbWindow *self, AdwToast *toast)
{
  g_return_if_fail (LB_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
lb_window_toast_for (GtkWidget *widget, const char *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, LB_TYPE_WINDOW);
  if (window)
    lb_window_toast (LB_WINDOW (window), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

const char *
lb_window_get_page (LbWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* ---- instruments ---- */

static void
instrument_setup_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *row = adw_action_row_new ();
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_item_set_child (item, row);
}

static void
instrument_bind_cb (GtkListItemFactory *factory, GtkListItem *item, gpointer data)
{
  LbInstrument *inst = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autofree char *sub = g_strdup_printf (_("Version %s · %u items · %u indicators"),
                                          lb_instrument_get_version (inst),
                                          lb_instrument_get_n_items (inst),
                                          lb_instrument_get_n_indicators (inst));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lb_text_get_ui (lb_instrument_get_title (inst)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
}

void
lb_window_show_instrument (LbWindow *self, guint position)
{
  g_return_if_fail (LB_IS_WINDOW (self));
  g_autoptr(LbInstrument) inst = g_list_model_get_item (G_LIST_MODEL (self->registry), position);
  if (inst == NULL)
    return;
  lb_instrument_browser_set_instrument (self->browser, inst);
  gtk_stack_set_visible_child_name (self->main_stack, "instrument");
}

static void
instrument_activate_cb (LbWindow *self, guint position)
{
  lb_window_show_instrument (self, position);
}

gboolean
lb_window_select_node (LbWindow *self, const char *node_id)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), FALSE);
  return lb_instrument_browser_select_node (self->browser, node_id);
}

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
  lb_window_toast (self, adw_toast_new (msg));
  adw_view_stack_set_visible_child_name (self->view_stack, "instruments");
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
  if (param)
    {
      import_file (self, g_variant_get_string (param, NULL));
      return;
    }
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

/* ---- navigation ---- */

static gboolean
require_store (LbWindow *self)
{
  if (self->store)
    return TRUE;
  lb_window_toast (self, adw_toast_new (_("There is no database to work in; see the message at start-up")));
  return FALSE;
}

static void
go_home_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  lb_observation_list_reload (self->observation_list);
  lb_starter_list_reload (self->starter_list);
  gtk_stack_set_visible_child_name (self->main_stack, "home");
}

static void
new_observation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  if (!require_store (self))
    return;
  lb_new_observation_reset (self->new_observation, self->store, self->registry);
  gtk_stack_set_visible_child_name (self->main_stack, "new");
}

static void
open_observation_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  if (!require_store (self))
    return;
  if (!lb_observe_view_load (self->observe_view, self->store, g_variant_get_string (param, NULL), &error))
    {
      lb_window_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "observe");
}

static void
wrap_up_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  if (!require_store (self))
    return;
  if (!lb_wrapup_view_load (self->wrapup_view, self->store, g_variant_get_string (param, NULL), &error))
    {
      lb_window_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "wrapup");
}

static void
show_starter_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  if (!require_store (self))
    return;
  if (!lb_starter_page_load (self->starter_page, self->store, g_variant_get_string (param, NULL), &error))
    {
      lb_window_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "starter");
}

/* Observers of one lesson side by side: win.compare with their uuids. */
static void
compare_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  if (!require_store (self))
    return;
  g_autofree const char **uuids = g_variant_get_strv (param, NULL);
  if (!lb_comparison_view_load (self->comparison_view, self->store, uuids, &error))
    {
      lb_window_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
}

/* The overview's observations, only the starter's. */
static void
filter_starter_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbWindow *self = LB_WINDOW (widget);
  lb_observation_list_set_starter (self->observation_list, g_variant_get_string (param, NULL));
  adw_view_stack_set_visible_child_name (self->view_stack, "observations");
  gtk_stack_set_visible_child_name (self->main_stack, "home");
}

/* ---- sync with the school board's shared dossier ---- */

static void
sync_action (GtkWidget *widget, const char *action, GVariant *param)
{
  lb_sync_status_sync (LB_WINDOW (widget)->sync_status);
}

/* A pull may have brought observations, people and goals. */
static void
synced_cb (LbWindow *self)
{
  lb_observation_list_reload (self->observation_list);
  lb_starter_list_reload (self->starter_list);
}

LbSyncStatus *
lb_window_get_sync_status (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->sync_status;
}

/* ---- the database ---- */

/* The day's backup copies the whole database and checks its pages first:
 * on a tablet with years of observations that is no work for the start-up
 * path. It runs on its own connection in a thread; only a failure is
 * reported, as a toast. */
static void
backup_thread (GTask *task, gpointer source, gpointer path, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  if (store == NULL || !lb_store_backup_daily (store, 7, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    lb_window_toast (LB_WINDOW (source), adw_toast_new (error->message));
}

static void
start_daily_backup (LbWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, backup_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (lb_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
open_store (LbWindow *self)
{
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  const char *path = g_getenv ("LESBEZOEK_DB");
  self->store = lb_store_open (path && *path ? path : NULL, &self->store_error);
  if (self->store)
    start_daily_backup (self);
  lb_observation_list_set_store (self->observation_list, self->store);
  lb_starter_list_set_store (self->starter_list, self->store);
  lb_sync_status_set_store (self->sync_status, self->store);
}

static void store_problem_response_cb (AdwMessageDialog *dialog, const char *response, LbWindow *self);

static void
show_store_problem (LbWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The database cannot be used"),
                                              self->store_error->message);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);
  adw_message_dialog_add_responses (d, "close", _("_Close"), "restore", _("_Restore Latest Backup"),
                                    "fresh", _("_Start Again"), NULL);
  adw_message_dialog_set_response_appearance (d, "fresh", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d, "fresh");
  g_signal_connect (dialog, "response", G_CALLBACK (store_problem_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_problem_response_cb (AdwMessageDialog *dialog, const char *response, LbWindow *self)
{
  if (g_str_equal (response, "restore"))
    {
      const char *env = g_getenv ("LESBEZOEK_DB");
      g_autofree char *path = env && *env ? g_strdup (env) : lb_store_default_path ();
      g_autoptr(GPtrArray) backups = lb_store_list_backups (path);
      g_autoptr(GError) error = NULL;
      if (backups->len == 0 || !lb_store_restore (path, backups->pdata[0], NULL, &error))
        lb_window_toast (self, adw_toast_new (error ? error->message : _("There is no backup yet")));
    }
  if (g_str_equal (response, "close"))
    return;
  open_store (self);
  if (self->store_error)
    show_store_problem (self);
  else
    go_home_action (GTK_WIDGET (self), NULL, NULL);
}

/* For bench-startup: the moment the first frame is on screen. */
static void
first_frame_cb (GdkFrameClock *clock, LbWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
map_cb (LbWindow *self)
{
  if (g_getenv ("LESBEZOEK_FIRST_FRAME"))
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                      G_CALLBACK (first_frame_cb), self);
  const char *open = g_getenv ("LESBEZOEK_OPEN");
  if (self->store_error)
    show_store_problem (self);
  else if (open && *open)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = lb_store_resolve_uuid (self->store, open, &error);
      if (uuid)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-observation", "s", uuid);
      else
        lb_window_toast (self, adw_toast_new (error->message));
      g_unsetenv ("LESBEZOEK_OPEN");
    }
}

/* ---- life cycle ---- */

static void
load_registry (LbWindow *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  self->registry = lb_instrument_registry_new (NULL);
  if (!lb_instrument_registry_load (self->registry, warnings, &error))
    lb_window_toast (self, adw_toast_new (error->message));
  else if (warnings->len > 0)
    lb_window_toast (self, adw_toast_new (_("Some imported instruments could not be read")));
  for (guint i = 0; i < warnings->len; i++)
    g_message ("%s", (char *) warnings->pdata[i]);
}

static void
lb_window_init (LbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_registry (self);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->registry))));
  gtk_list_view_set_model (self->instrument_list, selection);
  g_object_unref (selection);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (instrument_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (instrument_bind_cb), NULL);
  gtk_list_view_set_factory (self->instrument_list, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->sync_status, "synced", G_CALLBACK (synced_cb), self);
  open_store (self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

static void
lb_window_dispose (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* libadwaita 1.2 trips over switchers that outlive their stack. */
  if (self->switcher_bar)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_WINDOW);
  g_clear_object (&self->registry);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  G_OBJECT_CLASS (lb_window_parent_class)->dispose (object);
}

static void
lb_window_class_init (LbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_window_dispose;

  g_type_ensure (LB_TYPE_INSTRUMENT_BROWSER);
  g_type_ensure (LB_TYPE_OBSERVATION_LIST);
  g_type_ensure (LB_TYPE_STARTER_LIST);
  g_type_ensure (LB_TYPE_STARTER_PAGE);
  g_type_ensure (LB_TYPE_COMPARISON_VIEW);
  g_type_ensure (LB_TYPE_NEW_OBSERVATION);
  g_type_ensure (LB_TYPE_OBSERVE_VIEW);
  g_type_ensure (LB_TYPE_WRAPUP_VIEW);
  g_type_ensure (LB_TYPE_SYNC_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, instrument_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, browser);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, observation_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, starter_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, starter_page);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, new_observation);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, observe_view);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, wrapup_view);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, sync_status);
  gtk_widget_class_bind_template_callback (widget_class, instrument_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.go-home", NULL, go_home_action);
  gtk_widget_class_install_action (widget_class, "win.new-observation", NULL, new_observation_action);
  gtk_widget_class_install_action (widget_class, "win.open-observation", "s", open_observation_action);
  gtk_widget_class_install_action (widget_class, "win.wrap-up", "s", wrap_up_action);
  gtk_widget_class_install_action (widget_class, "win.show-starter", "s", show_starter_action);
  gtk_widget_class_install_action (widget_class, "win.compare", "as", compare_action);
  gtk_widget_class_install_action (widget_class, "win.filter-starter", "s", filter_starter_action);
  gtk_widget_class_install_action (widget_class, "win.import-instrument", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-instrument-file", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  lb_report_export_install_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-observation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-instrument", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
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

LbStore *
lb_window_get_store (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->store;
}
