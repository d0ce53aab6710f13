/*
 * wtmp: boots from the login accounting file (/var/log/wtmp, struct utmpx
 * records), as `last -x` derives them. Pure: the bytes come from the
 * collector. Records are read in file order (oldest first):
 *
 *   BOOT_TIME, or user "reboot" on line "~"      a boot starts
 *   RUN_LVL with user "shutdown" on line "~",    the boot ends cleanly
 *   or a runlevel change to 0 or 6
 *
 * A boot followed by another boot with no shutdown between them crashed
 * (or lost power): it has no end time, only the time of its last record
 * (a lower bound). The newest boot without a shutdown is still running,
 * unless it is not the current boot (the caller knows that). A truncated
 * last record is ignored and counted.
 */
#ifndef OOMWATCH_MODEL_WTMP_H
#define OOMWATCH_MODEL_WTMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a boot ended, as wtmp tells it. */
enum wtmp_end {
	WTMP_RUNNING = 0, /* no record after it: the newest boot */
	WTMP_SHUTDOWN,    /* a shutdown record came before the next boot */
	WTMP_CRASH,       /* the next boot came with no shutdown before it */
};

struct wtmp_boot {
	int64_t start_unix_s;     /* the "reboot" record */
	int64_t end_unix_s;       /* the shutdown record, or INT64_MIN */
	int64_t last_seen_unix_s; /* its newest record of any kind */
	enum wtmp_end end;
	char kernel[72]; /* the reboot record's host field: the kernel
	                    release (raw bytes: sanitize before output) */
};

struct wtmp_stats {
	size_t records; /* whole records read */
	size_t partial; /* bytes of a truncated last record (ignored) */
	size_t boots;   /* boots seen */
	size_t dropped; /* older boots that did not fit */
	bool bad_time;  /* a record's time went backwards (clock set) */
};

/* The size of one record on this machine. */
size_t wtmp_record_size(void);
/*
 * Read len bytes of records into the newest max boots, oldest first;
 * stats into *st (may be NULL). Returns the boots written.
 */
size_t wtmp_parse(const void *data, size_t len, struct wtmp_boot *out,
                  size_t max, struct wtmp_stats *st);
/* "running", "shutdown", "crash" */
const char *wtmp_end_name(enum wtmp_end e);

#endif
