/* batch_prom.c: --batch --format openmetrics (see batch_prom.h). */
#include "app/batch_prom.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/kmsg.h"
#include "model/kevents.h"
#include "model/prom.h"
#include "model/promtally.h"
#include "model/rank.h"

/* Events the engine holds. The log is read in chunks of
 * BATCH_PROM_CHUNK records, each tallied before the next: a record
 * completes at most a couple of events, so none is overwritten unseen. */
#define BATCH_PROM_EVENTS 1024
#define BATCH_PROM_CHUNK 256
/* The live log is read until caught up, or this many records. */
#define BATCH_PROM_LIVE_MAX 10000000u

/* Tally the events ev completed since *seen (oldest first). */
static void
batch_prom_tally(struct kevents *ev, struct promtally *t, uint64_t *seen)
{
	uint64_t total = kevents_stats(ev).events;
	uint64_t fresh = total - *seen;

	if (fresh > kevents_count(ev))
		fresh = kevents_count(ev);
	for (size_t i = (size_t)fresh; i-- > 0;)
		promtally_add(t, kevents_get(ev, i));
	*seen = total;
}

/* The reader the options name, or NULL with the reason on stderr. */
static struct kmsg_reader *
batch_prom_source(const struct options *opt)
{
	struct kmsg_reader *r = NULL;
	int rc;

	if (opt->kmsg_file != NULL) {
		rc = kmsg_new_file(&r, opt->kmsg_file, NULL, NULL);
		if (rc < 0)
			fprintf(stderr, "oomwatch: %s: %s\n", opt->kmsg_file,
			        strerror(-rc));
		return rc < 0 ? NULL : r;
	}
	if (kmsg_new_live(&r, NULL, NULL) < 0) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return NULL;
	}
	if (kmsg_source(r) == KMSG_SRC_NONE) {
		fprintf(stderr,
		        "oomwatch: kernel log: %s; the kernel event metrics "
		        "are left out\n",
		        kmsg_reason(r));
		kmsg_free(r);
		return NULL;
	}
	return r;
}

/* Read the kernel log to its end into t: 0, or -1 when it could not be
 * read (reason on stderr). */
static int
batch_prom_klog(const struct options *opt, struct promtally *t)
{
	struct kmsg_drain d = {
	    .budget = BATCH_PROM_CHUNK, .until_ms = UINT64_MAX, .wait = true};
	struct kevents *ev = kevents_new(BATCH_PROM_EVENTS);
	struct kmsg_reader *r = ev ? batch_prom_source(opt) : NULL;
	uint64_t seen = 0, before;
	int rc = 0;

	if (r == NULL) {
		kevents_free(ev);
		return -1;
	}
	do {
		before = kmsg_records(r);
		d.max_records = before + BATCH_PROM_CHUNK;
		rc = kmsg_drain(r, ev, &d);
		batch_prom_tally(ev, t, &seen);
	} while (rc == 0 && !kmsg_caught_up(r) && !kmsg_ended(r) &&
	         kmsg_records(r) > before &&
	         (opt->kmsg_file || kmsg_records(r) < BATCH_PROM_LIVE_MAX));
	if (rc < 0)
		fprintf(stderr, "oomwatch: reading the kernel log: %s\n",
		        strerror(-rc));
	else if (!kmsg_caught_up(r) && !kmsg_ended(r))
		fprintf(stderr,
		        "oomwatch: the kernel log grew faster than it "
		        "was read; the counts stop where reading did\n");
	kevents_finish(ev);
	batch_prom_tally(ev, t, &seen);
	t->lost = kmsg_lost(r, NULL);
	kmsg_free(r);
	kevents_free(ev);
	return 0;
}

/* Print the exposition of s. */
int
batch_prom(FILE *f, const struct options *opt, const struct snapshot *s,
           const size_t *rows, size_t nrows, struct histsnap *hs)
{
	struct histsnap_forecast fc;
	struct promtally *t = malloc(sizeof *t);
	struct prom_input in = {.snap = s,
	                        .victim = rank_next_victim(s),
	                        .rows = rows,
	                        .nrows = nrows,
	                        .top_n = (size_t)opt->prom_top};
	struct prom_text out;
	int rc;

	if (t == NULL) {
		fprintf(stderr, "oomwatch: out of memory\n");
		return 1;
	}
	promtally_init(t);
	if (batch_prom_klog(opt, t) == 0)
		in.klog = t;
	if (hs != NULL) {
		histsnap_forecast(hs, s, &fc);
		in.mem_oom = &fc.mem_oom;
	}
	prom_text_init(&out);
	rc = prom_render(&out, &in);
	if (rc == 0)
		fwrite(out.s, 1, out.len, f);
	else
		fprintf(stderr, "oomwatch: out of memory\n");
	prom_text_fini(&out);
	free(t);
	return rc == 0 ? 0 : 1;
}
