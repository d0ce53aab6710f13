/* scr_boots.c: the Boots screen's keys and frame (see scr_boots.h). */
#include "app/scr_boots.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/boots_cli.h"
#include "app/scr_events.h"
#include "collect/bootjob.h"
#include "collect/kmsg.h"
#include "core/clock.h"
#include "model/meterfit.h"

/* Events kept per boot read: the pane shows the newest of them. */
#define BOOTS_EVENTS_KEPT 256

enum boots_cmd {
	BOOTS_UP,
	BOOTS_DOWN,
	BOOTS_HOME,
	BOOTS_END,
	BOOTS_EVENTS,
	BOOTS_RELOAD,
};

static const struct scr_binding boots_keys[] = {
    {{KBD_UP, 'k', 0}, BOOTS_UP, "select the newer boot", NULL},
    {{KBD_DOWN, 'j', 0}, BOOTS_DOWN, "select the older boot", NULL},
    {{KBD_HOME, 0, 0}, BOOTS_HOME, "this boot", NULL},
    {{KBD_END, 0, 0}, BOOTS_END, "the oldest boot", NULL},
    {{KBD_ENTER, 0, 0},
     BOOTS_EVENTS,
     "the selected boot's kernel events in the events view: this boot's "
     "are the live kernel log's; an earlier boot's are read from the "
     "journal, or from its pstore dumps when the journal has none of its "
     "messages (the pane below the table lists them too)",
     NULL},
    {{'r', 0, 0},
     BOOTS_RELOAD,
     "read the history again (wtmp, pstore, the journal)",
     NULL},
};

/* The one line the screen shows in a replay (and its shorter form). */
static const char replay_line[] =
    "replay: the Boots screen reads this machine's boot history, not the "
    "record";
static const char replay_short[] =
    "replay: Boots reads this machine, not the record";

/* This screen's state. */
static struct scr_boots_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_boots);
}

/* The paths the options give. */
static void
paths(const struct ui *ui, struct bootsrc_paths *p)
{
	bootsrc_paths(p, ui->opt ? ui->opt->proc_root : NULL,
	              ui->opt ? ui->opt->sys_root : NULL);
}

/* Start reading the history in the background, unless a read runs. */
static void
start_history(struct ui *ui, struct scr_boots_state *s)
{
	struct bootsrc_paths p;

	if (s->job != NULL || ui->replay != NULL) /* a replay reads no boot */
		return;
	paths(ui, &p);
	s->job_why[0] = '\0';
	s->job = bootjob_history(&p, BOOTSRC_JOURNAL_MS, clock_wall_ms() / 1000,
	                         s->job_why, sizeof s->job_why);
	s->job_events = false;
}

/* Free the history and the events read. */
static void
drop_data(struct scr_boots_state *s)
{
	if (s->data != NULL)
		bootsrc_free(s->data);
	free(s->data);
	s->data = NULL;
	kevents_free(s->kev);
	s->kev = NULL;
}

/* Stop a read still running, free what was read. */
static void
fini(struct ui *ui)
{
	struct scr_boots_state *s = st(ui);

	bootjob_free(s->job); /* kills journalctl, joins the thread */
	s->job = NULL;
	drop_data(s);
}

/* Set the defaults. */
static void
init(struct ui *ui)
{
	st(ui)->events_index = 1;
}

/* One event as a line: time, kind, who, what. */
static void
event_line(const struct kevent *e, char *buf, size_t size)
{
	char when[32] = "[-]";
	int n;

	if (e->time.kind == KLOG_TIME_UNIX)
		clock_wall_text(e->time.usec / 1000, "%Y-%m-%d %H:%M:%S", "-",
		                when, sizeof when);
	else if (e->time.kind == KLOG_TIME_BOOT)
		snprintf(when, sizeof when, "%" PRId64 ".%06" PRId64,
		         e->time.usec / 1000000, e->time.usec % 1000000);
	n = snprintf(buf, size, "%s  %s", when, kevent_kind_name(e->kind));
	if (n < 0 || (size_t)n >= size)
		return;
	if (e->comm.set)
		n += snprintf(buf + n, size - (size_t)n, "  %.*s",
		              (int)e->comm.len, e->comm.s);
	if (e->pid != KLOG_NA && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " pid %" PRId64,
		              e->pid);
	if (e->seconds != KLOG_NA && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " %" PRId64 " s",
		              e->seconds);
	if (e->text.set && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "  %.*s", (int)e->text.len,
		         e->text.s);
}

