/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-observe-view"

/* Cycles and segments on the observing screen: a switcher with a clock of
 * its own per session (for cycles first the observing, then the scoring
 * period), and the snapshot prompts that come up when the session's clock
 * reaches their minute. A prompt is only seen, never heard: this runs in a
 * classroom. Everything scored, marked or written goes to the session on
 * screen; switching changes what is shown, never what is stored. */

#include "config.h"
#include "lb-observe-view-private.h"
#include "lb-scoring.h"
#include "lb-window.h"

#include <glib/gi18n.h>

/* ---- the clocks ---- */

static gint64
session_elapsed (LbObserveView *self, guint session)
{
  if (self->clocks == NULL || session == 0 || session > self->n_sessions)
    return 0;
  SessionClock *c = &self->clocks[session];
  return c->elapsed + (c->started_at ? g_get_monotonic_time () - c->started_at : 0);
}

static guint
session_minute (LbObserveView *self, guint session)
{
  return (guint) (session_elapsed (self, session) / G_USEC_PER_SEC / 60);
}

static gboolean
clock_running (LbObserveView *self, guint session)
{
  return self->clocks && session > 0 && session <= self->n_sessions && self->clocks[session].started_at != 0;
}

static void
clock_stop (LbObserveView *self, guint session)
{
  SessionClock *c = &self->clocks[session];
  if (c->started_at)
    c->elapsed += g_get_monotonic_time () - c->started_at;
  c->started_at = 0;
}

void
lb_observe_view_set_session_minutes (LbObserveView *self, guint session, guint minutes)
{
  g_return_if_fail (LB_IS_OBSERVE_VIEW (self));
  if (self->clocks == NULL || session == 0 || session > self->n_sessions)
    return;
  SessionClock *c = &self->clocks[session];
  c->elapsed = (gint64) minutes * 60 * G_USEC_PER_SEC;
  if (c->started_at)
    c->started_at = g_get_monotonic_time ();
  lb_observe_view_sessions_update (self);
}

guint
lb_observe_view_get_session (LbObserveView *self)
{
  g_return_val_if_fail (LB_IS_OBSERVE_VIEW (self), 0);
  return self->session;
}

static const char *
session_word (LbObserveView *self)
{
  return self->sessions_kind == LB_SESSIONS_CYCLES ? _("Cycle") : _("Segment");
}

/* "Observing · 12 of 20 min", "Scoring · 3 of 10 min", … */
static char *
phase_text (LbObserveView *self)
{
  guint observe = 0, score = 0, minute = session_minute (self, self->session);
  lb_instrument_get_session_minutes (self->instrument, self->session, &observe, &score);
  gboolean running = clock_running (self, self->session);
  if (!running && session_elapsed (self, self->session) == 0)
    return g_strdup (_("Not started"));
  g_autofree char *phase = NULL;
  if (observe == 0)
    phase = g_strdup_printf (_("%u min"), minute);
  else if (minute < observe)
    phase = self->sessions_kind == LB_SESSIONS_CYCLES
            ? g_strdup_printf (_("Observing · %u of %u min"), minute, observe)
            : g_strdup_printf (_("%u of %u min"), minute, observe);
  else if (score > 0 && minute < observe + score)
    phase = g_strdup_printf (_("Scoring · %u of %u min"), minute - observe, score);
  else
    phase = self->sessions_kind == LB_SESSIONS_CYCLES
            ? g_strdup_printf (_("Cycle over · %u min"), minute)
            : g_strdup_printf (_("Segment over · %u min"), minute);
  return running ? g_steal_pointer (&phase) : g_strdup_printf (_("Paused · %s"), phase);
}

