/* fakejctl.c: a fake journalctl first in PATH (see fakejctl.h). */
#include "fakejctl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write the fake, put it first in PATH. */
int
fakejctl_install(struct fakejctl *f, const char *script)
{
	char path[PATH_MAX + 4200];
	const char *old = getenv("PATH");
	FILE *out;

	snprintf(f->dir, sizeof f->dir, "/tmp/oomwatch-jctl.XXXXXX");
	snprintf(f->old_path, sizeof f->old_path, "%s", old ? old : "");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/journalctl", f->dir);
	if ((out = fopen(path, "w")) == NULL)
		return -1;
	fprintf(out, "#!/bin/sh\necho $$ >>%s/pids\n%s\n", f->dir, script);
	if (fclose(out) != 0 || chmod(path, 0700) != 0)
		return -1;
	snprintf(path, sizeof path, "%s:%s", f->dir, f->old_path);
	return setenv("PATH", path, 1);
}

/* The pids file's lines: how many, and the last one's pid. */
static size_t
fakejctl_read(const struct fakejctl *f, long *last)
{
	char path[PATH_MAX];
	size_t n = 0;
	long pid;
	FILE *in;

	snprintf(path, sizeof path, "%s/pids", f->dir);
	if ((in = fopen(path, "r")) == NULL)
		return 0;
	while (fscanf(in, "%ld", &pid) == 1) {
		*last = pid;
		n++;
	}
	fclose(in);
	return n;
}

/* How many times it started. */
size_t
fakejctl_runs(const struct fakejctl *f)
{
	long last;

	return fakejctl_read(f, &last);
}

/* The pid of its last start, once it started n times. */
pid_t
fakejctl_pid(const struct fakejctl *f, size_t n, int wait_ms)
{
	long last = -1;

	for (int waited = 0; fakejctl_read(f, &last) < n && waited < wait_ms;
	     waited += 20)
		usleep(20000);
	return (pid_t)last;
}

/* Remove it, restore PATH. */
void
fakejctl_remove(struct fakejctl *f)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/journalctl", f->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/pids", f->dir);
	unlink(path);
	rmdir(f->dir);
	setenv("PATH", f->old_path, 1);
}
