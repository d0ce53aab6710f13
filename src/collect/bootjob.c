/* bootjob.c: one boot-history read in a thread of its own (see
 * bootjob.h). */
#include "collect/bootjob.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One read: its arguments, its result, the thread and how to stop it. */
struct bootjob {
	struct bootsrc_paths paths; /* cancel_fd: cancel[0] */
	uint64_t timeout_ms;
	int64_t now_unix_s;
	char boot[64];               /* "" for a history job */
	bool in_journal;             /* an events job: read boot's journal */
	struct pstore_record *dumps; /* .. else (or when it has none) these */
	size_t ndumps;
	enum bootsrc_from from;    /* where the events came from */
	struct bootsrc_data *data; /* the history (a history job) */
	struct kevents *ev;        /* the events (an events job) */
	int rc;                    /* bootsrc_boot_events' answer */
	char why[BOOTSRC_WHY_MAX + 64];
	int cancel[2]; /* a byte written to [1] stops journalctl */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t ended; /* done became true */
	bool done;            /* under lock */
};

/* The thread: the read, then done. */
static void *
bootjob_worker(void *arg)
{
	struct bootjob *j = arg;

	if (j->data != NULL)
		bootsrc_load(j->data, &j->paths, j->timeout_ms, j->now_unix_s);
	else if ((j->rc =
	              bootsrc_events(&j->paths, j->in_journal ? j->boot : NULL,
	                             j->dumps, j->ndumps, j->ev, j->timeout_ms,
	                             &j->from, j->why, sizeof j->why)) == 0)
		kevents_finish(j->ev);
	pthread_mutex_lock(&j->lock);
	j->done = true;
	pthread_cond_broadcast(&j->ended);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* Free the job's own parts (the thread joined or never started). */
static void
bootjob_release(struct bootjob *j)
{
	if (j->data != NULL)
		bootsrc_free(j->data);
	free(j->data);
	kevents_free(j->ev);
	free(j->dumps);
	for (int i = 0; i < 2; i++)
		if (j->cancel[i] >= 0)
			close(j->cancel[i]);
	free(j);
}

/* A job with its cancel pipe, or NULL with why. */
static struct bootjob *
bootjob_new(const struct bootsrc_paths *p, uint64_t timeout_ms, char *why,
            size_t why_size)
{
	struct bootjob *j = calloc(1, sizeof *j);

	if (j == NULL) {
		snprintf(why, why_size, "out of memory");
		return NULL;
	}
	j->paths = *p;
	j->timeout_ms = timeout_ms;
	j->cancel[0] = j->cancel[1] = -1;
	if (pipe2(j->cancel, O_CLOEXEC) < 0) {
		snprintf(why, why_size, "pipe: %s", strerror(errno));
		j->cancel[0] = j->cancel[1] = -1;
		bootjob_release(j);
		return NULL;
	}
	j->paths.cancel_fd = j->cancel[0];
	return j;
}

/* Start j's thread; j, or NULL (j freed) with why. */
static struct bootjob *
bootjob_start(struct bootjob *j, char *why, size_t why_size)
{
	pthread_condattr_t ca;
	int rc;

	pthread_mutex_init(&j->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->ended, &ca);
	pthread_condattr_destroy(&ca);
	rc = pthread_create(&j->thread, NULL, bootjob_worker, j);
	if (rc == 0)
		return j;
	snprintf(why, why_size, "no thread: %s", strerror(rc));
	pthread_cond_destroy(&j->ended);
	pthread_mutex_destroy(&j->lock);
	bootjob_release(j);
	return NULL;
}

/* Start reading the history. */
struct bootjob *
bootjob_history(const struct bootsrc_paths *p, uint64_t timeout_ms,
                int64_t now_unix_s, char *why, size_t why_size)
{
	struct bootjob *j = bootjob_new(p, timeout_ms, why, why_size);

	if (j == NULL)
		return NULL;
	j->now_unix_s = now_unix_s;
	if ((j->data = calloc(1, sizeof *j->data)) == NULL) {
		snprintf(why, why_size, "out of memory");
		bootjob_release(j);
		return NULL;
	}
	return bootjob_start(j, why, why_size);
}

/* Start reading one boot's events. */
struct bootjob *
bootjob_events(const struct bootsrc_paths *p, const char *boot,
               const struct pstore_record *dumps, size_t ndumps,
               size_t events_kept, uint64_t timeout_ms, char *why,
               size_t why_size)
{
	struct bootjob *j = bootjob_new(p, timeout_ms, why, why_size);

	if (j == NULL)
		return NULL;
	j->in_journal = boot != NULL;
	snprintf(j->boot, sizeof j->boot, "%s", boot ? boot : "");
	if (ndumps > 0 && (j->dumps = malloc(ndumps * sizeof *dumps)) != NULL) {
		memcpy(j->dumps, dumps, ndumps * sizeof *dumps);
		j->ndumps = ndumps;
	}
	if ((j->ev = kevents_new(events_kept)) == NULL ||
	    (ndumps > 0 && j->dumps == NULL)) {
		snprintf(why, why_size, "out of memory");
		bootjob_release(j);
		return NULL;
	}
	return bootjob_start(j, why, why_size);
}

/* True once the read has ended. */
bool
bootjob_done(struct bootjob *j)
{
	bool done;

	pthread_mutex_lock(&j->lock);
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	return done;
}

/* Wait for the end, at most timeout_ms. */
bool
bootjob_wait(struct bootjob *j, uint64_t timeout_ms)
{
	struct timespec until;
	bool done;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)(timeout_ms / 1000);
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!j->done &&
	       pthread_cond_timedwait(&j->ended, &j->lock, &until) == 0)
		;
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	return done;
}

/* The history, once done. */
struct bootsrc_data *
bootjob_take_history(struct bootjob *j)
{
	struct bootsrc_data *d;

	if (!bootjob_done(j))
		return NULL;
	d = j->data;
	j->data = NULL;
	return d;
}

/* The events, once done. */
struct kevents *
bootjob_take_events(struct bootjob *j, enum bootsrc_from *from, char *why,
                    size_t why_size)
{
	struct kevents *ev;

	if (why_size > 0)
		why[0] = '\0';
	*from = BOOTSRC_FROM_NONE;
	if (!bootjob_done(j) || j->ev == NULL)
		return NULL;
	*from = j->from;
	if (j->rc != 0)
		snprintf(why, why_size, "%s", j->why);
	ev = j->ev;
	j->ev = NULL;
	return ev;
}

/* Stop the read and free the job. */
void
bootjob_free(struct bootjob *j)
{
	ssize_t n = 0;

	if (j == NULL)
		return;
	if (!bootjob_done(j))
		n = write(j->cancel[1], "x", 1);
	(void)n; /* a failed write: journalrun's deadline still ends it */
	pthread_join(j->thread, NULL);
	pthread_cond_destroy(&j->ended);
	pthread_mutex_destroy(&j->lock);
	bootjob_release(j);
}
