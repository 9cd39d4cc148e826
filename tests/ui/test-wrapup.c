/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wrapup"

/* The wrap-up screen and the preferences, driven through real widgets in a
 * real window (under Xvfb in CI):
 *  - a coach's observation shows its scores and never a judgement;
 *  - a summative observation with an unscored item cannot be finalized,
 *    and a reason for "not observed" can be typed on the screen itself;
 *  - judging (agreeing, deviating with a motivation), tops saved while
 *    typing, finalizing through the confirmation, the locked state in the
 *    store and in the UI, then "seen by the starter" and an addendum;
 *  - the preferences store what is chosen and apply the style at once.
 *
 * The observations are made with the store API, as the observing screen
 * would have left them; everything after that goes through the screen.
 * Widgets are found by type and style class, not by how templates nest.
 *
 * LB_UI_SCREENSHOTS=DIR saves a PNG of the window at each checked state;
 * LB_UI_DARK=1 takes them in the dark style. With LANGUAGE=nl (or unset)
 * the screens are in Dutch. */

#include "config.h"
#include "lb-application.h"
#include "lb-cli.h"
#include "lb-error.h"
#include "lb-judgement.h"
#include "lb-preferences-window.h"
#include "lb-settings.h"
#include "lb-window.h"
#include "lb-wrapup-view.h"

#define UI_TIMEOUT_S 10  /* before ui-util.h: this suite waits less */
#include "ui-util.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static LbApplication *app;
static char *home;

typedef struct {
  LbWindow     *window;
  LbStore      *store;
  LbInstrument *instrument;
  LbPerson     *starter;
  LbPerson     *assessor;
  LbPerson     *coach;
} Fixture;

/* ---- waiting for the main loop ---- */

static void
pause_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  ui_wait_for (ui_time_has_come, &until, "a pause");
}

/* ---- finding widgets ---- */

static gboolean
has_class (GtkWidget *widget, gpointer css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
has_name (GtkWidget *widget, gpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_with (GtkWidget *widget, gpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
has_action (GtkWidget *widget, gpointer action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
wrapup_view (Fixture *f)
{
  return ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_WRAPUP_VIEW));
}

static GtkWidget *
in_view (Fixture *f, UiMatch match, gpointer data)
{
  return ui_find (wrapup_view (f), match, data);
}

static gboolean
is_moving (GtkWidget *widget, gpointer data)
{
  return (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget))) ||
         (GTK_IS_REVEALER (widget) && gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
                                      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)));
}

static gboolean
is_settled (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  return root == NULL || ui_find (GTK_WIDGET (root), is_moving, NULL) == NULL;
}

/* Clicks the dialog's button for @label, as a user would. */
static void
answer_dialog (AdwMessageDialog *dialog, const char *label)
{
  GtkWidget *button = ui_find (GTK_WIDGET (dialog), is_button_labelled, (gpointer) label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (ui_wait_for (ui_no_message_dialog, NULL, "the dialog to close"));
}

static void
screenshot (gpointer window, const char *name)
{
  const char *dir = g_getenv ("LB_UI_SCREENSHOTS");
  if (dir == NULL || *dir == '\0')
    return;
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

/* Scrolls the wrap-up screen so that @widget is in view, for screenshots. */
static void
scroll_to (Fixture *f, GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t p;
  if (!gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                 &GRAPHENE_POINT_INIT (0, 0), &p))
    return;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adj, p.y - 12);
  pause_ms (100);
}

/* ---- observations, made as the observing screen leaves them ---- */

static LbPerson *
add_person (Fixture *f, const char *name, gboolean starter, LbRole role)
{
  g_autoptr(LbPerson) p = lb_person_new ();
  g_autoptr(GError) error = NULL;
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = role;
  p->school = g_strdup ("OBS De Regenboog");
  p->induction_year = starter ? 1 : 0;
  p->induction_start = starter ? g_strdup ("2026-08-24") : NULL;
  LbPerson *made = lb_store_add_person (f->store, p, &error);
  g_assert_no_error (error);
  return made;
}

