/*
 * scr_cgroups.c: the cgroup screen's keys and frame (see scr_cgroups.h).
 * The tree's input is made again from ui->snap before every use, so it
 * never points into a snapshot that a new sample replaced.
 */
#include "app/scr_cgroups.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scr_cglimit.h"
#include "app/scr_procs.h"
#include "model/forecast.h"
#include "model/snapcg.h"

enum cgroups_cmd {
	CG_UP,
	CG_DOWN,
	CG_PGUP,
	CG_PGDN,
	CG_HOME,
	CG_END,
	CG_FILTER,
	CG_SORT_MENU,
	CG_SORT_HEADROOM,
	CG_SORT_USAGE,
	CG_SORT_SWAP,
	CG_SORT_OOM,
	CG_SORT_OOM_KILL,
	CG_SORT_PSI,
	CG_SORT_NAME,
	CG_INVERT,
	CG_TREE,
	CG_PATH,
	CG_LIMIT_LOWER, /* the scr_cglimit commands, in their order */
	CG_LIMIT_RAISE,
	CG_LIMIT_VALUE,
	CG_LIMIT_WHICH,
	CG_LIMIT_UNDO,
};

static const struct scr_binding cgroups_keys[] = {
    {{KBD_UP, 0, 0}, CG_UP, "move up", NULL},
    {{KBD_DOWN, 'j', 0}, CG_DOWN, "move down", NULL},
    {{KBD_PGUP, 0, 0}, CG_PGUP, "page up", NULL},
    {{KBD_PGDN, 0, 0}, CG_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, CG_HOME, "first row", NULL},
    {{KBD_END, 0, 0}, CG_END, "last row", NULL},
    {{KBD_ENTER, 0, 0},
     CG_FILTER,
     "show the processes of this cgroup and below (Esc there clears)",
     NULL},
    {{KBD_F(6), '>', '<'}, CG_SORT_MENU, "sort menu (every column)", "SortBy"},
    {{'H', 0, 0},
     CG_SORT_HEADROOM,
     "sort by headroom: closest to the limit",
     NULL},
    {{'M', 0, 0}, CG_SORT_USAGE, "sort by usage (memory.current)", NULL},
    {{'W', 0, 0}, CG_SORT_SWAP, "sort by swap", NULL},
    {{'O', 0, 0}, CG_SORT_OOM, "sort by OOM events (the limit was hit)", NULL},
    {{'K', 0, 0}, CG_SORT_OOM_KILL, "sort by OOM kills", NULL},
    {{'R', 0, 0},
     CG_SORT_PSI,
     "sort by memory pressure (PSI some avg10)",
     NULL},
    {{'N', 0, 0}, CG_SORT_NAME, "sort by path", NULL},
    {{'I', 0, 0}, CG_INVERT, "invert the sort order", NULL},
    {{KBD_F(5), 't', 0}, CG_TREE, "tree / list", "Tree"},
    {{'p', 0, 0}, CG_PATH, "names (nginx.service) / full paths", NULL},
    {{KBD_F(7), '[', 0},
     CG_LIMIT_LOWER,
     "lower the limit by a step (10% of it, or of the usage when unlimited; "
     "below the usage y confirms)",
     "Limit-"},
    {{KBD_F(8), ']', 0},
     CG_LIMIT_RAISE,
     "raise the limit by a step: give the cgroup air",
     "Limit+"},
    {{'a', 0, 0},
     CG_LIMIT_VALUE,
     "set the limit (512M, 1.5G, max; the preview shows as typed)",
     NULL},
    {{'l', 0, 0},
     CG_LIMIT_WHICH,
     "which limit the keys change: memory.max / memory.high (cgroup2)",
     NULL},
    {{'u', 0, 0}, CG_LIMIT_UNDO, "undo the last limit change", NULL},
};

/* This screen's state. */
static struct scr_cgroups_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_cgroups);
}

/* Rows of the table on screen (without its title line). */
static long
page_rows(const struct ui *ui)
{
	return ui->layout.body.h > 2 ? ui->layout.body.h - 1 : 1;
}

