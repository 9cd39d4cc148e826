/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-starter"

/* The starter's page over the demo induction: opened with win.show-starter,
 * it lists the goals the store holds, changes a goal's status in place,
 * makes goals from an observation's afspraken (once), adds a goal from the
 * form, shows the zone estimate of lb_zone_for_person, and marks exactly
 * the items where a self-assessment and the observer of the same lesson
 * are two points or more apart. */

#include "config.h"
#include "lb-application.h"
#include "lb-demo.h"
#include "lb-rasch.h"
#include "lb-report.h"
#include "lb-starter-page.h"
#include "lb-window.h"
#include "ui-util.h"

#include <locale.h>
#include <math.h>

static LbApplication *app;

typedef struct {
  LbWindow      *window;
  LbStore       *store;
  LbInstrument  *inst;
  LbPerson      *starter;
  LbStarterPage *page;
} Fixture;

static gboolean
is_mapped_dropdown (GtkWidget *widget, gpointer data)
{
  return GTK_IS_DROP_DOWN (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_gap_row (GtkWidget *widget, gpointer data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "lb-gap");
}

static GPtrArray *
final_observations (Fixture *f)
{
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.person = f->starter->uuid;
  filter.status = LB_STATUS_FINAL;
  g_autoptr(GPtrArray) rows = lb_store_list (f->store, &filter, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_observation_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (out, lb_store_load (f->store, ((LbSummary *) rows->pdata[i])->uuid, NULL));
  return out;
}

/* A self-assessment of today's lesson with three known scores against the
 * newest observation by someone else: item 0 two levels or more away,
 * item 1 the same, item 2 one level away. Returns the text of item 0. */
static const char *
add_self_assessment (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) obs = final_observations (f);
  LbObservation *other = NULL;
  for (guint i = 0; i < obs->len && other == NULL; i++)
    if (((LbObservation *) obs->pdata[i])->purpose != LB_PURPOSE_ZELFBEOORDELING)
      other = obs->pdata[i];
  g_assert_nonnull (other);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (f->starter);
  draft->observer = lb_person_copy (f->starter);
  draft->observer_role = LB_ROLE_STARTER;
  draft->purpose = LB_PURPOSE_ZELFBEOORDELING;
  draft->date = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(LbObservation) created = lb_store_create_observation (f->store, draft, f->inst, &error);
  g_assert_no_error (error);

  const char *far = NULL;
  guint made = 0;
  for (guint i = 0; i < other->scores->len && made < 3; i++)
    {
      const LbScore *s = other->scores->pdata[i];
      LbNode *item = lb_instrument_find_node (f->inst, s->item_id);
      if (s->not_observed || s->level_id == NULL || s->session != 0)
        continue;
      LbScale *scale = lb_node_get_scale (item);
      int level = lb_scale_find_level (scale, s->level_id), n = lb_scale_get_n_levels (scale), mine;
      if (made == 0)  /* as far away as the scale allows, at least two */
        mine = level >= 2 ? 0 : n - 1;
      else if (made == 1)
        mine = level;
      else
        mine = level > 0 ? level - 1 : level + 1;
      if (made == 0 && ABS (mine - level) < 2)
        continue;
      g_assert_true (lb_store_set_score (f->store, created->uuid, 0, s->item_id,
                                         lb_scale_get_level (scale, mine)->id, FALSE, NULL, &error));
      g_assert_no_error (error);
      if (made == 0)
        far = lb_text_get_ui (lb_node_get_text (item));
      made++;
    }
  g_assert_cmpuint (made, ==, 3);
  g_assert_true (lb_store_finalize (f->store, created->uuid, f->starter->name, &error));
  g_assert_no_error (error);
  return far;
}

static void
open_page (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-starter", "s", f->starter->uuid);
  f->page = LB_STARTER_PAGE (ui_find (GTK_WIDGET (f->window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_STARTER_PAGE)));
  g_assert_true (ui_wait_for (ui_is_mapped, f->page, "the starter's page"));
  ui_run_briefly (400);
  g_assert_cmpstr (lb_window_get_page (f->window), ==, "starter");
  g_assert_cmpstr (lb_starter_page_get_person_uuid (f->page), ==, f->starter->uuid);
  g_assert_true (ui_shows (GTK_WIDGET (f->page), f->starter->name));
}

/* The goal rows on screen, top to bottom: the rows holding a status menu. */
static GPtrArray *
goal_rows (Fixture *f)
{
  g_autoptr(GPtrArray) menus = g_ptr_array_new ();
  ui_find_all (GTK_WIDGET (f->page), is_mapped_dropdown, NULL, menus);
  GPtrArray *rows = g_ptr_array_new ();
  for (guint i = 0; i < menus->len; i++)
    g_ptr_array_add (rows, gtk_widget_get_ancestor (menus->pdata[i], ADW_TYPE_ACTION_ROW));
  return rows;
}

static void
check_goals_shown (Fixture *f)
{
  g_autoptr(GPtrArray) goals = lb_store_list_goals (f->store, f->starter->uuid, FALSE, NULL);
  g_autoptr(GPtrArray) rows = goal_rows (f);
  g_assert_cmpuint (rows->len, ==, goals->len);
  for (guint i = 0; i < goals->len; i++)
    {
      LbGoal *g = goals->pdata[i];
      g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[i]), ==, g->text);
      GtkWidget *menu = ui_find (rows->pdata[i], is_mapped_dropdown, NULL);
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (menu)), ==, g->status);
    }
}

