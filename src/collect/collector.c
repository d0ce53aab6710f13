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

#include "collect/cmdcache.h"
#include "collect/procfs.h"
#include "collect/procroot.h"
#include "collect/usercache.h"
#include "model/cgroupmem.h"
#include "model/meminfo.h"
#include "model/psi.h"
#include "model/textscan.h"
#include "model/vmstat.h"

#define COLLECTOR_SYS_MAX 8192

struct collector {
	int procfd;
	enum snap_cgroup_mode cgroup_mode;
	struct procfs *pf;
	struct usercache *uc;
	struct cmdcache *cc;
	bool have_prev;
	struct vmstat_counters prev_vmstat;
	uint64_t prev_ms;
	char buf[COLLECTOR_SYS_MAX];
};

/* The monotonic clock in milliseconds. */
uint64_t
collector_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

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

/* Detect which hierarchy has the memory controller. */
static enum snap_cgroup_mode
collector_cgroup_mode(struct collector *c, const char *proc_root)
{
	char dir[4096];
	bool v2;
	ssize_t n;

	if (proc_root == NULL || strcmp(proc_root, PROCROOT_DEFAULT) == 0)
		snprintf(dir, sizeof dir, "/sys/fs/cgroup");
	else
		snprintf(dir, sizeof dir, "%s/cgroupfs", proc_root);
	v2 = collector_v2_memory(c, dir);
	n = collector_read(c, c->procfd, "self/cgroup");
	if (n <= 0)
		return SNAP_CGROUP_NONE;
	return cgroupmem_mode(c->buf, (size_t)n, v2);
}

/* Open the root and start the worker. */
struct collector *
collector_new(const char *proc_root, char *err, size_t errsz)
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
	c->cgroup_mode = collector_cgroup_mode(c, proc_root);
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

/* One sample. */
int
collector_sample(struct collector *c, struct snapshot *out,
                 uint64_t now_mono_ms)
{
	struct timespec ts;
	int rc;

	snapshot_reset(out);
	clock_gettime(CLOCK_REALTIME, &ts);
	out->time_unix_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	out->mono_ms = now_mono_ms;
	out->cgroup_mode = c->cgroup_mode;
	collector_system(c, out);
	if (c->have_prev)
		vmstat_rates(&c->prev_vmstat, c->prev_ms, &out->vmstat,
		             now_mono_ms, &out->rates);
	c->prev_vmstat = out->vmstat;
	c->prev_ms = now_mono_ms;
	c->have_prev = true;
	rc = procfs_scan(c->pf, out, c->uc, c->cgroup_mode);
	cmdcache_attach(c->cc, out, true);
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
	procfs_free(c->pf);
	usercache_free(c->uc);
	close(c->procfd);
	free(c);
}
