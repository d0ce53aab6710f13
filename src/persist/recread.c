/*
 * recread.c: read-only queries on the history database (see recread.h
 * and README, "oomwatch --record" for the schema). Each query is
 * prepared when it runs: a newer schema whose v1 tables lost a column
 * read here fails to prepare, which recread_open checks once up front.
 */
#include "persist/recread.h"

#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/minseries.h"
#include "model/snapshot.h"
#include "persist/recdb.h"
#include "persist/recdb_schema.h"
#include "persist/recerr.h"
#include "persist/recro.h"
#include "persist/recsql.h"

/* How long a query waits for a writer's lock (a checkpoint, or a
 * database not in WAL mode being written). */
#define RECREAD_BUSY_MS 2000

struct recread {
	sqlite3 *db;
	bool bb;      /* the black-box tables are there (schema 2) */
	bool has_end; /* procs.end_sample is there (schema 3) */
	char path[4096];
	char err[4352];
	char note[RECRO_NOTE]; /* persist/recro.h's, or "" */
};

/*
 * Each event's time on the wall clock (lt: events.id, t), NULL when it
 * cannot be known: the log's own unix time, or for a time since boot
 * (/dev/kmsg) the boot's start plus it. A boot's start is the tightest
 * bound its record gives (bs: boots.id, start_ms): every process was
 * first recorded (the first sample at or after its first_sample) after
 * it started (start_time clock ticks, ?3 a second, after boot), and
 * every event was stored after it was logged; the recorder records
 * itself within a sample of its start, so the bound is that close. A
 * boot with no process recorded has no start.
 */
#define RECREAD_LOG_TIMES                                                      \
	"WITH bb(boot, b, proc) AS (SELECT p.boot, (SELECT time_ms FROM "      \
	"samples WHERE id >= p.first_sample ORDER BY id LIMIT 1) - "           \
	"p.start_time * 1000 / ?3, 1 FROM procs p UNION ALL SELECT boot, "     \
	"time_ms - log_time_us / 1000, 0 FROM events WHERE log_time_kind = "   \
	"1), bs(boot, start_ms) AS (SELECT boot, min(b) FROM bb WHERE b IS "   \
	"NOT NULL GROUP BY boot HAVING max(proc) = 1), lt(id, t) AS (SELECT "  \
	"e.id, CASE e.log_time_kind WHEN 2 THEN e.log_time_us / 1000 WHEN 1 "  \
	"THEN bs.start_ms + e.log_time_us / 1000 END FROM events e LEFT JOIN " \
	"bs ON bs.boot = e.boot) "

/* The queries, in the order recread_open checks they prepare. */
enum {
	Q_KILLS,
	Q_BEFORE,
	Q_STALLS,
	Q_COUNT_SAMPLES,
	Q_TOP,
	Q_SERIES,
	Q_MINUTES,
	Q_BOOT,
	Q_N,
	/* optional: the black box (schema 2) */
	Q_BB = Q_N,
	Q_BB_TOP,
	Q_ALL,
	/* optional: the processes' ends (schema 3) */
	Q_TOP_END = Q_ALL,
	Q_ENDS
};

/* The top processes by RSS at sample ?1: each one's latest row of the
 * RECREAD_ALIVE_MS (?2) up to it, and the condition more (on p). */
#define RECREAD_TOP(more)                                                      \
	"SELECT id, pid, comm, rss, swap FROM (SELECT p.id AS id, p.pid AS "   \
	"pid, p.comm AS comm, r.rss_kb AS rss, r.swap_kb AS swap, "            \
	"max(r.sample_id) FROM proc_rows r JOIN procs p ON p.id = r.proc_id "  \
	"WHERE r.sample_id <= ?1 AND r.sample_id >= (SELECT "                  \
	"coalesce(min(id), "                                                   \
	"?1) FROM samples WHERE id <= ?1 AND time_ms >= (SELECT time_ms FROM " \
	"samples WHERE id = ?1) - ?2)" more " GROUP BY r.proc_id) WHERE rss "  \
	"IS NOT NULL ORDER BY rss DESC, pid LIMIT ?3"
