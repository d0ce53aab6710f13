/*
 * Live tests of the collector's two modes on the real /proc, on children
 * of the test's own: a COLLECTOR_LIGHT collector sampled twice (the second
 * sample reads known processes from status, collect/procfs.h) against a
 * COLLECTOR_EXACT one. Between the two light samples the test renames a
 * child, makes one exec, changes another's oom_score_adj and reparents a
 * grandchild, so the light path must see what changed in status, not what
 * stat said before. The PID-reuse test (root: ns_last_pid) gives a known
 * pid to a new child with another name and checks the light sample never
 * shows the old process's name or start time. The container test (root)
 * reads a pid namespace's own proc, where PID 1 is scored.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "act_child.h"
#include "collect/collector.h"
#include "core/clock.h"
#include "procfix.h"

/* A child of the test: it sets its own name (only a thread group may
 * write its comm) and renames itself on request. */
struct kid {
	pid_t pid;
	uint64_t start_time;
	int ctl; /* to the child: a new name (16 bytes) */
	int ack; /* from the child: one byte per rename */
	char name[16];
};

/* Every pid the test forked and has not reaped (for the teardown). */
#define KIDS_MAX 32
static pid_t kids_alive[KIDS_MAX];

/* Remember pid (or forget it: pid 0 replaces old). */
static void
kids_note(pid_t pid, pid_t old)
{
	for (size_t i = 0; i < KIDS_MAX; i++) {
		if (kids_alive[i] == old) {
			kids_alive[i] = pid;
			return;
		}
	}
}

/* Sleep ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* How a kid lives once ready. */
enum kid_kind {
	KID_LIVE,   /* renames itself on request */
	KID_ZOMBIE, /* exits at once, not reaped */
	KID_LEADER, /* its main thread exits, another thread lives on */
};

/* The thread a KID_LEADER kid leaves behind. */
static void *
kid_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The child: name itself, touch memory, say ready, then rename on each
 * 16-byte request until its parent (the test) goes. */
static void
kid_main(const char *name, size_t mem_kb, enum kid_kind kind, int ready,
         int ctl)
{
	char buf[16];
	pthread_t t;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, name);
	act_child_touch_kb(mem_kb);
	if (kind == KID_LEADER && pthread_create(&t, NULL, kid_thread, NULL))
		_exit(1);
	if (write(ready, "r", 1) != 1 || kind == KID_ZOMBIE)
		_exit(0);
	if (kind == KID_LEADER)
		pthread_exit(NULL);
	while (read(ctl, buf, sizeof buf) == (ssize_t)sizeof buf) {
		buf[sizeof buf - 1] = '\0';
		if (strcmp(buf, "/bin/sleep") == 0) /* the pipes close */
			execl(buf, "sleep", "1000", (char *)NULL);
		prctl(PR_SET_NAME, buf);
		if (write(ready, "a", 1) != 1)
			_exit(1);
	}
	_exit(0);
}

/* Fork a kid named name with mem_kb kB touched. 0 once it is ready
 * (KID_ZOMBIE, KID_LEADER: once its leader is a zombie), or -1. */
