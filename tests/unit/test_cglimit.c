/*
 * Unit tests for action/cglimit.c on a temporary directory of fake cgroup
 * files: a write and its re-read, the undo (newest first), the audit line,
 * refusals (--read-only, the root) and the words for each error; inside a
 * container, a mount whose root is /docker/abc (a fixture mountinfo).
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
#include "tfile.h"

#include "action/cglimit.h"
#include "collect/cgmap.h"
#include "model/cgmem.h"

#define MIB (1LL << 20)

/* A temporary hierarchy with /web (v2 files) and the audit lines. */
struct fix {
	char dir[64];
	struct cglimit_root root;
	struct action_ctx ctx;
	struct tfile_lines audit;
	struct cglimit_journal j;
};

/* Write text to dir/name. */
static void
put(const struct fix *f, const char *name, const char *text)
{
	char p[256];

	snprintf(p, sizeof p, "%s/%s", f->dir, name);
	assert_int_equal(tfile_put(p, text), 0);
}

/* Read dir/name into a static buffer. */
static const char *
get(const struct fix *f, const char *name)
{
	static char buf[64];
	char p[256];

	snprintf(p, sizeof p, "%s/%s", f->dir, name);
	assert_int_equal(tfile_get(p, buf, sizeof buf), 0);
	return buf;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/cglimit.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	*state = f;
	put(f, "memory.max", "max\n");
	{
		char p[128];
		snprintf(p, sizeof p, "%s/web", f->dir);
		if (mkdir(p, 0755) != 0)
			return -1;
	}
	put(f, "web/memory.max", "536870912\n");
	put(f, "web/memory.high", "max\n");
	put(f, "web/memory.current", "522190848\n");
	cglimit_root_init(&f->root);
	f->ctx.uid = 1000;
	snprintf(f->ctx.login, sizeof f->ctx.login, "ann");
	f->ctx.audit = tfile_keep_line;
	f->ctx.audit_arg = &f->audit;
	return cglimit_root_open(&f->root, f->dir, "/");
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	cglimit_root_close(&f->root);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void
test_set_and_undo(void **state)
{
	struct fix *f = *state;
	struct cglimit_result r;
	char buf[256];

	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V2,
	                             CGLIMIT_MAX, "/web", 4, 563 * MIB, &f->j,
	                             &r),
	                 0);
	assert_string_equal(get(f, "web/memory.max"), "590348288");
	assert_int_equal(r.old_bytes, 512 * MIB);
	assert_int_equal(r.new_bytes, 563 * MIB);
	assert_int_equal(r.usage_bytes, 498 * MIB);
	cglimit_describe(&r, buf, sizeof buf);
	assert_string_equal(buf, "memory.max 512M -> 563M, usage 498M (/web)");
	assert_int_equal(f->audit.nlines, 1);
	assert_string_equal(f->audit.lines[0], "uid=1000 login=ann cgroup=/web "
	                                       "action=memory.max 512M -> 563M "
	                                       "result=ok");
	/* a second change (memory.high to unlimited... already: set 1G) */
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V2,
	                             CGLIMIT_HIGH, "/web", 4, 1024 * MIB, &f->j,
	                             &r),
	                 0);
	assert_int_equal(f->j.n, 2);
	/* undo: newest first */
	assert_int_equal(cglimit_undo(&f->ctx, &f->root, &f->j, &r), 0);
	assert_string_equal(get(f, "web/memory.high"), "max");
	assert_string_equal(get(f, "web/memory.max"), "590348288");
	assert_int_equal(cglimit_undo(&f->ctx, &f->root, &f->j, &r), 0);
	assert_string_equal(get(f, "web/memory.max"), "536870912");
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "undone: memory.max 563M -> 512M"));
	assert_int_equal(cglimit_undo(&f->ctx, &f->root, &f->j, &r), -ENOENT);
	cglimit_describe(&r, buf, sizeof buf);
	assert_string_equal(buf, "no cgroup limit change to undo");
}

