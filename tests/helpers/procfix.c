/* procfix.c: fixture file reader for unit tests (see procfix.h). */
#include "procfix.h"

#include "model/snapshot.h"

#include <stdio.h>

/* Read a fixture file. */
ssize_t
procfix_read(const char *rel, char *buf, size_t cap)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s%s", PROCFIX_DIR, rel);
	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return (ssize_t)n;
}

/* The row of pid, or NULL. */
const struct proc_row *
procfix_row_of(const struct snapshot *s, int32_t pid)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}
