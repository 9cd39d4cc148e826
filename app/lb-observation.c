/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observation"

#include "config.h"
#include "lb-observation.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (LbObservation, lb_observation, lb_observation_ref, lb_observation_unref)

LbObservation *
lb_observation_new (void)
{
  LbObservation *self = g_new0 (LbObservation, 1);
  g_atomic_ref_count_init (&self->ref);
  self->pupils = -1;
  self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_score_free);
  self->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_mark_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_note_free);
  self->judgements = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_domain_judgement_free);
  self->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_snapshot_answer_free);
  self->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_addendum_free);
  return self;
}

LbObservation *
lb_observation_ref (LbObservation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
lb_observation_unref (LbObservation *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  char **strings[] = {
    &self->uuid, &self->instrument_id, &self->instrument_version, &self->instrument_sha256,
    &self->date, &self->start_time, &self->end_time, &self->school, &self->group,
    &self->subject, &self->lesson_goal, &self->question, &self->tops, &self->tips,
    &self->agreements, &self->signed_by, &self->signed_at, &self->acknowledged_at,
    &self->reaction, &self->content_hash, &self->created_at, &self->updated_at,
  };
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  g_clear_pointer (&self->starter, lb_person_free);
  g_clear_pointer (&self->observer, lb_person_free);
  g_clear_pointer (&self->focus_items, g_strfreev);
  g_ptr_array_unref (self->scores);
  g_ptr_array_unref (self->marks);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->judgements);
  g_ptr_array_unref (self->snapshots);
  g_ptr_array_unref (self->addenda);
  g_free (self);
}

static int
cmp_score (gconstpointer a, gconstpointer b)
{
  const LbScore *x = *(LbScore **) a, *y = *(LbScore **) b;
  return x->session != y->session ? (x->session < y->session ? -1 : 1) : strcmp (x->item_id, y->item_id);
}

static int
cmp_mark (gconstpointer a, gconstpointer b)
{
  const LbMark *x = *(LbMark **) a, *y = *(LbMark **) b;
  return x->session != y->session ? (x->session < y->session ? -1 : 1)
                                  : strcmp (x->indicator_id, y->indicator_id);
}

static int
cmp_note (gconstpointer a, gconstpointer b)
{
  const LbNote *x = *(LbNote **) a, *y = *(LbNote **) b;
  int c = g_strcmp0 (x->created_at, y->created_at);
  return c ? c : g_strcmp0 (x->uuid, y->uuid);
}

static int
cmp_judgement (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(LbDomainJudgement **) a)->domain_id, (*(LbDomainJudgement **) b)->domain_id);
}

static int
cmp_snapshot (gconstpointer a, gconstpointer b)
{
  const LbSnapshotAnswer *x = *(LbSnapshotAnswer **) a, *y = *(LbSnapshotAnswer **) b;
  return x->session != y->session ? (x->session < y->session ? -1 : 1)
                                  : strcmp (x->snapshot_id, y->snapshot_id);
}

static int
cmp_addendum (gconstpointer a, gconstpointer b)
{
  const LbAddendum *x = *(LbAddendum **) a, *y = *(LbAddendum **) b;
  int c = g_strcmp0 (x->created_at, y->created_at);
  return c ? c : g_strcmp0 (x->uuid, y->uuid);
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* One order for everything, so that two copies of the same observation
 * serialize to the same bytes wherever they were made. */
void
lb_observation_sort (LbObservation *self)
{
  g_ptr_array_sort (self->scores, cmp_score);
  g_ptr_array_sort (self->marks, cmp_mark);
  g_ptr_array_sort (self->notes, cmp_note);
  g_ptr_array_sort (self->judgements, cmp_judgement);
  g_ptr_array_sort (self->snapshots, cmp_snapshot);
  g_ptr_array_sort (self->addenda, cmp_addendum);
  for (guint i = 0; i < self->notes->len; i++)
    {
      LbNote *n = self->notes->pdata[i];
      if (n->item_ids)
        qsort (n->item_ids, g_strv_length (n->item_ids), sizeof (char *), cmp_str);
    }
  if (self->focus_items)
    qsort (self->focus_items, g_strv_length (self->focus_items), sizeof (char *), cmp_str);
}

const LbScore *
lb_observation_find_score (LbObservation *self, guint session, const char *item_id)
{
  for (guint i = 0; i < self->scores->len; i++)
    {
      LbScore *s = self->scores->pdata[i];
      if (s->session == session && g_strcmp0 (s->item_id, item_id) == 0)
        return s;
    }
  return NULL;
}

gboolean
lb_observation_has_mark (LbObservation *self, guint session, const char *indicator_id)
{
  for (guint i = 0; i < self->marks->len; i++)
    {
      LbMark *m = self->marks->pdata[i];
      if (m->session == session && g_strcmp0 (m->indicator_id, indicator_id) == 0)
        return TRUE;
    }
  return FALSE;
}

LbPerson *
lb_person_new (void)
{
  return g_new0 (LbPerson, 1);
}

LbPerson *
lb_person_copy (const LbPerson *p)
{
  if (p == NULL)
    return NULL;
  LbPerson *c = g_new0 (LbPerson, 1);
  *c = *p;
  c->uuid = g_strdup (p->uuid);
  c->name = g_strdup (p->name);
  c->school = g_strdup (p->school);
  c->board = g_strdup (p->board);
  c->induction_start = g_strdup (p->induction_start);
  return c;
}

void
lb_person_free (LbPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->uuid);
  g_free (p->name);
  g_free (p->school);
  g_free (p->board);
  g_free (p->induction_start);
  g_free (p);
}

