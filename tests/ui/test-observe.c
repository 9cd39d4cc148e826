/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-observe"

/* The observing screen, driven through its widgets in a real window: a
 * score button, an indicator chip, a note written in the note field and
 * tagged to an item from its tag menu; the store must then hold exactly
 * that. A final observation shows locked. */

#include "config.h"
#include "lb-application.h"
#include "lb-item-card.h"
#include "lb-observe-view.h"
#include "lb-window.h"
#include "ui-util.h"

#include <glib/gstdio.h>
#include <locale.h>

static LbApplication *app;  /* one per process: it owns its bus name */

typedef struct {
  LbWindow      *window;
  LbStore       *store;
  LbInstrument  *instrument;
  char          *dir;
  char          *uuid;
} Fixture;

static LbPerson *
person (LbStore *store, const char *name, gboolean starter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->induction_year = starter ? 2 : 0;
  p->role = starter ? LB_ROLE_STARTER : LB_ROLE_COACH;
  LbPerson *added = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
  return added;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("test-observe-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (f->dir, "lesbezoek.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  f->window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (ui_is_mapped, f->window, "the window"));
  f->store = g_object_ref (lb_window_get_store (f->window));
  g_assert_nonnull (f->store);
  g_autoptr(GError) error = NULL;
  f->instrument = lb_instrument_load_default (&error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = person (f->store, "Sanne de Vries", TRUE);
  draft->observer = person (f->store, "Karin Jansen", FALSE);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = GPOINTER_TO_INT (data);
  draft->start_time = g_strdup ("09:00");
  g_autoptr(LbObservation) obs = lb_store_create_observation (f->store, draft, f->instrument, &error);
  g_assert_no_error (error);
  f->uuid = g_strdup (obs->uuid);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_run_briefly (50);
  g_clear_object (&f->store);
  g_clear_object (&f->instrument);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->uuid);
}

static LbObserveView *
open_observation (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-observation", "s", f->uuid);
  LbObserveView *view = LB_OBSERVE_VIEW (ui_find (GTK_WIDGET (f->window), ui_is_type,
                                                  GSIZE_TO_POINTER (LB_TYPE_OBSERVE_VIEW)));
  g_assert_true (ui_wait_for (ui_is_mapped, view, "the observing screen"));
  ui_run_briefly (300);  /* the page slides in */
  return view;
}

static gboolean
is_card_for (GtkWidget *widget, gpointer item_id)
{
  return LB_IS_ITEM_CARD (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (lb_node_get_id (lb_item_card_get_item (LB_ITEM_CARD (widget))), item_id);
}

/* A note's tag menu: a menu button in a row of the notes list (the header
 * bar has the report's menu, item cards and the session bar their own). */
static gboolean
is_tag_button (GtkWidget *widget, gpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) != NULL;
}

static GtkWidget *
button_in (GtkWidget *root, const char *label)
{
  GtkWidget *b = ui_find (root, ui_is_button_labelled, (gpointer) label);
  g_assert_nonnull (b);
  return b;
}

static const char *
en (LbNode *node)
{
  return lb_text_get (lb_node_get_text (node), "en");
}

typedef struct {
  Fixture *f;
  guint    scores, marks, notes, links;
} Expect;

static gboolean
store_holds (gpointer data)
{
  Expect *e = data;
  g_autoptr(LbObservation) o = lb_store_load (e->f->store, e->f->uuid, NULL);
  guint links = 0;
  for (guint i = 0; i < o->notes->len; i++)
    links += g_strv_length (((LbNote *) o->notes->pdata[i])->item_ids);
  return o->scores->len == e->scores && o->marks->len == e->marks &&
         o->notes->len == e->notes && links == e->links;
}

