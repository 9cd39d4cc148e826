/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exchange"

/* The exchange reader: the exact inverse of the writer for every kind of
 * content and every awkward character; and every broken or hostile file
 * refused with a located message, never a crash, never an entity expanded,
 * never a byte fetched from elsewhere. */

#include "config.h"
#include "lb-exchange.h"
#include "lb-error.h"
#include "lb-instrument.h"
#include "lb-xml.h"
#include "bad-exchanges.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
}

static char *
data_path (const char *kind, const char *file)
{
  return g_test_build_filename (G_TEST_DIST, kind, file, NULL);
}

static char *
tmp_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* Asserts that a read failed in LB_ERROR with a problem on @line saying
 * @message, and that every problem is located. */
static void
assert_refused (LbExchange *ex, GError *error, GPtrArray *problems, guint line, const char *message)
{
  g_assert_null (ex);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LB_ERROR);
  g_assert_cmpuint (problems->len, >, 0);
  gboolean found = FALSE;
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_assert_cmpuint (p->line, >=, 1);
      g_assert_cmpuint (p->column, >=, 1);
      g_assert_nonnull (strstr (error->message, p->message));
      found = found || (p->line == line && strstr (p->message, message));
    }
  if (found)
    return;
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_test_message ("problem %u: %u:%u: %s", i, p->line, p->column, p->message);
    }
  g_error ("expected a problem on line %u saying “%s”", line, message);
}

/* ---- generated observations ---- */

/* Texts that break careless XML handling. Spaces at either end, blank
 * lines, tabs, carriage returns and markup must all come back as they
 * went out. */
static const char *hostile[] = {
  "gewoon een zin",
  "  spaties voor en achter  ",
  "aanhalingstekens \" en ' en <tags> en & en &amp; en &lt;",
  "regel een\nregel twee\n\n\tingesprongen met een tab\n",
  "\tbegint met een tab",
  "emoji 🙂👩‍🏫 en ë é ï ĳ ß ø",
  "carriage\r\nreturn\rlos",
  "]]> en <![CDATA[ geen cdata ]]>",
  "<!DOCTYPE x [<!ENTITY e \"boem\">]> &e; &#0; &#x41;",
  "unicode\u2028regelscheider en\u00a0harde spatie",
  "<!-- geen commentaar --> <?pi geen instructie?>",
  "%s %d %n printf",
  "\n\n  alleen witruimte eromheen  \n\n",
  "   ",
  "",
};

static const char *names[] = {
  "Anna de Vries",
  "Özlem “Oz” Yılmaz 🙂",
  "Jan \"de <Baas>\" & Zn.",
  "  Piet\tPaulusma  ",
  "Lotte\nvan der Berg",
};

static const char *
pick (const char **list, guint n)
{
  return list[g_test_rand_int_range (0, (gint32) n)];
}

#define HOSTILE() pick (hostile, G_N_ELEMENTS (hostile))
#define NAME() pick (names, G_N_ELEMENTS (names))

static char *
maybe_text (void)
{
  return g_test_rand_bit () ? g_strdup (HOSTILE ()) : NULL;
}

static char *
random_timestamp (void)
{
  return g_strdup_printf ("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", g_test_rand_int_range (1, 13),
                          g_test_rand_int_range (1, 29), g_test_rand_int_range (0, 24),
                          g_test_rand_int_range (0, 60), g_test_rand_int_range (0, 60),
                          g_test_rand_int_range (0, 1000));
}

static char *
random_id (const char *prefix, guint i)
{
  return g_strdup_printf ("%s.%u", prefix, i);
}

static char *
random_sha256 (void)
{
  g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
}

static LbPerson *
random_person (gboolean starter)
{
  LbPerson *p = lb_person_new ();
  p->uuid = lb_uuid_new ();
  p->name = g_strdup (NAME ());
  p->is_starter = starter;
  p->role = starter ? LB_ROLE_STARTER : (LbRole) g_test_rand_int_range (0, LB_ROLE_STARTER);
  p->school = maybe_text ();
  p->board = maybe_text ();
  if (starter)
    {
      p->induction_year = g_test_rand_int_range (1, 4);
      p->induction_start = g_test_rand_bit () ? g_strdup ("2025-08-25") : NULL;
    }
  return p;
}

