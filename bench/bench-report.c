/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-report"

/* How long does a coach wait for a PDF, and how much memory does a long
 * dossier take?
 *
 * Ours: lb_report_write_pdf () for a typical observation (a summative
 * lesson: every item scored, ten notes, a wrap-up; about five pages) and
 * for a starter's dossier of about 30 and about 300 pages.
 * (a) The floor: cairo and pango writing a PDF of the same number of
 *     pages with one line of text each, in the same font.
 * (b) What a school would otherwise do: LibreOffice converting an
 *     equivalent document (the same texts as HTML) to PDF, headless.
 *     Skipped, with the reason, when LibreOffice is not installed.
 *
 * (c) For reference: cairo alone writing our very pages, recorded
 *     beforehand (what is left is layout and pagination).
 *
 * Every measurement runs in a child process forked from a parent that has
 * loaded nothing (no fonts, no database), so that each pays the same
 * start-up costs and its peak memory (ru_maxrss from wait4) is its own.
 * Rounds are interleaved. The databases are made once, in $TMPDIR, by
 * importing generated observations. */

#include "config.h"
#include "bench-util.h"
#include "lb-judgement.h"
#include "lb-report.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  double ms;
  long   maxrss_kb;
  guint  pages;
  gint64 bytes;
} Result;

typedef struct {
  const char *db;
  const char *uuid;      /* a report */
  const char *person;    /* a dossier */
  const char *out;
  guint       pages;     /* the floor */
  const char *html;      /* LibreOffice */
} Job;

typedef void (*WorkFunc) (const Job *job, Result *result);

/* ---- generated observations ---- */

static const char *note_texts[] = {
  "Start na de gymles; de groep is nog wat druk en de leerkracht wacht rustig tot iedereen zit.",
  "Het lesdoel staat op het bord en wordt hardop voorgelezen: ‘Ik kan woorden met twee klankgroepen vlot lezen.’",
  "Lacht mee om een grapje van Lucas en pakt daarna moeiteloos de draad weer op.",
  "Sem loopt vast op een lange opdracht; de leerkracht geeft het antwoord in plaats van een denkstap.",
  "Na de uitleg een voorbeeldopgave op het wisbordje; ziet direct wie het nog niet snapt en noteert drie namen.",
  "Overgang naar zelfstandig werken: drie kinderen blijven aan de instructietafel voor verlengde instructie.",
  "Zoë wacht tien minuten met de vinger omhoog; het blokje ‘hulp nodig’ wordt niet gebruikt.",
  "Er liggen plusopdrachten klaar, maar die worden niet besproken; de snelle lezers gaan tekenen.",
  "Terugblik in de kring: twee kinderen vertellen welke woorden lastig waren en waarom.",
  "Afsluiting op tijd; de leerkracht benoemt wat goed ging en wat morgen terugkomt.",
};

static const char *names[] = { "Bij Noah:", "Bij Emma:", "Bij Sem:", "Bij Zoë:", "Bij Lucas:", "Bij Hiba:",
                               "Bij Daan:", "Bij Yara:" };

static GStrv
strv1 (const char *s)
{
  char **v = g_new0 (char *, 2);
  v[0] = g_strdup (s);
  return v;
}

static gboolean
lookup_cb (const char *item_id, double *value, gpointer data)
{
  LbObservation *o = data;
  for (guint i = 0; i < o->scores->len; i++)
    {
      LbScore *s = o->scores->pdata[i];
      if (g_str_equal (s->item_id, item_id) && !s->not_observed)
        return *value = g_ascii_strtod (s->level_id, NULL), TRUE;
    }
  return FALSE;
}

