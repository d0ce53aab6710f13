/* Unit tests for model/memsize.c: typed sizes, their short form, the limit
 * step and the rule for a cgroup limit change. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgmem.h"
#include "model/memsize.h"

#define MIB (1LL << 20)

/* Parse a C string: the value, or the negative errno. */
static int64_t
parse(const char *s)
{
	int64_t v = 12345;
	int rc = memsize_parse(s, strlen(s), &v);

	if (rc != 0) {
		assert_int_equal(v, 12345); /* untouched */
		return rc;
	}
	return v;
}

/* Format into a static buffer. */
static const char *
fmt(int64_t v)
{
	static char buf[32];

	memsize_format(v, buf, sizeof buf);
	return buf;
}

static void
test_parse_accepts(void **state)
{
	(void)state;
	assert_int_equal(parse("512M"), 512 * MIB);
	assert_int_equal(parse("1.5G"), 1536 * MIB);
	assert_int_equal(parse(" 768m "), 768 * MIB);
	assert_int_equal(parse("2GiB"), 2048 * MIB);
	assert_int_equal(parse("64KB"), 64 * 1024);
	assert_int_equal(parse("4096"), 4096);
	assert_int_equal(parse("100b"), 100);
	assert_int_equal(parse("1T"), 1LL << 40);
	assert_int_equal(parse("max"), CGMEM_UNLIMITED);
	assert_int_equal(parse(".5M"), MIB / 2);
}

static void
test_parse_rejects(void **state)
{
	(void)state;
	assert_int_equal(parse(""), -EINVAL);
	assert_int_equal(parse("M"), -EINVAL);
	assert_int_equal(parse("-5M"), -EINVAL);
	assert_int_equal(parse("0"), -EINVAL);
	assert_int_equal(parse("5X"), -EINVAL);
	assert_int_equal(parse("5MM"), -EINVAL);
	assert_int_equal(parse("5BB"), -EINVAL);
	assert_int_equal(parse("1.2.3G"), -EINVAL);
	assert_int_equal(parse("maximum"), -EINVAL);
	assert_int_equal(parse("99999999999999999999"), -ERANGE);
	assert_int_equal(parse("9999999T"), -ERANGE);
}

static void
test_format(void **state)
{
	char small[4];
	(void)state;
	assert_string_equal(fmt(512 * MIB), "512M");
	assert_string_equal(fmt(1536 * MIB), "1.5G");
	assert_string_equal(fmt(CGMEM_UNLIMITED), "max");
	assert_string_equal(fmt(SNAP_NA), "N/A");
	assert_string_equal(fmt(100), "100B");
	assert_string_equal(fmt(4096), "4K");
	assert_string_equal(fmt(1LL << 40), "1T");
	assert_int_equal(memsize_format(512 * MIB, small, sizeof small), 3);
	assert_string_equal(small, "512");
	/* what is formatted parses back to the same size when whole */
	assert_int_equal(parse(fmt(768 * MIB)), 768 * MIB);
}

static void
test_step(void **state)
{
	(void)state;
	assert_int_equal(memsize_step(512 * MIB, 498 * MIB), 51 * MIB);
	/* unlimited: 10% of the usage */
	assert_int_equal(memsize_step(CGMEM_UNLIMITED, 300 * MIB), 30 * MIB);
	assert_int_equal(memsize_step(SNAP_NA, SNAP_NA), MIB);
	assert_int_equal(memsize_step(2 * MIB, 0), MIB);
	assert_int_equal(memsize_stepped(512 * MIB, 0, true), 563 * MIB);
	assert_int_equal(memsize_stepped(512 * MIB, 0, false), 461 * MIB);
	assert_int_equal(memsize_stepped(MIB, 0, false), MIB);
	assert_int_equal(memsize_stepped(CGMEM_UNLIMITED, 300 * MIB, true),
	                 CGMEM_UNLIMITED);
	assert_int_equal(memsize_stepped(CGMEM_UNLIMITED, 300 * MIB, false),
	                 330 * MIB);
	assert_int_equal(memsize_stepped(SNAP_NA, SNAP_NA, false), SNAP_NA);
}

/* Decide for these facts: the verdict, *r the reason. */
static enum policy_verdict
decide(bool ro, bool root, int64_t usage, int64_t old, int64_t new_limit,
       enum memsize_reason *r)
{
	struct memsize_facts f = {ro, root, usage, old, new_limit};

	return memsize_decide(&f, r);
}

static void
test_decide(void **state)
{
	enum memsize_reason r;
	(void)state;
	assert_int_equal(
	    decide(false, false, 498 * MIB, 512 * MIB, 563 * MIB, &r),
	    POLICY_ALLOW);
	assert_int_equal(r, MEMSIZE_R_NONE);
	/* lowering but still above usage: at once */
	assert_int_equal(
	    decide(false, false, 100 * MIB, 512 * MIB, 461 * MIB, &r),
	    POLICY_ALLOW);
	/* below usage: confirm, and say what the kernel does */
	assert_int_equal(
	    decide(false, false, 498 * MIB, 512 * MIB, 461 * MIB, &r),
	    POLICY_CONFIRM);
	assert_int_equal(r, MEMSIZE_R_BELOW);
	assert_non_null(strstr(memsize_reason_text(r), "OOM-kill"));
	/* unknown usage: confirm too; unlimited never needs it */
	assert_int_equal(
	    decide(false, false, SNAP_NA, 512 * MIB, 461 * MIB, &r),
	    POLICY_CONFIRM);
	assert_int_equal(
	    decide(false, false, SNAP_NA, 512 * MIB, CGMEM_UNLIMITED, &r),
	    POLICY_ALLOW);
	/* refusals: read-only first, then the root, then no change */
	assert_int_equal(decide(true, true, 0, 512 * MIB, 563 * MIB, &r),
	                 POLICY_REFUSE);
	assert_int_equal(r, MEMSIZE_R_READ_ONLY);
	assert_non_null(strstr(memsize_reason_text(r), "--read-only"));
	assert_int_equal(decide(false, true, 0, 512 * MIB, 563 * MIB, &r),
	                 POLICY_REFUSE);
	assert_int_equal(r, MEMSIZE_R_ROOT);
	assert_int_equal(decide(false, false, 0, 512 * MIB, 512 * MIB, &r),
	                 POLICY_REFUSE);
	assert_int_equal(r, MEMSIZE_R_SAME);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_accepts),
	    cmocka_unit_test(test_parse_rejects),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_step),
	    cmocka_unit_test(test_decide),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
