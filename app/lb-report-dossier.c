/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* A starter's bekwaamheidsdossier: a cover; an overview with the growth
 * of every domain over the induction (one line per domain, the
 * basisbekwaam threshold marked), the table of observations, the
 * strongest and weakest items, the development goals and agreements; then
 * the report of every observation.
 *
 * The dossier is the starter's: formative coaching goes in only when they
 * choose so, drafts never. While the dossier is made, each observation is
 * read once to gather what the overview needs (a few numbers per
 * observation) and then again when its own pages are laid out and drawn,
 * so memory holds one observation at a time however long the dossier is.
 * Its revision is compared on every read: an observation that changes in
 * between stops the dossier rather than make "page X of Y" wrong. */

#include "config.h"
#include "lb-report-private.h"
#include "lb-report-goals.h"
#include "lb-report-dossier-private.h"
#include "lb-error.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

enum { SECTION_COVER, SECTION_OVERVIEW, N_FIXED_SECTIONS };

void
lb_dossier_entry_grow (Entry *e, guint n)
{
  if (n <= e->n_means)
    return;
  e->means = g_renew (double, e->means, n);
  for (guint k = e->n_means; k < n; k++)
    e->means[k] = NAN;
  e->n_means = n;
}

void
lb_dossier_entry_free (Entry *e)
{
  g_free (e->uuid), g_free (e->date), g_free (e->observer), g_free (e->means);
  g_free (e->agreements), g_free (e->instrument), g_free (e->instrument_id);
  g_free (e);
}

void
lb_dossier_domain_free (Domain *d)
{
  g_free (d->id), g_free (d->instrument_id);
  lb_text_unref (d->title);
  g_clear_pointer (&d->instrument_title, lb_text_unref);
  g_object_unref (d->scale);
  g_free (d);
}

void
lb_dossier_item_stat_free (ItemStat *s)
{
  g_free (s->key), g_free (s->id);
  lb_text_unref (s->text);
  g_object_unref (s->scale);
  g_free (s);
}

void
lb_dossier_free (gpointer data)
{
  Dossier *d = data;
  g_object_unref (d->store);
  lb_person_free (d->starter);
  g_ptr_array_unref (d->entries);
  g_ptr_array_unref (d->domains);
  g_hash_table_unref (d->items);
  g_clear_pointer (&d->goals, g_ptr_array_unref);
  g_clear_pointer (&d->zone, lb_zone_free);
  g_hash_table_unref (d->instruments);
  g_free (d->made_on);
  g_free (d);
}

LbInstrument *
lb_dossier_instrument_of (Dossier *d, LbObservation *obs, GError **error)
{
  LbInstrument *inst = g_hash_table_lookup (d->instruments, obs->instrument_sha256);
  if (inst)
    return inst;
  inst = lb_store_get_instrument (d->store, obs->instrument_sha256, error);
  if (inst)
    g_hash_table_insert (d->instruments, g_strdup (obs->instrument_sha256), inst);
  return inst;
}

LbObservation *
lb_dossier_load_entry (Dossier *d, Entry *e, GError **error)
{
  g_autoptr(LbObservation) obs = lb_store_load (d->store, e->uuid, error);
  if (obs == NULL)
    return NULL;
  if (e->revision >= 0 && obs->revision != e->revision)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_CONFLICT,
                   _("The observation of %s changed while the dossier was being made; please try again"), e->date);
      return NULL;
    }
  return g_steal_pointer (&obs);
}

/* ---- gathering ---- */

static guint
domain_index (Dossier *d, LbInstrument *inst, LbNode *node)
{
  for (guint i = 0; i < d->domains->len; i++)
    {
      Domain *dom = d->domains->pdata[i];
      if (g_str_equal (dom->id, lb_node_get_id (node)) && g_str_equal (dom->instrument_id, lb_instrument_get_id (inst)))
        return i;
    }
  Domain *dom = g_new0 (Domain, 1);
  dom->id = g_strdup (lb_node_get_id (node));
  dom->instrument_id = g_strdup (lb_instrument_get_id (inst));
  dom->instrument_title = lb_text_ref (lb_instrument_get_title (inst));
  dom->title = lb_text_ref (lb_node_get_text (node));
  dom->scale = g_object_ref (lb_node_get_scale (node));
  dom->threshold = NAN;
  for (guint r = 0; r < lb_node_get_n_rules (node); r++)
    if (lb_node_get_rule (node, r)->kind == LB_RULE_MEAN_AT_LEAST)
      dom->threshold = lb_node_get_rule (node, r)->value;
  g_ptr_array_add (d->domains, dom);
  return d->domains->len - 1;
}