static LbObservation *
make_observation (LbInstrument *inst, LbPerson *starter, LbPerson *assessor, const char *date, GRand *r)
{
  LbObservation *o = lb_observation_new ();
  o->uuid = lb_uuid_new ();
  o->instrument_id = g_strdup (lb_instrument_get_id (inst));
  o->instrument_version = g_strdup (lb_instrument_get_version (inst));
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (inst));
  o->starter = lb_person_copy (starter);
  o->observer = lb_person_copy (assessor);
  o->observer_role = LB_ROLE_ASSESSOR;
  o->purpose = LB_PURPOSE_SUMMATIEF;
  o->date = g_strdup (date);
  o->start_time = g_strdup ("09:00");
  o->end_time = g_strdup ("09:45");
  o->school = g_strdup ("OBS De Regenboog");
  o->group = g_strdup ("groep 4");
  o->pupils = 25;
  o->subject = g_strdup ("technisch lezen");
  o->lesson_goal = g_strdup ("Ik kan woorden met twee klankgroepen vlot lezen.");
  o->question = g_strdup ("Wil je letten op hoe ik de zwakke lezers betrek bij de instructie?");
  o->status = LB_STATUS_FINAL;
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      LbScore *s = g_new0 (LbScore, 1);
      s->item_id = g_strdup (lb_node_get_id (item));
      s->not_observed = i == 10;
      s->reason = s->not_observed ? g_strdup ("Toetsles: de kinderen werkten individueel.") : NULL;
      guint level = (guint) g_rand_int_range (r, 1, 5);
      s->level_id = s->not_observed ? NULL : g_strdup_printf ("%u", level);
      g_ptr_array_add (o->scores, s);
      for (guint k = 0; k < lb_node_get_n_children (item) && k < level && !s->not_observed; k++)
        {
          LbMark *m = g_new0 (LbMark, 1);
          m->indicator_id = g_strdup (lb_node_get_id (lb_node_get_child (item, k)));
          m->code = g_strdup ("yes");
          g_ptr_array_add (o->marks, m);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (note_texts); i++)
    {
      LbNote *n = g_new0 (LbNote, 1);
      n->uuid = lb_uuid_new ();
      n->minute = (int) (i * 5);
      n->created_at = g_strdup_printf ("%sT09:%02u:00.000Z", date, i * 5);
      /* Every lesson's notes are its own: no layout of one is reused for
       * another, as in a real dossier. */
      n->text = g_strdup_printf ("%s %s (%s)", names[g_rand_int_range (r, 0, G_N_ELEMENTS (names))],
                                 note_texts[i], o->uuid);
      n->item_ids = i % 3 == 2 ? g_new0 (char *, 1) : strv1 (lb_node_get_id (items->pdata[(i * 5) % items->len]));
      g_ptr_array_add (o->notes, n);
    }
  GListModel *domains = lb_instrument_get_domains (inst);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      g_autoptr(LbJudgement) j = lb_judgement_evaluate (d, lookup_cb, o);
      LbDomainJudgement *dj = g_new0 (LbDomainJudgement, 1);
      dj->domain_id = g_strdup (lb_node_get_id (d));
      dj->computed = g_strdup (j->verdict == LB_VERDICT_MET ? "met" : j->verdict == LB_VERDICT_NOT_MET ? "not-met"
                               : "insufficient");
      dj->confirmed = TRUE;
      g_ptr_array_add (o->judgements, dj);
    }
  o->tops = g_strdup_printf ("- Je maakt het lesdoel duidelijk en zichtbaar, in taal die de kinderen begrijpen.\n"
                             "- Je spreekt de kinderen rustig en vriendelijk aan en kent iedereen bij naam (%s).",
                             o->uuid);
  o->tips = g_strdup ("- Leer kinderen een vaste manier om hun antwoord te controleren, zoals schatten.\n"
                      "- Haal aan het begin van de les de voorkennis op.");
  o->agreements = g_strdup ("- Je introduceert de vraag ‘Kan dat kloppen?’ als vaste stap en hangt die op.");
  o->signed_by = g_strdup (assessor->name);
  o->signed_at = g_strdup_printf ("%sT15:00:00.000Z", date);
  o->created_at = g_strdup_printf ("%sT08:55:00.000Z", date);
  o->updated_at = g_strdup (o->signed_at);
  o->revision = 1;
  lb_observation_sort (o);
  o->content_hash = lb_observation_compute_hash (o);
  return o;
}

