/*
 * bars.c: the tab line (the screens, each with its key; the current one
 * in brackets), the status line and the function-key bar. The status
 * line shows, in this order of precedence: the search or filter
 * prompt being typed, the last message, or the current view settings.
 */
#include "view/panes.h"

#include <stdio.h>
#include <string.h>

#include "view/draw.h"

/* The function keys as htop lays them out (labels in 6 cells, so the
 * ten fit in 80 columns); F7-F9 are the actions. */
static const struct {
	const char *key, *label, *tree_label;
} fkeys[] = {
    {"F1", "Help", NULL},   {"F2", "Setup", NULL},  {"F3", "Search", NULL},
    {"F4", "Filter", NULL}, {"F5", "Tree", "List"}, {"F6", "SortBy", NULL},
    {"F7", "Adj-", NULL},   {"F8", "Adj+", NULL},   {"F9", "Kill", NULL},
    {"F10", "Quit", NULL},
};

/* The status line. */
void
bars_status_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->status;
	const struct table *t = f->table;
	char info[256];
	int at;

	if (!layout_rect_visible(r))
		return;
	if (f->prompt != DASH_PROMPT_NONE) {
		draw_fill(s, r->y, r->x, r->w, THEME_PROMPT);
		at = r->x + draw_str(s, r->y, r->x, r->w, THEME_PROMPT,
		                     f->prompt == DASH_PROMPT_SEARCH
		                         ? "Search: "
		                         : "Filter: ",
		                     0);
		at += draw_text(s, r->y, at, r->x + r->w - at, THEME_PROMPT,
		                f->prompt_text, f->prompt_len, 0);
		draw_str(s, r->y, at, r->x + r->w - at, THEME_PROMPT,
		         "_   (Enter keeps, Esc cancels)", 0);
		return;
	}
	if (f->status != NULL) {
		draw_str(s, r->y, r->x, r->w, f->status_role, f->status,
		         DRAW_FILL);
		return;
	}
	snprintf(info, sizeof info, "sorted by %s %s%s%s%s%s",
	         rank_key_name(t->sort), t->desc ? "desc" : "asc",
	         t->tree ? " | tree" : "",
	         f->focus == DASH_FOCUS_LOG ? " | focus: log (Tab)" : "",
	         f->paused ? " | PAUSED (p)" : "",
	         f->read_only ? " | read-only" : "");
	if (f->tags != NULL && f->tags->n > 0)
		snprintf(info + strlen(info), sizeof info - strlen(info),
		         " | %zu tagged (Space untags)", f->tags->n);
	at = r->x + draw_str(s, r->y, r->x, r->w, THEME_STATUS_INFO, info, 0);
	if (t->name_filter_len > 0) {
		at += draw_str(s, r->y, at, r->x + r->w - at, THEME_STATUS_INFO,
		               " | filter: ", 0);
		draw_text(s, r->y, at, r->x + r->w - at, THEME_PROMPT,
		          t->name_filter, t->name_filter_len, 0);
	}
}

/* The function-key bar. */
void
bars_fkeys_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->fkeys;
	const char *label;
	int at = r->x;

	if (!layout_rect_visible(r))
		return;
	for (size_t i = 0; i < sizeof fkeys / sizeof fkeys[0]; i++) {
		label = f->table->tree && fkeys[i].tree_label
		            ? fkeys[i].tree_label
		            : fkeys[i].label;
		at += draw_str(s, r->y, at, r->x + r->w - at, THEME_FKEY_KEY,
		               fkeys[i].key, 0);
		at += draw_fmt(s, r->y, at, r->x + r->w - at, THEME_FKEY_LABEL,
		               0, "%-6s", label);
	}
	draw_fill(s, r->y, at, r->x + r->w - at, THEME_FKEY_LABEL);
	if (f->read_only)
		draw_str(s, r->y, at + 1, r->x + r->w - at - 1,
		         THEME_STATUS_ERROR, "READ-ONLY: actions off", 0);
}

/* The tab line: "[1 Processes]  2 Events  3 Changes ...". */
void
bars_tabs_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->tabs;
	int at = r->x;
	bool cur;

	if (!layout_rect_visible(r))
		return;
	draw_fill(s, r->y, r->x, r->w, THEME_FKEY_LABEL);
	for (size_t i = 0; i < f->ntabs; i++) {
		cur = i == f->tab_current;
		at += draw_fmt(s, r->y, at, r->x + r->w - at,
		               cur ? THEME_DIALOG_FOCUS : THEME_FKEY_LABEL, 0,
		               "%c%c %s%c", cur ? '[' : ' ', f->tabs[i].key,
		               f->tabs[i].name, cur ? ']' : ' ');
		at += draw_str(s, r->y, at, r->x + r->w - at, THEME_FKEY_LABEL,
		               " ", 0);
	}
}
