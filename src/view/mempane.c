/*
 * mempane.c: the Memory screen (see view/mempane.h). One walk over the
 * lines both counts them (s NULL) and draws the ones in the window, so
 * the count, the scroll limit and the drawing cannot disagree.
 */
#include "view/mempane.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/columns.h"
#include "view/dash.h"
#include "view/draw.h"

/* Each row's glyph in the bar and the table, and its role. */
static const struct {
	char glyph;
	enum theme_role role;
} parts[MMR_COUNT] = {
    [MMR_ANON] = {'#', THEME_MEM_USED},
    [MMR_CACHE] = {'=', THEME_MEM_CACHE},
    [MMR_SHMEM] = {'s', THEME_MEM_SWAP},
    [MMR_SLAB_RECL] = {'r', THEME_RISK_LOW},
    [MMR_SLAB_UNRECL] = {'u', THEME_RISK_MEDIUM},
    [MMR_KSTACK] = {'k', THEME_KLOG_HUNG},
    [MMR_PAGETABLES] = {'p', THEME_KLOG_HUNG},
    [MMR_PERCPU] = {'c', THEME_KLOG_HUNG},
    [MMR_VMALLOC] = {'v', THEME_NORMAL},
    [MMR_HUGEPAGES] = {'h', THEME_PROC_TREE},
    [MMR_ZSWAP] = {'z', THEME_KLOG_USER},
    [MMR_FREE] = {'.', THEME_MEM_FREE},
    [MMR_UNACCOUNTED] = {'?', THEME_KLOG_WARN},
};

/* One walk over the lines: counting (s NULL) or drawing rows
 * [top, top + rows) at r's rows. */
struct walk {
	struct screen *s;
	const struct layout_rect *r;
	const struct dash_memory *m;
	size_t line, top;
	int rows;
};

/* Take the next line: true (and its row in *y) when it is drawn. */
static bool
next(struct walk *w, int *y)
{
	size_t i = w->line++;

	if (w->s == NULL || i < w->top || i - w->top >= (size_t)w->rows)
		return false;
	*y = w->r->y + (int)(i - w->top);
	return true;
}

/* A line of text in role (the format is ours; %s arguments may be raw). */
static void text(struct walk *w, enum theme_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
text(struct walk *w, enum theme_role role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int y;

	if (!next(w, &y))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* a line too long is cut after a whole word, with an ellipsis */
	draw_forms(w->s, y, w->r->x, w->r->w, role,
	           (const char *const[]){buf, NULL}, DRAW_FILL);
}

/* A short name for an errno. */
const char *
mempane_errname(int err, char *buf, size_t size)
{
	static const struct {
		int e;
		const char *name;
	} names[] = {{EACCES, "EACCES"}, {EPERM, "EPERM"},
	             {ENOENT, "ENOENT"}, {EINVAL, "not understood"},
	             {EIO, "EIO"},       {ENOTDIR, "ENOTDIR"}};

	if (err < 0)
		err = -err;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == err)
			return names[i].name;
	snprintf(buf, size, "errno %d", err);
	return buf;
}

/* kB as the tables and the traps write sizes, or N/A (one formatter). */
static const char *
kb_text(int64_t kb, char *buf, size_t size)
{
	return memmap_fmt_kb(kb, buf, size);
}

/* The bar: "MemTotal 7.64G [####====ss..]", each part in its role. */
static void
bar(struct walk *w)
{
	const struct memmap_breakdown *b = w->m->bd;
	char t[16], lead[32];
	int y, x, width, cell = 0;
	int64_t cum = 0;

	if (!next(w, &y))
		return;
	snprintf(lead, sizeof lead, "MemTotal %s ",
	         kb_text(b->total_kb, t, sizeof t));
	x = w->r->x +
	    draw_str(w->s, y, w->r->x, w->r->w, THEME_METER_LABEL, lead, 0);
	width = w->r->x + w->r->w - x;
	draw_fill(w->s, y, x, width, THEME_NORMAL);
	if (width <= 0 || b->total_kb == SNAP_NA || b->total_kb <= 0)
		return;
	for (int i = 0; i < MMR_COUNT; i++) {
		int end;
		char g[2] = {parts[i].glyph, '\0'};
		cum += b->bar_kb[i];
		end = (int)((double)cum * width / (double)b->total_kb);
		for (; cell < end && cell < width; cell++)
			draw_str(w->s, y, x + cell, 1, parts[i].role, g, 0);
	}
}

