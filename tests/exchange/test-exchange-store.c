/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exchange"

/* Export and import through the store: an export imported into an empty
 * database reproduces every observation exactly (hashes equal); importing
 * twice changes nothing; a newer draft replaces an older one; a final
 * observation is never changed, and a file that holds a different version
 * of one is refused as a whole, leaving the database as it was. */

#include "config.h"
#include "exchange-test-util.h"

static void
test_roundtrip (gconstpointer data)
{
  gboolean with_instruments = GPOINTER_TO_INT (data);
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");

  g_autoptr(LbExchange) ex = util_export (a.store, NULL, NULL, with_instruments);
  g_assert_cmpuint (ex->observations->len, ==, 6);
  g_assert_cmpuint (ex->people->len, ==, 5);
  g_assert_cmpuint (ex->instruments->len, ==, with_instruments ? 1 : 0);
  LbImportReport report = { 0 };
  OK (lb_store_import (b, ex, &report, E));
  g_assert_cmpuint (report.created, ==, 6);
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 0);
  g_assert_cmpuint (report.people, ==, 5);
  util_assert_same_stores (a.store, b);

  /* the people as they are known, not only their names */
  g_autoptr(GError) error = NULL;
  g_autoptr(LbPerson) jan = lb_store_find_person (b, a.jan->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jan->name, ==, a.jan->name);
  g_assert_cmpint (jan->induction_year, ==, 2);
  g_assert_cmpstr (jan->board, ==, a.jan->board);
  g_assert_cmpstr (jan->induction_start, ==, "2025-08-25");
  g_autoptr(LbPerson) bea = lb_store_find_person (b, a.bea->uuid, &error);
  g_assert_no_error (error);
  g_assert_false (bea->is_starter);
  g_assert_cmpint (bea->role, ==, LB_ROLE_ASSESSOR);
}

/* The same, through a file on disk, read with lb_exchange_read(). */
static void
test_roundtrip_file (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_store_export (a.store, NULL, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_autofree char *path = util_tmp_path ("export.xml");
  OK (lb_exchange_write (ex, path, E));
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_autoptr(LbExchange) back = lb_exchange_read (path, NULL, &error);
  g_assert_no_error (error);
  OK (lb_store_import (b, back, NULL, E));
  util_assert_same_stores (a.store, b);
}

/* Importing the same file twice changes nothing at all, not even the
 * audit log. */
static void
test_idempotent (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(LbExchange) ex = util_export (a.store, NULL, NULL, FALSE);
  OK (lb_store_import (b, ex, NULL, E));
  g_autofree char *before = util_state (b);

  LbImportReport report = { 0 };
  OK (lb_store_import (b, ex, &report, E));
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 6);
  g_assert_cmpuint (report.people, ==, 0);
  g_autofree char *after = util_state (b);
  g_assert_cmpstr (before, ==, after);

  /* importing it back where it came from changes nothing either */
  g_autofree char *home = util_state (a.store);
  OK (lb_store_import (a.store, ex, &report, E));
  g_assert_cmpuint (report.unchanged, ==, 6);
  g_autofree char *home_after = util_state (a.store);
  g_assert_cmpstr (home, ==, home_after);
}

/* A draft is replaced by a newer draft of the same observation, and an
 * older one does not undo that. */
static void
test_draft_replaced (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(LbExchange) old = util_export (a.store, NULL, NULL, FALSE);
  OK (lb_store_import (b, old, NULL, E));

  OK (lb_store_set_field (a.store, a.draft, LB_FIELD_TOPS, "Later aangevuld:\n" HOSTILE, E));
  OK (lb_store_set_score (a.store, a.draft, 0, "ph.klimaat.2", NULL, FALSE, NULL, E));
  g_autoptr(LbExchange) newer = util_export (a.store, NULL, a.draft, FALSE);
  g_assert_cmpuint (newer->observations->len, ==, 1);
  LbImportReport report = { 0 };
  OK (lb_store_import (b, newer, &report, E));
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 1);
  g_assert_cmpuint (report.unchanged, ==, 0);
  util_assert_same_stores (a.store, b);

  OK (lb_store_import (b, old, &report, E));
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 6);
  util_assert_same_stores (a.store, b);

  /* a draft that became final elsewhere arrives as final */
  OK (lb_store_finalize (a.store, a.draft, "Kees Smit", E));
  g_autoptr(LbExchange) final = util_export (a.store, a.anna->uuid, NULL, FALSE);
  OK (lb_store_import (b, final, &report, E));
  g_assert_cmpuint (report.replaced, ==, 1);
  util_assert_same_stores (a.store, b);
}

