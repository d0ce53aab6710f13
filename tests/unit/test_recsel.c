/* Unit tests for model/recsel.c: which process rows the recorder stores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/recsel.h"

/* Add a row: pid, start time, oom_score, RSS and swap in kB. */
static struct proc_row *
add(struct snapshot *s, int32_t pid, uint64_t start, int64_t oom, int64_t rss,
    int64_t swap)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.start_time = start;
	r.state = 'S';
	r.oom_score = oom;
	r.rss_kb = rss;
	r.swap_kb = swap;
	snprintf(r.comm, sizeof r.comm, "p%d", (int)pid);
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	assert_int_equal(snapshot_push_proc(s, &r), 0);
	return &s->procs[s->nprocs - 1];
}

/* True when pick's rows contain index i. */
static bool
has(const size_t *a, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (a[k] == i)
			return true;
	return false;
}

/* 1%: more than one part in a hundred, any move from zero or unknown. */
static void
test_moved(void **state)
{
	(void)state;
	assert_false(recsel_moved(1000, 1010));
	assert_true(recsel_moved(1000, 1011));
	assert_false(recsel_moved(1000, 990));
	assert_true(recsel_moved(1000, 989));
	assert_true(recsel_moved(0, 1));
	assert_false(recsel_moved(0, 0));
	assert_true(recsel_moved(SNAP_NA, 5));
	assert_true(recsel_moved(5, SNAP_NA));
	assert_false(recsel_moved(SNAP_NA, SNAP_NA));
	assert_false(recsel_moved(150, 151)); /* 0.67% */
}

/* Big processes and the top 200 by oom_score; kernel threads never. */
static void
test_eligible(void **state)
{
	struct snapshot s;
	struct recsel *rs = recsel_new();
	struct recsel_pick p = {0};

	(void)state;
	snapshot_init(&s);
	/* 300 small processes with scores 1..300, one big one at score 0 */
	for (int i = 0; i < 300; i++)
		add(&s, 100 + i, 7, 1 + i, 100, 0);
	add(&s, 50, 7, 0, 1000, 24); /* 1 MB of RSS + swap */
	add(&s, 51, 7, 0, 1000, 23)->oom_score = SNAP_NA; /* just under */
	add(&s, 2, 7, 999, 5000, 0)->kthread = true;
	assert_int_equal(recsel_pick(rs, &s, 0, &p), 0);
	assert_int_equal(p.nrows, 0); /* all first seen */
	assert_int_equal(recsel_pick(rs, &s, 1, &p), 0);
	assert_int_equal(p.nrows, 201);
	assert_int_equal(p.nidents, 201);
	assert_true(has(p.rows, p.nrows, 300));  /* pid 50 */
	assert_false(has(p.rows, p.nrows, 301)); /* pid 51 */
	assert_false(has(p.rows, p.nrows, 302)); /* kthread */
	assert_true(has(p.rows, p.nrows, 299));  /* score 300 */
	assert_true(has(p.rows, p.nrows, 100));  /* score 101: 200th */
	assert_false(has(p.rows, p.nrows, 99));  /* score 100: 201st */
	recsel_pick_fini(&p);
	recsel_free(rs);
	snapshot_fini(&s);
}

/* A row only on change (1%, adj any) or every 10 minutes; identity once. */
static void
test_changes(void **state)
{
	struct snapshot s;
	struct recsel *rs = recsel_new();
	struct recsel_pick p = {0};
	struct proc_row *a, *b, *c;

	(void)state;
	snapshot_init(&s);
	a = add(&s, 10, 1, 5, 100000, 0);
	b = add(&s, 11, 1, 5, 100000, 0);
	c = add(&s, 12, 1, 5, 100000, 2000);
	assert_int_equal(recsel_pick(rs, &s, 0, &p), 0);
	assert_int_equal(p.nrows, 0);
	assert_int_equal(recsel_pick(rs, &s, 1000, &p), 0);
	assert_int_equal(p.nrows, 3);
	assert_int_equal(p.nidents, 3);
	/* nothing moved: nothing stored */
	assert_int_equal(recsel_pick(rs, &s, 2000, &p), 0);
	assert_int_equal(p.nrows, 0);
	/* 1% is not enough, more is; adj any change; swap too */
	a->rss_kb = 101000;
	b->oom_score_adj = 1;
	c->swap_kb = 2021;
	assert_int_equal(recsel_pick(rs, &s, 3000, &p), 0);
	assert_int_equal(p.nrows, 2);
	assert_int_equal(p.nidents, 0);
	assert_true(has(p.rows, p.nrows, 1));
	assert_true(has(p.rows, p.nrows, 2));
	/* small moves add up against the last stored value */
	a->rss_kb = 101001;
	assert_int_equal(recsel_pick(rs, &s, 4000, &p), 0);
	assert_int_equal(p.nrows, 1);
	assert_true(has(p.rows, p.nrows, 0));
	/* ten minutes after its last row, a quiet process is stored again */
	assert_int_equal(recsel_pick(rs, &s, 3000 + RECSEL_REFRESH_MS - 1, &p),
	                 0);
	assert_int_equal(p.nrows, 0);
	assert_int_equal(recsel_pick(rs, &s, 3000 + RECSEL_REFRESH_MS, &p), 0);
	assert_int_equal(p.nrows, 2); /* b and c, stored at 3000 */
	assert_int_equal(recsel_pick(rs, &s, 4000 + RECSEL_REFRESH_MS, &p), 0);
	assert_int_equal(p.nrows, 1); /* a, stored at 4000 */
	assert_int_equal(p.rows[0], 0);
	/* pid reused by a new process: a new identity, from its second */
	b->start_time = 99;
	assert_int_equal(recsel_pick(rs, &s, 5000 + RECSEL_REFRESH_MS, &p), 0);
	assert_int_equal(p.nrows, 0);
	assert_int_equal(recsel_pick(rs, &s, 6000 + RECSEL_REFRESH_MS, &p), 0);
	assert_int_equal(p.nrows, 1);
	assert_int_equal(p.nidents, 1);
	assert_int_equal(p.idents[0], 1);
	recsel_pick_fini(&p);
	recsel_free(rs);
	snapshot_fini(&s);
}

