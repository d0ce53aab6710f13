/*
 * record_end: which processes ended since the recorder's last sample, for
 * procs.end_sample (persist/recdb.h, schema version 3). It remembers the
 * processes of the last snapshot that have a procs row (a row was stored
 * for them in this run); a sample's ends are those of them gone from the
 * next snapshot. Processes never stored are not tracked (a busy build
 * machine's thousands of short tasks cost no UPDATE), and a recorder that
 * restarts knows none of the processes before it: theirs stay NULL, and
 * readers go by the rows (persist/recdb_schema.h).
 */
#ifndef OOMWATCH_APP_RECORD_END_H
#define OOMWATCH_APP_RECORD_END_H

#include <stddef.h>

#include "core/procid.h"
#include "model/snapshot.h"
#include "persist/recdb.h"

/* The stored processes of the last snapshot, sorted by pid then start
 * time. Zeroed: none. */
struct record_end {
	struct procid *ids;
	size_t n;
};

/*
 * Given s, built from snap (its rows are stored, so their processes have
 * procs rows), put in s->ends (replacing none: s has none yet) the
 * remembered processes that snap no longer has, then remember snap's
 * stored processes: those remembered that run on, and those of s->rows.
 * 0, or -ENOMEM (s then gets no ends; e still remembers the last).
 */
int record_end_note(struct record_end *e, const struct snapshot *snap,
                    struct recdb_sample *s);

/* Free what e holds and empty it. */
void record_end_fini(struct record_end *e);

#endif
