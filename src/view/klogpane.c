/*
 * klogpane.c: the kernel log on screen. The pane shows the tail of the
 * display-line ring (model/klogring.h), newest at the bottom, each line
 * with its time and coloured by the class the kernel-log engine gave it
 * (model/kclass.h: no second keyword list here); records written from
 * user space carry a "U" mark, gaps a "messages lost" marker line; the
 * title names the source in use, or why there is none. The events view
 * lists the parsed events, newest first, and details the selected one:
 * for an OOM kill the victim, trigger, constraint, memcg, RSS split and
 * the report's task table by RSS. With the recorder's database (the
 * rows of model/recbox.h): kills only the record still holds, marked
 * "(from the record)", and the selected event's black box: a summary
 * line above its report, or the whole box (view/bbpane.h) on Enter; or
 * one line saying why it has none.
 */
#include "view/panes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/columns.h"
#include "model/oomreport.h"
#include "view/bbpane.h"
#include "view/draw.h"

#define TIME_W 13

/* The theme role of a line class. */
static enum theme_role
class_role(enum kclass c)
{
	switch (c) {
	case KCLASS_WARNING:
		return THEME_KLOG_WARN;
	case KCLASS_ERROR:
		return THEME_KLOG_ERROR;
	case KCLASS_USER:
		return THEME_KLOG_USER;
	case KCLASS_ALLOC_FAILURE:
		return THEME_KLOG_ALLOC;
	case KCLASS_OOPS:
		return THEME_KLOG_OOPS;
	case KCLASS_HUNG_TASK:
		return THEME_KLOG_HUNG;
	case KCLASS_SOFT_LOCKUP:
	case KCLASS_HARD_LOCKUP:
		return THEME_KLOG_LOCKUP;
	case KCLASS_PANIC:
		return THEME_KLOG_PANIC;
	case KCLASS_OOM_INVOKED:
	case KCLASS_OOM_KILL:
	case KCLASS_OOM_REAPER:
		return THEME_KLOG_OOM;
	case KCLASS_OOM_REPORT:
	case KCLASS_OOM_MEMCG:
		return THEME_KLOG_WARN;
	case KCLASS_NORMAL:
	default:
		return THEME_KLOG_NORMAL;
	}
}

/* A log time in a short fixed form: boot seconds or the wall clock. */
static void
short_time(const struct klog_time *t, char *buf, size_t size)
{
	struct tm tm;
	time_t secs = (time_t)(t->usec / 1000000);

	if (t->kind == KLOG_TIME_BOOT) {
		snprintf(buf, size, "%9" PRId64 ".%02d", t->usec / 1000000,
		         (int)(t->usec % 1000000 / 10000));
	} else if ((t->kind == KLOG_TIME_UNIX &&
	            localtime_r(&secs, &tm) != NULL) ||
	           (t->kind == KLOG_TIME_LOCAL &&
	            gmtime_r(&secs, &tm) != NULL)) {
		strftime(buf, size, "%m-%d %H:%M:%S", &tm);
	} else {
		snprintf(buf, size, "%*s", TIME_W - 1, "-");
	}
}

/* True when the pane shows this line under the current filter. */
static bool
shown(const struct dash_klog *k, const struct klogring_line *l)
{
	return klogring_shown(l, k->important_only);
}

/* The message of l from character skip on, in w cells: a mark where
 * the left part is hidden, and one at the edge where the line goes on.
 * Returns the cells used. */
static int
log_text(struct screen *s, int y, int x, int w, const struct klogring_line *l,
         size_t skip)
{
	const char *t = l->text;
	size_t len = l->text_len, i = 0;
	enum theme_role role = class_role(l->cls);
	int at = x;

	for (; skip > 0 && i < len; skip--) {
		i++; /* a whole UTF-8 character */
		while (i < len && ((unsigned char)t[i] & 0xc0) == 0x80)
			i++;
	}
	if (i > 0)
		at += draw_str(s, y, at, x + w - at, THEME_PROC_NA,
		               draw_glyph(s, "\xc2\xab", "<"), 0);
	if (draw_width(s, t + i, len - i, x + w - at + 1) <= x + w - at)
		return at - x +
		       draw_text(s, y, at, x + w - at, role, t + i, len - i, 0);
	at += draw_text(s, y, at, x + w - at - 1, role, t + i, len - i, 0);
	at += draw_str(s, y, at, x + w - at, THEME_PROC_NA,
	               draw_glyph(s, "\xc2\xbb", ">"), 0);
	return at - x;
}

/* The events view's title, longest first. */
static const char *const events_title[] = {
    " Kernel events, newest first (Up/Down select, PgUp/PgDn task table, "
    "F7/F8/F9 act on a live pid, e or Esc returns)",
    " Kernel events, newest first (Up/Down select, PgUp/PgDn task table, "
    "Esc returns)",
    " Kernel events, newest first (Up/Down select, Esc returns)",
    " Kernel events, newest first", NULL};

