/*
 * start_bench: the dashboard's start with a day of history (issue 13,
 * "Performance": at most 300 ms slower to its first frame than without,
 * the load itself in the background).
 *
 *   start_bench OOMWATCH_BIN DIR [RUNS]
 *
 * 1. Starts BENCHDAY_PROCS sleeping processes of its own and writes a
 *    database (DIR/history.db) of the simulated day of benchday.h for the
 *    running boot, its last sample now, with those sleepers' pids and
 *    start times as the processes' identities: the loaded past then
 *    belongs to live processes, so the dashboard joins it to them (trend
 *    cache, header history) as it would after a real day.
 * 2. Runs the real dashboard (`OOMWATCH_BIN --db PATH`) RUNS times with
 *    the database and RUNS times with a missing one, alternating, each
 *    under a pseudo-terminal of 120x40 with TERM=xterm, and times from
 *    just before the fork to the first frame (its bottom row, the
 *    function-key bar, on the pty: ncurses writes the whole frame in one
 *    update, so the rest of it follows within the same burst of writes)
 *    and to the status line's "history:" (the load's outcome). Then it
 *    sends `q`, and kills the dashboard if it has not exited within 5 s.
 * When the machine has been up for less than the day plus an hour, the
 * dashboards run in a time namespace of their own whose monotonic clock
 * is 25 h ahead (the boot time clock unchanged, so start times match):
 * the dashboard loads nothing from before its monotonic zero, and the
 * whole day is meant to load. Without CAP_SYS_ADMIN it says so and runs
 * without (the load then covers only the time since boot).
 *
 * The medians and maxima go to stdout. Files go to DIR (the caller
 * removes it); every process started here is killed and reaped.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchday.h"
#include "benchutil.h"
#include "core/clock.h"

/* The first frame's bottom row: the function-key bar's last key. */
#define START_BENCH_FRAME_MARK "F10Quit"
/* The status line's text when the load is done, whatever its outcome. */
#define START_BENCH_HIST_MARK "history: "
#define START_BENCH_MAX_RUNS 51
#define START_BENCH_WAIT_MS 120000 /* give up on a run after this */
#define START_BENCH_QUIT_MS 5000   /* time to exit after `q` */
/* The time namespace's monotonic lead, in seconds. */
#define START_BENCH_TIMENS_S (25 * 3600)

/* A pty's output with the escape sequences taken out: a control
 * sequence becomes '\n' (it moves or erases), but cursor-forward a space
 * and colours nothing. */
struct start_bench_text {
	int st; /* 0 text, 1 after ESC, 2 CSI, 3 OSC, 4 charset */
	char *s;
	size_t len, cap;
};

/* One run's times (ms from the fork; < 0: not seen) and status line. */
struct start_bench_run {
	double frame_ms, hist_ms;
	char hist[160];
};

/* Append c to t (dropped when out of memory). */
static void
start_bench_put(struct start_bench_text *t, char c)
{
	char *s;

	if (t->len + 1 >= t->cap) {
		s = realloc(t->s, t->cap ? t->cap * 2 : 65536);
		if (s == NULL)
			return;
		t->s = s;
		t->cap = t->cap ? t->cap * 2 : 65536;
	}
	t->s[t->len++] = c;
	t->s[t->len] = '\0';
}

/* Feed n bytes of terminal output to t. */
static void
start_bench_feed(struct start_bench_text *t, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (t->st == 0 && c == 0x1b)
			t->st = 1;
		else if (t->st == 0 && (c == '\r' || c == '\n'))
			start_bench_put(t, '\n');
		else if (t->st == 0 && c >= 0x20)
			start_bench_put(t, (char)c);
		else if (t->st == 1)
			t->st = c == '[' ? 2 : c == ']' ? 3 : c == '(' ? 4 : 0;
		else if (t->st == 2 && c >= 0x40 && c <= 0x7e) {
			if (c != 'm') /* colours and attributes: nothing */
				start_bench_put(t, c == 'C' ? ' ' : '\n');
			t->st = 0;
		} else if (t->st == 3 && (c == 7 || c == 0x1b))
			t->st = c == 7 ? 0 : 1;
		else if (t->st == 4)
			t->st = 0;
	}
}

/* This boot's id (/proc/sys/kernel/random/boot_id) into id; 0 or -1. */
static int
start_bench_boot_id(char *id, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
	int ok;

	id[0] = '\0';
	ok = f != NULL && fgets(id, (int)size, f) != NULL;
	if (f != NULL)
		fclose(f);
	id[strcspn(id, "\n")] = '\0';
	return ok && id[0] != '\0' ? 0 : -1;
}

