/*
 * meters.c: the header's meter lines as forms, longest first, and their
 * placement (see meters.h). The long forms are the ones the header has
 * always shown; the short ones keep the numbers and drop the words.
 */
#include "model/meters.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/columns.h"
#include "model/hdrhist.h"
#include "model/spark.h"
#include "model/snapcg.h"

/* One-column order: most urgent first. */
static const enum meters_id narrow_order[METERS_COUNT] = {
    METERS_MEM,    METERS_SWAP,  METERS_OOM,  METERS_PSI,
    METERS_COMMIT, METERS_RATES, METERS_SELF, METERS_TASKS};

/* Columns of a bar segment at least: "[", 8 cells, "]". */
#define METERS_BAR_MIN_COLS 10

/* Copy a formatted text into the line's pool; "" when it is full. */
static const char *
pool_fmt(struct meters_line *l, const char *fmt, va_list ap)
{
	size_t room = sizeof l->pool - l->pool_len;
	char *at = l->pool + l->pool_len;
	int n;

	n = vsnprintf(at, room, fmt, ap);
	if (n < 0 || (size_t)n >= room)
		return "";
	l->pool_len += (size_t)n + 1;
	return at;
}

/* Start a new segment in role; keep and gap as in meterfit.h. */
static struct meterfit_seg *
seg_new(struct meters_line *l, enum theme_role role, int keep, int gap_cols)
{
	struct meterfit_seg *sg = &l->seg[l->nseg];

	l->role[l->nseg++] = role;
	sg->keep = keep;
	sg->gap_cols = gap_cols;
	return sg;
}

/* Add a form (printf-style) after the segment's others. */
__attribute__((format(printf, 3, 4))) static void
form(struct meters_line *l, struct meterfit_seg *sg, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	while (n < METERFIT_FORMS && sg->form[n] != NULL)
		n++;
	if (n == METERFIT_FORMS)
		return;
	va_start(ap, fmt);
	sg->form[n] = pool_fmt(l, fmt, ap);
	va_end(ap);
}

/* A segment with one fixed text. */
static void
seg_text(struct meters_line *l, enum theme_role role, int keep,
         const char *text)
{
	form(l, seg_new(l, role, keep, 0), "%s", text);
}

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

/* Make the bar segment for used and cache of total (cache < 0: one
 * part, used, in the swap role). */
static void
bar_seg(struct meters_line *l, int64_t used, int64_t cache, int64_t total)
{
	struct meters_bar *b = &l->bar;
	char u[16], t[16];

	l->bar_seg = (int)l->nseg;
	seg_new(l, THEME_NORMAL, 0, 0)->flex_min_cols = METERS_BAR_MIN_COLS;
	b->parts[0] = used;
	b->parts[1] = cache;
	b->role[0] = cache < 0 ? THEME_MEM_SWAP : THEME_MEM_USED;
	b->role[1] = THEME_MEM_CACHE;
	b->glyph[0] = '|';
	b->glyph[1] = '#';
	b->nparts = cache < 0 ? 1 : 2;
	b->total = total;
	kb(used, u, sizeof u);
	kb(total, t, sizeof t);
	form(l, &b->text, "%s/%s", u, t);
	form(l, &b->text, "%s", u);
	form(l, &b->text, "%s", "");
}

/* Sparkline id of the history as a segment that may go when the line is
 * narrow (keep as in meterfit.h), from its oldest cell with data; none
 * when the history does not show it. */
static void
spark_seg(struct meters_line *l, const struct meters_in *in, enum hdrhist_id id,
          int keep)
{
	const struct hdrhist_spark *sp;
	char glyphs[SPARK_CELLS_MAX * 3 + 1];
	size_t first = 0;

	if (in->hist == NULL || in->hist->spark[id].n == 0)
		return;
	sp = &in->hist->spark[id];
	/* a young history takes less room */
	while (first < sp->n && sp->v[first] == SNAP_NA)
		first++;
	if (first == sp->n)
		return;
	spark_text_scaled(sp->v + first, sp->n - first, sp->lo, sp->hi,
	                  in->spark_ascii, glyphs, sizeof glyphs);
	form(l, seg_new(l, THEME_METER_VALUE, keep, 1), "%s", glyphs);
	form(l, &l->seg[l->nseg - 1], "%s", "");
}

