/*
 * Unit tests for model/cgtree.c: the cgroup screen's tree order, its sort
 * keys (unknown and unlimited last), the list view and the selection kept
 * by path across rebuilds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgtree.h"

#define MB (1024 * 1024)

/* The test hierarchy:
 *   /                      host, unlimited
 *   /a.slice               limit 100M, usage 50M   (50%)
 *   /a.slice/x.service     limit 10M, usage 9M     (90%)
 *   /a.slice/y.service     unlimited, usage 30M
 *   /b.slice               limit 100M, usage 80M   (80%), 3 OOM kills
 *   /b.slice/z.service     usage unreadable
 */
enum { ROOT, A, AX, AY, B, BZ, N };
static struct cgmem mems[N];
static struct cgtree_in in[N];

/* One cgroup of the hierarchy. */
static void
cg(size_t i, const char *path, size_t parent, int64_t usage, int64_t limit)
{
	cgmem_init(&mems[i], SNAP_CGROUP_V2, 10 + i);
	mems[i].current_bytes = usage;
	mems[i].max_bytes = limit;
	mems[i].err[CGMEM_F_CURRENT] = usage == SNAP_NA ? 13 : 0;
	mems[i].err[CGMEM_F_MAX] = 0;
	in[i] = (struct cgtree_in){path, strlen(path), parent, &mems[i]};
}

/* Build the hierarchy, listed out of order on purpose. */
static int
setup(void **state)
{
	cg(ROOT, "/", CGTREE_NONE, 500LL * MB, CGMEM_UNLIMITED);
	cg(A, "/a.slice", ROOT, 50LL * MB, 100LL * MB);
	cg(AX, "/a.slice/x.service", A, 9LL * MB, 10LL * MB);
	cg(AY, "/a.slice/y.service", A, 30LL * MB, CGMEM_UNLIMITED);
	cg(B, "/b.slice", ROOT, 80LL * MB, 100LL * MB);
	cg(BZ, "/b.slice/z.service", B, SNAP_NA, SNAP_NA);
	mems[B].events.oom_kill = 3;
	mems[A].events.oom_kill = 0;
	return 0;
}

/* The input indexes of the rows, in order, into out; how many. */
static size_t
order(const struct cgtree *t, size_t *out)
{
	for (size_t r = 0; r < t->nrows; r++)
		out[r] = t->rows[r].index;
	return t->nrows;
}

/* Tree by headroom: a subtree by the closest to its limit in it, then
 * its own share; unlimited and unknown last; depth, last and the
 * continuing lines. */
static void
test_tree_headroom(void **state)
{
	struct cgtree t;
	size_t got[N];

	cgtree_init(&t);
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	assert_int_equal(order(&t, got), N);
	/* a (50%, holding x at 90%) before b (80%); under a, x (90%)
	 * before y (unlimited) */
	assert_int_equal(got[0], ROOT);
	assert_int_equal(got[1], A);
	assert_int_equal(got[2], AX);
	assert_int_equal(got[3], AY);
	assert_int_equal(got[4], B);
	assert_int_equal(got[5], BZ);
	assert_int_equal(t.rows[0].depth, 0);
	assert_int_equal(t.rows[1].depth, 1);
	assert_int_equal(t.rows[2].depth, 2);
	assert_false(t.rows[1].last); /* b follows a */
	assert_true(t.rows[4].last);
	/* x sits under a, which has a sibling below: a line at depth 1 */
	assert_true(t.rows[2].more & (1u << 1));
	assert_false(t.rows[2].last);
	assert_true(t.rows[3].last);
	/* z sits under b, the last: no line at depth 1 */
	assert_false(t.rows[5].more & (1u << 1));
	assert_true(t.rows[5].last);
	/* ascending: the farthest from its limit first (a holds 50%) */
	t.desc = false;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[1], A);
	assert_int_equal(got[2], AX); /* y is unlimited: last */
	assert_int_equal(got[4], B);
	/* without x's limit, b (80%) comes before a (50%) */
	t.desc = true;
	mems[AX].max_bytes = CGMEM_UNLIMITED;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[1], B);
	assert_int_equal(got[3], A);
	cgtree_fini(&t);
}

