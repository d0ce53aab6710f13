/*
 * benchday: a simulated day of the recorder (issue 13, "Performance"),
 * shared by record_bench and start_bench (header only, like benchutil.h).
 * BENCHDAY_SAMPLES samples BENCHDAY_STEP_MS apart of BENCHDAY_PROCS
 * processes, each over 1 MB, of which BENCHDAY_CHANGING move by 2% every
 * sample (up, then back down), through recsel, the stored-sample builder
 * and the database with maintenance on every sample, as the recorder runs
 * them.
 */
#ifndef OOMWATCH_BENCH_BENCHDAY_H
#define OOMWATCH_BENCH_BENCHDAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "app/record_sample.h"
#include "benchutil.h"
#include "model/recsel.h"
#include "model/snapshot.h"
#include "persist/recdb.h"

#define BENCHDAY_SAMPLES 8640
#define BENCHDAY_PROCS 1000
#define BENCHDAY_CHANGING 100
#define BENCHDAY_STEP_MS 10000LL

/* A synthetic snapshot of BENCHDAY_PROCS processes, each over 1 MB. Their
 * identities are pids[i] and starts[i] (stat field 22) when pids is not
 * NULL, else made up (pid 1000 + i, start time 4242). */
static inline void
benchday_snapshot(struct snapshot *s, const pid_t *pids, const uint64_t *starts)
{
	char cmd[96];
	struct proc_row r;

	snapshot_init(s);
	for (int i = 0; i < BENCHDAY_PROCS; i++) {
		memset(&r, 0, sizeof r);
		r.pid = pids != NULL ? (int32_t)pids[i] : 1000 + i;
		r.start_time = pids != NULL ? starts[i] : 4242;
		r.uid = 1000;
		r.state = 'S';
		snprintf(r.comm, sizeof r.comm, "worker%d", i);
		r.rss_kb = r.anon_kb = 20000 + i;
		r.swap_kb = r.file_kb = r.shmem_kb = 0;
		r.oom_score = 10 + i % 100;
		r.oom_score_adj = 0;
		snprintf(cmd, sizeof cmd,
		         "/usr/bin/worker --pool=%d --config=/etc/w/%d.conf", i,
		         i);
		snapshot_str_append(s, cmd, strlen(cmd), &r.cmdline_off);
		r.cmdline_len = (uint32_t)strlen(cmd);
		r.cgroup_off = SNAP_NO_STR;
		snapshot_push_proc(s, &r);
	}
	s->mem = (struct mem_info){16000000, 1000000, 8000000, 1000,
	                           4000000,  1000,    6000000, 2000000,
	                           1500000,  9000000, 7000000};
	s->vmstat = (struct vmstat_counters){0, 0, 0, 0};
	s->psi.valid = s->psi.full_valid = true;
}

/* Write the simulated day of s into db, the first sample at wall time
 * t0_ms: CPU us per sample. */
static inline double
benchday_write(struct recdb *db, struct snapshot *s, int64_t t0_ms)
{
	struct recsel *sel = recsel_new();
	struct recsel_pick pick = {0};
	struct recdb_sample out;
	struct recdb_limits lim = {.retain_ms = 7 * 86400000LL};
	char err[512];
	double t0 = bench_cpu_us(RUSAGE_SELF);
	bool more, down[BENCHDAY_PROCS] = {false};

	for (int k = 0; k < BENCHDAY_SAMPLES; k++) {
		for (int j = 0; j < BENCHDAY_CHANGING; j++) {
			struct proc_row *r =
			    &s->procs[(k * BENCHDAY_CHANGING + j) %
			              BENCHDAY_PROCS];
			size_t i = (size_t)(r - s->procs);

			/* up 2%, then back down: moving, but bounded */
			r->rss_kb = r->anon_kb =
			    down[i] ? r->rss_kb * 50 / 51
			            : r->rss_kb + r->rss_kb / 50;
			down[i] = !down[i];
		}
		s->time_unix_ms = t0_ms + (int64_t)k * BENCHDAY_STEP_MS;
		s->vmstat.pgmajfault += 7;
		s->psi.some.total_us += 1000;
		recsel_pick(sel, s, (int64_t)k * BENCHDAY_STEP_MS, &pick);
		record_sample_build(s, &pick, false, &out);
		if (recdb_write(db, &out, err, sizeof err) != RECDB_OK ||
		    recdb_maintain(db, s->time_unix_ms, &lim, &more, err,
		                   sizeof err) != RECDB_OK)
			fprintf(stderr, "benchday: %s\n", err);
		recdb_sample_clear(&out);
	}
	recsel_pick_fini(&pick);
	recsel_free(sel);
	return (bench_cpu_us(RUSAGE_SELF) - t0) / BENCHDAY_SAMPLES;
}

#endif
