/*
 * options.c: command-line parsing (see options.h). Every bad option gives
 * one line naming it; main() prints it and exits 2.
 */
#include "app/options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/prom.h"

enum {
	OPT_JSON = 0x100,
	OPT_EVENTS,
	OPT_KMSG_FILE,
	OPT_THEME,
	OPT_NO_COLOR,
	OPT_NO_PROTECT,
	OPT_READ_ONLY,
	OPT_PROC_ROOT,
	OPT_SYS_ROOT,
	OPT_BOOTS,
	OPT_BOOT,
	OPT_FORMAT,
	OPT_RECORD,
	OPT_DB,
	OPT_RETAIN,
	OPT_MAX_SIZE,
	OPT_NO_CMDLINE,
	OPT_SAMPLES,
	OPT_TEXTFILE,
	OPT_REPORT,
	OPT_SINCE,
	OPT_REPLAY,
	OPT_AT,
	OPT_PROM_TOP,
};

static const struct option long_options[] = {
    {"batch", no_argument, NULL, 'b'},
    {"count", required_argument, NULL, 'n'},
    {"delay", required_argument, NULL, 'd'},
    {"sort", required_argument, NULL, 's'},
    {"user", required_argument, NULL, 'u'},
    {"pid", required_argument, NULL, 'p'},
    {"json", no_argument, NULL, OPT_JSON},
    {"events", no_argument, NULL, OPT_EVENTS},
    {"kmsg-file", required_argument, NULL, OPT_KMSG_FILE},
    {"theme", required_argument, NULL, OPT_THEME},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"no-colour", no_argument, NULL, OPT_NO_COLOR},
    {"no-protect", no_argument, NULL, OPT_NO_PROTECT},
    {"read-only", no_argument, NULL, OPT_READ_ONLY},
    {"proc-root", required_argument, NULL, OPT_PROC_ROOT},
    {"sys-root", required_argument, NULL, OPT_SYS_ROOT},
    {"boots", no_argument, NULL, OPT_BOOTS},
    {"boot", required_argument, NULL, OPT_BOOT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"record", no_argument, NULL, OPT_RECORD},
    {"db", required_argument, NULL, OPT_DB},
    {"retain", required_argument, NULL, OPT_RETAIN},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"no-cmdline", no_argument, NULL, OPT_NO_CMDLINE},
    {"samples", required_argument, NULL, OPT_SAMPLES},
    {"textfile", required_argument, NULL, OPT_TEXTFILE},
    {"report", no_argument, NULL, OPT_REPORT},
    {"since", required_argument, NULL, OPT_SINCE},
    {"replay", no_argument, NULL, OPT_REPLAY},
    {"at", required_argument, NULL, OPT_AT},
    {"prom-top", required_argument, NULL, OPT_PROM_TOP},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The options only some modes take: bit g of opt->given says that
 * given_opts[g] was on the command line. */
enum {
	G_PID,
	G_USER,
	G_SORT,
	G_READ_ONLY,
	G_THEME,
	G_NO_COLOR,
	G_NO_PROTECT,
	G_RETAIN,
	G_MAX_SIZE,
	G_NO_CMDLINE,
	G_SAMPLES,
	G_TEXTFILE,
	G_PROM_TOP,
	G_COUNT
};
#define G_BIT(g) (1u << (g))
/* only --record takes these */
#define G_RECORD_ONLY                                                          \
	(G_BIT(G_RETAIN) | G_BIT(G_MAX_SIZE) | G_BIT(G_NO_CMDLINE) |           \
	 G_BIT(G_SAMPLES) | G_BIT(G_TEXTFILE))
/* --record refuses these: it records every process, draws nothing and
 * acts on nothing (its own oom_score_adj is the unit's) */
#define G_RECORD_REFUSES                                                       \
	(G_BIT(G_PID) | G_BIT(G_USER) | G_BIT(G_SORT) | G_BIT(G_READ_ONLY) |   \
	 G_BIT(G_THEME) | G_BIT(G_NO_COLOR) | G_BIT(G_NO_PROTECT))

