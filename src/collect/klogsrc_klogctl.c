/*
 * klogsrc_klogctl.c: the klogctl(2) source (see collect/klogsrc.h), used
 * when /dev/kmsg cannot be. The kernel's whole buffer is read on each
 * pass; the line last given is found again by its hash, and only the
 * lines after it are given.
 */
#include "collect/klogsrc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define KLOG_BUF_DEFAULT (1 << 17)
#define KLOG_BUF_LIMIT (1 << 25)

struct klogctl {
	const struct kmsg_ops *ops;
	void *ctx;
	char *buf; /* the kernel's buffer, as the last pass read it */
	int size;
	const char *next, *end; /* the lines of this pass not given yet */
	bool in_pass;           /* a pass is being given out */
	bool have_last;
	uint64_t last; /* hash of the last line given */
	char status[256];
};

/* FNV-1a of a line, to find where the last pass stopped. */
static uint64_t
line_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Start a pass: read the buffer, skip to after the last line given.
 * 0 or -errno. */
static int
pass_start(struct klogctl *k)
{
	const char *p, *nl;
	int n = k->ops->syslog(k->ctx, SYSLOG_ACTION_READ_ALL, k->buf, k->size);

	if (n < 0)
		return n;
	k->next = k->buf;
	k->end = k->buf + n;
	if (k->have_last) {
		for (p = k->buf; p < k->end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(k->end - p));
			if (nl == NULL)
				break;
			if (line_hash(p, (size_t)(nl - p)) == k->last)
				k->next = nl + 1;
		}
	}
	k->in_pass = true;
	return 0;
}

/* The next line of this pass; at its end, KLOGSRC_WAIT (the next read
 * starts a new pass). */
static int
klogctl_read(void *self, struct klogsrc_got *got)
{
	struct klogctl *k = self;
	const char *nl;
	int rc;

	if (!k->in_pass && (rc = pass_start(k)) < 0)
		return rc;
	if (k->next >= k->end) {
		k->in_pass = false;
		got->kind = KLOGSRC_WAIT;
		got->n = 0;
		return 0;
	}
	nl = memchr(k->next, '\n', (size_t)(k->end - k->next));
	if (nl == NULL)
		nl = k->end;
	got->kind = KLOGSRC_LINE;
	got->p = k->next;
	got->n = (size_t)(nl - k->next);
	k->last = line_hash(got->p, got->n);
	k->have_last = true;
	k->next = nl < k->end ? nl + 1 : k->end;
	return 0;
}

/* No fd: klogctl is pumped on a timer. */
static int
klogctl_fd(const void *self)
{
	(void)self;
	return -1;
}

/* "kernel log: klogctl (/dev/kmsg: why)". */
static void
klogctl_status(const void *self, const struct klogsrc_progress *p, char *buf,
               size_t size)
{
	(void)p;
	snprintf(buf, size, "%s", ((const struct klogctl *)self)->status);
}

/* Free the buffer. */
static void
klogctl_free(void *self)
{
	struct klogctl *k = self;

	free(k->buf);
	free(k);
}

static const struct klogsrc_type klogctl_type = {
    .source = KMSG_SRC_KLOGCTL,
    .live = true,
    .stream = false,
    .read = klogctl_read,
    .fd = klogctl_fd,
    .status = klogctl_status,
    .free = klogctl_free,
};

/* Size the buffer and read it once to see that klogctl works. */
int
klogsrc_klogctl_open(struct klogsrc *out, const struct kmsg_ops *ops, void *ctx,
                     int kmsg_err)
{
	struct klogctl *k = calloc(1, sizeof *k);
	int n;

	if (k == NULL)
		return -ENOMEM;
	k->ops = ops;
	k->ctx = ctx;
	k->size = ops->syslog(ctx, SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (k->size <= 0)
		k->size = KLOG_BUF_DEFAULT;
	if (k->size > KLOG_BUF_LIMIT)
		k->size = KLOG_BUF_LIMIT;
	k->buf = malloc((size_t)k->size);
	n = k->buf ? ops->syslog(ctx, SYSLOG_ACTION_READ_ALL, k->buf, k->size)
	           : -ENOMEM;
	if (n < 0) {
		klogctl_free(k);
		return n;
	}
	snprintf(k->status, sizeof k->status,
	         "kernel log: klogctl (/dev/kmsg: %s)",
	         klogsrc_kmsg_reason(kmsg_err));
	out->type = &klogctl_type;
	out->self = k;
	return 0;
}
