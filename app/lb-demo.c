/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-demo"

/* Demo data that reads like a real induction: three starters at three
 * schools of one board, in induction years 1, 2 and 3, each with a coach
 * (formative, several times a year, on the starter's own question), an
 * assessor (summative), their school leader (a class visit) and their own
 * self-assessments, spread over the induction so far, going back from
 * today.
 *
 * Scores come from a simple growth model: every starter has an ability
 * that grows with time since the start of their induction, and every
 * item a difficulty (the mean of its indicators' difficulties), so the
 * year-3 starter scores mostly 3–4 and the year-1 starter mostly 2–3,
 * with the hard items (differentiation, learning strategies) behind the
 * easy ones (climate, organisation). Indicators are ticked easiest first,
 * as many as the score warrants.
 *
 * Everything goes through the public store API, one transaction per
 * action as in the app, so the demo exercises the real code paths. The
 * same seed (and the same day) gives the same data. */

#include "config.h"
#include "lb-demo.h"
#include "lb-demo-texts.h"
#include "lb-error.h"
#include "lb-judgement.h"

#include <math.h>
#include <string.h>

#define BOARD "Stichting Rivierland Onderwijs"

typedef struct {
  const char       *name;
  const char       *school;
  const char       *group;
  int               pupils;
  int               year;         /* induction year now */
  int               days_ago;     /* start of the induction */
  double            theta0;       /* ability at the start */
  double            growth;       /* per year */
  const DemoLesson *lessons;
  guint             n_lessons;
  guint             coach;        /* index into observer_specs */
  guint             leader;
} StarterSpec;

static const struct { const char *name; LbRole role; const char *school; } observer_specs[] = {
  { "Marieke Jansen", LB_ROLE_COACH, NULL },
  { "Erik Veldman", LB_ROLE_COACH, NULL },
  { "Hans Kuipers", LB_ROLE_ASSESSOR, NULL },
  { "Ingrid Smit", LB_ROLE_SCHOOL_LEADER, "OBS De Regenboog" },
  { "Peter Mulder", LB_ROLE_SCHOOL_LEADER, "CBS De Wegwijzer" },
  { "Fatima Ouali", LB_ROLE_SCHOOL_LEADER, "Kindcentrum Het Palet" },
};
enum { ASSESSOR = 2 };

static const StarterSpec starter_specs[] = {
  { "Sanne de Vries", "OBS De Regenboog", "groep 4", 24, 1, 215, -0.25, 0.90,
    demo_lessons_4, G_N_ELEMENTS (demo_lessons_4), 0, 3 },
  { "Youssef El Amrani", "CBS De Wegwijzer", "groep 7", 27, 2, 460, -0.20, 0.85,
    demo_lessons_7, G_N_ELEMENTS (demo_lessons_7), 1, 4 },
  { "Lotte Bakker", "Kindcentrum Het Palet", "groep 5/6", 26, 3, 825, 0.30, 0.95,
    demo_lessons_56, G_N_ELEMENTS (demo_lessons_56), 0, 5 },
};

/* When in an induction year (as a share of a school year of ~330 days)
 * each kind of observation happens. */
static const struct { LbPurpose purpose; double at; gboolean first_year_only; } schedule[] = {
  { LB_PURPOSE_ZELFBEOORDELING, 0.04, FALSE },
  { LB_PURPOSE_FORMATIEF, 0.06, FALSE },
  { LB_PURPOSE_FORMATIEF, 0.22, FALSE },
  { LB_PURPOSE_FORMATIEF, 0.40, FALSE },
  { LB_PURPOSE_KLASSENBEZOEK, 0.46, FALSE },
  { LB_PURPOSE_SUMMATIEF, 0.52, TRUE },      /* the mid-year assessment of year 1 */
  { LB_PURPOSE_FORMATIEF, 0.58, FALSE },
  { LB_PURPOSE_FORMATIEF, 0.78, FALSE },
  { LB_PURPOSE_ZELFBEOORDELING, 0.84, FALSE },
  { LB_PURPOSE_SUMMATIEF, 0.90, FALSE },
};

typedef struct {
  LbPurpose purpose;
  GDate     date;
  int       year;     /* 0-based induction year of the lesson */
} Event;

typedef struct {
  LbStore      *store;
  LbInstrument *inst;
  GRand        *rand;
  GDate         today;
  LbPerson     *observers[G_N_ELEMENTS (observer_specs)];
  GHashTable   *difficulty;  /* item id → double* */
  guint         question[G_N_ELEMENTS (starter_specs)];
  gboolean      deviated;
  gboolean      summative_addendum;
  gboolean      coach_addendum;
  guint         reaction;
} Demo;

typedef struct {
  Demo              *demo;
  const StarterSpec *spec;
  guint              index;       /* into starter_specs */
  LbPerson          *starter;
  LbPerson          *observer;
  const Event       *event;
  const DemoLesson  *lesson;
  const DemoQuestion *question;
  char              *uuid;
  int                duration;
  GHashTable        *levels;      /* item id → level index + 1 (0: not scored) */
  GHashTable        *not_observed; /* item id → reason */
  GHashTable        *used;        /* note texts used in this observation */
  const char        *must_note;   /* an item the observer certainly writes about */
} Obs;

/* ---- randomness ---- */

static double
gauss (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1.0), v = g_rand_double (r);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static gpointer
pick (GRand *r, gconstpointer array, gsize size, guint n)
{
  return (gpointer) ((const char *) array + size * (gsize) g_rand_int_range (r, 0, (gint32) n));
}

#define PICK(r, array) (*(const char * const *) pick ((r), (array), sizeof (array)[0], G_N_ELEMENTS (array)))

static char *
demo_uuid (GRand *r)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", g_rand_int (r), g_rand_int (r) & 0xffff,
                          g_rand_int (r) & 0xfff, (g_rand_int (r) & 0x3fff) | 0x8000,
                          g_rand_int (r) & 0xffff, g_rand_int (r));
}

/* ---- dates ---- */

