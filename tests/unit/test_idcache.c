/*
 * Unit tests for collect/idcache.c: what one refresh adds, the next finds
 * by (pid, d_ino), and the one after forgets unless it was added again;
 * pid-order and out-of-order scans, growth, count, NULL free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collect/idcache.h"

/* An entry whose fields are all derived from pid (and a generation). */
static struct idcache_entry
entry(int32_t pid, uint64_t gen)
{
	struct idcache_entry e;

	memset(&e, 0, sizeof e);
	e.pid = pid;
	e.kthread = pid % 7 == 0;
	e.dir_ino = 1000000 + (uint64_t)pid * 10 + gen;
	e.status_ino = 5000000 + (uint64_t)pid * 10 + gen;
	e.start_time = 42 + (uint64_t)pid * 3 + gen;
	return e;
}

/* Assert that find(pid, e->dir_ino) gives back an equal entry. */
static void
assert_found(struct idcache *ic, const struct idcache_entry *e)
{
	const struct idcache_entry *got = idcache_find(ic, e->pid, e->dir_ino);

	assert_non_null(got);
	assert_int_equal(got->pid, e->pid);
	assert_int_equal(got->kthread, e->kthread);
	assert_true(got->dir_ino == e->dir_ino);
	assert_true(got->status_ino == e->status_ino);
	assert_true(got->start_time == e->start_time);
}

static void
test_empty_and_null(void **state)
{
	struct idcache *ic = idcache_new();
	struct idcache_entry e = entry(10, 0);
	(void)state;
	idcache_free(NULL); /* no crash */
	assert_non_null(ic);
	assert_int_equal(idcache_count(ic), 0);
	/* nothing to find before the first begin, nor after it */
	assert_null(idcache_find(ic, 10, e.dir_ino));
	idcache_begin(ic);
	assert_null(idcache_find(ic, 10, e.dir_ino));
	assert_int_equal(idcache_count(ic), 0);
	idcache_begin(ic);
	idcache_begin(ic);
	assert_null(idcache_find(ic, 10, e.dir_ino));
	idcache_free(ic);
}

static void
test_next_refresh_only(void **state)
{
	struct idcache *ic = idcache_new();
	struct idcache_entry a = entry(100, 0), b = entry(200, 0);
	(void)state;
	assert_non_null(ic);
	/* refresh N adds a and b */
	idcache_begin(ic);
	assert_int_equal(idcache_add(ic, &a), 0);
	assert_int_equal(idcache_add(ic, &b), 0);
	assert_int_equal(idcache_count(ic), 2);
	/* not answered within the refresh that added them */
	assert_null(idcache_find(ic, 100, a.dir_ino));
	/* N+1: found with the same d_ino; not with another, not for
	 * another pid */
	idcache_begin(ic);
	assert_int_equal(idcache_count(ic), 0);
	assert_found(ic, &a);
	assert_found(ic, &b);
	assert_null(idcache_find(ic, 100, a.dir_ino + 1));
	assert_null(idcache_find(ic, 100, b.dir_ino));
	assert_null(idcache_find(ic, 101, a.dir_ino));
	assert_null(idcache_find(ic, 99, a.dir_ino));
	assert_null(idcache_find(ic, 300, b.dir_ino));
	assert_null(idcache_find(ic, -1, a.dir_ino));
	/* the same lookups again, in another order: still answered */
	assert_found(ic, &b);
	assert_found(ic, &a);
	/* N+1 adds only a (b's process is gone) */
	assert_int_equal(idcache_add(ic, idcache_find(ic, 100, a.dir_ino)), 0);
	assert_int_equal(idcache_count(ic), 1);
	/* N+2: a is still there, b is forgotten */
	idcache_begin(ic);
	assert_found(ic, &a);
	assert_null(idcache_find(ic, 200, b.dir_ino));
	/* N+3 after an N+2 that added nothing: all forgotten */
	idcache_begin(ic);
	assert_null(idcache_find(ic, 100, a.dir_ino));
	assert_int_equal(idcache_count(ic), 0);
	idcache_free(ic);
}

static void
test_reused_pid_new_inode(void **state)
{
	struct idcache *ic = idcache_new();
	struct idcache_entry old = entry(4242, 0), young = entry(4242, 1);
	(void)state;
	assert_non_null(ic);
	idcache_begin(ic);
	assert_int_equal(idcache_add(ic, &old), 0);
	idcache_begin(ic);
	/* the pid now lists a new directory inode: not the old process */
	assert_null(idcache_find(ic, 4242, young.dir_ino));
	/* the scan reads it in full and adds the new identity */
	assert_int_equal(idcache_add(ic, &young), 0);
	idcache_begin(ic);
	assert_found(ic, &young);
	assert_null(idcache_find(ic, 4242, old.dir_ino));
	idcache_free(ic);
}