/* The start time (stat field 22) of pid, or 0. */
static uint64_t
start_bench_start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long v = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* field 3 onwards follow the comm */
	if (p == NULL || sscanf(p + 2,
	                        "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u "
	                        "%*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
	                        &v) != 1)
		return 0;
	return (uint64_t)v;
}

/* Write the day into a new database at path for the sleepers kids, its
 * last sample now; 0 or -1. */
static int
start_bench_make_db(const char *path, const pid_t *kids)
{
	static uint64_t starts[BENCHDAY_PROCS];
	char boot[128], err[512];
	enum recdb_status st;
	struct snapshot s;
	struct recdb *db;
	struct stat sb;
	double t0 = bench_mono_ms(), per;

	for (size_t i = 0; i < BENCHDAY_PROCS; i++)
		if ((starts[i] = start_bench_start_time(kids[i])) == 0)
			return -1;
	if (start_bench_boot_id(boot, sizeof boot) != 0)
		return -1;
	db = recdb_open(path, boot, &st, err, sizeof err);
	if (db == NULL) {
		fprintf(stderr, "start_bench: %s\n", err);
		return -1;
	}
	benchday_snapshot(&s, kids, starts);
	per = benchday_write(db, &s,
	                     clock_wall_ms() -
	                         (BENCHDAY_SAMPLES - 1) * BENCHDAY_STEP_MS);
	recdb_close(db);
	snapshot_fini(&s);
	if (stat(path, &sb) != 0)
		return -1;
	printf("  database: %d samples of %d processes (ours, sleeping), %d "
	       "changing per sample, ending now: %.1f MB, written in %.1f s "
	       "(%.2f ms CPU/sample)\n",
	       BENCHDAY_SAMPLES, BENCHDAY_PROCS, BENCHDAY_CHANGING,
	       (double)sb.st_size / 1048576, (bench_mono_ms() - t0) / 1000,
	       per / 1000);
	return 0;
}

/* Enter a time namespace for our children whose monotonic clock leads by
 * START_BENCH_TIMENS_S when the machine's uptime is shorter than the day plus
 * an hour. Prints what it did. */
static void
start_bench_timens(void)
{
	double up_h = (double)clock_mono_ms() / 3.6e6;
	char off[64];
	int fd, n;

	if (up_h >= 25) {
		printf("  uptime %.1f h: the whole day is after boot\n", up_h);
		return;
	}
	n = snprintf(off, sizeof off, "monotonic %d 0\n", START_BENCH_TIMENS_S);
	if (unshare(CLONE_NEWTIME) != 0 ||
	    (fd = open("/proc/self/timens_offsets", O_WRONLY)) < 0) {
		printf("  uptime %.1f h and no time namespace (%s): only the "
		       "samples since boot can load\n",
		       up_h, strerror(errno));
		return;
	}
	if (write(fd, off, (size_t)n) != n)
		printf("  timens_offsets: %s\n", strerror(errno));
	else
		printf(
		    "  uptime %.1f h: the dashboards run in a time namespace "
		    "with the monotonic clock %d h ahead\n",
		    up_h, START_BENCH_TIMENS_S / 3600);
	close(fd);
}

/* Read what the pty has within wait_ms into t; false at its end. */
static bool
start_bench_pump(int fd, struct start_bench_text *t, int wait_ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	char buf[65536];
	ssize_t n;

	if (poll(&p, 1, wait_ms) <= 0)
		return true;
	n = read(fd, buf, sizeof buf);
	if (n <= 0)
		return n < 0 && (errno == EINTR || errno == EAGAIN);
	start_bench_feed(t, buf, (size_t)n);
	return true;
}

/* Note in r the first frame and the status line's outcome as they appear
 * in t (t0: the fork's time); true once both are complete. */
static bool
start_bench_seen(const struct start_bench_text *t, double t0,
                 struct start_bench_run *r)
{
	const char *h, *end;

	if (t->s == NULL)
		return false;
	if (r->frame_ms < 0 && strstr(t->s, START_BENCH_FRAME_MARK) != NULL)
		r->frame_ms = bench_mono_ms() - t0;
	h = strstr(t->s, START_BENCH_HIST_MARK);
	if (h != NULL && r->hist_ms < 0)
		r->hist_ms = bench_mono_ms() - t0;
	if (h == NULL || (end = strchr(h, '\n')) == NULL)
		return false;
	snprintf(r->hist, sizeof r->hist, "%.*s", (int)(end - h), h);
	return r->frame_ms >= 0;
}

/* Ask the dashboard pid on pty fd to quit, drain the pty until it ends,
 * and reap it (killed after START_BENCH_QUIT_MS). */