/* Make the tree's input from the last sample and rebuild the rows. */
static void
sync(struct ui *ui)
{
	struct scr_cgroups_state *s = st(ui);
	const struct snapshot *sn = &ui->snap;
	size_t n = ui->have_snap ? sn->ncgroups : 0, len;
	struct cgtree_in *in;

	if (n > s->in_cap) {
		in = realloc(s->in, n * sizeof *in);
		if (in == NULL) {
			ui_status(ui, THEME_STATUS_ERROR,
			          "out of memory: the cgroups are not shown");
			n = 0;
		} else {
			s->in = in;
			s->in_cap = n;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct snap_cgroup *cg = &sn->cgroups[i];
		s->in[i].path = snapcg_path(sn, i, &len);
		s->in[i].path_len = s->in[i].path ? len : 0;
		s->in[i].parent =
		    cg->parent == SNAPCG_NONE ? CGTREE_NONE : cg->parent;
		s->in[i].mem = &cg->mem;
	}
	s->nin = n;
	s->tree.limit_high = s->limit.which == CGLIMIT_HIGH;
	if (cgtree_rebuild(&s->tree, s->in, n) != 0)
		ui_status(ui, THEME_STATUS_ERROR,
		          "out of memory: the cgroups are not shown");
}

/* Sort by key; the same key again inverts, as on the processes screen. */
static unsigned
sort_by(struct ui *ui, enum cgtree_key key)
{
	struct cgtree *t = &st(ui)->tree;

	if (t->sort == key)
		t->desc = !t->desc;
	else
		t->desc = cgtree_key_default_desc(key);
	t->sort = key;
	ui_status(ui, THEME_STATUS_INFO, "cgroups sorted by %s, %s",
	          cgtree_key_name(key),
	          key == CGTREE_HEADROOM
	              ? (t->desc ? "closest to the limit first"
	                         : "farthest from the limit first")
	              : (t->desc ? "descending" : "ascending"));
	return UI_REDRAW;
}

/* A key while the sort menu is open: it takes every key but the quit
 * keys, as the processes screen's does. */
static bool
overlay_key(struct ui *ui, int32_t key, unsigned *flags)
{
	struct scr_cgroups_state *s = st(ui);
	size_t *cur = &s->view.menu_cursor;

	if (scr_cglimit_key(ui, &s->limit, key, flags))
		return true;
	if (!s->view.sort_menu || key == 'q' || key == KBD_F(10))
		return false;
	*flags = UI_REDRAW;
	if ((key == KBD_UP || key == 'k') && *cur > 0)
		(*cur)--;
	else if ((key == KBD_DOWN || key == 'j') && *cur + 1 < CGTREE_KEY_COUNT)
		(*cur)++;
	else if (key == 'I')
		s->tree.desc = !s->tree.desc;
	else if (key == KBD_ENTER || key == KBD_ESC || key == KBD_F(6))
		s->view.sort_menu = false;
	if (key == KBD_ENTER) {
		s->tree.sort = (enum cgtree_key) * cur;
		s->tree.desc = cgtree_key_default_desc(s->tree.sort);
	}
	return true;
}

/* Enter: filter the processes screen to the selected cgroup's subtree. */
static unsigned
filter(struct ui *ui)
{
	struct scr_cgroups_state *s = st(ui);
	size_t i = cgtree_selected(&s->tree);
	unsigned flags;

	if (i == CGTREE_NONE || i >= s->nin)
		return 0;
	if (!table_set_cgroup_filter(&ui->table, s->in[i].path,
	                             s->in[i].path_len)) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "cgroup path too long to filter by");
		return UI_REDRAW;
	}
	flags = scr_home(ui);
	return flags | UI_REBUILD | UI_REDRAW;
}

