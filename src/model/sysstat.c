/* sysstat.c: /proc/stat and /proc/loadavg, vmstat-style rows (see
 * sysstat.h). */
#include "model/sysstat.h"

#include <string.h>

#include "model/textscan.h"

/* The end of the line at p (its '\n'), or NULL when there is none. */
static const char *
sysstat_eol(const char *p, const char *end)
{
	return memchr(p, '\n', (size_t)(end - p));
}

/* Parse the numbers after "cpu " up to eol into c (at least 4). */
static int
sysstat_parse_cpu(const char *p, const char *eol, struct sysstat_cpu *c)
{
	uint64_t v[8] = {0};
	int n = 0;

	while (n < 8) {
		textscan_blanks(&p, eol);
		if (p == eol)
			break;
		if (textscan_u64(&p, eol, &v[n]) != 0)
			return -1;
		n++;
	}
	if (n < 4)
		return -1;
	c->user = v[0], c->nice = v[1], c->system = v[2], c->idle = v[3];
	c->iowait = v[4], c->irq = v[5], c->softirq = v[6], c->steal = v[7];
	return 0;
}

/* The number after key (a "key value" line of /proc/stat), or -1. */
static int
sysstat_keyed(const char *p, const char *eol, const char *key, int64_t *out)
{
	size_t klen = strlen(key);

	if ((size_t)(eol - p) <= klen || memcmp(p, key, klen) != 0 ||
	    p[klen] != ' ')
		return -1;
	p += klen;
	textscan_blanks(&p, eol);
	return textscan_i64(&p, eol, out);
}

/* Clear everything raw holds. */
void
sysstat_raw_clear(struct sysstat_raw *raw)
{
	memset(raw, 0, sizeof *raw);
	raw->procs_running = raw->procs_blocked = SNAP_NA;
	raw->threads_runnable = raw->threads_total = SNAP_NA;
}

/* Parse /proc/stat. */
int
sysstat_parse_stat(const char *buf, size_t len, struct sysstat_raw *out)
{
	const char *p = buf, *end = buf + len, *eol;
	struct sysstat_cpu cpu;
	int64_t run = SNAP_NA, blk = SNAP_NA, v;
	bool have_cpu = false;

	while (p < end && (eol = sysstat_eol(p, end)) != NULL) {
		if (!have_cpu && eol - p > 4 && memcmp(p, "cpu ", 4) == 0) {
			if (sysstat_parse_cpu(p + 4, eol, &cpu) != 0)
				return -1;
			have_cpu = true;
		} else if (sysstat_keyed(p, eol, "procs_running", &v) == 0) {
			run = v;
		} else if (sysstat_keyed(p, eol, "procs_blocked", &v) == 0) {
			blk = v;
		}
		p = eol + 1;
	}
	if (!have_cpu || (run != SNAP_NA && run < 0) ||
	    (blk != SNAP_NA && blk < 0))
		return -1;
	out->stat_valid = true;
	out->cpu = cpu;
	out->procs_running = run;
	out->procs_blocked = blk;
	return 0;
}

/* Parse /proc/loadavg. */
int
sysstat_parse_loadavg(const char *buf, size_t len, struct sysstat_raw *out)
{
	const char *p = buf, *end = buf + len;
	double l[3];
	uint64_t run, total;

	for (int i = 0; i < 3; i++) {
		textscan_blanks(&p, end);
		if (textscan_decimal(&p, end, &l[i]) != 0)
			return -1;
	}
	textscan_blanks(&p, end);
	if (textscan_u64(&p, end, &run) != 0 || p == end || *p != '/')
		return -1;
	p++;
	if (textscan_u64(&p, end, &total) != 0)
		return -1;
	out->load_valid = true;
	out->load1 = l[0], out->load5 = l[1], out->load15 = l[2];
	out->threads_runnable = (int64_t)run;
	out->threads_total = (int64_t)total;
	return 0;
}

