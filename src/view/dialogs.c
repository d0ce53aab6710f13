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

/* The notes under the keys on the help screen. */
static const char *const help_notes[] = {
    "",
    "OOM = oom_score, 0..2000 on current kernels: (1000 + badness * 1000 "
    "/ totalpages) * 2/3, so an idle process at adj 0 reads about 666 and "
    "adj 0 stays under about 1333; '*' marks the next victim.",
    "adj changes last until the process exits; to keep one: "
    "OOMScoreAdjust=N in its systemd unit, or choom -n N -- COMMAND.",
};
#define HELP_KEYS_W 14 /* the keys column, then a space */

/* Length of the first row of text in w cells, cut at a space when it
 * must be; *next is where the following row starts. */
static size_t
wrap_row(const char *text, int w, const char **next)
{
	size_t len = strlen(text), cut;

	if (w < 1 || len <= (size_t)w) {
		*next = text + len;
		return len;
	}
	for (cut = (size_t)w; cut > 0 && text[cut] != ' '; cut--)
		;
	if (cut == 0)
		cut = (size_t)w;
	*next = text + cut + (text[cut] == ' ');
	return cut;
}

/* Rows the help text takes in width w; draws them from row top on when
 * s is not NULL. */
static int
help_layout(struct screen *s, const struct layout_rect *r,
            const struct dash_help_line *help, size_t nhelp, int top)
{
	int w = r->w - 2 - HELP_KEYS_W - 1, row = 0, y;
	const char *t, *next;
	size_t len;

	for (size_t i = 0; i < nhelp + sizeof help_notes / sizeof *help_notes;
	     i++) {
		bool note = i >= nhelp;
		t = note ? help_notes[i - nhelp] : help[i].what;
		do {
			len = wrap_row(t, note ? r->w - 2 : w, &next);
			y = r->y + 1 + row - top;
			if (s != NULL && row >= top && y < r->y + r->h) {
				if (note)
					draw_text(s, y, r->x + 1, r->w - 2,
					          THEME_STATUS_INFO, t, len, 0);
				else {
					if (t == help[i].what)
						draw_str(s, y, r->x + 1,
						         HELP_KEYS_W,
						         THEME_FKEY_KEY,
						         help[i].keys, 0);
					draw_text(s, y, r->x + 2 + HELP_KEYS_W,
					          w, THEME_DIALOG, t, len, 0);
				}
			}
			row++;
			t = next;
		} while (*t != '\0');
	}
	return row;
}

/* The first help row shown can be at most this (r: the body). */
int
dialogs_help_max_top(const struct layout_rect *r,
                     const struct dash_help_line *help, size_t nhelp)
{
	int rows = r->h - 1, total = help_layout(NULL, r, help, nhelp, 0);

	return total > rows ? total - rows : 0;
}

/* The help screen: every key with its words (wrapped), then the notes;
 * it scrolls when it does not fit. */
void
dialogs_help(struct screen *s, const struct layout_rect *r,
             const struct dash_frame *f)
{
	int max = dialogs_help_max_top(r, f->help, f->nhelp);
	int top = f->help_top < max ? f->help_top : max;

	if (max > 0)
		draw_fmt(s, r->y, r->x, r->w, THEME_PROC_HEADER, DRAW_FILL,
		         " oomwatch keys (%d%%): Up/Down/PgUp/PgDn scroll, any "
		         "other key returns",
		         top * 100 / max);
	else
		title(s, r,
		      " oomwatch keys (as in htop where htop has the key); any "
		      "key returns");
	if (r->h > 1)
		help_layout(s, r, f->help, f->nhelp, top);
}

/* The sort menu: every sort key, the current one marked. */
void
dialogs_sort_menu(struct screen *s, const struct layout_rect *r,
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

/* The setup screen: columns shown, then the theme; it scrolls to keep
 * the cursor in view. */
void
dialogs_setup(struct screen *s, const struct layout_rect *r,
              const struct dash_frame *f)
{
	const struct column_desc *d;
	enum theme_role role;
	int rows = r->h - 1, y, top;
	/* rows: the columns, a "Theme" heading, the themes */
	size_t nrows = COLUMN_COUNT + 1 + f->nthemes, cur, line;

	title(s, r,
	      " Setup: Space/Enter toggles or picks; Esc, F2 or q saves and "
	      "closes");
	if (rows < 1)
		return;
	cur =
	    f->menu_cursor < COLUMN_COUNT ? f->menu_cursor : f->menu_cursor + 1;
	top = cur >= (size_t)rows ? (int)(cur - (size_t)rows + 1) : 0;
	for (size_t v = (size_t)top; v < nrows && v < (size_t)(top + rows);
	     v++) {
		y = r->y + 1 + (int)v - top;
		if (v < COLUMN_COUNT) {
			d = columns_desc((enum column_id)v);
			role = v == f->menu_cursor ? THEME_DIALOG_FOCUS
			                           : THEME_DIALOG;
			draw_fmt(s, y, r->x + 1, r->w - 2, role, DRAW_FILL,
			         " [%c] %-8s %s", f->cfg->shown[v] ? 'x' : ' ',
			         d->title, d->description);
			continue;
		}
		if (v == COLUMN_COUNT) {
			draw_str(s, y, r->x + 1, r->w - 2, THEME_TITLE,
			         "Theme (* in use)", 0);
			continue;
		}
		line = v - 1;
		role =
		    line == f->menu_cursor ? THEME_DIALOG_FOCUS : THEME_DIALOG;
		draw_fmt(
		    s, y, r->x + 1, r->w - 2, role, DRAW_FILL, " (%c) ",
		    strcmp(f->themes[line - COLUMN_COUNT], f->cfg->theme) == 0
		        ? '*'
		        : ' ');
		draw_str(s, y, r->x + 7, r->w - 8, role,
		         f->themes[line - COLUMN_COUNT], 0);
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