/* Enter: start reading the selected boot's events in the background
 * (the journal's, else its dumps'); the pane says why when neither has
 * this boot. */
static void
start_events(struct ui *ui, struct scr_boots_state *s)
{
	const struct boots_row *r = &s->data->rows[s->selected];
	struct pstore_record dumps[BOOTSRC_PSTORE_MAX];
	size_t n = bootsrc_row_dumps(s->data, r, dumps, BOOTSRC_PSTORE_MAX);
	struct bootsrc_paths p;

	s->events_index = r->index;
	s->nlines = s->nevents = 0;
	s->events_why[0] = '\0';
	s->events_from = BOOTSRC_FROM_NONE;
	kevents_free(s->kev);
	s->kev = NULL;
	if (!r->in_journal && n == 0) {
		if (s->data->journal_state.ok)
			snprintf(s->events_why, sizeof s->events_why,
			         "the journal has no messages of this boot, "
			         "and pstore no dump");
		else
			snprintf(s->events_why, sizeof s->events_why,
			         "journal %s", s->data->journal_state.why);
		return;
	}
	paths(ui, &p);
	s->job = bootjob_events(&p, r->in_journal ? r->boot_id : NULL, dumps, n,
	                        BOOTS_EVENTS_KEPT, BOOTSRC_JOURNAL_MS,
	                        s->events_why, sizeof s->events_why);
	s->job_events = true;
	s->open_events = s->job != NULL;
}

/* The events read (ev, or NULL: none) into the pane's lines; kept in
 * s->kev for the events view when there are any. */
static void
took_events(struct scr_boots_state *s, struct kevents *ev)
{
	size_t n = ev ? kevents_count(ev) : 0;

	s->nevents = n;
	s->nlines = 0;
	for (size_t i = n; i-- > 0 && s->nlines < BOOTPANE_EVENTS_MAX;)
		event_line(kevents_get(ev, i), s->lines[s->nlines++],
		           sizeof s->lines[0]);
	if (n == 0) {
		kevents_free(ev);
		ev = NULL;
	}
	s->kev = ev;
}

/* Take the result of a read that has ended (the history, or the events
 * into the pane); nothing while it runs. */
static void
pickup(struct scr_boots_state *s)
{
	struct bootsrc_data *d;

	if (s->job == NULL || !bootjob_done(s->job))
		return;
	if (s->job_events) {
		took_events(s, bootjob_take_events(s->job, &s->events_from,
		                                   s->events_why,
		                                   sizeof s->events_why));
	} else if ((d = bootjob_take_history(s->job)) != NULL) {
		drop_data(s);
		s->data = d;
		s->selected = 0;
		s->events_index = 1;
		s->nlines = s->nevents = 0;
	}
	bootjob_free(s->job);
	s->job = NULL;
}

/* The dashboard's kernel-log source as bootsrc names it ("kmsg",
 * "klogctl", "file"), or NULL when it reads none: then this boot's
 * events are the history's like any other's. */
static const char *
live_source(const struct ui *ui)
{
	if (ui->klog.kr == NULL || ui->klog.kev == NULL)
		return NULL;
	return bootsrc_live_name(kmsg_source(ui->klog.kr));
}

/* True when row r is this boot and its events are the live log's. */
static bool
row_live(const struct ui *ui, const struct boots_row *r)
{
	return r->index == 0 && live_source(ui) != NULL;
}

