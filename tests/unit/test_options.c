/* Unit tests for app/options.c: good and bad command lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <cmocka.h>

#include "app/options.h"
#include "optfix.h"

static void
test_batch_defaults(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("-b"), 0);
	assert_int_equal(o.mode, OPTIONS_BATCH);
	assert_int_equal(o.count, 1);
	assert_int_equal(o.delay_ms, 1000);
	assert_int_equal(o.sort, RANK_OOM);
	assert_false(o.sort_given);
	assert_false(o.json);
	assert_null(o.user);
	assert_int_equal(o.npids, 0);
	assert_int_equal(PARSE(""), -1); /* an empty argument */
}

static void
test_batch_full(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--batch", "-n", "3", "-d", "0.25", "--json",
	                       "-s", "rss", "-u", "root", "-p", "1,22,333",
	                       "--proc-root", "/tmp/x", "--sys-root", "/tmp/y"),
	                 0);
	assert_int_equal(o.mode, OPTIONS_BATCH);
	assert_int_equal(o.count, 3);
	assert_int_equal(o.delay_ms, 250);
	assert_true(o.json);
	assert_int_equal(o.sort, RANK_RSS);
	assert_true(o.sort_given);
	assert_string_equal(o.user, "root");
	assert_int_equal(o.npids, 3);
	assert_int_equal(o.pids[2], 333);
	assert_string_equal(o.proc_root, "/tmp/x");
	assert_string_equal(o.sys_root, "/tmp/y");
	assert_int_equal(PARSE("-b", "-p", "5", "-p", "6"), 0);
	assert_int_equal(o.npids, 2);
	/* the dashboard sorts by its history */
	assert_int_equal(PARSE("-s", "growth"), 0);
	assert_int_equal(o.sort, RANK_GROWTH);
}

static void
test_bad_options(void **state)
{
	struct options o;
	char err[256];
	static const char *const bad[][4] = {
	    {"-b", "-n", "0", NULL},
	    {"-b", "-n", "x", NULL},
	    {"-b", "-n", "-1", NULL},
	    {"-b", "-d", "0", NULL},
	    {"-b", "-d", "abc", NULL},
	    {"-b", "-d", "inf", NULL},
	    {"-b", "-s", "bogus", NULL},
	    {"-b", "-s", "growth", NULL},
	    {"-b", "-s", "trend", NULL},
	    {"-b", "-p", "1,,2", NULL},
	    {"-b", "-p", "0", NULL},
	    {"-b", "-p", "1,", NULL},
	    {"-b", "-p", "99999999999", NULL},
	    {"-b", "-u", "", NULL},
	    {"-b", "--bogus", NULL, NULL},
	    {"-b", "-n", NULL, NULL},
	    {"--json", NULL, NULL, NULL},
	    {"-n", "2", NULL, NULL},
	    {"-b", "--events", NULL, NULL},
	    {"-b", "stray", NULL, NULL},
	    {"-b", "-d", "0,5", NULL},
	    {"-b", "-d", "1e3", NULL},
	    {"-b", "-d", "0x10", NULL},
	    {"-b", "-d", "0.0005", NULL},
	    {"-b", "-d", "0.05", NULL},
	    {"-b", "-d", "3600.001", NULL},
	    {"-b", "-d", "5.", NULL},
	    {"-b", "-d", "", NULL},
	    {"-b", "-d", "-1", NULL},
	    {"-b", "-d", " 1", NULL},
	    {"-b", "-d", "99999999999999999999", NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(optfix_parse(&o, err, bad[i]), -1);
		/* one line, non-empty */
		assert_true(strlen(err) > 0);
		assert_null(strchr(err, '\n'));
	}
}

/* -d takes plain decimals in every locale, to the millisecond. */
static void
test_delay_values(void **state)
{
	struct options o;
	char err[256];
	static const struct {
		const char *arg;
		uint32_t ms;
	} ok[] = {{"0.5", 500},  {".5", 500},          {"2", 2000},
	          {"0.1", 100},  {"3600", 3600000},    {"1.234", 1234},
	          {"007", 7000}, {"3600.000", 3600000}};
	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(PARSE("-b", "-d", ok[i].arg), 0);
		assert_int_equal(o.delay_ms, ok[i].ms);
	}
}

