/*
 * recro.c: the history database opened read-only, with the immutable
 * fallback and the readers' notes (see recro.h).
 */
#include "persist/recro.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "persist/recdb.h"
#include "persist/recsql.h"

/* The immutable URI (see the header). */
int
recro_uri(const char *real, char *buf, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char tail[] = "?immutable=1";
	size_t n = 0;

	if (size < sizeof "file:")
		return -1;
	memcpy(buf, "file:", 5);
	n = 5;
	for (const char *p = real; *p; p++) {
		if (n + 4 > size)
			return -1;
		if (*p == '%' || *p == '?' || *p == '#') {
			buf[n++] = '%';
			buf[n++] = hex[(unsigned char)*p >> 4];
			buf[n++] = hex[(unsigned char)*p & 15];
		} else {
			buf[n++] = *p;
		}
	}
	if (n + sizeof tail > size)
		return -1;
	memcpy(buf + n, tail, sizeof tail);
	return 0;
}

/* Open name with flags and read user_version: SQLITE_OK or the failure
 * (the handle left in *db). */
static int
recro_try(const char *name, int flags, int busy_ms, sqlite3 **db,
          int64_t *version)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_open_v2(name, db, flags, NULL);

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(*db, busy_ms);
	rc = sqlite3_prepare_v2(*db, "PRAGMA user_version", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*version = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Whether failure rc is a WAL database's missing -shm that cannot be
 * made (SQLite says "unable to open" on a read-only file system, "a
 * readonly database" in a directory it cannot write): the file is there
 * and has no -shm. */
static bool
recro_no_shm(const char *real, int rc)
{
	char shm[PATH_MAX + 8];
	struct stat sb;

	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return false;
	snprintf(shm, sizeof shm, "%s-shm", real);
	return stat(real, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       stat(shm, &sb) != 0 && errno == ENOENT;
}

/* The note for the immutable fallback on real into note. */
static void
recro_ro_note(const char *real, char *note, size_t size)
{
	char wal[PATH_MAX + 8];
	struct statvfs vf;
	struct stat sb;
	const char *where = statvfs(real, &vf) == 0 && (vf.f_flag & ST_RDONLY)
	                        ? "read-only file system"
	                        : "read-only directory";

	snprintf(wal, sizeof wal, "%s-wal", real);
	if (stat(wal, &sb) == 0 && sb.st_size > 0)
		snprintf(note, size,
		         "%s: read without the -wal (its %" PRId64
		         " kB not read)",
		         where, ((int64_t)sb.st_size + 1023) / 1024);
	else
		snprintf(note, size, "%s: read as is, with no -shm", where);
}

/* Open read-only, falling back to immutable (see the header). */
int
recro_open(const char *path, int busy_ms, sqlite3 **db, int64_t *version,
           char *note, size_t size)
{
	char real[PATH_MAX], uri[3 * PATH_MAX + 32];
	int rc = recro_try(path, SQLITE_OPEN_READONLY, busy_ms, db, version);
	size_t n;

	note[0] = '\0';
	if (rc != SQLITE_OK && realpath(path, real) != NULL &&
	    recro_no_shm(real, rc) && recro_uri(real, uri, sizeof uri) == 0) {
		sqlite3_close(*db);
		*db = NULL;
		rc = recro_try(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
		               busy_ms, db, version);
		if (rc == SQLITE_OK)
			recro_ro_note(real, note, size);
	}
	if (rc == SQLITE_OK && *version > RECDB_VERSION) {
		n = strlen(note);
		snprintf(note + n, size - n,
		         "%sschema %" PRId64 ", newer than this oomwatch's %d: "
		         "read as %d",
		         n ? "; " : "", *version, RECDB_VERSION, RECDB_VERSION);
	}
	return rc;
}
