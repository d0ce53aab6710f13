/*
 * cmdcache.c: the cmdline cache and its worker thread (see cmdcache.h).
 *
 * Entries live in one array, with an open-addressing index keyed by pid
 * that is rebuilt whenever entries are dropped. Texts are interned: the
 * workers of one service share one counted copy, and an attach pools each
 * text once per snapshot (it remembers where it put it). One mutex guards
 * all of it and the job ring; the worker holds it only to take a job and
 * to store a result, never while reading /proc. The sampling thread takes
 * it once per offer and once per attach.
 */
#include "collect/cmdcache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "collect/procroot.h"
#include "core/clock.h"
#include "core/pidhash.h"
#include "model/procstat.h"

/* The worker's stack: its buffers live in struct cmdcache, and what it
 * calls (open, read and close a /proc file, parse a stat line, intern a
 * text) needs a few kB; the default (RLIMIT_STACK, often 8 MiB) would
 * mostly be reserved address space. */
#define CMDCACHE_STACK_BYTES (128u * 1024u)

enum cmd_state { CMD_PENDING = 0, CMD_READY, CMD_FAILED };

/* One distinct command line, shared by the entries that hold a ref. */
struct cmd_text {
	struct cmd_text *next; /* hash chain */
	uint32_t refs, len, hash;
	uint32_t attach_id, off; /* the attach that pooled it, and where */
	char bytes[];            /* len bytes, no NUL */
};

struct cmd_entry {
	uint64_t start_time;
	struct cmd_text *text; /* a ref; NULL for "" or not ready */
	int32_t pid;
	uint32_t gen; /* the last attach that saw it */
	uint8_t state;
};

/*
 * fd: owned, or -1 to open the process's directory by pid; is_file: fd is
 * its cmdline file, opened through its handle, else the /proc/PID handle
 */
struct cmd_job {
	int32_t pid;
	int fd;
	bool is_file;
	uint64_t start_time;
};

/* Wake the worker once this many jobs wait (not at every job). */
#define CMDCACHE_WAKE_BATCH 32
/* fds the worker closes together (one close_range for a run of them). */
#define CMDCACHE_CLOSE_BATCH 32
/* How long cmdcache_free waits for a worker stuck in a read. */
#define CMDCACHE_STOP_WAIT_MS 100

struct cmdcache {
	int procfd;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake, idle; /* wake: jobs or quit; idle: queue empty */
	bool quit, busy, paused;
	bool exited, orphaned; /* worker gone; worker must free the cache */
	uint32_t gen, attach_id;
	struct cmd_text **texts; /* chained buckets; ntexts of texts_cap */
	size_t ntexts, texts_cap;
	size_t fds_held, fd_budget; /* handles in queued jobs, and the cap */
	struct cmd_entry *ents;
	size_t nents, ents_cap;
	int32_t *index; /* entry index + 1, 0 = empty; idx_cap power of 2 */
	size_t idx_cap;
	struct cmd_job *jobs; /* ring */
	size_t job_head, job_n, job_cap;
	int closing[CMDCACHE_CLOSE_BATCH]; /* worker only: read, to close */
	size_t nclosing, close_batch; /* close_batch: fd_budget / 8, <= 32 */
	char buf[CMDCACHE_MAX];
	char statbuf[1024];
};

/* A process sought in the index; any_start: by pid alone. */
struct cmdcache_key {
	const struct cmdcache *cc;
	int32_t pid;
	uint64_t start;
	bool any_start;
};

/* pidhash_look_fn: what index slot i holds for the process sought. */
static enum pidhash_slot
cmdcache_look(const void *ctx, size_t i)
{
	const struct cmdcache_key *k = ctx;
	int32_t e = k->cc->index[i];
	const struct cmd_entry *ent;

	if (e == 0)
		return PIDHASH_EMPTY;
	ent = &k->cc->ents[e - 1];
	return ent->pid == k->pid &&
	               (k->any_start || ent->start_time == k->start)
	           ? PIDHASH_MATCH
	           : PIDHASH_OTHER;
}

/* Index slot of pid's entry (or of the empty slot where it would go). */
static size_t
cmdcache_slot(const struct cmdcache *cc, int32_t pid, uint64_t start)
{
	struct cmdcache_key k = {cc, pid, start, false};

	return pidhash_probe((uint32_t)pid, cc->idx_cap, cmdcache_look, &k);
}

