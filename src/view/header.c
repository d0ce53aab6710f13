/*
 * header.c: the header meters and the next-victim line. Each meter is one
 * line; in two columns the left holds memory (Mem, Swap, Commit, Self),
 * the right pressure (PSI, OOM kills, rates, Tasks). In one column they
 * come in order of urgency, as many as the rectangle has rows.
 */
#include "view/panes.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/columns.h"
#include "view/draw.h"

/* The meters, by where they go. */
enum meter {
	M_MEM,
	M_SWAP,
	M_COMMIT,
	M_SELF,
	M_PSI,
	M_OOM,
	M_RATES,
	M_TASKS,
	M_COUNT
};

/* One-column order: most urgent first. */
static const enum meter narrow_order[M_COUNT] = {
    M_MEM, M_SWAP, M_OOM, M_PSI, M_COMMIT, M_RATES, M_SELF, M_TASKS};

/* A size in kB, or "N/A". */
static const char *
kb(int64_t v, char *buf, size_t size)
{
	return columns_kb_or(v, "N/A", buf, size);
}

/* A value >= 0, SNAP_NA stays unknown. */
static int64_t
nonneg(int64_t v)
{
	return v == SNAP_NA ? SNAP_NA : v < 0 ? 0 : v;
}

/*
 * Draw a bar "Lbl[|||###     text]" at (y, x) in w columns: parts[i]
 * cells of roles[i] drawn with chars[i], out of total.
 */
static void
bar(struct screen *s, int y, int x, int w, const char *label,
    const int64_t *parts, const enum theme_role *roles, const char *chars,
    int nparts, int64_t total, const char *text)
{
	int inner, at, cells, tw;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, label, 0);
	at += draw_str(s, y, at, x + w - at, THEME_NORMAL, "[", 0);
	inner = x + w - at - 1;
	if (inner < 1)
		return;
	tw = (int)strlen(text);
	for (int i = 0; i < nparts && total > 0; i++) {
		cells = (int)((double)parts[i] * inner / (double)total + 0.5);
		for (int k = 0; k < cells && at < x + w - 1; k++)
			draw_text(s, y, at++, 1, roles[i], &chars[i], 1, 0);
	}
	if (tw < inner)
		draw_str(s, y, x + w - 1 - tw, tw, THEME_METER_VALUE, text, 0);
	draw_str(s, y, x + w - 1, 1, THEME_NORMAL, "]", 0);
}

/* Mem[used|cache|free] with MemAvailable after it. */
static void
meter_mem(struct screen *s, int y, int x, int w, const struct snapshot *sn)
{
	const struct mem_info *m = &sn->mem;
	char a[16], b[16], c[32], text[48];
	int64_t parts[2], used, cache;
	static const enum theme_role roles[2] = {THEME_MEM_USED,
	                                         THEME_MEM_CACHE};
	int aw;

	if (m->total_kb == SNAP_NA || m->total_kb <= 0) {
		draw_str(s, y, x, w, THEME_PROC_NA,
		         "Mem: n/a (/proc/meminfo unreadable)", 0);
		return;
	}
	cache = nonneg(m->buffers_kb) == SNAP_NA ? 0 : nonneg(m->buffers_kb);
	cache += nonneg(m->cached_kb) == SNAP_NA ? 0 : nonneg(m->cached_kb);
	used = m->total_kb - (m->free_kb == SNAP_NA ? 0 : m->free_kb) - cache;
	if (used < 0)
		used = 0;
	parts[0] = used;
	parts[1] = cache;
	snprintf(text, sizeof text, "%s/%s", kb(used, a, sizeof a),
	         kb(m->total_kb, b, sizeof b));
	snprintf(c, sizeof c, " avail %s", kb(m->available_kb, a, sizeof a));
	aw = (int)strlen(c);
	bar(s, y, x, w - aw, "Mem", parts, roles, "|#", 2, m->total_kb, text);
	draw_str(s, y, x + w - aw, aw,
	         m->available_kb != SNAP_NA &&
	                 m->available_kb * 10 < m->total_kb
	             ? THEME_RISK_HIGH
	             : THEME_METER_VALUE,
	         c, 0);
}

/* Swp[used] or "no swap". */
static void
meter_swap(struct screen *s, int y, int x, int w, const struct snapshot *sn)
{
	const struct mem_info *m = &sn->mem;
	static const enum theme_role roles[1] = {THEME_MEM_SWAP};
	char a[16], b[16], text[48];
	int64_t used;

	if (m->swap_total_kb == SNAP_NA) {
		draw_str(s, y, x, w, THEME_PROC_NA, "Swp: n/a", 0);
		return;
	}
	if (m->swap_total_kb == 0) {
		draw_str(s, y, x, w, THEME_METER_LABEL, "Swp", 0);
		draw_str(s, y, x + 3, w - 3, THEME_NORMAL,
		         " none (no swap configured)", 0);
		return;
	}
	used = m->swap_total_kb - nonneg(m->swap_free_kb);
	if (used < 0 || m->swap_free_kb == SNAP_NA)
		used = 0;
	snprintf(text, sizeof text, "%s/%s", kb(used, a, sizeof a),
	         kb(m->swap_total_kb, b, sizeof b));
	bar(s, y, x, w, "Swp", &used, roles, "|", 1, m->swap_total_kb, text);
}

