/*
 * cgmem: one memory cgroup's numbers, parsed from the text of its files.
 * Pure: the collector reads each file (see cgmem_file_name) and hands the
 * text, or the errno of a failed read, to cgmem_parse / cgmem_set_err.
 *
 * Values are in bytes (counters are counts). Three states besides a number:
 *   - CGMEM_UNLIMITED: cgroup2 prints "max"; v1 prints PAGE_COUNTER_MAX
 *     pages in bytes, LONG_MAX rounded down to the page (0x7ffffffffffff000
 *     with 4 kB pages), and every value at or above that is unlimited;
 *   - SNAP_NA: not known, with the reason in err[file] (the errno of the
 *     read, EINVAL for malformed text, ENODATA before the first read);
 *   - never 0 for "unknown".
 * The cgroup2 root has no memory.current or memory.max (ENOENT): the screen
 * shows the host there (cgmem_root_from_host).
 *
 * Identity: a cgroup is its path (the caller's key) plus its directory's
 * inode. A cgroup removed and made again under the same path has a new
 * inode and starts fresh: cgmem_base_track restarts its "since start"
 * counters.
 *
 * Which file fills what:
 *   file               cgroup2                    v1 (hybrid too)
 *   CURRENT            memory.current             memory.usage_in_bytes
 *   MAX                memory.max                 memory.limit_in_bytes
 *   HIGH, LOW, MIN     memory.high/low/min        -
 *   SWAP_CURRENT       memory.swap.current        memory.memsw.usage_in_bytes
 *   SWAP_MAX           memory.swap.max            memory.memsw.limit_in_bytes
 *   PEAK               memory.peak (5.19+)        memory.max_usage_in_bytes
 *   FAILCNT            -                          memory.failcnt
 *   EVENTS             memory.events              memory.oom_control
 *   EVENTS_LOCAL       memory.events.local        -
 *   PRESSURE           memory.pressure            -
 *   OOM_GROUP          memory.oom.group           -
 *   SWAPPINESS         - (vm.swappiness)          memory.swappiness
 *   STAT               memory.stat                memory.stat (total_*)
 * v1's memsw files count memory + swap: they fill memsw_bytes and
 * memsw_max_bytes, not swap_bytes (cgmem_swap_used_bytes derives swap).
 * Parsing memory.memsw.usage_in_bytes also keeps the usage_in_bytes
 * parsed before it (memsw_usage_bytes): the collector reads CURRENT
 * before SWAP_CURRENT in the same refresh, but may read usage alone in
 * others, so swap is only ever the difference of one refresh's pair.
 */
#ifndef OOMWATCH_MODEL_CGMEM_H
#define OOMWATCH_MODEL_CGMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* A limit that is not set ("max"). Compares above every byte count. */
#define CGMEM_UNLIMITED INT64_MAX

/* The files of one memory cgroup (see the table above). */
enum cgmem_file {
	CGMEM_F_CURRENT,
	CGMEM_F_MAX,
	CGMEM_F_HIGH,
	CGMEM_F_LOW,
	CGMEM_F_MIN,
	CGMEM_F_SWAP_CURRENT,
	CGMEM_F_SWAP_MAX,
	CGMEM_F_PEAK,
	CGMEM_F_FAILCNT,
	CGMEM_F_EVENTS,
	CGMEM_F_EVENTS_LOCAL,
	CGMEM_F_PRESSURE,
	CGMEM_F_OOM_GROUP,
	CGMEM_F_SWAPPINESS,
	CGMEM_F_STAT,
	CGMEM_FILE_COUNT
};

/* memory.events (or .local) counters; v1 fills oom_kill only. */
struct cgmem_events {
	int64_t low, high, max, oom, oom_kill, oom_group_kill;
};

/* memory.stat in bytes. v1: anon = total_rss, file = total_cache,
 * shmem = total_shmem, inactive_file = total_inactive_file; kernel,
 * slab and sock are N/A there. */
struct cgmem_stat {
	int64_t anon, file, shmem, kernel, slab, sock, inactive_file;
};

/* One memory cgroup. Every int64_t is SNAP_NA until its file is parsed. */
struct cgmem {
	enum snap_cgroup_mode mode; /* V1 or V2: which file names and rules */
	uint64_t ino;               /* the directory's inode: the identity */
	int64_t current_bytes, max_bytes, high_bytes, low_bytes, min_bytes;
	int64_t swap_bytes, swap_max_bytes;   /* cgroup2 */
	int64_t memsw_bytes, memsw_max_bytes; /* v1: memory + swap */
	int64_t memsw_usage_bytes; /* v1: usage read with memsw_bytes */
	int64_t peak_bytes;
	int64_t failcnt;                     /* v1: times the limit was hit */
	struct cgmem_events events;          /* v2 hierarchical; v1 oom_kill */
	struct cgmem_events events_local;    /* v2: this cgroup only */
	int64_t oom_kill_disable, under_oom; /* v1 memory.oom_control */
	struct psi_memory psi;               /* memory.pressure */
	int64_t oom_group;                   /* memory.oom.group: 0 or 1 */
	int64_t swappiness;                  /* v1 memory.swappiness */
	struct cgmem_stat stat;
	int err[CGMEM_FILE_COUNT]; /* 0 when parsed, else why it is N/A */
};

