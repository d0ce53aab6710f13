/* Unit tests for the display ring (model/klogring.c) as the event
 * engine fills it from the kernel-log fixtures: sanitized text, classes,
 * user lines marked, dictionary lines dropped, the ring's bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kfixture.h"
#include "model/kevents.h"
#include "model/klogring.h"

/* Feed a whole fixture into a new engine that fills ring. */
static struct kevents *
run_file(const char *name, struct klogring *ring)
{
	struct kevents *ev = kfixture_run(name, ring);

	assert_non_null(ev);
	return ev;
}

/* Corpus file 07's forged line (a user-space record, facility 1, written
 * to look like a kernel OOM kill) as klogctl prints the user record,
 * and as a syslog line of a program. */
static const char forged_klogctl[] =
    "<8>[  853.929522] Out of memory: Killed process 4242 (forged) "
    "total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB";
static const char forged_tag[] =
    "Nov 29 01:00:04 host evilapp[7]: Out of memory: Killed process 4242 "
    "(forged) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB";

static void
test_display_lines(void **state)
{
	struct klogring ring;
	struct kevents *ev;
	const struct klogring_line *l;
	(void)state;
	assert_int_equal(klogring_init(&ring, 128), 0);
	/* 05: one record, two display lines; 04: sanitized escapes */
	ev = run_file("05.txt", &ring);
	assert_int_equal(klogring_count(&ring), 2);
	assert_string_equal(klogring_get(&ring, 1)->text,
	                    "kprobe5: first line");
	assert_string_equal(klogring_get(&ring, 0)->text,
	                    " second line same write");
	kevents_free(ev);
	klogring_clear(&ring);
	ev = run_file("04.txt", &ring);
	l = klogring_get(&ring, 0);
	assert_string_equal(l->text, "kprobe: ctrl \\x1b[31mRED\\x1b[0m "
	                             "bell\\x07 tab\\x09 bs\\ utf8 \xc3\xa9 "
	                             "bad \\xff\\xfe del\\x7f end");
	assert_true(l->from_user);
	assert_int_equal(l->cls, KCLASS_USER);
	kevents_free(ev);
	/* 07/08: shown, marked, never events. 07's user facility is a
	 * writer known to be userspace (the U mark); 08's dmesg form hides
	 * it: its impossible numbers make it a user line, but who wrote it
	 * is not known, so no mark */
	klogring_clear(&ring);
	ev = run_file("07.txt", &ring);
	assert_int_equal(klogring_get(&ring, 0)->cls, KCLASS_USER);
	assert_true(klogring_get(&ring, 0)->from_user);
	assert_int_equal(kevents_stats(ev).user_lines, 1);
	kevents_free(ev);
	klogring_clear(&ring);
	ev = run_file("08.txt", &ring);
	assert_int_equal(klogring_get(&ring, 0)->cls, KCLASS_USER);
	assert_false(klogring_get(&ring, 0)->from_user);
	assert_int_equal(kevents_count(ev), 0);
	/* the same impossible line from a user facility or tag keeps it */
	kfixture_feed_lines(
	    ev, (const char *const[]){forged_klogctl, forged_tag, NULL});
	assert_int_equal(kevents_count(ev), 0);
	assert_true(klogring_get(&ring, 0)->from_user);
	assert_int_equal(klogring_get(&ring, 0)->cls, KCLASS_USER);
	assert_true(klogring_get(&ring, 1)->from_user);
	assert_int_equal(klogring_get(&ring, 1)->cls, KCLASS_USER);
	assert_int_equal(kevents_stats(ev).user_lines, 2);
	kevents_free(ev);
	/* 03: dictionary lines are not display lines; 67: the 'c' record
	 * (seq 311) does not continue seq 1, a line of its own */
	klogring_clear(&ring);
	ev = run_file("03.txt", &ring);
	assert_int_equal(klogring_count(&ring), 2);
	kevents_free(ev);
	klogring_clear(&ring);
	ev = run_file("67.txt", &ring);
	assert_int_equal(klogring_count(&ring), 4);
	assert_string_equal(klogring_get(&ring, 1)->text, "  #1  #3  #5  #7");
	assert_null(strstr(klogring_get(&ring, 2)->text, "#1"));
	kevents_free(ev);
	/* 09: the report's body lines are promoted to oom_report */
	klogring_clear(&ring);
	ev = run_file("09.txt", &ring);
	assert_int_equal(klogring_get(&ring, 0)->cls, KCLASS_OOM_KILL);
	assert_int_equal(klogring_get(&ring, 3)->cls, KCLASS_OOM_REPORT);
	assert_int_equal(klogring_get(&ring, 77)->cls, KCLASS_OOM_INVOKED);
	assert_int_equal(klogring_get(&ring, 70)->cls, KCLASS_OOM_REPORT);
	kevents_free(ev);
	klogring_fini(&ring);
}

