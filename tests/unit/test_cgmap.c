/*
 * Unit tests for collect/cgmap.c: the mountinfo parser (captured hybrid
 * machine, pure v2, containers, escapes, malformed and truncated text)
 * and the walk over the fixture hierarchy tests/fixtures/proc/cgmap/
 * cgroupfs/memory (nested cgroups, a name with a space, a pid listed
 * twice, a pid 0, an empty cgroup, the start-time rule, the directory
 * limit, malformed cgroup.procs) and cgmap_lists (listed once, twice,
 * not at all, after a failed walk).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixdir.h"
#include "collect/cgmap.h"
#include "collect/procroot.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1
#define TREE PROCFIX_DIR "cgmap/cgroupfs/memory"

/* The mount and root found for mode, as "MNT|ROOT" ("<none>" if none). */
static const char *
mount_of(const char *buf, size_t len, enum snap_cgroup_mode mode)
{
	static char out[600];
	char mnt[256], root[256];

	if (cgmap_parse_mountinfo(buf, len, mode, mnt, sizeof mnt, root,
	                          sizeof root) != 0)
		return "<none>";
	snprintf(out, sizeof out, "%s|%s", mnt, root);
	return out;
}

static void
test_mountinfo_hybrid_as_captured(void **state)
{
	char buf[8192];
	ssize_t n = procfix_read("../mountinfo/hybrid", buf, sizeof buf);
	(void)state;
	assert_true(n > 0);
	assert_string_equal(mount_of(buf, (size_t)n, SNAP_CGROUP_V1),
	                    "/sys/fs/cgroup/memory|/");
	/* the unified mount of a hybrid machine (without memory) */
	assert_string_equal(mount_of(buf, (size_t)n, SNAP_CGROUP_V2),
	                    "/sys/fs/cgroup/unified|/");
	assert_string_equal(mount_of(buf, (size_t)n, SNAP_CGROUP_NONE),
	                    "<none>");
}

static void
test_mountinfo_variants(void **state)
{
	(void)state;
	/* Debian 12 pure v2, with optional fields before the separator */
	assert_string_equal(
	    mount_of(S("35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,"
	               "relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,"
	               "memory_recursiveprot\n"),
	             SNAP_CGROUP_V2),
	    "/sys/fs/cgroup|/");
	/* memory_recursiveprot is not the memory controller */
	assert_string_equal(
	    mount_of(S("35 24 0:30 / /sys/fs/cgroup rw shared:9 - cgroup2 "
	               "cgroup2 rw,memory_recursiveprot\n"),
	             SNAP_CGROUP_V1),
	    "<none>");
	/* v1 with joined controllers, mounted under a bind root */
	assert_string_equal(
	    mount_of(S("40 31 0:37 /docker/ab12 /sys/fs/cgroup/cpu,memory rw "
	               "master:20 - cgroup cgroup rw,cpu,memory\n"),
	             SNAP_CGROUP_V1),
	    "/sys/fs/cgroup/cpu,memory|/docker/ab12");
	/* a controller whose name only starts with memory does not count */
	assert_string_equal(
	    mount_of(S("40 31 0:37 / /x rw - cgroup cgroup rw,memoryx\n"),
	             SNAP_CGROUP_V1),
	    "<none>");
	/* octal escapes in the mount point and root */
	assert_string_equal(
	    mount_of(S("41 31 0:38 /a\\040b /mnt/c\\040g\\134x rw - cgroup2 "
	               "cgroup2 rw\n"),
	             SNAP_CGROUP_V2),
	    "/mnt/c g\\x|/a b");
	/* the first match wins; malformed lines before it are skipped */
	assert_string_equal(
	    mount_of(S("garbage\n"
	               "1 2 3 / /p rw no-separator-here cgroup2\n"
	               "41 31 0:38 / /first rw - cgroup2 cgroup2 rw\n"
	               "42 31 0:38 / /second rw - cgroup2 cgroup2 rw\n"),
	             SNAP_CGROUP_V2),
	    "/first|/");
}

