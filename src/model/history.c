/* history: per-process and system series in two tiers (see the header). */
#include <stdlib.h>
#include <string.h>

#include "core/pidhash.h"
#include "model/histbuf.h"
#include "model/history.h"
#include "model/snapshot.h"

/* How an unknown value is stored (every known value is >= 0). */
#define STORED_NA (-1)
/* A hash slot that never held an entry; one whose entry was dropped. */
#define SLOT_EMPTY 0u
#define SLOT_TOMB UINT32_MAX
/* The smallest hash table and process array. */
#define SLOTS_MIN 64u
/* Freed buffers kept for reuse by new processes. */
#define FREE_MAX 256u
/* Spare bytes a buffer keeps when the cap shrinks it. */
#define SHRINK_SLACK 8u
/* A process's buffers: anon coded relative to RSS (they move together). */
#define PROC_SHAPE HISTBUF_SHAPE(HIST_PROC_LANES, 1u << HIST_ANON_KB)
/* The system's buffers: every lane on its own. */
#define SYS_SHAPE HISTBUF_SHAPE(HIST_SYS_LANES, 0)
/* Minute slots in the minute timeline: the span plus the minute in
 * progress. */
#define MT_SLOTS (HIST_MINUTE_SPAN + 1u)

/* One refresh (fine) or one minute (its last refresh) on the timeline. */
struct htick {
	uint64_t mono_ms;
	int64_t wall_ms;
	bool gap; /* a gap comes before it (or within the minute) */
};

/* One process's series. */
struct hproc {
	struct procid id;
	struct histbuf b[HIST_TIERS];
	int64_t head[HIST_TIERS][HIST_PROC_LANES];
	int64_t tail[HIST_TIERS][HIST_PROC_LANES];
	int64_t pend[HIST_PROC_LANES]; /* the minute in progress's fold */
	uint32_t pend_minute;
	bool pending;
};

/* The system's series. */
struct hsys {
	struct histbuf b[HIST_TIERS];
	int64_t head[HIST_TIERS][HIST_SYS_LANES];
	int64_t tail[HIST_TIERS][HIST_SYS_LANES];
	int64_t pend[HIST_SYS_LANES];
	uint32_t pend_minute;
	bool pending;
};

/* A freed buffer waiting for reuse. */
struct hfree {
	uint8_t *buf;
	uint32_t cap;
};

struct hist {
	uint32_t delay_ms;
	size_t cap_bytes, bytes;
	bool started, in_refresh;
	uint64_t mono0_ms, mono_prev_ms;
	int64_t wall_prev_ms;
	uint32_t tick, minute; /* the refresh in progress and its minute */
	/* fine timeline: a ring of ft_n refreshes from tick ft_t0 */
	struct htick *ft;
	uint32_t ft_cap, ft_head, ft_n, ft_t0;
	/* minute timeline: minute m at mt[m % MT_SLOTS], the last MT_SLOTS */
	struct htick *mt;
	uint32_t cap_tick, cap_minute; /* horizons the cap raised */
	struct hproc *procs;
	size_t nprocs, procs_cap;
	uint32_t *slots; /* index + 1, SLOT_EMPTY or SLOT_TOMB */
	size_t nslots, ntomb;
	struct hsys sys;
	struct hfree freed[FREE_MAX];
	size_t nfreed;
};

/* What a probe looks for: an identity in h. */
struct hprobe {
	const struct hist *h;
	struct procid id;
};

/* pidhash_look_fn over h's slots. */
static enum pidhash_slot
look(const void *ctx, size_t slot)
{
	const struct hprobe *q = ctx;
	uint32_t v = q->h->slots[slot];

	if (v == SLOT_EMPTY)
		return PIDHASH_EMPTY;
	if (v == SLOT_TOMB)
		return PIDHASH_OTHER;
	return procid_eq(q->h->procs[v - 1].id, q->id) ? PIDHASH_MATCH
	                                               : PIDHASH_OTHER;
}

/* The slot of id, or the empty slot where it would go. */
static size_t
slot_of(const struct hist *h, struct procid id)
{
	struct hprobe q = {h, id};

	return pidhash_probe((uint32_t)id.pid, h->nslots, look, &q);
}

