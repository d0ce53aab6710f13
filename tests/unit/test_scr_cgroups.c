/*
 * Unit tests for the cgroups screen (app/scr_cgroups.c): moving, sorting,
 * the sort menu, Enter filtering the processes screen and Esc clearing
 * it, a host without a memory hierarchy (tests/helpers/scrfix.h), and the
 * limit keys (app/scr_cglimit.c) on a --sys-root of fake cgroup files.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_child.h"
#include "cgfixture.h"
#include "app/scr.h"
#include "app/scr_cgroups.h"
#include "app/scr_changes.h"
#include "app/scr_events.h"
#include "app/scr_help.h"
#include "app/scr_procs.h"
#include "app/scr_setup.h"
#include "kfixture.h"
#include "model/columns.h"
#include "scrfix.h"
#include "tfile.h"
#include "view/panes.h"

/* The made-up cgroups: the host, system.slice (unlimited) with
 * nginx.service at 97% of 512M (beta there, its victim) and db.service
 * at 10% of 1G (gamma), and user.slice (unlimited, the most usage) with
 * alpha. Returns nginx's index. */
static uint32_t
add_cgroups(struct ui *ui)
{
	struct snapshot *sn = &ui->snap;
	uint32_t root, sys, web, db, user;

	root =
	    cgfixture_add(sn, "/", SNAPCG_NONE, 2000LL << 20, CGMEM_UNLIMITED);
	sys = cgfixture_add(sn, "/system.slice", root, 700LL << 20,
	                    CGMEM_UNLIMITED);
	web = cgfixture_add(sn, "/system.slice/nginx.service", sys, 497LL << 20,
	                    512LL << 20);
	db = cgfixture_add(sn, "/system.slice/db.service", sys, 100LL << 20,
	                   1000LL << 20);
	user = cgfixture_add(sn, "/user.slice", root, 800LL << 20,
	                     CGMEM_UNLIMITED);
	cgfixture_place(sn, 0, user);
	cgfixture_place(sn, 1, web);
	cgfixture_place(sn, 2, db);
	sn->cgroups[web].victim.limited = true;
	sn->cgroups[web].victim.victim = 1;
	return web;
}

/* The path of the cgroup shown on row r of the cgroup screen. */
static const char *
cg_row_path(struct ui *ui, size_t r, char *buf, size_t size)
{
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	size_t len = 0;
	const char *p;

	if (r >= s->tree.nrows)
		return "(none)";
	p = snapcg_path(&ui->snap, s->tree.rows[r].index, &len);
	snprintf(buf, size, "%.*s", (int)len, p ? p : "");
	return buf;
}

