/*
 * recdb: the recorder's SQLite store (the history database). One writer
 * (the recorder), any number of readers (the sqlite3 shell; later the
 * dashboard and --replay, read-only). WAL journal, so readers never block
 * the writer; a 5 s busy timeout for the moments a checkpoint needs them
 * gone.
 *
 * Schema (version RECDB_VERSION in PRAGMA user_version; README "Recorder"
 * documents every column):
 *   boots      one row per boot (the kernel's boot_id)
 *   samples    one row per sample: wall time, boot, resolution (0 = raw,
 *              60 = the one sample kept of its minute), meminfo fields,
 *              vmstat counters, PSI memory
 *   procs      one row per process identity (boot, pid, start time): comm,
 *              command line, uid, cgroup, first sample
 *   proc_rows  (sample, proc) RSS, anon, file, shmem, swap, oom_score,
 *              oom_score_adj: only rows recsel chose (model/recsel.h)
 *   events     kernel events (model/kevents.h) with the sample they came
 *              in and their JSON (the objects `oomwatch --events --json`
 *              prints); unique per boot and log position, so a restart
 *              that reads the kernel log's backlog again adds none twice
 * Version 2 adds (v1 tables unchanged):
 *   cgroups       one row per memory cgroup path
 *   cgroup_rows   (sample, cgroup) usage, limit, high, swap, memory.events
 *                 oom and oom_kill, PSI some avg10: rows the recorder chose
 *   blackbox      one per OOM kill, hung task, lockup or panic event: the
 *                 last full sample before it (meminfo, PSI), with
 *   bb_procs      every process row of that sample,
 *   bb_cgroups    every cgroup of it,
 *   bb_victim_rss the event's process's RSS over the hour before (its
 *                 proc_rows),
 *   bb_grew       the RECDB_BBOX_TOP processes that grew most in the
 *                 RECDB_GREW_MS before.
 *   Black boxes are copies, not links to samples: retention and
 *   downsampling never touch them; they go with their event, or for the
 *   size cap (struct recdb_limits).
 * Version 3 adds procs.end_sample: the first sample at which a process
 * with a procs row was no longer seen (NULL while it runs, or when the
 * recorder stopped or restarted first: readers then go by its rows, see
 * persist/recdb_schema.h).
 * Version 4 adds cgroup_ends(cgroup_id, sample_id): the first sample at
 * which a cgroup with rows was no longer in the recorder's walk (none
 * when the recorder stopped first; a path that comes back gets rows
 * again, and may end again).
 *
 * An older database is migrated step by step (one function per version);
 * a newer one is refused. Every sample is one transaction. Maintenance
 * (retention, downsampling, the size cap) is incremental: each call
 * deletes or folds a small batch, in its own short transaction.
 *
 * Errors come back as a one-line message (a clear reason for the people
 * reading the recorder's log) and a recdb_status.
 */
#ifndef OOMWATCH_PERSIST_RECDB_H
#define OOMWATCH_PERSIST_RECDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

#define RECDB_VERSION 4
/* Events, and their black boxes, are kept this long whatever --retain
 * says. */
#define RECDB_EVENT_RETAIN_MS (90LL * 24 * 3600 * 1000)
/* Samples older than this are downsampled to one per minute. */
#define RECDB_RAW_MS (24LL * 3600 * 1000)
/* Samples deleted or folded per maintenance call at most. */
#define RECDB_BATCH 8
/* A black box: the processes that grew most, over how long; how much of
 * the victim's RSS history. */
#define RECDB_BBOX_TOP 10
#define RECDB_GREW_MS (10LL * 60 * 1000)
#define RECDB_VICTIM_MS (3600LL * 1000)
/* A process with no row for this long is gone (a row is written at least
 * every 10 minutes). */
#define RECDB_ALIVE_MS (11LL * 60 * 1000)
/* Black boxes stored per sample at most (a burst of kills: the first
 * ones; each is a copy of every process). */
#define RECDB_BBOX_PER_SAMPLE 8

enum recdb_status {
	RECDB_OK = 0,
	RECDB_FULL,  /* the disk (or the --max-size cap's filesystem) is full */
	RECDB_ERROR, /* any other failure; the message says which */
	RECDB_LOCKED,   /* another recorder holds the database */
	RECDB_NEWER,    /* schema newer than this program */
	RECDB_CORRUPT,  /* not a database, or damaged */
	RECDB_READONLY, /* cannot be written */
};

/* A process identity, first stored with its first row. Strings are
 * sanitized (model/recsel.h); NULL = unknown or left out. */
struct recdb_ident {
	int32_t pid;
	uint64_t start_time; /* clock ticks after boot */
	uint32_t uid;        /* SNAP_UID_NA: unknown */
	char *comm, *cmdline, *cgroup;
};

/* One process row (kB; SNAP_NA = unknown). */
struct recdb_row {
	int32_t pid;
	uint64_t start_time;
	int64_t rss_kb, anon_kb, file_kb, shmem_kb, swap_kb;
	int64_t oom_score, oom_score_adj;
};

/* A process that ended: gone from the snapshot since the last sample. */
struct recdb_end {
	int32_t pid;
	uint64_t start_time;
};

/* One kernel event. */
struct recdb_event {
	const char *kind; /* kevent_kind_name(): a static string */
	int time_kind;    /* enum klog_time_kind of the log's time */
	int64_t time_us;  /* that time (0 when none) */
	int64_t seq;      /* /dev/kmsg SEQ, or -1 */
	int64_t pid;      /* -1 when none */
	char *json;       /* owned */
	bool bbox;        /* gets its sample's black box (when it has one) */
};

