/*
 * vforkhold SECONDS [thread]: hold a task of this process in D state for
 * SECONDS (at most 600). It vforks; the vforking task then waits in the
 * kernel, in uninterruptible (killable) sleep, until the child execs or
 * exits; the child writes "ready" and sleeps SECONDS before it exits.
 * Without "thread" the main thread vforks (this pid is in D); with it a
 * second thread vforks while the main thread sleeps in pthread_join
 * (state S), so only that thread is in D. The live tests read them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* vfork, let the child sleep arg seconds, reap it. */
static void *
vforkhold_hold(void *arg)
{
	volatile long s = *(const long *)arg;
	pid_t child = vfork();

	if (child < 0)
		return NULL;
	if (child == 0) {
		/* only async-signal-safe calls in a vfork child */
		struct timespec ts = {(time_t)s, 0};
		(void)!write(STDOUT_FILENO, "ready\n", 6);
		while (nanosleep(&ts, &ts) != 0)
			;
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return NULL;
}

/* Hold the main thread or a second one in D. */
int
main(int argc, char **argv)
{
	long s = argc > 1 ? strtol(argv[1], NULL, 10) : 10;
	pthread_t th;

	if (s < 0 || s > 600)
		s = 10;
	if (argc > 2 && strcmp(argv[2], "thread") == 0) {
		if (pthread_create(&th, NULL, vforkhold_hold, &s) != 0)
			return 1;
		pthread_join(th, NULL);
		return 0;
	}
	vforkhold_hold(&s);
	return 0;
}
