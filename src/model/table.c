/*
 * table.c: the process table view model (see table.h).
 *
 * Tree view: rows are first sorted by the sort key; each row is then
 * linked under its parent (found by binary search over the rows sorted by
 * pid), so siblings keep the sort order; a depth-first walk writes the
 * rows in display order and a backward pass adds each subtree's RSS into
 * its parent. A pid/ppid cycle (impossible from a real kernel, possible
 * in a hostile fixture) is cut where the walk first meets it.
 */
#include "model/table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgvictim.h"

#define NONE SIZE_MAX
_Static_assert(sizeof(size_t) >= sizeof(int64_t),
               "the subtree sums reuse a size_t scratch array");
/* The scratch arrays, each cap long. */
enum { S_ORDER, S_BYPID, S_PARENT, S_CHILD, S_NEXT, S_STACK, S_COUNT };

/* An empty table. */
void
table_init(struct table *t)
{
	memset(t, 0, sizeof *t);
	t->sort = RANK_OOM;
	t->desc = true;
}

/* Free the buffers. */
void
table_fini(struct table *t)
{
	free(t->rows);
	free(t->scratch);
	t->rows = NULL;
	t->scratch = NULL;
	t->nrows = t->cap = 0;
}

/* Set the name filter. */
void
table_set_name_filter(struct table *t, const char *text, size_t len)
{
	if (len >= sizeof t->name_filter)
		len = sizeof t->name_filter - 1;
	memcpy(t->name_filter, text, len);
	t->name_filter[len] = '\0';
	t->name_filter_len = len;
}

/* Set the cgroup filter. */
bool
table_set_cgroup_filter(struct table *t, const char *path, size_t len)
{
	bool fits = len < sizeof t->cgroup_filter;

	if (!fits)
		len = 0;
	if (len > 0)
		memcpy(t->cgroup_filter, path, len);
	t->cgroup_filter[len] = '\0';
	t->cgroup_filter_len = len;
	return fits;
}

/* Is row in the cgroup at path or below it? */
bool
table_row_in_cgroup(const struct snapshot *snap, const struct proc_row *row,
                    const char *path, size_t len)
{
	const char *p = snapshot_str(snap, row->cgroup_off, row->cgroup_len);

	return p != NULL && cgvictim_path_in(p, row->cgroup_len, path, len);
}

/* ASCII lower case; NUL (argument separator) compares as a space. */
static unsigned char
fold(char c)
{
	if (c == '\0')
		return ' ';
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return (unsigned char)c;
}

/* True when needle occurs in hay, ignoring ASCII case. */
static bool
contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i, j;

	if (nlen == 0)
		return true;
	for (i = 0; i + nlen <= hlen; i++) {
		for (j = 0; j < nlen && fold(hay[i + j]) == fold(needle[j]);
		     j++)
			;
		if (j == nlen)
			return true;
	}
	return false;
}

/* True when the row's name or command line contains text. */
bool
table_row_matches(const struct snapshot *snap, const struct proc_row *row,
                  const char *text, size_t len)
{
	const char *cmd;

	if (contains(row->comm, strnlen(row->comm, sizeof row->comm), text,
	             len))
		return true;
	cmd = snapshot_str(snap, row->cmdline_off, row->cmdline_len);
	return cmd != NULL && contains(cmd, row->cmdline_len, text, len);
}

/* Make room for n rows; false when that failed (capacity unchanged). */
static bool
reserve(struct table *t, size_t n)
{
	struct table_row *rows;
	size_t *scratch, cap = t->cap ? t->cap : 64;

	if (n <= t->cap)
		return true;
	while (cap < n)
		cap *= 2;
	if (cap > SIZE_MAX / (S_COUNT * sizeof *scratch))
		return false;
	rows = realloc(t->rows, cap * sizeof *rows);
	if (rows == NULL)
		return false;
	t->rows = rows;
	scratch = realloc(t->scratch, cap * S_COUNT * sizeof *scratch);
	if (scratch == NULL)
		return false;
	t->scratch = scratch;
	t->cap = cap;
	return true;
}

/* A known, non-negative RSS or 0. */
static int64_t
rss_or_zero(const struct proc_row *r)
{
	return r->rss_kb == SNAP_NA || r->rss_kb < 0 ? 0 : r->rss_kb;
}

/* Compare two slots by pid (for the by-pid index). */
static int
cmp_slot_pid(const void *a, const void *b, void *arg)
{
	const size_t *order = ((const size_t *const *)arg)[0];
	const struct snapshot *snap = ((const struct snapshot *const *)arg)[1];
	int32_t pa = snap->procs[order[*(const size_t *)a]].pid;
	int32_t pb = snap->procs[order[*(const size_t *)b]].pid;

	return (pa > pb) - (pa < pb);
}

