/* cgvictim.c: the kernel's victim in a memcg OOM (cgvictim.h). */
#include "model/cgvictim.h"

#include <errno.h>
#include <string.h>

#include "model/adjvalue.h"
#include "model/oomscore.h"
#include "model/victim.h"

/* True when the cgroup at path (len) is sub or below it. */
bool
cgvictim_path_in(const char *path, size_t len, const char *sub, size_t sub_len)
{
	if (sub_len == 1 && sub[0] == '/')
		return len > 0 && path[0] == '/';
	return len >= sub_len && memcmp(path, sub, sub_len) == 0 &&
	       (len == sub_len || path[sub_len] == '/');
}

/* A limit in pages: PAGE_COUNTER_MAX for unlimited, SNAP_NA unknown. */
static int64_t
cgvictim_pages(int64_t bytes, int64_t page_bytes)
{
	if (bytes == SNAP_NA)
		return SNAP_NA;
	if (bytes == CGMEM_UNLIMITED)
		return INT64_MAX / page_bytes; /* PAGE_COUNTER_MAX */
	return bytes / page_bytes;
}

/*
 * The swap room over memory.max in pages (before the SwapTotal cap):
 * cgroup2 swap.max, v1 memsw - memory. No file (swap accounting off)
 * is the kernel's untouched counter: unlimited. SNAP_NA when unknown.
 */
static int64_t
cgvictim_swap_room(const struct cgmem *cg, int64_t mem_pages,
                   int64_t page_bytes)
{
	bool v1 = cg->mode == SNAP_CGROUP_V1;
	int64_t lim = v1 ? cg->memsw_max_bytes : cg->swap_max_bytes, pages;

	if (lim == SNAP_NA && cg->err[CGMEM_F_SWAP_MAX] == ENOENT)
		lim = CGMEM_UNLIMITED;
	pages = cgvictim_pages(lim, page_bytes);
	if (pages == SNAP_NA || !v1)
		return pages;
	/* the kernel subtracts unsigned: memsw under memory wraps to huge */
	return pages >= mem_pages ? pages - mem_pages : INT64_MAX;
}

/* totalpages of a memcg OOM in cg. */
int64_t
cgvictim_total_pages(const struct cgmem *cg, const struct cgvictim_env *env)
{
	int64_t page_bytes = env->page_kb * 1024, mem, swappiness, swap, room;

	if (env->page_kb <= 0)
		return SNAP_NA;
	mem = cgvictim_pages(cg->max_bytes, page_bytes);
	swappiness =
	    cg->mode == SNAP_CGROUP_V1 ? cg->swappiness : env->vm_swappiness;
	if (mem == SNAP_NA)
		return SNAP_NA;
	if (swappiness == 0 || env->swap_total_kb == 0)
		return mem > 0 ? mem : 1;
	if (swappiness == SNAP_NA || env->swap_total_kb == SNAP_NA)
		return SNAP_NA;
	swap = env->swap_total_kb / env->page_kb;
	room = cgvictim_swap_room(cg, mem, page_bytes);
	if (room == SNAP_NA)
		return SNAP_NA;
	mem += room < swap ? room : swap;
	return mem > 0 ? mem : 1;
}

/* The pooled cgroup path of row, or NULL when unknown. */
static const char *
cgvictim_row_path(const struct snapshot *snap, const struct proc_row *row)
{
	if (row->cgroup_off == SNAP_NO_STR)
		return NULL;
	return snapshot_str(snap, row->cgroup_off, row->cgroup_len);
}

/* The table index of the cgroup at path (len), or CGVICTIM_NONE. */
static size_t
cgvictim_find(const struct cgvictim_cg *cgs, size_t ncg, const char *path,
              size_t len)
{
	for (size_t i = 0; i < ncg; i++) {
		if (cgs[i].path_len == len &&
		    memcmp(cgs[i].path, path, len) == 0)
			return i;
	}
	return CGVICTIM_NONE;
}

/* The length of the parent of path[0..len) ("/a/b" -> "/a", "/a" -> "/"),
 * or 0 for the root. */
static size_t
cgvictim_parent_len(const char *path, size_t len)
{
	while (len > 1 && path[len - 1] != '/')
		len--;
	return len > 1 ? len - 1 : (len == 1 && path[0] == '/' ? 1 : 0);
}

/* The cgroup a kill of snap->procs[victim] takes whole, or CGVICTIM_NONE. */
size_t
cgvictim_group(const struct snapshot *snap, const struct cgvictim_cg *cgs,
               size_t ncg, size_t domain, size_t victim, bool *unknown)
{
	const char *path, *top = domain < ncg ? cgs[domain].path : "/";
	size_t len, top_len = domain < ncg ? cgs[domain].path_len : 1, i,
	            group = CGVICTIM_NONE;
	bool unread = false;

	if (unknown != NULL)
		*unknown = false;
	if (victim >= snap->nprocs ||
	    (path = cgvictim_row_path(snap, &snap->procs[victim])) == NULL)
		return CGVICTIM_NONE;
	len = snap->procs[victim].cgroup_len;
	/* a task of the root cgroup, or moved out of the domain: none */
	if (len <= 1 || !cgvictim_path_in(path, len, top, top_len))
		return CGVICTIM_NONE;
	for (;;) {
		i = cgvictim_find(cgs, ncg, path, len);
		if (i == CGVICTIM_NONE || cgs[i].mem == NULL ||
		    cgs[i].mem->oom_group == SNAP_NA)
			unread = true;
		else if (cgs[i].mem->mode == SNAP_CGROUP_V1)
			return CGVICTIM_NONE; /* oom.group is cgroup2 only */
		else if (cgs[i].mem->oom_group == 1)
			group = i; /* a higher one replaces it */
		if ((len == top_len && memcmp(path, top, len) == 0) || len <= 1)
			break;
		len = cgvictim_parent_len(path, len);
	}
	if (unknown != NULL)
		*unknown = unread;
	return group;
}

