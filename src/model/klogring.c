/*
 * klogring.c: fixed ring of sanitized display lines (see klogring.h).
 * The slot array and the text arena are allocated once in klogring_init;
 * pushing never allocates, so the log pane costs the same memory in a
 * flood as at idle.
 */
#include "model/klogring.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"

/* Allocate capacity slots and the text arena. */
int
klogring_init(struct klogring *r, size_t capacity)
{
	memset(r, 0, sizeof *r);
	if (capacity == 0)
		capacity = 1;
	r->lines = calloc(capacity, sizeof *r->lines);
	/* each of the newest KLOGRING_TEXT_LINES texts takes at most
	 * KLOGRING_TEXT_MAX bytes, and a wrap skips less than that */
	r->arena_size = capacity * KLOGRING_TEXT_AVG +
	                2 * KLOGRING_TEXT_LINES * KLOGRING_TEXT_MAX;
	/* not zeroed: a page costs memory once a text is written there */
	r->arena = malloc(r->arena_size);
	if (r->lines == NULL || r->arena == NULL) {
		klogring_fini(r);
		return -ENOMEM;
	}
	ring_init(&r->ring, capacity);
	return 0;
}

/* Free the slots and the arena. */
void
klogring_fini(struct klogring *r)
{
	free(r->lines);
	free(r->arena);
	memset(r, 0, sizeof *r);
}

/* Forget every line. */
void
klogring_clear(struct klogring *r)
{
	ring_clear(&r->ring);
	r->arena_end = 0;
}

/* Is arena offset off in the circular range [from, from + n), which
 * wraps to [from, size) and [0, n) when wrapped? */
static bool
arena_in(size_t off, size_t from, size_t n, bool wrapped)
{
	if (wrapped)
		return off >= from || off < n;
	return off >= from && off < from + n;
}

/*
 * Claim n arena bytes from offset from on (from the start when they do
 * not fit before the end), dropping the oldest lines whose texts are
 * there, but never the newest keep lines. Texts lie in the arena in ring
 * order, so the lines in the way are always the oldest. The offset.
 */
static size_t
arena_claim(struct klogring *r, size_t from, size_t n, size_t keep)
{
	bool wrapped = from + n > r->arena_size;
	const struct klogring_line *old;

	while (r->ring.len > keep) {
		old = &r->lines[ring_oldest(&r->ring, 0)];
		if (!arena_in((size_t)(old->text - r->arena), from, n, wrapped))
			break;
		r->ring.first = (r->ring.first + 1) % r->ring.cap;
		r->ring.len--;
	}
	return wrapped ? 0 : from;
}

/* Copy the scratch's text (l->text_len bytes) to arena offset at, claimed
 * for it, as l's text. */
static void
arena_put(struct klogring *r, struct klogring_line *l, size_t at)
{
	memcpy(r->arena + at, r->scratch, l->text_len);
	r->arena[at + l->text_len] = '\0';
	l->text = r->arena + at;
	r->arena_end = at + l->text_len + 1;
}

/* Take the next slot for a text the scratch holds (overwriting the
 * oldest line when full) and store the text after the newest one. */
static struct klogring_line *
next_slot(struct klogring *r, uint16_t text_len, bool truncated)
{
	struct klogring_line *l;
	size_t at = arena_claim(r, r->arena_end, (size_t)text_len + 1, 0);

	l = &r->lines[ring_push(&r->ring, NULL)];
	r->pushed++;
	memset(l, 0, sizeof *l);
	l->level = -1;
	l->text_len = text_len;
	l->truncated = truncated;
	arena_put(r, l, at);
	return l;
}

/* Sanitize raw bytes into the scratch from offset at: the text's new
 * length; *truncated set when they did not fit. Plain printable ASCII
 * (most kernel lines) is what the sanitizer would copy unchanged, so it
 * is copied directly; anything else goes through the sanitizer, where
 * every escaped input byte became 4 output bytes. */
static uint16_t
put_text(struct klogring *r, size_t at, const char *text, size_t len,
         bool *truncated)
{
	char *dst = r->scratch;
	size_t esc = 0, n, i, room = sizeof r->scratch - 1 - at;

	for (i = 0; i < len && i < room; i++)
		if ((unsigned char)text[i] < 0x20 ||
		    (unsigned char)text[i] >= 0x7f)
			break;
	if (i == len || i == room) {
		memcpy(dst + at, text, i);
		if (i < len)
			*truncated = true;
		return (uint16_t)(at + i);
	}
	n = sanitize_text(dst + at, sizeof r->scratch - at, text, len, 0, &esc);
	if (n - 3 * esc < len)
		*truncated = true;
	return (uint16_t)(at + n);
}

/* Append one sanitized display line. */
void
klogring_push(struct klogring *r, const struct klog_record *rec,
              const char *text, size_t len, enum kclass cls)
{
	bool truncated = rec != NULL && rec->truncated;
	uint16_t n = put_text(r, 0, text, len, &truncated);
	struct klogring_line *l = next_slot(r, n, truncated);

	l->cls = cls;
	if (rec != NULL) {
		l->time = rec->time;
		l->level = rec->level;
		l->from_user = rec->from_user;
		l->has_seq = rec->has_seq;
		l->seq = rec->seq;
	}
}

/* Append a lost-messages marker. */
void
klogring_push_lost(struct klogring *r, uint64_t n_lost, bool at_least)
{
	struct klogring_line *l;
	int n;

	n = snprintf(r->scratch, sizeof r->scratch,
	             "%s%" PRIu64 " kernel message%s lost",
	             at_least ? "at least " : "", n_lost,
	             n_lost == 1 ? "" : "s");
	l = next_slot(r, (uint16_t)(n > 0 ? n : 0), false);
	l->cls = KCLASS_WARNING;
	l->lost = n_lost;
}

/* Append a fragment to the newest line: the text is made again in the
 * scratch and stored where it was (or from the arena's start). */
bool
klogring_append(struct klogring *r, const char *text, size_t len)
{
	struct klogring_line *l;

	if (r->ring.len == 0)
		return false;
	l = &r->lines[ring_newest(&r->ring, 0)];
	if (l->lost > 0)
		return false;
	memcpy(r->scratch, l->text, l->text_len);
	l->text_len = put_text(r, l->text_len, text, len, &l->truncated);
	arena_put(r, l,
	          arena_claim(r, (size_t)(l->text - r->arena),
	                      (size_t)l->text_len + 1, 1));
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
