/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Running the built `lesbezoek` (LESBEZOEK_BIN) against a database of the
 * test's own, and looking into that database with sqlite directly. */

#include <glib.h>
#include <sqlite3.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear     (Run *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* A fresh database path in the test's own (isolated) data directory. */
char     *cli_db_path   (void);
/* lesbezoek --db DB ARG… (NULL-terminated); stdin is /dev/null, so
 * nothing can ask for confirmation. Fails the test on a crash. */
void      cli_run       (Run *run, const char *db, ...) G_GNUC_NULL_TERMINATED;
/* The same, asserting exit status 0; returns stdout without its last
 * newline. */
char     *cli_ok        (const char *db, ...) G_GNUC_NULL_TERMINATED;
/* The same, asserting @status, and that stderr says something. */
void      cli_fails     (int status, const char *db, ...) G_GNUC_NULL_TERMINATED;

sqlite3  *cli_sqlite    (const char *db);
gint64    cli_count     (sqlite3 *db, const char *sql);
/* Runs @sql with the final-observation guard lifted, as a tamperer (or
 * an erasure) would. */
void      cli_tamper    (sqlite3 *db, const char *sql);

/* Adds a starter (year 1) and the observers the tests need: a coach and
 * an assessor. */
void      cli_add_people (const char *db, const char *starter, const char *coach, const char *assessor);
