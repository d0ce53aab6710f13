/* Unit tests for schema 4's cgroup_ends: the migration from version 3
 * (persist/recdb_schema.c), the writer (persist/recdb_cg.c: a sample's
 * ended cgroups), and the replay's rule (persist/recreplay_cg.c: a cgroup
 * recorded gone after its latest row is not in the sample; a version 3
 * file keeps the 11-minute rule). Databases are written by the recorder's
 * own writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapcg.h"
#include "persist/recdb.h"
#include "persist/recreplay.h"

#include "dbfix.h"
#include "recfix.h"

#define SEC_MS 1000LL
#define MB (1024LL * 1024)
#define T0 1800000000000LL /* 2027-01-15 08:00:00 UTC */

/* An empty sample at t (meminfo only) with n cgroup rows to fill. */
static void
sample_at(struct recdb_sample *s, int64_t t, size_t n)
{
	memset(s, 0, sizeof *s);
	s->time_ms = t;
	s->mem =
	    (struct mem_info){8000000, 100000, 4000000, 1000,    2000,   300,
	                      400,     0,      0,       SNAP_NA, SNAP_NA};
	s->cgroups = calloc(n, sizeof *s->cgroups);
}

/* Append to s a cgroup row of path (usage_mb, limit_mb: -1 unknown),
 * ended or not. */
static void
cg_add(struct recdb_sample *s, const char *path, int64_t usage_mb,
       int64_t limit_mb, bool ended)
{
	s->cgroups[s->ncgroups++] = (struct recdb_cgroup){
	    .path = strdup(path),
	    .usage_bytes = usage_mb * MB,
	    .limit_bytes = limit_mb < 0 ? SNAP_NA : limit_mb * MB,
	    .high_bytes = SNAP_NA,
	    .swap_bytes = SNAP_NA,
	    .oom = 0,
	    .oom_kill = 0,
	    .psi_some_avg10 = -1,
	    .ended = ended,
	};
}

/* A version 3 file (no cgroup_ends) migrates to 4 with the table added
 * and its rows kept; an ended cgroup gets a cgroup_ends row at that
 * sample and no cgroup_rows row, a path never stored gets nothing, and a
 * path back later gets rows (and can end) again. */
static void
test_writer(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = recfix_db(f->path, "boot-a");
	struct recdb_sample s;
	char err[256];

	assert_non_null(db);
	sample_at(&s, T0, 2);
	cg_add(&s, "/a", 1, 64, false);
	cg_add(&s, "/b", 2, 64, false);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	assert_int_equal(dbfix_run(f->path, "DROP TABLE cgroup_ends; "
	                                    "PRAGMA user_version = 3"),
	                 0);
	assert_int_equal(recdb_file_version(f->path, err, sizeof err), 3);
	db = recfix_db(f->path, "boot-a");
	assert_non_null(db);
	assert_int_equal(recdb_file_version(f->path, err, sizeof err),
	                 RECDB_VERSION);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroup_ends"),
	                 0);
	sample_at(&s, T0 + 10 * SEC_MS, 3);
	cg_add(&s, "/b", 2, 64, false);
	cg_add(&s, "/a", 0, 0, true);
	cg_add(&s, "/never", 0, 0, true);
	assert_int_equal(dbfix_write(db, &s), 0);
	sample_at(&s, T0 + 20 * SEC_MS, 1); /* /a back */
	cg_add(&s, "/a", 1, 64, false);
	assert_int_equal(dbfix_write(db, &s), 0);
	sample_at(&s, T0 + 30 * SEC_MS, 1); /* and gone again */
	cg_add(&s, "/a", 0, 0, true);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroup_ends"),
	                 2);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM cgroup_ends e JOIN "
	                           "cgroups c ON c.id = e.cgroup_id WHERE "
	                           "c.path = '/a' AND e.sample_id IN (2, 4)"),
	                 2);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroups "
	                                    "WHERE path = '/never'"),
	                 0);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT group_concat(r.sample_id) = '1,3' "
	                           "FROM cgroup_rows r JOIN cgroups c ON c.id "
	                           "= r.cgroup_id WHERE c.path = '/a'"),
	                 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroup_rows"),
	                 4);
}

/* Write 10 samples of boot-e, 10 s apart: "/" every sample; "/gone" a
 * row at 0 and ended at 3; "/back" a row at 0, ended at 2, a row again
 * at 5 (a path that came back). */
static void
write_ends(const char *path)
{
	struct recdb *db = recfix_db(path, "boot-e");
	struct recdb_sample s;

	assert_non_null(db);
	for (int i = 0; i < 10; i++) {
		sample_at(&s, T0 + i * 10 * SEC_MS, 3);
		cg_add(&s, "/", 3000, -1, false);
		if (i == 0 || i == 3)
			cg_add(&s, "/gone", 10, 64, i == 3);
		if (i == 0 || i == 2 || i == 5)
			cg_add(&s, "/back", 20, 32, i == 2);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	recdb_close(db);
}

/* Whether sample i of r has the cgroup at path. */
static bool
has_cg(struct recreplay *r, size_t i, const char *path)
{
	struct snapshot snap;
	bool has;

	snapshot_init(&snap);
	if (recreplay_snapshot(r, i, &snap) != 0)
		fail_msg("recreplay_snapshot: %s", recreplay_error(r));
	has = snapcg_find(&snap, path, strlen(path)) != SNAPCG_NONE;
	snapshot_fini(&snap);
	return has;
}

/* A cgroup is gone from the sample it was recorded gone at, and back
 * with its next row; a version 3 file (no cgroup_ends) keeps it until its
 * last row is 11 minutes old. */
static void
test_replay(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;

	write_ends(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_true(has_cg(r, 2, "/gone"));
	assert_false(has_cg(r, 3, "/gone")); /* its end's sample */
	assert_false(has_cg(r, 9, "/gone"));
	assert_true(has_cg(r, 1, "/back"));
	assert_false(has_cg(r, 2, "/back"));
	assert_false(has_cg(r, 4, "/back"));
	assert_true(has_cg(r, 5, "/back")); /* a row after its end */
	assert_true(has_cg(r, 9, "/back"));
	assert_true(has_cg(r, 9, "/"));
	recreplay_close(r);
	assert_int_equal(dbfix_run(f->path, "DROP TABLE cgroup_ends; "
	                                    "PRAGMA user_version = 3"),
	                 0);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_true(has_cg(r, 3, "/gone"));
	assert_true(has_cg(r, 9, "/gone"));
	assert_true(has_cg(r, 4, "/back"));
	recreplay_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_writer, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_replay, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
