/*
 * record.c: `oomwatch --record` (see record.h). One loop: sample, build
 * the sample to store, queue it, write what the queue holds, one step of
 * maintenance, then wait for the next tick in ppoll() on the kernel log.
 * SIGTERM, SIGINT and SIGHUP stay blocked except inside that ppoll(), so
 * they are only ever seen between two transactions.
 *
 * Collector mode: COLLECTOR_LIGHT, the dashboard's. The recorder runs all
 * day on machines that are short of memory and CPU, so it reads the least
 * per process: status and oom_score_adj of processes seen before, with
 * oom_score derived by the kernel's formula and read from /proc for the
 * top rows (collect/procfs.h). The values it stores (RSS, swap, adj) are
 * the ones /proc says in either mode.
 */
#include "app/record.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/events_cli.h"
#include "app/record_bbox.h"
#include "app/record_cg.h"
#include "app/record_end.h"
#include "app/record_queue.h"
#include "app/record_sample.h"
#include "app/record_self.h"
#include "collect/collector.h"
#include "collect/kmsg.h"
#include "collect/procroot.h"
#include "core/clock.h"
#include "model/histsnap.h"
#include "model/kevents.h"
#include "model/prom.h"
#include "model/promtally.h"
#include "model/rank.h"
#include "model/recsel.h"
#include "persist/promfile.h"

/* How long a sample waits for new processes' command lines (an identity
 * is stored once: one stored without its command line keeps none); the
 * first sample, with every process new, waits longer. */
#define RECORD_CMDLINE_WAIT_MS 100
#define RECORD_CMDLINE_FIRST_MS 1000
/* The engine's event ring; events are taken out after every pump of at
 * most RECORD_PUMP_BUDGET records, so none is overwritten unseen. */
#define RECORD_EVENTS 256
#define RECORD_PUMP_BUDGET 128
/* A failure to write is said at most this often (monotonic ms). */
#define RECORD_SAY_MS (10 * 60 * 1000)
/* While the disk is full, writes are retried after a pause that doubles
 * from one sample interval up to this (or the interval, when longer). */
#define RECORD_RETRY_MAX_MS 4000

static volatile sig_atomic_t record_stop, record_hup;

struct record {
	const struct options *opt;
	char path[PATH_MAX];
	char boot_id[64];
	struct collector *col;
	struct snapshot snap;
	struct recsel *sel;
	struct recsel_pick pick;
	struct kmsg_reader *kr;
	struct kevents *ev;
	uint64_t events_taken;    /* kevents_stats().events already taken */
	struct recdb_event *pend; /* events taken, for the next sample */
	struct record_bbox bb;    /* the last full sample, for black boxes */
	struct record_cg cg;      /* the cgroup rows last stored */
	struct record_end end;    /* the stored processes last seen */
	struct promtally *tally;  /* --textfile: kernel events by kind */
	struct prom_text prom;    /* --textfile: the exposition */
	struct histsnap sys;      /* --textfile: the system's series only */
	bool prom_said;           /* a --textfile failure was said */
	size_t npend, pend_cap;
	struct recdb *db;
	struct recdb_limits lim;
	struct record_queue *q;
	uint64_t taken;   /* samples taken */
	uint64_t backlog; /* samples written since writes last succeeded */
	bool failing;     /* writes fail (since the last success) */
	bool said;        /* ...and that was said on stderr */
	uint64_t said_ms; /* when a failure was last said (monotonic) */
	uint64_t retry_ms, retry_at; /* disk full: the pause, the next try */
	bool cap_said; /* black boxes dropped for --max-size: said */
};

/* Signal handler: note the signal for the loop. */
static void
record_signal(int sig)
{
	if (sig == SIGHUP)
		record_hup = 1;
	else
		record_stop = 1;
}

/* Handlers for TERM, INT and HUP, blocked outside ppoll; *wait_mask is
 * the mask to wait with. */
