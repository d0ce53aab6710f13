/*
 * recdb.c: the recorder's SQLite store (see recdb.h). The schema lives in
 * migration steps, one per version; statements are prepared once, from
 * one table, and reused for every sample.
 *
 * One writer: an exclusive flock(2) on the database's REALPATH.lock
 * (persist/recdb_file.h), held while the database is open. SQLite's own
 * locking_mode=EXCLUSIVE would refuse a second recorder too, but in WAL mode it
 * also shuts out every reader (the sqlite3 shell, the dashboard), and a lock
 * file names who holds it.
 */
#include "persist/recdb.h"
#include "persist/recdb_bbox.h"
#include "persist/recdb_cap.h"
#include "persist/recdb_cg.h"
#include "persist/recdb_end.h"
#include "persist/recdb_file.h"
#include "persist/recdb_schema.h"
#include "persist/recerr.h"
#include "persist/recsql.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RECDB_BUSY_MS 5000
#define RECDB_VACUUM_PAGES 256 /* pages given back per maintenance call */
#define RECDB_ORPHANS 64       /* identities, events deleted per call */
/* SQLite's page cache per connection (PRAGMA cache_size: negative = kB):
 * the pages a sample touches (the tables' right edges, the identity
 * index) fit; SQLite's default (2 MB on Debian) fills for tens of minutes,
 * long enough for --report to call the recorder itself "rising". */
#define RECDB_CACHE_KB 512
/* Once the disk was full, the WAL is checkpointed (and, at its next
 * reset, cut) from this many pages on, not SQLite's 1,000: on a file
 * system that small, a backlog of samples written one transaction each
 * would fill it again with rewrites of the same pages. */
#define RECDB_FULL_WAL_PAGES 64
#define RECDB_STR_(x) #x
#define RECDB_STR(x) RECDB_STR_(x)

/* The prepared statements, in the order of recdb_sql. */
enum recdb_stmt {
	ST_BOOT_ADD,
	ST_BOOT_ID,
	ST_SAMPLE_ADD,
	ST_PROC_ADD,
	ST_PROC_SEEN,
	ST_ROW_ADD,
	ST_PROC_BARE,
	ST_EVENT_ADD,
	ST_OLDEST_PAST,
	ST_OLDEST,
	ST_ROWS_DEL,
	ST_CGROWS_DEL,
	ST_EVENTS_UNLINK,
	ST_SAMPLE_DEL,
	ST_RAW_OLDEST,
	ST_MINUTE_KEEP,
	ST_MINUTE_REST,
	ST_ROWS_FOLD,
	ST_CGROWS_FOLD,
	ST_EVENTS_FOLD,
	ST_PROCS_FOLD,
	ST_MINUTE_DONE,
	ST_ORPHAN_PROCS,
	ST_OLD_EVENTS,
	ST_COUNT
};

