/*
 * kmsg.c: the kernel-log reader (see kmsg.h). It opens a source
 * (collect/klogsrc.h) and runs the one pump: units from the source become
 * lines, /dev/kmsg SEQ gaps and EPIPEs become lost counts, and each line
 * goes to the engine. The parsing is the model's (klog, kevents); this file
 * only moves bytes and keeps SEQ.
 */
#include "collect/kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "core/clock.h"
#include "collect/klogsrc.h"

struct kmsg_reader {
	struct klogsrc src; /* type NULL: no source */
	int err;            /* errno that made the reader fall back, or of the
	                       last failed read; 0 */
	bool caught_up;     /* last pump reached the end (EAGAIN / EOF) */
	bool need_poll;     /* last pump stopped with nothing to read yet */
	bool ended;         /* the source said KLOGSRC_END */
	bool pumped;        /* a pump ran */
	bool have_seq;
	uint64_t next_seq;   /* SEQ expected next */
	uint64_t records;    /* records / lines fed */
	uint64_t lost;       /* records known lost */
	bool lost_at_least;  /* lost is a lower bound (EPIPE before any SEQ) */
	uint64_t lost_unfed; /* counted in lost, not yet told to the engine */
	char status[256];    /* "kernel log: ..." */
	const char *bytes;   /* stream bytes read, not yet cut into lines
	                        (the source's: read again only once used up) */
	size_t nbytes;
	char *line; /* a stream's line being joined: KMSG_LINE_MAX bytes
	               (owned; NULL for the other sources) */
	size_t line_len;
	bool line_cut;
	struct klog_record *rec; /* scratch (owned) */
};

/* open(2) of /dev/kmsg, non-blocking. */
static int
sys_open_kmsg(void *ctx)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	(void)ctx;
	return fd < 0 ? -errno : fd;
}

/* open(2) of a saved log made non-blocking, or a dup of standard input
 * (its mode is shared with whoever else holds it: left as it is). */
static int
sys_open_file(void *ctx, const char *path)
{
	int fd;

	(void)ctx;
	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 &&
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
			int err = errno;
			close(fd);
			return -err;
		}
	}
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
    .open_file = sys_open_file,
    .read = sys_read,
    .syslog = sys_syslog,
    .close = sys_close,
};

/* A reader with its scratch record and no source; NULL without memory. */
static struct kmsg_reader *
reader_new(void)
{
	struct kmsg_reader *r = calloc(1, sizeof *r);

	if (r != NULL && (r->rec = malloc(sizeof *r->rec)) == NULL) {
		free(r);
		r = NULL;
	}
	return r;
}

/* The source's status text, from what the reader knows. */
static void
reader_status(struct kmsg_reader *r)
{
	struct klogsrc_progress p = {
	    .records = r->records,
	    .pumped = r->pumped,
	    .ended = r->ended,
	    .err = r->err,
	};

	r->src.type->status(r->src.self, &p, r->status, sizeof r->status);
}

/* Finish opening a source: a stream's line buffer, the status. 0, or
 * -ENOMEM. */
static int
reader_ready(struct kmsg_reader *r)
{
	if (r->src.type->stream && (r->line = malloc(KMSG_LINE_MAX)) == NULL)
		return -ENOMEM;
	reader_status(r);
	return 0;
}

/* Open /dev/kmsg, else klogctl, else nothing. */
int
kmsg_new_live(struct kmsg_reader **out, const struct kmsg_ops *ops, void *ctx)
{
	struct kmsg_reader *r = reader_new();
	int rc;

	if (r == NULL)
		return -ENOMEM;
	if (ops == NULL)
		ops = &kmsg_sys_ops;
	rc = klogsrc_kmsg_open(&r->src, ops, ctx);
	if (rc < 0) {
		r->err = -rc;
		if (klogsrc_klogctl_open(&r->src, ops, ctx, r->err) < 0)
			snprintf(
			    r->status, sizeof r->status,
			    "kernel log: %s; showing the OOM counters only",
			    klogsrc_kmsg_reason(r->err));
	}
	if (r->src.type != NULL && reader_ready(r) < 0) {
		kmsg_free(r);
		return -ENOMEM;
	}
	*out = r;
	return 0;
}

