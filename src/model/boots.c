/* boots.c: one table of boots from wtmp, the journal and pstore (see
 * boots.h). */
#include "model/boots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per row, while building: what each source says. */
struct work {
	struct boots_row row;
	const struct wtmp_boot *w;
	const struct journal_boot *j;
	enum pstore_reason dump_reason; /* the first dump's kmsg_dump reason */
	bool dump_panic, dump_oom;      /* a dump's text has a panic */
	struct kevent_text dump_msg;
	int64_t dump_time;
	uint32_t dump_counts[KEVENT_KIND_COUNT];
};

static const char *const end_names[BOOTS_END_COUNT] = {
    "running", "shutdown", "reboot", "panic", "oom-panic", "crash", "unknown",
};
static const char *const end_words[BOOTS_END_COUNT] = {
    "running",   "clean shutdown",    "clean reboot", "panic",
    "OOM panic", "crash (no record)", "unknown",
};

/* The end's name. */
const char *
boots_end_name(enum boots_end e)
{
	return (unsigned)e < BOOTS_END_COUNT ? end_names[e] : "unknown";
}

/* The end in words. */
const char *
boots_end_words(enum boots_end e)
{
	return (unsigned)e < BOOTS_END_COUNT ? end_words[e] : "unknown";
}

/* |a - b| <= BOOTS_MATCH_S, neither unknown. */
static bool
near(int64_t a, int64_t b)
{
	return a != KLOG_NA && b != KLOG_NA && a - b <= BOOTS_MATCH_S &&
	       b - a <= BOOTS_MATCH_S;
}

/* A journal boot's start in seconds. */
static int64_t
journal_start_s(const struct journal_boot *j)
{
	int64_t us =
	    j->boot_unix_us != KLOG_NA ? j->boot_unix_us : j->first_unix_us;

	return us == KLOG_NA ? KLOG_NA : us / 1000000;
}

/* The row closest to start within BOOTS_MATCH_S not yet joined to a
 * journal boot, or NULL. */
static struct work *
closest(struct work *ws, size_t n, int64_t start)
{
	struct work *best = NULL;
	int64_t d, bd = INT64_MAX;

	for (size_t i = 0; i < n; i++) {
		if (ws[i].j != NULL || !near(ws[i].row.start_unix_s, start))
			continue;
		d = ws[i].row.start_unix_s - start;
		d = d < 0 ? -d : d;
		if (d < bd) {
			bd = d;
			best = &ws[i];
		}
	}
	return best;
}

/* A new row (start time only). */
static struct work *
add_row(struct work *ws, size_t *n, int64_t start)
{
	struct work *w = &ws[(*n)++];

	memset(w, 0, sizeof *w);
	w->row.start_unix_s = start;
	w->row.end_unix_s = KLOG_NA;
	w->dump_time = KLOG_NA;
	return w;
}

/* Rows from wtmp, then the journal's boots joined to them. */
static size_t
join_sources(const struct boots_input *in, struct work *ws)
{
	size_t n = 0;
	struct work *w;

	for (size_t i = 0; i < in->nwtmp; i++) {
		w = add_row(ws, &n, in->wtmp[i].start_unix_s);
		w->w = &in->wtmp[i];
		w->row.in_wtmp = true;
		w->row.wtmp_i = i;
		memcpy(w->row.kernel, w->w->kernel, sizeof w->row.kernel);
	}
	for (size_t i = 0; i < in->njournal; i++) {
		int64_t s = journal_start_s(&in->journal[i]);

		if ((w = closest(ws, n, s)) == NULL)
			w = add_row(ws, &n, s);
		w->j = &in->journal[i];
		w->row.in_journal = true;
		w->row.journal_i = i;
		memcpy(w->row.boot_id, w->j->boot_id, sizeof w->row.boot_id);
	}
	return n;
}

