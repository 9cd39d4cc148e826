/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-author"

#include "config.h"
#include "author-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

const char * const author_example_files[] = { "framework.xml", "cycles.xml", "snapshots.xml", NULL };
const char * const author_good_files[] = { "minimal.xml", "framework.xml", "cycles.xml", "snapshots.xml",
                                           "format2.xml", NULL };
const char * const author_shapes[] = { "ours", "framework", "cycles", "snapshots", NULL };

void
author_run_clear (AuthorRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
author_run (AuthorRun *run, const char *first, ...)
{
  const char *bin = g_getenv ("LESBEZOEK_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  if (bin == NULL)
    g_error ("LESBEZOEK_BIN is not set; run this test through meson test");
  author_run_clear (run);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* The test's own temporary directories (G_TEST_OPTION_ISOLATE_DIRS sets
   * them inside this process), so that `instrument import` lands there. */
  g_auto(GStrv) envp = g_get_environ ();
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("lesbezoek did not exit normally (wait status %d); stderr:\n%s", wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
}

void
author_assert_status (AuthorRun *run, int status)
{
  if (run->status != status)
    g_error ("lesbezoek exited with %d, not %d; stdout:\n%s\nstderr:\n%s", run->status, status,
             run->out, run->err);
}

static char *
build_path (const char *base, const char *first, va_list *args)
{
  g_autofree char *rel = g_build_filename_valist (first, args);
  return g_test_build_filename (G_TEST_DIST, base, rel, NULL);
}

char *
author_top_path (const char *first, ...)
{
  va_list args;
  va_start (args, first);
  char *path = build_path ("../..", first, &args);
  va_end (args);
  return path;
}

char *
author_tests_path (const char *first, ...)
{
  va_list args;
  va_start (args, first);
  char *path = build_path ("..", first, &args);
  va_end (args);
  return path;
}

char *
author_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lesbezoek-author-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
author_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

LbInstrument *
author_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  LbInstrument *inst = lb_instrument_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inst);
  return inst;
}

/* ---- comparing models ---- */

#define DIFFER(...) return g_strdup_printf (__VA_ARGS__)

static char *
compare_texts (const char *where, const LbText *a, const LbText *b)
{
  if (lb_text_get_n (a) != lb_text_get_n (b))
    DIFFER ("%s: %u languages against %u", where, lb_text_get_n (a), lb_text_get_n (b));
  for (guint i = 0; i < lb_text_get_n (a); i++)
    {
      const char *lang = lb_text_lang_at (a, i);
      if (g_strcmp0 (lb_text_get_exact (a, lang), lb_text_get_exact (b, lang)) != 0)
        DIFFER ("%s [%s]: “%s” against “%s”", where, lang, lb_text_get_exact (a, lang),
                lb_text_get_exact (b, lang));
    }
  return NULL;
}

#define TEXTS(where, a, b) G_STMT_START { \
    char *d_ = compare_texts (where, a, b); if (d_) return d_; } G_STMT_END
#define SAME_STR(where, a, b) G_STMT_START { if (g_strcmp0 (a, b) != 0) \
    DIFFER ("%s: “%s” against “%s”", where, a, b); } G_STMT_END
#define SAME_NUM(where, a, b) G_STMT_START { if ((a) != (b)) \
    DIFFER ("%s: %g against %g", where, (double) (a), (double) (b)); } G_STMT_END

static const char *
scale_id (LbScale *s)
{
  return s ? lb_scale_get_id (s) : "(none)";
}

