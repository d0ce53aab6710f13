/*
 * Unit tests for collect/cmdcache.c on the real /proc with our own
 * children: a command line is never attributed to the wrong process when
 * the pid is reused between the scan and the worker's read (through the
 * handed-over /proc/PID handle, and through a job that opens its own and
 * checks the start time), kernel threads get "" without a read, equal
 * command lines are interned and pooled once, known processes are not
 * queued twice, and a read that never returns blocks nobody. Offered
 * cmdline files (cmdcache_offer_file): a taken fd is read and closed by
 * the worker (none left once it is idle) and gives the exec'd child's
 * argv; refused ones (kernel thread, already known, fd budget spent under
 * a low RLIMIT_NOFILE) stay the caller's; cmdcache_knows_pid.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_child.h"
#include "collect/cmdcache.h"
#include "collect/collector.h"
#include "collect/procroot.h"
#include "core/clock.h"

/* A row for (pid, start_time) as the scan would make it. */
static struct proc_row
row_for(pid_t pid, uint64_t start_time, bool kthread)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = (int32_t)pid;
	r.start_time = start_time;
	r.kthread = kthread;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	return r;
}

/* Open pid's /proc directory handle. */
static int
handle_of(int procfd, pid_t pid)
{
	char name[16];
	int fd;

	snprintf(name, sizeof name, "%d", (int)pid);
	fd = procroot_open_dir(procfd, name);
	assert_true(fd >= 0);
	return fd;
}

/* /proc/PID/cmdline read directly, trailing NULs dropped; its length. */
static size_t
cmdline_of(pid_t pid, char *buf, size_t cap)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	n = read(fd, buf, cap);
	close(fd);
	assert_true(n > 0);
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	return (size_t)n;
}

/*
 * Queue A's job while the worker is held (with A's handle, or without
 * one), replace A by B at the same pid, let the worker go: A's row must
 * stay without a command line, and B's, queued afresh, gets B's.
 */
static void
reuse_case(bool with_handle)
{
	int procfd = act_proc_root();
	struct cmdcache *cc = cmdcache_new(procfd);
	struct act_child a, b;
	struct proc_row ra, rb;
	struct snapshot s;
	char want[CMDCACHE_MAX];
	size_t wlen;
	pid_t pid;
	int fd;

	assert_non_null(cc);
	cmdcache_pause(cc, true);
	assert_int_equal(act_child_start(&a, 0), 0);
	pid = a.pid;
	ra = row_for(pid, a.start_time, false);
	fd = with_handle ? handle_of(procfd, pid) : -1;
	assert_int_equal(cmdcache_offer(cc, &ra, fd), with_handle);
	/* known now: a second offer does not queue it again */
	fd = handle_of(procfd, pid);
	assert_false(cmdcache_offer(cc, &ra, fd));
	close(fd);
	act_child_kill(&a);
	usleep(30000); /* two boot-clock ticks: B's start time differs */
	if (act_child_start_at(&b, pid) != 0) {
		cmdcache_free(cc);
		close(procfd);
		print_message("cannot force PID reuse (ns_last_pid not "
		              "writable or PID taken)\n");
		skip();
		return;
	}
	assert_int_not_equal(b.start_time, a.start_time);
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	snapshot_init(&s);
	assert_int_equal(snapshot_push_proc(&s, &ra), 0);
	cmdcache_attach(cc, &s, false);
	assert_int_equal(s.procs[0].cmdline_off, SNAP_NO_STR);
	assert_int_equal(s.cmdline_pending, 0);
	/* B is a new process: queued by a tracking attach, then read */
	snapshot_reset(&s);
	rb = row_for(pid, b.start_time, false);
	assert_int_equal(snapshot_push_proc(&s, &rb), 0);
	cmdcache_attach(cc, &s, true);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	cmdcache_attach(cc, &s, false);
	wlen = cmdline_of(pid, want, sizeof want);
	assert_int_equal(s.procs[0].cmdline_len, wlen);
	assert_memory_equal(snapshot_str(&s, s.procs[0].cmdline_off, wlen),
	                    want, wlen);
	snapshot_fini(&s);
	act_child_kill(&b);
	cmdcache_free(cc);
	close(procfd);
}

static void
test_reuse_through_handle(void **state)
{
	(void)state;
	reuse_case(true);
}

static void
test_reuse_without_handle(void **state)
{
	(void)state;
	reuse_case(false);
}

