/* Unit tests for recreplay_window (persist/recreplay.c,
 * persist/recreplay_win.c) against a history database written by
 * persist/recdb.c: each sample of the window holds exactly the processes
 * and values recreplay_snapshot gives at that sample (rows carried,
 * the 11-minute liveness, recorded ends, one boot), and fed to the
 * history they give a process younger than TREND_MIN_SAMPLES minutes a
 * verdict from its first recorded row on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/histsnap.h"
#include "persist/recdb.h"
#include "persist/recreplay.h"

#include "dbfix.h"
#include "recfix.h"

#define SEC_MS 1000LL
#define T0 1800000000000LL /* 2027-01-15 08:00:00 UTC */
#define N 80               /* boot-a: samples 0..79, 10 s apart */
#define SPAN_MS (600 * SEC_MS)

/* The fixture's identities (uid 0) and rows (swap 3 kB, score 500). */
#define ident(pid, comm) recfix_ident(pid, 0, comm, NULL, NULL)
#define row(pid, rss_kb) recfix_row(pid, rss_kb, 3, 500, 0)

/* Boot-a's sample i: "grow" (600) from sample 30 on, a row each sample,
 * 1000 kB more each; "sparse" (601) one row at 0 (alive up to sample
 * 66); "ends" (602) rows at 0 and 40, ended at 50. */
static void
sample_a(struct recdb_sample *s, int i)
{
	s->rows = calloc(3, sizeof *s->rows);
	s->idents = calloc(3, sizeof *s->idents);
	if (i == 0) {
		s->idents[s->nidents++] = ident(601, "sparse");
		s->idents[s->nidents++] = ident(602, "ends");
		s->rows[s->nrows++] = row(601, 5000);
	}
	if (i == 30)
		s->idents[s->nidents++] = ident(600, "grow");
	if (i >= 30)
		s->rows[s->nrows++] = row(600, 10000 + (i - 30) * 1000);
	if (i == 0 || i == 40)
		s->rows[s->nrows++] = row(602, 7000 + i);
	if (i == 50) {
		s->ends = calloc(1, sizeof *s->ends);
		s->ends[s->nends++] =
		    (struct recdb_end){.pid = 602, .start_time = 7};
	}
}

/* Sample i of boot-a (arg NULL) or boot-b (one process, 900); a
 * recfix_fill_fn. */
static void
fill_boot(struct recdb_sample *s, int i, void *arg)
{
	recfix_mem(s, i);
	if (arg == NULL) {
		sample_a(s, i);
		return;
	}
	s->rows = calloc(1, sizeof *s->rows);
	s->idents = calloc(1, sizeof *s->idents);
	if (i == 0)
		s->idents[s->nidents++] = ident(900, "b");
	s->rows[s->nrows++] = row(900, 1000);
}

/* Write boot boot_id's samples [0, n) at t0, 10 s apart (boot-b: one
 * process, 900). */
static void
write_boot(const char *path, const char *boot_id, int n, int64_t t0)
{
	bool a = strcmp(boot_id, "boot-a") == 0;

	assert_int_equal(recfix_write(path, boot_id, 0, n, t0, 10 * SEC_MS,
	                              fill_boot, a ? NULL : (void *)boot_id),
	                 0);
}

/* What the window gave: the samples' snapshots, copied. */
struct got {
	struct snapshot snap[N];
	size_t n;
	struct histsnap *hs; /* also recorded here when not NULL */
};

/* Keep one window sample (a recreplay_snap_fn). */
static void
keep(const struct snapshot *s, void *arg)
{
	struct got *g = arg;
	struct snapshot *c = &g->snap[g->n++];

	snapshot_init(c);
	c->time_unix_ms = s->time_unix_ms;
	c->mono_ms = s->mono_ms;
	c->mem = s->mem;
	c->vmstat = s->vmstat;
	for (size_t i = 0; i < s->nprocs; i++)
		assert_int_equal(snapshot_push_proc(c, &s->procs[i]), 0);
	if (g->hs != NULL)
		assert_int_equal(histsnap_record(g->hs, s), 0);
}