/* Committed_AS against CommitLimit, read by overcommit mode. */
static void
meter_commit(struct screen *s, int y, int x, int w, const struct snapshot *sn)
{
	const struct mem_info *m = &sn->mem;
	char a[16], b[16], c[16];
	int64_t left;
	enum theme_role role = THEME_RISK_LOW;
	int at;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "Commit ", 0);
	if (m->committed_as_kb == SNAP_NA || m->commit_limit_kb == SNAP_NA) {
		draw_str(s, y, at, x + w - at, THEME_PROC_NA, "n/a", 0);
		return;
	}
	if (sn->vm.overcommit_memory == 2) {
		left = m->commit_limit_kb - m->committed_as_kb;
		if (left < m->commit_limit_kb / 10)
			role = THEME_RISK_HIGH;
		else if (left < m->commit_limit_kb / 4)
			role = THEME_RISK_MEDIUM;
		draw_fmt(s, y, at, x + w - at, role, 0,
		         "%s of %s (mode 2, hard limit): %s left",
		         kb(m->committed_as_kb, a, sizeof a),
		         kb(m->commit_limit_kb, b, sizeof b),
		         left > 0 ? kb(left, c, sizeof c) : "nothing");
		return;
	}
	draw_fmt(s, y, at, x + w - at, THEME_NORMAL, 0,
	         "%s of %s (advisory, overcommit %s)",
	         kb(m->committed_as_kb, a, sizeof a),
	         kb(m->commit_limit_kb, b, sizeof b),
	         sn->vm.overcommit_memory == 0   ? "mode 0"
	         : sn->vm.overcommit_memory == 1 ? "mode 1"
	                                         : "mode unknown");
}

/* Why PSI is not there, in words. */
static const char *
psi_reason(int err)
{
	switch (err) {
	case ENOENT:
		return "no /proc/pressure/memory: kernel without CONFIG_PSI";
	case EOPNOTSUPP:
		return "disabled: boot with psi=1";
	case EACCES:
	case EPERM:
		return "permission denied";
	default:
		return strerror(err);
	}
}

/* PSI memory some/full avg10/avg60. */
static void
meter_psi(struct screen *s, int y, int x, int w, const struct snapshot *sn)
{
	const struct psi_memory *p = &sn->psi;
	enum theme_role role = THEME_RISK_LOW;
	int at;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "PSI ", 0);
	if (!p->valid) {
		draw_fmt(s, y, at, x + w - at, THEME_PROC_NA, 0, "n/a (%s)",
		         psi_reason(p->err));
		return;
	}
	if (p->some.avg10 >= 20.0 || (p->full_valid && p->full.avg10 >= 5.0))
		role = THEME_RISK_HIGH;
	else if (p->some.avg10 >= 5.0 ||
	         (p->full_valid && p->full.avg10 >= 1.0))
		role = THEME_RISK_MEDIUM;
	if (p->full_valid)
		draw_fmt(s, y, at, x + w - at, role, 0,
		         "some %.2f/%.2f  full %.2f/%.2f  (avg10/avg60 %%)",
		         p->some.avg10, p->some.avg60, p->full.avg10,
		         p->full.avg60);
	else
		draw_fmt(s, y, at, x + w - at, role, 0,
		         "some %.2f/%.2f  (avg10/avg60 %%; no full line)",
		         p->some.avg10, p->some.avg60);
}

/* OOM kills since boot and since start, and a panic_on_oom warning. */
static void
meter_oom(struct screen *s, int y, int x, int w, const struct dash_frame *f)
{
	const struct snapshot *sn = f->snap;
	int64_t since;
	int at;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "OOM kills ", 0);
	if (sn->vmstat.oom_kill == SNAP_NA) {
		at += draw_str(s, y, at, x + w - at, THEME_PROC_NA,
		               "n/a (no oom_kill in /proc/vmstat)", 0);
	} else {
		since = f->kills_at_start == SNAP_NA
		            ? 0
		            : sn->vmstat.oom_kill - f->kills_at_start;
		at +=
		    draw_fmt(s, y, at, x + w - at,
		             since > 0 ? THEME_RISK_HIGH : THEME_NORMAL, 0,
		             "%" PRId64 " since boot, %" PRId64 " since start",
		             sn->vmstat.oom_kill, since);
		if (f->new_kill)
			at += draw_str(s, y, at + 1, x + w - at - 1,
			               THEME_STATUS_ERROR, " NEW KILL ", 0) +
			      1;
	}
	if (sn->vm.panic_on_oom != SNAP_NA && sn->vm.panic_on_oom != 0)
		draw_fmt(s, y, at + 2, x + w - at - 2, THEME_STATUS_ERROR, 0,
		         " next OOM = PANIC (vm.panic_on_oom=%" PRId64 ") ",
		         sn->vm.panic_on_oom);
}

