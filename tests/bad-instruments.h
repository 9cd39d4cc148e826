/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-error.h"

/* Every file in tests/instruments/bad/, with where and what a user must be
 * told. Shared by the model test (the problems array) and the CLI test (the
 * printed FILE:LINE:COLUMN lines), so both say the same thing. The message
 * is a substring of the English text; LANGUAGE=en keeps it stable. */
typedef struct {
  const char  *file;
  guint        line;
  const char  *message;
  LbErrorCode  code;      /* of the first problem */
} BadInstrument;

static const BadInstrument bad_instruments[] = {
  /* not XML, or not text */
  { "empty.xml",                     1, "the file is empty", LB_ERROR_PARSE },
  { "whitespace-only.xml",           4, "contains no XML", LB_ERROR_PARSE },
  { "not-well-formed.xml",          14, "closing tag does not match", LB_ERROR_PARSE },
  { "truncated.xml",                18, "is it truncated?", LB_ERROR_PARSE },
  { "text-after-root.xml",          28, "text after the end of the root element", LB_ERROR_PARSE },
  { "duplicate-attribute.xml",      15, "attribute appears twice", LB_ERROR_PARSE },
  { "unquoted-attribute.xml",       13, "not properly quoted", LB_ERROR_PARSE },
  { "unterminated-comment.xml",     15, "is never closed with -->", LB_ERROR_PARSE },
  { "undeclared-entity.xml",        18, "unknown entity reference", LB_ERROR_PARSE },
  { "bare-ampersand.xml",           17, "write & as &amp;", LB_ERROR_PARSE },
  { "invalid-utf8.xml",             12, "not valid UTF-8 text (byte 0xE9)", LB_ERROR_PARSE },
  { "nul-byte.xml",                 14, "not valid UTF-8 text (byte 0x00)", LB_ERROR_PARSE },
  { "utf16.xml",                     1, "save it as UTF-8", LB_ERROR_PARSE },
  /* not a Lesbezoek instrument, or not this version */
  { "wrong-namespace.xml",           3, "is not a Lesbezoek instrument", LB_ERROR_INVALID },
  { "no-namespace.xml",              3, "xmlns=\"https://lesbezoek.nl/ns/instrument/1\"", LB_ERROR_INVALID },
  { "wrong-root.xml",                3, "the root element is <vragenlijst>", LB_ERROR_INVALID },
  { "format-3.xml",                  3, "format version “3” is not supported", LB_ERROR_INVALID },
  { "no-format.xml",                 3, "lacks the required attribute format=\"1\"", LB_ERROR_INVALID },
  { "missing-version.xml",           3, "lacks the required attribute version=", LB_ERROR_INVALID },
  /* the schema */
  { "missing-item-id.xml",          15, "<item> lacks the required attribute id=", LB_ERROR_INVALID },
  { "unknown-element.xml",          18, "unexpected element <remark> inside <item>", LB_ERROR_INVALID },
  { "foreign-element.xml",          18, "<include> is not in the instrument namespace", LB_ERROR_INVALID },
  { "unknown-attribute.xml",        13, "Invalid attribute colour for element group", LB_ERROR_SCHEMA },
  { "bad-evidence.xml",             15, "Invalid attribute evidence for element item", LB_ERROR_SCHEMA },
  { "bad-version.xml",               3, "<instrument> lacks a required attribute or has an attribute", LB_ERROR_SCHEMA },
  { "sessions-incomplete.xml",      11, "<sessions> lacks a required attribute", LB_ERROR_SCHEMA },
  { "element-order.xml",            16, "Did not expect element indicator there", LB_ERROR_SCHEMA },
  { "bad-id.xml",                   15, "id “Item Een” may contain only", LB_ERROR_INVALID },
  { "bad-difficulty.xml",           17, "difficulty=\"moeilijk\" is not a number", LB_ERROR_INVALID },
  { "difficulty-comma.xml",         17, "use a point", LB_ERROR_INVALID },
  { "difficulty-out-of-range.xml",  17, "difficulty=\"12\" must lie between -10 and 10", LB_ERROR_INVALID },
  { "share-out-of-range.xml",       22, "share=\"80\" must lie between 0 and 1", LB_ERROR_INVALID },
  { "text-without-lang.xml",        17, "<text> has no language", LB_ERROR_INVALID },
  { "empty-text.xml",               18, "<text> is empty", LB_ERROR_INVALID },
  { "second-meta.xml",               5, "a second <meta>; an instrument has only one", LB_ERROR_INVALID },
  { "no-domain.xml",                 3, "has no <domain>", LB_ERROR_INVALID },
  { "empty-group.xml",              13, "group “d.leeg” has no items", LB_ERROR_INVALID },
  /* ids */
  { "duplicate-item-id.xml",        20, "duplicate id “d.g.1” (already used on line 15)", LB_ERROR_INVALID },
  { "duplicate-id-indicator-group.xml", 17, "duplicate id “d.g” (already used on line 13)", LB_ERROR_INVALID },
  /* languages */
  { "no-dutch-title.xml",            4, "<meta> has no Dutch <title>", LB_ERROR_INVALID },
  { "no-dutch-item.xml",            15, "<item> has no Dutch <text>", LB_ERROR_INVALID },
  { "language-not-declared.xml",    14, "text in language “de”, which the instrument does not list", LB_ERROR_INVALID },
  { "languages-without-dutch.xml",   3, "must include Dutch (nl)", LB_ERROR_INVALID },
  { "bad-language-code.xml",         3, "“Engels” is not a language code", LB_ERROR_INVALID },
  { "duplicate-language.xml",       13, "a second <title> in language “nl”", LB_ERROR_INVALID },
  /* scales, levels and the rules that name them */
  { "scale-gap.xml",                 8, "has a gap: 4 follows 2", LB_ERROR_INVALID },
  { "scale-descending.xml",          7, "the values must go up, but 3 follows 4", LB_ERROR_INVALID },
  { "duplicate-level-id.xml",        9, "two levels with id “3”", LB_ERROR_INVALID },
  { "scale-one-level.xml",           5, "needs at least two levels", LB_ERROR_INVALID },
  { "scale-empty.xml",              11, "scale “leeg” needs at least two levels", LB_ERROR_INVALID },
  { "unknown-scale.xml",            11, "scale “vijf” does not exist", LB_ERROR_INVALID },
  { "descriptor-missing-level.xml", 18, "level “5” does not exist on scale “vier”", LB_ERROR_INVALID },
  { "judgement-missing-level.xml",  24, "level “twee” does not exist on scale “vier”", LB_ERROR_INVALID },
  { "mean-outside-scale.xml",       23, "value=\"5\" must lie between 1 and 4", LB_ERROR_INVALID },
  { "band-backwards.xml",           10, "band “hoog” runs backwards", LB_ERROR_INVALID },
  { "band-missing-level.xml",       10, "ends at level “5”, which the scale does not have", LB_ERROR_INVALID },
  { "rollup-without-anchors.xml",   15, "scored by roll-up but declares no <anchor>", LB_ERROR_INVALID },
  { "level-bad-value.xml",           8, "value=\"drie\" is not a number", LB_ERROR_INVALID },
  { "level-without-value.xml",       8, "<level> lacks the required attribute value=", LB_ERROR_INVALID },
  /* sessions */
  { "snapshot-bad-minute.xml",      12, "minute=\"laat\" is not a number", LB_ERROR_INVALID },
  { "snapshot-late.xml",            12, "minute=\"25\" must lie between 0 and 20", LB_ERROR_INVALID },
  /* format 2: what format 1 lacks, used in format 1, or used wrongly */
  { "format2-attribute-in-format-1.xml",  53, "rollup=\"…\" on <item> exists only in format 2", LB_ERROR_INVALID },
  { "format2-session-in-format-1.xml",  36, "<session> exists only in format 2", LB_ERROR_INVALID },
  { "band-descriptor-unknown-band.xml",  65, "band “zeer-laag” does not exist on scale “vijf”", LB_ERROR_INVALID },
  { "band-descriptor-twice.xml",       66, "item “klimaat.steunend” has two descriptors for band “laag”", LB_ERROR_INVALID },
  { "tolerance-without-anchors.xml",   86, "item “klimaat.warmte” has anchor-tolerance=\"…\" but declares no <anchor>", LB_ERROR_INVALID },
  { "tolerance-on-rollup.xml",         74, "anchor-tolerance is for holistic items", LB_ERROR_INVALID },
  { "tolerance-out-of-range.xml",      53, "anchor-tolerance=\"9\" must lie between 0 and 4", LB_ERROR_INVALID },
  { "session-number-out-of-range.xml",  40, "number=\"4\" must lie between 1 and 3", LB_ERROR_INVALID },
  { "session-twice.xml",               40, "a second <session number=\"1\">", LB_ERROR_INVALID },
  { "snapshot-late-in-short-session.xml",  47, "minute=\"12\" must lie between 0 and 10", LB_ERROR_INVALID },
  { "snapshot-unknown-session.xml",    47, "sessions=\"1 4\": “4” is not a session; the sessions are numbered 1 to 3", LB_ERROR_INVALID },
  { "applies-when-unknown.xml",        44, "applies-when=\"slot\" must name a snapshot declared before this one", LB_ERROR_INVALID },
  { "applies-when-later.xml",          44, "snapshot “afgeleid” depends on “activiteit”, which comes later (minute 4 after minute 3)", LB_ERROR_INVALID },
  { "applies-when-bad-answer.xml",     44, "answer “misschien” is not a level of scale “ja-nee”", LB_ERROR_INVALID },
  { "applies-when-other-sessions.xml",  44, "snapshot “afgeleid” is asked in a session where “activiteit”, on which it depends, is not", LB_ERROR_INVALID },
  { "applies-when-without-answer.xml",  44, "applies-when=\"…\" and answer=\"…\" go together", LB_ERROR_INVALID },
  { "in-each-without-references.xml",  99, "in-each=\"false\" needs references=\"…\" of 2 or more", LB_ERROR_INVALID },
  { "level-not-applicable.xml",        16, "a level may not have the id “not-applicable”", LB_ERROR_INVALID },
  /* hostile: refused at the DOCTYPE, before anything is declared or fetched */
  { "billion-laughs.xml",            2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "internal-entity.xml",           2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "xxe-file.xml",                  2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "xxe-http.xml",                  2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "external-dtd.xml",              2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "external-dtd-public.xml",       2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "parameter-entities.xml",        2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
};
