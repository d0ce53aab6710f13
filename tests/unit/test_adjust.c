/*
 * Unit tests for action/adjust.c against children this test starts:
 * raise, lower within the allowed range back to the original, lower below
 * the minimum (EACCES without CAP_SYS_RESOURCE, decided from capabilities,
 * success with it), exited target, out-of-range values (nothing written),
 * --read-only, the undo journal, another user's process, the texts.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_fixture.h"
#include "action/action.h"
#include "action/adjust.h"

static void
test_raise_and_lower_back(void **state)
{
	struct action_ctx ctx;
	struct adjust_journal *j = test_malloc(sizeof *j);
	struct act_child c;
	struct target t;
	struct adjust_result r;
	char line[256];
	long orig;
	(void)state;
	act_ctx_init(&ctx, false);
	adjust_journal_init(j);
	assert_int_equal(act_hold(&c, &t), 0);
	orig = act_read_long(c.pid, "oom_score_adj");
	assert_true(orig >= -1000 && orig <= 900);
	/* F8 twice: +200 */
	assert_int_equal(adjust_step(&ctx, &t, j, 100, 1000, &r), 0);
	assert_int_equal(adjust_step(&ctx, &t, j, 100, 2000, &r), 0);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig + 200);
	assert_int_equal(r.old_adj, orig + 100);
	assert_int_equal(r.new_adj, orig + 200);
	assert_true(r.written);
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "adj "));
	assert_non_null(strstr(line, " -> "));
	assert_int_equal(act_audit_count, 2);
	assert_non_null(strstr(act_audit_last, "action=adj "));
	assert_non_null(strstr(act_audit_last, "result=ok"));
	/* F7 once: -100, within [min, 1000] */
	assert_int_equal(adjust_step(&ctx, &t, j, -100, 3000, &r), 0);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig + 100);
	/* exact value back to the original */
	assert_int_equal(adjust_set(&ctx, &t, j, (int)orig, 4000, &r), 0);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig);
	assert_int_equal(j->ring.len, 4);
	assert_int_equal(adjust_journal_at(j, 0)->old_adj, orig);
	assert_int_equal(adjust_journal_at(j, 0)->new_adj, orig + 100);
	assert_int_equal(adjust_journal_at(j, 3)->time_unix_ms, 4000);
	assert_int_equal(adjust_journal_at(j, 3)->pid, c.pid);
	assert_int_equal(adjust_journal_at(j, 3)->start_time, c.start_time);
	assert_null(adjust_journal_at(j, 4));
	/* prefer: 1000, then a step up stays clamped at 1000 */
	assert_int_equal(adjust_set(&ctx, &t, j, 1000, 5000, &r), 0);
	assert_int_equal(adjust_step(&ctx, &t, j, 100, 6000, &r), 0);
	assert_int_equal(r.new_adj, 1000);
	assert_int_equal(j->ring.len, 5); /* no change, no entry */
	target_close(&t);
	act_child_kill(&c);
	test_free(j);
}

static void
test_lower_below_minimum(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct adjust_result r;
	char line[256], want[128];
	long orig;
	int rc;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_hold(&c, &t), 0);
	orig = act_read_long(c.pid, "oom_score_adj");
	rc = adjust_set(&ctx, &t, NULL, -1000, 0, &r);
	if (action_has_cap(ACTION_CAP_SYS_RESOURCE)) {
		assert_true(ctx.cap_sys_resource);
		assert_int_equal(rc, 0);
		assert_int_equal(act_read_long(c.pid, "oom_score_adj"), -1000);
	} else {
		/* this machine: root without CAP_SYS_RESOURCE */
		assert_false(ctx.cap_sys_resource);
		assert_int_equal(rc, -EACCES);
		assert_false(r.written);
		assert_int_equal(r.new_adj, orig); /* re-read: unchanged */
		assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig);
		adjust_describe(&r, line, sizeof line);
		snprintf(want, sizeof want,
		         "lowering %ld -> -1000 needs CAP_SYS_RESOURCE, which "
		         "oomwatch lacks here",
		         orig);
		assert_non_null(strstr(line, want));
		assert_non_null(strstr(act_audit_last, "result=lowering "));
	}
	target_close(&t);
	act_child_kill(&c);
}