static void
test_cgroups_screen_moves_and_sorts(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct dash_frame *fr;
	char b[128];

	add_cgroups(ui);
	scrfix_press(ui, 'c', 0);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	fr = scrfix_frame(f);
	assert_ptr_equal(fr->body, dash_body_cgroups);
	assert_ptr_equal(fr->body, dash_body_cgroups);
	assert_non_null(scrfix_cgview(fr));
	assert_string_equal(fr->tabs[fr->tab_current].name, "Cgroups");
	assert_int_equal(fr->tabs[fr->tab_current].key, '6');
	/* a tree by headroom: nginx (97%) before db (10%); the unlimited
	 * slices by path */
	assert_int_equal(s->tree.nrows, 5);
	assert_string_equal(cg_row_path(ui, 0, b, sizeof b), "/");
	assert_string_equal(cg_row_path(ui, 1, b, sizeof b), "/system.slice");
	assert_string_equal(cg_row_path(ui, 2, b, sizeof b),
	                    "/system.slice/nginx.service");
	assert_string_equal(cg_row_path(ui, 3, b, sizeof b),
	                    "/system.slice/db.service");
	assert_int_equal(s->tree.rows[2].depth, 2);
	/* moves */
	scrfix_press(ui, KBD_DOWN, 'j', 0);
	assert_int_equal(s->tree.cursor, 2);
	scrfix_press(ui, KBD_END, 0);
	assert_int_equal(s->tree.cursor, 4);
	scrfix_press(ui, KBD_UP, 0);
	assert_int_equal(s->tree.cursor, 3);
	scrfix_press(ui, KBD_HOME, KBD_PGDN, 0);
	assert_int_equal(s->tree.cursor, 4);
	scrfix_press(ui, KBD_PGUP, 0);
	assert_int_equal(s->tree.cursor, 0);
	/* M: by usage, user.slice (800M) first; again: ascending */
	scrfix_press(ui, KBD_DOWN, KBD_DOWN, 'M', 0);
	assert_int_equal(s->tree.sort, CGTREE_USAGE);
	assert_non_null(strstr(ui->status.text, "USAGE, descending"));
	scrfix_frame(f);
	assert_string_equal(cg_row_path(ui, 1, b, sizeof b), "/user.slice");
	/* the cursor stayed on nginx */
	assert_string_equal(cg_row_path(ui, s->tree.cursor, b, sizeof b),
	                    "/system.slice/nginx.service");
	scrfix_press(ui, 'M', 0);
	assert_false(s->tree.desc);
	/* F6: the menu, on the current key; Enter picks LIMIT (the
	 * tightest first), Esc closes without a change, I inverts inside
	 * it, q still quits */
	scrfix_press(ui, 'N', KBD_F(6), 0);
	fr = scrfix_frame(f);
	assert_true(scrfix_cgview(fr)->sort_menu);
	assert_int_equal(scrfix_cgview(fr)->menu_cursor, CGTREE_NAME);
	scrfix_press(ui, KBD_HOME, 0); /* the menu takes it: no move */
	scrfix_press(ui, KBD_UP, KBD_UP, KBD_UP, KBD_UP, KBD_UP, KBD_ENTER, 0);
	assert_false(s->view.sort_menu);
	assert_int_equal(s->tree.sort, CGTREE_LIMIT);
	assert_false(s->tree.desc);
	scrfix_press(ui, '>', KBD_DOWN, KBD_ESC, 0);
	assert_false(s->view.sort_menu);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	assert_int_equal(s->tree.sort, CGTREE_LIMIT);
	scrfix_press(ui, KBD_F(6), 'I', 0);
	assert_true(s->tree.desc);
	assert_true(scr_key(ui, 'q') & UI_QUIT);
	scrfix_press(ui, KBD_F(6), 0);
	assert_false(s->view.sort_menu);
	scrfix_press(ui, 'I', 0);
	assert_false(s->tree.desc);
	scrfix_press(ui, 'K', 0);
	assert_int_equal(s->tree.sort, CGTREE_OOM_KILL);
	scrfix_press(ui, 't', 'p', 0);
	fr = scrfix_frame(f);
	assert_false(s->tree.tree);
	assert_int_equal(s->tree.rows[2].depth, 0);
	assert_true(scrfix_cgview(fr)->with_path);
	/* c again goes back */
	scrfix_press(ui, 'c', 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_cgroups_forecast_in_status(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct dash_frame *fr;
	uint32_t web = add_cgroups(ui);
	char b[128];

	ui->snap.cgroups[web].fore =
	    (struct cgseries_fore){true, FORECAST_STEADY, 12 * 60, 3.0 * 1024};
	scrfix_press(ui, 'c', KBD_DOWN, 0);
	fr = scrfix_frame(f);
	assert_string_equal(cg_row_path(ui, s->tree.cursor, b, sizeof b),
	                    "/system.slice");
	/* no number: the sort order */
	assert_non_null(strstr(fr->status, "cgroups by HEADROOM"));
	scrfix_press(ui, KBD_DOWN, 0);
	fr = scrfix_frame(f);
	assert_string_equal(cg_row_path(ui, s->tree.cursor, b, sizeof b),
	                    "/system.slice/nginx.service");
	assert_string_equal(fr->status, "nginx.service: about 12 min to "
	                                "memory.max at +3.0M/min");
	/* v1's limit file is memory.limit_in_bytes */
	ui->snap.cgroups[web].mem.mode = SNAP_CGROUP_V1;
	fr = scrfix_frame(f);
	assert_string_equal(fr->status, "nginx.service: about 12 min to "
	                                "memory.limit_in_bytes at +3.0M/min");
	/* without a number, v1 says why OOM and PSI are N/A */
	ui->snap.cgroups[web].fore.valid = false;
	fr = scrfix_frame(f);
	assert_non_null(strstr(fr->status, "nginx.service: OOM N/A: cgroup v1 "
	                                   "has no memory.events"));
	assert_non_null(strstr(fr->status, "no PSI on v1"));
	ui->snap.cgroups[web].mem.mode = SNAP_CGROUP_V2;
	/* a learning series says nothing */
	ui->snap.cgroups[web].fore.valid = false;
	ui->snap.cgroups[web].fore.basis = FORECAST_LEARNING;
	fr = scrfix_frame(f);
	assert_non_null(strstr(fr->status, "cgroups by HEADROOM"));
}

static void
test_cgroups_limit_sort_follows_l(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	uint32_t web = add_cgroups(ui);
	char b[128];

	ui->snap.cgroup_mode = SNAP_CGROUP_V2;
	ui->snap.cgroups[web].mem.high_bytes = 900LL << 20;
	ui->snap.cgroups[web + 1].mem.high_bytes = 300LL << 20;
	scrfix_press(ui, 'c', 't', 0);
	s->tree.sort = CGTREE_LIMIT;
	s->tree.desc = false;
	scrfix_frame(f);
	/* memory.max: nginx (512M) before db (1000M) */
	assert_string_equal(cg_row_path(ui, 0, b, sizeof b),
	                    "/system.slice/nginx.service");
	/* l: LIMIT shows memory.high, and sorts by it: db (300M) first */
	scrfix_press(ui, 'l', 0);
	assert_true(scrfix_cgview(scrfix_frame(f))->limit_high);
	assert_string_equal(cg_row_path(ui, 0, b, sizeof b),
	                    "/system.slice/db.service");
	assert_string_equal(cg_row_path(ui, 1, b, sizeof b),
	                    "/system.slice/nginx.service");
	scrfix_press(ui, 'l', 0);
	scrfix_frame(f);
	assert_string_equal(cg_row_path(ui, 0, b, sizeof b),
	                    "/system.slice/nginx.service");
}

static void
test_cgroups_enter_filters_and_esc_clears(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct dash_frame *fr;
	uint32_t db;
	unsigned flags;

	add_cgroups(ui);
	scrfix_press(ui, '6', KBD_DOWN, KBD_DOWN, 0); /* nginx.service */
	flags = scrfix_press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_REBUILD);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_string_equal(ui->table.cgroup_filter,
	                    "/system.slice/nginx.service");
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 1);
	assert_string_equal(scrfix_selected(ui), "beta");
	fr = scrfix_frame(f);
	assert_non_null(fr->status);
	assert_non_null(strstr(fr->status, "cgroup filter: "
	                                   "/system.slice/nginx.service"));
	assert_non_null(strstr(fr->status, "Esc clears"));
	/* the slice holds its subtree: beta and gamma, not alpha */
	scrfix_press(ui, 'c', KBD_UP, KBD_ENTER, 0);
	assert_string_equal(ui->table.cgroup_filter, "/system.slice");
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 2);
	/* Esc clears it; again, Esc does what it did before */
	flags = scrfix_press(ui, KBD_ESC, 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.cgroup_filter_len, 0);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 3);
	assert_null(scrfix_frame(f)->status);
	assert_false(scrfix_press(ui, KBD_ESC, 0) & UI_REBUILD);
	/* an unreadable file: its reason in the status line when selected */
	db = (uint32_t)snapcg_find(&ui->snap, "/system.slice/db.service", 24);
	ui->snap.cgroups[db].mem.err[CGMEM_F_EVENTS] = EACCES;
	scrfix_press(ui, 'c', KBD_HOME, 0);
	assert_string_equal(
	    scrfix_frame(f)->status,
	    "/: cgroups by HEADROOM (closest to the limit first); "
	    "Enter: its processes, p: paths, ]/[: limit");
	scrfix_press(ui, KBD_DOWN, KBD_DOWN, KBD_DOWN, 0);
	assert_int_equal(cgtree_selected(&s->tree), db);
	fr = scrfix_frame(f);
	assert_non_null(fr->status);
	assert_string_equal(
	    fr->status, "db.service: N/A: memory.events: Permission denied");
}

