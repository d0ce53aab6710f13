/* psi.c: pressure-stall text parser (see psi.h). */
#include "model/psi.h"

#include <string.h>

#include "model/textscan.h"

/* Parse the "avg10=.. avg60=.. avg300=.. total=.." part of one line. */
static int
psi_parse_line(const char *p, const char *end, struct psi_line *out)
{
	const char *eq, *name;
	size_t nlen;
	unsigned seen = 0;
	uint64_t total;
	double *dst;

	while (p < end) {
		textscan_blanks(&p, end);
		if (p == end)
			break;
		name = p;
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL)
			return -1;
		nlen = (size_t)(eq - name);
		p = eq + 1;
		dst = NULL;
		if (nlen == 5 && memcmp(name, "avg10", 5) == 0)
			dst = &out->avg10, seen |= 1;
		else if (nlen == 5 && memcmp(name, "avg60", 5) == 0)
			dst = &out->avg60, seen |= 2;
		else if (nlen == 6 && memcmp(name, "avg300", 6) == 0)
			dst = &out->avg300, seen |= 4;
		if (dst != NULL) {
			if (textscan_decimal(&p, end, dst) != 0)
				return -1;
		} else if (nlen == 5 && memcmp(name, "total", 5) == 0) {
			if (textscan_u64(&p, end, &total) != 0)
				return -1;
			out->total_us = total;
			seen |= 8;
		} else {
			while (p < end && *p != ' ' && *p != '\t')
				p++; /* an unknown key from a newer kernel */
		}
		if (p < end && *p != ' ' && *p != '\t')
			return -1;
	}
	return seen == 15 ? 0 : -1;
}

/* Mark PSI unavailable. */
void
psi_set_unavailable(struct psi_memory *out, int err)
{
	memset(out, 0, sizeof *out);
	out->valid = false;
	out->err = err;
}

/* Parse /proc/pressure/memory. */
int
psi_parse(const char *buf, size_t len, struct psi_memory *out)
{
	const char *p = buf, *end = buf + len, *nl;
	struct psi_memory m;
	bool some = false, full = false;

	memset(&m, 0, sizeof m);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return -1;
		if (nl - p > 5 && memcmp(p, "some ", 5) == 0 && !some) {
			if (psi_parse_line(p + 5, nl, &m.some) != 0)
				return -1;
			some = true;
		} else if (nl - p > 5 && memcmp(p, "full ", 5) == 0 && !full) {
			if (psi_parse_line(p + 5, nl, &m.full) != 0)
				return -1;
			full = true;
		} else {
			return -1;
		}
		p = nl + 1;
	}
	if (!some)
		return -1;
	m.valid = true;
	m.full_valid = full;
	m.err = 0;
	*out = m;
	return 0;
}
