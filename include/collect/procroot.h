/*
 * procroot: the /proc root as a directory fd, opened once. Every read in
 * the collectors is relative to it, so `--proc-root DIR` (tests, fixture
 * trees under tests/fixtures/proc/<scenario>/) changes every path at once.
 */
#ifndef OOMWATCH_COLLECT_PROCROOT_H
#define OOMWATCH_COLLECT_PROCROOT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROCROOT_DEFAULT "/proc"

/* Open path (NULL: /proc) as a directory: the fd, or -errno. */
int procroot_open(const char *path);

/*
 * Open the directory name under dirfd as an O_PATH handle, for reads
 * relative to it: the fd, or -errno. A /proc/PID handle is pinned to its
 * process: once that process is gone, every open under it fails (ESRCH
 * or ENOENT) even when the pid has been reused (it holds the struct pid).
 */
int procroot_open_dir(int dirfd, const char *name);

/*
 * Read the file name (relative to dirfd) into buf, at most cap bytes,
 * retrying on EINTR. One read() that returns less than asked is taken as
 * the whole file (true of regular files and of the small /proc files read
 * each refresh, not of multi-page seq_files such as /proc/slabinfo or
 * /proc/mounts: use procroot_read_all for those), so a file costs
 * open + read + close. Returns the length read (cap means
 * "maybe more"), or -errno (ENOENT/ESRCH when a process vanished).
 */
ssize_t procroot_read(int dirfd, const char *name, char *buf, size_t cap);

/*
 * procroot_read, and with ino also the inode number of the file read
 * (fstat of the open file: one more syscall). Under /proc, a file's inode
 * belongs to one process: a reused pid shows new inodes (collect/idcache.h).
 */
ssize_t procroot_read_ino(int dirfd, const char *name, char *buf, size_t cap,
                          uint64_t *ino);

/*
 * procroot_read_ino (ino may be NULL), leaving the file open: with fdp,
 * *fdp is the open file (the caller closes it, even when the read failed)
 * or -1 when it could not be opened. Closing a process's files together
 * with procroot_close_fds saves a syscall per file.
 */
ssize_t procroot_read_keep(int dirfd, const char *name, char *buf, size_t cap,
                           uint64_t *ino, int *fdp);

/* Read an open file from its current offset as procroot_read does. */
ssize_t procroot_read_fd(int fd, char *buf, size_t cap);

/*
 * Read an open file from its current offset until read() returns 0 (EOF)
 * or cap bytes are in, retrying on EINTR: the length (cap means "maybe
 * more"), or -errno. For files that may hand over less than asked before
 * their end: /proc/slabinfo, /proc/mounts and mountinfo give about a page
 * per read, and a pipe gives what has been written so far.
 */
ssize_t procroot_read_all_fd(int fd, char *buf, size_t cap);

/* procroot_read_all_fd on the file name relative to dirfd (opened, read,
 * closed): the length, or -errno. */
ssize_t procroot_read_all(int dirfd, const char *name, char *buf, size_t cap);

/*
 * Read the file name relative to dirfd until EOF into a heap buffer that
 * grows (doubling) up to max bytes: the length with *out set (the caller
 * frees it), or -errno with *out NULL (-EFBIG when the file is longer
 * than max, -ENOMEM).
 */
ssize_t procroot_read_alloc(int dirfd, const char *name, size_t max,
                            char **out);

/*
 * Close fds[0..n) (all the caller's, distinct; -1 entries are skipped;
 * the array is sorted in place): each run of consecutive numbers with
 * one close_range(2), so another thread's fd is never in a range.
 */
void procroot_close_fds(int *fds, size_t n);

#endif
