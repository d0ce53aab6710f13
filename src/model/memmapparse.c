/* memmapparse.c: mounts, slabinfo, swaps, zram and usage fixtures as
 * bounded text parsers (see memmapparse.h). */
#include "model/memmapparse.h"

#include <errno.h>
#include <string.h>

#include "model/textscan.h"

/* One line of text: [p, nl). */
struct line {
	const char *p, *end;
};

/* The next line at *cur (before end): 1 and *l, or 0 at the end. A last
 * line without a newline still counts (files are read whole). */
static int
next_line(const char **cur, const char *end, struct line *l)
{
	const char *nl;

	if (*cur >= end)
		return 0;
	nl = memchr(*cur, '\n', (size_t)(end - *cur));
	l->p = *cur;
	l->end = nl ? nl : end;
	*cur = nl ? nl + 1 : end;
	return 1;
}

/* The next blank-separated field of l: 1 with [*s, *s + *n), or 0. */
static int
next_field(struct line *l, const char **s, size_t *n)
{
	textscan_blanks(&l->p, l->end);
	if (l->p >= l->end)
		return 0;
	*s = l->p;
	while (l->p < l->end && *l->p != ' ' && *l->p != '\t')
		l->p++;
	*n = (size_t)(l->p - *s);
	return 1;
}

/* The next field as a signed decimal, nothing else in it: 0, or -1. */
static int
next_i64(struct line *l, int64_t *v)
{
	const char *s, *p;
	size_t n;

	if (!next_field(l, &s, &n))
		return -1;
	p = s;
	if (textscan_i64(&p, s + n, v) != 0 || p != s + n)
		return -1;
	return 0;
}

