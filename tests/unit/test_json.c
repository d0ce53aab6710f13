/* JSON output helpers: escaping, null for unknown, numbers in any locale. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"

static char *out_buf;
static size_t out_len;

/* A memory stream the helpers write into. */
static FILE *
out_open(void)
{
	FILE *f = open_memstream(&out_buf, &out_len);

	assert_non_null(f);
	return f;
}

/* Close the stream and compare what was written. */
static void
out_check(FILE *f, const char *want)
{
	assert_int_equal(fclose(f), 0);
	assert_string_equal(out_buf, want);
	free(out_buf);
	out_buf = NULL;
}

static void
test_strings(void **state)
{
	FILE *f;
	(void)state;
	f = out_open();
	json_string(f, "a\"b\\c", 5);
	out_check(f, "\"a\\\"b\\\\c\"");
	/* control bytes and invalid UTF-8 are made visible, never raw */
	f = out_open();
	json_string(f, "x\n\x1b[31m\xff", 8);
	out_check(f, "\"x\\\\x0a\\\\x1b[31m\\\\xff\"");
	f = out_open();
	json_cstr_or_null(f, NULL);
	out_check(f, "null");
	f = out_open();
	json_string(f, "caf\xc3\xa9", 5); /* valid UTF-8 stays */
	out_check(f, "\"caf\xc3\xa9\"");
}

static void
test_numbers(void **state)
{
	FILE *f;
	(void)state;
	f = out_open();
	json_int_or_null(f, -5, INT64_MIN);
	fputc(' ', f);
	json_int_or_null(f, INT64_MIN, INT64_MIN);
	out_check(f, "-5 null");
	f = out_open();
	json_double_or_null(f, 1234.5678, 1);
	fputc(' ', f);
	json_double_or_null(f, 0.005, 1);
	fputc(' ', f);
	json_double_or_null(f, -0.001, 1);
	fputc(' ', f);
	json_double_or_null(f, -2.5, 1);
	fputc(' ', f);
	json_double_or_null(f, NAN, 1);
	fputc(' ', f);
	json_double_or_null(f, 3.0, 0);
	fputc(' ', f);
	json_double_or_null(f, 1e16, 1);
	out_check(f, "1234.57 0.01 0.00 -2.50 null null 10000000000000000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
