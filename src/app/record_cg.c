/*
 * record_cg.c: the recorder's choice of cgroup rows (see record_cg.h).
 */
#include "app/record_cg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/record_bbox.h"
#include "model/recsel.h"

/* The kept entry for path, looked for at hint first (the walk's order is
 * stable), or NULL. */
static struct record_cg_last *
record_cg_find(struct record_cg *c, const char *path, size_t hint)
{
	if (hint < c->n && c->v[hint].row.path != NULL &&
	    strcmp(c->v[hint].row.path, path) == 0)
		return &c->v[hint];
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].row.path != NULL &&
		    strcmp(c->v[i].row.path, path) == 0)
			return &c->v[i];
	return NULL;
}

/* True when row differs enough from what was last stored. */
static bool
record_cg_moved(const struct recdb_cgroup *old, const struct recdb_cgroup *v)
{
	return recsel_moved(old->usage_bytes, v->usage_bytes) ||
	       recsel_moved(old->swap_bytes, v->swap_bytes) ||
	       old->limit_bytes != v->limit_bytes ||
	       old->high_bytes != v->high_bytes || old->oom != v->oom ||
	       old->oom_kill != v->oom_kill;
}

/* An ended row for each kept cgroup not moved into the new walk (its
 * path still set: it left the walk), appended to rows[*nout..]. */
static void
record_cg_ends(struct record_cg *c, struct recdb_cgroup *rows, size_t *nout)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].row.path == NULL)
			continue;
		rows[*nout] = (struct recdb_cgroup){.ended = true};
		rows[*nout].path = c->v[i].row.path; /* moved into rows */
		c->v[i].row.path = NULL;
		(*nout)++;
	}
}

/* Pick the rows (see record_cg.h). */
int
record_cg_pick(struct record_cg *c, const struct snapshot *snap,
               struct recdb_cgroup **out, size_t *nout)
{
	size_t n = snap->ncgroups;
	struct record_cg_last *next;
	struct recdb_cgroup *rows;
	size_t k = 0;

	*out = NULL;
	*nout = 0;
	if (n == 0 && snap->cgroups_err != 0)
		return 0; /* no walk (it rests, or failed): nothing left it */
	next = calloc(n ? n : 1, sizeof *next);
	rows = calloc(n + c->n ? n + c->n : 1, sizeof *rows);
	if (next == NULL || rows == NULL) {
		free(next);
		free(rows);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct recdb_cgroup v = record_bbox_cgroup(snap, i);
		struct record_cg_last *old;

		if (v.path == NULL)
			continue;
		old = record_cg_find(c, v.path, i);
		next[k] = old != NULL ? *old : (struct record_cg_last){0};
		if (old != NULL)
			old->row.path = NULL; /* moved into next */
		if (old == NULL || record_cg_moved(&old->row, &v) ||
		    snap->mono_ms >= old->mono_ms + RECORD_CG_REFRESH_MS) {
			free(next[k].row.path);
			next[k].row = v;
			next[k].mono_ms = snap->mono_ms;
			rows[*nout] = v;
			rows[*nout].path = strdup(v.path);
			if (rows[*nout].path != NULL)
				(*nout)++;
		} else {
			free(v.path);
		}
		k++;
	}
	record_cg_ends(c, rows, nout);
	record_cg_fini(c);
	c->v = next;
	c->n = k;
	if (*nout == 0)
		free(rows);
	else
		*out = rows;
	return 0;
}

/* Free what is kept (see record_cg.h). */
void
record_cg_fini(struct record_cg *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].row.path);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}
