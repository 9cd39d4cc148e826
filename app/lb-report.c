/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The document: pagination in two passes and the page around the content
 * (running head, footer with "page X of Y", instrument and seal, the
 * CONCEPT watermark of a draft), and the PDF.
 *
 * Pass one walks every section once and records where each page starts
 * (section, block, slice); nothing else is kept. A page is then drawn by
 * running the very same fill loop from its start with a cairo_t, so what
 * was measured is what is drawn. Only the section being worked on is in
 * memory, with its layouts; for a dossier each observation's section is
 * built from the store when its first page is reached. */

#include "config.h"
#include "lb-report-private.h"
#include "lb-error.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  guint section;
  guint block;
  guint slice;
} Pos;

struct _LbReportDocument
{
  GObject                    parent_instance;
  LbReportCtx               *ctx;
  const LbReportSourceFuncs *funcs;
  gpointer                   data;
  guint                      n_sections;
  LbSection                 *section;        /* the one in memory */
  guint                      section_index;
  GArray                    *pages;          /* Pos: where each page starts */
  gboolean                   paginated;
  char                      *title;
  char                      *author;
  char                      *subject;
};

G_DEFINE_FINAL_TYPE (LbReportDocument, lb_report_document, G_TYPE_OBJECT)

#define RUNNING_HEAD_GAP 22.0
#define MAX_KEEP_CHAIN 8

void
lb_report_goal_free (LbReportGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->title);
  g_free (goal->description);
  g_free (goal->set_on);
  g_free (goal->status);
  g_free (goal);
}

static void
lb_report_document_finalize (GObject *object)
{
  LbReportDocument *self = LB_REPORT_DOCUMENT (object);
  g_clear_pointer (&self->section, lb_section_free);
  if (self->funcs && self->funcs->free)
    self->funcs->free (self->data);
  lb_report_ctx_free (self->ctx);
  g_array_unref (self->pages);
  g_free (self->title);
  g_free (self->author);
  g_free (self->subject);
  G_OBJECT_CLASS (lb_report_document_parent_class)->finalize (object);
}

static void
lb_report_document_class_init (LbReportDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_report_document_finalize;
}

static void
lb_report_document_init (LbReportDocument *self)
{
  self->pages = g_array_new (FALSE, FALSE, sizeof (Pos));
  self->section_index = G_MAXUINT;
}

LbReportDocument *
lb_report_document_new (const char *lang, const LbReportSourceFuncs *funcs, gpointer data,
                        const char *title, const char *author, const char *subject)
{
  LbReportDocument *self = g_object_new (LB_TYPE_REPORT_DOCUMENT, NULL);
  self->ctx = lb_report_ctx_new (lang);
  self->funcs = funcs;
  self->data = data;
  self->n_sections = funcs->n_sections (data);
  self->title = g_strdup (title);
  self->author = g_strdup (author);
  self->subject = g_strdup (subject);
  return self;
}

void
lb_report_document_set_page_size (LbReportDocument *self, double width, double height)
{
  g_return_if_fail (LB_IS_REPORT_DOCUMENT (self));
  g_return_if_fail (width > 100 && height > 100);
  if (width == self->ctx->page_width && height == self->ctx->page_height)
    return;
  lb_report_ctx_set_page_size (self->ctx, width, height);
  self->paginated = FALSE;
  g_array_set_size (self->pages, 0);
}

const char *
lb_report_document_get_title (LbReportDocument *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), NULL);
  return self->title;
}

const char *
lb_report_document_get_author (LbReportDocument *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), NULL);
  return self->author;
}

const char *
lb_report_document_get_subject (LbReportDocument *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), NULL);
  return self->subject;
}

static LbSection *
get_section (LbReportDocument *self, guint index, GError **error)
{
  if (self->section_index == index)
    return self->section;
  g_clear_pointer (&self->section, lb_section_free);
  self->section_index = G_MAXUINT;
  LbSection *s = self->funcs->build (self->data, index, self->ctx, error);
  if (s == NULL)
    return NULL;
  self->section = s;
  self->section_index = index;
  return s;
}

