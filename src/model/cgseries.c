/*
 * cgseries: per-cgroup usage series (see the header).
 *
 * The series live in one dense array; an open-addressing index (entry +
 * 1, 0 empty) finds them by inode and is rebuilt when a round ends (the
 * gone cgroups removed). Round times live in one ring shared by every
 * series: round t at t % CGSERIES_POINTS.
 */
#include "model/cgseries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pidhash.h"
#include "model/histbuf.h"
#include "model/snapshot.h"

/* One lane: the usage in kB. */
#define CGS_SHAPE HISTBUF_SHAPE(1, 0)
/* How an unknown value is stored (deltas stay small and defined). */
#define CGS_NA (-1)

/* One cgroup's series. */
struct cgs_entry {
	uint64_t ino;
	struct histbuf b;
	int64_t head, tail; /* the first and last values (histbuf) */
	uint32_t round;     /* the last round it was put in */
	bool fit;           /* fore holds a fit ... */
	uint32_t fit_round; /* ... made in this round ... */
	int64_t fit_limit;  /* ... toward this limit */
	struct cgseries_fore fore;
	bool flat_set;       /* flat_kb anchors the present flat run ... */
	int64_t flat_kb;     /* ... every value since within CGSERIES_FLAT_KB */
	uint32_t flat_round; /* ... from this round on */
};

/* One round's times. */
struct cgs_time {
	uint64_t mono_ms;
	int64_t wall_ms;
};

struct cgseries {
	struct cgs_entry *v;
	size_t n, cap;
	uint32_t *idx; /* entry + 1, 0 empty; icap a power of two */
	size_t icap;
	uint32_t round; /* the current (or last) round */
	bool started;   /* a round has begun */
	bool in_round;
	size_t bytes; /* the histbufs' bytes */
	struct cgs_time times[CGSERIES_POINTS];
	struct hist_point pts[CGSERIES_POINTS]; /* scratch for a forecast */
};

/* An empty set. */
struct cgseries *
cgseries_new(void)
{
	return calloc(1, sizeof(struct cgseries));
}

/* Free it. */
void
cgseries_free(struct cgseries *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].b.buf);
	free(s->v);
	free(s->idx);
	free(s);
}

/* An inode's hash for the probe. */
static uint32_t
cgs_hash(uint64_t ino)
{
	return (uint32_t)(ino ^ (ino >> 32));
}

/* An inode sought in the index. */
struct cgs_key {
	const struct cgseries *s;
	uint64_t ino;
};

/* pidhash_look_fn: what index slot i holds for the inode sought. */
static enum pidhash_slot
cgs_look(const void *ctx, size_t i)
{
	const struct cgs_key *k = ctx;
	uint32_t e = k->s->idx[i];

	if (e == 0)
		return PIDHASH_EMPTY;
	return k->s->v[e - 1].ino == k->ino ? PIDHASH_MATCH : PIDHASH_OTHER;
}

/* The index slot of ino (its own or the empty one where it goes). */
static size_t
cgs_slot(const struct cgseries *s, uint64_t ino)
{
	struct cgs_key k = {s, ino};

	return pidhash_probe(cgs_hash(ino), s->icap, cgs_look, &k);
}

/* The series of ino, or NULL. */
static struct cgs_entry *
cgs_find(const struct cgseries *s, uint64_t ino)
{
	size_t slot;

	if (s->icap == 0)
		return NULL;
	slot = cgs_slot(s, ino);
	return s->idx[slot] ? &s->v[s->idx[slot] - 1] : NULL;
}

/* Index the entries anew in a table for at least need of them (at most
 * 3/4 full). 0, or -1 when out of memory (the old index stays). */
static int
cgs_reindex(struct cgseries *s, size_t need)
{
	size_t cap = 64;
	uint32_t *idx;

	while (cap * 3 < need * 4 + 4)
		cap *= 2;
	if (cap != s->icap) {
		idx = malloc(cap * sizeof *idx);
		if (idx == NULL)
			return -1;
		free(s->idx);
		s->idx = idx;
		s->icap = cap;
	}
	memset(s->idx, 0, s->icap * sizeof *s->idx);
	for (size_t i = 0; i < s->n; i++)
		s->idx[cgs_slot(s, s->v[i].ino)] = (uint32_t)i + 1;
	return 0;
}

