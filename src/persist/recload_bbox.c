/*
 * recload_bbox.c: the boot's recorded events and black boxes (see
 * recload_bbox.h). One query for the events (with their box's header),
 * then three small ones per box, each bounded by LIMIT.
 */
#include "persist/recload_bbox.h"

#include "persist/recsql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cgmem.h"
#include "model/snapshot.h"

/* The queries (Q_EVENTS_V1: a database without black boxes). */
enum { Q_EVENTS, Q_TOP, Q_GREW, Q_VICTIM, Q_MEMCG, Q_N, Q_EVENTS_V1 = Q_N };
static const char *const recload_bbox_sql[Q_N + 1] = {
    [Q_EVENTS] =
        "SELECT e.id, e.time_ms, e.kind, e.log_time_kind, e.log_time_us, "
        "e.seq, e.pid, e.json, b.id, b.time_ms, b.mem_available_kb, "
        "b.swap_total_kb, b.swap_free_kb, (SELECT count(*) FROM samples s "
        "WHERE s.boot = e.boot AND s.time_ms < e.time_ms AND s.time_ms >= "
        "e.time_ms - 600000) >= 2 FROM events e LEFT JOIN blackbox "
        "b ON b.event_id = e.id WHERE e.boot = ?1 AND e.time_ms <= ?3 AND "
        "(b.id IS NOT NULL OR "
        "e.kind = 'oom_kill') ORDER BY e.time_ms DESC, e.id DESC LIMIT ?2",
    [Q_TOP] = "SELECT pid, comm, rss_kb, swap_kb FROM bb_procs WHERE bb_id = "
              "?1 AND rss_kb IS NOT NULL ORDER BY rss_kb DESC, pid LIMIT ?2",
    [Q_GREW] = "SELECT pid, comm, rss_before_kb, rss_kb FROM bb_grew WHERE "
               "bb_id = ?1 ORDER BY rank LIMIT ?2",
    [Q_VICTIM] = "SELECT time_ms, rss_kb FROM (SELECT time_ms, rss_kb FROM "
                 "bb_victim_rss WHERE bb_id = ?1 ORDER BY time_ms DESC LIMIT "
                 "?2) ORDER BY time_ms",
    [Q_MEMCG] = "SELECT usage_bytes, limit_bytes FROM bb_cgroups WHERE "
                "bb_id = ?1 AND path = ?2",
    [Q_EVENTS_V1] =
        "SELECT e.id, e.time_ms, e.kind, e.log_time_kind, e.log_time_us, "
        "e.seq, e.pid, e.json, NULL, NULL, NULL, NULL, NULL, 0 FROM events e "
        "WHERE e.boot = ?1 AND e.time_ms <= ?3 AND e.kind = 'oom_kill' "
        "ORDER BY e.time_ms DESC, "
        "e.id DESC LIMIT ?2",
};

/* An integer column, or SNAP_NA when NULL. */
static int64_t
recload_bbox_int(sqlite3_stmt *st, int c)
{
	if (sqlite3_column_type(st, c) == SQLITE_NULL)
		return SNAP_NA;
	return sqlite3_column_int64(st, c);
}

/* A text column into buf (NUL terminated, cut to fit; "" when NULL). */
static void
recload_bbox_text(sqlite3_stmt *st, int c, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, c);

	snprintf(buf, size, "%s", t != NULL ? (const char *)t : "");
}

/* Bind box id and limit to st and rewind it. */
static void
recload_bbox_bind(sqlite3_stmt *st, int64_t id, int limit)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, limit);
}

