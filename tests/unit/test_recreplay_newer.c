/* Unit tests for persist/recreplay.c on a record that grows and has
 * holes: the samples and events a recorder still running adds after the
 * open (recreplay_newer), the gaps in the record (recreplay_gap_ms) and
 * the rates a snapshot gives there (none across a gap, none before the
 * first sample of a boot, and the reason with them). The database is
 * written by persist/recdb.c, the recorder's own writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "persist/recreplay.h"

#include "dbfix.h"
#include "recfix.h"
#include "dbtimes.h"

#define SEC_MS 1000LL
#define T0 DBTIMES_T0

/* dbtimes_write, failing the test when it fails. */
static void
write_at(const char *path, const char *boot_id, const int *t_s, size_t n,
         int k0, int kill_at_s)
{
	if (dbtimes_write(path, boot_id, t_s, n, k0, kill_at_s) != 0)
		fail_msg("dbtimes_write %s", boot_id);
}

/* A gap is a sample more than 3 times the recorder's interval after the
 * one before: 33 s after a 10 s interval is one, 30 s is not; a gap
 * among gaps is judged by the shortest interval before it; with no
 * interval to judge by (two samples) there is none. */
static void
test_gaps(void **state)
{
	struct dbfix *f = *state;
	static const int t[] = {0, 10, 20, 30, 63, 73, 83, 113, 300, 310};
	struct recreplay *r;

	write_at(f->path, "boot-g", t, sizeof t / sizeof t[0], 0, -1);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(recreplay_count(r), 10);
	assert_int_equal(recreplay_gap_ms(r, 0), 0);
	assert_int_equal(recreplay_gap_ms(r, 1), 0);
	assert_int_equal(recreplay_gap_ms(r, 3), 0);
	assert_int_equal(recreplay_gap_ms(r, 4), 33 * SEC_MS);
	assert_int_equal(recreplay_gap_ms(r, 5), 0);
	assert_int_equal(recreplay_gap_ms(r, 7), 0); /* 30 s: 3x, not more */
	assert_int_equal(recreplay_gap_ms(r, 8), 187 * SEC_MS);
	assert_int_equal(recreplay_gap_ms(r, 9), 0);
	assert_int_equal(recreplay_gap_ms(r, 10), 0); /* out of range */
	recreplay_close(r);
}

/* The rates: over the interval when there is no gap; none across a gap
 * (VMSTAT_NA_GAP with its length), none at a boot's first sample
 * (VMSTAT_NA_NO_EARLIER), never the live "after the next refresh". */
static void
test_gap_rates(void **state)
{
	struct dbfix *f = *state;
	static const int ta[] = {0, 10, 20, 30, 63, 73};
	static const int tb[] = {3600, 3610};
	struct recreplay *r;
	struct snapshot snap;

	write_at(f->path, "boot-a", ta, 6, 0, -1);
	write_at(f->path, "boot-b", tb, 2, 0, -1);
	r = recfix_replay(f->path);
	assert_non_null(r);
	snapshot_init(&snap);
	assert_int_equal(recreplay_snapshot(r, 0, &snap), 0);
	assert_false(snap.rates.valid);
	assert_int_equal(snap.rates.na, VMSTAT_NA_NO_EARLIER);
	assert_int_equal(recreplay_snapshot(r, 3, &snap), 0);
	assert_true(snap.rates.valid);
	assert_true(snap.rates.pswpout > 9.99 && snap.rates.pswpout < 10.01);
	assert_int_equal(recreplay_snapshot(r, 4, &snap), 0);
	assert_false(snap.rates.valid);
	assert_int_equal(snap.rates.na, VMSTAT_NA_GAP);
	assert_int_equal(snap.rates.gap_ms, 33 * SEC_MS);
	assert_int_equal(recreplay_snapshot_sys(r, 4, &snap), 0);
	assert_int_equal(snap.rates.na, VMSTAT_NA_GAP);
	assert_int_equal(recreplay_snapshot(r, 5, &snap), 0);
	assert_true(snap.rates.valid);
	/* boot-b's first sample: a gap too, but no earlier sample of it */
	assert_true(recreplay_gap_ms(r, 6) > 0);
	assert_int_equal(recreplay_snapshot(r, 6, &snap), 0);
	assert_false(snap.rates.valid);
	assert_int_equal(snap.rates.na, VMSTAT_NA_NO_EARLIER);
	assert_int_equal(recreplay_snapshot(r, 7, &snap), 0);
	assert_true(snap.rates.valid);
	snapshot_fini(&snap);
	recreplay_close(r);
}