/* ---- filling a page ---- */

static double
content_top (LbReportCtx *ctx)
{
  return ctx->margin_top;
}

static double
content_bottom (LbReportCtx *ctx)
{
  return ctx->page_height - ctx->margin_bottom;
}

static double
slice_sum (LbBlock *b, guint from, guint to)
{
  double h = 0;
  for (guint i = from; i < to; i++)
    h += g_array_index (b->slices, double, i);
  return h;
}

/* How many slices must go together at the start of a fragment from @from:
 * the orphans, or all of a block too short to split nicely. */
static guint
min_start (LbBlock *b, guint from)
{
  guint left = b->slices->len - from;
  if (from == 0 && left < b->orphans + b->widows)
    return left;
  return MIN (left, MAX (b->orphans, 1u));
}

/* The least height that must fit for block @i to start here: its first
 * slices, and for a block kept with the next, all of it and the start of
 * that one. */
static double
needed_height (LbSection *s, LbReportCtx *ctx, double width, guint i, guint from, guint depth)
{
  LbBlock *b = s->blocks->pdata[i];
  lb_block_ensure_layout (b, ctx, width);
  guint k = min_start (b, from);
  double h = b->head + slice_sum (b, from, from + k);
  if ((b->flags & LB_BLOCK_KEEP_WITH_NEXT) && depth < MAX_KEEP_CHAIN && i + 1 < s->blocks->len)
    {
      LbBlock *next = s->blocks->pdata[i + 1];
      if (!(next->flags & LB_BLOCK_BREAK_BEFORE))
        h += slice_sum (b, from + k, b->slices->len) + next->space_before +
             needed_height (s, ctx, width, i + 1, 0, depth + 1);
    }
  return h;
}

/* How many slices from @from fit in @room, widows respected. */
static guint
fitting_slices (LbBlock *b, guint from, double room)
{
  guint n = 0, total = b->slices->len - from;
  double used = b->head;
  while (n < total && used + g_array_index (b->slices, double, from + n) <= room + 0.01)
    used += g_array_index (b->slices, double, from + n), n++;
  if (n < total && total - n < b->widows && n > 0)
    n = total > b->widows ? total - b->widows : 0;
  return n;
}

/* Lays out (and with @cr, draws) one page from @start; returns where the
 * next page starts. Every page takes at least one slice, so this always
 * ends: a slice taller than a page is drawn clipped rather than lost in a
 * loop. */
static gboolean
fill_page (LbReportDocument *self, Pos start, cairo_t *cr, Pos *end, GError **error)
{
  LbReportCtx *ctx = self->ctx;
  LbSection *s = get_section (self, start.section, error);
  if (s == NULL)
    return FALSE;
  double x = ctx->margin_left, width = lb_report_ctx_content_width (ctx);
  double y = content_top (ctx), bottom = content_bottom (ctx);
  gboolean first = TRUE;
  for (guint i = start.block; i < s->blocks->len; i++)
    {
      LbBlock *b = s->blocks->pdata[i];
      guint from = i == start.block ? start.slice : 0;
      lb_block_ensure_layout (b, ctx, width);
      if (b->slices->len == from)
        continue;
      if (!first && (b->flags & LB_BLOCK_BREAK_BEFORE) && from == 0)
        return *end = (Pos) { start.section, i, 0 }, TRUE;
      double space = first || from > 0 ? 0 : b->space_before;
      if (!first && y + space + needed_height (s, ctx, width, i, from, 0) > bottom + 0.01)
        return *end = (Pos) { start.section, i, from }, TRUE;
      guint n = fitting_slices (b, from, bottom - y - space);
      if (n == 0 && !first)
        return *end = (Pos) { start.section, i, from }, TRUE;
      n = MAX (n, 1u);
      y += space;
      double h = b->head + slice_sum (b, from, from + n);
      if (cr)
        {
          /* Only a slice taller than a whole page overflows: clip that one
           * (clipping every block would cost the PDF dearly). */
          gboolean overflow = y + h > bottom + 0.01;
          cairo_save (cr);
          if (overflow)
            {
              cairo_rectangle (cr, 0, y - 2, ctx->page_width, bottom - y + 4);
              cairo_clip (cr);
            }
          b->klass->draw (b, ctx, cr, x + b->indent, y + b->head, width - b->indent, from, from + n);
          cairo_restore (cr);
        }
      y += h;
      first = FALSE;
      if (from + n < b->slices->len)
        return *end = (Pos) { start.section, i, from + n }, TRUE;
    }
  *end = (Pos) { start.section + 1, 0, 0 };
  return TRUE;
}

