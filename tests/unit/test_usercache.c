/* Unit tests for the uid -> name cache (collect/usercache.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "collect/usercache.h"

/* uids no system names: shown as their number */
#define FAR_UID 3999000000u

static void
test_names_and_numbers_across_growth(void **state)
{
	struct usercache *uc = usercache_new();
	char out[32], want[16];
	(void)state;
	assert_non_null(uc);
	usercache_name(uc, 0, out, sizeof out);
	assert_string_equal(out, "root");
	/* enough uids to grow the table several times; some share a slot */
	for (uint32_t i = 0; i < 300; i++) {
		usercache_name(uc, FAR_UID + i * 64, out, sizeof out);
		snprintf(want, sizeof want, "%u", FAR_UID + i * 64);
		assert_string_equal(out, want);
	}
	/* every one is still found after the growth */
	for (uint32_t i = 0; i < 300; i++) {
		usercache_name(uc, FAR_UID + i * 64, out, sizeof out);
		snprintf(want, sizeof want, "%u", FAR_UID + i * 64);
		assert_string_equal(out, want);
	}
	usercache_name(uc, 0, out, sizeof out);
	assert_string_equal(out, "root");
	/* cut to fit */
	usercache_name(uc, 0, out, 3);
	assert_string_equal(out, "ro");
	usercache_free(uc);
	usercache_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names_and_numbers_across_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
