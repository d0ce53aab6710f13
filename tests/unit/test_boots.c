/* Unit tests for model/journal.c and model/boots.c: journalctl's JSON
 * lines (a fixture with one boot that had an OOM kill and a panic), and
 * the boots table's "how it ended" for every case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/boots.h"
#include "tfile.h"

#define JOURNAL_FIXTURE "tests/fixtures/boots/journal.json"
#define BOOT_A "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"
#define BOOT_B "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2"
#define START_A 1764547200
#define START_B 1764633600

#define S(lit) lit, sizeof(lit) - 1

/* The fixture's boots, summarized. */
static struct journal_boots *
fixture_boots(void)
{
	static char buf[65536];
	struct journal_boots *jb = journal_boots_new();
	char *p, *nl;

	assert_non_null(jb);
	assert_int_equal(tfile_get(JOURNAL_FIXTURE, buf, sizeof buf), 0);
	for (p = buf; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		journal_boots_feed(jb, p, (size_t)(nl - p));
	journal_boots_finish(jb);
	return jb;
}

static void
test_journal_fixture(void **state)
{
	struct journal_boots *jb = fixture_boots();
	const struct journal_boot *a, *b;
	(void)state;
	assert_int_equal(journal_boots_count(jb), 2);
	assert_int_equal(journal_boots_skipped(jb), 0);
	a = journal_boots_get(jb, 0);
	b = journal_boots_get(jb, 1);
	assert_string_equal(a->boot_id, BOOT_A);
	assert_int_equal(a->boot_unix_us, (int64_t)START_A * 1000000);
	assert_int_equal(a->last_unix_us / 1000000, START_A + 1000);
	assert_int_equal(a->sum.counts[KEVENT_OOM_KILL], 1);
	assert_int_equal(a->sum.counts[KEVENT_HUNG_TASK], 1);
	/* the userspace line that looks like a panic is not one */
	assert_int_equal(a->sum.counts[KEVENT_PANIC], 1);
	assert_true(a->sum.panicked);
	assert_memory_equal(a->sum.panic.s, "Fatal exception in interrupt", 28);
	assert_string_equal(b->boot_id, BOOT_B);
	assert_int_equal(kevsum_total(&b->sum), 0);
	assert_null(journal_boots_get(jb, 2));
	journal_boots_free(jb);
}

static void
test_journal_parse_escapes(void **state)
{
	static struct klog_record rec;
	struct journal_entry e;
	(void)state;
	assert_true(journal_parse(
	    S("{\"MESSAGE\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" a\\\\b\\n\","
	      "\"_TRANSPORT\":\"kernel\",\"PRIORITY\":\"3\","
	      "\"__REALTIME_TIMESTAMP\":\"1700000000000001\"}"),
	    &e, &rec));
	assert_string_equal(rec.text,
	                    "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" a\\b\n");
	assert_int_equal(rec.level, 3);
	assert_false(rec.from_user);
	assert_int_equal(rec.time.kind, KLOG_TIME_UNIX);
	assert_int_equal(rec.time.usec, 1700000000000001);
	assert_true(e.kernel);
	assert_string_equal(e.boot_id, "");
	/* not UTF-8: the journal gives the bytes as numbers */
	assert_true(journal_parse(S("{\"MESSAGE\":[104,105,27,255],"
	                            "\"_BOOT_ID\":\"" BOOT_A "\"}"),
	                          &e, &rec));
	assert_int_equal(rec.text_len, 4);
	assert_memory_equal(rec.text, "hi\x1b\xff", 4);
	assert_true(rec.from_user); /* no _TRANSPORT=kernel */
	assert_string_equal(e.boot_id, BOOT_A);
	/* a lone surrogate, a stray backslash */
	assert_true(
	    journal_parse(S("{\"MESSAGE\":\"x\\ud800y\\q\"}"), &e, &rec));
	assert_string_equal(rec.text, "x\xef\xbf\xbdyq");
}

static void
test_journal_parse_rejects(void **state)
{
	static struct klog_record rec;
	struct journal_entry e;
	(void)state;
	assert_false(journal_parse(S(""), &e, &rec));
	assert_false(journal_parse(S("[1,2]"), &e, &rec));
	assert_false(journal_parse(S("{\"PRIORITY\":\"3\"}"), &e, &rec));
	assert_false(
	    journal_parse(S("{\"MESSAGE\":\"unterminated}"), &e, &rec));
	assert_false(journal_parse(S("{\"MESSAGE\" 1}"), &e, &rec));
	assert_false(journal_parse(S("{\"a\":{\"MESSAGE\":\"x\"}}"), &e, &rec));
	assert_false(journal_parse(S("{\"MESSAGE\":null}"), &e, &rec));
	/* a cut \u escape at the end stays in bounds */
	assert_true(journal_parse(S("{\"MESSAGE\":\"\\u12\"}"), &e, &rec));
}

/* A wtmp boot. */
static struct wtmp_boot
wboot(int64_t start, enum wtmp_end end, int64_t end_s)
{
	struct wtmp_boot b;

	memset(&b, 0, sizeof b);
	b.start_unix_s = b.last_seen_unix_s = start;
	b.end = end;
	b.end_unix_s = end == WTMP_SHUTDOWN ? end_s : INT64_MIN;
	if (end != WTMP_SHUTDOWN && end_s != INT64_MIN)
		b.last_seen_unix_s = end_s;
	strcpy(b.kernel, "6.1.0-test");
	return b;
}

/* wtmp and the journal joined: boot A (journal: OOM kill, panic; wtmp:
 * crash) is a panic with its message, boot B is running. */
static void
test_table_journal_and_wtmp(void **state)
{
	struct journal_boots *jb = fixture_boots();
	struct journal_boot j[2];
	struct wtmp_boot w[3] = {
	    wboot(START_A - 86400, WTMP_SHUTDOWN, START_A - 600),
	    wboot(START_A + 20, WTMP_CRASH, START_A + 900),
	    wboot(START_B + 15, WTMP_RUNNING, INT64_MIN),
	};
	struct boots_input in = {
	    .wtmp = w,
	    .nwtmp = 3,
	    .journal = j,
	    .njournal = 2,
	    .boot_id = BOOT_B,
	    .boot_unix_s = START_B,
	    .now_unix_s = START_B + 60,
	};
	struct boots_row r[8];
	(void)state;
	j[0] = *journal_boots_get(jb, 0);
	j[1] = *journal_boots_get(jb, 1);
	journal_boots_free(jb);
	assert_int_equal(boots_build(&in, r, 8), 3);
	assert_int_equal(r[0].index, 0);
	assert_int_equal(r[0].end, BOOTS_RUNNING);
	assert_string_equal(r[0].boot_id, BOOT_B);
	assert_true(r[0].in_wtmp && r[0].in_journal);
	assert_int_equal(boots_uptime_s(&r[0], START_B + 60), 60 - 15);
	assert_int_equal(r[1].index, -1);
	assert_int_equal(r[1].end, BOOTS_PANIC);
	assert_memory_equal(r[1].panic.s, "Fatal exception in interrupt", 28);
	assert_int_equal(r[1].counts[KEVENT_OOM_KILL], 1);
	assert_int_equal(boots_events(&r[1]), 3);
	assert_string_equal(r[1].kernel, "6.1.0-test");
	assert_int_equal(r[2].index, -2);
	assert_int_equal(r[2].end, BOOTS_SHUTDOWN);
	assert_true(r[2].end_exact);
	assert_int_equal(boots_uptime_s(&r[2], 0), 86400 - 600);
	assert_false(r[2].in_journal);
	assert_string_equal(boots_end_words(r[1].end), "panic");
}

/* wtmp only: crash with no record, clean shutdown; dumps make an OOM
 * panic and a reboot; a boot nobody recorded is unknown. */
static void
test_table_every_end(void **state)
{
	struct wtmp_boot w[4] = {
	    wboot(1000, WTMP_CRASH, 1500),    /* crash, no record */
	    wboot(2000, WTMP_CRASH, 2500),    /* crash with an OOM panic dump */
	    wboot(3000, WTMP_SHUTDOWN, 3500), /* clean */
	    wboot(4000, WTMP_SHUTDOWN, 4500), /* a restart dump: reboot */
	};
	struct pstore_record p[3];
	struct boots_input in = {
	    .wtmp = w,
	    .nwtmp = 4,
	    .pstore = p,
	    .npstore = 3,
	    .boot_id = NULL,
	    .boot_unix_s = 6000,
	    .now_unix_s = 6100,
	};
	struct boots_row r[8];
	(void)state;
	memset(p, 0, sizeof p);
	p[0].time_unix_s = 2600; /* written after its boot's last record */
	p[0].reason = PSTORE_REASON_PANIC;
	p[0].sum.panicked = p[0].sum.oom_panic = true;
	p[0].sum.counts[KEVENT_OOM_KILL] = 2;
	p[0].sum.counts[KEVENT_PANIC] = 1;
	p[1].time_unix_s = 4499;
	p[1].reason = PSTORE_REASON_RESTART;
	p[2].time_unix_s = 10; /* before any boot: an earlier row */
	assert_int_equal(boots_build(&in, r, 8), 6);
	/* this boot is in no source: a row is made for it */
	assert_int_equal(r[0].start_unix_s, 6000);
	assert_int_equal(r[0].end, BOOTS_RUNNING);
	assert_int_equal(boots_uptime_s(&r[0], 6100), 100);
	/* the newest wtmp boot says running, but it is not this boot */
	assert_int_equal(r[1].end, BOOTS_REBOOT);
	assert_int_equal(r[1].dumps, 1);
	assert_int_equal(r[2].end, BOOTS_SHUTDOWN);
	assert_int_equal(r[3].end, BOOTS_OOM_PANIC);
	assert_int_equal(r[3].end_unix_s, 2600);
	assert_true(r[3].end_exact);
	assert_int_equal(r[3].counts[KEVENT_OOM_KILL], 2);
	assert_int_equal(r[4].end, BOOTS_CRASH);
	assert_false(r[4].end_exact);
	assert_int_equal(r[4].end_unix_s, 1500);
	assert_int_equal(r[4].index, -4);
	assert_false(r[4].earlier);
	/* the dump from before every boot: never dropped */
	assert_true(r[5].earlier);
	assert_int_equal(r[5].index, -5);
	assert_int_equal(r[5].dumps, 1);
	assert_int_equal(r[5].start_unix_s, KLOG_NA);
	assert_int_equal(r[5].end_unix_s, 10);
	assert_int_equal(r[5].end, BOOTS_UNKNOWN);
	assert_string_equal(boots_end_name(BOOTS_OOM_PANIC), "oom-panic");
	assert_string_equal(boots_end_words(BOOTS_CRASH), "crash (no record)");
}

/* A journal boot with no wtmp and no halt line: unknown (journald stops
 * before the kernel's last words); with "reboot: Power down": shutdown.
 * Counts are the largest per kind, never a sum of the sources. */
static void
test_table_journal_only(void **state)
{
	struct journal_boot j[3];
	struct pstore_record p[1];
	struct boots_input in = {
	    .journal = j,
	    .njournal = 3,
	    .pstore = p,
	    .npstore = 1,
	    .boot_id = BOOT_B,
	    .boot_unix_s = KLOG_NA,
	    .now_unix_s = 0,
	};
	struct boots_row r[2];
	(void)state;
	memset(j, 0, sizeof j);
	memset(p, 0, sizeof p);
	for (int i = 0; i < 3; i++) {
		j[i].boot_unix_us = (int64_t)(1000 + 1000 * i) * 1000000;
		j[i].first_unix_us = j[i].boot_unix_us;
		j[i].last_unix_us = j[i].boot_unix_us + 500000000;
		memset(j[i].boot_id, 'c' + i, JOURNAL_BOOT_ID_LEN);
	}
	strcpy(j[2].boot_id, BOOT_B);
	j[1].sum.halt = KEVSUM_HALT_POWEROFF;
	j[1].sum.counts[KEVENT_OOM_KILL] = 3;
	p[0].time_unix_s = 2100;
	p[0].sum.counts[KEVENT_OOM_KILL] = 2;
	p[0].sum.counts[KEVENT_HUNG_TASK] = 1;
	/* two rows kept: the newest */
	assert_int_equal(boots_build(&in, r, 2), 2);
	assert_int_equal(r[0].end, BOOTS_RUNNING);
	assert_int_equal(r[1].end, BOOTS_SHUTDOWN);
	assert_false(r[1].end_exact);
	assert_int_equal(r[1].end_unix_s, 2500);
	assert_int_equal(r[1].counts[KEVENT_OOM_KILL], 3);
	assert_int_equal(r[1].counts[KEVENT_HUNG_TASK], 1);
	j[1].sum.halt = KEVSUM_HALT_NONE;
	assert_int_equal(boots_build(&in, r, 2), 2);
	assert_int_equal(r[1].end, BOOTS_UNKNOWN);
}

/* A panic dump written at when (KLOG_NA: no time) with msg. */
static struct pstore_record
panic_dump(int64_t when, const char *msg)
{
	struct pstore_record p;

	memset(&p, 0, sizeof p);
	p.time_unix_s = when;
	p.reason = PSTORE_REASON_PANIC;
	p.sum.panicked = true;
	p.sum.panic.set = true;
	p.sum.panic.len = strlen(msg);
	memcpy(p.sum.panic.s, msg, p.sum.panic.len);
	p.sum.counts[KEVENT_PANIC] = 1;
	return p;
}

/* pstore alone (no wtmp, no journal): the dump, written before this boot
 * started, is an "earlier" row that ended in its panic; a dump without a
 * time joins it; so every dump is in a row and the dumps add up. */
static void
test_table_pstore_alone(void **state)
{
	struct pstore_record p[2] = {panic_dump(5000, "Fatal exception"),
	                             panic_dump(KLOG_NA, "Fatal exception")};
	struct boots_input in = {
	    .pstore = p,
	    .npstore = 2,
	    .boot_id = BOOT_B,
	    .boot_unix_s = 6000,
	    .now_unix_s = 6100,
	};
	struct boots_row r[4];
	(void)state;
	assert_int_equal(boots_build(&in, r, 4), 2);
	assert_int_equal(r[0].end, BOOTS_RUNNING);
	assert_int_equal(r[0].dumps, 0);
	assert_true(r[1].earlier);
	assert_int_equal(r[1].index, -1);
	assert_int_equal(r[1].dumps, 2);
	assert_int_equal(r[1].end, BOOTS_PANIC);
	assert_memory_equal(r[1].panic.s, "Fatal exception", 15);
	assert_int_equal(r[1].end_unix_s, 5000);
	assert_true(r[1].end_exact);
	assert_int_equal(r[1].counts[KEVENT_PANIC], 1);
	assert_int_equal(boots_uptime_s(&r[1], 6100), KLOG_NA);
	/* one dump without a time alone: the same */
	in.pstore = &p[1];
	in.npstore = 1;
	assert_int_equal(boots_build(&in, r, 4), 2);
	assert_true(r[1].earlier);
	assert_int_equal(r[1].dumps, 1);
	assert_int_equal(r[1].end, BOOTS_PANIC);
	assert_int_equal(r[1].dump_bits, 1); /* pstore[0] */
	/* no dump: no earlier row */
	in.npstore = 0;
	assert_int_equal(boots_build(&in, r, 4), 1);
}

/* wtmp boots that started after this boot's btime (a container's wtmp
 * gets a "reboot" at each container start): never numbered above 0; left
 * out and counted in this boot's row; a dump from then goes to this boot,
 * and the dumps' bits name which rows hold them. */
static void
test_table_newer_than_running(void **state)
{
	struct wtmp_boot w[4] = {
	    wboot(1000, WTMP_SHUTDOWN, 1500),
	    wboot(2000, WTMP_CRASH, 2500), /* this boot (btime 2010) */
	    wboot(3000, WTMP_CRASH, 3500),
	    wboot(4000, WTMP_CRASH, 4500),
	};
	struct pstore_record p[2] = {panic_dump(4100, "Fatal exception"),
	                             panic_dump(1200, "Kernel panic")};
	struct boots_input in = {
	    .wtmp = w,
	    .nwtmp = 4,
	    .pstore = p,
	    .npstore = 2,
	    .boot_unix_s = 2010,
	    .now_unix_s = 5000,
	};
	struct boots_row r[8];
	(void)state;
	assert_int_equal(boots_build(&in, r, 8), 2);
	assert_int_equal(r[0].index, 0);
	assert_int_equal(r[0].end, BOOTS_RUNNING);
	assert_int_equal(r[0].start_unix_s, 2000);
	assert_int_equal(r[0].newer, 2);
	assert_int_equal(r[0].dumps, 1);
	assert_int_equal(r[0].dump_bits, 1);
	assert_int_equal(r[1].index, -1);
	assert_int_equal(r[1].dump_bits, 2);
	assert_int_equal(r[1].end, BOOTS_PANIC);
}

/* This boot's counts come from the running kernel log's engine: every
 * event ever completed by kind, though its ring kept only 2 of the 5; the
 * largest per kind of those and the journal's. */
static void
test_live_counts(void **state)
{
	struct kevents *ev = kevents_new(2);
	struct journal_boot j;
	struct boots_input in = {
	    .journal = &j,
	    .njournal = 1,
	    .boot_id = BOOT_B,
	    .boot_unix_s = START_B,
	    .now_unix_s = START_B + 60,
	};
	struct boots_row r[2];
	char buf[96], line[200];
	(void)state;
	assert_non_null(ev);
	memset(&j, 0, sizeof j);
	memcpy(j.boot_id, BOOT_B, sizeof j.boot_id);
	j.boot_unix_us = (int64_t)START_B * 1000000;
	j.sum.counts[KEVENT_HUNG_TASK] = 2; /* the journal saw more */
	for (int i = 0; i < 4; i++) {
		snprintf(line, sizeof line,
		         "<3>[  %d.000000] Out of memory: Killed process %d "
		         "(hog) total-vm:1000kB, anon-rss:900kB, file-rss:0kB, "
		         "shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
		         10 + i, 100 + i);
		kevents_feed_line(ev, line, strlen(line));
	}
	snprintf(line, sizeof line,
	         "<3>[   20.000000] INFO: task kworker:1 blocked for more than "
	         "120 seconds.");
	kevents_feed_line(ev, line, strlen(line));
	kevents_finish(ev);
	assert_int_equal(kevents_count(ev), 2);
	assert_int_equal(boots_build(&in, r, 2), 1);
	assert_false(r[0].live);
	assert_string_equal(boots_counts_text(&r[0], buf, sizeof buf),
	                    "2 hung_task");
	assert_true(boots_live_counts(r, 1, kevents_stats(ev).by_kind));
	assert_true(r[0].live);
	assert_string_equal(boots_counts_text(&r[0], buf, sizeof buf),
	                    "4 oom_kill, 2 hung_task");
	r[0].index = -1; /* no running boot: nothing taken */
	assert_false(boots_live_counts(r, 1, kevents_stats(ev).by_kind));
	kevents_free(ev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_journal_fixture),
	    cmocka_unit_test(test_journal_parse_escapes),
	    cmocka_unit_test(test_journal_parse_rejects),
	    cmocka_unit_test(test_table_journal_and_wtmp),
	    cmocka_unit_test(test_table_every_end),
	    cmocka_unit_test(test_table_journal_only),
	    cmocka_unit_test(test_table_pstore_alone),
	    cmocka_unit_test(test_table_newer_than_running),
	    cmocka_unit_test(test_live_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
