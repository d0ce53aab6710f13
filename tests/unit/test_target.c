/*
 * Unit tests for action/target.c against children this test starts:
 * holding by identity, exited and reaped targets, a stale start time, a
 * thread id, kernel threads, the racy (no pidfd) mode and PID reuse.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_fixture.h"
#include "action/target.h"

static void
test_hold_own_child(void **state)
{
	struct act_child c;
	struct target t;
	(void)state;
	assert_int_equal(act_child_start(&c, 0), 0);
	assert_int_equal(target_open(act_proc_fd, c.pid, c.start_time, 0, &t),
	                 0);
	assert_int_equal(t.pid, c.pid);
	assert_int_equal(t.start_time, c.start_time);
	assert_int_equal(t.ppid, getpid());
	assert_false(t.racy);
	assert_true(t.pidfd >= 0);
	assert_true(t.dirfd >= 0);
	assert_false(t.kthread);
	assert_int_equal(t.uid, getuid());
	assert_int_equal(target_check(&t), 0);
	act_child_kill(&c);
	assert_int_equal(target_check(&t), -ESRCH);
	target_close(&t);
	target_close(&t); /* twice is harmless */
	assert_int_equal(t.pidfd, -1);
}

static void
test_exited_zombie_and_reaped(void **state)
{
	struct act_child c;
	struct target t;
	(void)state;
	assert_int_equal(act_child_start(&c, 0), 0);
	kill(c.pid, SIGKILL);
	/* wait until it is a zombie, without reaping */
	assert_int_equal(waitid(P_PID, (id_t)c.pid, NULL, WEXITED | WNOWAIT),
	                 0);
	assert_int_equal(target_open(act_proc_fd, c.pid, c.start_time, 0, &t),
	                 -ESRCH);
	assert_int_equal(t.pidfd, -1);
	assert_int_equal(t.dirfd, -1);
	assert_int_equal(
	    target_open(act_proc_fd, c.pid, c.start_time, TARGET_NO_PIDFD, &t),
	    -ESRCH);
	act_child_kill(&c); /* reap */
	assert_string_equal(target_strerror(-ESRCH), "process exited");
}

static void
test_reaped_pid(void **state)
{
	struct act_child c;
	struct target t;
	pid_t pid;
	(void)state;
	assert_int_equal(act_child_start(&c, 0), 0);
	pid = c.pid;
	act_child_kill(&c);
	assert_int_equal(target_open(act_proc_fd, pid, TARGET_ANY_START, 0, &t),
	                 act_start_time(pid) == 0 ? -ESRCH : 0);
	target_close(&t);
}

static void
test_wrong_start_time_is_stale(void **state)
{
	struct act_child c;
	struct target t;
	(void)state;
	assert_int_equal(act_child_start(&c, 0), 0);
	assert_int_equal(
	    target_open(act_proc_fd, c.pid, c.start_time - 1, 0, &t), -ESTALE);
	assert_int_equal(t.dirfd, -1);
	assert_string_equal(target_strerror(-ESTALE),
	                    "PID now belongs to another process");
	assert_int_equal(
	    target_open(act_proc_fd, c.pid, TARGET_ANY_START, 0, &t), 0);
	assert_int_equal(t.start_time, c.start_time);
	target_close(&t);
	act_child_kill(&c);
}

