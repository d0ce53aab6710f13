/*
 * kscan: a bounded cursor over kernel text, shared by the kernel-log
 * parsers (klog, oomreport). Every function checks the end pointer, so a
 * truncated or hostile line can never be read past its length, and every
 * number is parsed with an overflow check: a value that does not fit is a
 * failed match, never a wrapped one. On failure a function leaves the
 * cursor where it was.
 */
#ifndef OOMWATCH_MODEL_KSCAN_H
#define OOMWATCH_MODEL_KSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A borrowed slice of a line (not NUL-terminated). */
struct kslice {
	const char *s;
	size_t len;
};

struct kscan {
	const char *p;   /* next byte */
	const char *end; /* one past the last byte */
};

/* Start a cursor over len bytes of s. */
void kscan_init(struct kscan *k, const char *s, size_t len);
/* Bytes left. */
size_t kscan_left(const struct kscan *k);
/* Skip spaces and tabs; returns how many were skipped. */
size_t kscan_spaces(struct kscan *k);
/* Consume the literal lit when the text continues with it. */
bool kscan_lit(struct kscan *k, const char *lit);
/* Consume one byte c when it comes next. */
bool kscan_char(struct kscan *k, char c);
/* Parse decimal digits (at least one) into *out; fails on overflow. */
bool kscan_u64(struct kscan *k, uint64_t *out);
/* Parse an optionally '-' signed decimal that fits int64_t. */
bool kscan_i64(struct kscan *k, int64_t *out);
/* Value of one hex digit (either case), or -1. */
int kscan_hexval(char c);

/* Time pieces of log prefixes (klog): */
/* "HH:MM:SS" into seconds of the day (leap second 60 allowed). */
bool kscan_clock(struct kscan *k, int64_t *secs);
/* A non-empty run of bytes up to a space, a tab or stop (0: none). */
bool kscan_token(struct kscan *k, char stop, const char **tok, size_t *len);
/* Digits of a fraction of a second (any count, six kept) as usec; none
 * is 0. */
int64_t kscan_fraction(struct kscan *k);
/* Offset east of UTC, in seconds, of a zone token: "Z", "UTC", "GMT",
 * "+hh", "+hhmm" or "+hh:mm" (either sign). False for anything else: an
 * abbreviation such as "CET" does not say its offset. */
bool kscan_zone(const char *tok, size_t len, int64_t *secs);
/* "YYYY-MM-DD" (year 1970-9999, month 1-12, day 1-31). */
bool kscan_ymd(struct kscan *k, unsigned *year, unsigned *month, unsigned *day);

/* Offset of the message in a line's text: after leading blanks and a
 * printk caller field ("[  T123] ", "[ C1] ") as dmesg prints it with
 * CONFIG_PRINTK_CALLER. The kernel's report lines are matched there. */
size_t kscan_message_start(const char *s, size_t len);

/* memmem over a bounded buffer, NULL when absent (needle_len > 0). */
const char *kscan_memmem(const char *hay, size_t hay_len, const char *needle,
                         size_t needle_len);
/* Last occurrence of needle in hay, or NULL. */
const char *kscan_memrmem(const char *hay, size_t hay_len, const char *needle,
                          size_t needle_len);

#endif
