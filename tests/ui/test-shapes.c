/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-shapes"

/* The observing screen with instruments of other shapes, imported the way
 * a school brings its own: the framework, cycles and snapshots examples in
 * the private home's instrument directory. Each lesson starts in the real
 * new-observation form; then sessions are switched, items scored, coded
 * behaviours set, a snapshot prompt answered when its session's clock
 * reaches its minute, and the evidence rule keeps a score from counting
 * until a note is linked. The store must then hold exactly that, per
 * session. With LB_UI_SCREENSHOTS=DIR it also saves screenshots. */

#include "config.h"
#include "lb-application.h"
#include "lb-instrument-registry.h"
#include "lb-item-card.h"
#include "lb-new-observation.h"
#include "lb-observe-view.h"
#include "lb-scoring.h"
#include "lb-window.h"
#include "lb-wrapup-view.h"
#include "ui-util.h"

#include <locale.h>

static LbApplication *app;

typedef struct {
  LbWindow      *window;
  LbStore       *store;
  LbInstrument  *instrument;
  LbObserveView *view;
  char          *uuid;
} Lesson;

/* ---- pressing ---- */

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

/* ui_press, but it waits for the click itself: on a busy machine a press
 * takes longer than the moment ui_press gives it. */
static void
tap (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gboolean clicked = FALSE;
  gulong id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);
  /* An answered snapshot prompt replaces its buttons: it may be gone after. */
  GtkWidget *alive = button;
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &alive);
  gtk_widget_activate (button);
  g_assert_true (ui_wait_for (is_true, &clicked, "the click"));
  if (alive)
    {
      g_signal_handler_disconnect (alive, id);
      g_object_remove_weak_pointer (G_OBJECT (alive), (gpointer *) &alive);
    }
  ui_run_briefly (100);
}

/* ---- finding things ---- */

static GtkWidget *
row (GtkWidget *root, const char *title)
{
  GtkWidget *w = ui_find (root, ui_is_row_titled, (gpointer) title);
  if (w == NULL)
    g_error ("no row titled “%s” on screen", title);
  return w;
}

static gboolean
has_class (GtkWidget *widget, gpointer css)
{
  return gtk_widget_has_css_class (widget, css) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
with_class (GtkWidget *root, const char *css)
{
  return ui_find (root, has_class, (gpointer) css);
}

static gboolean
is_card_for (GtkWidget *widget, gpointer item_id)
{
  return LB_IS_ITEM_CARD (widget) && gtk_widget_get_mapped (widget) &&
         g_str_equal (lb_node_get_id (lb_item_card_get_item (LB_ITEM_CARD (widget))), item_id);
}

static GtkWidget *
card (Lesson *l, const char *item_id)
{
  GtkWidget *c = ui_find (GTK_WIDGET (l->view), is_card_for, (gpointer) item_id);
  if (c == NULL)
    g_error ("no card for item %s on screen", item_id);
  return c;
}

static gboolean
is_label_starting (GtkWidget *widget, gpointer prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static const char *
en (LbText *text)
{
  return lb_text_get (text, "en");
}

/* The label on an item's level button: "3 · at level", or "3". */
static char *
level_label (LbInstrument *inst, const char *item_id, const char *level_id)
{
  LbScale *scale = lb_node_get_scale (lb_instrument_find_node (inst, item_id));
  const LbLevel *level = lb_scale_get_level (scale, (guint) lb_scale_find_level (scale, level_id));
  g_autofree char *value = g_strdup_printf ("%g", level->value);
  /* Levels labelled with their own number show it once. */
  return g_str_equal (value, en (level->label)) ? g_strdup (value) : g_strdup_printf ("%s · %s", value, en (level->label));
}

static void
score (Lesson *l, const char *item_id, const char *level_id)
{
  g_autofree char *label = level_label (l->instrument, item_id, level_id);
  GtkWidget *b = ui_button (card (l, item_id), label);
  tap (b);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (b)));
}

