/* procfs.c: the per-process pass over /proc (see procfs.h). */
#include "collect/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/idcache.h"
#include "collect/procroot.h"
#include "model/adjvalue.h"
#include "model/cgroupmem.h"
#include "model/oomscore.h"
#include "model/procstat.h"
#include "model/textscan.h"

#define PROCFS_STAT_MAX 1024
#define PROCFS_STATUS_MAX 8192
#define PROCFS_SMALL_MAX 64
#define PROCFS_CGROUP_MAX 4096
/* Files one process keeps open until its row is done (handle + 5). */
#define PROCFS_FDS_MAX 8

/* A row of a light scan whose oom_score may be read after the scan. */
struct procfs_pending {
	uint32_t index;      /* in snap->procs */
	uint64_t status_ino; /* to check it is still the same process */
};

struct procfs {
	int procfd;
	DIR *dir;
	uint32_t last_cg_off, last_cg_len; /* the last cgroup read from file */
	/* light mode */
	bool light;
	int32_t focus_pid;
	int64_t page_kb, total_pages; /* total_pages: this scan's */
	struct idcache *ids;
	struct procfs_pending *derived; /* rows whose oom_score is derived */
	uint32_t *derived_idx;          /* their row indexes, for the top */
	size_t nderived, derived_cap;   /* (both arrays) */
	struct procfs_pending *doubt;   /* rows that must read oom_score */
	size_t ndoubt, doubt_cap;
	size_t top[PROCFS_TOP_EXACT];
	struct procfs_stats stats;
	int fds[PROCFS_FDS_MAX]; /* this process's open files */
	size_t nfds;
	char path[32]; /* "PID/file" under the root */
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
	pf->page_kb = sysconf(_SC_PAGESIZE) / 1024;
	pf->ids = idcache_new();
	dfd = openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pf->ids == NULL || dfd < 0 || (pf->dir = fdopendir(dfd)) == NULL) {
		int err = pf->ids == NULL ? ENOMEM : errno;
		if (dfd >= 0)
			close(dfd);
		idcache_free(pf->ids);
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
	idcache_free(pf->ids);
	free(pf->derived);
	free(pf->derived_idx);
	free(pf->doubt);
	free(pf);
}

/* Light mode on or off. */
void
procfs_set_light(struct procfs *pf, bool light)
{
	pf->light = light;
}

/* The pid whose real oom_score light scans always read. */
void
procfs_set_focus(struct procfs *pf, int32_t pid)
{
	pf->focus_pid = pid;
}

/* What the last scan did. */
const struct procfs_stats *
procfs_stats(const struct procfs *pf)
{
	return &pf->stats;
}

/* Keep fd open until procfs_close_fds (closed now when there is no room). */
static void
procfs_keep(struct procfs *pf, int fd)
{
	if (fd < 0)
		return;
	if (pf->nfds < PROCFS_FDS_MAX)
		pf->fds[pf->nfds++] = fd;
	else
		close(fd);
}

/* Close the files of the process just read, in as few syscalls as may be. */
static void
procfs_close_fds(struct procfs *pf)
{
	procroot_close_fds(pf->fds, pf->nfds);
	pf->nfds = 0;
}

/*
 * Read a file under dfd (and its inode when ino) as procroot_read does,
 * keeping it open until procfs_close_fds: the files of one process then
 * close with one close_range(2) instead of one close(2) each.
 */
static ssize_t
procfs_read(struct procfs *pf, int dfd, const char *name, char *buf, size_t cap,
            uint64_t *ino)
{
	int fd;
	ssize_t n = procroot_read_keep(dfd, name, buf, cap, ino, &fd);

	procfs_keep(pf, fd);
	return n;
}

/* The integer of a one-integer file read into pf->small (n: the read's
 * result), or SNAP_NA. */
static int64_t
procfs_int_of(struct procfs *pf, ssize_t n)
{
	int64_t v;

	if (n <= 0 || (size_t)n == sizeof pf->small ||
	    textscan_int_file(pf->small, (size_t)n, &v) != 0)
		return SNAP_NA;
	return v;
}

/* Read a one-integer file under dfd, or SNAP_NA. */
static int64_t
procfs_int(struct procfs *pf, int dfd, const char *name)
{
	return procfs_int_of(
	    pf, procfs_read(pf, dfd, name, pf->small, sizeof pf->small, NULL));
}

