/*
 * kmsg.c: reading the kernel log from /dev/kmsg, klogctl or a file, and
 * feeding each record to the engine (see kmsg.h). The parsing is the
 * model's (klog, kevents); this file only moves bytes and keeps SEQ.
 */
#include "collect/kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define KLOG_BUF_DEFAULT (1 << 17)
#define KLOG_BUF_LIMIT (1 << 25)

/* open(2) of /dev/kmsg, non-blocking. */
static int
sys_open_kmsg(void *ctx)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	(void)ctx;
	return fd < 0 ? -errno : fd;
}

/* read(2). */
static ssize_t
sys_read(void *ctx, int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size);

	(void)ctx;
	return n < 0 ? -errno : n;
}

/* klogctl(3). */
static int
sys_syslog(void *ctx, int type, char *buf, int len)
{
	int n = klogctl(type, buf, len);

	(void)ctx;
	return n < 0 ? -errno : n;
}

/* close(2). */
static void
sys_close(void *ctx, int fd)
{
	(void)ctx;
	close(fd);
}

const struct kmsg_ops kmsg_sys_ops = {
    .open_kmsg = sys_open_kmsg,
    .read = sys_read,
    .syslog = sys_syslog,
    .close = sys_close,
};

/* Why a source cannot be read, in words an administrator can act on. */
static const char *
reason(int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
		return "permission denied; needs CAP_SYSLOG or "
		       "kernel.dmesg_restrict=0";
	case ENOENT:
		return "/dev/kmsg does not exist";
	case EINVAL:
		return "/dev/kmsg cannot be read (kernel older than 3.5)";
	default:
		return strerror(err);
	}
}

/* Common set-up: buffers and defaults. */
static int
reader_init(struct kmsg_reader *r, const struct kmsg_ops *ops, void *ctx)
{
	memset(r, 0, sizeof *r);
	r->ops = ops ? ops : &kmsg_sys_ops;
	r->ctx = ctx;
	r->fd = -1;
	r->buf = malloc(KMSG_RECORD_MAX);
	r->rec = malloc(sizeof *r->rec);
	if (r->buf == NULL || r->rec == NULL) {
		kmsg_close(r);
		return -ENOMEM;
	}
	return 0;
}

/* Try klogctl; on failure the reader is left with no source. */
static void
open_klogctl(struct kmsg_reader *r, int kmsg_err)
{
	int size = r->ops->syslog(r->ctx, SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);

	if (size <= 0)
		size = KLOG_BUF_DEFAULT;
	if (size > KLOG_BUF_LIMIT)
		size = KLOG_BUF_LIMIT;
	r->klog = malloc((size_t)size);
	if (r->klog != NULL) {
		int n = r->ops->syslog(r->ctx, SYSLOG_ACTION_READ_ALL, r->klog,
		                       size);
		if (n >= 0) {
			r->source = KMSG_SRC_KLOGCTL;
			r->klog_size = size;
			snprintf(r->status, sizeof r->status,
			         "kernel log: klogctl (/dev/kmsg: %s)",
			         reason(kmsg_err));
			return;
		}
		free(r->klog);
		r->klog = NULL;
	}
	r->source = KMSG_SRC_NONE;
	snprintf(r->status, sizeof r->status,
	         "kernel log: %s; showing the OOM counters only",
	         reason(kmsg_err));
}

/* Open /dev/kmsg (probing one read), else klogctl, else nothing. */
int
kmsg_open_live(struct kmsg_reader *r, const struct kmsg_ops *ops, void *ctx)
{
	ssize_t n;
	int fd;

	if (reader_init(r, ops, ctx) != 0)
		return -ENOMEM;
	fd = r->ops->open_kmsg(r->ctx);
	if (fd < 0) {
		r->err = -fd;
		open_klogctl(r, r->err);
		return 0;
	}
	/* Like util-linux init_kmsg(): a first read tells a usable device
	 * (a record or EAGAIN) from a pre-3.5 kernel (EINVAL). */
	do
		n = r->ops->read(r->ctx, fd, r->buf, KMSG_RECORD_MAX - 1);
	while (n == -EINTR);
	if (n < 0 && n != -EAGAIN && n != -EPIPE) {
		r->ops->close(r->ctx, fd);
		r->err = (int)-n;
		open_klogctl(r, r->err);
		return 0;
	}
	r->pending = n > 0 ? (size_t)n : 0;
	if (n == -EPIPE) { /* overwritten before the first read */
		r->lost = r->lost_unfed = 1;
		r->lost_at_least = true;
	}
	r->fd = fd;
	r->source = KMSG_SRC_DEVKMSG;
	snprintf(r->status, sizeof r->status, "kernel log: /dev/kmsg");
	return 0;
}