static void
test_goals (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  /* The newest observation with afspraken comes first. */
  g_autoptr(GPtrArray) obs = final_observations (f);
  LbObservation *with = NULL;
  for (guint i = 0; i < obs->len && with == NULL; i++)
    {
      g_auto(GStrv) lines = lb_goal_lines_from_agreements (((LbObservation *) obs->pdata[i])->agreements);
      if (lines[0])
        with = obs->pdata[i];
    }
  g_assert_nonnull (with);
  g_auto(GStrv) lines = lb_goal_lines_from_agreements (with->agreements);
  check_goals_shown (f);
  ui_press (ui_button (GTK_WIDGET (f->page), "Make _Goals from the Agreements"));
  g_autoptr(GPtrArray) goals = lb_store_list_goals (f->store, f->starter->uuid, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, g_strv_length (lines));
  for (guint i = 0; i < goals->len; i++)
    {
      LbGoal *g = goals->pdata[i];
      g_assert_cmpstr (g->source_observation_uuid, ==, with->uuid);
      g_assert_true (g_strv_contains ((const char * const *) lines, g->text));
    }
  check_goals_shown (f);
  /* A second tap adds nothing. */
  ui_press (ui_button (GTK_WIDGET (f->page), "Make _Goals from the Agreements"));
  g_autoptr(GPtrArray) again = lb_store_list_goals (f->store, f->starter->uuid, FALSE, NULL);
  g_assert_cmpuint (again->len, ==, goals->len);

  /* The status changes in place and in the store. */
  g_autoptr(GPtrArray) rows = goal_rows (f);
  LbGoal *first = goals->pdata[0];
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, first->text);
  GtkWidget *menu = ui_find (rows->pdata[0], is_mapped_dropdown, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (menu), LB_GOAL_WORKING);
  ui_run_briefly (100);
  g_autoptr(LbGoal) changed = lb_store_get_goal (f->store, first->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed->status, ==, LB_GOAL_WORKING);
  check_goals_shown (f);

  /* A goal of the starter's own, linked to an item. */
  GtkWidget *text = ui_find (GTK_WIDGET (f->page), ui_is_row_titled, "_Goal");
  gtk_editable_set_text (GTK_EDITABLE (text), "Vaker doorvragen");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_find (GTK_WIDGET (f->page), ui_is_row_titled, "Linked items")), TRUE);
  ui_run_briefly (300);
  GtkWidget *item_row = ui_find (GTK_WIDGET (f->page), ui_is_row_titled,
                                 (gpointer) lb_text_get_ui (lb_node_get_text (lb_instrument_find_node (f->inst, "ph.klimaat.2"))));
  g_assert_nonnull (item_row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_find (item_row, ui_is_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON))),
                               TRUE);
  ui_press (ui_button (GTK_WIDGET (f->page), "_Add Goal"));
  g_autoptr(GPtrArray) after = lb_store_list_goals (f->store, f->starter->uuid, FALSE, NULL);
  g_assert_cmpuint (after->len, ==, goals->len + 1);
  LbGoal *added = NULL;
  for (guint i = 0; i < after->len; i++)
    if (g_str_equal (((LbGoal *) after->pdata[i])->text, "Vaker doorvragen"))
      added = after->pdata[i];
  g_assert_nonnull (added);
  g_assert_cmpint (added->status, ==, LB_GOAL_OPEN);
  g_assert_cmpuint (g_strv_length (added->item_ids), ==, 1);
  g_assert_cmpstr (added->item_ids[0], ==, "ph.klimaat.2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "");
  check_goals_shown (f);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Choosing an item above the chart draws that item alone: one series whose
 * points are the item's stored levels in the final observations. */
static void
test_chart_item (Fixture *f)
{
  const char *id = "ph.klimaat.2";
  LbNode *node = lb_instrument_find_node (f->inst, id);
  const char *text = lb_text_get_ui (lb_node_get_text (node));
  LbGrowthChart *chart = lb_starter_page_get_growth_chart (f->page);
  g_assert_nonnull (chart);
  g_assert_cmpuint (lb_growth_chart_get_n_series (chart), >, 1);

  AdwComboRow *row = ADW_COMBO_ROW (ui_find (GTK_WIDGET (f->page), ui_is_row_titled, "Show"));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  GListModel *model = adw_combo_row_get_model (row);
  guint pos = G_MAXUINT;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      pos = i;
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  adw_combo_row_set_selected (row, pos);
  ui_run_briefly (100);
  chart = lb_starter_page_get_growth_chart (f->page);
  g_assert_cmpuint (lb_growth_chart_get_n_series (chart), ==, 1);

  g_autoptr(GPtrArray) obs = final_observations (f);
  g_assert_cmpuint (lb_growth_chart_get_n_points (chart), ==, obs->len);
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (double));
  LbScale *scale = lb_node_get_scale (node);
  for (LbNode *n = node; scale == NULL && n; n = lb_node_get_parent (n))
    scale = lb_node_get_scale (n);
  for (guint i = 0; i < obs->len; i++)
    {
      LbObservation *o = obs->pdata[i];
      double sum = 0;
      guint n = 0;
      for (guint k = 0; k < o->scores->len; k++)
        {
          const LbScore *sc = o->scores->pdata[k];
          int level = sc->not_observed || g_strcmp0 (sc->item_id, id) ? -1 : lb_scale_find_level (scale, sc->level_id);
          if (level >= 0)
            sum += lb_scale_get_level (scale, level)->value, n++;
        }
      if (n)
        {
          double v = sum / n;
          g_array_append_val (want, v);
        }
    }
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < lb_growth_chart_get_n_points (chart); i++)
    {
      double v = lb_growth_chart_get_value (chart, 0, i);
      if (!isnan (v))
        g_array_append_val (got, v);
    }
  g_assert_cmpuint (want->len, >, 0);
  g_assert_cmpuint (got->len, ==, want->len);
  g_array_sort (want, cmp_double);
  g_array_sort (got, cmp_double);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (got, double, i), g_array_index (want, double, i), 1e-9);

  /* Back to every domain. */
  adw_combo_row_set_selected (row, 0);
  ui_run_briefly (50);
  g_assert_cmpuint (lb_growth_chart_get_n_series (lb_starter_page_get_growth_chart (f->page)), >, 1);
}