/* The entry of id, or NULL. */
static const struct hproc *
find(const struct hist *h, struct procid id)
{
	uint32_t v = h->slots[slot_of(h, id)];

	return v == SLOT_EMPTY ? NULL : &h->procs[v - 1];
}

/* A new history (see the header). */
struct hist *
hist_new(uint32_t delay_ms, size_t cap_bytes)
{
	struct hist *h = calloc(1, sizeof *h);

	if (h == NULL)
		return NULL;
	h->delay_ms = delay_ms > 0 ? delay_ms : 1;
	h->cap_bytes = cap_bytes;
	h->nslots = SLOTS_MIN;
	h->slots = calloc(h->nslots, sizeof *h->slots);
	h->mt = calloc(MT_SLOTS, sizeof *h->mt);
	if (h->slots == NULL || h->mt == NULL) {
		hist_free(h);
		return NULL;
	}
	h->bytes =
	    sizeof *h + h->nslots * sizeof *h->slots + MT_SLOTS * sizeof *h->mt;
	return h;
}

/* Free everything (see the header). */
void
hist_free(struct hist *h)
{
	size_t i;
	int t;

	if (h == NULL)
		return;
	for (i = 0; i < h->nprocs; i++)
		for (t = 0; t < HIST_TIERS; t++)
			free(h->procs[i].b[t].buf);
	for (t = 0; t < HIST_TIERS; t++)
		free(h->sys.b[t].buf);
	for (i = 0; i < h->nfreed; i++)
		free(h->freed[i].buf);
	free(h->procs);
	free(h->slots);
	free(h->ft);
	free(h->mt);
	free(h);
}

/* A copy of the n bytes at src (NULL when n is 0 or src NULL); *ok is
 * cleared when out of memory. */
static void *
dup_bytes(const void *src, size_t n, bool *ok)
{
	void *d;

	if (src == NULL || n == 0)
		return NULL;
	d = malloc(n);
	if (d == NULL)
		*ok = false;
	else
		memcpy(d, src, n);
	return d;
}

/* A copy of buffer b's allocation into *out (NULL when out of memory). */
static void
dup_buf(struct histbuf *out, const struct histbuf *b, bool *ok)
{
	*out = *b;
	out->buf = dup_bytes(b->buf, b->cap, ok);
}

/* A deep copy (see the header). */
struct hist *
hist_clone(const struct hist *h)
{
	struct hist *c = malloc(sizeof *c);
	bool ok = true;
	size_t i;
	int t;

	if (c == NULL)
		return NULL;
	*c = *h;
	c->procs = dup_bytes(h->procs, h->procs_cap * sizeof *h->procs, &ok);
	c->slots = dup_bytes(h->slots, h->nslots * sizeof *h->slots, &ok);
	c->ft = dup_bytes(h->ft, h->ft_cap * sizeof *h->ft, &ok);
	c->mt = dup_bytes(h->mt, MT_SLOTS * sizeof *h->mt, &ok);
	if (!ok) {
		c->nprocs = 0; /* no buffer of h's may be freed below */
		c->nfreed = 0;
		memset(c->sys.b, 0, sizeof c->sys.b);
		hist_free(c);
		return NULL;
	}
	for (i = 0; i < h->nprocs; i++)
		for (t = 0; t < HIST_TIERS; t++)
			dup_buf(&c->procs[i].b[t], &h->procs[i].b[t], &ok);
	for (t = 0; t < HIST_TIERS; t++)
		dup_buf(&c->sys.b[t], &h->sys.b[t], &ok);
	for (i = 0; i < h->nfreed; i++)
		c->freed[i].buf =
		    dup_bytes(h->freed[i].buf, h->freed[i].cap, &ok);
	if (!ok) {
		hist_free(c);
		return NULL;
	}
	return c;
}

/* Append a refresh to the fine timeline, growing the ring. 0 or -1. */
static int
ft_push(struct hist *h, struct htick t)
{
	struct htick *n;
	uint32_t i, ncap;

	if (h->ft_n == h->ft_cap) {
		ncap = h->ft_cap ? h->ft_cap * 2 : 64;
		n = malloc(ncap * sizeof *n);
		if (n == NULL)
			return -1;
		for (i = 0; i < h->ft_n; i++)
			n[i] = h->ft[(h->ft_head + i) % h->ft_cap];
		free(h->ft);
		h->bytes += (ncap - h->ft_cap) * sizeof *n;
		h->ft = n;
		h->ft_cap = ncap;
		h->ft_head = 0;
	}
	if (h->ft_n == 0)
		h->ft_t0 = h->tick;
	h->ft[(h->ft_head + h->ft_n) % h->ft_cap] = t;
	h->ft_n++;
	return 0;
}

