/* Unit tests for the header's meter lines and placement (model/meters.c). */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cgfixture.h"
#include "fitcheck.h"
#include "model/hdrhist.h"
#include "model/layout.h"
#include "model/meters.h"

/* The three machines the meters are drawn for. */
enum scene { CALM, STRESSED, UNKNOWN, NSCENES };

static const char *const self_text[NSCENES] = {
    "locked (on fault), adj 0 (no CAP_SYS_RESOURCE)",
    "not locked (no CAP_IPC_LOCK; memlock limit 8192 kB), adj 0 (no "
    "CAP_SYS_RESOURCE)",
    "protection off (--no-protect)"};

/* A process row. */
static void
add_proc(struct snapshot *sn, int32_t pid, const char *comm, bool kthread,
         int64_t score, int64_t adj, int64_t rss_kb)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.kthread = kthread;
	strncpy(r.comm, comm, sizeof r.comm - 1);
	r.oom_score = score;
	r.oom_score_adj = adj;
	r.rss_kb = rss_kb;
	assert_int_equal(snapshot_push_proc(sn, &r), 0);
}

/* A quiet 24G machine without swap. */
static void
scene_calm(struct snapshot *sn, struct meters_in *in)
{
	sn->mem = (struct mem_info){24000000, 22000000, 23000000, 100000,
	                            900000,   1000,     500000,   0,
	                            0,        12000000, 150000};
	sn->vm.overcommit_memory = 0;
	sn->vm.panic_on_oom = 0;
	sn->psi = (struct psi_memory){.valid = true, .full_valid = true};
	sn->vmstat.oom_kill = 3;
	sn->rates.valid = true;
	add_proc(sn, 1, "systemd", false, 0, 0, 12000);
	add_proc(sn, 2, "kthreadd", true, 0, 0, 0);
	add_proc(sn, 4242, "ns owtadj", false, 1333, 1000, 9584);
	in->kills_at_start = 3;
}

/* A machine near the end: every number as wide as it gets. */
static void
scene_stressed(struct snapshot *sn, struct meters_in *in)
{
	sn->mem = (struct mem_info){1099511627776LL,
	                            1000,
	                            2000,
	                            0,
	                            1,
	                            0,
	                            1,
	                            1099511627776LL,
	                            10,
	                            999999999999LL,
	                            999999000000LL};
	sn->vm.overcommit_memory = 2;
	sn->vm.panic_on_oom = 2;
	sn->psi = (struct psi_memory){.valid = true,
	                              .some = {99.99, 99.99, 99.99, 1}};
	sn->vmstat.oom_kill = 123456789012LL;
	sn->rates = (struct vmstat_rates){.valid = true,
	                                  .oom_kill = 9,
	                                  .pswpin = 1234567,
	                                  .pswpout = 7654321,
	                                  .pgmajfault = 999999};
	add_proc(sn, 4194304, "fifteen-chars-x", false, 2000, -1000,
	         999999999999LL);
	in->kills_at_start = 0;
	in->new_kill = true;
	in->paused = true;
}

/* Nothing readable. */
static void
scene_unknown(struct snapshot *sn, struct meters_in *in)
{
	sn->psi.err = ENOENT;
	in->kills_at_start = SNAP_NA;
	in->self_disabled = true;
}

/* Fill sn (initialised) and in for a scene. */
static void
scene(enum scene sc, struct snapshot *sn, struct meters_in *in)
{
	snapshot_reset(sn);
	memset(in, 0, sizeof *in);
	in->snap = sn;
	in->self_text = self_text[sc];
	if (sc == CALM)
		scene_calm(sn, in);
	else if (sc == STRESSED)
		scene_stressed(sn, in);
	else
		scene_unknown(sn, in);
	in->self_ok = sc == CALM;
	in->shown_rows = sn->nprocs;
}

/* Fit line l to w columns and check the rules; the rendered text. */
static const char *
fit(struct meters_line *l, int w, char *buf, size_t size)
{
	int used = meterfit_fit(l->seg, l->nseg, w, 1, NULL, NULL);

	assert_null(fitcheck_rules(l->seg, l->nseg, w, used));
	return fitcheck_render(l->seg, l->nseg, buf, size);
}

