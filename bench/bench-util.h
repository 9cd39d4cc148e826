/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What every benchmark shares, so that bench/run prints tables that look
 * alike: a monotonic clock and a table of medians and ratios against a
 * baseline timed in the same run. Times are milliseconds. */

gint64 lb_bench_now_ns (void);
double lb_bench_median (GArray *values);

typedef struct _LbBenchTable LbBenchTable;

LbBenchTable *lb_bench_table_new     (const char   *title,
                                      const char   *baseline_a,
                                      const char   *baseline_b,
                                      guint         rounds);
void          lb_bench_table_add_row (LbBenchTable *self,
                                      const char   *label,
                                      guint64       bytes,
                                      GArray       *ours,
                                      GArray       *baseline_a,
                                      GArray       *baseline_b);
void          lb_bench_table_print   (LbBenchTable *self);
void          lb_bench_table_free    (LbBenchTable *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbBenchTable, lb_bench_table_free)

G_END_DECLS