static void
test_zone (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbZone) zone = lb_zone_for_person (f->store, f->starter->uuid, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *title = g_strdup_printf ("Estimated skill: %.2f logits", zone->estimate.theta);
  g_assert_nonnull (ui_find (GTK_WIDGET (f->page), ui_is_row_titled, title));
  g_autofree char *se = g_strdup_printf ("Give or take %.2f (the standard error)", zone->estimate.se);
  g_assert_true (ui_shows (GTK_WIDGET (f->page), se));
  g_assert_cmpuint (zone->entries->len, >=, 5);
  for (guint i = 0; i < 5; i++)
    {
      LbZoneEntry *z = zone->entries->pdata[i];
      g_assert_nonnull (ui_find (GTK_WIDGET (f->page), ui_is_row_titled,
                                 (gpointer) lb_text_get_ui (lb_node_get_text (z->indicator))));
    }
  g_assert_true (ui_shows (GTK_WIDGET (f->page), zone->explanation));
}

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };
  f.window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (f.window));
  g_assert_true (ui_wait_for (ui_is_mapped, f.window, "the window"));
  f.store = lb_window_get_store (f.window);
  f.inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_assert_true (lb_demo_fill (f.store, f.inst, 1, &error));
  g_assert_no_error (error);
  f.starter = lb_store_find_person (f.store, "Youssef El Amrani", &error);
  g_assert_no_error (error);
  g_assert_cmpint (f.starter->induction_year, ==, 2);
  const char *far = add_self_assessment (&f);

  open_page (&f);
  test_chart_item (&f);
  test_goals (&f);
  test_zone (&f);
  g_assert_true (ui_shows (GTK_WIDGET (f.page), "Zone of next development"));
  /* Exactly the item two levels or more apart is marked. */
  g_autoptr(GPtrArray) gaps = g_ptr_array_new ();
  ui_find_all (GTK_WIDGET (f.page), is_gap_row, NULL, gaps);
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (gaps->pdata[0]), ==, far);

  /* "Export Dossier…" asks for this starter's dossier. */
  ui_press (ui_button (GTK_WIDGET (f.page), "Export _Dossier…"));
  g_assert_true (ui_wait_for (ui_has_dialog, NULL, "the dossier's options"));
  AdwMessageDialog *dialog = ui_dialog_on_screen ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), f.starter->name));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));  /* as the Cancel button would close it */
  g_assert_true (ui_wait_for (ui_no_dialog, NULL, "the dossier's options gone"));

  /* "All observations" still filters the overview. */
  ui_press (ui_button (GTK_WIDGET (f.page), "_All Observations"));
  g_assert_cmpstr (lb_window_get_page (f.window), ==, "home");
  g_object_unref (f.inst);
  lb_person_free (f.starter);
  gtk_window_destroy (GTK_WINDOW (f.window));
  ui_run_briefly (50);
}