/* Whether a segment of the fitted line l ends with the ellipsis (the
 * short forecast's "~" is not one). */
static bool
any_ellipsis(const struct meters_line *l)
{
	for (size_t i = 0; i < l->nseg; i++)
		if (l->seg[i].ellipsis)
			return true;
	return false;
}

/* Every meter is placed once, inside the header, none overlapping. */
static void
assert_all_placed(const struct meters_place *at, size_t n, int rows, int cols)
{
	unsigned seen = 0;

	assert_int_equal(n, METERS_COUNT);
	for (size_t i = 0; i < n; i++) {
		assert_true(at[i].row >= 0 && at[i].row < rows);
		assert_true(at[i].x >= 1 && at[i].w > 0);
		assert_true(at[i].x + at[i].w <= cols - 1);
		seen |= 1u << at[i].id;
		for (size_t j = 0; j < i; j++)
			if (at[j].row == at[i].row)
				assert_true(at[j].x + at[j].w < at[i].x ||
				            at[i].x + at[i].w < at[j].x);
	}
	assert_int_equal(seen, (1u << METERS_COUNT) - 1);
}

/* A history with every sparkline and a forecast: cells oldest first
 * (the rest at the lowest), scale lo..hi. */
static void
hist_fill(struct hdrhist *hh, const int64_t *cells, size_t n, int64_t lo,
          int64_t hi)
{
	memset(hh, 0, sizeof *hh);
	for (int id = 0; id < HDRHIST_SPARKS; id++) {
		for (size_t i = 0; i < HDRHIST_CELLS; i++)
			hh->spark[id].v[i] = i < n ? cells[i] : lo;
		hh->spark[id].n = HDRHIST_CELLS;
		hh->spark[id].lo = lo;
		hh->spark[id].hi = hi;
	}
	snprintf(hh->forecast, sizeof hh->forecast, "%s",
	         "about 14 min to OOM at -40M/min");
	snprintf(hh->forecast_short, sizeof hh->forecast_short, "%s",
	         "~14m to OOM");
}

/* Mem at its widest with hist_fill's history from 100, 0, 50: the
 * sparkline in blocks and the long forecast. */
static void
assert_mem_history(const char *buf)
{
	assert_non_null(strstr(buf, "\xe2\x96\x88\xe2\x96\x81"
	                            "\xe2\x96\x85\xe2\x96\x81"));
	assert_non_null(strstr(buf, " about 1h59m to OOM at"));
}

static void
test_every_width_from_80_fits_without_cutting(void **state)
{
	static const int heights[] = {20, 24, 30, 40, 60};
	static const int64_t cells[3] = {100, 0, 50};
	struct hdrhist hh;
	struct meters_place at[METERS_COUNT];
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;
	struct layout lay;
	char buf[512];
	size_t n;
	(void)state;
	snapshot_init(&sn);
	/* a full history: three sparklines and the widest forecast */
	hist_fill(&hh, cells, 3, 0, 100);
	snprintf(hh.forecast, sizeof hh.forecast, "%s",
	         "about 1h59m to OOM at -1023.9G/min");
	snprintf(hh.forecast_short, sizeof hh.forecast_short, "%s",
	         "~1h59m to alloc fail");
	for (int sc = 0; sc < 2 * NSCENES; sc++) {
		scene((enum scene)(sc % NSCENES), &sn, &in);
		in.hist = sc >= NSCENES ? &hh : NULL;
		for (int cols = 80; cols <= 250; cols++) {
			for (size_t h = 0; h < 5; h++) {
				layout_compute(&lay, heights[h], cols);
				n = meters_arrange(at, lay.header.h, cols,
				                   lay.header_columns);
				assert_all_placed(at, n, lay.header.h, cols);
				for (size_t i = 0; i < n; i++) {
					meters_line(&l, at[i].id, &in);
					fit(&l, at[i].w, buf, sizeof buf);
					/* no meter needs the ellipsis */
					assert_false(any_ellipsis(&l));
					/* at the widest Mem shows its history
					 */
					if (in.hist != NULL && cols == 250 &&
					    at[i].id == METERS_MEM &&
					    sc % NSCENES != UNKNOWN)
						assert_mem_history(buf);
				}
			}
			meters_victim(&l, &sn, sn.nprocs > 0 ? 0 : -1);
			assert_null(
			    strchr(fit(&l, cols - 1, buf, sizeof buf), '~'));
		}
	}
	snapshot_fini(&sn);
}