gboolean
lb_report_document_paginate (LbReportDocument *self, GError **error)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), FALSE);
  if (self->paginated)
    return TRUE;
  g_array_set_size (self->pages, 0);
  g_array_set_size (self->ctx->section_first_page, self->n_sections);
  Pos pos = { 0, 0, 0 };
  while (pos.section < self->n_sections)
    {
      if (pos.block == 0 && pos.slice == 0)
        g_array_index (self->ctx->section_first_page, guint, pos.section) = self->pages->len;
      g_array_append_val (self->pages, pos);
      Pos next;
      if (!fill_page (self, pos, NULL, &next, error))
        {
          g_array_set_size (self->pages, 0);
          return FALSE;
        }
      pos = next;
    }
  self->paginated = TRUE;
  return TRUE;
}

guint
lb_report_document_get_n_pages (LbReportDocument *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), 0);
  return lb_report_document_paginate (self, NULL) ? self->pages->len : 0;
}

/* ---- around the content ---- */

static void
draw_running_head (LbReportDocument *self, cairo_t *cr, LbSection *s)
{
  LbReportCtx *ctx = self->ctx;
  double x = ctx->margin_left, w = lb_report_ctx_content_width (ctx), y = ctx->margin_top - RUNNING_HEAD_GAP;
  g_autoptr(PangoLayout) left = lb_report_layout_new (ctx, s->head_left, LB_FONT_TINY, w * 0.6);
  g_autoptr(PangoLayout) right = lb_report_layout_new (ctx, s->head_right, LB_FONT_TINY, w * 0.4);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  lb_report_show_layout (cr, left, x, y, &lb_color_muted);
  lb_report_show_layout (cr, right, x + w * 0.6, y, &lb_color_muted);
  lb_report_set_color (cr, &lb_color_rule);
  cairo_rectangle (cr, x, y + lb_report_layout_height (left) + 3, w, 0.4);
  cairo_fill (cr);
}

static void
draw_footer (LbReportDocument *self, cairo_t *cr, LbSection *s, guint page)
{
  LbReportCtx *ctx = self->ctx;
  double x = ctx->margin_left, w = lb_report_ctx_content_width (ctx);
  double y = ctx->page_height - ctx->margin_bottom + 22;
  lb_report_set_color (cr, &lb_color_rule);
  cairo_rectangle (cr, x, y - 6, w, 0.4);
  cairo_fill (cr);
  g_autofree char *number = g_strdup_printf (TR (ctx, N_("page %u of %u")), page + 1, self->pages->len);
  g_autoptr(PangoLayout) right = lb_report_layout_new (ctx, number, LB_FONT_SMALL, -1);
  double rw = lb_report_layout_width (right);
  lb_report_show_layout (cr, right, x + w - rw, y, &lb_color_text);
  if (s->foot_left)
    {
      g_autoptr(PangoLayout) left = lb_report_layout_new (ctx, s->foot_left, LB_FONT_MONO, w - rw - 12);
      lb_report_show_layout (cr, left, x, y + 1, &lb_color_muted);
    }
}

