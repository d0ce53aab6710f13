/* Unit tests for persist/recro.c: the immutable URI's escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "persist/recro.h"

/* '%', '?' and '#' are %-encoded, the rest kept; too small a buffer is
 * refused, not cut. */
static void
test_uri(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(recro_uri("/mnt/ro/h.db", buf, sizeof buf), 0);
	assert_string_equal(buf, "file:/mnt/ro/h.db?immutable=1");
	assert_int_equal(recro_uri("/a b/50%?#x.db", buf, sizeof buf), 0);
	assert_string_equal(buf, "file:/a b/50%25%3F%23x.db?immutable=1");
	assert_int_equal(recro_uri("/mnt/ro/h.db", buf, 29), -1);
	assert_int_equal(recro_uri("/mnt/ro/h.db", buf, 30), 0);
	assert_int_equal(recro_uri("%%%%", buf, 20), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_uri),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