static gboolean
is_school_day (const GDate *d)
{
  GDateWeekday wd = g_date_get_weekday (d);
  GDateMonth m = g_date_get_month (d);
  guint day = g_date_get_day (d);
  if (wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY)
    return FALSE;
  if ((m == G_DATE_JULY && day >= 18) || m == G_DATE_AUGUST)
    return FALSE;                                   /* zomervakantie */
  if ((m == G_DATE_DECEMBER && day >= 23) || (m == G_DATE_JANUARY && day <= 4))
    return FALSE;                                   /* kerstvakantie */
  return TRUE;
}

static void
to_school_day (GDate *d, gboolean forward)
{
  while (!is_school_day (d))
    forward ? g_date_add_days (d, 1) : g_date_subtract_days (d, 1);
}

static char *
format_date (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static char *
dutch_month (const GDate *d)
{
  return g_strdup_printf ("%s %u", demo_months[g_date_get_month (d) - 1], g_date_get_year (d));
}

static double
years_between (const GDate *a, const GDate *b)
{
  return g_date_days_between (a, b) / 365.0;
}

static int
cmp_event (gconstpointer a, gconstpointer b)
{
  return g_date_compare (&((const Event *) a)->date, &((const Event *) b)->date);
}

/* The observations of one starter so far, oldest first: the schedule for
 * each induction year, on school days, never in the future; every purpose
 * at least once, and never two on the same day. */
static GArray *
plan_events (Demo *d, const GDate *start, const StarterSpec *spec)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (Event));
  for (int y = 0; y < spec->year; y++)
    for (guint i = 0; i < G_N_ELEMENTS (schedule); i++)
      {
        if (schedule[i].first_year_only && y > 0)
          continue;
        Event e = { schedule[i].purpose, *start, y };
        g_date_add_days (&e.date, (guint) (y * 365 + schedule[i].at * 330 + g_rand_int_range (d->rand, 0, 5)));
        to_school_day (&e.date, FALSE);
        if (g_date_days_between (start, &e.date) >= 3 && g_date_days_between (&e.date, &d->today) >= 1)
          g_array_append_val (events, e);
      }
  for (int p = 0; p < LB_N_PURPOSES; p++)
    {
      gboolean have = FALSE;
      for (guint i = 0; i < events->len; i++)
        have = have || g_array_index (events, Event, i).purpose == (LbPurpose) p;
      if (have)
        continue;
      Event e = { (LbPurpose) p, d->today, spec->year - 1 };
      g_date_subtract_days (&e.date, 2 + (guint) p * 3);
      to_school_day (&e.date, FALSE);
      g_array_append_val (events, e);
    }
  g_array_sort (events, cmp_event);
  /* Two on one day: move the earlier one back a school day (from the
   * newest down, so a moved one is checked against its predecessor). */
  for (guint i = events->len - 1; i > 0; i--)
    {
      Event *prev = &g_array_index (events, Event, i - 1);
      const Event *e = &g_array_index (events, Event, i);
      if (g_date_compare (&prev->date, &e->date) >= 0)
        {
          prev->date = e->date;
          g_date_subtract_days (&prev->date, 1);
          to_school_day (&prev->date, FALSE);
        }
    }
  return events;
}

/* ---- texts ---- */

static const DemoItemText *
item_text (const char *item_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_items); i++)
    if (g_str_equal (demo_items[i].item, item_id))
      return &demo_items[i];
  return NULL;
}

/* Fills {k}, {k2} and {n}; NULL when the text needs a maths lesson and
 * this is not one. */
static char *
fill (Obs *o, const char *text)
{
  if (text[0] == '#')
    {
      if (!g_str_equal (o->lesson->subject, "rekenen"))
        return NULL;
      text++;
    }
  guint a = (guint) g_rand_int_range (o->demo->rand, 0, G_N_ELEMENTS (demo_pupils));
  guint b = (a + 1 + (guint) g_rand_int_range (o->demo->rand, 0, G_N_ELEMENTS (demo_pupils) - 1)) %
            G_N_ELEMENTS (demo_pupils);
  g_autofree char *n = g_strdup_printf ("%d", g_rand_int_range (o->demo->rand, 3, 7));
  g_autoptr(GString) s = g_string_new (text);
  g_string_replace (s, "{k2}", demo_pupils[b], 0);
  g_string_replace (s, "{k}", demo_pupils[a], 0);
  g_string_replace (s, "{n}", n, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
first_name (const char *name)
{
  const char *space = strchr (name, ' ');
  return space ? g_strndup (name, (gsize) (space - name)) : g_strdup (name);
}

/* ---- scores ---- */

static LbScale *
item_scale (Obs *o, const char *item_id)
{
  return lb_node_get_scale (lb_instrument_find_node (o->demo->inst, item_id));
}

/* The level index an item gets: ability against difficulty, with the
 * noise of a real lesson, on whatever number of levels the scale has. */
static guint
draw_level (Obs *o, const char *item_id, double theta)
{
  const double *difficulty = g_hash_table_lookup (o->demo->difficulty, item_id);
  double score = 2.45 + 0.45 * (theta - (difficulty ? *difficulty : 0)) + 0.45 * gauss (o->demo->rand);
  guint n = lb_scale_get_n_levels (item_scale (o, item_id));
  double index = (score - 1) / 3 * (n - 1);
  return (guint) CLAMP (lround (index), 0, (long) n - 1);
}

static gboolean
is_focus (Obs *o, const char *item_id)
{
  for (guint i = 0; o->question && i < G_N_ELEMENTS (o->question->focus); i++)
    if (g_strcmp0 (o->question->focus[i], item_id) == 0)
      return TRUE;
  return FALSE;
}

static double
ability (Obs *o, const GDate *start)
{
  const Event *e = o->event;
  double theta = o->spec->theta0 + o->spec->growth * years_between (start, &e->date);
  switch (e->purpose)
    {
    case LB_PURPOSE_KLASSENBEZOEK: return theta + 0.15;
    case LB_PURPOSE_SUMMATIEF: return theta - 0.10;
    case LB_PURPOSE_ZELFBEOORDELING: return theta + (e->year == 0 ? -0.35 : 0.05); /* modest at first */
    default: return theta;
    }
}

/* Which items are scored, at what level, and which could not be seen. An
 * assessor and a starter scoring themselves score everything; a coach
 * the focus and much of the rest; a draft is not finished yet. */
static void
choose_levels (Obs *o, double theta, gboolean draft)
{
  GRand *r = o->demo->rand;
  GPtrArray *items = lb_instrument_get_items (o->demo->inst);
  LbPurpose purpose = o->event->purpose;
  for (guint i = 0; i < items->len; i++)
    {
      const char *id = lb_node_get_id (items->pdata[i]);
      guint level = draw_level (o, id, theta);
      double p = purpose == LB_PURPOSE_FORMATIEF ? 0.55 : purpose == LB_PURPOSE_KLASSENBEZOEK ? 0.85 : 1.0;
      if (draft)
        p *= 0.6;
      if (is_focus (o, id) || g_rand_double (r) < p)
        g_hash_table_insert (o->levels, (gpointer) id, GUINT_TO_POINTER (level + 1));
    }
  if (purpose != LB_PURPOSE_SUMMATIEF && purpose != LB_PURPOSE_FORMATIEF)
    return;
  /* At most one per domain, so that the rules can still judge it. */
  g_autoptr(GHashTable) domains = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (demo_not_observed); i++)
    {
      const char *id = demo_not_observed[i].item;
      LbNode *item = lb_instrument_find_node (o->demo->inst, id);
      double p = purpose == LB_PURPOSE_SUMMATIEF ? 0.2 : 0.05;
      if (item == NULL || is_focus (o, id) || g_rand_double (r) >= p ||
          !g_hash_table_add (domains, lb_node_get_domain (item)))
        continue;
      g_hash_table_remove (o->levels, id);
      g_hash_table_insert (o->not_observed, (gpointer) id, (gpointer) demo_not_observed[i].reason);
    }
}

static guint
level_of (Obs *o, const char *item_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (o->levels, item_id));
}