/* The bar's columns for its longest text ("used/total") and the
 * brackets; at least METERS_BAR_MIN_COLS. */
static int
bar_text_cols(const struct meters_line *l)
{
	int n = meterfit_codepoints(NULL, l->bar.text.form[0],
	                            strlen(l->bar.text.form[0])) +
	        3;

	return n > METERS_BAR_MIN_COLS ? n : METERS_BAR_MIN_COLS;
}

/*
 * The sparkline and the time to OOM after Mem's values. With a forecast
 * the line gives up, in this order: the forecast's words ("under 1 min
 * to OOM at -4.5G/min" -> "<1m to OOM at -4.5G/min" -> "<1m to OOM"),
 * then "avail" shortens to "av", then the sparkline goes; the bar keeps
 * room for "used/total" and avail's number stays.
 */
static void
mem_history(struct meters_line *l, const struct meters_in *in, size_t avail)
{
	struct meterfit_seg *sg;
	const char *rate;

	if (in->hist == NULL || in->hist->forecast[0] == '\0') {
		spark_seg(l, in, HDRHIST_MEM, 1); /* goes first */
		return;
	}
	l->seg[l->bar_seg].flex_min_cols = bar_text_cols(l);
	l->seg[avail].keep = 1;
	l->seg[avail].form[2] = NULL;     /* the number stays */
	spark_seg(l, in, HDRHIST_MEM, 2); /* after avail shortened */
	sg = seg_new(l, THEME_RISK_HIGH, 0, 1);
	form(l, sg, "%s", in->hist->forecast);
	if (in->hist->forecast_short[0] == '\0')
		return;
	rate = strstr(in->hist->forecast, " at ");
	if (rate != NULL)
		form(l, sg, "%s%s", in->hist->forecast_short, rate);
	form(l, sg, "%s", in->hist->forecast_short);
}

/* Mem[used|cache] with MemAvailable after it. */
static void
line_mem(struct meters_line *l, const struct mem_info *m)
{
	struct meterfit_seg *sg;
	int64_t used, cache;
	char a[16];

	if (m->total_kb == SNAP_NA || m->total_kb <= 0) {
		sg = seg_new(l, THEME_PROC_NA, 1, 0);
		form(l, sg, "Mem: n/a (/proc/meminfo unreadable)");
		form(l, sg, "Mem: n/a");
		return;
	}
	cache = nonneg(m->buffers_kb) == SNAP_NA ? 0 : nonneg(m->buffers_kb);
	cache += nonneg(m->cached_kb) == SNAP_NA ? 0 : nonneg(m->cached_kb);
	used = m->total_kb - (m->free_kb == SNAP_NA ? 0 : m->free_kb) - cache;
	seg_text(l, THEME_METER_LABEL, 9, "Mem");
	bar_seg(l, used < 0 ? 0 : used, cache, m->total_kb);
	sg = seg_new(l,
	             m->available_kb != SNAP_NA &&
	                     m->available_kb * 10 < m->total_kb
	                 ? THEME_RISK_HIGH
	                 : THEME_METER_VALUE,
	             5, 0);
	kb(m->available_kb, a, sizeof a);
	form(l, sg, " avail %s", a);
	form(l, sg, " av %s", a);
	form(l, sg, "%s", "");
}

/* Swp[used] or "none". */
static void
line_swap(struct meters_line *l, const struct mem_info *m)
{
	struct meterfit_seg *sg;
	int64_t used;

	if (m->swap_total_kb == SNAP_NA) {
		seg_text(l, THEME_PROC_NA, 1, "Swp: n/a");
		return;
	}
	seg_text(l, THEME_METER_LABEL, 9, "Swp");
	if (m->swap_total_kb == 0) {
		sg = seg_new(l, THEME_NORMAL, 1, 0);
		form(l, sg, " none (no swap configured)");
		form(l, sg, " none");
		return;
	}
	used = m->swap_total_kb - nonneg(m->swap_free_kb);
	if (used < 0 || m->swap_free_kb == SNAP_NA)
		used = 0;
	bar_seg(l, used, -1, m->swap_total_kb);
}