/* A replay opened while the recorder runs: recreplay_newer appends the
 * samples written since and their events (each event once, at its own
 * sample), keeps the indexes, and adds nothing when nothing is new. */
static void
test_newer(void **state)
{
	struct dbfix *f = *state;
	static const int t1[] = {0, 10, 20, 30};
	static const int t2[] = {40, 50, 60};
	struct recreplay *r;
	struct snapshot snap;
	size_t added = 99;

	write_at(f->path, "boot-n", t1, 4, 0, 20);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(recreplay_count(r), 4);
	assert_int_equal(recreplay_nevents(r), 1);
	assert_int_equal(recreplay_newer(r, &added), 0);
	assert_int_equal(added, 0);
	write_at(f->path, "boot-n", t2, 3, 4, 50);
	assert_int_equal(recreplay_newer(r, &added), 0);
	assert_int_equal(added, 3);
	assert_int_equal(recreplay_count(r), 7);
	assert_int_equal(recreplay_sample(r, 2)->time_ms, T0 + 20 * SEC_MS);
	assert_int_equal(recreplay_sample(r, 6)->time_ms, T0 + 60 * SEC_MS);
	assert_int_equal(recreplay_sample(r, 6)->boot,
	                 recreplay_sample(r, 0)->boot);
	assert_int_equal(recreplay_nevents(r), 2);
	assert_int_equal(recreplay_event(r, 0)->pid, 4020);
	assert_int_equal(recreplay_event(r, 0)->at, 2);
	assert_int_equal(recreplay_event(r, 1)->pid, 4050);
	assert_int_equal(recreplay_event(r, 1)->at, 5);
	assert_int_equal(recreplay_events_upto(r, 6), 2);
	assert_int_equal(recreplay_step(r, 3, 60 * SEC_MS), 6);
	snapshot_init(&snap);
	assert_int_equal(recreplay_snapshot(r, 6, &snap), 0);
	assert_true(snap.rates.valid);
	assert_true(snap.rates.pswpout > 9.99 && snap.rates.pswpout < 10.01);
	snapshot_fini(&snap);
	assert_int_equal(recreplay_newer(r, &added), 0);
	assert_int_equal(added, 0);
	assert_int_equal(recreplay_nevents(r), 2);
	recreplay_close(r);
}

/* Many more samples than the first load's room (1024): the lists grow
 * from where they are. */
static void
test_newer_grows(void **state)
{
	struct dbfix *f = *state;
	int t[1100];
	struct recreplay *r;
	size_t added = 0;

	for (int k = 0; k < 1100; k++)
		t[k] = 10 * k;
	write_at(f->path, "boot-m", t, 1000, 0, -1);
	r = recfix_replay(f->path);
	assert_non_null(r);
	write_at(f->path, "boot-m", t + 1000, 100, 1000, 10500);
	assert_int_equal(recreplay_newer(r, &added), 0);
	assert_int_equal(added, 100);
	assert_int_equal(recreplay_count(r), 1100);
	for (size_t k = 0; k < 1100; k++)
		assert_int_equal(recreplay_sample(r, k)->time_ms,
		                 T0 + (int64_t)k * 10 * SEC_MS);
	assert_int_equal(recreplay_nevents(r), 1);
	assert_int_equal(recreplay_event(r, 0)->at, 1050);
	recreplay_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_gaps, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_gap_rates, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer_grows, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
