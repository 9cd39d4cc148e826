/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The calibration (normering) of an assessor as a PDF for their
 * certification file: who scored which reference lesson, the standard the
 * instrument declares and the verdict, every item the reference scored
 * with both levels, and the items that were off. One section, drawn with
 * the report's own blocks, fonts and footer. */

#include "config.h"
#include "lb-report-private.h"

#include <math.h>

static const char *
level_text (LbNode *item, int level, LbReportCtx *ctx)
{
  LbScale *scale = lb_node_find_scale (item);
  if (level == LB_AGREEMENT_NOT_OBSERVED)
    return TR (ctx, N_("not observed"));
  if (level < 0 || scale == NULL || (guint) level >= lb_scale_get_n_levels (scale))
    return TR (ctx, N_("not scored"));
  return lb_scale_get_level (scale, (guint) level)->id;
}

/* The standard within each cycle or segment: a table, one row each. */
static void
add_sessions (LbSection *sec, LbReportCtx *ctx, LbCalibration *cal)
{
  if (cal->sessions == NULL || cal->sessions->len == 0)
    return;
  LbSessionsKind kind = lb_instrument_get_sessions (cal->instrument, NULL, NULL, NULL, NULL);
  lb_section_add (sec, lb_block_heading_new (ctx, 2, kind == LB_SESSIONS_SEGMENTS ? TR (ctx, N_("Per segment"))
                                                                                  : TR (ctx, N_("Per cycle"))));
  if (cal->per_session)
    lb_section_add (sec, lb_block_paragraph_new (ctx, kind == LB_SESSIONS_SEGMENTS
                                                      ? TR (ctx, N_("The standard must be met in every segment."))
                                                      : TR (ctx, N_("The standard must be met in every cycle.")),
                                                 LB_FONT_SMALL, &lb_color_muted, 0));
  const double shares[] = { 0.22, 0.30, 0.30, 0.18 };
  LbBlock *t = lb_block_table_new (4, shares);
  const char *header[] = { kind == LB_SESSIONS_SEGMENTS ? TR (ctx, N_("Segment")) : TR (ctx, N_("Cycle")),
                           TR (ctx, N_("Items within")), TR (ctx, N_("Snapshots exact")),
                           TR (ctx, N_("Meets")), NULL };
  lb_block_table_set_header (t, header);
  lb_block_table_set_striped (t, TRUE);
  for (guint i = 0; i < cal->sessions->len; i++)
    {
      const LbCalibrationSession *cs = &g_array_index (cal->sessions, LbCalibrationSession, i);
      g_autofree char *which = g_strdup_printf (kind == LB_SESSIONS_SEGMENTS ? TR (ctx, N_("segment %u"))
                                                                            : TR (ctx, N_("cycle %u")), cs->session);
      g_autofree char *share = isnan (cs->share) ? g_strdup ("—") : lb_report_format_percent (ctx, cs->share);
      g_autofree char *items = g_strdup_printf ("%u / %u (%s)", cs->n_within, cs->n_items, share);
      g_autofree char *snap_share = isnan (cs->snapshot_share) ? NULL : lb_report_format_percent (ctx, cs->snapshot_share);
      g_autofree char *snaps = snap_share ? g_strdup_printf ("%u / %u (%s)", cs->n_snapshots_exact, cs->n_snapshots,
                                                             snap_share) : g_strdup ("—");
      lb_block_table_add_row (t);
      lb_block_table_cell (t, which, LB_FONT_SMALL_BOLD, &lb_color_text, 0, 0);
      lb_block_table_cell (t, items, LB_FONT_SMALL, &lb_color_text, LB_CELL_CENTER, 0);
      lb_block_table_cell (t, snaps, LB_FONT_SMALL, &lb_color_text, LB_CELL_CENTER, 0);
      lb_block_table_cell (t, cs->meets ? TR (ctx, N_("yes")) : TR (ctx, N_("no")), LB_FONT_SMALL_BOLD,
                           cs->meets ? &lb_color_met : &lb_color_not_met, LB_CELL_CENTER, 0);
    }
  lb_section_add (sec, t);
}

static char *
unit_label (LbNode *item, guint session)
{
  return session ? g_strdup_printf ("%s (%u)", lb_node_get_id (item), session) : g_strdup (lb_node_get_id (item));
}

