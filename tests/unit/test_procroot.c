/*
 * Unit tests for collect/procroot.c: procroot_close_fds closes exactly
 * the listed fds (runs of consecutive numbers, -1 entries, an empty list)
 * and never a foreign fd whose number lies between or next to them; and
 * the kernel fact the snapshot relies on (collect/procfs.h): files of a
 * process opened by path before it exits all read ESRCH once it is gone,
 * even when its pid has been reused (root: ns_last_pid). The read-all
 * readers read a pipe or FIFO fed in pieces to its end, where the
 * one-read reader stops at the first piece.
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_child.h"
#include "collect/procroot.h"

/* fds base+0 .. base+SPAN-1 are ours to place (see place_fds). */
#define SPAN 24

/* A base such that base .. base+SPAN-1 are all closed (well above ours). */
static int
free_base(void)
{
	for (int base = 300; base < 900; base += SPAN) {
		bool free_run = true;
		for (int k = 0; k < SPAN && free_run; k++)
			free_run = !act_child_fd_open(base + k);
		if (free_run)
			return base;
	}
	fail_msg("no free run of %d fds", SPAN);
	return -1;
}

/* Open /dev/null at base+k for every k in offs (n of them). */
static void
place_fds(int base, const int *offs, size_t n)
{
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	assert_true(null >= 0);
	for (size_t i = 0; i < n; i++) {
		assert_false(act_child_fd_open(base + offs[i]));
		assert_int_equal(dup2(null, base + offs[i]), base + offs[i]);
	}
	close(null);
}

/* Close whatever is still open in base .. base+SPAN-1. */
static void
clear_fds(int base)
{
	for (int k = 0; k < SPAN; k++)
		if (act_child_fd_open(base + k))
			close(base + k);
}

/*
 * Listed {5,3,4,9,7,-1} (offsets from base), foreign 2, 6, 8, 10 open
 * too: 6 and 8 sit inside the span of the listed numbers, 2 and 10 next
 * to its ends. Exactly the listed ones close; the array ends sorted.
 */
static void
test_close_fds_runs_and_foreign(void **state)
{
	static const int all[] = {2, 3, 4, 5, 6, 7, 8, 9, 10};
	static const int foreign[] = {2, 6, 8, 10};
	int base = free_base(), before = act_child_open_fds();
	int fds[] = {5, 3, 4, 9, 7, -1};
	int want[] = {-1, 3, 4, 5, 7, 9};
	(void)state;
	place_fds(base, all, sizeof all / sizeof all[0]);
	for (size_t i = 0; i < 6; i++) {
		if (fds[i] >= 0)
			fds[i] += base;
		if (want[i] >= 0)
			want[i] += base;
	}
	procroot_close_fds(fds, 6);
	assert_memory_equal(fds, want, sizeof want);
	for (size_t i = 1; i < 6; i++)
		assert_false(act_child_fd_open(want[i]));
	for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
		assert_true(act_child_fd_open(base + foreign[i]));
	assert_int_equal(act_child_open_fds(), before + 4);
	clear_fds(base);
	assert_int_equal(act_child_open_fds(), before);
}

/* An empty list, a list of -1 only, a count short of the array, one fd. */
static void
test_close_fds_edges(void **state)
{
	static const int all[] = {0, 1, 2, 3};
	int base = free_base(), before = act_child_open_fds();
	int fds[4];
	(void)state;
	place_fds(base, all, 4);
	/* n == 0: nothing closes, even with fds in the array */
	fds[0] = base;
	procroot_close_fds(fds, 0);
	assert_true(act_child_fd_open(base));
	/* -1 entries only */
	fds[0] = fds[1] = fds[2] = -1;
	procroot_close_fds(fds, 3);
	for (int k = 0; k < 4; k++)
		assert_true(act_child_fd_open(base + k));
	/* only the first n entries count: base+2 stays, base+1 closes */
	fds[0] = base + 1;
	fds[1] = -1;
	fds[2] = base + 2;
	procroot_close_fds(fds, 2);
	assert_false(act_child_fd_open(base + 1));
	assert_true(act_child_fd_open(base + 2));
	/* one fd alone, its neighbours (base+1 gone, base+3) untouched */
	fds[0] = base + 2;
	procroot_close_fds(fds, 1);
	assert_false(act_child_fd_open(base + 2));
	assert_true(act_child_fd_open(base));
	assert_true(act_child_fd_open(base + 3));
	clear_fds(base);
	assert_int_equal(act_child_open_fds(), before);
}

