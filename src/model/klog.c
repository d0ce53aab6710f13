/*
 * klog.c: detect the format of one kernel-log line and parse it into a
 * struct klog_record (see klog.h). Pure: bytes in, struct out.
 */
#include "model/klog.h"

#include <string.h>

#include "model/klogmonth.h"
#include "model/kscan.h"

/* Month name prefixes (lower case; UTF-8 bytes where accented) of the
 * languages dmesg -T and journal output are most often seen in. */
static const struct {
	const char *prefix;
	unsigned month;
} month_names[] = {
    {"jan", 1},
    {"ene", 1},
    {"gen", 1},
    {"feb", 2},
    {"fev", 2},
    {"f\xc3\xa9v", 2},
    {"mar", 3},
    {"m\xc3\xa4r", 3},
    {"mrt", 3},
    {"apr", 4},
    {"abr", 4},
    {"avr", 4},
    {"may", 5},
    {"mai", 5},
    {"mag", 5},
    {"mei", 5},
    {"juin", 6},
    {"jun", 6},
    {"giu", 6},
    {"juil", 7},
    {"jul", 7},
    {"lug", 7},
    {"aug", 8},
    {"ago", 8},
    {"ao", 8},
    {"sep", 9},
    {"set", 9},
    {"oct", 10},
    {"okt", 10},
    {"ott", 10},
    {"out", 10},
    {"nov", 11},
    {"dec", 12},
    {"dez", 12},
    {"dic", 12},
    {"d\xc3\xa9"
     "c",
     12},
};

