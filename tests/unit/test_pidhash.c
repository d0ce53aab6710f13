/* Unit tests for the one pid/uid hash probe (core/pidhash.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/pidhash.h"

#define CAP 8

/* A table of keys (0: empty) and the key sought, counting the looks. */
struct table {
	uint32_t keys[CAP];
	uint32_t want;
	size_t looks;
};

/* pidhash_look_fn over struct table. */
static enum pidhash_slot
look(const void *ctx, size_t i)
{
	struct table *t = (struct table *)(uintptr_t)ctx;

	assert_true(i < CAP);
	t->looks++;
	if (t->keys[i] == 0)
		return PIDHASH_EMPTY;
	return t->keys[i] == t->want ? PIDHASH_MATCH : PIDHASH_OTHER;
}

/* Probe t for key from a fresh count. */
static size_t
probe(struct table *t, uint32_t key)
{
	t->want = key;
	t->looks = 0;
	return pidhash_probe(key, CAP, look, t);
}

/* Insert key where its probe ends; its slot. */
static size_t
put(struct table *t, uint32_t key)
{
	size_t s = probe(t, key);

	t->keys[s] = key;
	return s;
}

/* The home slot of key: Fibonacci hash, masked. */
static size_t
home(uint32_t key)
{
	return (size_t)((uint32_t)(key * 2654435761u) & (CAP - 1));
}

static void
test_home_slot_then_linear_wrapping(void **state)
{
	struct table t = {{0}, 0, 0};
	uint32_t same[3], n = 0;
	(void)state;
	/* three keys with one home slot (the one nearest the end, to wrap) */
	for (uint32_t k = 1; n < 3 && k < 100000; k++)
		if (home(k) == CAP - 2)
			same[n++] = k;
	assert_int_equal(n, 3);
	assert_int_equal(put(&t, same[0]), CAP - 2);
	assert_int_equal(t.looks, 1);
	assert_int_equal(put(&t, same[1]), CAP - 1);
	assert_int_equal(put(&t, same[2]), 0); /* wrapped */
	assert_int_equal(t.looks, 3);
	/* each is found in its own slot */
	assert_int_equal(probe(&t, same[0]), CAP - 2);
	assert_int_equal(probe(&t, same[2]), 0);
	assert_int_equal(t.looks, 3);
	/* a key absent with another home: its own empty home slot */
	for (uint32_t k = 1; k < 100000; k++) {
		if (home(k) == 3) {
			assert_int_equal(probe(&t, k), 3);
			assert_int_equal(t.looks, 1);
			break;
		}
	}
}

static void
test_absent_key_ends_at_the_only_empty(void **state)
{
	struct table t = {{0}, 0, 0};
	size_t empty;
	(void)state;
	/* fill all but one slot: every absent key ends on that one */
	for (uint32_t k = 1; k <= CAP - 1; k++)
		put(&t, k);
	for (empty = 0; empty < CAP && t.keys[empty] != 0; empty++)
		;
	assert_true(empty < CAP);
	for (uint32_t k = 100; k < 200; k++)
		assert_int_equal(probe(&t, k), empty);
	/* every stored key is still found where it was put */
	for (uint32_t k = 1; k <= CAP - 1; k++)
		assert_int_equal(t.keys[probe(&t, k)], k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_home_slot_then_linear_wrapping),
	    cmocka_unit_test(test_absent_key_ends_at_the_only_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