/* A process that left is forgotten: back on the same pid, it is new. */
static void
test_forget(void **state)
{
	struct snapshot s;
	struct recsel *rs = recsel_new();
	struct recsel_pick p = {0};

	(void)state;
	snapshot_init(&s);
	add(&s, 10, 1, 5, 100000, 0);
	assert_int_equal(recsel_pick(rs, &s, 0, &p), 0);
	assert_int_equal(recsel_pick(rs, &s, 1, &p), 0);
	assert_int_equal(p.nidents, 1); /* 10, stored */
	snapshot_reset(&s);
	add(&s, 11, 1, 5, 100000, 0);
	assert_int_equal(recsel_pick(rs, &s, 2, &p), 0);
	assert_int_equal(p.nidents, 0); /* 11 first seen */
	snapshot_reset(&s);
	add(&s, 10, 1, 5, 100000, 0);
	add(&s, 11, 1, 5, 100000, 0);
	assert_int_equal(recsel_pick(rs, &s, 3, &p), 0);
	assert_int_equal(p.nrows, 1); /* 11; 10 is new again */
	assert_int_equal(p.nidents, 1);
	assert_int_equal(p.idents[0], 1);
	assert_int_equal(recsel_pick(rs, &s, 4, &p), 0);
	assert_int_equal(p.nidents, 1);
	assert_int_equal(p.idents[0], 0);
	recsel_pick_fini(&p);
	recsel_free(rs);
	snapshot_fini(&s);
}

/* Identity strings: sanitized, NULs as spaces, none with --no-cmdline. */
static void
test_ident(void **state)
{
	struct snapshot s;
	struct recsel_ident id;
	struct proc_row *r;
	static const char cmd[] = "sh\0-c\0echo \033[31m\0";

	(void)state;
	snapshot_init(&s);
	r = add(&s, 10, 1, 5, 100, 0);
	snprintf(r->comm, sizeof r->comm, "a\tb");
	assert_int_equal(
	    snapshot_str_append(&s, cmd, sizeof cmd - 1, &r->cmdline_off), 0);
	r->cmdline_len = sizeof cmd - 1;
	recsel_ident(&s, 0, false, &id);
	assert_string_equal(id.comm, "a\\x09b");
	assert_true(id.has_cmdline);
	assert_string_equal(id.cmdline, "sh -c echo \\x1b[31m");
	assert_false(id.has_cgroup);
	recsel_ident(&s, 0, true, &id);
	assert_false(id.has_cmdline);
	assert_string_equal(id.cmdline, "");
	snapshot_fini(&s);
}

/* A build's worth of one-sample processes with 4 kB command lines
 * stores nothing; one seen twice is stored once, its command line cut. */
static void
test_short_lived(void **state)
{
	struct snapshot s;
	struct recsel *rs = recsel_new();
	struct recsel_pick p = {0};
	struct recsel_ident id;
	struct proc_row *r;
	char cmd[4096];
	size_t rows = 0, idents = 0;
	int32_t pid = 1000;

	(void)state;
	memset(cmd, 'x', sizeof cmd);
	snapshot_init(&s);
	for (int k = 0; k < 100; k++) {
		snapshot_reset(&s);
		add(&s, 1, 1, 5, 100000, 0); /* long-lived */
		for (int j = 0; j < 50; j++, pid++) {
			r = add(&s, pid, (uint64_t)pid, 5, 8000, 0);
			assert_int_equal(snapshot_str_append(&s, cmd,
			                                     sizeof cmd,
			                                     &r->cmdline_off),
			                 0);
			r->cmdline_len = sizeof cmd;
		}
		assert_int_equal(recsel_pick(rs, &s, k * 1000, &p), 0);
		rows += p.nrows;
		idents += p.nidents;
	}
	assert_int_equal(idents, 1); /* the long-lived one only */
	assert_int_equal(rows, 1);   /* ...which did not move */
	/* the last sample's 50, seen again: stored now */
	assert_int_equal(recsel_pick(rs, &s, 100000, &p), 0);
	assert_int_equal(p.nidents, 50);
	recsel_ident(&s, p.idents[0], false, &id);
	assert_int_equal(strlen(id.cmdline), RECSEL_CMDLINE_MAX - 1);
	recsel_pick_fini(&p);
	recsel_free(rs);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moved),   cmocka_unit_test(test_eligible),
	    cmocka_unit_test(test_changes), cmocka_unit_test(test_forget),
	    cmocka_unit_test(test_ident),   cmocka_unit_test(test_short_lived),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