/* dmesg -x (--decode) facility and level names, by number. */
static const char *const facility_names[] = {
    "kern",   "user",   "mail",   "daemon", "auth",     "syslog",
    "lpr",    "news",   "uucp",   "cron",   "authpriv", "ftp",
    "res0",   "res1",   "res2",   "res3",   "local0",   "local1",
    "local2", "local3", "local4", "local5", "local6",   "local7",
};
static const char *const level_names[] = {
    "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

static const char *const format_names[] = {
    [KLOG_FMT_BARE] = "bare",       [KLOG_FMT_KMSG] = "kmsg",
    [KLOG_FMT_DICT] = "dict",       [KLOG_FMT_DMESG] = "dmesg",
    [KLOG_FMT_DMESG_T] = "dmesg-T", [KLOG_FMT_SYSLOG] = "syslog",
    [KLOG_FMT_ISO] = "iso",         [KLOG_FMT_JOURNAL] = "journal",
};

/* Name of a format. */
const char *
klog_format_name(enum klog_format f)
{
	if ((unsigned)f >= sizeof format_names / sizeof format_names[0])
		return "?";
	return format_names[f];
}

/* Days since the epoch (Hinnant's days_from_civil). */
int64_t
klog_days_from_civil(int64_t year, unsigned month, unsigned day)
{
	int64_t y = year - (month <= 2), era, yoe, doy, doe;
	unsigned mp = month > 2 ? month - 3 : month + 9;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)mp + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Month of a name or number token, or 0. */
unsigned
klog_month(const char *tok, size_t len)
{
	char low[8];
	size_t i, n, plen;
	unsigned v = 0;

	if (len > 0 && tok[0] >= '0' && tok[0] <= '9') {
		for (i = 0; i < len && i < 2 && tok[i] >= '0' && tok[i] <= '9';
		     i++)
			v = v * 10 + (unsigned)(tok[i] - '0');
		return v >= 1 && v <= 12 ? v : 0;
	}
	n = len < sizeof low ? len : sizeof low;
	for (i = 0; i < n; i++)
		low[i] = (tok[i] >= 'A' && tok[i] <= 'Z') ? (char)(tok[i] + 32)
		                                          : tok[i];
	for (i = 0; i < sizeof month_names / sizeof month_names[0]; i++) {
		plen = strlen(month_names[i].prefix);
		if (plen <= n && memcmp(low, month_names[i].prefix, plen) == 0)
			return month_names[i].month;
	}
	return 0;
}

/* Copy text into rec, un-escaping \xNN when unescape is set. */
static void
set_text(struct klog_record *rec, const char *s, size_t len, bool unescape)
{
	const char *end = s + len, *bs;
	size_t out = 0, room = KLOG_TEXT_MAX - 1, run;
	int hi, lo;

	while (s < end && out < room) {
		bs = unescape ? memchr(s, '\\', (size_t)(end - s)) : NULL;
		run = (size_t)((bs ? bs : end) - s);
		if (run > room - out)
			run = room - out;
		memcpy(rec->text + out, s, run);
		out += run;
		s += run;
		if (bs == NULL || s != bs || out >= room)
			continue;
		if (end - s >= 4 && s[1] == 'x' &&
		    (hi = kscan_hexval(s[2])) >= 0 &&
		    (lo = kscan_hexval(s[3])) >= 0) {
			rec->text[out++] = (char)(hi << 4 | lo);
			s += 4;
		} else {
			rec->text[out++] = '\\';
			s++;
		}
	}
	rec->truncated = s < end;
	rec->text_len = out;
	rec->text[out] = '\0';
}

/* "[  123.456789]" (digits after the dot optional: "[  240.]"; a delta
 * " <    0.000010>" before ']' as dmesg -d and journalctl -o short-delta
 * print it) -> usec. */
static bool
scan_dmesg_ts(struct kscan *k, int64_t *usec)
{
	struct kscan save = *k;
	uint64_t sec;
	int64_t frac;

	if (!kscan_char(k, '['))
		return false;
	kscan_spaces(k);
	if (!kscan_u64(k, &sec) || sec > (uint64_t)INT64_MAX / 1000000)
		goto fail;
	if (!kscan_char(k, '.')) /* "[  390]" is a task-table row */
		goto fail;
	frac = kscan_fraction(k);
	if (kscan_spaces(k) && kscan_char(k, '<')) {
		while (k->p < k->end && *k->p != '>' && *k->p != ']')
			k->p++;
		if (!kscan_char(k, '>'))
			goto fail;
	}
	if (!kscan_char(k, ']'))
		goto fail;
	*usec = (int64_t)sec * 1000000 + frac;
	return true;
fail:
	*k = save;
	return false;
}

/*
 * "[Wday Mon DD HH:MM:SS YYYY]" in any glibc locale -> local usec. The
 * month comes from klogmonth's table of every locale's names; one it
 * cannot tell apart leaves the time unknown rather than guessed.
 */
static bool
scan_dmesg_t(struct kscan *k, struct klog_time *t)
{
	struct klogmonth_date d;
	const char *close;
	size_t n = kscan_left(k);

	if (n < 2 || k->p[0] != '[')
		return false;
	n = n - 1 < 128 ? n - 1 : 128; /* the longest real bracket is ~70 */
	close = memchr(k->p + 1, ']', n);
	if (close == NULL ||
	    !klogmonth_parse_dmesg_t(k->p + 1, (size_t)(close - k->p - 1), &d))
		return false;
	k->p = close + 1;
	t->kind = KLOG_TIME_NONE;
	if (d.month && d.year >= 1970 && d.year <= 9999) {
		t->kind = KLOG_TIME_LOCAL;
		t->usec =
		    (klog_days_from_civil(d.year, d.month, d.day) * 86400 +
		     (int64_t)d.hour * 3600 + (int64_t)d.min * 60 + d.sec) *
		    1000000;
	}
	return true;
}

/* "YYYY-MM-DD" -> days since the epoch. */
static bool
scan_days(struct kscan *k, int64_t *days)
{
	unsigned y, mo, d;

	if (!kscan_ymd(k, &y, &mo, &d))
		return false;
	*days = klog_days_from_civil(y, mo, d);
	return true;
}

/* "YYYY-MM-DDTHH:MM:SS[.,frac][Z|+hh[:]mm]" -> unix or local usec. A
 * comma before the fraction is dmesg --time-format=iso (no host, no tag). */
static bool
scan_iso(struct kscan *k, struct klog_time *t, bool *dmesg_form)
{
	struct kscan save = *k;
	int64_t days, secs, usec = 0, zone = 0;
	const char *tok = NULL;
	size_t len = 0;

	if (!scan_days(k, &days) ||
	    !(kscan_char(k, 'T') || kscan_char(k, ' ')) ||
	    !kscan_clock(k, &secs))
		goto fail;
	*dmesg_form = kscan_char(k, ',');
	if (*dmesg_form || kscan_char(k, '.'))
		usec = kscan_fraction(k);
	if (kscan_token(k, 0, &tok, &len) && !kscan_zone(tok, len, &zone))
		goto fail;
	t->kind = len > 0 ? KLOG_TIME_UNIX : KLOG_TIME_LOCAL;
	t->usec = (days * 86400 + secs - zone) * 1000000 + usec;
	return true;
fail:
	*k = save;
	return false;
}

/* journalctl -o short-full: "Wday YYYY-MM-DD HH:MM:SS ZONE" (the weekday
 * in the locale's words). The time is known only when ZONE gives the
 * offset (kscan_zone); "CET" and the like leave it unknown, and *clock
 * gets the wall clock as if it were UTC (KLOG_TIME_LOCAL). */
static bool
scan_full_date(struct kscan *k, struct klog_time *t, struct klog_time *clock)
{
	struct kscan save = *k;
	const char *tok;
	size_t len;
	int64_t days, secs, zone;

	if (!kscan_token(k, 0, &tok, &len) ||
	    (tok[0] >= '0' && tok[0] <= '9') || !kscan_spaces(k) ||
	    !scan_days(k, &days) || !kscan_char(k, ' ') ||
	    !kscan_clock(k, &secs) || !kscan_char(k, ' ') ||
	    !kscan_token(k, 0, &tok, &len)) {
		*k = save;
		return false;
	}
	t->kind = KLOG_TIME_NONE;
	t->usec = 0;
	clock->kind = KLOG_TIME_LOCAL;
	clock->usec = (days * 86400 + secs) * 1000000;
	if (kscan_zone(tok, len, &zone)) {
		t->kind = KLOG_TIME_UNIX;
		t->usec = clock->usec - zone * 1000000;
		*clock = *t;
	}
	return true;
}

/* journalctl -o short-unix: "SECONDS.FRACTION" -> unix usec. */
static bool
scan_unix_ts(struct kscan *k, struct klog_time *t)
{
	struct kscan save = *k;
	uint64_t sec;
	int64_t frac;

	if (!kscan_u64(k, &sec) || sec > (uint64_t)INT64_MAX / 1000000 - 1 ||
	    !kscan_char(k, '.') || kscan_left(k) == 0 || *k->p < '0' ||
	    *k->p > '9') {
		*k = save;
		return false;
	}
	frac = kscan_fraction(k);
	t->kind = KLOG_TIME_UNIX;
	t->usec = (int64_t)sec * 1000000 + frac;
	return true;
}

/* "ident[pid]:", as the journal prints the tag of a userspace entry. */
static bool
is_pid_tag(const char *tag, size_t len)
{
	size_t i = len;

	if (len < 5 || tag[len - 1] != ':' || tag[len - 2] != ']')
		return false;
	for (i = len - 2; i > 0 && tag[i - 1] >= '0' && tag[i - 1] <= '9'; i--)
		;
	return i > 1 && i < len - 2 && tag[i - 1] == '[';
}

/* After a syslog/journal date: "host tag: " where tag ends in ':'. Only
 * the tag "kernel:" is the kernel (the journal prints a userspace entry
 * as "ident[pid]:", so "kernel[1]:" is not it): any other tag sets
 * from_user. With strict (after a "[ seconds]" time, which a dmesg line
 * also starts with, and "usb 1-1: ..." is a kernel line), the tag must be
 * "kernel:" or "ident[pid]:". */
static bool
scan_host_tag(struct kscan *k, struct klog_record *rec, bool strict)
{
	struct kscan save = *k;
	const char *host, *tag;
	size_t hlen, tlen;
	bool kernel;

	if (!kscan_spaces(k) || !kscan_token(k, 0, &host, &hlen) ||
	    memchr(host, ':', hlen) != NULL || !kscan_spaces(k) ||
	    !kscan_token(k, 0, &tag, &tlen) || tag[tlen - 1] != ':')
		goto fail;
	kernel = tlen == 7 && memcmp(tag, "kernel:", 7) == 0;
	if (strict && !kernel && !is_pid_tag(tag, tlen))
		goto fail;
	rec->from_user = rec->from_user || !kernel;
	(void)kscan_char(k, ' ');
	return true;
fail:
	*k = save;
	return false;
}

/* "Mon DD HH:MM:SS[.frac]" of classic syslog / journal short(-precise).
 * With no year there is no time, but *clock gets the usec since January 1
 * of that year (KLOG_TIME_IN_YEAR), enough to order the lines of a log. */
static bool
scan_syslog_date(struct kscan *k, struct klog_time *clock)
{
	struct kscan save = *k;
	const char *tok;
	size_t len;
	uint64_t day;
	int64_t secs, frac = 0;

	if (!kscan_token(k, 0, &tok, &len) || klog_month(tok, len) == 0 ||
	    (tok[0] >= '0' && tok[0] <= '9') || !kscan_spaces(k) ||
	    !kscan_u64(k, &day) || day < 1 || day > 31 || !kscan_spaces(k) ||
	    !kscan_clock(k, &secs)) {
		*k = save;
		return false;
	}
	if (kscan_char(k, '.'))
		frac = kscan_fraction(k);
	/* 2000 is a leap year: February 29 has a place */
	clock->kind = KLOG_TIME_IN_YEAR;
	clock->usec =
	    ((klog_days_from_civil(2000, klog_month(tok, len), (unsigned)day) -
	      klog_days_from_civil(2000, 1, 1)) *
	         86400 +
	     secs) *
	        1000000 +
	    frac;
	return true;
}

/* Index of the name tok in names[n], or -1. */
static int
name_index(const char *const *names, size_t n, const char *tok, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], tok, len) == 0)
			return (int)i;
	return -1;
}