static void
gather_scores (Dossier *d, Entry *e, LbObservation *obs, LbInstrument *inst)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  guint n = g_list_model_get_n_items (domains);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbNode) node = g_list_model_get_item (domains, i);
      if (lb_node_get_scale (node) == NULL)
        continue;
      guint di = domain_index (d, inst, node);
      lb_dossier_entry_grow (e, d->domains->len);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();
      lb_node_collect_items (node, items);
      double sum = 0;
      guint scored = 0;
      for (guint k = 0; k < items->len; k++)
        {
          double v;
          if (!lb_report_item_value (inst, obs, items->pdata[k], &v))
            continue;
          sum += v, scored++;
          /* The starter's own scores say how they see themselves, not how
           * they are seen: kept out of strongest and weakest. */
          if (obs->purpose == LB_PURPOSE_ZELFBEOORDELING)
            continue;
          const char *id = lb_node_get_id (items->pdata[k]);
          g_autofree char *key = g_strdup_printf ("%s\n%s", lb_instrument_get_id (inst), id);
          ItemStat *s = g_hash_table_lookup (d->items, key);
          if (s == NULL)
            {
              s = g_new0 (ItemStat, 1);
              s->key = g_steal_pointer (&key);
              s->id = g_strdup (id);
              s->text = lb_text_ref (lb_node_get_text (items->pdata[k]));
              s->scale = g_object_ref (lb_node_find_scale (items->pdata[k]));
              g_hash_table_insert (d->items, s->key, s);
            }
          s->sum += v, s->n++;
        }
      e->means[di] = scored ? sum / scored : NAN;
    }
}

static gboolean
gather (Dossier *d, GError **error)
{
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.person = d->starter->uuid;
  filter.status = LB_STATUS_FINAL;
  g_autoptr(GPtrArray) list = lb_store_list (d->store, &filter, error);
  if (list == NULL)
    return FALSE;
  /* The list is newest first; a dossier tells the story from the start. */
  for (guint i = list->len; i-- > 0;)
    {
      LbSummary *sum = list->pdata[i];
      if (sum->purpose == LB_PURPOSE_FORMATIEF && !d->include_formatief)
        continue;
      if (g_strcmp0 (sum->starter_uuid, d->starter->uuid) != 0)
        continue;
      Entry *e = g_new0 (Entry, 1);
      e->uuid = g_strdup (sum->uuid);
      e->revision = -1;
      g_ptr_array_add (d->entries, e);
      g_autoptr(LbObservation) obs = lb_dossier_load_entry (d, e, error);
      LbInstrument *inst = obs ? lb_dossier_instrument_of (d, obs, error) : NULL;
      if (inst == NULL)
        return FALSE;
      e->revision = obs->revision;
      e->date = g_strdup (obs->date);
      e->purpose = obs->purpose;
      e->role = obs->observer_role;
      e->observer = g_strdup (obs->observer ? obs->observer->name : "");
      e->agreements = g_strdup (obs->agreements);
      e->instrument = g_strdup (obs->instrument_sha256);
      e->instrument_id = g_strdup (lb_instrument_get_id (inst));
      lb_dossier_entry_grow (e, d->domains->len);
      gather_scores (d, e, obs, inst);
      d->n_by_purpose[e->purpose]++;
    }
  /* A domain first met in a later observation (another instrument) was
   * not scored in the earlier ones. */
  for (guint i = 0; i < d->entries->len; i++)
    lb_dossier_entry_grow ((Entry *) d->entries->pdata[i], d->domains->len);
  return TRUE;
}

/* ---- the cover ---- */

static LbBlock *
field_table (void)
{
  const double shares[] = { 0.3, 0.7 };
  LbBlock *t = lb_block_table_new (2, shares);
  lb_block_table_set_boxed (t, TRUE);
  return t;
}