static void
test_exited_target(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct adjust_result r;
	char line[256];
	int adj;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_hold(&c, &t), 0);
	act_child_kill(&c);
	assert_int_equal(adjust_read(&t, &adj), -ESRCH);
	assert_int_equal(adjust_write(&t, 100), -ESRCH);
	assert_int_equal(adjust_step(&ctx, &t, NULL, 100, 0, &r), -ESRCH);
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "process exited"));
	target_close(&t);
}

/* One request that must be refused with nothing written. */
struct refused_case {
	bool read_only, step;
	int value, err;
	const char *text, *audit;
};

static void
test_refused_writes_nothing(void **state)
{
	static const struct refused_case cases[] = {
	    {false, false, 1001, -ERANGE, "out of range: -1000 to 1000",
	     "result=out of range"},
	    {false, false, -1001, -ERANGE, "out of range: -1000 to 1000",
	     "result=out of range"},
	    {true, true, 100, -EROFS, "read-only mode (--read-only)",
	     "result=read-only"},
	    {true, false, 500, -EROFS, "read-only mode (--read-only)",
	     "result=read-only"},
	};
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct adjust_result r;
	char line[256];
	size_t i;
	long orig;
	(void)state;
	assert_int_equal(act_hold(&c, &t), 0);
	orig = act_read_long(c.pid, "oom_score_adj");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct refused_case *k = &cases[i];
		act_ctx_init(&ctx, k->read_only);
		assert_int_equal(
		    k->step ? adjust_step(&ctx, &t, NULL, k->value, 0, &r)
		            : adjust_set(&ctx, &t, NULL, k->value, 0, &r),
		    k->err);
		assert_false(r.written);
		assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig);
		adjust_describe(&r, line, sizeof line);
		assert_non_null(strstr(line, k->text));
		assert_non_null(strstr(act_audit_last, k->audit));
	}
	assert_int_equal(adjust_write(&t, 5000), -ERANGE);
	target_close(&t);
	act_child_kill(&c);
}

static void
test_refuse_self_and_kthread(void **state)
{
	struct action_ctx ctx;
	struct target t;
	struct adjust_result r;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(
	    target_open(act_proc_fd, getpid(), TARGET_ANY_START, 0, &t), 0);
	assert_int_equal(adjust_step(&ctx, &t, NULL, 100, 0, &r), -ECANCELED);
	assert_int_equal(r.policy.refuse, POLICY_R_SELF);
	target_close(&t);
	if (act_state(2) == 0)
		return;
	assert_int_equal(target_open(act_proc_fd, 2, TARGET_ANY_START, 0, &t),
	                 0);
	assert_int_equal(adjust_set(&ctx, &t, NULL, 500, 0, &r), -ECANCELED);
	assert_int_equal(r.policy.refuse, POLICY_R_KTHREAD);
	target_close(&t);
}

static void
test_undo(void **state)
{
	struct action_ctx ctx;
	struct adjust_journal *j = test_malloc(sizeof *j);
	struct act_child c, d;
	struct target t;
	struct adjust_result r;
	char line[256];
	long orig;
	(void)state;
	act_ctx_init(&ctx, false);
	adjust_journal_init(j);
	assert_int_equal(adjust_undo(&ctx, j, 0, &r), -ENOENT);
	adjust_describe(&r, line, sizeof line);
	assert_string_equal(line, "nothing to undo");
	/* d's change is older; c's the newest */
	assert_int_equal(act_hold(&d, &t), 0);
	assert_int_equal(adjust_step(&ctx, &t, j, 100, 10, &r), 0);
	target_close(&t);
	assert_int_equal(act_hold(&c, &t), 0);
	orig = act_read_long(c.pid, "oom_score_adj");
	assert_int_equal(adjust_set(&ctx, &t, j, 300, 20, &r), 0);
	target_close(&t);
	assert_int_equal(j->ring.len, 2);
	/* u: c back to its original value */
	assert_int_equal(adjust_undo(&ctx, j, 30, &r), 0);
	assert_true(r.undo);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), orig);
	assert_int_equal(j->ring.len, 1);
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "undone: adj 300 -> "));
	assert_non_null(strstr(act_audit_last, "action=adj-undo 300 -> "));
	/* u again, but d exited: refused, entry dropped */
	act_child_kill(&d);
	assert_int_equal(adjust_undo(&ctx, j, 40, &r), -ESRCH);
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "cannot undo"));
	assert_non_null(strstr(line, "process exited"));
	assert_int_equal(j->ring.len, 0);
	act_child_kill(&c);
	test_free(j);
}