static void
test_help_version(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--help"), 0);
	assert_int_equal(o.mode, OPTIONS_HELP);
	assert_int_equal(PARSE("-V"), 0);
	assert_int_equal(o.mode, OPTIONS_VERSION);
	assert_non_null(strstr(options_usage(), "--batch"));
}

/* --boots [--json], --events --boot BOOT, and what they refuse. */
static void
test_boots_options(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--boots"), 0);
	assert_int_equal(o.mode, OPTIONS_BOOTS);
	assert_int_equal(PARSE("--boots", "--json"), 0);
	assert_true(o.json);
	assert_int_equal(PARSE("--events", "--boot", "-1"), 0);
	assert_int_equal(o.mode, OPTIONS_EVENTS);
	assert_string_equal(o.boot, "-1");
	assert_int_equal(PARSE("--events", "--boot", "0"), 0);
	assert_int_equal(
	    PARSE("--events", "--boot", "0123456789abcdef0123456789ABCDEF"), 0);
	assert_int_equal(PARSE("--boots", "--batch"), -1);
	assert_int_equal(PARSE("--boots", "--events"), -1);
	assert_int_equal(PARSE("--boot", "-1"), -1);
	assert_non_null(strstr(err, "--boot needs --events"));
	assert_int_equal(PARSE("--events", "--boot", "-1", "--kmsg-file", "f"),
	                 -1);
	assert_int_equal(PARSE("--events", "--boot", "1"), -1);
	assert_int_equal(PARSE("--events", "--boot", "-0"), -1);
	assert_int_equal(PARSE("--events", "--boot", "-12345"), -1);
	assert_int_equal(PARSE("--events", "--boot", "0123456789abcdef"), -1);
	assert_int_equal(PARSE("--events", "--boot", "-1; rm"), -1);
	assert_non_null(strstr(err, "invalid boot"));
	assert_non_null(strstr(options_usage(), "--boots"));
}

static void
test_format(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("-b"), 0);
	assert_int_equal(o.format, OPTIONS_FORMAT_TEXT);
	assert_int_equal(PARSE("-b", "--format", "openmetrics"), 0);
	assert_int_equal(o.format, OPTIONS_FORMAT_OPENMETRICS);
	assert_false(o.json);
	/* --json is --format json, either way round */
	assert_int_equal(PARSE("-b", "--format", "json"), 0);
	assert_true(o.json);
	assert_int_equal(PARSE("-b", "--json"), 0);
	assert_int_equal(o.format, OPTIONS_FORMAT_JSON);
	assert_int_equal(PARSE("-b", "--json", "--format", "json"), 0);
	assert_int_equal(PARSE("--events", "--format", "json"), 0);
	assert_true(o.json);
	assert_int_equal(PARSE("-b", "--format", "text"), 0);
	assert_false(o.json);
	/* bad: unknown, disagreeing, openmetrics outside --batch */
	assert_int_equal(PARSE("-b", "--format", "yaml"), -1);
	assert_non_null(strstr(err, "yaml"));
	assert_int_equal(PARSE("-b", "--json", "--format", "openmetrics"), -1);
	assert_int_equal(PARSE("-b", "--format", "text", "--json"), -1);
	assert_int_equal(PARSE("--events", "--format", "openmetrics"), -1);
	assert_non_null(strstr(err, "--batch"));
	assert_int_equal(PARSE("--format", "json"), -1);
	assert_int_equal(PARSE("-b", "--format"), -1);
}

/* --report: --since (durations, boot, default 24h), --db and --json go
 * with it; --since without --report and --report with another mode are
 * refused. */
