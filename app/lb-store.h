/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "lb-exchange.h"
#include "lb-goal.h"
#include "lb-instrument.h"
#include "lb-observation.h"

G_BEGIN_DECLS

/* The observations on this device, in sqlite. Every mutating call is one
 * durable transaction (WAL, synchronous=FULL): when it returns TRUE the
 * change survives a crash or a flat battery; when it returns FALSE nothing
 * of it was written and the caller still holds the data to try again. */

#define LB_STORE_SCHEMA_VERSION 6

typedef enum {
  LB_FIELD_DATE,
  LB_FIELD_START_TIME,
  LB_FIELD_END_TIME,
  LB_FIELD_SCHOOL,
  LB_FIELD_GROUP,
  LB_FIELD_PUPILS,
  LB_FIELD_SUBJECT,
  LB_FIELD_LESSON_GOAL,
  LB_FIELD_QUESTION,
  LB_FIELD_TOPS,
  LB_FIELD_TIPS,
  LB_FIELD_AGREEMENTS,
  LB_N_FIELDS
} LbField;

/* One row of the overview: enough to list and filter, no scores. */
typedef struct {
  char     *uuid;
  char     *date;
  char     *start_time;
  char     *starter_name;
  char     *starter_uuid;
  char     *observer_name;
  LbRole    observer_role;
  LbPurpose purpose;
  LbStatus  status;
  char     *instrument_id;
  char     *instrument_version;
  char     *subject;
  char     *group;
  guint     n_scored;
  char     *updated_at;
} LbSummary;

typedef struct {
  const char *person;      /* a starter's name or uuid */
  int         status;      /* -1 = any, else LbStatus */
  int         purpose;     /* -1 = any, else LbPurpose */
  const char *search;      /* substring of names, subject, school */
  const char *from_date;   /* inclusive, "YYYY-MM-DD" */
  const char *to_date;     /* inclusive */
  guint       limit;       /* 0 = no limit */
  guint       offset;
} LbListFilter;

#define LB_LIST_FILTER_INIT { NULL, -1, -1, NULL, NULL, NULL, 0, 0 }

typedef struct {
  guint created;
  guint replaced;         /* drafts replaced by a newer draft */
  guint unchanged;        /* already present, identical */
  guint people;
  guint instruments;
  guint goals;            /* goals added or brought up to date */
} LbImportReport;

#define LB_TYPE_STORE (lb_store_get_type ())
G_DECLARE_FINAL_TYPE (LbStore, lb_store, LB, STORE, GObject)

char          *lb_store_default_path   (void);
LbStore       *lb_store_open           (const char     *path,
                                        GError        **error);
const char    *lb_store_get_path       (LbStore        *self);
int            lb_store_get_schema_version (LbStore    *self);

/* people */
LbPerson      *lb_store_add_person     (LbStore        *self,
                                        const LbPerson *person,
                                        GError        **error);
gboolean       lb_store_update_person  (LbStore        *self,
                                        const LbPerson *person,
                                        GError        **error);
GPtrArray     *lb_store_list_people    (LbStore        *self,
                                        gboolean        starters_only,
                                        GError        **error);
LbPerson      *lb_store_find_person    (LbStore        *self,
                                        const char     *name_or_uuid,
                                        GError        **error);
/* Observations the person was observed in or made (what erasing them
 * removes), self-assessments counted once. */
GHashTable    *lb_store_count_observations_per_person (LbStore *self);
guint          lb_store_count_observations_of (LbStore *self,
                                        const char     *person_uuid);

/* instruments an observation was made with, kept byte for byte */
gboolean       lb_store_keep_instrument (LbStore       *self,
                                        LbInstrument   *instrument,
                                        GError        **error);
GBytes        *lb_store_get_instrument_bytes (LbStore  *self,
                                        const char     *sha256,
                                        GError        **error);
LbInstrument  *lb_store_get_instrument (LbStore        *self,
                                        const char     *sha256,
                                        GError        **error);

/* observations */
LbObservation *lb_store_create_observation (LbStore    *self,
                                        LbObservation  *draft,
                                        LbInstrument   *instrument,
                                        GError        **error);
LbObservation *lb_store_load           (LbStore        *self,
                                        const char     *uuid,
                                        GError        **error);
GPtrArray     *lb_store_list           (LbStore        *self,
                                        const LbListFilter *filter,
                                        GError        **error);
guint          lb_store_count          (LbStore        *self);
char          *lb_store_resolve_uuid   (LbStore        *self,
                                        const char     *prefix,
                                        GError        **error);
gboolean       lb_store_set_field      (LbStore        *self,
                                        const char     *uuid,
                                        LbField         field,
                                        const char     *value,
                                        GError        **error);