static void
field_row (LbBlock *table, const char *l1, const char *v1, const char *l2, const char *v2)
{
  lb_block_table_add_row (table);
  lb_block_table_cell (table, l1, LB_FONT_SMALL_BOLD, &lb_color_muted, 0, 0);
  lb_block_table_cell (table, v1 && *v1 ? v1 : "—", LB_FONT_SMALL, &lb_color_text, 0, 0);
  lb_block_table_cell (table, l2, LB_FONT_SMALL_BOLD, &lb_color_muted, 0, 0);
  lb_block_table_cell (table, v2 && *v2 ? v2 : "—", LB_FONT_SMALL, &lb_color_text, 0, 0);
}

static LbBlock *
rows_table (LbReportCtx *ctx, GPtrArray *rows)
{
  const double shares[] = { 0.14, 0.44, 0.14, 0.14, 0.14 };
  LbBlock *t = lb_block_table_new (5, shares);
  const char *header[] = { TR (ctx, N_("Item")), TR (ctx, N_("Description")), TR (ctx, N_("Assessor")),
                           TR (ctx, N_("Reference")), TR (ctx, N_("Within")), NULL };
  lb_block_table_set_header (t, header);
  lb_block_table_set_striped (t, TRUE);
  for (guint i = 0; i < rows->len; i++)
    {
      LbCalibrationRow *row = rows->pdata[i];
      g_autofree char *unit = unit_label (row->item, row->session);
      lb_block_table_add_row (t);
      lb_block_table_cell (t, unit, LB_FONT_SMALL_BOLD, &lb_color_text, 0, 0);
      lb_block_table_cell (t, lb_report_text (ctx, lb_node_get_text (row->item)), LB_FONT_SMALL, &lb_color_text,
                           0, 0);
      lb_block_table_cell (t, level_text (row->item, row->assessor, ctx), LB_FONT_SMALL, &lb_color_text,
                           LB_CELL_CENTER, 0);
      lb_block_table_cell (t, level_text (row->item, row->reference, ctx), LB_FONT_SMALL, &lb_color_text,
                           LB_CELL_CENTER, 0);
      lb_block_table_cell (t, row->within ? TR (ctx, N_("yes")) : TR (ctx, N_("no")), LB_FONT_SMALL_BOLD,
                           row->within ? &lb_color_met : &lb_color_not_met, LB_CELL_CENTER, 0);
    }
  return t;
}

