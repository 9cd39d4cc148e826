/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The generic blocks of a report: paragraphs that flow across pages line
 * by line, headings that keep with what follows, tables whose rows are
 * never cut in half, and fixed drawings. Each keeps its pango layouts
 * only as long as its section lives. */

#include "config.h"
#include "lb-report-private.h"

#include <string.h>

gpointer
lb_block_alloc (const LbBlockClass *klass, gsize size)
{
  g_assert (size >= sizeof (LbBlock));
  LbBlock *b = g_malloc0 (size);
  b->klass = klass;
  b->orphans = 1;
  b->widows = 1;
  b->laid_width = -1;
  return b;
}

void
lb_block_free (LbBlock *block)
{
  if (block == NULL)
    return;
  if (block->klass->finalize)
    block->klass->finalize (block);
  g_clear_pointer (&block->slices, g_array_unref);
  g_free (block);
}

void
lb_block_ensure_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  width -= block->indent;
  if (block->slices && block->laid_width == width)
    return;
  if (block->slices)
    g_array_set_size (block->slices, 0);
  else
    block->slices = g_array_new (FALSE, FALSE, sizeof (double));
  block->head = 0;
  block->klass->layout (block, ctx, width);
  block->laid_width = width;
}

void
lb_block_add_slice (LbBlock *block, double height)
{
  g_array_append_val (block->slices, height);
}

/* ---- paragraphs ---- */

typedef struct {
  double top;       /* of the line, within the layout */
  double baseline;
  double x;
} Line;

typedef struct {
  LbBlock      parent;
  char        *text;
  LbFont       font;
  LbColor      color;
  LbParaFlags  flags;
  char        *gutter;
  LbFont       gutter_font;
  LbColor      gutter_color;
  double       gutter_width;
  PangoLayout *layout;
  PangoLayout *gutter_layout;
  GArray      *lines;       /* Line */
} Paragraph;

static void
paragraph_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Paragraph *p = (Paragraph *) block;
  double text_width = MAX (width - p->gutter_width, 20);
  g_clear_object (&p->layout);
  g_clear_object (&p->gutter_layout);
  /* A paragraph is mostly what someone wrote, said once: not shared. */
  p->layout = (p->flags & LB_PARA_MARKUP) ? lb_report_layout_new_markup (ctx, p->text, p->font, text_width)
                                           : lb_report_layout_new (ctx, p->text, p->font, text_width);
  pango_layout_set_justify (p->layout, (p->flags & LB_PARA_JUSTIFY) != 0);
  g_array_set_size (p->lines, 0);

  PangoLayoutIter *iter = pango_layout_get_iter (p->layout);
  double total = 0;
  do
    {
      int y0, y1;
      PangoRectangle logical;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      Line line = { (double) y0 / PANGO_SCALE, (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE,
                    (double) logical.x / PANGO_SCALE };
      g_array_append_val (p->lines, line);
      lb_block_add_slice (block, (double) (y1 - y0) / PANGO_SCALE);
      total += (double) (y1 - y0) / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (p->gutter)
    {
      p->gutter_layout = lb_report_layout_shared (ctx, p->gutter, p->gutter_font, p->gutter_width - 6,
                                                  PANGO_ALIGN_LEFT, FALSE);
      double gh = lb_report_layout_height (p->gutter_layout);
      if (gh > total && block->slices->len > 0)
        g_array_index (block->slices, double, block->slices->len - 1) += gh - total;
    }
}

static void
paragraph_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
                guint from, guint to)
{
  Paragraph *p = (Paragraph *) block;
  if (p->gutter_layout && from == 0)
    {
      /* On the first line's baseline, whatever the two fonts. */
      double gutter_baseline = (double) pango_layout_get_baseline (p->gutter_layout) / PANGO_SCALE;
      double first_baseline = g_array_index (p->lines, Line, 0).baseline - g_array_index (p->lines, Line, 0).top;
      lb_report_show_layout (cr, p->gutter_layout, x, y + first_baseline - gutter_baseline, &p->gutter_color);
    }
  lb_report_set_color (cr, &p->color);
  PangoLayoutIter *iter = pango_layout_get_iter (p->layout);
  for (guint i = 0; i < from; i++)
    pango_layout_iter_next_line (iter);
  double top = y;
  for (guint i = from; i < to; i++)
    {
      const Line *line = &g_array_index (p->lines, Line, i);
      cairo_move_to (cr, x + p->gutter_width + line->x, top + line->baseline - line->top);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
      top += g_array_index (block->slices, double, i);
      pango_layout_iter_next_line (iter);
    }
  pango_layout_iter_free (iter);
}

