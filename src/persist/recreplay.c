/*
 * recreplay.c: the replay's read-only queries (see recreplay.h). The
 * samples and events are loaded at open (a few dozen bytes each: a
 * week of 10 s samples is about 1.5 MB), and those newer than the
 * newest loaded by recreplay_newer; a snapshot is two queries, its
 * sample's row and the process rows of the RECREAD_ALIVE_MS up to it
 * (of the processes not ended by then, when the file says: schema v3),
 * then its cgroups (recreplay_cg.c). A window of samples is two queries
 * whatever its length: the samples' rows, and the process rows of the
 * span (recreplay_win.c).
 */
#include "persist/recreplay.h"
#include "core/arrgrow.h"
#include "persist/recreplay_klog.h"
#include "persist/recdb_schema.h"
#include "persist/recload_bbox.h"
#include "persist/recreplay_cg.h"
#include "persist/recreplay_win.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include "persist/recsql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct recreplay {
	struct recread *rd; /* the connection and its messages */
	sqlite3 *db;
	struct recreplay_sample *s;
	size_t ns, scap;
	struct recreplay_event *ev;
	size_t nev, evcap;
	enum recread_status st; /* the last failure's */
	bool has_end;           /* procs.end_sample is there (schema v3) */
	bool has_cg;            /* the cgroup tables are there (schema v2) */
};

/* The system columns of a sample, in the order recreplay_sys reads. */
#define RECREPLAY_SYS_COLS                                                     \
	"mem_total_kb, mem_free_kb, mem_available_kb, buffers_kb, "            \
	"cached_kb, shmem_kb, anon_kb, swap_total_kb, swap_free_kb, "          \
	"commit_limit_kb, committed_as_kb, oom_kill, pswpin, pswpout, "        \
	"pgmajfault, psi_some_avg10, psi_some_avg60, psi_some_avg300, "        \
	"psi_some_total_us, psi_full_avg10, psi_full_avg60, psi_full_avg300, " \
	"psi_full_total_us"

/* Every process of boot ?3 with a row in the samples of [?2, ?1] (unix
 * ms), at its latest row there (SQLite's bare columns take the row of
 * the max(time_ms)); times, not ids, order the samples. ended: "", or
 * the condition that the process had not ended by sample id ?4. */
#define RECREPLAY_ROWS_SQL(ended)                                              \
	"SELECT p.pid, p.start_time, p.uid, p.comm, p.cmdline, p.cgroup, "     \
	"r.rss_kb, r.anon_kb, r.file_kb, r.shmem_kb, r.swap_kb, r.oom_score, " \
	"r.oom_score_adj, max(s.time_ms) FROM samples s JOIN proc_rows r ON "  \
	"r.sample_id = s.id JOIN procs p ON p.id = r.proc_id WHERE s.time_ms " \
	"<= ?1 AND s.time_ms >= ?2 AND s.boot = ?3 AND p.boot = ?3" ended      \
	" GROUP BY r.proc_id ORDER BY p.pid, p.start_time"

/* The rows query of a file without procs.end_sample (schema v1, v2) and
 * with it. */
static const char *const recreplay_rows_sql[2] = {
    RECREPLAY_ROWS_SQL(""),
    RECREPLAY_ROWS_SQL(" AND " RECDB_NOT_ENDED("p", "?4")),
};

/* Finalize st and turn rc into 0 (SQLITE_DONE) or -1 with the message. */
static int
recreplay_end(struct recreplay *r, sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	r->st = recread_sqlfail(r->rd, rc);
	return -1;
}

/* Prepare sql into *st: 0, or -1 with the message. */
static int
recreplay_prep(struct recreplay *r, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(r->db, sql, -1, st, NULL);

	if (rc == SQLITE_OK)
		return 0;
	r->st = recread_sqlfail(r->rd, rc);
	return -1;
}

/* Append every sample's (id, time, boot) recorded after after_ms,
 * oldest first: 0, or -1. */
