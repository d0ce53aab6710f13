/*
 * namedsleeper [-s] NAME [MB]: set this process's name (comm) to NAME, raw
 * bytes and all (escape sequences, invalid UTF-8: the terminal tests'
 * hostile names), optionally allocate and touch MB megabytes, then sleep
 * until killed (at most 10 minutes, so a crashed test leaves nothing
 * behind for long). Prints "ready" once the name and memory are set.
 * -s: first re-execute as argv "ns NAME [MB]", a command line short enough
 * for NAME to fit in a narrow COMMAND column wherever the binary lives.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Set the name, take the memory, sleep. */
int
main(int argc, char **argv)
{
	unsigned long mb = 0;
	volatile char *mem;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		char *args[] = {"ns", argc > 2 ? argv[2] : NULL,
		                argc > 3 ? argv[3] : NULL, NULL};
		execv("/proc/self/exe", args);
		perror("execv");
		return 1;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: namedsleeper [-s] NAME [MB]\n");
		return 2;
	}
	if (argc > 2)
		mb = strtoul(argv[2], NULL, 10);
	if (prctl(PR_SET_NAME, argv[1], 0, 0, 0) != 0) {
		perror("prctl");
		return 1;
	}
	if (mb > 0) {
		mem = malloc(mb << 20);
		if (mem == NULL) {
			perror("malloc");
			return 1;
		}
		/* volatile stores: the compiler may not drop them */
		for (size_t i = 0; i < (mb << 20); i += 4096)
			mem[i] = 0x5a;
	}
	printf("ready\n");
	fflush(stdout);
	alarm(600);
	for (;;)
		pause();
}