static gboolean
level_shown (Lesson *l, const char *item_id, const char *level_id)
{
  g_autofree char *label = level_label (l->instrument, item_id, level_id);
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ui_button (card (l, item_id), label)));
}

/* The code button @code_label of the coded indicator @indicator_id. */
static GtkWidget *
code_button (Lesson *l, const char *indicator_id, const char *code_label)
{
  LbNode *ind = lb_instrument_find_node (l->instrument, indicator_id);
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  ui_find_all (card (l, lb_node_get_id (lb_node_get_parent (ind))), has_class, (gpointer) "coded-indicator", chips);
  for (guint i = 0; i < chips->len; i++)
    if (ui_shows (chips->pdata[i], en (lb_node_get_text (ind))))
      return ui_button (chips->pdata[i], code_label);
  g_error ("no coded chip for %s", indicator_id);
}

static void
select_session (Lesson *l, const char *number)
{
  tap (ui_button (with_class (GTK_WIDGET (l->view), "session-switcher"), number));
}

/* ---- waiting for the store ---- */

typedef struct {
  Lesson     *l;
  guint       session;
  const char *id;
  const char *value;   /* level, code or snapshot answer; NULL: absent */
  char        kind;    /* 's'core, 'm'ark, 'p' snapshot */
} Stored;

static gboolean
stored_is (gpointer data)
{
  Stored *s = data;
  g_autoptr(LbObservation) o = lb_store_load (s->l->store, s->l->uuid, NULL);
  const char *got = NULL;
  if (s->kind == 's')
    {
      const LbScore *sc = lb_observation_find_score (o, s->session, s->id);
      got = sc ? sc->level_id : NULL;
    }
  else if (s->kind == 'p')
    {
      const LbSnapshotAnswer *a = lb_scoring_find_snapshot_answer (o, s->session, s->id);
      got = a ? a->code : NULL;
    }
  else
    for (guint i = 0; i < o->marks->len; i++)
      {
        LbMark *m = o->marks->pdata[i];
        if (m->session == s->session && g_str_equal (m->indicator_id, s->id))
          got = m->code;
      }
  return g_strcmp0 (got, s->value) == 0;
}

static void
wait_stored (Lesson *l, char kind, guint session, const char *id, const char *value)
{
  Stored s = { l, session, id, value, kind };
  g_autofree char *what = g_strdup_printf ("%c %s = %s in session %u", kind, id, value, session);
  g_assert_true (ui_wait_for (stored_is, &s, what));
}

static gboolean
view_settled (gpointer data)
{
  Lesson *l = data;
  return ui_has_size (l->view);
}

/* ---- screenshots ---- */

static void
screenshot (Lesson *l, const char *name)
{
  const char *dir = g_getenv ("LB_UI_SCREENSHOTS");
  if (dir == NULL || *dir == '\0')
    return;
  const int sizes[][2] = { { 1280, 800 }, { 800, 1280 } };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (l->window), sizes[i][0], sizes[i][1]);
      ui_run_briefly (900);
      GtkWidget *widget = GTK_WIDGET (l->window);
      int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        continue;
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
      g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", dir, name, i == 0 ? "landscape" : "portrait");
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("screenshot: %s", path);
    }
  gtk_window_set_default_size (GTK_WINDOW (l->window), 1280, 800);
  ui_run_briefly (300);
}

/* A popover is a surface of its own: saved on its own. */
static void
screenshot_popover (GtkWidget *popover, const char *name)
{
  const char *dir = g_getenv ("LB_UI_SCREENSHOTS");
  if (dir == NULL || *dir == '\0')
    return;
  ui_run_briefly (400);
  int w = gtk_widget_get_width (popover), h = gtk_widget_get_height (popover);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (popover);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (popover));
  g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* ---- a lesson, begun in the form ---- */

static gboolean
one_observation (gpointer data)
{
  Lesson *l = data;
  g_autoptr(GPtrArray) rows = lb_store_list (l->store, NULL, NULL);
  if (rows == NULL || rows->len != 1)
    return FALSE;
  l->uuid = g_strdup (((LbSummary *) rows->pdata[0])->uuid);
  return TRUE;
}

