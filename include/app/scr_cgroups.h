/*
 * scr_cgroups: the cgroup screen (6, or c from anywhere): the memory
 * cgroups of the last sample as a tree (model/cgtree.h), sorted by
 * headroom (the cgroup closest to its limit first), with each one's
 * usage, limit, events, pressure and the victim of a memcg OOM there.
 * Enter filters the processes screen to the selected cgroup and its
 * subtree (scr.c: the status line says so there, Esc clears it). The
 * status line names the reason of a selected cgroup's N/A values. The
 * limit keys (F7 / F8, a, l, u) change the selected cgroup's memory
 * limit (app/scr_cglimit.h).
 */
#ifndef OOMWATCH_APP_SCR_CGROUPS_H
#define OOMWATCH_APP_SCR_CGROUPS_H

#include "app/scr.h"
#include "app/scr_cglimit.h"
#include "model/cgtree.h"

struct scr_cgroups_state {
	struct cgtree tree;   /* rows over ui->snap.cgroups (owned) */
	struct cgtree_in *in; /* the tree's input (owned), nin of in_cap */
	size_t nin, in_cap;
	struct dash_cgroups view;   /* what the frame shows */
	struct scr_cglimit limit;   /* the limit keys (scr_cglimit.h) */
	char status[UI_STATUS_MAX]; /* the N/A reason or (scr.c) the cgroup
	                               filter on the processes screen */
};

extern const struct scr_def scr_cgroups;

#endif
