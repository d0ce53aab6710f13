/* victim.c: the global OOM killer's order of choice (victim.h). */
#include "model/victim.h"

#include "model/adjvalue.h"

/* The RSS the kernel's badness counts, in kB. */
int64_t
victim_rss_kb(const struct proc_row *row)
{
	if (row->anon_kb != SNAP_NA && row->file_kb != SNAP_NA &&
	    row->shmem_kb != SNAP_NA)
		return row->anon_kb + row->file_kb + row->shmem_kb;
	return row->rss_kb;
}

/* True when the kernel would never choose row. */
bool
victim_is_unkillable(const struct proc_row *row)
{
	if (row->kthread || row->oom_score == SNAP_NA)
		return true;
	/* the kernel exempts only the initial pid namespace's init, whose
	 * oom_score reads 0; a container's PID 1 (this /proc may be one) is
	 * scored and killed like any process */
	if (row->pid == 1 && row->oom_score == 0)
		return true;
	if (row->oom_score_adj == ADJVALUE_MIN)
		return true;
	/* A zombie has released its mm: nothing to free by killing it. */
	if (row->state == 'Z' || row->state == 'X')
		return row->rss_kb == SNAP_NA || row->rss_kb == 0;
	return false;
}

/* The unrounded badness of a row in kB (RSS + swap + page tables + the adj
 * term), or SNAP_NA when its RSS, swap or adj is unknown. Unknown page
 * tables (a replayed row: not recorded) count as 0, the kernel's badness
 * without its small pgtables term, so ties rank by RSS + swap as live.
 * unit_kb: kB per adj unit (0 when the total is unknown). */
static int64_t
victim_badness_kb(const struct proc_row *r, int64_t unit_kb)
{
	int64_t rss_kb = victim_rss_kb(r), adj = r->oom_score_adj;
	int64_t pte_kb = r->pte_kb == SNAP_NA ? 0 : r->pte_kb;

	if (rss_kb == SNAP_NA || r->swap_kb == SNAP_NA || adj == SNAP_NA)
		return SNAP_NA;
	if (adj < ADJVALUE_MIN)
		adj = ADJVALUE_MIN;
	if (adj > ADJVALUE_MAX)
		adj = ADJVALUE_MAX;
	return rss_kb + r->swap_kb + pte_kb + adj * unit_kb;
}

/* Compare the unrounded badness of two rows: 1 when a has more, -1 when
 * b has, 0 when equal or unknown for both; a known one beats unknown.
 * One number per row, so the order stays transitive. */
static int
victim_cmp_badness(const struct proc_row *a, const struct proc_row *b,
                   int64_t total_kb)
{
	/* the kernel adds adj * (totalpages / 1000) pages; in kB without
	 * the page size this is off by under one page per adj unit, and
	 * the same for rows of equal adj, where the term cancels out */
	int64_t unit_kb =
	    total_kb != SNAP_NA && total_kb > 0 ? total_kb / 1000 : 0;
	int64_t ba = victim_badness_kb(a, unit_kb),
	        bb = victim_badness_kb(b, unit_kb);

	if (ba == SNAP_NA || bb == SNAP_NA)
		return (ba != SNAP_NA) - (bb != SNAP_NA);
	return (ba > bb) - (ba < bb);
}

/* Victim order: negative when a would be chosen before b. */
int
victim_cmp(const struct proc_row *a, const struct proc_row *b, int64_t total_kb)
{
	int r;

	if (a->oom_score != b->oom_score) {
		if (a->oom_score == SNAP_NA || b->oom_score == SNAP_NA)
			return (a->oom_score == SNAP_NA) -
			       (b->oom_score == SNAP_NA);
		return a->oom_score > b->oom_score ? -1 : 1;
	}
	/* a candidate before a row the kernel never picks (both read 0) */
	r = (int)victim_is_unkillable(a) - (int)victim_is_unkillable(b);
	if (r != 0)
		return r;
	/* oom_score is rounded: the kernel compares the exact badness */
	r = victim_cmp_badness(a, b, total_kb);
	if (r != 0)
		return -r;
	/* an exact tie goes to the task later in the task list, which
	 * for_each_process walks in fork order: the newest process */
	if (a->start_time != b->start_time)
		return a->start_time > b->start_time ? -1 : 1;
	return (a->pid < b->pid) - (a->pid > b->pid);
}
