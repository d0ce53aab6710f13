/* Unit tests for the theme parser and colour downgrades (model/theme.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/theme.h"

#define LIT(s) s, sizeof(s) - 1

/* Read a whole file of the source tree into a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (f == NULL)
		return NULL;
	buf = malloc(65536);
	*len = fread(buf, 1, 65535, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void
test_role_table_matches_enum(void **state)
{
	enum theme_role r;
	(void)state;
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		const char *name = theme_role_name((enum theme_role)i);
		assert_string_not_equal(name, "?");
		assert_int_equal(theme_role_parse(name, strlen(name), &r), 0);
		assert_int_equal(r, i);
	}
	assert_string_equal(theme_role_name(THEME_ROLE_COUNT), "?");
	assert_int_equal(theme_role_parse(LIT("mem.use"), &r), -1);
	assert_int_equal(theme_role_parse(LIT("mem.used"), &r), 0);
	assert_int_equal(r, THEME_MEM_USED);
}

static void
test_colour_words(void **state)
{
	int32_t c;
	(void)state;
	assert_int_equal(theme_colour_parse(LIT("default"), &c), 0);
	assert_int_equal(c, THEME_COLOUR_DEFAULT);
	assert_int_equal(theme_colour_parse(LIT("red"), &c), 0);
	assert_int_equal(c, 1);
	assert_int_equal(theme_colour_parse(LIT("bright-white"), &c), 0);
	assert_int_equal(c, 15);
	assert_int_equal(theme_colour_parse(LIT("grey"), &c), 0);
	assert_int_equal(c, 8);
	assert_int_equal(theme_colour_parse(LIT("0"), &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(theme_colour_parse(LIT("255"), &c), 0);
	assert_int_equal(c, 255);
	assert_int_equal(theme_colour_parse(LIT("#ff8000"), &c), 0);
	assert_int_equal(c, THEME_RGB(0xff, 0x80, 0x00));
	assert_true(THEME_IS_RGB(c));
	assert_int_equal(theme_colour_parse(LIT("#000000"), &c), 0);
	assert_true(THEME_IS_RGB(c));
	/* bad ones */
	assert_int_equal(theme_colour_parse(LIT("256"), &c), -1);
	assert_int_equal(theme_colour_parse(LIT("-1"), &c), -1);
	assert_int_equal(theme_colour_parse(LIT("1000"), &c), -1);
	assert_int_equal(theme_colour_parse(LIT("#ff800"), &c), -1);
	assert_int_equal(theme_colour_parse(LIT("#gg0000"), &c), -1);
	assert_int_equal(theme_colour_parse(LIT("Red"), &c), -1);
	assert_int_equal(theme_colour_parse("", 0, &c), -1);
}

