/*
 * psi: /proc/pressure/memory text -> struct psi_memory. Pure and
 * all-or-nothing. The format is one "some" line and (since 4.20, for
 * memory always) one "full" line:
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * The "some" line is required; a missing "full" line leaves full_valid
 * false. Unknown extra key=value pairs are ignored; a wanted one that is
 * not a number, or a truncated last line, is an error.
 */
#ifndef OOMWATCH_MODEL_PSI_H
#define OOMWATCH_MODEL_PSI_H

#include <stddef.h>

#include "model/snapshot.h"

/* Parse; on success out->valid is true and out->err 0. 0 or -1. */
int psi_parse(const char *buf, size_t len, struct psi_memory *out);

/* Mark PSI as unavailable with errno value err (ENOENT, EOPNOTSUPP...). */
void psi_set_unavailable(struct psi_memory *out, int err);

#endif
