/*
 * report.c: `oomwatch --report` (see report.h): build the summary from
 * persist/recread.h's queries, then print it as text or JSON.
 */
#include "app/report.h"

#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/record.h"
#include "core/clock.h"
#include "core/json.h"
#include "model/columns.h"
#include "model/snapshot.h"
#include "persist/smallfile.h"

/* Add one process's series to the rising list when trend says rising. */
static void
report_series(const struct recread_proc *p, const struct hist_point *pts,
              size_t n, void *arg)
{
	struct report *rep = arg;
	struct report_rising *r;
	struct trend t;

	trend_classify(pts, n, &t);
	if (t.verdict != TREND_RISING)
		return;
	if (rep->nrising == rep->rising_cap) {
		size_t cap = rep->rising_cap ? rep->rising_cap * 2 : 8;
		r = realloc(rep->rising, cap * sizeof *r);
		if (r == NULL)
			return; /* listed as far as memory goes */
		rep->rising = r;
		rep->rising_cap = cap;
	}
	rep->rising[rep->nrising].proc = *p;
	rep->rising[rep->nrising++].trend = t;
}

/* Fastest first, then by pid. */
static int
report_rising_cmp(const void *a, const void *b)
{
	const struct report_rising *x = a, *y = b;

	if (x->trend.rate_kb_per_hour != y->trend.rate_kb_per_hour)
		return x->trend.rate_kb_per_hour > y->trend.rate_kb_per_hour
		           ? -1
		           : 1;
	return (x->proc.pid > y->proc.pid) - (x->proc.pid < y->proc.pid);
}

/* The kills with their top processes into rep: 0, or -1. */
static int
report_kills(struct recread *db, struct report *rep)
{
	struct recread_kill *k;
	size_t n;

	if (recread_kills(db, rep->from_ms, rep->to_ms, &k, &n) < 0)
		return -1;
	rep->kills = calloc(n ? n : 1, sizeof *rep->kills);
	if (rep->kills == NULL) {
		free(k);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		rep->kills[i].kill = k[i];
		if (recread_kill_top(db, &k[i], REPORT_TOP, rep->kills[i].top,
		                     &rep->kills[i].ntop) < 0) {
			free(k);
			return -1;
		}
	}
	rep->nkills = n;
	free(k);
	return 0;
}

/* Build the report (see report.h). */
int
report_build(struct recread *db, int64_t from_ms, int64_t to_ms,
             struct report *rep)
{
	rep->from_ms = from_ms;
	rep->to_ms = to_ms;
	if (recread_peaks(db, from_ms, to_ms, &rep->peaks) < 0 ||
	    report_kills(db, rep) < 0 ||
	    recread_stalls(db, from_ms, to_ms, &rep->stalls, &rep->nstalls) <
	        0 ||
	    recread_series(db, from_ms, to_ms, report_series, rep) < 0)
		return -1;
	if (rep->nrising > 1)
		qsort(rep->rising, rep->nrising, sizeof *rep->rising,
		      report_rising_cmp);
	return 0;
}

/* Free what rep owns. */
void
report_free(struct report *rep)
{
	free(rep->kills);
	free(rep->stalls);
	free(rep->rising);
	rep->kills = NULL;
	rep->stalls = NULL;
	rep->rising = NULL;
	rep->nkills = rep->nstalls = rep->nrising = rep->rising_cap = 0;
}

/* A unix time in ms as local "2026-12-03 03:12:00 CET" into buf. */
static const char *
report_time(int64_t ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S %Z", &tm) == 0)
		snprintf(buf, size, "@%" PRId64, ms / 1000);
	return buf;
}

/* A size in kB as the dashboard shows it, "-" when unknown. */
static const char *
report_kb(int64_t kb, char *buf, size_t size)
{
	return columns_kb_or(kb, "-", buf, size);
}

/* End an event's line: when its time is when it was recorded (the log's
 * time since boot could not be put on the wall clock), say so. */
static void
report_text_logged(FILE *f, int log_time, int64_t boot_us)
{
	char a[16];

	if (!log_time && boot_us >= 0) {
		trend_fmt_span(boot_us / 1000000, a, sizeof a);
		fprintf(f, "  (recorded; logged %s after boot)", a);
	}
	fputc('\n', f);
}

