/* series: deterministic noise for series tests (see series.h). */
#include "series.h"

/* The next noise value in [-amp, amp]. */
int64_t
series_noise(uint32_t *seed, int64_t amp)
{
	*seed = *seed * 1103515245u + 12345u;
	return amp == 0
	           ? 0
	           : (int64_t)((*seed >> 8) % (uint32_t)(2 * amp + 1)) - amp;
}
