/* dtasks.c: the tasks in D state and how long (see dtasks.h). */
#include "model/dtasks.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The identity of dtask i (procid_at_fn). */
static struct procid
dtasks_id_at(const void *items, size_t i)
{
	return ((const struct dtask *)items)[i].id;
}

/* No task (see the header). */
void
dtasks_init(struct dtasks *d)
{
	d->n = 0;
	d->dropped = 0;
	d->now_ms = 0;
}

/*
 * Put the entry of row r into slot n. Slots [n, *end) hold the old
 * entries not matched yet: a match is swapped into slot n; otherwise the
 * old entry in slot n (if any) moves to the end (lost only when the array
 * is full) and slot n starts a new task, first seen now.
 */
static void
dtasks_place(struct dtasks *d, size_t n, size_t *end,
             const struct dtasks_cand *c, uint64_t now_ms)
{
	struct procid id = c->id;
	size_t k = procid_find(d->item + n, *end - n, dtasks_id_at, id);
	struct dtask *t = &d->item[n], tmp;

	if (k != PROCID_NONE) {
		if (k != 0) {
			tmp = *t;
			*t = d->item[n + k];
			d->item[n + k] = tmp;
		}
	} else {
		if (n < *end && *end < DTASKS_MAX)
			d->item[(*end)++] = *t;
		else if (n == *end)
			(*end)++;
		memset(t, 0, sizeof *t);
		t->id = id;
		t->since_ms = now_ms;
		t->stack_err = -1;
	}
	t->pid = c->pid;
	memcpy(t->comm, c->comm, sizeof t->comm);
	t->comm[sizeof t->comm - 1] = '\0';
}

/* Replace the list with s's D rows. */
void
dtasks_update(struct dtasks *d, const struct snapshot *s, uint64_t now_ms)
{
	size_t n = 0, end = d->n, dropped = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *r = &s->procs[i];
		struct dtasks_cand c = {{r->pid, r->start_time}, r->pid, {0}};

		if (r->state != 'D')
			continue;
		if (n == DTASKS_MAX) {
			dropped++;
			continue;
		}
		memcpy(c.comm, r->comm, sizeof c.comm);
		dtasks_place(d, n, &end, &c, now_ms);
		n++;
	}
	d->n = n;
	d->dropped = dropped;
	d->now_ms = now_ms;
}

/* Replace the list with a walk's tasks. */
void
dtasks_update_list(struct dtasks *d, const struct dtasks_cand *c, size_t n,
                   size_t dropped, uint64_t now_ms)
{
	size_t end = d->n, keep = n < DTASKS_MAX ? n : DTASKS_MAX;

	for (size_t i = 0; i < keep; i++)
		dtasks_place(d, i, &end, &c[i], now_ms);
	d->n = keep;
	d->dropped = dropped + (n - keep);
	d->now_ms = now_ms;
}

/* Forget task i. */
void
dtasks_remove(struct dtasks *d, size_t i)
{
	if (i >= d->n)
		return;
	memmove(&d->item[i], &d->item[i + 1],
	        (d->n - i - 1) * sizeof d->item[0]);
	d->n--;
}

/* Time in D of task i. */
uint64_t
dtasks_in_d_ms(const struct dtasks *d, size_t i)
{
	const struct dtask *t = &d->item[i];

	return d->now_ms > t->since_ms ? d->now_ms - t->since_ms : 0;
}

/* Level against the hung-task timeout. */
enum dtasks_level
dtasks_level(uint64_t in_d_ms, int64_t timeout_s)
{
	uint64_t t_ms;

	if (timeout_s == SNAP_NA || timeout_s <= 0)
		return DTASKS_OK;
	t_ms = (uint64_t)timeout_s * 1000u;
	if (in_d_ms >= t_ms)
		return DTASKS_PAST;
	if (in_d_ms * 2 >= t_ms)
		return DTASKS_NEAR;
	return DTASKS_OK;
}

/* The words for a level. */
const char *
dtasks_level_text(enum dtasks_level lv, int64_t timeout_s, char *buf,
                  size_t size)
{
	if (lv == DTASKS_PAST)
		snprintf(buf, size,
		         "past hung_task_timeout_secs (%" PRId64
		         " s): the kernel reports it as hung unless its wait "
		         "is killable",
		         timeout_s);
	else
		snprintf(buf, size, "%s",
		         lv == DTASKS_NEAR ? "near the hung-task timeout" : "");
	return buf;
}