/* dmesg -x: "kern  :err   : " (facility and level in words). */
static bool
scan_decoded(struct kscan *k, struct klog_record *rec)
{
	struct kscan save = *k;
	const char *tok;
	size_t len;
	int fac, lvl = -1;

	fac = kscan_token(k, ':', &tok, &len)
	          ? name_index(facility_names,
	                       sizeof facility_names / sizeof facility_names[0],
	                       tok, len)
	          : -1;
	kscan_spaces(k);
	if (fac >= 0 && kscan_char(k, ':') && kscan_token(k, ':', &tok, &len))
		lvl = name_index(level_names,
		                 sizeof level_names / sizeof level_names[0],
		                 tok, len);
	kscan_spaces(k);
	if (lvl < 0 || !kscan_char(k, ':')) {
		*k = save;
		return false;
	}
	(void)kscan_char(k, ' ');
	rec->facility = fac;
	rec->level = lvl;
	rec->from_user = fac != 0;
	return true;
}

/* "<PRI>" prefix as klogctl and console dumps print it. */
static bool
scan_pri(struct kscan *k, struct klog_record *rec)
{
	struct kscan save = *k;
	uint64_t pri;

	if (!kscan_char(k, '<') || !kscan_u64(k, &pri) || pri > 1023 ||
	    !kscan_char(k, '>')) {
		*k = save;
		return false;
	}
	rec->facility = (int)(pri >> 3);
	rec->level = (int)(pri & 7);
	rec->from_user = rec->facility != 0;
	return true;
}

