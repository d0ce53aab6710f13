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
 * 2. A simulated day (benchday.h: 8,640 samples 10 s apart of 1,000
 *    processes of which 100 move by 2% every sample, written as the
 *    recorder writes them): the database's size after the day, and the
 *    CPU per sample of selection and writing.
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

#include "benchday.h"
#include "benchutil.h"
#include "collect/collector.h"
#include "core/clock.h"
#include "persist/recdb.h"

extern char **environ;

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
	benchday_snapshot(&s, NULL, NULL);
	per = benchday_write(db, &s, T0_MS);
	recdb_close(db);
	snapshot_fini(&s);
	if (stat(path, &sb) != 0)
		return -1;
	printf("  a simulated day (%d samples, %d processes, %d changing "
	       "per sample): database %.1f MB (budget 25 MB), "
	       "selection + write %.2f ms/sample\n",
	       BENCHDAY_SAMPLES, BENCHDAY_PROCS, BENCHDAY_CHANGING,
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
