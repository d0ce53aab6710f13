/*
 * ui_files.c: the files the dashboard reads and writes: oomwatchrc under
 * $XDG_CONFIG_HOME (written atomically: a mkstemp file in the same
 * directory, fsync, rename over the old one, mode 0600) and theme files
 * (searched as ui.h says; never the current directory, so a hostile
 * directory cannot restyle or confuse a root session).
 */
#include "app/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_MAX (64 * 1024)

/* Read a whole small file into buf; its length, or -errno. */
static ssize_t
read_file(const char *path, char *buf, size_t size)
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

/* $XDG_CONFIG_HOME/oomwatch/<rest>, or ~/.config/...; 0 or -ENOENT. */
static int
config_file(char *buf, size_t size, const char *rest)
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
ui_config_path(char *buf, size_t size)
{
	return config_file(buf, size, "oomwatchrc");
}

/* Read oomwatchrc over cfg. */
int
ui_config_load(const char *path, struct config *cfg, char *warn,
               size_t warn_size)
{
	char *buf = malloc(FILE_MAX);
	ssize_t n;

	if (buf == NULL)
		return -ENOMEM;
	n = read_file(path, buf, FILE_MAX);
	if (n >= 0)
		config_parse(cfg, buf, (size_t)n, warn, warn_size, NULL);
	free(buf);
	return n == -ENOENT ? 0 : n < 0 ? (int)n : 0;
}

/* mkdir -p for the parents of path, mode 0700. */
static int
make_parents(const char *path)
{
	char dir[PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof dir)
		return -ENAMETOOLONG;
	memcpy(dir, path, len + 1);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return 0;
}

/* Write cfg atomically. */
int
ui_config_save(const char *path, const struct config *cfg)
{
	char tmp[PATH_MAX], text[2048];
	size_t len = config_format(cfg, text, sizeof text), off = 0;
	ssize_t n;
	int fd, rc;

	if (len >= sizeof text)
		return -EOVERFLOW;
	if ((rc = make_parents(path)) != 0)
		return rc;
	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
		return -ENAMETOOLONG;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	rc = fchmod(fd, 0600) == 0 ? 0 : -errno;
	while (rc == 0 && off < len) {
		n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rc = n < 0 ? -errno : -EIO;
		else
			off += (size_t)n;
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -errno;
	if (rc != 0)
		unlink(tmp);
	return rc;
}

/* The directory of the running binary. */
void
ui_exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	char *slash;

	if (n <= 0) {
		snprintf(buf, size, ".");
		return;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash != NULL)
		*slash = '\0';
}

/* Parse one theme file; 0, -ENOENT (no such file) or -1 (bad file). */
static int
theme_file(const char *path, struct theme *out, char *err, size_t err_size,
           char *warn, size_t warn_size)
{
	char *buf = malloc(FILE_MAX);
	ssize_t n;
	int rc;

	if (buf == NULL) {
		snprintf(err, err_size, "%s: out of memory", path);
		return -1;
	}
	n = read_file(path, buf, FILE_MAX);
	if (n == -ENOENT) {
		free(buf);
		return -ENOENT;
	}
	if (n < 0) {
		snprintf(err, err_size, "%s: %s", path, strerror((int)-n));
		free(buf);
		return -1;
	}
	rc = theme_parse(out, buf, (size_t)n, path, err, err_size, warn,
	                 warn_size, NULL);
	free(buf);
	return rc;
}

/* True when a theme name is a plain name (no path parts). */
static bool
plain_name(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') == NULL && n > 0 &&
	       !(n > 6 && strcmp(name + n - 6, ".theme") == 0) &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* Find and parse a theme. */
int
ui_theme_load(const char *name, const char *exe_dir, struct theme *out,
              char *err, size_t err_size, char *warn, size_t warn_size)
{
	char path[PATH_MAX], rest[256];
	const char *dirs[] = {"themes", "../themes",
	                      "../share/oomwatch/themes"};
	int rc;

	if (warn_size > 0)
		warn[0] = '\0';
	if (!plain_name(name)) {
		rc = theme_file(name, out, err, err_size, warn, warn_size);
		if (rc == -ENOENT)
			snprintf(err, err_size, "%s: no such theme file", name);
		return rc == 0 ? 0 : -1;
	}
	snprintf(rest, sizeof rest, "themes/%s.theme", name);
	if (config_file(path, sizeof path, rest) == 0) {
		rc = theme_file(path, out, err, err_size, warn, warn_size);
		if (rc != -ENOENT)
			return rc == 0 ? 0 : -1;
	}
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s/%s.theme", exe_dir, dirs[i],
		         name);
		rc = theme_file(path, out, err, err_size, warn, warn_size);
		if (rc != -ENOENT)
			return rc == 0 ? 0 : -1;
	}
	theme_init_default(out);
	if (strcmp(name, "default") == 0)
		return 0;
	if (strcmp(name, "mono") == 0) {
		theme_downgrade(out, 1);
		return 0;
	}
	snprintf(err, err_size,
	         "unknown theme '%.64s' (default, light, mono, high-contrast, "
	         "or a theme file)",
	         name);
	return -1;
}
