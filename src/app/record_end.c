/*
 * record_end.c: the processes that ended since the last sample (see
 * record_end.h). Sorted arrays and binary search: a sample costs
 * O(n log n) in the snapshot's processes.
 */
#include "app/record_end.h"

#include <errno.h>
#include <stdlib.h>

/* qsort order of identities: pid, then start time. */
static int
record_end_cmp(const void *a, const void *b)
{
	const struct procid *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->start_time != y->start_time)
		return x->start_time < y->start_time ? -1 : 1;
	return 0;
}

/* True when id is in the sorted array ids of n. */
static bool
record_end_has(const struct procid *ids, size_t n, struct procid id)
{
	return n > 0 &&
	       bsearch(&id, ids, n, sizeof *ids, record_end_cmp) != NULL;
}

/* snap's identities, sorted, into a new array (*out; NULL when snap has
 * none): 0, or -ENOMEM. */
static int
record_end_live(const struct snapshot *snap, struct procid **out)
{
	*out = NULL;
	if (snap->nprocs == 0)
		return 0;
	*out = malloc(snap->nprocs * sizeof **out);
	if (*out == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < snap->nprocs; i++)
		(*out)[i] = (struct procid){snap->procs[i].pid,
		                            snap->procs[i].start_time};
	qsort(*out, snap->nprocs, sizeof **out, record_end_cmp);
	return 0;
}

/* The ends and the new remembered set (see record_end.h). */
int
record_end_note(struct record_end *e, const struct snapshot *snap,
                struct recdb_sample *s)
{
	struct procid *live, *keep;
	size_t nkeep = 0, cap = e->n + s->nrows;

	if (record_end_live(snap, &live) < 0)
		return -ENOMEM;
	keep = cap ? malloc(cap * sizeof *keep) : NULL;
	s->ends = e->n ? calloc(e->n, sizeof *s->ends) : NULL;
	if ((cap && keep == NULL) || (e->n && s->ends == NULL)) {
		free(live);
		free(keep);
		free(s->ends);
		s->ends = NULL;
		return -ENOMEM;
	}
	for (size_t i = 0; i < e->n; i++) {
		if (record_end_has(live, snap->nprocs, e->ids[i]))
			keep[nkeep++] = e->ids[i];
		else
			s->ends[s->nends++] = (struct recdb_end){
			    e->ids[i].pid, e->ids[i].start_time};
	}
	for (size_t i = 0; i < s->nrows; i++) {
		struct procid id = {s->rows[i].pid, s->rows[i].start_time};

		if (!record_end_has(e->ids, e->n, id))
			keep[nkeep++] = id;
	}
	free(live);
	qsort(keep, nkeep, sizeof *keep, record_end_cmp);
	free(e->ids);
	e->ids = keep;
	e->n = nkeep;
	return 0;
}

/* Free (see record_end.h). */
void
record_end_fini(struct record_end *e)
{
	free(e->ids);
	*e = (struct record_end){0};
}
