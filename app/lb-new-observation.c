/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-new-observation"

/* The form that starts an observation: who is observed, by whom, why,
 * with which instrument, and the lesson. "Begin" is enabled only when the
 * form is complete; what is still missing is said under the form. A
 * failure from the store is shown in a toast and the form stays filled,
 * so the observer can simply press "Begin" again. */

#include "config.h"
#include "lb-new-observation.h"
#include "lb-date-button.h"
#include "lb-error.h"
#include "lb-observation-item.h"
#include "lb-person-item.h"
#include "lb-settings.h"
#include "lb-text.h"
#include "lb-window.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct _LbNewObservation
{
  AdwBin                parent_instance;

  GtkScrolledWindow    *scroller;
  AdwComboRow          *starter_row;
  AdwEntryRow          *new_name_row;
  AdwEntryRow          *new_school_row;
  AdwComboRow          *new_year_row;
  GtkStringList        *year_model;
  AdwEntryRow          *observer_row;
  AdwComboRow          *role_row;
  GtkStringList        *role_model;
  GtkToggleButton      *purpose_formative;
  GtkToggleButton      *purpose_summative;
  GtkToggleButton      *purpose_visit;
  GtkToggleButton      *purpose_self;
  AdwComboRow          *instrument_row;
  AdwPreferencesGroup  *instrument_group;
  LbDateButton         *date_button;
  AdwEntryRow          *time_row;
  AdwEntryRow          *school_row;
  AdwEntryRow          *group_row;
  AdwEntryRow          *pupils_row;
  AdwEntryRow          *subject_row;
  AdwEntryRow          *goal_row;
  GtkTextView          *question_view;
  AdwPreferencesGroup  *focus_group;
  AdwPreferencesGroup  *goals_group;
  GtkLabel             *hint_label;

  LbStore              *store;
  LbInstrumentRegistry *registry;
  GListStore           *starters;         /* LbPersonItem; the last one stands for "new starter" */
  GPtrArray            *focus_rows;       /* the expander rows now in focus_group */
  GPtrArray            *goal_rows;        /* the rows now in goals_group */
  GHashTable           *focus_checks;     /* item id → GtkCheckButton */
  char                 *starter_school;   /* what the chosen starter put in school_row */
  char                 *typed_observer;   /* the observer's name while a self-assessment shows the starter's */
  GPtrArray            *observers;        /* LbPerson: people who observed before */
  gboolean              purpose_chosen;   /* chosen by hand: the role no longer changes it */
  gboolean              role_chosen;      /* chosen by hand: a known observer's name no longer changes it */
  guint                 quiet;            /* > 0 while the form changes itself */
};

G_DEFINE_FINAL_TYPE (LbNewObservation, lb_new_observation, ADW_TYPE_BIN)

static void validate (LbNewObservation *self);

