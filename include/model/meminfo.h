/*
 * meminfo: /proc/meminfo text -> struct mem_info (kB). Pure and
 * all-or-nothing: MemTotal must be present and every wanted line must hold
 * a number, else the output is left untouched. Lines the kernel does not
 * print (SwapTotal without swap support, old kernels) stay SNAP_NA.
 */
#ifndef OOMWATCH_MODEL_MEMINFO_H
#define OOMWATCH_MODEL_MEMINFO_H

#include <stddef.h>

#include "model/snapshot.h"

/* Parse len bytes of /proc/meminfo into *out; 0, or -1 (out untouched). */
int meminfo_parse(const char *buf, size_t len, struct mem_info *out);

/* Set every field to SNAP_NA. */
void meminfo_clear(struct mem_info *m);

#endif