/* No cgroups: the screen says why instead of an empty table. */
static void
test_cgroups_none(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_frame *fr;

	ui->snap.cgroups_err = ENOENT;
	scrfix_press(ui, 'c', KBD_DOWN, KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	assert_int_equal(ui->table.cgroup_filter_len, 0);
	fr = scrfix_frame(f);
	assert_non_null(
	    strstr(scrfix_cgview(fr)->none, "no memory cgroup hierarchy"));
}

/* The cgroup screen's state. */
static struct scr_cgroups_state *
scr_cgroups_of(struct ui *ui)
{
	return scr_state(ui, &scr_cgroups);
}

/* The limit keys' fixture: fake cgroup files under a --sys-root, actions
 * on with the audit lines captured. */
struct limfix {
	char dir[64];
	struct tfile_lines audit;
};

/* Write text to the fixture's cgroup file rel. */
static void
lim_put(const struct limfix *l, const char *rel, const char *text)
{
	char p[256];

	snprintf(p, sizeof p, "%s/fs/cgroup%s", l->dir, rel);
	assert_int_equal(tfile_put(p, text), 0);
}

/* The fixture's cgroup file rel (static buffer). */
static const char *
lim_get(const struct limfix *l, const char *rel)
{
	static char buf[64];
	char p[256];

	snprintf(p, sizeof p, "%s/fs/cgroup%s", l->dir, rel);
	assert_int_equal(tfile_get(p, buf, sizeof buf), 0);
	return buf;
}

/* Make the files, point the session at them and select nginx.service. */
static void
lim_setup(struct scrfix *f, struct limfix *l)
{
	struct ui *ui = &f->ui;
	uint32_t web = add_cgroups(ui);
	char cmd[256];

	memset(l, 0, sizeof *l);
	snprintf(l->dir, sizeof l->dir, "/tmp/oomwatch-lim.XXXXXX");
	assert_non_null(mkdtemp(l->dir));
	snprintf(cmd, sizeof cmd,
	         "mkdir -p %s/fs/cgroup/system.slice/nginx.service", l->dir);
	assert_int_equal(system(cmd), 0);
	lim_put(l, "/memory.max", "max\n");
	lim_put(l, "/system.slice/nginx.service/memory.max", "536870912\n");
	lim_put(l, "/system.slice/nginx.service/memory.high", "max\n");
	lim_put(l, "/system.slice/nginx.service/memory.current", "521142272\n");
	f->opt.sys_root = l->dir;
	ui->snap.cgroup_mode = SNAP_CGROUP_V2;
	ui->act.ready = true;
	ui->act.ctx.uid = 1000;
	ui->act.ctx.audit = tfile_keep_line;
	ui->act.ctx.audit_arg = &l->audit;
	scrfix_press(ui, 'c', KBD_HOME, 0);
	for (int k = 0;
	     k < 8 && cgtree_selected(&scr_cgroups_of(ui)->tree) != web; k++)
		scrfix_press(ui, KBD_DOWN, 0);
	assert_int_equal(cgtree_selected(&scr_cgroups_of(ui)->tree), web);
}

/* Remove the files. */
static void
lim_teardown(struct limfix *l)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", l->dir);
	assert_int_equal(system(cmd), 0);
}