/* ---- reading the form ---- */

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped (AdwEntryRow *row)
{
  char *s = g_strstrip (g_strdup (text_of (row)));
  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

static LbPurpose
get_purpose (LbNewObservation *self)
{
  if (gtk_toggle_button_get_active (self->purpose_summative))
    return LB_PURPOSE_SUMMATIEF;
  if (gtk_toggle_button_get_active (self->purpose_visit))
    return LB_PURPOSE_KLASSENBEZOEK;
  if (gtk_toggle_button_get_active (self->purpose_self))
    return LB_PURPOSE_ZELFBEOORDELING;
  return LB_PURPOSE_FORMATIEF;
}

static void
set_purpose (LbNewObservation *self, LbPurpose purpose)
{
  GtkToggleButton *buttons[] = { self->purpose_formative, self->purpose_summative,
                                 self->purpose_visit, self->purpose_self };
  self->quiet++;
  gtk_toggle_button_set_active (buttons[purpose < LB_N_PURPOSES ? purpose : 0], TRUE);
  self->quiet--;
}

static LbRole
get_role (LbNewObservation *self)
{
  guint pos = adw_combo_row_get_selected (self->role_row);
  return pos < LB_N_ROLES ? (LbRole) pos : LB_ROLE_ASSESSOR;
}

static LbPurpose
purpose_for_role (LbRole role)
{
  switch (role)
    {
    case LB_ROLE_ASSESSOR: return LB_PURPOSE_SUMMATIEF;
    case LB_ROLE_SCHOOL_LEADER: return LB_PURPOSE_KLASSENBEZOEK;
    case LB_ROLE_STARTER: return LB_PURPOSE_ZELFBEOORDELING;
    case LB_ROLE_COACH: case LB_ROLE_MENTOR: case LB_N_ROLES: default: return LB_PURPOSE_FORMATIEF;
    }
}

static LbRole
role_for_purpose (LbPurpose purpose)
{
  switch (purpose)
    {
    case LB_PURPOSE_SUMMATIEF: return LB_ROLE_ASSESSOR;
    case LB_PURPOSE_KLASSENBEZOEK: return LB_ROLE_SCHOOL_LEADER;
    case LB_PURPOSE_ZELFBEOORDELING: return LB_ROLE_STARTER;
    case LB_PURPOSE_FORMATIEF: case LB_N_PURPOSES: default: return LB_ROLE_COACH;
    }
}

/* The chosen starter, or NULL when a new one is being added. */
static LbPersonItem *
chosen_starter (LbNewObservation *self)
{
  return adw_combo_row_get_selected_item (self->starter_row);
}

static gboolean
adding_starter (LbNewObservation *self)
{
  LbPersonItem *item = chosen_starter (self);
  return item == NULL || lb_person_item_get_person (item) == NULL;
}

static const char *
starter_name (LbNewObservation *self)
{
  return adding_starter (self) ? text_of (self->new_name_row) : lb_person_item_get_name (chosen_starter (self));
}

/* "9:05", "09.05" and "0905" are all 09:05. */
static gboolean
parse_time (const char *text, char **out)
{
  int h = -1, m = -1;
  char tail = 0;
  g_autofree char *s = g_strstrip (g_strdup (text));
  if (sscanf (s, "%d%*[:.]%d%c", &h, &m, &tail) != 2 &&
      !(strlen (s) == 4 && g_ascii_isdigit (s[0]) && sscanf (s, "%2d%2d%c", &h, &m, &tail) == 2))
    return FALSE;
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;
  if (out)
    *out = g_strdup_printf ("%02d:%02d", h, m);
  return TRUE;
}

/* Empty is "unknown" (-1); else 0–200. */
static gboolean
parse_pupils (const char *text, int *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;
  if (*s == '\0')
    return *out = -1, TRUE;
  gint64 n = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0' || n < 0 || n > 200)
    return FALSE;
  return *out = (int) n, TRUE;
}

/* "5", "groep 5", "5/6", "Groep 1/2" → "groep 5", "groep 5/6"; empty → NULL. */
static gboolean
parse_group (const char *text, char **out)
{
  g_autofree char *s = g_strstrip (g_ascii_strdown (text, -1));
  const char *p = s;
  if (g_str_has_prefix (p, "groep"))
    p += strlen ("groep");
  else if (g_str_has_prefix (p, "group"))
    p += strlen ("group");
  while (*p == ' ')
    p++;
  if (*s == '\0')
    return *out = NULL, TRUE;
  g_auto(GStrv) parts = g_strsplit (p, "/", -1);
  g_autoptr(GString) norm = g_string_new ("groep ");
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (strlen (parts[i]) != 1 || parts[i][0] < '1' || parts[i][0] > '8')
        return FALSE;
      g_string_append_printf (norm, i ? "/%s" : "%s", parts[i]);
    }
  *out = g_string_free (g_steal_pointer (&norm), FALSE);
  return TRUE;
}

/* ---- validation ---- */

