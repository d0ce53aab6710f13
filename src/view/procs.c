/*
 * procs.c: the process table. One marker cell ('*' on the next OOM
 * victim), then the shown columns in table order, COMMAND last taking the
 * rest of the line; in tree view a TREE column (the subtree's total RSS)
 * comes before COMMAND, which is indented with tree lines. Unknown values
 * are a dimmed N/A; a STATE of D or Z is drawn in proc.dstate or
 * proc.zombie, as htop colours them; tagged rows (Space) are drawn in
 * proc.tagged; the selected row is highlighted when the table has the focus,
 * underlined when the log pane has it. A CGROUP path too long for its cells
 * shows "…" ("+" in the C locale) and its end, where cgroups differ.
 * GROWTH and TREND (off by default) come from the verdict cache, for the
 * rows drawn only; a rising verdict is drawn in risk.medium.
 */
#include "view/panes.h"

#include <string.h>

#include "model/columns.h"
#include "model/trendcache.h"
#include "view/draw.h"

#define TREE_W 7

/* The role of a cell: selection beats tag beats N/A beats victim. */
static enum theme_role
cell_role(bool selected, bool tagged, bool victim, bool na)
{
	if (selected)
		return THEME_PROC_SELECTED;
	if (tagged)
		return THEME_PROC_TAGGED;
	if (na)
		return THEME_PROC_NA;
	return victim ? THEME_PROC_VICTIM : THEME_PROC_NORMAL;
}

/* The tree lines before a command: returns the columns used. */
static int
tree_prefix(struct screen *s, int y, int x, int w, const struct table_row *tr,
            enum theme_role role)
{
	int used = 0, depth = tr->depth;
	const char *glyph;

	if (depth > TABLE_TREE_MAX_DEPTH)
		depth = TABLE_TREE_MAX_DEPTH;
	for (int d = 1; d <= depth && used < w; d++) {
		if (d < depth)
			glyph = (tr->more & (1u << d))
			            ? draw_glyph(s, "\xe2\x94\x82 ", "| ")
			            : "  ";
		else
			glyph = tr->last
			            ? draw_glyph(s, "\xe2\x94\x94\xe2\x94\x80",
			                         "`-")
			            : draw_glyph(s, "\xe2\x94\x9c\xe2\x94\x80",
			                         "|-");
		used += draw_str(s, y, x + used, w - used,
		                 role == THEME_PROC_SELECTED ? role
		                                             : THEME_PROC_TREE,
		                 glyph, 0);
	}
	return used;
}

/* Draw a cell's text in w cells; when it does not fit and the cell keeps
 * its tail, as an ellipsis and the last cells that fit. */
static void
cell_text(struct screen *s, int y, int x, int w, enum theme_role role,
          const struct column_cell *c, unsigned flags)
{
	size_t keep, off = 0;
	int used;

	if (!c->keep_tail || w < 2 ||
	    draw_width(s, c->text, c->len, w + 1) <= w) {
		draw_text(s, y, x, w, role, c->text, c->len, flags);
		return;
	}
	used =
	    draw_str(s, y, x, w, role, draw_glyph(s, "\xe2\x80\xa6", "+"), 0);
	/* bytes are at least as many as cells, unless the sanitizer
	 * escapes them: keep fewer until the tail fits */
	for (keep = (size_t)(w - used); keep > 0; keep--) {
		off = columns_tail(c->text, c->len, keep);
		if (draw_width(s, c->text + off, c->len - off, w - used + 1) <=
		    w - used)
			break;
	}
	if (keep > 0)
		draw_text(s, y, x + used, w - used, role, c->text + off,
		          c->len - off, flags);
}

/* Draw the column titles. */
static void
titles(struct screen *s, int y, int x, int w, const struct dash_frame *f,
       const bool *fit)
{
	const struct column_desc *d;
	int at = x + 1, cw;
	enum theme_role role;

	draw_fill(s, y, x, w, THEME_PROC_HEADER);
	for (unsigned i = 0; i < COLUMN_COUNT && at < x + w; i++) {
		if (!fit[i])
			continue;
		d = columns_desc((enum column_id)i);
		if (i == COLUMN_COMMAND && f->table->tree) {
			draw_str(s, y, at, x + w - at, THEME_PROC_HEADER,
			         "   TREE", 0);
			at += TREE_W + 1;
		}
		cw = d->width > 0 ? d->width : x + w - at;
		role = d->sort == f->table->sort &&
		               (i != COLUMN_MEMPCT || !fit[COLUMN_RSS])
		           ? THEME_PROC_SORTED
		           : THEME_PROC_HEADER;
		draw_str(s, y, at, cw, role, d->title,
		         d->align == COLUMN_ALIGN_RIGHT ? DRAW_RIGHT | DRAW_FILL
		                                        : DRAW_FILL);
		at += cw + 1;
	}
}