static const char *const recdb_sql[ST_COUNT] = {
    [ST_BOOT_ADD] = "INSERT OR IGNORE INTO boots(boot_id, first_ms) "
                    "VALUES(?1, ?2)",
    [ST_BOOT_ID] = "SELECT id FROM boots WHERE boot_id = ?1",
    [ST_SAMPLE_ADD] =
        "INSERT INTO samples(time_ms, boot, resolution_s, mem_total_kb, "
        "mem_free_kb, mem_available_kb, buffers_kb, cached_kb, shmem_kb, "
        "anon_kb, swap_total_kb, swap_free_kb, commit_limit_kb, "
        "committed_as_kb, oom_kill, pswpin, pswpout, pgmajfault, "
        "psi_some_avg10, psi_some_avg60, psi_some_avg300, psi_some_total_us, "
        "psi_full_avg10, psi_full_avg60, psi_full_avg300, psi_full_total_us) "
        "VALUES(?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    [ST_PROC_ADD] = "INSERT OR IGNORE INTO procs(boot, pid, start_time, "
                    "first_sample, last_sample, comm, cmdline, uid, cgroup) "
                    "VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8)",
    [ST_PROC_SEEN] = "UPDATE procs SET last_sample = ?1 WHERE boot = ?2 AND "
                     "pid = ?3 AND start_time = ?4 RETURNING id",
    [ST_ROW_ADD] = "INSERT OR REPLACE INTO proc_rows(sample_id, proc_id, "
                   "rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, oom_score, "
                   "oom_score_adj) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_PROC_BARE] = "INSERT OR IGNORE INTO procs(boot, pid, start_time, "
                     "first_sample, last_sample) VALUES(?1, ?2, ?3, ?4, ?4)",
    [ST_EVENT_ADD] = "INSERT OR IGNORE INTO events(sample_id, time_ms, boot, "
                     "kind, log_time_kind, log_time_us, seq, pid, json) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_OLDEST_PAST] = "SELECT id FROM samples WHERE time_ms < ?1 "
                       "ORDER BY id LIMIT ?2",
    [ST_OLDEST] = "SELECT id FROM samples WHERE id < (SELECT max(id) FROM "
                  "samples) ORDER BY id LIMIT ?1",
    [ST_ROWS_DEL] = "DELETE FROM proc_rows WHERE sample_id = ?1",
    [ST_CGROWS_DEL] = "DELETE FROM cgroup_rows WHERE sample_id = ?1",
    [ST_EVENTS_UNLINK] = "UPDATE events SET sample_id = NULL "
                         "WHERE sample_id = ?1",
    [ST_SAMPLE_DEL] = "DELETE FROM samples WHERE id = ?1",
    [ST_RAW_OLDEST] = "SELECT time_ms / 60000 FROM samples WHERE "
                      "resolution_s = 0 AND time_ms < ?1 ORDER BY time_ms "
                      "LIMIT 1",
    [ST_MINUTE_KEEP] = "SELECT id FROM samples WHERE time_ms >= ?1 * 60000 "
                       "AND time_ms < (?1 + 1) * 60000 "
                       "ORDER BY time_ms DESC, id DESC LIMIT 1",
    [ST_MINUTE_REST] = "SELECT id FROM samples WHERE time_ms >= ?1 * 60000 "
                       "AND time_ms < (?1 + 1) * 60000 AND id <> ?2 "
                       "ORDER BY time_ms DESC, id DESC LIMIT ?3",
    [ST_ROWS_FOLD] = "UPDATE OR IGNORE proc_rows SET sample_id = ?2 "
                     "WHERE sample_id = ?1",
    [ST_CGROWS_FOLD] = "UPDATE OR IGNORE cgroup_rows SET sample_id = ?2 "
                       "WHERE sample_id = ?1",
    [ST_EVENTS_FOLD] = "UPDATE events SET sample_id = ?2 WHERE sample_id = ?1",
    [ST_PROCS_FOLD] = "UPDATE procs SET last_sample = ?1 WHERE id IN (SELECT "
                      "proc_id FROM proc_rows WHERE sample_id = ?1) AND "
                      "last_sample < ?1",
    [ST_MINUTE_DONE] = "UPDATE samples SET resolution_s = 60 WHERE id = ?1",
    [ST_ORPHAN_PROCS] = "DELETE FROM procs WHERE id IN (SELECT id FROM procs "
                        "WHERE last_sample < (SELECT coalesce(min(id), 1 << "
                        "62) FROM samples) LIMIT ?1)",
    [ST_OLD_EVENTS] = "DELETE FROM events WHERE id IN (SELECT id FROM events "
                      "WHERE time_ms < ?1 ORDER BY id LIMIT ?2)",
};

struct recdb {
	sqlite3 *db;
	char *path;
	int lock_fd, inode_fd; /* recdb_file_lock's */
	bool open;             /* set up: the WAL is checkpointed at close */
	int64_t boot;          /* boots.id of this boot */
	sqlite3_stmt *st[ST_COUNT];
	uint64_t boxes_capped; /* black boxes dropped for the size cap */
	bool full;             /* the last write failed: disk full */
};

/* Map an SQLite failure to a status and a one-line message in err
 * (persist/recerr.h's wording; a damaged file gets the way out). */
static enum recdb_status
recdb_fail(sqlite3 *db, int rc, const char *path, const char *what, char *err,
           size_t errsz)
{
	size_t n;

	switch (recerr_say(db, rc, path, what, RECDB_BUSY_MS, err, errsz)) {
	case RECERR_FULL:
		return RECDB_FULL;
	case RECERR_DIR:
	case RECERR_CORRUPT:
		n = strlen(err);
		snprintf(err + n, errsz - n,
		         "; move it aside or choose another --db");
		return RECDB_CORRUPT;
	case RECERR_READONLY:
		return RECDB_READONLY;
	default:
		return RECDB_ERROR;
	}
}

/* Run SQL without results; SQLITE_OK or the failure code. */
static int
recdb_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* A string, or NULL. */
static void
recdb_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Step a statement that returns no row (or ignore its row) and reset it;
 * SQLITE_OK or the failure code. */
static int
recdb_run(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Step a one-integer query: SQLITE_ROW with *v, SQLITE_DONE (no row), or a
 * failure code. The statement is reset. */
static int
recdb_int(sqlite3_stmt *s, int64_t *v)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

/* Create the file when missing (an empty one counts as new): 0640,
 * root:adm when root. */
static enum recdb_status
recdb_create(const char *path, char *err, size_t errsz)
{
	struct stat sb;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0640);

	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
		snprintf(err, errsz, "%s: cannot write the database (%s)", path,
		         strerror(errno));
		return RECDB_READONLY;
	}
	if (fd < 0 && errno == EISDIR)
		return recdb_fail(NULL, SQLITE_CANTOPEN, path, "opening", err,
		                  errsz);
	if (fd < 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return RECDB_ERROR;
	}
	if (fstat(fd, &sb) == 0 && sb.st_size == 0)
		recdb_file_own(fd);
	close(fd);
	return RECDB_OK;
}

/* The one integer a query yields into *v: SQLITE_OK, or a failure code
 * (SQLITE_DONE when it yields no row). */
static int
recdb_query_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = recdb_int(s, v)) == SQLITE_ROW)
		rc = SQLITE_OK;
	sqlite3_finalize(s);
	return rc;
}

