/*
 * recload.c: the recorder's database into a past history (see recload.h).
 * Three read-only queries: the boot's samples of the span (one array), the
 * boot's process identities (an array sorted by database id), and the
 * process rows of the span in sample order, streamed while the samples
 * are walked minute by minute.
 */
#include "persist/recload.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arrgrow.h"
#include "core/numround.h"
#include "model/snapshot.h"
#include "persist/recdb_schema.h"
#include "persist/recerr.h"
#include "persist/recload_bbox.h"
#include "persist/recro.h"
#include "persist/recsql.h"

/* The schema version recload was written for (v1 tables only). */
#define RECLOAD_SCHEMA 1

/* One sample: its time and the system's values by enum hist_sys_lane. */
struct rl_sample {
	int64_t id, time_ms;
	int64_t sys[HIST_SYS_LANES];
};

/* One process identity and its latest row so far. */
struct rl_proc {
	int64_t dbid;
	struct procid id;
	int64_t vals[HIST_PROC_LANES];
	int64_t row_ms; /* the time of its latest row; 0: none yet */
	int64_t end_id; /* procs.end_sample (schema 3), or 0: not ended */
};

/* The load in progress. */
struct rl {
	const struct recload_req *rq;
	struct recload *out;
	sqlite3 *db;
	int64_t boot, from_ms;
	struct rl_sample *s;
	size_t ns;
	struct rl_proc *p;
	size_t np;
	bool has_end; /* procs.end_sample is there (schema 3) */
};

/* Set the outcome and its one-line reason; returns st. */
static enum recload_status
recload_fail(struct rl *l, enum recload_status st, const char *what)
{
	l->out->st = st;
	snprintf(l->out->why, sizeof l->out->why, "%s", what);
	return st;
}

/* Map an SQLite failure to a status and the reason persist/recerr.h
 * words (its path prefix cut: the status line adds the path; the path
 * lets it say a directory as such). */
static enum recload_status
recload_sqlfail(struct rl *l, int rc)
{
	char why[PATH_MAX + 256];
	enum recerr_kind k = recerr_say(l->db, rc, l->rq->path, NULL,
	                                l->rq->busy_ms, why, sizeof why);
	size_t skip = strlen(l->rq->path) + 2, len = strlen(why);
	const char *reason = why + (skip <= len ? skip : len);

	switch (k) {
	case RECERR_LOCKED:
		return recload_fail(l, RECLOAD_LOCKED, reason);
	case RECERR_DIR:
	case RECERR_CORRUPT:
		return recload_fail(l, RECLOAD_CORRUPT, reason);
	default:
		return recload_fail(l, RECLOAD_ERROR, reason);
	}
}

/* A PSI avg10 column as x100, or SNAP_NA when NULL. */
static int64_t
col_x100(sqlite3_stmt *st, int c)
{
	double v;

	if (sqlite3_column_type(st, c) == SQLITE_NULL)
		return SNAP_NA;
	v = sqlite3_column_double(st, c);
	return isfinite(v) ? numround_ll(v * 100.0) : SNAP_NA;
}

/* Open read-only (persist/recro.h: its note into out->note) and check
 * the schema version. */
static enum recload_status
recload_open(struct rl *l)
{
	struct stat stb;
	int64_t ver = -1;
	int rc;

	if (stat(l->rq->path, &stb) != 0)
		return errno == ENOENT
		           ? recload_fail(l, RECLOAD_MISSING, "no record")
		           : recload_fail(l, RECLOAD_ERROR, strerror(errno));
	rc = recro_open(l->rq->path, l->rq->busy_ms, &l->db, &ver, l->out->note,
	                sizeof l->out->note);
	if (rc != SQLITE_OK)
		return recload_sqlfail(l, rc);
	if (ver < RECLOAD_SCHEMA)
		return recload_fail(l, RECLOAD_CORRUPT, RECERR_FOREIGN);
	return RECLOAD_OK;
}