/* Committed_AS against CommitLimit, read by overcommit mode. */
static void
line_commit(struct meters_line *l, const struct snapshot *sn)
{
	const struct mem_info *m = &sn->mem;
	struct meterfit_seg *sg;
	char a[16], b[16], c[16], mode[16];
	const char *rest;
	int64_t left;
	enum theme_role role = THEME_RISK_LOW;

	seg_text(l, THEME_METER_LABEL, 9, "Commit ");
	if (m->committed_as_kb == SNAP_NA || m->commit_limit_kb == SNAP_NA) {
		seg_text(l, THEME_PROC_NA, 1, "n/a");
		return;
	}
	kb(m->committed_as_kb, a, sizeof a);
	kb(m->commit_limit_kb, b, sizeof b);
	if (sn->vm.overcommit_memory == 2) {
		left = m->commit_limit_kb - m->committed_as_kb;
		if (left < m->commit_limit_kb / 10)
			role = THEME_RISK_HIGH;
		else if (left < m->commit_limit_kb / 4)
			role = THEME_RISK_MEDIUM;
		rest = left > 0 ? kb(left, c, sizeof c) : "nothing";
		sg = seg_new(l, role, 1, 0);
		form(l, sg, "%s of %s (mode 2, hard limit): %s left", a, b,
		     rest);
		form(l, sg, "%s of %s (mode 2): %s left", a, b, rest);
		form(l, sg, "%s/%s, %s left", a, b, rest);
		form(l, sg, "%s left", rest);
		return;
	}
	snprintf(mode, sizeof mode, "mode %s",
	         sn->vm.overcommit_memory == 0   ? "0"
	         : sn->vm.overcommit_memory == 1 ? "1"
	                                         : "unknown");
	sg = seg_new(l, THEME_NORMAL, 1, 0);
	form(l, sg, "%s of %s (advisory, overcommit %s)", a, b, mode);
	form(l, sg, "%s of %s (advisory, %s)", a, b, mode);
	form(l, sg, "%s of %s (%s)", a, b, mode);
	form(l, sg, "%s/%s", a, b);
}

/* Why PSI is not there, in words (long, or short). */
static const char *
psi_reason(int err, bool brief)
{
	switch (err) {
	case ENOENT:
		return brief ? "no CONFIG_PSI"
		             : "no /proc/pressure/memory: kernel without "
		               "CONFIG_PSI";
	case EOPNOTSUPP:
		return brief ? "psi=0" : "disabled: boot with psi=1";
	case EACCES:
	case EPERM:
		return brief ? "denied" : "permission denied";
	default:
		return strerror(err);
	}
}

/* PSI memory some/full avg10/avg60: the numbers (keep 2), then the
 * remark saying what they are (keep 0: it goes first). */
