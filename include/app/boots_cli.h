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

/* "wtmp: 3 boots; journal: not available (..); pstore: 1 dump" into buf. */
void boots_cli_sources(const struct bootsrc_data *d, char *buf, size_t size);
/* A row's end as words: "panic: MESSAGE" (sanitized), "clean shutdown",
 * .. into buf. */
void boots_cli_end_text(const struct boots_row *r, char *buf, size_t size);

#endif
