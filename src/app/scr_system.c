/* scr_system.c: the System screen's keys, reads and frame (see
 * scr_system.h). */
#include "app/scr_system.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app/replay.h"

enum system_cmd {
	SYS_UP,
	SYS_DOWN,
	SYS_PGUP,
	SYS_PGDN,
	SYS_HOME,
	SYS_END,
	SYS_STACKS,
};

static const struct scr_binding system_keys[] = {
    {{KBD_UP, 0, 0}, SYS_UP, "scroll up", NULL},
    {{KBD_DOWN, 'j', 0}, SYS_DOWN, "scroll down", NULL},
    {{KBD_PGUP, 0, 0}, SYS_PGUP, "page up", NULL},
    {{KBD_PGDN, ' ', 0}, SYS_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, SYS_HOME, "top", NULL},
    {{KBD_END, 0, 0}, SYS_END, "bottom", NULL},
    {{'s', 0, 0},
     SYS_STACKS,
     "kernel stacks of the tasks in D (root: /proc/PID/stack)",
     NULL},
};

/* This screen's state. */
static struct scr_system_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_system);
}

/* Open the reader once; false (with sf_err) when it cannot be. */
static bool
sys_open(struct ui *ui, struct scr_system_state *s)
{
	if (!s->sf_tried) {
		s->sf_tried = true;
		s->sf = sysfiles_new(ui->opt ? ui->opt->proc_root : NULL,
		                     s->sf_err, sizeof s->sf_err);
	}
	return s->sf != NULL;
}

/* The strip's row for the current sample, once per sample, whatever
 * the screen: /proc/stat and loadavg only (memory and swap come from the
 * snapshot), so the strip holds the last minute when the screen comes
 * back. */
static void
sys_strip(struct ui *ui, struct scr_system_state *s)
{
	if (!ui->have_snap || (s->have_stat && s->stat_ms == ui->snap.mono_ms))
		return;
	if (!sys_open(ui, s))
		return;
	sysfiles_read_stat(s->sf, &s->sample);
	sysstat_push(&s->stat, &s->sample.raw, &ui->snap, sysfiles_page_kb());
	s->have_stat = true;
	s->stat_ms = ui->snap.mono_ms;
}

/* In a replay: the strip rebuilt from the record, no file read: the
 * cursor's sample and those of its boot in the minute before it, from
 * the newest at or before a minute back (it primes the deltas). */
static void
sys_replay_strip(struct ui *ui, struct scr_system_state *s)
{
	struct replay *rp = ui->replay;
	int64_t boot = recreplay_sample(rp->rr, rp->cur)->boot;
	size_t i = recreplay_step(rp->rr, rp->cur, -(int64_t)SYSSTAT_WINDOW_MS);
	struct sysstat_raw none; /* /proc/stat and loadavg: not recorded */
	struct snapshot sys;

	sysstat_init(&s->stat);
	sysstat_raw_clear(&none);
	snapshot_init(&sys);
	for (; i <= rp->cur; i++) {
		if (recreplay_sample(rp->rr, i)->boot == boot &&
		    recreplay_snapshot_sys(rp->rr, i, &sys) == 0)
			sysstat_push(&s->stat, &none, &sys, sysfiles_page_kb());
	}
	snapshot_fini(&sys);
	s->have_stat = true;
	s->stat_ms = ui->snap.mono_ms;
}

/* Read the other files for the current sample, once per sample. */
static void
sys_read(struct ui *ui)
{
	struct scr_system_state *s = st(ui);

	if (!ui->have_snap ||
	    (s->have_sample && s->read_ms == ui->snap.mono_ms))
		return;
	sys_strip(ui, s);
	if (!sys_open(ui, s))
		return;
	sysfiles_read(s->sf, &s->sample);
	sysfiles_update_dtasks(s->sf, &s->tasks, &ui->snap);
	sysfiles_read_tasks(s->sf, &s->tasks, s->stacks);
	s->have_sample = true;
	s->read_ms = ui->snap.mono_ms;
}

/* After a sample: the strip's row; the D tasks among every thread and
 * the other files when current, else the D processes from the rows. */
static void
sampled(struct ui *ui)
{
	struct scr_system_state *s = st(ui);

	if (s == NULL || !ui->have_snap)
		return;
	if (ui->replay != NULL) { /* the record, while current */
		if (ui->screens.cur == &scr_system)
			sys_replay_strip(ui, s);
		return;
	}
	sys_strip(ui, s);
	if (ui->screens.cur == &scr_system && s->sf != NULL)
		sys_read(ui);
	else
		dtasks_update(&s->tasks, &ui->snap, ui->snap.mono_ms);
}