/* Copy n bytes of s into dst (size bytes), NUL-terminated, truncated. */
static void
copy_field(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Everything unknown. */
void
memmapparse_clear(struct memmap_all *a)
{
	memset(a, 0, sizeof *a);
	memmap_clear(&a->mi);
	a->meminfo_err = a->mounts_err = a->slab_err = a->swaps_err = -ENOENT;
	a->zswap_enabled = -1;
	a->zswap_stored_pages = SNAP_NA;
	a->swappiness = SNAP_NA;
}

/* Undo octal escapes. */
void
memmapparse_unescape(const char *src, size_t len, char *dst, size_t size)
{
	size_t o = 0;

	if (size == 0)
		return;
	for (size_t i = 0; i < len && o + 1 < size; i++) {
		if (src[i] == '\\' && i + 3 < len && src[i + 1] >= '0' &&
		    src[i + 1] <= '3' && src[i + 2] >= '0' &&
		    src[i + 2] <= '7' && src[i + 3] >= '0' &&
		    src[i + 3] <= '7') {
			dst[o++] =
			    (char)((src[i + 1] - '0') * 64 +
			           (src[i + 2] - '0') * 8 + (src[i + 3] - '0'));
			i += 3;
		} else {
			dst[o++] = src[i];
		}
	}
	dst[o] = '\0';
}

/* Drop the kept mount on path, if any (a mount stacked on it hides it):
 * whether one was dropped. */
static bool
memmapparse_unmount(struct memmap_mount *out, size_t *kept, const char *path)
{
	for (size_t i = 0; i < *kept; i++) {
		if (strcmp(out[i].path, path) != 0)
			continue;
		memmove(&out[i], &out[i + 1], (*kept - i - 1) * sizeof *out);
		(*kept)--;
		return true;
	}
	return false;
}

/* Keep the tmpfs and ramfs mounts. */
int
memmapparse_mounts(const char *buf, size_t len, struct memmap_mount *out,
                   size_t cap, size_t *found)
{
	const char *cur = buf, *end = buf + len, *dev, *dir, *type;
	size_t ndev, ndir, ntype, kept = 0;
	char path[MEMMAP_PATH_MAX];
	struct line l;

	*found = 0;
	while (next_line(&cur, end, &l)) {
		if (!next_field(&l, &dev, &ndev))
			continue; /* an empty line */
		if (!next_field(&l, &dir, &ndir) ||
		    !next_field(&l, &type, &ntype))
			return -1;
		memmapparse_unescape(dir, ndir, path, sizeof path);
		/* a later mount on the same path hides the earlier one */
		if (memmapparse_unmount(out, &kept, path))
			(*found)--;
		if (!(ntype == 5 && memcmp(type, "tmpfs", 5) == 0) &&
		    !(ntype == 5 && memcmp(type, "ramfs", 5) == 0))
			continue;
		(*found)++;
		if (kept >= cap)
			continue;
		memcpy(out[kept].path, path, sizeof path);
		copy_field(out[kept].fstype, sizeof out[kept].fstype, type,
		           ntype);
		out[kept].used_kb = out[kept].size_kb = SNAP_NA;
		out[kept].err = 0;
		kept++;
	}
	return (int)kept;
}

/* Does a sort before b: largest used first, unknown last, then by path? */
static bool
mount_before(const struct memmap_mount *a, const struct memmap_mount *b)
{
	if (a->used_kb != b->used_kb) {
		if (a->used_kb == SNAP_NA || b->used_kb == SNAP_NA)
			return b->used_kb == SNAP_NA;
		return a->used_kb > b->used_kb;
	}
	return strcmp(a->path, b->path) < 0;
}

/* Sort the mounts: an insertion sort in place (at most MEMMAP_MOUNTS_MAX
 * of them; qsort may allocate). */
void
memmapparse_sort_mounts(struct memmap_mount *m, size_t n)
{
	struct memmap_mount t;

	for (size_t i = 1; i < n; i++) {
		size_t j = i;
		if (!mount_before(&m[i], &m[i - 1]))
			continue;
		t = m[i];
		while (j > 0 && mount_before(&t, &m[j - 1])) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = t;
	}
}

/* Put cache c into the top list out[0..*n) (cap), largest first. */
static void
slab_keep(struct memmap_slab *out, size_t cap, size_t *n,
          const struct memmap_slab *c)
{
	size_t i = *n;

	if (cap == 0)
		return;
	if (i == cap) {
		if (c->bytes <= out[cap - 1].bytes)
			return;
		i = cap - 1;
	} else {
		(*n)++;
	}
	while (i > 0 && out[i - 1].bytes < c->bytes) {
		out[i] = out[i - 1];
		i--;
	}
	out[i] = *c;
}

/* The "slabinfo - version: 2.x" header: 0, or -1. */
static int
slab_header(const char **cur, const char *end)
{
	static const char head[] = "slabinfo - version: 2.";
	struct line l;

	if (!next_line(cur, end, &l) ||
	    (size_t)(l.end - l.p) < sizeof head - 1 ||
	    memcmp(l.p, head, sizeof head - 1) != 0)
		return -1;
	return 0;
}

/* The largest slab caches. */
int
memmapparse_slabinfo(const char *buf, size_t len, struct memmap_slab *out,
                     size_t cap, size_t *ncaches, int64_t *total_bytes)
{
	const char *cur = buf, *end = buf + len, *name;
	size_t n = 0, nname;
	int64_t active;
	struct memmap_slab c;
	struct line l;

	*ncaches = 0;
	*total_bytes = 0;
	if (slab_header(&cur, end) != 0)
		return -1;
	while (next_line(&cur, end, &l)) {
		if (!next_field(&l, &name, &nname) || name[0] == '#')
			continue;
		if (next_i64(&l, &active) != 0 || next_i64(&l, &c.objs) != 0 ||
		    next_i64(&l, &c.objsize) != 0 || c.objs < 0 ||
		    c.objsize < 0 ||
		    (c.objsize > 0 && c.objs > INT64_MAX / c.objsize))
			return -1;
		copy_field(c.name, sizeof c.name, name, nname);
		c.bytes = c.objs * c.objsize;
		if (*total_bytes <= INT64_MAX - c.bytes)
			*total_bytes += c.bytes;
		(*ncaches)++;
		slab_keep(out, cap, &n, &c);
	}
	return (int)n;
}

/* Every swap area. */
int
memmapparse_swaps(const char *buf, size_t len, struct memmap_swap *out,
                  size_t cap, size_t *found)
{
	const char *cur = buf, *end = buf + len, *name, *type;
	size_t nname, ntype, kept = 0;
	struct memmap_swap w;
	struct line l;

	*found = 0;
	if (!next_line(&cur, end, &l))
		return 0; /* empty: no header, no swap */
	if ((size_t)(l.end - l.p) < 8 || memcmp(l.p, "Filename", 8) != 0)
		return -1;
	while (next_line(&cur, end, &l)) {
		if (!next_field(&l, &name, &nname))
			continue;
		if (!next_field(&l, &type, &ntype) ||
		    next_i64(&l, &w.size_kb) != 0 ||
		    next_i64(&l, &w.used_kb) != 0 ||
		    next_i64(&l, &w.prio) != 0 || w.size_kb < 0 ||
		    w.used_kb < 0)
			return -1;
		(*found)++;
		if (kept >= cap)
			continue;
		memmapparse_unescape(name, nname, w.name, sizeof w.name);
		copy_field(w.type, sizeof w.type, type, ntype);
		out[kept++] = w;
	}
	return (int)kept;
}

/* zram's mm_stat. */
int
memmapparse_mm_stat(const char *buf, size_t len, struct memmap_zram *z)
{
	struct line l = {buf, buf + len};
	int64_t v[3];

	if (len > 0 && buf[len - 1] == '\n')
		l.end--;
	for (int i = 0; i < 3; i++)
		if (next_i64(&l, &v[i]) != 0 || v[i] < 0)
			return -1;
	z->orig_bytes = v[0];
	z->compr_bytes = v[1];
	z->used_bytes = v[2];
	return 0;
}

/* The usage fixture's line for path. */
int
memmapparse_usage(const char *buf, size_t len, const char *path,
                  int64_t *used_kb, int64_t *size_kb)
{
	const char *cur = buf, *end = buf + len, *name;
	char p[MEMMAP_PATH_MAX];
	size_t nname;
	struct line l;

	while (next_line(&cur, end, &l)) {
		if (!next_field(&l, &name, &nname))
			continue;
		memmapparse_unescape(name, nname, p, sizeof p);
		if (strcmp(p, path) != 0)
			continue;
		if (next_i64(&l, used_kb) != 0 || next_i64(&l, size_kb) != 0 ||
		    *used_kb < 0 || *size_kb < 0)
			return -1;
		return 0;
	}
	return -1;
}
