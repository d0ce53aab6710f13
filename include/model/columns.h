/*
 * columns: the process fields as one const table of descriptors (config
 * key, title, width, alignment, sort key, human description, and how
 * `--batch` writes it: text header, JSON key, value kind), the value of a
 * field for a row, and the text of one dashboard cell. Pure: reads a
 * snapshot row, formats into a buffer.
 *
 * The dashboard's columns are the ids below COLUMN_COUNT, drawn in enum
 * order; COMMAND is last and takes the rest of the line (width 0). The ids
 * from COLUMN_COUNT to COLUMN_FIELD_COUNT are fields only `--batch` writes
 * (no config key, not in the setup screen). Cells and values holding bytes
 * a process or user controls (user names, command lines, cgroup paths)
 * come back flagged untrusted: the writer passes them through the one
 * sanitizer first.
 */
#ifndef OOMWATCH_MODEL_COLUMNS_H
#define OOMWATCH_MODEL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/rank.h"
#include "model/snapshot.h"
#include "model/trend.h"

enum column_id {
	COLUMN_PID = 0,
	COLUMN_USER,
	COLUMN_STATE,
	COLUMN_OOM,
	COLUMN_ADJ,
	COLUMN_RSS,
	COLUMN_ANON,
	COLUMN_FILE,
	COLUMN_SHM,
	COLUMN_SWAP,
	COLUMN_MEMPCT,
	COLUMN_GROWTH, /* from the history (columns_trend_cell) */
	COLUMN_TREND,
	COLUMN_CGROUP,
	COLUMN_COMMAND,
	COLUMN_COUNT,               /* the dashboard's columns end here */
	COLUMN_PPID = COLUMN_COUNT, /* --batch only from here */
	COLUMN_UID,
	COLUMN_COMM,
	COLUMN_CMDLINE,
	COLUMN_START,
	COLUMN_KTHREAD,
	COLUMN_FIELD_COUNT
};

enum column_align { COLUMN_ALIGN_LEFT = 0, COLUMN_ALIGN_RIGHT };

/* What a field's value is, and so how it is written. */
enum column_kind {
	COLUMN_KIND_INT = 0, /* a number, as a decimal everywhere */
	COLUMN_KIND_KB,      /* kB: "95.3M" on screen, plain kB in --batch */
	COLUMN_KIND_PCT,     /* a share, one decimal (dashboard only) */
	COLUMN_KIND_TEXT,    /* bytes: sanitized; a JSON string */
	COLUMN_KIND_BOOL,    /* true / false */
};

/* One column. */
struct column_desc {
	enum column_id id;
	const char
	    *key; /* name in oomwatchrc ("pid", "mem%"); NULL: --batch only */
	const char *title; /* header text ("PID") */
	int width;         /* cells, without the separating space; 0 = rest */
	enum column_align align;
	enum rank_key sort; /* what sorting by it means; RANK_KEY_COUNT: none */
	bool shown_by_default;
	const char *description; /* for the setup screen */
	enum column_kind kind;
	/* --batch text: the header (NULL: not in the text report) and the
	 * cells, right-aligned to text_w, or left-aligned and cut to -text_w
	 * when negative; 0: as long as it is, after two spaces */
	const char *text_title;
	int text_w;
	const char *json_key; /* NULL: not in --batch --json */
};

/* The value of a field for --batch. */
struct column_value {
	bool na;          /* unknown: "N/A" in text, null in JSON */
	bool json_null;   /* written in text, null in JSON (a uid's number) */
	int64_t num;      /* INT, KB, BOOL (0 / 1) */
	double pct;       /* PCT */
	const char *text; /* TEXT: borrowed from the row, snapshot or buf */
	size_t len;
	bool nul_space; /* TEXT: NUL bytes separate arguments */
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

/* The descriptor of a field (id must be < COLUMN_FIELD_COUNT). */
const struct column_desc *columns_desc(enum column_id id);
/* Find a dashboard column by its oomwatchrc key; 0 and *id, or -1. */
int columns_parse(const char *key, size_t len, enum column_id *id);

/* The fields of --batch in their order: the text report's (json false) or
 * the JSON object's; returns how many are in *ids. */
size_t columns_batch(bool json, const enum column_id **ids);

/*
 * The value of field id for row (of snap) into *v. buf (size >= 32) holds
 * text that is made, not borrowed: a kernel thread's "[name]" command.
 * The text report's COMMAND is the command line, or "[name]" when it is
 * unknown or empty; STATE is the letter, or "?" when it is not printable.
 */
void columns_value(enum column_id id, const struct snapshot *snap,
                   const struct proc_row *row, char *buf, size_t size,
                   struct column_value *v);

/*
 * The text of column id for row (of snap) into *cell; numbers are
 * formatted into buf (size >= 32), strings are borrowed.
 */
void columns_cell(enum column_id id, const struct snapshot *snap,
                  const struct proc_row *row, char *buf, size_t size,
                  struct column_cell *cell);

/*
 * The cell of GROWTH or TREND (the columns the history gives, with the
 * dashboard's verdict t on the row's RSS) into *cell (buf: size >= 32):
 * GROWTH is the rate, "+38M/h"; TREND the verdict, "rising", "saw",
 * "flat", "step", with a "?" after it ("rising?") when it rests on less
 * than COLUMNS_TREND_WEAK_S of data, so a verdict on a few minutes reads
 * as weak; both "..." while the verdict is learning. Without a history,
 * columns_cell gives them as N/A.
 */
#define COLUMNS_TREND_WEAK_S 600
void columns_trend_cell(enum column_id id, const struct trend *t, char *buf,
                        size_t size, struct column_cell *cell);

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
 * the machine has no swap, FILE, SHM, SWAP, ANON, MEM%, USER, STATE (the
 * default columns), then the ones only shown when turned on: CGROUP,
 * GROWTH, TREND. Then those that went come back, the last first, while
 * COMMAND keeps its cells (a narrow column after a wide one went), but
 * none before a turned-on column that stays out: a column the user turned
 * on never goes before a default one. PID, OOM, ADJ, RSS and COMMAND
 * always stay. Returns how many are left out.
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
