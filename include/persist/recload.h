/*
 * recload: the dashboard's read of the recorder's database (persist/recdb.h,
 * README "oomwatch --record"): the last RECLOAD_SPAN_MS of this boot as a
 * "past" history (model/history.h) of one point a minute, for the trends,
 * verdicts and charts to cover the time before the dashboard started.
 *
 * Read-only: the file is opened through persist/recro.h (read-only; a
 * database the recorder is writing in WAL mode is readable; immutable on
 * a read-only file system) and only the schema v1
 * tables samples, procs, proc_rows, boots and events (and the v2 black
 * boxes, persist/recload_bbox.h, and v3's procs.end_sample, when there)
 * are read; a newer user_version is accepted as long as their columns are
 * still there.
 *
 * The past history: one refresh a minute, on the minute's middle (wall
 * clock), holding every process of this boot (keyed by pid + start time)
 * at its latest row at or before the minute's last sample, and the
 * system's series of that sample. A process is gone once the recorder
 * saw it end at or before that sample (procs.end_sample, schema 3), or
 * once it has had no row for RECLOAD_CARRY_MS (the recorder writes one
 * at least every 10 minutes; the only rule for a v1/v2 file, or for a
 * process that ended while no recorder ran). Times are
 * mapped to CLOCK_MONOTONIC by the caller's (now_mono_ms, now_wall_ms)
 * pair; minutes before the monotonic clock's zero are left out. A minute
 * with no sample leaves a gap. Every point of it is in the minute tier
 * (read with HIST_MINUTE); its refresh delay is one minute.
 */
#ifndef OOMWATCH_PERSIST_RECLOAD_H
#define OOMWATCH_PERSIST_RECLOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/history.h"
#include "model/recbox.h"
#include "persist/recro.h"

/* How far back the dashboard loads. */
#define RECLOAD_SPAN_MS (24LL * 3600 * 1000)
/* A process with no row for this long is gone (the recorder writes one at
 * least every 10 minutes). */
#define RECLOAD_CARRY_MS (10LL * 60 * 1000 + 30000)
/* A record whose newest sample is older than this has stopped: the
 * status says when it ends, and no black box is awaited. */
#define RECLOAD_STALE_MS (2LL * 60 * 1000)

/* Why the record was, or was not, loaded. */
enum recload_status {
	RECLOAD_OK = 0,
	RECLOAD_MISSING, /* no database file: no error, just no record */
	RECLOAD_LOCKED,  /* a writer holds a lock past the busy timeout */
	RECLOAD_CORRUPT, /* not a database, damaged, or not a history db */
	RECLOAD_ERROR,   /* unreadable, an unknown schema, out of memory */
	RECLOAD_STOPPED, /* *stop was set */
};

/* What to load. */
struct recload_req {
	const char *path;
	const char *boot_id;  /* /proc/sys/kernel/random/boot_id's text */
	int64_t now_wall_ms;  /* the wall clock ... */
	uint64_t now_mono_ms; /* ... and CLOCK_MONOTONIC at the same time */
	int64_t span_ms;      /* how far back (RECLOAD_SPAN_MS) */
	size_t cap_bytes;     /* the past history's cap (0: none) */
	int busy_ms;          /* how long to wait on a lock */
	atomic_int *stop;     /* NULL, or set by another thread to give up */
	bool boxes_only;      /* read the events and black boxes only (a
	                         re-read: no past, why left "") */
	int64_t until_ms;     /* the events recorded at or before this wall
	                         time (a replay's cursor); 0: all */
};

/* The outcome. */
struct recload {
	enum recload_status st;
	char why[256];     /* OK: "loaded 3h12m"; else "no record", "locked",
	                      "corrupt: ...", ... */
	struct hist *past; /* owned; NULL unless st is RECLOAD_OK */
	size_t samples;    /* samples read */
	size_t minutes;    /* minutes put into past */
	int64_t first_ms;  /* the oldest minute put (wall), 0 when none */
	int64_t last_ms;   /* this boot's newest sample (wall), 0 when none;
	                      set also by a boxes_only read */
	char ends[48];     /* OK: "the record ends 0h41m ago" when its newest
	                      sample is over RECLOAD_STALE_MS old, else "" */
	char note[RECRO_NOTE]; /* what the open noted (persist/recro.h: a
	                          newer schema, a read-only file system),
	                          else "" */
	/* this boot's recorded events with their black boxes (newest first,
	 * persist/recload_bbox.h; owned, NULL when none), read whatever
	 * st says once the boot is found; box_why: why not read ("" when
	 * read) */
	struct recbox *boxes;
	size_t nboxes;
	bool boxes_read; /* they were read (none may have been there) */
	char box_why[128];
};

/* Load rq into *out (its past is the caller's to free with recload_fini).
 * Returns out->st. */
enum recload_status recload_run(const struct recload_req *rq,
                                struct recload *out);

/* Free what r holds. */
void recload_fini(struct recload *r);

/*
 * A replay's past, kept from one cursor to the next (app/replay.c): the
 * past recload_run would give at a recorded sample's time (now_wall_ms
 * and now_mono_ms that time, span RECLOAD_SPAN_MS), built without
 * reading the whole span again at each move.
 *
 * It holds the database open, the cursor boot's samples and process
 * identities, and a base history: the boot's finished minutes up to
 * some minutes before the cursor's (the processes at their rows there).
 * A cursor's past is a copy of the base (hist_clone) with the minutes
 * from there to the cursor put, the cursor's minute at the cursor's
 * sample, then flushed, as recload_run does; so it reads the same
 * points (series, values, gaps) as recload_run's while both are under
 * cap_bytes. The base stays where it is while the cursor stays ahead of
 * it (going back, or forward up to twice RECLOAD_CURSOR_LAG_MIN minutes
 * on); a cursor further on moves it on (to the lag before the cursor's
 * minute: only the minutes between are put); one before it, in another
 * boot, or a day or more on builds it anew (the cost of one
 * recload_run), RECLOAD_CURSOR_BACK_MIN minutes before the cursor when
 * the cursor went back (so stepping back meets that cost once an hour of
 * record), else the lag. Memory: the base, the past handed out, and the
 * boot's sample times and identities.
 */
#define RECLOAD_CURSOR_LAG_MIN 10
#define RECLOAD_CURSOR_BACK_MIN 60

struct recload_cursor;

/* A cursor on the database at path (kept, not copied; opened at the
 * first recload_cursor_past) whose pasts hold at most cap_bytes (0:
 * none), waiting busy_ms on a lock. NULL when out of memory. */
struct recload_cursor *recload_cursor_new(const char *path, size_t cap_bytes,
                                          int busy_ms);

/* Free c (NULL is fine). */
void recload_cursor_free(struct recload_cursor *c);

/*
 * The past of the boot named boot_id up to its sample at time_ms into
 * *past (the caller's to free; see above), with out's st and why as
 * recload_run says them (out holds nothing to free). Returns out->st;
 * *past is NULL unless RECLOAD_OK.
 */
enum recload_status recload_cursor_past(struct recload_cursor *c,
                                        const char *boot_id, int64_t time_ms,
                                        struct hist **past,
                                        struct recload *out);

#endif