static void
update_clock (LbObserveView *self)
{
  gboolean running = clock_running (self, self->session);
  /* A locked observation's clock has nothing to say: only the title. */
  g_autofree char *phase = self->obs->status == LB_STATUS_DRAFT ? phase_text (self) : NULL;
  LbText *title = lb_instrument_get_session_title (self->instrument, self->session);
  /* The instrument's own name for the session, where it gives one; after
   * the phase, which matters most and must not be cut off on a tablet. */
  g_autofree char *text = title && phase ? g_strdup_printf ("%s · %s", phase, lb_text_get_ui (title))
                          : title ? g_strdup (lb_text_get_ui (title)) : g_strdup (phase ? phase : "");
  gtk_label_set_text (self->session_clock_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->session_clock_label), text);
  gtk_button_set_icon_name (self->session_clock_button,
                            running ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  g_autofree char *tip = running ? g_strdup_printf (_("Pause the clock of %s %u"), session_word (self), self->session)
                                 : g_strdup_printf (_("Start the clock of %s %u"), session_word (self), self->session);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->session_clock_button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->session_clock_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

/* One session's clock runs at a time: starting a cycle ends the pause of
 * this one and stops any other. */
static void
session_clock_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  if (self->session == 0)
    return;
  if (clock_running (self, self->session))
    clock_stop (self, self->session);
  else
    {
      for (guint s = 1; s <= self->n_sessions; s++)
        clock_stop (self, s);
      self->clocks[self->session].started_at = g_get_monotonic_time ();
    }
  lb_observe_view_sessions_update (self);
}

/* Corrects a clock started late, or restarted after the app was closed. */
static void
clock_popover_show_cb (LbObserveView *self)
{
  gtk_spin_button_set_value (self->clock_spin, session_minute (self, self->session));
}

static void
clock_set_cb (LbObserveView *self)
{
  gtk_spin_button_update (self->clock_spin);
  lb_observe_view_set_session_minutes (self, self->session, (guint) gtk_spin_button_get_value_as_int (self->clock_spin));
  gtk_popover_popdown (self->clock_popover);
}

/* ---- switching ---- */

static void
select_session (LbObserveView *self, guint session)
{
  if (session == 0 || session > self->n_sessions || session == self->session)
    return;
  self->session = session;
  lb_observe_view_show_session (self);
}

static void
session_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  if (g_str_equal (action, "observe.next-session"))
    select_session (self, self->session + 1);
  else if (g_str_equal (action, "observe.previous-session"))
    select_session (self, self->session > 1 ? self->session - 1 : 0);
  else
    select_session (self, g_variant_get_uint32 (param));
}

static void
session_toggled_cb (GtkToggleButton *button, LbObserveView *self)
{
  guint session = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "session"));
  if (gtk_toggle_button_get_active (button))
    select_session (self, session);
  else if (session == self->session)
    gtk_toggle_button_set_active (button, TRUE);  /* one session is always shown */
}

static void
build_switcher (LbObserveView *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->session_buttons))))
    gtk_box_remove (self->session_buttons, child);
  GtkToggleButton *group = NULL;
  for (guint s = 1; s <= self->n_sessions; s++)
    {
      g_autofree char *label = g_strdup_printf ("%u", s);
      GtkWidget *b = gtk_toggle_button_new_with_label (label);
      if (group)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (b), group);
      group = group ? group : GTK_TOGGLE_BUTTON (b);
      LbText *title = lb_instrument_get_session_title (self->instrument, s);
      g_autofree char *name = title ? g_strdup (lb_text_get_ui (title)) : g_strdup_printf ("%s %u", session_word (self), s);
      g_autofree char *tip = s <= 9 ? g_strdup_printf (_("%s (Alt+%u)"), name, s) : g_strdup (name);
      gtk_widget_set_tooltip_text (b, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (b), "session", GUINT_TO_POINTER (s));
      gtk_box_append (self->session_buttons, b);
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->session_buttons)); child;
       child = gtk_widget_get_next_sibling (child))
    g_signal_connect (child, "toggled", G_CALLBACK (session_toggled_cb), self);
}

static void
sync_switcher (LbObserveView *self)
{
  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->session_buttons)); b;
       b = gtk_widget_get_next_sibling (b))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "session")) == self->session &&
        !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (b)))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), TRUE);
}

/* ---- snapshot answers ---- */

