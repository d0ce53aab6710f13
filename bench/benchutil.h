/*
 * benchutil: small measurements the benchmarks share (header only: each
 * file in bench/ is its own program).
 */
#ifndef OOMWATCH_BENCH_BENCHUTIL_H
#define OOMWATCH_BENCH_BENCHUTIL_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The monotonic clock in milliseconds, as a double. */
static inline double
bench_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Compare two doubles (qsort). */
static inline int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of v[0..n-1] (n > 0; sorts v); its maximum into *max. */
static inline double
bench_median_max(double *v, int n, double *max)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	*max = v[n - 1];
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* CPU time of this thread, in seconds. */
static inline double
bench_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident set size in KiB (from /proc/self/statm), or -1. */
static inline long
bench_rss_kb(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* User + system CPU of ru, in microseconds. */
static inline double
bench_ru_us(const struct rusage *ru)
{
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1e6 +
	       (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec);
}

/* CPU time in microseconds of this process (RUSAGE_SELF, all threads) or
 * of the calling thread (RUSAGE_THREAD). */
static inline double
bench_cpu_us(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return bench_ru_us(&ru);
}

/* Fork one sleeper named name (NULL: keep ours) that dies with parent:
 * its pid, or -1. The child never returns. */
static inline pid_t
bench_sleeper(pid_t parent, const char *name)
{
	pid_t p = fork();

	if (p != 0)
		return p;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	if (name != NULL)
		prctl(PR_SET_NAME, name);
	for (;;)
		pause();
}

/* Start n sleepers named name (NULL: ours) into a new *kids array (free
 * it after bench_reap); how many started. */
static inline size_t
bench_spawn(pid_t **kids, size_t n, const char *name)
{
	pid_t parent = getpid(), p;
	size_t k;

	*kids = calloc(n, sizeof **kids);
	for (k = 0; *kids != NULL && k < n; k++) {
		p = bench_sleeper(parent, name);
		if (p < 0)
			break;
		(*kids)[k] = p;
	}
	return k;
}

/* Kill and reap the n sleepers in kids. */
static inline void
bench_reap(const pid_t *kids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (size_t i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
}

#endif
