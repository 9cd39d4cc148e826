/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The data of one observation, as stored, exchanged and reported. A plain
 * value type: the store fills it, the exchange format reads and writes it,
 * the canonical serialization of it is what a final observation's hash
 * covers. It knows nothing of sqlite, XML or GTK. Timestamps are UTC ISO
 * 8601 strings with milliseconds ("2026-11-26T09:15:02.123Z"), dates are
 * "YYYY-MM-DD", times "HH:MM". */

typedef enum {
  LB_PURPOSE_FORMATIEF,        /* coaching; never a verdict */
  LB_PURPOSE_SUMMATIEF,        /* assessment by a certified assessor */
  LB_PURPOSE_KLASSENBEZOEK,    /* a school leader's visit */
  LB_PURPOSE_ZELFBEOORDELING,  /* the starter scores their own lesson */
  LB_N_PURPOSES
} LbPurpose;

typedef enum {
  LB_ROLE_ASSESSOR,
  LB_ROLE_COACH,
  LB_ROLE_SCHOOL_LEADER,
  LB_ROLE_MENTOR,
  LB_ROLE_STARTER,
  LB_N_ROLES
} LbRole;

typedef enum {
  LB_STATUS_DRAFT,
  LB_STATUS_FINAL,
} LbStatus;

typedef struct {
  char    *uuid;
  char    *name;
  gboolean is_starter;
  LbRole   role;             /* observers: their usual role */
  char    *school;
  char    *board;
  char    *induction_start;  /* date, starters only */
  int      induction_year;   /* 1–3, 0 when not a starter */
} LbPerson;

typedef struct {
  guint    session;          /* cycle/segment number, 0 when the instrument has none */
  char    *item_id;
  char    *level_id;         /* NULL when not observed */
  gboolean not_observed;
  char    *reason;           /* why not observed, may be NULL */
} LbScore;

typedef struct {
  guint    session;
  char    *indicator_id;
  char    *code;             /* "yes" for a tick; a level id for coded indicators */
} LbMark;

typedef struct {
  char    *uuid;
  guint    session;
  int      minute;           /* minutes into the lesson */
  char    *created_at;
  char    *text;
  GStrv    item_ids;         /* linked items, sorted */
} LbNote;

typedef struct {
  char    *domain_id;
  char    *computed;         /* "met", "not-met", "insufficient", "none" */
  gboolean confirmed;        /* the assessor agrees with the computed verdict */
  char    *decided;          /* the assessor's verdict when deviating, else NULL */
  char    *motivation;       /* required when deviating */
} LbDomainJudgement;

typedef struct {
  guint    session;
  char    *snapshot_id;
  char    *code;
  int      minute;
} LbSnapshotAnswer;

typedef struct {
  char    *uuid;
  char    *author;
  char    *created_at;
  char    *text;
} LbAddendum;

typedef struct _LbObservation LbObservation;
struct _LbObservation
{
  gatomicrefcount ref;
  char      *uuid;
  char      *instrument_id;
  char      *instrument_version;
  char      *instrument_sha256;
  LbPerson  *starter;
  LbPerson  *observer;
  LbRole     observer_role;
  LbPurpose  purpose;
  char      *date;
  char      *start_time;
  char      *end_time;
  char      *school;
  char      *group;            /* "groep 5" or "groep 5/6" */
  int        pupils;           /* -1 when unknown */
  char      *subject;
  char      *lesson_goal;
  char      *question;         /* the starter's question for this lesson */
  GStrv      focus_items;
  LbStatus   status;
  char      *tops;
  char      *tips;
  char      *agreements;       /* afspraken */
  GPtrArray *scores;           /* LbScore, sorted by (session, item_id) when canonical */
  GPtrArray *marks;            /* LbMark */
  GPtrArray *notes;            /* LbNote */
  GPtrArray *judgements;       /* LbDomainJudgement */
  GPtrArray *snapshots;        /* LbSnapshotAnswer */
  GPtrArray *addenda;          /* LbAddendum: after finalizing; not hashed */
  char      *signed_by;
  char      *signed_at;
  char      *acknowledged_at;  /* the starter's "gezien"; not hashed */
  char      *reaction;
  char      *content_hash;     /* SHA-256 of the canonical form, set when final */
  char      *created_at;
  char      *updated_at;
  int        revision;         /* bumped by every change; sync compares it */
};

#define LB_TYPE_OBSERVATION (lb_observation_get_type ())
GType          lb_observation_get_type   (void) G_GNUC_CONST;
LbObservation *lb_observation_new        (void);
LbObservation *lb_observation_ref        (LbObservation *self);
void           lb_observation_unref      (LbObservation *self);
void           lb_observation_sort       (LbObservation *self);
const LbScore *lb_observation_find_score (LbObservation *self,
                                          guint          session,
                                          const char    *item_id);
gboolean       lb_observation_has_mark   (LbObservation *self,
                                          guint          session,
                                          const char    *indicator_id);

LbPerson      *lb_person_new             (void);
LbPerson      *lb_person_copy            (const LbPerson *person);
void           lb_person_free            (LbPerson      *person);
void           lb_score_free             (LbScore       *score);
void           lb_mark_free              (LbMark        *mark);
void           lb_note_free              (LbNote        *note);
void           lb_domain_judgement_free  (LbDomainJudgement *j);
void           lb_snapshot_answer_free   (LbSnapshotAnswer *a);
void           lb_addendum_free          (LbAddendum    *a);

const char    *lb_purpose_to_string      (LbPurpose      purpose);
gboolean       lb_purpose_from_string    (const char    *s,
                                          LbPurpose     *out);
const char    *lb_purpose_to_label       (LbPurpose      purpose);
const char    *lb_role_to_string         (LbRole         role);
gboolean       lb_role_from_string       (const char    *s,
                                          LbRole        *out);
const char    *lb_role_to_label          (LbRole         role);
const char    *lb_status_to_string       (LbStatus       status);
gboolean       lb_status_from_string     (const char    *s,
                                          LbStatus      *out);
const char    *lb_status_to_label        (LbStatus       status);

char          *lb_timestamp_now          (void);
char          *lb_uuid_new               (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbObservation, lb_observation_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbPerson, lb_person_free)

G_END_DECLS
