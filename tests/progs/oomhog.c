/*
 * oomhog: a child for the kernel-log live test. Touches MIB mebibytes of
 * anonymous memory one page at a time (default 256), so in a memory
 * cgroup with a smaller limit the kernel's OOM killer kills it. Exits 0 if
 * it survives (the test then fails: no kill happened).
 * Usage: oomhog [MIB]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIB (1024 * 1024)

/* Touch the memory page by page. */
int
main(int argc, char **argv)
{
	long mib = argc > 1 ? strtol(argv[1], NULL, 10) : 256;
	long page = sysconf(_SC_PAGESIZE), i, off;
	char *p;

	if (mib <= 0 || mib > 65536 || page <= 0)
		return 2;
	for (i = 0; i < mib; i++) {
		p = malloc(MIB);
		if (p == NULL)
			return 3;
		for (off = 0; off < MIB; off += page)
			p[off] = (char)(i + 1);
	}
	printf("survived %ld MiB\n", mib);
	return 0;
}