static void
draw_watermark (LbReportDocument *self, cairo_t *cr)
{
  LbReportCtx *ctx = self->ctx;
  /* TRANSLATORS: the watermark across every page of a draft report */
  g_autoptr(PangoLayout) mark = lb_report_layout_new (ctx, TR (ctx, N_("DRAFT")), LB_FONT_TITLE, -1);
  PangoFontDescription *big = pango_font_description_copy (ctx->fonts[LB_FONT_TITLE]);
  pango_font_description_set_size (big, 110 * PANGO_SCALE);
  pango_layout_set_font_description (mark, big);
  pango_font_description_free (big);
  double w = lb_report_layout_width (mark), h = lb_report_layout_height (mark);
  cairo_save (cr);
  cairo_translate (cr, ctx->page_width / 2, ctx->page_height / 2);
  cairo_rotate (cr, -atan2 (ctx->page_height, ctx->page_width));
  double scale = MIN (1.0, 0.9 * hypot (ctx->page_width, ctx->page_height) / w);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, -w / 2, -h / 2);
  cairo_set_source_rgba (cr, lb_color_not_met.r, lb_color_not_met.g, lb_color_not_met.b, 0.11);
  pango_cairo_show_layout (cr, mark);
  cairo_restore (cr);

  /* And a label that reads straight, above the running head: also what a
   * screen reader or a text search finds (the slanted word is not). */
  g_autoptr(PangoLayout) badge = lb_report_layout_new (ctx, TR (ctx, N_("DRAFT")), LB_FONT_SMALL_BOLD, -1);
  double bw = lb_report_layout_width (badge) + 12, bh = lb_report_layout_height (badge) + 4;
  double bx = ctx->page_width - ctx->margin_right - bw, by = ctx->margin_top - RUNNING_HEAD_GAP - bh - 6;
  lb_report_set_color (cr, &lb_color_not_met);
  lb_report_rounded_rect (cr, bx, by, bw, bh, bh / 2);
  cairo_fill (cr);
  lb_report_show_layout (cr, badge, bx + 6, by + 2, &lb_color_white);
}

gboolean
lb_report_document_draw_page (LbReportDocument *self, cairo_t *cr, guint page, GError **error)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  if (!lb_report_document_paginate (self, error))
    return FALSE;
  g_return_val_if_fail (page < self->pages->len, FALSE);
  Pos start = g_array_index (self->pages, Pos, page), end;
  LbSection *s = get_section (self, start.section, error);
  if (s == NULL)
    return FALSE;
  cairo_save (cr);
  if ((start.block > 0 || start.slice > 0) && (s->head_left || s->head_right))
    draw_running_head (self, cr, s);
  gboolean ok = fill_page (self, start, cr, &end, error);
  /* The page must end where pagination said: anything else means the
   * data changed in between, and "page X of Y" would lie. */
  Pos expected = page + 1 < self->pages->len ? g_array_index (self->pages, Pos, page + 1)
                                              : (Pos) { self->n_sections, 0, 0 };
  if (ok && memcmp (&end, &expected, sizeof end) != 0)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_CONFLICT,
                   _("The observations changed while the document was being made; please try again"));
      ok = FALSE;
    }
  if (ok)
    {
      draw_footer (self, cr, s, page);
      if (s->draft)
        draw_watermark (self, cr);
    }
  cairo_restore (cr);
  return ok;
}

/* ---- PDF ---- */

typedef struct {
  int fd;
  int error;
} Sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;
  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->error = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n, length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static char *
creation_date (void)
{
  /* SOURCE_DATE_EPOCH makes a report reproducible byte for byte. */
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = epoch ? g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10))
                                   : g_date_time_new_now_local ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *zone = g_date_time_format (now, "%:z");
  return g_strconcat (base, zone, NULL);
}

