/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the store tests: a private directory per test case, the
 * default instrument's items, a realistic draft, and a raw sqlite
 * connection for looking behind the store's back (as an attacker, a
 * crash or an older version of Lesbezoek would). */

#include <sqlite3.h>
#include "lb-error.h"
#include "lb-store.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;    /* removed, with everything in it, after the test */
  char *path;   /* dir/data/lesbezoek.db, not yet created */
} StoreFixture;

void           store_fixture_setup     (StoreFixture *f, gconstpointer data);
void           store_fixture_teardown  (StoreFixture *f, gconstpointer data);
void           store_test_init         (int *argc, char ***argv);

LbInstrument  *store_test_instrument   (void);
const char    *store_test_item         (guint index);
guint          store_test_n_items      (void);
const char    *store_test_level        (const char *item_id, guint index);
guint          store_test_n_levels     (const char *item_id);
const char    *store_test_indicator    (guint index);
guint          store_test_n_indicators (void);

LbPerson      *store_test_add_person   (LbStore *store, const char *name, gboolean starter);
LbObservation *store_test_new_draft    (LbStore *store, const char *starter, const char *observer,
                                        LbPurpose purpose);
void           store_test_fill         (LbStore *store, LbObservation *obs);

sqlite3       *store_raw_open          (const char *path);
gint64         store_raw_int           (sqlite3 *db, const char *sql);
char          *store_raw_text          (sqlite3 *db, const char *sql);
int            store_raw_exec          (sqlite3 *db, const char *sql, char **message);
void           store_assert_integrity  (const char *path);
gint64         store_count_rows        (const char *path, const char *sql);

GBytes        *store_read_file         (const char *path);
void           store_write_file        (const char *path, const void *data, gsize len);
guint          store_file_mode         (const char *path);
gboolean       store_file_contains     (const char *path, const char *needle);
void           store_rm_rf             (const char *path);
char          *store_find_aside        (const char *db_path, const char *kind);

G_END_DECLS
