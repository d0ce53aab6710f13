/*
 * recreplay: the read-only queries of `oomwatch --replay` on the
 * recorder's database (persist/recdb.h): the list of samples and events,
 * and one sample rebuilt as a struct snapshot for the dashboard.
 *
 * It opens the file through persist/recread.h (SQLITE_OPEN_READONLY, the
 * schema checked there: a missing, locked, damaged or newer database is
 * refused with its one-line message) and reads the version 1 tables,
 * and when there the cgroup rows (version 2) and procs.end_sample
 * (version 3). At open it loads every
 * sample's (id, time, boot), oldest first, and every event's (time, kind, pid,
 * comm, the sample it arrived with); a cursor is an index into the samples.
 * recreplay_newer appends those recorded since (a recorder still running).
 *
 * A sample's snapshot: meminfo, vmstat counters and PSI from its row
 * (rates against the sample before it, in the same boot, and none across
 * a gap: rates.na says why); the processes
 * of its boot alive at it, each at its latest row at or before it, with
 * the identity from procs. Alive (persist/recdb_schema.h): a row in the
 * RECREAD_ALIVE_MS up to the sample (the recorder writes one at least
 * every 10 minutes) and, in a schema v3 file, not ended by then
 * (procs.end_sample NULL or after it), so a process that lived seconds
 * leaves the table at the next sample. Not recorded, so unknown:
 * the state (' '), ppid (0), page tables, the vm tunables, the zones'
 * watermarks; the user is the uid in decimal.
 *
 * Its memory cgroups (schema v2 on; persist/recreplay_cg.h): every cgroup
 * of its boot with a row in the RECREPLAY_CG_ALIVE_MS up to it (the
 * recorder writes one when a value moves and at least every 10 minutes,
 * app/record_cg.h), at its latest row: usage, limit, memory.high, swap
 * (cgroup2's memory.swap.current), memory.events oom and oom_kill, PSI some
 * avg10. A cgroup removed stays until its rows are that old (no end is
 * recorded). Parents and depths come from the paths, each cgroup's process
 * count from the replayed processes' cgroups (so only the recorded ones),
 * the mode from the rows (cgroup2 when one has memory.high or
 * memory.events' oom, files v1 lacks). Then the collector's model code:
 * the root as the host (snapcg_root_host), the since-start counters
 * against each cgroup's first row in the RECREPLAY_CG_SINCE_MS up to the
 * sample (cgmem_base_track), the victims (snapcg_victims: N/A, as page
 * tables and vm.swappiness are not recorded). Not recorded, so SNAP_NA
 * with err ENODATA: memory.low/min/peak, swap.max, memory.stat, oom.group,
 * PSI full, v1's memsw and failcnt; no container names; no forecast
 * (fore.valid false: rows kept only on a 1% move are too coarse for it).
 * No row: ncgroups 0, cgroups_err ENODATA.
 */
#ifndef OOMWATCH_PERSIST_RECREPLAY_H
#define OOMWATCH_PERSIST_RECREPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "persist/recread.h"

/* One sample: database id, wall time (unix ms), boots.id. */
struct recreplay_sample {
	int64_t id, time_ms, boot;
};

/* One kernel event. */
struct recreplay_event {
	int64_t id, time_ms; /* events.id; when it was recorded */
	size_t at;           /* the sample it arrived with (index) */
	int64_t pid;         /* -1 when the event names none */
	char kind[24];       /* "oom_kill", "hung_task", ... */
	char comm[64];       /* "" when none */
};

/* A cgroup's rows are looked for this far before a sample: the
 * recorder's RECORD_CG_REFRESH_MS (10 min) and a minute of margin. */
#define RECREPLAY_CG_ALIVE_MS (11LL * 60 * 1000)
/* The since-start counters (the OOM columns' highlight) count from a
 * cgroup's first row this far before the sample: the replay's past. */
#define RECREPLAY_CG_SINCE_MS (24LL * 3600 * 1000)

struct recreplay;
struct recbox;

/* Open path (see above); NULL with *st and a one-line message in err.
 * A database without any sample is RECREAD_MISSING ("no samples"). */
struct recreplay *recreplay_open(const char *path, enum recread_status *st,
                                 char *err, size_t errsz);
/* Close it (NULL is fine). */
void recreplay_close(struct recreplay *r);
/* The last failure's one-line message. */
const char *recreplay_error(const struct recreplay *r);

/* The samples (count >= 1) and sample i (< count). */
size_t recreplay_count(const struct recreplay *r);
const struct recreplay_sample *recreplay_sample(const struct recreplay *r,
                                                size_t i);

/* Append the samples recorded after the newest one loaded, and their
 * events, to the lists (indexes stay valid): 0 with *added the samples
 * added, or -1 (message). */
int recreplay_newer(struct recreplay *r, size_t *added);

