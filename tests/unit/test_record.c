/* Unit tests for the recorder's wiring: its options (app/options.c), the
 * default database path and the in-memory queue (app/record*.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/options.h"
#include "optfix.h"
#include "app/record.h"
#include "app/record_queue.h"

/* --record and its defaults: 10 s, 7 days, no cap, command lines on. */
static void
test_record_defaults(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(PARSE("--record"), 0);
	assert_int_equal(o.mode, OPTIONS_RECORD);
	assert_int_equal(o.delay_ms, 10000);
	assert_int_equal(o.retain_ms, 7 * 86400000LL);
	assert_int_equal(o.max_size_bytes, 0);
	assert_false(o.no_cmdline);
	assert_null(o.db_path);
	assert_null(o.textfile_dir);
	assert_int_equal(o.samples, 0);
	assert_non_null(strstr(options_usage(), "--record"));
}

/* Every recorder option, with units. */
static void
test_record_full(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(PARSE("--record", "-d", "0.05", "--db", "/x/h.db",
	                       "--retain", "36h", "--max-size", "200M",
	                       "--no-cmdline", "--samples", "200", "--textfile",
	                       "/var/lib/node_exporter"),
	                 0);
	assert_string_equal(o.textfile_dir, "/var/lib/node_exporter");
	assert_int_equal(o.delay_ms, 50);
	assert_string_equal(o.db_path, "/x/h.db");
	assert_int_equal(o.retain_ms, 36 * 3600000LL);
	assert_int_equal(o.max_size_bytes, 200LL << 20);
	assert_true(o.no_cmdline);
	assert_int_equal(o.samples, 200);
	assert_int_equal(
	    PARSE("--record", "--retain", "2w", "--max-size", "3G"), 0);
	assert_int_equal(o.retain_ms, 14 * 86400000LL);
	assert_int_equal(o.max_size_bytes, 3LL << 30);
	assert_int_equal(PARSE("--record", "--retain", "7200"), 0);
	assert_int_equal(o.retain_ms, 7200000);
}

/* Bad values and bad company: one line each. */
static void
test_record_bad(void **state)
{
	struct options o;
	char err[256];
	static const char *const bad[][4] = {
	    {"--record", "--retain", "10m", NULL}, /* under an hour */
	    {"--record", "--retain", "7x", NULL},
	    {"--record", "--retain", "d", NULL},
	    {"--record", "--retain", "99999999999999999d", NULL},
	    {"--record", "--max-size", "10k", NULL}, /* under 1M */
	    {"--record", "--max-size", "5T", NULL},
	    {"--record", "--db", "", NULL},
	    {"--record", "--samples", "0", NULL},
	    {"--record", "-b", NULL, NULL},
	    {"--record", "--events", NULL, NULL},
	    {"-b", "--db", "x", NULL}, /* --db: the dashboard or --record */
	    {"-b", "--no-cmdline", NULL, NULL},
	    {"-b", "-d", "0.05", NULL}, /* under 0.1 s: --record only */
	    {"-d", "0.01", NULL, NULL},
	    {"--record", "--textfile", "", NULL},
	    {"-b", "--textfile", "/tmp", NULL}, /* --record only */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (optfix_parse(&o, err, bad[i]) != -1)
			fail_msg("accepted bad line %zu", i);
		assert_true(strlen(err) > 0);
		assert_null(strchr(err, '\n'));
	}
}

/* Root, XDG_STATE_HOME, HOME, nothing. */
static void
test_default_path(void **state)
{
	char p[256];

	(void)state;
	assert_int_equal(record_default_path(p, sizeof p, 1, "/s", "/h"), 0);
	assert_string_equal(p, "/var/lib/oomwatch/history.db");
	assert_int_equal(record_default_path(p, sizeof p, 0, "/s", "/h"), 0);
	assert_string_equal(p, "/s/oomwatch/history.db");
	assert_int_equal(record_default_path(p, sizeof p, 0, "rel", "/h"), 0);
	assert_string_equal(p, "/h/.local/state/oomwatch/history.db");
	assert_int_equal(record_default_path(p, sizeof p, 0, NULL, NULL), -1);
	assert_int_equal(record_default_path(p, 8, 0, "/s", NULL), -1);
}

/* A reader: root reads root's; anyone else the system database when it
 * is readable, else their own. */
static void
test_read_path(void **state)
{
	char p[256], sys[] = "/tmp/oomwatch-t-readpath.XXXXXX";
	int fd = mkstemp(sys);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(record_read_path_at(p, sizeof p, sys, 1, "/s", "/h"),
	                 0);
	assert_string_equal(p, "/var/lib/oomwatch/history.db");
	assert_int_equal(record_read_path_at(p, sizeof p, sys, 0, "/s", "/h"),
	                 0);
	assert_string_equal(p, sys);
	/* a reader with no home still finds the system's */
	assert_int_equal(record_read_path_at(p, sizeof p, sys, 0, NULL, NULL),
	                 0);
	assert_string_equal(p, sys);
	assert_int_equal(record_read_path_at(p, 8, sys, 0, "/s", "/h"), -1);
	unlink(sys);
	assert_int_equal(record_read_path_at(p, sizeof p, sys, 0, "/s", "/h"),
	                 0);
	assert_string_equal(p, "/s/oomwatch/history.db");
	assert_int_equal(record_read_path_at(p, sizeof p, sys, 0, NULL, NULL),
	                 -1);
}

