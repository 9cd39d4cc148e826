/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include "lb-report.h"
#include "lb-judgement.h"

G_BEGIN_DECLS

/* The insides of the report documents, shared by lb-report*.c:
 *
 *   lb-report-text.c         the context: fonts, the report's own language
 *                            (a catalog read from the .mo file, since the
 *                            report's language need not be the app's),
 *                            Dutch hyphenation, dates and numbers
 *   lb-report-blocks.c       generic blocks: paragraphs, headings, tables
 *   lb-report-items.c        the observation's own drawings: scale bars,
 *                            legends, summaries, judgements, sign-off
 *   lb-report-observation.c  one observation → a section of blocks
 *   lb-report-dossier.c      a starter → cover, overview, chart, sections
 *   lb-report.c              the document: pagination, pages, PDF
 *
 * A section is a list of blocks that starts on a new page. A block lays
 * itself out at a width as a list of slices (a paragraph's lines, a
 * table's rows, or one slice for what must not be cut) and draws any run
 * of them; the paginator only sees slice heights. */

/* ---- context ---- */

typedef enum {
  LB_FONT_BODY,
  LB_FONT_BODY_BOLD,
  LB_FONT_BODY_ITALIC,
  LB_FONT_SMALL,
  LB_FONT_SMALL_BOLD,
  LB_FONT_SMALL_ITALIC,
  LB_FONT_TINY,
  LB_FONT_TINY_BOLD,
  LB_FONT_H3,
  LB_FONT_H2,
  LB_FONT_H1,
  LB_FONT_TITLE,
  LB_FONT_MONO,
  LB_N_FONTS
} LbFont;

typedef struct {
  double r, g, b;
} LbColor;

extern const LbColor lb_color_text;
extern const LbColor lb_color_muted;
extern const LbColor lb_color_accent;
extern const LbColor lb_color_accent_light;
extern const LbColor lb_color_rule;
extern const LbColor lb_color_box;
extern const LbColor lb_color_met;
extern const LbColor lb_color_not_met;
extern const LbColor lb_color_neutral;
extern const LbColor lb_color_white;

typedef struct _LbReportCtx LbReportCtx;
struct _LbReportCtx
{
  char                 *lang;
  PangoContext         *pango;
  PangoFontDescription *fonts[LB_N_FONTS];
  gpointer              catalog;      /* NULL: English, the msgids */
  gboolean              hyphenate;
  /* the page, in points */
  double                page_width;
  double                page_height;
  double                margin_left;
  double                margin_right;
  double                margin_top;     /* the running head sits above it */
  double                margin_bottom;  /* the footer sits below it */
  /* known after pagination: the first page of every section (0-based) */
  GArray               *section_first_page;
  GHashTable           *numbers;      /* LbScale → its levels' numbers, laid out */
  GHashTable           *shared;       /* see lb_report_layout_shared () */
  GQueue                lru;
};

LbReportCtx *lb_report_ctx_new           (const char   *lang);
void         lb_report_ctx_free          (LbReportCtx  *ctx);
void         lb_report_ctx_set_page_size (LbReportCtx  *ctx,
                                          double        width,
                                          double        height);
double       lb_report_ctx_content_width (LbReportCtx  *ctx);

/* Strings are marked for xgettext where they are written and translated into
 * the report's language here: a Dutch report from an English app and the
 * other way round. */
const char  *lb_report_tr                (LbReportCtx  *ctx,
                                          const char   *msgid);
const char  *lb_report_trc               (LbReportCtx  *ctx,
                                          const char   *context,
                                          const char   *msgid);
#define TR(ctx, s) lb_report_tr ((ctx), (s))
#define TRC(ctx, c, s) lb_report_trc ((ctx), (c), (s))

/* Soft hyphens (U+00AD) at the Dutch hyphenation points of every longer
 * word; pango breaks there and draws the hyphen. A copy of @text when the
 * report is not Dutch or the patterns are not installed. */
char        *lb_report_hyphenate         (LbReportCtx  *ctx,
                                          const char   *text);
gboolean     lb_report_hyphenation_available (void);

/* "vrijdag 16 oktober 2026" / "Friday 16 October 2026" */
char        *lb_report_format_date       (LbReportCtx  *ctx,
                                          const char   *date,
                                          gboolean      weekday);
/* "16-10-2026": for tables */
char        *lb_report_format_date_short (LbReportCtx  *ctx,
                                          const char   *date);
/* A UTC timestamp in local time: "26 november 2026, 16:06" */
char        *lb_report_format_timestamp  (LbReportCtx  *ctx,
                                          const char   *timestamp);
/* "2,91" in Dutch, "2.91" in English */
char        *lb_report_format_number     (LbReportCtx  *ctx,
                                          double        value,
                                          int           digits);
char        *lb_report_format_percent    (LbReportCtx  *ctx,
                                          double        share);
