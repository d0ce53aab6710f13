/*
 * batch.c: `oomwatch --batch`: COUNT snapshots DELAY apart, as a readable
 * text report or as one JSON object per line (field names as in the
 * README). The process fields, their headers, JSON keys and order come
 * from the column table (model/columns.h). Every string from a process or the
 * kernel goes through the one sanitizer (core/sanitize.h) before it is printed;
 * unknown values are "N/A" in text and null in JSON, never 0. The next victim
 * is computed over every process, whatever -u/-p show. With --json (or
 * --format openmetrics, app/batch_prom.h) and
 * -n 2 or more, every sample goes into a history (model/histsnap.h): each
 * process gets its RSS "trend" and the top level the "forecast".
 */
#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/batch_cg.h"
#include "app/batch_mem.h"
#include "app/batch_prom.h"
#include "app/batch_sys.h"
#include "app/modes.h"
#include "collect/collector.h"
#include "collect/usercache.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/sanitize.h"
#include "model/columns.h"
#include "model/filter.h"
#include "model/histsnap.h"
#include "model/rank.h"

/* What every writer needs. */
struct batch_out {
	FILE *f;
	unsigned san_flags; /* SANITIZE_ASCII outside UTF-8 locales */
	char text[4 * 4096 + 1];
	char raw[4096];
	struct histsnap *hs; /* --json -n 2 or more: the history, else NULL */
	const struct options *opt; /* the roots batch_mem_json reads under */
	struct batch_sys *sys;     /* "blocked" and "settings" (NULL: null) */
};

/* The history's memory cap in --batch. */
#define BATCH_HIST_CAP_BYTES (64u << 20)

/* Sanitize s into o->text; returns it. NULs become spaces. */
static const char *
batch_clean(struct batch_out *o, const char *s, size_t len)
{
	sanitize_text(o->text, sizeof o->text, s, len,
	              o->san_flags | SANITIZE_NUL_SPACE, NULL);
	return o->text;
}

/* A number or "N/A" into buf. */
static const char *
batch_num(char *buf, size_t size, int64_t v)
{
	if (v == SNAP_NA)
		snprintf(buf, size, "N/A");
	else
		snprintf(buf, size, "%" PRId64, v);
	return buf;
}

/* A rate or "N/A" into buf. */
static const char *
batch_rate(char *buf, size_t size, double v)
{
	if (!isfinite(v))
		snprintf(buf, size, "N/A");
	else
		snprintf(buf, size, "%.2f", v);
	return buf;
}

/* One field of a row as report text: sanitized, "N/A" when unknown. */
static const char *
batch_field_text(struct batch_out *o, const struct snapshot *s,
                 const struct proc_row *r, enum column_id id)
{
	struct column_value v;
	char buf[64];

	columns_value(id, s, r, buf, sizeof buf, &v);
	if (v.na)
		return "N/A";
	switch (columns_desc(id)->kind) {
	case COLUMN_KIND_TEXT:
		sanitize_text(o->text, sizeof o->text, v.text, v.len,
		              o->san_flags |
		                  (v.nul_space ? SANITIZE_NUL_SPACE : 0),
		              NULL);
		break;
	case COLUMN_KIND_BOOL:
		snprintf(o->text, sizeof o->text, "%s",
		         v.num ? "true" : "false");
		break;
	case COLUMN_KIND_PCT:
		snprintf(o->text, sizeof o->text, "%.1f", v.pct);
		break;
	default:
		snprintf(o->text, sizeof o->text, "%" PRId64, v.num);
		break;
	}
	return o->text;
}

/* One line of the process table in the text report: the fields of
 * columns_batch() padded as their text_w says; the header when r is NULL. */
static void
batch_text_row(struct batch_out *o, const struct snapshot *s,
               const struct proc_row *r)
{
	const enum column_id *ids;
	size_t n = columns_batch(false, &ids);

	for (size_t i = 0; i < n; i++) {
		const struct column_desc *d = columns_desc(ids[i]);
		int w = d->text_w;

		fprintf(o->f, "%s%*.*s",
		        i == 0   ? ""
		        : w == 0 ? "  "
		                 : " ",
		        w, w < 0 ? -w : -1,
		        r != NULL ? batch_field_text(o, s, r, ids[i])
		                  : d->text_title);
	}
	fputc('\n', o->f);
}

