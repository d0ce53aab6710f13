/* histbuf: a delta-coded buffer of multi-lane points (see the header). */
#include <stdlib.h>
#include <string.h>

#include "model/histbuf.h"

/* Record headers (see the header). */
#define RUN_MAX 0x3fu
#define SMALL_BIT 0x40u
/* A small record's lane-0 delta in pages: (byte & 0x3f) - SMALL_BIAS. */
#define SMALL_BIAS 32
#define POINT_BIT 0x80u
#define GAP_BYTE 0xc0u
#define PAGE_BITS 0xc0u
/* Deltas that are all multiples of a 4 kB page are coded in pages. */
#define PAGE_KB 4
/* The most bytes one record takes: a gap, a header, a varint per lane. */
#define APPEND_MAX (1u + 5u + 1u + HISTBUF_LANES * 10u)
/* The smallest buffer allocated. */
#define BUF_MIN 16u

/* Zigzag: small magnitudes of either sign become small unsigned values. */
static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

/* The inverse of zigzag. */
static int64_t
unzigzag(uint64_t u)
{
	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* Write v as a varint at p; the bytes written. */
static uint32_t
put_varint(uint8_t *p, uint64_t v)
{
	uint32_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

/* Read a varint at buf[*pos] (the writer's bytes, so well formed). */
static uint64_t
get_varint(const uint8_t *buf, uint32_t *pos)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t c;

	do {
		c = buf[(*pos)++];
		if (shift < 64)
			v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return v;
}

/* Move the live bytes to the front of the buffer. */
static void
compact(struct histbuf *b)
{
	if (b->off == 0)
		return;
	memmove(b->buf, b->buf + b->off, b->len - b->off);
	if (b->run_at != HISTBUF_NONE)
		b->run_at -= b->off;
	b->len -= b->off;
	b->off = 0;
}

/* Reallocate b to ncap bytes (its live bytes at the front). 0 or -1. */
static int
resize(struct histbuf *b, uint32_t ncap, size_t *bytes)
{
	uint8_t *nb = realloc(b->buf, ncap);

	if (nb == NULL)
		return -1;
	*bytes += ncap;
	*bytes -= b->cap;
	b->buf = nb;
	b->cap = ncap;
	return 0;
}

/*
 * Make room for need more bytes. When bytes were trimmed from the front
 * (the window slides) and moving the live ones down frees a sixteenth of
 * the buffer, do that; a buffer more than a quarter empty then shrinks to
 * its live bytes plus an eighth, so a sliding window holds about 9/8 of
 * its live bytes and each byte moves once per eighth appended. Else grow
 * by half. 0 or -1.
 */
static int
reserve(struct histbuf *b, uint32_t need, size_t *bytes)
{
	uint32_t ncap, live = b->len - b->off, room = b->cap - live;

	if (b->len + need <= b->cap)
		return 0;
	if (room >= need && room >= b->cap / 16) {
		compact(b);
		ncap = live + need + live / 8;
		if (room > b->cap / 4 && ncap >= BUF_MIN)
			(void)resize(b, ncap, bytes);
		return 0;
	}
	ncap = b->cap < BUF_MIN ? BUF_MIN : b->cap + b->cap / 2;
	while (ncap < live + need)
		ncap += ncap / 2;
	compact(b);
	return resize(b, ncap, bytes);
}

/* The lanes of a shape, and the lanes that follow lane 0. */
#define LANES(shape) ((shape)&0xffu)
#define FOLLOW(shape) ((shape) >> 8)

/* Code the deltas of vals from tail into c[]; their mask. *unit: PAGE_KB
 * when every delta is a multiple of it, else 1. */
static unsigned
deltas(unsigned shape, const int64_t *tail, const int64_t *vals, int64_t *c,
       int64_t *unit)
{
	unsigned mask = 0, l;

	*unit = PAGE_KB;
	for (l = 0; l < LANES(shape); l++) {
		c[l] = vals[l] - tail[l];
		if (l > 0 && (FOLLOW(shape) & (1u << l)))
			c[l] -= vals[0] - tail[0];
		if (c[l] != 0)
			mask |= 1u << l;
		if (c[l] % PAGE_KB != 0)
			*unit = 1;
	}
	return mask;
}

/* Code the record of the point at tick into rec (APPEND_MAX bytes): a
 * gap when ticks were skipped, then a new run or the deltas. Its length;
 * *run_off: the new run byte's offset in rec, or HISTBUF_NONE. */
static uint32_t
code_record(const struct histbuf *b, unsigned shape, const int64_t *tail,
            uint32_t tick, const int64_t *vals, uint8_t *rec, uint32_t *run_off)
{
	int64_t c[HISTBUF_LANES], unit;
	unsigned mask = deltas(shape, tail, vals, c, &unit), l;
	uint32_t n = 0;

	*run_off = HISTBUF_NONE;
	if (tick > b->last + 1) {
		rec[n++] = GAP_BYTE;
		n += put_varint(rec + n, tick - b->last - 1);
	}
	if (mask == 0) {
		*run_off = n;
		rec[n++] = 0;
		return n;
	}
	if (mask == 1 && unit == PAGE_KB && c[0] / PAGE_KB >= -SMALL_BIAS &&
	    c[0] / PAGE_KB < SMALL_BIAS) {
		rec[n++] = (uint8_t)(SMALL_BIT + c[0] / PAGE_KB + SMALL_BIAS);
		return n;
	}
	rec[n++] = (uint8_t)((unit == PAGE_KB ? PAGE_BITS : POINT_BIT) | mask);
	for (l = 0; l < LANES(shape); l++)
		if (mask & (1u << l))
			n += put_varint(rec + n, zigzag(c[l] / unit));
	return n;
}

/* True when the point at tick repeats the last values right after it,
 * and the open run has room: it costs no byte. */
static bool
extends_run(const struct histbuf *b, unsigned shape, const int64_t *tail,
            uint32_t tick, const int64_t *vals)
{
	return tick == b->last + 1 && b->run_at != HISTBUF_NONE &&
	       b->buf[b->run_at] < RUN_MAX &&
	       memcmp(tail, vals, LANES(shape) * sizeof *vals) == 0;
}

/* Append a point (see the header). */
int
histbuf_append(struct histbuf *b, unsigned shape, int64_t *head, int64_t *tail,
               uint32_t tick, const int64_t *vals, size_t *bytes)
{
	uint8_t rec[APPEND_MAX];
	uint32_t len, run_off;

	if (b->n == 0) {
		memcpy(head, vals, LANES(shape) * sizeof *vals);
		memcpy(tail, vals, LANES(shape) * sizeof *vals);
		b->first = b->last = tick;
		b->off = b->len = 0;
		b->run_at = HISTBUF_NONE;
		b->n = 1;
		return 0;
	}
	if (extends_run(b, shape, tail, tick, vals)) {
		b->buf[b->run_at]++;
	} else {
		len = code_record(b, shape, tail, tick, vals, rec, &run_off);
		if (reserve(b, len, bytes) != 0)
			return -1;
		memcpy(b->buf + b->len, rec, len);
		b->run_at =
		    run_off == HISTBUF_NONE ? HISTBUF_NONE : b->len + run_off;
		b->len += len;
		memcpy(tail, vals, LANES(shape) * sizeof *vals);
	}
	b->last = tick;
	b->n++;
	return 0;
}

/* Add the deltas of point record h at buf[*pos] to vals. */
static void
get_deltas(const uint8_t *buf, uint32_t *pos, uint8_t h, unsigned shape,
           int64_t *vals)
{
	unsigned l, n = LANES(shape), mask = h & 0x3fu;
	int64_t d[HISTBUF_LANES] = {0}, unit = (h & 0x40u) ? PAGE_KB : 1;

	if (h < POINT_BIT)
		d[0] = ((int64_t)mask - SMALL_BIAS) * PAGE_KB;
	else
		for (l = 0; l < n; l++)
			if (mask & (1u << l))
				d[l] = unzigzag(get_varint(buf, pos)) * unit;
	for (l = 1; l < n; l++)
		if (FOLLOW(shape) & (1u << l))
			d[l] += d[0];
	for (l = 0; l < n; l++)
		vals[l] += d[l];
}

/* Drop the first point: the next one becomes the head. */
static void
pop_first(struct histbuf *b, unsigned shape, int64_t *head)
{
	uint32_t p = b->off;
	uint8_t h;

	if (b->n == 1) {
		b->n = 0;
		b->off = b->len = 0;
		b->run_at = HISTBUF_NONE;
		return;
	}
	h = b->buf[p];
	if (h == GAP_BYTE) {
		p++;
		b->first += (uint32_t)get_varint(b->buf, &p);
		h = b->buf[p];
	}
	b->first++;
	b->n--;
	if (h <= RUN_MAX) {
		if (h > 0) {
			b->buf[p] = (uint8_t)(h - 1);
			b->off = p;
			return;
		}
		if (b->run_at == p)
			b->run_at = HISTBUF_NONE;
		b->off = p + 1;
		return;
	}
	p++;
	get_deltas(b->buf, &p, h, shape, head);
	b->off = p;
}

/* Drop points before keep (see the header). */
void
histbuf_trim(struct histbuf *b, unsigned shape, int64_t *head, uint32_t keep)
{
	while (b->n > 0 && b->first < keep)
		pop_first(b, shape, head);
}

/* Compact and give back spare capacity (see the header). */
void
histbuf_shrink(struct histbuf *b, uint32_t slack, size_t *bytes)
{
	uint32_t live = b->len - b->off, ncap;
	uint8_t *nb;

	compact(b);
	if (live == 0) {
		free(b->buf);
		*bytes -= b->cap;
		b->buf = NULL;
		b->cap = b->len = 0;
		return;
	}
	ncap = live + slack;
	if (ncap >= b->cap)
		return;
	nb = realloc(b->buf, ncap);
	if (nb == NULL)
		return;
	*bytes -= b->cap - ncap;
	b->buf = nb;
	b->cap = ncap;
}

/* Start reading (see the header). */
void
histbuf_iter_init(struct histbuf_iter *it, const struct histbuf *b,
                  unsigned shape, const int64_t *head)
{
	memset(it, 0, sizeof *it);
	it->b = b;
	it->pos = b->off;
	it->left = b->n;
	it->tick = b->first;
	it->shape = shape;
	memcpy(it->vals, head, LANES(shape) * sizeof *head);
}

/* The next point (see the header). */
bool
histbuf_next(struct histbuf_iter *it, bool *gap)
{
	const uint8_t *buf = it->b->buf;
	uint8_t h;

	*gap = false;
	if (it->left == 0)
		return false;
	it->left--;
	if (!it->started) {
		it->started = true;
		return true;
	}
	it->tick++;
	if (it->run_left > 0) {
		it->run_left--;
		return true;
	}
	h = buf[it->pos++];
	if (h == GAP_BYTE) {
		it->tick += (uint32_t)get_varint(buf, &it->pos);
		*gap = true;
		h = buf[it->pos++];
	}
	if (h <= RUN_MAX) {
		it->run_left = h;
		return true;
	}
	get_deltas(buf, &it->pos, h, it->shape, it->vals);
	return true;
}
