/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-report"

/* The report's words: its own language, independent of the app's (a coach
 * with an English app hands a Dutch starter a Dutch report), Dutch
 * hyphenation with libhyphen, and dates and numbers as a Dutch reader
 * writes them. */

#include "config.h"
#include "lb-report-private.h"

#include <glib/gi18n.h>
#include <hyphen.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>

const LbColor lb_color_text         = { 0.12, 0.12, 0.14 };
const LbColor lb_color_muted        = { 0.37, 0.36, 0.39 };
const LbColor lb_color_accent       = { 0.10, 0.37, 0.71 };
const LbColor lb_color_accent_light = { 0.84, 0.89, 0.96 };
const LbColor lb_color_rule         = { 0.80, 0.80, 0.79 };
const LbColor lb_color_box          = { 0.955, 0.96, 0.97 };
const LbColor lb_color_met          = { 0.15, 0.52, 0.30 };
const LbColor lb_color_not_met      = { 0.75, 0.11, 0.16 };
const LbColor lb_color_neutral      = { 0.47, 0.47, 0.50 };
const LbColor lb_color_white        = { 1, 1, 1 };

/* ---- the catalog: a .mo file read directly ----
 *
 * gettext has no call for "this string in that language": it follows
 * LANGUAGE, which is process-wide and not thread-safe to change. A .mo
 * file is a simple table, so we read it once per language and look up
 * msgids (and "context\004msgid") ourselves. Never freed: like gettext's
 * own catalogs they live as long as the process. */

typedef struct {
  GBytes     *bytes;
  GHashTable *table;  /* msgid → msgstr, both pointing into bytes */
} Catalog;

static guint32
mo_u32 (const guint8 *data, gsize offset, gboolean swap)
{
  guint32 v;
  memcpy (&v, data + offset, sizeof v);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static Catalog *
catalog_parse (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  if (size < 28)
    return NULL;
  guint32 magic = mo_u32 (data, 0, FALSE);
  gboolean swap = magic == 0xde120495;
  if (!swap && magic != 0x950412de)
    return NULL;
  guint32 n = mo_u32 (data, 8, swap), orig = mo_u32 (data, 12, swap), trans = mo_u32 (data, 16, swap);
  if ((guint64) orig + 8ull * n > size || (guint64) trans + 8ull * n > size)
    return NULL;

  Catalog *c = g_new0 (Catalog, 1);
  c->bytes = g_bytes_ref (bytes);
  c->table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = mo_u32 (data, orig + 8 * i, swap), ooff = mo_u32 (data, orig + 8 * i + 4, swap);
      guint32 tlen = mo_u32 (data, trans + 8 * i, swap), toff = mo_u32 (data, trans + 8 * i + 4, swap);
      /* Every string is followed by a NUL in the file; check, then use in place. */
      if ((guint64) ooff + olen >= size || (guint64) toff + tlen >= size ||
          data[ooff + olen] != '\0' || data[toff + tlen] != '\0' || olen == 0 || tlen == 0)
        continue;
      g_hash_table_insert (c->table, (gpointer) (data + ooff), (gpointer) (data + toff));
    }
  return c;
}

static Catalog *
catalog_load (const char *lang)
{
  const char *bound = bindtextdomain (GETTEXT_PACKAGE, NULL);
  const char *dirs[] = { g_getenv ("LESBEZOEK_LOCALEDIR"), bound, LOCALEDIR, BUILD_LOCALEDIR };
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      if (dirs[i] == NULL)
        continue;
      g_autofree char *path = g_build_filename (dirs[i], lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      if (file == NULL)
        continue;
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);
      Catalog *c = catalog_parse (bytes);
      if (c)
        return c;
      g_debug ("%s is not a message catalog", path);
    }
  g_debug ("no %s catalog for the report; its words stay English", lang);
  return NULL;
}

static Catalog *
catalog_get (const char *lang)
{
  static GHashTable *catalogs;  /* lang → Catalog, or absent-marker */
  G_LOCK_DEFINE_STATIC (catalogs);
  static Catalog none;

  G_LOCK (catalogs);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  Catalog *c = g_hash_table_lookup (catalogs, lang);
  if (c == NULL)
    {
      c = catalog_load (lang);
      if (c == NULL)
        c = &none;
      g_hash_table_insert (catalogs, g_strdup (lang), c);
    }
  G_UNLOCK (catalogs);
  return c == &none ? NULL : c;
}