/* Record refresh t in its minute's slot, clearing skipped minutes. */
static void
mt_note(struct hist *h, struct htick t, uint32_t prev_minute)
{
	uint32_t m;

	if (!h->started || h->minute - prev_minute >= MT_SLOTS) {
		/* hist_new's calloc left it zero: clear it only after a gap
		 * (a page is resident once written) */
		if (h->started)
			memset(h->mt, 0, MT_SLOTS * sizeof *h->mt);
		h->mt[h->minute % MT_SLOTS] = t;
		return;
	}
	for (m = prev_minute + 1; m <= h->minute; m++)
		memset(&h->mt[m % MT_SLOTS], 0, sizeof *h->mt);
	if (h->minute != prev_minute) {
		h->mt[h->minute % MT_SLOTS] = t;
	} else {
		h->mt[h->minute % MT_SLOTS].mono_ms = t.mono_ms;
		h->mt[h->minute % MT_SLOTS].wall_ms = t.wall_ms;
		h->mt[h->minute % MT_SLOTS].gap |= t.gap;
	}
}

/* True when a refresh dt_ms after the last (wall step dwall_ms) starts
 * after a gap. */
static bool
is_gap(const struct hist *h, uint64_t dt_ms, int64_t dwall_ms)
{
	int64_t skew = dwall_ms - (int64_t)dt_ms;

	if (dt_ms > (uint64_t)h->delay_ms * HIST_GAP_FACTOR)
		return true;
	return skew > HIST_GAP_WALL_MS || skew < -HIST_GAP_WALL_MS;
}

/* Start a refresh (see the header). */
int
hist_begin(struct hist *h, uint64_t mono_ms, int64_t wall_ms)
{
	struct htick t = {mono_ms, wall_ms, false};
	uint32_t prev_minute = h->minute;

	h->in_refresh = false;
	if (h->started && mono_ms < h->mono_prev_ms)
		return -1;
	if (!h->started) {
		h->mono0_ms = mono_ms;
		h->tick = 0;
	} else {
		t.gap = is_gap(h, mono_ms - h->mono_prev_ms,
		               wall_ms - h->wall_prev_ms);
		h->tick++;
	}
	h->minute = (uint32_t)((mono_ms - h->mono0_ms) / HIST_MINUTE_MS);
	if (ft_push(h, t) != 0)
		return -1;
	mt_note(h, t, prev_minute);
	while (h->ft_n > 1 &&
	       h->ft[h->ft_head].mono_ms + HIST_FINE_MS < mono_ms) {
		h->ft_head = (h->ft_head + 1) % h->ft_cap;
		h->ft_n--;
		h->ft_t0++;
	}
	h->started = true;
	h->in_refresh = true;
	h->mono_prev_ms = mono_ms;
	h->wall_prev_ms = wall_ms;
	return 0;
}

/* Grow the process array by a quarter when full. 0 or -1. */
static int
procs_reserve(struct hist *h)
{
	size_t ncap;
	struct hproc *n;

	if (h->nprocs < h->procs_cap)
		return 0;
	ncap = h->procs_cap ? h->procs_cap + h->procs_cap / 4 : SLOTS_MIN;
	n = realloc(h->procs, ncap * sizeof *n);
	if (n == NULL)
		return -1;
	h->bytes += (ncap - h->procs_cap) * sizeof *n;
	h->procs = n;
	h->procs_cap = ncap;
	return 0;
}

/* Rebuild the hash table for the live entries, sized for one more. */
static int
rehash(struct hist *h)
{
	size_t n = SLOTS_MIN, i;
	uint32_t *s;

	while ((h->nprocs + 1) * 2 > n)
		n *= 2;
	s = calloc(n, sizeof *s);
	if (s == NULL)
		return -1;
	free(h->slots);
	h->bytes += n * sizeof *s;
	h->bytes -= h->nslots * sizeof *s;
	h->slots = s;
	h->nslots = n;
	h->ntomb = 0;
	for (i = 0; i < h->nprocs; i++)
		h->slots[slot_of(h, h->procs[i].id)] = (uint32_t)(i + 1);
	return 0;
}