/* A move key. */
static unsigned
move(struct ui *ui, enum cgroups_cmd c)
{
	struct scr_cgroups_state *s = st(ui);
	static const int dir[] = {
	    [CG_UP] = -1, [CG_DOWN] = 1, [CG_PGUP] = -1, [CG_PGDN] = 1};

	if (c == CG_HOME)
		cgtree_move_to(&s->tree, s->in, 0);
	else if (c == CG_END)
		cgtree_move_to(&s->tree, s->in, SIZE_MAX);
	else
		cgtree_move(&s->tree, s->in,
		            dir[c] * (c == CG_PGUP || c == CG_PGDN
		                          ? page_rows(ui)
		                          : 1));
	return UI_REDRAW;
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	static const enum cgtree_key keys[] = {
	    [CG_SORT_HEADROOM - CG_SORT_HEADROOM] = CGTREE_HEADROOM,
	    [CG_SORT_USAGE - CG_SORT_HEADROOM] = CGTREE_USAGE,
	    [CG_SORT_SWAP - CG_SORT_HEADROOM] = CGTREE_SWAP,
	    [CG_SORT_OOM - CG_SORT_HEADROOM] = CGTREE_OOM,
	    [CG_SORT_OOM_KILL - CG_SORT_HEADROOM] = CGTREE_OOM_KILL,
	    [CG_SORT_PSI - CG_SORT_HEADROOM] = CGTREE_PSI,
	    [CG_SORT_NAME - CG_SORT_HEADROOM] = CGTREE_NAME,
	};
	struct scr_cgroups_state *s = st(ui);
	enum cgroups_cmd c = (enum cgroups_cmd)cmd;

	sync(ui);
	if (c <= CG_END)
		return move(ui, c);
	if (c >= CG_SORT_HEADROOM && c <= CG_SORT_NAME)
		return sort_by(ui, keys[c - CG_SORT_HEADROOM]);
	if (c >= CG_LIMIT_LOWER) {
		size_t i = cgtree_selected(&s->tree);
		return scr_cglimit_command(
		    ui, &s->limit, i == CGTREE_NONE ? SIZE_MAX : i,
		    (enum scr_cglimit_cmd)(c - CG_LIMIT_LOWER));
	}
	switch (c) {
	case CG_FILTER:
		return filter(ui);
	case CG_SORT_MENU:
		s->view.sort_menu = true;
		s->view.menu_cursor = (size_t)s->tree.sort;
		return UI_REDRAW;
	case CG_INVERT:
		return sort_by(ui, s->tree.sort);
	case CG_TREE:
		s->tree.tree = !s->tree.tree;
		return UI_REDRAW;
	case CG_PATH:
	default:
		s->view.with_path = !s->view.with_path;
		return UI_REDRAW;
	}
}

/* The first of the selected cgroup's files that could not be read, as
 * "N/A: memory.max: Permission denied" into buf ("not recorded" in a
 * replay); false when none. */
static bool
na_reason(const struct snap_cgroup *cg, bool replay, char *buf, size_t size)
{
	static const enum cgmem_file shown[] = {
	    CGMEM_F_CURRENT,  CGMEM_F_MAX,      CGMEM_F_SWAP_CURRENT,
	    CGMEM_F_EVENTS,   CGMEM_F_PRESSURE, CGMEM_F_SWAP_MAX,
	    CGMEM_F_OOM_GROUP};
	const char *name;
	int err;

	for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
		name = cgmem_file_name(cg->mem.mode, shown[k]);
		err = cg->mem.err[shown[k]];
		if (name == NULL || err == 0)
			continue;
		if (cg->root &&
		    (shown[k] == CGMEM_F_CURRENT || shown[k] == CGMEM_F_MAX))
			continue; /* the host stands in for them */
		if (cg->root && err == ENOENT)
			snprintf(buf, size, "N/A: the root cgroup has no %s",
			         name);
		else
			snprintf(buf, size, "N/A: %s: %s", name,
			         err != ENODATA ? strerror(err)
			         : replay       ? "not recorded"
			                        : "not read yet");
		return true;
	}
	return false;
}

/* The selected cgroup's forecast, "about 12 min to memory.max at
 * +3.0M/min", into buf; false when it has no number. */
static bool
fore_text(const struct snapshot *sn, size_t i, char *buf, size_t size)
{
	const struct snap_cgroup *cg = &sn->cgroups[i];
	struct forecast f = {.valid = cg->fore.valid,
	                     .basis = cg->fore.basis,
	                     .eta_s = cg->fore.eta_s,
	                     .rate_kb_per_min = cg->fore.rate_kb_per_min};

	char text[128], *at;

	if (!f.valid)
		return false;
	forecast_format(&f, FORECAST_CGROUP, text, sizeof text);
	at = strstr(text, "memory.max");
	if (cg->mem.mode == SNAP_CGROUP_V1 && at != NULL) /* v1's file */
		snprintf(buf, size, "%.*smemory.limit_in_bytes%s",
		         (int)(at - text), text, at + strlen("memory.max"));
	else
		snprintf(buf, size, "%s", text);
	return true;
}

