/* Unit tests for model/minseries.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/minseries.h"

#define MIN 60000LL
#define T0 1800000000000LL
#define ALIVE (11 * MIN)

/* n minutes of boot 1 from T0, each at its minute's 50th second, then
 * (more) minutes of boot 2. */
static size_t
minutes(struct minseries_minute *m, size_t n, size_t more)
{
	for (size_t i = 0; i < n + more; i++)
		m[i] = (struct minseries_minute){T0 + (int64_t)i * MIN + 50000,
		                                 i < n ? 1 : 2};
	return n + more;
}

/* A plateau's rows every 10 minutes are carried to every minute up to
 * the window's end (its last row within ALIVE of it); a row before the
 * window carries into it. */
static void
test_carried(void **state)
{
	struct minseries_minute m[30];
	const struct minseries_row rows[] = {{T0 - 5 * MIN, 100},
	                                     {T0 + 5 * MIN + 50000, 200},
	                                     {T0 + 15 * MIN + 50000, 300},
	                                     {T0 + 25 * MIN + 50000, 300}};
	struct hist_point p[30];
	size_t n =
	    minseries_build(m, minutes(m, 30, 0), 1, rows, 4, ALIVE, p, 30);

	(void)state;
	assert_int_equal(n, 30);
	assert_int_equal(p[0].value, 100);
	assert_int_equal(p[4].value, 100);
	assert_int_equal(p[5].value, 200);
	assert_int_equal(p[14].value, 200);
	assert_int_equal(p[15].value, 300);
	assert_int_equal(p[29].value, 300);
	assert_int_equal(p[29].wall_ms, T0 + 29 * MIN + 50000);
}

/* A process whose last row is more than ALIVE before its boot's last
 * minute is gone: no point after its last row's minute; a process of
 * boot 1 has no point in boot 2's minutes; a short-lived one has few. */
static void
test_gone(void **state)
{
	struct minseries_minute m[40];
	const struct minseries_row rows[] = {{T0 + 2 * MIN + 50000, 7000},
	                                     {T0 + 3 * MIN + 20000, 9000}};
	struct hist_point p[40];
	size_t nm = minutes(m, 30, 10);

	(void)state;
	assert_int_equal(minseries_build(m, nm, 1, rows, 2, ALIVE, p, 40), 2);
	assert_int_equal(p[1].value, 9000);
	assert_int_equal(p[1].wall_ms, T0 + 3 * MIN + 50000);
	/* alive at boot 1's end (its last row 5 minutes before): carried
	 * there, not into boot 2 */
	const struct minseries_row late[] = {{T0 + 24 * MIN + 50000, 5}};
	assert_int_equal(minseries_build(m, nm, 1, late, 1, ALIVE, p, 40), 6);
	assert_int_equal(minseries_build(m, nm, 1, late, 1, ALIVE, p, 3), 3);
	assert_int_equal(minseries_build(m, nm, 1, late, 0, ALIVE, p, 40), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_carried),
	    cmocka_unit_test(test_gone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
