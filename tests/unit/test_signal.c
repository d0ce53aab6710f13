/*
 * Unit tests for action/signal.c against children this test starts (and
 * only those are ever signalled): SIGTERM, SIGKILL with process_mrelease
 * and the exit report, refusals (PID 1, kthreadd, oomwatch itself,
 * --read-only), the PID-reuse case in pidfd and racy mode, EPERM for
 * another user's process, and the status-line texts.
 */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_fixture.h"
#include "action/action.h"
#include "action/signal.h"

/* Wait (blocking, bounded) for the pidfd to say the process exited. */
static void
wait_exit(const struct target *t)
{
	struct pollfd p = {signal_watch_fd(t), POLLIN, 0};

	assert_true(p.fd >= 0);
	assert_int_equal(poll(&p, 1, 10000), 1);
}

static void
test_sigterm_own_child(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct signal_result r;
	struct policy_decision d;
	char line[256];
	int status;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_hold(&c, &t), 0);
	signal_check(&ctx, &t, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM);
	assert_int_equal(signal_send(&ctx, &t, SIGTERM, 5000, &r), 0);
	assert_false(r.racy);
	assert_int_equal(r.mrelease, SIGNAL_MRELEASE_NOT_TRIED);
	assert_int_equal(waitpid(c.pid, &status, 0), c.pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	signal_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "sent SIGTERM to pid"));
	assert_int_equal(act_audit_count, 1);
	assert_non_null(strstr(act_audit_last, "action=signal SIGTERM"));
	assert_non_null(strstr(act_audit_last, "result=ok"));
	c.pid = 0;
	target_close(&t);
}

static void
test_sigkill_mrelease_and_exit_report(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct signal_result r;
	struct signal_exit e;
	char line[128];
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_child_start(&c, 32 * 1024), 0);
	assert_int_equal(target_open(act_proc_fd, c.pid, c.start_time, 0, &t),
	                 0);
	assert_int_equal(signal_send(&ctx, &t, SIGKILL, 1000, &r), 0);
	/* 6.18 has process_mrelease: released, or already gone */
	print_message("process_mrelease: %d\n", r.mrelease);
	assert_true(r.mrelease == 0 || r.mrelease == -ESRCH);
	wait_exit(&t);
	signal_exit_poll(&t, &r, 1012, &e);
	assert_int_equal(e.state, SIGNAL_EXIT_GONE);
	signal_exit_describe(&e, line, sizeof line);
	assert_string_equal(line, "exited after 12 ms");
	act_child_kill(&c);
	target_close(&t);
}

static void
test_exit_texts(void **state)
{
	struct signal_exit e = {SIGNAL_EXIT_D, SIGKILL, 'D', 2000};
	char line[128];
	(void)state;
	signal_exit_describe(&e, line, sizeof line);
	assert_string_equal(line, "still exiting (D state) after 2000 ms");
	e.state = SIGNAL_EXIT_RUNNING;
	e.proc_state = 'R';
	signal_exit_describe(&e, line, sizeof line);
	assert_string_equal(line, "still exiting (state R) after 2000 ms");
	e.sig = SIGTERM;
	e.proc_state = 'S';
	signal_exit_describe(&e, line, sizeof line);
	assert_string_equal(line, "still running (state S) after 2000 ms");
	assert_int_equal(signal_exit_describe(&e, line, 6), 5);
	assert_string_equal(line, "still");
}

static void
test_still_running_after_stop(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct signal_result r;
	struct signal_exit e;
	int status;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_hold(&c, &t), 0);
	assert_int_equal(signal_send(&ctx, &t, SIGSTOP, 0, &r), 0);
	assert_int_equal(waitpid(c.pid, &status, WUNTRACED), c.pid);
	assert_true(WIFSTOPPED(status));
	signal_exit_poll(&t, &r, 40, &e);
	assert_int_equal(e.state, SIGNAL_EXIT_RUNNING);
	assert_int_equal(e.proc_state, 'T');
	assert_int_equal(e.elapsed_ms, 40);
	assert_int_equal(signal_send(&ctx, &t, SIGCONT, 50, &r), 0);
	act_child_kill(&c);
	target_close(&t);
}

/* Open pid and expect the policy to refuse with reason. */
static void
expect_refused(struct action_ctx *ctx, pid_t pid, unsigned reason)
{
	struct target t;
	struct signal_result r;
	char line[256];

	assert_int_equal(target_open(act_proc_fd, pid, TARGET_ANY_START, 0, &t),
	                 0);
	assert_int_equal(signal_send(ctx, &t, SIGTERM, 0, &r), -ECANCELED);
	assert_int_equal(r.policy.verdict, POLICY_REFUSE);
	assert_int_equal(r.policy.refuse, reason);
	signal_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, policy_reason_text(reason)));
	assert_non_null(strstr(act_audit_last, "result="));
	target_close(&t);
}

static void
test_refusals(void **state)
{
	struct action_ctx ctx;
	(void)state;
	act_ctx_init(&ctx, false);
	expect_refused(&ctx, 1, POLICY_R_INIT);
	if (act_state(2) != 0)
		expect_refused(&ctx, 2, POLICY_R_KTHREAD);
	expect_refused(&ctx, getpid(), POLICY_R_SELF);
	assert_true(act_audit_count >= 2);
}