/* Say a newer or a foreign schema is refused; RECDB_OK when it is ours. */
static enum recdb_status
recdb_refuse(const struct recdb *r, int64_t v, int64_t tables, char *err,
             size_t errsz)
{
	if (v > RECDB_VERSION) {
		snprintf(
		    err, errsz,
		    "%s: schema version %" PRId64 " is newer than this "
		    "oomwatch's (%d); upgrade oomwatch or choose another --db",
		    r->path, v, RECDB_VERSION);
		return RECDB_NEWER;
	}
	if (v == 0 && tables > 0) {
		snprintf(err, errsz, "%s: " RECERR_FOREIGN, r->path);
		return RECDB_CORRUPT;
	}
	return RECDB_OK;
}

/* Bring the schema to RECDB_VERSION: refuse a newer one, run the steps
 * from the file's version, each in its own transaction. */
static enum recdb_status
recdb_migrate(struct recdb *r, char *err, size_t errsz)
{
	int64_t v = 0, tables = 0;
	enum recdb_status st;
	char sql[64];
	int rc = recdb_query_int(r->db, "PRAGMA user_version", &v);

	if (rc == SQLITE_OK)
		rc = recdb_query_int(
		    r->db, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc != SQLITE_OK)
		return recdb_fail(r->db, rc, r->path, "reading the schema", err,
		                  errsz);
	if ((st = recdb_refuse(r, v, tables, err, errsz)) != RECDB_OK)
		return st;
	for (; v < RECDB_VERSION; v++) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %" PRId64,
		         v + 1);
		if ((rc = recdb_exec(r->db, "BEGIN IMMEDIATE")) != SQLITE_OK ||
		    (rc = recdb_schema_step(r->db, (int)v)) != SQLITE_OK ||
		    (rc = recdb_exec(r->db, sql)) != SQLITE_OK ||
		    (rc = recdb_exec(r->db, "COMMIT")) != SQLITE_OK) {
			st = recdb_fail(r->db, rc, r->path,
			                "migrating the schema", err, errsz);
			if (!sqlite3_get_autocommit(r->db))
				recdb_exec(r->db, "ROLLBACK");
			return st;
		}
	}
	return RECDB_OK;
}