/* The kills as text. */
static void
report_text_kills(FILE *f, const struct report *rep)
{
	char t[64], a[16], b[16];

	fprintf(f, "OOM kills: %zu\n", rep->nkills);
	for (size_t i = 0; i < rep->nkills; i++) {
		const struct report_kill *k = &rep->kills[i];

		fprintf(f, "  %s  pid %" PRId64 " %s  RSS %s  constraint %s",
		        report_time(k->kill.time_ms, t, sizeof t), k->kill.pid,
		        k->kill.comm[0] ? k->kill.comm : "?",
		        report_kb(k->kill.rss_kb, a, sizeof a),
		        k->kill.constraint[0] ? k->kill.constraint : "?");
		if (k->kill.memcg[0])
			fprintf(f, "  memcg %s", k->kill.memcg);
		report_text_logged(f, k->kill.log_time, k->kill.boot_us);
		if (k->kill.before_id < 0 && k->kill.bb_id < 0) {
			fprintf(f, "    no sample before it\n");
			continue;
		}
		fprintf(f, "    top by RSS at %s%s:\n",
		        report_time(k->kill.before_ms, t, sizeof t),
		        k->kill.bb_id >= 0 ? " (black box)" : "");
		fprintf(f, "    %7s %6s %6s  %s\n", "PID", "RSS", "SWAP",
		        "NAME");
		for (size_t j = 0; j < k->ntop; j++)
			fprintf(f, "    %7" PRId32 " %6s %6s  %s\n",
			        k->top[j].pid,
			        report_kb(k->top[j].rss_kb, a, sizeof a),
			        report_kb(k->top[j].swap_kb, b, sizeof b),
			        k->top[j].comm);
	}
}

/* Hung tasks and lockups as text. */
static void
report_text_stalls(FILE *f, const struct report *rep)
{
	size_t hung = 0;
	char t[64];

	for (size_t i = 0; i < rep->nstalls; i++)
		hung += strcmp(rep->stalls[i].kind, "hung_task") == 0;
	fprintf(f, "Hung tasks: %zu, lockups: %zu\n", hung,
	        rep->nstalls - hung);
	for (size_t i = 0; i < rep->nstalls; i++) {
		const struct recread_stall *s = &rep->stalls[i];

		fprintf(f, "  %s  %-11s", report_time(s->time_ms, t, sizeof t),
		        s->kind);
		if (s->pid >= 0)
			fprintf(f, "  pid %" PRId64 " %s", s->pid, s->comm);
		if (s->cpu >= 0)
			fprintf(f, "  cpu %" PRId64, s->cpu);
		if (s->seconds >= 0)
			fprintf(f, "  %" PRId64 " s", s->seconds);
		report_text_logged(f, s->log_time, s->boot_us);
	}
}

/* The rising processes as text. */
static void
report_text_rising(FILE *f, const struct report *rep)
{
	char rate[24], rss[16], span[24];

	fprintf(f, "Rising: %zu\n", rep->nrising);
	if (rep->nrising == 0)
		return;
	fprintf(f, "  %7s %9s %6s %8s  %s\n", "PID", "RATE", "RSS", "OVER",
	        "NAME");
	for (size_t i = 0; i < rep->nrising; i++) {
		const struct report_rising *r = &rep->rising[i];
		size_t n;

		trend_fmt_kb(r->trend.rate_kb_per_hour, 1, rate, sizeof rate);
		n = strlen(rate);
		snprintf(rate + n, sizeof rate - n, "/h");
		trend_fmt_span(r->trend.span_s, span, sizeof span);
		fprintf(f, "  %7" PRId32 " %9s %6s %8s  %s\n", r->proc.pid,
		        rate, report_kb(r->trend.last_kb, rss, sizeof rss),
		        span, r->proc.comm);
	}
}

/* Whether the window had no swap: 1 when SwapTotal was 0 at every sample
 * that recorded it, 0 when some had swap, -1 when none recorded it. */
static int
report_no_swap(const struct recread_peaks *p)
{
	if (p->swap_total_ms == 0)
		return -1;
	return p->swap_total_kb == 0;
}

/* One peak line: label, size, time (or "no samples"). */
static void
report_text_peak(FILE *f, const char *label, int64_t kb, int64_t ms)
{
	char a[16], t[64];

	if (ms == 0)
		fprintf(f, "  %-20s -\n", label);
	else
		fprintf(f, "  %-20s %6s  at %s\n", label,
		        report_kb(kb, a, sizeof a),
		        report_time(ms, t, sizeof t));
}

