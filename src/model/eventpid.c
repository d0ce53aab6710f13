/* eventpid.c: an event's PID against the live process (eventpid.h). */
#include "model/eventpid.h"

#include <string.h>

#define COMM_MAX 15 /* TASK_COMM_LEN - 1 */

/* Set *why when asked. */
static enum eventpid_verdict
verdict(enum eventpid_verdict v, const char *text, const char **why)
{
	if (why != NULL)
		*why = text;
	return v;
}

/* The event's name equals the live comm (both cut at 15 bytes)? */
static bool
same_name(const struct kevent_name *n, const char *comm)
{
	size_t a = n->len < COMM_MAX ? n->len : COMM_MAX;
	size_t b = strnlen(comm, COMM_MAX);

	return a == b && memcmp(n->s, comm, a) == 0;
}

/* Compare. */
enum eventpid_verdict
eventpid_match(const struct kevent *e, const struct eventpid_live *live,
               bool from_file, const char **why)
{
	bool timed = e->time.kind == KLOG_TIME_BOOT && e->time.usec >= 0;
	int64_t start_us;

	if (e->pid <= 0)
		return verdict(EVENTPID_NONE, "this event names no process",
		               why);
	if (from_file)
		return verdict(EVENTPID_UNKNOWN,
		               "from a saved log: its PIDs may be another "
		               "boot's",
		               why);
	if (timed && live->ticks_per_s > 0) {
		start_us =
		    (int64_t)(live->start_ticks / (uint64_t)live->ticks_per_s) *
		        1000000 +
		    (int64_t)(live->start_ticks % (uint64_t)live->ticks_per_s) *
		        1000000 / live->ticks_per_s -
		    live->suspended_us;
		if (start_us > e->time.usec + EVENTPID_SLACK_US)
			return verdict(EVENTPID_OTHER,
			               "it started after the event", why);
	}
	if (e->comm.set && live->comm != NULL &&
	    !same_name(&e->comm, live->comm))
		return verdict(EVENTPID_OTHER, "it has another name now", why);
	if (!timed && !e->comm.set)
		return verdict(EVENTPID_UNKNOWN,
		               "the event has neither a time nor a name to "
		               "compare",
		               why);
	return verdict(EVENTPID_SAME, NULL, why);
}