static const char *const recread_sql[Q_ENDS] = {
    [Q_KILLS] = RECREAD_LOG_TIMES
    "SELECT e.time_ms, e.log_time_kind, e.log_time_us, coalesce(e.sample_id, "
    "-1), e.boot, e.id, json_extract(e.json, '$.pid'), json_extract(e.json, "
    "'$.comm'), json_extract(e.json, '$.anon_rss_kb') + "
    "coalesce(json_extract(e.json, '$.file_rss_kb'), 0) + "
    "coalesce(json_extract(e.json, '$.shmem_rss_kb'), 0), "
    "json_extract(e.json, '$.constraint'), json_extract(e.json, '$.memcg'), "
    "lt.t FROM events e JOIN lt ON lt.id = e.id WHERE e.kind = 'oom_kill' "
    "AND coalesce(lt.t, e.time_ms) BETWEEN ?1 AND ?2 ORDER BY "
    "coalesce(lt.t, e.time_ms), e.id",
    [Q_BEFORE] = "SELECT id, time_ms FROM samples WHERE boot = ?1 AND id < "
                 "?2 AND time_ms <= ?3 ORDER BY id DESC LIMIT 1",
    [Q_STALLS] = RECREAD_LOG_TIMES
    "SELECT e.time_ms, e.kind, json_extract(e.json, '$.pid'), "
    "json_extract(e.json, '$.cpu'), json_extract(e.json, '$.seconds'), "
    "json_extract(e.json, '$.comm'), e.log_time_kind, e.log_time_us, lt.t "
    "FROM events e JOIN lt ON lt.id = e.id WHERE e.kind IN ('hung_task', "
    "'soft_lockup', 'hard_lockup') AND coalesce(lt.t, e.time_ms) BETWEEN ?1 "
    "AND ?2 ORDER BY coalesce(lt.t, e.time_ms), e.id",
    [Q_COUNT_SAMPLES] =
        "SELECT count(*) FROM samples WHERE time_ms BETWEEN ?1 AND ?2",
    [Q_TOP] = RECREAD_TOP(""),
    [Q_SERIES] = "SELECT r.proc_id, p.pid, p.comm, s.time_ms, r.rss_kb, "
                 "r.swap_kb, p.boot FROM proc_rows r JOIN samples s ON s.id "
                 "= r.sample_id JOIN procs p ON p.id = r.proc_id WHERE "
                 "s.time_ms BETWEEN ?1 AND ?2 ORDER BY r.proc_id, "
                 "s.time_ms, r.sample_id",
    [Q_MINUTES] = "SELECT max(time_ms), boot FROM samples WHERE time_ms "
                  "BETWEEN ?1 AND ?2 GROUP BY time_ms / 60000, boot ORDER "
                  "BY 1, 2",
    [Q_BOOT] = "SELECT min(s.time_ms) FROM samples s JOIN boots b ON b.id = "
               "s.boot WHERE b.boot_id = ?1",
    [Q_BB] = "SELECT id, time_ms FROM blackbox WHERE event_id = ?1",
    [Q_TOP_END] = RECREAD_TOP(" AND " RECDB_NOT_ENDED("p", "?1")),
    [Q_BB_TOP] = "SELECT -1, pid, comm, rss_kb, swap_kb FROM bb_procs WHERE "
                 "bb_id = ?1 AND rss_kb IS NOT NULL ORDER BY rss_kb DESC, "
                 "pid LIMIT ?2",
};

/* Put a one-line message into r->err. */
static void
recread_say(struct recread *r, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, sizeof r->err, "%s: ", r->path);

	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Map an SQLite failure to a status, with persist/recerr.h's message. */
static enum recread_status
recread_fail(struct recread *r, int rc)
{
	switch (recerr_say(r->db, rc, r->path, NULL, RECREAD_BUSY_MS, r->err,
	                   sizeof r->err)) {
	case RECERR_DIR:
	case RECERR_CORRUPT:
		return RECREAD_NOTDB;
	case RECERR_LOCKED:
		return RECREAD_LOCKED;
	default:
		return RECREAD_ERROR;
	}
}

/* Prepare query q into *s: SQLITE_OK or the failure (said in r->err). */
static int
recread_prep(struct recread *r, int q, sqlite3_stmt **s)
{
	int rc = sqlite3_prepare_v2(r->db, recread_sql[q], -1, s, NULL);

	if (rc != SQLITE_OK)
		recread_fail(r, rc);
	return rc;
}

/* Whether the schema (version v) has every query's tables: RECREAD_OK or
 * why not, with a message. */
