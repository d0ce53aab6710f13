/*
 * recdb_cg.c: cgroup rows of the history database (see recdb_cg.h).
 */
#include "persist/recdb_cg.h"

#include <stdlib.h>

#include "persist/recsql.h"

/* Bind one cgroup's numbers (see recdb_cg.h). */
void
recdb_cg_bind(sqlite3_stmt *q, int first, const struct recdb_cgroup *c)
{
	const int64_t v[] = {c->usage_bytes, c->limit_bytes, c->high_bytes,
	                     c->swap_bytes,  c->oom,         c->oom_kill};

	for (int i = 0; i < 6; i++)
		if (v[i] == SNAP_NA)
			sqlite3_bind_null(q, first + i);
		else
			sqlite3_bind_int64(q, first + i, v[i]);
	if (c->psi_some_avg10 >= 0)
		sqlite3_bind_double(q, first + 6, c->psi_some_avg10);
	else
		sqlite3_bind_null(q, first + 6);
}

/* Store the cgroup rows of a sample (see recdb_cg.h). */
int
recdb_cg_put(sqlite3 *db, int64_t sample_id, const struct recdb_cgroup *cg,
             size_t n)
{
	sqlite3_stmt *path = NULL, *row = NULL;
	int rc;

	if (n == 0)
		return SQLITE_OK;
	rc = sqlite3_prepare_v2(
	    db, "INSERT OR IGNORE INTO cgroups(path) VALUES(?1)", -1, &path,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT OR REPLACE INTO cgroup_rows(sample_id, cgroup_id, "
		    "usage_bytes, limit_bytes, high_bytes, swap_bytes, oom, "
		    "oom_kill, psi_some_avg10) SELECT ?1, id, ?2, ?3, ?4, ?5, "
		    "?6, ?7, ?8 FROM cgroups WHERE path = ?9",
		    -1, &row, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_bind_text(path, 1, cg[i].path, -1, SQLITE_STATIC);
		rc = sqlite3_step(path);
		sqlite3_reset(path);
		if (rc != SQLITE_DONE)
			break;
		sqlite3_bind_int64(row, 1, sample_id);
		recdb_cg_bind(row, 2, &cg[i]);
		sqlite3_bind_text(row, 9, cg[i].path, -1, SQLITE_STATIC);
		rc = sqlite3_step(row);
		sqlite3_reset(row);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(path);
	sqlite3_finalize(row);
	return rc;
}

/* Free cgroup rows (see recdb.h). */
void
recdb_cg_free(struct recdb_cgroup *cg, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cg[i].path);
	free(cg);
}
