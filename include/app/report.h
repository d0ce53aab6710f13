/*
 * report: `oomwatch --report [--since DUR|boot] [--json] [--db PATH]`, a
 * summary of the recorder's history for a ticket: the OOM kills with
 * their victims and the top processes by RSS at the last sample before
 * each, hung tasks and lockups, the processes the trend model
 * (model/trend.h) ranks rising over the window with their rates, and
 * the peaks of memory and swap used and the lowest MemAvailable. Read
 * through persist/recread.h (read-only).
 */
#ifndef OOMWATCH_APP_REPORT_H
#define OOMWATCH_APP_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "app/options.h"
#include "model/trend.h"
#include "persist/recread.h"

/* Processes listed for each kill. */
#define REPORT_TOP 5

/* A kill and the top processes before it. */
struct report_kill {
	struct recread_kill kill;
	struct recread_proc top[REPORT_TOP];
	size_t ntop;
};

/* A process the trend model ranks rising. */
struct report_rising {
	struct recread_proc proc; /* its last row's values */
	struct trend trend;
};

/* What the report says. Arrays are owned (report_free). */
struct report {
	const char *db_path;
	const char *note; /* NULL or "", else what the open noted
	                     (persist/recro.h: a newer schema, a read-only
	                     file system) */
	int64_t from_ms, to_ms;
	const char *since; /* as given: "24h", "boot", ... */
	struct recread_peaks peaks;
	struct report_kill *kills;
	size_t nkills;
	struct recread_stall *stalls;
	size_t nstalls;
	struct report_rising *rising; /* fastest first */
	size_t nrising, rising_cap;
};

/* Fill *rep from the database over [from_ms, to_ms]: 0, or -1 (the
 * message in recread_error). */
int report_build(struct recread *db, int64_t from_ms, int64_t to_ms,
                 struct report *rep);
/* Free what rep owns. */
void report_free(struct report *rep);
/* Print rep as text for a ticket (local times with their zone). */
void report_text(FILE *f, const struct report *rep);
/* Print rep as one JSON object on one line (README, "--report"). */
void report_json(FILE *f, const struct report *rep);

/* Run `oomwatch --report`; the exit status (1 with one line on stderr
 * when the database cannot be read). */
int report_run(const struct options *opt);

#endif