/* The line of meter id for scene sc, fitted to w columns, as text. */
static const char *
shown(enum scene sc, enum meters_id id, int w, char *buf, size_t size)
{
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;

	snapshot_init(&sn);
	scene(sc, &sn, &in);
	meters_line(&l, id, &in);
	fit(&l, w, buf, size);
	snapshot_fini(&sn);
	return buf;
}

/* A meter line of a scene at a width, as it must read. */
struct shown_case {
	enum scene sc;
	enum meters_id id;
	int w;
	const char *want;
};

/* Every case of the table reads as it must. */
static void
check_shown(const struct shown_case *c, size_t n)
{
	char b[256];

	for (size_t i = 0; i < n; i++)
		assert_string_equal(
		    shown(c[i].sc, c[i].id, c[i].w, b, sizeof b), c[i].want);
}

static const struct shown_case whole_word_cases[] = {
    /* 100 columns: a left meter gets 48 */
    {CALM, METERS_COMMIT, 48, "Commit 146M of 11.4G (advisory, mode 0)"},
    {CALM, METERS_SELF, 48, "Self locked, adj 0 (no CAP_SYS_RESOURCE)"},
    /* the reason stays longer than "locked, " */
    {CALM, METERS_SELF, 38, "Self adj 0 (no CAP_SYS_RESOURCE)"},
    {CALM, METERS_SELF, 30, "Self locked, adj 0"},
    /* what is missing stays longest: 120 columns as nobody */
    {STRESSED, METERS_SELF, 58, "Self not locked (no CAP_IPC_LOCK), adj 0"},
    /* 120 columns: 58, the long forms */
    {CALM, METERS_COMMIT, 58,
     "Commit 146M of 11.4G (advisory, overcommit mode 0)"},
    {CALM, METERS_SELF, 58,
     "Self locked (on fault), adj 0 (no CAP_SYS_RESOURCE)"},
    /* 80x24: a paired meter gets 38 */
    {CALM, METERS_RATES, 38, "Paging swap in 0/s out 0/s  majflt 0/s"},
    {CALM, METERS_TASKS, 38, "Tasks 3 (1 kernel threads), 3 shown"},
    {CALM, METERS_TASKS, 34, "Tasks 3 (1 kthreads), 3 shown"},
    {STRESSED, METERS_TASKS, 38, "Tasks 1, 1 shown  [PAUSED]"},
    {UNKNOWN, METERS_PSI, 30, "PSI n/a (no CONFIG_PSI)"},
    {UNKNOWN, METERS_SELF, 38, "Self protection off (--no-protect)"},
    {UNKNOWN, METERS_SELF, 10, "Self off"},
    /* far too narrow: whole words, then the ellipsis */
    {STRESSED, METERS_SELF, 20, "Self not locked,~"},
};

static void
test_the_issue_lines_shorten_to_whole_words(void **state)
{
	(void)state;
	check_shown(whole_word_cases,
	            sizeof whole_word_cases / sizeof whole_word_cases[0]);
}

/* A replay's Tasks: the recorded processes, no kernel-thread count. */
static void
test_tasks_recorded(void **state)
{
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;
	char b[256];
	static const struct {
		int w;
		const char *want;
	} c[] = {
	    {38, "Tasks 3 recorded, 3 shown"},
	    {20, "Tasks 3 recorded"},
	    {9, "Tasks 3"},
	};
	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	in.tasks_recorded = true;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		meters_line(&l, METERS_TASKS, &in);
		fit(&l, c[i].w, b, sizeof b);
		assert_string_equal(b, c[i].want);
		assert_null(strstr(b, "kernel"));
	}
	snapshot_fini(&sn);
}

