/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-text"

#include "lb-text.h"

#include <string.h>

typedef struct {
  char *lang;
  char *value;
} Entry;

struct _LbText {
  gatomicrefcount ref;
  GArray *entries; /* of Entry; tiny, so a linear scan beats a hash */
};

G_DEFINE_BOXED_TYPE (LbText, lb_text, lb_text_ref, lb_text_unref)

static char *ui_language;

static void
entry_clear (gpointer data)
{
  Entry *e = data;
  g_free (e->lang);
  g_free (e->value);
}

LbText *
lb_text_new (void)
{
  LbText *text = g_new0 (LbText, 1);
  g_atomic_ref_count_init (&text->ref);
  text->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), 2);
  g_array_set_clear_func (text->entries, entry_clear);
  return text;
}

LbText *
lb_text_ref (LbText *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_atomic_ref_count_inc (&text->ref);
  return text;
}

void
lb_text_unref (LbText *text)
{
  g_return_if_fail (text != NULL);
  if (g_atomic_ref_count_dec (&text->ref))
    {
      g_array_unref (text->entries);
      g_free (text);
    }
}

static Entry *
find (const LbText *text, const char *lang)
{
  for (guint i = 0; i < text->entries->len; i++)
    {
      Entry *e = &g_array_index (text->entries, Entry, i);
      if (g_strcmp0 (e->lang, lang) == 0)
        return e;
    }
  return NULL;
}

void
lb_text_set (LbText *text, const char *lang, const char *value)
{
  g_return_if_fail (text != NULL && lang != NULL && value != NULL);
  Entry *e = find (text, lang);
  if (e)
    {
      g_free (e->value);
      e->value = g_strdup (value);
      return;
    }
  Entry ne = { g_strdup (lang), g_strdup (value) };
  g_array_append_val (text->entries, ne);
}

gboolean
lb_text_has (const LbText *text, const char *lang)
{
  return text && find (text, lang) != NULL;
}

const char *
lb_text_get_exact (const LbText *text, const char *lang)
{
  Entry *e = text ? find (text, lang) : NULL;
  return e ? e->value : NULL;
}

/* The text in @lang, else in Dutch, else in whatever language it has. */
const char *
lb_text_get (const LbText *text, const char *lang)
{
  if (text == NULL || text->entries->len == 0)
    return "";
  Entry *e = lang ? find (text, lang) : NULL;
  if (e == NULL)
    e = find (text, "nl");
  if (e == NULL)
    e = &g_array_index (text->entries, Entry, 0);
  return e->value;
}

const char *
lb_text_get_ui (const LbText *text)
{
  return lb_text_get (text, lb_text_ui_language ());
}

guint
lb_text_get_n (const LbText *text)
{
  return text ? text->entries->len : 0;
}

const char *
lb_text_lang_at (const LbText *text, guint i)
{
  g_return_val_if_fail (text != NULL && i < text->entries->len, NULL);
  return g_array_index (text->entries, Entry, i).lang;
}

gboolean
lb_text_is_empty (const LbText *text)
{
  return text == NULL || text->entries->len == 0;
}

/* The language instrument content is shown in: the interface language,
 * derived once from the gettext environment (LANGUAGE=en → "en"). */
const char *
lb_text_ui_language (void)
{
  if (ui_language == NULL)
    {
      const char * const *names = g_get_language_names ();
      const char *lang = "nl";
      const char *env = g_getenv ("LANGUAGE");
      if (env && *env)
        lang = env;
      else if (names && names[0] && strcmp (names[0], "C") != 0)
        lang = names[0];
      /* "en_GB:nl" → "en" */
      ui_language = g_strndup (lang, strcspn (lang, "_.@:"));
      if (*ui_language == '\0' || g_str_equal (ui_language, "C"))
        lb_text_set_ui_language ("nl");
    }
  return ui_language;
}

void
lb_text_set_ui_language (const char *lang)
{
  g_free (ui_language);
  ui_language = g_strdup (lang ? lang : "nl");
}
