/*
 * Unit tests for the collector's low watermarks (collect/collector.c,
 * snapshot low_wmark_kb): the fixture tree's /proc/zoneinfo, a zoneinfo
 * longer than the first read buffer, the 60-second cadence (a changed
 * file is only read again after COLLECTOR_ZONEINFO_MS), and unknown
 * (SNAP_NA, never 0) when the file is missing or malformed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect/collector.h"
#include "procfix.h"

/* A temporary proc root holding only meminfo (and zoneinfo). */
static char root[] = "/tmp/oomwatch-zone.XXXXXX";

/* The page size in kB. */
static int64_t
page_kb(void)
{
	return sysconf(_SC_PAGESIZE) / 1024;
}

/* Write text to root/name. */
static void
put_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", root, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Write a zoneinfo of zones zones with low_pages each, every zone padded
 * with per-cpu lines (so the file is long). */
static void
put_zoneinfo(unsigned zones, unsigned low_pages)
{
	size_t cap = (size_t)zones * 2048 + 1, len = 0;
	char *text = malloc(cap);

	assert_non_null(text);
	for (unsigned z = 0; z < zones; z++) {
		len += (size_t)snprintf(text + len, cap - len,
		                        "Node %u, zone   Normal\n"
		                        "  pages free     100\n"
		                        "        min      1\n"
		                        "        low      %u\n"
		                        "        high     9\n",
		                        z, low_pages);
		for (int cpu = 0; cpu < 20; cpu++)
			len += (size_t)snprintf(text + len, cap - len,
			                        "    cpu: %d\n"
			                        "              count: 0\n"
			                        "              high:  0\n",
			                        cpu);
	}
	put_file("zoneinfo", text);
	free(text);
}

/* Make the root with a meminfo. */
static int
root_setup(void **state)
{
	(void)state;
	if (mkdtemp(root) == NULL)
		return -1;
	put_file("meminfo", "MemTotal: 1000 kB\nMemAvailable: 500 kB\n");
	return 0;
}

/* Remove the root. */
static int
root_teardown(void **state)
{
	char path[256];
	(void)state;
	snprintf(path, sizeof path, "%s/zoneinfo", root);
	unlink(path);
	snprintf(path, sizeof path, "%s/meminfo", root);
	unlink(path);
	return rmdir(root);
}

/* The low watermark one sample at now_ms of c gives. */
static int64_t
sample_low(struct collector *c, uint64_t now_ms)
{
	struct snapshot s;
	int64_t v;

	snapshot_init(&s);
	assert_int_equal(collector_sample(c, &s, now_ms), 0);
	v = s.low_wmark_kb;
	snapshot_fini(&s);
	return v;
}

/* The fixture: DMA 48 + DMA32 10021 + Normal 11047 + Movable 32 +
 * Device 0 pages. */
static void
test_fixture(void **state)
{
	char err[256];
	struct collector *c =
	    collector_new(PROCFIX_DIR "basic", err, sizeof err);
	(void)state;
	assert_non_null(c);
	assert_int_equal(sample_low(c, 1000), 21148 * page_kb());
	collector_free(c);
}

/* A long file; read again only after a minute; unknown when gone or
 * malformed. */
static void
test_cadence_and_unknown(void **state)
{
	char err[256];
	struct collector *c;
	(void)state;
	put_zoneinfo(64, 10); /* ~100 kB: past the first buffer */
	c = collector_new(root, err, sizeof err);
	assert_non_null(c);
	assert_int_equal(sample_low(c, 5000), 640 * page_kb());
	put_zoneinfo(2, 7);
	assert_int_equal(sample_low(c, 6000), 640 * page_kb());
	assert_int_equal(sample_low(c, 64999), 640 * page_kb());
	assert_int_equal(sample_low(c, 65000), 14 * page_kb());
	put_file("zoneinfo", "Node 0, zone   Normal\n  pages free 1\n");
	assert_int_equal(sample_low(c, 125000), SNAP_NA);
	put_zoneinfo(1, 3);
	assert_int_equal(sample_low(c, 185000), 3 * page_kb());
	collector_free(c);
	/* a new collector without the file: unknown, not 0 */
	unlink(strcat(strcpy(err, root), "/zoneinfo"));
	c = collector_new(root, err, sizeof err);
	assert_non_null(c);
	assert_int_equal(sample_low(c, 1000), SNAP_NA);
	collector_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixture),
	    cmocka_unit_test(test_cadence_and_unknown),
	};
	return cmocka_run_group_tests(tests, root_setup, root_teardown);
}
