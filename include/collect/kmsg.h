/*
 * kmsg: the kernel-log reader. It feeds a kevents engine from the best
 * source available and says which one that is, and why:
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
 *              from was never read): it counts 1 and lost_at_least says
 *              the count is a lower bound.
 *   klogctl    SYSLOG_ACTION_READ_ALL when /dev/kmsg cannot be opened
 *              (EPERM, EACCES, ENOENT, or a pre-3.5 kernel): the whole
 *              buffer is re-read on each pump and only lines after the
 *              last one fed are fed again. No fd to poll: pump on a timer.
 *   file       --kmsg-file FILE or "-" (standard input): lines of any
 *              format klog_parse knows, '\n' or NUL separated. A named
 *              file is read non-blocking (once open, a FIFO whose writer
 *              pauses cannot stall the dashboard; opening a FIFO still
 *              waits for its first writer, as cat does); "-" keeps
 *              the mode standard input has (that file description is
 *              shared). The status says "reading file, N lines so far"
 *              until the end.
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
	int (*open_kmsg)(void *ctx); /* fd */
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

struct kmsg_reader {
	const struct kmsg_ops *ops;
	void *ctx;
	enum kmsg_source source;
	int fd;
	int err;        /* errno that made the reader fall back, or 0 */
	bool caught_up; /* last pump reached the end (EAGAIN / EOF) */
	bool need_poll; /* last pump stopped at EAGAIN: nothing to read yet;
	                   poll kmsg_fd() for POLLIN before the next pump */
	bool eof;       /* file source fully read */
	bool have_seq;
	uint64_t next_seq;   /* SEQ expected next */
	uint64_t records;    /* records / lines fed */
	uint64_t lost;       /* records known lost */
	bool lost_at_least;  /* lost is a lower bound (EPIPE before any SEQ) */
	uint64_t lost_unfed; /* counted in lost, not yet told to the engine
	                        (the probe's EPIPE: kmsg_pump tells it) */
	char status[256];    /* "kernel log: ..." for the UI */
	char file_name[161]; /* file mode: the path as the status names it */
	char *buf;           /* KMSG_RECORD_MAX bytes (owned) */
	size_t pending;      /* bytes in buf not yet fed: the probed record
	                       (/dev/kmsg) or the rest of a chunk (file) */
	char *line;          /* file mode: KMSG_LINE_MAX bytes (owned) */
	size_t line_len;
	bool line_cut;
	char *klog; /* klogctl buffer (owned) */
	int klog_size;
	bool klog_have_last;
	uint64_t klog_last;      /* hash of the last klogctl line fed */
	struct klog_record *rec; /* scratch (owned) */
};

/*
 * Open the live kernel log: /dev/kmsg, else klogctl, else nothing (the
 * reader is still usable: it pumps nothing and its status says why).
 * ops NULL = kmsg_sys_ops. Returns 0, or -ENOMEM.
 */
int kmsg_open_live(struct kmsg_reader *r, const struct kmsg_ops *ops,
                   void *ctx);
/* Open a saved log ("-" = standard input). Returns 0 or -errno. */
int kmsg_open_file(struct kmsg_reader *r, const char *path);
/* Close and free. */
void kmsg_close(struct kmsg_reader *r);
/* The fd to poll for POLLIN, or -1 when there is none (klogctl, none, a
 * file read to its end, a source that failed). */
int kmsg_fd(const struct kmsg_reader *r);
/*
 * Feed at most budget records (lines) into ev. Returns the number fed
 * (r->caught_up says whether the source is drained for now; r->need_poll
 * that it had nothing to read yet, as a non-blocking pipe says with
 * EAGAIN: poll kmsg_fd() before pumping again, never spin), or -errno on
 * a read error that ends the source.
 */
int kmsg_pump(struct kmsg_reader *r, struct kevents *ev, size_t budget);
/* "kernel log: /dev/kmsg", "kernel log: permission denied; ...", ... */
const char *kmsg_status(const struct kmsg_reader *r);
/* Why /dev/kmsg could not be read, in words an administrator can act on
 * ("permission denied; needs CAP_SYSLOG or kernel.dmesg_restrict=0"), or
 * "" when nothing went wrong. */
const char *kmsg_reason(const struct kmsg_reader *r);

#endif
