/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-cli"

/* lesbezoek observe …: a whole observation without a window, one store
 * transaction per command, so that scripts, tests and the kill test can
 * drive exactly the code paths the app uses. Every id given is checked
 * against the instrument the observation was made with, and a wrong one
 * is answered with the ids that do exist. */

#include "config.h"
#include "lb-cli-store-private.h"
#include "lb-error.h"
#include "lb-scoring.h"

#include <glib/gi18n.h>
#include <string.h>

/* The observation a subcommand works on, with its instrument. */
typedef struct {
  LbStore       *store;
  LbObservation *obs;
  LbInstrument  *inst;
} Target;

static void
target_clear (Target *t)
{
  g_clear_object (&t->store);
  g_clear_pointer (&t->obs, lb_observation_unref);
  g_clear_object (&t->inst);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static gboolean
target_open (Target *t, LbCliGlobals *g, const char *prefix, const char *command)
{
  g_autoptr(GError) error = NULL;
  t->store = lb_cli_store_or_fail (g, command);
  g_autofree char *uuid = t->store ? lb_cli_resolve (t->store, prefix, command) : NULL;
  if (uuid == NULL)
    return FALSE;
  t->obs = lb_store_load (t->store, uuid, &error);
  if (t->obs)
    t->inst = lb_cli_instrument_of (t->store, t->obs, &error);
  if (t->inst == NULL)
    return lb_cli_fail (command, error), FALSE;
  return TRUE;
}

/* ---- checking ids against the instrument ---- */

static char *
join_ids (GPtrArray *nodes)
{
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint i = 0; i < nodes->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", lb_node_get_id (nodes->pdata[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static LbNode *
find_item (LbInstrument *inst, const char *id, const char *command)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  if (node && lb_node_get_kind (node) == LB_NODE_ITEM)
    return node;
  g_autofree char *ids = join_ids (lb_instrument_get_items (inst));
  lb_cli_usage_error (command, _("“%s” is not an item of %s %s; the items are: %s"), id,
                      lb_instrument_get_id (inst), lb_instrument_get_version (inst), ids);
  return NULL;
}

/* Indicator ids are long lists; name those of the item the id seems to
 * belong to, else the items to choose from. */
static LbNode *
find_indicator (LbInstrument *inst, const char *id, const char *command)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  if (node && lb_node_get_kind (node) == LB_NODE_INDICATOR)
    return node;
  LbNode *item = node && lb_node_get_kind (node) == LB_NODE_ITEM ? node : NULL;
  const char *dot = strrchr (id, '.');
  g_autofree char *parent = dot ? g_strndup (id, (gsize) (dot - id)) : NULL;
  if (item == NULL && parent)
    item = lb_instrument_find_node (inst, parent);
  if (item && lb_node_get_kind (item) == LB_NODE_ITEM && lb_node_get_n_children (item) > 0)
    {
      g_autoptr(GPtrArray) children = g_ptr_array_new ();
      for (guint i = 0; i < lb_node_get_n_children (item); i++)
        g_ptr_array_add (children, lb_node_get_child (item, i));
      g_autofree char *ids = join_ids (children);
      lb_cli_usage_error (command, _("“%s” is not an indicator; the indicators of item %s are: %s"), id,
                          lb_node_get_id (item), ids);
      return NULL;
    }
  g_autofree char *ids = join_ids (lb_instrument_get_items (inst));
  lb_cli_usage_error (command, _("“%s” is not an indicator of %s; indicators belong to the items %s "
                                 "(“lesbezoek instrument show %s” lists them)"), id,
                      lb_instrument_get_id (inst), ids, lb_instrument_get_id (inst));
  return NULL;
}

static char *
level_ids (LbScale *scale)
{
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint i = 0; i < lb_scale_get_n_levels (scale); i++)
    {
      const LbLevel *l = lb_scale_get_level (scale, i);
      g_string_append_printf (s, "%s%s (%s)", i ? ", " : "", l->id, lb_text_get_ui (l->label));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The session a score, mark or note belongs to: 0 when the instrument
 * has none, else 1…count (the first when not given). */
static gboolean
check_session (LbInstrument *inst, int session, guint *out, const char *command)
{
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL);
  if (kind == LB_SESSIONS_NONE && session > 0)
    return lb_cli_usage_error (command, _("this instrument has no sessions; leave out --session")), FALSE;
  if (kind != LB_SESSIONS_NONE && (session < 0 || (guint) session > count))
    return lb_cli_usage_error (command, _("--session is 1 to %u for this instrument"), count), FALSE;
  *out = kind == LB_SESSIONS_NONE ? 0 : (guint) MAX (session, 1);
  return TRUE;
}

static gboolean
valid_time (const char *t)
{
  return t == NULL || *t == '\0' ||
         (strlen (t) == 5 && g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1]) && t[2] == ':' &&
          g_ascii_isdigit (t[3]) && g_ascii_isdigit (t[4]) &&
          (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[3] - '0') * 10 + (t[4] - '0') < 60);
}

/* Texts may be given as several words without quotes. */
static char *
join_args (int argc, char **argv, int first)
{
  return first < argc ? g_strjoinv (" ", argv + first) : NULL;
}

/* ---- new ---- */

typedef struct {
  char  *starter, *observer, *purpose, *instrument, *role;
  char  *date, *start, *end, *school, *group, *subject, *goal, *question;
  int    pupils;
  char **focus;
} NewArgs;

static void
new_args_clear (NewArgs *a)
{
  char *texts[] = { a->starter, a->observer, a->purpose, a->instrument, a->role, a->date, a->start,
                    a->end, a->school, a->group, a->subject, a->goal, a->question };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
  g_strfreev (a->focus);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewArgs, new_args_clear)

static LbInstrument *
find_instrument (const char *id, GError **error)
{
  g_autoptr(LbInstrumentRegistry) registry = lb_cli_open_registry (error);
  if (registry == NULL)
    return NULL;
  LbInstrument *inst = lb_instrument_registry_find (registry, id, NULL);
  if (inst == NULL)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND,
                   _("no instrument with id “%s”; “lesbezoek instrument list” shows the known ones"), id);
      return NULL;
    }
  return g_object_ref (inst);
}