static void
mark (AdwEntryRow *row, gboolean wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
validate (LbNewObservation *self)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *name = g_strstrip (g_strdup (starter_name (self) ? starter_name (self) : ""));
  g_autofree char *observer = g_strstrip (g_strdup (text_of (self->observer_row)));
  g_autofree char *group = NULL;
  int pupils;
  gboolean time_ok = parse_time (text_of (self->time_row), NULL);
  gboolean group_ok = parse_group (text_of (self->group_row), &group);
  gboolean pupils_ok = parse_pupils (text_of (self->pupils_row), &pupils);

  if (*name == '\0')
    g_ptr_array_add (missing, adding_starter (self) ? _("the name of the new starter") : _("a starter"));
  if (*observer == '\0')
    g_ptr_array_add (missing, _("your name as observer"));
  if (adw_combo_row_get_selected_item (self->instrument_row) == NULL)
    g_ptr_array_add (missing, _("an instrument"));
  if (!time_ok)
    g_ptr_array_add (missing, _("a start time such as 9:15"));
  if (!group_ok)
    g_ptr_array_add (missing, _("a group from 1 to 8, such as 5 or 5/6"));
  if (!pupils_ok)
    g_ptr_array_add (missing, _("a number of pupils from 0 to 200"));
  mark (self->new_name_row, adding_starter (self) && *name == '\0' && *text_of (self->new_name_row));
  mark (self->time_row, !time_ok);
  mark (self->group_row, !group_ok);
  mark (self->pupils_row, !pupils_ok);

  gboolean ok = missing->len == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new.begin", ok && self->store != NULL);
  g_ptr_array_add (missing, NULL);
  g_autofree char *list = g_strjoinv (", ", (char **) missing->pdata);
  /* Translators: %s is a list such as "a starter, your name as observer". */
  g_autofree char *hint = ok ? g_strdup (_("Everything is stored the moment you begin; you can change the lesson details later."))
                             : g_strdup_printf (_("Still needed: %s."), list);
  gtk_label_set_text (self->hint_label, hint);
}

/* ---- keeping the form consistent ---- */

/* A self-assessment is observed by the starter: the observer field shows
 * the starter's name, and what was typed there comes back afterwards. */
static void
apply_self (LbNewObservation *self)
{
  gboolean self_assessment = get_purpose (self) == LB_PURPOSE_ZELFBEOORDELING;
  gboolean shown = !gtk_widget_get_sensitive (GTK_WIDGET (self->observer_row));
  self->quiet++;
  if (self_assessment)
    {
      if (!shown)
        {
          g_free (self->typed_observer);
          self->typed_observer = g_strdup (text_of (self->observer_row));
        }
      const char *name = starter_name (self) ? starter_name (self) : "";
      if (g_strcmp0 (text_of (self->observer_row), name) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->observer_row), name);
    }
  else if (shown)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->observer_row), self->typed_observer ? self->typed_observer : "");
      g_clear_pointer (&self->typed_observer, g_free);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->observer_row), !self_assessment);
  self->quiet--;
}

static void
update_focus_description (LbNewObservation *self)
{
  adw_preferences_group_set_description (self->focus_group, get_purpose (self) == LB_PURPOSE_FORMATIEF
    ? _("What the starter wants to work on. In a coaching observation the focus items are shown first.")
    : _("Items to pay special attention to in this lesson; they are marked while observing."));
}

/* The starter's school fills the lesson's school, unless the observer
 * typed another one there. */
static void
follow_school (LbNewObservation *self, const char *school)
{
  const char *now = text_of (self->school_row);
  if (*now != '\0' && g_strcmp0 (now, self->starter_school) != 0)
    return;
  self->quiet++;
  gtk_editable_set_text (GTK_EDITABLE (self->school_row), school);
  self->quiet--;
  g_free (self->starter_school);
  self->starter_school = g_strdup (school);
}

/* Someone who observed before usually does so in the same role: typing
 * their name sets it (and so the purpose), unless either was chosen. */
static void
follow_observer (LbNewObservation *self)
{
  if (self->role_chosen || self->observers == NULL || get_purpose (self) == LB_PURPOSE_ZELFBEOORDELING)
    return;
  g_autofree char *typed = g_strstrip (g_strdup (text_of (self->observer_row)));
  g_autofree char *name = g_utf8_casefold (typed, -1);
  for (guint i = 0; i < self->observers->len; i++)
    {
      LbPerson *p = self->observers->pdata[i];
      g_autofree char *other = g_utf8_casefold (p->name, -1);
      if (p->is_starter || p->role == LB_ROLE_STARTER || !g_str_equal (name, other) || p->role == get_role (self))
        continue;
      self->quiet++;
      adw_combo_row_set_selected (self->role_row, p->role);
      self->quiet--;
      if (!self->purpose_chosen)
        set_purpose (self, purpose_for_role (p->role));
      update_focus_description (self);
      return;
    }
}

