/* Unit tests for the process identity and its lookup (core/procid.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/procid.h"

/* A record laid out unlike struct procid. */
struct rec {
	char name[8];
	uint64_t started;
	int32_t id;
};

/* procid_at_fn over an array of struct rec. */
static struct procid
rec_at(const void *items, size_t i)
{
	const struct rec *r = (const struct rec *)items + i;

	return (struct procid){r->id, r->started};
}

static void
test_eq(void **state)
{
	struct procid a = {42, 1000}, b = {42, 1000};
	(void)state;
	assert_true(procid_eq(a, b));
	b.start_time = 1001; /* the PID reused by a later process */
	assert_false(procid_eq(a, b));
	b = (struct procid){43, 1000};
	assert_false(procid_eq(a, b));
	b = (struct procid){-42, 1000};
	assert_false(procid_eq(a, b));
}

static void
test_find_in_identities(void **state)
{
	const struct procid ids[] = {{1, 10}, {2, 20}, {1, 30}, {2, 20}};
	(void)state;
	assert_int_equal(procid_find(ids, 4, procid_at, (struct procid){1, 10}),
	                 0);
	/* same pid, other start: the other process */
	assert_int_equal(procid_find(ids, 4, procid_at, (struct procid){1, 30}),
	                 2);
	/* the first of two equal entries */
	assert_int_equal(procid_find(ids, 4, procid_at, (struct procid){2, 20}),
	                 1);
	assert_true(procid_find(ids, 4, procid_at, (struct procid){1, 20}) ==
	            PROCID_NONE);
	/* only the first n are searched */
	assert_true(procid_find(ids, 2, procid_at, (struct procid){1, 30}) ==
	            PROCID_NONE);
	assert_true(procid_find(NULL, 0, procid_at, (struct procid){0, 0}) ==
	            PROCID_NONE);
}

static void
test_find_through_an_accessor(void **state)
{
	const struct rec recs[] = {{"a", 500, 7}, {"b", 600, 8}, {"c", 700, 7}};
	(void)state;
	assert_int_equal(procid_find(recs, 3, rec_at, (struct procid){7, 700}),
	                 2);
	assert_int_equal(procid_find(recs, 3, rec_at, (struct procid){8, 600}),
	                 1);
	assert_true(procid_find(recs, 3, rec_at, (struct procid){8, 500}) ==
	            PROCID_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eq),
	    cmocka_unit_test(test_find_in_identities),
	    cmocka_unit_test(test_find_through_an_accessor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
