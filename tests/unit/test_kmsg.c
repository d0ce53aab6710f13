/* Unit tests for the kernel-log reader (collect/kmsg.c) through its
 * injectable system calls: fixture records replayed one per read, and
 * EPIPE, EINVAL, EAGAIN, EPERM, ENOENT and EIO injected where the kernel
 * would return them. Also the file source on real files and pipes, and
 * the times --events prints from it under a comma-decimal locale. (Each
 * source through the fake, and kmsg_drain: test_klogsrc.c.) */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/modes.h"
#include "collect/kmsg.h"
#include "kfixture.h"
#include "kmsgfake.h"
#include "model/kevents.h"

/* Open the live log of the rig's fake kernel (closing what was open). */
static void
rig_open(struct kmsgfake_rig *g)
{
	kmsg_free(g->r);
	assert_int_equal(kmsg_new_live(&g->r, &kmsgfake_ops, &g->f), 0);
}

static void
test_replay_fixture(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_fixture(&g.f, "09.txt");
	assert_int_equal(g.f.nsteps, 78);
	rig_open(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_DEVKMSG);
	assert_int_equal(kmsg_fd(g.r), KMSGFAKE_FD);
	assert_string_equal(kmsg_status(g.r), "kernel log: /dev/kmsg");
	assert_string_equal(kmsg_reason(g.r), "");
	assert_int_equal(kmsg_pump(g.r, g.ev, 10000), 78);
	assert_true(kmsg_caught_up(g.r));
	assert_int_equal(kmsg_lost(g.r, NULL), 0);
	assert_int_equal(kevents_count(g.ev), 1);
	assert_int_equal(kevents_get(g.ev, 0)->pid, 5807);
	/* idle: one read, EAGAIN, nothing fed */
	g.f.reads = 0;
	assert_int_equal(kmsg_pump(g.r, g.ev, 10000), 0);
	assert_true(kmsg_caught_up(g.r));
	assert_true(kmsg_need_poll(g.r));
	assert_int_equal(g.f.reads, 1);
	/* the last SEQ was 503: 506 next says 504 and 505 were lost */
	kmsgfake_str(&g.f, "6,506,1,-;later");
	assert_int_equal(kmsg_pump(g.r, g.ev, 10000), 1);
	assert_int_equal(kmsg_lost(g.r, NULL), 2);
	kmsg_free(g.r);
	g.r = NULL;
	assert_int_equal(g.f.closed, 1);
	kmsgfake_rig_fini(&g);
}

