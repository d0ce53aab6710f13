/*
 * kevents: the kernel-log engine. Lines go in, in order; out come events
 * (OOM kills with their report's context, hung tasks, lockups, panics,
 * NULL dereferences, page allocation failures) in a bounded ring, and,
 * when a klogring is attached, the classified display lines.
 *
 * OOM kill events are anchored on the "Killed process" line (one per
 * kill): everything else is optional context taken from the same report
 * when it is there: the trigger comm, gfp mask and order from "invoked
 * oom-killer", the constraint and memcg from "oom-kill:" (or "Memory cgroup
 * out of memory", "Task in .. killed as a result of limit of", "Memory
 * cgroup stats for"), the task table, and later the oom_reaper line (matched by
 * pid against recent events). A report stays open from its first line to its
 * kill (to its last kill after a memory.oom.group line); lost messages or more
 * than 30 s between its first line and the kill (when the log has times or
 * dates: a syslog date without a year still orders lines, see
 * klog_record.clock) close it, so a bare, rate-limited kill never borrows
 * another report's context. Lines may interleave; a truncated report
 * yields what it has.
 *
 * A kmsg fragment is joined to the line before it (on screen and for the
 * assembler) only when it is that line's own continuation: the next SEQ,
 * the same facility, and a '+' record (3.5-4.8) after a 'c' or '+' one,
 * or a 'c' record with the same caller id (5.1+). Any other 'c' record
 * is a line of its own, as dmesg shows it (see klog_frag).
 *
 * Records written from userspace never feed the assembler: they are shown
 * (class KCLASS_USER) but are never events.
 *
 * Memory: the event ring holds at most the capacity given to kevents_new
 * (the oldest event is overwritten and counted in dropped). Task tables
 * live in a pool of KEVENT_TABLES_KEPT tables (kevents_new_kept: any
 * number; never more than the capacity), allocated with the engine and
 * reused oldest first: only the newest OOM kills with a table keep it;
 * an older kill keeps everything else and says its table was dropped
 * (tasks_dropped). A reader that prints every event after the whole log
 * (--events) keeps as many tables as events. Each table keeps at most
 * KEVENT_TASKS_MAX rows (the largest by rss). Nothing grows with the input, and
 * nothing is allocated per event.
 */
#ifndef OOMWATCH_MODEL_KEVENTS_H
#define OOMWATCH_MODEL_KEVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/klog.h"
#include "model/klogring.h"
#include "model/oomreport.h"

#define KEVENT_NAME_MAX 64  /* comm (15 bytes in the kernel) + room */
#define KEVENT_TEXT_MAX 256 /* paths, messages, masks */
#define KEVENT_TASKS_MAX 32
#define KEVENT_COMM_MAX 16    /* TASK_COMM_LEN: a comm is <= 15 bytes */
#define KEVENT_TABLES_KEPT 32 /* OOM kills that keep their task table */

enum kevent_kind {
	KEVENT_OOM_KILL = 0,
	KEVENT_HUNG_TASK,
	KEVENT_SOFT_LOCKUP,
	KEVENT_HARD_LOCKUP,
	KEVENT_PANIC,
	KEVENT_NULL_DEREF,
	KEVENT_PAGE_ALLOC_FAILURE,
	KEVENT_KIND_COUNT
};

/* Raw bytes from the log (unsanitized), cut to fit; set = known. */
struct kevent_name {
	bool set;
	size_t len;
	char s[KEVENT_NAME_MAX];
};
struct kevent_text {
	bool set;
	size_t len;
	char s[KEVENT_TEXT_MAX];
};

/* A task table's name column: raw bytes (unsanitized), at most
 * KEVENT_COMM_MAX kept; cut = the log's name was longer (never from a
 * kernel's comm, which is at most 15 bytes; kmsg text is un-escaped). */
struct kevent_comm {
	bool set;
	bool cut;
	unsigned char len;
	char s[KEVENT_COMM_MAX];
};