static GStrv
random_ids (const char *prefix, guint max)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; i < max; i++)
    if (g_test_rand_bit ())
      {
        g_autofree char *id = random_id (prefix, i);
        g_strv_builder_add (b, id);
      }
  return g_strv_builder_end (b);
}

static void
random_lesson (LbObservation *o)
{
  o->purpose = (LbPurpose) g_test_rand_int_range (0, LB_N_PURPOSES);
  o->date = g_strdup_printf ("2026-%02d-%02d", g_test_rand_int_range (1, 13), g_test_rand_int_range (1, 29));
  o->start_time = g_test_rand_bit () ? g_strdup ("08:30") : NULL;
  o->end_time = g_test_rand_bit () ? g_strdup ("23:59") : NULL;
  o->pupils = g_test_rand_bit () ? g_test_rand_int_range (0, 201) : -1;
  char **texts[] = { &o->school, &o->group, &o->subject, &o->lesson_goal, &o->question,
                     &o->tops, &o->tips, &o->agreements };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = maybe_text ();
  o->focus_items = random_ids ("ph.klimaat", 5);
}

static void
random_scores (LbObservation *o)
{
  for (guint session = 0; session < 3; session++)
    for (guint i = 0; i < 6; i++)
      {
        if (g_test_rand_int_range (0, 3) == 0)
          continue;
        LbScore *s = g_new0 (LbScore, 1);
        s->session = session;
        s->item_id = random_id ("ov.begrip", i);
        s->not_observed = g_test_rand_int_range (0, 4) == 0;
        s->level_id = s->not_observed ? NULL : g_strdup_printf ("%d", g_test_rand_int_range (1, 5));
        s->reason = s->not_observed ? maybe_text () : NULL;
        g_ptr_array_add (o->scores, s);
        if (g_test_rand_bit ())
          {
            LbMark *m = g_new0 (LbMark, 1);
            m->session = session;
            m->indicator_id = g_strdup_printf ("ov.begrip.%u.%c", i, 'a' + g_test_rand_int_range (0, 4));
            m->code = g_strdup (g_test_rand_bit () ? "yes" : "3");
            g_ptr_array_add (o->marks, m);
          }
      }
}

static void
random_notes (LbObservation *o)
{
  guint n = (guint) g_test_rand_int_range (0, 6);
  for (guint i = 0; i < n; i++)
    {
      LbNote *note = g_new0 (LbNote, 1);
      note->uuid = lb_uuid_new ();
      note->session = (guint) g_test_rand_int_range (0, 3);
      note->minute = g_test_rand_int_range (0, 90);
      note->created_at = random_timestamp ();
      note->text = maybe_text ();
      note->item_ids = random_ids ("ph.organisatie", 4);
      g_ptr_array_add (o->notes, note);
    }
  for (guint i = 0; i < 3; i++)
    if (g_test_rand_bit ())
      {
        LbSnapshotAnswer *a = g_new0 (LbSnapshotAnswer, 1);
        a->session = (guint) g_test_rand_int_range (0, 2);
        a->snapshot_id = random_id ("moment", i * 10);
        a->code = g_strdup_printf ("%d", g_test_rand_int_range (1, 4));
        a->minute = (int) i * 10 - 5;  /* a minute before the start is a minute too */
        g_ptr_array_add (o->snapshots, a);
      }
}

static void
random_judgements (LbObservation *o)
{
  static const char *verdicts[] = { "met", "not-met", "insufficient", "none" };
  static const char *domains[] = { "ph", "ov", "pd" };
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      if (!g_test_rand_bit ())
        continue;
      LbDomainJudgement *j = g_new0 (LbDomainJudgement, 1);
      j->domain_id = g_strdup (domains[i]);
      j->computed = g_strdup (pick (verdicts, G_N_ELEMENTS (verdicts)));
      j->confirmed = g_test_rand_bit ();
      if (!j->confirmed && g_test_rand_bit ())
        {
          j->decided = g_strdup (pick (verdicts, G_N_ELEMENTS (verdicts)));
          j->motivation = g_strdup_printf ("omdat %s", HOSTILE ());
        }
      g_ptr_array_add (o->judgements, j);
    }
}

