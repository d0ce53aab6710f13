/* Unit tests for collect/journalrun.c (a child with a deadline, its
 * errors, cancelled), collect/bootsrc.c (the golden fixture tree's boot
 * history, and one boot's events) and collect/bootjob.c (the same reads
 * in a thread, with a fake journalctl first in PATH: a slow one is not
 * waited for, a stopped one is killed and reaped). */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect/bootjob.h"
#include "collect/bootsrc.h"
#include "collect/journalrun.h"
#include "fakejctl.h"
#include "kmsgfake.h"

#define FIXTURE_PROC "tests/fixtures/golden/proc"

/* Lines seen by a journalrun callback. */
struct seen {
	size_t n;
	char last[64];
};

/* journalrun_line_fn: count and keep the last line. */
static void
keep(void *ctx, const char *line, size_t len)
{
	struct seen *s = ctx;

	s->n++;
	if (len >= sizeof s->last)
		len = sizeof s->last - 1;
	memcpy(s->last, line, len);
	s->last[len] = '\0';
}

/* Milliseconds of the monotonic clock. */
static uint64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
test_spawn_lines_and_status(void **state)
{
	const char *ok[] = {"sh", "-c", "printf 'a\\nb\\nlast'", NULL};
	const char *bad[] = {"sh", "-c",
	                     "echo 'No journal files were found.' >&2;"
	                     " exit 1",
	                     NULL};
	const char *none[] = {"oomwatch-no-such-program", NULL};
	struct journalrun_result res;
	struct seen s = {0};
	char why[128];
	(void)state;
	assert_int_equal(journalrun_spawn(ok, keep, &s, 5000, 1 << 20, -1, &res,
	                                  why, sizeof why),
	                 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.last, "last");
	assert_int_equal(res.status, 0);
	assert_int_equal(journalrun_spawn(bad, keep, &s, 5000, 1 << 20, -1,
	                                  &res, why, sizeof why),
	                 -1);
	assert_string_equal(why, "No journal files were found.");
	assert_int_equal(res.status, 1);
	assert_int_equal(journalrun_spawn(none, keep, &s, 5000, 1 << 20, -1,
	                                  &res, why, sizeof why),
	                 -1);
	assert_string_equal(why, "oomwatch-no-such-program: not found");
}

/* A child that never ends is killed at the deadline; the lines before
 * it were given; a child that writes too much is cut. */
static void
test_spawn_deadline_and_cut(void **state)
{
	const char *slow[] = {"sh", "-c", "echo early; exec sleep 30", NULL};
	const char *loud[] = {"sh", "-c", "yes line", NULL};
	struct journalrun_result res;
	struct seen s = {0};
	char why[128];
	uint64_t t0 = mono_ms();
	(void)state;
	assert_int_equal(journalrun_spawn(slow, keep, &s, 300, 1 << 20, -1,
	                                  &res, why, sizeof why),
	                 -1);
	assert_true(mono_ms() - t0 < 5000);
	assert_true(res.timed_out);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.last, "early");
	assert_string_equal(why, "timed out after 300 ms");
	memset(&s, 0, sizeof s);
	assert_int_equal(journalrun_spawn(loud, keep, &s, 5000, 100000, -1,
	                                  &res, why, sizeof why),
	                 -1);
	assert_true(res.cut);
	assert_true(s.n >= 100000 / 5 - 1);
	assert_non_null(strstr(why, "output cut"));
}

/* A readable cancel descriptor ends the run at once: killed, reaped,
 * "cancelled", the lines before given. */
static void
test_spawn_cancel(void **state)
{
	const char *slow[] = {"sh", "-c", "echo early; exec sleep 30", NULL};
	struct journalrun_result res;
	struct seen s = {0};
	char why[128];
	int cancel[2];
	(void)state;
	assert_int_equal(pipe(cancel), 0);
	assert_int_equal(write(cancel[1], "x", 1), 1);
	assert_int_equal(journalrun_spawn(slow, keep, &s, 30000, 1 << 20,
	                                  cancel[0], &res, why, sizeof why),
	                 -1);
	assert_true(res.cancelled);
	assert_false(res.timed_out);
	assert_string_equal(why, "cancelled");
	close(cancel[0]);
	close(cancel[1]);
}

/* The history in a thread: a journalctl that sleeps 2 s leaves the job
 * running (the caller was not kept), then its output is the result. */