static void
test_refusals(void **state)
{
	struct fix *f = *state;
	struct cglimit_result r;
	char buf[256];

	f->ctx.read_only = true;
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V2,
	                             CGLIMIT_MAX, "/web", 4, 600 * MIB, &f->j,
	                             &r),
	                 -EROFS);
	assert_string_equal(get(f, "web/memory.max"), "536870912\n");
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "--read-only"));
	assert_non_null(
	    strstr(f->audit.lines[0], "result=memory.max not changed"));
	f->ctx.read_only = false;
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V2,
	                             CGLIMIT_MAX, "/", 1, 600 * MIB, &f->j, &r),
	                 -ECANCELED);
	assert_string_equal(get(f, "memory.max"), "max\n");
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "root cgroup"));
	assert_int_equal(f->j.n, 0);
	assert_int_equal(f->audit.nlines, 2);
}

static void
test_errors_in_words(void **state)
{
	struct fix *f = *state;
	struct cglimit_result r;
	char buf[256];

	/* a cgroup that is gone */
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V2,
	                             CGLIMIT_MAX, "/gone", 5, 600 * MIB, &f->j,
	                             &r),
	                 -ENOENT);
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "the cgroup is gone"));
	/* v1 has no memory.high */
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V1,
	                             CGLIMIT_HIGH, "/web", 4, 600 * MIB, &f->j,
	                             &r),
	                 -EOPNOTSUPP);
	/* the kernel's errors, as cglimit_describe words them */
	r.err = -EBUSY;
	r.mode = SNAP_CGROUP_V1;
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "EBUSY"));
	r.err = -EACCES;
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "permission denied"));
	r.err = -EINVAL;
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "memsw.limit_in_bytes"));
	r.err = -ENODEV;
	cglimit_describe(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "gone"));
	/* a v1 unlimited limit reads as unlimited, and is written as -1 */
	put(f, "web/memory.limit_in_bytes", "9223372036854771712\n");
	put(f, "web/memory.usage_in_bytes", "1048576\n");
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V1,
	                             CGLIMIT_MAX, "/web", 4, 2 * MIB, &f->j,
	                             &r),
	                 0);
	assert_int_equal(r.old_bytes, CGMEM_UNLIMITED);
	assert_int_equal(cglimit_undo(&f->ctx, &f->root, &f->j, &r), 0);
	assert_string_equal(get(f, "web/memory.limit_in_bytes"), "-1");
}

/* v1: a raise above memsw.limit_in_bytes raises that first by as much;
 * the undo lowers the memory limit, then memsw. */
static void
test_v1_memsw_follows(void **state)
{
	struct fix *f = *state;
	struct cglimit_result r;
	char buf[256];

	put(f, "web/memory.limit_in_bytes", "67108864\n");
	put(f, "web/memory.memsw.limit_in_bytes", "67108864\n");
	put(f, "web/memory.usage_in_bytes", "54525952\n");
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V1,
	                             CGLIMIT_MAX, "/web", 4, 70 * MIB, &f->j,
	                             &r),
	                 0);
	assert_string_equal(get(f, "web/memory.memsw.limit_in_bytes"),
	                    "73400320");
	assert_string_equal(get(f, "web/memory.limit_in_bytes"), "73400320");
	cglimit_describe(&r, buf, sizeof buf);
	assert_string_equal(buf, "memory.limit_in_bytes 64M -> 70M, usage 52M "
	                         "(/web); memsw.limit_in_bytes 64M -> 70M");
	assert_int_equal(cglimit_undo(&f->ctx, &f->root, &f->j, &r), 0);
	assert_string_equal(get(f, "web/memory.limit_in_bytes"), "67108864");
	assert_string_equal(get(f, "web/memory.memsw.limit_in_bytes"),
	                    "67108864");
	/* a lowering leaves memsw alone */
	assert_int_equal(cglimit_set(&f->ctx, &f->root, SNAP_CGROUP_V1,
	                             CGLIMIT_MAX, "/web", 4, 60 * MIB, &f->j,
	                             &r),
	                 0);
	assert_string_equal(get(f, "web/memory.memsw.limit_in_bytes"),
	                    "67108864");
	assert_true(r.memsw_new == SNAP_NA);
}

