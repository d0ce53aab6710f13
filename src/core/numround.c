/* numround.c: rounding without libm (see numround.h). */
#include "core/numround.h"

/* Nearest, halfway away from zero. x - t is exact: t is x truncated, so
 * both have the same sign and |x - t| < 1 (and x >= 2^52 is integral). */
int64_t
numround_ll(double x)
{
	int64_t t = (int64_t)x;
	double frac = x - (double)t;

	if (frac >= 0.5)
		return t + 1;
	if (frac <= -0.5)
		return t - 1;
	return t;
}

/* Least integer not below x. */
int64_t
numround_ceil_ll(double x)
{
	int64_t t = (int64_t)x;

	return (double)t < x ? t + 1 : t;
}
