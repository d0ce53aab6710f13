/* Unit tests for each kernel-log source behind the reader (collect/
 * klogsrc_*.c) and for the one pump and drain loop (collect/kmsg.c),
 * through scripted system calls (tests/helpers/kmsgfake): a file or
 * standard input read in short pieces whose lines are joined, long lines
 * cut, EAGAIN, EINTR and read errors; klogctl passes cut by the budget or
 * failing; /dev/kmsg records at the edge of the read buffer; and
 * kmsg_drain's limits, its wait on a real pipe included. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect/kmsg.h"
#include "kmsgfake.h"
#include "model/kevents.h"

/* Open the scripted saved log "x.log". */
static void
rig_file(struct kmsgfake_rig *g)
{
	assert_int_equal(kmsg_new_file(&g->r, "x.log", &kmsgfake_ops, &g->f),
	                 0);
	assert_string_equal(g->f.path, "x.log");
	assert_int_equal(kmsg_source(g->r), KMSG_SRC_FILE);
}

/* Open the scripted live log. */
static void
rig_live(struct kmsgfake_rig *g)
{
	assert_int_equal(kmsg_new_live(&g->r, &kmsgfake_ops, &g->f), 0);
}

/* The text of display line i (0 = newest). */
static const char *
text(const struct kmsgfake_rig *g, size_t i)
{
	return klogring_get(&g->ring, i)->text;
}

/* Lines cut anywhere by the reads are joined; '\n' and NUL end a line;
 * EINTR is read again; the last line needs no '\n'. */
static void
test_file_pieces_join(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_str(&g.f, "6,1,1,-;o");
	kmsgfake_str(&g.f, "ne\n6,2");
	kmsgfake_rec(&g.f, ",2,-;two\0thr", 12);
	kmsgfake_err(&g.f, EINTR);
	kmsgfake_str(&g.f, "ee");
	kmsgfake_rec(&g.f, "", 0); /* the end */
	rig_file(&g);
	assert_string_equal(kmsg_status(g.r), "kernel log: file x.log");
	assert_int_equal(kmsg_fd(g.r), KMSGFAKE_FD);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 3);
	assert_true(kmsg_caught_up(g.r));
	assert_true(kmsg_ended(g.r));
	assert_false(kmsg_need_poll(g.r));
	assert_int_equal(kmsg_records(g.r), 3);
	assert_int_equal(klogring_count(&g.ring), 3);
	assert_string_equal(text(&g, 2), "one");
	assert_string_equal(text(&g, 1), "two");
	assert_string_equal(text(&g, 0), "three");
	assert_int_equal(kmsg_fd(g.r), -1);
	assert_string_equal(kmsg_status(g.r), "kernel log: file x.log");
	/* ended: nothing is read again */
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 0);
	assert_true(kmsg_caught_up(g.r));
	assert_int_equal(g.f.reads, 6);
	kmsg_free(g.r);
	g.r = NULL;
	assert_int_equal(g.f.closed, 1);
	kmsgfake_rig_fini(&g);
}

/* The budget counts lines: the rest of a read waits for the next pump
 * (no read meanwhile). EAGAIN is "nothing yet", not the end. */
static void
test_file_budget_and_eagain(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_str(&g.f, "a\nb\nc\n");
	kmsgfake_err(&g.f, EAGAIN);
	kmsgfake_str(&g.f, "d\n");
	kmsgfake_rec(&g.f, "", 0);
	rig_file(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 1), 1);
	assert_int_equal(kmsg_pump(g.r, g.ev, 1), 1);
	assert_int_equal(kmsg_pump(g.r, g.ev, 1), 1);
	assert_int_equal(g.f.reads, 1);
	assert_false(kmsg_caught_up(g.r));
	assert_string_equal(kmsg_status(g.r),
	                    "kernel log: reading file, 3 lines so far: x.log");
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 0);
	assert_true(kmsg_need_poll(g.r));
	assert_false(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_fd(g.r), KMSGFAKE_FD);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_true(kmsg_caught_up(g.r));
	assert_string_equal(text(&g, 0), "d");
	kmsgfake_rig_fini(&g);
}

/* A line longer than KMSG_LINE_MAX, over several reads: kept up to the
 * limit and marked cut; the next line is whole. Reads that end no line
 * count toward the budget, so a pump stays bounded. */