static void
field (LbBlock *t, const char *label, const char *value)
{
  lb_block_table_add_row (t);
  lb_block_table_cell (t, label, LB_FONT_SMALL_BOLD, &lb_color_muted, 0, 0);
  lb_block_table_cell (t, value && *value ? value : "—", LB_FONT_BODY, &lb_color_text, 0, 0);
}

static char *
period_text (LbReportCtx *ctx, Dossier *d)
{
  if (d->entries->len == 0)
    return g_strdup ("—");
  g_autofree char *from = lb_report_format_date (ctx, ((Entry *) d->entries->pdata[0])->date, FALSE);
  g_autofree char *to = lb_report_format_date (ctx, ((Entry *) d->entries->pdata[d->entries->len - 1])->date, FALSE);
  return g_strdup_printf (TR (ctx, N_("%s to %s")), from, to);
}

static char *
counts_text (LbReportCtx *ctx, Dossier *d)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_string_append_printf (s, "%u", d->entries->len);
  for (guint p = 0; p < LB_N_PURPOSES; p++)
    if (d->n_by_purpose[p])
      g_string_append_printf (s, "%s%u × %s", s->len > 4 ? ", " : " (", d->n_by_purpose[p],
                              lb_report_purpose_label (ctx, p));
  if (d->entries->len)
    g_string_append_c (s, ')');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static LbSection *
build_cover (Dossier *d, LbReportCtx *ctx)
{
  LbSection *sec = lb_section_new ();
  sec->outline = g_strdup (TR (ctx, N_("Cover")));
  sec->foot_left = g_strdup_printf ("%s · %s", TR (ctx, N_("Competence dossier")), d->starter->name);
  g_autofree char *where = g_strdup_printf ("%s%s%s", d->starter->school ? d->starter->school : "",
                                            d->starter->school && d->starter->board ? " · " : "",
                                            d->starter->board ? d->starter->board : "");
  /* TRANSLATORS: the bekwaamheidsdossier of a starting teacher */
  LbBlock *title = lb_block_title_new (ctx, TR (ctx, N_("Competence dossier")), d->starter->name, where);
  title->space_before = 0;
  lb_section_add (sec, title);

  LbBlock *t = field_table ();
  g_autofree char *year = d->starter->induction_year > 0 ? g_strdup_printf ("%d", d->starter->induction_year) : NULL;
  g_autofree char *start = d->starter->induction_start ? lb_report_format_date (ctx, d->starter->induction_start, FALSE)
                                                       : NULL;
  g_autofree char *period = period_text (ctx, d);
  g_autofree char *counts = counts_text (ctx, d);
  field (t, TR (ctx, N_("Induction year")), year);
  field (t, TR (ctx, N_("Start of the induction")), start);
  field (t, TR (ctx, N_("Period")), period);
  field (t, TR (ctx, N_("Observations")), counts);
  field (t, TR (ctx, N_("Formative coaching")),
         d->include_formatief ? TR (ctx, N_("included, at the starter's choice"))
                              : TR (ctx, N_("not included: coaching stays between the starter and the coach")));
  g_autofree char *made = lb_report_format_date (ctx, d->made_on, FALSE);
  field (t, TR (ctx, N_("Made on")), made);
  t->space_before = 24;
  lb_section_add (sec, t);

  LbBlock *p = lb_block_paragraph_new (ctx, TR (ctx, N_("This dossier holds the final observations of the lessons "
                                                        "of this starter: how each domain grew over the induction, "
                                                        "the strongest and weakest items, the development goals and "
                                                        "agreements, and then the full report of every observation. "
                                                        "Every report carries the content hash of its observation, "
                                                        "which anyone can check with “lesbezoek verify”.")),
                                       LB_FONT_BODY, &lb_color_muted, LB_PARA_HYPHENATE);
  p->space_before = 18;
  lb_section_add (sec, p);
  return sec;
}

gboolean
lb_dossier_several_instruments (Dossier *d)
{
  for (guint i = 1; i < d->domains->len; i++)
    if (g_strcmp0 (((Domain *) d->domains->pdata[i])->instrument_id, ((Domain *) d->domains->pdata[0])->instrument_id))
      return TRUE;
  return FALSE;
}

