/*
 * klogsrc: one kernel-log source behind the reader (collect/kmsg.h). A
 * source only moves bytes: each read hands over one unit (a /dev/kmsg
 * record, a whole line, a piece of a line stream) or says what happened
 * instead (records overwritten, nothing yet, the end). The reader's one
 * pump turns units into lines, keeps SEQ and the lost count, and feeds
 * the engine; so a new source (pstore, the journal) is one more file with
 * its own klogsrc_type and an open function, and no pump of its own.
 *
 * Sources: klogsrc_kmsg.c (/dev/kmsg), klogsrc_klogctl.c (klogctl(2)),
 * klogsrc_file.c (a saved log, or standard input).
 */
#ifndef OOMWATCH_COLLECT_KLOGSRC_H
#define OOMWATCH_COLLECT_KLOGSRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect/kmsg.h"

/* What one read of a source gave. */
enum klogsrc_kind {
	KLOGSRC_RECORD,      /* a /dev/kmsg record (header line, then its
	                        dictionary lines): its SEQ is checked for gaps */
	KLOGSRC_LINE,        /* one whole line, without its '\n' */
	KLOGSRC_BYTES,       /* a piece of a line stream cut anywhere: lines end
	                        at '\n' or NUL and are joined across reads */
	KLOGSRC_OVERWRITTEN, /* EPIPE: unread records were overwritten */
	KLOGSRC_TOO_BIG,     /* EINVAL: one record the buffer could not take,
	                        now consumed (one record lost) */
	KLOGSRC_INTERRUPTED, /* EINTR: nothing read, read again */
	KLOGSRC_WAIT,        /* nothing to read now: poll the fd, if any */
	KLOGSRC_END,         /* no more, ever (a file's end) */
};

/* One read's result. p stays valid until the source's next read. */
struct klogsrc_got {
	enum klogsrc_kind kind;
	const char *p; /* RECORD, LINE, BYTES: the bytes (the source's) */
	size_t n;
};

/* What the reader knows, for the status text. */
struct klogsrc_progress {
	uint64_t records; /* records / lines fed so far */
	bool pumped;      /* at least one pump ran */
	bool ended;       /* the source said KLOGSRC_END */
	int err;          /* errno of the read that failed, or 0 */
};

/* A kind of source: the functions each source file provides. */
struct klogsrc_type {
	enum kmsg_source source;
	bool
	    live;    /* caught up when it must wait (its backlog is read);
	                else caught up only at its end, and a read error ends it */
	bool stream; /* gives KLOGSRC_BYTES: the reader joins lines */
	/* Read one unit into got: 0, or -errno when the read failed. */
	int (*read)(void *self, struct klogsrc_got *got);
	/* The fd to poll for POLLIN, or -1. */
	int (*fd)(const void *self);
	/* "kernel log: ..." into buf (always terminated). */
	void (*status)(const void *self, const struct klogsrc_progress *p,
	               char *buf, size_t size);
	/* Close and free (self is not NULL). */
	void (*free)(void *self);
};

/* An open source: its type and its state (owned). */
struct klogsrc {
	const struct klogsrc_type *type;
	void *self;
};

/*
 * klogsrc_fd.c: the head of a source that reads one fd through ops
 * (/dev/kmsg, a file). Its state struct starts with this, is made by
 * klogsrc_fd_alloc, and its type's fd and free are klogsrc_fd_fd and
 * klogsrc_fd_free.
 */
struct klogsrc_fd {
	const struct kmsg_ops *ops;
	void *ctx;
	int fd; /* -1 until opened */
};

/* size zeroed bytes (>= sizeof (struct klogsrc_fd)) with ops and ctx set
 * and fd -1; NULL when out of memory. Free with free() until the fd is
 * open, then with klogsrc_fd_free. */
void *klogsrc_fd_alloc(size_t size, const struct kmsg_ops *ops, void *ctx);
/* klogsrc_type.fd: the fd. */
int klogsrc_fd_fd(const void *self);
/* klogsrc_type.free: close the fd through ops, free the state. */
void klogsrc_fd_free(void *self);

/*
 * klogsrc_kmsg.c: open /dev/kmsg through ops and probe it with one read
 * (as util-linux init_kmsg() does: a record, EAGAIN or EPIPE says it is
 * usable; EINVAL says a kernel older than 3.5). A probed record or EPIPE
 * is what the first read gives. 0, or -errno: why it cannot be read.
 */
int klogsrc_kmsg_open(struct klogsrc *out, const struct kmsg_ops *ops,
                      void *ctx);
/* klogsrc_kmsg.c: why /dev/kmsg cannot be read, in words an administrator
 * can act on (err: the errno its open or probe gave). */
const char *klogsrc_kmsg_reason(int err);
/*
 * klogsrc_klogctl.c: SYSLOG_ACTION_READ_ALL through ops. Each pass
 * re-reads the whole buffer and gives, one line per read, the lines after
 * the last one given (all of them when that one was overwritten), then
 * KLOGSRC_WAIT. kmsg_err: why /dev/kmsg was not used (for the status).
 * 0, or -errno when klogctl cannot be read either.
 */
int klogsrc_klogctl_open(struct klogsrc *out, const struct kmsg_ops *ops,
                         void *ctx, int kmsg_err);
/*
 * klogsrc_file.c: a saved log through ops->open_file ("-" = standard
 * input, named "(standard input)" in the status), read in chunks of
 * KMSG_RECORD_MAX bytes. 0, or -errno.
 */
int klogsrc_file_open(struct klogsrc *out, const char *path,
                      const struct kmsg_ops *ops, void *ctx);

#endif
