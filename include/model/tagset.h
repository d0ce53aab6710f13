/*
 * tagset: the processes tagged with Space (as in htop), kept by identity
 * (pid, start time) so a tag follows its process across refreshes and
 * re-sorts and never passes to a new process that got the same PID.
 * A small fixed set: actions on tagged processes hold two descriptors
 * per process while a dialog is open. Pure: no I/O.
 */
#ifndef OOMWATCH_MODEL_TAGSET_H
#define OOMWATCH_MODEL_TAGSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/procid.h"
#include "model/snapshot.h"

#define TAGSET_MAX 64

struct tagset {
	struct procid ids[TAGSET_MAX]; /* in tagging order */
	size_t n;
};

/* No tags. */
void tagset_clear(struct tagset *ts);

/* Is (pid, start_time) tagged? */
bool tagset_has(const struct tagset *ts, int32_t pid, uint64_t start_time);

/* Tag it, or untag it when tagged. Returns 1 (now tagged), 0 (untagged)
 * or -1 (the set is full: nothing changed). */
int tagset_toggle(struct tagset *ts, int32_t pid, uint64_t start_time);

/* Drop the tags of processes that are not in snap (exited, or the PID
 * reused); the order of the others is kept. Returns how many went. */
size_t tagset_prune(struct tagset *ts, const struct snapshot *snap);

#endif
