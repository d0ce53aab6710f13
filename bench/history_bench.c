/*
 * history_bench: what the trend history costs (issue 10, "Performance and
 * memory"). For each process count N:
 *   1. feed one model N processes for two simulated days: each 1,430
 *      minutes of one refresh a minute, then its last 10 minutes at the
 *      default refresh (1 s), so both tiers are full (1,440 minute points,
 *      600 refresh points) and, on the second day, sliding. Values: 80% flat (a
 * few pages of jitter now and then), 10% rising (4 kB to 400 kB a minute, with
 * noise), 10% sawtooth (periods of 5 to 60 minutes, uneven rises); 5% hold some
 * swap; anon is RSS less a constant share of file pages. The system series too.
 *   2. print, after each day, the history's heap bytes (hist_bytes) and the
 *      growth of this process's RSS, against the targets: at most 3 MB at
 *      1,000 processes and 12 MB at 10,000 (other counts: the 10,000 one).
 *   3. print the CPU of one refresh (hist_begin, N puts, hist_end) in the
 *      second day's 1 s phase, per refresh and per process.
 *   4. read every process's minute tier and classify it (model/trend.c):
 *      the CPU for all, and the verdicts.
 * Usage: history_bench [N...]   (default 1000 10000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "model/history.h"
#include "model/trend.h"

#define MINUTES 1430u
#define FINE_REFRESHES 600u
#define DELAY_MS 1000u
#define MONO0_MS 1000000ull
#define WALL0_MS 1700000000000ll

/* A hash of (a, b): the per-process parameters and the noise. */
static uint32_t
mix(uint32_t a, uint32_t b)
{
	uint32_t h = a * 0x9e3779b1u ^ (b + 0x7f4a7c15u) * 0x85ebca6bu;

	h ^= h >> 15;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 13);
}

/* Process p's values at t_s seconds into the day (refresh r). */
static void
values(uint32_t p, uint64_t t_s, uint32_t r, int64_t v[HIST_PROC_LANES])
{
	uint32_t h = mix(p, 0), kind = p % 10;
	int64_t base = 4 * (int64_t)(256 + h % 50000),
	        minute = (int64_t)t_s / 60;

	if (kind == 0) /* rising: 4 to 400 kB a minute, a few pages of noise */
		v[0] = base + (int64_t)t_s * 4 * (1 + (h >> 8) % 100) / 60 +
		       4 * (int64_t)(mix(p, r) % 8);
	else if (kind == 1) /* sawtooth: 5 to 60 minute periods, uneven */
		v[0] = base +
		       (minute % (5 + (h >> 8) % 56)) * 4 *
		           (1 + (int64_t)((h >> 16) % 256)) +
		       4 * (int64_t)(mix(p, (uint32_t)minute) % 16);
	else /* flat, with a page or two now and then */
		v[0] = base + 4 * (int64_t)(mix(p, r / 50) % 3 == 0);
	v[1] = (h >> 4) % 20 == 0 ? 4 * (int64_t)(h % 1000) : 0;
	v[2] = v[0] - 4 * (int64_t)(h % 2000); /* anon: RSS less file pages */
}

/* Record one refresh of n processes at t_s seconds (refresh r). */
static void
refresh(struct hist *h, uint32_t n, uint64_t t_s, uint32_t r)
{
	int64_t v[HIST_PROC_LANES], s[HIST_SYS_LANES] = {0};
	uint32_t p;

	hist_begin(h, MONO0_MS + t_s * 1000, WALL0_MS + (int64_t)t_s * 1000);
	for (p = 0; p < n; p++) {
		values(p, t_s, r, v);
		if (hist_put_proc(h, (struct procid){(int32_t)p + 100, p}, v) !=
		    0) {
			fprintf(stderr, "hist_put_proc: out of memory\n");
			exit(1);
		}
	}
	s[HIST_MEMAVAIL_KB] = 8000000 - (int64_t)(t_s / 60) * 100;
	s[HIST_COMMITTED_KB] = 5000000 + (int64_t)(r % 7) * 4;
	s[HIST_PSI_SOME_X100] = (int64_t)(r % 13 == 0) * 25;
	hist_put_sys(h, s);
	hist_end(h);
}

