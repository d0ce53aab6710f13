/*
 * recsel.c: the recorder's row selection (see recsel.h). The last stored
 * values live in an open-addressing table keyed by pid; each pick builds
 * the next table from the snapshot's rows (two tables, swapped), so a
 * process that left the snapshot is dropped without tombstones.
 */
#include "model/recsel.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/pidhash.h"
#include "core/sanitize.h"

struct recsel_slot {
	bool used;   /* the process was in the last snapshot */
	bool stored; /* ...and has stored rows (the fields below) */
	int32_t pid;
	uint64_t start_time;
	int64_t rss_kb, swap_kb, adj, stored_ms;
};

struct recsel_table {
	struct recsel_slot *slots;
	size_t cap; /* a power of two, or 0 */
};

struct recsel {
	struct recsel_table cur, next;
	int64_t *scores; /* scratch: oom_scores for the top threshold */
	size_t scores_cap;
};

/* A new, empty selector. */
struct recsel *
recsel_new(void)
{
	return calloc(1, sizeof(struct recsel));
}

/* Free the selector. */
void
recsel_free(struct recsel *rs)
{
	if (rs == NULL)
		return;
	free(rs->cur.slots);
	free(rs->next.slots);
	free(rs->scores);
	free(rs);
}

/* Free a pick's arrays. */
void
recsel_pick_fini(struct recsel_pick *out)
{
	free(out->rows);
	free(out->idents);
	memset(out, 0, sizeof *out);
}

/* More than 1% from old, or any move from 0 or unknown. */
bool
recsel_moved(int64_t old, int64_t v)
{
	int64_t d, base;

	if (old == v)
		return false;
	if (old == SNAP_NA || v == SNAP_NA || old == 0)
		return true;
	d = v > old ? v - old : old - v;
	base = old < 0 ? -old : old;
	return d > base / 100; /* d * 100 > base, without overflow */
}

struct recsel_key {
	const struct recsel_table *t;
	int32_t pid;
};

/* pidhash look: what slot holds for the pid in ctx. */
static enum pidhash_slot
recsel_look(const void *ctx, size_t slot)
{
	const struct recsel_key *k = ctx;
	const struct recsel_slot *s = &k->t->slots[slot];

	if (!s->used)
		return PIDHASH_EMPTY;
	return s->pid == k->pid ? PIDHASH_MATCH : PIDHASH_OTHER;
}

/* The slot of pid in t: its own, or the empty one where it would go. */
static struct recsel_slot *
recsel_slot(const struct recsel_table *t, int32_t pid)
{
	struct recsel_key k = {t, pid};

	return &t->slots[pidhash_probe((uint32_t)pid, t->cap, recsel_look, &k)];
}

/* Make t an empty table for n entries (at most 1/2 full); 0 or -ENOMEM. */
static int
recsel_table_reset(struct recsel_table *t, size_t n)
{
	size_t cap = 64;
	struct recsel_slot *s;

	while (cap < 2 * n)
		cap *= 2;
	if (cap != t->cap) {
		s = calloc(cap, sizeof *s);
		if (s == NULL)
			return -ENOMEM;
		free(t->slots);
		t->slots = s;
		t->cap = cap;
		return 0;
	}
	memset(t->slots, 0, cap * sizeof *t->slots);
	return 0;
}

/* Descending order of int64_t. */
static int
recsel_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* The lowest oom_score among the top RECSEL_TOP_OOM of snap (INT64_MIN
 * when fewer rows have one: all of them are in); -ENOMEM as 0 return. */
static int
recsel_threshold(struct recsel *rs, const struct snapshot *snap,
                 int64_t *min_score)
{
	size_t n = 0;
	int64_t *s;

	if (rs->scores_cap < snap->nprocs) {
		s = realloc(rs->scores, snap->nprocs * sizeof *s);
		if (s == NULL)
			return -ENOMEM;
		rs->scores = s;
		rs->scores_cap = snap->nprocs;
	}
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *r = &snap->procs[i];

		if (!r->kthread && r->oom_score != SNAP_NA)
			rs->scores[n++] = r->oom_score;
	}
	*min_score = INT64_MIN;
	if (n <= RECSEL_TOP_OOM)
		return 0;
	qsort(rs->scores, n, sizeof *rs->scores, recsel_desc);
	*min_score = rs->scores[RECSEL_TOP_OOM - 1];
	return 0;
}

/* A known size or 0. */
static int64_t
recsel_kb(int64_t v)
{
	return v == SNAP_NA || v < 0 ? 0 : v;
}