/* Rebuild the index, sized for at least want entries. */
static int
cmdcache_reindex(struct cmdcache *cc, size_t want)
{
	size_t cap = cc->idx_cap ? cc->idx_cap : 1024;
	int32_t *ni;

	while (cap < want * 2 + 2)
		cap *= 2;
	if (cap != cc->idx_cap) {
		ni = malloc(cap * sizeof *ni);
		if (ni == NULL)
			return -ENOMEM;
		free(cc->index);
		cc->index = ni;
		cc->idx_cap = cap;
	}
	memset(cc->index, 0, cc->idx_cap * sizeof *cc->index);
	for (size_t k = 0; k < cc->nents; k++)
		cc->index[cmdcache_slot(cc, cc->ents[k].pid,
		                        cc->ents[k].start_time)] =
		    (int32_t)(k + 1);
	return 0;
}

/* The entry for (pid, start), or NULL. */
static struct cmd_entry *
cmdcache_find(struct cmdcache *cc, int32_t pid, uint64_t start)
{
	int32_t e = cc->index[cmdcache_slot(cc, pid, start)];

	return e ? &cc->ents[e - 1] : NULL;
}

/* Close the fds the worker is done with (worker only, unlocked). */
static void
cmdcache_flush_closes(struct cmdcache *cc)
{
	procroot_close_fds(cc->closing, cc->nclosing);
	cc->nclosing = 0;
}

/*
 * The worker is done with fd: it closes with the next batch. Cmdline files
 * are opened one after another while the worker lags a little, so their
 * numbers mostly run on and a batch closes in a syscall or two.
 */
static void
cmdcache_done_fd(struct cmdcache *cc, int fd)
{
	cc->closing[cc->nclosing++] = fd;
	if (cc->nclosing >= cc->close_batch)
		cmdcache_flush_closes(cc);
}

/*
 * Read one process's cmdline through the job's fd: its cmdline file, or
 * its /proc/PID handle; both fail once that process is gone whatever now
 * has its pid. A job without either opens a handle and first checks that
 * its stat has the job's start time (a reused pid shows another). The fd
 * goes to the close batch. Unlocked.
 */
static ssize_t
cmdcache_read(struct cmdcache *cc, const struct cmd_job *job)
{
	char name[16];
	struct procstat_stat st;
	ssize_t n, len;
	int dfd = job->fd;

	if (dfd < 0) {
		snprintf(name, sizeof name, "%d", (int)job->pid);
		dfd = procroot_open_dir(cc->procfd, name);
		if (dfd < 0)
			return dfd;
		n = procroot_read(dfd, "stat", cc->statbuf, sizeof cc->statbuf);
		if (n < 0 ||
		    procstat_parse_stat(cc->statbuf, (size_t)n, &st) != 0 ||
		    st.start_time != job->start_time) {
			cmdcache_done_fd(cc, dfd);
			return -ESRCH;
		}
	}
	if (job->is_file)
		len = procroot_read_fd(dfd, cc->buf, sizeof cc->buf);
	else
		len = procroot_read(dfd, "cmdline", cc->buf, sizeof cc->buf);
	cmdcache_done_fd(cc, dfd);
	while (len > 0 && cc->buf[len - 1] == '\0')
		len--;
	return len;
}

/* FNV-1a of a text. */
static uint32_t
cmdcache_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* Double the text buckets (when there are as many texts); on failure the
 * chains just grow longer. */
static void
cmdcache_texts_grow(struct cmdcache *cc)
{
	size_t cap = cc->texts_cap ? cc->texts_cap * 2 : 256;
	struct cmd_text **nb, *t, *next;

	if (cc->ntexts < cc->texts_cap ||
	    (nb = calloc(cap, sizeof *nb)) == NULL)
		return;
	for (size_t i = 0; i < cc->texts_cap; i++) {
		for (t = cc->texts[i]; t != NULL; t = next) {
			next = t->next;
			t->next = nb[t->hash & (cap - 1)];
			nb[t->hash & (cap - 1)] = t;
		}
	}
	free(cc->texts);
	cc->texts = nb;
	cc->texts_cap = cap;
}

/* A ref on the interned copy of s, or NULL when out of memory. */
static struct cmd_text *
cmdcache_intern(struct cmdcache *cc, const char *s, size_t len)
{
	uint32_t h = cmdcache_hash(s, len);
	struct cmd_text *t;

	cmdcache_texts_grow(cc);
	if (cc->texts_cap == 0)
		return NULL;
	for (t = cc->texts[h & (cc->texts_cap - 1)]; t != NULL; t = t->next) {
		if (t->hash == h && t->len == len &&
		    memcmp(t->bytes, s, len) == 0) {
			t->refs++;
			return t;
		}
	}
	t = malloc(sizeof *t + len);
	if (t == NULL)
		return NULL;
	memcpy(t->bytes, s, len);
	t->len = (uint32_t)len;
	t->hash = h;
	t->refs = 1;
	t->attach_id = cc->attach_id - 1; /* not pooled by this attach */
	t->next = cc->texts[h & (cc->texts_cap - 1)];
	cc->texts[h & (cc->texts_cap - 1)] = t;
	cc->ntexts++;
	return t;
}