/* Start a round. */
int
cgseries_begin(struct cgseries *s, uint64_t mono_ms, int64_t wall_ms)
{
	struct cgs_time *last = &s->times[s->round % CGSERIES_POINTS];

	s->in_round = false;
	if (s->started && mono_ms < last->mono_ms)
		return -1;
	if (s->started)
		s->round++;
	s->started = true;
	s->in_round = true;
	s->times[s->round % CGSERIES_POINTS].mono_ms = mono_ms;
	s->times[s->round % CGSERIES_POINTS].wall_ms = wall_ms;
	return 0;
}

/* A new, empty series for ino: its entry, or NULL out of memory. */
static struct cgs_entry *
cgs_add(struct cgseries *s, uint64_t ino)
{
	struct cgs_entry *e;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		e = realloc(s->v, cap * sizeof *e);
		if (e == NULL)
			return NULL;
		s->v = e;
		s->cap = cap;
	}
	if ((s->n + 1) * 4 > s->icap * 3 && cgs_reindex(s, s->n + 1) != 0)
		return NULL;
	e = &s->v[s->n];
	memset(e, 0, sizeof *e);
	e->ino = ino;
	e->b.run_at = HISTBUF_NONE;
	s->idx[cgs_slot(s, ino)] = (uint32_t)++s->n;
	return e;
}

/* Follow e's flat run with value v (kB or CGS_NA) put in round. */
static void
cgs_flat_track(struct cgs_entry *e, int64_t v, uint32_t round)
{
	int64_t d = v - e->flat_kb;

	if (v == CGS_NA) {
		e->flat_set = false;
		return;
	}
	if (!e->flat_set || d > CGSERIES_FLAT_KB || d < -CGSERIES_FLAT_KB) {
		e->flat_set = true;
		e->flat_kb = v;
		e->flat_round = round;
	}
}

/* Record a cgroup's usage in this round. */
int
cgseries_put(struct cgseries *s, uint64_t ino, int64_t usage_kb)
{
	struct cgs_entry *e;
	int64_t v = usage_kb < 0 ? CGS_NA : usage_kb;

	if (!s->in_round || ino == 0)
		return s->in_round ? 0 : -1;
	e = cgs_find(s, ino);
	if (e == NULL && (e = cgs_add(s, ino)) == NULL)
		return -1;
	if (e->b.n > 0 && e->b.last == s->round)
		return 0; /* put twice in one round */
	e->round = s->round;
	cgs_flat_track(e, v, s->round);
	return histbuf_append(&e->b, CGS_SHAPE, &e->head, &e->tail, s->round,
	                      &v, &s->bytes);
}

/* End the round. */
void
cgseries_end(struct cgseries *s)
{
	uint32_t keep = s->round + 1 >= CGSERIES_POINTS
	                    ? s->round + 1 - CGSERIES_POINTS
	                    : 0;
	size_t o = 0;

	if (!s->in_round)
		return;
	s->in_round = false;
	for (size_t i = 0; i < s->n; i++) {
		struct cgs_entry *e = &s->v[i];
		if (e->round != s->round || e->b.n == 0) {
			s->bytes -= e->b.cap;
			free(e->b.buf);
			continue;
		}
		histbuf_trim(&e->b, CGS_SHAPE, &e->head, keep);
		s->v[o++] = *e;
	}
	s->n = o;
	if (cgs_reindex(s, s->n) != 0)
		s->icap = 0; /* no index: every series starts again */
	if (s->icap == 0) {
		for (size_t i = 0; i < s->n; i++) {
			s->bytes -= s->v[i].b.cap;
			free(s->v[i].b.buf);
		}
		s->n = 0;
	}
}

/* Read a cgroup's points. */
size_t
cgseries_read(const struct cgseries *s, uint64_t ino, struct hist_point *out,
              size_t max)
{
	const struct cgs_entry *e = cgs_find(s, ino);
	struct histbuf_iter it;
	size_t skip, k = 0, i = 0;
	bool gap;

	if (e == NULL)
		return 0;
	skip = e->b.n > max ? e->b.n - max : 0;
	histbuf_iter_init(&it, &e->b, CGS_SHAPE, &e->head);
	while (histbuf_next(&it, &gap)) {
		const struct cgs_time *t = &s->times[it.tick % CGSERIES_POINTS];
		if (i++ < skip)
			continue;
		out[k].mono_ms = t->mono_ms;
		out[k].wall_ms = t->wall_ms;
		out[k].value = it.vals[0] == CGS_NA ? SNAP_NA : it.vals[0];
		out[k].gap = false;
		k++;
	}
	return k;
}

