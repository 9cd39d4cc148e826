#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proves that server/README.md's step-by-step guide works on a fresh Debian 12 machine: it runs
# the guide's own commands, exactly as written, taken from the fenced sh blocks that follow a
# <!-- walkthrough … --> comment there, so the guide and this proof cannot drift apart. One machine
# plays the server and the three tablets:
#
#   <!-- walkthrough -->               a server step: run as root, in one shell, in order (so its
#                                      variables and directory carry over, as in the reader's shell)
#   <!-- walkthrough tablet=NAME password=FILE copy=FILE… -->
#                                      a tablet's commands: run in a subshell with its own HOME
#                                      (its own ~/.local/share/lesbezoek database: another device),
#                                      in a directory holding the copied files (what the board hands
#                                      out), with the person's password file as standard input (what
#                                      they type)
#
# What the script adds, and only that: the guide's host name resolves to this machine (a line in
# /etc/hosts, as DNS would), and the checks at the end. It needs root, apt and a system-wide
# PostgreSQL cluster, so it is not part of `meson test`; run it on a throw-away machine:
#
#   ../shared/tools/fresh-machine -t 1800 -- 'bash tests/server/walkthrough.sh'
#
# `bash tests/server/walkthrough.sh --print` only shows the blocks it would run (safe anywhere).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
guide="$top/server/README.md"
host=db.bestuur.nl           # the guide's example host name
work=/tmp/lesbezoek-walkthrough

say() { printf '\n=== walkthrough: %s\n' "$*"; }
fail() { printf 'walkthrough: FAILED: %s\n' "$*" >&2; exit 1; }

# Writes block N's commands to $work/blocks/N.sh and its marker's attributes to N.attrs.
extract() {
  rm -rf "$work/blocks"; mkdir -p "$work/blocks"
  awk -v dir="$work/blocks" '
    /^<!-- walkthrough( .*)? -->$/ { attrs = $0; sub(/^<!-- walkthrough ?/, "", attrs); sub(/ ?-->$/, "", attrs)
                                     want = 1; next }
    want && /^```sh$/ { n++; f = sprintf("%s/%02d.sh", dir, n); print attrs > sprintf("%s/%02d.attrs", dir, n)
                        inblock = 1; want = 0; next }
    inblock && /^```$/ { inblock = 0; close(f); next }
    inblock { print > f; next }
    want && NF { print "walkthrough: a <!-- walkthrough --> marker is not followed by a ```sh block: " $0 > "/dev/stderr"; exit 1 }
  ' "$guide"
  ls "$work"/blocks/*.sh >/dev/null 2>&1 || fail "no <!-- walkthrough --> blocks in $guide"
}

attr() {  # attr ATTRS KEY: every value of KEY=… in ATTRS, one per line, ~ as root's home
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | sed "s|^~/|$HOME/|"
}

print_blocks() {
  for f in "$work"/blocks/*.sh; do
    printf '\n--- %s [%s]\n' "$(basename "$f")" "$(cat "${f%.sh}.attrs")"
    cat "$f"
    bash -n "$f" || fail "$(basename "$f") is not valid shell"
  done
}

run_server_block() {
  say "server step $(basename "$1")"
  sed 's/^/  $ /' "$1"
  # shellcheck disable=SC1090
  source "$1"
}

run_tablet_block() {
  local f=$1 attrs=$2 name password dir
  name=$(attr "$attrs" tablet)
  password=$(attr "$attrs" password)
  [ -n "$name" ] && [ -f "$password" ] || fail "$(basename "$f"): needs tablet=NAME and an existing password=FILE ($attrs)"
  dir="$work/tablets/$name"
  mkdir -p "$dir"
  while read -r file; do [ -n "$file" ] && cp "$file" "$dir/"; done < <(attr "$attrs" copy)
  say "tablet of $name: $(basename "$f")"
  sed 's/^/  $ /' "$f"
  # a bash of its own, so that -e holds inside it although its status is tested here
  ( cd "$dir" && env -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u LESBEZOEK_DB HOME="$dir" \
      bash -euo pipefail "$f" ) < "$password" || fail "tablet of $name: $(basename "$f") failed"
}

tablet_list() {  # tablet_list NAME: the observations on that tablet, as tsv
  HOME="$work/tablets/$1" lesbezoek --db "$work/tablets/$1/.local/share/lesbezoek/lesbezoek.db" list --format tsv
}

stop_cluster() {
  # the chroot shares this machine's network: never leave a server listening behind
  command -v pg_ctlcluster >/dev/null 2>&1 && pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
}

main() {
  extract
  if [ "${1:-}" = --print ]; then print_blocks; exit 0; fi
  [ "$(id -u)" = 0 ] || fail "run as root, on a fresh Debian 12 machine (see the top of this file)"
  [ ! -e /etc/postgresql ] || fail "PostgreSQL is already set up here: this is not a fresh machine, and the guide would reconfigure its cluster (see the top of this file)"
  trap stop_cluster EXIT
  rm -rf "$work/tablets"
  grep -q "[[:space:]]$host\$" /etc/hosts || echo "127.0.0.1 $host" >> /etc/hosts
  export DEBIAN_FRONTEND=noninteractive
  cd "$top"
  for f in "$work"/blocks/*.sh; do
    attrs=$(cat "${f%.sh}.attrs")
    if [ -z "$attrs" ]; then run_server_block "$f"; else run_tablet_block "$f" "$attrs"; fi
  done

  say "checks"
  anna=$(tablet_list anna); printf '%s\n' "$anna"
  # tsv: uuid, date, start, starter, observer, role, purpose, status, …
  awk -F'\t' '$4=="Anna de Vries" && $5=="Cees Jansen" && $7=="formatief" && $8=="final"' <<<"$anna" | grep -q . \
    || fail "Anna's new tablet lacks Cees's final formative observation"
  awk -F'\t' '$4=="Anna de Vries" && $5=="Bea Smit" && $7=="summatief" && $8=="final"' <<<"$anna" | grep -q . \
    || fail "Anna's new tablet lacks Bea's final summative observation"
  # and each other's only as the policies allow: sync Bea and Cees once more
  for who in bea cees; do
    ( cd "$work/tablets/$who" && HOME="$PWD" lesbezoek sync --password-stdin < "$HOME/bestuur/wachtwoorden/$who" ) \
      || fail "a second sync on $who's tablet failed"
  done
  bea=$(tablet_list bea); cees=$(tablet_list cees)
  ! awk -F'\t' '$5=="Cees Jansen"' <<<"$bea" | grep -q . || fail "Bea's tablet holds Cees's unshared formative observation"
  ! awk -F'\t' '$5=="Bea Smit"' <<<"$cees" | grep -q . || fail "Cees's tablet holds Bea's summative observation"
  awk -F'\t' '$5=="Bea Smit" && $8=="final"' <<<"$bea" | grep -q . || fail "Bea's tablet lost her own observation"
  say "PASSED: the guide's commands set up the server, and Anna's new tablet holds Cees's and Bea's observations"
}

main "$@"