static void
choose_instrument (GtkWidget *form, const char *id)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (form, "_Instrument"));
  GListModel *model = adw_combo_row_get_model (combo);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LbInstrument) inst = g_list_model_get_item (model, i);
      if (g_str_equal (lb_instrument_get_id (inst), id))
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_error ("instrument %s cannot be chosen in the form", id);
}

/* Begins a lesson with @instrument_id; the form must describe it with @summary. */
static void
begin (Lesson *l, const char *instrument_id, const char *summary)
{
  g_autoptr(GError) error = NULL;
  gtk_window_set_default_size (GTK_WINDOW (l->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (l->window));
  g_assert_true (ui_wait_for (ui_is_mapped, l->window, "the window"));
  l->store = g_object_ref (lb_window_get_store (l->window));
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup ("Sanne de Vries");
  p->is_starter = TRUE;
  p->induction_year = 1;
  g_autoptr(LbPerson) starter = lb_store_add_person (l->store, p, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (l->window), "win.new-observation", NULL);
  GtkWidget *form = ui_find (GTK_WIDGET (l->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_NEW_OBSERVATION));
  g_assert_true (ui_wait_for (ui_is_mapped, form, "the new-observation form"));
  ui_run_briefly (400);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (form, "_Starter")), 0);
  gtk_editable_set_text (GTK_EDITABLE (row (form, "_Your name")), "Karin Jansen");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (form, "_Role")), LB_ROLE_ASSESSOR);
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Start _time (hh:mm)")), "09:00");
  gtk_editable_set_text (GTK_EDITABLE (row (form, "Sub_ject")), "rekenen");
  choose_instrument (form, instrument_id);
  ui_run_briefly (100);
  g_assert_true (ui_shows (form, summary));
  tap (ui_button (form, "_Begin"));
  g_assert_true (ui_wait_for (one_observation, l, "the observation in the store"));
  l->view = LB_OBSERVE_VIEW (ui_find (GTK_WIDGET (l->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_OBSERVE_VIEW)));
  g_assert_true (ui_wait_for (ui_is_mapped, l->view, "the observing screen"));
  g_assert_true (ui_wait_for (view_settled, l, "the observing screen laid out"));
  ui_run_briefly (400);
  g_autoptr(LbObservation) o = lb_store_load (l->store, l->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (o->instrument_id, ==, instrument_id);
  l->instrument = lb_store_get_instrument (l->store, o->instrument_sha256, &error);
  g_assert_no_error (error);
}

static void
finish (Lesson *l)
{
  gtk_window_destroy (GTK_WINDOW (l->window));
  ui_run_briefly (50);
  g_clear_object (&l->store);
  g_clear_object (&l->instrument);
  g_free (l->uuid);
  /* Every lesson starts from an empty database. */
  g_autofree char *db = g_strdup (g_getenv ("LESBEZOEK_DB"));
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
}

/* ---- framework: no sessions, one score per item ---- */

static void
test_framework (void)
{
  Lesson l = { lb_window_new (app) };
  begin (&l, "voorbeeld-kader", "22 items");
  /* Without cycles or segments there is no switcher and no clock of its own. */
  g_assert_null (with_class (GTK_WIDGET (l.view), "session-bar"));
  g_assert_cmpuint (lb_observe_view_get_session (l.view), ==, 0);
  score (&l, "voorbereiding.vakkennis", "op-niveau");
  LbNode *ind = lb_instrument_find_node (l.instrument, "voorbereiding.vakkennis.juist");
  tap (ui_button (card (&l, "voorbereiding.vakkennis"), en (lb_node_get_text (ind))));
  wait_stored (&l, 's', 0, "voorbereiding.vakkennis", "op-niveau");
  wait_stored (&l, 'm', 0, "voorbereiding.vakkennis.juist", "yes");
  g_autoptr(LbObservation) o = lb_store_load (l.store, l.uuid, NULL);
  g_assert_cmpuint (o->scores->len, ==, 1);
  g_assert_cmpuint (o->marks->len, ==, 1);
  finish (&l);
}