static void
record_signals(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = record_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGINT);
	sigdelset(wait_mask, SIGHUP);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* The default database path (see record.h). */
int
record_default_path(char *buf, size_t size, int is_root, const char *xdg_state,
                    const char *home)
{
	int n;

	if (is_root)
		n = snprintf(buf, size, "%s", RECORD_SYSTEM_DB);
	else if (xdg_state != NULL && xdg_state[0] == '/')
		n = snprintf(buf, size, "%s/oomwatch/history.db", xdg_state);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, size, "%s/.local/state/oomwatch/history.db",
		             home);
	else
		return -1;
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* The path a reader opens, given the system database's (see record.h). */
int
record_read_path_at(char *buf, size_t size, const char *system_db, int is_root,
                    const char *xdg_state, const char *home)
{
	int n;

	if (is_root || access(system_db, R_OK) != 0)
		return record_default_path(buf, size, is_root, xdg_state, home);
	n = snprintf(buf, size, "%s", system_db);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* The path a reader opens (see record.h). */
int
record_read_path(char *buf, size_t size, int is_root, const char *xdg_state,
                 const char *home)
{
	return record_read_path_at(buf, size, RECORD_SYSTEM_DB, is_root,
	                           xdg_state, home);
}

/* Create the directories above a default path that are missing (mode:
 * 0755 for root's, 0700 for a user's). */
static void
record_mkdirs(const char *path, mode_t mode)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, mode);
		*p = '/';
	}
	mkdir(dir, mode);
}

/* The database path: --db, or the default (its directories created). */
static int
record_path(struct record *r)
{
	bool root = geteuid() == 0;

	if (r->opt->db_path != NULL) {
		snprintf(r->path, sizeof r->path, "%s", r->opt->db_path);
		return 0;
	}
	if (record_default_path(r->path, sizeof r->path, root,
	                        getenv("XDG_STATE_HOME"), getenv("HOME")) < 0) {
		fprintf(stderr, "oomwatch: no home directory for the history "
		                "database; use --db PATH\n");
		return -1;
	}
	record_mkdirs(r->path, root ? 0755 : 0700);
	return 0;
}

/* This boot's id (/proc/sys/kernel/random/boot_id), or "unknown". */
static void
record_boot_id(struct record *r)
{
	int dir = procroot_open(r->opt->proc_root);
	ssize_t n = -1;

	if (dir >= 0) {
		n = procroot_read(dir, "sys/kernel/random/boot_id", r->boot_id,
		                  sizeof r->boot_id);
		close(dir);
	}
	if (n <= 0)
		snprintf(r->boot_id, sizeof r->boot_id, "unknown");
	else
		r->boot_id[strcspn(r->boot_id, "\n")] = '\0';
}

/* Open the database; false (said on stderr when say) on failure. */
static bool
record_open_db(struct record *r, bool say, enum recdb_status *st)
{
	char err[PATH_MAX + 256];

	r->db = recdb_open(r->path, r->boot_id, st, err, sizeof err);
	if (r->db == NULL && say)
		fprintf(stderr, "oomwatch: %s\n", err);
	return r->db != NULL;
}

/* The kernel log: live, or --kmsg-file (tests). */
static int
record_open_klog(struct record *r)
{
	int rc;

	r->ev = kevents_new(RECORD_EVENTS);
	if (r->ev == NULL)
		return -ENOMEM;
	rc = r->opt->kmsg_file
	         ? kmsg_new_file(&r->kr, r->opt->kmsg_file, NULL, NULL)
	         : kmsg_new_live(&r->kr, NULL, NULL);
	if (rc < 0) {
		fprintf(stderr, "oomwatch: %s: %s\n",
		        r->opt->kmsg_file ? r->opt->kmsg_file : "kernel log",
		        strerror(-rc));
		return rc;
	}
	if (kmsg_source(r->kr) == KMSG_SRC_NONE)
		fprintf(stderr,
		        "oomwatch: kernel log: %s; recording without kernel "
		        "events\n",
		        kmsg_reason(r->kr));
	else if (kmsg_source(r->kr) == KMSG_SRC_KLOGCTL)
		fprintf(stderr, "oomwatch: %s\n", kmsg_status(r->kr));
	return 0;
}

