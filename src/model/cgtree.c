/*
 * cgtree.c: the cgroup screen's table (see cgtree.h). The input is sorted
 * by the key; each cgroup is then linked, in that order, under its
 * parent, and a depth-first walk over the links writes the rows, so
 * siblings keep the sort order.
 */
#include "model/cgtree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* How far up subtree_best carries a value (a parent cycle in the input
 * ends there). */
#define CGTREE_UP_MAX 256

/* An empty table. */
void
cgtree_init(struct cgtree *t)
{
	memset(t, 0, sizeof *t);
	t->sort = CGTREE_HEADROOM;
	t->desc = true;
	t->tree = true;
}

/* Free the buffers. */
void
cgtree_fini(struct cgtree *t)
{
	free(t->rows);
	free(t->scratch);
	free(t->best);
	free(t->sel);
	cgtree_init(t);
}

/* The key's column title. */
const char *
cgtree_key_name(enum cgtree_key key)
{
	static const char *const names[CGTREE_KEY_COUNT] = {
	    "HEADROOM", "USAGE",    "LIMIT", "SWAP",
	    "OOM",      "OOM_KILL", "PSI",   "NAME",
	};

	return key < CGTREE_KEY_COUNT ? names[key] : "?";
}

/* Larger first, but the tightest limits first and names in
 * alphabetical order. */
bool
cgtree_key_default_desc(enum cgtree_key key)
{
	return key != CGTREE_NAME && key != CGTREE_LIMIT;
}

/* The value a key sorts by. */
int64_t
cgtree_value(const struct cgmem *m, enum cgtree_key key)
{
	return cgtree_shown_value(m, key, false);
}

/* The value a key sorts by, LIMIT as shown (see the header). */
int64_t
cgtree_shown_value(const struct cgmem *m, enum cgtree_key key, bool high)
{
	int64_t v = SNAP_NA;

	if (m == NULL)
		return SNAP_NA;
	switch (key) {
	case CGTREE_HEADROOM:
		v = cgmem_used_permille(m);
		return v < 0 ? SNAP_NA : v;
	case CGTREE_USAGE:
		return m->current_bytes;
	case CGTREE_LIMIT:
		v = high ? m->high_bytes : m->max_bytes;
		break;
	case CGTREE_SWAP:
		return cgmem_swap_used_bytes(m);
	case CGTREE_OOM:
		return m->events.oom;
	case CGTREE_OOM_KILL:
		return m->events.oom_kill;
	case CGTREE_PSI:
		return m->psi.valid ? (int64_t)(m->psi.some.avg10 * 100.0)
		                    : SNAP_NA;
	case CGTREE_NAME:
	case CGTREE_KEY_COUNT:
	default:
		return SNAP_NA;
	}
	return v == CGMEM_UNLIMITED ? SNAP_NA : v;
}

/* What a comparison needs. */
struct cmp_ctx {
	const struct cgtree_in *in;
	enum cgtree_key key;
	bool desc;
	bool high;           /* LIMIT is memory.high */
	const int64_t *best; /* tree: each subtree's best value, or NULL */
};

/* a before b (< 0) by known values, unknown last; 0 on a tie. */
static int
cmp_value(int64_t va, int64_t vb, bool desc)
{
	int r;

	if (va == SNAP_NA || vb == SNAP_NA)
		return va == vb ? 0 : va == SNAP_NA ? 1 : -1;
	r = (va > vb) - (va < vb);
	return desc ? -r : r;
}

/* Two paths, bytewise, the shorter first on a tie. */
static int
cmp_path(const struct cgtree_in *a, const struct cgtree_in *b)
{
	size_t n = a->path_len < b->path_len ? a->path_len : b->path_len;
	int r = n ? memcmp(a->path, b->path, n) : 0;

	if (r != 0)
		return r < 0 ? -1 : 1;
	return (a->path_len > b->path_len) - (a->path_len < b->path_len);
}

