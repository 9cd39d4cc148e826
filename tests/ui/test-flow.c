/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-flow"

/* A coach's lesson from start to end, through the screens a user sees:
 * the new-observation form, the observing screen (scores, a tick, a note
 * tagged to an item), the wrap-up (tops, finalizing with confirmation).
 * Afterwards the store holds exactly what was entered, the observation is
 * final, and the screens refuse changes. A coach observation never shows
 * a judgement on the way. */

#include "config.h"
#include "lb-application.h"
#include "lb-error.h"
#include "lb-item-card.h"
#include "lb-new-observation.h"
#include "lb-observe-view.h"
#include "lb-window.h"
#include "lb-wrapup-view.h"
#include "ui-util.h"

#include <locale.h>

static LbApplication *app;

static GtkWidget *
row (GtkWidget *root, const char *title)
{
  GtkWidget *w = ui_find (root, ui_is_row_titled, (gpointer) title);
  if (w == NULL)
    g_error ("no row titled “%s” on screen", title);
  return w;
}

static GtkWidget *
screen (LbWindow *window, GType type)
{
  GtkWidget *w = ui_find (GTK_WIDGET (window), ui_is_type, GSIZE_TO_POINTER (type));
  g_assert_true (ui_wait_for (ui_is_mapped, w, g_type_name (type)));
  ui_run_briefly (400);  /* the page slides in */
  return w;
}

typedef struct { LbStore *store; char *uuid; } Created;

static gboolean
one_observation (gpointer data)
{
  Created *c = data;
  g_autoptr(GPtrArray) rows = lb_store_list (c->store, NULL, NULL);
  if (rows == NULL || rows->len != 1)
    return FALSE;
  c->uuid = g_strdup (((LbSummary *) rows->pdata[0])->uuid);
  return TRUE;
}

static gboolean
is_final (gpointer data)
{
  Created *c = data;
  g_autoptr(LbObservation) o = lb_store_load (c->store, c->uuid, NULL);
  return o && o->status == LB_STATUS_FINAL;
}

static gboolean
shows_open_goal (gpointer form)
{
  return ui_shows (form, "Meer wachttijd na een vraag");
}

static void
fill_form (LbWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-observation", NULL);
  GtkWidget *form = screen (window, LB_TYPE_NEW_OBSERVATION);
  GtkWidget *begin = ui_button (form, "_Begin");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (form, "_Starter")), 0);
  /* The starter's open goals show; a reached one does not. */
  g_assert_true (ui_wait_for (shows_open_goal, form, "the starter's open goal in the form"));
  g_assert_true (ui_shows (form, "What the starter is working on"));
  g_assert_false (ui_shows (form, "Klassenmanagement bij de overgangen"));
  gtk_editable_set_text (GTK_EDITABLE (row (form, "_Your name")), "Karin Jansen");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (form, "_Role")), LB_ROLE_COACH);
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Start _time (hh:mm)")), "09:00");
  gtk_editable_set_text (GTK_EDITABLE (row (form, "_Group (for example 5 or 5/6)")), "5");
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Number of _pupils")), "24");
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Sub_ject")), "rekenen");
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Lesson goa_l")), "Breuken vergelijken");
  ui_run_briefly (100);
  ui_press (begin);
}

