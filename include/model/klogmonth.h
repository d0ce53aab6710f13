/*
 * klogmonth: the date in a dmesg -T time stamp, in any glibc locale.
 *
 * dmesg -T prints "[%a %b %e %H:%M:%S %Y]" with strftime in the user's
 * LC_TIME locale, so the month is one of the locale's abmon strings: "Nov",
 * "marras" (fi), "ноя" (ru), " 1月" (ja, with its leading space), "de
 * gen." (ca), "كانون الثاني" (ar_SY). The numbers are ASCII digits in every
 * locale, so a time is read from the right: year, clock, day; what is left
 * is "weekday month", and the month is the longest name in the table
 * (klogmonth_table.c, generated from every glibc locale by
 * scripts/gen-klogmonth.py) that ends it and starts after a space.
 *
 * A name that means different months in different locales ("Jan": January
 * in English, June in Sesotho) is looked up together with its weekday
 * ("Son Jan"), and if even that is shared, the weekday the date really
 * falls on picks the month. When nothing decides, the month is 0
 * (unknown), never a wrong one. Only UTF-8 names are in the table: a log
 * written in a legacy 8-bit locale gives month 0 unless the name is ASCII.
 */
#ifndef OOMWATCH_MODEL_KLOGMONTH_H
#define OOMWATCH_MODEL_KLOGMONTH_H

#include <stdbool.h>
#include <stddef.h>

/* A dmesg -T time; month 0 when the month name is not known. */
struct klogmonth_date {
	unsigned year;  /* as printed, 0..999999999 */
	unsigned month; /* 1..12, or 0 */
	unsigned day;   /* 1..31 */
	unsigned hour;  /* 0..23 */
	unsigned min;   /* 0..59 */
	unsigned sec;   /* 0..60 */
};

/* Parse the inside of a dmesg -T bracket, s[0..len) without '[' and ']'
 * ("Tue Nov  4 17:51:31 2025"). False unless it ends in "DAY HH:MM:SS
 * YEAR" after some text; true with out->month 0 when that text names no
 * known month. */
bool klogmonth_parse_dmesg_t(const char *s, size_t len,
                             struct klogmonth_date *out);

/* Month 1..12 named at the end of s[0..len) ("%a %b": "Tue Nov",
 * "Di Nov", "火  1月", or just "Nov"), or 0. year and day are the date's,
 * for names only the weekday tells apart; pass 0, 0 when unknown. */
unsigned klogmonth_find(const char *s, size_t len, unsigned year, unsigned day);

/* Weekday (0 = Sunday) of a Gregorian date, month 1..12. */
unsigned klogmonth_weekday(unsigned year, unsigned month, unsigned day);

/* One name of the generated table (klogmonth_table.c). Its bytes are
 * at an offset in one text (no pointers: the table needs no relocation,
 * so its pages are read from the binary only when a name is looked up). */
struct klogmonth_name {
	unsigned short off;   /* UTF-8 bytes at klogmonth_text + off */
	unsigned char len;    /* bytes (a NUL follows them) */
	unsigned char month;  /* 1..12; 0: differs between locales */
	unsigned short maybe; /* month 0: bit m for each month m it can be */
	signed char wday;     /* month 0: the weekday of an "abday abmon"
	                         name, which the date must fall on; -1 none */
};

extern const char klogmonth_text[];
extern const struct klogmonth_name klogmonth_names[];
extern const size_t klogmonth_names_count;

/* The bytes of n (n->len of them, then a NUL). */
static inline const char *
klogmonth_name_s(const struct klogmonth_name *n)
{
	return klogmonth_text + n->off;
}

#endif
