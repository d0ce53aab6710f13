/*
 * klogsrc_kmsg.c: the /dev/kmsg source (see collect/klogsrc.h). One record
 * per read; the reader keeps SEQ and counts what EPIPE and EINVAL lost.
 */
#include "collect/klogsrc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct devkmsg {
	struct klogsrc_fd src; /* first: the fd and how to read it */
	ssize_t probe; /* the probe read's record length or -EPIPE, handed
	                  out by the first read; 0 when nothing is kept */
	char buf[KMSG_RECORD_MAX];
};

/* Why /dev/kmsg cannot be read, in words an administrator can act on. */
const char *
klogsrc_kmsg_reason(int err)
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

/* One record, or what the kernel said instead. */
static int
devkmsg_read(void *self, struct klogsrc_got *got)
{
	struct devkmsg *k = self;
	ssize_t n = k->probe;

	k->probe = 0;
	if (n == 0)
		n = k->src.ops->read(k->src.ctx, k->src.fd, k->buf,
		                     KMSG_RECORD_MAX - 1);
	got->p = k->buf;
	got->n = n > 0 ? (size_t)n : 0;
	if (n > 0)
		got->kind = KLOGSRC_RECORD;
	else if (n == 0 || n == -EAGAIN)
		got->kind = KLOGSRC_WAIT;
	else if (n == -EINTR)
		got->kind = KLOGSRC_INTERRUPTED;
	else if (n == -EPIPE)
		got->kind = KLOGSRC_OVERWRITTEN;
	else if (n == -EINVAL)
		got->kind = KLOGSRC_TOO_BIG;
	else
		return (int)n;
	return 0;
}

/* "kernel log: /dev/kmsg", or why its last read failed. */
static void
devkmsg_status(const void *self, const struct klogsrc_progress *p, char *buf,
               size_t size)
{
	(void)self;
	if (p->err != 0)
		snprintf(buf, size, "kernel log: /dev/kmsg read failed: %s",
		         strerror(p->err));
	else
		snprintf(buf, size, "kernel log: /dev/kmsg");
}

static const struct klogsrc_type devkmsg_type = {
    .source = KMSG_SRC_DEVKMSG,
    .live = true,
    .stream = false,
    .read = devkmsg_read,
    .fd = klogsrc_fd_fd,
    .status = devkmsg_status,
    .free = klogsrc_fd_free,
};

/* Open /dev/kmsg and probe it with one read. */
int
klogsrc_kmsg_open(struct klogsrc *out, const struct kmsg_ops *ops, void *ctx)
{
	struct devkmsg *k = klogsrc_fd_alloc(sizeof *k, ops, ctx);
	ssize_t n;

	if (k == NULL)
		return -ENOMEM;
	k->src.fd = ops->open_kmsg(ctx);
	if (k->src.fd < 0) {
		n = k->src.fd;
		free(k);
		return (int)n;
	}
	do
		n = ops->read(ctx, k->src.fd, k->buf, KMSG_RECORD_MAX - 1);
	while (n == -EINTR);
	if (n < 0 && n != -EAGAIN && n != -EPIPE) {
		ops->close(ctx, k->src.fd);
		free(k);
		return (int)n;
	}
	k->probe = n == -EAGAIN ? 0 : n; /* EAGAIN: the first read reads */
	out->type = &devkmsg_type;
	out->self = k;
	return 0;
}