/* The cgroups with a series. */
size_t
cgseries_count(const struct cgseries *s)
{
	return s->n;
}

/* The heap bytes held. */
size_t
cgseries_bytes(const struct cgseries *s)
{
	return sizeof *s + s->bytes + s->cap * sizeof *s->v +
	       s->icap * sizeof *s->idx;
}

/* True when e's forecast toward limit_kb is to be fit this round. */
static bool
cgs_due(const struct cgseries *s, const struct cgs_entry *e, int64_t limit_kb)
{
	return !e->fit || e->fit_limit != limit_kb ||
	       e->b.n <= TREND_MIN_SAMPLES ||
	       s->round - e->fit_round >= CGSERIES_REFIT ||
	       (s->round + (uint32_t)e->ino) % CGSERIES_REFIT == 0;
}

/* True when e has stayed flat for CGSERIES_FLAT_MS up to this round. */
static bool
cgs_flat(const struct cgseries *s, const struct cgs_entry *e)
{
	uint64_t now_ms = s->times[s->round % CGSERIES_POINTS].mono_ms;

	if (!e->flat_set || e->round != s->round || e->flat_round == s->round)
		return false;
	if (s->round - e->flat_round >= CGSERIES_POINTS)
		return true; /* its start's time is gone from the ring */
	return now_ms - s->times[e->flat_round % CGSERIES_POINTS].mono_ms >=
	       CGSERIES_FLAT_MS;
}

/* A cgroup's forecast to its limit. */
void
cgseries_forecast(struct cgseries *s, uint64_t ino, int64_t limit_kb,
                  struct cgseries_fore *out)
{
	struct cgs_entry *e = cgs_find(s, ino);
	struct forecast f;
	uint64_t now_ms = s->times[s->round % CGSERIES_POINTS].mono_ms, fit_ms;
	int64_t left;
	size_t n;

	memset(out, 0, sizeof *out);
	out->basis = FORECAST_NO_LIMIT;
	if (limit_kb < 0)
		return; /* SNAP_NA is negative too */
	if (e != NULL && cgs_flat(s, e)) {
		/* stopped rising: no countdown from an old ramp; fit at once
		 * when it moves again */
		out->basis = FORECAST_FLAT;
		e->fit = false;
		return;
	}
	if (e == NULL || cgs_due(s, e, limit_kb)) {
		n = cgseries_read(s, ino, s->pts, CGSERIES_POINTS);
		forecast_to_ceiling(s->pts, n, limit_kb, &f);
		out->valid = f.valid;
		out->basis = f.basis;
		out->eta_s = f.valid ? f.eta_s : 0;
		out->rate_kb_per_min = f.rate_kb_per_min;
		if (e != NULL) {
			e->fit = true;
			e->fit_round = s->round;
			e->fit_limit = limit_kb;
			e->fore = *out;
		}
		return;
	}
	/* between fits the time left counts down with the clock */
	*out = e->fore;
	fit_ms = s->times[e->fit_round % CGSERIES_POINTS].mono_ms;
	left = out->eta_s - (int64_t)((now_ms - fit_ms) / 1000);
	out->eta_s = out->valid ? (left > 0 ? left : 0) : 0;
}

/* The time left for a column (see the header). */
size_t
cgseries_fmt_eta(const struct cgseries_fore *f, char *buf, size_t size)
{
	int n;

	if (size == 0)
		return 0;
	if (!f->valid)
		n = snprintf(buf, size, "%s", "");
	else if (f->eta_s < 60)
		n = snprintf(buf, size, "<1m");
	else if (f->eta_s < 2 * 3600)
		n = snprintf(buf, size, "~%lldm",
		             (long long)((f->eta_s + 30) / 60));
	else
		n = snprintf(buf, size, "~%lldh",
		             (long long)((f->eta_s + 1800) / 3600));
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}
