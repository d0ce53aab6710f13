/*
 * actdialogs.c: the action dialogs and the changes screen, drawn from the
 * frame's struct dash_act (the app holds the targets and runs the
 * actions; this file only shows them):
 *  - the adj prompt (`a`) and every y/n confirmation in the status line,
 *    with the estimated oom_score and place in the victim order while a
 *    valid value is typed;
 *  - the signal menu (F9 / k) in a box over the body: who it is aimed at
 *    (pid, user, name, RSS), what a kill would free, the menu, the
 *    "other" line, the chosen signal's note;
 *  - the changes screen (U): the lines the app prepared.
 */
#include "view/panes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/adjvalue.h"
#include "model/columns.h"
#include "model/signame.h"
#include "view/draw.h"

#define BOX_W 78

/* "pid 42 name" (or "3 processes") for prompts, raw. */
static void
who(const struct dash_act *a, char *buf, size_t size)
{
	if (a->ntargets == 1)
		snprintf(buf, size, "pid %d %.15s", (int)a->shown[0].pid,
		         a->shown[0].comm);
	else
		snprintf(buf, size, "%zu tagged processes", a->ntargets);
}

/* The question a confirmation asks, raw; brief: its short form, which
 * keeps the keys ("y/n") when the long one does not fit. */
static void
question(const struct dash_act *a, bool brief, char *buf, size_t size)
{
	const struct actdialog *d = a->dlg;
	const char *keys = brief ? "y/n" : "y confirms, n or Esc cancels";
	char w[64], sig[32];

	who(a, w, sizeof w);
	if (d->stage == ACTDIALOG_CONFIRM_AGAIN)
		snprintf(buf, size, "Really? %s%sy again, n or Esc cancels",
		         brief ? "" : a->reasons, brief ? "" : ". ");
	else if (d->kind == ACTDIALOG_SIGNAL)
		snprintf(buf, size, "Send %s to %s? %s",
		         signame_name(d->sig, sig, sizeof sig), w,
		         brief ? keys : "y sends, n or Esc cancels");
	else if (d->step)
		snprintf(buf, size, "%s %s of %s by %d? %s",
		         d->value > 0 ? "Raise" : "Lower",
		         brief ? "adj" : "oom_score_adj", w,
		         d->value > 0 ? d->value : -d->value, keys);
	else if (d->kind == ACTDIALOG_ADJ_FIXED && d->value == ADJVALUE_MIN)
		snprintf(buf, size, "Protect %s: oom_score_adj %d%s? %s", w,
		         ADJVALUE_MIN, brief ? "" : ", never an OOM victim",
		         keys);
	else if (d->kind == ACTDIALOG_ADJ_FIXED && d->value == ADJVALUE_MAX)
		snprintf(buf, size, "Make %s the preferred OOM victim%s? %s", w,
		         brief ? "" : ": oom_score_adj 1000", keys);
	else
		snprintf(buf, size, "Set %s of %s to %d? %s",
		         brief ? "adj" : "oom_score_adj", w, d->value, keys);
}

/* Draw the confirmation question in w columns: the long form, else the
 * short one. */
static void
question_draw(struct screen *s, int y, int x, int w, enum theme_role role,
              const struct dash_act *a, unsigned flags)
{
	char full[400], brief[200];
	const char *forms[] = {full, brief, NULL};

	question(a, false, full, sizeof full);
	question(a, true, brief, sizeof brief);
	draw_forms(s, y, x, w, role, forms, flags);
}

/* "#3 of 212" (or "never") for a place in the victim order. */
static void
place_text(const struct oomscore_place *p, char *buf, size_t size)
{
	if (p->points == OOMSCORE_NEVER)
		snprintf(buf, size, "never a victim");
	else if (p->place == 0)
		snprintf(buf, size, "place unknown");
	else
		snprintf(buf, size, "victim #%zu of %zu%s", p->place,
		         p->candidates, p->ties > 0 ? " (tied)" : "");
}

/* The adj prompt's hint, longest first. */
static const char *const adj_hint[] = {"-1000..1000, Enter sets, Esc cancels",
                                       "Enter sets, Esc cancels", "Esc cancels",
                                       NULL};