static LbPerson *
person (const char *name, gboolean starter)
{
  LbPerson *p = lb_person_new ();
  p->uuid = lb_uuid_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : LB_ROLE_ASSESSOR;
  p->school = g_strdup ("OBS De Regenboog");
  p->board = g_strdup ("Stichting Rivierland Onderwijs");
  if (starter)
    p->induction_start = g_strdup ("2024-08-26"), p->induction_year = 2;
  return p;
}

/* Two starters: one with @n_short observations, one with @n_long. Writes
 * the uuid of one observation to *@uuid. */
static void
make_db (const char *path, guint n_short, guint n_long, char **uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  if (store == NULL || inst == NULL)
    g_error ("making the database: %s", error->message);
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_autoptr(LbPerson) a = person ("Kort Dossier", TRUE);
  g_autoptr(LbPerson) b = person ("Lang Dossier", TRUE);
  g_autoptr(LbPerson) assessor = person ("Hans Kuipers", FALSE);
  g_ptr_array_add (ex->people, lb_person_copy (a));
  g_ptr_array_add (ex->people, lb_person_copy (b));
  g_ptr_array_add (ex->people, lb_person_copy (assessor));
  g_ptr_array_add (ex->instruments, g_bytes_ref (lb_instrument_get_bytes (inst)));
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  for (guint i = 0; i < n_short + n_long; i++)
    {
      GDate d;
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, 9, 2024);
      g_date_add_days (&d, (i % MAX (n_long, 1)) * 7);
      char date[16];
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &d);
      LbObservation *o = make_observation (inst, i < n_short ? a : b, assessor, date, r);
      if (i == 0)
        *uuid = g_strdup (o->uuid);
      g_ptr_array_add (ex->observations, o);
    }
  LbImportReport report = { 0 };
  if (!lb_store_import (store, ex, &report, &error))
    g_error ("importing: %s", error->message);
}

/* The same texts as HTML, for LibreOffice: one observation after the
 * other, each on a new page. */
static void
append_html (GString *s, LbObservation *o, LbInstrument *inst, gboolean page_break)
{
  g_string_append_printf (s, "<h1%s>Observatieverslag %s</h1>\n<table>",
                          page_break ? " style=\"page-break-before: always\"" : "", o->starter->name);
  const char *fields[][2] = { { "Observator", o->observer->name }, { "Datum", o->date }, { "School", o->school },
                              { "Groep", o->group }, { "Vak", o->subject }, { "Lesdoel", o->lesson_goal },
                              { "Vraag", o->question } };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (s, "<tr><th>%s</th><td>%s</td></tr>\n", fields[i][0], fields[i][1]);
  g_string_append (s, "</table>\n<table>\n");
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      const LbScore *sc = lb_observation_find_score (o, 0, lb_node_get_id (item));
      g_autofree char *text = g_markup_escape_text (lb_text_get (lb_node_get_text (item), "nl"), -1);
      g_string_append_printf (s, "<tr><td>%s<br/><small>%s</small></td><td>%s</td></tr>\n", lb_node_get_id (item),
                              text, sc && sc->level_id ? sc->level_id : "niet geobserveerd");
    }
  g_string_append (s, "</table>\n<h2>Notities</h2>\n");
  for (guint i = 0; i < o->notes->len; i++)
    {
      LbNote *n = o->notes->pdata[i];
      g_autofree char *text = g_markup_escape_text (n->text, -1);
      g_string_append_printf (s, "<p><b>%d min</b> %s</p>\n", n->minute, text);
    }
  g_autofree char *tops = g_markup_escape_text (o->tops, -1), *tips = g_markup_escape_text (o->tips, -1);
  g_autofree char *agreements = g_markup_escape_text (o->agreements, -1);
  g_string_append_printf (s, "<h2>Tops</h2><p>%s</p><h2>Tips</h2><p>%s</p><h2>Afspraken</h2><p>%s</p>\n"
                          "<p>Ondertekend door %s; inhoudshash %s</p>\n", tops, tips, agreements, o->signed_by,
                          o->content_hash);
}