static enum recread_status
recread_check(struct recread *r, int64_t v)
{
	sqlite3_stmt *s;
	int rc;

	if (v < 1) {
		recread_say(r, RECERR_FOREIGN);
		return RECREAD_NOTDB;
	}
	for (int q = 0; q < Q_N; q++) {
		if ((rc = sqlite3_prepare_v2(r->db, recread_sql[q], -1, &s,
		                             NULL)) != SQLITE_OK) {
			if ((rc & 0xff) != SQLITE_ERROR)
				return recread_fail(r, rc);
			recread_say(
			    r,
			    v > RECDB_VERSION
			        ? "schema version %" PRId64 " changed "
			          "tables this oomwatch reads; upgrade "
			          "oomwatch"
			        : "schema version %" PRId64 " without the "
			          "history tables; not a history database",
			    v);
			return v > RECDB_VERSION ? RECREAD_NEWER
			                         : RECREAD_NOTDB;
		}
		sqlite3_finalize(s);
	}
	r->has_end = recdb_schema_has_end(r->db);
	r->bb = true;
	for (int q = Q_N; q < Q_ALL; q++) {
		if (sqlite3_prepare_v2(r->db, recread_sql[q], -1, &s, NULL) !=
		    SQLITE_OK)
			r->bb = false;
		sqlite3_finalize(s);
	}
	return RECREAD_OK;
}

/* Open read-only (see recread.h). */
struct recread *
recread_open(const char *path, enum recread_status *st, char *err, size_t errsz)
{
	struct recread *r = calloc(1, sizeof *r);
	struct stat sb;
	int64_t v = -1;
	int rc;

	if (r == NULL) {
		snprintf(err, errsz, "%s: out of memory", path);
		*st = RECREAD_ERROR;
		return NULL;
	}
	snprintf(r->path, sizeof r->path, "%s", path);
	if (stat(path, &sb) != 0) {
		*st = errno == ENOENT ? RECREAD_MISSING : RECREAD_ERROR;
		recread_say(r, "%s",
		            errno == ENOENT
		                ? "no history database here (start "
		                  "`oomwatch --record`, or use --db)"
		                : strerror(errno));
	} else if ((rc = recro_open(path, RECREAD_BUSY_MS, &r->db, &v, r->note,
	                            sizeof r->note)) != SQLITE_OK) {
		*st = recread_fail(r, rc);
	} else {
		*st = recread_check(r, v);
	}
	if (*st == RECREAD_OK)
		return r;
	snprintf(err, errsz, "%s", r->err);
	recread_close(r);
	return NULL;
}

/* Close (see recread.h). */
void
recread_close(struct recread *r)
{
	if (r == NULL)
		return;
	sqlite3_close(r->db);
	free(r);
}

/* What the open noted (see recread.h). */
const char *
recread_note(const struct recread *r)
{
	return r->note;
}

/* The last failure's message. */
const char *
recread_error(const struct recread *r)
{
	return r->err;
}

/* The connection (see recread.h). */
sqlite3 *
recread_db(struct recread *r)
{
	return r->db;
}

/* Say an SQLite failure (see recread.h). */
enum recread_status
recread_sqlfail(struct recread *r, int rc)
{
	return recread_fail(r, rc);
}

/* End a query: finalize s; 0 when rc is SQLITE_DONE, else -1 with the
 * message. */
static int
recread_done(struct recread *r, sqlite3_stmt *s, int rc)
{
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	recread_fail(r, rc);
	return -1;
}

/* Room for one more element of size sz in *arr (*n used of *cap): a
 * pointer to it, *n counting it, or NULL when memory runs out. */
static void *
recread_next(void **arr, size_t *cap, size_t *n, size_t sz)
{
	void *p;

	if (*n == *cap) {
		p = realloc(*arr, (*cap ? *cap * 2 : 16) * sz);
		if (p == NULL)
			return NULL;
		*arr = p;
		*cap = *cap ? *cap * 2 : 16;
	}
	return (char *)*arr + (*n)++ * sz;
}

/* Prepare query q with the window [from_ms, to_ms] bound to ?1 and ?2:
 * SQLITE_OK or the failure (said in r->err). */
static int
recread_window(struct recread *r, int q, int64_t from_ms, int64_t to_ms,
               sqlite3_stmt **s)
{
	int rc = recread_prep(r, q, s);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(*s, 1, from_ms);
		sqlite3_bind_int64(*s, 2, to_ms);
	}
	return rc;
}