/* ---- cycles: a score per cycle, a clock per cycle ---- */

static void
test_cycles (void)
{
  Lesson l = { lb_window_new (app) };
  begin (&l, "voorbeeld-cycli", "9 items · 4 cycles: 20 min observing, 10 min scoring");
  GtkWidget *bar = with_class (GTK_WIDGET (l.view), "session-bar");
  g_assert_nonnull (bar);
  g_assert_true (ui_shows (bar, "Cycle"));
  g_assert_true (ui_shows (bar, "Not started"));
  g_assert_cmpuint (lb_observe_view_get_session (l.view), ==, 1);

  /* Cycle 1: its clock started, twenty minutes observing, then scoring. */
  gtk_widget_activate_action (GTK_WIDGET (l.view), "observe.session-clock", NULL);
  g_assert_true (ui_shows (bar, "Observing · 0 of 20 min"));
  /* Started late: the clock is corrected by hand. */
  /* The session bar's first menu corrects the clock. */
  GtkWidget *correct = ui_find (bar, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (GTK_MENU_BUTTON (correct));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (correct)));
  g_assert_true (ui_wait_for (ui_is_mapped, popover, "the clock correction"));
  GtkWidget *spin = ui_find (popover, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  gtk_editable_set_text (GTK_EDITABLE (spin), "12");
  tap (ui_button (popover, "_Set"));
  g_assert_true (ui_shows (bar, "Observing · 12 of 20 min"));
  lb_observe_view_set_session_minutes (l.view, 1, 22);
  g_assert_true (ui_shows (bar, "Scoring · 2 of 10 min"));
  score (&l, "steun.warmte", "5");
  LbNode *ind = lb_instrument_find_node (l.instrument, "steun.warmte.lachen");
  tap (ui_button (card (&l, "steun.warmte"), en (lb_node_get_text (ind))));
  wait_stored (&l, 's', 1, "steun.warmte", "5");
  wait_stored (&l, 'm', 1, "steun.warmte.lachen", "yes");
  screenshot (&l, "observe-cycles");

  /* Cycle 2 starts empty: the card shows this cycle's score, not the last. */
  select_session (&l, "2");
  g_assert_cmpuint (lb_observe_view_get_session (l.view), ==, 2);
  g_assert_false (level_shown (&l, "steun.warmte", "5"));
  g_assert_true (ui_shows (bar, "Not started"));
  score (&l, "steun.warmte", "3");
  wait_stored (&l, 's', 2, "steun.warmte", "3");

  /* Back with the keyboard's action (Alt+1): cycle 1 is as it was. */
  gtk_widget_activate_action (GTK_WIDGET (l.view), "observe.session", "u", 1);
  g_assert_cmpuint (lb_observe_view_get_session (l.view), ==, 1);
  g_assert_true (level_shown (&l, "steun.warmte", "5"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    ui_button (card (&l, "steun.warmte"), en (lb_node_get_text (ind))))));
  g_assert_true (ui_shows (bar, "Scoring · 2 of 10 min"));
  gtk_widget_activate_action (GTK_WIDGET (l.view), "observe.next-session", NULL);
  g_assert_cmpuint (lb_observe_view_get_session (l.view), ==, 2);

  g_autoptr(LbObservation) o = lb_store_load (l.store, l.uuid, NULL);
  g_assert_cmpuint (o->scores->len, ==, 2);
  g_assert_cmpstr (lb_observation_find_score (o, 1, "steun.warmte")->level_id, ==, "5");
  g_assert_cmpstr (lb_observation_find_score (o, 2, "steun.warmte")->level_id, ==, "3");
  g_assert_cmpuint (o->marks->len, ==, 1);
  g_assert_true (lb_observation_has_mark (o, 1, "steun.warmte.lachen"));
  g_assert_false (lb_observation_has_mark (o, 2, "steun.warmte.lachen"));
  double mean = 0;
  g_assert_true (lb_scoring_combined (l.instrument, o, lb_instrument_find_node (l.instrument, "steun.warmte"), &mean, NULL));
  g_assert_cmpfloat (mean, ==, 4.0);
  finish (&l);
}