/* Prepare sql; a failure on a newer schema says so. */
static enum recload_status
recload_prepare(struct rl *l, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(l->db, sql, -1, st, NULL);
	char why[200];

	if (rc == SQLITE_OK)
		return RECLOAD_OK;
	if ((rc & 0xff) == SQLITE_ERROR) {
		snprintf(why, sizeof why, "unknown schema: %s",
		         sqlite3_errmsg(l->db));
		return recload_fail(l, RECLOAD_ERROR, why);
	}
	return recload_sqlfail(l, rc);
}

/* Prepare sql on the window's samples, binding ?1 to the boot, ?2 to
 * from_ms - RECLOAD_CARRY_MS and ?3 to now. */
static enum recload_status
recload_window(struct rl *l, const char *sql, sqlite3_stmt **st)
{
	enum recload_status r = recload_prepare(l, sql, st);

	if (r != RECLOAD_OK)
		return r;
	sqlite3_bind_int64(*st, 1, l->boot);
	sqlite3_bind_int64(*st, 2, l->from_ms - RECLOAD_CARRY_MS);
	sqlite3_bind_int64(*st, 3, l->rq->now_wall_ms);
	return RECLOAD_OK;
}

/* This boot's id in the database and the time of its newest sample
 * (out->last_ms); RECLOAD_MISSING ("no record of this boot") when it has
 * none. */
static enum recload_status
recload_boot(struct rl *l)
{
	sqlite3_stmt *st;
	enum recload_status r = recload_prepare(
	    l,
	    "SELECT b.id, (SELECT s.time_ms FROM samples s WHERE s.boot = b.id "
	    "ORDER BY s.time_ms DESC LIMIT 1) FROM boots b WHERE b.boot_id = "
	    "?1",
	    &st);
	int rc;

	if (r != RECLOAD_OK)
		return r;
	sqlite3_bind_text(st, 1, l->rq->boot_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		l->boot = sqlite3_column_int64(st, 0);
		l->out->last_ms = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return recload_fail(l, RECLOAD_MISSING,
		                    "no record of this boot");
	return rc == SQLITE_ROW ? RECLOAD_OK : recload_sqlfail(l, rc);
}

/* This boot's recorded events and their black boxes into l->out (a
 * failure is said in box_why and stops nothing else). */
static void
recload_boxes(struct rl *l)
{
	int rc = recload_bbox_read(
	    l->db, l->boot, l->rq->until_ms ? l->rq->until_ms : INT64_MAX,
	    l->rq->stop, &l->out->boxes, &l->out->nboxes);

	if (rc != SQLITE_OK)
		snprintf(l->out->box_why, sizeof l->out->box_why,
		         "black boxes unreadable: %s", sqlite3_errstr(rc));
	l->out->boxes_read = rc == SQLITE_OK;
}

/* One sample row of st into s. */
static void
recload_sample_row(sqlite3_stmt *st, struct rl_sample *s)
{
	int64_t tot = recsql_col_int(st, 4, SNAP_NA),
	        fr = recsql_col_int(st, 5, SNAP_NA);

	s->id = sqlite3_column_int64(st, 0);
	s->time_ms = sqlite3_column_int64(st, 1);
	s->sys[HIST_MEMAVAIL_KB] = recsql_col_int(st, 2, SNAP_NA);
	s->sys[HIST_COMMITTED_KB] = recsql_col_int(st, 3, SNAP_NA);
	s->sys[HIST_SWAP_USED_KB] =
	    tot == SNAP_NA || fr == SNAP_NA ? SNAP_NA : tot - fr;
	s->sys[HIST_PSI_SOME_X100] = col_x100(st, 6);
	s->sys[HIST_PSI_FULL_X100] = col_x100(st, 7);
	s->sys[HIST_OOM_KILLS] = recsql_col_int(st, 8, SNAP_NA);
}

/* The boot's samples from from_ms - RECLOAD_CARRY_MS to now, in order. */
static enum recload_status
recload_samples(struct rl *l)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	enum recload_status r = recload_window(
	    l,
	    "SELECT id, time_ms, mem_available_kb, committed_as_kb, "
	    "swap_total_kb, swap_free_kb, psi_some_avg10, psi_full_avg10, "
	    "oom_kill FROM samples WHERE boot = ?1 AND time_ms >= ?2 AND "
	    "time_ms <= ?3 ORDER BY time_ms, id",
	    &st);
	int rc;

	if (r != RECLOAD_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arrgrow_room((void **)&l->s, &cap, l->ns, sizeof *l->s,
		                 256)) {
			rc = SQLITE_NOMEM;
			break;
		}
		recload_sample_row(st, &l->s[l->ns++]);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? RECLOAD_OK : recload_sqlfail(l, rc);
}