/* The memory, swap, commit and vm.* lines of the text report. */
static void
batch_text_memory(struct batch_out *o, const struct snapshot *s)
{
	const struct mem_info *m = &s->mem;
	const struct vm_tunables *vm = &s->vm;
	char a[8][32];
	FILE *f = o->f;

	fprintf(
	    f,
	    "memory kB: total %s  free %s  available %s  buffers %s"
	    "  cached %s  shmem %s  anon %s\n",
	    batch_num(a[0], 32, m->total_kb), batch_num(a[1], 32, m->free_kb),
	    batch_num(a[2], 32, m->available_kb),
	    batch_num(a[3], 32, m->buffers_kb),
	    batch_num(a[4], 32, m->cached_kb), batch_num(a[5], 32, m->shmem_kb),
	    batch_num(a[6], 32, m->anon_kb));
	fprintf(f,
	        "swap kB: total %s  free %s    commit kB: limit %s"
	        "  committed %s\n",
	        batch_num(a[0], 32, m->swap_total_kb),
	        batch_num(a[1], 32, m->swap_free_kb),
	        batch_num(a[2], 32, m->commit_limit_kb),
	        batch_num(a[3], 32, m->committed_as_kb));
	fprintf(f,
	        "vm: overcommit_memory %s  overcommit_ratio %s"
	        "  panic_on_oom %s  oom_kill_allocating_task %s"
	        "  swappiness %s\n",
	        batch_num(a[0], 32, vm->overcommit_memory),
	        batch_num(a[1], 32, vm->overcommit_ratio),
	        batch_num(a[2], 32, vm->panic_on_oom),
	        batch_num(a[3], 32, vm->oom_kill_allocating_task),
	        batch_num(a[4], 32, vm->swappiness));
}

/* The psi, vmstat and rates lines of the text report. */
static void
batch_text_pressure(struct batch_out *o, const struct snapshot *s)
{
	char a[4][32];
	FILE *f = o->f;

	if (!s->psi.valid)
		fprintf(f, "psi memory: N/A (%s)\n", strerror(s->psi.err));
	else
		fprintf(
		    f, "psi memory: some %.2f %.2f %.2f  full %s %s %s\n",
		    s->psi.some.avg10, s->psi.some.avg60, s->psi.some.avg300,
		    batch_rate(a[0], 32,
		               s->psi.full_valid ? s->psi.full.avg10 : NAN),
		    batch_rate(a[1], 32,
		               s->psi.full_valid ? s->psi.full.avg60 : NAN),
		    batch_rate(a[2], 32,
		               s->psi.full_valid ? s->psi.full.avg300 : NAN));
	fprintf(f,
	        "vmstat: oom_kill %s  pswpin %s  pswpout %s  pgmajfault %s\n",
	        batch_num(a[0], 32, s->vmstat.oom_kill),
	        batch_num(a[1], 32, s->vmstat.pswpin),
	        batch_num(a[2], 32, s->vmstat.pswpout),
	        batch_num(a[3], 32, s->vmstat.pgmajfault));
	if (!s->rates.valid)
		fprintf(f, "rates /s: N/A (first snapshot)\n");
	else
		fprintf(f,
		        "rates /s: oom_kill %s  pswpin %s  pswpout %s"
		        "  pgmajfault %s\n",
		        batch_rate(a[0], 32, s->rates.oom_kill),
		        batch_rate(a[1], 32, s->rates.pswpin),
		        batch_rate(a[2], 32, s->rates.pswpout),
		        batch_rate(a[3], 32, s->rates.pgmajfault));
}

/* The text report of one snapshot. */
static void
batch_text(struct batch_out *o, const struct snapshot *s, const size_t *order,
           size_t n, long victim)
{
	char tbuf[64];
	FILE *f = o->f;

	clock_wall_text(s->time_unix_ms, "%Y-%m-%d %H:%M:%S %z", "unknown",
	                tbuf, sizeof tbuf);
	fprintf(f, "oomwatch snapshot %s\n", tbuf);
	batch_text_memory(o, s);
	batch_text_pressure(o, s);
	if (victim < 0) {
		fprintf(f, "next victim: none\n");
	} else {
		const struct proc_row *v = &s->procs[victim];
		fprintf(f,
		        "next victim: %d %s oom_score %" PRId64
		        " (global OOM; a memcg OOM scales by the cgroup"
		        " limit and may choose another)\n",
		        v->pid, batch_clean(o, v->comm, strlen(v->comm)),
		        v->oom_score);
	}
	batch_cg_text(f, s, o->san_flags);
	fputc('\n', f);
	batch_text_row(o, s, NULL);
	for (size_t i = 0; i < n; i++)
		batch_text_row(o, s, &s->procs[order[i]]);
	fputc('\n', f);
}