/* Classify every process's minute tier; print the CPU and verdicts. */
static void
classify_all(const struct hist *h, uint32_t n)
{
	static struct hist_point pts[HIST_MINUTE_SPAN];
	unsigned counts[TREND_VERDICTS] = {0};
	struct trend t;
	double c0 = bench_cpu_now(), cpu;
	size_t k;
	uint32_t p;

	for (p = 0; p < n; p++) {
		k = hist_read_proc(h, (struct procid){(int32_t)p + 100, p},
		                   HIST_MINUTE, HIST_RSS_KB, pts,
		                   HIST_MINUTE_SPAN);
		trend_classify(pts, k, &t);
		counts[t.verdict]++;
	}
	cpu = bench_cpu_now() - c0;
	printf("trend: read + classify %u minute tiers: %.1f ms (%.1f us "
	       "each); rising %u, sawtooth %u, flat %u, step %u, learning "
	       "%u (the feed: %u rising, %u sawtooth, %u flat)\n",
	       n, cpu * 1e3, cpu * 1e6 / n, counts[TREND_RISING],
	       counts[TREND_SAWTOOTH], counts[TREND_FLAT], counts[TREND_STEP],
	       counts[TREND_LEARNING], (n + 9) / 10, (n + 8) / 10,
	       n - (n + 9) / 10 - (n + 8) / 10);
}

/* Print the history's memory against the target for n processes. */
static void
report_memory(const struct hist *h, uint32_t n, long rss0, const char *when)
{
	double target_mb = n <= 1000 ? 3.0 : 12.0;
	double mb = (double)hist_bytes(h) / (1024.0 * 1024.0);

	printf("memory %s: history %.2f MB (target <= %.0f MB: %s), %.0f "
	       "bytes a process; RSS growth %.2f MB\n",
	       when, mb, target_mb, mb <= target_mb ? "ok" : "OVER",
	       (double)hist_bytes(h) / n,
	       (double)(bench_rss_kb() - rss0) / 1024.0);
}

/* Feed h one day: MINUTES minutes, then FINE_REFRESHES at DELAY_MS
 * (from day start_s on); the CPU of one refresh of the second phase. */
static double
feed_day(struct hist *h, uint32_t n, uint64_t start_s, uint32_t *r)
{
	double c0;
	uint32_t i;

	for (i = 0; i < MINUTES; i++, (*r)++)
		refresh(h, n, start_s + (uint64_t)i * 60, *r);
	c0 = bench_cpu_now();
	for (i = 0; i < FINE_REFRESHES; i++, (*r)++)
		refresh(h, n,
		        start_s + (uint64_t)MINUTES * 60 + i * DELAY_MS / 1000,
		        *r);
	return (bench_cpu_now() - c0) / FINE_REFRESHES;
}

/* The whole bench for n processes. */
static void
bench(uint32_t n)
{
	long rss0 = bench_rss_kb();
	struct hist *h = hist_new(DELAY_MS, 0);
	uint32_t r = 0;
	double cpu;

	if (h == NULL) {
		fprintf(stderr, "hist_new failed\n");
		exit(1);
	}
	printf("== history: %u processes, a day of %u minutes (one refresh a "
	       "minute) then %u refreshes at %u ms, twice\n",
	       n, MINUTES, FINE_REFRESHES, DELAY_MS);
	feed_day(h, n, 0, &r);
	report_memory(h, n, rss0, "after the first day");
	cpu = feed_day(h, n, 86400, &r);
	report_memory(h, n, rss0, "in the second (tiers full, sliding)");
	printf("refresh CPU: %.1f us per refresh (%.0f ns per process), "
	       "steady state at %u ms\n",
	       cpu * 1e6, cpu * 1e9 / n, DELAY_MS);
	classify_all(h, n);
	hist_free(h);
}

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		bench(1000);
		printf("\n");
		bench(10000);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		bench((uint32_t)strtoul(argv[i], NULL, 10));
		if (i + 1 < argc)
			printf("\n");
	}
	return 0;
}