/* The domain's title; with domains of several instruments, the
 * instrument's title before it. */
char *
lb_dossier_domain_label (LbReportCtx *ctx, Dossier *d, guint k)
{
  Domain *dom = d->domains->pdata[k];
  if (!lb_dossier_several_instruments (d) || dom->instrument_title == NULL)
    return g_strdup (lb_report_text (ctx, dom->title));
  return g_strdup_printf ("%s: %s", lb_report_text (ctx, dom->instrument_title), lb_report_text (ctx, dom->title));
}

/* ---- the overview ---- */

/* One table per instrument, in the order the starter first met them,
 * each with the columns of its own domains. */
static void
add_instrument_table (LbSection *sec, LbReportCtx *ctx, Dossier *d, const char *instrument_id)
{
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < d->domains->len; k++)
    if (g_strcmp0 (((Domain *) d->domains->pdata[k])->instrument_id, instrument_id) == 0)
      g_array_append_val (cols, k);
  guint nd = cols->len, nc = 4 + nd;
  if (lb_dossier_several_instruments (d) && nd > 0)
    {
      Domain *first = d->domains->pdata[g_array_index (cols, guint, 0)];
      LbBlock *h = lb_block_heading_new (ctx, 3, lb_report_text (ctx, first->instrument_title));
      lb_section_add (sec, h);
    }
  g_autofree double *shares = g_new (double, nc);
  shares[0] = 0.12, shares[1] = 0.24, shares[2] = 0.18;
  for (guint k = 0; k < nd; k++)
    shares[3 + k] = 0.38 / nd;
  shares[nc - 1] = 0.08;
  LbBlock *t = lb_block_table_new (nc, shares);
  g_autofree const char **head = g_new0 (const char *, nc + 1);
  head[0] = TR (ctx, N_("Date")), head[1] = TR (ctx, N_("Observer")), head[2] = TR (ctx, N_("Purpose"));
  for (guint k = 0; k < nd; k++)
    head[3 + k] = lb_report_text (ctx, ((Domain *) d->domains->pdata[g_array_index (cols, guint, k)])->title);
  head[nc - 1] = TR (ctx, N_("Page"));
  lb_block_table_set_header (t, head);
  lb_block_table_set_striped (t, TRUE);
  for (guint i = 0; i < d->entries->len; i++)
    {
      Entry *e = d->entries->pdata[i];
      if (g_strcmp0 (e->instrument_id, instrument_id) != 0)
        continue;
      g_autofree char *date = lb_report_format_date_short (ctx, e->date);
      g_autofree char *who = g_strdup_printf ("%s (%s)", e->observer, lb_report_role_label (ctx, e->role));
      lb_block_table_add_row (t);
      lb_block_table_cell (t, date, LB_FONT_SMALL, NULL, 0, 0);
      lb_block_table_cell (t, who, LB_FONT_SMALL, NULL, 0, 0);
      lb_block_table_cell (t, lb_report_purpose_label (ctx, e->purpose), LB_FONT_SMALL, NULL, 0, 0);
      for (guint k = 0; k < nd; k++)
        {
          double m = e->means[g_array_index (cols, guint, k)];
          g_autofree char *text = isnan (m) ? g_strdup ("—") : lb_report_format_number (ctx, m, 2);
          lb_block_table_cell (t, text, LB_FONT_SMALL_BOLD, NULL, LB_CELL_CENTER, 0);
        }
      lb_block_table_cell (t, "", LB_FONT_SMALL, &lb_color_accent, LB_CELL_PAGE_OF, N_FIXED_SECTIONS + i);
    }
  lb_section_add (sec, t);
}

static void
add_observation_table (LbSection *sec, LbReportCtx *ctx, Dossier *d)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  for (guint i = 0; i < d->entries->len; i++)
    {
      const char *id = ((Entry *) d->entries->pdata[i])->instrument_id;
      gboolean known = FALSE;
      for (guint k = 0; k < seen->len && !known; k++)
        known = g_strcmp0 (seen->pdata[k], id) == 0;
      if (!known)
        {
          g_ptr_array_add (seen, (gpointer) id);
          add_instrument_table (sec, ctx, d, id);
        }
    }
}

