/* trendcache.c: the dashboard's per-process verdicts, cached. */
#include "model/trendcache.h"

#include <string.h>

/* An empty cache. */
void
trendcache_init(struct trendcache *tc, struct histsnap *hs)
{
	memset(tc, 0, sizeof *tc);
	tc->hs = hs;
	tc->gen = 1;
}

/* A new refresh. */
void
trendcache_refresh(struct trendcache *tc)
{
	tc->gen++;
}

/* The slot an identity maps to. */
static size_t
trendcache_index(struct procid id)
{
	uint64_t h = (uint64_t)(uint32_t)id.pid * 0x9e3779b97f4a7c15u ^
	             id.start_time * 0xc2b2ae3d27d4eb4fu;

	return (size_t)((h >> 32) % TRENDCACHE_SLOTS);
}

/* True when the slot still holds id's verdict for this refresh. */
static bool
trendcache_fresh(const struct trendcache *tc, const struct trendcache_slot *s,
                 struct procid id)
{
	if (!s->used || !procid_eq(s->id, id))
		return false;
	if (s->gen == tc->gen)
		return true;
	/* a verdict on the minute tier moves only when it gains a point */
	return s->minute_pts >= TREND_MIN_SAMPLES &&
	       hist_count_proc(tc->hs->h, id, HIST_MINUTE) == s->minute_pts;
}

/* Row r's verdict. */
const struct trend *
trendcache_get(struct trendcache *tc, const struct proc_row *r)
{
	struct procid id = {r->pid, r->start_time};
	struct trendcache_slot *s = &tc->slot[trendcache_index(id)];

	if (tc->hs == NULL || tc->hs->h == NULL) {
		memset(&s->t, 0, sizeof s->t);
		s->t.verdict = TREND_LEARNING;
		s->used = false;
		return &s->t;
	}
	if (trendcache_fresh(tc, s, id))
		return &s->t;
	histsnap_proc_trend(tc->hs, r, &s->t);
	s->used = true;
	s->id = id;
	s->gen = tc->gen;
	s->minute_pts = hist_count_proc(tc->hs->h, id, HIST_MINUTE);
	tc->computed++;
	return &s->t;
}