#define NG "/system.slice/nginx.service/memory.max"

/* ] raises by a step (10% of 512M: 51M) at once; u restores. */
static void
test_cgroups_limit_step_and_undo(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct limfix l;

	lim_setup(f, &l);
	assert_true(scrfix_press(ui, ']', 0) & UI_RESAMPLE);
	assert_string_equal(lim_get(&l, NG), "590348288");
	assert_string_equal(ui->status.text,
	                    "memory.max 512M -> 563M, usage 497M "
	                    "(/system.slice/nginx.service)");
	assert_int_equal(l.audit.nlines, 1);
	assert_non_null(strstr(l.audit.lines[0],
	                       "cgroup=/system.slice/nginx.service "
	                       "action=memory.max 512M -> 563M "
	                       "result=ok"));
	scrfix_press(ui, KBD_F(8), 0);
	assert_string_equal(lim_get(&l, NG),
	                    "649068544"); /* +56M: 10% of 563M */
	/* u: newest first */
	scrfix_press(ui, 'u', 0);
	assert_string_equal(lim_get(&l, NG), "590348288");
	scrfix_press(ui, 'u', 0);
	assert_string_equal(lim_get(&l, NG), "536870912");
	assert_non_null(strstr(ui->status.text, "undone: memory.max 563M -> "
	                                        "512M"));
	scrfix_press(ui, 'u', 0);
	assert_string_equal(ui->status.text, "no cgroup limit change to undo");
	assert_int_equal(l.audit.nlines, 4);
	lim_teardown(&l);
}

