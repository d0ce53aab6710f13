/* snapcg.c: the memory cgroups of a snapshot (see snapcg.h). */
#include "model/snapcg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* An entry with nothing known. */
void
snapcg_init(struct snap_cgroup *cg, enum snap_cgroup_mode mode, uint64_t ino)
{
	memset(cg, 0, sizeof *cg);
	cg->path_off = SNAP_NO_STR;
	cg->parent = SNAPCG_NONE;
	cgmem_init(&cg->mem, mode, ino);
	cg->since.low = cg->since.high = cg->since.max = SNAP_NA;
	cg->since.oom = cg->since.oom_kill = cg->since.oom_group_kill = SNAP_NA;
	cg->unaccounted_bytes = SNAP_NA;
	cg->victim.victim = CGVICTIM_NONE;
	cg->victim.group = CGVICTIM_NONE;
	cg->victim.points = cg->victim.total_pages = SNAP_NA;
}

/* The pooled path of cgroup i. */
const char *
snapcg_path(const struct snapshot *snap, size_t i, size_t *len)
{
	const char *p;

	if (i >= snap->ncgroups)
		return NULL;
	p = snapshot_str(snap, snap->cgroups[i].path_off,
	                 snap->cgroups[i].path_len);
	if (p != NULL)
		*len = snap->cgroups[i].path_len;
	return p;
}

/* The index of the cgroup at path. */
size_t
snapcg_find(const struct snapshot *snap, const char *path, size_t len)
{
	for (size_t i = 0; i < snap->ncgroups; i++) {
		size_t l;
		const char *p = snapcg_path(snap, i, &l);
		if (p != NULL && l == len && memcmp(p, path, len) == 0)
			return i;
	}
	return SNAPCG_NONE;
}

/* The index of row's cgroup. */
size_t
snapcg_of_row(const struct snapshot *snap, const struct proc_row *row)
{
	const char *p = snapshot_str(snap, row->cgroup_off, row->cgroup_len);

	for (size_t i = 0; i < snap->ncgroups; i++)
		if (snap->cgroups[i].path_off == row->cgroup_off &&
		    snap->cgroups[i].path_len == row->cgroup_len)
			return i;
	return p == NULL ? SNAPCG_NONE : snapcg_find(snap, p, row->cgroup_len);
}

/* The name to show for cgroup i. */
size_t
snapcg_format_name(const struct snapshot *snap, size_t i, bool with_slice,
                   char *buf, size_t size)
{
	size_t len;
	const char *p = snapcg_path(snap, i, &len);

	if (p == NULL) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	return cgname_format(&snap->cgroups[i].name, p, len, with_slice, buf,
	                     size);
}

/* True when a memcg OOM can start in cg: memory.max (v1 or memsw) set. */
static bool
snapcg_limited(const struct cgmem *m)
{
	if (m->max_bytes != SNAP_NA && m->max_bytes != CGMEM_UNLIMITED)
		return true;
	return m->mode == SNAP_CGROUP_V1 && m->memsw_max_bytes != SNAP_NA &&
	       m->memsw_max_bytes != CGMEM_UNLIMITED;
}

/* Fill the victim of every limited cgroup. */
int
snapcg_victims(struct snapshot *snap, const struct cgvictim_env *env)
{
	struct cgvictim_cg *t;
	size_t n = snap->ncgroups;

	if (n == 0)
		return 0;
	t = calloc(n, sizeof *t);
	if (t == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		t[i].path = snapcg_path(snap, i, &t[i].path_len);
		t[i].mem = t[i].path ? &snap->cgroups[i].mem : NULL;
	}
	for (size_t i = 0; i < n; i++) {
		struct snap_cgroup *cg = &snap->cgroups[i];
		struct cgvictim *v = &cg->victim;
		memset(v, 0, sizeof *v);
		v->victim = v->group = CGVICTIM_NONE;
		v->points = v->total_pages = SNAP_NA;
		if (t[i].path != NULL && !cg->root && snapcg_limited(&cg->mem))
			cgvictim_pick(snap, t, n, i, env, v);
	}
	free(t);
	return 0;
}

/* The cgroup2 root as the host. */
void
snapcg_root_host(struct snapshot *snap)
{
	struct snap_cgroup *r = snap->ncgroups ? &snap->cgroups[0] : NULL;
	int64_t sum = 0;

	if (r == NULL || !r->root || r->mem.mode != SNAP_CGROUP_V2)
		return;
	for (size_t i = 1; i < snap->ncgroups && sum != SNAP_NA; i++) {
		int64_t cur = snap->cgroups[i].mem.current_bytes;
		if (snap->cgroups[i].parent != 0)
			continue;
		sum = cur == SNAP_NA ? SNAP_NA : sum + cur;
	}
	r->unaccounted_bytes = cgmem_root_from_host(&r->mem, &snap->mem, sum);
}