/* Oldest first; unknown starts first. */
static int
by_start(const void *a, const void *b)
{
	int64_t x = ((const struct work *)a)->row.start_unix_s;
	int64_t y = ((const struct work *)b)->row.start_unix_s;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* The index of this boot's row (one is added when none has it). */
static size_t
find_current(const struct boots_input *in, struct work *ws, size_t *n)
{
	for (size_t i = *n; i-- > 0;)
		if (in->boot_id != NULL && ws[i].row.boot_id[0] != '\0' &&
		    strcmp(ws[i].row.boot_id, in->boot_id) == 0)
			return i;
	for (size_t i = *n; i-- > 0;)
		if (near(ws[i].row.start_unix_s, in->boot_unix_s))
			return i;
	add_row(ws, n, in->boot_unix_s);
	if (in->boot_unix_s == KLOG_NA)
		return *n - 1; /* start unknown: still the newest */
	qsort(ws, *n, sizeof *ws, by_start);
	for (size_t i = *n; i-- > 0;)
		if (ws[i].row.start_unix_s == in->boot_unix_s && !ws[i].w &&
		    !ws[i].j)
			return i;
	return *n - 1;
}

/* The row a dump belongs to: the newest start not after its time; a dump
 * without a time from /sys/fs/pstore: the boot before this one. */
static struct work *
row_of_dump(const struct pstore_record *p, struct work *ws, size_t n,
            size_t cur)
{
	if (p->time_unix_s == KLOG_NA)
		return cur > 0 && !ws[cur - 1].row.earlier ? &ws[cur - 1]
		                                           : NULL;
	for (size_t i = n; i-- > 0;)
		if (ws[i].row.start_unix_s != KLOG_NA &&
		    ws[i].row.start_unix_s <= p->time_unix_s)
			return &ws[i];
	return NULL;
}

/* When a dump has no row (written before every start known, or no boot
 * before this one), the "earlier" row first of all (cur moves down). */
static void
add_earlier(const struct boots_input *in, struct work *ws, size_t *n,
            size_t *cur)
{
	size_t i = 0;

	while (i < in->npstore && row_of_dump(&in->pstore[i], ws, *n, *cur))
		i++;
	if (i == in->npstore)
		return;
	memmove(ws + 1, ws, *n * sizeof *ws);
	(*n)++;
	(*cur)++;
	memset(ws, 0, sizeof *ws);
	ws->row.start_unix_s = ws->row.end_unix_s = ws->dump_time = KLOG_NA;
	ws->row.earlier = true;
}

/* Note dump i in its row. */
static void
add_dump(struct work *w, const struct pstore_record *p, size_t i)
{
	w->row.dumps++;
	if (i < BOOTS_DUMP_BITS)
		w->row.dump_bits |= UINT32_C(1) << i;
	for (size_t k = 0; k < KEVENT_KIND_COUNT; k++)
		if (p->sum.counts[k] > w->dump_counts[k])
			w->dump_counts[k] = p->sum.counts[k];
	if (w->dump_reason == PSTORE_REASON_UNKNOWN)
		w->dump_reason = p->reason;
	if (p->time_unix_s != KLOG_NA &&
	    (w->dump_time == KLOG_NA || p->time_unix_s > w->dump_time))
		w->dump_time = p->time_unix_s;
	if (p->sum.panicked && !w->dump_panic) {
		w->dump_panic = true;
		w->dump_oom = p->sum.oom_panic;
		w->dump_msg = p->sum.panic;
	}
}

/* The halt line's meaning, or BOOTS_UNKNOWN. */
static enum boots_end
halt_end(enum kevsum_halt h, enum pstore_reason r)
{
	if (h == KEVSUM_HALT_RESTART || r == PSTORE_REASON_RESTART)
		return BOOTS_REBOOT;
	if (h == KEVSUM_HALT_POWEROFF || h == KEVSUM_HALT_HALT ||
	    r == PSTORE_REASON_POWEROFF || r == PSTORE_REASON_HALT)
		return BOOTS_SHUTDOWN;
	return BOOTS_UNKNOWN;
}

/* How a boot before this one ended, and when. */
static void
decide(struct work *w, const struct work *next)
{
	struct boots_row *r = &w->row;
	const struct kevsum *js = w->j ? &w->j->sum : NULL;
	enum boots_end h =
	    halt_end(js ? js->halt : KEVSUM_HALT_NONE, w->dump_reason);

	if (js != NULL && js->panicked) {
		r->end = js->oom_panic ? BOOTS_OOM_PANIC : BOOTS_PANIC;
		r->panic = js->panic;
	} else if (w->dump_panic) {
		r->end = w->dump_oom ? BOOTS_OOM_PANIC : BOOTS_PANIC;
		r->panic = w->dump_msg;
	} else if (h != BOOTS_UNKNOWN) {
		r->end = h;
	} else if (w->w != NULL && w->w->end == WTMP_SHUTDOWN) {
		r->end = BOOTS_SHUTDOWN;
	} else if (w->w != NULL && w->w->end == WTMP_CRASH) {
		r->end = BOOTS_CRASH;
	} else {
		r->end = BOOTS_UNKNOWN;
	}
	if (w->w != NULL && w->w->end == WTMP_SHUTDOWN) {
		r->end_unix_s = w->w->end_unix_s;
		r->end_exact = true;
	} else if (w->dump_time != KLOG_NA && w->dump_panic) {
		r->end_unix_s = w->dump_time;
		r->end_exact = true;
	} else if (w->j != NULL && w->j->last_unix_us != KLOG_NA) {
		r->end_unix_s = w->j->last_unix_us / 1000000;
	} else if (w->w != NULL) {
		r->end_unix_s = w->w->last_seen_unix_s;
	} else {
		r->end_unix_s = w->dump_time; /* a dump: alive until then */
	}
	(void)next;
}

/* Counts: per kind, the largest of the journal's and the dumps'. */
static void
count(struct work *w)
{
	for (size_t k = 0; k < KEVENT_KIND_COUNT; k++) {
		uint32_t j = w->j ? w->j->sum.counts[k] : 0;

		w->row.counts[k] =
		    j > w->dump_counts[k] ? j : w->dump_counts[k];
	}
}

/* Build the table (see boots.h). */
size_t
boots_build(const struct boots_input *in, struct boots_row *out, size_t max)
{
	size_t cap = in->nwtmp + in->njournal + 2, n, cur, k = 0;
	struct work *ws = calloc(cap, sizeof *ws), *w;

	if (ws == NULL)
		return 0;
	n = join_sources(in, ws);
	qsort(ws, n, sizeof *ws, by_start);
	cur = find_current(in, ws, &n);
	if (ws[cur].row.boot_id[0] == '\0' && in->boot_id != NULL &&
	    strlen(in->boot_id) == JOURNAL_BOOT_ID_LEN)
		memcpy(ws[cur].row.boot_id, in->boot_id,
		       JOURNAL_BOOT_ID_LEN + 1);
	/* starts after this boot's (a container's wtmp): left out */
	ws[cur].row.newer = (unsigned)(n - cur - 1);
	n = cur + 1;
	add_earlier(in, ws, &n, &cur);
	for (size_t i = 0; i < in->npstore; i++) {
		w = row_of_dump(&in->pstore[i], ws, n, cur);
		add_dump(w != NULL ? w : &ws[0], &in->pstore[i], i);
	}
	for (size_t i = 0; i < n; i++) {
		ws[i].row.index = (int)i - (int)cur;
		count(&ws[i]);
		if (i == cur)
			ws[i].row.end = BOOTS_RUNNING;
		else
			decide(&ws[i], i + 1 < n ? &ws[i + 1] : NULL);
	}
	for (size_t i = n; i-- > 0 && k < max;)
		out[k++] = ws[i].row;
	free(ws);
	return k;
}

/* This boot's counts from the running kernel log. */
bool
boots_live_counts(struct boots_row *rows, size_t n,
                  const uint64_t by_kind[KEVENT_KIND_COUNT])
{
	struct boots_row *r = NULL;

	for (size_t i = 0; i < n && r == NULL; i++)
		if (rows[i].index == 0)
			r = &rows[i];
	if (r == NULL)
		return false;
	for (size_t k = 0; k < KEVENT_KIND_COUNT; k++)
		if (by_kind[k] > r->counts[k])
			r->counts[k] =
			    by_kind[k] > UINT32_MAX ? UINT32_MAX : by_kind[k];
	r->live = true;
	return true;
}

/* Seconds the boot ran. */
int64_t
boots_uptime_s(const struct boots_row *r, int64_t now_unix_s)
{
	int64_t end = r->end == BOOTS_RUNNING ? now_unix_s : r->end_unix_s;

	if (r->start_unix_s == KLOG_NA || end == KLOG_NA ||
	    end < r->start_unix_s)
		return KLOG_NA;
	return end - r->start_unix_s;
}

/* The sum of a row's counts. */
uint32_t
boots_events(const struct boots_row *r)
{
	uint64_t t = 0;

	for (size_t k = 0; k < KEVENT_KIND_COUNT; k++)
		t += r->counts[k];
	return t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

/* A duration in two units at most. */
char *
boots_duration_text(int64_t secs, char *buf, size_t size)
{
	int64_t d = secs / 86400, h = secs / 3600 % 24, m = secs / 60 % 60;

	if (secs == KLOG_NA || secs < 0)
		snprintf(buf, size, "-");
	else if (d > 0)
		snprintf(buf, size, "%lldd%02lldh", (long long)d, (long long)h);
	else if (h > 0)
		snprintf(buf, size, "%lldh%02lldm", (long long)h, (long long)m);
	else if (m > 0)
		snprintf(buf, size, "%lldm%02llds", (long long)m,
		         (long long)(secs % 60));
	else
		snprintf(buf, size, "%llds", (long long)secs);
	return buf;
}

/* A row's events in words. */
char *
boots_counts_text(const struct boots_row *r, char *buf, size_t size)
{
	size_t used = 0;
	int n;

	buf[0] = '\0';
	for (size_t k = 0; k < KEVENT_KIND_COUNT && used < size; k++) {
		if (r->counts[k] == 0)
			continue;
		n = snprintf(buf + used, size - used, "%s%u %s",
		             used ? ", " : "", (unsigned)r->counts[k],
		             kevent_kind_name((enum kevent_kind)k));
		used += n > 0 ? (size_t)n : 0;
	}
	if (used == 0)
		snprintf(buf, size, "none");
	return buf;
}
