/*
 * dbfix: a temporary directory with a history database path in it, for
 * the unit tests of the recorder's store and its readers, and raw SQL on
 * that database. No cmocka asserts here (the fuzz replays link the
 * helpers too): callers check the results.
 */
#ifndef OOMWATCH_TESTS_DBFIX_H
#define OOMWATCH_TESTS_DBFIX_H

#include <stdint.h>

struct recdb;
struct recdb_sample;

struct dbfix {
	char dir[64];   /* the temporary directory */
	char path[128]; /* dir/history.db (not created) */
};

/* A new directory /tmp/NAME.XXXXXX and its database path; NULL on
 * failure (name up to 40 bytes). */
struct dbfix *dbfix_new(const char *name);

/* Remove every file in the directory (the database, -wal, -shm, .lock,
 * -journal), the directory, and f. NULL is a no-op. */
void dbfix_free(struct dbfix *f);

/* cmocka setup and teardown: *state = dbfix_new("oomwatch_db"), and
 * dbfix_free(*state). */
int dbfix_setup(void **state);
int dbfix_teardown(void **state);

/* Run sql on the database at path (created when missing): 0, or -1. */
int dbfix_run(const char *path, const char *sql);

/* The first column of sql's first row on path, opened read-only: its
 * integer, -1 for NULL, -999 when there is no row; -998 on an error. */
int64_t dbfix_int(const char *path, const char *sql);

/* recdb_write(db, s), then recdb_sample_clear(s): 0, or -1 with the
 * writer's message on stderr. */
int dbfix_write(struct recdb *db, struct recdb_sample *s);

#endif
