/* scr_changes.c: the changes screen's keys and frame (see scr_changes.h). */
#include "app/scr_changes.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/scr_cgroups.h"
#include "core/clock.h"
#include "core/sanitize.h"
#include "model/columns.h"

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
     "undo the newest change: an adj change (on every process it "
     "changed) or a cgroup limit change",
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

/* The cgroup limit journal (the cgroup screen's 'l'/'['/']'/'a' keys). */
static const struct cglimit_journal *
cg_journal(const struct ui *ui)
{
	return &((struct scr_cgroups_state *)scr_state(ui, &scr_cgroups))
	            ->limit.journal;
}

/* Lines of a journal section: a heading, its n entries (or one "none"
 * line), one line for dropped ones. */
static size_t
section_lines(size_t n, size_t dropped)
{
	return 1 + (n ? n : 1) + (dropped ? 1 : 0);
}

/* Lines of the changes screen in all: the adj section, the cgroup limit
 * section, a blank, the results heading, the results (or "none"). */
static size_t
total_lines(const struct ui *ui)
{
	const struct ui_act *a = &ui->act;
	const struct cglimit_journal *j = cg_journal(ui);

	return section_lines(a->journal.ring.len, a->journal.dropped) +
	       section_lines(j->n, j->dropped) + 2 +
	       (a->log_ring.len ? a->log_ring.len : 1);
}

/* The last first line: the last line at the bottom of the body. */
static size_t
max_scroll(const struct ui *ui)
{
	size_t total = total_lines(ui), rows = body_rows(ui);

	return total > rows ? total - rows : 0;
}

/* A fresh visit starts at the top. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	st(ui)->scroll = 0;
}

/* u: undo the newest change of either kind (adj or cgroup limit). */
static unsigned
undo_newest(struct ui *ui)
{
	const struct ui_act *a = &ui->act;
	const struct cglimit_journal *j = cg_journal(ui);
	int64_t adj_ms = INT64_MIN;

	if (a->journal.ring.len)
		adj_ms = adjust_journal_at(&a->journal, a->journal.ring.len - 1)
		             ->time_unix_ms;
	if (j->n && j->items[j->n - 1].time_unix_ms >= adj_ms)
		return scr_cglimit_command(
		    ui,
		    &((struct scr_cgroups_state *)scr_state(ui, &scr_cgroups))
		         ->limit,
		    SIZE_MAX, SCR_CGLIMIT_UNDO);
	return ui_act_command(ui, UI_ACT_UNDO);
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
		return undo_newest(ui);
	}
	if (s->scroll > max)
		s->scroll = max;
	return UI_REDRAW;
}

/* Entry k (0 = the newest) of the adj journal. */
static void
adj_line(const struct ui_act *a, size_t k, struct dash_act_line *out)
{
	const struct adjust_change *c;
	char at[16], name[16 * 4 + 1];

	c = adjust_journal_at(&a->journal, a->journal.ring.len - 1 - k);
	clock_wall_text(c->time_unix_ms, "%H:%M:%S", "--:--:--", at, sizeof at);
	sanitize_text(name, sizeof name, c->comm,
	              strnlen(c->comm, sizeof c->comm), 0, NULL);
	snprintf(out->text, sizeof out->text,
	         "  %s  pid %-7d %-16s adj %5d -> %5d", at, (int)c->pid, name,
	         c->old_adj, c->new_adj);
}

/* Entry k (0 = the newest) of the cgroup limit journal. */
static void
cg_line(const struct cglimit_journal *j, size_t k, struct dash_act_line *out)
{
	const struct cglimit_change *c = &j->items[j->n - 1 - k];
	char at[16], from[16], to[16], path[CGLIMIT_PATH_MAX];
	int64_t o = c->old_bytes, nw = c->new_bytes;

	clock_wall_text(c->time_unix_ms, "%H:%M:%S", "--:--:--", at, sizeof at);
	sanitize_text(path, sizeof path, c->path,
	              strnlen(c->path, sizeof c->path), 0, NULL);
	const char *was = o == CGMEM_UNLIMITED
	                      ? "max"
	                      : columns_kb_or(o / 1024, "?", from, sizeof from);
	const char *now = nw == CGMEM_UNLIMITED
	                      ? "max"
	                      : columns_kb_or(nw / 1024, "?", to, sizeof to);

	/* a long path is cut at the line's end */
	if (snprintf(out->text, sizeof out->text, "  %s  %s  %s %s -> %s", at,
	             path, cglimit_file(c->mode, c->which), was,
	             now) >= (int)sizeof out->text)
		out->text[sizeof out->text - 1] = '\0';
}

