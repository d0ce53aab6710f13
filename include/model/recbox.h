/*
 * recbox: recorded kernel events of this boot and their black boxes (the
 * recorder's "last full sample before the event", persist/recdb.h), as
 * the dashboard's events view shows them: "before this kill". Pure.
 *
 * A recbox is one recorded event (the newest RECBOX_MAX of the boot are
 * loaded, persist/recload.h) with what the view needs of its black box,
 * bounded: MemAvailable and swap used at the black box's sample, the
 * RECBOX_TOP largest processes by RSS, the RECBOX_GREW that grew most
 * before it, and the victim's RSS over the hour before (its newest
 * RECBOX_VICTIM_MAX points).
 *
 * A live event (model/kevents.h) is the recorded one when both have a
 * /dev/kmsg sequence number and they are equal, else when kind, log time
 * (its kind and value) and pid are equal (recbox_match). The events view
 * lists the live events and, merged in by time, the recorded OOM kills
 * no live event matches (kmsg overwrote them before the dashboard
 * started: recbox_merge), each as a struct kevent rebuilt from the
 * stored columns and JSON (recbox_event).
 */
#ifndef OOMWATCH_MODEL_RECBOX_H
#define OOMWATCH_MODEL_RECBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/kevents.h"

#define RECBOX_MAX 32         /* recorded events kept, the newest */
#define RECBOX_TOP 10         /* processes by RSS */
#define RECBOX_GREW 10        /* processes that grew most */
#define RECBOX_VICTIM_MAX 360 /* victim RSS points (an hour at 10 s) */

/* One process of a black box (kB; SNAP_NA = unknown). */
struct recbox_proc {
	int32_t pid;
	char comm[64]; /* as stored (sanitized by the recorder) */
	int64_t rss_kb, swap_kb;
};

/* One that grew most: RSS at the start of the span (0: started since)
 * and at the black box's sample. */
struct recbox_grew {
	int32_t pid;
	char comm[64];
	int64_t before_kb, rss_kb;
};

/* One point of the victim's RSS (wall clock). */
struct recbox_point {
	int64_t time_ms, rss_kb;
};

/* One recorded event with its black box (has_box false: none kept). */
struct recbox {
	int64_t id;       /* events.id */
	int64_t time_ms;  /* when it was recorded (wall clock) */
	struct kevent ev; /* as recorded (no task table) */
	bool has_box;
	bool sampled_before; /* the record has samples of the 10 minutes
	                        before it: a box missing was dropped */
	int64_t box_ms;      /* the black box's sample (wall) */
	int64_t avail_kb, swap_used_kb; /* SNAP_NA = unknown */
	bool no_swap;                   /* SwapTotal was 0 */
	/* has_memcg: a memcg OOM kill whose memcg the box holds, with its
	 * usage and limit at the box's sample (SNAP_NA: unknown; limit
	 * CGMEM_UNLIMITED: none) */
	bool has_memcg;
	int64_t memcg_usage_kb, memcg_limit_kb;
	struct recbox_proc top[RECBOX_TOP];
	size_t ntop;
	struct recbox_grew grew[RECBOX_GREW];
	size_t ngrew;
	struct recbox_point victim[RECBOX_VICTIM_MAX]; /* oldest first */
	size_t nvictim;
};

/* One row of the events view: a live event or a recorded-only kill. */
struct recbox_row {
	const struct kevent *e;   /* never NULL */
	const struct recbox *box; /* its record, or NULL */
	bool from_record;         /* only in the record: its process is gone */
};

/*
 * Rebuild e from a stored event: kind (its JSON name), log time kind and
 * value, kmsg seq (-1: none), pid (-1: none), and from its JSON (len
 * bytes, any content) the comm, the OOM kill's RSS split, uid,
 * oom_score_adj, constraint and memcg. False (e cleared) for an unknown
 * kind.
 */
bool recbox_event(struct kevent *e, const char *kind, int time_kind,
                  int64_t time_us, int64_t seq, int64_t pid, const char *json,
                  size_t len);

/* The index in b[0..n) of the record of live event e, or -1. */
long recbox_match(const struct recbox *b, size_t n, const struct kevent *e);

/*
 * The rows of the events view into rows[0..max), newest first: every
 * event of live (NULL: none) with its record (looked for in all of
 * b[0..n): a replay reads more than RECBOX_MAX), and the recorded OOM
 * kills of b[0..RECBOX_MAX) (newest first) no live event matches, merged
 * in by log time (a kill whose time cannot be compared with the live
 * one's goes after it). Returns the rows written.
 */
size_t recbox_merge(const struct kevents *live, const struct recbox *b,
                    size_t n, struct recbox_row *rows, size_t max);

#endif
