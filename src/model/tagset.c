/* tagset.c: tagged processes by (pid, start time) (tagset.h). */
#include "model/tagset.h"

#include "model/table.h"

/* No tags. */
void
tagset_clear(struct tagset *ts)
{
	ts->n = 0;
}

/* The position of (pid, start_time), or PROCID_NONE. */
static size_t
find(const struct tagset *ts, int32_t pid, uint64_t start_time)
{
	return procid_find(ts->ids, ts->n, procid_at,
	                   (struct procid){pid, start_time});
}

/* Is (pid, start_time) tagged? */
bool
tagset_has(const struct tagset *ts, int32_t pid, uint64_t start_time)
{
	return ts->n > 0 && find(ts, pid, start_time) != PROCID_NONE;
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
	size_t i = find(ts, pid, start_time);

	if (i != PROCID_NONE) {
		remove_at(ts, i);
		return 0;
	}
	if (ts->n == TAGSET_MAX)
		return -1;
	ts->ids[ts->n++] = (struct procid){pid, start_time};
	return 1;
}

/* Drop the tags of processes no longer in snap. */
size_t
tagset_prune(struct tagset *ts, const struct snapshot *snap)
{
	size_t i = 0, gone = 0;

	while (i < ts->n) {
		if (table_find_proc(snap, ts->ids[i]) != PROCID_NONE) {
			i++;
		} else {
			remove_at(ts, i);
			gone++;
		}
	}
	return gone;
}
