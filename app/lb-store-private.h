/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include "lb-store.h"
#include "lb-error.h"

G_BEGIN_DECLS

/* Shared by the lb-store*.c files; nothing outside the store sees sqlite. */
struct _LbStore
{
  GObject  parent_instance;
  char    *path;
  sqlite3 *db;
  int      schema_version;
};

extern const char * const lb_store_migrations[];  /* [i] brings user_version i → i+1 */

gboolean      lb_store_begin      (LbStore *self, GError **error);
gboolean      lb_store_commit     (LbStore *self, GError **error);
void          lb_store_rollback   (LbStore *self);
gboolean      lb_store_exec       (LbStore *self, const char *sql, GError **error);
sqlite3_stmt *lb_store_prepare    (LbStore *self, const char *sql, GError **error);
gboolean      lb_store_step_done  (LbStore *self, sqlite3_stmt *stmt, GError **error);
void          lb_store_set_error  (LbStore *self, GError **error, int rc, const char *doing);
void          lb_store_bind_text  (sqlite3_stmt *stmt, int index, const char *value);
char         *lb_store_column_dup (sqlite3_stmt *stmt, int column);
gboolean      lb_store_audit_log  (LbStore *self, const char *obs_uuid, const char *action,
                                   const char *detail, GError **error);
gint64        lb_store_observation_id (LbStore *self, const char *uuid, gboolean for_change,
                                   GError **error);
gboolean      lb_store_touch      (LbStore *self, gint64 obs_id, GError **error);
gint64        lb_store_person_id  (LbStore *self, const char *uuid, GError **error);
LbPerson     *lb_store_read_person (sqlite3_stmt *stmt, int first_column);
gboolean      lb_store_import_locked (LbStore *self, LbExchange *ex, const char *source,
                                   LbImportReport *report, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