/*
 * Line *n of a journal section (its heading, count entries newest first
 * or "none yet", then the dropped line): true when it is one of them;
 * for an entry out->text is left empty and *n is its index (0 = the
 * newest), for another line out is filled (*n SIZE_MAX for the dropped
 * line). False: *n is moved past the section.
 */
static bool
section_line(size_t *n, const char *title, size_t count, size_t dropped,
             struct dash_act_line *out)
{
	size_t ne = count ? count : 1;

	if (*n == 0) {
		out->role = THEME_TITLE;
		snprintf(out->text, sizeof out->text,
		         "%s (%zu; u undoes the "
		         "newest of either kind)",
		         title, count);
		return true;
	}
	if (*n - 1 < ne) {
		*n -= 1;
		if (count == 0) {
			out->role = THEME_PROC_NA;
			snprintf(out->text, sizeof out->text, "  none yet");
		}
		return true; /* the caller fills entry *n when count */
	}
	if (dropped && *n - 1 == ne) {
		out->role = THEME_PROC_NA;
		snprintf(out->text, sizeof out->text,
		         "  (%zu older changes no longer kept)", dropped);
		*n = SIZE_MAX;
		return true;
	}
	*n -= section_lines(count, dropped);
	return false;
}

/* A line of the results (k: 0 = the newest). */
static void
result_line(const struct ui_act *a, size_t k, struct dash_act_line *out)
{
	const struct ui_act_result *r = &a->log[ring_newest(&a->log_ring, k)];
	char at[16];
	size_t used, len;

	clock_wall_text(r->time_unix_ms, "%H:%M:%S", "--:--:--", at, sizeof at);
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

/* Line n of the changes screen (0 = the first heading). */
static void
changes_line(const struct ui *ui, size_t n, struct dash_act_line *out)
{
	const struct ui_act *a = &ui->act;
	const struct cglimit_journal *j = cg_journal(ui);
	size_t k = n;

	out->role = THEME_DIALOG;
	out->text[0] = '\0';
	if (section_line(&k, "oom_score_adj changes", a->journal.ring.len,
	                 a->journal.dropped, out)) {
		if (out->text[0] == '\0' && k != SIZE_MAX)
			adj_line(a, k, out);
		return;
	}
	if (section_line(&k, "cgroup limit changes", j->n, j->dropped, out)) {
		if (out->text[0] == '\0' && k != SIZE_MAX)
			cg_line(j, k, out);
		return;
	}
	if (k == 0)
		return; /* blank */
	if (k == 1) {
		out->role = THEME_TITLE;
		snprintf(out->text, sizeof out->text,
		         "Results of the last actions (signals, refusals, "
		         "failures too)");
		return;
	}
	if (a->log_ring.len == 0) {
		out->role = THEME_PROC_NA;
		snprintf(out->text, sizeof out->text, "  none yet");
		return;
	}
	result_line(a, k - 2, out);
}

/* The frame: the lines on screen (the scroll is kept in range). */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_changes_state *s = st(ui);
	struct dash_act *v = &ui->act.view;
	size_t rows = body_rows(ui);

	f->body = dash_body_changes;
	f->status_info = "u undoes the newest change (adj or cgroup limit); "
	                 "Home/End, PgUp/PgDn scroll";
	v->total = total_lines(ui);
	if (s->scroll > max_scroll(ui))
		s->scroll = max_scroll(ui);
	v->scroll = s->scroll;
	v->nlines = 0;
	for (size_t n = s->scroll;
	     n < v->total && v->nlines < rows && v->nlines < SCR_CHANGES_LINES;
	     n++)
		changes_line(ui, n, &s->lines[v->nlines++]);
	v->lines = s->lines;
}

const struct scr_def scr_changes = {
    .name = "Changes",
    .short_name = "Chg",
    .key = '3',
    .state_size = sizeof(struct scr_changes_state),
    .keys = changes_keys,
    .nkeys = sizeof changes_keys / sizeof changes_keys[0],
    .enter = enter,
    .command = command,
    .frame = frame,
};
