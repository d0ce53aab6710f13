/*
 * numround: rounding a double to an integer without libm (the binary
 * links no libm, whose pages every start would otherwise map and touch).
 * Same results as llround() and (int64_t)ceil() for every finite x whose
 * result fits an int64_t; x must be such a value (a NaN, an infinity or
 * an out-of-range x is the caller's to exclude, as with the casts they
 * replace).
 */
#ifndef OOMWATCH_CORE_NUMROUND_H
#define OOMWATCH_CORE_NUMROUND_H

#include <stdint.h>

/* x rounded to the nearest integer, halfway cases away from zero
 * (llround). */
int64_t numround_ll(double x);

/* The least integer not below x (ceil). */
int64_t numround_ceil_ll(double x);

#endif