const char  *lb_report_purpose_label     (LbReportCtx  *ctx,
                                          LbPurpose     purpose);
const char  *lb_report_role_label        (LbReportCtx  *ctx,
                                          LbRole        role);
const char  *lb_report_verdict_label     (LbReportCtx  *ctx,
                                          LbVerdict     verdict);
/* "met" etc. as stored in LbDomainJudgement → a verdict */
LbVerdict    lb_report_verdict_from_code (const char   *code);
/* One rule's outcome, in the report's words and numbers. */
char        *lb_report_rule_explanation  (LbReportCtx  *ctx,
                                          const LbRuleResult *result,
                                          LbScale      *scale,
                                          guint         n_scored,
                                          guint         n_items);
/* An instrument text in the report's language. */
const char  *lb_report_text              (LbReportCtx  *ctx,
                                          const LbText *text);

PangoLayout *lb_report_layout_new        (LbReportCtx  *ctx,
                                          const char   *text,
                                          LbFont        font,
                                          double        width);
PangoLayout *lb_report_layout_new_markup (LbReportCtx  *ctx,
                                          const char   *markup,
                                          LbFont        font,
                                          double        width);
/* A layout of a text that recurs (an item's text, a label): a new
 * reference to one laid out before when there is one. Never change it. */
PangoLayout *lb_report_layout_shared     (LbReportCtx  *ctx,
                                          const char   *text,
                                          LbFont        font,
                                          double        width,
                                          PangoAlignment align,
                                          gboolean      justify);
double       lb_report_layout_height     (PangoLayout  *layout);
double       lb_report_layout_width      (PangoLayout  *layout);
void         lb_report_set_color         (cairo_t      *cr,
                                          const LbColor *color);
void         lb_report_show_layout       (cairo_t      *cr,
                                          PangoLayout  *layout,
                                          double        x,
                                          double        y,
                                          const LbColor *color);
void         lb_report_rounded_rect      (cairo_t      *cr,
                                          double        x,
                                          double        y,
                                          double        w,
                                          double        h,
                                          double        r);

/* ---- blocks ---- */

typedef struct _LbBlock LbBlock;

typedef struct {
  /* Fills self->slices (and self->head) for @width. */
  void (*layout)   (LbBlock *self, LbReportCtx *ctx, double width);
  /* Draws slices [from, to) with the top of slice @from (after the head)
   * at @y. */
  void (*draw)     (LbBlock *self, LbReportCtx *ctx, cairo_t *cr,
                    double x, double y, double width, guint from, guint to);
  void (*finalize) (LbBlock *self);
} LbBlockClass;

typedef enum {
  LB_BLOCK_KEEP_WITH_NEXT   = 1 << 0,  /* no page break between this and the next */
  LB_BLOCK_BREAK_BEFORE     = 1 << 1,  /* always starts a page */
} LbBlockFlags;

struct _LbBlock
{
  const LbBlockClass *klass;
  LbBlockFlags flags;
  double       space_before;  /* dropped at the top of a page */
  double       indent;
  guint        orphans;       /* slices that must start a fragment together */
  guint        widows;        /* slices that must end one together */
  double       head;          /* repeated at the top of every fragment */
  GArray      *slices;        /* double: heights; NULL until laid out */
  double       laid_width;
};

gpointer     lb_block_alloc              (const LbBlockClass *klass,
                                          gsize         size);
void         lb_block_free               (LbBlock      *block);
void         lb_block_ensure_layout      (LbBlock      *block,
                                          LbReportCtx  *ctx,
                                          double        width);
void         lb_block_add_slice          (LbBlock      *block,
                                          double        height);

typedef enum {
  LB_PARA_MARKUP     = 1 << 0,
  LB_PARA_HYPHENATE  = 1 << 1,
  LB_PARA_JUSTIFY    = 1 << 2,
} LbParaFlags;

/* A paragraph that flows across pages line by line, with an optional
 * gutter (a minute stamp, a bullet, a label) beside its first line. */
LbBlock     *lb_block_paragraph_new      (LbReportCtx  *ctx,
                                          const char   *text,
                                          LbFont        font,
                                          const LbColor *color,
                                          LbParaFlags   flags);
void         lb_block_paragraph_set_gutter (LbBlock    *block,
                                          const char   *text,
                                          LbFont        font,
                                          const LbColor *color,
                                          double        width);
/* level 1: a domain, with a band of colour; 2: a group or section; 3: a
 * minor heading. Headings keep with what follows. */
LbBlock     *lb_block_heading_new        (LbReportCtx  *ctx,
                                          guint         level,
                                          const char   *text);

/* A table whose rows are never cut in half. Column widths are shares of
 * the width; the header row repeats on every page the table spans. */
typedef struct _LbTableCell LbTableCell;
typedef enum {
  LB_CELL_RIGHT      = 1 << 0,
  LB_CELL_CENTER     = 1 << 1,
  LB_CELL_PAGE_OF    = 1 << 2,  /* the text is replaced by a section's first page */
} LbCellFlags;