static void
test_file_long_line(void **state)
{
	struct kmsgfake_rig g;
	char *chunk = malloc(KMSG_RECORD_MAX);
	int i;
	(void)state;
	assert_non_null(chunk);
	memset(chunk, 'a', KMSG_RECORD_MAX);
	kmsgfake_rig_init(&g);
	for (i = 0; i < 3; i++)
		kmsgfake_rec(&g.f, chunk, KMSG_RECORD_MAX);
	kmsgfake_str(&g.f, "a\nend\n");
	kmsgfake_rec(&g.f, "", 0);
	free(chunk);
	rig_file(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 2), 0);
	assert_int_equal(g.f.reads, 2);
	assert_false(kmsg_caught_up(g.r));
	while (!kmsg_caught_up(g.r))
		assert_true(kmsg_pump(g.r, g.ev, 2) >= 0);
	assert_int_equal(kmsg_records(g.r), 2);
	assert_string_equal(text(&g, 0), "end");
	assert_true(klogring_get(&g.ring, 1)->truncated);
	kmsgfake_rig_fini(&g);
}

/* A read error ends a file: the status says why, nothing is polled or
 * read again. A file that cannot be opened gives no reader. */
static void
test_file_errors(void **state)
{
	struct kmsgfake_rig g;
	struct kmsg_reader *none = NULL;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_str(&g.f, "a\n");
	kmsgfake_err(&g.f, EIO);
	rig_file(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), -EIO);
	assert_int_equal(kmsg_records(g.r), 1);
	assert_int_equal(kmsg_fd(g.r), -1);
	assert_string_equal(kmsg_status(g.r),
	                    "kernel log: file x.log: read failed: "
	                    "Input/output error");
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 0);
	assert_int_equal(g.f.reads, 2);
	kmsg_free(g.r);
	g.r = NULL;
	g.f.open_ret = -EACCES;
	assert_int_equal(kmsg_new_file(&none, "y.log", &kmsgfake_ops, &g.f),
	                 -EACCES);
	assert_null(none);
	/* standard input is named as such */
	g.f.open_ret = KMSGFAKE_FD;
	assert_int_equal(kmsg_new_file(&g.r, "-", &kmsgfake_ops, &g.f), 0);
	assert_string_equal(kmsg_status(g.r),
	                    "kernel log: file (standard input)");
	kmsgfake_rig_fini(&g);
}

/* klogctl: one READ_ALL per pass; a pass cut by the budget goes on where
 * it stopped; the next pass feeds only new lines (all of them when the
 * last one fed was overwritten); a failing call is an error of that pump
 * only. */
static void
test_klogctl_passes(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	g.f.open_ret = -ENOENT;
	g.f.klog = "<6>a\n<6>b\n<6>c\n";
	rig_live(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_KLOGCTL);
	assert_int_equal(g.f.syslogs, 1); /* the check at open */
	assert_int_equal(kmsg_pump(g.r, g.ev, 2), 2);
	assert_false(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_true(kmsg_caught_up(g.r));
	assert_int_equal(g.f.syslogs, 2);
	assert_string_equal(text(&g, 0), "c");
	g.f.klog = "<6>b\n<6>c\n<6>d\n<6>e"; /* no final '\n' */
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	assert_string_equal(text(&g, 0), "e");
	g.f.klog = "<6>x\n<6>y\n"; /* "e" overwritten: all is new */
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	assert_int_equal(kmsg_records(g.r), 7);
	g.f.syslog_ret = -EPERM;
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), -EPERM);
	assert_string_equal(kmsg_status(g.r),
	                    "kernel log: klogctl (/dev/kmsg: /dev/kmsg does "
	                    "not exist)");
	g.f.syslog_ret = 0;
	g.f.klog = "<6>x\n<6>y\n<6>z\n";
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_string_equal(text(&g, 0), "z");
	assert_int_equal(kmsg_fd(g.r), -1);
	assert_int_equal(g.f.closed, 0);
	kmsgfake_rig_fini(&g);
}

/* /dev/kmsg: a record of KMSG_RECORD_MAX - 1 bytes fits the read, one
 * byte more is EINVAL (one lost); EINTR at the probe is read again, and
 * in a pump counts toward the budget. */