/* ---- snapshots: segments, coded behaviours, evidence, prompts ---- */

static gboolean
prompt_shows (gpointer data)
{
  Lesson *l = data;
  GtkWidget *prompt = with_class (GTK_WIDGET (l->view), "snapshot-prompt");
  return prompt && ui_shows (prompt, g_object_get_data (G_OBJECT (l->view), "test-wanted"));
}

static gboolean
has_class_anyway (GtkWidget *widget, gpointer css)
{
  return gtk_widget_has_css_class (widget, css);
}

static GtkRevealer *
prompt_revealer (Lesson *l)
{
  GtkWidget *prompt = ui_find (GTK_WIDGET (l->view), has_class_anyway, (gpointer) "snapshot-prompt");
  return GTK_REVEALER (gtk_widget_get_parent (prompt));
}

static gboolean
prompt_gone (gpointer data)
{
  GtkRevealer *r = prompt_revealer (data);
  return !gtk_revealer_get_reveal_child (r) && !gtk_revealer_get_child_revealed (r);
}

static void
answer_prompt (Lesson *l, const char *question, const char *answer)
{
  g_object_set_data_full (G_OBJECT (l->view), "test-wanted", g_strdup (question), g_free);
  g_assert_true (ui_wait_for (prompt_shows, l, question));
  tap (ui_button (with_class (GTK_WIDGET (l->view), "snapshot-prompt"), answer));
}

static gboolean
card_counts (gpointer data)
{
  return gtk_widget_has_css_class (data, "scored");
}

static char *
progress (Lesson *l, guint scored, guint session)
{
  return g_strdup_printf ("%u of %u items scored in segment %u", scored,
                          lb_instrument_get_n_items (l->instrument), session);
}

static void
snapshots_coded (Lesson *l)
{
  const char *item = "klimaat.steunend";
  /* Coded behaviours: all low, then a 5 the anchors do not suggest. */
  const char *inds[] = { "klimaat.steunend.respect", "klimaat.steunend.behoeften", "klimaat.steunend.kansen" };
  for (guint i = 0; i < G_N_ELEMENTS (inds); i++)
    {
      tap (code_button (l, inds[i], "low"));
      wait_stored (l, 'm', 1, inds[i], "laag");
    }
  tap (code_button (l, inds[0], "high"));
  wait_stored (l, 'm', 1, inds[0], "hoog");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (code_button (l, inds[0], "low"))));
  tap (code_button (l, inds[0], "low"));
  wait_stored (l, 'm', 1, inds[0], "laag");
  /* n/a where the behaviour's scale allows it. */
  tap (code_button (l, "klimaat.gedrag.bijsturen", "n/a"));
  wait_stored (l, 'm', 1, "klimaat.gedrag.bijsturen", LB_CODE_NOT_APPLICABLE);

  score (l, item, "5");
  wait_stored (l, 's', 1, item, "5");
  ui_run_briefly (300);
  g_assert_true (ui_shows (card (l, item), "The coded behaviours suggest about 1."));
  screenshot (l, "observe-anchor");
  /* Evidence required: scored, but it does not count without a note. */
  g_assert_true (ui_shows (card (l, item), "Evidence needed"));
  g_assert_false (gtk_widget_has_css_class (card (l, item), "scored"));
  g_autofree char *none = progress (l, 0, 1);
  g_assert_true (ui_shows (GTK_WIDGET (l->view), none));
  score (l, item, "2");
  wait_stored (l, 's', 1, item, "2");
  ui_run_briefly (300);
  g_assert_false (ui_shows (card (l, item), "The coded behaviours suggest"));
}