/* One key on two tagged processes is one group: u undoes both; a later
 * single change is a group of its own and is undone alone. */
static void
test_undo_group(void **state)
{
	struct action_ctx ctx;
	struct adjust_journal *j = test_malloc(sizeof *j);
	struct act_child c, d;
	struct target tc, td;
	struct adjust_result r;
	long oc, od;
	(void)state;
	act_ctx_init(&ctx, false);
	adjust_journal_init(j);
	assert_int_equal(adjust_journal_last_group(j), 0);
	assert_int_equal(act_hold(&c, &tc), 0);
	assert_int_equal(act_hold(&d, &td), 0);
	oc = act_read_long(c.pid, "oom_score_adj");
	od = act_read_long(d.pid, "oom_score_adj");
	assert_true(oc <= 800 && od <= 800);
	/* an older single change stays out of the group */
	assert_int_equal(adjust_step(&ctx, &tc, j, 100, 1, &r), 0);
	assert_int_equal(adjust_journal_last_group(j), 1);
	/* F8 on both tagged processes */
	adjust_journal_begin(j);
	assert_int_equal(adjust_step(&ctx, &tc, j, 100, 2, &r), 0);
	assert_int_equal(adjust_step(&ctx, &td, j, 100, 2, &r), 0);
	adjust_journal_end(j);
	assert_int_equal(j->ring.len, 3);
	assert_int_equal(adjust_journal_last_group(j), 2);
	/* then a single change on d: its own group */
	assert_int_equal(adjust_set(&ctx, &td, j, od + 150, 3, &r), 0);
	assert_int_equal(adjust_journal_last_group(j), 1);
	assert_int_equal(adjust_undo(&ctx, j, 4, &r), 0);
	assert_int_equal(act_read_long(d.pid, "oom_score_adj"), od + 100);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), oc + 200);
	/* u: the tagged group, both processes back */
	assert_int_equal(adjust_journal_last_group(j), 2);
	assert_int_equal(adjust_undo(&ctx, j, 5, &r), 0);
	assert_int_equal(adjust_undo(&ctx, j, 5, &r), 0);
	assert_int_equal(act_read_long(c.pid, "oom_score_adj"), oc + 100);
	assert_int_equal(act_read_long(d.pid, "oom_score_adj"), od);
	/* the older single change is left, alone in its group */
	assert_int_equal(j->ring.len, 1);
	assert_int_equal(adjust_journal_last_group(j), 1);
	assert_int_equal(adjust_journal_at(j, 0)->pid, c.pid);
	target_close(&tc);
	target_close(&td);
	act_child_kill(&c);
	act_child_kill(&d);
	test_free(j);
}

static void
test_journal_ring(void **state)
{
	struct adjust_journal *j = test_malloc(sizeof *j);
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct adjust_result r;
	size_t i;
	(void)state;
	act_ctx_init(&ctx, false);
	adjust_journal_init(j);
	assert_int_equal(act_hold(&c, &t), 0);
	/* more changes than the ring holds: the oldest are dropped */
	for (i = 0; i < ADJUST_JOURNAL_MAX + 3; i++)
		assert_int_equal(
		    adjust_set(&ctx, &t, j, i % 2 ? 200 : 100, (int64_t)i, &r),
		    0);
	assert_int_equal(j->ring.len, ADJUST_JOURNAL_MAX);
	assert_int_equal(j->dropped, 3);
	assert_int_equal(adjust_journal_at(j, 0)->time_unix_ms, 3);
	assert_int_equal(
	    adjust_journal_at(j, ADJUST_JOURNAL_MAX - 1)->time_unix_ms,
	    ADJUST_JOURNAL_MAX + 2);
	target_close(&t);
	act_child_kill(&c);
	test_free(j);
}

/* As nobody: step the child's adj up. */
static int
step_op(struct action_ctx *ctx, struct target *t, char *line, size_t size)
{
	struct adjust_result r;
	int rc = adjust_step(ctx, t, NULL, 100, 0, &r);

	adjust_describe(&r, line, size);
	return rc;
}

