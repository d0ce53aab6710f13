/*
 * bars.c: the tab line (the screens, each with its key; the current one
 * in brackets), the status line and the function-key bar. The status
 * line shows, in this order of precedence: the search or filter
 * prompt being typed, the last message, or the current screen's own
 * status text. The bar shows the F-keys the frame lists (the app makes
 * them from the current screen's key maps), htop-style: "F1Help".
 */
#include "view/panes.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "view/draw.h"

/* The status line. */
void
bars_status_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->status;
	int at;

	if (!layout_rect_visible(r))
		return;
	if (f->prompt != DASH_PROMPT_NONE) {
		draw_fill(s, r->y, r->x, r->w, THEME_PROMPT);
		at = r->x + draw_str(s, r->y, r->x, r->w, THEME_PROMPT,
		                     f->prompt_label ? f->prompt_label : "", 0);
		at += draw_text(s, r->y, at, r->x + r->w - at, THEME_PROMPT,
		                f->prompt_text, f->prompt_len, 0);
		draw_fmt(s, r->y, at, r->x + r->w - at, THEME_PROMPT, 0,
		         "_   (%s)", f->prompt_hint ? f->prompt_hint : "");
		return;
	}
	if (f->status != NULL) {
		/* too long: cut after a whole word, with an ellipsis */
		const char *forms[] = {f->status, NULL};
		draw_forms(s, r->y, r->x, r->w, f->status_role, forms,
		           DRAW_FILL);
		return;
	}
	if (f->status_info == NULL)
		return;
	at = r->x + draw_str(s, r->y, r->x, r->w, THEME_STATUS_INFO,
	                     f->status_info, 0);
	if (f->status_filter_len > 0) {
		at += draw_str(s, r->y, at, r->x + r->w - at, THEME_STATUS_INFO,
		               " | filter: ", 0);
		draw_text(s, r->y, at, r->x + r->w - at, THEME_PROMPT,
		          f->status_filter, f->status_filter_len, 0);
	}
}

/* The function-key bar. */
void
bars_fkeys_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->fkeys;
	int at = r->x;

	if (!layout_rect_visible(r))
		return;
	/* labels in 6 cells, so ten keys fit in 80 columns, as in htop */
	for (size_t i = 0; i < f->nfkeys; i++) {
		at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_FKEY_KEY, 0,
		               "F%d", f->fkeys[i].n);
		at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_FKEY_LABEL,
		               0, "%-6s", f->fkeys[i].label);
	}
	draw_fill(s, r->y, at, r->x + r->w - at, THEME_FKEY_LABEL);
	if (f->read_only)
		draw_str(s, r->y, at + 1, r->x + r->w - at - 1,
		         THEME_STATUS_ERROR, "READ-ONLY: actions off", 0);
}

/* How a tab line is written: every name in full, padded; the current
 * name in full and the others short; the current name and the others'
 * keys only. The first form that fits is drawn. */
enum tabs_form { TABS_FULL, TABS_SHORT, TABS_KEYS, TABS_NFORMS };

/* Tab i's text in form into buf ("[1 Processes]", " 2 Events ", "3 Evt"). */
static void
tab_text(const struct dash_frame *f, size_t i, enum tabs_form form, char *buf,
         size_t size)
{
	const struct dash_tab *t = &f->tabs[i];
	bool cur = i == f->tab_current;
	const char *name = t->name;
	char key = t->key ? t->key : ' ';

	if (!cur && form == TABS_SHORT && t->short_name != NULL)
		name = t->short_name;
	if (cur)
		snprintf(buf, size, "[%c %s]", key, name);
	else if (form == TABS_FULL)
		snprintf(buf, size, " %c %s ", key, name);
	else if (form == TABS_SHORT)
		snprintf(buf, size, "%c %s", key, name);
	else
		snprintf(buf, size, "%c", key);
}

/* Cells the whole tab line takes in form (tabs joined by one space). */
static int
tabs_width(const struct dash_frame *f, enum tabs_form form)
{
	char buf[64];
	size_t w = 0;

	for (size_t i = 0; i < f->ntabs; i++) {
		tab_text(f, i, form, buf, sizeof buf);
		w += strlen(buf) + (i > 0);
	}
	return (int)w;
}

/* The tab line: "[1 Processes]  2 Events  3 Changes ...", shortened to
 * "[1 Processes] 2 Evts 3 Chg ..." or "[1 Processes] 2 3 ..." when the
 * line is too narrow (names are ASCII: a byte is a cell). */
void
bars_tabs_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->tabs;
	enum tabs_form form = TABS_FULL;
	char buf[64];
	int at = r->x;

	if (!layout_rect_visible(r))
		return;
	while (form + 1 < TABS_NFORMS && tabs_width(f, form) > r->w)
		form++;
	draw_fill(s, r->y, r->x, r->w, THEME_FKEY_LABEL);
	for (size_t i = 0; i < f->ntabs; i++) {
		if (i > 0)
			at += draw_str(s, r->y, at, r->x + r->w - at,
			               THEME_FKEY_LABEL, " ", 0);
		tab_text(f, i, form, buf, sizeof buf);
		at += draw_str(s, r->y, at, r->x + r->w - at,
		               i == f->tab_current ? THEME_DIALOG_FOCUS
		                                   : THEME_FKEY_LABEL,
		               buf, 0);
	}
}