/* Prepare an events query q (RECREAD_LOG_TIMES) with the window [from_ms,
 * to_ms] by the events' wall times and the clock tick bound: SQLITE_OK or
 * the failure (said in r->err). */
static int
recread_events(struct recread *r, int q, int64_t from_ms, int64_t to_ms,
               sqlite3_stmt **s)
{
	long hz = sysconf(_SC_CLK_TCK);
	int rc = recread_window(r, q, from_ms, to_ms, s);

	if (rc == SQLITE_OK)
		sqlite3_bind_int64(*s, 3, hz > 0 ? hz : 100);
	return rc;
}

/* An event's time from columns i (log_time_kind), i + 1 (log_time_us)
 * and t (its wall time, or NULL) into *time_ms (left as stored when t is
 * NULL), *log_time and *boot_us (-1 unless the log's time is since
 * boot). */
static void
recread_log_time(sqlite3_stmt *s, int i, int t, int64_t *time_ms, int *log_time,
                 int64_t *boot_us)
{
	*boot_us =
	    sqlite3_column_int(s, i) == 1 ? sqlite3_column_int64(s, i + 1) : -1;
	*log_time = sqlite3_column_type(s, t) != SQLITE_NULL;
	if (*log_time)
		*time_ms = sqlite3_column_int64(s, t);
}

/* The first sample of a boot (see recread.h). */
int
recread_boot_start(struct recread *r, const char *boot_id, int64_t *ms)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	if (recread_prep(r, Q_BOOT, &s) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, boot_id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		found = sqlite3_column_type(s, 0) != SQLITE_NULL;
		*ms = sqlite3_column_int64(s, 0);
		rc = SQLITE_DONE;
	}
	if (recread_done(r, s, rc) < 0)
		return -1;
	return found ? 0 : 1;
}

/* The last sample before kill k (of boot boot, arrived with sample
 * arrived or -1) into k->before_id / before_ms: SQLite's code. */
static int
recread_before(struct recread *r, sqlite3_stmt *s, int64_t boot,
               int64_t arrived, struct recread_kill *k)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, boot);
	sqlite3_bind_int64(s, 2, arrived >= 0 ? arrived : INT64_MAX);
	sqlite3_bind_int64(s, 3,
	                   k->log_time || arrived < 0 ? k->time_ms : INT64_MAX);
	k->before_id = -1;
	k->before_ms = 0;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k->before_id = sqlite3_column_int64(s, 0);
		k->before_ms = sqlite3_column_int64(s, 1);
		rc = SQLITE_DONE;
	}
	return rc;
}

/* Kill k's black box (statement Q_BB) into k->bb_id and before_ms:
 * SQLite's code. */
static int
recread_bb(sqlite3_stmt *s, struct recread_kill *k)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, k->event_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k->bb_id = sqlite3_column_int64(s, 0);
		k->before_ms = sqlite3_column_int64(s, 1);
		rc = SQLITE_DONE;
	}
	return rc;
}

/* One kill from a Q_KILLS row. */
static void
recread_kill_row(sqlite3_stmt *s, struct recread_kill *k, int64_t *arrived,
                 int64_t *boot)
{
	memset(k, 0, sizeof *k);
	k->time_ms = sqlite3_column_int64(s, 0);
	recread_log_time(s, 1, 11, &k->time_ms, &k->log_time, &k->boot_us);
	*arrived = sqlite3_column_int64(s, 3);
	*boot = sqlite3_column_int64(s, 4);
	k->event_id = sqlite3_column_int64(s, 5);
	k->bb_id = -1;
	k->pid = recsql_col_int(s, 6, -1);
	recsql_col_text(s, 7, k->comm, sizeof k->comm);
	k->rss_kb = recsql_col_int(s, 8, -1);
	recsql_col_text(s, 9, k->constraint, sizeof k->constraint);
	recsql_col_text(s, 10, k->memcg, sizeof k->memcg);
}

/* The kills (see recread.h). */
int
recread_kills(struct recread *r, int64_t from_ms, int64_t to_ms,
              struct recread_kill **out, size_t *n)
{
	sqlite3_stmt *s, *b = NULL, *bb = NULL;
	struct recread_kill *k;
	size_t cap = 0;
	int64_t arrived, boot;
	int rc;

