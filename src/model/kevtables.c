/*
 * kevtables.c: the pool of OOM task tables (see kevtables.h).
 */
#include "model/kevtables.h"

#include <stdlib.h>
#include <string.h>

/* A pooled task table and the event holding it (NULL: none yet). */
struct kevtable {
	struct kevent *owner;
	struct kevent_task rows[KEVENT_TASKS_MAX];
};

/* Make a pool of n tables (see kevtables.h). */
int
kevtables_init(struct kevtables *p, size_t n)
{
	p->n = n == 0 ? 1 : n;
	p->next = 0;
	p->tables = calloc(p->n, sizeof *p->tables);
	return p->tables == NULL ? -1 : 0;
}

/* Free the pool's tables. */
void
kevtables_fini(struct kevtables *p)
{
	free(p->tables);
	p->tables = NULL;
}

/* Order for the task rows: rss descending, then pid. */
static int
kevtables_cmp(const void *a, const void *b)
{
	const struct kevent_task *x = a, *y = b;

	if (x->rss_pages != y->rss_pages)
		return x->rss_pages > y->rss_pages ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The pool's oldest table for e: the kill holding it loses it (its
 * rows, not the count of rows listed) and says so. */
static struct kevent_task *
kevtables_take(struct kevtables *p, struct kevent *e)
{
	struct kevtable *t = &p->tables[p->next];
	struct kevent *old = t->owner;

	p->next = (p->next + 1) % p->n;
	if (old != NULL && old->kind == KEVENT_OOM_KILL &&
	    old->oom.tasks == t->rows) {
		old->oom.tasks = NULL;
		old->oom.ntasks = 0;
		old->oom.tasks_dropped = true;
	}
	t->owner = e;
	return t->rows;
}

/* Lend e a sorted copy of the rows (see kevtables.h). */
void
kevtables_lend(struct kevtables *p, struct kevent *e,
               const struct kevent_task *tasks, size_t ntasks)
{
	struct kevent_task *rows = kevtables_take(p, e);

	memcpy(rows, tasks, ntasks * sizeof tasks[0]);
	qsort(rows, ntasks, sizeof rows[0], kevtables_cmp);
	e->oom.tasks = rows;
	e->oom.ntasks = ntasks;
}
