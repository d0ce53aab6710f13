/*
 * smallfile: read a whole small file (settings, themes) in one call.
 * Syscall-facing: 0 / lengths or -errno, no messages.
 */
#ifndef OOMWATCH_PERSIST_SMALLFILE_H
#define OOMWATCH_PERSIST_SMALLFILE_H

#include <stddef.h>
#include <sys/types.h>

/* The most a settings or theme file may hold; a longer file is cut here. */
#define SMALLFILE_MAX (64 * 1024)

/*
 * Read up to size bytes of path into buf (not NUL-terminated). Returns the
 * length read, or -errno (-ENOENT for a missing file). EINTR is retried.
 */
ssize_t smallfile_read(const char *path, char *buf, size_t size);

/*
 * Read up to SMALLFILE_MAX bytes of path into a new buffer: *out is the
 * caller's to free (set only on success). Returns the length, or -errno
 * (-ENOMEM when the buffer cannot be had).
 */
ssize_t smallfile_read_new(const char *path, char **out);

#endif
