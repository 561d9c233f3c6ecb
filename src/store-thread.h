/* The node store thread_add() uses, over the store (store-thread.c). */
#ifndef STORE_THREAD_H
#define STORE_THREAD_H

#include "thread.h"

/* Its context is the struct store. */
extern const struct thread_ops store_thread_ops;

#endif
