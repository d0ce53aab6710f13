/*
 * promtally: the kernel-log counts the Prometheus metrics (model/prom.h)
 * show, tallied one event at a time from the log engine
 * (model/kevents.h): events by kind, and OOM kills by constraint and
 * memcg. Pure, fixed size: no allocation, nothing grows with the log.
 *
 * The kills table keeps PROMTALLY_KILLS_MAX distinct (constraint, memcg)
 * pairs; a kill of a pair beyond them counts in kills_other of its
 * constraint, so every kill is counted once. A memcg the report does
 * not give, or one not starting with '/' (a cgroup path always does), is
 * kept as "unknown" (memcg_len 0), so it never collides with a path.
 */
#ifndef OOMWATCH_MODEL_PROMTALLY_H
#define OOMWATCH_MODEL_PROMTALLY_H

#include <stddef.h>
#include <stdint.h>

#include "model/kevents.h"

#define PROMTALLY_KILLS_MAX 64
/* enum oom_constraint's values: unknown .. mempolicy */
#define PROMTALLY_CONSTRAINTS 5

/* The kills of one (constraint, memcg) pair. */
struct promtally_kill {
	enum oom_constraint constraint;
	size_t memcg_len; /* 0: unknown */
	char memcg[KEVENT_TEXT_MAX];
	uint64_t count;
};

struct promtally {
	uint64_t events[KEVENT_KIND_COUNT]; /* by enum kevent_kind */
	uint64_t lost; /* messages lost before they were read (at least) */
	struct promtally_kill kills[PROMTALLY_KILLS_MAX];
	size_t nkills;
	uint64_t kills_other[PROMTALLY_CONSTRAINTS]; /* beyond the table */
};

/* An empty tally. */
void promtally_init(struct promtally *t);

/* Count event e (its kind; an OOM kill also by constraint and memcg). */
void promtally_add(struct promtally *t, const struct kevent *e);

/* The kernel's name of constraint c ("CONSTRAINT_MEMCG", ...), or
 * "unknown" when the report did not say. */
const char *promtally_constraint_name(enum oom_constraint c);

#endif
