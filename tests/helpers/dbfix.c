/*
 * dbfix: temporary history databases for unit tests (see dbfix.h).
 */
#include "dbfix.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "persist/recdb.h"

/* A new directory /tmp/NAME.XXXXXX and its database path. */
struct dbfix *
dbfix_new(const char *name)
{
	struct dbfix *f = calloc(1, sizeof *f);

	if (f == NULL)
		return NULL;
	snprintf(f->dir, sizeof f->dir, "/tmp/%.40s.XXXXXX", name);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return NULL;
	}
	snprintf(f->path, sizeof f->path, "%s/history.db", f->dir);
	return f;
}

/* Remove the directory with every file in it, and f. */
void
dbfix_free(struct dbfix *f)
{
	DIR *d;
	struct dirent *e;
	char p[384];

	if (f == NULL)
		return;
	d = opendir(f->dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
		unlink(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(f->dir);
	free(f);
}

/* cmocka setup: a new fixture in *state. */
int
dbfix_setup(void **state)
{
	*state = dbfix_new("oomwatch_db");
	return *state != NULL ? 0 : -1;
}

/* cmocka teardown: the fixture in *state removed. */
int
dbfix_teardown(void **state)
{
	dbfix_free(*state);
	return 0;
}

/* Run sql on path (created when missing). */
int
dbfix_run(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		rc = 0;
	sqlite3_close(db);
	return rc;
}

/* The first column of sql's first row on path, read-only. */
int64_t
dbfix_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -998;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	        SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		v = -999;
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_type(s, 0) == SQLITE_NULL
			        ? -1
			        : sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Write s to db and free what it holds. */
int
dbfix_write(struct recdb *db, struct recdb_sample *s)
{
	char err[512] = "";
	int rc = recdb_write(db, s, err, sizeof err) == RECDB_OK ? 0 : -1;

	if (rc != 0)
		fprintf(stderr, "recdb_write: %s\n", err);
	recdb_sample_clear(s);
	return rc;
}
