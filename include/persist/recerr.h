/*
 * recerr: the one mapper from an SQLite failure on the history database
 * to a kind and a one-line message, shared by its writer (persist/recdb.h)
 * and its readers (persist/recread.h, persist/recload.h), so each failure
 * reads the same wherever it shows:
 *
 *   a directory   "PATH: is a directory, not a database file"
 *   not a db, damaged
 *                 "PATH: not a history database, or damaged (REASON)"
 *   locked        "PATH: locked by another program for more than N s;
 *                 try again"
 *   disk full     "PATH: disk full while WHAT"
 *   read-only     "PATH: cannot write the database (REASON)"
 *   out of memory "PATH: out of memory"
 *   anything else "PATH: WHAT: REASON"
 *
 * REASON is SQLite's message for the failure: the connection's own while
 * it still holds one, else SQLite's text for the code (never the "not an
 * error" a reset, finalize or bind leaves). Without a path, the "PATH: " prefix
 * is left out; without WHAT, "cannot read the database" stands for it.
 */
#ifndef OOMWATCH_PERSIST_RECERR_H
#define OOMWATCH_PERSIST_RECERR_H

#include <stddef.h>

struct sqlite3;

/* An SQLite database without oomwatch's schema version (user_version 0
 * with tables of its own), said the same by the writer and the readers
 * after "PATH: ". */
#define RECERR_FOREIGN                                                         \
	"not a history database (an SQLite database with no schema version); " \
	"choose another --db"

/* What kind of failure. */
enum recerr_kind {
	RECERR_OTHER = 0,
	RECERR_DIR,      /* the path is a directory */
	RECERR_CORRUPT,  /* not a database, or damaged */
	RECERR_LOCKED,   /* busy past the busy timeout */
	RECERR_FULL,     /* the disk is full */
	RECERR_READONLY, /* cannot be written */
	RECERR_NOMEM,    /* out of memory */
};

/*
 * Map the failure rc (an SQLite result code) on db (NULL when the open
 * itself failed) at path (NULL: no prefix; a directory there is said as
 * such), while doing what (NULL: reading), with a busy timeout of busy_ms,
 * to its kind, with the message in buf (size bytes, always terminated).
 */
enum recerr_kind recerr_say(struct sqlite3 *db, int rc, const char *path,
                            const char *what, int busy_ms, char *buf,
                            size_t size);

#endif
