/*
 * recsel: which process rows one recorder sample stores, so a day of
 * history stays small. Pure: no I/O.
 *
 * A process is worth recording when it holds at least RECSEL_MIN_KB of
 * RSS + swap, or is among the RECSEL_TOP_OOM highest oom_scores (ties at
 * the last place included); kernel threads never are. Nothing of a
 * process is stored before the second snapshot it is seen in (a short
 * build, a cron job's pipeline: thousands of one-sample processes with
 * long command lines would outgrow the database; the recorder's black
 * box still has every process of its sample), so the recorder's first
 * sample stores none. A process worth recording, seen before, gets
 * a row when it has none stored yet, when RSS or swap moved by more than
 * 1% (any move from zero) or oom_score_adj changed at all since its last
 * stored row, or when RECSEL_REFRESH_MS passed since that row. Its
 * identity (pid + start time, comm, command line, uid, cgroup) is stored
 * once, with its first row.
 *
 * The selector remembers the last stored values of every process in the
 * last snapshot it saw: a process that left the snapshot is forgotten,
 * and a new process on a reused pid is a new identity.
 */
#ifndef OOMWATCH_MODEL_RECSEL_H
#define OOMWATCH_MODEL_RECSEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

#define RECSEL_MIN_KB 1024                 /* RSS + swap worth a row */
#define RECSEL_TOP_OOM 200                 /* highest oom_scores kept */
#define RECSEL_REFRESH_MS (10 * 60 * 1000) /* a row at least this often */
#define RECSEL_COMM_MAX 64                 /* sanitized comm, with NUL */
/* A stored command line is cut (on a character boundary) to fit this,
 * NUL included: a compiler's 4 kB command line, one per process, would
 * take most of the database. */
#define RECSEL_CMDLINE_MAX 1024
#define RECSEL_CGROUP_MAX 1024 /* sanitized cgroup, with NUL */

/* The rows of one snapshot to store, as indices into snap->procs. */
struct recsel_pick {
	size_t *rows;   /* rows to store, in snapshot order */
	size_t nrows;   /* how many */
	size_t *idents; /* of those, the ones whose identity is new */
	size_t nidents; /* how many */
	size_t cap;     /* of both arrays */
};

/* A process's identity strings, sanitized (core/sanitize.h). */
struct recsel_ident {
	char comm[RECSEL_COMM_MAX];
	char cmdline[RECSEL_CMDLINE_MAX]; /* args joined by spaces */
	char cgroup[RECSEL_CGROUP_MAX];
	bool has_cmdline, has_cgroup; /* false: unknown (or --no-cmdline) */
};

struct recsel;

/* A selector that has stored nothing yet; NULL when out of memory. */
struct recsel *recsel_new(void);
/* Free it (NULL is fine). */
void recsel_free(struct recsel *rs);

/*
 * Choose the rows of snap to store at now_ms (any clock that only moves
 * forward, in ms) into out, and remember them as stored. 0, or -ENOMEM
 * (the selector is unchanged; out is left empty).
 */
int recsel_pick(struct recsel *rs, const struct snapshot *snap, int64_t now_ms,
                struct recsel_pick *out);

/* Free a pick's arrays (it may be used again after). */
void recsel_pick_fini(struct recsel_pick *out);

/*
 * The identity strings of row i of snap, sanitized; without the command
 * line when no_cmdline (--no-cmdline).
 */
void recsel_ident(const struct snapshot *snap, size_t i, bool no_cmdline,
                  struct recsel_ident *out);

/* True when v moved by more than 1% from old (any move from 0 or from
 * or to unknown). */
bool recsel_moved(int64_t old, int64_t v);

#endif