/* Print rep as text (see report.h). */
void
report_text(FILE *f, const struct report *rep)
{
	char a[64], b[64];

	fprintf(f,
	        "oomwatch report: %s to %s (since %s), %" PRId64 " samples\n",
	        report_time(rep->from_ms, a, sizeof a),
	        report_time(rep->to_ms, b, sizeof b),
	        rep->since ? rep->since : "?", rep->peaks.samples);
	if (rep->db_path)
		fprintf(f, "database: %s%s%s\n", rep->db_path,
		        rep->note && rep->note[0] ? "; " : "",
		        rep->note ? rep->note : "");
	fputc('\n', f);
	report_text_kills(f, rep);
	report_text_stalls(f, rep);
	report_text_rising(f, rep);
	fprintf(f, "Memory:\n");
	report_text_peak(f, "peak used", rep->peaks.used_kb,
	                 rep->peaks.used_ms);
	if (report_no_swap(&rep->peaks) == 1)
		fprintf(f, "  %-20s no swap\n", "peak swap used");
	else
		report_text_peak(f, "peak swap used", rep->peaks.swap_kb,
		                 rep->peaks.swap_ms);
	report_text_peak(f, "lowest MemAvailable", rep->peaks.avail_kb,
	                 rep->peaks.avail_ms);
}

/* A process as JSON: pid, comm, rss_kb, swap_kb. */
static void
report_json_proc(FILE *f, const struct recread_proc *p)
{
	fprintf(f, "{\"pid\": %" PRId32 ", \"comm\": ", p->pid);
	json_cstr_or_null(f, p->comm);
	fputs(", \"rss_kb\": ", f);
	json_int_or_null(f, p->rss_kb, SNAP_NA);
	fputs(", \"swap_kb\": ", f);
	json_int_or_null(f, p->swap_kb, SNAP_NA);
	fputc('}', f);
}

/* Text as a JSON string, null when empty. */
static void
report_json_text(FILE *f, const char *s)
{
	json_cstr_or_null(f, s[0] ? s : NULL);
}

/* The kills as a JSON array. */
static void
report_json_kills(FILE *f, const struct report *rep)
{
	fputs("\"kills\": [", f);
	for (size_t i = 0; i < rep->nkills; i++) {
		const struct report_kill *k = &rep->kills[i];

		fprintf(f, "%s{\"time_ms\": %" PRId64 ", \"log_time\": %s, ",
		        i ? ", " : "", k->kill.time_ms,
		        k->kill.log_time ? "true" : "false");
		fputs("\"pid\": ", f);
		json_int_or_null(f, k->kill.pid, -1);
		fputs(", \"comm\": ", f);
		report_json_text(f, k->kill.comm);
		fputs(", \"rss_kb\": ", f);
		json_int_or_null(f, k->kill.rss_kb, -1);
		fputs(", \"constraint\": ", f);
		report_json_text(f, k->kill.constraint);
		fputs(", \"memcg\": ", f);
		report_json_text(f, k->kill.memcg);
		fputs(", \"log_boot_us\": ", f);
		json_int_or_null(f, k->kill.boot_us, -1);
		fputs(", \"before_ms\": ", f);
		if (k->kill.before_id < 0 && k->kill.bb_id < 0)
			fputs("null, \"top_from\": null", f);
		else
			fprintf(f, "%" PRId64 ", \"top_from\": \"%s\"",
			        k->kill.before_ms,
			        k->kill.bb_id >= 0 ? "blackbox" : "samples");
		fputs(", \"top\": [", f);
		for (size_t j = 0; j < k->ntop; j++) {
			fputs(j ? ", " : "", f);
			report_json_proc(f, &k->top[j]);
		}
		fputs("]}", f);
	}
	fputs("]", f);
}

/* The hung tasks and lockups as a JSON array. */
static void
report_json_stalls(FILE *f, const struct report *rep)
{
	fputs("\"stalls\": [", f);
	for (size_t i = 0; i < rep->nstalls; i++) {
		const struct recread_stall *s = &rep->stalls[i];

		fprintf(f,
		        "%s{\"time_ms\": %" PRId64 ", \"log_time\": %s, "
		        "\"log_boot_us\": ",
		        i ? ", " : "", s->time_ms,
		        s->log_time ? "true" : "false");
		json_int_or_null(f, s->boot_us, -1);
		fprintf(f, ", \"kind\": \"%s\", ", s->kind);
		fputs("\"pid\": ", f);
		json_int_or_null(f, s->pid, -1);
		fputs(", \"comm\": ", f);
		report_json_text(f, s->comm);
		fputs(", \"cpu\": ", f);
		json_int_or_null(f, s->cpu, -1);
		fputs(", \"seconds\": ", f);
		json_int_or_null(f, s->seconds, -1);
		fputc('}', f);
	}
	fputs("]", f);
}

/* The rising processes as a JSON array. */
static void
report_json_rising(FILE *f, const struct report *rep)
{
	fputs("\"rising\": [", f);
	for (size_t i = 0; i < rep->nrising; i++) {
		const struct report_rising *r = &rep->rising[i];

		fprintf(f, "%s{\"pid\": %" PRId32 ", \"comm\": ", i ? ", " : "",
		        r->proc.pid);
		report_json_text(f, r->proc.comm);
		fprintf(f,
		        ", \"rate_kb_per_hour\": %.0f, \"last_kb\": %" PRId64
		        ", \"span_s\": %" PRId64 ", \"samples\": %zu}",
		        r->trend.rate_kb_per_hour, r->trend.last_kb,
		        r->trend.span_s, r->trend.samples);
	}
	fputs("]", f);
}