/* A process that exits before its read is simply unknown. */
static void
test_gone_before_read(void **state)
{
	int procfd = act_proc_root();
	struct cmdcache *cc = cmdcache_new(procfd);
	struct act_child a;
	struct proc_row r;
	struct snapshot s;
	(void)state;
	assert_non_null(cc);
	cmdcache_pause(cc, true);
	assert_int_equal(act_child_start(&a, 0), 0);
	r = row_for(a.pid, a.start_time, false);
	assert_true(cmdcache_offer(cc, &r, handle_of(procfd, a.pid)));
	act_child_kill(&a);
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	snapshot_init(&s);
	assert_int_equal(snapshot_push_proc(&s, &r), 0);
	cmdcache_attach(cc, &s, false);
	assert_int_equal(s.procs[0].cmdline_off, SNAP_NO_STR);
	assert_int_equal(s.cmdline_pending, 0);
	snapshot_fini(&s);
	cmdcache_free(cc);
	close(procfd);
}

/* Kernel threads get "" without a job; equal texts are pooled once;
 * a held worker leaves rows pending, and freeing closes queued handles. */
static void
test_kthread_interning_pending(void **state)
{
	int procfd = act_proc_root();
	struct cmdcache *cc = cmdcache_new(procfd);
	struct act_child a, b;
	struct proc_row rows[3];
	struct snapshot s;
	char want[CMDCACHE_MAX];
	size_t wlen;
	int fd, nfds;
	(void)state;
	assert_non_null(cc);
	cmdcache_pause(cc, true);
	assert_int_equal(act_child_start(&a, 0), 0);
	assert_int_equal(act_child_start(&b, 0), 0);
	rows[0] = row_for(2, act_start_time(2), true);
	rows[1] = row_for(a.pid, a.start_time, false);
	rows[2] = row_for(b.pid, b.start_time, false);
	fd = handle_of(procfd, 2);
	assert_false(cmdcache_offer(cc, &rows[0], fd)); /* no job */
	close(fd);
	assert_true(cmdcache_offer(cc, &rows[1], handle_of(procfd, a.pid)));
	assert_true(cmdcache_offer(cc, &rows[2], handle_of(procfd, b.pid)));
	snapshot_init(&s);
	for (int i = 0; i < 3; i++)
		assert_int_equal(snapshot_push_proc(&s, &rows[i]), 0);
	/* held: the kthread is known at once, our two children wait */
	cmdcache_attach(cc, &s, true);
	assert_int_equal(s.cmdline_pending, 2);
	assert_int_equal(s.procs[0].cmdline_len, 0);
	assert_non_null(snapshot_str(&s, s.procs[0].cmdline_off, 0));
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 50),
	                 -ETIMEDOUT);
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	cmdcache_attach(cc, &s, false);
	assert_int_equal(s.cmdline_pending, 0);
	/* both children run this test binary: one text, pooled once */
	wlen = cmdline_of(a.pid, want, sizeof want);
	assert_int_equal(s.procs[1].cmdline_len, wlen);
	assert_memory_equal(snapshot_str(&s, s.procs[1].cmdline_off, wlen),
	                    want, wlen);
	assert_int_equal(s.procs[1].cmdline_off, s.procs[2].cmdline_off);
	assert_int_equal(s.strings_len, wlen);
	/* a handle still queued when the cache is freed is closed */
	cmdcache_pause(cc, true);
	act_child_kill(&a);
	assert_int_equal(act_child_start(&a, 0), 0);
	rows[1] = row_for(a.pid, a.start_time, false);
	nfds = act_child_open_fds();
	assert_true(cmdcache_offer(cc, &rows[1], handle_of(procfd, a.pid)));
	assert_int_equal(act_child_open_fds(), nfds + 1);
	cmdcache_free(cc);
	assert_int_equal(act_child_open_fds(), nfds);
	snapshot_fini(&s);
	act_child_kill(&a);
	act_child_kill(&b);
	close(procfd);
}

/* Fork and exec argv[0] (a path) with argv; returns once exec is done. */
static pid_t
exec_child(char *const argv[])
{
	int p[2];
	char c, path[64], buf[256];
	pid_t pid;

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 0); /* EOF: exec'd (or died) */
	close(p[0]);
	/* the new argv shows only after the close-on-exec: wait for it */
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	for (int i = 0; i < 500; i++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
		if (fd >= 0)
			close(fd);
		if (n > (ssize_t)strlen(argv[0]) &&
		    memcmp(buf, argv[0], strlen(argv[0]) + 1) == 0)
			return pid;
		usleep(1000);
	}
	fail_msg("pid %d never showed its new argv", (int)pid);
	return pid;
}