static gboolean
store_snapshot (LbObserveView *self, const LbSnapshot *snap, const char *code, int minute)
{
  g_autoptr(GError) error = NULL;
  if (!lb_store_set_snapshot (self->store, self->obs->uuid, self->session, snap->id, code, minute, &error))
    {
      lb_observe_view_report (self, error, NULL);
      return FALSE;
    }
  return lb_observe_view_reload (self);
}

static char *
snapshot_code_label (const LbSnapshot *snap, const char *code)
{
  if (g_strcmp0 (code, LB_CODE_NOT_APPLICABLE) == 0)
    return g_strdup (lb_scale_get_not_observed_label (snap->scale, lb_text_ui_language ()));
  int level = lb_scale_find_level (snap->scale, code);
  return g_strdup (level >= 0 ? lb_text_get_ui (lb_scale_get_level (snap->scale, (guint) level)->label) : code);
}

/* The codes of a snapshot's scale, "not applicable" last where allowed. */
static GStrv
snapshot_codes (const LbSnapshot *snap)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; i < lb_scale_get_n_levels (snap->scale); i++)
    g_strv_builder_add (b, lb_scale_get_level (snap->scale, i)->id);
  if (lb_scale_get_not_observed_allowed (snap->scale))
    g_strv_builder_add (b, LB_CODE_NOT_APPLICABLE);
  return g_strv_builder_end (b);
}

static GtkWidget *
code_button (const LbSnapshot *snap, const char *code)
{
  g_autofree char *label = snapshot_code_label (snap, code);
  GtkWidget *b = gtk_toggle_button_new_with_label (label);
  g_autofree char *a11y = g_strdup_printf (_("%s: %s"), lb_text_get_ui (snap->text), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (b), "code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (b), "snapshot", (gpointer) snap);
  return b;
}

static void
prompt_answered_cb (GtkButton *button, LbObserveView *self)
{
  const LbSnapshot *snap = g_object_get_data (G_OBJECT (button), "snapshot");
  store_snapshot (self, snap, g_object_get_data (G_OBJECT (button), "code"), (int) session_minute (self, self->session));
}

static void
dismiss_action (GtkWidget *widget, const char *action, GVariant *param)
{
  LbObserveView *self = LB_OBSERVE_VIEW (widget);
  if (self->prompt_id == NULL)
    return;
  g_hash_table_add (self->dismissed, g_strdup_printf ("%u/%s", self->session, self->prompt_id));
  lb_observe_view_sessions_update (self);
}

static void
show_prompt (LbObserveView *self, const LbSnapshot *snap)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->snapshot_codes))))
    gtk_box_remove (self->snapshot_codes, child);
  g_autofree char *text = g_strdup_printf (_("Snapshot (minute %u): %s"), snap->minute, lb_text_get_ui (snap->text));
  gtk_label_set_text (self->snapshot_label, text);
  g_auto(GStrv) codes = snapshot_codes (snap);
  for (guint i = 0; codes[i]; i++)
    {
      /* Plain buttons: answering is one tap, and the prompt then goes. */
      g_autofree char *label = snapshot_code_label (snap, codes[i]);
      GtkWidget *b = gtk_button_new_with_label (label);
      g_autofree char *a11y = g_strdup_printf (_("%s: %s"), lb_text_get_ui (snap->text), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (b), "code", g_strdup (codes[i]), g_free);
      g_object_set_data (G_OBJECT (b), "snapshot", (gpointer) snap);
      g_signal_connect (b, "clicked", G_CALLBACK (prompt_answered_cb), self);
      gtk_box_append (self->snapshot_codes, b);
    }
}