/* Give a new entry's buffers freed ones when there are. */
static void
reuse_buffers(struct hist *h, struct hproc *p)
{
	int t;

	for (t = 0; t < HIST_TIERS && h->nfreed > 0; t++) {
		h->nfreed--;
		p->b[t].buf = h->freed[h->nfreed].buf;
		p->b[t].cap = h->freed[h->nfreed].cap;
	}
}

/* The entry of id, added when new; NULL when out of memory. */
static struct hproc *
entry(struct hist *h, struct procid id)
{
	size_t slot;
	struct hproc *p;

	if ((h->nprocs + h->ntomb + 1) * 4 > h->nslots * 3 && rehash(h) != 0)
		return NULL;
	slot = slot_of(h, id);
	if (h->slots[slot] != SLOT_EMPTY)
		return &h->procs[h->slots[slot] - 1];
	if (procs_reserve(h) != 0)
		return NULL;
	p = &h->procs[h->nprocs];
	memset(p, 0, sizeof *p);
	p->id = id;
	p->b[HIST_FINE].run_at = p->b[HIST_MINUTE].run_at = HISTBUF_NONE;
	reuse_buffers(h, p);
	h->nprocs++;
	h->slots[slot] = (uint32_t)h->nprocs;
	return p;
}

/* Drop entry i: its buffers go to the free list (or are freed). */
static void
drop(struct hist *h, size_t i)
{
	struct hproc *p = &h->procs[i];
	size_t last = h->nprocs - 1;
	int t;

	for (t = 0; t < HIST_TIERS; t++) {
		if (p->b[t].buf == NULL)
			continue;
		if (h->nfreed < FREE_MAX) {
			h->freed[h->nfreed].buf = p->b[t].buf;
			h->freed[h->nfreed++].cap = p->b[t].cap;
		} else {
			free(p->b[t].buf);
			h->bytes -= p->b[t].cap;
		}
	}
	h->slots[slot_of(h, p->id)] = SLOT_TOMB;
	h->ntomb++;
	if (i != last) {
		h->procs[i] = h->procs[last];
		h->slots[slot_of(h, h->procs[i].id)] = (uint32_t)(i + 1);
	}
	h->nprocs--;
}

/* Store v as history keeps it: unknown and negative become STORED_NA. */
static int64_t
stored(int64_t v)
{
	return v < 0 ? STORED_NA : v;
}

/* Fold v into a minute's point: the max, or the min when low_is_worse;
 * a known value wins over an unknown one. */
static int64_t
fold(int64_t acc, int64_t v, bool low_is_worse)
{
	if (acc == STORED_NA)
		return v;
	if (v == STORED_NA)
		return acc;
	if (low_is_worse)
		return v < acc ? v : acc;
	return v > acc ? v : acc;
}

/* One set of series (a process's or the system's), seen the same way. */
struct hview {
	struct histbuf *b;
	int64_t *head[HIST_TIERS], *tail[HIST_TIERS], *pend;
	uint32_t *pend_minute;
	bool *pending;
	unsigned lanes;
	unsigned shape;    /* the buffers' HISTBUF_SHAPE */
	unsigned low_mask; /* lanes whose minute point is the min */
};

/* The view of process p. */
static struct hview
proc_view(struct hproc *p)
{
	struct hview v = {p->b,
	                  {p->head[HIST_FINE], p->head[HIST_MINUTE]},
	                  {p->tail[HIST_FINE], p->tail[HIST_MINUTE]},
	                  p->pend,
	                  &p->pend_minute,
	                  &p->pending,
	                  HIST_PROC_LANES,
	                  PROC_SHAPE,
	                  0};
	return v;
}

/* The view of the system's series. */
static struct hview
sys_view(struct hsys *s)
{
	struct hview v = {s->b,
	                  {s->head[HIST_FINE], s->head[HIST_MINUTE]},
	                  {s->tail[HIST_FINE], s->tail[HIST_MINUTE]},
	                  s->pend,
	                  &s->pend_minute,
	                  &s->pending,
	                  HIST_SYS_LANES,
	                  SYS_SHAPE,
	                  1u << HIST_MEMAVAIL_KB};
	return v;
}