/* True when row r is worth recording (see recsel.h). */
static bool
recsel_eligible(const struct proc_row *r, int64_t min_score)
{
	if (r->kthread)
		return false;
	if (recsel_kb(r->rss_kb) + recsel_kb(r->swap_kb) >= RECSEL_MIN_KB)
		return true;
	return min_score != INT64_MIN
	           ? r->oom_score != SNAP_NA && r->oom_score >= min_score
	           : r->oom_score != SNAP_NA;
}

/* Grow out's arrays to n; 0 or -ENOMEM. */
static int
recsel_pick_reserve(struct recsel_pick *out, size_t n)
{
	size_t *a, *b;

	if (out->cap >= n && out->rows != NULL)
		return 0;
	if (n == 0)
		n = 1;
	a = realloc(out->rows, n * sizeof *a);
	if (a == NULL)
		return -ENOMEM;
	out->rows = a;
	b = realloc(out->idents, n * sizeof *b);
	if (b == NULL)
		return -ENOMEM;
	out->idents = b;
	out->cap = n;
	return 0;
}

/* Decide row i against the old table; put its entry into the new one. */
static void
recsel_decide(struct recsel *rs, const struct proc_row *r, size_t i,
              bool eligible, int64_t now_ms, struct recsel_pick *out)
{
	const struct recsel_slot *old = recsel_slot(&rs->cur, r->pid);
	struct recsel_slot *nw = recsel_slot(&rs->next, r->pid);
	bool seen =
	    old->used && old->pid == r->pid && old->start_time == r->start_time;
	bool known = seen && old->stored;

	if (!seen) { /* first seen: nothing stored before its second sample */
		*nw = (struct recsel_slot){
		    .used = true, .pid = r->pid, .start_time = r->start_time};
		return;
	}
	*nw = *old;
	if (!eligible)
		return;
	if (known && !recsel_moved(old->rss_kb, r->rss_kb) &&
	    !recsel_moved(old->swap_kb, r->swap_kb) &&
	    old->adj == r->oom_score_adj &&
	    now_ms - old->stored_ms < RECSEL_REFRESH_MS)
		return;
	if (!known)
		out->idents[out->nidents++] = i;
	out->rows[out->nrows++] = i;
	*nw = (struct recsel_slot){
	    .used = true,
	    .stored = true,
	    .pid = r->pid,
	    .start_time = r->start_time,
	    .rss_kb = r->rss_kb,
	    .swap_kb = r->swap_kb,
	    .adj = r->oom_score_adj,
	    .stored_ms = now_ms,
	};
}

/* Choose and remember the rows to store (see recsel.h). */
int
recsel_pick(struct recsel *rs, const struct snapshot *snap, int64_t now_ms,
            struct recsel_pick *out)
{
	struct recsel_table t;
	int64_t min_score;

	out->nrows = out->nidents = 0;
	if (recsel_pick_reserve(out, snap->nprocs) < 0 ||
	    recsel_threshold(rs, snap, &min_score) < 0 ||
	    recsel_table_reset(&rs->next, snap->nprocs) < 0)
		return -ENOMEM;
	if (rs->cur.cap == 0 && recsel_table_reset(&rs->cur, 0) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *r = &snap->procs[i];

		recsel_decide(rs, r, i, recsel_eligible(r, min_score), now_ms,
		              out);
	}
	t = rs->cur;
	rs->cur = rs->next;
	rs->next = t;
	return 0;
}

/* Sanitize the pooled string (off, len) into dst; false when unknown. */
static bool
recsel_str(const struct snapshot *snap, uint32_t off, uint32_t len,
           unsigned flags, char *dst, size_t size)
{
	const char *s = snapshot_str(snap, off, len);

	dst[0] = '\0';
	if (s == NULL)
		return false;
	while (len > 0 && s[len - 1] == '\0')
		len--; /* cmdline's final NUL is no separator */
	sanitize_text(dst, size, s, len, flags, NULL);
	return true;
}

/* The sanitized identity strings of row i (see recsel.h). */
void
recsel_ident(const struct snapshot *snap, size_t i, bool no_cmdline,
             struct recsel_ident *out)
{
	const struct proc_row *r = &snap->procs[i];

	sanitize_text(out->comm, sizeof out->comm, r->comm,
	              strnlen(r->comm, sizeof r->comm), 0, NULL);
	out->has_cmdline =
	    !no_cmdline &&
	    recsel_str(snap, r->cmdline_off, r->cmdline_len, SANITIZE_NUL_SPACE,
	               out->cmdline, sizeof out->cmdline);
	if (no_cmdline)
		out->cmdline[0] = '\0';
	out->has_cgroup = recsel_str(snap, r->cgroup_off, r->cgroup_len, 0,
	                             out->cgroup, sizeof out->cgroup);
}
