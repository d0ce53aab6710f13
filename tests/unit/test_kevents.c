/* Unit tests for the event assembler (model/kevents.c,
 * kreport.c, klogring.c): every corpus file with its expected events
 * written out, then the report-assembly rules on built sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kfixture.h"
#include "model/kevents.h"
#include "model/klogring.h"

#define NA KLOG_NA

/* What one event of a corpus file must be. */
struct want {
	enum kevent_kind kind;
	int64_t pid, cpu, seconds, order;
	const char *comm;  /* NULL: not known */
	const char *text;  /* panic message / null_deref address */
	int64_t time_usec; /* boot or local usec, NA: no time */
};

struct corpus_case {
	const char *file;
	size_t n;
	struct want ev[3];
};

#define OOM(pid, comm, t)                                                      \
	{                                                                      \
		KEVENT_OOM_KILL, pid, NA, NA, NA, comm, NULL, t                \
	}
#define HUNG(pid, comm, s, t)                                                  \
	{                                                                      \
		KEVENT_HUNG_TASK, pid, NA, s, NA, comm, NULL, t                \
	}
#define SOFT(cpu, s, pid, comm, t)                                             \
	{                                                                      \
		KEVENT_SOFT_LOCKUP, pid, cpu, s, NA, comm, NULL, t             \
	}
#define HARD(cpu, t)                                                           \
	{                                                                      \
		KEVENT_HARD_LOCKUP, NA, cpu, NA, NA, NULL, NULL, t             \
	}
#define PANIC(msg, t)                                                          \
	{                                                                      \
		KEVENT_PANIC, NA, NA, NA, NA, NULL, msg, t                     \
	}
#define NULLD(addr, t)                                                         \
	{                                                                      \
		KEVENT_NULL_DEREF, NA, NA, NA, NA, NULL, addr, t               \
	}
#define ALLOC(comm, order, t)                                                  \
	{                                                                      \
		KEVENT_PAGE_ALLOC_FAILURE, NA, NA, NA, order, comm, NULL, t    \
	}
/* dmesg -T 2018-12-19 03:36:07 and 2020-04-20 15:08:07 as local usec */
#define T45 1545190567000000LL
#define T61 1587395287000000LL

static const struct corpus_case corpus[] = {
    {"01.txt", 0, {{0}}},
    {"02.txt", 0, {{0}}},
    {"03.txt", 0, {{0}}},
    {"04.txt", 0, {{0}}},
    {"05.txt", 0, {{0}}},
    {"06.txt", 0, {{0}}},
    {"07.txt", 0, {{0}}}, /* forged, user facility */
    {"08.txt", 0, {{0}}}, /* the same, dmesg form: impossible numbers */
    {"09.txt", 1, {OOM(5807, "hog", 228226428)}},
    {"12.txt", 0, {{0}}}, /* report head only */
    {"13.txt", 1, {OOM(473206, "doxygen", NA)}},
    {"14.txt", 1, {OOM(6576, "mysqld", NA)}},
    {"18.txt", 2, {OOM(1878, "python", NA), OOM(1436, "python", NA)}},
    {"19.txt", 1, {OOM(27438, "R", NA)}},
    {"22.txt", 1, {OOM(11726, "mysqld", 2858609598568LL)}},
    {"23.txt", 1, {OOM(21518, "python2", 35881895792304LL)}},
    {"25.txt", 1, {OOM(7748, "python", NA)}},
    {"26.txt", 0, {{0}}},
    {"28.txt", 0, {{0}}},
    {"29.txt", 0, {{0}}},
    {"30.txt", 0, {{0}}},
    {"32.txt", 1, {OOM(11948, "node", NA)}},
    {"33.txt", 0, {{0}}},
    {"35.txt",
     2,
     {SOFT(2, 23, 25629, "kworker/2:1", 5300229390LL),
      PANIC("softlockup: hung tasks", 5300237965LL)}},
    {"36.txt", 1, {HARD(1, 5300443503LL)}},
    {"38.txt", 1, {SOFT(0, 22, 2645, "sshd", 520451222LL)}},
    {"39.txt", 1, {SOFT(5, 23, 4176, "modprobe", 1044858108LL)}},
    {"41.txt", 1, {HARD(3, 86738597479LL)}},
    {"42.txt", 1, {HARD(0, NA)}},
    {"44.txt", 1, {HUNG(5747, "kworker/2:1", 120, 26825855448LL)}},
    {"45.txt", 1, {HUNG(17344, "logrotate", 120, T45)}},
    {"47.txt", 1, {HUNG(27090, "DDRace64-Server", 120, NA)}},
    {"49.txt", 1, {HUNG(64, "kinteractiveup", 120, 240000000LL)}},
    {"50.txt", 1, {HUNG(328, "kswapd0", 120, 93164858068LL)}},
    {"51.txt", 1, {PANIC("System is deadlocked on memory", 3893943877LL)}},
    {"53.txt",
     1,
     {PANIC("Attempted to kill init! exitcode=0x00000100", 3985537LL)}},
    {"54.txt", 1, {PANIC("Attempted to kill init! exitcode=0x0000000b", NA)}},
    {"55.txt", 1, {PANIC("Attempted to kill init! exitcode=0x0000000b", NA)}},
    {"56.txt", 1, {NULLD("0000000000000020", NA)}},
    {"58.txt", 1, {NULLD("0000000000000014", 73727941121LL)}},
    {"60.txt", 1, {NULLD("0000000c", 135992726639LL)}},
    {"61.txt", 1, {ALLOC("kworker/u16:3", 4, T61)}},
    {"63.txt", 1, {ALLOC("dmwb_writeback_", 8, 84351576027LL)}},
    {"64.txt", 1, {ALLOC("swapper/21", 0, NA)}},
    /* interleaved fragments: three failure lines, no comm on any */
    {"66.txt",
     3,
     {ALLOC(NULL, 0, 2836069534658LL), ALLOC(NULL, 0, NA),
      ALLOC(NULL, 0, 2836069534686LL)}},
    {"67.txt", 0, {{0}}},
    {"68.txt", 0, {{0}}},
};