const char *
lb_report_tr (LbReportCtx *ctx, const char *msgid)
{
  if (ctx->catalog == NULL)
    return msgid;
  const char *s = g_hash_table_lookup (((Catalog *) ctx->catalog)->table, msgid);
  return s ? s : msgid;
}

const char *
lb_report_trc (LbReportCtx *ctx, const char *context, const char *msgid)
{
  if (ctx->catalog == NULL)
    return msgid;
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *s = g_hash_table_lookup (((Catalog *) ctx->catalog)->table, key);
  return s ? s : msgid;
}

/* ---- hyphenation ---- */

static HyphenDict *
hyphen_dict (void)
{
  static gsize once;
  static HyphenDict *dict;
  if (g_once_init_enter (&once))
    {
      /* LESBEZOEK_HYPHEN_DIC lets the tests take the patterns away. */
      const char *path = g_getenv ("LESBEZOEK_HYPHEN_DIC");
      if (path == NULL)
        path = "/usr/share/hyphen/hyph_nl_NL.dic";
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        dict = hnj_hyphen_load (path);
      if (dict == NULL)
        g_debug ("no Dutch hyphenation patterns at %s: reports are not hyphenated", path);
      g_once_init_leave (&once, 1);
    }
  return dict;
}

gboolean
lb_report_hyphenation_available (void)
{
  return hyphen_dict () != NULL;
}

/* Latin-1 is the first 256 code points: no iconv needed (g_convert
 * opens one per call, which made hyphenation the slowest part). NULL when
 * a character has no Latin-1 form. */
static char *
to_latin1 (const char *utf8)
{
  GString *out = g_string_sized_new (strlen (utf8));
  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c > 0xff)
        return g_string_free (out, TRUE), NULL;
      g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

/* The dictionary is in ISO 8859-1 (as the Debian package ships it) or
 * UTF-8; a word it cannot spell is left whole. Appends @word to @out with
 * soft hyphens. */
static void
hyphenate_word (HyphenDict *dict, const char *word, gsize len, GString *out)
{
  glong n_chars = g_utf8_strlen (word, (gssize) len);
  g_autofree char *lower = g_utf8_strdown (word, (gssize) len);
  g_autofree char *encoded = dict->utf8 ? g_strdup (lower) : to_latin1 (lower);
  /* In UTF-8 dictionaries the points are per byte; we only take them
   * between whole characters, which is where they fall. */
  gsize elen = encoded ? strlen (encoded) : 0;
  if (encoded == NULL || n_chars < 6 || elen > 200 || (dict->utf8 && elen != len))
    {
      g_string_append_len (out, word, (gssize) len);
      return;
    }
  g_autofree char *hyphens = g_malloc0 (elen + 5);
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  if (hnj_hyphen_hyphenate3 (dict, encoded, (int) elen, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 2) != 0)
    memset (hyphens, 0, elen);
  const char *p = word;
  for (gsize i = 0; i < elen && p < word + len; i++)
    {
      const char *next = dict->utf8 ? p + 1 : g_utf8_next_char (p);
      g_string_append_len (out, p, next - p);
      /* Points with a replacement (Dutch "omaatje" → "oma-tje") would need
       * the word changed at the break; pango cannot, so we skip them. */
      if ((hyphens[i] & 1) && (rep == NULL || rep[i] == NULL) && next < word + len)
        g_string_append (out, "\302\255");
      p = next;
    }
  if (rep)
    {
      for (gsize i = 0; i < elen; i++)
        free (rep[i]);
      free (rep);
    }
  free (pos);
  free (cut);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalpha (c);
}

char *
lb_report_hyphenate (LbReportCtx *ctx, const char *text)
{
  HyphenDict *dict = ctx->hyphenate ? hyphen_dict () : NULL;
  if (text == NULL)
    return g_strdup ("");
  if (dict == NULL)
    return g_strdup (text);
  GString *out = g_string_sized_new (strlen (text) + strlen (text) / 8);
  const char *p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_word_char (c))
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }
      const char *start = p;
      gboolean upper_run = TRUE;
      while (*p && is_word_char (g_utf8_get_char (p)))
        {
          upper_run = upper_run && g_unichar_isupper (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      /* Abbreviations in capitals (OBS, POP) stay whole. */
      if (upper_run)
        g_string_append_len (out, start, p - start);
      else
        hyphenate_word (dict, start, (gsize) (p - start), out);
    }
  return g_string_free (out, FALSE);
}

/* ---- shared layouts ----
 *
 * A report says the same things many times: every item's text, its
 * level's label and descriptor, the labels of every table, and a dossier
 * repeats all of them for every observation. Laying out the same text at
 * the same width twice gives the same layout, so the context keeps the
 * most recent ones (a fixed number: memory does not grow with the
 * document) and hands out references. Shared layouts are never changed. */