/* After finalizing: the starter's acknowledgement and addenda. */
static void
random_afterwards (LbObservation *o)
{
  if (g_test_rand_bit ())
    {
      o->acknowledged_at = random_timestamp ();
      o->reaction = maybe_text ();
    }
  guint n = (guint) g_test_rand_int_range (0, 3);
  for (guint i = 0; i < n; i++)
    {
      LbAddendum *a = g_new0 (LbAddendum, 1);
      a->uuid = lb_uuid_new ();
      a->author = g_strdup (NAME ());
      a->created_at = random_timestamp ();
      a->text = g_strdup_printf ("aanvulling %u: %s", i, HOSTILE ());
      g_ptr_array_add (o->addenda, a);
    }
}

static LbObservation *
random_observation (LbPerson *starter, LbPerson *observer)
{
  LbObservation *o = lb_observation_new ();
  o->uuid = lb_uuid_new ();
  o->instrument_id = g_strdup ("lesbezoek-basis");
  o->instrument_version = g_strdup (g_test_rand_bit () ? "1.0" : "2.10.3");
  o->instrument_sha256 = random_sha256 ();
  o->starter = lb_person_copy (starter);
  o->observer = lb_person_copy (observer);
  o->observer_role = (LbRole) g_test_rand_int_range (0, LB_N_ROLES);
  o->created_at = random_timestamp ();
  o->updated_at = g_test_rand_bit () ? random_timestamp () : NULL;
  o->revision = g_test_rand_int_range (0, 1000);
  random_lesson (o);
  random_scores (o);
  random_notes (o);
  random_judgements (o);
  o->status = g_test_rand_bit () ? LB_STATUS_FINAL : LB_STATUS_DRAFT;
  if (o->status == LB_STATUS_FINAL || g_test_rand_bit ())
    {
      o->signed_by = g_strdup (NAME ());
      o->signed_at = g_test_rand_bit () ? random_timestamp () : NULL;
    }
  if (o->status == LB_STATUS_FINAL)
    {
      o->content_hash = lb_observation_compute_hash (o);
      random_afterwards (o);
    }
  else if (g_test_rand_bit ())
    {
      /* a draft can have addenda, never an acknowledgement */
      random_afterwards (o);
      g_clear_pointer (&o->acknowledged_at, g_free);
      g_clear_pointer (&o->reaction, g_free);
    }
  return o;
}

/* Empty and absent are one thing in the exchange format (and the store). */
static void
assert_same_text (const char *a, const char *b)
{
  g_assert_cmpstr (a && *a ? a : NULL, ==, b && *b ? b : NULL);
}

static void
assert_same_afterwards (LbObservation *a, LbObservation *b)
{
  assert_same_text (a->acknowledged_at, b->acknowledged_at);
  assert_same_text (a->reaction, b->reaction);
  g_assert_cmpuint (a->addenda->len, ==, b->addenda->len);
  lb_observation_sort (a);
  lb_observation_sort (b);
  for (guint i = 0; i < a->addenda->len; i++)
    {
      LbAddendum *x = a->addenda->pdata[i], *y = b->addenda->pdata[i];
      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpstr (x->author, ==, y->author);
      g_assert_cmpstr (x->created_at, ==, y->created_at);
      g_assert_cmpstr (x->text, ==, y->text);
    }
}

/* Everything after the root element's opening line: its created= is the
 * moment of writing, everything else must be equal. */
static const char *
body (const char *xml)
{
  const char *root = strstr (xml, "<exchange");
  g_assert_nonnull (root);
  return strchr (root, '\n');
}

/* read (write (O)) has O's canonical form (so its hash), O's status,
 * bookkeeping, acknowledgement and addenda; and writing it again gives
 * the same bytes. */