/* A fresh visit: from the top, the strip kept, the files read now. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	struct scr_system_state *s = st(ui);

	(void)from;
	s->view.top = 0;
	s->have_sample = false;
	if (ui->replay != NULL && ui->have_snap)
		sys_replay_strip(ui, s);
	else if (ui->replay == NULL)
		sys_read(ui);
}

/* The largest first line that still fills the body. */
static size_t
max_top(const struct ui *ui)
{
	const struct layout_rect *r = &ui->layout.body;
	size_t n = syspane_lines(&st(ui)->view, r->h, r->w);

	return r->h > 0 && n > (size_t)r->h ? n - (size_t)r->h : 0;
}

/* Scroll by delta lines (clamped). */
static unsigned
scroll(struct ui *ui, long delta)
{
	struct scr_system_state *s = st(ui);
	size_t max = max_top(ui);
	long top = (long)s->view.top + delta;

	if (top < 0)
		top = 0;
	s->view.top = (size_t)top > max ? max : (size_t)top;
	return UI_REDRAW;
}

/* 's': kernel stacks on or off (on: read now, for the D tasks only). */
static unsigned
toggle_stacks(struct ui *ui)
{
	struct scr_system_state *s = st(ui);

	if (ui->replay != NULL) {
		ui_status(ui, THEME_STATUS_INFO,
		          "replay: the tasks' kernel stacks are not recorded");
		return UI_REDRAW;
	}
	s->stacks = !s->stacks;
	if (s->stacks && sys_open(ui, s))
		sysfiles_read_tasks(s->sf, &s->tasks, true);
	ui_status(ui, THEME_STATUS_INFO, "kernel stacks of the tasks in D %s",
	          s->stacks ? "shown (read from /proc/PID/stack, root only)"
	                    : "hidden");
	return UI_REDRAW;
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	long page = ui->layout.body.h > 1 ? ui->layout.body.h - 1 : 1;

	switch ((enum system_cmd)cmd) {
	case SYS_UP:
		return scroll(ui, -1);
	case SYS_DOWN:
		return scroll(ui, 1);
	case SYS_PGUP:
		return scroll(ui, -page);
	case SYS_PGDN:
		return scroll(ui, page);
	case SYS_HOME:
		return scroll(ui, -(long)st(ui)->view.top);
	case SYS_END:
		return scroll(ui, (long)max_top(ui));
	case SYS_STACKS:
	default:
		return toggle_stacks(ui);
	}
}

/* Point the view at this screen's data (in a replay: the rebuilt strip
 * and the recorded PSI memory; the rest not recorded, NULL). */
static void
fill_view(struct ui *ui, struct scr_system_state *s)
{
	struct syspane_view *v = &s->view;

	if (ui->replay != NULL) {
		*v = (struct syspane_view){
		    .stat = &s->stat,
		    .psi_mem = ui->have_snap ? &ui->snap.psi : NULL,
		    .top = v->top,
		    .recorded = true,
		};
		return;
	}

	v->stat = &s->stat;
	v->raw = s->have_sample ? &s->sample.raw : NULL;
	v->load_err = s->sample.load_err;
	v->psi_cpu = s->have_sample ? &s->sample.psi_cpu : NULL;
	v->psi_io = s->have_sample ? &s->sample.psi_io : NULL;
	v->psi_mem = ui->have_snap ? &ui->snap.psi : NULL;
	v->tasks = &s->tasks;
	v->sv = s->have_sample ? &s->sample.sysctl : NULL;
	v->stacks = s->stacks;
	v->none = s->sf_tried && s->sf == NULL ? s->sf_err : NULL;
}

/* The frame: the body and the keys in the status line. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_system_state *s = st(ui);
	size_t max;

	fill_view(ui, s);
	max = max_top(ui);
	if (s->view.top > max)
		s->view.top = max; /* the terminal grew */
	f->screen_data = &s->view;
	f->body = dash_body_system;
	if (ui->replay != NULL)
		snprintf(s->status, sizeof s->status,
		         "replay: the recorded sample; Up/Down PgUp/PgDn: "
		         "scroll");
	else
		snprintf(s->status, sizeof s->status,
		         "s: kernel stacks %s, Up/Down PgUp/PgDn: scroll",
		         s->stacks ? "off" : "on");
	f->status_info = s->status;
}

/* Empty history and task list. */
static void
init(struct ui *ui)
{
	struct scr_system_state *s = st(ui);

	sysstat_init(&s->stat);
	dtasks_init(&s->tasks);
	sysctl_values_clear(&s->sample.sysctl, ENODATA);
}

/* Close the reader. */
static void
fini(struct ui *ui)
{
	struct scr_system_state *s = st(ui);

	if (s == NULL)
		return;
	sysfiles_free(s->sf);
	s->sf = NULL;
}

const struct scr_def scr_system = {
    .name = "System",
    .short_name = "Sys",
    .key = '9',
    .state_size = sizeof(struct scr_system_state),
    .keys = system_keys,
    .nkeys = sizeof system_keys / sizeof system_keys[0],
    .init = init,
    .fini = fini,
    .enter = enter,
    .command = command,
    .sampled = sampled,
    .frame = frame,
};