/* An empty history. */
void
sysstat_init(struct sysstat *st)
{
	memset(st, 0, sizeof *st);
	ring_init(&st->ring, SYSSTAT_ROWS_MAX);
}

/* b - a, or 0 when the counter went backwards. */
static uint64_t
sysstat_delta(uint64_t a, uint64_t b)
{
	return b >= a ? b - a : 0;
}

/* Percentages us/sy/id/wa/st from cur minus base (base zero: since
 * boot); -1 each when no time passed. */
static void
sysstat_cpu_split(const struct sysstat_cpu *base, const struct sysstat_cpu *cur,
                  struct sysstat_row *row)
{
	uint64_t us = sysstat_delta(base->user, cur->user) +
	              sysstat_delta(base->nice, cur->nice);
	uint64_t sy = sysstat_delta(base->system, cur->system) +
	              sysstat_delta(base->irq, cur->irq) +
	              sysstat_delta(base->softirq, cur->softirq);
	uint64_t id = sysstat_delta(base->idle, cur->idle);
	uint64_t wa = sysstat_delta(base->iowait, cur->iowait);
	uint64_t st = sysstat_delta(base->steal, cur->steal);
	uint64_t total = us + sy + id + wa + st;

	if (total == 0) {
		row->us = row->sy = row->id = row->wa = row->st = -1;
		return;
	}
	row->us = (int)((us * 100 + total / 2) / total);
	row->sy = (int)((sy * 100 + total / 2) / total);
	row->wa = (int)((wa * 100 + total / 2) / total);
	row->st = (int)((st * 100 + total / 2) / total);
	row->id = (int)((id * 100 + total / 2) / total);
}

/* kB per second of a page counter from prev to cur over ms, or SNAP_NA. */
static int64_t
sysstat_rate_kbs(int64_t prev, int64_t cur, uint64_t ms, int page_kb)
{
	if (prev == SNAP_NA || cur == SNAP_NA || cur < prev || ms == 0)
		return SNAP_NA;
	return (int64_t)((uint64_t)(cur - prev) * (uint64_t)page_kb * 1000u /
	                 ms);
}

/* Make one row. */
void
sysstat_row_make(const struct sysstat *st, const struct sysstat_raw *cur,
                 const struct snapshot *s, int page_kb, struct sysstat_row *row)
{
	static const struct sysstat_cpu zero;
	bool prev = st != NULL && st->have_prev;
	uint64_t ms =
	    prev && s->mono_ms > st->prev_ms ? s->mono_ms - st->prev_ms : 0;

	row->mono_ms = s->mono_ms;
	row->span_ms = ms;
	row->r = cur->procs_running;
	row->b = cur->procs_blocked;
	row->si_kbs = row->so_kbs = SNAP_NA;
	if (prev) {
		row->si_kbs = sysstat_rate_kbs(st->prev_pswpin,
		                               s->vmstat.pswpin, ms, page_kb);
		row->so_kbs = sysstat_rate_kbs(st->prev_pswpout,
		                               s->vmstat.pswpout, ms, page_kb);
	}
	row->free_kb = s->mem.free_kb;
	row->buffcache_kb = SNAP_NA;
	if (s->mem.buffers_kb != SNAP_NA && s->mem.cached_kb != SNAP_NA)
		row->buffcache_kb = s->mem.buffers_kb + s->mem.cached_kb;
	if (!cur->stat_valid) {
		row->us = row->sy = row->id = row->wa = row->st = -1;
		return;
	}
	sysstat_cpu_split(prev && st->prev.stat_valid ? &st->prev.cpu : &zero,
	                  &cur->cpu, row);
}

/* Push this sample's row. */
void
sysstat_push(struct sysstat *st, const struct sysstat_raw *cur,
             const struct snapshot *s, int page_kb)
{
	struct sysstat_row row;

	if (st->have_prev) { /* the first sample only primes the deltas */
		sysstat_row_make(st, cur, s, page_kb, &row);
		st->rows[ring_push(&st->ring, NULL)] = row;
	}
	st->have_prev = true;
	st->prev = *cur;
	st->prev_pswpin = s->vmstat.pswpin;
	st->prev_pswpout = s->vmstat.pswpout;
	st->prev_ms = s->mono_ms;
}