LbBlock     *lb_block_table_new          (guint         n_columns,
                                          const double *shares);
void         lb_block_table_set_header   (LbBlock      *block,
                                          const char * const *texts);
/* Starts a row; fill it with lb_block_table_cell(). */
void         lb_block_table_add_row      (LbBlock      *block);
void         lb_block_table_cell         (LbBlock      *block,
                                          const char   *text,
                                          LbFont        font,
                                          const LbColor *color,
                                          LbCellFlags   flags,
                                          guint         section);
void         lb_block_table_set_striped  (LbBlock      *block,
                                          gboolean      striped);
/* A table of label–value pairs on a tinted box: the header of a report. */
void         lb_block_table_set_boxed    (LbBlock      *block,
                                          gboolean      boxed);

/* A drawing of a fixed height. */
typedef void (*LbDrawFunc) (LbReportCtx *ctx, cairo_t *cr, double x, double y,
                            double width, double height, gpointer data);
LbBlock     *lb_block_drawing_new        (double        height,
                                          LbDrawFunc    draw,
                                          gpointer      data,
                                          GDestroyNotify destroy);

/* ---- the observation's own blocks (lb-report-items.c) ---- */

/* User text longer than this (bytes) never goes into a row that cannot be
 * split: it flows in a paragraph of its own. */
#define LB_REPORT_SHORT_TEXT 240

/* What a score looks like on paper, per session. */
typedef struct {
  guint        session;
  int          level;          /* index into the scale; -1 when none */
  gboolean     not_observed;
} LbReportScore;

LbBlock     *lb_block_title_new          (LbReportCtx  *ctx,
                                          const char   *kicker,
                                          const char   *title,
                                          const char   *subtitle);
/* @sessions: the items below have a row per cycle or segment, with its
 * label left of the cells; the legend's cells stand above theirs. */
LbBlock     *lb_block_scale_legend_new   (LbReportCtx  *ctx,
                                          LbScale      *scale,
                                          gboolean      sessions);
LbBlock     *lb_block_item_new           (LbReportCtx  *ctx,
                                          LbObservation *obs,
                                          LbInstrument *instrument,
                                          LbNode       *item);
LbBlock     *lb_block_domain_summary_new (LbReportCtx  *ctx,
                                          LbObservation *obs,
                                          LbInstrument *instrument,
                                          LbNode       *domain);
LbBlock     *lb_block_judgement_new      (LbReportCtx  *ctx,
                                          LbNode       *domain,
                                          const LbJudgement *computed,
                                          const LbDomainJudgement *stored,
                                          gboolean      draft);
LbBlock     *lb_block_signoff_new        (LbReportCtx  *ctx,
                                          LbObservation *obs);

/* The item's value as the instrument combines its sessions
 * (lb_scoring_combined); FALSE when unscored or not observed. */
gboolean     lb_report_item_value        (LbInstrument *instrument,
                                          LbObservation *obs,
                                          LbNode       *item,
                                          double       *value);
LbJudgement *lb_report_evaluate          (LbInstrument *instrument,
                                          LbObservation *obs,
                                          LbNode       *domain);

/* ---- sections ---- */

typedef struct {
  GPtrArray *blocks;       /* LbBlock */
  char      *head_left;    /* running head on the section's later pages */
  char      *head_right;
  char      *foot_left;    /* instrument and seal */
  char      *outline;      /* PDF bookmark, NULL for none */
  gboolean   draft;        /* watermarked CONCEPT */
} LbSection;

LbSection   *lb_section_new              (void);
void         lb_section_free             (LbSection    *section);
void         lb_section_add              (LbSection    *section,
                                          LbBlock      *block);

/* What a document is made of: the report of one observation, or a
 * dossier whose sections are built (from the store) when needed. */
typedef struct {
  guint       (*n_sections) (gpointer data);
  LbSection  *(*build)      (gpointer data, guint index, LbReportCtx *ctx, GError **error);
  void        (*free)       (gpointer data);
} LbReportSourceFuncs;

LbReportDocument *lb_report_document_new (const char   *lang,
                                          const LbReportSourceFuncs *funcs,
                                          gpointer      data,
                                          const char   *title,
                                          const char   *author,
                                          const char   *subject);

/* The section of one observation's report; @in_dossier puts the dossier
 * in the running head. */
LbSection   *lb_report_observation_section (LbReportCtx *ctx,
                                          LbObservation *obs,
                                          LbInstrument *instrument,
                                          gboolean      in_dossier);
char        *lb_report_observation_title (LbReportCtx  *ctx,
                                          LbObservation *obs);
/* Text typed by a user as paragraphs; "- " lines become bullets. */
void         lb_report_add_text_lines    (LbSection    *section,
                                          LbReportCtx  *ctx,
                                          const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSection, lb_section_free)

G_END_DECLS
