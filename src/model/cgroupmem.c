/* cgroupmem.c: memory cgroup of a process (see cgroupmem.h). */
#include "model/cgroupmem.h"

#include <string.h>

/* True when the comma-separated list s[0..n) holds word w. */
static bool
list_has(const char *s, size_t n, const char *w, char sep)
{
	size_t wl = strlen(w), i = 0, j;

	while (i < n) {
		j = i;
		while (j < n && s[j] != sep && s[j] != '\n')
			j++;
		if (j - i == wl && memcmp(s + i, w, wl) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

/* True when cgroup.controllers lists memory. */
bool
cgroupmem_controllers_have_memory(const char *buf, size_t len)
{
	return list_has(buf, len, "memory", ' ');
}

/*
 * Walk the lines: call the matcher on each "ID:CTRL:PATH" line. Returns 0
 * with the first matching path, 1 when none matched, -1 when malformed.
 */
static int
cgroup_find(const char *buf, size_t len, bool want_v1, size_t *off,
            size_t *plen)
{
	const char *p = buf, *end = buf + len, *nl, *c1, *c2;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return -1;
		c1 = memchr(p, ':', (size_t)(nl - p));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(nl - c1 - 1)) : NULL;
		if (c1 == NULL || c2 == NULL || c1 == p)
			return -1;
		if (want_v1
		        ? list_has(c1 + 1, (size_t)(c2 - c1 - 1), "memory", ',')
		        : (c2 == c1 + 1 && c1 - p == 1 && *p == '0')) {
			*off = (size_t)(c2 + 1 - buf);
			*plen = (size_t)(nl - c2 - 1);
			return 0;
		}
		p = nl + 1;
	}
	return 1;
}

/* The hierarchy holding the memory controller. */
enum snap_cgroup_mode
cgroupmem_mode(const char *buf, size_t len, bool v2_has_memory)
{
	size_t off, plen;

	if (cgroup_find(buf, len, true, &off, &plen) == 0)
		return SNAP_CGROUP_V1;
	if (v2_has_memory && cgroup_find(buf, len, false, &off, &plen) == 0)
		return SNAP_CGROUP_V2;
	return SNAP_CGROUP_NONE;
}

/* The memory cgroup path for mode. */
int
cgroupmem_path(const char *buf, size_t len, enum snap_cgroup_mode mode,
               size_t *off, size_t *plen)
{
	size_t o, l;

	if (mode == SNAP_CGROUP_NONE)
		return -1;
	if (cgroup_find(buf, len, mode == SNAP_CGROUP_V1, &o, &l) != 0)
		return -1;
	*off = o;
	*plen = l;
	return 0;
}
