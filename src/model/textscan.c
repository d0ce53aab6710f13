/* textscan.c: bounded number and key/value scanning (see textscan.h). */
#include "model/textscan.h"

#include <string.h>

/* Skip spaces and tabs. */
void
textscan_blanks(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* Parse an unsigned decimal with overflow check. */
int
textscan_u64(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	unsigned d;

	if (s >= end || *s < '0' || *s > '9')
		return -1;
	while (s < end && *s >= '0' && *s <= '9') {
		d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

/* Parse a signed decimal in int64_t range. */
int
textscan_i64(const char **p, const char *end, int64_t *out)
{
	const char *s = *p;
	uint64_t v;
	int neg = 0;

	if (s < end && *s == '-') {
		neg = 1;
		s++;
	}
	if (textscan_u64(&s, end, &v) != 0)
		return -1;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -1;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > (uint64_t)INT64_MAX)
			return -1;
		*out = (int64_t)v;
	}
	*p = s;
	return 0;
}

/* Parse a one-integer file. */
int
textscan_int_file(const char *buf, size_t len, int64_t *out)
{
	const char *p = buf, *end = buf + len;
	int64_t v;

	textscan_blanks(&p, end);
	if (textscan_i64(&p, end, &v) != 0)
		return -1;
	textscan_blanks(&p, end);
	if (p < end && *p == '\n')
		p++;
	if (p != end)
		return -1;
	*out = v;
	return 0;
}

/* Index of the key that the line's key equals, or -1. */
static int
keyed_lookup(const char *key, size_t klen, const struct textscan_key *keys,
             size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++) {
		if (keys[i].len == klen && key[0] == keys[i].name[0] &&
		    memcmp(key, keys[i].name, klen) == 0)
			return (int)i;
	}
	return -1;
}

/* Parse "key<sep>value" lines into vals (see textscan.h). */
int
textscan_keyed(const char *buf, size_t len, char sep,
               const struct textscan_key *keys, size_t nkeys, int64_t *vals,
               int64_t na)
{
	const char *p = buf, *end = buf + len, *nl, *s, *v;
	int found = 0, idx;

	for (size_t i = 0; i < nkeys; i++)
		vals[i] = na;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return -1; /* a truncated last line */
		s = memchr(p, sep, (size_t)(nl - p));
		if (s != NULL && s > p &&
		    (idx = keyed_lookup(p, (size_t)(s - p), keys, nkeys)) >=
		        0) {
			v = s + 1;
			textscan_blanks(&v, nl);
			if (textscan_i64(&v, nl, &vals[idx]) != 0)
				return -1;
			if (v < nl && *v != ' ' && *v != '\t')
				return -1; /* "12x" is not a number */
			found++;
		}
		p = nl + 1;
	}
	return found;
}

/* True when a known value is negative. */
int
textscan_any_negative(const int64_t *v, size_t n, int64_t na)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i] != na && v[i] < 0)
			return 1;
	}
	return 0;
}

/* Parse "D[.DD...]" into a double. */
int
textscan_decimal(const char **p, const char *end, double *out)
{
	const char *s = *p;
	uint64_t ip, fp = 0;
	double scale = 1.0;

	if (textscan_u64(&s, end, &ip) != 0)
		return -1;
	if (s < end && *s == '.') {
		s++;
		if (s >= end || *s < '0' || *s > '9')
			return -1;
		while (s < end && *s >= '0' && *s <= '9') {
			if (scale < 1e15) {
				fp = fp * 10 + (uint64_t)(*s - '0');
				scale *= 10.0;
			}
			s++;
		}
	}
	*out = (double)ip + (double)fp / scale;
	*p = s;
	return 0;
}
