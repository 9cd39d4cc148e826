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
  gboolean    flag;      /* not observed / mark on / linked */
  int         minute;
} Pending;

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
};

int      lb_observe_view_lesson_minute (LbObserveView *self);
gboolean lb_observe_view_reload        (LbObserveView *self);
void     lb_observe_view_report        (LbObserveView *self, GError *error, Pending *pending);
void     lb_observe_view_notes_init    (LbObserveView *self);
void     lb_observe_view_show_notes    (LbObserveView *self);
void     lb_observe_view_add_note      (LbObserveView *self);
gboolean lb_observe_view_run_pending   (LbObserveView *self, Pending *p, GError **error);
void     lb_pending_free               (Pending *p);

G_END_DECLS
