/* collector.c: one snapshot from a /proc root (see collector.h). */
#include "collect/collector.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect/cgfiles.h"
#include "collect/cgmap.h"
#include "collect/cmdcache.h"
#include "collect/procfs.h"
#include "collect/procroot.h"
#include "collect/usercache.h"
#include "core/clock.h"
#include "model/cgroupmem.h"
#include "model/meminfo.h"
#include "model/psi.h"
#include "model/snapcg.h"
#include "model/textscan.h"
#include "model/vmstat.h"
#include "model/zoneinfo.h"

#define COLLECTOR_SYS_MAX 8192
/* self/mountinfo's bound: about 100000 mounts */
#define COLLECTOR_MOUNTINFO_MAX (16 * 1024 * 1024)
/*
 * A cgroup walk may visit max(this, half the processes) directories: a
 * directory costs about as much as two /proc/PID/cgroup reads, so beyond
 * that reading each process's file is cheaper.
 */
#define COLLECTOR_CGMAP_MIN_DIRS 256
/* Samples that read every cgroup file after a walk failed or was wrong. */
#define COLLECTOR_CGMAP_BACKOFF 64
/* /proc/zoneinfo (long on NUMA machines) is read this often. */
#define COLLECTOR_ZONEINFO_MS 60000u
/* Its first read buffer; it doubles up to the maximum. */
#define COLLECTOR_ZONEINFO_MIN 16384u
#define COLLECTOR_ZONEINFO_MAX (4u << 20)

struct collector {
	int procfd;
	enum snap_cgroup_mode cgroup_mode;
	struct cgmap *cgm;   /* NULL: every row reads its cgroup file */
	struct cgfiles *cgf; /* the cgroups' memory files (NULL: none) */
	bool cg_files;       /* the walk reads them (collector_set_cgroups) */
	int64_t page_kb;
	int32_t self_pid;      /* our pid under the root, to check the map */
	uint32_t cgm_skip;     /* samples left without a walk */
	uint32_t cgm_distrust; /* samples whose rows do not use the map */
	size_t last_nprocs;    /* rows of the previous sample */
	long clk_tck;
	struct procfs *pf;
	struct usercache *uc;
	struct cmdcache *cc;
	bool have_prev;
	struct vmstat_counters prev_vmstat;
	uint64_t prev_ms;
	int64_t low_wmark_kb; /* the last zoneinfo read's, or SNAP_NA */
	uint64_t zone_ms;     /* when zoneinfo was read (zone_read) */
	bool zone_read;
	char buf[COLLECTOR_SYS_MAX];
};

/* Read a file under the root into c->buf; length or -errno. */
static ssize_t
collector_read(struct collector *c, int dirfd, const char *name)
{
	ssize_t n = procroot_read(dirfd, name, c->buf, sizeof c->buf);

	if (n >= (ssize_t)sizeof c->buf)
		return -EFBIG;
	return n;
}

/* True when the cgroup.controllers file under dir lists memory. */
static bool
collector_v2_memory(struct collector *c, const char *dir)
{
	int fd = procroot_open(dir);
	ssize_t n;
	bool yes = false;

	if (fd < 0)
		return false;
	n = collector_read(c, fd, "cgroup.controllers");
	if (n > 0)
		yes = cgroupmem_controllers_have_memory(c->buf, (size_t)n);
	if (!yes) {
		n = collector_read(c, fd, "unified/cgroup.controllers");
		if (n > 0)
			yes = cgroupmem_controllers_have_memory(c->buf,
			                                        (size_t)n);
	}
	close(fd);
	return yes;
}

/*
 * The directory the cgroup filesystems are mounted under into dir:
 * <sys_root>/fs/cgroup, /sys/fs/cgroup for /proc, or <proc_root>/cgroupfs
 * for a fixture. True when it is a fixture (no mountinfo to ask).
 */
static bool
collector_cgroup_dir(const char *proc_root, const char *sys_root, char *dir,
                     size_t size)
{
	if (sys_root != NULL) {
		snprintf(dir, size, "%s/fs/cgroup", sys_root);
		return true;
	}
	if (proc_root == NULL || strcmp(proc_root, PROCROOT_DEFAULT) == 0) {
		snprintf(dir, size, "/sys/fs/cgroup");
		return false;
	}
	snprintf(dir, size, "%s/cgroupfs", proc_root);
	return true;
}

/* Detect which hierarchy has the memory controller. */
static enum snap_cgroup_mode
collector_cgroup_mode(struct collector *c, const char *proc_root,
                      const char *sys_root)
{
	char dir[4096];
	bool v2;
	ssize_t n;

	collector_cgroup_dir(proc_root, sys_root, dir, sizeof dir);
	v2 = collector_v2_memory(c, dir);
	n = collector_read(c, c->procfd, "self/cgroup");
	if (n <= 0)
		return SNAP_CGROUP_NONE;
	return cgroupmem_mode(c->buf, (size_t)n, v2);
}