/* Good or weak for the notes and the wrap-up: the top half of the scale. */
static gboolean
is_strong (Obs *o, const char *item_id)
{
  guint n = lb_scale_get_n_levels (item_scale (o, item_id));
  return level_of (o, item_id) > n / 2;
}

static int
cmp_difficulty (gconstpointer a, gconstpointer b)
{
  LbNode *x = *(LbNode **) a, *y = *(LbNode **) b;
  double dx = lb_node_has_difficulty (x) ? lb_node_get_difficulty (x) : 0;
  double dy = lb_node_has_difficulty (y) ? lb_node_get_difficulty (y) : 0;
  return dx < dy ? -1 : dx > dy;
}

/* Ticks the easiest indicators first, as many as the level warrants. */
static gboolean
write_marks (Obs *o, LbNode *item, GError **error)
{
  guint n = lb_node_get_n_children (item);
  guint n_levels = lb_scale_get_n_levels (lb_node_get_scale (item));
  if (n == 0 || n_levels < 2)
    return TRUE;
  double share = (level_of (o, lb_node_get_id (item)) - 1) / (double) (n_levels - 1);
  double want = share * n + 0.4 + 0.35 * gauss (o->demo->rand);
  guint n_ticked = (guint) CLAMP (lround (want), 0, (long) n);
  g_autoptr(GPtrArray) indicators = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (lb_node_get_scale (lb_node_get_child (item, i)) == NULL)   /* ticked, not coded */
      g_ptr_array_add (indicators, lb_node_get_child (item, i));
  g_ptr_array_sort (indicators, cmp_difficulty);
  for (guint i = 0; i < MIN (n_ticked, indicators->len); i++)
    if (!lb_store_set_mark (o->demo->store, o->uuid, 0, lb_node_get_id (indicators->pdata[i]), "yes", error))
      return FALSE;
  return TRUE;
}