static const struct shown_case oom_cases[] = {
    {STRESSED, METERS_OOM, 120,
     "OOM kills 123456789012 since boot, 123456789012 since start  "
     "NEW KILL    next OOM = PANIC (vm.panic_on_oom=2) "},
    /* the counts shorten first, then the label, the tags last */
    {STRESSED, METERS_OOM, 78,
     "OOM kills 123456789012  NEW KILL    next OOM = "
     "PANIC (vm.panic_on_oom=2) "},
    {STRESSED, METERS_OOM, 31, "OOM 123456789012  NEW    PANIC "},
    {STRESSED, METERS_OOM, 30, "OOM 123456789012  NEW ~"},
};

static void
test_oom_keeps_the_warnings_longest(void **state)
{
	(void)state;
	check_shown(oom_cases, sizeof oom_cases / sizeof oom_cases[0]);
}

static void
test_roles_follow_the_danger(void **state)
{
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;
	(void)state;
	snapshot_init(&sn);
	scene(STRESSED, &sn, &in);
	meters_line(&l, METERS_COMMIT, &in);
	assert_int_equal(l.role[1], THEME_RISK_HIGH);
	meters_line(&l, METERS_OOM, &in);
	assert_int_equal(l.role[1], THEME_RISK_HIGH);
	assert_int_equal(l.role[2], THEME_STATUS_ERROR);
	meters_line(&l, METERS_MEM, &in);
	assert_int_equal(l.bar_seg, 1);
	assert_int_equal(l.role[2], THEME_RISK_HIGH); /* avail < 10% */
	meters_line(&l, METERS_SWAP, &in);
	assert_int_equal(l.bar.nparts, 1);
	assert_int_equal(l.bar.role[0], THEME_MEM_SWAP);
	scene(CALM, &sn, &in);
	meters_line(&l, METERS_OOM, &in);
	assert_int_equal(l.role[1], THEME_NORMAL);
	meters_line(&l, METERS_SELF, &in);
	assert_int_equal(l.role[1], THEME_STATUS_OK);
	meters_line(&l, METERS_MEM, &in);
	assert_int_equal(l.role[2], THEME_METER_VALUE);
	assert_string_equal(l.bar.text.form[0], "977M/22.9G");
	snapshot_fini(&sn);
}

static void
test_victim_line(void **state)
{
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;
	char b[256];
	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	meters_victim(&l, &sn, 2);
	assert_string_equal(
	    fit(&l, 79, b, sizeof b),
	    "Next OOM victim: pid 4242 ns owtadj  oom_score 1333  adj 1000  "
	    "RSS 9584K");
	assert_int_equal(l.role[1], THEME_PROC_VICTIM);
	assert_string_equal(fit(&l, 40, b, sizeof b),
	                    "Victim: pid 4242 ns owtadj  score 1333");
	meters_victim(&l, &sn, 3);
	assert_string_equal(
	    fit(&l, 79, b, sizeof b),
	    "Next OOM victim: none known (no readable oom_score)");
	meters_victim(&l, &sn, -1);
	assert_string_equal(fit(&l, 30, b, sizeof b),
	                    "Next OOM victim: none known");
	snapshot_fini(&sn);
}

/* The victim line gains the nearest memcg OOM: the limited cgroup with
 * the largest used share, its limit and whom the kernel kills there. */
