/*
 * columns: the process table's columns as one const table of descriptors
 * (config key, title, width, alignment, sort key, human description), and
 * the text of one cell. Pure: reads a snapshot row, formats into a buffer.
 *
 * The columns are drawn in enum order; COMMAND is last and takes the rest
 * of the line (width 0). Cells holding bytes a process or user controls
 * (user names, command lines, cgroup paths) come back flagged untrusted:
 * the view passes them through the one sanitizer before drawing.
 */
#ifndef OOMWATCH_MODEL_COLUMNS_H
#define OOMWATCH_MODEL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/rank.h"
#include "model/snapshot.h"

enum column_id {
	COLUMN_PID = 0,
	COLUMN_USER,
	COLUMN_OOM,
	COLUMN_ADJ,
	COLUMN_RSS,
	COLUMN_ANON,
	COLUMN_FILE,
	COLUMN_SHM,
	COLUMN_SWAP,
	COLUMN_MEMPCT,
	COLUMN_CGROUP,
	COLUMN_COMMAND,
	COLUMN_COUNT
};

enum column_align { COLUMN_ALIGN_LEFT = 0, COLUMN_ALIGN_RIGHT };

/* One column. */
struct column_desc {
	enum column_id id;
	const char *key;   /* name in oomwatchrc ("pid", "mem%") */
	const char *title; /* header text ("PID") */
	int width;         /* cells, without the separating space; 0 = rest */
	enum column_align align;
	enum rank_key sort; /* what sorting by this column means */
	bool shown_by_default;
	const char *description; /* for the setup screen */
};

/* The text of one cell. */
struct column_cell {
	const char *text; /* buf, or borrowed from the snapshot / row */
	size_t len;
	bool na;        /* unknown: drawn dimmed as N/A */
	bool untrusted; /* process-controlled bytes: sanitize */
	bool nul_space; /* a command line: NUL bytes separate arguments */
	bool keep_tail; /* too long: show the end (a cgroup path's leaf) */
};

/* The descriptor of a column (id must be < COLUMN_COUNT). */
const struct column_desc *columns_desc(enum column_id id);
/* Find a column by its oomwatchrc key; 0 and *id, or -1. */
int columns_parse(const char *key, size_t len, enum column_id *id);

/*
 * The text of column id for row (of snap) into *cell; numbers are
 * formatted into buf (size >= 32), strings are borrowed.
 */
void columns_cell(enum column_id id, const struct snapshot *snap,
                  const struct proc_row *row, char *buf, size_t size,
                  struct column_cell *cell);

/*
 * Where the last at most max_bytes bytes of text (len bytes) begin: 0
 * when it all fits, else moved forward past UTF-8 continuation bytes (at
 * most 3) so a character is never split.
 */
size_t columns_tail(const char *text, size_t len, size_t max_bytes);

/* COMMAND keeps at least this many cells while other columns can go. */
#define COLUMNS_COMMAND_MIN_W 24

/*
 * The columns to draw in a line of width cells (less extra_w for the tree
 * view's subtree column): shown, minus optional ones while COMMAND would
 * get fewer than COLUMNS_COMMAND_MIN_W cells, in this order: SWAP when
 * the machine has no swap, FILE, SHM, CGROUP, SWAP, ANON, MEM%, USER.
 * PID, OOM, ADJ, RSS and COMMAND always stay. Returns how many went.
 */
size_t columns_fit(const bool shown[COLUMN_COUNT], int width, int extra_w,
                   bool no_swap, bool fit[COLUMN_COUNT]);

/*
 * A size in kB as at most 6 characters: "812K", "9999K", "95.3M",
 * "512M", "1.21G", "12.3G", "1.5T". Returns the length.
 */
size_t columns_format_kb(int64_t kb, char *buf, size_t size);

/* columns_format_kb into buf and return buf, or return unknown when kb is
 * SNAP_NA or negative (a value the kernel did not give). */
const char *columns_kb_or(int64_t kb, const char *unknown, char *buf,
                          size_t size);

#endif