/* What may follow a final observation travels too: the starter
 * acknowledges it on their own tablet, the coach adds an addendum, and
 * importing that back adds both here, once, without touching the content.
 * An acknowledgement already given here is kept. */
static void
test_final_afterwards (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(LbExchange) first = util_export (a.store, NULL, NULL, FALSE);
  OK (lb_store_import (b, first, NULL, E));

  OK (lb_store_acknowledge (a.store, a.summative, "Gezien, " HOSTILE, E));
  OK (lb_store_add_addendum (a.store, a.summative, "Bea Beoordelaar", "Aanvulling:\n" HOSTILE, E));
  OK (lb_store_add_addendum (a.store, a.final, "Kees Smit", "Nog een aanvulling", E));
  OK (lb_store_acknowledge (b, a.self, "Hier al gezien", E));
  OK (lb_store_acknowledge (a.store, a.self, "Daar gezien", E));
  g_autoptr(LbExchange) later = util_export (a.store, NULL, NULL, FALSE);
  LbImportReport report = { 0 };
  OK (lb_store_import (b, later, &report, E));
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.replaced, ==, 2);
  g_assert_cmpuint (report.unchanged, ==, 4);

  g_autoptr(LbObservation) x = util_load (a.store, a.summative);
  g_autoptr(LbObservation) y = util_load (b, a.summative);
  util_assert_same (x, y);
  g_autoptr(LbObservation) xf = util_load (a.store, a.final);
  g_autoptr(LbObservation) yf = util_load (b, a.final);
  util_assert_same (xf, yf);
  g_autoptr(LbObservation) own = util_load (b, a.self);
  g_assert_cmpstr (own->reaction, ==, "Hier al gezien");

  g_autofree char *before = util_state (b);
  OK (lb_store_import (b, later, &report, E));
  g_assert_cmpuint (report.replaced, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 6);
  g_autofree char *after = util_state (b);
  g_assert_cmpstr (before, ==, after);
  guint checked = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = lb_store_verify (b, &checked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->len, ==, 0);
}

/* A file that holds another version of a final observation is refused as
 * a whole: the new person and the new draft in it (which come first in
 * the file) are not imported either. */
static void
test_final_conflict (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(LbExchange) first = util_export (a.store, NULL, NULL, FALSE);
  OK (lb_store_import (b, first, NULL, E));

  g_autoptr(LbPerson) mentor = util_person (a.store, "Nieuwe Mentor", FALSE, LB_ROLE_MENTOR, 0);
  g_autofree char *early = util_observation (&a, a.anna, mentor, LB_ROLE_MENTOR, LB_PURPOSE_FORMATIEF,
                                             "2026-01-05");
  g_autoptr(LbExchange) ex = util_export (a.store, NULL, NULL, FALSE);
  g_assert_cmpstr (((LbObservation *) ex->observations->pdata[0])->uuid, ==, early);
  /* another version of the final one, with a hash that fits it */
  LbObservation *other = util_find (ex, a.final);
  g_free (other->tops);
  other->tops = g_strdup ("Een andere versie");
  g_free (other->content_hash);
  other->content_hash = lb_observation_compute_hash (other);
  g_autoptr(LbExchange) conflicting = util_through_xml (ex);

  g_autofree char *before = util_state (b);
  g_autoptr(GError) error = NULL;
  LbImportReport report = { 99, 99, 99, 99, 99 };
  g_assert_false (lb_store_import (b, conflicting, &report, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, a.final));
  g_assert_nonnull (strstr (error->message, "is final here with different content"));
  g_assert_nonnull (strstr (error->message, "nothing from this file was imported"));
  g_assert_cmpuint (report.created, ==, 99);  /* untouched on failure */
  g_autofree char *after = util_state (b);
  g_assert_cmpstr (before, ==, after);
  g_autoptr(LbObservation) none = lb_store_load (b, early, NULL);
  g_assert_null (none);
  g_autoptr(LbPerson) nobody = lb_store_find_person (b, mentor->uuid, NULL);
  g_assert_null (nobody);
}

