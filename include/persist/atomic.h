/*
 * atomic: write a file so that a reader sees the old contents or the new,
 * never a part: a mkstemp file in the same directory, fsync, rename over
 * the old one. Files are mode 0600 and directories created on the way are
 * 0700 (settings may name themes and columns of a root session).
 * Syscall-facing: 0 or -errno, no messages.
 */
#ifndef OOMWATCH_PERSIST_ATOMIC_H
#define OOMWATCH_PERSIST_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* mkdir -p for the directories above path (not path itself), each new one
 * mode 0700; existing ones are left as they are. 0 or -errno. */
int atomic_make_parents(const char *path);

/*
 * Replace path with len bytes of data, atomically (see above), creating
 * its parent directories. On failure the old file is untouched and no
 * temporary file is left behind. 0 or -errno.
 */
int atomic_write(const char *path, const void *data, size_t len);

/* atomic_write with the new file of mode (for files other users read,
 * such as node_exporter's textfiles: 0644). 0 or -errno. */
int atomic_write_mode(const char *path, const void *data, size_t len,
                      mode_t mode);

#endif
