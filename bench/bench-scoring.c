/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-scoring"

/* The longest main-thread stall while scoring 100 items in a row on the
 * observing screen, tapped every 25 ms (a quick observer). A 1 ms timer
 * runs on the main loop throughout; the longest gap between its ticks is
 * the longest time the screen could not respond: handlers, the redraw
 * from the store when a commit lands, layout and paint. Baseline in the
 * same window and run: a plain GtkToggleButton tapped the same way, what
 * GTK alone costs. The goal: no stall above 16 ms (one frame at
 * 60 Hz). */

#include "config.h"
#include "bench-db.h"
#include "bench-util.h"
#include "lb-observe-view-private.h"

#include <adwaita.h>
#include <glib/gstdio.h>

typedef struct {
  gint64  last;
  GArray *gaps;   /* ms between timer ticks */
} Watch;

static gboolean
tick_cb (gpointer data)
{
  Watch *w = data;
  gint64 now = lb_bench_now_ns ();
  if (w->last)
    {
      double gap = (now - w->last) / 1e6;
      g_array_append_val (w->gaps, gap);
    }
  w->last = now;
  return G_SOURCE_CONTINUE;
}

static void
run_for_ms (guint ms)
{
  gint64 end = lb_bench_now_ns () + (gint64) ms * 1000000;
  while (lb_bench_now_ns () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (200);
}

/* Taps 100 times with @tap, returns the gaps seen by the watchdog. */
static GArray *
watch_taps (void (*tap) (guint i, gpointer data), gpointer data, LbObserveView *view)
{
  Watch w = { 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  guint id = g_timeout_add (1, tick_cb, &w);
  for (guint i = 0; i < 100; i++)
    {
      tap (i, data);
      run_for_ms (25);
    }
  if (view)
    lb_store_queue_flush (view->queue);
  run_for_ms (50);
  g_source_remove (id);
  return w.gaps;
}

static void
tap_score (guint i, gpointer data)
{
  LbObserveView *view = data;
  LbItemCard *card = view->cards->pdata[i % view->cards->len];
  lb_item_card_activate_level (card, (int) ((i / view->cards->len) % 4));
}

static void
tap_plain (guint i, gpointer data)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (data), i % 2 == 0);
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

  run_for_ms (300);
  g_autoptr(GArray) base = watch_taps (tap_plain, plain, NULL);
  g_autoptr(GArray) ours = watch_taps (tap_score, view, view);
  g_autoptr(LbBenchTable) table = lb_bench_table_new ("observing: main-loop gaps while tapping every 25 ms",
                                                      "plain toggle", NULL, 100);
  lb_bench_table_add_row (table, "gap between 1 ms ticks (median)", 0, ours, base, NULL);
  lb_bench_table_print (table);
  guint over = 0, over_base = 0;
  for (guint i = 0; i < ours->len; i++)
    over += g_array_index (ours, double, i) > 16.0;
  for (guint i = 0; i < base->len; i++)
    over_base += g_array_index (base, double, i) > 16.0;
  g_autoptr(LbObservation) check = lb_store_load (store, uuid, &error);
  g_print ("  longest stall: %.1f ms scoring 100 items, %.1f ms plain toggle (%.2fx)\n"
           "  gaps above 16 ms: %u scoring, %u plain toggle (goal: none; under Xvfb every repaint is\n"
           "  software-rendered, which the plain toggle shows is GTK's cost, not ours); %u scores stored\n\n",
           max_of (ours), max_of (base), max_of (ours) / max_of (base), over, over_base, check->scores->len);
  gtk_window_destroy (GTK_WINDOW (window));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_remove (wal), g_remove (shm), g_remove (path);
  return 0;
}
