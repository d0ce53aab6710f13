/*
 * adjust: read and write oom_score_adj of a held target, explain failures
 * in words, and keep a journal of every change so `u` can undo the last.
 *
 * Writes go through the target's /proc/PID dirfd (so a reused PID is never
 * written), as canonical decimal with one write(2) whose result is
 * checked (stdio would hide EACCES until fclose), then the value is read
 * back and that is what is reported. Kernel rules (fs/proc/base.c):
 * lowering below the process's oom_score_adj_min needs CAP_SYS_RESOURCE
 * (EACCES), another user's process is EACCES too, an exited one is
 * ENOENT at open or ESRCH at write.
 *
 * The journal is a fixed ring of ADJUST_JOURNAL_MAX changes (oldest
 * dropped first, counted), oldest first; an undo removes its entry.
 * Changes made between adjust_journal_begin and adjust_journal_end (one
 * key on several tagged processes) share a group, and `u` undoes the
 * newest group; any other change is a group of its own.
 */
#ifndef OOMWATCH_ACTION_ADJUST_H
#define OOMWATCH_ACTION_ADJUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/action.h"
#include "action/target.h"
#include "core/ring.h"
#include "model/policy.h"

#define ADJUST_JOURNAL_MAX 512
#define ADJUST_UNKNOWN (-10000) /* an adj that was not read */

/* One change made by oomwatch. */
struct adjust_change {
	int32_t pid;
	uint64_t start_time;
	char comm[16];        /* raw */
	int old_adj, new_adj; /* new_adj as re-read */
	int64_t time_unix_ms; /* when (wall clock, for the list) */
	uint32_t group;       /* changes of one user action share it */
};

struct adjust_journal {
	struct adjust_change items[ADJUST_JOURNAL_MAX];
	struct ring ring; /* over items */
	size_t dropped;   /* oldest changes pushed out */
	uint32_t group;   /* the newest group */
	bool group_open;  /* between adjust_journal_begin and _end */
};

/* The outcome of one adj action. */
struct adjust_result {
	int32_t pid;
	char comm[16]; /* raw */
	int old_adj;   /* before, ADJUST_UNKNOWN if not read */
	int requested;
	int new_adj;        /* re-read after writing, ADJUST_UNKNOWN */
	int err;            /* 0, or -errno: see adjust_describe */
	bool written;       /* the kernel accepted the write */
	bool undo;          /* this was an undo */
	uint32_t owner_uid; /* the target's effective uid */
	bool not_owner;     /* we are not its owner and lack DAC override */
	bool cap_sys_resource;
	struct policy_decision policy;
};

/* Empty journal. */
void adjust_journal_init(struct adjust_journal *j);
/* The i-th change, oldest first (NULL when i >= j->ring.len), borrowed. */
const struct adjust_change *adjust_journal_at(const struct adjust_journal *j,
                                              size_t i);

/* The changes from now until adjust_journal_end form one group. */
void adjust_journal_begin(struct adjust_journal *j);
/* Close the group adjust_journal_begin opened. */
void adjust_journal_end(struct adjust_journal *j);
/* How many of the newest changes share the newest one's group (what one
 * `u` undoes with as many adjust_undo calls); 0 when empty. */
size_t adjust_journal_last_group(const struct adjust_journal *j);

/*
 * The one oom_score_adj reader: the file under dirfd, a /proc/PID
 * directory (the self-protection passes /proc/self's). 0 and *adj, or
 * -errno: -ESRCH when the process is gone (the file missing or empty),
 * -EIO when it is not a value in -1000..1000.
 */
int adjust_read_at(int dirfd, int *adj);

/*
 * The one oom_score_adj writer: adj (-1000..1000, else -ERANGE and
 * nothing written) as decimal with one checked write(2) to the file
 * under dirfd, a /proc/PID directory. 0 or -errno (-ESRCH gone).
 */
int adjust_write_at(int dirfd, int adj);

/* adjust_read_at on the target's directory (-ESRCH when not held). */
int adjust_read(const struct target *t, int *adj);

/* adjust_write_at on the target's directory (-ESRCH when not held). */
int adjust_write(const struct target *t, int adj);

/*
 * Set the target's adj to new_adj (validated: outside -1000..1000 is
 * -ERANGE and nothing is written). Refuses (-EROFS for --read-only,
 * -ECANCELED for a policy refusal, res->policy says why). On success the
 * change is appended to j (when j is not NULL). Always fills *res and
 * writes one audit line. Returns res->err.
 */
int adjust_set(const struct action_ctx *ctx, struct target *t,
               struct adjust_journal *j, int new_adj, int64_t now_unix_ms,
               struct adjust_result *res);

/* Read the current value and set it to current + delta, clamped to
 * [-1000, 1000] (F8: +step, F7: -step). As adjust_set. */
int adjust_step(const struct action_ctx *ctx, struct target *t,
                struct adjust_journal *j, int delta, int64_t now_unix_ms,
                struct adjust_result *res);

/*
 * Undo the last change of j: only if that process (pid and start time)
 * still lives, set it back to its old value. The entry is removed either
 * way (a gone process cannot be undone; the next `u` takes the one
 * before). -ENOENT when the journal is empty.
 */
int adjust_undo(const struct action_ctx *ctx, struct adjust_journal *j,
                int64_t now_unix_ms, struct adjust_result *res);

/*
 * The status line for res: "adj 0 -> 100 (pid 42 name)" or the failure in
 * words: "lowering below 0 needs CAP_SYS_RESOURCE, which oomwatch lacks
 * here", "not your process (owned by uid 1000)", "process exited",
 * "owned by uid N", "PID now belongs to another process", the policy
 * reason, "out of range: -1000 to 1000". The name is sanitized.
 */
size_t adjust_describe(const struct adjust_result *res, char *buf, size_t size);

#endif
