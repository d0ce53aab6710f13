/*
 * table: the process table as the dashboard shows it, a view model over
 * one snapshot. Pure: no I/O, no curses.
 *
 * Rebuilt from each new snapshot: the rows that pass the filter (uid and
 * pid list from model/filter.h, plus a case-insensitive name substring
 * over comm and command line) are sorted by the sort key (model/rank.h),
 * or arranged as a process tree (children under their parent, siblings in
 * sort order, each row with its subtree's total RSS). The selection is a
 * process identity, (pid, start time), not a row number: after a refresh
 * or a re-sort the cursor is on the same process, or, when that process is
 * gone, on the row at the same position. top is the first row on screen.
 *
 * Buffers grow with the process count and are then reused: a steady
 * refresh allocates nothing. When growing fails, the table keeps the rows
 * that fit and table_rebuild() returns -ENOMEM.
 */
#ifndef OOMWATCH_MODEL_TABLE_H
#define OOMWATCH_MODEL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/procid.h"
#include "model/filter.h"
#include "model/rank.h"
#include "model/snapshot.h"

#define TABLE_NAME_FILTER_MAX 64
/* The longest cgroup path the cgroup filter holds (PATH_MAX). */
#define TABLE_CGROUP_FILTER_MAX 4096
/* Deeper tree levels are drawn at this depth (the view's limit). */
#define TABLE_TREE_MAX_DEPTH 31

/* One shown row. */
struct table_row {
	uint32_t index;         /* into snap->procs */
	uint16_t depth;         /* tree depth; 0 in list view */
	bool last;              /* tree: the last child of its parent */
	uint32_t more;          /* tree: bit d set = a line continues at d */
	int64_t subtree_rss_kb; /* tree: own + descendants' RSS (known) */
};

struct table {
	/* what is shown, and how */
	struct filter filter; /* uid and pid list (pids borrowed) */
	char name_filter[TABLE_NAME_FILTER_MAX];
	size_t name_filter_len;
	/* the cgroup filter (Enter on the cgroup screen): rows whose memory
	 * cgroup is this one or below it; len 0: none */
	char cgroup_filter[TABLE_CGROUP_FILTER_MAX];
	size_t cgroup_filter_len;
	enum rank_key sort;
	bool desc;
	bool tree;
	struct rank_extra extra; /* GROWTH and TREND values; zero: none */
	/* the rows of the last rebuild */
	struct table_row *rows;
	size_t nrows, cap;
	size_t *scratch; /* owned; 6 * cap, for sorting and the tree */
	/* cursor and scrolling */
	size_t cursor, top;
	struct procid sel;
	bool has_sel;
};

/* An empty table: sorted by OOM score, descending, no filter. */
void table_init(struct table *t);
/* Free the buffers. */
void table_fini(struct table *t);

/* Set the name filter (len bytes, cut at TABLE_NAME_FILTER_MAX - 1). */
void table_set_name_filter(struct table *t, const char *text, size_t len);

/*
 * Set the cgroup filter to path (len bytes, "/a/b"); len 0 clears it.
 * A path too long to hold clears it too and returns false.
 */
bool table_set_cgroup_filter(struct table *t, const char *path, size_t len);

/* True when row's memory cgroup is path (len) or below it; a row whose
 * cgroup is unknown is in none. */
bool table_row_in_cgroup(const struct snapshot *snap,
                         const struct proc_row *row, const char *path,
                         size_t len);

/* Rebuild the rows from snap, keeping the selection. 0 or -ENOMEM. */
int table_rebuild(struct table *t, const struct snapshot *snap);

/* True when row's name or command line contains text (any case). */
bool table_row_matches(const struct snapshot *snap, const struct proc_row *row,
                       const char *text, size_t len);

/* Move the cursor by delta rows (clamped) and select that process. */
void table_move(struct table *t, const struct snapshot *snap, long delta);
/* Put the cursor on row pos (clamped; SIZE_MAX = last row). */
void table_move_to(struct table *t, const struct snapshot *snap, size_t pos);
/* Select the process id if shown; false when it is not. */
bool table_select(struct table *t, const struct snapshot *snap,
                  const struct procid *id);

/* The index of the process id in snap->procs; PROCID_NONE when absent. */
size_t table_find_proc(const struct snapshot *snap, struct procid id);

/* Set top so the cursor is among visible_rows rows on screen. */
void table_scroll(struct table *t, int visible_rows);

/*
 * The first row at or after from (forward) or at or before it (backward),
 * wrapping around, whose name matches text; -1 when none does.
 */
long table_search(const struct table *t, const struct snapshot *snap,
                  const char *text, size_t len, size_t from, bool forward);

/* The row under the cursor, or NULL when the table is empty. */
const struct proc_row *table_selected(const struct table *t,
                                      const struct snapshot *snap);

#endif
