/* scr_prompt.c: the search and filter prompt (see scr_prompt.h). */
#include "app/scr_prompt.h"

#include <string.h>

enum prompt_cmd { PROMPT_KEEP, PROMPT_CANCEL, PROMPT_NEXT, PROMPT_BACKSPACE };

static const struct scr_binding search_keys[] = {
    {{KBD_ENTER, 0, 0}, PROMPT_KEEP, "keep the selection", NULL},
    {{KBD_ESC, 0, 0}, PROMPT_CANCEL, "back to where the search started", NULL},
    {{KBD_F(3), 0, 0}, PROMPT_NEXT, "the next match", "Next"},
    {{KBD_BACKSPACE, 0, 0}, PROMPT_BACKSPACE, "delete a character", NULL},
};

static const struct scr_binding filter_keys[] = {
    {{KBD_ENTER, 0, 0}, PROMPT_KEEP, "keep the filter", NULL},
    {{KBD_ESC, 0, 0}, PROMPT_CANCEL, "clear the filter", NULL},
    {{KBD_BACKSPACE, 0, 0}, PROMPT_BACKSPACE, "delete a character", NULL},
};

/* Each prompt: its label, its hint in the status line, its keys (other
 * keys are typed). */
static const struct {
	const char *label, *hint;
	const struct scr_binding *keys;
	size_t nkeys;
} kinds[] = {
    [DASH_PROMPT_SEARCH] = {"Search: ", "Enter keeps, F3 next, Esc returns",
                            search_keys,
                            sizeof search_keys / sizeof search_keys[0]},
    [DASH_PROMPT_FILTER] = {"Filter: ", "Enter keeps, Esc clears", filter_keys,
                            sizeof filter_keys / sizeof filter_keys[0]},
};

/* Append the UTF-8 form of a typed character. */
static void
add(struct scr_prompt *p, int32_t ch)
{
	char u[4];
	size_t n = kbd_utf8(ch, u);

	if (n == 0 || p->len + n >= sizeof p->text)
		return;
	memcpy(p->text + p->len, u, n);
	p->len += n;
}

/* Remove the last (UTF-8) character. */
static void
backspace(struct scr_prompt *p)
{
	while (p->len > 0) {
		p->len--;
		if ((p->text[p->len] & 0xc0) != 0x80)
			break;
	}
}

/* Move to the next search match from the cursor (inclusive or not). */
static void
search_next(struct ui *ui, const struct scr_prompt *p, bool skip_current)
{
	long pos;

	if (!ui->have_snap || p->len == 0)
		return;
	pos = table_search(&ui->table, &ui->snap, p->text, p->len,
	                   ui->table.cursor + (skip_current ? 1 : 0), true);
	if (pos >= 0)
		table_move_to(&ui->table, &ui->snap, (size_t)pos);
	else
		ui_status(ui, THEME_STATUS_ERROR, "no process matches");
}

/* Open a prompt. */
unsigned
scr_prompt_open(struct ui *ui, struct scr_prompt *p, enum dash_prompt which)
{
	p->which = which;
	p->len = 0;
	if (which == DASH_PROMPT_FILTER) {
		memcpy(p->text, ui->table.name_filter,
		       ui->table.name_filter_len);
		p->len = ui->table.name_filter_len;
	}
	p->origin = ui->table.sel;
	ui->status.text[0] = '\0';
	return UI_REDRAW;
}

/* Esc: a filter is cleared, a search goes back to where it started. */
static unsigned
cancel(struct ui *ui, struct scr_prompt *p)
{
	bool filter = p->which == DASH_PROMPT_FILTER;

	p->which = DASH_PROMPT_NONE;
	if (filter) {
		table_set_name_filter(&ui->table, "", 0);
		return UI_REBUILD | UI_REDRAW;
	}
	if (ui->have_snap)
		table_select(&ui->table, &ui->snap, &p->origin);
	return UI_REDRAW;
}

/* The open prompt's key map, or 0. */
size_t
scr_prompt_keys(const struct scr_prompt *p, const struct scr_binding **map)
{
	if (p->which == DASH_PROMPT_NONE)
		return 0;
	*map = kinds[p->which].keys;
	return kinds[p->which].nkeys;
}

/* A key while the prompt is open. */
unsigned
scr_prompt_key(struct ui *ui, struct scr_prompt *p, int32_t key)
{
	bool filter = p->which == DASH_PROMPT_FILTER;

	ui->status.text[0] = '\0';
	switch (scr_lookup(kinds[p->which].keys, kinds[p->which].nkeys, key)) {
	case PROMPT_CANCEL:
		return cancel(ui, p);
	case PROMPT_KEEP:
		p->which = DASH_PROMPT_NONE;
		return UI_REDRAW;
	case PROMPT_NEXT:
		search_next(ui, p, true);
		return UI_REDRAW;
	case PROMPT_BACKSPACE:
		backspace(p);
		break;
	default:
		if (!kbd_is_char(key))
			return 0;
		add(p, key);
	}
	if (filter) {
		table_set_name_filter(&ui->table, p->text, p->len);
		return UI_REBUILD | UI_REDRAW;
	}
	search_next(ui, p, false);
	return UI_REDRAW;
}

/* The prompt's part of the frame. */
void
scr_prompt_frame(const struct scr_prompt *p, struct dash_frame *f)
{
	f->prompt = p->which;
	f->prompt_text = p->text;
	f->prompt_len = p->len;
	if (p->which != DASH_PROMPT_NONE) {
		f->prompt_label = kinds[p->which].label;
		f->prompt_hint = kinds[p->which].hint;
	}
}