static void
test_not_your_process(void **state)
{
	struct act_nobody nr;
	(void)state;
	if (act_nobody_run(step_op, &nr) != 0) {
		print_message("needs root to become another user\n");
		skip();
		return;
	}
	assert_int_equal(nr.exit_code, EACCES);
	assert_non_null(strstr(nr.line, "not your process (owned by uid 0)"));
	assert_true(nr.alive);
	assert_int_equal(nr.adj_after, nr.adj_before);
}

static void
test_texts(void **state)
{
	struct adjust_result r;
	char line[256];
	(void)state;
	memset(&r, 0, sizeof r);
	r.pid = 42;
	memcpy(r.comm, "evil\x1b[2Jname", 13);
	r.old_adj = 0;
	r.requested = -100;
	r.new_adj = 0;
	r.err = -EPERM;
	r.owner_uid = 1000;
	adjust_describe(&r, line, sizeof line);
	assert_string_equal(line, "adj of pid 42 evil\\x1b[2Jname: owned by "
	                          "uid 1000");
	r.err = -ESTALE;
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "PID now belongs to another process"));
	r.err = -EACCES;
	r.cap_sys_resource = true;
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, ": permission denied"));
	r.err = -EIO;
	r.written = true;
	r.new_adj = 7;
	adjust_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "wrote -100 but it reads 7"));
	assert_int_equal(adjust_describe(&r, line, 4), 3);
}

/* Write text as dir/oom_score_adj (a stand-in /proc/PID directory). */
static void
put_adj_file(const char *dir, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/oom_score_adj", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_read_write_at(void **state)
{
	char dir[] = "/tmp/oomwatch-adjat-XXXXXX", path[256];
	int self, fd, adj = 12345;
	long now;
	(void)state;
	/* our own, as the self-protection reads it */
	self = open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(self >= 0);
	now = act_read_long(getpid(), "oom_score_adj");
	assert_int_equal(adjust_read_at(self, &adj), 0);
	assert_int_equal(adj, now);
	/* the same value again is always allowed; out of range never */
	assert_int_equal(adjust_write_at(self, adj), 0);
	assert_int_equal(adjust_write_at(self, 1001), -ERANGE);
	assert_int_equal(adjust_write_at(self, -1001), -ERANGE);
	assert_int_equal(act_read_long(getpid(), "oom_score_adj"), now);
	close(self);
	/* a directory without the file: the process is gone */
	assert_non_null(mkdtemp(dir));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	adj = 7;
	assert_int_equal(adjust_read_at(fd, &adj), -ESRCH);
	/* strict: an empty file is gone, junk is not a value */
	put_adj_file(dir, "");
	assert_int_equal(adjust_read_at(fd, &adj), -ESRCH);
	put_adj_file(dir, "12abc\n");
	assert_int_equal(adjust_read_at(fd, &adj), -EIO);
	put_adj_file(dir, "1001\n");
	assert_int_equal(adjust_read_at(fd, &adj), -EIO);
	assert_int_equal(adj, 7);
	put_adj_file(dir, "-17\n");
	assert_int_equal(adjust_read_at(fd, &adj), 0);
	assert_int_equal(adj, -17);
	/* the writer writes canonical decimal with a newline */
	assert_int_equal(adjust_write_at(fd, -300), 0);
	assert_int_equal(adjust_read_at(fd, &adj), 0);
	assert_int_equal(adj, -300);
	close(fd);
	snprintf(path, sizeof path, "%s/oom_score_adj", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_raise_and_lower_back, act_reap),
	    cmocka_unit_test_teardown(test_lower_below_minimum, act_reap),
	    cmocka_unit_test_teardown(test_exited_target, act_reap),
	    cmocka_unit_test_teardown(test_refused_writes_nothing, act_reap),
	    cmocka_unit_test_teardown(test_refuse_self_and_kthread, act_reap),
	    cmocka_unit_test_teardown(test_undo, act_reap),
	    cmocka_unit_test_teardown(test_undo_group, act_reap),
	    cmocka_unit_test_teardown(test_journal_ring, act_reap),
	    cmocka_unit_test_teardown(test_not_your_process, act_reap),
	    cmocka_unit_test_teardown(test_texts, act_reap),
	    cmocka_unit_test(test_read_write_at),
	};
	return cmocka_run_group_tests(tests, act_group_setup,
	                              act_group_teardown);
}