static void
field_changed_cb (LbNewObservation *self)
{
  if (self->quiet)
    return;
  if (adding_starter (self))
    follow_school (self, text_of (self->new_school_row));
  follow_observer (self);
  if (get_purpose (self) == LB_PURPOSE_ZELFBEOORDELING)
    apply_self (self);
  validate (self);
}

/* The chosen starter's open goals (their POP), read-only: the coach sees
 * what the starter is working on before the lesson. Hidden when there are
 * none, or while a new starter is being added. */
static void
show_open_goals (LbNewObservation *self, const LbPerson *starter)
{
  for (guint i = 0; i < self->goal_rows->len; i++)
    adw_preferences_group_remove (self->goals_group, self->goal_rows->pdata[i]);
  g_ptr_array_set_size (self->goal_rows, 0);

  g_autoptr(GPtrArray) goals = NULL;
  if (self->store && starter && starter->uuid)
    {
      g_autoptr(GError) error = NULL;
      goals = lb_store_list_goals (self->store, starter->uuid, TRUE /* open only */, &error);
      if (goals == NULL)
        g_warning ("the starter's goals could not be read: %s", error->message);
    }
  for (guint i = 0; goals && i < goals->len; i++)
    {
      const LbGoal *g = goals->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g->text ? g->text : "");
      g_autofree char *subtitle = g->target_date
        /* Translators: a goal's status, then its target date, e.g. "working on it · before 2027-03-01". */
        ? g_strdup_printf (_("%s · before %s"), lb_goal_status_to_label (g->status), g->target_date)
        : g_strdup (lb_goal_status_to_label (g->status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->goals_group, row);
      g_ptr_array_add (self->goal_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->goals_group), self->goal_rows->len > 0);
}

static void
starter_changed_cb (LbNewObservation *self)
{
  gboolean adding = adding_starter (self);
  gtk_widget_set_visible (GTK_WIDGET (self->new_name_row), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->new_school_row), adding);
  gtk_widget_set_visible (GTK_WIDGET (self->new_year_row), adding);
  LbPersonItem *item = chosen_starter (self);
  const LbPerson *p = item ? lb_person_item_get_person (item) : NULL;
  follow_school (self, adding ? text_of (self->new_school_row) : p && p->school ? p->school : "");
  show_open_goals (self, adding ? NULL : p);
  apply_self (self);
  validate (self);
}

static void
role_changed_cb (LbNewObservation *self)
{
  if (self->quiet)
    return;
  self->role_chosen = TRUE;
  LbRole role = get_role (self);
  LbPurpose purpose = get_purpose (self);
  if (role == LB_ROLE_STARTER)
    set_purpose (self, LB_PURPOSE_ZELFBEOORDELING);
  else if (!self->purpose_chosen || purpose == LB_PURPOSE_ZELFBEOORDELING)
    set_purpose (self, purpose_for_role (role));
  apply_self (self);
  update_focus_description (self);
  validate (self);
}

static void
purpose_toggled_cb (LbNewObservation *self, GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (!self->quiet)
    {
      self->purpose_chosen = TRUE;
      LbPurpose purpose = get_purpose (self);
      LbRole role = get_role (self);
      self->quiet++;
      if (purpose == LB_PURPOSE_ZELFBEOORDELING)
        adw_combo_row_set_selected (self->role_row, LB_ROLE_STARTER);
      else if (role == LB_ROLE_STARTER)
        adw_combo_row_set_selected (self->role_row, role_for_purpose (purpose));
      self->quiet--;
    }
  apply_self (self);
  update_focus_description (self);
  validate (self);
}

static void
entry_activated_cb (LbNewObservation *self, AdwEntryRow *row)
{
  /* Enter in the last field begins; in the others it moves on. */
  if (row == self->goal_row)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "new.begin", NULL);
      return;
    }
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

/* ---- focus items ---- */

static void
focus_toggled_cb (GtkCheckButton *check, AdwExpanderRow *expander)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "lb-checks");
  guint n = 0;
  for (guint i = 0; i < checks->len; i++)
    n += gtk_check_button_get_active (checks->pdata[i]);
  g_autofree char *sub = n ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u focus item", "%u focus items", n), n)
                           : NULL;
  adw_expander_row_set_subtitle (expander, sub ? sub : "");
}