static void
write_html (const char *db, const char *person_name, const char *uuid, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_autoptr(GString) s = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/></head><body>\n");
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  if (uuid)
    g_ptr_array_add (uuids, g_strdup (uuid));
  else
    {
      g_autoptr(LbPerson) p = lb_store_find_person (store, person_name, &error);
      LbListFilter filter = LB_LIST_FILTER_INIT;
      filter.person = p->uuid;
      g_autoptr(GPtrArray) list = lb_store_list (store, &filter, &error);
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (uuids, g_strdup (((LbSummary *) list->pdata[i])->uuid));
    }
  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(LbObservation) o = lb_store_load (store, uuids->pdata[i], &error);
      append_html (s, o, inst, i > 0);
    }
  g_string_append (s, "</body></html>\n");
  if (!g_file_set_contents (path, s->str, (gssize) s->len, &error))
    g_error ("%s", error->message);
}

/* ---- the work, each in its own process ---- */

static gint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
work_report (const Job *job, Result *res)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->db, &error);
  gint64 t0 = lb_bench_now_ns ();
  g_autoptr(LbObservation) obs = lb_store_load (store, job->uuid, &error);
  g_autoptr(LbInstrument) inst = obs ? lb_store_get_instrument (store, obs->instrument_sha256, &error) : NULL;
  if (inst == NULL)
    g_error ("%s", error->message);
  g_autoptr(LbReportDocument) doc = lb_report_document_new_observation (obs, inst, "nl");
  if (!lb_report_write_pdf (doc, job->out, &error))
    g_error ("%s", error->message);
  res->ms = (lb_bench_now_ns () - t0) / 1e6;
  res->pages = lb_report_document_get_n_pages (doc);
}

static void
work_dossier (const Job *job, Result *res)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->db, &error);
  gint64 t0 = lb_bench_now_ns ();
  g_autoptr(LbReportDocument) doc = lb_report_document_new_dossier (store, job->person, NULL, &error);
  if (doc == NULL || !lb_report_write_pdf (doc, job->out, &error))
    g_error ("%s", error->message);
  res->ms = (lb_bench_now_ns () - t0) / 1e6;
  res->pages = lb_report_document_get_n_pages (doc);
}

/* The floor: the same number of pages, one line of text each, with the
 * same machinery (cairo's PDF surface, pango, the same font). */
