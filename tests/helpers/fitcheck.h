/*
 * fitcheck: what every fitted meter line must satisfy (model/meterfit.h),
 * as a check that names the broken rule, and the line as text.
 */
#ifndef OOMWATCH_TESTS_FITCHECK_H
#define OOMWATCH_TESTS_FITCHECK_H

#include <stddef.h>

#include "model/meterfit.h"

/*
 * NULL when the n segments, as meterfit_fit chose them for width columns
 * (it returned used), keep the rules: the columns add up to used and fit;
 * each segment shows a whole form, or a prefix ending before a space with
 * the ellipsis after it; a cut only when even the shortest forms do not
 * fit; otherwise no segment could take its next longer form and still
 * fit. Else a description of the rule that is broken (static).
 */
const char *fitcheck_rules(const struct meterfit_seg *seg, size_t n, int width,
                           int used);

/* The line as drawn, into buf: gaps and texts, '=' for a bar's cells,
 * '~' for the ellipsis. Returns buf. */
const char *fitcheck_render(const struct meterfit_seg *seg, size_t n, char *buf,
                            size_t size);

#endif