static int
recreplay_samples(struct recreplay *r, int64_t after_ms)
{
	sqlite3_stmt *st;
	int rc;

	if (recreplay_prep(r,
	                   "SELECT id, time_ms, boot FROM samples WHERE "
	                   "time_ms > ?1 ORDER BY time_ms, id",
	                   &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, after_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arrgrow_room((void **)&r->s, &r->scap, r->ns, sizeof *r->s,
		                 1024)) {
			rc = SQLITE_NOMEM;
			break;
		}
		r->s[r->ns++] = (struct recreplay_sample){
		    sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2)};
	}
	return recreplay_end(r, st, rc);
}

/* The index of the sample with database id id (recorded at time_ms,
 * as an event is with its sample), or of the first sample at or after
 * time_ms when there is none (the last when none is). */
static size_t
recreplay_index(const struct recreplay *r, int64_t id, int64_t time_ms)
{
	size_t lo = 0, hi = r->ns, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->s[mid].time_ms < time_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; id >= 0 && i < r->ns && r->s[i].time_ms == time_ms;
	     i++) {
		if (r->s[i].id == id)
			return i;
	}
	return lo < r->ns ? lo : r->ns - 1;
}

/* Append every event recorded after after_ms and up to upto_ms (an
 * event has its sample's time), oldest first, with the sample it
 * arrived with. */
static int
recreplay_events(struct recreplay *r, int64_t after_ms, int64_t upto_ms)
{
	sqlite3_stmt *st;
	struct recreplay_event *e;
	int rc;

	if (recreplay_prep(r,
	                   "SELECT id, time_ms, coalesce(sample_id, -1), "
	                   "kind, json_extract(json, '$.pid'), "
	                   "json_extract(json, '$.comm') FROM events WHERE "
	                   "time_ms > ?1 AND time_ms <= ?2 ORDER BY time_ms, "
	                   "id",
	                   &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, after_ms);
	sqlite3_bind_int64(st, 2, upto_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arrgrow_room((void **)&r->ev, &r->evcap, r->nev,
		                 sizeof *r->ev, 1024)) {
			rc = SQLITE_NOMEM;
			break;
		}
		e = &r->ev[r->nev++];
		e->id = sqlite3_column_int64(st, 0);
		e->time_ms = sqlite3_column_int64(st, 1);
		e->at =
		    recreplay_index(r, sqlite3_column_int64(st, 2), e->time_ms);
		recsql_col_text(st, 3, e->kind, sizeof e->kind);
		e->pid = sqlite3_column_type(st, 4) == SQLITE_INTEGER
		             ? sqlite3_column_int64(st, 4)
		             : -1;
		recsql_col_text(st, 5, e->comm, sizeof e->comm);
	}
	return recreplay_end(r, st, rc);
}

/* Open (see recreplay.h). */
struct recreplay *
recreplay_open(const char *path, enum recread_status *st, char *err,
               size_t errsz)
{
	struct recreplay *r = calloc(1, sizeof *r);

	if (r == NULL) {
		snprintf(err, errsz, "%s: out of memory", path);
		*st = RECREAD_ERROR;
		return NULL;
	}
	r->rd = recread_open(path, st, err, errsz);
	if (r->rd == NULL) {
		free(r);
		return NULL;
	}
	r->db = recread_db(r->rd);
	r->has_end = recdb_schema_has_end(r->db);
	r->has_cg = recreplay_cg_recorded(r->db);
	if (recreplay_samples(r, INT64_MIN) != 0 ||
	    recreplay_events(r, INT64_MIN, INT64_MAX) != 0) {
		*st = r->st;
		snprintf(err, errsz, "%s", recread_error(r->rd));
	} else if (r->ns == 0) {
		*st = RECREAD_MISSING;
		snprintf(err, errsz,
		         "%s: no samples recorded yet (is `oomwatch --record` "
		         "running?)",
		         path);
	} else {
		return r;
	}
	recreplay_close(r);
	return NULL;
}

/* Close (see recreplay.h). */
void
recreplay_close(struct recreplay *r)
{
	if (r == NULL)
		return;
	recread_close(r->rd);
	free(r->s);
	free(r->ev);
	free(r);
}

