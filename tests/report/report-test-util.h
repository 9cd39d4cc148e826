/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>
#include "lb-store.h"

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, g_object_unref)

/* Observations made with the store API, as the app makes them, and PDFs
 * read back with poppler-glib. */

typedef struct {
  char         *dir;
  char         *db;
  LbStore      *store;
  LbInstrument *instrument;
  LbPerson     *starter;
  LbPerson     *assessor;
  LbPerson     *coach;
  LbPerson     *leader;
} ReportFixture;

void           report_test_init      (int *argc, char ***argv);
void           report_fixture_setup  (ReportFixture *f, gconstpointer data);
void           report_fixture_teardown (ReportFixture *f, gconstpointer data);
char          *report_path           (ReportFixture *f, const char *name);

typedef struct {
  LbPurpose    purpose;
  const char  *date;
  gboolean     final;
  guint        long_note_words;   /* an extra note of this many words, 0 for none */
  guint        level_shift;       /* raises every score (growth in a dossier) */
  const char  *marker;            /* a word put in the lesson goal, to find it back */
} ObsSpec;

/* A full observation: every item scored (one not observed, with a
 * reason), indicators ticked, notes linked to items and free, tops, tips
 * and agreements; a summative one judged, with a motivated deviation on
 * the second domain. Final ones are signed and acknowledged. */
LbObservation *report_make_observation (ReportFixture *f, const ObsSpec *spec);
/* The words of the long note: "woord0001 …" numbered, so every one can be
 * found back in order. */
char          *report_long_text      (guint words, const char *prefix);

/* ---- reading PDFs ---- */

PopplerDocument *report_open_pdf     (const char *path);
/* The text of every page, soft hyphens and hyphenation breaks removed,
 * white space folded to single spaces. */
GPtrArray     *report_page_texts     (PopplerDocument *doc);
char          *report_all_text       (PopplerDocument *doc);
char          *report_normalize      (const char *text);
/* Asserts that @needles occur in @text in this order. */
void           report_assert_in_order (const char *text, const char * const *needles);
void           report_assert_footers (PopplerDocument *doc, const char *format);

/* ---- the lesbezoek binary ($LESBEZOEK_BIN), run as a user runs it ---- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

/* Runs `lesbezoek --db DB ARGS…` (NULL-terminated) in @cwd. */
void           run_in                (Run *run, const char *cwd, const char *db, ...) G_GNUC_NULL_TERMINATED;
void           run_clear             (Run *run);
/* The same, failing the test unless it exits 0; returns stdout, stripped. */
char          *run_ok                (const char *cwd, const char *db, ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

#define OK(run) \
  G_STMT_START { if ((run)->status != 0) g_error ("exit %d: %s", (run)->status, (run)->err); } G_STMT_END

G_END_DECLS
