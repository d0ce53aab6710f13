/* Unit tests for fitting meter lines to a width (model/meterfit.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fitcheck.h"
#include "model/meterfit.h"

/* Assert that the fitted line keeps the rules (fitcheck.h). */
#define FIT_OK(seg, n, w, used) assert_null(fitcheck_rules(seg, n, w, used))

static void
test_one_segment_takes_the_longest_form_that_fits(void **state)
{
	struct meterfit_seg sg = {
	    .form = {"12G of 24G (advisory, overcommit mode 0)",
	             "12G of 24G (mode 0)", "12G/24G"}};
	char buf[128];
	int used;
	(void)state;
	for (int w = 0; w <= 60; w++) {
		used = meterfit_fit(&sg, 1, w, 1, NULL, NULL);
		FIT_OK(&sg, 1, w, used);
		fitcheck_render(&sg, 1, buf, sizeof buf);
		if (w >= 40)
			assert_string_equal(buf, sg.form[0]);
		else if (w >= 19)
			assert_string_equal(buf, "12G of 24G (mode 0)");
		else if (w >= 7)
			assert_string_equal(buf, "12G/24G");
		else
			assert_string_equal(buf, w >= 1 ? "~" : "");
	}
}

static void
test_cut_at_a_word_with_the_ellipsis(void **state)
{
	struct meterfit_seg sg = {.form = {"locked, adj 0: Permission denied"}};
	char buf[64];
	(void)state;
	meterfit_fit(&sg, 1, 20, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(&sg, 1, buf, sizeof buf),
	                    "locked, adj 0:~");
	meterfit_fit(&sg, 1, 13, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(&sg, 1, buf, sizeof buf),
	                    "locked, adj~");
	/* the first word does not fit: only the ellipsis */
	meterfit_fit(&sg, 1, 7, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(&sg, 1, buf, sizeof buf), "~");
	assert_int_equal(meterfit_fit(&sg, 1, 0, 1, NULL, NULL), 0);
	assert_int_equal(meterfit_fit(&sg, 1, -3, 1, NULL, NULL), 0);
	assert_int_equal(sg.cols, 0);
}

static void
test_lower_keep_shortens_first_then_grows_back(void **state)
{
	struct meterfit_seg seg[3] = {
	    {.form = {"OOM kills ", "OOM "}, .keep = 4},
	    {.form = {"3 since boot, 1 since start", "3 (1 new)"}, .keep = 3},
	    {.form = {" NEW KILL ", " NEW "}, .keep = 6, .gap_cols = 1},
	};
	struct meterfit_seg two[2] = {
	    {.form = {"HHHHHHHHHH", "HH"}, .keep = 2},
	    {.form = {"LLLL", ""}, .keep = 1},
	};
	char buf[64];
	(void)state;
	meterfit_fit(seg, 3, 80, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(seg, 3, buf, sizeof buf),
	                    "OOM kills 3 since boot, 1 since start  NEW KILL ");
	/* the count shortens before the label and the tag */
	meterfit_fit(seg, 3, 30, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(seg, 3, buf, sizeof buf),
	                    "OOM kills 3 (1 new)  NEW KILL ");
	meterfit_fit(seg, 3, 25, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(seg, 3, buf, sizeof buf),
	                    "OOM 3 (1 new)  NEW KILL ");
	/* L gave up its form first, H then had to shorten: L comes back */
	meterfit_fit(two, 2, 7, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(two, 2, buf, sizeof buf), "HHLLLL");
	FIT_OK(two, 2, 7, 6);
}

static void
test_flexible_segment_takes_the_rest(void **state)
{
	struct meterfit_seg seg[3] = {
	    {.form = {"Mem"}, .keep = 9},
	    {.flex_min_cols = 10},
	    {.form = {" avail 23.1G", " av 23.1G", ""}, .keep = 5},
	};
	char buf[128];
	(void)state;
	assert_int_equal(meterfit_fit(seg, 3, 38, 1, NULL, NULL), 38);
	assert_int_equal(seg[1].cols, 38 - 3 - 12);
	assert_string_equal(fitcheck_render(seg, 3, buf, sizeof buf),
	                    "Mem======================="
	                    " avail 23.1G");
	assert_int_equal(meterfit_fit(seg, 3, 22, 1, NULL, NULL), 22);
	assert_int_equal(seg[2].pick, 1);
	assert_int_equal(seg[1].cols, 10);
	assert_int_equal(meterfit_fit(seg, 3, 13, 1, NULL, NULL), 13);
	assert_int_equal(seg[2].cols, 0);
	/* below the bar's minimum the bar goes and the ellipsis shows */
	meterfit_fit(seg, 3, 12, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(seg, 3, buf, sizeof buf), "Mem~");
}

static void
test_ellipsis_backs_into_the_segment_before(void **state)
{
	struct meterfit_seg seg[2] = {
	    {.form = {"some 0.00 full"}, .keep = 1},
	    {.form = {"12.50"}, .keep = 1},
	};
	char buf[64];
	(void)state;
	/* "some 0.00 full" fills 14 columns; no room for "~" after it */
	assert_int_equal(meterfit_fit(seg, 2, 14, 1, NULL, NULL), 10);
	assert_string_equal(fitcheck_render(seg, 2, buf, sizeof buf),
	                    "some 0.00~");
	FIT_OK(seg, 2, 14, 10);
	assert_int_equal(seg[1].cols, 0);
	/* room for the ellipsis right after the first segment */
	meterfit_fit(seg, 2, 17, 1, NULL, NULL);
	assert_string_equal(fitcheck_render(seg, 2, buf, sizeof buf),
	                    "some 0.00 full~");
}