static void *
idle_thread(void *arg)
{
	int *tid = arg;

	__atomic_store_n(tid, (int)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	pause();
	return NULL;
}

static void
test_thread_id_is_not_a_process(void **state)
{
	pthread_t th;
	struct target t;
	int tid = 0;
	(void)state;
	assert_int_equal(pthread_create(&th, NULL, idle_thread, &tid), 0);
	while (__atomic_load_n(&tid, __ATOMIC_SEQ_CST) == 0)
		sched_yield();
	/* pidfd_open: EINVAL (older) or ENOENT (6.18) -> -EINVAL */
	assert_int_equal(target_open(act_proc_fd, tid, TARGET_ANY_START, 0, &t),
	                 -EINVAL);
	/* without pidfd, /proc/TID is reachable: Tgid tells */
	assert_int_equal(target_open(act_proc_fd, tid, TARGET_ANY_START,
	                             TARGET_NO_PIDFD, &t),
	                 -EINVAL);
	pthread_cancel(th);
	pthread_join(th, NULL);
	assert_int_equal(target_open(act_proc_fd, 0, TARGET_ANY_START, 0, &t),
	                 -EINVAL);
}

static void
test_kthread_flagged(void **state)
{
	struct target t;
	(void)state;
	if (act_state(2) == 0) {
		skip(); /* no kthreadd in this pid namespace */
		return;
	}
	assert_int_equal(target_open(act_proc_fd, 2, TARGET_ANY_START, 0, &t),
	                 0);
	assert_true(t.kthread);
	assert_string_equal(t.comm, "kthreadd");
	target_close(&t);
	assert_int_equal(
	    target_open(act_proc_fd, getpid(), TARGET_ANY_START, 0, &t), 0);
	assert_false(t.kthread);
	target_close(&t);
}

static void
test_racy_mode(void **state)
{
	struct act_child c;
	struct target t;
	(void)state;
	assert_int_equal(act_child_start(&c, 0), 0);
	assert_int_equal(
	    target_open(act_proc_fd, c.pid, c.start_time, TARGET_NO_PIDFD, &t),
	    0);
	assert_true(t.racy);
	assert_int_equal(t.pidfd, -1);
	assert_int_equal(target_check(&t), 0);
	act_child_kill(&c);
	assert_int_equal(target_check(&t), -ESRCH);
	target_close(&t);
}

static void
test_pid_reuse_detected(void **state)
{
	struct act_child a, b;
	struct target held, racy;
	pid_t pid;
	char buf[64];
	size_t len;
	(void)state;
	assert_int_equal(act_child_start(&a, 0), 0);
	pid = a.pid;
	assert_int_equal(target_open(act_proc_fd, pid, a.start_time, 0, &held),
	                 0);
	assert_int_equal(
	    target_open(act_proc_fd, pid, a.start_time, TARGET_NO_PIDFD, &racy),
	    0);
	act_child_kill(&a);
	usleep(30000); /* let the boot clock pass two ticks: B's start
	                  time then differs from A's */
	if (act_child_start_at(&b, pid) != 0) {
		target_close(&held);
		target_close(&racy);
		print_message("cannot force PID reuse (ns_last_pid not "
		              "writable or PID taken)\n");
		skip();
		return;
	}
	assert_int_equal(b.pid, pid);
	assert_int_not_equal(b.start_time, a.start_time);
	assert_int_equal(target_check(&held), -ESRCH);
	assert_int_equal(target_check(&racy), -ESRCH);
	/* the old dirfd never reads the new process */
	assert_int_equal(target_read(&held, "stat", buf, sizeof buf, &len),
	                 -ESRCH);
	/* a fresh open with the old start time names the reuse */
	target_close(&held);
	assert_int_equal(target_open(act_proc_fd, pid, a.start_time, 0, &held),
	                 -ESTALE);
	target_close(&racy);
	assert_true(act_alive(b.pid));
	act_child_kill(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_hold_own_child, act_reap),
	    cmocka_unit_test_teardown(test_exited_zombie_and_reaped, act_reap),
	    cmocka_unit_test_teardown(test_reaped_pid, act_reap),
	    cmocka_unit_test_teardown(test_wrong_start_time_is_stale, act_reap),
	    cmocka_unit_test_teardown(test_thread_id_is_not_a_process,
	                              act_reap),
	    cmocka_unit_test_teardown(test_kthread_flagged, act_reap),
	    cmocka_unit_test_teardown(test_racy_mode, act_reap),
	    cmocka_unit_test_teardown(test_pid_reuse_detected, act_reap),
	};
	return cmocka_run_group_tests(tests, act_group_setup,
	                              act_group_teardown);
}