/* The first minute the minute tier keeps. */
static uint32_t
keep_minute(const struct hist *h)
{
	uint32_t m =
	    h->minute > HIST_MINUTE_SPAN ? h->minute - HIST_MINUTE_SPAN : 0;

	return m > h->cap_minute ? m : h->cap_minute;
}

/* The first refresh the fine tier keeps. */
static uint32_t
keep_tick(const struct hist *h)
{
	return h->ft_t0 > h->cap_tick ? h->ft_t0 : h->cap_tick;
}

/* Write the finished minute's fold as a minute point. 0 or -1. */
static int
flush(struct hist *h, struct hview v)
{
	if (*v.pend_minute >= keep_minute(h) &&
	    histbuf_append(&v.b[HIST_MINUTE], v.shape, v.head[HIST_MINUTE],
	                   v.tail[HIST_MINUTE], *v.pend_minute, v.pend,
	                   &h->bytes) != 0)
		return -1;
	*v.pending = false;
	return 0;
}

/* Record vals (stored form) in this refresh and fold them into the
 * minute. 0 or -1. */
static int
record(struct hist *h, struct hview v, const int64_t *vals)
{
	unsigned l;

	if (v.b[HIST_FINE].n > 0 && v.b[HIST_FINE].last == h->tick)
		return 0;
	if (*v.pending && *v.pend_minute != h->minute && flush(h, v) != 0)
		return -1;
	if (histbuf_append(&v.b[HIST_FINE], v.shape, v.head[HIST_FINE],
	                   v.tail[HIST_FINE], h->tick, vals, &h->bytes) != 0)
		return -1;
	if (!*v.pending) {
		memcpy(v.pend, vals, v.lanes * sizeof *vals);
		*v.pending = true;
		*v.pend_minute = h->minute;
		return 0;
	}
	for (l = 0; l < v.lanes; l++)
		v.pend[l] = fold(v.pend[l], vals[l], v.low_mask & (1u << l));
	return 0;
}

/* Record a process (see the header). */
int
hist_put_proc(struct hist *h, struct procid id,
              const int64_t vals[HIST_PROC_LANES])
{
	int64_t v[HIST_PROC_LANES];
	struct hproc *p;
	unsigned l;

	if (!h->in_refresh)
		return -1;
	p = entry(h, id);
	if (p == NULL)
		return -1;
	for (l = 0; l < HIST_PROC_LANES; l++)
		v[l] = stored(vals[l]);
	return record(h, proc_view(p), v);
}

/* Record the system (see the header). */
void
hist_put_sys(struct hist *h, const int64_t vals[HIST_SYS_LANES])
{
	int64_t v[HIST_SYS_LANES];
	unsigned l;

	if (!h->in_refresh)
		return;
	for (l = 0; l < HIST_SYS_LANES; l++)
		v[l] = stored(vals[l]);
	(void)record(h, sys_view(&h->sys), v);
}

/* Flush a finished minute, trim both tiers, and (under the cap) shrink
 * the buffers. True when nothing is left. */
static bool
age(struct hist *h, struct hview v, bool shrink)
{
	if (*v.pending && *v.pend_minute < h->minute)
		(void)flush(h, v);
	histbuf_trim(&v.b[HIST_FINE], v.shape, v.head[HIST_FINE], keep_tick(h));
	histbuf_trim(&v.b[HIST_MINUTE], v.shape, v.head[HIST_MINUTE],
	             keep_minute(h));
	if (shrink) {
		histbuf_shrink(&v.b[HIST_FINE], SHRINK_SLACK, &h->bytes);
		histbuf_shrink(&v.b[HIST_MINUTE], SHRINK_SLACK, &h->bytes);
	}
	return v.b[HIST_FINE].n == 0 && v.b[HIST_MINUTE].n == 0 && !*v.pending;
}

/* Age every series; drop processes with nothing left. */
static void
age_all(struct hist *h, bool shrink)
{
	size_t i;

	for (i = h->nprocs; i-- > 0;)
		if (age(h, proc_view(&h->procs[i]), shrink))
			drop(h, i);
	(void)age(h, sys_view(&h->sys), shrink);
}

/* Free the buffers kept for reuse. */
static void
free_spares(struct hist *h)
{
	while (h->nfreed > 0) {
		h->nfreed--;
		free(h->freed[h->nfreed].buf);
		h->bytes -= h->freed[h->nfreed].cap;
	}
}