static int
kid_start(struct kid *k, const char *name, size_t mem_kb, enum kid_kind kind)
{
	int ready[2], ctl[2];
	char b;

	memset(k, 0, sizeof *k);
	k->ctl = k->ack = -1;
	snprintf(k->name, sizeof k->name, "%s", name);
	if (pipe2(ready, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(ctl, O_CLOEXEC) != 0) {
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	k->pid = fork();
	if (k->pid == 0) {
		close(ready[0]);
		close(ctl[1]);
		kid_main(name, mem_kb, kind, ready[1], ctl[0]);
	}
	close(ready[1]);
	close(ctl[0]);
	k->ctl = ctl[1];
	k->ack = ready[0];
	if (k->pid < 0)
		return -1;
	kids_note(k->pid, 0);
	if (read(k->ack, &b, 1) != 1)
		return -1;
	for (int i = 0; kind != KID_LIVE && act_state(k->pid) != 'Z' && i < 500;
	     i++)
		sleep_ms(2);
	k->start_time = act_start_time(k->pid);
	return k->start_time != 0 ? 0 : -1;
}

/* Ask a kid to rename itself; 0 once it has. */
static int
kid_rename(struct kid *k, const char *name)
{
	char buf[16] = {0};
	char b;

	snprintf(buf, sizeof buf, "%s", name);
	if (write(k->ctl, buf, sizeof buf) != (ssize_t)sizeof buf ||
	    read(k->ack, &b, 1) != 1)
		return -1;
	snprintf(k->name, sizeof k->name, "%s", name);
	return 0;
}

/* Ask a kid to exec sleep; 0 once it has (its pipes closed on exec). */
static int
kid_exec(struct kid *k)
{
	char buf[16] = "/bin/sleep";
	char b;

	if (write(k->ctl, buf, sizeof buf) != (ssize_t)sizeof buf ||
	    read(k->ack, &b, 1) != 0 || !act_alive(k->pid))
		return -1;
	snprintf(k->name, sizeof k->name, "sleep");
	return 0;
}

/* SIGKILL and reap a kid (a no-op when it has no pid). */
static void
kid_stop(struct kid *k)
{
	if (k->pid > 0) {
		kill(k->pid, SIGKILL);
		while (waitpid(k->pid, NULL, 0) < 0 && errno == EINTR)
			;
		kids_note(0, k->pid);
		k->pid = 0;
	}
	if (k->ctl >= 0)
		close(k->ctl);
	if (k->ack >= 0)
		close(k->ack);
	k->ctl = k->ack = -1;
}

/* A directory a test made for a mount (removed by the teardown). */
static char ns_dir[64];

/* Kill and reap every pid still ours (waitpid says so). */
static int
kids_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < KIDS_MAX; i++) {
		pid_t pid = kids_alive[i];

		kids_alive[i] = 0;
		if (pid <= 0 || waitpid(pid, NULL, WNOHANG) != 0)
			continue; /* reaped now, or not our child (any more) */
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (ns_dir[0] != '\0')
		rmdir(ns_dir);
	ns_dir[0] = '\0';
	return 0;
}

/* Running, sleeping and waiting are one class; stopped, dead others. */
static char
state_class(char state)
{
	switch (state) {
	case 'Z':
	case 'X':
	case 'x':
		return 'Z';
	case 'T':
	case 't':
		return 'T';
	default:
		return 'S';
	}
}

/* The cgroup string of a row ("" when unknown). */
static const char *
cgroup_of(const struct snapshot *s, const struct proc_row *r, char *buf,
          size_t cap)
{
	const char *p = snapshot_str(s, r->cgroup_off, r->cgroup_len);
	size_t n = p == NULL ? 0 : r->cgroup_len;

	if (n >= cap)
		n = cap - 1;
	memcpy(buf, p == NULL ? "" : p, n);
	buf[n] = '\0';
	return buf;
}

/* Assert that the light row of pid says what the exact row says. */
static void
assert_rows_agree(const struct snapshot *light, const struct snapshot *exact,
                  pid_t pid)
{
	const struct proc_row *l = procfix_row_of(light, pid),
	                      *e = procfix_row_of(exact, pid);
	char lc[256], ec[256];

	assert_non_null(l);
	assert_non_null(e);
	print_message("pid %d %.15s: light %c ppid %d adj %lld score %lld, "
	              "exact %c ppid %d adj %lld score %lld\n",
	              (int)pid, e->comm, l->state, (int)l->ppid,
	              (long long)l->oom_score_adj, (long long)l->oom_score,
	              e->state, (int)e->ppid, (long long)e->oom_score_adj,
	              (long long)e->oom_score);
	assert_memory_equal(l->comm, e->comm, sizeof l->comm);
	assert_int_equal(state_class(l->state), state_class(e->state));
	assert_int_equal(l->ppid, e->ppid);
	assert_int_equal(l->uid, e->uid);
	assert_true(l->start_time == e->start_time);
	assert_int_equal(l->kthread, e->kthread);
	assert_true(l->oom_score_adj == e->oom_score_adj);
	assert_true(l->oom_score != SNAP_NA && e->oom_score != SNAP_NA);
	assert_true(l->oom_score >= e->oom_score - 2 &&
	            l->oom_score <= e->oom_score + 2);
	assert_string_equal(cgroup_of(light, l, lc, sizeof lc),
	                    cgroup_of(exact, e, ec, sizeof ec));
}

/* Rows other than pid's whose score is at least its score - margin. */
static size_t
rows_near_or_above(const struct snapshot *s, pid_t pid, int64_t margin)
{
	const struct proc_row *r = procfix_row_of(s, pid);
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid != pid &&
		    s->procs[i].oom_score != SNAP_NA &&
		    s->procs[i].oom_score >= r->oom_score - margin)
			n++;
	return n;
}

