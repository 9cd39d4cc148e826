/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-wrapup-view.h"
#include "lb-judgement.h"

G_BEGIN_DECLS

/* One of tops, tips and afspraken. Saved a short pause after typing and
 * when the field loses focus; while the store refuses, the text stays in
 * the field and "Not saved" shows above it. */
typedef struct {
  LbWrapupView *self;
  LbField       field;
  GtkTextView  *view;
  GtkLabel     *unsaved;
  char         *saved;        /* what the store holds */
  guint         timeout;
  gulong        changed_id;
} WrapupText;

#define WRAPUP_N_TEXTS 3

/* The widgets of one domain: its scores, and for a summative observation
 * its judgement. */
typedef struct {
  LbWrapupView    *self;
  LbNode          *domain;
  GtkWidget       *box;          /* holds the groups below */
  GtkWidget       *summary;      /* AdwPreferencesGroup, rebuilt on every reload */
  gboolean         expanded;     /* the "not observed" list was open */
  /* summative only, NULL otherwise */
  LbJudgement     *judgement;
  AdwActionRow    *decision_row;
  GtkImage        *decision_icon;
  GtkToggleButton *confirm;
  GtkToggleButton *deviate;
  GtkRevealer     *deviation;
  AdwComboRow     *decided_row;
  const char      *options[2];   /* verdict codes offered when deviating */
  GtkTextView     *motivation;
  GtkButton       *save_deviation;
} WrapupDomain;

/* What keeps a summative observation from being finalized. */
typedef enum {
  MISSING_SCORE,      /* neither scored nor marked not observed */
  MISSING_REASON,     /* not observed, without a reason */
  MISSING_JUDGEMENT,  /* a domain with rules is not judged on its current scores */
  MISSING_EVIDENCE,   /* scored, but the required note of that session is not linked */
  MISSING_SNAPSHOTS,  /* snapshots of a session not answered (node NULL) */
} MissingKind;

typedef struct {
  MissingKind kind;
  LbNode     *node;     /* the item, or the domain; NULL for snapshots */
  guint       session;
} Missing;

struct _LbWrapupView
{
  AdwBin               parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *finalize_button;
  GtkScrolledWindow   *scroller;
  AdwPreferencesGroup *locked_group;
  AdwActionRow        *signed_row;
  AdwActionRow        *hash_row;
  GtkBox              *todo_box;
  GtkBox              *domains_box;
  GtkBox              *after_box;
  GtkTextView         *tops_view;
  GtkTextView         *tips_view;
  GtkTextView         *agreements_view;
  GtkLabel            *tops_unsaved;
  GtkLabel            *tips_unsaved;
  GtkLabel            *agreements_unsaved;

  LbStore             *store;
  LbInstrument        *instrument;
  LbObservation       *obs;
  WrapupText           texts[WRAPUP_N_TEXTS];
  GPtrArray           *domains;            /* WrapupDomain */
  GHashTable          *reason_drafts;      /* "session:item" → reason being typed */
  GHashTable          *motivation_drafts;  /* domain id → motivation being typed */
  char                *ack_draft;          /* the starter's reaction, kept after a failure */
  char                *addendum_draft;
  char                *signer_draft;
  gboolean             updating;           /* set while showing stored state: no saving */
};

/* lb-wrapup-view.c */
gboolean     lb_wrapup_view_reload            (LbWrapupView *self);
void         lb_wrapup_view_report            (LbWrapupView *self,
                                               const char   *message,
                                               const char   *retry_action);
gboolean     lb_wrapup_view_editable          (LbWrapupView *self);
guint        lb_wrapup_view_item_number       (LbWrapupView *self,
                                               LbNode       *item);
const char  *lb_wrapup_view_verdict_code      (LbVerdict     verdict);
const char  *lb_wrapup_view_verdict_label     (const char   *code);

/* lb-wrapup-view-texts.c */
void         lb_wrapup_view_texts_init        (LbWrapupView *self);
void         lb_wrapup_view_texts_show        (LbWrapupView *self,
                                               gboolean      keep_unsaved);
gboolean     lb_wrapup_view_texts_flush       (LbWrapupView *self);
void         lb_wrapup_view_texts_clear       (LbWrapupView *self);
void         lb_wrapup_view_install_text_actions (GtkWidgetClass *widget_class);

/* lb-wrapup-view-domains.c */
void         lb_wrapup_view_domains_build     (LbWrapupView *self);
void         lb_wrapup_view_domains_update    (LbWrapupView *self);
void         lb_wrapup_view_domains_clear     (LbWrapupView *self);
GArray      *lb_wrapup_view_missing           (LbWrapupView *self);
const LbDomainJudgement *lb_wrapup_view_find_judgement (LbWrapupView *self,
                                               const char   *domain_id);
void         lb_wrapup_view_focus_domain      (LbWrapupView *self,
                                               LbNode       *domain);

/* lb-wrapup-view-todo.c */
void         lb_wrapup_view_todo_update       (LbWrapupView *self,
                                               GArray       *missing);

G_END_DECLS
