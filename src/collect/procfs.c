/* procfs.c: the per-process pass over /proc (see procfs.h). */
#include "collect/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "model/cgroupmem.h"
#include "model/procstat.h"
#include "model/textscan.h"

#define PROCFS_STAT_MAX 1024
#define PROCFS_STATUS_MAX 8192
#define PROCFS_SMALL_MAX 64
#define PROCFS_CGROUP_MAX 4096

struct procfs {
	int procfd;
	DIR *dir;
	uint32_t last_cg_off, last_cg_len; /* the last cgroup read from file */
	char stat[PROCFS_STAT_MAX];
	char status[PROCFS_STATUS_MAX];
	char small[PROCFS_SMALL_MAX];
	char cgroup[PROCFS_CGROUP_MAX];
};

/* A scanner over procfd. */
struct procfs *
procfs_new(int procfd)
{
	struct procfs *pf = calloc(1, sizeof *pf);
	int dfd;

	if (pf == NULL)
		return NULL;
	pf->procfd = procfd;
	dfd = openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || (pf->dir = fdopendir(dfd)) == NULL) {
		int err = errno;
		if (dfd >= 0)
			close(dfd);
		free(pf);
		errno = err;
		return NULL;
	}
	return pf;
}

/* Free the scanner. */
void
procfs_free(struct procfs *pf)
{
	if (pf == NULL)
		return;
	closedir(pf->dir);
	free(pf);
}

/* Read a one-integer file under the process handle, or SNAP_NA. */
static int64_t
procfs_int(struct procfs *pf, int dfd, const char *name)
{
	ssize_t n = procroot_read(dfd, name, pf->small, sizeof pf->small);
	int64_t v;

	if (n <= 0 || (size_t)n == sizeof pf->small ||
	    textscan_int_file(pf->small, (size_t)n, &v) != 0)
		return SNAP_NA;
	return v;
}

/*
 * The memory cgroup path of the row: from the map when it can answer,
 * else read from the process's own file and pooled (shared with the
 * previous such row when equal). 0, or -ENOMEM.
 */
static int
procfs_cgroup(struct procfs *pf, int dfd, struct snapshot *snap,
              enum snap_cgroup_mode mode, const struct cgmap *cgm,
              struct proc_row *row)
{
	ssize_t n;
	size_t off, len;

	if (mode == SNAP_CGROUP_NONE)
		return 0;
	if (cgm != NULL && cgmap_find(cgm, row->pid, row->start_time,
	                              &row->cgroup_off, &row->cgroup_len))
		return 0;
	n = procroot_read(dfd, "cgroup", pf->cgroup, sizeof pf->cgroup);
	if (n <= 0 || (size_t)n == sizeof pf->cgroup ||
	    cgroupmem_path(pf->cgroup, (size_t)n, mode, &off, &len) != 0)
		return 0;
	if (snapshot_str_reuse(snap, pf->cgroup + off, len, pf->last_cg_off,
	                       pf->last_cg_len, &row->cgroup_off) != 0)
		return -ENOMEM;
	row->cgroup_len = (uint32_t)len;
	pf->last_cg_off = row->cgroup_off;
	pf->last_cg_len = row->cgroup_len;
	return 0;
}

/* Cut a full buffer back to its last whole line; the new length. */
static size_t
procfs_whole_lines(const char *buf, size_t n, size_t cap)
{
	if (n < cap)
		return n;
	while (n > 0 && buf[n - 1] != '\n')
		n--;
	return n;
}

/*
 * Read one process through its handle dfd, so every file comes from the
 * same process (a reused pid fails the reads instead). 1 when a row was
 * added (into *row too), 0 when it vanished or could not be parsed,
 * -ENOMEM.
 */
static int
procfs_one(struct procfs *pf, int dfd, struct snapshot *snap,
           struct usercache *uc, enum snap_cgroup_mode mode,
           const struct cgmap *cgm, struct proc_row *row)
{
	struct procstat_stat st;
	struct procstat_status ss;
	ssize_t n;
	int rc;

	n = procroot_read(dfd, "stat", pf->stat, sizeof pf->stat);
	if (n <= 0 || procstat_parse_stat(pf->stat, (size_t)n, &st) != 0)
		return 0;
	n = procroot_read(dfd, "status", pf->status, sizeof pf->status);
	if (n <= 0 ||
	    procstat_parse_status(
	        pf->status,
	        procfs_whole_lines(pf->status, (size_t)n, sizeof pf->status),
	        &ss) != 0)
		return 0;
	procstat_fill_row(row, &st, &ss);
	row->oom_score = procfs_int(pf, dfd, "oom_score");
	row->oom_score_adj = procfs_int(pf, dfd, "oom_score_adj");
	if (row->oom_score_adj != SNAP_NA &&
	    (row->oom_score_adj < -1000 || row->oom_score_adj > 1000))
		row->oom_score_adj = SNAP_NA;
	rc = procfs_cgroup(pf, dfd, snap, mode, cgm, row);
	if (rc != 0)
		return rc;
	usercache_name(uc, row->uid, row->user, sizeof row->user);
	rc = snapshot_push_proc(snap, row);
	return rc != 0 ? rc : 1;
}

/* True when a directory entry name is a pid. */
static bool
procfs_is_pid(const char *s)
{
	if (*s < '1' || *s > '9')
		return false;
	while (*++s)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* One pass over the root. */
int
procfs_scan(struct procfs *pf, struct snapshot *snap, struct usercache *uc,
            enum snap_cgroup_mode mode, const struct cgmap *cgm,
            struct cmdcache *cc)
{
	struct proc_row row;
	struct dirent *de;
	int rc, dfd;

	pf->last_cg_off = SNAP_NO_STR;
	pf->last_cg_len = 0;
	rewinddir(pf->dir);
	for (;;) {
		errno = 0;
		de = readdir(pf->dir);
		if (de == NULL) {
			if (errno != 0)
				return -errno;
			break;
		}
		if (!procfs_is_pid(de->d_name))
			continue;
		dfd = procroot_open_dir(pf->procfd, de->d_name);
		rc = dfd < 0 ? 0
		             : procfs_one(pf, dfd, snap, uc, mode, cgm, &row);
		if (rc == 1 && cc != NULL && cmdcache_offer(cc, &row, dfd))
			dfd = -1; /* the cmdline worker closes it */
		if (dfd >= 0)
			close(dfd);
		if (rc < 0)
			return rc;
		if (rc == 0)
			snap->procs_vanished++;
	}
	return 0;
}
