/*
 * procstat: /proc/PID/stat and /proc/PID/status text -> the fields of a
 * process row. Pure and all-or-nothing.
 *
 * stat is parsed by the LAST ')': the name between the first '(' and that
 * ')' may hold anything (')', spaces, newlines, escape bytes), while the
 * fields after it never hold ')'. Names longer than a row's comm (kworker
 * names with their workqueue can reach 64 bytes) are cut.
 *
 * status is read for Uid (real), the RSS split, VmRSS, VmSwap, VmPTE and
 * Kthread. Every one but Uid is optional: zombies and kernel threads have
 * no Vm and Rss lines, kernels before 4.5 no Rss* lines, before 6.x no
 * Kthread line. Missing values are SNAP_NA.
 */
#ifndef OOMWATCH_MODEL_PROCSTAT_H
#define OOMWATCH_MODEL_PROCSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

#define PROCSTAT_PF_KTHREAD 0x00200000u

/* The parts of /proc/PID/stat a row needs. */
struct procstat_stat {
	int32_t pid, ppid;
	char state;
	uint32_t flags;
	uint64_t start_time; /* clock ticks after boot */
	char comm[sizeof(((struct proc_row *)0)->comm)];
	size_t comm_len; /* before the cut; may exceed sizeof comm - 1 */
};

/* The parts of /proc/PID/status a row needs (kB; SNAP_NA if absent). */
struct procstat_status {
	uint32_t uid;
	int64_t rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
	int kthread; /* 1, 0, or -1 when the kernel has no Kthread line */
};

/* Parse /proc/PID/stat. 0, or -1 with *out untouched. */
int procstat_parse_stat(const char *buf, size_t len, struct procstat_stat *out);

/* Parse /proc/PID/status. 0, or -1 with *out untouched. */
int procstat_parse_status(const char *buf, size_t len,
                          struct procstat_status *out);

/*
 * Fill a row from both (oom_score, oom_score_adj, cmdline and cgroup are
 * set to unknown). The RSS total is VmRSS, or the sum of the split when
 * VmRSS is absent but the split is not.
 */
void procstat_fill_row(struct proc_row *row, const struct procstat_stat *st,
                       const struct procstat_status *ss);

#endif