/* Read an open one-integer file, or SNAP_NA (fd -1: not opened). */
static int64_t
procfs_int_fd(struct procfs *pf, int fd)
{
	if (fd < 0)
		return SNAP_NA;
	return procfs_int_of(pf,
	                     procroot_read_fd(fd, pf->small, sizeof pf->small));
}

/* True when the row's memory cgroup path came from the map. */
static bool
procfs_cgroup_mapped(enum snap_cgroup_mode mode, const struct cgmap *cgm,
                     struct proc_row *row)
{
	return mode == SNAP_CGROUP_NONE ||
	       (cgm != NULL && cgmap_find(cgm, row->pid, row->start_time,
	                                  &row->cgroup_off, &row->cgroup_len));
}

/*
 * Set the row's memory cgroup path from its cgroup file read into
 * pf->cgroup (n: the read's result), pooled (shared with the previous
 * such row when equal); left unknown when unreadable. 0, or -ENOMEM.
 */
static int
procfs_cgroup_text(struct procfs *pf, ssize_t n, struct snapshot *snap,
                   enum snap_cgroup_mode mode, struct proc_row *row)
{
	size_t off, len;

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

/*
 * The memory cgroup path of the row: from the map when it can answer,
 * else read from the process's own file (name under dfd). 0, or -ENOMEM.
 */
static int
procfs_cgroup(struct procfs *pf, int dfd, const char *name,
              struct snapshot *snap, enum snap_cgroup_mode mode,
              const struct cgmap *cgm, struct proc_row *row)
{
	if (procfs_cgroup_mapped(mode, cgm, row))
		return 0;
	return procfs_cgroup_text(
	    pf, procfs_read(pf, dfd, name, pf->cgroup, sizeof pf->cgroup, NULL),
	    snap, mode, row);
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

/* oom_score_adj as read, or SNAP_NA when out of the kernel's range. */
static int64_t
procfs_adj_of(int64_t adj)
{
	if (adj != SNAP_NA && (adj < ADJVALUE_MIN || adj > ADJVALUE_MAX))
		return SNAP_NA;
	return adj;
}

/* oom_score_adj of the file name under dfd (see procfs_adj_of). */
static int64_t
procfs_adj(struct procfs *pf, int dfd, const char *name)
{
	return procfs_adj_of(procfs_int(pf, dfd, name));
}

/* Parse status read into pf->status (n: the read's result): 1, 0 when
 * it could not be read or parsed. */
static int
procfs_status_of(struct procfs *pf, ssize_t n, struct procstat_status *ss)
{
	return n > 0 &&
	       procstat_parse_status(
	           pf->status,
	           procfs_whole_lines(pf->status, (size_t)n, sizeof pf->status),
	           ss) == 0;
}

/* Read status under dfd (and its inode when ino) and parse it: 1, 0 when
 * it cannot be read or parsed. */
static int
procfs_status(struct procfs *pf, int dfd, const char *name,
              struct procstat_status *ss, uint64_t *ino)
{
	return procfs_status_of(
	    pf, procfs_read(pf, dfd, name, pf->status, sizeof pf->status, ino),
	    ss);
}

/* Name the user and append the row: 1, or -ENOMEM. */
static int
procfs_push(struct snapshot *snap, struct usercache *uc, struct proc_row *row)
{
	int rc;

	usercache_name(uc, row->uid, row->user, sizeof row->user);
	rc = snapshot_push_proc(snap, row);
	return rc != 0 ? rc : 1;
}

/* Set pf->path to "PID/file"; false when it does not fit. */
static bool
procfs_path(struct procfs *pf, const char *pid, const char *file)
{
	size_t a = strlen(pid), b = strlen(file);

	if (a + 1 + b + 1 > sizeof pf->path)
		return false;
	memcpy(pf->path, pid, a);
	pf->path[a] = '/';
	memcpy(pf->path + a + 1, file, b + 1);
	return true;
}

/* Open PID/file under the root, kept until procfs_close_fds: fd or -1. */
static int
procfs_open(struct procfs *pf, const char *pid, const char *file)
{
	int fd;

	if (!procfs_path(pf, pid, file))
		return -1;
	do {
		fd = openat(pf->procfd, pf->path,
		            O_RDONLY | O_CLOEXEC | O_NOCTTY);
	} while (fd < 0 && errno == EINTR);
	procfs_keep(pf, fd);
	return fd;
}

/*
 * A row's cgroup file opened after its other files were read: read it,
 * then read oom_score_adj (or stat) again through the fd opened first. That
 * read succeeds only while the row's process holds the pid, so the cgroup
 * file, opened before it, is the row's process's. 0, or -ENOMEM.
 */
static int
procfs_cgroup_late(struct procfs *pf, const char *pid, int check_fd,
                   struct snapshot *snap, enum snap_cgroup_mode mode,
                   struct proc_row *row)
{
	int fd = procfs_open(pf, pid, "cgroup");
	ssize_t n =
	    fd < 0 ? -1 : procroot_read_fd(fd, pf->cgroup, sizeof pf->cgroup);

	if (n <= 0 || pread(check_fd, pf->small, sizeof pf->small, 0) < 0)
		return 0; /* unknown, as an unreadable file */
	return procfs_cgroup_text(pf, n, snap, mode, row);
}

/*
 * Read one process in full by its paths under the root (PID/stat, ...).
 * Every file is opened before any is read: a read through an open /proc
 * file fails (ESRCH) once its process is gone, even when the pid has been
 * reused, so when stat, opened first, reads after the last open, its
 * process held the pid through every open and all the files are its own.
 * The cgroup file is opened with them unless the map lists the pid; the
 * cmdline file (into *cmd_fd, owned by the caller) when cc does not know
 * the pid. With status_ino, also the inode of its status file. 1 when a
 * row was added (into *row too), 0 when it vanished or could not be
 * parsed, -ENOMEM.
 */
static int
procfs_one(struct procfs *pf, const char *pid, int32_t pid_num,
           struct snapshot *snap, struct usercache *uc,
           enum snap_cgroup_mode mode, const struct cgmap *cgm,
           struct cmdcache *cc, struct proc_row *row, uint64_t *status_ino,
           int *cmd_fd)
{
	struct procstat_stat st;
	struct procstat_status ss;
	struct stat sb;
	int fst, fstatus, fscore, fadj, fcg = -1, rc;
	ssize_t n;

	*cmd_fd = -1;
	fst = procfs_open(pf, pid, "stat");
	fstatus = fst < 0 ? -1 : procfs_open(pf, pid, "status");
	if (fstatus < 0)
		return 0;
	fscore = procfs_open(pf, pid, "oom_score");
	fadj = procfs_open(pf, pid, "oom_score_adj");
	if (mode != SNAP_CGROUP_NONE &&
	    (cgm == NULL || !cgmap_lists(cgm, pid_num)))
		fcg = procfs_open(pf, pid, "cgroup");
	if (cc != NULL && !cmdcache_knows_pid(cc, pid_num) &&
	    procfs_path(pf, pid, "cmdline")) {
		do {
			*cmd_fd = openat(pf->procfd, pf->path,
			                 O_RDONLY | O_CLOEXEC | O_NOCTTY);
		} while (*cmd_fd < 0 && errno == EINTR);
	}
	/* every file is open: now stat's read vouches for all of them */
	n = procroot_read_fd(fst, pf->stat, sizeof pf->stat);
	if (n <= 0 || procstat_parse_stat(pf->stat, (size_t)n, &st) != 0)
		return 0;
	n = procroot_read_fd(fstatus, pf->status, sizeof pf->status);
	if (n > 0 && status_ino != NULL)
		n = fstat(fstatus, &sb) == 0 ? n : -1;
	if (!procfs_status_of(pf, n, &ss))
		return 0;
	if (status_ino != NULL)
		*status_ino = (uint64_t)sb.st_ino;
	procstat_fill_row(row, &st, &ss);
	row->oom_score = procfs_int_fd(pf, fscore);
	row->oom_score_adj = procfs_adj_of(procfs_int_fd(pf, fadj));
	if (procfs_cgroup_mapped(mode, cgm, row))
		rc = 0;
	else if (fcg >= 0)
		rc = procfs_cgroup_text(
		    pf, procroot_read_fd(fcg, pf->cgroup, sizeof pf->cgroup),
		    snap, mode, row);
	else
		rc = procfs_cgroup_late(pf, pid, fadj >= 0 ? fadj : fst, snap,
		                        mode, row);
	return rc != 0 ? rc : procfs_push(snap, uc, row);
}

/* Append to a pending list, growing it; 0 or -ENOMEM. */
static int
procfs_pend(struct procfs_pending **list, size_t *n, size_t *cap,
            uint32_t index, uint64_t status_ino)
{
	struct procfs_pending *nl;
	size_t ncap;

	if (*n == *cap) {
		ncap = *cap ? *cap * 2 : 256;
		nl = realloc(*list, ncap * sizeof *nl);
		if (nl == NULL)
			return -ENOMEM;
		*list = nl;
		*cap = ncap;
	}
	(*list)[(*n)++] = (struct procfs_pending){index, status_ino};
	return 0;
}

/*
 * Note the row just pushed: its oom_score derived, or left for a read
 * after the scan when the formula cannot vouch for it. 0 or -ENOMEM.
 */
static int
procfs_derive(struct procfs *pf, struct snapshot *snap, uint64_t status_ino)
{
	uint32_t index = (uint32_t)(snap->nprocs - 1);
	struct proc_row *row = &snap->procs[index];
	uint32_t *ni;

	row->oom_score =
	    oomscore_from_points(oomscore_points(row, row->oom_score_adj,
	                                         pf->total_pages, pf->page_kb),
	                         pf->total_pages);
	/* PID 1 is exempt only as the initial namespace's init: under a
	 * container's /proc the kernel scores it like any process */
	if (row->oom_score == SNAP_NA || row->state == 'Z' ||
	    row->state == 'X' || row->pid == 1) {
		pf->stats.doubtful++;
		return procfs_pend(&pf->doubt, &pf->ndoubt, &pf->doubt_cap,
		                   index, status_ino);
	}
	pf->stats.derived++;
	if (pf->nderived == pf->derived_cap) {
		ni = realloc(pf->derived_idx,
		             (pf->derived_cap ? pf->derived_cap * 2 : 256) *
		                 sizeof *ni);
		if (ni == NULL)
			return -ENOMEM;
		pf->derived_idx = ni;
	}
	pf->derived_idx[pf->nderived] = index;
	return procfs_pend(&pf->derived, &pf->nderived, &pf->derived_cap, index,
	                   status_ino);
}

/*
 * Read a process the identity cache knows (light mode) by path under the
 * root: oom_score_adj, the cgroup file when the map cannot answer, then
 * status, whose inode must still be id's: the process then held its pid
 * through all three reads. 1 when a row was added, 0 when it vanished, 2
 * when it is not id's process or status lacks a stat field (read it in
 * full), -ENOMEM.
 */
static int
procfs_known(struct procfs *pf, const char *pid, const struct idcache_entry *id,
             struct snapshot *snap, struct usercache *uc,
             enum snap_cgroup_mode mode, const struct cgmap *cgm,
             struct proc_row *row)
{
	struct procstat_status ss;
	struct procstat_stat st;
	struct proc_row cg = {.pid = id->pid, .start_time = id->start_time};
	int64_t adj;
	uint64_t ino;
	int rc;

	cg.cgroup_off = SNAP_NO_STR;
	if (!procfs_path(pf, pid, "oom_score_adj"))
		return 2;
	adj = procfs_adj(pf, pf->procfd, pf->path);
	procfs_path(pf, pid, "cgroup");
	rc = procfs_cgroup(pf, pf->procfd, pf->path, snap, mode, cgm, &cg);
	if (rc != 0)
		return rc;
	procfs_path(pf, pid, "status");
	if (!procfs_status(pf, pf->procfd, pf->path, &ss, &ino))
		return 0;
	if (ino != id->status_ino ||
	    procstat_stat_from_status(&st, &ss, id->pid, id->start_time,
	                              id->kthread) != 0)
		return 2;
	procstat_fill_row(row, &st, &ss);
	row->oom_score_adj = adj;
	row->cgroup_off = cg.cgroup_off;
	row->cgroup_len = cg.cgroup_len;
	rc = procfs_push(snap, uc, row);
	if (rc == 1 && (rc = procfs_derive(pf, snap, ino)) == 0)
		rc = 1;
	return rc;
}

/*
 * Replace the oom_score of a pending row by the one /proc shows, when the
 * process still has the status inode of its row (it held its pid through
 * the read). A derived value replaced is counted in the stats.
 */
static void
procfs_exact(struct procfs *pf, struct snapshot *snap,
             const struct procfs_pending *p, bool derived)
{
	struct proc_row *row = &snap->procs[p->index];
	char pid[16];
	struct stat st;
	int64_t v;

	snprintf(pid, sizeof pid, "%d", (int)row->pid);
	procfs_path(pf, pid, "oom_score");
	v = procfs_int(pf, pf->procfd, pf->path);
	procfs_close_fds(pf);
	procfs_path(pf, pid, "status");
	if (v == SNAP_NA || fstatat(pf->procfd, pf->path, &st, 0) != 0 ||
	    (uint64_t)st.st_ino != p->status_ino)
		return;
	if (derived) {
		pf->stats.exact++;
		pf->stats.differed += v != row->oom_score;
	}
	row->oom_score = v;
}

/* After a light scan: read oom_score for the doubtful, top and focus rows. */
static void
procfs_refine(struct procfs *pf, struct snapshot *snap)
{
	size_t ntop = oomscore_top(snap, pf->derived_idx, pf->nderived,
	                           PROCFS_TOP_EXACT, pf->top);
	bool focus_done = pf->focus_pid <= 0;

	for (size_t i = 0; i < pf->ndoubt; i++)
		procfs_exact(pf, snap, &pf->doubt[i], false);
	for (size_t i = 0; i < ntop; i++) {
		procfs_exact(pf, snap, &pf->derived[pf->top[i]], true);
		if (snap->procs[pf->derived_idx[pf->top[i]]].pid ==
		    pf->focus_pid)
			focus_done = true;
	}
	for (size_t i = 0; i < pf->nderived && !focus_done; i++) {
		if (snap->procs[pf->derived_idx[i]].pid == pf->focus_pid) {
			procfs_exact(pf, snap, &pf->derived[i], true);
			focus_done = true;
		}
	}
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

/* The pid a directory entry names (procfs_is_pid holds), or 0. */
static int32_t
procfs_pid(const char *s)
{
	const char *end = s + strlen(s);
	int64_t v;

	if (textscan_i64(&s, end, &v) != 0 || v <= 0 || v > INT32_MAX)
		return 0;
	return (int32_t)v;
}

/*
 * Read the process of one directory entry: from status when light mode
 * knows it, else in full through a handle, which goes to the cmdline
 * worker when it wants it. As procfs_one returns.
 */
static int
procfs_entry(struct procfs *pf, const struct dirent *de, struct snapshot *snap,
             struct usercache *uc, enum snap_cgroup_mode mode,
             const struct cgmap *cgm, struct cmdcache *cc)
{
	struct idcache_entry e = {.pid = procfs_pid(de->d_name)};
	const struct idcache_entry *id = NULL;
	struct proc_row row;
	int rc = 2, cmd_fd = -1;

	if (pf->light && e.pid > 0 &&
	    (id = idcache_find(pf->ids, e.pid, (uint64_t)de->d_ino)) != NULL)
		rc =
		    procfs_known(pf, de->d_name, id, snap, uc, mode, cgm, &row);
	if (rc == 1) {
		pf->stats.known++;
		idcache_add(pf->ids, id); /* no room: read in full next time */
	} else if (rc == 2) {
		procfs_close_fds(pf);
		rc =
		    procfs_one(pf, de->d_name, e.pid, snap, uc, mode, cgm, cc,
		               &row, pf->light ? &e.status_ino : NULL, &cmd_fd);
		if (rc == 1)
			pf->stats.full++;
		if (rc == 1 && pf->light && row.pid == e.pid) {
			e.kthread = row.kthread;
			e.dir_ino = (uint64_t)de->d_ino;
			e.start_time = row.start_time;
			idcache_add(pf->ids, &e);
		}
	}
	if (rc == 1 && cc != NULL && cmd_fd >= 0) {
		if (cmdcache_offer_file(cc, &row, cmd_fd))
			cmd_fd =
			    -1; /* the cmdline worker reads and closes it */
	} else if (rc == 1 && cc != NULL) {
		/* known, or its pid was another's: then the job checks */
		cmdcache_offer(cc, &row, -1);
	}
	procfs_keep(pf, cmd_fd);
	procfs_close_fds(pf);
	return rc;
}

/* One pass over the root. */
int
procfs_scan(struct procfs *pf, struct snapshot *snap, struct usercache *uc,
            enum snap_cgroup_mode mode, const struct cgmap *cgm,
            struct cmdcache *cc)
{
	struct dirent *de;
	int rc;

	pf->last_cg_off = SNAP_NO_STR;
	pf->last_cg_len = 0;
	memset(&pf->stats, 0, sizeof pf->stats);
	pf->nderived = pf->ndoubt = 0;
	pf->total_pages = oomscore_total_pages(&snap->mem, pf->page_kb);
	idcache_begin(pf->ids);
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
		rc = procfs_entry(pf, de, snap, uc, mode, cgm, cc);
		if (rc < 0)
			return rc;
		if (rc == 0)
			snap->procs_vanished++;
	}
	if (pf->light)
		procfs_refine(pf, snap);
	return 0;
}