static void
set_metadata (LbReportDocument *self, cairo_surface_t *surface)
{
  g_autofree char *date = creation_date ();
  g_autofree char *creator = g_strdup_printf ("Lesbezoek %s", PACKAGE_VERSION);
  if (self->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  if (self->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static gboolean
draw_all (LbReportDocument *self, cairo_surface_t *surface, GError **error)
{
  cairo_t *cr = cairo_create (surface);
  gboolean ok = TRUE;
  for (guint p = 0; p < self->pages->len && ok; p++)
    {
      Pos start = g_array_index (self->pages, Pos, p);
      if (start.block == 0 && start.slice == 0 && self->n_sections > 1)
        {
          LbSection *s = get_section (self, start.section, error);
          ok = s != NULL;
          if (ok && s->outline)
            {
              g_autofree char *dest = g_strdup_printf ("page=%u", p + 1);
              cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, s->outline, dest, 0);
            }
        }
      ok = ok && lb_report_document_draw_page (self, cr, p, error);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return ok;
}

gboolean
lb_report_write_pdf (LbReportDocument *self, const char *path, GError **error)
{
  g_return_val_if_fail (LB_IS_REPORT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  if (!lb_report_document_paginate (self, error))
    return FALSE;

  /* Next to the target, renamed over it when complete: an interrupted or
   * failed write never leaves half a report where a whole one was. Like
   * every export it holds personal data: readable by its owner only. */
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  Sink sink = { g_mkstemp_full (tmp, O_WRONLY, 0600), 0 };
  if (sink.fd < 0)
    {
      int e = errno;
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot write “%s”: %s"), path, g_strerror (e));
      return FALSE;
    }
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, self->ctx->page_width,
                                                                  self->ctx->page_height);
  set_metadata (self, surface);
  gboolean ok = draw_all (self, surface, error);
  cairo_surface_finish (surface);
  cairo_status_t status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && (status != CAIRO_STATUS_SUCCESS || sink.error || fsync (sink.fd) != 0))
    {
      int e = sink.error ? sink.error : errno;
      g_set_error (error, LB_ERROR, e == ENOSPC ? LB_ERROR_FULL : LB_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   sink.error || status == CAIRO_STATUS_SUCCESS ? g_strerror (e) : cairo_status_to_string (status));
      ok = FALSE;
    }
  close (sink.fd);
  if (ok && g_rename (tmp, path) != 0)
    {
      int e = errno;
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot write “%s”: %s"), path, g_strerror (e));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/* ---- one observation ---- */

typedef struct {
  LbObservation *obs;
  LbInstrument  *instrument;
} Single;

static guint
single_n_sections (gpointer data)
{
  return 1;
}

static LbSection *
single_build (gpointer data, guint index, LbReportCtx *ctx, GError **error)
{
  Single *s = data;
  return lb_report_observation_section (ctx, s->obs, s->instrument, FALSE);
}

static void
single_free (gpointer data)
{
  Single *s = data;
  lb_observation_unref (s->obs);
  g_object_unref (s->instrument);
  g_free (s);
}

static const LbReportSourceFuncs single_funcs = { single_n_sections, single_build, single_free };

LbReportDocument *
lb_report_document_new_observation (LbObservation *observation, LbInstrument *instrument, const char *lang)
{
  g_return_val_if_fail (observation != NULL, NULL);
  g_return_val_if_fail (LB_IS_INSTRUMENT (instrument), NULL);
  Single *s = g_new0 (Single, 1);
  s->obs = lb_observation_ref (observation);
  s->instrument = g_object_ref (instrument);
  /* A context only to word the metadata in the report's language. */
  LbReportCtx *ctx = lb_report_ctx_new (lang);
  g_autofree char *title = lb_report_observation_title (ctx, observation);
  g_autofree char *subject = g_strdup_printf ("%s · %s %s", lb_report_purpose_label (ctx, observation->purpose),
                                              observation->instrument_id, observation->instrument_version);
  lb_report_ctx_free (ctx);
  return lb_report_document_new (lang, &single_funcs, s, title,
                                 observation->observer ? observation->observer->name : NULL, subject);
}
