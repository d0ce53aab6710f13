/*
 * oomreport: pure parsers for the lines of a kernel OOM report, one
 * function per line kind, across kernels 2.6.32 to 6.18, as each prints
 * them. Each takes one display line (bytes + length, no '\n') and fills
 * its struct only on success (all-or-nothing); strings come back as slices
 * borrowed from the line. Numbers that overflow their type fail the parse
 * of that field: a known-format line with a bad number still parses, with
 * the field left KLOG_NA. Unknown numbers are KLOG_NA, never zero.
 *
 * The task table is parsed by its header line: the header names the
 * columns (they changed in 4.15, 4.19 and ~6.8), a row is "[pid]" then one
 * number per named column and the rest of the line is the name (which may
 * hold spaces and parentheses).
 */
#ifndef OOMWATCH_MODEL_OOMREPORT_H
#define OOMWATCH_MODEL_OOMREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kscan.h"

enum oom_constraint {
	OOM_CONSTRAINT_UNKNOWN = 0,
	OOM_CONSTRAINT_GLOBAL,    /* CONSTRAINT_NONE */
	OOM_CONSTRAINT_MEMCG,     /* CONSTRAINT_MEMCG */
	OOM_CONSTRAINT_CPUSET,    /* CONSTRAINT_CPUSET */
	OOM_CONSTRAINT_MEMPOLICY, /* CONSTRAINT_MEMORY_POLICY */
};

/* "<comm> invoked oom-killer: gfp_mask=0x..(..), order=N, oom_score_adj=N" */
struct oom_invoked {
	struct kslice comm, gfp_mask;
	int64_t order, oom_score_adj;
};

/* "[<why>: ]Killed process N (comm) total-vm:NkB, ..." in every variant,
 * and the older "Kill process N (comm) score N or sacrifice child". */
struct oom_killed {
	bool chosen_only; /* "Kill process": chosen, the kill line follows */
	enum oom_constraint constraint; /* memcg from the prefix, or unknown */
	int64_t pid, uid;
	int64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t pgtables_kb, oom_score_adj;
	struct kslice comm;
};

/* "oom-kill:constraint=CONSTRAINT_*,...,oom_memcg=..,task_memcg=..,
 * task=comm,pid=N,uid=N" (4.19+). */
struct oom_constraint_line {
	enum oom_constraint constraint;
	bool global_oom;
	struct kslice oom_memcg, task_memcg, task;
	int64_t pid, uid;
};

/* "oom_reaper: reaped process N (comm), now ..." or "unable to reap". */
struct oom_reaper_line {
	bool reaped;
	int64_t pid;
	struct kslice comm;
};

enum oom_column {
	OOM_COL_OTHER = 0, /* a column we do not know: parsed, ignored */
	OOM_COL_UID,
	OOM_COL_TGID,
	OOM_COL_TOTAL_VM,
	OOM_COL_RSS,
	OOM_COL_SWAPENTS,
	OOM_COL_OOM_SCORE_ADJ,
};

#define OOM_TABLE_MAX_COLS 24

/* The numeric columns between "[pid]" and the name, in order. */
struct oom_table {
	size_t ncols;
	enum oom_column col[OOM_TABLE_MAX_COLS];
};

struct oom_task_row {
	int64_t pid, uid, tgid, total_vm_pages, rss_pages, swapents;
	int64_t oom_score_adj;
	struct kslice name;
};

bool oomreport_parse_invoked(const char *s, size_t len,
                             struct oom_invoked *out);
bool oomreport_parse_killed(const char *s, size_t len, struct oom_killed *out);
bool oomreport_parse_constraint(const char *s, size_t len,
                                struct oom_constraint_line *out);
bool oomreport_parse_reaper(const char *s, size_t len,
                            struct oom_reaper_line *out);
/* The lines of a report that name a memory cgroup. */
enum oom_memcg_kind {
	OOM_MEMCG_STATS, /* "Memory cgroup stats for PATH:[ stats...]": one
	                    per cgroup of the OOM's subtree, the OOM's own
	                    first (3.x-4.18 print the stats on the same line) */
	OOM_MEMCG_LIMIT, /* "Task in TASK killed as a result of limit of PATH"
	                    (2.6.29-4.18): PATH's limit was hit */
	OOM_MEMCG_GROUP, /* "Tasks in PATH are going to be killed due to
	                    memory.oom.group set": PATH is killed whole (it
	                    may be below the OOM's memcg, and a global OOM
	                    may print it too) */
};

struct oom_memcg_line {
	enum oom_memcg_kind kind;
	struct kslice path; /* the cgroup the line is about */
	struct kslice task; /* LIMIT: the victim's cgroup; else NULL */
};

/* One of the oom_memcg_kind lines. */
bool oomreport_parse_memcg_line(const char *s, size_t len,
                                struct oom_memcg_line *out);
/* The path of an oom_memcg_kind line (oomreport_parse_memcg_line's path). */
bool oomreport_parse_memcg(const char *s, size_t len, struct kslice *path);
/* True for the oom.group line (several kills follow). */
bool oomreport_is_oom_group(const char *s, size_t len);
/* A task table header ("[  pid  ]   uid  tgid total_vm ... name"). */
bool oomreport_parse_table_header(const char *s, size_t len,
                                  struct oom_table *out);
/* One row of the table whose header gave t. */
bool oomreport_parse_table_row(const struct oom_table *t, const char *s,
                               size_t len, struct oom_task_row *out);
/*
 * False when a Killed line holds numbers no kernel prints: every kB value
 * counted in pages is a multiple of 4 (pages are >= 4 KiB on every Linux
 * architecture) and the resident sizes fit in total-vm. A dmesg-format
 * copy of a forged userspace record hides its facility; this catches the
 * careless forgeries (such as corpus 08), not all of them.
 */
bool oomreport_killed_plausible(const struct oom_killed *k);
/* Name of a constraint for JSON ("global", "memcg", ...), NULL if unknown. */
const char *oomreport_constraint_name(enum oom_constraint c);

#endif
