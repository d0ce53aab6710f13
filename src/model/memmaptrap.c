/* memmaptrap.c: the memory traps (see memmaptrap.h). */
#include "model/memmaptrap.h"

#include <stdio.h>

#define GIB_KB (1024LL * 1024)

/* Is kb large next to MemTotal (5% of it, or 1G)? */
static bool
large(const struct memmap_all *a, int64_t kb)
{
	int64_t total = a->mi.v[MMF_TOTAL];

	if (kb == SNAP_NA || kb <= 0)
		return false;
	return kb >= GIB_KB || (total != SNAP_NA && kb * 20 >= total);
}

/* The fullest tmpfs mount, when large. */
static bool
trap_tmpfs(const struct memmap_all *a, char *buf, size_t size)
{
	const struct memmap_mount *best = NULL;
	char s[16];

	for (size_t i = 0; i < a->nmounts; i++) {
		const struct memmap_mount *m = &a->mounts[i];
		if (m->used_kb != SNAP_NA &&
		    (best == NULL || m->used_kb > best->used_kb))
			best = m;
	}
	if (best == NULL || !large(a, best->used_kb))
		return false;
	snprintf(buf, size, "%s %s holds %s", best->fstype, best->path,
	         memmap_fmt_kb(best->used_kb, s, sizeof s));
	return true;
}

/* Unreclaimable slab, when large. */
static bool
trap_slab(const struct memmap_all *a, char *buf, size_t size)
{
	int64_t kb = a->mi.v[MMF_SUNRECLAIM];
	char s[16], c[16];

	if (!large(a, kb))
		return false;
	memmap_fmt_kb(kb, s, sizeof s);
	if (a->slab_err == 0 && a->nslabs > 0)
		snprintf(buf, size, "unreclaimable slab %s (%s %s)", s,
		         a->slabs[0].name,
		         memmap_fmt_kb(a->slabs[0].bytes / 1024, c, sizeof c));
	else
		snprintf(buf, size, "unreclaimable slab %s", s);
	return true;
}

/* SUnreclaim above all LRU pages. */
static bool
trap_slab_lru(const struct memmap_all *a, char *buf, size_t size)
{
	int64_t slab = a->mi.v[MMF_SUNRECLAIM], lru = memmap_lru_kb(&a->mi);
	char s[16], l[16];

	if (slab == SNAP_NA || lru == SNAP_NA || slab <= lru)
		return false;
	snprintf(buf, size,
	         "unreclaimable slab %s is more than all LRU pages %s: the "
	         "kernel's sign of a slab leak",
	         memmap_fmt_kb(slab, s, sizeof s),
	         memmap_fmt_kb(lru, l, sizeof l));
	return true;
}

/* Add one page size's pool, idle (free, not reserved by a mapping: at
 * least 0, so one size's Rsvd never cancels another's idle pages) and
 * in-use kB. */
static void
hp_add(const struct memmap_hpsize *h, int64_t kb[3])
{
	int64_t rsvd = h->rsvd == SNAP_NA ? 0 : h->rsvd;

	if (h->size_kb == SNAP_NA || h->total == SNAP_NA ||
	    h->free == SNAP_NA || h->size_kb <= 0 || h->total <= 0)
		return;
	kb[0] += h->total * h->size_kb;
	if (h->free > rsvd)
		kb[1] += (h->free - rsvd) * h->size_kb;
	kb[2] += (h->total - h->free) * h->size_kb;
}

/* A large idle hugetlb pool, over every page size (sysfs), else the
 * default size from meminfo. */
static bool
trap_hugepages(const struct memmap_all *a, char *buf, size_t size)
{
	const int64_t *v = a->mi.v;
	const struct memmap_hpsize dflt = {v[MMF_HP_SIZE], v[MMF_HP_TOTAL],
	                                   v[MMF_HP_FREE], v[MMF_HP_RSVD],
	                                   v[MMF_HP_SURP]};
	int64_t kb[3] = {0, 0, 0}; /* pool, idle, in use */
	char p[16], u[16];

	for (size_t i = 0; i < a->nhp; i++)
		hp_add(&a->hp[i], kb);
	if (a->nhp == 0)
		hp_add(&dflt, kb);
	if (kb[0] <= 0 || !large(a, kb[1]))
		return false;
	snprintf(buf, size, "%s of hugepages in the pool, %s in use",
	         memmap_fmt_kb(kb[0], p, sizeof p),
	         memmap_fmt_kb(kb[2], u, sizeof u));
	return true;
}

/* MemAvailable above MemTotal. */
static bool
trap_container(const struct memmap_all *a, char *buf, size_t size)
{
	const int64_t *v = a->mi.v;

	if (v[MMF_AVAILABLE] == SNAP_NA || v[MMF_TOTAL] == SNAP_NA ||
	    v[MMF_AVAILABLE] <= v[MMF_TOTAL])
		return false;
	snprintf(buf, size,
	         "MemAvailable > MemTotal: probably a container's view");
	return true;
}

/* No swap at all. */
static bool
trap_no_swap(const struct memmap_all *a, char *buf, size_t size)
{
	if (a->mi.v[MMF_SWAPTOTAL] != 0)
		return false;
	snprintf(buf, size,
	         "no swap: anonymous memory can only be freed by killing");
	return true;
}

/* The checks and names, in enum order. */
static const struct {
	bool (*check)(const struct memmap_all *, char *, size_t);
	const char *name;
} traps[MMT_COUNT] = {
    [MMT_TMPFS] = {trap_tmpfs, "tmpfs"},
    [MMT_SLAB] = {trap_slab, "slab"},
    [MMT_SLAB_LRU] = {trap_slab_lru, "slab_lru"},
    [MMT_HUGEPAGES] = {trap_hugepages, "hugepages"},
    [MMT_CONTAINER] = {trap_container, "container"},
    [MMT_NO_SWAP] = {trap_no_swap, "no_swap"},
};

/* One trap. */
bool
memmaptrap_check(enum memmaptrap_kind kind, const struct memmap_all *a,
                 char *buf, size_t size)
{
	if (kind >= MMT_COUNT || size == 0)
		return false;
	buf[0] = '\0';
	return traps[kind].check(a, buf, size);
}

/* Every trap that applies. */
size_t
memmaptrap_find(const struct memmap_all *a, struct memmaptrap *out, size_t cap)
{
	size_t n = 0;

	for (int k = 0; k < MMT_COUNT && n < cap; k++) {
		if (memmaptrap_check((enum memmaptrap_kind)k, a, out[n].text,
		                     sizeof out[n].text)) {
			out[n].kind = (enum memmaptrap_kind)k;
			n++;
		}
	}
	return n;
}

/* The trap's name. */
const char *
memmaptrap_name(enum memmaptrap_kind kind)
{
	return kind < MMT_COUNT ? traps[kind].name : "?";
}