/* [ below the usage asks first and says what the kernel does; y
 * applies, any other key cancels. */
static void
test_cgroups_limit_below_usage_confirms(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_frame *fr;
	struct limfix l;

	lim_setup(f, &l);
	scrfix_press(ui, '[', 0);
	/* 80 and 120 columns: the short form, whole, with its keys */
	for (int cols = 80; cols <= 120; cols += 40) {
		layout_compute(&ui->layout, 24, cols);
		fr = scrfix_frame(f);
		assert_non_null(fr->status);
		assert_string_equal(fr->status,
		                    "512M -> 461M below usage 497M: kernel "
		                    "reclaims or OOM-kills. y/n");
		assert_true(strlen(fr->status) <= (size_t)cols);
	}
	/* narrower still: the key stays */
	layout_compute(&ui->layout, 24, 40);
	assert_string_equal(scrfix_frame(f)->status,
	                    "-> 461M below usage? y/n");
	/* wide: the whole sentence */
	layout_compute(&ui->layout, 24, 200);
	fr = scrfix_frame(f);
	assert_non_null(strstr(fr->status, "memory.max 512M -> 461M, usage "
	                                   "497M: below the usage"));
	assert_non_null(strstr(fr->status, "OOM-kills"));
	assert_non_null(strstr(fr->status, "y applies"));
	layout_compute(&ui->layout, 24, 80);
	assert_string_equal(lim_get(&l, NG), "536870912\n");
	scrfix_press(ui, 'n', 0);
	assert_string_equal(lim_get(&l, NG), "536870912\n");
	assert_string_equal(ui->status.text, "no limit changed");
	assert_int_equal(l.audit.nlines, 0);
	scrfix_press(ui, KBD_F(7), 'y', 0);
	assert_string_equal(lim_get(&l, NG), "483393536");
	assert_int_equal(l.audit.nlines, 1);
	lim_teardown(&l);
}

/* a: the value typed with its preview, Enter applies; junk is refused;
 * l switches to memory.high. */
static void
test_cgroups_limit_value_prompt(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct limfix l;

	lim_setup(f, &l);
	scrfix_press(ui, 'a', 0);
	scrfix_type(ui, "1.5G");
	/* 80 columns: the preview and both keys, whole */
	assert_string_equal(scrfix_frame(f)->status,
	                    "memory.max 512M -> 1.5G, usage 497M: 1.5G_ (Enter "
	                    "applies, Esc cancels)");
	layout_compute(&ui->layout, 24, 120);
	assert_non_null(strstr(scrfix_frame(f)->status, "max; Enter applies"));
	layout_compute(&ui->layout, 24, 30);
	assert_string_equal(scrfix_frame(f)->status,
	                    "memory.max: 1.5G_ (Enter/Esc)");
	layout_compute(&ui->layout, 24, 80);
	scrfix_press(ui, KBD_ENTER, 0);
	assert_string_equal(lim_get(&l, NG), "1610612736");
	scrfix_press(ui, 'a', 0);
	scrfix_type(ui, "lots");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_non_null(strstr(ui->status.text, "not a size: lots"));
	scrfix_press(ui, 'a', 0);
	scrfix_type(ui, "max");
	scrfix_press(ui, KBD_ESC, 0);
	assert_string_equal(lim_get(&l, NG), "1610612736");
	/* l: memory.high, from max down to just above the usage; the LIMIT
	 * column follows the keys (HIGH) */
	assert_false(scrfix_cgview(scrfix_frame(f))->limit_high);
	scrfix_press(ui, 'l', 0);
	assert_non_null(strstr(ui->status.text, "memory.high"));
	assert_true(scrfix_cgview(scrfix_frame(f))->limit_high);
	scrfix_press(ui, 'a', 0);
	scrfix_type(ui, "600M");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_string_equal(
	    lim_get(&l, "/system.slice/nginx.service/memory.high"),
	    "629145600");
	scrfix_press(ui, 'l', 0);
	assert_false(scrfix_cgview(scrfix_frame(f))->limit_high);
	lim_teardown(&l);
}