/* Event i of ev counted from the oldest. */
static const struct kevent *
oldest(const struct kevents *ev, size_t i)
{
	return kevents_get(ev, kevents_count(ev) - 1 - i);
}

/* A string field holds exactly want (or is unset when want is NULL). */
static void
bytes_is(bool set, const char *s, size_t len, const char *want)
{
	if (want == NULL) {
		assert_false(set);
		return;
	}
	assert_true(set);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(s, want, len);
}

#define name_is(n, want) bytes_is((n)->set, (n)->s, (n)->len, want)
#define text_is(t, want) bytes_is((t)->set, (t)->s, (t)->len, want)

/* Feed a whole fixture into a new engine. */
static struct kevents *
run_file(const char *name, struct klogring *ring)
{
	struct kevents *ev = kfixture_run(name, ring);

	assert_non_null(ev);
	return ev;
}

static void
test_every_corpus_file(void **state)
{
	const struct corpus_case *c;
	const struct want *w;
	const struct kevent *e;
	struct kevents *ev;
	size_t i, j;
	(void)state;
	for (i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
		c = &corpus[i];
		ev = run_file(c->file, NULL);
		if (kevents_count(ev) != c->n)
			fail_msg("%s: %zu events, want %zu", c->file,
			         kevents_count(ev), c->n);
		for (j = 0; j < c->n; j++) {
			w = &c->ev[j];
			e = oldest(ev, j);
			assert_int_equal(e->kind, w->kind);
			assert_int_equal(e->pid, w->pid);
			assert_int_equal(e->cpu, w->cpu);
			assert_int_equal(e->seconds, w->seconds);
			assert_int_equal(e->order, w->order);
			name_is(&e->comm, w->comm);
			text_is(&e->text, w->text);
			if (w->time_usec == NA)
				assert_int_equal(e->time.kind, KLOG_TIME_NONE);
			else
				assert_int_equal(e->time.usec, w->time_usec);
		}
		kevents_free(ev);
	}
}

static void
test_memcg_oom_09(void **state)
{
	struct kevents *ev = run_file("09.txt", NULL);
	const struct kevent *e = oldest(ev, 0);
	const struct kevent_oom *o = &e->oom;
	(void)state;
	assert_true(e->has_seq);
	assert_int_equal(e->seq, 503);
	assert_int_equal(o->constraint, OOM_CONSTRAINT_MEMCG);
	text_is(&o->memcg,
	        "/process_api/b1c851392e19e77b716488477021332e/rr_oomtest");
	name_is(&o->trigger, "hog");
	text_is(&o->gfp_mask, "0xcc0(GFP_KERNEL)");
	assert_int_equal(o->order, 0);
	assert_int_equal(o->uid, 0);
	assert_int_equal(o->total_vm_kb, 68268);
	assert_int_equal(o->anon_rss_kb, 65280);
	assert_int_equal(o->file_rss_kb, 1060);
	assert_int_equal(o->shmem_rss_kb, 0);
	assert_int_equal(o->pgtables_kb, 172);
	assert_int_equal(o->oom_score_adj, 0);
	assert_false(o->reaped);
	assert_int_equal(o->ntasks, 1);
	assert_int_equal(o->tasks_listed, 1);
	assert_int_equal(o->tasks[0].pid, 5807);
	assert_int_equal(o->tasks[0].uid, 0);
	assert_int_equal(o->tasks[0].total_vm_pages, 17067);
	assert_int_equal(o->tasks[0].rss_pages, 16585);
	assert_int_equal(o->tasks[0].swapents, 0);
	assert_int_equal(o->tasks[0].oom_score_adj, 0);
	name_is(&o->tasks[0].name, "hog");
	kevents_free(ev);
}

