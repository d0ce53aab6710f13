/*
 * cgpane.c: the cgroup screen's table. One marker cell ('!' on a cgroup
 * at or over 90% of its limit), then USAGE, LIMIT ("max" when unlimited;
 * HIGH, memory.high, while 'l' has the limit keys on memory.high),
 * HEADROOM (bytes left and the share of the limit left), TO MAX (when
 * memory.current reaches memory.max at its steady trend, "~12m"; blank when the
 * forecast has no number: model/cgseries.h), SWAP, OOM and OOM_KILL (the
 * memory.events counters, highlighted when they grew since oomwatch
 * started), PSI (some/full avg10), VICTIM (whom the kernel kills in a
 * memcg OOM there: "pid comm", "group" for memory.oom.group, "waits" for
 * v1's oom_kill_disable; "-" where no memcg OOM can start) and NAME last,
 * taking the rest of the line, indented as a tree ('p': the full path,
 * its end kept when it is too long). Unknown values are a
 * dimmed N/A (the screen puts the reason in the status line). When the
 * line is narrow, columns give way in this order: TO MAX, SWAP, OOM,
 * PSI, VICTIM, LIMIT, OOM_KILL.
 */
#include "view/panes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/columns.h"
#include "model/snapcg.h"
#include "view/draw.h"

/* The cgroup screen's view struct (dash_frame.screen_data). */
static const struct dash_cgroups *
cgv(const struct dash_frame *f)
{
	return f->screen_data;
}

/* The columns before NAME. */
enum cg_col {
	COL_USAGE,
	COL_LIMIT,
	COL_HEADROOM,
	COL_TOMAX,
	COL_SWAP,
	COL_OOM,
	COL_OOM_KILL,
	COL_PSI,
	COL_VICTIM,
	NCOLS
};

/* A NAME form's buffer. */
#define CG_FORM_SIZE 256

/* NAME keeps at least this many columns before others give way. */
#define NAME_MIN_COLS 16

/* A column: its title, width, and the sort key it shows. */
static const struct {
	const char *title;
	int width;
	enum cgtree_key key;
} cols[NCOLS] = {
    [COL_USAGE] = {"USAGE", 6, CGTREE_USAGE},
    [COL_LIMIT] = {"LIMIT", 6, CGTREE_LIMIT},
    [COL_HEADROOM] = {"HEADROOM", 11, CGTREE_HEADROOM},
    [COL_TOMAX] = {"TO MAX", 6, CGTREE_KEY_COUNT},
    [COL_SWAP] = {"SWAP", 6, CGTREE_SWAP},
    [COL_OOM] = {"OOM", 4, CGTREE_OOM},
    [COL_OOM_KILL] = {"OOM_KILL", 8, CGTREE_OOM_KILL},
    [COL_PSI] = {"PSI s/f", 9, CGTREE_PSI},
    [COL_VICTIM] = {"VICTIM", 14, CGTREE_KEY_COUNT},
};

/* Which columns give way first when the line is narrow. */
static const enum cg_col give_way[] = {
    COL_TOMAX, COL_SWAP, COL_OOM, COL_PSI, COL_VICTIM, COL_LIMIT, COL_OOM_KILL};

/* One cell's text and how it is drawn. */
struct cell {
	char text[48];
	bool na;    /* unknown: dimmed */
	bool alert; /* a limit near or a count that grew: highlighted */
};

/* Decide the columns shown in w columns (fit[i]). */
static void
fit_columns(int w, bool *fit)
{
	int used = 1 + NAME_MIN_COLS;

	for (int i = 0; i < NCOLS; i++) {
		fit[i] = true;
		used += cols[i].width + 1;
	}
	for (size_t k = 0; k < sizeof give_way / sizeof give_way[0] && used > w;
	     k++) {
		fit[give_way[k]] = false;
		used -= cols[give_way[k]].width + 1;
	}
}

