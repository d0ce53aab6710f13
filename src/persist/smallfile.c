/* smallfile.c: whole-file reads of small files (smallfile.h). */
#include "persist/smallfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* Read a whole small file into buf; its length, or -errno. */
ssize_t
smallfile_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (len < size && (n = read(fd, buf + len, size - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return n;
		}
		len += (size_t)n;
	}
	close(fd);
	return (ssize_t)len;
}

/* Read a whole small file into a new buffer; its length, or -errno. */
ssize_t
smallfile_read_new(const char *path, char **out)
{
	char *buf = malloc(SMALLFILE_MAX);
	ssize_t n;

	if (buf == NULL)
		return -ENOMEM;
	n = smallfile_read(path, buf, SMALLFILE_MAX);
	if (n < 0) {
		free(buf);
		return n;
	}
	*out = buf;
	return n;
}
