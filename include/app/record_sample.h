/*
 * record_sample: one recorder sample as it is stored (persist/recdb.h),
 * made from a snapshot and recsel's choice of rows (model/recsel.h). The
 * recorder and `make bench` build samples the same way.
 */
#ifndef OOMWATCH_APP_RECORD_SAMPLE_H
#define OOMWATCH_APP_RECORD_SAMPLE_H

#include <stdbool.h>

#include "model/recsel.h"
#include "model/snapshot.h"
#include "persist/recdb.h"

/*
 * Fill out (emptied first; it owns what it gets) with snap's system
 * series and wall time, the rows pick chose and their new identities
 * (sanitized strings; no command line when no_cmdline). No events. 0, or
 * -ENOMEM (out then holds what fitted).
 */
int record_sample_build(const struct snapshot *snap,
                        const struct recsel_pick *pick, bool no_cmdline,
                        struct recdb_sample *out);

#endif
