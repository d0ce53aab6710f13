/*
 * cgtree: the cgroup screen's table, a view model over the memory cgroups
 * of one snapshot. Pure: no I/O, no curses.
 *
 * Rebuilt from each new list of cgroups (struct cgtree_in, each naming its
 * parent by index): the cgroups are sorted by the sort key and, in tree
 * view, arranged as their hierarchy (children under their parent, siblings
 * in sort order); in list view they are the sorted list. In tree view a
 * cgroup sorts by the best value of its subtree first (the most, or the
 * least when ascending), then its own: the slice that holds the service
 * closest to its limit comes first. The default key
 * is HEADROOM: the used share of memory.max, the cgroup closest to its
 * limit first. Unlimited and unknown values sort last whatever the
 * direction; equal values go by path. The selection is a path, not a row
 * number: after a refresh or a re-sort the cursor stays on the same
 * cgroup, or, when it is gone, on the row at the same position.
 *
 * Buffers grow with the cgroup count and are then reused. When growing
 * fails, the table is left empty and cgtree_rebuild returns -ENOMEM.
 */
#ifndef OOMWATCH_MODEL_CGTREE_H
#define OOMWATCH_MODEL_CGTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cgmem.h"

#define CGTREE_NONE SIZE_MAX
/* Deeper levels are drawn at this depth (the more bits' width). */
#define CGTREE_MAX_DEPTH 31

/* The sort keys, in the order the sort key cycles through them. */
enum cgtree_key {
	CGTREE_HEADROOM, /* used per mille of the limit: closest first */
	CGTREE_USAGE,
	CGTREE_LIMIT,
	CGTREE_SWAP,
	CGTREE_OOM,      /* memory.events oom */
	CGTREE_OOM_KILL, /* memory.events oom_kill */
	CGTREE_PSI,      /* memory.pressure some avg10 */
	CGTREE_NAME,     /* the path */
	CGTREE_KEY_COUNT
};

/* One cgroup of the input. */
struct cgtree_in {
	const char *path; /* (borrowed) "/" or "/a/b" */
	size_t path_len;
	size_t parent;           /* index in the input, CGTREE_NONE: a root */
	const struct cgmem *mem; /* (borrowed) NULL: not read (all unknown) */
};

/* One shown row. */
struct cgtree_row {
	uint32_t index; /* into the input */
	uint16_t depth; /* tree depth; 0 in list view */
	bool last;      /* tree: the last child of its parent */
	uint32_t more;  /* tree: bit d set = a line continues at depth d */
};

struct cgtree {
	enum cgtree_key sort;
	bool desc; /* larger first (HEADROOM: closest to the limit first) */
	bool tree;
	bool limit_high; /* LIMIT sorts by memory.high, as the column shows
	                    it while the limit keys act on it; HEADROOM stays
	                    the share of memory.max */
	struct cgtree_row *rows; /* the rows of the last rebuild */
	size_t nrows, cap;
	size_t *scratch; /* owned; 4 * cap */
	int64_t *best;   /* owned; cap: each subtree's best sort value */
	size_t cursor, top;
	char *sel; /* the selected cgroup's path (owned copy) */
	size_t sel_len, sel_cap;
	bool has_sel;
};

/* An empty table: tree view sorted by headroom, closest first. */
void cgtree_init(struct cgtree *t);
/* Free the buffers. */
void cgtree_fini(struct cgtree *t);

/* The key's column title ("HEADROOM"). */
const char *cgtree_key_name(enum cgtree_key key);
/* Whether the key sorts larger first by default (LIMIT, the tightest
 * first, and NAME do not). */
bool cgtree_key_default_desc(enum cgtree_key key);

/* The value a key sorts by (SNAP_NA: unknown or unlimited, sorted last);
 * not used for NAME. LIMIT is memory.max. */
int64_t cgtree_value(const struct cgmem *mem, enum cgtree_key key);

/* The same, with LIMIT memory.high when high (what the column shows). */
int64_t cgtree_shown_value(const struct cgmem *mem, enum cgtree_key key,
                           bool high);

/* Rebuild the rows from in[0..n), keeping the selection. 0 or -ENOMEM. */
int cgtree_rebuild(struct cgtree *t, const struct cgtree_in *in, size_t n);

/* Move the cursor by delta rows (clamped) and select that cgroup. */
void cgtree_move(struct cgtree *t, const struct cgtree_in *in, long delta);
/* Put the cursor on row pos (clamped; SIZE_MAX = last row). */
void cgtree_move_to(struct cgtree *t, const struct cgtree_in *in, size_t pos);
/* Set top so the cursor is among visible_rows rows on screen. */
void cgtree_scroll(struct cgtree *t, int visible_rows);
/* The input index of the row under the cursor, or CGTREE_NONE. */
size_t cgtree_selected(const struct cgtree *t);

#endif
