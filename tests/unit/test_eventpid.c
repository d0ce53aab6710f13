/* Unit tests for model/eventpid.c: an event's PID against the live
 * process. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/eventpid.h"

/* An OOM kill event of pid 4242 "victim" at 100 s after boot. */
static void
oom_event(struct kevent *e)
{
	memset(e, 0, sizeof *e);
	e->kind = KEVENT_OOM_KILL;
	e->pid = 4242;
	e->time.kind = KLOG_TIME_BOOT;
	e->time.usec = 100 * 1000000LL;
	e->comm.set = true;
	e->comm.len = strlen("victim");
	memcpy(e->comm.s, "victim", e->comm.len);
}

static void
test_eventpid(void **state)
{
	struct kevent e;
	struct eventpid_live live = {0, 100, 0, "victim"};
	const char *why = NULL;
	(void)state;
	oom_event(&e);
	/* started at 50 s, same name: the same process */
	live.start_ticks = 5000;
	assert_int_equal(eventpid_match(&e, &live, false, &why), EVENTPID_SAME);
	/* started at 102 s: clearly another */
	live.start_ticks = 10200;
	assert_int_equal(eventpid_match(&e, &live, false, &why),
	                 EVENTPID_OTHER);
	assert_string_equal(why, "it started after the event");
	/* within the slack (100.5 s) it is not called another */
	live.start_ticks = 10050;
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_SAME);
	/* suspended time is taken off the boottime start: 130 s boottime
	 * with 40 s suspended is 90 s on the printk clock */
	live.start_ticks = 13000;
	live.suspended_us = 40 * 1000000LL;
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_SAME);
	live.suspended_us = 0;
	/* an older process with another name */
	live.start_ticks = 5000;
	live.comm = "bash";
	assert_int_equal(eventpid_match(&e, &live, false, &why),
	                 EVENTPID_OTHER);
	assert_string_equal(why, "it has another name now");
	/* names are compared on the kernel's 15 bytes */
	e.comm.len = strlen("averyveryverylongname");
	memcpy(e.comm.s, "averyveryverylongname", e.comm.len);
	live.comm = "averyveryverylo";
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_SAME);
	/* no time: the name decides */
	e.time.kind = KLOG_TIME_NONE;
	live.start_ticks = 99999999;
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_SAME);
	/* no time and no name: cannot tell */
	e.comm.set = false;
	assert_int_equal(eventpid_match(&e, &live, false, &why),
	                 EVENTPID_UNKNOWN);
	/* a saved log: never acted on */
	oom_event(&e);
	live.start_ticks = 5000;
	live.comm = "victim";
	assert_int_equal(eventpid_match(&e, &live, true, &why),
	                 EVENTPID_UNKNOWN);
	assert_non_null(strstr(why, "saved log"));
	/* an event without a pid (panic) */
	e.pid = -1;
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_NONE);
	/* wall-clock times (syslog lines) are not compared with boot
	 * ticks */
	oom_event(&e);
	e.time.kind = KLOG_TIME_UNIX;
	e.time.usec = 1;
	assert_int_equal(eventpid_match(&e, &live, false, NULL), EVENTPID_SAME);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eventpid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
