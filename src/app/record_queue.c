/*
 * record_queue.c: the samples waiting for the database (see
 * record_queue.h).
 */
#include "app/record_queue.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Append n items of size sz at *from to the array *to of *nto items; the
 * source array is freed and emptied either way. 0 or -ENOMEM. */
static int
record_queue_move(void **to, size_t *nto, void **from, size_t *nfrom, size_t sz)
{
	char *a;

	if (*nfrom == 0)
		return 0;
	a = realloc(*to, (*nto + *nfrom) * sz);
	if (a == NULL)
		return -ENOMEM;
	memcpy(a + *nto * sz, *from, *nfrom * sz);
	*to = a;
	*nto += *nfrom;
	free(*from);
	*from = NULL;
	*nfrom = 0;
	return 0;
}

/* Cancel each end of s with an identity of s for the same process: a
 * process that started and ended within dropped samples (its rows went
 * with them; s has none, being after its end) leaves nothing to store.
 * Order is not kept (neither list's order means anything). */
static void
record_queue_cancel(struct recdb_sample *s)
{
	for (size_t i = 0; i < s->nends;) {
		const struct recdb_end *e = &s->ends[i];
		size_t j = 0;

		while (j < s->nidents &&
		       (s->idents[j].pid != e->pid ||
		        s->idents[j].start_time != e->start_time))
			j++;
		if (j == s->nidents) {
			i++;
			continue;
		}
		free(s->idents[j].comm);
		free(s->idents[j].cmdline);
		free(s->idents[j].cgroup);
		s->idents[j] = s->idents[--s->nidents];
		s->ends[i] = s->ends[--s->nends];
	}
}

/* Drop the oldest sample, carrying into the next one (the queue holds at
 * least two) what is still needed: its identities and ends (but those of
 * processes that have ended by then: record_queue_cancel), its events,
 * and its black box (when the next has none: the older is the one before
 * those events). */
static int
record_queue_drop(struct record_queue *q)
{
	struct recdb_sample *old = &q->s[q->head];
	struct recdb_sample *next = &q->s[(q->head + 1) % RECORD_QUEUE_MAX];
	int rc = record_queue_move((void **)&next->idents, &next->nidents,
	                           (void **)&old->idents, &old->nidents,
	                           sizeof *old->idents);

	if (record_queue_move((void **)&next->ends, &next->nends,
	                      (void **)&old->ends, &old->nends,
	                      sizeof *old->ends) < 0)
		rc = -ENOMEM;
	if (record_queue_move((void **)&next->events, &next->nevents,
	                      (void **)&old->events, &old->nevents,
	                      sizeof *old->events) < 0)
		rc = -ENOMEM;
	if (next->bbox == NULL) {
		next->bbox = old->bbox;
		old->bbox = NULL;
	}
	record_queue_cancel(next);
	record_queue_pop(q);
	q->dropped++;
	return rc;
}

/* Take a sample (see record_queue.h). */
int
record_queue_push(struct record_queue *q, struct recdb_sample *s)
{
	int rc = 0;

	if (q->len == RECORD_QUEUE_MAX)
		rc = record_queue_drop(q);
	q->s[(q->head + q->len) % RECORD_QUEUE_MAX] = *s;
	q->len++;
	memset(s, 0, sizeof *s);
	return rc;
}

/* The oldest sample, or NULL. */
struct recdb_sample *
record_queue_front(struct record_queue *q)
{
	return q->len ? &q->s[q->head] : NULL;
}

/* Free and remove the oldest sample. */
void
record_queue_pop(struct record_queue *q)
{
	if (q->len == 0)
		return;
	recdb_sample_clear(&q->s[q->head]);
	q->head = (q->head + 1) % RECORD_QUEUE_MAX;
	if (--q->len == 0)
		q->head = 0;
}

/* Free every sample. */
void
record_queue_clear(struct record_queue *q)
{
	while (q->len)
		record_queue_pop(q);
	q->dropped = 0;
}
