/* Unit tests for model/zoneinfo.c: the sum of the zones' low watermarks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/zoneinfo.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_real_file(void **state)
{
	static char buf[65536];
	ssize_t n = procfix_read("basic/zoneinfo", buf, sizeof buf);
	uint64_t pages = 0;
	(void)state;
	assert_true(n > 0);
	/* DMA 48 + DMA32 10021 + Normal 11047 + Movable 32 + Device 0; the
	 * per-cpu "high:" lines and "min"/"high" are not counted */
	assert_int_equal(zoneinfo_low_pages(buf, (size_t)n, &pages), 0);
	assert_int_equal(pages, 21148);
}

static void
test_small_and_malformed(void **state)
{
	uint64_t pages = 7;
	(void)state;
	assert_int_equal(zoneinfo_low_pages(S("Node 0, zone   Normal\n"
	                                      "  pages free     100\n"
	                                      "        min      10\n"
	                                      "        low      12\n"
	                                      "        high     14\n"
	                                      "Node 1, zone   Normal\n"
	                                      "        low\t 30 \n"),
	                                    &pages),
	                 0);
	assert_int_equal(pages, 42);
	pages = 7;
	/* a zone without its low line, a bad number, a truncated line */
	assert_int_equal(zoneinfo_low_pages(S("Node 0, zone DMA\n"
	                                      "        low      12\n"
	                                      "Node 0, zone Normal\n"),
	                                    &pages),
	                 -1);
	assert_int_equal(zoneinfo_low_pages(S("Node 0, zone DMA\n"
	                                      "        low      1x\n"),
	                                    &pages),
	                 -1);
	assert_int_equal(zoneinfo_low_pages(S("Node 0, zone DMA\n"
	                                      "        low      12"),
	                                    &pages),
	                 -1);
	assert_int_equal(zoneinfo_low_pages(S("        low      12\n"), &pages),
	                 -1);
	assert_int_equal(zoneinfo_low_pages("", 0, &pages), -1);
	assert_int_equal(pages, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_file),
	    cmocka_unit_test(test_small_and_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
