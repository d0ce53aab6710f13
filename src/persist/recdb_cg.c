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

/* The statements recdb_cg_put runs, prepared on first use. */
struct recdb_cg_q {
	sqlite3_stmt *path, *row, *end;
};

/* The cgroup_ends row of cgroup path ended at sample_id (a path with no
 * cgroups row gets none: it never had a row to end). SQLite's code. */
static int
recdb_cg_end(sqlite3 *db, struct recdb_cg_q *q, int64_t sample_id,
             const char *path)
{
	int rc = SQLITE_OK;

	if (q->end == NULL)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT OR IGNORE INTO cgroup_ends(cgroup_id, sample_id) "
		    "SELECT id, ?1 FROM cgroups WHERE path = ?2",
		    -1, &q->end, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(q->end, 1, sample_id);
	sqlite3_bind_text(q->end, 2, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(q->end);
	sqlite3_reset(q->end);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The cgroups and cgroup_rows rows of cgroup c at sample_id. SQLite's
 * code. */
static int
recdb_cg_row(sqlite3 *db, struct recdb_cg_q *q, int64_t sample_id,
             const struct recdb_cgroup *c)
{
	int rc = SQLITE_OK;

	if (q->path == NULL)
		rc = sqlite3_prepare_v2(
		    db, "INSERT OR IGNORE INTO cgroups(path) VALUES(?1)", -1,
		    &q->path, NULL);
	if (rc == SQLITE_OK && q->row == NULL)
		rc = sqlite3_prepare_v2(
		    db,
		    "INSERT OR REPLACE INTO cgroup_rows(sample_id, cgroup_id, "
		    "usage_bytes, limit_bytes, high_bytes, swap_bytes, oom, "
		    "oom_kill, psi_some_avg10) SELECT ?1, id, ?2, ?3, ?4, ?5, "
		    "?6, ?7, ?8 FROM cgroups WHERE path = ?9",
		    -1, &q->row, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(q->path, 1, c->path, -1, SQLITE_STATIC);
	rc = sqlite3_step(q->path);
	sqlite3_reset(q->path);
	if (rc != SQLITE_DONE)
		return rc;
	sqlite3_bind_int64(q->row, 1, sample_id);
	recdb_cg_bind(q->row, 2, c);
	sqlite3_bind_text(q->row, 9, c->path, -1, SQLITE_STATIC);
	rc = sqlite3_step(q->row);
	sqlite3_reset(q->row);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Store the cgroup rows and ends of a sample (see recdb_cg.h). */
int
recdb_cg_put(sqlite3 *db, int64_t sample_id, const struct recdb_cgroup *cg,
             size_t n)
{
	struct recdb_cg_q q = {0};
	int rc = SQLITE_OK;

	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		rc = cg[i].ended ? recdb_cg_end(db, &q, sample_id, cg[i].path)
		                 : recdb_cg_row(db, &q, sample_id, &cg[i]);
	sqlite3_finalize(q.path);
	sqlite3_finalize(q.row);
	sqlite3_finalize(q.end);
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