static void
test_dictionary_lines_in_a_record(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_fixture(&g.f, "03.txt");
	assert_int_equal(g.f.nsteps, 2);
	rig_open(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	assert_int_equal(klogring_count(&g.ring), 2);
	assert_string_equal(klogring_get(&g.ring, 0)->text,
	                    "acpi PNP0A08:00: PCIe port services disabled; not "
	                    "requesting _OSC control");
	kmsgfake_rig_fini(&g);
}

static void
test_epipe_and_gap_become_lost(void **state)
{
	struct kmsgfake_rig g;
	bool at_least;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_rec(&g.f, "6,0,1,-;a", 9);
	kmsgfake_err(&g.f,
	             EPIPE); /* overwritten under us: next record is 585 */
	kmsgfake_rec(&g.f, "6,585,2,-;b", 11);
	kmsgfake_rec(&g.f, "6,586,3,-;c", 11);
	kmsgfake_rec(&g.f, "6,590,4,-;d", 11);       /* a gap without EPIPE */
	kmsgfake_rec(&g.f, "6,590,4,-;d again", 17); /* not newer: no gap */
	rig_open(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 5);
	assert_int_equal(kmsg_lost(g.r, &at_least), 584 + 3);
	assert_false(at_least); /* a SEQ was known: exact */
	assert_int_equal(kevents_stats(g.ev).lost, 587);
	assert_int_equal(klogring_get(&g.ring, 2)->lost, 3);
	assert_int_equal(klogring_get(&g.ring, 5)->lost, 584);
	assert_string_equal(klogring_get(&g.ring, 0)->text, "d again");
	kmsgfake_rig_fini(&g);
}

/* EPIPE before any SEQ is known: the records overwritten cannot be
 * counted (the SEQ the reader started from was never read); each EPIPE is
 * at least one, and the count says it is a lower bound. */
static void
test_epipe_before_first_record(void **state)
{
	struct kmsgfake_rig g;
	bool at_least;
	(void)state;
	kmsgfake_rig_init(&g);
	kmsgfake_err(&g.f, EPIPE); /* the probe read at open */
	kmsgfake_rec(&g.f, "6,585,2,-;b", 11);
	kmsgfake_rec(&g.f, "6,586,3,-;c", 11);
	rig_open(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_DEVKMSG);
	/* the probe's EPIPE is counted by the first pump, as its first read */
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	assert_int_equal(g.f.reads, 4); /* probe, b, c, EAGAIN: no re-read */
	/* not 585: the start is unknown */
	assert_int_equal(kmsg_lost(g.r, &at_least), 1);
	assert_true(at_least);
	assert_int_equal(kevents_stats(g.ev).lost, 1);
	assert_int_equal(klogring_count(&g.ring), 3);
	assert_int_equal(klogring_get(&g.ring, 2)->lost, 1); /* marker first */
	assert_string_equal(klogring_get(&g.ring, 2)->text,
	                    "at least 1 kernel message lost");
	assert_string_equal(klogring_get(&g.ring, 0)->text, "c");
	kmsg_free(g.r);
	g.r = NULL;
	kmsgfake_free(&g.f);
	/* an empty log at open, then two EPIPEs before the first record:
	 * at least 2, one marker */
	kmsgfake_init(&g.f);
	kmsgfake_err(&g.f, EAGAIN); /* the probe: nothing yet */
	kmsgfake_err(&g.f, EPIPE);
	kmsgfake_err(&g.f, EPIPE);
	kmsgfake_rec(&g.f, "6,900,9,-;d", 11);
	rig_open(&g);
	assert_int_equal(kmsg_lost(g.r, &at_least), 0);
	assert_false(at_least);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_int_equal(kmsg_lost(g.r, &at_least), 2);
	assert_true(at_least);
	assert_int_equal(kevents_stats(g.ev).lost, 1 + 2);
	assert_int_equal(klogring_get(&g.ring, 1)->lost, 2);
	assert_string_equal(klogring_get(&g.ring, 0)->text, "d");
	/* with a SEQ known, a later EPIPE is counted exactly by the gap */
	kmsgfake_err(&g.f, EPIPE);
	kmsgfake_rec(&g.f, "6,910,10,-;e", 12);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_int_equal(kmsg_lost(g.r, &at_least), 2 + 9);
	kmsgfake_rig_fini(&g);
}

static void
test_einval_counts_one(void **state)
{
	struct kmsgfake_rig g;
	char *big = malloc(KMSG_RECORD_MAX + 10);
	(void)state;
	assert_non_null(big);
	memset(big, 'x', KMSG_RECORD_MAX + 10);
	memcpy(big, "6,1,1,-;", 8);
	kmsgfake_rig_init(&g);
	kmsgfake_rec(&g.f, "6,0,1,-;a", 9);
	/* too big: EINVAL, consumed */
	kmsgfake_rec(&g.f, big, KMSG_RECORD_MAX + 10);
	kmsgfake_rec(&g.f, "6,2,3,-;c", 9);
	rig_open(&g);
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	/* not 2: the gap is that record */
	assert_int_equal(kmsg_lost(g.r, NULL), 1);
	assert_true(kmsg_caught_up(g.r));
	free(big);
	kmsgfake_rig_fini(&g);
}

static void
test_budget_and_errors(void **state)
{
	struct kmsgfake f;
	struct kmsg_reader *r;
	struct kevents *ev = kevents_new(8);
	char rec[32];
	bool at_least;
	int i, n;
	(void)state;
	kmsgfake_init(&f);
	for (i = 0; i < 25; i++) {
		n = snprintf(rec, sizeof rec, "6,%d,%d,-;r%d", i, i, i);
		kmsgfake_rec(&f, rec, (size_t)n);
	}
	kmsgfake_err(&f, EIO);
	assert_int_equal(kmsg_new_live(&r, &kmsgfake_ops, &f), 0);
	assert_int_equal(kmsg_pump(r, ev, 10), 10);
	assert_false(kmsg_caught_up(r));
	assert_int_equal(kmsg_pump(r, ev, 10), 10);
	assert_int_equal(kmsg_pump(r, ev, 10), -EIO);
	assert_int_equal(kmsg_records(r), 25);
	assert_non_null(strstr(kmsg_status(r), "read failed"));
	kmsg_free(r);
	/* a source failing with EPIPE forever cannot spin: budget bounds it;
	 * each EPIPE (the probe's too) overwrote at least one record */
	kmsgfake_free(&f);
	kmsgfake_init(&f);
	for (i = 0; i < 100; i++)
		kmsgfake_err(&f, EPIPE);
	assert_int_equal(kmsg_new_live(&r, &kmsgfake_ops, &f), 0);
	assert_int_equal(kmsg_pump(r, ev, 10), 0);
	assert_true(f.reads <= 10); /* the probe, and 9 more */
	assert_int_equal(kmsg_lost(r, &at_least), f.reads);
	assert_true(at_least);
	assert_int_equal(kevents_stats(ev).lost, f.reads);
	kmsg_free(r);
	kevents_free(ev);
	kmsgfake_free(&f);
}

static void
test_eperm_falls_back_to_klogctl(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	g.f.open_ret = -EPERM;
	g.f.klog = "<6>[    1.000000] boot\n"
	           "<3>[    2.000000] Out of memory: Killed process 7 (a) "
	           "total-vm:8kB, anon-rss:4kB, file-rss:0kB\n";
	rig_open(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_KLOGCTL);
	assert_int_equal(kmsg_fd(g.r), -1);
	assert_string_equal(
	    kmsg_status(g.r),
	    "kernel log: klogctl (/dev/kmsg: permission denied; "
	    "needs CAP_SYSLOG or kernel.dmesg_restrict=0)");
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 2);
	assert_int_equal(kevents_count(g.ev), 1);
	/* re-polled: the same buffer feeds nothing, a new line feeds one */
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 0);
	g.f.klog = "<6>[    1.000000] boot\n"
	           "<3>[    2.000000] Out of memory: Killed process 7 (a) "
	           "total-vm:8kB, anon-rss:4kB, file-rss:0kB\n"
	           "<3>[    3.000000] Out of memory: Killed process 8 (b) "
	           "total-vm:8kB, anon-rss:4kB, file-rss:0kB\n";
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_int_equal(kevents_count(g.ev), 2);
	assert_int_equal(kevents_get(g.ev, 0)->pid, 8);
	/* a forged user record in klogctl form stays a user line */
	g.f.klog = "<8>[    4.000000] Out of memory: Killed process 9 (f) "
	           "total-vm:8kB, anon-rss:4kB, file-rss:0kB\n";
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 1);
	assert_int_equal(kevents_count(g.ev), 2);
	kmsg_free(g.r);
	g.r = NULL;
	assert_int_equal(g.f.closed, 0);
	kmsgfake_rig_fini(&g);
}

