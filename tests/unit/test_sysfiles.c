/*
 * Unit tests for collect/sysfiles.c on a made-up proc tree: a /proc/stat
 * larger than the first buffer (it grows, procs_* after the long intr
 * line are still read), an unparsable loadavg, a missing pressure file,
 * sysctls missing, negative and unparsable, and the wchan and stack of D
 * tasks (one readable, one gone). Nothing crashes; each part says why.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
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

#include "collect/sysfiles.h"
#include "tfile.h"

/* A task stat line: tid, state, start time (field 22). */
#define STAT_LINE(tid, st, start)                                              \
	tid " (a) b) " st " 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 " start      \
	    " 1000 10\n"

/* nftw callback: remove one entry. */
static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

/* Write root/rel with text (directories made as needed). */
static void
put(const char *root, const char *rel, const char *text)
{
	char path[512], *slash;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	assert_int_equal(tfile_put(path, text), 0);
}

/* A /proc/stat with an intr line of about 200 kB before procs_*. */
static char *
big_stat(void)
{
	size_t cap = 256 * 1024, len;
	char *s = malloc(cap);

	assert_non_null(s);
	len = (size_t)snprintf(s, cap, "cpu  10 0 10 70 10 0 0 0 0 0\nintr 1");
	while (len < 200 * 1024)
		len += (size_t)snprintf(s + len, cap - len, " 12345");
	snprintf(s + len, cap - len,
	         "\nctxt 5\nprocs_running 7\nprocs_blocked 3\n");
	return s;
}