static char *
compare_scales (LbScale *a, LbScale *b)
{
  const char *id = lb_scale_get_id (a);
  g_autofree char *w = g_strdup_printf ("scale %s", id);
  SAME_STR (w, id, lb_scale_get_id (b));
  TEXTS (w, lb_scale_get_title (a), lb_scale_get_title (b));
  SAME_NUM (w, lb_scale_get_n_levels (a), lb_scale_get_n_levels (b));
  for (guint i = 0; i < lb_scale_get_n_levels (a); i++)
    {
      const LbLevel *la = lb_scale_get_level (a, i), *lb = lb_scale_get_level (b, i);
      g_autofree char *wl = g_strdup_printf ("%s level %s", w, la->id);
      SAME_STR (wl, la->id, lb->id);
      SAME_NUM (wl, la->value, lb->value);
      TEXTS (wl, la->label, lb->label);
      TEXTS (wl, la->description, lb->description);
    }
  SAME_NUM (w, lb_scale_get_n_bands (a), lb_scale_get_n_bands (b));
  for (guint i = 0; i < lb_scale_get_n_bands (a); i++)
    {
      const LbBand *ba = lb_scale_get_band (a, i), *bb = lb_scale_get_band (b, i);
      g_autofree char *wb = g_strdup_printf ("%s band %s", w, ba->id);
      SAME_STR (wb, ba->id, bb->id);
      SAME_NUM (wb, ba->from, bb->from);
      SAME_NUM (wb, ba->to, bb->to);
      TEXTS (wb, ba->label, bb->label);
    }
  SAME_NUM (w, lb_scale_get_not_observed_allowed (a), lb_scale_get_not_observed_allowed (b));
  TEXTS (w, lb_scale_get_not_observed_text (a), lb_scale_get_not_observed_text (b));
  return NULL;
}

static char *
compare_rules (const char *w, LbNode *a, LbNode *b)
{
  SAME_NUM (w, lb_node_get_n_rules (a), lb_node_get_n_rules (b));
  TEXTS (w, lb_node_get_judgement_title (a), lb_node_get_judgement_title (b));
  for (guint i = 0; i < lb_node_get_n_rules (a); i++)
    {
      const LbRule *ra = lb_node_get_rule (a, i), *rb = lb_node_get_rule (b, i);
      g_autofree char *wr = g_strdup_printf ("%s rule %u", w, i + 1);
      SAME_NUM (wr, ra->kind, rb->kind);
      SAME_NUM (wr, ra->value, rb->value);
      SAME_NUM (wr, ra->share, rb->share);
      SAME_NUM (wr, ra->level, rb->level);
    }
  return NULL;
}

static char *
compare_nodes (LbNode *a, LbNode *b)
{
  const char *id = lb_node_get_id (a);
  g_autofree char *w = g_strdup_printf ("%s %s", lb_node_kind_to_string (lb_node_get_kind (a)), id);
  SAME_STR (w, id, lb_node_get_id (b));
  SAME_NUM (w, lb_node_get_kind (a), lb_node_get_kind (b));
  TEXTS (w, lb_node_get_text (a), lb_node_get_text (b));
  TEXTS (w, lb_node_get_description (a), lb_node_get_description (b));
  SAME_STR (w, scale_id (lb_node_get_scale (a)), scale_id (lb_node_get_scale (b)));
  SAME_NUM (w, lb_node_has_difficulty (a), lb_node_has_difficulty (b));
  SAME_NUM (w, lb_node_get_difficulty (a), lb_node_get_difficulty (b));
  SAME_NUM (w, lb_node_get_evidence_required (a), lb_node_get_evidence_required (b));
  SAME_NUM (w, lb_node_get_scoring (a), lb_node_get_scoring (b));
  SAME_NUM (w, lb_node_get_n_descriptors (a), lb_node_get_n_descriptors (b));
  for (guint i = 0; i < lb_node_get_n_descriptors (a); i++)
    {
      const LbDescriptor *da = lb_node_get_descriptor (a, i), *db = lb_node_get_descriptor (b, i);
      SAME_NUM (w, da->level, db->level);
      TEXTS (w, da->text, db->text);
    }
  /* format 2 */
  gboolean ta, tb;
  SAME_NUM (w, lb_node_get_anchor_tolerance (a, &ta), lb_node_get_anchor_tolerance (b, &tb));
  SAME_NUM (w, ta, tb);
  SAME_NUM (w, lb_node_get_rollup_rule (a), lb_node_get_rollup_rule (b));
  SAME_NUM (w, lb_node_get_rounding (a), lb_node_get_rounding (b));
  SAME_NUM (w, lb_node_get_n_band_descriptors (a), lb_node_get_n_band_descriptors (b));
  for (guint i = 0; i < lb_node_get_n_band_descriptors (a); i++)
    {
      const LbBandDescriptor *da = lb_node_get_band_descriptor (a, i);
      const LbBandDescriptor *db = lb_node_get_band_descriptor (b, i);
      SAME_NUM (w, da->band, db->band);
      TEXTS (w, da->text, db->text);
    }
  SAME_NUM (w, lb_node_get_n_anchors (a), lb_node_get_n_anchors (b));
  for (guint i = 0; i < lb_node_get_n_anchors (a); i++)
    {
      SAME_STR (w, lb_node_get_anchor (a, i)->code, lb_node_get_anchor (b, i)->code);
      SAME_NUM (w, lb_node_get_anchor (a, i)->level, lb_node_get_anchor (b, i)->level);
    }
  char *d = compare_rules (w, a, b);
  if (d)
    return d;
  SAME_NUM (w, lb_node_get_n_children (a), lb_node_get_n_children (b));
  for (guint i = 0; i < lb_node_get_n_children (a); i++)
    if ((d = compare_nodes (lb_node_get_child (a, i), lb_node_get_child (b, i))))
      return d;
  return NULL;
}

