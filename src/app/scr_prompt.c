/* scr_prompt.c: the search and filter prompt (see scr_prompt.h). */
#include "app/scr_prompt.h"

#include <string.h>

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

/* A key while the prompt is open. */
unsigned
scr_prompt_key(struct ui *ui, struct scr_prompt *p, int32_t key)
{
	bool filter = p->which == DASH_PROMPT_FILTER;

	ui->status.text[0] = '\0';
	if (key == KBD_ESC)
		return cancel(ui, p);
	if (key == KBD_ENTER) {
		p->which = DASH_PROMPT_NONE;
		return UI_REDRAW;
	}
	if (!filter && key == KBD_F(3)) {
		search_next(ui, p, true);
		return UI_REDRAW;
	}
	if (key == KBD_BACKSPACE)
		backspace(p);
	else if (!kbd_is_char(key))
		return 0;
	else
		add(p, key);
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
}
