/*
 * config: the dashboard settings kept in $XDG_CONFIG_HOME/oomwatch/oomwatchrc
 * (columns shown, theme, sort, tree view, log filter), and their text form.
 * Pure: text in, settings out, and back. The parser is tolerant: a line it
 * does not understand is skipped with a warning and the rest still
 * applies, so an old or hand-edited file never stops the dashboard.
 *
 *	columns = pid user oom adj rss anon file shm swap mem% command
 *	theme = default
 *	sort = oom
 *	sort_order = descending
 *	tree = no
 *	log = all
 *	adj_step = 100
 */
#ifndef OOMWATCH_MODEL_CONFIG_H
#define OOMWATCH_MODEL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "model/columns.h"
#include "model/rank.h"

#define CONFIG_THEME_MAX 128

struct config {
	bool shown[COLUMN_COUNT];     /* drawn in enum column_id order */
	char theme[CONFIG_THEME_MAX]; /* a theme name or a file path */
	enum rank_key sort;
	bool sort_desc;
	bool tree;
	bool log_important; /* log pane: important lines only */
	int adj_step;       /* F7 / F8 change oom_score_adj by this, 1..1000 */
};

/* The built-in settings: default columns, theme "default", OOM desc,
 * adj_step 100. */
void config_defaults(struct config *c);

/*
 * Apply the settings in text (len bytes) over *c. Never fails: bad lines
 * are counted in *n_warnings (may be NULL), the first one described in
 * warn (may be NULL) as "LINE: what".
 */
void config_parse(struct config *c, const char *text, size_t len, char *warn,
                  size_t warn_size, unsigned *n_warnings);

/*
 * Write *c as oomwatchrc text into buf; returns the length the whole text
 * needs (like snprintf: the text is complete when it is < size).
 */
size_t config_format(const struct config *c, char *buf, size_t size);

/* How many columns are shown. */
size_t config_columns_shown(const struct config *c);

#endif
