/* Unit tests for core/arrgrow.c: the first capacity, doubling with the
 * contents kept, and no realloc while there is room. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/arrgrow.h"

/* An empty array gets first elements, a full one twice its capacity
 * with its contents kept, one with room is left as it is. */
static void
test_room(void **state)
{
	int64_t *a = NULL;
	size_t cap = 0;
	void *before;

	(void)state;
	assert_int_equal(arrgrow_room((void **)&a, &cap, 0, sizeof *a, 4), 0);
	assert_non_null(a);
	assert_int_equal(cap, 4);
	for (size_t i = 0; i < 4; i++)
		a[i] = (int64_t)i * 7;
	before = a;
	assert_int_equal(arrgrow_room((void **)&a, &cap, 3, sizeof *a, 4), 0);
	assert_ptr_equal(a, before);
	assert_int_equal(cap, 4);
	assert_int_equal(arrgrow_room((void **)&a, &cap, 4, sizeof *a, 4), 0);
	assert_int_equal(cap, 8);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(a[i], (int64_t)i * 7);
	a[7] = 1; /* the new room is writable (ASan checks) */
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