/* `"name": value` pairs of integers, comma-separated. */
static void
batch_json_ints(FILE *f, const char *const *names, const int64_t *vals,
                size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", names[i]);
		json_int_or_null(f, vals[i], SNAP_NA);
	}
}

/* `"name": value` pairs of decimals, comma-separated. */
static void
batch_json_doubles(FILE *f, const char *const *names, const double *vals,
                   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", names[i]);
		json_double_or_null(f, vals[i], 1);
	}
}

/* `{"name": value, ...}` of decimals, or null when not valid. */
static void
batch_json_doubles_or_null(FILE *f, const char *const *names,
                           const double *vals, size_t n, bool valid)
{
	if (!valid) {
		fputs("null", f);
		return;
	}
	fputc('{', f);
	batch_json_doubles(f, names, vals, n);
	fputc('}', f);
}

/* Bytes (NULs as spaces, at most sizeof o->raw) as a JSON string. */
static void
batch_json_text(struct batch_out *o, const char *p, size_t len)
{
	size_t n = len < sizeof o->raw ? len : sizeof o->raw;

	for (size_t i = 0; i < n; i++)
		o->raw[i] = p[i] ? p[i] : ' ';
	json_string(o->f, o->raw, n);
}

/* `, "trend": {...}` of row r when there is a history: null until the
 * process has two points. */
static void
batch_json_trend(struct batch_out *o, const struct proc_row *r)
{
	struct trend t;
	FILE *f = o->f;

	if (o->hs == NULL)
		return;
	fputs(", \"trend\": ", f);
	if (histsnap_proc_trend(o->hs, r, &t) < 2) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"verdict\": \"%s\", \"rate_kb_per_hour\": ",
	        trend_name(t.verdict));
	json_double_or_null(f, t.rate_kb_per_hour, t.samples >= 2);
	fprintf(f, ", \"span_s\": %" PRId64 ", \"samples\": %zu}", t.span_s,
	        t.samples);
}

/* `, "forecast": {...}` of the system when there is a history. */
static void
batch_json_forecast(struct batch_out *o, const struct snapshot *s)
{
	struct histsnap_forecast fc;
	FILE *f = o->f;

	if (o->hs == NULL)
		return;
	histsnap_forecast(o->hs, s, &fc);
	fputs(", \"forecast\": {\"mem_oom_in_s\": ", f);
	json_int_or_null(f, fc.mem_oom.valid ? fc.mem_oom.eta_s : SNAP_NA,
	                 SNAP_NA);
	fputs(", \"commit_fail_in_s\": ", f);
	json_int_or_null(
	    f, fc.commit_fail.valid ? fc.commit_fail.eta_s : SNAP_NA, SNAP_NA);
	fprintf(f,
	        ", \"basis\": {\"mem_oom\": \"%s\", \"commit_fail\": "
	        "\"%s\"}}",
	        forecast_basis_name(fc.mem_oom.basis),
	        forecast_basis_name(fc.commit_fail.basis));
}

/* One process as a JSON object: the fields of columns_batch(). */
static void
batch_json_proc(struct batch_out *o, const struct snapshot *s,
                const struct proc_row *r)
{
	const enum column_id *ids;
	size_t n = columns_batch(true, &ids);
	struct column_value v;
	char buf[64];
	FILE *f = o->f;

	fputc('{', f);
	for (size_t i = 0; i < n; i++) {
		const struct column_desc *d = columns_desc(ids[i]);

		columns_value(ids[i], s, r, buf, sizeof buf, &v);
		fprintf(f, "%s\"%s\": ", i ? ", " : "", d->json_key);
		if (v.na || v.json_null)
			fputs("null", f);
		else if (d->kind == COLUMN_KIND_TEXT)
			batch_json_text(o, v.text, v.len);
		else if (d->kind == COLUMN_KIND_BOOL)
			fputs(v.num ? "true" : "false", f);
		else if (d->kind == COLUMN_KIND_PCT)
			json_double_or_null(f, v.pct, 1);
		else
			fprintf(f, "%" PRId64, v.num);
	}
	batch_json_trend(o, r);
	fputc('}', f);
}