/* The adj prompt while typing. */
static void
adj_prompt(struct screen *s, const struct layout_rect *r,
           const struct dash_act *a)
{
	const struct actdialog *d = a->dlg;
	char line[160], now[48], then[48];
	int at = r->x;

	if (a->ntargets == 1 && a->shown[0].adj != SNAP_NA)
		snprintf(line, sizeof line,
		         "oom_score_adj for pid %d %.15s (now %" PRId64 "): ",
		         (int)a->shown[0].pid, a->shown[0].comm,
		         a->shown[0].adj);
	else {
		who(a, now, sizeof now);
		snprintf(line, sizeof line, "oom_score_adj for %s: ", now);
	}
	at += draw_str(s, r->y, at, r->w, THEME_PROMPT, line, 0);
	at += draw_text(s, r->y, at, r->x + r->w - at, THEME_PROMPT, d->text,
	                d->len, 0);
	at += draw_str(s, r->y, at, r->x + r->w - at, THEME_PROMPT, "_  ", 0);
	if (d->error != NULL || (d->len > 0 && !d->parsed)) {
		draw_str(s, r->y, at, r->x + r->w - at, THEME_STATUS_ERROR,
		         d->error ? d->error : d->why, 0);
		return;
	}
	if (d->parsed && a->estimate) {
		place_text(&a->then, then, sizeof then);
		place_text(&a->now, now, sizeof now);
		snprintf(line, sizeof line,
		         "-> oom_score ~%" PRId64 ", %s (now %" PRId64 ", %s)",
		         a->then.score, then, a->now.score, now);
		draw_forms(s, r->y, at, r->x + r->w - at, THEME_STATUS_INFO,
		           (const char *const[]){line, NULL}, 0);
		return;
	}
	draw_forms(s, r->y, at, r->x + r->w - at, THEME_STATUS_INFO, adj_hint,
	           0);
}

/* Does the action dialog take the status line? */
bool
actdialogs_owns_status(const struct dash_frame *f)
{
	const struct dash_act *a = f->act;

	if (a == NULL || a->dlg == NULL || !actdialog_is_open(a->dlg))
		return false;
	return a->dlg->kind != ACTDIALOG_SIGNAL ||
	       a->dlg->stage != ACTDIALOG_EDIT;
}

/* The status line while an adj prompt or a confirmation is open. */
void
actdialogs_prompt_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->status;
	const struct dash_act *a = f->act;

	if (!layout_rect_visible(r))
		return;
	draw_fill(s, r->y, r->x, r->w, THEME_PROMPT);
	if (a->dlg->stage == ACTDIALOG_EDIT) {
		adj_prompt(s, r, a);
		return;
	}
	question_draw(s, r->y, r->x, r->w,
	              a->dlg->stage == ACTDIALOG_CONFIRM_AGAIN
	                  ? THEME_STATUS_ERROR
	                  : THEME_PROMPT,
	              a, DRAW_FILL);
}

/* A kB figure, or "?" when unknown. */
static const char *
kb(int64_t v, char *buf, size_t size)
{
	return columns_kb_or(v, "?", buf, size);
}

/* The targets' lines in the signal box; returns the next row. */
static int
box_targets(struct screen *s, int y, int x, int w, const struct dash_act *a)
{
	const struct dash_act_target *t;
	char rss[16], line[96];
	size_t i;
	int at;

	for (i = 0; i < a->ntargets && i < DASH_ACT_SHOWN; i++) {
		t = &a->shown[i];
		snprintf(line, sizeof line, "pid %-7d RSS %-7s user ",
		         (int)t->pid, kb(t->rss_kb, rss, sizeof rss));
		at = x + draw_str(s, y, x, w, THEME_DIALOG, line, 0);
		at += draw_text(s, y, at, x + w - at, THEME_DIALOG, t->user,
		                strnlen(t->user, sizeof t->user), 0);
		at += draw_str(s, y, at, x + w - at, THEME_DIALOG, "  ", 0);
		draw_text(s, y, at, x + w - at, THEME_PROC_VICTIM, t->comm,
		          strnlen(t->comm, sizeof t->comm), 0);
		y++;
	}
	if (a->ntargets > DASH_ACT_SHOWN)
		draw_fmt(s, y++, x, w, THEME_DIALOG, 0, "and %zu more tagged",
		         a->ntargets - DASH_ACT_SHOWN);
	return y;
}

/* The menu lines and the "other" line; returns the next row. */
static int
box_menu(struct screen *s, int y, int x, int w, const struct actdialog *d)
{
	enum theme_role role;
	char name[32];
	int at;

	for (size_t i = 0; i <= signame_menu_len; i++, y++) {
		role = i == d->cursor ? THEME_DIALOG_FOCUS : THEME_DIALOG;
		draw_fill(s, y, x, w, role);
		if (i < signame_menu_len) {
			draw_fmt(s, y, x, w, role, 0, " %c %-8s %s",
			         i == d->cursor ? '>' : ' ',
			         signame_menu[i].name, signame_menu[i].label);
			continue;
		}
		at = x + draw_fmt(s, y, x, w, role, 0, " %c %-8s ",
		                  i == d->cursor ? '>' : ' ', "other:");
		at += draw_text(s, y, at, x + w - at, role, d->text, d->len, 0);
		at += draw_str(s, y, at, x + w - at, role, "_", 0);
		if (d->len > 0)
			draw_str(s, y, at + 2, x + w - at - 2, role,
			         d->parsed
			             ? signame_name(d->sig, name, sizeof name)
			             : "(not a signal)",
			         0);
		else
			draw_str(s, y, at + 2, x + w - at - 2, role,
			         "type a name or number: USR1, 10, RTMIN+2", 0);
	}
	return y;
}

