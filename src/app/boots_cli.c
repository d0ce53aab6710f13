/*
 * boots_cli.c: `oomwatch --boots [--json]` (see boots_cli.h). The table
 * gives, per boot (newest first): journalctl -b's number, the start, how
 * long it ran, the end, how it ended and its kernel events; a line above
 * it says what each source gave, or why it is not available. Every string
 * from the sources goes through the one sanitizer.
 */
#include "app/boots_cli.h"

#include <inttypes.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "app/modes.h"
#include "core/clock.h"
#include "core/json.h"
#include "core/sanitize.h"
#include "model/meterfit.h"

/* A source's state in one or two words: "empty", "not available". */
static const char *
brief_why(const struct bootsrc_state *st)
{
	if (!st->ok)
		return "not available";
	return strstr(st->why, "is empty") != NULL ? "empty" : "nothing";
}

/* "name: what" for one source, appended at buf + *used; brief: without
 * the paths and the reasons. */
static void
source_text(char *buf, size_t size, size_t *used, const char *name,
            const struct bootsrc_state *st, size_t n, const char *unit,
            bool brief)
{
	const char *why = brief ? "" : st->why;
	int k;

	if (*used >= size)
		return;
	if (st->ok && n > 0)
		k = snprintf(buf + *used, size - *used, "%s%s: %zu %s%s%s%s%s",
		             *used ? "; " : "", name, n, unit,
		             n == 1 ? "" : "s", why[0] ? " (" : "", why,
		             why[0] ? ")" : "");
	else
		k = snprintf(buf + *used, size - *used, "%s%s: %s",
		             *used ? "; " : "", name,
		             brief        ? brief_why(st)
		             : st->why[0] ? st->why
		                          : "nothing");
	*used += k > 0 ? (size_t)k : 0;
}

/* What each source gave. */
void
boots_cli_sources(const struct bootsrc_data *d, int level, char *buf,
                  size_t size)
{
	char full[3 * BOOTSRC_WHY_MAX + 64];
	size_t used = 0;
	bool brief = level >= 2;
	struct bootsrc_state ok = {.ok = true, .why = ""};

	full[0] = '\0';
	source_text(full, sizeof full, &used, "wtmp", &d->wtmp_state, d->nwtmp,
	            "boot", brief);
	source_text(full, sizeof full, &used, "journal", &d->journal_state,
	            d->njournal, "boot", brief);
	if (d->npstore > 0) {
		source_text(full, sizeof full, &used, "pstore", &ok, d->npstore,
		            "dump", brief);
	} else {
		source_text(full, sizeof full, &used, "pstore",
		            &d->pstore_state, 0, "", brief);
		source_text(full, sizeof full, &used, "systemd-pstore",
		            &d->systemd_state, 0, "", brief);
	}
	if (d->nrows > 0 && d->rows[0].newer > 0 && used < sizeof full)
		snprintf(full + used, sizeof full - used,
		         "; %u boot%s after this one's start left out%s",
		         d->rows[0].newer, d->rows[0].newer == 1 ? "" : "s",
		         brief ? "" : " (a container's wtmp?)");
	if (level == 1)
		meterfit_remarks(full, buf, size, NULL, 0);
	else
		snprintf(buf, size, "%s", full);
}

/* How a row ended, in words. */
void
boots_cli_end_text(const struct boots_row *r, char *buf, size_t size)
{
	char msg[4 * KEVENT_TEXT_MAX + 1];
	unsigned flags =
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0 ? SANITIZE_ASCII : 0;

	if ((r->end == BOOTS_PANIC || r->end == BOOTS_OOM_PANIC) &&
	    r->panic.set) {
		sanitize_text(msg, sizeof msg, r->panic.s, r->panic.len, flags,
		              NULL);
		snprintf(buf, size, "%s: %s", boots_end_words(r->end), msg);
	} else {
		snprintf(buf, size, "%s", boots_end_words(r->end));
	}
}

/* A unix time as local "YYYY-MM-DD HH:MM:SS", or "-". */
static char *
when(int64_t unix_s, char *buf, size_t size)
{
	if (unix_s == KLOG_NA)
		return strcpy(buf, "-");
	return clock_wall_text(unix_s * 1000, "%Y-%m-%d %H:%M:%S", "-", buf,
	                       size);
}

/* "; OOM kills: 31 in the log, 529 this boot (/proc/vmstat)" after this
 * boot's end (the last column), when the kernel's counter has more than
 * its log. */
static void
vmstat_kills(const struct bootsrc_data *d, const struct boots_row *r, char *buf,
             size_t size)
{
	size_t used = strlen(buf);

	if (d->oom_kill_vmstat > (int64_t)r->counts[KEVENT_OOM_KILL])
		snprintf(buf + used, size - used,
		         "; OOM kills: %u in the log, %" PRId64
		         " this boot (/proc/vmstat)",
		         (unsigned)r->counts[KEVENT_OOM_KILL],
		         d->oom_kill_vmstat);
}

/* The sources line. */
static void
print_sources(const struct bootsrc_data *d)
{
	char src[3 * BOOTSRC_WHY_MAX];

	boots_cli_sources(d, 0, src, sizeof src);
	if (d->live_source != NULL)
		printf("%s; kernel log: %s, %" PRIu64 " records%s%s%s\n", src,
		       d->live_source, d->live_records,
		       d->live_state.why[0] ? " (" : "", d->live_state.why,
		       d->live_state.why[0] ? ")" : "");
	else
		printf("%s; kernel log: %s\n", src, d->live_state.why);
}