/* Open a saved log. */
int
kmsg_new_file(struct kmsg_reader **out, const char *path,
              const struct kmsg_ops *ops, void *ctx)
{
	struct kmsg_reader *r = reader_new();
	int rc;

	if (r == NULL)
		return -ENOMEM;
	rc = klogsrc_file_open(&r->src, path, ops ? ops : &kmsg_sys_ops, ctx);
	if (rc == 0)
		rc = reader_ready(r);
	if (rc < 0) {
		kmsg_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* Close and free. */
void
kmsg_free(struct kmsg_reader *r)
{
	if (r == NULL)
		return;
	if (r->src.type != NULL)
		r->src.type->free(r->src.self);
	free(r->line);
	free(r->rec);
	free(r);
}

/* The source cannot give more: it ended, or a file failed. */
static bool
done(const struct kmsg_reader *r)
{
	return r->src.type == NULL || r->ended ||
	       (r->err != 0 && !r->src.type->live);
}

/* The fd to poll, or -1. */
int
kmsg_fd(const struct kmsg_reader *r)
{
	if (done(r) || r->err != 0)
		return -1;
	return r->src.type->fd(r->src.self);
}

/* Which source is read. */
enum kmsg_source
kmsg_source(const struct kmsg_reader *r)
{
	return r->src.type ? r->src.type->source : KMSG_SRC_NONE;
}

/* The last pump reached the end. */
bool
kmsg_caught_up(const struct kmsg_reader *r)
{
	return r->caught_up;
}

/* The last pump found nothing to read yet. */
bool
kmsg_need_poll(const struct kmsg_reader *r)
{
	return r->need_poll;
}

/* The source ended. */
bool
kmsg_ended(const struct kmsg_reader *r)
{
	return r->ended;
}

/* Records fed. */
uint64_t
kmsg_records(const struct kmsg_reader *r)
{
	return r->records;
}

/* Records lost, and whether that is a lower bound. */
uint64_t
kmsg_lost(const struct kmsg_reader *r, bool *at_least)
{
	if (at_least != NULL)
		*at_least = r->lost_at_least;
	return r->lost;
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
	return r->err != 0 ? klogsrc_kmsg_reason(r->err) : "";
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
feed_record(struct kmsg_reader *r, struct kevents *ev, const char *b, size_t n)
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

/* One line, of any format klog_parse knows. */
static void
feed_line(struct kmsg_reader *r, struct kevents *ev, const char *p, size_t n)
{
	kevents_feed_line(ev, p, n);
	r->records++;
}

/* Add bytes to the line being joined, dropping what does not fit. */
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

/* Feed the line being joined and start the next. */
static void
line_feed(struct kmsg_reader *r, struct kevents *ev)
{
	feed_line(r, ev, r->line, r->line_len);
	r->line_len = 0;
	r->line_cut = false;
}

/* Cut the stream bytes read into lines ('\n' or NUL ends one) and feed at
 * most max of them; the piece of a line not ended yet is kept in r->line.
 * A line wholly in the bytes read is fed from there. Lines fed. */
static size_t
feed_bytes(struct kmsg_reader *r, struct kevents *ev, size_t max)
{
	const char *p = r->bytes, *end = p + r->nbytes, *nl, *z;
	size_t fed = 0;

	while (p < end && fed < max) {
		nl = memchr(p, '\n', (size_t)(end - p));
		z = memchr(p, '\0', (size_t)((nl ? nl : end) - p));
		if (z != NULL)
			nl = z;
		if (nl == NULL) {
			line_add(r, p, (size_t)(end - p));
			p = end;
			break;
		}
		if (r->line_len == 0 && !r->line_cut &&
		    (size_t)(nl - p) <= KMSG_LINE_MAX) {
			feed_line(r, ev, p, (size_t)(nl - p));
		} else {
			line_add(r, p, (size_t)(nl - p));
			line_feed(r, ev);
		}
		fed++;
		p = nl + 1;
	}
	r->bytes = p;
	r->nbytes = (size_t)(end - p);
	return fed;
}

/* Take one unit a read gave (of stream bytes, at most max lines); WAIT
 * and END set need_poll or ended, which stop the pump. Lines fed. */
static size_t
take(struct kmsg_reader *r, struct kevents *ev, const struct klogsrc_got *g,
     size_t max)
{
	bool last;

	switch (g->kind) {
	case KLOGSRC_RECORD:
		feed_record(r, ev, g->p, g->n);
		return 1;
	case KLOGSRC_LINE:
		feed_line(r, ev, g->p, g->n);
		return 1;
	case KLOGSRC_BYTES:
		r->bytes = g->p;
		r->nbytes = g->n;
		return feed_bytes(r, ev, max);
	case KLOGSRC_OVERWRITTEN:
		/* with a SEQ known, the next record's gap counts what was
		 * overwritten; without one, only "at least 1" */
		if (!r->have_seq) {
			r->lost++;
			r->lost_unfed++;
			r->lost_at_least = true;
		}
		return 0;
	case KLOGSRC_TOO_BIG:
		flush_lost(r, ev);
		lose(r, ev, 1);
		if (r->have_seq)
			r->next_seq++;
		return 0;
	case KLOGSRC_WAIT:
		r->need_poll = true;
		r->caught_up = r->src.type->live;
		return 0;
	case KLOGSRC_END: /* feed the last line, even without its '\n' */
		r->ended = r->caught_up = true;
		last = r->line_len > 0 || r->line_cut;
		if (last)
			line_feed(r, ev);
		kevents_finish(ev);
		return last ? 1 : 0;
	case KLOGSRC_INTERRUPTED:
	default:
		return 0;
	}
}

/* Feed at most budget records into ev. */
int
kmsg_pump(struct kmsg_reader *r, struct kevents *ev, size_t budget)
{
	struct klogsrc_got got;
	size_t fed = 0, steps = 0, n;
	int rc;

	r->caught_up = r->need_poll = false;
	if (done(r)) {
		r->caught_up = true;
		return 0;
	}
	r->pumped = true;
	while (steps < budget && !r->need_poll && !r->ended) {
		if (r->nbytes > 0) { /* the rest of the last read first */
			n = feed_bytes(r, ev, budget - steps);
		} else {
			rc = r->src.type->read(r->src.self, &got);
			if (rc < 0) {
				r->err = -rc;
				flush_lost(r, ev);
				reader_status(r);
				return rc;
			}
			n = take(r, ev, &got, budget - steps);
		}
		fed += n;
		steps += n > 0 ? n : 1;
	}
	flush_lost(r, ev);
	reader_status(r);
	return (int)fed;
}

/* Wait until fd is readable or its writer is gone: 0, or -errno. */
static int
wait_readable(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	while (poll(&p, 1, -1) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

/* Pump until caught up, a limit, or (unless waiting) nothing to read. */
int
kmsg_drain(struct kmsg_reader *r, struct kevents *ev,
           const struct kmsg_drain *d)
{
	int rc;

	for (;;) {
		rc = kmsg_pump(r, ev, d->budget);
		if (rc < 0)
			return rc;
		if (r->caught_up ||
		    (d->max_records > 0 && r->records >= d->max_records))
			return 0;
		if (r->need_poll) {
			if (!d->wait || kmsg_fd(r) < 0)
				return 0;
			if ((rc = wait_readable(kmsg_fd(r))) < 0)
				return rc;
		}
		if (clock_mono_ms() >= d->until_ms)
			return 0;
	}
}
