/*
 * hdrhist: what the dashboard header shows of the history, rebuilt after
 * each sample: three sparklines over the fine tier (the last 10 minutes,
 * HDRHIST_CELLS cells of 30 s) and the forecast's words. Pure: no I/O.
 *
 *   hdrhist_build(&hh, &histsnap, &snap);   after histsnap_record
 *   model/meters.c draws hh.spark[] and hh.forecast[] in the header.
 *
 * The sparklines, each with the worst value of its cell and its scale:
 *   - MemAvailable (Mem line): the lowest; the window's lowest to its
 *     highest, a range of at least HDRHIST_RANGE_PERMILLE of MemTotal;
 *   - swap used (Swp line): the highest; the window's lowest to its
 *     highest, a range of at least HDRHIST_RANGE_PERMILLE of SwapTotal.
 *     None when no swap is configured (SwapTotal 0 or unknown);
 *   - PSI memory some avg10 (PSI line): the highest; 0 to the window's
 *     highest, but at least HDRHIST_PSI_FLOOR_X100 (1%), so 0.01% of
 *     noise stays at the lowest level and a real stall is not drowned.
 *     None when PSI is unavailable.
 * So a change smaller than the range's floor draws near the lowest level,
 * never as a full-height swing. A sparkline is shown from 2 cells with
 * data on (n is 0 before). A gap (no point in a cell) is a blank.
 *
 * The forecast: MemAvailable reaching the low watermarks, else (overcommit
 * mode 2) Committed_AS reaching CommitLimit, in a long and a short form
 * (model/forecast.h); "" when there is no number.
 */
#ifndef OOMWATCH_MODEL_HDRHIST_H
#define OOMWATCH_MODEL_HDRHIST_H

#include <stddef.h>
#include <stdint.h>

#include "model/histsnap.h"
#include "model/snapshot.h"

/* Cells of a header sparkline (10 minutes: 30 s each). */
#define HDRHIST_CELLS 20
/* Cells with data before a sparkline is shown. */
#define HDRHIST_MIN_CELLS 2
/* The least range of Mem's and Swp's scale, in 1/1000 of the total. */
#define HDRHIST_RANGE_PERMILLE 10
/* The least top of PSI's scale: 1% (avg10 x 100). */
#define HDRHIST_PSI_FLOOR_X100 100

/* The header's sparklines. */
enum hdrhist_id { HDRHIST_MEM, HDRHIST_SWAP, HDRHIST_PSI, HDRHIST_SPARKS };

/* One sparkline's cells, oldest first, and its scale. */
struct hdrhist_spark {
	int64_t v[HDRHIST_CELLS]; /* SNAP_NA: no data in the cell */
	size_t n;                 /* HDRHIST_CELLS, or 0: not shown */
	int64_t lo, hi;           /* drawn as the lowest / highest level */
};

/* What the header shows of the history. */
struct hdrhist {
	struct hdrhist_spark spark[HDRHIST_SPARKS];
	char forecast[96];       /* "about 14 min to OOM at -40M/min", "" */
	char forecast_short[32]; /* "~14m to OOM", "" */
};

/* Fill out from hs at snapshot s, the last one recorded (see above). */
void hdrhist_build(struct hdrhist *out, struct histsnap *hs,
                   const struct snapshot *s);

#endif