	*out = NULL;
	*n = 0;
	if (recread_events(r, Q_KILLS, from_ms, to_ms, &s) != SQLITE_OK)
		return -1;
	if (recread_prep(r, Q_BEFORE, &b) != SQLITE_OK ||
	    (r->bb && recread_prep(r, Q_BB, &bb) != SQLITE_OK)) {
		sqlite3_finalize(b);
		sqlite3_finalize(s);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k = recread_next((void **)out, &cap, n, sizeof **out);
		if (k == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		recread_kill_row(s, k, &arrived, &boot);
		if ((rc = recread_before(r, b, boot, arrived, k)) !=
		        SQLITE_DONE ||
		    (bb && (rc = recread_bb(bb, k)) != SQLITE_DONE))
			break;
	}
	sqlite3_finalize(bb);
	sqlite3_finalize(b);
	return recread_done(r, s, rc);
}

/* The hung tasks and lockups (see recread.h). */
int
recread_stalls(struct recread *r, int64_t from_ms, int64_t to_ms,
               struct recread_stall **out, size_t *n)
{
	sqlite3_stmt *s;
	struct recread_stall *e;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (recread_events(r, Q_STALLS, from_ms, to_ms, &s) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = recread_next((void **)out, &cap, n, sizeof **out);
		if (e == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		e->time_ms = sqlite3_column_int64(s, 0);
		recsql_col_text(s, 1, e->kind, sizeof e->kind);
		e->pid = recsql_col_int(s, 2, -1);
		e->cpu = recsql_col_int(s, 3, -1);
		e->seconds = recsql_col_int(s, 4, -1);
		recsql_col_text(s, 5, e->comm, sizeof e->comm);
		recread_log_time(s, 6, 8, &e->time_ms, &e->log_time,
		                 &e->boot_us);
	}
	return recread_done(r, s, rc);
}

/* The sample where expr (over samples' columns) is highest (desc) or
 * lowest: its value and time into *v / *t (both 0 when none); SQLite's
 * code. */
static int
recread_extreme(struct recread *r, const char *expr, int desc, int64_t from_ms,
                int64_t to_ms, int64_t *v, int64_t *t)
{
	char sql[512];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof sql,
	         "SELECT %s AS v, time_ms FROM samples WHERE time_ms BETWEEN "
	         "?1 AND ?2 AND v IS NOT NULL ORDER BY v %s, time_ms LIMIT 1",
	         expr, desc ? "DESC" : "ASC");
	*v = *t = 0;
	if ((rc = sqlite3_prepare_v2(r->db, sql, -1, &s, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(s, 1, from_ms);
	sqlite3_bind_int64(s, 2, to_ms);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		*t = sqlite3_column_int64(s, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return rc;
}

/* The peaks (see recread.h). */
int
recread_peaks(struct recread *r, int64_t from_ms, int64_t to_ms,
              struct recread_peaks *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if (recread_window(r, Q_COUNT_SAMPLES, from_ms, to_ms, &s) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->samples = sqlite3_column_int64(s, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		rc = recread_extreme(r, "mem_total_kb - mem_available_kb", 1,
		                     from_ms, to_ms, &out->used_kb,
		                     &out->used_ms);
	if (rc == SQLITE_DONE)
		rc = recread_extreme(r, "swap_total_kb - swap_free_kb", 1,
		                     from_ms, to_ms, &out->swap_kb,
		                     &out->swap_ms);
	if (rc == SQLITE_DONE)
		rc = recread_extreme(r, "swap_total_kb", 1, from_ms, to_ms,
		                     &out->swap_total_kb, &out->swap_total_ms);
	if (rc == SQLITE_DONE)
		rc = recread_extreme(r, "mem_available_kb", 0, from_ms, to_ms,
		                     &out->avail_kb, &out->avail_ms);
	if (rc == SQLITE_DONE)
		return 0;
	recread_fail(r, rc);
	return -1;
}

/* One process from columns id, pid, comm, rss, swap starting at i. */
static void
recread_proc_row(sqlite3_stmt *s, int i, struct recread_proc *p)
{
	p->proc_id = sqlite3_column_int64(s, i);
	p->pid = (int32_t)sqlite3_column_int64(s, i + 1);
	recsql_col_text(s, i + 2, p->comm, sizeof p->comm);
	p->rss_kb = recsql_col_int(s, i + 3, SNAP_NA);
	p->swap_kb = recsql_col_int(s, i + 4, SNAP_NA);
}

/* Run a top query q (id bound to ?1, max to ?limit) into out. */
static int
recread_top_query(struct recread *r, int q, int64_t id, int limit, size_t max,
                  struct recread_proc *out, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	if (recread_prep(r, q, &s) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, limit, (int64_t)max);
	if (q == Q_TOP || q == Q_TOP_END)
		sqlite3_bind_int64(s, 2, RECREAD_ALIVE_MS);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		recread_proc_row(s, 0, &out[(*n)++]);
	return recread_done(r, s, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/* The top processes at a sample (see recread.h). */
int
recread_top(struct recread *r, int64_t sample_id, size_t max,
            struct recread_proc *out, size_t *n)
{
	/* a process that ended at or before the sample is gone (schema 3) */
	return recread_top_query(r, r->has_end ? Q_TOP_END : Q_TOP, sample_id,
	                         3, max, out, n);
}

/* The top processes before a kill (see recread.h). */
int
recread_kill_top(struct recread *r, const struct recread_kill *k, size_t max,
                 struct recread_proc *out, size_t *n)
{
	*n = 0;
	if (k->bb_id >= 0)
		return recread_top_query(r, Q_BB_TOP, k->bb_id, 2, max, out, n);
	if (k->before_id < 0)
		return 0;
	return recread_top(r, k->before_id, max, out, n);
}

/* The record's minutes in [from_ms, to_ms] into a new array (*m, *nm):
 * SQLite's code (SQLITE_DONE when done). */
static int
recread_minutes(struct recread *r, int64_t from_ms, int64_t to_ms,
                struct minseries_minute **m, size_t *nm)
{
	sqlite3_stmt *s;
	struct minseries_minute *e;
	size_t cap = 0;
	int rc;

	*m = NULL;
	*nm = 0;
	if ((rc = recread_window(r, Q_MINUTES, from_ms, to_ms, &s)) !=
	    SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((e = recread_next((void **)m, &cap, nm, sizeof *e)) ==
		    NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		e->time_ms = sqlite3_column_int64(s, 0);
		e->boot = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc;
}

/* The series being gathered: the minutes, one process's rows, the
 * points made of them. */
struct recread_ser {
	struct minseries_minute *m;
	size_t nm;
	struct minseries_row *rows;
	size_t nrows, cap;
	struct hist_point *pts;
	struct recread_proc p;
	int64_t boot;
};

/* Hand the gathered process's minute series to fn, and start afresh. */
static void
recread_ser_flush(struct recread_ser *g, recread_series_fn fn, void *arg)
{
	size_t n;

	if (g->nrows == 0)
		return;
	n = minseries_build(g->m, g->nm, g->boot, g->rows, g->nrows,
	                    RECREAD_ALIVE_MS, g->pts, g->nm);
	if (n > 0)
		fn(&g->p, g->pts, n, arg);
	g->nrows = 0;
}

/* Every process's minute series (see recread.h). */
int
recread_series(struct recread *r, int64_t from_ms, int64_t to_ms,
               recread_series_fn fn, void *arg)
{
	struct recread_ser g = {.p = {.proc_id = -1}};
	struct minseries_row *row;
	struct recread_proc cur;
	sqlite3_stmt *s = NULL;
	int rc = recread_minutes(r, from_ms, to_ms, &g.m, &g.nm);

	if (rc == SQLITE_DONE && g.nm > 0 &&
	    (g.pts = calloc(g.nm, sizeof *g.pts)) == NULL)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_DONE && g.nm > 0)
		rc = recread_window(r, Q_SERIES, from_ms - RECREAD_ALIVE_MS,
		                    to_ms, &s);
	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		recread_proc_row(s, 0, &cur);
		cur.rss_kb = recsql_col_int(s, 4, SNAP_NA);
		cur.swap_kb = recsql_col_int(s, 5, SNAP_NA);
		if (cur.proc_id != g.p.proc_id)
			recread_ser_flush(&g, fn, arg);
		row = recread_next((void **)&g.rows, &g.cap, &g.nrows,
		                   sizeof *row);
		if (row == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		g.p = cur;
		g.boot = sqlite3_column_int64(s, 6);
		row->time_ms = sqlite3_column_int64(s, 3);
		row->value = cur.rss_kb;
	}
	if (rc == SQLITE_DONE)
		recread_ser_flush(&g, fn, arg);
	free(g.m);
	free(g.rows);
	free(g.pts);
	return recread_done(r, s, rc);
}
