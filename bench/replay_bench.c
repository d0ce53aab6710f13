/*
 * replay_bench: what one cursor move of `oomwatch --replay` costs on the
 * simulated day of benchday.h (BENCHDAY_PROCS processes, one sample every
 * BENCHDAY_STEP_MS, BENCHDAY_CHANGING moving every sample).
 *
 *   replay_bench DIR [STEPS]
 *
 * Writes DIR/history.db (the day, under a made-up boot id; one already
 * there is timed as it is), opens it as
 * `oomwatch --replay --db DIR/history.db` does (app/replay.h) and times,
 * as the loop does after a key (replay_sample, then the cursor's sample
 * into the history), STEPS moves of each kind from a cursor 3 h before
 * the newest sample: t (next sample), T (previous), + (a minute on),
 * - (a minute back) and a jump of 3 hours (as } or { between events far
 * apart), alternating back and forth. Each kind runs twice in the same
 * process: with the replay's past cache (what the dashboard does) and
 * with a full reload of the past each step (the reference, what it did
 * before), and prints the median and the maximum ms per step of both and
 * their ratio. Wall-clock ms: the screen waits that long.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/options.h"
#include "app/replay.h"
#include "benchday.h"
#include "benchutil.h"
#include "persist/recload.h"

#define REPLAY_BENCH_MAX_STEPS 200
#define REPLAY_BENCH_BOOT "replay-bench-boot"
#define REPLAY_BENCH_JUMP_MS (3LL * 3600 * 1000)

/* The kinds of move timed. */
enum replay_bench_kind { RB_T, RB_BIG_T, RB_PLUS, RB_MINUS, RB_JUMP, RB_KINDS };

/* Their names, as the keys. */
static const char *const replay_bench_names[RB_KINDS] = {
    "t (next sample)", "T (previous)", "+ (a minute on)", "- (a minute back)",
    "jump of 3 h"};

/* Write the simulated day into path, ending now; 0 or -1. */
static int
replay_bench_make_db(const char *path)
{
	char err[512];
	enum recdb_status st;
	struct snapshot s;
	struct recdb *db =
	    recdb_open(path, REPLAY_BENCH_BOOT, &st, err, sizeof err);
	double t0 = bench_mono_ms();

	if (db == NULL) {
		fprintf(stderr, "replay_bench: %s\n", err);
		return -1;
	}
	benchday_snapshot(&s, NULL, NULL);
	(void)benchday_write(db, &s,
	                     (int64_t)time(NULL) * 1000 -
	                         (BENCHDAY_SAMPLES - 1) * BENCHDAY_STEP_MS);
	recdb_close(db);
	snapshot_fini(&s);
	printf("  database: %d samples of %d processes, %d changing per "
	       "sample, written in %.1f s\n",
	       BENCHDAY_SAMPLES, BENCHDAY_PROCS, BENCHDAY_CHANGING,
	       (bench_mono_ms() - t0) / 1000);
	return 0;
}

/* The cursor after a move of kind k from cur (step: the move's number,
 * its parity the direction of a jump). */
static size_t
replay_bench_next(const struct replay *rp, enum replay_bench_kind k, size_t cur,
                  int step)
{
	switch (k) {
	case RB_T:
		return cur + 1;
	case RB_BIG_T:
		return cur - 1;
	case RB_PLUS:
		return recreplay_step(rp->rr, cur, 60000);
	case RB_MINUS:
		return recreplay_step(rp->rr, cur, -60000);
	default:
		return recreplay_step(rp->rr, cur,
		                      step % 2 ? REPLAY_BENCH_JUMP_MS
		                               : -REPLAY_BENCH_JUMP_MS);
	}
}

/* One sample as the loop takes it: ms, or -1 when it failed. */
static double
replay_bench_sample(struct ui *ui)
{
	double t0 = bench_mono_ms();

	if (replay_sample(ui) != 0)
		return -1;
	(void)histsnap_record(&ui->hist, &ui->snap);
	return bench_mono_ms() - t0;
}

/* Time steps moves of kind k from start (fresh: reload the past each
 * step) into ms; 0 or -1. */
static int
replay_bench_kind(struct ui *ui, enum replay_bench_kind k, size_t start,
                  bool fresh, int steps, double *ms)
{
	struct replay *rp = ui->replay;

	rp->cur = start;
	rp->past_fresh = fresh;
	if (replay_bench_sample(ui) < 0) /* the start, not timed */
		return -1;
	for (int i = 0; i < steps; i++) {
		rp->cur = replay_bench_next(rp, k, rp->cur, i);
		if ((ms[i] = replay_bench_sample(ui)) < 0)
			return -1;
	}
	return 0;
}

/* The past alone at the cursor of rp (fresh: recload_run, else the
 * cursor c): ms, or -1; the past's bytes into *bytes. */