static void
test_nothing_readable(void **state)
{
	struct kmsgfake_rig g;
	(void)state;
	kmsgfake_rig_init(&g);
	g.f.open_ret = -EPERM;
	g.f.syslog_ret = -EPERM;
	rig_open(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_NONE);
	assert_int_equal(kmsg_fd(g.r), -1);
	assert_string_equal(kmsg_status(g.r),
	                    "kernel log: permission denied; needs CAP_SYSLOG "
	                    "or kernel.dmesg_restrict=0; showing the OOM "
	                    "counters only");
	/* the reason alone, for --events (which shows no counters pane) */
	assert_string_equal(kmsg_reason(g.r),
	                    "permission denied; needs CAP_SYSLOG or "
	                    "kernel.dmesg_restrict=0");
	assert_int_equal(kmsg_pump(g.r, g.ev, 100), 0);
	assert_true(kmsg_caught_up(g.r));
	kmsg_free(g.r);
	g.r = NULL;
	g.f.open_ret = -ENOENT;
	rig_open(&g);
	assert_non_null(strstr(kmsg_status(g.r), "/dev/kmsg does not exist"));
	kmsg_free(g.r);
	g.r = NULL;
	/* pre-3.5 kernel: open works, the first read gives EINVAL */
	kmsgfake_init(&g.f);
	g.f.syslog_ret = -EPERM;
	kmsgfake_err(&g.f, EINVAL);
	rig_open(&g);
	assert_int_equal(kmsg_source(g.r), KMSG_SRC_NONE);
	assert_int_equal(g.f.closed, 1);
	assert_non_null(strstr(kmsg_status(g.r), "older than 3.5"));
	kmsg_free(g.r);
	g.r = NULL;
	kmsgfake_rig_fini(&g);
}