typedef enum {
  GOOD = 0,
  UNSCORED_LAST = 1 << 0,        /* the last item has no score */
  NOT_OBSERVED_THIRD = 1 << 1,   /* the third item: not observed, no reason */
} Shape;

/* Strong scores in the first domain, mixed ones in the others, so the
 * rules give "met" for one and "not met" for another. */
static char *
make_observation (Fixture *f, LbPurpose purpose, Shape shape)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (f->starter);
  draft->observer = lb_person_copy (purpose == LB_PURPOSE_SUMMATIEF ? f->assessor : f->coach);
  draft->observer_role = purpose == LB_PURPOSE_SUMMATIEF ? LB_ROLE_ASSESSOR : LB_ROLE_COACH;
  draft->purpose = purpose;
  draft->start_time = g_strdup ("09:00");
  draft->group = g_strdup ("groep 6");
  draft->pupils = 27;
  draft->subject = g_strdup ("Rekenen");
  g_autoptr(LbObservation) obs = lb_store_create_observation (f->store, draft, f->instrument, &error);
  g_assert_no_error (error);
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  g_autoptr(LbNode) first = g_list_model_get_item (lb_instrument_get_domains (f->instrument), 0);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      if ((shape & UNSCORED_LAST) && i == items->len - 1)
        continue;
      gboolean no = (shape & NOT_OBSERVED_THIRD) && i == 2;
      const char *level = lb_node_get_domain (item) == first ? (i % 3 ? "4" : "3") : (i % 2 ? "2" : "3");
      lb_store_set_score (f->store, obs->uuid, 0, lb_node_get_id (item), no ? NULL : level, no, NULL, &error);
      g_assert_no_error (error);
    }
  return g_strdup (obs->uuid);
}

static LbObservation *
stored (Fixture *f, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  LbObservation *o = lb_store_load (f->store, uuid, &error);
  g_assert_no_error (error);
  return o;
}

static gboolean
on_wrapup_page (gpointer data)
{
  Fixture *f = data;
  return g_strcmp0 (lb_window_get_page (f->window), "wrapup") == 0 && is_settled (f->window) &&
         gtk_widget_get_mapped (wrapup_view (f));
}

static void
open_wrapup (Fixture *f, const char *uuid)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.wrap-up", "s", uuid));
  g_assert_true (ui_wait_for (on_wrapup_page, f, "the wrap-up screen"));
}

static gboolean
finalize_sensitive (Fixture *f)
{
  GtkWidget *button = in_view (f, has_action, (gpointer) "wrapup.finalize");
  g_assert_nonnull (button);
  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}

/* ---- fixture ---- */

static void
window_up (Fixture *f, int width, int height)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "lesbezoek", NULL);
  ui_remove_tree (data);
  GSettings *settings = lb_settings_get ();
  if (settings)
    g_settings_reset (settings, "observer-name");
  f->window = lb_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (ui_is_mapped, f->window, "the window to be mapped"));
  g_assert_true (ui_wait_for (ui_has_size, f->window, "the window to get its size"));
  f->store = g_object_ref (lb_window_get_store (f->window));
  g_autoptr(GError) error = NULL;
  f->instrument = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  f->starter = add_person (f, "Sanne de Vries", TRUE, LB_ROLE_STARTER);
  f->assessor = add_person (f, "Hans Kuipers", FALSE, LB_ROLE_ASSESSOR);
  f->coach = add_person (f, "Marieke Jansen", FALSE, LB_ROLE_COACH);
}

static void
setup (Fixture *f, gconstpointer data)
{
  window_up (f, 1280, 800);
}

static void
setup_portrait (Fixture *f, gconstpointer data)
{
  window_up (f, 800, 1280);
}

static gboolean
is_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != GTK_WINDOW (f->window))
        gtk_window_destroy (w);
    }
  g_clear_object (&f->store);
  g_clear_object (&f->instrument);
  g_clear_pointer (&f->starter, lb_person_free);
  g_clear_pointer (&f->assessor, lb_person_free);
  g_clear_pointer (&f->coach, lb_person_free);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (is_gone, f, "the window to be finalized"));
}

/* ---- coaching never judges ---- */