/* qsort_r comparator over input indexes: unknown last, ties by path. */
static int
cmp_in(const void *pa, const void *pb, void *arg)
{
	const struct cmp_ctx *c = arg;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct cgtree_in *a = &c->in[ia], *b = &c->in[ib];
	int r = 0;

	if (c->key == CGTREE_NAME) {
		r = cmp_path(a, b);
		return c->desc ? -r : r;
	}
	if (c->best != NULL)
		r = cmp_value(c->best[ia], c->best[ib], c->desc);
	if (r == 0)
		r = cmp_value(cgtree_shown_value(a->mem, c->key, c->high),
		              cgtree_shown_value(b->mem, c->key, c->high),
		              c->desc);
	return r != 0 ? r : cmp_path(a, b);
}

/* Room for n rows and the scratch arrays. */
static int
grow(struct cgtree *t, size_t n)
{
	size_t cap = t->cap ? t->cap : 16;
	struct cgtree_row *rows;
	size_t *scratch;
	int64_t *best;

	if (n <= t->cap)
		return 0;
	while (cap < n)
		cap *= 2;
	rows = realloc(t->rows, cap * sizeof *rows);
	if (rows == NULL)
		return -ENOMEM;
	t->rows = rows;
	scratch = realloc(t->scratch, 4 * cap * sizeof *scratch);
	if (scratch == NULL)
		return -ENOMEM;
	t->scratch = scratch;
	best = realloc(t->best, cap * sizeof *best);
	if (best == NULL)
		return -ENOMEM;
	t->best = best;
	t->cap = cap;
	return 0;
}

/* The parent of i when it is a valid other cgroup, else CGTREE_NONE. */
static size_t
parent_of(const struct cgtree_in *in, size_t n, size_t i)
{
	size_t p = in[i].parent;

	return p < n && p != i ? p : CGTREE_NONE;
}

/* Each cgroup's best value in its subtree, itself included (the most
 * for a descending sort, the least for an ascending one), into t->best:
 * a slice holding the cgroup closest to its limit comes first. */
static void
subtree_best(struct cgtree *t, const struct cgtree_in *in, size_t n)
{
	int64_t v;
	size_t p;

	for (size_t i = 0; i < n; i++)
		t->best[i] =
		    cgtree_shown_value(in[i].mem, t->sort, t->limit_high);
	for (size_t i = 0; i < n; i++) {
		v = cgtree_shown_value(in[i].mem, t->sort, t->limit_high);
		if (v == SNAP_NA)
			continue;
		p = parent_of(in, n, i);
		for (int up = 0; p != CGTREE_NONE && up < CGTREE_UP_MAX; up++) {
			if (cmp_value(v, t->best[p], t->desc) < 0)
				t->best[p] = v;
			p = parent_of(in, n, p);
		}
	}
}

/* Write one row for input i under the row of its parent. */
static void
emit(struct cgtree *t, size_t i, size_t parent_row)
{
	struct cgtree_row *r = &t->rows[t->nrows++], *p;
	size_t *next = t->scratch + t->cap;

	r->index = (uint32_t)i;
	r->last = next[i] == CGTREE_NONE;
	r->depth = 0;
	r->more = 0;
	if (parent_row == CGTREE_NONE)
		return;
	p = &t->rows[parent_row];
	r->depth = p->depth < CGTREE_MAX_DEPTH ? p->depth + 1 : p->depth;
	r->more = p->more;
	if (p->depth >= 1 && !p->last && p->depth < CGTREE_MAX_DEPTH)
		r->more |= 1u << p->depth;
}

/* Link the sorted inputs under their parents and walk them depth
 * first. scratch: [0] order, [1] next sibling, [2] first child, [3] the
 * row written for each input. */