static void
work_floor (const Job *job, Result *res)
{
  gint64 t0 = lb_bench_now_ns ();
  cairo_surface_t *surface = cairo_pdf_surface_create (job->out, LB_REPORT_A4_WIDTH, LB_REPORT_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell 9.5");
  for (guint p = 0; p < job->pages; p++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      g_autofree char *text = g_strdup_printf ("Pagina %u van %u", p + 1, job->pages);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, 56.7, 56.7);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  res->ms = (lb_bench_now_ns () - t0) / 1e6;
  res->pages = job->pages;
}

/* Not a baseline the issue asks for, but the fair one: cairo writing our
 * very pages, recorded beforehand, so all it does is emit PDF. What is
 * left between this and ours is layout and pagination. */
static void
work_replay (const Job *job, Result *res)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->db, &error);
  g_autoptr(LbReportDocument) doc = NULL;
  if (job->uuid)
    {
      g_autoptr(LbObservation) obs = lb_store_load (store, job->uuid, &error);
      g_autoptr(LbInstrument) inst = lb_store_get_instrument (store, obs->instrument_sha256, &error);
      doc = lb_report_document_new_observation (obs, inst, "nl");
    }
  else
    doc = lb_report_document_new_dossier (store, job->person, NULL, &error);
  guint n = lb_report_document_get_n_pages (doc);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  cairo_rectangle_t extents = { 0, 0, LB_REPORT_A4_WIDTH, LB_REPORT_A4_HEIGHT };
  for (guint p = 0; p < n; p++)
    {
      cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (rec);
      if (!lb_report_document_draw_page (doc, cr, p, &error))
        g_error ("%s", error->message);
      cairo_destroy (cr);
      g_ptr_array_add (pages, rec);
    }
  gint64 t0 = lb_bench_now_ns ();
  cairo_surface_t *surface = cairo_pdf_surface_create (job->out, LB_REPORT_A4_WIDTH, LB_REPORT_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  for (guint p = 0; p < n; p++)
    {
      cairo_set_source_surface (cr, pages->pdata[p], 0, 0);
      cairo_paint (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  res->ms = (lb_bench_now_ns () - t0) / 1e6;
  res->pages = n;
}

static void
work_libreoffice (const Job *job, Result *res)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (job->out);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", dir);
  const char *argv[] = { "libreoffice", profile, "--headless", "--infilter=HTML (StarWriter)",
                         "--convert-to", "pdf:writer_pdf_Export", "--outdir", dir, job->html, NULL };
  int status = 0;
  gint64 t0 = lb_bench_now_ns ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("libreoffice: %s", error->message);
  res->ms = (lb_bench_now_ns () - t0) / 1e6;
  struct rusage ru;
  getrusage (RUSAGE_CHILDREN, &ru);
  res->maxrss_kb = ru.ru_maxrss;
}

/* Forks, runs @work in the child and returns what it measured, with the
 * child's peak memory. */
static Result
measure (WorkFunc work, const Job *job)
{
  int fds[2];
  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  pid_t pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      close (fds[0]);
      Result r = { 0 };
      work (job, &r);
      r.bytes = job->out ? file_size (job->out) : 0;
      if (write (fds[1], &r, sizeof r) != sizeof r)
        _exit (2);
      _exit (0);
    }
  close (fds[1]);
  Result r = { 0 };
  gssize n = read (fds[0], &r, sizeof r);
  close (fds[0]);
  int status;
  struct rusage ru;
  if (wait4 (pid, &status, 0, &ru) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0 || n != sizeof r)
    g_error ("a measurement failed (status %d)", status);
  if (r.maxrss_kb == 0)
    r.maxrss_kb = ru.ru_maxrss;
  return r;
}

static void
make_db_work (const Job *job, Result *res)
{
  g_autofree char *uuid = NULL;
  make_db (job->db, 6, 60, &uuid);
  g_autofree char *path = g_strconcat (job->db, ".uuid", NULL);
  g_file_set_contents (path, uuid, -1, NULL);
  write_html (job->db, NULL, uuid, job->html);
  g_autofree char *short_html = g_strconcat (job->html, ".short.html", NULL);
  g_autofree char *long_html = g_strconcat (job->html, ".long.html", NULL);
  write_html (job->db, "Kort Dossier", NULL, short_html);
  write_html (job->db, "Lang Dossier", NULL, long_html);
}