/* Drop a ref; the last one frees the text. */
static void
cmdcache_unref(struct cmdcache *cc, struct cmd_text *t)
{
	struct cmd_text **pp;

	if (t == NULL || --t->refs > 0)
		return;
	pp = &cc->texts[t->hash & (cc->texts_cap - 1)];
	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
	cc->ntexts--;
	free(t);
}

/* Store a worker result into its entry, if the entry still exists. */
static void
cmdcache_store(struct cmdcache *cc, const struct cmd_job *job, ssize_t len)
{
	struct cmd_entry *e = cmdcache_find(cc, job->pid, job->start_time);

	if (e == NULL || e->state != CMD_PENDING)
		return;
	e->text = len > 0 ? cmdcache_intern(cc, cc->buf, (size_t)len) : NULL;
	e->state =
	    len < 0 || (len > 0 && e->text == NULL) ? CMD_FAILED : CMD_READY;
}

static void cmdcache_destroy(struct cmdcache *cc);

/* The worker: take a job, read without the lock, store. */
static void *
cmdcache_worker(void *arg)
{
	struct cmdcache *cc = arg;
	struct cmd_job job;
	ssize_t len;
	bool orphan;

	pthread_mutex_lock(&cc->lock);
	for (;;) {
		while (!cc->quit && (cc->job_n == 0 || cc->paused)) {
			if (cc->nclosing > 0) { /* closed before it idles */
				pthread_mutex_unlock(&cc->lock);
				cmdcache_flush_closes(cc);
				pthread_mutex_lock(&cc->lock);
				continue;
			}
			cc->busy = false;
			pthread_cond_broadcast(&cc->idle);
			pthread_cond_wait(&cc->wake, &cc->lock);
		}
		if (cc->quit)
			break;
		job = cc->jobs[cc->job_head];
		cc->job_head = (cc->job_head + 1) % cc->job_cap;
		cc->job_n--;
		cc->busy = true;
		pthread_mutex_unlock(&cc->lock);
		len = cmdcache_read(cc, &job);
		pthread_mutex_lock(&cc->lock);
		if (job.fd >= 0)
			cc->fds_held--;
		cmdcache_store(cc, &job, len);
	}
	pthread_mutex_unlock(&cc->lock);
	cmdcache_flush_closes(cc);
	pthread_mutex_lock(&cc->lock);
	cc->busy = false;
	cc->exited = true;
	orphan = cc->orphaned;
	pthread_cond_broadcast(&cc->idle);
	pthread_mutex_unlock(&cc->lock);
	if (orphan)
		cmdcache_destroy(cc); /* cmdcache_free gave up waiting */
	return NULL;
}

/* Start the cache and its worker. */
struct cmdcache *
cmdcache_new(int procfd)
{
	struct cmdcache *cc = calloc(1, sizeof *cc);
	pthread_condattr_t ca;
	pthread_attr_t ta;
	struct rlimit rl;
	int rc;

	if (cc == NULL)
		return NULL;
	cc->procfd = procfd;
	cc->fd_budget = CMDCACHE_MAX_FDS;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 4 < cc->fd_budget)
		cc->fd_budget = (size_t)(rl.rlim_cur / 4);
	cc->close_batch = cc->fd_budget / 8;
	if (cc->close_batch > CMDCACHE_CLOSE_BATCH)
		cc->close_batch = CMDCACHE_CLOSE_BATCH;
	if (cc->close_batch == 0)
		cc->close_batch = 1;
	pthread_mutex_init(&cc->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&cc->wake, &ca);
	pthread_cond_init(&cc->idle, &ca);
	pthread_condattr_destroy(&ca);
	if (cmdcache_reindex(cc, 0) != 0) {
		free(cc);
		errno = ENOMEM;
		return NULL;
	}
	pthread_attr_init(&ta);
	pthread_attr_setstacksize(&ta, CMDCACHE_STACK_BYTES);
	rc = pthread_create(&cc->thread, &ta, cmdcache_worker, cc);
	pthread_attr_destroy(&ta);
	if (rc != 0) {
		free(cc->index);
		free(cc);
		errno = rc;
		return NULL;
	}
	return cc;
}