static void
start_bench_quit(pid_t pid, int fd, struct start_bench_text *t)
{
	double t0 = bench_mono_ms();

	if (write(fd, "q", 1) != 1) {
		/* a pty that takes no byte: the kill below ends it */
	}
	while (bench_mono_ms() - t0 < START_BENCH_QUIT_MS &&
	       start_bench_pump(fd, t, 100) && waitpid(pid, NULL, WNOHANG) == 0)
		;
	if (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	close(fd);
}

/* Run the dashboard on db once under a 120x40 pty; 0, or -1 when it did
 * not start or showed no first frame and status line in START_BENCH_WAIT_MS. */
static int
start_bench_run_once(const char *bin, const char *db, char **env,
                     struct start_bench_run *r)
{
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	char *argv[] = {(char *)bin, "--db", (char *)db, NULL};
	struct start_bench_text t = {0};
	double t0 = bench_mono_ms();
	bool done = false;
	pid_t pid;
	int fd;

	r->frame_ms = r->hist_ms = -1;
	r->hist[0] = '\0';
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execve(bin, argv, env);
		_exit(127);
	}
	while (!done && bench_mono_ms() - t0 < START_BENCH_WAIT_MS &&
	       start_bench_pump(fd, &t, 100))
		done = start_bench_seen(&t, t0, r);
	start_bench_quit(pid, fd, &t);
	free(t.s);
	return done ? 0 : -1;
}

/* Part 2 (see the top): runs alternating without and with the day; 0 or
 * -1. */
static int
start_bench_measure(const char *bin, const char *dir, const char *db, int runs)
{
	static double without[START_BENCH_MAX_RUNS], with[START_BENCH_MAX_RUNS],
	    loaded[START_BENCH_MAX_RUNS];
	char none[4200], home[4200],
	    *env[] = {"TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin", home,
	              NULL};
	double m0, m1, ml, x0, x1, xl;
	struct start_bench_run r, rw = {.hist = ""};

	snprintf(none, sizeof none, "%s/none.db", dir);
	snprintf(home, sizeof home, "HOME=%s", dir);
	for (int i = 0; i < runs; i++) {
		if (start_bench_run_once(bin, none, env, &r) != 0 ||
		    start_bench_run_once(bin, db, env, &rw) != 0 ||
		    strstr(rw.hist, "loaded") == NULL) {
			fprintf(stderr, "start_bench: run %d: %s\n", i,
			        rw.hist[0] ? rw.hist : "no frame or status");
			return -1;
		}
		without[i] = r.frame_ms;
		with[i] = rw.frame_ms;
		loaded[i] = rw.hist_ms;
	}
	m0 = bench_median_max(without, runs, &x0);
	m1 = bench_median_max(with, runs, &x1);
	ml = bench_median_max(loaded, runs, &xl);
	printf(
	    "  start: first frame %.0f ms without history, %.0f ms with "
	    "24 h (%+.0f ms; target +300 ms); history loaded after %.0f ms\n",
	    m0, m1, m1 - m0, ml);
	printf("  (medians of %d runs each, alternating; maxima %.0f, %.0f and "
	       "%.0f ms; the status line said \"%s\")\n",
	       runs, x0, x1, xl, rw.hist);
	return 0;
}

/* Start the sleepers, write the day, time the starts, clean up. */
int
main(int argc, char **argv)
{
	char db[4200];
	pid_t *kids;
	size_t k;
	int runs = argc > 3 ? atoi(argv[3]) : 7, rc = 1;

	if (argc < 3 || runs < 1 || runs > START_BENCH_MAX_RUNS) {
		fprintf(stderr, "usage: start_bench OOMWATCH_BIN DIR [RUNS]\n");
		return 2;
	}
	snprintf(db, sizeof db, "%s/history.db", argv[2]);
	printf("== start: the dashboard's first frame with 24 h of history "
	       "(issue 13)\n");
	fflush(stdout);
	k = bench_spawn(&kids, BENCHDAY_PROCS, "sbsleeper");
	if (k < BENCHDAY_PROCS)
		fprintf(stderr, "start_bench: %zu of %d sleepers\n", k,
		        BENCHDAY_PROCS);
	else if (start_bench_make_db(db, kids) != 0)
		fprintf(stderr, "start_bench: could not write the database\n");
	else {
		start_bench_timens();
		fflush(stdout);
		rc = start_bench_measure(argv[1], argv[2], db, runs) == 0 ? 0
		                                                          : 1;
	}
	bench_reap(kids, k);
	free(kids);
	return rc;
}
