/*
 * Unit tests for model/recjson.c (a stored event's JSON fields) and
 * model/recbox.c (a recorded event rebuilt, matched to the live log's and
 * merged with it): good text, text cut anywhere, hostile text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/recbox.h"
#include "model/recjson.h"

static const char kill_json[] =
    "{\"kind\": \"oom_kill\", \"time\": 12.345678, \"pid\": 4242, "
    "\"comm\": \"le\\\"ak\\u00e9\", \"uid\": 0, \"total_vm_kb\": 900, "
    "\"anon_rss_kb\": 204800, \"file_rss_kb\": 10, \"shmem_rss_kb\": 0, "
    "\"pgtables_kb\": 400, \"oom_score_adj\": -5, \"constraint\": "
    "\"memcg\", \"memcg\": \"/t/x\", \"memcg_name\": null, \"trigger\": "
    "null, \"order\": 0, \"reaped\": true, \"tasks\": [{\"pid\": 1, "
    "\"name\": \"a}\\\"]\"}, {\"pid\": 2, \"name\": [[]]}], \"last\": 7}";

/* The fields of a well-formed object, nested values skipped. */
static void
test_good(void **state)
{
	const size_t n = sizeof kill_json - 1;
	char buf[64];
	int64_t v = 99;

	(void)state;
	assert_true(recjson_int(kill_json, n, "pid", &v));
	assert_int_equal(v, 4242);
	assert_true(recjson_int(kill_json, n, "oom_score_adj", &v));
	assert_int_equal(v, -5);
	assert_true(recjson_int(kill_json, n, "last", &v)); /* after tasks */
	assert_int_equal(v, 7);
	assert_true(recjson_str(kill_json, n, "comm", buf, sizeof buf));
	assert_string_equal(buf, "le\"ak\xc3\xa9");
	assert_true(recjson_str(kill_json, n, "memcg", buf, sizeof buf));
	assert_string_equal(buf, "/t/x");
	/* null, a fraction, a string, a missing key: not an integer */
	v = 99;
	assert_false(recjson_int(kill_json, n, "memcg_name", &v));
	assert_false(recjson_int(kill_json, n, "time", &v));
	assert_false(recjson_int(kill_json, n, "comm", &v));
	assert_false(recjson_int(kill_json, n, "nope", &v));
	assert_false(recjson_str(kill_json, n, "trigger", buf, sizeof buf));
	assert_int_equal(v, 99);
	/* a member of a nested object is not a top-level one */
	assert_false(recjson_str(kill_json, n, "name", buf, sizeof buf));
	/* the limits of int64_t */
	assert_true(recjson_int("{\"a\": -9223372036854775808}", 27, "a", &v));
	assert_true(v == INT64_MIN);
	assert_false(recjson_int("{\"a\": 9223372036854775808}", 26, "a", &v));
}

/* A string cut to the buffer keeps whole characters; controls show. */
static void
test_cut_and_controls(void **state)
{
	static const char j[] = "{\"s\": \"ab\xc3\xa9\\u20ac\\u0000\\n\x01z\"}";
	char buf[16], small[4];

	(void)state;
	assert_true(recjson_str(j, sizeof j - 1, "s", buf, sizeof buf));
	assert_string_equal(buf, "ab\xc3\xa9\xe2\x82\xac???z");
	assert_true(recjson_str(j, sizeof j - 1, "s", small, sizeof small));
	assert_string_equal(small, "ab"); /* not half an e-acute */
	assert_true(
	    recjson_str("{\"s\": \"\\ud800\"}", 15, "s", buf, sizeof buf));
	assert_string_equal(buf, "?"); /* a lone surrogate */
}

/* Every prefix of a good object: never a crash, never a value read past
 * the cut, and never an out-of-bounds read (ASan, a copy of exactly len
 * bytes). */
static void
test_truncated(void **state)
{
	const size_t n = sizeof kill_json - 1;
	char buf[64];
	int64_t v;

	(void)state;
	for (size_t len = 0; len < n; len++) {
		char *cut = malloc(len ? len : 1);

		memcpy(cut, kill_json, len);
		v = 0;
		if (recjson_int(cut, len, "pid", &v))
			assert_int_equal(v, 4242);
		if (recjson_int(cut, len, "last", &v))
			fail_msg("the last member read from %zu bytes", len);
		if (recjson_str(cut, len, "comm", buf, sizeof buf))
			assert_string_equal(buf, "le\"ak\xc3\xa9");
		free(cut);
	}
}

/* Hostile and malformed text: false, no crash. */
static void
test_hostile(void **state)
{
	static const char *const bad[] = {
	    "",
	    "[]",
	    "{",
	    "{\"pid\"",
	    "{\"pid\":",
	    "{\"pid\": }",
	    "{\"pid\": 12",
	    "{\"pid\": 1x}",
	    "{\"pid\": --1}",
	    "{\"a\": \"\\q\", \"pid\": 1}",
	    "{\"a\": \"\\u12g4\", \"pid\": 1}",
	    "{\"a\": ]], \"pid\": 1}",
	    "{\"a\": [[[[[[[[[[[[[[[[[[[[, \"pid\": 1}",
	    "{\"a\" \"pid\": 1}",
	    "{\"a\": 1 \"pid\": 1}",
	    "{pid: 1}",
	    "{\"a\": \"unterminated, \"pid\": 1",
	};
	char buf[8];
	int64_t v = 5;
	static char deep[70000];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(recjson_int(bad[i], strlen(bad[i]), "pid", &v));
		assert_false(recjson_str(bad[i], strlen(bad[i]), "pid", buf,
		                         sizeof buf));
	}
	assert_int_equal(v, 5);
	assert_false(recjson_int(NULL, 4, "pid", &v));
	/* deep nesting: no recursion to overflow */
	memcpy(deep, "{\"a\": ", 6);
	memset(deep + 6, '[', sizeof deep - 7);
	assert_false(recjson_int(deep, sizeof deep - 1, "pid", &v));
	/* a NUL inside the text is just a byte */
	assert_false(recjson_int("{\"pid\": 1\0}", 11, "pid", &v));
}

