/* kscan.c: bounded cursor helpers for kernel text (see kscan.h). */
#include "model/kscan.h"

#include <string.h>

#include "model/textscan.h"

/* Start a cursor over len bytes of s. */
void
kscan_init(struct kscan *k, const char *s, size_t len)
{
	k->p = s;
	k->end = s + len;
}

/* Bytes left. */
size_t
kscan_left(const struct kscan *k)
{
	return (size_t)(k->end - k->p);
}

/* Skip spaces and tabs. */
size_t
kscan_spaces(struct kscan *k)
{
	const char *start = k->p;

	textscan_blanks(&k->p, k->end);
	return (size_t)(k->p - start);
}

/* Consume lit when it comes next. */
bool
kscan_lit(struct kscan *k, const char *lit)
{
	size_t n = strlen(lit);

	if (kscan_left(k) < n || memcmp(k->p, lit, n) != 0)
		return false;
	k->p += n;
	return true;
}

/* Consume one byte c when it comes next. */
bool
kscan_char(struct kscan *k, char c)
{
	if (k->p >= k->end || *k->p != c)
		return false;
	k->p++;
	return true;
}

/* Decimal digits into a uint64_t, failing on overflow. */
bool
kscan_u64(struct kscan *k, uint64_t *out)
{
	return textscan_u64(&k->p, k->end, out) == 0;
}

/* Signed decimal that fits int64_t. */
bool
kscan_i64(struct kscan *k, int64_t *out)
{
	return textscan_i64(&k->p, k->end, out) == 0;
}

/* Value of one hex digit, or -1. */
int
kscan_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* memmem over a bounded buffer. */
const char *
kscan_memmem(const char *hay, size_t hay_len, const char *needle,
             size_t needle_len)
{
	const char *p = hay, *end = hay + hay_len;

	while ((size_t)(end - p) >= needle_len) {
		p = memchr(p, needle[0], (size_t)(end - p) - needle_len + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, needle_len) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Last occurrence of needle in hay. */
const char *
kscan_memrmem(const char *hay, size_t hay_len, const char *needle,
              size_t needle_len)
{
	const char *p;

	if (needle_len == 0 || hay_len < needle_len)
		return NULL;
	for (p = hay + hay_len - needle_len;; p--) {
		if (*p == needle[0] && memcmp(p, needle, needle_len) == 0)
			return p;
		if (p == hay)
			return NULL;
	}
}

/* "HH:MM:SS" into seconds of the day. */
bool
kscan_clock(struct kscan *k, int64_t *secs)
{
	struct kscan save = *k;
	uint64_t h, m, s;

	if (kscan_left(k) >= 8 && kscan_u64(k, &h) && h < 24 &&
	    kscan_char(k, ':') && kscan_u64(k, &m) && m < 60 &&
	    kscan_char(k, ':') && kscan_u64(k, &s) && s <= 60) {
		*secs = (int64_t)(h * 3600 + m * 60 + s);
		return true;
	}
	*k = save;
	return false;
}

/* A non-empty run of bytes other than space, tab and stop. */
bool
kscan_token(struct kscan *k, char stop, const char **tok, size_t *len)
{
	const char *q = k->p;

	while (q < k->end && *q != ' ' && *q != '\t' && *q != stop)
		q++;
	if (q == k->p)
		return false;
	*tok = k->p;
	*len = (size_t)(q - k->p);
	k->p = q;
	return true;
}

/* Digits of a fraction of a second (any count, the first six kept) as
 * microseconds. */
int64_t
kscan_fraction(struct kscan *k)
{
	int64_t usec = 0, scale = 1000000;

	while (k->p < k->end && *k->p >= '0' && *k->p <= '9') {
		if (scale > 1) {
			scale /= 10;
			usec += (*k->p - '0') * scale;
		}
		k->p++;
	}
	return usec;
}

/* Offset east of UTC of a zone token, in seconds. */
bool
kscan_zone(const char *tok, size_t len, int64_t *secs)
{
	struct kscan k;
	uint64_t zh, zm = 0;
	size_t digits;
	char sign;

	if ((len == 1 && tok[0] == 'Z') ||
	    (len == 3 &&
	     (memcmp(tok, "UTC", 3) == 0 || memcmp(tok, "GMT", 3) == 0))) {
		*secs = 0;
		return true;
	}
	if (len < 3 || (tok[0] != '+' && tok[0] != '-'))
		return false;
	sign = tok[0];
	kscan_init(&k, tok + 1, len - 1);
	if (!kscan_u64(&k, &zh))
		return false;
	digits = len - 1 - kscan_left(&k);
	if (digits == 4) { /* "+0100" */
		zm = zh % 100;
		zh /= 100;
	} else if (digits != 2 ||
	           (kscan_char(&k, ':') &&
	            (kscan_left(&k) != 2 || !kscan_u64(&k, &zm)))) {
		return false;
	}
	if (kscan_left(&k) != 0 || zh > 23 || zm > 59)
		return false;
	*secs = (int64_t)(zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
	return true;
}

/* "YYYY-MM-DD" with a year from 1970 to 9999. */
bool
kscan_ymd(struct kscan *k, unsigned *year, unsigned *month, unsigned *day)
{
	struct kscan save = *k;
	uint64_t y, mo, d;

	if (!kscan_u64(k, &y) || y < 1970 || y > 9999 || !kscan_char(k, '-') ||
	    !kscan_u64(k, &mo) || mo < 1 || mo > 12 || !kscan_char(k, '-') ||
	    !kscan_u64(k, &d) || d < 1 || d > 31) {
		*k = save;
		return false;
	}
	*year = (unsigned)y;
	*month = (unsigned)mo;
	*day = (unsigned)d;
	return true;
}

/* Where the message starts: after blanks and a printk caller field. */
size_t
kscan_message_start(const char *s, size_t len)
{
	struct kscan k, f;
	uint64_t id;

	kscan_init(&k, s, len);
	kscan_spaces(&k);
	f = k;
	if (kscan_char(&f, '[')) {
		kscan_spaces(&f);
		if ((kscan_char(&f, 'T') || kscan_char(&f, 'C')) &&
		    kscan_u64(&f, &id) && kscan_char(&f, ']')) {
			kscan_spaces(&f);
			k = f;
		}
	}
	return (size_t)(k.p - s);
}
