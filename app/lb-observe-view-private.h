/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-observe-view.h"
#include "lb-item-card.h"
#include "lb-store-queue.h"

G_BEGIN_DECLS

/* A change the store refused (full disk, …): kept so nothing the observer
 * did is lost, retried on request. */
typedef enum { PENDING_SCORE, PENDING_MARK, PENDING_NOTE, PENDING_LINK } PendingKind;

typedef struct {
  PendingKind kind;
  char       *id;        /* item, indicator or note uuid */
  char       *value;     /* level id, item id (links), or note text */
  gboolean    flag;      /* not observed / linked */
  int         minute;
  guint       session;   /* the cycle or segment it belongs to, 0 without */
} Pending;

/* One session's own clock: it runs only while started, so an observer can
 * pause between cycles; minutes are counted from its own start. */
typedef struct {
  gint64 elapsed;        /* µs before the last start */
  gint64 started_at;     /* monotonic µs, 0 while paused */
} SessionClock;

struct _LbObserveView
{
  AdwBin          parent_instance;

  AdwFlap        *flap;
  GtkLabel       *starter_label;
  GtkLabel       *context_label;
  GtkLabel       *question_label;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStack   *mode_stack;
  GtkListBox     *domain_list;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;
  GtkBox         *cards_box;
  GtkScrolledWindow *score_scroller;
  GtkLabel       *clock_label;
  GtkButton      *wrapup_button;
  GtkTextView    *note_view;
  GtkLabel       *note_hint;
  GtkListBox     *notes_list;
  GtkBox         *session_bar;
  GtkLabel       *session_title;
  GtkBox         *session_buttons;
  GtkButton      *session_clock_button;
  GtkLabel       *session_clock_label;
  GtkMenuButton  *clock_menu_button;
  GtkPopover     *clock_popover;
  GtkSpinButton  *clock_spin;
  GtkMenuButton  *snapshots_button;
  GtkRevealer    *snapshot_revealer;
  GtkLabel       *snapshot_label;
  GtkBox         *snapshot_codes;

  LbStore        *store;
  LbStoreQueue   *queue;        /* scores and marks, committed off the main thread */
  LbInstrument   *instrument;
  LbObservation  *obs;
  GPtrArray      *cards;        /* LbItemCard of the domain shown */
  GPtrArray      *pending;      /* Pending */
  int             current;      /* index into cards, -1 none */
  char           *domain_id;    /* shown: a domain id, or "" for the focus items */
  gint64          opened_at;    /* monotonic µs, for lessons without a start time */
  guint           clock_source;
  /* cycles or segments: scores, marks, notes and snapshots go to @session */
  LbSessionsKind  sessions_kind;
  guint           n_sessions;   /* 0 without sessions */
  guint           session;      /* 1 … n_sessions, or 0 */
  SessionClock   *clocks;       /* n_sessions + 1, indexed by session */
  GHashTable     *dismissed;    /* "session/snapshot-id" of prompts put off */
  char           *prompt_id;    /* the snapshot prompt on screen, or NULL */
};

int      lb_observe_view_lesson_minute (LbObserveView *self);
gboolean lb_observe_view_reload        (LbObserveView *self);
void     lb_observe_view_report        (LbObserveView *self, GError *error, Pending *pending);
void     lb_observe_view_notes_init    (LbObserveView *self);
void     lb_observe_view_show_notes    (LbObserveView *self);
void     lb_observe_view_add_note      (LbObserveView *self);
gboolean lb_observe_view_run_pending   (LbObserveView *self, Pending *p, GError **error);
void     lb_pending_free               (Pending *p);

/* lb-observe-view-sessions.c */
void     lb_observe_view_sessions_class_init (GtkWidgetClass *widget_class);
void     lb_observe_view_sessions_init (LbObserveView *self);
void     lb_observe_view_sessions_load (LbObserveView *self, gboolean same);
void     lb_observe_view_sessions_update (LbObserveView *self);
void     lb_observe_view_sessions_dispose (LbObserveView *self);
void     lb_observe_view_show_session  (LbObserveView *self);
gboolean lb_observe_view_item_scored   (LbObserveView *self, LbNode *item);

G_END_DECLS
