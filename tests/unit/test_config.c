/* Unit tests for oomwatchrc parsing and writing (model/config.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/config.h"

#define LIT(s) s, sizeof(s) - 1

/* Parse text over a copy of def into c; the warnings counted. */
static unsigned
parse_over(struct config *c, const struct config *def, const char *text,
           size_t len, char *warn, size_t warn_size)
{
	unsigned nw = 0;

	*c = *def;
	config_parse(c, text, len, warn, warn_size, &nw);
	return nw;
}

static void
test_defaults(void **state)
{
	struct config c;
	(void)state;
	config_defaults(&c);
	assert_string_equal(c.theme, "default");
	assert_int_equal(c.sort, RANK_OOM);
	assert_true(c.sort_desc);
	assert_false(c.tree);
	assert_false(c.log_important);
	assert_int_equal(c.adj_step, 100);
	assert_false(c.shown[COLUMN_CGROUP]);
	assert_true(c.shown[COLUMN_COMMAND]);
	assert_false(c.shown[COLUMN_GROWTH]);
	assert_false(c.shown[COLUMN_TREND]);
	assert_int_equal(config_columns_shown(&c), COLUMN_COUNT - 3);
}

static void
test_format_exact_and_round_trip(void **state)
{
	struct config c, back;
	char buf[1024];
	unsigned nw = 9;
	(void)state;
	config_defaults(&c);
	size_t len = config_format(&c, buf, sizeof buf);
	assert_int_equal(len, strlen(buf));
	assert_string_equal(
	    buf, "# oomwatch settings, written by the setup screen (F2)\n"
	         "columns = pid user state oom adj rss anon file shm swap mem% "
	         "command\n"
	         "theme = default\n"
	         "sort = oom\n"
	         "sort_order = descending\n"
	         "tree = no\n"
	         "log = all\n"
	         "adj_step = 100\n");
	c.shown[COLUMN_CGROUP] = true;
	c.shown[COLUMN_FILE] = false;
	snprintf(c.theme, sizeof c.theme, "/etc/oomwatch/x.theme");
	c.sort = RANK_SWAP;
	c.sort_desc = false;
	c.tree = true;
	c.log_important = true;
	c.adj_step = 50;
	size_t n = config_format(&c, buf, sizeof buf);
	config_defaults(&back);
	config_parse(&back, buf, n, NULL, 0, &nw);
	assert_int_equal(nw, 0);
	assert_memory_equal(&back, &c, sizeof c);
}

static void
test_short_buffer_reports_full_length(void **state)
{
	struct config c;
	char big[1024], small[20];
	(void)state;
	config_defaults(&c);
	size_t want = config_format(&c, big, sizeof big);
	memset(small, 'X', sizeof small);
	assert_int_equal(config_format(&c, small, sizeof small), want);
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_memory_equal(small, big, sizeof small - 1);
}

static void
test_tolerant_parse(void **state)
{
	struct config c, def;
	char warn[128] = "";
	const char text[] = "# hand edited\n"
	                    "colour = red\n"
	                    "columns = pid, rss command\n"
	                    "columns = pid bogus\n"
	                    "theme = light\n"
	                    "sort = nope\n"
	                    "sort = rss\n"
	                    "tree = maybe\n"
	                    "log = important\n"
	                    "garbage line\n"
	                    "sort_order = ascending";
	(void)state;
	config_defaults(&def);
	assert_int_equal(parse_over(&c, &def, LIT(text), warn, sizeof warn), 5);
	assert_string_equal(warn, "2: unknown setting: 'colour = red'");
	/* the bad columns line did not wipe the good one */
	assert_true(c.shown[COLUMN_PID]);
	assert_true(c.shown[COLUMN_RSS]);
	assert_true(c.shown[COLUMN_COMMAND]);
	assert_int_equal(config_columns_shown(&c), 3);
	assert_string_equal(c.theme, "light");
	assert_int_equal(c.sort, RANK_RSS);
	assert_false(c.sort_desc);
	assert_false(c.tree);
	assert_true(c.log_important);
}

static void
test_hostile_and_truncated(void **state)
{
	struct config c, def;
	char warn[128] = "";
	const char text[] = "theme = a\x1b]0;x\x07\n"
	                    "\x1b[2J = 1\n"
	                    "theme = ok";
	(void)state;
	config_defaults(&def);
	assert_int_equal(parse_over(&c, &def, LIT(text), warn, sizeof warn), 2);
	/* the warning text is sanitized; the theme rejected */
	assert_string_equal(warn,
	                    "1: bad theme name: 'theme = a\\x1b]0;x\\x07'");
	assert_string_equal(c.theme, "ok");
	/* a long theme name is refused, not truncated */
	char longname[300] = "theme = ";
	memset(longname + 8, 'a', 200);
	longname[208] = '\0';
	assert_int_equal(
	    parse_over(&c, &def, longname, strlen(longname), NULL, 0), 1);
	assert_string_equal(c.theme, "default");
	/* every prefix of a valid file parses without harm */
	char buf[512];
	size_t n = config_format(&def, buf, sizeof buf);
	for (size_t k = 0; k <= n; k++) {
		c = def;
		config_parse(&c, buf, k, NULL, 0, NULL);
		assert_int_equal(c.sort, RANK_OOM);
		assert_true(config_columns_shown(&c) >= 1);
	}
	/* adj_step: 1..1000 in plain decimal, anything else refused */
	static const char *const bad_steps[] = {
	    "adj_step = 0",    "adj_step = 1001", "adj_step = -5",
	    "adj_step = 0x10", "adj_step = 10x",  "adj_step =",
	    "adj_step = 99999"};
	for (size_t i = 0; i < sizeof bad_steps / sizeof bad_steps[0]; i++) {
		assert_int_equal(parse_over(&c, &def, bad_steps[i],
		                            strlen(bad_steps[i]), NULL, 0),
		                 1);
		assert_int_equal(c.adj_step, 100);
	}
	assert_int_equal(
	    parse_over(&c, &def, LIT("adj_step = 1000\nadj_step=25"), NULL, 0),
	    0);
	assert_int_equal(c.adj_step, 25);
	/* an empty column list is refused */
	assert_int_equal(parse_over(&c, &def, LIT("columns = ,,"), NULL, 0), 1);
	assert_memory_equal(&c, &def, sizeof c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_format_exact_and_round_trip),
	    cmocka_unit_test(test_short_buffer_reports_full_length),
	    cmocka_unit_test(test_tolerant_parse),
	    cmocka_unit_test(test_hostile_and_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
