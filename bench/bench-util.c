/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench"

#include "bench-util.h"

#include <string.h>
#include <time.h>

#define N_COLUMNS 7

struct _LbBenchTable
{
  char      *title;
  guint      rounds;
  GPtrArray *cells;  /* N_COLUMNS strings per row, the header first */
};

gint64
lb_bench_now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
quantile (GArray *values, double q)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);
  g_autoptr(GArray) sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  double pos = q * (sorted->len - 1);
  guint lo = (guint) pos;
  guint hi = MIN (lo + 1, sorted->len - 1);
  double frac = pos - lo;
  return g_array_index (sorted, double, lo) * (1 - frac) + g_array_index (sorted, double, hi) * frac;
}

double
lb_bench_median (GArray *values)
{
  return quantile (values, 0.5);
}

LbBenchTable *
lb_bench_table_new (const char *title, const char *baseline_a, const char *baseline_b, guint rounds)
{
  LbBenchTable *self = g_new0 (LbBenchTable, 1);
  self->title = g_strdup (title);
  self->rounds = rounds;
  self->cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ratio_a = g_strdup_printf ("ours/%s", baseline_a);
  g_autofree char *ratio_b = baseline_b ? g_strdup_printf ("ours/%s", baseline_b) : g_strdup ("");
  const char *header[N_COLUMNS] = { "", "size", "lesbezoek", baseline_a,
                                    baseline_b ? baseline_b : "", ratio_a, ratio_b };
  for (guint i = 0; i < N_COLUMNS; i++)
    g_ptr_array_add (self->cells, g_strdup (header[i]));
  return self;
}

void
lb_bench_table_free (LbBenchTable *self)
{
  g_free (self->title);
  g_ptr_array_unref (self->cells);
  g_free (self);
}

/* Plain ASCII throughout: the tables end up in CI logs and terminals of
 * any locale. */
static char *
format_size (guint64 bytes)
{
  if (bytes < 1000)
    return g_strdup_printf ("%u B", (guint) bytes);
  if (bytes < 1000 * 1000)
    return g_strdup_printf ("%.1f kB", bytes / 1e3);
  return g_strdup_printf ("%.1f MB", bytes / 1e6);
}

static char *
format_ms (GArray *times)
{
  double ms = lb_bench_median (times);
  return ms < 10 ? g_strdup_printf ("%.2f ms", ms) : g_strdup_printf ("%.1f ms", ms);
}

/* The ratio of each round's pair, not of the two medians: both runs of a
 * round saw the same machine load, so their ratio cancels most of it. The
 * quartiles show how much noise is left. */
static char *
format_ratio (GArray *ours, GArray *base)
{
  g_autoptr(GArray) ratios = g_array_sized_new (FALSE, FALSE, sizeof (double), ours->len);
  for (guint i = 0; i < ours->len && i < base->len; i++)
    {
      double r = g_array_index (ours, double, i) / MAX (g_array_index (base, double, i), 1e-9);
      g_array_append_val (ratios, r);
    }
  return g_strdup_printf ("%.2fx [%.2f-%.2f]", quantile (ratios, 0.5), quantile (ratios, 0.25),
                          quantile (ratios, 0.75));
}

void
lb_bench_table_add_row (LbBenchTable *self, const char *label, guint64 bytes,
                        GArray *ours, GArray *baseline_a, GArray *baseline_b)
{
  g_ptr_array_add (self->cells, g_strdup (label));
  g_ptr_array_add (self->cells, bytes ? format_size (bytes) : g_strdup ("-"));
  g_ptr_array_add (self->cells, format_ms (ours));
  g_ptr_array_add (self->cells, format_ms (baseline_a));
  g_ptr_array_add (self->cells, baseline_b ? format_ms (baseline_b) : g_strdup ("-"));
  g_ptr_array_add (self->cells, format_ratio (ours, baseline_a));
  g_ptr_array_add (self->cells, baseline_b ? format_ratio (ours, baseline_b) : g_strdup (""));
}

static void
print_cell (GString *line, const char *text, guint width, gboolean left)
{
  guint pad = width - (guint) strlen (text);
  g_string_append_printf (line, "%*s%s%*s  ", left ? 0 : (int) pad, "", text, left ? (int) pad : 0, "");
}

void
lb_bench_table_print (LbBenchTable *self)
{
  guint widths[N_COLUMNS] = { 0 };
  guint n_rows = self->cells->len / N_COLUMNS;

  for (guint i = 0; i < self->cells->len; i++)
    widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS],
                                 (guint) strlen (self->cells->pdata[i]));

  g_print ("\n%s: median of %u interleaved rounds; ratio < 1.00x means Lesbezoek is faster "
           "[quartiles of the per-round ratio]\n", self->title, self->rounds);
#if defined(__SANITIZE_ADDRESS__)
  g_print ("WARNING: built with a sanitizer; these times are not representative\n");
#endif
  /* Leave out columns with nothing in them: no sizes, no second baseline. */
  gboolean empty[N_COLUMNS];
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      empty[c] = n_rows > 1;
      for (guint r = 1; r < n_rows && empty[c]; r++)
        {
          const char *cell = self->cells->pdata[r * N_COLUMNS + c];
          empty[c] = *cell == '\0' || g_str_equal (cell, "-");
        }
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      for (guint c = 0; c < N_COLUMNS; c++)
        if (!empty[c])
          print_cell (line, self->cells->pdata[r * N_COLUMNS + c], widths[c], c == 0);
      g_print ("%s\n", g_strchomp (line->str));
    }
}
