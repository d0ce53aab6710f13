/* trendcache.c: the dashboard's per-process verdicts, cached. */
#include "model/trendcache.h"

#include <stdlib.h>
#include <string.h>

#include "core/pidhash.h"

/* The smallest table: more than the rows a tall terminal draws. */
#define TRENDCACHE_MIN_SLOTS 64u

/* An empty cache. */
void
trendcache_init(struct trendcache *tc, struct histsnap *hs)
{
	memset(tc, 0, sizeof *tc);
	tc->hs = hs;
	tc->gen = 1;
}

/* Free the table. */
void
trendcache_fini(struct trendcache *tc)
{
	struct histsnap *hs = tc->hs;

	free(tc->ents);
	trendcache_init(tc, hs);
}

/* What a probe looks for: an identity in a table. */
struct trendcache_probe {
	const struct trendcache_entry *ents;
	int32_t pid;
	uint64_t start_time;
};

/* pidhash_look_fn over a table. */
static enum pidhash_slot
trendcache_look(const void *ctx, size_t slot)
{
	const struct trendcache_probe *q = ctx;
	const struct trendcache_entry *e = &q->ents[slot];

	if (e->gen == 0)
		return PIDHASH_EMPTY;
	return e->pid == q->pid && e->start_time == q->start_time
	           ? PIDHASH_MATCH
	           : PIDHASH_OTHER;
}

/* The slot of (pid, start_time) in ents, or the empty one for it. */
static size_t
trendcache_slot(const struct trendcache_entry *ents, size_t cap, int32_t pid,
                uint64_t start_time)
{
	struct trendcache_probe q = {ents, pid, start_time};

	return pidhash_probe((uint32_t)pid, cap, trendcache_look, &q);
}

/* Rebuild the table with the entries asked for in this refresh or the
 * previous one, at most 2/3 full. 0, or -1 when out of memory (the table
 * is unchanged). */
static int
trendcache_rebuild(struct trendcache *tc)
{
	struct trendcache_entry *n, *e;
	size_t cap = TRENDCACHE_MIN_SLOTS, live = 1, i; /* 1: the one to add */

	for (i = 0; i < tc->cap; i++)
		live += tc->ents[i].gen != 0 && tc->ents[i].seen + 1 >= tc->gen;
	while (live * 3 > cap * 2)
		cap *= 2;
	n = calloc(cap, sizeof *n);
	if (n == NULL)
		return -1;
	for (i = 0; i < tc->cap; i++) {
		e = &tc->ents[i];
		if (e->gen != 0 && e->seen + 1 >= tc->gen)
			n[trendcache_slot(n, cap, e->pid, e->start_time)] = *e;
	}
	free(tc->ents);
	tc->used = live - 1;
	tc->ents = n;
	tc->cap = cap;
	return 0;
}

/* A new refresh (0 stays the empty slot's mark). A table 8 times larger
 * than the processes asked for in the refresh that ended (a sort by
 * GROWTH or TREND was left) is rebuilt smaller. */
void
trendcache_refresh(struct trendcache *tc)
{
	if (++tc->gen == 0)
		tc->gen = 1;
	if (tc->cap > TRENDCACHE_MIN_SLOTS && tc->asked * 8 < tc->cap)
		(void)trendcache_rebuild(tc); /* out of memory: it stays */
	tc->asked = 0;
}

/* True when e (id's entry) still holds id's verdict for this refresh. */
static bool
trendcache_fresh(const struct trendcache *tc, const struct trendcache_entry *e,
                 struct procid id)
{
	if (e->gen == tc->gen)
		return true;
	/* a verdict on the minute tier moves only when it gains a point */
	if (e->minute_pts >= TREND_MIN_SAMPLES)
		return hist_count_proc(tc->hs->h, id, HIST_MINUTE) ==
		       e->minute_pts;
	/* on the refresh tier: once in TRENDCACHE_FINE_REFIT, spread by pid */
	return e->verdict != TREND_LEARNING &&
	       tc->gen - e->gen < TRENDCACHE_FINE_REFIT &&
	       (tc->gen + (uint32_t)id.pid) % TRENDCACHE_FINE_REFIT != 0;
}

/* The entry for id, found or added (gen 0: a new one, to fill now), or
 * NULL when out of memory. */
static struct trendcache_entry *
trendcache_entry(struct trendcache *tc, struct procid id)
{
	struct trendcache_entry *e;
	size_t s;

	if (tc->cap > 0) {
		s = trendcache_slot(tc->ents, tc->cap, id.pid, id.start_time);
		if (tc->ents[s].gen != 0)
			return &tc->ents[s];
	}
	if ((tc->used + 1) * 4 > tc->cap * 3 && trendcache_rebuild(tc) != 0)
		return NULL;
	s = trendcache_slot(tc->ents, tc->cap, id.pid, id.start_time);
	e = &tc->ents[s];
	memset(e, 0, sizeof *e);
	e->pid = id.pid;
	e->start_time = id.start_time;
	tc->used++;
	return e;
}

/* Row r's verdict. */
const struct trend *
trendcache_get(struct trendcache *tc, const struct proc_row *r)
{
	struct procid id = {r->pid, r->start_time};
	struct trendcache_entry *e;
	struct trend t;

	memset(&tc->out, 0, sizeof tc->out);
	tc->out.verdict = TREND_LEARNING;
	if (tc->hs == NULL || tc->hs->h == NULL)
		return &tc->out;
	e = trendcache_entry(tc, id);
	if (e != NULL && e->seen != tc->gen)
		tc->asked++;
	if (e != NULL && e->gen != 0 && trendcache_fresh(tc, e, id)) {
		e->seen = tc->gen;
		tc->out.verdict = (enum trend_verdict)e->verdict;
		tc->out.rate_kb_per_hour = e->rate_kb_per_hour;
		return &tc->out;
	}
	histsnap_proc_trend(tc->hs, r, &t);
	tc->computed++;
	tc->out.verdict = t.verdict;
	tc->out.rate_kb_per_hour = t.rate_kb_per_hour;
	if (e != NULL) {
		e->verdict = (int32_t)t.verdict;
		e->rate_kb_per_hour = t.rate_kb_per_hour;
		e->gen = e->seen = tc->gen;
		e->minute_pts =
		    (uint32_t)hist_count_proc(tc->hs->h, id, HIST_MINUTE);
	}
	return &tc->out;
}