static void
test_parse_full_line(void **state)
{
	struct theme t, def;
	char err[128] = "", warn[128] = "";
	unsigned nw = 99;
	const char text[] = "# comment\n"
	                    "\n"
	                    "  mem.used = #102030 blue bold underline\n"
	                    "risk.high=red\r\n"
	                    "proc.selected = default 6 reverse # trailing\n";
	(void)state;
	theme_init_default(&def);
	assert_int_equal(theme_parse(&t, LIT(text), "x.theme", err, sizeof err,
	                             warn, sizeof warn, &nw),
	                 -1);
	/* '#' inside a value is not a comment: "# trailing" is a bad word */
	assert_string_equal(err, "x.theme:5: unknown colour or attribute '#'");

	const char ok[] = "# comment\n"
	                  "  mem.used = #102030 blue bold underline\n"
	                  "risk.high=red\r\n"
	                  "proc.selected = default 6 reverse";
	assert_int_equal(theme_parse(&t, LIT(ok), "x.theme", err, sizeof err,
	                             warn, sizeof warn, &nw),
	                 0);
	assert_int_equal(nw, 0);
	assert_int_equal(t.style[THEME_MEM_USED].fg,
	                 THEME_RGB(0x10, 0x20, 0x30));
	assert_int_equal(t.style[THEME_MEM_USED].bg, 4);
	assert_int_equal(t.style[THEME_MEM_USED].attrs,
	                 THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
	assert_int_equal(t.style[THEME_RISK_HIGH].fg, 1);
	assert_int_equal(t.style[THEME_RISK_HIGH].bg, THEME_COLOUR_DEFAULT);
	assert_int_equal(t.style[THEME_RISK_HIGH].attrs, 0);
	assert_int_equal(t.style[THEME_PROC_SELECTED].bg, 6);
	assert_int_equal(t.style[THEME_PROC_SELECTED].attrs,
	                 THEME_ATTR_REVERSE);
	/* a role the file does not name keeps the built-in style */
	assert_memory_equal(&t.style[THEME_KLOG_OOM],
	                    &def.style[THEME_KLOG_OOM],
	                    sizeof(struct theme_style));
}

static void
test_unknown_role_warns(void **state)
{
	struct theme t;
	char err[128] = "", warn[128] = "";
	unsigned nw = 0;
	const char text[] = "mem.used = red\nmem.bogus = blue\n"
	                    "x\x1b[31m = green\nrisk.low = green\n";
	(void)state;
	assert_int_equal(theme_parse(&t, LIT(text), "w.theme", err, sizeof err,
	                             warn, sizeof warn, &nw),
	                 0);
	assert_int_equal(nw, 2);
	assert_string_equal(warn,
	                    "w.theme:2: unknown role (ignored) 'mem.bogus'");
	assert_int_equal(t.style[THEME_MEM_USED].fg, 1);
	assert_int_equal(t.style[THEME_RISK_LOW].fg, 2);
}

static void
test_errors_name_file_and_line(void **state)
{
	struct theme t, before;
	char err[160];
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
	    {"mem.used = purple\n",
	     "b:1: unknown colour or attribute 'purple'"},
	    {"\n\nmem.used\n", "b:3: expected 'role = colour', got 'mem.used'"},
	    {"mem.used =\n", "b:1: missing colour ''"},
	    {"mem.used = bold\n", "b:1: attribute before the colour 'bold'"},
	    {"mem.used = red blue green\n", "b:1: a third colour 'green'"},
	    {"mem.used = red bold blue\n",
	     "b:1: colour after an attribute 'blue'"},
	    {"mem.used = 300\n", "b:1: unknown colour or attribute '300'"},
	    {"mem.used = \x1b]0;pwn\x07\n",
	     "b:1: unknown colour or attribute '\\x1b]0;pwn\\x07'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&t, 0x5a, sizeof t);
		before = t;
		err[0] = '\0';
		assert_int_equal(theme_parse(&t, cases[i].text,
		                             strlen(cases[i].text), "b", err,
		                             sizeof err, NULL, 0, NULL),
		                 -1);
		assert_string_equal(err, cases[i].want);
		/* all or nothing: the output is untouched */
		assert_memory_equal(&t, &before, sizeof t);
	}
}

static void
test_truncated_and_empty(void **state)
{
	struct theme t, def;
	char err[128];
	const char text[] = "mem.used = red\nrisk.high = #ff00";
	(void)state;
	theme_init_default(&def);
	assert_int_equal(
	    theme_parse(&t, "", 0, "e", err, sizeof err, NULL, 0, NULL), 0);
	assert_memory_equal(&t, &def, sizeof t);
	/* a file cut in the middle of a value is an error, not a crash */
	assert_int_equal(
	    theme_parse(&t, LIT(text), "cut", err, sizeof err, NULL, 0, NULL),
	    -1);
	assert_string_equal(err, "cut:2: unknown colour or attribute '#ff00'");
	/* every prefix of a valid file parses or fails cleanly */
	const char full[] = "mem.used = #102030 blue bold\nrisk.low = 42\n";
	for (size_t n = 0; n <= sizeof full - 1; n++)
		(void)theme_parse(&t, full, n, "p", err, sizeof err, NULL, 0,
		                  NULL);
}

static void
test_downgrade_colours(void **state)
{
	(void)state;
	/* truecolour keeps everything */
	assert_int_equal(theme_colour_downgrade(THEME_RGB(1, 2, 3), 1 << 24),
	                 THEME_RGB(1, 2, 3));
	/* 256: pure colours land in the cube, greys on the grey ramp */
	assert_int_equal(theme_colour_downgrade(THEME_RGB(255, 0, 0), 256),
	                 196);
	assert_int_equal(theme_colour_downgrade(THEME_RGB(0, 0, 0), 256), 16);
	assert_int_equal(
	    theme_colour_downgrade(THEME_RGB(0x80, 0x80, 0x80), 256), 244);
	assert_int_equal(theme_colour_downgrade(THEME_RGB(0, 0x87, 0xaf), 256),
	                 31);
	assert_int_equal(theme_colour_downgrade(200, 256), 200);
	/* 16: nearest basic colour */
	assert_int_equal(theme_colour_downgrade(196, 16), 9);
	assert_int_equal(theme_colour_downgrade(THEME_RGB(0, 0xcd, 0), 16), 2);
	assert_int_equal(theme_colour_downgrade(231, 16), 15);
	assert_int_equal(theme_colour_downgrade(12, 16), 12);
	/* 8: bright colours lose their brightness */
	assert_int_equal(theme_colour_downgrade(9, 8), 1);
	assert_int_equal(theme_colour_downgrade(15, 8), 7);
	assert_int_equal(theme_colour_downgrade(196, 8), 1);
	assert_int_equal(theme_colour_downgrade(3, 8), 3);
	/* mono: no colour at all */
	assert_int_equal(theme_colour_downgrade(3, 2), THEME_COLOUR_DEFAULT);
	assert_int_equal(theme_colour_downgrade(THEME_RGB(9, 9, 9), 0),
	                 THEME_COLOUR_DEFAULT);
	assert_int_equal(theme_colour_downgrade(THEME_COLOUR_DEFAULT, 256),
	                 THEME_COLOUR_DEFAULT);
}

static void
test_downgrade_theme(void **state)
{
	struct theme t;
	(void)state;
	theme_init_default(&t);
	t.style[THEME_MEM_USED] =
	    (struct theme_style){THEME_RGB(255, 0, 0), THEME_COLOUR_DEFAULT, 0};
	t.style[THEME_RISK_HIGH] =
	    (struct theme_style){9, THEME_COLOUR_DEFAULT, 0};
	t.style[THEME_PROC_SELECTED] = (struct theme_style){0, 6, 0};

	struct theme t8 = t;
	theme_downgrade(&t8, 8);
	assert_int_equal(t8.style[THEME_MEM_USED].fg, 1);
	assert_int_equal(t8.style[THEME_RISK_HIGH].fg, 1);
	assert_true(t8.style[THEME_RISK_HIGH].attrs & THEME_ATTR_BOLD);
	assert_int_equal(t8.style[THEME_PROC_SELECTED].bg, 6);

	struct theme mono = t;
	theme_downgrade(&mono, 1);
	for (unsigned i = 0; i < THEME_ROLE_COUNT; i++) {
		assert_int_equal(mono.style[i].fg, THEME_COLOUR_DEFAULT);
		assert_int_equal(mono.style[i].bg, THEME_COLOUR_DEFAULT);
	}
	/* the selection stays visible without colours */
	assert_true(mono.style[THEME_PROC_SELECTED].attrs & THEME_ATTR_REVERSE);
	assert_false(mono.style[THEME_MEM_USED].attrs & THEME_ATTR_REVERSE);
}

static void
test_shipped_themes_parse(void **state)
{
	static const char *const files[] = {
	    "themes/default.theme", "themes/light.theme", "themes/mono.theme",
	    "themes/high-contrast.theme"};
	struct theme t, def;
	char err[256], warn[256];
	unsigned nw;
	size_t len;
	(void)state;
	theme_init_default(&def);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *text = slurp(files[i], &len);
		assert_non_null(text);
		nw = 99;
		err[0] = '\0';
		if (theme_parse(&t, text, len, files[i], err, sizeof err, warn,
		                sizeof warn, &nw) != 0)
			fail_msg("%s", err);
		assert_int_equal(nw, 0);
		/* each shipped theme names every role */
		for (unsigned r = 0; r < THEME_ROLE_COUNT; r++) {
			char needle[64];
			snprintf(needle, sizeof needle, "\n%s ",
			         theme_role_name((enum theme_role)r));
			if (strstr(text, needle) == NULL)
				fail_msg("%s lacks role %s", files[i],
				         theme_role_name((enum theme_role)r));
		}
		free(text);
	}
	/* the dark file and the built-in default agree */
	char *text = slurp("themes/default.theme", &len);
	assert_int_equal(
	    theme_parse(&t, text, len, "d", err, sizeof err, NULL, 0, NULL), 0);
	assert_memory_equal(&t, &def, sizeof t);
	free(text);
}

