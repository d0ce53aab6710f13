/*
 * kmsg: the kernel-log reader. It feeds a kevents engine (and the ring
 * attached to it) from the best source available and says which one that
 * is, and why. The reader is opaque; each source is one file behind
 * collect/klogsrc.h, and the pump below is the one loop for all of them.
 *
 *   /dev/kmsg  non-blocking, one record per read into a 16 KiB buffer, the
 *              whole backlog first (from the oldest record kept), then new
 *              records as poll() reports them. SEQ is tracked: a gap
 *              (after EPIPE / POLLERR, when unread records were
 *              overwritten) becomes a "N kernel messages lost" marker;
 *              EINVAL (a record the buffer could not take, now consumed)
 *              counts one lost record; EAGAIN means caught up. An EPIPE
 *              before any SEQ is known (the probe read at open, or the
 *              first reads) moved the reader past at least one record it
 *              never saw, and how many is unknowable (the SEQ it started
 *              from was never read): it counts 1 and the count is a lower
 *              bound (kmsg_lost's at_least).
 *   klogctl    SYSLOG_ACTION_READ_ALL when /dev/kmsg cannot be opened
 *              (EPERM, EACCES, ENOENT, or a pre-3.5 kernel): the whole
 *              buffer is re-read on each pump and only lines after the
 *              last one fed are fed again. No fd to poll: pump on a timer.
 *   file       --kmsg-file FILE or "-" (standard input): lines of any
 *              format klog_parse knows, '\n' or NUL separated (a line is
 *              kept up to KMSG_LINE_MAX bytes). A named file is read
 *              non-blocking (once open, a FIFO whose writer pauses cannot
 *              stall the dashboard; opening a FIFO still waits for its
 *              first writer, as cat does); "-" keeps the mode standard
 *              input has (that file description is shared). The status
 *              says "reading file, N lines so far" until the end, where
 *              the engine is finished (kevents_finish).
 *   none       nothing readable: only the kernel's OOM counters are
 *              left; the status text says why.
 *
 * The system calls go through struct kmsg_ops, so tests replay fixture
 * records and inject EPIPE, EINVAL, EAGAIN and EPERM without a kernel.
 */
#ifndef OOMWATCH_COLLECT_KMSG_H
#define OOMWATCH_COLLECT_KMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/kevents.h"

#define KMSG_RECORD_MAX 16384 /* read buffer (kernel records <= 8 KiB) */
#define KMSG_LINE_MAX 32768   /* longest file line kept (rest dropped) */

/* The system calls, injectable. Each returns -errno on failure. */
struct kmsg_ops {
	int (*open_kmsg)(void *ctx); /* fd of /dev/kmsg, non-blocking */
	/* fd of a saved log ("-": standard input), non-blocking when named */
	int (*open_file)(void *ctx, const char *path);
	ssize_t (*read)(void *ctx, int fd, char *buf, size_t size);
	int (*syslog)(void *ctx, int type, char *buf, int len); /* klogctl */
	void (*close)(void *ctx, int fd);
};

/* The real system calls. */
extern const struct kmsg_ops kmsg_sys_ops;

enum kmsg_source {
	KMSG_SRC_NONE = 0,
	KMSG_SRC_DEVKMSG,
	KMSG_SRC_KLOGCTL,
	KMSG_SRC_FILE,
};

/* The reader (opaque). */
struct kmsg_reader;

/* How kmsg_drain pumps. */
struct kmsg_drain {
	size_t budget;     /* records per kmsg_pump */
	uint64_t until_ms; /* pump again only before this clock_mono_ms()
	                      (0: one pump; UINT64_MAX: no time limit) */
	uint64_t
	    max_records; /* stop once kmsg_records() reaches it (0: none) */
	bool wait;       /* nothing to read yet: block in poll() for it
	                    (else return) */
};

/*
 * Open the live kernel log: /dev/kmsg, else klogctl, else nothing (the
 * reader is still usable: it pumps nothing and its status says why).
 * ops NULL = kmsg_sys_ops. 0 with *out set, or -ENOMEM.
 */
int kmsg_new_live(struct kmsg_reader **out, const struct kmsg_ops *ops,
                  void *ctx);
/* Open a saved log ("-" = standard input). ops NULL = kmsg_sys_ops.
 * 0 with *out set, or -errno. */
int kmsg_new_file(struct kmsg_reader **out, const char *path,
                  const struct kmsg_ops *ops, void *ctx);
/* Close and free (NULL is fine). */
void kmsg_free(struct kmsg_reader *r);
/*
 * Feed at most budget records (lines) into ev; every read that feeds none
 * (EPIPE, EINVAL, EINTR, a piece of a long line) counts toward the budget
 * too, so a source that keeps failing cannot spin. Returns the number fed
 * (kmsg_caught_up says whether the source is drained for now;
 * kmsg_need_poll that it had nothing to read yet, as a non-blocking pipe
 * says with EAGAIN: poll kmsg_fd() before pumping again, never spin), or
 * -errno on a read error (it ends a file; a live source is read again on
 * the next pump). A source that ended, or a file that failed, feeds
 * nothing more.
 */
int kmsg_pump(struct kmsg_reader *r, struct kevents *ev, size_t budget);
/*
 * Pump until caught up, an error, d->max_records, or d->until_ms; when the
 * source has nothing yet, wait for it in poll() if d->wait, else return.
 * 0, or -errno (of the read, or of poll).
 */
int kmsg_drain(struct kmsg_reader *r, struct kevents *ev,
               const struct kmsg_drain *d);
/* The fd to poll for POLLIN, or -1 when there is none (klogctl, none, a
 * file read to its end, a source that failed). */
int kmsg_fd(const struct kmsg_reader *r);
/* Which source is read. */
enum kmsg_source kmsg_source(const struct kmsg_reader *r);
/* The last pump reached the end: EAGAIN for the live log, the end of a
 * file. */
bool kmsg_caught_up(const struct kmsg_reader *r);
/* The last pump stopped because there was nothing to read yet. */
bool kmsg_need_poll(const struct kmsg_reader *r);
/* The source has ended (a file read to its end): it feeds no more. */
bool kmsg_ended(const struct kmsg_reader *r);
/* Records (lines) fed so far. */
uint64_t kmsg_records(const struct kmsg_reader *r);
/* Records known lost; *at_least (when not NULL) says the count is a lower
 * bound (EPIPE before any SEQ was known). */
uint64_t kmsg_lost(const struct kmsg_reader *r, bool *at_least);
/* "kernel log: /dev/kmsg", "kernel log: permission denied; ...", ... */
const char *kmsg_status(const struct kmsg_reader *r);
/* Why /dev/kmsg could not be read, in words an administrator can act on
 * ("permission denied; needs CAP_SYSLOG or kernel.dmesg_restrict=0"), or
 * "" when nothing went wrong. */
const char *kmsg_reason(const struct kmsg_reader *r);

#endif