/* A sample at time t with one identity and one event. */
static struct recdb_sample
qsample(int64_t t)
{
	struct recdb_sample s;

	memset(&s, 0, sizeof s);
	s.time_ms = t;
	s.idents = calloc(1, sizeof *s.idents);
	s.idents[0].pid = (int32_t)t;
	s.idents[0].comm = strdup("x");
	s.nidents = 1;
	s.events = calloc(1, sizeof *s.events);
	s.events[0].json = strdup("{}");
	s.events[0].pid = t;
	s.nevents = 1;
	if (t == 0) { /* a black box, carried until a sample has one */
		s.bbox = calloc(1, sizeof *s.bbox);
		s.bbox->time_ms = 77;
	}
	if (t == 1) { /* cgroup rows, dropped with their sample */
		s.cgroups = calloc(1, sizeof *s.cgroups);
		s.cgroups[0].path = strdup("/a");
		s.ncgroups = 1;
	}
	return s;
}

/* Full: the oldest goes, its identities, events and black box ride on. */
static void
test_queue(void **state)
{
	struct record_queue *q = calloc(1, sizeof *q);
	struct recdb_sample s, *f;

	(void)state;
	assert_null(record_queue_front(q));
	for (int64_t t = 0; t < RECORD_QUEUE_MAX + 2; t++) {
		s = qsample(t);
		assert_int_equal(record_queue_push(q, &s), 0);
		assert_null(s.idents);
	}
	assert_int_equal(q->len, RECORD_QUEUE_MAX);
	assert_int_equal(q->dropped, 2);
	f = record_queue_front(q);
	assert_int_equal(f->time_ms, 2);
	assert_int_equal(f->nidents, 3);
	assert_int_equal(f->nevents, 3);
	assert_int_equal(f->idents[0].pid, 2);
	assert_int_equal(f->idents[1].pid, 1);
	assert_int_equal(f->idents[2].pid, 0);
	assert_int_equal(f->events[2].pid, 0);
	assert_non_null(f->bbox);
	assert_int_equal(f->bbox->time_ms, 77);
	assert_int_equal(f->ncgroups, 0);
	record_queue_pop(q);
	assert_int_equal(record_queue_front(q)->time_ms, 3);
	record_queue_clear(q);
	assert_null(record_queue_front(q));
	free(q);
}

/* A sample at time t for test_queue_ends: none but what is said. */
static struct recdb_sample
esample(int64_t t)
{
	struct recdb_sample s;

	memset(&s, 0, sizeof s);
	s.time_ms = t;
	if (t == 0) { /* two new processes: 10 and 11 */
		s.idents = calloc(2, sizeof *s.idents);
		for (int i = 0; i < 2; i++)
			s.idents[i] = (struct recdb_ident){.pid = 10 + i,
			                                   .start_time = 5,
			                                   .comm = strdup("c")};
		s.nidents = 2;
	}
	if (t == 1) { /* 10 ended; 99 (stored before the outage) too; and a
		       * pid 11 of another start time */
		s.ends = calloc(3, sizeof *s.ends);
		s.ends[0] = (struct recdb_end){.pid = 99, .start_time = 5};
		s.ends[1] = (struct recdb_end){.pid = 10, .start_time = 5};
		s.ends[2] = (struct recdb_end){.pid = 11, .start_time = 4};
		s.nends = 3;
	}
	return s;
}

/* An outage: a process that came and went within dropped samples is
 * carried no further (identity and end both go); one still running, and
 * the end of one stored before, ride on. */
static void
test_queue_ends(void **state)
{
	struct record_queue *q = calloc(1, sizeof *q);
	struct recdb_sample s, *f;

	(void)state;
	for (int64_t t = 0; t < RECORD_QUEUE_MAX + 2; t++) {
		s = esample(t);
		assert_int_equal(record_queue_push(q, &s), 0);
	}
	f = record_queue_front(q);
	assert_int_equal(f->time_ms, 2);
	assert_int_equal(f->nidents, 1);
	assert_int_equal(f->idents[0].pid, 11);
	assert_int_equal(f->nends, 2);
	assert_true((f->ends[0].pid == 99 && f->ends[1].pid == 11) ||
	            (f->ends[0].pid == 11 && f->ends[1].pid == 99));
	record_queue_clear(q);
	free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_record_defaults),
	    cmocka_unit_test(test_queue_ends),
	    cmocka_unit_test(test_record_full),
	    cmocka_unit_test(test_record_bad),
	    cmocka_unit_test(test_default_path),
	    cmocka_unit_test(test_read_path),
	    cmocka_unit_test(test_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
