/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

/* When the device says no: a full disk (a file-size limit, and sqlite's
 * own page limit) and a read-only location. The action fails with a
 * message, everything saved before is still there, the failed action left
 * no trace, and the same call succeeds once there is room again. */

#include "config.h"
#include "store-test-util.h"
#include "lb-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A note of a realistic length, different each time. */
static char *
note_text (guint n)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_string_append_printf (s, "Notitie %u: ", n);
  while (s->len < 600)
    g_string_append (s, "De leerkracht loopt rond en geeft gerichte feedback aan het groepje bij het raam. ");
  return g_strchomp (g_string_free (g_steal_pointer (&s), FALSE));
}

static void
say (int fd, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
say (int fd, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *line = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *with_nl = g_strconcat (line, "\n", NULL);
  g_assert_cmpint (write (fd, with_nl, strlen (with_nl)), ==, (gssize) strlen (with_nl));
}

/* The notes written here, not those of store_test_fill(). */
static guint
count_test_notes (LbObservation *o)
{
  guint n = 0;
  for (guint i = 0; i < o->notes->len; i++)
    n += g_str_has_prefix (((LbNote *) o->notes->pdata[i])->text, "Notitie ");
  return n;
}

static gboolean
add_note_until_full (LbStore *store, const char *obs, int out, guint *n, GError **error)
{
  for (*n = 0; *n < 100000; (*n)++)
    {
      g_autofree char *text = note_text (*n);
      g_autofree char *uuid = lb_store_add_note (store, obs, 0, (int) *n, text, error);
      if (uuid == NULL)
        return FALSE;
      say (out, "ACK %u %s", *n, uuid);
    }
  return TRUE;
}

/* In the child: a file-size limit just above the database, write until
 * refused, then lift the limit and retry the very same call. */
static G_GNUC_NORETURN void
full_child (const char *path, const char *obs, int out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_assert_no_error (error);
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  struct rlimit old, limit;
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  limit = old;
  limit.rlim_cur = (rlim_t) st.st_size + 64 * 1024;
  signal (SIGXFSZ, SIG_IGN);  /* so write(2) fails with EFBIG instead */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  guint n;
  g_assert_false (add_note_until_full (store, obs, out, &n, &error));
  say (out, "ERR %d %s", error->code, error->message);
  g_assert_cmpuint (n, >, 0);
  /* What the user sees: full, and told that nothing saved is lost. */
  g_assert_error (error, LB_ERROR, LB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_nonnull (strstr (error->message, "Everything saved before is safe"));
  g_clear_error (&error);

  /* No trace of the failed note, in the same process. */
  g_autoptr(LbObservation) o = lb_store_load (store, obs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_test_notes (o), ==, n);

  /* Room again: the same call succeeds. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  g_autofree char *text = note_text (n);
  g_autofree char *uuid = lb_store_add_note (store, obs, 0, (int) n, text, &error);
  g_assert_no_error (error);
  say (out, "RETRY %u %s", n, uuid);
  g_clear_object (&store);
  _exit (0);
}

/* Everything acknowledged, the retried note, and nothing else. */
static void
check_notes (const char *path, const char *obs, GPtrArray *acked)
{
  g_autoptr(GError) error = NULL;
  store_assert_integrity (path);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) o = lb_store_load (store, obs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_test_notes (o), ==, acked->len);
  g_assert_cmpuint (o->notes->len, ==, acked->len + 3);
  for (guint i = 0; i < acked->len; i++)
    {
      gboolean found = FALSE;
      g_autofree char *text = note_text (i);
      for (guint j = 0; j < o->notes->len; j++)
        {
          LbNote *note = o->notes->pdata[j];
          if (g_str_equal (note->uuid, acked->pdata[i]))
            {
              g_assert_cmpstr (note->text, ==, text);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
  /* one audit row per note, none for the refused attempt */
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'note-add' "
                                          "AND observation_uuid = '%s'", obs);
  g_assert_cmpint (store_count_rows (path, sql), ==, acked->len + 3);
  g_assert_cmpuint (lb_store_count (store), ==, 1);
}

static void
test_file_size_limit (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Noor Hendriks", "Kees Dekker",
                                                       LB_PURPOSE_FORMATIEF);
  store_test_fill (store, obs);
  g_clear_object (&store);  /* closed: the WAL is checkpointed and gone */
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  int fds[2];
  g_assert_cmpint (pipe (fds), ==, 0);
  pid_t pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      full_child (f->path, obs->uuid, fds[1]);
    }
  close (fds[1]);
  g_autoptr(GString) out = g_string_new (NULL);
  char buf[4096];
  for (ssize_t n; (n = read (fds[0], buf, sizeof buf)) > 0;)
    g_string_append_len (out, buf, n);
  close (fds[0]);
  int status;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_autoptr(GPtrArray) acked = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) w = g_strsplit (lines[i], " ", 3);
      if (g_strcmp0 (w[0], "ACK") == 0 || g_strcmp0 (w[0], "RETRY") == 0)
        {
          g_assert_cmpuint (g_ascii_strtoull (w[1], NULL, 10), ==, acked->len);
          g_ptr_array_add (acked, g_strdup (w[2]));
        }
      else if (g_strcmp0 (w[0], "ERR") == 0)
        g_test_message ("refused after %u notes: %s", acked->len, w[2]);
    }
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 2], "RETRY "));
  check_notes (f->path, obs->uuid, acked);
}