/* Free everything once the worker is gone (queued handles are closed). */
static void
cmdcache_destroy(struct cmdcache *cc)
{
	for (size_t k = 0; k < cc->job_n; k++) {
		int fd = cc->jobs[(cc->job_head + k) % cc->job_cap].fd;
		if (fd >= 0)
			close(fd);
	}
	for (size_t i = 0; i < cc->nents; i++)
		cmdcache_unref(cc, cc->ents[i].text);
	free(cc->texts);
	free(cc->ents);
	free(cc->index);
	free(cc->jobs);
	pthread_cond_destroy(&cc->wake);
	pthread_cond_destroy(&cc->idle);
	pthread_mutex_destroy(&cc->lock);
	free(cc);
}

/* Stop the worker and free everything, or leave that to a stuck worker. */
void
cmdcache_free(struct cmdcache *cc)
{
	struct timespec ts;
	bool exited;

	if (cc == NULL)
		return;
	ts = clock_deadline_ts(clock_mono_ms() + CMDCACHE_STOP_WAIT_MS);
	pthread_mutex_lock(&cc->lock);
	cc->quit = true;
	pthread_cond_signal(&cc->wake);
	while (!cc->exited &&
	       pthread_cond_timedwait(&cc->idle, &cc->lock, &ts) != ETIMEDOUT)
		;
	exited = cc->exited;
	cc->orphaned = !exited;
	pthread_mutex_unlock(&cc->lock);
	if (!exited) {
		/* blocked in a read (a process in D state, a hung FUSE
		 * mount): the worker frees the cache when the read returns */
		pthread_detach(cc->thread);
		return;
	}
	pthread_join(cc->thread, NULL);
	cmdcache_destroy(cc);
}

/*
 * Add a pending entry and its job, which takes fd (may be -1; is_file:
 * the cmdline file, else the /proc/PID handle) while the handle budget
 * lasts. 1 when fd was taken, 0 when not, -1 when out of memory (nothing
 * added).
 */
static int
cmdcache_add(struct cmdcache *cc, const struct proc_row *r, int fd,
             bool is_file)
{
	struct cmd_entry *ne;
	struct cmd_job *nj;
	size_t cap;
	int took = 0;

	if (cc->nents == cc->ents_cap) {
		cap = cc->ents_cap ? cc->ents_cap * 2 : 512;
		ne = realloc(cc->ents, cap * sizeof *ne);
		if (ne == NULL)
			return -1;
		cc->ents = ne;
		cc->ents_cap = cap;
	}
	if (cc->job_n == cc->job_cap) {
		cap = cc->job_cap ? cc->job_cap * 2 : 512;
		nj = malloc(cap * sizeof *nj);
		if (nj == NULL)
			return -1;
		for (size_t k = 0; k < cc->job_n; k++)
			nj[k] = cc->jobs[(cc->job_head + k) % cc->job_cap];
		free(cc->jobs);
		cc->jobs = nj;
		cc->job_cap = cap;
		cc->job_head = 0;
	}
	if ((cc->nents + 1) * 2 + 2 > cc->idx_cap &&
	    cmdcache_reindex(cc, cc->nents + 1) != 0)
		return -1;
	ne = &cc->ents[cc->nents];
	memset(ne, 0, sizeof *ne);
	ne->pid = r->pid;
	ne->start_time = r->start_time;
	ne->gen = cc->gen;
	if (r->kthread) {
		ne->state = CMD_READY; /* kernel threads have no argv */
	} else {
		ne->state = CMD_PENDING;
		if (fd >= 0 && cc->fds_held < cc->fd_budget) {
			cc->fds_held++;
			took = 1;
		}
		cc->jobs[(cc->job_head + cc->job_n) % cc->job_cap] =
		    (struct cmd_job){r->pid, took ? fd : -1, took && is_file,
		                     r->start_time};
		cc->job_n++;
	}
	cc->index[cmdcache_slot(cc, r->pid, r->start_time)] =
	    (int32_t)(cc->nents + 1);
	cc->nents++;
	return took;
}

/* Offer a row's /proc/PID handle while scanning. */
bool
cmdcache_offer(struct cmdcache *cc, const struct proc_row *row, int dirfd)
{
	int took = 0;

	pthread_mutex_lock(&cc->lock);
	if (cmdcache_find(cc, row->pid, row->start_time) == NULL)
		took = cmdcache_add(cc, row, dirfd, false);
	if (cc->job_n >= CMDCACHE_WAKE_BATCH && !cc->paused)
		pthread_cond_signal(&cc->wake);
	pthread_mutex_unlock(&cc->lock);
	return took > 0;
}

