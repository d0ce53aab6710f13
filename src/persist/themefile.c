/* themefile.c: the theme search and theme file loading (themefile.h). */
#include "persist/themefile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "persist/conffile.h"
#include "persist/smallfile.h"

/* Parse one theme file; 0, -ENOENT (no such file) or -1 (bad file). */
static int
themefile_parse(const char *path, struct theme *out, char *err, size_t err_size,
                char *warn, size_t warn_size)
{
	char *buf;
	ssize_t n = smallfile_read_new(path, &buf);
	int rc;

	if (n == -ENOENT)
		return -ENOENT;
	if (n < 0) {
		snprintf(err, err_size, "%s: %s", path, strerror((int)-n));
		return -1;
	}
	rc = theme_parse(out, buf, (size_t)n, path, err, err_size, warn,
	                 warn_size, NULL);
	free(buf);
	return rc;
}

/* True when a theme name is a plain name (no path parts). */
static bool
themefile_plain_name(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') == NULL && n > 0 &&
	       !(n > 6 && strcmp(name + n - 6, ".theme") == 0) &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* The built-in theme called name into out: 0, or -1 with err set. */
static int
themefile_builtin(const char *name, struct theme *out, char *err,
                  size_t err_size)
{
	bool mono = strcmp(name, "mono") == 0;

	if (!mono && strcmp(name, "default") != 0) {
		snprintf(err, err_size,
		         "unknown theme '%.64s' (default, light, mono, "
		         "high-contrast, or a theme file)",
		         name);
		return -1;
	}
	theme_init_default(out);
	if (mono)
		theme_downgrade(out, 1);
	return 0;
}

/* Find and parse a theme. */
int
themefile_load(const char *name, const char *exe_dir, struct theme *out,
               char *err, size_t err_size, char *warn, size_t warn_size)
{
	char path[PATH_MAX], rest[256];
	const char *dirs[] = {"themes", "../themes",
	                      "../share/oomwatch/themes"};
	int rc;

	if (warn_size > 0)
		warn[0] = '\0';
	if (!themefile_plain_name(name)) {
		rc = themefile_parse(name, out, err, err_size, warn, warn_size);
		if (rc == -ENOENT)
			snprintf(err, err_size, "%s: no such theme file", name);
		return rc == 0 ? 0 : -1;
	}
	snprintf(rest, sizeof rest, "themes/%s.theme", name);
	if (conffile_dir_path(path, sizeof path, rest) == 0) {
		rc = themefile_parse(path, out, err, err_size, warn, warn_size);
		if (rc != -ENOENT)
			return rc == 0 ? 0 : -1;
	}
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s/%s.theme", exe_dir, dirs[i],
		         name);
		rc = themefile_parse(path, out, err, err_size, warn, warn_size);
		if (rc != -ENOENT)
			return rc == 0 ? 0 : -1;
	}
	return themefile_builtin(name, out, err, err_size);
}

/* The directory of the running binary. */
void
themefile_exe_dir(char *buf, size_t size)
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
