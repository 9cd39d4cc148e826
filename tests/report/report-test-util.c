/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "config.h"
#include "report-test-util.h"
#include "lb-judgement.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

void
report_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Reports are written the same everywhere: dates in the metadata too. */
  g_setenv ("SOURCE_DATE_EPOCH", "1795680000", TRUE);
}

static LbPerson *
add_person (LbStore *store, const char *name, gboolean starter, LbRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) p = lb_person_new ();
  p->name = g_strdup (name);
  p->is_starter = starter;
  p->role = role;
  if (starter)
    {
      p->school = g_strdup ("OBS De Regenboog");
      p->board = g_strdup ("Stichting Rivierland Onderwijs");
      p->induction_start = g_strdup ("2025-08-25");
      p->induction_year = 1;
    }
  LbPerson *added = lb_store_add_person (store, p, &error);
  g_assert_no_error (error);
  return added;
}

void
report_fixture_setup (ReportFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  f->dir = g_dir_make_tmp ("lb-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "lesbezoek.db", NULL);
  f->store = lb_store_open (f->db, &error);
  g_assert_no_error (error);
  const char *instrument = data;
  if (instrument)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "instruments", "good", instrument, NULL);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
      f->instrument = lb_instrument_load_file (path, problems, &error);
    }
  else
    f->instrument = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  f->starter = add_person (f->store, "Sanne de Vries", TRUE, LB_ROLE_STARTER);
  f->assessor = add_person (f->store, "Hans Kuipers", FALSE, LB_ROLE_ASSESSOR);
  f->coach = add_person (f->store, "Marieke Jansen", FALSE, LB_ROLE_COACH);
  f->leader = add_person (f->store, "Ingrid Smit", FALSE, LB_ROLE_SCHOOL_LEADER);
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
report_fixture_teardown (ReportFixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->instrument);
  g_clear_pointer (&f->starter, lb_person_free);
  g_clear_pointer (&f->assessor, lb_person_free);
  g_clear_pointer (&f->coach, lb_person_free);
  g_clear_pointer (&f->leader, lb_person_free);
  /* LB_REPORT_TEST_KEEP=1 keeps the PDFs to look at. */
  if (g_getenv ("LB_REPORT_TEST_KEEP"))
    g_printerr ("kept %s\n", f->dir);
  else
    rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

char *
report_path (ReportFixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

char *
report_long_text (guint words, const char *prefix)
{
  static const char *filler[] = {
    "de", "leerkracht", "loopt", "tijdens", "het", "zelfstandig", "werken", "langs", "alle", "groepjes",
    "en", "bespreekt", "met", "kinderen", "hoe", "zij", "hun", "antwoord", "hebben", "gecontroleerd",
    "onderwijsassistent", "instructietafel", "differentiatiemogelijkheden", "klassenmanagement",
  };
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < words; i++)
    {
      if (i % 10 == 0)
        g_string_append_printf (s, "%s[%s%04u] ", i ? ". " : "", prefix, i / 10);
      else
        g_string_append_printf (s, "%s ", filler[(i * 7) % G_N_ELEMENTS (filler)]);
    }
  g_string_append (s, "einde.");
  return g_string_free (s, FALSE);
}

static LbPerson *
observer_for (ReportFixture *f, LbPurpose purpose, LbRole *role)
{
  switch (purpose)
    {
    case LB_PURPOSE_SUMMATIEF: *role = LB_ROLE_ASSESSOR; return f->assessor;
    case LB_PURPOSE_KLASSENBEZOEK: *role = LB_ROLE_SCHOOL_LEADER; return f->leader;
    case LB_PURPOSE_ZELFBEOORDELING: *role = LB_ROLE_STARTER; return f->starter;
    default: *role = LB_ROLE_COACH; return f->coach;
    }
}

static LbScale *
scale_of (LbNode *node)
{
  for (; node; node = lb_node_get_parent (node))
    if (lb_node_get_scale (node))
      return lb_node_get_scale (node);
  g_assert_not_reached ();
}

static void
score_all (ReportFixture *f, LbObservation *obs, const ObsSpec *spec)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;
  LbSessionsKind kind = lb_instrument_get_sessions (f->instrument, &count, NULL, NULL, NULL);
  guint first = kind == LB_SESSIONS_NONE ? 0 : 1, last = kind == LB_SESSIONS_NONE ? 0 : MIN (count, 2u);
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  for (guint s = first; s <= last; s++)
    for (guint i = 0; i < items->len; i++)
      {
        LbNode *item = items->pdata[i];
        LbScale *scale = scale_of (item);
        guint n = lb_scale_get_n_levels (scale);
        guint level = MIN (n - 1, (i % 3) + spec->level_shift + s);
        gboolean skip = i == 5 && lb_scale_get_not_observed_allowed (scale);
        g_assert_true (lb_store_set_score (f->store, obs->uuid, s, lb_node_get_id (item),
                                           skip ? NULL : lb_scale_get_level (scale, level)->id, skip,
                                           skip ? "Toetsles: de kinderen werkten individueel." : NULL, &error));
        g_assert_no_error (error);
        for (guint k = 0; k < lb_node_get_n_children (item) && k <= level && !skip && s <= first; k++)
          {
            LbNode *ind = lb_node_get_child (item, k);
            LbScale *code_scale = lb_node_get_scale (ind);
            const char *code = code_scale ? lb_scale_get_level (code_scale, 0)->id : "yes";
            g_assert_true (lb_store_set_mark (f->store, obs->uuid, s, lb_node_get_id (ind), code, &error));
            g_assert_no_error (error);
          }
      }
}

