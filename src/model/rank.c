/*
 * rank.c: order process rows by a column and name the next OOM victim
 * (see rank.h). Pure. Numbers sort biggest first by default, names and
 * pids smallest first; unknown values always go last, and equal values
 * fall back to the pid so a refresh does not shuffle the table. The OOM
 * column is the exception: it sorts in the victim order (rank_victim_cmp),
 * so its first row descending is the next victim.
 */
#include "model/rank.h"

#include <stdlib.h>
#include <string.h>

#include "model/oomscore.h"

static const char *const key_names[RANK_KEY_COUNT] = {
    "oom",  "adj", "rss",  "anon", "file",  "shm",
    "swap", "pid", "user", "name", "cgroup"};

/* The -s name of a key. */
const char *
rank_key_name(enum rank_key key)
{
	return (unsigned)key < RANK_KEY_COUNT ? key_names[key] : "?";
}

/* Parse a -s name. */
int
rank_key_parse(const char *name, enum rank_key *key)
{
	for (unsigned i = 0; i < RANK_KEY_COUNT; i++) {
		if (strcmp(name, key_names[i]) == 0) {
			*key = (enum rank_key)i;
			return 0;
		}
	}
	return -1;
}

/* Numbers sort descending, pid and text ascending. */
bool
rank_key_default_descending(enum rank_key key)
{
	return key != RANK_PID && key != RANK_USER && key != RANK_NAME &&
	       key != RANK_CGROUP;
}

/* The numeric value of a row for key (SNAP_NA when unknown). */
static int64_t
rank_value(const struct proc_row *r, enum rank_key key)
{
	switch (key) {
	case RANK_OOM:
		return r->oom_score;
	case RANK_ADJ:
		return r->oom_score_adj;
	case RANK_RSS:
		return r->rss_kb;
	case RANK_ANON:
		return r->anon_kb;
	case RANK_FILE:
		return r->file_kb;
	case RANK_SHMEM:
		return r->shmem_kb;
	case RANK_SWAP:
		return r->swap_kb;
	case RANK_PID:
	default:
		return r->pid;
	}
}

struct rank_ctx {
	const struct snapshot *snap;
	enum rank_key key;
	bool desc;
	int64_t total_kb; /* MemTotal + SwapTotal, SNAP_NA when unknown */
};

/* Compare two byte strings; an unknown (NULL) one is "greater". */
static int
rank_cmp_text(const char *a, size_t al, const char *b, size_t bl)
{
	int c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	c = memcmp(a, b, al < bl ? al : bl);
	if (c != 0)
		return c;
	return (al > bl) - (al < bl);
}

/* qsort_r comparator over indexes into snap->procs. */
static int
rank_cmp(const void *pa, const void *pb, void *arg)
{
	const struct rank_ctx *c = arg;
	const struct proc_row *a = &c->snap->procs[*(const size_t *)pa];
	const struct proc_row *b = &c->snap->procs[*(const size_t *)pb];
	int64_t va, vb;
	int r = 0;

	if (c->key == RANK_OOM && a->oom_score != SNAP_NA &&
	    b->oom_score != SNAP_NA) {
		r = rank_victim_cmp(a, b, c->total_kb);
		return c->desc ? r : -r;
	}
	switch (c->key) {
	case RANK_USER:
		r = rank_cmp_text(a->user, strlen(a->user), b->user,
		                  strlen(b->user));
		break;
	case RANK_NAME:
		r = rank_cmp_text(a->comm, strlen(a->comm), b->comm,
		                  strlen(b->comm));
		break;
	case RANK_CGROUP: {
		const char *sa =
		    snapshot_str(c->snap, a->cgroup_off, a->cgroup_len);
		const char *sb =
		    snapshot_str(c->snap, b->cgroup_off, b->cgroup_len);
		if (sa == NULL || sb == NULL) {
			if (sa != sb) /* unknown last */
				return (sa == NULL) - (sb == NULL);
			break; /* both unknown: by pid */
		}
		r = rank_cmp_text(sa, a->cgroup_len, sb, b->cgroup_len);
		break;
	}
	default:
		va = rank_value(a, c->key);
		vb = rank_value(b, c->key);
		if (va == SNAP_NA || vb == SNAP_NA) {
			if (va != vb)
				return va == SNAP_NA ? 1
				                     : -1; /* unknown last */
			break;
		}
		r = (va > vb) - (va < vb);
		break;
	}
	if (c->desc)
		r = -r;
	if (r == 0)
		r = (a->pid > b->pid) - (a->pid < b->pid);
	return r;
}

/* Sort order[0..n) by key. */
void
rank_sort(const struct snapshot *snap, size_t *order, size_t n,
          enum rank_key key, bool desc)
{
	struct rank_ctx c = {snap, key, desc,
	                     oomscore_total_pages(&snap->mem, 1)};

	if (n > 1)
		qsort_r(order, n, sizeof *order, rank_cmp, &c);
}