/* WAL, timeouts, schema, statements and this boot's row. */
static enum recdb_status
recdb_setup(struct recdb *r, const char *boot_id, char *err, size_t errsz)
{
	enum recdb_status st;
	int rc;

	sqlite3_busy_timeout(r->db, RECDB_BUSY_MS);
	/* before the first table (a no-op on an existing database) */
	rc = recdb_exec(r->db, "PRAGMA auto_vacuum = INCREMENTAL");
	if (rc == SQLITE_OK)
		rc = recdb_exec(r->db, "PRAGMA journal_mode = WAL");
	if (rc == SQLITE_OK)
		rc = recdb_exec(r->db, "PRAGMA synchronous = NORMAL;"
		                       "PRAGMA journal_size_limit = 0");
	if (rc == SQLITE_OK) {
		char sql[48];

		snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d",
		         RECDB_CACHE_KB);
		rc = recdb_exec(r->db, sql);
	}
	/* -wal (empty), -shm kept at close: read-only readers need them */
	if (rc == SQLITE_OK)
		rc = sqlite3_file_control(r->db, "main",
		                          SQLITE_FCNTL_PERSIST_WAL, &(int){1});
	if (rc != SQLITE_OK)
		return recdb_fail(r->db, rc, r->path, "opening", err, errsz);
	if ((st = recdb_migrate(r, err, errsz)) != RECDB_OK)
		return st;
	for (int i = 0; i < ST_COUNT; i++) {
		rc = sqlite3_prepare_v3(r->db, recdb_sql[i], -1,
		                        SQLITE_PREPARE_PERSISTENT, &r->st[i],
		                        NULL);
		if (rc != SQLITE_OK)
			return recdb_fail(r->db, rc, r->path, "preparing", err,
			                  errsz);
	}
	sqlite3_bind_text(r->st[ST_BOOT_ADD], 1, boot_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->st[ST_BOOT_ADD], 2, (int64_t)time(NULL) * 1000);
	rc = recdb_run(r->st[ST_BOOT_ADD]);
	sqlite3_bind_text(r->st[ST_BOOT_ID], 1, boot_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK &&
	    (rc = recdb_int(r->st[ST_BOOT_ID], &r->boot)) == SQLITE_ROW)
		return RECDB_OK;
	return recdb_fail(r->db, rc, r->path, "adding this boot", err, errsz);
}

/* Open for writing (see recdb.h). */
struct recdb *
recdb_open(const char *path, const char *boot_id, enum recdb_status *st,
           char *err, size_t errsz)
{
	struct recdb *r = calloc(1, sizeof *r);
	int rc;

	if (r == NULL || (r->path = strdup(path)) == NULL) {
		free(r);
		snprintf(err, errsz, "out of memory");
		*st = RECDB_ERROR;
		return NULL;
	}
	r->lock_fd = r->inode_fd = -1;
	if ((*st = recdb_create(path, err, errsz)) != RECDB_OK ||
	    (*st = recdb_file_lock(path, &r->lock_fd, &r->inode_fd, err,
	                           errsz)) != RECDB_OK)
		goto fail;
	recdb_file_tighten(path); /* before SQLite copies its mode */
	rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		*st = recdb_fail(r->db, rc, path, "opening", err, errsz);
		goto fail;
	}
	if ((*st = recdb_setup(r, boot_id, err, errsz)) == RECDB_OK) {
		r->open = true;
		return r;
	}
fail:
	recdb_close(r);
	return NULL;
}

/* Checkpoint the whole WAL into the database file and truncate it, so
 * nothing stays in the -wal: SQLite skips its own checkpoint at close when
 * the file was moved (a logrotate-style move before SIGHUP), which would
 * leave the moved file without its last samples and the -wal at the old
 * name to be replayed into the next file there. A failure is said on
 * stderr once (again only after a checkpoint that worked: a recorder
 * reopening through a long lock says it once). */