/* Enter on this boot: the events view of the live log (an earlier boot's
 * events it showed are let go). UI_* flags. */
static unsigned
open_live(struct ui *ui, struct scr_boots_state *s)
{
	s->open_events = false;
	kevents_free(ui->klog.boot_kev);
	ui->klog.boot_kev = NULL;
	return scr_goto(ui, &scr_events) | UI_REDRAW;
}

/* Open the events read in the events view (which owns them from then
 * on). UI_* flags. */
static unsigned
open_events(struct ui *ui, struct scr_boots_state *s)
{
	s->open_events = false;
	kevents_free(ui->klog.boot_kev);
	ui->klog.boot_kev = s->kev;
	s->kev = NULL;
	snprintf(ui->klog.boot_info, sizeof ui->klog.boot_info,
	         "boot %d's kernel events (%s), not this boot's; 0: back "
	         "to Boots",
	         s->events_index,
	         s->events_from == BOOTSRC_FROM_PSTORE ? "pstore dump"
	                                               : "journal");
	return scr_goto(ui, &scr_events) | UI_REDRAW;
}

/* True when the events read are of the selected boot. */
static bool
events_selected(const struct scr_boots_state *s)
{
	return s->data != NULL && s->selected < s->data->nrows &&
	       s->data->rows[s->selected].index == s->events_index;
}

/* Take a read that ended; UI_REDRAW when it shows (see scr_boots.h). */
unsigned
scr_boots_poll(struct ui *ui)
{
	struct scr_boots_state *s = st(ui);
	bool ran = s->job != NULL;
	unsigned flags = 0;

	pickup(s);
	if (ran && s->job == NULL && ui->screens.cur == &scr_boots)
		flags = UI_REDRAW;
	if (!s->open_events || s->job != NULL)
		return flags;
	if (s->kev != NULL && ui->screens.cur == &scr_boots &&
	    events_selected(s))
		flags |= open_events(ui, s);
	s->open_events = false;
	return flags;
}

/* After a sample (the refresh tick): scr_boots_poll (the tick redraws). */
static void
sampled(struct ui *ui)
{
	(void)scr_boots_poll(ui);
}

/* The first visit reads the history. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	struct scr_boots_state *s = st(ui);

	(void)from;
	s->open_events = false;
	pickup(s);
	if (s->data == NULL)
		start_history(ui, s);
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_boots_state *s = st(ui);
	size_t n;

	if (ui->replay != NULL)
		return 0; /* nothing to select: replay_line */
	pickup(s);
	if (cmd != BOOTS_EVENTS)
		s->open_events = false; /* another key: the user moved on */
	n = s->data ? s->data->nrows : 0;
	switch (cmd) {
	case BOOTS_UP:
		if (s->selected > 0)
			s->selected--;
		break;
	case BOOTS_DOWN:
		if (s->selected + 1 < n)
			s->selected++;
		break;
	case BOOTS_HOME:
		s->selected = 0;
		break;
	case BOOTS_END:
		s->selected = n ? n - 1 : 0;
		break;
	case BOOTS_EVENTS:
		if (n > 0 && row_live(ui, &s->data->rows[s->selected]))
			return open_live(ui, s);
		if (n == 0 || s->job != NULL)
			return 0; /* one read at a time */
		if (s->kev != NULL && events_selected(s))
			return open_events(ui, s);
		start_events(ui, s);
		break;
	case BOOTS_RELOAD:
	default:
		start_history(ui, s);
		break;
	}
	return UI_REDRAW;
}

/* The role of a row by how it ended. */
static enum theme_role
role_of(enum boots_end e)
{
	switch (e) {
	case BOOTS_PANIC:
	case BOOTS_OOM_PANIC:
		return THEME_KLOG_PANIC;
	case BOOTS_CRASH:
		return THEME_RISK_HIGH;
	case BOOTS_UNKNOWN:
		return THEME_PROC_NA;
	case BOOTS_SHUTDOWN:
	case BOOTS_REBOOT:
	case BOOTS_RUNNING:
	default:
		return THEME_PROC_NORMAL;
	}
}

