/*
 * record_bench: the recorder's cost (issue 13, "Performance").
 *
 *   record_bench N OOMWATCH_BIN DIR     (N = 0: the simulated day only)
 *
 * 1. Live, with N sleeping processes of its own: CPU per sample of the
 *    snapshot alone (the collector in light mode, in this process) and of
 *    the real `oomwatch --record` (the difference between a run of 60
 *    samples and one of 10, so start-up and the kernel log's backlog
 *    cancel out), as a ratio; what that is at the default 10 s as a share
 *    of one core; the recorder's peak RSS.
 * 2. A simulated day: 8,640 samples 10 s apart of 1,000 processes of
 *    which 100 move by 2% every sample (up, then back down), through recsel,
 * the stored-sample builder and the database with maintenance on every sample,
 * as the recorder runs them: the database's size after the day, and the CPU per
 * sample of selection and writing.
 *
 * Files go to DIR (removed after).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/record_sample.h"
#include "benchutil.h"
#include "collect/collector.h"
#include "core/clock.h"
#include "model/recsel.h"
#include "persist/recdb.h"

extern char **environ;

#define DAY_SAMPLES 8640
#define DAY_PROCS 1000
#define DAY_CHANGING 100
#define T0_MS 1800000000000LL

static pid_t *kids;
static size_t nkids;

/* Start n sleepers; returns how many started. */
static size_t
spawn_sleepers(size_t n)
{
	nkids = bench_spawn(&kids, n, NULL);
	return nkids;
}

/* Kill and reap the sleepers. */
static void
reap_sleepers(void)
{
	bench_reap(kids, nkids);
	free(kids);
	nkids = 0;
}

/* Remove the database at path and its companions. */
static void
db_remove(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm", ".lock"};
	char p[4200];

	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
}