static double
replay_bench_past(struct replay *rp, struct recload_cursor *c, bool fresh,
                  size_t *bytes)
{
	int64_t t = recreplay_sample(rp->rr, rp->cur)->time_ms;
	char boot[128];
	struct recload_req rq = {.path = rp->path,
	                         .boot_id = boot,
	                         .now_wall_ms = t,
	                         .now_mono_ms = (uint64_t)t,
	                         .span_ms = RECLOAD_SPAN_MS,
	                         .cap_bytes = REPLAY_PAST_CAP_BYTES,
	                         .busy_ms = 1000};
	struct recload res;
	struct hist *past = NULL;
	double t0 = bench_mono_ms();

	if (recreplay_boot_id(rp->rr, rp->cur, boot, sizeof boot) != 0)
		return -1;
	if (fresh && recload_run(&rq, &res) == RECLOAD_OK)
		past = res.past;
	else if (!fresh)
		(void)recload_cursor_past(c, boot, t, &past, &res);
	t0 = bench_mono_ms() - t0;
	*bytes = past != NULL ? hist_bytes(past) : 0;
	hist_free(past);
	return past != NULL ? t0 : -1;
}

/* The same moves as replay_bench_kind, timing the past alone. */
static int
replay_bench_kind_past(struct replay *rp, enum replay_bench_kind k,
                       size_t start, bool fresh, int steps, double *ms,
                       size_t *bytes)
{
	struct recload_cursor *c =
	    recload_cursor_new(rp->path, REPLAY_PAST_CAP_BYTES, 1000);
	int rc = c != NULL ? 0 : -1;

	rp->cur = start;
	if (rc == 0 && replay_bench_past(rp, c, fresh, bytes) < 0)
		rc = -1;
	for (int i = 0; rc == 0 && i < steps; i++) {
		rp->cur = replay_bench_next(rp, k, rp->cur, i);
		if ((ms[i] = replay_bench_past(rp, c, fresh, bytes)) < 0)
			rc = -1;
	}
	recload_cursor_free(c);
	return rc;
}

/* Print one line: the medians and maxima of cached and fresh, their
 * ratio. */
static void
replay_bench_line(const char *what, double *cached, double *fresh, int steps)
{
	double mc, xc, mf, xf;

	mc = bench_median_max(cached, steps, &xc);
	mf = bench_median_max(fresh, steps, &xf);
	printf("  %-18s cached %6.1f / %6.1f   full reload %6.1f / %6.1f   "
	       "ratio %.3f\n",
	       what, mc, xc, mf, xf, mc / mf);
	fflush(stdout);
}

/* Time every kind both ways, the step and the past alone, and print
 * them; 0 or -1. */
static int
replay_bench_measure(struct ui *ui, int steps)
{
	static double cached[REPLAY_BENCH_MAX_STEPS],
	    fresh[REPLAY_BENCH_MAX_STEPS];
	size_t start = recreplay_count(ui->replay->rr) -
	               (size_t)(REPLAY_BENCH_JUMP_MS / BENCHDAY_STEP_MS),
	       bytes = 0;

	printf("  ms per step (wall: the screen waits that long), median / "
	       "max of %d steps from a cursor 3 h before the end; target "
	       "under 50 ms for t, T, + and -:\n",
	       steps);
	for (int k = 0; k < RB_KINDS; k++) {
		if (replay_bench_kind(ui, k, start, false, steps, cached) !=
		        0 ||
		    replay_bench_kind(ui, k, start, true, steps, fresh) != 0)
			return -1;
		replay_bench_line(replay_bench_names[k], cached, fresh, steps);
	}
	printf("  of which the past alone (the rest is the snapshot, "
	       "events and sparklines at the cursor):\n");
	for (int k = 0; k < RB_KINDS; k++) {
		if (replay_bench_kind_past(ui->replay, k, start, false, steps,
		                           cached, &bytes) != 0 ||
		    replay_bench_kind_past(ui->replay, k, start, true, steps,
		                           fresh, &bytes) != 0)
			return -1;
		replay_bench_line(replay_bench_names[k], cached, fresh, steps);
	}
	printf("  the past holds %.1f MB (cap %u MB; the cursor keeps its "
	       "base besides, about as much)\n",
	       (double)bytes / 1048576, REPLAY_PAST_CAP_BYTES >> 20);
	return 0;
}

/* Write the day, open the replay, time the moves. */
int
main(int argc, char **argv)
{
	static struct ui ui;
	struct options opt;
	char db[4200], err[512];
	char *args[] = {"oomwatch", "--replay", "--db", db, NULL};
	int steps = argc > 2 ? atoi(argv[2]) : 31, rc = 1;

	if (argc < 2 || steps < 2 || steps > REPLAY_BENCH_MAX_STEPS) {
		fprintf(stderr, "usage: replay_bench DIR [STEPS]\n");
		return 2;
	}
	snprintf(db, sizeof db, "%s/history.db", argv[1]);
	printf("== replay: one cursor move of --replay on a day of %d "
	       "processes (issue 13)\n",
	       BENCHDAY_PROCS);
	fflush(stdout);
	if (access(db, R_OK) == 0)
		printf("  database: %s is there already: timing it\n", db);
	else if (replay_bench_make_db(db) != 0)
		return 1;
	if (options_parse(&opt, 4, args, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "replay_bench: %s\n", err);
		return 1;
	}
	ui.opt = &opt;
	snapshot_init(&ui.snap);
	if (replay_start(&ui, err, sizeof err) != 0)
		fprintf(stderr, "replay_bench: %s\n", err);
	else if (replay_bench_measure(&ui, steps) != 0)
		fprintf(stderr, "replay_bench: a step failed: %s\n",
		        ui.status.text);
	else
		rc = 0;
	replay_stop(&ui);
	histsnap_fini(&ui.hist);
	snapshot_fini(&ui.snap);
	return rc;
}
