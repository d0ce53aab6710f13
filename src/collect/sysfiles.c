/* sysfiles.c: the System screen's files (see sysfiles.h). */
#include "collect/sysfiles.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "model/psi.h"

#define SYSFILES_STAT_START (64u * 1024u)
#define SYSFILES_STAT_MAX (4u * 1024u * 1024u)
#define SYSFILES_SMALL 512

struct sysfiles {
	int root; /* the proc root directory */
	char *stat_buf;
	size_t stat_cap;
	char small[SYSFILES_SMALL];
};

/* Open the proc root and allocate the buffers. */
struct sysfiles *
sysfiles_new(const char *proc_root, char *err, size_t errsz)
{
	struct sysfiles *sf = calloc(1, sizeof *sf);
	int fd;

	if (sf == NULL ||
	    (sf->stat_buf = malloc(SYSFILES_STAT_START)) == NULL) {
		free(sf);
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	sf->stat_cap = SYSFILES_STAT_START;
	fd = procroot_open(proc_root);
	if (fd < 0) {
		snprintf(err, errsz, "%s: %s",
		         proc_root ? proc_root : PROCROOT_DEFAULT,
		         strerror(-fd));
		free(sf->stat_buf);
		free(sf);
		return NULL;
	}
	sf->root = fd;
	return sf;
}

/* Read /proc/stat whole, growing the buffer when it fills (up to a
 * bound); the length or -errno. */
static ssize_t
sysfiles_stat_whole(struct sysfiles *sf)
{
	ssize_t n;
	char *nb;

	for (;;) {
		n = procroot_read(sf->root, "stat", sf->stat_buf, sf->stat_cap);
		if (n < 0 || (size_t)n < sf->stat_cap ||
		    sf->stat_cap * 2 > SYSFILES_STAT_MAX)
			return n;
		nb = realloc(sf->stat_buf, sf->stat_cap * 2);
		if (nb == NULL)
			return n; /* parse what fits */
		sf->stat_buf = nb;
		sf->stat_cap *= 2;
	}
}

/* Read one PSI file (name under the root) into p. */
static void
sysfiles_psi(struct sysfiles *sf, const char *name, struct psi_memory *p)
{
	ssize_t n = procroot_read(sf->root, name, sf->small, sizeof sf->small);

	if (n < 0)
		psi_set_unavailable(p, (int)-n);
	else if (psi_parse(sf->small, (size_t)n, p) != 0)
		psi_set_unavailable(p, EINVAL);
}

/* Read every setting. */
static void
sysfiles_sysctls(struct sysfiles *sf, struct sysctl_values *sv)
{
	for (int i = 0; i < SYSCTL_COUNT; i++) {
		const struct sysctl_def *d = sysctl_def((enum sysctl_id)i);
		ssize_t n = procroot_read(sf->root, d->path, sf->small,
		                          sizeof sf->small);

		if (n < 0) {
			sv->v[i] = SNAP_NA;
			sv->err[i] = (int)-n;
		} else {
			sysctl_parse(sv, (enum sysctl_id)i, sf->small,
			             (size_t)n);
		}
	}
}

/* Read stat and loadavg. */
void
sysfiles_read_stat(struct sysfiles *sf, struct sysfiles_sample *out)
{
	ssize_t n;

	sysstat_raw_clear(&out->raw);
	n = sysfiles_stat_whole(sf);
	out->stat_err = n < 0 ? (int)-n : 0;
	if (n >= 0 &&
	    sysstat_parse_stat(sf->stat_buf, (size_t)n, &out->raw) != 0)
		out->stat_err = EINVAL;
	n = procroot_read(sf->root, "loadavg", sf->small, sizeof sf->small);
	out->load_err = n < 0 ? (int)-n : 0;
	if (n >= 0 &&
	    sysstat_parse_loadavg(sf->small, (size_t)n, &out->raw) != 0)
		out->load_err = EINVAL;
}

/* Read the files. */
void
sysfiles_read(struct sysfiles *sf, struct sysfiles_sample *out)
{
	sysfiles_read_stat(sf, out);
	sysfiles_psi(sf, "pressure/cpu", &out->psi_cpu);
	sysfiles_psi(sf, "pressure/io", &out->psi_io);
	sysfiles_sysctls(sf, &out->sysctl);
}

/* Read PID/name of task t into dst (size bytes, NUL-ended, trailing
 * newline dropped); 0 or the errno (dst kept then). */
static int
sysfiles_task_file(struct sysfiles *sf, const struct dtask *t, const char *name,
                   char *dst, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "%d/%s", (int)t->id.pid, name);
	n = procroot_read(sf->root, path, dst, size - 1);
	if (n < 0)
		return (int)-n;
	while (n > 0 && dst[n - 1] == '\n')
		n--;
	dst[n] = '\0';
	return 0;
}

/* Read the D tasks' wchan and stacks. */
void
sysfiles_read_tasks(struct sysfiles *sf, struct dtasks *d, bool stacks)
{
	for (size_t i = 0; i < d->n; i++) {
		struct dtask *t = &d->item[i];
		char w[DTASKS_WCHAN_MAX];

		t->wchan_err = sysfiles_task_file(sf, t, "wchan", w, sizeof w);
		if (t->wchan_err == 0 && strcmp(w, "0") == 0) {
			t->wchan_err = EPERM; /* hidden: not root */
			t->wchan[0] = '\0';
		} else if (t->wchan_err == 0) {
			memcpy(t->wchan, w, sizeof w);
		}
		if (!stacks) {
			t->stack_err = -1;
			continue;
		}
		t->stack_err = sysfiles_task_file(sf, t, "stack", t->stack,
		                                  sizeof t->stack);
	}
}

/* The page size in kB. */
int
sysfiles_page_kb(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps >= 1024 ? (int)(ps / 1024) : 4;
}

/* Close and free. */
void
sysfiles_free(struct sysfiles *sf)
{
	if (sf == NULL)
		return;
	close(sf->root);
	free(sf->stat_buf);
	free(sf);
}