static void
test_roundtrip_generated (void)
{
  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(LbExchange) ex = lb_exchange_new ();
      g_autoptr(LbPerson) starter = random_person (TRUE);
      g_autoptr(LbPerson) observer = random_person (FALSE);
      g_ptr_array_add (ex->people, lb_person_copy (starter));
      g_ptr_array_add (ex->people, lb_person_copy (observer));
      for (guint i = 0; i < 5; i++)
        g_ptr_array_add (ex->observations, random_observation (starter, g_test_rand_bit () ? observer : starter));

      g_autofree char *xml = lb_exchange_to_xml (ex);
      g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LbExchange) back = lb_exchange_read_bytes (bytes, "generated.xml", problems, &error);
      if (back == NULL)
        g_error ("%s\n%s", error->message, xml);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpuint (back->people->len, ==, 2);
      g_assert_cmpuint (back->observations->len, ==, ex->observations->len);
      for (guint i = 0; i < ex->observations->len; i++)
        {
          LbObservation *a = ex->observations->pdata[i], *b = back->observations->pdata[i];
          g_autofree char *ca = lb_observation_canonical (a);
          g_autofree char *cb = lb_observation_canonical (b);
          g_assert_cmpstr (ca, ==, cb);
          g_assert_cmpstr (a->content_hash, ==, b->content_hash);
          g_assert_cmpint (a->status, ==, b->status);
          g_assert_cmpint (a->revision, ==, b->revision);
          g_assert_cmpstr (a->created_at, ==, b->created_at);
          g_assert_cmpstr (a->updated_at, ==, b->updated_at);
          assert_same_afterwards (a, b);
          if (a->status == LB_STATUS_FINAL)
            {
              g_autofree char *hash = lb_observation_compute_hash (b);
              g_assert_cmpstr (hash, ==, a->content_hash);
            }
        }
      g_autofree char *again = lb_exchange_to_xml (back);
      g_assert_cmpstr (body (xml), ==, body (again));
    }
}

/* Whitespace inside a note is content: the reader keeps every space,
 * tab and newline, where the writer's indentation around elements is not. */
static void
test_read_good (void)
{
  g_autofree char *path = data_path ("good", "basic.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ex->people->len, ==, 2);
  g_assert_cmpuint (ex->instruments->len, ==, 0);
  g_assert_cmpuint (ex->observations->len, ==, 1);

  LbPerson *anna = ex->people->pdata[0];
  g_assert_true (anna->is_starter);
  g_assert_cmpint (anna->induction_year, ==, 2);
  g_assert_cmpstr (anna->board, ==, "Stichting “Samen” & Co");
  LbObservation *o = ex->observations->pdata[0];
  g_assert_cmpint (o->status, ==, LB_STATUS_DRAFT);
  g_assert_cmpint (o->revision, ==, 7);
  g_assert_cmpint (o->purpose, ==, LB_PURPOSE_FORMATIEF);
  g_assert_cmpint (o->observer_role, ==, LB_ROLE_COACH);
  g_assert_cmpint (o->pupils, ==, 27);
  g_assert_cmpstr (o->starter->board, ==, anna->board);
  g_assert_cmpstr (o->tops, ==, "Duidelijke instructie <met> voorbeelden");
  g_assert_cmpuint (o->scores->len, ==, 2);
  LbScore *s = o->scores->pdata[1];
  g_assert_true (s->not_observed);
  g_assert_null (s->level_id);
  g_assert_cmpstr (s->reason, ==, "kwam niet aan bod");
  LbNote *n = o->notes->pdata[0];
  g_assert_cmpstr (n->text, ==, "Rustige start;  de kinderen\n\twachten op hun beurt ");
  g_assert_cmpstrv (n->item_ids, ((const char *[]) { "ph.klimaat.1", NULL }));
  LbDomainJudgement *j = o->judgements->pdata[0];
  g_assert_true (j->confirmed);
  g_assert_null (j->decided);

  /* and the writer gives back the very bytes */
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_assert_cmpstr (body (contents), ==, body (xml));
}

/* A prefix instead of the default namespace is the same XML. */
static void
test_read_prefixed (void)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<x:exchange xmlns:x=\"" LB_EXCHANGE_NS "\" format=\"1\">\n"
    "  <x:person uuid=\"p1\" starter=\"false\" role=\"mentor\"><x:name>Mentor</x:name></x:person>\n"
    "</x:exchange>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read_bytes (bytes, "prefixed.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ex->people->len, ==, 1);
  g_assert_cmpint (((LbPerson *) ex->people->pdata[0])->role, ==, LB_ROLE_MENTOR);
}

