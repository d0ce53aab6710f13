/*
 * memsize.c: sizes as typed and read, the limit step and its rule (see
 * memsize.h).
 */
#include "model/memsize.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model/cgmem.h"
#include "model/snapshot.h"

#define MEMSIZE_TOP (1LL << 62)

/* The shift of a unit letter (0 bytes, 10 K, ...), or -1. */
static int
memsize_shift(char c)
{
	switch (c | 0x20) {
	case 'b':
		return 0;
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	default:
		return -1;
	}
}

/* Skip spaces at both ends of [*s, *s + *len). */
static void
memsize_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Does the suffix [s, s + len) name a unit? Its shift, else -1. */
static int
memsize_suffix(const char *s, size_t len)
{
	int sh;

	if (len == 0)
		return 0;
	sh = memsize_shift(s[0]);
	if (sh < 0 || len > 3)
		return -1;
	if (len == 1)
		return sh;
	if (sh == 0)
		return -1; /* "BB" */
	if (len == 2 && (s[1] | 0x20) == 'b')
		return sh;
	if (len == 3 && (s[1] | 0x20) == 'i' && (s[2] | 0x20) == 'b')
		return sh;
	return -1;
}

/* Parse a size. */
int
memsize_parse(const char *s, size_t len, int64_t *bytes)
{
	uint64_t whole = 0, frac = 0, scale = 1;
	size_t i = 0;
	bool digits = false;
	int sh;

	memsize_trim(&s, &len);
	if (len == 3 && strncmp(s, "max", 3) == 0) {
		*bytes = CGMEM_UNLIMITED;
		return 0;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits = true) {
		whole = whole * 10 + (uint64_t)(s[i] - '0');
		if (whole > (uint64_t)MEMSIZE_TOP)
			return -ERANGE;
	}
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9';
		     i++, digits = true)
			if (scale < 1000000000) {
				frac = frac * 10 + (uint64_t)(s[i] - '0');
				scale *= 10;
			}
	sh = memsize_suffix(s + i, len - i);
	if (!digits || sh < 0)
		return -EINVAL;
	if (whole > ((uint64_t)MEMSIZE_TOP >> sh))
		return -ERANGE;
	whole = (whole << sh) + (frac << sh) / scale;
	if (whole == 0)
		return -EINVAL;
	*bytes = (int64_t)whole;
	return 0;
}

/* Format a size. */
size_t
memsize_format(int64_t bytes, char *buf, size_t size)
{
	static const char units[] = "BKMGT";
	int u = 0, n;

	if (bytes == CGMEM_UNLIMITED)
		n = snprintf(buf, size, "max");
	else if (bytes == SNAP_NA || bytes < 0)
		n = snprintf(buf, size, "N/A");
	else {
		while (u < 4 && bytes >= (1LL << (10 * (u + 1))))
			u++;
		if (bytes % (1LL << (10 * u)) == 0)
			n = snprintf(buf, size, "%lld%c",
			             (long long)(bytes >> (10 * u)), units[u]);
		else
			n = snprintf(buf, size, "%.1f%c",
			             (double)bytes / (double)(1LL << (10 * u)),
			             units[u]);
	}
	if (n < 0)
		n = 0;
	return size == 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
}

/* Is v a byte count (not unlimited, not unknown)? */
static bool
memsize_known(int64_t v)
{
	return v != SNAP_NA && v != CGMEM_UNLIMITED && v >= 0;
}

/* The step. */
int64_t
memsize_step(int64_t limit, int64_t usage)
{
	int64_t base = memsize_known(limit)   ? limit
	               : memsize_known(usage) ? usage
	                                      : 0;
	int64_t step =
	    (base / 10 + MEMSIZE_MIB / 2) / MEMSIZE_MIB * MEMSIZE_MIB;

	return step < MEMSIZE_MIB ? MEMSIZE_MIB : step;
}

/* The limit a step gives. */
int64_t
memsize_stepped(int64_t limit, int64_t usage, bool up)
{
	int64_t step = memsize_step(limit, usage), v;

	if (!memsize_known(limit)) {
		if (limit == CGMEM_UNLIMITED && up)
			return CGMEM_UNLIMITED;
		return memsize_known(usage) ? usage + step : SNAP_NA;
	}
	if (up)
		return limit > MEMSIZE_TOP - step ? MEMSIZE_TOP : limit + step;
	v = limit - step;
	return v < MEMSIZE_MIB ? MEMSIZE_MIB : v;
}

/* Decide a limit change. */
enum policy_verdict
memsize_decide(const struct memsize_facts *f, enum memsize_reason *reason)
{
	*reason = MEMSIZE_R_NONE;
	if (f->read_only)
		*reason = MEMSIZE_R_READ_ONLY;
	else if (f->root)
		*reason = MEMSIZE_R_ROOT;
	else if (f->new_limit == f->old_limit)
		*reason = MEMSIZE_R_SAME;
	if (*reason != MEMSIZE_R_NONE)
		return POLICY_REFUSE;
	if (f->new_limit != CGMEM_UNLIMITED &&
	    (!memsize_known(f->usage) || f->new_limit < f->usage)) {
		*reason = MEMSIZE_R_BELOW;
		return POLICY_CONFIRM;
	}
	return POLICY_ALLOW;
}

/* The words for a reason. */
const char *
memsize_reason_text(enum memsize_reason r)
{
	switch (r) {
	case MEMSIZE_R_READ_ONLY:
		return "refused: oomwatch runs with --read-only";
	case MEMSIZE_R_ROOT:
		return "refused: oomwatch never changes the root cgroup";
	case MEMSIZE_R_SAME:
		return "the limit is already that value";
	case MEMSIZE_R_BELOW:
		return "below the usage: the kernel reclaims or OOM-kills in "
		       "this cgroup at once";
	case MEMSIZE_R_NONE:
	default:
		return "";
	}
}