/* "Since start" counters of one cgroup (see cgmem_base_track). */
struct cgmem_base {
	bool set;     /* false: nothing seen yet */
	uint64_t ino; /* the inode the baseline belongs to */
	struct cgmem_events events;
	int64_t failcnt;
};

/*
 * An empty cgroup of mode (SNAP_CGROUP_V1 or V2) with inode ino: every
 * value SNAP_NA, every file's err ENODATA (not read yet).
 */
void cgmem_init(struct cgmem *cg, enum snap_cgroup_mode mode, uint64_t ino);

/*
 * The name of file f under a cgroup directory for mode ("memory.current"),
 * or NULL when that hierarchy has no such file (nothing to read).
 */
const char *cgmem_file_name(enum snap_cgroup_mode mode, enum cgmem_file f);

/*
 * Parse the text of file f (len bytes, need not be NUL-ended) into cg.
 * page_kb (the page size in kB) places v1's unlimited value. 0, with
 * err[f] 0; or -1 when the text is malformed or truncated (no final
 * newline): f's values are then SNAP_NA with err[f] EINVAL, so a stale
 * value never survives. Also -1 (EINVAL) for a file cg's mode lacks.
 */
int cgmem_parse(struct cgmem *cg, enum cgmem_file f, const char *buf,
                size_t len, int64_t page_kb);

/* Mark file f unreadable: its values SNAP_NA, err[f] = err (an errno). */
void cgmem_set_err(struct cgmem *cg, enum cgmem_file f, int err);

/*
 * One value file: a decimal byte count and a newline. 0 and *out, or -1
 * (no digits, a sign, trailing text, overflow, no newline); *out is
 * untouched on failure.
 */
int cgmem_parse_bytes(const char *buf, size_t len, int64_t *out);

/* A cgroup2 limit: "max" (CGMEM_UNLIMITED) or a byte count, as above. */
int cgmem_parse_limit(const char *buf, size_t len, int64_t *out);

/*
 * A v1 limit: a byte count; CGMEM_UNLIMITED when at or above LONG_MAX
 * rounded down to the page (page_kb kB; 4 when not positive).
 */
int cgmem_parse_v1_limit(const char *buf, size_t len, int64_t page_kb,
                         int64_t *out);

/*
 * memory.events or memory.events.local: "low N", "high N", ... lines.
 * Keys the kernel does not print (oom_group_kill before 5.17) stay
 * SNAP_NA; unknown keys are ignored. -1 when a wanted value is not a
 * number, none is present, or the last line is cut; *out untouched then.
 */
int cgmem_parse_events(const char *buf, size_t len, struct cgmem_events *out);

/*
 * memory.stat for mode: cgroup2 keys or v1's total_* keys (see struct
 * cgmem_stat). Same rules as cgmem_parse_events.
 */
int cgmem_parse_stat(const char *buf, size_t len, enum snap_cgroup_mode mode,
                     struct cgmem_stat *out);

/* v1's SWAP: memsw_bytes minus the usage read in the same refresh
 * (memsw_usage_bytes), at least 0, when both are known; cgroup2's
 * swap.current; SNAP_NA when unknown. */
int64_t cgmem_swap_used_bytes(const struct cgmem *cg);

/*
 * Room left under memory.max (v1 limit_in_bytes): max - current, which
 * is negative when over it; CGMEM_UNLIMITED without a limit; SNAP_NA
 * when either is unknown.
 */
int64_t cgmem_headroom_bytes(const struct cgmem *cg);

/* Usage in per mille of memory.max (0..1000, more when over, at most
 * CGMEM_PERMILLE_FAR), or -1 when unlimited or unknown. */
#define CGMEM_PERMILLE_FAR 1000000
int cgmem_used_permille(const struct cgmem *cg);

/*
 * The root (cgroup2, or v1) as the host: current_bytes from MemTotal -
 * MemAvailable (err[CURRENT] 0), max_bytes CGMEM_UNLIMITED. Returns the
 * memory no cgroup accounts for, like with like: the children's usage
 * (children_bytes, the sum of the root's children's memory.current)
 * counts their page cache, so it is taken from MemTotal - MemFree, the
 * host's memory in use with its page cache. Negative when the children
 * were read above it (their files are read after /proc/meminfo); SNAP_NA
 * when unknown.
 */
int64_t cgmem_root_from_host(struct cgmem *cg, const struct mem_info *mem,
                             int64_t children_bytes);

/*
 * Keep base as cg's "since start" point: a first sight, another inode
 * (the cgroup was made again) or a counter that went back starts it
 * fresh from cg's counters. Returns true when it started fresh.
 */
bool cgmem_base_track(struct cgmem_base *base, const struct cgmem *cg);

/*
 * The events since base into out: cg's counter minus the baseline's,
 * SNAP_NA where either is unknown.
 */
void cgmem_base_delta(const struct cgmem_base *base, const struct cgmem *cg,
                      struct cgmem_events *out);

#endif
