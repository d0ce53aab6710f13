/*
 * textscan: the small pieces every /proc text parser shares. Pure: it works
 * on (buffer, length) pairs that need not be NUL-terminated, never reads
 * past the end, and rejects numbers that overflow instead of wrapping.
 */
#ifndef OOMWATCH_MODEL_TEXTSCAN_H
#define OOMWATCH_MODEL_TEXTSCAN_H

#include <stddef.h>
#include <stdint.h>

/* One "key: value" (or "key value") line a keyed parser looks for. */
struct textscan_key {
	const char *name;  /* the key, without the separator */
	unsigned char len; /* strlen(name) */
};
#define TEXTSCAN_KEY(s)                                                        \
	{                                                                      \
		s, sizeof(s) - 1                                               \
	}

/* Skip spaces and tabs from *p up to end. */
void textscan_blanks(const char **p, const char *end);

/*
 * Parse an unsigned decimal at *p (no sign, no blanks): 0 and *p moved
 * past it, or -1 (no digit, or more than UINT64_MAX).
 */
int textscan_u64(const char **p, const char *end, uint64_t *out);

/* Parse an optionally negative decimal in int64_t range (see above). */
int textscan_i64(const char **p, const char *end, int64_t *out);

/*
 * Parse a file that holds one integer, like /proc/PID/oom_score or
 * /proc/sys/vm/swappiness: optional blanks, the number, optional blanks,
 * optional newline, nothing else. 0 or -1.
 */
int textscan_int_file(const char *buf, size_t len, int64_t *out);

/*
 * Parse a keyed file, one "key<sep>value" per line (meminfo, status with
 * sep ':'; vmstat with sep ' '). For each line whose key is keys[i],
 * vals[i] gets the first integer after the separator (blanks skipped).
 * Lines with other keys are ignored whatever they hold. Keys not found
 * leave vals[i] as SNAP_NA-style na. Returns how many keys were found, or
 * -1 when a wanted line holds no valid number or the last line has no
 * newline (a truncated read): vals is then partly written, so callers
 * parse into a scratch array and copy on success.
 */
int textscan_keyed(const char *buf, size_t len, char sep,
                   const struct textscan_key *keys, size_t nkeys, int64_t *vals,
                   int64_t na);

/* True when one of v[0..n) other than na is negative. */
int textscan_any_negative(const int64_t *v, size_t n, int64_t na);

/* Parse "D[.DD]" (as PSI prints averages) into a double; 0 or -1. */
int textscan_decimal(const char **p, const char *end, double *out);

#endif
