/* cgfixture.c: made-up memory cgroups in a snapshot (see cgfixture.h). */
#include "cgfixture.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stop the test: the snapshot could not grow. */
static void
fail(const char *what)
{
	fprintf(stderr, "cgfixture: %s failed\n", what);
	abort();
}

/* Append one cgroup. */
uint32_t
cgfixture_add(struct snapshot *snap, const char *path, uint32_t parent,
              int64_t usage, int64_t limit)
{
	struct snap_cgroup cg;
	size_t len = strlen(path);

	snapcg_init(&cg, SNAP_CGROUP_V2, 1000 + snap->ncgroups);
	if (snapshot_str_append(snap, path, len, &cg.path_off) != 0)
		fail("snapshot_str_append");
	cg.path_len = (uint32_t)len;
	cg.parent = parent;
	cg.depth = parent == SNAPCG_NONE ? 0 : snap->cgroups[parent].depth + 1;
	cg.root = strcmp(path, "/") == 0;
	cgname_parse(path, len, &cg.name);
	for (int f = 0; f < CGMEM_FILE_COUNT; f++)
		cg.mem.err[f] = 0;
	cg.mem.swap_bytes = 0;
	cg.mem.swap_max_bytes = CGMEM_UNLIMITED;
	cg.mem.oom_group = 0;
	cg.mem.events = (struct cgmem_events){0, 0, 0, 0, 0, 0};
	cg.mem.events_local = cg.mem.events;
	cg.since = cg.mem.events;
	cg.mem.psi.valid = cg.mem.psi.full_valid = true;
	cg.mem.current_bytes = usage;
	cg.mem.err[CGMEM_F_CURRENT] = usage == SNAP_NA ? EACCES : 0;
	cg.mem.max_bytes = limit;
	cg.mem.err[CGMEM_F_MAX] = limit == SNAP_NA ? EACCES : 0;
	if (snapshot_push_cgroup(snap, &cg) != 0)
		fail("snapshot_push_cgroup");
	return (uint32_t)(snap->ncgroups - 1);
}

/* Put a row into cgroup i. */
void
cgfixture_place(struct snapshot *snap, size_t row, uint32_t i)
{
	snap->procs[row].cgroup_off = snap->cgroups[i].path_off;
	snap->procs[row].cgroup_len = snap->cgroups[i].path_len;
}
