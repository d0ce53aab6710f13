/*
 * syspane.c: the System screen's body (see syspane.h). Every part is
 * written through one line emitter that counts lines and draws only the
 * ones inside the scrolled window, so syspane_lines and the drawing can
 * never disagree on the line count.
 */
#include "view/syspane.h"

#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "view/dash.h"
#include "view/draw.h"

/* Strip rows shown at least, however small the body. */
#define SYSPANE_STRIP_MIN 3
/* The line under the strip saying why a value is "-". */
#define SP_WHY_PREFIX "  - means: "
#define SP_WHY_INDENT 11
/* D tasks kept in view under the strip when sizing it. */
#define SYSPANE_TASKS_KEPT 3

/* The line emitter: s NULL only counts. */
struct sp_out {
	struct screen *s;
	int x, y, w, h; /* the body rectangle */
	size_t top, line;
};

/* The next line: true with its row in *y when it is on screen. */
static bool
sp_next(struct sp_out *o, int *y)
{
	size_t l = o->line++;

	if (o->s == NULL || l < o->top || l >= o->top + (size_t)o->h)
		return false;
	*y = o->y + (int)(l - o->top);
	return true;
}

/* One line of text in role (printf format; ours); too long, it is cut
 * after its last whole word with an ellipsis (draw_forms). */
static void __attribute__((format(printf, 3, 4)))
sp_line(struct sp_out *o, enum theme_role role, const char *fmt, ...)
{
	char buf[512];
	const char *forms[] = {buf, NULL};
	va_list ap;
	int y;

	if (!sp_next(o, &y))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	draw_forms(o->s, y, o->x, o->w, role, forms, DRAW_FILL);
}

/*
 * text after prefix (indent cells; spaces on the lines after the first),
 * wrapped at spaces to the width, one line per piece, so a meaning is
 * never cut mid-word (a single word longer than the room is cut by
 * sp_line with an ellipsis). The texts are ASCII, a byte a cell.
 */