/* A stored kill rebuilt as an event. */
static void
test_event(void **state)
{
	struct kevent e;

	(void)state;
	assert_true(recbox_event(&e, "oom_kill", KLOG_TIME_BOOT, 12345678, 77,
	                         4242, kill_json, sizeof kill_json - 1));
	assert_int_equal(e.kind, KEVENT_OOM_KILL);
	assert_true(e.has_seq);
	assert_int_equal(e.seq, 77);
	assert_int_equal(e.pid, 4242);
	assert_true(e.comm.set);
	assert_memory_equal(e.comm.s, "le\"ak\xc3\xa9", e.comm.len);
	assert_int_equal(e.oom.anon_rss_kb, 204800);
	assert_int_equal(e.oom.file_rss_kb, 10);
	assert_int_equal(e.oom.constraint, OOM_CONSTRAINT_MEMCG);
	assert_int_equal(e.oom.ntasks, 0);
	assert_true(e.oom.memcg.set);
	assert_false(recbox_event(&e, "no_such_kind", 1, 0, -1, -1, "{}", 2));
	/* a damaged JSON: the columns still make the event */
	assert_true(recbox_event(&e, "hung_task", 9, 5, -1, -1, "{\"x", 3));
	assert_int_equal(e.kind, KEVENT_HUNG_TASK);
	assert_int_equal(e.time.kind, KLOG_TIME_NONE);
	assert_false(e.has_seq);
	assert_false(e.comm.set);
}

/* Feed one kmsg record of a kill at boot time usec with seq. */
static void
feed_kill(struct kevents *ev, int seq, long usec, int pid)
{
	char line[200];
	int n = snprintf(line, sizeof line,
	                 "3,%d,%ld,-;Out of memory: Killed process %d (live) "
	                 "total-vm:1000kB, anon-rss:500kB, file-rss:0kB, "
	                 "shmem-rss:0kB, UID:0 pgtables:10kB oom_score_adj:0",
	                 seq, usec, pid);

	assert_int_equal(kevents_feed_line(ev, line, (size_t)n), 1);
}

/* A recorded kill as a box: seq (-1: none), boot time usec, pid. */
static void
make_box(struct recbox *b, int64_t seq, int64_t usec, int64_t pid)
{
	memset(b, 0, sizeof *b);
	assert_true(recbox_event(&b->ev, "oom_kill", KLOG_TIME_BOOT, usec, seq,
	                         pid, "{}", 2));
	b->has_box = true;
}

/* Matching by seq, else by time + pid + kind; merging the unmatched
 * recorded kills in by time. */
static void
test_match_merge(void **state)
{
	struct kevents *ev = kevents_new(16);
	static struct recbox b[4];
	struct recbox_row rows[8];
	size_t n;

	(void)state;
	assert_non_null(ev);
	feed_kill(ev, 10, 5000000, 100); /* older */
	feed_kill(ev, 20, 9000000, 200); /* newest */
	/* newest first: a kill after both, the live one of seq 20, one
	 * between them (overwritten in kmsg? no: not live), one before */
	make_box(&b[0], 30, 9500000, 300);
	make_box(&b[1], 20, 1, 1); /* seq equal: the same, whatever else */
	make_box(&b[2], 15, 7000000, 150);
	make_box(&b[3], -1, 5000000, 100); /* no seq: time + pid */
	assert_int_equal(recbox_match(b, 4, kevents_get(ev, 0)), 1);
	assert_int_equal(recbox_match(b, 4, kevents_get(ev, 1)), 3);
	b[3].ev.pid = 101;
	assert_int_equal(recbox_match(b, 4, kevents_get(ev, 1)), -1);
	b[3].ev.pid = 100;
	n = recbox_merge(ev, b, 4, rows, 8);
	assert_int_equal(n, 4);
	assert_true(rows[0].from_record && rows[0].box == &b[0]);
	assert_true(!rows[1].from_record && rows[1].box == &b[1] &&
	            rows[1].e == kevents_get(ev, 0));
	assert_true(rows[2].from_record && rows[2].box == &b[2]);
	assert_true(!rows[3].from_record && rows[3].box == &b[3]);
	/* bounded by max; no live log at all */
	assert_int_equal(recbox_merge(ev, b, 4, rows, 2), 2);
	n = recbox_merge(NULL, b, 4, rows, 8);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_true(rows[i].from_record && rows[i].box == &b[i]);
	/* a recorded hung task not live: not listed */
	assert_true(recbox_event(&b[2].ev, "hung_task", KLOG_TIME_BOOT, 1, 99,
	                         5, "{}", 2));
	assert_int_equal(recbox_merge(ev, b, 4, rows, 8), 3);
	kevents_free(ev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_cut_and_controls),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_event),
	    cmocka_unit_test(test_match_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
