#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file that marks strings for translation is missing from
# po/POTFILES.in (its strings would silently stay English in the Dutch app),
# when POTFILES.in names a file that does not exist (xgettext would stop),
# or when POTFILES.in is not sorted.
#   tests/check-potfiles.sh [SOURCE_ROOT]
set -eu
root=${1:-$(dirname "$0")/..}
cd "$root"
potfiles=po/POTFILES.in
export LC_ALL=C
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^[[:space:]]*#' "$potfiles" | sed 's/[[:space:]]*$//' | grep -v '^$' >"$tmp/listed" || true

# C: _( N_( C_( NC_( and the g_d*gettext family; UI: translatable="yes".
{
  find app ui -type f \( -name '*.c' -o -name '*.h' \) -print 2>/dev/null \
    | xargs -r grep -lE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(|g_d[a-z]*gettext2?\(' || true
  find app ui -type f -name '*.ui' -print 2>/dev/null \
    | xargs -r grep -lE 'translatable="(yes|true|1)"' || true
  # Data files whose text users see: always translatable.
  find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
    -o -name '*.gschema.xml' \) -print 2>/dev/null
} | sed 's|^\./||' | sort -u >"$tmp/needed"

sort -u "$tmp/listed" >"$tmp/listed.sorted"
missing=$(comm -23 "$tmp/needed" "$tmp/listed.sorted")
if [ -n "$missing" ]; then
  echo "These files mark strings for translation but are missing from $potfiles:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  status=1
fi

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles names $f, which does not exist" >&2
    status=1
  fi
done <"$tmp/listed"

if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort); expected:" >&2
  sort -u "$tmp/listed" | sed 's/^/  /' >&2
  status=1
fi

[ "$status" = 0 ] && echo "$potfiles lists all $(wc -l <"$tmp/needed" | tr -d ' ') files with translatable strings"
exit "$status"