static gboolean
write_scores (Obs *o, GError **error)
{
  GPtrArray *items = lb_instrument_get_items (o->demo->inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      const char *id = lb_node_get_id (item);
      const char *reason = g_hash_table_lookup (o->not_observed, id);
      guint level = level_of (o, id);
      if (reason && !lb_store_set_score (o->demo->store, o->uuid, 0, id, NULL, TRUE, reason, error))
        return FALSE;
      if (level == 0)
        continue;
      const char *level_id = lb_scale_get_level (lb_node_get_scale (item), level - 1)->id;
      if (!lb_store_set_score (o->demo->store, o->uuid, 0, id, level_id, FALSE, NULL, error) ||
          !write_marks (o, item, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- notes ---- */

typedef struct {
  int         minute;
  char       *text;
  const char *items[2];
} PlannedNote;

static void
planned_note_clear (gpointer data)
{
  g_free (((PlannedNote *) data)->text);
}

static int
cmp_planned (gconstpointer a, gconstpointer b)
{
  return ((const PlannedNote *) a)->minute - ((const PlannedNote *) b)->minute;
}

/* When in the lesson an item shows: at the start, during the
 * instruction, while the pupils work, or at the end. */
static void
phase_of (const char *item_id, int duration, int *from, int *to)
{
  static const char * const start[] = { "ov.begrip.1", "ov.strategieen.4", "ph.organisatie.4" };
  static const char * const work[] = { "ph.activeren.4", "ov.afstemming", "ov.begrip.3", "ov.strategieen.3",
                                       "ph.organisatie.2", "ph.organisatie.3" };
  *from = 4, *to = duration / 2;
  for (guint i = 0; i < G_N_ELEMENTS (start); i++)
    if (g_str_has_prefix (item_id, start[i]))
      *from = 1, *to = 7;
  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    if (g_str_has_prefix (item_id, work[i]))
      *from = duration / 3, *to = duration - 6;
  if (g_str_equal (item_id, "ov.begrip.4"))
    *from = duration - 6, *to = duration - 1;
}

static void
plan (Obs *o, GArray *notes, int minute, char *text, const char *item, const char *item2)
{
  if (text == NULL || g_hash_table_contains (o->used, text))
    return g_free (text);
  g_hash_table_add (o->used, g_strdup (text));
  PlannedNote n = { minute, text, { item, item2 } };
  g_array_append_val (notes, n);
}

/* Items whose evidence often shows in the same moment: a note about one
 * is now and then linked to the other as well. */
static const char * const related_pairs[][2] = {
  { "ph.organisatie.1", "ph.activeren.4" }, { "ph.klimaat.1", "ph.klimaat.4" },
  { "ph.klimaat.2", "ph.klimaat.1" }, { "ph.activeren.1", "ph.activeren.4" },
  { "ov.begrip.2", "ov.afstemming.2" }, { "ov.afstemming.1", "ov.afstemming.2" },
  { "ov.strategieen.2", "ph.activeren.2" }, { "ov.begrip.3", "ph.klimaat.3" },
  { "ph.organisatie.3", "ph.organisatie.2" }, { "ov.afstemming.3", "ov.afstemming.4" },
};

static const char *
related_item (Obs *o, const char *item_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (related_pairs); i++)
    if (g_str_equal (related_pairs[i][0], item_id) && level_of (o, related_pairs[i][1]) > 0 &&
        g_rand_double (o->demo->rand) < 0.3)
      return related_pairs[i][1];
  return NULL;
}

static void
plan_item_note (Obs *o, GArray *notes, const char *item_id)
{
  const DemoItemText *t = item_text (item_id);
  if (t == NULL || level_of (o, item_id) == 0)
    return;
  const char * const *bank = is_strong (o, item_id) ? t->good : t->weak;
  int from, to;
  phase_of (item_id, o->duration, &from, &to);
  guint first = (guint) g_rand_int_range (o->demo->rand, 0, 3);
  for (guint k = 0; k < 3; k++)
    {
      char *text = fill (o, bank[(first + k) % 3]);
      if (text && !g_hash_table_contains (o->used, text))
        return plan (o, notes, g_rand_int_range (o->demo->rand, from, MAX (from, to) + 1), text, item_id,
                     related_item (o, item_id));
      g_free (text);
    }
}

/* The items a note is written about: the focus first, then what stood
 * out (the highest and lowest levels), then something else. */
static GPtrArray *
noteworthy_items (Obs *o, guint count)
{
  GPtrArray *items = lb_instrument_get_items (o->demo->inst);
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();
  GPtrArray *chosen = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    if (level_of (o, lb_node_get_id (items->pdata[i])) > 0)
      g_ptr_array_add (scored, (gpointer) lb_node_get_id (items->pdata[i]));
  for (guint i = 0; o->question && i < G_N_ELEMENTS (o->question->focus); i++)
    if (o->question->focus[i])
      g_ptr_array_add (chosen, (gpointer) o->question->focus[i]);
  if (o->must_note)
    g_ptr_array_add (chosen, (gpointer) o->must_note);
  for (guint tries = 0; chosen->len < count && scored->len > 0 && tries < 40; tries++)
    {
      const char *id = scored->pdata[g_rand_int_range (o->demo->rand, 0, (gint32) scored->len)];
      guint level = level_of (o, id), n = lb_scale_get_n_levels (item_scale (o, id));
      gboolean stands_out = level == 1 || level == n;
      if ((stands_out || tries > 20) && !g_ptr_array_find_with_equal_func (chosen, id, g_str_equal, NULL))
        g_ptr_array_add (chosen, (gpointer) id);
    }
  return chosen;
}

static void
plan_flow (Obs *o, GArray *notes)
{
  GRand *r = o->demo->rand;
  if (g_rand_double (r) < 0.7)
    plan (o, notes, g_rand_int_range (r, 0, 3), fill (o, PICK (r, demo_flow_start)), NULL, NULL);
  if (g_rand_double (r) < 0.5)
    plan (o, notes, o->duration * 2 / 5, fill (o, PICK (r, demo_flow_work)), NULL, NULL);
  if (g_rand_double (r) < 0.6)
    plan (o, notes, o->duration - g_rand_int_range (r, 1, 4), fill (o, PICK (r, demo_flow_end)), NULL, NULL);
  if (o->event->purpose == LB_PURPOSE_FORMATIEF && g_rand_double (r) < 0.6)
    plan (o, notes, o->duration, fill (o, PICK (r, demo_coach_questions)),
          o->question ? o->question->focus[0] : NULL, NULL);
}

static void
plan_self_notes (Obs *o, GArray *notes)
{
  guint n = (guint) g_rand_int_range (o->demo->rand, 2, 4);
  for (guint i = 0; i < n; i++)
    {
      guint k = (guint) g_rand_int_range (o->demo->rand, 0, G_N_ELEMENTS (demo_self_notes));
      const char *item = demo_self_notes[k].item;
      int from, to;
      phase_of (item, o->duration, &from, &to);
      plan (o, notes, g_rand_int_range (o->demo->rand, from, MAX (from, to) + 1),
            fill (o, demo_self_notes[k].text), level_of (o, item) ? item : NULL, NULL);
    }
}

/* Written in lesson order, before any score, as observers do. */
static gboolean
write_notes (Obs *o, GError **error)
{
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (PlannedNote));
  g_array_set_clear_func (notes, planned_note_clear);
  LbPurpose purpose = o->event->purpose;
  if (purpose == LB_PURPOSE_ZELFBEOORDELING)
    plan_self_notes (o, notes);
  else
    {
      GRand *r = o->demo->rand;
      guint count = purpose == LB_PURPOSE_KLASSENBEZOEK ? (guint) g_rand_int_range (r, 3, 6)
                  : purpose == LB_PURPOSE_SUMMATIEF ? (guint) g_rand_int_range (r, 6, 10)
                  : (guint) g_rand_int_range (r, 5, 8);
      g_autoptr(GPtrArray) items = noteworthy_items (o, count);
      for (guint i = 0; i < items->len; i++)
        plan_item_note (o, notes, items->pdata[i]);
      plan_flow (o, notes);
    }
  g_array_sort (notes, cmp_planned);
  for (guint i = 0; i < notes->len; i++)
    {
      PlannedNote *n = &g_array_index (notes, PlannedNote, i);
      /* One note a minute at most: the pen needs that long, and notes of
       * one minute would have no order of their own in the record. */
      if (i > 0 && n->minute <= g_array_index (notes, PlannedNote, i - 1).minute)
        n->minute = g_array_index (notes, PlannedNote, i - 1).minute + 1;
      g_autofree char *note = lb_store_add_note (o->demo->store, o->uuid, 0, n->minute, n->text, error);
      if (note == NULL)
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (n->items); k++)
        if (n->items[k] && !lb_store_link_note (o->demo->store, note, n->items[k], TRUE, error))
          return FALSE;
    }
  return TRUE;
}

/* ---- wrap-up ---- */

/* Best first, or (with @user_data's sign) weakest first; among equals
 * the focus first either way, since that is what the lesson was about. */
typedef struct {
  Obs *o;
  int  sign;
} Ranking;

static int
cmp_level (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Ranking *r = user_data;
  const char *x = *(const char **) a, *y = *(const char **) b;
  int c = r->sign * ((int) level_of (r->o, y) - (int) level_of (r->o, x));
  return c ? c : is_focus (r->o, y) - is_focus (r->o, x);
}

/* The scored items with a wrap-up text in that order; ties keep a random
 * order, so two lessons at the same level do not read the same. */
static GPtrArray *
ranked_items (Obs *o, int sign)
{
  GPtrArray *ranked = g_ptr_array_new ();
  GPtrArray *items = lb_instrument_get_items (o->demo->inst);
  for (guint i = 0; i < items->len; i++)
    {
      const char *id = lb_node_get_id (items->pdata[i]);
      if (level_of (o, id) > 0 && item_text (id))
        g_ptr_array_insert (ranked, g_rand_int_range (o->demo->rand, 0, (gint32) ranked->len + 1), (gpointer) id);
    }
  Ranking r = { o, sign };
  g_ptr_array_sort_with_data (ranked, cmp_level, &r);
  return ranked;
}

static void
bullet (GString *s, const char *text)
{
  if (text)
    g_string_append_printf (s, "%s- %s", s->len ? "\n" : "", text);
}

static char *
steal_text (GString *s)
{
  return s->len ? g_string_free (s, FALSE) : (g_string_free (s, TRUE), NULL);
}

typedef struct {
  char *tops, *tips, *agreements;
} WrapUp;

/* The last line of the agreements: what happens next. */
static char *
closing_line (Obs *o, gboolean all_met)
{
  GDate next = o->event->date;
  g_date_add_days (&next, 42);
  to_school_day (&next, TRUE);
  g_autofree char *month = dutch_month (&next);
  g_autofree char *coach = first_name (o->demo->observers[o->spec->coach]->name);
  g_autofree char *starter = first_name (o->spec->name);
  switch (o->event->purpose)
    {
    case LB_PURPOSE_FORMATIEF:
      return g_strdup_printf ("De volgende lesobservatie plannen we in %s; we kijken dan opnieuw naar je "
                              "vraag.", month);
    case LB_PURPOSE_KLASSENBEZOEK:
      return g_strdup_printf ("We bespreken je ontwikkeling verder in het gesprek in %s.", month);
    case LB_PURPOSE_SUMMATIEF:
      if (!all_met)
        return g_strdup ("Neem de ontwikkelpunten op in je POP en bespreek ze met je coach.");
      return g_strdup_printf ("Beide domeinen zijn op het niveau van basisbekwaam. Ik adviseer de "
                              "schoolleiding om %s als basisbekwaam te beoordelen; in het vervolg ligt "
                              "de nadruk op verdieping.", starter);
    case LB_PURPOSE_ZELFBEOORDELING:
      return g_strdup_printf ("Dit neem ik mee naar het volgende gesprek met %s.", coach);
    default:
      g_assert_not_reached ();
    }
}

/* What the observer writes afterwards: the strongest items as tops, the
 * weakest (the focus first among equals) as tips, and for the weakest
 * something concrete to do before the next time. A coach's draft has no
 * agreements yet: the talk afterwards has not happened. */
static void
compose_wrapup (Obs *o, gboolean draft, gboolean all_met, WrapUp *w)
{
  g_autoptr(GPtrArray) best = ranked_items (o, 1);
  g_autoptr(GPtrArray) weakest = ranked_items (o, -1);
  GString *tops = g_string_new (NULL), *tips = g_string_new (NULL), *agreements = g_string_new (NULL);
  gboolean self = o->event->purpose == LB_PURPOSE_ZELFBEOORDELING;
  guint n_tips = o->event->purpose == LB_PURPOSE_FORMATIEF && !draft ? 2 : 1 + (best->len > 12);
  for (guint i = 0; i < MIN (2, best->len); i++)
    if (is_strong (o, best->pdata[i]))
      bullet (tops, self ? item_text (best->pdata[i])->self_top : item_text (best->pdata[i])->top);
  for (guint i = 0; i < MIN (n_tips, weakest->len) && weakest->len > 2; i++)
    {
      const DemoItemText *t = item_text (weakest->pdata[i]);
      bullet (tips, self ? t->self_tip : t->tip);
      if (!self && i == 0)
        bullet (agreements, t->agreement);
    }
  g_autofree char *closing = closing_line (o, all_met);
  bullet (agreements, closing);
  w->tops = steal_text (tops);
  w->tips = steal_text (tips);
  w->agreements = steal_text (agreements);
  if (draft && o->event->purpose == LB_PURPOSE_FORMATIEF)
    g_clear_pointer (&w->agreements, g_free);
}

static gboolean
write_wrapup (Obs *o, const WrapUp *w, GError **error)
{
  return lb_store_set_field (o->demo->store, o->uuid, LB_FIELD_TOPS, w->tops, error) &&
         lb_store_set_field (o->demo->store, o->uuid, LB_FIELD_TIPS, w->tips, error) &&
         lb_store_set_field (o->demo->store, o->uuid, LB_FIELD_AGREEMENTS, w->agreements, error);
}

/* ---- judgement and sign-off ---- */

static gboolean
lookup_level (const char *item_id, double *value, gpointer user_data)
{
  Obs *o = user_data;
  guint level = level_of (o, item_id);
  if (level == 0)
    return FALSE;
  *value = lb_scale_get_level (item_scale (o, item_id), level - 1)->value;
  return TRUE;
}

static const char *
verdict_code (LbVerdict v)
{
  return v == LB_VERDICT_MET ? "met" : v == LB_VERDICT_NOT_MET ? "not-met"
       : v == LB_VERDICT_INSUFFICIENT ? "insufficient" : "none";
}

#define DEVIATION_ITEM "ph.organisatie.3"
#define MOTIVATION \
  "Volgens de regels is dit domein basisbekwaam, maar de leertijd werd in deze les niet goed benut: de " \
  "overgangen kostten telkens vijf tot tien minuten, en dat lees ik ook terug in de verslagen van de " \
  "coach. Ik wil dit eerst in een tweede beoordelingsles terugzien voordat ik dit domein als " \
  "basisbekwaam beoordeel."

static LbNode *
first_judged_domain (LbInstrument *inst)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) > 0)
        return d;
    }
  return NULL;
}

