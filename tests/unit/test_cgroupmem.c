/* Unit tests for model/cgroupmem.c: v1, v2 and hybrid /proc/PID/cgroup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgroupmem.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

/* The path found for mode as a string ("<none>" on failure). */
static const char *
path_of(const char *buf, size_t len, enum snap_cgroup_mode mode)
{
	static char out[256];
	size_t off, n;

	if (cgroupmem_path(buf, len, mode, &off, &n) != 0)
		return "<none>";
	memcpy(out, buf + off, n);
	out[n] = '\0';
	return out;
}

static void
test_hybrid_as_captured(void **state)
{
	char buf[1024];
	ssize_t n = procfix_read("basic/self/cgroup", buf, sizeof buf);
	(void)state;
	assert_true(n > 0);
	/* a v1 memory line wins even if the unified side had memory */
	assert_int_equal(cgroupmem_mode(buf, (size_t)n, false), SNAP_CGROUP_V1);
	assert_int_equal(cgroupmem_mode(buf, (size_t)n, true), SNAP_CGROUP_V1);
	assert_string_equal(path_of(buf, (size_t)n, SNAP_CGROUP_V1),
	                    "/process_api/5c47445ade4f31a87aae5889d648ea02");
	assert_string_equal(path_of(buf, (size_t)n, SNAP_CGROUP_V2), "/");
}

static void
test_v1_joined_controllers(void **state)
{
	(void)state;
	assert_string_equal(
	    path_of(S("5:cpu,memory:/a:b\n3:cpuacct:/c\n"), SNAP_CGROUP_V1),
	    "/a:b");
	assert_string_equal(path_of(S("5:memoryx:/a\n"), SNAP_CGROUP_V1),
	                    "<none>");
	assert_int_equal(cgroupmem_mode(S("5:memoryx:/a\n0::/\n"), false),
	                 SNAP_CGROUP_NONE);
}

static void
test_v2(void **state)
{
	char buf[1024];
	ssize_t n = procfix_read("v2-nopsi/self/cgroup", buf, sizeof buf);
	(void)state;
	assert_int_equal(cgroupmem_mode(buf, (size_t)n, true), SNAP_CGROUP_V2);
	assert_int_equal(cgroupmem_mode(buf, (size_t)n, false),
	                 SNAP_CGROUP_NONE);
	assert_string_equal(path_of(buf, (size_t)n, SNAP_CGROUP_V2),
	                    "/user.slice/user-1000.slice/session-3.scope");
	assert_string_equal(path_of(buf, (size_t)n, SNAP_CGROUP_V1), "<none>");
	assert_string_equal(path_of(buf, (size_t)n, SNAP_CGROUP_NONE),
	                    "<none>");
	n = procfix_read("v2-nopsi/cgroupfs/cgroup.controllers", buf,
	                 sizeof buf);
	assert_true(cgroupmem_controllers_have_memory(buf, (size_t)n));
	assert_false(cgroupmem_controllers_have_memory(S("cpu memoryx io\n")));
	assert_false(cgroupmem_controllers_have_memory(S("")));
}

static void
test_malformed(void **state)
{
	size_t off = 77, n = 77;
	(void)state;
	assert_int_equal(
	    cgroupmem_path(S("4:memory:/a"), SNAP_CGROUP_V1, &off, &n),
	    -1); /* truncated */
	assert_int_equal(cgroupmem_path(S("garbage\n4:memory:/a\n"),
	                                SNAP_CGROUP_V1, &off, &n),
	                 -1);
	assert_int_equal(
	    cgroupmem_path(S(":memory:/a\n"), SNAP_CGROUP_V1, &off, &n), -1);
	assert_int_equal(cgroupmem_path(S(""), SNAP_CGROUP_V2, &off, &n), -1);
	assert_int_equal(off, 77);
	assert_int_equal(n, 77);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hybrid_as_captured),
	    cmocka_unit_test(test_v1_joined_controllers),
	    cmocka_unit_test(test_v2),
	    cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
