/* Unit tests for the task tables of model/kevents.c: a pool reused
 * oldest first (the newest KEVENT_TABLES_KEPT kills keep theirs, an older
 * kill keeps its summary and says its table was dropped), the ring's
 * capacity behaviour beside it, and the name column sized for the
 * kernel's comm (a longer name is kept cut and marked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kfixture.h"
#include "model/kevents.h"

static const char inv[] = "[100.000000] a invoked oom-killer: gfp_mask=0x0, "
                          "order=0, oom_score_adj=0";

/* The i-th oldest event held. */
static const struct kevent *
oldest(const struct kevents *ev, size_t i)
{
	return kevents_get(ev, kevents_count(ev) - 1 - i);
}

/* A set field of len bytes equal to want. */
static void
bytes_are(bool set, const char *s, size_t len, const char *want)
{
	assert_true(set);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

/* A task row's name is want, whole (not cut). */
static void
comm_is(const struct kevent_comm *c, const char *want)
{
	bytes_are(c->set, c->s, c->len, want);
}

/* Feed kill k (pid 1000 + k, at second 100 * k): a report with a
 * one-row task table and a memcg, then its kill line. */
static void
feed_kill_with_table(struct kevents *ev, int k)
{
	char l[4][256];
	int at = 100 * k, pid = 1000 + k;

	snprintf(l[0], sizeof l[0],
	         "[%d.000000] t%d invoked oom-killer: gfp_mask=0xcc0, "
	         "order=0, oom_score_adj=0",
	         at, k);
	snprintf(l[1], sizeof l[1],
	         "[%d.000001] [  pid  ]   uid  tgid total_vm      rss "
	         "pgtables_bytes swapents oom_score_adj name",
	         at);
	snprintf(l[2], sizeof l[2],
	         "[%d.000002] [%7d] 0 %d 100 50 4096 0 0 w%d", at, pid, pid, k);
	snprintf(
	    l[3], sizeof l[3],
	    "[%d.000003] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask="
	    "(null),cpuset=/,mems_allowed=0,oom_memcg=/m%d,task_memcg=/m%d,"
	    "task=w%d,pid=%d,uid=0",
	    at, k, k, k, pid);
	kfixture_feed_lines(ev, (const char *[]){l[0], l[1], l[2], l[3], NULL});
	snprintf(l[0], sizeof l[0],
	         "[%d.000004] Memory cgroup out of memory: Killed process %d "
	         "(w%d) total-vm:400kB, anon-rss:200kB, file-rss:0kB",
	         at, pid, k);
	kfixture_feed_lines(ev, (const char *[]){l[0], NULL});
}

/* Kill k (as feed_kill_with_table fed it) kept its summary, and its
 * task table when kept. */
static void
kill_is(const struct kevent *e, int k, bool kept)
{
	char want[16];

	assert_int_equal(e->kind, KEVENT_OOM_KILL);
	assert_int_equal(e->pid, 1000 + k);
	assert_int_equal(e->oom.anon_rss_kb, 200);
	assert_int_equal(e->oom.constraint, OOM_CONSTRAINT_MEMCG);
	snprintf(want, sizeof want, "/m%d", k);
	bytes_are(e->oom.memcg.set, e->oom.memcg.s, e->oom.memcg.len, want);
	snprintf(want, sizeof want, "t%d", k);
	bytes_are(e->oom.trigger.set, e->oom.trigger.s, e->oom.trigger.len,
	          want);
	assert_int_equal(e->oom.tasks_listed, 1);
	assert_int_equal(e->oom.tasks_dropped, !kept);
	if (!kept) {
		assert_int_equal(e->oom.ntasks, 0);
		assert_null(e->oom.tasks);
		return;
	}
	assert_int_equal(e->oom.ntasks, 1);
	assert_int_equal(e->oom.tasks[0].pid, 1000 + k);
	assert_int_equal(e->oom.tasks[0].rss_pages, 50);
	snprintf(want, sizeof want, "w%d", k);
	comm_is(&e->oom.tasks[0].name, want);
	assert_false(e->oom.tasks[0].name.cut);
}

static void
test_tables_kept_for_the_newest_kills(void **state)
{
	/* the 33rd kill with a table takes the oldest kill's table; that
	 * kill keeps its summary; a kill without a table takes none */
	struct kevents *ev = kevents_new(256);
	int k;
	(void)state;
	for (k = 1; k <= KEVENT_TABLES_KEPT; k++)
		feed_kill_with_table(ev, k);
	kill_is(oldest(ev, 0), 1, true);
	feed_kill_with_table(ev, KEVENT_TABLES_KEPT + 1);
	assert_int_equal(kevents_count(ev), KEVENT_TABLES_KEPT + 1);
	kill_is(oldest(ev, 0), 1, false);
	for (k = 2; k <= KEVENT_TABLES_KEPT + 1; k++)
		kill_is(oldest(ev, (size_t)k - 1), k, true);
	kfixture_feed_lines(
	    ev, (const char *[]){"[9000.0] Out of memory: Killed process 9 "
	                         "(bare) total-vm:8kB, anon-rss:4kB",
	                         NULL});
	assert_int_equal(kevents_get(ev, 0)->oom.ntasks, 0);
	assert_false(kevents_get(ev, 0)->oom.tasks_dropped);
	kill_is(oldest(ev, 1), 2, true); /* the bare kill took no table */
	for (k = KEVENT_TABLES_KEPT + 2; k <= 3 * KEVENT_TABLES_KEPT; k++)
		feed_kill_with_table(ev, k + 100);
	for (k = 1; k <= 3 * KEVENT_TABLES_KEPT; k++) {
		const struct kevent *e = kevents_get(ev, (size_t)k - 1);
		assert_int_equal(e->oom.ntasks > 0, k <= KEVENT_TABLES_KEPT);
		assert_int_equal(e->oom.tasks_dropped,
		                 k > KEVENT_TABLES_KEPT && e->pid != 9);
	}
	kevents_free(ev);
}

static void
test_tables_with_a_small_ring(void **state)
{
	/* a ring smaller than the pool: every kill it holds has its table,
	 * the oldest event goes as before */
	struct kevents *ev = kevents_new(2);
	int k;
	(void)state;
	for (k = 1; k <= 5; k++)
		feed_kill_with_table(ev, k);
	assert_int_equal(kevents_count(ev), 2);
	assert_int_equal(kevents_stats(ev).events, 5);
	assert_int_equal(kevents_stats(ev).dropped, 3);
	kill_is(kevents_get(ev, 0), 5, true);
	kill_is(kevents_get(ev, 1), 4, true);
	kevents_free(ev);
	/* a pool as large as the ring (--events): every kill keeps it */
	ev = kevents_new_kept(64, 64);
	for (k = 1; k <= 70; k++)
		feed_kill_with_table(ev, k);
	assert_int_equal(kevents_count(ev), 64);
	for (k = 7; k <= 70; k++)
		kill_is(oldest(ev, (size_t)k - 7), k, true);
	kevents_free(ev);
}

static void
test_task_names_kernel_comm(void **state)
{
	/* the name column keeps a 15-byte comm whole; a longer name (no
	 * kernel's comm) keeps KEVENT_COMM_MAX bytes and is marked cut */
	struct kevents *ev = kevents_new(4);
	const struct kevent_oom *o;
	(void)state;
	kfixture_feed_lines(
	    ev, (const char *[]){
	            inv,
	            "[100.1] [  pid  ]   uid  tgid total_vm      rss "
	            "pgtables_bytes swapents oom_score_adj name",
	            "[100.2] [  390]     0   390    39012     6739    78 51  "
	            "           0 systemd-journal",
	            "[100.2] [  391]     0   391    39012     6000    78 51  "
	            "           0 a-name-of-twenty-two!",
	            "[100.3] Out of memory: Killed process 390 "
	            "(systemd-journal) total-vm:400kB, anon-rss:4kB",
	            NULL});
	o = &kevents_get(ev, 0)->oom;
	assert_int_equal(o->ntasks, 2);
	comm_is(&o->tasks[0].name, "systemd-journal");
	assert_false(o->tasks[0].name.cut);
	comm_is(&o->tasks[1].name, "a-name-of-twenty");
	assert_true(o->tasks[1].name.cut);
	assert_int_equal(o->tasks[1].name.len, KEVENT_COMM_MAX);
	kevents_free(ev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tables_kept_for_the_newest_kills),
	    cmocka_unit_test(test_tables_with_a_small_ring),
	    cmocka_unit_test(test_task_names_kernel_comm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
