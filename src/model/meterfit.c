/*
 * meterfit.c: choose the forms of a meter line's segments for a width
 * (see meterfit.h for the rules).
 */
#include "model/meterfit.h"

#include <string.h>

/* Segments looked at (the rest are left out). */
#define METERFIT_MAX_SEGS 16

/* A measure function and its context. */
struct measure {
	meterfit_measure_fn fn;
	void *ctx;
};

/* Columns of len bytes of text. */
static int
measure_cols(const struct measure *m, const char *text, size_t len)
{
	return len == 0 ? 0 : m->fn(m->ctx, text, len);
}

/* How many forms the segment has. */
static int
seg_nforms(const struct meterfit_seg *sg)
{
	int n = 0;

	while (n < METERFIT_FORMS && sg->form[n] != NULL)
		n++;
	return n;
}

/* Columns the segment takes with form pick, whole. */
static int
seg_cols(const struct meterfit_seg *sg, int pick, const struct measure *m)
{
	size_t len;

	if (sg->flex_min_cols > 0)
		return sg->flex_min_cols;
	if (pick >= seg_nforms(sg))
		return 0;
	len = strlen(sg->form[pick]);
	return len == 0 ? 0
	                : sg->gap_cols + measure_cols(m, sg->form[pick], len);
}

/* Show nothing of the segment. */
static void
seg_clear(struct meterfit_seg *sg)
{
	sg->len = 0;
	sg->ellipsis = false;
	sg->cols = 0;
}

/* The segment to shorten next: lowest keep, later on a tie; -1 if none. */
static int
shrink_next(const struct meterfit_seg *seg, size_t n)
{
	int best = -1;

	for (size_t i = 0; i < n; i++) {
		if (seg[i].flex_min_cols > 0 ||
		    seg[i].pick + 1 >= seg_nforms(&seg[i]))
			continue;
		if (best < 0 || seg[i].keep <= seg[best].keep)
			best = (int)i;
	}
	return best;
}

/* Let segments take back longer forms, highest keep first. */
static int
grow_back(struct meterfit_seg *seg, size_t n, int width, int total,
          const struct measure *m)
{
	bool done[METERFIT_MAX_SEGS] = {false};
	int best, grown;

	for (size_t round = 0; round < n; round++) {
		best = -1;
		for (size_t i = 0; i < n; i++)
			if (!done[i] &&
			    (best < 0 || seg[i].keep > seg[best].keep))
				best = (int)i;
		done[best] = true;
		while (seg[best].pick > 0) {
			grown = total -
			        seg_cols(&seg[best], seg[best].pick, m) +
			        seg_cols(&seg[best], seg[best].pick - 1, m);
			if (grown > width)
				break;
			seg[best].pick--;
			total = grown;
		}
	}
	return total;
}

/*
 * Cut the segment to its longest whole-word prefix (shorter than the
 * whole form) that takes at most room columns; false when room < 0.
 */
static bool
seg_cut(struct meterfit_seg *sg, int room, const struct measure *m)
{
	const char *t;
	size_t full, end;
	int cols;

	seg_clear(sg);
	if (room < 0)
		return false;
	if (sg->flex_min_cols > 0 || sg->pick >= seg_nforms(sg))
		return true;
	t = sg->form[sg->pick];
	full = strlen(t);
	for (size_t p = full; p-- > 1;) {
		if (t[p] != ' ')
			continue;
		end = p;
		while (end > 0 && t[end - 1] == ' ')
			end--;
		if (end == 0)
			break;
		cols = sg->gap_cols + measure_cols(m, t, end);
		if (cols <= room) {
			sg->len = end;
			sg->cols = cols;
			return true;
		}
	}
	return true;
}

/* The line does not fit even in its shortest forms: end it with the
 * ellipsis after the last whole word that leaves room for it. */
static int
cut_line(struct meterfit_seg *seg, size_t n, int width, int ell,
         const struct measure *m)
{
	size_t i;
	int cum = 0;

	for (i = 0; i < n && cum + seg[i].cols <= width; i++)
		cum += seg[i].cols;
	if (i == n)
		return cum;
	for (size_t j = i + 1; j < n; j++)
		seg_clear(&seg[j]);
	for (;;) {
		if (seg_cut(&seg[i], width - cum - ell, m)) {
			seg[i].ellipsis = true;
			seg[i].cols += ell;
			return cum + seg[i].cols;
		}
		if (i == 0)
			return 0;
		i--;
		cum -= seg[i].cols;
	}
}