/* Bytes as the process table writes sizes ("512M"), or N/A. */
static void
bytes_cell(struct cell *c, int64_t bytes)
{
	c->na = bytes == SNAP_NA;
	if (c->na)
		snprintf(c->text, sizeof c->text, "N/A");
	else if (bytes == CGMEM_UNLIMITED)
		snprintf(c->text, sizeof c->text, "max");
	else
		columns_format_kb(bytes / 1024, c->text, sizeof c->text);
}

/* HEADROOM: bytes left and the share of the limit left (negative when
 * over it, at least -99%). */
static void
headroom_cell(struct cell *c, const struct cgmem *m)
{
	int64_t room = cgmem_headroom_bytes(m);
	int pm = cgmem_used_permille(m), left;
	char b[16];

	c->na = room == SNAP_NA;
	if (c->na) {
		snprintf(c->text, sizeof c->text, "N/A");
		return;
	}
	if (room == CGMEM_UNLIMITED) {
		snprintf(c->text, sizeof c->text, "-");
		return;
	}
	columns_format_kb((room < 0 ? -room : room) / 1024, b, sizeof b);
	left = pm < 0 ? 100 : 100 - (pm + 9) / 10; /* rounds the room down */
	snprintf(c->text, sizeof c->text, "%s%s %3d%%", room < 0 ? "-" : "", b,
	         left < -99 ? -99 : left);
	c->alert = pm >= 900;
}

/* TO MAX: the time to memory.max (cgseries_fmt_eta), blank without a
 * number; highlighted under 15 minutes. */
static void
tomax_cell(struct cell *c, const struct cgseries_fore *fore)
{
	cgseries_fmt_eta(fore, c->text, sizeof c->text);
	c->alert = fore->valid && fore->eta_s < 15 * 60;
}

/* A counter and whether it grew since start. */
static void
count_cell(struct cell *c, int64_t total, int64_t since)
{
	c->na = total == SNAP_NA;
	if (c->na)
		snprintf(c->text, sizeof c->text, "N/A");
	else
		snprintf(c->text, sizeof c->text, "%" PRId64, total);
	c->alert = since != SNAP_NA && since > 0;
}

/* PSI some/full avg10. */
static void
psi_cell(struct cell *c, const struct psi_memory *p)
{
	c->na = !p->valid;
	if (c->na)
		snprintf(c->text, sizeof c->text, "N/A");
	else if (p->full_valid)
		snprintf(c->text, sizeof c->text, "%.1f/%.1f", p->some.avg10,
		         p->full.avg10);
	else
		snprintf(c->text, sizeof c->text, "%.1f/-", p->some.avg10);
	c->alert = p->valid && p->some.avg10 >= 10.0;
}

/* VICTIM: whom a memcg OOM there kills. */
static void
victim_cell(struct cell *c, const struct snapshot *sn,
            const struct snap_cgroup *cg)
{
	const struct cgvictim *v = &cg->victim;

	if (!v->limited)
		snprintf(c->text, sizeof c->text, "-");
	else if (v->kill_disabled)
		snprintf(c->text, sizeof c->text, "waits");
	else if (v->group != CGVICTIM_NONE)
		snprintf(c->text, sizeof c->text, "group");
	else if (v->victim < sn->nprocs)
		snprintf(c->text, sizeof c->text, "%d %.*s",
		         sn->procs[v->victim].pid,
		         (int)sizeof sn->procs[0].comm,
		         sn->procs[v->victim].comm);
	else
		snprintf(c->text, sizeof c->text, "%s",
		         v->candidates == 0 && v->unknown == 0 ? "none"
		                                               : "N/A");
	c->na = strcmp(c->text, "N/A") == 0;
}

