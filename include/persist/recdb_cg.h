/*
 * recdb_cg: the cgroup rows (schema version 2, persist/recdb.h) and
 * ends (version 4) of the history database, written inside recdb's sample
 * transaction. Internal to persist/recdb*.c.
 */
#ifndef OOMWATCH_PERSIST_RECDB_CG_H
#define OOMWATCH_PERSIST_RECDB_CG_H

#include <stddef.h>
#include <stdint.h>

#include "persist/recdb.h"

struct sqlite3;
struct sqlite3_stmt;

/* Store n cgroup rows of sample sample_id (their paths added to the
 * cgroups table when new); a row marked ended is a cgroup_ends row
 * instead (schema 4). SQLITE_OK or the failure code. */
int recdb_cg_put(struct sqlite3 *db, int64_t sample_id,
                 const struct recdb_cgroup *cg, size_t n);

/* Bind cgroup c's numbers to q's parameters first .. first + 6 (NULL for
 * unknown). */
void recdb_cg_bind(struct sqlite3_stmt *q, int first,
                   const struct recdb_cgroup *c);

#endif
