/*
 * kevtables: the pool of OOM task tables the event engine (kevents.h)
 * lends to its kill events. Pure: no I/O.
 *
 * A pool holds a fixed number of tables of KEVENT_TASKS_MAX rows, reused
 * oldest first: the newest kills keep theirs; when a table is taken
 * again, the kill that held it loses its rows (oom.tasks NULL, ntasks 0)
 * and says so (oom.tasks_dropped), keeping the count of rows listed.
 */
#ifndef OOMWATCH_MODEL_KEVTABLES_H
#define OOMWATCH_MODEL_KEVTABLES_H

#include <stddef.h>

#include "model/kevents.h"

struct kevtable;

/* A pool of n tables (n >= 1). */
struct kevtables {
	struct kevtable *tables; /* n, reused oldest first (owned) */
	size_t n, next;
};

/* Make p a pool of n tables (0 is taken as 1); 0, or -1 when out of
 * memory (p then holds nothing; kevtables_fini is still fine). */
int kevtables_init(struct kevtables *p, size_t n);

/* Free what p holds. */
void kevtables_fini(struct kevtables *p);

/*
 * Give kill e the pool's oldest table holding a copy of the ntasks rows
 * of tasks (ntasks <= KEVENT_TASKS_MAX, > 0), sorted by rss descending,
 * then pid: sets e->oom.tasks and e->oom.ntasks.
 */
void kevtables_lend(struct kevtables *p, struct kevent *e,
                    const struct kevent_task *tasks, size_t ntasks);

#endif
