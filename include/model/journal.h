/*
 * journal: the systemd journal's kernel messages, from journalctl's JSON
 * output (`journalctl _TRANSPORT=kernel -o json`: one object per line), as
 * kernel-log records and as one summary per boot. Pure: the collector runs
 * journalctl and hands over its lines.
 *
 * A line is hostile input: any bytes. Only a flat object is read; string
 * values are decoded (\uXXXX included), a MESSAGE that is not UTF-8 comes
 * as an array of byte values and is decoded too; the text stays raw
 * (sanitize before output). A line that is not such an object, or has no
 * MESSAGE, is skipped.
 */
#ifndef OOMWATCH_MODEL_JOURNAL_H
#define OOMWATCH_MODEL_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/klog.h"
#include "model/kevsum.h"

#define JOURNAL_BOOT_ID_LEN 32 /* hex digits */
#define JOURNAL_BOOTS_MAX 64   /* boots summarized (the newest kept) */

/* One entry's fields besides the text. */
struct journal_entry {
	char boot_id[JOURNAL_BOOT_ID_LEN + 1]; /* "" when not given */
	int64_t realtime_us;                   /* KLOG_NA when not given */
	int64_t monotonic_us;                  /* KLOG_NA when not given */
	bool kernel;                           /* _TRANSPORT=kernel */
};

/*
 * Parse one JSON line: the fields into *e and the message into *rec as a
 * kernel-log record (time: the wall clock, KLOG_TIME_UNIX; level from
 * PRIORITY; from_user unless the transport is the kernel). False when the
 * line is not an entry with a MESSAGE.
 */
bool journal_parse(const char *line, size_t len, struct journal_entry *e,
                   struct klog_record *rec);

/* One boot's kernel messages, summarized. */
struct journal_boot {
	char boot_id[JOURNAL_BOOT_ID_LEN + 1];
	int64_t boot_unix_us;  /* wall clock at boot: realtime - monotonic */
	int64_t first_unix_us; /* its first and last kernel messages */
	int64_t last_unix_us;
	struct kevsum sum;
};

/* The summarizer (opaque): lines in, boots out (oldest first). */
struct journal_boots;

/* A new summarizer; NULL when out of memory. */
struct journal_boots *journal_boots_new(void);
/* Free it (NULL is fine). */
void journal_boots_free(struct journal_boots *jb);
/* Feed one line of `journalctl _TRANSPORT=kernel -o json` (boots come one after
 * another, oldest first; a boot seen again continues its summary). */
void journal_boots_feed(struct journal_boots *jb, const char *line, size_t len);
/* End of input: the last boot's engine is finished. */
void journal_boots_finish(struct journal_boots *jb);
/* Boots summarized (<= JOURNAL_BOOTS_MAX), oldest first, and the i-th. */
size_t journal_boots_count(const struct journal_boots *jb);
const struct journal_boot *journal_boots_get(const struct journal_boots *jb,
                                             size_t i);
/* Lines that were not entries. */
uint64_t journal_boots_skipped(const struct journal_boots *jb);

#endif
