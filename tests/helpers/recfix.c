/*
 * recfix: replay fixtures' databases (see recfix.h).
 */
#include "recfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbfix.h"

/* Open path for writing as boot_id, NULL unless RECDB_OK. */
struct recdb *
recfix_db(const char *path, const char *boot_id)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, boot_id, &st, err, sizeof err);

	if (db == NULL) {
		fprintf(stderr, "recdb_open: %s\n", err);
	} else if (st != RECDB_OK) {
		fprintf(stderr, "recdb_open: status %d\n", (int)st);
		recdb_close(db);
		db = NULL;
	}
	return db;
}

/* Open path for the replay, NULL unless RECREAD_OK. */
struct recreplay *
recfix_replay(const char *path)
{
	enum recread_status st;
	char err[512] = "";
	struct recreplay *r = recreplay_open(path, &st, err, sizeof err);

	if (r == NULL) {
		fprintf(stderr, "recreplay_open: %s\n", err);
	} else if (st != RECREAD_OK) {
		fprintf(stderr, "recreplay_open: status %d\n", (int)st);
		recreplay_close(r);
		r = NULL;
	}
	return r;
}

/* Write samples [from, to) of boot_id through fill. */
int
recfix_write(const char *path, const char *boot_id, int from, int to,
             int64_t t0, int64_t step_ms, recfix_fill_fn *fill, void *arg)
{
	struct recdb *db = recfix_db(path, boot_id);
	struct recdb_sample s;
	int rc = db != NULL ? 0 : -1;

	for (int i = from; i < to && rc == 0; i++) {
		memset(&s, 0, sizeof s);
		s.time_ms = t0 + (i - from) * step_ms;
		fill(&s, i, arg);
		rc = dbfix_write(db, &s);
	}
	if (db != NULL)
		recdb_close(db);
	return rc;
}

/* The replay fixtures' meminfo and counters at sample i. */
void
recfix_mem(struct recdb_sample *s, int i)
{
	s->mem = (struct mem_info){8000000, 100000,  4000000 - i * 1000,
	                           1000,    2000,    300,
	                           400,     2000000, 1999000,
	                           SNAP_NA, SNAP_NA};
	s->vmstat = (struct vmstat_counters){i / 30, 0, 10 * i, 0};
}

/* An identity started at 7. */
struct recdb_ident
recfix_ident(int32_t pid, uint32_t uid, const char *comm, const char *cmdline,
             const char *cgroup)
{
	return (struct recdb_ident){
	    .pid = pid,
	    .start_time = 7,
	    .uid = uid,
	    .comm = strdup(comm),
	    .cmdline = cmdline ? strdup(cmdline) : NULL,
	    .cgroup = cgroup ? strdup(cgroup) : NULL,
	};
}

/* A row started at 7. */
struct recdb_row
recfix_row(int32_t pid, int64_t rss_kb, int64_t swap_kb, int64_t oom_score,
           int64_t adj)
{
	return (struct recdb_row){
	    .pid = pid,
	    .start_time = 7,
	    .rss_kb = rss_kb,
	    .anon_kb = rss_kb / 2,
	    .file_kb = SNAP_NA,
	    .shmem_kb = SNAP_NA,
	    .swap_kb = swap_kb,
	    .oom_score = oom_score,
	    .oom_score_adj = adj,
	};
}

/* The row of pid in snap. */
const struct proc_row *
recfix_pid(const struct snapshot *snap, int32_t pid)
{
	for (size_t i = 0; i < snap->nprocs; i++) {
		if (snap->procs[i].pid == pid)
			return &snap->procs[i];
	}
	return NULL;
}

/* A store test's sample at t: n rows of pids 100.., nid identities. */
void
recfix_sample(struct recdb_sample *s, int64_t t, size_t n, size_t nid,
              int64_t rss)
{
	memset(s, 0, sizeof *s);
	s->time_ms = t;
	s->mem =
	    (struct mem_info){1000, 500, 700, 1, 2, 3, 4, 0, 0, 9, SNAP_NA};
	s->vmstat = (struct vmstat_counters){2, 3, 4, 5};
	s->psi.valid = true;
	s->psi.some.avg10 = 1.5;
	s->rows = calloc(n, sizeof *s->rows);
	s->idents = calloc(nid, sizeof *s->idents);
	for (size_t i = 0; i < n; i++) {
		s->rows[i] = (struct recdb_row){
		    .pid = (int32_t)(100 + i),
		    .start_time = 7,
		    .rss_kb = rss,
		    .anon_kb = rss,
		    .file_kb = 0,
		    .shmem_kb = 0,
		    .swap_kb = SNAP_NA,
		    .oom_score = 10,
		    .oom_score_adj = 0,
		};
		if (i < nid)
			s->idents[i] = (struct recdb_ident){
			    .pid = (int32_t)(100 + i),
			    .start_time = 7,
			    .uid = 1000,
			    .comm = strdup("worker"),
			    .cmdline = strdup("worker --big"),
			    .cgroup = NULL,
			};
	}
	s->nrows = n;
	s->nidents = nid;
}
