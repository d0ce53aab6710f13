/* procfix.c: fixture file reader for unit tests (see procfix.h). */
#include "procfix.h"

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