static void
update_prompt (LbObserveView *self)
{
  const LbSnapshot *due = NULL;
  /* Nothing is due before the session's clock has been started. */
  gboolean started = clock_running (self, self->session) || session_elapsed (self, self->session) > 0;
  if (self->session > 0 && self->obs->status == LB_STATUS_DRAFT && started)
    {
      g_autoptr(GPtrArray) list = lb_scoring_snapshots_due (self->instrument, self->obs, self->session,
                                                            session_minute (self, self->session));
      for (guint i = 0; list && i < list->len && due == NULL; i++)
        {
          const LbSnapshot *s = list->pdata[i];
          g_autofree char *key = g_strdup_printf ("%u/%s", self->session, s->id);
          if (!g_hash_table_contains (self->dismissed, key))
            due = s;
        }
    }
  /* Rebuilt only when another prompt is due: never under the finger. */
  if (due && g_strcmp0 (due->id, self->prompt_id) != 0)
    show_prompt (self, due);
  g_free (self->prompt_id);
  self->prompt_id = due ? g_strdup (due->id) : NULL;
  gtk_revealer_set_reveal_child (self->snapshot_revealer, due != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observe.dismiss-snapshot", due != NULL);
}

/* ---- the list of a session's snapshots, to review and change ---- */

static void
review_toggled_cb (GtkToggleButton *button, LbObserveView *self)
{
  if (g_object_get_data (G_OBJECT (button), "updating"))
    return;
  const LbSnapshot *snap = g_object_get_data (G_OBJECT (button), "snapshot");
  gboolean active = gtk_toggle_button_get_active (button);
  /* A second tap on the given answer takes it back. */
  for (GtkWidget *b = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (button))); b;
       b = gtk_widget_get_next_sibling (b))
    if (b != GTK_WIDGET (button) && active)
      {
        g_object_set_data (G_OBJECT (b), "updating", GINT_TO_POINTER (1));
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), FALSE);
        g_object_set_data (G_OBJECT (b), "updating", NULL);
      }
  const LbSnapshotAnswer *old = lb_scoring_find_snapshot_answer (self->obs, self->session, snap->id);
  /* A corrected answer keeps the minute it was first given at. */
  int minute = old ? old->minute : (int) session_minute (self, self->session);
  store_snapshot (self, snap, active ? g_object_get_data (G_OBJECT (button), "code") : NULL, minute);
}

static char *
state_text (const LbSnapshotAnswer *answer, LbSnapshotState state)
{
  if (answer)
    return g_strdup_printf (_("Answered at minute %d"), answer->minute);
  if (state == LB_SNAPSHOT_NOT_APPLICABLE)
    return g_strdup (_("Not applicable, after an earlier answer"));
  if (state == LB_SNAPSHOT_WAITING)
    return g_strdup (_("Waits for the answer to an earlier snapshot"));
  return g_strdup (_("Not answered yet"));
}

static GtkWidget *
review_row (LbObserveView *self, const LbSnapshot *snap)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = g_strdup_printf (_("Minute %u: %s"), snap->minute, lb_text_get_ui (snap->text));
  GtkWidget *label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  const LbSnapshotAnswer *answer = lb_scoring_find_snapshot_answer (self->obs, self->session, snap->id);
  LbSnapshotState state = lb_scoring_snapshot_state (self->instrument, self->obs, self->session, snap);
  g_autofree char *caption = state_text (answer, state);
  GtkWidget *codes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (codes, "linked");
  g_auto(GStrv) list = snapshot_codes (snap);
  for (guint i = 0; list[i]; i++)
    {
      GtkWidget *b = code_button (snap, list[i]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), answer && g_strcmp0 (answer->code, list[i]) == 0);
      gtk_widget_set_sensitive (b, self->obs->status == LB_STATUS_DRAFT &&
                                   (answer || state == LB_SNAPSHOT_APPLIES));
      g_signal_connect (b, "toggled", G_CALLBACK (review_toggled_cb), self);
      gtk_box_append (GTK_BOX (codes), b);
    }
  gtk_box_append (GTK_BOX (box), codes);
  GtkWidget *c = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (c), 0);
  gtk_widget_add_css_class (c, "caption");
  gtk_widget_add_css_class (c, "dim-label");
  gtk_box_append (GTK_BOX (box), c);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (codes), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, c, NULL, -1);
  return box;
}

