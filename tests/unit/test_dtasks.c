/* Unit tests for model/dtasks.c: tasks in D and their time, across
 * synthetic sample sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/dtasks.h"

#define NROWS 8

struct fake {
	struct snapshot s;
	struct proc_row rows[NROWS];
};

/* A snapshot of processes pid 1..n with the states in states[]. */
static void
fake_set(struct fake *f, const char *states, uint64_t start_base)
{
	size_t n = strlen(states);
	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < n; i++) {
		f->rows[i].pid = (int32_t)(i + 1);
		f->rows[i].start_time = start_base + i;
		f->rows[i].state = states[i];
		snprintf(f->rows[i].comm, sizeof f->rows[i].comm, "task%d",
		         (int)(i % 8) + 1);
	}
	f->s.procs = f->rows;
	f->s.nprocs = n;
}

static size_t
find_pid(const struct dtasks *d, int32_t pid)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->item[i].id.pid == pid)
			return i;
	return SIZE_MAX;
}

static void
test_durations(void **state)
{
	static struct dtasks d;
	static struct fake f;
	size_t i;
	(void)state;
	dtasks_init(&d);
	fake_set(&f, "SDRD", 100);
	dtasks_update(&d, &f.s, 1000);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.item[0].id.pid, 2);
	assert_int_equal(d.item[1].id.pid, 4);
	assert_int_equal(dtasks_in_d_ms(&d, 0), 0);
	assert_int_equal(d.item[0].stack_err, -1);
	/* the wchan the collector wrote survives an update */
	snprintf(d.item[1].wchan, sizeof d.item[1].wchan, "do_wait");
	fake_set(&f, "DDRD", 100);
	dtasks_update(&d, &f.s, 3000);
	assert_int_equal(d.n, 3);
	i = find_pid(&d, 1);
	assert_int_equal(dtasks_in_d_ms(&d, i), 0);
	i = find_pid(&d, 2);
	assert_int_equal(dtasks_in_d_ms(&d, i), 2000);
	i = find_pid(&d, 4);
	assert_int_equal(dtasks_in_d_ms(&d, i), 2000);
	assert_string_equal(d.item[i].wchan, "do_wait");
	/* pid 2 leaves D: forgotten; back in D: starts again */
	fake_set(&f, "DSRD", 100);
	dtasks_update(&d, &f.s, 4000);
	assert_int_equal(d.n, 2);
	assert_int_equal(find_pid(&d, 2), SIZE_MAX);
	assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, 1)), 1000);
	assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, 4)), 3000);
	fake_set(&f, "DDRD", 100);
	dtasks_update(&d, &f.s, 5000);
	assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, 2)), 0);
	assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, 1)), 2000);
}

/* A reused pid (another start time) is another task. */
static void
test_identity(void **state)
{
	static struct dtasks d;
	static struct fake f;
	(void)state;
	dtasks_init(&d);
	fake_set(&f, "D", 100);
	dtasks_update(&d, &f.s, 1000);
	fake_set(&f, "D", 555);
	dtasks_update(&d, &f.s, 9000);
	assert_int_equal(d.n, 1);
	assert_int_equal(dtasks_in_d_ms(&d, 0), 0);
	assert_int_equal(d.item[0].id.start_time, 555);
	assert_string_equal(d.item[0].comm, "task1");
}

/* The snapshot's order may change between samples. */
static void
test_reorder(void **state)
{
	static struct dtasks d;
	static struct fake f;
	struct proc_row tmp;
	(void)state;
	dtasks_init(&d);
	fake_set(&f, "DDDD", 100);
	dtasks_update(&d, &f.s, 1000);
	fake_set(&f, "DDDDD", 100);
	tmp = f.rows[0];
	f.rows[0] = f.rows[4];
	f.rows[4] = tmp; /* pid 5 (new) first, pid 1 last */
	tmp = f.rows[1];
	f.rows[1] = f.rows[3];
	f.rows[3] = tmp;
	dtasks_update(&d, &f.s, 4000);
	assert_int_equal(d.n, 5);
	for (int32_t pid = 1; pid <= 4; pid++)
		assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, pid)), 3000);
	assert_int_equal(dtasks_in_d_ms(&d, find_pid(&d, 5)), 0);
	assert_int_equal(d.item[0].id.pid, 5);
}

