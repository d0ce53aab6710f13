/*
 * zoneinfo: the kernel's low watermarks from /proc/zoneinfo. Below the sum
 * of every zone's "low" (in pages) kswapd is already reclaiming and the
 * OOM killer is near: the floor a MemAvailable forecast aims at. Pure.
 */
#ifndef OOMWATCH_MODEL_ZONEINFO_H
#define OOMWATCH_MODEL_ZONEINFO_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sum the "low <pages>" lines of every zone in /proc/zoneinfo text into
 * *pages. 0, or -1 with *pages untouched: no zone, a zone without a low
 * line, a line that is not a number, or a truncated last line.
 */
int zoneinfo_low_pages(const char *buf, size_t len, uint64_t *pages);

#endif