/* --textfile: DIR must be a directory; the tally of kernel events. 0,
 * or -1 (said on stderr). */
static int
record_open_textfile(struct record *r)
{
	const char *dir = r->opt->textfile_dir;
	struct stat sb;
	int e;

	prom_text_init(&r->prom);
	if (dir == NULL)
		return 0;
	e = stat(dir, &sb) != 0 ? errno : S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;

	if (e != 0) {
		fprintf(stderr,
		        "oomwatch: --textfile %s: %s (the directory must "
		        "exist: node_exporter's textfile directory)\n",
		        dir, strerror(e));
		return -1;
	}
	if ((r->tally = malloc(sizeof *r->tally)) == NULL ||
	    histsnap_init(&r->sys, r->opt->delay_ms, 0) != 0) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return -1;
	}
	promtally_init(r->tally);
	return 0;
}

/* Everything but the database; 0, or -1 (said on stderr). */
static int
record_open(struct record *r)
{
	char err[256];

	snapshot_init(&r->snap);
	r->sel = recsel_new();
	r->q = calloc(1, sizeof *r->q);
	if (r->sel == NULL || r->q == NULL) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return -1;
	}
	r->col = collector_new_roots(r->opt->proc_root, r->opt->sys_root, err,
	                             sizeof err);
	if (r->col == NULL) {
		fprintf(stderr, "oomwatch: %s\n", err);
		return -1;
	}
	collector_set_mode(r->col, COLLECTOR_LIGHT);
	/* the cgroups' numbers: cgroup rows and black boxes */
	collector_set_cgroups(r->col, true);
	return record_open_klog(r) < 0 ? -1 : 0;
}

/* Free everything. */
static void
record_close(struct record *r)
{
	if (r->q != NULL)
		record_queue_clear(r->q);
	free(r->q);
	for (size_t i = 0; i < r->npend; i++)
		free(r->pend[i].json);
	free(r->pend);
	recdb_close(r->db);
	kmsg_free(r->kr);
	kevents_free(r->ev);
	collector_free(r->col);
	recsel_pick_fini(&r->pick);
	recsel_free(r->sel);
	record_bbox_fini(&r->bb);
	record_cg_fini(&r->cg);
	record_end_fini(&r->end);
	prom_text_fini(&r->prom);
	histsnap_fini(&r->sys);
	free(r->tally);
	snapshot_fini(&r->snap);
}

/* A kernel event as stored, with its JSON; false when out of memory. */
static bool
record_event(const struct kevent *e, struct recdb_event *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return false;
	events_cli_json(f, e);
	if (fclose(f) != 0 || buf == NULL) {
		free(buf);
		return false;
	}
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	*out = (struct recdb_event){
	    .kind = kevent_kind_name(e->kind),
	    .time_kind = (int)e->time.kind,
	    .time_us = e->time.kind == KLOG_TIME_NONE ? 0 : e->time.usec,
	    .seq = e->has_seq ? (int64_t)e->seq : -1,
	    .pid = e->pid == KLOG_NA ? -1 : e->pid,
	    .json = buf,
	};
	return true;
}

/* Take the events completed since the last pump, oldest first, into
 * the pending list. */
static void
record_events(struct record *r)
{
	uint64_t total = kevents_stats(r->ev).events;
	size_t n = (size_t)(total - r->events_taken);
	struct recdb_event *p;

	r->events_taken = total;
	if (n > kevents_count(r->ev))
		n = kevents_count(r->ev);
	if (n == 0)
		return;
	if (r->npend + n > r->pend_cap) {
		p = realloc(r->pend, (r->npend + n) * sizeof *p);
		if (p == NULL)
			return;
		r->pend = p;
		r->pend_cap = r->npend + n;
	}
	for (size_t i = n; i-- > 0;) {
		if (r->tally != NULL)
			promtally_add(r->tally, kevents_get(r->ev, i));
		if (record_event(kevents_get(r->ev, i), &r->pend[r->npend]))
			r->npend++;
	}
}