static void
test_read_only_refuses(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct signal_result r;
	char line[256];
	(void)state;
	act_ctx_init(&ctx, true);
	assert_int_equal(act_hold(&c, &t), 0);
	assert_int_equal(signal_send(&ctx, &t, SIGKILL, 0, &r), -EROFS);
	signal_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "read-only mode (--read-only)"));
	assert_true(act_alive(c.pid)); /* untouched */
	act_child_kill(&c);
	target_close(&t);
}

static void
test_own_chain_needs_extra_confirmation(void **state)
{
	struct action_ctx ctx;
	struct target t;
	struct policy_decision d;
	(void)state;
	act_ctx_init(&ctx, false);
	if (getppid() <= 1) {
		print_message("no parent to walk\n");
		skip();
		return;
	}
	assert_true(ctx.nchain >= 1);
	assert_int_equal(ctx.chain[0], getppid());
	assert_int_equal(
	    target_open(act_proc_fd, getppid(), TARGET_ANY_START, 0, &t), 0);
	signal_check(&ctx, &t, &d); /* only checks: our parent is not ours */
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	assert_true(d.reasons & POLICY_R_OWN_CHAIN);
	target_close(&t);
}

static void
test_protected_needs_extra_confirmation(void **state)
{
	struct action_ctx ctx;
	struct act_child c;
	struct target t;
	struct policy_decision d;
	(void)state;
	act_ctx_init(&ctx, false);
	assert_int_equal(act_child_start(&c, 0), 0);
	if (act_write_text(c.pid, "oom_score_adj", "-1000") != 0) {
		act_child_kill(&c);
		print_message("setting -1000 needs CAP_SYS_RESOURCE\n");
		skip();
		return;
	}
	assert_int_equal(target_open(act_proc_fd, c.pid, c.start_time, 0, &t),
	                 0);
	signal_check(&ctx, &t, &d);
	assert_int_equal(d.verdict, POLICY_CONFIRM_TWICE);
	act_child_kill(&c);
	target_close(&t);
}

/* The reuse case in one mode: the held identity refuses, B survives. */
static void
reuse_case(unsigned flags)
{
	struct action_ctx ctx;
	struct act_child a, b;
	struct target held;
	struct signal_result r;
	char line[256];

	act_ctx_init(&ctx, false);
	assert_int_equal(act_child_start(&a, 0), 0);
	assert_int_equal(
	    target_open(act_proc_fd, a.pid, a.start_time, flags, &held), 0);
	act_child_kill(&a); /* A exits and is reaped; its PID is free */
	if (act_child_start_at(&b, held.pid) != 0) {
		target_close(&held);
		print_message("cannot force PID reuse\n");
		skip();
		return;
	}
	assert_int_equal(b.pid, held.pid);
	assert_int_equal(signal_send(&ctx, &held, SIGKILL, 0, &r), -ESRCH);
	signal_describe(&r, line, sizeof line);
	assert_non_null(strstr(line, "not sent"));
	assert_non_null(strstr(line, "process exited"));
	/* B, the new owner of the PID, is alive and untouched */
	assert_int_equal(kill(b.pid, 0), 0);
	assert_true(act_alive(b.pid));
	assert_int_equal(waitpid(b.pid, NULL, WNOHANG), 0);
	act_child_kill(&b);
	target_close(&held);
}

static void
test_pid_reuse_never_signalled(void **state)
{
	(void)state;
	reuse_case(0);
}

static void
test_pid_reuse_never_signalled_racy(void **state)
{
	(void)state;
	reuse_case(TARGET_NO_PIDFD);
}

/* As nobody: SIGTERM the child. */
static int
term_op(struct action_ctx *ctx, struct target *t, char *line, size_t size)
{
	struct signal_result r;
	int rc = signal_send(ctx, t, SIGTERM, 0, &r);

	signal_describe(&r, line, size);
	return rc;
}

static void
test_other_user_eperm(void **state)
{
	struct act_nobody nr;
	(void)state;
	if (act_nobody_run(term_op, &nr) != 0) {
		print_message("needs root to become another user\n");
		skip();
		return;
	}
	assert_int_equal(nr.exit_code, EPERM);
	assert_non_null(
	    strstr(nr.line, "not permitted: process owned by uid 0"));
	assert_true(nr.alive);
	assert_int_equal(nr.adj_after, nr.adj_before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_sigterm_own_child, act_reap),
	    cmocka_unit_test_teardown(test_sigkill_mrelease_and_exit_report,
	                              act_reap),
	    cmocka_unit_test_teardown(test_exit_texts, act_reap),
	    cmocka_unit_test_teardown(test_still_running_after_stop, act_reap),
	    cmocka_unit_test_teardown(test_refusals, act_reap),
	    cmocka_unit_test_teardown(test_read_only_refuses, act_reap),
	    cmocka_unit_test_teardown(test_own_chain_needs_extra_confirmation,
	                              act_reap),
	    cmocka_unit_test_teardown(test_protected_needs_extra_confirmation,
	                              act_reap),
	    cmocka_unit_test_teardown(test_pid_reuse_never_signalled, act_reap),
	    cmocka_unit_test_teardown(test_pid_reuse_never_signalled_racy,
	                              act_reap),
	    cmocka_unit_test_teardown(test_other_user_eperm, act_reap),
	};
	return cmocka_run_group_tests(tests, act_group_setup,
	                              act_group_teardown);
}