static void
test_read_all(void **state)
{
	char root[] = "/tmp/oomwatch-sysfiles-XXXXXX", err[256];
	static struct sysfiles_sample smp;
	char *stat = big_stat();
	struct sysfiles *sf;
	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "stat", stat);
	free(stat);
	put(root, "loadavg", "1.00 oops\n");
	put(root, "pressure/io",
	    "some avg10=1.50 avg60=0.00 avg300=0.00 "
	    "total=5\n");
	put(root, "sys/kernel/panic", "-1\n");
	put(root, "sys/kernel/tainted", "lots\n");
	put(root, "sys/vm/swappiness", "60\n");
	sf = sysfiles_new(root, err, sizeof err);
	assert_non_null(sf);
	sysfiles_read(sf, &smp);
	assert_int_equal(smp.stat_err, 0);
	assert_true(smp.raw.stat_valid);
	assert_int_equal(smp.raw.procs_running, 7);
	assert_int_equal(smp.raw.procs_blocked, 3);
	assert_int_equal(smp.load_err, EINVAL);
	assert_false(smp.raw.load_valid);
	assert_false(smp.psi_cpu.valid);
	assert_int_equal(smp.psi_cpu.err, ENOENT);
	assert_true(smp.psi_io.valid && !smp.psi_io.full_valid);
	assert_int_equal(smp.sysctl.v[SYSCTL_PANIC], -1);
	assert_int_equal(smp.sysctl.err[SYSCTL_PANIC], 0);
	assert_int_equal(smp.sysctl.err[SYSCTL_TAINTED], EINVAL);
	assert_int_equal(smp.sysctl.err[SYSCTL_HUNG_TASK_TIMEOUT], ENOENT);
	assert_int_equal(smp.sysctl.v[SYSCTL_SWAPPINESS], 60);
	/* a second read reuses the grown buffer and gives the same */
	sysfiles_read(sf, &smp);
	assert_int_equal(smp.raw.procs_blocked, 3);
	sysfiles_free(sf);
	nftw(root, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void
test_tasks(void **state)
{
	char root[] = "/tmp/oomwatch-sysfiles-XXXXXX", err[256];
	static struct dtasks d;
	struct sysfiles *sf;
	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "stat", "cpu 1 2 3 4\n");
	put(root, "42/wchan", "do_wait");
	put(root, "42/stack", "[<0>] do_wait+0x1/0x2\n[<0>] kernel_clone\n");
	put(root, "44/wchan", "0"); /* hidden without root */
	/* 45 left D between the walk and the wchan read: dropped */
	put(root, "45/wchan", "do_wait");
	put(root, "45/stat", STAT_LINE("45", "S", "9"));
	/* thread 51 of process 50 */
	put(root, "50/task/51/wchan", "fuse_wait");
	put(root, "50/task/51/stat", STAT_LINE("51", "D", "9"));
	dtasks_init(&d);
	d.n = 5;
	d.item[2].id.pid = d.item[2].pid = 44;
	d.item[3].id.pid = d.item[3].pid = 45;
	d.item[4].id.pid = 51;
	d.item[4].pid = 50;
	d.item[0].id.pid = d.item[0].pid = 42;
	d.item[0].stack_err = -1;
	d.item[1].id.pid = d.item[1].pid = 43;
	snprintf(d.item[1].wchan, sizeof d.item[1].wchan, "old");
	sf = sysfiles_new(root, err, sizeof err);
	assert_non_null(sf);
	sysfiles_read_tasks(sf, &d, false);
	assert_string_equal(d.item[0].wchan, "do_wait");
	assert_int_equal(d.item[0].stack_err, -1); /* not asked */
	assert_int_equal(d.item[1].wchan_err, ENOENT);
	assert_string_equal(d.item[1].wchan, "old"); /* kept */
	assert_int_equal(d.item[2].wchan_err, EPERM);
	assert_string_equal(d.item[2].wchan, "");
	assert_int_equal(d.n, 4); /* 45 removed, 51 moved up */
	assert_int_equal(d.item[3].id.pid, 51);
	assert_string_equal(d.item[3].wchan, "fuse_wait");
	sysfiles_read_tasks(sf, &d, true);
	assert_int_equal(d.item[0].stack_err, 0);
	assert_string_equal(d.item[0].stack,
	                    "[<0>] do_wait+0x1/0x2\n[<0>] kernel_clone");
	assert_int_equal(d.item[1].stack_err, ENOENT);
	sysfiles_free(sf);
	nftw(root, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* Every thread is walked: a D thread of a process whose main thread
 * sleeps is found; a process without a task directory counts by its
 * row. */
static void
test_thread_walk(void **state)
{
	char root[] = "/tmp/oomwatch-sysfiles-XXXXXX", err[256];
	static struct dtasks d;
	struct proc_row rows[3];
	struct snapshot s;
	struct sysfiles *sf;
	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "stat", "cpu 1 2 3 4\n");
	put(root, "60/task/60/stat", STAT_LINE("60", "S", "100"));
	put(root, "60/task/61/stat", STAT_LINE("61", "D", "105"));
	put(root, "60/task/62/stat", "62 (bad");
	put(root, "80/task/80/stat", STAT_LINE("80", "R", "1"));
	memset(rows, 0, sizeof rows);
	memset(&s, 0, sizeof s);
	rows[0] = (struct proc_row){.pid = 60, .state = 'S', .comm = "worker"};
	rows[1] = (struct proc_row){
	    .pid = 70, .state = 'D', .comm = "old", .start_time = 7};
	rows[2] = (struct proc_row){.pid = 80, .state = 'D', .comm = "gone"};
	s.procs = rows;
	s.nprocs = 3;
	s.mono_ms = 1000;
	dtasks_init(&d);
	sf = sysfiles_new(root, err, sizeof err);
	assert_non_null(sf);
	sysfiles_update_dtasks(sf, &d, &s);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.item[0].id.pid, 61);
	assert_int_equal(d.item[0].id.start_time, 105);
	assert_int_equal(d.item[0].pid, 60);
	assert_string_equal(d.item[0].comm, "worker");
	assert_int_equal(d.item[1].id.pid, 70); /* no task dir: its row */
	assert_int_equal(d.item[1].pid, 70);
	s.mono_ms = 3000;
	sysfiles_update_dtasks(sf, &d, &s);
	assert_int_equal(dtasks_in_d_ms(&d, 0), 2000);
	sysfiles_free(sf);
	nftw(root, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void
test_bad_root(void **state)
{
	char err[256] = "";
	(void)state;
	assert_null(sysfiles_new("/nonexistent/oomwatch", err, sizeof err));
	assert_non_null(strstr(err, "No such file"));
	assert_true(sysfiles_page_kb() >= 4);
	sysfiles_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read_all),
	    cmocka_unit_test(test_tasks),
	    cmocka_unit_test(test_thread_walk),
	    cmocka_unit_test(test_bad_root),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