/* One snapshot as a JSON line. */
static void
batch_json(struct batch_out *o, const struct snapshot *s, const size_t *order,
           size_t n, long victim)
{
	static const char *const mem_names[] = {
	    "total_kb",        "free_kb",        "available_kb",
	    "buffers_kb",      "cached_kb",      "shmem_kb",
	    "anon_kb",         "swap_total_kb",  "swap_free_kb",
	    "commit_limit_kb", "committed_as_kb"};
	static const char *const vm_names[] = {
	    "overcommit_memory", "overcommit_ratio", "panic_on_oom",
	    "oom_kill_allocating_task", "swappiness"};
	static const char *const psi_names[] = {"some_avg10",  "some_avg60",
	                                        "some_avg300", "full_avg10",
	                                        "full_avg60",  "full_avg300"};
	static const char *const vms_names[] = {"oom_kill", "pswpin", "pswpout",
	                                        "pgmajfault"};
	const struct mem_info *m = &s->mem;
	int64_t mem[] = {m->total_kb,        m->free_kb,        m->available_kb,
	                 m->buffers_kb,      m->cached_kb,      m->shmem_kb,
	                 m->anon_kb,         m->swap_total_kb,  m->swap_free_kb,
	                 m->commit_limit_kb, m->committed_as_kb};
	int64_t vm[] = {s->vm.overcommit_memory, s->vm.overcommit_ratio,
	                s->vm.panic_on_oom, s->vm.oom_kill_allocating_task,
	                s->vm.swappiness};
	double fna = s->psi.full_valid ? 0 : NAN;
	double psi[] = {s->psi.some.avg10,       s->psi.some.avg60,
	                s->psi.some.avg300,      s->psi.full.avg10 + fna,
	                s->psi.full.avg60 + fna, s->psi.full.avg300 + fna};
	int64_t vms[] = {s->vmstat.oom_kill, s->vmstat.pswpin,
	                 s->vmstat.pswpout, s->vmstat.pgmajfault};
	double rates[] = {s->rates.oom_kill, s->rates.pswpin, s->rates.pswpout,
	                  s->rates.pgmajfault};
	FILE *f = o->f;

	fprintf(f, "{\"time\": %" PRId64 ", \"memory\": {",
	        s->time_unix_ms / 1000);
	batch_json_ints(f, mem_names, mem, 11);
	fputs("}, \"vm\": {", f);
	batch_json_ints(f, vm_names, vm, 5);
	fputs("}, \"psi\": ", f);
	batch_json_doubles_or_null(f, psi_names, psi, 6, s->psi.valid);
	fputs(", \"vmstat\": {", f);
	batch_json_ints(f, vms_names, vms, 4);
	fputs("}, \"rates\": ", f);
	batch_json_doubles_or_null(f, vms_names, rates, 4, s->rates.valid);
	fputs(", \"next_victim\": ", f);
	if (victim < 0) {
		fputs("null", f);
	} else {
		const struct proc_row *v = &s->procs[victim];
		fprintf(f, "{\"pid\": %d, \"comm\": ", v->pid);
		json_string(f, v->comm, strlen(v->comm));
		fprintf(f, ", \"oom_score\": %" PRId64 "}", v->oom_score);
	}
	batch_json_forecast(o, s);
	fputs(", \"processes\": [", f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		batch_json_proc(o, s, &s->procs[order[i]]);
	}
	fputs("], ", f);
	batch_mem_json(f, o->opt);
	batch_cg_json(f, s, o->hs != NULL);
	batch_sys_json(f, o->sys, s);
	fputs("}\n", f);
}

/* With --json and -n 2 or more, start the history (trends, forecast):
 * 0, or -1 when out of memory. */
static int
batch_history_open(struct batch_out *o, const struct options *opt)
{
	if (opt->format == OPTIONS_FORMAT_TEXT || opt->count < 2)
		return 0;
	o->hs = malloc(sizeof *o->hs);
	if (o->hs == NULL ||
	    histsnap_init(o->hs, opt->delay_ms, BATCH_HIST_CAP_BYTES) != 0)
		return -1;
	return 0;
}

