/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The dossier's growth chart: one line per domain over the starter's
 * observations, the basisbekwaam threshold dashed, on the scale of the
 * instruments (as a share of each one's own scale when they differ); on
 * paper in the dossier's overview and on screen on the starter's page,
 * with the same drawing. The numbers are the dossier's
 * (lb-report-dossier.c). */

#include "config.h"
#include "lb-report-private.h"
#include "lb-report-dossier-private.h"

#include <math.h>
#include <string.h>

/* ---- the growth chart ---- */

static const LbColor domain_colors[] = {
  { 0.10, 0.37, 0.71 }, { 0.90, 0.38, 0.00 }, { 0.15, 0.60, 0.35 },
  { 0.51, 0.24, 0.61 }, { 0.75, 0.11, 0.16 }, { 0.39, 0.27, 0.17 },
};

/* Whether every line is on a scale of the same range (one instrument, or
 * several on the same 1–4): then the axis shows the scale's own values;
 * else every mean is drawn as a share of its own scale's range. */
gboolean
lb_dossier_chart_uniform (Dossier *d)
{
  Domain *first = d->domains->len ? d->domains->pdata[0] : NULL;
  for (guint i = 1; i < d->domains->len; i++)
    {
      Domain *dom = d->domains->pdata[i];
      if (lb_scale_get_min (dom->scale) != lb_scale_get_min (first->scale) ||
          lb_scale_get_max (dom->scale) != lb_scale_get_max (first->scale))
        return FALSE;
    }
  return TRUE;
}

static double
chart_value (Dossier *d, guint k, double value)
{
  if (lb_dossier_chart_uniform (d))
    return value;
  Domain *dom = d->domains->pdata[k];
  double lo = lb_scale_get_min (dom->scale), hi = lb_scale_get_max (dom->scale);
  return hi > lo ? (value - lo) / (hi - lo) : 0;
}

static void
chart_range (Dossier *d, double *lo, double *hi)
{
  if (!lb_dossier_chart_uniform (d))
    {
      *lo = 0, *hi = 1;
      return;
    }
  Domain *first = d->domains->pdata[0];
  *lo = lb_scale_get_min (first->scale), *hi = lb_scale_get_max (first->scale);
  if (*lo >= *hi)
    *lo = 0, *hi = 1;
}

static void
marker (cairo_t *cr, LbPurpose purpose, double x, double y, const LbColor *c)
{
  lb_report_set_color (cr, c);
  cairo_set_line_width (cr, 1.1);
  cairo_new_path (cr);  /* no line from where the last text was drawn */
  switch (purpose)
    {
    case LB_PURPOSE_KLASSENBEZOEK:
      cairo_rectangle (cr, x - 3, y - 3, 6, 6);
      cairo_fill (cr);
      break;
    case LB_PURPOSE_FORMATIEF:
      cairo_move_to (cr, x, y - 3.6), cairo_line_to (cr, x + 3.6, y), cairo_line_to (cr, x, y + 3.6);
      cairo_line_to (cr, x - 3.6, y), cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case LB_PURPOSE_ZELFBEOORDELING:
      cairo_arc (cr, x, y, 2.8, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      lb_report_set_color (cr, c);
      cairo_stroke (cr);
      break;
    default:
      cairo_arc (cr, x, y, 3.3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
}

static void
text_at (LbReportCtx *ctx, cairo_t *cr, const char *text, LbFont font, double x, double y, double align,
         const LbColor *color)
{
  g_autoptr(PangoLayout) l = lb_report_layout_new (ctx, text, font, -1);
  double w = lb_report_layout_width (l), h = lb_report_layout_height (l);
  lb_report_show_layout (cr, l, x - w * align, y - h / 2, color);
}

static double
julian (const char *date)
{
  int y, m, dd;
  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &dd) != 3 || !g_date_valid_dmy (dd, m, y))
    return 0;
  GDate g;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, dd, m, y);
  return g_date_get_julian (&g);
}

static void
chart_axes (Dossier *d, LbReportCtx *ctx, cairo_t *cr, double px, double py, double pw, double ph,
            double lo, double hi, double t0, double t1)
{
  Domain *first = d->domains->pdata[0];
  gboolean uniform = lb_dossier_chart_uniform (d);
  guint n = uniform ? lb_scale_get_n_levels (first->scale) : 5;
  cairo_set_line_width (cr, 0.4);
  for (guint i = 0; i < n; i++)
    {
      double v = uniform ? lb_scale_get_level (first->scale, i)->value : i / 4.0;
      double y = py + ph - (v - lo) / (hi - lo) * ph;
      lb_report_set_color (cr, &lb_color_rule);
      cairo_move_to (cr, px, y), cairo_line_to (cr, px + pw, y);
      cairo_stroke (cr);
      g_autofree char *label = uniform ? lb_report_format_number (ctx, v, v == (int) v ? 0 : 1)
                                       : lb_report_format_percent (ctx, v);
      text_at (ctx, cr, label, LB_FONT_TINY, px - 5, y, 1, &lb_color_muted);
    }
  /* Months along the bottom, no more than a dozen labels. */
  GDate g;
  g_date_clear (&g, 1);
  g_date_set_julian (&g, (guint32) t0);
  g_date_set_day (&g, 1);
  double span_months = (t1 - t0) / 30.4;
  guint step = span_months <= 12 ? 1 : span_months <= 24 ? 2 : span_months <= 36 ? 3 : 6;
  for (; g_date_get_julian (&g) <= t1; g_date_add_months (&g, 1))
    {
      double j = g_date_get_julian (&g);
      if (j < t0 || (g_date_get_month (&g) - 1) % step != 0)
        continue;
      double x = px + (j - t0) / (t1 - t0) * pw;
      lb_report_set_color (cr, &lb_color_rule);
      cairo_move_to (cr, x, py + ph), cairo_line_to (cr, x, py + ph + 3);
      cairo_stroke (cr);
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-01", g_date_get_year (&g), g_date_get_month (&g));
      g_autofree char *full = lb_report_format_date (ctx, iso, FALSE);
      /* "1 oktober 2026" → "okt 2026" */
      const char *month = strchr (full, ' ') ? strchr (full, ' ') + 1 : full;
      g_autofree char *shortm = g_strdup_printf ("%.3s %d", month, g_date_get_year (&g));
      text_at (ctx, cr, shortm, LB_FONT_TINY, x, py + ph + 9, 0.5, &lb_color_muted);
    }
}

static void
chart_threshold (Dossier *d, LbReportCtx *ctx, cairo_t *cr, double px, double py, double pw, double ph,
                 double lo, double hi)
{
  double last = NAN;
  for (guint i = 0; i < d->domains->len; i++)
    {
      Domain *dom = d->domains->pdata[i];
      double threshold = chart_value (d, i, dom->threshold);
      if (isnan (threshold) || threshold == last)
        continue;
      last = threshold;
      double y = py + ph - (threshold - lo) / (hi - lo) * ph;
      const double dash[] = { 4, 3 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1);
      lb_report_set_color (cr, &lb_color_met);
      cairo_move_to (cr, px, y), cairo_line_to (cr, px + pw, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      g_autofree char *v = lb_report_format_number (ctx, dom->threshold, 1);
      g_autofree char *label = g_strdup_printf (TR (ctx, N_("basisbekwaam from %s")), v);
      text_at (ctx, cr, label, LB_FONT_TINY_BOLD, px + pw - 2, y - 6, 1, &lb_color_met);
    }
}

static void
chart_lines (Dossier *d, cairo_t *cr, double px, double py, double pw, double ph, double lo, double hi,
             double t0, double t1)
{
  for (guint k = 0; k < d->domains->len; k++)
    {
      const LbColor *c = &domain_colors[k % G_N_ELEMENTS (domain_colors)];
      gboolean started = FALSE;
      cairo_new_path (cr);
      for (guint i = 0; i < d->entries->len; i++)
        {
          Entry *e = d->entries->pdata[i];
          if (isnan (e->means[k]) || e->purpose == LB_PURPOSE_ZELFBEOORDELING)
            continue;
          double v = chart_value (d, k, e->means[k]);
          double x = px + (julian (e->date) - t0) / (t1 - t0) * pw, y = py + ph - (v - lo) / (hi - lo) * ph;
          started ? cairo_line_to (cr, x, y) : cairo_move_to (cr, x, y);
          started = TRUE;
        }
      lb_report_set_color (cr, c);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      for (guint i = 0; i < d->entries->len; i++)
        {
          Entry *e = d->entries->pdata[i];
          if (isnan (e->means[k]))
            continue;
          double v = chart_value (d, k, e->means[k]);
          double x = px + (julian (e->date) - t0) / (t1 - t0) * pw, y = py + ph - (v - lo) / (hi - lo) * ph;
          marker (cr, e->purpose, x, y, c);
        }
    }
}

/* The legend below the chart: the domains in two columns (a long title
 * wraps within its column), then the kinds of observation. Draws when @cr
 * is set; returns its height either way, so the chart can make room. */
static double
chart_legend (Dossier *d, LbReportCtx *ctx, cairo_t *cr, double x, double y, double width)
{
  double top = y, col = width / 2, row_h = 0;
  for (guint k = 0; k < d->domains->len; k++)
    {
      const LbColor *c = &domain_colors[k % G_N_ELEMENTS (domain_colors)];
      g_autofree char *label = lb_dossier_domain_label (ctx, d, k);
      g_autoptr(PangoLayout) l = lb_report_layout_new (ctx, label, LB_FONT_TINY, col - 24);
      double lx = x + (k % 2) * col;
      if (cr)
        {
          lb_report_set_color (cr, c);
          cairo_set_line_width (cr, 1.6);
          cairo_move_to (cr, lx, y + 4), cairo_line_to (cr, lx + 14, y + 4);
          cairo_stroke (cr);
          lb_report_show_layout (cr, l, lx + 18, y, &lb_color_text);
        }
      row_h = MAX (row_h, lb_report_layout_height (l) + 2);
      if (k % 2 == 1 || k + 1 == d->domains->len)
        y += row_h, row_h = 0;
    }
  y += 2;
  double lx = x, h = 0;
  for (guint p = 0; p < LB_N_PURPOSES; p++)
    {
      if (d->n_by_purpose[p] == 0)
        continue;
      g_autoptr(PangoLayout) l = lb_report_layout_new (ctx, lb_report_purpose_label (ctx, p), LB_FONT_TINY, -1);
      if (cr)
        {
          marker (cr, p, lx + 4, y + 4, &lb_color_muted);
          lb_report_show_layout (cr, l, lx + 11, y, &lb_color_muted);
        }
      lx += 11 + lb_report_layout_width (l) + 14;
      h = MAX (h, lb_report_layout_height (l));
    }
  return y + h - top;
}

double
lb_dossier_chart_legend_height (Dossier *d, LbReportCtx *ctx, double width)
{
  return chart_legend (d, ctx, NULL, 0, 0, width - 28);
}

/* Below the plot: the months, then the legend. */
#define CHART_AXIS_ROOM 20.0

static double
chart_plot_height (Dossier *d, LbReportCtx *ctx, double width, double height)
{
  double legend = chart_legend (d, ctx, NULL, 0, 0, width - 28);
  return MAX (height - 6 - CHART_AXIS_ROOM - legend - 4, 60);
}

void
lb_dossier_draw_chart (LbReportCtx *ctx, cairo_t *cr, double x, double y, double width, double height, gpointer data)
{
  Dossier *d = data;
  double lo, hi;
  chart_range (d, &lo, &hi);
  double pad = (hi - lo) * 0.08;
  lo -= pad, hi += pad;
  double t0 = julian (((Entry *) d->entries->pdata[0])->date);
  double t1 = julian (((Entry *) d->entries->pdata[d->entries->len - 1])->date);
  if (t1 - t0 < 30)
    t0 -= 15, t1 += 15;
  double tpad = (t1 - t0) * 0.04;
  t0 -= tpad, t1 += tpad;
  double px = x + 24, py = y + 6, pw = width - 28, ph = chart_plot_height (d, ctx, width, height);

  lb_report_set_color (cr, &lb_color_box);
  cairo_rectangle (cr, px, py, pw, ph);
  cairo_fill (cr);
  chart_axes (d, ctx, cr, px, py, pw, ph, lo, hi, t0, t1);
  chart_threshold (d, ctx, cr, px, py, pw, ph, lo, hi);
  chart_lines (d, cr, px, py, pw, ph, lo, hi, t0, t1);
  chart_legend (d, ctx, cr, px, py + ph + CHART_AXIS_ROOM, pw);
}

/* ---- the growth chart on screen ---- */

struct _LbGrowthChart
{
  Dossier     *dossier;
  Dossier     *item_view;  /* one series: the chosen item; NULL for all domains */
  LbReportCtx *ctx;
};

/* The dossier seen through one item: the same entries (so the same dates
 * on the axis), one "domain" whose means are the item's level per entry,
 * no threshold line. */
static Dossier *
item_view_new (Dossier *d, const char *item_id, GError **error)
{
  Dossier *v = g_new0 (Dossier, 1);
  v->store = g_object_ref (d->store);
  v->starter = lb_person_copy (d->starter);
  v->include_formatief = d->include_formatief;
  v->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_dossier_entry_free);
  v->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_dossier_domain_free);
  v->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lb_dossier_item_stat_free);
  v->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  v->made_on = g_strdup (d->made_on);
  memcpy (v->n_by_purpose, d->n_by_purpose, sizeof v->n_by_purpose);
  for (guint i = 0; i < d->entries->len; i++)
    {
      Entry *src = d->entries->pdata[i];
      Entry *e = g_new0 (Entry, 1);
      e->uuid = g_strdup (src->uuid), e->revision = src->revision, e->date = g_strdup (src->date);
      e->purpose = src->purpose, e->role = src->role, e->observer = g_strdup (src->observer);
      e->instrument = g_strdup (src->instrument);
      e->instrument_id = g_strdup (src->instrument_id);
      lb_dossier_entry_grow (e, 1);
      g_ptr_array_add (v->entries, e);
      g_autoptr(LbObservation) obs = lb_dossier_load_entry (d, e, error);
      LbInstrument *inst = obs ? lb_dossier_instrument_of (d, obs, error) : NULL;
      if (inst == NULL)
        {
          lb_dossier_free (v);
          return NULL;
        }
      LbNode *item = lb_instrument_find_node (inst, item_id);
      LbScale *scale = NULL;
      for (LbNode *n = item; n && scale == NULL; n = lb_node_get_parent (n))
        scale = lb_node_get_scale (n);
      if (item == NULL || scale == NULL)
        continue;
      if (v->domains->len == 0)
        {
          Domain *dom = g_new0 (Domain, 1);
          dom->id = g_strdup (item_id);
          dom->instrument_id = g_strdup (lb_instrument_get_id (inst));
          dom->title = lb_text_ref (lb_node_get_text (item));
          dom->scale = g_object_ref (scale);
          dom->threshold = NAN;
          g_ptr_array_add (v->domains, dom);
        }
      double value;
      if (lb_report_item_value (inst, obs, item, &value))
        e->means[0] = value;
    }
  return v;
}

