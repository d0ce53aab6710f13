/* sysfiles.c: the System screen's files (see sysfiles.h). */
#include "collect/sysfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "model/psi.h"

#define SYSFILES_STAT_START (64u * 1024u)
#define SYSFILES_STAT_MAX (4u * 1024u * 1024u)
#define SYSFILES_SMALL 512
#define SYSFILES_DENTS 8192
#define SYSFILES_TSTAT 1024
#define SYSFILES_CANDS (DTASKS_MAX * 2)

struct sysfiles {
	int root; /* the proc root directory */
	char *stat_buf;
	size_t stat_cap;
	char small[SYSFILES_SMALL];
	char dents[SYSFILES_DENTS]; /* getdents64 of one task directory */
	char tstat[SYSFILES_TSTAT]; /* one thread's stat */
	struct dtasks_cand cand[SYSFILES_CANDS];
	size_t ncand, cand_dropped;
};

/* The head of one getdents64 record (the name follows). */
struct sysfiles_dirent {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
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

/* The path of task file name: PID/name for a process's main thread,
 * PID/task/TID/name for another thread. */
static void
sysfiles_task_path(char *path, size_t size, int32_t pid, int32_t tid,
                   const char *name)
{
	if (tid == pid)
		snprintf(path, size, "%d/%s", (int)pid, name);
	else
		snprintf(path, size, "%d/task/%d/%s", (int)pid, (int)tid, name);
}

/* The state and start time of task tid of pid from its stat: 0, or -1
 * (unreadable or unparsable). */
static int
sysfiles_task_state(struct sysfiles *sf, int32_t pid, int32_t tid, char *state,
                    uint64_t *start)
{
	char path[64], *p, *end;
	ssize_t n;

	sysfiles_task_path(path, sizeof path, pid, tid, "stat");
	n = procroot_read(sf->root, path, sf->tstat, sizeof sf->tstat - 1);
	if (n <= 0)
		return -1;
	sf->tstat[n] = '\0';
	p = strrchr(sf->tstat, ')');
	if (p == NULL || p[1] != ' ' || p[2] == '\0')
		return -1;
	*state = p[2];
	p += 3;
	for (int f = 4; f < 22 && p != NULL; f++) /* to field 22 */
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return -1;
	*start = strtoull(p + 1, &end, 10);
	return end == p + 1 ? -1 : 0;
}

/* Add a task in D to the candidates (counted as dropped when full). */
static void
sysfiles_cand(struct sysfiles *sf, const struct proc_row *r, int32_t tid,
              uint64_t start)
{
	struct dtasks_cand *c;

	if (sf->ncand == SYSFILES_CANDS) {
		sf->cand_dropped++;
		return;
	}
	c = &sf->cand[sf->ncand++];
	c->id = (struct procid){tid, start};
	c->pid = r->pid;
	memcpy(c->comm, r->comm, sizeof c->comm);
}

/* The threads of process r found in D; false when r has no task
 * directory. */
static bool
sysfiles_proc_threads(struct sysfiles *sf, const struct proc_row *r)
{
	char path[32], st;
	uint64_t start;
	long got;
	int fd;

	snprintf(path, sizeof path, "%d/task", (int)r->pid);
	fd = openat(sf->root, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT && errno != ENOTDIR;
	while ((got = syscall(SYS_getdents64, fd, sf->dents,
	                      sizeof sf->dents)) > 0) {
		for (long off = 0; off < got;) {
			const struct sysfiles_dirent *e =
			    (const void *)(sf->dents + off);
			char *end;
			long tid = strtol(e->name, &end, 10);

			off += e->reclen;
			if (end == e->name || *end != '\0' || tid <= 0 ||
			    tid > INT32_MAX)
				continue;
			if (sysfiles_task_state(sf, r->pid, (int32_t)tid, &st,
			                        &start) == 0 &&
			    st == 'D')
				sysfiles_cand(sf, r, (int32_t)tid, start);
		}
	}
	close(fd);
	return true;
}

/* Follow the tasks in D among every thread. */
void
sysfiles_update_dtasks(struct sysfiles *sf, struct dtasks *d,
                       const struct snapshot *s)
{
	sf->ncand = 0;
	sf->cand_dropped = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *r = &s->procs[i];

		if (!sysfiles_proc_threads(sf, r) && r->state == 'D')
			sysfiles_cand(sf, r, r->pid, r->start_time);
	}
	dtasks_update_list(d, sf->cand, sf->ncand, sf->cand_dropped,
	                   s->mono_ms);
}

/* Read PID/name of task t into dst (size bytes, NUL-ended, trailing
 * newline dropped); 0 or the errno (dst kept then). */
static int
sysfiles_task_file(struct sysfiles *sf, const struct dtask *t, const char *name,
                   char *dst, size_t size)
{
	char path[64];
	ssize_t n;

	sysfiles_task_path(path, sizeof path, t->pid, t->id.pid, name);
	n = procroot_read(sf->root, path, dst, size - 1);
	if (n < 0)
		return (int)-n;
	while (n > 0 && dst[n - 1] == '\n')
		n--;
	dst[n] = '\0';
	return 0;
}

/* Read the D tasks' wchan and stacks; drop the ones out of D. */
void
sysfiles_read_tasks(struct sysfiles *sf, struct dtasks *d, bool stacks)
{
	for (size_t i = 0; i < d->n; i++) {
		struct dtask *t = &d->item[i];
		char w[DTASKS_WCHAN_MAX], state;
		uint64_t start;

		t->wchan_err = sysfiles_task_file(sf, t, "wchan", w, sizeof w);
		if (t->wchan_err == 0 && strcmp(w, "0") == 0) {
			t->wchan_err = EPERM; /* hidden: not root */
			t->wchan[0] = '\0';
		} else if (t->wchan_err == 0) {
			memcpy(t->wchan, w, sizeof w);
		}
		/* confirmed after the wchan: a short D is not shown */
		if (sysfiles_task_state(sf, t->pid, t->id.pid, &state,
		                        &start) == 0 &&
		    state != 'D') {
			dtasks_remove(d, i--);
			continue;
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