/* The cell of column id for p into *c (GROWTH and TREND from the
 * verdict cache); returns its role. */
static enum theme_role
row_cell(const struct dash_frame *f, enum column_id id,
         const struct proc_row *p, char *buf, size_t size,
         struct column_cell *c, enum theme_role role)
{
	const struct trend *t;

	if ((id != COLUMN_GROWTH && id != COLUMN_TREND) || f->trends == NULL) {
		columns_cell(id, f->snap, p, buf, size, c);
		return role;
	}
	t = trendcache_get(f->trends, p);
	columns_trend_cell(id, t, buf, size, c);
	if (t->verdict == TREND_RISING &&
	    (role == THEME_PROC_NORMAL || role == THEME_PROC_VICTIM))
		return THEME_RISK_MEDIUM; /* a leak is likely */
	return role;
}

/* Draw one process row. */
static void
row(struct screen *s, int y, int x, int w, const struct dash_frame *f,
    const bool *fit, size_t pos)
{
	const struct table_row *tr = &f->table->rows[pos];
	const struct proc_row *p = &f->snap->procs[tr->index];
	const struct column_desc *d;
	struct column_cell c;
	char buf[64];
	bool sel = pos == f->table->cursor && f->focus == DASH_FOCUS_TABLE;
	bool victim = f->victim >= 0 && (size_t)f->victim == tr->index;
	bool tag =
	    f->tags != NULL && tagset_has(f->tags, p->pid, p->start_time);
	int at = x + 1, cw;
	unsigned flags;
	enum theme_role role;

	if (sel)
		draw_fill(s, y, x, w, THEME_PROC_SELECTED);
	if (victim)
		draw_str(s, y, x, 1, cell_role(sel, tag, true, false), "*", 0);
	for (unsigned i = 0; i < COLUMN_COUNT && at < x + w; i++) {
		if (!fit[i])
			continue;
		d = columns_desc((enum column_id)i);
		if (i == COLUMN_COMMAND && f->table->tree) {
			columns_format_kb(tr->subtree_rss_kb, buf, sizeof buf);
			draw_str(s, y, at, TREE_W,
			         cell_role(sel, tag, victim, false), buf,
			         DRAW_RIGHT);
			at += TREE_W + 1;
		}
		cw = d->width > 0 ? d->width : x + w - at;
		if (i == COLUMN_COMMAND && f->table->tree)
			at += tree_prefix(s, y, at, cw, tr,
			                  cell_role(sel, tag, victim, false));
		cw = d->width > 0 ? d->width : x + w - at;
		role = row_cell(f, (enum column_id)i, p, buf, sizeof buf, &c,
		                cell_role(sel, tag, victim, false));
		if (c.na)
			role = cell_role(sel, tag, victim, true);
		flags = (c.nul_space ? DRAW_NUL_SPACE : 0) |
		        (d->align == COLUMN_ALIGN_RIGHT ? DRAW_RIGHT : 0);
		if (i == COLUMN_STATE)
			role = theme_proc_state_role(p->state, role);
		cell_text(s, y, at, cw, role, &c, flags);
		at += cw + 1;
	}
	if (pos == f->table->cursor && f->focus != DASH_FOCUS_TABLE)
		draw_str(s, y, x, 1, THEME_PROC_SELECTED, ">", 0);
}

/* The process table in r. */
void
procs_draw(struct screen *s, const struct layout_rect *r,
           const struct dash_frame *f)
{
	const struct table *t = f->table;
	bool fit[COLUMN_COUNT];
	size_t pos;

	if (!layout_rect_visible(r))
		return;
	/* narrow terminals: optional columns go before COMMAND is unreadable */
	columns_fit(f->cfg->shown, r->w, t->tree ? TREE_W + 1 : 0,
	            f->snap != NULL && f->snap->mem.swap_total_kb == 0, fit);
	titles(s, r->y, r->x, r->w, f, fit);
	if (f->snap == NULL)
		return;
	if (t->nrows == 0) {
		if (t->name_filter_len > 0)
			draw_str(s, r->y + 1, r->x + 1, r->w - 1,
			         THEME_STATUS_INFO,
			         "no process matches the filter (F4 to change, "
			         "Esc in the filter to clear)",
			         0);
		else if (f->replay != NULL && f->snap->nprocs == 0)
			draw_str(s, r->y + 1, r->x + 1, r->w - 1,
			         THEME_STATUS_INFO,
			         "no processes recorded at this sample (a "
			         "recorder's first sample has none): t for the "
			         "next",
			         0);
		else
			draw_str(s, r->y + 1, r->x + 1, r->w - 1,
			         THEME_STATUS_INFO,
			         "no process to show (check -u / -p)", 0);
		return;
	}
	for (int i = 1; i < r->h; i++) {
		pos = t->top + (size_t)(i - 1);
		if (pos >= t->nrows)
			break;
		row(s, r->y + i, r->x, r->w, f, fit, pos);
	}
}
