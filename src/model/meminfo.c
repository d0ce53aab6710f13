/* meminfo.c: /proc/meminfo parser (see meminfo.h). */
#include "model/meminfo.h"

#include "model/textscan.h"

/* In the order of struct mem_info's fields. */
static const struct textscan_key meminfo_keys[] = {
    TEXTSCAN_KEY("MemTotal"),     TEXTSCAN_KEY("MemFree"),
    TEXTSCAN_KEY("MemAvailable"), TEXTSCAN_KEY("Buffers"),
    TEXTSCAN_KEY("Cached"),       TEXTSCAN_KEY("Shmem"),
    TEXTSCAN_KEY("AnonPages"),    TEXTSCAN_KEY("SwapTotal"),
    TEXTSCAN_KEY("SwapFree"),     TEXTSCAN_KEY("CommitLimit"),
    TEXTSCAN_KEY("Committed_AS"),
};
#define MEMINFO_NKEYS (sizeof meminfo_keys / sizeof meminfo_keys[0])

/* Set every field to unknown. */
void
meminfo_clear(struct mem_info *m)
{
	m->total_kb = m->free_kb = m->available_kb = SNAP_NA;
	m->buffers_kb = m->cached_kb = m->shmem_kb = m->anon_kb = SNAP_NA;
	m->swap_total_kb = m->swap_free_kb = SNAP_NA;
	m->commit_limit_kb = m->committed_as_kb = SNAP_NA;
}

/* Parse /proc/meminfo text. */
int
meminfo_parse(const char *buf, size_t len, struct mem_info *out)
{
	int64_t v[MEMINFO_NKEYS];

	if (textscan_keyed(buf, len, ':', meminfo_keys, MEMINFO_NKEYS, v,
	                   SNAP_NA) < 0 ||
	    v[0] == SNAP_NA || v[0] <= 0)
		return -1;
	/* Only Committed_AS (the last) may be negative (percpu drift). */
	if (textscan_any_negative(v, MEMINFO_NKEYS - 1, SNAP_NA))
		return -1;
	out->total_kb = v[0];
	out->free_kb = v[1];
	out->available_kb = v[2];
	out->buffers_kb = v[3];
	out->cached_kb = v[4];
	out->shmem_kb = v[5];
	out->anon_kb = v[6];
	out->swap_total_kb = v[7];
	out->swap_free_kb = v[8];
	out->commit_limit_kb = v[9];
	out->committed_as_kb = v[10];
	return 0;
}
