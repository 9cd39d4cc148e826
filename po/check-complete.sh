#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when po/LANG.po lacks a translation for any string in the sources
# (untranslated or fuzzy): Lesbezoek is Dutch by default, so a missing
# translation is an English phrase in front of a Dutch teacher.
#   po/check-complete.sh SOURCE_ROOT LANG
# Fix with `make po` (regenerates the template and merges it into the .po
# files), then translate the new or fuzzy entries.
set -eu
root=$1 lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"

# The same keywords as meson's i18n 'glib' preset, so this sees what
# `meson compile lesbezoek-pot` would extract.
xgettext --package-name=lesbezoek -D . -f po/POTFILES.in -o "$tmp/lesbezoek.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/lesbezoek.pot"
msgattrib --untranslated --no-obsolete "$tmp/$lang.po" -o "$tmp/untranslated.po"
msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" -o "$tmp/fuzzy.po"
# msgattrib writes no file when nothing matches (or just a header).
count() { [ -f "$1" ] && grep -c '^msgid ' "$1" | awk '{ print ($1 > 0 ? $1 - 1 : 0) }' || echo 0; }
untranslated=$(count "$tmp/untranslated.po")
fuzzy=$(count "$tmp/fuzzy.po")
total=$(grep -c '^msgid ' "$tmp/lesbezoek.pot" | awk '{ print $1 - 1 }')
if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "po/$lang.po: $untranslated untranslated and $fuzzy fuzzy of $total strings. Run 'make po' and translate:" >&2
  for f in "$tmp/untranslated.po" "$tmp/fuzzy.po"; do
    [ -f "$f" ] && awk 'BEGIN { RS = ""; FS = "\n" }
      NR > 1 { for (i = 1; i <= NF; i++) { if ($i ~ /^msgstr/) break; if ($i !~ /^#/) print "  " $i } }' "$f" >&2
  done
  exit 1
fi
echo "po/$lang.po translates all $total strings"