static void
assert_no_verdict (Fixture *f)
{
  GtkWidget *view = wrapup_view (f);
  g_assert_null (ui_find (view, has_class, (gpointer) "judgement"));
  g_assert_null (ui_find (view, has_class, (gpointer) "verdict-row"));
  g_assert_null (ui_find (view, has_class, (gpointer) "agree"));
  g_assert_null (ui_find (view, has_class, (gpointer) "deviate"));
  const LbVerdict verdicts[] = { LB_VERDICT_MET, LB_VERDICT_NOT_MET, LB_VERDICT_INSUFFICIENT };
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    g_assert_null (ui_find (view, is_label_with, (gpointer) lb_verdict_to_string (verdicts[i])));
}

static void
test_formative (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = make_observation (f, LB_PURPOSE_FORMATIEF, NOT_OBSERVED_THIRD);
  open_wrapup (f, uuid);
  assert_no_verdict (f);
  /* The scores are there: a distribution per domain. */
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  ui_find_all (wrapup_view (f), ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_GROUP), groups);
  g_assert_cmpuint (groups->len, >=, 2 + 3);
  /* A coach may sign at any time: nothing to complete first. */
  g_assert_null (in_view (f, has_class, (gpointer) "todo"));
  g_assert_true (finalize_sensitive (f));
  screenshot (f->window, data ? "wrapup-formative-portrait" : "wrapup-formative");

  /* Signing it shows no verdict either. */
  gtk_widget_activate_action (wrapup_view (f), "wrapup.finalize", NULL);
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the confirmation"));
  answer_dialog (dialog, _("_Finalize"));
  g_autoptr(LbObservation) o = stored (f, uuid);
  g_assert_cmpint (o->status, ==, LB_STATUS_FINAL);
  g_assert_cmpuint (o->judgements->len, ==, 0);
  assert_no_verdict (f);
}

/* ---- a summative observation is complete before it is signed ---- */

static void
test_summative_incomplete (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = make_observation (f, LB_PURPOSE_SUMMATIEF, UNSCORED_LAST | NOT_OBSERVED_THIRD);
  open_wrapup (f, uuid);
  GtkWidget *todo = in_view (f, has_class, (gpointer) "todo");
  g_assert_nonnull (todo);
  g_assert_false (finalize_sensitive (f));
  screenshot (f->window, data ? "wrapup-incomplete-portrait" : "wrapup-incomplete");

  /* Asking anyway changes nothing. */
  gtk_widget_activate_action (wrapup_view (f), "wrapup.finalize", NULL);
  pause_ms (200);
  AdwMessageDialog *dialog = NULL;
  g_assert_false (ui_find_message_dialog (&dialog));
  g_autoptr(LbObservation) before = stored (f, uuid);
  g_assert_cmpint (before->status, ==, LB_STATUS_DRAFT);

  /* The unscored item is listed with a way back to observing. */
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  g_autofree char *last = g_strdup_printf ("%u. %s", items->len,
                                           lb_text_get_ui (lb_node_get_text (items->pdata[items->len - 1])));
  g_assert_nonnull (ui_find (todo, is_label_with, last));
  g_assert_nonnull (ui_find (todo, has_action, (gpointer) "win.open-observation"));

  /* The reason for "not observed" is typed here. */
  GtkWidget *reason = in_view (f, has_class, (gpointer) "reason");
  g_assert_nonnull (reason);
  gtk_editable_set_text (GTK_EDITABLE (reason), "De groep was bij gym");
  g_signal_emit_by_name (reason, "apply");
  g_autoptr(LbObservation) after = stored (f, uuid);
  const LbScore *s = lb_observation_find_score (after, 0, lb_node_get_id (items->pdata[2]));
  g_assert_nonnull (s);
  g_assert_true (s->not_observed);
  g_assert_cmpstr (s->reason, ==, "De groep was bij gym");
  g_assert_null (in_view (f, has_class, (gpointer) "reason"));
  /* Still an unscored item and no judgements: still not. */
  g_assert_false (finalize_sensitive (f));
  g_assert_cmpint (after->status, ==, LB_STATUS_DRAFT);
}

