/*
 * series: deterministic noise for the unit tests of series models
 * (trend, forecast).
 */
#ifndef OOMWATCH_TESTS_SERIES_H
#define OOMWATCH_TESTS_SERIES_H

#include <stdint.h>

/* The next noise value in [-amp, amp] from *seed (a linear congruential
 * step, the same sequence for the same seed). */
int64_t series_noise(uint32_t *seed, int64_t amp);

#endif
