/*
 * cgvictim: whom the kernel kills when a memory cgroup runs out (a memcg
 * OOM), as mm/oom_kill.c and mm/memcontrol.c choose it (5.x and 6.x).
 * Pure: rows of a snapshot with their cgroup paths, and a table of
 * cgroups with their numbers (model/cgmem.h).
 *
 * The OOM domain is the cgroup whose limit a charge hit. The kernel then:
 *   - looks only at the tasks of the domain's subtree (mem_cgroup_scan_tasks);
 *   - skips kernel threads, the host's init, adj -1000 and tasks without
 *     memory (victim_is_unkillable in model/victim.h; the global
 *     oom_score it reads is only needed for PID 1 here);
 *   - scores each as oom_badness() does: rss + swap entries + page-table
 *     pages + adj * (totalpages / 1000) (model/oomscore.h), where
 *     totalpages = mem_cgroup_get_max(domain) ?: 1:
 *       memory.max in pages
 *       + min(swap room, SwapTotal in pages) when swappiness is not 0,
 *     the swap room being cgroup2's memory.swap.max or v1's
 *     memsw.limit_in_bytes - limit_in_bytes (v1 refuses a memsw limit
 *     under the memory limit; an unlimited one, or swap accounting off
 *     and the file absent, leaves SwapTotal), and
 *     swappiness vm.swappiness on cgroup2, the domain's
 *     memory.swappiness on v1. Older kernels wrote it as
 *     min(max + min(swap room, SwapTotal), memsw limit): the same value;
 *   - picks the most points. Equal points go to the task met last in its
 *     walk (cgroups in pre-order, each cgroup's tasks in the order they
 *     joined it); oomwatch cannot see that order and breaks ties as the
 *     global victim's are broken (victim_cmp: the newest process).
 * Unlimited: memory.max "max" is PAGE_COUNTER_MAX pages (LONG_MAX / page
 * size, 2^51 with 4 kB pages), so totalpages is that plus the swap term
 * and every adj unit weighs about 2^41 pages: any positive adj outranks
 * all memory. No memcg OOM starts in a cgroup without a memory limit
 * (v1: nor a memory+swap limit); the charge fails at a limited ancestor,
 * which is the domain then (cgvictim.limited says which case it is).
 * memory.oom.group (cgroup2 only, mem_cgroup_get_oom_group): walking up
 * from the victim's cgroup to the domain, both included, the highest
 * cgroup with oom.group 1 is killed whole, every task of its subtree but
 * those with adj -1000 (and the host's init). The kernel does the same
 * in a global OOM with the root as the domain.
 * v1's oom_kill_disable 1 on the domain: nobody is killed, the tasks
 * wait in the charge (under_oom).
 */
#ifndef OOMWATCH_MODEL_CGVICTIM_H
#define OOMWATCH_MODEL_CGVICTIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cgmem.h"
#include "model/snapshot.h"

#define CGVICTIM_NONE SIZE_MAX

/* One cgroup of the table. */
struct cgvictim_cg {
	const char *path; /* (borrowed) as rows name it: "/" or "/a/b" */
	size_t path_len;
	const struct cgmem *mem; /* (borrowed) its numbers, NULL: not read */
};

/* The host figures the limit arithmetic needs. */
struct cgvictim_env {
	int64_t page_kb;       /* the page size in kB */
	int64_t swap_total_kb; /* SwapTotal (the kernel's total_swap_pages) */
	int64_t vm_swappiness; /* /proc/sys/vm/swappiness (cgroup2) */
};

/* The kernel's choice in one domain. */
struct cgvictim {
	size_t victim;       /* index in snap->procs, or CGVICTIM_NONE */
	int64_t points;      /* its badness in pages (SNAP_NA: no victim) */
	int64_t total_pages; /* the domain's totalpages, SNAP_NA unknown */
	bool limited;        /* a memcg OOM can start in this domain */
	bool kill_disabled;  /* v1 oom_kill_disable: no kill, tasks wait */
	size_t candidates;   /* tasks of the subtree the kernel may choose */
	size_t unknown;      /* tasks of the subtree not scored: a memory
	                        figure or adj unknown, or a PID 1 whose
	                        oom_score (0: the host's init) is unknown */
	size_t unplaced;     /* rows without a known cgroup (not counted) */
	size_t group;        /* table index of the cgroup killed whole, or
	                        CGVICTIM_NONE when one task dies */
	bool group_unknown;  /* an oom.group on the way up was not read */
	size_t group_kills;  /* tasks a group kill takes, the victim too */
};

/* True when the cgroup at path (len) is sub's cgroup or below it. */
bool cgvictim_path_in(const char *path, size_t len, const char *sub,
                      size_t sub_len);

/*
 * totalpages of a memcg OOM in cg (see above): SNAP_NA when a figure it
 * needs is unknown (memory.max, swappiness or swap room with swap on).
 */
int64_t cgvictim_total_pages(const struct cgmem *cg,
                             const struct cgvictim_env *env);

/*
 * The kernel's victim for a memcg OOM in cgs[domain], among the rows of
 * snap, into out. Rows are matched to cgroups by path (row->cgroup_off);
 * the table holds at least the domain and, for oom.group, the cgroups
 * from the victim's up to the domain (a missing one counts as unread).
 * 0, or -1 when domain is out of range or its numbers are missing.
 * Costs one pass over the rows: call it for limited cgroups only.
 */
int cgvictim_pick(const struct snapshot *snap, const struct cgvictim_cg *cgs,
                  size_t ncg, size_t domain, const struct cgvictim_env *env,
                  struct cgvictim *out);

/*
 * The cgroup a kill of snap->procs[victim] takes whole (oom.group), for
 * a memcg OOM in cgs[domain], or for a global OOM when domain is
 * CGVICTIM_NONE (the root). Its table index or CGVICTIM_NONE; *unknown
 * (may be NULL) is set when an oom.group on the way could not be read.
 */
size_t cgvictim_group(const struct snapshot *snap,
                      const struct cgvictim_cg *cgs, size_t ncg, size_t domain,
                      size_t victim, bool *unknown);

/* True when a group kill of a cgroup holding row would kill it. */
bool cgvictim_group_kills(const struct proc_row *row);

#endif