static void
recdb_checkpoint(struct recdb *r)
{
	static bool said; /* since the last checkpoint that worked */
	char err[4352];
	int rc = sqlite3_wal_checkpoint_v2(
	    r->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

	if (rc == SQLITE_OK || said) {
		said = rc != SQLITE_OK;
		return;
	}
	said = true;
	recerr_say(r->db, rc, NULL, "checkpointing the WAL", RECDB_BUSY_MS, err,
	           sizeof err);
	fprintf(stderr,
	        "oomwatch: %s: cannot checkpoint the WAL at close (%s); its "
	        "last samples stay in %s-wal\n",
	        r->path, err, r->path);
}

/* Close: statements, the WAL checkpointed, the connection, then the
 * lock. */
void
recdb_close(struct recdb *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(r->st[i]);
	if (r->open)
		recdb_checkpoint(r);
	sqlite3_close(r->db);
	/* after SQLite's close: closing a file drops the process's POSIX
	 * locks on it, SQLite's included */
	if (r->inode_fd >= 0)
		close(r->inode_fd);
	if (r->lock_fd >= 0)
		close(r->lock_fd);
	free(r->path);
	free(r);
}

/* The samples row: the system series. */
static int
recdb_put_sample(struct recdb *r, const struct recdb_sample *s, int64_t *id)
{
	sqlite3_stmt *q = r->st[ST_SAMPLE_ADD];
	const int64_t ints[] = {
	    s->mem.total_kb,        s->mem.free_kb,
	    s->mem.available_kb,    s->mem.buffers_kb,
	    s->mem.cached_kb,       s->mem.shmem_kb,
	    s->mem.anon_kb,         s->mem.swap_total_kb,
	    s->mem.swap_free_kb,    s->mem.commit_limit_kb,
	    s->mem.committed_as_kb, s->vmstat.oom_kill,
	    s->vmstat.pswpin,       s->vmstat.pswpout,
	    s->vmstat.pgmajfault,
	};
	const struct psi_line *lines[2] = {&s->psi.some, &s->psi.full};
	int col = 3, rc;

	sqlite3_bind_int64(q, 1, s->time_ms);
	sqlite3_bind_int64(q, 2, r->boot);
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		recdb_bbox_na(q, col++, ints[i]);
	for (int k = 0; k < 2; k++, col += 4) {
		if (!s->psi.valid || (k == 1 && !s->psi.full_valid))
			continue; /* stays NULL */
		sqlite3_bind_double(q, col, lines[k]->avg10);
		sqlite3_bind_double(q, col + 1, lines[k]->avg60);
		sqlite3_bind_double(q, col + 2, lines[k]->avg300);
		sqlite3_bind_int64(q, col + 3, (int64_t)lines[k]->total_us);
	}
	if ((rc = recdb_run(q)) == SQLITE_OK)
		*id = sqlite3_last_insert_rowid(r->db);
	return rc;
}

/* The new identities of a sample. */
static int
recdb_put_idents(struct recdb *r, const struct recdb_sample *s, int64_t id)
{
	sqlite3_stmt *q = r->st[ST_PROC_ADD];
	int rc = SQLITE_OK;

	for (size_t i = 0; i < s->nidents && rc == SQLITE_OK; i++) {
		const struct recdb_ident *d = &s->idents[i];

		sqlite3_bind_int64(q, 1, r->boot);
		sqlite3_bind_int64(q, 2, d->pid);
		sqlite3_bind_int64(q, 3, (int64_t)d->start_time);
		sqlite3_bind_int64(q, 4, id);
		recdb_bind_text(q, 5, d->comm);
		recdb_bind_text(q, 6, d->cmdline);
		if (d->uid != SNAP_UID_NA)
			sqlite3_bind_int64(q, 7, d->uid);
		recdb_bind_text(q, 8, d->cgroup);
		rc = recdb_run(q);
	}
	return rc;
}

/* The identity id of a row's process, marking it seen in sample id:
 * SQLITE_ROW with *proc, SQLITE_DONE when it has none, or a failure. */
static int
recdb_seen(struct recdb *r, const struct recdb_row *w, int64_t id,
           int64_t *proc)
{
	sqlite3_stmt *q = r->st[ST_PROC_SEEN];

	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, r->boot);
	sqlite3_bind_int64(q, 3, w->pid);
	sqlite3_bind_int64(q, 4, (int64_t)w->start_time);
	return recdb_int(q, proc);
}

/* One process row; its identity is added bare when missing (deleted by
 * retention while the process lived on). */
