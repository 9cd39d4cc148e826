/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lb-store.h"

G_BEGIN_DECLS

/* Writes of the observing screen, off the main thread. A durable commit
 * waits for the disk (an fsync), which on a busy tablet can take longer
 * than a frame; the screen must not freeze meanwhile. The queue owns a
 * second connection to the same database (WAL lets the screen read while
 * it writes) and one thread, so changes are committed in the order they
 * were made. Each change reports back on the main thread when it is on
 * disk — or why it is not. */

typedef gboolean (*LbStoreOpFunc) (LbStore  *writer,
                                   gpointer  data,
                                   GError  **error);
typedef void     (*LbStoreOpDone) (gboolean  ok,
                                   GError   *error,
                                   gpointer  user_data);

#define LB_TYPE_STORE_QUEUE (lb_store_queue_get_type ())
G_DECLARE_FINAL_TYPE (LbStoreQueue, lb_store_queue, LB, STORE_QUEUE, GObject)

LbStoreQueue *lb_store_queue_new     (LbStore        *store,
                                      GError        **error);
void          lb_store_queue_push    (LbStoreQueue   *self,
                                      LbStoreOpFunc   func,
                                      gpointer        data,
                                      GDestroyNotify  data_free,
                                      LbStoreOpDone   done,
                                      gpointer        user_data);
guint         lb_store_queue_get_pending (LbStoreQueue *self);
/* Waits until everything pushed so far is committed (or failed). */
void          lb_store_queue_flush   (LbStoreQueue   *self);

G_END_DECLS
