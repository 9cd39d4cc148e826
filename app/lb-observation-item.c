/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observation-item"

#include "config.h"
#include "lb-observation-item.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct _LbObservationItem
{
  GObject    parent_instance;
  LbSummary *summary;
  char      *school;
  char      *search_text;   /* case-folded, for the filter */
  int        school_year;
};

G_DEFINE_FINAL_TYPE (LbObservationItem, lb_observation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_DATE,
  PROP_START_TIME,
  PROP_STARTER_NAME,
  PROP_STARTER_UUID,
  PROP_OBSERVER_NAME,
  PROP_OBSERVER_ROLE,
  PROP_PURPOSE,
  PROP_STATUS,
  PROP_SUBJECT,
  PROP_GROUP,
  PROP_SCHOOL,
  PROP_N_SCORED,
  PROP_SCHOOL_YEAR,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
lb_observation_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LbObservationItem *self = LB_OBSERVATION_ITEM (object);
  const LbSummary *s = self->summary;
  switch (prop_id)
    {
    case PROP_UUID: g_value_set_string (value, s->uuid); break;
    case PROP_DATE: g_value_set_string (value, s->date); break;
    case PROP_START_TIME: g_value_set_string (value, s->start_time); break;
    case PROP_STARTER_NAME: g_value_set_string (value, s->starter_name); break;
    case PROP_STARTER_UUID: g_value_set_string (value, s->starter_uuid); break;
    case PROP_OBSERVER_NAME: g_value_set_string (value, s->observer_name); break;
    case PROP_OBSERVER_ROLE: g_value_set_int (value, s->observer_role); break;
    case PROP_PURPOSE: g_value_set_int (value, s->purpose); break;
    case PROP_STATUS: g_value_set_int (value, s->status); break;
    case PROP_SUBJECT: g_value_set_string (value, s->subject); break;
    case PROP_GROUP: g_value_set_string (value, s->group); break;
    case PROP_SCHOOL: g_value_set_string (value, self->school); break;
    case PROP_N_SCORED: g_value_set_uint (value, s->n_scored); break;
    case PROP_SCHOOL_YEAR: g_value_set_int (value, self->school_year); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_observation_item_finalize (GObject *object)
{
  LbObservationItem *self = LB_OBSERVATION_ITEM (object);
  g_clear_pointer (&self->summary, lb_summary_free);
  g_free (self->school);
  g_free (self->search_text);
  G_OBJECT_CLASS (lb_observation_item_parent_class)->finalize (object);
}

static GParamSpec *
string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int_prop (const char *name, int max)
{
  return g_param_spec_int (name, NULL, NULL, 0, max, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
lb_observation_item_class_init (LbObservationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = lb_observation_item_get_property;
  object_class->finalize = lb_observation_item_finalize;

  props[PROP_UUID] = string_prop ("uuid");
  props[PROP_DATE] = string_prop ("date");
  props[PROP_START_TIME] = string_prop ("start-time");
  props[PROP_STARTER_NAME] = string_prop ("starter-name");
  props[PROP_STARTER_UUID] = string_prop ("starter-uuid");
  props[PROP_OBSERVER_NAME] = string_prop ("observer-name");
  props[PROP_OBSERVER_ROLE] = int_prop ("observer-role", LB_N_ROLES - 1);
  props[PROP_PURPOSE] = int_prop ("purpose", LB_N_PURPOSES - 1);
  props[PROP_STATUS] = int_prop ("status", LB_STATUS_FINAL);
  props[PROP_SUBJECT] = string_prop ("subject");
  props[PROP_GROUP] = string_prop ("group");
  props[PROP_SCHOOL] = string_prop ("school");
  props[PROP_N_SCORED] = g_param_spec_uint ("n-scored", NULL, NULL, 0, G_MAXUINT, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SCHOOL_YEAR] = int_prop ("school-year", G_MAXINT);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
lb_observation_item_init (LbObservationItem *self)
{
}

/* Takes @summary. */
LbObservationItem *
lb_observation_item_new (LbSummary *summary, const char *school)
{
  g_return_val_if_fail (summary != NULL, NULL);
  LbObservationItem *self = g_object_new (LB_TYPE_OBSERVATION_ITEM, NULL);
  self->summary = summary;
  self->school = g_strdup (school);
  self->school_year = lb_school_year_of (summary->date);
  g_autofree char *joined = g_strjoin ("\n", summary->starter_name ? summary->starter_name : "",
                                       summary->observer_name ? summary->observer_name : "",
                                       summary->subject ? summary->subject : "",
                                       school ? school : "",
                                       summary->group ? summary->group : "", NULL);
  self->search_text = g_utf8_casefold (joined, -1);
  return self;
}

const LbSummary *
lb_observation_item_get_summary (LbObservationItem *self)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), NULL);
  return self->summary;
}

const char *
lb_observation_item_get_uuid (LbObservationItem *self)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), NULL);
  return self->summary->uuid;
}

