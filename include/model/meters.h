/*
 * meters: the dashboard header's meter lines and the next-victim line as
 * text forms, and where each meter goes (pure; view/header.c draws them).
 *
 * Every line is a few meterfit segments (label, value, tags), each with
 * a long form and shorter ones, and a theme role; meterfit_fit chooses
 * the forms for the width the line gets, so a word is never cut. Mem and
 * Swp hold a flexible bar segment, drawn by the view from `bar`.
 *
 * The history (model/hdrhist.h) adds a sparkline over the last 10
 * minutes (from its oldest cell with data) to three lines: MemAvailable
 * to Mem, swap used to Swp (none without swap), PSI some to PSI. Mem
 * then ends with the time to OOM when there is one. On a narrow line the
 * sparkline is the first to go (after PSI's "(avg10/avg60 %)" remark),
 * then the forecast takes its short form ("~14m to OOM") before avail
 * shortens; it has no empty form, so only the last-resort cut (meterfit.h)
 * can take it.
 *
 * Placement: in two columns the left holds memory (Mem, Swp, Commit,
 * Self), the right pressure (PSI, OOM kills, Paging, Tasks). In one
 * column the meters come in order of urgency; when the header has fewer
 * rows than meters, the least urgent share rows in pairs (as many pairs
 * as needed, so 6 rows still show all eight).
 */
#ifndef OOMWATCH_MODEL_METERS_H
#define OOMWATCH_MODEL_METERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/meterfit.h"
#include "model/snapshot.h"
#include "model/theme.h"

struct hdrhist;

/* The meters. */
enum meters_id {
	METERS_MEM,
	METERS_SWAP,
	METERS_COMMIT,
	METERS_SELF,
	METERS_PSI,
	METERS_OOM,
	METERS_RATES,
	METERS_TASKS,
	METERS_COUNT
};

/* What the meters show besides the snapshot. */
struct meters_in {
	const struct snapshot *snap; /* (borrowed, not NULL) */
	int64_t kills_at_start;      /* vmstat oom_kill at start, or SNAP_NA */
	bool new_kill;               /* a kill since the user last looked */
	const char *self_text;       /* self-protection in words (borrowed) */
	bool self_ok, self_disabled; /* protected / --no-protect */
	size_t shown_rows;           /* table rows after the filter */
	bool paused;
	/* the snapshot is a record (--replay): kernel threads and small
	 * processes were not recorded, so Tasks counts "recorded" and has
	 * no kernel-thread count */
	bool tasks_recorded;
	/* the header's sparklines and forecast words (NULL: none), the
	 * sparklines in ASCII glyphs in the C locale */
	const struct hdrhist *hist;
	bool spark_ascii;
};

/* Segments in a line. */
#define METERS_SEGS 5
/* Bytes for the texts of one line's forms. */
#define METERS_POOL 1024

/* The bar of Mem or Swp: parts of total, each in a role and a glyph. */
struct meters_bar {
	int64_t parts[2];
	enum theme_role role[2];
	char glyph[2];
	int nparts;
	int64_t total;
	struct meterfit_seg text; /* "used/total" inside, right-aligned */
};

/*
 * One line. The forms point into pool: a line must not be copied, and
 * is valid until it is built again.
 */
struct meters_line {
	struct meterfit_seg seg[METERS_SEGS];
	enum theme_role role[METERS_SEGS];
	size_t nseg;
	int bar_seg; /* index of the bar segment, -1: none */
	struct meters_bar bar;
	char pool[METERS_POOL];
	size_t pool_len;
};

/* Where a meter goes, relative to the header rectangle. */
struct meters_place {
	enum meters_id id;
	int row, x, w;
};

/* Build meter id's line from in. */
void meters_line(struct meters_line *l, enum meters_id id,
                 const struct meters_in *in);

/* Build the next-victim line: snap->procs[victim], or "none known" when
 * victim is out of range; then, when a cgroup has a memory limit, the
 * nearest memcg OOM and its victim ("memcg nginx.service at 97% of 512M;
 * victim there: pid 812 nginx"), the part that gives way first. */
void meters_victim(struct meters_line *l, const struct snapshot *snap,
                   long victim);

/* The nearest memcg OOM: the index in snap->cgroups of the limited
 * cgroup (not the root) with the largest used share of its limit (the
 * smallest headroom %; a tie goes to the fewer bytes left), or SIZE_MAX
 * when no cgroup has a known limit. */
size_t meters_memcg_nearest(const struct snapshot *snap);

/*
 * Place the meters in a header of rows x cols in 1 or 2 columns (see
 * above). Fills out (METERS_COUNT entries at most); returns how many.
 */
size_t meters_arrange(struct meters_place *out, int rows, int cols,
                      int columns);

#endif
