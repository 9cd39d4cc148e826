/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-scoring"

/* The longest main-thread stall while scoring 100 items in a row on the
 * observing screen. One tap = the toggle's handler (the durable commit and
 * the redraw from the store) plus the layout and paint it causes, until
 * the main loop is idle again. Baseline in the same window and run: a
 * plain GtkToggleButton tapped the same way, which is what GTK alone
 * costs. The goal: no tap above 16 ms (one frame at 60 Hz). */

#include "config.h"
#include "bench-db.h"
#include "bench-util.h"
#include "lb-observe-view-private.h"

#include <adwaita.h>
#include <glib/gstdio.h>

static double
settle_ms (gint64 t0)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return (lb_bench_now_ns () - t0) / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
max_of (GArray *a)
{
  g_autoptr(GArray) sorted = g_array_copy (a);
  g_array_sort (sorted, compare_doubles);
  return g_array_index (sorted, double, sorted->len - 1);
}

static char *
make_observation (LbStore *store, LbInstrument *inst)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_bench_add_person (store, "Sanne de Vries", TRUE, 1);
  draft->observer = lb_bench_add_person (store, "Jeroen Bakker", FALSE, 0);
  draft->observer_role = LB_ROLE_ASSESSOR;
  draft->purpose = LB_PURPOSE_SUMMATIEF;
  g_autoptr(LbObservation) o = lb_store_create_observation (store, draft, inst, &error);
  lb_bench_check (o != NULL, error, "creating an observation");
  return g_strdup (o->uuid);
}

int
main (int argc, char **argv)
{
  if (!g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY"))
    {
      g_print ("scoring stalls: skipped, no display (bench/run starts Xvfb when it can)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();
  g_autofree char *tmp = g_dir_make_tmp ("bench-scoring-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "scoring.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  lb_bench_check (store != NULL, error, "opening");
  g_autofree char *uuid = make_observation (store, inst);

  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *plain = gtk_toggle_button_new_with_label ("baseline");
  LbObserveView *view = g_object_new (LB_TYPE_OBSERVE_VIEW, "vexpand", TRUE, NULL);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  lb_bench_check (lb_observe_view_load (view, store, uuid, &error), error, "loading the view");
  settle_ms (lb_bench_now_ns ());
  g_usleep (200000);
  settle_ms (lb_bench_now_ns ());

  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 100; i++)
    {
      LbItemCard *card = view->cards->pdata[i % view->cards->len];
      gint64 t0 = lb_bench_now_ns ();
      lb_item_card_activate_level (card, (int) ((i / view->cards->len) % 4));
      double t = settle_ms (t0);
      g_array_append_val (ours, t);
      t0 = lb_bench_now_ns ();
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (plain), i % 2 == 0);
      t = settle_ms (t0);
      g_array_append_val (base, t);
    }
  g_autoptr(LbBenchTable) table = lb_bench_table_new ("observing: one tap on a score button until idle",
                                                      "plain toggle", NULL, 100);
  lb_bench_table_add_row (table, "score a card (median of 100)", 0, ours, base, NULL);
  lb_bench_table_print (table);
  guint over = 0;
  for (guint i = 0; i < ours->len; i++)
    over += g_array_index (ours, double, i) > 16.0;
  g_print ("  longest stall: %.1f ms scoring, %.1f ms plain toggle; %u of 100 taps above 16 ms "
           "(goal: none)\n\n", max_of (ours), max_of (base), over);
  gtk_window_destroy (GTK_WINDOW (window));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_remove (wal), g_remove (shm), g_remove (path);
  return 0;
}
