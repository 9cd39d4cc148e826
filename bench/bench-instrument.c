/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-instrument"

/* How long does it take to load and validate an instrument, compared with
 * libxml2 only parsing it and checking it against the schema (no semantic
 * checks, no model), on the same files in the same run?
 *
 * Three ways to read each file, interleaved round by round so that a noisy
 * shared machine slows all of them alike:
 *   lesbezoek  lb_instrument_load_file (): safe parse, semantic checks,
 *              RELAX NG validation, SHA-256, the model objects;
 *   in-proc    xmlReadMemory () + xmlRelaxNGValidateDoc () with the schema
 *              compiled once, as our loader does: the floor for "parse and
 *              validate with libxml2";
 *   xmllint    `xmllint --noout --relaxng instrument.rng FILE` as a child
 *              process, what a user would run by hand (includes process
 *              start-up and compiling the schema each time).
 * Ratios are ours ÷ baseline per round, then the median over rounds: below
 * 1.00× we are faster, above it slower. Nothing here asserts a time. */

#include "config.h"
#include "bench-util.h"
#include "lb-instrument.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#define N_ITEMS 2000

typedef struct {
  const char *label;
  char       *path;
} BenchFile;

/* ---- the generated instrument ---- */

static const char *verbs_nl[] = { "benoemt", "controleert", "herhaalt", "laat zien", "vraagt naar",
                                  "bespreekt", "ordent", "vat samen" };
static const char *verbs_en[] = { "names", "checks", "repeats", "shows", "asks about",
                                  "discusses", "orders", "summarises" };
static const char *objects_nl[] = { "het lesdoel", "de werkwijze", "de regels", "de leerstof",
                                    "de opdracht", "de oplossingsstappen", "de tijdsplanning" };
static const char *objects_en[] = { "the lesson goal", "the way of working", "the rules",
                                    "the content", "the task", "the solution steps", "the timing" };

static void
text_pair (GString *out, const char *indent, const char *element, guint i,
           const char *what_nl, const char *what_en)
{
  guint v = i % G_N_ELEMENTS (verbs_nl), o = i % G_N_ELEMENTS (objects_nl);
  g_string_append_printf (out,
    "%s<%s xml:lang=\"nl\">%s %u: de leerkracht %s %s en betrekt daarbij de leerlingen.</%s>\n"
    "%s<%s xml:lang=\"en\">%s %u: the teacher %s %s and involves the pupils in it.</%s>\n",
    indent, element, what_nl, i, verbs_nl[v], objects_nl[o], element,
    indent, element, what_en, i, verbs_en[v], objects_en[o], element);
}

static void
write_item (GString *out, const char *group_id, guint n)
{
  g_string_append_printf (out, "      <item id=\"%s.%u\">\n", group_id, n);
  text_pair (out, "        ", "text", n, "Item", "Item");
  for (guint k = 0; k < 4; k++)
    {
      /* Difficulties rise through the file, as in the shipped instrument. */
      double logit = -3.0 + 6.0 * n / N_ITEMS + 0.3 * k;
      g_string_append_printf (out, "        <indicator id=\"%s.%u.%c\" difficulty=\"%.2f\">\n",
                              group_id, n, 'a' + k, CLAMP (logit, -9.9, 9.9));
      text_pair (out, "          ", "text", n * 4 + k, "Indicator", "Indicator");
      g_string_append (out, "        </indicator>\n");
    }
  for (guint level = 1; level <= 4; level++)
    {
      g_string_append_printf (out, "        <descriptor level=\"%u\">\n", level);
      text_pair (out, "          ", "text", n + level, "Niveau", "Level");
      g_string_append (out, "        </descriptor>\n");
    }
  g_string_append (out, "      </item>\n");
}