static double
stat_share (const ItemStat *s)
{
  double lo = lb_scale_get_min (s->scale), hi = lb_scale_get_max (s->scale);
  return hi > lo ? (s->sum / s->n - lo) / (hi - lo) : 0;
}

static int
cmp_stat_desc (gconstpointer a, gconstpointer b)
{
  const ItemStat *x = *(ItemStat **) a, *y = *(ItemStat **) b;
  /* On the share of each item's own scale: a 5 of 7 and a 3 of 4 compare. */
  double mx = stat_share (x), my = stat_share (y);
  if (mx != my)
    return mx > my ? -1 : 1;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
item_table (LbSection *sec, LbReportCtx *ctx, GPtrArray *stats, guint from, guint to, gboolean reverse,
            const char *title, gboolean mixed)
{
  lb_section_add (sec, lb_block_heading_new (ctx, 3, title));
  const double shares[] = { 0.70, 0.15, 0.15 };
  LbBlock *t = lb_block_table_new (3, shares);
  const char *head[] = { TR (ctx, N_("Item")), TR (ctx, N_("Mean")), TR (ctx, N_("Times scored")) };
  lb_block_table_set_header (t, head);
  for (guint i = from; i < to; i++)
    {
      ItemStat *s = stats->pdata[reverse ? to - 1 - (i - from) : i];
      g_autofree char *text = g_strdup_printf ("%s  %s", s->id, lb_report_text (ctx, s->text));
      g_autofree char *number = lb_report_format_number (ctx, s->sum / s->n, 2);
      /* With several scales in the dossier, which one the mean is on. */
      g_autofree char *lo = lb_report_format_number (ctx, lb_scale_get_min (s->scale), 0);
      g_autofree char *hi = lb_report_format_number (ctx, lb_scale_get_max (s->scale), 0);
      g_autofree char *mean = mixed ? g_strdup_printf ("%s (%s–%s)", number, lo, hi) : g_strdup (number);
      g_autofree char *n = g_strdup_printf ("%u", s->n);
      lb_block_table_add_row (t);
      lb_block_table_cell (t, text, LB_FONT_SMALL, NULL, 0, 0);
      lb_block_table_cell (t, mean, LB_FONT_SMALL_BOLD, NULL, LB_CELL_CENTER, 0);
      lb_block_table_cell (t, n, LB_FONT_SMALL, NULL, LB_CELL_CENTER, 0);
    }
  lb_section_add (sec, t);
}

static void
add_strong_weak (LbSection *sec, LbReportCtx *ctx, Dossier *d)
{
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Strongest and weakest items"))));
  g_autoptr(GPtrArray) stats = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, d->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (stats, value);
  if (stats->len == 0)
    {
      lb_section_add (sec, lb_block_paragraph_new (ctx, TR (ctx, N_("No items were scored by observers yet.")),
                                                   LB_FONT_BODY_ITALIC, &lb_color_muted, 0));
      return;
    }
  g_ptr_array_sort (stats, cmp_stat_desc);
  guint n = MIN (5u, stats->len / 2 + stats->len % 2);
  LbBlock *intro = lb_block_paragraph_new (ctx, TR (ctx, N_("The mean of every item over the observations by others "
                                                            "in this dossier; self-assessments are not counted.")),
                                           LB_FONT_SMALL, &lb_color_muted, LB_PARA_HYPHENATE);
  intro->flags |= LB_BLOCK_KEEP_WITH_NEXT;
  lb_section_add (sec, intro);
  gboolean mixed = FALSE;
  for (guint i = 1; i < stats->len; i++)
    {
      LbScale *a = ((ItemStat *) stats->pdata[i])->scale, *b = ((ItemStat *) stats->pdata[0])->scale;
      mixed = mixed || lb_scale_get_min (a) != lb_scale_get_min (b) || lb_scale_get_max (a) != lb_scale_get_max (b);
    }
  item_table (sec, ctx, stats, 0, n, FALSE, TR (ctx, N_("Strongest")), mixed);
  guint weak = MIN (5u, stats->len - n);
  item_table (sec, ctx, stats, stats->len - weak, stats->len, TRUE, TR (ctx, N_("Weakest")), mixed);
}

GPtrArray *
lb_report_store_goals (LbStore *store, const LbPerson *starter, gpointer user_data)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  if (starter == NULL || starter->uuid == NULL)
    return NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = lb_store_list_goals (store, starter->uuid, FALSE, &error);
  if (goals == NULL)
    {
      g_warning ("the starter's goals could not be read: %s", error->message);
      return NULL;
    }
  if (goals->len == 0)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_report_goal_free);
  for (guint i = 0; i < goals->len; i++)
    {
      const LbGoal *g = goals->pdata[i];
      LbReportGoal *r = g_new0 (LbReportGoal, 1);
      r->title = g_strdup (g->text ? g->text : "");
      r->set_on = g->created_at && strlen (g->created_at) >= 10 ? g_strndup (g->created_at, 10) : NULL;
      switch (g->status)
        {
        /* The untranslated labels of lb_goal_status_to_label (); add_goals
         * translates them into the dossier's language. */
        case LB_GOAL_OPEN: r->status = g_strdup ("open"); break;
        case LB_GOAL_WORKING: r->status = g_strdup ("working on it"); break;
        case LB_GOAL_REACHED: r->status = g_strdup ("reached"); break;
        default: break;
        }
      g_ptr_array_add (out, r);
    }
  return out;
}

