/*
 * adjvalue: oom_score_adj values as the user types and steps them.
 * Pure: no I/O. The kernel's own parser auto-detects the base ("010" is 8,
 * "0x10" is 16), so the prompt accepts plain decimal only and the writer
 * always writes canonical decimal.
 */
#ifndef OOMWATCH_MODEL_ADJVALUE_H
#define OOMWATCH_MODEL_ADJVALUE_H

#include <stddef.h>

#define ADJVALUE_MIN (-1000)
#define ADJVALUE_MAX 1000
#define ADJVALUE_STEP 100 /* default step of F7/F8 */
#define ADJVALUE_PROTECT (-1000)
#define ADJVALUE_PREFER 1000

/*
 * Parse the prompt text (len bytes): optional blanks, an optional sign,
 * 1 to 4 decimal digits, optional blanks, and a value in -1000..1000.
 * Returns 0 and sets *adj; or -1, leaves *adj untouched and points *why
 * (when not NULL) at a message for the status line.
 */
int adjvalue_parse(const char *text, size_t len, int *adj, const char **why);

/* Clamp v to [-1000, 1000]. */
int adjvalue_clamp(long v);

/* cur moved by delta (a step up or down), clamped. */
int adjvalue_step(int cur, int delta);

#endif
