/*
 * recreplay_win.c: the processes of a run of replayed samples (see
 * recreplay_win.h). One query reads every row of the span in sample
 * order; each process gets a slot (its procs.id, sorted), and a walk
 * applies the rows sample by sample, so the cost is the span's rows plus
 * one pass over the slots a sample.
 */
#include "persist/recreplay_win.h"
#include "core/arrgrow.h"

#include <stdlib.h>
#include <string.h>

#include "persist/recread.h"
#include "persist/recsql.h"

/* One row: its sample, its process's slot (an index into the sorted
 * procs, set after the load) and its values. */
struct recreplay_win_row {
	int64_t time_ms, sample_id, proc_id;
	size_t slot;
	int64_t kb[5]; /* rss, anon, file, shmem, swap */
};

/* One process: identity, end and its latest row's values. */
struct recreplay_win_proc {
	int64_t dbid, end_id; /* end_id 0: not ended */
	int32_t pid;
	uint64_t start_time;
	int64_t row_ms; /* its latest row's time; 0: none yet */
	int64_t kb[5];
};

/* The rows of boot ?1's samples in [?2, ?3), in sample order. end: the
 * procs column of the end sample, or NULL. */
#define RECREPLAY_WIN_SQL(end)                                                 \
	"SELECT s.time_ms, s.id, r.proc_id, p.pid, p.start_time, " end ", "    \
	"r.rss_kb, r.anon_kb, r.file_kb, r.shmem_kb, r.swap_kb FROM samples "  \
	"s "                                                                   \
	"JOIN proc_rows r ON r.sample_id = s.id JOIN procs p ON p.id = "       \
	"r.proc_id WHERE s.boot = ?1 AND p.boot = ?1 AND s.time_ms >= ?2 AND " \
	"s.time_ms < ?3 ORDER BY s.time_ms, s.id"

/* Order processes by procs.id. */
static int
recreplay_win_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct recreplay_win_proc *)a)->dbid,
	        y = ((const struct recreplay_win_proc *)b)->dbid;

	return (x > y) - (x < y);
}

/* The slot of procs.id dbid (present: every row's process has one). */
static size_t
recreplay_win_slot(const struct recreplay_win *w, int64_t dbid)
{
	size_t lo = 0, hi = w->np, mid;

	while (lo + 1 < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->p[mid].dbid <= dbid)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Give every process one slot (sorted, once) and every row its slot. */
static void
recreplay_win_slots(struct recreplay_win *w)
{
	size_t n = 0;

	qsort(w->p, w->np, sizeof *w->p, recreplay_win_cmp);
	for (size_t i = 0; i < w->np; i++)
		if (n == 0 || w->p[n - 1].dbid != w->p[i].dbid)
			w->p[n++] = w->p[i];
	w->np = n;
	for (size_t i = 0; i < w->nrows; i++)
		w->rows[i].slot = recreplay_win_slot(w, w->rows[i].proc_id);
}

/* Keep st's current row (and its process): 0, or -1 out of memory. */
static int
recreplay_win_keep(struct recreplay_win *w, sqlite3_stmt *st, size_t *rcap,
                   size_t *pcap)
{
	struct recreplay_win_row *r;
	struct recreplay_win_proc *p;

	if (arrgrow_room((void **)&w->rows, rcap, w->nrows, sizeof *w->rows,
	                 256) != 0 ||
	    arrgrow_room((void **)&w->p, pcap, w->np, sizeof *w->p, 256) != 0)
		return -1;
	r = &w->rows[w->nrows++];
	r->time_ms = sqlite3_column_int64(st, 0);
	r->sample_id = sqlite3_column_int64(st, 1);
	r->proc_id = sqlite3_column_int64(st, 2);
	for (int k = 0; k < 5; k++)
		r->kb[k] = recsql_col_int(st, 6 + k, SNAP_NA);
	p = &w->p[w->np++];
	memset(p, 0, sizeof *p);
	p->dbid = r->proc_id;
	p->pid = (int32_t)sqlite3_column_int64(st, 3);
	p->start_time = (uint64_t)sqlite3_column_int64(st, 4);
	p->end_id = recsql_col_int(st, 5, 0);
	return 0;
}

/* Load the rows (see recreplay_win.h). */
int
recreplay_win_load(struct recreplay_win *w, struct sqlite3 *db, bool has_end,
                   int64_t boot, int64_t from_ms, int64_t to_ms)
{
	sqlite3_stmt *st;
	size_t rcap = 0, pcap = 0;
	int rc = sqlite3_prepare_v2(db,
	                            has_end ? RECREPLAY_WIN_SQL("p.end_sample")
	                                    : RECREPLAY_WIN_SQL("NULL"),
	                            -1, &st, NULL);

	memset(w, 0, sizeof *w);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, boot);
	sqlite3_bind_int64(st, 2, from_ms);
	sqlite3_bind_int64(st, 3, to_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (recreplay_win_keep(w, st, &rcap, &pcap) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		recreplay_win_fini(w);
		return rc;
	}
	recreplay_win_slots(w);
	return rc;
}

/* Push slot p's process into snap: 0, or -1. */
static int
recreplay_win_push(const struct recreplay_win_proc *p, struct snapshot *snap)
{
	struct proc_row row;

	memset(&row, 0, sizeof row);
	row.pid = p->pid;
	row.start_time = p->start_time;
	row.uid = SNAP_UID_NA;
	row.state = ' ';
	row.rss_kb = p->kb[0];
	row.anon_kb = p->kb[1];
	row.file_kb = p->kb[2];
	row.shmem_kb = p->kb[3];
	row.swap_kb = p->kb[4];
	row.pte_kb = row.oom_score = row.oom_score_adj = SNAP_NA;
	row.cmdline_off = row.cgroup_off = SNAP_NO_STR;
	return snapshot_push_proc(snap, &row) == 0 ? 0 : -1;
}

/* The processes at a sample (see recreplay_win.h). */
int
recreplay_win_at(struct recreplay_win *w, int64_t id, int64_t time_ms,
                 struct snapshot *snap)
{
	const struct recreplay_win_row *r;
	struct recreplay_win_proc *p;

	for (; w->next < w->nrows; w->next++) {
		r = &w->rows[w->next];
		if (r->time_ms > time_ms ||
		    (r->time_ms == time_ms && r->sample_id > id))
			break;
		p = &w->p[r->slot];
		memcpy(p->kb, r->kb, sizeof p->kb);
		p->row_ms = r->time_ms;
	}
	for (size_t i = 0; i < w->np; i++) {
		p = &w->p[i];
		/* alive: RECDB_NOT_ENDED and a row in RECREAD_ALIVE_MS */
		if (p->row_ms == 0 || time_ms - p->row_ms > RECREAD_ALIVE_MS ||
		    (p->end_id != 0 && p->end_id <= id))
			continue;
		if (recreplay_win_push(p, snap) != 0)
			return -1;
	}
	return 0;
}

/* Free (see recreplay_win.h). */
void
recreplay_win_fini(struct recreplay_win *w)
{
	free(w->rows);
	free(w->p);
	memset(w, 0, sizeof *w);
}