static void
test_victim_line_memcg(void **state)
{
	struct meters_line l;
	struct snapshot sn;
	struct meters_in in;
	uint32_t root, sys, web, db;
	char b[256];
	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	root =
	    cgfixture_add(&sn, "/", SNAPCG_NONE, 900LL << 20, CGMEM_UNLIMITED);
	sys = cgfixture_add(&sn, "/system.slice", root, 700LL << 20,
	                    CGMEM_UNLIMITED);
	web = cgfixture_add(&sn, "/system.slice/nginx.service", sys,
	                    497LL << 20, 512LL << 20);
	db = cgfixture_add(&sn, "/system.slice/db.service", sys, 100LL << 20,
	                   1LL << 30);
	(void)db;
	assert_int_equal(meters_memcg_nearest(&sn), web);
	sn.cgroups[web].victim.victim = 2;
	sn.cgroups[web].victim.limited = true;
	meters_victim(&l, &sn, 2);
	assert_string_equal(fit(&l, 200, b, sizeof b),
	                    "Next OOM victim: pid 4242 ns owtadj  oom_score "
	                    "1333  adj 1000  RSS 9584K  memcg nginx.service "
	                    "at 97% of 512M; victim there: pid 4242 ns owtadj");
	assert_int_equal(l.role[3], THEME_RISK_HIGH);
	/* narrower: the details give way first, then the memcg part */
	assert_string_equal(fit(&l, 79, b, sizeof b),
	                    "Next OOM victim: pid 4242 ns owtadj  score 1333  "
	                    "memcg nginx.service 97%");
	assert_string_equal(fit(&l, 60, b, sizeof b),
	                    "Next OOM victim: pid 4242 ns owtadj  score 1333 "
	                    "adj 1000");
	/* no global victim: the memcg part still shows */
	sn.cgroups[web].victim.group = web;
	meters_victim(&l, &sn, -1);
	assert_string_equal(fit(&l, 200, b, sizeof b),
	                    "Next OOM victim: none known (no readable "
	                    "oom_score)  memcg nginx.service at 97% of 512M; "
	                    "victim there: the whole group (oom.group)");
	/* an unknown usage is never the nearest; no limit: no memcg part */
	sn.cgroups[web].mem.current_bytes = SNAP_NA;
	assert_int_equal(meters_memcg_nearest(&sn), db);
	sn.cgroups[db].mem.max_bytes = CGMEM_UNLIMITED;
	assert_int_equal(meters_memcg_nearest(&sn), SIZE_MAX);
	meters_victim(&l, &sn, -1);
	assert_string_equal(fit(&l, 200, b, sizeof b),
	                    "Next OOM victim: none known (no readable "
	                    "oom_score)");
	snapshot_fini(&sn);
}

static void
test_arrange(void **state)
{
	struct meters_place at[METERS_COUNT];
	struct layout lay;
	size_t n;
	(void)state;
	/* 80x24: 6 rows, the four least urgent meters pair up */
	layout_compute(&lay, 24, 80);
	n = meters_arrange(at, lay.header.h, 80, lay.header_columns);
	assert_all_placed(at, n, 6, 80);
	assert_int_equal(at[0].id, METERS_MEM);
	assert_int_equal(at[0].w, 78);
	assert_int_equal(at[6].id, METERS_SELF);
	assert_int_equal(at[6].row, 5);
	assert_int_equal(at[6].w, 38);
	assert_int_equal(at[7].id, METERS_TASKS);
	assert_int_equal(at[7].x, 41);
	/* from 4 rows up every meter has a place, whatever takes rows */
	for (int rows = 4; rows <= 8; rows++) {
		n = meters_arrange(at, rows, 80, 1);
		assert_all_placed(at, n, rows, 80);
	}
	/* tall: one meter a row */
	n = meters_arrange(at, 8, 80, 1);
	assert_all_placed(at, n, 8, 80);
	assert_int_equal(at[7].row, 7);
	assert_int_equal(at[7].w, 78);
	/* two columns: memory left, pressure right */
	n = meters_arrange(at, 4, 120, 2);
	assert_all_placed(at, n, 4, 120);
	assert_int_equal(at[1].id, METERS_PSI);
	assert_int_equal(at[1].x, 61);
	assert_int_equal(at[7].id, METERS_TASKS);
	/* 3 rows: six meters in pairs, the most urgent */
	n = meters_arrange(at, 3, 60, 1);
	assert_int_equal(n, 6);
	assert_int_equal(at[5].id, METERS_RATES);
	assert_int_equal(meters_arrange(at, 0, 80, 1), 0);
	assert_int_equal(meters_arrange(at, 3, 2, 1), 0);
}

/* Whether the fitted bar of l has room for its "used/total" text. */
static bool
bar_holds_total(const struct meters_line *l)
{
	return l->seg[l->bar_seg].cols >= (int)strlen(l->bar.text.form[0]) + 3;
}

/* Mem with its history: the sparkline and the time to OOM when wide;
 * narrower, the forecast drops its words, then "avail" shortens, then
 * the sparkline goes; the bar keeps room for "used/total" throughout
 * (at 120x40 a forecast used to push out the sparkline and the total). */
