/*
 * Unit tests for app/batch_mem.c: the --batch --json memory keys over the
 * fixture trees tests/fixtures/memfiles (every file read) and a root
 * with nothing in it (every key null), with the separator after them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/batch_mem.h"

#define FIX "tests/fixtures/memfiles/"

/* batch_mem_json under the roots into a malloc'd string. */
static char *
json_of(const char *proc_root, const char *sys_root)
{
	struct options opt;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	memset(&opt, 0, sizeof opt);
	opt.proc_root = proc_root;
	opt.sys_root = sys_root;
	batch_mem_json(f, &opt);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void
test_every_key(void **state)
{
	char *j = json_of(FIX "proc", FIX "sys");
	(void)state;
	assert_true(strncmp(j,
	                    "\"memory_breakdown\": {\"total_kb\": 32562828, "
	                    "\"sum_kb\": 32107060, \"over\": false, ",
	                    78) == 0);
	assert_non_null(strstr(j,
	                       "{\"row\": \"not_accounted\", \"kb\": 455768, "
	                       "\"bar_kb\": 455768, \"summed\": false"));
	assert_non_null(strstr(j, "{\"row\": \"vmalloc\", \"kb\": 113276, "
	                          "\"bar_kb\": 0, \"summed\": false"));
	assert_non_null(
	    strstr(j, "\"slab\": {\"error\": null, \"caches\": 2, "));
	assert_non_null(strstr(j, "\"zswap\": {\"enabled\": true, \"pool_kb\": "
	                          "51200, \"stored_kb\": 194560, "
	                          "\"stored_pages\": 47616}"));
	/* zram3's disksize is 0: not set up */
	assert_non_null(strstr(j, "\"zram\": [{\"device\": \"zram0\", "
	                          "\"orig_bytes\": 199229440, "
	                          "\"compr_bytes\": 52428800, "
	                          "\"used_bytes\": 53477376, "
	                          "\"disksize_bytes\": 4294967296}, "
	                          "{\"device\": \"zram3\", \"orig_bytes\": 0, "
	                          "\"compr_bytes\": 0, \"used_bytes\": 0, "
	                          "\"disksize_bytes\": 0}]"));
	assert_non_null(strstr(j, "\"swappiness\": 10"));
	assert_non_null(strstr(j, "\"traps\": [{\"kind\": \"tmpfs\", \"text\": "
	                          "\"tmpfs /dev/shm holds 3.10G\"}]"));
	assert_non_null(strstr(j, "\"swaps\": [{\"name\": \"/swap file\", "
	                          "\"type\": \"file\", \"size_kb\": 8388604, "
	                          "\"used_kb\": 204800, \"priority\": -2}]"));
	assert_non_null(strstr(j,
	                       "\"tmpfs\": [{\"path\": \"/dev/shm\", "
	                       "\"fstype\": \"tmpfs\", \"used_kb\": 3250585, "
	                       "\"size_kb\": 16281412}, "));
	/* a mount with no usage line: its sizes are null; so are ramfs's
	 * (no size accounting), sorted last by path */
	assert_non_null(
	    strstr(j, "{\"path\": \"/gone\", \"fstype\": \"tmpfs\", "
	              "\"used_kb\": null, \"size_kb\": null}, "
	              "{\"path\": \"/mnt/ram\", \"fstype\": \"ramfs\", "
	              "\"used_kb\": null, \"size_kb\": null}]"));
	/* "cgroups" follows: the separator is written after */
	assert_int_equal(strcmp(j + strlen(j) - 2, ", "), 0);
	free(j);
}

static void
test_nothing_readable(void **state)
{
	char *j = json_of(FIX "none", FIX "none");
	(void)state;
	assert_string_equal(j, "\"memory_breakdown\": null, \"swaps\": null, "
	                       "\"tmpfs\": null, ");
	free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key),
	    cmocka_unit_test(test_nothing_readable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
