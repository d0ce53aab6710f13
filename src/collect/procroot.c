/* procroot.c: the /proc root dirfd and bounded reads under it. */
#include "collect/procroot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open the proc root directory. */
int
procroot_open(const char *path)
{
	int fd = open(path ? path : PROCROOT_DEFAULT,
	              O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* Open a directory under dirfd as an O_PATH handle. */
int
procroot_open_dir(int dirfd, const char *name)
{
	int fd;

	do {
		fd = openat(dirfd, name,
		            O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	} while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : fd;
}

/* Read a whole (bounded) file relative to dirfd. */
ssize_t
procroot_read(int dirfd, const char *name, char *buf, size_t cap)
{
	return procroot_read_keep(dirfd, name, buf, cap, NULL, NULL);
}

/* Read a whole (bounded) file relative to dirfd, and its inode number. */
ssize_t
procroot_read_ino(int dirfd, const char *name, char *buf, size_t cap,
                  uint64_t *ino)
{
	return procroot_read_keep(dirfd, name, buf, cap, ino, NULL);
}

/* Read fd from where it stands into buf (cap bytes): until EOF when
 * to_eof, else until the first short read. Bytes read, or -errno. */
static ssize_t
procroot_read_upto(int fd, char *buf, size_t cap, bool to_eof)
{
	size_t len = 0;
	ssize_t n;

	while (len < cap) {
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		/*
		 * Without to_eof a short read is the end: the small /proc
		 * files hand over all they have in one read when the buffer
		 * is big enough (not the multi-page ones: procroot_read_all),
		 * and a fixture (a regular file) reads short only at its end.
		 * Stopping here saves a read() per file, a sixth of a
		 * snapshot's syscalls.
		 */
		if (!to_eof && len < cap)
			break;
	}
	return (ssize_t)len;
}

/* Read an open file from where it stands, up to cap bytes. */
ssize_t
procroot_read_fd(int fd, char *buf, size_t cap)
{
	return procroot_read_upto(fd, buf, cap, false);
}

/* Read an open file from where it stands until EOF or cap bytes. */
ssize_t
procroot_read_all_fd(int fd, char *buf, size_t cap)
{
	return procroot_read_upto(fd, buf, cap, true);
}

/* Open name under dirfd for reading, retrying on EINTR: fd or -errno. */
static int
procroot_openat(int dirfd, const char *name)
{
	int fd;

	do {
		fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	} while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : fd;
}

/* Read a whole file relative to dirfd until EOF, at most cap bytes. */
ssize_t
procroot_read_all(int dirfd, const char *name, char *buf, size_t cap)
{
	int fd = procroot_openat(dirfd, name);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = procroot_read_all_fd(fd, buf, cap);
	close(fd);
	return n;
}

/* Read a whole file relative to dirfd into a grown heap buffer. */
ssize_t
procroot_read_alloc(int dirfd, const char *name, size_t max, char **out)
{
	size_t cap = 16384, len = 0;
	char *buf = NULL, *nb;
	int fd = procroot_openat(dirfd, name);
	ssize_t n = 0;

	*out = NULL;
	if (fd < 0)
		return fd;
	for (;;) {
		if (cap > max)
			cap = max;
		nb = cap > len ? realloc(buf, cap) : NULL;
		if (nb == NULL) {
			n = cap > len ? -ENOMEM : -EFBIG;
			break;
		}
		buf = nb;
		n = procroot_read_all_fd(fd, buf + len, cap - len);
		if (n < 0)
			break;
		len += (size_t)n;
		if (len < cap) /* EOF before the buffer filled */
			break;
		cap *= 2;
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return n;
	}
	*out = buf;
	return (ssize_t)len;
}

/* Read a file under dirfd (its inode with ino), leaving it open in *fdp. */
ssize_t
procroot_read_keep(int dirfd, const char *name, char *buf, size_t cap,
                   uint64_t *ino, int *fdp)
{
	struct stat st;
	ssize_t n;
	int fd;

	if (fdp != NULL)
		*fdp = -1;
	fd = procroot_openat(dirfd, name);
	if (fd < 0)
		return fd;
	n = procroot_read_fd(fd, buf, cap);
	if (n >= 0 && ino != NULL) {
		if (fstat(fd, &st) == 0)
			*ino = (uint64_t)st.st_ino;
		else
			n = -errno;
	}
	if (fdp != NULL)
		*fdp = fd;
	else
		close(fd);
	return n;
}

/* Sort a few fds (insertion sort: a process has at most a handful). */
static void
procroot_sort_fds(int *fds, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int v = fds[i];
		size_t j = i;
		while (j > 0 && fds[j - 1] > v) {
			fds[j] = fds[j - 1];
			j--;
		}
		fds[j] = v;
	}
}

/* Close the caller's fds, one close_range(2) per run of consecutive ones. */
void
procroot_close_fds(int *fds, size_t n)
{
	size_t i = 0, j;

	procroot_sort_fds(fds, n);
	while (i < n && fds[i] < 0)
		i++;
	for (; i < n; i = j) {
		for (j = i + 1; j < n && fds[j] == fds[j - 1] + 1; j++)
			;
		/*
		 * Every number in [fds[i], fds[j-1]] is one of ours, so no
		 * other thread's fd is in the range. Kernels before 5.9 (no
		 * close_range) close one by one.
		 */
		if (j - i == 1 ||
		    close_range((unsigned)fds[i], (unsigned)fds[j - 1], 0) != 0)
			for (size_t k = i; k < j; k++)
				close(fds[k]);
	}
}