static void
test_report(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(PARSE("--report"), 0);
	assert_int_equal(o.mode, OPTIONS_REPORT);
	assert_int_equal(o.since_ms, 24 * 3600000LL);
	assert_string_equal(o.since, "24h");
	assert_false(o.json);
	assert_int_equal(
	    PARSE("--report", "--since", "30m", "--json", "--db", "/x/h.db"),
	    0);
	assert_int_equal(o.since_ms, 30 * 60000LL);
	assert_true(o.json);
	assert_string_equal(o.db_path, "/x/h.db");
	assert_int_equal(PARSE("--since", "7d", "--report"), 0);
	assert_int_equal(o.since_ms, 7 * 86400000LL);
	assert_false(o.since_boot);
	assert_int_equal(PARSE("--report", "--since", "boot"), 0);
	assert_true(o.since_boot);
	assert_string_equal(o.since, "boot");
	assert_int_equal(PARSE("--report", "--since", "2y"), -1);
	assert_non_null(strstr(err, "--since"));
	assert_int_equal(PARSE("--report", "--since", "0s"), -1);
	assert_int_equal(PARSE("--report", "--since", ""), -1);
	assert_int_equal(PARSE("--since", "1h"), -1);
	assert_string_equal(err, "--since needs --report");
	assert_int_equal(PARSE("--report", "--record"), -1);
	assert_non_null(strstr(err, "--report does not go"));
	assert_int_equal(PARSE("--record", "--report"), -1);
	assert_int_equal(PARSE("-b", "--report"), -1);
	assert_int_equal(PARSE("--report", "--events"), -1);
	assert_int_equal(PARSE("--report", "--retain", "2d"), -1);
	assert_int_equal(PARSE("--json"), -1);
}

/* --db goes with the dashboard (it reads the record) and --record, not
 * with --batch or --events; --retain still needs --record. */
static void
test_db_dashboard(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--db", "/tmp/h.db"), 0);
	assert_int_equal(o.mode, OPTIONS_DASHBOARD);
	assert_string_equal(o.db_path, "/tmp/h.db");
	assert_int_equal(PARSE("--record", "--db", "/tmp/h.db"), 0);
	assert_int_equal(PARSE("-b", "--db", "/tmp/h.db"), -1);
	assert_non_null(strstr(err, "--db"));
	assert_int_equal(PARSE("--events", "--db", "/tmp/h.db"), -1);
	assert_int_equal(PARSE("--db", "/tmp/h.db", "--retain", "2d"), -1);
}

/* --replay: --at (absolute, relative, boot) and --db go with it; --at
 * needs it; no other mode, no fixture tree, no recorder option. */
static void
test_replay(void **state)
{
	static const char *const bad[] = {"2h",
	                                  "-2",
	                                  "-h",
	                                  "-2y",
	                                  "-0m",
	                                  "2026-12-03",
	                                  "2026-13-03 03:12",
	                                  "2026-12-03 24:00",
	                                  "2026-12-03 03:12:60",
	                                  "2026-12-03 3:12",
	                                  "2026-12-03 03:12 ",
	                                  "yesterday",
	                                  "",
	                                  "-99999999999w"};
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--replay"), 0);
	assert_int_equal(o.mode, OPTIONS_REPLAY);
	assert_int_equal(o.at_.kind, REPLAY_AT_NEWEST);
	assert_int_equal(
	    PARSE("--replay", "--at", "2026-12-03 03:12", "--db", "/x/h.db"),
	    0);
	assert_int_equal(o.at_.kind, REPLAY_AT_TIME);
	assert_int_equal(o.at_.year, 2026);
	assert_int_equal(o.at_.mon, 12);
	assert_int_equal(o.at_.day, 3);
	assert_int_equal(o.at_.hour, 3);
	assert_int_equal(o.at_.min, 12);
	assert_int_equal(o.at_.sec, 0);
	assert_string_equal(o.db_path, "/x/h.db");
	assert_int_equal(PARSE("--at", "2026-12-03T03:12:40", "--replay"), 0);
	assert_int_equal(o.at_.sec, 40);
	assert_int_equal(PARSE("--replay", "--at", "-2h"), 0);
	assert_int_equal(o.at_.kind, REPLAY_AT_AGO);
	assert_int_equal(o.at_.ago_ms, 2 * 3600000LL);
	assert_int_equal(PARSE("--replay", "--at", "-90s"), 0);
	assert_int_equal(o.at_.ago_ms, 90000);
	assert_int_equal(PARSE("--replay", "--at", "boot"), 0);
	assert_int_equal(o.at_.kind, REPLAY_AT_BOOT);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(PARSE("--replay", "--at", bad[i]), -1);
		assert_non_null(strstr(err, "--at"));
	}
	assert_int_equal(PARSE("--at", "-2h"), -1);
	assert_string_equal(err, "--at needs --replay");
	assert_int_equal(PARSE("--replay", "--record"), -1);
	assert_non_null(strstr(err, "--replay does not go"));
	assert_int_equal(PARSE("--replay", "-b"), -1);
	assert_int_equal(PARSE("--events", "--replay"), -1);
	assert_int_equal(PARSE("--replay", "--report"), -1);
	assert_int_equal(PARSE("--boots", "--replay"), -1);
	assert_int_equal(PARSE("--replay", "--retain", "2d"), -1);
	assert_int_equal(PARSE("--replay", "--since", "2h"), -1);
	assert_int_equal(PARSE("--replay", "--json"), -1);
	assert_int_equal(PARSE("--replay", "--proc-root", "/tmp"), -1);
	assert_non_null(strstr(err, "--proc-root"));
	assert_int_equal(PARSE("--replay", "--kmsg-file", "/tmp/k"), -1);
}