/* The root cgroup and --read-only are refused, with the reason. */
static void
test_cgroups_limit_refusals(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct limfix l;

	lim_setup(f, &l);
	ui->act.ctx.read_only = true;
	scrfix_press(ui, ']', 0);
	assert_non_null(strstr(ui->status.text, "--read-only"));
	assert_string_equal(lim_get(&l, NG), "536870912\n");
	ui->act.ctx.read_only = false;
	/* the root: the top row */
	scrfix_press(ui, KBD_HOME, 0);
	while (cgtree_selected(&scr_cgroups_of(ui)->tree) != 0)
		scrfix_press(ui, KBD_DOWN, 0);
	scrfix_press(ui, '[', 0);
	assert_non_null(strstr(ui->status.text, "never changes the root"));
	assert_string_equal(lim_get(&l, "/memory.max"), "max\n");
	/* actions off (as in --proc-root): said so */
	ui->act.disabled = "--proc-root shows processes that are not this "
	                   "machine's live ones";
	scrfix_press(ui, 'a', 0);
	assert_non_null(
	    strstr(ui->status.text, "actions are off: --proc-root"));
	ui->act.disabled = NULL;
	/* each refusal audited */
	assert_int_equal(l.audit.nlines, 2);
	assert_non_null(strstr(l.audit.lines[1], "cgroup=/ action=memory.max"));
	lim_teardown(&l);
}

/* The line of the Changes screen's frame that holds want, or -1. */
static int
changes_find(struct scrfix *f, const char *want)
{
	const struct dash_act *v;

	scrfix_frame(f);
	v = &f->ui.act.view;
	for (size_t i = 0; i < v->nlines; i++)
		if (strstr(v->lines[i].text, want) != NULL)
			return (int)i;
	return -1;
}

/* The Changes screen lists the limit changes, newest first, with the
 * cgroup, the file and old -> new; its u undoes the newest of them. */
static void
test_cgroups_limit_on_changes_screen(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct limfix l;
	int first, second;

	lim_setup(f, &l);
	scrfix_press(ui, ']', KBD_F(8), '3', 0);
	assert_true(changes_find(f, "cgroup limit changes (2;") >= 0);
	first = changes_find(f, "/system.slice/nginx.service  memory.max "
	                        "563M -> 619M");
	second = changes_find(f, "/system.slice/nginx.service  memory.max "
	                         "512M -> 563M");
	assert_true(first >= 0 && second == first + 1);
	assert_non_null(strchr(f->ui.act.view.lines[first].text, ':'));
	scrfix_press(ui, 'u', 0);
	assert_string_equal(lim_get(&l, NG), "590348288");
	assert_true(changes_find(f, "cgroup limit changes (1;") >= 0);
	assert_int_equal(changes_find(f, "563M -> 619M"), -1);
	scrfix_press(ui, 'u', 0);
	assert_string_equal(lim_get(&l, NG), "536870912");
	assert_true(changes_find(f, "cgroup limit changes (0;") >= 0);
	lim_teardown(&l);
}

int
main(void)
{
#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, scrfix_setup, scrfix_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_cgroups_screen_moves_and_sorts),
	    T(test_cgroups_forecast_in_status),
	    T(test_cgroups_limit_sort_follows_l),
	    T(test_cgroups_enter_filters_and_esc_clears),
	    T(test_cgroups_none),
	    T(test_cgroups_limit_step_and_undo),
	    T(test_cgroups_limit_below_usage_confirms),
	    T(test_cgroups_limit_value_prompt),
	    T(test_cgroups_limit_refusals),
	    T(test_cgroups_limit_on_changes_screen),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
