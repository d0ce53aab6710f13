/* scr_boots.c: the Boots screen's keys and frame (see scr_boots.h). */
#include "app/scr_boots.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/boots_cli.h"
#include "app/scr_events.h"
#include "collect/bootjob.h"
#include "core/clock.h"

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
     "read the selected boot's kernel events from the journal: the events "
     "view shows them (and the pane below the table lists them)",
     NULL},
    {{'r', 0, 0},
     BOOTS_RELOAD,
     "read the history again (wtmp, pstore, the journal)",
     NULL},
};

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

	if (s->job != NULL)
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

/* Enter: start reading the selected boot's events in the background;
 * the pane says why when the journal has none of this boot. */
static void
start_events(struct ui *ui, struct scr_boots_state *s)
{
	const struct boots_row *r = &s->data->rows[s->selected];
	struct bootsrc_paths p;

	s->events_index = r->index;
	s->nlines = s->nevents = 0;
	s->events_why[0] = '\0';
	kevents_free(s->kev);
	s->kev = NULL;
	if (!r->in_journal) {
		snprintf(s->events_why, sizeof s->events_why,
		         "the journal has no messages of this boot (%.*s)",
		         (int)(sizeof s->events_why - 60),
		         s->data->journal_state.ok
		             ? "it holds other boots"
		             : s->data->journal_state.why);
		return;
	}
	paths(ui, &p);
	s->job = bootjob_events(&p, r->boot_id, BOOTS_EVENTS_KEPT,
	                        BOOTSRC_JOURNAL_MS, s->events_why,
	                        sizeof s->events_why);
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
		took_events(s, bootjob_take_events(s->job, s->events_why,
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
	         "boot %d's kernel events (journal), not this boot's; 0: back "
	         "to Boots",
	         s->events_index);
	return scr_goto(ui, &scr_events) | UI_REDRAW;
}

/* True when the events read are of the selected boot. */
static bool
events_selected(const struct scr_boots_state *s)
{
	return s->data != NULL && s->selected < s->data->nrows &&
	       s->data->rows[s->selected].index == s->events_index;
}

/* After a sample (the refresh tick): take a read that ended; events that
 * Enter asked for open in the events view when this screen and their
 * boot are still current. */
static void
sampled(struct ui *ui)
{
	struct scr_boots_state *s = st(ui);

	pickup(s);
	if (!s->open_events || s->job != NULL)
		return;
	if (s->kev != NULL && ui->screens.cur == &scr_boots &&
	    events_selected(s))
		(void)open_events(ui, s); /* the tick's redraw draws it */
	s->open_events = false;
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
fill_row(const struct bootsrc_data *d, const struct boots_row *r, int64_t now,
         struct dash_boots_row *out)
{
	bool bound = !r->end_exact && r->end != BOOTS_RUNNING;
	char up[15];

	out->index = r->index;
	when(r->start_unix_s, ' ', out->start, sizeof out->start);
	when(r->end == BOOTS_RUNNING ? KLOG_NA : r->end_unix_s,
	     bound ? '>' : ' ', out->end, sizeof out->end);
	boots_duration_text(boots_uptime_s(r, now), up, sizeof up);
	snprintf(out->uptime, sizeof out->uptime, "%s%s",
	         bound && up[0] != '-' ? ">" : "", up);
	boots_cli_end_text(r, out->how, sizeof out->how);
	boots_counts_text(r, out->events, sizeof out->events);
	out->role = role_of(r->end);
	(void)d;
}

/* The selected boot's detail lines and events title. */
static void
fill_detail(const struct scr_boots_state *s, struct dash_boots *v)
{
	const struct boots_row *r = &s->data->rows[s->selected];
	char ev[96];

	snprintf(v->detail[0], sizeof v->detail[0],
	         "id %s  kernel %s  in wtmp: %s, journal: %s, pstore dumps: %u",
	         r->boot_id[0] ? r->boot_id : "-",
	         r->kernel[0] ? r->kernel : "-", r->in_wtmp ? "yes" : "no",
	         r->in_journal ? "yes" : "no", r->dumps);
	boots_cli_end_text(r, v->detail[1], sizeof v->detail[1]);
	snprintf(v->detail[2], sizeof v->detail[2], "kernel events: %s",
	         boots_counts_text(r, ev, sizeof ev));
	/* once the events are listed, their counts are no news */
	v->ndetail = s->events_index == r->index && s->nevents > 0 ? 2 : 3;
	if (s->events_index != r->index)
		snprintf(v->events_title, sizeof v->events_title,
		         "Boot %d: Enter reads its events from the journal",
		         r->index);
	else if (s->job != NULL && s->job_events)
		snprintf(v->events_title, sizeof v->events_title,
		         "Boot %d: reading its kernel events (journalctl)...",
		         r->index);
	else if (s->nevents == 0)
		snprintf(v->events_title, sizeof v->events_title,
		         "Boot %d: no events read (%s)", r->index,
		         s->events_why[0] ? s->events_why : "none in its log");
	else
		snprintf(v->events_title, sizeof v->events_title,
		         "Boot %d: %zu kernel event%s from the journal, oldest "
		         "first",
		         r->index, s->nevents, s->nevents == 1 ? "" : "s");
	if (s->events_index == r->index) {
		memcpy(v->events, s->lines, s->nlines * sizeof s->lines[0]);
		v->nevents = s->nlines;
	}
}

/* The frame: the table and the selected boot, or what is being read. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_boots_state *s = st(ui);
	struct dash_boots *v = &s->view;
	int64_t now = clock_wall_ms() / 1000;
	bool reading;

	pickup(s); /* a redraw shows a read that ended */
	reading = s->job != NULL;
	v->nrows = v->ndetail = v->nevents = 0;
	v->events_title[0] = '\0';
	v->reading = reading && !s->job_events;
	if (s->data != NULL) {
		boots_cli_sources(s->data, v->sources, sizeof v->sources);
		for (size_t i = 0;
		     i < s->data->nrows && v->nrows < BOOTPANE_ROWS_MAX; i++)
			fill_row(s->data, &s->data->rows[i], now,
			         &v->rows[v->nrows++]);
		v->selected = s->selected < v->nrows ? s->selected : 0;
		if (v->nrows > 0)
			fill_detail(s, v);
	} else if (!reading) {
		snprintf(v->sources, sizeof v->sources,
		         "the boot history could not be read (%s)",
		         s->job_why[0] ? s->job_why : "out of memory");
	}
	if (v->reading)
		snprintf(v->sources, sizeof v->sources,
		         "reading the boot history (journalctl)...");
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
