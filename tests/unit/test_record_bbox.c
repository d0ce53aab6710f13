/* Unit tests for the recorder's black box in memory (app/record_bbox.c):
 * the full sample kept, the top growers against the mark of up to
 * 10 minutes before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/record_bbox.h"

/* Put one process (pid, RSS kB) into s. */
static void
proc(struct snapshot *s, int32_t pid, int64_t rss)
{
	struct proc_row r = {.pid = pid, .start_time = 5, .rss_kb = rss};

	snprintf(r.comm, sizeof r.comm, "p%d", (int)pid);
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	assert_int_equal(snapshot_push_proc(s, &r), 0);
}

/* A snapshot at mono_ms with 20 processes; pid 100+i has RSS
 * base + i * step kB (pid 200 only when extra). */
static void
snap_at(struct snapshot *s, uint64_t mono_ms, int64_t base, int64_t step,
        bool extra)
{
	s->nprocs = 0;
	s->mono_ms = mono_ms;
	s->time_unix_ms = 1800000000000LL + (int64_t)mono_ms;
	s->mem.available_kb = 777;
	for (int i = 0; i < 20; i++)
		proc(s, 100 + i, base + i * step);
	if (extra)
		proc(s, 200, 50000);
}

/* The last sample is kept in full; growth is against the oldest mark of
 * the 10 minutes before; a process new since grew from 0; at most
 * RECDB_BBOX_TOP, most first; the mark older than 10 minutes is not
 * used. */
static void
test_bbox(void **state)
{
	struct record_bbox h = {0};
	struct snapshot s;
	struct recdb_bbox *b;

	(void)state;
	snapshot_init(&s);
	snap_at(&s, 1000, 1000, 0, false); /* a mark, 11 min before the end */
	assert_int_equal(record_bbox_note(&h, &s), 0);
	snap_at(&s, 61000, 1000, 10, false); /* a mark, 10 min before */
	assert_int_equal(record_bbox_note(&h, &s), 0);
	snap_at(&s, 62000, 99999, 0, false); /* too soon: no mark */
	assert_int_equal(record_bbox_note(&h, &s), 0);
	assert_int_equal(h.nmarks, 2);
	snap_at(&s, 661000, 2000, 100, true);
	assert_int_equal(record_bbox_note(&h, &s), 0);
	b = record_bbox_take(&h);
	assert_non_null(b);
	assert_null(h.last);
	assert_int_equal(b->nprocs, 21);
	assert_int_equal(b->mem.available_kb, 777);
	assert_int_equal(b->time_ms, 1800000000000LL + 661000);
	assert_string_equal(b->procs[20].comm, "p200");
	assert_int_equal(b->ngrew, RECDB_BBOX_TOP);
	/* pid 200 (new: 0 -> 50000), then pid 119: 1190 -> 3900 */
	assert_int_equal(b->grew[0].pid, 200);
	assert_int_equal(b->grew[0].rss_before_kb, 0);
	assert_int_equal(b->grew[1].pid, 119);
	assert_int_equal(b->grew[1].rss_before_kb, 1190);
	assert_int_equal(b->grew[1].rss_kb, 3900);
	assert_int_equal(b->grew[9].pid, 111);
	assert_string_equal(b->grew[1].comm, "p119");
	recdb_bbox_free(b);
	record_bbox_fini(&h);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bbox),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