/* One table row: glyph, name, size, share of MemTotal, meaning. */
static void
row(struct walk *w, enum memmap_row r)
{
	const struct memmap_breakdown *b = w->m->bd;
	char g[2] = {parts[r].glyph, '\0'}, size[16], pct[16], line[400];
	int64_t kb = b->kb[r];
	int y;

	if (!next(w, &y))
		return;
	kb_text(kb, size, sizeof size);
	if (kb == SNAP_NA || b->total_kb <= 0)
		snprintf(pct, sizeof pct, "-");
	else
		snprintf(pct, sizeof pct, "%.1f%%",
		         (double)kb * 100.0 / (double)b->total_kb);
	snprintf(line, sizeof line, " %-18s %7s %6s  %s", memmap_row_name(r),
	         size, pct,
	         r == MMR_UNACCOUNTED && b->over
	             ? "0: the rows add up to more than MemTotal (overlaps)"
	             : memmap_row_meaning(r));
	draw_str(w->s, y, w->r->x, 2, parts[r].role, g, DRAW_FILL);
	draw_forms(w->s, y, w->r->x + 2, w->r->w - 2,
	           kb == SNAP_NA ? THEME_PROC_NA : THEME_NORMAL,
	           (const char *const[]){line, NULL}, DRAW_FILL);
}

/* The table and the overlaps. */
static void
table(struct walk *w)
{
	const char *const *list;
	size_t n = memmap_overlaps(&list);

	text(w, THEME_PROC_HEADER, "K  %-18s %7s %6s  %s", "ROW", "SIZE",
	     "%TOTAL", "MEANING");
	for (int r = 0; r < MMR_COUNT; r++)
		row(w, (enum memmap_row)r);
	text(w, THEME_TITLE, "Counters that overlap%s",
	     w->m->bd->over ? " (the rows add up to more than MemTotal: the "
	                      "bar is scaled)"
	                    : "");
	for (size_t i = 0; i < n; i++)
		text(w, THEME_NORMAL, "  %s", list[i]);
}

/* A count, or N/A. */
static const char *
num_text(int64_t v, char *buf, size_t size)
{
	if (v == SNAP_NA)
		snprintf(buf, size, "N/A");
	else
		snprintf(buf, size, "%" PRId64, v);
	return buf;
}

/* One hugepage size: its page counts and the pool's size. */
static void
hp_line(struct walk *w, const struct memmap_hpsize *h)
{
	char t[16], c[6][24], sz[32];
	int64_t used = h->total == SNAP_NA || h->free == SNAP_NA
	                   ? SNAP_NA
	                   : h->total - h->free;

	snprintf(sz, sizeof sz, "%s kB",
	         num_text(h->size_kb, c[1], sizeof c[1]));
	text(w, THEME_NORMAL, "  %10s %7s %7s %7s %7s %7s %8s", sz,
	     num_text(h->total, c[1], sizeof c[1]),
	     num_text(used, c[5], sizeof c[5]),
	     num_text(h->free, c[2], sizeof c[2]),
	     num_text(h->rsvd, c[3], sizeof c[3]),
	     num_text(h->surp, c[4], sizeof c[4]),
	     kb_text(memmap_mul(h->total, h->size_kb), t, sizeof t));
}

/* Hugepages by size (sys), else the default size from meminfo: the
 * pool (every page set aside, used or not) apart from RSVD (free pages
 * a mapping has been promised, HugePages_Rsvd). */
static void
hugepages(struct walk *w)
{
	const struct memmap_all *a = w->m->all;
	const int64_t *v = a->mi.v;
	const struct memmap_hpsize dflt = {v[MMF_HP_SIZE], v[MMF_HP_TOTAL],
	                                   v[MMF_HP_FREE], v[MMF_HP_RSVD],
	                                   v[MMF_HP_SURP]};

	if (a->nhp == 0 &&
	    (v[MMF_HP_TOTAL] == SNAP_NA || v[MMF_HP_TOTAL] == 0)) {
		text(w, THEME_TITLE, "Hugepages: none in the pool");
		return;
	}
	text(w, THEME_TITLE,
	     "Hugepages by size (POOL: set aside from MemTotal, used or not)");
	text(w, THEME_PROC_HEADER, "  %10s %7s %7s %7s %7s %7s %8s",
	     "PAGE SIZE", "PAGES", "IN USE", "FREE", "RSVD", "SURPLUS", "POOL");
	for (size_t i = 0; i < a->nhp; i++)
		hp_line(w, &a->hp[i]);
	if (a->nhp == 0)
		hp_line(w, &dflt);
	text(w, THEME_NORMAL,
	     "  RSVD: free pages reserved by mappings (HugePages_Rsvd)");
}