/* Open a saved log. */
int
kmsg_open_file(struct kmsg_reader *r, const char *path)
{
	int fd;

	if (reader_init(r, NULL, NULL) != 0)
		return -ENOMEM;
	r->line = malloc(KMSG_LINE_MAX);
	if (r->line == NULL) {
		kmsg_close(r);
		return -ENOMEM;
	}
	if (strcmp(path, "-") == 0) {
		fd = dup(STDIN_FILENO);
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 &&
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) {
		int err = errno;
		kmsg_close(r);
		return -err;
	}
	r->fd = fd;
	r->source = KMSG_SRC_FILE;
	snprintf(r->file_name, sizeof r->file_name, "%s",
	         strcmp(path, "-") == 0 ? "(standard input)" : path);
	snprintf(r->status, sizeof r->status, "kernel log: file %s",
	         r->file_name);
	return 0;
}

/* Close and free. */
void
kmsg_close(struct kmsg_reader *r)
{
	if (r->fd >= 0 && r->ops != NULL)
		r->ops->close(r->ctx, r->fd);
	free(r->buf);
	free(r->line);
	free(r->klog);
	free(r->rec);
	r->fd = -1;
	r->buf = r->line = r->klog = NULL;
	r->rec = NULL;
}

/* The fd to poll, or -1. */
int
kmsg_fd(const struct kmsg_reader *r)
{
	if (r->source == KMSG_SRC_DEVKMSG ||
	    (r->source == KMSG_SRC_FILE && !r->eof))
		return r->err == 0 ? r->fd : -1;
	return -1;
}

/* Status text. */
const char *
kmsg_status(const struct kmsg_reader *r)
{
	return r->status;
}

/* Why the source failed, or "". */
const char *
kmsg_reason(const struct kmsg_reader *r)
{
	return r->err != 0 ? reason(r->err) : "";
}

/* Count n lost records and tell the engine. */
static void
lose(struct kmsg_reader *r, struct kevents *ev, uint64_t n)
{
	r->lost += n;
	kevents_lost(ev, n, false);
}

/* Tell the engine what was counted lost before a SEQ was known (one
 * marker for a run of EPIPEs). */
static void
flush_lost(struct kmsg_reader *r, struct kevents *ev)
{
	if (r->lost_unfed > 0)
		kevents_lost(ev, r->lost_unfed, true);
	r->lost_unfed = 0;
}

/* One /dev/kmsg record (header line + dictionary lines): SEQ, then feed. */
static void
feed_kmsg_record(struct kmsg_reader *r, struct kevents *ev, const char *b,
                 size_t n)
{
	const char *nl = memchr(b, '\n', n);

	flush_lost(r, ev);
	klog_parse(b, nl ? (size_t)(nl - b) : n, r->rec);
	if (r->rec->has_seq) {
		if (r->have_seq && r->rec->seq > r->next_seq)
			lose(r, ev, r->rec->seq - r->next_seq);
		if (!r->have_seq || r->rec->seq >= r->next_seq)
			r->next_seq = r->rec->seq + 1;
		r->have_seq = true;
	}
	r->records++;
	kevents_feed_record(ev, r->rec);
}

/* Pump /dev/kmsg. */
static int
pump_devkmsg(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	size_t fed = 0, tries;
	ssize_t n;

	r->caught_up = r->need_poll = false;
	if (r->pending > 0 && budget > 0) {
		feed_kmsg_record(r, ev, r->buf, r->pending);
		r->pending = 0;
		fed++;
	}
	/* Every read counts toward the budget, errors too, so a source that
	 * keeps failing cannot spin. */
	for (tries = fed; tries < budget; tries++) {
		n = r->ops->read(r->ctx, r->fd, r->buf, KMSG_RECORD_MAX - 1);
		if (n > 0) {
			feed_kmsg_record(r, ev, r->buf, (size_t)n);
			fed++;
			continue;
		}
		if (n == 0 || n == -EAGAIN) {
			r->caught_up = true;
			r->need_poll = n == -EAGAIN;
			break;
		}
		if (n == -EINTR)
			continue;
		if (n == -EPIPE) {
			/* with a SEQ known, the next record's gap counts what
			 * was overwritten; without one, only "at least 1" */
			if (!r->have_seq) {
				r->lost++;
				r->lost_unfed++;
				r->lost_at_least = true;
			}
			continue;
		}
		if (n == -EINVAL) {
			flush_lost(r, ev);
			lose(r, ev, 1);
			if (r->have_seq)
				r->next_seq++;
			continue;
		}
		r->err = (int)-n;
		snprintf(r->status, sizeof r->status,
		         "kernel log: /dev/kmsg read failed: %s",
		         strerror(r->err));
		flush_lost(r, ev);
		return (int)n;
	}
	flush_lost(r, ev);
	return (int)fed;
}

