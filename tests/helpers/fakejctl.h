/*
 * fakejctl: a fake journalctl first in PATH for tests of the boot
 * history's readers (collect/bootjob.h, the Boots screen): a shell
 * script in a fresh directory that appends its pid to DIR/pids, then runs
 * the test's script line ("sleep 2; cat FILE", "exec sleep 30").
 */
#ifndef OOMWATCH_TESTS_FAKEJCTL_H
#define OOMWATCH_TESTS_FAKEJCTL_H

#include <stddef.h>
#include <sys/types.h>

/* One fake and the PATH it replaced. */
struct fakejctl {
	char dir[64];
	char old_path[4096];
};

/* Write the fake and put its directory first in PATH: 0, or -1. */
int fakejctl_install(struct fakejctl *f, const char *script);
/* How many times it started. */
size_t fakejctl_runs(const struct fakejctl *f);
/* The pid of its last start once it started n times (waiting up to
 * wait_ms for that); -1: it never started. */
pid_t fakejctl_pid(const struct fakejctl *f, size_t n, int wait_ms);
/* Remove it and its directory; PATH as it was. */
void fakejctl_remove(struct fakejctl *f);

#endif
