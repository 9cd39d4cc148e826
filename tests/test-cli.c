/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

/* The headless commands of the built `lesbezoek` binary (LESBEZOEK_BIN),
 * run as a user would, with LANGUAGE=en so the messages are stable. */

#include "config.h"
#include "lb-instrument.h"
#include "bad-instruments.h"

#include <string.h>
#include <sys/wait.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs lesbezoek with the NULL-terminated arguments; fails the test if it
 * did not exit by itself (a crash or an abort). */
static void
run (Run *run, ...)
{
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, run);
  for (const char *a; (a = va_arg (args, const char *)) != NULL;)
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("lesbezoek did not exit normally (wait status %d); stderr:\n%s", wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
}

static char *
source_path (const char *first, ...)
{
  va_list args;
  va_start (args, first);
  g_autofree char *rel = g_build_filename_valist (first, &args);
  va_end (args);
  return g_test_build_filename (G_TEST_DIST, rel, NULL);
}

/* ---- validate ---- */

static void
test_validate_default (void)
{
  g_autofree char *path = source_path ("..", "instrument", "lesbezoek-basis.xml", NULL);
  g_auto(Run) r = { 0 };

  run (&r, "validate", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "OK lesbezoek-basis 1.0 (24 items)\n");
  g_assert_cmpstr (r.err, ==, "");
}

static void
test_validate_good (void)
{
  const char *files[] = { "minimal.xml", "framework.xml", "cycles.xml", "snapshots.xml" };
  const char *expected =
    "OK voorbeeld-minimaal 1.0 (1 items)\n"
    "OK test-kader 2.1 (3 items)\n"
    "OK test-cycli 1 (2 items)\n"
    "OK test-momenten 0.3.1 (1 items)\n";
  char *p[4];
  g_auto(Run) r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    p[i] = source_path ("instruments", "good", files[i], NULL);
  run (&r, "validate", p[0], p[1], p[2], p[3], NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (p[i]);
}

/* Every printed line is FILE:LINE:COLUMN: message, and the expected
 * problem is among them. */
static void
test_validate_bad (gconstpointer data)
{
  const BadInstrument *bad = data;
  g_autofree char *path = source_path ("instruments", "bad", bad->file, NULL);
  g_autofree char *escaped = g_regex_escape_string (path, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s:([1-9][0-9]*):([1-9][0-9]*): \\S.*$", escaped);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autofree char *expected = g_strdup_printf ("%s:%u:", path, bad->line);
  g_auto(Run) r = { 0 };
  gboolean found = FALSE;

  run (&r, "validate", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "");  /* also: no sanitizer report */
  g_assert_cmpstr (r.out, !=, "");
  g_assert_true (g_utf8_validate (r.out, -1, NULL));
  g_assert_true (g_str_has_suffix (r.out, "\n"));
  g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      if (!g_regex_match (regex, lines[i], 0, NULL))
        g_error ("not FILE:LINE:COLUMN: message: “%s”", lines[i]);
      found = found || (g_str_has_prefix (lines[i], expected) && strstr (lines[i], bad->message));
    }
  if (!found)
    g_error ("expected “%s … %s” in:\n%s", expected, bad->message, r.out);
}

static void
test_validate_mixed (void)
{
  g_autofree char *good = source_path ("instruments", "good", "minimal.xml", NULL);
  g_autofree char *bad = source_path ("instruments", "bad", "scale-gap.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("OK voorbeeld-minimaal 1.0 (1 items)\n%s:8:19: ", bad);
  g_auto(Run) r = { 0 };

  run (&r, "validate", good, bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.out, expected));
}

static void
test_validate_missing_file (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "validate", "does-not-exist.xml", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "does-not-exist.xml: cannot read the file"));
}

static void
test_validate_no_files (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "validate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "name at least one instrument file"));
}

/* ---- instrument show ---- */

static void
test_show_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_auto(Run) r = { 0 };

  g_assert_no_error (error);
  run (&r, "instrument", "show", LB_DEFAULT_INSTRUMENT_ID, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_str_has_prefix (r.out, "lesbezoek-basis 1.0 — "));

  /* an outline: every item, each indented deeper than its group */
  GPtrArray *items = lb_instrument_get_items (inst);
  for (guint i = 0; i < items->len; i++)
    {
      LbNode *item = items->pdata[i];
      LbNode *group = lb_node_get_parent (item);
      g_autofree char *item_line = g_strdup_printf ("\n      Item %s: ", lb_node_get_id (item));
      g_autofree char *group_line = g_strdup_printf ("\n    Group %s: ", lb_node_get_id (group));
      if (strstr (r.out, item_line) == NULL)
        g_error ("item %s is missing from the outline:\n%s", lb_node_get_id (item), r.out);
      g_assert_nonnull (strstr (r.out, group_line));
      for (guint c = 0; c < lb_node_get_n_children (item); c++)
        g_assert_nonnull (strstr (r.out, lb_node_get_id (lb_node_get_child (item, c))));
    }
  g_assert_nonnull (strstr (r.out, "\n  Domain ph: "));
  g_assert_nonnull (strstr (r.out, "\n  Domain ov: "));
  g_assert_nonnull (strstr (r.out, lb_instrument_get_sha256 (inst)));
}

static void
test_show_file (void)
{
  g_autofree char *path = source_path ("instruments", "good", "cycles.xml", NULL);
  g_auto(Run) r = { 0 };

  run (&r, "instrument", "show", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "test-cycli 1 — Test instrument in cycles\n"));
  g_assert_nonnull (strstr (r.out, "band middle range: 3–5"));
  g_assert_nonnull (strstr (r.out, "Item steun.sfeer.gevoelig: Attention to what pupils need."));
}

static void
test_show_unknown (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "instrument", "show", "bestaat-niet", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no instrument with id “bestaat-niet”"));
}

/* ---- global options ---- */

static void
test_version (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "lesbezoek " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Usage:\n"));
  g_assert_nonnull (strstr (r.out, "\n  validate FILE…"));
  g_assert_nonnull (strstr (r.out, "\n  instrument "));
  g_assert_nonnull (strstr (r.out, "--version"));
}

static void
test_unknown_command (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "unknown command “frobnicate”"));
  g_assert_nonnull (strstr (r.err, "lesbezoek --help"));
}

static void
test_unknown_option (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "--frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown option “--frobnicate”"));
}

int
main (int argc, char *argv[])
{
  /* Set before the isolated directories exist, inherited by every child. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/validate/default", test_validate_default);
  g_test_add_func ("/cli/validate/good", test_validate_good);
  g_test_add_func ("/cli/validate/mixed", test_validate_mixed);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/validate/no-files", test_validate_no_files);
  for (guint i = 0; i < G_N_ELEMENTS (bad_instruments); i++)
    {
      g_autofree char *name = g_strndup (bad_instruments[i].file,
                                         strlen (bad_instruments[i].file) - strlen (".xml"));
      g_autofree char *test_path = g_strdup_printf ("/cli/validate/bad/%s", name);
      g_test_add_data_func (test_path, &bad_instruments[i], test_validate_bad);
    }
  g_test_add_func ("/cli/instrument/show-default", test_show_default);
  g_test_add_func ("/cli/instrument/show-file", test_show_file);
  g_test_add_func ("/cli/instrument/show-unknown", test_show_unknown);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);

  return g_test_run ();
}
