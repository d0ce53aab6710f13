/*
 * vforkhold SECONDS: hold this process in D state for SECONDS (at most
 * 600). It vforks; the parent then waits in the kernel, in uninterruptible
 * (killable) sleep, until the child execs or exits; the child writes
 * "ready" and sleeps SECONDS before it exits. The live tests read the
 * parent (this pid) as a task in D.
 */
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* vfork, let the child sleep, reap it. */
int
main(int argc, char **argv)
{
	volatile long s = argc > 1 ? strtol(argv[1], NULL, 10) : 10;
	pid_t child;

	if (s < 0 || s > 600)
		s = 10;
	child = vfork();
	if (child < 0)
		return 1;
	if (child == 0) {
		/* only async-signal-safe calls in a vfork child */
		struct timespec ts = {(time_t)s, 0};
		(void)!write(STDOUT_FILENO, "ready\n", 6);
		while (nanosleep(&ts, &ts) != 0)
			;
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return 0;
}