/* A unix time as "YYYY-MM-DD HH:MM" after mark (' ' or '>'), or "-". */
static void
when(int64_t unix_s, char mark, char *buf, size_t size)
{
	char t[20];

	if (unix_s == KLOG_NA) {
		snprintf(buf, size, "-");
		return;
	}
	clock_wall_text(unix_s * 1000, "%Y-%m-%d %H:%M", "-", t, sizeof t);
	snprintf(buf, size, "%s%s", mark == '>' ? ">" : "", t);
}

/* One table row's text. */
static void
fill_row(const struct boots_row *r, int64_t now, struct dash_boots_row *out)
{
	bool bound = !r->end_exact && r->end != BOOTS_RUNNING;
	char up[15];
	uint32_t n = boots_events(r);

	out->index = r->index;
	if (r->earlier)
		snprintf(out->start, sizeof out->start, "earlier");
	else
		when(r->start_unix_s, ' ', out->start, sizeof out->start);
	when(r->end == BOOTS_RUNNING ? KLOG_NA : r->end_unix_s,
	     bound ? '>' : ' ', out->end, sizeof out->end);
	boots_duration_text(boots_uptime_s(r, now), up, sizeof up);
	snprintf(out->uptime, sizeof out->uptime, "%s%s",
	         bound && up[0] != '-' ? ">" : "", up);
	boots_cli_end_text(r, out->how, sizeof out->how);
	boots_counts_text(r, out->events, sizeof out->events);
	snprintf(out->events_short, sizeof out->events_short, "%u event%s",
	         (unsigned)n, n == 1 ? "" : "s");
	out->role = role_of(r->end);
}

/* Where the selected boot's events come from, in words. */
static const char *
events_from(const struct ui *ui, const struct boots_row *r)
{
	const char *src = row_live(ui, r) ? live_source(ui)
	                                  : boots_cli_events_source(r, NULL);

	if (src == NULL)
		return "no source";
	if (strcmp(src, "kmsg") == 0)
		return "the live kernel log, /dev/kmsg";
	if (strcmp(src, "klogctl") == 0)
		return "the live kernel log, klogctl";
	if (strcmp(src, "file") == 0)
		return "the kernel log file read";
	return strcmp(src, "journal+pstore") == 0 ? "journal and pstore" : src;
}

/* The events title's forms when none were read: why, then without the
 * parenthesised remarks. */
static void
title_none(const struct scr_boots_state *s, int index,
           char (*title)[BOOTPANE_TEXT])
{
	char why[sizeof s->events_why], brief[sizeof s->events_why];
	const char *w = s->events_why[0] ? s->events_why : "none in its log";

	/* "journal: not available (..)" reads "journal not available (..)" */
	if (strncmp(w, "journal: ", 9) == 0)
		snprintf(why, sizeof why, "journal %s", w + 9);
	else
		snprintf(why, sizeof why, "%s", w);
	meterfit_remarks(why, brief, sizeof brief, NULL, 0);
	snprintf(title[0], BOOTPANE_TEXT, "Boot %d: no events: %s", index, why);
	if (strcmp(brief, why) != 0)
		snprintf(title[1], BOOTPANE_TEXT, "Boot %d: no events: %s",
		         index, brief);
}

/* The title's forms before Enter: where Enter reads r's events from. */
static void
hint_title(const struct boots_row *r, char (*title)[BOOTPANE_TEXT])
{
	int i = r->index;

	if (r->in_journal)
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot %d: Enter reads its events from the journal%s",
		         i, r->dumps > 0 ? " (else from its pstore dump)" : "");
	else if (r->dumps > 0)
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot %d: Enter: the events of its pstore dump%s", i,
		         r->dumps > 1 ? "s" : "");
	else
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot %d: no events to read: neither the journal nor "
		         "pstore has this boot",
		         i);
	snprintf(title[1], BOOTPANE_TEXT, "Boot %d: Enter: its events", i);
}

