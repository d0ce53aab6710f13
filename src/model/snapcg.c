/* snapcg.c: the memory cgroups of a snapshot (see snapcg.h). */
#include "model/snapcg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An entry with nothing known. */
void
snapcg_init(struct snap_cgroup *cg, enum snap_cgroup_mode mode, uint64_t ino)
{
	memset(cg, 0, sizeof *cg);
	cg->path_off = SNAP_NO_STR;
	cg->cname_off = SNAP_NO_STR;
	cg->parent = SNAPCG_NONE;
	cgmem_init(&cg->mem, mode, ino);
	cg->since.low = cg->since.high = cg->since.max = SNAP_NA;
	cg->since.oom = cg->since.oom_kill = cg->since.oom_group_kill = SNAP_NA;
	cg->unaccounted_bytes = cg->children_bytes = SNAP_NA;
	cg->victim.victim = CGVICTIM_NONE;
	cg->victim.group = CGVICTIM_NONE;
	cg->victim.points = cg->victim.total_pages = SNAP_NA;
	cg->fore.basis = FORECAST_LEARNING;
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
	const char *p = snapcg_path(snap, i, &len), *cn;
	const struct snap_cgroup *cg;
	int r;

	if (p == NULL) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	cg = &snap->cgroups[i];
	cn = cg->cname_len > 0
	         ? snapshot_str(snap, cg->cname_off, cg->cname_len)
	         : NULL;
	if (cn != NULL && cg->name.id[0] != '\0') {
		r = snprintf(buf, size, "%s %.*s (%s)",
		             cgname_kind_label(cg->name.kind),
		             (int)cg->cname_len, cn, cg->name.id);
		return r < 0 ? 0 : (size_t)r;
	}
	return cgname_format(&snap->cgroups[i].name, p, len, with_slice, buf,
	                     size);
}

/* True when a memcg OOM can start there. */
bool
snapcg_limited(const struct cgmem *m)
{
	if (m->max_bytes != SNAP_NA && m->max_bytes != CGMEM_UNLIMITED)
		return true;
	return m->mode == SNAP_CGROUP_V1 && m->memsw_max_bytes != SNAP_NA &&
	       m->memsw_max_bytes != CGMEM_UNLIMITED;
}

/* Scratch of one victims pass (see snapcg_victims). */
struct snapcg_scan {
	struct cgvictim_cg *t; /* the table cgvictim_pick reads */
	bool *limited;         /* a domain to pick in */
	size_t *by_off;        /* cgroup indexes sorted by path offset */
	uint32_t *row_cg;      /* each row's cgroup, or SNAPCG_NONE */
	size_t *start;         /* first slot of each domain in rows */
	size_t *rows;          /* row indexes, grouped by domain */
	struct proc_row *view; /* one domain's rows, copied */
};

/* qsort_r: cgroup indexes by path offset. */
static int
snapcg_cmp_off(const void *pa, const void *pb, void *ctx)
{
	const struct snapshot *snap = ctx;
	uint32_t a = snap->cgroups[*(const size_t *)pa].path_off;
	uint32_t b = snap->cgroups[*(const size_t *)pb].path_off;

	return a < b ? -1 : a > b;
}

/* The cgroup of row: by its pooled offset (shared with the walk's
 * path), else by its bytes. */
static uint32_t
snapcg_row_cg(const struct snapshot *snap, const size_t *by_off,
              const struct proc_row *row)
{
	size_t lo = 0, hi = snap->ncgroups, i;
	const char *p;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct snap_cgroup *cg = &snap->cgroups[by_off[mid]];
		if (cg->path_off == row->cgroup_off &&
		    cg->path_len == row->cgroup_len)
			return (uint32_t)by_off[mid];
		if (cg->path_off < row->cgroup_off)
			lo = mid + 1;
		else
			hi = mid;
	}
	p = snapshot_str(snap, row->cgroup_off, row->cgroup_len);
	i = p ? snapcg_find(snap, p, row->cgroup_len) : SNAPCG_NONE;
	return i == SNAPCG_NONE ? SNAPCG_NONE : (uint32_t)i;
}

/*
 * Group the rows by domain: each row goes to every limited cgroup from
 * its own up to the top (parents come before children in the table).
 */