/* The ",caller=T<tid>" / ",caller=C<cpu>" field (CONFIG_PRINTK_CALLER)
 * among the fields from FLAGS to ';': the tid, or -1 - cpu; KLOG_NA when
 * there is none. */
static int64_t
kmsg_caller(const char *p, const char *end)
{
	const char *f = kscan_memmem(p, (size_t)(end - p), ",caller=", 8);
	struct kscan k;
	uint64_t id;
	char type;

	if (f == NULL || end - f < 10)
		return KLOG_NA;
	type = f[8];
	kscan_init(&k, f + 9, (size_t)(end - f - 9));
	if ((type != 'T' && type != 'C') || !kscan_u64(&k, &id) ||
	    id > INT32_MAX || (kscan_left(&k) != 0 && *k.p != ','))
		return KLOG_NA;
	return type == 'T' ? (int64_t)id : -1 - (int64_t)id;
}

/* A /dev/kmsg header "PRI,SEQ,TS_USEC,FLAGS[,field]...;" */
static bool
scan_kmsg(struct kscan *k, struct klog_record *rec)
{
	struct kscan save = *k;
	uint64_t pri, seq, ts;
	const char *q;

	if (!kscan_u64(k, &pri) || pri > 1023 || !kscan_char(k, ',') ||
	    !kscan_u64(k, &seq) || !kscan_char(k, ',') || !kscan_u64(k, &ts) ||
	    ts > (uint64_t)INT64_MAX || !kscan_char(k, ','))
		goto fail;
	for (q = k->p; q < k->end && *q != ';'; q++)
		if (*q == ' ' || *q == '\t')
			goto fail;
	if (q >= k->end)
		goto fail;
	if (k->p < q && (*k->p == 'c' || *k->p == '+'))
		rec->frag = *k->p == 'c' ? KLOG_FRAG_C : KLOG_FRAG_PLUS;
	rec->caller = kmsg_caller(k->p, q);
	rec->facility = (int)(pri >> 3);
	rec->level = (int)(pri & 7);
	rec->from_user = rec->facility != 0;
	rec->has_seq = true;
	rec->seq = seq;
	rec->time.kind = KLOG_TIME_BOOT;
	rec->time.usec = (int64_t)ts;
	k->p = q + 1;
	return true;
fail:
	*k = save;
	return false;
}