/* An anonymous temporary file holding data, named by its /proc/self/fd
 * path (written to path); the caller fcloses the returned stream. */
static FILE *
temp_file(const char *data, size_t len, char *path, size_t size)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fflush(f), 0);
	snprintf(path, size, "/proc/self/fd/%d", fileno(f));
	return f;
}

static void
test_file_source(void **state)
{
	static const char data[] =
	    "6,1,1,-;one\0"
	    "6,2,2,-;two\n SUBSYSTEM=x\n"
	    "[    5.000000] Out of memory: Killed process 3 (c) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB"; /* no final newline */
	struct kmsg_reader *r;
	struct klogring ring;
	struct kevents *ev = kevents_new(8);
	char path[64];
	FILE *tmp = temp_file(data, sizeof data - 1, path, sizeof path);
	char *big;
	size_t n = 100 * 1024;
	(void)state;
	assert_int_equal(klogring_init(&ring, 8), 0);
	kevents_set_ring(ev, &ring);
	assert_int_equal(kmsg_new_file(&r, path, NULL, NULL), 0);
	assert_non_null(strstr(kmsg_status(r), "kernel log: file /proc/"));
	assert_int_equal(kmsg_pump(r, ev, 2), 2);
	assert_false(kmsg_caught_up(r));
	/* the title says the file is still being read, and how far */
	assert_non_null(strstr(kmsg_status(r),
	                       "kernel log: reading file, 2 lines so far: "
	                       "/proc/"));
	assert_int_equal(kmsg_pump(r, ev, 100), 2);
	assert_true(kmsg_caught_up(r));
	assert_int_equal(kmsg_fd(r), -1);
	assert_non_null(strstr(kmsg_status(r), "kernel log: file /proc/"));
	assert_int_equal(klogring_count(&ring), 3);
	assert_int_equal(kevents_count(ev), 1);
	kmsg_free(r);
	fclose(tmp);
	/* a 100 KB line is cut, the next line still read */
	big = malloc(n);
	assert_non_null(big);
	memset(big, 'a', n);
	memcpy(big + n - 6, "\nend\n", 5);
	tmp = temp_file(big, n - 1, path, sizeof path);
	assert_int_equal(kmsg_new_file(&r, path, NULL, NULL), 0);
	while (!kmsg_caught_up(r))
		assert_true(kmsg_pump(r, ev, 100) >= 0);
	assert_int_equal(kmsg_records(r), 2);
	assert_string_equal(klogring_get(&ring, 0)->text, "end");
	assert_true(klogring_get(&ring, 1)->truncated);
	kmsg_free(r);
	fclose(tmp);
	free(big);
	assert_int_equal(kmsg_new_file(&r, "/nonexistent/kmsg", NULL, NULL),
	                 -ENOENT);
	/* a read error ends the source: nothing more to poll, the status
	 * says why */
	assert_int_equal(kmsg_new_file(&r, "/", NULL, NULL), 0);
	assert_int_equal(kmsg_pump(r, ev, 100), -EISDIR);
	assert_int_equal(kmsg_fd(r), -1);
	assert_string_equal(kmsg_status(r),
	                    "kernel log: file /: read failed: Is a directory");
	kmsg_free(r);
	kevents_free(ev);
	klogring_fini(&ring);
}

/* A non-blocking pipe as standard input ("-"): EAGAIN is "nothing yet",
 * not the end and not an error; need_poll says to wait before the next
 * pump. */
