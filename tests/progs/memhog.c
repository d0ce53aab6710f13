/*
 * memhog: a child for live tests. Allocates and touches MIB mebibytes,
 * raises its own oom_score_adj to ADJ (raising needs no privilege), sets
 * its name to NAME with prctl when given (any bytes: tests pass hostile
 * names), prints "ready PID" on stdout and sleeps until killed.
 * Usage: memhog MIB ADJ [NAME]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Write adj to /proc/self/oom_score_adj; 0 or -1. */
static int
set_adj(const char *adj)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, adj, strlen(adj));
	close(fd);
	return n == (ssize_t)strlen(adj) ? 0 : -1;
}

/* Allocate, touch, name, report, sleep. */
int
main(int argc, char **argv)
{
	long mib;
	size_t size;
	char *mem;

	if (argc < 3 || (mib = strtol(argv[1], NULL, 10)) < 0) {
		fprintf(stderr, "usage: memhog MIB ADJ [NAME]\n");
		return 2;
	}
	size = (size_t)mib << 20;
	mem = size ? malloc(size) : NULL;
	if (size && mem == NULL) {
		perror("memhog: malloc");
		return 1;
	}
	for (size_t i = 0; i < size; i += 4096)
		mem[i] = (char)(i >> 12);
	if (set_adj(argv[2]) != 0) {
		perror("memhog: oom_score_adj");
		return 1;
	}
	if (argc > 3 && prctl(PR_SET_NAME, argv[3], 0, 0, 0) != 0) {
		perror("memhog: prctl");
		return 1;
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