static void
write_scale (GString *out)
{
  static const char *nl[] = { "overwegend zwak", "meer zwak dan sterk", "meer sterk dan zwak", "overwegend sterk" };
  static const char *en[] = { "predominantly weak", "more weak than strong", "more strong than weak", "predominantly strong" };

  g_string_append (out, "  <scale id=\"vier\">\n"
                        "    <title xml:lang=\"nl\">Vierpuntsschaal</title>\n"
                        "    <title xml:lang=\"en\">Four-point scale</title>\n");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (out, "    <level id=\"%u\" value=\"%u\">\n"
                                 "      <label xml:lang=\"nl\">%s</label>\n"
                                 "      <label xml:lang=\"en\">%s</label>\n"
                                 "    </level>\n", i + 1, i + 1, nl[i], en[i]);
  g_string_append (out, "    <not-observed>\n"
                        "      <label xml:lang=\"nl\">niet geobserveerd</label>\n"
                        "      <label xml:lang=\"en\">not observed</label>\n"
                        "    </not-observed>\n"
                        "  </scale>\n");
}

/* 4 domains × 5 groups × 100 items, each with 4 indicators, 4 level
 * descriptors and Dutch + English texts, and judgement rules per domain. */
static char *
generate_instrument (void)
{
  GString *out = g_string_sized_new (6 * 1024 * 1024);
  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<instrument xmlns=\"https://lesbezoek.nl/ns/instrument/1\" format=\"1\"\n"
    "            id=\"bench-2000\" version=\"1.0\" languages=\"nl en\">\n"
    "  <meta>\n"
    "    <title xml:lang=\"nl\">Benchmarkinstrument met 2000 items</title>\n"
    "    <title xml:lang=\"en\">Benchmark instrument with 2000 items</title>\n"
    "    <author>bench/bench-instrument.c</author>\n"
    "  </meta>\n");
  write_scale (out);
  guint per_group = N_ITEMS / 20;
  for (guint d = 0; d < 4; d++)
    {
      g_string_append_printf (out, "  <domain id=\"d%u\" scale=\"vier\">\n", d);
      text_pair (out, "    ", "title", d, "Domein", "Domain");
      for (guint g = 0; g < 5; g++)
        {
          g_autofree char *group_id = g_strdup_printf ("d%u.g%u", d, g);
          g_string_append_printf (out, "    <group id=\"%s\">\n", group_id);
          text_pair (out, "      ", "title", g, "Groep", "Group");
          for (guint i = 0; i < per_group; i++)
            write_item (out, group_id, i + 1);
          g_string_append (out, "    </group>\n");
        }
      g_string_append (out, "    <judgement>\n"
                            "      <min-scored share=\"0.8\"/>\n"
                            "      <mean-at-least value=\"2.5\"/>\n"
                            "      <share-at-least level=\"3\" share=\"0.75\"/>\n"
                            "      <none-below level=\"2\"/>\n"
                            "    </judgement>\n"
                            "  </domain>\n");
    }
  g_string_append (out, "</instrument>\n");
  return g_string_free (out, FALSE);
}

/* ---- the three ways to read a file ---- */

static xmlRelaxNGPtr
compile_schema (const char *rng)
{
  xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt (rng);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (ctxt);
  xmlRelaxNGFreeParserCtxt (ctxt);
  return schema;
}

static gboolean
run_ours (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_file (path, NULL, &error);
  if (inst == NULL)
    g_printerr ("bench-instrument: %s\n", error->message);
  return inst != NULL;
}

static gboolean
run_in_process (const char *path, xmlRelaxNGPtr schema)
{
  /* Read the way our loader reads (into memory, then parse: its refusing
   * external-entity loader would also refuse xmlReadFile's own file), with
   * the same safety options, so that we compare like with like. */
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  xmlDoc *doc = xmlReadMemory (data, (int) len, path, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_BIG_LINES |
                               XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return FALSE;
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (schema);
  int rc = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);
  return rc == 0;
}

