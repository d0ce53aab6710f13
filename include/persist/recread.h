/*
 * recread: read-only queries on the recorder's history database
 * (persist/recdb.h), for `oomwatch --report`. It opens the file through
 * persist/recro.h (SQLITE_OPEN_READONLY: a database the recorder is
 * writing in WAL mode is readable; immutable on a read-only file system)
 * and needs only the version 1 tables (boots, samples, procs,
 * proc_rows, events): a newer schema is accepted when those tables still
 * have the columns read here (later versions only add tables). When the
 * version 2 black-box tables (blackbox, bb_procs: the recorder's last
 * full sample before each event) are there, a kill's top processes come
 * from its black box.
 *
 * Every call that fails leaves a one-line message (naming the file) in
 * the handle, for recread_error.
 */
#ifndef OOMWATCH_PERSIST_RECREAD_H
#define OOMWATCH_PERSIST_RECREAD_H

#include <stddef.h>
#include <stdint.h>

#include "model/history.h"

enum recread_status {
	RECREAD_OK = 0,
	RECREAD_MISSING, /* no such file */
	RECREAD_NOTDB,   /* not a history database, or damaged */
	RECREAD_NEWER,   /* a newer schema whose v1 tables changed */
	RECREAD_LOCKED,  /* held by a writer for more than the busy timeout */
	RECREAD_ERROR,   /* anything else (permission, I/O) */
};

/* An OOM kill, its victim from the event's JSON (NULL / -1 when the log
 * did not give it). */
struct recread_kill {
	int64_t time_ms;     /* the log's time on the wall clock (its unix
	                        time, or the boot's start + its time since
	                        boot), else when recorded */
	int log_time;        /* 1: time_ms is the log's own time */
	int64_t boot_us;     /* the log's time after boot, or -1 */
	int64_t before_id;   /* the last sample before the kill, or -1 */
	int64_t before_ms;   /* its time (the black box's, when it has one) */
	int64_t event_id;    /* events.id */
	int64_t bb_id;       /* its black box (schema 2), or -1 */
	int64_t pid, rss_kb; /* rss: anon + file + shmem RSS */
	char comm[64], constraint[16], memcg[256];
};

/* A hung task or lockup (hung_task, soft_lockup, hard_lockup). */
struct recread_stall {
	int64_t time_ms; /* as a kill's */
	int log_time;    /* as a kill's */
	int64_t boot_us; /* as a kill's */
	char kind[16];
	int64_t pid, cpu, seconds; /* -1 when not given */
	char comm[64];
};

/* A process's value at one sample. */
struct recread_proc {
	int64_t proc_id;
	int32_t pid;
	int64_t rss_kb, swap_kb; /* SNAP_NA when unknown */
	char comm[64];
};

/* The system's extremes over a window (kB; time_ms 0 when no sample). */
struct recread_peaks {
	int64_t samples;
	int64_t used_kb, used_ms;   /* MemTotal - MemAvailable, highest */
	int64_t swap_kb, swap_ms;   /* SwapTotal - SwapFree, highest */
	int64_t swap_total_kb;      /* SwapTotal, highest (0: no swap at any
	                               sample) */
	int64_t swap_total_ms;      /* its time; 0 when never recorded */
	int64_t avail_kb, avail_ms; /* MemAvailable, lowest */
};

struct recread;

/* Open path read-only and check its schema; NULL with *st and a
 * one-line message in err when it cannot be read as a history database. */
struct recread *recread_open(const char *path, enum recread_status *st,
                             char *err, size_t errsz);
/* Close it (NULL is fine). */
void recread_close(struct recread *r);
/* What the open noted, for where the reader names its source: a newer
 * schema read as this one, a read-only file system read without its
 * -wal (persist/recro.h); "" when nothing. */
const char *recread_note(const struct recread *r);
/* The last failure's one-line message. */
const char *recread_error(const struct recread *r);

/* The open read-only connection, for further queries of the same kind
 * (persist/recreplay.c); it stays r's. */
struct sqlite3 *recread_db(struct recread *r);
/* Say SQLite failure rc in r's message, as every call here does; its
 * status. */
enum recread_status recread_sqlfail(struct recread *r, int rc);

/* The time of the first sample of the boot named boot_id (the kernel's
 * boot_id text) into *ms: 0, 1 when that boot has no sample, -1. */
int recread_boot_start(struct recread *r, const char *boot_id, int64_t *ms);

/* The OOM kills whose time (time_ms of struct recread_kill: the log's
 * own on the wall clock when it can be known) is in [from_ms, to_ms],
 * oldest first, into a new array (*out, the caller frees; *n): 0, -1.
 * A time since boot is put on the wall clock with the boot's start: the
 * tightest bound its record gives (each recorded process's first sample
 * minus its start time after boot, each event's store time minus its
 * time since boot; none when no process of that boot was recorded). */
int recread_kills(struct recread *r, int64_t from_ms, int64_t to_ms,
                  struct recread_kill **out, size_t *n);

/* The hung tasks and lockups in [from_ms, to_ms] (times as the kills'),
 * oldest first: 0, -1. */
int recread_stalls(struct recread *r, int64_t from_ms, int64_t to_ms,
                   struct recread_stall **out, size_t *n);

/* The system's peaks over the samples in [from_ms, to_ms]: 0, or -1. */
int recread_peaks(struct recread *r, int64_t from_ms, int64_t to_ms,
                  struct recread_peaks *out);

/*
 * The top max processes by RSS at sample sample_id (a process's value is
 * its latest row at or before it; a process counts when it has a row in
 * the RECREAD_ALIVE_MS up to the sample, the recorder writing one at
 * least every 10 minutes) into out, largest first; *n how many: 0, -1.
 */
#define RECREAD_ALIVE_MS (11LL * 60 * 1000)
int recread_top(struct recread *r, int64_t sample_id, size_t max,
                struct recread_proc *out, size_t *n);

/*
 * The top max processes by RSS before kill k into out, largest first, *n
 * how many: from its black box when it has one, else recread_top at
 * k->before_id (none when that is -1). 0, or -1.
 */
int recread_kill_top(struct recread *r, const struct recread_kill *k,
                     size_t max, struct recread_proc *out, size_t *n);

/*
 * Call fn once per process with rows in [from_ms, to_ms] (or in the
 * RECREAD_ALIVE_MS before, carried into it), with its RSS as one point a
 * minute (model/minseries.h: each minute of the window that has a sample,
 * its latest row at or before the minute's last sample, from its first
 * row to the window's end, or to its last row when it has none in the
 * RECREAD_ALIVE_MS before the window's last minute of its boot; oldest
 * first; mono_ms and wall_ms both the minute's time), and its identity
 * (rss_kb and swap_kb of its last row): 0, -1.
 */
typedef void (*recread_series_fn)(const struct recread_proc *p,
                                  const struct hist_point *pts, size_t n,
                                  void *arg);
int recread_series(struct recread *r, int64_t from_ms, int64_t to_ms,
                   recread_series_fn fn, void *arg);

#endif