static int
recdb_put_row(struct recdb *r, const struct recdb_row *w, int64_t id)
{
	sqlite3_stmt *q = r->st[ST_ROW_ADD], *b = r->st[ST_PROC_BARE];
	const int64_t v[] = {w->rss_kb,       w->anon_kb, w->file_kb,
	                     w->shmem_kb,     w->swap_kb, w->oom_score,
	                     w->oom_score_adj};
	int64_t proc = 0;
	int rc = recdb_seen(r, w, id, &proc);

	if (rc == SQLITE_DONE) {
		sqlite3_bind_int64(b, 1, r->boot);
		sqlite3_bind_int64(b, 2, w->pid);
		sqlite3_bind_int64(b, 3, (int64_t)w->start_time);
		sqlite3_bind_int64(b, 4, id);
		if ((rc = recdb_run(b)) != SQLITE_OK)
			return rc;
		proc = sqlite3_last_insert_rowid(r->db);
		rc = SQLITE_ROW;
	}
	if (rc != SQLITE_ROW)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, proc);
	for (int i = 0; i < 7; i++)
		recdb_bbox_na(q, 3 + i, v[i]);
	return recdb_run(q);
}

/* The kernel events of a sample (ones already stored are ignored); each
 * newly stored event marked bbox gets the sample's black box (the first
 * RECDB_BBOX_PER_SAMPLE of them). */
static int
recdb_put_events(struct recdb *r, const struct recdb_sample *s, int64_t id)
{
	sqlite3_stmt *q = r->st[ST_EVENT_ADD];
	int rc = SQLITE_OK;
	size_t boxes = 0;

	for (size_t i = 0; i < s->nevents && rc == SQLITE_OK; i++) {
		const struct recdb_event *e = &s->events[i];

		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, s->time_ms);
		sqlite3_bind_int64(q, 3, r->boot);
		sqlite3_bind_text(q, 4, e->kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 5, e->time_kind);
		sqlite3_bind_int64(q, 6, e->time_us);
		sqlite3_bind_int64(q, 7, e->seq);
		sqlite3_bind_int64(q, 8, e->pid);
		sqlite3_bind_text(q, 9, e->json, -1, SQLITE_STATIC);
		rc = recdb_run(q);
		if (rc == SQLITE_OK && s->bbox != NULL && e->bbox &&
		    sqlite3_changes(r->db) > 0 &&
		    boxes++ < RECDB_BBOX_PER_SAMPLE)
			rc = recdb_bbox_put(r->db, r->boot,
			                    sqlite3_last_insert_rowid(r->db),
			                    e->pid, s->bbox);
	}
	return rc;
}

/* Write one sample in one transaction (see recdb.h). */
enum recdb_status
recdb_write(struct recdb *r, const struct recdb_sample *s, char *err,
            size_t errsz)
{
	int64_t id = 0;
	int rc = recdb_exec(r->db, "BEGIN IMMEDIATE");

	if (rc == SQLITE_OK)
		rc = recdb_put_sample(r, s, &id);
	if (rc == SQLITE_OK)
		rc = recdb_put_idents(r, s, id);
	for (size_t i = 0; i < s->nrows && rc == SQLITE_OK; i++)
		rc = recdb_put_row(r, &s->rows[i], id);
	if (rc == SQLITE_OK)
		rc = recdb_cg_put(r->db, id, s->cgroups, s->ncgroups);
	if (rc == SQLITE_OK)
		rc = recdb_end_put(r->db, r->boot, id, s->ends, s->nends);
	if (rc == SQLITE_OK)
		rc = recdb_put_events(r, s, id);
	if (rc == SQLITE_OK &&
	    (rc = recdb_exec(r->db, "COMMIT")) == SQLITE_OK) {
		/* room again: the WAL of the outage into the file, and cut,
		 * before it fills what came free */
		if (r->full)
			recdb_cap_wal_truncate(r->db, RECDB_BUSY_MS);
		r->full = false;
		return RECDB_OK;
	}
	enum recdb_status st =
	    recdb_fail(r->db, rc, r->path, "writing a sample", err, errsz);
	if (!sqlite3_get_autocommit(r->db))
		recdb_exec(r->db, "ROLLBACK");
	/* a full disk: the WAL's frames into the file, and the WAL cut,
	 * which frees room when they are mostly rewrites of the same pages
	 * (fails harmlessly while there is none); a smaller WAL from now */
	if ((r->full = st == RECDB_FULL)) {
		recdb_cap_wal_truncate(r->db, RECDB_BUSY_MS);
		recdb_exec(r->db, "PRAGMA wal_autocheckpoint = " RECDB_STR(
		                      RECDB_FULL_WAL_PAGES));
	}
	return st;
}

