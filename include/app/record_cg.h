/*
 * record_cg: which memory cgroups get a row in a recorder sample, like
 * the process rows (model/recsel.h): a row when usage or swap moved by
 * more than 1%, the limit, high or memory.events oom/oom_kill changed, the
 * cgroup is new, or its last row is RECORD_CG_REFRESH_MS old. Keeps what
 * it last stored per cgroup path. A kept cgroup gone from the walk gets an
 * ended row (recdb_cgroup.ended: schema 4's cgroup_ends) and is
 * forgotten; a path that comes back is new again. A sample with no walk
 * (no cgroups, and snapshot.cgroups_err says why: the walk rests or
 * failed) stores nothing and keeps what is kept, so no cgroup is taken to
 * have left.
 */
#ifndef OOMWATCH_APP_RECORD_CG_H
#define OOMWATCH_APP_RECORD_CG_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "persist/recdb.h"

#define RECORD_CG_REFRESH_MS (10 * 60 * 1000)

/* What was last stored of one cgroup, and when (monotonic ms). */
struct record_cg_last {
	struct recdb_cgroup row; /* row.path owned */
	uint64_t mono_ms;
};

struct record_cg {
	struct record_cg_last *v; /* owned, in the last walk's order */
	size_t n;
};

/*
 * The rows of snap's cgroups to store into *out (a new array of *nout,
 * NULL when none; the caller owns it), the ended ones after the others. 0, or
 * -ENOMEM (then no rows, and what was kept is unchanged).
 */
int record_cg_pick(struct record_cg *c, const struct snapshot *snap,
                   struct recdb_cgroup **out, size_t *nout);

/* Free what c keeps. */
void record_cg_fini(struct record_cg *c);

#endif