static GtkWidget *
focus_row_new (LbNewObservation *self, LbNode *item, guint number, AdwExpanderRow *expander)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%u. %s", number, lb_text_get_ui (lb_node_get_text (item)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  GtkWidget *check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect (check, "toggled", G_CALLBACK (focus_toggled_cb), expander);
  g_ptr_array_add (g_object_get_data (G_OBJECT (expander), "lb-checks"), check);
  g_hash_table_insert (self->focus_checks, g_strdup (lb_node_get_id (item)), check);
  return row;
}

/* One expander per domain with its items to tick: an instrument has tens
 * of items, and this is rebuilt only when another instrument is chosen. */
static void
rebuild_focus (LbNewObservation *self)
{
  for (guint i = 0; i < self->focus_rows->len; i++)
    adw_preferences_group_remove (self->focus_group, self->focus_rows->pdata[i]);
  g_ptr_array_set_size (self->focus_rows, 0);
  g_hash_table_remove_all (self->focus_checks);
  LbInstrument *inst = adw_combo_row_get_selected_item (self->instrument_row);
  if (inst == NULL)
    return;
  GPtrArray *all = lb_instrument_get_items (inst);
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      GtkWidget *expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), lb_text_get_ui (lb_node_get_text (domain)));
      g_object_set_data_full (G_OBJECT (expander), "lb-checks", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();
      lb_node_collect_items (domain, items);
      for (guint i = 0; i < items->len; i++)
        {
          guint index = 0;
          g_ptr_array_find (all, items->pdata[i], &index);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    focus_row_new (self, items->pdata[i], index + 1, ADW_EXPANDER_ROW (expander)));
        }
      adw_preferences_group_add (self->focus_group, expander);
      g_ptr_array_add (self->focus_rows, expander);
    }
}

/* What observing with this instrument will ask, so that an imported one
 * holds no surprises: "4 cycles: 20 min observing, 10 min scoring · 6
 * snapshots per segment · a note as evidence for each score". */
static char *
instrument_summary (LbInstrument *inst)
{
  guint count = 0, observe = 0, score = 0, evidence = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, &observe, &score, NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = lb_instrument_get_n_items (inst);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
  if (kind == LB_SESSIONS_CYCLES && score > 0)
    g_string_append_printf (s, _(" · %u cycles: %u min observing, %u min scoring"), count, observe, score);
  else if (kind == LB_SESSIONS_CYCLES)
    g_string_append_printf (s, _(" · %u cycles of %u min"), count, observe);
  else if (kind == LB_SESSIONS_SEGMENTS)
    g_string_append_printf (s, _(" · %u segments of %u min, each scored on its own"), count, observe);
  GPtrArray *snaps = lb_instrument_get_snapshots (inst);
  if (snaps && snaps->len > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " · %u snapshot question", " · %u snapshot questions",
                                            snaps->len), snaps->len);
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    evidence += lb_node_get_evidence_required (items->pdata[i]);
  if (evidence > 0)
    g_string_append (s, _(" · a linked note as evidence for each score"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
instrument_changed_cb (LbNewObservation *self)
{
  LbInstrument *inst = adw_combo_row_get_selected_item (self->instrument_row);
  g_autofree char *summary = inst ? instrument_summary (inst) : NULL;
  adw_preferences_group_set_description (self->instrument_group, summary);
  rebuild_focus (self);
  validate (self);
}

static int
compare_strings (const void *a, const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GStrv
chosen_focus_items (LbNewObservation *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer id, check;
  g_hash_table_iter_init (&iter, self->focus_checks);
  while (g_hash_table_iter_next (&iter, &id, &check))
    if (gtk_check_button_get_active (check))
      g_strv_builder_add (builder, id);
  GStrv items = g_strv_builder_end (builder);
  qsort (items, g_strv_length (items), sizeof (char *), compare_strings);
  return items;
}

/* ---- beginning ---- */

static void
select_starter (LbNewObservation *self, LbPerson *person)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->starters));
  g_autoptr(LbPersonItem) item = lb_person_item_new (person, 0);
  g_list_store_insert (self->starters, n ? n - 1 : 0, item);
  adw_combo_row_set_selected (self->starter_row, n ? n - 1 : 0);
}

