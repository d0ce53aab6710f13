/*
 * ui_actview.c: what the frame shows of the actions (struct dash_act):
 * the open dialog with the processes it holds (pid, user, name, RSS from
 * the last sample), what a kill would free (summed over them), while an
 * adj value is typed the estimated oom_score and place in the victim
 * order (model/oomscore.h on the last sample), and the changes screen:
 * the journal of oom_score_adj changes and the recent results, newest
 * first, formatted only for the lines on screen.
 */
#include "app/ui.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/sanitize.h"
#include "model/killfree.h"
#include "model/oomscore.h"

#define K(code) (SCREEN_KEY_FLAG | (code))
#define ESC 27

/* Add a known part to a sum that starts at SNAP_NA. */
static void
add_kb(int64_t *sum, int64_t v)
{
	if (v == SNAP_NA)
		return;
	*sum = *sum == SNAP_NA ? v : *sum + v;
}

/* The page size in kB. */
static int64_t
page_kb(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p >= 1024 ? p / 1024 : 4;
}

/* The adj prompt's estimate for the first held process. */
static void
estimate(struct ui *ui, struct dash_act *v, size_t index, int64_t adj_now)
{
	const struct actdialog *d = &ui->act.dlg;
	int64_t total, pk = page_kb();

	v->estimate = false;
	if (d->kind != ACTDIALOG_ADJ_VALUE || !d->parsed ||
	    ui->act.ntargets != 1 || adj_now == SNAP_NA)
		return;
	total = oomscore_total_pages(&ui->snap.mem, pk);
	if (total == SNAP_NA || total <= 0)
		return;
	v->estimate = oomscore_place(&ui->snap, index, adj_now, total, pk,
	                             &v->now) == 0 &&
	              oomscore_place(&ui->snap, index, d->value, total, pk,
	                             &v->then) == 0;
}

/* The dialog part: who is aimed at, what a kill frees, the estimate. */
static void
dialog_view(struct ui *ui, struct dash_act *v)
{
	const struct ui_act *a = &ui->act;
	const struct proc_row *row;
	struct dash_act_target *s;
	struct killfree kf;
	size_t index = 0, first_index = SIZE_MAX;

	v->dlg = &a->dlg;
	v->ntargets = a->ntargets;
	v->free.ram_kb = v->free.shmem_kb = v->free.swap_kb = SNAP_NA;
	for (size_t i = 0; i < a->ntargets; i++) {
		row = ui_act_row(ui, &a->targets[i], &index);
		if (row != NULL) {
			killfree_estimate(row, &kf);
			add_kb(&v->free.ram_kb, kf.ram_kb);
			add_kb(&v->free.shmem_kb, kf.shmem_kb);
			add_kb(&v->free.swap_kb, kf.swap_kb);
			if (i == 0)
				first_index = index;
		}
		if (i >= DASH_ACT_SHOWN)
			continue;
		s = &v->shown[i];
		s->pid = a->targets[i].pid;
		memcpy(s->comm, a->targets[i].comm, sizeof s->comm);
		s->adj = a->adj[i] == ADJUST_UNKNOWN ? SNAP_NA : a->adj[i];
		s->rss_kb = row ? row->rss_kb : SNAP_NA;
		if (row != NULL)
			memcpy(s->user, row->user, sizeof s->user);
		else
			snprintf(s->user, sizeof s->user, "%u",
			         (unsigned)a->targets[i].uid);
	}
	if (first_index != SIZE_MAX)
		estimate(ui, v, first_index, v->shown[0].adj);
}

/* Lines of the changes screen in all: two headings, the journal (or
 * one "none" line), a blank, the results (or "none"). */
static size_t
total_lines(const struct ui_act *a)
{
	return 2 + (a->journal.ring.len ? a->journal.ring.len : 1) + 1 +
	       (a->log_len ? a->log_len : 1) + (a->journal.dropped ? 1 : 0);
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
	if (a->log_len == 0) {
		out->role = THEME_PROC_NA;
		snprintf(out->text, sizeof out->text, "  none yet");
		return;
	}
	r = &a->log[(a->log_first + a->log_len - 1 - n) % UI_ACT_LOG_MAX];
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

/* The changes screen's lines on screen. */
static void
changes_view(struct ui *ui, struct dash_act *v)
{
	struct ui_act *a = &ui->act;
	size_t rows = ui->layout.body.h > 4 ? (size_t)ui->layout.body.h - 3 : 1;

	v->total = total_lines(a);
	if (a->scroll + 1 > v->total)
		a->scroll = v->total - 1;
	v->scroll = a->scroll;
	v->nlines = 0;
	for (size_t n = a->scroll;
	     n < v->total && v->nlines < rows && v->nlines < UI_ACT_LINES; n++)
		changes_line(a, n, &a->lines[v->nlines++]);
	v->lines = a->lines;
}

/* The actions part of the frame. */
void
ui_actview_frame(struct ui *ui, struct dash_frame *f)
{
	struct dash_act *v = &ui->act.view;

	memset(v, 0, sizeof *v);
	snprintf(v->reasons, sizeof v->reasons, "%s", ui->act.reasons);
	if (actdialog_is_open(&ui->act.dlg))
		dialog_view(ui, v);
	if (ui->mode == DASH_CHANGES)
		changes_view(ui, v);
	f->act = v;
	f->tags = &ui->act.tags;
}

/* A key on the changes screen. */
unsigned
ui_actview_key(struct ui *ui, int32_t key)
{
	struct ui_act *a = &ui->act;
	size_t page = ui->layout.body.h > 4 ? (size_t)ui->layout.body.h - 3 : 1;

	if (key == ESC || key == 'q' || key == 'L' || key == K(KEY_F(10))) {
		ui->mode = DASH_MAIN;
	} else if (key == K(KEY_UP) || key == 'k') {
		if (a->scroll > 0)
			a->scroll--;
	} else if (key == K(KEY_DOWN) || key == 'j') {
		a->scroll++;
	} else if (key == K(KEY_PPAGE)) {
		a->scroll = a->scroll > page ? a->scroll - page : 0;
	} else if (key == K(KEY_NPAGE)) {
		a->scroll += page;
	} else if (key == K(KEY_HOME)) {
		a->scroll = 0;
	} else if (key == 'u') {
		return ui_act_command(ui, UI_ACT_UNDO);
	} else {
		return 0;
	}
	return UI_REDRAW;
}