/* Checks what can be checked without the database. */
static gboolean
check_new_args (NewArgs *a, LbPurpose *purpose, LbRole *role)
{
  const char *cmd = "observe new";
  if (a->starter == NULL || a->purpose == NULL)
    return lb_cli_usage_error (cmd, _("give at least --starter and --purpose")), FALSE;
  if (!lb_purpose_from_string (a->purpose, purpose))
    return lb_cli_usage_error (cmd, _("unknown purpose “%s”; use formatief, summatief, klassenbezoek or "
                                      "zelfbeoordeling"), a->purpose), FALSE;
  if (a->observer == NULL && *purpose != LB_PURPOSE_ZELFBEOORDELING)
    return lb_cli_usage_error (cmd, _("say who observes with --observer")), FALSE;
  if (a->role && (!lb_role_from_string (a->role, role)))
    return lb_cli_usage_error (cmd, _("unknown role “%s”; use coach, assessor, school-leader, mentor or "
                                      "starter"), a->role), FALSE;
  if (a->date && !lb_cli_valid_date (a->date))
    return lb_cli_usage_error (cmd, _("“%s” is not a date; write it as YYYY-MM-DD"), a->date), FALSE;
  if (!valid_time (a->start) || !valid_time (a->end))
    return lb_cli_usage_error (cmd, _("write times as HH:MM, for example 09:15")), FALSE;
  if (a->pupils < -1 || a->pupils > 200)
    return lb_cli_usage_error (cmd, _("the number of pupils must be a number from 0 to 200")), FALSE;
  return TRUE;
}

/* Who observes in which role: the starter in a self-assessment; else the
 * observer's usual role unless --role says otherwise. Coaching and
 * assessment are kept apart, so a coach or mentor never assesses. */
static gboolean
decide_observer (NewArgs *a, LbPerson *starter, LbPerson *observer, LbPurpose purpose, LbRole *role)
{
  const char *cmd = "observe new";
  if (!starter->is_starter)
    return lb_cli_usage_error (cmd, _("%s is not a starter; add starters with “lesbezoek people add "
                                      "--starter”"), starter->name), FALSE;
  if (purpose == LB_PURPOSE_ZELFBEOORDELING)
    {
      if (g_strcmp0 (starter->uuid, observer->uuid) != 0)
        return lb_cli_usage_error (cmd, _("in a self-assessment the starter observes themself; leave out "
                                          "--observer")), FALSE;
      *role = LB_ROLE_STARTER;
      return TRUE;
    }
  if (g_strcmp0 (starter->uuid, observer->uuid) == 0)
    return lb_cli_usage_error (cmd, _("a starter observing their own lesson is a self-assessment: use "
                                      "--purpose zelfbeoordeling")), FALSE;
  if (a->role == NULL)
    *role = observer->is_starter ? LB_ROLE_STARTER : observer->role;
  if (purpose == LB_PURPOSE_SUMMATIEF && *role != LB_ROLE_ASSESSOR && *role != LB_ROLE_SCHOOL_LEADER)
    return lb_cli_usage_error (cmd, _("a summative observation is made by an assessor or a school leader, "
                                      "not by a %s: coaching and assessment are kept apart"),
                               lb_role_to_string (*role)), FALSE;
  return TRUE;
}

static LbObservation *
new_draft (NewArgs *a, LbPerson *starter, LbPerson *observer, LbPurpose purpose, LbRole role)
{
  LbObservation *d = lb_observation_new ();
  d->starter = lb_person_copy (starter);
  d->observer = lb_person_copy (observer);
  d->observer_role = role;
  d->purpose = purpose;
  d->date = g_strdup (a->date);
  d->start_time = g_strdup (a->start);
  d->end_time = g_strdup (a->end);
  d->school = g_strdup (a->school ? a->school : starter->school);
  d->group = g_strdup (a->group);
  d->pupils = a->pupils;
  d->subject = g_strdup (a->subject);
  d->lesson_goal = g_strdup (a->goal);
  d->question = g_strdup (a->question);
  d->focus_items = g_strdupv (a->focus);
  return d;
}

