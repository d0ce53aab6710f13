/* Unit tests for model/sysstat.c (/proc/stat, /proc/loadavg, the rows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/psi.h"
#include "model/sysstat.h"

#define S(lit) lit, sizeof(lit) - 1

static const char stat_a[] = "cpu  100 0 50 800 40 5 5 0 0 0\n"
                             "cpu0 100 0 50 800 40 5 5 0 0 0\n"
                             "intr 12345 1 2 3\n"
                             "ctxt 999\n"
                             "btime 1700000000\n"
                             "processes 4242\n"
                             "procs_running 3\n"
                             "procs_blocked 2\n"
                             "softirq 1 2 3\n";

static void
test_stat_parse(void **state)
{
	struct sysstat_raw r;
	(void)state;
	sysstat_raw_clear(&r);
	assert_int_equal(sysstat_parse_stat(S(stat_a), &r), 0);
	assert_true(r.stat_valid);
	assert_true(r.cpu.user == 100 && r.cpu.system == 50);
	assert_true(r.cpu.idle == 800 && r.cpu.iowait == 40);
	assert_true(r.cpu.irq == 5 && r.cpu.softirq == 5 && r.cpu.steal == 0);
	assert_int_equal(r.procs_running, 3);
	assert_int_equal(r.procs_blocked, 2);
}

static void
test_stat_old_and_truncated(void **state)
{
	struct sysstat_raw r, before;
	(void)state;
	sysstat_raw_clear(&r);
	/* 2.4-style: 4 fields, no procs lines; a cut last line is ignored */
	assert_int_equal(sysstat_parse_stat(S("cpu 1 2 3 4\nprocs_runn"), &r),
	                 0);
	assert_true(r.cpu.idle == 4 && r.cpu.iowait == 0);
	assert_true(r.procs_running == SNAP_NA && r.procs_blocked == SNAP_NA);
	before = r;
	assert_int_equal(sysstat_parse_stat(S("cpu 1 2 3\n"), &r), -1);
	assert_int_equal(sysstat_parse_stat(S("cpu0 1 2 3 4\n"), &r), -1);
	assert_int_equal(sysstat_parse_stat(S("cpu 1 2 x 4\n"), &r), -1);
	assert_int_equal(sysstat_parse_stat(S("cpu 1 2 3 4"), &r), -1);
	assert_int_equal(sysstat_parse_stat(S(""), &r), -1);
	assert_memory_equal(&r, &before, sizeof r);
}

static void
test_loadavg(void **state)
{
	struct sysstat_raw r, before;
	(void)state;
	sysstat_raw_clear(&r);
	assert_int_equal(
	    sysstat_parse_loadavg(S("1.50 0.75 0.25 3/456 7890\n"), &r), 0);
	assert_true(r.load_valid);
	assert_true(r.load1 > 1.49 && r.load1 < 1.51);
	assert_true(r.load15 > 0.24 && r.load15 < 0.26);
	assert_int_equal(r.threads_runnable, 3);
	assert_int_equal(r.threads_total, 456);
	before = r;
	assert_int_equal(sysstat_parse_loadavg(S("1.50 0.75\n"), &r), -1);
	assert_int_equal(sysstat_parse_loadavg(S("1.50 0.75 0.25 3\n"), &r),
	                 -1);
	assert_memory_equal(&r, &before, sizeof r);
}

/* PSI for cpu (full all zeros since 5.13, absent before) and io share
 * the memory file's format. */
static void
test_psi_cpu_io(void **state)
{
	struct psi_memory p;
	(void)state;
	assert_int_equal(psi_parse(S("some avg10=5.00 avg60=2.00 avg300=1.00 "
	                             "total=100\n"),
	                           &p),
	                 0);
	assert_true(p.valid && !p.full_valid);
	assert_int_equal(psi_parse(S("some avg10=5.00 avg60=2.00 avg300=1.00 "
	                             "total=100\nfull avg10=0.00 avg60=0.00 "
	                             "avg300=0.00 total=0\n"),
	                           &p),
	                 0);
	assert_true(p.full_valid && p.full.avg10 == 0.0);
}

/* A snapshot with just the fields the rows read. */
static void
snap_at(struct snapshot *s, uint64_t ms, int64_t in, int64_t out)
{
	memset(s, 0, sizeof *s);
	s->mono_ms = ms;
	s->mem.free_kb = 1000;
	s->mem.buffers_kb = 100;
	s->mem.cached_kb = 900;
	s->vmstat.pswpin = in;
	s->vmstat.pswpout = out;
}