static void
test_global_oom_12_13(void **state)
{
	struct kevents *ev = kevents_new(8);
	const struct kevent_oom *o;
	char *a, *b;
	size_t la, lb;
	(void)state;
	/* the head (12) and the end (13) of one report, in order */
	a = kfixture_load("12.txt", &la);
	b = kfixture_load("13.txt", &lb);
	assert_non_null(a);
	assert_non_null(b);
	a = realloc(a, la + lb + 1);
	assert_non_null(a);
	memcpy(a + la, b, lb + 1);
	assert_int_equal(kfixture_feed(ev, a, la + lb), 1);
	o = &kevents_get(ev, 0)->oom;
	name_is(&o->trigger, "doxygen");
	text_is(&o->gfp_mask, "0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_"
	                      "ZERO)");
	assert_int_equal(o->constraint, OOM_CONSTRAINT_GLOBAL);
	/* no limit was hit: the victim's cgroup, from task_memcg= */
	text_is(&o->memcg, "/user.slice/user-504.slice/session-2.scope");
	assert_true(o->reaped);
	assert_int_equal(o->ntasks, 0);
	free(a);
	free(b);
	kevents_free(ev);
}

/* A 4.x cgroup-v1 memcg OOM in dmesg form, written from the 4.14
 * formats (mem_cgroup_print_oom_info: "Task in .. killed as a result of
 * limit of ..", usage lines, one "Memory cgroup stats for" line per
 * cgroup of the subtree with the stats on the same line, as in the lkml
 * and kubernetes samples of such reports). */
static const char *const memcg_4x[] = {
    "[ 2531.716352] dd invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), "
    "nodemask=(null), order=0, oom_score_adj=0",
    "[ 2531.716360] CPU: 1 PID: 3876 Comm: dd Not tainted 4.14.0 #1",
    "[ 2531.716380] Task in /test/sub killed as a result of limit of /test",
    "[ 2531.716385] memory: usage 65536kB, limit 65536kB, failcnt 19",
    "[ 2531.716387] memory+swap: usage 65536kB, limit 9007199254740988kB, "
    "failcnt 0",
    "[ 2531.716388] kmem: usage 296kB, limit 9007199254740988kB, failcnt 0",
    "[ 2531.716390] Memory cgroup stats for /test: cache:0KB rss:0KB "
    "rss_huge:0KB shmem:0KB mapped_file:0KB dirty:0KB writeback:0KB "
    "swap:0KB inactive_anon:0KB active_anon:0KB inactive_file:0KB "
    "active_file:0KB unevictable:0KB",
    "[ 2531.716401] Memory cgroup stats for /test/sub: cache:0KB "
    "rss:65536KB rss_huge:0KB shmem:0KB mapped_file:0KB dirty:0KB "
    "writeback:0KB swap:0KB inactive_anon:0KB active_anon:65536KB "
    "inactive_file:0KB active_file:0KB unevictable:0KB",
    "[ 2531.716410] [ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds "
    "swapents oom_score_adj name",
    "[ 2531.716420] [ 3876]     0  3876    17067    16385      40       3 "
    "       0             0 dd",
    "[ 2531.716430] Memory cgroup out of memory: Kill process 3876 (dd) "
    "score 1001 or sacrifice child",
    "[ 2531.716440] Killed process 3876 (dd) total-vm:68268kB, "
    "anon-rss:65280kB, file-rss:1060kB, shmem-rss:0kB",
    NULL};

