/*
 * promfile: the node_exporter textfile, DIR/oomwatch.prom, written whole
 * each time (persist/atomic.h): a temporary file in DIR
 * ("oomwatch.prom.XXXXXX", a name the textfile collector skips, as it
 * reads *.prom only), fsync, renamed over the old one, so a scrape sees
 * the last complete sample, never a part. Mode 0644: node_exporter
 * usually runs as another user. DIR must exist (it is not created: a
 * directory made here would be 0700, unreadable to node_exporter).
 * Syscall-facing: 0 or -errno, no messages.
 */
#ifndef OOMWATCH_PERSIST_PROMFILE_H
#define OOMWATCH_PERSIST_PROMFILE_H

#include <stddef.h>

#define PROMFILE_NAME "oomwatch.prom"

/* Replace DIR/oomwatch.prom with the len bytes of text (an exposition
 * from model/prom.h). 0, or -errno (-ENOTDIR when dir is no directory);
 * on failure the old file is untouched and no temporary file is left. */
int promfile_write(const char *dir, const char *text, size_t len);

#endif
