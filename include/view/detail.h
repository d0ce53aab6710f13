/*
 * detail: what the process detail screen shows (app/scr_detail.c fills
 * it, dash_body_detail in src/view/detail.c draws it): one process's RSS,
 * anon and swap over its history, a chart column the range of its
 * points' values (model/chart.h), and the
 * numbers beside the charts; under them the time axis, with a mark under
 * the column of every OOM kill inside the charted span (several in one
 * column: one mark), and a legend of the newest of those kills that fit,
 * then "+N more" for the rest.
 */
#ifndef OOMWATCH_VIEW_DETAIL_H
#define OOMWATCH_VIEW_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most chart columns (wider terminals show the newest this many). */
#define DETAIL_COLS_MAX 256

/* Columns left of the charts, for their labels and scales. */
#define DETAIL_LABEL_W 6

/* The most OOM kills the legend names (the newest; every kill in the span
 * is marked on the axis). */
#define DETAIL_KILLS_MAX 8

/* The charted series, in the order drawn. */
enum detail_lane { DETAIL_RSS, DETAIL_ANON, DETAIL_SWAP, DETAIL_LANES };

/* The detail screen's view. */
struct dash_detail {
	bool found; /* a known RSS in its history (else: only the title) */
	int32_t pid;
	char comm[64];
	size_t ncols; /* columns in each lane, oldest first */
	/* each column's lowest and highest value (SNAP_NA: a gap) */
	int64_t lo_kb[DETAIL_LANES][DETAIL_COLS_MAX];
	int64_t hi_kb[DETAIL_LANES][DETAIL_COLS_MAX];
	int64_t min_kb,
	    max_kb;          /* RSS over the columns: the RSS chart's scale */
	char first_seen[32]; /* wall clock of the first point */
	char span[32];       /* "10 min, every refresh", ... */
	char verdict[96];    /* "rising +38M/h over 2h10m" */
	/* every column with an OOM kill inside the charted span, once */
	size_t nmarks;
	size_t mark_col[DETAIL_COLS_MAX]; /* < ncols */
	/* the newest of those kills, newest first, for the legend */
	size_t nkills;
	size_t kill_col[DETAIL_KILLS_MAX];    /* < ncols */
	char kill_text[DETAIL_KILLS_MAX][96]; /* "12:00:01 victim leak" */
	size_t kills_more;  /* kills in the span past those nkills */
	char kill_note[80]; /* without kills: why ("none in this span") */
	/* "" or, in a replay, why the process is not at the cursor's sample
	 * ("ended by this sample (T goes back)"): after the title, and in
	 * place of the no-RSS line when nothing is charted */
	char gone[96];
};

#endif
