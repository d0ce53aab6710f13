/*
 * boots_cli: `oomwatch --boots [--json]`: the boot history (collect/
 * bootsrc.h, model/boots.h) as a table, newest first, or as one JSON
 * object; and the one-line words for each source's state that the Boots
 * screen shows too.
 */
#ifndef OOMWATCH_APP_BOOTS_CLI_H
#define OOMWATCH_APP_BOOTS_CLI_H

#include <stddef.h>

#include "app/options.h"
#include "collect/bootsrc.h"

/* What each source gave into buf, at level 0: "wtmp: 3 boots; journal:
 * not available (no journal files in ..); pstore: 1 dump"; level 1: the
 * same without the parenthesised remarks; level 2: one or two words a
 * source ("wtmp: empty; journal: not available; pstore: 1 dump"). */
void boots_cli_sources(const struct bootsrc_data *d, int level, char *buf,
                       size_t size);
/* Where a row's event counts came from: live (the kernel log's source
 * name, bootsrc_data.live_source) for the running boot when its counts
 * are the log's, else "journal", "pstore", "journal+pstore", or NULL. */
const char *boots_cli_events_source(const struct boots_row *r,
                                    const char *live);
/* A row's end as words: "panic: MESSAGE" (sanitized), "clean shutdown",
 * .. into buf. */
void boots_cli_end_text(const struct boots_row *r, char *buf, size_t size);

#endif