static int
observe_new (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe new";
  g_auto(NewArgs) a = { .pupils = -1 };
  GOptionEntry entries[] = {
    { "starter", 0, 0, G_OPTION_ARG_STRING, &a.starter, N_("The starter who is observed"), N_("NAME") },
    { "observer", 0, 0, G_OPTION_ARG_STRING, &a.observer, N_("Who observes (not for a self-assessment)"), N_("NAME") },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &a.purpose,
      N_("formatief, summatief, klassenbezoek or zelfbeoordeling"), N_("PURPOSE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &a.role, N_("The observer's role this time, if not their usual one"), N_("ROLE") },
    { "instrument", 0, 0, G_OPTION_ARG_STRING, &a.instrument, N_("Instrument id (default: lesbezoek-basis)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &a.date, N_("Date of the lesson, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &a.start, N_("Start time, HH:MM"), N_("TIME") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &a.end, N_("End time, HH:MM"), N_("TIME") },
    { "school", 0, 0, G_OPTION_ARG_STRING, &a.school, N_("School (default: the starter's)"), N_("SCHOOL") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &a.group, N_("Group, for example “groep 5” or “groep 5/6”"), N_("GROUP") },
    { "pupils", 0, 0, G_OPTION_ARG_INT, &a.pupils, N_("Number of pupils"), "N" },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &a.subject, N_("Subject of the lesson"), N_("SUBJECT") },
    { "goal", 0, 0, G_OPTION_ARG_STRING, &a.goal, N_("Lesson goal"), N_("GOAL") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &a.question, N_("The starter's question for this lesson"), N_("TEXT") },
    { "focus", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.focus, N_("An item to focus on (repeat for more)"), N_("ITEM") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— start an observation; prints its id"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  LbPurpose purpose;
  LbRole role = LB_ROLE_ASSESSOR;
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc > 1)
    return lb_cli_usage_error (cmd, _("unexpected argument “%s”"), argv[1]);
  if (!check_new_args (&a, &purpose, &role))
    return LB_EXIT_USAGE;

  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = find_instrument (a.instrument ? a.instrument : LB_DEFAULT_INSTRUMENT_ID, &error);
  if (inst == NULL)
    return lb_cli_fail (cmd, error);
  for (guint i = 0; a.focus && a.focus[i]; i++)
    if (find_item (inst, a.focus[i], cmd) == NULL)
      return LB_EXIT_USAGE;
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(LbPerson) starter = lb_store_find_person (store, a.starter, &error);
  if (starter == NULL)
    return lb_cli_fail (cmd, error);
  g_autoptr(LbPerson) observer = a.observer ? lb_store_find_person (store, a.observer, &error)
                                            : lb_person_copy (starter);
  if (observer == NULL)
    return lb_cli_fail (cmd, error);
  if (!decide_observer (&a, starter, observer, purpose, &role))
    return LB_EXIT_USAGE;
  g_autoptr(LbObservation) draft = new_draft (&a, starter, observer, purpose, role);
  g_autoptr(LbObservation) made = lb_store_create_observation (store, draft, inst, &error);
  if (made == NULL)
    return lb_cli_fail (cmd, error);
  g_print ("%s\n", made->uuid);
  return LB_EXIT_OK;
}

/* ---- scores and marks ---- */

static gboolean
check_level (LbNode *item, const char *level, const char *command)
{
  LbScale *scale = lb_node_get_scale (item);
  if (lb_scale_find_level (scale, level) >= 0)
    return TRUE;
  g_autofree char *levels = level_ids (scale);
  lb_cli_usage_error (command, lb_scale_get_not_observed_allowed (scale)
                               ? _("“%s” is not a level of item %s; the levels are %s, or --not-observed")
                               : _("“%s” is not a level of item %s; the levels are %s"),
                      level, lb_node_get_id (item), levels);
  return FALSE;
}

/* observe score UUID ITEM --computed: the roll-up of the coded
 * indicators of this session, stored as the observer's score. */
static int
score_computed (LbCliGlobals *g, int argc, char **argv, int session)
{
  const char *cmd = "observe score";
  if (argc != 3)
    return lb_cli_usage_error (cmd, _("give the observation and the item"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  guint s, level;
  double value;
  LbNode *item = find_item (t.inst, argv[2], cmd);
  if (item == NULL || !check_session (t.inst, session, &s, cmd))
    return LB_EXIT_USAGE;
  if (lb_node_get_n_anchors (item) == 0)
    return lb_cli_usage_error (cmd, _("item %s declares no anchors to compute a score from"), argv[2]);
  if (!lb_scoring_rollup (t.inst, t.obs, s, item, &level, &value))
    {
      g_printerr (_("lesbezoek %s: no indicator of item %s has an anchored code in this session yet; code them "
                    "with “observe mark … --code”\n"), cmd, argv[2]);
      return LB_EXIT_FAILED;
    }
  const LbLevel *l = lb_scale_get_level (lb_node_get_scale (item), level);
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_score (t.store, t.obs->uuid, s, argv[2], l->id, FALSE, NULL, &error))
    return lb_cli_fail (cmd, error);
  g_print (_("Scored %s (computed from the coded indicators: %.2f)\n"), l->id, value);
  return LB_EXIT_OK;
}

static int
observe_score (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe score";
  gboolean not_observed = FALSE, clear = FALSE, computed = FALSE;
  g_autofree char *reason = NULL;
  int session = 0;
  GOptionEntry entries[] = {
    { "not-observed", 0, 0, G_OPTION_ARG_NONE, &not_observed, N_("The item could not be observed in this lesson"), NULL },
    { "computed", 0, 0, G_OPTION_ARG_NONE, &computed,
      N_("Score the level the coded indicators give through the item's anchors"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it was not observed"), N_("TEXT") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the score"), NULL },
    { "session", 0, 0, G_OPTION_ARG_INT, &session, N_("Cycle or segment, for instruments that have them"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID ITEM LEVEL — score an item"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (not_observed + clear + computed > 1)
    return lb_cli_usage_error (cmd, _("choose one of --not-observed, --computed and --clear"));
  if (reason && !not_observed)
    return lb_cli_usage_error (cmd, _("--reason goes with --not-observed"));
  if (computed)
    return score_computed (g, argc, argv, session);
  if (argc != ((not_observed || clear) ? 3 : 4))
    return lb_cli_usage_error (cmd, (not_observed || clear) ? _("give the observation and the item")
                                                            : _("give the observation, the item and the level"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  guint s;
  LbNode *item = find_item (t.inst, argv[2], cmd);
  if (item == NULL || !check_session (t.inst, session, &s, cmd) ||
      (argc == 4 && !check_level (item, argv[3], cmd)))
    return LB_EXIT_USAGE;
  if (not_observed && !lb_scale_get_not_observed_allowed (lb_node_get_scale (item)))
    return lb_cli_usage_error (cmd, _("item %s must be scored: its scale has no “not observed”"), argv[2]);
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_score (t.store, t.obs->uuid, s, argv[2], argc == 4 ? argv[3] : NULL, not_observed,
                           reason, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

/* A coded indicator takes a level of its own coding scale, or "not
 * applicable" where that scale allows it. */
static gboolean
check_code (LbNode *ind, LbScale *coding, const char *code, const char *command)
{
  gboolean na = lb_scale_get_not_observed_allowed (coding);
  if (code && (lb_scale_find_level (coding, code) >= 0 || (na && g_str_equal (code, LB_CODE_NOT_APPLICABLE))))
    return TRUE;
  g_autofree char *levels = level_ids (coding);
  if (code && g_str_equal (code, LB_CODE_NOT_APPLICABLE))
    lb_cli_usage_error (command, _("indicator %s cannot be “not applicable”; give --code with one of %s"),
                        lb_node_get_id (ind), levels);
  else if (na)
    lb_cli_usage_error (command, _("indicator %s is coded: give --code with one of %s, or %s (%s)"),
                        lb_node_get_id (ind), levels, LB_CODE_NOT_APPLICABLE,
                        lb_scale_get_not_observed_label (coding, lb_text_ui_language ()));
  else
    lb_cli_usage_error (command, _("indicator %s is coded: give --code with one of %s"), lb_node_get_id (ind), levels);
  return FALSE;
}

static int
observe_mark (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe mark";
  gboolean clear = FALSE;
  g_autofree char *code = NULL;
  int session = 0;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The code, for indicators that are coded rather than ticked"), N_("CODE") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the tick or code"), NULL },
    { "session", 0, 0, G_OPTION_ARG_INT, &session, N_("Cycle or segment, for instruments that have them"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID INDICATOR — tick an indicator"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 3)
    return lb_cli_usage_error (cmd, _("give the observation and the indicator"));
  if (code && clear)
    return lb_cli_usage_error (cmd, _("choose either --code or --clear"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  guint s;
  LbNode *ind = find_indicator (t.inst, argv[2], cmd);
  if (ind == NULL || !check_session (t.inst, session, &s, cmd))
    return LB_EXIT_USAGE;
  LbScale *coding = lb_node_get_scale (ind);
  if (!clear && coding && !check_code (ind, coding, code, cmd))
    return LB_EXIT_USAGE;
  if (!clear && coding == NULL && code && !g_str_equal (code, "yes"))
    return lb_cli_usage_error (cmd, _("indicator %s is ticked, not coded; leave out --code"), argv[2]);
  g_autoptr(GError) error = NULL;
  if (!lb_scoring_set_code (t.store, t.inst, t.obs->uuid, s, ind, clear ? NULL : code ? code : "yes", &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

/* ---- snapshots ---- */

static const LbSnapshot *
find_snapshot (LbInstrument *inst, const char *id, const char *command)
{
  GPtrArray *snapshots = lb_instrument_get_snapshots (inst);
  g_autoptr(GString) ids = g_string_new (NULL);
  for (guint i = 0; snapshots && i < snapshots->len; i++)
    {
      const LbSnapshot *snap = snapshots->pdata[i];
      if (g_str_equal (snap->id, id))
        return snap;
      g_string_append_printf (ids, "%s%s", i ? ", " : "", snap->id);
    }
  if (ids->len == 0)
    lb_cli_usage_error (command, _("instrument %s %s has no snapshots"), lb_instrument_get_id (inst),
                        lb_instrument_get_version (inst));
  else
    lb_cli_usage_error (command, _("“%s” is not a snapshot of %s; the snapshots are: %s"), id,
                        lb_instrument_get_id (inst), ids->str);
  return NULL;
}

/* An answer is a level of the snapshot's scale, or "not applicable"
 * where that scale allows it. */
static gboolean
check_answer (const LbSnapshot *snap, const char *code, const char *command)
{
  if (lb_scale_find_level (snap->scale, code) >= 0 ||
      (lb_scale_get_not_observed_allowed (snap->scale) && g_str_equal (code, LB_CODE_NOT_APPLICABLE)))
    return TRUE;
  g_autofree char *levels = level_ids (snap->scale);
  if (g_str_equal (code, LB_CODE_NOT_APPLICABLE))
    lb_cli_usage_error (command, _("snapshot %s is always answered: “%s” is not allowed; the answers are %s"),
                        snap->id, code, levels);
  else if (lb_scale_get_not_observed_allowed (snap->scale))
    lb_cli_usage_error (command, _("“%s” is not an answer to snapshot %s; the answers are %s, or %s (%s)"),
                        code, snap->id, levels, LB_CODE_NOT_APPLICABLE,
                        lb_scale_get_not_observed_label (snap->scale, lb_text_ui_language ()));
  else
    lb_cli_usage_error (command, _("“%s” is not an answer to snapshot %s; the answers are %s"),
                        code, snap->id, levels);
  return FALSE;
}

/* A snapshot that depends on an earlier answer applies only when that
 * answer allows it; where it does not apply, only "not applicable" (if
 * its scale has it) may be recorded. */
static gboolean
check_applies (LbInstrument *inst, LbObservation *o, const LbSnapshot *snap, guint session, const char *code,
               const char *command)
{
  if (!lb_snapshot_in_session (snap, session))
    return lb_cli_usage_error (command, _("snapshot %s is not asked in session %u"), snap->id, session), FALSE;
  LbSnapshotState state = lb_scoring_snapshot_state (inst, o, session, snap);
  gboolean na = g_str_equal (code, LB_CODE_NOT_APPLICABLE);
  if (state == LB_SNAPSHOT_APPLIES || (state == LB_SNAPSHOT_NOT_APPLICABLE && na))
    return TRUE;
  if (state == LB_SNAPSHOT_WAITING && !na)
    return lb_cli_usage_error (command, _("snapshot %s depends on the answer to %s in session %u; answer that "
                                          "one first"), snap->id, snap->applies_when, session), FALSE;
  if (state == LB_SNAPSHOT_WAITING)
    return lb_cli_usage_error (command, _("whether snapshot %s applies depends on the answer to %s in session %u; "
                                          "answer that one first"), snap->id, snap->applies_when, session), FALSE;
  if (lb_scale_get_not_observed_allowed (snap->scale))
    return lb_cli_usage_error (command, _("snapshot %s does not apply after the answer to %s in session %u; "
                                          "record it as %s or not at all"), snap->id, snap->applies_when,
                               session, LB_CODE_NOT_APPLICABLE), FALSE;
  return lb_cli_usage_error (command, _("snapshot %s does not apply after the answer to %s in session %u; "
                                        "leave it unanswered"), snap->id, snap->applies_when, session), FALSE;
}

static int
observe_snapshot (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe snapshot";
  gboolean clear = FALSE;
  int session = 0, minute = -1;
  GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_INT, &session, N_("Cycle or segment (default: the first)"), "N" },
    { "minute", 'm', 0, G_OPTION_ARG_INT, &minute,
      N_("Minute of the cycle or segment, on its own clock, when it was answered (default: when it was due)"), "M" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the answer"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID SNAPSHOT CODE — answer a snapshot"));
  g_autofree char *description = g_strdup_printf (_("CODE is a level of the snapshot's scale, or %s where the "
                                                    "scale allows “not applicable”."), LB_CODE_NOT_APPLICABLE);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != (clear ? 3 : 4))
    return lb_cli_usage_error (cmd, clear ? _("give the observation and the snapshot")
                                          : _("give the observation, the snapshot and the answer"));
  if (minute != -1 && (minute < 0 || minute > 600))
    return lb_cli_usage_error (cmd, _("--minute is 0 to 600"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  guint s;
  const LbSnapshot *snap = find_snapshot (t.inst, argv[2], cmd);
  if (snap == NULL || !check_session (t.inst, session, &s, cmd) || (!clear && !check_answer (snap, argv[3], cmd)))
    return LB_EXIT_USAGE;
  if (!clear && !check_applies (t.inst, t.obs, snap, s, argv[3], cmd))
    return LB_EXIT_USAGE;
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_snapshot (t.store, t.obs->uuid, s, snap->id, clear ? NULL : argv[3],
                              minute >= 0 ? minute : (int) snap->minute, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

/* ---- notes ---- */

static int
observe_note (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe note";
  int minute = -1, session = 0;
  g_auto(GStrv) items = NULL;
  GOptionEntry entries[] = {
    { "minute", 'm', 0, G_OPTION_ARG_INT, &minute, N_("Minutes into the lesson"), "M" },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &items, N_("Link the note to this item (repeat for more)"), N_("ITEM") },
    { "session", 0, 0, G_OPTION_ARG_INT, &session, N_("Cycle or segment, for instruments that have them"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID TEXT — write a note; prints its id"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc < 3)
    return lb_cli_usage_error (cmd, _("give the observation and the text of the note"));
  if (minute < 0 || minute > 600)
    return lb_cli_usage_error (cmd, _("give the minute of the lesson with --minute (0 to 600)"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  guint s;
  if (!check_session (t.inst, session, &s, cmd))
    return LB_EXIT_USAGE;
  /* Every item is checked before anything is written. */
  for (guint i = 0; items && items[i]; i++)
    if (find_item (t.inst, items[i], cmd) == NULL)
      return LB_EXIT_USAGE;
  g_autofree char *text = join_args (argc, argv, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = lb_store_add_note (t.store, t.obs->uuid, s, minute, text, &error);
  if (note == NULL)
    return lb_cli_fail (cmd, error);
  for (guint i = 0; items && items[i]; i++)
    if (!lb_store_link_note (t.store, note, items[i], TRUE, &error))
      return lb_cli_fail (cmd, error);
  g_print ("%s\n", note);
  return LB_EXIT_OK;
}

/* A note is found by its id (or its first characters) among the drafts:
 * only a draft's notes can change, and there are few drafts. */
static LbObservation *
find_note (LbStore *store, const char *prefix, char **note_uuid, GError **error)
{
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.status = LB_STATUS_DRAFT;
  g_autoptr(GPtrArray) drafts = lb_store_list (store, &filter, error);
  if (drafts == NULL)
    return NULL;
  g_autoptr(LbObservation) found = NULL;
  for (guint i = 0; i < drafts->len && strlen (prefix) >= 4; i++)
    {
      g_autoptr(LbObservation) o = lb_store_load (store, ((LbSummary *) drafts->pdata[i])->uuid, error);
      if (o == NULL)
        return NULL;
      for (guint k = 0; k < o->notes->len; k++)
        {
          LbNote *n = o->notes->pdata[k];
          if (!g_str_has_prefix (n->uuid, prefix))
            continue;
          if (*note_uuid)
            return g_set_error (error, LB_ERROR, LB_ERROR_AMBIGUOUS,
                                _("“%s” matches more than one note; give more characters"), prefix), NULL;
          *note_uuid = g_strdup (n->uuid);
          g_clear_pointer (&found, lb_observation_unref);
          found = lb_observation_ref (o);
        }
    }
  if (found == NULL)
    g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No note with id %s in a draft observation"), prefix);
  return g_steal_pointer (&found);
}

static int
observe_link (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe link";
  gboolean unlink = FALSE;
  GOptionEntry entries[] = {
    { "unlink", 0, 0, G_OPTION_ARG_NONE, &unlink, N_("Remove the link instead"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NOTE ITEM — link a note to an item"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 3)
    return lb_cli_usage_error (cmd, _("give the note and the item"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  if (store == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autoptr(LbObservation) obs = find_note (store, argv[1], &note, &error);
  if (obs == NULL)
    {
      /* Not in a draft: let the store say whether it is final or absent. */
      if (g_error_matches (error, LB_ERROR, LB_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          if (!lb_store_link_note (store, argv[1], argv[2], !unlink, &error))
            return lb_cli_fail (cmd, error);
          return LB_EXIT_OK;
        }
      return lb_cli_fail (cmd, error);
    }
  g_autoptr(LbInstrument) inst = lb_cli_instrument_of (store, obs, &error);
  if (inst == NULL)
    return lb_cli_fail (cmd, error);
  if (find_item (inst, argv[2], cmd) == NULL)
    return LB_EXIT_USAGE;
  if (!lb_store_link_note (store, note, argv[2], !unlink, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

/* ---- fields and focus ---- */

static const struct { const char *name; LbField field; } fields[] = {
  { "date", LB_FIELD_DATE }, { "start", LB_FIELD_START_TIME }, { "end", LB_FIELD_END_TIME },
  { "school", LB_FIELD_SCHOOL }, { "group", LB_FIELD_GROUP }, { "pupils", LB_FIELD_PUPILS },
  { "subject", LB_FIELD_SUBJECT }, { "goal", LB_FIELD_LESSON_GOAL }, { "question", LB_FIELD_QUESTION },
  { "tops", LB_FIELD_TOPS }, { "tips", LB_FIELD_TIPS }, { "afspraken", LB_FIELD_AGREEMENTS },
  { "agreements", LB_FIELD_AGREEMENTS },
};

static int
observe_set (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe set";
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID FIELD VALUE — change a field"));
  g_option_context_set_description (context,
    _("Fields: date, start, end, school, group, pupils, subject, goal, question, tops, tips, afspraken. "
      "An empty VALUE (\"\") clears the field."));
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc < 4)
    return lb_cli_usage_error (cmd, _("give the observation, the field and its value (\"\" clears it)"));
  int field = -1;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (argv[2], fields[i].name))
      field = (int) fields[i].field;
  if (field < 0)
    return lb_cli_usage_error (cmd, _("unknown field “%s”; the fields are date, start, end, school, group, "
                                      "pupils, subject, goal, question, tops, tips, afspraken"), argv[2]);
  g_autofree char *value = join_args (argc, argv, 3);
  if ((field == LB_FIELD_START_TIME || field == LB_FIELD_END_TIME) && !valid_time (value))
    return lb_cli_usage_error (cmd, _("write times as HH:MM, for example 09:15"));
  if (field == LB_FIELD_DATE && !lb_cli_valid_date (value))
    return lb_cli_usage_error (cmd, _("“%s” is not a date; write it as YYYY-MM-DD"), value);
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  g_autofree char *uuid = store ? lb_cli_resolve (store, argv[1], cmd) : NULL;
  if (uuid == NULL)
    return LB_EXIT_FAILED;
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_field (store, uuid, (LbField) field, value, &error))
    return g_error_matches (error, LB_ERROR, LB_ERROR_INVALID) && field == LB_FIELD_PUPILS
           ? (lb_cli_usage_error (cmd, "%s", error->message)) : lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

static int
observe_focus (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe focus";
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Take the item out of the focus"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID ITEM — add an item to the focus"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 3)
    return lb_cli_usage_error (cmd, _("give the observation and the item"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  if (find_item (t.inst, argv[2], cmd) == NULL)
    return LB_EXIT_USAGE;
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_focus (t.store, t.obs->uuid, argv[2], !remove, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

/* ---- judging and signing ---- */

static LbNode *
find_judged_domain (LbInstrument *inst, const char *id, const char *command)
{
  LbNode *node = lb_instrument_find_node (inst, id);
  if (node && lb_node_get_kind (node) == LB_NODE_DOMAIN && lb_node_get_n_rules (node) > 0)
    return node;
  g_autoptr(GPtrArray) judged = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      LbNode *d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) > 0)
        g_ptr_array_add (judged, d);
      else
        g_object_unref (d);
    }
  g_autofree char *ids = join_ids (judged);
  lb_cli_usage_error (command, _("“%s” is not a domain with judgement rules; the domains to judge are: %s"),
                      id, ids);
  return NULL;
}

static void
print_evaluation (LbJudgement *j)
{
  g_print (_("Computed by the rules: %s\n"), lb_verdict_to_string (j->verdict));
  for (guint r = 0; r < j->results->len; r++)
    {
      const LbRuleResult *res = &g_array_index (j->results, LbRuleResult, r);
      g_print ("  %s %s\n", res->passed ? "✓" : "✗", res->explanation);
    }
}

static int
observe_judge (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe judge";
  gboolean confirm = FALSE;
  g_autofree char *deviate = NULL, *motivation = NULL;
  GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm, N_("Agree with the computed judgement"), NULL },
    { "deviate", 0, 0, G_OPTION_ARG_STRING, &deviate, N_("Decide otherwise: met or not-met"), "met|not-met" },
    { "motivation", 0, 0, G_OPTION_ARG_STRING, &motivation, N_("Why you deviate (required with --deviate)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID DOMAIN — judge a domain of a summative observation"));
  g_option_context_set_description (context, _("Without --confirm or --deviate the computed judgement is "
                                               "shown and stored as not yet confirmed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 3)
    return lb_cli_usage_error (cmd, _("give the observation and the domain"));
  if (confirm && deviate)
    return lb_cli_usage_error (cmd, _("choose either --confirm or --deviate"));
  if (deviate && !g_str_equal (deviate, "met") && !g_str_equal (deviate, "not-met"))
    return lb_cli_usage_error (cmd, _("--deviate is met or not-met, not “%s”"), deviate);
  if (deviate && (motivation == NULL || *g_strstrip (motivation) == '\0'))
    return lb_cli_usage_error (cmd, _("deviating from the computed judgement needs --motivation"));
  if (motivation && !deviate)
    return lb_cli_usage_error (cmd, _("--motivation goes with --deviate"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  if (t.obs->purpose != LB_PURPOSE_SUMMATIEF)
    {
      g_printerr (_("lesbezoek %s: this is a %s observation; only a summative observation carries a "
                    "judgement (coaching never judges)\n"), cmd, lb_purpose_to_string (t.obs->purpose));
      return LB_EXIT_FAILED;
    }
  LbNode *domain = find_judged_domain (t.inst, argv[2], cmd);
  if (domain == NULL)
    return LB_EXIT_USAGE;
  g_autoptr(LbJudgement) j = lb_judgement_evaluate_observation (domain, t.inst, t.obs);
  const char *computed = lb_cli_verdict_code (j->verdict);
  print_evaluation (j);
  if (deviate && g_str_equal (deviate, computed))
    return lb_cli_usage_error (cmd, _("the rules already give “%s”; use --confirm"), deviate);
  LbDomainJudgement dj = { (char *) argv[2], (char *) computed, confirm, deviate, motivation };
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_judgement (t.store, t.obs->uuid, &dj, &error))
    return lb_cli_fail (cmd, error);
  if (deviate)
    g_print (_("Judged by the assessor: %s, deviating from the rules.\n"), lb_cli_verdict_label (deviate));
  else if (confirm)
    g_print (_("Confirmed by the assessor.\n"));
  else
    g_print (_("Stored, not yet confirmed; confirm with --confirm or deviate with --deviate.\n"));
  return LB_EXIT_OK;
}

/* The items of @session scored with a level but, though the instrument
 * requires evidence for them, without a linked note of that session. */
static void
add_evidence_problems (GPtrArray *problems, LbObservation *o, LbInstrument *inst, guint session)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  g_autoptr(GString) ids = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    if (lb_scoring_item_lacks_evidence (inst, o, session, items->pdata[i]))
      g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", lb_node_get_id (items->pdata[i]));
  if (ids->len == 0)
    return;
  g_ptr_array_add (problems, session
    ? g_strdup_printf (_("session %u: the instrument requires evidence for %s: link a note of that session "
                         "to each (observe note --session %u --item ITEM, or observe link)"), session, ids->str, session)
    : g_strdup_printf (_("the instrument requires evidence for %s: link a note to each (observe note --item "
                         "ITEM, or observe link)"), ids->str));
}

static void
add_unscored_problems (GPtrArray *problems, LbObservation *o, LbInstrument *inst, guint s)
{
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      const char *id = lb_node_get_id (items->pdata[i]);
      const LbScore *sc = lb_observation_find_score (o, s, id);
      if (sc == NULL || (sc->not_observed && (sc->reason == NULL || *sc->reason == '\0')))
        g_ptr_array_add (problems, s ? g_strdup_printf (_("item %s (session %u) is neither scored nor "
                                                          "marked not observed with a reason"), id, s)
                                     : g_strdup_printf (_("item %s is neither scored nor marked not "
                                                          "observed with a reason"), id));
    }
  guint missing = lb_scoring_snapshots_missing (inst, o, s);
  if (missing > 0)
    g_ptr_array_add (problems, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "session %u: %u snapshot is not answered yet",
                                                             "session %u: %u snapshots are not answered yet",
                                                             missing), s, missing));
}

static void
add_judgement_problems (GPtrArray *problems, LbObservation *o, LbInstrument *inst)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) == 0)
        continue;
      const LbDomainJudgement *dj = NULL;
      for (guint k = 0; k < o->judgements->len; k++)
        if (g_str_equal (((LbDomainJudgement *) o->judgements->pdata[k])->domain_id, lb_node_get_id (d)))
          dj = o->judgements->pdata[k];
      g_autoptr(LbJudgement) j = lb_judgement_evaluate_observation (d, inst, o);
      if (dj == NULL || (!dj->confirmed && dj->decided == NULL))
        g_ptr_array_add (problems, g_strdup_printf (_("domain %s is not judged yet (observe judge … --confirm "
                                                      "or --deviate)"), lb_node_get_id (d)));
      else if (g_strcmp0 (dj->computed, lb_cli_verdict_code (j->verdict)) != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("the scores of domain %s changed after it was judged; "
                                                      "judge it again"), lb_node_get_id (d)));
    }
}

/* What keeps an observation from being signed. Any observation: a score
 * the instrument requires evidence for has a linked note of its session
 * (signing confirms the scores). A summative one also: every item scored
 * or "not observed" with a reason, in every session; every applicable
 * snapshot answered; every domain judged (confirmed or deviated) on the
 * scores as they are now. */
static GPtrArray *
finalize_problems (LbObservation *o, LbInstrument *inst)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;
  guint first = lb_instrument_get_sessions (inst, &count, NULL, NULL, NULL) == LB_SESSIONS_NONE ? 0 : 1;
  guint last = first == 0 ? 0 : count;
  for (guint s = first; s <= last; s++)
    {
      if (o->purpose == LB_PURPOSE_SUMMATIEF)
        add_unscored_problems (problems, o, inst, s);
      add_evidence_problems (problems, o, inst, s);
    }
  if (o->purpose == LB_PURPOSE_SUMMATIEF)
    add_judgement_problems (problems, o, inst);
  return problems;
}

static int
observe_finalize (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe finalize";
  g_autofree char *signed_by = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "signed-by", 0, 0, G_OPTION_ARG_STRING, &signed_by, N_("The name of the observer who signs"), N_("NAME") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID — sign and lock an observation"));
  g_option_context_set_description (context, _("A final observation can no longer be changed; its content "
                                               "is sealed with a hash, and corrections become addenda."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error (cmd, _("name one observation by its id"));
  if (signed_by == NULL || *g_strstrip (signed_by) == '\0')
    return lb_cli_usage_error (cmd, _("say who signs with --signed-by"));
  g_auto(Target) t = { 0 };
  if (!target_open (&t, g, argv[1], cmd))
    return LB_EXIT_FAILED;
  if (t.obs->status == LB_STATUS_FINAL)
    return g_printerr (_("lesbezoek %s: this observation is already final\n"), cmd), LB_EXIT_FAILED;
  g_autoptr(GPtrArray) problems = finalize_problems (t.obs, t.inst);
  if (problems->len > 0)
    {
      if (t.obs->purpose == LB_PURPOSE_SUMMATIEF)
        g_printerr (_("lesbezoek %s: a summative observation is signed only when it is complete:\n"), cmd);
      else
        g_printerr (_("lesbezoek %s: the observation cannot be signed yet:\n"), cmd);
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (char *) problems->pdata[i]);
      return LB_EXIT_FAILED;
    }
  g_autofree char *question = g_strdup_printf (_("Sign and lock the observation of %s on %s? It can no "
                                                 "longer be changed afterwards. [y/N]"),
                                               t.obs->starter->name, t.obs->date);
  int status = lb_cli_confirm (cmd, yes, question, NULL);
  if (status != LB_EXIT_OK)
    return status;
  g_autoptr(GError) error = NULL;
  if (!lb_store_finalize (t.store, t.obs->uuid, signed_by, &error))
    return lb_cli_fail (cmd, error);
  g_autoptr(LbObservation) done = lb_store_load (t.store, t.obs->uuid, NULL);
  g_print (_("Signed and locked; content hash %s\n"), done ? done->content_hash : "?");
  return LB_EXIT_OK;
}

/* ---- after signing ---- */

static int
observe_acknowledge (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe acknowledge";
  g_autofree char *reaction = NULL;
  GOptionEntry entries[] = {
    { "reaction", 0, 0, G_OPTION_ARG_STRING, &reaction, N_("The starter's reaction"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID — the starter has seen the observation"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error (cmd, _("name one observation by its id"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  g_autofree char *uuid = store ? lb_cli_resolve (store, argv[1], cmd) : NULL;
  g_autoptr(GError) error = NULL;
  if (uuid == NULL)
    return LB_EXIT_FAILED;
  if (!lb_store_acknowledge (store, uuid, reaction, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

static int
observe_addendum (LbCliGlobals *g, int argc, char **argv)
{
  const char *cmd = "observe addendum";
  g_autofree char *author = NULL;
  GOptionEntry entries[] = {
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who writes the addendum"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("UUID TEXT — add a correction to a final observation"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc < 3)
    return lb_cli_usage_error (cmd, _("give the observation and the text"));
  if (author == NULL || *g_strstrip (author) == '\0')
    return lb_cli_usage_error (cmd, _("say who writes the addendum with --author"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  g_autofree char *uuid = store ? lb_cli_resolve (store, argv[1], cmd) : NULL;
  g_autofree char *text = join_args (argc, argv, 2);
  g_autoptr(GError) error = NULL;
  if (uuid == NULL)
    return LB_EXIT_FAILED;
  if (!lb_store_add_addendum (store, uuid, author, text, &error))
    return lb_cli_fail (cmd, error);
  return LB_EXIT_OK;
}

static int
observe_delete (LbCliGlobals *g, int argc, char **argv)
{
  gboolean undo = g_str_equal (argv[0], "undelete");
  const char *cmd = undo ? "observe undelete" : "observe delete";
  g_autoptr(GOptionContext) context = g_option_context_new (undo ? _("UUID — bring back a deleted draft")
                                                                 : _("UUID — delete a draft"));
  if (!lb_cli_parse_command (context, &argc, &argv, cmd))
    return LB_EXIT_USAGE;
  if (argc != 2)
    return lb_cli_usage_error (cmd, _("name one observation by its id"));
  g_autoptr(LbStore) store = lb_cli_store_or_fail (g, cmd);
  /* A deleted draft no longer resolves by prefix: undelete takes the full id. */
  g_autofree char *uuid = store && !undo ? lb_cli_resolve (store, argv[1], cmd) : g_strdup (argv[1]);
  g_autoptr(GError) error = NULL;
  if (store == NULL || uuid == NULL)
    return LB_EXIT_FAILED;
  if (!(undo ? lb_store_undelete_draft : lb_store_delete_draft) (store, uuid, &error))
    return lb_cli_fail (cmd, error);
  if (!undo)
    g_print (_("Deleted the draft. Bring it back with: lesbezoek observe undelete %s\n"), uuid);
  return LB_EXIT_OK;
}

/* ---- dispatch ---- */

static const struct {
  const char *name;
  const char *args;
  const char *summary;
  LbCliFunc   func;
} actions[] = {
  { "new", N_("--starter NAME --observer NAME --purpose P …"), N_("Start an observation; prints its id"), observe_new },
  { "score", N_("UUID ITEM LEVEL | --not-observed | --computed"), N_("Score an item"), observe_score },
  { "mark", N_("UUID INDICATOR [--code C | --clear]"), N_("Tick an indicator"), observe_mark },
  { "snapshot", N_("UUID SNAPSHOT CODE [--session N] [--minute M]"), N_("Answer a snapshot"), observe_snapshot },
  { "note", N_("UUID --minute M TEXT [--item ITEM]…"), N_("Write a note; prints its id"), observe_note },
  { "link", N_("NOTE ITEM [--unlink]"), N_("Link a note to an item"), observe_link },
  { "set", N_("UUID FIELD VALUE"), N_("Change a field (tops, tips, afspraken, subject, …)"), observe_set },
  { "focus", N_("UUID ITEM [--remove]"), N_("Add an item to the focus"), observe_focus },
  { "judge", N_("UUID DOMAIN [--confirm | --deviate V --motivation T]"), N_("Judge a domain (summative only)"), observe_judge },
  { "finalize", N_("UUID --signed-by NAME [--yes]"), N_("Sign and lock"), observe_finalize },
  { "acknowledge", N_("UUID [--reaction TEXT]"), N_("The starter has seen it"), observe_acknowledge },
  { "addendum", N_("UUID --author NAME TEXT"), N_("Add a correction to a final observation"), observe_addendum },
  { "delete", N_("UUID"), N_("Delete a draft"), observe_delete },
  { "undelete", N_("UUID"), N_("Bring back a deleted draft"), observe_delete },
};

static void
print_observe_help (void)
{
  g_print (_("Usage:\n  lesbezoek observe ACTION [ARG…]\n\nActions:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", actions[i].name, _(actions[i].args));
      g_print ("  %-58s %s\n", head, _(actions[i].summary));
    }
  g_print (_("\nUUID may be the first characters of an observation's id. "
             "“lesbezoek observe ACTION --help” shows an action's options.\n"));
}

/* lesbezoek observe ACTION … */
int
lb_cli_observe (LbCliGlobals *g, int argc, char **argv)
{
  if (argc < 2)
    return lb_cli_usage_error ("observe", _("say what to do; “lesbezoek observe --help” lists the actions"));
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return print_observe_help (), LB_EXIT_OK;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (argv[1], actions[i].name))
      return actions[i].func (g, argc - 1, argv + 1);
  return lb_cli_usage_error ("observe", _("unknown action “%s”; “lesbezoek observe --help” lists them"), argv[1]);
}