static void
snapshots_evidence (Lesson *l)
{
  const char *item = "klimaat.steunend";
  GtkWidget *link = ui_find (card (l, item), ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (GTK_MENU_BUTTON (link));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (link)));
  g_assert_true (ui_wait_for (ui_is_mapped, popover, "the evidence popover"));
  ui_run_briefly (300);
  g_assert_true (ui_shows (popover, "No notes in this session yet"));
  screenshot_popover (popover, "popover-evidence");
  GtkWidget *entry = ui_find (popover, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Noemt elke leerling bij naam; Daan krijgt een tweede kans.");
  tap (ui_button (popover, "_Add and Link"));
  g_assert_true (ui_wait_for (card_counts, card (l, item), "the score to count with its evidence"));
  g_assert_true (ui_shows (card (l, item), "Evidence linked"));
  g_autofree char *one = progress (l, 1, 1);
  g_assert_true (ui_shows (GTK_WIDGET (l->view), one));
}

static void
snapshots_prompts (Lesson *l)
{
  /* Nothing is due before its minute. */
  lb_observe_view_set_session_minutes (l->view, 1, 3);
  ui_run_briefly (300);
  g_assert_false (ui_shows (GTK_WIDGET (l->view), "Snapshot (minute"));
  lb_observe_view_set_session_minutes (l->view, 1, 4);
  answer_prompt (l, "Snapshot (minute 4): Is most of the class given a learning activity?", "yes");
  wait_stored (l, 'p', 1, "moment1.activiteit", "ja");
  answer_prompt (l, "Snapshot (minute 4): How many pupils are not on task?", "n/a: there is no learning activity");
  wait_stored (l, 'p', 1, "moment1.afgeleid", LB_CODE_NOT_APPLICABLE);
  g_assert_true (ui_wait_for (prompt_gone, l, "the answered prompts to go"));

  /* Put off at minute 10, answered from the list afterwards. */
  lb_observe_view_set_session_minutes (l->view, 1, 10);
  g_object_set_data_full (G_OBJECT (l->view), "test-wanted", g_strdup ("Snapshot (minute 9)"), g_free);
  g_assert_true (ui_wait_for (prompt_shows, l, "the prompt of minute 9"));
  screenshot (l, "observe-snapshots");
  /* Its companion question comes next, unless it waits for the first. */
  for (guint i = 0; i < 2 && gtk_revealer_get_reveal_child (prompt_revealer (l)); i++)
    {
      tap (ui_button (with_class (GTK_WIDGET (l->view), "snapshot-prompt"), "_Later"));
      ui_run_briefly (300);
    }
  g_assert_true (ui_wait_for (prompt_gone, l, "the put-off prompts to go"));
  /* The session bar's last menu: the first corrects the clock. */
  g_autoptr(GPtrArray) menus = g_ptr_array_new ();
  ui_find_all (with_class (GTK_WIDGET (l->view), "session-bar"), ui_is_type,
               GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON), menus);
  GtkWidget *list = menus->pdata[menus->len - 1];
  gtk_menu_button_popup (GTK_MENU_BUTTON (list));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (list)));
  g_assert_true (ui_wait_for (ui_is_mapped, popover, "the list of snapshots"));
  ui_run_briefly (300);
  GtkWidget *label = ui_find (popover, is_label_starting, (gpointer) "Minute 9: Is most");
  g_assert_nonnull (label);
  tap (ui_button (gtk_widget_get_parent (label), "no"));
  wait_stored (l, 'p', 1, "moment2.activiteit", "nee");
  screenshot_popover (popover, "popover-snapshots");
  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_run_briefly (200);
}