/* ---- judging, signing, and what comes after ---- */

static gboolean
tops_saved (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  g_autoptr(LbObservation) o = stored (f, ((gpointer *) data)[1]);
  return g_strcmp0 (o->tops, "Heldere instructie") == 0;
}

static void
set_text (GtkWidget *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* A click as a user makes it: GtkButton's "activate" presses the button
 * and releases it a moment later. */
static void
clicked_cb (GtkButton *button, gboolean *clicked)
{
  *clicked = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  gboolean clicked = FALSE;
  gulong id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);
  gtk_widget_activate (button);
  /* On a busy machine the press takes longer than it looks: wait for the
   * click itself, not for a fixed time. */
  g_assert_true (ui_wait_for (is_true, &clicked, "the click"));
  g_signal_handler_disconnect (button, id);
  pause_ms (100);
}

static void
judge (Fixture *f, const char *uuid)
{
  g_autoptr(GPtrArray) agree = g_ptr_array_new ();
  g_autoptr(GPtrArray) deviate = g_ptr_array_new ();
  ui_find_all (wrapup_view (f), has_class, (gpointer) "agree", agree);
  ui_find_all (wrapup_view (f), has_class, (gpointer) "deviate", deviate);
  g_assert_cmpuint (agree->len, ==, 2);
  g_assert_false (finalize_sensitive (f));

  click (agree->pdata[0]);
  g_autoptr(LbObservation) o = stored (f, uuid);
  g_assert_cmpuint (o->judgements->len, ==, 1);
  LbDomainJudgement *j = o->judgements->pdata[0];
  g_assert_cmpstr (j->computed, ==, "met");
  g_assert_true (j->confirmed);

  /* Deviating needs a motivation before it can be saved. */
  click (deviate->pdata[1]);
  g_autoptr(GPtrArray) saves = g_ptr_array_new ();
  ui_find_all (wrapup_view (f), has_class, (gpointer) "save-deviation", saves);
  GtkWidget *save = saves->pdata[1];
  g_assert_false (gtk_widget_is_sensitive (save));
  g_autoptr(GPtrArray) motivations = g_ptr_array_new ();
  ui_find_all (wrapup_view (f), has_class, (gpointer) "motivation", motivations);
  set_text (motivations->pdata[1], "Twee leerlingen met een eigen leerlijn waren bij de RT.");
  /* A button that is not on screen yet ignores a click: on a busy machine
   * the deviation form may still be on its way in. */
  g_assert_true (ui_wait_for (ui_is_mapped, save, "the deviation form"));
  click (save);
  g_autoptr(LbObservation) o2 = stored (f, uuid);
  g_assert_cmpuint (o2->judgements->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      j = o2->judgements->pdata[i];
      if (g_strcmp0 (j->domain_id, lb_node_get_id (lb_node_get_domain (lb_instrument_get_items (f->instrument)->pdata[0]))) == 0)
        continue;
      g_assert_cmpstr (j->computed, ==, "not-met");
      g_assert_false (j->confirmed);
      g_assert_cmpstr (j->decided, ==, "met");
      g_assert_cmpstr (j->motivation, ==, "Twee leerlingen met een eigen leerlijn waren bij de RT.");
    }
}

