/*
 * klogring: the bounded history of kernel-log display lines that the
 * dashboard's log pane draws. A fixed ring allocated once: when full, the
 * oldest line is overwritten, so a flood of messages never grows memory.
 * The texts live in one byte arena of KLOGRING_TEXT_AVG bytes a line
 * (kernel lines average well under that; a fixed KLOGRING_TEXT_MAX a line
 * would be most of the dashboard's heap): the ring holds the newest
 * capacity lines, fewer when their texts average more than
 * KLOGRING_TEXT_AVG - 1 bytes, and always at least KLOGRING_TEXT_LINES
 * lines of any length.
 *
 * Each line keeps its class, time, level, userspace mark and its text
 * ALREADY SANITIZED (core/sanitize) and cut to KLOGRING_TEXT_MAX - 1
 * bytes, so the view can draw it as is. A "N kernel messages lost" marker
 * is a line of its own (lost > 0), pushed when the reader saw a gap.
 *
 * Lines are addressed newest first: klogring_get(r, 0) is the newest.
 */
#ifndef OOMWATCH_MODEL_KLOGRING_H
#define OOMWATCH_MODEL_KLOGRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ring.h"
#include "model/kclass.h"
#include "model/klog.h"

#define KLOGRING_TEXT_MAX 320
/* Arena bytes a line (text and NUL) on average. */
#define KLOGRING_TEXT_AVG 96
/* Lines of KLOGRING_TEXT_MAX - 1 bytes the arena always holds. */
#define KLOGRING_TEXT_LINES 3

struct klogring_line {
	enum kclass cls;
	struct klog_time time;
	int level;      /* 0-7, -1 unknown */
	bool from_user; /* written by userspace (drawn with a mark) */
	bool has_seq;
	uint64_t seq;
	uint64_t lost;  /* > 0: a "messages lost" marker line */
	bool truncated; /* the text did not fit */
	uint16_t text_len;
	const char *text; /* sanitized UTF-8, NUL-terminated, in the arena */
};

struct klogring {
	struct klogring_line *lines; /* ring.cap entries (owned) */
	struct ring ring;            /* over lines */
	uint64_t pushed;             /* lines ever pushed */
	char *arena;                 /* the lines' texts (owned) */
	size_t arena_size;           /* bytes */
	size_t arena_end;            /* the newest text's end: the next write */
	char scratch[KLOGRING_TEXT_MAX]; /* a text being made */
};

/* Allocate a ring of capacity lines (>= 1) and their text arena. Returns
 * 0 or -ENOMEM. */
int klogring_init(struct klogring *r, size_t capacity);
/* Free the ring's lines. */
void klogring_fini(struct klogring *r);
/* Drop every line (keep the allocation). */
void klogring_clear(struct klogring *r);
/* Append one display line (raw bytes, sanitized here) with its metadata. */
void klogring_push(struct klogring *r, const struct klog_record *rec,
                   const char *text, size_t len, enum kclass cls);
/* Append a "N kernel messages lost" marker ("at least N" when at_least:
 * n_lost is only a lower bound). */
void klogring_push_lost(struct klogring *r, uint64_t n_lost, bool at_least);
/* Append raw bytes to the newest line (a kmsg 'c' fragment); false when
 * the ring is empty or the newest line is a marker. */
bool klogring_append(struct klogring *r, const char *text, size_t len);
/* Lines held (<= capacity). */
size_t klogring_count(const struct klogring *r);
/* The i-th newest line (0 = newest), or NULL when i >= count. */
const struct klogring_line *klogring_get(const struct klogring *r, size_t i);

/* Is line shown when only important lines are (an alert class, or a
 * "messages lost" marker)? Every line is shown otherwise. */
bool klogring_shown(const struct klogring_line *l, bool important_only);

/* How many lines are shown under that filter. */
size_t klogring_count_shown(const struct klogring *r, bool important_only);

#endif