/* Pump the kernel log without waiting (at most about 50 ms), taking the
 * events out after every RECORD_PUMP_BUDGET records. */
static void
record_pump(struct record *r)
{
	uint64_t until = clock_mono_ms() + 50;
	int n;

	do {
		if (kmsg_ended(r->kr))
			return;
		n = kmsg_pump(r->kr, r->ev, RECORD_PUMP_BUDGET);
		if (kmsg_ended(r->kr))
			kevents_finish(r->ev);
		record_events(r);
	} while (n > 0 && !kmsg_caught_up(r->kr) && !kmsg_need_poll(r->kr) &&
	         clock_mono_ms() < until);
}

/* True when e gets the black box of the last full sample: a kind that
 * has one, and (when its log time says) not older than that sample, so
 * the kernel log's backlog at start gets none. */
static bool
record_bbox_after(const struct record *r, const struct recdb_event *e)
{
	if (!recdb_bbox_kind(e->kind) || r->bb.last == NULL)
		return false;
	if (e->time_kind == KLOG_TIME_BOOT)
		return e->time_us / 1000 >= (int64_t)r->bb.last_mono_ms;
	if (e->time_kind == KLOG_TIME_UNIX)
		return e->time_us / 1000 >= r->bb.last->time_ms;
	return true;
}

/* Mark the events of s that get a black box and give s the last full
 * sample (the one before this) when any does; then keep this one in full
 * for the next. */
static void
record_blackbox(struct record *r, struct recdb_sample *s)
{
	bool any = false;

	for (size_t i = 0; i < s->nevents; i++)
		any |= s->events[i].bbox = record_bbox_after(r, &s->events[i]);
	if (any)
		s->bbox = record_bbox_take(&r->bb);
	if (record_bbox_note(&r->bb, &r->snap) < 0)
		fprintf(stderr, "oomwatch: out of memory: the next black box "
		                "may be missing\n");
}

/* Take one sample and queue what is to be stored of it. */
static void
record_take(struct record *r)
{
	struct recdb_sample s;
	uint64_t now = clock_mono_ms();
	uint64_t wait =
	    r->taken++ ? RECORD_CMDLINE_WAIT_MS : RECORD_CMDLINE_FIRST_MS;

	collector_sample(r->col, &r->snap, now);
	if (!r->opt->no_cmdline)
		collector_finish_cmdlines(r->col, &r->snap, now + wait);
	record_pump(r);
	/* out of memory: the system series only */
	if (recsel_pick(r->sel, &r->snap, (int64_t)now, &r->pick) < 0)
		r->pick.nrows = r->pick.nidents = 0;
	if (record_sample_build(&r->snap, &r->pick, r->opt->no_cmdline, &s) < 0)
		fprintf(stderr, "oomwatch: out of memory: a sample is stored "
		                "in part\n");
	record_end_note(&r->end, &r->snap, &s); /* out of memory: no ends */
	if (record_cg_pick(&r->cg, &r->snap, &s.cgroups, &s.ncgroups) < 0)
		fprintf(stderr, "oomwatch: out of memory: a sample is stored "
		                "without its cgroup rows\n");
	s.events = r->pend; /* the sample owns them now */
	s.nevents = r->npend;
	r->pend = NULL;
	r->npend = r->pend_cap = 0;
	record_blackbox(r, &s);
	if (record_queue_push(r->q, &s) < 0)
		fprintf(stderr, "oomwatch: out of memory: some identities or "
		                "events of a dropped sample are lost\n");
}