/* Kill and reap a child of exec_child. */
static void
exec_child_kill(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Open pid's cmdline file under procfd. */
static int
cmdline_fd(int procfd, pid_t pid)
{
	char name[32];
	int fd;

	snprintf(name, sizeof name, "%d/cmdline", (int)pid);
	fd = openat(procfd, name, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	return fd;
}

/*
 * A cmdline file offered for a new process is taken: it stays open while
 * the worker is held, is read and closed once it runs (no fd left), and
 * the row gets exactly the child's argv. cmdcache_knows_pid finds the pid
 * whatever the start time asked about, and forgets it with the entry.
 */
static void
test_offer_file_read_and_closed(void **state)
{
	static const char want[] = "/bin/sleep\0"
	                           "600\0"
	                           "7";
	char *argv[] = {"/bin/sleep", "600", "7", NULL};
	int procfd = act_proc_root(), before = act_child_open_fds(), fd;
	struct cmdcache *cc = cmdcache_new(procfd);
	struct proc_row r;
	struct snapshot s;
	pid_t pid;
	(void)state;
	assert_non_null(cc);
	cmdcache_pause(cc, true);
	pid = exec_child(argv);
	r = row_for(pid, act_start_time(pid), false);
	assert_true(r.start_time > 0);
	assert_false(cmdcache_knows_pid(cc, pid));
	fd = cmdline_fd(procfd, pid);
	assert_true(cmdcache_offer_file(cc, &r, fd));
	/* known by pid alone, whatever its start time */
	assert_true(cmdcache_knows_pid(cc, pid));
	assert_false(cmdcache_knows_pid(cc, getpid())); /* never offered */
	/* held: the cache owns the fd but has not read or closed it */
	assert_true(act_child_fd_open(fd));
	assert_int_equal(act_child_open_fds(), before + 1);
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	/* read and closed before the worker went idle */
	assert_false(act_child_fd_open(fd));
	assert_int_equal(act_child_open_fds(), before);
	snapshot_init(&s);
	assert_int_equal(snapshot_push_proc(&s, &r), 0);
	cmdcache_attach(cc, &s, true);
	assert_int_equal(s.cmdline_pending, 0);
	assert_int_equal(s.procs[0].cmdline_len, sizeof want - 1);
	assert_memory_equal(
	    snapshot_str(&s, s.procs[0].cmdline_off, sizeof want - 1), want,
	    sizeof want - 1);
	/* a tracking attach without the pid forgets it */
	snapshot_reset(&s);
	cmdcache_attach(cc, &s, true);
	assert_false(cmdcache_knows_pid(cc, pid));
	snapshot_fini(&s);
	exec_child_kill(pid);
	cmdcache_free(cc);
	assert_int_equal(act_child_open_fds(), before);
	close(procfd);
}

/*
 * Refusals keep the fd with the caller (it stays open and the cache
 * never closes it): a kernel thread's row, a (pid, start time) already
 * known. No fd is left behind by the cache.
 */
static void
test_offer_file_refusals(void **state)
{
	int procfd = act_proc_root(), before = act_child_open_fds(), fd, fd2;
	struct cmdcache *cc = cmdcache_new(procfd);
	struct act_child a;
	struct proc_row kt, r;
	(void)state;
	assert_non_null(cc);
	/* kernel thread (kthreadd, pid 2): known at once, fd refused */
	kt = row_for(2, act_start_time(2), true);
	fd = cmdline_fd(procfd, 2);
	assert_false(cmdcache_offer_file(cc, &kt, fd));
	assert_true(cmdcache_knows_pid(cc, 2));
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	assert_true(act_child_fd_open(fd));
	close(fd);
	/* already known: the second fd is refused, the first taken */
	cmdcache_pause(cc, true);
	assert_int_equal(act_child_start(&a, 0), 0);
	r = row_for(a.pid, a.start_time, false);
	fd = cmdline_fd(procfd, a.pid);
	fd2 = cmdline_fd(procfd, a.pid);
	assert_true(cmdcache_offer_file(cc, &r, fd));
	assert_false(cmdcache_offer_file(cc, &r, fd2));
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	assert_false(act_child_fd_open(fd));
	assert_true(act_child_fd_open(fd2)); /* still the caller's */
	close(fd2);
	assert_int_equal(act_child_open_fds(), before);
	act_child_kill(&a);
	cmdcache_free(cc);
	assert_int_equal(act_child_open_fds(), before);
	close(procfd);
}

/*
 * With RLIMIT_NOFILE at 64 when the cache starts, queued jobs hold at
 * most 64/4 = 16 fds: the 17th offer is refused (the caller keeps its
 * fd), yet the row is queued and read without it. The 16 taken fds are
 * all closed once the worker is idle, and all 17 rows are read.
 */
static void
test_offer_file_budget(void **state)
{
	enum { BUDGET = 16 };
	int procfd = act_proc_root(), before = act_child_open_fds();
	int fds[BUDGET + 1];
	struct rlimit old, low;
	struct cmdcache *cc;
	struct act_child a;
	struct proc_row rows[BUDGET + 1];
	struct snapshot s;
	char want[CMDCACHE_MAX];
	size_t wlen;
	(void)state;
	assert_true(before + BUDGET + 4 < 64);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = 64;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	cc = cmdcache_new(procfd);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	assert_non_null(cc);
	cmdcache_pause(cc, true);
	assert_int_equal(act_child_start(&a, 0), 0);
	wlen = cmdline_of(a.pid, want, sizeof want);
	snapshot_init(&s);
	/* one real process under 17 (pid, start time) keys: the worker
	 * reads each taken fd; the refused one's job checks stat */
	for (int i = 0; i <= BUDGET; i++) {
		rows[i] = row_for(a.pid, a.start_time + (uint64_t)i, false);
		fds[i] = cmdline_fd(procfd, a.pid);
	}
	for (int i = 0; i < BUDGET; i++)
		assert_true(cmdcache_offer_file(cc, &rows[i], fds[i]));
	assert_false(cmdcache_offer_file(cc, &rows[BUDGET], fds[BUDGET]));
	assert_int_equal(act_child_open_fds(), before + BUDGET + 1);
	cmdcache_pause(cc, false);
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 5000), 0);
	for (int i = 0; i < BUDGET; i++)
		assert_false(act_child_fd_open(fds[i]));
	assert_true(act_child_fd_open(fds[BUDGET]));
	close(fds[BUDGET]);
	assert_int_equal(act_child_open_fds(), before);
	/* the taken fds read the text; the 17th row's own read checked stat
	 * (start time a.start_time + 16 is not the process's): no text */
	assert_int_equal(snapshot_push_proc(&s, &rows[0]), 0);
	assert_int_equal(snapshot_push_proc(&s, &rows[BUDGET - 1]), 0);
	assert_int_equal(snapshot_push_proc(&s, &rows[BUDGET]), 0);
	cmdcache_attach(cc, &s, false);
	assert_int_equal(s.cmdline_pending, 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(s.procs[i].cmdline_len, wlen);
		assert_memory_equal(
		    snapshot_str(&s, s.procs[i].cmdline_off, wlen), want, wlen);
	}
	assert_int_equal(s.procs[2].cmdline_off, SNAP_NO_STR);
	snapshot_fini(&s);
	act_child_kill(&a);
	cmdcache_free(cc);
	assert_int_equal(act_child_open_fds(), before);
	close(procfd);
}