/* Two columns per byte, as if every character were wide. */
static int
wide(void *ctx, const char *text, size_t len)
{
	(*(int *)ctx)++;
	(void)text;
	return 2 * (int)len;
}

static void
test_measure_function_decides_widths(void **state)
{
	struct meterfit_seg sg = {.form = {"ab cd", "ab"}};
	int calls = 0;
	(void)state;
	assert_int_equal(meterfit_fit(&sg, 1, 9, 1, wide, &calls), 4);
	assert_int_equal(sg.pick, 1);
	assert_true(calls > 0);
	assert_int_equal(meterfit_fit(&sg, 1, 10, 1, wide, &calls), 10);
	assert_int_equal(sg.pick, 0);
	/* UTF-8: one column per code point by default */
	assert_int_equal(meterfit_codepoints(NULL, "\xe2\x80\xa6x", 4), 2);
}

static void
test_remarks(void **state)
{
	static const char self[] =
	    "not locked (no CAP_IPC_LOCK; memlock "
	    "limit 8192 kB), adj 0 (no CAP_SYS_RESOURCE)";
	char out[128];
	(void)state;
	meterfit_remarks(self, out, sizeof out, NULL, 99);
	assert_string_equal(out, "not locked (no CAP_IPC_LOCK), adj 0 (no "
	                         "CAP_SYS_RESOURCE)");
	meterfit_remarks(self, out, sizeof out, "no ", 1);
	assert_string_equal(out, "not locked (no CAP_IPC_LOCK), adj 0");
	meterfit_remarks(self, out, sizeof out, NULL, 0);
	assert_string_equal(out, "not locked, adj 0");
	/* only: remarks that say what is missing stay */
	meterfit_remarks("locked (on fault), adj 0 (no CAP_SYS_RESOURCE)", out,
	                 sizeof out, "no ", 1);
	assert_string_equal(out, "locked, adj 0 (no CAP_SYS_RESOURCE)");
	/* nested and unclosed remarks */
	meterfit_remarks("a ((nested) x) b", out, sizeof out, NULL, 0);
	assert_string_equal(out, "a b");
	meterfit_remarks("a (x (y; z) w; v) b", out, sizeof out, NULL, 1);
	assert_string_equal(out, "a (x (y; z) w) b");
	meterfit_remarks("a (open; to the end", out, sizeof out, NULL, 1);
	assert_string_equal(out, "a (open)");
	meterfit_remarks("a (open to the end", out, sizeof out, NULL, 1);
	assert_string_equal(out, "a (open to the end)");
	/* out is always NUL-ended, cut to its size */
	assert_int_equal(meterfit_remarks("no remarks", out, 4, NULL, 0), 3);
	assert_string_equal(out, "no ");
	assert_int_equal(meterfit_remarks("x", out, 0, NULL, 0), 0);
}

/* A deterministic pseudo-random number. */
static unsigned
lcg(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static void
test_random_lines_keep_the_rules(void **state)
{
	static const char *const words[] = {"",
	                                    "x",
	                                    "OOM ",
	                                    "kills 3 since boot",
	                                    "a b",
	                                    " none",
	                                    "12.5G/24G",
	                                    "(advisory, mode 0)",
	                                    "  [P]  ",
	                                    "verylong",
	                                    "two  spaces x",
	                                    "in 0/s out 0/s majflt 0/s"};
	struct meterfit_seg seg[5];
	unsigned seed = 7;
	size_t n;
	int used;
	(void)state;
	for (int round = 0; round < 400; round++) {
		memset(seg, 0, sizeof seg);
		n = 1 + lcg(&seed) % 5;
		for (size_t i = 0; i < n; i++) {
			int nf = 1 + (int)(lcg(&seed) % 4);
			seg[i].keep = (int)(lcg(&seed) % 4);
			seg[i].gap_cols = (int)(lcg(&seed) % 3);
			if (lcg(&seed) % 9 == 0) {
				seg[i].flex_min_cols =
				    1 + (int)(lcg(&seed) % 6);
				continue;
			}
			/* forms longest first, as the contract asks */
			for (int k = 0; k < nf; k++)
				seg[i].form[k] = words[lcg(&seed) % 12];
			for (int k = 1; k < nf; k++)
				for (int j = k;
				     j > 0 && strlen(seg[i].form[j]) >
				                  strlen(seg[i].form[j - 1]);
				     j--) {
					const char *t = seg[i].form[j];
					seg[i].form[j] = seg[i].form[j - 1];
					seg[i].form[j - 1] = t;
				}
		}
		for (int w = -1; w <= 70; w++) {
			used = meterfit_fit(seg, n, w, 1, NULL, NULL);
			FIT_OK(seg, n, w, used);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_segment_takes_the_longest_form_that_fits),
	    cmocka_unit_test(test_cut_at_a_word_with_the_ellipsis),
	    cmocka_unit_test(test_lower_keep_shortens_first_then_grows_back),
	    cmocka_unit_test(test_flexible_segment_takes_the_rest),
	    cmocka_unit_test(test_ellipsis_backs_into_the_segment_before),
	    cmocka_unit_test(test_measure_function_decides_widths),
	    cmocka_unit_test(test_remarks),
	    cmocka_unit_test(test_random_lines_keep_the_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
