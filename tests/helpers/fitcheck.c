/* fitcheck.c: the rules of a fitted meter line (see fitcheck.h). */
#include "fitcheck.h"

#include <stdbool.h>
#include <string.h>

/* Columns a segment takes whole with form k (one per byte: ASCII). */
static int
whole(const struct meterfit_seg *sg, int k)
{
	size_t len;

	if (sg->flex_min_cols > 0)
		return sg->flex_min_cols;
	len = strlen(sg->form[k]);
	return len == 0 ? 0 : sg->gap_cols + (int)len;
}

/* Index of the segment's shortest form (its last). */
static int
last_form(const struct meterfit_seg *sg)
{
	int n = 0;

	while (n < METERFIT_FORMS && sg->form[n] != NULL)
		n++;
	return n - 1;
}

/* Does each shown segment end with a whole form or before a space? */
static const char *
words_whole(const struct meterfit_seg *seg, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct meterfit_seg *sg = &seg[i];
		const char *f;

		if (sg->flex_min_cols > 0 || sg->len == 0)
			continue;
		f = sg->form[sg->pick];
		if (sg->len > strlen(f))
			return "a segment is longer than its form";
		if (sg->len == strlen(f))
			continue;
		if (!sg->ellipsis)
			return "a form is cut without the ellipsis";
		if (f[sg->len] != ' ' || f[sg->len - 1] == ' ')
			return "a word is cut";
	}
	return NULL;
}

/* Check the rules of a fitted line. */
const char *
fitcheck_rules(const struct meterfit_seg *seg, size_t n, int width, int used)
{
	int sum = 0, base = 0, shortest = 0;
	bool cut = false;
	const char *why;

	for (size_t i = 0; i < n; i++) {
		sum += seg[i].cols;
		cut |= seg[i].ellipsis;
		base += seg[i].flex_min_cols > 0 ? seg[i].flex_min_cols
		                                 : seg[i].cols;
		if (seg[i].flex_min_cols > 0 || last_form(&seg[i]) >= 0)
			shortest += whole(&seg[i], last_form(&seg[i]));
	}
	if (sum != used)
		return "the segments' columns do not add up";
	if (used < 0 || used > (width > 0 ? width : 0))
		return "the line is wider than the width";
	if ((why = words_whole(seg, n)) != NULL)
		return why;
	if (shortest > width)
		return NULL;
	if (cut)
		return "cut although the shortest forms fit";
	for (size_t i = 0; i < n; i++) {
		if (seg[i].flex_min_cols > 0 || seg[i].pick == 0)
			continue;
		if (base - seg[i].cols + whole(&seg[i], seg[i].pick - 1) <=
		    width)
			return "a longer form would still fit";
	}
	return NULL;
}

/* The line as drawn. */
const char *
fitcheck_render(const struct meterfit_seg *seg, size_t n, char *buf,
                size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		const struct meterfit_seg *sg = &seg[i];
		int text = sg->cols - (sg->ellipsis ? 1 : 0);

		if (sg->flex_min_cols > 0) {
			for (int k = 0; k < text && o + 1 < size; k++)
				buf[o++] = '=';
		} else if (sg->len > 0) {
			for (int k = 0; k < sg->gap_cols && o + 1 < size; k++)
				buf[o++] = ' ';
			for (size_t k = 0; k < sg->len && o + 1 < size; k++)
				buf[o++] = sg->form[sg->pick][k];
		}
		if (sg->ellipsis && o + 1 < size)
			buf[o++] = '~';
	}
	buf[o] = '\0';
	return buf;
}
