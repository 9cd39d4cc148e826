/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-startup"

/* From process start to the first painted frame of the overview, with an
 * empty database and with 10,000 observations, against a bare libadwaita
 * window (bare-window: an AdwApplicationWindow with a header bar) started
 * the same way in the same run. Each child prints the monotonic time of
 * its first frame (LESBEZOEK_FIRST_FRAME) and quits; the clock is shared
 * by all processes, so the difference from just before the spawn is the
 * whole start: exec, linking, GTK, our model, the first paint. The goal of
 * the issue is at most 1.3× the bare window. Needs a display: bench/run
 * provides Xvfb when there is none. */

#include "config.h"
#include "bench-db.h"
#include "bench-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>

typedef struct {
  const char *label;
  char      **argv;
  char      **envp;
  GArray     *times;
} Subject;

static double
start_once (Subject *s)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, s->argv, s->envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s: %s", s->argv[0], error->message);
  const char *mark = out ? strstr (out, "first-frame ") : NULL;
  if (mark == NULL)
    g_error ("%s printed no first frame (exit status %d)", s->label, status);
  gint64 t1 = g_ascii_strtoll (mark + strlen ("first-frame "), NULL, 10);
  return (t1 - t0) / 1000.0;
}

static char **
env_for (const char *xdg, const char *db)
{
  char **env = g_get_environ ();
  env = g_environ_setenv (env, "LESBEZOEK_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", xdg, TRUE);
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  if (db)
    env = g_environ_setenv (env, "LESBEZOEK_DB", db, TRUE);
  return env;
}

int
main (int argc, char **argv)
{
  guint rounds = 11;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds (odd)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— app start-up benchmark");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_ignore_unknown_options (ctx, TRUE);
  g_option_context_parse (ctx, &argc, &argv, NULL);
  if (!g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY"))
    {
      g_print ("app start-up: skipped, no display (bench/run starts Xvfb when it can)\n");
      return 0;
    }

  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bench_dir = g_path_get_dirname (self);
  g_autofree char *app = g_build_filename (bench_dir, "..", "app", "lesbezoek", NULL);
  g_autofree char *bare = g_build_filename (bench_dir, "bare-window", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("bench-startup-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  lb_bench_check (inst != NULL, error, "loading the instrument");
  g_autofree char *empty_db = g_build_filename (tmp, "empty.db", NULL);
  g_autofree char *big_db = lb_bench_make_db (tmp, 10000, inst);

  char *bare_argv[] = { bare, NULL };
  char *app_argv[] = { app, NULL };
  Subject subjects[] = {
    { "bare window", bare_argv, env_for (tmp, NULL), g_array_new (FALSE, FALSE, sizeof (double)) },
    { "empty database", app_argv, env_for (tmp, empty_db), g_array_new (FALSE, FALSE, sizeof (double)) },
    { "10,000 observations", app_argv, env_for (tmp, big_db), g_array_new (FALSE, FALSE, sizeof (double)) },
  };
  /* One start each to warm caches and make the day's backups. */
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    start_once (&subjects[s]);
  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < G_N_ELEMENTS (subjects); k++)
      {
        /* Rotate the order so no subject always goes first. */
        Subject *s = &subjects[(k + r) % G_N_ELEMENTS (subjects)];
        double t = start_once (s);
        g_array_append_val (s->times, t);
      }

  g_autoptr(LbBenchTable) table = lb_bench_table_new ("app start-up: process start to first painted frame",
                                                      "bare window", NULL, rounds);
  lb_bench_table_add_row (table, "overview, empty database", 0, subjects[1].times, subjects[0].times, NULL);
  lb_bench_table_add_row (table, "overview, 10,000 observations", 0, subjects[2].times, subjects[0].times, NULL);
  lb_bench_table_print (table);
  g_print ("  goal: at most 1.30x the bare window\n\n");
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      g_strfreev (subjects[s].envp);
      g_array_unref (subjects[s].times);
    }
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
  return system (cmd) == 0 ? 0 : 1;
}