static const struct {
	int c;
	const char *name;
} given_opts[G_COUNT] = {
    [G_PID] = {'p', "-p"},
    [G_USER] = {'u', "-u"},
    [G_SORT] = {'s', "-s"},
    [G_READ_ONLY] = {OPT_READ_ONLY, "--read-only"},
    [G_THEME] = {OPT_THEME, "--theme"},
    [G_NO_COLOR] = {OPT_NO_COLOR, "--no-color"},
    [G_NO_PROTECT] = {OPT_NO_PROTECT, "--no-protect"},
    [G_RETAIN] = {OPT_RETAIN, "--retain"},
    [G_MAX_SIZE] = {OPT_MAX_SIZE, "--max-size"},
    [G_NO_CMDLINE] = {OPT_NO_CMDLINE, "--no-cmdline"},
    [G_SAMPLES] = {OPT_SAMPLES, "--samples"},
    [G_TEXTFILE] = {OPT_TEXTFILE, "--textfile"},
    [G_PROM_TOP] = {OPT_PROM_TOP, "--prom-top"},
};

/* Note that option c was given (when it is one of given_opts). */
static void
options_note(struct options *opt, int c)
{
	for (unsigned g = 0; g < G_COUNT; g++)
		if (given_opts[g].c == c)
			opt->given |= G_BIT(g);
}

/* The name of the first option of mask that was given, or NULL. */
static const char *
options_first_given(const struct options *opt, unsigned mask)
{
	for (unsigned g = 0; g < G_COUNT; g++)
		if (opt->given & mask & G_BIT(g))
			return given_opts[g].name;
	return NULL;
}

/* Parse a whole decimal number in [min, max]; 0 on success. */
static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The one message for a bad -d, with the value as given, into err. */
static void
options_bad_delay(const struct options *opt, char *err, size_t err_size)
{
	snprintf(err, err_size,
	         "invalid delay '%.20s' for -d (seconds, 0.1 to 3600)",
	         opt->delay_arg ? opt->delay_arg : "");
}

/*
 * Parse -d SECONDS into milliseconds: digits with an optional '.' and up
 * to 3 more digits (the same in every locale), 0.01 to 3600 (below 0.1
 * only for --record, checked in options_finish).
 */
static int
parse_delay(const char *s, uint32_t *ms)
{
	uint64_t whole = 0, frac = 0;
	int frac_digits = 0, int_digits = 0;

	if (s == NULL)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++, int_digits++) {
		whole = whole * 10 + (uint64_t)(*s - '0');
		if (whole > 3600)
			return -1;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, frac_digits++) {
			if (frac_digits == 3)
				return -1; /* finer than a millisecond */
			frac = frac * 10 + (uint64_t)(*s - '0');
		}
		if (frac_digits == 0)
			return -1;
	}
	if (*s != '\0' || int_digits + frac_digits == 0)
		return -1;
	while (frac_digits++ < 3)
		frac *= 10;
	whole = whole * 1000 + frac;
	if (whole < 10 || whole > 3600000)
		return -1;
	*ms = (uint32_t)whole;
	return 0;
}

/* Parse a comma-separated PID list into opt->pids. */
static int
parse_pids(struct options *opt, const char *arg, char *err, size_t err_size)
{
	char buf[64];
	const char *p = arg, *comma;
	size_t len;
	long v;

	if (*arg == '\0') {
		snprintf(err, err_size, "option -p needs a PID list");
		return -1;
	}
	while (*p) {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len >= sizeof buf) {
			snprintf(err, err_size, "invalid PID list '%.40s'",
			         arg);
			return -1;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		if (parse_long(buf, 1, INT32_MAX, &v) != 0) {
			snprintf(err, err_size, "invalid PID '%.20s'", buf);
			return -1;
		}
		if (opt->npids >= OPTIONS_MAX_PIDS) {
			snprintf(err, err_size, "too many PIDs (at most %d)",
			         OPTIONS_MAX_PIDS);
			return -1;
		}
		opt->pids[opt->npids++] = (int32_t)v;
		p = comma ? comma + 1 : p + len;
		if (comma && *p == '\0') {
			snprintf(err, err_size, "invalid PID list '%.40s'",
			         arg);
			return -1;
		}
	}
	return 0;
}

/* A --boot value: "0", "-N" (up to 4 digits), or 32 hex digits. */
static bool
boot_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (strcmp(s, "0") == 0)
		return true;
	if (s[0] == '-' && n >= 2 && n <= 5 && s[1] != '0') {
		for (i = 1; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		return i == n;
	}
	for (i = 0; i < n && strchr("0123456789abcdefABCDEF", s[i]); i++)
		;
	return n == 32 && i == n;
}

/* --format text|json|openmetrics (--json and the mode are checked in
 * options_format_finish). */
