/*
 * snapshot.c: the lifecycle of struct snapshot (see snapshot.h).
 *
 * A snapshot owns two growable arrays: the process rows and a string pool
 * (cmdlines, cgroup paths) addressed by 32-bit offsets. Both grow by
 * doubling and are never shrunk, so the dashboard's two snapshots reach
 * their working size in a few ticks and then never allocate again.
 */
#include "model/snapshot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/meminfo.h"
#include "model/snapcg.h"
#include "model/vmstat.h"

/* An empty snapshot. */
void
snapshot_init(struct snapshot *snap)
{
	memset(snap, 0, sizeof *snap);
	snapshot_reset(snap);
}

/* Free the arrays. */
void
snapshot_fini(struct snapshot *snap)
{
	free(snap->procs);
	free(snap->strings);
	free(snap->cgroups);
	memset(snap, 0, sizeof *snap);
}

/* Empty it, keeping capacity. */
void
snapshot_reset(struct snapshot *snap)
{
	snap->time_unix_ms = SNAP_NA;
	snap->mono_ms = 0;
	meminfo_clear(&snap->mem);
	snap->low_wmark_kb = SNAP_NA;
	snap->vm.overcommit_memory = snap->vm.overcommit_ratio = SNAP_NA;
	snap->vm.panic_on_oom = snap->vm.oom_kill_allocating_task = SNAP_NA;
	snap->vm.swappiness = SNAP_NA;
	memset(&snap->psi, 0, sizeof snap->psi);
	vmstat_clear(&snap->vmstat);
	memset(&snap->rates, 0, sizeof snap->rates);
	snap->cgroup_mode = SNAP_CGROUP_NONE;
	snap->nprocs = 0;
	snap->strings_len = 0;
	snap->procs_vanished = 0;
	snap->cmdline_pending = 0;
	snap->ncgroups = 0;
	snap->cgroups_err = ENOENT;
}

/* Grow a buffer of *cap elements of size sz to hold at least need. */
static int
grow(void **buf, size_t *cap, size_t need, size_t sz, size_t first)
{
	size_t ncap = *cap ? *cap : first;
	void *n;

	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / sz)
			return -ENOMEM;
		ncap *= 2;
	}
	n = realloc(*buf, ncap * sz);
	if (n == NULL)
		return -ENOMEM;
	*buf = n;
	*cap = ncap;
	return 0;
}

/* Append a row. */
int
snapshot_push_proc(struct snapshot *snap, const struct proc_row *row)
{
	int rc;

	if (snap->nprocs == snap->procs_cap) {
		rc = grow((void **)&snap->procs, &snap->procs_cap,
		          snap->nprocs + 1, sizeof *snap->procs, 256);
		if (rc != 0)
			return rc;
	}
	snap->procs[snap->nprocs++] = *row;
	return 0;
}

/* Append a cgroup. */
int
snapshot_push_cgroup(struct snapshot *snap, const struct snap_cgroup *cg)
{
	int rc;

	if (snap->ncgroups == snap->cgroups_cap) {
		rc = grow((void **)&snap->cgroups, &snap->cgroups_cap,
		          snap->ncgroups + 1, sizeof *snap->cgroups, 64);
		if (rc != 0)
			return rc;
	}
	snap->cgroups[snap->ncgroups++] = *cg;
	return 0;
}

/* Append bytes to the string pool. */
int
snapshot_str_append(struct snapshot *snap, const char *s, size_t len,
                    uint32_t *off)
{
	int rc;

	if (len >= UINT32_MAX - snap->strings_len)
		return -EOVERFLOW;
	if (snap->strings_len + len > snap->strings_cap) {
		rc = grow((void **)&snap->strings, &snap->strings_cap,
		          snap->strings_len + len, 1, 4096);
		if (rc != 0)
			return rc;
	}
	if (len > 0)
		memcpy(snap->strings + snap->strings_len, s, len);
	*off = (uint32_t)snap->strings_len;
	snap->strings_len += len;
	return 0;
}

/* Append, or reuse the hinted string when it holds the same bytes. */
int
snapshot_str_reuse(struct snapshot *snap, const char *s, size_t len,
                   uint32_t hint_off, uint32_t hint_len, uint32_t *off)
{
	const char *h = snapshot_str(snap, hint_off, hint_len);

	if (h != NULL && hint_len == len && memcmp(h, s, len) == 0) {
		*off = hint_off;
		return 0;
	}
	return snapshot_str_append(snap, s, len, off);
}

/* The pooled bytes at (off, len). */
const char *
snapshot_str(const struct snapshot *snap, uint32_t off, uint32_t len)
{
	if (off == SNAP_NO_STR || (size_t)off + len > snap->strings_len)
		return NULL;
	return snap->strings ? snap->strings + off : "";
}
