/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-compare"

/* The comparison screen: two observers of one demo lesson (a final
 * assessment and a school leader's visit, same starter and date) are
 * offered to each other by the overview's "Compare With…", a coach's
 * formative observation of the same lesson is not; win.compare opens the
 * screen, whose numbers are lb_comparison_load's and whose highlighted
 * rows are exactly those two points or more apart. */

#include "config.h"
#include "lb-agreement.h"
#include "lb-application.h"
#include "lb-comparison-view.h"
#include "lb-demo.h"
#include "lb-observation-list.h"
#include "lb-window.h"
#include "ui-util.h"

#include <locale.h>

static LbApplication *app;

#define DATE "2026-01-01"  /* a holiday: no demo lesson that day */

static const char * const items[] = { "ph.klimaat.1", "ph.klimaat.2", "ph.klimaat.3", "ph.klimaat.4",
                                      "ph.organisatie.1", "ph.organisatie.2" };

static char *
make_observation (LbStore *store, LbInstrument *inst, LbPerson *starter, const char *observer_name,
                  LbRole role, LbPurpose purpose, const int *levels, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) observer = lb_store_find_person (store, observer_name, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = role;
  draft->purpose = purpose;
  draft->date = g_strdup (DATE);
  g_autoptr(LbObservation) created = lb_store_create_observation (store, draft, inst, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      LbNode *item = lb_instrument_find_node (inst, items[i]);
      LbScale *scale = lb_node_get_scale (item);
      g_assert_true (lb_store_set_score (store, created->uuid, 0, lb_node_get_id (item),
                                         lb_scale_get_level (scale, levels[i])->id, FALSE, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lb_store_finalize (store, created->uuid, observer_name, &error));
  g_assert_no_error (error);
  return g_strdup (created->uuid);
}

static gboolean
has_compare_menu (gpointer data)
{
  gpointer *d = data;
  g_autoptr(GMenu) menu = lb_observation_list_compare_menu (d[0], d[1]);
  return menu != NULL;
}

static gboolean
is_named (GtkWidget *widget, gpointer name)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_notable (GtkWidget *widget, gpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "lb-notable");
}

static void
check_stat (GtkWidget *view, const char *key, guint scale, char *expected)
{
  g_autofree char *name = g_strdup_printf ("stat-%s-%u", key, scale);
  GtkWidget *label = ui_find (view, is_named, name);
  if (label == NULL)
    g_error ("no label %s on screen", name);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  g_free (expected);
}

static void
test_compare (void)
{
  g_autoptr(GError) error = NULL;
  LbWindow *window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (ui_is_mapped, window, "the window"));
  LbStore *store = lb_window_get_store (window);
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_assert_true (lb_demo_fill (store, inst, 1, &error));
  g_assert_no_error (error);
  g_autoptr(LbPerson) starter = lb_store_find_person (store, "Youssef El Amrani", &error);
  g_assert_no_error (error);

  /* Six items: 3 3 2 4 1 2 against 3 2 2 3 1 4 as level numbers 1…4. */
  const int a[] = { 2, 2, 1, 3, 0, 1 }, b[] = { 2, 1, 1, 2, 0, 3 }, c[] = { 0, 0, 0, 0, 0, 0 };
  g_autofree char *ua = make_observation (store, inst, starter, "Hans Kuipers", LB_ROLE_ASSESSOR,
                                          LB_PURPOSE_KLASSENBEZOEK, a, G_N_ELEMENTS (a));
  g_autofree char *ub = make_observation (store, inst, starter, "Peter Mulder", LB_ROLE_SCHOOL_LEADER,
                                          LB_PURPOSE_KLASSENBEZOEK, b, G_N_ELEMENTS (b));
  g_autofree char *uc = make_observation (store, inst, starter, "Marieke Jansen", LB_ROLE_COACH,
                                          LB_PURPOSE_FORMATIEF, c, G_N_ELEMENTS (c));

  /* The overview offers the other observer, never the coach's formative one. */
  LbObservationList *list = LB_OBSERVATION_LIST (ui_find (GTK_WIDGET (window), ui_is_type,
                                                          GSIZE_TO_POINTER (LB_TYPE_OBSERVATION_LIST)));
  lb_observation_list_reload (list);
  gpointer wait[] = { list, ua };
  g_assert_true (ui_wait_for (has_compare_menu, wait, "the compare menu"));
  g_assert_null (lb_observation_list_compare_menu (list, uc));
  g_autoptr(GMenu) menu = lb_observation_list_compare_menu (list, ua);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (menu)), ==, 1);
  g_autoptr(GMenuModel) others = g_menu_model_get_item_link (G_MENU_MODEL (menu), 0, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (others);
  g_assert_cmpint (g_menu_model_get_n_items (others), ==, 1);
  g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (others, 0, G_MENU_ATTRIBUTE_TARGET,
                                                                      G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree char *action = NULL;
  g_assert_true (g_menu_model_get_item_attribute (others, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.compare");
  g_autofree const char **uuids = g_variant_get_strv (target, NULL);
  g_assert_cmpstr (uuids[0], ==, ua);
  g_assert_cmpstr (uuids[1], ==, ub);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), action, target);
  GtkWidget *view = ui_find (GTK_WIDGET (window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_COMPARISON_VIEW));
  g_assert_true (ui_wait_for (ui_is_mapped, view, "the comparison"));
  ui_run_briefly (400);
  g_assert_cmpstr (lb_window_get_page (window), ==, "compare");
  g_assert_true (ui_shows (view, "Hans Kuipers"));
  g_assert_true (ui_shows (view, "Peter Mulder"));

  g_autoptr(LbComparison) cmp = lb_comparison_load (store, uuids, LB_COMPARE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cmp->stats->len, >=, 1);
  for (guint s = 0; s < cmp->stats->len; s++)
    {
      LbAgreementStats *st = cmp->stats->pdata[s];
      check_stat (view, "exact", s, lb_comparison_format_share (st->exact));
      check_stat (view, "within-one", s, lb_comparison_format_share (st->within_one));
      check_stat (view, "kappa", s, lb_comparison_format_stat (st->kappa));
      check_stat (view, "kappa-quadratic", s, lb_comparison_format_stat (st->kappa_quadratic));
      check_stat (view, "alpha", s, lb_comparison_format_stat (st->alpha_ordinal));
    }
  /* The independent numbers of tests/stats/test-stats-cli.c for these six. */
  check_stat (view, "exact", 0, g_strdup ("50.0%"));
  check_stat (view, "within-one", 0, g_strdup ("83.3%"));
  check_stat (view, "kappa", 0, g_strdup ("0.308"));
  check_stat (view, "kappa-quadratic", 0, g_strdup ("0.455"));
  check_stat (view, "alpha", 0, g_strdup ("0.486"));

  guint notable = 0;
  for (guint r = 0; r < cmp->rows->len; r++)
    notable += ((LbComparisonRow *) cmp->rows->pdata[r])->spread >= LB_COMPARISON_NOTABLE_SPREAD;
  g_assert_cmpuint (notable, ==, 1);
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();
  ui_find_all (view, is_notable, NULL, marked);
  g_assert_cmpuint (marked->len, ==, notable);

  /* A formative observation is refused: a toast, and the screen stays. */
  const char *with_coach[] = { ua, uc, NULL };
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", "^as", with_coach);
  g_assert_cmpstr (lb_window_get_page (window), ==, "compare");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-home", NULL);
  g_assert_cmpstr (lb_window_get_page (window), ==, "home");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

/* ---- an instrument with cycles ---- */

static char *
make_cycles_observation (LbStore *store, LbInstrument *inst, LbPerson *starter, const char *observer_name,
                         const int offset[2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) observer = lb_store_find_person (store, observer_name, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = LB_ROLE_ASSESSOR;
  draft->purpose = LB_PURPOSE_KLASSENBEZOEK;
  draft->date = g_strdup ("2026-01-02");
  g_autoptr(LbObservation) created = lb_store_create_observation (store, draft, inst, &error);
  g_assert_no_error (error);
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint c = 1; c <= 2; c++)
    for (guint i = 0; i < items->len; i++)
      {
        /* the items' scale is their domain's: 1 … 7 */
        LbScale *scale = lb_node_get_scale (lb_node_get_domain (items->pdata[i]));
        guint level = 2 + i % 3 + (i < 3 ? offset[c - 1] : 0);
        g_assert_true (lb_store_set_score (store, created->uuid, c, lb_node_get_id (items->pdata[i]),
                                           lb_scale_get_level (scale, level)->id, FALSE, NULL, &error));
        g_assert_no_error (error);
      }
  g_assert_true (lb_store_finalize (store, created->uuid, observer_name, &error));
  g_assert_no_error (error);
  return g_strdup (created->uuid);
}

/* Two observers of a lesson observed in cycles: the statistics per cycle
 * beside those over the lesson, and the rows under their cycle. They
 * agree on everything in cycle 1; in cycle 2 the second scores the first
 * three of the nine dimensions one point higher: 6 of 9 exact. */
static void
test_compare_cycles (void)
{
  g_autoptr(GError) error = NULL;
  LbWindow *window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_for (ui_is_mapped, window, "the window"));
  LbStore *store = lb_window_get_store (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "instrument", "examples", "cycles.xml",
                                                 NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, problems, &error);
  g_assert_no_error (error);
  const char *people[] = { "Noor Visser", "Eva de Boer", "Daan Smits" };
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(LbPerson) p = lb_person_new ();
      p->name = g_strdup (people[i]);
      p->is_starter = i == 0;
      p->induction_year = i == 0 ? 1 : 0;
      p->role = i == 0 ? LB_ROLE_STARTER : LB_ROLE_ASSESSOR;
      g_autoptr(LbPerson) added = lb_store_add_person (store, p, &error);
      g_assert_no_error (error);
    }
  g_autoptr(LbPerson) starter = lb_store_find_person (store, people[0], &error);
  g_assert_no_error (error);
  const int same[2] = { 0, 0 }, higher[2] = { 0, 1 };
  g_autofree char *ua = make_cycles_observation (store, inst, starter, people[1], same);
  g_autofree char *ub = make_cycles_observation (store, inst, starter, people[2], higher);
  const char *uuids[] = { ua, ub, NULL };
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", "^as", uuids);
  GtkWidget *view = ui_find (GTK_WIDGET (window), ui_is_type, GSIZE_TO_POINTER (LB_TYPE_COMPARISON_VIEW));
  g_assert_true (ui_wait_for (ui_is_mapped, view, "the comparison"));
  ui_run_briefly (200);
  g_assert_true (ui_shows (view, "Agreement per cycle"));
  g_assert_true (ui_shows (view, "Cycle 2"));
  g_assert_true (ui_shows (view, "(7 levels)"));

  g_autoptr(LbComparison) cmp = lb_comparison_load (store, uuids, LB_COMPARE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cmp->session_stats);
  g_assert_cmpuint (cmp->session_stats->len, ==, 2);
  for (guint i = 0; i < cmp->session_stats->len; i++)
    {
      LbAgreementStats *st = cmp->session_stats->pdata[i];
      g_autofree char *suffix = g_strdup_printf ("s%u", st->session);
      g_autofree char *exact = g_strdup_printf ("%s-0", suffix);
      g_autofree char *name = g_strdup_printf ("stat-exact-%s", exact);
      GtkWidget *label = ui_find (view, is_named, name);
      g_assert_nonnull (label);
      g_autofree char *expected = lb_comparison_format_share (st->exact);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
    }
  /* Independently: 9 of 9 and 6 of 9 exact, 15 of 18 over the lesson. */
  GtkWidget *one = ui_find (view, is_named, (gpointer) "stat-exact-s1-0");
  GtkWidget *two = ui_find (view, is_named, (gpointer) "stat-exact-s2-0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (one)), ==, "100.0%");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (two)), ==, "66.7%");
  GtkWidget *within = ui_find (view, is_named, (gpointer) "stat-within-one-s2-0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (within)), ==, "100.0%");
  GtkWidget *all = ui_find (view, is_named, (gpointer) "stat-exact-0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (all)), ==, "83.3%");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_briefly (50);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_autofree char *home = ui_private_home ();
  g_autofree char *db = g_build_filename (home, "compare.db", NULL);
  g_setenv ("LESBEZOEK_DB", db, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  app = lb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_add_func ("/compare/screen", test_compare);
  g_test_add_func ("/compare/cycles", test_compare_cycles);
  int status = g_test_run ();
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", home);
  return system (cmd) == 0 ? status : 1;
}
