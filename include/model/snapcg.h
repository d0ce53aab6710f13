/*
 * snapcg: the memory cgroups of one snapshot, as plain data.
 *
 * The collector fills snap->cgroups in the same walk of the memory
 * hierarchy that maps pids to cgroups (collect/cgmap.h): one entry per
 * cgroup directory, a parent before its children (breadth-first), the
 * walk's root first. Paths are pooled in snap->strings like the rows'
 * cgroup paths ("/" or "/a/b"), and a row of a cgroup the walk read
 * shares its path's offset (compare bytes anyway: a row that read its
 * own /proc/PID/cgroup has its own copy).
 *
 * Per cgroup:
 *   - mem: its numbers (model/cgmem.h; SNAP_NA with the reason in
 *     mem.err when a file could not be read, never 0);
 *   - name: the names people use (model/cgname.h, offsets into path);
 *     a Docker container's own name (from its config.v2.json, read by
 *     the collector) is pooled at cname_off, cname_len 0 when unknown;
 *   - base and since: the "since start" baseline and the events since
 *     then (a recreated cgroup, new inode, starts fresh);
 *   - victim: the kernel's victim in a memcg OOM there
 *     (model/cgvictim.h), computed for limited cgroups only; for the
 *     others victim.victim is CGVICTIM_NONE and victim.limited false.
 *     victim.victim and victim.group index snap->procs and
 *     snap->cgroups;
 *   - fore: when memory.current reaches memory.max (v1
 *     limit_in_bytes), from the collector's per-cgroup series
 *     (model/cgseries.h); fore.valid false, with the reason in
 *     fore.basis, when there is no honest number (zeroed: none).
 * The cgroup2 root has no memory.current: the collector fills it from
 * the host (cgmem_root_from_host), children_bytes with the sum of its
 * children's usage and unaccounted_bytes with what no child accounts
 * for (SNAP_NA on other cgroups).
 */
#ifndef OOMWATCH_MODEL_SNAPCG_H
#define OOMWATCH_MODEL_SNAPCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cgmem.h"
#include "model/cgname.h"
#include "model/cgseries.h"
#include "model/cgvictim.h"
#include "model/snapshot.h"

#define SNAPCG_NONE UINT32_MAX /* no such cgroup (the top's parent) */

/* One memory cgroup of a snapshot. */
struct snap_cgroup {
	uint32_t path_off, path_len; /* pooled in snap->strings */
	uint32_t parent;             /* index in snap->cgroups, SNAPCG_NONE */
	uint32_t depth;              /* 0 for the walk's root */
	uint32_t nprocs;             /* processes listed here, not below */
	bool root;                   /* the hierarchy's root ("/") */
	struct cgmem mem;
	struct cgname name;
	uint32_t cname_off, cname_len; /* the container's name, pooled */
	struct cgmem_base base;        /* since start */
	struct cgmem_events since;     /* events since base (SNAP_NA unknown) */
	int64_t children_bytes;        /* root: its children's usage summed */
	int64_t unaccounted_bytes;     /* root: host - children (see
	                                  cgmem_root_from_host), else SNAP_NA */
	struct cgvictim victim;        /* see above */
	struct cgseries_fore fore;     /* see above */
};

/* An entry with nothing known: no path, every value SNAP_NA, no victim. */
void snapcg_init(struct snap_cgroup *cg, enum snap_cgroup_mode mode,
                 uint64_t ino);

/* The pooled path of snap->cgroups[i] (*len set), or NULL out of range. */
const char *snapcg_path(const struct snapshot *snap, size_t i, size_t *len);

/* The index of the cgroup at path (len bytes), or SNAPCG_NONE. */
size_t snapcg_find(const struct snapshot *snap, const char *path, size_t len);

/* The index of the cgroup that row is in, or SNAPCG_NONE when unknown. */
size_t snapcg_of_row(const struct snapshot *snap, const struct proc_row *row);

/*
 * The name to show for snap->cgroups[i] into buf (cgname_format):
 * "nginx.service", "docker 3f4e5a6b7c8d", ...; a container with its own
 * name known "docker nginx-proxy (3f4e5a6b7c8d)". Returns its full
 * length; buf is "" (0) when i is out of range.
 */
size_t snapcg_format_name(const struct snapshot *snap, size_t i,
                          bool with_slice, char *buf, size_t size);

/* True when a memcg OOM can start in a cgroup of these numbers: a memory
 * limit, or on v1 a memory + swap limit (as model/cgvictim.h decides). */
bool snapcg_limited(const struct cgmem *m);

/*
 * The root (snap->cgroups[0] when it is the hierarchy's root, cgroup2 or
 * v1) as the host: cgmem_root_from_host with the sum of its children's
 * memory.current or usage_in_bytes (unknown when one is) into
 * children_bytes, and what they leave out into unaccounted_bytes. v1's root
 * usage_in_bytes is the root's own page statistics, not a counter over the tree
 * (it reads less than a child), so v1 is the host too (its memsw: the host's
 * memory + swap used). Nothing for another first entry.
 */
void snapcg_root_host(struct snapshot *snap);

/*
 * Fill victim of every limited cgroup with cgvictim_pick (env: page size,
 * SwapTotal, vm.swappiness); clear the others'. One pass sorts the rows
 * into the subtrees of the limited cgroups (a row's cgroup found by its
 * pooled path offset, else its bytes; parents through the table), then
 * each limited cgroup's pick reads its own rows only: rows in no cgroup
 * of the table count in no victim.unplaced. 0, or -ENOMEM.
 */
int snapcg_victims(struct snapshot *snap, const struct cgvictim_env *env);

#endif
