/* Unit tests for the recorder's choice of cgroup rows (app/record_cg.c):
 * new cgroups, moves over 1%, limit changes, the 10-minute refresh, and
 * cgroups that left the walk (their ended rows). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/record_cg.h"
#include "cgfixture.h"
#include "model/cgmem.h"
#include "model/snapcg.h"

/* A snapshot at mono_ms: "/" and "/a" (usage a, limit la), and "/b"
 * (usage b) when b >= 0. */
static void
snap_at(struct snapshot *s, uint64_t mono_ms, int64_t a, int64_t la, int64_t b)
{
	snapshot_reset(s);
	s->mono_ms = mono_ms;
	cgfixture_add(s, "/", SNAPCG_NONE, 1 << 30, CGMEM_UNLIMITED);
	cgfixture_add(s, "/a", 0, a, la);
	if (b >= 0)
		cgfixture_add(s, "/b", 0, b, CGMEM_UNLIMITED);
}

/* Pick from s; the number of rows, and the usage of the row of path (or
 * -2 when it has none) in *usage. */
static size_t
pick(struct record_cg *c, const struct snapshot *s, const char *path,
     int64_t *usage)
{
	struct recdb_cgroup *rows;
	size_t n;

	assert_int_equal(record_cg_pick(c, s, &rows, &n), 0);
	*usage = -2;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].path, path) == 0)
			*usage = rows[i].usage_bytes;
	recdb_cg_free(rows, n);
	return n;
}

/* Rows when new, moved or due; none otherwise. */
static void
test_pick(void **state)
{
	struct record_cg c = {0};
	struct snapshot s;
	int64_t u;

	(void)state;
	snapshot_init(&s);
	snap_at(&s, 1000, 100000, 1 << 20, 5000);
	assert_int_equal(pick(&c, &s, "/a", &u), 3); /* all new */
	assert_int_equal(u, 100000);
	snap_at(&s, 2000, 100500, 1 << 20, 5000); /* +0.5%: nothing */
	assert_int_equal(pick(&c, &s, "/a", &u), 0);
	snap_at(&s, 3000, 102000, 1 << 20, 5000); /* +2% of the stored */
	assert_int_equal(pick(&c, &s, "/a", &u), 1);
	assert_int_equal(u, 102000);
	snap_at(&s, 4000, 102000, 2 << 20, 5000); /* a new limit */
	assert_int_equal(pick(&c, &s, "/a", &u), 1);
	snap_at(&s, 5000, 102000, 2 << 20, -1); /* /b left: its ended row */
	assert_int_equal(pick(&c, &s, "/b", &u), 1);
	assert_int_equal(u, 0);
	assert_int_equal(c.n, 2);
	snap_at(&s, 6000, 102000, 2 << 20, 5000); /* /b back: new again */
	assert_int_equal(pick(&c, &s, "/b", &u), 1);
	assert_int_equal(u, 5000);
	/* ten minutes after /a's and /'s last rows: both are due */
	snap_at(&s, 4000 + RECORD_CG_REFRESH_MS, 102000, 2 << 20, 5000);
	assert_int_equal(pick(&c, &s, "/a", &u), 2);
	record_cg_fini(&c);
	snapshot_fini(&s);
}

/* Pick from s: how many rows, and in *ended the ended rows' paths
 * joined by spaces (in the kept order). */
static size_t
pick_ended(struct record_cg *c, const struct snapshot *s, char *ended,
           size_t size)
{
	struct recdb_cgroup *rows;
	size_t n;

	assert_int_equal(record_cg_pick(c, s, &rows, &n), 0);
	ended[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].ended)
			continue;
		assert_non_null(rows[i].path);
		if (ended[0] != '\0')
			strncat(ended, " ", size - strlen(ended) - 1);
		strncat(ended, rows[i].path, size - strlen(ended) - 1);
	}
	recdb_cg_free(rows, n);
	return n;
}

/* A kept cgroup that leaves the walk gets one ended row, then is
 * forgotten (no second end; back, it is new); a sample whose walk rests
 * (cgroups_err) stores nothing and ends nothing. */
static void
test_ended(void **state)
{
	struct record_cg c = {0};
	struct snapshot s;
	char ended[64];
	int64_t u;

	(void)state;
	snapshot_init(&s);
	snap_at(&s, 1000, 100000, 1 << 20, 5000);
	assert_int_equal(pick_ended(&c, &s, ended, sizeof ended), 3);
	assert_string_equal(ended, "");
	snap_at(&s, 2000, 100000, 1 << 20, -1); /* /b left */
	assert_int_equal(pick_ended(&c, &s, ended, sizeof ended), 1);
	assert_string_equal(ended, "/b");
	assert_int_equal(c.n, 2);
	snap_at(&s, 3000, 100000, 1 << 20, -1); /* ended once only */
	assert_int_equal(pick_ended(&c, &s, ended, sizeof ended), 0);
	snapshot_reset(&s); /* the walk rests: no cgroups, no end */
	s.mono_ms = 4000;
	s.cgroups_err = EAGAIN;
	assert_int_equal(pick_ended(&c, &s, ended, sizeof ended), 0);
	assert_int_equal(c.n, 2);                 /* kept as they were */
	snap_at(&s, 5000, 100000, 1 << 20, 5000); /* /b back: new */
	assert_int_equal(pick(&c, &s, "/b", &u), 1);
	assert_int_equal(u, 5000);
	snapshot_reset(&s); /* every cgroup gone (the hierarchy too) */
	s.mono_ms = 6000;
	cgfixture_add(&s, "/", SNAPCG_NONE, 1 << 30, CGMEM_UNLIMITED);
	assert_int_equal(pick_ended(&c, &s, ended, sizeof ended), 2);
	assert_string_equal(ended, "/a /b");
	record_cg_fini(&c);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pick),
	    cmocka_unit_test(test_ended),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
