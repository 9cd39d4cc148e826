/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "lb-goal.h"
#include "lb-observation.h"

G_BEGIN_DECLS

#define LB_EXCHANGE_NS "https://lesbezoek.nl/ns/exchange/1"

/* The canonical serialization of an observation's content: the bytes a
 * final observation's SHA-256 covers. It is the <observation> element of
 * the exchange format without bookkeeping (status, revision, timestamps of
 * the record), without what may be added after finalizing (the starter's
 * acknowledgement, addenda) and without the hash itself; one element per
 * line, no indentation, a fixed order of everything. */
char     *lb_observation_canonical    (LbObservation *obs);
char     *lb_observation_compute_hash (LbObservation *obs);

/* An exchange file: the people, optionally the instruments (their exact
 * bytes), and the observations; and the starters' goals, which the file
 * carries inside their <person>. */
typedef struct {
  GPtrArray *people;        /* LbPerson */
  GPtrArray *instruments;   /* GBytes of instrument files */
  GPtrArray *observations;  /* LbObservation */
  GPtrArray *goals;         /* LbGoal, each of a person in people */
} LbExchange;

LbExchange *lb_exchange_new   (void);
void        lb_exchange_free  (LbExchange *exchange);
char       *lb_exchange_to_xml (LbExchange *exchange);
gboolean    lb_exchange_write (LbExchange  *exchange,
                               const char  *path,
                               GError     **error);
LbExchange *lb_exchange_read  (const char  *path,
                               GPtrArray   *problems,
                               GError     **error);
LbExchange *lb_exchange_read_bytes (GBytes *bytes,
                               const char  *filename,
                               GPtrArray   *problems,
                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbExchange, lb_exchange_free)

G_END_DECLS