/* The table. */
static void
print_text(const struct bootsrc_data *d)
{
	char start[32], end[32], up[24], how[1200], ev[256];
	const struct boots_row *r;

	print_sources(d);
	printf("%5s  %-19s  %-8s  %-20s  %-40s  %s\n", "BOOT", "STARTED",
	       "UPTIME", "ENDED", "EVENTS", "HOW IT ENDED");
	for (size_t i = 0; i < d->nrows; i++) {
		r = &d->rows[i];
		when(r->end == BOOTS_RUNNING ? KLOG_NA : r->end_unix_s, end + 1,
		     sizeof end - 1);
		end[0] = r->end_exact || end[1] == '-' ? ' ' : '>';
		boots_duration_text(boots_uptime_s(r, d->now_unix_s), up + 1,
		                    sizeof up - 1);
		up[0] = r->end_exact || r->end == BOOTS_RUNNING || up[1] == '-'
		            ? ' '
		            : '>';
		boots_cli_end_text(r, how, sizeof how);
		boots_counts_text(r, ev, sizeof ev);
		if (r->index == 0)
			vmstat_kills(d, r, how, sizeof how);
		printf("%5d  %-19s %-9s %-21s  %-40s  %s\n", r->index,
		       when(r->start_unix_s, start, sizeof start), up, end, ev,
		       how);
	}
}

/* One source's state as a JSON member. */
static void
json_source(const char *name, const struct bootsrc_state *st, size_t n,
            bool last)
{
	printf("\"%s\": {\"ok\": %s, \"count\": %zu, \"note\": ", name,
	       st->ok ? "true" : "false", n);
	json_cstr_or_null(stdout, st->why[0] ? st->why : NULL);
	printf("}%s", last ? "" : ", ");
}

/* Where a row's event counts came from: the kernel log's source for the
 * running boot (live), else "journal", "pstore", "journal+pstore", or
 * NULL. */
const char *
boots_cli_events_source(const struct boots_row *r, const char *live)
{
	if (r->live && live != NULL)
		return live;
	if (r->in_journal)
		return r->dumps > 0 ? "journal+pstore" : "journal";
	return r->dumps > 0 ? "pstore" : NULL;
}

/* One row as a JSON object. */
static void
json_row(const struct boots_row *r, const struct bootsrc_data *d)
{
	int64_t now = d->now_unix_s;
	const char *live = d->live_source;

	printf("{\"index\": %d, \"boot_id\": ", r->index);
	json_cstr_or_null(stdout, r->boot_id[0] ? r->boot_id : NULL);
	printf(", \"start\": ");
	json_int_or_null(stdout, r->start_unix_s, KLOG_NA);
	printf(", \"end\": ");
	json_int_or_null(
	    stdout, r->end == BOOTS_RUNNING ? KLOG_NA : r->end_unix_s, KLOG_NA);
	printf(", \"end_exact\": %s, \"uptime_s\": ",
	       r->end_exact ? "true" : "false");
	json_int_or_null(stdout, boots_uptime_s(r, now), KLOG_NA);
	printf(", \"ended\": \"%s\", \"panic_message\": ",
	       boots_end_name(r->end));
	if (r->panic.set)
		json_string(stdout, r->panic.s, r->panic.len);
	else
		fputs("null", stdout);
	printf(", \"kernel\": ");
	json_cstr_or_null(stdout, r->kernel[0] ? r->kernel : NULL);
	printf(", \"in_wtmp\": %s, \"in_journal\": %s, \"earlier\": %s, "
	       "\"dumps\": %u, \"events_source\": ",
	       r->in_wtmp ? "true" : "false", r->in_journal ? "true" : "false",
	       r->earlier ? "true" : "false", r->dumps);
	json_cstr_or_null(stdout, boots_cli_events_source(r, live));
	printf(", \"events\": {");
	for (size_t k = 0; k < KEVENT_KIND_COUNT; k++)
		printf("%s\"%s\": %u", k ? ", " : "",
		       kevent_kind_name((enum kevent_kind)k),
		       (unsigned)r->counts[k]);
	printf("}, \"oom_kill_vmstat\": ");
	json_int_or_null(stdout, r->index == 0 ? d->oom_kill_vmstat : -1, -1);
	printf(", \"newer_left_out\": %u}", r->newer);
}

/* The dumps read from one of the two pstore places. */
static size_t
dumps(const struct bootsrc_data *d, bool systemd)
{
	size_t n = 0;

	for (size_t i = 0; i < d->npstore; i++)
		n += d->pstore[i].systemd == systemd;
	return n;
}

/* The whole history as one JSON object on one line. */
static void
print_json(const struct bootsrc_data *d)
{
	printf("{\"sources\": {");
	json_source("wtmp", &d->wtmp_state, d->nwtmp, false);
	json_source("journal", &d->journal_state, d->njournal, false);
	json_source("pstore", &d->pstore_state, dumps(d, false), false);
	json_source("systemd_pstore", &d->systemd_state, dumps(d, true), false);
	json_source("kernel_log", &d->live_state, d->live_records, true);
	printf("}, \"boots\": [");
	for (size_t i = 0; i < d->nrows; i++) {
		if (i)
			printf(", ");
		json_row(&d->rows[i], d);
	}
	printf("]}\n");
}

/* Print the boot history. */
int
boots_run(const struct options *opt)
{
	static struct bootsrc_data d;
	struct bootsrc_paths p;

	bootsrc_paths(&p, opt->proc_root, opt->sys_root);
	bootsrc_load(&d, &p, BOOTSRC_JOURNAL_MS, clock_wall_ms() / 1000);
	bootsrc_live(&d, opt->kmsg_file, NULL, NULL, BOOTSRC_KMSG_MS);
	if (opt->json)
		print_json(&d);
	else
		print_text(&d);
	bootsrc_free(&d);
	return 0;
}