static void
test_mountinfo_refused(void **state)
{
	(void)state;
	/* root outside our cgroup namespace: paths would not match */
	assert_string_equal(
	    mount_of(S("41 31 0:38 /.. /sys/fs/cgroup rw - cgroup2 cgroup2 "
	               "rw\n"),
	             SNAP_CGROUP_V2),
	    "<none>");
	assert_string_equal(
	    mount_of(S("41 31 0:38 /../x /sys/fs/cgroup rw - cgroup2 "
	               "cgroup2 rw\n"),
	             SNAP_CGROUP_V2),
	    "<none>");
	/* but a cgroup whose name starts with two dots is fine */
	assert_string_equal(
	    mount_of(S("41 31 0:38 /..x /m rw - cgroup2 cgroup2 rw\n"),
	             SNAP_CGROUP_V2),
	    "/m|/..x");
	/* truncated: the line with the mount has no newline */
	assert_string_equal(
	    mount_of(S("41 31 0:38 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw"),
	             SNAP_CGROUP_V2),
	    "<none>");
	/* only the type before the source counts, not the source name */
	assert_string_equal(
	    mount_of(S("41 31 0:38 / /t rw - tmpfs cgroup2 rw\n"),
	             SNAP_CGROUP_V2),
	    "<none>");
	/* a mount point longer than the buffer */
	{
		char line[600];
		int n = snprintf(line, sizeof line,
		                 "41 31 0:38 / /%0300d rw - cgroup2 cgroup2 "
		                 "rw\n",
		                 0);
		assert_string_equal(mount_of(line, (size_t)n, SNAP_CGROUP_V2),
		                    "<none>");
	}
	assert_string_equal(mount_of(S(""), SNAP_CGROUP_V2), "<none>");
}

/* A map over dir with prefix; fails the test when it cannot be made. */
static struct cgmap *
open_map(const char *dir, const char *prefix)
{
	int fd = procroot_open(dir);
	struct cgmap *m;

	assert_true(fd >= 0);
	m = cgmap_new(fd, prefix);
	assert_non_null(m);
	return m;
}

/* The path the map gives (pid, start) as a string, or "<none>". */
static const char *
find_str(const struct cgmap *m, const struct snapshot *s, int32_t pid,
         uint64_t start)
{
	static char out[256];
	uint32_t off, len;
	const char *p;

	if (!cgmap_find(m, pid, start, &off, &len))
		return "<none>";
	p = snapshot_str(s, off, len);
	assert_non_null(p);
	assert_true(len < sizeof out);
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

static void
test_walk_fixture(void **state)
{
	struct cgmap *m = open_map(TREE, "/");
	struct snapshot s;
	uint32_t off1, len1, off2, len2;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 100), 0);
	/* the root, an empty parent and the cgroups under it */
	assert_int_equal(cgmap_dirs(m), 9);
	assert_string_equal(find_str(m, &s, 1, 5), "/");
	assert_string_equal(find_str(m, &s, 100, 900),
	                    "/system.slice/ssh.service");
	assert_string_equal(find_str(m, &s, 200, 2000), "/svc/b c");
	assert_string_equal(find_str(m, &s, 300, 2100), "/user.slice/s1.scope");
	/* 400 is listed by two cgroups (it moved): no answer */
	assert_string_equal(find_str(m, &s, 400, 2200), "<none>");
	/* 500 is listed by none; 0 is never a pid */
	assert_string_equal(find_str(m, &s, 500, 2300), "<none>");
	assert_string_equal(find_str(m, &s, 0, 1), "<none>");
	/* processes of one cgroup share one pooled path */
	assert_true(cgmap_find(m, 100, 900, &off1, &len1));
	assert_true(cgmap_find(m, 101, 901, &off2, &len2));
	assert_int_equal(off1, off2);
	assert_int_equal(len1, len2);
	/* the empty cgroup is not pooled: only five paths are */
	assert_int_equal(s.strings_len,
	                 strlen("/") + strlen("/system.slice/ssh.service") +
	                     strlen("/svc/b c") + strlen("/svc/old") +
	                     strlen("/user.slice/s1.scope"));
	snapshot_fini(&s);
	cgmap_free(m);
}

static void
test_started_after_walk(void **state)
{
	struct cgmap *m = open_map(TREE, "");
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	/* the walk started at tick 2000: 600's pid was someone else's */
	assert_int_equal(cgmap_load(m, &s, 2000, 100), 0);
	assert_string_equal(find_str(m, &s, 600, 1999), "/svc/old");
	assert_string_equal(find_str(m, &s, 600, 2000), "<none>");
	assert_string_equal(find_str(m, &s, 600, 999999999999), "<none>");
	assert_string_equal(find_str(m, &s, 100, 900),
	                    "/system.slice/ssh.service");
	snapshot_fini(&s);
	cgmap_free(m);
}

static void
test_prefix(void **state)
{
	struct cgmap *m = open_map(TREE, "/kubepods/pod1");
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 100), 0);
	assert_string_equal(find_str(m, &s, 1, 5), "/kubepods/pod1");
	assert_string_equal(find_str(m, &s, 200, 2000),
	                    "/kubepods/pod1/svc/b c");
	snapshot_fini(&s);
	cgmap_free(m);
}

static void
test_too_many_dirs(void **state)
{
	struct cgmap *m = open_map(TREE, "/");
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 100), 0);
	assert_string_equal(find_str(m, &s, 1, 5), "/");
	/* a walk that gives up answers nothing, not half */
	snapshot_reset(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 8), -E2BIG);
	assert_string_equal(find_str(m, &s, 1, 5), "<none>");
	assert_string_equal(find_str(m, &s, 100, 900), "<none>");
	/* and the next good walk answers again */
	snapshot_reset(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 9), 0);
	assert_string_equal(find_str(m, &s, 100, 900),
	                    "/system.slice/ssh.service");
	snapshot_fini(&s);
	cgmap_free(m);
}