static void
test_file_nonblocking_stdin(void **state)
{
	struct kmsg_reader *r;
	struct kevents *ev = kevents_new(8);
	int p[2], saved = dup(STDIN_FILENO);
	(void)state;
	assert_non_null(ev);
	assert_true(saved >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	close(p[0]);
	assert_int_equal(kmsg_new_file(&r, "-", NULL, NULL), 0);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_int_equal(write(p[1], "one\ntw", 6), 6);
	assert_int_equal(kmsg_pump(r, ev, 100), 1);
	assert_false(kmsg_caught_up(r));
	assert_true(kmsg_need_poll(r));
	assert_true(kmsg_fd(r) >= 0);
	assert_int_equal(write(p[1], "o\n", 2), 2);
	close(p[1]);
	assert_int_equal(kmsg_pump(r, ev, 100), 1);
	assert_true(kmsg_caught_up(r));
	assert_false(kmsg_need_poll(r));
	assert_int_equal(kmsg_records(r), 2);
	kmsg_free(r);
	kevents_free(ev);
}

/* Run `--events [--json] --kmsg-file path` (app/events_cli.c); its
 * standard output into out. Returns the exit status. */
static int
events_output(const char *path, bool json, char *out, size_t size)
{
	struct options opt;
	FILE *f = tmpfile();
	int saved, rc;
	size_t n;

	assert_non_null(f);
	memset(&opt, 0, sizeof opt);
	opt.mode = OPTIONS_EVENTS;
	opt.json = json;
	opt.kmsg_file = path;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fileno(f), STDOUT_FILENO), STDOUT_FILENO);
	rc = events_run(&opt);
	fflush(stdout);
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
	rewind(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
	return rc;
}

/* --events prints times with '.' whatever LC_NUMERIC says: under a
 * comma-decimal locale (de_DE, built here with localedef) a fractional
 * unix time came out as "1587395287,250000" and broke the JSON. main()
 * sets LC_NUMERIC to "C"; the printing does not rely on it. */
static void
test_events_times_ignore_the_locale(void **state)
{
	static const char log[] =
	    "2020-04-20T15:08:07.250000+00:00 host kernel: Out of memory: "
	    "Killed process 9 (x) total-vm:8kB, anon-rss:4kB, file-rss:0kB\n"
	    "[    5.123457] INFO: task kworker/2:1:5747 blocked for more "
	    "than 120 seconds.\n";
	char dir[] = "/tmp/test_kmsg_locale.XXXXXX", cmd[256], path[64];
	char out[4096];
	bool comma;
	FILE *tmp;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd,
	         "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1",
	         dir);
	if (system(cmd) == 0) {
		setenv("LOCPATH", dir, 1);
		comma = setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL &&
		        strcmp(localeconv()->decimal_point, ",") == 0;
	} else {
		comma = false;
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	if (!comma) {
		setlocale(LC_NUMERIC, "C");
		unsetenv("LOCPATH");
		skip(); /* no localedef or no de_DE source: nothing to test */
	}
	tmp = temp_file(log, sizeof log - 1, path, sizeof path);
	assert_int_equal(events_output(path, true, out, sizeof out), 0);
	assert_non_null(
	    strstr(out, "\"time\": 1587395287.250000, \"pid\": 9,"));
	assert_non_null(strstr(out, "\"time\": 5.123457, \"comm\""));
	assert_null(strstr(out, "5,123457"));
	assert_int_equal(events_output(path, false, out, sizeof out), 0);
	assert_non_null(strstr(out, "[    5.123457] hung_task:"));
	setlocale(LC_NUMERIC, "C");
	unsetenv("LOCPATH");
	fclose(tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replay_fixture),
	    cmocka_unit_test(test_dictionary_lines_in_a_record),
	    cmocka_unit_test(test_epipe_and_gap_become_lost),
	    cmocka_unit_test(test_epipe_before_first_record),
	    cmocka_unit_test(test_einval_counts_one),
	    cmocka_unit_test(test_budget_and_errors),
	    cmocka_unit_test(test_eperm_falls_back_to_klogctl),
	    cmocka_unit_test(test_nothing_readable),
	    cmocka_unit_test(test_file_source),
	    cmocka_unit_test(test_file_nonblocking_stdin),
	    cmocka_unit_test(test_events_times_ignore_the_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
