/*
 * bootjob: one read of collect/bootsrc.h in a thread of its own, so the
 * screen never waits for journalctl: the boot history (bootsrc_load) or
 * one boot's kernel events (bootsrc_events). The caller asks
 * bootjob_done when it likes (a refresh tick, a key) and then takes the
 * result; nothing wakes it. bootjob_free may come at any time: a
 * journalctl still running is killed (SIGKILL) and reaped at once (the
 * job's cancel pipe wakes collect/journalrun.c), the thread is joined and
 * whatever was not taken is freed.
 */
#ifndef OOMWATCH_COLLECT_BOOTJOB_H
#define OOMWATCH_COLLECT_BOOTJOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect/bootsrc.h"
#include "model/kevents.h"

struct bootjob;

/* Start reading the history (bootsrc_load with these arguments; p is
 * copied). The job, or NULL with why ("out of memory", "no thread: ..."). */
struct bootjob *bootjob_history(const struct bootsrc_paths *p,
                                uint64_t timeout_ms, int64_t now_unix_s,
                                char *why, size_t why_size);
/* Start reading one boot's kernel events (bootsrc_events: BOOT in the
 * journal, NULL when it is not there, else its dumps; dumps copied) into
 * a kevents of events_kept events. NULL with why. */
struct bootjob *bootjob_events(const struct bootsrc_paths *p, const char *boot,
                               const struct pstore_record *dumps, size_t ndumps,
                               size_t events_kept, uint64_t timeout_ms,
                               char *why, size_t why_size);
/* True once the read has ended (its result may be taken). */
bool bootjob_done(struct bootjob *j);
/* Wait until the read ends or timeout_ms pass; bootjob_done's answer. */
bool bootjob_wait(struct bootjob *j, uint64_t timeout_ms);
/* The history read, once done (the caller frees it: bootsrc_free, then
 * free); NULL before, for an events job, or when taken already. */
struct bootsrc_data *bootjob_take_history(struct bootjob *j);
/* The events read, once done (the caller's to free; finished when the
 * read succeeded, else why holds bootsrc_events' reason, and they are
 * what came before it failed), or NULL (before, a history job, or taken
 * already); why is "" when the read succeeded; *from: where they came
 * from. */
struct kevents *bootjob_take_events(struct bootjob *j, enum bootsrc_from *from,
                                    char *why, size_t why_size);
/* Stop the read (see above) and free the job; NULL is fine. */
void bootjob_free(struct bootjob *j);

#endif
