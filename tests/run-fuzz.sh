#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the instrument loader with libFuzzer under AddressSanitizer and
# UndefinedBehaviorSanitizer, on a scratch copy of tests/fuzz-corpus.
#   tests/run-fuzz.sh [SECONDS]      (default 60; FUZZ_BUILDDIR overrides
#                                     the build directory, build-fuzz)
# Exits 0 when clang is missing (nothing to do), non-zero when the fuzzer
# finds a crash, leak, hang or sanitizer report; the input that did it is
# kept in $FUZZ_BUILDDIR/fuzz-artifacts/.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-60}}
builddir=${FUZZ_BUILDDIR:-$srcdir/build-fuzz}

if ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzz: clang not found; skipping the fuzzer"
  exit 0
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$srcdir" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dui_tests=false
fi
meson compile -C "$builddir" fuzz-instrument

corpus=$(mktemp -d "${TMPDIR:-/tmp}/lesbezoek-fuzz-XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM
cp "$srcdir"/tests/fuzz-corpus/instrument/* "$corpus"/
artifacts=$builddir/fuzz-artifacts
mkdir -p "$artifacts"

# halt_on_error makes UBSan findings fatal; -timeout catches hangs and
# -rss_limit_mb runaway memory (an instrument may be 16 MB, not more).
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
export G_DEBUG=fatal-warnings LANGUAGE=en
echo "run-fuzz: fuzzing lb_instrument_load_bytes for ${seconds}s"
"$builddir/tests/fuzz-instrument" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=65536 \
  -print_final_stats=1 \
  -dict="$srcdir/tests/fuzz-corpus/instrument.dict" \
  -artifact_prefix="$artifacts/" \
  "$corpus"