/* The tmpfs and ramfs mounts. */
static void
tmpfs(struct walk *w)
{
	const struct memmap_all *a = w->m->all;
	char u[16], z[16], e[24], pct[8], why[64];

	if (a->mounts_err != 0) {
		text(w, THEME_TITLE, "tmpfs: mounts unreadable (%s)",
		     mempane_errname(a->mounts_err, e, sizeof e));
		return;
	}
	text(w, THEME_TITLE, "tmpfs and ramfs: %zu mounts, most used first",
	     a->mounts_found);
	if (a->nmounts > 0)
		text(w, THEME_PROC_HEADER, "  %7s %7s %5s  %s", "USED", "SIZE",
		     "USE%", "MOUNT");
	for (size_t i = 0; i < a->nmounts; i++) {
		const struct memmap_mount *m = &a->mounts[i];
		snprintf(pct, sizeof pct, "-");
		if (m->used_kb != SNAP_NA && m->size_kb > 0)
			snprintf(pct, sizeof pct, "%.0f%%",
			         (double)m->used_kb * 100.0 /
			             (double)m->size_kb);
		if (m->err != 0)
			snprintf(why, sizeof why, " (%s)",
			         mempane_errname(m->err, e, sizeof e));
		else if (strcmp(m->fstype, "ramfs") == 0)
			snprintf(why, sizeof why,
			         " (ramfs: no size limit or usage count)");
		else
			why[0] = '\0';
		text(w, m->err ? THEME_PROC_NA : THEME_NORMAL,
		     "  %7s %7s %5s  %s%s", kb_text(m->used_kb, u, sizeof u),
		     kb_text(m->size_kb, z, sizeof z), pct, m->path, why);
	}
	if (a->mounts_found > a->nmounts)
		text(w, THEME_NORMAL, "  ... %zu more not shown",
		     a->mounts_found - a->nmounts);
}

/* The slab caches and the kernel's warning sign. */
static void
slab(struct walk *w)
{
	const struct memmap_all *a = w->m->all;
	const int64_t *v = a->mi.v;
	int64_t lru = memmap_lru_kb(&a->mi);
	char t[16], l[16], e[24];

	if (a->slab_err == -EACCES || a->slab_err == -EPERM)
		text(w, THEME_TITLE, "Slab: slabinfo: needs root (%s)",
		     mempane_errname(a->slab_err, e, sizeof e));
	else if (a->slab_err != 0)
		text(w, THEME_TITLE, "Slab: slabinfo unreadable (%s)",
		     mempane_errname(a->slab_err, e, sizeof e));
	else
		text(w, THEME_TITLE,
		     "Slab: %zu caches, %s in objects "
		     "(num_objs x objsize), largest first",
		     a->slab_caches,
		     kb_text(a->slab_bytes / 1024, t, sizeof t));
	for (size_t i = 0; i < a->nslabs && i < MEMPANE_SLABS_SHOWN; i++)
		text(w, THEME_NORMAL, "  %7s %10" PRId64 " x %5" PRId64 "  %s",
		     kb_text(a->slabs[i].bytes / 1024, t, sizeof t),
		     a->slabs[i].objs, a->slabs[i].objsize, a->slabs[i].name);
	if (v[MMF_SUNRECLAIM] == SNAP_NA || lru == SNAP_NA)
		return;
	text(w, v[MMF_SUNRECLAIM] > lru ? THEME_RISK_HIGH : THEME_NORMAL,
	     "  SUnreclaim %s, all LRU pages %s (the kernel's warning sign: "
	     "SUnreclaim above them)",
	     kb_text(v[MMF_SUNRECLAIM], t, sizeof t),
	     kb_text(lru, l, sizeof l));
}

/* zswap and zram. */
static void
compressed(struct walk *w)
{
	const struct memmap_all *a = w->m->all;
	char p[16], s[16], o[16], c[16], u[16], pages[48] = "";

	if (a->zswap_stored_pages != SNAP_NA)
		snprintf(pages, sizeof pages, "; %" PRId64 " stored pages",
		         a->zswap_stored_pages);
	text(w, THEME_NORMAL,
	     "  zswap: %s; pool %s holds %s (Zswap, Zswapped)%s",
	     a->zswap_enabled == 1   ? "enabled"
	     : a->zswap_enabled == 0 ? "disabled"
	                             : "not available",
	     kb_text(a->mi.v[MMF_ZSWAP], p, sizeof p),
	     kb_text(a->mi.v[MMF_ZSWAPPED], s, sizeof s), pages);
	for (size_t i = 0; i < a->nzram; i++) {
		if (a->zram[i].disksize_bytes == 0) {
			text(w, THEME_NORMAL,
			     "  zram%d: not set up (disksize 0)",
			     a->zram[i].index);
			continue;
		}
		text(w, THEME_NORMAL,
		     "  zram%d: %s stored in %s compressed, %s of RAM",
		     a->zram[i].index,
		     kb_text(a->zram[i].orig_bytes / 1024, o, sizeof o),
		     kb_text(a->zram[i].compr_bytes / 1024, c, sizeof c),
		     kb_text(a->zram[i].used_bytes / 1024, u, sizeof u));
	}
}

