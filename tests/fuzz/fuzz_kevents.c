/* fuzz_kevents.c: libFuzzer harness for the whole engine (model/kevents.c
 * with klog, kclass, oomreport, kreport, klogring): the input is a log,
 * one line per '\n'; a line "~LOST" reports lost messages. Rings are small
 * so wrapping is exercised. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/kevents.h"
#include "model/klogring.h"

/* Check what the engine holds. */
static void
check(const struct kevents *ev, const struct klogring *ring)
{
	const struct kevent *e;
	const struct klogring_line *l;
	size_t i;

	if (kevents_count(ev) > 4 || klogring_count(ring) > 16)
		abort();
	for (i = 0; i < kevents_count(ev); i++) {
		e = kevents_get(ev, i);
		if (e == NULL || (unsigned)e->kind >= KEVENT_KIND_COUNT ||
		    e->comm.len > KEVENT_NAME_MAX ||
		    e->text.len > KEVENT_TEXT_MAX ||
		    e->oom.ntasks > KEVENT_TASKS_MAX)
			abort();
	}
	for (i = 0; i < klogring_count(ring); i++) {
		l = klogring_get(ring, i);
		if (l->text_len >= KLOGRING_TEXT_MAX ||
		    strlen(l->text) != l->text_len)
			abort();
	}
}

/* Feed the input as a log. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	struct kevents *ev = kevents_new(4);
	struct klogring ring;

	if (ev == NULL)
		return 0;
	if (klogring_init(&ring, 16) != 0) {
		kevents_free(ev);
		return 0;
	}
	kevents_set_ring(ev, &ring);
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl - p == 5 && memcmp(p, "~LOST", 5) == 0)
			kevents_lost(ev, 3, (data[0] & 1) != 0);
		else
			kevents_feed_line(ev, p, (size_t)(nl - p));
	}
	kevents_finish(ev);
	check(ev, &ring);
	kevents_free(ev);
	klogring_fini(&ring);
	return 0;
}
