/*
 * recdb_schema: the history database's schema as migration steps, one
 * per version (PRAGMA user_version). recdb_open runs the steps from a
 * file's version up to RECDB_VERSION, each in its own transaction, so an
 * older database is brought up to date and a new (empty, version 0) one
 * is created the same way.
 */
#ifndef OOMWATCH_PERSIST_RECDB_SCHEMA_H
#define OOMWATCH_PERSIST_RECDB_SCHEMA_H

#include <stdbool.h>

struct sqlite3;

/*
 * The readers' rule for "process p (an alias of procs) had not ended by
 * sample s" (an SQL expression giving a samples.id), as an SQL condition.
 * Schema version 3 adds procs.end_sample: the first sample, of the
 * recorder's run that saw the process, at which it was no longer seen;
 * NULL while it runs, when the recorder stopped first, or in a file of
 * version 2 or older (it then has no such column: see
 * recdb_schema_has_end). A process is alive at a sample when it has a
 * proc_rows row in the RECREAD_ALIVE_MS up to the sample (the recorder
 * writes one at least every 10 minutes while it runs) and this holds.
 */
#define RECDB_NOT_ENDED(p, s)                                                  \
	"(" p ".end_sample IS NULL OR " p ".end_sample > " s ")"

/* True when db's procs table has end_sample (version 3 or later), so
 * RECDB_NOT_ENDED can be used in its queries. */
bool recdb_schema_has_end(struct sqlite3 *db);

/* True when db has the cgroup_ends table (version 4 or later): a
 * cgroup's end is then recorded, not only inferred from its rows. */
bool recdb_schema_has_cg_ends(struct sqlite3 *db);

/*
 * Take the schema from version from to from + 1 (0 <= from <
 * RECDB_VERSION), inside the caller's transaction: SQLITE_OK or the
 * SQLite failure code.
 */
int recdb_schema_step(struct sqlite3 *db, int from);

#endif
