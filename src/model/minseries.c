/*
 * minseries.c: recorded rows as one point a minute (see minseries.h).
 */
#include "model/minseries.h"

/* The wall-clock minute holding t. */
static int64_t
minseries_minute_of(int64_t t)
{
	return t / HIST_MINUTE_MS; /* unix times: not negative */
}

/* The minute after which the process has no point: its boot's last
 * minute when its last row is within alive_ms of it, else its last
 * row's minute. */
static int64_t
minseries_end(const struct minseries_minute *m, size_t nm, int64_t boot,
              int64_t last_row_ms, int64_t alive_ms)
{
	for (size_t i = nm; i-- > 0;)
		if (m[i].boot == boot) {
			if (m[i].time_ms - last_row_ms <= alive_ms &&
			    m[i].time_ms >= last_row_ms)
				return minseries_minute_of(m[i].time_ms);
			break;
		}
	return minseries_minute_of(last_row_ms);
}

/* Build a process's minute series (see minseries.h). */
size_t
minseries_build(const struct minseries_minute *m, size_t nm, int64_t boot,
                const struct minseries_row *rows, size_t nr, int64_t alive_ms,
                struct hist_point *out, size_t max)
{
	size_t n = 0, r = 0;
	int64_t end;

	if (nr == 0)
		return 0;
	end = minseries_end(m, nm, boot, rows[nr - 1].time_ms, alive_ms);
	for (size_t i = 0; i < nm && n < max; i++) {
		if (m[i].boot != boot || m[i].time_ms < rows[0].time_ms)
			continue;
		if (minseries_minute_of(m[i].time_ms) > end)
			break;
		while (r + 1 < nr && rows[r + 1].time_ms <= m[i].time_ms)
			r++;
		out[n++] = (struct hist_point){
		    .mono_ms = (uint64_t)m[i].time_ms,
		    .wall_ms = m[i].time_ms,
		    .value = rows[r].value,
		    .gap = false,
		};
	}
	return n;
}