/* A container's view: the hierarchy is mounted at the temporary
 * directory, and mountinfo names /docker/abc as the mount's root, so the
 * snapshot's paths start with it. */
static void
test_mount_root_in_a_container(void **state)
{
	struct fix *f = *state;
	struct cglimit_result r;
	struct cglimit_root in;
	char mi[1024], fixture[4096], mnt[256], root[256];
	size_t skip;
	(void)state;
	/* the checked-in mountinfo of a container: cgroup2 at
	 * /sys/fs/cgroup whose root is /docker/abc */
	assert_int_equal(tfile_get("tests/fixtures/cgroup/mountinfo-container",
	                           fixture, sizeof fixture),
	                 0);
	assert_int_equal(cgmap_parse_mountinfo(fixture, strlen(fixture),
	                                       SNAP_CGROUP_V2, mnt, sizeof mnt,
	                                       root, sizeof root),
	                 0);
	assert_string_equal(mnt, "/sys/fs/cgroup");
	assert_string_equal(root, "/docker/abc");
	/* the same line with the mount point at our directory */
	snprintf(mi, sizeof mi,
	         "24 1 0:21 / / rw - overlay overlay rw\n"
	         "30 24 0:26 /docker/abc %s ro,nosuid - cgroup2 cgroup2 rw\n",
	         f->dir);
	assert_int_equal(cgmap_parse_mountinfo(mi, strlen(mi), SNAP_CGROUP_V2,
	                                       mnt, sizeof mnt, root,
	                                       sizeof root),
	                 0);
	cglimit_root_init(&in);
	assert_int_equal(cglimit_root_open(&in, mnt, root), 0);
	/* the paths the collector names: /docker/abc/web is web/ here */
	assert_int_equal(cglimit_root_rel(&in, "/docker/abc/web", 15, &skip),
	                 0);
	assert_int_equal(skip, 11);
	assert_int_equal(cglimit_root_rel(&in, "/docker/abcd/web", 16, &skip),
	                 -ENOENT);
	assert_int_equal(cglimit_root_rel(&in, "/web", 4, &skip), -ENOENT);
	assert_int_equal(cglimit_set(&f->ctx, &in, SNAP_CGROUP_V2, CGLIMIT_MAX,
	                             "/docker/abc/web", 15, 768 * MIB, &f->j,
	                             &r),
	                 0);
	assert_string_equal(get(f, "web/memory.max"), "805306368");
	/* the audit and the journal keep the path as the snapshot names it */
	assert_non_null(strstr(f->audit.lines[f->audit.nlines - 1],
	                       "cgroup=/docker/abc/web"));
	assert_int_equal(cglimit_undo(&f->ctx, &in, &f->j, &r), 0);
	assert_string_equal(get(f, "web/memory.max"), "536870912");
	/* a path outside the container's tree is not written */
	assert_int_equal(cglimit_set(&f->ctx, &in, SNAP_CGROUP_V2, CGLIMIT_MAX,
	                             "/docker/abcd/web", 16, 768 * MIB, &f->j,
	                             &r),
	                 -ENOENT);
	assert_false(r.written);
	/* the container's own top is the mount's directory */
	assert_int_equal(
	    cglimit_read(&in, "/docker/abc", 11, "memory.max", &r.old_bytes),
	    0);
	assert_true(r.old_bytes == CGMEM_UNLIMITED);
	cglimit_root_close(&in);
	assert_int_equal(in.fd, -1);
	assert_int_equal(
	    cglimit_read(&in, "/web", 4, "memory.max", &r.old_bytes), -EBADF);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_set_and_undo, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_errors_in_words, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_v1_memsw_follows, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_mount_root_in_a_container,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, fixdir_setup, NULL);
}
