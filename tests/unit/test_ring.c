/* Unit tests for the ring's index arithmetic (core/ring.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/ring.h"

#define CAP 4

/* Push v into items through r; whether the oldest was replaced. */
static bool
push(struct ring *r, int *items, int v)
{
	bool replaced = true;

	items[ring_push(r, &replaced)] = v;
	return replaced;
}

static void
test_fill_then_replace_oldest(void **state)
{
	struct ring r;
	int items[CAP];
	(void)state;
	ring_init(&r, CAP);
	assert_int_equal(r.len, 0);
	for (int v = 1; v <= CAP; v++)
		assert_false(push(&r, items, v));
	assert_int_equal(r.len, CAP);
	for (size_t i = 0; i < CAP; i++) {
		assert_int_equal(items[ring_oldest(&r, i)], (int)i + 1);
		assert_int_equal(items[ring_newest(&r, i)], CAP - (int)i);
	}
	/* full: each push replaces the oldest and says so */
	for (int v = CAP + 1; v <= 3 * CAP + 1; v++) {
		assert_true(push(&r, items, v));
		assert_int_equal(r.len, CAP);
		assert_int_equal(items[ring_newest(&r, 0)], v);
		assert_int_equal(items[ring_oldest(&r, 0)], v - CAP + 1);
		for (size_t i = 0; i < CAP; i++) {
			assert_true(ring_oldest(&r, i) < CAP);
			assert_int_equal(items[ring_oldest(&r, i)],
			                 v - CAP + 1 + (int)i);
		}
	}
	/* push with no interest in the replacement */
	items[ring_push(&r, NULL)] = 100;
	assert_int_equal(items[ring_newest(&r, 0)], 100);
	assert_int_equal(items[ring_newest(&r, 1)], 3 * CAP + 1);
}

static void
test_pop_newest_and_clear(void **state)
{
	struct ring r;
	int items[CAP];
	(void)state;
	ring_init(&r, CAP);
	assert_false(ring_pop_newest(&r));
	for (int v = 1; v <= 6; v++) /* wraps: 3 4 5 6 */
		push(&r, items, v);
	assert_true(ring_pop_newest(&r));
	assert_int_equal(r.len, 3);
	assert_int_equal(items[ring_newest(&r, 0)], 5);
	assert_int_equal(items[ring_oldest(&r, 0)], 3);
	/* the freed slot is reused, nothing is replaced */
	assert_false(push(&r, items, 7));
	assert_int_equal(items[ring_newest(&r, 0)], 7);
	assert_int_equal(items[ring_newest(&r, 3)], 3);
	assert_true(push(&r, items, 8));
	assert_int_equal(items[ring_oldest(&r, 0)], 4);
	while (ring_pop_newest(&r))
		;
	assert_int_equal(r.len, 0);
	assert_false(push(&r, items, 9));
	assert_int_equal(items[ring_oldest(&r, 0)], 9);
	ring_clear(&r);
	assert_int_equal(r.len, 0);
	assert_int_equal(r.cap, CAP);
	assert_false(push(&r, items, 10));
}

static void
test_one_slot(void **state)
{
	struct ring r;
	int items[1];
	(void)state;
	ring_init(&r, 0); /* taken as 1 */
	assert_int_equal(r.cap, 1);
	assert_false(push(&r, items, 1));
	assert_true(push(&r, items, 2));
	assert_int_equal(r.len, 1);
	assert_int_equal(ring_newest(&r, 0), 0);
	assert_int_equal(ring_oldest(&r, 0), 0);
	assert_int_equal(items[0], 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fill_then_replace_oldest),
	    cmocka_unit_test(test_pop_newest_and_clear),
	    cmocka_unit_test(test_one_slot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