/* Other keys, both directions, and the list view. */
static void
test_sort_keys_and_list(void **state)
{
	struct cgtree t;
	size_t got[N];

	cgtree_init(&t);
	t.tree = false;
	t.sort = CGTREE_USAGE;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], ROOT);
	assert_int_equal(got[1], B);
	assert_int_equal(got[2], A);
	assert_int_equal(got[3], AY);
	assert_int_equal(got[4], AX);
	assert_int_equal(got[5], BZ); /* unknown last */
	assert_int_equal(t.rows[4].depth, 0);
	t.desc = false;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], AX);
	assert_int_equal(got[4], ROOT);
	assert_int_equal(got[5], BZ); /* unknown still last */
	t.sort = CGTREE_LIMIT;
	t.desc = false;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], AX); /* 10M, then the two 100M by path */
	assert_int_equal(got[1], A);
	assert_int_equal(got[2], B);
	t.sort = CGTREE_OOM_KILL;
	t.desc = true;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], B);
	assert_int_equal(got[1], A);
	t.sort = CGTREE_NAME;
	t.desc = cgtree_key_default_desc(CGTREE_NAME);
	assert_false(t.desc);
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], ROOT);
	assert_int_equal(got[1], A);
	assert_int_equal(got[2], AX);
	assert_string_equal(cgtree_key_name(CGTREE_OOM_KILL), "OOM_KILL");
	assert_false(cgtree_key_default_desc(CGTREE_LIMIT));
	assert_true(cgtree_key_default_desc(CGTREE_HEADROOM));
	cgtree_fini(&t);
}

/* The cursor follows its cgroup through a re-sort; a vanished one
 * leaves it at the same position; moves clamp. */
static void
test_selection(void **state)
{
	struct cgtree t;

	cgtree_init(&t);
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	cgtree_move(&t, in, 2); /* x.service */
	assert_int_equal(cgtree_selected(&t), AX);
	t.sort = CGTREE_NAME;
	t.desc = false;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	assert_int_equal(cgtree_selected(&t), AX);
	assert_int_equal(t.cursor, 2);
	cgtree_move(&t, in, -100);
	assert_int_equal(t.cursor, 0);
	cgtree_move_to(&t, in, SIZE_MAX);
	assert_int_equal(cgtree_selected(&t), BZ);
	/* z goes: the cursor stays on the last row */
	assert_int_equal(cgtree_rebuild(&t, in, N - 1), 0);
	assert_int_equal(t.cursor, N - 2);
	cgtree_scroll(&t, 2);
	assert_int_equal(t.top, N - 3);
	/* a self parent or one out of range is a root */
	in[A].parent = A;
	in[B].parent = 99;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	assert_int_equal(t.nrows, N);
	cgtree_fini(&t);
}

/* After 'l' the LIMIT column shows memory.high: LIMIT sorts by it
 * then (unlimited high last), and by memory.max again after. */
static void
test_limit_sort_follows_the_shown_limit(void **state)
{
	struct cgtree t;
	size_t got[N];
	(void)state;
	/* high: a 90M, x unlimited, b 20M, y 5M (max unlimited) */
	mems[A].high_bytes = 90LL * MB;
	mems[AX].high_bytes = CGMEM_UNLIMITED;
	mems[B].high_bytes = 20LL * MB;
	mems[AY].high_bytes = 5LL * MB;
	mems[ROOT].high_bytes = SNAP_NA;
	cgtree_init(&t);
	t.tree = false;
	t.sort = CGTREE_LIMIT;
	t.desc = false;
	t.limit_high = true;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], AY);
	assert_int_equal(got[1], B);
	assert_int_equal(got[2], A);
	assert_int_equal(cgtree_shown_value(&mems[AX], CGTREE_LIMIT, true),
	                 SNAP_NA);
	/* in tree view a subtree goes by its tightest high: a (holding y,
	 * 5M) before b (20M) */
	t.tree = true;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[1], A);
	assert_int_equal(got[2], AY);
	/* memory.max again: x (10M) first */
	t.tree = false;
	t.limit_high = false;
	assert_int_equal(cgtree_rebuild(&t, in, N), 0);
	order(&t, got);
	assert_int_equal(got[0], AX);
	assert_int_equal(cgtree_value(&mems[AY], CGTREE_LIMIT), SNAP_NA);
	cgtree_fini(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_tree_headroom, setup),
	    cmocka_unit_test_setup(test_sort_keys_and_list, setup),
	    cmocka_unit_test_setup(test_selection, setup),
	    cmocka_unit_test_setup(test_limit_sort_follows_the_shown_limit,
	                           setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