static void
add_notes (ReportFixture *f, LbObservation *obs, const ObsSpec *spec)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  const struct { int minute; const char *text; int item, item2; } notes[] = {
    { 3, "Begint op tijd; het lesdoel staat op het bord en wordt hardop voorgelezen.", 0, -1 },
    { 12, "Sem loopt vast op een lange opdracht; de leerkracht geeft het antwoord.", 1, 2 },
    { 19, "Na de uitleg een voorbeeldopgave op het wisbordje; ziet direct wie het nog niet snapt.", 2, -1 },
    { 30, "Overgang naar zelfstandig werken: drie kinderen blijven aan de instructietafel.", -1, -1 },
    { 44, "Afsluiting in de kring.", -1, -1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *uuid = lb_store_add_note (f->store, obs->uuid, 0, notes[i].minute, notes[i].text, &error);
      g_assert_no_error (error);
      for (int k = 0; k < 2; k++)
        {
          int item = k ? notes[i].item2 : notes[i].item;
          if (item >= 0 && (guint) item < items->len)
            g_assert_true (lb_store_link_note (f->store, uuid, lb_node_get_id (items->pdata[item]), TRUE, &error));
        }
    }
  if (spec->long_note_words)
    {
      g_autofree char *text = report_long_text (spec->long_note_words, "w");
      g_autofree char *uuid = lb_store_add_note (f->store, obs->uuid, 0, 25, text, &error);
      g_assert_no_error (error);
      g_autofree char *linked = report_long_text (spec->long_note_words / 2, "e");
      g_autofree char *uuid2 = lb_store_add_note (f->store, obs->uuid, 0, 8, linked, &error);
      g_assert_true (lb_store_link_note (f->store, uuid2, lb_node_get_id (items->pdata[1]), TRUE, &error));
      g_assert_no_error (error);
    }
}

static gboolean
lookup_cb (const char *item_id, double *value, gpointer data)
{
  LbObservation *obs = data;
  for (guint i = 0; i < obs->scores->len; i++)
    {
      LbScore *s = obs->scores->pdata[i];
      if (g_str_equal (s->item_id, item_id) && !s->not_observed && s->session <= 1)
        return *value = g_ascii_strtod (s->level_id, NULL), TRUE;
    }
  return FALSE;
}

static const char *
code_of (LbVerdict v)
{
  return v == LB_VERDICT_MET ? "met" : v == LB_VERDICT_NOT_MET ? "not-met"
       : v == LB_VERDICT_INSUFFICIENT ? "insufficient" : "none";
}

static void
judge (ReportFixture *f, LbObservation *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbObservation) obs = lb_store_load (f->store, draft->uuid, &error);
  GListModel *domains = lb_instrument_get_domains (f->instrument);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(LbNode) d = g_list_model_get_item (domains, i);
      if (lb_node_get_n_rules (d) == 0)
        continue;
      g_autoptr(LbJudgement) j = lb_judgement_evaluate (d, lookup_cb, obs);
      LbDomainJudgement dj = { (char *) lb_node_get_id (d), (char *) code_of (j->verdict), i == 0, NULL, NULL };
      if (i == 1)
        {
          dj.decided = (char *) (j->verdict == LB_VERDICT_MET ? "not-met" : "met");
          dj.motivation = (char *) "In het nagesprek liet de starter zien dat de afstemming bewust zo was "
                                   "gekozen; de beoordelaar weegt dat mee.";
        }
      g_assert_true (lb_store_set_judgement (f->store, obs->uuid, &dj, &error));
      g_assert_no_error (error);
    }
}