/* sqlite's own limit on the number of pages: SQLITE_FULL directly. */
static void
test_page_limit (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Noor Hendriks", "Kees Dekker",
                                                       LB_PURPOSE_FORMATIEF);
  store_test_fill (store, obs);

  gint64 pages = 0;
  {
    sqlite3_stmt *st;
    g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA page_count", -1, &st, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
    pages = sqlite3_column_int64 (st, 0);
    sqlite3_finalize (st);
  }
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 3);
  g_assert_cmpint (sqlite3_exec (store->db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  g_autoptr(GPtrArray) acked = g_ptr_array_new_with_free_func (g_free);
  guint n;
  for (n = 0;; n++)
    {
      g_autofree char *text = note_text (n);
      char *uuid = lb_store_add_note (store, obs->uuid, 0, (int) n, text, &error);
      if (uuid == NULL)
        break;
      g_ptr_array_add (acked, uuid);
    }
  g_assert_cmpuint (n, >, 0);
  g_assert_error (error, LB_ERROR, LB_ERROR_FULL);
  g_test_message ("refused after %u notes: %s", n, error->message);
  g_clear_error (&error);

  /* Other changes that need no new page still work; one that does is refused. */
  g_assert_true (lb_store_set_score (store, obs->uuid, 0, store_test_item (0), NULL, TRUE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (store->db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), ==, SQLITE_OK);
  g_autofree char *text = note_text (n);
  char *uuid = lb_store_add_note (store, obs->uuid, 0, (int) n, text, &error);
  g_assert_no_error (error);
  g_ptr_array_add (acked, uuid);
  g_clear_object (&store);
  check_notes (f->path, obs->uuid, acked);
}

/* ---- a read-only location ---- */

static gboolean
skip_if_root (void)
{
  if (geteuid () != 0)
    return FALSE;
  g_test_skip ("root ignores file permissions; run the tests as an ordinary user");
  return TRUE;
}

static void
make_store (StoreFixture *f, char **uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) obs = store_test_new_draft (store, "Lotte Bos", "Ahmed Yilmaz", LB_PURPOSE_KLASSENBEZOEK);
  store_test_fill (store, obs);
  *uuid = g_strdup (obs->uuid);
}

static void
assert_read_only_then_intact (StoreFixture *f, const char *uuid, const char *dir_to_restore,
                              guint dir_mode, const char *file_to_restore)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  if (file_to_restore)
    g_assert_cmpint (g_chmod (file_to_restore, 0600), ==, 0);
  if (dir_to_restore)
    g_assert_cmpint (g_chmod (dir_to_restore, dir_mode), ==, 0);
  store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr(LbObservation) o = lb_store_load (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->scores->len, ==, 6);
  g_assert_cmpuint (o->notes->len, ==, 3);
  g_clear_object (&store);
  store_assert_integrity (f->path);
  g_assert_null (store_find_aside (f->path, "damaged"));
}

static void
test_read_only_file (StoreFixture *f, gconstpointer data)
{
  if (skip_if_root ())
    return;
  g_autofree char *uuid = NULL;
  make_store (f, &uuid);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  assert_read_only_then_intact (f, uuid, NULL, 0, f->path);
}

static void
test_read_only_dir (StoreFixture *f, gconstpointer data)
{
  if (skip_if_root ())
    return;
  g_autofree char *uuid = NULL;
  make_store (f, &uuid);
  /* The file itself is writable, but sqlite cannot create its WAL beside it. */
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  assert_read_only_then_intact (f, uuid, dir, 0700, NULL);
}

static void
test_read_only_new (StoreFixture *f, gconstpointer data)
{
  if (skip_if_root ())
    return;
  g_autoptr(GError) error = NULL;
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  g_autoptr(LbStore) store = lb_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, LB_ERROR, LB_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
}

int
main (int argc, char **argv)
{
  store_test_init (&argc, &argv);
  g_test_add ("/store/device/full/file-size-limit", StoreFixture, NULL, store_fixture_setup,
              test_file_size_limit, store_fixture_teardown);
  g_test_add ("/store/device/full/page-limit", StoreFixture, NULL, store_fixture_setup,
              test_page_limit, store_fixture_teardown);
  g_test_add ("/store/device/read-only/file", StoreFixture, NULL, store_fixture_setup,
              test_read_only_file, store_fixture_teardown);
  g_test_add ("/store/device/read-only/folder", StoreFixture, NULL, store_fixture_setup,
              test_read_only_dir, store_fixture_teardown);
  g_test_add ("/store/device/read-only/new-database", StoreFixture, NULL, store_fixture_setup,
              test_read_only_new, store_fixture_teardown);
  return g_test_run ();
}