static void
paragraph_finalize (LbBlock *block)
{
  Paragraph *p = (Paragraph *) block;
  g_free (p->text);
  g_free (p->gutter);
  g_clear_object (&p->layout);
  g_clear_object (&p->gutter_layout);
  g_array_unref (p->lines);
}

static const LbBlockClass paragraph_class = { paragraph_layout, paragraph_draw, paragraph_finalize };

LbBlock *
lb_block_paragraph_new (LbReportCtx *ctx, const char *text, LbFont font, const LbColor *color, LbParaFlags flags)
{
  Paragraph *p = lb_block_alloc (&paragraph_class, sizeof (Paragraph));
  p->text = (flags & LB_PARA_HYPHENATE) && !(flags & LB_PARA_MARKUP) ? lb_report_hyphenate (ctx, text)
                                                                      : g_strdup (text ? text : "");
  p->font = font;
  p->color = color ? *color : lb_color_text;
  p->flags = flags;
  p->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  /* No lonely first or last line of a longer paragraph on a page. */
  p->parent.orphans = 2;
  p->parent.widows = 2;
  p->parent.space_before = 4;
  return &p->parent;
}

void
lb_block_paragraph_set_gutter (LbBlock *block, const char *text, LbFont font, const LbColor *color, double width)
{
  g_return_if_fail (block->klass == &paragraph_class);
  Paragraph *p = (Paragraph *) block;
  g_free (p->gutter);
  p->gutter = g_strdup (text);
  p->gutter_font = font;
  p->gutter_color = color ? *color : lb_color_muted;
  p->gutter_width = width;
  block->laid_width = -1;
}

/* ---- headings ---- */

typedef struct {
  LbBlock      parent;
  guint        level;
  char        *text;
  PangoLayout *layout;
} Heading;

static void
heading_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Heading *h = (Heading *) block;
  static const LbFont fonts[] = { LB_FONT_H1, LB_FONT_H1, LB_FONT_H2, LB_FONT_H3 };
  double inset = h->level == 1 ? 10 : 0;
  g_clear_object (&h->layout);
  h->layout = lb_report_layout_shared (ctx, h->text, fonts[MIN (h->level, 3)], width - inset, PANGO_ALIGN_LEFT, FALSE);
  double below = h->level == 1 ? 7 : h->level == 2 ? 4 : 2;
  lb_block_add_slice (block, lb_report_layout_height (h->layout) + below);
}

static void
heading_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
              guint from, guint to)
{
  Heading *h = (Heading *) block;
  double th = lb_report_layout_height (h->layout);
  if (h->level == 1)
    {
      lb_report_set_color (cr, &lb_color_accent);
      cairo_rectangle (cr, x, y + 1, 3.5, th - 2);
      cairo_fill (cr);
      lb_report_show_layout (cr, h->layout, x + 10, y, &lb_color_accent);
      lb_report_set_color (cr, &lb_color_rule);
      cairo_rectangle (cr, x, y + th + 3, width, 0.6);
      cairo_fill (cr);
    }
  else
    lb_report_show_layout (cr, h->layout, x, y, h->level == 2 ? &lb_color_text : &lb_color_accent);
}

static void
heading_finalize (LbBlock *block)
{
  Heading *h = (Heading *) block;
  g_free (h->text);
  g_clear_object (&h->layout);
}

static const LbBlockClass heading_class = { heading_layout, heading_draw, heading_finalize };

LbBlock *
lb_block_heading_new (LbReportCtx *ctx, guint level, const char *text)
{
  Heading *h = lb_block_alloc (&heading_class, sizeof (Heading));
  h->level = CLAMP (level, 1, 3);
  h->text = g_strdup (text ? text : "");
  h->parent.flags = LB_BLOCK_KEEP_WITH_NEXT;
  h->parent.space_before = h->level == 1 ? 18 : h->level == 2 ? 12 : 8;
  return &h->parent;
}

/* ---- tables ---- */

struct _LbTableCell
{
  char        *text;
  LbFont       font;
  LbColor      color;
  LbCellFlags  flags;
  guint        section;
  PangoLayout *layout;
};