/* Run the recorder for n samples on a new database: CPU us, max RSS kB. */
static int
run_recorder(const char *bin, const char *db, int n, double *cpu, long *rss)
{
	char count[16];
	char *argv[] = {(char *)bin, "--record",  "-d",
	                "0.05",      "--samples", count,
	                "--db",      (char *)db,  NULL};
	struct rusage ru;
	int status;
	pid_t p;

	snprintf(count, sizeof count, "%d", n);
	db_remove(db);
	if (posix_spawn(&p, bin, NULL, NULL, argv, environ) != 0)
		return -1;
	if (wait4(p, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	*cpu = bench_ru_us(&ru);
	*rss = ru.ru_maxrss;
	return 0;
}

/* The snapshot alone: CPU us per light sample, after a warm-up. */
static double
snapshot_cost(int n)
{
	char err[256];
	struct collector *c = collector_new(NULL, err, sizeof err);
	struct snapshot s;
	double t0;

	if (c == NULL) {
		fprintf(stderr, "record_bench: %s\n", err);
		return -1;
	}
	collector_set_mode(c, COLLECTOR_LIGHT);
	collector_set_cgroups(c, false);
	snapshot_init(&s);
	for (int i = 0; i < 3; i++)
		collector_sample(c, &s, clock_mono_ms());
	t0 = bench_cpu_us(RUSAGE_SELF);
	for (int i = 0; i < n; i++)
		collector_sample(c, &s, clock_mono_ms());
	t0 = (bench_cpu_us(RUSAGE_SELF) - t0) / n;
	snapshot_fini(&s);
	collector_free(c);
	return t0;
}

/* Part 1 (see the top). */
static int
bench_live(size_t n, const char *bin, const char *db)
{
	double snap, cpu10, cpu60, per;
	long rss10, rss60;

	if (spawn_sleepers(n) < n) {
		reap_sleepers();
		fprintf(stderr, "record_bench: could not start %zu sleepers\n",
		        n);
		return -1;
	}
	usleep(200000);
	snap = snapshot_cost(50);
	if (snap < 0 || run_recorder(bin, db, 10, &cpu10, &rss10) < 0 ||
	    run_recorder(bin, db, 60, &cpu60, &rss60) < 0) {
		reap_sleepers();
		fprintf(stderr, "record_bench: the recorder failed\n");
		return -1;
	}
	reap_sleepers();
	db_remove(db);
	per = (cpu60 - cpu10) / 50;
	printf("  %zu processes: snapshot alone %.2f ms/sample, recorder "
	       "%.2f ms/sample (%.2fx the snapshot)\n",
	       n, snap / 1000, per / 1000, per / snap);
	printf("  at -d 10: %.3f%% of one core (budget 0.5%%); recorder peak "
	       "RSS %.1f MB (budget 10 MB)\n",
	       per / 1e5, (double)rss60 / 1024);
	return 0;
}

/* A synthetic snapshot of DAY_PROCS processes, each over 1 MB. */
static void
day_snapshot(struct snapshot *s)
{
	char cmd[96];
	struct proc_row r;

	snapshot_init(s);
	for (int i = 0; i < DAY_PROCS; i++) {
		memset(&r, 0, sizeof r);
		r.pid = 1000 + i;
		r.start_time = 4242;
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

/* Write the simulated day into db: CPU us per sample. */
static double
day_write(struct recdb *db, struct snapshot *s)
{
	struct recsel *sel = recsel_new();
	struct recsel_pick pick = {0};
	struct recdb_sample out;
	struct recdb_limits lim = {.retain_ms = 7 * 86400000LL};
	char err[512];
	double t0 = bench_cpu_us(RUSAGE_SELF);
	bool more, down[DAY_PROCS] = {false};

	for (int k = 0; k < DAY_SAMPLES; k++) {
		for (int j = 0; j < DAY_CHANGING; j++) {
			struct proc_row *r =
			    &s->procs[(k * DAY_CHANGING + j) % DAY_PROCS];
			size_t i = (size_t)(r - s->procs);

			/* up 2%, then back down: moving, but bounded */
			r->rss_kb = r->anon_kb =
			    down[i] ? r->rss_kb * 50 / 51
			            : r->rss_kb + r->rss_kb / 50;
			down[i] = !down[i];
		}
		s->time_unix_ms = T0_MS + (int64_t)k * 10000;
		s->vmstat.pgmajfault += 7;
		s->psi.some.total_us += 1000;
		recsel_pick(sel, s, (int64_t)k * 10000, &pick);
		record_sample_build(s, &pick, false, &out);
		if (recdb_write(db, &out, err, sizeof err) != RECDB_OK ||
		    recdb_maintain(db, s->time_unix_ms, &lim, &more, err,
		                   sizeof err) != RECDB_OK)
			fprintf(stderr, "record_bench: %s\n", err);
		recdb_sample_clear(&out);
	}
	recsel_pick_fini(&pick);
	recsel_free(sel);
	return (bench_cpu_us(RUSAGE_SELF) - t0) / DAY_SAMPLES;
}

/* Part 2 (see the top). */
static int
bench_day(const char *path)
{
	struct snapshot s;
	enum recdb_status st;
	char err[512];
	struct recdb *db;
	struct stat sb;
	double per;

	db_remove(path);
	db = recdb_open(path, "bench", &st, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "record_bench: %s\n", err);
		return -1;
	}
	day_snapshot(&s);
	per = day_write(db, &s);
	recdb_close(db);
	snapshot_fini(&s);
	if (stat(path, &sb) != 0)
		return -1;
	printf("  a simulated day (%d samples, %d processes, %d changing "
	       "per sample): database %.1f MB (budget 25 MB), "
	       "selection + write %.2f ms/sample\n",
	       DAY_SAMPLES, DAY_PROCS, DAY_CHANGING,
	       (double)sb.st_size / 1048576, per / 1000);
	db_remove(path);
	return 0;
}

int
main(int argc, char **argv)
{
	char live[4096], day[4096];
	size_t n;

	if (argc != 4) {
		fprintf(stderr, "usage: record_bench N OOMWATCH_BIN DIR\n");
		return 2;
	}
	n = (size_t)strtoul(argv[1], NULL, 10);
	snprintf(live, sizeof live, "%s/live.db", argv[3]);
	snprintf(day, sizeof day, "%s/day.db", argv[3]);
	printf("== record: the recorder (issue 13)\n");
	if (n > 0 && bench_live(n, argv[2], live) < 0)
		printf("  live part failed\n");
	if (bench_day(day) < 0)
		printf("  simulated day failed\n");
	return 0;
}
