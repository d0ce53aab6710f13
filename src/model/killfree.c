/* killfree.c: what a kill would free (killfree.h). */
#include "model/killfree.h"

/* Fill *out from row. */
void
killfree_estimate(const struct proc_row *row, struct killfree *out)
{
	struct killfree k = {SNAP_NA, SNAP_NA, SNAP_NA};

	if (row->kthread || row->state == 'Z' || row->state == 'X') {
		k.ram_kb = k.shmem_kb = k.swap_kb = 0;
		*out = k;
		return;
	}
	if (row->anon_kb != SNAP_NA)
		k.ram_kb =
		    row->anon_kb + (row->pte_kb != SNAP_NA ? row->pte_kb : 0);
	k.shmem_kb = row->shmem_kb;
	k.swap_kb = row->swap_kb;
	*out = k;
}