/* Rows within the window before the newest. */
size_t
sysstat_recent(const struct sysstat *st)
{
	size_t n = 0;
	uint64_t newest;

	if (st->ring.len == 0)
		return 0;
	newest = sysstat_newest(st, 0)->mono_ms;
	while (n < st->ring.len &&
	       newest - sysstat_newest(st, n)->mono_ms < SYSSTAT_WINDOW_MS)
		n++;
	return n;
}

/* The i-th newest row. */
const struct sysstat_row *
sysstat_newest(const struct sysstat *st, size_t i)
{
	return &st->rows[ring_newest(&st->ring, i)];
}

/* How the last minute fits in cap rows. */
void
sysstat_plan(const struct sysstat *st, size_t cap, struct sysstat_plan *p)
{
	p->rows = sysstat_recent(st);
	if (cap == 0)
		cap = 1;
	p->per = p->rows > cap ? (p->rows + cap - 1) / cap : 1;
	p->shown = (p->rows + p->per - 1) / p->per;
	p->span_ms = 0;
	for (size_t i = 0; i < p->rows; i++)
		p->span_ms += sysstat_newest(st, i)->span_ms;
}

/* A span-weighted sum of one value (us..st as int, -1 unknown). */
struct sysstat_avg {
	uint64_t sum, ms;
	bool known;
};

/* Add v (unknown when negative) weighted by ms. */
static void
sysstat_avg_add(struct sysstat_avg *a, int64_t v, uint64_t ms)
{
	if (v < 0)
		return;
	a->known = true;
	a->sum += (uint64_t)v * (ms ? ms : 1);
	a->ms += ms ? ms : 1;
}

/* The average, or unknown (the value given). */
static int64_t
sysstat_avg_get(const struct sysstat_avg *a, int64_t unknown)
{
	return a->known ? (int64_t)((a->sum + a->ms / 2) / a->ms) : unknown;
}

/* The larger of a and b, SNAP_NA counting as less than any. */
static int64_t
sysstat_peak(int64_t a, int64_t b)
{
	return a == SNAP_NA || (b != SNAP_NA && b > a) ? b : a;
}

/* The k-th newest shown row, merged. */
void
sysstat_merged(const struct sysstat *st, const struct sysstat_plan *p, size_t k,
               struct sysstat_row *out)
{
	struct sysstat_avg avg[7] = {{0}};
	size_t first = k * p->per, last = first + p->per;

	*out = *sysstat_newest(st, first);
	out->span_ms = 0;
	out->r = out->b = SNAP_NA;
	if (last > p->rows)
		last = p->rows;
	for (size_t i = first; i < last; i++) {
		const struct sysstat_row *r = sysstat_newest(st, i);
		const int64_t v[7] = {r->si_kbs == SNAP_NA ? -1 : r->si_kbs,
		                      r->so_kbs == SNAP_NA ? -1 : r->so_kbs,
		                      r->us,
		                      r->sy,
		                      r->id,
		                      r->wa,
		                      r->st};

		out->span_ms += r->span_ms;
		out->r = sysstat_peak(out->r, r->r);
		out->b = sysstat_peak(out->b, r->b);
		for (int j = 0; j < 7; j++)
			sysstat_avg_add(&avg[j], v[j], r->span_ms);
	}
	out->si_kbs = sysstat_avg_get(&avg[0], SNAP_NA);
	out->so_kbs = sysstat_avg_get(&avg[1], SNAP_NA);
	out->us = (int)sysstat_avg_get(&avg[2], -1);
	out->sy = (int)sysstat_avg_get(&avg[3], -1);
	out->id = (int)sysstat_avg_get(&avg[4], -1);
	out->wa = (int)sysstat_avg_get(&avg[5], -1);
	out->st = (int)sysstat_avg_get(&avg[6], -1);
}