/* Load the samples and events recorded since (see recreplay.h). */
int
recreplay_newer(struct recreplay *r, size_t *added)
{
	size_t ns = r->ns;
	int64_t last = r->s[ns - 1].time_ms, after = last;

	*added = 0;
	if (r->nev > 0 && r->ev[r->nev - 1].time_ms > after)
		after = r->ev[r->nev - 1].time_ms; /* loaded at open */
	if (recreplay_samples(r, last) != 0)
		return -1;
	*added = r->ns - ns;
	/* up to the newest sample read: an event comes with its sample, in
	 * its transaction, so a later one is read with it next time */
	return *added == 0
	           ? 0
	           : recreplay_events(r, after, r->s[r->ns - 1].time_ms);
}

/* The recorder's interval at sample i (ms): the shortest of the up to
 * RECREPLAY_GAP_LOOK intervals ending at sample i - 1, else the one
 * after i; 0 when there is none. */
static int64_t
recreplay_interval(const struct recreplay *r, size_t i)
{
	int64_t best = 0, d;

	for (size_t k = i - 1; k > 0 && k + RECREPLAY_GAP_LOOK >= i; k--) {
		d = r->s[k].time_ms - r->s[k - 1].time_ms;
		if (best == 0 || d < best)
			best = d;
	}
	if (best == 0 && i + 1 < r->ns)
		best = r->s[i + 1].time_ms - r->s[i].time_ms;
	return best;
}

/* The gap in the record before sample i (see recreplay.h). */
int64_t
recreplay_gap_ms(const struct recreplay *r, size_t i)
{
	int64_t d, iv;

	if (i == 0 || i >= r->ns)
		return 0;
	d = r->s[i].time_ms - r->s[i - 1].time_ms;
	if ((iv = recreplay_interval(r, i)) == 0)
		return 0; /* two samples: no interval to judge by */
	if (iv < 1000)
		iv = 1000;
	return d > RECREPLAY_GAP_FACTOR * iv ? d : 0;
}

/* The last failure's message. */
const char *
recreplay_error(const struct recreplay *r)
{
	return recread_error(r->rd);
}

/* How many samples. */
size_t
recreplay_count(const struct recreplay *r)
{
	return r->ns;
}

/* Sample i. */
const struct recreplay_sample *
recreplay_sample(const struct recreplay *r, size_t i)
{
	return &r->s[i];
}

/* The number of samples at or before time_ms. */
static size_t
recreplay_upto(const struct recreplay *r, int64_t time_ms)
{
	size_t lo = 0, hi = r->ns, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->s[mid].time_ms <= time_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The newest sample at or before a time (see recreplay.h). */
int
recreplay_find(const struct recreplay *r, int64_t time_ms, int64_t max_gap_ms,
               size_t *i)
{
	size_t n = recreplay_upto(r, time_ms);

	if (n == 0 || time_ms - r->s[n - 1].time_ms > max_gap_ms)
		return -1;
	*i = n - 1;
	return 0;
}

/* A step in time (see recreplay.h). */
size_t
recreplay_step(const struct recreplay *r, size_t i, int64_t delta_ms)
{
	int64_t t = r->s[i].time_ms + delta_ms;
	size_t n;

	if (delta_ms < 0) {
		n = recreplay_upto(r, t);
		return n > 0 ? n - 1 : 0;
	}
	n = recreplay_upto(r, t - 1); /* samples before t */
	return n < r->ns ? n : r->ns - 1;
}

/* Run a one-value query on a bound statement: its SQLite step code. */
static int
recreplay_one(sqlite3_stmt *st, int64_t *v)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	return rc;
}

/* From sample k (its boot's first), the first sample of its boot with
 * a process row into *i (left when there is none): 0, or -1. */
