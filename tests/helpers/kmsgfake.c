/* kmsgfake.c: scripted kernel-log system calls (see kmsgfake.h). */
#include "kmsgfake.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfixture.h"

/* Scripted open of /dev/kmsg. */
static int
fake_open_kmsg(void *ctx)
{
	return ((struct kmsgfake *)ctx)->open_ret;
}

/* Scripted open of a saved log. */
static int
fake_open_file(void *ctx, const char *path)
{
	struct kmsgfake *f = ctx;

	snprintf(f->path, sizeof f->path, "%s", path);
	return f->open_ret;
}

/* Scripted read: the next step. */
static ssize_t
fake_read(void *ctx, int fd, char *buf, size_t size)
{
	struct kmsgfake *f = ctx;
	struct kmsgfake_step *s;

	f->reads++;
	if (fd != KMSGFAKE_FD)
		return -EBADF;
	if (f->at >= f->nsteps)
		return -EAGAIN;
	s = &f->steps[f->at++];
	if (s->err)
		return -s->err;
	if (s->len > size)
		return -EINVAL;
	memcpy(buf, s->rec, s->len);
	return (ssize_t)s->len;
}

/* Scripted klogctl: SIZE_BUFFER says 4096, READ_ALL copies f->klog. */
static int
fake_syslog(void *ctx, int type, char *buf, int len)
{
	struct kmsgfake *f = ctx;
	int n;

	if (f->syslog_ret < 0)
		return f->syslog_ret;
	if (type == 10) /* SYSLOG_ACTION_SIZE_BUFFER */
		return 4096;
	f->syslogs++;
	n = (int)strlen(f->klog);
	if (n > len)
		n = len;
	memcpy(buf, f->klog, (size_t)n);
	return n;
}

/* Scripted close. */
static void
fake_close(void *ctx, int fd)
{
	(void)fd;
	((struct kmsgfake *)ctx)->closed++;
}

const struct kmsg_ops kmsgfake_ops = {
    .open_kmsg = fake_open_kmsg,
    .open_file = fake_open_file,
    .read = fake_read,
    .syslog = fake_syslog,
    .close = fake_close,
};

/* A fake with everything opening and nothing scripted. */
void
kmsgfake_init(struct kmsgfake *f)
{
	memset(f, 0, sizeof *f);
	f->open_ret = KMSGFAKE_FD;
	f->klog = "";
}

/* The next free step (aborts when the script is full). */
static struct kmsgfake_step *
step_new(struct kmsgfake *f)
{
	if (f->nsteps >= KMSGFAKE_STEPS)
		abort();
	return &f->steps[f->nsteps++];
}

/* Add a read giving bytes. */
void
kmsgfake_rec(struct kmsgfake *f, const char *rec, size_t len)
{
	struct kmsgfake_step *s = step_new(f);

	s->err = 0;
	s->rec = malloc(len + 1);
	if (s->rec == NULL)
		abort();
	memcpy(s->rec, rec, len);
	s->len = len;
}

/* Add a read giving a C string. */
void
kmsgfake_str(struct kmsgfake *f, const char *s)
{
	kmsgfake_rec(f, s, strlen(s));
}

/* Add a failing read. */
void
kmsgfake_err(struct kmsgfake *f, int err)
{
	struct kmsgfake_step *s = step_new(f);

	s->err = err;
	s->rec = NULL;
	s->len = 0;
}

/* Add a fixture's records. */
void
kmsgfake_fixture(struct kmsgfake *f, const char *name)
{
	size_t len;
	char *buf = kfixture_load(name, &len), *p, *end, *nl, *start = NULL;

	if (buf == NULL)
		abort();
	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (*p != ' ' && start != NULL) {
			kmsgfake_rec(f, start, (size_t)(p - start));
			start = NULL;
		}
		if (start == NULL)
			start = p;
		if (nl == NULL)
			break;
	}
	if (start != NULL)
		kmsgfake_rec(f, start, (size_t)(end - start));
	free(buf);
}

/* Free the scripted bytes. */
void
kmsgfake_free(struct kmsgfake *f)
{
	size_t i;

	for (i = 0; i < f->nsteps; i++)
		free(f->steps[i].rec);
	f->nsteps = f->at = 0;
}

/* Set a rig up. */
void
kmsgfake_rig_init(struct kmsgfake_rig *g)
{
	kmsgfake_init(&g->f);
	g->r = NULL;
	g->ev = kevents_new(8);
	if (g->ev == NULL || klogring_init(&g->ring, 8) != 0)
		abort();
	kevents_set_ring(g->ev, &g->ring);
}

/* Tear a rig down. */
void
kmsgfake_rig_fini(struct kmsgfake_rig *g)
{
	kmsg_free(g->r);
	kevents_free(g->ev);
	klogring_fini(&g->ring);
	kmsgfake_free(&g->f);
}