static void
assert_locked (Fixture *f, const char *uuid)
{
  g_autoptr(LbObservation) o = stored (f, uuid);
  g_assert_cmpint (o->status, ==, LB_STATUS_FINAL);
  g_assert_cmpstr (o->signed_by, ==, "Hans Kuipers");
  g_assert_nonnull (o->content_hash);
  const char *names[] = { "tops", "tips", "agreements" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_false (gtk_widget_is_sensitive (in_view (f, has_name, (gpointer) names[i])));
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  ui_find_all (wrapup_view (f), has_class, (gpointer) "agree", toggles);
  ui_find_all (wrapup_view (f), has_class, (gpointer) "deviate", toggles);
  ui_find_all (wrapup_view (f), has_class, (gpointer) "motivation", toggles);
  for (guint i = 0; i < toggles->len; i++)
    g_assert_false (gtk_widget_is_sensitive (toggles->pdata[i]));
  GtkWidget *finalize = in_view (f, has_action, (gpointer) "wrapup.finalize");
  g_assert_false (gtk_widget_get_visible (finalize));
  g_autofree char *prefix = g_strndup (o->content_hash, 16);
  g_autofree char *shown = g_strconcat (prefix, "…", NULL);
  g_assert_nonnull (in_view (f, is_label_with, shown));
  /* The store refuses changes too, whatever the UI does. */
  g_autoptr(GError) error = NULL;
  g_assert_false (lb_store_set_field (f->store, uuid, LB_FIELD_TOPS, "later", &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FINAL);
}

static void
test_summative_finalize (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = make_observation (f, LB_PURPOSE_SUMMATIEF, GOOD);
  open_wrapup (f, uuid);
  g_assert_nonnull (in_view (f, has_class, (gpointer) "todo"));
  judge (f, uuid);

  /* Tops are saved while typing, without a Save button. */
  set_text (in_view (f, has_name, (gpointer) "tops"), "Heldere instructie");
  gpointer args[] = { f, uuid };
  g_assert_true (ui_wait_for (tops_saved, args, "the tops to be saved"));

  g_assert_null (in_view (f, has_class, (gpointer) "todo"));
  g_assert_true (finalize_sensitive (f));
  scroll_to (f, in_view (f, has_class, (gpointer) "judgement"));
  screenshot (f->window, data ? "wrapup-judged-portrait" : "wrapup-judged");

  gtk_widget_activate_action (wrapup_view (f), "wrapup.finalize", NULL);
  AdwMessageDialog *dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the confirmation"));
  GtkWidget *name = ui_find (GTK_WIDGET (dialog), ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Hans Kuipers");
  screenshot (dialog, data ? "wrapup-confirm-portrait" : "wrapup-confirm");
  answer_dialog (dialog, _("_Finalize"));
  assert_locked (f, uuid);
  screenshot (f->window, data ? "wrapup-final-portrait" : "wrapup-final");

  /* Afterwards: the starter's "seen", once, and an addendum. */
  g_assert_true (gtk_widget_activate_action (wrapup_view (f), "wrapup.acknowledge", NULL));
  dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the acknowledgement"));
  set_text (ui_find (GTK_WIDGET (dialog), ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)), "Herkenbaar.");
  answer_dialog (dialog, _("_Record"));
  gtk_widget_activate_action (wrapup_view (f), "wrapup.add-addendum", NULL);
  dialog = NULL;
  g_assert_true (ui_wait_for (ui_find_message_dialog, &dialog, "the addendum"));
  set_text (ui_find (GTK_WIDGET (dialog), ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)), "Aanvulling na het nagesprek.");
  answer_dialog (dialog, _("_Add"));
  g_autoptr(LbObservation) o = stored (f, uuid);
  g_assert_nonnull (o->acknowledged_at);
  g_assert_cmpstr (o->reaction, ==, "Herkenbaar.");
  g_assert_cmpuint (o->addenda->len, ==, 1);
  g_assert_cmpstr (((LbAddendum *) o->addenda->pdata[0])->author, ==, "Hans Kuipers");
  /* Seen is said once: the button for it is gone. */
  g_assert_null (in_view (f, has_action, (gpointer) "wrapup.acknowledge"));
  assert_locked (f, uuid);
  GtkWidget *scroller = gtk_widget_get_ancestor (in_view (f, has_name, (gpointer) "tops"), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  screenshot (f->window, data ? "wrapup-after-portrait" : "wrapup-after");
}

/* ---- a refused save loses nothing ---- */

static gboolean
is_visible_widget (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static void
test_refused_save (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = make_observation (f, LB_PURPOSE_FORMATIEF, GOOD);
  open_wrapup (f, uuid);
  /* Locked behind the screen's back: from now on the store refuses. */
  g_autoptr(GError) error = NULL;
  g_assert_true (lb_store_finalize (f->store, uuid, "Marieke Jansen", &error));
  GtkWidget *tops = in_view (f, has_name, (gpointer) "tops");
  set_text (tops, "Niet kwijtraken");
  GtkWidget *unsaved = in_view (f, has_name, (gpointer) "tops-unsaved");
  g_assert_true (ui_wait_for (is_visible_widget, unsaved, "“Not saved”"));
  g_assert_nonnull (ui_find (GTK_WIDGET (f->window), is_button_labelled, (gpointer) _("_Try Again")));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (tops));
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_autofree char *kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (kept, ==, "Niet kwijtraken");
  /* Leaving would lose it: the screen stays. */
  gtk_widget_activate_action (wrapup_view (f), "wrapup.back", NULL);
  pause_ms (300);
  g_assert_cmpstr (lb_window_get_page (f->window), ==, "wrapup");
  screenshot (f->window, "wrapup-refused");
}

/* ---- preferences ---- */

static gboolean
find_preferences (gpointer data)
{
  GtkWindow **found = data;
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *found == NULL; i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (LB_IS_PREFERENCES_WINDOW (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        *found = w;
    }
  return *found != NULL;
}

static void
test_preferences (Fixture *f, gconstpointer data)
{
  GSettings *settings = lb_settings_get ();
  if (settings == NULL)
    {
      g_test_skip ("no settings schema");
      return;
    }
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme_before = adw_style_manager_get_color_scheme (style);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  GtkWindow *prefs = NULL;
  g_assert_true (ui_wait_for (find_preferences, &prefs, "the preferences"));
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  ui_find_all (GTK_WIDGET (prefs), ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_COMBO_ROW), combos);
  g_assert_cmpuint (combos->len, ==, 3);  /* role, language, style */
  GtkWidget *name = ui_find (GTK_WIDGET (prefs), ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  gtk_editable_set_text (GTK_EDITABLE (name), "Hans Kuipers");
  g_autofree char *stored_name = g_settings_get_string (settings, "observer-name");
  g_assert_cmpstr (stored_name, ==, "Hans Kuipers");
  adw_combo_row_set_selected (combos->pdata[0], 3);
  g_autofree char *role = g_settings_get_string (settings, "default-role");
  g_assert_cmpstr (role, ==, "mentor");
  adw_combo_row_set_selected (combos->pdata[1], 1);
  g_autofree char *language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "en");
  adw_combo_row_set_selected (combos->pdata[2], 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot (prefs, "preferences-dark");
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpuint (adw_combo_row_get_selected (combos->pdata[2]), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==,
                   ADW_COLOR_SCHEME_DEFAULT);
  screenshot (prefs, "preferences");
  const char *keys[] = { "observer-name", "default-role", "language" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  adw_style_manager_set_color_scheme (style, scheme_before);  /* for LB_UI_DARK */
}

int
main (int argc, char *argv[])
{
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
  g_unsetenv ("LESBEZOEK_DB");
  /* As the app does: Dutch unless LANGUAGE says otherwise (the suite
   * sets "en"), so the labels looked for below are the shown ones. */
  lb_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  app = lb_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);
  if (g_getenv ("LB_UI_DARK"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

#define ADD(path, setup, fn, data) g_test_add (path, Fixture, data, setup, fn, teardown)
  ADD ("/ui/wrapup/formative-no-verdict", setup, test_formative, NULL);
  ADD ("/ui/wrapup/formative-no-verdict-portrait", setup_portrait, test_formative, "portrait");
  ADD ("/ui/wrapup/summative-incomplete", setup, test_summative_incomplete, NULL);
  ADD ("/ui/wrapup/summative-incomplete-portrait", setup_portrait, test_summative_incomplete, "portrait");
  ADD ("/ui/wrapup/summative-finalize", setup, test_summative_finalize, NULL);
  ADD ("/ui/wrapup/summative-finalize-portrait", setup_portrait, test_summative_finalize, "portrait");
  ADD ("/ui/wrapup/refused-save", setup, test_refused_save, NULL);
  ADD ("/ui/preferences", setup, test_preferences, NULL);
#undef ADD

  int status = g_test_run ();
  g_object_unref (app);
  ui_remove_tree (home);
  g_free (home);
  return status;
}
