/* oomscore.c: the kernel's badness formula, a target's place in the victim
 * order and the top rows by it (oomscore.h). */
#include "model/oomscore.h"

#include "model/adjvalue.h"
#include "model/victim.h"

/* totalpages for a global OOM. */
int64_t
oomscore_total_pages(const struct mem_info *mem, int64_t page_kb)
{
	int64_t kb;

	if (mem->total_kb == SNAP_NA || mem->total_kb <= 0 || page_kb <= 0)
		return SNAP_NA;
	kb = mem->total_kb;
	if (mem->swap_total_kb != SNAP_NA && mem->swap_total_kb > 0)
		kb += mem->swap_total_kb;
	return kb / page_kb;
}

/* Badness points of a row at adj. */
int64_t
oomscore_points(const struct proc_row *row, int64_t adj, int64_t total_pages,
                int64_t page_kb)
{
	int64_t rss_kb = victim_rss_kb(row), points;

	if (row->pid == 1 || row->kthread || row->state == 'Z' ||
	    row->state == 'X')
		return OOMSCORE_NEVER;
	if (adj == SNAP_NA)
		return SNAP_NA;
	if (adj <= ADJVALUE_MIN)
		return OOMSCORE_NEVER;
	if (total_pages == SNAP_NA || total_pages <= 0 || page_kb <= 0 ||
	    rss_kb == SNAP_NA || row->swap_kb == SNAP_NA ||
	    row->pte_kb == SNAP_NA)
		return SNAP_NA;
	if (adj > ADJVALUE_MAX)
		adj = ADJVALUE_MAX;
	points =
	    rss_kb / page_kb + row->swap_kb / page_kb + row->pte_kb / page_kb;
	return points + adj * (total_pages / 1000);
}

/* The oom_score the kernel shows for points. */
int64_t
oomscore_from_points(int64_t points, int64_t total_pages)
{
	if (points == OOMSCORE_NEVER)
		return 0;
	if (points == SNAP_NA || total_pages == SNAP_NA || total_pages <= 0)
		return SNAP_NA;
	return (1000 + points * 1000 / total_pages) * 2 / 3;
}

/* The target's place in the victim order at new_adj. */
int
oomscore_place(const struct snapshot *snap, size_t index, int64_t new_adj,
               int64_t total_pages, int64_t page_kb, struct oomscore_place *out)
{
	const struct proc_row *target;
	struct oomscore_place p = {0};
	size_t i;

	if (index >= snap->nprocs)
		return -1;
	target = &snap->procs[index];
	p.points = oomscore_points(target, new_adj, total_pages, page_kb);
	p.score = oomscore_from_points(p.points, total_pages);
	for (i = 0; i < snap->nprocs; i++) {
		const struct proc_row *r = &snap->procs[i];
		int64_t pts;

		if (i == index)
			continue;
		pts =
		    oomscore_points(r, r->oom_score_adj, total_pages, page_kb);
		if (pts == OOMSCORE_NEVER)
			continue;
		if (pts == SNAP_NA) {
			p.unknown++;
			continue;
		}
		p.candidates++;
		if (p.points == OOMSCORE_NEVER || p.points == SNAP_NA)
			continue;
		if (pts > p.points)
			p.ahead++;
		else if (pts == p.points)
			p.ties++;
	}
	if (p.points != OOMSCORE_NEVER && p.points != SNAP_NA) {
		p.candidates++;
		p.place = p.ahead + 1;
	}
	*out = p;
	return 0;
}

/* True when row a comes before row b in the default sort (the victim order). */
static bool
oomscore_before(const struct proc_row *a, const struct proc_row *b,
                int64_t total_kb)
{
	return victim_cmp(a, b, total_kb) < 0;
}

/* The k best rows among idx, by insertion into out (k is small). */
size_t
oomscore_top(const struct snapshot *snap, const uint32_t *idx, size_t n,
             size_t k, size_t *out)
{
	const struct proc_row *r;
	int64_t total_kb = oomscore_total_pages(&snap->mem, 1);
	size_t m = 0, j;

	for (size_t i = 0; i < n && k > 0; i++) {
		if (idx[i] >= snap->nprocs)
			continue;
		r = &snap->procs[idx[i]];
		if (r->oom_score == SNAP_NA ||
		    (m == k && !oomscore_before(
		                   r, &snap->procs[idx[out[k - 1]]], total_kb)))
			continue;
		j = m < k ? m++ : k - 1;
		for (; j > 0 && oomscore_before(
		                    r, &snap->procs[idx[out[j - 1]]], total_kb);
		     j--)
			out[j] = out[j - 1];
		out[j] = i;
	}
	return m;
}