/* How many threads this process has. */
static int
threads(void)
{
	DIR *d = opendir("/proc/self/task");
	int n = 0;
	struct dirent *de;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * A read that never returns (here: a cmdline that is a FIFO without a
 * writer, like a process stuck in D state) neither blocks the waiter
 * past its deadline nor cmdcache_free; the worker frees the cache once
 * the read returns.
 */
static void
test_stuck_read_never_blocks(void **state)
{
	char root[] = "/tmp/oomwatch-cmdcache-XXXXXX", path[128];
	struct proc_row r = row_for(100, 900, false);
	struct cmdcache *cc;
	int rootfd, fd, before = threads();
	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/100", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/100/cmdline", root);
	assert_int_equal(mkfifo(path, 0600), 0);
	rootfd = procroot_open(root);
	assert_true(rootfd >= 0);
	cc = cmdcache_new(rootfd);
	assert_non_null(cc);
	assert_true(cmdcache_offer(cc, &r, handle_of(rootfd, 100)));
	assert_int_equal(cmdcache_wait_idle(cc, clock_mono_ms() + 100),
	                 -ETIMEDOUT);
	cmdcache_free(cc); /* returns although the worker is stuck */
	/* let the read return: the detached worker ends and frees */
	fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	for (int i = 0; i < 500 && threads() > before; i++)
		usleep(10000);
	assert_int_equal(threads(), before);
	close(rootfd);
	unlink(path);
	snprintf(path, sizeof path, "%s/100", root);
	rmdir(path);
	rmdir(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_reuse_through_handle,
	                              act_child_reap),
	    cmocka_unit_test_teardown(test_reuse_without_handle,
	                              act_child_reap),
	    cmocka_unit_test_teardown(test_gone_before_read, act_child_reap),
	    cmocka_unit_test_teardown(test_kthread_interning_pending,
	                              act_child_reap),
	    cmocka_unit_test(test_stuck_read_never_blocks),
	    cmocka_unit_test_teardown(test_offer_file_read_and_closed,
	                              act_child_reap),
	    cmocka_unit_test_teardown(test_offer_file_refusals, act_child_reap),
	    cmocka_unit_test_teardown(test_offer_file_budget, act_child_reap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