/* A gap in the record: a sample more than RECREPLAY_GAP_FACTOR times the
 * recorder's interval (the shortest of the RECREPLAY_GAP_LOOK intervals
 * before, 1 s at least) after the one before it: the recorder was not
 * running. */
#define RECREPLAY_GAP_FACTOR 3
#define RECREPLAY_GAP_LOOK 3

/* The gap before sample i in ms (see above), or 0 when there is none or
 * no interval to judge by (fewer than 3 samples). */
int64_t recreplay_gap_ms(const struct recreplay *r, size_t i);

/* The newest sample at or before time_ms and at most max_gap_ms older,
 * into *i: 0, or -1 when there is none. */
int recreplay_find(const struct recreplay *r, int64_t time_ms,
                   int64_t max_gap_ms, size_t *i);

/* The first sample of the boot named boot_id (the kernel's text) that
 * holds process rows (a recorder's first sample holds none), or its first
 * sample when none does, into *i: 0, 1 when the record has none of that
 * boot, -1 (message). */
int recreplay_boot_first(struct recreplay *r, const char *boot_id, size_t *i);

/* The boot_id text of sample i's boot into buf: 0, or -1 (message). */
int recreplay_boot_id(struct recreplay *r, size_t i, char *buf, size_t size);

/* From sample i, a step of delta_ms (> 0 forward, < 0 back): forward,
 * the first sample at or after its time + delta_ms (the last when none
 * is); back, the newest at or before its time + delta_ms (the first when
 * none is). */
size_t recreplay_step(const struct recreplay *r, size_t i, int64_t delta_ms);

/* The events, oldest first, and event k (< nevents). */
size_t recreplay_nevents(const struct recreplay *r);
const struct recreplay_event *recreplay_event(const struct recreplay *r,
                                              size_t k);

/* The next (dir > 0) or previous (dir < 0) event into *k: 0, or -1 when
 * there is none. From event from (one arriving with sample i), the one
 * after or before it, so events arriving with the same sample are each
 * reached in turn; otherwise (from SIZE_MAX: none, as after a cursor
 * move) the first event arriving after sample i, or the last arriving
 * before it. */
int recreplay_event_step(const struct recreplay *r, size_t i, size_t from,
                         int dir, size_t *k);

/* The recorded events of sample i's boot that arrived up to it and have a
 * black box or are OOM kills, each with its box (persist/recload_bbox.h),
 * the newest max of them, newest first, into a new array *out of *n (the
 * caller frees it; NULL when none): 0, or -1 (message). */
int recreplay_boxes(struct recreplay *r, size_t i, size_t max,
                    struct recbox **out, size_t *n);

/* How many events arrived up to and with sample i. */
size_t recreplay_events_upto(const struct recreplay *r, size_t i);

/* A kernel-log line rebuilt from a recorded event. */
struct recreplay_line {
	int time_kind;   /* events.log_time_kind: 1 since boot, 2 unix */
	int64_t time_us; /* the log's time */
	int64_t seq;     /* the event's /dev/kmsg SEQ on its last line, or -1 */
	const char *text; /* the line (the event's own values; borrowed) */
};
typedef void (*recreplay_line_fn)(const struct recreplay_line *l, void *arg);

/*
 * Call fn for the kernel-log lines of the events of sample i's boot that
 * arrived up to it, oldest first: for each, the lines the kernel prints
 * for it, rebuilt from its JSON (an OOM kill: its "invoked oom-killer"
 * and "oom-kill:" lines when the JSON names the trigger and constraint,
 * then its "Killed process" line; its task table is not rebuilt). Fed to
 * the log engine (model/kevents.h), they make the events again. 0, -1.
 */
int recreplay_klog(struct recreplay *r, size_t i, recreplay_line_fn fn,
                   void *arg);

/* Rebuild sample i as snap (reset first; see above): 0, or -1 with the
 * message (snap then holds what was read). mono_ms is the sample's wall
 * time, so the history's clock runs with the record's. */
int recreplay_snapshot(struct recreplay *r, size_t i, struct snapshot *snap);

/* recreplay_snapshot without the processes and cgroups (the system
 * values only). */
int recreplay_snapshot_sys(struct recreplay *r, size_t i,
                           struct snapshot *snap);

/* A sample rebuilt for the history (histsnap_record), borrowed for the
 * call. */
typedef void (*recreplay_snap_fn)(const struct snapshot *snap, void *arg);

/*
 * Call fn with each sample of sample i's boot in the span_ms before it
 * (at or after its time - span_ms; i itself left out), oldest first, as
 * a snapshot of its system values (no rates) and its processes as
 * recreplay_snapshot has them (alive by the same rule; pid, start time,
 * RSS, anon, file, shmem and swap only, the rest unknown): the history
 * the live dashboard's refreshes of that span would hold. Two queries
 * whatever the span's length. 0, or -1 with the message.
 */
int recreplay_window(struct recreplay *r, size_t i, int64_t span_ms,
                     recreplay_snap_fn fn, void *arg);

#endif