/* Why v1 shows OOM and PSI as N/A: the files it lacks. */
static bool
v1_reason(const struct snap_cgroup *cg, char *buf, size_t size)
{
	if (cg->mem.mode != SNAP_CGROUP_V1)
		return false;
	snprintf(buf, size,
	         "OOM N/A: cgroup v1 has no memory.events (only "
	         "oom_kill); PSI N/A: no PSI on v1");
	return true;
}

/* Why this sample has no cgroups. */
static const char *
none_reason(const struct snapshot *sn)
{
	switch (sn->cgroups_err) {
	case ENOENT:
		return "no memory cgroup hierarchy on this machine";
	case EAGAIN:
		return "the cgroup walk rests this refresh";
	case 0:
		return "no memory cgroups read";
	case ENODATA: /* a replay (persist/recreplay.h) */
		return "no cgroup rows in the record up to this sample";
	default:
		return strerror(sn->cgroups_err);
	}
}

/* The default status text of the selected cgroup i into buf: its name,
 * then its N/A reason, else its forecast to memory.max (v1:
 * memory.limit_in_bytes), else on v1 why OOM and PSI are N/A, else the
 * sort order and the keys. */
static void
default_status(struct ui *ui, size_t i, char *buf, size_t size)
{
	struct scr_cgroups_state *s = st(ui);
	char name[96], what[128];

	if (i >= ui->snap.ncgroups) {
		name[0] = '\0';
	} else {
		snapcg_format_name(&ui->snap, i, false, name, sizeof name);
		if (na_reason(&ui->snap.cgroups[i], ui->replay != NULL, what,
		              sizeof what) ||
		    fore_text(&ui->snap, i, what, sizeof what) ||
		    v1_reason(&ui->snap.cgroups[i], what, sizeof what)) {
			snprintf(buf, size, "%s: %s", name, what);
			return;
		}
	}
	snprintf(buf, size,
	         "%s%scgroups by %s%s; Enter: its processes, p: paths, ]/[: %s",
	         name, name[0] ? ": " : "", cgtree_key_name(s->tree.sort),
	         s->tree.sort == CGTREE_HEADROOM && s->tree.desc
	             ? " (closest to the limit first)"
	             : (s->tree.desc ? " desc" : " asc"),
	         s->limit.which == CGLIMIT_HIGH ? "memory.high" : "limit");
}

/* The frame: the cgroup table; in the status line (when no message is
 * there) the selected cgroup's name and what default_status says. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_cgroups_state *s = st(ui);

	sync(ui);
	cgtree_scroll(&s->tree, (int)page_rows(ui));
	s->view.tree = &s->tree;
	s->view.limit_high = s->limit.which == CGLIMIT_HIGH;
	s->view.none = ui->have_snap ? none_reason(&ui->snap) : NULL;
	f->screen_data = &s->view;
	f->body = dash_body_cgroups;
	if (s->limit.mode != SCR_CGLIMIT_IDLE) {
		f->status = scr_cglimit_status(&s->limit, f->layout->status.w);
		f->status_role = THEME_STATUS_INFO;
		return;
	}
	if (f->status != NULL)
		return;
	default_status(ui, cgtree_selected(&s->tree), s->status,
	               sizeof s->status);
	f->status = s->status;
	f->status_role = THEME_STATUS_INFO;
}

/* Free the tree and its input. */
static void
fini(struct ui *ui)
{
	struct scr_cgroups_state *s = st(ui);

	if (s == NULL)
		return;
	cgtree_fini(&s->tree);
	scr_cglimit_fini(&s->limit);
	free(s->in);
	s->in = NULL;
	s->nin = s->in_cap = 0;
}

/* The tree starts sorted by headroom (cgtree_init). */
static void
init(struct ui *ui)
{
	cgtree_init(&st(ui)->tree);
	scr_cglimit_init(&st(ui)->limit);
}

const struct scr_def scr_cgroups = {
    .name = "Cgroups",
    .short_name = "Cgrp",
    .key = '6',
    .state_size = sizeof(struct scr_cgroups_state),
    .keys = cgroups_keys,
    .nkeys = sizeof cgroups_keys / sizeof cgroups_keys[0],
    .init = init,
    .fini = fini,
    .overlay_key = overlay_key,
    .command = command,
    .frame = frame,
};
