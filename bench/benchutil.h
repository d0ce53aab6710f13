/*
 * benchutil: small measurements the benchmarks share (header only: each
 * file in bench/ is its own program).
 */
#ifndef OOMWATCH_BENCH_BENCHUTIL_H
#define OOMWATCH_BENCH_BENCHUTIL_H

#include <stdio.h>
#include <time.h>
#include <unistd.h>

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

#endif
