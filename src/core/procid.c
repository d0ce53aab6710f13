/* procid.c: process identity, equality and lookup (see procid.h). */
#include "core/procid.h"

/* Same pid and same start time. */
bool
procid_eq(struct procid a, struct procid b)
{
	return a.pid == b.pid && a.start_time == b.start_time;
}

/* Linear search through the caller's accessor. */
size_t
procid_find(const void *items, size_t n, procid_at_fn at, struct procid id)
{
	for (size_t i = 0; i < n; i++)
		if (procid_eq(at(items, i), id))
			return i;
	return PROCID_NONE;
}

/* Element i of an array of identities. */
struct procid
procid_at(const void *ids, size_t i)
{
	return ((const struct procid *)ids)[i];
}
