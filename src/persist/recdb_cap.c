/*
 * recdb_cap.c: the --max-size cap (see recdb_cap.h). Statements are
 * prepared per call: they run only while a cap is set, once a sample.
 */
#include "persist/recdb_cap.h"
#include "persist/recdb.h"
#include "persist/recsql.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

/* Bytes per black-box row, for the estimate of their size when the
 * library has no dbstat table. */
#define RECDB_CAP_ROW_BYTES 80
#define RECDB_CAP_STR_(x) #x
#define RECDB_CAP_STR(x) RECDB_CAP_STR_(x)

/* The one integer sql yields into *v: true, or false on a failure or no
 * row (*v unchanged). */
static bool
recdb_cap_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *s = NULL;
	bool ok = sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	          sqlite3_step(s) == SQLITE_ROW;

	if (ok)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return ok;
}

/* Bytes of path with suffix ("" or "-wal") on disk (0 when missing). */
static int64_t
recdb_cap_file(const char *path, const char *suffix)
{
	char p[PATH_MAX + 8];
	struct stat sb;

	snprintf(p, sizeof p, "%s%s", path, suffix);
	return stat(p, &sb) == 0 ? (int64_t)sb.st_size : 0;
}

/* Checkpoint and truncate the WAL (see recdb_cap.h). */
bool
recdb_cap_wal_truncate(sqlite3 *db, int busy_ms)
{
	int64_t busy = 1;
	bool ok;

	sqlite3_busy_timeout(db, 0);
	ok = recdb_cap_int(db, "PRAGMA wal_checkpoint(TRUNCATE)", &busy);
	sqlite3_busy_timeout(db, busy_ms);
	return ok && busy == 0;
}

/* Bytes counted against the cap: the pages in use as the connection
 * sees them (those still only in the -wal included, so the -wal's own
 * size is not added again); the -wal is checkpointed and truncated first
 * when the files on disk pass the cap (see recdb_cap_need); *disk_over
 * set when they still do. */
static int64_t
recdb_cap_bytes(sqlite3 *db, const char *path, int64_t cap, int busy_ms,
                bool *disk_over)
{
	int64_t live = 0, wal = recdb_cap_file(path, "-wal");

	recdb_cap_int(db,
	              "SELECT (page_count - freelist_count) * page_size FROM "
	              "pragma_page_count, pragma_freelist_count, "
	              "pragma_page_size",
	              &live);
	if (recdb_cap_file(path, "") + wal > cap && wal > 0)
		wal = recdb_cap_wal_truncate(db, busy_ms)
		          ? recdb_cap_file(path, "-wal")
		          : 0;
	*disk_over = recdb_cap_file(path, "") + wal > cap;
	return live;
}

/* Bytes the black boxes take: their pages (dbstat), or without that
 * table an estimate from their row counts; 0 on failure. */
static int64_t
recdb_cap_boxes(sqlite3 *db)
{
	int64_t v = 0;

	if (recdb_cap_int(db,
	                  "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE "
	                  "name IN ('blackbox', 'bb_procs', 'bb_cgroups', "
	                  "'bb_victim_rss', 'bb_grew', "
	                  "'sqlite_autoindex_blackbox_1')",
	                  &v))
		return v;
	recdb_cap_int(db,
	              "SELECT ((SELECT count(*) FROM bb_procs) + (SELECT "
	              "count(*) FROM bb_cgroups) + (SELECT count(*) FROM "
	              "bb_victim_rss) + (SELECT count(*) FROM bb_grew) + "
	              "(SELECT count(*) FROM blackbox)) * " RECDB_CAP_STR(
	                  RECDB_CAP_ROW_BYTES),
	              &v);
	return v;
}

/* What the cap asks of a maintenance step (see recdb_cap.h). */
enum recdb_cap
recdb_cap_need(sqlite3 *db, const char *path, int64_t cap, int busy_ms,
               int *nboxes, bool *disk_over)
{
	int64_t used, box, count = 0, over;

	*disk_over = false;
	if (cap <= 0 ||
	    (used = recdb_cap_bytes(db, path, cap, busy_ms, disk_over)) <= cap)
		return CAP_NONE;
	box = recdb_cap_boxes(db);
	if (box <= cap / 2 ||
	    !recdb_cap_int(db, "SELECT count(*) FROM blackbox", &count) ||
	    count == 0)
		return CAP_SAMPLES;
	over = used - cap < box - cap / 2 ? used - cap : box - cap / 2;
	*nboxes = (int)((over * count + box - 1) / box);
	if (*nboxes < 1)
		*nboxes = 1;
	if (*nboxes > RECDB_BATCH)
		*nboxes = RECDB_BATCH;
	return CAP_BOXES;
}
