/*
 * recdb_bbox.c: the black boxes of the history database (see
 * recdb_bbox.h and README, "Recorder").
 */
#include "persist/recdb_bbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persist/recdb_cg.h"
#include "persist/recsql.h"

/* The statements of one black box, in the order of recdb_bbox_sql. */
enum recdb_bbox_stmt { BB_HEAD, BB_PROC, BB_CG, BB_GREW, BB_VICTIM, BB_N };

static const char *const recdb_bbox_sql[BB_N] = {
    [BB_HEAD] = "INSERT INTO blackbox(event_id, time_ms, mem_total_kb, "
                "mem_free_kb, mem_available_kb, cached_kb, shmem_kb, "
                "anon_kb, swap_total_kb, swap_free_kb, committed_as_kb, "
                "psi_some_avg10, psi_full_avg10, psi_some_total_us, "
                "psi_full_total_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                "?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [BB_PROC] = "INSERT OR IGNORE INTO bb_procs(bb_id, pid, start_time, "
                "uid, comm, rss_kb, anon_kb, swap_kb, oom_score, "
                "oom_score_adj) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                "?10)",
    [BB_CG] = "INSERT OR IGNORE INTO bb_cgroups(bb_id, usage_bytes, "
              "limit_bytes, high_bytes, swap_bytes, oom, oom_kill, "
              "psi_some_avg10, path) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
              "?9)",
    [BB_GREW] = "INSERT INTO bb_grew(bb_id, rank, pid, start_time, comm, "
                "rss_before_kb, rss_kb) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [BB_VICTIM] = "INSERT OR IGNORE INTO bb_victim_rss(bb_id, time_ms, "
                  "rss_kb, swap_kb) SELECT ?1, s.time_ms, r.rss_kb, "
                  "r.swap_kb FROM proc_rows r JOIN samples s ON s.id = "
                  "r.sample_id WHERE r.proc_id = (SELECT p.id FROM procs "
                  "p JOIN samples l ON l.id = p.last_sample WHERE p.boot = "
                  "?2 AND p.pid = ?3 AND (?5 IS NULL OR p.start_time = ?5) "
                  "AND (?5 IS NOT NULL OR l.time_ms >= ?6) ORDER BY "
                  "p.last_sample DESC LIMIT 1) AND s.time_ms >= ?4",
};

/* Bind an int64_t, or NULL for SNAP_NA (see recdb_bbox.h). */
void
recdb_bbox_na(sqlite3_stmt *q, int i, int64_t v)
{
	if (v == SNAP_NA)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, v);
}

/* Step q (an insert) and reset it: SQLITE_OK or the failure code. */
static int
recdb_bbox_step(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The blackbox row itself; *id its rowid. */
static int
recdb_bbox_head(sqlite3 *db, sqlite3_stmt *q, int64_t event_id,
                const struct recdb_bbox *b, int64_t *id)
{
	const int64_t v[] = {
	    b->mem.total_kb,      b->mem.free_kb,      b->mem.available_kb,
	    b->mem.cached_kb,     b->mem.shmem_kb,     b->mem.anon_kb,
	    b->mem.swap_total_kb, b->mem.swap_free_kb, b->mem.committed_as_kb};
	int rc;

	sqlite3_bind_int64(q, 1, event_id);
	sqlite3_bind_int64(q, 2, b->time_ms);
	for (int i = 0; i < 9; i++)
		recdb_bbox_na(q, 3 + i, v[i]);
	if (b->psi.valid) {
		sqlite3_bind_double(q, 12, b->psi.some.avg10);
		sqlite3_bind_int64(q, 14, (int64_t)b->psi.some.total_us);
	}
	if (b->psi.valid && b->psi.full_valid) {
		sqlite3_bind_double(q, 13, b->psi.full.avg10);
		sqlite3_bind_int64(q, 15, (int64_t)b->psi.full.total_us);
	}
	if ((rc = recdb_bbox_step(q)) == SQLITE_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Every process row of the black box. */
static int
recdb_bbox_procs(sqlite3_stmt *q, int64_t id, const struct recdb_bbox *b)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < b->nprocs && rc == SQLITE_OK; i++) {
		const struct recdb_bbox_proc *p = &b->procs[i];

		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, p->pid);
		sqlite3_bind_int64(q, 3, (int64_t)p->start_time);
		if (p->uid != SNAP_UID_NA)
			sqlite3_bind_int64(q, 4, p->uid);
		sqlite3_bind_text(q, 5, p->comm, -1, SQLITE_STATIC);
		recdb_bbox_na(q, 6, p->rss_kb);
		recdb_bbox_na(q, 7, p->anon_kb);
		recdb_bbox_na(q, 8, p->swap_kb);
		recdb_bbox_na(q, 9, p->oom_score);
		recdb_bbox_na(q, 10, p->oom_score_adj);
		rc = recdb_bbox_step(q);
	}
	return rc;
}