/* A light (known) sample's row for a kid: what the kid is now. */
static void
assert_row_is(const struct snapshot *s, const struct kid *k)
{
	const struct proc_row *r = procfix_row_of(s, k->pid);

	assert_non_null(r);
	assert_string_equal(r->comm, k->name);
	assert_true(r->start_time == k->start_time);
}

enum {
	K_IDLE,    /* no memory, adj 0 */
	K_MEM,     /* 32 MiB, adj 0 -> 250 between the light samples */
	K_TOP,     /* 48 MiB at adj 1000: among the top 16 */
	K_FOCUS,   /* 8 MiB: the focus pid */
	K_HOSTILE, /* ') ', a newline, a backslash and ESC in the name */
	K_RENAME,  /* renamed between the light samples */
	K_EXEC,    /* execs sleep between the light samples */
	K_ZOMBIE,  /* exited, not reaped */
	K_LEADER,  /* 16 MiB, a zombie leader whose other thread lives */
	K_MID,     /* the grandchild's parent; exits between the samples */
	K_N
};

/* K_MID: fork the grandchild, send its pid, exit on any byte (or EOF). */
static void
mid_main(int ready, int ctl)
{
	pid_t test = getppid(), mid = getpid(), grand;
	char b = 0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, "olw-mid");
	grand = fork();
	if (grand == 0) {
		/* outlive the mid (reparented to the test, a subreaper);
		 * go when the test does */
		prctl(PR_SET_NAME, "olw-grand");
		for (;;) {
			pid_t pp = getppid();
			if (pp != mid && pp != test)
				_exit(0);
			sleep_ms(50);
		}
	}
	if (grand < 0 || write(ready, &grand, sizeof grand) != sizeof grand)
		_exit(1);
	(void)!read(ctl, &b, 1);
	_exit(0);
}

