/* histbuf: a delta-coded buffer of multi-lane points (see the header). */
#include <stdlib.h>
#include <string.h>

#include "model/histbuf.h"

/* Record headers (see the header). */
#define RUN_MAX 0x7fu
#define POINT_BIT 0x80u
#define GAP_BYTE 0xc0u
/* The most bytes one append writes: a gap, a header, a varint per lane. */
#define APPEND_MAX (1u + 5u + 1u + HISTBUF_LANES * 10u)
/* The smallest buffer allocated. */
#define BUF_MIN 32u

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

/* Make room for APPEND_MAX more bytes: compact or grow. 0 or -1. */
static int
reserve(struct histbuf *b, size_t *bytes)
{
	uint32_t ncap;
	uint8_t *nb;

	if (b->len + APPEND_MAX <= b->cap)
		return 0;
	if (b->off > 0 && b->off >= (b->len - b->off)) {
		memmove(b->buf, b->buf + b->off, b->len - b->off);
		if (b->run_at != HISTBUF_NONE)
			b->run_at -= b->off;
		b->len -= b->off;
		b->off = 0;
		if (b->len + APPEND_MAX <= b->cap)
			return 0;
	}
	ncap = b->cap < BUF_MIN ? BUF_MIN : b->cap * 2;
	while (ncap < b->len + APPEND_MAX)
		ncap *= 2;
	nb = realloc(b->buf, ncap);
	if (nb == NULL)
		return -1;
	*bytes += ncap - b->cap;
	b->buf = nb;
	b->cap = ncap;
	return 0;
}

/* Append a record for the point after b->last: a run or deltas. */
static void
put_record(struct histbuf *b, unsigned lanes, int64_t *tail, uint32_t tick,
           const int64_t *vals)
{
	unsigned mask = 0, l;
	uint8_t *p;

	if (tick > b->last + 1) {
		b->buf[b->len++] = GAP_BYTE;
		b->len += put_varint(b->buf + b->len, tick - b->last - 1);
		b->run_at = HISTBUF_NONE;
	}
	for (l = 0; l < lanes; l++)
		if (vals[l] != tail[l])
			mask |= 1u << l;
	if (mask == 0) {
		if (b->run_at != HISTBUF_NONE && b->buf[b->run_at] < RUN_MAX) {
			b->buf[b->run_at]++;
			return;
		}
		b->run_at = b->len;
		b->buf[b->len++] = 0;
		return;
	}
	p = b->buf + b->len;
	*p = (uint8_t)(POINT_BIT | mask);
	b->len++;
	for (l = 0; l < lanes; l++)
		if (mask & (1u << l)) {
			b->len += put_varint(b->buf + b->len,
			                     zigzag(vals[l] - tail[l]));
			tail[l] = vals[l];
		}
	b->run_at = HISTBUF_NONE;
}

/* Append a point (see the header). */
int
histbuf_append(struct histbuf *b, unsigned lanes, int64_t *head, int64_t *tail,
               uint32_t tick, const int64_t *vals, size_t *bytes)
{
	if (b->n == 0) {
		memcpy(head, vals, lanes * sizeof *vals);
		memcpy(tail, vals, lanes * sizeof *vals);
		b->first = b->last = tick;
		b->off = b->len = 0;
		b->run_at = HISTBUF_NONE;
		b->n = 1;
		return 0;
	}
	if (reserve(b, bytes) != 0)
		return -1;
	put_record(b, lanes, tail, tick, vals);
	b->last = tick;
	b->n++;
	return 0;
}

/* Drop the first point: the next one becomes the head. */
static void
pop_first(struct histbuf *b, unsigned lanes, int64_t *head)
{
	uint32_t p = b->off;
	unsigned l, mask;
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
	mask = h & 0x3fu;
	p++;
	for (l = 0; l < lanes; l++)
		if (mask & (1u << l))
			head[l] += unzigzag(get_varint(b->buf, &p));
	b->off = p;
}

/* Drop points before keep (see the header). */
void
histbuf_trim(struct histbuf *b, unsigned lanes, int64_t *head, uint32_t keep)
{
	while (b->n > 0 && b->first < keep)
		pop_first(b, lanes, head);
}

/* Compact and give back spare capacity (see the header). */
void
histbuf_shrink(struct histbuf *b, uint32_t slack, size_t *bytes)
{
	uint32_t live = b->len - b->off, ncap;
	uint8_t *nb;

	if (b->off > 0) {
		memmove(b->buf, b->buf + b->off, live);
		if (b->run_at != HISTBUF_NONE)
			b->run_at -= b->off;
		b->len = live;
		b->off = 0;
	}
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
                  unsigned lanes, const int64_t *head)
{
	memset(it, 0, sizeof *it);
	it->b = b;
	it->pos = b->off;
	it->left = b->n;
	it->tick = b->first;
	it->lanes = lanes;
	memcpy(it->vals, head, lanes * sizeof *head);
}

/* The next point (see the header). */
bool
histbuf_next(struct histbuf_iter *it, bool *gap)
{
	const uint8_t *buf = it->b->buf;
	unsigned l, mask;
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
	mask = h & 0x3fu;
	for (l = 0; l < it->lanes; l++)
		if (mask & (1u << l))
			it->vals[l] += unzigzag(get_varint(buf, &it->pos));
	return true;
}