/* RFC 5424 STRUCTURED-DATA: "-" or "[id k=\"v\"]..." ('\]' escaped). */
static bool
scan_sd(struct kscan *k)
{
	if (kscan_char(k, '-'))
		return true;
	if (k->p >= k->end || *k->p != '[')
		return false;
	while (kscan_char(k, '[')) {
		while (k->p < k->end && *k->p != ']')
			k->p += (*k->p == '\\' && k->end - k->p > 1) ? 2 : 1;
		if (!kscan_char(k, ']'))
			return false;
	}
	return true;
}

/* RFC 5424 after "<PRI>": "1 TIME HOST APP PROCID MSGID SD " (TIME may
 * be "-"). Only the app-name "kernel" is the kernel. */
static bool
scan_rfc5424(struct kscan *k, struct klog_record *rec)
{
	struct kscan save = *k;
	struct klog_time t = {KLOG_TIME_NONE, 0};
	const char *tok, *app = NULL;
	size_t len, alen = 0;
	bool dmesg_iso = false;
	int i;

	if (!kscan_lit(k, "1 ") ||
	    !(kscan_char(k, '-') ||
	      (scan_iso(k, &t, &dmesg_iso) && !dmesg_iso)))
		goto fail;
	for (i = 0; i < 4; i++) { /* host, app, procid, msgid */
		if (!kscan_char(k, ' ') || !kscan_token(k, 0, &tok, &len))
			goto fail;
		if (i == 1) {
			app = tok;
			alen = len;
		}
	}
	if (!kscan_char(k, ' ') || !scan_sd(k))
		goto fail;
	(void)kscan_char(k, ' ');
	(void)kscan_lit(k, "\xef\xbb\xbf"); /* the MSG's optional BOM */
	rec->format = KLOG_FMT_ISO;
	rec->time = t;
	rec->from_user =
	    rec->from_user || !(alen == 6 && memcmp(app, "kernel", 6) == 0);
	return true;
fail:
	*k = save;
	return false;
}

/* After "<PRI>", a syslog header as daemons forward it: RFC 3164 ("Nov
 * 29 01:00:04 host tag: "), RFC 3339 ("2025-11-29T01:00:04+01:00 host
 * tag: ") or RFC 5424. Nothing is consumed when none is there. */