/* --textfile: DIR/oomwatch.prom from the sample just taken, with the
 * time-to-OOM forecast from the system's series (histsnap's, as the
 * dashboard and --batch compute it; the processes are left out: the
 * forecast does not read them). A failure is said once (until a write
 * succeeds again); the recorder goes on. */
static void
record_textfile(struct record *r)
{
	struct snapshot sys = r->snap; /* a shallow copy without processes */
	struct histsnap_forecast fc;
	struct prom_input in = {.snap = &r->snap,
	                        .victim = rank_next_victim(&r->snap),
	                        .top_n = (size_t)r->opt->prom_top,
	                        .klog = r->tally,
	                        .klog_span = PROM_KLOG_SINCE_START};
	int rc;

	sys.nprocs = 0;
	if (histsnap_record(&r->sys, &sys) == 0) {
		histsnap_forecast(&r->sys, &r->snap, &fc);
		in.mem_oom = &fc.mem_oom;
	}
	rc = prom_render(&r->prom, &in);

	if (rc == 0)
		rc = promfile_write(r->opt->textfile_dir, r->prom.s,
		                    r->prom.len);
	if (rc < 0 && !r->prom_said)
		fprintf(stderr, "oomwatch: --textfile %s/%s: %s\n",
		        r->opt->textfile_dir, PROMFILE_NAME, strerror(-rc));
	r->prom_said = rc < 0;
}

/* A write failed: say it once per failure, and at most once every
 * RECORD_SAY_MS (a nearly full disk may take a few samples, then fail
 * again); a full disk is tried again after a pause that doubles (each
 * try rewrites the WAL up to the point of failure); a database that
 * failed otherwise than full is reopened next. */
static void
record_failed(struct record *r, enum recdb_status st, const char *err)
{
	uint64_t now = clock_mono_ms();

	if (!r->failing &&
	    (r->said_ms == 0 || now - r->said_ms >= RECORD_SAY_MS)) {
		fprintf(stderr,
		        "oomwatch: %s; keeping samples in memory (at most %d) "
		        "until it can be written again\n",
		        err, RECORD_QUEUE_MAX);
		r->said = true;
		r->said_ms = now;
	}
	r->failing = true;
	if (st == RECDB_FULL) {
		uint64_t top = (uint64_t)r->opt->delay_ms > RECORD_RETRY_MAX_MS
		                   ? (uint64_t)r->opt->delay_ms
		                   : RECORD_RETRY_MAX_MS;

		r->retry_ms = r->retry_ms == 0 ? (uint64_t)r->opt->delay_ms
		                               : r->retry_ms * 2;
		if (r->retry_ms > top)
			r->retry_ms = top;
		r->retry_at = now + r->retry_ms;
	}
	if (st != RECDB_FULL && r->db != NULL) {
		recdb_close(r->db);
		r->db = NULL;
	}
}

/* Write the queue, oldest first, until it is empty or a write fails;
 * then one step of maintenance. Writing is "again" only once both
 * succeed (a full disk may still take a sample into the WAL's free
 * space while maintenance cannot grow the file). */
static void
record_flush(struct record *r)
{
	char err[PATH_MAX + 256];
	struct recdb_sample *s;
	enum recdb_status st = RECDB_OK;
	bool more;

	if (r->failing && r->retry_at > clock_mono_ms())
		return; /* the disk was full: not yet */
	if (r->db == NULL && !record_open_db(r, false, &st)) {
		record_failed(r, st, "the history database cannot be opened");
		return;
	}
	while ((s = record_queue_front(r->q)) != NULL) {
		if ((st = recdb_write(r->db, s, err, sizeof err)) != RECDB_OK) {
			record_failed(r, st, err);
			return;
		}
		record_queue_pop(r->q);
		r->backlog++;
	}
	st = recdb_maintain(r->db, clock_wall_ms(), &r->lim, &more, err,
	                    sizeof err);
	if (st != RECDB_OK) {
		record_failed(r, st, err);
		return;
	}
	if (r->failing && r->said)
		fprintf(stderr,
		        "oomwatch: %s: writing again (%" PRIu64 " samples "
		        "from memory written, %" PRIu64 " dropped)\n",
		        r->path, r->backlog, r->q->dropped);
	if (!r->cap_said && recdb_boxes_capped(r->db) > 0) {
		fprintf(stderr,
		        "oomwatch: %s: black boxes took more than half of "
		        "--max-size; the oldest are dropped to keep the cap "
		        "(their events stay)\n",
		        r->path);
		r->cap_said = true;
	}
	r->failing = r->said = false;
	r->retry_ms = r->retry_at = 0;
	r->q->dropped = 0;
	r->backlog = 0;
}

