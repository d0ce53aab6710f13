/*
 * klogring.c: fixed ring of sanitized display lines (see klogring.h).
 * The slot array is allocated once in klogring_init; pushing never
 * allocates, so the log pane costs the same memory in a flood as at idle.
 */
#include "model/klogring.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"

/* Allocate capacity slots. */
int
klogring_init(struct klogring *r, size_t capacity)
{
	memset(r, 0, sizeof *r);
	if (capacity == 0)
		capacity = 1;
	r->lines = calloc(capacity, sizeof *r->lines);
	if (r->lines == NULL)
		return -ENOMEM;
	ring_init(&r->ring, capacity);
	return 0;
}

/* Free the slots. */
void
klogring_fini(struct klogring *r)
{
	free(r->lines);
	memset(r, 0, sizeof *r);
}

/* Forget every line. */
void
klogring_clear(struct klogring *r)
{
	ring_clear(&r->ring);
}

/* Take the next slot, overwriting the oldest when full. */
static struct klogring_line *
next_slot(struct klogring *r)
{
	struct klogring_line *l = &r->lines[ring_push(&r->ring, NULL)];

	r->pushed++;
	memset(l, 0, offsetof(struct klogring_line, text));
	l->level = -1;
	return l;
}

/* Sanitize raw bytes into the line's text from offset at. Plain printable
 * ASCII (most kernel lines) is what the sanitizer would copy unchanged, so
 * it is copied directly; anything else goes through the sanitizer, where
 * every escaped input byte became 4 output bytes. */
static void
put_text(struct klogring_line *l, size_t at, const char *text, size_t len)
{
	size_t esc = 0, n, i, room = sizeof l->text - 1 - at;

	for (i = 0; i < len && i < room; i++)
		if ((unsigned char)text[i] < 0x20 ||
		    (unsigned char)text[i] >= 0x7f)
			break;
	if (i == len || i == room) {
		memcpy(l->text + at, text, i);
		l->text[at + i] = '\0';
		l->text_len = (uint16_t)(at + i);
		if (i < len)
			l->truncated = true;
		return;
	}
	n = sanitize_text(l->text + at, sizeof l->text - at, text, len, 0,
	                  &esc);
	l->text_len = (uint16_t)(at + n);
	if (n - 3 * esc < len)
		l->truncated = true;
}

/* Append one sanitized display line. */
void
klogring_push(struct klogring *r, const struct klog_record *rec,
              const char *text, size_t len, enum kclass cls)
{
	struct klogring_line *l = next_slot(r);

	l->cls = cls;
	if (rec != NULL) {
		l->time = rec->time;
		l->level = rec->level;
		l->from_user = rec->from_user;
		l->has_seq = rec->has_seq;
		l->seq = rec->seq;
		l->truncated = rec->truncated;
	}
	put_text(l, 0, text, len);
}

/* Append a lost-messages marker. */
void
klogring_push_lost(struct klogring *r, uint64_t n_lost, bool at_least)
{
	struct klogring_line *l = next_slot(r);
	int n;

	l->cls = KCLASS_WARNING;
	l->lost = n_lost;
	n = snprintf(
	    l->text, sizeof l->text, "%s%" PRIu64 " kernel message%s lost",
	    at_least ? "at least " : "", n_lost, n_lost == 1 ? "" : "s");
	l->text_len = (uint16_t)(n > 0 ? n : 0);
}

/* Append a fragment to the newest line. */
bool
klogring_append(struct klogring *r, const char *text, size_t len)
{
	struct klogring_line *l;

	if (r->ring.len == 0)
		return false;
	l = &r->lines[ring_newest(&r->ring, 0)];
	if (l->lost > 0)
		return false;
	put_text(l, l->text_len, text, len);
	return true;
}

/* Lines held. */
size_t
klogring_count(const struct klogring *r)
{
	return r->ring.len;
}

/* The i-th newest line. */
const struct klogring_line *
klogring_get(const struct klogring *r, size_t i)
{
	if (i >= r->ring.len)
		return NULL;
	return &r->lines[ring_newest(&r->ring, i)];
}

/* One line under the log pane's filter. */
bool
klogring_shown(const struct klogring_line *l, bool important_only)
{
	return !important_only || l->lost > 0 || kclass_is_alert(l->cls);
}

/* Count the lines the filter shows. */
size_t
klogring_count_shown(const struct klogring *r, bool important_only)
{
	size_t n = klogring_count(r), shown = 0;

	if (!important_only)
		return n;
	for (size_t i = 0; i < n; i++)
		shown += klogring_shown(klogring_get(r, i), true);
	return shown;
}
