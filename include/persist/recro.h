/*
 * recro: the one read-only open of the history database, shared by its
 * readers (persist/recread.h for --report and --replay, persist/recload.h
 * for the dashboard's background load), so they open, fall back and note
 * the same way.
 *
 * The file is opened with SQLITE_OPEN_READONLY. A WAL database needs its
 * -shm: when there is none and it cannot be made (a read-only file system,
 * a disk mounted read-only for a post-mortem, a directory the reader
 * cannot write), the open is retried as an immutable file (a file: URI
 * with immutable=1: no locks, no -shm, the -wal not read). No -shm means
 * no recorder is writing it (a WAL writer always has one), so nothing
 * changes under the read. The reader is told in a note:
 *
 *   "read-only file system: read without the -wal (its 12 kB not read)"
 *   "read-only file system: read as is, with no -shm"
 *   ("read-only directory: ..." when the file system is writable)
 *
 * A schema newer than this oomwatch's is read (its v1 tables are what the
 * readers need; later versions only add tables) and noted:
 *
 *   "schema 99, newer than this oomwatch's 3: read as 3"
 *
 * Both notes, when both apply, are joined with "; ".
 */
#ifndef OOMWATCH_PERSIST_RECRO_H
#define OOMWATCH_PERSIST_RECRO_H

#include <stddef.h>
#include <stdint.h>

struct sqlite3;

/* Room for any note. */
#define RECRO_NOTE 160

/*
 * Open path read-only with a busy timeout of busy_ms and read its
 * PRAGMA user_version into *version: SQLITE_OK with *db open and the
 * note in note (size bytes; "" when there is nothing to say), else the
 * failure code, *db left for the caller to read the error from and
 * close (NULL when the open itself failed).
 */
int recro_open(const char *path, int busy_ms, struct sqlite3 **db,
               int64_t *version, char *note, size_t size);

/* The immutable URI for the real path real ("file:" and the path with
 * '%', '?' and '#' %-encoded, then "?immutable=1") into buf (size
 * bytes): 0, or -1 when it does not fit. */
int recro_uri(const char *real, char *buf, size_t size);

#endif