/* True when a group kill of a cgroup holding row would kill it. */
bool
cgvictim_group_kills(const struct proc_row *row)
{
	if (row->kthread || row->state == 'Z' || row->state == 'X')
		return false;
	if (row->pid == 1 && row->oom_score == 0)
		return false; /* the host's init */
	return row->oom_score_adj != ADJVALUE_MIN;
}

/*
 * Whether the kernel skips row: victim_is_unkillable, where an unknown
 * oom_score (which a memcg OOM does not use) only matters for PID 1: it
 * tells the host's init (0) from a container's. -1 when that is unknown.
 */
static int
cgvictim_skips(const struct proc_row *row)
{
	struct proc_row t;

	if (row->oom_score != SNAP_NA)
		return victim_is_unkillable(row);
	if (row->pid == 1)
		return -1;
	t = *row;
	t.oom_score = 1;
	return victim_is_unkillable(&t);
}

/*
 * Badness points of a candidate at total_pages. oomscore_points exempts
 * every PID 1, but the kernel only the host's, which cgvictim_skips has
 * already left out: a container's init seen as PID 1 is scored.
 */
static int64_t
cgvictim_points(const struct proc_row *row, int64_t total_pages,
                int64_t page_kb)
{
	struct proc_row r;

	if (row->pid != 1)
		return oomscore_points(row, row->oom_score_adj, total_pages,
		                       page_kb);
	r = *row;
	r.pid = 0;
	return oomscore_points(&r, r.oom_score_adj, total_pages, page_kb);
}

/* Count the tasks a group kill of cgs[group] takes. */
static size_t
cgvictim_count_group(const struct snapshot *snap, const struct cgvictim_cg *g)
{
	size_t n = 0;

	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *r = &snap->procs[i];
		const char *p = cgvictim_row_path(snap, r);

		if (p != NULL &&
		    cgvictim_path_in(p, r->cgroup_len, g->path, g->path_len) &&
		    cgvictim_group_kills(r))
			n++;
	}
	return n;
}

/* Whether a memcg OOM can start in cg: a memory limit (v1: or memsw). */
static bool
cgvictim_limited(const struct cgmem *cg)
{
	if (cg->max_bytes != SNAP_NA && cg->max_bytes != CGMEM_UNLIMITED)
		return true;
	return cg->mode == SNAP_CGROUP_V1 && cg->memsw_max_bytes != SNAP_NA &&
	       cg->memsw_max_bytes != CGMEM_UNLIMITED;
}

/*
 * Weigh row i of the domain's subtree into v: skipped, unknown, or a
 * candidate that may become the victim. best holds the victim's row with
 * its memcg points as oom_score, the key victim_cmp orders by first.
 */
static void
cgvictim_weigh(const struct snapshot *snap, size_t i, int64_t page_kb,
               struct cgvictim *v, struct proc_row *best)
{
	const struct proc_row *r = &snap->procs[i];
	int skip = cgvictim_skips(r);
	int64_t pts = SNAP_NA, total_kb = SNAP_NA;
	struct proc_row cand;

	if (skip > 0)
		return;
	if (skip == 0 && v->total_pages != SNAP_NA) {
		pts = cgvictim_points(r, v->total_pages, page_kb);
		total_kb = v->total_pages * page_kb;
	}
	if (pts == SNAP_NA) {
		v->unknown++;
		return;
	}
	if (pts == OOMSCORE_NEVER)
		return;
	v->candidates++;
	cand = *r;
	cand.oom_score = pts;
	if (v->victim == CGVICTIM_NONE ||
	    victim_cmp(&cand, best, total_kb) < 0) {
		v->victim = i;
		v->points = pts;
		*best = cand;
	}
}

/* The kernel's victim in cgs[domain]. */
int
cgvictim_pick(const struct snapshot *snap, const struct cgvictim_cg *cgs,
              size_t ncg, size_t domain, const struct cgvictim_env *env,
              struct cgvictim *out)
{
	const struct cgvictim_cg *d = domain < ncg ? &cgs[domain] : NULL;
	struct cgvictim v = {
	    .victim = CGVICTIM_NONE, .points = SNAP_NA, .group = CGVICTIM_NONE};
	struct proc_row best;

	if (d == NULL || d->mem == NULL)
		return -1;
	v.total_pages = cgvictim_total_pages(d->mem, env);
	v.limited = cgvictim_limited(d->mem);
	v.kill_disabled = d->mem->oom_kill_disable == 1;
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *r = &snap->procs[i];
		const char *p = cgvictim_row_path(snap, r);

		if (r->kthread)
			continue;
		if (p == NULL)
			v.unplaced++;
		else if (cgvictim_path_in(p, r->cgroup_len, d->path,
		                          d->path_len))
			cgvictim_weigh(snap, i, env->page_kb, &v, &best);
	}
	if (v.victim != CGVICTIM_NONE && !v.kill_disabled) {
		v.group = cgvictim_group(snap, cgs, ncg, domain, v.victim,
		                         &v.group_unknown);
		if (v.group != CGVICTIM_NONE)
			v.group_kills =
			    cgvictim_count_group(snap, &cgs[v.group]);
	}
	*out = v;
	return 0;
}