/* FNV-1a of a line, to find where the last klogctl pump stopped. */
static uint64_t
line_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Pump klogctl: re-read the whole buffer, feed what follows the last line
 * fed (all of it when that line has been overwritten). */
static int
pump_klogctl(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	const char *p, *end, *nl, *start;
	size_t fed = 0;
	int n;

	r->caught_up = false;
	n = r->ops->syslog(r->ctx, SYSLOG_ACTION_READ_ALL, r->klog,
	                   r->klog_size);
	if (n < 0) {
		r->err = -n;
		return n;
	}
	end = r->klog + n;
	start = r->klog;
	if (r->klog_have_last) {
		for (p = r->klog; p < end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				break;
			if (line_hash(p, (size_t)(nl - p)) == r->klog_last)
				start = nl + 1;
		}
	}
	for (p = start; p < end && fed < budget; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		kevents_feed_line(ev, p, (size_t)(nl - p));
		r->klog_last = line_hash(p, (size_t)(nl - p));
		r->klog_have_last = true;
		r->records++;
		fed++;
	}
	r->caught_up = p >= end;
	return (int)fed;
}

/* One complete file line. */
static void
feed_file_line(struct kmsg_reader *r, struct kevents *ev)
{
	kevents_feed_line(ev, r->line, r->line_len);
	r->records++;
	r->line_len = 0;
	r->line_cut = false;
}

/* Add bytes to the current file line, dropping what does not fit. */
static void
line_add(struct kmsg_reader *r, const char *p, size_t n)
{
	size_t room = KMSG_LINE_MAX - r->line_len;

	if (n > room) {
		n = room;
		r->line_cut = true;
	}
	memcpy(r->line + r->line_len, p, n);
	r->line_len += n;
}

/* Feed the complete lines of buf[0..pending); keep the rest. */
static size_t
file_lines(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	const char *p = r->buf, *end = r->buf + r->pending, *nl, *z;
	size_t fed = 0;

	while (p < end && fed < budget) {
		nl = memchr(p, '\n', (size_t)(end - p));
		z = memchr(p, '\0', (size_t)((nl ? nl : end) - p));
		if (z != NULL)
			nl = z;
		line_add(r, p, (size_t)((nl ? nl : end) - p));
		if (nl == NULL) {
			p = end;
			break;
		}
		feed_file_line(r, ev);
		fed++;
		p = nl + 1;
	}
	r->pending = (size_t)(end - p);
	memmove(r->buf, p, r->pending);
	return fed;
}

/* The file status: its name, and how far it is read until the end. */
static void
file_status(struct kmsg_reader *r)
{
	if (r->eof)
		snprintf(r->status, sizeof r->status, "kernel log: file %s",
		         r->file_name);
	else
		snprintf(r->status, sizeof r->status,
		         "kernel log: reading file, %" PRIu64
		         " lines so far: %s",
		         r->records, r->file_name);
}

/* Pump a file: read chunks, cut lines at '\n' or NUL. */
static int
pump_file(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	size_t fed = 0;
	ssize_t n;

	r->caught_up = r->need_poll = false;
	while (fed < budget && !r->eof) {
		if (r->pending > 0) {
			fed += file_lines(r, ev, budget - fed);
			continue;
		}
		n = r->ops->read(r->ctx, r->fd, r->buf, KMSG_RECORD_MAX);
		if (n == -EINTR)
			continue;
		if (n == -EAGAIN) { /* a non-blocking pipe with nothing yet */
			r->need_poll = true;
			break;
		}
		if (n < 0) {
			r->err = (int)-n;
			snprintf(r->status, sizeof r->status,
			         "kernel log: file %s: read failed: %s",
			         r->file_name, strerror(r->err));
			return (int)n;
		}
		if (n == 0) {
			r->eof = true;
			if (r->line_len > 0 || r->line_cut) {
				feed_file_line(r, ev);
				fed++;
			}
			break;
		}
		r->pending = (size_t)n;
	}
	r->caught_up = r->eof;
	file_status(r);
	return (int)fed;
}

/* Feed at most budget records into ev. */
int
kmsg_pump(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	switch (r->source) {
	case KMSG_SRC_DEVKMSG:
		return pump_devkmsg(r, ev, budget);
	case KMSG_SRC_KLOGCTL:
		return pump_klogctl(r, ev, budget);
	case KMSG_SRC_FILE:
		return pump_file(r, ev, budget);
	case KMSG_SRC_NONE:
	default:
		r->caught_up = true;
		return 0;
	}
}