static void
test_job_history(void **state)
{
	char script[PATH_MAX + 32], why[128] = "", fix[PATH_MAX];
	struct fakejctl fake;
	struct bootsrc_paths p;
	struct bootsrc_data *d;
	struct bootjob *j;
	(void)state;
	assert_non_null(realpath("tests/fixtures/boots/journal.json", fix));
	snprintf(script, sizeof script, "sleep 2; cat %s", fix);
	assert_int_equal(fakejctl_install(&fake, script), 0);
	bootsrc_paths(&p, NULL, NULL);
	j = bootjob_history(&p, 10000, 1767225600, why, sizeof why);
	assert_non_null(j);
	assert_false(bootjob_done(j)); /* journalctl is still asleep */
	assert_null(bootjob_take_history(j));
	assert_true(bootjob_wait(j, 15000));
	d = bootjob_take_history(j);
	assert_non_null(d);
	assert_null(bootjob_take_history(j)); /* taken */
	bootjob_free(j);
	assert_true(d->journal_state.ok);
	assert_int_equal(d->njournal, 2);
	assert_true(d->nrows >= 3); /* this boot, a1, b2 */
	bootsrc_free(d);
	free(d);
	assert_int_equal(fakejctl_runs(&fake), 1);
	fakejctl_remove(&fake);
}

/* The row of boot id, or NULL. */
static const struct boots_row *
row_of(const struct bootsrc_data *d, const char *id)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].boot_id, id) == 0)
			return &d->rows[i];
	return NULL;
}

/* A journalctl that stalls is cut at the deadline: read newest first
 * (-r), the newest boot is whole, the oldest read in part, and the note
 * says which boots were not read; the numbers follow the boots' times.
 * (Without -r the fake gives the oldest boot alone, as journalctl would
 * before stalling: the newest boot would be lost.) */