static void
test_pid_order_scan(void **state)
{
	struct idcache *ic = idcache_new();
	const struct idcache_entry *got;
	int32_t pid;
	(void)state;
	assert_non_null(ic);
	idcache_begin(ic);
	for (pid = 1; pid <= 500; pid++)
		assert_int_equal(idcache_add(ic,
		                             &(struct idcache_entry){
		                                 .pid = pid * 2,
		                                 .dir_ino = (uint64_t)pid,
		                             }),
		                 0);
	/* refresh 2: a pid-order scan with new (odd) pids in between,
	 * some old ones gone (multiples of 10) and some reused (of 3) */
	idcache_begin(ic);
	for (pid = 1; pid <= 1001; pid++) {
		uint64_t ino = (uint64_t)pid / 2;
		got = idcache_find(ic, pid, pid % 6 == 0 ? ino + 7 : ino);
		if (pid % 2 == 1 || pid % 6 == 0 || pid > 1000) {
			assert_null(got);
			continue;
		}
		assert_non_null(got);
		assert_int_equal(got->pid, pid);
		if (pid % 10 != 0)
			assert_int_equal(idcache_add(ic, got), 0);
	}
	/* 500 entries, minus multiples of 6 (166), minus those of 10
	 * that are not of 6 (100 - 33) */
	assert_int_equal(idcache_count(ic), 500 - 166 - 67);
	idcache_begin(ic);
	for (pid = 2; pid <= 1000; pid += 2) {
		got = idcache_find(ic, pid, (uint64_t)pid / 2);
		if (pid % 6 == 0 || pid % 10 == 0)
			assert_null(got);
		else
			assert_non_null(got);
	}
	idcache_free(ic);
}

static void
test_out_of_order_adds(void **state)
{
	static const int32_t pids[] = {900, 3, 77, 12, 40000, 1, 600, 5};
	struct idcache *ic = idcache_new();
	struct idcache_entry e;
	size_t i, n = sizeof pids / sizeof pids[0];
	(void)state;
	assert_non_null(ic);
	idcache_begin(ic);
	for (i = 0; i < n; i++) {
		e = entry(pids[i], 0);
		assert_int_equal(idcache_add(ic, &e), 0);
	}
	assert_int_equal(idcache_count(ic), n);
	idcache_begin(ic); /* sorts */
	/* each found, in pid order, reverse order and the add order */
	for (i = 0; i < n; i++) {
		e = entry(pids[i], 0);
		assert_found(ic, &e);
	}
	for (i = n; i-- > 0;) {
		e = entry(pids[i], 0);
		assert_found(ic, &e);
	}
	assert_null(idcache_find(ic, 2, entry(2, 0).dir_ino));
	assert_null(idcache_find(ic, 40001, entry(40001, 0).dir_ino));
	assert_null(idcache_find(ic, 0, entry(0, 0).dir_ino));
	/* re-added out of order again, with new identities for some */
	for (i = n; i-- > 0;) {
		e = entry(pids[i], pids[i] % 2 == 0 ? 1 : 0);
		assert_int_equal(idcache_add(ic, &e), 0);
	}
	idcache_begin(ic);
	for (i = 0; i < n; i++) {
		e = entry(pids[i], pids[i] % 2 == 0 ? 1 : 0);
		assert_found(ic, &e);
		if (pids[i] % 2 == 0)
			assert_null(idcache_find(ic, pids[i],
			                         entry(pids[i], 0).dir_ino));
	}
	idcache_free(ic);
}

static void
test_many_entries(void **state)
{
	enum { N = 10000 };
	struct idcache *ic = idcache_new();
	struct idcache_entry e;
	int32_t pid;
	(void)state;
	assert_non_null(ic);
	/* refresh 1: in pid order (grows past the first 256 slots) */
	idcache_begin(ic);
	for (pid = 1; pid <= N; pid++) {
		e = entry(pid, 0);
		assert_int_equal(idcache_add(ic, &e), 0);
	}
	assert_int_equal(idcache_count(ic), N);
	/* refresh 2: every lookup answered, re-added in descending order
	 * (both arrays have grown by now) */
	idcache_begin(ic);
	for (pid = N; pid >= 1; pid--) {
		e = entry(pid, 0);
		assert_found(ic, &e);
		assert_int_equal(idcache_add(ic, &e), 0);
	}
	/* refresh 3: sorted again, found in a scattered order */
	idcache_begin(ic);
	for (int32_t k = 0; k < N; k++) {
		pid = (int32_t)((k * 7919L) % N) + 1;
		e = entry(pid, 0);
		assert_found(ic, &e);
		if (pid % 2 == 0)
			assert_int_equal(idcache_add(ic, &e), 0);
	}
	assert_int_equal(idcache_count(ic), N / 2);
	assert_null(idcache_find(ic, N + 1, entry(N + 1, 0).dir_ino));
	idcache_begin(ic);
	for (pid = 1; pid <= N; pid++) {
		e = entry(pid, 0);
		if (pid % 2 == 0)
			assert_found(ic, &e);
		else
			assert_null(idcache_find(ic, pid, e.dir_ino));
	}
	idcache_free(ic);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_and_null),
	    cmocka_unit_test(test_next_refresh_only),
	    cmocka_unit_test(test_reused_pid_new_inode),
	    cmocka_unit_test(test_pid_order_scan),
	    cmocka_unit_test(test_out_of_order_adds),
	    cmocka_unit_test(test_many_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