/* The events title's forms for the selected boot r. */
static void
fill_title(const struct ui *ui, const struct scr_boots_state *s,
           const struct boots_row *r, char (*title)[BOOTPANE_TEXT])
{
	int i = r->index;

	if (row_live(ui, r)) {
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot 0 (running): Enter opens the events view of the "
		         "live kernel log");
		snprintf(title[1], BOOTPANE_TEXT,
		         "Boot 0: Enter: the live events view");
	} else if (s->events_index != i) {
		hint_title(r, title);
	} else if (s->job != NULL && s->job_events) {
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot %d: reading its kernel events (%s)...", i,
		         r->in_journal ? "journalctl" : "pstore");
		snprintf(title[1], BOOTPANE_TEXT, "Boot %d: reading...", i);
	} else if (s->nevents == 0) {
		title_none(s, i, title);
	} else {
		snprintf(title[0], BOOTPANE_TEXT,
		         "Boot %d: %zu kernel event%s from %s, oldest first", i,
		         s->nevents, s->nevents == 1 ? "" : "s",
		         s->events_from == BOOTSRC_FROM_PSTORE
		             ? "its pstore dump"
		             : "the journal");
		snprintf(title[1], BOOTPANE_TEXT, "Boot %d: %zu event%s", i,
		         s->nevents, s->nevents == 1 ? "" : "s");
	}
}

/* This boot's OOM kills by the kernel's own counter, when the log's
 * buffer no longer holds them all (forms into line); false when it
 * does, or the counter is not known. */
static bool
fill_kills(const struct ui *ui, const struct boots_row *r,
           char (*line)[BOOTPANE_TEXT])
{
	int64_t k = ui->kills.seen;

	if (k == SNAP_NA || k <= (int64_t)r->counts[KEVENT_OOM_KILL])
		return false;
	snprintf(line[0], BOOTPANE_TEXT,
	         "the kernel counted %" PRId64 " OOM kills this boot "
	         "(/proc/vmstat oom_kill); its log kept the newest %u",
	         k, (unsigned)r->counts[KEVENT_OOM_KILL]);
	snprintf(line[1], BOOTPANE_TEXT,
	         "%" PRId64 " OOM kills this boot "
	         "(/proc/vmstat)",
	         k);
	return true;
}

/* The selected boot's detail lines (each with a shorter form) and events
 * title. */
static void
fill_detail(const struct ui *ui, const struct scr_boots_state *s,
            struct dash_boots *v)
{
	const struct boots_row *r = &s->data->rows[s->selected];
	char ev[96];

	memset(v->detail, 0, sizeof v->detail);
	memset(v->events_title, 0, sizeof v->events_title);
	snprintf(v->detail[0][0], BOOTPANE_TEXT,
	         "id %s  kernel %s  in wtmp: %s, journal: %s, pstore dumps: %u",
	         r->boot_id[0] ? r->boot_id : "-",
	         r->kernel[0] ? r->kernel : "-", r->in_wtmp ? "yes" : "no",
	         r->in_journal ? "yes" : "no", r->dumps);
	snprintf(v->detail[0][1], BOOTPANE_TEXT,
	         "in wtmp: %s, journal: %s, pstore dumps: %u",
	         r->in_wtmp ? "yes" : "no", r->in_journal ? "yes" : "no",
	         r->dumps);
	boots_cli_end_text(r, v->detail[1][0], BOOTPANE_TEXT);
	boots_counts_text(r, ev, sizeof ev);
	snprintf(v->detail[2][0], BOOTPANE_TEXT, "kernel events (%s): %s",
	         events_from(ui, r), ev);
	snprintf(v->detail[2][1], BOOTPANE_TEXT, "kernel events: %s", ev);
	/* once the events are listed, their counts are no news */
	v->ndetail =
	    s->events_index == r->index && s->nevents > 0 && !row_live(ui, r)
	        ? 2
	        : 3;
	if (row_live(ui, r) && fill_kills(ui, r, v->detail[3]))
		v->ndetail = 4;
	fill_title(ui, s, r, v->events_title);
	if (s->events_index == r->index && !row_live(ui, r)) {
		memcpy(v->events, s->lines, s->nlines * sizeof s->lines[0]);
		v->nevents = s->nlines;
	}
}

