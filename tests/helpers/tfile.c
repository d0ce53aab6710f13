/* tfile: file and audit helpers for unit tests (see tfile.h). */
#include "tfile.h"

#include <stdio.h>
#include <stdlib.h>

/* Write text to path. */
int
tfile_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (f == NULL)
		return -1;
	rc = fputs(text, f) < 0 ? -1 : 0;
	return fclose(f) == 0 ? rc : -1;
}

/* Read path into buf. */
int
tfile_get(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL || size == 0) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return 0;
}

/* Keep one audit line. */
void
tfile_keep_line(void *arg, int priority, const char *line)
{
	struct tfile_lines *l = arg;

	(void)priority;
	if (l->nlines < TFILE_LINES)
		snprintf(l->lines[l->nlines++], sizeof l->lines[0], "%s", line);
}

/* A writable copy of a fixture tree. */
int
tfile_fixture_copy(const char *dir, char *tmpl, char *proc, char *sys,
                   size_t size)
{
	char cmd[1024];

	if (mkdtemp(tmpl) == NULL)
		return -1;
	snprintf(cmd, sizeof cmd, "cp -a '%s/.' '%s/'", dir, tmpl);
	if (system(cmd) != 0)
		return -1;
	snprintf(proc, size, "%s/proc", tmpl);
	snprintf(sys, size, "%s/sys", tmpl);
	return 0;
}
