/* Unit tests for model/adjvalue.c: the `a` prompt, steps and clamping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/adjvalue.h"

/* Parse a C string; returns the value, or 9999 when rejected. */
static int
parse(const char *s, const char **why)
{
	int v = 9999;

	*why = NULL;
	if (adjvalue_parse(s, strlen(s), &v, why) != 0)
		assert_int_equal(v, 9999); /* untouched */
	return v;
}

static void
test_accepts_decimal(void **state)
{
	const char *why;
	(void)state;
	assert_int_equal(parse("0", &why), 0);
	assert_int_equal(parse("-1000", &why), -1000);
	assert_int_equal(parse("1000", &why), 1000);
	assert_int_equal(parse("+300", &why), 300);
	assert_int_equal(parse("  -250 ", &why), -250);
	/* leading zeros are decimal here (the kernel would read octal) */
	assert_int_equal(parse("010", &why), 10);
	assert_null(why);
}

static void
test_rejects(void **state)
{
	static const char *const bad[] = {
	    "",    " ",   "-",   "+",     "1001", "-1001", "0x10", "5abc",
	    "abc", "1 2", "--5", "10000", "1e3",  "3.5",   "\t\t"};
	const char *why;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse(bad[i], &why), 9999);
		assert_non_null(why);
	}
	parse("1001", &why);
	assert_string_equal(why, "out of range: -1000 to 1000");
	parse("0x10", &why);
	assert_string_equal(why, "not a decimal number: -1000 to 1000");
	/* an embedded NUL is not a digit */
	assert_int_equal(adjvalue_parse("1\0"
	                                "2",
	                                3, &(int){0}, NULL),
	                 -1);
}

static void
test_step_and_clamp(void **state)
{
	(void)state;
	assert_int_equal(adjvalue_step(0, ADJVALUE_STEP), 100);
	assert_int_equal(adjvalue_step(950, 100), 1000);
	assert_int_equal(adjvalue_step(-950, -100), -1000);
	assert_int_equal(adjvalue_step(1000, 100), 1000);
	assert_int_equal(adjvalue_step(-1000, -100), -1000);
	assert_int_equal(adjvalue_clamp(-5000000L), -1000);
	assert_int_equal(adjvalue_clamp(42), 42);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_accepts_decimal),
	    cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_step_and_clamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