/* The hook for development goals: whatever the goals function gives,
 * before the agreements of the observations. */
static void
add_goals (LbSection *sec, LbReportCtx *ctx, Dossier *d)
{
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Development goals and agreements"))));
  if (d->goals == NULL || d->goals->len == 0)
    lb_section_add (sec, lb_block_paragraph_new (ctx, TR (ctx, N_("No development goals have been recorded yet; "
                                                                  "these are the agreements made in the observations.")),
                                                 LB_FONT_SMALL_ITALIC, &lb_color_muted, 0));
  for (guint i = 0; d->goals && i < d->goals->len; i++)
    {
      LbReportGoal *g = d->goals->pdata[i];
      lb_section_add (sec, lb_block_heading_new (ctx, 3, g->title));
      if (g->description)
        lb_report_add_text_lines (sec, ctx, g->description);
      if (g->set_on || g->status)
        {
          g_autofree char *since = g->set_on ? lb_report_format_date (ctx, g->set_on, FALSE) : NULL;
          const char *status = g->status ? TRC (ctx, "goal", g->status) : NULL;
          g_autofree char *line = g_strdup_printf ("%s%s%s", since ? since : "", since && status ? " · " : "",
                                                   status ? status : "");
          lb_section_add (sec, lb_block_paragraph_new (ctx, line, LB_FONT_SMALL, &lb_color_muted, 0));
        }
    }
  for (guint i = 0; i < d->entries->len; i++)
    {
      Entry *e = d->entries->pdata[i];
      if (e->agreements == NULL || *e->agreements == '\0')
        continue;
      g_autofree char *date = lb_report_format_date (ctx, e->date, FALSE);
      g_autofree char *title = g_strdup_printf ("%s · %s · %s", date, lb_report_purpose_label (ctx, e->purpose),
                                                e->observer);
      lb_section_add (sec, lb_block_heading_new (ctx, 3, title));
      lb_report_add_text_lines (sec, ctx, e->agreements);
    }
}

/* The zone from the lessons observed with instruments that declare
 * difficulties (lb_zone_for_person leaves the others out). */
LbZone *
lb_report_zone_for_person (LbStore *store, const char *person_uuid, GError **error)
{
  return lb_zone_for_person (store, person_uuid, NULL, error);
}

LbZone *
lb_report_store_zone (LbStore *store, const LbPerson *starter, gpointer user_data)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  if (starter == NULL || starter->uuid == NULL)
    return NULL;
  g_autoptr(GError) error = NULL;
  LbZone *zone = lb_report_zone_for_person (store, starter->uuid, &error);
  if (zone == NULL && !g_error_matches (error, LB_ERROR, LB_ERROR_NOT_FOUND)
      && !g_error_matches (error, LB_ERROR, LB_ERROR_INVALID))
    g_warning ("the starter's zone of next development could not be estimated: %s", error->message);
  return zone;
}