/* Column i's cell for cgroup cg; LIMIT is memory.high when high. */
static void
make_cell(struct cell *c, enum cg_col i, const struct snapshot *sn,
          const struct snap_cgroup *cg, bool high)
{
	memset(c, 0, sizeof *c);
	switch (i) {
	case COL_USAGE:
		bytes_cell(c, cg->mem.current_bytes);
		break;
	case COL_LIMIT:
		bytes_cell(c, high ? cg->mem.high_bytes : cg->mem.max_bytes);
		break;
	case COL_HEADROOM:
		headroom_cell(c, &cg->mem);
		break;
	case COL_TOMAX:
		tomax_cell(c, &cg->fore);
		break;
	case COL_SWAP:
		bytes_cell(c, cgmem_swap_used_bytes(&cg->mem));
		break;
	case COL_OOM:
		count_cell(c, cg->mem.events.oom, cg->since.oom);
		break;
	case COL_OOM_KILL:
		count_cell(c, cg->mem.events.oom_kill, cg->since.oom_kill);
		break;
	case COL_PSI:
		psi_cell(c, &cg->mem.psi);
		break;
	case COL_VICTIM:
	case NCOLS:
	default:
		victim_cell(c, sn, cg);
		break;
	}
}

/* The tree lines before a name; the columns used. */
static int
tree_lines(struct screen *s, int y, int x, int w, const struct cgtree_row *tr,
           enum theme_role role)
{
	const char *bar = draw_glyph(s, "\xe2\x94\x82 ", "| ");
	const char *tee = draw_glyph(s, "\xe2\x94\x9c\xe2\x94\x80", "|-");
	const char *end = draw_glyph(s, "\xe2\x94\x94\xe2\x94\x80", "`-");
	int used = 0;

	for (int d = 1; d <= tr->depth && used < w; d++) {
		const char *g = d == tr->depth ? (tr->last ? end : tee)
		                : (tr->more & (1u << d)) ? bar
		                                         : "  ";
		used += draw_str(s, y, x + used, w - used, role, g, 0);
	}
	return used;
}

/* A path in w cells; when it does not fit, an ellipsis and its end,
 * where cgroups differ. */
static void
path_cell(struct screen *s, int y, int x, int w, enum theme_role role,
          const char *p, size_t len)
{
	size_t off;
	int e;

	if (w < 2 || draw_width(s, p, len, w + 1) <= w) {
		draw_text(s, y, x, w, role, p, len, 0);
		return;
	}
	e = draw_str(s, y, x, w, role, draw_glyph(s, "\xe2\x80\xa6", "+"), 0);
	off = columns_tail(p, len, (size_t)(w - e));
	draw_text(s, y, x + e, w - e, role, p + off, len - off, 0);
}

/* The first of forms (longest first) that fits w cells; when none does,
 * the last one cut with an ellipsis, never a bare cut. */
static void
fit_forms(struct screen *s, int y, int x, int w, enum theme_role role,
          char forms[][CG_FORM_SIZE], int n)
{
	int used;

	if (w <= 0 || n <= 0)
		return;
	for (int i = 0; i < n; i++)
		if (draw_width(s, forms[i], strlen(forms[i]), w + 1) <= w) {
			draw_str(s, y, x, w, role, forms[i], 0);
			return;
		}
	used = draw_str(s, y, x, w - 1, role, forms[n - 1], 0);
	draw_str(s, y, x + used, 1, role, draw_glyph(s, "\xe2\x80\xa6", "~"),
	         0);
}

/* The root's forms: the host, its cgroups' sum and what no cgroup holds
 * (their usage counts page cache: model/cgmem.h); 0 when none apply. */
static int
root_forms(const struct snap_cgroup *cg, char forms[][CG_FORM_SIZE])
{
	char sum[16], lost[16], used[16];

	if (!cg->root || cg->unaccounted_bytes == SNAP_NA ||
	    cg->children_bytes == SNAP_NA)
		return 0;
	columns_kb_or(cg->children_bytes / 1024, "N/A", sum, sizeof sum);
	columns_kb_or((cg->unaccounted_bytes < 0 ? 0 : cg->unaccounted_bytes) /
	                  1024,
	              "N/A", lost, sizeof lost);
	if (cg->unaccounted_bytes < 0) {
		snprintf(forms[0], CG_FORM_SIZE,
		         "/ (the host; its cgroups %s hold all it uses, cache "
		         "too)",
		         sum);
		snprintf(forms[1], CG_FORM_SIZE, "/ (host; all in cgroups)");
	} else {
		columns_kb_or((cg->children_bytes + cg->unaccounted_bytes) /
		                  1024,
		              "N/A", used, sizeof used);
		snprintf(forms[0], CG_FORM_SIZE,
		         "/ (the host; in use with cache %s: cgroups %s, %s in "
		         "no cgroup)",
		         used, sum, lost);
		snprintf(forms[1], CG_FORM_SIZE, "/ (host; %s in no cgroup)",
		         lost);
	}
	snprintf(forms[2], CG_FORM_SIZE, "/ (the host)");
	snprintf(forms[3], CG_FORM_SIZE, "/");
	return 4;
}