/* The boot's process identities, sorted by database id, with the
 * sample each was seen ended at when the file records it (schema 3). */
static enum recload_status
recload_procs(struct rl *l)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	struct rl_proc *p;
	enum recload_status r;
	int rc;

	l->has_end = recdb_schema_has_end(l->db);
	r = recload_prepare(l,
	                    l->has_end
	                        ? "SELECT id, pid, start_time, end_sample "
	                          "FROM procs WHERE boot = ?1 ORDER BY id"
	                        : "SELECT id, pid, start_time, NULL FROM "
	                          "procs WHERE boot = ?1 ORDER BY id",
	                    &st);

	if (r != RECLOAD_OK)
		return r;
	sqlite3_bind_int64(st, 1, l->boot);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arrgrow_room((void **)&l->p, &cap, l->np, sizeof *l->p,
		                 256)) {
			rc = SQLITE_NOMEM;
			break;
		}
		p = &l->p[l->np++];
		memset(p, 0, sizeof *p);
		p->dbid = sqlite3_column_int64(st, 0);
		p->id.pid = (int)sqlite3_column_int64(st, 1);
		p->id.start_time = (uint64_t)sqlite3_column_int64(st, 2);
		p->end_id = recsql_col_int(st, 3, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? RECLOAD_OK : recload_sqlfail(l, rc);
}

