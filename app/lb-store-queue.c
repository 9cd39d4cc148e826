/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-store-queue"

#include "config.h"
#include "lb-store-queue.h"

struct _LbStoreQueue
{
  GObject       parent_instance;
  LbStore      *writer;     /* used by the worker thread only */
  GThreadPool  *pool;       /* one thread: commits keep their order */
  GMainContext *context;    /* where "done" is reported */
  GMutex        lock;
  GCond         idle;
  guint         pending;
};

G_DEFINE_FINAL_TYPE (LbStoreQueue, lb_store_queue, G_TYPE_OBJECT)

typedef struct {
  LbStoreQueue  *queue;
  LbStoreOpFunc  func;
  gpointer       data;
  GDestroyNotify data_free;
  LbStoreOpDone  done;
  gpointer       user_data;
  gboolean       ok;
  GError        *error;
} Op;

static gboolean
report_cb (gpointer p)
{
  Op *op = p;
  if (op->done)
    op->done (op->ok, op->error, op->user_data);
  g_clear_error (&op->error);
  if (op->data_free)
    op->data_free (op->data);
  g_object_unref (op->queue);
  g_free (op);
  return G_SOURCE_REMOVE;
}

static void
run_op (gpointer p, gpointer unused)
{
  Op *op = p;
  LbStoreQueue *self = op->queue;
  op->ok = op->func (self->writer, op->data, &op->error);
  g_mutex_lock (&self->lock);
  self->pending--;
  g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
  g_main_context_invoke (self->context, report_cb, op);
}

static void
lb_store_queue_finalize (GObject *object)
{
  LbStoreQueue *self = LB_STORE_QUEUE (object);
  /* Every op holds a reference, so nothing is queued any more here. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->writer);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  G_OBJECT_CLASS (lb_store_queue_parent_class)->finalize (object);
}

static void
lb_store_queue_class_init (LbStoreQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_store_queue_finalize;
}

static void
lb_store_queue_init (LbStoreQueue *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
}

LbStoreQueue *
lb_store_queue_new (LbStore *store, GError **error)
{
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_autoptr(LbStore) writer = lb_store_open (lb_store_get_path (store), error);
  if (writer == NULL)
    return NULL;
  LbStoreQueue *self = g_object_new (LB_TYPE_STORE_QUEUE, NULL);
  self->writer = g_steal_pointer (&writer);
  self->context = g_main_context_ref_thread_default ();
  self->pool = g_thread_pool_new (run_op, NULL, 1, TRUE, NULL);
  return self;
}

void
lb_store_queue_push (LbStoreQueue *self, LbStoreOpFunc func, gpointer data, GDestroyNotify data_free,
                     LbStoreOpDone done, gpointer user_data)
{
  g_return_if_fail (LB_IS_STORE_QUEUE (self) && func != NULL);
  Op *op = g_new0 (Op, 1);
  op->queue = g_object_ref (self);
  op->func = func;
  op->data = data;
  op->data_free = data_free;
  op->done = done;
  op->user_data = user_data;
  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->pool, op, NULL);
}

guint
lb_store_queue_get_pending (LbStoreQueue *self)
{
  g_mutex_lock (&self->lock);
  guint n = self->pending;
  g_mutex_unlock (&self->lock);
  return n;
}

void
lb_store_queue_flush (LbStoreQueue *self)
{
  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
  /* Deliver the reports, so callers see the state they waited for. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
}