/* Enough for the distinct texts of a few observations (items, levels,
 * descriptors, labels: a few hundred), about 2 MB. */
#define SHARED_LAYOUTS 800

typedef struct {
  char        *key;
  PangoLayout *layout;
  GList        link;  /* in ctx->lru, most recent first */
} Shared;

static void
shared_free (gpointer data)
{
  Shared *s = data;
  g_free (s->key);
  g_object_unref (s->layout);
  g_free (s);
}

PangoLayout *
lb_report_layout_shared (LbReportCtx *ctx, const char *text, LbFont font, double width,
                         PangoAlignment align, gboolean justify)
{
  g_autofree char *key = g_strdup_printf ("%d:%.2f:%d:%d:%s", font, width, align, justify, text ? text : "");
  Shared *s = g_hash_table_lookup (ctx->shared, key);
  if (s)
    {
      g_queue_unlink (&ctx->lru, &s->link);
      g_queue_push_head_link (&ctx->lru, &s->link);
      return g_object_ref (s->layout);
    }
  s = g_new0 (Shared, 1);
  s->key = g_steal_pointer (&key);
  s->layout = lb_report_layout_new (ctx, text, font, width);
  pango_layout_set_alignment (s->layout, align);
  pango_layout_set_justify (s->layout, justify);
  s->link.data = s;
  g_queue_push_head_link (&ctx->lru, &s->link);
  g_hash_table_insert (ctx->shared, s->key, s);
  if (ctx->lru.length > SHARED_LAYOUTS)
    {
      GList *oldest = g_queue_pop_tail_link (&ctx->lru);
      g_hash_table_remove (ctx->shared, ((Shared *) oldest->data)->key);
    }
  return g_object_ref (s->layout);
}

/* ---- the context ---- */

static void
free_layouts (gpointer data)
{
  PangoLayout **layouts = data;
  for (guint i = 0; layouts[i]; i++)
    g_object_unref (layouts[i]);
  g_free (layouts);
}

static const struct { const char *desc; } font_specs[LB_N_FONTS] = {
  [LB_FONT_BODY]         = { "Cantarell,DejaVu Sans 9.5" },
  [LB_FONT_BODY_BOLD]    = { "Cantarell,DejaVu Sans Bold 9.5" },
  [LB_FONT_BODY_ITALIC]  = { "Cantarell,DejaVu Sans Italic 9.5" },
  [LB_FONT_SMALL]        = { "Cantarell,DejaVu Sans 8" },
  [LB_FONT_SMALL_BOLD]   = { "Cantarell,DejaVu Sans Bold 8" },
  [LB_FONT_SMALL_ITALIC] = { "Cantarell,DejaVu Sans Italic 8" },
  [LB_FONT_TINY]         = { "Cantarell,DejaVu Sans 6.8" },
  [LB_FONT_TINY_BOLD]    = { "Cantarell,DejaVu Sans Bold 6.8" },
  [LB_FONT_H3]           = { "Cantarell,DejaVu Sans Bold 10" },
  [LB_FONT_H2]           = { "Cantarell,DejaVu Sans Bold 11.5" },
  [LB_FONT_H1]           = { "Cantarell,DejaVu Sans Bold 14" },
  [LB_FONT_TITLE]        = { "Cantarell,DejaVu Sans Bold 22" },
  [LB_FONT_MONO]         = { "DejaVu Sans Mono 6.2" },
};

LbReportCtx *
lb_report_ctx_new (const char *lang)
{
  LbReportCtx *ctx = g_new0 (LbReportCtx, 1);
  ctx->lang = g_strdup (lang ? lang : "nl");
  ctx->catalog = g_str_equal (ctx->lang, "en") ? NULL : catalog_get (ctx->lang);
  ctx->hyphenate = g_str_equal (ctx->lang, "nl");

  /* Our own context, not one from a surface: unhinted metrics and
   * unrounded glyph positions make the layout the same on every target,
   * so what pagination measured is what a PDF or a printer draws. */
  ctx->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (ctx->pango, 72);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (ctx->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (ctx->pango, FALSE);
  pango_context_set_language (ctx->pango, pango_language_from_string (ctx->lang));
  for (guint i = 0; i < LB_N_FONTS; i++)
    ctx->fonts[i] = pango_font_description_from_string (font_specs[i].desc);

  ctx->section_first_page = g_array_new (FALSE, TRUE, sizeof (guint));
  ctx->numbers = g_hash_table_new_full (NULL, NULL, g_object_unref, free_layouts);
  ctx->shared = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, shared_free);
  g_queue_init (&ctx->lru);
  lb_report_ctx_set_page_size (ctx, LB_REPORT_A4_WIDTH, LB_REPORT_A4_HEIGHT);
  return ctx;
}