/* An instrument carried in the file comes back byte for byte. */
static void
test_read_instrument (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_default (&error);
  g_assert_no_error (error);
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  g_ptr_array_add (ex->instruments, g_bytes_ref (lb_instrument_get_bytes (inst)));
  g_autofree char *xml = lb_exchange_to_xml (ex);
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(LbExchange) back = lb_exchange_read_bytes (bytes, "with-instrument.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->instruments->len, ==, 1);
  g_assert_true (g_bytes_equal (back->instruments->pdata[0], lb_instrument_get_bytes (inst)));

  /* an observation that names it under another id or version is refused */
  g_autoptr(LbPerson) starter = random_person (TRUE);
  LbObservation *o = random_observation (starter, starter);
  g_free (o->instrument_sha256);
  o->instrument_sha256 = g_strdup (lb_instrument_get_sha256 (inst));
  g_free (o->instrument_version);
  o->instrument_version = g_strdup ("9.9");
  if (o->status == LB_STATUS_FINAL)
    g_free (o->content_hash), o->content_hash = lb_observation_compute_hash (o);
  g_ptr_array_add (ex->observations, o);
  g_autofree char *xml2 = lb_exchange_to_xml (ex);
  g_autoptr(GBytes) bytes2 = g_bytes_new_static (xml2, strlen (xml2));
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(LbExchange) refused = lb_exchange_read_bytes (bytes2, "x.xml", problems, &error);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "refers to instrument lesbezoek-basis 9.9, but the instrument"));
}

/* ---- bad files ---- */

static void
test_read_bad (gconstpointer data)
{
  const BadExchange *bad = data;
  g_autofree char *path = data_path ("bad", bad->file);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_autoptr(LbExchange) ex = lb_exchange_read (path, problems, &error);
  assert_refused (ex, error, problems, bad->line, bad->message);
  g_assert_cmpint (error->code, ==, bad->code);
  g_assert_true (g_str_has_prefix (error->message, path));
  /* refused at once: no entity was expanded, nothing was fetched */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* Every file in bad/ is in the table, so none goes untested. */
static void
test_bad_files_listed (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "bad", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    {
      gboolean listed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (bad_exchanges); i++)
        listed = listed || g_str_equal (bad_exchanges[i].file, name);
      if (!listed)
        g_error ("bad/%s is not in bad-exchanges.h", name);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_exchanges));
}

/* A final observation changed after finalizing, in the file itself. */
static void
test_read_tampered (void)
{
  g_autoptr(LbPerson) starter = random_person (TRUE);
  g_autoptr(LbExchange) ex = lb_exchange_new ();
  LbObservation *o = random_observation (starter, starter);
  o->status = LB_STATUS_FINAL;
  g_free (o->tops);
  o->tops = g_strdup ("Sterk begin van de les");
  g_clear_pointer (&o->content_hash, g_free);
  o->content_hash = lb_observation_compute_hash (o);
  g_ptr_array_add (ex->observations, o);
  g_autofree char *xml = lb_exchange_to_xml (ex);

  g_autoptr(GString) changed = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (changed, "Sterk begin", "Zwak begin", 1), ==, 1);
  g_autoptr(GBytes) bytes = g_bytes_new_static (changed->str, changed->len);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) back = lb_exchange_read_bytes (bytes, "tampered.xml", problems, &error);
  assert_refused (back, error, problems, 3, "does not match its content-hash");
}

/* ---- hostile inputs that are not files of XML ---- */