/* Offer a row's cmdline file while scanning. */
bool
cmdcache_offer_file(struct cmdcache *cc, const struct proc_row *row, int fd)
{
	int took = 0;

	pthread_mutex_lock(&cc->lock);
	if (cmdcache_find(cc, row->pid, row->start_time) == NULL)
		took = cmdcache_add(cc, row, fd, true);
	if (cc->job_n >= CMDCACHE_WAKE_BATCH && !cc->paused)
		pthread_cond_signal(&cc->wake);
	pthread_mutex_unlock(&cc->lock);
	return took > 0;
}

/* True when the cache has an entry for pid, whatever its start time. */
bool
cmdcache_knows_pid(struct cmdcache *cc, int32_t pid)
{
	struct cmdcache_key k = {cc, pid, 0, true};
	bool known;

	pthread_mutex_lock(&cc->lock);
	known = cc->index[pidhash_probe((uint32_t)pid, cc->idx_cap,
	                                cmdcache_look, &k)] != 0;
	pthread_mutex_unlock(&cc->lock);
	return known;
}

/* Hold or release the worker. */
void
cmdcache_pause(struct cmdcache *cc, bool paused)
{
	pthread_mutex_lock(&cc->lock);
	cc->paused = paused;
	if (!paused)
		pthread_cond_signal(&cc->wake);
	pthread_mutex_unlock(&cc->lock);
}

/* Drop the entries attach did not see this time. */
static void
cmdcache_sweep(struct cmdcache *cc)
{
	size_t w = 0;

	for (size_t k = 0; k < cc->nents; k++) {
		if (cc->ents[k].gen != cc->gen) {
			cmdcache_unref(cc, cc->ents[k].text);
			continue;
		}
		cc->ents[w++] = cc->ents[k];
	}
	if (w != cc->nents) {
		cc->nents = w;
		cmdcache_reindex(cc, w); /* cannot fail: no growth */
	}
}

/* Copy ready cmdlines into snap; queue new processes when tracking. */
void
cmdcache_attach(struct cmdcache *cc, struct snapshot *snap, bool track)
{
	struct proc_row *r;
	struct cmd_entry *e;
	struct cmd_text *t;

	pthread_mutex_lock(&cc->lock);
	cc->attach_id++;
	if (track)
		cc->gen++;
	snap->cmdline_pending = 0;
	for (size_t i = 0; i < snap->nprocs; i++) {
		r = &snap->procs[i];
		e = cmdcache_find(cc, r->pid, r->start_time);
		if (e == NULL && track) {
			if (cmdcache_add(cc, r, -1, false) < 0) {
				snap->cmdline_pending++;
				continue;
			}
			e = cmdcache_find(cc, r->pid, r->start_time);
		}
		if (e == NULL)
			continue;
		if (track)
			e->gen = cc->gen;
		if (r->cmdline_off != SNAP_NO_STR)
			continue;
		if (e->state == CMD_READY && (t = e->text) == NULL) {
			r->cmdline_off = 0; /* "" */
			r->cmdline_len = 0;
		} else if (e->state == CMD_READY) {
			if (t->attach_id != cc->attach_id &&
			    snapshot_str_append(snap, t->bytes, t->len,
			                        &t->off) == 0)
				t->attach_id = cc->attach_id;
			if (t->attach_id == cc->attach_id) {
				r->cmdline_off = t->off;
				r->cmdline_len = t->len;
			}
		} else if (e->state == CMD_PENDING) {
			snap->cmdline_pending++;
		}
	}
	if (track)
		cmdcache_sweep(cc);
	if (cc->job_n > 0 && !cc->paused)
		pthread_cond_signal(&cc->wake);
	pthread_mutex_unlock(&cc->lock);
}

/* Wait for an empty queue, up to a deadline. */
int
cmdcache_wait_idle(struct cmdcache *cc, uint64_t deadline_ms)
{
	struct timespec ts = clock_deadline_ts(deadline_ms);
	int rc = 0;

	pthread_mutex_lock(&cc->lock);
	while ((cc->job_n > 0 || cc->busy) && rc == 0) {
		if (clock_mono_ms() >= deadline_ms)
			rc = -ETIMEDOUT;
		else if (pthread_cond_timedwait(&cc->idle, &cc->lock, &ts) ==
		         ETIMEDOUT)
			rc = -ETIMEDOUT;
	}
	if (cc->job_n > 0 || cc->busy)
		rc = -ETIMEDOUT;
	pthread_mutex_unlock(&cc->lock);
	return rc;
}