/* The slot of the row with this pid, or NONE. */
static size_t
find_pid(const struct snapshot *snap, const size_t *order, const size_t *bypid,
         size_t n, int32_t pid)
{
	size_t lo = 0, hi = n, mid;
	int32_t p;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		p = snap->procs[order[bypid[mid]]].pid;
		if (p == pid)
			return bypid[mid];
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

/* Append slot k (row order[k]) at depth to the rows. */
static void
emit(struct table *t, const struct snapshot *snap, const size_t *order,
     size_t k, size_t depth, bool last)
{
	struct table_row *r = &t->rows[t->nrows++];

	r->index = (uint32_t)order[k];
	r->depth = (uint16_t)(depth > UINT16_MAX ? UINT16_MAX : depth);
	r->last = last;
	r->more = 0;
	r->subtree_rss_kb = rss_or_zero(&snap->procs[order[k]]);
}

/* Walk the tree below root depth-first, writing rows in display order. */
static void
walk(struct table *t, const struct snapshot *snap, size_t root,
     size_t *depth_of)
{
	size_t *s = t->scratch, n = t->cap;
	size_t *order = s + S_ORDER * n, *parent = s + S_PARENT * n;
	size_t *child = s + S_CHILD * n, *next = s + S_NEXT * n;
	size_t *stack = s + S_STACK * n, sp = 0, k, c, d;

	stack[sp++] = root;
	depth_of[root] = 1;
	while (sp > 0) {
		k = stack[--sp];
		d = depth_of[k] - 1u;
		emit(t, snap, order, k, d,
		     parent[k] == NONE || child[parent[k]] == k);
		/* children are linked last-first: push them in list order
		 * so the first in sort order comes off the stack first */
		for (c = child[k]; c != NONE; c = next[c]) {
			if (depth_of[c] != 0)
				continue; /* a cycle: already placed */
			depth_of[c] = d + 2;
			stack[sp++] = c;
		}
	}
}

/* Arrange the n sorted slots as a tree into t->rows. */
static void
build_tree(struct table *t, const struct snapshot *snap, size_t n)
{
	size_t *s = t->scratch, cap = t->cap;
	size_t *order = s + S_ORDER * cap, *bypid = s + S_BYPID * cap;
	size_t *parent = s + S_PARENT * cap, *child = s + S_CHILD * cap;
	size_t *next = s + S_NEXT * cap, k, p;
	const void *arg[2] = {order, snap};
	/* depth marks (depth + 1, 0 = not placed yet) reuse the by-pid
	 * array once the links are made */
	size_t *depth_of = bypid;

	for (k = 0; k < n; k++)
		bypid[k] = k;
	qsort_r(bypid, n, sizeof *bypid, cmp_slot_pid, arg);
	for (k = 0; k < n; k++)
		child[k] = NONE;
	for (k = 0; k < n; k++) {
		const struct proc_row *r = &snap->procs[order[k]];
		p = r->ppid != r->pid ? find_pid(snap, order, bypid, n, r->ppid)
		                      : NONE;
		parent[k] = p;
		if (p != NONE) {
			next[k] = child[p];
			child[p] = k;
		}
	}
	for (k = 0; k < n; k++)
		depth_of[k] = 0;
	t->nrows = 0;
	for (k = 0; k < n; k++) {
		if (parent[k] == NONE)
			walk(t, snap, k, depth_of);
	}
	for (k = 0; k < n; k++) {
		if (depth_of[k] == 0) { /* only reachable through a cycle */
			parent[k] = NONE;
			walk(t, snap, k, depth_of);
		}
	}
}

/* Sum each subtree's RSS into its root and set the tree-line masks. */
static void
finish_tree(struct table *t)
{
	/* acc[d]: RSS of the finished subtrees at depth d waiting for their
	 * parent. Rows are in preorder, so walking backwards every subtree
	 * is summed before the row that owns it. */
	int64_t *acc = (int64_t *)(t->scratch + S_STACK * t->cap);
	size_t i, d;
	uint32_t more = 0, bit;

	for (i = 0; i < t->cap; i++)
		acc[i] = 0;
	for (i = t->nrows; i-- > 0;) {
		d = t->rows[i].depth;
		if (d + 1 < t->cap) {
			t->rows[i].subtree_rss_kb += acc[d + 1];
			acc[d + 1] = 0;
		}
		if (d < t->cap)
			acc[d] += t->rows[i].subtree_rss_kb;
	}
	for (i = 0; i < t->nrows; i++) {
		d = t->rows[i].depth;
		bit = d < 32 ? 1u << d : 0;
		more &= bit ? bit - 1u : UINT32_MAX; /* levels >= d restart */
		if (!t->rows[i].last)
			more |= bit;
		t->rows[i].more = more;
	}
}

/* The identity of a process row. */
static struct procid
row_id(const struct proc_row *r)
{
	return (struct procid){r->pid, r->start_time};
}

/* procid_at_fn over a snapshot's rows. */
static struct procid
snap_at(const void *snap, size_t i)
{
	return row_id(&((const struct snapshot *)snap)->procs[i]);
}

/* Where the process id is in snap->procs. */
size_t
table_find_proc(const struct snapshot *snap, struct procid id)
{
	return procid_find(snap, snap->nprocs, snap_at, id);
}

/* A table's rows over the snapshot they index. */
struct shown {
	const struct table *t;
	const struct snapshot *snap;
};

/* procid_at_fn over a table's rows. */
static struct procid
shown_at(const void *items, size_t i)
{
	const struct shown *sh = items;

	return row_id(&sh->snap->procs[sh->t->rows[i].index]);
}

/* Find the row of a process identity; NONE when it is not shown. */
static size_t
find_ident(const struct table *t, const struct snapshot *snap,
           const struct procid *id)
{
	struct shown sh = {t, snap};
	size_t k = procid_find(&sh, t->nrows, shown_at, *id);

	return k == PROCID_NONE ? NONE : k;
}

/* Remember the process under the cursor as the selection. */
static void
take_selection(struct table *t, const struct snapshot *snap)
{
	const struct proc_row *r;

	if (t->nrows == 0) {
		t->cursor = 0;
		t->has_sel = false;
		return;
	}
	if (t->cursor >= t->nrows)
		t->cursor = t->nrows - 1;
	r = &snap->procs[t->rows[t->cursor].index];
	t->sel = row_id(r);
	t->has_sel = true;
}

/* Rebuild the rows from snap. */
int
table_rebuild(struct table *t, const struct snapshot *snap)
{
	size_t n = 0, i, k, limit, *order;
	int rc = 0;

	if (!reserve(t, snap->nprocs))
		rc = -ENOMEM;
	limit = snap->nprocs < t->cap ? snap->nprocs : t->cap;
	t->nrows = 0;
	if (t->cap == 0) {
		take_selection(t, snap);
		return rc;
	}
	order = t->scratch + S_ORDER * t->cap;
	for (i = 0; i < snap->nprocs && n < limit; i++) {
		const struct proc_row *r = &snap->procs[i];
		if (!filter_match(&t->filter, r))
			continue;
		if (t->name_filter_len > 0 &&
		    !table_row_matches(snap, r, t->name_filter,
		                       t->name_filter_len))
			continue;
		if (t->cgroup_filter_len > 0 &&
		    !table_row_in_cgroup(snap, r, t->cgroup_filter,
		                         t->cgroup_filter_len))
			continue;
		order[n++] = i;
	}
	rank_sort_extra(snap, order, n, t->sort, t->desc, &t->extra);
	if (t->tree) {
		build_tree(t, snap, n);
		finish_tree(t);
	} else {
		for (k = 0; k < n; k++)
			emit(t, snap, order, k, 0, true);
	}
	if (t->has_sel) {
		k = find_ident(t, snap, &t->sel);
		if (k != NONE)
			t->cursor = k;
	}
	take_selection(t, snap);
	return rc;
}

/* Put the cursor on row pos and select that process. */
void
table_move_to(struct table *t, const struct snapshot *snap, size_t pos)
{
	t->cursor = pos;
	take_selection(t, snap);
}

/* Move the cursor by delta rows. */
void
table_move(struct table *t, const struct snapshot *snap, long delta)
{
	size_t pos = t->cursor;

	if (delta < 0)
		pos = (size_t)-delta > pos ? 0 : pos - (size_t)-delta;
	else
		pos = (size_t)delta > SIZE_MAX - pos ? SIZE_MAX
		                                     : pos + (size_t)delta;
	table_move_to(t, snap, pos);
}

/* Select a process by identity. */
bool
table_select(struct table *t, const struct snapshot *snap,
             const struct procid *id)
{
	size_t k = find_ident(t, snap, id);

	if (k == NONE)
		return false;
	table_move_to(t, snap, k);
	return true;
}

/* Keep the cursor on screen. */
void
table_scroll(struct table *t, int visible_rows)
{
	size_t vis = visible_rows > 0 ? (size_t)visible_rows : 1;

	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + vis)
		t->top = t->cursor - vis + 1;
	/* no empty space at the bottom when rows went away */
	if (t->nrows >= vis && t->top > t->nrows - vis)
		t->top = t->nrows - vis;
	if (t->nrows < vis)
		t->top = 0;
}

/* Find the next row (wrapping) whose name matches text. */
long
table_search(const struct table *t, const struct snapshot *snap,
             const char *text, size_t len, size_t from, bool forward)
{
	size_t i, pos;

	if (t->nrows == 0 || len == 0)
		return -1;
	if (from >= t->nrows)
		from = forward ? 0 : t->nrows - 1;
	for (i = 0; i < t->nrows; i++) {
		pos = forward ? (from + i) % t->nrows
		              : (from + t->nrows - i) % t->nrows;
		if (table_row_matches(snap, &snap->procs[t->rows[pos].index],
		                      text, len))
			return (long)pos;
	}
	return -1;
}

/* The row under the cursor. */
const struct proc_row *
table_selected(const struct table *t, const struct snapshot *snap)
{
	if (t->nrows == 0 || t->cursor >= t->nrows)
		return NULL;
	return &snap->procs[t->rows[t->cursor].index];
}