/* A final observation changed after finalizing: refused by the reader
 * (in a file), and by the store (in memory), and nothing is imported. */
static void
test_tampered_final (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_store_export (a.store, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);

  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GString) changed = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (changed, "Sterk begin van de les", "Zwak begin van de les", 1), ==, 1);
  g_autoptr(GBytes) bytes = g_bytes_new_static (changed->str, changed->len);
  g_autoptr(LbExchange) refused = lb_exchange_read_bytes (bytes, "tampered.xml", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not match its content-hash"));
  g_assert_nonnull (strstr (error->message, a.final));
  g_clear_error (&error);

  /* the acknowledgement and addenda are not covered by the hash: a
   * changed reaction alone is not tampering with the assessment */
  g_autoptr(GString) reaction = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (reaction, "Akkoord", "Niet akkoord", 1), ==, 1);
  g_autoptr(GBytes) rbytes = g_bytes_new_static (reaction->str, reaction->len);
  g_autoptr(LbExchange) fine = lb_exchange_read_bytes (rbytes, "reaction.xml", NULL, &error);
  g_assert_no_error (error);

  g_autofree char *before = util_state (b);
  LbObservation *o = util_find (ex, a.summative);
  g_free (o->tips);
  o->tips = g_strdup ("stilletjes veranderd");
  g_assert_false (lb_store_import (b, ex, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not match its content hash"));
  g_autofree char *after = util_state (b);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (lb_store_count (b), ==, 0);
}

/* An observation whose instrument is neither in the file nor on the
 * device cannot be read later: refused; with the instrument it comes. */
static void
test_instrument_needed (void)
{
  g_auto(Db) a = { 0 };
  util_fill (&a, "a.db");
  g_autoptr(LbStore) b = util_open ("b.db");
  g_autoptr(LbExchange) ex = util_export (a.store, NULL, a.empty, TRUE);
  LbObservation *o = ex->observations->pdata[0];
  g_autofree char *old_sha = g_strdup (o->instrument_sha256);
  g_free (o->instrument_sha256);
  o->instrument_sha256 = g_strdup ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_autoptr(GError) error = NULL;
  g_assert_false (lb_store_import (b, ex, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_assert_cmpuint (lb_store_count (b), ==, 0);
  g_clear_error (&error);
  g_free (o->instrument_sha256);
  o->instrument_sha256 = g_steal_pointer (&old_sha);
  OK (lb_store_import (b, ex, NULL, E));
  g_autoptr(GBytes) kept = lb_store_get_instrument_bytes (b, o->instrument_sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (kept, lb_instrument_get_bytes (a.inst)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_data_func ("/exchange/store/roundtrip", GINT_TO_POINTER (FALSE), test_roundtrip);
  g_test_add_data_func ("/exchange/store/roundtrip-with-instruments", GINT_TO_POINTER (TRUE), test_roundtrip);
  g_test_add_func ("/exchange/store/roundtrip-file", test_roundtrip_file);
  g_test_add_func ("/exchange/store/idempotent", test_idempotent);
  g_test_add_func ("/exchange/store/draft-replaced", test_draft_replaced);
  g_test_add_func ("/exchange/store/final-afterwards", test_final_afterwards);
  g_test_add_func ("/exchange/store/final-conflict", test_final_conflict);
  g_test_add_func ("/exchange/store/tampered-final", test_tampered_final);
  g_test_add_func ("/exchange/store/instrument-needed", test_instrument_needed);
  return g_test_run ();
}
