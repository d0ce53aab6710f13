/*
 * recdb_schema.c: the history database's schema (see recdb_schema.h and
 * README, "Recorder").
 */
#include "persist/recdb_schema.h"

#include "persist/recdb.h"
#include "persist/recsql.h"

/* Version 0 (an empty file) to 1: the first schema. */
static const char recdb_v1[] =
    "CREATE TABLE boots(id INTEGER PRIMARY KEY, boot_id TEXT NOT NULL "
    "UNIQUE, first_ms INTEGER NOT NULL);"
    "CREATE TABLE samples(id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "
    "boot INTEGER NOT NULL, resolution_s INTEGER NOT NULL, "
    "mem_total_kb INTEGER, mem_free_kb INTEGER, mem_available_kb INTEGER, "
    "buffers_kb INTEGER, cached_kb INTEGER, shmem_kb INTEGER, anon_kb "
    "INTEGER, swap_total_kb INTEGER, swap_free_kb INTEGER, commit_limit_kb "
    "INTEGER, committed_as_kb INTEGER, oom_kill INTEGER, pswpin INTEGER, "
    "pswpout INTEGER, pgmajfault INTEGER, psi_some_avg10 REAL, "
    "psi_some_avg60 REAL, psi_some_avg300 REAL, psi_some_total_us INTEGER, "
    "psi_full_avg10 REAL, psi_full_avg60 REAL, psi_full_avg300 REAL, "
    "psi_full_total_us INTEGER);"
    "CREATE INDEX samples_time ON samples(time_ms);"
    "CREATE TABLE procs(id INTEGER PRIMARY KEY, boot INTEGER NOT NULL, "
    "pid INTEGER NOT NULL, start_time INTEGER NOT NULL, first_sample "
    "INTEGER NOT NULL, last_sample INTEGER NOT NULL, comm TEXT, cmdline "
    "TEXT, uid INTEGER, cgroup TEXT, UNIQUE(boot, pid, start_time));"
    "CREATE TABLE proc_rows(sample_id INTEGER NOT NULL, proc_id INTEGER NOT "
    "NULL, rss_kb INTEGER, anon_kb INTEGER, file_kb INTEGER, shmem_kb "
    "INTEGER, swap_kb INTEGER, oom_score INTEGER, oom_score_adj INTEGER, "
    "PRIMARY KEY(sample_id, proc_id)) WITHOUT ROWID;"

    "CREATE TABLE events(id INTEGER PRIMARY KEY, sample_id INTEGER, "
    "time_ms INTEGER NOT NULL, boot INTEGER NOT NULL, kind TEXT NOT NULL, "
    "log_time_kind INTEGER NOT NULL, log_time_us INTEGER NOT NULL, seq "
    "INTEGER NOT NULL, pid INTEGER NOT NULL, json TEXT NOT NULL, "
    "UNIQUE(boot, kind, log_time_kind, log_time_us, seq, pid));"
    "CREATE INDEX events_sample ON events(sample_id);"
    "CREATE INDEX events_time ON events(time_ms);";

/* Version 1 to 2: cgroup rows and the black boxes (tables added only:
 * readers of version 1 read a version 2 file unchanged). */