/* The starter chosen, or added now. A starter added before a later step
 * failed is selected in the form, so pressing "Begin" again does not add
 * them twice. */
static LbPerson *
resolve_starter (LbNewObservation *self, GError **error)
{
  if (!adding_starter (self))
    return lb_person_copy (lb_person_item_get_person (chosen_starter (self)));
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = stripped (self->new_name_row);
  p->school = stripped (self->new_school_row);
  p->is_starter = TRUE;
  p->role = LB_ROLE_STARTER;
  p->induction_year = (int) adw_combo_row_get_selected (self->new_year_row) + 1;
  LbPerson *added = lb_store_add_person (self->store, p, error);
  if (added == NULL)
    return NULL;
  select_starter (self, lb_person_copy (added));
  return added;
}

/* Two people with the observer's name: rather than refuse, take the one
 * who observes in this role, else one who is not a starter. */
static LbPerson *
pick_namesake (LbNewObservation *self, const char *name, GError **error)
{
  g_autoptr(GPtrArray) people = lb_store_list_people (self->store, FALSE, error);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  LbPerson *best = NULL;
  int best_rank = 0;
  for (guint i = 0; people && i < people->len; i++)
    {
      LbPerson *p = people->pdata[i];
      g_autofree char *other = g_utf8_casefold (p->name, -1);
      int rank = !g_str_equal (folded, other) ? 0 : p->is_starter ? 1 : p->role == get_role (self) ? 3 : 2;
      if (rank > best_rank)
        best = p, best_rank = rank;
    }
  if (people == NULL)
    return NULL;
  g_clear_error (error);
  return best ? lb_person_copy (best) : NULL;
}

/* Observers are people too: found by name, or added the first time. */
static LbPerson *
resolve_observer (LbNewObservation *self, LbPerson *starter, GError **error)
{
  if (get_purpose (self) == LB_PURPOSE_ZELFBEOORDELING)
    return lb_person_copy (starter);
  g_autofree char *name = stripped (self->observer_row);
  g_autoptr(GError) local = NULL;
  LbPerson *found = lb_store_find_person (self->store, name, &local);
  if (found == NULL && g_error_matches (local, LB_ERROR, LB_ERROR_AMBIGUOUS))
    found = pick_namesake (self, name, &local);
  if (found || !g_error_matches (local, LB_ERROR, LB_ERROR_NOT_FOUND))
    {
      if (local)
        g_propagate_error (error, g_steal_pointer (&local));
      return found;
    }
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_steal_pointer (&name);
  p->role = get_role (self);
  return lb_store_add_person (self->store, p, error);
}

static char *
question_text (LbNewObservation *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->question_view);
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  char *text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static LbObservation *
build_observation (LbNewObservation *self, LbPerson *starter, LbPerson *observer)
{
  LbObservation *o = lb_observation_new ();
  o->starter = lb_person_copy (starter);
  o->observer = lb_person_copy (observer);
  o->purpose = get_purpose (self);
  o->observer_role = o->purpose == LB_PURPOSE_ZELFBEOORDELING ? LB_ROLE_STARTER : get_role (self);
  o->date = g_strdup (lb_date_button_get_date (self->date_button));
  parse_time (text_of (self->time_row), &o->start_time);
  o->school = stripped (self->school_row);
  parse_group (text_of (self->group_row), &o->group);
  parse_pupils (text_of (self->pupils_row), &o->pupils);
  o->subject = stripped (self->subject_row);
  o->lesson_goal = stripped (self->goal_row);
  o->question = question_text (self);
  o->focus_items = chosen_focus_items (self);
  return o;
}

static void
remember_observer (LbNewObservation *self)
{
  GSettings *settings = lb_settings_get ();
  if (settings == NULL || get_purpose (self) == LB_PURPOSE_ZELFBEOORDELING)
    return;
  g_autofree char *name = stripped (self->observer_row);
  g_settings_set_string (settings, "observer-name", name ? name : "");
  /* The preference offers fewer roles than an observation does. */
  g_autoptr(GSettingsSchema) schema = NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  g_autoptr(GSettingsSchemaKey) key = schema ? g_settings_schema_get_key (schema, "default-role") : NULL;
  g_autoptr(GVariant) role = g_variant_ref_sink (g_variant_new_string (lb_role_to_string (get_role (self))));
  if (key && g_settings_schema_key_range_check (key, role))
    g_settings_set_value (settings, "default-role", role);
}

