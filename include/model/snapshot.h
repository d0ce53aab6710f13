/*
 * snapshot: one sample of the whole machine, as plain data.
 *
 * Collectors (src/collect/) fill it; the model (ranking, next victim, rates)
 * reads it; views and the batch/JSON writers draw it. It owns no file
 * descriptors and does no I/O.
 *
 * Unknown is never zero: every int64_t field that could not be read holds
 * SNAP_NA and is shown as null / "N/A". Process rows are plain values; their
 * strings (cmdline, cgroup path) live in the snapshot's string pool and are
 * addressed by offset, so one snapshot is a few flat arrays that are reused
 * tick after tick without per-process allocation.
 */
#ifndef OOMWATCH_MODEL_SNAPSHOT_H
#define OOMWATCH_MODEL_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNAP_NA INT64_MIN
#define SNAP_NO_STR UINT32_MAX /* string offset: not known */
#define SNAP_UID_NA UINT32_MAX

/* /proc/meminfo, in kB. */
struct mem_info {
	int64_t total_kb, free_kb, available_kb, buffers_kb, cached_kb;
	int64_t shmem_kb, anon_kb, swap_total_kb, swap_free_kb;
	int64_t commit_limit_kb, committed_as_kb;
};

/* /proc/sys/vm tunables that decide what an OOM does. */
struct vm_tunables {
	int64_t overcommit_memory, overcommit_ratio, panic_on_oom;
	int64_t oom_kill_allocating_task, swappiness;
};

/* One PSI line ("some" or "full"). */
struct psi_line {
	double avg10, avg60, avg300;
	uint64_t total_us;
};

/* /proc/pressure/memory. valid is false when the file is absent or the
 * kernel refuses it; err then holds the errno (ENOENT, EOPNOTSUPP, ...). */
struct psi_memory {
	bool valid, full_valid;
	int err;
	struct psi_line some, full;
};

/* /proc/vmstat counters, and their per-second rates between two samples. */
struct vmstat_counters {
	int64_t oom_kill, pswpin, pswpout, pgmajfault;
};
enum vmstat_rates_na {
	VMSTAT_NA_FIRST = 0,  /* the first snapshot: after the next refresh */
	VMSTAT_NA_NO_EARLIER, /* a replay: no earlier sample of the boot */
	VMSTAT_NA_GAP,        /* a replay: a gap in the record (gap_ms) */
};
struct vmstat_rates {
	bool valid; /* false on the first snapshot */
	double oom_kill, pswpin, pswpout, pgmajfault;
	enum vmstat_rates_na na; /* why not valid */
	int64_t gap_ms;          /* VMSTAT_NA_GAP: the gap's length */
};

/* One process. A row is only in a snapshot when its stat and status were
 * both read; fields read from other files may still be SNAP_NA. */
struct proc_row {
	int32_t pid, ppid;
	uint32_t uid;  /* real uid, SNAP_UID_NA if unknown */
	char state;    /* R, S, D, Z, ... from stat */
	bool kthread;  /* PF_KTHREAD */
	char comm[16]; /* raw bytes as the kernel gives them, NUL-ended */
	char user[32]; /* name for uid (raw), or the uid in decimal */
	int64_t rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
	int64_t oom_score, oom_score_adj;
	uint64_t start_time; /* stat field 22, clock ticks after boot */
	uint32_t cmdline_off, cmdline_len; /* in strings; SNAP_NO_STR */
	uint32_t cgroup_off, cgroup_len;   /* memory cgroup path */
};

/* Which memory cgroup hierarchy the machine has. */
enum snap_cgroup_mode {
	SNAP_CGROUP_NONE = 0,
	SNAP_CGROUP_V1, /* memory controller at .../memory (maybe hybrid) */
	SNAP_CGROUP_V2, /* unified hierarchy with the memory controller */
};

/* One memory cgroup (defined in model/snapcg.h). */
struct snap_cgroup;

/* The whole sample. */
struct snapshot {
	int64_t time_unix_ms; /* wall clock, for display only */
	uint64_t mono_ms;     /* monotonic clock, for rates */
	struct mem_info mem;
	/* the sum of the zones' low watermarks (/proc/zoneinfo), SNAP_NA */
	int64_t low_wmark_kb;
	struct vm_tunables vm;
	struct psi_memory psi;
	struct vmstat_counters vmstat;
	struct vmstat_rates rates;
	enum snap_cgroup_mode cgroup_mode;
	struct proc_row *procs; /* owned; nprocs used of procs_cap */
	size_t nprocs, procs_cap;
	char *strings; /* owned string pool; strings_len of _cap */
	size_t strings_len, strings_cap;
	uint32_t procs_vanished;  /* listed by readdir, gone before read */
	uint32_t cmdline_pending; /* rows whose cmdline was not ready yet */
	/* The memory cgroups (model/snapcg.h): owned; ncgroups used of
	 * cgroups_cap. cgroups_err: 0, or the errno of why this sample has
	 * none (ENOENT: no memory hierarchy, EAGAIN: the walk rests). */
	struct snap_cgroup *cgroups;
	size_t ncgroups, cgroups_cap;
	int cgroups_err;
};

/* An empty snapshot (no allocation yet). */
void snapshot_init(struct snapshot *snap);
/* Free what the snapshot owns; it may be initialised again after. */
void snapshot_fini(struct snapshot *snap);
/*
 * Empty it for the next sample: no rows, no strings, every system value
 * unknown. Capacity is kept, so a steady tick allocates nothing.
 */
void snapshot_reset(struct snapshot *snap);

/*
 * Append a new row (a copy of *row) growing the table geometrically.
 * 0, or -ENOMEM (the snapshot is unchanged).
 */
int snapshot_push_proc(struct snapshot *snap, const struct proc_row *row);

/*
 * Copy len bytes into the string pool; *off receives their offset.
 * 0, or -ENOMEM / -EOVERFLOW (pool would pass 4 GiB; nothing changed).
 */
int snapshot_str_append(struct snapshot *snap, const char *s, size_t len,
                        uint32_t *off);

/*
 * Like snapshot_str_append, but when the bytes equal the pooled string at
 * (hint_off, hint_len) (say, the previous row's cgroup) reuse its offset
 * instead of copying: rows of one service share their strings.
 */
int snapshot_str_reuse(struct snapshot *snap, const char *s, size_t len,
                       uint32_t hint_off, uint32_t hint_len, uint32_t *off);

/*
 * Append a copy of *cg to snap->cgroups, growing it geometrically. 0, or
 * -ENOMEM (the snapshot is unchanged).
 */
int snapshot_push_cgroup(struct snapshot *snap, const struct snap_cgroup *cg);

/* The pooled bytes at (off, len), or NULL for SNAP_NO_STR or bad bounds. */
const char *snapshot_str(const struct snapshot *snap, uint32_t off,
                         uint32_t len);

#endif