/* The same in a replay (f->replay): the events are a record, no action
 * reaches their processes. */
static const char *const events_title_replay[] = {
    " Kernel events, newest first, recorded up to this sample (Up/Down "
    "select, PgUp/PgDn task table, actions are off: replay, e or Esc "
    "returns)",
    " Kernel events, newest first (Up/Down select, actions are off: "
    "replay, Esc returns)",
    " Kernel events, newest first (actions are off: replay)",
    " Kernel events, newest first", NULL};

/* Draw one ring line at row y, its message from character skip on. */
static void
log_line(struct screen *s, int y, int x, int w, const struct klogring_line *l,
         size_t skip)
{
	char t[32];
	int at = x;

	if (l->lost > 0) {
		draw_fmt(s, y, x, w, THEME_KLOG_LOST, DRAW_FILL,
		         " --- %.*s --- ", (int)l->text_len, l->text);
		return;
	}
	short_time(&l->time, t, sizeof t);
	at += draw_str(s, y, at, w, THEME_KLOG_TIME, t, 0) + 1;
	at += draw_str(s, y, at, x + w - at, THEME_KLOG_USER,
	               l->from_user ? "U " : "  ", 0);
	at += log_text(s, y, at, x + w - at, l, skip);
	if (l->truncated)
		draw_str(s, y, at, x + w - at, THEME_PROC_NA, " [cut]", 0);
}

/* The kernel-log pane. */
void
klogpane_draw(struct screen *s, const struct layout_rect *r,
              const struct dash_frame *f)
{
	const struct dash_klog *k = f->klog;
	const struct klogring_line *l;
	const char *src;
	size_t n, i, skip, found = 0;
	int at, rows = r->h - 1, y;

	if (!layout_rect_visible(r))
		return;
	at = r->x + draw_str(s, r->y, r->x, r->w,
	                     f->focus == DASH_FOCUS_LOG ? THEME_PROC_SORTED
	                                                : THEME_PROC_HEADER,
	                     f->focus == DASH_FOCUS_LOG ? " Kernel log [focus] "
	                                                : " Kernel log ",
	                     0);
	if (k == NULL) {
		draw_str(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER,
		         "(not read)", DRAW_FILL);
		return;
	}
	src = k->source;
	if (strncmp(src, "kernel log: ", 12) == 0)
		src += 12; /* the title already says it */
	/* the view's state first: a long source (a file path) is what the
	 * right edge cuts */
	at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER, 0,
	               "%s%s | ",
	               k->important_only ? "important only (l)" : "all (l)",
	               k->scroll ? " | scrolled (Tab, Down)" : "");
	if (k->hscroll > 0)
		at +=
		    draw_fmt(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER,
		             0, "from character %zu (Left) | ", k->hscroll + 1);
	if (k->lost > 0) {
		at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_KLOG_LOST,
		               0, "%s%" PRIu64 " lost",
		               k->lost_at_least ? "at least " : "", k->lost);
		at += draw_str(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER,
		               " | ", 0);
	}
	at +=
	    draw_str(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER, src, 0);
	draw_fill(s, r->y, at, r->x + r->w - at, THEME_PROC_HEADER);
	if (rows <= 0)
		return;
	n = k->ring ? klogring_count(k->ring) : 0;
	/* newest at the bottom: walk back from the tail */
	y = r->y + r->h - 1;
	skip = k->scroll;
	for (i = 0; i < n && y > r->y; i++) {
		l = klogring_get(k->ring, i);
		if (!shown(k, l))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		log_line(s, y--, r->x, r->w, l, k->hscroll);
		found++;
	}
	if (found == 0)
		draw_str(s, r->y + 1, r->x + 1, r->w - 1, THEME_PROC_NA,
		         k->source_ok ? "no lines yet"
		                      : "nothing to show: no kernel-log source",
		         0);
}

/* A kB value or "?" into buf. */
static const char *
kb_or_unknown(int64_t v, char *buf, size_t size)
{
	return columns_kb_or(v, "?", buf, size);
}