/* A starter observed only with an instrument without Rasch difficulties
 * (the cycles example): the page has no zone of next development at all,
 * rather than an estimate that cannot be made. */
static void
test_no_rasch (void)
{
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };
  f.window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (f.window));
  g_assert_true (ui_wait_for (ui_is_mapped, f.window, "the window"));
  f.store = lb_window_get_store (f.window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", "cycles.xml",
                                                 NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  f.inst = lb_instrument_load_file (path, problems, &error);
  g_assert_no_error (error);
  const char *names[] = { "Noor Visser", "Eva de Boer" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LbPerson) p = lb_person_new ();
      p->name = g_strdup (names[i]);
      p->is_starter = i == 0;
      p->induction_year = i == 0 ? 1 : 0;
      p->role = i == 0 ? LB_ROLE_STARTER : LB_ROLE_ASSESSOR;
      g_autoptr(LbPerson) added = lb_store_add_person (f.store, p, &error);
      g_assert_no_error (error);
    }
  f.starter = lb_store_find_person (f.store, names[0], &error);
  g_autoptr(LbPerson) observer = lb_store_find_person (f.store, names[1], &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (f.starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = LB_ROLE_ASSESSOR;
  draft->purpose = LB_PURPOSE_KLASSENBEZOEK;
  draft->date = g_strdup ("2026-02-02");
  g_autoptr(LbObservation) created = lb_store_create_observation (f.store, draft, f.inst, &error);
  g_assert_no_error (error);
  GPtrArray *items = lb_instrument_get_items (f.inst);
  for (guint c = 1; c <= 4; c++)
    for (guint i = 0; i < items->len; i++)
      {
        g_assert_true (lb_store_set_score (f.store, created->uuid, c, lb_node_get_id (items->pdata[i]), "5", FALSE,
                                           NULL, &error));
        g_assert_no_error (error);
      }
  g_assert_true (lb_store_finalize (f.store, created->uuid, names[1], &error));
  g_assert_no_error (error);
  /* The starter's own view of a later lesson, three points lower on the
   * seven-point scale of the dimensions' domains. */
  g_autoptr(LbObservation) own = lb_observation_new ();
  own->starter = lb_person_copy (f.starter);
  own->observer = lb_person_copy (f.starter);
  own->observer_role = LB_ROLE_STARTER;
  own->purpose = LB_PURPOSE_ZELFBEOORDELING;
  own->date = g_strdup ("2026-02-03");
  g_autoptr(LbObservation) mine = lb_store_create_observation (f.store, own, f.inst, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_assert_true (lb_store_set_score (f.store, mine->uuid, 1, lb_node_get_id (items->pdata[i]), "2", FALSE, NULL,
                                       &error));
  g_assert_true (lb_store_finalize (f.store, mine->uuid, names[0], &error));
  g_assert_no_error (error);

  open_page (&f);
  /* Every dimension beside the observer's, on the domain's scale, marked. */
  g_autoptr(GPtrArray) gaps = g_ptr_array_new ();
  ui_find_all (GTK_WIDGET (f.page), is_gap_row, NULL, gaps);
  g_assert_cmpuint (gaps->len, ==, items->len);
  g_assert_true (ui_shows (gaps->pdata[0], "2"));
  g_assert_true (ui_shows (gaps->pdata[0], "5"));
  g_assert_false (ui_shows (GTK_WIDGET (f.page), "Zone of next development"));
  g_assert_false (ui_shows (GTK_WIDGET (f.page), "No estimate yet"));
  g_assert_false (ui_shows (GTK_WIDGET (f.page), "logits"));
  g_object_unref (f.inst);
  lb_person_free (f.starter);
  gtk_window_destroy (GTK_WINDOW (f.window));
  ui_run_briefly (50);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_autofree char *home = ui_private_home ();
  g_autofree char *db = g_build_filename (home, "starter.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/starter/page", test_page);
  g_test_add_func ("/starter/no-rasch", test_no_rasch);
  int status = g_test_run ();
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", home);
  return system (cmd) == 0 ? status : 1;
}