/* replay_at_ms: a local time through mktime (UTC here), a relative time
 * from now, and a date that does not exist. */
static void
test_replay_at_ms(void **state)
{
	struct replay_at a;
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(replay_at_parse("2027-01-15 08:00:30", &a), 0);
	assert_int_equal(replay_at_ms(&a, 0), 1800000030000LL);
	assert_int_equal(replay_at_parse("-1m", &a), 0);
	assert_int_equal(replay_at_ms(&a, 1800000000000LL), 1799999940000LL);
	assert_int_equal(replay_at_parse("2026-02-31 00:00", &a), -2);
	assert_int_equal(replay_at_parse("boot", &a), 0);
	assert_int_equal(replay_at_ms(&a, 0), -1);
}

/* --at: a date of the form that the calendar does not have is refused
 * as an invalid date (mktime would roll it into the next month), in
 * every time zone; leap days only in leap years. */
static void
test_replay_at_calendar(void **state)
{
	static const char *const tz[] = {"UTC", "America/New_York",
	                                 "Pacific/Kiritimati"};
	static const char *const no_day[] = {
	    "2026-02-31 10:00", "2026-02-29 00:00", "2027-02-29 12:00:00",
	    "2026-04-31 10:00", "2026-06-31T23:59", "2100-02-29 10:00"};
	static const char *const ok[] = {"2028-02-29 10:00", "2000-02-29 00:00",
	                                 "2026-12-31 23:59:59",
	                                 "2026-01-31 00:00"};
	struct options o;
	struct replay_at a;
	char err[256];

	(void)state;
	for (size_t z = 0; z < sizeof tz / sizeof tz[0]; z++) {
		setenv("TZ", tz[z], 1);
		tzset();
		for (size_t i = 0; i < sizeof no_day / sizeof no_day[0]; i++)
			assert_int_equal(replay_at_parse(no_day[i], &a), -2);
		for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			assert_int_equal(replay_at_parse(ok[i], &a), 0);
			assert_true(replay_at_ms(&a, 0) > 0);
		}
	}
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(PARSE("--replay", "--at", "2026-02-31 10:00"), -1);
	assert_string_equal(err, "invalid date '2026-02-31 10:00' for --at: "
	                         "the calendar has no such day");
	assert_int_equal(PARSE("--replay", "--at", "2026-02-3 10:00"), -1);
	assert_non_null(strstr(err, "invalid time '2026-02-3 10:00'"));
}

/* Every bad -d says its value the same way: a value -d never takes,
 * and one under 0.1 s outside --record (which takes it, for tests). */