/* The cgroups and the top growers of the black box. */
static int
recdb_bbox_rest(sqlite3_stmt *cg, sqlite3_stmt *grew, int64_t id,
                const struct recdb_bbox *b)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < b->ncgroups && rc == SQLITE_OK; i++) {
		sqlite3_bind_int64(cg, 1, id);
		recdb_cg_bind(cg, 2, &b->cgroups[i]);
		sqlite3_bind_text(cg, 9, b->cgroups[i].path, -1, SQLITE_STATIC);
		rc = recdb_bbox_step(cg);
	}
	for (size_t i = 0; i < b->ngrew && rc == SQLITE_OK; i++) {
		const struct recdb_bbox_grew *g = &b->grew[i];

		sqlite3_bind_int64(grew, 1, id);
		sqlite3_bind_int64(grew, 2, (int64_t)i + 1);
		sqlite3_bind_int64(grew, 3, g->pid);
		sqlite3_bind_int64(grew, 4, (int64_t)g->start_time);
		sqlite3_bind_text(grew, 5, g->comm, -1, SQLITE_STATIC);
		recdb_bbox_na(grew, 6, g->rss_before_kb);
		recdb_bbox_na(grew, 7, g->rss_kb);
		rc = recdb_bbox_step(grew);
	}
	return rc;
}

/* The victim's RSS rows (statement BB_VICTIM) of black box id: those of
 * pid's process with the start time the black box's sample gives it, else
 * of pid's process alive at that sample (a row in the RECDB_ALIVE_MS
 * before it); never an earlier process of the same pid. */
static int
recdb_bbox_victim(sqlite3_stmt *q, int64_t id, int64_t boot, int64_t pid,
                  const struct recdb_bbox *b)
{
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, boot);
	sqlite3_bind_int64(q, 3, pid);
	sqlite3_bind_int64(q, 4, b->time_ms - RECDB_VICTIM_MS);
	for (size_t i = 0; i < b->nprocs; i++)
		if (b->procs[i].pid == pid)
			sqlite3_bind_int64(q, 5,
			                   (int64_t)b->procs[i].start_time);
	sqlite3_bind_int64(q, 6, b->time_ms - RECDB_ALIVE_MS);
	return recdb_bbox_step(q);
}

/* Store one black box (see recdb_bbox.h). */
int
recdb_bbox_put(sqlite3 *db, int64_t boot, int64_t event_id, int64_t pid,
               const struct recdb_bbox *b)
{
	sqlite3_stmt *st[BB_N] = {0};
	int64_t id = 0;
	int rc = SQLITE_OK;

	for (int i = 0; i < BB_N && rc == SQLITE_OK; i++)
		rc =
		    sqlite3_prepare_v2(db, recdb_bbox_sql[i], -1, &st[i], NULL);
	if (rc == SQLITE_OK)
		rc = recdb_bbox_head(db, st[BB_HEAD], event_id, b, &id);
	if (rc == SQLITE_OK)
		rc = recdb_bbox_procs(st[BB_PROC], id, b);
	if (rc == SQLITE_OK)
		rc = recdb_bbox_rest(st[BB_CG], st[BB_GREW], id, b);
	if (rc == SQLITE_OK && pid >= 0)
		rc = recdb_bbox_victim(st[BB_VICTIM], id, boot, pid, b);
	for (int i = 0; i < BB_N; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

/* Delete the rows of the first limit black boxes that cond (an SQL
 * condition on blackbox, "1" for any) picks, oldest first, then the boxes
 * themselves (the same ones: the subquery reads blackbox, which the first
 * deletes leave alone). */
static int
recdb_bbox_delete(sqlite3 *db, const char *cond, int limit)
{
	static const char *const tables[] = {
	    "bb_procs", "bb_cgroups", "bb_grew", "bb_victim_rss", "blackbox"};
	char sql[320];
	int rc = SQLITE_OK;

	for (size_t i = 0; i < 5 && rc == SQLITE_OK; i++) {
		snprintf(sql, sizeof sql,
		         "DELETE FROM %s WHERE %s IN (SELECT id FROM blackbox "
		         "WHERE %s ORDER BY id LIMIT %d)",
		         tables[i], i < 4 ? "bb_id" : "id", cond, limit);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	return rc;
}

/* Delete black boxes whose event is gone (see recdb_bbox.h). */
int
recdb_bbox_prune(sqlite3 *db, int limit)
{
	return recdb_bbox_delete(db, "event_id NOT IN (SELECT id FROM events)",
	                         limit);
}

/* Delete the oldest black boxes (see recdb_bbox.h). */
int
recdb_bbox_drop_oldest(sqlite3 *db, int limit)
{
	return recdb_bbox_delete(db, "1", limit);
}

/* Free a black box (see recdb.h). */
void
recdb_bbox_free(struct recdb_bbox *b)
{
	if (b == NULL)
		return;
	free(b->procs);
	recdb_cg_free(b->cgroups, b->ncgroups);
	free(b);
}

/* The kinds with a black box (see recdb.h). */
bool
recdb_bbox_kind(const char *kind)
{
	static const char *const kinds[] = {
	    "oom_kill", "hung_task", "soft_lockup", "hard_lockup", "panic"};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}
