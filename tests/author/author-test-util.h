/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-instrument.h"

G_BEGIN_DECLS

/* The built `lesbezoek` (LESBEZOEK_BIN), run as a user would. */
typedef struct {
  int   status;
  char *out;
  char *err;
} AuthorRun;

void          author_run_clear     (AuthorRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuthorRun, author_run_clear)

void          author_run           (AuthorRun  *run,
                                    const char *first,
                                    ...) G_GNUC_NULL_TERMINATED;

/* Fails the test with the command's standard error when its exit status
 * is not @status. */
void          author_assert_status (AuthorRun  *run,
                                    int         status);

/* A file in the source tree, relative to the top (instrument/…) or to
 * tests/ (instruments/good/…). */
char         *author_top_path      (const char *first,
                                    ...) G_GNUC_NULL_TERMINATED;
char         *author_tests_path    (const char *first,
                                    ...) G_GNUC_NULL_TERMINATED;

/* A fresh temporary directory, removed with its files by author_rmdir. */
char         *author_mkdtemp       (void);
void          author_rmdir         (const char *dir);

LbInstrument *author_load          (const char *path);

/* NULL when @a and @b have the same content (ids, texts in every
 * language, scales, levels, bands, not-observed, difficulties,
 * descriptors, anchors, rules, sessions, snapshots, calibration, in
 * order), else where they first differ. Independent of the canonical
 * writer, so that the two check each other. */
char         *author_compare       (LbInstrument *a,
                                    LbInstrument *b);

/* The contents of the ```@language blocks of docs/instrument-format.md
 * that contain @needle. */
GPtrArray    *author_doc_blocks    (const char *language,
                                    const char *needle);

/* The shipped examples and the good test instruments. */
extern const char * const author_example_files[];
extern const char * const author_good_files[];
extern const char * const author_shapes[];

G_END_DECLS
