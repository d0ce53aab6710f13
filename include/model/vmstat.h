/*
 * vmstat: the four /proc/vmstat counters oomwatch shows (oom_kill, pswpin,
 * pswpout, pgmajfault) and their per-second rates between two snapshots.
 * Pure; times are passed in (monotonic milliseconds).
 */
#ifndef OOMWATCH_MODEL_VMSTAT_H
#define OOMWATCH_MODEL_VMSTAT_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/*
 * Parse /proc/vmstat text. Counters the kernel does not have stay SNAP_NA;
 * a file with none of them, a non-numeric or negative value, or a
 * truncated last line is an error. 0, or -1 with *out untouched.
 */
int vmstat_parse(const char *buf, size_t len, struct vmstat_counters *out);

/* Set every counter to SNAP_NA. */
void vmstat_clear(struct vmstat_counters *c);

/*
 * Rates per second from prev (at prev_ms) to cur (at cur_ms). out->valid is
 * false when the interval is not positive; a counter unknown in either
 * sample, or one that went backwards, gets NAN.
 */
void vmstat_rates(const struct vmstat_counters *prev, uint64_t prev_ms,
                  const struct vmstat_counters *cur, uint64_t cur_ms,
                  struct vmstat_rates *out);

#endif