static void
test_memcg_is_the_limit_that_was_hit(void **state)
{
	/* 4.19+ order: the stats line comes before oom-kill: */
	const char *const v419[] = {
	    "[1.0] Memory cgroup stats for /a/b:",
	    "[1.1] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,oom_memcg=/a,task_memcg=/a/b,task=x,"
	    "pid=7,uid=0",
	    "[1.2] Memory cgroup out of memory: Killed process 7 (x) "
	    "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB",
	    NULL};
	struct kevents *ev = kevents_new(8);
	const struct kevent_oom *o;
	(void)state;
	kfixture_feed_lines(ev, memcg_4x);
	assert_int_equal(kevents_count(ev), 1);
	o = &kevents_get(ev, 0)->oom;
	assert_int_equal(kevents_get(ev, 0)->pid, 3876);
	assert_int_equal(o->constraint, OOM_CONSTRAINT_MEMCG);
	text_is(&o->memcg, "/test"); /* not "/test/sub: cache:0KB rss:.." */
	name_is(&o->trigger, "dd");
	assert_int_equal(o->ntasks, 1);
	/* the same report without its "Task in" line: the first stats line */
	kfixture_feed_lines(ev, (const char *const[]){memcg_4x[0], memcg_4x[6],
	                                              memcg_4x[7], memcg_4x[11],
	                                              NULL});
	assert_int_equal(kevents_count(ev), 2);
	text_is(&kevents_get(ev, 0)->oom.memcg, "/test");
	kfixture_feed_lines(ev, v419);
	text_is(&kevents_get(ev, 0)->oom.memcg, "/a");
	/* 6.19+ prints the protection line in global OOMs too (and after
	 * allocation failures): it says nothing about the constraint */
	kfixture_feed_lines(
	    ev, (const char *const[]){
	            "[9.0] Memory cgroup min protection 0kB -- low protection "
	            "0kB",
	            "[9.1] Out of memory: Killed process 8 (y) total-vm:8kB, "
	            "anon-rss:4kB, file-rss:0kB, shmem-rss:0kB",
	            NULL});
	assert_int_equal(kevents_get(ev, 0)->oom.constraint,
	                 OOM_CONSTRAINT_UNKNOWN);
	kevents_free(ev);
}