/* The swap areas, zswap, zram and swappiness. */
static void
swap(struct walk *w)
{
	const struct memmap_all *a = w->m->all;
	char sw[24], z[16], u[16], e[24];

	snprintf(sw, sizeof sw, "N/A");
	if (a->swappiness != SNAP_NA)
		snprintf(sw, sizeof sw, "%" PRId64, a->swappiness);
	if (a->swaps_err != 0)
		text(w, THEME_TITLE,
		     "Swap: /proc/swaps unreadable (%s); "
		     "swappiness %s",
		     mempane_errname(a->swaps_err, e, sizeof e), sw);
	else
		text(w, THEME_TITLE, "Swap: %zu areas, swappiness %s",
		     a->swaps_found, sw);
	if (a->nswaps > 0)
		text(w, THEME_PROC_HEADER, "  %-10s %7s %7s %5s  %s", "TYPE",
		     "SIZE", "USED", "PRIO", "NAME");
	for (size_t i = 0; i < a->nswaps; i++)
		text(w, THEME_NORMAL, "  %-10s %7s %7s %5" PRId64 "  %s",
		     a->swaps[i].type,
		     kb_text(a->swaps[i].size_kb, z, sizeof z),
		     kb_text(a->swaps[i].used_kb, u, sizeof u),
		     a->swaps[i].prio, a->swaps[i].name);
	compressed(w);
}

/* The traps that apply. */
static void
traps(struct walk *w)
{
	const struct dash_memory *m = w->m;

	text(w, THEME_TITLE, "Traps: %zu", m->ntraps);
	if (m->ntraps == 0)
		text(w, THEME_NORMAL, "  %s",
		     m->unrecorded != NULL
		         ? "none of those the record shows (the slab, "
		           "hugepage and tmpfs ones: not recorded)"
		         : "none of the known traps");
	for (size_t i = 0; i < m->ntraps; i++)
		text(w, THEME_RISK_HIGH, "  ! %s", m->traps[i].text);
}

/* Walk every line. */
static void
walk_all(struct walk *w)
{
	char e[24];
	int y;

	if (w->m->all == NULL || w->m->bd == NULL) {
		text(w, THEME_NORMAL, "reading /proc/meminfo ...");
		return;
	}
	if (w->m->all->meminfo_err != 0) {
		text(w, THEME_STATUS_ERROR, "/proc/meminfo: %s",
		     mempane_errname(w->m->all->meminfo_err, e, sizeof e));
		return;
	}
	bar(w);
	table(w);
	if (w->m->unrecorded != NULL && next(w, &y))
		draw_forms(w->s, y, w->r->x, w->r->w, THEME_PROC_NA,
		           w->m->unrecorded, DRAW_FILL);
	if (w->m->unrecorded == NULL) {
		hugepages(w);
		tmpfs(w);
		slab(w);
		swap(w);
	}
	traps(w);
}

/* How many lines. */
size_t
mempane_lines(const struct dash_memory *m)
{
	struct walk w = {NULL, NULL, m, 0, 0, 0};

	walk_all(&w);
	return w.line;
}

/* How far it can scroll in r. */
size_t
mempane_max_top(const struct dash_memory *m, const struct layout_rect *r)
{
	size_t n = mempane_lines(m), rows = r->h > 0 ? (size_t)r->h : 0;

	return n > rows ? n - rows : 0;
}

/* The Memory screen's body. */
void
dash_body_memory(struct screen *s, const struct dash_frame *f)
{
	const struct dash_memory *m = f->screen_data;
	const struct layout_rect *r = &f->layout->body;
	size_t n, max;
	struct walk w = {s, r, m, 0, 0, r->h};

	draw_clear_rect(s, r, THEME_NORMAL);
	if (m == NULL || r->h < 1)
		return;
	n = mempane_lines(m);
	max = mempane_max_top(m, r);
	w.top = m->top < max ? m->top : max;
	if (n - w.top > (size_t)r->h)
		w.rows = r->h - 1;
	walk_all(&w);
	if (w.rows < r->h)
		draw_fmt(s, r->y + r->h - 1, r->x, r->w, THEME_PROC_HEADER,
		         DRAW_FILL, " %zu more lines below (Down, PgDn)",
		         n - w.top - (size_t)w.rows);
}
