/*
 * boots: one table of the machine's boots, joined from three sources
 * (each may be missing): wtmp (model/wtmp.h: boot and shutdown records),
 * the journal (model/journal.h: each boot's id, its kernel messages and
 * their events) and pstore (model/pstore.h: the dumps a panic or an oops
 * left). Pure.
 *
 * Joining: a journal boot is the wtmp boot that started within
 * BOOTS_MATCH_S seconds of it (the closest), else a row of its own. This
 * boot is the row with the running boot's id, else the one that started
 * within BOOTS_MATCH_S of its start (a row is added for it when no source
 * has it); it has index 0, the ones before it -1, -2, .. (journalctl -b's
 * numbers when the journal holds every boot). No row is numbered above
 * 0: a record that started after this boot (a container's wtmp gets a
 * "reboot" at each container start) is left out, counted in this boot's
 * row (newer), and a dump from then goes to this boot. A pstore dump belongs to
 * the boot during which it was written (the newest start not after it); a dump
 * without a time to the boot before this one (pstore is emptied at boot by
 * systemd-pstore, or kept until removed). A dump no row can take (written
 * before every start known, or no boot before this one) is never dropped: it
 * makes one "earlier" row, oldest, whose start is unknown and whose end is what
 * its dumps say; so every dump is in some row.
 *
 * How a boot ended, first match wins: this boot is running; a panic in
 * its journal or in its dumps (an OOM panic when the message is the OOM
 * killer's); the kernel's "reboot: Restarting system" (journal) or a
 * dump written for a restart: reboot; a wtmp shutdown record, "reboot:
 * Power down" / "System halted", or a dump for a poweroff or halt: clean
 * shutdown; a wtmp boot with no shutdown before the next boot: crash with
 * no record; else unknown (the journal alone cannot tell a crash from a
 * clean shutdown: journald stops before the kernel's last line).
 *
 * Event counts: the journal and the dumps may hold the same messages, so
 * each kind's count is the largest any one source gives, never a sum.
 * This boot's events come from the running kernel log (boots_live_counts:
 * the journal may not exist or lag behind it).
 */
#ifndef OOMWATCH_MODEL_BOOTS_H
#define OOMWATCH_MODEL_BOOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/journal.h"
#include "model/kevsum.h"
#include "model/pstore.h"
#include "model/wtmp.h"

#define BOOTS_MATCH_S 120  /* two sources' start times of one boot */
#define BOOTS_MAX 128      /* rows kept (the newest) */
#define BOOTS_DUMP_BITS 32 /* dumps a row names (boots_row.dump_bits) */

enum boots_end {
	BOOTS_RUNNING = 0,
	BOOTS_SHUTDOWN,  /* clean shutdown (power off, halt) */
	BOOTS_REBOOT,    /* clean reboot */
	BOOTS_PANIC,     /* panic, with its message */
	BOOTS_OOM_PANIC, /* a panic of the OOM killer (vm.panic_on_oom) */
	BOOTS_CRASH,     /* the next boot came with no shutdown record */
	BOOTS_UNKNOWN,
	BOOTS_END_COUNT
};

struct boots_row {
	int index;            /* 0 this boot, -1 the one before, .. */
	int64_t start_unix_s; /* when it started */
	int64_t end_unix_s;   /* when it ended, or KLOG_NA (this boot:
	                         now) */
	bool end_exact;       /* false: end is the last sign of life */
	enum boots_end end;
	char boot_id[JOURNAL_BOOT_ID_LEN + 1]; /* "" when no journal */
	char kernel[72];                       /* wtmp's kernel release */
	struct kevent_text panic;              /* the panic's message */
	uint32_t counts[KEVENT_KIND_COUNT];    /* its kernel events */
	bool in_wtmp, in_journal;              /* sources that have it */
	bool earlier;       /* only pstore knows it: a dump from before every
	                       start known (start_unix_s KLOG_NA) */
	bool live;          /* this boot's counts include the running kernel
	                       log's (boots_live_counts) */
	unsigned dumps;     /* pstore records of it */
	uint32_t dump_bits; /* bit i: input pstore[i] is one of them (i <
	                       BOOTS_DUMP_BITS) */
	unsigned newer;     /* this boot: rows after its start, left out */
	size_t journal_i;   /* its journal boot (valid
	                       when in_journal) */
	size_t wtmp_i;      /* its wtmp boot */
};

/* What the table is built from (every array borrowed, oldest first;
 * pstore in any order). */
struct boots_input {
	const struct wtmp_boot *wtmp;
	size_t nwtmp;
	const struct journal_boot *journal;
	size_t njournal;
	const struct pstore_record *pstore;
	size_t npstore;
	const char *boot_id; /* the running boot's id, or NULL */
	int64_t boot_unix_s; /* the running boot's start, or KLOG_NA */
	int64_t now_unix_s;  /* for this boot's uptime */
};

/* Build the table into out (max rows, newest first). Returns the rows. */
size_t boots_build(const struct boots_input *in, struct boots_row *out,
                   size_t max);
/* This boot's row (index 0) of the n rows takes the running kernel log's
 * counts (its engine's events ever completed, by kind): per kind the
 * largest of those and the row's own (journal, dumps); it is marked live.
 * False when no row has index 0. */
bool boots_live_counts(struct boots_row *rows, size_t n,
                       const uint64_t by_kind[KEVENT_KIND_COUNT]);
/* Seconds the boot ran (to its end, or to now for this boot), or KLOG_NA. */
int64_t boots_uptime_s(const struct boots_row *r, int64_t now_unix_s);
/* "running", "shutdown", "reboot", "panic", "oom-panic", "crash",
 * "unknown" */
const char *boots_end_name(enum boots_end e);
/* The words for it: "clean shutdown", "crash (no record)", .. */
const char *boots_end_words(enum boots_end e);
/* The sum of a row's event counts. */
uint32_t boots_events(const struct boots_row *r);
/* A duration as "45s", "16m40s", "5h02m", "3d04h" into buf (cut to size);
 * "-" for KLOG_NA. Returns buf. */
char *boots_duration_text(int64_t secs, char *buf, size_t size);
/* A row's events as "1 oom_kill, 1 hung_task, 1 panic" (kinds in the
 * engine's order, the JSON names) into buf; "none" when there are none.
 * Returns buf. */
char *boots_counts_text(const struct boots_row *r, char *buf, size_t size);

#endif