gboolean       lb_store_set_focus      (LbStore        *self,
                                        const char     *uuid,
                                        const char     *item_id,
                                        gboolean        focus,
                                        GError        **error);
gboolean       lb_store_set_score      (LbStore        *self,
                                        const char     *uuid,
                                        guint           session,
                                        const char     *item_id,
                                        const char     *level_id,
                                        gboolean        not_observed,
                                        const char     *reason,
                                        GError        **error);
gboolean       lb_store_set_mark       (LbStore        *self,
                                        const char     *uuid,
                                        guint           session,
                                        const char     *indicator_id,
                                        const char     *code,
                                        GError        **error);
char          *lb_store_add_note       (LbStore        *self,
                                        const char     *uuid,
                                        guint           session,
                                        int             minute,
                                        const char     *text,
                                        GError        **error);
gboolean       lb_store_update_note    (LbStore        *self,
                                        const char     *note_uuid,
                                        const char     *text,
                                        GError        **error);
gboolean       lb_store_link_note      (LbStore        *self,
                                        const char     *note_uuid,
                                        const char     *item_id,
                                        gboolean        linked,
                                        GError        **error);
gboolean       lb_store_set_snapshot   (LbStore        *self,
                                        const char     *uuid,
                                        guint           session,
                                        const char     *snapshot_id,
                                        const char     *code,
                                        int             minute,
                                        GError        **error);
gboolean       lb_store_set_judgement  (LbStore        *self,
                                        const char     *uuid,
                                        const LbDomainJudgement *judgement,
                                        GError        **error);
gboolean       lb_store_finalize       (LbStore        *self,
                                        const char     *uuid,
                                        const char     *signed_by,
                                        GError        **error);
gboolean       lb_store_acknowledge    (LbStore        *self,
                                        const char     *uuid,
                                        const char     *reaction,
                                        GError        **error);
gboolean       lb_store_add_addendum   (LbStore        *self,
                                        const char     *uuid,
                                        const char     *author,
                                        const char     *text,
                                        GError        **error);
gboolean       lb_store_delete_draft   (LbStore        *self,
                                        const char     *uuid,
                                        GError        **error);
gboolean       lb_store_undelete_draft (LbStore        *self,
                                        const char     *uuid,
                                        GError        **error);

/* goals: the starter's development plan (lb-store-goals.c). Every change
 * is audited; erasing the starter erases their goals. */
GPtrArray     *lb_store_list_goals     (LbStore        *self,
                                        const char     *person_uuid,
                                        gboolean        unreached_only,
                                        GError        **error);
LbGoal        *lb_store_get_goal       (LbStore        *self,
                                        const char     *uuid_or_prefix,
                                        GError        **error);
LbGoal        *lb_store_add_goal       (LbStore        *self,
                                        const LbGoal   *goal,
                                        GError        **error);
GPtrArray     *lb_store_add_goals_from_observation (LbStore *self,
                                        const char     *observation_uuid,
                                        guint          *n_existing,
                                        GError        **error);
gboolean       lb_store_update_goal    (LbStore        *self,
                                        const LbGoal   *goal,
                                        GError        **error);
gboolean       lb_store_delete_goal    (LbStore        *self,
                                        const char     *uuid,
                                        GError        **error);

/* integrity, exchange, privacy */
GPtrArray     *lb_store_verify         (LbStore        *self,
                                        guint          *n_checked,
                                        GError        **error);
LbExchange    *lb_store_export         (LbStore        *self,
                                        const char     *person_uuid,
                                        const char     *observation_uuid,
                                        gboolean        with_instruments,
                                        GError        **error);
gboolean       lb_store_import         (LbStore        *self,
                                        LbExchange     *exchange,
                                        LbImportReport *report,
                                        GError        **error);
gboolean       lb_store_erase_person   (LbStore        *self,
                                        const char     *person_uuid,
                                        GError        **error);
GPtrArray     *lb_store_audit          (LbStore        *self,
                                        const char     *uuid,
                                        GError        **error);

/* backups */
gboolean       lb_store_backup         (LbStore        *self,
                                        const char     *dest,
                                        GError        **error);
gboolean       lb_store_backup_daily   (LbStore        *self,
                                        guint           keep,
                                        GError        **error);
char          *lb_store_backup_dir     (const char     *db_path);
gboolean       lb_store_check_pages    (LbStore        *self,
                                        GError        **error);
GPtrArray     *lb_store_list_backups   (const char     *db_path);
gboolean       lb_store_restore        (const char     *db_path,
                                        const char     *backup,
                                        char          **moved_aside,
                                        GError        **error);

void           lb_summary_free         (LbSummary      *summary);

G_END_DECLS