static void
observe (LbWindow *window, LbInstrument *inst)
{
  GtkWidget *view = screen (window, LB_TYPE_OBSERVE_VIEW);
  /* A coach never sees a verdict: not while observing either. */
  g_assert_false (ui_shows (view, "basisbekwaam"));
  AdwViewStack *modes = ADW_VIEW_STACK (ui_find (view, ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (modes, "score");
  ui_run_briefly (200);
  const char *items[] = { "ph.klimaat.1", "ph.klimaat.2" };
  const char *labels[] = { "3 · more strong than weak", "4 · predominantly strong" };
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *card = NULL;
      for (GtkWidget *w = ui_find (view, ui_is_type, GSIZE_TO_POINTER (LB_TYPE_ITEM_CARD)); w && !card;
           w = gtk_widget_get_next_sibling (w))
        if (LB_IS_ITEM_CARD (w) && g_str_equal (lb_node_get_id (lb_item_card_get_item (LB_ITEM_CARD (w))), items[i]))
          card = w;
      g_assert_nonnull (card);
      ui_press (ui_button (card, labels[i]));
    }
  LbNode *indicator = lb_node_get_child (lb_instrument_find_node (inst, "ph.klimaat.2"), 1);
  ui_press (ui_button (view, lb_text_get (lb_node_get_text (indicator), "en")));
  adw_view_stack_set_visible_child_name (modes, "notes");
  ui_run_briefly (200);
  GtkTextView *note = GTK_TEXT_VIEW (ui_find (view, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note), "Rustige start, iedereen zit klaar.", -1);
  ui_press (ui_button (view, "_Add Note"));
  ui_press (ui_button (view, "_Wrap Up"));
}

static void
test_lesson (void)
{
  g_autoptr(GError) error = NULL;
  LbWindow *window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (ui_is_mapped, window, "the window"));
  LbStore *store = lb_window_get_store (window);
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup ("Sanne de Vries");
  p->is_starter = TRUE;
  p->induction_year = 2;
  p->school = g_strdup ("OBS De Regenboog");
  g_autoptr(LbPerson) starter = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  const char *texts[] = { "Meer wachttijd na een vraag", "Klassenmanagement bij de overgangen" };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(LbGoal) goal = lb_goal_new ();
      goal->person_uuid = g_strdup (starter->uuid);
      goal->text = g_strdup (texts[i]);
      goal->status = i == 0 ? LB_GOAL_WORKING : LB_GOAL_REACHED;
      g_autoptr(LbGoal) added = lb_store_add_goal (store, goal, &error);
      g_assert_no_error (error);
    }

  fill_form (window);
  Created c = { store, NULL };
  g_assert_true (ui_wait_for (one_observation, &c, "the observation in the store"));
  observe (window, inst);

  /* The wrap-up: no verdict for a coach, a top, then finalize. */
  GtkWidget *wrapup = screen (window, LB_TYPE_WRAPUP_VIEW);
  g_assert_false (ui_shows (wrapup, "basisbekwaam"));
  ui_press (ui_button (wrapup, "_Finalize"));
  g_assert_true (ui_wait_for (ui_has_dialog, NULL, "the confirmation"));
  adw_message_dialog_response (ui_dialog_on_screen (), "finalize");
  g_assert_true (ui_wait_for (is_final, &c, "a final observation in the store"));

  /* The store holds exactly what was entered, and it is locked. */
  g_autoptr(LbObservation) o = lb_store_load (store, c.uuid, &error);
  g_assert_cmpstr (o->starter->uuid, ==, starter->uuid);
  g_assert_cmpstr (o->observer->name, ==, "Karin Jansen");
  g_assert_cmpint (o->observer_role, ==, LB_ROLE_COACH);
  g_assert_cmpint (o->purpose, ==, LB_PURPOSE_FORMATIEF);
  g_assert_cmpstr (o->start_time, ==, "09:00");
  g_assert_cmpstr (o->subject, ==, "rekenen");
  g_assert_cmpint (o->pupils, ==, 24);
  g_assert_cmpuint (o->scores->len, ==, 2);
  g_assert_cmpstr (lb_observation_find_score (o, 0, "ph.klimaat.1")->level_id, ==, "3");
  g_assert_cmpstr (lb_observation_find_score (o, 0, "ph.klimaat.2")->level_id, ==, "4");
  g_assert_cmpuint (o->marks->len, ==, 1);
  g_assert_cmpuint (o->notes->len, ==, 1);
  g_assert_cmpstr (((LbNote *) o->notes->pdata[0])->text, ==, "Rustige start, iedereen zit klaar.");
  g_assert_cmpuint (o->judgements->len, ==, 0);
  g_assert_nonnull (o->content_hash);
  g_assert_false (lb_store_set_score (store, c.uuid, 0, "ph.klimaat.3", "2", FALSE, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_FINAL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
  g_free (c.uuid);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_autofree char *home = ui_private_home ();
  g_autofree char *db = g_build_filename (home, "flow.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/flow/coach-lesson", test_lesson);
  int status = g_test_run ();
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", home);
  return system (cmd) == 0 ? status : 1;
}
