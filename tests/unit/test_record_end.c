/* Unit tests for the recorder's process ends (app/record_end.c), alone
 * and written through persist/recdb.c into procs.end_sample. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/record_end.h"
#include "dbfix.h"
#include "persist/recdb.h"

/* A snapshot of the processes pids[i] (start time starts[i]) of n. */
static void
snap_of(struct snapshot *snap, const int32_t *pids, const uint64_t *starts,
        size_t n)
{
	snapshot_reset(snap);
	for (size_t i = 0; i < n; i++) {
		struct proc_row p = {.pid = pids[i], .start_time = starts[i]};

		assert_int_equal(snapshot_push_proc(snap, &p), 0);
	}
}

/* A sample at time t storing rows (and identities) for the processes
 * of snap whose pid is in rows[0..n). */
static void
sample_of(struct recdb_sample *s, int64_t t, const struct snapshot *snap,
          const int32_t *rows, size_t n)
{
	memset(s, 0, sizeof *s);
	s->time_ms = t;
	s->rows = calloc(snap->nprocs + 1, sizeof *s->rows);
	s->idents = calloc(snap->nprocs + 1, sizeof *s->idents);
	for (size_t i = 0; i < snap->nprocs; i++) {
		const struct proc_row *p = &snap->procs[i];

		for (size_t k = 0; k < n; k++) {
			if (rows[k] != p->pid)
				continue;
			s->rows[s->nrows++] =
			    (struct recdb_row){.pid = p->pid,
			                       .start_time = p->start_time,
			                       .rss_kb = 5000,
			                       .swap_kb = SNAP_NA};
			s->idents[s->nidents++] =
			    (struct recdb_ident){.pid = p->pid,
			                         .start_time = p->start_time,
			                         .comm = strdup("cc1")};
		}
	}
}

/* Whether s's ends are exactly pid/start pairs want[0..n). */
static void
ends_are(const struct recdb_sample *s, const struct recdb_end *want, size_t n)
{
	assert_int_equal(s->nends, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(s->ends[i].pid, want[i].pid);
		assert_int_equal(s->ends[i].start_time, want[i].start_time);
	}
}

/* Ends are the stored processes gone since the last sample: never a
 * process that was not stored, never a process that runs on without a
 * new row, a reused pid is another process; written, they set the
 * procs rows' end_sample to the sample they came with. */
static void
test_ends(void **state)
{
	struct dbfix *f = *state;
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(f->path, "boot-a", &st, err, sizeof err);
	struct record_end e = {0};
	struct snapshot snap;
	struct recdb_sample s;

	assert_non_null(db);
	snapshot_init(&snap);
	/* 1: 100..102 stored, 200 too small to store */
	snap_of(&snap, (const int32_t[]){100, 101, 102, 200},
	        (const uint64_t[]){7, 7, 7, 7}, 4);
	sample_of(&s, 1000, &snap, (const int32_t[]){100, 101, 102}, 3);
	assert_int_equal(record_end_note(&e, &snap, &s), 0);
	ends_are(&s, NULL, 0);
	assert_int_equal(dbfix_write(db, &s), 0);
	/* 2: 101 gone; 100 and 102 run on without rows; 200 runs on */
	snap_of(&snap, (const int32_t[]){100, 102, 200},
	        (const uint64_t[]){7, 7, 7}, 3);
	sample_of(&s, 2000, &snap, NULL, 0);
	assert_int_equal(record_end_note(&e, &snap, &s), 0);
	ends_are(&s, (const struct recdb_end[]){{101, 7}}, 1);
	assert_int_equal(dbfix_write(db, &s), 0);
	/* 3: 102 reused by a new process (stored), 200 gone unstored */
	snap_of(&snap, (const int32_t[]){102, 100}, (const uint64_t[]){9, 7},
	        2);
	sample_of(&s, 3000, &snap, (const int32_t[]){102}, 1);
	assert_int_equal(record_end_note(&e, &snap, &s), 0);
	ends_are(&s, (const struct recdb_end[]){{102, 7}}, 1);
	assert_int_equal(dbfix_write(db, &s), 0);
	/* 4: everything gone */
	snap_of(&snap, NULL, NULL, 0);
	sample_of(&s, 4000, &snap, NULL, 0);
	assert_int_equal(record_end_note(&e, &snap, &s), 0);
	ends_are(&s, (const struct recdb_end[]){{100, 7}, {102, 9}}, 2);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	record_end_fini(&e);
	snapshot_fini(&snap);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 101"),
	                 2);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 102 AND "
	                                    "start_time = 7"),
	                 3);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 102 AND "
	                                    "start_time = 9"),
	                 4);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 100"),
	                 4);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs "
	                                    "WHERE pid = 200"),
	                 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_ends, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