typedef struct {
  LbBlock    parent;
  guint      n_columns;
  double    *shares;
  GPtrArray *header;   /* LbTableCell, or NULL */
  GPtrArray *rows;     /* GPtrArray of LbTableCell */
  gboolean   striped;
  gboolean   boxed;
  double     pad_x;
  double     pad_y;
} Table;

static void
cell_free (gpointer data)
{
  LbTableCell *c = data;
  g_free (c->text);
  g_clear_object (&c->layout);
  g_free (c);
}

static double
layout_cells (Table *t, LbReportCtx *ctx, GPtrArray *cells, double width)
{
  double height = 0;
  for (guint c = 0; c < cells->len; c++)
    {
      LbTableCell *cell = cells->pdata[c];
      double cw = width * t->shares[c] - 2 * t->pad_x;
      /* A page number is only known after pagination: measure the widest. */
      const char *text = (cell->flags & LB_CELL_PAGE_OF) ? "000" : cell->text;
      PangoAlignment align = (cell->flags & (LB_CELL_RIGHT | LB_CELL_PAGE_OF)) ? PANGO_ALIGN_RIGHT
                             : (cell->flags & LB_CELL_CENTER) ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
      g_clear_object (&cell->layout);
      /* A page number is filled in while drawing: that layout is its own. */
      if (cell->flags & LB_CELL_PAGE_OF)
        {
          cell->layout = lb_report_layout_new (ctx, text, cell->font, MAX (cw, 10));
          pango_layout_set_alignment (cell->layout, align);
        }
      else
        cell->layout = lb_report_layout_shared (ctx, text, cell->font, MAX (cw, 10), align, FALSE);
      height = MAX (height, lb_report_layout_height (cell->layout));
    }
  return height + 2 * t->pad_y;
}

static void
table_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  Table *t = (Table *) block;
  if (t->header)
    block->head = layout_cells (t, ctx, t->header, width) + 1;
  for (guint r = 0; r < t->rows->len; r++)
    lb_block_add_slice (block, layout_cells (t, ctx, t->rows->pdata[r], width));
}

static void
draw_cells (Table *t, LbReportCtx *ctx, cairo_t *cr, GPtrArray *cells, double x, double y, double width)
{
  double cx = x;
  for (guint c = 0; c < cells->len; c++)
    {
      LbTableCell *cell = cells->pdata[c];
      if (cell->flags & LB_CELL_PAGE_OF)
        {
          guint page = cell->section < ctx->section_first_page->len
                       ? g_array_index (ctx->section_first_page, guint, cell->section) + 1 : 0;
          g_autofree char *text = page ? g_strdup_printf ("%u", page) : g_strdup ("");
          pango_layout_set_text (cell->layout, text, -1);
        }
      lb_report_show_layout (cr, cell->layout, cx + t->pad_x, y + t->pad_y, &cell->color);
      cx += width * t->shares[c];
    }
}

static void
table_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
            guint from, guint to)
{
  Table *t = (Table *) block;
  double rows_height = 0;
  for (guint r = from; r < to; r++)
    rows_height += g_array_index (block->slices, double, r);
  if (t->boxed)
    {
      lb_report_set_color (cr, &lb_color_box);
      lb_report_rounded_rect (cr, x, y - block->head, width, rows_height + block->head, 4);
      cairo_fill (cr);
    }
  if (t->header)
    {
      draw_cells (t, ctx, cr, t->header, x, y - block->head, width);
      lb_report_set_color (cr, &lb_color_accent);
      cairo_rectangle (cr, x, y - 1.2, width, 0.8);
      cairo_fill (cr);
    }
  for (guint r = from; r < to; r++)
    {
      double h = g_array_index (block->slices, double, r);
      if (t->striped && r % 2 == 1)
        {
          lb_report_set_color (cr, &lb_color_box);
          cairo_rectangle (cr, x, y, width, h);
          cairo_fill (cr);
        }
      draw_cells (t, ctx, cr, t->rows->pdata[r], x, y, width);
      if (!t->boxed)
        {
          lb_report_set_color (cr, &lb_color_rule);
          cairo_rectangle (cr, x, y + h - 0.3, width, 0.3);
          cairo_fill (cr);
        }
      y += h;
    }
}

static void
table_finalize (LbBlock *block)
{
  Table *t = (Table *) block;
  g_free (t->shares);
  g_clear_pointer (&t->header, g_ptr_array_unref);
  g_ptr_array_unref (t->rows);
}

static const LbBlockClass table_class = { table_layout, table_draw, table_finalize };

