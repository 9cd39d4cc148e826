/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "store-writer"

/* The victim of the kill test (test-store-kill.c): opens a database, finds
 * or creates one observation of the default instrument, and then changes
 * scores, marks, notes and a field as fast as it can until it is killed.
 * Before each call it prints "TRY <n> <key> <value>", and only after the
 * call returned TRUE "ACK <n> <key> <value>": what the user would have
 * seen as saved. Every line is one write(2) on an unbuffered descriptor,
 * so the test reads exactly what was acknowledged before the kill.
 *
 * Usage: store-writer DB SEED */

#include "config.h"
#include "lb-error.h"
#include "lb-store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void say (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *line = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *with_nl = g_strconcat (line, "\n", NULL);
  gsize len = strlen (with_nl);
  /* ≤ PIPE_BUF, so atomic on the pipe */
  if (write (STDOUT_FILENO, with_nl, len) != (gssize) len)
    _exit (3);
}

static G_GNUC_NORETURN void
fail (const char *doing, GError *error)
{
  say ("ERR %s: %s", doing, error ? error->message : "?");
  exit (2);
}

static char *
find_or_create (LbStore *store, LbInstrument *instrument)
{
  g_autoptr(GError) error = NULL;
  LbListFilter filter = LB_LIST_FILTER_INIT;
  filter.limit = 1;
  g_autoptr(GPtrArray) list = lb_store_list (store, &filter, &error);
  if (list == NULL)
    fail ("listing", error);
  if (list->len > 0)
    return g_strdup (((LbSummary *) list->pdata[0])->uuid);

  g_autoptr(LbPerson) starter = lb_person_new ();
  starter->name = g_strdup ("Sanne de Vries");
  starter->is_starter = TRUE;
  starter->induction_year = 2;
  g_autoptr(LbPerson) coach = lb_person_new ();
  coach->name = g_strdup ("Jeroen Bakker");
  coach->role = LB_ROLE_COACH;
  g_autoptr(LbObservation) draft = lb_observation_new ();
  draft->starter = lb_store_add_person (store, starter, &error);
  if (draft->starter == NULL)
    fail ("adding the starter", error);
  draft->observer = lb_store_add_person (store, coach, &error);
  if (draft->observer == NULL)
    fail ("adding the coach", error);
  draft->observer_role = LB_ROLE_COACH;
  draft->purpose = LB_PURPOSE_FORMATIEF;
  draft->subject = g_strdup ("taal");
  g_autoptr(LbObservation) obs = lb_store_create_observation (store, draft, instrument, &error);
  if (obs == NULL)
    fail ("creating the observation", error);
  return g_strdup (obs->uuid);
}

static LbScale *
scale_of (LbNode *node)
{
  for (; node; node = lb_node_get_parent (node))
    if (lb_node_get_scale (node))
      return lb_node_get_scale (node);
  g_assert_not_reached ();
}

static GPtrArray *
indicators_of (LbInstrument *instrument)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *items = lb_instrument_get_items (instrument);
  for (guint i = 0; i < items->len; i++)
    for (guint j = 0; j < lb_node_get_n_children (items->pdata[i]); j++)
      {
        LbNode *child = lb_node_get_child (items->pdata[i], j);
        if (lb_node_get_kind (child) == LB_NODE_INDICATOR)
          g_ptr_array_add (out, (gpointer) lb_node_get_id (child));
      }
  return out;
}

/* One random change; the key/value pairs are what the test compares. */
static void
write_one (LbStore *store, const char *uuid, GRand *rand, LbInstrument *instrument,
           GPtrArray *indicators, guint seed, guint n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = lb_instrument_get_items (instrument);
  int op = g_rand_int_range (rand, 0, 100);
  gboolean ok;

  if (op < 55)
    {
      LbNode *item = items->pdata[g_rand_int_range (rand, 0, (int) items->len)];
      LbScale *scale = scale_of (item);
      int pick = g_rand_int_range (rand, -2, (int) lb_scale_get_n_levels (scale));
      const char *level = pick >= 0 ? lb_scale_get_level (scale, (guint) pick)->id : NULL;
      const char *shown = pick >= 0 ? level : pick == -1 ? "n/o" : "-";
      say ("TRY %u %s %s", n, lb_node_get_id (item), shown);
      ok = lb_store_set_score (store, uuid, 0, lb_node_get_id (item), level, pick == -1,
                               pick == -1 ? "Niet gezien in deze les" : NULL, &error);
      if (!ok)
        fail ("scoring", error);
      say ("ACK %u %s %s", n, lb_node_get_id (item), shown);
    }
  else if (op < 75)
    {
      const char *ind = indicators->pdata[g_rand_int_range (rand, 0, (int) indicators->len)];
      gboolean tick = g_rand_boolean (rand);
      say ("TRY %u mark:%s %s", n, ind, tick ? "yes" : "-");
      if (!lb_store_set_mark (store, uuid, 0, ind, tick ? "yes" : NULL, &error))
        fail ("marking", error);
      say ("ACK %u mark:%s %s", n, ind, tick ? "yes" : "-");
    }
  else if (op < 92)
    {
      g_autofree char *text = g_strdup_printf ("s%u-n%u", seed, n);
      say ("TRY %u note:%s +", n, text);
      g_autofree char *note = lb_store_add_note (store, uuid, 0, (int) n, text, &error);
      if (note == NULL)
        fail ("adding a note", error);
      say ("ACK %u note:%s +", n, text);
    }
  else
    {
      g_autofree char *tops = g_strdup_printf ("tops-s%u-n%u", seed, n);
      say ("TRY %u field:tops %s", n, tops);
      if (!lb_store_set_field (store, uuid, LB_FIELD_TOPS, tops, &error))
        fail ("setting a field", error);
      say ("ACK %u field:tops %s", n, tops);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  if (argc != 3)
    {
      fprintf (stderr, "usage: %s DB SEED\n", argv[0]);
      return 1;
    }
  guint seed = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  /* Open first: the kill may well land in the first open and migration. */
  g_autoptr(LbStore) store = lb_store_open (argv[1], &error);
  if (store == NULL)
    fail ("opening", error);
  say ("OPEN %d", lb_store_get_schema_version (store));
  g_autoptr(LbInstrument) instrument = lb_instrument_load_default (&error);
  if (instrument == NULL)
    fail ("loading the instrument", error);
  g_autofree char *uuid = find_or_create (store, instrument);
  say ("OBS %s", uuid);

  g_autoptr(GPtrArray) indicators = indicators_of (instrument);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  for (guint n = 0; n < 100000; n++)
    write_one (store, uuid, rand, instrument, indicators, seed, n);
  return 0;
}