/* Run statement k with ?1 = a (and ?2 = b when b >= 0). */
static int
recdb_run2(struct recdb *r, enum recdb_stmt k, int64_t a, int64_t b)
{
	sqlite3_bind_int64(r->st[k], 1, a);
	if (b >= 0)
		sqlite3_bind_int64(r->st[k], 2, b);
	return recdb_run(r->st[k]);
}

/* Delete one sample, its rows, and its events' link to it. */
static int
recdb_delete_sample(struct recdb *r, int64_t id)
{
	int rc = recdb_run2(r, ST_ROWS_DEL, id, -1);

	if (rc == SQLITE_OK)
		rc = recdb_run2(r, ST_CGROWS_DEL, id, -1);
	if (rc == SQLITE_OK)
		rc = recdb_run2(r, ST_EVENTS_UNLINK, id, -1);
	if (rc == SQLITE_OK)
		rc = recdb_run2(r, ST_SAMPLE_DEL, id, -1);
	return rc;
}

/* Collect the ids a query yields (at most RECDB_BATCH); the statement is
 * bound by the caller and reset here. */
static int
recdb_ids(sqlite3_stmt *q, int64_t *ids, size_t *n)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < RECDB_BATCH)
		ids[(*n)++] = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Delete a batch of samples past retention, else (when the size cap asks
 * for samples) of the oldest but the newest; *n says how many. */
static int
recdb_trim(struct recdb *r, int64_t now_ms, const struct recdb_limits *lim,
           enum recdb_cap cap, size_t *n)
{
	int64_t ids[RECDB_BATCH];
	sqlite3_stmt *q = r->st[ST_OLDEST_PAST];
	int rc;

	sqlite3_bind_int64(q, 1, now_ms - lim->retain_ms);
	sqlite3_bind_int64(q, 2, RECDB_BATCH);
	rc = recdb_ids(q, ids, n);
	if (rc == SQLITE_OK && *n == 0 && cap == CAP_SAMPLES) {
		sqlite3_bind_int64(r->st[ST_OLDEST], 1, RECDB_BATCH);
		rc = recdb_ids(r->st[ST_OLDEST], ids, n);
	}
	for (size_t i = 0; i < *n && rc == SQLITE_OK; i++)
		rc = recdb_delete_sample(r, ids[i]);
	return rc;
}

/* Fold a batch of the oldest minute past RECDB_RAW_MS into its last
 * sample, newest first, so each process keeps its latest row of the
 * minute; *n says how many were folded (the keeper is marked done when
 * none are left). */