/* One line of the events list. */
static void
event_line(struct screen *s, int y, int x, int w, const struct kevent *e,
           bool selected, bool from_record)
{
	char t[32];
	int at = x;
	enum theme_role role = selected ? THEME_DIALOG_FOCUS : THEME_DIALOG;

	if (selected)
		draw_fill(s, y, x, w, role);
	short_time(&e->time, t, sizeof t);
	at +=
	    draw_str(s, y, at, w, selected ? role : THEME_KLOG_TIME, t, 0) + 1;
	at += draw_fmt(s, y, at, x + w - at,
	               selected                     ? role
	               : e->kind == KEVENT_OOM_KILL ? THEME_KLOG_OOM
	                                            : THEME_KLOG_ERROR,
	               0, "%-18s", kevent_kind_name(e->kind));
	if (e->pid >= 0)
		at += draw_fmt(s, y, at, x + w - at, role, 0, " pid %" PRId64,
		               e->pid);
	if (e->comm.set) {
		at += draw_str(s, y, at, x + w - at, role, " ", 0);
		at += draw_text(s, y, at, x + w - at, role, e->comm.s,
		                e->comm.len, 0);
	}
	if (from_record)
		at += draw_str(s, y, at, x + w - at,
		               selected ? role : THEME_PROC_NA,
		               " (from the record)", 0);
	if (e->kind == KEVENT_OOM_KILL && e->oom.memcg.set) {
		at += draw_str(s, y, at, x + w - at, role, "  memcg ", 0);
		draw_text(s, y, at, x + w - at, role, e->oom.memcg.s,
		          e->oom.memcg.len, 0);
	}
}

/* Label and value on one detail line; returns the next row. */
static int
detail(struct screen *s, int y, int x, int w, const char *label,
       const char *text, size_t len)
{
	draw_str(s, y, x, 14, THEME_METER_LABEL, label, 0);
	draw_text(s, y, x + 14, w - 14, THEME_DIALOG, text, len, 0);
	return y + 1;
}

/* The task table of an OOM kill (or why there is none), from row y to
 * the bottom of r, its rows from top on. */
static void
task_table(struct screen *s, int y, const struct layout_rect *r,
           const struct kevent *e, int page_kb, size_t top, bool from_record)
{
	const struct kevent_oom *o = &e->oom;
	char a[16], b[16], line[160];
	int x = r->x + 1, w = r->w - 2, bottom = r->y + r->h;
	size_t rows;

	if (o->ntasks == 0 || y + 1 >= bottom) {
		if (y >= bottom)
			return;
		if (from_record)
			draw_str(
			    s, y, x, w, THEME_PROC_NA,
			    "no task table: the kernel log no longer holds "
			    "this report",
			    0);
		else if (o->tasks_dropped)
			draw_fmt(s, y, x, w, THEME_PROC_NA, 0,
			         "task table not kept (older than the newest "
			         "%d kills)",
			         KEVENT_TABLES_KEPT);
		else
			draw_str(s, y, x, w, THEME_PROC_NA,
			         "no task table in this report", 0);
		return;
	}
	/* a long table scrolls (PgUp/PgDn); never past its last page */
	rows = (size_t)(bottom - y - 1);
	if (top + rows > o->ntasks)
		top = o->ntasks > rows ? o->ntasks - rows : 0;
	if (o->ntasks > rows)
		snprintf(line, sizeof line,
		         "NAME (task table, by RSS: %zu-%zu of %zu, PgUp/PgDn)",
		         top + 1, top + rows, o->ntasks);
	else
		snprintf(line, sizeof line, "NAME (task table, by RSS)");
	if (o->tasks_listed > o->ntasks)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		         " the %zu largest of %zu", o->ntasks, o->tasks_listed);
	draw_fmt(s, y++, x, w, THEME_PROC_HEADER, DRAW_FILL,
	         "%8s %6s %8s %8s %6s  %s", "PID", "UID", "RSS", "SWAP", "ADJ",
	         line);
	for (size_t i = top; i < o->ntasks && y < bottom; i++, y++) {
		const struct kevent_task *t = &o->tasks[i];
		int at =
		    x +
		    draw_fmt(
		        s, y, x, w,
		        t->pid == e->pid ? THEME_PROC_VICTIM : THEME_DIALOG, 0,
		        "%8" PRId64 " %6" PRId64 " %8s %8s %6" PRId64 "  ",
		        t->pid, t->uid,
		        kb_or_unknown(t->rss_pages < 0 ? -1
		                                       : t->rss_pages * page_kb,
		                      a, sizeof a),
		        kb_or_unknown(t->swapents < 0 ? -1
		                                      : t->swapents * page_kb,
		                      b, sizeof b),
		        t->oom_score_adj);
		if (t->name.set)
			at += draw_text(s, y, at, x + w - at, THEME_DIALOG,
			                t->name.s, t->name.len, 0);
		if (t->name.cut)
			draw_str(s, y, at, x + w - at, THEME_PROC_NA, " [cut]",
			         0);
	}
}