/* Stopping: one last try at what is still in memory (the pause of a
 * full disk waived), then say how many samples are lost. */
static void
record_last(struct record *r)
{
	r->retry_at = 0;
	if (record_queue_front(r->q) != NULL)
		record_flush(r);
	if (r->q->len > 0)
		fprintf(stderr,
		        "oomwatch: %s: stopping with %zu samples not written "
		        "(and %" PRIu64 " dropped before): they are lost\n",
		        r->path, r->q->len, r->q->dropped);
}

/* SIGHUP: close the database and open it again (a new file when it was
 * moved away). */
static void
record_reopen(struct record *r)
{
	enum recdb_status st;

	record_hup = 0;
	recdb_close(r->db);
	r->db = NULL;
	if (!record_open_db(r, true, &st)) {
		/* said: record_flush retries quietly */
		r->failing = r->said = true;
		r->said_ms = clock_mono_ms();
	}
}

/* Wait until deadline (monotonic ms), pumping the kernel log as it
 * speaks, or until a signal. */
static void
record_wait(struct record *r, uint64_t deadline, const sigset_t *mask)
{
	struct pollfd p;
	struct timespec ts;
	uint64_t now;

	while (!record_stop && !record_hup &&
	       (now = clock_mono_ms()) < deadline) {
		ts.tv_sec = (time_t)((deadline - now) / 1000);
		ts.tv_nsec = (long)((deadline - now) % 1000) * 1000000;
		p.fd = kmsg_fd(r->kr);
		p.events = POLLIN;
		if (ppoll(&p, p.fd >= 0 ? 1 : 0, &ts, mask) > 0)
			record_pump(r);
	}
}

/* Run the recorder (see record.h). */
int
record_run(const struct options *opt)
{
	struct record r = {.opt = opt};
	enum recdb_status st;
	sigset_t mask;
	uint64_t next;
	long done = 0;
	int rc = 0;

	r.lim.retain_ms = opt->retain_ms;
	r.lim.max_size_bytes = opt->max_size_bytes;
	record_signals(&mask);
	if (record_path(&r) < 0)
		return 1;
	record_boot_id(&r);
	if (record_open_textfile(&r) < 0 || !record_open_db(&r, true, &st) ||
	    record_open(&r) < 0) {
		record_close(&r);
		return 1;
	}
	next = clock_mono_ms();
	while (!record_stop) {
		if (record_hup)
			record_reopen(&r);
		record_take(&r);
		if (opt->textfile_dir != NULL)
			record_textfile(&r);
		record_flush(&r);
		/* above 90% of its cgroup's memory limit: exit 1, to be
		 * restarted (record_self.h); the live system only */
		if (opt->proc_root == NULL && opt->sys_root == NULL &&
		    record_self_check(&r.snap, (int32_t)getpid()) < 0) {
			rc = 1;
			break;
		}
		if (opt->samples > 0 && ++done >= opt->samples)
			break;
		next += opt->delay_ms;
		if (next < clock_mono_ms())
			next = clock_mono_ms(); /* late: no catching up */
		record_wait(&r, next, &mask);
	}
	record_last(&r);
	record_close(&r);
	return rc;
}
