/*
 * klogsrc_file.c: a saved kernel log, or standard input (see
 * collect/klogsrc.h). Chunks of bytes; the reader cuts them into lines.
 */
#include "collect/klogsrc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct logfile {
	struct klogsrc_fd src; /* first: the fd and how to read it */
	char name[161];        /* the path as the status names it */
	char buf[KMSG_RECORD_MAX];
};

/* The next chunk, or what read(2) said instead. */
static int
logfile_read(void *self, struct klogsrc_got *got)
{
	struct logfile *f = self;
	ssize_t n =
	    f->src.ops->read(f->src.ctx, f->src.fd, f->buf, sizeof f->buf);

	got->p = f->buf;
	got->n = n > 0 ? (size_t)n : 0;
	if (n > 0)
		got->kind = KLOGSRC_BYTES;
	else if (n == 0)
		got->kind = KLOGSRC_END;
	else if (n == -EINTR)
		got->kind = KLOGSRC_INTERRUPTED;
	else if (n == -EAGAIN) /* a non-blocking pipe with nothing yet */
		got->kind = KLOGSRC_WAIT;
	else
		return (int)n;
	return 0;
}

/* The file's name, how far it is read until the end, or why it failed. */
static void
logfile_status(const void *self, const struct klogsrc_progress *p, char *buf,
               size_t size)
{
	const struct logfile *f = self;

	if (p->err != 0)
		snprintf(buf, size, "kernel log: file %s: read failed: %s",
		         f->name, strerror(p->err));
	else if (p->ended || !p->pumped)
		snprintf(buf, size, "kernel log: file %s", f->name);
	else
		snprintf(buf, size,
		         "kernel log: reading file, %" PRIu64
		         " lines so far: %s",
		         p->records, f->name);
}

static const struct klogsrc_type logfile_type = {
    .source = KMSG_SRC_FILE,
    .live = false,
    .stream = true,
    .read = logfile_read,
    .fd = klogsrc_fd_fd,
    .status = logfile_status,
    .free = klogsrc_fd_free,
};

/* Open a saved log ("-" = standard input). */
int
klogsrc_file_open(struct klogsrc *out, const char *path,
                  const struct kmsg_ops *ops, void *ctx)
{
	struct logfile *f = klogsrc_fd_alloc(sizeof *f, ops, ctx);

	if (f == NULL)
		return -ENOMEM;
	f->src.fd = ops->open_file(ctx, path);
	if (f->src.fd < 0) {
		int err = f->src.fd;
		free(f);
		return err;
	}
	snprintf(f->name, sizeof f->name, "%s",
	         strcmp(path, "-") == 0 ? "(standard input)" : path);
	out->type = &logfile_type;
	out->self = f;
	return 0;
}