/* The detail of one OOM kill, from row y to the bottom of r. */
static void
oom_detail(struct screen *s, int y, const struct layout_rect *r,
           const struct kevent *e, int page_kb, size_t top, bool from_record)
{
	const struct kevent_oom *o = &e->oom;
	const char *c = oomreport_constraint_name(o->constraint);
	char a[16], b[16], d[16], line[160];
	int x = r->x + 1, w = r->w - 2;

	snprintf(line, sizeof line, "pid %" PRId64 " ", e->pid);
	y = detail(s, y, x, w, "Victim", line, strlen(line));
	if (e->comm.set)
		draw_text(s, y - 1, x + 14 + (int)strlen(line), w,
		          THEME_KLOG_OOM, e->comm.s, e->comm.len, 0);
	if (o->trigger.set)
		y = detail(s, y, x, w, "Trigger", o->trigger.s, o->trigger.len);
	c = c ? c : "unknown";
	y = detail(s, y, x, w, "Constraint", c, strlen(c));
	if (o->memcg.set)
		y = detail(s, y, x, w, "Memcg", o->memcg.s, o->memcg.len);
	snprintf(line, sizeof line,
	         "anon %s  file %s  shmem %s  (kill frees anon)",
	         kb_or_unknown(o->anon_rss_kb, a, sizeof a),
	         kb_or_unknown(o->file_rss_kb, b, sizeof b),
	         kb_or_unknown(o->shmem_rss_kb, d, sizeof d));
	y = detail(s, y, x, w, "RSS", line, strlen(line));
	snprintf(line, sizeof line, "oom_score_adj %" PRId64 "  %s",
	         o->oom_score_adj,
	         o->reaped ? "reaped by oom_reaper" : "no oom_reaper line");
	y = detail(s, y, x, w, "Victim adj", line, strlen(line));
	if (o->gfp_mask.set)
		y = detail(s, y, x, w, "gfp_mask", o->gfp_mask.s,
		           o->gfp_mask.len);
	task_table(s, y, r, e, page_kb, top, from_record);
}

/* Row i of the events view: the app's rows, else the engine's events. */
static struct recbox_row
events_row(const struct dash_klog *k, size_t i)
{
	if (k->rows != NULL)
		return k->rows[i];
	return (struct recbox_row){kevents_get(k->ev, i), NULL, false};
}

/* The selected event's detail from row y: its black box when open, else
 * the box's summary line (or why it has none) above the report. */
static void
events_detail(struct screen *s, int y, const struct layout_rect *r,
              const struct dash_klog *k, const struct recbox_row *row)
{
	const struct kevent *e = row->e;
	const struct recbox *b = row->box;

	if (b != NULL && b->has_box && k->box_open) {
		bbpane_draw(s, y, r, b, !row->from_record);
		return;
	}
	if (b != NULL && b->has_box)
		bbpane_summary(s, y++, r->x + 1, r->w - 2, b);
	else if (k->box_why != NULL)
		draw_str(s, y++, r->x + 1, r->w - 2, THEME_PROC_NA, k->box_why,
		         0);
	if (e->kind == KEVENT_OOM_KILL) {
		oom_detail(s, y, r, e, k->page_kb, k->task_top,
		           row->from_record);
		return;
	}
	event_line(s, y++, r->x + 1, r->w - 2, e, false, row->from_record);
	if (e->text.set)
		detail(s, y, r->x + 1, r->w - 2, "Message", e->text.s,
		       e->text.len);
}

/* The events view. */
void
klogpane_events_draw(struct screen *s, const struct layout_rect *r,
                     const struct dash_frame *f)
{
	const struct dash_klog *k = f->klog;
	struct recbox_row row;
	size_t n, list_h, first, i;
	int y;

	if (!layout_rect_visible(r))
		return;
	draw_forms(s, r->y, r->x, r->w, THEME_PROC_HEADER,
	           f->replay != NULL ? events_title_replay : events_title,
	           DRAW_FILL);
	n = k == NULL         ? 0
	    : k->rows != NULL ? k->nrows
	    : k->ev != NULL   ? kevents_count(k->ev)
	                      : 0;
	if (n == 0) {
		draw_str(s, r->y + 1, r->x + 1, r->w - 1, THEME_PROC_NA,
		         k && k->source_ok ? "no events in the kernel log"
		                           : "no kernel-log source",
		         0);
		if (k != NULL)
			draw_str(s, r->y + 2, r->x + 1, r->w - 1,
			         THEME_STATUS_INFO, k->source, 0);
		return;
	}
	list_h = (size_t)(r->h - 1) / 3;
	if (list_h < 1)
		list_h = 1;
	first = k->event_cursor >= list_h ? k->event_cursor - list_h + 1 : 0;
	y = r->y + 1;
	for (i = first; i < n && i < first + list_h; i++, y++) {
		row = events_row(k, i);
		event_line(s, y, r->x + 1, r->w - 2, row.e,
		           i == k->event_cursor, row.from_record);
	}
	row = events_row(k, k->event_cursor < n ? k->event_cursor : 0);
	draw_fill(s, y++, r->x, r->w, THEME_PROC_HEADER);
	events_detail(s, y, r, k, &row);
}