/* One row of an OOM report's task table (values in pages). */
struct kevent_task {
	int64_t pid, uid, total_vm_pages, rss_pages, swapents, oom_score_adj;
	struct kevent_comm name;
};

struct kevent_oom {
	int64_t uid, total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t pgtables_kb, oom_score_adj, order;
	enum oom_constraint constraint;
	struct kevent_name trigger;      /* comm that invoked the OOM killer */
	struct kevent_text memcg;        /* memcg OOM: the cgroup whose limit
	                                    was hit (oom_memcg=, else "limit of
	                                    X", else the first "Memory cgroup
	                                    stats for X"); global OOM: the
	                                    victim's cgroup (task_memcg=) */
	struct kevent_text gfp_mask;     /* as printed: "0xcc0(GFP_KERNEL)" */
	bool reaped;                     /* oom_reaper reaped it */
	size_t ntasks;                   /* rows in tasks (0: none kept) */
	const struct kevent_task *tasks; /* by rss, largest first; owned by
	                                    the engine, NULL when ntasks 0 */
	size_t tasks_listed; /* rows the report's table had (>= ntasks) */
	bool tasks_dropped;  /* it had a table, given to a newer kill (not
	                        one of the newest KEVENT_TABLES_KEPT) */
};

struct kevent {
	enum kevent_kind kind;
	struct klog_time time;
	bool has_seq;
	uint64_t seq;
	int64_t pid;     /* victim / blocked task / lockup task */
	int64_t cpu;     /* lockups */
	int64_t seconds; /* hung task, soft lockup */
	int64_t order;   /* page allocation failure */
	struct kevent_name comm;
	struct kevent_text text; /* panic message; null_deref address */
	struct kevent_oom oom;   /* KEVENT_OOM_KILL only */
};

struct kevents_stats {
	uint64_t lines;      /* display lines fed */
	uint64_t user_lines; /* of which written from userspace */
	uint64_t lost;       /* messages reported lost */
	uint64_t events;     /* events ever completed */
	uint64_t dropped;    /* events overwritten in the ring */
	uint64_t by_kind[KEVENT_KIND_COUNT]; /* events ever completed, by
	                                        kind (dropped ones too) */
};

struct kevents;

/* A new engine keeping at most capacity events, the newest
 * KEVENT_TABLES_KEPT of them with their task table; NULL when out of
 * memory. */
struct kevents *kevents_new(size_t capacity);
/* kevents_new keeping the task tables of the newest tables events. */
struct kevents *kevents_new_kept(size_t capacity, size_t tables);
/* Free an engine (the attached ring is not freed). */
void kevents_free(struct kevents *ev);
/* Attach the display-line ring (borrowed; NULL to detach). */
void kevents_set_ring(struct kevents *ev, struct klogring *lines);
/* Feed one raw line of any supported format. Returns the events added. */
size_t kevents_feed_line(struct kevents *ev, const char *line, size_t len);
/* Feed an already parsed record. Returns the events added. */
size_t kevents_feed_record(struct kevents *ev, const struct klog_record *rec);
/* n messages were lost (at least n when at_least): closes the open
 * report, adds a marker line. */
void kevents_lost(struct kevents *ev, uint64_t n, bool at_least);
/* End of input: a victim chosen by an old kernel's "Kill process" line
 * whose "Killed process" never came becomes an event. Returns events added. */
size_t kevents_finish(struct kevents *ev);
/* Events held (<= capacity). */
size_t kevents_count(const struct kevents *ev);
/* The i-th newest event (0 = newest), or NULL. */
const struct kevent *kevents_get(const struct kevents *ev, size_t i);
/* Counters. */
struct kevents_stats kevents_stats(const struct kevents *ev);
/* JSON kind name ("oom_kill", "hung_task", ...). */
const char *kevent_kind_name(enum kevent_kind k);

#endif