static void
test_light_matches_exact(void **state)
{
	static const char *names[K_N] = {
	    "olw-idle",        "olw-mem",    "olw-top",  "olw-focus",
	    "o) R 1\n\\x\x1b", "olw-rename", "olw-exec", "olw-zombie",
	    "olw-leader",      "",
	};
	static const size_t mem_kb[K_N] = {0, 32768, 49152, 8192,  0,
	                                   0, 4096,  0,     16384, 0};
	static const enum kid_kind kinds[K_N] = {
	    [K_ZOMBIE] = KID_ZOMBIE, [K_LEADER] = KID_LEADER};
	struct kid k[K_N], grand_kid;
	struct collector *light, *exact;
	struct snapshot s1, s2, se;
	const struct procfs_stats *st;
	char err[256];
	int ready[2], ctl[2];
	pid_t grand;
	size_t ahead;
	(void)state;
	memset(&grand_kid, 0, sizeof grand_kid);
	grand_kid.ctl = grand_kid.ack = -1;
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	for (int i = 0; i < K_MID; i++)
		assert_int_equal(
		    kid_start(&k[i], names[i], mem_kb[i], kinds[i]), 0);
	assert_int_equal(act_write_text(k[K_TOP].pid, "oom_score_adj", "1000"),
	                 0);
	/* the mid and its child */
	memset(&k[K_MID], 0, sizeof k[K_MID]);
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	assert_int_equal(pipe2(ctl, O_CLOEXEC), 0);
	k[K_MID].pid = fork();
	if (k[K_MID].pid == 0) {
		close(ready[0]);
		close(ctl[1]);
		mid_main(ready[1], ctl[0]);
	}
	assert_true(k[K_MID].pid > 0);
	kids_note(k[K_MID].pid, 0);
	close(ready[1]);
	close(ctl[0]);
	k[K_MID].ack = ready[0];
	k[K_MID].ctl = ctl[1];
	assert_int_equal(read(ready[0], &grand, sizeof grand), sizeof grand);
	assert_true(grand > 0);
	for (int i = 0; i < 500 && act_start_time(grand) == 0; i++)
		sleep_ms(2);
	k[K_MID].start_time = act_start_time(k[K_MID].pid);

	light = collector_new("/proc", err, sizeof err);
	exact = collector_new("/proc", err, sizeof err);
	assert_non_null(light);
	assert_non_null(exact);
	collector_set_mode(light, COLLECTOR_LIGHT);
	collector_set_mode(exact, COLLECTOR_EXACT);
	collector_set_focus(light, k[K_FOCUS].pid);
	snapshot_init(&s1);
	snapshot_init(&s2);
	snapshot_init(&se);
	/* first light sample: everything read in full */
	assert_int_equal(collector_sample(light, &s1, clock_mono_ms()), 0);
	st = collector_stats(light);
	assert_int_equal(st->known, 0);
	assert_int_equal(st->full, s1.nprocs);
	assert_non_null(procfix_row_of(&s1, grand));
	assert_int_equal(procfix_row_of(&s1, grand)->ppid, k[K_MID].pid);

	/* what changes in status only: a name, an adj, a parent */
	assert_int_equal(kid_rename(&k[K_RENAME], "olw-renamed"), 0);
	assert_int_equal(kid_exec(&k[K_EXEC]), 0);
	assert_int_equal(act_write_text(k[K_MEM].pid, "oom_score_adj", "250"),
	                 0);
	assert_int_equal(write(k[K_MID].ctl, "x", 1), 1);
	assert_int_equal(waitpid(k[K_MID].pid, NULL, 0), k[K_MID].pid);
	kids_note(0, k[K_MID].pid);
	kids_note(grand, 0); /* ours now (subreaper) */
	grand_kid.pid = grand;
	snprintf(grand_kid.name, sizeof grand_kid.name, "olw-grand");
	grand_kid.start_time = act_start_time(grand);

	/* second light sample: the known path */
	collector_set_focus(light, k[K_FOCUS].pid);
	assert_int_equal(collector_sample(light, &s2, clock_mono_ms()), 0);
	assert_int_equal(collector_sample(exact, &se, clock_mono_ms()), 0);
	st = collector_stats(light);
	print_message("light: %u full, %u known, %u derived, %u exact "
	              "(%u differed), %u doubtful\n",
	              st->full, st->known, st->derived, st->exact, st->differed,
	              st->doubtful);
	assert_true(st->known >= K_MID); /* our kids at least */
	assert_int_equal(st->known + st->full, s2.nprocs);
	assert_int_equal(st->derived + st->doubtful, st->known);
	assert_true(st->exact >= 2); /* the focus and the top at least */
	assert_true(st->exact <= PROCFS_TOP_EXACT + 1);
	assert_true(st->doubtful >= 2); /* the zombie and the leader */
	st = collector_stats(exact);
	assert_int_equal(st->known, 0);
	assert_int_equal(st->full, se.nprocs);

	/* the kids, as the exact collector and the kernel see them */
	for (int i = 0; i < K_MID; i++) {
		assert_rows_agree(&s2, &se, k[i].pid);
		assert_row_is(&s2, &k[i]);
	}
	/* every process in both samples: kernel threads known as such,
	 * never a candidate (score 0); PID 1 as /proc shows it (0 for the
	 * kernel's init, scored in a container) */
	for (size_t i = 0; i < s2.nprocs; i++) {
		const struct proc_row *l = &s2.procs[i],
		                      *e = procfix_row_of(&se, l->pid);
		if (e == NULL || e->start_time != l->start_time)
			continue; /* gone, or another process since */
		assert_int_equal(l->kthread, e->kthread);
		if (l->kthread)
			assert_true(l->oom_score == 0 && e->oom_score == 0);
		if (l->pid == 1)
			assert_true(l->oom_score >= e->oom_score - 2 &&
			            l->oom_score <= e->oom_score + 2);
	}
	assert_null(procfix_row_of(&s2, k[K_MID].pid));
	assert_null(procfix_row_of(&se, k[K_MID].pid));
	assert_rows_agree(&s2, &se, grand);
	assert_row_is(&s2, &grand_kid);
	assert_int_equal(procfix_row_of(&s2, grand)->ppid, getpid());
	assert_int_equal(procfix_row_of(&s2, k[K_RENAME].pid)->ppid, getpid());
	assert_string_equal(procfix_row_of(&s2, k[K_EXEC].pid)->comm, "sleep");
	assert_int_equal(procfix_row_of(&s2, k[K_MEM].pid)->oom_score_adj, 250);
	assert_int_equal(procfix_row_of(&s2, k[K_TOP].pid)->oom_score_adj,
	                 1000);
	assert_int_equal(procfix_row_of(&s2, k[K_ZOMBIE].pid)->state, 'Z');
	assert_int_equal(procfix_row_of(&s2, k[K_ZOMBIE].pid)->oom_score, 0);
	/* a zombie leader: its live thread's mm counts (read, not derived) */
	assert_int_equal(procfix_row_of(&s2, k[K_LEADER].pid)->state, 'Z');
	assert_true(procfix_row_of(&s2, k[K_LEADER].pid)->oom_score >= 666);
	assert_int_equal(procfix_row_of(&s2, k[K_LEADER].pid)->oom_score,
	                 procfix_row_of(&se, k[K_LEADER].pid)->oom_score);
	/* read for real: the focus pid, and the top row unless more than
	 * 16 others could have been ahead of it (their derived scores are
	 * within a few points of what was then read) */
	assert_int_equal(procfix_row_of(&s2, k[K_FOCUS].pid)->oom_score,
	                 procfix_row_of(&se, k[K_FOCUS].pid)->oom_score);
	ahead = rows_near_or_above(&s2, k[K_TOP].pid, 5);
	if (ahead < PROCFS_TOP_EXACT)
		assert_int_equal(procfix_row_of(&s2, k[K_TOP].pid)->oom_score,
		                 procfix_row_of(&se, k[K_TOP].pid)->oom_score);
	else
		print_message("top kid: %zu rows near or above it, not "
		              "checked as exact\n",
		              ahead);

	snapshot_fini(&s1);
	snapshot_fini(&s2);
	snapshot_fini(&se);
	collector_free(light);
	collector_free(exact);
	for (int i = 0; i <= K_MID; i++)
		kid_stop(&k[i]);
	kid_stop(&grand_kid);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

/* Fork a kid named name at pid want through ns_last_pid (others may
 * take the pid first: retried). 0, -1 when it could not be had. */
static int
kid_start_at(struct kid *k, pid_t want, const char *name)
{
	for (int tries = 0; tries < 50; tries++) {
		if (act_child_next_pid(want) != 0)
			return -1;
		if (kid_start(k, name, 0, KID_LIVE) != 0)
			return -1;
		if (k->pid == want)
			return 0;
		kid_stop(k); /* someone else forked first: again */
	}
	return -1;
}

static void
test_light_pid_reuse(void **state)
{
	struct collector *light;
	struct snapshot s;
	struct kid old, young;
	const struct proc_row *r;
	char err[256], name[16], path[32];
	int fd, hold;
	pid_t pid;
	(void)state;
	if (geteuid() != 0) {
		print_message("needs root: ns_last_pid\n");
		skip();
	}
	fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		print_message("ns_last_pid: %s\n", strerror(errno));
		skip();
	}
	close(fd);
	light = collector_new("/proc", err, sizeof err);
	assert_non_null(light);
	collector_set_mode(light, COLLECTOR_LIGHT);
	snapshot_init(&s);
	for (int round = 0; round < 6; round++) {
		snprintf(name, sizeof name, "olw-old%c", '0' + round);
		assert_int_equal(kid_start(&old, name, 1024, KID_LIVE), 0);
		assert_int_equal(
		    act_write_text(old.pid, "oom_score_adj", "700"), 0);
		pid = old.pid;
		/* two light samples: the old process is known */
		assert_int_equal(collector_sample(light, &s, clock_mono_ms()),
		                 0);
		assert_int_equal(collector_sample(light, &s, clock_mono_ms()),
		                 0);
		assert_true(collector_stats(light)->known > 0);
		assert_row_is(&s, &old);
		assert_int_equal(procfix_row_of(&s, pid)->oom_score_adj, 700);
		/* odd rounds keep the old /proc/PID open across the reuse
		 * (as a held cmdline handle would) */
		hold = -1;
		if (round % 2 == 1) {
			snprintf(path, sizeof path, "/proc/%d", (int)pid);
			hold = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			assert_true(hold >= 0);
		}
		kid_stop(&old);
		sleep_ms(30); /* a new start time: 100 ticks a second */
		snprintf(name, sizeof name, "olw-new%c", '0' + round);
		if (kid_start_at(&young, pid, name) != 0) {
			if (hold >= 0)
				close(hold);
			print_message("pid %d was taken by another process\n",
			              (int)pid);
			snapshot_fini(&s);
			collector_free(light);
			skip();
		}
		assert_true(young.start_time != old.start_time);
		assert_int_equal(collector_sample(light, &s, clock_mono_ms()),
		                 0);
		r = procfix_row_of(&s, pid);
		assert_non_null(r);
		print_message("round %d: pid %d was %s @%llu, now %s @%llu; "
		              "row %s @%llu adj %lld\n",
		              round, (int)pid, old.name,
		              (unsigned long long)old.start_time, young.name,
		              (unsigned long long)young.start_time, r->comm,
		              (unsigned long long)r->start_time,
		              (long long)r->oom_score_adj);
		assert_row_is(&s, &young);
		assert_int_equal(r->oom_score_adj, 0);
		assert_int_equal(r->ppid, getpid());
		assert_true(collector_stats(light)->full >= 1);
		if (hold >= 0)
			close(hold);
		/* and the next sample knows the new process */
		assert_int_equal(collector_sample(light, &s, clock_mono_ms()),
		                 0);
		assert_row_is(&s, &young);
		kid_stop(&young);
	}
	snapshot_fini(&s);
	collector_free(light);
}