static void
test_rows(void **state)
{
	static struct sysstat st;
	struct sysstat_raw a, b;
	struct snapshot s;
	const struct sysstat_row *row;
	struct sysstat_row first;
	(void)state;
	sysstat_init(&st);
	sysstat_raw_clear(&a);
	assert_int_equal(sysstat_parse_stat(S(stat_a), &a), 0);
	snap_at(&s, 1000, 10, 20);
	sysstat_push(&st, &a, &s, 4);
	/* the first sample adds no row (it would be since boot) */
	assert_int_equal(st.ring.len, 0);
	assert_int_equal(sysstat_recent(&st), 0);
	sysstat_row_make(NULL, &a, &s, 4, &first);
	row = &first;
	/* since boot: 100 us, 60 sy, 800 id, 40 wa of 1000 */
	assert_int_equal(row->us, 10);
	assert_int_equal(row->sy, 6);
	assert_int_equal(row->id, 80);
	assert_int_equal(row->wa, 4);
	assert_int_equal(row->st, 0);
	assert_true(row->si_kbs == SNAP_NA && row->so_kbs == SNAP_NA);
	assert_int_equal(row->buffcache_kb, 1000);
	assert_int_equal(row->r, 3);
	assert_int_equal(row->b, 2);
	/* 2 s later: 100 ticks: 50 us, 0 sy, 0 id, 50 wa; 100 pages in */
	b = a;
	b.cpu.user += 50;
	b.cpu.iowait += 50;
	snap_at(&s, 3000, 110, 20);
	sysstat_push(&st, &b, &s, 4);
	row = sysstat_newest(&st, 0);
	assert_int_equal(row->us, 50);
	assert_int_equal(row->wa, 50);
	assert_int_equal(row->id, 0);
	assert_int_equal(row->si_kbs, 200); /* 100 pages * 4 kB / 2 s */
	assert_int_equal(row->so_kbs, 0);
	assert_int_equal(sysstat_recent(&st), 1);
	/* no time, no counter: unknown */
	snap_at(&s, 3000, SNAP_NA, 20);
	sysstat_push(&st, &b, &s, 4);
	row = sysstat_newest(&st, 0);
	assert_int_equal(row->us, -1);
	assert_true(row->si_kbs == SNAP_NA);
}

static void
test_ring_window(void **state)
{
	static struct sysstat st;
	struct sysstat_raw a;
	struct snapshot s;
	(void)state;
	sysstat_init(&st);
	sysstat_raw_clear(&a);
	assert_int_equal(sysstat_parse_stat(S(stat_a), &a), 0);
	for (uint64_t i = 0; i < 200; i++) {
		snap_at(&s, 1000 + i * 1000, 0, 0);
		sysstat_push(&st, &a, &s, 4);
	}
	assert_int_equal(st.ring.len, SYSSTAT_ROWS_MAX);
	assert_int_equal(sysstat_newest(&st, 0)->mono_ms, 200000);
	assert_int_equal(sysstat_recent(&st), 60); /* the last minute */
	for (uint64_t i = 0; i < 10; i++) {
		snap_at(&s, 300000 + i * 500, 0, 0);
		sysstat_push(&st, &a, &s, 4);
	}
	/* 10 rows 0.5 s apart, and the 1 s rows within 60 s before them */
	assert_int_equal(sysstat_recent(&st), 10);
}

/* A minute at 1 s fits any cap: merged rows cover all 60 s (never a
 * title that claims a minute while showing 5 or 12 rows). */
static void
test_plan_and_merge(void **state)
{
	static struct sysstat st;
	struct sysstat_raw a;
	struct snapshot s;
	struct sysstat_plan p;
	struct sysstat_row m;
	(void)state;
	sysstat_init(&st);
	sysstat_raw_clear(&a);
	assert_int_equal(sysstat_parse_stat(S(stat_a), &a), 0);
	for (uint64_t i = 0; i <= 12; i++) {
		snap_at(&s, 1000 + i * 1000, 0, 0);
		a.procs_blocked = (int64_t)i; /* b: 1..12 in the rows */
		a.cpu.user +=
		    i % 2 ? 100 : 0; /* odd rows all us, even all id */
		a.cpu.idle += i % 2 ? 0 : 100;
		sysstat_push(&st, &a, &s, 4);
	}
	/* 12 rows fit 12: one a refresh, 12 s */
	sysstat_plan(&st, 12, &p);
	assert_int_equal(p.rows, 12);
	assert_int_equal(p.per, 1);
	assert_int_equal(p.shown, 12);
	assert_int_equal(p.span_ms, 12000);
	/* 5 rows: 3 a row, 4 shown, the same 12 s */
	sysstat_plan(&st, 5, &p);
	assert_int_equal(p.per, 3);
	assert_int_equal(p.shown, 4);
	assert_int_equal(p.span_ms, 12000);
	sysstat_merged(&st, &p, 0, &m); /* rows 12, 11, 10 */
	assert_int_equal(m.b, 12);      /* the peak */
	assert_int_equal(m.span_ms, 3000);
	assert_int_equal(m.mono_ms, 13000);
	assert_int_equal(m.us, 33); /* one of three all us */
	assert_int_equal(m.id, 67);
	assert_int_equal(m.free_kb, 1000);
	sysstat_merged(&st, &p, 3, &m); /* rows 3, 2, 1 */
	assert_int_equal(m.b, 3);
	assert_int_equal(m.mono_ms, 4000);
	/* a full minute in 7 rows: 9 a row, all 60 s shown */
	for (uint64_t i = 13; i <= 70; i++) {
		snap_at(&s, 1000 + i * 1000, 0, 0);
		sysstat_push(&st, &a, &s, 4);
	}
	sysstat_plan(&st, 7, &p);
	assert_int_equal(p.rows, 60);
	assert_int_equal(p.per, 9);
	assert_int_equal(p.shown, 7);
	assert_int_equal(p.span_ms, 60000);
	sysstat_merged(&st, &p, 6, &m); /* the last group: 6 rows */
	assert_int_equal(m.span_ms, 6000);
	sysstat_plan(&st, 0, &p);
	assert_int_equal(p.shown, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stat_parse),
	    cmocka_unit_test(test_stat_old_and_truncated),
	    cmocka_unit_test(test_loadavg),
	    cmocka_unit_test(test_psi_cpu_io),
	    cmocka_unit_test(test_rows),
	    cmocka_unit_test(test_ring_window),
	    cmocka_unit_test(test_plan_and_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