static int
recdb_fold(struct recdb *r, int64_t now_ms, size_t *n)
{
	int64_t minute, keep, ids[RECDB_BATCH];
	sqlite3_stmt *q = r->st[ST_RAW_OLDEST];
	int rc;

	*n = 0;
	sqlite3_bind_int64(q, 1, now_ms - RECDB_RAW_MS);
	if ((rc = recdb_int(q, &minute)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	if ((minute + 1) * 60000 > now_ms - RECDB_RAW_MS)
		return SQLITE_OK; /* the minute is not all past yet */
	sqlite3_bind_int64(r->st[ST_MINUTE_KEEP], 1, minute);
	if ((rc = recdb_int(r->st[ST_MINUTE_KEEP], &keep)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	q = r->st[ST_MINUTE_REST];
	sqlite3_bind_int64(q, 1, minute);
	sqlite3_bind_int64(q, 2, keep);
	sqlite3_bind_int64(q, 3, RECDB_BATCH);
	rc = recdb_ids(q, ids, n);
	for (size_t i = 0; i < *n && rc == SQLITE_OK; i++) {
		rc = recdb_run2(r, ST_ROWS_FOLD, ids[i], keep);
		if (rc == SQLITE_OK)
			rc = recdb_run2(r, ST_CGROWS_FOLD, ids[i], keep);
		if (rc == SQLITE_OK)
			rc = recdb_run2(r, ST_EVENTS_FOLD, ids[i], keep);
		if (rc == SQLITE_OK)
			rc = recdb_delete_sample(r, ids[i]);
	}
	if (rc == SQLITE_OK && *n > 0)
		rc = recdb_run2(r, ST_PROCS_FOLD, keep, -1);
	if (rc == SQLITE_OK && *n < RECDB_BATCH)
		rc = recdb_run2(r, ST_MINUTE_DONE, keep, -1);
	return rc;
}

/* One step of maintenance (see recdb.h). */
enum recdb_status
recdb_maintain(struct recdb *r, int64_t now_ms, const struct recdb_limits *lim,
               bool *more, char *err, size_t errsz)
{
	size_t trimmed = 0, folded = 0;
	char sql[64];
	int nboxes = 0;
	bool disk_over;
	enum recdb_cap cap = recdb_cap_need(r->db, r->path, lim->max_size_bytes,
	                                    RECDB_BUSY_MS, &nboxes, &disk_over);
	int rc = recdb_exec(r->db, "BEGIN IMMEDIATE");

	if (rc == SQLITE_OK)
		rc = recdb_trim(r, now_ms, lim, cap, &trimmed);
	if (rc == SQLITE_OK && cap == CAP_BOXES)
		rc = recdb_bbox_drop_oldest(r->db, nboxes);
	if (rc == SQLITE_OK && trimmed < RECDB_BATCH)
		rc = recdb_fold(r, now_ms, &folded);
	if (rc == SQLITE_OK && trimmed > 0)
		rc = recdb_run2(r, ST_ORPHAN_PROCS, RECDB_ORPHANS, -1);
	if (rc == SQLITE_OK)
		rc = recdb_run2(r, ST_OLD_EVENTS,
		                now_ms - RECDB_EVENT_RETAIN_MS, RECDB_ORPHANS);
	if (rc == SQLITE_OK)
		rc = recdb_bbox_prune(r->db, RECDB_ORPHANS);
	if (rc == SQLITE_OK)
		rc = recdb_exec(r->db, "COMMIT");
	if (rc != SQLITE_OK) {
		enum recdb_status st = recdb_fail(
		    r->db, rc, r->path, "deleting old samples", err, errsz);
		if (!sqlite3_get_autocommit(r->db))
			recdb_exec(r->db, "ROLLBACK");
		return st;
	}
	/* over the cap on disk: every free page back (0: all) */
	snprintf(sql, sizeof sql, "PRAGMA incremental_vacuum(%d)",
	         disk_over ? 0 : RECDB_VACUUM_PAGES);
	recdb_exec(r->db, sql); /* giving pages back may wait */
	if (cap == CAP_BOXES)
		r->boxes_capped += (uint64_t)nboxes;
	*more = trimmed == RECDB_BATCH || folded == RECDB_BATCH ||
	        cap != CAP_NONE || disk_over;
	return RECDB_OK;
}

/* Black boxes dropped for the size cap (see recdb.h). */
uint64_t
recdb_boxes_capped(const struct recdb *r)
{
	return r->boxes_capped;
}

/* The schema version of a file, opened read-only (see recdb.h). */
int
recdb_file_version(const char *path, char *err, size_t errsz)
{
	sqlite3 *db = NULL;
	int64_t v = -1;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK)
		rc = recdb_query_int(db, "PRAGMA user_version", &v);
	if (rc != SQLITE_OK) {
		recdb_fail(db, rc, path, "reading the version", err, errsz);
		v = -1;
	}
	sqlite3_close(db);
	return (int)v;
}

/* Free what a sample owns. */
void
recdb_sample_clear(struct recdb_sample *s)
{
	for (size_t i = 0; i < s->nidents; i++) {
		free(s->idents[i].comm);
		free(s->idents[i].cmdline);
		free(s->idents[i].cgroup);
	}
	for (size_t i = 0; i < s->nevents; i++)
		free(s->events[i].json);
	free(s->idents);
	free(s->rows);
	free(s->ends);
	free(s->events);
	recdb_cg_free(s->cgroups, s->ncgroups);
	recdb_bbox_free(s->bbox);
	memset(s, 0, sizeof *s);
}