static int
parse_format(struct options *opt, const char *arg, char *err, size_t err_size)
{
	static const char *const names[] = {"text", "json", "openmetrics"};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(arg, names[i]) == 0) {
			opt->format = (enum options_format)i;
			opt->format_given = true;
			return 0;
		}
	}
	snprintf(err, err_size,
	         "unknown format '%.20s' for --format (text, json, "
	         "openmetrics)",
	         arg);
	return -1;
}

/* --json and --format together: --json is --format json; openmetrics is
 * for --batch only, and --prom-top for it and --record --textfile. 0, or
 * -1 with a message in err. */
static int
options_format_finish(struct options *opt, bool batch, bool events, char *err,
                      size_t err_size)
{
	if (opt->json && opt->format_given &&
	    opt->format != OPTIONS_FORMAT_JSON) {
		snprintf(err, err_size, "--json and --format do not agree");
		return -1;
	}
	if (opt->json)
		opt->format = OPTIONS_FORMAT_JSON;
	opt->json = opt->format == OPTIONS_FORMAT_JSON;
	if (opt->format == OPTIONS_FORMAT_OPENMETRICS && !batch) {
		snprintf(err, err_size, "--format openmetrics needs --batch");
		return -1;
	}
	if (opt->format_given && !batch && !events) {
		snprintf(err, err_size, "--format needs --batch or --events");
		return -1;
	}
	if ((opt->given & G_BIT(G_PROM_TOP)) &&
	    !(batch && opt->format == OPTIONS_FORMAT_OPENMETRICS) &&
	    !(opt->mode == OPTIONS_RECORD && opt->textfile_dir != NULL)) {
		snprintf(err, err_size,
		         "--prom-top needs --batch --format openmetrics or "
		         "--record --textfile");
		return -1;
	}
	return 0;
}

/* Name the option getopt stopped at, for an error message. */
static const char *
bad_option_name(char **argv, int index, char *buf, size_t size)
{
	const char *a = argv[index > 0 ? index - 1 : 0];

	snprintf(buf, size, "%.60s", a ? a : "?");
	return buf;
}

/* A string option that may not be empty: 0 and *out, or -1 with err
 * saying the option needs what. */
static int
option_nonempty(const char *arg, const char **out, const char *option,
                const char *what, char *err, size_t err_size)
{
	if (*arg == '\0') {
		snprintf(err, err_size, "option %s needs %s", option, what);
		return -1;
	}
	*out = arg;
	return 0;
}

/*
 * Parse a number with a unit suffix from units (a string of letters, each
 * with its factor in mult; a bare number takes bare) into *out, within
 * [min, max]: 0, or -1.
 */