/* Choose the forms of the segments for the width (see meterfit.h). */
int
meterfit_fit(struct meterfit_seg *seg, size_t n, int width_cols,
             int ellipsis_cols, meterfit_measure_fn measure, void *ctx)
{
	struct measure m = {measure ? measure : meterfit_codepoints, ctx};
	int total = 0, next;
	bool flexed = false;

	if (n > METERFIT_MAX_SEGS)
		n = METERFIT_MAX_SEGS;
	for (size_t i = 0; i < n; i++) {
		seg[i].pick = 0;
		total += seg_cols(&seg[i], 0, &m);
	}
	while (total > width_cols && (next = shrink_next(seg, n)) >= 0) {
		total -= seg_cols(&seg[next], seg[next].pick, &m);
		seg[next].pick++;
		total += seg_cols(&seg[next], seg[next].pick, &m);
	}
	if (total <= width_cols)
		total = grow_back(seg, n, width_cols, total, &m);
	for (size_t i = 0; i < n; i++) {
		seg_clear(&seg[i]);
		seg[i].cols = seg_cols(&seg[i], seg[i].pick, &m);
		if (seg[i].flex_min_cols == 0 && seg[i].cols > 0)
			seg[i].len = strlen(seg[i].form[seg[i].pick]);
		if (seg[i].flex_min_cols > 0 && !flexed &&
		    total <= width_cols) {
			seg[i].cols += width_cols - total;
			flexed = true;
		}
	}
	if (width_cols < 1) {
		for (size_t i = 0; i < n; i++)
			seg_clear(&seg[i]);
		return 0;
	}
	if (total <= width_cols)
		return flexed ? width_cols : total;
	return cut_line(seg, n, width_cols, ellipsis_cols, &m);
}

/* Columns of UTF-8 text: one per code point. */
int
meterfit_codepoints(void *ctx, const char *text, size_t len)
{
	int cols = 0;

	(void)ctx;
	for (size_t i = 0; i < len; i++)
		cols += ((unsigned char)text[i] & 0xC0) != 0x80;
	return cols;
}

/* Append len bytes of text to out (o of size used, room for the NUL). */
static size_t
put(char *out, size_t size, size_t o, const char *text, size_t len)
{
	while (len-- > 0 && o + 1 < size)
		out[o++] = *text++;
	return o;
}

/* The remark opening at p ('('): its end, just past the matching ')' (or
 * the end of the text); *brief_len is how much of it to keep, from the
 * '(' to before its first ';' at its own level or to before its ')'. */
static const char *
remark_end(const char *p, size_t *brief_len)
{
	const char *q = p + 1, *semi = NULL;
	int depth = 1;

	for (; *q != '\0' && depth > 0; q++) {
		if (*q == '(')
			depth++;
		else if (*q == ')')
			depth--;
		else if (*q == ';' && depth == 1 && semi == NULL)
			semi = q;
	}
	*brief_len = (size_t)((semi ? semi : depth == 0 ? q - 1 : q) - p);
	return q;
}

/* Copy in to out with shorter remarks (see meterfit.h). */
size_t
meterfit_remarks(const char *in, char *out, size_t size, const char *only,
                 int max_kept)
{
	const char *p = in, *end;
	size_t o = 0, brief;
	int kept = 0;

	if (size == 0)
		return 0;
	while (*p != '\0') {
		if (*p != '(') {
			o = put(out, size, o, p++, 1);
			continue;
		}
		end = remark_end(p, &brief);
		if (kept < max_kept &&
		    (only == NULL || strncmp(p + 1, only, strlen(only)) == 0)) {
			kept++;
			o = put(out, size, o, p, brief);
			o = put(out, size, o, ")", 1);
		} else {
			while (o > 0 && out[o - 1] == ' ')
				o--;
		}
		p = end;
	}
	out[o] = '\0';
	return o;
}