static gboolean
run_xmllint (const char *xmllint, const char *rng, const char *path)
{
  const char *argv[] = { xmllint, "--noout", "--relaxng", rng, path, NULL };
  int status = -1;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* ---- measuring ---- */

enum { OURS, IN_PROC, XMLLINT, N_WAYS };

typedef struct {
  const char    *rng;
  const char    *xmllint;   /* NULL: not installed */
  xmlRelaxNGPtr  schema;
} Baselines;

static gboolean
run_way (guint way, const char *path, const Baselines *b)
{
  switch (way)
    {
    case OURS:    return run_ours (path);
    case IN_PROC: return run_in_process (path, b->schema);
    default:      return run_xmllint (b->xmllint, b->rng, path);
    }
}

/* One row of the table: @rounds rounds, each timing every way once in an
 * order that rotates per round, so no way always runs first (cold) or last. */
static gboolean
measure_file (const BenchFile *file, const Baselines *b, guint rounds, LbBenchTable *table)
{
  guint n_ways = b->xmllint ? N_WAYS : XMLLINT;

  /* Warm-up, and proof that every way accepts the file: a benchmark of a
   * failure path would measure nothing useful. */
  for (guint w = 0; w < n_ways; w++)
    if (!run_way (w, file->path, b))
      {
        g_printerr ("bench-instrument: %s rejected by method %u\n", file->path, w);
        return FALSE;
      }

  GArray *times[N_WAYS];
  for (guint w = 0; w < N_WAYS; w++)
    times[w] = g_array_sized_new (FALSE, FALSE, sizeof (double), rounds);

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < n_ways; k++)
      {
        guint w = (r + k) % n_ways;
        gint64 t0 = lb_bench_now_ns ();
        run_way (w, file->path, b);
        double ms = (lb_bench_now_ns () - t0) / 1e6;
        g_array_append_val (times[w], ms);
      }

  GStatBuf st;
  g_stat (file->path, &st);
  lb_bench_table_add_row (table, file->label, (guint64) st.st_size,
                          times[OURS], times[IN_PROC], b->xmllint ? times[XMLLINT] : NULL);
  for (guint w = 0; w < N_WAYS; w++)
    g_array_unref (times[w]);
  return TRUE;
}

static char *
write_generated (const char *dir)
{
  g_autofree char *xml = generate_instrument ();
  char *path = g_build_filename (dir, "generated-2000.xml", NULL);
  g_autoptr(GError) error = NULL;
  if (!g_file_set_contents (path, xml, -1, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

int
main (int argc, char *argv[])
{
  int rounds = 21;
  g_autofree char *srcdir = g_strdup (LB_SOURCE_ROOT);
  g_autofree char *generate = NULL;
  GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Interleaved rounds per file (default 21)", "N" },
    { "source-dir", 0, 0, G_OPTION_ARG_FILENAME, &srcdir, "Project source directory", "DIR" },
    { "generate", 0, 0, G_OPTION_ARG_FILENAME, &generate, "Only write the generated instrument to FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time loading an instrument");
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("bench-instrument: %s\n", error ? error->message : "--rounds must be at least 1");
      return 2;
    }

  if (generate)
    {
      g_autofree char *xml = generate_instrument ();
      if (!g_file_set_contents (generate, xml, -1, &error))
        g_error ("%s", error->message);
      return 0;
    }

  g_autofree char *rng = g_build_filename (srcdir, "instrument", "instrument.rng", NULL);
  g_autofree char *basis = g_build_filename (srcdir, "instrument", "lesbezoek-basis.xml", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *tmp = g_dir_make_tmp ("lb-bench-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);

  Baselines b = { rng, xmllint, compile_schema (rng) };
  if (b.schema == NULL)
    g_error ("cannot compile %s", rng);
  BenchFile files[] = {
    { "default (lesbezoek-basis)", g_steal_pointer (&basis) },
    { "generated, 2000 items", write_generated (tmp) },
  };

  g_autoptr(LbBenchTable) table =
    lb_bench_table_new ("instrument: load + validate", "in-proc", "xmllint", rounds);
  gboolean ok = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (files) && ok; i++)
    ok = measure_file (&files[i], &b, (guint) rounds, table);
  if (ok)
    lb_bench_table_print (table);
  if (xmllint == NULL)
    g_print ("(xmllint not found: apt-get install libxml2-utils for that baseline)\n");

  g_unlink (files[1].path);
  g_rmdir (tmp);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (files[i].path);
  xmlRelaxNGFree (b.schema);
  return ok ? 0 : 1;
}