static void
line_psi(struct meters_line *l, const struct psi_memory *p)
{
	struct meterfit_seg *sg, *rm;
	enum theme_role role = THEME_RISK_LOW;

	seg_text(l, THEME_METER_LABEL, 9, "PSI ");
	if (!p->valid) {
		sg = seg_new(l, THEME_PROC_NA, 1, 0);
		form(l, sg, "n/a (%s)", psi_reason(p->err, false));
		form(l, sg, "n/a (%s)", psi_reason(p->err, true));
		form(l, sg, "n/a");
		return;
	}
	if (p->some.avg10 >= 20.0 || (p->full_valid && p->full.avg10 >= 5.0))
		role = THEME_RISK_HIGH;
	else if (p->some.avg10 >= 5.0 ||
	         (p->full_valid && p->full.avg10 >= 1.0))
		role = THEME_RISK_MEDIUM;
	sg = seg_new(l, role, 2, 0);
	rm = seg_new(l, role, 0, 0);
	if (!p->full_valid) {
		form(l, sg, "some %.2f/%.2f", p->some.avg10, p->some.avg60);
		form(l, sg, "some %.2f", p->some.avg10);
		form(l, rm, "  (avg10/avg60 %%; no full line)");
		form(l, rm, "  (avg10/avg60 %%)");
		form(l, rm, "%s", "");
		return;
	}
	form(l, sg, "some %.2f/%.2f  full %.2f/%.2f", p->some.avg10,
	     p->some.avg60, p->full.avg10, p->full.avg60);
	form(l, sg, "some %.2f full %.2f", p->some.avg10, p->full.avg10);
	form(l, sg, "%.2f/%.2f", p->some.avg10, p->full.avg10);
	form(l, rm, "  (avg10/avg60 %%)");
	form(l, rm, "%s", "");
}

/* OOM kills since boot and since start, and a panic_on_oom warning. */
static void
line_oom(struct meters_line *l, const struct meters_in *in)
{
	const struct snapshot *sn = in->snap;
	struct meterfit_seg *sg;
	int64_t all = sn->vmstat.oom_kill, since;

	sg = seg_new(l, THEME_METER_LABEL, 4, 0);
	form(l, sg, "OOM kills ");
	form(l, sg, "OOM ");
	if (all == SNAP_NA) {
		sg = seg_new(l, THEME_PROC_NA, 1, 0);
		form(l, sg, "n/a (no oom_kill in /proc/vmstat)");
		form(l, sg, "n/a");
	} else {
		since = in->kills_at_start == SNAP_NA
		            ? 0
		            : all - in->kills_at_start;
		sg = seg_new(l, since > 0 ? THEME_RISK_HIGH : THEME_NORMAL, 3,
		             0);
		form(l, sg, "%" PRId64 " since boot, %" PRId64 " since start",
		     all, since);
		form(l, sg, "%" PRId64 " since boot, %" PRId64 " new", all,
		     since);
		form(l, sg, "%" PRId64 " (%" PRId64 " new)", all, since);
		form(l, sg, "%" PRId64, all);
		if (in->new_kill) {
			sg = seg_new(l, THEME_STATUS_ERROR, 6, 1);
			form(l, sg, " NEW KILL ");
			form(l, sg, " NEW ");
		}
	}
	if (sn->vm.panic_on_oom != SNAP_NA && sn->vm.panic_on_oom != 0) {
		sg = seg_new(l, THEME_STATUS_ERROR, 7, 2);
		form(l, sg, " next OOM = PANIC (vm.panic_on_oom=%" PRId64 ") ",
		     sn->vm.panic_on_oom);
		form(l, sg, " next OOM = PANIC ");
		form(l, sg, " PANIC ");
	}
}

/* A rate as "12" into buf, or "N/A" when it is unknown (NAN). */
static const char *
rate_text(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "N/A");
	else
		snprintf(buf, size, "%.0f", v);
	return buf;
}

/* Why there are no rates (vmstat_rates.na): the live dashboard's first
 * refresh, or a replay's sample with no earlier one or after a gap. */
static void
line_rates_na(struct meters_line *l, const struct vmstat_rates *r)
{
	struct meterfit_seg *sg = seg_new(l, THEME_PROC_NA, 1, 0);
	long long s = (long long)(r->gap_ms / 1000);

	switch (r->na) {
	case VMSTAT_NA_NO_EARLIER:
		form(l, sg, "rates: no earlier sample");
		form(l, sg, "no earlier sample");
		break;
	case VMSTAT_NA_GAP:
		form(l, sg,
		     "N/A after a gap of %lldh%02lldm%02llds in the record",
		     s / 3600, s / 60 % 60, s % 60);
		form(l, sg, "N/A after a gap of %lldh%02lldm%02llds", s / 3600,
		     s / 60 % 60, s % 60);
		form(l, sg, "N/A after a gap");
		break;
	default:
		form(l, sg, "rates after the next refresh");
		form(l, sg, "next refresh");
	}
}