static void
test_snapshots (void)
{
  Lesson l = { lb_window_new (app) };
  begin (&l, "voorbeeld-momenten", "segments of 15 min, each scored on its own · 6 snapshot questions · "
                                  "a linked note as evidence for each score");
  GtkWidget *bar = with_class (GTK_WIDGET (l.view), "session-bar");
  g_assert_true (ui_shows (bar, "Segment"));
  gtk_widget_activate_action (GTK_WIDGET (l.view), "observe.session-clock", NULL);
  snapshots_coded (&l);
  snapshots_evidence (&l);
  snapshots_prompts (&l);

  /* Segment 2 is scored on its own: segment 1's note is no evidence there. */
  select_session (&l, "2");
  g_assert_false (level_shown (&l, "klimaat.steunend", "2"));
  score (&l, "klimaat.steunend", "4");
  wait_stored (&l, 's', 2, "klimaat.steunend", "4");
  ui_run_briefly (300);
  g_assert_false (gtk_widget_has_css_class (card (&l, "klimaat.steunend"), "scored"));
  g_autofree char *none = progress (&l, 0, 2);
  g_assert_true (ui_shows (GTK_WIDGET (l.view), none));

  g_autoptr(LbObservation) o = lb_store_load (l.store, l.uuid, NULL);
  LbNode *item = lb_instrument_find_node (l.instrument, "klimaat.steunend");
  g_assert_cmpuint (o->scores->len, ==, 2);
  g_assert_cmpstr (lb_observation_find_score (o, 1, "klimaat.steunend")->level_id, ==, "2");
  g_assert_cmpstr (lb_observation_find_score (o, 2, "klimaat.steunend")->level_id, ==, "4");
  g_assert_true (lb_scoring_item_counts (l.instrument, o, 1, item));
  g_assert_false (lb_scoring_item_counts (l.instrument, o, 2, item));
  g_assert_cmpuint (o->marks->len, ==, 4);
  g_assert_cmpuint (o->notes->len, ==, 1);
  g_assert_cmpuint (((LbNote *) o->notes->pdata[0])->session, ==, 1);
  g_assert_cmpuint (o->snapshots->len, ==, 3);
  const LbSnapshotAnswer *a = lb_scoring_find_snapshot_answer (o, 1, "moment1.activiteit");
  g_assert_cmpstr (a->code, ==, "ja");
  g_assert_cmpint (a->minute, ==, 4);
  a = lb_scoring_find_snapshot_answer (o, 1, "moment1.afgeleid");
  g_assert_cmpstr (a->code, ==, LB_CODE_NOT_APPLICABLE);
  g_assert_cmpint (a->minute, ==, 4);
  a = lb_scoring_find_snapshot_answer (o, 1, "moment2.activiteit");
  g_assert_cmpstr (a->code, ==, "nee");
  g_assert_cmpint (a->minute, ==, 10);

  /* The wrap-up lists what the evidence rule and the snapshots still need. */
  tap (ui_button (GTK_WIDGET (l.view), "_Wrap Up"));
  GtkWidget *wrapup = ui_find (GTK_WIDGET (l.window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_WRAPUP_VIEW));
  g_assert_true (ui_wait_for (ui_is_mapped, wrapup, "the wrap-up"));
  ui_run_briefly (400);
  g_assert_true (ui_shows (wrapup, "Scored, but no note of this session is linked as evidence (session 2)"));
  g_assert_true (ui_shows (wrapup, "snapshots not answered"));
  /* Independent segments: each domain's rules are checked per segment, as
   * in the report and on the command line, not on the segments' mean. */
  g_assert_true (ui_shows (wrapup, "segment 1: "));
  g_assert_true (ui_shows (wrapup, "segment 2: "));
  finish (&l);
}

/* The examples go where an imported instrument lives. */
static void
import_examples (void)
{
  g_autofree char *dir = lb_instrument_registry_default_directory ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  const char *names[] = { "framework", "cycles", "snapshots" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *base = g_strconcat (names[i], ".xml", NULL);
      g_autofree char *src = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "instrument", "examples", base, NULL);
      g_autofree char *dst = g_build_filename (dir, base, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;
      g_assert_true (g_file_get_contents (src, &contents, &len, &error));
      g_assert_true (g_file_set_contents (dst, contents, (gssize) len, &error));
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_autofree char *home = ui_private_home ();
  g_autofree char *db = g_build_filename (home, "shapes.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  g_test_init (&argc, &argv, NULL);
  import_examples ();
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/shapes/framework", test_framework);
  g_test_add_func ("/shapes/cycles", test_cycles);
  g_test_add_func ("/shapes/snapshots", test_snapshots);
  int status = g_test_run ();
  ui_remove_tree (home);
  return status;
}