/* Record snapshot s into the history, if any (one warning at most). */
static void
batch_history_record(struct batch_out *o, const struct snapshot *s)
{
	static bool warned;

	if (o->hs != NULL && histsnap_record(o->hs, s) != 0 && !warned) {
		fprintf(stderr, "oomwatch: the history is incomplete (out of "
		                "memory); trends rest on fewer samples\n");
		warned = true;
	}
}

/* Free o and its history (NULL is fine). */
static void
batch_out_free(struct batch_out *o)
{
	if (o == NULL)
		return;
	if (o->hs != NULL)
		histsnap_fini(o->hs);
	free(o->hs);
	batch_sys_free(o->sys);
	free(o);
}

/* Sleep until the monotonic clock reaches target_ms. */
static void
batch_sleep_until(uint64_t target_ms)
{
	struct timespec ts = clock_deadline_ts(target_ms);

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

/* Print sample i in the format asked for (openmetrics: the last sample
 * only, app/batch_prom.h): 0, or 1 when it could not be printed. */
static int
batch_print(struct batch_out *o, const struct options *opt,
            const struct snapshot *s, const size_t *order, size_t n, long i)
{
	if (opt->format == OPTIONS_FORMAT_OPENMETRICS)
		return i + 1 < opt->count
		           ? 0
		           : batch_prom(o->f, opt, s, order, n, o->hs);
	if (opt->json)
		batch_json(o, s, order, n, rank_next_victim(s));
	else
		batch_text(o, s, order, n, rank_next_victim(s));
	return 0;
}

/* Run --batch. */
int
batch_run(const struct options *opt)
{
	struct filter flt = {false, 0, opt->pids, opt->npids};
	struct batch_out *o;
	struct collector *c;
	struct snapshot s;
	size_t *order = NULL, n;
	uint64_t start;
	char err[256];
	int rc = 0;
	bool desc =
	    opt->sort_given ? rank_key_default_descending(opt->sort) : true;

	if (opt->user != NULL) {
		if (usercache_parse_user(opt->user, &flt.uid) != 0) {
			fprintf(stderr, "oomwatch: unknown user '%.64s'\n",
			        opt->user);
			return 2;
		}
		flt.by_uid = true;
	}
	c = collector_new_roots(opt->proc_root, opt->sys_root, err, sizeof err);
	if (c == NULL) {
		fprintf(stderr, "oomwatch: %s\n", err);
		return 1;
	}
	o = calloc(1, sizeof *o);
	if (o == NULL || batch_history_open(o, opt) != 0) {
		batch_out_free(o);
		collector_free(c);
		fprintf(stderr, "oomwatch: out of memory\n");
		return 1;
	}
	o->f = stdout;
	o->opt = opt;
	if (opt->json)
		o->sys = batch_sys_new(opt->proc_root);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		o->san_flags = SANITIZE_ASCII;
	snapshot_init(&s);
	start = clock_mono_ms();
	for (long i = 0; i < opt->count && rc == 0; i++) {
		uint64_t t0;
		size_t *no;

		if (i > 0)
			batch_sleep_until(start + (uint64_t)i * opt->delay_ms);
		t0 = clock_mono_ms();
		rc = collector_sample(c, &s, t0);
		if (rc != 0) {
			fprintf(stderr, "oomwatch: reading processes: %s\n",
			        strerror(-rc));
			rc = 1;
			break;
		}
		/* the worker read most during the scan; wait for the rest */
		collector_finish_cmdlines(
		    c, &s, clock_mono_ms() + COLLECTOR_CMDLINE_WAIT_MS);
		no = realloc(order, (s.nprocs + 1) * sizeof *order);
		if (no == NULL) {
			fprintf(stderr, "oomwatch: out of memory\n");
			rc = 1;
			break;
		}
		order = no;
		batch_history_record(o, &s);
		n = filter_select(&flt, &s, order);
		rank_sort(&s, order, n, opt->sort, desc);
		rc = batch_print(o, opt, &s, order, n, i);
		if (fflush(stdout) != 0)
			rc = 1; /* a closed pipe: stop quietly */
	}
	free(order);
	snapshot_fini(&s);
	batch_out_free(o);
	collector_free(c);
	return rc;
}