/* One memory cgroup's numbers (bytes, counts; SNAP_NA = unknown; a
 * negative psi_some_avg10 = unknown). In a sample's cgroups, ended marks
 * a cgroup that left the walk since the last sample: it gets a
 * cgroup_ends row (schema 4) and no numbers (they are not read). */
struct recdb_cgroup {
	char *path; /* owned */
	int64_t usage_bytes, limit_bytes, high_bytes, swap_bytes;
	int64_t oom, oom_kill; /* memory.events */
	double psi_some_avg10;
	bool ended; /* last, so positional initializers stay right */
};

/* One process of a black box (kB; SNAP_NA = unknown). */
struct recdb_bbox_proc {
	int32_t pid;
	uint64_t start_time;
	uint32_t uid;  /* SNAP_UID_NA: unknown */
	char comm[64]; /* sanitized (core/sanitize.h) */
	int64_t rss_kb, anon_kb, swap_kb, oom_score, oom_score_adj;
};

/* One of the processes that grew most: RSS then (0 when it started
 * since) and at the black box's sample. */
struct recdb_bbox_grew {
	int32_t pid;
	uint64_t start_time;
	char comm[64]; /* sanitized */
	int64_t rss_before_kb, rss_kb;
};

/* The last full sample before an event, as kept for it. Owned arrays. */
struct recdb_bbox {
	int64_t time_ms; /* wall clock of that sample */
	struct mem_info mem;
	struct psi_memory psi;
	struct recdb_bbox_proc *procs;
	size_t nprocs;
	struct recdb_cgroup *cgroups;
	size_t ncgroups;
	struct recdb_bbox_grew grew[RECDB_BBOX_TOP]; /* most growth first */
	size_t ngrew;
};

/* One sample, self-contained (it may wait in memory while the disk is
 * full). Arrays and strings are owned; recdb_sample_clear frees them. */
struct recdb_sample {
	int64_t time_ms; /* wall clock */
	struct mem_info mem;
	struct vmstat_counters vmstat;
	struct psi_memory psi;
	struct recdb_ident *idents;
	size_t nidents;
	struct recdb_row *rows;
	size_t nrows;
	struct recdb_end *ends; /* their procs rows get end_sample = this one */
	size_t nends;
	struct recdb_event *events;
	size_t nevents;
	struct recdb_cgroup *cgroups; /* cgroup rows to store */
	size_t ncgroups;
	/* NULL, or the black box the events marked bbox get, when newly
	 * stored (owned) */
	struct recdb_bbox *bbox;
};

/* What the recorder keeps. */
struct recdb_limits {
	int64_t retain_ms; /* samples older than this go */
	/* 0: no cap. Else the database and its -wal are kept under it:
	 * the oldest black boxes go while they take more than half of it
	 * (their events stay), else the oldest samples (never the newest) */
	int64_t max_size_bytes;
};

struct recdb;

/*
 * Open (creating when missing: mode 0640, root:adm when run as root and
 * the group exists) the database at path for writing, with boot_id the
 * running kernel's (any text naming this boot). Migrates an older schema.
 * NULL with a one-line message in err and *st saying why.
 */
struct recdb *recdb_open(const char *path, const char *boot_id,
                         enum recdb_status *st, char *err, size_t errsz);
/* Close it (NULL is fine). The WAL of an opened database is first
 * checkpointed into the file and truncated (TRUNCATE), also when the file
 * was moved away (SQLite's own checkpoint at close skips a moved file);
 * a failure is said on stderr in one line. */
void recdb_close(struct recdb *db);

/*
 * Write one sample in one transaction. RECDB_OK, or RECDB_FULL /
 * RECDB_ERROR with a message in err; nothing of the sample is then
 * stored (it may be written again later). After RECDB_FULL the WAL is
 * checkpointed and truncated whenever it can be (at once, and after the
 * next write that succeeds), and checkpointed every few pages from then
 * on, so a small file system that ran full is not filled again by it.
 */
enum recdb_status recdb_write(struct recdb *db, const struct recdb_sample *s,
                              char *err, size_t errsz);

/*
 * One step of maintenance at now_ms (wall clock): at most RECDB_BATCH
 * samples deleted past retention or the size cap, or black boxes for the
 * cap, or samples folded into their minute past RECDB_RAW_MS, plus
 * identities and events nobody needs any more. *more says whether work is
 * left (or the cap may still be exceeded). RECDB_OK or a failure as above.
 */
enum recdb_status recdb_maintain(struct recdb *db, int64_t now_ms,
                                 const struct recdb_limits *lim, bool *more,
                                 char *err, size_t errsz);

/* How many black boxes maintenance dropped for the size cap since
 * db was opened (see struct recdb_limits). */
uint64_t recdb_boxes_capped(const struct recdb *db);

/* The schema version a database file has (PRAGMA user_version), opened
 * read-only; -1 with a message when it cannot be read. For tests. */
int recdb_file_version(const char *path, char *err, size_t errsz);

/* Free what s owns and empty it. */
void recdb_sample_clear(struct recdb_sample *s);
/* Free a black box and what it owns (NULL is fine). */
void recdb_bbox_free(struct recdb_bbox *b);
/* Free n cgroup rows' paths and the array. */
void recdb_cg_free(struct recdb_cgroup *cg, size_t n);
/* True for the kinds that get a black box: OOM kill, hung task, soft and
 * hard lockup, panic. */
bool recdb_bbox_kind(const char *kind);

#endif
