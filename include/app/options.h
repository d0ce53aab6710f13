/*
 * options: the command line, parsed into a plain struct. Pure (no I/O):
 * errors come back as one line of text for main() to print.
 */
#ifndef OOMWATCH_APP_OPTIONS_H
#define OOMWATCH_APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/replay_at.h"
#include "model/rank.h"

#define OPTIONS_MAX_PIDS 256
/* --prom-top: at most this many processes in the Prometheus output */
#define OPTIONS_PROM_TOP_MAX 100

enum options_mode {
	OPTIONS_DASHBOARD = 0,
	OPTIONS_BATCH,
	OPTIONS_EVENTS,
	OPTIONS_BOOTS,
	OPTIONS_HELP,
	OPTIONS_VERSION,
	OPTIONS_RECORD, /* --record (app/record.c) */
	OPTIONS_REPORT, /* --report (app/report.c) */
	OPTIONS_REPLAY, /* --replay: the dashboard on the record (app/replay.h)
	                 */
};

/* --format: the batch's output (--json is --format json). */
enum options_format {
	OPTIONS_FORMAT_TEXT = 0,
	OPTIONS_FORMAT_JSON,
	OPTIONS_FORMAT_OPENMETRICS, /* Prometheus text (app/batch_prom.h) */
};

struct options {
	enum options_mode mode;
	bool mode_clash; /* both --record and --boots were given */
	/* which of the options only some modes take were on the command
	 * line (options.c: one bit each; NO_COLOR in the environment is
	 * not one), so a mode refuses them by name */
	uint32_t given;
	bool json; /* --json or --format json */
	enum options_format format;
	bool format_given;
	long count;         /* -n: snapshots in batch mode, 0 = default 1 */
	uint32_t delay_ms;  /* -d */
	enum rank_key sort; /* -s */
	bool sort_given;
	const char *user; /* -u (borrowed from argv) */
	int32_t pids[OPTIONS_MAX_PIDS];
	size_t npids;          /* -p */
	const char *kmsg_file; /* --kmsg-file, "-" = stdin */
	const char *theme;     /* --theme NAME|FILE */
	bool no_color;         /* --no-color or NO_COLOR set */
	bool no_protect;       /* --no-protect */
	bool read_only;        /* --read-only */
	const char *proc_root; /* --proc-root DIR (tests) */
	const char *sys_root;  /* --sys-root DIR (tests): DIR/fs/cgroup */
	/* the recorder (--record) */
	const char *db_path;      /* --db PATH, NULL: the default */
	int64_t retain_ms;        /* --retain DUR (default 7 days) */
	int64_t max_size_bytes;   /* --max-size SIZE, 0: no cap */
	bool no_cmdline;          /* --no-cmdline */
	const char *textfile_dir; /* --textfile DIR, NULL: none */
	long samples;     /* --samples N (tests): stop after N, 0: never */
	long prom_top;    /* --prom-top N: processes in the Prometheus
	                     output, 0..100 (default PROM_TOP_DEFAULT) */
	bool delay_given; /* -d was given (--record defaults to 10 s) */
	bool delay_fast;  /* -d under 0.1 s: --record only (tests) */
	/* -d as given (borrowed from argv), for its messages */
	const char *delay_arg;
	const char *boot; /* --boot BOOT (with --events): 0, -1, .., or a
	                     boot id (32 hex digits) */
	/* the report (--report; --db and --json too) */
	bool report;       /* --report was given */
	const char *since; /* --since as given (default "24h") */
	int64_t since_ms;  /* its duration, when not since_boot */
	bool since_boot;   /* --since boot: the running boot */
	/* the replay (--replay; --db too) */
	bool replay;          /* --replay was given */
	const char *at;       /* --at as given, NULL: the newest sample */
	struct replay_at at_; /* --at parsed (REPLAY_AT_NEWEST without) */
};

/*
 * Parse argv into *opt (defaults first). no_color_env is the value of
 * NO_COLOR (or NULL). Returns 0, or -1 with a one-line message in err.
 */
int options_parse(struct options *opt, int argc, char **argv,
                  const char *no_color_env, char *err, size_t err_size);

/* The --help text. */
const char *options_usage(void);

#endif
