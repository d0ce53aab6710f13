/*
 * scr_prompt: the search and filter prompt, an overlay of the processes
 * screen typed in the status line. Search moves the selection to the
 * first match as the name is typed (F3: the next one; Esc returns to
 * where the search started); filter narrows the table as it is typed
 * (Enter keeps it, Esc clears it). While open it takes every key but
 * F10 (quit). Its keys, label and hint are one const table.
 */
#ifndef OOMWATCH_APP_SCR_PROMPT_H
#define OOMWATCH_APP_SCR_PROMPT_H

#include "app/scr.h"

#define SCR_PROMPT_MAX 64

struct scr_prompt {
	enum dash_prompt which; /* DASH_PROMPT_NONE: closed */
	char text[SCR_PROMPT_MAX];
	size_t len;
	struct procid origin; /* where a search started */
};

/* Open the search or the filter prompt (the filter starts from the
 * table's filter). UI_* flags. */
unsigned scr_prompt_open(struct ui *ui, struct scr_prompt *p,
                         enum dash_prompt which);
/* The open prompt's key map (its help and bar), or 0 when closed. */
size_t scr_prompt_keys(const struct scr_prompt *p,
                       const struct scr_binding **map);
/* A key while the prompt is open (its map, else typed). UI_* flags. */
unsigned scr_prompt_key(struct ui *ui, struct scr_prompt *p, int32_t key);
/* The prompt's part of the frame. */
void scr_prompt_frame(const struct scr_prompt *p, struct dash_frame *f);

#endif