static LbSection *
calibration_section (LbReportCtx *ctx, LbCalibration *cal)
{
  LbSection *sec = lb_section_new ();
  LbObservation *a = cal->assessor, *r = cal->reference;
  const char *assessor = a->observer ? a->observer->name : "";
  const char *reference = r->observer ? r->observer->name : "";
  g_autofree char *date = lb_report_format_date (ctx, r->date, TRUE);
  g_autofree char *instrument = g_strdup_printf ("%s (%s %s)",
                                                 lb_report_text (ctx, lb_instrument_get_title (cal->instrument)),
                                                 lb_instrument_get_id (cal->instrument),
                                                 lb_instrument_get_version (cal->instrument));
  lb_section_add (sec, lb_block_title_new (ctx, TR (ctx, N_("Calibration")), assessor, instrument));
  sec->head_left = g_strdup_printf ("%s · %s", TR (ctx, N_("Calibration")), assessor);
  sec->head_right = g_strdup (date);
  sec->foot_left = g_strdup_printf ("%s %s", lb_instrument_get_id (cal->instrument),
                                    lb_instrument_get_version (cal->instrument));

  const double shares[] = { 0.14, 0.36, 0.14, 0.36 };
  LbBlock *t = lb_block_table_new (4, shares);
  lb_block_table_set_boxed (t, TRUE);
  field_row (t, TR (ctx, N_("Assessor")), assessor, TR (ctx, N_("Reference")), reference);
  field_row (t, TR (ctx, N_("Starter")), r->starter ? r->starter->name : NULL, TR (ctx, N_("Date")), date);
  field_row (t, TR (ctx, N_("Instrument")), instrument, TR (ctx, N_("Observation")), a->uuid);
  t->space_before = 0;
  lb_section_add (sec, t);

  lb_section_add (sec, lb_block_heading_new (ctx, 2, TR (ctx, N_("Standard and verdict"))));
  g_autofree char *required = lb_report_format_percent (ctx, cal->required_share);
  g_autofree char *standard = g_strdup_printf (TR (ctx, N_("Standard: on at least %s of the items the "
                                                          "assessor differs from the reference by at most %u.")),
                                               required, cal->within);
  lb_section_add (sec, lb_block_paragraph_new (ctx, standard, LB_FONT_BODY, &lb_color_text, 0));
  LbText *description = lb_instrument_get_calibration_description (cal->instrument);
  if (description && !lb_text_is_empty (description))
    lb_section_add (sec, lb_block_paragraph_new (ctx, lb_report_text (ctx, description), LB_FONT_SMALL,
                                                 &lb_color_muted, LB_PARA_HYPHENATE));
  g_autofree char *share = lb_report_format_percent (ctx, cal->n_items ? cal->share : 0.0);
  g_autofree char *within = g_strdup_printf (TR (ctx, N_("Within the standard: %u of %u items (%s).")),
                                             cal->n_within, cal->n_items, share);
  lb_section_add (sec, lb_block_paragraph_new (ctx, within, LB_FONT_BODY, &lb_color_text, 0));
  if (!isnan (cal->required_snapshots) && cal->n_snapshots > 0)
    {
      g_autofree char *got = lb_report_format_percent (ctx, cal->snapshot_share);
      g_autofree char *need = lb_report_format_percent (ctx, cal->required_snapshots);
      g_autofree char *snap = g_strdup_printf (TR (ctx, N_("Snapshots answered exactly as the reference: %u of %u "
                                                          "(%s; at least %s needed).")),
                                               cal->n_snapshots_exact, cal->n_snapshots, got, need);
      lb_section_add (sec, lb_block_paragraph_new (ctx, snap, LB_FONT_BODY, &lb_color_text, 0));
    }
  lb_section_add (sec, lb_block_paragraph_new (ctx, cal->meets ? TR (ctx, N_("Meets the standard"))
                                                               : TR (ctx, N_("Does not meet the standard")),
                                               LB_FONT_H3, cal->meets ? &lb_color_met : &lb_color_not_met, 0));

  add_sessions (sec, ctx, cal);
  lb_section_add (sec, lb_block_heading_new (ctx, 2, TR (ctx, N_("Per item"))));
  lb_section_add (sec, rows_table (ctx, cal->rows));

  lb_section_add (sec, lb_block_heading_new (ctx, 2, TR (ctx, N_("Items outside the standard"))));
  if (cal->off->len == 0)
    lb_section_add (sec, lb_block_paragraph_new (ctx, TR (ctx, N_("None: every item is within the standard.")),
                                                 LB_FONT_BODY, &lb_color_text, 0));
  else
    lb_section_add (sec, rows_table (ctx, cal->off));
  return sec;
}

static guint
calibration_n_sections (gpointer data)
{
  return 1;
}

static LbSection *
calibration_build (gpointer data, guint index, LbReportCtx *ctx, GError **error)
{
  return calibration_section (ctx, data);
}

static void
calibration_free (gpointer data)
{
  lb_calibration_free (data);
}

static const LbReportSourceFuncs calibration_funcs = { calibration_n_sections, calibration_build, calibration_free };

LbReportDocument *
lb_report_document_new_calibration (LbCalibration *calibration, const char *lang)
{
  g_return_val_if_fail (calibration != NULL, NULL);
  LbReportCtx *ctx = lb_report_ctx_new (lang);
  const char *assessor = calibration->assessor->observer ? calibration->assessor->observer->name : "";
  g_autofree char *date = lb_report_format_date (ctx, calibration->reference->date, FALSE);
  g_autofree char *title = g_strdup_printf (TR (ctx, N_("Calibration %s, %s")), assessor, date);
  g_autofree char *subject = g_strdup_printf ("%s %s", lb_instrument_get_id (calibration->instrument),
                                              lb_instrument_get_version (calibration->instrument));
  lb_report_ctx_free (ctx);
  return lb_report_document_new (lang, &calibration_funcs, calibration, title, assessor, subject);
}