static void
assert_read_fails (const char *path, const char *message)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (path, problems, &error);
  g_assert_null (ex);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LB_ERROR);
  if (!strstr (error->message, message))
    g_error ("expected “%s” in “%s”", message, error->message);
}

static void
test_read_not_files (void)
{
  g_autofree char *fifo = tmp_path ("fifo.xml");
  g_autofree char *missing = tmp_path ("missing.xml");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* a FIFO without a writer would block a naive reader for ever */
  assert_read_fails (fifo, "not a regular file");
  assert_read_fails (g_get_user_data_dir (), "not a regular file");
  assert_read_fails ("/dev/zero", "not a regular file");
  assert_read_fails (missing, "cannot read the file");
}

/* Refused by its size before a byte is read: the file is sparse, so
 * reading it would take time and memory the test would notice. */
static void
test_read_too_large (void)
{
  g_autofree char *path = tmp_path ("huge.xml");
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) LB_XML_MAX_EXCHANGE_SIZE * 16), ==, 0);
  close (fd);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LbExchange) ex = lb_exchange_read (path, problems, &error);
  assert_refused (ex, error, problems, 1, "the file is too large (1073.7 MB)");
  g_assert_error (error, LB_ERROR, LB_ERROR_TOO_LARGE);
}

/* Random damage to a good file: the reader returns an exchange or located
 * problems, never crashes (ASan and UBSan watch this in CI). */
static void
test_read_mutations (void)
{
  g_autofree char *path = data_path ("good", "basic.xml");
  g_autofree char *good = NULL;
  gsize len;
  static const char pieces[] = "<>&;\"'=/!?[]-#x \n\t\r\xc3\xa9\xff";
  g_assert_true (g_file_get_contents (path, &good, &len, NULL));
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_byte_array_append (bytes, (const guint8 *) good, (guint) len);
      guint n = (guint) g_test_rand_int_range (1, 6);
      for (guint i = 0; i < n && bytes->len > 0; i++)
        {
          guint at = (guint) g_test_rand_int_range (0, (gint32) bytes->len);
          guint8 c = (guint8) pieces[g_test_rand_int_range (0, sizeof pieces - 1)];
          switch (g_test_rand_int_range (0, 4))
            {
            case 0: bytes->data[at] = c; break;
            case 1: g_byte_array_remove_index (bytes, at); break;
            case 2:
              g_byte_array_set_size (bytes, bytes->len + 1);
              memmove (bytes->data + at + 1, bytes->data + at, bytes->len - at - 1);
              bytes->data[at] = c;
              break;
            default: g_byte_array_set_size (bytes, at); break;
            }
        }
      g_autoptr(GBytes) data = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autoptr(LbExchange) ex = lb_exchange_read_bytes (data, "mutated.xml", problems, &error);
      g_assert_true ((ex == NULL) == (error != NULL));
      g_assert_true ((ex == NULL) == (problems->len > 0));
      for (guint i = 0; i < problems->len; i++)
        g_assert_cmpuint (((LbProblem *) problems->pdata[i])->line, >=, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/exchange/roundtrip/generated", test_roundtrip_generated);
  g_test_add_func ("/exchange/read/good", test_read_good);
  g_test_add_func ("/exchange/read/prefixed", test_read_prefixed);
  g_test_add_func ("/exchange/read/instrument", test_read_instrument);
  g_test_add_func ("/exchange/read/tampered", test_read_tampered);
  g_test_add_func ("/exchange/read/not-files", test_read_not_files);
  g_test_add_func ("/exchange/read/too-large", test_read_too_large);
  g_test_add_func ("/exchange/read/mutations", test_read_mutations);
  g_test_add_func ("/exchange/bad/all-listed", test_bad_files_listed);
  for (guint i = 0; i < G_N_ELEMENTS (bad_exchanges); i++)
    {
      g_autofree char *name = g_strdup_printf ("/exchange/bad/%s", bad_exchanges[i].file);
      g_test_add_data_func (name, &bad_exchanges[i], test_read_bad);
    }
  return g_test_run ();
}