/* A frame around r below its title line: sides and bottom. */
static void
frame(struct screen *s, const struct layout_rect *r)
{
	const char *v = draw_glyph(s, "\xe2\x94\x82", "|");
	const char *h = draw_glyph(s, "\xe2\x94\x80", "-");
	int bottom = r->y + r->h - 1;

	for (int y = r->y + 1; y < bottom; y++) {
		draw_str(s, y, r->x, 1, THEME_TITLE, v, 0);
		draw_str(s, y, r->x + r->w - 1, 1, THEME_TITLE, v, 0);
	}
	draw_str(s, bottom, r->x, 1, THEME_TITLE,
	         draw_glyph(s, "\xe2\x94\x94", "`"), 0);
	for (int x = r->x + 1; x < r->x + r->w - 1; x++)
		draw_str(s, bottom, x, 1, THEME_TITLE, h, 0);
	draw_str(s, bottom, r->x + r->w - 1, 1, THEME_TITLE,
	         draw_glyph(s, "\xe2\x94\x98", "'"), 0);
}

/* The signal menu in a box over the body. */
void
actdialogs_signal_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *body = &f->layout->body;
	const struct dash_act *a = f->act;
	const struct actdialog *d = a->dlg;
	const char *note;
	struct layout_rect r;
	char x1[16], x2[16], x3[16], line[200];
	int y, x, w, shown;

	shown = (int)(a->ntargets < DASH_ACT_SHOWN ? a->ntargets
	                                           : DASH_ACT_SHOWN + 1);
	r.w = body->w - 4 < BOX_W ? body->w - 4 : BOX_W;
	/* title, targets, free, gap, menu + other, gap, note, hint, bottom */
	r.h = 1 + shown + 2 + (int)signame_menu_len + 1 + 3 + 1;
	if (r.h > body->h)
		r.h = body->h;
	r.x = body->x + (body->w - r.w) / 2;
	r.y = body->y + (body->h - r.h) / 2;
	if (r.w < 20 || r.h < 4)
		return;
	draw_clear_rect(s, &r, THEME_DIALOG);
	draw_str(s, r.y, r.x, r.w, THEME_PROC_HEADER,
	         a->ntargets == 1 ? " Send a signal"
	                          : " Send a signal to every tagged process",
	         DRAW_FILL);
	frame(s, &r);
	x = r.x + 2;
	w = r.w - 4;
	y = box_targets(s, r.y + 1, x, w, a);
	snprintf(line, sizeof line,
	         "A kill would free: up to %s RAM, maybe %s shared, %s swap",
	         kb(a->free.ram_kb, x1, sizeof x1),
	         kb(a->free.shmem_kb, x2, sizeof x2),
	         kb(a->free.swap_kb, x3, sizeof x3));
	draw_str(s, y++, x, w, THEME_STATUS_INFO, line, 0);
	y++;
	y = box_menu(s, y, x, w, d);
	y++;
	note = signame_note(d->sig);
	if (d->error != NULL)
		draw_str(s, y, x, w, THEME_STATUS_ERROR, d->error, 0);
	else if (note != NULL && d->parsed)
		draw_str(s, y, x, w, THEME_RISK_MEDIUM, note, 0);
	y++;
	if (d->stage == ACTDIALOG_EDIT) {
		draw_str(s, y, x, w, THEME_STATUS_INFO,
		         "Up/Down choose, type a name or number, Enter sends "
		         "(then y), Esc cancels",
		         0);
	} else {
		question_draw(s, y, x, w, THEME_STATUS_ERROR, a, 0);
	}
}

/* The changes screen's title, longest first. */
static const char *const changes_title[] = {
    " Changes and results since start, newest first (u undoes the last "
    "change; Up/Down scroll; Esc or L returns)",
    " Changes and results since start, newest first (u undoes; Esc returns)",
    " Changes and results, newest first (Esc returns)", " Changes and results",
    NULL};

/* The changes screen: the app's lines, scrolled. */
void
actdialogs_changes_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;
	const struct dash_act *a = f->act;
	int y = r->y + 1, bottom = r->y + r->h - 2;

	draw_forms(s, r->y, r->x, r->w, THEME_PROC_HEADER, changes_title,
	           DRAW_FILL);
	if (a == NULL || a->total == 0) {
		draw_str(s, y, r->x + 1, r->w - 1, THEME_PROC_NA,
		         "nothing yet: F7/F8, a, P and X change oom_score_adj; "
		         "F9 or k sends a signal",
		         0);
	} else {
		for (size_t i = 0; i < a->nlines && y < bottom; i++, y++)
			draw_str(s, y, r->x + 1, r->w - 1, a->lines[i].role,
			         a->lines[i].text, 0);
	}
	draw_str(s, r->y + r->h - 2, r->x + 1, r->w - 1, THEME_STATUS_INFO,
	         "A change lasts until the process exits. To keep one: "
	         "OOMScoreAdjust=N in the [Service] section of its systemd "
	         "unit,",
	         0);
	draw_str(s, r->y + r->h - 1, r->x + 1, r->w - 1, THEME_STATUS_INFO,
	         "or start it with choom -n N -- COMMAND (choom -p PID -n N "
	         "sets it on a running process, as oomwatch does).",
	         0);
}
