/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-error.h"

/* Every file in tests/exchange/bad/, with where and what a user must be
 * told. The message is a substring of the English text (LANGUAGE=en). */
typedef struct {
  const char  *file;
  guint        line;
  const char  *message;
  LbErrorCode  code;      /* of the first problem */
} BadExchange;

static const BadExchange bad_exchanges[] = {
  /* not XML, or not text */
  { "empty.xml",                          1, "the file is empty", LB_ERROR_PARSE },
  { "not-xml.xml",                        1, "the file contains no XML", LB_ERROR_PARSE },
  { "truncated.xml",                     25, "is it truncated?", LB_ERROR_PARSE },
  { "truncated-element.xml",             28, "is it truncated?", LB_ERROR_PARSE },
  { "mismatched-tag.xml",                19, "closing tag does not match", LB_ERROR_PARSE },
  { "text-after-root.xml",               42, "text after the end of the root element", LB_ERROR_PARSE },
  { "undeclared-entity.xml",             35, "unknown entity reference", LB_ERROR_PARSE },
  { "invalid-utf8.xml",                  18, "not valid UTF-8 text (byte 0xE9)", LB_ERROR_PARSE },
  { "nul-byte.xml",                      35, "not valid UTF-8 text (byte 0x00)", LB_ERROR_PARSE },
  { "utf16.xml",                          1, "save it as UTF-8", LB_ERROR_PARSE },
  { "deep-nesting.xml",                   3, "nested far too deeply", LB_ERROR_PARSE },
  /* hostile: entities, DTDs, other files, the network */
  { "billion-laughs.xml",                 2, "document type declaration (<!DOCTYPE>)", LB_ERROR_FORBIDDEN },
  { "xxe.xml",                            2, "may not use DTDs or entities", LB_ERROR_FORBIDDEN },
  { "external-dtd.xml",                   2, "document type declaration (<!DOCTYPE>)", LB_ERROR_FORBIDDEN },
  { "xinclude.xml",                      33, "<include> is not in the exchange namespace", LB_ERROR_INVALID },
  /* not an exchange file, or not this version */
  { "wrong-namespace.xml",                2, "this is not a Lesbezoek exchange file", LB_ERROR_INVALID },
  { "wrong-root.xml",                     2, "the root element is <export>", LB_ERROR_INVALID },
  { "format-2.xml",                       2, "exchange format version “2” is not supported", LB_ERROR_INVALID },
  /* values */
  { "bad-purpose.xml",                   15, "purpose=\"x\" is not one of: formatief, summatief", LB_ERROR_INVALID },
  { "bad-role.xml",                      14, "role=\"inspector\" is not one of", LB_ERROR_INVALID },
  { "bad-date.xml",                      15, "date=\"2026-02-30\" is not a date", LB_ERROR_INVALID },
  { "bad-time.xml",                      15, "start=\"8.30u\" is not a time", LB_ERROR_INVALID },
  { "bad-timestamp.xml",                 28, "created=\"gisteren\" is not a time stamp", LB_ERROR_INVALID },
  { "pupils-out-of-range.xml",           15, "pupils=\"999\" is not a whole number from 0 to 200", LB_ERROR_INVALID },
  { "missing-item.xml",                  23, "<score> lacks the required attribute item=", LB_ERROR_INVALID },
  { "score-without-level.xml",           23, "needs either level= or not-observed=\"true\"", LB_ERROR_INVALID },
  /* structure */
  { "unknown-element.xml",               33, "unexpected element <remark> inside <observation>", LB_ERROR_INVALID },
  { "stray-text.xml",                    35, "unexpected text inside <observation>", LB_ERROR_INVALID },
  { "missing-lesson.xml",                11, "<observation> lacks the element <lesson>", LB_ERROR_INVALID },
  { "element-order.xml",                 24, "Did not expect element score there", LB_ERROR_SCHEMA },
  { "unknown-attribute.xml",             15, "Invalid attribute colour for element lesson", LB_ERROR_SCHEMA },
  /* what the store would refuse, said with a line */
  { "duplicate-score.xml",               27, "item ph.klimaat.1 has a second score in session 0", LB_ERROR_INVALID },
  { "duplicate-observation.xml",         41, "appears twice in the file", LB_ERROR_INVALID },
  { "deviation-without-motivation.xml",  38, "deviates from the computed verdict without a <motivation>", LB_ERROR_INVALID },
  { "draft-acknowledged.xml",            11, "a draft cannot be acknowledged", LB_ERROR_INVALID },
  { "final-without-hash.xml",            11, "lacks the required attribute content-hash=", LB_ERROR_INVALID },
  { "wrong-content-hash.xml",            11, "does not match its content-hash", LB_ERROR_INVALID },
  /* instruments carried in the file */
  { "bad-base64.xml",                    12, "not valid base64", LB_ERROR_INVALID },
  { "instrument-hash-mismatch.xml",      11, "does not match its sha256=", LB_ERROR_INVALID },
};
