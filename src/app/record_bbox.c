/*
 * record_bbox.c: the recorder's black box in memory (see record_bbox.h).
 */
#include "app/record_bbox.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "model/snapcg.h"

/* Order marks' rows by pid, then start time. */
static int
record_bbox_cmp(const void *a, const void *b)
{
	const struct record_bbox_rss *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->start_time > y->start_time) -
	       (x->start_time < y->start_time);
}

/* Snap's cgroup i as a stored row (see record_bbox.h). */
struct recdb_cgroup
record_bbox_cgroup(const struct snapshot *snap, size_t i)
{
	const struct snap_cgroup *c = &snap->cgroups[i];
	size_t len = 0;
	const char *p = snapcg_path(snap, i, &len);

	return (struct recdb_cgroup){
	    .path = p != NULL ? strndup(p, len) : NULL,
	    .usage_bytes = c->mem.current_bytes,
	    .limit_bytes = c->mem.max_bytes,
	    .high_bytes = c->mem.high_bytes,
	    .swap_bytes = c->mem.swap_bytes,
	    .oom = c->mem.events.oom,
	    .oom_kill = c->mem.events.oom_kill,
	    .psi_some_avg10 = c->mem.psi.valid ? c->mem.psi.some.avg10 : -1,
	};
}

/* The mark growth is measured from: the oldest at most RECDB_GREW_MS
 * before now (NULL when none). */
static const struct record_bbox_mark *
record_bbox_base(const struct record_bbox *h, uint64_t now)
{
	for (size_t i = 0; i < h->nmarks; i++)
		if (h->marks[i].mono_ms + RECDB_GREW_MS >= now)
			return &h->marks[i];
	return NULL;
}

/* Put row p (RSS before: before) into the top growers, most first. */
static void
record_bbox_rank(struct recdb_bbox *b, const struct proc_row *p, int64_t before,
                 const char *comm)
{
	int64_t g = p->rss_kb - before;
	size_t k = b->ngrew;

	if (g <= 0 ||
	    (k == RECDB_BBOX_TOP &&
	     g <= b->grew[k - 1].rss_kb - b->grew[k - 1].rss_before_kb))
		return;
	if (k == RECDB_BBOX_TOP)
		k--;
	else
		b->ngrew++;
	while (k > 0 &&
	       b->grew[k - 1].rss_kb - b->grew[k - 1].rss_before_kb < g) {
		b->grew[k] = b->grew[k - 1];
		k--;
	}
	b->grew[k] = (struct recdb_bbox_grew){.pid = p->pid,
	                                      .start_time = p->start_time,
	                                      .rss_before_kb = before,
	                                      .rss_kb = p->rss_kb};
	memcpy(b->grew[k].comm, comm, sizeof b->grew[k].comm);
}

/* Every process of snap into b, ranked against base (NULL: no ranking). */
static int
record_bbox_procs(struct recdb_bbox *b, const struct snapshot *snap,
                  const struct record_bbox_mark *base)
{
	b->procs = calloc(snap->nprocs ? snap->nprocs : 1, sizeof *b->procs);
	if (b->procs == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *p = &snap->procs[i];
		struct recdb_bbox_proc *d = &b->procs[b->nprocs++];
		struct record_bbox_rss key = {p->pid, p->start_time, 0}, *hit;

		*d = (struct recdb_bbox_proc){
		    .pid = p->pid,
		    .start_time = p->start_time,
		    .uid = p->uid,
		    .rss_kb = p->rss_kb,
		    .anon_kb = p->anon_kb,
		    .swap_kb = p->swap_kb,
		    .oom_score = p->oom_score,
		    .oom_score_adj = p->oom_score_adj,
		};
		sanitize_text(d->comm, sizeof d->comm, p->comm,
		              strnlen(p->comm, sizeof p->comm), 0, NULL);
		if (base == NULL || p->rss_kb == SNAP_NA)
			continue;
		hit = bsearch(&key, base->rss, base->n, sizeof *base->rss,
		              record_bbox_cmp);
		record_bbox_rank(
		    b, p, hit && hit->rss_kb != SNAP_NA ? hit->rss_kb : 0,
		    d->comm);
	}
	return 0;
}

/* Build a black box of snap (see record_bbox.h). */
struct recdb_bbox *
record_bbox_build(const struct record_bbox *h, const struct snapshot *snap)
{
	struct recdb_bbox *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	b->time_ms = snap->time_unix_ms;
	b->mem = snap->mem;
	b->psi = snap->psi;
	if (record_bbox_procs(b, snap, record_bbox_base(h, snap->mono_ms)) < 0)
		goto fail;
	if (snap->ncgroups > 0) {
		b->cgroups = calloc(snap->ncgroups, sizeof *b->cgroups);
		if (b->cgroups == NULL)
			goto fail;
	}
	for (size_t i = 0; i < snap->ncgroups; i++) {
		b->cgroups[b->ncgroups] = record_bbox_cgroup(snap, i);
		if (b->cgroups[b->ncgroups].path != NULL)
			b->ncgroups++;
	}
	return b;
fail:
	recdb_bbox_free(b);
	return NULL;
}

/* A new mark of snap at the end of h (the oldest dropped when full). */
static int
record_bbox_mark(struct record_bbox *h, const struct snapshot *snap)
{
	struct record_bbox_mark m = {.mono_ms = snap->mono_ms};

	m.rss = calloc(snap->nprocs ? snap->nprocs : 1, sizeof *m.rss);
	if (m.rss == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < snap->nprocs; i++)
		m.rss[m.n++] = (struct record_bbox_rss){
		    snap->procs[i].pid, snap->procs[i].start_time,
		    snap->procs[i].rss_kb};
	qsort(m.rss, m.n, sizeof *m.rss, record_bbox_cmp);
	if (h->nmarks == RECORD_BBOX_MARKS) {
		free(h->marks[0].rss);
		memmove(h->marks, h->marks + 1,
		        (RECORD_BBOX_MARKS - 1) * sizeof *h->marks);
		h->nmarks--;
	}
	h->marks[h->nmarks++] = m;
	return 0;
}

/* Keep snap as the last sample, and maybe as a mark (see record_bbox.h). */
int
record_bbox_note(struct record_bbox *h, const struct snapshot *snap)
{
	recdb_bbox_free(h->last);
	h->last = record_bbox_build(h, snap);
	h->last_mono_ms = snap->mono_ms;
	if (h->nmarks == 0 || snap->mono_ms >= h->marks[h->nmarks - 1].mono_ms +
	                                           RECORD_BBOX_MARK_MS)
		if (record_bbox_mark(h, snap) < 0)
			return -ENOMEM;
	return h->last != NULL ? 0 : -ENOMEM;
}

/* Hand over the last full sample (see record_bbox.h). */
struct recdb_bbox *
record_bbox_take(struct record_bbox *h)
{
	struct recdb_bbox *b = h->last;

	h->last = NULL;
	return b;
}

/* Free everything (see record_bbox.h). */
void
record_bbox_fini(struct record_bbox *h)
{
	recdb_bbox_free(h->last);
	for (size_t i = 0; i < h->nmarks; i++)
		free(h->marks[i].rss);
	memset(h, 0, sizeof *h);
}
