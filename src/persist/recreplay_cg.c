/*
 * recreplay_cg.c: a replayed sample's memory cgroups (see
 * recreplay_cg.h). Two queries: each cgroup's latest row up to the sample
 * (less the ones recorded gone since it, schema 4), and each one's first
 * row of the since-start span; the rest is the live
 * collector's model code (model/snapcg.h, model/cgmem.h) on those rows.
 */
#include "persist/recreplay_cg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/snapcg.h"
#include "persist/recdb_schema.h"
#include "persist/recreplay.h"
#include "persist/recsql.h"

/* Every cgroup of boot ?3 with a row in the samples of [?2, ?1] (unix
 * ms), at its latest row (SQLite's bare columns take the row of the
 * max(time_ms), last_ms). */
#define RECREPLAY_CG_LATEST                                                    \
	"SELECT c.id AS id, c.path AS path, r.usage_bytes, r.limit_bytes, "    \
	"r.high_bytes, r.swap_bytes, r.oom, r.oom_kill, r.psi_some_avg10, "    \
	"max(s.time_ms) AS last_ms FROM samples s JOIN cgroup_rows r ON "      \
	"r.sample_id = s.id JOIN cgroups c ON c.id = r.cgroup_id WHERE "       \
	"s.time_ms <= ?1 AND s.time_ms >= ?2 AND s.boot = ?3 GROUP BY "        \
	"r.cgroup_id"
/* Parents before children: by depth ("/" 0, "/a" 1, "/a/b" 2), then by
 * path. */
#define RECREPLAY_CG_ORDER                                                     \
	" ORDER BY CASE path WHEN '/' THEN 0 ELSE length(path) - "             \
	"length(replace(path, '/', '')) END, path"

/* The cgroups of a sample in a file with no recorded ends (schema 3 or
 * older): every one with a row in the span. */
static const char recreplay_cg_sql[] = RECREPLAY_CG_LATEST RECREPLAY_CG_ORDER;

/* The same, less the cgroups the recorder saw leave (schema 4's
 * cgroup_ends) after their latest row and at or before the sample. */
static const char recreplay_cg_ends_sql[] =
    "SELECT * FROM (" RECREPLAY_CG_LATEST ") g WHERE NOT EXISTS (SELECT 1 "
    "FROM cgroup_ends e JOIN samples es ON es.id = e.sample_id WHERE "
    "e.cgroup_id = g.id AND es.time_ms <= ?1 AND es.time_ms > "
    "g.last_ms)" RECREPLAY_CG_ORDER;

/* Cgroup ?4's first row of boot ?3 in the samples of [?2, ?1]: its
 * since-start baseline (the samples' time index, then the rows' key, up
 * to the first hit: a cgroup has a row at least every 10 minutes). */
static const char recreplay_cg_first_sql[] =
    "SELECT r.oom, r.oom_kill FROM samples s JOIN cgroup_rows r ON "
    "r.sample_id = s.id WHERE s.time_ms <= ?1 AND s.time_ms >= ?2 AND "
    "s.boot = ?3 AND r.cgroup_id = ?4 ORDER BY s.time_ms LIMIT 1";

/* Whether db has the cgroup tables (see recreplay_cg.h). */
bool
recreplay_cg_recorded(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db, "SELECT sample_id FROM cgroup_rows LIMIT 0", -1, &st, NULL);

	sqlite3_finalize(st);
	return rc == SQLITE_OK;
}

/* Prepare sql with the sample's span bound: ?1 its time, ?2 span_ms
 * before, ?3 its boot. SQLite's code. */
static int
recreplay_cg_prep(sqlite3 *db, const char *sql, struct recreplay_cg_at at,
                  int64_t span_ms, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(*st, 1, at.time_ms);
	sqlite3_bind_int64(*st, 2, at.time_ms - span_ms);
	sqlite3_bind_int64(*st, 3, at.boot);
	return SQLITE_OK;
}

/* Column c into *v, and file f's err: 0 when recorded, else ENODATA. */
static void
recreplay_cg_val(sqlite3_stmt *st, int c, int64_t *v, struct cgmem *m,
                 enum cgmem_file f)
{
	*v = recsql_col_int(st, c, SNAP_NA);
	m->err[f] = *v == SNAP_NA ? ENODATA : 0;
}