LbGrowthChart *
lb_growth_chart_new (LbStore *store, const char *person, gboolean include_formatief, const char *lang,
                     GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  Dossier *d = lb_dossier_new (store, person, include_formatief, error);
  if (d == NULL)
    return NULL;
  LbGrowthChart *chart = g_new0 (LbGrowthChart, 1);
  chart->dossier = d;
  chart->ctx = lb_report_ctx_new (lang);
  return chart;
}

static Dossier *
chart_view (LbGrowthChart *chart)
{
  return chart->item_view ? chart->item_view : chart->dossier;
}

guint
lb_growth_chart_get_n_points (LbGrowthChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  Dossier *d = chart_view (chart);
  return d->domains->len ? d->entries->len : 0;
}

gboolean
lb_growth_chart_set_item (LbGrowthChart *chart, const char *item_id, GError **error)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_clear_pointer (&chart->item_view, lb_dossier_free);
  if (item_id == NULL)
    return TRUE;
  chart->item_view = item_view_new (chart->dossier, item_id, error);
  return chart->item_view != NULL;
}

guint
lb_growth_chart_get_n_series (LbGrowthChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart_view (chart)->domains->len;
}

double
lb_growth_chart_get_value (LbGrowthChart *chart, guint series, guint point)
{
  g_return_val_if_fail (chart != NULL, NAN);
  Dossier *d = chart_view (chart);
  if (series >= d->domains->len || point >= d->entries->len)
    return NAN;
  Entry *e = d->entries->pdata[point];
  return series < e->n_means ? e->means[series] : NAN;
}

void
lb_growth_chart_draw (LbGrowthChart *chart, cairo_t *cr, double width, double height)
{
  g_return_if_fail (chart != NULL);
  if (lb_growth_chart_get_n_points (chart) == 0)
    return;
  lb_dossier_draw_chart (chart->ctx, cr, 0, 0, width, height, chart_view (chart));
}

void
lb_growth_chart_free (LbGrowthChart *chart)
{
  if (chart == NULL)
    return;
  lb_dossier_free (chart->dossier);
  g_clear_pointer (&chart->item_view, lb_dossier_free);
  lb_report_ctx_free (chart->ctx);
  g_free (chart);
}