/* A name's forms: the full name, then one that keeps its kind: a pod
 * uid's first 8 characters and its QoS class, a Docker container's own
 * name without its id. */
static int
name_forms(struct screen *s, const struct dash_frame *f, size_t i,
           char forms[][CG_FORM_SIZE])
{
	const struct snap_cgroup *cg = &f->snap->cgroups[i];
	const char *cn;

	snapcg_format_name(f->snap, i, false, forms[0], CG_FORM_SIZE);
	if (cg->name.kind == CGNAME_POD) {
		snprintf(forms[1], CG_FORM_SIZE, "pod %.8s%s %s",
		         cg->name.pod_uid, draw_glyph(s, "\xe2\x80\xa6", "~"),
		         cgname_qos_label(cg->name.qos));
		return 2;
	}
	cn = cg->cname_len ? snapshot_str(f->snap, cg->cname_off, cg->cname_len)
	                   : NULL;
	if (cn != NULL) {
		snprintf(forms[1], CG_FORM_SIZE, "%s %.*s",
		         cgname_kind_label(cg->name.kind), (int)cg->cname_len,
		         cn);
		return 2;
	}
	return 1;
}

/* NAME: the cgroup's name (or path); the root (v2 or v1) is the host,
 * with the memory no cgroup accounts for. Too long, it gives its short
 * form, then an ellipsis. */
static void
name_cell(struct screen *s, int y, int x, int w, const struct dash_frame *f,
          const struct cgtree_row *tr, enum theme_role role)
{
	const struct snap_cgroup *cg = &f->snap->cgroups[tr->index];
	char forms[4][CG_FORM_SIZE];
	const char *p;
	size_t len = 0;
	int used = 0, n;

	if (cgv(f)->tree->tree)
		used = tree_lines(
		    s, y, x, w, tr,
		    role == THEME_PROC_SELECTED ? role : THEME_PROC_TREE);
	n = root_forms(cg, forms);
	if (n > 0) {
		fit_forms(s, y, x + used, w - used, role, forms, n);
		return;
	}
	p = snapcg_path(f->snap, tr->index, &len);
	if (cgv(f)->with_path && p != NULL) {
		path_cell(s, y, x + used, w - used, role, p, len);
		return;
	}
	n = name_forms(s, f, tr->index, forms);
	fit_forms(s, y, x + used, w - used, role, forms, n);
}

/* The column titles, the sort column marked; LIMIT reads HIGH while the
 * limit keys act on memory.high. */
static void
titles(struct screen *s, int y, int x, int w, const struct dash_frame *f,
       const bool *fit)
{
	enum cgtree_key sort = cgv(f)->tree->sort;
	int at = x + 1;

	draw_fill(s, y, x, w, THEME_PROC_HEADER);
	for (int i = 0; i < NCOLS; i++) {
		if (!fit[i])
			continue;
		draw_str(s, y, at, cols[i].width,
		         cols[i].key == sort ? THEME_PROC_SORTED
		                             : THEME_PROC_HEADER,
		         i == COL_LIMIT && cgv(f)->limit_high ? "HIGH"
		                                              : cols[i].title,
		         DRAW_RIGHT | DRAW_FILL);
		at += cols[i].width + 1;
	}
	draw_str(s, y, at, x + w - at,
	         sort == CGTREE_NAME ? THEME_PROC_SORTED : THEME_PROC_HEADER,
	         cgv(f)->with_path ? "PATH" : "NAME", 0);
}

