/* tagset.c: tagged processes by (pid, start time) (tagset.h). */
#include "model/tagset.h"

/* No tags. */
void
tagset_clear(struct tagset *ts)
{
	ts->n = 0;
}

/* The position of (pid, start_time), or -1. */
static long
find(const struct tagset *ts, int32_t pid, uint64_t start_time)
{
	for (size_t i = 0; i < ts->n; i++)
		if (ts->ids[i].pid == pid &&
		    ts->ids[i].start_time == start_time)
			return (long)i;
	return -1;
}

/* Is (pid, start_time) tagged? */
bool
tagset_has(const struct tagset *ts, int32_t pid, uint64_t start_time)
{
	return ts->n > 0 && find(ts, pid, start_time) >= 0;
}

/* Remove entry i, keeping the order. */
static void
remove_at(struct tagset *ts, size_t i)
{
	for (; i + 1 < ts->n; i++)
		ts->ids[i] = ts->ids[i + 1];
	ts->n--;
}

/* Tag or untag. */
int
tagset_toggle(struct tagset *ts, int32_t pid, uint64_t start_time)
{
	long i = find(ts, pid, start_time);

	if (i >= 0) {
		remove_at(ts, (size_t)i);
		return 0;
	}
	if (ts->n == TAGSET_MAX)
		return -1;
	ts->ids[ts->n].pid = pid;
	ts->ids[ts->n].start_time = start_time;
	ts->n++;
	return 1;
}

/* Is (pid, start_time) a row of snap? */
static bool
in_snapshot(const struct snapshot *snap, const struct table_ident *id)
{
	for (size_t i = 0; i < snap->nprocs; i++)
		if (snap->procs[i].pid == id->pid &&
		    snap->procs[i].start_time == id->start_time)
			return true;
	return false;
}

/* Drop the tags of processes no longer in snap. */
size_t
tagset_prune(struct tagset *ts, const struct snapshot *snap)
{
	size_t i = 0, gone = 0;

	while (i < ts->n) {
		if (in_snapshot(snap, &ts->ids[i])) {
			i++;
		} else {
			remove_at(ts, i);
			gone++;
		}
	}
	return gone;
}