static int
parse_unit(const char *s, const char *units, const int64_t *mult, int64_t bare,
           int64_t min, int64_t max, int64_t *out)
{
	char *end;
	const char *u;
	long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	if (*end == '\0') {
		if (v > max / bare)
			return -1;
		v *= bare;
	} else {
		u = strchr(units, *end);
		if (u == NULL || end[1] != '\0' || v > max / mult[u - units])
			return -1;
		v *= mult[u - units];
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* --report's and --replay's options with a value (--since DUR|boot,
 * --at TIME): 0, -1 with a message, or 1 when c is neither. */
static int
option_report_value(struct options *opt, int c, const char *arg, char *err,
                    size_t err_size)
{
	static const int64_t dur_ms[] = {1000, 60000, 3600000, 86400000,
	                                 604800000};
	int rc;

	if (c == OPT_AT) {
		opt->at = arg;
		if ((rc = replay_at_parse(arg, &opt->at_)) == 0)
			return 0;
		snprintf(err, err_size,
		         rc == -2 ? "invalid date '%.40s' for --at: the "
		                    "calendar has no such day"
		                  : "invalid time '%.40s' for --at (2026-12-03 "
		                    "03:12, -2h: units s m h d w; or boot)",
		         arg);
		return -1;
	}
	if (c != OPT_SINCE)
		return 1;
	opt->since = arg;
	if (strcmp(arg, "boot") == 0) {
		opt->since_boot = true;
		return 0;
	}
	if (parse_unit(arg, "smhdw", dur_ms, 1000, 1000, 3650 * 86400000LL,
	               &opt->since_ms) == 0)
		return 0;
	snprintf(err, err_size,
	         "invalid window '%.20s' for --since (30m, 24h, 7d: units s "
	         "m h d w; 30 alone is seconds; or boot)",
	         arg);
	return -1;
}

/* --report's rules and defaults once all options are read: 0, or -1
 * with a message in err. other: --record, --batch or --events given. */
static int
options_report_finish(struct options *opt, bool other, char *err,
                      size_t err_size)
{
	if (!opt->report) {
		if (opt->since == NULL)
			return 0;
		snprintf(err, err_size, "--since needs --report");
		return -1;
	}
	if (other) {
		snprintf(err, err_size,
		         "--report does not go with --record, --boots, "
		         "--batch or --events");
		return -1;
	}
	if (opt->npids || opt->user || opt->sort_given || opt->kmsg_file ||
	    opt->proc_root || opt->sys_root) {
		snprintf(err, err_size,
		         "--report reads the record only: not -p, -u, -s, "
		         "--kmsg-file, --proc-root or --sys-root");
		return -1;
	}
	opt->mode = OPTIONS_REPORT;
	if (opt->since == NULL) {
		opt->since = "24h";
		opt->since_ms = 24 * 3600000LL;
	}
	return 0;
}

/* The recorder's options with a value (--db --retain --max-size
 * --samples): 0, -1 with a message, or 1 when c is none of them. */
static int
option_record_value(struct options *opt, int c, const char *arg, char *err,
                    size_t err_size)
{
	static const int64_t dur_ms[] = {1000, 60000, 3600000, 86400000,
	                                 604800000};
	static const int64_t size_b[] = {1024, 1024, 1 << 20, 1 << 30};

	switch (c) {
	case OPT_DB:
		return option_nonempty(arg, &opt->db_path, "--db", "a path",
		                       err, err_size);
	case OPT_TEXTFILE:
		return option_nonempty(arg, &opt->textfile_dir, "--textfile",
		                       "a directory", err, err_size);
	case OPT_RETAIN:
		if (parse_unit(arg, "smhdw", dur_ms, 1000, 3600000,
		               3650 * 86400000LL, &opt->retain_ms) == 0)
			return 0;
		snprintf(err, err_size,
		         "invalid duration '%.20s' for --retain (1h to 3650d, "
		         "units s m h d w; 7200 alone is seconds)",
		         arg);
		return -1;
	case OPT_MAX_SIZE:
		if (parse_unit(arg, "kKMG", size_b, 1, 1 << 20, INT64_MAX / 2,
		               &opt->max_size_bytes) == 0)
			return 0;
		snprintf(err, err_size,
		         "invalid size '%.20s' for --max-size (at least 1M; "
		         "units k M G)",
		         arg);
		return -1;
	case OPT_SAMPLES:
		if (parse_long(arg, 1, 100000000, &opt->samples) == 0)
			return 0;
		snprintf(err, err_size, "invalid count '%.20s' for --samples",
		         arg);
		return -1;
	case OPT_PROM_TOP:
		if (parse_long(arg, 0, OPTIONS_PROM_TOP_MAX, &opt->prom_top) ==
		    0)
			return 0;
		snprintf(err, err_size,
		         "invalid count '%.20s' for --prom-top (0 to %d)", arg,
		         OPTIONS_PROM_TOP_MAX);
		return -1;
	default:
		return option_report_value(opt, c, arg, err, err_size);
	}
}

/*
 * Apply one option that takes a value (-n -d -s -u -p --kmsg-file --theme
 * --proc-root --sys-root): 0, -1 with a message in err when the value is bad,
 * or 1 when c is not such an option.
 */
static int
option_value(struct options *opt, int c, const char *arg, char *err,
             size_t err_size)
{
	switch (c) {
	case 'n':
		if (parse_long(arg, 1, 1000000, &opt->count) == 0)
			return 0;
		snprintf(err, err_size,
		         "invalid count '%.20s' for -n (a whole number from 1)",
		         arg);
		return -1;
	case 'd':
		opt->delay_arg = arg;
		if (parse_delay(arg, &opt->delay_ms) == 0) {
			opt->delay_given = true;
			opt->delay_fast = opt->delay_ms < 100;
			return 0;
		}
		options_bad_delay(opt, err, err_size);
		return -1;
	case 's':
		if (rank_key_parse(arg, &opt->sort) == 0) {
			opt->sort_given = true;
			return 0;
		}
		snprintf(err, err_size,
		         "unknown sort column '%.20s' (oom, adj, rss, anon, "
		         "file, shm, swap, pid, user, name, cgroup, growth, "
		         "trend)",
		         arg);
		return -1;
	case 'u':
		return option_nonempty(arg, &opt->user, "-u",
		                       "a user name or uid", err, err_size);
	case 'p':
		return parse_pids(opt, arg, err, err_size);
	case OPT_KMSG_FILE:
		return option_nonempty(arg, &opt->kmsg_file, "--kmsg-file",
		                       "a file", err, err_size);
	case OPT_THEME:
		return option_nonempty(arg, &opt->theme, "--theme",
		                       "a name or file", err, err_size);
	case OPT_PROC_ROOT:
		opt->proc_root = arg;
		return 0;
	case OPT_SYS_ROOT:
		opt->sys_root = arg;
		return 0;
	case OPT_BOOT:
		if (boot_valid(arg)) {
			opt->boot = arg;
			return 0;
		}
		snprintf(err, err_size,
		         "invalid boot '%.40s' for --boot (0, -1, -2, .. or a "
		         "boot id of 32 hex digits)",
		         arg);
		return -1;
	case OPT_FORMAT:
		return parse_format(opt, arg, err, err_size);
	default:
		return option_record_value(opt, c, arg, err, err_size);
	}
}

/* Apply one option without a value; false when c is not one. */
static bool
option_flag(struct options *opt, int c, bool *batch, bool *events)
{
	switch (c) {
	case OPT_RECORD:
		opt->mode_clash |= opt->mode == OPTIONS_BOOTS;
		opt->mode = OPTIONS_RECORD;
		return true;
	case OPT_NO_CMDLINE:
		opt->no_cmdline = true;
		return true;
	case OPT_BOOTS:
		opt->mode_clash |= opt->mode == OPTIONS_RECORD;
		opt->mode = OPTIONS_BOOTS;
		return true;
	case OPT_REPORT:
		opt->report = true;
		return true;
	case OPT_REPLAY:
		opt->replay = true;
		return true;
	case 'b':
		*batch = true;
		return true;
	case OPT_EVENTS:
		*events = true;
		return true;
	case OPT_JSON:
		opt->json = true;
		return true;
	case OPT_NO_COLOR:
		opt->no_color = true;
		return true;
	case OPT_NO_PROTECT:
		opt->no_protect = true;
		return true;
	case OPT_READ_ONLY:
		opt->read_only = true;
		return true;
	default:
		return false;
	}
}

/* --replay's rules, once all options are read: 0, or -1 with a message
 * in err. other: another mode was given. */
static int
options_replay_finish(struct options *opt, bool other, char *err,
                      size_t err_size)
{
	if (!opt->replay) {
		if (opt->at == NULL)
			return 0;
		snprintf(err, err_size, "--at needs --replay");
		return -1;
	}
	if (other) {
		snprintf(err, err_size,
		         "--replay does not go with --batch, --events, "
		         "--record, --report or --boots");
		return -1;
	}
	if (opt->proc_root || opt->sys_root || opt->kmsg_file) {
		snprintf(err, err_size,
		         "--replay shows the record: not --proc-root, "
		         "--sys-root or --kmsg-file");
		return -1;
	}
	opt->mode = OPTIONS_REPLAY;
	return 0;
}

/* The recorder's rules and defaults, once all options are read: 0, or
 * -1 with a message in err. other: --batch or --events was given. */
static int
options_record_finish(struct options *opt, bool other, char *err,
                      size_t err_size)
{
	bool rec = opt->mode == OPTIONS_RECORD;
	const char *only = options_first_given(opt, G_RECORD_ONLY);
	const char *refused = options_first_given(opt, G_RECORD_REFUSES);

	if (rec && other) {
		snprintf(err, err_size,
		         "--record does not go with --batch or --events");
		return -1;
	}
	if (rec && refused != NULL) {
		snprintf(err, err_size,
		         "--record does not take %s: it records every process, "
		         "draws nothing and acts on nothing",
		         refused);
		return -1;
	}
	if (!rec && opt->db_path && other) {
		snprintf(err, err_size,
		         "--db goes with the dashboard, --record, --report or "
		         "--replay, not --batch or --events");
		return -1;
	}
	if (!rec && only != NULL) {
		snprintf(err, err_size, "%s needs --record", only);
		return -1;
	}
	if (!rec && opt->delay_fast) {
		options_bad_delay(opt, err, err_size);
		return -1;
	}
	if (rec && !opt->delay_given)
		opt->delay_ms = 10000;
	if (rec && opt->retain_ms == 0)
		opt->retain_ms = 7 * 86400000LL;
	return 0;
}

/* The mode and the rules between options, once all are read: 0, or -1
 * with a message in err. */
static int
options_finish(struct options *opt, bool batch, bool events, char *err,
               size_t err_size)
{
	if (batch && events) {
		snprintf(err, err_size,
		         "--batch and --events do not go together");
		return -1;
	}
	if (opt->mode_clash) {
		snprintf(err, err_size,
		         "--record and --boots do not go together");
		return -1;
	}
	if (options_replay_finish(opt,
	                          batch || events || opt->report ||
	                              opt->mode != OPTIONS_DASHBOARD,
	                          err, err_size) < 0 ||
	    options_report_finish(opt,
	                          batch || events ||
	                              opt->mode == OPTIONS_RECORD ||
	                              opt->mode == OPTIONS_BOOTS,
	                          err, err_size) < 0 ||
	    options_record_finish(opt, batch || events, err, err_size) < 0)
		return -1;
	if (opt->mode == OPTIONS_BOOTS && (batch || events)) {
		snprintf(err, err_size,
		         "--boots goes with neither --batch nor "
		         "--events (--events --boot N: a boot's "
		         "events)");
		return -1;
	}
	if (opt->boot != NULL && (!events || opt->kmsg_file != NULL)) {
		snprintf(err, err_size,
		         "--boot needs --events, and reads the journal, the "
		         "boot's pstore dumps or (boot 0) the kernel log, "
		         "not --kmsg-file");
		return -1;
	}
	if (batch)
		opt->mode = OPTIONS_BATCH;
	else if (events)
		opt->mode = OPTIONS_EVENTS;
	if (options_format_finish(opt, batch, events, err, err_size) != 0)
		return -1;
	if (opt->json && !batch && !events && opt->mode != OPTIONS_BOOTS &&
	    !opt->report) {
		snprintf(err, err_size,
		         "--json needs --batch, --events, --boots or --report");
		return -1;
	}
	if (opt->count && !batch) {
		snprintf(err, err_size, "-n needs --batch");
		return -1;
	}
	if (opt->count == 0)
		opt->count = 1;
	if (batch && opt->sort_given &&
	    (opt->sort == RANK_GROWTH || opt->sort == RANK_TREND)) {
		snprintf(
		    err, err_size,
		    "-s %s works in the dashboard only (--batch --json -n 2 "
		    "or more reports trends)",
		    rank_key_name(opt->sort));
		return -1;
	}
	return 0;
}

/* Parse argv into opt (see options.h). */
int
options_parse(struct options *opt, int argc, char **argv,
              const char *no_color_env, char *err, size_t err_size)
{
	char name[64];
	int c, idx, rc;
	bool batch = false, events = false;

	memset(opt, 0, sizeof *opt);
	opt->delay_ms = 1000;
	opt->sort = RANK_OOM;
	opt->prom_top = PROM_TOP_DEFAULT;
	if (no_color_env != NULL && *no_color_env != '\0')
		opt->no_color = true;
	opterr = 0;
	optind = 0; /* GNU: full reset, so tests may parse repeatedly */
	while ((c = getopt_long(argc, argv, ":bn:d:s:u:p:hV", long_options,
	                        &idx)) != -1) {
		if (c == 'h' || c == 'V') {
			opt->mode = c == 'h' ? OPTIONS_HELP : OPTIONS_VERSION;
			return 0;
		}
		if (option_flag(opt, c, &batch, &events)) {
			options_note(opt, c);
			continue;
		}
		rc = option_value(opt, c, optarg, err, err_size);
		if (rc <= 0) {
			if (rc < 0)
				return -1;
			options_note(opt, c);
			continue;
		}
		bad_option_name(argv, optind, name, sizeof name);
		if (c == ':')
			snprintf(err, err_size, "option '%s' needs a value",
			         name);
		else
			snprintf(err, err_size,
			         "unknown option '%s' (see --help)", name);
		return -1;
	}
	if (optind < argc) {
		snprintf(err, err_size,
		         "unexpected argument '%.60s' (see --help)",
		         argv[optind]);
		return -1;
	}
	return options_finish(opt, batch, events, err, err_size);
}