LbObservation *
report_make_observation (ReportFixture *f, const ObsSpec *spec)
{
  g_autoptr(GError) error = NULL;
  LbRole role;
  LbPerson *observer = observer_for (f, spec->purpose, &role);
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_person_copy (f->starter);
  draft->observer = lb_person_copy (observer);
  draft->observer_role = role;
  draft->purpose = spec->purpose;
  draft->date = g_strdup (spec->date ? spec->date : "2026-10-16");
  draft->start_time = g_strdup ("09:00");
  draft->end_time = g_strdup ("09:45");
  draft->school = g_strdup ("OBS De Regenboog");
  draft->group = g_strdup ("groep 4");
  draft->pupils = 25;
  draft->subject = g_strdup ("technisch lezen");
  draft->lesson_goal = g_strdup_printf ("Ik kan woorden met twee klankgroepen vlot lezen (%s).",
                                        spec->marker ? spec->marker : "les");
  draft->question = g_strdup ("Wil je letten op hoe ik de zwakke lezers betrek?");
  g_autoptr(LbObservation) obs = lb_store_create_observation (f->store, draft, f->instrument, &error);
  g_assert_no_error (error);
  GPtrArray *items = lb_instrument_get_items (f->instrument);
  g_assert_true (lb_store_set_focus (f->store, obs->uuid, lb_node_get_id (items->pdata[0]), TRUE, &error));
  score_all (f, obs, spec);
  add_notes (f, obs, spec);
  g_assert_true (lb_store_set_field (f->store, obs->uuid, LB_FIELD_TOPS,
                                     "- Je spreekt de kinderen rustig en vriendelijk aan.\n- Het lesdoel is zichtbaar.",
                                     &error));
  g_assert_true (lb_store_set_field (f->store, obs->uuid, LB_FIELD_TIPS,
                                     "- Haal aan het begin van de les de voorkennis op.", &error));
  g_assert_true (lb_store_set_field (f->store, obs->uuid, LB_FIELD_AGREEMENTS,
                                     "- Je introduceert de vraag ‘Kan dat kloppen?’ als vaste stap.", &error));
  g_assert_no_error (error);
  /* A draft is not judged yet. */
  if (spec->purpose == LB_PURPOSE_SUMMATIEF && spec->final)
    judge (f, obs);
  if (spec->final)
    {
      g_assert_true (lb_store_finalize (f->store, obs->uuid, observer->name, &error));
      g_assert_no_error (error);
      if (spec->purpose != LB_PURPOSE_ZELFBEOORDELING)
        g_assert_true (lb_store_acknowledge (f->store, obs->uuid,
                                             "Eens met de punten. De afsluiting blijft lastig.", &error));
      g_assert_no_error (error);
    }
  LbObservation *loaded = lb_store_load (f->store, obs->uuid, &error);
  g_assert_no_error (error);
  return loaded;
}

/* ---- reading PDFs ---- */

PopplerDocument *
report_open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

char *
report_normalize (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* A soft hyphen where a word was broken, with its line break. */
      if (c == 0x00AD)
        {
          if (p[2] == '\n')
            p++;
          continue;
        }
      /* A word hyphenated at the end of a line is one word again. */
      if ((c == '-' || c == 0x2010) && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n')))
        {
          p += p[1] == '\r' ? 2 : 1;
          continue;
        }
      if (g_unichar_isspace (c))
        {
          if (s->len && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          continue;
        }
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
report_page_texts (PopplerDocument *doc)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_ptr_array_add (pages, report_normalize (text ? text : ""));
    }
  return pages;
}

char *
report_all_text (PopplerDocument *doc)
{
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  g_ptr_array_add (pages, NULL);
  return g_strjoinv (" ", (char **) pages->pdata);
}

void
report_assert_in_order (const char *text, const char * const *needles)
{
  const char *at = text;
  for (guint i = 0; needles[i]; i++)
    {
      const char *found = strstr (at, needles[i]);
      if (found == NULL)
        g_error ("“%s” is missing%s; what follows “%s” is: %.400s", needles[i],
                 strstr (text, needles[i]) ? " or out of order" : "", i ? needles[i - 1] : "", at);
      at = found + strlen (needles[i]);
    }
}

/* Every page says which it is of how many, in @format ("page %d of %d"). */
void
report_assert_footers (PopplerDocument *doc, const char *format)
{
  g_autoptr(GPtrArray) pages = report_page_texts (doc);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *expected = g_strdup_printf (format, i + 1, pages->len);
      if (strstr (pages->pdata[i], expected) == NULL)
        g_error ("page %u does not say “%s”: %s", i + 1, expected, (char *) pages->pdata[i]);
    }
}

/* ---- the binary ---- */

static void
run_va (Run *run, const char *cwd, const char *db, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (const char *a; (a = va_arg (args, const char *));)
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);
  int wait_status = 0;
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
run_in (Run *run, const char *cwd, const char *db, ...)
{
  va_list args;
  va_start (args, db);
  run_va (run, cwd, db, args);
  va_end (args);
}

char *
run_ok (const char *cwd, const char *db, ...)
{
  g_auto(Run) run = { 0 };
  va_list args;
  va_start (args, db);
  run_va (&run, cwd, db, args);
  va_end (args);
  OK (&run);
  return g_strstrip (g_steal_pointer (&run.out));
}

void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
