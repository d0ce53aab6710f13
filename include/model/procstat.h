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
 * Kthread line. Missing values are SNAP_NA. It also gives what changes in
 * stat (Name, State, PPid), so a process already known by its start time
 * needs only status (procstat_stat_from_status): Name is "Name:\t" and
 * the name with newline and backslash escaped as \n and \\ (5.x+) or as
 * octal \ooo (older kernels), every other byte raw.
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
	int kthread;   /* 1, 0, or -1 when the kernel has no Kthread line */
	int32_t ppid;  /* -1 when there is no PPid line */
	char state;    /* the State letter, 0 when there is no State line */
	bool has_name; /* false: no Name line, or one that does not decode */
	char name[sizeof(((struct proc_row *)0)->comm)]; /* decoded, cut */
	size_t name_len; /* decoded, before the cut */
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

/*
 * The stat fields of a process known from an earlier stat read (pid, its
 * start time, PF_KTHREAD) and its status now: name, state and parent from
 * status. 0, or -1 when status lacks Name, State or PPid (read stat).
 */
int procstat_stat_from_status(struct procstat_stat *st,
                              const struct procstat_status *ss, int32_t pid,
                              uint64_t start_time, bool kthread);

#endif