static void
test_cap(void **state)
{
	static struct dtasks d;
	static struct snapshot s;
	static struct proc_row rows[DTASKS_MAX + 5];
	(void)state;
	dtasks_init(&d);
	for (size_t i = 0; i < DTASKS_MAX + 5; i++) {
		rows[i].pid = (int32_t)i + 1;
		rows[i].start_time = 7;
		rows[i].state = 'D';
	}
	s.procs = rows;
	s.nprocs = DTASKS_MAX + 5;
	dtasks_update(&d, &s, 1);
	assert_int_equal(d.n, DTASKS_MAX);
	assert_int_equal(d.dropped, 5);
	dtasks_update(&d, &s, 11);
	assert_int_equal(dtasks_in_d_ms(&d, DTASKS_MAX - 1), 10);
}

static void
test_levels(void **state)
{
	(void)state;
	assert_int_equal(dtasks_level(59999, 120), DTASKS_OK);
	assert_int_equal(dtasks_level(60000, 120), DTASKS_NEAR);
	assert_int_equal(dtasks_level(119999, 120), DTASKS_NEAR);
	assert_int_equal(dtasks_level(120000, 120), DTASKS_PAST);
	assert_int_equal(dtasks_level(999999, 0), DTASKS_OK);
	assert_int_equal(dtasks_level(999999, SNAP_NA), DTASKS_OK);
}

/* A walk's list: threads keyed by tid + start, with their process; the
 * time kept across updates, a removed task forgotten, the cap counted. */
static void
test_list_and_remove(void **state)
{
	static struct dtasks d;
	static struct dtasks_cand c[DTASKS_MAX + 3];
	(void)state;
	dtasks_init(&d);
	for (size_t i = 0; i < DTASKS_MAX + 3; i++) {
		c[i].id = (struct procid){(int32_t)(1000 + i), 5};
		c[i].pid = 999;
		snprintf(c[i].comm, sizeof c[i].comm, "pool");
	}
	dtasks_update_list(&d, c, 2, 0, 100);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.item[1].id.pid, 1001);
	assert_int_equal(d.item[1].pid, 999);
	assert_string_equal(d.item[1].comm, "pool");
	dtasks_update_list(&d, c + 1, 1, 4, 600); /* 1000 left D */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.dropped, 4);
	assert_int_equal(dtasks_in_d_ms(&d, 0), 500);
	dtasks_remove(&d, 0);
	assert_int_equal(d.n, 0);
	dtasks_update_list(&d, c + 1, 1, 0, 700); /* back: from 0 again */
	assert_int_equal(dtasks_in_d_ms(&d, 0), 0);
	dtasks_update_list(&d, c, DTASKS_MAX + 3, 1, 800);
	assert_int_equal(d.n, DTASKS_MAX);
	assert_int_equal(d.dropped, 4);
	assert_int_equal(dtasks_in_d_ms(&d, 1), 100); /* 1001 kept */
}

/* The level words never say a task was logged (a killable wait is not). */
static void
test_level_texts(void **state)
{
	char buf[160];
	(void)state;
	assert_string_equal(dtasks_level_text(DTASKS_OK, 120, buf, sizeof buf),
	                    "");
	assert_string_equal(
	    dtasks_level_text(DTASKS_NEAR, 120, buf, sizeof buf),
	    "near the hung-task timeout");
	assert_string_equal(
	    dtasks_level_text(DTASKS_PAST, 120, buf, sizeof buf),
	    "past hung_task_timeout_secs (120 s): the kernel reports it as "
	    "hung unless its wait is killable");
	assert_null(
	    strstr(dtasks_level_text(DTASKS_PAST, 480, buf, 20), "logged"));
	assert_int_equal(strlen(buf), 19);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_durations),
	    cmocka_unit_test(test_identity),
	    cmocka_unit_test(test_reorder),
	    cmocka_unit_test(test_cap),
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_level_texts),
	    cmocka_unit_test(test_list_and_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