/* Swap-in/out and major-fault rates; unknown ones (a counter missing
 * from /proc/vmstat or gone backwards) are N/A, never "nan". */
static void
line_rates(struct meters_line *l, const struct vmstat_rates *r)
{
	struct meterfit_seg *sg;
	char in[32], out[32], mf[32];
	double sum = (isnan(r->pswpin) ? 0.0 : r->pswpin) +
	             (isnan(r->pswpout) ? 0.0 : r->pswpout);

	seg_text(l, THEME_METER_LABEL, 9, "Paging ");
	if (!r->valid) {
		line_rates_na(l, r);
		return;
	}
	if (isnan(r->pswpin) && isnan(r->pswpout) && isnan(r->pgmajfault)) {
		sg = seg_new(l, THEME_PROC_NA, 1, 0);
		form(l, sg,
		     "N/A (no pswpin/pswpout/pgmajfault in /proc/vmstat)");
		form(l, sg, "N/A (no counters in /proc/vmstat)");
		form(l, sg, "N/A");
		return;
	}
	sg = seg_new(l,
	             sum > 1000.0 ? THEME_RISK_HIGH
	             : sum > 0.0  ? THEME_RISK_MEDIUM
	                          : THEME_NORMAL,
	             1, 0);
	rate_text(in, sizeof in, r->pswpin);
	rate_text(out, sizeof out, r->pswpout);
	rate_text(mf, sizeof mf, r->pgmajfault);
	form(l, sg, "swap in %s/s out %s/s  major faults %s/s", in, out, mf);
	form(l, sg, "swap in %s/s out %s/s  majflt %s/s", in, out, mf);
	form(l, sg, "in %s/s out %s/s  majflt %s/s", in, out, mf);
	form(l, sg, "in %s/s out %s/s", in, out);
}

/* Self-protection: mlockall and our own oom_score_adj. The short forms
 * keep what is missing ("(no CAP_SYS_RESOURCE)") longest: remarks go
 * first, then the clause before the first ", " ("locked, "), then the
 * rest of the remarks. */
static void
line_self(struct meters_line *l, const struct meters_in *in)
{
	static const struct {
		const char *only;
		int max_kept;
		bool drop_lead; /* also drop the first clause */
	} brief[] = {{NULL, 99, false},
	             {"no ", 99, false},
	             {"no ", 1, false},
	             {"no ", 1, true},
	             {NULL, 0, false}};
	const char *text = in->self_text ? in->self_text : "", *cut;
	struct meterfit_seg *sg;
	char b[192];
	int n = 1;

	seg_text(l, THEME_METER_LABEL, 9, "Self ");
	sg = seg_new(l,
	             in->self_disabled ? THEME_STATUS_INFO
	             : in->self_ok     ? THEME_STATUS_OK
	                               : THEME_RISK_MEDIUM,
	             1, 0);
	form(l, sg, "%s", text);
	for (size_t i = 0; i < sizeof brief / sizeof brief[0]; i++) {
		meterfit_remarks(text, b, sizeof b, brief[i].only,
		                 brief[i].max_kept);
		cut = brief[i].drop_lead ? strstr(b, ", ") : NULL;
		if (brief[i].drop_lead &&
		    (cut == NULL || strchr(b, '(') == NULL ||
		     strchr(b, '(') < cut))
			continue; /* nothing to drop, or it would lose the
			             remark */
		if (cut != NULL)
			memmove(b, cut + 2, strlen(cut + 2) + 1);
		if (n < METERFIT_FORMS && strcmp(b, sg->form[n - 1]) != 0) {
			form(l, sg, "%s", b);
			n++;
		}
	}
	if (in->self_disabled || in->self_ok)
		form(l, sg, "%s", in->self_disabled ? "off" : "on");
}