/* D and Z STATE cells get their roles unless the row is selected or
 * tagged; the roles have names, and stand out in every shipped style. */
static void
test_proc_state_roles(void **state)
{
	struct theme t, mono;
	enum theme_role r;
	(void)state;
	assert_int_equal(theme_proc_state_role('D', THEME_PROC_NORMAL),
	                 THEME_PROC_DSTATE);
	assert_int_equal(theme_proc_state_role('Z', THEME_PROC_VICTIM),
	                 THEME_PROC_ZOMBIE);
	assert_int_equal(theme_proc_state_role('Z', THEME_PROC_NA),
	                 THEME_PROC_ZOMBIE);
	assert_int_equal(theme_proc_state_role('S', THEME_PROC_NORMAL),
	                 THEME_PROC_NORMAL);
	assert_int_equal(theme_proc_state_role('R', THEME_PROC_VICTIM),
	                 THEME_PROC_VICTIM);
	assert_int_equal(theme_proc_state_role('T', THEME_PROC_NORMAL),
	                 THEME_PROC_NORMAL);
	assert_int_equal(theme_proc_state_role('D', THEME_PROC_SELECTED),
	                 THEME_PROC_SELECTED);
	assert_int_equal(theme_proc_state_role('Z', THEME_PROC_TAGGED),
	                 THEME_PROC_TAGGED);
	assert_string_equal(theme_role_name(THEME_PROC_DSTATE), "proc.dstate");
	assert_string_equal(theme_role_name(THEME_PROC_ZOMBIE), "proc.zombie");
	assert_int_equal(theme_role_parse("proc.zombie", 11, &r), 0);
	assert_int_equal(r, THEME_PROC_ZOMBIE);
	/* built-in: bold red D (htop's D state), bold magenta Z */
	theme_init_default(&t);
	assert_int_equal(t.style[THEME_PROC_DSTATE].fg, 9);
	assert_true(t.style[THEME_PROC_DSTATE].attrs & THEME_ATTR_BOLD);
	assert_int_equal(t.style[THEME_PROC_ZOMBIE].fg, 13);
	assert_true(memcmp(&t.style[THEME_PROC_DSTATE],
	                   &t.style[THEME_PROC_NORMAL],
	                   sizeof t.style[0]) != 0);
	/* without colours they still differ from a plain row by attribute */
	mono = t;
	theme_downgrade(&mono, 1);
	assert_true(mono.style[THEME_PROC_DSTATE].attrs & THEME_ATTR_BOLD);
	assert_true(mono.style[THEME_PROC_ZOMBIE].attrs & THEME_ATTR_BOLD);
}

