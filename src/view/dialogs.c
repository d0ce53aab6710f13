/*
 * dialogs.c: what opens over the table and log: help (every key), the
 * sort menu, the setup screen (columns shown, theme), the changes screen
 * (drawn by actdialogs.c), and the "terminal too small" screen that
 * replaces everything below the minimum size.
 */
#include "view/panes.h"

#include <stdio.h>
#include <string.h>

#include "model/columns.h"
#include "view/draw.h"

/* A title line across r. */
static void
title(struct screen *s, const struct layout_rect *r, const char *text)
{
	draw_str(s, r->y, r->x, r->w, THEME_PROC_HEADER, text, DRAW_FILL);
}

/* The help screen: one line per key, in two columns when wide. */
static void
help(struct screen *s, const struct layout_rect *r, const struct dash_frame *f)
{
	int rows = r->h - 3, cols, colw, y, x;

	title(s, r,
	      " oomwatch keys (as in htop where htop has the key); any key "
	      "returns");
	if (rows < 1)
		return;
	cols = (f->nhelp > (size_t)rows && r->w >= 100) ? 2 : 1;
	colw = r->w / cols;
	for (size_t i = 0; i < f->nhelp; i++) {
		y = r->y + 1 + (int)(i % (size_t)rows);
		x = r->x + (int)(i / (size_t)rows) * colw;
		if (i / (size_t)rows >= (size_t)cols)
			break;
		draw_str(s, y, x + 1, 14, THEME_FKEY_KEY, f->help[i].keys, 0);
		draw_str(s, y, x + 16, colw - 17, THEME_DIALOG, f->help[i].what,
		         0);
	}
	draw_str(s, r->y + r->h - 2, r->x + 1, r->w - 1, THEME_STATUS_INFO,
	         "OOM = oom_score (0..1333 on current kernels: 666 is an idle "
	         "process at adj 0); '*' marks the next victim.",
	         0);
	draw_str(s, r->y + r->h - 1, r->x + 1, r->w - 1, THEME_STATUS_INFO,
	         "adj changes last until the process exits; to keep one: "
	         "OOMScoreAdjust=N in its systemd unit, or choom -n N -- "
	         "COMMAND.",
	         0);
}

/* The sort menu: every sort key, the current one marked. */
static void
sort_menu(struct screen *s, const struct layout_rect *r,
          const struct dash_frame *f)
{
	enum theme_role role;

	title(s, r, " Sort by (Enter picks, Esc closes, I inverts)");
	for (unsigned k = 0; k < RANK_KEY_COUNT && (int)k + 1 < r->h; k++) {
		role = k == f->menu_cursor ? THEME_DIALOG_FOCUS : THEME_DIALOG;
		draw_fmt(s, r->y + 1 + (int)k, r->x + 1, 30, role, DRAW_FILL,
		         " %c %s", k == (unsigned)f->table->sort ? '*' : ' ',
		         rank_key_name((enum rank_key)k));
	}
}

/* Lines of the setup screen. */
size_t
dash_setup_lines(const struct dash_frame *f)
{
	return COLUMN_COUNT + f->nthemes;
}

/* The setup screen: columns shown, then the theme. */
static void
setup(struct screen *s, const struct layout_rect *r, const struct dash_frame *f)
{
	const struct column_desc *d;
	enum theme_role role;
	int y = r->y + 1;
	size_t line;

	title(s, r,
	      " Setup: Space/Enter toggles a column or picks a theme; Esc, "
	      "F2 or q saves and closes");
	for (unsigned i = 0; i < COLUMN_COUNT && y < r->y + r->h; i++, y++) {
		d = columns_desc((enum column_id)i);
		role = i == f->menu_cursor ? THEME_DIALOG_FOCUS : THEME_DIALOG;
		draw_fmt(s, y, r->x + 1, r->w - 2, role, DRAW_FILL,
		         " [%c] %-8s %s", f->cfg->shown[i] ? 'x' : ' ',
		         d->title, d->description);
	}
	if (y < r->y + r->h)
		draw_str(s, y++, r->x + 1, r->w - 2, THEME_TITLE, "Theme", 0);
	for (size_t t = 0; t < f->nthemes && y < r->y + r->h; t++, y++) {
		line = COLUMN_COUNT + t;
		role =
		    line == f->menu_cursor ? THEME_DIALOG_FOCUS : THEME_DIALOG;
		draw_fmt(s, y, r->x + 1, r->w - 2, role, DRAW_FILL, " (%c) ",
		         strcmp(f->themes[t], f->cfg->theme) == 0 ? '*' : ' ');
		draw_str(s, y, r->x + 7, r->w - 8, role, f->themes[t], 0);
	}
}

/* Help, sort menu or setup over the body. */
void
dialogs_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;

	if (!layout_rect_visible(r))
		return;
	draw_clear_rect(s, r, THEME_DIALOG);
	switch (f->mode) {
	case DASH_HELP:
		help(s, r, f);
		break;
	case DASH_SORT_MENU:
		sort_menu(s, r, f);
		break;
	case DASH_SETUP:
		setup(s, r, f);
		break;
	case DASH_CHANGES:
		actdialogs_changes_draw(s, f);
		break;
	default:
		break;
	}
}

/* "terminal too small (need WxH)", centred. */
void
dialogs_too_small(struct screen *s, const struct dash_frame *f)
{
	const struct layout *l = f->layout;
	char msg[64];
	int n, x, y;

	n = snprintf(msg, sizeof msg, "terminal too small (need %dx%d)",
	             l->need_cols, l->need_rows);
	if (n < 0)
		return;
	x = n < l->cols ? (l->cols - n) / 2 : 0;
	y = l->rows / 2;
	draw_str(s, y, x, l->cols - x, THEME_STATUS_ERROR, msg, 0);
}