/* A long list in reverse order, every other number foreign. */
static void
test_close_fds_alternating(void **state)
{
	int all[SPAN], fds[SPAN / 2];
	int base = free_base(), before = act_child_open_fds();
	(void)state;
	for (int k = 0; k < SPAN; k++)
		all[k] = k;
	place_fds(base, all, SPAN);
	for (int i = 0; i < SPAN / 2; i++)
		fds[i] = base + SPAN - 1 - 2 * i; /* odd offsets, descending */
	procroot_close_fds(fds, SPAN / 2);
	for (int k = 0; k < SPAN; k++)
		assert_int_equal(act_child_fd_open(base + k), k % 2 == 0);
	for (int i = 1; i < SPAN / 2; i++)
		assert_true(fds[i - 1] < fds[i]);
	clear_fds(base);
	assert_int_equal(act_child_open_fds(), before);
}

/* The files a snapshot opens for a process, by path under /proc. */
static const char *const proc_files[] = {
    "stat", "status", "oom_score", "oom_score_adj", "cgroup", "cmdline",
};
#define NFILES (sizeof proc_files / sizeof proc_files[0])

/*
 * A process's files, opened by path while it lives (stat and
 * oom_score_adj read once then), all fail with ESRCH once it has exited,
 * been reaped and its pid given to a new process; the new process's own
 * files read fine. Needs root (ns_last_pid) to force the reuse.
 */
static void
test_reused_pid_old_fds_read_esrch(void **state)
{
	int procfd, fds[NFILES];
	struct act_child a, b;
	char path[64], buf[4096];
	ssize_t n;
	pid_t pid;
	(void)state;
	if (geteuid() != 0) {
		print_message("needs root: ns_last_pid to force pid reuse\n");
		skip();
	}
	procfd = act_proc_root();
	assert_int_equal(act_child_start(&a, 0), 0);
	pid = a.pid;
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%d/%s", (int)pid, proc_files[i]);
		fds[i] = openat(procfd, path, O_RDONLY | O_CLOEXEC);
		assert_true(fds[i] >= 0);
	}
	assert_true(procroot_read_fd(fds[0], buf, sizeof buf) > 0);
	assert_true(procroot_read_fd(fds[3], buf, sizeof buf) > 0);
	lseek(fds[0], 0, SEEK_SET);
	lseek(fds[3], 0, SEEK_SET);
	act_child_kill(&a); /* killed and reaped */
	usleep(30000);      /* another start time: 100 ticks a second */
	if (act_child_start_at(&b, pid) != 0) {
		for (size_t i = 0; i < NFILES; i++)
			close(fds[i]);
		close(procfd);
		print_message("cannot force reuse of pid %d (ns_last_pid not "
		              "writable or pid taken)\n",
		              (int)pid);
		skip();
		return;
	}
	assert_int_equal(b.pid, pid);
	for (size_t i = 0; i < NFILES; i++) {
		n = procroot_read_fd(fds[i], buf, sizeof buf);
		if (n != -ESRCH)
			print_message("%s: %zd\n", proc_files[i], n);
		assert_int_equal(n, -ESRCH);
	}
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%d/%s", (int)pid, proc_files[i]);
		n = procroot_read(procfd, path, buf, sizeof buf);
		assert_true(n > 0);
	}
	procroot_close_fds(fds, NFILES);
	for (size_t i = 0; i < NFILES; i++)
		assert_false(act_child_fd_open(fds[i]));
	act_child_kill(&b);
	close(procfd);
}

/* Bytes of the fed pieces: byte i is 'a' + i % 23, so a lost or repeated
 * piece shows in the content as well as in the length. */
#define PIECE 3000
#define PIECES 3

/* Fork a writer that puts PIECES pieces into wfd, 40 ms apart, then exits
 * (closing wfd): its pid. The reader sees short reads between pieces. */
static pid_t
feed_pieces(int wfd)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char piece[PIECE];
		for (int k = 0; k < PIECES; k++) {
			for (int i = 0; i < PIECE; i++)
				piece[i] = (char)('a' + (k * PIECE + i) % 23);
			if (write(wfd, piece, PIECE) != PIECE)
				_exit(1);
			usleep(40000);
		}
		_exit(0);
	}
	return pid;
}

