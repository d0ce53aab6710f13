/*
 * recdb_end.c: the ends of processes in the history database (see
 * recdb_end.h). The statement is prepared per sample that has ends (most
 * have none), so recdb keeps no state for it.
 */
#include "persist/recdb_end.h"

#include "persist/recsql.h"

/* Store the ends of a sample (see recdb_end.h). */
int
recdb_end_put(sqlite3 *db, int64_t boot, int64_t sample_id,
              const struct recdb_end *ends, size_t n)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (n == 0)
		return SQLITE_OK;
	rc = sqlite3_prepare_v2(db,
	                        "UPDATE procs SET end_sample = ?1 WHERE boot = "
	                        "?2 AND pid = ?3 AND start_time = ?4 AND "
	                        "end_sample IS NULL",
	                        -1, &q, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_bind_int64(q, 1, sample_id);
		sqlite3_bind_int64(q, 2, boot);
		sqlite3_bind_int64(q, 3, ends[i].pid);
		sqlite3_bind_int64(q, 4, (int64_t)ends[i].start_time);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc;
}