LbBlock *
lb_block_table_new (guint n_columns, const double *shares)
{
  Table *t = lb_block_alloc (&table_class, sizeof (Table));
  t->n_columns = n_columns;
  t->shares = g_memdup2 (shares, n_columns * sizeof (double));
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  t->pad_x = 4;
  t->pad_y = 3;
  t->parent.space_before = 6;
  /* A table with its head and a single row on a page looks lost. */
  t->parent.orphans = 2;
  return &t->parent;
}

void
lb_block_table_set_header (LbBlock *block, const char * const *texts)
{
  g_return_if_fail (block->klass == &table_class);
  Table *t = (Table *) block;
  g_clear_pointer (&t->header, g_ptr_array_unref);
  t->header = g_ptr_array_new_with_free_func (cell_free);
  for (guint c = 0; c < t->n_columns; c++)
    {
      LbTableCell *cell = g_new0 (LbTableCell, 1);
      cell->text = g_strdup (texts[c] ? texts[c] : "");
      cell->font = LB_FONT_TINY_BOLD;
      cell->color = lb_color_muted;
      g_ptr_array_add (t->header, cell);
    }
}

void
lb_block_table_add_row (LbBlock *block)
{
  g_return_if_fail (block->klass == &table_class);
  Table *t = (Table *) block;
  g_ptr_array_add (t->rows, g_ptr_array_new_with_free_func (cell_free));
}

void
lb_block_table_cell (LbBlock *block, const char *text, LbFont font, const LbColor *color,
                     LbCellFlags flags, guint section)
{
  g_return_if_fail (block->klass == &table_class);
  Table *t = (Table *) block;
  g_return_if_fail (t->rows->len > 0);
  GPtrArray *row = t->rows->pdata[t->rows->len - 1];
  g_return_if_fail (row->len < t->n_columns);
  LbTableCell *cell = g_new0 (LbTableCell, 1);
  cell->text = g_strdup (text ? text : "");
  cell->font = font;
  cell->color = color ? *color : lb_color_text;
  cell->flags = flags;
  cell->section = section;
  g_ptr_array_add (row, cell);
}

void
lb_block_table_set_striped (LbBlock *block, gboolean striped)
{
  g_return_if_fail (block->klass == &table_class);
  ((Table *) block)->striped = striped;
}

void
lb_block_table_set_boxed (LbBlock *block, gboolean boxed)
{
  g_return_if_fail (block->klass == &table_class);
  Table *t = (Table *) block;
  t->boxed = boxed;
  t->pad_x = boxed ? 8 : 4;
  t->pad_y = boxed ? 3.5 : 3;
}

/* ---- fixed drawings ---- */

typedef struct {
  LbBlock        parent;
  double         height;
  LbDrawFunc     draw;
  gpointer       data;
  GDestroyNotify destroy;
} Drawing;

static void
drawing_layout (LbBlock *block, LbReportCtx *ctx, double width)
{
  lb_block_add_slice (block, ((Drawing *) block)->height);
}

static void
drawing_draw (LbBlock *block, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width,
              guint from, guint to)
{
  Drawing *d = (Drawing *) block;
  cairo_save (cr);
  d->draw (ctx, cr, x, y, width, d->height, d->data);
  cairo_restore (cr);
}

static void
drawing_finalize (LbBlock *block)
{
  Drawing *d = (Drawing *) block;
  if (d->destroy)
    d->destroy (d->data);
}

static const LbBlockClass drawing_class = { drawing_layout, drawing_draw, drawing_finalize };

LbBlock *
lb_block_drawing_new (double height, LbDrawFunc draw, gpointer data, GDestroyNotify destroy)
{
  Drawing *d = lb_block_alloc (&drawing_class, sizeof (Drawing));
  d->height = height;
  d->draw = draw;
  d->data = data;
  d->destroy = destroy;
  d->parent.space_before = 6;
  return &d->parent;
}

/* ---- sections ---- */

LbSection *
lb_section_new (void)
{
  LbSection *s = g_new0 (LbSection, 1);
  s->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_block_free);
  return s;
}

void
lb_section_free (LbSection *section)
{
  if (section == NULL)
    return;
  g_ptr_array_unref (section->blocks);
  g_free (section->head_left);
  g_free (section->head_right);
  g_free (section->foot_left);
  g_free (section->outline);
  g_free (section);
}

void
lb_section_add (LbSection *section, LbBlock *block)
{
  g_ptr_array_add (section->blocks, block);
}