static void
sp_wrap(struct sp_out *o, enum theme_role role, const char *prefix, int indent,
        const char *text)
{
	int room = o->w - indent;
	const char *p = text;
	bool first = true;

	do {
		size_t len = strlen(p), cut = len;

		if (room > 8 && len > (size_t)room) {
			cut = (size_t)room;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = len;
		}
		sp_line(o, role, "%-*s%.*s", indent, first ? prefix : "",
		        (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
		first = false;
	} while (*p != '\0');
}

/* The longest of forms that fits, in role. */
static void
sp_forms(struct sp_out *o, enum theme_role role, const char *const *forms)
{
	int y;

	if (sp_next(o, &y))
		draw_forms(o->s, y, o->x, o->w, role, forms, DRAW_FILL);
}

/* v (SNAP_NA: "-") right-aligned in width into buf. */
static const char *
sp_num(char *buf, size_t size, int64_t v, int width)
{
	if (v == SNAP_NA)
		snprintf(buf, size, "%*s", width, "-");
	else
		snprintf(buf, size, "%*" PRId64, width, v);
	return buf;
}

/* A percentage (-1: "-") in 3 cells. */
static const char *
sp_pct(char *buf, size_t size, int v)
{
	return sp_num(buf, size, v < 0 ? SNAP_NA : v, 3);
}

/* One strip row. */
static void
sp_strip_row(struct sp_out *o, const struct sysstat_row *r)
{
	char a[6][24], p[5][24];

	sp_line(o, THEME_NORMAL, "%s %s %s %s %s %s %s%s%s%s%s",
	        sp_num(a[0], 24, r->r, 4), sp_num(a[1], 24, r->b, 4),
	        sp_num(a[2], 24, r->si_kbs, 7), sp_num(a[3], 24, r->so_kbs, 7),
	        sp_num(a[4], 24, r->free_kb, 10),
	        sp_num(a[5], 24, r->buffcache_kb, 11), sp_pct(p[0], 24, r->us),
	        sp_pct(p[1], 24, r->sy), sp_pct(p[2], 24, r->id),
	        sp_pct(p[3], 24, r->wa), sp_pct(p[4], 24, r->st));
}

/* Why the newest row has "-" values, into buf ("" when none); in a
 * replay (recorded), they were not recorded. */
static const char *
sp_strip_why(const struct sysstat_row *r, bool recorded, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
#define SP_WHY(cond, text)                                                     \
	do {                                                                   \
		if ((cond) && n < size)                                        \
			n += (size_t)snprintf(buf + n, size - n, "%s%s",       \
			                      n ? "; " : "", text);            \
	} while (0)
	if (recorded) {
		SP_WHY(r->r == SNAP_NA || r->b == SNAP_NA,
		       "r, b: not recorded");
		SP_WHY(r->si_kbs == SNAP_NA || r->so_kbs == SNAP_NA,
		       "si, so: not recorded");
		SP_WHY(r->free_kb == SNAP_NA || r->buffcache_kb == SNAP_NA,
		       "free, buff/cache: not recorded");
		SP_WHY(r->us < 0, "us..st: not recorded");
		return buf;
	}
	SP_WHY(r->r == SNAP_NA || r->b == SNAP_NA, "r, b: not in /proc/stat");
	SP_WHY(r->si_kbs == SNAP_NA || r->so_kbs == SNAP_NA,
	       "si, so: no pswpin/pswpout in /proc/vmstat");
	SP_WHY(r->free_kb == SNAP_NA && r->buffcache_kb == SNAP_NA,
	       "free, buff/cache: not in /proc/meminfo");
	SP_WHY(r->free_kb == SNAP_NA && r->buffcache_kb != SNAP_NA,
	       "free: no MemFree in /proc/meminfo");
	SP_WHY(r->free_kb != SNAP_NA && r->buffcache_kb == SNAP_NA,
	       "buff/cache: no Buffers/Cached in /proc/meminfo");
	SP_WHY(r->us < 0, "us..st: no cpu line in /proc/stat, or no time "
	                  "passed");
#undef SP_WHY
	return buf;
}

/* Strip rows that fit: the body less the lines kept in view with it
 * (title, header, why, load, PSI, blank, the D tasks' first lines,
 * "more below"), at least SYSPANE_STRIP_MIN. */
static size_t
sp_strip_cap(const struct sp_out *o, const struct syspane_view *v,
             const char *why)
{
	struct sp_out c = {NULL, 0, 0, o->w, o->h, 0, 0};
	size_t d = v->tasks != NULL ? v->tasks->n : 0;
	int keep = 2 + 2 + 1 + 1 + (v->none != NULL) + v->recorded + 1;

	if (why[0] != '\0') {
		sp_wrap(&c, THEME_PROC_NA, SP_WHY_PREFIX, SP_WHY_INDENT, why);
		keep += (int)c.line;
	}

	if (d > 0)
		keep +=
		    1 + (int)(d < SYSPANE_TASKS_KEPT ? d : SYSPANE_TASKS_KEPT);
	return o->h - keep > SYSPANE_STRIP_MIN ? (size_t)(o->h - keep)
	                                       : SYSPANE_STRIP_MIN;
}

/* The strip's title: the span shown (never more; none before the first
 * row) and how rows merge, then what b counts. */
static void
sp_strip_title(struct sp_out *o, const struct sysstat_plan *p, bool recorded)
{
	const char *each = recorded ? "recorded sample" : "refresh";
	char head[128] = "vmstat", per[48], how[48] = "";
	char t[4][256];
	const char *forms[] = {t[0], t[1], t[2], t[3], NULL};
	double row_s = (double)p->span_ms * (double)p->per /
	               (double)(p->rows ? p->rows : 1) / 1000.0;

	snprintf(per, sizeof per, "1 row a %s", each);
	if (p->per > 1) {
		snprintf(per, sizeof per, "1 row per %.*f s", row_s < 2 ? 1 : 0,
		         row_s);
		snprintf(how, sizeof how, " (%zu %ss; r, b: peak)", p->per,
		         each);
	}
	if (p->shown > 0)
		snprintf(head, sizeof head, "vmstat, last %" PRIu64 " s, %s",
		         (p->span_ms + 500) / 1000, per);
	snprintf(t[0], sizeof t[0],
	         "%s%s, newest last; b counts only tasks in I/O wait, not "
	         "every task in D",
	         head, how);
	snprintf(t[1], sizeof t[1], "%s%s; b: I/O wait only, not every D task",
	         head, how);
	snprintf(t[2], sizeof t[2], "%s%s", head, how);
	snprintf(t[3], sizeof t[3], "%s", head);
	sp_forms(o, THEME_TITLE, forms);
}

/* The vmstat strip: title, header, every row of the last minute that
 * fits (merged when they do not), oldest first, and why a "-". */
static void
sp_strip(struct sp_out *o, const struct syspane_view *v)
{
	struct sysstat_plan p = {0, 1, 0, 0};
	struct sysstat_row m;
	char why[400] = "";

	if (v->stat != NULL && v->stat->ring.len > 0)
		sp_strip_why(sysstat_newest(v->stat, 0), v->recorded, why,
		             sizeof why);
	if (v->stat != NULL)
		sysstat_plan(v->stat, sp_strip_cap(o, v, why), &p);
	sp_strip_title(o, &p, v->recorded);
	sp_line(o, THEME_PROC_HEADER,
	        "%4s %4s %7s %7s %10s %11s %3s%3s%3s%3s%3s", "r", "b",
	        "si kB/s", "so kB/s", "free kB", "buff/cache", "us", "sy", "id",
	        "wa", "st");
	if (p.shown == 0)
		sp_line(o, THEME_PROC_NA, "%s",
		        v->recorded ? "  no row: no earlier recorded sample of "
		                      "this boot in the minute before"
		                    : "  no row yet: the first comes a refresh "
		                      "after the first sample");
	for (size_t k = p.shown; k > 0; k--) {
		sysstat_merged(v->stat, &p, k - 1, &m);
		sp_strip_row(o, &m);
	}
	if (why[0] != '\0')
		sp_wrap(o, THEME_PROC_NA, SP_WHY_PREFIX, SP_WHY_INDENT, why);
}

/* "12.50/0.00" (some/full avg10) or N/A with the reason, into buf (in a
 * replay, recorded: unread or ENODATA is "not recorded"). */
static const char *
sp_psi(char *buf, size_t size, const struct psi_memory *p, bool recorded)
{
	if (p == NULL || !p->valid)
		snprintf(buf, size, "N/A (%s)",
		         recorded && (p == NULL || p->err == ENODATA)
		             ? "not recorded"
		         : p == NULL            ? "not read"
		         : p->err == ENOENT     ? "no PSI on this kernel"
		         : p->err == EOPNOTSUPP ? "PSI disabled (psi=0)"
		                                : strerror(p->err));
	else if (p->full_valid)
		snprintf(buf, size, "%.2f/%.2f", p->some.avg10, p->full.avg10);
	else
		snprintf(buf, size, "%.2f/-", p->some.avg10);
	return buf;
}

/* The load and PSI lines. */
static void
sp_load(struct sp_out *o, const struct syspane_view *v)
{
	char c[96], i[96], m[96];
	const struct sysstat_raw *r = v->raw;

	if (r != NULL && r->load_valid)
		sp_line(o, THEME_NORMAL,
		        "load %.2f %.2f %.2f (1/5/15 min), runnable %" PRId64
		        " of %" PRId64 " threads",
		        r->load1, r->load5, r->load15, r->threads_runnable,
		        r->threads_total);
	else
		sp_line(o, THEME_PROC_NA, "load N/A (%s)",
		        r == NULL && v->recorded ? "not recorded"
		        : r == NULL              ? "not read"
		                                 : strerror(v->load_err));
	if (v->recorded) { /* memory first: the one recorded */
		sp_line(o, THEME_NORMAL,
		        "PSI avg10 some/full %%: memory %s  (cpu, io: not "
		        "recorded)",
		        sp_psi(m, sizeof m, v->psi_mem, true));
		return;
	}
	sp_line(o, THEME_NORMAL,
	        "PSI avg10 some/full %%: cpu %s  io %s  memory %s",
	        sp_psi(c, sizeof c, v->psi_cpu, false),
	        sp_psi(i, sizeof i, v->psi_io, false),
	        sp_psi(m, sizeof m, v->psi_mem, false));
}

/* ms as "12s", "3m04s" or "2h05m" into buf. */
static const char *
sp_dur(char *buf, size_t size, uint64_t ms)
{
	uint64_t s = ms / 1000;

	if (s < 60)
		snprintf(buf, size, "%" PRIu64 "s", s);
	else if (s < 3600)
		snprintf(buf, size, "%" PRIu64 "m%02" PRIu64 "s", s / 60,
		         s % 60);
	else
		snprintf(buf, size, "%" PRIu64 "h%02" PRIu64 "m", s / 3600,
		         s / 60 % 60);
	return buf;
}

/* The hung-task timeout (SNAP_NA when unknown). */
static int64_t
sp_timeout(const struct syspane_view *v)
{
	if (v->sv == NULL || v->sv->err[SYSCTL_HUNG_TASK_TIMEOUT] != 0)
		return SNAP_NA;
	return v->sv->v[SYSCTL_HUNG_TASK_TIMEOUT];
}

/* The WCHAN text of t (raw; "hidden", "N/A" or "-" when unknown). */
static const char *
sp_wchan(const struct dtask *t)
{
	return t->wchan_err == EPERM ? "hidden"
	       : t->wchan_err != 0   ? "N/A"
	       : t->wchan[0]         ? t->wchan
	                             : "-";
}

/* The row's text after NAME in width cells. */
void
syspane_task_text(const struct dtask *t, uint64_t in_d_ms, int64_t timeout,
                  int width, char *buf, size_t size)
{
	static const char *const short_mark[] = {
	    [DTASKS_OK] = "",
	    [DTASKS_NEAR] = "near the hung-task timeout",
	    [DTASKS_PAST] = "past the hung-task timeout"};
	static const char *const tiny_mark[] = {
	    [DTASKS_OK] = "", [DTASKS_NEAR] = "NEAR", [DTASKS_PAST] = "PAST"};
	enum dtasks_level lv = dtasks_level(in_d_ms, timeout);
	const char *wchan = sp_wchan(t);
	char dur[24], mark[160];
	int room, wlen = (int)strlen(wchan);

	sp_dur(dur, sizeof dur, in_d_ms);
	dtasks_level_text(lv, timeout, mark, sizeof mark);
	if (lv == DTASKS_OK) {
		snprintf(buf, size, " %7s  %s", dur, wchan);
		return;
	}
	/* the mark is kept longest: a long WCHAN is cut before it goes */
	for (int f = 0; f < 2; f++) {
		const char *m = f == 0 ? mark : short_mark[lv];

		if (10 + 22 + 2 + (int)strlen(m) <= width) {
			snprintf(buf, size, " %7s  %-22s  %s", dur, wchan, m);
			return;
		}
	}
	room = width - 10 - 2 - (int)strlen(short_mark[lv]);
	if (room >= 4) {
		if (wlen > room)
			snprintf(buf, size, " %7s  %.*s~  %s", dur, room - 1,
			         wchan, short_mark[lv]);
		else
			snprintf(buf, size, " %7s  %-*s  %s", dur, room, wchan,
			         short_mark[lv]);
		return;
	}
	snprintf(buf, size, " %7s  %s %s", dur, tiny_mark[lv], wchan);
}

/* One D task's row: PID, NAME (sanitized by draw), then
 * syspane_task_text in the rest, in its level's colour. */
static void
sp_task(struct sp_out *o, const struct dtasks *d, size_t i, int64_t timeout)
{
	static const enum theme_role role[] = {[DTASKS_OK] = THEME_NORMAL,
	                                       [DTASKS_NEAR] =
	                                           THEME_RISK_MEDIUM,
	                                       [DTASKS_PAST] = THEME_RISK_HIGH};
	const struct dtask *t = &d->item[i];
	uint64_t ms = dtasks_in_d_ms(d, i);
	enum dtasks_level lv = dtasks_level(ms, timeout);
	char text[300];
	const char *forms[] = {text, NULL};
	int y, x;

	if (!sp_next(o, &y))
		return;
	x = o->x + draw_fmt(o->s, y, o->x, o->w, role[lv], 0, "%7d %7d ",
	                    (int)t->pid, (int)t->id.pid);
	draw_text(o->s, y, x, 16, role[lv], t->comm,
	          strnlen(t->comm, sizeof t->comm), DRAW_FILL);
	x += 16;
	if (x < o->x + o->w) {
		syspane_task_text(t, ms, timeout, o->x + o->w - x, text,
		                  sizeof text);
		draw_forms(o->s, y, x, o->x + o->w - x, role[lv], forms,
		           DRAW_FILL);
	}
}

/* A task's kernel stack, one line per frame, or why it is not shown. */
static void
sp_stack(struct sp_out *o, const struct dtask *t)
{
	const char *p = t->stack, *nl;

	if (t->stack_err == EACCES || t->stack_err == EPERM) {
		sp_line(o, THEME_PROC_NA,
		        "          stack N/A: /proc/%d/task/%d/stack "
		        "needs root (CAP_SYS_ADMIN)",
		        (int)t->pid, (int)t->id.pid);
		return;
	}
	if (t->stack_err != 0) {
		sp_line(o, THEME_PROC_NA, "          stack N/A: %s",
		        t->stack_err < 0 ? "not read yet"
		                         : strerror(t->stack_err));
		return;
	}
	while (*p != '\0') {
		nl = strchr(p, '\n');
		sp_line(o, THEME_KLOG_NORMAL, "          %.*s",
		        (int)(nl ? nl - p : (long)strlen(p)), p);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

/* The D-task section: title, header, rows (with stacks when asked). */
static void
sp_tasks(struct sp_out *o, const struct syspane_view *v)
{
	const struct dtasks *d = v->tasks;
	int64_t t = sp_timeout(v);
	char half[48] = "";

	if (t != SNAP_NA && t > 0)
		snprintf(half, sizeof half, "; highlighted from %" PRId64 " s",
		         t / 2);
	if (d == NULL || d->n == 0) {
		sp_line(o, THEME_TITLE, "Tasks in D state: %s",
		        d == NULL && v->recorded ? "not recorded" : "none");
		return;
	}
	if (t != SNAP_NA && t > 0) {
		char full[160], brief[80];
		const char *forms[] = {full, brief, NULL};

		snprintf(full, sizeof full,
		         "Tasks in D state: %zu (reported as hung at %" PRId64
		         " s unless killable%s)",
		         d->n, t, half);
		snprintf(brief, sizeof brief,
		         "Tasks in D state: %zu (hung-task timeout %" PRId64
		         " s)",
		         d->n, t);
		sp_forms(o, THEME_TITLE, forms);
	} else
		sp_line(o, THEME_TITLE, "Tasks in D state: %zu (%s)", d->n,
		        t == 0 ? "the hung-task check is off"
		               : "no hung-task timeout known");
	sp_line(o, THEME_PROC_HEADER, "%7s %7s %-16s %7s  %s", "PID", "TID",
	        "NAME", "IN D", "WCHAN");
	for (size_t i = 0; i < d->n; i++) {
		sp_task(o, d, i, t);
		if (v->stacks)
			sp_stack(o, &d->item[i]);
	}
	if (d->dropped > 0)
		sp_line(o, THEME_PROC_NA,
		        "  and %zu more in D (the first %d "
		        "are listed)",
		        d->dropped, DTASKS_MAX);
}

/* One setting: name, value, meaning. */
static void
sp_setting(struct sp_out *o, const struct sysctl_values *sv, enum sysctl_id id)
{
	const char *name = sysctl_def(id)->name;
	char meaning[400], val[24], prefix[64];
	bool na = sv->err[id] != 0;

	if (o->w < 100 && strchr(name, '.') != NULL)
		name = strchr(name, '.') + 1; /* narrow: without kernel./vm. */
	sysctl_meaning(sv, id, meaning, sizeof meaning);
	snprintf(prefix, sizeof prefix, "%-*s %7s  ", o->w < 100 ? 24 : 31,
	         name, sp_num(val, sizeof val, sv->v[id], 7));
	sp_wrap(o, na ? THEME_PROC_NA : THEME_NORMAL, prefix,
	        (int)strlen(prefix), meaning);
}

/* The settings: the summary sentence, then each one. */
static void
sp_settings(struct sp_out *o, const struct syspane_view *v)
{
	char sum[400];

	if (v->sv == NULL) {
		sp_line(o, THEME_PROC_NA, "Settings: %s",
		        v->recorded ? "not recorded" : "not read yet");
		return;
	}
	/* the summary's clauses ("; " apart), one a line */
	sysctl_summary(v->sv, sum, sizeof sum);
	for (char *p = sum, *end; p != NULL; p = end) {
		end = strstr(p, "; ");
		if (end != NULL) {
			*end = '\0';
			end += 2;
		}
		if (end != NULL)
			strcat(p, ";"); /* the "; " had room for it */
		sp_wrap(o, THEME_TITLE, p == sum ? "What happens next:" : "",
		        19, p);
	}
	for (int i = 0; i < SYSCTL_COUNT; i++)
		sp_setting(o, v->sv, (enum sysctl_id)i);
}

/* Every part, in order. */
static void
sp_all(struct sp_out *o, const struct syspane_view *v)
{
	if (v->none != NULL)
		sp_line(o, THEME_STATUS_ERROR, "%s", v->none);
	if (v->recorded)
		sp_line(o, THEME_TITLE, "%s",
		        "Replay: memory, swap and PSI memory from the record; "
		        "the rest is not recorded");
	sp_strip(o, v);
	sp_load(o, v);
	sp_line(o, THEME_NORMAL, "%s", "");
	sp_tasks(o, v);
	sp_line(o, THEME_NORMAL, "%s", "");
	sp_settings(o, v);
}

/* Lines of the body. */
size_t
syspane_lines(const struct syspane_view *v, int rows, int cols)
{
	struct sp_out o = {NULL, 0, 0, cols, rows, 0, 0};

	sp_all(&o, v);
	return o.line;
}

/* The System screen's body. */
void
dash_body_system(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;
	const struct syspane_view *v = f->screen_data;
	struct sp_out o;
	size_t total;

	if (!layout_rect_visible(r) || v == NULL)
		return;
	draw_clear_rect(s, r, THEME_NORMAL);
	o = (struct sp_out){s, r->x, r->y, r->w, r->h, v->top, 0};
	sp_all(&o, v);
	total = o.line;
	if (total > v->top + (size_t)r->h)
		draw_fmt(s, r->y + r->h - 1, r->x, r->w, THEME_STATUS_INFO,
		         DRAW_FILL, "-- %zu more lines below (Down, PgDn) --",
		         total - v->top - (size_t)r->h + 1);
}