static void
test_ring_basics(void **state)
{
	struct klogring r;
	struct klog_record rec;
	char big[2000];
	(void)state;
	assert_int_equal(klogring_init(&r, 3), 0);
	assert_null(klogring_get(&r, 0));
	assert_false(klogring_append(&r, "x", 1));
	klog_parse("6,1,5,-;first", 13, &rec);
	klogring_push(&r, &rec, rec.text, rec.text_len, KCLASS_NORMAL);
	assert_true(klogring_append(&r, " more", 5));
	assert_string_equal(klogring_get(&r, 0)->text, "first more");
	assert_int_equal(klogring_get(&r, 0)->seq, 1);
	assert_int_equal(klogring_get(&r, 0)->level, 6);
	klogring_push_lost(&r, 1, false);
	assert_string_equal(klogring_get(&r, 0)->text, "1 kernel message lost");
	assert_false(klogring_append(&r, "x", 1));
	/* a lower bound (EPIPE before any SEQ was known) says so */
	klogring_push_lost(&r, 2, true);
	assert_string_equal(klogring_get(&r, 0)->text,
	                    "at least 2 kernel messages lost");
	memset(big, 'y', sizeof big);
	klogring_push(&r, NULL, big, sizeof big, KCLASS_ERROR);
	assert_true(klogring_get(&r, 0)->truncated);
	assert_int_equal(klogring_get(&r, 0)->text_len, KLOGRING_TEXT_MAX - 1);
	assert_int_equal(klogring_get(&r, 0)->level, -1);
	klogring_push(&r, NULL, "z", 1, KCLASS_NORMAL);
	assert_int_equal(klogring_count(&r), 3);
	assert_int_equal(klogring_get(&r, 2)->lost, 2);
	/* the log pane's filter: important = alert classes and lost markers */
	assert_int_equal(klogring_count_shown(&r, false), 3);
	assert_int_equal(klogring_count_shown(&r, true), 2);
	assert_false(klogring_shown(klogring_get(&r, 0), true));
	assert_true(klogring_shown(klogring_get(&r, 0), false));
	assert_true(klogring_shown(klogring_get(&r, 1), true));
	assert_true(klogring_shown(klogring_get(&r, 2), true));
	klogring_fini(&r);
}

/* Push a line of len copies of c (a record-less push). */
static void
push_fill(struct klogring *r, char c, size_t len)
{
	char buf[KLOGRING_TEXT_MAX];

	memset(buf, c, len);
	klogring_push(r, NULL, buf, len, KCLASS_NORMAL);
}

/* Is line i len copies of c? */
static void
line_is(const struct klogring *r, size_t i, char c, size_t len)
{
	const struct klogring_line *l = klogring_get(r, i);
	size_t k;

	assert_non_null(l);
	assert_int_equal(l->text_len, len);
	assert_int_equal(strlen(l->text), len);
	for (k = 0; k < len; k++)
		assert_int_equal(l->text[k], c);
}

/* The text arena: capacity lines of KLOGRING_TEXT_AVG - 1 bytes fit over
 * and over; longer lines drop the oldest early but never the newest
 * KLOGRING_TEXT_LINES; an append that no longer fits moves the line. */
static void
test_text_arena(void **state)
{
	struct klogring r;
	size_t i, k;
	(void)state;
	assert_int_equal(klogring_init(&r, 50), 0);
	for (i = 0; i < 500; i++) {
		push_fill(&r, (char)('a' + i % 26), KLOGRING_TEXT_AVG - 1);
		assert_int_equal(klogring_count(&r), i < 50 ? i + 1 : 50);
	}
	for (k = 0; k < 50; k++)
		line_is(&r, k, (char)('a' + (499 - k) % 26),
		        KLOGRING_TEXT_AVG - 1);
	klogring_fini(&r);
	/* max-length lines in a ring sized for short ones: the arena, not the
	 * slots, drops the oldest */
	assert_int_equal(klogring_init(&r, 20), 0);
	for (i = 0; i < 200; i++) {
		push_fill(&r, (char)('A' + i % 26),
		          KLOGRING_TEXT_MAX - 1 - i % 7);
		assert_true(
		    klogring_count(&r) >=
		    (i < KLOGRING_TEXT_LINES ? i + 1 : KLOGRING_TEXT_LINES));
		for (k = 0; k < klogring_count(&r); k++)
			line_is(&r, k, (char)('A' + (i - k) % 26),
			        KLOGRING_TEXT_MAX - 1 - (i - k) % 7);
	}
	assert_true(klogring_count(&r) < 20);
	/* appends grow the newest line in place or move it to the start */
	klogring_clear(&r);
	for (i = 0; i < 100; i++) {
		push_fill(&r, 'p', 10);
		for (k = 0; k < 40; k++)
			assert_true(klogring_append(&r, "qqqqqqqqqq", 10));
		assert_true(klogring_get(&r, 0)->truncated);
		for (k = 1; k < klogring_count(&r); k++) /* untouched */
			assert_int_equal(strncmp(klogring_get(&r, k)->text,
			                         "ppppppppppqq", 12),
			                 0);
		assert_int_equal(klogring_get(&r, 0)->text_len,
		                 KLOGRING_TEXT_MAX - 1);
		assert_int_equal(
		    strncmp(klogring_get(&r, 0)->text, "ppppppppppqq", 12), 0);
		assert_true(
		    klogring_count(&r) >=
		    (i < KLOGRING_TEXT_LINES ? i + 1 : KLOGRING_TEXT_LINES));
	}
	klogring_fini(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_display_lines),
	    cmocka_unit_test(test_ring_basics),
	    cmocka_unit_test(test_text_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
