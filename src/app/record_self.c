/* record_self.c: the recorder's memory against its cgroup's limit (see
 * record_self.h). */
#include "app/record_self.h"

#include <stdio.h>

#include "collect/cgfiles.h"
#include "core/sanitize.h"
#include "model/cgmem.h"
#include "model/columns.h"
#include "model/snapcg.h"

/* The row of pid in snap, or NULL. */
static const struct proc_row *
record_self_row(const struct snapshot *snap, int32_t pid)
{
	for (size_t i = 0; i < snap->nprocs; i++)
		if (snap->procs[i].pid == pid)
			return &snap->procs[i];
	return NULL;
}

/* True when cgroup cg of snap lists one process and has no child: what
 * it holds is that process's. */
static bool
record_self_alone(const struct snapshot *snap, size_t cg)
{
	if (snap->cgroups[cg].nprocs != 1)
		return false;
	for (size_t i = cg + 1; i < snap->ncgroups; i++)
		if (snap->cgroups[i].parent == cg)
			return false;
	return true;
}

/* Measure pid's memory cgroup (see record_self.h). */
bool
record_self_measure(const struct snapshot *snap, int32_t pid,
                    struct record_self *out)
{
	const struct proc_row *row = record_self_row(snap, pid);
	const struct cgmem *m;
	size_t cg = row ? snapcg_of_row(snap, row) : SNAPCG_NONE;

	if (cg == SNAPCG_NONE || cg >= snap->ncgroups)
		return false;
	m = &snap->cgroups[cg].mem;
	if (m->max_bytes == SNAP_NA || m->max_bytes == CGMEM_UNLIMITED ||
	    m->max_bytes <= 0)
		return false;
	out->limit_bytes = m->max_bytes;
	out->cgroup = cg;
	out->from_row = m->current_bytes == SNAP_NA ||
	                m->stat.file == SNAP_NA || m->stat.shmem == SNAP_NA ||
	                !record_self_alone(snap, cg);
	if (!out->from_row) {
		out->used_bytes =
		    m->current_bytes - m->stat.file + m->stat.shmem;
		if (out->used_bytes < 0)
			out->used_bytes = 0;
		return true;
	}
	if (row->anon_kb == SNAP_NA || row->anon_kb < 0)
		return false;
	out->used_bytes = row->anon_kb * 1024;
	if (row->shmem_kb != SNAP_NA && row->shmem_kb > 0)
		out->used_bytes += row->shmem_kb * 1024;
	return true;
}

/* True above RECORD_SELF_PERMILLE of the limit. */
bool
record_self_over(const struct record_self *m)
{
	/* in kB, so that neither product can overflow */
	return m->used_bytes / 1024 * 1000 >
	       m->limit_bytes / 1024 * RECORD_SELF_PERMILLE;
}

/* The check after a sample (see record_self.h). */
int
record_self_check(const struct snapshot *snap, int32_t pid)
{
	struct record_self m;
	char used[16], limit[16], path[512];
	const char *raw;
	size_t len = 0;

	if (!record_self_measure(snap, pid, &m))
		return 0;
	raw = snapcg_path(snap, m.cgroup, &len);
	if (raw != NULL)
		cgfiles_force_full(raw, len);
	if (!record_self_over(&m))
		return 0;
	columns_format_kb(m.used_bytes / 1024, used, sizeof used);
	columns_format_kb(m.limit_bytes / 1024, limit, sizeof limit);
	sanitize_text(path, sizeof path, raw ? raw : "?", raw ? len : 1, 0,
	              NULL);
	fprintf(stderr,
	        "oomwatch: the recorder's memory cgroup %s holds %s that "
	        "reclaim cannot drop (%s), over %d%% of its limit of %s; "
	        "exiting with status 1 to be restarted: at the limit, its "
	        "oom_score_adj of -1000 would leave the OOM killer no task "
	        "to kill\n",
	        path, used,
	        m.from_row ? "its RssAnon + RssShmem"
	                   : "memory.current less page cache",
	        RECORD_SELF_PERMILLE / 10, limit);
	return -1;
}
