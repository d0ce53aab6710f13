/* Unit tests for libsqlite3 loaded at run time (persist/recsql.c). */
#define RECSQL_IMPL /* the real sqlite3_* names, to compare with */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "persist/recsql.h"

/* Before any open: the NULL cleanups work unloaded. */
static void
test_null_cleanups(void **state)
{
	(void)state;
	assert_int_equal(recsql_close(NULL), SQLITE_OK);
	assert_int_equal(recsql_finalize(NULL), SQLITE_OK);
}

/* The load fills every pointer with the library's own function. */
static void
test_load_fills_every_function(void **state)
{
	(void)state;
	assert_int_equal(recsql_load(), 0);
	assert_string_equal(recsql_why(), "");
#define SAME(name)                                                             \
	assert_ptr_equal((void *)recsql_api.name, (void *)sqlite3_##name);
	RECSQL_FUNCS(SAME)
	SAME(open_v2)
	SAME(close)
	SAME(errstr)
	SAME(errmsg)
	SAME(finalize)
#undef SAME
}

/* A round trip through the wrappers and the pointers. */
static void
test_round_trip(void **state)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	(void)state;
	assert_int_equal(
	    recsql_open_v2(":memory:", &db,
	                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	assert_non_null(db);
	assert_int_equal(
	    recsql_api.exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(
	    recsql_api.prepare_v2(db, "INSERT INTO t VALUES(?)", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(recsql_api.bind_int64(st, 1, 4200000000LL), SQLITE_OK);
	assert_int_equal(recsql_api.step(st), SQLITE_DONE);
	assert_int_equal(recsql_finalize(st), SQLITE_OK);
	assert_int_equal(
	    recsql_api.prepare_v2(db, "SELECT x FROM t", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(recsql_api.step(st), SQLITE_ROW);
	assert_int_equal(recsql_api.column_int64(st, 0), 4200000000LL);
	assert_int_equal(recsql_finalize(st), SQLITE_OK);
	assert_string_equal(recsql_errstr(SQLITE_BUSY),
	                    sqlite3_errstr(SQLITE_BUSY));
	assert_int_equal(recsql_close(db), SQLITE_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_null_cleanups),
	    cmocka_unit_test(test_load_fills_every_function),
	    cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