static char *
compare_sessions (LbInstrument *a, LbInstrument *b)
{
  guint ca, oa, sa, cb, ob, sb;
  gboolean ma, mb;
  SAME_NUM ("sessions", lb_instrument_get_sessions (a, &ca, &oa, &sa, &ma),
            lb_instrument_get_sessions (b, &cb, &ob, &sb, &mb));
  SAME_NUM ("sessions count", ca, cb);
  SAME_NUM ("sessions observe-minutes", oa, ob);
  SAME_NUM ("sessions score-minutes", sa, sb);
  SAME_NUM ("sessions combine", ma, mb);
  GPtrArray *pa = lb_instrument_get_snapshots (a), *pb = lb_instrument_get_snapshots (b);
  SAME_NUM ("snapshots", pa->len, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const LbSnapshot *x = pa->pdata[i], *y = pb->pdata[i];
      SAME_STR ("snapshot", x->id, y->id);
      SAME_NUM (x->id, x->minute, y->minute);
      SAME_STR (x->id, scale_id (x->scale), scale_id (y->scale));
      TEXTS (x->id, x->text, y->text);
      SAME_STR (x->id, x->applies_when, y->applies_when);
      g_autofree char *ca_ = x->applies_codes ? g_strjoinv (" ", x->applies_codes) : NULL;
      g_autofree char *cb_ = y->applies_codes ? g_strjoinv (" ", y->applies_codes) : NULL;
      SAME_STR (x->id, ca_, cb_);
      SAME_NUM (x->id, x->n_sessions, y->n_sessions);
      for (guint s = 0; s < x->n_sessions; s++)
        SAME_NUM (x->id, x->sessions[s], y->sessions[s]);
    }
  /* format 2: each session's own timing and title */
  for (guint n = 1; n <= ca; n++)
    {
      g_autofree char *w = g_strdup_printf ("session %u", n);
      guint o1 = 0, s1 = 0, o2 = 0, s2 = 0;
      lb_instrument_get_session_minutes (a, n, &o1, &s1);
      lb_instrument_get_session_minutes (b, n, &o2, &s2);
      SAME_NUM (w, o1, o2);
      SAME_NUM (w, s1, s2);
      LbText *t1 = lb_instrument_get_session_title (a, n), *t2 = lb_instrument_get_session_title (b, n);
      SAME_NUM (w, t1 == NULL, t2 == NULL);
      if (t1)
        TEXTS (w, t1, t2);
    }
  return NULL;
}