static void
test_mem_history(void **state)
{
	const int64_t cells[5] = {400, SNAP_NA, 300, 100, 500};
	struct hdrhist hh;
	struct snapshot sn;
	struct meters_in in;
	struct meters_line l;
	char buf[512];
	const char *out;

	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	hist_fill(&hh, cells, 5, 100, 500);
	in.hist = &hh;
	in.spark_ascii = true;
	meters_line(&l, METERS_MEM, &in);
	out = fit(&l, 120, buf, sizeof buf);
	assert_non_null(strstr(
	    out, " ^ =_#_______________ about 14 min to OOM at -40M/min"));
	/* 78 (80x24): the rate stays, with the sparkline and the total */
	meters_line(&l, METERS_MEM, &in);
	out = fit(&l, 78, buf, sizeof buf);
	assert_non_null(
	    strstr(out, " avail 21.9G ^ =_#_______________ ~14m to OOM at"
	                " -40M/min"));
	assert_true(bar_holds_total(&l));
	/* 58 (120x40): the sparkline and the total stay, "av" shortens */
	meters_line(&l, METERS_MEM, &in);
	out = fit(&l, 58, buf, sizeof buf);
	assert_non_null(
	    strstr(out, " av 21.9G ^ =_#_______________ ~14m to OOM"));
	assert_true(bar_holds_total(&l));
	/* narrower: the sparkline goes, avail's number stays */
	meters_line(&l, METERS_MEM, &in);
	out = fit(&l, 40, buf, sizeof buf);
	assert_null(strstr(out, "^ =_#"));
	assert_non_null(strstr(out, " 21.9G ~14m to OOM"));
	assert_null(strstr(out, "about"));
	assert_true(bar_holds_total(&l));
	/* leading cells without data are left out */
	hh.spark[HDRHIST_MEM].v[0] = SNAP_NA;
	meters_line(&l, METERS_MEM, &in);
	out = fit(&l, 120, buf, sizeof buf);
	assert_non_null(strstr(out, "G =_#________"));
	/* no history: the line is as it was */
	in.hist = NULL;
	meters_line(&l, METERS_MEM, &in);
	assert_int_equal(l.nseg, 3);
	snapshot_fini(&sn);
}

/* Swp and PSI with their sparklines; none without swap or PSI. */
static void
test_swap_and_psi_history(void **state)
{
	const int64_t cells[4] = {0, 50, 100, 25};
	struct hdrhist hh;
	struct snapshot sn;
	struct meters_in in;
	struct meters_line l;
	char buf[512];

	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in); /* no swap configured */
	hist_fill(&hh, cells, 4, 0, 100);
	in.hist = &hh;
	in.spark_ascii = true;
	meters_line(&l, METERS_SWAP, &in);
	assert_string_equal(fit(&l, 120, buf, sizeof buf),
	                    "Swp none (no swap configured)");
	sn.mem.swap_total_kb = 4000000;
	sn.mem.swap_free_kb = 3000000;
	meters_line(&l, METERS_SWAP, &in);
	assert_non_null(
	    strstr(fit(&l, 80, buf, sizeof buf), "= _=#.________________"));
	/* narrow: the bar keeps its columns, the sparkline goes */
	meters_line(&l, METERS_SWAP, &in);
	assert_null(strchr(fit(&l, 30, buf, sizeof buf), '#'));
	/* PSI: the remark goes first, then the sparkline */
	meters_line(&l, METERS_PSI, &in);
	assert_string_equal(fit(&l, 90, buf, sizeof buf),
	                    "PSI some 0.00/0.00  full 0.00/0.00  "
	                    "(avg10/avg60 %) _=#.________________");
	meters_line(&l, METERS_PSI, &in);
	assert_string_equal(fit(&l, 60, buf, sizeof buf),
	                    "PSI some 0.00/0.00  full 0.00/0.00 "
	                    "_=#.________________");
	meters_line(&l, METERS_PSI, &in);
	assert_string_equal(fit(&l, 50, buf, sizeof buf),
	                    "PSI some 0.00/0.00  full 0.00/0.00");
	/* a history that does not show them */
	hh.spark[HDRHIST_SWAP].n = 0;
	hh.spark[HDRHIST_PSI].n = 0;
	meters_line(&l, METERS_SWAP, &in);
	assert_int_equal(l.nseg, 2);
	meters_line(&l, METERS_PSI, &in);
	assert_int_equal(l.nseg, 3);
	/* PSI unavailable: no sparkline even with a history */
	hh.spark[HDRHIST_PSI].n = HDRHIST_CELLS;
	sn.psi.valid = false;
	sn.psi.err = ENOENT;
	meters_line(&l, METERS_PSI, &in);
	assert_null(strchr(fit(&l, 120, buf, sizeof buf), '#'));
	snapshot_fini(&sn);
}

