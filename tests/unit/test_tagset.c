/* Unit tests for model/tagset.c: tagged processes by identity. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/tagset.h"

static void
test_tagset(void **state)
{
	struct tagset ts;
	struct snapshot snap;
	struct proc_row r;
	(void)state;
	tagset_clear(&ts);
	assert_false(tagset_has(&ts, 10, 5));
	assert_int_equal(tagset_toggle(&ts, 10, 5), 1);
	assert_int_equal(tagset_toggle(&ts, 11, 7), 1);
	assert_int_equal(tagset_toggle(&ts, 12, 9), 1);
	assert_true(tagset_has(&ts, 10, 5));
	/* the same pid with another start time is another process */
	assert_false(tagset_has(&ts, 10, 6));
	assert_int_equal(tagset_toggle(&ts, 10, 5), 0);
	assert_false(tagset_has(&ts, 10, 5));
	assert_int_equal(ts.n, 2);
	assert_int_equal(ts.ids[0].pid, 11); /* order kept */
	/* prune: pid 11 is still there, pid 12 was reused */
	snapshot_init(&snap);
	memset(&r, 0, sizeof r);
	r.pid = 11;
	r.start_time = 7;
	assert_int_equal(snapshot_push_proc(&snap, &r), 0);
	r.pid = 12;
	r.start_time = 99;
	assert_int_equal(snapshot_push_proc(&snap, &r), 0);
	assert_int_equal(tagset_prune(&ts, &snap), 1);
	assert_int_equal(ts.n, 1);
	assert_true(tagset_has(&ts, 11, 7));
	snapshot_fini(&snap);
	/* full: refused, nothing changed */
	tagset_clear(&ts);
	for (int i = 0; i < TAGSET_MAX; i++)
		assert_int_equal(tagset_toggle(&ts, 100 + i, 1), 1);
	assert_int_equal(tagset_toggle(&ts, 5000, 1), -1);
	assert_int_equal(ts.n, TAGSET_MAX);
	assert_false(tagset_has(&ts, 5000, 1));
	assert_int_equal(tagset_toggle(&ts, 100, 1), 0); /* untag works */
	assert_int_equal(tagset_toggle(&ts, 5000, 1), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tagset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
