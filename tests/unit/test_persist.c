/*
 * Unit tests for the persist layer (src/persist): atomic writes, the
 * oomwatchrc path, load and save, the theme search. Every test works in a
 * temporary directory it creates and removes; XDG_CONFIG_HOME and HOME
 * point into it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "persist/atomic.h"
#include "persist/conffile.h"
#include "persist/smallfile.h"
#include "persist/themefile.h"

/* The temporary directory of the running test. */
static char top[256];

/* top/rel into buf (returns buf). */
static char *
at(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", top, rel);
	return buf;
}

/* Write text to top/rel (plainly, creating no directories). */
static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *f = fopen(at(path, sizeof path, rel), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The permission bits of top/rel, or -1 when it does not exist. */
static int
mode_of(const char *rel)
{
	char path[512];
	struct stat st;

	if (stat(at(path, sizeof path, rel), &st) != 0)
		return -1;
	return (int)(st.st_mode & 07777);
}

/* How many entries (besides . and ..) top/rel holds. */
static int
entries(const char *rel)
{
	char path[512];
	DIR *d = opendir(at(path, sizeof path, rel));
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n +=
		    strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A fresh temporary directory; XDG_CONFIG_HOME=top/xdg, HOME=top/home. */
static int
setup(void **state)
{
	char path[512];

	(void)state;
	snprintf(top, sizeof top, "%s/oomwatch-persist.XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(top) == NULL)
		return -1;
	umask(022);
	setenv("XDG_CONFIG_HOME", at(path, sizeof path, "xdg"), 1);
	setenv("HOME", at(path, sizeof path, "home"), 1);
	return 0;
}

/* Remove the temporary directory and all under it. */
static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_atomic_write_creates_0600_and_parents_0700(void **state)
{
	char path[512], buf[64];
	(void)state;
	assert_int_equal(mkdir(at(path, sizeof path, "old"), 0755), 0);
	assert_int_equal(
	    atomic_write(at(path, sizeof path, "old/a/b/f"), "hello\n", 6), 0);
	assert_int_equal(mode_of("old"), 0755); /* existing: left alone */
	assert_int_equal(mode_of("old/a"), 0700);
	assert_int_equal(mode_of("old/a/b"), 0700);
	assert_int_equal(mode_of("old/a/b/f"), 0600);
	assert_int_equal(smallfile_read(path, buf, sizeof buf), 6);
	assert_memory_equal(buf, "hello\n", 6);
	assert_int_equal(entries("old/a/b"), 1); /* no temporary file left */
}

static void
test_atomic_write_replaces_whole_file(void **state)
{
	char path[512], buf[64];
	(void)state;
	put("f", "a much longer old text\n");
	assert_int_equal(chmod(at(path, sizeof path, "f"), 0644), 0);
	assert_int_equal(atomic_write(path, "new\n", 4), 0);
	assert_int_equal(smallfile_read(path, buf, sizeof buf), 4);
	assert_memory_equal(buf, "new\n", 4);
	assert_int_equal(mode_of("f"), 0600); /* a new file, not a rewrite */
	assert_int_equal(atomic_write(path, "", 0), 0);
	assert_int_equal(smallfile_read(path, buf, sizeof buf), 0);
	assert_int_equal(entries(""), 1);
}

static void
test_atomic_write_failure_leaves_nothing(void **state)
{
	char path[512];
	(void)state;
	/* a parent that is a regular file */
	put("plain", "x\n");
	assert_int_equal(
	    atomic_write(at(path, sizeof path, "plain/sub/f"), "y", 1),
	    -ENOTDIR);
	/* the target is a directory: rename fails, the temp file goes */
	assert_int_equal(mkdir(at(path, sizeof path, "d"), 0700), 0);
	put("d/keep", "k\n");
	assert_int_equal(atomic_write(path, "y", 1), -EISDIR);
	assert_int_equal(entries(""), 2); /* plain and d */
	assert_int_equal(entries("d"), 1);
}

static void
test_smallfile_read(void **state)
{
	char path[512], buf[4], *p = NULL;
	(void)state;
	assert_int_equal(
	    smallfile_read(at(path, sizeof path, "none"), buf, sizeof buf),
	    -ENOENT);
	assert_int_equal(smallfile_read_new(path, &p), -ENOENT);
	assert_null(p);
	put("f", "123456");
	assert_int_equal(smallfile_read(at(path, sizeof path, "f"), buf, 4),
	                 4); /* cut at size */
	assert_memory_equal(buf, "1234", 4);
	assert_int_equal(smallfile_read_new(path, &p), 6);
	assert_memory_equal(p, "123456", 6);
	free(p);
	assert_int_equal(smallfile_read(top, buf, 4), -EISDIR);
}

static void
test_conffile_path(void **state)
{
	char buf[512], want[512], tiny[8];
	(void)state;
	assert_int_equal(conffile_path(buf, sizeof buf), 0);
	assert_string_equal(buf,
	                    at(want, sizeof want, "xdg/oomwatch/oomwatchrc"));
	setenv("XDG_CONFIG_HOME", "relative", 1); /* not absolute: ignored */
	assert_int_equal(conffile_dir_path(buf, sizeof buf, "themes/x"), 0);
	assert_string_equal(
	    buf, at(want, sizeof want, "home/.config/oomwatch/themes/x"));
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(conffile_path(buf, sizeof buf), 0);
	assert_int_equal(conffile_path(tiny, sizeof tiny), -ENAMETOOLONG);
	unsetenv("HOME");
	assert_int_equal(conffile_path(buf, sizeof buf), -ENOENT);
}

/* Two configs, padding zeroed (compared with memcmp), at the defaults. */
static void
defaults2(struct config *a, struct config *b)
{
	memset(a, 0, sizeof *a);
	memset(b, 0, sizeof *b);
	config_defaults(a);
	config_defaults(b);
}

static void
test_conffile_missing_is_fine(void **state)
{
	struct config c, want;
	char path[512], warn[64] = "";
	(void)state;
	defaults2(&c, &want);
	assert_int_equal(conffile_path(path, sizeof path), 0);
	assert_int_equal(conffile_load(path, &c, warn, sizeof warn), 0);
	assert_memory_equal(&c, &want, sizeof c);
	assert_string_equal(warn, "");
	assert_int_equal(mode_of("xdg"), -1); /* loading creates nothing */
}

static void
test_conffile_save_load_round_trip(void **state)
{
	struct config c, back;
	char path[512], warn[64] = "";
	(void)state;
	defaults2(&c, &back);
	c.adj_step = 50;
	c.tree = true;
	c.sort_desc = false;
	snprintf(c.theme, sizeof c.theme, "light");
	assert_int_equal(conffile_path(path, sizeof path), 0);
	assert_int_equal(conffile_save(path, &c), 0);
	assert_int_equal(mode_of("xdg"), 0700);
	assert_int_equal(mode_of("xdg/oomwatch"), 0700);
	assert_int_equal(mode_of("xdg/oomwatch/oomwatchrc"), 0600);
	assert_int_equal(conffile_load(path, &back, warn, sizeof warn), 0);
	assert_string_equal(warn, "");
	assert_memory_equal(&c, &back, sizeof c);
}

static void
test_conffile_load_warns_and_errors(void **state)
{
	struct config c;
	char path[512], warn[64] = "";
	(void)state;
	config_defaults(&c);
	put("rc", "adj_step = 7\nbogus = 1\n");
	assert_int_equal(
	    conffile_load(at(path, sizeof path, "rc"), &c, warn, sizeof warn),
	    0);
	assert_int_equal(c.adj_step, 7);
	assert_true(strncmp(warn, "2: ", 3) == 0);
	/* a directory where the file should be: an error, not "missing" */
	assert_int_equal(conffile_load(top, &c, warn, sizeof warn), -EISDIR);
}

/* A theme that is not the built-in default (for "out untouched"). */
static void
poison(struct theme *t)
{
	memset(t, 0xab, sizeof *t);
}

static void
test_theme_bad_file_gives_file_line(void **state)
{
	struct theme t, before;
	char path[512], err[256] = "", warn[64], want[600];
	(void)state;
	put("bad.theme", "normal = default default\nmem.used = nocolour\n");
	poison(&t);
	before = t;
	assert_int_equal(themefile_load(at(path, sizeof path, "bad.theme"), "",
	                                &t, err, sizeof err, warn, sizeof warn),
	                 -1);
	snprintf(want, sizeof want, "%s:2: ", path);
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_memory_equal(&t, &before, sizeof t);
	/* a missing path is named as such */
	assert_int_equal(themefile_load(at(path, sizeof path, "none.theme"), "",
	                                &t, err, sizeof err, warn, sizeof warn),
	                 -1);
	snprintf(want, sizeof want, "%s: no such theme file", path);
	assert_string_equal(err, want);
}

static void
test_theme_search_order(void **state)
{
	struct theme t, def;
	char path[512], exe[512], err[256] = "", warn[512] = "x";
	(void)state;
	theme_init_default(&def);
	at(exe, sizeof exe, "bin");
	assert_int_equal(mkdir(exe, 0700), 0);
	assert_int_equal(mkdir(at(path, sizeof path, "themes"), 0700), 0);
	/* ../themes next to the binary */
	put("themes/mine.theme", "normal = red default\nno.such.role = red\n");
	assert_int_equal(
	    themefile_load("mine", exe, &t, err, sizeof err, warn, sizeof warn),
	    0);
	assert_memory_not_equal(&t, &def, sizeof t);
	assert_true(strstr(warn, "no.such.role") != NULL);
	/* the user's directory comes first, and a bad file there is an
	 * error (not skipped for the good one next to the binary) */
	assert_int_equal(atomic_write(at(path, sizeof path,
	                                 "xdg/oomwatch/themes/mine.theme"),
	                              "normal = bogus\n", 15),
	                 0);
	assert_int_equal(
	    themefile_load("mine", exe, &t, err, sizeof err, warn, sizeof warn),
	    -1);
	assert_true(strstr(err, "mine.theme:1: ") != NULL);
	/* built-ins when no file exists; unknown names leave out alone */
	assert_int_equal(themefile_load("default", exe, &t, err, sizeof err,
	                                warn, sizeof warn),
	                 0);
	assert_memory_equal(&t, &def, sizeof t);
	assert_string_equal(warn, "");
	assert_int_equal(
	    themefile_load("mono", exe, &t, err, sizeof err, warn, sizeof warn),
	    0);
	poison(&t);
	def = t;
	assert_int_equal(themefile_load("nonesuch", exe, &t, err, sizeof err,
	                                warn, sizeof warn),
	                 -1);
	assert_true(strncmp(err, "unknown theme 'nonesuch'", 24) == 0);
	assert_memory_equal(&t, &def, sizeof t);
}

static void
test_theme_exe_dir(void **state)
{
	char dir[512], self[600];
	struct stat st;
	(void)state;
	themefile_exe_dir(dir, sizeof dir);
	assert_true(dir[0] == '/');
	snprintf(self, sizeof self, "%s/%s", dir, "test_persist");
	assert_int_equal(stat(self, &st), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_atomic_write_creates_0600_and_parents_0700, setup,
	        teardown),
	    cmocka_unit_test_setup_teardown(
	        test_atomic_write_replaces_whole_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_atomic_write_failure_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_smallfile_read, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_conffile_path, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_conffile_missing_is_fine,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_conffile_save_load_round_trip,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_conffile_load_warns_and_errors,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_theme_bad_file_gives_file_line,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_theme_search_order, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_theme_exe_dir, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