/* Window sample w holds what recreplay_snapshot gives at sample i. */
static void
same_as_snapshot(struct recreplay *r, size_t i, const struct snapshot *w)
{
	struct snapshot s;
	const struct proc_row *p;

	snapshot_init(&s);
	assert_int_equal(recreplay_snapshot(r, i, &s), 0);
	assert_int_equal(w->time_unix_ms, s.time_unix_ms);
	assert_int_equal(w->mem.available_kb, s.mem.available_kb);
	assert_int_equal(w->vmstat.oom_kill, s.vmstat.oom_kill);
	assert_int_equal(w->nprocs, s.nprocs);
	for (size_t k = 0; k < s.nprocs; k++) {
		p = recfix_pid(w, s.procs[k].pid);
		assert_non_null(p);
		assert_int_equal(p->start_time, s.procs[k].start_time);
		assert_int_equal(p->rss_kb, s.procs[k].rss_kb);
		assert_int_equal(p->anon_kb, s.procs[k].anon_kb);
		assert_int_equal(p->swap_kb, s.procs[k].swap_kb);
	}
	snapshot_fini(&s);
}

/* Free what got holds. */
static void
got_fini(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		snapshot_fini(&g->snap[i]);
	g->n = 0;
}

/* Every window sample is the snapshot at that sample, at every cursor
 * (rows carried, a process gone after 11 minutes without a row, an ended
 * one gone at its end); a window stops at its boot's first sample. */
static void
test_window_is_the_snapshots(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	static struct got g;

	write_boot(f->path, "boot-a", N, T0);
	write_boot(f->path, "boot-b", 5, T0 + 3600 * SEC_MS);
	r = recfix_replay(f->path);
	assert_non_null(r);
	for (size_t i = 0; i < N + 5; i++) {
		assert_int_equal(recreplay_window(r, i, SPAN_MS, keep, &g), 0);
		/* the samples of the 10 min before, of the cursor's boot */
		assert_int_equal(g.n, i >= N ? i - N : i < 60 ? i : 60);
		for (size_t k = 0; k < g.n; k++)
			same_as_snapshot(r, i - g.n + k, &g.snap[k]);
		got_fini(&g);
	}
	/* the cases covered: sparse gone at 67, ends gone at 50 */
	assert_int_equal(recreplay_window(r, 79, SPAN_MS, keep, &g), 0);
	assert_non_null(recfix_pid(&g.snap[66 - 19], 601));
	assert_null(recfix_pid(&g.snap[67 - 19], 601));
	assert_non_null(recfix_pid(&g.snap[49 - 19], 602));
	assert_null(recfix_pid(&g.snap[50 - 19], 602));
	assert_int_equal(recfix_pid(&g.snap[45 - 19], 602)->rss_kb, 7040);
	assert_null(recfix_pid(&g.snap[29 - 19], 600));
	assert_int_equal(recfix_pid(&g.snap[31 - 19], 600)->rss_kb, 11000);
	got_fini(&g);
	recreplay_close(r);
}

/* The window and the cursor's sample in the history: the process that
 * appeared 8 minutes before (49 points) has a verdict, not "learning",
 * and its series starts at its first recorded row. */
static void
test_window_history(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct histsnap hs;
	struct snapshot cur;
	struct trend t;
	static struct got g;
	size_t n;

	write_boot(f->path, "boot-a", N, T0);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(histsnap_init(&hs, 10000, 0), 0);
	g.hs = &hs;
	assert_int_equal(recreplay_window(r, 78, SPAN_MS, keep, &g), 0);
	snapshot_init(&cur);
	assert_int_equal(recreplay_snapshot(r, 78, &cur), 0);
	assert_int_equal(histsnap_record(&hs, &cur), 0);
	n = histsnap_proc_trend(&hs, recfix_pid(&cur, 600), &t);
	assert_int_equal(n, 49);
	assert_int_equal(t.verdict, TREND_RISING);
	assert_int_equal(hs.pts[0].wall_ms, T0 + 300 * SEC_MS);
	assert_int_equal(hs.pts[0].value, 10000);
	assert_int_equal(hs.pts[n - 1].value, 58000);
	snapshot_fini(&cur);
	got_fini(&g);
	histsnap_fini(&hs);
	recreplay_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_window_is_the_snapshots,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_window_history, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