/* One cgroup's row. */
static void
row(struct screen *s, int y, int x, int w, const struct dash_frame *f,
    const bool *fit, size_t pos)
{
	const struct cgtree_row *tr = &cgv(f)->tree->rows[pos];
	const struct snap_cgroup *cg = &f->snap->cgroups[tr->index];
	bool sel = pos == cgv(f)->tree->cursor;
	int at = x + 1, pm = cgmem_used_permille(&cg->mem);
	struct cell c;
	enum theme_role role;

	if (sel)
		draw_fill(s, y, x, w, THEME_PROC_SELECTED);
	if (pm >= 900)
		draw_str(s, y, x, 1,
		         sel ? THEME_PROC_SELECTED : THEME_RISK_HIGH, "!", 0);
	for (int i = 0; i < NCOLS; i++) {
		if (!fit[i])
			continue;
		make_cell(&c, (enum cg_col)i, f->snap, cg, cgv(f)->limit_high);
		role = sel       ? THEME_PROC_SELECTED
		       : c.na    ? THEME_PROC_NA
		       : c.alert ? THEME_RISK_HIGH
		                 : THEME_PROC_NORMAL;
		draw_str(s, y, at, cols[i].width, role, c.text,
		         i == COL_VICTIM ? DRAW_FILL : DRAW_RIGHT | DRAW_FILL);
		at += cols[i].width + 1;
	}
	name_cell(s, y, at, x + w - at, f, tr,
	          sel ? THEME_PROC_SELECTED : THEME_PROC_NORMAL);
}

/* The cgroup table in r. */
void
cgpane_draw(struct screen *s, const struct layout_rect *r,
            const struct dash_frame *f)
{
	const struct cgtree *t;
	bool fit[NCOLS];
	size_t pos;

	if (!layout_rect_visible(r) || cgv(f) == NULL)
		return;
	t = cgv(f)->tree;
	if (f->snap == NULL || t == NULL || t->nrows == 0) {
		draw_str(s, r->y, r->x + 1, r->w - 1, THEME_PROC_NA,
		         f->snap == NULL ? "reading /proc ..."
		         : cgv(f)->none  ? cgv(f)->none
		                         : "no memory cgroups",
		         0);
		return;
	}
	fit_columns(r->w, fit);
	titles(s, r->y, r->x, r->w, f, fit);
	for (int y = 1; y < r->h; y++) {
		pos = t->top + (size_t)(y - 1);
		if (pos >= t->nrows)
			break;
		if (t->rows[pos].index < f->snap->ncgroups)
			row(s, r->y + y, r->x, r->w, f, fit, pos);
	}
}

/* The sort menu in r: the keys, the current one starred. */
static void
sort_menu(struct screen *s, const struct layout_rect *r,
          const struct dash_frame *f)
{
	const struct cgtree *t = cgv(f)->tree;

	draw_clear_rect(s, r, THEME_DIALOG);
	draw_str(s, r->y, r->x, r->w, THEME_PROC_HEADER,
	         " Sort cgroups by (Enter picks, Esc closes, I inverts)",
	         DRAW_FILL);
	for (int k = 0; k < CGTREE_KEY_COUNT && k + 1 < r->h; k++)
		draw_fmt(s, r->y + 1 + k, r->x + 1, 30,
		         (size_t)k == cgv(f)->menu_cursor ? THEME_DIALOG_FOCUS
		                                          : THEME_DIALOG,
		         DRAW_FILL, " %c %s",
		         t != NULL && (int)t->sort == k ? '*' : ' ',
		         cgtree_key_name((enum cgtree_key)k));
}

/* The memory cgroups over the whole body, or their sort menu. */
void
dash_body_cgroups(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;

	if (!layout_rect_visible(r) || cgv(f) == NULL)
		return;
	if (cgv(f)->sort_menu) {
		sort_menu(s, r, f);
		return;
	}
	draw_clear_rect(s, r, THEME_NORMAL);
	cgpane_draw(s, r, f);
}
