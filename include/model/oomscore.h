/*
 * oomscore: the kernel's OOM badness formula, to predict what a new
 * oom_score_adj would do before it is written.
 *
 * mm/oom_kill.c oom_badness() (6.x):
 *   not a candidate: PID 1, kernel threads, no mm (zombies), adj -1000
 *   points = rss pages (anon + file + shmem) + swap entries
 *            + page-table bytes / PAGE_SIZE
 *   points += adj * (totalpages / 1000)       (integer division)
 * fs/proc/base.c proc_oom_score() (5.9+):
 *   oom_score = (1000 + points * 1000 / totalpages) * 2 / 3, 0 if never.
 * totalpages is MemTotal + SwapTotal in pages for a global OOM, the memcg
 * limit in pages for a memcg OOM. /proc/PID/oom_score always uses the
 * global figure. All values here are in pages or kB as named; the page
 * size is passed in. Pure: no I/O.
 */
#ifndef OOMWATCH_MODEL_OOMSCORE_H
#define OOMWATCH_MODEL_OOMSCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* Badness of a process the OOM killer never selects (LONG_MIN in the
 * kernel; one above SNAP_NA here, so "never" and "unknown" differ). */
#define OOMSCORE_NEVER (INT64_MIN + 1)

/* Where a process would stand in the global victim order at a given adj. */
struct oomscore_place {
	int64_t points;    /* badness points, OOMSCORE_NEVER when never */
	int64_t score;     /* predicted /proc/PID/oom_score (0 when never) */
	size_t place;      /* 1 = next victim; 0 when never or unknown */
	size_t ahead;      /* candidates with more points */
	size_t ties;       /* candidates with exactly as many points */
	size_t candidates; /* candidates counted, the target included */
	size_t unknown;    /* rows skipped: memory figures not read */
};

/* totalpages for a global OOM: (MemTotal + SwapTotal) / page size, or
 * SNAP_NA when MemTotal is unknown (SwapTotal unknown counts as 0). */
int64_t oomscore_total_pages(const struct mem_info *mem, int64_t page_kb);

/*
 * Badness points of a row at oom_score_adj adj: OOMSCORE_NEVER when the
 * kernel would never pick it (PID 1, kernel thread, zombie, adj -1000),
 * SNAP_NA when its memory figures (RSS or swap or page tables) are unknown.
 */
int64_t oomscore_points(const struct proc_row *row, int64_t adj,
                        int64_t total_pages, int64_t page_kb);

/* The /proc/PID/oom_score the kernel shows for points (global
 * total_pages): 0 for OOMSCORE_NEVER, SNAP_NA for SNAP_NA. */
int64_t oomscore_from_points(int64_t points, int64_t total_pages);

/*
 * The target row's predicted points, score and place in the victim order
 * among every row of snap if its adj were new_adj (other rows keep their
 * current adj). target is snap->procs[index]. Ties are counted apart: the
 * kernel's choice among equal points depends on task-list order.
 * Returns 0, or -1 when index is out of range.
 */
int oomscore_place(const struct snapshot *snap, size_t index, int64_t new_adj,
                   int64_t total_pages, int64_t page_kb,
                   struct oomscore_place *out);

/*
 * The rows a light refresh reads oom_score for (collect/procfs.h): the k
 * rows among snap->procs[idx[0..n)] with the highest oom_score, in the
 * order the table's default sort shows them (the victim order,
 * victim_cmp; unknown scores are never chosen). Their positions
 * in idx go to out (k slots), best first. Returns how many: k, or fewer
 * when fewer rows have a known score.
 */
size_t oomscore_top(const struct snapshot *snap, const uint32_t *idx, size_t n,
                    size_t k, size_t *out);

#endif