const char *
lb_observation_item_get_school (LbObservationItem *self)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), NULL);
  return self->school;
}

int
lb_observation_item_get_school_year (LbObservationItem *self)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), 0);
  return self->school_year;
}

gboolean
lb_observation_item_matches (LbObservationItem *self, const char * const *folded_words)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), FALSE);
  for (guint i = 0; folded_words && folded_words[i]; i++)
    if (*folded_words[i] && strstr (self->search_text, folded_words[i]) == NULL)
      return FALSE;
  return TRUE;
}

char *
lb_observation_item_describe (LbObservationItem *self)
{
  g_return_val_if_fail (LB_IS_OBSERVATION_ITEM (self), NULL);
  const LbSummary *s = self->summary;
  g_autofree char *date = lb_format_date (s->date, LB_DATE_LONG);
  g_autofree char *scored = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item scored", "%u items scored",
                                                          s->n_scored), s->n_scored);
  /* Translators: what a screen reader says for one observation in the list:
   * date, time, starter, purpose, observer, role, status, items scored. */
  return g_strdup_printf (_("%s %s, %s, %s, observed by %s (%s), %s, %s"),
                          date, s->start_time ? s->start_time : "", s->starter_name,
                          lb_purpose_short_label (s->purpose), s->observer_name,
                          lb_role_to_label (s->observer_role), lb_status_to_label (s->status), scored);
}

/* ---- labels and dates ---- */

const char *
lb_purpose_short_label (LbPurpose purpose)
{
  switch (purpose)
    {
    case LB_PURPOSE_FORMATIEF: return _("Formative");
    case LB_PURPOSE_SUMMATIEF: return _("Summative");
    case LB_PURPOSE_KLASSENBEZOEK: return _("Class visit");
    case LB_PURPOSE_ZELFBEOORDELING: return _("Self-assessment");
    case LB_N_PURPOSES: default: break;
    }
  return "";
}

const char *
lb_purpose_css_class (LbPurpose purpose)
{
  static const char *classes[] = { "purpose-formative", "purpose-summative",
                                   "purpose-visit", "purpose-self" };
  return purpose < G_N_ELEMENTS (classes) ? classes[purpose] : "purpose-formative";
}

static const char *short_months[] = {
  NC_("short month", "Jan"), NC_("short month", "Feb"), NC_("short month", "Mar"),
  NC_("short month", "Apr"), NC_("short month", "May"), NC_("short month", "Jun"),
  NC_("short month", "Jul"), NC_("short month", "Aug"), NC_("short month", "Sep"),
  NC_("short month", "Oct"), NC_("short month", "Nov"), NC_("short month", "Dec"),
};

static const char *long_months[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static const char *weekdays[] = {
  NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

static gboolean
parse_date (const char *iso_date, int *y, int *m, int *d)
{
  return iso_date && sscanf (iso_date, "%4d-%2d-%2d", y, m, d) == 3 &&
         *m >= 1 && *m <= 12 && g_date_valid_dmy (*d, *m, *y);
}

char *
lb_format_date (const char *iso_date, LbDateStyle style)
{
  int y, m, d;
  if (!parse_date (iso_date, &y, &m, &d))
    return g_strdup (iso_date ? iso_date : "");
  if (style == LB_DATE_SHORT)
    /* Translators: a short date: day, abbreviated month, year ("12 nov 2025"). */
    return g_strdup_printf (_("%d %s %d"), d, g_dpgettext2 (GETTEXT_PACKAGE, "short month", short_months[m - 1]), y);
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  int wd = g_date_time_get_day_of_week (dt);
  /* Translators: a long date: weekday, day, month, year ("dinsdag 12 november 2025"). */
  return g_strdup_printf (_("%s %d %s %d"), g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekdays[wd - 1]),
                          d, g_dpgettext2 (GETTEXT_PACKAGE, "month", long_months[m - 1]), y);
}

int
lb_school_year_of (const char *iso_date)
{
  int y, m, d;
  if (!parse_date (iso_date, &y, &m, &d))
    return 0;
  return m >= 8 ? y : y - 1;
}

char *
lb_format_school_year (int year)
{
  /* Translators: a school year, 1 August to 31 July ("2025–2026"). */
  return g_strdup_printf (_("%d–%d"), year, year + 1);
}
