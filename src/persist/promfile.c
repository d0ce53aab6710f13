/* promfile.c: DIR/oomwatch.prom for node_exporter (promfile.h). */
#include "persist/promfile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "persist/atomic.h"

/* Replace DIR/oomwatch.prom with text, atomically, mode 0644. */
int
promfile_write(const char *dir, const char *text, size_t len)
{
	char path[PATH_MAX];
	struct stat st;

	if (stat(dir, &st) != 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (snprintf(path, sizeof path, "%s/%s", dir, PROMFILE_NAME) >=
	    (int)sizeof path)
		return -ENAMETOOLONG;
	return atomic_write_mode(path, text, len, 0644);
}