static void
begin_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbNewObservation *self = LB_NEW_OBSERVATION (widget);
  LbInstrument *inst = adw_combo_row_get_selected_item (self->instrument_row);
  g_autoptr(GError) error = NULL;
  if (self->store == NULL || inst == NULL)
    return;
  g_autoptr(LbPerson) starter = resolve_starter (self, &error);
  g_autoptr(LbPerson) observer = starter ? resolve_observer (self, starter, &error) : NULL;
  g_autoptr(LbObservation) draft = observer ? build_observation (self, starter, observer) : NULL;
  g_autoptr(LbObservation) created = draft ? lb_store_create_observation (self->store, draft, inst, &error) : NULL;
  if (created == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The observation could not be started: %s"),
                                              error ? error->message : _("unknown error"));
      lb_window_toast_for (widget, msg);
      return;
    }
  remember_observer (self);
  gtk_widget_activate_action (widget, "win.open-observation", "s", created->uuid);
}

/* ---- filling the form ---- */

static char *
instrument_title (LbInstrument *inst, gpointer data)
{
  return inst ? g_strdup_printf ("%s %s", lb_text_get_ui (lb_instrument_get_title (inst)),
                                 lb_instrument_get_version (inst)) : NULL;
}

static void
load_starters (LbNewObservation *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lb_store_list_people (self->store, TRUE, &error);
  if (people == NULL)
    lb_window_toast_for (GTK_WIDGET (self), error->message);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; people && i < people->len; i++)
    g_ptr_array_add (items, lb_person_item_new (lb_person_copy (people->pdata[i]), 0));
  g_ptr_array_add (items, lb_person_item_new_placeholder (_("New starter…")));
  self->quiet++;
  g_list_store_splice (self->starters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->starters)),
                       items->pdata, items->len);
  adw_combo_row_set_selected (self->starter_row, 0);
  self->quiet--;
}

static void
select_default_instrument (LbNewObservation *self)
{
  GListModel *model = G_LIST_MODEL (self->registry);
  guint pos = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LbInstrument) inst = g_list_model_get_item (model, i);
      if (g_strcmp0 (lb_instrument_get_id (inst), LB_DEFAULT_INSTRUMENT_ID) == 0)
        {
          pos = i;
          break;
        }
    }
  adw_combo_row_set_selected (self->instrument_row, pos);
  rebuild_focus (self);
}

static void
clear_fields (LbNewObservation *self)
{
  AdwEntryRow *rows[] = { self->new_name_row, self->new_school_row, self->observer_row, self->time_row,
                          self->school_row, self->group_row, self->pupils_row, self->subject_row,
                          self->goal_row };
  self->quiet++;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->question_view), "", -1);
  adw_combo_row_set_selected (self->new_year_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->observer_row), TRUE);
  self->quiet--;
  g_clear_pointer (&self->starter_school, g_free);
  g_clear_pointer (&self->typed_observer, g_free);
  self->purpose_chosen = FALSE;
  self->role_chosen = FALSE;
}

static void
prefill_now (LbNewObservation *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  lb_date_button_set_date (self->date_button, date);
  self->quiet++;
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  self->quiet--;
}

static void
prefill_observer (LbNewObservation *self)
{
  GSettings *settings = lb_settings_get ();
  g_autofree char *name = settings ? g_settings_get_string (settings, "observer-name") : NULL;
  g_autofree char *role_code = settings ? g_settings_get_string (settings, "default-role") : NULL;
  LbRole role = LB_ROLE_ASSESSOR;
  if (role_code)
    lb_role_from_string (role_code, &role);
  self->quiet++;
  gtk_editable_set_text (GTK_EDITABLE (self->observer_row), name ? name : "");
  adw_combo_row_set_selected (self->role_row, role);
  self->quiet--;
  set_purpose (self, purpose_for_role (role));
}

