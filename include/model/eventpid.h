/*
 * eventpid: is the process that has an event's PID now still the process
 * the event was about? The events view acts on a PID taken from the
 * kernel log, which may be minutes old: the PID may have been reused.
 * Pure: the caller reads the live process and the clocks.
 *
 * Compared, where known:
 *  - start time: a process that started after the event (beyond
 *    EVENTPID_SLACK_US, for the 10 ms tick and the drift between the
 *    printk clock and CLOCK_MONOTONIC) is another process. The event
 *    time is the printk clock (usec since boot, suspend not counted);
 *    /proc/PID/stat's start time counts suspend (CLOCK_BOOTTIME), so the
 *    caller passes suspended_us = CLOCK_BOOTTIME - CLOCK_MONOTONIC now;
 *  - name: the event's comm (15 bytes in the kernel) against the live
 *    comm.
 * With neither known, or an event from a saved log (its PIDs may belong
 * to another boot), nothing can be told and the caller should refuse.
 */
#ifndef OOMWATCH_MODEL_EVENTPID_H
#define OOMWATCH_MODEL_EVENTPID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kevents.h"

#define EVENTPID_SLACK_US 1000000

enum eventpid_verdict {
	EVENTPID_SAME = 0, /* the same process, as far as can be told */
	EVENTPID_OTHER,    /* clearly another process now */
	EVENTPID_UNKNOWN,  /* nothing to compare: do not act */
	EVENTPID_NONE,     /* the event names no process */
};

/* What the caller read of the live process with the event's PID. */
struct eventpid_live {
	uint64_t start_ticks; /* stat field 22 */
	long ticks_per_s;     /* sysconf(_SC_CLK_TCK) */
	int64_t suspended_us; /* CLOCK_BOOTTIME - CLOCK_MONOTONIC */
	const char *comm;     /* NUL-terminated, at most 15 bytes used */
};

/*
 * Compare. from_file: the event came from a saved log (--kmsg-file).
 * *why (when not NULL) gets a short reason for OTHER / UNKNOWN / NONE
 * ("started after the event", "now named differently").
 */
enum eventpid_verdict eventpid_match(const struct kevent *e,
                                     const struct eventpid_live *live,
                                     bool from_file, const char **why);

#endif