static void
snapcg_group_rows(const struct snapshot *snap, struct snapcg_scan *sc)
{
	size_t n = snap->ncgroups, *fill = sc->start + n + 1;

	memset(sc->start, 0, (n + 1) * sizeof *sc->start);
	for (size_t r = 0; r < snap->nprocs; r++) {
		sc->row_cg[r] =
		    snapcg_row_cg(snap, sc->by_off, &snap->procs[r]);
		for (uint32_t a = sc->row_cg[r]; a < n;
		     a = snap->cgroups[a].parent)
			if (sc->limited[a])
				sc->start[a + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		sc->start[i + 1] += sc->start[i];
		fill[i] = sc->start[i];
	}
	for (size_t r = 0; r < snap->nprocs; r++)
		for (uint32_t a = sc->row_cg[r]; a < n;
		     a = snap->cgroups[a].parent)
			if (sc->limited[a])
				sc->rows[fill[a]++] = r;
}

/* The victim of domain i over its own rows only. */
static void
snapcg_pick_one(const struct snapshot *snap, struct snapcg_scan *sc, size_t i,
                const struct cgvictim_env *env)
{
	struct snapshot view = *snap;
	struct cgvictim *v = &snap->cgroups[i].victim;
	size_t first = sc->start[i], k = sc->start[i + 1] - first;

	for (size_t j = 0; j < k; j++)
		sc->view[j] = snap->procs[sc->rows[first + j]];
	view.procs = sc->view;
	view.nprocs = k;
	if (cgvictim_pick(&view, sc->t, snap->ncgroups, i, env, v) != 0)
		return;
	if (v->victim != CGVICTIM_NONE)
		v->victim = sc->rows[first + v->victim];
}

/* Free the scratch. */
static void
snapcg_scan_free(struct snapcg_scan *sc)
{
	free(sc->t);
	free(sc->limited);
	free(sc->by_off);
	free(sc->row_cg);
	free(sc->start);
	free(sc->rows);
	free(sc->view);
}

/* Fill the victim of every limited cgroup. */
int
snapcg_victims(struct snapshot *snap, const struct cgvictim_env *env)
{
	size_t n = snap->ncgroups, np = snap->nprocs, depth = 1;
	struct snapcg_scan sc = {calloc(n, sizeof *sc.t),
	                         calloc(n, sizeof *sc.limited),
	                         malloc(n * sizeof *sc.by_off),
	                         malloc((np + 1) * sizeof(uint32_t)),
	                         malloc((2 * n + 2) * sizeof(size_t)),
	                         NULL,
	                         malloc((np + 1) * sizeof *sc.view)};

	for (size_t i = 0; i < n; i++)
		if (snap->cgroups[i].depth + 1 > depth)
			depth = snap->cgroups[i].depth + 1;
	sc.rows = malloc((np * depth + 1) * sizeof *sc.rows);
	if (n == 0 || !sc.t || !sc.limited || !sc.by_off || !sc.row_cg ||
	    !sc.start || !sc.rows || !sc.view) {
		snapcg_scan_free(&sc);
		return n == 0 ? 0 : -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct snap_cgroup *cg = &snap->cgroups[i];
		sc.t[i].path = snapcg_path(snap, i, &sc.t[i].path_len);
		sc.t[i].mem = sc.t[i].path ? &cg->mem : NULL;
		sc.limited[i] = sc.t[i].path != NULL && !cg->root &&
		                snapcg_limited(&cg->mem);
		sc.by_off[i] = i;
		memset(&cg->victim, 0, sizeof cg->victim);
		cg->victim.victim = cg->victim.group = CGVICTIM_NONE;
		cg->victim.points = cg->victim.total_pages = SNAP_NA;
	}
	qsort_r(sc.by_off, n, sizeof *sc.by_off, snapcg_cmp_off, snap);
	snapcg_group_rows(snap, &sc);
	for (size_t i = 0; i < n; i++)
		if (sc.limited[i])
			snapcg_pick_one(snap, &sc, i, env);
	snapcg_scan_free(&sc);
	return 0;
}

/* v1's root memsw (its own pages too) as the host's: memory + swap used,
 * SNAP_NA when either is unknown. */
static void
snapcg_root_memsw(struct cgmem *m, const struct mem_info *mem)
{
	if (m->current_bytes == SNAP_NA || mem->swap_total_kb == SNAP_NA ||
	    mem->swap_free_kb == SNAP_NA) {
		m->memsw_bytes = m->memsw_usage_bytes = SNAP_NA;
		return;
	}
	m->memsw_usage_bytes = m->current_bytes;
	m->memsw_bytes =
	    m->current_bytes + (mem->swap_total_kb - mem->swap_free_kb) * 1024;
}

/* The root (cgroup2 or v1) as the host. */
void
snapcg_root_host(struct snapshot *snap)
{
	struct snap_cgroup *r = snap->ncgroups ? &snap->cgroups[0] : NULL;
	int64_t sum = 0;

	if (r == NULL || !r->root)
		return;
	for (size_t i = 1; i < snap->ncgroups && sum != SNAP_NA; i++) {
		int64_t cur = snap->cgroups[i].mem.current_bytes;
		if (snap->cgroups[i].parent != 0)
			continue;
		sum = cur == SNAP_NA ? SNAP_NA : sum + cur;
	}
	r->children_bytes = sum;
	r->unaccounted_bytes = cgmem_root_from_host(&r->mem, &snap->mem, sum);
	if (r->mem.mode == SNAP_CGROUP_V1)
		snapcg_root_memsw(&r->mem, &snap->mem);
}