static int
recreplay_with_rows(struct recreplay *r, size_t k, size_t *i)
{
	sqlite3_stmt *st;
	int64_t id = -1;
	int rc;

	if (recreplay_prep(r,
	                   "SELECT s.id FROM samples s WHERE s.boot = ?1 AND "
	                   "EXISTS (SELECT 1 FROM proc_rows r WHERE "
	                   "r.sample_id = s.id) ORDER BY s.time_ms, s.id "
	                   "LIMIT 1",
	                   &st))
		return -1;
	sqlite3_bind_int64(st, 1, r->s[k].boot);
	rc = recreplay_one(st, &id);
	if (recreplay_end(r, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return -1;
	for (; id >= 0 && k < r->ns; k++) {
		if (r->s[k].id == id) {
			*i = k;
			break;
		}
	}
	return 0;
}

/* The first sample of a boot with process rows, else its first (see
 * recreplay.h). */
int
recreplay_boot_first(struct recreplay *r, const char *boot_id, size_t *i)
{
	sqlite3_stmt *st;
	int64_t boot = -1;
	int rc;

	if (recreplay_prep(r, "SELECT id FROM boots WHERE boot_id = ?1", &st))
		return -1;
	sqlite3_bind_text(st, 1, boot_id, -1, SQLITE_STATIC);
	rc = recreplay_one(st, &boot);
	if (recreplay_end(r, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return -1;
	for (size_t k = 0; boot >= 0 && k < r->ns; k++) {
		if (r->s[k].boot == boot) {
			*i = k;
			return recreplay_with_rows(r, k, i);
		}
	}
	return 1;
}

/* A sample's boot_id text (see recreplay.h). */
int
recreplay_boot_id(struct recreplay *r, size_t i, char *buf, size_t size)
{
	sqlite3_stmt *st;
	int rc;

	if (recreplay_prep(r, "SELECT boot_id FROM boots WHERE id = ?1", &st))
		return -1;
	sqlite3_bind_int64(st, 1, r->s[i].boot);
	buf[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		recsql_col_text(st, 0, buf, size);
		rc = SQLITE_DONE;
	}
	return recreplay_end(r, st, rc);
}

/* How many events. */
size_t
recreplay_nevents(const struct recreplay *r)
{
	return r->nev;
}

/* Event k. */
const struct recreplay_event *
recreplay_event(const struct recreplay *r, size_t k)
{
	return &r->ev[k];
}

/* The events up to a sample (see recreplay.h). */
size_t
recreplay_events_upto(const struct recreplay *r, size_t i)
{
	size_t n = 0;

	for (size_t k = 0; k < r->nev; k++)
		n += r->ev[k].at <= i;
	return n;
}

/* The next or previous event (see recreplay.h). */
int
recreplay_event_step(const struct recreplay *r, size_t i, size_t from, int dir,
                     size_t *k)
{
	size_t e;

	if (from < r->nev && r->ev[from].at == i) { /* by one event */
		if (dir > 0 ? from + 1 >= r->nev : from == 0)
			return -1;
		*k = dir > 0 ? from + 1 : from - 1;
		return 0;
	}
	if (dir > 0) { /* the first arriving after sample i */
		for (e = 0; e < r->nev && r->ev[e].at <= i; e++)
			;
		*k = e;
		return e < r->nev ? 0 : -1;
	}
	for (e = r->nev; e > 0 && r->ev[e - 1].at >= i; e--)
		; /* the last arriving before sample i */
	*k = e - 1;
	return e > 0 ? 0 : -1;
}

/* Whether b[0..n) holds the record of event id. */
static bool
recreplay_has_box(const struct recbox *b, size_t n, int64_t id)
{
	for (size_t j = 0; j < n; j++) {
		if (b[j].id == id)
			return true;
	}
	return false;
}

/* The boxes of sample i's boot up to it (see recreplay.h). They are read
 * RECBOX_MAX at a time (recload_bbox_read gives the newest up to a time),
 * each read up to the oldest time of the one before, inclusive, so the
 * events sharing that time are all read; those already read are skipped. */
int
recreplay_boxes(struct recreplay *r, size_t i, size_t max, struct recbox **out,
                size_t *n)
{
	int64_t until = r->s[i].time_ms;
	struct recbox *all = malloc((max ? max : 1) * sizeof *all), *b;
	size_t nb, fresh;
	int rc;

	*out = NULL;
	*n = 0;
	if (all == NULL)
		return recreplay_end(r, NULL, SQLITE_NOMEM);
	do {
		rc = recload_bbox_read(r->db, r->s[i].boot, until, NULL, &b,
		                       &nb);
		if (rc != SQLITE_OK) {
			free(all);
			*n = 0;
			return recreplay_end(r, NULL, rc);
		}
		fresh = 0;
		for (size_t j = 0; j < nb && *n < max; j++) {
			if (recreplay_has_box(all, *n, b[j].id))
				continue;
			all[(*n)++] = b[j];
			fresh++;
		}
		if (nb > 0)
			until = b[nb - 1].time_ms;
		free(b);
	} while (fresh > 0 && nb == RECBOX_MAX && *n < max);
	if (*n == 0)
		free(all);
	else
		*out = all;
	return 0;
}

/* A PSI average column as a double (NaN-free; 0 when NULL). */
static double
col_avg(sqlite3_stmt *st, int c)
{
	double v = sqlite3_column_double(st, c);

	return isfinite(v) ? v : 0.0;
}

/* The system values of a sample row (RECREPLAY_SYS_COLS) into snap. */
static void
recreplay_sys(sqlite3_stmt *st, struct snapshot *snap)
{
	struct mem_info *m = &snap->mem;
	struct psi_memory *p = &snap->psi;

	*m = (struct mem_info){
	    recsql_col_int(st, 0, SNAP_NA), recsql_col_int(st, 1, SNAP_NA),
	    recsql_col_int(st, 2, SNAP_NA), recsql_col_int(st, 3, SNAP_NA),
	    recsql_col_int(st, 4, SNAP_NA), recsql_col_int(st, 5, SNAP_NA),
	    recsql_col_int(st, 6, SNAP_NA), recsql_col_int(st, 7, SNAP_NA),
	    recsql_col_int(st, 8, SNAP_NA), recsql_col_int(st, 9, SNAP_NA),
	    recsql_col_int(st, 10, SNAP_NA)};
	snap->vmstat = (struct vmstat_counters){
	    recsql_col_int(st, 11, SNAP_NA), recsql_col_int(st, 12, SNAP_NA),
	    recsql_col_int(st, 13, SNAP_NA), recsql_col_int(st, 14, SNAP_NA)};
	p->valid = sqlite3_column_type(st, 15) != SQLITE_NULL;
	p->full_valid = sqlite3_column_type(st, 19) != SQLITE_NULL;
	p->err = p->valid ? 0 : ENODATA; /* not recorded */
	p->some =
	    (struct psi_line){col_avg(st, 15), col_avg(st, 16), col_avg(st, 17),
	                      (uint64_t)sqlite3_column_int64(st, 18)};
	p->full =
	    (struct psi_line){col_avg(st, 19), col_avg(st, 20), col_avg(st, 21),
	                      (uint64_t)sqlite3_column_int64(st, 22)};
}

/* A rate per second of counter a then b over dt_ms (0 when unknown). */
static double
recreplay_rate(int64_t a, int64_t b, int64_t dt_ms)
{
	if (a == SNAP_NA || b == SNAP_NA || b < a || dt_ms <= 0)
		return 0.0;
	return (double)(b - a) * 1000.0 / (double)dt_ms;
}

/* Read sample id's system values with st (RECREPLAY_SYS_COLS) into
 * snap: SQLite's code (SQLITE_DONE when read). */
static int
recreplay_sys_of(sqlite3_stmt *st, int64_t id, struct snapshot *snap)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return SQLITE_CORRUPT; /* the sample went (retention) */
	if (rc == SQLITE_ROW) {
		recreplay_sys(st, snap);
		rc = SQLITE_DONE;
	}
	return rc;
}

/* Sample i's system values into snap, with the rates against the
 * sample before it when that is of the same boot: 0, or -1. */
static int
recreplay_system(struct recreplay *r, size_t i, struct snapshot *snap)
{
	sqlite3_stmt *st;
	struct snapshot prev;
	const struct vmstat_counters *a = &prev.vmstat, *b = &snap->vmstat;
	int64_t dt;
	int rc;

	if (recreplay_prep(
	        r, "SELECT " RECREPLAY_SYS_COLS " FROM samples WHERE id = ?1",
	        &st) != 0)
		return -1;
	rc = recreplay_sys_of(st, r->s[i].id, snap);
	snap->rates =
	    (struct vmstat_rates){.valid = false, .na = VMSTAT_NA_NO_EARLIER};
	if (rc != SQLITE_DONE || i == 0 || r->s[i - 1].boot != r->s[i].boot)
		return recreplay_end(r, st, rc);
	if ((snap->rates.gap_ms = recreplay_gap_ms(r, i)) > 0) {
		snap->rates.na = VMSTAT_NA_GAP; /* no rate over the gap */
		return recreplay_end(r, st, rc);
	}
	if ((rc = recreplay_sys_of(st, r->s[i - 1].id, &prev)) == SQLITE_DONE) {
		dt = r->s[i].time_ms - r->s[i - 1].time_ms;
		snap->rates = (struct vmstat_rates){
		    .valid = true,
		    .oom_kill = recreplay_rate(a->oom_kill, b->oom_kill, dt),
		    .pswpin = recreplay_rate(a->pswpin, b->pswpin, dt),
		    .pswpout = recreplay_rate(a->pswpout, b->pswpout, dt),
		    .pgmajfault =
		        recreplay_rate(a->pgmajfault, b->pgmajfault, dt)};
	}
	return recreplay_end(r, st, rc);
}

/* Pool the text of column c into snap, its place in *off and *len
 * (SNAP_NO_STR when NULL): 0, or -1 when out of memory. */
static int
recreplay_str(sqlite3_stmt *st, int c, struct snapshot *snap, uint32_t *off,
              uint32_t *len)
{
	const char *t = (const char *)sqlite3_column_text(st, c);
	size_t n = t ? strlen(t) : 0;

	*off = SNAP_NO_STR;
	*len = 0;
	if (t == NULL)
		return 0;
	if (snapshot_str_append(snap, t, n, off) != 0)
		return -1;
	*len = (uint32_t)n;
	return 0;
}

/* One process row of recreplay_rows_sql into snap: 0, or -1. */
static int
recreplay_proc(sqlite3_stmt *st, struct snapshot *snap)
{
	struct proc_row p = {
	    .pid = (int32_t)sqlite3_column_int64(st, 0),
	    .start_time = (uint64_t)sqlite3_column_int64(st, 1),
	    .uid = sqlite3_column_type(st, 2) == SQLITE_NULL
	               ? SNAP_UID_NA
	               : (uint32_t)sqlite3_column_int64(st, 2),
	    .state = ' ',
	    .rss_kb = recsql_col_int(st, 6, SNAP_NA),
	    .anon_kb = recsql_col_int(st, 7, SNAP_NA),
	    .file_kb = recsql_col_int(st, 8, SNAP_NA),
	    .shmem_kb = recsql_col_int(st, 9, SNAP_NA),
	    .swap_kb = recsql_col_int(st, 10, SNAP_NA),
	    .pte_kb = SNAP_NA,
	    .oom_score = recsql_col_int(st, 11, SNAP_NA),
	    .oom_score_adj = recsql_col_int(st, 12, SNAP_NA),
	};

	recsql_col_text(st, 3, p.comm, sizeof p.comm);
	if (p.uid != SNAP_UID_NA)
		snprintf(p.user, sizeof p.user, "%u", p.uid);
	if (recreplay_str(st, 4, snap, &p.cmdline_off, &p.cmdline_len) != 0 ||
	    recreplay_str(st, 5, snap, &p.cgroup_off, &p.cgroup_len) != 0)
		return -1;
	return snapshot_push_proc(snap, &p) == 0 ? 0 : -1;
}

/* Sample i's processes into snap: 0, or -1. */
static int
recreplay_procs(struct recreplay *r, size_t i, struct snapshot *snap)
{
	sqlite3_stmt *st;
	int rc;

	if (recreplay_prep(r, recreplay_rows_sql[r->has_end], &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, r->s[i].time_ms);
	sqlite3_bind_int64(st, 2, r->s[i].time_ms - RECREAD_ALIVE_MS);
	sqlite3_bind_int64(st, 3, r->s[i].boot);
	if (r->has_end)
		sqlite3_bind_int64(st, 4, r->s[i].id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (recreplay_proc(st, snap) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	return recreplay_end(r, st, rc);
}

/* The events' kernel-log lines (see recreplay.h). */
int
recreplay_klog(struct recreplay *r, size_t i, recreplay_line_fn fn, void *arg)
{
	return recreplay_end(
	    r, NULL,
	    recreplay_klog_read(r->db, r->s[i].boot, r->s[i].time_ms, fn, arg));
}

/* Sample i's system values (see recreplay.h). */
int
recreplay_snapshot_sys(struct recreplay *r, size_t i, struct snapshot *snap)
{
	snapshot_reset(snap);
	snap->time_unix_ms = r->s[i].time_ms;
	snap->mono_ms = (uint64_t)r->s[i].time_ms;
	snap->cgroup_mode = SNAP_CGROUP_NONE;
	snap->cgroups_err = ENODATA; /* not recorded */
	return recreplay_system(r, i, snap);
}

/* Sample i as a snapshot (see recreplay.h). */
int
recreplay_snapshot(struct recreplay *r, size_t i, struct snapshot *snap)
{
	struct recreplay_cg_at at = {r->s[i].time_ms, r->s[i].boot};
	int rc;

	if (recreplay_snapshot_sys(r, i, snap) != 0 ||
	    recreplay_procs(r, i, snap) != 0)
		return -1;
	if (!r->has_cg || (rc = recreplay_cg(r->db, at, snap)) == SQLITE_DONE)
		return 0;
	r->st = recread_sqlfail(r->rd, rc);
	return -1;
}

/* The first sample of sample i's boot at or after its time - span_ms. */
static size_t
recreplay_window_first(const struct recreplay *r, size_t i, int64_t span_ms)
{
	size_t a = recreplay_step(r, i, -span_ms);

	if (r->s[a].time_ms < r->s[i].time_ms - span_ms)
		a++; /* the newest at or before: one too early */
	while (a < i && r->s[a].boot != r->s[i].boot)
		a++;
	return a;
}

/* Call fn with each sample of the window (see recreplay.h). */
int
recreplay_window(struct recreplay *r, size_t i, int64_t span_ms,
                 recreplay_snap_fn fn, void *arg)
{
	size_t a = recreplay_window_first(r, i, span_ms);
	struct recreplay_win w;
	struct snapshot snap;
	sqlite3_stmt *st;
	int rc;

	if (a >= i)
		return 0;
	rc = recreplay_win_load(&w, r->db, r->has_end, r->s[i].boot,
	                        r->s[a].time_ms - RECREAD_ALIVE_MS,
	                        r->s[i].time_ms);
	if (rc != SQLITE_DONE) {
		r->st = recread_sqlfail(r->rd, rc);
		return -1;
	}
	if (recreplay_prep(r,
	                   "SELECT " RECREPLAY_SYS_COLS ", id, time_ms FROM "
	                   "samples WHERE boot = ?1 AND time_ms >= ?2 AND "
	                   "time_ms < ?3 ORDER BY time_ms, id",
	                   &st) != 0) {
		recreplay_win_fini(&w);
		return -1;
	}
	sqlite3_bind_int64(st, 1, r->s[i].boot);
	sqlite3_bind_int64(st, 2, r->s[a].time_ms);
	sqlite3_bind_int64(st, 3, r->s[i].time_ms);
	snapshot_init(&snap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snapshot_reset(&snap);
		snap.time_unix_ms = sqlite3_column_int64(st, 24);
		snap.mono_ms = (uint64_t)snap.time_unix_ms;
		snap.cgroup_mode = SNAP_CGROUP_NONE;
		snap.cgroups_err = ENODATA; /* not read here */
		recreplay_sys(st, &snap);
		if (recreplay_win_at(&w, sqlite3_column_int64(st, 23),
		                     snap.time_unix_ms, &snap) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		fn(&snap, arg);
	}
	snapshot_fini(&snap);
	recreplay_win_fini(&w);
	return recreplay_end(r, st, rc);
}
