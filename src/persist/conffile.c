/* conffile.c: where oomwatchrc lives, loading and saving it (conffile.h). */
#include "persist/conffile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "persist/atomic.h"
#include "persist/smallfile.h"

/* $XDG_CONFIG_HOME/oomwatch/<rest>, or ~/.config/oomwatch/<rest>. */
int
conffile_dir_path(char *buf, size_t size, const char *rest)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, size, "%s/oomwatch/%s", xdg, rest);
	else if (home != NULL && home[0] == '/')
		n = snprintf(buf, size, "%s/.config/oomwatch/%s", home, rest);
	else
		return -ENOENT;
	return n > 0 && (size_t)n < size ? 0 : -ENAMETOOLONG;
}

/* Where oomwatchrc lives. */
int
conffile_path(char *buf, size_t size)
{
	return conffile_dir_path(buf, size, "oomwatchrc");
}

/* Read oomwatchrc over cfg. */
int
conffile_load(const char *path, struct config *cfg, char *warn,
              size_t warn_size)
{
	char *buf;
	ssize_t n = smallfile_read_new(path, &buf);

	if (n == -ENOENT)
		return 0;
	if (n < 0)
		return (int)n;
	config_parse(cfg, buf, (size_t)n, warn, warn_size, NULL);
	free(buf);
	return 0;
}

/* Write cfg atomically. */
int
conffile_save(const char *path, const struct config *cfg)
{
	char text[2048];
	size_t len = config_format(cfg, text, sizeof text);

	if (len >= sizeof text)
		return -EOVERFLOW;
	return atomic_write(path, text, len);
}
