/*
 * rank.c: order process rows by a column and name the next OOM victim
 * (see rank.h). Pure. Numbers sort biggest first by default, names and
 * pids smallest first; unknown values always go last, and equal values
 * fall back to the pid so a refresh does not shuffle the table.
 */
#include "model/rank.h"

#include <stdlib.h>
#include <string.h>

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
		if (sa == NULL || sb == NULL)
			return (sa == NULL) - (sb == NULL); /* unknown last */
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
	struct rank_ctx c = {snap, key, desc};

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

/* The highest oom_score among candidates; ties go to the lowest pid. */
long
rank_next_victim(const struct snapshot *snap)
{
	long best = -1;
	const struct proc_row *r, *b;

	for (size_t i = 0; i < snap->nprocs; i++) {
		r = &snap->procs[i];
		if (rank_is_unkillable(r))
			continue;
		b = best >= 0 ? &snap->procs[best] : NULL;
		if (b == NULL || r->oom_score > b->oom_score ||
		    (r->oom_score == b->oom_score && r->pid < b->pid))
			best = (long)i;
	}
	return best;
}