/* ---- the run ---- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_dir_open (path, 0, NULL) : NULL;
  for (const char *name; d && (name = g_dir_read_name (d));)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  if (d)
    g_rmdir (path);
  else
    g_unlink (path);
}

typedef struct {
  const char *label;
  Job         ours;
  WorkFunc    work;
  guint       rounds;
  const char *html;
} Case;

static void
run_case (const Case *c, const char *dir, gboolean have_lo, LbBenchTable *times, LbBenchTable *replays,
          GString *memory)
{
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) replay = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *floor_out = g_build_filename (dir, "floor.pdf", NULL);
  g_autofree char *lo_out = g_build_filename (dir, "lo.pdf", NULL);
  long ours_rss = 0, floor_rss = 0, lo_rss = 0;
  Result first = { 0 };
  for (guint round = 0; round < c->rounds; round++)
    {
      /* ours, floor, (LibreOffice), then the other way round */
      Result a = measure (c->work, &c->ours);
      Job fj = { .out = floor_out, .pages = a.pages };
      Result b = measure (work_floor, &fj);
      g_array_append_val (ours, a.ms);
      g_array_append_val (base, b.ms);
      ours_rss = MAX (ours_rss, a.maxrss_kb), floor_rss = MAX (floor_rss, b.maxrss_kb);
      if (round == 0)
        first = a;
      Job rj = c->ours;
      rj.out = floor_out;
      Result rp = measure (work_replay, &rj);
      Result a2 = measure (c->work, &c->ours);
      g_array_append_val (replay, rp.ms);
      g_array_append_val (again, a2.ms);
      if (have_lo)
        {
          Job lj = { .out = lo_out, .html = c->html };
          Result l = measure (work_libreoffice, &lj);
          g_array_append_val (lo, l.ms);
          lo_rss = MAX (lo_rss, l.maxrss_kb);
        }
    }
  g_autofree char *label = g_strdup_printf ("%s (%u pages)", c->label, first.pages);
  lb_bench_table_add_row (times, label, (guint64) first.bytes, ours, base, have_lo ? lo : NULL);
  lb_bench_table_add_row (replays, label, (guint64) first.bytes, again, replay, NULL);
  g_string_append_printf (memory, "  %-34s %8.1f MB %8.1f MB", label, ours_rss / 1024.0, floor_rss / 1024.0);
  if (have_lo)
    g_string_append_printf (memory, " %8.1f MB", lo_rss / 1024.0);
  g_string_append_c (memory, '\n');
}

int
main (int argc, char **argv)
{
  int rounds = 7;
  const GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Rounds of the typical report (dossiers: a third)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— PDF reports against cairo and LibreOffice");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  rounds = MAX (rounds, 1);

  g_autofree char *dir = g_dir_make_tmp ("lb-bench-report-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  /* The data is made in a child too: the parent stays small. */
  Job make = { .db = db, .html = html };
  measure (make_db_work, &make);
  g_autofree char *uuid_path = g_strconcat (db, ".uuid", NULL);
  g_autofree char *uuid = NULL;
  g_file_get_contents (uuid_path, &uuid, NULL, NULL);
  g_autofree char *short_html = g_strconcat (html, ".short.html", NULL);
  g_autofree char *long_html = g_strconcat (html, ".long.html", NULL);
  g_autofree char *out = g_build_filename (dir, "ours.pdf", NULL);

  g_autofree char *lo = g_find_program_in_path ("libreoffice");
  const Case cases[] = {
    { "typical observation report", { .db = db, .uuid = uuid, .out = out }, work_report, (guint) rounds, html },
    { "dossier", { .db = db, .person = "Kort Dossier", .out = out }, work_dossier, MAX (1u, (guint) rounds / 3), short_html },
    { "dossier", { .db = db, .person = "Lang Dossier", .out = out }, work_dossier, MAX (1u, (guint) rounds / 3), long_html },
  };
  g_autoptr(LbBenchTable) times = lb_bench_table_new ("PDF reports", "floor", lo ? "libreoffice" : NULL,
                                                      (guint) rounds);
  g_autoptr(LbBenchTable) replays = lb_bench_table_new ("The same pages, recorded, written by cairo alone",
                                                        "cairo-replay", NULL, (guint) rounds);
  g_autoptr(GString) memory = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_case (&cases[i], dir, lo != NULL, times, replays, memory);
  lb_bench_table_print (times);
  lb_bench_table_print (replays);
  g_print ("\nPeak memory (ru_maxrss of the process that made the PDF; the floor for the same pages):\n"
           "  %-34s %11s %11s%s\n%s", "", "lesbezoek", "floor", lo ? "  libreoffice" : "", memory->str);
  if (lo == NULL)
    g_print ("\nThe LibreOffice comparison was skipped: there is no `libreoffice` in PATH. On Debian 12 "
             "it comes with the package libreoffice-writer-nogui (or libreoffice-writer).\n");

  remove_tree (dir);
  return 0;
}