/* True when the kernel would never choose row. */
bool
rank_is_unkillable(const struct proc_row *row)
{
	if (row->kthread || row->oom_score == SNAP_NA)
		return true;
	/* the kernel exempts only the initial pid namespace's init, whose
	 * oom_score reads 0; a container's PID 1 (this /proc may be one) is
	 * scored and killed like any process */
	if (row->pid == 1 && row->oom_score == 0)
		return true;
	if (row->oom_score_adj == -1000)
		return true;
	/* A zombie has released its mm: nothing to free by killing it. */
	if (row->state == 'Z' || row->state == 'X')
		return row->rss_kb == SNAP_NA || row->rss_kb == 0;
	return false;
}

/* The memory the kernel's badness counts for a row, in kB: RSS (its three
 * counters, else VmRSS) + swap + page tables; SNAP_NA if a part is unknown. */
static int64_t
rank_badness_mem_kb(const struct proc_row *r)
{
	int64_t rss_kb = r->rss_kb;

	if (r->anon_kb != SNAP_NA && r->file_kb != SNAP_NA &&
	    r->shmem_kb != SNAP_NA)
		rss_kb = r->anon_kb + r->file_kb + r->shmem_kb;
	if (rss_kb == SNAP_NA || r->swap_kb == SNAP_NA || r->pte_kb == SNAP_NA)
		return SNAP_NA;
	return rss_kb + r->swap_kb + r->pte_kb;
}

/* adj clamped to the range the kernel accepts. */
static int64_t
rank_adj(int64_t adj)
{
	if (adj < OOMSCORE_ADJ_MIN)
		return OOMSCORE_ADJ_MIN;
	return adj > OOMSCORE_ADJ_MAX ? OOMSCORE_ADJ_MAX : adj;
}

/* The unrounded badness of a row in kB, or SNAP_NA when its memory or adj
 * is unknown. unit_kb: kB per adj unit (0 when the total is unknown). */
static int64_t
rank_badness_kb(const struct proc_row *r, int64_t unit_kb)
{
	int64_t mem_kb = rank_badness_mem_kb(r);

	if (mem_kb == SNAP_NA || r->oom_score_adj == SNAP_NA)
		return SNAP_NA;
	return mem_kb + rank_adj(r->oom_score_adj) * unit_kb;
}

/* Compare the unrounded badness of two rows: 1 when a has more, -1 when
 * b has, 0 when equal or unknown for both; a known one beats unknown.
 * One number per row, so the order stays transitive. */
static int
rank_cmp_badness(const struct proc_row *a, const struct proc_row *b,
                 int64_t total_kb)
{
	/* the kernel adds adj * (totalpages / 1000) pages; in kB without
	 * the page size this is off by under one page per adj unit, and
	 * the same for rows of equal adj, where the term cancels out */
	int64_t unit_kb =
	    total_kb != SNAP_NA && total_kb > 0 ? total_kb / 1000 : 0;
	int64_t ba = rank_badness_kb(a, unit_kb),
	        bb = rank_badness_kb(b, unit_kb);

	if (ba == SNAP_NA || bb == SNAP_NA)
		return (ba != SNAP_NA) - (bb != SNAP_NA);
	return (ba > bb) - (ba < bb);
}

/* Victim order: negative when a would be chosen before b. */
int
rank_victim_cmp(const struct proc_row *a, const struct proc_row *b,
                int64_t total_kb)
{
	int r;

	if (a->oom_score != b->oom_score) {
		if (a->oom_score == SNAP_NA || b->oom_score == SNAP_NA)
			return (a->oom_score == SNAP_NA) -
			       (b->oom_score == SNAP_NA);
		return a->oom_score > b->oom_score ? -1 : 1;
	}
	/* a candidate before a row the kernel never picks (both read 0) */
	r = (int)rank_is_unkillable(a) - (int)rank_is_unkillable(b);
	if (r != 0)
		return r;
	/* oom_score is rounded: the kernel compares the exact badness */
	r = rank_cmp_badness(a, b, total_kb);
	if (r != 0)
		return -r;
	/* an exact tie goes to the task later in the task list, which
	 * for_each_process walks in fork order: the newest process */
	if (a->start_time != b->start_time)
		return a->start_time > b->start_time ? -1 : 1;
	return (a->pid < b->pid) - (a->pid > b->pid);
}

/* The first candidate in the victim order. */
long
rank_next_victim(const struct snapshot *snap)
{
	int64_t total_kb = oomscore_total_pages(&snap->mem, 1);
	long best = -1;
	const struct proc_row *r;

	for (size_t i = 0; i < snap->nprocs; i++) {
		r = &snap->procs[i];
		if (rank_is_unkillable(r))
			continue;
		if (best < 0 ||
		    rank_victim_cmp(r, &snap->procs[best], total_kb) < 0)
			best = (long)i;
	}
	return best;
}