/* The sources line's forms: every source's words, without the remarks,
 * one or two words a source; the running log's counts go to this boot. */
static void
fill_sources(struct ui *ui, struct scr_boots_state *s, struct dash_boots *v)
{
	for (int k = 0; k < BOOTPANE_FORMS; k++)
		boots_cli_sources(s->data, k, v->sources[k], BOOTPANE_TEXT);
	if (live_source(ui) != NULL) {
		boots_live_counts(s->data->rows, s->data->nrows,
		                  kevents_stats(ui->klog.kev).by_kind);
		s->data->live_source = live_source(ui);
	}
}

/* The frame in a replay: replay_line alone (no table, nothing read). */
static void
replay_frame(struct dash_boots *v, struct dash_frame *f)
{
	memset(v, 0, sizeof *v);
	snprintf(v->sources[0], BOOTPANE_TEXT, "%s", replay_line);
	snprintf(v->sources[1], BOOTPANE_TEXT, "%s", replay_short);
	v->reading = true; /* the body draws the sources line alone */
	f->body = dash_body_boots;
	f->screen_data = v;
	f->status_info = replay_line;
}

/* The frame: the table and the selected boot, or what is being read. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_boots_state *s = st(ui);
	struct dash_boots *v = &s->view;
	int64_t now = clock_wall_ms() / 1000;
	bool reading;

	if (ui->replay != NULL) {
		replay_frame(v, f);
		return;
	}
	pickup(s); /* a redraw shows a read that ended */
	reading = s->job != NULL;
	v->nrows = v->ndetail = v->nevents = 0;
	memset(v->sources, 0, sizeof v->sources);
	memset(v->events_title, 0, sizeof v->events_title);
	v->reading = reading && !s->job_events;
	if (s->data != NULL) {
		fill_sources(ui, s, v);
		for (size_t i = 0;
		     i < s->data->nrows && v->nrows < BOOTPANE_ROWS_MAX; i++)
			fill_row(&s->data->rows[i], now, &v->rows[v->nrows++]);
		v->selected = s->selected < v->nrows ? s->selected : 0;
		if (v->nrows > 0)
			fill_detail(ui, s, v);
	} else if (!reading) {
		snprintf(v->sources[0], BOOTPANE_TEXT,
		         "the boot history could not be read (%s)",
		         s->job_why[0] ? s->job_why : "out of memory");
		snprintf(v->sources[1], BOOTPANE_TEXT,
		         "the boot history could not be read");
	}
	if (v->reading) {
		snprintf(v->sources[0], BOOTPANE_TEXT,
		         "reading the boot history (journalctl)...");
		snprintf(v->sources[1], BOOTPANE_TEXT,
		         "reading the boot history...");
		v->sources[2][0] = '\0';
	}
	f->body = dash_body_boots;
	f->screen_data = v;
	f->status_info =
	    reading ? "reading in the background (journalctl, at most 3 s); "
	              "r and Enter wait for it"
	            : "how the previous boots ended; Enter: a boot's events, "
	              "r: read again";
}

const struct scr_def scr_boots = {
    .name = "Boots",
    .key = '0',
    .state_size = sizeof(struct scr_boots_state),
    .keys = boots_keys,
    .nkeys = sizeof boots_keys / sizeof boots_keys[0],
    .init = init,
    .fini = fini,
    .enter = enter,
    .command = command,
    .sampled = sampled,
    .frame = frame,
};
