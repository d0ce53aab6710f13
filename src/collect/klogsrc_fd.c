/*
 * klogsrc_fd.c: what the sources that read one fd through kmsg_ops
 * (/dev/kmsg, a file) share: their state starts with struct klogsrc_fd
 * (see collect/klogsrc.h).
 */
#include "collect/klogsrc.h"

#include <stdlib.h>

/* size zeroed bytes with ops and ctx set and no fd (-1); NULL when out of
 * memory. */
void *
klogsrc_fd_alloc(size_t size, const struct kmsg_ops *ops, void *ctx)
{
	struct klogsrc_fd *s = calloc(1, size);

	if (s == NULL)
		return NULL;
	s->ops = ops;
	s->ctx = ctx;
	s->fd = -1;
	return s;
}

/* The fd to poll. */
int
klogsrc_fd_fd(const void *self)
{
	return ((const struct klogsrc_fd *)self)->fd;
}

/* Close the fd and free the state. */
void
klogsrc_fd_free(void *self)
{
	struct klogsrc_fd *s = self;

	s->ops->close(s->ctx, s->fd);
	free(s);
}
