/*
 * recdb_end: the ends of processes in the history database (schema
 * version 3, procs.end_sample; persist/recdb.h), written inside recdb's
 * sample transaction. Internal to persist/recdb*.c.
 */
#ifndef OOMWATCH_PERSIST_RECDB_END_H
#define OOMWATCH_PERSIST_RECDB_END_H

#include <stddef.h>
#include <stdint.h>

#include "persist/recdb.h"

struct sqlite3;

/*
 * Set end_sample = sample_id on the procs rows of boot boot naming the n
 * processes of ends (one UPDATE each; a process without a procs row, or
 * one already ended, is left alone): SQLITE_OK or the failure code.
 */
int recdb_end_put(struct sqlite3 *db, int64_t boot, int64_t sample_id,
                  const struct recdb_end *ends, size_t n);

#endif