/* The mono theme marks D bold and Z dim. */
static void
test_mono_state_attrs(void **state)
{
	struct theme t;
	char err[256];
	size_t len;
	char *text = slurp("themes/mono.theme", &len);
	(void)state;
	assert_non_null(text);
	assert_int_equal(
	    theme_parse(&t, text, len, "m", err, sizeof err, NULL, 0, NULL), 0);
	assert_int_equal(t.style[THEME_PROC_DSTATE].attrs, THEME_ATTR_BOLD);
	assert_int_equal(t.style[THEME_PROC_ZOMBIE].attrs, THEME_ATTR_DIM);
	assert_int_equal(t.style[THEME_PROC_ZOMBIE].fg, THEME_COLOUR_DEFAULT);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_role_table_matches_enum),
	    cmocka_unit_test(test_colour_words),
	    cmocka_unit_test(test_parse_full_line),
	    cmocka_unit_test(test_unknown_role_warns),
	    cmocka_unit_test(test_errors_name_file_and_line),
	    cmocka_unit_test(test_truncated_and_empty),
	    cmocka_unit_test(test_downgrade_colours),
	    cmocka_unit_test(test_downgrade_theme),
	    cmocka_unit_test(test_shipped_themes_parse),
	    cmocka_unit_test(test_proc_state_roles),
	    cmocka_unit_test(test_mono_state_attrs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
