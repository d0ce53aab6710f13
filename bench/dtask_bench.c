/*
 * dtask_bench N [REPS]: the cost of one walk of every thread's state
 * (collect/sysfiles.h sysfiles_update_dtasks, the System screen's D-task
 * walk) with N sleepers of our own started beside the machine's
 * processes. Prints the process count and the median CPU
 * time of one walk over REPS walks.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "collect/sysfiles.h"

/* Every process under /proc as a row (pid only: the walk reads the
 * rest); how many. */
static size_t
dtask_bench_rows(struct proc_row *rows, size_t cap)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	size_t n = 0;

	while (d != NULL && n < cap && (e = readdir(d)) != NULL) {
		long pid = strtol(e->d_name, NULL, 10);

		if (pid <= 0)
			continue;
		memset(&rows[n], 0, sizeof rows[n]);
		rows[n].pid = (int32_t)pid;
		rows[n].state = 'S';
		n++;
	}
	if (d != NULL)
		closedir(d);
	return n;
}

/* Compare two doubles (qsort). */
static int
dtask_bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Start the sleepers, time the walks, report. */
int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	int reps = argc > 2 ? atoi(argv[2]) : 9;
	static struct proc_row rows[65536];
	static struct dtasks d;
	static double ms[101];
	struct snapshot s;
	struct sysfiles *sf;
	char err[256];
	pid_t *kids;
	size_t k = bench_spawn(&kids, n, "dtbench");

	if (reps < 1 || reps > 100)
		reps = 9;
	memset(&s, 0, sizeof s);
	s.procs = rows;
	s.nprocs = dtask_bench_rows(rows, sizeof rows / sizeof rows[0]);
	sf = sysfiles_new(NULL, err, sizeof err);
	if (sf == NULL) {
		fprintf(stderr, "dtask_bench: %s\n", err);
		return 1;
	}
	dtasks_init(&d);
	for (int i = 0; i < reps; i++) {
		double t0 = bench_cpu_now();

		sysfiles_update_dtasks(sf, &d, &s);
		ms[i] = (bench_cpu_now() - t0) * 1000.0;
	}
	qsort(ms, (size_t)reps, sizeof ms[0], dtask_bench_cmp);
	printf("dtask walk: %zu processes (%zu ours), %zu in D, median %.2f "
	       "ms of CPU a walk over %d\n",
	       s.nprocs, k, d.n, ms[reps / 2], reps);
	sysfiles_free(sf);
	bench_reap(kids, k);
	free(kids);
	return 0;
}