/* The pid that <root>/self names, or 0 when self is not a link. */
static int32_t
collector_self_pid(const struct collector *c)
{
	char buf[24];
	ssize_t n = readlinkat(c->procfd, "self", buf, sizeof buf - 1);
	const char *p = buf;
	int64_t v;

	if (n <= 0)
		return 0;
	if (textscan_i64(&p, buf + n, &v) != 0 || p != buf + n || v <= 0 ||
	    v > INT32_MAX)
		return 0;
	return (int32_t)v;
}

/*
 * Open the memory hierarchy for the cgroup map: on /proc the mount that
 * self/mountinfo names, for a fixture the cgroup directory (v2) or its
 * memory/ (v1) (collector_cgroup_dir). NULL when there is none, or when
 * /proc is not our own pid namespace's (its pids would not be the ones
 * cgroup.procs lists).
 */
static struct cgmap *
collector_cgmap_open(struct collector *c, const char *proc_root,
                     const char *sys_root)
{
	char mnt[4096], root[4096], dir[4000];
	bool fixture =
	    collector_cgroup_dir(proc_root, sys_root, dir, sizeof dir);
	bool fixture_proc =
	    proc_root != NULL && strcmp(proc_root, PROCROOT_DEFAULT) != 0;
	char *text = NULL;
	ssize_t n;
	int fd, rc;

	c->self_pid = collector_self_pid(c);
	if (c->cgroup_mode == SNAP_CGROUP_NONE || c->self_pid == 0 ||
	    (!fixture_proc && c->self_pid != (int32_t)getpid()))
		return NULL;
	if (fixture) {
		snprintf(mnt, sizeof mnt, "%s%s", dir,
		         c->cgroup_mode == SNAP_CGROUP_V1 ? "/memory" : "");
		snprintf(root, sizeof root, "/");
	} else {
		/* to EOF: mountinfo with many mounts spans pages */
		n = procroot_read_alloc(c->procfd, "self/mountinfo",
		                        COLLECTOR_MOUNTINFO_MAX, &text);
		rc = n <= 0
		         ? -1
		         : cgmap_parse_mountinfo(text, (size_t)n,
		                                 c->cgroup_mode, mnt,
		                                 sizeof mnt, root, sizeof root);
		free(text);
		if (rc != 0)
			return NULL;
	}
	fd = procroot_open(mnt);
	return fd < 0 ? NULL : cgmap_new(fd, root);
}

/* Open the root and start the worker. */
struct collector *
collector_new(const char *proc_root, char *err, size_t errsz)
{
	return collector_new_roots(proc_root, NULL, err, errsz);
}

/* Read the memory files of every cgroup the map's walk visits. */
static void
collector_cgfiles_open(struct collector *c)
{
	long page = sysconf(_SC_PAGESIZE);

	c->page_kb = page >= 1024 ? page / 1024 : 4;
	if (c->cgm == NULL)
		return;
	c->cgf = cgfiles_new(c->cgroup_mode, c->page_kb);
	c->cg_files = c->cgf != NULL;
	cgmap_set_files(c->cgm, c->cgf);
}

