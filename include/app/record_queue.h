/*
 * record_queue: the recorder's samples waiting in memory while the
 * database cannot take them (disk full). A ring of at most
 * RECORD_QUEUE_MAX samples; when it is full the oldest is dropped, and
 * its new identities, ends, kernel events and black box move into the
 * next sample, so what is stored once per process and every event survive
 * the drop (only the system series and process rows of the dropped sample
 * are lost). Identities of processes that end while they ride along go
 * with their end (neither is stored): after a long outage the first
 * sample carries the processes still running, not every one that came
 * and went, so its transaction stays about one sample's size.
 */
#ifndef OOMWATCH_APP_RECORD_QUEUE_H
#define OOMWATCH_APP_RECORD_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "app/record.h"
#include "persist/recdb.h"

struct record_queue {
	struct recdb_sample s[RECORD_QUEUE_MAX];
	size_t head, len;
	uint64_t dropped; /* samples dropped since the queue last emptied */
};

/*
 * Take *s (its contents now belong to the queue; *s is emptied). When
 * full, the oldest is dropped first (see above). 0, or -ENOMEM when the
 * oldest's identities and events could not be carried (they are lost,
 * the push still happens).
 */
int record_queue_push(struct record_queue *q, struct recdb_sample *s);
/* The oldest sample, or NULL when empty. */
struct recdb_sample *record_queue_front(struct record_queue *q);
/* Free the oldest sample and remove it (no-op when empty). */
void record_queue_pop(struct record_queue *q);
/* Free every sample. */
void record_queue_clear(struct record_queue *q);

#endif
