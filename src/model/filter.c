/* filter.c: row selection by uid and pid list (see filter.h). */
#include "model/filter.h"

/* True when row passes the filter. */
bool
filter_match(const struct filter *f, const struct proc_row *row)
{
	bool pid_ok;

	if (f->by_uid && row->uid != f->uid)
		return false;
	if (f->pids == NULL || f->npids == 0)
		return true;
	pid_ok = false;
	for (size_t i = 0; i < f->npids && !pid_ok; i++)
		pid_ok = f->pids[i] == row->pid;
	return pid_ok;
}

/* Indexes of the rows that pass. */
size_t
filter_select(const struct filter *f, const struct snapshot *snap,
              size_t *order)
{
	size_t n = 0;

	for (size_t i = 0; i < snap->nprocs; i++) {
		if (filter_match(f, &snap->procs[i]))
			order[n++] = i;
	}
	return n;
}
