/* scr_changes.c: the changes screen's keys and frame (see scr_changes.h). */
#include "app/scr_changes.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/sanitize.h"

enum changes_cmd {
	CHANGES_UP,
	CHANGES_DOWN,
	CHANGES_PGUP,
	CHANGES_PGDN,
	CHANGES_HOME,
	CHANGES_END,
	CHANGES_UNDO,
};

static const struct scr_binding changes_keys[] = {
    {{KBD_UP, 'k', 0}, CHANGES_UP, "scroll up", NULL},
    {{KBD_DOWN, 'j', 0}, CHANGES_DOWN, "scroll down", NULL},
    {{KBD_PGUP, 0, 0}, CHANGES_PGUP, "page up", NULL},
    {{KBD_PGDN, 0, 0}, CHANGES_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, CHANGES_HOME, "the top", NULL},
    {{KBD_END, 0, 0}, CHANGES_END, "the end", NULL},
    {{'u', 0, 0},
     CHANGES_UNDO,
     "undo the last adj change (on every process it changed)",
     NULL},
};

/* This screen's state. */
static struct scr_changes_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_changes);
}

/* Rows of text the body has room for. */
static size_t
body_rows(const struct ui *ui)
{
	return ui->layout.body.h > 4 ? (size_t)ui->layout.body.h - 3 : 1;
}

/* Lines of the changes screen in all: two headings, the journal (or
 * one "none" line), a blank, the results (or "none"). */
static size_t
total_lines(const struct ui_act *a)
{
	return 2 + (a->journal.ring.len ? a->journal.ring.len : 1) + 1 +
	       (a->log_ring.len ? a->log_ring.len : 1) +
	       (a->journal.dropped ? 1 : 0);
}

/* The last first line: the last line at the bottom of the body. */
static size_t
max_scroll(const struct ui *ui)
{
	size_t total = total_lines(&ui->act), rows = body_rows(ui);

	return total > rows ? total - rows : 0;
}

/* A fresh visit starts at the top. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	st(ui)->scroll = 0;
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_changes_state *s = st(ui);
	size_t page = body_rows(ui), max = max_scroll(ui);

	switch ((enum changes_cmd)cmd) {
	case CHANGES_UP:
		if (s->scroll > 0)
			s->scroll--;
		break;
	case CHANGES_DOWN:
		s->scroll++;
		break;
	case CHANGES_PGUP:
		s->scroll = s->scroll > page ? s->scroll - page : 0;
		break;
	case CHANGES_PGDN:
		s->scroll += page;
		break;
	case CHANGES_HOME:
		s->scroll = 0;
		break;
	case CHANGES_END:
		s->scroll = max;
		break;
	case CHANGES_UNDO:
	default:
		return ui_act_command(ui, UI_ACT_UNDO);
	}
	if (s->scroll > max)
		s->scroll = max;
	return UI_REDRAW;
}

/* "HH:MM:SS" of a wall-clock time in ms. */
static void
clock_text(int64_t unix_ms, char *buf, size_t size)
{
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%H:%M:%S", &tm) == 0)
		snprintf(buf, size, "--:--:--");
}

/* Line n of the changes screen (0 = the first heading). */
static void
changes_line(const struct ui_act *a, size_t n, struct dash_act_line *out)
{
	const struct adjust_change *c;
	const struct ui_act_result *r;
	size_t nj = a->journal.ring.len ? a->journal.ring.len : 1, used, len;
	char at[16], name[16 * 4 + 1];

	out->role = THEME_DIALOG;
	out->text[0] = '\0';
	if (n == 0) {
		out->role = THEME_TITLE;
		snprintf(out->text, sizeof out->text,
		         "oom_score_adj changes (%zu; u undoes the newest)",
		         a->journal.ring.len);
		return;
	}
	n--;
	if (n < nj) {
		if (a->journal.ring.len == 0) {
			out->role = THEME_PROC_NA;
			snprintf(out->text, sizeof out->text, "  none yet");
			return;
		}
		c = adjust_journal_at(&a->journal, a->journal.ring.len - 1 - n);
		clock_text(c->time_unix_ms, at, sizeof at);
		sanitize_text(name, sizeof name, c->comm,
		              strnlen(c->comm, sizeof c->comm), 0, NULL);
		snprintf(out->text, sizeof out->text,
		         "  %s  pid %-7d %-16s adj %5d -> %5d", at, (int)c->pid,
		         name, c->old_adj, c->new_adj);
		return;
	}
	n -= nj;
	if (a->journal.dropped) {
		if (n == 0) {
			out->role = THEME_PROC_NA;
			snprintf(out->text, sizeof out->text,
			         "  (%zu older changes no longer kept)",
			         a->journal.dropped);
			return;
		}
		n--;
	}
	if (n == 0)
		return; /* blank */
	if (n == 1) {
		out->role = THEME_TITLE;
		snprintf(out->text, sizeof out->text,
		         "Results of the last actions (signals, refusals, "
		         "failures too)");
		return;
	}
	n -= 2;
	if (a->log_ring.len == 0) {
		out->role = THEME_PROC_NA;
		snprintf(out->text, sizeof out->text, "  none yet");
		return;
	}
	r = &a->log[ring_newest(&a->log_ring, n)];
	clock_text(r->time_unix_ms, at, sizeof at);
	out->role = r->ok ? THEME_STATUS_OK : THEME_STATUS_ERROR;
	/* (memcpy: snprintf from one ui field into another trips
	 * -Werror=restrict though they never overlap) */
	used = (size_t)snprintf(out->text, sizeof out->text, "  %s  ", at);
	len = strnlen(r->text, sizeof r->text);
	if (used + len >= sizeof out->text)
		len = sizeof out->text - used - 1;
	memcpy(out->text + used, r->text, len);
	out->text[used + len] = '\0';
}

/* The frame: the lines on screen (the scroll is kept in range). */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_changes_state *s = st(ui);
	struct dash_act *v = &ui->act.view;
	size_t rows = body_rows(ui);

	f->body = dash_body_changes;
	f->status_info = "u undoes the newest adj change; Home/End, PgUp/PgDn "
	                 "scroll";
	v->total = total_lines(&ui->act);
	if (s->scroll > max_scroll(ui))
		s->scroll = max_scroll(ui);
	v->scroll = s->scroll;
	v->nlines = 0;
	for (size_t n = s->scroll;
	     n < v->total && v->nlines < rows && v->nlines < SCR_CHANGES_LINES;
	     n++)
		changes_line(&ui->act, n, &s->lines[v->nlines++]);
	v->lines = s->lines;
}

const struct scr_def scr_changes = {
    .name = "Changes",
    .key = '3',
    .state_size = sizeof(struct scr_changes_state),
    .keys = changes_keys,
    .nkeys = sizeof changes_keys / sizeof changes_keys[0],
    .enter = enter,
    .command = command,
    .frame = frame,
};
