/*
 * act_child: child processes the action-layer tests start and act on.
 * Tests only ever signal or adjust these children (and reap them).
 */
#ifndef OOMWATCH_TESTS_ACT_CHILD_H
#define OOMWATCH_TESTS_ACT_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct act_child {
	pid_t pid;           /* 0 when none */
	uint64_t start_time; /* stat field 22 */
};

/* Fork a child that touches mem_kb kB of anonymous memory (0: none) and
 * then sleeps until killed. Returns once it is ready: 0, or -1. */
int act_child_start(struct act_child *c, size_t mem_kb);

/* Make the next fork in this pid namespace get pid want (writes
 * ns_last_pid; root only). 0, or -1. Another process may still fork
 * first: check the pid you got and try again. */
int act_child_next_pid(pid_t want);

/* Fork a sleeping child whose pid is want, using ns_last_pid; tries a few
 * times. 0 on success; -1 when the pid could not be had (no permission,
 * or another process took it). */
int act_child_start_at(struct act_child *c, pid_t want);

/* In a forked child: map and touch mem_kb kB of anonymous memory
 * (_exit(1) when it cannot). */
void act_child_touch_kb(size_t mem_kb);

/* SIGKILL and reap (no-op when c->pid is 0). */
void act_child_kill(struct act_child *c);

/* Kill and reap every child still running that act_child started (a
 * per-test teardown, so a failed assertion leaks nothing). */
void act_child_kill_all(void);

/* act_child_kill_all as a cmocka teardown (state unused); returns 0. */
int act_child_reap(void **state);

/* How many fds this process has open (-1 when /proc/self/fd is
 * unreadable). */
int act_child_open_fds(void);

/* True when fd is open in this process. */
bool act_child_fd_open(int fd);

/* Is pid alive (not gone, not a zombie)? */
bool act_alive(pid_t pid);

/* Start time of pid from /proc, 0 if unreadable. */
uint64_t act_start_time(pid_t pid);

/* State letter of pid from /proc, 0 if gone. */
char act_state(pid_t pid);

/* Read /proc/PID/<name> as one integer; -100000 when unreadable. */
long act_read_long(pid_t pid, const char *name);

/* Write text to /proc/PID/<name> with write(2): 0 or -errno. */
int act_write_text(pid_t pid, const char *name, const char *text);

/* Open /proc as a directory fd. */
int act_proc_root(void);

#endif
