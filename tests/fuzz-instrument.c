/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-instrument"

/* libFuzzer target for the instrument loader (build with CC=clang and
 * -Dfuzzing=true; tests/run-fuzz.sh does it all). Whatever the bytes, the
 * loader must either build an instrument or fail with located problems —
 * never crash, leak, warn or disagree with itself. What loads is then
 * walked and judged, so the model code behind the loader is fuzzed too. */

#include "config.h"
#include "lb-error.h"
#include "lb-instrument.h"
#include "lb-judgement.h"

#include <stdint.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* A g_return_if_fail() in the model is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LANGUAGE", "en", TRUE);
  return 0;
}

/* Scores every item with a level derived from its position, leaving some
 * unscored, so that all judgement paths run. */
static gboolean
lookup (const char *item_id, double *value, gpointer user_data)
{
  guint hash = g_str_hash (item_id);
  if (hash % 5 == 0)
    return FALSE;
  *value = 1 + hash % 4;
  return TRUE;
}

static void
walk (LbNode *node, guint *n_items)
{
  LbScale *scale = lb_node_get_scale (node);

  if (lb_node_get_kind (node) == LB_NODE_ITEM)
    (*n_items)++;
  (void) lb_text_get_ui (lb_node_get_text (node));
  for (guint i = 0; i < lb_node_get_n_descriptors (node); i++)
    g_assert (lb_node_get_descriptor (node, i)->level < lb_scale_get_n_levels (scale));
  for (guint i = 0; i < lb_node_get_n_anchors (node); i++)
    g_assert (lb_node_get_anchor (node, i)->level < lb_scale_get_n_levels (scale));
  for (guint i = 0; i < lb_node_get_n_children (node); i++)
    walk (lb_node_get_child (node, i), n_items);
}

static void
check_instrument (LbInstrument *inst)
{
  GListModel *domains = lb_instrument_get_domains (inst);
  guint n_items = 0;

  g_assert (lb_instrument_get_id (inst) != NULL);
  g_assert (lb_text_get (lb_instrument_get_title (inst), "nl") != NULL);
  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(LbNode) domain = g_list_model_get_item (domains, d);
      walk (domain, &n_items);
      g_autoptr(LbJudgement) j = lb_judgement_evaluate (domain, lookup, NULL);
      g_assert (j->n_scored <= j->n_items);
      g_assert (j->results->len == lb_node_get_n_rules (domain));
    }
  g_assert (n_items == lb_instrument_get_n_items (inst));
  g_assert (n_items > 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbInstrument) inst = lb_instrument_load_bytes (bytes, "fuzz.xml", problems, &error);

  if (inst != NULL)
    {
      g_assert (error == NULL && problems->len == 0);
      check_instrument (inst);
      return 0;
    }
  g_assert (error != NULL && error->domain == LB_ERROR);
  g_assert (problems->len > 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const LbProblem *p = problems->pdata[i];
      g_assert (p->line >= 1 && p->column >= 1);
      g_assert (g_utf8_validate (p->message, -1, NULL));
      g_autofree char *line = lb_problem_format (p, "fuzz.xml");
      g_assert (line != NULL);
    }
  return 0;
}
