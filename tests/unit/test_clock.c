/* Unit tests for the clocks and their test hook (core/clock.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/clock.h"

/* The system's CLOCK_MONOTONIC in milliseconds. */
static uint64_t
sys_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* A timespec in milliseconds. */
static uint64_t
ts_ms(struct timespec ts)
{
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Every test starts and ends with running clocks and no variable. */
static int
reset(void **state)
{
	(void)state;
	clock_unfix();
	unsetenv(CLOCK_TEST_ENV);
	return 0;
}

static void
test_running_clocks_follow_the_system(void **state)
{
	struct timespec rt;
	uint64_t before, mono, after;
	int64_t wall;
	(void)state;
	assert_false(clock_fixed());
	before = sys_mono_ms();
	mono = clock_mono_ms();
	after = sys_mono_ms();
	assert_true(before <= mono && mono <= after);
	clock_gettime(CLOCK_REALTIME, &rt);
	wall = clock_wall_ms();
	assert_true(wall >= (int64_t)rt.tv_sec * 1000 &&
	            wall <= (int64_t)rt.tv_sec * 1000 + 2000);
	/* the boot clock counts suspend too: never behind monotonic */
	assert_true(clock_boot_ns() / 1000000u >= mono);
	assert_true(clock_suspended_us() >= 0);
	/* a running deadline is the same instant */
	assert_int_equal(ts_ms(clock_deadline_ts(123456789)), 123456789);
	assert_int_equal(clock_deadline_ts(5001).tv_nsec, 1000000L);
}

static void
test_fix_freezes_and_unfix_runs_again(void **state)
{
	struct timespec req = {0, 3000000L};
	(void)state;
	clock_fix(1700000000123, 42000);
	assert_true(clock_fixed());
	nanosleep(&req, NULL);
	assert_int_equal(clock_mono_ms(), 42000);
	assert_int_equal(clock_wall_ms(), 1700000000123);
	assert_int_equal(clock_boot_ns(), 42000000000ull);
	assert_int_equal(clock_suspended_us(), 0);
	clock_fix(-5, 7);
	assert_int_equal(clock_wall_ms(), -5);
	assert_int_equal(clock_mono_ms(), 7);
	clock_unfix();
	assert_false(clock_fixed());
	assert_true(clock_mono_ms() > 7);
	assert_true(clock_wall_ms() > 1700000000123);
}

static void
test_frozen_deadline_is_a_real_time(void **state)
{
	uint64_t before, got;
	(void)state;
	clock_fix(0, 1000);
	before = sys_mono_ms();
	got = ts_ms(clock_deadline_ts(1250));
	assert_true(got >= before + 250 && got <= sys_mono_ms() + 250);
	/* a passed deadline is now, not the frozen value */
	before = sys_mono_ms();
	got = ts_ms(clock_deadline_ts(10));
	assert_true(got >= before && got <= sys_mono_ms());
}

static void
test_env_fixes(void **state)
{
	(void)state;
	assert_int_equal(clock_fix_from_env(), 0);
	assert_false(clock_fixed());
	setenv(CLOCK_TEST_ENV, "", 1);
	assert_int_equal(clock_fix_from_env(), 0);
	assert_false(clock_fixed());
	setenv(CLOCK_TEST_ENV, "1700000000000", 1);
	assert_int_equal(clock_fix_from_env(), 1);
	assert_int_equal(clock_wall_ms(), 1700000000000);
	assert_int_equal(clock_mono_ms(), CLOCK_TEST_MONO_MS);
	setenv(CLOCK_TEST_ENV, "0:99", 1);
	assert_int_equal(clock_fix_from_env(), 1);
	assert_int_equal(clock_wall_ms(), 0);
	assert_int_equal(clock_mono_ms(), 99);
	setenv(CLOCK_TEST_ENV, "9223372036854775807:18446744073709", 1);
	assert_int_equal(clock_fix_from_env(), 1);
	assert_int_equal(clock_wall_ms(), INT64_MAX);
	assert_int_equal(clock_mono_ms(), 18446744073709u);
}

static void
test_env_malformed_keeps_running(void **state)
{
	static const char *const bad[] = {
	    "x",
	    "-1",
	    "+5",
	    " 5",
	    "5 ",
	    "5:",
	    ":5",
	    "5:6:7",
	    "5:-6",
	    "1.5",
	    "0x10",
	    "9223372036854775808",
	    "5:18446744073710",
	    "5:6x",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		setenv(CLOCK_TEST_ENV, bad[i], 1);
		if (clock_fix_from_env() != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_false(clock_fixed());
	}
}

/* Wall times as local text, and the fallback when it does not fit. */
static void
test_wall_text(void **state)
{
	char buf[32];
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	assert_string_equal(clock_wall_text(86400000, "%Y-%m-%d %H:%M:%S", "?",
	                                    buf, sizeof buf),
	                    "1970-01-02 00:00:00");
	assert_string_equal(clock_wall_text(86400000, "%Y-%m-%d", "--", buf, 5),
	                    "--");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_running_clocks_follow_the_system, reset, reset),
	    cmocka_unit_test_setup_teardown(
	        test_fix_freezes_and_unfix_runs_again, reset, reset),
	    cmocka_unit_test_setup_teardown(test_frozen_deadline_is_a_real_time,
	                                    reset, reset),
	    cmocka_unit_test_setup_teardown(test_env_fixes, reset, reset),
	    cmocka_unit_test(test_wall_text),
	    cmocka_unit_test_setup_teardown(test_env_malformed_keeps_running,
	                                    reset, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