void
lb_score_free (LbScore *s)
{
  g_free (s->item_id);
  g_free (s->level_id);
  g_free (s->reason);
  g_free (s);
}

void
lb_mark_free (LbMark *m)
{
  g_free (m->indicator_id);
  g_free (m->code);
  g_free (m);
}

void
lb_note_free (LbNote *n)
{
  g_free (n->uuid);
  g_free (n->created_at);
  g_free (n->text);
  g_strfreev (n->item_ids);
  g_free (n);
}

void
lb_domain_judgement_free (LbDomainJudgement *j)
{
  g_free (j->domain_id);
  g_free (j->computed);
  g_free (j->decided);
  g_free (j->motivation);
  g_free (j);
}

void
lb_snapshot_answer_free (LbSnapshotAnswer *a)
{
  g_free (a->snapshot_id);
  g_free (a->code);
  g_free (a);
}

void
lb_addendum_free (LbAddendum *a)
{
  g_free (a->uuid);
  g_free (a->author);
  g_free (a->created_at);
  g_free (a->text);
  g_free (a);
}

/* ---- enums: stable codes for storage and exchange, labels for people ---- */

static const char *purpose_codes[] = { "formatief", "summatief", "klassenbezoek", "zelfbeoordeling" };
static const char *role_codes[] = { "assessor", "coach", "school-leader", "mentor", "starter" };

static gboolean
from_codes (const char **codes, guint n, const char *s, int *out)
{
  for (guint i = 0; s && i < n; i++)
    if (g_str_equal (codes[i], s))
      return *out = (int) i, TRUE;
  return FALSE;
}

const char *
lb_purpose_to_string (LbPurpose purpose)
{
  g_return_val_if_fail (purpose < LB_N_PURPOSES, NULL);
  return purpose_codes[purpose];
}

gboolean
lb_purpose_from_string (const char *s, LbPurpose *out)
{
  int v;
  if (!from_codes (purpose_codes, G_N_ELEMENTS (purpose_codes), s, &v))
    return FALSE;
  *out = (LbPurpose) v;
  return TRUE;
}

const char *
lb_purpose_to_label (LbPurpose purpose)
{
  switch (purpose)
    {
    case LB_PURPOSE_FORMATIEF: return _("Formative (coaching)");
    case LB_PURPOSE_SUMMATIEF: return _("Summative (assessment)");
    case LB_PURPOSE_KLASSENBEZOEK: return _("Class visit");
    case LB_PURPOSE_ZELFBEOORDELING: return _("Self-assessment");
    default: g_return_val_if_reached ("?");
    }
}

const char *
lb_role_to_string (LbRole role)
{
  g_return_val_if_fail (role < LB_N_ROLES, NULL);
  return role_codes[role];
}

gboolean
lb_role_from_string (const char *s, LbRole *out)
{
  int v;
  if (!from_codes (role_codes, G_N_ELEMENTS (role_codes), s, &v))
    return FALSE;
  *out = (LbRole) v;
  return TRUE;
}

const char *
lb_role_to_label (LbRole role)
{
  switch (role)
    {
    case LB_ROLE_ASSESSOR: return _("Assessor");
    case LB_ROLE_COACH: return _("Coach");
    case LB_ROLE_SCHOOL_LEADER: return _("School leader");
    case LB_ROLE_MENTOR: return _("Workplace mentor");
    case LB_ROLE_STARTER: return _("Starter");
    default: g_return_val_if_reached ("?");
    }
}

const char *
lb_status_to_string (LbStatus status)
{
  return status == LB_STATUS_FINAL ? "final" : "draft";
}

gboolean
lb_status_from_string (const char *s, LbStatus *out)
{
  if (g_strcmp0 (s, "draft") == 0)
    return *out = LB_STATUS_DRAFT, TRUE;
  if (g_strcmp0 (s, "final") == 0)
    return *out = LB_STATUS_FINAL, TRUE;
  return FALSE;
}

const char *
lb_status_to_label (LbStatus status)
{
  return status == LB_STATUS_FINAL ? _("Final") : _("Draft");
}

char *
lb_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}

char *
lb_uuid_new (void)
{
  return g_uuid_string_random ();
}