static void
test_devkmsg_buffer_edge_and_eintr(void **state)
{
	struct kmsgfake_rig g;
	char *rec = malloc(KMSG_RECORD_MAX);
	(void)state;
	assert_non_null(rec);
	memset(rec, 'x', KMSG_RECORD_MAX);
	memcpy(rec, "6,1,1,-;", 8);
	kmsgfake_rig_init(&g);
	kmsgfake_err(&g.f, EINTR);
	kmsgfake_rec(&g.f, rec, KMSG_RECORD_MAX - 1);
	memcpy(rec, "6,2,2,-;", 8);
	kmsgfake_rec(&g.f, rec, KMSG_RECORD_MAX);
	kmsgfake_err(&g.f, EINTR);
	kmsgfake_err(&g.f, EINTR);
	kmsgfake_str(&g.f, "6,3,3,-;c");
	free(rec);
	rig_live(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_DEVKMSG);
	assert_int_equal(g.f.reads, 2); /* EINTR, then the probed record */
	assert_int_equal(kmsg_pump(g.r, g.ev, 4), 1);
	assert_int_equal(kmsg_lost(g.r, NULL), 1);
	assert_false(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_pump(g.r, g.ev, 4), 1);
	assert_true(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_lost(g.r, NULL), 1); /* 2 was that record */
	assert_string_equal(text(&g, 0), "c");
	kmsgfake_rig_fini(&g);
}

/* kmsg_drain stops at max_records, after one pump when until_ms is 0,
 * at "nothing yet" when it may not wait, and on an error. */
static void
test_drain_limits(void **state)
{
	struct kmsg_drain d = {.budget = 10, .until_ms = UINT64_MAX};
	struct kmsgfake_rig g;
	char rec[32];
	int i, n;
	(void)state;
	kmsgfake_rig_init(&g);
	for (i = 0; i < 25; i++) {
		n = snprintf(rec, sizeof rec, "6,%d,%d,-;r%d", i, i, i);
		kmsgfake_rec(&g.f, rec, (size_t)n);
	}
	kmsgfake_err(&g.f, EIO);
	rig_live(&g);
	d.max_records = 15;
	assert_int_equal(kmsg_drain(g.r, g.ev, &d), 0);
	assert_int_equal(kmsg_records(g.r), 20);
	assert_false(kmsg_caught_up(g.r));
	d.max_records = 0;
	d.until_ms = 0;
	d.budget = 3;
	assert_int_equal(kmsg_drain(g.r, g.ev, &d), 0);
	assert_int_equal(kmsg_records(g.r), 23); /* one pump */
	d.until_ms = UINT64_MAX;
	assert_int_equal(kmsg_drain(g.r, g.ev, &d), -EIO);
	assert_int_equal(kmsg_records(g.r), 25);
	kmsg_free(g.r);
	kmsgfake_free(&g.f);
	/* a file with nothing yet: the drain returns to its caller */
	kmsgfake_init(&g.f);
	kmsgfake_str(&g.f, "a\nb\n");
	kmsgfake_err(&g.f, EAGAIN);
	kmsgfake_str(&g.f, "c\n");
	rig_file(&g);
	assert_int_equal(kmsg_drain(g.r, g.ev, &d), 0);
	assert_true(kmsg_need_poll(g.r));
	assert_int_equal(kmsg_records(g.r), 2);
	kmsgfake_rig_fini(&g);
}

/* kmsg_drain with wait: a pipe whose writer pauses is waited for in
 * poll(), to its end. */
static void
test_drain_waits_for_a_pipe(void **state)
{
	struct kmsg_drain d = {
	    .budget = 100, .until_ms = UINT64_MAX, .wait = true};
	struct kmsgfake_rig g;
	char path[64];
	int p[2], st;
	pid_t pid;
	(void)state;
	kmsgfake_rig_init(&g);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "one\n", 4), 4);
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	assert_int_equal(kmsg_new_file(&g.r, path, NULL, NULL), 0);
	close(p[0]);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(100 * 1000);
		_exit(write(p[1], "two\n", 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	assert_int_equal(kmsg_drain(g.r, g.ev, &d), 0);
	assert_true(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_records(g.r), 2);
	assert_string_equal(text(&g, 0), "two");
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	kmsgfake_rig_fini(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_file_pieces_join),
	    cmocka_unit_test(test_file_budget_and_eagain),
	    cmocka_unit_test(test_file_long_line),
	    cmocka_unit_test(test_file_errors),
	    cmocka_unit_test(test_klogctl_passes),
	    cmocka_unit_test(test_devkmsg_buffer_edge_and_eintr),
	    cmocka_unit_test(test_drain_limits),
	    cmocka_unit_test(test_drain_waits_for_a_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