static void
test_delay_messages(void **state)
{
	static const char *const bad[] = {"0",   "-1",     "0.01",  "0.05",
	                                  "abc", "3600.5", "0.0005"};
	struct options o;
	char err[256], want[128];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(want, sizeof want,
		         "invalid delay '%s' for -d (seconds, 0.1 to 3600)",
		         bad[i]);
		assert_int_equal(PARSE("-d", bad[i]), -1);
		assert_string_equal(err, want);
		assert_int_equal(PARSE("-b", "-d", bad[i]), -1);
		assert_string_equal(err, want);
		assert_int_equal(PARSE("--replay", "-d", bad[i]), -1);
		assert_string_equal(err, want);
	}
	assert_int_equal(PARSE("--record", "-d", "0.05"), 0);
	assert_int_equal(o.delay_ms, 50);
}

/* Modes that do not go together, and options a mode does not take, are
 * refused naming them (never silently ignored). */
static void
test_mode_rules(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(PARSE("--report", "--boots"), -1);
	assert_non_null(strstr(err, "--boots"));
	assert_int_equal(PARSE("--boots", "--report"), -1);
	assert_int_equal(PARSE("--record", "--boots"), -1);
	assert_string_equal(err, "--record and --boots do not go together");
	assert_int_equal(PARSE("--boots", "--record"), -1);
	assert_int_equal(PARSE("--report", "-p", "1"), -1);
	assert_non_null(strstr(err, "-p, -u, -s"));
	assert_int_equal(PARSE("--report", "-s", "rss"), -1);
	assert_int_equal(PARSE("--report", "--kmsg-file", "/x"), -1);
	assert_int_equal(PARSE("-b", "--db", "/x.db"), -1);
	assert_string_equal(err, "--db goes with the dashboard, --record, "
	                         "--report or --replay, not --batch or "
	                         "--events");
	assert_int_equal(PARSE("--report", "--retain", "1d"), -1);
	assert_string_equal(err, "--retain needs --record");
	assert_int_equal(PARSE("--samples", "3"), -1);
	assert_string_equal(err, "--samples needs --record");
	assert_int_equal(PARSE("--textfile", "/d"), -1);
	assert_string_equal(err, "--textfile needs --record");
}

/* --record refuses, by name, every option it would ignore: a user who
 * runs --record -u postgres must not believe only postgres is recorded. */
static void
test_record_refuses(void **state)
{
	static const char *const refused[][3] = {
	    {"-p", "1", "-p"},
	    {"-u", "nobody", "-u"},
	    {"--user", "postgres", "-u"},
	    {"-s", "rss", "-s"},
	    {"--read-only", NULL, "--read-only"},
	    {"--theme", "mono", "--theme"},
	    {"--no-color", NULL, "--no-color"},
	    {"--no-colour", NULL, "--no-color"},
	    {"--no-protect", NULL, "--no-protect"},
	};
	struct options o;
	char err[256], want[64];
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		const char *const *a = refused[i];

		assert_int_equal(a[1] ? PARSE("--record", a[0], a[1])
		                      : PARSE("--record", a[0]),
		                 -1);
		snprintf(want, sizeof want, "--record does not take %s:", a[2]);
		assert_non_null(strstr(err, want));
		/* either way round */
		assert_int_equal(a[1] ? PARSE(a[0], a[1], "--record")
		                      : PARSE(a[0], "--record"),
		                 -1);
		assert_non_null(strstr(err, want));
	}
	assert_string_equal(err, "--record does not take --no-protect: it "
	                         "records every process, draws nothing and "
	                         "acts on nothing");
	/* what it takes is still taken; NO_COLOR in the environment is no
	 * option given */
	assert_int_equal(PARSE("--record", "-d", "5", "--db", "/x.db",
	                       "--retain", "2d", "--max-size", "10M",
	                       "--no-cmdline", "--samples", "3", "--textfile",
	                       "/d", "--kmsg-file", "/k", "--proc-root", "/p",
	                       "--sys-root", "/s"),
	                 0);
	assert_int_equal(o.mode, OPTIONS_RECORD);
	assert_int_equal(options_parse(&o, 2,
	                               (char *[]){"oomwatch", "--record", NULL},
	                               "1", err, sizeof err),
	                 0);
	assert_true(o.no_color);
	/* the other modes still take them */
	assert_int_equal(PARSE("-b", "-u", "nobody", "-p", "1", "-s", "rss"),
	                 0);
	assert_int_equal(PARSE("--read-only", "--theme", "mono", "--no-color",
	                       "--no-protect"),
	                 0);
}