static void
test_score_and_note (Fixture *f, gconstpointer data)
{
  LbObserveView *view = open_observation (f);
  LbNode *item = lb_instrument_find_node (f->instrument, "ph.klimaat.1");
  LbNode *indicator = lb_node_get_child (item, 0);
  GtkWidget *card = ui_find (GTK_WIDGET (view), is_card_for, "ph.klimaat.1");
  g_assert_nonnull (card);

  /* A score: the third of four buttons, labelled with the scale's words. */
  LbScale *scale = lb_node_get_scale (item);
  const LbLevel *level = lb_scale_get_level (scale, 2);
  g_autofree char *label = g_strdup_printf ("%g · %s", level->value, lb_text_get (level->label, "en"));
  GtkWidget *three = button_in (card, label);
  ui_press (three);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (three)));
  ui_press (button_in (card, en (indicator)));
  Expect e = { f, 1, 1, 0, 0 };
  g_assert_true (ui_wait_for (store_holds, &e, "the score and the mark in the store"));
  g_autoptr(LbObservation) o = lb_store_load (f->store, f->uuid, NULL);
  const LbScore *s = lb_observation_find_score (o, 0, "ph.klimaat.1");
  g_assert_cmpstr (s->level_id, ==, level->id);
  g_assert_true (lb_observation_has_mark (o, 0, lb_node_get_id (indicator)));

  /* A note, written during the lesson. */
  GtkTextView *note_view = GTK_TEXT_VIEW (ui_find (GTK_WIDGET (view), ui_is_type,
                                                   GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)));
  AdwViewStack *modes = ADW_VIEW_STACK (ui_find (GTK_WIDGET (view), ui_is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (modes, "notes");
  g_assert_true (ui_wait_for (ui_is_mapped, note_view, "the note field"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view), "Iedereen luistert naar de uitleg.", -1);
  ui_press (button_in (GTK_WIDGET (view), "_Add Note"));
  e.notes = 1;
  g_assert_true (ui_wait_for (store_holds, &e, "the note in the store"));
  g_assert_true (ui_shows (GTK_WIDGET (view), "Iedereen luistert naar de uitleg."));

  /* Tag it to the item from the note's tag menu. */
  GtkWidget *tag = ui_find (GTK_WIDGET (view), is_tag_button, NULL);
  g_assert_nonnull (tag);
  gtk_menu_button_popup (GTK_MENU_BUTTON (tag));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (tag)));
  g_assert_true (ui_wait_for (ui_is_mapped, popover, "the tag menu"));
  g_autofree char *check = g_strdup_printf ("1. %s", en (item));
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  ui_find_all (popover, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON), checks);
  GtkWidget *wanted = NULL;
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), check) == 0)
      wanted = checks->pdata[i];
  g_assert_nonnull (wanted);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wanted), TRUE);
  gtk_popover_popdown (GTK_POPOVER (popover));
  e.links = 1;
  g_assert_true (ui_wait_for (store_holds, &e, "the link in the store"));

  /* The item's card now shows the note under it. */
  adw_view_stack_set_visible_child_name (modes, "score");
  ui_run_briefly (200);
  card = ui_find (GTK_WIDGET (view), is_card_for, "ph.klimaat.1");
  g_assert_true (ui_shows (card, "Iedereen luistert naar de uitleg."));
  /* Exactly that, nothing more: one score, one mark, one linked note. */
  g_clear_pointer (&o, lb_observation_unref);
  o = lb_store_load (f->store, f->uuid, NULL);
  g_assert_cmpuint (o->scores->len, ==, 1);
  g_assert_cmpuint (o->marks->len, ==, 1);
  g_assert_cmpuint (o->notes->len, ==, 1);
  g_assert_cmpstr (((LbNote *) o->notes->pdata[0])->item_ids[0], ==, "ph.klimaat.1");
}

static void
test_final_is_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (lb_store_set_score (f->store, f->uuid, 0, "ph.klimaat.1", "2", FALSE, NULL, &error));
  g_assert_true (lb_store_finalize (f->store, f->uuid, "Karin Jansen", &error));
  LbObserveView *view = open_observation (f);
  GtkWidget *card = ui_find (GTK_WIDGET (view), is_card_for, "ph.klimaat.1");
  GtkWidget *button = button_in (card, "4 · predominantly strong");
  /* Nothing on a final observation takes a tap. */
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_is_sensitive (ui_find (GTK_WIDGET (view), ui_is_type,
                                                     GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW))));
  gtk_widget_activate_action (GTK_WIDGET (view), "observe.add-note", NULL);
  g_autoptr(LbObservation) o = lb_store_load (f->store, f->uuid, NULL);
  g_assert_cmpuint (o->notes->len, ==, 0);
  g_assert_cmpint (o->status, ==, LB_STATUS_FINAL);
  g_assert_cmpstr (lb_observation_find_score (o, 0, "ph.klimaat.1")->level_id, ==, "2");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_autofree char *home = ui_private_home ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add ("/observe/score-and-note", Fixture, GINT_TO_POINTER (LB_PURPOSE_FORMATIEF),
              setup, test_score_and_note, teardown);
  g_test_add ("/observe/final-is-locked", Fixture, GINT_TO_POINTER (LB_PURPOSE_SUMMATIEF),
              setup, test_final_is_locked, teardown);
  int status = g_test_run ();
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", home);
  return system (cmd) == 0 ? status : 1;
}