static void
arrange(struct cgtree *t, const struct cgtree_in *in, size_t n)
{
	size_t *order = t->scratch, *next = order + t->cap;
	size_t *child = next + t->cap, *row_of = child + t->cap;
	size_t roots = CGTREE_NONE, cur, p;

	for (size_t k = 0; k < n; k++)
		next[k] = child[k] = row_of[k] = CGTREE_NONE;
	for (size_t k = n; k-- > 0;) {
		cur = order[k];
		p = parent_of(in, n, cur);
		size_t *head = p == CGTREE_NONE ? &roots : &child[p];
		next[cur] = *head;
		*head = cur;
	}
	cur = roots;
	while (cur != CGTREE_NONE) {
		p = parent_of(in, n, cur);
		row_of[cur] = t->nrows;
		emit(t, cur, p == CGTREE_NONE ? CGTREE_NONE : row_of[p]);
		if (child[cur] != CGTREE_NONE) {
			cur = child[cur];
			continue;
		}
		while (cur != CGTREE_NONE && next[cur] == CGTREE_NONE)
			cur = parent_of(in, n, cur);
		if (cur != CGTREE_NONE)
			cur = next[cur];
	}
}

/* Keep a copy of input i's path as the selection. */
static void
select_path(struct cgtree *t, const struct cgtree_in *in, size_t i)
{
	char *p;

	if (in[i].path_len + 1 > t->sel_cap) {
		p = realloc(t->sel, in[i].path_len + 1);
		if (p == NULL) {
			t->has_sel = false;
			return;
		}
		t->sel = p;
		t->sel_cap = in[i].path_len + 1;
	}
	memcpy(t->sel, in[i].path, in[i].path_len);
	t->sel[in[i].path_len] = '\0';
	t->sel_len = in[i].path_len;
	t->has_sel = true;
}

/* Rebuild the rows. */
int
cgtree_rebuild(struct cgtree *t, const struct cgtree_in *in, size_t n)
{
	struct cmp_ctx c = {in, t->sort, t->desc, t->limit_high, NULL};
	size_t pos = t->cursor;

	t->nrows = 0;
	if (grow(t, n) != 0)
		return -ENOMEM;
	if (t->tree && t->sort != CGTREE_NAME) {
		subtree_best(t, in, n);
		c.best = t->best;
	}
	for (size_t i = 0; i < n; i++)
		t->scratch[i] = i;
	if (n > 1)
		qsort_r(t->scratch, n, sizeof *t->scratch, cmp_in, &c);
	if (t->tree) {
		arrange(t, in, n);
	} else {
		for (size_t i = 0; i < n; i++)
			t->rows[t->nrows++] = (struct cgtree_row){
			    .index = (uint32_t)t->scratch[i], .last = true};
	}
	for (size_t r = 0; t->has_sel && r < t->nrows; r++) {
		const struct cgtree_in *x = &in[t->rows[r].index];
		if (x->path_len == t->sel_len &&
		    memcmp(x->path, t->sel, t->sel_len) == 0) {
			t->cursor = r;
			return 0;
		}
	}
	cgtree_move_to(t, in, pos);
	return 0;
}

/* Move the cursor by delta rows. */
void
cgtree_move(struct cgtree *t, const struct cgtree_in *in, long delta)
{
	size_t pos = t->cursor;

	if (delta < 0)
		pos = (size_t)-delta > pos ? 0 : pos - (size_t)-delta;
	else
		pos =
		    pos + (size_t)delta < pos ? SIZE_MAX : pos + (size_t)delta;
	cgtree_move_to(t, in, pos);
}

/* Put the cursor on row pos. */
void
cgtree_move_to(struct cgtree *t, const struct cgtree_in *in, size_t pos)
{
	if (t->nrows == 0) {
		t->cursor = t->top = 0;
		return;
	}
	t->cursor = pos < t->nrows ? pos : t->nrows - 1;
	select_path(t, in, t->rows[t->cursor].index);
}

/* Scroll so the cursor is visible. */
void
cgtree_scroll(struct cgtree *t, int visible_rows)
{
	size_t h = visible_rows > 0 ? (size_t)visible_rows : 1;

	if (t->cursor < t->top)
		t->top = t->cursor;
	else if (t->cursor >= t->top + h)
		t->top = t->cursor - h + 1;
	if (t->top + h > t->nrows)
		t->top = t->nrows > h ? t->nrows - h : 0;
}

/* The input index under the cursor. */
size_t
cgtree_selected(const struct cgtree *t)
{
	return t->cursor < t->nrows ? t->rows[t->cursor].index : CGTREE_NONE;
}