/* The recorded numbers of a recreplay_cg_sql row into m (the rest stays
 * as cgmem_init left it: SNAP_NA, err ENODATA). */
static void
recreplay_cg_mem(sqlite3_stmt *st, struct cgmem *m)
{
	recreplay_cg_val(st, 2, &m->current_bytes, m, CGMEM_F_CURRENT);
	recreplay_cg_val(st, 3, &m->max_bytes, m, CGMEM_F_MAX);
	recreplay_cg_val(st, 4, &m->high_bytes, m, CGMEM_F_HIGH);
	recreplay_cg_val(st, 5, &m->swap_bytes, m, CGMEM_F_SWAP_CURRENT);
	recreplay_cg_val(st, 6, &m->events.oom, m, CGMEM_F_EVENTS);
	recreplay_cg_val(st, 7, &m->events.oom_kill, m, CGMEM_F_EVENTS);
	if (m->events.oom != SNAP_NA) /* v1's oom_control has no oom */
		m->err[CGMEM_F_EVENTS] = 0;
	if (sqlite3_column_type(st, 8) == SQLITE_NULL)
		return;
	m->psi.valid = true; /* some avg10 only: full is not recorded */
	m->psi.err = 0;
	m->psi.some.avg10 = sqlite3_column_double(st, 8);
	m->err[CGMEM_F_PRESSURE] = 0;
}

/* Append the cgroup of a recreplay_cg_sql row to snap, its database id
 * into *id: 0, or -1 when out of memory. */
static int
recreplay_cg_row(sqlite3_stmt *st, struct snapshot *snap, int64_t *id)
{
	const char *path = (const char *)sqlite3_column_text(st, 1);
	size_t len = path != NULL ? strlen(path) : 0;
	struct snap_cgroup cg;

	snapcg_init(&cg, SNAP_CGROUP_V2, 0);
	recreplay_cg_mem(st, &cg.mem);
	if (path == NULL ||
	    snapshot_str_append(snap, path, len, &cg.path_off) != 0)
		return -1;
	cg.path_len = (uint32_t)len;
	cg.root = len == 1 && path[0] == '/';
	cgname_parse(path, len, &cg.name);
	*id = sqlite3_column_int64(st, 0);
	return snapshot_push_cgroup(snap, &cg) == 0 ? 0 : -1;
}

/* The nearest ancestor of cgroup i among the ones before it, or
 * SNAPCG_NONE ("/a/b": "/a", else "/"). */
static uint32_t
recreplay_cg_parent(const struct snapshot *snap, size_t i)
{
	size_t len, k;
	const char *p = snapcg_path(snap, i, &len);

	while (p != NULL && len > 1) {
		while (len > 1 && p[len - 1] != '/')
			len--;
		if (len > 1)
			len--; /* "/a/" to "/a"; "/" stays */
		k = snapcg_find(snap, p, len);
		if (k < i)
			return (uint32_t)k;
	}
	return SNAPCG_NONE;
}

/*
 * The tree and the mode: parent and depth of each cgroup; each process
 * counted in its own cgroup (its row then shares the cgroup's pooled
 * path); cgroup2 when a row has memory.high or memory.events' oom (files
 * v1 lacks), else v1.
 */
static void
recreplay_cg_tree(struct snapshot *snap)
{
	enum snap_cgroup_mode mode = SNAP_CGROUP_V1;
	struct snap_cgroup *cg;
	size_t k;

	for (size_t i = 0; i < snap->ncgroups; i++) {
		cg = &snap->cgroups[i];
		cg->parent = recreplay_cg_parent(snap, i);
		cg->depth = cg->parent == SNAPCG_NONE
		                ? 0
		                : snap->cgroups[cg->parent].depth + 1;
		if (cg->mem.high_bytes != SNAP_NA ||
		    cg->mem.events.oom != SNAP_NA)
			mode = SNAP_CGROUP_V2;
	}
	snap->cgroup_mode = mode;
	for (size_t i = 0; i < snap->ncgroups; i++)
		snap->cgroups[i].mem.mode = mode;
	for (size_t r = 0; r < snap->nprocs; r++) {
		k = snapcg_of_row(snap, &snap->procs[r]);
		if (k == SNAPCG_NONE)
			continue;
		snap->cgroups[k].nprocs++;
		snap->procs[r].cgroup_off = snap->cgroups[k].path_off;
	}
}