static void
test_journal_cut_keeps_newest(void **state)
{
	static struct bootsrc_data d;
	char script[2 * PATH_MAX + 160], fix[PATH_MAX];
	const struct boots_row *a, *b;
	struct fakejctl fake;
	struct bootsrc_paths p;
	(void)state;
	assert_non_null(realpath("tests/fixtures/boots/journal.json", fix));
	snprintf(script, sizeof script,
	         "case \" $* \" in *' -r '*) tac %s | head -n 4;; "
	         "*) head -n 10 %s;; esac; exec sleep 30",
	         fix, fix);
	assert_int_equal(fakejctl_install(&fake, script), 0);
	bootsrc_paths(&p, NULL, NULL);
	bootsrc_load(&d, &p, 1000, 1767225600);
	assert_true(d.journal_state.ok);
	assert_non_null(strstr(d.journal_state.why, "cut short: timed out"));
	assert_non_null(strstr(d.journal_state.why, "not read"));
	assert_int_equal(d.njournal, 2);
	assert_string_equal(d.journal[1].boot_id,
	                    "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2");
	assert_string_equal(d.journal[0].boot_id,
	                    "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1");
	assert_true(d.journal[0].sum.panicked); /* its newest lines */
	assert_int_equal(d.journal[0].sum.counts[KEVENT_OOM_KILL], 0);
	a = row_of(&d, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1");
	b = row_of(&d, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(b->index < 0);
	assert_int_equal(a->index, b->index - 1);
	bootsrc_free(&d);
	fakejctl_remove(&fake);
}

/* Freed while journalctl runs: the child is killed and reaped at once
 * (its pid is gone), the thread joined; an events job likewise. */
static void
test_job_stopped(void **state)
{
	struct fakejctl fake;
	struct bootsrc_paths p;
	struct bootjob *j;
	char why[128] = "";
	pid_t pid;
	(void)state;
	assert_int_equal(fakejctl_install(&fake, "exec sleep 30"), 0);
	bootsrc_paths(&p, NULL, NULL);
	for (int events = 0; events < 2; events++) {
		j = events ? bootjob_events(&p, "-1", NULL, 0, 16, 30000, why,
		                            sizeof why)
		           : bootjob_history(&p, 30000, 0, why, sizeof why);
		assert_non_null(j);
		pid = fakejctl_pid(&fake, (size_t)events + 1, 5000);
		assert_int_equal(fakejctl_runs(&fake), (size_t)events + 1);
		assert_true(pid > 0);
		assert_false(bootjob_done(j));
		bootjob_free(j);
		assert_int_equal(kill(pid, 0), -1);
		assert_int_equal(errno, ESRCH);
	}
	fakejctl_remove(&fake);
}

/* The events job's result, once ended: its events (count n), from
 * where, and why. */
static void
job_result(struct bootjob *j, size_t n, enum bootsrc_from from,
           const char *why_has)
{
	enum bootsrc_from got;
	struct kevents *ev;
	char why[256];

	assert_non_null(j);
	assert_true(bootjob_wait(j, 10000));
	ev = bootjob_take_events(j, &got, why, sizeof why);
	assert_non_null(ev);
	assert_non_null(strstr(why, why_has));
	assert_int_equal(got, from);
	if (why_has[0] == '\0')
		assert_int_equal(kevents_count(ev), n);
	kevents_free(ev);
	bootjob_free(j);
}

/* One boot's events in a thread, from the fixture tree's saved journal. */
static void
test_job_events(void **state)
{
	struct bootsrc_paths p;
	char why[256];
	(void)state;
	bootsrc_paths(&p, FIXTURE_PROC, NULL);
	job_result(bootjob_events(&p, "-1", NULL, 0, 64, 1000, why, sizeof why),
	           3, BOOTSRC_FROM_JOURNAL, "");
	job_result(bootjob_events(&p, "-2", NULL, 0, 64, 1000, why, sizeof why),
	           0, BOOTSRC_FROM_NONE, "no boot -2");
}

/* A boot only pstore knows (the golden tree's -3): its events are read
 * from its dump through the engine; a journal without the boot falls
 * back to the dump; the journal's are preferred when it has them. */
static void
test_job_dump_events(void **state)
{
	static struct bootsrc_data d;
	struct pstore_record dumps[BOOTSRC_PSTORE_MAX];
	struct bootsrc_paths p;
	const struct boots_row *r;
	char why[256];
	size_t n;
	(void)state;
	bootsrc_paths(&p, FIXTURE_PROC, NULL);
	bootsrc_load(&d, &p, 1000, 1767225600);
	r = &d.rows[3];
	assert_int_equal(r->index, -3);
	assert_false(r->in_journal);
	n = bootsrc_row_dumps(&d, r, dumps, BOOTSRC_PSTORE_MAX);
	assert_int_equal(n, 1);
	job_result(
	    bootjob_events(&p, NULL, dumps, n, 64, 1000, why, sizeof why),
	    boots_events(r), BOOTSRC_FROM_PSTORE, "");
	job_result(
	    bootjob_events(&p, "-7", dumps, n, 64, 1000, why, sizeof why),
	    boots_events(r), BOOTSRC_FROM_PSTORE, "");
	n = bootsrc_row_dumps(&d, &d.rows[1], dumps, BOOTSRC_PSTORE_MAX);
	assert_int_equal(n, 1);
	job_result(
	    bootjob_events(&p, "-1", dumps, n, 64, 1000, why, sizeof why), 3,
	    BOOTSRC_FROM_JOURNAL, "");
	/* a dump gone since the history was read */
	strcpy(dumps[0].name, "dmesg-ramoops-9");
	job_result(
	    bootjob_events(&p, NULL, dumps, n, 64, 1000, why, sizeof why), 0,
	    BOOTSRC_FROM_NONE, "no longer readable");
	bootsrc_free(&d);
}

/* The golden fixture's history, through the collector. */
static void
test_fixture_history(void **state)
{
	static struct bootsrc_data d;
	struct bootsrc_paths p;
	(void)state;
	bootsrc_paths(&p, FIXTURE_PROC, NULL);
	bootsrc_load(&d, &p, 1000, 1767225600);
	assert_true(d.wtmp_state.ok && d.journal_state.ok);
	assert_int_equal(d.nwtmp, 5);
	assert_int_equal(d.njournal, 2);
	assert_int_equal(d.npstore, 2);
	assert_string_equal(d.boot_id, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2");
	assert_int_equal(d.nrows, 5);
	assert_int_equal(d.rows[0].end, BOOTS_RUNNING);
	assert_int_equal(d.rows[1].end, BOOTS_PANIC);
	assert_int_equal(d.rows[1].dumps, 1);
	assert_int_equal(d.rows[2].end, BOOTS_CRASH);
	assert_int_equal(d.rows[3].end, BOOTS_OOM_PANIC);
	assert_int_equal(d.rows[4].end, BOOTS_SHUTDOWN);
	bootsrc_free(&d);
	/* a root with none of it: every source says why */
	bootsrc_paths(&p, "tests/fixtures/proc/basic", NULL);
	bootsrc_load(&d, &p, 1000, 1767225600);
	assert_false(d.wtmp_state.ok);
	assert_non_null(strstr(d.wtmp_state.why, "No such file"));
	assert_false(d.journal_state.ok);
	assert_non_null(strstr(d.journal_state.why, "not available"));
	assert_int_equal(d.nrows, 1); /* this boot */
	bootsrc_free(&d);
}

static void
test_fixture_boot_events(void **state)
{
	struct kevents *ev = kevents_new(64);
	struct bootsrc_paths p;
	char why[256];
	(void)state;
	assert_non_null(ev);
	bootsrc_paths(&p, FIXTURE_PROC, NULL);
	assert_int_equal(
	    bootsrc_boot_events(&p, "-1", ev, 1000, why, sizeof why), 0);
	kevents_finish(ev);
	assert_int_equal(kevents_count(ev), 3);
	assert_int_equal(kevents_get(ev, 0)->kind, KEVENT_PANIC);
	assert_int_equal(kevents_get(ev, 2)->kind, KEVENT_OOM_KILL);
	assert_int_equal(
	    bootsrc_boot_events(&p, "-2", ev, 1000, why, sizeof why), -1);
	assert_non_null(strstr(why, "journal: not available (no boot -2"));
	assert_int_equal(bootsrc_boot_events(&p,
	                                     "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2",
	                                     ev, 1000, why, sizeof why),
	                 0);
	kevents_free(ev);
}

/* This boot's events from the live kernel log (scripted /dev/kmsg): the
 * running row counts its kills, the source is named; a log that cannot
 * be read says why and changes no row. */
static void
test_live_kmsg(void **state)
{
	static struct bootsrc_data d;
	struct bootsrc_paths p;
	struct kmsgfake f;
	(void)state;
	bootsrc_paths(&p, FIXTURE_PROC, NULL);
	bootsrc_load(&d, &p, 1000, 1767225600);
	assert_int_equal(d.rows[0].counts[KEVENT_OOM_KILL], 0);
	kmsgfake_init(&f);
	for (int i = 0; i < 2; i++)
		kmsgfake_str(&f, i ? "3,2,2000000,-;Out of memory: Killed "
		                     "process 101 (hog) total-vm:1000kB\n"
		                   : "3,1,1000000,-;Out of memory: Killed "
		                     "process 100 (hog) total-vm:1000kB\n");
	assert_int_equal(bootsrc_live(&d, NULL, &kmsgfake_ops, &f, 1000), 0);
	assert_string_equal(d.live_source, "kmsg");
	assert_true(d.live_state.ok);
	assert_string_equal(d.live_state.why, "");
	assert_int_equal(d.live_records, 2);
	assert_true(d.rows[0].live);
	assert_int_equal(d.rows[0].counts[KEVENT_OOM_KILL], 2);
	assert_int_equal(d.rows[1].counts[KEVENT_OOM_KILL], 1); /* journal */
	kmsgfake_free(&f);
	bootsrc_free(&d);
	/* nothing readable: why, and the rows as they were */
	bootsrc_load(&d, &p, 1000, 1767225600);
	kmsgfake_init(&f);
	f.open_ret = -EACCES;
	f.syslog_ret = -EPERM;
	assert_int_equal(bootsrc_live(&d, NULL, &kmsgfake_ops, &f, 1000), -1);
	assert_null(d.live_source);
	assert_false(d.live_state.ok);
	assert_non_null(strstr(d.live_state.why, "not available ("));
	assert_false(d.rows[0].live);
	kmsgfake_free(&f);
	bootsrc_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spawn_lines_and_status),
	    cmocka_unit_test(test_spawn_deadline_and_cut),
	    cmocka_unit_test(test_spawn_cancel),
	    cmocka_unit_test(test_job_history),
	    cmocka_unit_test(test_job_stopped),
	    cmocka_unit_test(test_journal_cut_keeps_newest),
	    cmocka_unit_test(test_job_events),
	    cmocka_unit_test(test_job_dump_events),
	    cmocka_unit_test(test_fixture_history),
	    cmocka_unit_test(test_live_kmsg),
	    cmocka_unit_test(test_fixture_boot_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