/* Swap-in/out and major-fault rates. */
static void
meter_rates(struct screen *s, int y, int x, int w, const struct snapshot *sn)
{
	const struct vmstat_rates *r = &sn->rates;
	int at;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "Paging ", 0);
	if (!r->valid) {
		draw_str(s, y, at, x + w - at, THEME_PROC_NA,
		         "rates after the next refresh", 0);
		return;
	}
	draw_fmt(s, y, at, x + w - at,
	         r->pswpin + r->pswpout > 1000.0 ? THEME_RISK_HIGH
	         : r->pswpin + r->pswpout > 0.0  ? THEME_RISK_MEDIUM
	                                         : THEME_NORMAL,
	         0, "swap in %.0f/s out %.0f/s  major faults %.0f/s", r->pswpin,
	         r->pswpout, r->pgmajfault);
}

/* Self-protection: mlockall and our own oom_score_adj. */
static void
meter_self(struct screen *s, int y, int x, int w, const struct dash_frame *f)
{
	const struct dash_protect *p = &f->protect;
	int at;

	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "Self ", 0);
	draw_str(s, y, at, x + w - at,
	         p->disabled ? THEME_STATUS_INFO
	         : p->ok     ? THEME_STATUS_OK
	                     : THEME_RISK_MEDIUM,
	         p->text, 0);
}

/* Task counts. */
static void
meter_tasks(struct screen *s, int y, int x, int w, const struct dash_frame *f)
{
	size_t kthreads = 0;
	int at;

	for (size_t i = 0; i < f->snap->nprocs; i++)
		kthreads += f->snap->procs[i].kthread;
	at = x + draw_str(s, y, x, w, THEME_METER_LABEL, "Tasks ", 0);
	draw_fmt(s, y, at, x + w - at, THEME_NORMAL, 0,
	         "%zu (%zu kernel threads), %zu shown%s", f->snap->nprocs,
	         kthreads, f->table->nrows, f->paused ? "  [PAUSED]" : "");
}

/* Draw one meter. */
static void
meter(struct screen *s, enum meter m, int y, int x, int w,
      const struct dash_frame *f)
{
	switch (m) {
	case M_MEM:
		meter_mem(s, y, x, w, f->snap);
		break;
	case M_SWAP:
		meter_swap(s, y, x, w, f->snap);
		break;
	case M_COMMIT:
		meter_commit(s, y, x, w, f->snap);
		break;
	case M_SELF:
		meter_self(s, y, x, w, f);
		break;
	case M_PSI:
		meter_psi(s, y, x, w, f->snap);
		break;
	case M_OOM:
		meter_oom(s, y, x, w, f);
		break;
	case M_RATES:
		meter_rates(s, y, x, w, f->snap);
		break;
	case M_TASKS:
	default:
		meter_tasks(s, y, x, w, f);
		break;
	}
}

/* The header meters. */
void
header_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->header;
	int half;

	if (!layout_rect_visible(r))
		return;
	if (f->snap == NULL) {
		draw_str(s, r->y, r->x, r->w, THEME_STATUS_INFO,
		         "reading /proc ...", 0);
		return;
	}
	if (f->layout->header_columns == 2) {
		half = r->w / 2;
		for (int i = 0; i < r->h && i < M_COUNT / 2; i++) {
			meter(s, (enum meter)i, r->y + i, r->x + 1, half - 2,
			      f);
			meter(s, (enum meter)(i + M_COUNT / 2), r->y + i,
			      r->x + half + 1, r->w - half - 2, f);
		}
		return;
	}
	for (int i = 0; i < r->h && i < M_COUNT; i++)
		meter(s, narrow_order[i], r->y + i, r->x + 1, r->w - 2, f);
}

/* The next-victim line. */
void
header_victim_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->victim;
	const struct proc_row *v;
	char rss[16], score[64];
	int at;

	if (!layout_rect_visible(r) || f->snap == NULL)
		return;
	at = r->x + 1 +
	     draw_str(s, r->y, r->x + 1, r->w - 1, THEME_METER_LABEL,
	              "Next OOM victim: ", 0);
	if (f->victim < 0 || (size_t)f->victim >= f->snap->nprocs) {
		draw_str(s, r->y, at, r->x + r->w - at, THEME_PROC_NA,
		         "none known (no readable oom_score)", 0);
		return;
	}
	v = &f->snap->procs[f->victim];
	if (v->oom_score_adj == SNAP_NA)
		snprintf(score, sizeof score, "%" PRId64 "  adj N/A",
		         v->oom_score);
	else
		snprintf(score, sizeof score, "%" PRId64 "  adj %" PRId64,
		         v->oom_score, v->oom_score_adj);
	at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_PROC_VICTIM, 0,
	               "pid %d ", v->pid);
	at += draw_text(s, r->y, at, r->x + r->w - at, THEME_PROC_VICTIM,
	                v->comm, strnlen(v->comm, sizeof v->comm), 0);
	draw_fmt(s, r->y, at, r->x + r->w - at, THEME_NORMAL, 0,
	         "  oom_score %s  RSS %s", score,
	         v->rss_kb == SNAP_NA ? "N/A" : kb(v->rss_kb, rss, sizeof rss));
}