/* Whether cgroup cg has counted an OOM or a kill: only then can its
 * since-start counters be other than 0 (or unknown). */
static bool
recreplay_cg_counted(const struct snap_cgroup *cg)
{
	return (cg->mem.events.oom != SNAP_NA && cg->mem.events.oom > 0) ||
	       (cg->mem.events.oom_kill != SNAP_NA &&
	        cg->mem.events.oom_kill > 0);
}

/* The since-start counters: from each cgroup's first row of the
 * RECREPLAY_CG_SINCE_MS up to the sample (ids[i]: cgroup i's database
 * id; looked up for the cgroups that counted one only), as the collector
 * tracks them (cgmem_base_track). SQLite's code: SQLITE_DONE when read. */
static int
recreplay_cg_since(sqlite3 *db, struct recreplay_cg_at at, const int64_t *ids,
                   struct snapshot *snap)
{
	sqlite3_stmt *st;
	struct cgmem first;
	int rc = recreplay_cg_prep(db, recreplay_cg_first_sql, at,
	                           RECREPLAY_CG_SINCE_MS, &st);

	for (size_t i = 0; rc == SQLITE_OK && i < snap->ncgroups; i++) {
		struct snap_cgroup *cg = &snap->cgroups[i];

		first = cg->mem; /* nothing since, unless a first row says */
		if (recreplay_cg_counted(cg)) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 4, ids[i]);
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				first.events.oom =
				    recsql_col_int(st, 0, SNAP_NA);
				first.events.oom_kill =
				    recsql_col_int(st, 1, SNAP_NA);
			}
			rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK
			                                           : rc;
		}
		cg->base = (struct cgmem_base){0};
		cgmem_base_track(&cg->base, &first);
		cgmem_base_track(&cg->base, &cg->mem);
		cgmem_base_delta(&cg->base, &cg->mem, &cg->since);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? SQLITE_DONE : rc;
}

/* The page size in kB (this machine's: the record's is not stored). */
static int64_t
recreplay_cg_page_kb(void)
{
	long b = sysconf(_SC_PAGESIZE);

	return b >= 1024 ? b / 1024 : 4;
}

/* The cgroups of a sample (see recreplay_cg.h). */
int
recreplay_cg(sqlite3 *db, struct recreplay_cg_at at, struct snapshot *snap)
{
	struct cgvictim_env env = {recreplay_cg_page_kb(),
	                           snap->mem.swap_total_kb,
	                           snap->vm.swappiness};
	int64_t *ids = NULL, *more;
	size_t cap = 0;
	sqlite3_stmt *st;
	int rc = recreplay_cg_prep(db,
	                           recdb_schema_has_cg_ends(db)
	                               ? recreplay_cg_ends_sql
	                               : recreplay_cg_sql,
	                           at, RECREPLAY_CG_ALIVE_MS, &st);

	snap->ncgroups = 0;
	snap->cgroups_err = ENODATA;
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (snap->ncgroups == cap) {
			cap = cap ? cap * 2 : 64;
			if ((more = realloc(ids, cap * sizeof *ids)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			ids = more;
		}
		if (recreplay_cg_row(st, snap, &ids[snap->ncgroups]) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && snap->ncgroups > 0) {
		recreplay_cg_tree(snap);
		rc = recreplay_cg_since(db, at, ids, snap);
		snap->cgroups_err = 0;
		snapcg_root_host(snap);
		/* v1's root swap is the host's now: known */
		if (snap->cgroups[0].root &&
		    snap->cgroups[0].mem.memsw_bytes != SNAP_NA)
			snap->cgroups[0].mem.err[CGMEM_F_SWAP_CURRENT] = 0;
		if (rc == SQLITE_DONE && snapcg_victims(snap, &env) != 0)
			rc = SQLITE_NOMEM;
	}
	if (rc == SQLITE_NOMEM)
		snap->cgroups_err = ENOMEM;
	free(ids);
	return rc;
}
