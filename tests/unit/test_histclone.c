/*
 * Unit tests for model/history.c's hist_clone: a copy reads, counts and
 * holds the bytes of the original, and what is recorded into one after
 * leaves the other as it was (the same refreshes into both still read
 * alike, past the cap too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/history.h"
#include "model/snapshot.h"

#define NPROC 40
#define MAXPTS (HIST_MINUTE_SPAN + 8)

/* Refreshes [from, to) of one a minute: NPROC processes (every third
 * one put only in odd minutes) and the system, values shifted by bias. */
static void
feed(struct hist *h, uint32_t from, uint32_t to, int64_t bias)
{
	int64_t v[HIST_PROC_LANES], sys[HIST_SYS_LANES] = {0};

	for (uint32_t m = from; m < to; m++) {
		assert_int_equal(hist_begin(h, 1000 + (uint64_t)m * 60000,
		                            (int64_t)m * 60000),
		                 0);
		for (int p = 0; p < NPROC; p++) {
			if (p % 3 == 0 && m % 2 == 0)
				continue;
			v[HIST_RSS_KB] = 1000 + p * 10 + m * (p % 5) + bias;
			v[HIST_SWAP_KB] = p % 4 ? 0 : SNAP_NA;
			v[HIST_ANON_KB] = v[HIST_RSS_KB] / 2;
			(void)hist_put_proc(h, (struct procid){p + 1, 7}, v);
		}
		sys[HIST_MEMAVAIL_KB] = 900000 - m + bias;
		hist_put_sys(h, sys);
		hist_end(h);
	}
}

/* a and b read alike in both tiers (true), or not (false). */
static bool
alike(const struct hist *a, const struct hist *b)
{
	static struct hist_point pa[MAXPTS], pb[MAXPTS];
	size_t na, nb;

	for (int t = 0; t < HIST_TIERS; t++) {
		na = hist_read_sys(a, t, HIST_MEMAVAIL_KB, pa, MAXPTS);
		nb = hist_read_sys(b, t, HIST_MEMAVAIL_KB, pb, MAXPTS);
		for (size_t i = 0; na == nb && i < na; i++)
			if (pa[i].value != pb[i].value ||
			    pa[i].mono_ms != pb[i].mono_ms)
				return false;
		for (int p = 0; na == nb && p < NPROC; p++) {
			struct procid id = {p + 1, 7};

			na = hist_read_proc(a, id, t, HIST_RSS_KB, pa, MAXPTS);
			nb = hist_read_proc(b, id, t, HIST_RSS_KB, pb, MAXPTS);
			for (size_t i = 0; na == nb && i < na; i++)
				if (pa[i].value != pb[i].value ||
				    pa[i].gap != pb[i].gap ||
				    pa[i].mono_ms != pb[i].mono_ms)
					return false;
		}
		if (na != nb)
			return false;
	}
	return hist_procs(a) == hist_procs(b) && hist_bytes(a) == hist_bytes(b);
}

/* A copy is alike; recording into it leaves the original alone. */
static void
test_clone_independent(void **state)
{
	struct hist *h = hist_new(60000, 0), *c, *d;

	(void)state;
	feed(h, 0, 300, 0);
	c = hist_clone(h);
	d = hist_clone(h);
	assert_non_null(c);
	assert_true(alike(h, c));
	feed(c, 300, 320, 5);
	assert_false(alike(h, c));
	assert_true(alike(h, d)); /* h untouched by c's refreshes */
	feed(h, 300, 320, 5);
	assert_true(alike(h, c)); /* the same refreshes: alike again */
	hist_free(c);
	hist_free(d);
	/* h still whole after its copies are freed */
	feed(h, 320, 330, 0);
	assert_int_equal(hist_count_sys(h, HIST_MINUTE), 329);
	hist_free(h);
}

/* Under a cap the copy drops what the original drops. */
static void
test_clone_capped(void **state)
{
	struct hist *h = hist_new(60000, 60000), *c;

	(void)state;
	feed(h, 0, 200, 0);
	c = hist_clone(h);
	assert_non_null(c);
	feed(h, 200, 400, 1);
	feed(c, 200, 400, 1);
	/* the cap bit: the oldest minutes went */
	assert_true(hist_count_sys(h, HIST_MINUTE) < 300);
	assert_true(alike(h, c));
	hist_free(c);
	hist_free(h);
	/* an empty history copies too */
	h = hist_new(1000, 0);
	c = hist_clone(h);
	assert_non_null(c);
	assert_true(alike(h, c));
	hist_free(c);
	hist_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clone_independent),
	    cmocka_unit_test(test_clone_capped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