/* In a new pid (and mount) namespace: fork its init (pid 1 there) with
 * mem_kb touched, which mounts that namespace's proc on dir and forks 20
 * sleepers; send its pid (ours) on ready, then wait for it. */
static void
ns_parent_main(const char *dir, size_t mem_kb, int ready)
{
	pid_t init;
	int status;
	char *p;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWPID | CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		init = -errno;
		(void)!write(ready, &init, sizeof init);
		_exit(1);
	}
	init = fork();
	if (init == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "olw-nsinit");
		if (mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		          NULL) != 0)
			_exit(1);
		p = mmap(NULL, mem_kb * 1024, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(1);
		memset(p, 0x5a, mem_kb * 1024);
		/* more processes than the light scan reads for real: all
		 * score 666 at adj 0, above what the formula says for
		 * PID 1 */
		for (int i = 0; i < PROCFS_TOP_EXACT + 4; i++) {
			if (fork() == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				prctl(PR_SET_NAME, "olw-nskid");
				for (;;)
					pause();
			}
		}
		if (write(ready, "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	if (init < 0 || write(ready, &init, sizeof init) != sizeof init)
		_exit(1);
	while (waitpid(init, &status, 0) < 0 && errno == EINTR)
		;
	_exit(0);
}

/*
 * A container's /proc: its PID 1 is not the kernel's init (is_global_init
 * is the initial namespace's), so the kernel scores it like any process.
 * The light sample must show that score, not the formula's "never".
 */
static void
test_light_container_init(void **state)
{
	char dir[] = "/tmp/oomwatch-pidns.XXXXXX", root[96], err[256], b;
	struct collector *light, *exact;
	struct snapshot sl, se;
	const struct proc_row *l, *e;
	struct kid parent;
	int ready[2];
	pid_t init;
	(void)state;
	if (geteuid() != 0) {
		print_message("needs root: a pid namespace and a proc mount\n");
		skip();
	}
	assert_non_null(mkdtemp(dir));
	snprintf(ns_dir, sizeof ns_dir, "%s", dir);
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	memset(&parent, 0, sizeof parent);
	parent.ctl = parent.ack = -1;
	parent.pid = fork();
	if (parent.pid == 0) {
		close(ready[0]);
		ns_parent_main(dir, 16384, ready[1]);
	}
	close(ready[1]);
	parent.ack = ready[0];
	assert_true(parent.pid > 0);
	kids_note(parent.pid, 0);
	assert_int_equal(read(ready[0], &init, sizeof init), sizeof init);
	if (init < 0) {
		kid_stop(&parent);
		rmdir(dir);
		print_message("unshare/mount: %s\n", strerror((int)-init));
		skip();
	}
	if (read(ready[0], &b, 1) != 1) {
		kid_stop(&parent);
		rmdir(dir);
		fail_msg("the namespace's init did not start (proc mount?)");
	}
	snprintf(root, sizeof root, "/proc/%d/root%s", (int)init, dir);
	light = collector_new(root, err, sizeof err);
	exact = collector_new(root, err, sizeof err);
	assert_non_null(light);
	assert_non_null(exact);
	collector_set_mode(light, COLLECTOR_LIGHT);
	snapshot_init(&sl);
	snapshot_init(&se);
	assert_int_equal(collector_sample(light, &sl, clock_mono_ms()), 0);
	assert_int_equal(collector_sample(light, &sl, clock_mono_ms()), 0);
	assert_int_equal(collector_sample(exact, &se, clock_mono_ms()), 0);
	assert_int_equal(collector_stats(light)->known, PROCFS_TOP_EXACT + 5);
	l = procfix_row_of(&sl, 1);
	e = procfix_row_of(&se, 1);
	assert_non_null(l);
	assert_non_null(e);
	print_message("container PID 1: light %s score %lld, exact %s score "
	              "%lld, kernel %ld\n",
	              l->comm, (long long)l->oom_score, e->comm,
	              (long long)e->oom_score,
	              act_read_long(init, "oom_score"));
	assert_string_equal(l->comm, "olw-nsinit");
	assert_true(e->oom_score >= 666);
	assert_int_equal(l->oom_score, e->oom_score);
	assert_int_equal(l->ppid, 0); /* its parent is outside */
	/* every process of the namespace: the same in both modes */
	assert_int_equal(sl.nprocs, PROCFS_TOP_EXACT + 5);
	assert_int_equal(se.nprocs, sl.nprocs);
	for (size_t i = 0; i < sl.nprocs; i++)
		assert_rows_agree(&sl, &se, sl.procs[i].pid);
	snapshot_fini(&sl);
	snapshot_fini(&se);
	collector_free(light);
	collector_free(exact);
	kill(init, SIGKILL); /* the parent then exits */
	while (waitpid(parent.pid, NULL, 0) < 0 && errno == EINTR)
		;
	kids_note(0, parent.pid);
	parent.pid = 0;
	kid_stop(&parent);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_light_matches_exact, kids_teardown),
	    cmocka_unit_test_teardown(test_light_pid_reuse, kids_teardown),
	    cmocka_unit_test_teardown(test_light_container_init, kids_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