/* One peak as "name": {"kb", "time_ms"}, or null without samples. */
static void
report_json_peak(FILE *f, const char *name, int64_t kb, int64_t ms)
{
	if (ms == 0)
		fprintf(f, "\"%s\": null", name);
	else
		fprintf(f,
		        "\"%s\": {\"kb\": %" PRId64 ", \"time_ms\": %" PRId64
		        "}",
		        name, kb, ms);
}

/* Print rep as JSON (see report.h). */
void
report_json(FILE *f, const struct report *rep)
{
	int no_swap;

	fprintf(
	    f, "{\"from_ms\": %" PRId64 ", \"to_ms\": %" PRId64 ", \"since\": ",
	    rep->from_ms, rep->to_ms);
	json_cstr_or_null(f, rep->since);
	fputs(", \"note\": ", f);
	json_cstr_or_null(f, rep->note && rep->note[0] ? rep->note : NULL);
	fprintf(f, ", \"samples\": %" PRId64 ", ", rep->peaks.samples);
	report_json_kills(f, rep);
	fputs(", ", f);
	report_json_stalls(f, rep);
	fputs(", ", f);
	report_json_rising(f, rep);
	fputs(", ", f);
	report_json_peak(f, "peak_used", rep->peaks.used_kb,
	                 rep->peaks.used_ms);
	fputs(", ", f);
	report_json_peak(f, "peak_swap_used", rep->peaks.swap_kb,
	                 rep->peaks.swap_ms);
	no_swap = report_no_swap(&rep->peaks);
	fprintf(f, ", \"no_swap\": %s, ",
	        no_swap < 0 ? "null"
	        : no_swap   ? "true"
	                    : "false");
	report_json_peak(f, "lowest_available", rep->peaks.avail_kb,
	                 rep->peaks.avail_ms);
	fputs("}\n", f);
}

/* The window's start for --since boot: the first sample of the running
 * boot (to_ms when it has none: an empty window). 0, or -1. */
static int
report_boot_start(struct recread *db, const struct options *opt, int64_t to_ms,
                  int64_t *from_ms)
{
	char path[PATH_MAX], id[64];
	ssize_t n;

	snprintf(path, sizeof path, "%s/sys/kernel/random/boot_id",
	         opt->proc_root ? opt->proc_root : "/proc");
	n = smallfile_read(path, id, sizeof id - 1);
	id[n > 0 ? n : 0] = '\0';
	id[strcspn(id, "\n")] = '\0';
	*from_ms = to_ms;
	return recread_boot_start(db, id, from_ms) < 0 ? -1 : 0;
}

/* Open the database opt names (or the default): NULL, said on stderr. */
static struct recread *
report_open(const struct options *opt, char *path, size_t size)
{
	char err[PATH_MAX + 512];
	enum recread_status st;
	struct recread *db;

	if (opt->db_path)
		snprintf(path, size, "%s", opt->db_path);
	else if (record_read_path(path, size, geteuid() == 0,
	                          getenv("XDG_STATE_HOME"),
	                          getenv("HOME")) < 0) {
		fprintf(stderr, "oomwatch: no home directory to find the "
		                "history database in; use --db PATH\n");
		return NULL;
	}
	db = recread_open(path, &st, err, sizeof err);
	if (db == NULL)
		fprintf(stderr, "oomwatch: %s\n", err);
	return db;
}

/* Run --report (see report.h). */
int
report_run(const struct options *opt)
{
	char path[PATH_MAX];
	struct report rep = {0};
	struct recread *db = report_open(opt, path, sizeof path);
	int64_t to_ms = clock_wall_ms(), from_ms = to_ms - opt->since_ms;
	int rc = 1;

	if (db == NULL)
		return 1;
	rep.db_path = path;
	rep.note = recread_note(db);
	rep.since = opt->since;
	if ((!opt->since_boot ||
	     report_boot_start(db, opt, to_ms, &from_ms) == 0) &&
	    report_build(db, from_ms, to_ms, &rep) == 0) {
		if (opt->json)
			report_json(stdout, &rep);
		else
			report_text(stdout, &rep);
		rc = fflush(stdout) == 0 ? 0 : 1;
	} else {
		fprintf(stderr, "oomwatch: %s\n", recread_error(db));
	}
	report_free(&rep);
	recread_close(db);
	return rc;
}