static const char recdb_v2[] =
    "CREATE TABLE cgroups(id INTEGER PRIMARY KEY, path TEXT NOT NULL "
    "UNIQUE);"
    "CREATE TABLE cgroup_rows(sample_id INTEGER NOT NULL, cgroup_id INTEGER "
    "NOT NULL, usage_bytes INTEGER, limit_bytes INTEGER, high_bytes "
    "INTEGER, swap_bytes INTEGER, oom INTEGER, oom_kill INTEGER, "
    "psi_some_avg10 REAL, PRIMARY KEY(sample_id, cgroup_id)) WITHOUT ROWID;"
    "CREATE TABLE blackbox(id INTEGER PRIMARY KEY, event_id INTEGER NOT "
    "NULL UNIQUE, time_ms INTEGER NOT NULL, mem_total_kb INTEGER, "
    "mem_free_kb INTEGER, mem_available_kb INTEGER, cached_kb INTEGER, "
    "shmem_kb INTEGER, anon_kb INTEGER, swap_total_kb INTEGER, "
    "swap_free_kb INTEGER, committed_as_kb INTEGER, psi_some_avg10 REAL, "
    "psi_full_avg10 REAL, psi_some_total_us INTEGER, psi_full_total_us "
    "INTEGER);"
    "CREATE TABLE bb_procs(bb_id INTEGER NOT NULL, pid INTEGER NOT NULL, "
    "start_time INTEGER NOT NULL, uid INTEGER, comm TEXT, rss_kb INTEGER, "
    "anon_kb INTEGER, swap_kb INTEGER, oom_score INTEGER, oom_score_adj "
    "INTEGER, PRIMARY KEY(bb_id, pid)) WITHOUT ROWID;"
    "CREATE TABLE bb_cgroups(bb_id INTEGER NOT NULL, path TEXT NOT NULL, "
    "usage_bytes INTEGER, limit_bytes INTEGER, high_bytes INTEGER, "
    "swap_bytes INTEGER, oom INTEGER, oom_kill INTEGER, psi_some_avg10 "
    "REAL, PRIMARY KEY(bb_id, path)) WITHOUT ROWID;"
    "CREATE TABLE bb_victim_rss(bb_id INTEGER NOT NULL, time_ms INTEGER NOT "
    "NULL, rss_kb INTEGER, swap_kb INTEGER, PRIMARY KEY(bb_id, time_ms)) "
    "WITHOUT ROWID;"
    "CREATE TABLE bb_grew(bb_id INTEGER NOT NULL, rank INTEGER NOT NULL, "
    "pid INTEGER NOT NULL, start_time INTEGER NOT NULL, comm TEXT, "
    "rss_before_kb INTEGER, rss_kb INTEGER, PRIMARY KEY(bb_id, rank)) "
    "WITHOUT ROWID;";

/* Version 2 to 3: when each process was last seen (a column added:
 * readers of version 2 read a version 3 file unchanged). */
static const char recdb_v3[] =
    "ALTER TABLE procs ADD COLUMN end_sample INTEGER;";

/* Version 3 to 4: when each cgroup left the recorder's walk (a table
 * added: readers of version 3 read a version 4 file unchanged). No rowid:
 * the key is the lookup (a cgroup's ends). */
static const char recdb_v4[] =
    "CREATE TABLE cgroup_ends(cgroup_id INTEGER NOT NULL, sample_id INTEGER "
    "NOT NULL, PRIMARY KEY(cgroup_id, sample_id)) WITHOUT ROWID;";

/* Step 0 -> 1: the first schema. */
static int
recdb_schema_v1(sqlite3 *db)
{
	return sqlite3_exec(db, recdb_v1, NULL, NULL, NULL);
}

/* Step 1 -> 2: cgroup rows and black boxes. */
static int
recdb_schema_v2(sqlite3 *db)
{
	return sqlite3_exec(db, recdb_v2, NULL, NULL, NULL);
}

/* Step 2 -> 3: procs.end_sample. */
static int
recdb_schema_v3(sqlite3 *db)
{
	return sqlite3_exec(db, recdb_v3, NULL, NULL, NULL);
}

/* Step 3 -> 4: cgroup_ends. */
static int
recdb_schema_v4(sqlite3 *db)
{
	return sqlite3_exec(db, recdb_v4, NULL, NULL, NULL);
}

/* recdb_schema_steps[v] takes version v to v + 1. */
static int (*const recdb_schema_steps[RECDB_VERSION])(sqlite3 *db) = {
    recdb_schema_v1,
    recdb_schema_v2,
    recdb_schema_v3,
    recdb_schema_v4,
};

/* Run one step (see recdb_schema.h). */
int
recdb_schema_step(sqlite3 *db, int from)
{
	if (from < 0 || from >= RECDB_VERSION)
		return SQLITE_MISUSE;
	return recdb_schema_steps[from](db);
}

/* Whether sql (a query of LIMIT 0) compiles on db. */
static bool
recdb_schema_has(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	sqlite3_finalize(st);
	return rc == SQLITE_OK;
}

/* Whether procs has end_sample (see recdb_schema.h). */
bool
recdb_schema_has_end(sqlite3 *db)
{
	return recdb_schema_has(db, "SELECT end_sample FROM procs LIMIT 0");
}

/* Whether db has cgroup_ends (see recdb_schema.h). */
bool
recdb_schema_has_cg_ends(sqlite3 *db)
{
	return recdb_schema_has(db,
	                        "SELECT sample_id FROM cgroup_ends LIMIT 0");
}