static void
snapshots_popup_cb (GtkMenuButton *button, gpointer data)
{
  LbObserveView *self = data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  g_autofree char *heading = g_strdup_printf (_("Snapshots of %s %u"), session_word (self), self->session);
  GtkWidget *h = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (h), 0);
  gtk_widget_add_css_class (h, "heading");
  gtk_box_append (GTK_BOX (box), h);
  GPtrArray *snaps = lb_instrument_get_snapshots (self->instrument);
  for (guint i = 0; snaps && i < snaps->len; i++)
    if (lb_snapshot_in_session (snaps->pdata[i], self->session))
      gtk_box_append (GTK_BOX (box), review_row (self, snaps->pdata[i]));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 520);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_size_request (scroller, 420, -1);
  GtkWidget *popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (button, popover);
}

static void
update_snapshots_button (LbObserveView *self)
{
  GPtrArray *snaps = lb_instrument_get_snapshots (self->instrument);
  guint asked = 0, answered = 0;
  for (guint i = 0; snaps && i < snaps->len; i++)
    if (lb_snapshot_in_session (snaps->pdata[i], self->session))
      {
        const LbSnapshot *s = snaps->pdata[i];
        asked++;
        answered += lb_scoring_find_snapshot_answer (self->obs, self->session, s->id) != NULL;
      }
  gtk_widget_set_visible (GTK_WIDGET (self->snapshots_button), asked > 0);
  g_autofree char *label = g_strdup_printf (_("_Snapshots %u/%u"), answered, asked);
  gtk_menu_button_set_label (self->snapshots_button, label);
  g_autofree char *a11y = g_strdup_printf (_("Snapshots of this session: %u of %u answered"), answered, asked);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->snapshots_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

/* ---- life cycle ---- */

void
lb_observe_view_sessions_update (LbObserveView *self)
{
  if (self->obs == NULL || self->n_sessions == 0)
    {
      gtk_revealer_set_reveal_child (self->snapshot_revealer, FALSE);
      return;
    }
  sync_switcher (self);
  update_clock (self);
  update_snapshots_button (self);
  update_prompt (self);
}

void
lb_observe_view_sessions_load (LbObserveView *self, gboolean same)
{
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (self->instrument, &count, NULL, NULL, NULL);
  if (kind == LB_SESSIONS_NONE)
    count = 0;
  if (!same || count != self->n_sessions)
    {
      g_clear_pointer (&self->clocks, g_free);
      self->clocks = g_new0 (SessionClock, count + 1);
      g_hash_table_remove_all (self->dismissed);
      g_clear_pointer (&self->prompt_id, g_free);
      self->sessions_kind = kind;
      self->n_sessions = count;
      self->session = count > 0 ? 1 : 0;
      build_switcher (self);
    }
  gtk_label_set_text (self->session_title, count ? session_word (self) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->session_bar), count > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->session_clock_button), self->obs->status == LB_STATUS_DRAFT);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_menu_button), self->obs->status == LB_STATUS_DRAFT);
  lb_observe_view_sessions_update (self);
}

void
lb_observe_view_sessions_dispose (LbObserveView *self)
{
  g_clear_pointer (&self->clocks, g_free);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  g_clear_pointer (&self->prompt_id, g_free);
}

void
lb_observe_view_sessions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, session_bar);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, session_title);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, session_buttons);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, session_clock_button);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, session_clock_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, clock_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, clock_popover);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, clock_spin);
  gtk_widget_class_bind_template_callback (widget_class, clock_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, clock_set_cb);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, snapshots_button);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, snapshot_revealer);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, snapshot_label);
  gtk_widget_class_bind_template_child (widget_class, LbObserveView, snapshot_codes);
  gtk_widget_class_install_action (widget_class, "observe.session", "u", session_action);
  gtk_widget_class_install_action (widget_class, "observe.next-session", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "observe.previous-session", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "observe.session-clock", NULL, session_clock_action);
  gtk_widget_class_install_action (widget_class, "observe.dismiss-snapshot", NULL, dismiss_action);
  for (guint s = 1; s <= 9; s++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + s, GDK_ALT_MASK, "observe.session", "u", s);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + s, GDK_ALT_MASK, "observe.session", "u", s);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "observe.next-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "observe.previous-session", NULL);
}

void
lb_observe_view_sessions_init (LbObserveView *self)
{
  self->dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_menu_button_set_create_popup_func (self->snapshots_button, snapshots_popup_cb, self, NULL);
}