static void
scan_pri_header(struct kscan *k, struct klog_record *rec)
{
	struct kscan save = *k;
	struct klog_time t, clock;
	bool dmesg_iso;

	if (scan_syslog_date(k, &clock) && scan_host_tag(k, rec, false)) {
		rec->format = KLOG_FMT_SYSLOG;
		rec->clock = clock;
		return;
	}
	*k = save;
	if (scan_iso(k, &t, &dmesg_iso) && !dmesg_iso &&
	    scan_host_tag(k, rec, false)) {
		rec->format = KLOG_FMT_ISO;
		rec->time = t;
		return;
	}
	*k = save;
	(void)scan_rfc5424(k, rec);
}

/* " KEY=VALUE": a kmsg dictionary line. */
static bool
is_dict(const char *s, size_t len)
{
	size_t i;

	if (len < 3 || s[0] != ' ' || !(s[1] >= 'A' && s[1] <= 'Z'))
		return false;
	for (i = 2; i < len; i++) {
		if (s[i] == '=')
			return true;
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	}
	return false;
}

/* Reset everything but the text. */
static void
record_reset(struct klog_record *rec)
{
	rec->format = KLOG_FMT_BARE;
	rec->facility = -1;
	rec->level = -1;
	rec->from_user = false;
	rec->has_seq = false;
	rec->seq = 0;
	rec->time.kind = KLOG_TIME_NONE;
	rec->time.usec = 0;
	rec->clock = rec->time;
	rec->frag = KLOG_FRAG_NONE;
	rec->caller = KLOG_NA;
}

/* A printk time: usec since boot. */
static void
set_boot_time(struct klog_time *t, int64_t usec)
{
	t->kind = KLOG_TIME_BOOT;
	t->usec = usec;
}

/* The prefix matched as fmt: the rest of the line is the text. True. */
static bool
rest_is_text(struct kscan *k, struct klog_record *rec, enum klog_format fmt)
{
	rec->format = fmt;
	set_text(rec, k->p, kscan_left(k), false);
	return true;
}

/* Prefixes after which a dmesg timestamp may follow (syslog, ISO, <PRI>). */
static void
scan_inner_ts(struct kscan *k, struct klog_record *rec, bool keep_time)
{
	int64_t usec;

	if (scan_dmesg_ts(k, &usec)) {
		if (!keep_time)
			set_boot_time(&rec->time, usec);
		(void)kscan_char(k, ' ');
	}
}

/*
 * Digit-led forms: a /dev/kmsg record, ISO 8601 (syslog, or dmesg
 * --time-format iso) and journalctl -o short-unix. True when one matched
 * (rec filled, text set); else k is back at the start of the line.
 */
static bool
parse_digit_led(struct kscan *k, const char *line, size_t len,
                struct klog_record *rec)
{
	struct klog_time t;
	bool dmesg_iso;

	if (scan_kmsg(k, rec)) {
		rec->format = KLOG_FMT_KMSG;
		set_text(rec, k->p, kscan_left(k), true);
		return true;
	}
	if (scan_iso(k, &t, &dmesg_iso)) {
		rec->time = t;
		if (!dmesg_iso)
			(void)scan_host_tag(k, rec, false);
		kscan_spaces(k);
		if (!rec->from_user)
			scan_inner_ts(k, rec, true);
		return rest_is_text(k, rec, KLOG_FMT_ISO);
	}
	/* journalctl -o short-unix */
	if (scan_unix_ts(k, &t) && scan_host_tag(k, rec, false)) {
		rec->time = t;
		return rest_is_text(k, rec, KLOG_FMT_JOURNAL);
	}
	kscan_init(k, line, len);
	return false;
}

/*
 * Date-led forms: syslog ("Nov 29 01:00:04 host tag: ") and journalctl -o
 * short-full. True when one matched (rec filled, text set); a date without
 * host and tag puts k back at the start of the line.
 */
