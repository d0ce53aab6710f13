/* idcache.c: the process identity cache (see idcache.h). */
#include "collect/idcache.h"

#include <errno.h>
#include <stdlib.h>

struct idcache {
	struct idcache_entry *prev, *cur; /* looked up; being added */
	size_t nprev, ncur, prev_cap, cur_cap;
	size_t cursor; /* in prev: the entry after the last hit */
};

/* An empty cache. */
struct idcache *
idcache_new(void)
{
	return calloc(1, sizeof(struct idcache));
}

/* Free the cache. */
void
idcache_free(struct idcache *ic)
{
	if (ic == NULL)
		return;
	free(ic->prev);
	free(ic->cur);
	free(ic);
}

/* qsort comparator: by pid. */
static int
idcache_cmp(const void *a, const void *b)
{
	int32_t x = ((const struct idcache_entry *)a)->pid;
	int32_t y = ((const struct idcache_entry *)b)->pid;

	return (x > y) - (x < y);
}

/* Start a refresh: sort what was added, look it up from now on. */
void
idcache_begin(struct idcache *ic)
{
	struct idcache_entry *t = ic->prev;
	size_t cap = ic->prev_cap;

	for (size_t i = 1; i < ic->ncur; i++) {
		if (ic->cur[i - 1].pid > ic->cur[i].pid) {
			qsort(ic->cur, ic->ncur, sizeof *ic->cur, idcache_cmp);
			break;
		}
	}
	ic->prev = ic->cur;
	ic->nprev = ic->ncur;
	ic->prev_cap = ic->cur_cap;
	ic->cur = t;
	ic->cur_cap = cap;
	ic->ncur = 0;
	ic->cursor = 0;
}

/* The last refresh's entry for (pid, dir_ino), or NULL. */
const struct idcache_entry *
idcache_find(struct idcache *ic, int32_t pid, uint64_t dir_ino)
{
	size_t lo = 0, hi = ic->nprev, i = ic->cursor;

	if (i >= ic->nprev || ic->prev[i].pid != pid) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (ic->prev[mid].pid < pid)
				lo = mid + 1;
			else
				hi = mid;
		}
		i = lo;
		if (i >= ic->nprev || ic->prev[i].pid != pid)
			return NULL;
	}
	ic->cursor = i + 1;
	return ic->prev[i].dir_ino == dir_ino ? &ic->prev[i] : NULL;
}

/* Remember a process for the next refresh. */
int
idcache_add(struct idcache *ic, const struct idcache_entry *e)
{
	struct idcache_entry *n;
	size_t cap;

	if (ic->ncur == ic->cur_cap) {
		cap = ic->cur_cap ? ic->cur_cap * 2 : 256;
		n = realloc(ic->cur, cap * sizeof *n);
		if (n == NULL)
			return -ENOMEM;
		ic->cur = n;
		ic->cur_cap = cap;
	}
	ic->cur[ic->ncur++] = *e;
	return 0;
}

/* Entries added in this refresh. */
size_t
idcache_count(const struct idcache *ic)
{
	return ic->ncur;
}