/*
 * cgmap_lists: true for a pid one cgroup lists (whatever its start time),
 * false for a pid listed by two, by none, before any walk and after a
 * walk that gave up.
 */
static void
test_lists(void **state)
{
	struct cgmap *m = open_map(TREE, "/");
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	assert_false(cgmap_lists(m, 100)); /* no walk yet */
	assert_int_equal(cgmap_load(m, &s, 2000, 100), 0);
	assert_true(cgmap_lists(m, 1));
	assert_true(cgmap_lists(m, 100));
	assert_true(cgmap_lists(m, 101));
	assert_true(cgmap_lists(m, 200));
	assert_true(cgmap_lists(m, 300));
	/* 600 started after this walk: find refuses it, lists does not */
	assert_true(cgmap_lists(m, 600));
	assert_string_equal(find_str(m, &s, 600, 2000), "<none>");
	/* 400 is listed by two cgroups, 500 by none; 0 and -1 are no pids */
	assert_false(cgmap_lists(m, 400));
	assert_false(cgmap_lists(m, 500));
	assert_false(cgmap_lists(m, 0));
	assert_false(cgmap_lists(m, -1));
	/* a walk that gives up lists nothing */
	snapshot_reset(&s);
	assert_int_equal(cgmap_load(m, &s, 5000, 8), -E2BIG);
	assert_false(cgmap_lists(m, 100));
	assert_false(cgmap_lists(m, 1));
	snapshot_fini(&s);
	cgmap_free(m);
}

/* Write text to dir/name. */
static void
put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load a one-cgroup tree whose cgroup.procs holds text. */
static int
load_procs(const char *text, struct snapshot *s, struct cgmap **mp)
{
	char dir[] = "/tmp/oomwatch-cgmap-XXXXXX";
	char path[600];
	int rc;

	assert_non_null(mkdtemp(dir));
	put_file(dir, "cgroup.procs", text);
	*mp = open_map(dir, "/");
	rc = cgmap_load(*mp, s, 5000, 10);
	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	unlink(path);
	rmdir(dir);
	return rc;
}

static void
test_malformed_procs(void **state)
{
	static const char *const bad[] = {
	    "12 \n",         "x\n",   "1\n\n2\n", "-5\n",
	    "99999999999\n", "1\r\n", "1\n2", /* cut: no final newline */
	};
	struct snapshot s;
	struct cgmap *m;
	(void)state;
	snapshot_init(&s);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snapshot_reset(&s);
		assert_int_equal(load_procs(bad[i], &s, &m), -EINVAL);
		assert_string_equal(find_str(m, &s, 1, 5), "<none>");
		cgmap_free(m);
	}
	snapshot_reset(&s);
	assert_int_equal(load_procs("7\n0\n2147483647\n", &s, &m), 0);
	assert_string_equal(find_str(m, &s, 7, 5), "/");
	assert_string_equal(find_str(m, &s, 2147483647, 5), "/");
	cgmap_free(m);
	snapshot_reset(&s);
	assert_int_equal(load_procs("", &s, &m), 0);
	assert_string_equal(find_str(m, &s, 7, 5), "<none>");
	assert_int_equal(s.strings_len, 0);
	cgmap_free(m);
	snapshot_fini(&s);
}

static void
test_many_pids_grow(void **state)
{
	char *text = malloc(20000 * 8);
	size_t len = 0;
	struct snapshot s;
	struct cgmap *m;
	(void)state;
	assert_non_null(text);
	for (int p = 1; p <= 20000; p++)
		len += (size_t)sprintf(text + len, "%d\n", p * 3);
	snapshot_init(&s);
	assert_int_equal(load_procs(text, &s, &m), 0);
	for (int p = 1; p <= 20000; p++) {
		uint32_t off, l;
		assert_true(cgmap_find(m, p * 3, 5, &off, &l));
		assert_false(cgmap_find(m, p * 3 + 1, 5, &off, &l));
		assert_true(cgmap_lists(m, p * 3));
		assert_false(cgmap_lists(m, p * 3 + 1));
	}
	cgmap_free(m);
	snapshot_fini(&s);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mountinfo_hybrid_as_captured),
	    cmocka_unit_test(test_mountinfo_variants),
	    cmocka_unit_test(test_mountinfo_refused),
	    cmocka_unit_test(test_walk_fixture),
	    cmocka_unit_test(test_started_after_walk),
	    cmocka_unit_test(test_prefix),
	    cmocka_unit_test(test_too_many_dirs),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_malformed_procs),
	    cmocka_unit_test(test_many_pids_grow),
	};
	return cmocka_run_group_tests(tests, fixdir_setup, NULL);
}