/* The identity with database id dbid, or NULL. */
static struct rl_proc *
recload_find(struct rl *l, int64_t dbid)
{
	size_t lo = 0, hi = l->np, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->p[mid].dbid == dbid)
			return &l->p[mid];
		if (l->p[mid].dbid < dbid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Begin a refresh of the past at the middle of the wall minute holding
 * time_ms, on the monotonic clock; 0, or -1 when that is before the
 * clock's zero (or the refresh is refused). */
static int
recload_begin(struct rl *l, int64_t time_ms)
{
	int64_t wall =
	    time_ms / HIST_MINUTE_MS * HIST_MINUTE_MS + HIST_MINUTE_MS / 2;
	int64_t mono =
	    (int64_t)l->rq->now_mono_ms + (wall - l->rq->now_wall_ms);

	if (mono < 0)
		return -1;
	return hist_begin(l->out->past, (uint64_t)mono, wall);
}

/* Whether process p is still there at sample s: it has a row at most
 * RECLOAD_CARRY_MS old, and (schema 3) the recorder did not see it end at
 * or before s, as RECDB_NOT_ENDED says (sample ids grow with time). A
 * process that ended while no recorder ran has no end: the row rule
 * alone drops it. */
static bool
recload_alive(const struct rl *l, const struct rl_proc *p,
              const struct rl_sample *s)
{
	if (p->row_ms == 0 || s->time_ms - p->row_ms > RECLOAD_CARRY_MS)
		return false;
	return !l->has_end || p->end_id == 0 || p->end_id > s->id;
}

/* Put the minute of sample s into the past history: every process still
 * there, and the system. */
static void
recload_minute(struct rl *l, const struct rl_sample *s)
{
	if (recload_begin(l, s->time_ms) != 0)
		return;
	for (size_t i = 0; i < l->np; i++) {
		if (recload_alive(l, &l->p[i], s))
			(void)hist_put_proc(l->out->past, l->p[i].id,
			                    l->p[i].vals);
	}
	hist_put_sys(l->out->past, s->sys);
	hist_end(l->out->past);
	if (l->out->minutes++ == 0)
		l->out->first_ms = s->time_ms / HIST_MINUTE_MS * HIST_MINUTE_MS;
}

/* Apply st's current row, from column c on (proc_id, rss_kb, swap_kb,
 * anon_kb), as the process's row at time_ms. */
static void
recload_row(struct rl *l, sqlite3_stmt *st, int c, int64_t time_ms)
{
	struct rl_proc *p = recload_find(l, sqlite3_column_int64(st, c));

	if (p == NULL)
		return;
	p->vals[HIST_RSS_KB] = recsql_col_int(st, c + 1, SNAP_NA);
	p->vals[HIST_SWAP_KB] = recsql_col_int(st, c + 2, SNAP_NA);
	p->vals[HIST_ANON_KB] = recsql_col_int(st, c + 3, SNAP_NA);
	p->row_ms = time_ms;
}

/* Apply the rows of sample s (the current row of st onwards); *rc is
 * the last sqlite3_step result. */
static void
recload_apply(struct rl *l, sqlite3_stmt *st, const struct rl_sample *s,
              int *rc)
{
	while (*rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == s->id) {
		recload_row(l, st, 1, s->time_ms);
		*rc = sqlite3_step(st);
	}
}

/* Is sample i (of a walk up to end) the last of its minute, and of the
 * span (from from_ms on): the one its minute's point is put at? */
static bool
recload_ends_minute(const struct rl *l, size_t i, size_t end)
{
	return l->s[i].time_ms >= l->from_ms &&
	       (i + 1 == end || l->s[i + 1].time_ms / HIST_MINUTE_MS !=
	                            l->s[i].time_ms / HIST_MINUTE_MS);
}

/* Walk the samples, applying the rows as they come, and put each
 * minute's last sample (from from_ms on) into the past history. */
static enum recload_status
recload_walk(struct rl *l)
{
	sqlite3_stmt *st;
	enum recload_status r = recload_window(
	    l,
	    "SELECT r.sample_id, r.proc_id, r.rss_kb, r.swap_kb, r.anon_kb "
	    "FROM proc_rows r JOIN samples s ON s.id = r.sample_id "
	    "WHERE s.boot = ?1 AND s.time_ms >= ?2 AND s.time_ms <= ?3 "
	    "ORDER BY s.time_ms, s.id",
	    &st);
	int rc;

	if (r != RECLOAD_OK)
		return r;
	rc = sqlite3_step(st);
	for (size_t i = 0; i < l->ns; i++) {
		if (l->rq->stop != NULL && atomic_load(l->rq->stop)) {
			sqlite3_finalize(st);
			return recload_fail(l, RECLOAD_STOPPED, "stopped");
		}
		recload_apply(l, st, &l->s[i], &rc);
		if (recload_ends_minute(l, i, l->ns))
			recload_minute(l, &l->s[i]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return recload_sqlfail(l, rc);
	return RECLOAD_OK;
}

/* Flush the last minute (that of sample s) into the minute tier: one
 * more refresh, a minute on, with nothing put. */
static void
recload_flush(struct rl *l, const struct rl_sample *s)
{
	if (recload_begin(l, s->time_ms + HIST_MINUTE_MS) == 0)
		hist_end(l->out->past);
}

/* Say what was loaded (why: the span from the oldest minute put to the
 * newest sample) and, when that is more than RECLOAD_STALE_MS ago (a
 * recorder that stopped), how long ago the record ends (ends). */
static void
recload_why(struct recload *out, int64_t now_ms)
{
	int64_t end =
	    out->last_ms > out->first_ms ? out->last_ms : out->first_ms;
	int64_t span = end - out->first_ms, ago = now_ms - end;

	span = (span + HIST_MINUTE_MS / 2) / HIST_MINUTE_MS * HIST_MINUTE_MS;
	snprintf(out->why, sizeof out->why, "loaded %lldh%02lldm",
	         (long long)(span / 3600000), (long long)(span / 60000 % 60));
	if (ago > RECLOAD_STALE_MS)
		snprintf(out->ends, sizeof out->ends,
		         "the record ends %lldh%02lldm ago",
		         (long long)(ago / 3600000),
		         (long long)(ago / 60000 % 60));
}

/* Load (see the header). */
enum recload_status
recload_run(const struct recload_req *rq, struct recload *out)
{
	struct rl l = {.rq = rq, .out = out};
	enum recload_status r;

	memset(out, 0, sizeof *out);
	l.from_ms = rq->now_wall_ms - rq->span_ms;
	/* nothing before the monotonic clock's zero can be put */
	if (l.from_ms < rq->now_wall_ms - (int64_t)rq->now_mono_ms)
		l.from_ms = rq->now_wall_ms - (int64_t)rq->now_mono_ms;
	r = recload_open(&l);
	if (r == RECLOAD_OK)
		r = recload_boot(&l);
	if (r == RECLOAD_OK)
		recload_boxes(&l);
	if (rq->boxes_only) {
		sqlite3_close(l.db);
		return out->st = r;
	}
	if (r == RECLOAD_OK)
		r = recload_samples(&l);
	if (r == RECLOAD_OK)
		r = recload_procs(&l);
	if (r == RECLOAD_OK &&
	    (out->past = hist_new(HIST_MINUTE_MS, rq->cap_bytes)) == NULL)
		r = recload_fail(&l, RECLOAD_ERROR, "out of memory");
	if (r == RECLOAD_OK)
		r = recload_walk(&l);
	if (r == RECLOAD_OK && l.ns > 0)
		recload_flush(&l, &l.s[l.ns - 1]);
	sqlite3_close(l.db);
	free(l.s);
	free(l.p);
	out->samples = l.ns;
	if (r == RECLOAD_OK && out->minutes == 0)
		r = recload_fail(&l, RECLOAD_MISSING, "no record of the span");
	if (r != RECLOAD_OK) {
		hist_free(out->past);
		out->past = NULL;
		return r;
	}
	recload_why(out, rq->now_wall_ms);
	out->st = RECLOAD_OK;
	return RECLOAD_OK;
}

/* Free the past (see the header). */
void
recload_fini(struct recload *r)
{
	hist_free(r->past);
	r->past = NULL;
	free(r->boxes);
	r->boxes = NULL;
	r->nboxes = 0;
}

/* One sample's rows, for the cursor's walks (proc_rows' key leads with
 * sample_id: one range of it). */
#define RECLOAD_ROWS_SQL                                                       \
	"SELECT proc_id, rss_kb, swap_kb, anon_kb FROM proc_rows WHERE "       \
	"sample_id = ?1"

/* A replay's past between moves (see the header). */
struct recload_cursor {
	struct recload_req rq;
	struct recload out;  /* out.past: the base (NULL: none yet) */
	struct rl l;         /* the database, the boot's samples, the
	                        identities at the base's rows */
	char boot_id[128];   /* the boot l holds ("": none) */
	sqlite3_stmt *rows;  /* RECLOAD_ROWS_SQL */
	size_t next;         /* samples [0, next) are in the base */
	size_t last;         /* the last cursor's sample */
	struct rl_proc *cur; /* the identities' copy for one cursor */
};

/* A cursor (see the header). */
struct recload_cursor *
recload_cursor_new(const char *path, size_t cap_bytes, int busy_ms)
{
	struct recload_cursor *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->rq.path = path;
	c->rq.boot_id = c->boot_id;
	c->rq.span_ms = RECLOAD_SPAN_MS;
	c->rq.cap_bytes = cap_bytes;
	c->rq.busy_ms = busy_ms;
	c->l.rq = &c->rq;
	c->l.out = &c->out;
	return c;
}

/* Let go of the boot c holds: its samples, identities, base, database. */
static void
recload_cursor_drop(struct recload_cursor *c)
{
	sqlite3_finalize(c->rows);
	sqlite3_close(c->l.db);
	free(c->l.s);
	free(c->l.p);
	free(c->cur);
	hist_free(c->out.past);
	c->rows = NULL;
	c->l.db = NULL;
	c->l.s = NULL;
	c->l.p = c->cur = NULL;
	c->l.ns = c->l.np = 0;
	c->out.past = NULL;
	c->boot_id[0] = '\0';
}

/* Free a cursor (see the header). */
void
recload_cursor_free(struct recload_cursor *c)
{
	if (c == NULL)
		return;
	recload_cursor_drop(c);
	free(c);
}

/* Hold boot_id's samples and identities (all of the boot's: a cursor
 * can go anywhere in it), unless held already. */
static enum recload_status
recload_cursor_boot(struct recload_cursor *c, const char *boot_id)
{
	struct rl *l = &c->l;
	enum recload_status r;

	if (l->db != NULL && strcmp(c->boot_id, boot_id) == 0)
		return RECLOAD_OK;
	recload_cursor_drop(c);
	snprintf(c->boot_id, sizeof c->boot_id, "%s", boot_id);
	c->rq.now_wall_ms = INT64_MAX; /* the whole boot: see recload_window */
	l->from_ms = INT64_MIN / 2;
	r = recload_open(l);
	if (r == RECLOAD_OK)
		r = recload_boot(l);
	if (r == RECLOAD_OK)
		r = recload_samples(l);
	if (r == RECLOAD_OK)
		r = recload_procs(l);
	if (r == RECLOAD_OK)
		r = recload_prepare(l, RECLOAD_ROWS_SQL, &c->rows);
	/* mono is wall in a replay: recload_begin maps a time to itself */
	c->rq.now_wall_ms = 0;
	c->rq.now_mono_ms = 0;
	if (r == RECLOAD_OK && l->np > 0 &&
	    (c->cur = malloc(l->np * sizeof *c->cur)) == NULL)
		r = recload_fail(l, RECLOAD_ERROR, "out of memory");
	if (r != RECLOAD_OK)
		recload_cursor_drop(c);
	return r;
}

/* The first sample at or after time_ms (ns when none is). */
static size_t
recload_cursor_at(const struct rl *l, int64_t time_ms)
{
	size_t lo = 0, hi = l->ns, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->s[mid].time_ms < time_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Apply the rows of samples [a, end) to l->p and put each minute that
 * ends among them into l->out->past (the last one's at end - 1). */
static enum recload_status
recload_cursor_walk(struct recload_cursor *c, size_t a, size_t end)
{
	struct rl *l = &c->l;
	enum recload_status r;
	int rc = SQLITE_DONE;

	for (size_t i = a; i < end && rc == SQLITE_DONE; i++) {
		sqlite3_reset(c->rows);
		sqlite3_bind_int64(c->rows, 1, l->s[i].id);
		while ((rc = sqlite3_step(c->rows)) == SQLITE_ROW)
			recload_row(l, c->rows, 0, l->s[i].time_ms);
		if (rc == SQLITE_DONE && recload_ends_minute(l, i, end))
			recload_minute(l, &l->s[i]);
	}
	r = rc == SQLITE_DONE ? RECLOAD_OK : recload_sqlfail(l, rc);
	sqlite3_reset(c->rows); /* no read held between moves */
	return r;
}

/* The first sample of the minute min minutes before sample k's. */
static size_t
recload_cursor_before(const struct rl *l, size_t k, int64_t min)
{
	int64_t minute = l->s[k].time_ms / HIST_MINUTE_MS * HIST_MINUTE_MS;

	return recload_cursor_at(l, minute - min * (int64_t)HIST_MINUTE_MS);
}

/* Make the base fit a cursor at time_ms, sample k (see the header):
 * built anew when it cannot (that lag before the cursor's minute, or
 * RECLOAD_CURSOR_BACK_MIN going back), moved on to the lag when a cursor
 * going forward is more than twice the lag ahead of it. */
static enum recload_status
recload_cursor_base(struct recload_cursor *c, int64_t time_ms, size_t k)
{
	struct rl *l = &c->l;
	int64_t from = time_ms - RECLOAD_SPAN_MS;
	size_t a = c->next, end;
	bool back = k < c->last;

	c->last = k;
	if (c->out.past == NULL || a > recload_cursor_before(l, k, 0) ||
	    l->from_ms > from ||
	    (a < l->ns && l->s[a].time_ms < from - RECLOAD_CARRY_MS)) {
		hist_free(c->out.past);
		c->out.past = hist_new(HIST_MINUTE_MS, c->rq.cap_bytes);
		if (c->out.past == NULL)
			return recload_fail(l, RECLOAD_ERROR, "out of memory");
		for (size_t i = 0; i < l->np; i++) {
			memset(l->p[i].vals, 0, sizeof l->p[i].vals);
			l->p[i].row_ms = 0;
		}
		/* room for the cursor to go back */
		l->from_ms = from - (RECLOAD_CURSOR_BACK_MIN + 1) *
		                        (int64_t)HIST_MINUTE_MS;
		a = recload_cursor_at(l, l->from_ms - RECLOAD_CARRY_MS);
		end = recload_cursor_before(l, k,
		                            back ? RECLOAD_CURSOR_BACK_MIN
		                                 : RECLOAD_CURSOR_LAG_MIN);
	} else if (back || a >= recload_cursor_before(
	                            l, k, 2 * RECLOAD_CURSOR_LAG_MIN)) {
		return RECLOAD_OK; /* near enough */
	} else {
		end = recload_cursor_before(l, k, RECLOAD_CURSOR_LAG_MIN);
	}
	c->next = a > end ? a : end;
	return a < end ? recload_cursor_walk(c, a, end) : RECLOAD_OK;
}

/* The past at a cursor (see the header). */
enum recload_status
recload_cursor_past(struct recload_cursor *c, const char *boot_id,
                    int64_t time_ms, struct hist **past, struct recload *out)
{
	struct rl *l = &c->l;
	struct rl_proc *base_p;
	struct hist *base;
	enum recload_status r = recload_cursor_boot(c, boot_id);
	size_t k = r == RECLOAD_OK ? recload_cursor_at(l, time_ms + 1) : 0;

	*past = NULL;
	if (r == RECLOAD_OK && k == 0)
		r = recload_fail(l, RECLOAD_MISSING, "no record of the span");
	if (r == RECLOAD_OK)
		r = recload_cursor_base(c, time_ms, k - 1);
	if (r == RECLOAD_OK && (*past = hist_clone(c->out.past)) == NULL)
		r = recload_fail(l, RECLOAD_ERROR, "out of memory");
	if (r == RECLOAD_OK) {
		/* the minutes from the base to the cursor, on copies */
		base = c->out.past;
		base_p = l->p;
		memcpy(c->cur, l->p, l->np * sizeof *l->p);
		c->out.past = *past;
		l->p = c->cur;
		r = recload_cursor_walk(c, c->next, k);
		if (r == RECLOAD_OK)
			recload_flush(l, &l->s[k - 1]);
		c->out.past = base;
		l->p = base_p;
	}
	if (r != RECLOAD_OK) {
		hist_free(*past);
		*past = NULL;
	}
	memset(out, 0, sizeof *out);
	out->st = r;
	snprintf(out->why, sizeof out->why, "%s",
	         r == RECLOAD_OK ? "loaded" : c->out.why);
	return r;
}