void
lb_report_ctx_free (LbReportCtx *ctx)
{
  if (ctx == NULL)
    return;
  for (guint i = 0; i < LB_N_FONTS; i++)
    pango_font_description_free (ctx->fonts[i]);
  g_clear_object (&ctx->pango);
  g_array_unref (ctx->section_first_page);
  g_hash_table_unref (ctx->numbers);
  g_hash_table_unref (ctx->shared);
  g_free (ctx->lang);
  g_free (ctx);
}

void
lb_report_ctx_set_page_size (LbReportCtx *ctx, double width, double height)
{
  ctx->page_width = width;
  ctx->page_height = height;
  /* 20 mm at the sides, room for the running head and the footer. */
  ctx->margin_left = ctx->margin_right = MIN (56.7, width / 8);
  ctx->margin_top = MIN (62, height / 10);
  ctx->margin_bottom = MIN (68, height / 10);
}

double
lb_report_ctx_content_width (LbReportCtx *ctx)
{
  return ctx->page_width - ctx->margin_left - ctx->margin_right;
}

/* ---- layouts and drawing ---- */

static PangoLayout *
layout_base (LbReportCtx *ctx, LbFont font, double width)
{
  PangoLayout *layout = pango_layout_new (ctx->pango);
  pango_layout_set_font_description (layout, ctx->fonts[font]);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

PangoLayout *
lb_report_layout_new (LbReportCtx *ctx, const char *text, LbFont font, double width)
{
  PangoLayout *layout = layout_base (ctx, font, width);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

PangoLayout *
lb_report_layout_new_markup (LbReportCtx *ctx, const char *markup, LbFont font, double width)
{
  PangoLayout *layout = layout_base (ctx, font, width);
  pango_layout_set_markup (layout, markup ? markup : "", -1);
  return layout;
}

double
lb_report_layout_height (PangoLayout *layout)
{
  int h;
  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

double
lb_report_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

void
lb_report_set_color (cairo_t *cr, const LbColor *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

void
lb_report_show_layout (cairo_t *cr, PangoLayout *layout, double x, double y, const LbColor *color)
{
  lb_report_set_color (cr, color ? color : &lb_color_text);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
lb_report_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* ---- words, dates and numbers ---- */

const char *
lb_report_ui_language (void)
{
  const char *ui = lb_text_ui_language ();
  return g_str_equal (ui, "nl") ? "nl" : "en";
}

const char *
lb_report_text (LbReportCtx *ctx, const LbText *text)
{
  const char *s = text ? lb_text_get (text, ctx->lang) : NULL;
  return s ? s : "";
}

static const char *months[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static const char *weekdays[] = {
  NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
  NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
  NC_("weekday", "Sunday"),
};

static gboolean
parse_date (const char *date, GDate *out)
{
  int y, m, d;
  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
lb_report_format_date (LbReportCtx *ctx, const char *date, gboolean weekday)
{
  GDate d;
  if (!parse_date (date, &d))
    return g_strdup (date ? date : "");
  const char *month = TRC (ctx, "month", months[g_date_get_month (&d) - 1]);
  const char *day = TRC (ctx, "weekday", weekdays[g_date_get_weekday (&d) - 1]);
  /* TRANSLATORS: a date: weekday, day, month name, year */
  return weekday ? g_strdup_printf (TR (ctx, N_("%s %d %s %d")), day, g_date_get_day (&d), month,
                                    g_date_get_year (&d))
                 : g_strdup_printf ("%d %s %d", g_date_get_day (&d), month, g_date_get_year (&d));
}

char *
lb_report_format_date_short (LbReportCtx *ctx, const char *date)
{
  GDate d;
  if (!parse_date (date, &d))
    return g_strdup (date ? date : "");
  return g_strdup_printf ("%02d-%02d-%04d", g_date_get_day (&d), g_date_get_month (&d), g_date_get_year (&d));
}

char *
lb_report_format_timestamp (LbReportCtx *ctx, const char *timestamp)
{
  if (timestamp == NULL)
    return g_strdup ("");
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *date = lb_report_format_date (ctx, day, FALSE);
  /* TRANSLATORS: a date and a time of day */
  return g_strdup_printf (TR (ctx, N_("%s at %02d:%02d")), date,
                          g_date_time_get_hour (local), g_date_time_get_minute (local));
}

char *
lb_report_format_number (LbReportCtx *ctx, double value, int digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 6));
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (g_str_equal (ctx->lang, "nl"))
    g_strdelimit (buf, ".", ',');
  return g_strdup (buf);
}

char *
lb_report_format_percent (LbReportCtx *ctx, double share)
{
  return g_strdup_printf ("%.0f%%", share * 100);
}

const char *
lb_report_purpose_label (LbReportCtx *ctx, LbPurpose purpose)
{
  switch (purpose)
    {
    case LB_PURPOSE_FORMATIEF: return TR (ctx, N_("Formative (coaching)"));
    case LB_PURPOSE_SUMMATIEF: return TR (ctx, N_("Summative (assessment)"));
    case LB_PURPOSE_KLASSENBEZOEK: return TR (ctx, N_("Class visit"));
    case LB_PURPOSE_ZELFBEOORDELING: return TR (ctx, N_("Self-assessment"));
    default: g_return_val_if_reached ("?");
    }
}

const char *
lb_report_role_label (LbReportCtx *ctx, LbRole role)
{
  switch (role)
    {
    case LB_ROLE_ASSESSOR: return TR (ctx, N_("Assessor"));
    case LB_ROLE_COACH: return TR (ctx, N_("Coach"));
    case LB_ROLE_SCHOOL_LEADER: return TR (ctx, N_("School leader"));
    case LB_ROLE_MENTOR: return TR (ctx, N_("Workplace mentor"));
    case LB_ROLE_STARTER: return TR (ctx, N_("Starter"));
    default: g_return_val_if_reached ("?");
    }
}

const char *
lb_report_verdict_label (LbReportCtx *ctx, LbVerdict verdict)
{
  switch (verdict)
    {
    case LB_VERDICT_NONE: return TR (ctx, N_("no judgement rules"));
    case LB_VERDICT_INSUFFICIENT: return TR (ctx, N_("too few items scored to judge"));
    case LB_VERDICT_NOT_MET: return TR (ctx, N_("not yet basisbekwaam"));
    case LB_VERDICT_MET: return TR (ctx, N_("basisbekwaam"));
    default: g_return_val_if_reached ("?");
    }
}

LbVerdict
lb_report_verdict_from_code (const char *code)
{
  if (g_strcmp0 (code, "met") == 0)
    return LB_VERDICT_MET;
  if (g_strcmp0 (code, "not-met") == 0)
    return LB_VERDICT_NOT_MET;
  if (g_strcmp0 (code, "insufficient") == 0)
    return LB_VERDICT_INSUFFICIENT;
  return LB_VERDICT_NONE;
}

char *
lb_report_rule_explanation (LbReportCtx *ctx, const LbRuleResult *r, LbScale *scale,
                            guint n_scored, guint n_items)
{
  const LbRule *rule = r->rule;
  const LbLevel *level = rule->level < lb_scale_get_n_levels (scale) ? lb_scale_get_level (scale, rule->level) : NULL;
  const char *label = level ? lb_report_text (ctx, level->label) : "?";
  g_autofree char *actual_pct = lb_report_format_percent (ctx, r->actual);
  g_autofree char *need_pct = lb_report_format_percent (ctx, rule->share);
  switch (rule->kind)
    {
    case LB_RULE_MIN_SCORED:
      return g_strdup_printf (TR (ctx, N_("%u of %u items scored (%s; at least %s needed)")),
                              n_scored, n_items, actual_pct, need_pct);
    case LB_RULE_MEAN_AT_LEAST:
      {
        g_autofree char *mean = lb_report_format_number (ctx, r->actual, 2);
        g_autofree char *need = lb_report_format_number (ctx, rule->value, rule->value == (int) rule->value ? 0 : 1);
        return g_strdup_printf (TR (ctx, N_("mean %s (at least %s needed)")), mean, need);
      }
    case LB_RULE_SHARE_AT_LEAST:
      return g_strdup_printf (TR (ctx, N_("%s of the scored items at “%s” or higher (at least %s needed)")),
                              actual_pct, label, need_pct);
    case LB_RULE_NONE_BELOW:
      {
        g_autofree char *lowest = lb_report_format_number (ctx, r->actual, r->actual == (int) r->actual ? 0 : 1);
        return g_strdup_printf (TR (ctx, N_("lowest score %s (none below “%s” allowed)")), lowest, label);
      }
    default:
      g_return_val_if_reached (g_strdup ("?"));
    }
}