/* --prom-top N: 0 to 100, default 10, for --batch --format openmetrics
 * and --record --textfile; refused by name anywhere else. */
static void
test_prom_top(void **state)
{
	static const char *const bad[] = {"-1", "101", "x", "", "1.5"};
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("-b", "--format", "openmetrics"), 0);
	assert_int_equal(o.prom_top, 10);
	assert_int_equal(
	    PARSE("-b", "--format", "openmetrics", "--prom-top", "25"), 0);
	assert_int_equal(o.prom_top, 25);
	assert_int_equal(
	    PARSE("--prom-top", "0", "-b", "--format", "openmetrics"), 0);
	assert_int_equal(o.prom_top, 0);
	assert_int_equal(
	    PARSE("--record", "--textfile", "/d", "--prom-top", "100"), 0);
	assert_int_equal(o.prom_top, 100);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(PARSE("-b", "--format", "openmetrics",
		                       "--prom-top", bad[i]),
		                 -1);
		assert_non_null(strstr(err, "--prom-top (0 to 100)"));
	}
	static const char *const elsewhere[][4] = {
	    {"-b", NULL, NULL, NULL},       {"-b", "--json", NULL, NULL},
	    {"--record", NULL, NULL, NULL}, {"--events", NULL, NULL, NULL},
	    {"--report", NULL, NULL, NULL}, {"--replay", NULL, NULL, NULL},
	    {"--boots", NULL, NULL, NULL},  {"--db", "/x.db", NULL, NULL},
	};
	for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
		const char *args[7] = {"--prom-top", "5"};

		memcpy(args + 2, elsewhere[i], sizeof elsewhere[i]);
		assert_int_equal(optfix_parse(&o, err, args), -1);
		assert_non_null(strstr(err, "--prom-top"));
	}
	assert_int_equal(PARSE("--prom-top", "5"), -1);
	assert_string_equal(err, "--prom-top needs --batch --format "
	                         "openmetrics or --record --textfile");
	assert_non_null(strstr(options_usage(), "--prom-top"));
}

/* A bare number is seconds for --since and --retain, and their error
 * messages say so. */
static void
test_bare_seconds(void **state)
{
	struct options o;
	char err[256];
	(void)state;
	assert_int_equal(PARSE("--report", "--since", "30"), 0);
	assert_int_equal(o.since_ms, 30000);
	assert_int_equal(PARSE("--report", "--since", "1h30m"), -1);
	assert_string_equal(err, "invalid window '1h30m' for --since (30m, "
	                         "24h, 7d: units s m h d w; 30 alone is "
	                         "seconds; or boot)");
	assert_int_equal(PARSE("--record", "--retain", "7200"), 0);
	assert_int_equal(o.retain_ms, 7200000);
	assert_int_equal(PARSE("--record", "--retain", "1x"), -1);
	assert_non_null(strstr(err, "7200 alone is seconds"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_batch_defaults),
	    cmocka_unit_test(test_batch_full),
	    cmocka_unit_test(test_bad_options),
	    cmocka_unit_test(test_delay_values),
	    cmocka_unit_test(test_help_version),
	    cmocka_unit_test(test_boots_options),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_report),
	    cmocka_unit_test(test_db_dashboard),
	    cmocka_unit_test(test_mode_rules),
	    cmocka_unit_test(test_replay),
	    cmocka_unit_test(test_replay_at_ms),
	    cmocka_unit_test(test_record_refuses),
	    cmocka_unit_test(test_prom_top),
	    cmocka_unit_test(test_bare_seconds),
	    cmocka_unit_test(test_replay_at_calendar),
	    cmocka_unit_test(test_delay_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