#define ZONE_SHOWN 5u

/* The zone of next development, after the goals: the estimate, the first
 * indicators of the zone and how it was computed. Left out when the zone
 * function gave nothing. */
static void
add_zone (LbSection *sec, LbReportCtx *ctx, Dossier *d)
{
  LbZone *z = d->zone;
  if (z == NULL)
    return;
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Zone of next development"))));
  g_autofree char *theta = lb_report_format_number (ctx, z->estimate.theta, 2);
  g_autofree char *se = lb_report_format_number (ctx, z->estimate.se, 2);
  g_autofree char *estimate = g_strdup_printf (TR (ctx, N_("On the instrument's Rasch scale the starter's skill is "
                                                           "estimated at %s logits, with a standard error of %s.")),
                                               theta, se);
  LbBlock *p = lb_block_paragraph_new (ctx, estimate, LB_FONT_BODY, NULL, LB_PARA_HYPHENATE);
  if (z->entries->len > 0)
    p->flags |= LB_BLOCK_KEEP_WITH_NEXT;
  lb_section_add (sec, p);
  if (z->entries->len > 0)
    {
      const double shares[] = { 0.70, 0.15, 0.15 };
      LbBlock *t = lb_block_table_new (3, shares);
      const char *head[] = { TR (ctx, N_("Indicator")), TR (ctx, N_("Item")), TR (ctx, N_("Difficulty")) };
      lb_block_table_set_header (t, head);
      for (guint i = 0; i < z->entries->len && i < ZONE_SHOWN; i++)
        {
          LbZoneEntry *e = z->entries->pdata[i];
          g_autofree char *difficulty = lb_report_format_number (ctx, e->difficulty, 2);
          lb_block_table_add_row (t);
          lb_block_table_cell (t, lb_report_text (ctx, lb_node_get_text (e->indicator)), LB_FONT_SMALL, NULL, 0, 0);
          lb_block_table_cell (t, e->item ? lb_node_get_id (e->item) : "", LB_FONT_SMALL, NULL, LB_CELL_CENTER, 0);
          lb_block_table_cell (t, difficulty, LB_FONT_SMALL, NULL, LB_CELL_CENTER, 0);
        }
      lb_section_add (sec, t);
    }
  if (z->explanation)
    lb_section_add (sec, lb_block_paragraph_new (ctx, z->explanation, LB_FONT_SMALL, &lb_color_muted,
                                                 LB_PARA_HYPHENATE));
}

static LbSection *
build_overview (Dossier *d, LbReportCtx *ctx)
{
  LbSection *sec = lb_section_new ();
  sec->outline = g_strdup (TR (ctx, N_("Overview")));
  sec->head_left = g_strdup_printf ("%s · %s", TR (ctx, N_("Competence dossier")), d->starter->name);
  sec->head_right = g_strdup (TR (ctx, N_("Overview")));
  sec->foot_left = g_strdup (sec->head_left);

  LbBlock *h = lb_block_heading_new (ctx, 1, TR (ctx, N_("Growth per domain")));
  h->space_before = 0;
  lb_section_add (sec, h);
  if (d->entries->len == 0 || d->domains->len == 0)
    {
      lb_section_add (sec, lb_block_paragraph_new (ctx, TR (ctx, N_("There are no final observations in this dossier "
                                                                    "yet.")), LB_FONT_BODY_ITALIC, &lb_color_muted, 0));
      add_goals (sec, ctx, d);
      return sec;
    }
  LbBlock *intro = lb_block_paragraph_new (ctx, TR (ctx, N_("The mean score of every domain per observation. The "
                                                            "lines join the observations by others; the starter's "
                                                            "self-assessments are the open dots. The dashed line is "
                                                            "where the mean of a domain counts towards basisbekwaam.")),
                                           LB_FONT_SMALL, &lb_color_muted, LB_PARA_HYPHENATE);
  intro->flags |= LB_BLOCK_KEEP_WITH_NEXT;
  lb_section_add (sec, intro);
  if (!lb_dossier_chart_uniform (d))
    {
      LbBlock *scales = lb_block_paragraph_new (ctx, TR (ctx, N_("The observations were made with instruments on "
                                                                 "different scales, so every mean is drawn as a share "
                                                                 "of its own scale: 0% is the lowest level, 100% the "
                                                                 "highest.")),
                                                LB_FONT_SMALL, &lb_color_muted, LB_PARA_HYPHENATE);
      scales->flags |= LB_BLOCK_KEEP_WITH_NEXT;
      lb_section_add (sec, scales);
    }
  /* The plot keeps its height; a legend of many domains adds to it. */
  double width = lb_report_ctx_content_width (ctx);
  double legend = lb_dossier_chart_legend_height (d, ctx, width);
  lb_section_add (sec, lb_block_drawing_new (CHART_HEIGHT + MAX (0, legend - 30), lb_dossier_draw_chart, d, NULL));
  lb_section_add (sec, lb_block_heading_new (ctx, 1, TR (ctx, N_("Observations in this dossier"))));
  add_observation_table (sec, ctx, d);
  add_strong_weak (sec, ctx, d);
  add_goals (sec, ctx, d);
  add_zone (sec, ctx, d);
  return sec;
}

