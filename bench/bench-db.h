/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include "lb-store.h"

G_BEGIN_DECLS

LbScale  *lb_bench_scale_of   (LbNode *node);
void      lb_bench_check      (gboolean ok, GError *error, const char *doing);
void      lb_bench_exec       (sqlite3 *db, const char *sql);
gint64    lb_bench_query_int  (sqlite3 *db, const char *sql);
LbPerson *lb_bench_add_person (LbStore *store, const char *name, gboolean starter, int year);
/* A database of @n observations (40 starters, 12 observers, three school
 * years, four in five final) in @dir; returns its path. */
char     *lb_bench_make_db    (const char *dir, guint n, LbInstrument *inst);

G_END_DECLS