/* True when buf holds exactly the PIECES pieces feed_pieces wrote. */
static bool
fed_whole(const char *buf, ssize_t n)
{
	if (n != PIECE * PIECES)
		return false;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] != (char)('a' + i % 23))
			return false;
	return true;
}

/* Reap the writer; it must have written everything. */
static void
reap_feeder(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/*
 * A pipe fed in three pieces with pauses between them: the one-read
 * reader (procroot_read_fd) stops at the first short read, with the first
 * piece only; procroot_read_all_fd reads on to EOF and gets all of it.
 */
static void
test_read_all_fd_short_reads(void **state)
{
	static char buf[4 * PIECE * PIECES];
	int p[2];
	pid_t pid;
	ssize_t n;
	(void)state;

	for (int all = 0; all < 2; all++) {
		assert_int_equal(pipe(p), 0);
		pid = feed_pieces(p[1]);
		close(p[1]);
		usleep(10000); /* the first piece is in, the others not yet */
		n = all ? procroot_read_all_fd(p[0], buf, sizeof buf)
		        : procroot_read_fd(p[0], buf, sizeof buf);
		if (all)
			assert_true(fed_whole(buf, n));
		else
			assert_int_equal(n, PIECE);
		while (read(p[0], buf, sizeof buf) > 0)
			;
		close(p[0]);
		reap_feeder(pid);
	}
	/* cap bounds the read: exactly cap bytes, "maybe more" */
	assert_int_equal(pipe(p), 0);
	pid = feed_pieces(p[1]);
	close(p[1]);
	assert_int_equal(procroot_read_all_fd(p[0], buf, PIECE + 10),
	                 PIECE + 10);
	while (read(p[0], buf, sizeof buf) > 0)
		;
	close(p[0]);
	reap_feeder(pid);
}

/*
 * procroot_read_all and procroot_read_alloc by name, on a FIFO fed in
 * pieces (both get every piece) and on a regular file longer than the
 * first heap buffer (read_alloc grows; a max below the size is -EFBIG).
 */
static void
test_read_all_by_name(void **state)
{
	static char buf[4 * PIECE * PIECES], big[40000];
	char dir[] = "/tmp/test_procroot.XXXXXX", path[64], *out;
	int dfd, fd;
	pid_t pid;
	ssize_t n;
	(void)state;

	assert_non_null(mkdtemp(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	assert_int_equal(mkfifoat(dfd, "fifo", 0600), 0);
	for (int alloc = 0; alloc < 2; alloc++) {
		snprintf(path, sizeof path, "%s/fifo", dir);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int w = open(path, O_WRONLY);
			_exit(w < 0
			          ? 1
			          : (int)waitpid(feed_pieces(w), NULL, 0) < 0);
		}
		if (alloc) {
			n = procroot_read_alloc(dfd, "fifo", 1 << 20, &out);
			assert_true(fed_whole(out, n));
			free(out);
		} else {
			n = procroot_read_all(dfd, "fifo", buf, sizeof buf);
			assert_true(fed_whole(buf, n));
		}
		reap_feeder(pid);
	}
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('0' + i % 10);
	fd = openat(dfd, "big", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, big, sizeof big), (ssize_t)sizeof big);
	close(fd);
	n = procroot_read_alloc(dfd, "big", 1 << 20, &out);
	assert_int_equal(n, (ssize_t)sizeof big);
	assert_memory_equal(out, big, sizeof big);
	free(out);
	assert_int_equal(procroot_read_alloc(dfd, "big", 20000, &out), -EFBIG);
	assert_null(out);
	assert_int_equal(procroot_read_alloc(dfd, "none", 1 << 20, &out),
	                 -ENOENT);
	unlinkat(dfd, "big", 0);
	unlinkat(dfd, "fifo", 0);
	close(dfd);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_close_fds_runs_and_foreign),
	    cmocka_unit_test(test_close_fds_edges),
	    cmocka_unit_test(test_close_fds_alternating),
	    cmocka_unit_test(test_read_all_fd_short_reads),
	    cmocka_unit_test(test_read_all_by_name),
	    cmocka_unit_test_teardown(test_reused_pid_old_fds_read_esrch,
	                              act_child_reap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