/* Task counts (of a record: the recorded ones, no kernel threads). */
static void
line_tasks(struct meters_line *l, const struct meters_in *in)
{
	const struct snapshot *sn = in->snap;
	struct meterfit_seg *sg;
	size_t kthreads = 0;

	for (size_t i = 0; i < sn->nprocs; i++)
		kthreads += sn->procs[i].kthread;
	seg_text(l, THEME_METER_LABEL, 9, "Tasks ");
	sg = seg_new(l, THEME_NORMAL, 1, 0);
	if (in->tasks_recorded) {
		form(l, sg, "%zu recorded, %zu shown", sn->nprocs,
		     in->shown_rows);
		form(l, sg, "%zu recorded", sn->nprocs);
	} else {
		form(l, sg, "%zu (%zu kernel threads), %zu shown", sn->nprocs,
		     kthreads, in->shown_rows);
		form(l, sg, "%zu (%zu kthreads), %zu shown", sn->nprocs,
		     kthreads, in->shown_rows);
		form(l, sg, "%zu, %zu shown", sn->nprocs, in->shown_rows);
	}
	form(l, sg, "%zu", sn->nprocs);
	if (in->paused)
		form(l, seg_new(l, THEME_NORMAL, 8, 2), "[PAUSED]");
}

/* Start an empty line. */
static void
line_init(struct meters_line *l)
{
	memset(l, 0, sizeof *l);
	l->bar_seg = -1;
}

/* Build meter id's line. */
void
meters_line(struct meters_line *l, enum meters_id id,
            const struct meters_in *in)
{
	line_init(l);
	switch (id) {
	case METERS_MEM:
		line_mem(l, &in->snap->mem);
		if (l->nseg > 1) /* label, bar, avail */
			mem_history(l, in, l->nseg - 1);
		break;
	case METERS_SWAP:
		line_swap(l, &in->snap->mem);
		if (l->bar_seg >= 0) /* swap is configured */
			spark_seg(l, in, HDRHIST_SWAP, 1);
		break;
	case METERS_COMMIT:
		line_commit(l, in->snap);
		break;
	case METERS_SELF:
		line_self(l, in);
		break;
	case METERS_PSI:
		line_psi(l, &in->snap->psi);
		if (in->snap->psi.valid)
			spark_seg(l, in, HDRHIST_PSI, 1);
		break;
	case METERS_OOM:
		line_oom(l, in);
		break;
	case METERS_RATES:
		line_rates(l, &in->snap->rates);
		break;
	case METERS_TASKS:
	default:
		line_tasks(l, in);
		break;
	}
}

/* The nearest memcg OOM (see meters.h). */
size_t
meters_memcg_nearest(const struct snapshot *sn)
{
	size_t best = SIZE_MAX;
	int pm, best_pm = -1;
	int64_t room, best_room = 0;

	for (size_t i = 0; sn->cgroups != NULL && i < sn->ncgroups; i++) {
		const struct cgmem *m = &sn->cgroups[i].mem;
		if (sn->cgroups[i].root || (pm = cgmem_used_permille(m)) < 0)
			continue;
		room = cgmem_headroom_bytes(m);
		if (pm > best_pm || (pm == best_pm && room < best_room)) {
			best = i;
			best_pm = pm;
			best_room = room;
		}
	}
	return best;
}

/* The memcg part of the victim line: the nearest memcg OOM and whom
 * the kernel kills there, a segment that gives way first. */