static void
test_old_report_14(void **state)
{
	struct kevents *ev = run_file("14.txt", NULL);
	const struct kevent *e = oldest(ev, 0);
	(void)state;
	name_is(&e->oom.trigger, "sed");
	text_is(&e->oom.gfp_mask, "0x201da");
	assert_int_equal(e->oom.constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_int_equal(e->oom.uid, NA);
	assert_int_equal(e->oom.ntasks, 2);
	assert_int_equal(e->oom.tasks[0].pid, 390); /* largest rss first */
	name_is(&e->oom.tasks[0].name, "systemd-journal");
	assert_int_equal(e->oom.tasks[1].oom_score_adj, -1000);
	kevents_free(ev);
}

static const char inv[] = "[100.000000] a invoked oom-killer: gfp_mask=0x0, "
                          "order=0, oom_score_adj=0";

static void
test_oom_group_several_kills(void **state)
{
	/* built from mem_cgroup_print_oom_group() + two kills (6.x, v2) */
	const char *lines[] = {
	    inv,
	    "[100.000001] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,oom_memcg=/pod,task_memcg=/pod,task=a,"
	    "pid=10,uid=0",
	    "[100.000002] Tasks in /pod are going to be killed due to "
	    "memory.oom.group set",
	    "[100.000003] Memory cgroup out of memory: Killed process 10 (a) "
	    "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB",
	    "[100.000004] Memory cgroup out of memory: Killed process 11 (b) "
	    "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB",
	    NULL};
	struct kevents *ev = kevents_new(8);
	(void)state;
	kfixture_feed_lines(ev, lines);
	assert_int_equal(kevents_count(ev), 2);
	assert_int_equal(oldest(ev, 1)->pid, 11);
	assert_int_equal(oldest(ev, 1)->oom.constraint, OOM_CONSTRAINT_MEMCG);
	text_is(&oldest(ev, 1)->oom.memcg, "/pod");
	name_is(&oldest(ev, 1)->oom.trigger, "a");
	kevents_free(ev);
}

static void
test_bare_kills_do_not_borrow_context(void **state)
{
	/* a report, its kill, then rate-limited bare kills */
	const char *lines[] = {
	    inv,
	    "[100.000001] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,global_oom,task_memcg=/a,task=a,pid=10,"
	    "uid=0",
	    "[100.000002] Out of memory: Killed process 10 (a) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB",
	    "[101.000000] Out of memory: Killed process 12 (c) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB",
	    NULL};
	struct kevents *ev = kevents_new(8);
	(void)state;
	kfixture_feed_lines(ev, lines);
	assert_int_equal(kevents_count(ev), 2);
	assert_int_equal(oldest(ev, 0)->oom.constraint, OOM_CONSTRAINT_GLOBAL);
	assert_int_equal(oldest(ev, 1)->pid, 12);
	assert_int_equal(oldest(ev, 1)->oom.constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_false(oldest(ev, 1)->oom.trigger.set);
	assert_false(oldest(ev, 1)->oom.memcg.set);
	kevents_free(ev);
}

static void
test_interleaved_stale_lost(void **state)
{
	const char *interleaved[] = {
	    inv,
	    "[100.000001] e1000e: eth0 NIC Link is Up",
	    "[100.000002] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=a,pid=10,"
	    "uid=0",
	    "[100.000003] usb 1-1: new high-speed USB device",
	    "[100.000004] Out of memory: Killed process 10 (a) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB",
	    NULL};
	const char *stale[] = {
	    inv,
	    "[200.000000] Out of memory: Killed process 10 (a) "
	    "total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    NULL};
	const char *other_pid[] = {
	    inv,
	    "[100.000002] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),"
	    "cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=a,pid=10,"
	    "uid=0",
	    "[100.000004] Out of memory: Killed process 99 (z) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB",
	    NULL};
	struct klogring ring;
	struct kevents *ev = kevents_new(8);
	(void)state;
	kfixture_feed_lines(ev, interleaved);
	assert_int_equal(kevents_count(ev), 1);
	name_is(&kevents_get(ev, 0)->oom.trigger, "a");
	assert_int_equal(kevents_get(ev, 0)->oom.constraint,
	                 OOM_CONSTRAINT_GLOBAL);
	kfixture_feed_lines(ev, stale); /* 100 s between header and kill */
	assert_int_equal(kevents_count(ev), 2);
	assert_false(kevents_get(ev, 0)->oom.trigger.set);
	kfixture_feed_lines(
	    ev, other_pid); /* the oom-kill line names another task */
	assert_false(kevents_get(ev, 0)->oom.trigger.set);
	kevents_free(ev);
	/* lost messages between header and kill: no context, a marker */
	assert_int_equal(klogring_init(&ring, 8), 0);
	ev = kevents_new(8);
	kevents_set_ring(ev, &ring);
	kfixture_feed_lines(ev, (const char *[]){inv, NULL});
	kevents_lost(ev, 584, false);
	kfixture_feed_lines(ev, stale + 1);
	assert_int_equal(kevents_count(ev), 1);
	assert_false(kevents_get(ev, 0)->oom.trigger.set);
	assert_int_equal(klogring_get(&ring, 1)->lost, 584);
	assert_string_equal(klogring_get(&ring, 1)->text,
	                    "584 kernel messages lost");
	assert_int_equal(kevents_stats(ev).lost, 584);
	kevents_free(ev);
	klogring_fini(&ring);
}

static void
test_syslog_dates_close_stale_reports(void **state)
{
	/* syslog form has no year, so no time: a truncated report at
	 * 01:00:04 must not lend its context to a kill four hours later */
	const char *const truncated[] = {
	    "Nov 29 01:00:04 h kernel: java invoked oom-killer: "
	    "gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
	    "Nov 29 01:00:04 h kernel: Task in /app killed as a result of "
	    "limit of /app",
	    "Nov 29 05:13:00 h kernel: Out of memory: Killed process 99 (z) "
	    "total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    NULL};
	struct kevents *ev = kevents_new(8);
	const struct kevent_oom *o;
	(void)state;
	kfixture_feed_lines(ev, truncated);
	assert_int_equal(kevents_count(ev), 1);
	o = &kevents_get(ev, 0)->oom;
	assert_int_equal(kevents_get(ev, 0)->time.kind, KLOG_TIME_NONE);
	assert_int_equal(o->constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_false(o->trigger.set);
	assert_false(o->gfp_mask.set);
	assert_false(o->memcg.set);
	/* the same report with its kill a second later keeps its context */
	kfixture_feed_lines(
	    ev, (const char *const[]){
	            truncated[0], truncated[1],
	            "Nov 29 01:00:05 h kernel: Memory cgroup out of memory: "
	            "Killed process 98 (java) total-vm:8kB, anon-rss:4kB, "
	            "file-rss:0kB",
	            NULL});
	o = &kevents_get(ev, 0)->oom;
	assert_int_equal(o->constraint, OOM_CONSTRAINT_MEMCG);
	name_is(&o->trigger, "java");
	text_is(&o->memcg, "/app");
	kevents_free(ev);
}

static void
test_reaper_and_chosen(void **state)
{
	const char *lines[] = {
	    "Out of memory: Killed process 10 (a) total-vm:8kB, anon-rss:4kB, "
	    "file-rss:0kB",
	    "Out of memory: Killed process 11 (b) total-vm:8kB, anon-rss:4kB, "
	    "file-rss:0kB",
	    "eth0: link up",
	    "oom_reaper: reaped process 10 (a), now anon-rss:0kB",
	    "oom_reaper: reaped process 77 (x), now anon-rss:0kB",
	    "oom_reaper: unable to reap pid:11 (b)",
	    /* an old kernel's choice whose kill line never came */
	    "Out of memory: Kill process 20 (big) score 900 or sacrifice child",
	    NULL};
	struct kevents *ev = kevents_new(8);
	(void)state;
	kfixture_feed_lines(ev, lines);
	assert_int_equal(kevents_count(ev), 2);
	assert_true(oldest(ev, 0)->oom.reaped);
	assert_false(oldest(ev, 1)->oom.reaped);
	assert_int_equal(kevents_finish(ev), 1);
	assert_int_equal(kevents_get(ev, 0)->pid, 20);
	name_is(&kevents_get(ev, 0)->comm, "big");
	assert_int_equal(kevents_get(ev, 0)->oom.total_vm_kb, NA);
	kevents_free(ev);
}

static void
test_bounded_memory(void **state)
{
	char line[160];
	struct klogring ring;
	struct kevents *ev = kevents_new(16);
	int i, n;
	(void)state;
	assert_int_equal(klogring_init(&ring, 100), 0);
	kevents_set_ring(ev, &ring);
	for (i = 1; i <= 10000; i++) {
		n = snprintf(line, sizeof line,
		             "Out of memory: Killed process %d (p) "
		             "total-vm:8kB, anon-rss:4kB, file-rss:0kB",
		             i);
		kevents_feed_line(ev, line, (size_t)n);
	}
	assert_int_equal(kevents_count(ev), 16);
	assert_int_equal(kevents_stats(ev).dropped, 10000 - 16);
	assert_int_equal(kevents_stats(ev).events, 10000);
	assert_int_equal(kevents_get(ev, 0)->pid, 10000);
	assert_int_equal(kevents_get(ev, 15)->pid, 10000 - 15);
	assert_null(kevents_get(ev, 16));
	assert_int_equal(klogring_count(&ring), 100);
	assert_non_null(strstr(klogring_get(&ring, 0)->text, "10000 (p)"));
	assert_null(klogring_get(&ring, 100));
	kevents_free(ev);
	klogring_fini(&ring);
}

static void
test_big_task_table(void **state)
{
	char line[160];
	struct kevents *ev = kevents_new(4);
	const struct kevent_oom *o;
	int i, n;
	(void)state;
	kfixture_feed_lines(
	    ev, (const char *[]){inv,
	                         "[100.1] [  pid  ]   uid  tgid total_vm      "
	                         "rss pgtables_bytes swapents oom_score_adj "
	                         "name",
	                         NULL});
	for (i = 1; i <= 5000; i++) {
		n = snprintf(line, sizeof line,
		             "[100.2] [%7d] 0 %d 100 %d 4096 0 0 w%d", i, i,
		             (i * 7919) % 5003, i);
		kevents_feed_line(ev, line, (size_t)n);
	}
	kfixture_feed_lines(
	    ev, (const char *[]){"[100.3] Out of memory: Killed process 1 "
	                         "(w1) total-vm:400kB, anon-rss:4kB, "
	                         "file-rss:0kB",
	                         NULL});
	o = &kevents_get(ev, 0)->oom;
	assert_int_equal(o->ntasks, KEVENT_TASKS_MAX);
	assert_int_equal(o->tasks_listed, 5000);
	assert_int_equal(o->tasks[0].rss_pages, 5002);
	for (i = 1; i < KEVENT_TASKS_MAX; i++)
		assert_true(o->tasks[i].rss_pages <= o->tasks[i - 1].rss_pages);
	assert_int_equal(o->tasks[KEVENT_TASKS_MAX - 1].rss_pages,
	                 5002 - KEVENT_TASKS_MAX + 1);
	kevents_free(ev);
}

static void
test_trouble_parsers_comm_forms(void **state)
{
	/* built from the kernel formats: comms with spaces and colons */
	const char *lines[] = {
	    "INFO: task kworker/u8:102:4321 blocked for more than 1228 "
	    "seconds.",
	    "watchdog: BUG: soft lockup - CPU#7 stuck for 26s! [CPU 7/KVM:999]",
	    "Watchdog CPU:59 Hard LOCKUP",
	    "Kernel panic - not syncing: Hard LOCKUP",
	    "---[ end Kernel panic - not syncing: Hard LOCKUP ]---",
	    "BUG: unable to handle kernel NULL pointer dereference at (null)",
	    "swapper/0: page allocation failure. order:5, mode:0xd0",
	    /* no event from a quote of a report (58.txt's comment line) */
	    "# src: github.com/multipath-tcp/mptcp/issues/30 (3.11: old "
	    "wording \"unable to handle kernel NULL pointer dereference at\", "
	    "IP: line)",
	    "BUG: scheduling while atomic: a/1/0x00000002, NULL pointer "
	    "dereference at 0000000000000010",
	    /* powerpc wording */
	    "BUG: Kernel NULL pointer dereference on read at 0x00000010", NULL};
	struct kevents *ev = kevents_new(16);
	(void)state;
	kfixture_feed_lines(ev, lines);
	assert_int_equal(kevents_count(ev), 7);
	text_is(&oldest(ev, 6)->text, "0x00000010");
	name_is(&oldest(ev, 0)->comm, "kworker/u8:102");
	assert_int_equal(oldest(ev, 0)->pid, 4321);
	assert_int_equal(oldest(ev, 0)->seconds, 1228);
	name_is(&oldest(ev, 1)->comm, "CPU 7/KVM");
	assert_int_equal(oldest(ev, 1)->pid, 999);
	assert_int_equal(oldest(ev, 1)->cpu, 7);
	assert_int_equal(oldest(ev, 2)->kind, KEVENT_HARD_LOCKUP);
	assert_int_equal(oldest(ev, 2)->cpu, 59);
	assert_int_equal(oldest(ev, 3)->kind, KEVENT_PANIC);
	text_is(&oldest(ev, 3)->text, "Hard LOCKUP");
	assert_int_equal(oldest(ev, 4)->kind, KEVENT_NULL_DEREF);
	assert_false(oldest(ev, 4)->text.set);
	name_is(&oldest(ev, 5)->comm, "swapper/0");
	assert_int_equal(oldest(ev, 5)->order, 5);
	assert_string_equal(kevent_kind_name(KEVENT_PAGE_ALLOC_FAILURE),
	                    "page_alloc_failure");
	kevents_free(ev);
}

static void
test_user_lines_never_events(void **state)
{
	const char *lines[] = {
	    "8,1,1,-;Out of memory: Killed process 4 (f) total-vm:8kB, "
	    "anon-rss:4kB, file-rss:0kB",
	    "12,2,2,-;Kernel panic - not syncing: fake",
	    "14,3,3,-;INFO: task x:1 blocked for more than 120 seconds.",
	    "May 07 21:43:54 h app[1]: watchdog: BUG: soft lockup - CPU#1 "
	    "stuck for 2s! [x:1]",
	    /* journalctl -o short-monotonic, short-full, short-unix */
	    "[    5.123457] host evilapp[7]: Out of memory: Killed process 204 "
	    "(x) total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    "Sat 2025-11-29 01:00:04 CET host evilapp[7]: Out of memory: "
	    "Killed process 204 (x) total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    "1764374404.123457 host evilapp[7]: Out of memory: Killed process "
	    "204 (x) total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    NULL};
	struct kevents *ev = kevents_new(4);
	(void)state;
	kfixture_feed_lines(ev, lines);
	assert_int_equal(kevents_count(ev), 0);
	assert_int_equal(kevents_stats(ev).user_lines, 7);
	kevents_free(ev);
}

static void
test_fragments(void **state)
{
	/* 3.5-4.8: 'c' starts a line, '+' records continue it (built from
	 * 4.9's warn_alloc, which prints the comm, the message and the mode
	 * in three pieces, as 66.txt shows them cut) */
	const char *const plus[] = {
	    "6,10,100,-;eth0: link up",
	    "4,11,101,c;swapper/12: ",
	    "4,12,102,+;page allocation failure: order:0",
	    "4,13,103,+;, mode:0x2080020(GFP_ATOMIC)",
	    "6,14,104,-;next",
	    NULL};
	/* 5.1+ caller ids: a 'c' record joins its own writer's line */
	const char *const caller[] = {
	    "6,20,200,-,caller=T77;oom-kill:constraint=CONSTRAINT_MEMCG,"
	    "nodemask=(null),cpuset=/,mems_allowed=0",
	    "4,21,201,c,caller=T77;,oom_memcg=/a,task_memcg=/a/b,task=x,"
	    "pid=7,uid=0",
	    "3,22,202,-,caller=T77;Memory cgroup out of memory: Killed process "
	    "7 (x) total-vm:8kB, anon-rss:4kB, file-rss:0kB",
	    NULL};
	/* not joined: another writer, a gap, another facility, no ids (the
	 * 6.x SMP line cut by another CPU's message, as in 67.txt) */
	const char *const apart[] = {
	    "6,30,300,-,caller=T1;a",
	    "4,31,301,c,caller=T2;b",
	    "6,32,302,c;c",
	    "6,34,304,+;d",
	    "14,35,305,+;e",
	    "6,36,306,-;.... node  #0, CPUs:   #2",
	    "6,37,307,-;Spectre V2 : Update user space SMT mitigation: STIBP "
	    "always-on",
	    "4,38,308,c;  #1  #3",
	    NULL};
	struct klogring ring;
	struct kevents *ev = kevents_new(8);
	const struct kevent *e;
	size_t i;
	(void)state;
	assert_int_equal(klogring_init(&ring, 16), 0);
	kevents_set_ring(ev, &ring);
	kfixture_feed_lines(ev, plus);
	assert_int_equal(klogring_count(&ring), 3);
	assert_string_equal(klogring_get(&ring, 1)->text,
	                    "swapper/12: page allocation failure: order:0, "
	                    "mode:0x2080020(GFP_ATOMIC)");
	assert_int_equal(kevents_count(ev), 1); /* one event, not three */
	e = kevents_get(ev, 0);
	assert_int_equal(e->kind, KEVENT_PAGE_ALLOC_FAILURE);
	name_is(&e->comm, "swapper/12");
	assert_int_equal(e->order, 0);
	assert_int_equal(kevents_stats(ev).events, 1);
	kfixture_feed_lines(ev, caller);
	assert_int_equal(kevents_count(ev), 2);
	text_is(&kevents_get(ev, 0)->oom.memcg, "/a");
	assert_int_equal(kevents_get(ev, 0)->oom.constraint,
	                 OOM_CONSTRAINT_MEMCG);
	klogring_clear(&ring);
	kfixture_feed_lines(ev, apart);
	assert_int_equal(klogring_count(&ring), 8);
	for (i = 0; i < 8; i++) /* each line as it came */
		assert_string_equal(klogring_get(&ring, 7 - i)->text,
		                    strchr(apart[i], ';') + 1);
	kevents_free(ev);
	klogring_fini(&ring);
}

static void
test_ring_keeps_the_newest(void **state)
{
	/* a full ring replaces its oldest event and counts it; a line taken
	 * back and parsed again (a '+' fragment) replaces nothing more */
	const char *const lines[] = {
	    "6,1,10,-;INFO: task a:1 blocked for more than 120 seconds.",
	    "6,2,20,-;INFO: task b:2 blocked for more than 120 seconds.",
	    "6,3,30,-;INFO: task c:3 blocked for more than 120 seconds.",
	    "4,4,40,c;swapper/12: ",
	    "4,5,50,+;page allocation failure: order:0",
	    "4,6,60,+;, mode:0x2080020(GFP_ATOMIC)",
	    NULL};
	struct kevents *ev = kevents_new(2);
	(void)state;
	kfixture_feed_lines(ev, lines);
	kevents_finish(ev);
	assert_int_equal(kevents_count(ev), 2);
	assert_int_equal(kevents_stats(ev).events, 4);
	assert_int_equal(kevents_stats(ev).dropped, 2);
	assert_int_equal(kevents_get(ev, 0)->kind, KEVENT_PAGE_ALLOC_FAILURE);
	name_is(&kevents_get(ev, 0)->comm, "swapper/12");
	assert_int_equal(kevents_get(ev, 1)->pid, 3);
	assert_null(kevents_get(ev, 2));
	kevents_free(ev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_corpus_file),
	    cmocka_unit_test(test_memcg_oom_09),
	    cmocka_unit_test(test_global_oom_12_13),
	    cmocka_unit_test(test_memcg_is_the_limit_that_was_hit),
	    cmocka_unit_test(test_old_report_14),
	    cmocka_unit_test(test_oom_group_several_kills),
	    cmocka_unit_test(test_bare_kills_do_not_borrow_context),
	    cmocka_unit_test(test_interleaved_stale_lost),
	    cmocka_unit_test(test_syslog_dates_close_stale_reports),
	    cmocka_unit_test(test_reaper_and_chosen),
	    cmocka_unit_test(test_bounded_memory),
	    cmocka_unit_test(test_big_task_table),
	    cmocka_unit_test(test_trouble_parsers_comm_forms),
	    cmocka_unit_test(test_fragments),
	    cmocka_unit_test(test_ring_keeps_the_newest),
	    cmocka_unit_test(test_user_lines_never_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