/* Open the roots and start the worker. */
struct collector *
collector_new_roots(const char *proc_root, const char *sys_root, char *err,
                    size_t errsz)
{
	const char *root = proc_root ? proc_root : PROCROOT_DEFAULT;
	struct collector *c = calloc(1, sizeof *c);
	int fd;

	if (c == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	fd = procroot_open(root);
	if (fd < 0) {
		snprintf(err, errsz, "cannot open %.200s: %s", root,
		         strerror(-fd));
		free(c);
		return NULL;
	}
	c->procfd = fd;
	if (faccessat(fd, "meminfo", R_OK, 0) != 0 &&
	    faccessat(fd, "self", F_OK, 0) != 0) {
		snprintf(err, errsz, "%.200s is not a proc tree (no meminfo)",
		         root);
		close(fd);
		free(c);
		return NULL;
	}
	c->cgroup_mode = collector_cgroup_mode(c, proc_root, sys_root);
	c->cgm = collector_cgmap_open(c, proc_root, sys_root);
	collector_cgfiles_open(c);
	if (c->cgf != NULL)
		cgfiles_set_roots(c->cgf, proc_root, sys_root);
	c->clk_tck = sysconf(_SC_CLK_TCK);
	c->pf = procfs_new(fd);
	c->uc = usercache_new();
	c->cc = c->pf && c->uc ? cmdcache_new(fd) : NULL;
	if (c->cc == NULL) {
		snprintf(err, errsz, "cannot start the collector: %s",
		         strerror(errno ? errno : ENOMEM));
		collector_free(c);
		return NULL;
	}
	return c;
}

/* Choose the mode. */
void
collector_set_mode(struct collector *c, enum collector_mode mode)
{
	procfs_set_light(c->pf, mode == COLLECTOR_LIGHT);
	if (c->cgf != NULL)
		cgfiles_set_light(c->cgf, mode == COLLECTOR_LIGHT);
}

/* Read the cgroups' memory files or not. */
void
collector_set_cgroups(struct collector *c, bool on)
{
	c->cg_files = on && c->cgf != NULL;
	if (c->cgm != NULL)
		cgmap_set_files(c->cgm, c->cg_files ? c->cgf : NULL);
}

/* The pid whose real oom_score light samples always read. */
void
collector_set_focus(struct collector *c, int32_t pid)
{
	procfs_set_focus(c->pf, pid);
}

/* What the last process pass did. */
const struct procfs_stats *
collector_stats(const struct collector *c)
{
	return procfs_stats(c->pf);
}

/* Read one /proc/sys/vm tunable, or SNAP_NA. */
static int64_t
collector_tunable(struct collector *c, const char *name)
{
	ssize_t n = collector_read(c, c->procfd, name);
	int64_t v;

	if (n <= 0 || textscan_int_file(c->buf, (size_t)n, &v) != 0)
		return SNAP_NA;
	return v;
}

/* The system-wide files. */
static void
collector_system(struct collector *c, struct snapshot *s)
{
	ssize_t n;

	n = collector_read(c, c->procfd, "meminfo");
	if (n > 0)
		meminfo_parse(c->buf, (size_t)n, &s->mem);
	s->vm.overcommit_memory =
	    collector_tunable(c, "sys/vm/overcommit_memory");
	s->vm.overcommit_ratio =
	    collector_tunable(c, "sys/vm/overcommit_ratio");
	s->vm.panic_on_oom = collector_tunable(c, "sys/vm/panic_on_oom");
	s->vm.oom_kill_allocating_task =
	    collector_tunable(c, "sys/vm/oom_kill_allocating_task");
	s->vm.swappiness = collector_tunable(c, "sys/vm/swappiness");
	n = collector_read(c, c->procfd, "pressure/memory");
	if (n < 0)
		psi_set_unavailable(&s->psi, (int)-n);
	else if (psi_parse(c->buf, (size_t)n, &s->psi) != 0)
		psi_set_unavailable(&s->psi, EINVAL);
	n = collector_read(c, c->procfd, "vmstat");
	if (n > 0)
		vmstat_parse(c->buf, (size_t)n, &s->vmstat);
}

/* The sum of the zones' low watermarks in kB, or SNAP_NA. */
static int64_t
collector_read_low_wmark(const struct collector *c)
{
	long page = sysconf(_SC_PAGESIZE);
	int64_t kb = SNAP_NA;
	uint64_t pages;
	char *buf = NULL, *nb;
	size_t cap = COLLECTOR_ZONEINFO_MIN / 2;
	ssize_t n = -1;

	do {
		cap *= 2;
		nb = realloc(buf, cap);
		if (nb == NULL)
			break;
		buf = nb;
		n = procroot_read(c->procfd, "zoneinfo", buf, cap);
	} while (n == (ssize_t)cap && cap < COLLECTOR_ZONEINFO_MAX);
	if (nb != NULL && n > 0 && n < (ssize_t)cap && page >= 1024 &&
	    zoneinfo_low_pages(buf, (size_t)n, &pages) == 0 &&
	    pages <= (uint64_t)INT64_MAX / (uint64_t)page)
		kb = (int64_t)(pages * (uint64_t)(page / 1024));
	free(buf);
	return kb;
}

/* The low watermarks into s: read at the first sample, then every
 * COLLECTOR_ZONEINFO_MS. */
static void
collector_zoneinfo(struct collector *c, struct snapshot *s, uint64_t now_ms)
{
	if (!c->zone_read || now_ms - c->zone_ms >= COLLECTOR_ZONEINFO_MS) {
		c->low_wmark_kb = collector_read_low_wmark(c);
		c->zone_ms = now_ms;
		c->zone_read = true;
	}
	s->low_wmark_kb = c->low_wmark_kb;
}

/* The boot clock in stat's clock ticks. */
static uint64_t
collector_boot_ticks(const struct collector *c)
{
	uint64_t ns = clock_boot_ns();

	return c->clk_tck > 0 ? ns / (1000000000u / (uint64_t)c->clk_tck) : 0;
}

/*
 * How many processes to expect: the last sample's, or before the first
 * the thread count of /proc/loadavg ("0.00 0.01 0.05 1/123 4567"), which
 * is at least the process count. 0 when unknown.
 */
static size_t
collector_expected_procs(struct collector *c)
{
	ssize_t n;
	const char *p;
	uint64_t v;

	if (c->last_nprocs > 0)
		return c->last_nprocs;
	n = collector_read(c, c->procfd, "loadavg");
	if (n <= 0 || (p = memchr(c->buf, '/', (size_t)n)) == NULL)
		return 0;
	p++;
	if (textscan_u64(&p, c->buf + n, &v) != 0 || v > SIZE_MAX)
		return 0;
	return (size_t)v;
}

/*
 * Walk the cgroup tree for this sample and check it against our own
 * process: the map, or NULL when it is off, failed, or names another
 * cgroup for us than self/cgroup does (then it rests for a while).
 */
static const struct cgmap *
collector_cgmap_load(struct collector *c, struct snapshot *s)
{
	size_t max_dirs = collector_expected_procs(c) / 2;
	uint32_t off, len;
	size_t poff, plen;
	ssize_t n;
	int rc;

	if (c->cgm == NULL)
		return NULL;
	if (c->cgm_skip > 0) {
		c->cgm_skip--;
		s->cgroups_err = EAGAIN;
		return NULL;
	}
	if (max_dirs < COLLECTOR_CGMAP_MIN_DIRS)
		max_dirs = COLLECTOR_CGMAP_MIN_DIRS;
	rc = cgmap_load(c->cgm, s, collector_boot_ticks(c), max_dirs);
	if (c->cgm_distrust > 0)
		c->cgm_distrust--;
	if (rc == 0 && cgmap_find(c->cgm, c->self_pid, 0, &off, &len) &&
	    (n = collector_read(c, c->procfd, "self/cgroup")) > 0 &&
	    cgroupmem_path(c->buf, (size_t)n, c->cgroup_mode, &poff, &plen) ==
	        0 &&
	    plen == len && memcmp(c->buf + poff, s->strings + off, len) == 0)
		return c->cgm_distrust == 0 ? c->cgm : NULL;
	/*
	 * The map disagrees with self/cgroup: rows read their own files for
	 * a while. The walk still gives the cgroups when it reads them, so
	 * it goes on; else it rests too.
	 */
	if (rc == 0 && c->cg_files) {
		c->cgm_distrust = COLLECTOR_CGMAP_BACKOFF;
		return NULL;
	}
	/* the first sample's limit knows no process count yet: retry */
	c->cgm_skip =
	    rc == -E2BIG && c->last_nprocs == 0 ? 0 : COLLECTOR_CGMAP_BACKOFF;
	return NULL;
}

/* The v2 root as the host, and each limited cgroup's victim. */
static void
collector_cgroups(const struct collector *c, struct snapshot *s)
{
	struct cgvictim_env env = {c->page_kb, s->mem.swap_total_kb,
	                           s->vm.swappiness};

	if (s->ncgroups == 0)
		return;
	snapcg_root_host(s);
	if (snapcg_victims(s, &env) != 0)
		s->cgroups_err = ENOMEM;
}

/* One sample. */
int
collector_sample(struct collector *c, struct snapshot *out,
                 uint64_t now_mono_ms)
{
	int rc;

	snapshot_reset(out);
	out->time_unix_ms = clock_wall_ms();
	out->mono_ms = now_mono_ms;
	out->cgroup_mode = c->cgroup_mode;
	collector_system(c, out);
	collector_zoneinfo(c, out, now_mono_ms);
	if (c->have_prev)
		vmstat_rates(&c->prev_vmstat, c->prev_ms, &out->vmstat,
		             now_mono_ms, &out->rates);
	c->prev_vmstat = out->vmstat;
	c->prev_ms = now_mono_ms;
	c->have_prev = true;
	rc = procfs_scan(c->pf, out, c->uc, c->cgroup_mode,
	                 collector_cgmap_load(c, out), c->cc);
	cmdcache_attach(c->cc, out, true);
	collector_cgroups(c, out);
	c->last_nprocs = out->nprocs;
	return rc;
}

/* Wait for the worker, then copy in what it has. */
uint32_t
collector_finish_cmdlines(struct collector *c, struct snapshot *snap,
                          uint64_t deadline_mono_ms)
{
	if (snap->cmdline_pending == 0)
		return 0;
	cmdcache_wait_idle(c->cc, deadline_mono_ms);
	cmdcache_attach(c->cc, snap, false);
	return snap->cmdline_pending;
}

/* Free the collector. */
void
collector_free(struct collector *c)
{
	if (c == NULL)
		return;
	cmdcache_free(c->cc);
	cgmap_free(c->cgm);
	cgfiles_free(c->cgf);
	procfs_free(c->pf);
	usercache_free(c->uc);
	close(c->procfd);
	free(c);
}