/* Once in the demo the assessor deviates from the rules, as happens in
 * real assessments: the lesson lost much time in transitions (one weak
 * item, noted), yet the rules still give "met" for the domain; the
 * assessor decides "not met", with a motivation. Only where that holds. */
static gboolean
prepare_deviation (Obs *o)
{
  LbNode *domain = first_judged_domain (o->demo->inst);
  LbNode *item = lb_instrument_find_node (o->demo->inst, DEVIATION_ITEM);
  if (domain == NULL || item == NULL || lb_node_get_domain (item) != domain)
    return FALSE;
  gpointer level = g_hash_table_lookup (o->levels, DEVIATION_ITEM);
  gpointer reason = g_hash_table_lookup (o->not_observed, DEVIATION_ITEM);
  g_hash_table_remove (o->not_observed, DEVIATION_ITEM);
  g_hash_table_insert (o->levels, (gpointer) DEVIATION_ITEM, GUINT_TO_POINTER (2));
  g_autoptr(LbJudgement) j = lb_judgement_evaluate (domain, lookup_level, o);
  if (j->verdict == LB_VERDICT_MET)
    return o->must_note = DEVIATION_ITEM, TRUE;
  /* The rules would not give "met" then: leave this lesson as it was. */
  g_hash_table_insert (o->levels, (gpointer) DEVIATION_ITEM, level);
  if (reason)
    g_hash_table_insert (o->not_observed, (gpointer) DEVIATION_ITEM, reason);
  return FALSE;
}

