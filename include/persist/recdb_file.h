/*
 * recdb_file: the recorder's files around its database (persist/recdb.h):
 * the one-writer lock and the files' mode and owner.
 *
 * The lock is an exclusive flock(2) on REALPATH.lock, REALPATH the
 * database file's real path (symlinks and "./" resolved), so a second
 * recorder is refused whatever name it reaches the same file by (a
 * symlink, a relative path). The file holds the holder's pid, for the
 * message.
 *
 * Mode: a history database holds command lines, so its files (the
 * database, -wal and -shm) are 0640, root:adm when root. A new file gets
 * that; an existing one the recorder owns with more than 0640's bits
 * (0644 from a restore or a copy) is brought down to them (mode & 0640),
 * and as root given to root:adm.
 */
#ifndef OOMWATCH_PERSIST_RECDB_FILE_H
#define OOMWATCH_PERSIST_RECDB_FILE_H

#include <stddef.h>

#include "persist/recdb.h"

/*
 * Take the locks for the database at path (an existing file): REALPATH.lock
 * (flock) and a write lock on the file itself (an open file description
 * lock far past SQLite's lock bytes, so a hard link or a mount of the same
 * file is refused too). RECDB_OK with their fds in *fd and *inode_fd
 * (close both, after SQLite closed the file, to let go), else both -1 and
 * RECDB_LOCKED ("PATH: another recorder (pid N) writes this database"),
 * RECDB_READONLY or RECDB_ERROR with a one-line message in err.
 */
enum recdb_status recdb_file_lock(const char *path, int *fd, int *inode_fd,
                                  char *err, size_t errsz);

/* Give the open file fd a new database file's mode and owner: 0640,
 * root:adm when root (failures leave it private enough: root:root, or
 * stricter). */
void recdb_file_own(int fd);

/* Bring the database at path and its -wal and -shm (those that exist and
 * that this process owns) down to 0640's bits, root:adm when root. */
void recdb_file_tighten(const char *path);

#endif