static void
victim_memcg(struct meters_line *l, const struct snapshot *sn)
{
	size_t i = meters_memcg_nearest(sn);
	const struct snap_cgroup *cg;
	struct meterfit_seg *sg;
	char name[64], lim[16], who[48] = "none known";
	int pm;

	if (i == SIZE_MAX)
		return;
	cg = &sn->cgroups[i];
	pm = cgmem_used_permille(&cg->mem);
	snapcg_format_name(sn, i, false, name, sizeof name);
	kb(cg->mem.max_bytes / 1024, lim, sizeof lim);
	if (cg->victim.kill_disabled)
		snprintf(who, sizeof who,
		         "none (oom_kill_disable: tasks wait)");
	else if (cg->victim.group != CGVICTIM_NONE)
		snprintf(who, sizeof who, "the whole group (oom.group)");
	else if (cg->victim.victim < sn->nprocs)
		snprintf(who, sizeof who, "pid %d %.*s",
		         sn->procs[cg->victim.victim].pid,
		         (int)sizeof sn->procs[0].comm,
		         sn->procs[cg->victim.victim].comm);
	sg = seg_new(l, pm >= 900 ? THEME_RISK_HIGH : THEME_NORMAL, 3, 2);
	form(l, sg, "memcg %s at %d%% of %s; victim there: %s", name, pm / 10,
	     lim, who);
	form(l, sg, "memcg %s %d%% of %s, victim %s", name, pm / 10, lim, who);
	form(l, sg, "memcg %s %d%%", name, pm / 10);
	form(l, sg, "%s", "");
}

/* Build the next-victim line. */
void
meters_victim(struct meters_line *l, const struct snapshot *sn, long victim)
{
	const struct proc_row *v;
	struct meterfit_seg *sg;
	char rss[16], adj[24];

	line_init(l);
	sg = seg_new(l, THEME_METER_LABEL, 4, 0);
	form(l, sg, "Next OOM victim: ");
	form(l, sg, "Victim: ");
	if (victim < 0 || (size_t)victim >= sn->nprocs) {
		sg = seg_new(l, THEME_PROC_NA, 1, 0);
		form(l, sg, "none known (no readable oom_score)");
		form(l, sg, "none known");
		victim_memcg(l, sn);
		return;
	}
	v = &sn->procs[victim];
	sg = seg_new(l, THEME_PROC_VICTIM, 5, 0);
	form(l, sg, "pid %d %.*s", v->pid, (int)sizeof v->comm, v->comm);
	form(l, sg, "%d %.*s", v->pid, (int)sizeof v->comm, v->comm);
	if (v->oom_score_adj == SNAP_NA)
		snprintf(adj, sizeof adj, "N/A");
	else
		snprintf(adj, sizeof adj, "%" PRId64, v->oom_score_adj);
	kb(v->rss_kb, rss, sizeof rss);
	sg = seg_new(l, THEME_NORMAL, 1, 0);
	form(l, sg, "  oom_score %" PRId64 "  adj %s  RSS %s", v->oom_score,
	     adj, rss);
	form(l, sg, "  score %" PRId64 "  adj %s  RSS %s", v->oom_score, adj,
	     rss);
	form(l, sg, "  score %" PRId64 " adj %s", v->oom_score, adj);
	form(l, sg, "  score %" PRId64, v->oom_score);
	victim_memcg(l, sn);
}

/* Place one meter. */
static void
place(struct meters_place *p, enum meters_id id, int row, int x, int w)
{
	p->id = id;
	p->row = row;
	p->x = x;
	p->w = w;
}

/* Place the meters in the header (see meters.h). */
size_t
meters_arrange(struct meters_place *out, int rows, int cols, int columns)
{
	int half = cols / 2, pairs, full;
	size_t n = 0, k = 0;

	if (rows <= 0 || cols <= 2)
		return 0;
	if (columns == 2) {
		for (int i = 0; i < rows && i < METERS_COUNT / 2; i++) {
			place(&out[n++], (enum meters_id)i, i, 1, half - 2);
			place(&out[n++], (enum meters_id)(i + METERS_COUNT / 2),
			      i, half + 1, cols - half - 2);
		}
		return n;
	}
	pairs = rows >= METERS_COUNT ? 0 : METERS_COUNT - rows;
	if (pairs > rows)
		pairs = rows;
	full = rows - pairs;
	for (int i = 0; i < rows && k < METERS_COUNT; i++) {
		if (i < full) {
			place(&out[n++], narrow_order[k++], i, 1, cols - 2);
			continue;
		}
		place(&out[n++], narrow_order[k++], i, 1, half - 2);
		if (k < METERS_COUNT)
			place(&out[n++], narrow_order[k++], i, half + 1,
			      cols - half - 2);
	}
	return n;
}
