/* Unit tests for model/textscan.c: bounded numbers and keyed lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapshot.h"
#include "model/textscan.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_u64_limits(void **state)
{
	const char *a = "18446744073709551615x", *b = "18446744073709551616";
	const char *p;
	uint64_t v;
	(void)state;
	p = a;
	assert_int_equal(textscan_u64(&p, a + strlen(a), &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(*p, 'x');
	p = b;
	assert_int_equal(textscan_u64(&p, b + strlen(b), &v), -1);
	assert_ptr_equal(p, b); /* untouched on failure */
	p = a;
	assert_int_equal(textscan_u64(&p, a, &v), -1); /* empty range */
}

static void
test_i64_limits(void **state)
{
	const char *a = "-9223372036854775808", *b = "9223372036854775808";
	const char *c = "-", *p;
	int64_t v;
	(void)state;
	p = a;
	assert_int_equal(textscan_i64(&p, a + strlen(a), &v), 0);
	assert_true(v == INT64_MIN);
	p = b;
	assert_int_equal(textscan_i64(&p, b + strlen(b), &v), -1);
	p = c;
	assert_int_equal(textscan_i64(&p, c + 1, &v), -1);
}

static void
test_int_file(void **state)
{
	int64_t v = 7;
	(void)state;
	assert_int_equal(textscan_int_file(S("-1000\n"), &v), 0);
	assert_int_equal(v, -1000);
	assert_int_equal(textscan_int_file(S("  60"), &v), 0);
	assert_int_equal(v, 60);
	v = 7;
	assert_int_equal(textscan_int_file(S("60 kB\n"), &v), -1);
	assert_int_equal(textscan_int_file(S(""), &v), -1);
	assert_int_equal(textscan_int_file(S("\n"), &v), -1);
	assert_int_equal(textscan_int_file(S("1\n2\n"), &v), -1);
	assert_int_equal(v, 7);
}

static void
test_keyed(void **state)
{
	static const struct textscan_key keys[] = {TEXTSCAN_KEY("A"),
	                                           TEXTSCAN_KEY("Bb")};
	int64_t v[2];
	(void)state;
	assert_int_equal(textscan_keyed(S("A: 1 kB\nX: junk\nBb:\t-2\n"), ':',
	                                keys, 2, v, SNAP_NA),
	                 2);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], -2);
	assert_int_equal(textscan_keyed(S("AA: 1\n"), ':', keys, 2, v, SNAP_NA),
	                 0);
	assert_true(v[0] == SNAP_NA && v[1] == SNAP_NA);
	/* a wanted key with garbage, or glued garbage, fails */
	assert_int_equal(textscan_keyed(S("A: x\n"), ':', keys, 2, v, SNAP_NA),
	                 -1);
	assert_int_equal(
	    textscan_keyed(S("A: 12x\n"), ':', keys, 2, v, SNAP_NA), -1);
	/* a truncated last line fails even when it is not wanted */
	assert_int_equal(
	    textscan_keyed(S("A: 1\nX: 2"), ':', keys, 2, v, SNAP_NA), -1);
}

static void
test_decimal(void **state)
{
	const char *s = "12.34 ", *bad = "1.", *p;
	double d;
	(void)state;
	p = s;
	assert_int_equal(textscan_decimal(&p, s + strlen(s), &d), 0);
	assert_true(d > 12.339 && d < 12.341);
	assert_int_equal(*p, ' ');
	p = bad;
	assert_int_equal(textscan_decimal(&p, bad + 2, &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_u64_limits),
	    cmocka_unit_test(test_i64_limits),
	    cmocka_unit_test(test_int_file),
	    cmocka_unit_test(test_keyed),
	    cmocka_unit_test(test_decimal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
