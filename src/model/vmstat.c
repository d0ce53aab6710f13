/* vmstat.c: /proc/vmstat counters and their rates (see vmstat.h). */
#include "model/vmstat.h"

#include <math.h>

#include "model/textscan.h"

static const struct textscan_key vmstat_keys[] = {
    TEXTSCAN_KEY("oom_kill"),
    TEXTSCAN_KEY("pswpin"),
    TEXTSCAN_KEY("pswpout"),
    TEXTSCAN_KEY("pgmajfault"),
};
#define VMSTAT_NKEYS (sizeof vmstat_keys / sizeof vmstat_keys[0])

/* Set every counter to unknown. */
void
vmstat_clear(struct vmstat_counters *c)
{
	c->oom_kill = c->pswpin = c->pswpout = c->pgmajfault = SNAP_NA;
}

/* Parse /proc/vmstat text. */
int
vmstat_parse(const char *buf, size_t len, struct vmstat_counters *out)
{
	int64_t v[VMSTAT_NKEYS];

	if (textscan_keyed(buf, len, ' ', vmstat_keys, VMSTAT_NKEYS, v,
	                   SNAP_NA) <= 0)
		return -1;
	if (textscan_any_negative(v, VMSTAT_NKEYS, SNAP_NA))
		return -1;
	out->oom_kill = v[0];
	out->pswpin = v[1];
	out->pswpout = v[2];
	out->pgmajfault = v[3];
	return 0;
}

/* One counter's rate, or NAN. */
static double
vmstat_rate(int64_t a, int64_t b, double secs)
{
	if (a == SNAP_NA || b == SNAP_NA || b < a)
		return NAN;
	return (double)(b - a) / secs;
}

/* Rates between two samples. */
void
vmstat_rates(const struct vmstat_counters *prev, uint64_t prev_ms,
             const struct vmstat_counters *cur, uint64_t cur_ms,
             struct vmstat_rates *out)
{
	double secs;

	if (cur_ms <= prev_ms) {
		out->valid = false;
		out->oom_kill = out->pswpin = out->pswpout = NAN;
		out->pgmajfault = NAN;
		return;
	}
	secs = (double)(cur_ms - prev_ms) / 1000.0;
	out->valid = true;
	out->oom_kill = vmstat_rate(prev->oom_kill, cur->oom_kill, secs);
	out->pswpin = vmstat_rate(prev->pswpin, cur->pswpin, secs);
	out->pswpout = vmstat_rate(prev->pswpout, cur->pswpout, secs);
	out->pgmajfault = vmstat_rate(prev->pgmajfault, cur->pgmajfault, secs);
}