static char *
compare_meta (LbInstrument *a, LbInstrument *b)
{
  SAME_STR ("id", lb_instrument_get_id (a), lb_instrument_get_id (b));
  SAME_STR ("version", lb_instrument_get_version (a), lb_instrument_get_version (b));
  SAME_NUM ("format", lb_instrument_get_format (a), lb_instrument_get_format (b));
  g_autofree char *la = g_strjoinv (" ", (char **) lb_instrument_get_languages (a));
  g_autofree char *lb = g_strjoinv (" ", (char **) lb_instrument_get_languages (b));
  SAME_STR ("languages", la, lb);
  g_autofree char *aa = g_strjoinv ("|", (char **) lb_instrument_get_authors (a));
  g_autofree char *ab = g_strjoinv ("|", (char **) lb_instrument_get_authors (b));
  SAME_STR ("authors", aa, ab);
  TEXTS ("title", lb_instrument_get_title (a), lb_instrument_get_title (b));
  TEXTS ("description", lb_instrument_get_description (a), lb_instrument_get_description (b));
  TEXTS ("source", lb_instrument_get_source (a), lb_instrument_get_source (b));
  TEXTS ("validation", lb_instrument_get_validation (a), lb_instrument_get_validation (b));
  return NULL;
}

static char *
compare_calibration (LbInstrument *a, LbInstrument *b)
{
  guint wa, wb;
  double sa, sb, ea, eb;
  SAME_NUM ("calibration", lb_instrument_get_calibration (a, &wa, &sa, &ea),
            lb_instrument_get_calibration (b, &wb, &sb, &eb));
  SAME_NUM ("calibration within", wa, wb);
  SAME_NUM ("calibration share", sa, sb);
  SAME_NUM ("calibration snapshots-exact", ea, eb);
  guint ra, rb;
  gboolean ia, ib;
  lb_instrument_get_calibration_references (a, &ra, &ia);
  lb_instrument_get_calibration_references (b, &rb, &ib);
  SAME_NUM ("calibration references", ra, rb);
  SAME_NUM ("calibration in-each", ia, ib);
  TEXTS ("calibration", lb_instrument_get_calibration_description (a),
         lb_instrument_get_calibration_description (b));
  return NULL;
}

char *
author_compare (LbInstrument *a, LbInstrument *b)
{
  char *d;
  if ((d = compare_meta (a, b)) || (d = compare_sessions (a, b)) || (d = compare_calibration (a, b)))
    return d;
  GPtrArray *sa = lb_instrument_get_scales (a), *sb = lb_instrument_get_scales (b);
  SAME_NUM ("scales", sa->len, sb->len);
  for (guint i = 0; i < sa->len; i++)
    if ((d = compare_scales (sa->pdata[i], sb->pdata[i])))
      return d;
  GListModel *da = lb_instrument_get_domains (a), *db = lb_instrument_get_domains (b);
  SAME_NUM ("domains", g_list_model_get_n_items (da), g_list_model_get_n_items (db));
  for (guint i = 0; i < g_list_model_get_n_items (da); i++)
    {
      g_autoptr(LbNode) x = g_list_model_get_item (da, i);
      g_autoptr(LbNode) y = g_list_model_get_item (db, i);
      if ((d = compare_nodes (x, y)))
        return d;
    }
  SAME_NUM ("items", lb_instrument_get_n_items (a), lb_instrument_get_n_items (b));
  SAME_NUM ("indicators", lb_instrument_get_n_indicators (a), lb_instrument_get_n_indicators (b));
  return NULL;
}

GPtrArray *
author_doc_blocks (const char *language, const char *needle)
{
  g_autofree char *path = author_top_path ("docs", "instrument-format.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);
  g_autofree char *opening = g_strconcat ("```", language, NULL);
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  GString *block = NULL;
  gboolean wanted = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      if (block == NULL && g_str_has_prefix (lines[i], "```"))
        {
          block = g_string_new (NULL);
          wanted = g_str_equal (lines[i], opening);
        }
      else if (block && g_str_equal (lines[i], "```"))
        {
          if (wanted && strstr (block->str, needle))
            g_ptr_array_add (blocks, g_string_free (block, FALSE));
          else
            g_string_free (block, TRUE);
          block = NULL;
        }
      else if (block)
        g_string_append_printf (block, "%s\n", lines[i]);
    }
  g_assert_null (block);
  return blocks;
}