/* The box's processes by RSS, growers and victim series; SQLite rc. */
static int
recload_bbox_rows(sqlite3_stmt *const *q, int64_t id, struct recbox *b)
{
	int rc = SQLITE_DONE;

	recload_bbox_bind(q[Q_TOP], id, RECBOX_TOP);
	while (b->ntop < RECBOX_TOP &&
	       (rc = sqlite3_step(q[Q_TOP])) == SQLITE_ROW) {
		struct recbox_proc *p = &b->top[b->ntop++];

		p->pid = (int32_t)sqlite3_column_int64(q[Q_TOP], 0);
		recload_bbox_text(q[Q_TOP], 1, p->comm, sizeof p->comm);
		p->rss_kb = recload_bbox_int(q[Q_TOP], 2);
		p->swap_kb = recload_bbox_int(q[Q_TOP], 3);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	recload_bbox_bind(q[Q_GREW], id, RECBOX_GREW);
	while (b->ngrew < RECBOX_GREW &&
	       (rc = sqlite3_step(q[Q_GREW])) == SQLITE_ROW) {
		struct recbox_grew *g = &b->grew[b->ngrew++];

		g->pid = (int32_t)sqlite3_column_int64(q[Q_GREW], 0);
		recload_bbox_text(q[Q_GREW], 1, g->comm, sizeof g->comm);
		g->before_kb = recload_bbox_int(q[Q_GREW], 2);
		g->rss_kb = recload_bbox_int(q[Q_GREW], 3);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	recload_bbox_bind(q[Q_VICTIM], id, RECBOX_VICTIM_MAX);
	while (b->nvictim < RECBOX_VICTIM_MAX &&
	       (rc = sqlite3_step(q[Q_VICTIM])) == SQLITE_ROW)
		b->victim[b->nvictim++] =
		    (struct recbox_point){sqlite3_column_int64(q[Q_VICTIM], 0),
		                          recload_bbox_int(q[Q_VICTIM], 1)};
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* kB of a byte count column: SNAP_NA when NULL, CGMEM_UNLIMITED kept. */
static int64_t
recload_bbox_kb(sqlite3_stmt *st, int c)
{
	int64_t v = recload_bbox_int(st, c);

	return v == SNAP_NA || v == CGMEM_UNLIMITED ? v : v / 1024;
}

/* A memcg OOM kill's memcg at box id, from its cgroup rows, into b (left
 * SNAP_NA when the box has no row of it); SQLite rc. */
static int
recload_bbox_memcg(sqlite3_stmt *q, int64_t id, struct recbox *b)
{
	const struct kevent_oom *o = &b->ev.oom;
	int rc;

	if (b->ev.kind != KEVENT_OOM_KILL ||
	    o->constraint != OOM_CONSTRAINT_MEMCG || !o->memcg.set)
		return SQLITE_OK;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, o->memcg.s, (int)o->memcg.len, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		b->has_memcg = true;
		b->memcg_usage_kb = recload_bbox_kb(q, 0);
		b->memcg_limit_kb = recload_bbox_kb(q, 1);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One event row ev into b, with its box when it has one (q[Q_TOP] and
 * on are then prepared): 0, -1 for an unknown kind (left out), or a
 * SQLite failure. */
static int
recload_bbox_event(sqlite3_stmt *const *q, sqlite3_stmt *ev, struct recbox *b)
{
	const char *json = (const char *)sqlite3_column_text(ev, 7);
	int64_t total = recload_bbox_int(ev, 11), free_kb;
	int rc;

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(ev, 0);
	b->time_ms = sqlite3_column_int64(ev, 1);
	if (!recbox_event(
	        &b->ev, (const char *)sqlite3_column_text(ev, 2),
	        sqlite3_column_int(ev, 3), sqlite3_column_int64(ev, 4),
	        sqlite3_column_int64(ev, 5), sqlite3_column_int64(ev, 6), json,
	        json ? (size_t)sqlite3_column_bytes(ev, 7) : 0))
		return -1; /* a kind this program does not know: left out */
	b->avail_kb = b->swap_used_kb = SNAP_NA;
	b->sampled_before = sqlite3_column_int(ev, 13) != 0;
	if (sqlite3_column_type(ev, 8) == SQLITE_NULL)
		return 0;
	b->has_box = true;
	b->box_ms = sqlite3_column_int64(ev, 9);
	b->avail_kb = recload_bbox_int(ev, 10);
	free_kb = recload_bbox_int(ev, 12);
	if (total != SNAP_NA && free_kb != SNAP_NA)
		b->swap_used_kb = total - free_kb;
	b->no_swap = total == 0;
	rc = recload_bbox_rows(q, sqlite3_column_int64(ev, 8), b);
	return rc == SQLITE_OK ? recload_bbox_memcg(
	                             q[Q_MEMCG], sqlite3_column_int64(ev, 8), b)
	                       : rc;
}

/* Prepare the queries (the v1 events query when the black-box tables are
 * not there); SQLite rc. */
static int
recload_bbox_prepare(sqlite3 *db, sqlite3_stmt **q)
{
	int rc = SQLITE_OK;

	for (int i = 0; i < Q_N && rc == SQLITE_OK; i++)
		rc = sqlite3_prepare_v2(db, recload_bbox_sql[i], -1, &q[i],
		                        NULL);
	if ((rc & 0xff) == SQLITE_ERROR) { /* no such table: schema v1 */
		for (int i = 0; i < Q_N; i++) {
			sqlite3_finalize(q[i]);
			q[i] = NULL;
		}
		rc = sqlite3_prepare_v2(db, recload_bbox_sql[Q_EVENTS_V1], -1,
		                        &q[Q_EVENTS], NULL);
	}
	return rc;
}

/* Read the boot's events and boxes (see the header). */
int
recload_bbox_read(sqlite3 *db, int64_t boot, int64_t until_ms, atomic_int *stop,
                  struct recbox **out, size_t *n)
{
	sqlite3_stmt *q[Q_N] = {NULL};
	struct recbox *b = NULL;
	int rc = recload_bbox_prepare(db, q), r;

	*out = NULL;
	*n = 0;
	if (rc == SQLITE_OK && (b = calloc(RECBOX_MAX, sizeof *b)) == NULL)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q[Q_EVENTS], 1, boot);
		sqlite3_bind_int(q[Q_EVENTS], 2, RECBOX_MAX);
		sqlite3_bind_int64(q[Q_EVENTS], 3, until_ms);
	}
	while (rc == SQLITE_OK && *n < RECBOX_MAX) {
		if (stop != NULL && atomic_load(stop)) {
			rc = SQLITE_INTERRUPT;
			break;
		}
		r = sqlite3_step(q[Q_EVENTS]);
		if (r != SQLITE_ROW) {
			rc = r == SQLITE_DONE ? SQLITE_OK : r;
			break;
		}
		r = recload_bbox_event(q, q[Q_EVENTS], &b[*n]);
		if (r > 0)
			rc = r;
		else if (r == 0)
			(*n)++;
	}
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(q[i]);
	if (rc != SQLITE_OK || *n == 0) {
		free(b);
		b = NULL;
		*n = 0;
	}
	*out = b;
	return rc;
}
