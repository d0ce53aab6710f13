/*
 * klog: one line of a kernel log -> struct klog_record.
 *
 * A line may come straight from /dev/kmsg ("PRI,SEQ,TS_USEC,FLAGS[,..];text"
 * or a " KEY=VALUE" dictionary continuation), from a saved log in dmesg
 * form ("[  123.456789] text", optionally after "<PRI>" as klogctl prints
 * it, or after "kern  :err   : " as dmesg -x prints it), dmesg -T form ("[Mon
 * Dec  8 17:51:31 2025] text", any glibc locale: the month name is looked up
 * in klogmonth's table of every locale's names, and a name that means
 * different months in different locales is told apart by the weekday, or
 * left unknown), syslog/journal form
 * ("Nov 29 01:00:04[.123456] host kernel: text", "2025-11-29T01:00:04+0100
 * host kernel: text", and journalctl's short-monotonic, short-delta,
 * short-unix and short-full forms), syslog forwarded with "<PRI>" (RFC 3164,
 * RFC 3339 dates, RFC 5424), or be a bare line. The format is detected per
 * line.
 *
 * In syslog and journal forms only the tag "kernel:" (RFC 5424: the
 * app-name "kernel") is the kernel; any other tag, "kernel[1]:" included
 * (the journal prints a userspace entry as "ident[pid]:"), sets from_user.
 * After a "[ seconds]" time, which dmesg lines also start with, the
 * journal form is told from a dmesg line ("usb 1-1: ...") by its tag:
 * "kernel:" or "ident[pid]:" only.
 *
 * Text from /dev/kmsg is un-escaped (the kernel writes every byte < 0x20,
 * >= 0x7f and '\' as "\xNN"), so the record's text holds raw, UNSANITIZED
 * bytes, possibly with '\n' inside (one printk with several lines). Nothing
 * here may reach a terminal without going through core/sanitize.
 *
 * Limits: a syslog date has no year, so such lines carry no time unless a
 * dmesg timestamp follows "kernel:"; a short-full time whose zone is an
 * abbreviation ("CET": its offset is not written) carries none either,
 * only "UTC", "GMT" and numeric zones give one; dmesg -T and zone-less ISO
 * times are local wall-clock times and are returned as KLOG_TIME_LOCAL for
 * the caller to convert with the local zone. Text longer than KLOG_TEXT_MAX - 1
 * bytes is cut (truncated is set). Numbers that overflow make a prefix invalid;
 * the line is then kept whole as a bare line.
 */
#ifndef OOMWATCH_MODEL_KLOG_H
#define OOMWATCH_MODEL_KLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KLOG_TEXT_MAX 8192
/* Unknown number (the same value as SNAP_NA). */
#define KLOG_NA INT64_MIN

enum klog_format {
	KLOG_FMT_BARE = 0, /* no prefix recognised: the whole line is text */
	KLOG_FMT_KMSG,     /* a /dev/kmsg record */
	KLOG_FMT_DICT,     /* " KEY=VALUE" continuation of a kmsg record */
	KLOG_FMT_DMESG,    /* "[ seconds.micro] text", maybe after <PRI> or
	                      dmesg -x "fac:level:" */
	KLOG_FMT_DMESG_T,  /* "[Mon Dec  8 17:51:31 2025] text" */
	KLOG_FMT_SYSLOG,   /* "Nov 29 01:00:04 host tag: text" */
	KLOG_FMT_ISO,      /* "2025-11-29T01:00:04+0100 [host tag:] text",
	                      or RFC 5424 after <PRI> */
	KLOG_FMT_JOURNAL,  /* journalctl -o short-monotonic "[ 5.123457]
	                      host tag: text", short-unix "1764374404.123457
	                      host tag: text", short-full "Sat 2025-11-29
	                      01:00:04 CET host tag: text" */
};

enum klog_time_kind {
	KLOG_TIME_NONE = 0,
	KLOG_TIME_BOOT,    /* usec since boot (printk clock) */
	KLOG_TIME_UNIX,    /* usec since the epoch */
	KLOG_TIME_LOCAL,   /* wall clock of an unknown zone, in usec since the
	                      epoch as if it were UTC */
	KLOG_TIME_IN_YEAR, /* usec since January 1 00:00 of a year the line
	                      does not give, zone unknown (syslog dates):
	                      only ever in klog_record.clock */
};

/* A kmsg record's FLAGS, which changed meaning in 4.9 (printk.c
 * devkmsg_read). Merging fragments is the reader's guess: the kernel
 * documents the flags as hints (Documentation/ABI/testing/dev-kmsg). */
enum klog_frag {
	KLOG_FRAG_NONE = 0, /* '-' */
	KLOG_FRAG_C,        /* 'c': 3.5-4.8 the first fragment of a line
	                       (more follow, flagged '+'); 4.9+ a pr_cont
	                       fragment the kernel could not join to its
	                       line, most often because another record came
	                       in between */
	KLOG_FRAG_PLUS,     /* '+' (3.5-4.8): continues the record before */
};

struct klog_time {
	enum klog_time_kind kind;
	int64_t usec;
};

struct klog_record {
	enum klog_format format;
	int facility;   /* PRI >> 3, or -1 when the line does not say */
	int level;      /* PRI & 7 (0 emerg .. 7 debug), or -1 */
	bool from_user; /* written by userspace: facility != 0, or a
	                   syslog/journal line whose tag is not "kernel:" */
	bool has_seq;   /* kmsg SEQ known */
	uint64_t seq;
	struct klog_time time;
	/* For ordering the lines of one log (how far apart two lines of an
	 * OOM report are), set whenever the line has a time or date: time
	 * when it is known, else what the prefix gives without it (a syslog
	 * date: KLOG_TIME_IN_YEAR; a short-full wall clock in an unnamed
	 * zone: KLOG_TIME_LOCAL). Compare only clocks of the same kind. */
	struct klog_time clock;
	enum klog_frag frag; /* kmsg FLAGS */
	int64_t caller;      /* kmsg ",caller=" (5.1+ CONFIG_PRINTK_CALLER):
	                        the writing task's id, or -1 - cpu for
	                        "C<cpu>"; KLOG_NA when absent */
	bool truncated;      /* text was cut at KLOG_TEXT_MAX - 1 bytes */
	size_t text_len;
	char text[KLOG_TEXT_MAX]; /* raw bytes, NUL-terminated, unsanitized */
};

/*
 * Parse one line (len bytes, a trailing "\n" or "\r\n" allowed) into *rec.
 * Never fails: a line with no known prefix is KLOG_FMT_BARE. Returns the
 * detected format.
 */
enum klog_format klog_parse(const char *line, size_t len,
                            struct klog_record *rec);

/* Days since 1970-01-01 of a proleptic Gregorian date (pure). */
int64_t klog_days_from_civil(int64_t year, unsigned month, unsigned day);

/* Month 1-12 of a month name or number token in one of the known
 * languages, or 0. */
unsigned klog_month(const char *tok, size_t len);

/* Name of a format, for tests and diagnostics ("kmsg", "dmesg", ...). */
const char *klog_format_name(enum klog_format f);

#endif