/* Past the cap, raise the horizons: oldest minutes first, then the
 * oldest refreshes, an eighth of what is left at a time. */
static void
hold_cap(struct hist *h)
{
	uint32_t km, kt;

	if (h->cap_bytes == 0 || h->bytes <= h->cap_bytes)
		return;
	free_spares(h);
	while (h->bytes > h->cap_bytes) {
		km = keep_minute(h);
		kt = keep_tick(h);
		if (km < h->minute)
			h->cap_minute =
			    km +
			    ((h->minute - km) / 8 ? (h->minute - km) / 8 : 1);
		else if (kt <= h->tick)
			h->cap_tick = kt + ((h->tick + 1 - kt) / 8
			                        ? (h->tick + 1 - kt) / 8
			                        : 1);
		else
			break;
		age_all(h, true);
	}
}

/* End a refresh (see the header). */
void
hist_end(struct hist *h)
{
	if (!h->in_refresh)
		return;
	age_all(h, false);
	hold_cap(h);
	h->in_refresh = false;
}

/* The timeline entry of tick in tier (zeros when it is gone). */
static struct htick
when(const struct hist *h, enum hist_tier tier, uint32_t tick)
{
	struct htick none = {0, 0, false};

	if (tier == HIST_FINE) {
		if (tick < h->ft_t0 || tick - h->ft_t0 >= h->ft_n)
			return none;
		return h->ft[(h->ft_head + (tick - h->ft_t0)) % h->ft_cap];
	}
	if (tick > h->minute || h->minute - tick >= MT_SLOTS)
		return none;
	return h->mt[tick % MT_SLOTS];
}

/* Read lane of b (head: its first values) into out (see hist_read_proc). */
static size_t
read_buf(const struct hist *h, enum hist_tier tier, const struct histbuf *b,
         const int64_t *head, unsigned shape, unsigned lane,
         struct hist_point *out, size_t max)
{
	struct histbuf_iter it;
	size_t skip = b->n > max ? b->n - max : 0, k = 0, i = 0;
	struct htick t;
	bool gap;

	histbuf_iter_init(&it, b, shape, head);
	while (histbuf_next(&it, &gap)) {
		if (i++ < skip)
			continue;
		t = when(h, tier, it.tick);
		out[k].mono_ms = t.mono_ms;
		out[k].wall_ms = t.wall_ms;
		out[k].value =
		    it.vals[lane] == STORED_NA ? SNAP_NA : it.vals[lane];
		out[k].gap = i > 1 && (gap || t.gap);
		k++;
	}
	return k;
}

/* Read a process's series (see the header). */
size_t
hist_read_proc(const struct hist *h, struct procid id, enum hist_tier tier,
               enum hist_proc_lane lane, struct hist_point *out, size_t max)
{
	const struct hproc *p = find(h, id);

	if (p == NULL || tier >= HIST_TIERS || lane >= HIST_PROC_LANES)
		return 0;
	return read_buf(h, tier, &p->b[tier], p->head[tier], PROC_SHAPE, lane,
	                out, max);
}

/* Read a system series (see the header). */
size_t
hist_read_sys(const struct hist *h, enum hist_tier tier,
              enum hist_sys_lane lane, struct hist_point *out, size_t max)
{
	if (tier >= HIST_TIERS || lane >= HIST_SYS_LANES)
		return 0;
	return read_buf(h, tier, &h->sys.b[tier], h->sys.head[tier], SYS_SHAPE,
	                lane, out, max);
}

/* Points of a process in a tier (see the header). */
size_t
hist_count_proc(const struct hist *h, struct procid id, enum hist_tier tier)
{
	const struct hproc *p = find(h, id);

	return p == NULL || tier >= HIST_TIERS ? 0 : p->b[tier].n;
}

/* Points of the system's series in a tier (see the header). */
size_t
hist_count_sys(const struct hist *h, enum hist_tier tier)
{
	return tier >= HIST_TIERS ? 0 : h->sys.b[tier].n;
}

/* Processes held (see the header). */
size_t
hist_procs(const struct hist *h)
{
	return h->nprocs;
}

/* Heap bytes held (see the header). */
size_t
hist_bytes(const struct hist *h)
{
	return h->bytes;
}