/* ---- the source ---- */

static guint
dossier_n_sections (gpointer data)
{
  Dossier *d = data;
  return N_FIXED_SECTIONS + d->entries->len;
}

static LbSection *
dossier_build (gpointer data, guint index, LbReportCtx *ctx, GError **error)
{
  Dossier *d = data;
  if (index == SECTION_COVER)
    return build_cover (d, ctx);
  if (index == SECTION_OVERVIEW)
    return build_overview (d, ctx);
  Entry *e = d->entries->pdata[index - N_FIXED_SECTIONS];
  g_autoptr(LbObservation) obs = lb_dossier_load_entry (d, e, error);
  LbInstrument *inst = obs ? lb_dossier_instrument_of (d, obs, error) : NULL;
  return inst ? lb_report_observation_section (ctx, obs, inst, TRUE) : NULL;
}

static const LbReportSourceFuncs dossier_funcs = { dossier_n_sections, dossier_build, lb_dossier_free };

/* The dossier's data for @person: the overview's numbers gathered, no
 * section built yet. Shared by the document and the app's growth chart. */
Dossier *
lb_dossier_new (LbStore *store, const char *person, gboolean include_formatief, GError **error)
{
  g_autoptr(LbPerson) starter = lb_store_find_person (store, person, error);
  if (starter == NULL)
    return NULL;
  if (!starter->is_starter)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_INVALID, _("%s is not a starter: only starters have a dossier"),
                   starter->name);
      return NULL;
    }
  Dossier *d = g_new0 (Dossier, 1);
  d->store = g_object_ref (store);
  d->starter = g_steal_pointer (&starter);
  d->include_formatief = include_formatief;
  d->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_dossier_entry_free);
  d->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_dossier_domain_free);
  d->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lb_dossier_item_stat_free);
  d->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  d->made_on = g_date_time_format (now, "%Y-%m-%d");
  if (!gather (d, error))
    {
      lb_dossier_free (d);
      return NULL;
    }
  return d;
}

LbReportDocument *
lb_report_document_new_dossier (LbStore *store, const char *person, const LbDossierOptions *options,
                                GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  LbDossierOptions defaults = LB_DOSSIER_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  Dossier *d = lb_dossier_new (store, person, options->include_formatief, error);
  if (d == NULL)
    return NULL;
  if (options->goals_func)
    d->goals = options->goals_func (store, d->starter, options->goals_data);
  if (options->zone_func)
    d->zone = options->zone_func (store, d->starter, options->zone_data);

  LbReportCtx *ctx = lb_report_ctx_new (options->lang);
  g_autofree char *title = g_strdup_printf ("%s %s", TR (ctx, N_("Competence dossier")), d->starter->name);
  g_autofree char *period = period_text (ctx, d);
  g_autofree char *subject = g_strdup_printf (TR (ctx, N_("Induction of %s: %u observations, %s")), d->starter->name,
                                              d->entries->len, period);
  lb_report_ctx_free (ctx);
  return lb_report_document_new (options->lang, &dossier_funcs, d, title, d->starter->name, subject);
}