void
lb_new_observation_reset (LbNewObservation *self, LbStore *store, LbInstrumentRegistry *registry)
{
  g_return_if_fail (LB_IS_NEW_OBSERVATION (self));
  g_set_object (&self->store, store);
  if (g_set_object (&self->registry, registry))
    adw_combo_row_set_model (self->instrument_row, registry ? G_LIST_MODEL (registry) : NULL);
  clear_fields (self);
  g_clear_pointer (&self->observers, g_ptr_array_unref);
  if (store)
    {
      load_starters (self);
      self->observers = lb_store_list_people (store, FALSE, NULL);
    }
  if (registry)
    select_default_instrument (self);
  prefill_now (self);
  prefill_observer (self);
  starter_changed_cb (self);
  apply_self (self);
  update_focus_description (self);
  validate (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* With no starters yet, the first thing to type is the new one's name. */
  gtk_widget_grab_focus (adding_starter (self) ? GTK_WIDGET (self->new_name_row) : GTK_WIDGET (self->starter_row));
}

/* ---- life cycle ---- */

static void
lb_new_observation_init (LbNewObservation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->starters = g_list_store_new (LB_TYPE_PERSON_ITEM);
  self->focus_rows = g_ptr_array_new ();
  self->goal_rows = g_ptr_array_new ();
  self->focus_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->quiet++;
  adw_combo_row_set_expression (self->starter_row, gtk_property_expression_new (LB_TYPE_PERSON_ITEM, NULL, "name"));
  adw_combo_row_set_model (self->starter_row, G_LIST_MODEL (self->starters));
  adw_combo_row_set_expression (self->instrument_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (instrument_title), NULL, NULL));
  for (LbRole r = 0; r < LB_N_ROLES; r++)
    gtk_string_list_append (self->role_model, r == LB_ROLE_STARTER ? _("Starter (self-assessment)") : lb_role_to_label (r));
  const char *years[] = { _("Year 1"), _("Year 2"), _("Year 3") };
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    gtk_string_list_append (self->year_model, years[i]);
  gtk_toggle_button_set_active (self->purpose_formative, TRUE);
  lb_date_button_set_accessible_name (self->date_button, _("Lesson date"));
  self->quiet--;
  update_focus_description (self);
  validate (self);
}

static void
lb_new_observation_dispose (GObject *object)
{
  LbNewObservation *self = LB_NEW_OBSERVATION (object);
  /* AdwBin unparents its child itself; clear it first so the template
   * does not leave the bin holding a widget it already unparented. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LB_TYPE_NEW_OBSERVATION);
  g_clear_object (&self->starters);
  g_clear_object (&self->store);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->focus_rows, g_ptr_array_unref);
  g_clear_pointer (&self->goal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->focus_checks, g_hash_table_unref);
  g_clear_pointer (&self->observers, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_new_observation_parent_class)->dispose (object);
}

static void
lb_new_observation_finalize (GObject *object)
{
  LbNewObservation *self = LB_NEW_OBSERVATION (object);
  g_free (self->starter_school);
  g_free (self->typed_observer);
  G_OBJECT_CLASS (lb_new_observation_parent_class)->finalize (object);
}

static void
lb_new_observation_class_init (LbNewObservationClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = lb_new_observation_dispose;
  G_OBJECT_CLASS (klass)->finalize = lb_new_observation_finalize;

  g_type_ensure (LB_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/lesbezoek/Lesbezoek/lb-new-observation.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LbNewObservation, name)
  BIND (scroller); BIND (starter_row); BIND (new_name_row); BIND (new_school_row); BIND (new_year_row);
  BIND (year_model); BIND (observer_row); BIND (role_row); BIND (role_model); BIND (purpose_formative);
  BIND (purpose_summative); BIND (purpose_visit); BIND (purpose_self); BIND (instrument_row); BIND (instrument_group);
  BIND (date_button); BIND (time_row); BIND (school_row); BIND (group_row); BIND (pupils_row);
  BIND (subject_row); BIND (goal_row); BIND (question_view); BIND (focus_group); BIND (goals_group); BIND (hint_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, starter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, purpose_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, instrument_changed_cb);

  gtk_widget_class_install_action (widget_class, "new.begin", NULL, begin_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "new.begin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "new.begin", NULL);
}
