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
	uint32_t last_cg_off, last_cg_len; /* the previous row's cgroup */
	char path[32];
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

/* Read "PID/name" into buf; the length or -errno. */
static ssize_t
procfs_read(struct procfs *pf, size_t plen, const char *name, char *buf,
            size_t cap)
{
	size_t nlen = strlen(name);

	memcpy(pf->path + plen, name, nlen + 1);
	return procroot_read(pf->procfd, pf->path, buf, cap);
}

/* Read a one-integer file, or SNAP_NA. */
static int64_t
procfs_int(struct procfs *pf, size_t plen, const char *name)
{
	ssize_t n = procfs_read(pf, plen, name, pf->small, sizeof pf->small);
	int64_t v;

	if (n <= 0 || (size_t)n == sizeof pf->small ||
	    textscan_int_file(pf->small, (size_t)n, &v) != 0)
		return SNAP_NA;
	return v;
}

/* Read and pool the memory cgroup path of the row. */
static int
procfs_cgroup(struct procfs *pf, size_t plen, struct snapshot *snap,
              enum snap_cgroup_mode mode, struct proc_row *row)
{
	ssize_t n;
	size_t off, len;

	if (mode == SNAP_CGROUP_NONE)
		return 0;
	n = procfs_read(pf, plen, "cgroup", pf->cgroup, sizeof pf->cgroup);
	if (n <= 0 || (size_t)n == sizeof pf->cgroup ||
	    cgroupmem_path(pf->cgroup, (size_t)n, mode, &off, &len) != 0)
		return 0;
	if (snapshot_str_append(snap, pf->cgroup + off, len,
	                        &row->cgroup_off) != 0)
		return -ENOMEM;
	row->cgroup_len = (uint32_t)len;
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
 * Read one process. 1 when a row was added, 0 when it vanished or could
 * not be parsed, -ENOMEM.
 */
static int
procfs_one(struct procfs *pf, const char *pid, struct snapshot *snap,
           struct usercache *uc, enum snap_cgroup_mode mode)
{
	struct procstat_stat st;
	struct procstat_status ss;
	struct proc_row row;
	size_t plen = strlen(pid);
	ssize_t n;
	int rc;

	if (plen + 16 > sizeof pf->path)
		return 0;
	memcpy(pf->path, pid, plen);
	pf->path[plen++] = '/';
	n = procfs_read(pf, plen, "stat", pf->stat, sizeof pf->stat);
	if (n <= 0 || procstat_parse_stat(pf->stat, (size_t)n, &st) != 0)
		return 0;
	n = procfs_read(pf, plen, "status", pf->status, sizeof pf->status);
	if (n <= 0 ||
	    procstat_parse_status(
	        pf->status,
	        procfs_whole_lines(pf->status, (size_t)n, sizeof pf->status),
	        &ss) != 0)
		return 0;
	procstat_fill_row(&row, &st, &ss);
	row.oom_score = procfs_int(pf, plen, "oom_score");
	row.oom_score_adj = procfs_int(pf, plen, "oom_score_adj");
	if (row.oom_score_adj != SNAP_NA &&
	    (row.oom_score_adj < -1000 || row.oom_score_adj > 1000))
		row.oom_score_adj = SNAP_NA;
	rc = procfs_cgroup(pf, plen, snap, mode, &row);
	if (rc != 0)
		return rc;
	usercache_name(uc, row.uid, row.user, sizeof row.user);
	rc = snapshot_push_proc(snap, &row);
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
            enum snap_cgroup_mode mode)
{
	struct dirent *de;
	int rc;

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
		rc = procfs_one(pf, de->d_name, snap, uc, mode);
		if (rc < 0)
			return rc;
		if (rc == 0)
			snap->procs_vanished++;
	}
	return 0;
}
