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