static bool
parse_date_led(struct kscan *k, const char *line, size_t len,
               struct klog_record *rec)
{
	struct klog_time t, clock;

	/* each scan_*_date consumes nothing when it fails */
	if (scan_syslog_date(k, &clock) && scan_host_tag(k, rec, false)) {
		rec->clock = clock;
		if (!rec->from_user)
			scan_inner_ts(k, rec, false);
		return rest_is_text(k, rec, KLOG_FMT_SYSLOG);
	}
	kscan_init(k, line, len);
	/* journalctl -o short-full */
	if (scan_full_date(k, &t, &clock) && scan_host_tag(k, rec, false)) {
		rec->time = t;
		rec->clock = clock;
		return rest_is_text(k, rec, KLOG_FMT_JOURNAL);
	}
	kscan_init(k, line, len);
	return false;
}

/* A "<PRI>" or decoded "kern  :info  : " prefix (dmesg -r / -x, klogctl,
 * forwarded syslog). True when one matched (rec filled, text set). */
static bool
parse_pri_led(struct kscan *k, const char *line, struct klog_record *rec)
{
	if (!scan_pri(k, rec) && !scan_decoded(k, rec))
		return false;
	rec->format = KLOG_FMT_DMESG;
	if (line[0] == '<')
		scan_pri_header(k, rec);
	if (rec->format == KLOG_FMT_DMESG) /* klogctl's own form */
		scan_inner_ts(k, rec, false);
	else if (!rec->from_user)
		scan_inner_ts(k, rec, rec->time.kind != KLOG_TIME_NONE);
	set_text(rec, k->p, kscan_left(k), false);
	return true;
}

/* What is left: a syslogd wall message, dmesg's "[ 5.1] " or -T date,
 * journalctl -o short-monotonic, or a bare line. Sets the text. */
static void
parse_dmesg_led(struct kscan *k, const char *line, size_t len,
                struct klog_record *rec)
{
	int64_t usec;

	/* syslogd wall message: " kernel:[ 1044.858108] text" */
	kscan_spaces(k);
	if (kscan_lit(k, "kernel:")) {
		kscan_spaces(k);
		if (scan_dmesg_ts(k, &usec)) {
			set_boot_time(&rec->time, usec);
			(void)kscan_char(k, ' ');
			(void)rest_is_text(k, rec, KLOG_FMT_DMESG);
			return;
		}
	}
	kscan_init(k, line, len);
	if (scan_dmesg_ts(k, &usec)) {
		rec->format = KLOG_FMT_DMESG;
		set_boot_time(&rec->time, usec);
		/* journalctl -o short-monotonic: "[ 5.1] host tag: text" */
		if (scan_host_tag(k, rec, true))
			rec->format = KLOG_FMT_JOURNAL;
		else
			(void)kscan_char(k, ' ');
	} else if (scan_dmesg_t(k, &rec->time)) {
		rec->format = KLOG_FMT_DMESG_T;
		(void)kscan_char(k, ' ');
	}
	set_text(rec, k->p, kscan_left(k), false);
}

/* Parse one line of any supported form (the clock aside). */
static enum klog_format
parse_line(const char *line, size_t len, struct klog_record *rec)
{
	struct kscan k;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	record_reset(rec);
	kscan_init(&k, line, len);
	if (is_dict(line, len)) {
		rec->format = KLOG_FMT_DICT;
		set_text(rec, line + 1, len - 1, false);
		return rec->format;
	}
	if (len > 0 && line[0] >= '0' && line[0] <= '9' &&
	    parse_digit_led(&k, line, len, rec))
		return rec->format;
	if (parse_date_led(&k, line, len, rec) || parse_pri_led(&k, line, rec))
		return rec->format;
	parse_dmesg_led(&k, line, len, rec);
	return rec->format;
}

/* Parse one line; the clock is the time unless the prefix gave another. */
enum klog_format
klog_parse(const char *line, size_t len, struct klog_record *rec)
{
	parse_line(line, len, rec);
	if (rec->clock.kind == KLOG_TIME_NONE)
		rec->clock = rec->time;
	return rec->format;
}
