/*
 * rank.c: order process rows by a column and name the next OOM victim
 * (see rank.h). Pure. Numbers sort biggest first by default, names and
 * pids smallest first; unknown values always go last, and equal values
 * fall back to the pid so a refresh does not shuffle the table. The OOM
 * column is the exception: it sorts in the victim order (victim_cmp,
 * model/victim.h), so its first row descending is the next victim.
 */
#include "model/rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numround.h"
#include "model/oomscore.h"
#include "model/victim.h"

static const char *const key_names[RANK_KEY_COUNT] = {
    "oom", "adj",  "rss",  "anon",   "file",   "shm",  "swap",
    "pid", "user", "name", "cgroup", "growth", "trend"};

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
	const struct rank_extra *extra; /* GROWTH, TREND; may be NULL */
	const int64_t *vals; /* extra's values by row index, or NULL */
};

/* A row's value for key, from the row or from extra. */
static int64_t
rank_value_of(const struct rank_ctx *c, const struct proc_row *r)
{
	if (c->key != RANK_GROWTH && c->key != RANK_TREND)
		return rank_value(r, c->key);
	if (c->vals != NULL)
		return c->vals[r - c->snap->procs];
	if (c->extra == NULL || c->extra->value == NULL)
		return SNAP_NA;
	return c->extra->value(c->extra->ctx, r, c->key);
}

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
		r = victim_cmp(a, b, c->total_kb);
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
		va = rank_value_of(c, a);
		vb = rank_value_of(c, b);
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
	rank_sort_extra(snap, order, n, key, desc, NULL);
}

/* Sort order[0..n) by key, with the values snap does not hold. */
void
rank_sort_extra(const struct snapshot *snap, size_t *order, size_t n,
                enum rank_key key, bool desc, const struct rank_extra *extra)
{
	struct rank_ctx c = {
	    snap, key, desc, oomscore_total_pages(&snap->mem, 1), extra, NULL};
	int64_t *vals = NULL;

	if (n < 2)
		return;
	/* extra's values once a row, not once a comparison (when there is
	 * no memory for them, once a comparison) */
	if ((key == RANK_GROWTH || key == RANK_TREND) && extra != NULL &&
	    extra->value != NULL &&
	    (vals = malloc(snap->nprocs * sizeof *vals)) != NULL) {
		for (size_t i = 0; i < n; i++)
			vals[order[i]] = extra->value(
			    extra->ctx, &snap->procs[order[i]], key);
		c.vals = vals;
	}
	qsort_r(order, n, sizeof *order, rank_cmp, &c);
	free(vals);
}

/* A verdict's sort value (see rank.h). */
int64_t
rank_trend_value(const struct trend *t, enum rank_key key)
{
	/* one group per verdict (TREND) or rising / not (GROWTH), each
	 * wider than two clamped rates */
	const int64_t group = INT64_C(1) << 42;
	int64_t rate;

	if (t == NULL || t->verdict == TREND_LEARNING ||
	    (unsigned)t->verdict >= TREND_VERDICTS)
		return SNAP_NA;
	if (!isfinite(t->rate_kb_per_hour)) {
		if (key != RANK_TREND)
			return SNAP_NA;
		rate = -RANK_RATE_MAX - 1; /* after every known rate */
	} else if (t->rate_kb_per_hour > (double)RANK_RATE_MAX) {
		rate = RANK_RATE_MAX;
	} else if (t->rate_kb_per_hour < -(double)RANK_RATE_MAX) {
		rate = -RANK_RATE_MAX;
	} else {
		rate = numround_ll(t->rate_kb_per_hour);
	}
	if (key == RANK_TREND)
		return (int64_t)t->verdict * group + rate;
	return (t->verdict == TREND_RISING) * group + rate;
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
		if (victim_is_unkillable(r))
			continue;
		if (best < 0 || victim_cmp(r, &snap->procs[best], total_kb) < 0)
			best = (long)i;
	}
	return best;
}