/* The assessor confirms what the rules compute, except once: a deviation
 * with its motivation, as happens in real assessments. Returns whether
 * every judged domain ends up met. */
static gboolean
write_judgements (Obs *o, gboolean deviate, gboolean *all_met, GError **error)
{
  GListModel *domains = lb_instrument_get_domains (o->demo->inst);
  *all_met = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (domain) == 0)
        continue;
      g_autoptr(LbJudgement) j = lb_judgement_evaluate (domain, lookup_level, o);
      LbDomainJudgement dj = { (char *) lb_node_get_id (domain), (char *) verdict_code (j->verdict), TRUE, NULL, NULL };
      if (deviate && domain == first_judged_domain (o->demo->inst) && j->verdict == LB_VERDICT_MET)
        {
          dj.confirmed = FALSE;
          dj.decided = "not-met";
          dj.motivation = MOTIVATION;
          o->demo->deviated = TRUE;
        }
      *all_met = *all_met && g_strcmp0 (dj.decided ? dj.decided : dj.computed, "met") == 0;
      if (!lb_store_set_judgement (o->demo->store, o->uuid, &dj, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sign_off (Obs *o, GError **error)
{
  Demo *d = o->demo;
  if (!lb_store_finalize (d->store, o->uuid, o->observer->name, error))
    return FALSE;
  if (o->event->purpose != LB_PURPOSE_ZELFBEOORDELING && g_rand_double (d->rand) < 0.65)
    {
      const char *reaction = g_rand_double (d->rand) < 0.7
                             ? demo_reactions[d->reaction++ % G_N_ELEMENTS (demo_reactions)] : NULL;
      if (!lb_store_acknowledge (d->store, o->uuid, reaction, error))
        return FALSE;
    }
  return TRUE;
}

/* Corrections after signing: an assessor's note after the talk, a
 * coach's correction of a fact. Once each. */
static gboolean
add_addenda (Obs *o, GError **error)
{
  Demo *d = o->demo;
  g_autofree char *starter = first_name (o->spec->name);
  if (o->event->purpose == LB_PURPOSE_SUMMATIEF && !d->summative_addendum)
    {
      d->summative_addendum = TRUE;
      return lb_store_add_addendum (d->store, o->uuid, o->observer->name,
        "Aanvulling na het nagesprek: twee leerlingen met een eigen leerlijn zaten tijdens deze les bij de "
        "remedial teacher. Dat verklaart voor een deel de score op afstemming. Het oordeel blijft ongewijzigd.",
        error);
    }
  if (o->event->purpose == LB_PURPOSE_FORMATIEF && !d->coach_addendum && o->event->year == 0)
    {
      d->coach_addendum = TRUE;
      g_autofree char *text = g_strdup_printf (
        "Aanvulling: in het nagesprek vertelde %s dat er die ochtend een invaller in de parallelgroep "
        "stond en dat twee kinderen uit die groep bij %s in de klas zaten. Dat verklaart de onrustige "
        "start.", starter, starter);
      return lb_store_add_addendum (d->store, o->uuid, o->observer->name, text, error);
    }
  return TRUE;
}

/* ---- one observation ---- */

static const char * const start_times[] = { "08:45", "09:00", "10:15", "10:45", "11:00", "13:15", "13:30" };

static LbObservation *
draft_for (Obs *o, const GDate *date)
{
  GRand *r = o->demo->rand;
  LbObservation *d = lb_observation_new ();
  d->uuid = g_strdup (o->uuid);
  d->starter = lb_person_copy (o->starter);
  d->observer = lb_person_copy (o->observer);
  d->observer_role = o->event->purpose == LB_PURPOSE_ZELFBEOORDELING ? LB_ROLE_STARTER : o->observer->role;
  d->purpose = o->event->purpose;
  d->date = format_date (date);
  const char *start = PICK (r, start_times);
  d->start_time = g_strdup (start);
  int end = atoi (start) * 60 + atoi (start + 3) + o->duration;
  d->end_time = g_strdup_printf ("%02d:%02d", end / 60, end % 60);
  d->school = g_strdup (o->spec->school);
  d->group = g_strdup (o->spec->group);
  d->pupils = o->spec->pupils + g_rand_int_range (r, -1, 2);
  d->subject = g_strdup (o->lesson->subject);
  d->lesson_goal = g_strdup (o->lesson->goal);
  if (o->question)
    {
      d->question = g_strdup (o->question->question);
      g_autoptr(GStrvBuilder) focus = g_strv_builder_new ();
      for (guint i = 0; i < G_N_ELEMENTS (o->question->focus); i++)
        if (o->question->focus[i])
          g_strv_builder_add (focus, o->question->focus[i]);
      d->focus_items = g_strv_builder_end (focus);
    }
  return d;
}

static const DemoLesson *
pick_lesson (Obs *o)
{
  GRand *r = o->demo->rand;
  gboolean maths = g_rand_double (r) < 0.5;
  for (guint tries = 0; tries < 20; tries++)
    {
      const DemoLesson *l = &o->spec->lessons[g_rand_int_range (r, 0, (gint32) o->spec->n_lessons)];
      if (g_str_equal (l->subject, "rekenen") == maths)
        return l;
    }
  return &o->spec->lessons[0];
}

static LbPerson *
observer_for (Demo *d, const StarterSpec *spec, LbPerson *starter, LbPurpose purpose)
{
  switch (purpose)
    {
    case LB_PURPOSE_FORMATIEF: return d->observers[spec->coach];
    case LB_PURPOSE_SUMMATIEF: return d->observers[ASSESSOR];
    case LB_PURPOSE_KLASSENBEZOEK: return d->observers[spec->leader];
    default: return starter;
    }
}

static gboolean
make_observation (Obs *o, const GDate *start, gboolean draft, gboolean deviate, GError **error)
{
  Demo *d = o->demo;
  o->uuid = demo_uuid (d->rand);
  o->lesson = pick_lesson (o);
  o->duration = g_str_equal (o->lesson->subject, "rekenen") && o->event->purpose != LB_PURPOSE_KLASSENBEZOEK ? 60 : 45;
  if (o->event->purpose == LB_PURPOSE_FORMATIEF)
    o->question = &demo_questions[MIN (o->event->year, 2)][d->question[o->index]++ % 5];
  choose_levels (o, ability (o, start), draft);
  if (deviate && !prepare_deviation (o))
    deviate = FALSE;

  g_autoptr(LbObservation) draft_obs = draft_for (o, &o->event->date);
  g_autoptr(LbObservation) made = lb_store_create_observation (d->store, draft_obs, d->inst, error);
  if (made == NULL || !write_notes (o, error) || !write_scores (o, error))
    return FALSE;
  gboolean all_met = FALSE;
  if (o->event->purpose == LB_PURPOSE_SUMMATIEF && !draft && !write_judgements (o, deviate, &all_met, error))
    return FALSE;
  WrapUp w = { 0 };
  compose_wrapup (o, draft, all_met && o->event->year > 0, &w);
  gboolean ok = write_wrapup (o, &w, error);
  g_free (w.tops), g_free (w.tips), g_free (w.agreements);
  if (!ok || draft)
    return ok;
  return sign_off (o, error) && add_addenda (o, error);
}

static void
obs_clear (Obs *o)
{
  g_clear_pointer (&o->uuid, g_free);
  g_clear_pointer (&o->levels, g_hash_table_unref);
  g_clear_pointer (&o->not_observed, g_hash_table_unref);
  g_clear_pointer (&o->used, g_hash_table_unref);
}

/* ---- people and the whole induction ---- */

static LbPerson *
add_person (Demo *d, const char *name, gboolean starter, LbRole role, const char *school,
            const char *start, int year, GError **error)
{
  g_autoptr(LbPerson) p = lb_person_new ();
  p->uuid = demo_uuid (d->rand);
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : role;
  p->school = g_strdup (school);
  p->board = g_strdup (BOARD);
  p->induction_start = g_strdup (start);
  p->induction_year = year;
  return lb_store_add_person (d->store, p, error);
}

static gboolean
fill_starter (Demo *d, guint index, GError **error)
{
  const StarterSpec *spec = &starter_specs[index];
  GDate start = d->today;
  g_date_subtract_days (&start, (guint) spec->days_ago);
  to_school_day (&start, TRUE);
  g_autofree char *start_text = format_date (&start);
  g_autoptr(LbPerson) starter = add_person (d, spec->name, TRUE, LB_ROLE_STARTER, spec->school, start_text,
                                            spec->year, error);
  if (starter == NULL)
    return FALSE;
  g_autoptr(GArray) events = plan_events (d, &start, spec);
  d->question[index] = (guint) g_rand_int_range (d->rand, 0, 5);
  guint n_summative = 0;
  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = &g_array_index (events, Event, i);
      gboolean draft = i == events->len - 1 || g_date_days_between (&e->date, &d->today) < 21;
      n_summative += e->purpose == LB_PURPOSE_SUMMATIEF;
      gboolean deviate = !d->deviated && !draft && index >= 1 && n_summative >= 2 &&
                         e->purpose == LB_PURPOSE_SUMMATIEF;
      Obs o = { d, spec, index, starter, observer_for (d, spec, starter, e->purpose), e };
      o.levels = g_hash_table_new (g_str_hash, g_str_equal);
      o.not_observed = g_hash_table_new (g_str_hash, g_str_equal);
      o.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gboolean ok = make_observation (&o, &start, draft, deviate, error);
      obs_clear (&o);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static void
item_difficulties (Demo *d)
{
  GPtrArray *items = lb_instrument_get_items (d->inst);
  d->difficulty = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      double sum = 0;
      guint n = 0;
      for (guint k = 0; k < lb_node_get_n_children (item); k++)
        if (lb_node_has_difficulty (lb_node_get_child (item, k)))
          sum += lb_node_get_difficulty (lb_node_get_child (item, k)), n++;
      double mean = n ? sum / n : 0;
      g_hash_table_insert (d->difficulty, (gpointer) lb_node_get_id (item), g_memdup2 (&mean, sizeof mean));
    }
}


/* A second certified assessor scores the same lesson as the first, on
 * her own tablet (as an intersubjectivity check would): the year-2
 * starter's newest final assessment, scored independently — mostly the
 * same level, sometimes one off, once two off. Made last, so that every
 * other observation of the demo stays as it was. */
static gboolean
add_second_assessor (Demo *d, GError **error)
{
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.person = starter_specs[1].name;
  filter.purpose = LB_PURPOSE_SUMMATIEF;
  filter.status = LB_STATUS_FINAL;
  filter.limit = 1;
  g_autoptr(GPtrArray) rows = lb_store_list (d->store, &filter, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  g_autoptr(LbObservation) first = lb_store_load (d->store, ((LbSummary *) rows->pdata[0])->uuid, error);
  if (first == NULL)
    return FALSE;
  g_autoptr(LbPerson) second = add_person (d, "Marloes de Boer", FALSE, LB_ROLE_ASSESSOR, NULL, NULL, 0, error);
  if (second == NULL)
    return FALSE;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->uuid = demo_uuid (d->rand);
  draft->starter = lb_person_copy (first->starter);
  draft->observer = lb_person_copy (second);
  draft->observer_role = LB_ROLE_ASSESSOR;
  draft->purpose = LB_PURPOSE_SUMMATIEF;
  draft->date = g_strdup (first->date);
  draft->start_time = g_strdup (first->start_time);
  draft->end_time = g_strdup (first->end_time);
  draft->school = g_strdup (first->school);
  draft->group = g_strdup (first->group);
  draft->pupils = first->pupils;
  draft->subject = g_strdup (first->subject);
  draft->lesson_goal = g_strdup (first->lesson_goal);
  g_autoptr(LbObservation) made = lb_store_create_observation (d->store, draft, d->inst, error);
  if (made == NULL)
    return FALSE;
  gboolean two_off = FALSE;
  for (guint i = 0; i < first->scores->len; i++)
    {
      LbScore *sc = first->scores->pdata[i];
      LbNode *item = lb_instrument_find_node (d->inst, sc->item_id);
      LbScale *scale = item ? lb_node_get_scale (item) : NULL;
      int level = sc->not_observed || scale == NULL ? -1 : lb_scale_find_level (scale, sc->level_id);
      double roll = g_rand_double (d->rand);
      if (level >= 0 && roll < 0.30)
        level += level > 0 && (roll < 0.15 || level + 1 >= (int) lb_scale_get_n_levels (scale)) ? -1 : 1;
      else if (level >= 2 && !two_off && roll > 0.93)
        level -= 2, two_off = TRUE;
      const char *id = level >= 0 ? lb_scale_get_level (scale, (guint) level)->id : NULL;
      const char *reason = level < 0 ? "Niet gezien in deze les." : NULL;
      if (!lb_store_set_score (d->store, made->uuid, 0, sc->item_id, id, level < 0, reason, error))
        return FALSE;
    }
  return lb_store_finalize (d->store, made->uuid, second->name, error);
}

/* Every starter works on the afspraken of their newest final coach
 * observation: their development plan (POP), open goals to show when a
 * new observation begins. */
static gboolean
add_goals (Demo *d, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (starter_specs); i++)
    {
      LbListFilter filter = LB_LIST_FILTER_INIT;
      filter.person = starter_specs[i].name;
      filter.purpose = LB_PURPOSE_FORMATIEF;
      filter.status = LB_STATUS_FINAL;
      filter.limit = 1;
      g_autoptr(GPtrArray) rows = lb_store_list (d->store, &filter, error);
      if (rows == NULL)
        return FALSE;
      if (rows->len == 0)
        continue;
      g_autoptr(GPtrArray) goals =
        lb_store_add_goals_from_observation (d->store, ((LbSummary *) rows->pdata[0])->uuid, NULL, error);
      if (goals == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
lb_demo_fill (LbStore *store, LbInstrument *instrument, guint seed, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store) && LB_IS_INSTRUMENT (instrument), FALSE);
  Demo d = { store, instrument, g_rand_new_with_seed (seed) };
  g_date_set_time_t (&d.today, time (NULL));
  item_difficulties (&d);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (observer_specs); i++)
    {
      d.observers[i] = add_person (&d, observer_specs[i].name, FALSE, observer_specs[i].role,
                                   observer_specs[i].school, NULL, 0, error);
      ok = d.observers[i] != NULL;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (starter_specs); i++)
    ok = fill_starter (&d, i, error);
  ok = ok && add_second_assessor (&d, error) && add_goals (&d, error);
  for (guint i = 0; i < G_N_ELEMENTS (observer_specs); i++)
    g_clear_pointer (&d.observers[i], lb_person_free);
  g_hash_table_unref (d.difficulty);
  g_rand_free (d.rand);
  return ok;
}
