/*
 * batch_prom: `oomwatch --batch --format openmetrics`: one sample as
 * Prometheus text exposition (model/prom.h), the format node_exporter's
 * textfile collector reads. With -n N the batch samples N times (the
 * forecast needs a history) and prints the last sample only: one
 * exposition, as a scrape or a textfile must be (the same series twice
 * would be refused).
 *
 * The kernel event counts come from the kernel log read here to its end
 * (--kmsg-file FILE, or the live log from the start of the kernel's
 * buffer); when it cannot be read, oomwatch_kernel_log_up is 0, the
 * kernel_* families are left out and one line on stderr says why.
 */
#ifndef OOMWATCH_APP_BATCH_PROM_H
#define OOMWATCH_APP_BATCH_PROM_H

#include <stddef.h>
#include <stdio.h>

#include "app/options.h"
#include "model/histsnap.h"
#include "model/snapshot.h"

/* Write the exposition of sample s to f: the top processes are picked
 * from rows[0..nrows) (the rows -u/-p select), the forecast from hs (NULL
 * without a history). 0, or 1 (message printed) when out of memory. */
int batch_prom(FILE *f, const struct options *opt, const struct snapshot *s,
               const size_t *rows, size_t nrows, struct histsnap *hs);

#endif