/* Unknown paging rates (counters missing from /proc/vmstat) read N/A
 * at every width, never "nan". */
static void
test_rates_unknown_are_na(void **state)
{
	struct snapshot sn;
	struct meters_in in;
	struct meters_line l;
	char buf[256];

	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	sn.rates = (struct vmstat_rates){.valid = true,
	                                 .oom_kill = NAN,
	                                 .pswpin = NAN,
	                                 .pswpout = NAN,
	                                 .pgmajfault = NAN};
	for (int w = 12; w <= 200; w++) {
		meters_line(&l, METERS_RATES, &in);
		assert_null(strstr(fit(&l, w, buf, sizeof buf), "nan"));
	}
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(
	    fit(&l, 120, buf, sizeof buf),
	    "Paging N/A (no pswpin/pswpout/pgmajfault in /proc/vmstat)");
	sn.rates = (struct vmstat_rates){.valid = true,
	                                 .oom_kill = 0,
	                                 .pswpin = 5,
	                                 .pswpout = NAN,
	                                 .pgmajfault = 2};
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(fit(&l, 120, buf, sizeof buf),
	                    "Paging swap in 5/s out N/A/s  major faults 2/s");
	snapshot_fini(&sn);
}

/* No rates, and why: the live first refresh, a replay's first sample of
 * a boot, a replay's sample after a gap in the record (never a rate
 * averaged over the gap). */
static void
test_rates_none_say_why(void **state)
{
	struct snapshot sn;
	struct meters_in in;
	struct meters_line l;
	char buf[256];

	(void)state;
	snapshot_init(&sn);
	scene(CALM, &sn, &in);
	sn.rates = (struct vmstat_rates){.valid = false};
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(fit(&l, 120, buf, sizeof buf),
	                    "Paging rates after the next refresh");
	sn.rates.na = VMSTAT_NA_NO_EARLIER;
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(fit(&l, 120, buf, sizeof buf),
	                    "Paging rates: no earlier sample");
	sn.rates.na = VMSTAT_NA_GAP;
	sn.rates.gap_ms = 33900;
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(fit(&l, 120, buf, sizeof buf),
	                    "Paging N/A after a gap of 0h00m33s in the record");
	sn.rates.gap_ms = 2 * 3600000 + 5 * 60000 + 7000;
	meters_line(&l, METERS_RATES, &in);
	assert_string_equal(fit(&l, 36, buf, sizeof buf),
	                    "Paging N/A after a gap of 2h05m07s");
	for (int w = 12; w <= 200; w++) {
		meters_line(&l, METERS_RATES, &in);
		assert_null(strstr(fit(&l, w, buf, sizeof buf), "/s"));
	}
	snapshot_fini(&sn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_width_from_80_fits_without_cutting),
	    cmocka_unit_test(test_the_issue_lines_shorten_to_whole_words),
	    cmocka_unit_test(test_oom_keeps_the_warnings_longest),
	    cmocka_unit_test(test_roles_follow_the_danger),
	    cmocka_unit_test(test_victim_line),
	    cmocka_unit_test(test_victim_line_memcg),
	    cmocka_unit_test(test_arrange),
	    cmocka_unit_test(test_mem_history),
	    cmocka_unit_test(test_swap_and_psi_history),
	    cmocka_unit_test(test_rates_unknown_are_na),
	    cmocka_unit_test(test_rates_none_say_why),
	    cmocka_unit_test(test_tasks_recorded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
