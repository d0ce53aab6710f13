/*
 * recerr.c: SQLite failures on the history database as one-line messages
 * (see recerr.h).
 */
#include "persist/recerr.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "persist/recsql.h"

/* SQLite's reason for rc: db's message while it still describes a
 * failure (a reset, finalize or bind since clears it to SQLITE_OK's "not
 * an error"), else the code's text. */
static const char *
recerr_reason(sqlite3 *db, int rc)
{
	const char *msg = db != NULL ? sqlite3_errmsg(db) : NULL;

	if (msg != NULL && strcmp(msg, sqlite3_errstr(SQLITE_OK)) != 0)
		return msg;
	return sqlite3_errstr(rc);
}

/* The kind of failure rc on db at path. */
static enum recerr_kind
recerr_kind_of(sqlite3 *db, int rc, const char *path)
{
	struct stat sb;
	int prim = rc & 0xff;
	int sys = db != NULL ? sqlite3_system_errno(db) : 0;

	if (path != NULL && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return RECERR_DIR;
	if (prim == SQLITE_FULL || (prim == SQLITE_IOERR && sys == ENOSPC))
		return RECERR_FULL;
	if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT)
		return RECERR_CORRUPT;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return RECERR_LOCKED;
	if (prim == SQLITE_READONLY || prim == SQLITE_PERM)
		return RECERR_READONLY;
	if (prim == SQLITE_NOMEM)
		return RECERR_NOMEM;
	return RECERR_OTHER;
}

/* Map a failure to its kind and message (see recerr.h). */
enum recerr_kind
recerr_say(sqlite3 *db, int rc, const char *path, const char *what, int busy_ms,
           char *buf, size_t size)
{
	enum recerr_kind k = recerr_kind_of(db, rc, path);
	const char *why = recerr_reason(db, rc);
	int n = path != NULL ? snprintf(buf, size, "%s: ", path) : 0;

	if (n < 0 || (size_t)n >= size)
		return k;
	buf += n;
	size -= (size_t)n;
	switch (k) {
	case RECERR_DIR:
		snprintf(buf, size, "is a directory, not a database file");
		break;
	case RECERR_CORRUPT:
		snprintf(buf, size, "not a history database, or damaged (%s)",
		         why);
		break;
	case RECERR_LOCKED:
		snprintf(buf, size,
		         "locked by another program for more than %d s; try "
		         "again",
		         (busy_ms + 999) / 1000);
		break;
	case RECERR_FULL:
		snprintf(buf, size, "disk full while %s",
		         what ? what : "reading");
		break;
	case RECERR_READONLY:
		snprintf(buf, size, "cannot write the database (%s)", why);
		break;
	case RECERR_NOMEM:
		snprintf(buf, size, "out of memory");
		break;
	default:
		snprintf(buf, size, "%s: %s",
		         what ? what : "cannot read the database", why);
	}
	return k;
}
