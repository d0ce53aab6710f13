/*
 * meterfit: how much of a one-line meter to show in a given width.
 *
 * A line is a few segments drawn one after another (a label, a value, a
 * tag...). Each segment has one or more forms, longest first; an empty
 * form "" means the segment may be left out. meterfit_fit picks one form
 * per segment so that the line fits:
 *   - every segment starts with its longest form;
 *   - while the line is too wide, the segment with the lowest keep (the
 *     later one on a tie) that still has a shorter form takes it;
 *   - then each segment, highest keep first, takes back the longest form
 *     that still fits, so no segment could show a longer form alone;
 *   - when even the shortest forms do not fit, the line is cut after its
 *     last whole word that leaves room for the ellipsis, and the ellipsis
 *     is drawn there. A word (text between spaces) is never cut.
 * A flexible segment (flex_min_cols > 0, no forms) takes at least that
 * many columns and every column the others leave (a bar).
 *
 * Widths come from a measure function (the view passes the one that
 * knows how text is drawn); NULL counts one column per UTF-8 code point.
 * Pure: no I/O, no allocation.
 */
#ifndef OOMWATCH_MODEL_METERFIT_H
#define OOMWATCH_MODEL_METERFIT_H

#include <stdbool.h>
#include <stddef.h>

/* Forms a segment can have. */
#define METERFIT_FORMS 6

/* One segment of a meter line. */
struct meterfit_seg {
	const char *form[METERFIT_FORMS]; /* longest first, NULL after the
	                                     last (borrowed) */
	int keep;          /* a lower keep gives up its long form first */
	int gap_cols;      /* blank columns before the text when shown */
	int flex_min_cols; /* > 0: a flexible segment (no forms) */
	/* what meterfit_fit chose */
	int pick;      /* index into form */
	size_t len;    /* bytes of form[pick] to draw (a whole-word prefix) */
	bool ellipsis; /* draw the ellipsis after those bytes */
	int cols;      /* columns taken: gap, text and ellipsis */
};

/* Display columns of len bytes of text. */
typedef int (*meterfit_measure_fn)(void *ctx, const char *text, size_t len);

/*
 * Choose the forms of the n segments for width_cols columns (see above);
 * ellipsis_cols is the width of the ellipsis glyph. Fills pick, len,
 * ellipsis and cols of every segment; returns the columns used, never
 * more than width_cols (0 when width_cols < 1).
 */
int meterfit_fit(struct meterfit_seg *seg, size_t n, int width_cols,
                 int ellipsis_cols, meterfit_measure_fn measure, void *ctx);

/* Columns of len bytes of UTF-8 text: one per code point. */
int meterfit_codepoints(void *ctx, const char *text, size_t len);

/*
 * Copy in to out (size bytes, NUL-ended) with shorter parenthesised
 * remarks: each kept remark ends at its first ';' ("(no CAP_IPC_LOCK;
 * memlock limit 64 kB)" -> "(no CAP_IPC_LOCK)"); a remark is kept when it
 * starts with only (NULL: any) and fewer than max_kept were kept before;
 * a dropped one goes with the blanks before it. "locked (on fault), adj 0
 * (no CAP_SYS_RESOURCE)" with "no ", 1 -> "locked, adj 0 (no
 * CAP_SYS_RESOURCE)"; with max_kept 0 -> "locked, adj 0". An unclosed
 * remark runs to the end. Returns the length written.
 */
size_t meterfit_remarks(const char *in, char *out, size_t size,
                        const char *only, int max_kept);

#endif
